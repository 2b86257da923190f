//! Where each entity sits on the canvas. Two engines: Chainsight's ForceAtlas2 with
//! Barnes–Hut repulsion (the default; `n log n` per step) and egui_graphs' Fruchterman–Reingold
//! (kept for comparison; `n²` per step, so small graphs only). Around them: deterministic start
//! positions, pinned nodes that the forces never move, nodes kept from hiding one another,
//! annealing so the layout comes to rest, and a "converged" state after which it does no work
//! at all (so an idle window uses no CPU and asks for no frames).
//!
//! Positions live in a plain vector, one per entity. Fruchterman–Reingold steps an
//! `egui_graphs::Graph`, built only when that engine runs (small graphs), so opening a
//! 500,000-edge file does not build a display graph nobody steps. The window never steps
//! a [`ForceLayout`] itself: [`worker`] runs it on its own thread, and the rest of the program
//! holds a [`LayoutHandle`] that reads the worker's latest snapshot.

use std::time::{Duration, Instant};

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{
    ForceAlgorithm, FruchtermanReingoldWithCenterGravity, FruchtermanReingoldWithCenterGravityState,
};
use petgraph::stable_graph::{NodeIndex, StableGraph};

use crate::model::{Dataset, EntityIdx, Position, RelationIdx};

pub mod cell_grid;
pub mod forceatlas2;
pub mod multilevel;
mod quadtree;
pub mod worker;

use cell_grid::CellGrid;
use forceatlas2::{Fa2Settings, ForceAtlas2};
use multilevel::Multilevel;
pub use worker::{LayoutHandle, Positions};

/// Ideal distance between linked nodes at the start, in layout units.
const SPACING: f32 = 120.0;
/// Fruchterman–Reingold: largest move of one node in one step at the start; it cools down.
const START_STEP: f32 = 12.0;
/// Fruchterman–Reingold: each step's largest move is this fraction of the previous one's.
const COOLING: f32 = 0.995;
/// Fruchterman–Reingold has converged once the largest allowed move is this small...
const MIN_STEP: f32 = 0.05;
/// ...or once nodes move less than this on average.
const SETTLED_DISPLACEMENT: f32 = 0.01;
/// ForceAtlas2 runs freely this many steps, then anneals: each step may move nodes a little
/// less than the one before, until they rest.
const FA2_FREE_STEPS: u64 = 250;
/// ForceAtlas2's annealing: the step cap shrinks by this factor per step...
const FA2_ANNEALING: f32 = 0.985;
/// ...and the layout has converged once the cap is this small, or once nodes move less than
/// this fraction of the layout's size per step.
const FA2_MIN_TEMPERATURE: f32 = 0.02;
const FA2_SETTLED_FRACTION: f32 = 2e-5;

/// From this many nodes on, the layout starts from a multilevel ForceAtlas2 layout
/// ([`multilevel`]) rather than the sunflower spiral: untangling a big graph one node at a time
/// takes minutes, coarse to fine takes seconds.
pub const MULTILEVEL_FROM: usize = 2_000;
/// Seed of the multilevel layout's coarsening and jitter (fixed: the same file, the same picture).
const MULTILEVEL_SEED: u64 = 1;
/// After a multilevel start the live layout only anneals, from this step cap: the big moves
/// have been made, and a hotter start scrambles them. From 0.1 (107 steps to rest), the
/// planted communities of `bench layout` lost more of their coherence at rest (10k: 0.86
/// against 0.90 now) and took three times as long to get there (100k: 22 s against 8 s).
const FA2_MULTILEVEL_TEMPERATURE: f32 = 0.03;

/// The most nodes the live layout runs on with each engine.
pub const MAX_LAYOUT_NODES: usize = 200_000;
/// Fruchterman–Reingold compares every pair of nodes each step: small graphs only.
pub const MAX_FR_NODES: usize = 2_500;

/// How far the typical spacing of saved positions may be from [`SPACING`] (either way)
/// before they are scaled to it.
const SAVED_SCALE_TOLERANCE: f32 = 4.0;

/// Saved positions, scaled to this layout where they come at another tool's scale: Pajek's
/// and networkx's between 0 and 1 would pile every node on one spot, and coordinates in the
/// tens of thousands would scatter them out of sight. Where their typical spacing (the side
/// of the square each node would have in their bounding box) is more than
/// [`SAVED_SCALE_TOLERANCE`] times from [`SPACING`], they are scaled about their centre to
/// it; a layout Chainsight saved is left exactly as it was.
pub fn saved_positions_at_layout_scale(saved: &[(EntityIdx, Position)]) -> Vec<(EntityIdx, Pos2)> {
    let points: Vec<(EntityIdx, Pos2)> = saved
        .iter()
        .map(|(entity, p)| (*entity, Pos2::new(p.x, p.y)))
        .collect();
    let bounds = Rect::from_points(&points.iter().map(|(_, p)| *p).collect::<Vec<_>>());
    let count = points.len() as f32;
    let (width, height) = (bounds.width(), bounds.height());
    // A line of nodes has no area: then the length each node has along it.
    let spacing = if width > 0.0 && height > 0.0 {
        (width * height / count).sqrt()
    } else {
        width.max(height) / count
    };
    if points.len() < 2
        || !spacing.is_finite()
        || spacing <= 0.0
        || (SPACING / SAVED_SCALE_TOLERANCE..=SPACING * SAVED_SCALE_TOLERANCE).contains(&spacing)
    {
        return points;
    }
    let scale = SPACING / spacing;
    let centre = bounds.center();
    points
        .into_iter()
        .map(|(entity, p)| (entity, centre + (p - centre) * scale))
        .collect()
}

