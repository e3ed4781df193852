//! What the booking pages show: the flow's query and steps, one booking, my bookings, the administrator's page.
//! Plain data shared by the service that builds it, the server functions that return it and the pages that render
//! it (so it compiles for the browser too).

use crate::domain::form::Flash;
use serde::{Deserialize, Serialize};

/// Where the citizen is in the flow, read from the query string (no personal data: item, point, day, slot).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookQuery {
    pub q: Option<String>,
    pub item: Option<String>,
    pub point: Option<String>,
    pub day: Option<String>,
    pub slot: Option<super::SlotId>,
    /// Rescheduling this booking (its code): same item and point, a new slot.
    pub change: Option<String>,
    /// The slot form was submitted (so a missing slot is an error, not a first visit).
    pub chosen: Option<String>,
    /// Green channel (绿色通道, `1`): window staff booking on the spot for someone who cannot book online.
    pub green: Option<String>,
    /// The citizen's village or community (its code, `village=` in the URL as on `/map`): points are listed
    /// nearest first by travel time from it.
    pub near: Option<String>,
}

impl crate::domain::query::FromQuery for BookQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        use crate::domain::query::given;
        Self {
            q: get("q"),
            item: get("item"),
            point: get("point"),
            day: get("day"),
            // Read once: anything that is not a slot id is no choice at all.
            slot: given(get, "slot").and_then(|s| s.parse().ok()),
            change: get("change"),
            chosen: get("chosen"),
            green: get("green"),
            near: given(get, "village"),
        }
    }
}

impl BookQuery {
    /// The flow's URL for this state.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in
            [("green", &self.green), ("village", &self.near), ("item", &self.item), ("point", &self.point), ("day", &self.day), ("change", &self.change)]
        {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{k}={}", crate::domain::html::encode_query(v)));
            }
        }
        if parts.is_empty() {
            "/book".into()
        } else {
            format!("/book?{}", parts.join("&"))
        }
    }

    /// Staff booking through the green channel.
    pub fn is_green(&self) -> bool {
        self.green.as_deref() == Some("1")
    }
}


#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub hint: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayChoice {
    pub day: String,
    pub label: String,
    /// Places left that day; 0 with `open` false: closed that day.
    pub remaining: i64,
    pub open: bool,
    /// Every slot that day was closed by the centre (暂停服务).
    pub suspended: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: super::SlotId,
    pub label: String,
    pub remaining: i64,
    /// Closed by the centre (暂停服务), with the reason it gave: no booking, no waiting list.
    pub closed: Option<String>,
}

/// One step of the flow: what has been chosen and the choices for the next question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookStep {
    pub query: BookQuery,
    /// Step 1: items matching `q`.
    pub items: Vec<Choice>,
    pub item: Option<Choice>,
    /// Step 2: points offering the item: nearest first from `query.near`, else the county hall, branches, towns.
    pub points: Vec<Choice>,
    /// Step 2: towns and their villages, to choose where the citizen is (no location access needed).
    pub towns: Vec<crate::domain::points::TownOption>,
    /// Step 2: "已按离…的路程由近到远排列" when sorted by travel time.
    pub sorted_from: Option<String>,
    pub point: Option<Choice>,
    /// Step 3: the next 14 days.
    pub days: Vec<DayChoice>,
    pub day: Option<DayChoice>,
    /// Step 4: the day's slots.
    pub slots: Vec<SlotChoice>,
    /// Step 5: the slot to confirm, in words (2026年11月28日 周六 09:00–09:30).
    pub slot: Option<SlotChoice>,
    /// Who will come (the account holder), masked.
    pub holder: String,
    /// The name the citizen gave for their own bookings before (asked once, remembered), or empty.
    pub my_name: String,
    /// Booked priority in the queue starts this many minutes before the slot (the rules).
    pub checkin_early_minutes: i64,
    /// The no-show rule as the page states it: "90天内3次未到将暂停预约30天".
    pub no_show_rule: String,
    pub flash: Flash,
}

/// One booking as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookingView {
    pub code: String,
    pub item_code: String,
    pub item_name: String,
    pub point_id: String,
    pub point_name: String,
    pub department_name: String,
    pub when: String,
    pub status: super::BookingStatus,
    /// Masked for anyone but the owner.
    pub holder: String,
    /// The signed-in owner is looking: show materials, QR, changes.
    pub owner: bool,
    pub active: bool,
    /// Cancelling and rescheduling are still allowed (before the cut-off).
    pub changeable: bool,
    /// Booked by staff through the green channel (绿色通道), and the reason in words.
    pub green_reason: Option<String>,
    /// The one looking is the staff member who booked it: details without the changes, and the way back.
    pub staff_view: bool,
    /// The one looking is the family member it was booked for (signed in with its phone number): they may
    /// decline it (谢绝), not reschedule it — that is the booker's business.
    pub family_view: bool,
    pub cutoff_minutes: i64,
    pub point_address: String,
    pub materials: Vec<String>,
    pub url: String,
    /// What the check-in QR code encodes (the booking's URL): only for its owner, while it is active.
    pub qr: Option<String>,
    /// The queue ticket this booking was checked in for: its code and where it stands (people ahead, called, …).
    pub ticket: Option<(String, crate::domain::queue::TicketLive)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyBookingsPage {
    pub upcoming: Vec<BookingView>,
    pub past: Vec<BookingView>,
    /// The newest few notices; all are on `/notices`.
    pub notices: Vec<(String, String, String)>,
    /// Suspended for no-shows: the reason.
    pub suspended: Option<String>,
    /// Waiting lists joined: (id, what and when, position in words).
    pub waits: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookingAdminPage {
    pub rules: crate::domain::booking::Rules,
    /// (point id, point name, department code, department name, slot length in words, capacity)
    pub groups: Vec<(String, String, String, String, String, i64)>,
    pub points: Vec<(String, String)>,
    pub departments: Vec<(String, String)>,
    /// Suspended accounts: (account id, masked phone, until).
    pub suspended: Vec<(String, String, String)>,
    pub flash: Flash,
}
