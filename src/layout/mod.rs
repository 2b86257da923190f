//! Where each entity sits on the canvas. Wraps `egui_graphs`' Fruchterman–Reingold layout (with
//! centre gravity) and adds what the app needs around it: deterministic start positions, pinned
//! nodes that the forces never move, cooling so the layout converges, and a clear "converged"
//! state after which it does no work at all (so an idle window uses no CPU).

use std::time::{Duration, Instant};

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{
    ForceAlgorithm, FruchtermanReingoldWithCenterGravity, FruchtermanReingoldWithCenterGravityState,
};
use petgraph::stable_graph::{NodeIndex, StableGraph};

use crate::model::{Dataset, EntityIdx, RelationIdx};

pub mod forceatlas2;
mod quadtree;

/// Ideal distance between linked nodes, in layout units.
const SPACING: f32 = 120.0;
/// Largest move of one node in one step at the start; it cools down from here.
const START_STEP: f32 = 12.0;
/// Each step's largest move is this fraction of the previous one's.
const COOLING: f32 = 0.995;
/// The layout has converged once the largest allowed move is this small...
const MIN_STEP: f32 = 0.05;
/// ...or once nodes move less than this on average.
const SETTLED_DISPLACEMENT: f32 = 0.01;
/// Closest two node centres may come, in layout units, so no node hides another.
const MIN_SEPARATION: f32 = 0.4 * SPACING;

/// Whether the layout is still moving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutPhase {
    /// Forces are being applied; the view must keep repainting.
    Running,
    /// The user paused it.
    Paused,
    /// Movement fell below the threshold; no more work until something changes.
    Converged,
    /// Too many nodes for this layout: each step compares every pair of nodes, so one step
    /// on a large graph would freeze the window. Nodes stay where they started.
    TooLarge,
}

/// The most nodes the live layout runs on (a step costs about `n²` pair comparisons).
pub const MAX_LAYOUT_NODES: usize = 2_500;

type ViewGraph = egui_graphs::Graph<EntityIdx, RelationIdx>;

/// A force-directed layout of one dataset.
pub struct ForceLayout {
    graph: ViewGraph,
    /// Node of entity `i` is `nodes[i]`.
    nodes: Vec<NodeIndex>,
    pinned: Vec<bool>,
    algorithm: FruchtermanReingoldWithCenterGravity,
    max_step: f32,
    phase: LayoutPhase,
    steps_taken: u64,
    canvas: Rect,
}

impl ForceLayout {
    /// Lays out `dataset`: saved positions are used and pinned; other entities start on a
    /// circle (deterministic, and never all at one point, which the forces cannot untangle).
    pub fn new(dataset: &Dataset) -> Self {
        let mut stable: StableGraph<EntityIdx, RelationIdx> = StableGraph::default();
        let nodes: Vec<NodeIndex> = (0..dataset.entities.len())
            .map(|i| stable.add_node(EntityIdx(i)))
            .collect();
        for (i, relation) in dataset.relations.iter().enumerate() {
            if let (Some(&a), Some(&b)) =
                (nodes.get(relation.source.0), nodes.get(relation.target.0))
            {
                stable.add_edge(a, b, RelationIdx(i));
            }
        }
        let mut graph = ViewGraph::from(&stable);
        let count = nodes.len().max(1) as f32;
        // A sunflower spiral: evenly spread at any size, deterministic, no two nodes together.
        let golden_angle = std::f32::consts::PI * (3.0 - 5.0_f32.sqrt());
        for (i, &node) in nodes.iter().enumerate() {
            let radius = SPACING * 0.8 * (i as f32 + 0.5).sqrt();
            let angle = i as f32 * golden_angle;
            if let Some(n) = graph.node_mut(node) {
                n.set_location(Pos2::new(radius * angle.cos(), radius * angle.sin()));
            }
        }
        let side = SPACING * count.sqrt();
        let mut layout = Self {
            graph,
            nodes,
            pinned: vec![false; dataset.entities.len()],
            algorithm: FruchtermanReingoldWithCenterGravity::from_state(Self::initial_state()),
            max_step: START_STEP,
            phase: LayoutPhase::Running,
            steps_taken: 0,
            canvas: Rect::from_center_size(Pos2::ZERO, Vec2::splat(side)),
        };
        for (entity, position) in &dataset.positions {
            layout.pin_at(*entity, Pos2::new(position.x, position.y));
        }
        if !layout.pinned.is_empty() && layout.pinned.iter().all(|&p| p) {
            layout.phase = LayoutPhase::Converged;
        }
        if layout.len() > MAX_LAYOUT_NODES {
            layout.phase = LayoutPhase::TooLarge;
        }
        layout
    }

