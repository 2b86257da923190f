//! ForceAtlas2 (Jacomy et al. 2014, as in Gephi) with Barnes–Hut repulsion: degree-weighted
//! repulsion `kr·(deg₁+1)(deg₂+1)/d`, linear attraction along edges (or LinLog), gravity
//! towards the centre, and Gephi's adaptive speed with per-node swing control, which is what
//! lets it settle without jitter. Deterministic: no randomness, so the same start gives the
//! same layout.
//!
//! It plugs into egui_graphs as a [`ForceAlgorithm`]: a step reads node locations from the
//! `egui_graphs::Graph`, moves them and writes them back.

use egui::Rect;
use egui_graphs::{DisplayEdge, DisplayNode, ForceAlgorithm, Graph};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;
use serde::{Deserialize, Serialize};

use super::quadtree::QuadTree;

/// Below this many nodes, repulsion runs on one thread: starting threads would cost more.
const PARALLEL_FROM: usize = 2_000;

/// Settings of the algorithm; the defaults are Gephi's for a graph of this size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fa2Settings {
    /// Barnes–Hut accuracy: a cell counts as one mass when its side over its distance is below
    /// this. 0 computes every pair exactly.
    pub theta: f32,
    /// Repulsion strength `kr`.
    pub scaling: f32,
    /// Pull towards the centre, so disconnected parts stay in view.
    pub gravity: f32,
    /// Gravity growing with distance (keeps far components close).
    pub strong_gravity: bool,
    /// Logarithmic attraction: tighter clusters, clearer communities.
    pub lin_log: bool,
    /// How much swinging is tolerated; higher is faster and less precise.
    pub jitter_tolerance: f32,
}

impl Default for Fa2Settings {
    fn default() -> Self {
        Self {
            theta: 1.2,
            scaling: 10.0,
            // Strong (distance-proportional) gravity keeps disconnected parts near the rest:
            // with Gephi's constant pull they settle thousands of units away, and fitting them
            // in view shrinks the network to a dot.
            gravity: 0.005,
            strong_gravity: true,
            // LinLog's logarithmic attraction separates communities far better (measured by
            // `chainsight bench layout`: planted communities apart in ~3 s at 10k nodes,
            // against never within 10 s with linear attraction).
            lin_log: true,
            jitter_tolerance: 1.0,
        }
    }
}

/// The algorithm's state between steps, as egui_graphs' `ForceAlgorithm` wants it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Fa2State {
    pub settings: Fa2Settings,
    /// Global speed and how well it has been paying off (Gephi's adaptive speed).
    pub speed: f32,
    pub speed_efficiency: f32,
    /// Mean distance a node moved in the last step, in layout units.
    pub last_mean_displacement: f32,
    pub steps: u64,
}

impl egui_graphs::LayoutState for Fa2State {}

/// ForceAtlas2 with its working memory (kept between steps to avoid allocations).
#[derive(Debug, Default)]
pub struct ForceAtlas2 {
    state: Fa2State,
    positions: Vec<[f32; 2]>,
    forces: Vec<[f32; 2]>,
    old_forces: Vec<[f32; 2]>,
    mass: Vec<f32>,
    edges: Vec<(u32, u32)>,
    /// Each edge's weight (its attraction is multiplied by it); 1 unless built with weights.
    weights: Vec<f32>,
    /// Nodes that feel forces but do not move (dragged or saved places).
    pinned: Vec<bool>,
    /// Nodes left out of the layout (hidden by the view): they neither attract nor, but for
    /// a negligible mass, repel; the caller pins them.
    excluded: Vec<bool>,
    /// Each node's mass as built, to restore when it is included again.
    base_mass: Vec<f32>,
    tree: QuadTree,
    /// The most threads repulsion is split over; 0: one per core.
    max_threads: usize,
}

impl ForceAtlas2 {
    /// A layout of `node_count` nodes joined by `edges` (pairs of node positions in the list).
    pub fn new(settings: Fa2Settings, node_count: usize, edges: &[(usize, usize)]) -> Self {
        let mut mass = vec![1.0; node_count];
        let mut kept = Vec::with_capacity(edges.len());
        for &(a, b) in edges {
            if a < node_count && b < node_count && a != b {
                mass[a] += 1.0;
                mass[b] += 1.0;
                kept.push((a as u32, b as u32));
            }
        }
        let weights = vec![1.0; kept.len()];
        Self::from_parts(settings, mass, kept, weights)
    }

