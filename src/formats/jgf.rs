//! JSON Graph Format (jsongraphformat.info). Export writes v2: nodes as a map keyed by
//! entity id, entity name in `label`, kind in `metadata.kind` (the file's own type where it
//! was none of Chainsight's), attributes in `metadata` (`attribute:NAME` where named like a
//! field); edges carry the relation kind in `relation` and the quotes in
//! `metadata.evidence[].quote`. Import reads v1 (nodes as a list) and v2, single graphs and
//! `graphs` documents (one graph opened, the others offered), and reads back everything the
//! export writes.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::Loaded;
use super::attributes;
use super::fields::{
    Misfit, edge_from_fields, flatten_nested, id_text, into_array, into_object, node_from_fields,
    not_read_note, read_evidence, read_sources, scalar_text, unread_edge_count,
};
use super::hyperedges::Expanded;
pub use super::hyperedges::MAX_PAIRS_PER_HYPEREDGE;
use super::import::GraphBuilder;
use super::native::{RawSource, RawSpeaker};
use crate::model::{Dataset, Evidence, SourceIdx};
use crate::words::counted;

/// Writes `dataset` as a pretty-printed JGF v2 document.
pub fn write(dataset: &Dataset) -> String {
    let positions: std::collections::HashMap<usize, crate::model::Position> = dataset
        .positions
        .iter()
        .map(|(idx, p)| (idx.0, *p))
        .collect();
    let nodes: Map<String, Value> = dataset
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| {
            let mut metadata = Map::new();
            metadata.insert("kind".into(), json!(attributes::written_kind(entity)));
            insert_some(&mut metadata, "url", entity.url.as_deref());
            if let Some(position) = positions.get(&index) {
                metadata.insert("x".into(), json!(position.x));
                metadata.insert("y".into(), json!(position.y));
            }
            insert_some(&mut metadata, "country", entity.country.as_deref());
            insert_some(&mut metadata, "description", entity.description.as_deref());
            if !entity.aliases.is_empty() {
                metadata.insert("aliases".into(), json!(entity.aliases));
            }
            attributes::insert_attributes(
                &mut metadata,
                attributes::entity_attributes(entity),
                attributes::is_node_name,
            );
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
            if let Some(weight) = relation.weight {
                metadata.insert("weight".into(), json!(weight));
            }
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
            attributes::insert_attributes(
                &mut metadata,
                relation.attributes.iter(),
                attributes::is_edge_name,
            );
            let mut edge = json!({
                "id": relation.relation_id,
                "source": endpoint(relation.source),
                "target": endpoint(relation.target),
                "relation": relation.kind.as_str(),
                "directed": relation.directed,
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
                "sources": dataset.sources.iter().map(RawSource::from_model).collect::<Vec<_>>(),
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
    if let Some(speaker) = &evidence.speaker {
        item.insert("speaker".into(), json!(RawSpeaker::from_model(speaker)));
    }
    Value::Object(item)
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}

/// Reads a JGF document: `{"graph": ...}` or `{"graphs": [...]}`, opening graph
/// `graph_index` (the first by default) of a multi-graph document.
pub fn read(
    file: &str,
    mut document: Map<String, Value>,
    graph_index: Option<usize>,
) -> Result<Loaded, Misfit> {
    let (graph, json_path, others) = select_graph(&mut document, graph_index)?;
    let mut graph = into_object(graph, &json_path, "a graph")?;
    let nodes_are_map = graph.get("nodes").is_some_and(Value::is_object);
    let version = if nodes_are_map { "v2" } else { "v1" };
    let mut builder = GraphBuilder::new(file, format!("JSON Graph Format {version}"));
    if !others.is_empty() {
        builder.note(format!(
            "this file holds {} graphs; opened {json_path}",
            others.len() + 1
        ));
        builder.set_other_graphs(others);
    }
    let directed = graph
        .remove("directed")
        .and_then(|d| d.as_bool())
        .unwrap_or(true);
    if let Some(label) = graph.remove("label").as_ref().and_then(scalar_text) {
        builder.metadata_mut().title = label;
    }
    let mut metadata = match graph.remove("metadata") {
        Some(Value::Object(metadata)) => metadata,
        _ => Map::new(),
    };
    if let Some(description) = metadata
        .remove("description")
        .as_ref()
        .and_then(scalar_text)
    {
        builder.metadata_mut().description = Some(description);
    }
    if let Some(Value::Array(authors)) = metadata.remove("authors") {
        builder.metadata_mut().authors = authors.iter().filter_map(scalar_text).collect();
    }
    builder.metadata_mut().license = metadata.remove("license").as_ref().and_then(scalar_text);
    let sources = read_sources(&mut builder, metadata.get("sources"));
    metadata.remove("sources");
    for (key, value) in &metadata {
        builder.note(format!(
            "graph metadata {key} = {}",
            super::import::attribute_text(value)
        ));
    }

    read_nodes(&mut builder, graph.remove("nodes"), &json_path)?;

    read_edges(&mut builder, &mut graph, &json_path, directed, &sources)?;
    report_unread(&mut builder, &graph, &json_path, &document);
    Ok(builder.finish())
}

/// The type Chainsight's own export gives its graph, which says nothing more.
const OWN_GRAPH_TYPE: &str = "chainsight";

/// Names what the graph (at `json_path`) and the document around it hold that was not read:
/// a list of edges under another name (`links`, Arrows.app's `relationships`) is a warning,
/// since its links are missing from the graph; every other key is named in one note, the
/// graph's `type` and `id` with their values (the spec's `type` is free text, "movie
/// characters", which the dataset has no place for).
fn report_unread(
    builder: &mut GraphBuilder,
    graph: &Map<String, Value>,
    json_path: &str,
    document: &Map<String, Value>,
) {
    let graph_keys = graph
        .iter()
        .map(|(key, value)| (format!("{json_path}.{key}"), key, value));
    let document_keys = document
        .iter()
        .map(|(key, value)| (key.clone(), key, value));
    let mut unread = Vec::new();
    for (path, key, value) in graph_keys.chain(document_keys) {
        if let Some(count) = unread_edge_count(value) {
            let arrows = if key == "relationships" {
                " (Arrows.app saves its diagrams' links so, but a graph with \"edges\" beside them \
                 is read as JGF, not as an Arrows.app diagram)"
            } else {
                ""
            };
            builder.warn(
                path,
                format!(
                    "{} not read — JGF calls them \"edges\"{arrows}",
                    counted(count, "object", "objects")
                ),
            );
            continue;
        }
        match (key.as_str(), value) {
            ("type", Value::String(own)) if own == OWN_GRAPH_TYPE => {}
            ("type" | "id", value) if !value.is_object() && !value.is_array() => {
                unread.push(format!("{path} ({})", super::fields::describe(value)));
            }
            _ => unread.push(path),
        }
    }
    if let Some(note) = not_read_note("not read", &unread) {
        builder.note(note);
    }
}

/// Reads the edges and hyperedges of `graph` into `builder`.
fn read_edges(
    builder: &mut GraphBuilder,
    graph: &mut Map<String, Value>,
    json_path: &str,
    directed: bool,
    sources: &HashMap<String, SourceIdx>,
) -> Result<(), Misfit> {
    let edges = into_array(
        graph.remove("edges").unwrap_or(Value::Array(Vec::new())),
        &format!("{json_path}.edges"),
        "edges",
    )?;
    // JGF v2 keeps hyperedges apart; some files put them among the edges.
    let hyperedges = into_array(
        graph
            .remove("hyperedges")
            .unwrap_or(Value::Array(Vec::new())),
        &format!("{json_path}.hyperedges"),
        "hyperedges",
    )?;
    let items = edges
        .into_iter()
        .enumerate()
        .map(|(i, edge)| (format!("{json_path}.edges[{i}]"), edge))
        .chain(
            hyperedges
                .into_iter()
                .enumerate()
                .map(|(i, edge)| (format!("{json_path}.hyperedges[{i}]"), edge)),
        );
    let mut expanded = Expanded::default();
    for (edge_path, edge) in items {
        let mut map = into_object(edge, &edge_path, "an edge")?;
        let mut unnamed_hyperedge = None;
        let pairs = match (
            map.get("source").and_then(id_text),
            map.get("target").and_then(id_text),
        ) {
            (Some(source), Some(target)) => vec![(source, target, directed)],
            _ => match hyperedge_pairs(&map) {
                Some(pairs) => {
                    expanded.count(builder, &edge_path, pairs.len(), pairs.total);
                    // One that makes one relation is read as an edge, named as one would be.
                    unnamed_hyperedge = (pairs.pairs.len() > 1).then(|| expanded.unnamed_id());
                    pairs.pairs
                }
                None => {
                    return Err(Misfit::new(
                        edge_path,
                        "expected \"source\" and \"target\" node ids (or a hyperedge's \
                         \"nodes\", or lists of sources and targets)",
                    ));
                }
            },
        };
        for key in ["source", "target", "nodes"] {
            map.remove(key);
        }
        flatten_nested(&mut map, "metadata");
        let evidence = map.remove("evidence");
        let status = map.remove("status").as_ref().and_then(scalar_text);
        let base_id = map
            .remove("id")
            .as_ref()
            .and_then(id_text)
            .or(unnamed_hyperedge);
        for (n, (source, target, pair_directed)) in pairs.into_iter().enumerate() {
            let mut imported = edge_from_fields(source, target, pair_directed, map.clone());
            imported.status.clone_from(&status);
            imported.id = base_id.as_ref().map(|id| {
                if n == 0 {
                    id.clone()
                } else {
                    format!("{id}#{}", n + 1)
                }
            });
            builder.add_edge(&edge_path, imported);
            if let Some(Value::Array(items)) = &evidence {
                for item in items {
                    builder.add_evidence_to_last(read_evidence(item, sources));
                }
            }
        }
    }
    expanded.note(
        builder,
        "undirected: every two of its nodes; directed: every source to every target",
    );
    Ok(())
}

/// A hyperedge's pairwise relations, at most [`MAX_PAIRS_PER_HYPEREDGE`], and how many it
/// would make in all.
struct Pairs {
    pairs: Vec<(String, String, bool)>,
    total: usize,
}

impl Pairs {
    fn len(&self) -> usize {
        self.pairs.len()
    }
}

/// Pairs of an undirected hyperedge (`"nodes": [a, b, c]`: every two of its nodes, without a
/// direction) or a directed one (`"source": [..], "target": [..]`: every source to every
/// target). `None` when the edge is neither.
fn hyperedge_pairs(map: &Map<String, Value>) -> Option<Pairs> {
    let ids = |value: &Value| -> Option<Vec<String>> {
        match value {
            Value::Array(items) => items.iter().map(id_text).collect(),
            other => id_text(other).map(|id| vec![id]),
        }
    };
    let mut pairs = Vec::new();
    let total;
    if let Some(nodes) = map.get("nodes").and_then(ids) {
        let n = nodes.len();
        total = n.saturating_mul(n.saturating_sub(1)) / 2;
        'all: for (i, a) in nodes.iter().enumerate() {
            for b in nodes.iter().skip(i + 1) {
                if pairs.len() == MAX_PAIRS_PER_HYPEREDGE {
                    break 'all;
                }
                pairs.push((a.clone(), b.clone(), false));
            }
        }
    } else {
        let sources = ids(map.get("source")?)?;
        let targets = ids(map.get("target")?)?;
        total = sources.len().saturating_mul(targets.len());
        'all: for a in &sources {
            for b in &targets {
                if pairs.len() == MAX_PAIRS_PER_HYPEREDGE {
                    break 'all;
                }
                pairs.push((a.clone(), b.clone(), true));
            }
        }
    }
    Some(Pairs { pairs, total })
}

/// The graph to open, its JSON path, and the others of a multi-graph document (by index).
type SelectedGraph = (Value, String, Vec<(usize, String)>);

fn select_graph(
    document: &mut Map<String, Value>,
    graph_index: Option<usize>,
) -> Result<SelectedGraph, Misfit> {
    match (document.remove("graph"), document.remove("graphs")) {
        (Some(graph), _) => Ok((graph, "graph".to_owned(), Vec::new())),
        (None, Some(graphs)) => {
            let mut graphs = into_array(graphs, "graphs", "graphs")?;
            let index = graph_index.unwrap_or(0);
            if index >= graphs.len() {
                return Err(Misfit::new(
                    "graphs",
                    format!(
                        "the file holds {} graphs; there is no graph {}",
                        graphs.len(),
                        index + 1
                    ),
                ));
            }
            let others: Vec<(usize, String)> = graphs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(i, g)| (i, graph_title(g, i)))
                .collect();
            Ok((
                graphs.swap_remove(index),
                format!("graphs[{index}]"),
                others,
            ))
        }
        (None, None) => Err(Misfit::new(".", "expected \"graph\" or \"graphs\"")),
    }
}

