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

use crate::forms::Flash;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    pub department_code: String,
    pub name: String,
    pub letter: String,
    pub waiting: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckinDesk {
    pub point_id: String,
    pub point_name: String,
    /// The points this clerk checks people in at (id, name): their own, or every point with a desk for the
    /// administrator. More than one: the page lets them switch.
    pub points: Vec<(String, String)>,
    /// The point has a check-in desk in service (otherwise nothing can be checked in there).
    pub has_desk: bool,
    pub groups: Vec<GroupLine>,
    pub flash: Flash,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    pub code: String,
    pub live: TicketLive,
    pub group_name: String,
    pub point_name: String,
    /// 2026-11-24 09:30
    pub issued_at: String,
    pub booked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowChoice {
    pub id: String,
    pub label: String,
    /// Someone else is signed on today.
    pub taken: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentTicket {
    pub id: String,
    pub number: String,
    pub calls: i64,
    pub booked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsoleWindow {
    pub id: String,
    pub number: i64,
    pub name: String,
    pub paused: bool,
    pub waiting: usize,
    pub current: Option<CurrentTicket>,
    /// Skipped today: (ticket id, number).
    pub skipped: Vec<(String, String)>,
    /// Transfer targets: `q:{department}` queues and `w:{window}` windows, with labels.
    pub targets: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub display_name: String,
    pub window: Option<ConsoleWindow>,
    pub choices: Vec<WindowChoice>,
    pub flash: Flash,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenView {
    pub window_id: String,
    pub window_name: String,
    /// This browser is a registered screen of this window.
    pub paired: bool,
    /// The centre administrator is looking: they may register this browser.
    pub admin: bool,
    pub live: ScreenLive,
}

/// Window staff only: who is asking.
#[cfg(feature = "ssr")]
async fn staff() -> Result<crate::domain::accounts::Identity, crate::error::AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::WindowStaff, None)).await
}
