//! Criterion benchmarks of one layout step: Chainsight's ForceAtlas2 (Barnes–Hut, theta 1.2)
//! at 1k/5k, 10k/50k and 50k/250k, and egui_graphs' Fruchterman–Reingold at 1k/5k (its n²
//! step makes larger sizes take minutes per sample; `chainsight bench layout` times them).
//! Run with `cargo bench --bench layout`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, Vec2};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState};

use chainsight::bench::{fr_graph, network};
use chainsight::layout::forceatlas2::{Fa2Settings, ForceAtlas2};

fn forceatlas2(c: &mut Criterion) {
    let mut group = c.benchmark_group("forceatlas2_step");
    group.sample_size(20);
    for (nodes, edges) in [(1_000, 5_000), (10_000, 50_000), (50_000, 250_000)] {
        let (pairs, start) = network(nodes, edges);
        let mut layout = ForceAtlas2::new(Fa2Settings::default(), nodes, &pairs);
        layout.set_positions(&start.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>());
        group.bench_function(format!("{nodes}_{edges}"), |b| b.iter(|| layout.step()));
    }
    group.finish();
}

fn fruchterman_reingold(c: &mut Criterion) {
    let mut group = c.benchmark_group("egui_graphs_fr_step");
    group.sample_size(20);
    let (nodes, edges) = (1_000, 5_000);
    let (pairs, start) = network(nodes, edges);
    let mut graph = fr_graph(&pairs, &start);
    let view = Rect::from_center_size(Pos2::ZERO, Vec2::splat(1000.0));
    let mut fr = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
    group.bench_function(format!("{nodes}_{edges}"), |b| {
        b.iter(|| fr.step(&mut graph, view));
    });
    group.finish();
}

criterion_group!(benches, forceatlas2, fruchterman_reingold);
criterion_main!(benches);
