//! Check-in and the queue: the hall's check-in desk, the window staff console, the window screen and the
//! citizen's ticket page. Every action is a plain form post that redirects, so it works without JavaScript. The
//! workflows are in `service::queue`.

mod desk;
mod screens;
mod window;

pub use crate::domain::queue::{ScreenLive, TicketLive};
pub use desk::*;
pub use screens::*;
pub use window::*;

pub use crate::domain::queue::page::*;

/// Window staff only: who is asking.
#[cfg(feature = "ssr")]
async fn staff() -> Result<crate::domain::accounts::Identity, crate::error::AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::WindowStaff, None)).await
}
