//! Importing a road network from GeoJSON (an administrator's upload): validation with messages that name the
//! feature and what is wrong, then snapping the lines' vertices into nodes.
//!
//! Pure: the caller reads the file and stores the result in one transaction. Accepted: a `FeatureCollection` of
//! `LineString` or `MultiLineString` features, coordinates `[longitude, latitude]` in WGS-84, each feature with a
//! `class` property that is one of [`RoadClass`]'s codes. Every problem found is reported (up to [`MAX_PROBLEMS`]),
//! so a planner fixes the file once, not once per error.

use super::geo::{polygon_contains, LatLon};
use super::zones::{NodeId, RoadClass, RoadNetwork};
use serde_json::Value;
use std::collections::HashMap;

/// Largest file accepted: a whole county's network as GeoJSON is a few megabytes.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Most features in one file.
pub const MAX_FEATURES: usize = 100_000;
/// Vertices closer than this become one node, so roads that meet join (metres).
pub const SNAP_M: f64 = 2.0;
/// Problems listed at most; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

/// One thing wrong with an uploaded file. Features and positions are numbered from 1, as a person counts them.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    TooLarge { bytes: usize },
    NotJson { line: usize, column: usize },
    NotFeatureCollection,
    NoFeatures,
    TooManyFeatures { count: usize },
    NotAFeature { feature: usize },
    NoGeometry { feature: usize },
    WrongGeometry { feature: usize, kind: String },
    TooFewPositions { feature: usize },
    BadPosition { feature: usize, position: usize },
    OutsideCounty { feature: usize, position: usize, lon: f64, lat: f64 },
    NoClass { feature: usize },
    UnknownClass { feature: usize, class: String },
    /// More problems than are listed.
    More { count: usize },
}

fn classes_listed() -> String {
    RoadClass::ALL.iter().map(|c| format!("{}（{}）", c.code(), c.label_zh())).collect::<Vec<_>>().join("、")
}

impl Problem {
    /// Plain zh-CN, naming the feature and what to do.
    pub fn message(&self) -> String {
        match self {
            Self::TooLarge { bytes } => format!(
                "文件太大（{:.1} MB），最大 {} MB：请分区域上传",
                *bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            Self::NotJson { line, column } => format!("文件不是有效的 JSON：第{line}行第{column}列附近有格式错误"),
            Self::NotFeatureCollection => {
                "文件不是 GeoJSON 要素集合：最外层应为 {\"type\": \"FeatureCollection\", \"features\": [...]}".to_string()
            }
            Self::NoFeatures => "文件中没有道路：features 为空".to_string(),
            Self::TooManyFeatures { count } => format!("文件中有{count}条道路，一次最多{MAX_FEATURES}条：请分区域上传"),
            Self::NotAFeature { feature } => format!("第{feature}条道路不是 GeoJSON 要素（type 应为 \"Feature\"）"),
            Self::NoGeometry { feature } => format!("第{feature}条道路没有几何图形（geometry）"),
            Self::WrongGeometry { feature, kind } => {
                format!("第{feature}条道路的几何类型是 {kind}，只接受 LineString 或 MultiLineString")
            }
            Self::TooFewPositions { feature } => format!("第{feature}条道路的坐标少于2个点，无法连成线"),
            Self::BadPosition { feature, position } => {
                format!("第{feature}条道路的第{position}个坐标不是有效的经纬度数字（应为 [经度, 纬度]）")
            }
            Self::OutsideCounty { feature, position, lon, lat } => {
                format!("第{feature}条道路的第{position}个坐标（经度{lon:.5}，纬度{lat:.5}）在县域范围之外")
            }
            Self::NoClass { feature } => {
                format!("第{feature}条道路缺少道路等级（properties.class），应为 {}", classes_listed())
            }
            Self::UnknownClass { feature, class } => {
                format!("第{feature}条道路的道路等级“{class}”无法识别，应为 {}", classes_listed())
            }
            Self::More { count } => format!("另有{count}处问题未列出"),
        }
    }
}

/// The lines of a valid file.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub features: usize,
    /// Each line's class and vertices (a MultiLineString gives one line per part).
    pub lines: Vec<(RoadClass, Vec<LatLon>)>,
}

