//! For planners (centre administrators): coverage of the 15-minute zones over villages and the (demo) population,
//! the places beyond 15 minutes, and "what if" a station were added at a chosen place.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::domain::planning::page::{CoverageOverview, Figures, UncoveredPlace, WhatIf};

#[server]
pub async fn coverage_state(site: Option<String>) -> Result<CoverageOverview, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let model = super::context::zones().await?;
    Ok(crate::service::zones::coverage_page(&model, site.as_deref().unwrap_or_default()))
}
