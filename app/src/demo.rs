//! The demo county, generated deterministically from shipped data.
//!
//! Real: 嵩明县's divisions (GB/T 2260, `data/songming-divisions.json`) and China's 2025–2026 holiday calendar
//! (`data/cn-holidays.json`). Demo (plausible, invented): the item catalogue (`data/demo-catalogue.json`), the county
//! outline, every point's coordinates, address, phone and hours, and the hall's windows. Bump [`DEMO_VERSION`] when
//! any of it changes: the server re-seeds an existing database whose demo data is older (see `store::demo`).

use crate::domain::calendar::{OpeningHours, Session, WorkCalendar};
use crate::domain::catalogue::{Department, PointKind, ServiceItem};
use crate::domain::geo::{polygon_contains, LatLon};
use crate::domain::points::{ServicePoint, Window};
use serde::Deserialize;

pub const DEMO_VERSION: i64 = 1;

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
}

#[derive(Clone, Debug)]
pub struct Village {
    pub code: String,
    pub name: String,
    pub town_code: String,
    pub location: LatLon,
}

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

/// A small deterministic generator (SplitMix64), so the demo county is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

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
    let phone = |rng: &mut Rng| format!("0871-679{:05}", rng.next() % 100_000);

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

    // ~30 windows at the county hall, grouped by department: busy departments get more than one.
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
                number,
                department: d.code.clone(),
                name: if n > 1 { format!("{}窗口{}", d.short, k + 1) } else { format!("{}窗口", d.short) },
            });
        }
    }

    let point_items = points
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
    }
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
        assert!((25..=40).contains(&d.windows.len()), "{} windows", d.windows.len());
        let at_hall = d.point_items.iter().filter(|(p, _)| p == &d.county_code).count();
        assert_eq!(at_hall, d.items.len());
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
}
