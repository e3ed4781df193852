//! The demo county, generated deterministically from shipped data.
//!
//! Real: 嵩明县's divisions (GB/T 2260, `data/songming-divisions.json`) and China's 2025–2026 holiday calendar
//! (`data/cn-holidays.json`). Demo (plausible, invented): the item catalogue (`data/demo-catalogue.json`), the county
//! outline, every point's coordinates, address, phone and hours, and the hall's windows. Bump [`DEMO_VERSION`] when
//! any of it changes: the server re-seeds an existing database whose demo data is older (see `service::demo`).

use crate::domain::calendar::{OpeningHours, Session, WorkCalendar};
use crate::domain::catalogue::{Department, PointKind, ServiceItem};
use crate::domain::geo::{polygon_contains, LatLon};
use crate::domain::planning::PopulatedPlace;
use crate::domain::points::{CounterKind, ServicePoint, Window};
use crate::domain::zones::{NodeId, RoadClass, RoadNetwork};
use serde::Deserialize;

pub const DEMO_VERSION: i64 = 3;

const DIVISIONS: &str = include_str!("../data/songming-divisions.json");
const HOLIDAYS: &str = include_str!("../data/cn-holidays.json");
const CATALOGUE: &str = include_str!("../data/demo-catalogue.json");

/// The county seat (嵩明县城, 嵩阳街道), WGS-84.
pub const SEAT: LatLon = LatLon::new(25.3389, 103.0360);

pub struct DemoCounty {
    pub county_code: String,
    pub county_name: String,
    pub outline: Vec<LatLon>,
    pub departments: Vec<Department>,
    pub items: Vec<ServiceItem>,
    pub points: Vec<ServicePoint>,
    pub windows: Vec<Window>,
    /// (point id, item code)
    pub point_items: Vec<(String, String)>,
    pub calendar: WorkCalendar,
    pub villages: Vec<Village>,
    /// Populated places (自然村), each village's centre first: where the planners' coverage is measured.
    pub places: Vec<PopulatedPlace>,
}

pub use crate::domain::points::Village;

#[derive(Deserialize)]
struct RawDivisions {
    county: RawDivision,
    townships: Vec<RawTownship>,
}

