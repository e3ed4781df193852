//! Coverage for planners: the 15-minute zones over villages and the (demo) population, the places beyond 15
//! minutes, and "what if" a station were added at a chosen place. All from the zones' snapshot: no queries.

use crate::domain::planning::page::{CoverageOverview, Figures, UncoveredPlace, WhatIf};

fn figures(s: crate::domain::planning::Summary) -> Figures {
    use crate::domain::planning::percent;
    Figures {
        places: s.places,
        places_covered: s.places_covered,
        population: s.population,
        population_covered: s.population_covered,
        places_share: percent(s.places_permille()),
        population_share: percent(s.population_permille()),
    }
}

/// The coverage page on the zones' snapshot `model`; `site` is the place chosen for "what if" (empty: none).
pub fn coverage_page(model: &super::ZoneModel, site: &str) -> CoverageOverview {
    use crate::domain::planning::{covered, summarise, with_new_station};
    use std::collections::HashMap;
    let m = model;
    let town_name: HashMap<&str, &str> = m.towns.iter().map(|(c, n)| (c.as_str(), n.as_str())).collect();
    let village_town: HashMap<&str, &str> =
        m.villages.iter().map(|(v, _)| (v.code.as_str(), town_name.get(v.town_code.as_str()).copied().unwrap_or(""))).collect();
    let millis = |reach: &[Option<crate::domain::zones::Reach>], node: u32| reach.get(node as usize).copied().flatten().map(|r| r.millis);
    let villages_covered = m.villages.iter().filter(|(_, n)| covered(millis(&m.reach, *n))).count() as u32;

    let times: Vec<Option<u32>> = m.places.iter().map(|(_, a)| m.place_millis(*a)).collect();
    let before = summarise(times.iter().zip(&m.places).map(|(t, (p, _))| (*t, p.population)));
    let mut uncovered: Vec<UncoveredPlace> = m
        .places
        .iter()
        .zip(&times)
        .filter(|(_, t)| !covered(**t))
        .map(|((p, a), t)| UncoveredPlace {
            id: p.id.clone(),
            name: p.name.clone(),
            town: village_town.get(p.village_code.as_str()).copied().unwrap_or("").to_string(),
            population: p.population,
            minutes: t.map(|ms| ms.div_ceil(60_000)),
            nearest: m.reach.get(a.node as usize).copied().flatten().map(|r| {
                let s = &m.sources[r.source as usize];
                (s.id.clone(), s.name.clone())
            }),
        })
        .collect();
    // Most people first: where a station would help most.
    uncovered.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.id.cmp(&b.id)));

    let mut by_town: Vec<(String, Vec<(String, String)>)> = m.towns.iter().map(|(_, n)| (n.clone(), Vec::new())).collect();
    for (p, _) in &m.places {
        let town = village_town.get(p.village_code.as_str()).copied().unwrap_or("");
        if let Some((_, list)) = by_town.iter_mut().find(|(t, _)| t == town) {
            list.push((p.id.clone(), format!("{}（{}人）", p.name, p.population)));
        }
    }

    let chosen = site.to_string();
    let what_if = m.places.iter().find(|(p, _)| p.id == chosen).map(|(site, access)| {
        // The new station stands at the place's nearest node; one search from it, then the earlier arrival.
        let after_reach = with_new_station(&m.reach, &m.graph.search(&[access.node]));
        let after_times: Vec<Option<u32>> = m.places.iter().map(|(_, a)| a.millis(&after_reach)).collect();
        let after = summarise(after_times.iter().zip(&m.places).map(|(t, (p, _))| (*t, p.population)));
        let newly_covered = m
            .places
            .iter()
            .zip(times.iter().zip(&after_times))
            .filter(|(_, (b, a))| !covered(**b) && covered(**a))
            .map(|((p, _), _)| p.name.clone())
            .collect();
        WhatIf { site: site.name.clone(), after: figures(after), newly_covered }
    });
    CoverageOverview {
        villages_covered,
        villages: m.villages.len() as u32,
        before: figures(before),
        uncovered,
        sites: by_town.into_iter().filter(|(_, l)| !l.is_empty()).collect(),
        chosen: if what_if.is_some() { chosen } else { String::new() },
        what_if,
        zones_version: m.version,
    }
}
