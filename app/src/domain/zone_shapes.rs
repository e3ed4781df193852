//! Zones as polygons for the map: a raster of cells, each labelled with its zone, traced into rings along the
//! cells' edges. The rings are exact (adjacent zones share edges: no gaps, no overlaps), quantised to whole cells
//! and drawn as SVG paths of relative `h`/`v` moves, which is what keeps `/map` small.
//!
//! Pure and deterministic: the same raster gives the same markup.

use std::collections::{BTreeMap, BTreeSet};

/// Cells in rows from the top; `None` is outside the county or unreachable.
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    pub cols: usize,
    pub rows: usize,
    pub cells: Vec<Option<u32>>,
}

/// A corner of the cell grid: (column, row).
pub type Corner = (i32, i32);

impl Raster {
    pub fn at(&self, c: i32, r: i32) -> Option<u32> {
        if c < 0 || r < 0 || c as usize >= self.cols || r as usize >= self.rows {
            return None;
        }
        self.cells[r as usize * self.cols + c as usize]
    }

    /// Each label's boundary as closed rings of corners (the last joins the first), corners where the boundary
    /// turns only. Filled with the even-odd rule, a label's rings cover exactly its cells (holes included).
    pub fn rings(&self) -> BTreeMap<u32, Vec<Vec<Corner>>> {
        // Directed edges, clockwise on screen (y down) around each cell, kept where the neighbour differs.
        let mut edges: BTreeMap<u32, BTreeMap<Corner, Vec<Corner>>> = BTreeMap::new();
        for r in 0..self.rows as i32 {
            for c in 0..self.cols as i32 {
                let Some(label) = self.at(c, r) else { continue };
                let sides = [
                    ((c, r - 1), (c, r), (c + 1, r)),
                    ((c + 1, r), (c + 1, r), (c + 1, r + 1)),
                    ((c, r + 1), (c + 1, r + 1), (c, r + 1)),
                    ((c - 1, r), (c, r + 1), (c, r)),
                ];
                for ((nc, nr), from, to) in sides {
                    if self.at(nc, nr) != Some(label) {
                        edges.entry(label).or_default().entry(from).or_default().push(to);
                    }
                }
            }
        }
        edges
            .into_iter()
            .map(|(label, mut out)| {
                let mut rings = Vec::new();
                while let Some((&start, _)) = out.iter().find(|(_, v)| !v.is_empty()) {
                    let mut ring = vec![start];
                    let mut at = start;
                    loop {
                        let next = out.get_mut(&at).and_then(Vec::pop).expect("boundary edges form closed rings");
                        if next == start {
                            break;
                        }
                        ring.push(next);
                        at = next;
                    }
                    rings.push(corners_only(ring));
                }
                (label, rings)
            })
            .collect()
    }

    /// A colour index per label such that labels sharing an edge differ (greedy, in label order; a planar map
    /// of zones needs few). `None` when `colours` is not enough.
    pub fn colouring(&self, colours: usize) -> Option<BTreeMap<u32, usize>> {
        let mut neighbours: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for r in 0..self.rows as i32 {
            for c in 0..self.cols as i32 {
                let Some(a) = self.at(c, r) else { continue };
                neighbours.entry(a).or_default();
                for (nc, nr) in [(c + 1, r), (c, r + 1)] {
                    if let Some(b) = self.at(nc, nr).filter(|&b| b != a) {
                        neighbours.entry(a).or_default().insert(b);
                        neighbours.entry(b).or_default().insert(a);
                    }
                }
            }
        }
        let mut colour = BTreeMap::new();
        for (label, near) in &neighbours {
            let used: BTreeSet<usize> = near.iter().filter_map(|n| colour.get(n).copied()).collect();
            colour.insert(*label, (0..colours).find(|c| !used.contains(c))?);
        }
        Some(colour)
    }
}