/// Checks an uploaded file against the county `outline`. Either every feature is good, or nothing is taken.
pub fn parse(text: &str, outline: &[LatLon]) -> Result<Parsed, Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![Problem::TooLarge { bytes: text.len() }]);
    }
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| vec![Problem::NotJson { line: e.line(), column: e.column() }])?;
    let features = match (&doc["type"], &doc["features"]) {
        (Value::String(t), Value::Array(f)) if t == "FeatureCollection" => f,
        _ => return Err(vec![Problem::NotFeatureCollection]),
    };
    if features.is_empty() {
        return Err(vec![Problem::NoFeatures]);
    }
    if features.len() > MAX_FEATURES {
        return Err(vec![Problem::TooManyFeatures { count: features.len() }]);
    }
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let feature = i + 1;
        match parse_feature(feature, f, outline) {
            Ok(mut found) => lines.append(&mut found),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        return Ok(Parsed { features: features.len(), lines });
    }
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::More { count: more });
    }
    Err(problems)
}

fn parse_feature(feature: usize, f: &Value, outline: &[LatLon]) -> Result<Vec<(RoadClass, Vec<LatLon>)>, Vec<Problem>> {
    if f["type"] != "Feature" {
        return Err(vec![Problem::NotAFeature { feature }]);
    }
    let mut problems = Vec::new();
    let class = match &f["properties"]["class"] {
        Value::Null => {
            problems.push(Problem::NoClass { feature });
            None
        }
        Value::String(s) => RoadClass::from_code(s.trim()).or_else(|| {
            problems.push(Problem::UnknownClass { feature, class: s.clone() });
            None
        }),
        other => {
            problems.push(Problem::UnknownClass { feature, class: other.to_string() });
            None
        }
    };
    let geometry = &f["geometry"];
    let parts: Vec<&Value> = match (&geometry["type"], &geometry["coordinates"]) {
        (Value::Null, _) => {
            problems.push(Problem::NoGeometry { feature });
            vec![]
        }
        (Value::String(t), Value::Array(_)) if t == "LineString" => vec![&geometry["coordinates"]],
        (Value::String(t), Value::Array(parts)) if t == "MultiLineString" => parts.iter().collect(),
        (Value::String(t), _) if t == "LineString" || t == "MultiLineString" => {
            problems.push(Problem::TooFewPositions { feature });
            vec![]
        }
        (kind, _) => {
            let kind = kind.as_str().map(str::to_string).unwrap_or_else(|| kind.to_string());
            problems.push(Problem::WrongGeometry { feature, kind });
            vec![]
        }
    };
    if parts.is_empty() && problems.is_empty() {
        problems.push(Problem::TooFewPositions { feature });
    }
    let mut lines = Vec::new();
    // Positions are numbered through the whole feature, across the parts of a MultiLineString.
    let mut position = 0;
    for part in parts {
        let positions = part.as_array().map(Vec::as_slice).unwrap_or(&[]);
        if positions.len() < 2 {
            problems.push(Problem::TooFewPositions { feature });
        }
        let mut line = Vec::with_capacity(positions.len());
        for p in positions {
            position += 1;
            match lon_lat(p) {
                None => problems.push(Problem::BadPosition { feature, position }),
                Some(at) if !polygon_contains(outline, at) => {
                    problems.push(Problem::OutsideCounty { feature, position, lon: at.lon, lat: at.lat })
                }
                Some(at) => line.push(at),
            }
        }
        lines.push(line);
    }
    match class {
        Some(class) if problems.is_empty() => Ok(lines.into_iter().map(|l| (class, l)).collect()),
        _ => Err(problems),
    }
}

/// `[lon, lat]` or `[lon, lat, altitude]`, numbers within WGS-84's range.
fn lon_lat(p: &Value) -> Option<LatLon> {
    let a = p.as_array()?;
    if !(2..=3).contains(&a.len()) {
        return None;
    }
    let (lon, lat) = (a[0].as_f64()?, a[1].as_f64()?);
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some(LatLon::new(lat, lon))
}

/// What an import adds to a network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Added {
    pub nodes: usize,
    pub segments: usize,
    /// Segments added per class, in [`RoadClass::ALL`] order.
    pub by_class: [usize; 4],
}

/// Adds `lines` to `network` (empty for a replacement): every vertex within [`SNAP_M`] of an existing node (or of
/// one added before it) becomes that node, so lines that share an end or a crossing join. Segments that snap to a
/// single node are dropped.
pub fn add_lines(network: &mut RoadNetwork, lines: &[(RoadClass, Vec<LatLon>)]) -> Added {
    let (nodes_before, segments_before) = (network.nodes.len(), network.segments.len());
    let mut snap = Snapper::new(network.nodes.first().or(lines.first().and_then(|l| l.1.first())).copied());
    for (i, p) in network.nodes.iter().enumerate() {
        snap.insert(*p, i as NodeId);
    }
    let mut by_class = [0; 4];
    for (class, vertices) in lines {
        let mut previous: Option<NodeId> = None;
        for &p in vertices {
            let node = match snap.find(network, p) {
                Some(n) => n,
                None => {
                    let n = network.add_node(p);
                    snap.insert(p, n);
                    n
                }
            };
            if let Some(prev) = previous.filter(|&prev| prev != node) {
                network.add_segment(prev, node, *class);
                by_class[RoadClass::ALL.iter().position(|c| c == class).expect("known class")] += 1;
            }
            previous = Some(node);
        }
    }
    Added { nodes: network.nodes.len() - nodes_before, segments: network.segments.len() - segments_before, by_class }
}

