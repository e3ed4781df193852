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
    pub towns: Vec<TownOption>,
    pub chosen: String,
    pub zone: Option<MyZone>,
}

#[cfg(feature = "ssr")]
mod model {
    use crate::demo;
    use crate::domain::catalogue::PointKind;
    use crate::domain::zones::{NodeId, TravelGraph, TravelProfile};
    use std::sync::LazyLock;

    pub struct Model {
        pub graph: TravelGraph,
        pub points: Vec<(String, NodeId)>,
        pub villages: Vec<(demo::Village, NodeId)>,
        pub towns: Vec<(String, String)>,
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
        Model { graph, points: roads.point_nodes, villages, towns }
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
    let Some((v, node)) = m.villages.iter().find(|(v, _)| v.code == chosen) else {
        return Ok(MapOverview { towns, chosen: String::new(), zone: None });
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
        let line = NearbyPlace { place: PlaceSummary::of(p, &calendar, now, lang), minutes: ms.div_ceil(60_000) };
        if nearest_open.is_none() && line.place.open_word == OpenWord::Open {
            nearest_open = Some(line.clone());
        }
        if nearby.len() < 5 {
            nearby.push(line);
        }
    }
    let Some(zone) = nearby.first().cloned() else {
        return Ok(MapOverview { towns, chosen, zone: None });
    };
    let covered = f64::from(by_time[0].1) / 1000.0 <= FIFTEEN_MINUTES;
    let nearest_open = nearest_open.filter(|o| o.place.id != zone.place.id);
    let town = m.towns.iter().find(|(c, _)| *c == v.town_code).map(|(_, n)| n.clone()).unwrap_or_default();
    Ok(MapOverview {
        towns,
        zone: Some(MyZone { village: v.name.clone(), town, zone, covered, nearest_open, nearby }),
        chosen,
    })
}