/// Drops the corners where a ring goes straight on.
fn corners_only(ring: Vec<Corner>) -> Vec<Corner> {
    let n = ring.len();
    (0..n)
        .filter(|&i| {
            let (p, q, r) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            (q.0 - p.0) * (r.1 - q.1) - (q.1 - p.1) * (r.0 - q.0) != 0
        })
        .map(|i| ring[i])
        .collect()
}

/// SVG path data for rings of corners: `M` to the first corner, then relative `h`/`v` moves, `z` to close.
pub fn path_data(rings: &[Vec<Corner>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let Some(&(x0, y0)) = ring.first() else { continue };
        d.push_str(&format!("M{x0} {y0}"));
        let mut at = (x0, y0);
        // The closing move back to the first corner is `z`.
        for &(x, y) in &ring[1..] {
            if x != at.0 {
                d.push_str(&format!("h{}", x - at.0));
            } else {
                d.push_str(&format!("v{}", y - at.1));
            }
            at = (x, y);
        }
        d.push('z');
    }
    d
}

/// Even-odd containment of a point in rings (for tests and for checking a traced map).
pub fn rings_contain(rings: &[Vec<Corner>], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let (ay, by) = (f64::from(a.1), f64::from(b.1));
            if (ay > y) != (by > y) {
                let cross = f64::from(a.0) + (y - ay) / (by - ay) * f64::from(b.0 - a.0);
                if x < cross {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn raster(rows: &[&str]) -> Raster {
        let cells = rows
            .iter()
            .flat_map(|r| r.chars().map(|ch| ch.to_digit(10)))
            .collect();
        Raster { cols: rows[0].len(), rows: rows.len(), cells }
    }

    #[test]
    fn one_cell_is_a_square() {
        let r = raster(&["1"]);
        let rings = r.rings();
        assert_eq!(rings[&1], vec![vec![(0, 0), (1, 0), (1, 1), (0, 1)]]);
        assert_eq!(path_data(&rings[&1]), "M0 0h1v1h-1z");
    }

    #[test]
    fn straight_runs_collapse_and_holes_are_rings() {
        let r = raster(&["1111", "1221", "1111"]);
        let rings = r.rings();
        assert_eq!(rings[&1].len(), 2, "outer boundary and the hole");
        assert!(rings[&1].iter().all(|ring| ring.len() == 4), "{:?}", rings[&1]);
        assert_eq!(rings[&2], vec![vec![(1, 1), (3, 1), (3, 2), (1, 2)]]);
        assert!(!rings_contain(&rings[&1], (1.5, 1.5)), "the hole is not zone 1");
        assert!(rings_contain(&rings[&1], (0.5, 1.5)));
    }

    #[test]
    fn neighbours_get_different_colours() {
        let r = raster(&["1122", "1332", "4433"]);
        let colour = r.colouring(8).unwrap();
        for (a, b) in [(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)] {
            assert_ne!(colour[&a], colour[&b], "{a} and {b} touch");
        }
        assert!(raster(&["12", "31"]).colouring(2).is_some(), "diagonal touch is not a shared edge");
        assert!(raster(&["123"]).colouring(1).is_none());
    }

    proptest! {
        #[test]
        fn rings_cover_exactly_their_cells(cells in proptest::collection::vec(proptest::option::of(0u32..4), 1..120), cols in 1usize..12) {
            let rows = cells.len().div_ceil(cols);
            let mut cells = cells;
            cells.resize(rows * cols, None);
            let r = Raster { cols, rows, cells };
            let rings = r.rings();
            for row in 0..rows as i32 {
                for col in 0..cols as i32 {
                    for (label, rs) in &rings {
                        let centre = (f64::from(col) + 0.5, f64::from(row) + 0.5);
                        prop_assert_eq!(rings_contain(rs, centre), r.at(col, row) == Some(*label), "cell {},{} label {}", col, row, label);
                    }
                }
            }
        }
    }
}
