//! The planners' coverage figures equal a brute-force check: a plain Dijkstra from every service point over the
//! stored network (no travel graph, no grid index), each place joined to its nearest node by a linear scan.

mod common;

use app::api::coverage::coverage_state;
use app::domain::accounts::Role;
use app::domain::geo::LatLon;
use app::domain::zones::{RoadClass, RoadNetwork, TravelProfile};
use common::server_at;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const NOW: &str = "2026-11-24T10:00:00+08:00";

/// Travel time in ms from `from` to every node (u64::MAX: unreachable).
fn dijkstra(net: &RoadNetwork, profile: &TravelProfile, from: usize) -> Vec<u64> {
    let mut adj: Vec<Vec<(usize, u64)>> = vec![Vec::new(); net.nodes.len()];
    for s in &net.segments {
        let t = u64::from(profile.millis(s.class, s.length_m));
        adj[s.a as usize].push((s.b as usize, t));
        adj[s.b as usize].push((s.a as usize, t));
    }
    let mut dist = vec![u64::MAX; net.nodes.len()];
    let mut heap = BinaryHeap::from([Reverse((0u64, from))]);
    dist[from] = 0;
    while let Some(Reverse((d, v))) = heap.pop() {
        if d > dist[v] {
            continue;
        }
        for &(w, t) in &adj[v] {
            if d + t < dist[w] {
                dist[w] = d + t;
                heap.push(Reverse((d + t, w)));
            }
        }
    }
    dist
}

fn nearest(net: &RoadNetwork, p: LatLon) -> usize {
    (0..net.nodes.len()).min_by(|&a, &b| net.nodes[a].distance_m(p).total_cmp(&net.nodes[b].distance_m(p))).unwrap()
}

#[tokio::test]
async fn coverage_and_what_if_equal_a_brute_force_check() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let token = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let net = app::store::network::load_network(db).await.unwrap();
    let places = app::store::network::places(db).await.unwrap();
    let villages = app::store::network::villages(db).await.unwrap();
    let points = app::store::points::all(db).await.unwrap();
    let profile = TravelProfile::rural_ebike();

    // Best time to every node from any point: one plain search per point.
    let mut best = vec![u64::MAX; net.nodes.len()];
    for p in &points {
        for (v, d) in dijkstra(&net, &profile, nearest(&net, p.location)).into_iter().enumerate() {
            best[v] = best[v].min(d);
        }
    }
    let place_time = |best: &[u64], at: LatLon| {
        let n = nearest(&net, at);
        best[n].saturating_add(u64::from(profile.millis(RoadClass::Path, net.nodes[n].distance_m(at))))
    };
    let limit = 15 * 60 * 1000;
    let times: Vec<u64> = places.iter().map(|p| place_time(&best, p.location)).collect();
    let covered: Vec<bool> = times.iter().map(|t| *t <= limit).collect();
    let pop = |pick: &dyn Fn(usize) -> bool| places.iter().enumerate().filter(|(i, _)| pick(*i)).map(|(_, p)| u64::from(p.population)).sum::<u64>();

    let c = s.call_as(Some(&token), || coverage_state(None)).await.unwrap();
    assert_eq!(c.before.places as usize, places.len());
    assert_eq!(c.before.places_covered as usize, covered.iter().filter(|c| **c).count());
    assert_eq!(c.before.population, pop(&|_| true));
    assert_eq!(c.before.population_covered, pop(&|i| covered[i]));
    let villages_covered = villages.iter().filter(|v| best[nearest(&net, v.location)] <= limit).count();
    assert_eq!((c.villages as usize, c.villages_covered as usize), (villages.len(), villages_covered));
    let mut expected: Vec<&str> = places.iter().zip(&covered).filter(|(_, c)| !**c).map(|(p, _)| p.id.as_str()).collect();
    let mut got: Vec<&str> = c.uncovered.iter().map(|u| u.id.as_str()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    for u in &c.uncovered {
        let i = places.iter().position(|p| p.id == u.id).unwrap();
        assert_eq!(u.minutes, Some(times[i].div_ceil(60_000) as u32), "{}", u.name);
    }
    // The demo is meant to leave work for planners: not everyone is within 15 minutes, most are.
    assert!(!c.uncovered.is_empty() && c.before.population_covered * 10 > c.before.population * 7, "{:?}", c.before);

    // What if: a station at the largest uncovered place.
    let site = c.uncovered[0].id.clone();
    let at = places.iter().find(|p| p.id == site).unwrap().location;
    let from_site = dijkstra(&net, &profile, nearest(&net, at));
    let after: Vec<u64> = best.iter().zip(&from_site).map(|(a, b)| *a.min(b)).collect();
    let covered_after: Vec<bool> = places.iter().map(|p| place_time(&after, p.location) <= limit).collect();
    let w = s.call_as(Some(&token), || coverage_state(Some(site.clone()))).await.unwrap();
    assert_eq!(w.chosen, site);
    let what_if = w.what_if.unwrap();
    assert_eq!(what_if.after.places_covered as usize, covered_after.iter().filter(|c| **c).count());
    assert_eq!(what_if.after.population_covered, pop(&|i| covered_after[i]));
    assert!(what_if.after.population_covered > c.before.population_covered);
    assert!(what_if.newly_covered.contains(&places.iter().find(|p| p.id == site).unwrap().name));
    // An unknown site is no question.
    assert!(s.call_as(Some(&token), || coverage_state(Some("nowhere".into()))).await.unwrap().what_if.is_none());
}