    fn initial_state() -> FruchtermanReingoldWithCenterGravityState {
        let mut state = FruchtermanReingoldWithCenterGravityState::default();
        state.base.max_step = START_STEP;
        state.base.c_repulse = 2.0;
        state.extras.0.params.c = 0.05;
        state
    }

    /// Where `entity` is, in layout units.
    pub fn position(&self, entity: EntityIdx) -> Pos2 {
        self.nodes
            .get(entity.0)
            .and_then(|&node| self.graph.node(node))
            .map_or(Pos2::ZERO, egui_graphs::Node::location)
    }

    /// Number of entities laid out.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there is nothing to lay out.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The smallest rectangle holding every node, or `None` when there are none.
    pub fn bounds(&self) -> Option<Rect> {
        (0..self.len()).map(|i| self.position(EntityIdx(i))).fold(
            None,
            |bounds: Option<Rect>, p| {
                Some(bounds.map_or(Rect::from_min_max(p, p), |b| {
                    b.union(Rect::from_min_max(p, p))
                }))
            },
        )
    }

    /// The current phase.
    pub fn phase(&self) -> LayoutPhase {
        self.phase
    }

    /// Steps applied since the layout was created or restarted.
    pub fn steps_taken(&self) -> u64 {
        self.steps_taken
    }

    /// Stops applying forces until [`Self::resume`].
    pub fn pause(&mut self) {
        if self.phase != LayoutPhase::TooLarge {
            self.phase = LayoutPhase::Paused;
        }
    }

    /// Starts applying forces again, re-heated so nodes can find new places.
    pub fn resume(&mut self) {
        if self.phase != LayoutPhase::TooLarge {
            self.max_step = START_STEP;
            self.phase = LayoutPhase::Running;
        }
    }

    /// Whether `entity` is pinned (dragged or saved) and ignores the forces.
    pub fn is_pinned(&self, entity: EntityIdx) -> bool {
        self.pinned.get(entity.0).copied().unwrap_or(false)
    }

    /// Puts `entity` at `position` and keeps it there.
    pub fn pin_at(&mut self, entity: EntityIdx, position: Pos2) {
        let Some(&node) = self.nodes.get(entity.0) else {
            return;
        };
        if let Some(n) = self.graph.node_mut(node) {
            n.set_location(position);
        }
        if let Some(pinned) = self.pinned.get_mut(entity.0) {
            *pinned = true;
        }
    }

    /// Lets the forces move `entity` again, and wakes the layout gently so it can.
    pub fn unpin(&mut self, entity: EntityIdx) {
        if let Some(pinned) = self.pinned.get_mut(entity.0) {
            *pinned = false;
        }
        self.reheat();
    }

    /// Moving a node disturbs its neighbours: let the layout adjust around it, gently.
    pub fn reheat(&mut self) {
        if !matches!(self.phase, LayoutPhase::Paused | LayoutPhase::TooLarge) {
            self.max_step = self.max_step.max(START_STEP / 3.0);
            self.phase = LayoutPhase::Running;
        }
    }

    /// Runs steps until `budget` is spent or the layout converges. Returns the steps taken.
    pub fn advance(&mut self, budget: Duration) -> u32 {
        let start = Instant::now();
        let mut steps = 0;
        while self.phase == LayoutPhase::Running && start.elapsed() < budget {
            self.step();
            steps += 1;
        }
        steps
    }

    /// Runs until converged or `max_steps` steps, whichever comes first.
    pub fn settle(&mut self, max_steps: u32) {
        for _ in 0..max_steps {
            if self.phase != LayoutPhase::Running {
                break;
            }
            self.step();
        }
    }

    /// One step of the forces; pinned nodes are put back where they were.
    pub fn step(&mut self) {
        if self.phase != LayoutPhase::Running || self.nodes.is_empty() {
            return;
        }
        let pinned: Vec<(NodeIndex, Pos2)> = self
            .nodes
            .iter()
            .zip(&self.pinned)
            .filter(|(_, pinned)| **pinned)
            .filter_map(|(&node, _)| self.graph.node(node).map(|n| (node, n.location())))
            .collect();

        let mut state = self.algorithm.state();
        state.base.max_step = self.max_step;
        self.algorithm = FruchtermanReingoldWithCenterGravity::from_state(state);
        self.algorithm.step(&mut self.graph, self.canvas);

        for (node, location) in pinned {
            if let Some(n) = self.graph.node_mut(node) {
                n.set_location(location);
            }
        }
        self.separate_overlapping_nodes();
        self.steps_taken += 1;
        self.max_step *= COOLING;
        let displacement = self
            .algorithm
            .state()
            .base
            .last_avg_displacement
            .unwrap_or(0.0);
        if self.max_step < MIN_STEP || displacement < SETTLED_DISPLACEMENT {
            self.phase = LayoutPhase::Converged;
        }
    }
}