#[derive(Deserialize)]
struct RawDivision {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct RawTownship {
    code: String,
    name: String,
    villages: Vec<RawDivision>,
}

#[derive(Deserialize)]
struct RawCatalogue {
    departments: Vec<Department>,
    items: Vec<ServiceItem>,
}

use crate::domain::rng::SplitMix64 as Rng;

/// Where each township's seat sits relative to the county seat, in km (east, north): roughly the real layout
/// (小街 north, 杨林 south, 牛栏江 east, 杨桥 west), invented in detail.
fn town_offset_km(index: usize) -> (f64, f64) {
    const OFFSETS: [(f64, f64); 8] =
        [(0.0, 0.0), (-9.0, -3.0), (4.0, 14.0), (-4.0, -16.0), (15.0, 4.0), (-1.5, -12.5), (3.5, -4.0), (-6.0, 5.0)];
    OFFSETS[index % OFFSETS.len()]
}

fn offset(base: LatLon, east_km: f64, north_km: f64) -> LatLon {
    let lat = base.lat + north_km / 111.195;
    let lon = base.lon + east_km / (111.195 * base.lat.to_radians().cos());
    LatLon::new(lat, lon)
}

/// A county outline: an irregular 36-gon about 21 km across from the seat (the real county is ~1,357 km²).
fn outline(rng: &mut Rng) -> Vec<LatLon> {
    let centre = offset(SEAT, 1.5, -1.0);
    (0..36)
        .map(|i| {
            let angle = (i as f64) * std::f64::consts::TAU / 36.0;
            let r = rng.range(20.0, 25.0);
            offset(centre, r * angle.cos(), r * angle.sin())
        })
        .collect()
}

/// 嵩阳社区居民委员会 → 嵩阳社区; 牧羊村民委员会 → 牧羊村.
pub fn short_village_name(name: &str) -> String {
    name.strip_suffix("居民委员会")
        .or_else(|| name.strip_suffix("村民委员会").map(|s| s.strip_suffix('村').unwrap_or(s)))
        .map(|s| if name.ends_with("村民委员会") { format!("{s}村") } else { s.to_string() })
        .unwrap_or_else(|| name.to_string())
}

fn hours_county_hall() -> OpeningHours {
    // 365天不打烊: lunch-break and evening service on working days, weekends, and public holidays.
    OpeningHours {
        working: vec![Session::new((9, 0), (19, 0))],
        weekend: vec![Session::new((9, 0), (17, 0))],
        holiday: vec![Session::new((9, 0), (12, 0))],
    }
}

fn hours_office(weekend_mornings: bool) -> OpeningHours {
    OpeningHours {
        working: vec![Session::new((9, 0), (12, 0)), Session::new((14, 0), (17, 30))],
        weekend: if weekend_mornings { vec![Session::new((9, 0), (12, 0))] } else { vec![] },
        holiday: vec![],
    }
}

pub fn generate() -> DemoCounty {
    let divisions: RawDivisions = serde_json::from_str(DIVISIONS).expect("shipped divisions parse");
    let catalogue: RawCatalogue = serde_json::from_str(CATALOGUE).expect("shipped catalogue parses");
    let calendar = WorkCalendar::from_chinese_days_json(HOLIDAYS).expect("shipped holidays parse");
    let mut rng = Rng(530_127);
    let outline = outline(&mut rng);
    let county = divisions.county.name.clone();
    let mut points = Vec::new();
    let mut villages = Vec::new();
    let phone = |rng: &mut Rng| format!("0871-679{:05}", rng.next_u64() % 100_000);

    points.push(ServicePoint {
        id: divisions.county.code.clone(),
        name: format!("{county}政务服务中心"),
        kind: PointKind::County,
        town_code: divisions.townships[0].code.clone(),
        town_name: divisions.townships[0].name.clone(),
        location: offset(SEAT, 0.6, 0.4),
        address: format!("{county}嵩阳街道秀嵩街88号"),
        phone: "0871-67911234".to_string(),
        hours: hours_county_hall(),
    });

    for (ti, town) in divisions.townships.iter().enumerate() {
        let (e, n) = town_offset_km(ti);
        let seat = offset(SEAT, e, n);
        let special = town.villages.len() == 1;
        points.push(ServicePoint {
            id: town.code.clone(),
            name: format!("{}便民服务中心", town.name),
            kind: PointKind::Town,
            town_code: town.code.clone(),
            town_name: town.name.clone(),
            location: seat,
            address: format!("{county}{}{}路{}号", town.name, ["政通", "民安", "兴业", "富民"][ti % 4], 10 + ti * 7),
            phone: phone(&mut rng),
            hours: hours_office(ti == 3),
        });
        for (vi, v) in town.villages.iter().enumerate() {
            let location = loop {
                let spread = if special { 1.5 } else { 6.0 };
                let p = offset(seat, rng.range(-spread, spread), rng.range(-spread, spread));
                if polygon_contains(&outline, p) {
                    break p;
                }
            };
            let short = short_village_name(&v.name);
            villages.push(Village {
                code: v.code.clone(),
                name: short.clone(),
                town_code: town.code.clone(),
                location,
            });
            points.push(ServicePoint {
                id: v.code.clone(),
                name: format!("{short}便民服务站"),
                kind: PointKind::Village,
                town_code: town.code.clone(),
                town_name: town.name.clone(),
                location,
                address: format!("{county}{}{}委员会办公楼一楼", town.name, short),
                phone: phone(&mut rng),
                hours: hours_office(vi % 5 == 0),
            });
        }
    }

    let branches = [
        ("530127-B1", "嵩明杨林经济技术开发区政务服务分中心", 5usize, true),
        ("530127-B2", "小街片区政务服务分中心", 2usize, false),
    ];
    for (id, name, town_index, weekend) in branches {
        let town = &divisions.townships[town_index];
        let (e, n) = town_offset_km(town_index);
        points.push(ServicePoint {
            id: id.to_string(),
            name: name.to_string(),
            kind: PointKind::Branch,
            town_code: town.code.clone(),
            town_name: town.name.clone(),
            location: offset(SEAT, e + 0.8, n + 0.5),
            address: format!("{county}{}商务大道{}号", town.name, 100 + town_index),
            phone: phone(&mut rng),
            hours: hours_office(weekend),
        });
    }

    let point_items: Vec<(String, String)> = points
        .iter()
        .flat_map(|p| {
            catalogue
                .items
                .iter()
                .filter(|i| i.levels.contains(&p.kind))
                .map(|i| (p.id.clone(), i.code.clone()))
                .collect::<Vec<_>>()
        })
        .collect();

    // ~30 windows at the county hall, grouped by department: busy departments get more than one. Ids W01… are
    // printed on placards: the hall's come first so they never move.
    let hall_id = divisions.county.code.clone();
    let mut windows = Vec::new();
    let mut number = 0;
    for (di, d) in catalogue.departments.iter().enumerate() {
        let count = catalogue.items.iter().filter(|i| i.department == d.code).count();
        let n = if di < 10 && count >= 8 { 2 } else { 1 };
        for k in 0..n {
            number += 1;
            windows.push(Window {
                id: format!("W{number:02}"),
                point_id: hall_id.clone(),
                kind: CounterKind::Window,
                number,
                name: if n > 1 { format!("{}窗口{}", d.short, k + 1) } else { format!("{}窗口", d.short) },
                departments: vec![d.code.clone()],
                retired_at: None,
            });
        }
    }
    // Branch halls and town centres: 综合窗口 serving every department of the items handled there (two at a
    // branch hall). Every point but a village station has a check-in desk.
    let mut next_window = number;
    let mut desks = 0;
    for p in points.iter().filter(|p| p.kind != PointKind::Village) {
        desks += 1;
        windows.push(Window {
            id: format!("D{desks:02}"),
            point_id: p.id.clone(),
            kind: CounterKind::Desk,
            number: 1,
            name: "签到台".into(),
            departments: vec![],
            retired_at: None,
        });
        if p.kind == PointKind::County {
            continue;
        }
        let mut departments: Vec<String> = catalogue
            .departments
            .iter()
            .filter(|d| {
                point_items.iter().any(|(pid, item)| {
                    pid == &p.id && catalogue.items.iter().any(|i| &i.code == item && i.department == d.code)
                })
            })
            .map(|d| d.code.clone())
            .collect();
        departments.dedup();
        let n = if p.kind == PointKind::Branch { 2 } else { 1 };
        for k in 1..=n {
            next_window += 1;
            windows.push(Window {
                id: format!("W{next_window:02}"),
                point_id: p.id.clone(),
                kind: CounterKind::Window,
                number: k,
                name: if n > 1 { format!("综合窗口{k}") } else { "综合窗口".into() },
                departments: departments.clone(),
                retired_at: None,
            });
        }
    }

    let places = populated_places(&outline, &villages);
    DemoCounty {
        county_code: divisions.county.code,
        county_name: county,
        outline,
        departments: catalogue.departments,
        items: catalogue.items,
        points,
        windows,
        point_items,
        calendar,
        villages,
        places,
    }
}

/// Demo populated places (自然村): each village's centre (around its committee and station) and, for rural
/// villages, 3–7 hamlets scattered 0.5–3.5 km around it, as in Yunnan's hill country where a village committee
/// serves hamlets spread over the slopes. Urban communities (社区) are one dense place. Populations are invented
/// (about 300,000 in all, the order of the real county's). A separate generator keeps the rest of the county as it
/// was.
fn populated_places(outline: &[LatLon], villages: &[Village]) -> Vec<PopulatedPlace> {
    const FIRST: [&str; 12] = ["大", "小", "上", "下", "新", "老", "前", "后", "东", "西", "中", "高"];
    const LAST: [&str; 12] = ["村", "营", "哨", "屯", "箐", "冲", "坝", "湾", "庄", "寨", "凹", "坡"];
    let mut rng = Rng(127_530);
    let mut places = Vec::new();
    for v in villages {
        let community = v.name.ends_with("社区");
        places.push(PopulatedPlace {
            id: format!("{}-00", v.code),
            village_code: v.code.clone(),
            name: if community { v.name.clone() } else { format!("{}（村委会所在地）", v.name) },
            location: v.location,
            population: if community { 2500 + rng.below(3500) as u32 } else { 600 + rng.below(900) as u32 },
        });
        let hamlets = if community { 0 } else { 3 + rng.below(5) };
        let mut names = std::collections::HashSet::new();
        for h in 1..=hamlets {
            let (location, name) = loop {
                let angle = rng.range(0.0, std::f64::consts::TAU);
                let km = rng.range(0.5, 3.5);
                let p = offset(v.location, km * angle.cos(), km * angle.sin());
                let name = format!("{}{}", FIRST[rng.below(12) as usize], LAST[rng.below(12) as usize]);
                if polygon_contains(outline, p) && !names.contains(&name) {
                    break (p, name);
                }
            };
            names.insert(name.clone());
            places.push(PopulatedPlace {
                id: format!("{}-{h:02}", v.code),
                village_code: v.code.clone(),
                name: format!("{}{}", v.name, name),
                location,
                population: 80 + rng.below(520) as u32,
            });
        }
    }
    places
}

/// The demo road network and where the county's service points and villages sit on it.
pub struct DemoRoads {
    pub network: RoadNetwork,
    /// (point id, node), in the order of [`DemoCounty::points`].
    pub point_nodes: Vec<(String, NodeId)>,
    /// (village code, node), in the order of [`DemoCounty::villages`].
    pub village_nodes: Vec<(String, NodeId)>,
}

/// Spacing of nodes along roads, in km.
const ROAD_STEP_KM: f64 = 0.2;
/// Spacing of the footpath lattice that fills the countryside, in km.
const PATH_STEP_KM: f64 = 0.33;

/// Builds roads in local km (east, north of [`SEAT`]), keeping every node inside the county outline.
struct RoadBuilder<'a> {
    outline: &'a [LatLon],
    /// A point inside the outline from which it is star-shaped (the outline is generated radially around it).
    centre_km: (f64, f64),
    network: RoadNetwork,
    km: Vec<(f64, f64)>,
    /// Nodes on county and town roads, which villages and points attach to.
    trunk: Vec<NodeId>,
    rng: Rng,
}

