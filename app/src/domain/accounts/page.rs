//! Who is signed in (for the header and the account page), and what the centre administrator's staff page shows.

use super::Grant;
use crate::domain::form::Flash;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffLine {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Each grant with its scope in words: "嵩明县政务服务中心 · 县公安局".
    pub grants: Vec<(Grant, String)>,
    /// 已锁定（至 HH:MM） when locked now.
    pub locked: Option<String>,
    pub failed_logins: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub staff: Vec<StaffLine>,
    pub departments: Vec<(String, String)>,
    /// Points with windows (not village stations), for window staff grants.
    pub points: Vec<(String, String)>,
    pub flash: Flash,
    pub unpublished_years: Vec<i32>,
    /// The newest staff reads of personal records: (when, who, what).
    pub reads: Vec<(String, String, String)>,
}

/// Who is signed in, for the header and the account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub phone_masked: Option<String>,
    pub username: Option<String>,
    pub grants: Vec<Grant>,
    pub staff: bool,
}

/// `/signin…?next=…`: where to go after signing in (checked by `safe_return_to` on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignInQuery {
    pub next: Option<String>,
}

impl crate::domain::query::FromQuery for SignInQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { next: get("next") }
    }
}
