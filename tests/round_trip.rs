//! Native → format → native keeps every entity, relation and evidence item the format can
//! carry. All five export formats carry everything Chainsight has, so the comparison is whole.

use std::collections::BTreeMap;

use chainsight::formats::{self, ExportFormat};
use chainsight::model::{Dataset, EntityIdx, SourceIdx};

/// Everything about a dataset that must survive a round trip, with indices replaced by ids so
/// that two datasets can be compared whatever their internal order.
fn essentials(d: &Dataset) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let source = |idx: Option<SourceIdx>| {
        idx.and_then(|i| d.source(i)).map(|s| {
            format!(
                "{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}",
                s.source_id, s.title, s.kind, s.author, s.publisher, s.date, s.url
            )
        })
    };
    let entity_id = |idx: EntityIdx| {
        d.entity(idx)
            .map(|e| e.entity_id.clone())
            .unwrap_or_default()
    };
    for e in &d.entities {
        out.insert(
            format!("entity {}", e.entity_id),
            format!(
                "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                e.name, e.kind, e.aliases, e.country, e.description, e.url, e.attributes
            ),
        );
    }
    for r in &d.relations {
        let evidence: Vec<String> = r
            .evidence
            .iter()
            .map(|ev| {
                let cites: Vec<_> = ev.cites.iter().map(|&c| source(Some(c))).collect();
                format!(
                    "{}|{:?}|{:?}|{:?}|{:?}",
                    ev.quote,
                    source(ev.source),
                    ev.locator,
                    cites,
                    ev.note
                )
            })
            .collect();
        out.insert(
            format!("relation {}", r.relation_id),
            format!(
                "{}->{}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
                entity_id(r.source),
                entity_id(r.target),
                r.kind,
                r.label,
                r.when,
                r.status,
                r.directed,
                r.weight,
                r.attributes,
                evidence
            ),
        );
    }
    for (idx, p) in &d.positions {
        out.insert(
            format!("position {}", entity_id(*idx)),
            format!("{:.3},{:.3}", p.x, p.y),
        );
    }
    out.insert("title".into(), d.metadata.title.clone());
    out
}

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
