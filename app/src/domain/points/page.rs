//! What a service point's page shows.

use super::ServicePoint;
use crate::domain::calendar::OpenWord;
use crate::domain::catalogue::ItemSummary;
use super::Window;
use crate::domain::form::Flash;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowLine {
    pub number: i64,
    pub name: String,
    pub department: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyStation {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointDetail {
    pub point: ServicePoint,
    pub open_word: OpenWord,
    pub open_text: String,
    /// Today's date and sessions, e.g. ("11月24日 星期二", ["09:00–12:00", "14:00–17:30"]); empty sessions = closed.
    pub today: String,
    pub today_sessions: Vec<String>,
    pub today_note: Option<String>,
    /// Week schedule lines: 工作日 / 周末 / 法定节假日 → sessions.
    pub schedule: Vec<(String, Vec<String>)>,
    pub all_year: bool,
    pub lunch_service: bool,
    pub evening_service: bool,
    pub items: Vec<ItemSummary>,
    pub windows: Vec<WindowLine>,
    pub stations: Vec<NearbyStation>,
    /// Routes to the point in Amap (GCJ-02) and Baidu Maps (BD-09).
    pub routes: crate::domain::geo::RouteLinks,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowsPage {
    /// Every point that can have windows (not village stations): (id, name).
    pub points: Vec<(String, String)>,
    pub point_id: String,
    pub point_name: String,
    /// The point's windows and desks, retired ones included.
    pub counters: Vec<Window>,
    /// Every department: (code, name).
    pub departments: Vec<(String, String)>,
    /// The window or desk being edited, if any.
    pub editing: Option<Window>,
    pub flash: Flash,
}

/// The page's address for a point (and a window or desk being edited).
pub fn windows_href(point: &str, edit: Option<&str>) -> String {
    let mut href = format!("/admin/windows?point={}", crate::domain::html::encode_query(point));
    if let Some(e) = edit {
        href.push_str(&format!("&edit={}", crate::domain::html::encode_query(e)));
    }
    href
}

/// `/admin/windows?point=…&edit=…`: the point whose windows are listed, and the window being edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowsQuery {
    pub point: Option<String>,
    pub edit: Option<String>,
}

impl crate::domain::query::FromQuery for WindowsQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        use crate::domain::query::given;
        Self { point: given(get, "point"), edit: given(get, "edit") }
    }
}