/// Where nodes start before any force acts: a sunflower spiral, evenly spread at any size,
/// deterministic, and never two nodes at one point (which no force can pull apart).
pub fn start_positions(count: usize) -> Vec<Pos2> {
    let golden_angle = std::f32::consts::PI * (3.0 - 5.0_f32.sqrt());
    (0..count)
        .map(|i| {
            let radius = SPACING * 0.8 * (i as f32 + 0.5).sqrt();
            let angle = i as f32 * golden_angle;
            Pos2::new(radius * angle.cos(), radius * angle.sin())
        })
        .collect()
}

/// The entities each relation of `dataset` joins, as indexes: what a re-layout needs of it.
fn relation_pairs(dataset: &Dataset) -> Vec<(usize, usize)> {
    dataset
        .relations
        .iter()
        .map(|r| (r.source.0, r.target.0))
        .collect()
}

/// Which algorithm moves the nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Chainsight's ForceAtlas2 with Barnes–Hut repulsion.
    ForceAtlas2,
    /// egui_graphs' Fruchterman–Reingold with centre gravity.
    FruchtermanReingold,
}

impl Engine {
    /// The name shown in menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::ForceAtlas2 => "ForceAtlas2 (Barnes–Hut)",
            Self::FruchtermanReingold => "Fruchterman–Reingold",
        }
    }
}

/// Whether the layout is still moving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutPhase {
    /// Forces are being applied; the view must keep repainting.
    Running,
    /// The user paused it.
    Paused,
    /// Movement fell below the threshold; no more work until something changes.
    Converged,
    /// Too many nodes for the chosen engine; nodes stay where they started.
    TooLarge,
}

type ViewGraph = egui_graphs::Graph<EntityIdx, RelationIdx>;

/// The whole layout at one moment, to go back to.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutSnapshot {
    positions: Vec<Pos2>,
    pinned: Vec<bool>,
    engine: Engine,
    /// Whether the layout had come to rest: it is put back at rest, not paused ("Resume
    /// layout" had been offered on a map that had long settled).
    at_rest: bool,
}

/// A force-directed layout of one dataset.
pub struct ForceLayout {
    /// Where entity `i` is, in layout units.
    positions: Vec<Pos2>,
    /// The entities each relation joins, by index.
    pairs: Vec<(usize, usize)>,
    /// Fruchterman–Reingold's graph, built when that engine first steps; node of entity `i`
    /// is its `i`-th node.
    fr_graph: Option<(ViewGraph, Vec<NodeIndex>)>,
    pinned: Vec<bool>,
    /// Entities left out of the layout (hidden by filters, time or focus): held still and
    /// exerting no force on the rest. ForceAtlas2 only; Fruchterman–Reingold ignores it.
    excluded: Vec<bool>,
    engine: Engine,
    fr: FruchtermanReingoldWithCenterGravity,
    fr_max_step: f32,
    fa2: ForceAtlas2,
    /// ForceAtlas2's step cap, 1 when free, shrinking while annealing.
    fa2_temperature: f32,
    fa2_free_steps_left: u64,
    phase: LayoutPhase,
    steps_taken: u64,
    /// Counts changes of positions, so that views can tell when to re-index them.
    generation: u64,
    canvas: Rect,
    /// Where a big network's multilevel start stands. The layout's first steps compute it, a
    /// slice at a time, on the layout's worker: a big network is drawn at once (on its
    /// spiral), the picture forms coarse to fine, and messages are heard between slices.
    multilevel: MultilevelStart,
}

/// Where a multilevel start stands.
enum MultilevelStart {
    /// None to compute: a small network, saved positions, or done.
    None,
    /// To compute: the next step builds the hierarchy.
    Pending,
    /// Under way: each step runs a slice of it ([`MULTILEVEL_SLICE`]).
    Running(Box<Multilevel>, SliceLog),
}

/// How the slices of a multilevel start went, for the debug log.
struct SliceLog {
    started: Instant,
    slices: u32,
    longest: Duration,
}

/// Node-steps of multilevel work in one step of a layout preparing its multilevel start: the
/// coarse levels go by in a few slices, the original graph a step at a time, so the worker
/// looks at its messages (pause, pin, stop) about as often as one step of the original graph
/// takes.
const MULTILEVEL_SLICE: usize = 100_000;

