//! What the 15-minute map's page shows: the drawing, the place chosen and its zone, the nearest points.

use crate::domain::catalogue::page::PlaceSummary;
use crate::domain::points::TownOption;
use serde::{Deserialize, Serialize};

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