/// Reads the nodes of a JGF graph: a list (v1) or a map keyed by id (v2).
fn read_nodes(
    builder: &mut GraphBuilder,
    nodes: Option<Value>,
    json_path: &str,
) -> Result<(), Misfit> {
    let nodes: Vec<(String, String, Value)> = match nodes.unwrap_or(Value::Array(Vec::new())) {
        Value::Object(map) => map
            .into_iter()
            .map(|(id, node)| (format!("{json_path}.nodes.{id}"), id, node))
            .collect(),
        other => into_array(other, &format!("{json_path}.nodes"), "nodes")?
            .into_iter()
            .enumerate()
            .map(|(i, node)| (format!("{json_path}.nodes[{i}]"), String::new(), node))
            .collect(),
    };
    for (node_path, key, node) in nodes {
        let mut map = into_object(node, &node_path, "a node")?;
        let id = match map.remove("id") {
            Some(value) => id_text(&value)
                .ok_or_else(|| Misfit::new(format!("{node_path}.id"), "expected the node's id"))?,
            None if !key.is_empty() => key,
            None => return Err(Misfit::new(node_path, "the node has no \"id\"")),
        };
        flatten_nested(&mut map, "metadata");
        builder.add_node(&node_path, node_from_fields(id, map));
    }

    Ok(())
}

