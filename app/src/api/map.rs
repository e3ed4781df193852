//! The 15-minute service map (15分钟政务圈), first slice: pick a town and village, see its zone, travel times to
//! the nearest points and which is open now. The road network is the demo county's, built once per process from
//! the demo generator (storing it and replacing it by upload come with the rest of the map issue).

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

#[cfg(feature = "ssr")]
mod model {
    use crate::demo;
    use crate::domain::catalogue::PointKind;
    use crate::domain::geo::LatLon;
    use crate::domain::zones::{NodeId, TravelGraph, TravelProfile};
    use std::sync::LazyLock;

    pub struct Model {
        pub graph: TravelGraph,
        pub points: Vec<(String, NodeId)>,
        pub villages: Vec<(demo::Village, NodeId)>,
        pub towns: Vec<(String, String)>,
        /// The map without a chosen village; the marker is appended per request.
        pub svg_body: String,
        pub project: Projection,
        pub outline: Vec<LatLon>,
    }

    /// WGS-84 → SVG user units (east-west scaled by cos(latitude) so shapes keep their proportions).
    pub struct Projection {
        min_lon: f64,
        max_lat: f64,
        scale: f64,
        kx: f64,
        pub width: f64,
        pub height: f64,
    }

    impl Projection {
        fn fit(points: &[LatLon], width: f64) -> Self {
            let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
            for p in points {
                min_lon = min_lon.min(p.lon);
                max_lon = max_lon.max(p.lon);
                min_lat = min_lat.min(p.lat);
                max_lat = max_lat.max(p.lat);
            }
            let kx = ((min_lat + max_lat) / 2.0).to_radians().cos();
            let scale = width / ((max_lon - min_lon) * kx);
            Self { min_lon, max_lat, scale, kx, width, height: (max_lat - min_lat) * scale }
        }

        /// Quantised to 0.1 unit: enough on a phone, and small.
        pub fn xy(&self, p: LatLon) -> (f64, f64) {
            let x = (p.lon - self.min_lon) * self.kx * self.scale;
            let y = (self.max_lat - p.lat) * self.scale;
            ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
        }

        fn at(&self, x: f64, y: f64) -> LatLon {
            LatLon::new(self.max_lat - y / self.scale, self.min_lon + x / (self.kx * self.scale))
        }
    }

