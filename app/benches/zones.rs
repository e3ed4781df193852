//! Bench binary (not a timed test) for the 15-minute service map:
//! `cargo bench -p app --features ssr --bench zones`.
//!
//! Prints the time to build the demo road network, to compute every zone of the demo county, the mean time of a
//! nearest-node ("which zone is this coordinate in") look-up over 10,000 random coordinates, and — through a real
//! SQLite database seeded with the demo — the time of a whole background recompute (load the network, points and
//! places, search, trace the zone polygons, draw the SVG) and of one "what if" question.

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

    database(&county);
}

/// The snapshot as the server builds it, from a seeded SQLite database.
fn database(county: &app::demo::DemoCounty) {
    use app::service::zones::ZoneModel;
    use app::domain::planning::{summarise, with_new_station};
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    rt.block_on(async {
        let db = app::store::connect(&url).await.expect("database");
        let start = Instant::now();
        app::service::demo::reset(&db, county).await.expect("seed");
        println!("seed the demo county with its network into SQLite: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
        let now = chrono::Utc::now();
        let mut best = f64::MAX;
        let mut model = None;
        for _ in 0..5 {
            let start = Instant::now();
            let m = ZoneModel::load(&db, now).await.expect("model");
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
            model = Some(m);
        }
        let m = model.expect("built");
        println!(
            "recompute from the database (load, search, polygons, SVG): {best:.0} ms best of 5 (compute alone {:.0} ms); zone SVG {} bytes raw",
            m.compute_ms,
            m.svg_body.len()
        );
        let (what_if_ms, after) = best_of(10, || {
            let node = m.places[0].1.node;
            let reach = with_new_station(&m.reach, &m.graph.search(&[node]));
            summarise(m.places.iter().map(|(p, a)| (a.millis(&reach), p.population)))
        });
        let before = summarise(m.places.iter().map(|(p, a)| (m.place_millis(*a), p.population)));
        println!(
            "populated places covered: {}/{} ({} of {} people); what-if for one site: {what_if_ms:.1} ms (covered after: {})",
            before.places_covered, before.places, before.population_covered, before.population, after.places_covered
        );
    });
}