/// How a graph of a multi-graph document is named when offering it.
fn graph_title(graph: &Value, index: usize) -> String {
    let label = graph
        .get("label")
        .and_then(scalar_text)
        .or_else(|| graph.get("id").and_then(id_text));
    let nodes = graph.get("nodes").map_or(0, |n| {
        n.as_array()
            .map_or_else(|| n.as_object().map_or(0, Map::len), Vec::len)
    });
    match label {
        Some(label) => format!("graph {}: {label} ({nodes} nodes)", index + 1),
        None => format!("graph {} ({nodes} nodes)", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        let Ok(Value::Object(document)) = serde_json::from_str(text) else {
            panic!("not a JSON object: {text}");
        };
        read("graph.json", document, None).unwrap_or_else(|misfit| panic!("{misfit:?}"))
    }

    use crate::formats::test_warnings as warnings;

    #[test]
    fn edges_under_another_key_are_warned_of_not_dropped() {
        let loaded = load(
            r#"{"graph": {"nodes": [{"id": "a"}, {"id": "b"}],
                "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}}"#,
        );
        assert!(loaded.dataset.relations.is_empty());
        assert_eq!(
            warnings(&loaded),
            [(
                "graph.links",
                "2 objects not read — JGF calls them \"edges\""
            )]
        );
    }

    #[test]
    fn other_unread_keys_are_named_in_one_note() {
        let loaded = load(
            r#"{"graph": {"id": "1", "type": "movie characters", "style": {"color": "red"},
                "nodes": [{"id": "a"}], "edges": []},
               "diagramName": "test"}"#,
        );
        assert!(loaded.report.warnings.is_empty());
        assert_eq!(
            loaded.report.notes,
            [
                "not read: graph.id (string \"1\"), graph.style, graph.type (string \"movie \
                 characters\"), diagramName"
            ]
        );
    }

    #[test]
    fn arrows_app_relationships_beside_jgf_edges_are_said_to_be_missing() {
        let loaded = load(
            r#"{"graph": {"nodes": [{"id": "n0"}, {"id": "n1"}], "edges": [],
                "relationships": [{"id": "r0", "fromId": "n0", "toId": "n1", "type": "OWNS"}]}}"#,
        );
        let warnings = warnings(&loaded);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "graph.relationships");
        assert!(warnings[0].1.contains("Arrows.app"), "{}", warnings[0].1);
    }

    #[test]
    fn chainsight_s_own_export_reads_back_without_notes() {
        let mut dataset = Dataset::default();
        dataset.metadata.title = "t".to_owned();
        let text = write(&dataset);
        let loaded = load(&text);
        assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
        assert!(loaded.report.warnings.is_empty());
    }
}
