//! A Barnes–Hut quadtree: nodes far away are felt as one mass at their centre of mass, so the
//! repulsion every node feels from every other costs `n log n` instead of `n²`. Cells live in
//! one reused vector; building and querying are loops, never recursion, so coincident points
//! or deep trees cannot overflow the stack.

/// Marks a leaf with no body yet.
const EMPTY: u32 = u32::MAX;
/// Marks a leaf holding several bodies at (almost) the same place.
const MANY: u32 = u32::MAX - 1;
/// Cells are split at most this deep; below, coincident bodies share a leaf.
const MAX_DEPTH: u32 = 40;

#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Centre and half the side of the square cell.
    center: [f32; 2],
    half: f32,
    mass: f32,
    /// Mass-weighted sum of positions while building; the centre of mass once built.
    weighted: [f32; 2],
    /// Index of the first of four children, or 0 for a leaf.
    children: u32,
    /// The body in a leaf: its index, [`EMPTY`] or [`MANY`].
    body: u32,
    depth: u32,
}

impl Cell {
    fn leaf(center: [f32; 2], half: f32, depth: u32) -> Self {
        Self {
            center,
            half,
            mass: 0.0,
            weighted: [0.0, 0.0],
            children: 0,
            body: EMPTY,
            depth,
        }
    }

    fn quadrant(&self, p: [f32; 2]) -> u32 {
        u32::from(p[0] >= self.center[0]) + 2 * u32::from(p[1] >= self.center[1])
    }
}

/// The tree over one set of positions. Rebuilt each layout step, reusing its memory.
#[derive(Debug, Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` with masses `mass` (same length).
    pub fn build(&mut self, positions: &[[f32; 2]], mass: &[f32]) {
        self.cells.clear();
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for p in positions {
            for axis in 0..2 {
                min[axis] = min[axis].min(p[axis]);
                max[axis] = max[axis].max(p[axis]);
            }
        }
        if positions.is_empty() || !min[0].is_finite() || !max[1].is_finite() {
            return;
        }
        let half = ((max[0] - min[0]).max(max[1] - min[1]) / 2.0).max(1e-3) * 1.001;
        let center = [f32::midpoint(min[0], max[0]), f32::midpoint(min[1], max[1])];
        self.cells.push(Cell::leaf(center, half, 0));
        for (body, (&p, &m)) in positions.iter().zip(mass).enumerate() {
            self.insert(body as u32, p, m, positions);
        }
        // Queries need centres of mass, not sums: divide once here rather than on every visit.
        for cell in &mut self.cells {
            if cell.mass > 0.0 {
                cell.weighted = [cell.weighted[0] / cell.mass, cell.weighted[1] / cell.mass];
            }
        }
    }

    fn insert(&mut self, body: u32, p: [f32; 2], m: f32, positions: &[[f32; 2]]) {
        let mut cell_index = 0usize;
        loop {
            let cell = &mut self.cells[cell_index];
            cell.mass += m;
            cell.weighted[0] += p[0] * m;
            cell.weighted[1] += p[1] * m;
            if cell.children != 0 {
                cell_index = (cell.children + cell.quadrant(p)) as usize;
                continue;
            }
            match cell.body {
                EMPTY => {
                    cell.body = body;
                    return;
                }
                MANY => return,
                _ if cell.depth >= MAX_DEPTH => {
                    cell.body = MANY;
                    return;
                }
                resident => {
                    // Split: the resident moves down into its quadrant, then this body goes on.
                    let (center, half, depth) = (cell.center, cell.half / 2.0, cell.depth + 1);
                    let first = self.cells.len() as u32;
                    for quadrant in 0..4u32 {
                        let dx = if quadrant & 1 == 1 { half } else { -half };
                        let dy = if quadrant & 2 == 2 { half } else { -half };
                        self.cells
                            .push(Cell::leaf([center[0] + dx, center[1] + dy], half, depth));
                    }
                    let cell = &mut self.cells[cell_index];
                    cell.children = first;
                    cell.body = EMPTY;
                    let resident_p = positions[resident as usize];
                    let resident_m = cell.mass - m;
                    let child = (first + cell.quadrant(resident_p)) as usize;
                    let child_cell = &mut self.cells[child];
                    child_cell.mass = resident_m;
                    child_cell.weighted = [resident_p[0] * resident_m, resident_p[1] * resident_m];
                    child_cell.body = resident;
                    let cell = &self.cells[cell_index];
                    cell_index = (cell.children + cell.quadrant(p)) as usize;
                }
            }
        }
    }

    /// Calls `interact(other_position, other_mass)` for every body or far-enough group of
    /// bodies as seen from body `body` at `p`: a cell whose side divided by its distance is
    /// below `theta` counts as one mass at its centre of mass.
    /// `stack` is scratch space, passed in so that threads can query one tree at once.
    pub fn for_each_mass(
        &self,
        stack: &mut Vec<u32>,
        body: u32,
        p: [f32; 2],
        theta: f32,
        mut interact: impl FnMut([f32; 2], f32),
    ) {
        if self.cells.is_empty() {
            return;
        }
        stack.clear();
        stack.push(0);
        while let Some(index) = stack.pop() {
            let cell = self.cells[index as usize];
            if cell.mass <= 0.0 || cell.body == body {
                continue;
            }
            let com = cell.weighted;
            let (dx, dy) = (com[0] - p[0], com[1] - p[1]);
            let distance = (dx * dx + dy * dy).sqrt();
            // A leaf is felt exactly (one body, or several at one spot, where the caller's
            // distance guard applies); a far cell as one mass.
            if cell.children == 0 || 2.0 * cell.half < theta * distance {
                interact(com, cell.mass);
            } else {
                for child in 0..4 {
                    stack.push(cell.children + child);
                }
            }
        }
    }
}
