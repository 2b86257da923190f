//! Native → format → native keeps every entity, relation and evidence item the format can
//! carry. All five export formats carry everything Chainsight has, so the comparison is whole.

mod common;

use chainsight::formats::{self, ExportFormat};
use chainsight::model::{Dataset, EntityIdx};
use common::essentials;

/// A dataset that uses every field: the built-in one plus attributes, weights, undirected
/// relations, URLs and positions, which it does not use itself.
fn rich_dataset() -> Dataset {
    let mut dataset = formats::load_builtin().unwrap().dataset;
    dataset.entities[0].url = Some("https://example.org/entity?a=1&b=<2>".into());
    dataset.entities[0]
        .attributes
        .insert("founded".into(), "1911".into());
    dataset.entities[1]
        .attributes
        .insert("note".into(), "quotes \"inside\" & ampersands".into());
    dataset.relations[0].weight = Some(2.5);
    dataset.relations[0].directed = false;
    dataset.relations[1]
        .attributes
        .insert("amount".into(), "$100M".into());
    // Speakers and source texts, whether or not the built-in dataset has them yet.
    dataset.relations[2].evidence[0].speaker = Some(chainsight::model::Speaker {
        name: "Eva Blum-Dumontet".into(),
        role: Some("senior researcher, Privacy International".into()),
        entity_id: Some(dataset.entities[3].entity_id.clone()),
    });
    dataset.relations[3].evidence[0].speaker = Some(chainsight::model::Speaker {
        name: "A spokesperson".into(),
        role: None,
        entity_id: None,
    });
    dataset.sources[0].text_file = Some("texts/article.html".into());
    dataset.positions.push((
        EntityIdx(2),
        chainsight::model::Position { x: 12.5, y: -40.0 },
    ));
    dataset
}

fn round_trip(format: ExportFormat) {
    let original = rich_dataset();
    let text = format.write(&original);
    let name = format!("round-trip.{}", format.extension());
    let loaded =
        formats::load_bytes(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    assert!(
        loaded.report.warnings.is_empty(),
        "{format:?}: {:#?}",
        loaded.report.warnings
    );
    let (before, after) = (essentials(&original), essentials(&loaded.dataset));
    for (key, value) in &before {
        assert_eq!(after.get(key), Some(value), "{format:?} changed {key}");
    }
    assert_eq!(before.len(), after.len(), "{format:?} added records");
}

#[test]
fn chainsight_round_trip() {
    round_trip(ExportFormat::Chainsight);
}

#[test]
fn jgf_round_trip() {
    round_trip(ExportFormat::Jgf);
}

#[test]
fn networkx_round_trip() {
    round_trip(ExportFormat::Networkx);
}

#[test]
fn gexf_round_trip() {
    round_trip(ExportFormat::Gexf);
}

#[test]
fn graphml_round_trip() {
    round_trip(ExportFormat::Graphml);
}
