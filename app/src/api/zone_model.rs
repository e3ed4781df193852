//! (ssr only) The computed 15-minute map: the travel graph, every node's nearest point, where villages and
//! populated places join the network, and the server-rendered SVG. Built from the database, kept as an immutable
//! snapshot in [`ZoneState`] and replaced whole when points or the network change.
//!
//! Readers take an `Arc` of the current snapshot (a read lock held for one pointer copy: tens of nanoseconds,
//! no new dependency; `arc-swap` would save the lock but adds a crate for no measurable gain at this traffic), and
//! keep using it for the whole request even if a newer one is installed meanwhile. A recompute builds the new
//! model off to the side (CPU work on the blocking pool) and swaps it in; requests never wait for it, except the
//! very first one after start-up when there is nothing to show yet.

use crate::demo::Village;
use crate::domain::catalogue::PointKind;
use crate::domain::geo::{polygon_contains, LatLon};
use crate::domain::planning::{Access, PopulatedPlace};
use crate::domain::zone_shapes::{path_data, Raster};
use crate::domain::zones::{NodeId, NodeIndex, Reach, TravelGraph, TravelProfile};
use crate::store::network::ImportRecord;
use crate::store::Db;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

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
    pub fn town_options(&self) -> Vec<super::map::TownOption> {
        self.towns
            .iter()
            .map(|(code, name)| super::map::TownOption {
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
        if points.is_empty() {
            (min_lon, max_lon, min_lat, max_lat) = (0.0, 1.0, 0.0, 1.0);
        }
        let kx = ((min_lat + max_lat) / 2.0).to_radians().cos();
        let scale = width / ((max_lon - min_lon) * kx).max(1e-9);
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

/// Eight light tints (contrast with the dark points drawn on top); neighbouring zones never share one, and zones
/// are told apart by their points and the list below the map, never by colour alone.
const TINTS: [&str; 8] = ["#dbe9f6", "#e3f1df", "#fbeed7", "#efe1f3", "#fde2e1", "#dff3f1", "#f3f0d7", "#e6e6f5"];

/// The zones as polygons (a raster of [`CELL`] cells, each taking the zone of its nearest node, traced into
/// rings: one path per tint), then the county outline and the points.
fn draw(
    proj: &Projection,
    outline: &[LatLon],
    network: &crate::domain::zones::RoadNetwork,
    index: &NodeIndex,
    reach: &[Option<Reach>],
    points: &[crate::domain::points::ServicePoint],
    sources: usize,
) -> (String, Vec<String>) {
    let cols = (proj.width / CELL).ceil() as usize;
    let rows = (proj.height / CELL).ceil() as usize;
    let mut cells = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        for c in 0..cols {
            let p = proj.at((c as f64 + 0.5) * CELL, (r as f64 + 0.5) * CELL);
            let inside = outline.is_empty() || polygon_contains(outline, p);
            cells.push(
                inside.then(|| index.nearest(p)).flatten().and_then(|n| reach.get(n as usize).copied().flatten()).map(|r| r.source),
            );
        }
    }
    let raster = Raster { cols, rows, cells };
    let rings = raster.rings();
    let colour = raster.colouring(TINTS.len()).unwrap_or_default();
    let mut by_tint: Vec<String> = vec![String::new(); TINTS.len()];
    let mut zone_paths = vec![String::new(); sources];
    for (zone, rs) in &rings {
        let d = path_data(rs);
        let tint = colour.get(zone).copied().unwrap_or(*zone as usize % TINTS.len());
        by_tint[tint].push_str(&d);
        if let Some(slot) = zone_paths.get_mut(*zone as usize) {
            *slot = d;
        }
    }
    let mut svg = format!(r#"<g transform="scale({CELL})" fill-rule="evenodd" shape-rendering="crispEdges">"#);
    for (tint, d) in TINTS.iter().zip(&by_tint) {
        if !d.is_empty() {
            svg.push_str(&format!(r#"<path fill="{tint}" d="{d}"/>"#));
        }
    }
    svg.push_str("</g>");
    if !outline.is_empty() {
        let ring: Vec<String> = outline.iter().map(|p| { let (x, y) = proj.xy(*p); format!("{x},{y}") }).collect();
        svg.push_str(&format!(r##"<polygon points="{}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>"##, ring.join(" ")));
    }
    svg.push_str(&roads(proj, network));
    for p in points {
        let (x, y) = proj.xy(p.location);
        let r = match p.kind {
            PointKind::County => 5.0,
            PointKind::Branch | PointKind::Town => 3.5,
            PointKind::Village => 1.6,
        };
        svg.push_str(&format!(r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#0b5394" stroke="#fff" stroke-width="0.8"/>"##));
    }
    // The towns' names at their centres, so a person can find where they are. (The county hall stands a few units
    // from 嵩阳街道's centre: a 县城 label there would print over it.)
    for p in points.iter().filter(|p| p.kind == PointKind::Town) {
        let (x, y) = proj.xy(p.location);
        svg.push_str(&map_label(x, y - 5.0, &p.town_name, "map-label"));
    }
    (svg, zone_paths)
}

/// A name on the map: centred above a point, dark text on a white halo so it reads over any tint.
pub fn map_label(x: f64, y: f64, text: &str, class: &str) -> String {
    format!(
        r##"<text class="{class}" x="{x:.1}" y="{y:.1}" text-anchor="middle">{}</text>"##,
        crate::domain::html::escape(text)
    )
}

/// The county and town roads as two paths: segments chained into polylines (a walk from each end or junction
/// along nodes of degree two), each drawn as one move and relative lines at 0.1-unit precision, points that round to
/// the previous one dropped, and pieces shorter than 2 units (a town's street mesh) left out. Village roads and
/// paths are left out too: at this scale they would be a grey mesh.
fn roads(proj: &Projection, network: &crate::domain::zones::RoadNetwork) -> String {
    use crate::domain::zones::RoadClass;
    use std::collections::HashMap;
    let mut out = String::new();
    for (class, width, colour) in [(RoadClass::Town, 0.9, "#8a6d3b"), (RoadClass::County, 1.6, "#b1591d")] {
        let segments: Vec<(u32, u32)> = network.segments.iter().filter(|s| s.class == class).map(|s| (s.a, s.b)).collect();
        let mut by_node: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, (a, b)) in segments.iter().enumerate() {
            by_node.entry(*a).or_default().push(i);
            by_node.entry(*b).or_default().push(i);
        }
        let mut used = vec![false; segments.len()];
        let mut chains: Vec<Vec<u32>> = Vec::new();
        // Start at ends and junctions first, then whatever is left (loops).
        let mut starts: Vec<u32> = by_node.iter().filter(|(_, s)| s.len() != 2).map(|(n, _)| *n).collect();
        starts.sort_unstable();
        starts.extend(segments.iter().map(|(a, _)| *a));
        for start in starts {
            while let Some(&first) = by_node[&start].iter().find(|i| !used[**i]) {
                let mut chain = vec![start];
                let (mut at, mut seg) = (start, first);
                loop {
                    used[seg] = true;
                    let (a, b) = segments[seg];
                    at = if a == at { b } else { a };
                    chain.push(at);
                    let next = by_node[&at].iter().copied().find(|i| !used[*i]);
                    match next {
                        Some(n) if by_node[&at].len() == 2 => seg = n,
                        _ => break,
                    }
                }
                chains.push(chain);
            }
        }
        let mut d = String::new();
        for chain in chains {
            let points: Vec<(f64, f64)> = chain.iter().filter_map(|n| network.nodes.get(*n as usize).map(|p| proj.xy(*p))).collect();
            // Shorter than 2 units (about 2 px on a phone): a town's street mesh, a smudge at this scale.
            let length: f64 = points.windows(2).map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt()).sum();
            if length < 2.0 {
                continue;
            }
            let kept = simplify(&points, 0.6);
            let Some(&(fx, fy)) = kept.first() else { continue };
            let mut last = ((fx * 10.0).round() as i64, (fy * 10.0).round() as i64);
            let first = last;
            let mut steps = String::new();
            for (x, y) in &kept[1..] {
                let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                if p != last {
                    steps.push_str(&format!("{} {} ", tenths(p.0 - last.0), tenths(p.1 - last.1)));
                    last = p;
                }
            }
            if !steps.is_empty() {
                d.push_str(&format!("M{} {}l{}", tenths(first.0), tenths(first.1), steps));
            }
        }
        if !d.is_empty() {
            out.push_str(&format!(
                r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"/>"#,
                d.trim_end()
            ));
        }
    }
    out
}

/// Douglas–Peucker: the points of a polyline that keep it within `tolerance` units of the original (the ends always).
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    let (first, last) = (0, points.len() - 1);
    keep[first] = true;
    keep[last] = true;
    let mut stack = vec![(first, last)];
    while let Some((a, b)) = stack.pop() {
        let ((ax, ay), (bx, by)) = (points[a], points[b]);
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        let mut far = (0.0, a);
        for (i, &(px, py)) in points.iter().enumerate().take(b).skip(a + 1) {
            let dist = if len == 0.0 { ((px - ax).powi(2) + (py - ay).powi(2)).sqrt() } else { ((px - ax) * dy - (py - ay) * dx).abs() / len };
            if dist > far.0 {
                far = (dist, i);
            }
        }
        if far.0 > tolerance {
            keep[far.1] = true;
            stack.push((a, far.1));
            stack.push((far.1, b));
        }
    }
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

/// A length in tenths of a unit, written in units with at most one decimal ("12.3", "-0.5", "7").
fn tenths(v: i64) -> String {
    let (sign, a) = if v < 0 { ("-", v.unsigned_abs()) } else { ("", v.unsigned_abs()) };
    if a % 10 == 0 { format!("{sign}{}", a / 10) } else { format!("{sign}{}.{}", a / 10, a % 10) }
}

/// The current snapshot and the machinery that replaces it.
pub struct ZoneState {
    current: RwLock<Option<Arc<ZoneModel>>>,
    /// One build at a time; a request that finds no model waits for the build under way.
    building: tokio::sync::Mutex<()>,
    installed: AtomicU64,
    wanted: tokio::sync::Notify,
    versions: tokio::sync::watch::Sender<u64>,
}

impl Default for ZoneState {
    fn default() -> Self {
        Self {
            current: RwLock::new(None),
            building: tokio::sync::Mutex::new(()),
            installed: AtomicU64::new(0),
            wanted: tokio::sync::Notify::new(),
            versions: tokio::sync::watch::channel(0).0,
        }
    }
}

impl ZoneState {
    /// The snapshot in use, if one has been computed.
    pub fn snapshot(&self) -> Option<Arc<ZoneModel>> {
        self.current.read().expect("zone lock").clone()
    }

    /// The snapshot in use, computing the first one if there is none yet.
    pub async fn get(&self, db: &Db, now: DateTime<Utc>) -> Result<Arc<ZoneModel>, sqlx::Error> {
        if let Some(m) = self.snapshot() {
            return Ok(m);
        }
        let _one = self.building.lock().await;
        if let Some(m) = self.snapshot() {
            return Ok(m);
        }
        Ok(self.install(ZoneModel::load(db, now).await?))
    }

    /// Computes a new model from the database and swaps it in. Readers keep the old one until the swap.
    pub async fn recompute(&self, db: &Db, now: DateTime<Utc>) -> Result<Arc<ZoneModel>, sqlx::Error> {
        let _one = self.building.lock().await;
        let model = ZoneModel::load(db, now).await?;
        Ok(self.install(model))
    }

    /// Makes `model` the snapshot in use, numbering it.
    pub fn install(&self, mut model: ZoneModel) -> Arc<ZoneModel> {
        model.version = self.installed.fetch_add(1, Ordering::SeqCst) + 1;
        let model = Arc::new(model);
        *self.current.write().expect("zone lock") = Some(model.clone());
        self.versions.send_replace(model.version);
        tracing::info!(version = model.version, ms = model.compute_ms, "zones computed");
        model
    }

    /// Asks the background worker for a recompute (after points or the network changed).
    pub fn request_recompute(&self) {
        self.wanted.notify_one();
    }

    /// The installed version, to wait for a recompute.
    pub fn versions(&self) -> tokio::sync::watch::Receiver<u64> {
        self.versions.subscribe()
    }

    /// The background worker: recomputes when asked, and every minute checks whether the database changed behind
    /// its back (another instance, `server reset-demo`).
    pub async fn worker(self: Arc<Self>, db: Db, clock: super::context::Clock) {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let asked = tokio::select! {
                _ = self.wanted.notified() => true,
                _ = tick.tick() => false,
            };
            let stale = match (asked, self.snapshot()) {
                (true, _) => true,
                (false, None) => false,
                (false, Some(m)) => current_fingerprint(&db).await.map(|f| f != m.fingerprint).unwrap_or(false),
            };
            if stale {
                if let Err(e) = self.recompute(&db, clock.now_for(None)).await {
                    tracing::warn!(error = %e, "zone recompute");
                }
            }
        }
    }
}

/// The snapshot for this request (computing the first if needed).
pub async fn current() -> Result<Arc<ZoneModel>, leptos::prelude::ServerFnError> {
    let st = super::context::state()?;
    st.zones.get(&st.db, super::context::now()?).await.map_err(super::context::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_corners_and_drops_what_lies_on_the_line() {
        let line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(simplify(&line, 0.6), vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]);
        assert_eq!(simplify(&line, 0.05), line.to_vec());
    }

    #[test]
    fn tenths_are_written_short() {
        assert_eq!([tenths(123), tenths(-5), tenths(70), tenths(0), tenths(-120)], ["12.3", "-0.5", "7", "0", "-12"]);
    }
}