impl RoadBuilder<'_> {
    fn inside(&self, (e, n): (f64, f64)) -> bool {
        polygon_contains(self.outline, offset(SEAT, e, n))
    }

    /// Moves a point towards the centre until it lies inside the county.
    fn pull_inside(&self, mut p: (f64, f64)) -> (f64, f64) {
        while !self.inside(p) {
            p = (p.0 + 0.1 * (self.centre_km.0 - p.0), p.1 + 0.1 * (self.centre_km.1 - p.1));
        }
        p
    }

    fn node(&mut self, p: (f64, f64)) -> NodeId {
        self.km.push(p);
        self.network.add_node(offset(SEAT, p.0, p.1))
    }

    /// A road from `from` to `to` in ~200 m segments, bowed sideways by up to `bend` of its length so that it does
    /// not look ruled. Returns its nodes, ends included.
    fn road(&mut self, from: NodeId, to: NodeId, class: RoadClass, bend: f64) -> Vec<NodeId> {
        let (a, b) = (self.km[from as usize], self.km[to as usize]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length = dx.hypot(dy);
        let steps = ((length / ROAD_STEP_KM).ceil() as usize).max(1);
        let sideways = bend * self.rng.range(-1.0, 1.0);
        let mut nodes = vec![from];
        for i in 1..steps {
            let t = i as f64 / steps as f64;
            let s = sideways * (std::f64::consts::PI * t).sin();
            // (-dy, dx) is perpendicular to the road and as long as it.
            let p = self.pull_inside((a.0 + t * dx - s * dy, a.1 + t * dy + s * dx));
            nodes.push(self.node(p));
        }
        nodes.push(to);
        self.network.add_polyline(&nodes, class);
        nodes
    }

    /// The trunk node nearest to `p` (straight-line).
    fn nearest_trunk(&self, p: (f64, f64)) -> NodeId {
        let d2 = |n: &NodeId| {
            let q = self.km[*n as usize];
            (q.0 - p.0).powi(2) + (q.1 - p.1).powi(2)
        };
        *self.trunk.iter().min_by(|a, b| d2(a).total_cmp(&d2(b))).expect("trunk roads exist")
    }

    /// A street grid of `half` blocks each way around `seat`, one town-road block per [`ROAD_STEP_KM`].
    fn street_grid(&mut self, seat: NodeId, half: i64) {
        let centre = self.km[seat as usize];
        let side = (2 * half + 1) as usize;
        let mut grid: Vec<Option<NodeId>> = vec![None; side * side];
        for j in -half..=half {
            for i in -half..=half {
                let p = (centre.0 + i as f64 * ROAD_STEP_KM, centre.1 + j as f64 * ROAD_STEP_KM);
                let id = if (i, j) == (0, 0) {
                    Some(seat)
                } else if self.inside(p) {
                    Some(self.node(p))
                } else {
                    None
                };
                grid[((j + half) as usize) * side + (i + half) as usize] = id;
            }
        }
        for r in 0..side {
            for c in 0..side {
                let Some(here) = grid[r * side + c] else { continue };
                self.trunk.push(here);
                let east = (c + 1 < side).then(|| grid[r * side + c + 1]).flatten();
                let north = (r + 1 < side).then(|| grid[(r + 1) * side + c]).flatten();
                for there in [east, north].into_iter().flatten() {
                    self.network.add_segment(here, there, RoadClass::Town);
                }
            }
        }
    }

    /// A jittered lattice of footpaths over the whole county, with a few links missing, joined to the nearest
    /// lattice node by a path from every third node already built.
    fn path_lattice(&mut self) {
        let built = self.km.len();
        let (mut e0, mut e1, mut n0, mut n1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in self.outline {
            let e = (p.lon - SEAT.lon) * 111.195 * SEAT.lat.to_radians().cos();
            let n = (p.lat - SEAT.lat) * 111.195;
            (e0, e1, n0, n1) = (e0.min(e), e1.max(e), n0.min(n), n1.max(n));
        }
        let cols = ((e1 - e0) / PATH_STEP_KM) as usize + 1;
        let rows = ((n1 - n0) / PATH_STEP_KM) as usize + 1;
        let mut lattice: Vec<Option<NodeId>> = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            for c in 0..cols {
                let jitter = PATH_STEP_KM * 0.25;
                let p = (
                    e0 + c as f64 * PATH_STEP_KM + self.rng.range(-jitter, jitter),
                    n0 + r as f64 * PATH_STEP_KM + self.rng.range(-jitter, jitter),
                );
                lattice.push(if self.inside(p) { Some(self.node(p)) } else { None });
            }
        }
        for r in 0..rows {
            for c in 0..cols {
                let Some(here) = lattice[r * cols + c] else { continue };
                let east = (c + 1 < cols).then(|| lattice[r * cols + c + 1]).flatten();
                let north = (r + 1 < rows).then(|| lattice[(r + 1) * cols + c]).flatten();
                for there in [east, north].into_iter().flatten() {
                    if self.rng.unit() < 0.9 {
                        self.network.add_segment(here, there, RoadClass::Path);
                    }
                }
            }
        }
        for road_node in (0..built).step_by(3) {
            let p = self.km[road_node];
            let c = ((p.0 - e0) / PATH_STEP_KM).round() as usize;
            let r = ((p.1 - n0) / PATH_STEP_KM).round() as usize;
            if let Some(Some(there)) = (c < cols && r < rows).then(|| lattice[r * cols + c]) {
                self.network.add_segment(road_node as NodeId, there, RoadClass::Path);
            }
        }
    }
}