    /// Splits repulsion over at most `threads` threads (0: one per core, the default). The
    /// result is the same for any number.
    pub fn set_max_threads(&mut self, threads: usize) {
        self.max_threads = threads;
    }

    /// A layout of nodes with the given masses (Gephi's is degree + 1) joined by weighted
    /// edges `(a, b, weight)`: a coarse level of a multilevel layout, where one node stands for
    /// several and one edge for several.
    pub fn weighted(settings: Fa2Settings, mass: Vec<f32>, edges: &[(u32, u32, f32)]) -> Self {
        let node_count = mass.len();
        let mut kept = Vec::with_capacity(edges.len());
        let mut weights = Vec::with_capacity(edges.len());
        for &(a, b, w) in edges {
            if (a as usize) < node_count && (b as usize) < node_count && a != b && w > 0.0 {
                kept.push((a, b));
                weights.push(w);
            }
        }
        Self::from_parts(settings, mass, kept, weights)
    }

    fn from_parts(
        settings: Fa2Settings,
        mass: Vec<f32>,
        edges: Vec<(u32, u32)>,
        weights: Vec<f32>,
    ) -> Self {
        let node_count = mass.len();
        Self {
            state: Fa2State {
                settings,
                speed: 1.0,
                speed_efficiency: 1.0,
                last_mean_displacement: f32::INFINITY,
                steps: 0,
            },
            positions: vec![[0.0; 2]; node_count],
            forces: vec![[0.0; 2]; node_count],
            old_forces: vec![[0.0; 2]; node_count],
            base_mass: mass.clone(),
            max_threads: 0,
            mass,
            edges,
            weights,
            pinned: vec![false; node_count],
            excluded: vec![false; node_count],
            tree: QuadTree::default(),
        }
    }

    /// Each node's mass (degree + 1 unless given).
    pub fn masses(&self) -> &[f32] {
        &self.mass
    }

    /// The current state (settings, speed, last displacement).
    pub fn state(&self) -> &Fa2State {
        &self.state
    }

    /// Changes the settings; the layout continues from where it is.
    pub fn settings_mut(&mut self) -> &mut Fa2Settings {
        &mut self.state.settings
    }

    /// Node positions, in the order given to [`Self::new`].
    pub fn positions(&self) -> &[[f32; 2]] {
        &self.positions
    }

    /// Replaces the node positions (same length as the node count).
    pub fn set_positions(&mut self, positions: &[[f32; 2]]) {
        self.positions.clear();
        self.positions.extend_from_slice(positions);
        self.positions.resize(self.mass.len(), [0.0, 0.0]);
    }

    /// Marks which nodes keep their place.
    pub fn set_pinned(&mut self, pinned: &[bool]) {
        self.pinned.clear();
        self.pinned.extend_from_slice(pinned);
        self.pinned.resize(self.mass.len(), false);
    }

    /// Leaves the marked nodes out of the layout: their edges stop pulling and their mass
    /// (so their repulsion) becomes negligible. A small positive mass, not zero, keeps the
    /// quadtree's centres of mass defined.
    pub fn set_excluded(&mut self, excluded: &[bool]) {
        self.excluded.clear();
        self.excluded.extend_from_slice(excluded);
        self.excluded.resize(self.base_mass.len(), false);
        for ((mass, &base), &out) in self
            .mass
            .iter_mut()
            .zip(&self.base_mass)
            .zip(&self.excluded)
        {
            *mass = if out { base * 1e-6 } else { base };
        }
    }

    /// One step in which no node moves further than `temperature` times the mean spacing of
    /// the nodes (1 or more: free). Lowering it towards 0 brings the layout to rest.
    pub fn step_with_cap(&mut self, temperature: f32) {
        let n = self.positions.len();
        if n == 0 {
            self.state.last_mean_displacement = 0.0;
            return;
        }
        std::mem::swap(&mut self.forces, &mut self.old_forces);
        self.forces.iter_mut().for_each(|f| *f = [0.0, 0.0]);
        self.repulsion();
        self.gravity();
        self.attraction();
        self.apply(temperature);
        self.state.steps += 1;
    }