impl ForceLayout {
    /// Lays out `dataset` with ForceAtlas2: saved positions are used and pinned; other
    /// entities start on a sunflower spiral and, from [`MULTILEVEL_FROM`] entities on (unless
    /// every one has a saved position), move in the first step to where a multilevel
    /// ForceAtlas2 layout puts them, which takes a few seconds at 100,000 entities.
    pub fn new(dataset: &Dataset) -> Self {
        let count = dataset.entities.len();
        let pairs: Vec<(usize, usize)> = relation_pairs(dataset)
            .into_iter()
            .filter(|&(source, target)| source < count && target < count)
            .collect();
        let multilevel_start = Self::starts_multilevel(count, dataset.positions.len());
        let side = SPACING * (count.max(1) as f32).sqrt();
        let mut layout = Self {
            positions: start_positions(count),
            fr_graph: None,
            pinned: vec![false; count],
            excluded: vec![false; count],
            engine: Engine::ForceAtlas2,
            fr: FruchtermanReingoldWithCenterGravity::from_state(Self::fr_state()),
            fr_max_step: START_STEP,
            fa2: ForceAtlas2::new(Fa2Settings::default(), count, &pairs),
            multilevel: if multilevel_start {
                MultilevelStart::Pending
            } else {
                MultilevelStart::None
            },
            pairs,
            fa2_temperature: if multilevel_start {
                FA2_MULTILEVEL_TEMPERATURE
            } else {
                1.0
            },
            fa2_free_steps_left: if multilevel_start { 0 } else { FA2_FREE_STEPS },
            phase: LayoutPhase::Running,
            steps_taken: 0,
            generation: 0,
            canvas: Rect::from_center_size(Pos2::ZERO, Vec2::splat(side)),
        };
        // Saved positions are pinned in one go: pinning one at a time re-syncs the forces each
        // time, quadratic in a file that saves 100,000 positions.
        for (entity, position) in saved_positions_at_layout_scale(&dataset.positions) {
            if let (Some(at), Some(pinned)) = (
                layout.positions.get_mut(entity.0),
                layout.pinned.get_mut(entity.0),
            ) {
                *at = position;
                *pinned = true;
            }
        }
        layout.sync_fa2_from_graph();
        if !layout.pinned.is_empty() && layout.pinned.iter().all(|&p| p) {
            layout.phase = LayoutPhase::Converged;
        }
        layout.check_size();
        layout
    }

    /// Whether `count` entities, `saved` of them with saved positions, start from a multilevel
    /// layout rather than the spiral.
    fn starts_multilevel(count: usize, saved: usize) -> bool {
        (MULTILEVEL_FROM..=MAX_LAYOUT_NODES).contains(&count) && saved < count
    }

    /// Whether the layout is still computing its multilevel start.
    pub fn is_preparing(&self) -> bool {
        !matches!(self.multilevel, MultilevelStart::None)
    }

    /// One slice of the multilevel start: the first builds the hierarchy, the next ones run
    /// [`MULTILEVEL_SLICE`] node-steps each, and every one moves the nodes that are not
    /// pinned to where the multilevel layout has them so far. After the last, ForceAtlas2
    /// only anneals: the big moves have been made. Counts as one step when it ends.
    fn step_multilevel(&mut self) {
        let slice_start = Instant::now();
        let (multilevel, mut log) =
            match std::mem::replace(&mut self.multilevel, MultilevelStart::None) {
                MultilevelStart::None => return,
                MultilevelStart::Pending => {
                    let multilevel = Box::new(Multilevel::start_with(
                        self.len(),
                        &self.pairs,
                        &Fa2Settings::default(),
                        MULTILEVEL_SEED,
                        &multilevel::MultilevelOptions::default(),
                    ));
                    let log = SliceLog {
                        started: slice_start,
                        slices: 0,
                        longest: Duration::ZERO,
                    };
                    (multilevel, log)
                }
                MultilevelStart::Running(mut multilevel, log) => {
                    let mut work = 0;
                    while !multilevel.is_done() && work < MULTILEVEL_SLICE {
                        work += multilevel.level_nodes().max(1);
                        multilevel.step();
                    }
                    (multilevel, log)
                }
            };
        let positions = multilevel.positions();
        for ((position, p), &pinned) in self.positions.iter_mut().zip(positions).zip(&self.pinned) {
            if !pinned {
                *position = Pos2::new(p[0], p[1]);
            }
        }
        self.generation += 1;
        log.slices += 1;
        log.longest = log.longest.max(slice_start.elapsed());
        if multilevel.is_done() {
            self.sync_fa2_from_graph();
            self.fa2_temperature = FA2_MULTILEVEL_TEMPERATURE;
            self.fa2_free_steps_left = 0;
            self.steps_taken += 1;
            log::debug!(
                "multilevel start of {} nodes: {} slices in {:.2} s, the longest {:.0} ms",
                self.len(),
                log.slices,
                log.started.elapsed().as_secs_f64(),
                log.longest.as_secs_f64() * 1000.0
            );
        } else {
            self.multilevel = MultilevelStart::Running(multilevel, log);
        }
    }

    fn fr_state() -> FruchtermanReingoldWithCenterGravityState {
        let mut state = FruchtermanReingoldWithCenterGravityState::default();
        state.base.max_step = START_STEP;
        state.base.c_repulse = 2.0;
        state.extras.0.params.c = 0.05;
        state
    }

