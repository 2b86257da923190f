//! Layout benchmarks behind `chainsight bench layout`: the median time of one step of our
//! ForceAtlas2 and of egui_graphs' Fruchterman–Reingold on the same generated network, and
//! how soon the multilevel layout (and, for comparison, single-level ForceAtlas2) lays its
//! planted communities apart.

use std::time::Instant;

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState};
use petgraph::stable_graph::StableGraph;

use crate::generate::{GraphSpec, generate};
use crate::layout::forceatlas2::{Fa2Settings, ForceAtlas2};
use crate::layout::multilevel::Multilevel;
use crate::layout::{ForceLayout, LayoutPhase, start_positions};
use crate::model::adjacency::Adjacency;

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

/// Above this many nodes, `bench layout` skips egui_graphs' Fruchterman–Reingold unless asked
/// (one of its steps takes about a minute at 100,000 nodes).
pub const FR_COMPARISON_MAX_NODES: usize = 20_000;

/// Seed of the multilevel layout's coarsening and jitter in the benchmark.
pub const MULTILEVEL_SEED: u64 = 1;

/// What `bench layout` runs.
#[derive(Clone, Debug)]
pub struct LayoutBenchParams {
    pub nodes: usize,
    pub edges: usize,
    pub settings: Fa2Settings,
    /// Steps of ForceAtlas2 to time.
    pub steps: usize,
    /// Seconds to spend timing egui_graphs' FR (at least 3 steps).
    pub fr_budget_s: f64,
    /// Seconds single-level ForceAtlas2 may take to untangle the communities.
    pub settle_budget_s: f64,
    /// Time egui_graphs' FR even above [`FR_COMPARISON_MAX_NODES`].
    pub compare_fr: bool,
}

impl LayoutBenchParams {
    /// `bench layout`'s defaults for a network of this size.
    pub fn new(nodes: usize, edges: usize) -> Self {
        Self {
            nodes,
            edges,
            settings: Fa2Settings::default(),
            steps: 30,
            fr_budget_s: 10.0,
            settle_budget_s: 10.0,
            compare_fr: false,
        }
    }
}

/// What one benchmark run measured.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LayoutBench {
    pub nodes: usize,
    pub edges: usize,
    pub theta: f32,
    /// Median milliseconds per step of Chainsight's ForceAtlas2.
    pub ours_ms: f64,
    /// Median milliseconds per step of egui_graphs' Fruchterman–Reingold (NaN, `null` in
    /// JSON, when skipped).
    pub egui_graphs_fr_ms: f64,
    /// How many times faster ours is (NaN, `null` in JSON, when FR was skipped).
    pub ratio: f64,
    pub ours_steps: usize,
    pub fr_steps: usize,
    /// Whether FR was skipped (above [`FR_COMPARISON_MAX_NODES`] without `compare_fr`).
    pub fr_skipped: bool,
    /// Seconds of the multilevel layout (coarsening included, from nothing) until the planted
    /// communities are untangled (see [`community_coherence`]), or `None` if it ends without.
    pub untangled_s: Option<f64>,
    /// Coherence when the multilevel layout ends.
    pub coherence: f64,
    /// [`coherence_ceiling`]: about the most a layout from the links alone can score here.
    pub coherence_ceiling: f64,
    /// Coherence against the communities' median positions when the multilevel layout ends
    /// (see [`community_coherence_median`]).
    pub coherence_median: f64,
    /// Space between communities when the multilevel layout ends (see
    /// [`community_separation`]).
    pub separation: f64,
    /// Seconds of the whole multilevel layout, to its last refinement step.
    pub multilevel_s: f64,
    /// Levels of the multilevel hierarchy, the original graph included.
    pub levels: usize,
    /// Seconds the app's layout takes from nothing until it comes to rest: the multilevel
    /// start, then annealing and overlap removal (or `None` past [`REST_MAX_STEPS`] steps,
    /// or for networks too small for a multilevel start, which this does not time).
    pub at_rest_s: Option<f64>,
    /// Coherence and separation of the app's layout at rest (NaN, `null` in JSON, if not
    /// timed).
    pub at_rest_coherence: f64,
    pub at_rest_separation: f64,
    /// Seconds of single-level ForceAtlas2 (from the sunflower spiral) until untangled, or
    /// `None` if not within the time allowed.
    pub single_level_untangled_s: Option<f64>,
    /// Coherence and separation of single-level ForceAtlas2 when timing stopped.
    pub single_level_coherence: f64,
    pub single_level_separation: f64,
}

