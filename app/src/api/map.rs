//! The 15-minute service map (15分钟政务圈): pick a town and village, see its zone, travel times to the nearest
//! points and which is open now. Everything comes from the current zone snapshot (`service::zones`), computed from the
//! road network and points in the database.

use crate::error::AppError;
use super::guide::PlaceSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::points::TownOption;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyPlace {
    pub place: PlaceSummary,
    /// Travel time by the demo profile (e-bike on roads, walking on paths), rounded up.
    pub minutes: u32,
    pub phone: String,
    /// Routes to the point in Amap (GCJ-02) and Baidu Maps (BD-09).
    pub routes: crate::domain::geo::RouteLinks,
    /// How many items can be done there (就近办).
    pub items: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyZone {
    pub village: String,
    pub town: String,
    /// The point whose zone the village is in: the nearest by travel time.
    pub zone: NearbyPlace,
    pub covered: bool,
    /// The nearest point open now, when it is not the zone's own point.
    pub nearest_open: Option<NearbyPlace>,
    /// The five nearest points.
    pub nearby: Vec<NearbyPlace>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapOverview {
    /// The county outline, zones and points as SVG markup (server-rendered, no JavaScript needed).
    pub svg: String,
    pub towns: Vec<TownOption>,
    pub chosen: String,
    pub zone: Option<MyZone>,
    /// A point whose own zone is outlined (`/map?point=…`, linked from every point's page): its name.
    pub point_zone: Option<String>,
}

#[server]
pub async fn map_state(village: Option<String>, point: Option<String>) -> Result<MapOverview, AppError> {
    use super::context::{db, now};
    use crate::domain::calendar::{civil, OpenWord};
    use crate::domain::zones::FIFTEEN_MINUTES;
    let m = crate::api::context::zones().await?;
    let towns = m.town_options();
    let lang = crate::i18n::lang();
    let chosen = village.unwrap_or_default();
    // Where the zone is asked for: a chosen village, else the location "use my location" posted (a one-time flash,
    // so the coordinate never appears in a URL).
    let located = if chosen.is_empty() { super::session::take_flash("located").await? } else { None };
    let located = located.and_then(|f| Some(crate::domain::geo::LatLon::new(f.value("lat").parse().ok()?, f.value("lon").parse().ok()?)));
    let spot = match m.from_village(&chosen) {
        Some((v, by_time)) => {
            let town = m.towns.iter().find(|(c, _)| *c == v.town_code).map(|(_, n)| n.clone());
            let node = m.villages.iter().find(|(x, _)| x.code == v.code).map(|(_, n)| *n).unwrap_or_default();
            Some((v.location, node, v.name.clone(), town, by_time))
        }
        None => located.and_then(|here| {
            let (node, by_time) = m.from_location(here)?;
            Some((here, node, lang.pick("您的位置", "Your location").to_string(), None, by_time))
        }),
    };
    // Else a point's own zone: the ring at the point, its zone outlined.
    let point_zone = match &spot {
        None => m.sources.iter().enumerate().find(|(_, s)| Some(&s.id) == point.as_ref()),
        Some(_) => None,
    };
    let point_marker = point_zone.and_then(|(i, s)| Some((*m.node_positions.get(s.node as usize)?, i, s.name.clone())));
    let label = match (&spot, &point_marker) {
        (None, Some((_, _, name))) => lang.pick(format!("嵩明县服务网点和15分钟政务圈地图，已标出{name}的政务圈"), format!("Map of Songming County's service points and 15-minute zones, with {name}'s zone marked")),
        _ => match &spot {
        Some((_, _, name, _, _)) => lang.pick(format!("嵩明县服务网点和15分钟政务圈地图，已标出{name}"), format!("Map of Songming County's service points and 15-minute zones, with {name} marked")),
        None => lang.pick("嵩明县服务网点和15分钟政务圈地图".to_string(), "Map of Songming County's service points and 15-minute zones".to_string()),
        },
    };
    // The chosen place's (or point's) zone outlined, and a ring at the place.
    let ring = match (&spot, &point_marker) {
        (Some((at, node, _, _, _)), _) => m.reach.get(*node as usize).copied().flatten().map(|r| (*at, Some(r.source as usize))).or(Some((*at, None))),
        (None, Some((at, source, _))) => Some((*at, Some(*source))),
        (None, None) => None,
    };
    let place_name = match (&spot, &point_marker) {
        (Some((_, _, name, _, _)), _) => name.clone(),
        (None, Some((_, _, name))) => name.clone(),
        (None, None) => String::new(),
    };
    let marker = ring.map(|(at, source)| {
        let (x, y) = m.project.xy(at);
        let zone = source.and_then(|s| m.zone_paths.get(s));
        let outline = zone.map(|d| {
            format!(
                r##"<path transform="scale({})" d="{d}" fill="none" stroke="#0b0c0c" stroke-width="0.6" fill-rule="evenodd"/>"##,
                crate::service::zones::CELL
            )
        });
        format!(
            r##"{}<circle cx="{x}" cy="{y}" r="7" fill="none" stroke="#d4351c" stroke-width="3"/>{}"##,
            outline.unwrap_or_default(),
            crate::service::zones::map_label(x, y + 18.0, &place_name, "map-label map-label--chosen")
        )
    });
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0} {:.0}" role="img" aria-label="{}">{}{}</svg>"#,
        m.project.width,
        m.project.height,
        crate::domain::html::escape(&label),
        m.svg_body,
        marker.unwrap_or_default()
    );
    let chosen = if m.villages.iter().any(|(v, _)| v.code == chosen) { chosen } else { String::new() };
    let Some((_, _, place, town, by_time)) = spot else {
        return Ok(MapOverview { svg, towns, chosen, zone: None, point_zone: point_marker.map(|(_, _, name)| name) });
    };
    let db = db()?;
    let now = civil(now()?);
    let calendar = crate::store::calendar::load(&db).await?;
    let mut nearby = Vec::new();
    let mut nearest_open = None;
    for (id, ms) in &by_time {
        if nearby.len() >= 5 && nearest_open.is_some() {
            break;
        }
        let Some(p) = crate::store::points::get(&db, id).await? else { continue };
        let items = crate::store::points::item_count(&db, id).await?;
        let (phone, routes) = (p.phone.clone(), crate::domain::geo::route_links(p.location, &p.name));
        let line = NearbyPlace { place: PlaceSummary::of(p, &calendar, now, lang), minutes: ms.div_ceil(60_000), phone, routes, items };
        if nearest_open.is_none() && line.place.open_word == OpenWord::Open {
            nearest_open = Some(line.clone());
        }
        if nearby.len() < 5 {
            nearby.push(line);
        }
    }
    let Some(zone) = nearby.first().cloned() else {
        return Ok(MapOverview { svg, towns, chosen, zone: None, point_zone: None });
    };
    let covered = f64::from(by_time[0].1) / 1000.0 <= FIFTEEN_MINUTES;
    let nearest_open = nearest_open.filter(|o| o.place.id != zone.place.id);
    // A location's town is its zone point's.
    let town = match town {
        Some(t) => t,
        None => crate::store::points::get(&db, &zone.place.id).await?.map(|p| p.town_name).unwrap_or_default(),
    };
    Ok(MapOverview { svg, towns, zone: Some(MyZone { village: place, town, zone, covered, nearest_open, nearby }), chosen, point_zone: None })
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