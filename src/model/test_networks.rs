//! Small datasets for unit tests, written as the relations that make them.

use std::collections::BTreeMap;

use super::{Dataset, EntityIdx, Relation, RelationKind, RelationStatus, When};
use crate::formats::native;

/// A relation from entity 0 to entity 1 of `kind`, with `label`: reported, directed, with
/// no evidence, date or weight.
pub fn bare_relation(kind: RelationKind, label: Option<&str>) -> Relation {
    Relation {
        relation_id: "r".into(),
        source: EntityIdx(0),
        target: EntityIdx(1),
        kind,
        label: label.map(str::to_owned),
        when: When::default(),
        status: RelationStatus::Reported,
        evidence: Vec::new(),
        directed: true,
        weight: None,
        attributes: BTreeMap::new(),
    }
}

/// A dataset whose entities are the ids named in `relations` (each entity named as its id),
/// one relation per `(id, source, kind, target, status)`, each with one quote.
pub fn network_of(relations: &[(&str, &str, &str, &str, &str)]) -> Dataset {
    let mut ids: Vec<&str> = relations.iter().flat_map(|r| [r.1, r.3]).collect();
    ids.sort_unstable();
    ids.dedup();
    let entities: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "name": "{id}"}}"#))
        .collect();
    let relations: Vec<String> = relations
        .iter()
        .map(|(id, source, kind, target, status)| {
            format!(
                r#"{{"id": "{id}", "source": "{source}", "target": "{target}", "kind": "{kind}",
                    "status": "{status}", "evidence": [{{"quote": "q", "source": "s"}}]}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "chainsight", "version": 1, "sources": [{{"id": "s", "title": "S"}}],
            "entities": [{}], "relations": [{}]}}"#,
        entities.join(","),
        relations.join(",")
    );
    native::read("test-network.json", &text)
        .expect("a well-formed test network")
        .dataset
}
