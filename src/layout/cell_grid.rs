//! A grid of square cells for finding the points near a point in linear time: the layout's
//! separation of overlapping nodes, and the scene's sizing of nodes to the room they have.

use egui::{Pos2, Rect};

/// Nodes bucketed into square cells of a dense grid over their bounding box, counting-sorted:
/// the nodes within one cell's width of a point are in its 3×3 cells, three runs of one array.
/// Linear to build and to look up, with the locality a hash of cells lacks (its scattered
/// lookups were half of an annealing step at 100,000 nodes). With cells as wide as the
/// layout's separation, the grid has at most about five cells per node.
pub struct CellGrid {
    origin: Pos2,
    cell: f32,
    columns: usize,
    rows: usize,
    /// Where each cell's run of `members` starts, row by row; one more at the end.
    starts: Vec<u32>,
    /// Node indices, by cell, ascending within one.
    pub members: Vec<u32>,
}

impl CellGrid {
    /// The grid of `cell`-wide cells over the nodes at `positions` for which `include` holds;
    /// `None` when there are none, or the sizes are not finite.
    pub fn new(positions: &[Pos2], cell: f32, include: impl Fn(usize) -> bool) -> Option<Self> {
        let mut bounds: Option<Rect> = None;
        for (i, &p) in positions.iter().enumerate() {
            if include(i) && p.is_finite() {
                bounds = Some(bounds.map_or(Rect::from_min_max(p, p), |b| {
                    b.union(Rect::from_min_max(p, p))
                }));
            }
        }
        let bounds = bounds?;
        let count = |extent: f32| {
            let cells = (extent / cell).floor();
            (cells.is_finite() && cells < 1e6).then_some(cells as usize + 1)
        };
        let (columns, rows) = (count(bounds.width())?, count(bounds.height())?);
        let cells = columns.checked_mul(rows)?;
        // Cells as wide as the separation of these nodes make at most about five per node;
        // anything far beyond that means a cell size the grid was not meant for.
        if cells > 16 * positions.len() + 64 {
            return None;
        }
        let mut grid = Self {
            origin: bounds.min,
            cell,
            columns,
            rows,
            starts: vec![0; cells + 1],
            members: Vec::new(),
        };
        let cell_of: Vec<Option<usize>> = positions
            .iter()
            .enumerate()
            .map(|(i, &p)| include(i).then(|| grid.cell_of(p)))
            .collect();
        for &c in cell_of.iter().flatten() {
            grid.starts[c + 1] += 1;
        }
        for c in 0..cells {
            grid.starts[c + 1] += grid.starts[c];
        }
        let mut fill = grid.starts.clone();
        grid.members = vec![0; grid.starts[cells] as usize];
        for (i, c) in cell_of.iter().enumerate() {
            if let Some(c) = *c {
                grid.members[fill[c] as usize] = i as u32;
                fill[c] += 1;
            }
        }
        Some(grid)
    }

    /// Column and row of the cell holding `p` (a point outside the grid counts as in the
    /// nearest border cell).
    fn column_row(&self, p: Pos2) -> (usize, usize) {
        let at = |value: f32, origin: f32, cells: usize| {
            let k = ((value - origin) / self.cell).floor();
            if k.is_nan() || k < 0.0 {
                0
            } else {
                (k as usize).min(cells - 1)
            }
        };
        (
            at(p.x, self.origin.x, self.columns),
            at(p.y, self.origin.y, self.rows),
        )
    }

    /// The nodes within one cell's width of `p` (and some a little further).
    pub fn near(&self, p: Pos2) -> impl Iterator<Item = usize> + '_ {
        self.around(p)
            .flat_map(|run| self.members[run].iter().map(|&j| j as usize))
    }

    fn cell_of(&self, p: Pos2) -> usize {
        let (column, row) = self.column_row(p);
        row * self.columns + column
    }

    /// The runs of `members` in the 3×3 cells around `p`'s, a row of three cells at a time.
    pub fn around(&self, p: Pos2) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let (column, row) = self.column_row(p);
        let (first, last) = (column.saturating_sub(1), (column + 1).min(self.columns - 1));
        (row.saturating_sub(1)..=(row + 1).min(self.rows - 1)).map(move |r| {
            let from = self.starts[r * self.columns + first] as usize;
            let to = self.starts[r * self.columns + last + 1] as usize;
            from..to
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cell_grid_finds_every_node_within_a_cell_of_a_point() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let positions: Vec<Pos2> = (0..500)
            .map(|_| Pos2::new(rng.random_range(-50.0..50.0), rng.random_range(-20.0..20.0)))
            .collect();
        let left_out = |i: usize| i.is_multiple_of(7);
        let grid = CellGrid::new(&positions, 3.0, |i| !left_out(i)).expect("a grid");
        let mut queries = positions.clone();
        queries.extend([Pos2::new(-80.0, 0.0), Pos2::new(60.0, 30.0)]);
        for q in queries {
            let mut found: Vec<u32> = grid
                .around(q)
                .flat_map(|run| grid.members[run].iter().copied())
                .collect();
            found.sort_unstable();
            for (i, p) in positions.iter().enumerate() {
                let listed = found.binary_search(&(i as u32)).is_ok();
                if left_out(i) {
                    assert!(!listed, "{i} is left out");
                } else if p.distance(q) < 3.0 {
                    assert!(listed, "{i} at {p:?} is near {q:?}");
                }
            }
        }
    }
}
