//! 15-minute service zones (15分钟政务圈): travel time along a road network from every service point at once.
//!
//! Pure: no I/O, no threads, compiles for wasm32. The network is a set of WGS-84 nodes joined by undirected segments,
//! each with a road class; a [`TravelProfile`] gives the speed per class. [`zones`] runs one multi-source Dijkstra
//! over travel time, so every node learns its nearest service point; [`coverage`] turns that into the planners'
//! figures; [`NodeIndex`] answers "which node (and so which zone) is this coordinate in" through a uniform grid.

pub mod page;

use super::geo::LatLon;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Index of a node in a [`RoadNetwork`].
pub type NodeId = u32;

/// The four road classes of the county network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoadClass {
    /// 县道
    County,
    /// 镇街
    Town,
    /// 村道
    Village,
    /// 小路 (footpaths and field tracks)
    Path,
}

impl RoadClass {
    pub const ALL: [RoadClass; 4] = [Self::County, Self::Town, Self::Village, Self::Path];

    /// Stable code, as used in GeoJSON `class` properties.
    pub fn code(self) -> &'static str {
        match self {
            Self::County => "county",
            Self::Town => "town",
            Self::Village => "village",
            Self::Path => "path",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::County => "县道",
            Self::Town => "镇街",
            Self::Village => "村道",
            Self::Path => "小路",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How people travel: a speed in km/h for each road class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TravelProfile {
    /// Indexed by [`RoadClass`] in declaration order.
    pub speeds_kmh: [f64; 4],
}

impl TravelProfile {
    /// The demo profile: rural residents on an e-bike on roads, walking on paths.
    pub fn rural_ebike() -> Self {
        Self { speeds_kmh: [25.0, 18.0, 15.0, 5.0] }
    }

    /// What is wrong with speeds typed by the administrator: (road class code, message), in class order.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        RoadClass::ALL
            .iter()
            .filter_map(|c| {
                let v = self.speed_kmh(*c);
                let max = if *c == RoadClass::Path { 20.0 } else { 120.0 };
                (!(1.0..=max).contains(&v)).then(|| (c.code(), format!("{}的速度应为1–{max}公里/小时", c.label_zh())))
            })
            .collect()
    }

    pub fn speed_kmh(&self, class: RoadClass) -> f64 {
        self.speeds_kmh[class.index()]
    }

    /// Travel time over `length_m` of a road of `class`, in whole milliseconds (integer times keep sums exact, so
    /// ties between service points are decided the same way whatever order the search visits them in).
    pub fn millis(&self, class: RoadClass, length_m: f64) -> u32 {
        let speed_ms = self.speed_kmh(class) / 3.6;
        let ms = (length_m / speed_ms * 1000.0).round();
        if ms.is_finite() && ms >= 0.0 { ms.min(u32::MAX as f64) as u32 } else { u32::MAX }
    }
}

impl Default for TravelProfile {
    fn default() -> Self {
        Self::rural_ebike()
    }
}

/// An undirected road segment between two nodes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub a: NodeId,
    pub b: NodeId,
    pub class: RoadClass,
    /// Great-circle length in metres.
    pub length_m: f64,
}

/// Nodes (WGS-84) and the undirected segments joining them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadNetwork {
    pub nodes: Vec<LatLon>,
    pub segments: Vec<Segment>,
}

impl RoadNetwork {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_node(&mut self, at: LatLon) -> NodeId {
        self.nodes.push(at);
        (self.nodes.len() - 1) as NodeId
    }

    /// Joins two existing nodes; the length is the haversine distance between them.
    pub fn add_segment(&mut self, a: NodeId, b: NodeId, class: RoadClass) {
        let length_m = self.nodes[a as usize].distance_m(self.nodes[b as usize]);
        self.segments.push(Segment { a, b, class, length_m });
    }

    /// Joins consecutive nodes of a polyline.
    pub fn add_polyline(&mut self, nodes: &[NodeId], class: RoadClass) {
        for pair in nodes.windows(2) {
            self.add_segment(pair[0], pair[1], class);
        }
    }

    /// A grid index over the nodes for nearest-node look-ups.
    pub fn index(&self) -> NodeIndex {
        NodeIndex::new(self, 250.0)
    }
}

