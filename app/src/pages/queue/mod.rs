//! Check-in and the queue: the hall's check-in desk (`/staff/checkin`), the window staff console (`/staff/window`),
//! the citizen's ticket (`/tickets/{code}`) and the window screen (`/windows/{window_id}/screen`).

pub mod live;
pub mod screens;
mod desk;
mod screen;
mod ticket;
mod window;

pub use desk::CheckinScreen;
pub use screen::WindowScreen;
pub use ticket::TicketScreen;
pub use window::WindowConsole;


pub use crate::pages::param;

