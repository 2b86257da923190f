//! Multilevel ForceAtlas2 for big graphs, the approach behind Yifan Hu's sfdp, OpenOrd and
//! FM³. A force-directed layout moves every node a little each step, so a big graph needs
//! thousands of steps before whole communities have travelled to their places. Instead:
//!
//! 1. **Coarsen** by size-capped label propagation: each node joins the group its links weigh
//!    most towards, so groups follow communities; level by level until a few dozen nodes
//!    remain. A coarse node stands for the sum of its members (mass, size) and a coarse edge
//!    for the fine edges between two groups (its weight is their number).
//! 2. **Lay out the coarsest level** from the sunflower spiral: cheap, with every node free to
//!    travel as far as it needs.
//! 3. **Prolong and refine**: each finer node starts at its parent's place, jittered a little
//!    (or, if its links go mostly to another group, at that group's place); strays, nodes far
//!    from the median of their neighbours, are pulled there ([`pull_strays`]); then a few
//!    steps of the same Barnes–Hut ForceAtlas2 forces sort out the detail. The finer the
//!    level, the fewer steps: the big moves were made where they were cheap.
//! 4. **Finish**: nodes with no link at all wait, held still, around the centre
//!    ([`gather_isolated`]) rather than drifting to the rim, and after the last step strays
//!    are pulled home once more. A community's centre is the mean of its nodes, so a handful
//!    of members on the far side of the layout drags it onto a neighbour: the median of a
//!    node's neighbours ignores its few links to far-away communities.
//!
//! Steps follow Yifan Hu's integrator (every node moves one step length along its force, the
//! length adapting to whether the energy falls) rather than Gephi's adaptive speed, which
//! needs many steps to warm up at every level and barely moves heavy coarse nodes. The masses
//! are square roots of ForceAtlas2's and the repulsion weaker, so communities pull together.
//!
//! Deterministic: the same graph and seed give the same positions.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::forceatlas2::{Fa2Settings, ForceAtlas2};

/// Nodes with no link at all are grouped this many to a node of the next level.
pub const MAX_MEMBERS: u32 = 4;
/// A group holds at most this many times the mean number of original nodes per node of its
/// level, so coarsening shrinks a level by up to this factor.
pub const GROUP_CAP: f64 = 30.0;
/// Repulsion strength (`kr`) of the multilevel layout: lower than the live layout's, so that
/// communities pull together.
const MULTILEVEL_SCALING: f32 = 2.0;
/// Hu's step length on the coarsest level and when refining, as a fraction of the mean
/// spacing of the nodes.
const COARSEST_STEP: f32 = 0.5;
const REFINE_STEP: f32 = 0.1;
/// Coarsening stops once a level has at most this many nodes...
pub const COARSEST_NODES: usize = 60;
/// ...or when a level would keep more than this share of the nodes of the one before.
const STALLED: f64 = 0.9;

/// How the multilevel layout spends its steps.
#[derive(Clone, Debug, PartialEq)]
pub struct MultilevelOptions {
    /// Steps on the coarsest level, where they cost next to nothing.
    pub coarsest_steps: usize,
    /// Node-steps per level: a level of `n` nodes gets `level_work / n` steps...
    pub level_work: usize,
    /// ...but at least this many...
    pub min_steps: usize,
    /// ...and at most this many.
    pub max_steps: usize,
    /// Children start this fraction of the coarse level's mean spacing from their parent, at
    /// most.
    pub jitter: f32,
    /// Repulsion strength (`kr`).
    pub scaling: f32,
    /// Gravity, if not the caller's settings'.
    pub gravity: Option<f32>,
    /// Square-root masses rather than ForceAtlas2's degree masses.
    pub sqrt_mass: bool,
    /// Hu's step length on the coarsest level and when refining, as a fraction of the mean
    /// spacing of the nodes.
    pub coarsest_step: f32,
    pub refine_step: f32,
    /// Coarsening stops once a level has at most this many nodes.
    pub coarsest_nodes: usize,
    /// See [`GROUP_CAP`].
    pub group_cap: f64,
    /// Rounds of label propagation per level.
    pub label_rounds: usize,
    /// Rounds of [`pull_strays`] after each prolongation...
    pub stray_rounds: usize,
    /// ...and after the last refinement step of the original graph.
    pub final_stray_rounds: usize,
    /// A node is a stray when its distance to its neighbours' median is above this many times
    /// the median of that distance over all nodes (0: every node moves)...
    pub stray_factor: f32,
    /// ...and it moves this fraction of the way there.
    pub stray_alpha: f32,
    /// The original graph gets [`Self::steps`] steps but only at least this many: its steps
    /// are the dearest, and the coarser levels have made the big moves.
    pub finest_min_steps: usize,
    /// Nodes with no link at all gather, held still, around the centre of the others.
    pub isolated_at_centre: bool,
    /// A stray goes to the neighbour nearest its neighbours' median rather than the median.
    pub stray_snap: bool,
}