    fn check_size(&mut self) {
        let limit = match self.engine {
            Engine::ForceAtlas2 => MAX_LAYOUT_NODES,
            Engine::FruchtermanReingold => MAX_FR_NODES,
        };
        if self.len() > limit {
            self.phase = LayoutPhase::TooLarge;
        } else if self.phase == LayoutPhase::TooLarge {
            self.phase = LayoutPhase::Paused;
        }
    }

    /// The engine moving the nodes.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The most nodes `engine` runs on.
    pub fn engine_limit(engine: Engine) -> usize {
        match engine {
            Engine::ForceAtlas2 => MAX_LAYOUT_NODES,
            Engine::FruchtermanReingold => MAX_FR_NODES,
        }
    }

    /// Switches engine and runs it from the current positions.
    pub fn set_engine(&mut self, engine: Engine) {
        if engine == self.engine {
            return;
        }
        self.engine = engine;
        self.sync_fa2_from_graph();
        self.check_size();
        self.run_in_full();
    }

    /// Every node's position, whether it is pinned, and the engine: what undoing a layout
    /// run puts back.
    pub fn snapshot(&self) -> LayoutSnapshot {
        LayoutSnapshot {
            positions: (0..self.len())
                .map(|i| self.position(EntityIdx(i)))
                .collect(),
            pinned: self.pinned.clone(),
            engine: self.engine,
            at_rest: self.phase == LayoutPhase::Converged,
        }
    }

    /// Puts every node back where `snapshot` had it, pinned as it was, and holds the layout
    /// still there (at rest if it was, else paused) so what comes back is what was seen.
    pub fn restore(&mut self, snapshot: &LayoutSnapshot) {
        if snapshot.positions.len() != self.len() {
            return;
        }
        self.positions.clone_from(&snapshot.positions);
        self.pinned.clone_from(&snapshot.pinned);
        self.engine = snapshot.engine;
        self.multilevel = MultilevelStart::None;
        self.sync_fa2_from_graph();
        self.generation += 1;
        self.phase = if snapshot.at_rest {
            LayoutPhase::Converged
        } else {
            LayoutPhase::Paused
        };
        self.check_size();
    }

    /// Runs the forces again from where the nodes are, gently: no free phase, a low step cap
    /// that anneals, so the map the user has learned tightens rather than reshuffles.
    pub fn rerun(&mut self) {
        if self.phase != LayoutPhase::TooLarge {
            self.fr_max_step = START_STEP / 3.0;
            self.fa2_temperature = 0.3;
            self.fa2_free_steps_left = 0;
            self.phase = LayoutPhase::Running;
        }
    }

    /// Lays the network out from scratch: every node that is not pinned goes back to where a
    /// new layout starts (the spiral, or a multilevel layout for big networks) and the forces
    /// run in full.
    pub fn relayout(&mut self, dataset: &Dataset) {
        if dataset.entities.len() != self.len() {
            return;
        }
        self.relayout_pairs(&relation_pairs(dataset));
    }

    /// [`Self::relayout`] of the network whose relations join the entities of `pairs`.
    fn relayout_pairs(&mut self, pairs: &[(usize, usize)]) {
        if self.phase == LayoutPhase::TooLarge {
            return;
        }
        let pairs: Vec<(usize, usize)> = pairs
            .iter()
            .copied()
            .filter(|&(source, target)| source < self.len() && target < self.len())
            .collect();
        let pinned = self.pinned.iter().filter(|&&p| p).count();
        let multilevel_start = Self::starts_multilevel(self.len(), pinned);
        let start = start_positions(self.len());
        for ((position, start), &pinned) in self.positions.iter_mut().zip(start).zip(&self.pinned) {
            if !pinned {
                *position = start;
            }
        }
        self.sync_fa2_from_graph();
        self.generation += 1;
        self.run_in_full();
        self.multilevel = if multilevel_start {
            MultilevelStart::Pending
        } else {
            MultilevelStart::None
        };
        // The relations laid out from now on (Fruchterman–Reingold's graph is rebuilt from
        // them when it next steps).
        self.pairs = pairs;
        self.fr_graph = None;
    }