impl ForceLayout {
    /// Pushes apart nodes closer than [`MIN_SEPARATION`]: the forces alone let a leaf sit on
    /// top of a hub, hiding it. Pinned nodes stay put; the other node moves the whole way.
    fn separate_overlapping_nodes(&mut self) {
        let mut positions: Vec<Pos2> = (0..self.len())
            .map(|i| self.position(EntityIdx(i)))
            .collect();
        let mut moved = false;
        for i in 0..positions.len() {
            for j in (i + 1)..positions.len() {
                let delta = positions[j] - positions[i];
                let distance = delta.length();
                if distance >= MIN_SEPARATION {
                    continue;
                }
                // Coincident nodes are split along a fixed, index-dependent direction.
                let direction = if distance > 1e-3 {
                    delta / distance
                } else {
                    Vec2::angled(i as f32 * 2.399 + j as f32)
                };
                let push = direction * (MIN_SEPARATION - distance);
                match (self.pinned[i], self.pinned[j]) {
                    (true, true) => continue,
                    (true, false) => positions[j] += push,
                    (false, true) => positions[i] -= push,
                    (false, false) => {
                        positions[i] -= push * 0.5;
                        positions[j] += push * 0.5;
                    }
                }
                moved = true;
            }
        }
        if moved {
            for (node, position) in self.nodes.iter().zip(positions) {
                if let Some(n) = self.graph.node_mut(*node) {
                    n.set_location(position);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn builtin() -> Dataset {
        formats::load_builtin()
            .expect("built-in dataset loads")
            .dataset
    }

    #[test]
    fn layout_converges_and_then_stops() {
        let mut layout = ForceLayout::new(&builtin());
        layout.settle(5_000);
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        let before: Vec<Pos2> = (0..layout.len())
            .map(|i| layout.position(EntityIdx(i)))
            .collect();
        layout.step();
        let after: Vec<Pos2> = (0..layout.len())
            .map(|i| layout.position(EntityIdx(i)))
            .collect();
        assert_eq!(before, after, "a converged layout does no more work");
    }

    #[test]
    fn pinned_node_does_not_move() {
        let mut layout = ForceLayout::new(&builtin());
        let pinned = EntityIdx(0);
        layout.pin_at(pinned, Pos2::new(500.0, -300.0));
        layout.settle(200);
        assert_eq!(layout.position(pinned), Pos2::new(500.0, -300.0));
    }

    #[test]
    fn layout_is_deterministic() {
        let mut a = ForceLayout::new(&builtin());
        let mut b = ForceLayout::new(&builtin());
        a.settle(100);
        b.settle(100);
        for i in 0..a.len() {
            assert_eq!(a.position(EntityIdx(i)), b.position(EntityIdx(i)));
        }
    }

    #[test]
    fn no_node_hides_another() {
        let mut layout = ForceLayout::new(&builtin());
        layout.settle(5_000);
        for i in 0..layout.len() {
            for j in (i + 1)..layout.len() {
                let distance = layout
                    .position(EntityIdx(i))
                    .distance(layout.position(EntityIdx(j)));
                assert!(
                    distance > MIN_SEPARATION * 0.5,
                    "nodes {i} and {j} are {distance} apart"
                );
            }
        }
    }

    #[test]
    fn a_graph_too_large_for_the_layout_never_runs_it() {
        let big = crate::generate::generate(crate::generate::GraphSpec {
            nodes: MAX_LAYOUT_NODES + 1,
            edges: 10,
            communities: 0,
            seed: 1,
        });
        let mut layout = ForceLayout::new(&big);
        assert_eq!(layout.phase(), LayoutPhase::TooLarge);
        layout.resume();
        layout.reheat();
        assert_eq!(layout.phase(), LayoutPhase::TooLarge);
        let before = layout.position(EntityIdx(0));
        layout.step();
        assert_eq!(layout.position(EntityIdx(0)), before);
    }

    #[test]
    fn nodes_spread_out() {
        let mut layout = ForceLayout::new(&builtin());
        layout.settle(5_000);
        let bounds = layout.bounds().expect("nodes exist");
        assert!(
            bounds.width() > SPACING && bounds.height() > SPACING,
            "{bounds:?}"
        );
        for i in 0..layout.len() {
            let p = layout.position(EntityIdx(i));
            assert!(p.x.is_finite() && p.y.is_finite());
        }
    }
}
