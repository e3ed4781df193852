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

/// WGS-84 → GCJ-02, the offset coordinates Chinese map apps (Amap, Tencent; Baidu adds its own on top) take in
/// their URIs. Outside mainland China's bounding box the coordinate is returned unchanged.
pub fn wgs84_to_gcj02(p: LatLon) -> LatLon {
    use std::f64::consts::PI;
    const A: f64 = 6_378_245.0;
    const EE: f64 = 0.006_693_421_622_965_943;
    if !(72.004..=137.8347).contains(&p.lon) || !(0.8293..=55.8271).contains(&p.lat) {
        return p;
    }
    let (x, y) = (p.lon - 105.0, p.lat - 35.0);
    let wave = |a: f64, b: f64| (20.0 * (6.0 * a * PI).sin() + 20.0 * (2.0 * a * PI).sin()) * 2.0 / 3.0 + b;
    let mut d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    d_lat = wave(x, d_lat);
    d_lat += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    d_lat += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    let mut d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    d_lon = wave(x, d_lon);
    d_lon += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    d_lon += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    let rad = p.lat / 180.0 * PI;
    let magic = 1.0 - EE * rad.sin() * rad.sin();
    let sqrt_magic = magic.sqrt();
    d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    d_lon = (d_lon * 180.0) / (A / sqrt_magic * rad.cos() * PI);
    LatLon::new(p.lat + d_lat, p.lon + d_lon)
}

/// GCJ-02 → BD-09, Baidu's own offset on top of GCJ-02 (what Baidu Maps' `coord_type=bd09ll` takes).
pub fn gcj02_to_bd09(p: LatLon) -> LatLon {
    use std::f64::consts::PI;
    let x_pi = PI * 3000.0 / 180.0;
    let (x, y) = (p.lon, p.lat);
    let z = (x * x + y * y).sqrt() + 0.000_02 * (y * x_pi).sin();
    let theta = y.atan2(x) + 0.000_003 * (x * x_pi).cos();
    LatLon::new(z * theta.sin() + 0.006, z * theta.cos() + 0.0065)
}

/// Percent-encodes everything but unreserved ASCII (for a place name in a map app's URI).
fn uri_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Links that open a route to `p` (named `name`) from where the phone is, in the two map apps people here use; each
/// web page offers its app. Amap takes GCJ-02, Baidu BD-09.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RouteLinks {
    pub amap: String,
    pub baidu: String,
}

pub fn route_links(p: LatLon, name: &str) -> RouteLinks {
    let g = wgs84_to_gcj02(p);
    let b = gcj02_to_bd09(g);
    let name = uri_component(name);
    RouteLinks {
        amap: format!("https://uri.amap.com/navigation?to={:.6},{:.6},{name}&mode=car&coordinate=gaode&callnative=1&src=palm-hall", g.lon, g.lat),
        baidu: format!(
            "https://api.map.baidu.com/direction?destination=latlng:{:.6},{:.6}%7Cname:{name}&mode=driving&coord_type=bd09ll&output=html&src=palm-hall",
            b.lat, b.lon
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcj02_matches_published_reference_points() {
        // WGS-84 → GCJ-02 pairs published with the widely used open-source converters (eviltransform's tests).
        for (wgs, gcj) in [
            ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
            ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
            ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
        ] {
            let got = wgs84_to_gcj02(LatLon::new(wgs.0, wgs.1));
            assert!((got.lat - gcj.0).abs() < 1e-6 && (got.lon - gcj.1).abs() < 1e-6, "{wgs:?} → {got:?}, expected {gcj:?}");
        }
        // Outside China: unchanged.
        let london = LatLon::new(51.5, -0.12);
        assert_eq!(wgs84_to_gcj02(london), london);
    }

    #[test]
    fn bd09_matches_the_published_reference_point() {
        // GCJ-02 → BD-09 as published with the open-source coordtransform converter's tests: (116.404, 39.915) →
        // (116.41036949371029, 39.92133699351021); and its WGS-84 → GCJ-02 for the same point.
        let bd = gcj02_to_bd09(LatLon::new(39.915, 116.404));
        assert!((bd.lon - 116.410_369_493_710_29).abs() < 1e-9 && (bd.lat - 39.921_336_993_510_21).abs() < 1e-9, "{bd:?}");
        let gcj = wgs84_to_gcj02(LatLon::new(39.915, 116.404));
        assert!((gcj.lon - 116.410_244_499_169_38).abs() < 1e-9 && (gcj.lat - 39.916_404_281_501_64).abs() < 1e-9, "{gcj:?}");
    }

    #[test]
    fn route_links_open_a_route_in_each_app_with_its_own_coordinates() {
        let links = route_links(LatLon::new(39.915, 116.404), "嵩明 中心");
        assert_eq!(
            links.amap,
            "https://uri.amap.com/navigation?to=116.410244,39.916404,%E5%B5%A9%E6%98%8E%20%E4%B8%AD%E5%BF%83&mode=car&coordinate=gaode&callnative=1&src=palm-hall"
        );
        // BD-09 of the GCJ-02 point: Baidu's offset on top of the national one.
        let bd = gcj02_to_bd09(wgs84_to_gcj02(LatLon::new(39.915, 116.404)));
        assert!(links.baidu.starts_with(&format!("https://api.map.baidu.com/direction?destination=latlng:{:.6},{:.6}%7Cname:%E5%B5%A9", bd.lat, bd.lon)), "{}", links.baidu);
        assert!(links.baidu.contains("coord_type=bd09ll") && links.baidu.contains("mode=driving"));
        // Markup in a name cannot leave the parameter.
        assert!(!route_links(LatLon::new(25.3, 103.0), "\"><script>").amap.contains('<'));
    }

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
