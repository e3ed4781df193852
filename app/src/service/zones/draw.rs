//! The 15-minute map drawn as SVG on the server: zones as tinted polygons, the county's roads, town names and the
//! points, in relative coordinates quantised to 0.1 unit so the page stays small.

use super::CELL;
use crate::domain::catalogue::PointKind;
use crate::domain::geo::{polygon_contains, LatLon};
use crate::domain::zone_shapes::{path_data, Raster};
use crate::domain::zones::{NodeIndex, Reach};

/// WGS-84 → SVG user units (east-west scaled by cos(latitude) so shapes keep their proportions).
pub struct Projection {
    min_lon: f64,
    max_lat: f64,
    scale: f64,
    kx: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    pub(super) fn fit(points: &[LatLon], width: f64) -> Self {
        let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in points {
            min_lon = min_lon.min(p.lon);
            max_lon = max_lon.max(p.lon);
            min_lat = min_lat.min(p.lat);
            max_lat = max_lat.max(p.lat);
        }
        if points.is_empty() {
            (min_lon, max_lon, min_lat, max_lat) = (0.0, 1.0, 0.0, 1.0);
        }
        let kx = ((min_lat + max_lat) / 2.0).to_radians().cos();
        let scale = width / ((max_lon - min_lon) * kx).max(1e-9);
        Self { min_lon, max_lat, scale, kx, width, height: (max_lat - min_lat) * scale }
    }

    /// Quantised to 0.1 unit: enough on a phone, and small.
    pub fn xy(&self, p: LatLon) -> (f64, f64) {
        let x = (p.lon - self.min_lon) * self.kx * self.scale;
        let y = (self.max_lat - p.lat) * self.scale;
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    }

    fn at(&self, x: f64, y: f64) -> LatLon {
        LatLon::new(self.max_lat - y / self.scale, self.min_lon + x / (self.kx * self.scale))
    }
}

/// Eight light tints (contrast with the dark points drawn on top); neighbouring zones never share one, and zones
/// are told apart by their points and the list below the map, never by colour alone.
const TINTS: [&str; 8] = ["#dbe9f6", "#e3f1df", "#fbeed7", "#efe1f3", "#fde2e1", "#dff3f1", "#f3f0d7", "#e6e6f5"];

