//! The 15-minute map's page (15分钟政务圈) for a place: a chosen village, the person's location, or a point's own
//! zone; its zone outlined on the drawing, and the nearest points with their travel times and whether they are open.

use crate::domain::catalogue::page::PlaceSummary;
use crate::domain::zones::page::{MapOverview, MyZone, NearbyPlace};
use crate::i18n::Lang;
use crate::store::Db;

/// What the map is asked to show: a village's code, else a location, else a point's own zone.
#[derive(Clone, Debug, Default)]
pub struct MapAsk {
    pub village: String,
    pub located: Option<crate::domain::geo::LatLon>,
    pub point: Option<String>,
}

/// The map page for `ask` on the zones' snapshot `model`, at civil time `now`.
pub async fn map_page(db: &Db, model: &super::ZoneModel, ask: &MapAsk, lang: Lang, now: chrono::NaiveDateTime) -> Result<MapOverview, sqlx::Error> {
    use crate::domain::calendar::OpenWord;
    use crate::domain::zones::FIFTEEN_MINUTES;
    let m = model;
    let towns = m.town_options();
    let chosen = ask.village.clone();
    let point = ask.point.clone();
    // Where the zone is asked for: a chosen village, else the location "use my location" posted.
    let located = if chosen.is_empty() { ask.located } else { None };
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
    let calendar = crate::store::calendar::load(db).await?;
    let mut nearby = Vec::new();
    let mut nearest_open = None;
    for (id, ms) in &by_time {
        if nearby.len() >= 5 && nearest_open.is_some() {
            break;
        }
        let Some(p) = crate::store::points::get(db, id).await? else { continue };
        let items = crate::store::points::item_count(db, id).await?;
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
        None => crate::store::points::get(db, &zone.place.id).await?.map(|p| p.town_name).unwrap_or_default(),
    };
    Ok(MapOverview { svg, towns, zone: Some(MyZone { village: place, town, zone, covered, nearest_open, nearby }), chosen, point_zone: None })
}