/// The network as compressed adjacency lists weighted by travel time for one profile.
pub struct TravelGraph {
    /// `offsets[v]..offsets[v + 1]` are `v`'s entries in `targets` and `millis`.
    offsets: Vec<u32>,
    targets: Vec<NodeId>,
    millis: Vec<u32>,
}

impl TravelGraph {
    pub fn new(network: &RoadNetwork, profile: &TravelProfile) -> Self {
        let n = network.nodes.len();
        let mut degree = vec![0u32; n + 1];
        for s in &network.segments {
            degree[s.a as usize] += 1;
            degree[s.b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut sum = 0u32;
        for d in &degree[..n] {
            offsets.push(sum);
            sum += d;
        }
        offsets.push(sum);
        let mut next: Vec<u32> = offsets[..n].to_vec();
        let mut targets = vec![0; sum as usize];
        let mut millis = vec![0; sum as usize];
        for s in &network.segments {
            let t = profile.millis(s.class, s.length_m);
            for (from, to) in [(s.a, s.b), (s.b, s.a)] {
                let slot = next[from as usize] as usize;
                targets[slot] = to;
                millis[slot] = t;
                next[from as usize] += 1;
            }
        }
        Self { offsets, targets, millis }
    }

    fn neighbours(&self, v: NodeId) -> impl Iterator<Item = (NodeId, u32)> + '_ {
        let range = self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize;
        self.targets[range.clone()].iter().copied().zip(self.millis[range].iter().copied())
    }

    /// Multi-source Dijkstra: for every node, the source reached first and when. A node equally near two sources
    /// goes to the one listed first (the heap orders by (time, source index), and both are propagated unchanged
    /// along a path, so this is exactly "minimum over sources, then smallest index").
    pub fn search(&self, sources: &[NodeId]) -> Vec<Option<Reach>> {
        let n = self.offsets.len() - 1;
        let mut best: Vec<Option<Reach>> = vec![None; n];
        let mut heap = BinaryHeap::new();
        for (i, &node) in sources.iter().enumerate() {
            let candidate = Reach { source: i as u32, millis: 0 };
            if (node as usize) < n && best[node as usize].is_none_or(|r| candidate.key() < r.key()) {
                best[node as usize] = Some(candidate);
                heap.push(Reverse((0u32, i as u32, node)));
            }
        }
        while let Some(Reverse((millis, source, v))) = heap.pop() {
            let here = Reach { source, millis };
            if best[v as usize] != Some(here) {
                continue; // a stale entry: v was improved after this was pushed
            }
            for (w, t) in self.neighbours(v) {
                let candidate = Reach { source, millis: millis.saturating_add(t) };
                if best[w as usize].is_none_or(|r| candidate.key() < r.key()) {
                    best[w as usize] = Some(candidate);
                    heap.push(Reverse((candidate.millis, source, w)));
                }
            }
        }
        best
    }
}

/// How a node is reached: from which source (its index in the list given to [`zones`]) and after how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    pub source: u32,
    pub millis: u32,
}

impl Reach {
    pub fn secs(self) -> f64 {
        f64::from(self.millis) / 1000.0
    }

    fn key(self) -> (u32, u32) {
        (self.millis, self.source)
    }
}

/// The zones: for each node of the network, its nearest source, or `None` when no source can reach it.
#[derive(Clone, Debug)]
pub struct ZoneResult<P> {
    /// The sources' ids, in the order given.
    pub sources: Vec<P>,
    /// Indexed by node.
    pub reach: Vec<Option<Reach>>,
}

impl<P> ZoneResult<P> {
    pub fn reach(&self, node: NodeId) -> Option<Reach> {
        self.reach.get(node as usize).copied().flatten()
    }

    /// The id of the node's nearest source, i.e. whose zone the node is in.
    pub fn zone_of(&self, node: NodeId) -> Option<&P> {
        self.reach(node).map(|r| &self.sources[r.source as usize])
    }

    /// Travel time from the nearest source, in seconds.
    pub fn secs(&self, node: NodeId) -> Option<f64> {
        self.reach(node).map(Reach::secs)
    }
}

/// Zones of all `sources` (point id, node) over `network` for one travel profile.
pub fn zones<P: Clone>(network: &RoadNetwork, profile: &TravelProfile, sources: &[(P, NodeId)]) -> ZoneResult<P> {
    let graph = TravelGraph::new(network, profile);
    let nodes: Vec<NodeId> = sources.iter().map(|(_, n)| *n).collect();
    ZoneResult { sources: sources.iter().map(|(p, _)| p.clone()).collect(), reach: graph.search(&nodes) }
}

