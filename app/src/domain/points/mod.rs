//! Service points (服务网点) and their windows.

pub mod page;

/// The county hall (嵩明县政务服务中心): where a case goes when nothing else says.
pub const COUNTY_HALL: &str = "530127";

use super::calendar::OpeningHours;
use super::catalogue::PointKind;
use super::geo::LatLon;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicePoint {
    /// Stable, printed on paper: the division code for town and village points, `530127` for the county hall,
    /// `530127-Bn` for branch halls.
    pub id: String,
    pub name: String,
    pub kind: PointKind,
    /// The township-level division it sits in.
    pub town_code: String,
    pub town_name: String,
    pub location: LatLon,
    pub address: String,
    pub phone: String,
    pub hours: OpeningHours,
}

/// What a counter at a point is: a service window (窗口), which calls tickets, or a check-in desk (签到台), where
/// bookings are checked in and walk-ins take tickets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CounterKind {
    Window,
    Desk,
}

impl CounterKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Window => "window",
            Self::Desk => "desk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Window, Self::Desk].into_iter().find(|k| k.code() == s)
    }

    /// The id prefix: windows are W01…, desks D01…; ids never change once printed on a placard.
    pub fn prefix(self) -> char {
        match self {
            Self::Window => 'W',
            Self::Desk => 'D',
        }
    }

    /// "3号窗口", "1号签到台".
    pub fn numbered(self, number: i64) -> String {
        match self {
            Self::Window => format!("{number}号窗口"),
            Self::Desk => format!("{number}号签到台"),
        }
    }
}

/// A window or check-in desk at a service point. A window serves one or more departments (a town centre's
/// 综合窗口 serves all of them); a desk serves none. Retired ones keep their id and are no longer used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub id: String,
    pub point_id: String,
    pub kind: CounterKind,
    pub number: i64,
    pub name: String,
    pub departments: Vec<String>,
    pub retired_at: Option<i64>,
}

impl Window {
    pub fn serves(&self, department: &str) -> bool {
        self.departments.iter().any(|d| d == department)
    }

    pub fn in_service(&self) -> bool {
        self.retired_at.is_none()
    }

    /// "3号窗口 公安窗口".
    pub fn label(&self) -> String {
        format!("{} {}", self.kind.numbered(self.number), self.name)
    }
}

/// The next id for a new window or desk, after every id already used at any point (retired ones included).
pub fn next_counter_id(kind: CounterKind, used: &[String]) -> String {
    let max = used
        .iter()
        .filter_map(|id| id.strip_prefix(kind.prefix()).and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    format!("{}{:02}", kind.prefix(), max + 1)
}

/// What the administrator typed for a window or desk, checked: (field, message) for each problem.
pub fn counter_problems(kind: CounterKind, number: &str, name: &str, departments: &[String]) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if !number.trim().parse::<i64>().is_ok_and(|n| (1..=999).contains(&n)) {
        out.push(("number", "编号应为1–999的整数"));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 20 {
        out.push(("name", "请填写名称，最多20个字"));
    }
    if kind == CounterKind::Window && departments.is_empty() {
        out.push(("departments", "请至少选择一个办理部门"));
    }
    out
}


/// A town and its villages, for choosing where someone lives (the map, the booking flow).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TownOption {
    pub code: String,
    pub name: String,
    /// (village code, village name)
    pub villages: Vec<(String, String)>,
}

impl TownOption {
    /// Villages grouped by town, for a `GroupedSelect`.
    pub fn groups(towns: &[TownOption]) -> Vec<(String, Vec<(String, String)>)> {
        towns.iter().map(|t| (t.name.clone(), t.villages.clone())).collect()
    }
}


#[cfg(test)]
mod counter_tests {
    use super::*;

    #[test]
    fn ids_continue_after_every_used_one() {
        let used = vec!["W01".to_string(), "W31".into(), "D01".into(), "W07".into()];
        assert_eq!(next_counter_id(CounterKind::Window, &used), "W32");
        assert_eq!(next_counter_id(CounterKind::Desk, &used), "D02");
        assert_eq!(next_counter_id(CounterKind::Desk, &[]), "D01");
        assert_eq!(CounterKind::Desk.numbered(2), "2号签到台");
    }

    #[test]
    fn counter_input_is_checked() {
        assert!(counter_problems(CounterKind::Window, "3", "综合窗口", &["GA".into()]).is_empty());
        let p = counter_problems(CounterKind::Window, "0", " ", &[]);
        assert_eq!(p.iter().map(|(f, _)| *f).collect::<Vec<_>>(), vec!["number", "name", "departments"]);
        assert!(counter_problems(CounterKind::Desk, "1", "签到台", &[]).is_empty(), "a desk serves no department");
    }
}

/// A village or community (行政村/社区): where people live, for the 15-minute zones and the booking flow's
/// "nearest first".
#[derive(Clone, Debug)]
pub struct Village {
    pub code: String,
    pub name: String,
    pub town_code: String,
    pub location: LatLon,
}