/// The zones as polygons (a raster of [`CELL`] cells, each taking the zone of its nearest node, traced into
/// rings: one path per tint), then the county outline and the points.
pub(super) fn draw(
    proj: &Projection,
    outline: &[LatLon],
    network: &crate::domain::zones::RoadNetwork,
    index: &NodeIndex,
    reach: &[Option<Reach>],
    points: &[crate::domain::points::ServicePoint],
    sources: usize,
) -> (String, Vec<String>) {
    let cols = (proj.width / CELL).ceil() as usize;
    let rows = (proj.height / CELL).ceil() as usize;
    let mut cells = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        for c in 0..cols {
            let p = proj.at((c as f64 + 0.5) * CELL, (r as f64 + 0.5) * CELL);
            let inside = outline.is_empty() || polygon_contains(outline, p);
            cells.push(
                inside.then(|| index.nearest(p)).flatten().and_then(|n| reach.get(n as usize).copied().flatten()).map(|r| r.source),
            );
        }
    }
    let raster = Raster { cols, rows, cells };
    let rings = raster.rings();
    let colour = raster.colouring(TINTS.len()).unwrap_or_default();
    let mut by_tint: Vec<String> = vec![String::new(); TINTS.len()];
    let mut zone_paths = vec![String::new(); sources];
    for (zone, rs) in &rings {
        let d = path_data(rs);
        let tint = colour.get(zone).copied().unwrap_or(*zone as usize % TINTS.len());
        by_tint[tint].push_str(&d);
        if let Some(slot) = zone_paths.get_mut(*zone as usize) {
            *slot = d;
        }
    }
    let mut svg = format!(r#"<g transform="scale({CELL})" fill-rule="evenodd" shape-rendering="crispEdges">"#);
    for (tint, d) in TINTS.iter().zip(&by_tint) {
        if !d.is_empty() {
            svg.push_str(&format!(r#"<path fill="{tint}" d="{d}"/>"#));
        }
    }
    svg.push_str("</g>");
    if !outline.is_empty() {
        let ring: Vec<String> = outline.iter().map(|p| { let (x, y) = proj.xy(*p); format!("{x},{y}") }).collect();
        svg.push_str(&format!(r##"<polygon points="{}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>"##, ring.join(" ")));
    }
    svg.push_str(&roads(proj, network));
    for p in points {
        let (x, y) = proj.xy(p.location);
        let r = match p.kind {
            PointKind::County => 5.0,
            PointKind::Branch | PointKind::Town => 3.5,
            PointKind::Village => 1.6,
        };
        svg.push_str(&format!(r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#0b5394" stroke="#fff" stroke-width="0.8"/>"##));
    }
    // The towns' names at their centres, so a person can find where they are. (The county hall stands a few units
    // from 嵩阳街道's centre: a 县城 label there would print over it.)
    for p in points.iter().filter(|p| p.kind == PointKind::Town) {
        let (x, y) = proj.xy(p.location);
        svg.push_str(&map_label(x, y - 5.0, &p.town_name, "map-label"));
    }
    (svg, zone_paths)
}

/// A name on the map: centred above a point, dark text on a white halo so it reads over any tint.
pub fn map_label(x: f64, y: f64, text: &str, class: &str) -> String {
    format!(
        r##"<text class="{class}" x="{x:.1}" y="{y:.1}" text-anchor="middle">{}</text>"##,
        crate::domain::html::escape(text)
    )
}

/// The county and town roads as two paths: segments chained into polylines (a walk from each end or junction
/// along nodes of degree two), each drawn as one move and relative lines at 0.1-unit precision, points that round to
/// the previous one dropped, and pieces shorter than 2 units (a town's street mesh) left out. Village roads and
/// paths are left out too: at this scale they would be a grey mesh.
fn roads(proj: &Projection, network: &crate::domain::zones::RoadNetwork) -> String {
    use crate::domain::zones::RoadClass;
    use std::collections::HashMap;
    let mut out = String::new();
    for (class, width, colour) in [(RoadClass::Town, 0.9, "#8a6d3b"), (RoadClass::County, 1.6, "#b1591d")] {
        let segments: Vec<(u32, u32)> = network.segments.iter().filter(|s| s.class == class).map(|s| (s.a, s.b)).collect();
        let mut by_node: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, (a, b)) in segments.iter().enumerate() {
            by_node.entry(*a).or_default().push(i);
            by_node.entry(*b).or_default().push(i);
        }
        let mut used = vec![false; segments.len()];
        let mut chains: Vec<Vec<u32>> = Vec::new();
        // Start at ends and junctions first, then whatever is left (loops).
        let mut starts: Vec<u32> = by_node.iter().filter(|(_, s)| s.len() != 2).map(|(n, _)| *n).collect();
        starts.sort_unstable();
        starts.extend(segments.iter().map(|(a, _)| *a));
        for start in starts {
            while let Some(&first) = by_node[&start].iter().find(|i| !used[**i]) {
                let mut chain = vec![start];
                let (mut at, mut seg) = (start, first);
                loop {
                    used[seg] = true;
                    let (a, b) = segments[seg];
                    at = if a == at { b } else { a };
                    chain.push(at);
                    let next = by_node[&at].iter().copied().find(|i| !used[*i]);
                    match next {
                        Some(n) if by_node[&at].len() == 2 => seg = n,
                        _ => break,
                    }
                }
                chains.push(chain);
            }
        }
        let mut d = String::new();
        for chain in chains {
            let points: Vec<(f64, f64)> = chain.iter().filter_map(|n| network.nodes.get(*n as usize).map(|p| proj.xy(*p))).collect();
            // Shorter than 2 units (about 2 px on a phone): a town's street mesh, a smudge at this scale.
            let length: f64 = points.windows(2).map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt()).sum();
            if length < 2.0 {
                continue;
            }
            let kept = simplify(&points, 0.6);
            let Some(&(fx, fy)) = kept.first() else { continue };
            let mut last = ((fx * 10.0).round() as i64, (fy * 10.0).round() as i64);
            let first = last;
            let mut steps = String::new();
            for (x, y) in &kept[1..] {
                let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                if p != last {
                    steps.push_str(&format!("{} {} ", tenths(p.0 - last.0), tenths(p.1 - last.1)));
                    last = p;
                }
            }
            if !steps.is_empty() {
                d.push_str(&format!("M{} {}l{}", tenths(first.0), tenths(first.1), steps));
            }
        }
        if !d.is_empty() {
            out.push_str(&format!(
                r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"/>"#,
                d.trim_end()
            ));
        }
    }
    out
}

/// Douglas–Peucker: the points of a polyline that keep it within `tolerance` units of the original (the ends always).
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    let (first, last) = (0, points.len() - 1);
    keep[first] = true;
    keep[last] = true;
    let mut stack = vec![(first, last)];
    while let Some((a, b)) = stack.pop() {
        let ((ax, ay), (bx, by)) = (points[a], points[b]);
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        let mut far = (0.0, a);
        for (i, &(px, py)) in points.iter().enumerate().take(b).skip(a + 1) {
            let dist = if len == 0.0 { ((px - ax).powi(2) + (py - ay).powi(2)).sqrt() } else { ((px - ax) * dy - (py - ay) * dx).abs() / len };
            if dist > far.0 {
                far = (dist, i);
            }
        }
        if far.0 > tolerance {
            keep[far.1] = true;
            stack.push((a, far.1));
            stack.push((far.1, b));
        }
    }
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

/// A length in tenths of a unit, written in units with at most one decimal ("12.3", "-0.5", "7").
fn tenths(v: i64) -> String {
    let (sign, a) = if v < 0 { ("-", v.unsigned_abs()) } else { ("", v.unsigned_abs()) };
    if a % 10 == 0 { format!("{sign}{}", a / 10) } else { format!("{sign}{}.{}", a / 10, a % 10) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_corners_and_drops_what_lies_on_the_line() {
        let line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(simplify(&line, 0.6), vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]);
        assert_eq!(simplify(&line, 0.05), line.to_vec());
    }

    #[test]
    fn tenths_are_written_short() {
        assert_eq!([tenths(123), tenths(-5), tenths(70), tenths(0), tenths(-120)], ["12.3", "-0.5", "7", "0", "-12"]);
    }
}
