//! The service guide (办事指南): search, the home page's ways in, one item in full.

use crate::error::AppError;
use crate::domain::catalogue::ServiceItem;
// The guide's types are domain types, so the store maps rows into them without importing this layer.
pub use crate::domain::catalogue::{Facet, GuideFilter, GuideHome, ItemSummary};
use leptos::prelude::*;
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
    #[cfg(feature = "ssr")]
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

#[server]
pub async fn search_items(filter: GuideFilter) -> Result<SearchResult, AppError> {
    use crate::domain::catalogue::query_terms;
    let db = super::context::db()?;
    let terms = query_terms(&filter.q);
    let items = crate::store::catalogue::search(&db, &terms, &filter).await?;
    let lang = crate::i18n::lang();
    let mut described = Vec::new();
    if let Some(a) = filter.audience.as_deref().and_then(crate::domain::catalogue::Audience::parse) {
        described.push(a.label(lang).to_string());
    }
    if let Some(d) = &filter.department {
        let name = crate::store::catalogue::department_short(&db, d).await?;
        described.push(name.unwrap_or_else(|| d.clone()));
    }
    if let Some(e) = &filter.event {
        described.push(lang.pick(format!("{e}一件事"), format!("{e} (life event)")));
    }
    if filter.nearby {
        described.push(lang.t(crate::i18n::Key::Nearby).to_string());
    }
    Ok(SearchResult { items, described })
}

#[server]
pub async fn home_facets() -> Result<GuideHome, AppError> {
    let db = super::context::db()?;
    crate::store::catalogue::home(&db).await.map_err(AppError::from)
}

#[server]
pub async fn get_item(code: String) -> Result<Option<ItemDetail>, AppError> {
    use crate::domain::calendar::civil;
    let lang = crate::i18n::lang();
    let db = super::context::db()?;
    let now = civil(super::context::now()?);
    let Some((item, department_name)) =
        crate::store::catalogue::item(&db, &code).await?
    else {
        super::context::not_found();
        return Ok(None);
    };
    let calendar = crate::store::calendar::load(&db).await?;
    let (points, village_stations) =
        crate::store::points::handling_item(&db, &code).await?;
    let mut places: Vec<PlaceSummary> =
        points.into_iter().map(|p| PlaceSummary::of(p, &calendar, now, lang)).collect();
    places.sort_by_key(|p| p.open_word != crate::domain::calendar::OpenWord::Open);
    Ok(Some(ItemDetail { item, department_name, places, village_stations }))
}
