//! Layout benchmarks behind `chainsight bench layout`: the median time of one step of our
//! ForceAtlas2 and of egui_graphs' Fruchterman–Reingold on the same generated network.

use std::time::Instant;

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState};
use petgraph::stable_graph::StableGraph;

use crate::generate::{GraphSpec, generate};
use crate::layout::forceatlas2::{Fa2Settings, ForceAtlas2};
use crate::layout::start_positions;

/// What one benchmark run measured.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LayoutBench {
    pub nodes: usize,
    pub edges: usize,
    pub theta: f32,
    /// Median milliseconds per step of Chainsight's ForceAtlas2.
    pub ours_ms: f64,
    /// Median milliseconds per step of egui_graphs' Fruchterman–Reingold.
    pub egui_graphs_fr_ms: f64,
    /// How many times faster ours is.
    pub ratio: f64,
    pub ours_steps: usize,
    pub fr_steps: usize,
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Times `steps` steps of ForceAtlas2 (after a few warm-up steps) and enough steps of
/// egui_graphs' FR to fill about `fr_budget_s` seconds (at least 3).
pub fn layout(
    nodes: usize,
    edges: usize,
    theta: f32,
    steps: usize,
    fr_budget_s: f64,
) -> LayoutBench {
    let dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    let pairs: Vec<(usize, usize)> = dataset
        .relations
        .iter()
        .map(|r| (r.source.0, r.target.0))
        .collect();
    let start = start_positions(nodes);

    let mut ours = ForceAtlas2::new(
        Fa2Settings {
            theta,
            ..Fa2Settings::default()
        },
        nodes,
        &pairs,
    );
    ours.set_positions(&start.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>());
    for _ in 0..3 {
        ours.step();
    }
    let mut ours_samples = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        ours.step();
        ours_samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }

    let mut stable: StableGraph<(), ()> = StableGraph::default();
    let indices: Vec<_> = (0..nodes).map(|_| stable.add_node(())).collect();
    for &(a, b) in &pairs {
        stable.add_edge(indices[a], indices[b], ());
    }
    let mut graph: egui_graphs::Graph<(), ()> = egui_graphs::Graph::from(&stable);
    for (&index, p) in indices.iter().zip(&start) {
        if let Some(node) = graph.node_mut(index) {
            node.set_location(*p);
        }
    }
    let view = Rect::from_center_size(Pos2::ZERO, Vec2::splat(1000.0));
    let mut fr = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
    let mut fr_samples = Vec::new();
    let fr_start = Instant::now();
    while fr_samples.len() < 3
        || (fr_start.elapsed().as_secs_f64() < fr_budget_s && fr_samples.len() < steps)
    {
        let t = Instant::now();
        fr.step(&mut graph, view);
        fr_samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }

    let (ours_steps, fr_steps) = (ours_samples.len(), fr_samples.len());
    let (ours_ms, egui_graphs_fr_ms) = (median(ours_samples), median(fr_samples));
    LayoutBench {
        nodes,
        edges,
        theta,
        ours_ms,
        egui_graphs_fr_ms,
        ratio: egui_graphs_fr_ms / ours_ms,
        ours_steps,
        fr_steps,
    }
}
