//! graphology's serialisation (sigma.js, Gephi Lite): `{"attributes", "options", "nodes":
//! [{"key", "attributes"}], "edges": [{"key", "source", "target", "attributes",
//! "undirected"}]}`, the same under `graph` in an app's save file, and Gephi Lite workspaces
//! that wrap one as `graphDataset`.

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, flatten_nested, id_text, into_array, into_object, node_from_fields,
    scalar_text,
};
use super::import::GraphBuilder;

/// Whether the document's nodes are graphology records (identified by `key`).
pub fn nodes_have_keys(document: &Map<String, Value>) -> bool {
    document
        .get("nodes")
        .and_then(Value::as_array)
        .and_then(|nodes| nodes.first())
        .is_some_and(|node| node.get("key").is_some() && node.get("id").is_none())
}

/// Reads a Gephi Lite workspace: its graph is graphology, under `graphDataset` (as
/// `fullGraph` in recent versions).
pub fn read_gephi_lite(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let mut dataset = into_object(
        document.remove("graphDataset").unwrap_or(Value::Null),
        "graphDataset",
        "the workspace's graph dataset",
    )?;
    let (mut graph, json_path) = match dataset.remove("fullGraph") {
        Some(full) => (
            into_object(full, "graphDataset.fullGraph", "a graphology graph")?,
            "graphDataset.fullGraph",
        ),
        None => (std::mem::take(&mut dataset), "graphDataset"),
    };
    // Recent Gephi Lite keeps only the structure in `fullGraph`: each item's attributes are in
    // `nodeData`/`edgeData` and its label, position, colour and size in
    // `nodeRenderingData`/`edgeRenderingData`, keyed by the item's key.
    let mut merged = 0;
    for (items, tables) in [
        ("nodes", ["nodeData", "nodeRenderingData"]),
        ("edges", ["edgeData", "edgeRenderingData"]),
    ] {
        let tables: Vec<Map<String, Value>> = tables
            .iter()
            .filter_map(|table| match dataset.remove(*table) {
                Some(Value::Object(table)) => Some(table),
                _ => None,
            })
            .collect();
        if let (Some(Value::Array(list)), false) = (graph.get_mut(items), tables.is_empty()) {
            for item in list.iter_mut().filter_map(Value::as_object_mut) {
                let Some(key) = item.get("key").and_then(id_text) else {
                    continue;
                };
                let attributes = item
                    .entry("attributes")
                    .or_insert_with(|| Value::Object(Map::new()));
                let Some(attributes) = attributes.as_object_mut() else {
                    continue;
                };
                for table in &tables {
                    if let Some(Value::Object(fields)) = table.get(&key) {
                        merged += 1;
                        for (field, value) in fields {
                            if !value.is_null() {
                                attributes
                                    .entry(field.clone())
                                    .or_insert_with(|| value.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    // The graph's type and title are in `metadata`.
    if let Some(Value::Object(metadata)) = dataset.remove("metadata") {
        if let Some(kind) = metadata.get("type").filter(|kind| kind.is_string())
            && !graph.contains_key("options")
        {
            graph.insert("options".to_owned(), serde_json::json!({ "type": kind }));
        }
        let attributes = graph
            .entry("attributes")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(attributes) = attributes.as_object_mut() {
            for key in ["title", "description"] {
                if let Some(value) = metadata.get(key).filter(|v| v.is_string()) {
                    attributes.entry(key).or_insert_with(|| value.clone());
                }
            }
        }
    }
    let mut loaded = read_graph(file, graph, "Gephi Lite workspace", json_path)?;
    if merged > 0 {
        loaded.report.notes.push(format!(
            "{merged} node and edge records read from the workspace's nodeData, edgeData and \
             rendering data (labels, attributes, positions, colours)"
        ));
    }
    Ok(loaded)
}

/// Whether `graph` is a graphology serialisation: nodes identified by `key`, or `nodes` beside
/// graphology's `options`.
pub fn is_graphology(graph: &Map<String, Value>) -> bool {
    graph.contains_key("nodes") && (graph.contains_key("options") || nodes_have_keys(graph))
}

/// Reads a graphology serialisation.
pub fn read(file: &str, document: Map<String, Value>) -> Result<Loaded, Misfit> {
    read_graph(file, document, "graphology JSON", "")
}

/// Reads a graphology serialisation that an application saved under `graph`, beside its own
/// settings (Rail Map Painter's saves, and apps that store `graph.export()` so).
pub fn read_nested(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let graph = into_object(
        document.remove("graph").unwrap_or(Value::Null),
        "graph",
        "a graphology graph",
    )?;
    let mut loaded = read_graph(file, graph, "graphology JSON", "graph")?;
    if !document.is_empty() {
        let others: Vec<&str> = document.keys().map(String::as_str).collect();
        loaded.report.notes.push(format!(
            "the graph was read from \"graph\"; the file's other top-level keys are not: {}",
            others.join(", ")
        ));
    }
    Ok(loaded)
}

fn read_graph(
    file: &str,
    mut graph: Map<String, Value>,
    format: &str,
    base: &str,
) -> Result<Loaded, Misfit> {
    let path = |key: &str| {
        if base.is_empty() {
            key.to_owned()
        } else {
            format!("{base}.{key}")
        }
    };
    let nodes = into_array(
        graph.remove("nodes").unwrap_or(Value::Array(Vec::new())),
        &path("nodes"),
        "nodes",
    )?;
    let edges = into_array(
        graph.remove("edges").unwrap_or(Value::Array(Vec::new())),
        &path("edges"),
        "edges",
    )?;
    let options = graph.remove("options");
    let graph_type = options
        .as_ref()
        .and_then(|o| o.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("mixed");
    let default_directed = graph_type != "undirected";
    let mut builder = GraphBuilder::new(file, format!("{format} ({graph_type})"));
    builder.reserve(nodes.len(), edges.len());
    if let Some(Value::Object(attributes)) = graph.remove("attributes")
        && let Some(name) = attributes
            .get("name")
            .or_else(|| attributes.get("title"))
            .and_then(scalar_text)
    {
        builder.metadata_mut().title = name;
    }
    for (i, node) in nodes.into_iter().enumerate() {
        let json_path = path(&format!("nodes[{i}]"));
        let mut map = into_object(node, &json_path, "a node")?;
        let key = map.remove("key").unwrap_or(Value::Null);
        let id = id_text(&key).ok_or_else(|| {
            Misfit::new(
                format!("{json_path}.key"),
                format!(
                    "found {}, expected the node's key",
                    super::fields::describe(&key)
                ),
            )
        })?;
        flatten_nested(&mut map, "attributes");
        builder.add_node(&json_path, node_from_fields(id, map));
    }
    for (i, edge) in edges.into_iter().enumerate() {
        let json_path = path(&format!("edges[{i}]"));
        let mut map = into_object(edge, &json_path, "an edge")?;
        let mut endpoint = |key: &str| {
            let value = map.remove(key).unwrap_or(Value::Null);
            id_text(&value).ok_or_else(|| {
                Misfit::new(
                    format!("{json_path}.{key}"),
                    format!(
                        "found {}, expected a node key",
                        super::fields::describe(&value)
                    ),
                )
            })
        };
        let source = endpoint("source")?;
        let target = endpoint("target")?;
        let key = map.remove("key");
        flatten_nested(&mut map, "attributes");
        let mut imported = edge_from_fields(source, target, default_directed, map);
        if let Some(key) = key.as_ref().and_then(id_text) {
            imported.id = Some(key);
        }
        builder.add_edge(&json_path, imported);
    }
    Ok(builder.finish())
}
