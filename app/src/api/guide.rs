//! The service guide (办事指南): search, the home page's ways in, one item in full.

use crate::error::AppError;
// The guide's types are domain types, so the store maps rows into them without importing this layer.
pub use crate::domain::catalogue::page::{ItemDetail, PlaceSummary, SearchResult};
pub use crate::domain::catalogue::{Facet, GuideFilter, GuideHome, ItemSummary};
use leptos::prelude::*;

#[server]
pub async fn search_items(filter: GuideFilter) -> Result<SearchResult, AppError> {
    Ok(crate::service::catalogue::search(&super::context::db()?, &filter, crate::i18n::lang()).await?)
}

#[server]
pub async fn home_facets() -> Result<GuideHome, AppError> {
    let db = super::context::db()?;
    crate::store::catalogue::home(&db).await.map_err(AppError::from)
}

#[server]
pub async fn get_item(code: String) -> Result<Option<ItemDetail>, AppError> {
    let now = crate::domain::calendar::civil(super::context::now()?);
    let item = crate::service::catalogue::item_page(&super::context::db()?, &code, crate::i18n::lang(), now).await?;
    if item.is_none() {
        super::context::not_found();
    }
    Ok(item)
}