/// Each node's planted community, from the `community` attribute `generate` writes.
pub fn communities(dataset: &crate::model::Dataset) -> Vec<usize> {
    dataset
        .entities
        .iter()
        .map(|e| {
            e.attributes
                .get("community")
                .and_then(|c| c.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// Mean position of each community's nodes (infinite for an empty community).
fn community_centres(positions: &[[f32; 2]], community_of: &[usize]) -> Vec<[f64; 2]> {
    let communities = community_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut sums = vec![[0.0f64; 3]; communities];
    for (p, &c) in positions.iter().zip(community_of) {
        sums[c][0] += f64::from(p[0]);
        sums[c][1] += f64::from(p[1]);
        sums[c][2] += 1.0;
    }
    sums.iter()
        .map(|s| {
            if s[2] > 0.0 {
                [s[0] / s[2], s[1] / s[2]]
            } else {
                [f64::INFINITY; 2]
            }
        })
        .collect()
}

/// Coordinate-wise median position of each community's nodes (infinite for an empty one).
fn community_medians(positions: &[[f32; 2]], community_of: &[usize]) -> Vec<[f64; 2]> {
    let communities = community_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<[f32; 2]>> = vec![Vec::new(); communities];
    for (p, &c) in positions.iter().zip(community_of) {
        members[c].push(*p);
    }
    members
        .iter_mut()
        .map(|m| {
            if m.is_empty() {
                return [f64::INFINITY; 2];
            }
            let middle = m.len() / 2;
            let mut median = [0.0; 2];
            for (axis, value) in median.iter_mut().enumerate() {
                m.select_nth_unstable_by(middle, |a, b| a[axis].total_cmp(&b[axis]));
                *value = f64::from(m[middle][axis]);
            }
            median
        })
        .collect()
}

/// Share of nodes whose nearest community centre (mean position of a community's nodes) is
/// their own community's: near 1 when the planted communities are laid out apart, near 0 for
/// a tangle. Issue 11's measure of "untangled".
pub fn community_coherence(positions: &[[f32; 2]], community_of: &[usize]) -> f64 {
    let centres = community_centres(positions, community_of);
    coherence_against(positions, community_of, &centres)
}

/// [`community_coherence`] against each community's coordinate-wise *median* position:
/// where the eye puts a community, which its few members elsewhere in the layout do not move.
pub fn community_coherence_median(positions: &[[f32; 2]], community_of: &[usize]) -> f64 {
    let centres = community_medians(positions, community_of);
    coherence_against(positions, community_of, &centres)
}

/// Share of nodes whose nearest of `centres` is their own community's.
fn coherence_against(positions: &[[f32; 2]], community_of: &[usize], centres: &[[f64; 2]]) -> f64 {
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

/// The [`community_coherence`] of an ideal layout that knows each node only by its links:
/// every community a dot, the dots evenly spread on a sunflower; each node on the dot of the
/// community most of its links go to (ties to the earliest listed, since which one is its own
/// cannot be told from the links), nodes with no link at the centre, where Chainsight gathers
/// them. A node with as many links out of its community as in, or more, may land on another
/// community's dot and drag its own community's mean across the layout; this is about as
/// high as a layout that places nodes by their links can expect to score on the graph.
pub fn coherence_ceiling(
    node_count: usize,
    pairs: &[(usize, usize)],
    community_of: &[usize],
) -> f64 {
    let communities = community_of.iter().copied().max().map_or(0, |m| m + 1);
    let dots: Vec<[f32; 2]> = start_positions(communities)
        .iter()
        .map(|p| [p.x, p.y])
        .collect();
    let neighbours = Adjacency::of_arcs(node_count, || {
        pairs
            .iter()
            .filter(|(a, b)| a != b)
            .flat_map(|&(a, b)| [(a, b), (b, a)])
    });
    let mut links_to = vec![0u32; communities];
    let positions: Vec<[f32; 2]> = (0..node_count)
        .map(|u| {
            let links = neighbours.of(u);
            for &v in links {
                links_to[community_of[v as usize]] += 1;
            }
            let mut most: Option<(u32, usize)> = None;
            for &v in links {
                let c = community_of[v as usize];
                if most.is_none_or(|(count, _)| links_to[c] > count) {
                    most = Some((links_to[c], c));
                }
            }
            for &v in links {
                links_to[community_of[v as usize]] = 0;
            }
            most.map_or([0.0, 0.0], |(_, c)| dots[c])
        })
        .collect();
    community_coherence(&positions, community_of)
}

/// Space between communities: the mean distance from a community's centre to the nearest
/// other community's centre, over the mean community radius (a community's nodes' mean
/// distance from its centre). Two touching discs of even density score 3 (the mean distance
/// from a disc's centre is two thirds of its radius); above that, there is space between
/// neighbouring communities; a tangle scores well below 1.
pub fn community_separation(positions: &[[f32; 2]], community_of: &[usize]) -> f64 {
    let centres = community_centres(positions, community_of);
    let mut radius = vec![[0.0f64; 2]; centres.len()];
    for (p, &c) in positions.iter().zip(community_of) {
        let centre = centres[c];
        radius[c][0] += (f64::from(p[0]) - centre[0]).hypot(f64::from(p[1]) - centre[1]);
        radius[c][1] += 1.0;
    }
    let present: Vec<usize> = (0..centres.len()).filter(|&c| radius[c][1] > 0.0).collect();
    if present.len() < 2 {
        return f64::NAN;
    }
    let mean_radius = present
        .iter()
        .map(|&c| radius[c][0] / radius[c][1])
        .sum::<f64>()
        / present.len() as f64;
    let mean_nearest = present
        .iter()
        .map(|&c| {
            present
                .iter()
                .filter(|&&d| d != c)
                .map(|&d| (centres[c][0] - centres[d][0]).hypot(centres[c][1] - centres[d][1]))
                .fold(f64::INFINITY, f64::min)
        })
        .sum::<f64>()
        / present.len() as f64;
    mean_nearest / mean_radius.max(1e-9)
}

/// Coherence at which the communities count as untangled.
pub const UNTANGLED: f64 = 0.8;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// [`layout_with`] with FR skipped above [`FR_COMPARISON_MAX_NODES`] nodes.
pub fn layout(
    nodes: usize,
    edges: usize,
    settings: &Fa2Settings,
    steps: usize,
    fr_budget_s: f64,
    settle_budget_s: f64,
) -> LayoutBench {
    layout_with(&LayoutBenchParams {
        settings: settings.clone(),
        steps,
        fr_budget_s,
        settle_budget_s,
        ..LayoutBenchParams::new(nodes, edges)
    })
}

/// Times `steps` steps of ForceAtlas2 (after a few warm-up steps) and, unless skipped, enough
/// steps of egui_graphs' FR to fill about `fr_budget_s` seconds (at least 3). Times the
/// multilevel layout from nothing until the planted communities are untangled and to its end,
/// and single-level ForceAtlas2 from the sunflower spiral for at most `settle_budget_s`.
pub fn layout_with(params: &LayoutBenchParams) -> LayoutBench {
    let (nodes, edges, settings, steps) =
        (params.nodes, params.edges, &params.settings, params.steps);
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
    let start_xy: Vec<[f32; 2]> = start.iter().map(|p| [p.x, p.y]).collect();
    let community_of = communities(&dataset);

    let mut ours = ForceAtlas2::new(
        Fa2Settings {
            theta,
            ..Fa2Settings::default()
        },
        nodes,
        &pairs,
    );
    ours.set_positions(&start_xy);
    for _ in 0..3 {
        ours.step();
    }
    let mut ours_samples = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        ours.step();
        ours_samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }

    let multilevel = time_multilevel(nodes, &pairs, settings, &community_of);
    let rest = time_until_rest(&dataset, &community_of);

    // Single-level, from the spiral: how long until the communities stand apart? Measuring is
    // not part of the layout's time.
    let mut settling = ForceAtlas2::new(settings.clone(), nodes, &pairs);
    settling.set_positions(&start_xy);
    let mut layout_s = 0.0;
    let mut single_level_coherence = community_coherence(settling.positions(), &community_of);
    let mut single_level_untangled_s = None;
    while layout_s < params.settle_budget_s {
        let t = Instant::now();
        for _ in 0..10 {
            settling.step();
        }
        layout_s += t.elapsed().as_secs_f64();
        single_level_coherence = community_coherence(settling.positions(), &community_of);
        if single_level_coherence >= UNTANGLED {
            single_level_untangled_s = Some(layout_s);
            break;
        }
    }
    let single_level_separation = community_separation(settling.positions(), &community_of);

    let fr_skipped = nodes > FR_COMPARISON_MAX_NODES && !params.compare_fr;
    let mut fr_samples = Vec::new();
    if !fr_skipped {
        let mut graph = fr_graph(&pairs, &start);
        let view = Rect::from_center_size(Pos2::ZERO, Vec2::splat(1000.0));
        let mut fr = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
        let fr_start = Instant::now();
        while fr_samples.len() < 3
            || (fr_start.elapsed().as_secs_f64() < params.fr_budget_s && fr_samples.len() < steps)
        {
            let t = Instant::now();
            fr.step(&mut graph, view);
            fr_samples.push(t.elapsed().as_secs_f64() * 1000.0);
        }
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
        fr_skipped,
        untangled_s: multilevel.untangled_s,
        coherence: multilevel.coherence,
        coherence_ceiling: coherence_ceiling(nodes, &pairs, &community_of),
        coherence_median: multilevel.coherence_median,
        separation: multilevel.separation,
        multilevel_s: multilevel.total_s,
        levels: multilevel.levels,
        at_rest_s: rest.seconds,
        at_rest_coherence: rest.coherence,
        at_rest_separation: rest.separation,
        single_level_untangled_s,
        single_level_coherence,
        single_level_separation,
    }
}

/// Steps after which [`time_until_rest`] gives up.
pub const REST_MAX_STEPS: u64 = 5_000;

/// What [`time_until_rest`] measured.
struct RestRun {
    seconds: Option<f64>,
    coherence: f64,
    separation: f64,
}

/// Runs the app's layout ([`ForceLayout`], on this thread) from nothing until it comes to
/// rest, for networks big enough for its multilevel start.
fn time_until_rest(dataset: &crate::model::Dataset, community_of: &[usize]) -> RestRun {
    let mut layout = ForceLayout::new(dataset);
    if !layout.is_preparing() {
        return RestRun {
            seconds: None,
            coherence: f64::NAN,
            separation: f64::NAN,
        };
    }
    let t = Instant::now();
    while layout.phase() == LayoutPhase::Running && layout.steps_taken() < REST_MAX_STEPS {
        layout.step();
    }
    let seconds = (layout.phase() == LayoutPhase::Converged).then(|| t.elapsed().as_secs_f64());
    let xy: Vec<[f32; 2]> = layout.positions().iter().map(|p| [p.x, p.y]).collect();
    RestRun {
        seconds,
        coherence: community_coherence(&xy, community_of),
        separation: community_separation(&xy, community_of),
    }
}

/// What one timed multilevel layout gave.
struct MultilevelRun {
    untangled_s: Option<f64>,
    total_s: f64,
    coherence: f64,
    coherence_median: f64,
    separation: f64,
    levels: usize,
}

/// Runs the multilevel layout from nothing, checking the coherence on the original graph
/// after prolongation and every few refinement steps (checks not timed).
fn time_multilevel(
    nodes: usize,
    pairs: &[(usize, usize)],
    settings: &Fa2Settings,
    community_of: &[usize],
) -> MultilevelRun {
    let t = Instant::now();
    let mut multilevel = Multilevel::prepare(nodes, pairs, settings, MULTILEVEL_SEED);
    let mut layout_s = t.elapsed().as_secs_f64();
    let mut untangled_s = None;
    loop {
        let c = community_coherence(multilevel.fa2.positions(), community_of);
        if untangled_s.is_none() && c >= UNTANGLED {
            untangled_s = Some(layout_s);
        }
        if multilevel.is_done() {
            break;
        }
        let t = Instant::now();
        for _ in 0..5 {
            multilevel.step();
        }
        layout_s += t.elapsed().as_secs_f64();
    }
    let positions = multilevel.fa2.positions();
    MultilevelRun {
        untangled_s,
        total_s: layout_s,
        coherence: community_coherence(positions, community_of),
        coherence_median: community_coherence_median(positions, community_of),
        separation: community_separation(positions, community_of),
        levels: multilevel.levels,
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
    /// Mean CPU time of the drawing thread over those frames (Linux only; 0 elsewhere): what
    /// the frame costs whatever else the machine is doing, at the clock's 10 ms resolution
    /// spread over all the frames.
    pub frame_cpu_ms: f64,
    /// Median of the same frames while the layout worker lays the network out (re-run gently
    /// from where the paused frames left it, again whenever it comes to rest, so the picture
    /// stays comparable: the bench's camera does not follow): what the window's thread pays
    /// for a layout in motion, sharing the cores with it and taking each new snapshot.
    pub layout_running_frame_ms: f64,
    /// Peak resident memory of the process so far, in MiB (Linux only; 0 elsewhere).
    pub peak_memory_mib: f64,
}

/// CPU time the calling thread has used, in seconds (user and system, from
/// `/proc/thread-self/stat`, in clock ticks of 10 ms); `None` where that file is not there.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (in parentheses, which may hold spaces): state is the
    // first, utime the 12th and stime the 13th.
    let after_name = stat.rsplit_once(')')?.1;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    // USER_HZ is 100 on every Linux the kernel exposes this way.
    Some((user + system) / 100.0)
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
/// `frames` frames with the layout paused after `layout_steps` ForceAtlas2 steps, then
/// `frames` frames while the layout worker runs.
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
    // The bundled fonts only: the figures must not depend on the machine's fonts.
    ctx.set_fonts(crate::ui::fonts::definitions(&[]));
    crate::ui::theme::apply(&ctx, &crate::palette::Palette::default());
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0));
    let mut filter = String::new();
    let mut view = crate::view::View::default();
    // The lens is computed once, as the app does: it changes only with the view.
    let mut run_frame = |session: &mut Session,
                         view: &crate::view::View,
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
                        arranged_by: None,
                    };
                    crate::ui::side_panel::show(ui, session, view, lens, state, &mut commands);
                });
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    crate::ui::graph_view::show(
                        ui,
                        session,
                        view,
                        lens,
                        None,
                        false,
                        &mut commands,
                    );
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
    run_frame(&mut session, &view, &lens, Pos2::new(400.0, 400.0));
    let first_frame_ms = start.elapsed().as_secs_f64() * 1000.0;

    session.layout.settle(layout_steps);
    session.layout.pause();
    view.camera.follow = true;
    let pointer_at = |k: usize| {
        let t = k as f32 / frames.max(1) as f32;
        Pos2::new(100.0 + 600.0 * t, 150.0 + 500.0 * (t * 6.0).sin().abs())
    };
    let mut samples = Vec::with_capacity(frames);
    let cpu_before = thread_cpu_seconds();
    for k in 0..frames {
        let started = Instant::now();
        run_frame(&mut session, &view, &lens, pointer_at(k));
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let frame_cpu_ms = cpu_before
        .zip(thread_cpu_seconds())
        .map_or(0.0, |(before, after)| {
            (after - before) * 1000.0 / frames.max(1) as f64
        });
    let frame_ms = median(samples);

    let mut samples = Vec::with_capacity(frames);
    for k in 0..frames {
        if session.layout.phase() != crate::layout::LayoutPhase::Running {
            session.layout.rerun();
        }
        let started = Instant::now();
        run_frame(&mut session, &view, &lens, pointer_at(k));
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    session.layout.pause();
    FrameBench {
        nodes,
        edges,
        first_frame_ms,
        frame_ms,
        frame_cpu_ms,
        layout_running_frame_ms: median(samples),
        peak_memory_mib: peak_memory_mib(),
    }
}

/// What the clusters benchmark measured: how well the clusters the app colours by recover
/// the planted communities of a generated network, and how long finding them takes.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ClustersBench {
    pub nodes: usize,
    pub edges: usize,
    /// Planted communities.
    pub communities: usize,
    /// Clusters found, and those of two entities or more.
    pub clusters: usize,
    pub clusters_of_two_or_more: usize,
    /// Share of nodes in the cluster most of their community is in: 1 when no community is
    /// split (unlinked nodes, alone in their cluster, keep it below 1).
    pub completeness: f64,
    /// Share of nodes in the community most of their cluster is from: 1 when no cluster
    /// mixes communities.
    pub purity: f64,
    /// Median of three runs of `Clusters::find`.
    pub ms: f64,
}

