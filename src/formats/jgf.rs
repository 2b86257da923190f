//! Export to JSON Graph Format v2 (jsongraphformat.info): nodes as a map keyed by entity id,
//! entity name in `label`, kind in `metadata.kind`; edges carry the relation kind in
//! `relation` and the quotes in `metadata.evidence[].quote`.

use serde_json::{Map, Value, json};

use crate::model::{Dataset, Evidence, SourceIdx};

/// Writes `dataset` as a pretty-printed JGF v2 document.
pub fn write(dataset: &Dataset) -> String {
    let nodes: Map<String, Value> = dataset
        .entities
        .iter()
        .map(|entity| {
            let mut metadata = Map::new();
            metadata.insert("kind".into(), json!(entity.kind.as_str()));
            insert_some(&mut metadata, "country", entity.country.as_deref());
            insert_some(&mut metadata, "description", entity.description.as_deref());
            if !entity.aliases.is_empty() {
                metadata.insert("aliases".into(), json!(entity.aliases));
            }
            (
                entity.entity_id.clone(),
                json!({ "label": entity.name, "metadata": metadata }),
            )
        })
        .collect();

    let edges: Vec<Value> = dataset
        .relations
        .iter()
        .map(|relation| {
            let endpoint = |idx| dataset.entity(idx).map(|e| e.entity_id.clone());
            let mut metadata = Map::new();
            metadata.insert("status".into(), json!(relation.status.as_str()));
            insert_some(&mut metadata, "date", relation.when.date.as_deref());
            insert_some(&mut metadata, "start", relation.when.start.as_deref());
            insert_some(&mut metadata, "end", relation.when.end.as_deref());
            metadata.insert(
                "evidence".into(),
                relation
                    .evidence
                    .iter()
                    .map(|e| evidence(dataset, e))
                    .collect(),
            );
            let mut edge = json!({
                "id": relation.relation_id,
                "source": endpoint(relation.source),
                "target": endpoint(relation.target),
                "relation": relation.kind.as_str(),
                "directed": true,
                "metadata": metadata,
            });
            if let (Some(label), Some(object)) = (&relation.label, edge.as_object_mut()) {
                object.insert("label".into(), json!(label));
            }
            edge
        })
        .collect();

    let document = json!({
        "graph": {
            "label": dataset.metadata.title,
            "directed": true,
            "type": "chainsight",
            "metadata": {
                "description": dataset.metadata.description,
                "authors": dataset.metadata.authors,
                "license": dataset.metadata.license,
                "sources": dataset.sources.iter().map(|s| json!({
                    "id": s.source_id, "title": s.title, "kind": s.kind.as_str(),
                    "author": s.author, "publisher": s.publisher, "date": s.date, "url": s.url,
                })).collect::<Vec<_>>(),
            },
            "nodes": nodes,
            "edges": edges,
        }
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

fn evidence(dataset: &Dataset, evidence: &Evidence) -> Value {
    let source_id = |idx: SourceIdx| dataset.source(idx).map(|s| s.source_id.clone());
    let source = evidence.source.and_then(|idx| dataset.source(idx));
    let mut item = Map::new();
    item.insert("quote".into(), json!(evidence.quote));
    item.insert("source".into(), json!(evidence.source.and_then(source_id)));
    insert_some(&mut item, "source_title", source.map(|s| s.title.as_str()));
    insert_some(&mut item, "url", source.and_then(|s| s.url.as_deref()));
    insert_some(&mut item, "locator", evidence.locator.as_deref());
    if !evidence.cites.is_empty() {
        let cites: Vec<_> = evidence
            .cites
            .iter()
            .filter_map(|&c| source_id(c))
            .collect();
        item.insert("cites".into(), json!(cites));
    }
    insert_some(&mut item, "note", evidence.note.as_deref());
    Value::Object(item)
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}
