//! (ssr only) The computed 15-minute map: the travel graph, every node's nearest point, where villages and
//! populated places join the network, and the server-rendered SVG. Built from the database, kept as an immutable
//! snapshot in [`ZoneState`] and replaced whole when points or the network change.
//!
//! Readers take an `Arc` of the current snapshot (a read lock held for one pointer copy: tens of nanoseconds,
//! no new dependency; `arc-swap` would save the lock but adds a crate for no measurable gain at this traffic), and
//! keep using it for the whole request even if a newer one is installed meanwhile. A recompute builds the new
//! model off to the side (CPU work on the blocking pool) and swaps it in; requests never wait for it, except the
//! very first one after start-up when there is nothing to show yet.

mod coverage;
mod draw;
mod network;
mod page;
mod state;

use draw::draw;
pub use draw::{map_label, Projection};
pub use coverage::coverage_page;
pub use network::{import, import_line, network_page, save_speeds};
pub use page::{map_page, MapAsk};
pub use state::ZoneState;

use crate::domain::points::Village;
use crate::domain::catalogue::PointKind;
use crate::domain::geo::{polygon_contains, LatLon};
use crate::domain::planning::{Access, PopulatedPlace};
use crate::domain::zones::{NodeId, NodeIndex, Reach, TravelGraph, TravelProfile};
use crate::store::network::ImportRecord;
use crate::store::Db;
use chrono::{DateTime, Utc};

/// A service point as a source of the zone search.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: PointKind,
    pub node: NodeId,
}

pub struct ZoneModel {
    /// 1, 2, 3… in the order models were installed in this process.
    pub version: u64,
    pub computed_at: DateTime<Utc>,
    pub compute_ms: f64,
    /// What the model was computed from: the network import and the points (see [`fingerprint`]).
    pub fingerprint: String,
    pub import: Option<ImportRecord>,
    pub nodes: usize,
    pub segments: usize,
    pub profile: TravelProfile,
    pub graph: TravelGraph,
    pub index: NodeIndex,
    /// Each node's position (for the walk from a coordinate to its nearest node).
    pub node_positions: Vec<LatLon>,
    /// In the order of the search's source indices.
    pub sources: Vec<Source>,
    /// Each node's nearest source and travel time.
    pub reach: Vec<Option<Reach>>,
    pub villages: Vec<(Village, NodeId)>,
    /// (town code, town name), from the town centres.
    pub towns: Vec<(String, String)>,
    pub places: Vec<(PopulatedPlace, Access)>,
    /// The map without a chosen village: zones, outline, points.
    pub svg_body: String,
    /// Each source's zone as path data in raster cells (for outlining "my zone").
    pub zone_paths: Vec<String>,
    pub project: Projection,
    /// The county outline (WGS-84), for "is this location in the county".
    pub outline: Vec<LatLon>,
}

/// Raster cell of the zone polygons, in SVG units (the map is 360 units wide).
pub const CELL: f64 = 3.0;

impl ZoneModel {
    /// Builds the model from the database: loads, then computes on the blocking pool.
    pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<Self, sqlx::Error> {
        let network = crate::store::network::load_network(db).await?;
        let points = crate::store::points::all(db).await?;
        let villages = crate::store::network::villages(db).await?;
        let places = crate::store::network::places(db).await?;
        let outline = crate::store::network::outline(db).await?;
        let import = crate::store::network::latest_import(db).await?;
        let profile = crate::store::network::travel_profile(db).await?;
        let fingerprint = fingerprint(import.as_ref(), &points, &profile);
        tokio::task::spawn_blocking(move || {
            let start = std::time::Instant::now();
            let graph = TravelGraph::new(&network, &profile);
            let index = network.index();
            let node_of = |p: LatLon| index.nearest(p).unwrap_or(0);
            let sources: Vec<Source> = points
                .iter()
                .map(|p| Source { id: p.id.clone(), name: p.name.clone(), kind: p.kind, node: node_of(p.location) })
                .collect();
            let towns =
                points.iter().filter(|p| p.kind == PointKind::Town).map(|p| (p.town_code.clone(), p.town_name.clone())).collect();
            let reach = if network.nodes.is_empty() {
                Vec::new()
            } else {
                graph.search(&sources.iter().map(|s| s.node).collect::<Vec<_>>())
            };
            let villages = villages.into_iter().map(|v| { let n = node_of(v.location); (v, n) }).collect();
            let places = places
                .into_iter()
                .filter_map(|p| {
                    let node = index.nearest(p.location)?;
                    let access = Access::new(node, p.location, network.nodes[node as usize], &profile);
                    Some((p, access))
                })
                .collect();
            let outline_for_fit = if outline.is_empty() { network.nodes.clone() } else { outline.clone() };
            let project = Projection::fit(&outline_for_fit, 360.0);
            let (svg_body, zone_paths) = draw(&project, &outline, &network, &index, &reach, &points, sources.len());
            ZoneModel {
                version: 0,
                computed_at: now,
                compute_ms: start.elapsed().as_secs_f64() * 1000.0,
                fingerprint,
                import,
                nodes: network.nodes.len(),
                segments: network.segments.len(),
                profile,
                graph,
                index,
                node_positions: network.nodes.clone(),
                sources,
                reach,
                villages,
                towns,
                places,
                svg_body,
                zone_paths,
                project,
                outline,
            }
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("zone computation failed: {e}")))
    }