    /// Changes of positions so far; equal counts mean equal positions.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn sync_fa2_from_graph(&mut self) {
        let positions: Vec<[f32; 2]> = (0..self.len())
            .map(|i| {
                let p = self.position(EntityIdx(i));
                [p.x, p.y]
            })
            .collect();
        self.fa2.set_positions(&positions);
        self.sync_fa2_pins();
    }

    /// ForceAtlas2 holds still what the user pinned and what the view leaves out.
    fn sync_fa2_pins(&mut self) {
        let held: Vec<bool> = self
            .pinned
            .iter()
            .zip(&self.excluded)
            .map(|(&pinned, &excluded)| pinned || excluded)
            .collect();
        self.fa2.set_pinned(&held);
        self.fa2.set_excluded(&self.excluded);
    }

    /// Leaves the marked entities out of the layout (`true`: hidden by the view), or brings
    /// them back. A layout at rest is not woken: hiding a kind should not rearrange the map
    /// the analyst has learned; a run already going, or the next re-run, arranges the rest
    /// without them.
    pub fn set_excluded(&mut self, excluded: &[bool]) {
        let mut wanted = excluded.to_vec();
        wanted.resize(self.pinned.len(), false);
        if wanted == self.excluded {
            return;
        }
        self.excluded = wanted;
        self.sync_fa2_pins();
    }

    /// Whether `entity` is left out of the layout.
    pub fn is_excluded(&self, entity: EntityIdx) -> bool {
        self.excluded.get(entity.0).copied().unwrap_or(false)
    }

    fn sync_graph_from_fa2(&mut self) {
        for (position, p) in self.positions.iter_mut().zip(self.fa2.positions()) {
            *position = Pos2::new(p[0], p[1]);
        }
    }

    /// Where `entity` is, in layout units.
    pub fn position(&self, entity: EntityIdx) -> Pos2 {
        self.positions.get(entity.0).copied().unwrap_or(Pos2::ZERO)
    }

    /// Every entity's position, by entity index.
    pub fn positions(&self) -> &[Pos2] {
        &self.positions
    }

    /// Number of entities laid out.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there is nothing to lay out.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
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

    /// Steps applied since the layout was created.
    pub fn steps_taken(&self) -> u64 {
        self.steps_taken
    }

    /// Stops applying forces until [`Self::resume`].
    pub fn pause(&mut self) {
        if self.phase != LayoutPhase::TooLarge {
            self.phase = LayoutPhase::Paused;
        }
    }

    /// Goes on from where a pause left off (a converged layout re-runs gently,
    /// [`Self::rerun`]).
    pub fn resume(&mut self) {
        match self.phase {
            LayoutPhase::Paused => self.phase = LayoutPhase::Running,
            LayoutPhase::Converged => self.rerun(),
            LayoutPhase::Running | LayoutPhase::TooLarge => {}
        }
    }

    /// Runs the forces in full from where the nodes are, free at first and then annealing,
    /// so nodes can find new places (after a change of engine, or of what is pinned).
    pub fn run_in_full(&mut self) {
        if self.phase != LayoutPhase::TooLarge {
            self.fr_max_step = START_STEP;
            self.fa2_temperature = 1.0;
            self.fa2_free_steps_left = FA2_FREE_STEPS;
            self.phase = LayoutPhase::Running;
        }
    }

    /// Whether `entity` is pinned (dragged or saved) and ignores the forces.
    pub fn is_pinned(&self, entity: EntityIdx) -> bool {
        self.pinned.get(entity.0).copied().unwrap_or(false)
    }

    /// Puts `entity` at `position` and keeps it there.
    pub fn pin_at(&mut self, entity: EntityIdx, position: Pos2) {
        let Some(at) = self.positions.get_mut(entity.0) else {
            return;
        };
        *at = position;
        if let Some(pinned) = self.pinned.get_mut(entity.0) {
            *pinned = true;
        }
        self.sync_fa2_from_graph();
        self.generation += 1;
    }

    /// Lets the forces move `entity` again, and wakes the layout gently so it can.
    pub fn unpin(&mut self, entity: EntityIdx) {
        if let Some(pinned) = self.pinned.get_mut(entity.0) {
            *pinned = false;
        }
        self.sync_fa2_pins();
        self.reheat();
    }

    /// Lets the forces move `entity` again without waking the layout: for an undone drag,
    /// whose node is back where the layout left it, so a layout at rest stays at rest (a
    /// reheat there had shifted every node, and the map the user had learned with it).
    pub fn release(&mut self, entity: EntityIdx) {
        if let Some(pinned) = self.pinned.get_mut(entity.0) {
            *pinned = false;
        }
        self.sync_fa2_pins();
    }

    /// Moving a node disturbs its neighbours: let the layout adjust around it, gently.
    pub fn reheat(&mut self) {
        if !matches!(self.phase, LayoutPhase::Paused | LayoutPhase::TooLarge) {
            self.fr_max_step = self.fr_max_step.max(START_STEP / 3.0);
            self.fa2_temperature = self.fa2_temperature.max(0.3);
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

    /// One step of the forces; pinned nodes stay where they are.
    pub fn step(&mut self) {
        if self.phase != LayoutPhase::Running || self.positions.is_empty() {
            return;
        }
        if self.is_preparing() {
            self.step_multilevel();
            return;
        }
        match self.engine {
            Engine::ForceAtlas2 => self.step_fa2(),
            Engine::FruchtermanReingold => self.step_fr(),
        }
        self.steps_taken += 1;
        self.generation += 1;
    }

    fn step_fa2(&mut self) {
        self.fa2.step_with_cap(self.fa2_temperature);
        if self.fa2_free_steps_left > 0 {
            self.fa2_free_steps_left -= 1;
        } else {
            self.fa2_temperature *= FA2_ANNEALING;
        }
        self.sync_graph_from_fa2();
        let extent = self.bounds().map_or(1.0, |b| b.size().length().max(1e-3));
        let annealing = self.fa2_free_steps_left == 0;
        if annealing {
            // Near the end, nobody hides behind anybody.
            self.separate_overlapping_nodes(extent);
        }
        let settled = self.fa2.state().last_mean_displacement < FA2_SETTLED_FRACTION * extent;
        if self.fa2_temperature < FA2_MIN_TEMPERATURE || (annealing && settled) {
            self.separate_until_clear();
            self.phase = LayoutPhase::Converged;
        }
    }

    fn step_fr(&mut self) {
        let pairs = &self.pairs;
        let count = self.positions.len();
        let (graph, nodes) = self.fr_graph.get_or_insert_with(|| {
            let mut stable: StableGraph<EntityIdx, RelationIdx> = StableGraph::default();
            let nodes: Vec<NodeIndex> = (0..count).map(|i| stable.add_node(EntityIdx(i))).collect();
            for (i, &(source, target)) in pairs.iter().enumerate() {
                stable.add_edge(nodes[source], nodes[target], RelationIdx(i));
            }
            (ViewGraph::from(&stable), nodes)
        });
        for (&node, &position) in nodes.iter().zip(&self.positions) {
            if let Some(n) = graph.node_mut(node) {
                n.set_location(position);
            }
        }
        let mut state = self.fr.state();
        state.base.max_step = self.fr_max_step;
        self.fr = FruchtermanReingoldWithCenterGravity::from_state(state);
        self.fr.step(graph, self.canvas);
        // Pinned nodes stay where they are; the rest go where the step put them.
        for ((position, &node), &pinned) in self
            .positions
            .iter_mut()
            .zip(nodes.iter())
            .zip(&self.pinned)
        {
            if !pinned && let Some(n) = graph.node(node) {
                *position = n.location();
            }
        }
        self.fr_max_step *= COOLING;
        let displacement = self.fr.state().base.last_avg_displacement.unwrap_or(0.0);
        if self.fr_max_step < MIN_STEP || displacement < SETTLED_DISPLACEMENT {
            self.separate_until_clear();
            self.phase = LayoutPhase::Converged;
        }
        self.sync_fa2_from_graph();
    }

    /// The closest two node centres may come: what each node would have if they were spread
    /// evenly over the layout, so the rule holds at any scale and any zoom that fits it.
    fn separation(&self, extent: f32) -> f32 {
        0.45 * extent / (self.len().max(1) as f32).sqrt()
    }

    /// Pushes apart nodes closer than [`Self::separation`]: the forces alone let a leaf sit on
    /// top of a hub, hiding it. A grid of that cell size finds close pairs in linear time.
    /// Pinned nodes stay put; the other node moves the whole way.
    fn separate_overlapping_nodes(&mut self, extent: f32) -> bool {
        let separation = self.separation(extent);
        if separation <= 0.0 || !separation.is_finite() {
            return false;
        }
        let mut positions: Vec<Pos2> = (0..self.len())
            .map(|i| self.position(EntityIdx(i)))
            .collect();
        // What the view hides is out of the layout: it neither moves nor pushes.
        let held_in = |i: usize| !self.excluded[i];
        let Some(grid) = CellGrid::new(&positions, separation, held_in) else {
            return false;
        };
        let mut moved = false;
        for i in 0..positions.len() {
            if self.excluded[i] {
                continue;
            }
            for others in grid.around(positions[i]) {
                for &j in grid.members[others].iter().filter(|&&j| j as usize > i) {
                    let j = j as usize;
                    let delta = positions[j] - positions[i];
                    let distance = delta.length();
                    if distance >= separation {
                        continue;
                    }
                    // Coincident nodes are split along a fixed, index-dependent direction.
                    let direction = if distance > 1e-3 {
                        delta / distance
                    } else {
                        Vec2::angled(i as f32 * 2.399 + j as f32)
                    };
                    let push = direction * (separation - distance);
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
        }
        if moved {
            self.positions = positions;
            self.sync_fa2_from_graph();
        }
        moved
    }

    /// Separates until no two nodes are too close (a push can create a new close pair, so one
    /// pass is not always enough), within a bounded number of passes.
    fn separate_until_clear(&mut self) {
        for _ in 0..50 {
            let extent = self.bounds().map_or(1.0, |b| b.size().length().max(1e-3));
            if !self.separate_overlapping_nodes(extent) {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(points: &[(f32, f32)]) -> Vec<(EntityIdx, Position)> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| (EntityIdx(i), Position { x, y }))
            .collect()
    }

    #[test]
    fn saved_positions_at_another_scale_are_scaled_to_the_layout_about_their_centre() {
        // Pajek's unit square: four corners, each node's square a quarter of it.
        let scaled = saved_positions_at_layout_scale(&saved(&[
            (0.0, 0.0),
            (1.0, 0.0),
            (0.0, 1.0),
            (1.0, 1.0),
        ]));
        let points: Vec<Pos2> = scaled.iter().map(|(_, p)| *p).collect();
        // Spacing 0.5 becomes SPACING: the side of 1 becomes 2 × SPACING.
        assert_eq!(points[0], Pos2::new(0.5 - SPACING, 0.5 - SPACING));
        assert_eq!(points[3], Pos2::new(0.5 + SPACING, 0.5 + SPACING));
        // Nodes on a line, far apart.
        let line = saved_positions_at_layout_scale(&saved(&[(0.0, 0.0), (1.0e6, 0.0)]));
        assert_eq!(line[1].1.x - line[0].1.x, 2.0 * SPACING);
    }

    #[test]
    fn saved_positions_at_the_layouts_own_scale_are_kept_exactly() {
        let own = saved(&[(0.3, -7.0), (150.0, 20.0), (90.0, 260.0)]);
        let kept = saved_positions_at_layout_scale(&own);
        for ((_, p), (_, q)) in own.iter().zip(&kept) {
            assert_eq!((p.x, p.y), (q.x, q.y));
        }
        // One node, or all on one spot: nothing to scale by.
        assert_eq!(
            saved_positions_at_layout_scale(&saved(&[(0.5, 0.5)]))[0].1,
            Pos2::new(0.5, 0.5)
        );
        let spot = saved_positions_at_layout_scale(&saved(&[(1.0, 1.0), (1.0, 1.0)]));
        assert_eq!(spot[1].1, Pos2::new(1.0, 1.0));
    }

    /// A generated network of `nodes` in planted communities (see [`crate::generate`]).
    pub(super) fn planted(nodes: usize, edges: usize, seed: u64) -> Dataset {
        crate::generate::generate(crate::generate::GraphSpec {
            nodes,
            edges,
            communities: 0,
            seed,
        })
    }

    use crate::formats;

    fn builtin() -> Dataset {
        formats::load_builtin()
            .expect("built-in dataset loads")
            .dataset
    }

    fn positions(layout: &ForceLayout) -> Vec<Pos2> {
        (0..layout.len())
            .map(|i| layout.position(EntityIdx(i)))
            .collect()
    }

    #[test]
    fn each_engine_converges_and_then_stops() {
        for engine in [Engine::ForceAtlas2, Engine::FruchtermanReingold] {
            let mut layout = ForceLayout::new(&builtin());
            layout.set_engine(engine);
            layout.settle(20_000);
            assert_eq!(layout.phase(), LayoutPhase::Converged, "{engine:?}");
            let before = positions(&layout);
            let generation = layout.generation();
            layout.step();
            assert_eq!(
                before,
                positions(&layout),
                "{engine:?}: a converged layout does no more work"
            );
            assert_eq!(generation, layout.generation());
        }
    }

    #[test]
    fn restoring_a_snapshot_puts_back_positions_pins_and_engine_and_holds_still() {
        let dataset = builtin();
        let mut layout = ForceLayout::new(&dataset);
        layout.settle(300);
        layout.pin_at(EntityIdx(2), Pos2::new(5.0, 5.0));
        let before = layout.snapshot();
        layout.unpin(EntityIdx(2));
        layout.set_engine(Engine::FruchtermanReingold);
        layout.relayout(&dataset);
        layout.settle(50);
        assert_ne!(positions(&layout), before.positions);

        layout.restore(&before);
        assert_eq!(layout.snapshot(), before);
        assert_eq!(layout.phase(), LayoutPhase::Paused);
        // The forces, asked to run again, start from the restored positions.
        let generation = layout.generation();
        layout.step();
        assert_eq!(generation, layout.generation(), "paused: no step taken");
    }

    #[test]
    fn rerun_moves_nodes_less_than_relayout_from_scratch() {
        let dataset = builtin();
        let mut layout = ForceLayout::new(&dataset);
        layout.settle(20_000);
        let settled = positions(&layout);
        let extent = layout.bounds().unwrap().size().length();
        let moved = |layout: &ForceLayout| {
            positions(layout)
                .iter()
                .zip(&settled)
                .map(|(a, b)| a.distance(*b))
                .sum::<f32>()
                / settled.len() as f32
        };
        layout.rerun();
        layout.settle(20_000);
        let after_rerun = moved(&layout);
        let mut fresh = ForceLayout::new(&dataset);
        fresh.restore(&layout.snapshot());
        fresh.relayout(&dataset);
        fresh.settle(20);
        let after_relayout = moved(&fresh);
        assert!(
            after_rerun < 0.05 * extent,
            "a re-run keeps the map: nodes moved {after_rerun} on average in {extent}"
        );
        assert!(
            after_relayout > 4.0 * after_rerun,
            "re-layout starts over: {after_relayout} against {after_rerun}"
        );
    }

    #[test]
    fn pinned_node_does_not_move() {
        for engine in [Engine::ForceAtlas2, Engine::FruchtermanReingold] {
            let mut layout = ForceLayout::new(&builtin());
            layout.set_engine(engine);
            let pinned = EntityIdx(0);
            layout.pin_at(pinned, Pos2::new(500.0, -300.0));
            layout.settle(300);
            assert_eq!(
                layout.position(pinned),
                Pos2::new(500.0, -300.0),
                "{engine:?}"
            );
        }
    }

    #[test]
    fn layout_is_deterministic() {
        let mut a = ForceLayout::new(&builtin());
        let mut b = ForceLayout::new(&builtin());
        a.settle(400);
        b.settle(400);
        assert_eq!(positions(&a), positions(&b));
    }

    #[test]
    fn no_node_hides_another() {
        let mut layout = ForceLayout::new(&builtin());
        layout.settle(20_000);
        let extent = layout.bounds().expect("nodes").size().length();
        let separation = layout.separation(extent);
        let all = positions(&layout);
        for i in 0..all.len() {
            for j in (i + 1)..all.len() {
                let distance = all[i].distance(all[j]);
                assert!(
                    distance > separation * 0.5,
                    "nodes {i} and {j} are {distance} apart"
                );
            }
        }
    }

    #[test]
    fn a_graph_too_large_for_the_engine_never_runs_it() {
        let big = planted(MAX_FR_NODES + 1, 10, 1);
        let mut layout = ForceLayout::new(&big);
        assert_eq!(layout.phase(), LayoutPhase::Running, "ForceAtlas2 takes it");
        layout.set_engine(Engine::FruchtermanReingold);
        assert_eq!(layout.phase(), LayoutPhase::TooLarge);
        layout.resume();
        layout.reheat();
        assert_eq!(layout.phase(), LayoutPhase::TooLarge);
        let before = layout.position(EntityIdx(0));
        layout.step();
        assert_eq!(layout.position(EntityIdx(0)), before);
        layout.set_engine(Engine::ForceAtlas2);
        assert_eq!(layout.phase(), LayoutPhase::Running);
    }

    #[test]
    fn a_big_graph_is_there_at_once_and_its_first_steps_are_the_multilevel_layout() {
        let dataset = planted(3_000, 12_000, 3);
        let community = crate::bench::communities(&dataset);
        let coherence = |layout: &ForceLayout| {
            let xy: Vec<[f32; 2]> = positions(layout).iter().map(|p| [p.x, p.y]).collect();
            crate::bench::community_coherence(&xy, &community)
        };
        let mut layout = ForceLayout::new(&dataset);
        assert!(
            layout.is_preparing(),
            "the multilevel layout is left to the worker"
        );
        assert_eq!(
            positions(&layout),
            start_positions(3_000),
            "meanwhile, the spiral"
        );
        let mut slices = Vec::new();
        while layout.is_preparing() && slices.len() < 1_000 {
            layout.step();
            slices.push(positions(&layout));
        }
        assert!(!layout.is_preparing());
        assert!(
            slices.len() >= 3,
            "the multilevel layout comes in slices, so the worker hears its messages between them: {}",
            slices.len()
        );
        assert!(
            slices.windows(2).all(|w| w[0] != w[1]),
            "every slice shows the layout further on"
        );
        assert_eq!(
            layout.steps_taken(),
            1,
            "the whole start counts as one step"
        );
        let one_go = multilevel::layout(
            3_000,
            &relation_pairs(&dataset),
            &Fa2Settings::default(),
            MULTILEVEL_SEED,
        );
        let one_go: Vec<Pos2> = one_go.iter().map(|p| Pos2::new(p[0], p[1])).collect();
        assert_eq!(
            positions(&layout),
            one_go,
            "slicing does not change the result"
        );
        assert!(
            coherence(&layout) >= crate::bench::UNTANGLED,
            "communities tangled after the multilevel start: {}",
            coherence(&layout)
        );
        assert_eq!(layout.phase(), LayoutPhase::Running, "it still anneals");
    }

    #[test]
    fn a_pause_holds_a_multilevel_start_half_way_and_resume_goes_on() {
        let dataset = planted(3_000, 12_000, 3);
        let mut layout = ForceLayout::new(&dataset);
        layout.step();
        layout.step();
        assert!(layout.is_preparing());
        layout.pause();
        let held = positions(&layout);
        layout.step();
        assert_eq!(positions(&layout), held);
        assert!(layout.is_preparing());
        layout.resume();
        while layout.is_preparing() && layout.steps_taken() == 0 {
            layout.step();
        }
        assert!(!layout.is_preparing());
        assert_ne!(positions(&layout), held);
    }

    #[test]
    fn nodes_spread_out() {
        let mut layout = ForceLayout::new(&builtin());
        layout.settle(20_000);
        let bounds = layout.bounds().expect("nodes exist");
        let (w, h) = (bounds.width(), bounds.height());
        assert!(w.min(h) > 0.3 * w.max(h), "collapsed layout {bounds:?}");
        assert!(
            positions(&layout)
                .iter()
                .all(|p| p.x.is_finite() && p.y.is_finite())
        );
    }

    #[test]
    fn forceatlas2_plugs_into_egui_graphs() {
        let mut stable: StableGraph<(), ()> = StableGraph::default();
        let a = stable.add_node(());
        let b = stable.add_node(());
        stable.add_edge(a, b, ());
        let mut graph: egui_graphs::Graph<(), ()> = egui_graphs::Graph::from(&stable);
        graph
            .node_mut(a)
            .unwrap()
            .set_location(Pos2::new(-500.0, 0.0));
        graph
            .node_mut(b)
            .unwrap()
            .set_location(Pos2::new(500.0, 0.0));
        let mut algorithm = ForceAtlas2::from_state(forceatlas2::Fa2State::default());
        for _ in 0..50 {
            ForceAlgorithm::step(&mut algorithm, &mut graph, Rect::ZERO);
        }
        let distance = graph
            .node(a)
            .unwrap()
            .location()
            .distance(graph.node(b).unwrap().location());
        assert!(
            distance < 1000.0,
            "the edge pulled its ends together: {distance}"
        );
    }
}
