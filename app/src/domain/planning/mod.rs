//! For planners: who lives within 15 minutes of a service point, who does not, and what one more station would
//! change.
//!
//! Coverage is measured over populated places (自然村: the hamlets and the village centre where people actually
//! live), each with a population, not over administrative villages: every village of the demo county has its own
//! station at its committee, so "every village is covered" would always be true and say nothing. A place reaches the
//! network at its nearest node, walking the straight line there at the path speed.

pub mod page;

use super::geo::LatLon;
use super::zones::{NodeId, Reach, RoadClass, TravelProfile, FIFTEEN_MINUTES};
use serde::{Deserialize, Serialize};

/// A populated place (自然村) of an administrative village.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulatedPlace {
    pub id: String,
    pub village_code: String,
    pub name: String,
    pub location: LatLon,
    pub population: u32,
}

/// Where a place joins the network: its nearest node and the walk to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Access {
    pub node: NodeId,
    pub walk_millis: u32,
}

impl Access {
    /// The walk from `at` to `node_at` (straight line, path speed).
    pub fn new(node: NodeId, at: LatLon, node_at: LatLon, profile: &TravelProfile) -> Self {
        Self { node, walk_millis: profile.millis(RoadClass::Path, at.distance_m(node_at)) }
    }

    /// Travel time from the nearest source, given every node's reach.
    pub fn millis(self, reach: &[Option<Reach>]) -> Option<u32> {
        reach.get(self.node as usize).copied().flatten().map(|r| r.millis.saturating_add(self.walk_millis))
    }
}

/// The planners' headline figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub places: u32,
    pub places_covered: u32,
    pub population: u64,
    pub population_covered: u64,
}

impl Summary {
    /// Per mille of places covered (shown as a percentage with one decimal).
    pub fn places_permille(&self) -> u32 {
        permille(u64::from(self.places_covered), u64::from(self.places))
    }

    pub fn population_permille(&self) -> u32 {
        permille(self.population_covered, self.population)
    }
}

fn permille(part: u64, whole: u64) -> u32 {
    if whole == 0 { 1000 } else { ((part * 1000 + whole / 2) / whole) as u32 }
}

/// Whether a travel time is within 15 minutes.
pub fn covered(millis: Option<u32>) -> bool {
    millis.is_some_and(|ms| f64::from(ms) <= FIFTEEN_MINUTES * 1000.0)
}

/// Sums places (travel time, population).
pub fn summarise(times: impl IntoIterator<Item = (Option<u32>, u32)>) -> Summary {
    let mut s = Summary::default();
    for (millis, population) in times {
        s.places += 1;
        s.population += u64::from(population);
        if covered(millis) {
            s.places_covered += 1;
            s.population_covered += u64::from(population);
        }
    }
    s
}

/// Each node's travel time once a new station is added: the earlier of the existing nearest point and the new
/// station (`from_new`: a single-source search from it). Equal to a multi-source search over all stations.
pub fn with_new_station(reach: &[Option<Reach>], from_new: &[Option<Reach>]) -> Vec<Option<Reach>> {
    reach
        .iter()
        .zip(from_new)
        .map(|(old, new)| match (old, new) {
            (Some(o), Some(n)) if n.millis < o.millis => Some(Reach { source: u32::MAX, millis: n.millis }),
            (None, Some(n)) => Some(Reach { source: u32::MAX, millis: n.millis }),
            (o, _) => *o,
        })
        .collect()
}

/// "12.3%" from per mille.
pub fn percent(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_places_and_people_within_fifteen_minutes() {
        let s = summarise([(Some(900_000), 100), (Some(900_001), 50), (None, 25), (Some(0), 1)]);
        assert_eq!(s, Summary { places: 4, places_covered: 2, population: 176, population_covered: 101 });
        assert_eq!(s.places_permille(), 500);
        assert_eq!(s.population_permille(), 574);
        assert_eq!(percent(574), "57.4%");
        assert_eq!(summarise([]).places_permille(), 1000);
    }

    #[test]
    fn a_new_station_helps_only_where_it_is_nearer() {
        let r = |ms| Some(Reach { source: 0, millis: ms });
        let after = with_new_station(&[r(10), r(100), None, r(5)], &[r(20), r(50), r(7), None]);
        let ms: Vec<Option<u32>> = after.iter().map(|x| x.map(|x| x.millis)).collect();
        assert_eq!(ms, vec![Some(10), Some(50), Some(7), Some(5)]);
    }

    #[test]
    fn access_adds_the_walk() {
        let p = TravelProfile::rural_ebike();
        let at = LatLon::new(25.0, 103.0);
        let node_at = LatLon::new(25.0 + 500.0 / 111_195.0, 103.0);
        let a = Access::new(3, at, node_at, &p);
        assert!((i64::from(a.walk_millis) - 360_000).abs() < 500, "500 m at 5 km/h is 6 min: {}", a.walk_millis);
        let reach = vec![None, None, None, Some(Reach { source: 1, millis: 1000 })];
        assert_eq!(a.millis(&reach), Some(1000 + a.walk_millis));
        assert_eq!(Access { node: 0, walk_millis: 0 }.millis(&reach), None);
    }
}
