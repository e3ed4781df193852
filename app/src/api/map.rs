//! The 15-minute service map (15分钟政务圈): pick a town and village, see its zone, travel times to the nearest
//! points and which is open now. Everything comes from the current zone snapshot (`zone_model`), computed from the
//! road network and points in the database.

use super::guide::PlaceSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TownOption {
    pub code: String,
    pub name: String,
    /// (village code, village name)
    pub villages: Vec<(String, String)>,
}

impl TownOption {
    /// Villages grouped by town, for a `GroupedSelect`.
    pub fn groups(towns: &[TownOption]) -> Vec<(String, Vec<(String, String)>)> {
        towns.iter().map(|t| (t.name.clone(), t.villages.clone())).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyPlace {
    pub place: PlaceSummary,
    /// Travel time by the demo profile (e-bike on roads, walking on paths), rounded up.
    pub minutes: u32,
    pub phone: String,
    /// Opens the point in a Chinese map app (GCJ-02 coordinates).
    pub nav_url: String,
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
}

#[server]
pub async fn map_state(village: Option<String>) -> Result<MapOverview, ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::calendar::{civil, OpenWord};
    use crate::domain::zones::FIFTEEN_MINUTES;
    let m = super::zone_model::current().await?;
    let towns = m.town_options();
    let chosen = village.unwrap_or_default();
    let found = m.villages.iter().find(|(v, _)| v.code == chosen);
    let label = match found {
        Some((v, _)) => crate::i18n::lang().pick(format!("嵩明县服务网点和15分钟政务圈地图，已标出{}", v.name), format!("Map of Songming County's service points and 15-minute zones, with {} marked", v.name)),
        None => crate::i18n::lang().pick("嵩明县服务网点和15分钟政务圈地图".to_string(), "Map of Songming County's service points and 15-minute zones".to_string()),
    };
    // The chosen village's zone outlined, and a ring at the village.
    let marker = found.map(|(v, node)| {
        let (x, y) = m.project.xy(v.location);
        let zone = m.reach.get(*node as usize).copied().flatten().and_then(|r| m.zone_paths.get(r.source as usize));
        let outline = zone.map(|d| {
            format!(
                r##"<path transform="scale({})" d="{d}" fill="none" stroke="#0b0c0c" stroke-width="0.6" fill-rule="evenodd"/>"##,
                super::zone_model::CELL
            )
        });
        format!(r##"{}<circle cx="{x}" cy="{y}" r="7" fill="none" stroke="#d4351c" stroke-width="3"/>"##, outline.unwrap_or_default())
    });
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0} {:.0}" role="img" aria-label="{}">{}{}</svg>"#,
        m.project.width,
        m.project.height,
        crate::domain::html::escape(&label),
        m.svg_body,
        marker.unwrap_or_default()
    );
    let Some((v, by_time)) = m.from_village(&chosen) else {
        return Ok(MapOverview { svg, towns, chosen: String::new(), zone: None });
    };
    let db = db()?;
    let now = civil(now()?);
    let lang = crate::i18n::lang();
    let calendar = crate::store::calendar::load(&db).await.map_err(internal)?;
    let mut nearby = Vec::new();
    let mut nearest_open = None;
    for (id, ms) in &by_time {
        if nearby.len() >= 5 && nearest_open.is_some() {
            break;
        }
        let Some(p) = crate::store::points::get(&db, id).await.map_err(internal)? else { continue };
        let items = crate::store::points::item_count(&db, id).await.map_err(internal)?;
        let (phone, nav_url) = (p.phone.clone(), crate::domain::geo::amap_marker_uri(p.location, &p.name));
        let line = NearbyPlace { place: PlaceSummary::of(p, &calendar, now, lang), minutes: ms.div_ceil(60_000), phone, nav_url, items };
        if nearest_open.is_none() && line.place.open_word == OpenWord::Open {
            nearest_open = Some(line.clone());
        }
        if nearby.len() < 5 {
            nearby.push(line);
        }
    }
    let Some(zone) = nearby.first().cloned() else {
        return Ok(MapOverview { svg, towns, chosen, zone: None });
    };
    let covered = f64::from(by_time[0].1) / 1000.0 <= FIFTEEN_MINUTES;
    let nearest_open = nearest_open.filter(|o| o.place.id != zone.place.id);
    let town = m.towns.iter().find(|(c, _)| *c == v.town_code).map(|(_, n)| n.clone()).unwrap_or_default();
    Ok(MapOverview {
        svg,
        towns,
        zone: Some(MyZone { village: v.name.clone(), town, zone, covered, nearest_open, nearby }),
        chosen,
    })
}

/// "My zone" from the browser's location (the map's locate island posts the coordinates in a form body, never in a
/// URL): finds the village or community nearest to it and shows that village's zone. Outside the county, the map
/// says so and offers the picker.
#[server(endpoint = "locate_me")]
pub async fn locate_me(lat: f64, lon: f64) -> Result<(), ServerFnError> {
    use crate::domain::geo::{polygon_contains, LatLon};
    let m = super::zone_model::current().await?;
    let here = LatLon::new(lat, lon);
    let inside = lat.is_finite() && lon.is_finite() && polygon_contains(&m.outline, here);
    let nearest = m
        .villages
        .iter()
        .map(|(v, _)| (v, v.location.distance_m(here)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(v, _)| v.code.clone());
    match nearest.filter(|_| inside) {
        Some(code) => leptos_axum::redirect(&format!("/map?village={code}&located=1#my-zone")),
        None => leptos_axum::redirect("/map?located=outside#village"),
    }
    Ok(())
}