    /// Zones drawn as a raster of cells (each cell takes the zone of its nearest road node), merged into runs
    /// along each row: a few hundred rectangles instead of 17,000 nodes.
    fn zone_runs(proj: &Projection, outline: &[LatLon], roads: &demo::DemoRoads, zone_of: &[Option<u32>]) -> String {
        const CELL: f64 = 6.0;
        // Eight light tints (contrast with the dark points drawn on top); zones are told apart by their points and
        // the list below the map, never by colour alone.
        const TINTS: [&str; 8] = ["#dbe9f6", "#e3f1df", "#fbeed7", "#efe1f3", "#fde2e1", "#dff3f1", "#f3f0d7", "#e6e6f5"];
        let index = roads.network.index();
        // crispEdges: no hairline seams between neighbouring cells.
        let mut out = String::from(r#"<g shape-rendering="crispEdges">"#);
        let rows = (proj.height / CELL).ceil() as usize;
        let cols = (proj.width / CELL).ceil() as usize;
        for r in 0..rows {
            let mut run: Option<(usize, u32)> = None;
            for c in 0..=cols {
                let zone = (c < cols)
                    .then(|| proj.at((c as f64 + 0.5) * CELL, (r as f64 + 0.5) * CELL))
                    .filter(|p| crate::domain::geo::polygon_contains(outline, *p))
                    .and_then(|p| index.nearest(p))
                    .and_then(|n| zone_of[n as usize]);
                match (run, zone) {
                    (Some((_, z)), Some(z2)) if z == z2 => {}
                    _ => {
                        if let Some((start, z)) = run.take() {
                            out.push_str(&format!(
                                r#"<rect x="{}" y="{}" width="{}" height="{CELL}" fill="{}"/>"#,
                                start as f64 * CELL,
                                r as f64 * CELL,
                                (c - start) as f64 * CELL,
                                TINTS[z as usize % TINTS.len()]
                            ));
                        }
                        run = zone.map(|z| (c, z));
                    }
                }
            }
        }
        out.push_str("</g>");
        out
    }

    pub static MODEL: LazyLock<Model> = LazyLock::new(|| {
        let county = demo::generate();
        let roads = demo::road_network(&county);
        let graph = TravelGraph::new(&roads.network, &TravelProfile::rural_ebike());
        let villages = county.villages.iter().cloned().zip(roads.village_nodes.iter().map(|(_, n)| *n)).collect();
        let towns = county
            .points
            .iter()
            .filter(|p| p.kind == PointKind::Town)
            .map(|p| (p.town_code.clone(), p.town_name.clone()))
            .collect();
        let project = Projection::fit(&county.outline, 360.0);
        let sources: Vec<NodeId> = roads.point_nodes.iter().map(|(_, n)| *n).collect();
        let zone_of: Vec<Option<u32>> = graph.search(&sources).into_iter().map(|r| r.map(|r| r.source)).collect();
        let mut svg_body = zone_runs(&project, &county.outline, &roads, &zone_of);
        let outline: Vec<String> = county.outline.iter().map(|p| { let (x, y) = project.xy(*p); format!("{x},{y}") }).collect();
        svg_body.push_str(&format!(
            r##"<polygon points="{}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>"##,
            outline.join(" ")
        ));
        for p in &county.points {
            let (x, y) = project.xy(p.location);
            let r = match p.kind { PointKind::County => 5.0, PointKind::Branch | PointKind::Town => 3.5, PointKind::Village => 1.6 };
            svg_body.push_str(&format!(r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#0b5394" stroke="#fff" stroke-width="0.8"/>"##));
        }
        Model { graph, points: roads.point_nodes, villages, towns, svg_body, project, outline: county.outline.clone() }
    });
}

#[server]
pub async fn map_state(village: Option<String>) -> Result<MapOverview, ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::calendar::{civil, OpenWord};
    use crate::domain::zones::FIFTEEN_MINUTES;
    let m = &*model::MODEL;
    let towns = m
        .towns
        .iter()
        .map(|(code, name)| TownOption {
            code: code.clone(),
            name: name.clone(),
            villages: m
                .villages
                .iter()
                .filter(|(v, _)| &v.town_code == code)
                .map(|(v, _)| (v.code.clone(), v.name.clone()))
                .collect(),
        })
        .collect::<Vec<_>>();
    let chosen = village.unwrap_or_default();
    let found = m.villages.iter().find(|(v, _)| v.code == chosen);
    let label = match found {
        Some((v, _)) => crate::i18n::lang().pick(format!("嵩明县服务网点和15分钟政务圈地图，已标出{}", v.name), format!("Map of Songming County's service points and 15-minute zones, with {} marked", v.name)),
        None => crate::i18n::lang().pick("嵩明县服务网点和15分钟政务圈地图".to_string(), "Map of Songming County's service points and 15-minute zones".to_string()),
    };
    let marker = found.map(|(v, _)| {
        let (x, y) = m.project.xy(v.location);
        format!(r##"<circle cx="{x}" cy="{y}" r="7" fill="none" stroke="#d4351c" stroke-width="3"/>"##)
    });
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0} {:.0}" role="img" aria-label="{label}">{}{}</svg>"#,
        m.project.width,
        m.project.height,
        m.svg_body,
        marker.unwrap_or_default()
    );
    let Some((v, node)) = found else {
        return Ok(MapOverview { svg, towns, chosen: String::new(), zone: None });
    };
    // One search from the village reaches every point: travel time is symmetric on this network.
    let reach = m.graph.search(&[*node]);
    let mut by_time: Vec<(&String, u32)> =
        m.points.iter().filter_map(|(id, n)| reach[*n as usize].map(|r| (id, r.millis))).collect();
    by_time.sort_by_key(|(id, ms)| (*ms, (*id).clone()));
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
    let m = &*model::MODEL;
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
