//! Straight edges that would pass through a node they do not join bend around it: a line
//! through a third node reads as a link to it (Alice–Carol drawn behind Eve looks like
//! Eve–Carol). Found with a grid of the nodes on screen, so that a few thousand edges cost
//! little per frame.

use egui::{Pos2, Rect, Vec2};

use crate::model::EntityIdx;

/// Grid cell, in points: over twice the largest node's radius with its clearance, so that a
/// node near a point of the line lies in that point's cell or one beside it.
const CELL: f32 = 64.0;
/// Room kept between an edge and a node it does not join, in points: a line nearer than
/// this (5 points was tried) still seems to touch the node.
const CLEARANCE: f32 = 12.0;
/// The most an edge bends, as a share of its length: past that a curve says less than a line.
const MAX_BEND: f32 = 0.6;

/// The nodes on screen, by grid cell.
pub struct NodeGrid<'a> {
    centers: &'a [Pos2],
    radii: &'a [f32],
    origin: Pos2,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl<'a> NodeGrid<'a> {
    /// The nodes `shown` whose centres lie in `viewport` (or just outside it).
    pub fn new(
        centers: &'a [Pos2],
        radii: &'a [f32],
        viewport: Rect,
        shown: impl Fn(usize) -> bool,
    ) -> Self {
        let area = viewport.expand(CELL);
        let columns = (area.width() / CELL).ceil().max(1.0) as usize;
        let rows = (area.height() / CELL).ceil().max(1.0) as usize;
        let mut grid = Self {
            centers,
            radii,
            origin: area.min,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        };
        for (i, &center) in centers.iter().enumerate() {
            if shown(i)
                && let Some(cell) = grid.cell_of(center)
            {
                grid.cells[cell].push(i);
            }
        }
        grid
    }

    fn cell_of(&self, point: Pos2) -> Option<usize> {
        let at = (point - self.origin) / CELL;
        let (x, y) = (at.x.floor(), at.y.floor());
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.columns && (y as usize) < self.rows)
            .then(|| y as usize * self.columns + x as usize)
    }

    /// The cell of `point` and the eight around it.
    fn cells_near(&self, point: Pos2, cells: &mut Vec<usize>) {
        for dy in [-CELL, 0.0, CELL] {
            for dx in [-CELL, 0.0, CELL] {
                cells.extend(self.cell_of(point + Vec2::new(dx, dy)));
            }
        }
    }

    /// The control point of a curve from `a` to `b` (the centres of `ends`) that clears
    /// every node the straight line would pass through, bending to whichever side needs
    /// less; `None` when the line passes through none.
    pub fn detour(&self, a: Pos2, b: Pos2, ends: (EntityIdx, EntityIdx)) -> Option<Pos2> {
        let length = a.distance(b);
        if length < 1.0 {
            return None;
        }
        let along = (b - a) / length;
        let across = along.rot90();
        // The cells along the line, each once: a node lies in one cell, so each is looked
        // at once however many points of the line it is near.
        let mut cells = Vec::new();
        // A point every cell: with the cells beside it, that covers a band of a cell each
        // side, wider than any node with its clearance.
        let steps = (length / CELL).ceil() as usize;
        for k in 0..=steps {
            self.cells_near(
                a + along * (length * k as f32 / steps.max(1) as f32),
                &mut cells,
            );
        }
        cells.sort_unstable();
        cells.dedup();
        let nearby = cells
            .into_iter()
            .flat_map(|cell| self.cells[cell].iter().copied());
        // For each side, how far the curve's control point must stand off the line.
        let mut needed = [0.0_f32; 2];
        let mut blocked = false;
        for i in nearby {
            if i == ends.0.0 || i == ends.1.0 {
                continue;
            }
            let (Some(&center), Some(&radius)) = (self.centers.get(i), self.radii.get(i)) else {
                continue;
            };
            let offset = center - a;
            let t = offset.dot(along) / length;
            let side = offset.dot(across);
            let room = radius + CLEARANCE;
            if !(0.02..=0.98).contains(&t) || side.abs() >= room {
                continue;
            }
            blocked = true;
            // A quadratic curve stands 2t(1−t) of its control point's offset off the line.
            let share = 2.0 * t * (1.0 - t);
            for (s, sign) in [1.0_f32, -1.0].into_iter().enumerate() {
                let towards_node = side * sign > 0.0;
                let distance = if towards_node {
                    room + side.abs()
                } else {
                    room - side.abs()
                };
                needed[s] = needed[s].max(distance / share);
            }
        }
        if !blocked {
            return None;
        }
        // The side that needs less first. A bend clear of the nodes on the line may run
        // into one beside it (SenseNet's link to Xinjiang bent through Karamay): each side
        // is tried at its bend and further out, and the first curve clear of every node
        // wins; where none is, the one that cuts into a node least.
        let middle = a + (b - a) * 0.5;
        let mut sides = [(1.0_f32, needed[0]), (-1.0, needed[1])];
        sides.sort_by(|x, y| x.1.total_cmp(&y.1));
        let control = |sign: f32, bend: f32| middle + across * (sign * bend.min(length * MAX_BEND));
        let mut best: Option<(f32, Pos2)> = None;
        for (sign, bend) in sides {
            for more in [1.0, 1.5, 2.2] {
                let candidate = control(sign, bend * more);
                let intrusion = self.intrusion(a, candidate, b, ends);
                if intrusion <= 0.0 {
                    return Some(candidate);
                }
                if best.is_none_or(|(least, _)| intrusion < least) {
                    best = Some((intrusion, candidate));
                }
                if bend * more >= length * MAX_BEND {
                    break;
                }
            }
        }
        best.map(|(_, candidate)| candidate)
    }

    /// How far the curve a → control → b cuts into the room of a node but its ends, at
    /// worst, in points: 0 or less when it keeps clear of every one.
    fn intrusion(&self, a: Pos2, control: Pos2, b: Pos2, ends: (EntityIdx, EntityIdx)) -> f32 {
        let length = a.distance(control) + control.distance(b);
        // A point every few points along: closer than any node with its room is wide.
        let steps = (length / (CLEARANCE * 0.75)).ceil().max(2.0) as usize;
        let mut cells = Vec::new();
        let mut worst = f32::NEG_INFINITY;
        for k in 0..=steps {
            let t = k as f32 / steps as f32;
            // Near its ends a curve leaves them, whatever lies there.
            if !(0.02..=0.98).contains(&t) {
                continue;
            }
            let point = (a.to_vec2() * (1.0 - t) * (1.0 - t)
                + control.to_vec2() * 2.0 * t * (1.0 - t)
                + b.to_vec2() * t * t)
                .to_pos2();
            cells.clear();
            self.cells_near(point, &mut cells);
            for &cell in &cells {
                for &i in &self.cells[cell] {
                    if i == ends.0.0 || i == ends.1.0 {
                        continue;
                    }
                    if let (Some(&center), Some(&radius)) = (self.centers.get(i), self.radii.get(i))
                    {
                        worst = worst.max(radius + CLEARANCE * 0.5 - center.distance(point));
                    }
                }
            }
        }
        worst
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    fn grid<'a>(centers: &'a [Pos2], radii: &'a [f32]) -> NodeGrid<'a> {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        NodeGrid::new(centers, radii, viewport, |_| true)
    }

    /// The least distance from `center` to the quadratic curve a → control → b.
    fn clearance(a: Pos2, control: Pos2, b: Pos2, center: Pos2) -> f32 {
        (0..=200)
            .map(|k| {
                let t = k as f32 / 200.0;
                let point = a.to_vec2() * (1.0 - t) * (1.0 - t)
                    + control.to_vec2() * 2.0 * t * (1.0 - t)
                    + b.to_vec2() * t * t;
                point.to_pos2().distance(center)
            })
            .fold(f32::INFINITY, f32::min)
    }

    #[test]
    fn a_line_through_a_third_node_bends_around_it() {
        let centers = [pos2(100.0, 300.0), pos2(400.0, 302.0), pos2(700.0, 300.0)];
        let radii = [8.0, 10.0, 8.0];
        let grid = grid(&centers, &radii);
        let control = grid
            .detour(centers[0], centers[2], (EntityIdx(0), EntityIdx(2)))
            .expect("the line from 0 to 2 passes through 1");
        let passes = clearance(centers[0], control, centers[2], centers[1]);
        assert!(
            passes >= radii[1] + CLEARANCE - 0.5,
            "passes {passes} from it"
        );
        // Node 1 sits a little below the line: the curve goes over it, the shorter way.
        assert!(control.y < 300.0, "{control:?}");
    }

    #[test]
    fn a_bend_that_would_run_into_a_node_beside_the_line_goes_the_other_way() {
        // Node 1 a little above the line: the shorter way round is under it, where node 3
        // sits; the curve goes over node 1 instead, or far enough under both.
        let centers = [
            pos2(100.0, 300.0),
            pos2(400.0, 296.0),
            pos2(700.0, 300.0),
            pos2(400.0, 322.0),
        ];
        let radii = [8.0, 10.0, 8.0, 10.0];
        let grid = grid(&centers, &radii);
        let control = grid
            .detour(centers[0], centers[2], (EntityIdx(0), EntityIdx(2)))
            .expect("the line passes through node 1");
        for node in [1, 3] {
            let passes = clearance(centers[0], control, centers[2], centers[node]);
            assert!(
                passes >= radii[node],
                "passes through node {node}: {passes}"
            );
        }
    }

    #[test]
    fn a_line_clear_of_nodes_and_its_own_ends_stay_straight() {
        let centers = [pos2(100.0, 300.0), pos2(400.0, 360.0), pos2(700.0, 300.0)];
        let radii = [8.0, 10.0, 8.0];
        let grid = grid(&centers, &radii);
        assert_eq!(
            grid.detour(centers[0], centers[2], (EntityIdx(0), EntityIdx(2))),
            None
        );
        assert_eq!(
            grid.detour(centers[0], centers[1], (EntityIdx(0), EntityIdx(1))),
            None
        );
    }
}