/// The demo road network, deterministic: county roads joining the town seats (a star from the county seat and a
/// ring round the others), a street grid around each seat, a village road from each village to the nearest county
/// road or street, and a lattice of footpaths filling the countryside. Every service point and village has a node.
pub fn road_network(county: &DemoCounty) -> DemoRoads {
    let to_km = |p: LatLon| ((p.lon - SEAT.lon) * 111.195 * SEAT.lat.to_radians().cos(), (p.lat - SEAT.lat) * 111.195);
    let mut b = RoadBuilder {
        outline: &county.outline,
        centre_km: (1.5, -1.0),
        network: RoadNetwork::new(),
        km: Vec::new(),
        trunk: Vec::new(),
        rng: Rng(4_530_127),
    };

    // Town seats, in township order; the first township holds the county seat.
    let towns: Vec<&ServicePoint> = county.points.iter().filter(|p| p.kind == PointKind::Town).collect();
    let seats: Vec<NodeId> = towns.iter().map(|t| b.node(to_km(t.location))).collect();

    // County roads: the county seat to every other seat, then a ring joining the others in order of bearing.
    for &seat in &seats[1..] {
        let road = b.road(seats[0], seat, RoadClass::County, 0.08);
        b.trunk.extend(road);
    }
    let mut ring: Vec<NodeId> = seats[1..].to_vec();
    let bearing = |n: &NodeId| {
        let (e, n) = b.km[*n as usize];
        n.atan2(e)
    };
    ring.sort_by(|x, y| bearing(x).total_cmp(&bearing(y)));
    for i in 0..ring.len() {
        let road = b.road(ring[i], ring[(i + 1) % ring.len()], RoadClass::County, 0.12);
        b.trunk.extend(road);
    }

    // Streets: a larger grid at the county seat.
    for (i, &seat) in seats.iter().enumerate() {
        b.street_grid(seat, if i == 0 { 8 } else { 5 });
    }

    // Villages: a node each and a village road to the nearest trunk node.
    let mut village_nodes = Vec::with_capacity(county.villages.len());
    for v in &county.villages {
        let p = to_km(v.location);
        let node = b.node(p);
        let trunk = b.nearest_trunk(p);
        b.road(node, trunk, RoadClass::Village, 0.1);
        village_nodes.push((v.code.clone(), node));
    }

    // Points: town centres sit on their seat, village stations on their village; the hall and the branches get a
    // node joined to the nearest street.
    let mut point_nodes = Vec::with_capacity(county.points.len());
    for p in &county.points {
        let node = match p.kind {
            PointKind::Town => seats[towns.iter().position(|t| t.id == p.id).expect("town listed")],
            PointKind::Village => village_nodes.iter().find(|(code, _)| *code == p.id).expect("village listed").1,
            PointKind::County | PointKind::Branch => {
                let at = to_km(p.location);
                let node = b.node(at);
                let street = b.nearest_trunk(at);
                b.road(node, street, RoadClass::Town, 0.0);
                node
            }
        };
        point_nodes.push((p.id.clone(), node));
    }

    b.path_lattice();
    DemoRoads { network: b.network, point_nodes, village_nodes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_item_has_materials_a_department_and_is_valid() {
        let d = generate();
        assert!(d.items.len() >= 120, "{} items", d.items.len());
        assert!(d.departments.len() >= 15);
        let depts: HashSet<_> = d.departments.iter().map(|x| x.code.as_str()).collect();
        let mut codes = HashSet::new();
        for i in &d.items {
            assert!(depts.contains(i.department.as_str()), "{} has unknown department {}", i.code, i.department);
            assert!(i.problems().is_empty(), "{:?}", i.problems());
            assert!(codes.insert(i.code.as_str()), "duplicate code {}", i.code);
        }
        for dept in &d.departments {
            assert!(d.items.iter().any(|i| i.department == dept.code), "{} has no items", dept.code);
        }
    }

    #[test]
    fn every_point_has_hours_and_lies_inside_the_county() {
        let d = generate();
        // 1 hall + 2 branches + 8 town centres + 83 village stations.
        assert_eq!(d.points.len(), 1 + 2 + 8 + 83);
        let mut ids = HashSet::new();
        for p in &d.points {
            assert!(!p.hours.working.is_empty(), "{} has no hours", p.id);
            assert!(polygon_contains(&d.outline, p.location), "{} lies outside the county", p.id);
            assert!(!p.address.is_empty() && !p.phone.is_empty());
            assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
        }
        assert!(d.points.iter().any(|p| p.hours.is_all_year()), "no 365-day point");
    }

    #[test]
    fn hall_has_about_thirty_windows_and_handles_every_item() {
        let d = generate();
        let at_hall = d.windows.iter().filter(|w| w.point_id == d.county_code && w.kind == CounterKind::Window).count();
        assert!((25..=40).contains(&at_hall), "{at_hall} windows");
        let at_hall = d.point_items.iter().filter(|(p, _)| p == &d.county_code).count();
        assert_eq!(at_hall, d.items.len());
    }

    #[test]
    fn every_hall_and_centre_has_a_desk_and_windows_for_all_it_handles() {
        let d = generate();
        let mut ids = std::collections::HashSet::new();
        for w in &d.windows {
            assert!(ids.insert(w.id.as_str()), "duplicate window id {}", w.id);
        }
        for p in d.points.iter().filter(|p| p.kind != PointKind::Village) {
            let here: Vec<&Window> = d.windows.iter().filter(|w| w.point_id == p.id).collect();
            assert!(here.iter().any(|w| w.kind == CounterKind::Desk), "{} has no check-in desk", p.id);
            for (_, item) in d.point_items.iter().filter(|(pid, _)| pid == &p.id) {
                let dept = &d.items.iter().find(|i| &i.code == item).unwrap().department;
                assert!(here.iter().any(|w| w.serves(dept)), "{}: no window serves {dept}", p.id);
            }
        }
        assert!(d.windows.iter().filter(|w| w.point_id == d.county_code).all(|w| w.departments.len() <= 1));
        assert_eq!(d.windows[0].id, "W01", "the hall's window ids come first and stay");
    }

    #[test]
    fn generation_is_deterministic() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.points, b.points);
        assert_eq!(a.outline, b.outline);
    }

    #[test]
    fn village_names_are_shortened() {
        assert_eq!(short_village_name("嵩阳社区居民委员会"), "嵩阳社区");
        assert_eq!(short_village_name("牧羊村民委员会"), "牧羊村");
    }

    #[test]
    fn road_network_is_large_inside_the_county_and_zones_every_village() {
        use crate::domain::zones::{coverage, zones, TravelProfile, FIFTEEN_MINUTES};
        let d = generate();
        let roads = road_network(&d);
        let net = &roads.network;
        assert!(net.segments.len() >= 20_000, "{} segments", net.segments.len());
        for (i, p) in net.nodes.iter().enumerate() {
            assert!(polygon_contains(&d.outline, *p), "node {i} lies outside the county");
        }
        for class in RoadClass::ALL {
            assert!(net.segments.iter().any(|s| s.class == class), "no {} segments", class.code());
        }
        assert_eq!(roads.point_nodes.len(), d.points.len());
        assert_eq!(roads.village_nodes.len(), d.villages.len());
        let result = zones(net, &TravelProfile::rural_ebike(), &roads.point_nodes);
        for (code, node) in &roads.village_nodes {
            assert!(result.zone_of(*node).is_some(), "village {code} has no zone");
        }
        // Every village has its own station, so every village is covered.
        let places: Vec<_> = roads.village_nodes.iter().map(|(c, n)| (c.clone(), *n, 1000)).collect();
        assert_eq!(coverage(&result, &places, FIFTEEN_MINUTES).places_covered, places.len());
    }

    #[test]
    fn road_network_is_deterministic() {
        let d = generate();
        let (a, b) = (road_network(&d), road_network(&d));
        assert_eq!(a.network, b.network);
        assert_eq!(a.point_nodes, b.point_nodes);
    }
}
