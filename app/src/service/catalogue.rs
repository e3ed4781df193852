//! The service guide (办事指南) as the pages show it: a search described in words, one item with where it can be done.

use crate::domain::catalogue::page::{ItemDetail, PlaceSummary, SearchResult};
use crate::domain::catalogue::GuideFilter;
use crate::i18n::Lang;
use crate::store::Db;

/// The items matching `filter`, and the filter in plain words (市场监管 · 法人办事).
pub async fn search(db: &Db, filter: &GuideFilter, lang: Lang) -> Result<SearchResult, sqlx::Error> {
    let terms = crate::domain::catalogue::query_terms(&filter.q);
    let items = crate::store::catalogue::search(db, &terms, filter).await?;
    let mut described = Vec::new();
    if let Some(a) = filter.audience.as_deref().and_then(crate::domain::catalogue::Audience::parse) {
        described.push(a.label(lang).to_string());
    }
    if let Some(d) = &filter.department {
        let name = crate::store::catalogue::department_short(db, d).await?;
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

/// One item's guide with the halls and centres that handle it, open ones first (at civil time `now`), or `None`.
pub async fn item_page(db: &Db, code: &str, lang: Lang, now: chrono::NaiveDateTime) -> Result<Option<ItemDetail>, sqlx::Error> {
    let Some((item, department_name)) = crate::store::catalogue::item(db, code).await? else { return Ok(None) };
    let calendar = crate::store::calendar::load(db).await?;
    let (points, village_stations) = crate::store::points::handling_item(db, code).await?;
    let mut places: Vec<PlaceSummary> = points.into_iter().map(|p| PlaceSummary::of(p, &calendar, now, lang)).collect();
    places.sort_by_key(|p| p.open_word != crate::domain::calendar::OpenWord::Open);
    Ok(Some(ItemDetail { item, department_name, places, village_stations }))
}