impl Default for MultilevelOptions {
    fn default() -> Self {
        Self {
            coarsest_steps: 600,
            level_work: 300_000,
            min_steps: 20,
            max_steps: 300,
            jitter: 0.3,
            scaling: MULTILEVEL_SCALING,
            gravity: None,
            sqrt_mass: true,
            coarsest_step: COARSEST_STEP,
            refine_step: REFINE_STEP,
            coarsest_nodes: COARSEST_NODES,
            group_cap: GROUP_CAP,
            label_rounds: LABEL_ROUNDS,
            stray_rounds: 1,
            final_stray_rounds: 2,
            stray_factor: 2.0,
            stray_alpha: 0.9,
            finest_min_steps: 5,
            isolated_at_centre: true,
            stray_snap: true,
        }
    }
}

impl MultilevelOptions {
    /// Steps on a level of `n` nodes.
    pub fn steps(&self, n: usize) -> usize {
        (self.level_work / n.max(1)).clamp(self.min_steps, self.max_steps)
    }

    /// Steps on the original graph, of `n` nodes.
    pub fn finest_steps(&self, n: usize) -> usize {
        (self.level_work / n.max(1)).clamp(self.finest_min_steps, self.max_steps)
    }
}

const UNASSIGNED: u32 = u32::MAX;

/// One level of the hierarchy: how heavy each node is, how many nodes of the original graph it
/// stands for, and weighted edges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LevelGraph {
    /// ForceAtlas2 mass: degree + 1 in the original graph, sums of members' masses above it.
    pub mass: Vec<f32>,
    /// Nodes of the original graph each node stands for.
    pub size: Vec<u32>,
    /// `(a, b, weight)`: at coarse levels each pair once, weight the fine edges it stands for.
    pub edges: Vec<(u32, u32, f32)>,
}