    /// Travel time of a populated place from its nearest point.
    pub fn place_millis(&self, access: Access) -> Option<u32> {
        access.millis(&self.reach)
    }

    /// A village and the travel time (ms) from it to every point it can reach, nearest first. One search from the
    /// village reaches every point: travel time is symmetric on this network.
    pub fn from_village(&self, code: &str) -> Option<(&Village, Vec<(String, u32)>)> {
        let (v, node) = self.villages.iter().find(|(v, _)| v.code == code)?;
        Some((v, self.from_node(*node, 0)))
    }

    /// A coordinate (a phone's location) and the travel time (ms) from it to every point it can reach, nearest first:
    /// the benchmarked look-up (the nearest network node through the grid index), the walk to that node at path
    /// speed, then the roads. The node's zone is where the person is, whatever village is nearest in a straight line.
    pub fn from_location(&self, here: LatLon) -> Option<(NodeId, Vec<(String, u32)>)> {
        let node = self.index.nearest(here)?;
        let access = crate::domain::planning::Access::new(node, here, *self.node_positions.get(node as usize)?, &self.profile);
        Some((node, self.from_node(node, access.walk_millis)))
    }

    fn from_node(&self, node: NodeId, walk_millis: u32) -> Vec<(String, u32)> {
        let reach = self.graph.search(&[node]);
        let mut by_time: Vec<(String, u32)> = self
            .sources
            .iter()
            .filter_map(|s| reach.get(s.node as usize).copied().flatten().map(|r| (s.id.clone(), r.millis.saturating_add(walk_millis))))
            .collect();
        by_time.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        by_time
    }

    /// Whether a coordinate is in the county (inside its outline).
    pub fn in_county(&self, here: LatLon) -> bool {
        here.lat.is_finite() && here.lon.is_finite() && polygon_contains(&self.outline, here)
    }

    /// Towns with their villages, for the town → village picker.
    pub fn town_options(&self) -> Vec<crate::domain::points::TownOption> {
        self.towns
            .iter()
            .map(|(code, name)| crate::domain::points::TownOption {
                code: code.clone(),
                name: name.clone(),
                villages: self
                    .villages
                    .iter()
                    .filter(|(v, _)| &v.town_code == code)
                    .map(|(v, _)| (v.code.clone(), v.name.clone()))
                    .collect(),
            })
            .collect()
    }
}

/// What a model depends on: the network import in use, every point's id and position, and the travel profile. A
/// model whose fingerprint differs from the database's is stale.
pub fn fingerprint(import: Option<&ImportRecord>, points: &[crate::domain::points::ServicePoint], profile: &TravelProfile) -> String {
    let mut text = import.map(|i| i.id.clone()).unwrap_or_default();
    text.push_str(&format!("|speeds:{:?}", profile.speeds_kmh));
    for p in points {
        text.push_str(&format!("|{}:{:.7},{:.7}", p.id, p.location.lat, p.location.lon));
    }
    crate::store::sha256_hex(&text)
}

/// The database's current fingerprint (cheap: one import row and the points).
pub async fn current_fingerprint(db: &Db) -> Result<String, sqlx::Error> {
    let import = crate::store::network::latest_import(db).await?;
    let points = crate::store::points::all(db).await?;
    let profile = crate::store::network::travel_profile(db).await?;
    Ok(fingerprint(import.as_ref(), &points, &profile))
}

