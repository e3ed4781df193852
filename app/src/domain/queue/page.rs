//! What the queue's pages show: the check-in desk, a ticket, the window console, a window screen, and the
//! administrator's list of screens. Plain data shared by the service that builds it, the server functions that
//! return it and the pages that render it.

use super::{ScreenLive, TicketLive};
use crate::domain::form::Flash;
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

/// One window on the administrator's screen list, with its registered devices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenWindow {
    pub window_id: String,
    /// "嵩明县政务服务中心 3号窗口 公安"
    pub label: String,
    /// (device id, "2026年11月24日 09:30 由 中心管理员 登记")
    pub devices: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreensPage {
    pub windows: Vec<ScreenWindow>,
    pub flash: Flash,
}

/// `/staff/checkin?point=…`: the point whose check-in desk this is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskQuery {
    pub point: Option<String>,
}

impl crate::domain::query::FromQuery for DeskQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { point: crate::domain::query::given(get, "point") }
    }
}