    /// One step of Yifan Hu's integrator (what the multilevel layout refines with): each free
    /// node moves `length` along the force it feels, however strong. Returns the sum of the
    /// squared forces, whose rise or fall tells the caller to shorten or lengthen the step.
    /// Unlike Gephi's adaptive speed it needs no warming up, whatever the masses' scale.
    pub fn step_along_forces(&mut self, length: f32) -> f64 {
        if self.positions.is_empty() {
            self.state.last_mean_displacement = 0.0;
            return 0.0;
        }
        std::mem::swap(&mut self.forces, &mut self.old_forces);
        self.forces.iter_mut().for_each(|f| *f = [0.0, 0.0]);
        self.repulsion();
        self.gravity();
        self.attraction();
        let mut energy = 0.0f64;
        for (p, (f, &pinned)) in self
            .positions
            .iter_mut()
            .zip(self.forces.iter().zip(&self.pinned))
        {
            let magnitude = f[0].hypot(f[1]);
            if pinned || !magnitude.is_finite() || magnitude <= 0.0 {
                continue;
            }
            energy += f64::from(magnitude) * f64::from(magnitude);
            p[0] += length * f[0] / magnitude;
            p[1] += length * f[1] / magnitude;
        }
        self.state.last_mean_displacement = length;
        self.state.steps += 1;
        energy
    }

    /// One step at full speed.
    pub fn step(&mut self) {
        self.step_with_cap(1.0);
    }

    fn repulsion(&mut self) {
        let settings = &self.state.settings;
        let kr = settings.scaling;
        if settings.theta <= 0.0 {
            for i in 0..self.positions.len() {
                for j in (i + 1)..self.positions.len() {
                    let (dx, dy) = (
                        self.positions[i][0] - self.positions[j][0],
                        self.positions[i][1] - self.positions[j][1],
                    );
                    let d2 = dx * dx + dy * dy;
                    if d2 > 1e-12 {
                        let factor = kr * self.mass[i] * self.mass[j] / d2;
                        self.forces[i][0] += dx * factor;
                        self.forces[i][1] += dy * factor;
                        self.forces[j][0] -= dx * factor;
                        self.forces[j][1] -= dy * factor;
                    }
                }
            }
            return;
        }
        self.tree.build(&self.positions, &self.mass);
        let theta = settings.theta;
        let (tree, positions, mass) = (&self.tree, &self.positions, &self.mass);
        // Each node's repulsion depends only on the tree, so the nodes split across threads
        // with identical results.
        let threads = if positions.len() < PARALLEL_FROM {
            1
        } else {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            match self.max_threads {
                0 => cores,
                most => cores.min(most),
            }
        };
        let chunk = positions.len().div_ceil(threads).max(1);
        let work = |first: usize, forces: &mut [[f32; 2]]| {
            let mut stack = Vec::with_capacity(64);
            for (offset, force_out) in forces.iter_mut().enumerate() {
                let i = first + offset;
                let (p, m) = (positions[i], mass[i]);
                let mut force = [0.0f32, 0.0f32];
                tree.for_each_mass(&mut stack, i as u32, p, theta, |q, other_mass| {
                    let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 1e-12 {
                        // |F| = kr·m₁·m₂/d along the unit vector (dx, dy)/d.
                        let factor = kr * m * other_mass / d2;
                        force[0] += dx * factor;
                        force[1] += dy * factor;
                    }
                });
                force_out[0] += force[0];
                force_out[1] += force[1];
            }
        };
        if threads == 1 {
            work(0, &mut self.forces);
        } else {
            std::thread::scope(|scope| {
                for (k, forces) in self.forces.chunks_mut(chunk).enumerate() {
                    scope.spawn(move || work(k * chunk, forces));
                }
            });
        }
    }

    fn gravity(&mut self) {
        let settings = &self.state.settings;
        for (i, p) in self.positions.iter().enumerate() {
            let distance = (p[0] * p[0] + p[1] * p[1]).sqrt();
            if distance <= 1e-9 {
                continue;
            }
            let factor = if settings.strong_gravity {
                settings.gravity * self.mass[i]
            } else {
                settings.gravity * self.mass[i] / distance
            };
            self.forces[i][0] -= p[0] * factor;
            self.forces[i][1] -= p[1] * factor;
        }
    }

