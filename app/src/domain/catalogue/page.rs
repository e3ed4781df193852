//! What the service guide's pages show: search results, one item and where it can be done.

use super::{ItemSummary, ServiceItem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    pub items: Vec<ItemSummary>,
    /// Plain words describing the filter, e.g. 市场监管 · 法人办事.
    pub described: Vec<String>,
}

/// Where an item can be done, for its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceSummary {
    pub id: String,
    pub name: String,
    /// The point's kind in the interface language.
    pub kind_label: String,
    pub address: String,
    pub open_word: crate::domain::calendar::OpenWord,
    pub open_text: String,
}

impl PlaceSummary {
    /// A point as a line of a list, with whether it is open at `now`.
    pub fn of(
        p: crate::domain::points::ServicePoint,
        calendar: &crate::domain::calendar::WorkCalendar,
        now: chrono::NaiveDateTime,
        lang: crate::i18n::Lang,
    ) -> Self {
        let (open_word, open_text) =
            crate::domain::calendar::describe_state_in(lang, &p.hours.state_at(calendar, now), now);
        PlaceSummary {
            id: p.id,
            name: p.name,
            kind_label: p.kind.label(lang).to_string(),
            address: p.address,
            open_word,
            open_text,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDetail {
    pub item: ServiceItem,
    pub department_name: String,
    /// The county hall, branch halls and town centres that handle it, open ones first.
    pub places: Vec<PlaceSummary>,
    /// How many village stations handle it as well.
    pub village_stations: u32,
}
