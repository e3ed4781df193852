//! Coordinates (WGS-84) and the few geometric facts the guide needs.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// Great-circle distance in metres.
    pub fn distance_m(self, other: LatLon) -> f64 {
        const R: f64 = 6_371_008.8;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * a.sqrt().asin()
    }
}

/// Even-odd rule; the ring need not repeat its first vertex.
pub fn polygon_contains(ring: &[LatLon], p: LatLon) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a.lat > p.lat) != (b.lat > p.lat) {
            let x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon;
            if p.lon < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_contains_centre_not_outside() {
        let sq = [LatLon::new(0.0, 0.0), LatLon::new(0.0, 1.0), LatLon::new(1.0, 1.0), LatLon::new(1.0, 0.0)];
        assert!(polygon_contains(&sq, LatLon::new(0.5, 0.5)));
        assert!(!polygon_contains(&sq, LatLon::new(1.5, 0.5)));
        assert!(!polygon_contains(&sq, LatLon::new(0.5, -0.1)));
    }

    #[test]
    fn distance_of_one_degree_latitude() {
        let d = LatLon::new(25.0, 103.0).distance_m(LatLon::new(26.0, 103.0));
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
    }
}
