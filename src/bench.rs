//! Layout benchmarks behind `chainsight bench layout`: the median time of one step of our
//! ForceAtlas2 and of egui_graphs' Fruchterman–Reingold on the same generated network.

use std::time::Instant;

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState};
use petgraph::stable_graph::StableGraph;

use crate::generate::{GraphSpec, generate};
use crate::layout::forceatlas2::{Fa2Settings, ForceAtlas2};
use crate::layout::start_positions;

/// A generated network for layout benchmarks: its edges as node pairs, and the start
/// positions both engines begin from.
pub fn network(nodes: usize, edges: usize) -> (Vec<(usize, usize)>, Vec<Pos2>) {
    let dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    let pairs = dataset
        .relations
        .iter()
        .map(|r| (r.source.0, r.target.0))
        .collect();
    (pairs, start_positions(nodes))
}

/// The same network as an egui_graphs graph, for its Fruchterman–Reingold.
pub fn fr_graph(pairs: &[(usize, usize)], start: &[Pos2]) -> egui_graphs::Graph<(), ()> {
    let mut stable: StableGraph<(), ()> = StableGraph::default();
    let indices: Vec<_> = start.iter().map(|_| stable.add_node(())).collect();
    for &(a, b) in pairs {
        if let (Some(&a), Some(&b)) = (indices.get(a), indices.get(b)) {
            stable.add_edge(a, b, ());
        }
    }
    let mut graph = egui_graphs::Graph::from(&stable);
    for (&index, p) in indices.iter().zip(start) {
        if let Some(node) = graph.node_mut(index) {
            node.set_location(*p);
        }
    }
    graph
}

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
    /// Seconds of ForceAtlas2 until the planted communities are untangled (see
    /// [`community_coherence`]), or `None` if not within the time allowed.
    pub untangled_s: Option<f64>,
    /// Coherence reached when timing stopped.
    pub coherence: f64,
}

/// Share of nodes whose nearest community centre (mean position of a community's nodes) is
/// their own community's: near 1 when the planted communities are laid out apart, near 0 for
/// a tangle.
pub fn community_coherence(positions: &[[f32; 2]], community_of: &[usize]) -> f64 {
    let communities = community_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut sums = vec![[0.0f64; 3]; communities];
    for (p, &c) in positions.iter().zip(community_of) {
        sums[c][0] += f64::from(p[0]);
        sums[c][1] += f64::from(p[1]);
        sums[c][2] += 1.0;
    }
    let centres: Vec<[f64; 2]> = sums
        .iter()
        .map(|s| {
            if s[2] > 0.0 {
                [s[0] / s[2], s[1] / s[2]]
            } else {
                [f64::INFINITY; 2]
            }
        })
        .collect();
    let mut coherent = 0usize;
    for (p, &c) in positions.iter().zip(community_of) {
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        let nearest = centres
            .iter()
            .enumerate()
            .min_by(|a, b| {
                let da = (a.1[0] - x).powi(2) + (a.1[1] - y).powi(2);
                let db = (b.1[0] - x).powi(2) + (b.1[1] - y).powi(2);
                da.total_cmp(&db)
            })
            .map(|(i, _)| i);
        coherent += usize::from(nearest == Some(c));
    }
    coherent as f64 / positions.len().max(1) as f64
}

