//! Finding the node under the pointer without looking at every node: a uniform grid over the
//! layout, rebuilt only when positions change.

use std::collections::HashMap;

use egui::{Pos2, Rect};

/// Cells to visit at most in one query; past this the caller scans instead.
const MAX_CELLS_VISITED: i64 = 1_024;

/// Node positions bucketed by grid cell.
#[derive(Debug, Default)]
pub struct NodeGrid {
    cell: f32,
    cells: HashMap<(i64, i64), Vec<u32>>,
    positions: Vec<Pos2>,
}

impl NodeGrid {
    /// A grid over `positions`; the cell side is about the mean spacing of the nodes.
    pub fn build(positions: Vec<Pos2>) -> Self {
        let bounds = positions
            .iter()
            .fold(Rect::NOTHING, |b, &p| b.union(Rect::from_min_max(p, p)));
        let area = if bounds.is_positive() {
            bounds.area()
        } else {
            1.0
        };
        let cell = (area / positions.len().max(1) as f32).sqrt().max(1e-3);
        let mut cells: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
        for (i, &p) in positions.iter().enumerate() {
            cells.entry(Self::key(cell, p)).or_default().push(i as u32);
        }
        Self {
            cell,
            cells,
            positions,
        }
    }

    fn key(cell: f32, p: Pos2) -> (i64, i64) {
        ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64)
    }

    /// The node closest to `point` whose distance is within its own `radius_of(node)`, looking
    /// no further than `max_radius`. `None` when there is none, or when the search would visit
    /// too many cells (then the caller scans).
    pub fn nearest(
        &self,
        point: Pos2,
        max_radius: f32,
        radius_of: impl Fn(usize) -> f32,
    ) -> Option<Option<usize>> {
        let reach = (max_radius / self.cell).ceil() as i64;
        if (2 * reach + 1).pow(2) > MAX_CELLS_VISITED {
            return None;
        }
        let (cx, cy) = Self::key(self.cell, point);
        let mut best: Option<(usize, f32)> = None;
        for gx in cx - reach..=cx + reach {
            for gy in cy - reach..=cy + reach {
                for &i in self.cells.get(&(gx, gy)).into_iter().flatten() {
                    let i = i as usize;
                    let distance = self.positions[i].distance(point);
                    if distance <= radius_of(i) && best.is_none_or(|(_, d)| distance < d) {
                        best = Some((i, distance));
                    }
                }
            }
        }
        Some(best.map(|(i, _)| i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_same_node_as_a_scan() {
        let positions: Vec<Pos2> = (0..2000)
            .map(|i| {
                let t = i as f32;
                Pos2::new((t * 12.9898).sin() * 1000.0, (t * 78.233).cos() * 1000.0)
            })
            .collect();
        let grid = NodeGrid::build(positions.clone());
        for k in 0..200 {
            let t = k as f32 * 7.7;
            let point = Pos2::new(t.sin() * 900.0, t.cos() * 900.0);
            let radius = 30.0;
            let scan = positions
                .iter()
                .enumerate()
                .filter(|(_, p)| p.distance(point) <= radius)
                .min_by(|a, b| a.1.distance(point).total_cmp(&b.1.distance(point)))
                .map(|(i, _)| i);
            assert_eq!(grid.nearest(point, radius, |_| radius), Some(scan));
        }
    }

    #[test]
    fn a_search_too_wide_is_declined() {
        let grid = NodeGrid::build(vec![Pos2::ZERO, Pos2::new(1.0, 1.0)]);
        assert_eq!(grid.nearest(Pos2::ZERO, 1e6, |_| 1e6), None);
    }
}
