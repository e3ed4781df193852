//! Bench binary (not a timed test) for the 15-minute service map:
//! `cargo bench -p app --features ssr --bench zones`.
//!
//! Prints the time to build the demo road network, to compute every zone of the demo county, and the mean time of a
//! nearest-node ("which zone is this coordinate in") look-up over 10,000 random coordinates.

use app::demo::{generate, road_network};
use app::domain::geo::LatLon;
use app::domain::zones::{coverage, zones, TravelProfile, FIFTEEN_MINUTES};
use std::hint::black_box;
use std::time::Instant;

/// Runs `f` `runs` times and returns the fastest time in milliseconds with the last result.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let county = generate();
    let (build_ms, roads) = best_of(5, || road_network(&county));
    let net = &roads.network;
    println!(
        "demo network: {} nodes, {} segments, {} service points; built in {build_ms:.1} ms",
        net.nodes.len(),
        net.segments.len(),
        roads.point_nodes.len()
    );

    let profile = TravelProfile::rural_ebike();
    let (zones_ms, result) = best_of(10, || zones(net, &profile, &roads.point_nodes));
    println!("all zones (every point, graph build included): {zones_ms:.1} ms (best of 10)");

    let places: Vec<_> = roads.village_nodes.iter().map(|(code, node)| (code.clone(), *node, 1000)).collect();
    let c = coverage(&result, &places, FIFTEEN_MINUTES);
    println!("villages covered: {}/{}", c.places_covered, c.places);

    let (index_ms, index) = best_of(5, || net.index());
    // Random coordinates over the county's bounding box (a fixed LCG so runs compare).
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &county.outline {
        (lat0, lat1, lon0, lon1) = (lat0.min(p.lat), lat1.max(p.lat), lon0.min(p.lon), lon1.max(p.lon));
    }
    let mut state = 12_345u64;
    let mut unit = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let queries: Vec<LatLon> =
        (0..10_000).map(|_| LatLon::new(lat0 + (lat1 - lat0) * unit(), lon0 + (lon1 - lon0) * unit())).collect();
    let start = Instant::now();
    let mut zoned = 0;
    for &q in &queries {
        let node = index.nearest(black_box(q)).expect("network is not empty");
        zoned += usize::from(result.zone_of(node).is_some());
    }
    let mean_us = start.elapsed().as_secs_f64() * 1e6 / queries.len() as f64;
    println!("grid index built in {index_ms:.1} ms; nearest node + zone: {mean_us:.2} µs mean over 10,000 coordinates ({zoned} in a zone)");
}
