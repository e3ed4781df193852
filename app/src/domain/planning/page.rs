//! What the planners' coverage page shows: the share of villages and people within 15 minutes, the places beyond,
//! and "what if" a station were added at a chosen place.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub places: u32,
    pub places_covered: u32,
    pub population: u64,
    pub population_covered: u64,
    /// "93.4%"
    pub places_share: String,
    pub population_share: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UncoveredPlace {
    pub id: String,
    pub name: String,
    pub town: String,
    pub population: u32,
    /// Rounded up; `None`: no road reaches it.
    pub minutes: Option<u32>,
    /// (point id, name) of the nearest point.
    pub nearest: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub site: String,
    pub after: Figures,
    /// Places that the new station brings within 15 minutes.
    pub newly_covered: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageOverview {
    /// Administrative villages whose committee is within 15 minutes, and how many there are.
    pub villages_covered: u32,
    pub villages: u32,
    pub before: Figures,
    pub uncovered: Vec<UncoveredPlace>,
    /// Candidate sites for a new station, by town: (town name, [(place id, label)]).
    pub sites: Vec<(String, Vec<(String, String)>)>,
    pub chosen: String,
    pub what_if: Option<WhatIf>,
    pub zones_version: u64,
}

/// `/admin/coverage?site=…`: the village tried as a new station's site ("what if").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverageQuery {
    pub site: Option<String>,
}

impl crate::domain::query::FromQuery for CoverageQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { site: get("site") }
    }
}