    fn attraction(&mut self) {
        let lin_log = self.state.settings.lin_log;
        for (&(a, b), &weight) in self.edges.iter().zip(&self.weights) {
            let (a, b) = (a as usize, b as usize);
            if self.excluded.get(a).copied().unwrap_or(false)
                || self.excluded.get(b).copied().unwrap_or(false)
            {
                continue;
            }
            let (dx, dy) = (
                self.positions[a][0] - self.positions[b][0],
                self.positions[a][1] - self.positions[b][1],
            );
            // Linear: |F| = w·d. LinLog: |F| = w·log(1 + d).
            let factor = weight
                * if lin_log {
                    let distance = (dx * dx + dy * dy).sqrt();
                    if distance <= 1e-9 {
                        continue;
                    }
                    (1.0 + distance).ln() / distance
                } else {
                    1.0
                };
            self.forces[a][0] -= dx * factor;
            self.forces[a][1] -= dy * factor;
            self.forces[b][0] += dx * factor;
            self.forces[b][1] += dy * factor;
        }
    }

    /// Gephi's adaptive speed: global swinging (erratic movement) against traction (useful
    /// movement) sets the speed; each node then moves less the more it swings.
    fn apply(&mut self, temperature: f32) {
        let n = self.positions.len() as f32;
        let (mut swinging, mut traction) = (0.0f32, 0.0f32);
        for i in 0..self.positions.len() {
            if self.pinned[i] {
                continue;
            }
            let (f, old) = (self.forces[i], self.old_forces[i]);
            swinging += self.mass[i] * ((old[0] - f[0]).powi(2) + (old[1] - f[1]).powi(2)).sqrt();
            traction +=
                0.5 * self.mass[i] * ((old[0] + f[0]).powi(2) + (old[1] + f[1]).powi(2)).sqrt();
        }
        let state = &mut self.state;
        let estimated_jitter = 0.05 * n.sqrt();
        let min_jitter = estimated_jitter.sqrt();
        let jitter = state.settings.jitter_tolerance
            * min_jitter.max((estimated_jitter * traction / (n * n)).min(10.0));
        let min_efficiency = 0.05;
        let mut jitter = jitter;
        if traction > 0.0 && swinging / traction > 2.0 {
            if state.speed_efficiency > min_efficiency {
                state.speed_efficiency *= 0.5;
            }
            jitter = jitter.max(state.settings.jitter_tolerance);
        }
        let target_speed = if swinging > 0.0 {
            jitter * state.speed_efficiency * traction / swinging
        } else {
            state.speed
        };
        if swinging > jitter * traction {
            if state.speed_efficiency > min_efficiency {
                state.speed_efficiency *= 0.7;
            }
        } else if state.speed < 1000.0 {
            state.speed_efficiency *= 1.3;
        }
        let max_rise = 0.5;
        state.speed += (target_speed - state.speed).min(max_rise * state.speed);
        if !state.speed.is_finite() || state.speed <= 0.0 {
            state.speed = 1e-3;
        }

        let speed = state.speed;
        // The cap is a distance: a fraction `temperature` of the mean spacing of the nodes.
        // (Scaling the speed instead would not do: adaptive speed grows right back.)
        let max_move = if temperature < 1.0 {
            let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
            for p in &self.positions {
                for axis in 0..2 {
                    min[axis] = min[axis].min(p[axis]);
                    max[axis] = max[axis].max(p[axis]);
                }
            }
            let area = ((max[0] - min[0]) * (max[1] - min[1])).max(1e-6);
            temperature * (area / n).sqrt()
        } else {
            f32::INFINITY
        };
        let mut moved = 0.0f32;
        let mut movers = 0usize;
        for i in 0..self.positions.len() {
            if self.pinned[i] {
                continue;
            }
            let (f, old) = (self.forces[i], self.old_forces[i]);
            let node_swinging =
                self.mass[i] * ((old[0] - f[0]).powi(2) + (old[1] - f[1]).powi(2)).sqrt();
            let factor = speed / (1.0 + (speed * node_swinging).sqrt());
            let (mut dx, mut dy) = (f[0] * factor, f[1] * factor);
            let length = (dx * dx + dy * dy).sqrt();
            if length > max_move {
                dx *= max_move / length;
                dy *= max_move / length;
            }
            if dx.is_finite() && dy.is_finite() {
                self.positions[i][0] += dx;
                self.positions[i][1] += dy;
                moved += (dx * dx + dy * dy).sqrt();
                movers += 1;
            }
        }
        state.last_mean_displacement = if movers == 0 {
            0.0
        } else {
            moved / movers as f32
        };
    }