/// Finds the clusters of a generated network three times and scores them against its
/// planted communities.
pub fn clusters(nodes: usize, edges: usize) -> ClustersBench {
    use crate::model::communities::Clusters;
    let dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    let planted = communities(&dataset);
    let mut times = Vec::new();
    let mut found = Clusters::default();
    for _ in 0..3 {
        let start = Instant::now();
        found = Clusters::find(&dataset);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mut pairs: std::collections::HashMap<(usize, u32), usize> =
        std::collections::HashMap::new();
    for (&community, &cluster) in planted.iter().zip(&found.of) {
        *pairs.entry((community, cluster)).or_default() += 1;
    }
    let mut commonest_cluster: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    let mut commonest_community: std::collections::HashMap<u32, usize> =
        std::collections::HashMap::new();
    for (&(community, cluster), &count) in &pairs {
        let best = commonest_cluster.entry(community).or_default();
        *best = (*best).max(count);
        let best = commonest_community.entry(cluster).or_default();
        *best = (*best).max(count);
    }
    let share = |kept: usize| kept as f64 / nodes.max(1) as f64;
    ClustersBench {
        nodes,
        edges,
        communities: commonest_cluster.len(),
        clusters: found.sizes.len(),
        clusters_of_two_or_more: found.sizes.iter().filter(|&&s| s >= 2).count(),
        completeness: share(commonest_cluster.values().sum()),
        purity: share(commonest_community.values().sum()),
        ms: median(times),
    }
}

/// What the search benchmark measured: each query's hits and milliseconds (median of
/// three runs, each word's count alone included when nothing matches, as the app runs it).
#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchBench {
    pub nodes: usize,
    pub edges: usize,
    pub queries: Vec<SearchTiming>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchTiming {
    pub query: String,
    pub hits: usize,
    pub ms: f64,
}

/// Times searches a user may type on a generated network: a name, a word every entity has,
/// a relation kind, a name with a typo (the close pass), and words that find nothing.
pub fn search(nodes: usize, edges: usize) -> SearchBench {
    use crate::view::search;
    let dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    let name = format!("Node {}", nodes / 3);
    let typo = format!("Nide {}", nodes / 3);
    let queries = [
        name.as_str(),
        "node",
        "supplied",
        "\"partnered with\"",
        typo.as_str(),
        "zzzz",
        "zzzz node",
    ];
    let queries = queries
        .iter()
        .map(|&query| {
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..3 {
                let start = Instant::now();
                let found = search::search(&dataset, query);
                if found.is_empty() {
                    std::hint::black_box(search::each_term_alone(&dataset, query));
                }
                times.push(start.elapsed().as_secs_f64() * 1000.0);
                hits = found.len();
            }
            SearchTiming {
                query: query.to_owned(),
                hits,
                ms: median(times),
            }
        })
        .collect();
    SearchBench {
        nodes,
        edges,
        queries,
    }
}

/// What the lens benchmark measured: for each view a user may ask for, how many entities it
/// leaves shown and the milliseconds one lens takes (median of five): the work the window
/// does on the click, before it draws.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LensBench {
    pub nodes: usize,
    pub edges: usize,
    pub views: Vec<LensTiming>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct LensTiming {
    pub view: String,
    pub shown_entities: usize,
    pub ms: f64,
}

/// Times the lens on a generated network, its relations dated over 20 years, for the views a
/// click gives: nothing, an entity or a relation selected, a search, a kind hidden, a time
/// window, a two-hop focus.
pub fn lens(nodes: usize, edges: usize) -> LensBench {
    use crate::model::{EntityIdx, EntityKind, Network, RelationIdx};
    use crate::view::{Direction, Focus, Lens, OutsideFocus, Selection, TimeWindow, View};
    let mut dataset = generate(GraphSpec {
        nodes,
        edges,
        communities: 0,
        seed: 1,
    });
    // Dated as an investigation's links are, some to the day: the time window reads them.
    for (i, relation) in dataset.relations.iter_mut().enumerate() {
        let year = 2000 + i % 20;
        relation.when.date = Some(match i % 3 {
            0 => year.to_string(),
            1 => format!("{year}-{:02}", 1 + i % 12),
            _ => format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        });
    }
    let network = Network::build(&dataset);
    let hub = (0..nodes)
        .map(EntityIdx)
        .max_by_key(|&e| network.incident(e).len())
        .unwrap_or(EntityIdx(0));
    let selected = View {
        selection: Selection::Entity(hub),
        ..View::default()
    };
    let mut kind_hidden = View::default();
    kind_hidden
        .filters
        .hidden_entity_kinds
        .insert(EntityKind::Person);
    let views = [
        ("nothing", View::default()),
        ("the biggest hub selected", selected.clone()),
        (
            "a relation selected",
            View {
                selection: Selection::Relation(RelationIdx(0)),
                ..View::default()
            },
        ),
        (
            "a search for one name",
            View {
                search: format!("Node {}", nodes / 3),
                ..View::default()
            },
        ),
        ("a kind hidden", kind_hidden),
        (
            "years 2000 to 2010",
            View {
                time: Some(TimeWindow::years(2000, 2010, true)),
                ..View::default()
            },
        ),
        (
            "the hub, focus 2 hops",
            View {
                focus: Some(Focus {
                    hops: 2,
                    direction: Direction::Both,
                    outside: OutsideFocus::Hide,
                }),
                ..selected
            },
        ),
    ];
    let searching = View {
        search: format!("Node {}", nodes / 3),
        ..View::default()
    };
    let searched = Lens::compute(&dataset, &network, &searching);
    let mut views: Vec<LensTiming> = views
        .into_iter()
        .map(|(what, view)| time_lens(&dataset, &network, what, &view, None))
        .collect();
    // The window's case: the lens before had the same query, and its hits are reused.
    let clicked = View {
        selection: Selection::Entity(hub),
        ..searching.clone()
    };
    views.push(time_lens(
        &dataset,
        &network,
        "a click while searching",
        &clicked,
        Some((&searching.search, &searched)),
    ));
    LensBench {
        nodes,
        edges,
        views,
    }
}

/// The median of five lenses of `view` (after `previous`, a query and its lens, if given),
/// and how many entities it shows.
fn time_lens(
    dataset: &crate::model::Dataset,
    network: &crate::model::Network,
    what: &str,
    view: &crate::view::View,
    previous: Option<(&str, &crate::view::Lens)>,
) -> LensTiming {
    use crate::model::EntityIdx;
    use crate::view::Lens;
    let mut times = Vec::new();
    let mut shown_entities = 0;
    for _ in 0..5 {
        let previous = previous.map(|(query, lens)| (query, lens.clone()));
        let start = Instant::now();
        let lens = Lens::compute_after(dataset, network, view, previous);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        shown_entities = (0..dataset.entities.len())
            .filter(|&i| lens.shows_entity(EntityIdx(i)))
            .count();
    }
    LensTiming {
        view: what.to_owned(),
        shown_entities,
        ms: median(times),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three communities of four, each a dot on a line, and one member of community 0 far out
    /// beyond community 2.
    fn dots_with_one_far_member() -> (Vec<[f32; 2]>, Vec<usize>) {
        let mut positions = Vec::new();
        let mut community_of = Vec::new();
        for c in 0..3 {
            for _ in 0..4 {
                positions.push([c as f32 * 10.0, 0.0]);
                community_of.push(c);
            }
        }
        positions[0] = [60.0, 0.0];
        (positions, community_of)
    }

    #[test]
    fn the_lens_benchmark_times_the_views_it_names() {
        let result = lens(1_000, 5_000);
        let shown = |what: &str| {
            result
                .views
                .iter()
                .find(|t| t.view == what)
                .map_or_else(|| panic!("no view {what}"), |t| t.shown_entities)
        };
        assert_eq!(result.views.len(), 8);
        assert_eq!(shown("a click while searching"), 1_000);
        assert_eq!(shown("nothing"), 1_000);
        assert_eq!(
            shown("the biggest hub selected"),
            1_000,
            "a selection hides nothing"
        );
        // One kind in five is hidden, and a focus keeps a neighbourhood.
        assert_eq!(shown("a kind hidden"), 800);
        let focused = shown("the hub, focus 2 hops");
        assert!(focused > 1 && focused < 1_000, "{focused}");
        assert!(result.views.iter().all(|t| t.ms >= 0.0 && t.ms.is_finite()));
    }

    #[test]
    fn a_far_member_drags_the_mean_but_not_the_median() {
        let (positions, community_of) = dots_with_one_far_member();
        // Community 0's mean moves to 15, nearer community 1's dot at 10 than its own three
        // members at 0 are; the far member itself is nearest community 2's centre.
        assert!((community_coherence(&positions, &community_of) - 8.0 / 12.0).abs() < 1e-9);
        // The median stays at 0: only the far member is misplaced.
        assert!((community_coherence_median(&positions, &community_of) - 11.0 / 12.0).abs() < 1e-9);
    }

    #[test]
    fn the_ceiling_is_one_when_links_tell_every_node_its_community() {
        // Two triangles joined by one link.
        let pairs = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)];
        let community_of = [0, 0, 0, 1, 1, 1];
        assert_eq!(coherence_ceiling(6, &pairs, &community_of), 1.0);
    }

    #[test]
    fn the_ceiling_falls_when_a_node_links_mostly_outside_its_community() {
        // Three triangles; node 0 of the first links twice into the third and once home.
        let mut pairs = vec![(1, 2), (0, 1)];
        pairs.extend([
            (3, 4),
            (4, 5),
            (5, 3),
            (6, 7),
            (7, 8),
            (8, 6),
            (0, 6),
            (0, 7),
        ]);
        let community_of = [0, 0, 0, 1, 1, 1, 2, 2, 2];
        let ceiling = coherence_ceiling(9, &pairs, &community_of);
        assert!(ceiling < 1.0, "{ceiling}");
    }
}
