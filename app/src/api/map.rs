//! The 15-minute service map (15分钟政务圈): pick a town and village, see its zone, travel times to the nearest
//! points and which is open now. Everything comes from the current zone snapshot (`service::zones`), computed from the
//! road network and points in the database.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::domain::points::TownOption;
pub use crate::domain::zones::page::{MapOverview, MyZone, NearbyPlace};

#[server]
pub async fn map_state(village: Option<String>, point: Option<String>) -> Result<MapOverview, AppError> {
    let st = super::context::state()?;
    let now = super::context::now()?;
    let model = st.zones.get(&st.db, now).await?;
    // The location "use my location" posted, as a one-time flash, so the coordinate never appears in a URL.
    let located = match village.as_deref().unwrap_or_default() {
        "" => super::session::take_flash("located").await?,
        _ => None,
    };
    let located = located.and_then(|f| Some(crate::domain::geo::LatLon::new(f.value("lat").parse().ok()?, f.value("lon").parse().ok()?)));
    let ask = crate::service::zones::MapAsk { village: village.unwrap_or_default(), located, point };
    Ok(crate::service::zones::map_page(&st.db, &model, &ask, crate::i18n::lang(), crate::domain::calendar::civil(now)).await?)
}

/// "My zone" from the browser's location (the map's locate island posts the coordinates in a form body, never in a
/// URL): keeps them for the next page as a one-time flash, and `/map` shows the zone of the road network node nearest
/// to them ([`crate::service::zones::ZoneModel::from_location`]), not the nearest village's. Outside the county, the map
/// says so and offers the picker.
#[server(endpoint = "locate_me")]
pub async fn locate_me(lat: f64, lon: f64) -> Result<(), AppError> {
    use crate::domain::geo::LatLon;
    let m = crate::api::context::zones().await?;
    if !m.in_county(LatLon::new(lat, lon)) {
        leptos_axum::redirect("/map?located=outside#village");
        return Ok(());
    }
    let flash = crate::domain::form::Flash::new("located").with_value("lat", &lat.to_string()).with_value("lon", &lon.to_string());
    super::session::fail_back(&flash, "/map?located=1#my-zone").await
}