//! Service points (服务网点): one point's page.

use crate::error::AppError;
pub use crate::domain::points::page::{NearbyStation, PointDetail, WindowLine};
use leptos::prelude::*;

#[server]
pub async fn get_point(id: String) -> Result<Option<PointDetail>, AppError> {
    let now = crate::domain::calendar::civil(super::context::now()?);
    let point = crate::service::points::point_page(&super::context::db()?, &id, crate::i18n::lang(), now).await?;
    if point.is_none() {
        super::context::not_found();
    }
    Ok(point)
}