/// A hash grid of [`SNAP_M`] cells in local metres.
struct Snapper {
    m_per_deg_lon: f64,
    cells: HashMap<(i64, i64), Vec<NodeId>>,
}

const M_PER_DEG_LAT: f64 = 111_195.0;

impl Snapper {
    fn new(reference: Option<LatLon>) -> Self {
        let lat = reference.map_or(0.0, |p| p.lat);
        Self { m_per_deg_lon: M_PER_DEG_LAT * lat.to_radians().cos(), cells: HashMap::new() }
    }

    fn cell(&self, p: LatLon) -> (i64, i64) {
        ((p.lon * self.m_per_deg_lon / SNAP_M).floor() as i64, (p.lat * M_PER_DEG_LAT / SNAP_M).floor() as i64)
    }

    fn insert(&mut self, p: LatLon, node: NodeId) {
        let c = self.cell(p);
        self.cells.entry(c).or_default().push(node);
    }

    /// The nearest node within [`SNAP_M`], if any.
    fn find(&self, network: &RoadNetwork, p: LatLon) -> Option<NodeId> {
        let (cx, cy) = self.cell(p);
        let mut best: Option<(f64, NodeId)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &n in self.cells.get(&(cx + dx, cy + dy)).map(Vec::as_slice).unwrap_or(&[]) {
                    let d = network.nodes[n as usize].distance_m(p);
                    if d <= SNAP_M && best.is_none_or(|(b, id)| (d, n) < (b, id)) {
                        best = Some((d, n));
                    }
                }
            }
        }
        best.map(|(_, n)| n)
    }
}

