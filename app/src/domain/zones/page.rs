//! What the 15-minute map's page shows (the drawing, the place chosen and its zone, the nearest points), and the
//! administrator's road network page (the zones' snapshot, the imports, the travel speeds).

use crate::domain::catalogue::page::PlaceSummary;
use crate::domain::form::Flash;
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

/// One import, for the pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportLine {
    pub id: String,
    /// 演示路网 / the uploaded file's name.
    pub source: String,
    /// 替换 / 追加
    pub mode: String,
    /// Asia/Shanghai, "2026-11-24 10:00", empty for the demo seed.
    pub at: String,
    pub features: i64,
    pub nodes_added: i64,
    pub segments_added: i64,
    /// (class label, segments added)
    pub by_class: Vec<(String, i64)>,
    pub nodes_total: i64,
    pub segments_total: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneSnapshot {
    pub version: u64,
    pub computed_at: String,
    pub compute_ms: u64,
    pub nodes: usize,
    pub segments: usize,
    /// The database changed since: a recompute is under way, pages show the previous zones until it is done.
    pub recomputing: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkOverview {
    pub zones: ZoneSnapshot,
    pub imports: Vec<ImportLine>,
    pub classes: Vec<(String, String)>,
    /// The travel profile in use: (road class code, label, km/h).
    pub speeds: Vec<(String, String, i64)>,
    pub flash: Flash,
}

/// What became of an upload.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Imported(ImportLine),
    /// Problems, in plain zh-CN; nothing was imported.
    Rejected(Vec<String>),
}

/// `/map?village=…&point=…&located=…`: the chosen village, the point whose zone to outline, and what locating said
/// (`1` found inside the county, `outside`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapQuery {
    pub village: Option<String>,
    pub point: Option<String>,
    pub located: Option<String>,
}

impl crate::domain::query::FromQuery for MapQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        use crate::domain::query::given;
        Self { village: given(get, "village"), point: given(get, "point"), located: given(get, "located") }
    }
}