/// Coherence at which the communities count as untangled.
pub const UNTANGLED: f64 = 0.8;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Times `steps` steps of ForceAtlas2 (after a few warm-up steps) and enough steps of
/// egui_graphs' FR to fill about `fr_budget_s` seconds (at least 3).
/// Also runs ForceAtlas2 from the start for at most `settle_budget_s` seconds to time how
/// long the planted communities take to untangle.
pub fn layout(
    nodes: usize,
    edges: usize,
    settings: &Fa2Settings,
    steps: usize,
    fr_budget_s: f64,
    settle_budget_s: f64,
) -> LayoutBench {
    let theta = settings.theta;
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

    // From the start again: how long until the communities stand apart?
    let community_of: Vec<usize> = dataset
        .entities
        .iter()
        .map(|e| {
            e.attributes
                .get("community")
                .and_then(|c| c.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    let mut settling = ForceAtlas2::new(settings.clone(), nodes, &pairs);
    settling.set_positions(&start.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>());
    let settle_start = Instant::now();
    let mut coherence = community_coherence(settling.positions(), &community_of);
    let mut untangled_s = None;
    while settle_start.elapsed().as_secs_f64() < settle_budget_s {
        for _ in 0..10 {
            settling.step();
        }
        // Measuring is not part of the layout's time.
        let elapsed = settle_start.elapsed().as_secs_f64();
        coherence = community_coherence(settling.positions(), &community_of);
        if coherence >= UNTANGLED {
            untangled_s = Some(elapsed);
            break;
        }
    }

    let mut graph = fr_graph(&pairs, &start);
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
        untangled_s,
        coherence,
    }
}

/// What the frame benchmark measured.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FrameBench {
    pub nodes: usize,
    pub edges: usize,
    /// Building the session (indexes, layout set-up) and drawing and tessellating the first
    /// frame, from a dataset already in memory.
    pub first_frame_ms: f64,
    /// Median of whole frames with the layout paused: the window's UI code, drawing and
    /// tessellation into triangles (what the GPU then draws), with the pointer moving.
    pub frame_ms: f64,
    /// Peak resident memory of the process so far, in MiB (Linux only; 0 elsewhere).
    pub peak_memory_mib: f64,
}

/// Peak resident memory of this process in MiB, from `/proc/self/status`.
pub fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Draws the generated network in a headless egui context at 1280×800: first frame, then
/// `frames` frames with the layout paused after `layout_steps` ForceAtlas2 steps.
pub fn frame(nodes: usize, edges: usize, layout_steps: u32, frames: usize) -> FrameBench {
    use crate::formats::{LoadReport, Loaded};
    use crate::session::Session;

    let dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    let ctx = egui::Context::default();
    crate::ui::theme::apply(&ctx);
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0));
    let mut filter = String::new();
    let mut view = crate::view::View::default();
    // The lens is computed once, as the app does: it changes only with the view.
    let mut run_frame = |session: &mut Session,
                         view: &mut crate::view::View,
                         lens: &crate::view::Lens,
                         pointer: Pos2| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            events: vec![egui::Event::PointerMoved(pointer)],
            ..Default::default()
        };
        let mut commands = Vec::new();
        let mut output = ctx.run_ui(input, |ui| {
            egui::Panel::right("evidence")
                .default_size(440.0)
                .show(ui, |ui| {
                    let state = crate::ui::side_panel::PanelState {
                        search_text: &mut filter,
                        focus_search: false,
                        play: crate::ui::filters::PlayState::default(),
                    };
                    crate::ui::side_panel::show(ui, session, view, lens, state, &mut commands);
                });
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    crate::ui::graph_view::show(ui, session, view, lens, &mut commands);
                });
        });
        // No renderer here: the font atlas updates are dropped on purpose.
        output.textures_delta.clear();
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        std::hint::black_box(primitives.len());
    };

    let start = Instant::now();
    let report = LoadReport::default();
    let mut session = Session::new(Loaded { dataset, report }, None);
    let lens = crate::view::Lens::compute(&session.dataset, &session.network, &view);
    run_frame(&mut session, &mut view, &lens, Pos2::new(400.0, 400.0));
    let first_frame_ms = start.elapsed().as_secs_f64() * 1000.0;

    session.layout.settle(layout_steps);
    session.layout.pause();
    view.camera.follow = true;
    let mut samples = Vec::with_capacity(frames);
    for k in 0..frames {
        let t = k as f32 / frames.max(1) as f32;
        let pointer = Pos2::new(100.0 + 600.0 * t, 150.0 + 500.0 * (t * 6.0).sin().abs());
        let started = Instant::now();
        run_frame(&mut session, &mut view, &lens, pointer);
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    FrameBench {
        nodes,
        edges,
        first_frame_ms,
        frame_ms: median(samples),
        peak_memory_mib: peak_memory_mib(),
    }
}