/// The network as a GeoJSON FeatureCollection, one two-position LineString per segment (what [`parse`] reads back).
pub fn to_geojson(network: &RoadNetwork) -> String {
    let features: Vec<Value> = network
        .segments
        .iter()
        .map(|s| {
            let (a, b) = (network.nodes[s.a as usize], network.nodes[s.b as usize]);
            serde_json::json!({
                "type": "Feature",
                "properties": { "class": s.class.code() },
                "geometry": { "type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]] },
            })
        })
        .collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<LatLon> {
        vec![LatLon::new(25.0, 103.0), LatLon::new(25.0, 103.1), LatLon::new(25.1, 103.1), LatLon::new(25.1, 103.0)]
    }

    fn fc(features: &str) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
    }

    fn line(class: &str, coords: &str) -> String {
        format!(r#"{{"type":"Feature","properties":{{"class":"{class}"}},"geometry":{{"type":"LineString","coordinates":{coords}}}}}"#)
    }

    fn problems(text: &str) -> Vec<Problem> {
        parse(text, &square()).expect_err("should fail")
    }

    #[test]
    fn a_valid_file_parses_and_multilinestrings_split_into_parts() {
        let multi = r#"{"type":"Feature","properties":{"class":"path"},"geometry":{"type":"MultiLineString","coordinates":[[[103.02,25.02],[103.03,25.02]],[[103.04,25.04],[103.05,25.05],[103.06,25.05]]]}}"#;
        let text = fc(&[line("county", "[[103.01,25.01],[103.02,25.02]]"), multi.to_string()].join(","));
        let parsed = parse(&text, &square()).unwrap();
        assert_eq!(parsed.features, 2);
        assert_eq!(parsed.lines.len(), 3);
        assert_eq!(parsed.lines[0].0, RoadClass::County);
        assert_eq!(parsed.lines[2], (RoadClass::Path, vec![LatLon::new(25.04, 103.04), LatLon::new(25.05, 103.05), LatLon::new(25.05, 103.06)]));
    }

    #[test]
    fn the_whole_file_is_checked_and_every_problem_named() {
        let text = fc(&[
            line("county", "[[103.01,25.01],[103.02,25.02]]"),
            line("motorway", "[[103.01,25.01],[103.02,25.02]]"),
            line("town", "[[103.01,25.01]]"),
            line("path", r#"[[103.01,25.01],["103.02",25.02]]"#),
            line("village", "[[103.01,25.01],[104.5,25.02]]"),
            r#"{"type":"Feature","properties":{"class":"path"},"geometry":{"type":"Point","coordinates":[103.01,25.01]}}"#.to_string(),
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[103.01,25.01],[103.02,25.02]]}}"#.to_string(),
            r#"{"type":"Feature","properties":{"class":"path"},"geometry":null}"#.to_string(),
            r#"{"type":"Road"}"#.to_string(),
        ].join(","));
        let p = problems(&text);
        assert_eq!(
            p,
            vec![
                Problem::UnknownClass { feature: 2, class: "motorway".into() },
                Problem::TooFewPositions { feature: 3 },
                Problem::BadPosition { feature: 4, position: 2 },
                Problem::OutsideCounty { feature: 5, position: 2, lon: 104.5, lat: 25.02 },
                Problem::WrongGeometry { feature: 6, kind: "Point".into() },
                Problem::NoClass { feature: 7 },
                Problem::NoGeometry { feature: 8 },
                Problem::NotAFeature { feature: 9 },
            ]
        );
        assert_eq!(p[0].message(), "第2条道路的道路等级“motorway”无法识别，应为 county（县道）、town（镇街）、village（村道）、path（小路）");
        assert_eq!(p[1].message(), "第3条道路的坐标少于2个点，无法连成线");
        assert_eq!(p[2].message(), "第4条道路的第2个坐标不是有效的经纬度数字（应为 [经度, 纬度]）");
        assert_eq!(p[3].message(), "第5条道路的第2个坐标（经度104.50000，纬度25.02000）在县域范围之外");
        assert!(p[4].message().contains("Point"));
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(problems("{\"type\": \"Feature"), vec![Problem::NotJson { line: 1, column: 17 }]);
        assert_eq!(problems(r#"{"type":"Feature","geometry":null}"#), vec![Problem::NotFeatureCollection]);
        assert_eq!(problems(r#"[1, 2]"#), vec![Problem::NotFeatureCollection]);
        assert_eq!(problems(&fc("")), vec![Problem::NoFeatures]);
        let big = " ".repeat(MAX_BYTES + 1);
        assert_eq!(problems(&big), vec![Problem::TooLarge { bytes: MAX_BYTES + 1 }]);
        let many = fc(&vec!["{}"; MAX_FEATURES + 1].join(","));
        assert_eq!(problems(&many), vec![Problem::TooManyFeatures { count: MAX_FEATURES + 1 }]);
        assert!(Problem::NotFeatureCollection.message().contains("FeatureCollection"));
    }

    #[test]
    fn long_lists_are_cut_and_counted() {
        let text = fc(&vec![line("bad", "[[103.01,25.01],[103.02,25.02]]"); MAX_PROBLEMS + 5].join(","));
        let p = problems(&text);
        assert_eq!(p.len(), MAX_PROBLEMS + 1);
        assert_eq!(p.last(), Some(&Problem::More { count: 5 }));
    }

    #[test]
    fn vertices_within_the_snap_distance_join() {
        // Two roads: one ends 1 m from where the other starts, and a third crosses at a shared vertex.
        let a = LatLon::new(25.05, 103.05);
        let near_a = LatLon::new(25.05 + 1.0 / M_PER_DEG_LAT, 103.05);
        let far = LatLon::new(25.05 + 10.0 / M_PER_DEG_LAT, 103.05);
        let lines = vec![
            (RoadClass::Town, vec![LatLon::new(25.04, 103.05), a]),
            (RoadClass::Village, vec![near_a, LatLon::new(25.06, 103.05)]),
            (RoadClass::Path, vec![far, LatLon::new(25.05, 103.06)]),
            (RoadClass::Path, vec![a, near_a]), // snaps to one node: no segment
        ];
        let mut net = RoadNetwork::new();
        let added = add_lines(&mut net, &lines);
        assert_eq!((added.nodes, added.segments), (5, 3));
        assert_eq!(added.by_class, [0, 1, 1, 1]);
        assert_eq!(net.segments[0].b, net.segments[1].a, "the ends 1 m apart are one node");
        assert_ne!(net.segments[2].a, net.segments[0].b, "10 m apart stay two nodes");
        // Added to an existing network, a line starting on an existing node joins it.
        let more = add_lines(&mut net, &[(RoadClass::County, vec![LatLon::new(25.06, 103.05), LatLon::new(25.07, 103.05)])]);
        assert_eq!((more.nodes, more.segments), (1, 1));
    }

    #[test]
    fn a_network_round_trips_through_geojson() {
        let mut net = RoadNetwork::new();
        add_lines(&mut net, &[(RoadClass::Town, vec![LatLon::new(25.01, 103.01), LatLon::new(25.02, 103.02), LatLon::new(25.03, 103.01)])]);
        let parsed = parse(&to_geojson(&net), &square()).unwrap();
        let mut back = RoadNetwork::new();
        add_lines(&mut back, &parsed.lines);
        assert_eq!(back, net);
    }
}