/// The planners' figures for a set of places.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage<Pl> {
    pub places: usize,
    pub places_covered: usize,
    pub population: u64,
    pub population_covered: u64,
    /// Places beyond the limit, in the order given, with their travel time (`None`: unreachable).
    pub uncovered: Vec<(Pl, Option<f64>)>,
}

impl<Pl> Coverage<Pl> {
    /// Share of places covered, 0–1 (1 when there are no places).
    pub fn share_places(&self) -> f64 {
        share(self.places_covered as f64, self.places as f64)
    }

    /// Share of population covered, 0–1 (1 when nobody lives there).
    pub fn share_population(&self) -> f64 {
        share(self.population_covered as f64, self.population as f64)
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole == 0.0 { 1.0 } else { part / whole }
}

/// The 15-minute limit.
pub const FIFTEEN_MINUTES: f64 = 900.0;

/// Which of `places` (place, node, population) lie within `limit_secs` of their nearest source.
pub fn coverage<P, Pl: Clone>(result: &ZoneResult<P>, places: &[(Pl, NodeId, u32)], limit_secs: f64) -> Coverage<Pl> {
    let limit_millis = (limit_secs * 1000.0).round();
    let mut c = Coverage { places: 0, places_covered: 0, population: 0, population_covered: 0, uncovered: Vec::new() };
    for (place, node, population) in places {
        c.places += 1;
        c.population += u64::from(*population);
        let reach = result.reach(*node);
        if reach.is_some_and(|r| f64::from(r.millis) <= limit_millis) {
            c.places_covered += 1;
            c.population_covered += u64::from(*population);
        } else {
            c.uncovered.push((place.clone(), reach.map(Reach::secs)));
        }
    }
    c
}

/// A uniform grid over the nodes, in local metres (equirectangular about the network's centre: exact enough at
/// county scale), for nearest-node look-ups.
pub struct NodeIndex {
    origin: LatLon,
    /// Metres per degree of longitude at the centre's latitude.
    m_per_deg_lon: f64,
    cell_m: f64,
    cols: i64,
    rows: i64,
    /// `cell_start[c]..cell_start[c + 1]` are cell `c`'s entries in `cell_nodes` (row-major cells).
    cell_start: Vec<u32>,
    cell_nodes: Vec<NodeId>,
    /// Each node's position in local metres.
    xy: Vec<(f64, f64)>,
}

const M_PER_DEG_LAT: f64 = 111_195.0;

impl NodeIndex {
    pub fn new(network: &RoadNetwork, cell_m: f64) -> Self {
        let nodes = &network.nodes;
        let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in nodes {
            (lat0, lat1, lon0, lon1) = (lat0.min(p.lat), lat1.max(p.lat), lon0.min(p.lon), lon1.max(p.lon));
        }
        if nodes.is_empty() {
            (lat0, lat1, lon0, lon1) = (0.0, 0.0, 0.0, 0.0);
        }
        let origin = LatLon::new(lat0, lon0);
        let m_per_deg_lon = M_PER_DEG_LAT * ((lat0 + lat1) / 2.0).to_radians().cos();
        let cols = (((lon1 - lon0) * m_per_deg_lon / cell_m).floor() as i64 + 1).max(1);
        let rows = (((lat1 - lat0) * M_PER_DEG_LAT / cell_m).floor() as i64 + 1).max(1);
        let mut index = Self {
            origin,
            m_per_deg_lon,
            cell_m,
            cols,
            rows,
            cell_start: Vec::new(),
            cell_nodes: Vec::new(),
            xy: Vec::with_capacity(nodes.len()),
        };
        index.xy = nodes.iter().map(|&p| index.project(p)).collect();
        // Counting sort of the nodes by cell.
        let cell_of: Vec<usize> = index.xy.iter().map(|&xy| index.cell(xy)).map(|(c, r)| (r * cols + c) as usize).collect();
        let mut start = vec![0u32; (cols * rows) as usize + 1];
        for &c in &cell_of {
            start[c + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut cell_nodes = vec![0; nodes.len()];
        for (node, &c) in cell_of.iter().enumerate() {
            cell_nodes[next[c] as usize] = node as NodeId;
            next[c] += 1;
        }
        index.cell_start = start;
        index.cell_nodes = cell_nodes;
        index
    }

    fn project(&self, p: LatLon) -> (f64, f64) {
        ((p.lon - self.origin.lon) * self.m_per_deg_lon, (p.lat - self.origin.lat) * M_PER_DEG_LAT)
    }

    /// The (column, row) of the cell holding `xy`, on the grid extended without bound.
    fn cell(&self, (x, y): (f64, f64)) -> (i64, i64) {
        ((x / self.cell_m).floor() as i64, (y / self.cell_m).floor() as i64)
    }

    /// The node nearest to `p` (`None` only for an empty network). Searches rings of cells outward from `p`'s cell
    /// and stops once no unvisited cell can hold anything nearer.
    pub fn nearest(&self, p: LatLon) -> Option<NodeId> {
        if self.xy.is_empty() {
            return None;
        }
        let q = self.project(p);
        let (cx, cy) = self.cell(q);
        let mut best: Option<(f64, NodeId)> = None;
        // Rings nearer than the grid are empty; rings beyond the farthest corner are outside it.
        let to_grid = (-cx).max(cx - self.cols + 1).max(-cy).max(cy - self.rows + 1).max(0);
        let to_far = [(0, 0), (self.cols - 1, 0), (0, self.rows - 1), (self.cols - 1, self.rows - 1)]
            .iter()
            .map(|&(c, r)| (c - cx).abs().max((r - cy).abs()))
            .max()
            .unwrap_or(0);
        for k in to_grid..=to_far {
            // Anything in ring k or beyond is at least (k - 1) cells away from q.
            if let Some((d2, _)) = best {
                let bound = (k - 1).max(0) as f64 * self.cell_m;
                if d2 <= bound * bound {
                    break;
                }
            }
            self.visit_ring(cx, cy, k, |node| {
                let (x, y) = self.xy[node as usize];
                let d2 = (x - q.0).powi(2) + (y - q.1).powi(2);
                if best.is_none_or(|(b, id)| (d2, node) < (b, id)) {
                    best = Some((d2, node));
                }
            });
        }
        best.map(|(_, node)| node)
    }

    /// Calls `f` for every node in the cells at Chebyshev distance exactly `k` from (cx, cy), within the grid.
    fn visit_ring(&self, cx: i64, cy: i64, k: i64, mut f: impl FnMut(NodeId)) {
        let mut cell = |c: i64, r: i64| {
            if (0..self.cols).contains(&c) && (0..self.rows).contains(&r) {
                let i = (r * self.cols + c) as usize;
                for &node in &self.cell_nodes[self.cell_start[i] as usize..self.cell_start[i + 1] as usize] {
                    f(node);
                }
            }
        };
        if k == 0 {
            cell(cx, cy);
            return;
        }
        let (c0, c1) = ((cx - k).max(0), (cx + k).min(self.cols - 1));
        for c in c0..=c1 {
            cell(c, cy - k);
            cell(c, cy + k);
        }
        let (r0, r1) = ((cy - k + 1).max(0), (cy + k - 1).min(self.rows - 1));
        for r in r0..=r1 {
            cell(cx - k, r);
            cell(cx + k, r);
        }
    }
}

/// The node nearest to `p`; build the index once with [`RoadNetwork::index`] when looking up many coordinates.
pub fn nearest_node(index: &NodeIndex, p: LatLon) -> Option<NodeId> {
    index.nearest(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// About 1 km east per 0.0099° of longitude at the equator; tests build networks near (0, 0) in metres.
    fn at(east_m: f64, north_m: f64) -> LatLon {
        LatLon::new(north_m / M_PER_DEG_LAT, east_m / M_PER_DEG_LAT)
    }

    /// A profile where every class moves at 1 m/s, so times equal lengths.
    fn one_metre_per_second() -> TravelProfile {
        TravelProfile { speeds_kmh: [3.6; 4] }
    }

    fn line(network: &mut RoadNetwork, points: &[LatLon], class: RoadClass) -> Vec<NodeId> {
        let ids: Vec<NodeId> = points.iter().map(|&p| network.add_node(p)).collect();
        network.add_polyline(&ids, class);
        ids
    }

    #[test]
    fn two_points_on_a_line_split_it_at_the_midpoint() {
        let mut net = RoadNetwork::new();
        let ids = line(&mut net, &(0..=10).map(|i| at(i as f64 * 100.0, 0.0)).collect::<Vec<_>>(), RoadClass::Town);
        let r = zones(&net, &one_metre_per_second(), &[("A", ids[0]), ("B", ids[10])]);
        for (i, &id) in ids.iter().enumerate() {
            let expected = match i {
                0..=4 => "A",
                5 => "A", // equidistant: the source listed first wins
                _ => "B",
            };
            assert_eq!(r.zone_of(id), Some(&expected), "node {i}");
            let metres = (i.min(10 - i) * 100) as f64;
            assert!((r.secs(id).unwrap() - metres).abs() < 0.5, "node {i}: {:?}", r.secs(id));
        }
        // Listing B first gives it the midpoint.
        let r = zones(&net, &one_metre_per_second(), &[("B", ids[10]), ("A", ids[0])]);
        assert_eq!(r.zone_of(ids[5]), Some(&"B"));
    }

    #[test]
    fn a_river_is_crossed_only_by_its_bridge() {
        // A river runs north–south at x = 500 m. West bank: the station S at (0, 0) and a road north along x = 0.
        // The only bridge is at y = 2000, from (0, 2000) to (1000, 2000) on a county road. East bank: a village V at
        // (1000, 0), reached down a village road from the bridge's east end.
        let mut net = RoadNetwork::new();
        let west = line(&mut net, &[at(0.0, 0.0), at(0.0, 1000.0), at(0.0, 2000.0)], RoadClass::Town);
        let east_end = net.add_node(at(1000.0, 2000.0));
        net.add_segment(west[2], east_end, RoadClass::County);
        let mid = net.add_node(at(1000.0, 1000.0));
        let village = net.add_node(at(1000.0, 0.0));
        net.add_polyline(&[east_end, mid, village], RoadClass::Village);
        // A path on the east bank that leads nowhere near the station.
        let cul_de_sac = net.add_node(at(1500.0, 0.0));
        net.add_segment(village, cul_de_sac, RoadClass::Path);

        let profile = TravelProfile::rural_ebike();
        let r = zones(&net, &profile, &[("S", west[0])]);
        let secs = |m: f64, kmh: f64| m / (kmh / 3.6);
        // By hand: 2 km of town street, 1 km of bridge, 2 km of village road.
        let expected = secs(2000.0, 18.0) + secs(1000.0, 25.0) + secs(2000.0, 15.0);
        let got = r.secs(village).unwrap();
        assert!((got - expected).abs() < 1.0, "{got} vs {expected}");
        let got = r.secs(cul_de_sac).unwrap();
        assert!((got - expected - secs(500.0, 5.0)).abs() < 1.0, "{got}");
        // Straight across would have been 1 km: the bridge makes it 1,024 s, beyond 15 minutes.
        assert!(expected > FIFTEEN_MINUTES);
        let c = coverage(&r, &[("V", village, 800), ("S-side", west[1], 200)], FIFTEEN_MINUTES);
        assert_eq!((c.places_covered, c.population_covered), (1, 200));
        assert_eq!(c.uncovered.len(), 1);
        assert_eq!(c.uncovered[0].0, "V");
    }

    #[test]
    fn an_unreachable_village_has_no_zone_and_is_not_covered() {
        let mut net = RoadNetwork::new();
        let road = line(&mut net, &[at(0.0, 0.0), at(300.0, 0.0)], RoadClass::Village);
        let island = line(&mut net, &[at(5000.0, 0.0), at(5100.0, 0.0)], RoadClass::Path);
        let r = zones(&net, &TravelProfile::default(), &[(7u32, road[0])]);
        assert_eq!(r.zone_of(road[1]), Some(&7));
        assert_eq!(r.zone_of(island[0]), None);
        assert_eq!(r.secs(island[1]), None);
        let c = coverage(&r, &[("near", road[1], 10), ("island", island[0], 30)], FIFTEEN_MINUTES);
        assert_eq!((c.places, c.places_covered, c.population, c.population_covered), (2, 1, 40, 10));
        assert_eq!(c.uncovered, vec![("island", None)]);
        assert!((c.share_places() - 0.5).abs() < 1e-12);
        assert!((c.share_population() - 0.25).abs() < 1e-12);
    }

    #[test]
    fn no_sources_leave_everything_unreached() {
        let mut net = RoadNetwork::new();
        let ids = line(&mut net, &[at(0.0, 0.0), at(100.0, 0.0)], RoadClass::Town);
        let r = zones::<&str>(&net, &TravelProfile::default(), &[]);
        assert!(ids.iter().all(|&i| r.reach(i).is_none()));
    }

    #[test]
    fn road_class_codes_round_trip() {
        for c in RoadClass::ALL {
            assert_eq!(RoadClass::from_code(c.code()), Some(c));
        }
        assert_eq!(RoadClass::from_code("motorway"), None);
    }

    use crate::domain::rng::SplitMix64 as Rng;

    /// `n` nodes scattered over a 5 km square, joined by random short segments of random classes (possibly in
    /// several components).
    fn random_network(seed: u64, n: usize, extra: usize) -> RoadNetwork {
        let mut rng = Rng(seed);
        let mut net = RoadNetwork::new();
        for _ in 0..n {
            net.add_node(at(rng.below(5000) as f64, rng.below(5000) as f64));
        }
        for v in 1..n as u64 {
            // Mostly a tree towards earlier nodes; some nodes start a new component.
            if rng.below(10) > 0 {
                let u = rng.below(v);
                net.add_segment(u as NodeId, v as NodeId, RoadClass::ALL[rng.below(4) as usize]);
            }
        }
        for _ in 0..extra {
            let (u, v) = (rng.below(n as u64), rng.below(n as u64));
            net.add_segment(u as NodeId, v as NodeId, RoadClass::ALL[rng.below(4) as usize]);
        }
        net
    }

    /// Brute force: one single-source search per source, then the minimum (smaller index on ties).
    fn brute_force(net: &RoadNetwork, profile: &TravelProfile, sources: &[NodeId]) -> Vec<Option<Reach>> {
        let graph = TravelGraph::new(net, profile);
        let mut best: Vec<Option<Reach>> = vec![None; net.nodes.len()];
        for (i, &s) in sources.iter().enumerate() {
            for (v, r) in graph.search(&[s]).into_iter().enumerate() {
                if let Some(r) = r {
                    let r = Reach { source: i as u32, ..r };
                    if best[v].is_none_or(|b| r.key() < b.key()) {
                        best[v] = Some(r);
                    }
                }
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn zones_and_coverage_equal_brute_force(seed in any::<u64>(), n in 2usize..300, k in 1usize..8, extra in 0usize..400) {
            let net = random_network(seed, n, extra);
            let profile = TravelProfile::rural_ebike();
            let mut rng = Rng(seed ^ 0xABCD);
            let sources: Vec<(usize, NodeId)> = (0..k).map(|i| (i, rng.below(n as u64) as NodeId)).collect();
            let result = zones(&net, &profile, &sources);
            let nodes: Vec<NodeId> = sources.iter().map(|s| s.1).collect();
            let expected = brute_force(&net, &profile, &nodes);
            prop_assert_eq!(&result.reach, &expected);

            let places: Vec<(usize, NodeId, u32)> = (0..n).map(|v| (v, v as NodeId, (rng.below(1000) + 1) as u32)).collect();
            let c = coverage(&result, &places, FIFTEEN_MINUTES);
            let within = |v: usize| expected[v].is_some_and(|r| r.secs() <= FIFTEEN_MINUTES);
            prop_assert_eq!(c.places_covered, (0..n).filter(|&v| within(v)).count());
            prop_assert_eq!(c.population_covered, places.iter().filter(|p| within(p.0)).map(|p| u64::from(p.2)).sum::<u64>());
            prop_assert_eq!(c.uncovered.len() + c.places_covered, n);
        }

        #[test]
        fn nearest_node_equals_a_linear_scan(seed in any::<u64>(), n in 1usize..400, qx in -2000.0..7000.0f64, qy in -2000.0..7000.0f64) {
            let net = random_network(seed, n, 0);
            let q = at(qx, qy);
            let index = NodeIndex::new(&net, 300.0);
            let found = nearest_node(&index, q).unwrap();
            // Compare distances, not ids: two nodes may be equally near.
            let scan = net.nodes.iter().map(|&p| p.distance_m(q)).fold(f64::MAX, f64::min);
            prop_assert!((net.nodes[found as usize].distance_m(q) - scan).abs() < 0.01);
        }
    }

    #[test]
    fn nearest_node_of_an_empty_network_is_none() {
        assert_eq!(RoadNetwork::new().index().nearest(at(0.0, 0.0)), None);
    }
}