    /// The exact repulsion each node feels (all pairs), for checking the Barnes–Hut one.
    #[cfg(test)]
    fn exact_repulsion(&self) -> Vec<[f32; 2]> {
        let mut exact = Self {
            state: Fa2State {
                settings: Fa2Settings {
                    theta: 0.0,
                    ..self.state.settings.clone()
                },
                ..self.state.clone()
            },
            positions: self.positions.clone(),
            forces: vec![[0.0; 2]; self.positions.len()],
            old_forces: Vec::new(),
            mass: self.mass.clone(),
            base_mass: self.base_mass.clone(),
            edges: Vec::new(),
            weights: Vec::new(),
            pinned: Vec::new(),
            excluded: Vec::new(),
            tree: QuadTree::default(),
            max_threads: 0,
        };
        exact.repulsion();
        exact.forces
    }
}

impl ForceAlgorithm for ForceAtlas2 {
    type State = Fa2State;

    fn from_state(state: Self::State) -> Self {
        Self {
            state,
            ..Self::default()
        }
    }

    /// One step on an egui_graphs graph: its nodes and edges are read (the edge list only
    /// when the graph's size changed), moved, and written back. `view` is not used: the
    /// layout has its own scale.
    fn step<N, E, Ty, Ix, Dn, De>(&mut self, g: &mut Graph<N, E, Ty, Ix, Dn, De>, _view: Rect)
    where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
        let indices: Vec<_> = g.g().node_indices().collect();
        if indices.len() != self.mass.len() || g.edge_count() != self.edges.len() {
            let position_of: std::collections::HashMap<_, _> =
                indices.iter().enumerate().map(|(i, &n)| (n, i)).collect();
            let edges: Vec<(usize, usize)> = g
                .g()
                .edge_indices()
                .filter_map(|e| g.edge_endpoints(e))
                .filter_map(|(a, b)| Some((*position_of.get(&a)?, *position_of.get(&b)?)))
                .collect();
            let state = self.state.clone();
            *self = Self::new(state.settings.clone(), indices.len(), &edges);
            self.state = state;
        }
        let positions: Vec<[f32; 2]> = indices
            .iter()
            .map(|&i| {
                g.node(i)
                    .map_or([0.0, 0.0], |n| [n.location().x, n.location().y])
            })
            .collect();
        self.set_positions(&positions);
        ForceAtlas2::step(self);
        for (&index, p) in indices.iter().zip(&self.positions) {
            if let Some(node) = g.node_mut(index) {
                node.set_location(egui::pos2(p[0], p[1]));
            }
        }
    }

    fn state(&self) -> Self::State {
        self.state.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ring of `n` nodes with chords, on a deterministic scatter.
    fn ring(n: usize) -> ForceAtlas2 {
        let edges: Vec<(usize, usize)> = (0..n)
            .map(|i| (i, (i + 1) % n))
            .chain((0..n).step_by(3).map(|i| (i, (i + n / 2) % n)))
            .collect();
        let mut layout = ForceAtlas2::new(Fa2Settings::default(), n, &edges);
        let positions: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let t = i as f32;
                [(t * 12.9898).sin() * 400.0, (t * 78.233).cos() * 400.0]
            })
            .collect();
        layout.set_positions(&positions);
        layout
    }

    #[test]
    fn barnes_hut_agrees_with_the_exact_force() {
        let mut layout = ring(300);
        layout.settings_mut().theta = 0.5;
        let exact = layout.exact_repulsion();
        layout.forces.iter_mut().for_each(|f| *f = [0.0, 0.0]);
        layout.repulsion();
        let (mut error, mut total) = (0.0f64, 0.0f64);
        for (approx, exact) in layout.forces.iter().zip(&exact) {
            error +=
                f64::from(((approx[0] - exact[0]).powi(2) + (approx[1] - exact[1]).powi(2)).sqrt());
            total += f64::from((exact[0].powi(2) + exact[1].powi(2)).sqrt());
        }
        assert!(error / total < 0.03, "relative error {}", error / total);
    }

    #[test]
    fn the_layout_settles() {
        let mut layout = ring(200);
        *layout.settings_mut() = Fa2Settings {
            lin_log: false,
            strong_gravity: false,
            gravity: 1.0,
            ..Fa2Settings::default()
        };
        layout.step();
        let early = layout.state().last_mean_displacement;
        for _ in 0..600 {
            layout.step();
        }
        let late = layout.state().last_mean_displacement;
        assert!(
            late < early * 0.05,
            "mean displacement went from {early} to {late}"
        );
        assert!(
            layout
                .positions()
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
    }

    #[test]
    fn linlog_comes_to_rest_as_the_step_cap_shrinks() {
        let extent = |layout: &ForceAtlas2| {
            let xs = layout.positions().iter().map(|p| p[0]);
            let ys = layout.positions().iter().map(|p| p[1]);
            let width =
                xs.clone().fold(f32::NEG_INFINITY, f32::max) - xs.fold(f32::INFINITY, f32::min);
            let height =
                ys.clone().fold(f32::NEG_INFINITY, f32::max) - ys.fold(f32::INFINITY, f32::min);
            width.hypot(height)
        };
        let mut layout = ring(200);
        layout.step();
        let early = layout.state().last_mean_displacement / extent(&layout);
        let mut temperature = 1.0;
        for _ in 0..600 {
            layout.step_with_cap(temperature);
            temperature *= 0.99;
        }
        let late = layout.state().last_mean_displacement / extent(&layout);
        assert!(
            late < early * 0.2,
            "relative mean displacement went from {early} to {late}"
        );
    }

    #[test]
    fn pinned_nodes_stay() {
        let mut layout = ring(50);
        let mut pinned = vec![false; 50];
        pinned[7] = true;
        layout.set_pinned(&pinned);
        let before = layout.positions()[7];
        for _ in 0..50 {
            layout.step();
        }
        assert_eq!(layout.positions()[7], before);
        assert_ne!(layout.positions()[8], ring(50).positions()[8]);
    }

    #[test]
    fn excluded_nodes_neither_pull_nor_push() {
        // Two nodes joined by an edge, far apart: the edge pulls them together...
        let settings = Fa2Settings::default();
        let start = [[0.0, 0.0], [100.0, 0.0], [50.0, 1.0]];
        let mut joined = ForceAtlas2::new(settings.clone(), 3, &[(0, 1)]);
        joined.set_positions(&start);
        let mut excluded = ForceAtlas2::new(settings, 3, &[(0, 1)]);
        excluded.set_positions(&start);
        // ...unless node 1 is left out (and held, as the caller does).
        excluded.set_excluded(&[false, true, false]);
        excluded.set_pinned(&[false, true, false]);
        for _ in 0..20 {
            joined.step();
            excluded.step();
        }
        assert!(joined.positions()[0][0] > 1.0, "pulled towards node 1");
        assert!(
            excluded.positions()[0][0] <= 0.0,
            "not pulled: {:?}",
            excluded.positions()[0]
        );
        // Node 2 sits beside the left-out node and is no longer pushed by it.
        let pushed = (joined.positions()[2][1] - 1.0).abs();
        let barely = (excluded.positions()[2][1] - 1.0).abs();
        assert!(barely < pushed, "{barely} < {pushed}");
        // Included again, its mass is back.
        excluded.set_excluded(&[false, false, false]);
        assert_eq!(excluded.masses(), joined.masses());
    }

    #[test]
    fn same_start_same_layout() {
        let (mut a, mut b) = (ring(120), ring(120));
        for _ in 0..100 {
            a.step();
            b.step();
        }
        assert_eq!(a.positions(), b.positions());
    }

    #[test]
    fn one_thread_or_many_same_layout() {
        let (mut many, mut one) = (ring(PARALLEL_FROM + 10), ring(PARALLEL_FROM + 10));
        many.set_max_threads(4);
        one.set_max_threads(1);
        for _ in 0..5 {
            many.step();
            one.step();
        }
        assert_eq!(many.positions(), one.positions());
    }

    #[test]
    fn coincident_nodes_do_not_break_the_tree() {
        let mut layout = ForceAtlas2::new(Fa2Settings::default(), 100, &[(0, 1)]);
        layout.set_positions(&vec![[5.0, 5.0]; 100]);
        for _ in 0..10 {
            layout.step();
        }
        assert!(
            layout
                .positions()
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
    }
}