impl LevelGraph {
    /// The original graph: `edges` as pairs of node positions; self-loops and pairs naming no
    /// node are left out, as ForceAtlas2 leaves them out.
    pub fn new(node_count: usize, edges: &[(usize, usize)]) -> Self {
        let mut mass = vec![1.0f32; node_count];
        let mut kept = Vec::with_capacity(edges.len());
        for &(a, b) in edges {
            if a < node_count && b < node_count && a != b {
                mass[a] += 1.0;
                mass[b] += 1.0;
                kept.push((a as u32, b as u32, 1.0));
            }
        }
        Self {
            mass,
            size: vec![1; node_count],
            edges: kept,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.mass.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.mass.is_empty()
    }

    /// Sum of the edge weights.
    pub fn total_edge_weight(&self) -> f64 {
        self.edges.iter().map(|e| f64::from(e.2)).sum()
    }

    /// Each node's neighbours and edge weights, in compressed rows: the neighbours of `u` are
    /// `targets[offsets[u]..offsets[u + 1]]`.
    fn adjacency(&self) -> (Vec<usize>, Vec<(u32, f32)>) {
        let n = self.len();
        let mut offsets = vec![0usize; n + 1];
        for &(a, b, _) in &self.edges {
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![(0u32, 0.0f32); offsets[n]];
        for &(a, b, w) in &self.edges {
            targets[fill[a as usize]] = (b, w);
            fill[a as usize] += 1;
            targets[fill[b as usize]] = (a, w);
            fill[b as usize] += 1;
        }
        (offsets, targets)
    }
}

/// Merges nodes of `graph` into groups: the coarser graph, and for each node of `graph` the
/// node of the coarser graph it went into.
///
/// Groups come from [`GROUP_CAP`]-capped label propagation over the nodes in a seeded random
/// order; nodes with no link are grouped [`MAX_MEMBERS`] at a time.
pub fn coarsen(graph: &LevelGraph, seed: u64) -> (LevelGraph, Vec<u32>) {
    coarsen_with(graph, &MultilevelOptions::default(), seed)
}

/// [`coarsen`] with the coarsening options of `options`.
pub fn coarsen_with(
    graph: &LevelGraph,
    options: &MultilevelOptions,
    seed: u64,
) -> (LevelGraph, Vec<u32>) {
    let n = graph.len();
    let (offsets, targets) = graph.adjacency();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let total: f64 = graph.size.iter().map(|&s| f64::from(s)).sum();
    let cap = (options.group_cap * total / n.max(1) as f64).ceil() as u32;
    let group = propagate_labels(graph, &offsets, &targets, &order, cap.max(2), options);
    let mut sizes = vec![0u32; group.iter().map(|&g| g as usize + 1).max().unwrap_or(0)];
    for (u, &g) in group.iter().enumerate() {
        sizes[g as usize] += graph.size[u];
    }
    let count = sizes.len();
    let mut mass = vec![0.0f32; count];
    for (u, &g) in group.iter().enumerate() {
        mass[g as usize] += graph.mass[u];
    }
    let mut edges: Vec<(u32, u32, f32)> = graph
        .edges
        .iter()
        .filter_map(|&(a, b, w)| {
            let (ga, gb) = (group[a as usize], group[b as usize]);
            (ga != gb).then_some((ga.min(gb), ga.max(gb), w))
        })
        .collect();
    edges.sort_unstable_by_key(|e| (e.0, e.1));
    let mut merged: Vec<(u32, u32, f32)> = Vec::with_capacity(edges.len() / 2);
    for e in edges {
        match merged.last_mut() {
            Some(last) if last.0 == e.0 && last.1 == e.1 => last.2 += e.2,
            _ => merged.push(e),
        }
    }
    (
        LevelGraph {
            mass,
            size: sizes,
            edges: merged,
        },
        group,
    )
}

/// Size-constrained label propagation: every node starts alone, then, in `order`, a few times
/// over, moves to the group its links weigh most towards, as long as that group stays within
/// `cap` original nodes. Groups follow the graph's communities. Nodes with no link at all are
/// grouped in fours. Returns each node's group, numbered from 0.
fn propagate_labels(
    graph: &LevelGraph,
    offsets: &[usize],
    targets: &[(u32, f32)],
    order: &[u32],
    cap: u32,
    options: &MultilevelOptions,
) -> Vec<u32> {
    let n = graph.len();
    let mut label: Vec<u32> = (0..n as u32).collect();
    let mut weight: Vec<u32> = graph.size.clone();
    let mut score = vec![0.0f32; n];
    let mut touched: Vec<u32> = Vec::new();
    for _ in 0..options.label_rounds {
        let mut moved = 0usize;
        for &u in order {
            let u = u as usize;
            let own = label[u];
            for &(v, w) in &targets[offsets[u]..offsets[u + 1]] {
                let l = label[v as usize];
                if score[l as usize] == 0.0 {
                    touched.push(l);
                }
                score[l as usize] += w;
            }
            let (mut best, mut best_score) = (own, score[own as usize]);
            for &l in &touched {
                if l != own
                    && weight[l as usize] + graph.size[u] <= cap
                    && score[l as usize] > best_score
                {
                    best = l;
                    best_score = score[l as usize];
                }
            }
            for &l in &touched {
                score[l as usize] = 0.0;
            }
            touched.clear();
            if best != own {
                weight[own as usize] -= graph.size[u];
                weight[best as usize] += graph.size[u];
                label[u] = best;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    // Nodes still alone (every neighbour's group full: the leaves of a hub) are grouped with
    // the others hanging off the same group, so stars collapse too; nodes with no link at all
    // go [`MAX_MEMBERS`] to a group.
    let mut group_of_label = vec![UNASSIGNED; n];
    let mut group = vec![UNASSIGNED; n];
    let mut open = vec![(UNASSIGNED, 0u32); n + 1];
    let mut count = 0u32;
    for u in 0..n {
        let l = label[u] as usize;
        if weight[l] > graph.size[u] {
            if group_of_label[l] == UNASSIGNED {
                group_of_label[l] = count;
                count += 1;
            }
            group[u] = group_of_label[l];
            continue;
        }
        let (anchor, limit, units) = targets[offsets[u]..offsets[u + 1]]
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or((n, MAX_MEMBERS, 1), |&(v, _)| {
                (label[v as usize] as usize, cap, graph.size[u])
            });
        let (g, used) = open[anchor];
        if g != UNASSIGNED && used + units <= limit {
            group[u] = g;
            open[anchor].1 += units;
        } else {
            group[u] = count;
            open[anchor] = (count, units);
            count += 1;
        }
    }
    group
}

/// Rounds of label propagation per level.
const LABEL_ROUNDS: usize = 5;

/// One level of the hierarchy and how the level below maps onto it.
#[derive(Clone, Debug)]
pub struct Level {
    pub graph: LevelGraph,
    /// For each node of the next finer level, its node here (empty for the finest level).
    pub parent_of_finer: Vec<u32>,
}

/// Coarsens `graph` level by level until at most `coarsest` nodes remain or coarsening stalls.
/// The first level is `graph` itself; the last is the coarsest.
pub fn hierarchy(graph: LevelGraph, coarsest: usize, seed: u64) -> Vec<Level> {
    hierarchy_with(
        graph,
        &MultilevelOptions {
            coarsest_nodes: coarsest,
            ..MultilevelOptions::default()
        },
        seed,
    )
}

/// [`hierarchy`] with the coarsening options of `options`.
pub fn hierarchy_with(graph: LevelGraph, options: &MultilevelOptions, seed: u64) -> Vec<Level> {
    let coarsest = options.coarsest_nodes;
    let mut levels = vec![Level {
        graph,
        parent_of_finer: Vec::new(),
    }];
    loop {
        let finer = &levels[levels.len() - 1].graph;
        if finer.len() <= coarsest {
            break;
        }
        let (coarse, parent) = coarsen_with(finer, options, seed.wrapping_add(levels.len() as u64));
        if coarse.len() as f64 > STALLED * finer.len() as f64 {
            break;
        }
        levels.push(Level {
            graph: coarse,
            parent_of_finer: parent,
        });
    }
    levels
}

/// The mean distance between nodes if they were spread evenly over their bounding box.
pub fn mean_spacing(positions: &[[f32; 2]]) -> f32 {
    let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for p in positions {
        for axis in 0..2 {
            min[axis] = min[axis].min(p[axis]);
            max[axis] = max[axis].max(p[axis]);
        }
    }
    if positions.is_empty() || !min[0].is_finite() || !max[0].is_finite() {
        return 1.0;
    }
    let (width, height) = ((max[0] - min[0]).max(1e-3), (max[1] - min[1]).max(1e-3));
    (width * height / positions.len() as f32).sqrt()
}

/// Places each finer node at its parent's position plus a seeded jitter of at most `radius`,
/// so that siblings never start on one point.
pub fn prolong(coarse: &[[f32; 2]], parent: &[u32], radius: f32, seed: u64) -> Vec<[f32; 2]> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    parent
        .iter()
        .map(|&p| {
            let at = coarse[p as usize];
            let angle = rng.random_range(0.0..std::f32::consts::TAU);
            let distance = radius * rng.random_range(0.0f32..1.0).sqrt();
            [
                at[0] + distance * angle.cos(),
                at[1] + distance * angle.sin(),
            ]
        })
        .collect()
}

/// Like [`prolong`], except that a node whose links weigh more towards another coarse node
/// than towards its own parent (a stray: label propagation found its own community's group
/// full) starts at that other node, among its neighbours, not on the far side of the layout.
pub fn prolong_by_neighbours(
    coarse: &[[f32; 2]],
    parent: &[u32],
    finer: &LevelGraph,
    radius: f32,
    seed: u64,
) -> Vec<[f32; 2]> {
    let (offsets, targets) = finer.adjacency();
    let mut positions = prolong(coarse, parent, radius, seed);
    let mut score = vec![0.0f32; coarse.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (u, p) in positions.iter_mut().enumerate() {
        for &(v, w) in &targets[offsets[u]..offsets[u + 1]] {
            let g = parent[v as usize];
            if score[g as usize] == 0.0 {
                touched.push(g);
            }
            score[g as usize] += w;
        }
        let own = parent[u];
        let mut best = own;
        for &g in &touched {
            if score[g as usize] > score[best as usize] {
                best = g;
            }
        }
        for &g in &touched {
            score[g as usize] = 0.0;
        }
        touched.clear();
        if best != own {
            let (from, to) = (coarse[own as usize], coarse[best as usize]);
            p[0] += to[0] - from[0];
            p[1] += to[1] - from[1];
        }
    }
    positions
}

/// Brings strays home: `rounds` times, every node whose distance to the weighted
/// coordinate-wise median of its neighbours' positions is more than `factor` times the median
/// of that distance over all linked nodes moves `alpha` of the way to that median (all at
/// once, from the previous round's positions). The median, unlike the mean, ignores the few
/// links a node has to far-away communities, so a node placed among the wrong community
/// (its coarse group was mostly another community's) goes to where most of its links are.
/// With `snap` it heads for the neighbour nearest that median instead, so a node with one
/// link into each of two communities joins one of them rather than the empty space between.
pub fn pull_strays(
    positions: &mut [[f32; 2]],
    graph: &LevelGraph,
    rounds: usize,
    factor: f32,
    alpha: f32,
    snap: bool,
) {
    let (offsets, targets) = graph.adjacency();
    let n = graph.len();
    let mut medians: Vec<[f32; 2]> = vec![[0.0; 2]; n];
    let mut distance = vec![f32::NAN; n];
    let mut xs: Vec<(f32, f32)> = Vec::new();
    let mut ys: Vec<(f32, f32)> = Vec::new();
    for _ in 0..rounds {
        for u in 0..n {
            let links = &targets[offsets[u]..offsets[u + 1]];
            if links.is_empty() {
                distance[u] = f32::NAN;
                continue;
            }
            xs.clear();
            ys.clear();
            for &(v, w) in links {
                let q = positions[v as usize];
                xs.push((q[0], w));
                ys.push((q[1], w));
            }
            let mut median = [weighted_median(&mut xs), weighted_median(&mut ys)];
            if snap {
                median = links
                    .iter()
                    .map(|&(v, _)| positions[v as usize])
                    .min_by(|a, b| {
                        let da = (a[0] - median[0]).hypot(a[1] - median[1]);
                        let db = (b[0] - median[0]).hypot(b[1] - median[1]);
                        da.total_cmp(&db)
                    })
                    .unwrap_or(median);
            }
            let p = positions[u];
            medians[u] = median;
            distance[u] = (median[0] - p[0]).hypot(median[1] - p[1]);
        }
        let mut finite: Vec<f32> = distance.iter().copied().filter(|d| d.is_finite()).collect();
        if finite.is_empty() {
            return;
        }
        let middle = finite.len() / 2;
        let typical = *finite.select_nth_unstable_by(middle, f32::total_cmp).1;
        let threshold = factor * typical;
        for ((p, median), &d) in positions.iter_mut().zip(&medians).zip(&distance) {
            if d.is_finite() && d > threshold {
                p[0] += alpha * (median[0] - p[0]);
                p[1] += alpha * (median[1] - p[1]);
            }
        }
    }
}

/// Moves the nodes of `graph` that have no link at all into a sunflower around the centroid of
/// the others, at their mean spacing: where no link holds them, repulsion would send them to
/// the rim, stretching the layout. Returns which nodes were moved.
pub fn gather_isolated(positions: &mut [[f32; 2]], graph: &LevelGraph) -> Vec<bool> {
    let mut isolated = vec![true; graph.len()];
    for &(a, b, _) in &graph.edges {
        isolated[a as usize] = false;
        isolated[b as usize] = false;
    }
    let (mut sum, mut linked) = ([0.0f64; 2], 0usize);
    for (p, _) in positions.iter().zip(&isolated).filter(|(_, i)| !**i) {
        sum[0] += f64::from(p[0]);
        sum[1] += f64::from(p[1]);
        linked += 1;
    }
    if linked == 0 {
        return vec![false; graph.len()];
    }
    let centre = [
        (sum[0] / linked as f64) as f32,
        (sum[1] / linked as f64) as f32,
    ];
    let spacing = mean_spacing(positions);
    let golden_angle = std::f32::consts::PI * (3.0 - 5.0_f32.sqrt());
    for (k, (p, _)) in positions
        .iter_mut()
        .zip(&isolated)
        .filter(|(_, i)| **i)
        .enumerate()
    {
        let radius = spacing * (k as f32 + 0.5).sqrt();
        let angle = k as f32 * golden_angle;
        *p = [
            centre[0] + radius * angle.cos(),
            centre[1] + radius * angle.sin(),
        ];
    }
    isolated
}

/// The value at which the weights of `values` (pairs of value and weight) below and above
/// balance.
fn weighted_median(values: &mut [(f32, f32)]) -> f32 {
    values.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let half = values.iter().map(|v| v.1).sum::<f32>() / 2.0;
    let mut seen = 0.0;
    for &(value, weight) in values.iter() {
        seen += weight;
        if seen >= half {
            return value;
        }
    }
    values.last().map_or(0.0, |v| v.0)
}

/// A multilevel layout under way, one step at a time ([`Self::step`] until [`Self::is_done`],
/// or [`Self::finish`]): the hierarchy is built when it is made, then each step moves the
/// nodes of the level being refined, and once that level has had its steps its result is
/// prolonged onto the next finer level, down to the original graph. A caller that steps it a
/// little at a time (the layout's worker) can show the layout forming ([`Self::positions`])
/// and stop at any step.
pub struct Multilevel {
    /// The layout of the level being refined, in the order of its nodes: the original graph's
    /// once [`Self::is_at_finest`].
    pub fa2: ForceAtlas2,
    /// Levels in the hierarchy, the original graph included.
    pub levels: usize,
    /// Nodes of the coarsest level.
    pub coarsest_nodes: usize,
    /// The original graph first, down to the level being refined (coarser ones, done with,
    /// are dropped).
    hierarchy: Vec<Level>,
    steps_left: usize,
    stepper: Stepper,
    /// Settings of the levels' ForceAtlas2.
    settings: Fa2Settings,
    options: MultilevelOptions,
    seed: u64,
}

impl Multilevel {
    /// Coarsens the graph of `node_count` nodes and `edges`, lays out the coarsest level, and
    /// prolongs and refines level by level down to (not including) the original graph.
    pub fn prepare(
        node_count: usize,
        edges: &[(usize, usize)],
        settings: &Fa2Settings,
        seed: u64,
    ) -> Self {
        Self::prepare_with(
            node_count,
            edges,
            settings,
            seed,
            &MultilevelOptions::default(),
        )
    }

    /// [`Self::prepare`] with other options.
    pub fn prepare_with(
        node_count: usize,
        edges: &[(usize, usize)],
        settings: &Fa2Settings,
        seed: u64,
        options: &MultilevelOptions,
    ) -> Self {
        let mut multilevel = Self::start_with(node_count, edges, settings, seed, options);
        while !multilevel.is_at_finest() {
            multilevel.step();
        }
        multilevel
    }

    /// Coarsens the graph of `node_count` nodes and `edges` and sets up the coarsest level on
    /// the sunflower spiral, its steps still to run.
    pub fn start_with(
        node_count: usize,
        edges: &[(usize, usize)],
        settings: &Fa2Settings,
        seed: u64,
        options: &MultilevelOptions,
    ) -> Self {
        let hierarchy = hierarchy_with(LevelGraph::new(node_count, edges), options, seed);
        let levels = hierarchy.len();
        let coarsest_nodes = hierarchy.last().map_or(0, |l| l.graph.len());
        let positions: Vec<[f32; 2]> = super::start_positions(coarsest_nodes)
            .into_iter()
            .map(|p| [p.x, p.y])
            .collect();
        let settings = Fa2Settings {
            scaling: options.scaling,
            gravity: options.gravity.unwrap_or(settings.gravity),
            ..settings.clone()
        };
        let mut multilevel = Self {
            fa2: ForceAtlas2::new(settings.clone(), 0, &[]),
            levels,
            coarsest_nodes,
            hierarchy,
            steps_left: 0,
            stepper: Stepper::new(1.0),
            settings,
            options: options.clone(),
            seed,
        };
        multilevel.enter_level(positions);
        multilevel
    }

    /// Index of the level being refined: 0 is the original graph.
    fn current(&self) -> usize {
        self.hierarchy.len() - 1
    }

    /// Sets up the level being refined (the last of the hierarchy), its nodes at `positions`.
    fn enter_level(&mut self, mut positions: Vec<[f32; 2]>) {
        let index = self.current();
        let options = &self.options;
        let level = &self.hierarchy[index].graph;
        // Square-root masses: Gephi's degree masses make the repulsion between big groups
        // swamp the links that hold a community together.
        let mass: Vec<f32> = level
            .mass
            .iter()
            .zip(&level.size)
            .map(|(&m, &s)| {
                if options.sqrt_mass {
                    (m * s as f32).sqrt()
                } else {
                    m
                }
            })
            .collect();
        let mut fa2 = ForceAtlas2::weighted(self.settings.clone(), mass, &level.edges);
        if index == 0 && options.isolated_at_centre {
            let isolated = gather_isolated(&mut positions, level);
            fa2.set_pinned(&isolated);
        }
        fa2.set_positions(&positions);
        let coarsest = index + 1 == self.levels && self.levels > 1;
        let (steps, length) = if coarsest {
            (options.coarsest_steps, options.coarsest_step)
        } else if index == 0 {
            (options.finest_steps(level.len()), options.refine_step)
        } else {
            (options.steps(level.len()), options.refine_step)
        };
        self.stepper = Stepper::new(length * mean_spacing(&positions));
        self.steps_left = steps;
        self.fa2 = fa2;
        if steps == 0 {
            if index == 0 {
                self.pull_strays_at_the_end();
            } else {
                self.descend();
            }
        }
    }

    /// Prolongs the level just refined onto the next finer one and sets that one up.
    fn descend(&mut self) {
        let index = self.current();
        let options = &self.options;
        let radius = options.jitter * mean_spacing(self.fa2.positions());
        let Some(coarse) = self.hierarchy.pop() else {
            return;
        };
        let finer = &self.hierarchy[index - 1].graph;
        let mut positions = prolong_by_neighbours(
            self.fa2.positions(),
            &coarse.parent_of_finer,
            finer,
            radius,
            self.seed.wrapping_add(index as u64),
        );
        if options.stray_rounds > 0 {
            pull_strays(
                &mut positions,
                finer,
                options.stray_rounds,
                options.stray_factor,
                options.stray_alpha,
                options.stray_snap,
            );
        }
        self.enter_level(positions);
    }

    /// One step on the level being refined; after its last one, the next finer level is set
    /// up, or on the original graph strays are pulled home.
    pub fn step(&mut self) {
        if self.steps_left == 0 {
            return;
        }
        self.stepper.step(&mut self.fa2);
        self.steps_left -= 1;
        if self.steps_left == 0 {
            if self.is_at_finest() {
                self.pull_strays_at_the_end();
            } else {
                self.descend();
            }
        }
    }

    /// Nodes of the level being refined: what one of its steps costs, roughly.
    pub fn level_nodes(&self) -> usize {
        self.fa2.positions().len()
    }

    /// Whether the level being refined is the original graph.
    pub fn is_at_finest(&self) -> bool {
        self.current() == 0
    }

    /// Where each node of the original graph is now: on the original graph its own position;
    /// on a coarser level its group's, spread on a small sunflower (a fraction of the level's
    /// spacing) so that the members of a group do not all sit on one point.
    pub fn positions(&self) -> Vec<[f32; 2]> {
        let current = self.fa2.positions();
        if self.is_at_finest() {
            return current.to_vec();
        }
        let mut group: Vec<u32> = (0..self.hierarchy[0].graph.len() as u32).collect();
        for level in &self.hierarchy[1..] {
            for g in &mut group {
                *g = level.parent_of_finer[*g as usize];
            }
        }
        let radius = self.options.jitter * mean_spacing(current);
        let golden_angle = std::f32::consts::PI * (3.0 - 5.0_f32.sqrt());
        let count = group.len().max(1) as f32;
        group
            .iter()
            .enumerate()
            .map(|(u, &g)| {
                let at = current[g as usize];
                let distance = radius * ((u as f32 + 0.5) / count).sqrt();
                let angle = u as f32 * golden_angle;
                [
                    at[0] + distance * angle.cos(),
                    at[1] + distance * angle.sin(),
                ]
            })
            .collect()
    }

    fn pull_strays_at_the_end(&mut self) {
        let options = &self.options;
        if options.final_stray_rounds > 0 {
            let mut positions = self.fa2.positions().to_vec();
            pull_strays(
                &mut positions,
                &self.hierarchy[0].graph,
                options.final_stray_rounds,
                options.stray_factor,
                options.stray_alpha,
                options.stray_snap,
            );
            self.fa2.set_positions(&positions);
        }
    }

    /// Whether the refinement of the original graph is complete.
    pub fn is_done(&self) -> bool {
        self.is_at_finest() && self.steps_left == 0
    }

    /// Runs the remaining refinement steps and returns the positions.
    pub fn finish(mut self) -> Vec<[f32; 2]> {
        while !self.is_done() {
            self.step();
        }
        self.fa2.positions().to_vec()
    }
}

/// Yifan Hu's adaptive step length: longer after five steps in a row that lowered the energy,
/// shorter after any that did not.
#[derive(Clone, Debug)]
struct Stepper {
    length: f32,
    energy: f64,
    progress: u32,
}

impl Stepper {
    fn new(length: f32) -> Self {
        Self {
            length,
            energy: f64::INFINITY,
            progress: 0,
        }
    }

    fn step(&mut self, fa2: &mut ForceAtlas2) {
        let energy = fa2.step_along_forces(self.length);
        if energy < self.energy {
            self.progress += 1;
            if self.progress >= 5 {
                self.progress = 0;
                self.length /= STEP_COOLING;
            }
        } else {
            self.progress = 0;
            self.length *= STEP_COOLING;
        }
        self.energy = energy;
    }
}

/// Hu's step length factor.
const STEP_COOLING: f32 = 0.9;

/// Lays out the graph of `node_count` nodes joined by `edges` (pairs of node positions) with
/// multilevel ForceAtlas2, from nothing: positions in the order of the nodes.
pub fn layout(
    node_count: usize,
    edges: &[(usize, usize)],
    settings: &Fa2Settings,
    seed: u64,
) -> Vec<[f32; 2]> {
    Multilevel::prepare(node_count, edges, settings, seed).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planted(nodes: usize, edges: usize) -> (Vec<(usize, usize)>, Vec<usize>) {
        let dataset = crate::generate::generate(crate::generate::GraphSpec {
            nodes,
            edges,
            communities: 0,
            seed: 3,
        });
        let pairs = dataset
            .relations
            .iter()
            .map(|r| (r.source.0, r.target.0))
            .collect();
        let community = dataset
            .entities
            .iter()
            .map(|e| e.attributes["community"].parse().unwrap())
            .collect();
        (pairs, community)
    }

    #[test]
    fn coarsening_keeps_weight_and_at_least_halves_the_nodes() {
        let (pairs, _) = planted(2_000, 8_000);
        let fine = LevelGraph::new(2_000, &pairs);
        let (coarse, parent) = coarsen(&fine, 1);
        assert_eq!(parent.len(), fine.len());
        assert!(parent.iter().all(|&p| (p as usize) < coarse.len()));
        assert!(
            coarse.len() * 2 <= fine.len() && coarse.len() * 40 >= fine.len(),
            "{} nodes from {}",
            coarse.len(),
            fine.len()
        );
        let total_mass = |g: &LevelGraph| g.mass.iter().map(|&m| f64::from(m)).sum::<f64>();
        assert!((total_mass(&coarse) - total_mass(&fine)).abs() < 1e-3);
        assert_eq!(coarse.size.iter().sum::<u32>(), 2_000);
        // Edge weight is kept, less what fell inside a group.
        let inside: f64 = fine
            .edges
            .iter()
            .filter(|e| parent[e.0 as usize] == parent[e.1 as usize])
            .map(|e| f64::from(e.2))
            .sum();
        assert!(
            (coarse.total_edge_weight() + inside - fine.total_edge_weight()).abs() < 1e-3,
            "edge weight lost"
        );
        // No group is empty or above the cap.
        let cap = (GROUP_CAP * 2_000.0 / 2_000.0).ceil() as u32;
        assert!(coarse.size.iter().all(|&s| (1..=cap).contains(&s)));
    }

    #[test]
    fn a_star_collapses() {
        let star: Vec<(usize, usize)> = (1..1_000).map(|leaf| (0, leaf)).collect();
        let levels = hierarchy(LevelGraph::new(1_000, &star), COARSEST_NODES, 1);
        assert!(levels.last().unwrap().graph.len() <= COARSEST_NODES);
    }

    #[test]
    fn prolongation_keeps_every_node_near_its_parent() {
        let coarse = vec![[0.0, 0.0], [100.0, 0.0], [0.0, -50.0]];
        let parent = vec![0, 0, 1, 2, 2, 2, 1];
        let fine = prolong(&coarse, &parent, 5.0, 9);
        assert_eq!(fine.len(), parent.len());
        for (p, &parent) in fine.iter().zip(&parent) {
            let at = coarse[parent as usize];
            assert!((p[0] - at[0]).hypot(p[1] - at[1]) <= 5.0 + 1e-4);
        }
        assert_ne!(fine[0], fine[1], "siblings start apart");
    }

    #[test]
    fn a_stray_starts_among_its_neighbours() {
        // Node 2 was put in group 1 but all its links go to group 0's nodes.
        let finer = LevelGraph::new(4, &[(0, 1), (0, 2), (1, 2), (3, 2)]);
        let coarse = vec![[0.0, 0.0], [1000.0, 0.0]];
        let parent = vec![0, 0, 1, 1];
        let fine = prolong_by_neighbours(&coarse, &parent, &finer, 1.0, 5);
        assert!(fine[2][0].abs() <= 1.0 + 1e-4, "stray at {:?}", fine[2]);
        assert!((fine[3][0] - 1000.0).abs() <= 1.0 + 1e-4, "{:?}", fine[3]);
        assert!(fine[0][0].abs() <= 1.0 + 1e-4);
    }

    #[test]
    fn untangles_planted_communities() {
        let (pairs, community) = planted(3_000, 12_000);
        let positions = layout(3_000, &pairs, &Fa2Settings::default(), 7);
        assert!(
            positions
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
        let coherence = crate::bench::community_coherence(&positions, &community);
        assert!(coherence >= 0.8, "coherence {coherence}");
    }

    #[test]
    fn same_seed_same_layout() {
        let (pairs, _) = planted(500, 1_500);
        let settings = Fa2Settings::default();
        assert_eq!(
            layout(500, &pairs, &settings, 4),
            layout(500, &pairs, &settings, 4)
        );
    }

    #[test]
    fn isolated_nodes_gather_at_the_centre_of_the_others() {
        // Nodes 0–3 form a square around (100, 100); 4 and 5 have no link and sit far out.
        let graph = LevelGraph::new(6, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        let mut positions = vec![
            [90.0, 90.0],
            [110.0, 90.0],
            [110.0, 110.0],
            [90.0, 110.0],
            [5_000.0, 0.0],
            [-5_000.0, 300.0],
        ];
        let before = positions.clone();
        let isolated = gather_isolated(&mut positions, &graph);
        assert_eq!(isolated, vec![false, false, false, false, true, true]);
        assert_eq!(positions[..4], before[..4], "linked nodes stay");
        let spacing = mean_spacing(&before);
        for p in &positions[4..] {
            let off = (p[0] - 100.0).hypot(p[1] - 100.0);
            assert!(off <= 2.0 * spacing, "{p:?} is {off} from the centre");
        }
        assert_ne!(positions[4], positions[5], "never on one point");
    }

    #[test]
    fn a_far_stray_is_pulled_to_its_neighbours_and_the_rest_stay() {
        // Two cliques of five, 1,000 apart; node 10 links three times into the left clique and
        // once into the right one, but starts far beyond the right one.
        let mut edges = Vec::new();
        for clique in [0usize, 5] {
            for a in clique..clique + 5 {
                for b in a + 1..clique + 5 {
                    edges.push((a, b));
                }
            }
        }
        edges.extend([(10, 0), (10, 1), (10, 2), (10, 5)]);
        let graph = LevelGraph::new(11, &edges);
        let mut positions: Vec<[f32; 2]> = (0..10)
            .map(|i| {
                let x = if i < 5 { 0.0 } else { 1_000.0 };
                [x + (i % 5) as f32 * 3.0, (i % 2) as f32 * 4.0]
            })
            .collect();
        positions.push([3_000.0, 500.0]);
        let before = positions.clone();
        pull_strays(&mut positions, &graph, 2, 2.0, 0.9, true);
        let stray = positions[10];
        assert!(
            stray[0].hypot(stray[1]) < 50.0,
            "the stray went to {stray:?}, not among its left neighbours"
        );
        for (p, q) in positions[..10].iter().zip(&before) {
            assert!(
                (p[0] - q[0]).hypot(p[1] - q[1]) < 20.0,
                "{q:?} moved to {p:?}"
            );
        }
    }

    #[test]
    fn weighted_median_balances_the_weights() {
        assert_eq!(
            weighted_median(&mut [(5.0, 1.0), (1.0, 1.0), (3.0, 1.0)]),
            3.0
        );
        assert_eq!(
            weighted_median(&mut [(5.0, 10.0), (1.0, 1.0), (3.0, 1.0)]),
            5.0
        );
        assert_eq!(weighted_median(&mut [(-2.0, 1.0)]), -2.0);
    }
}
