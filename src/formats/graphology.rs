//! graphology's serialisation (sigma.js, Gephi Lite): `{"attributes", "options", "nodes":
//! [{"key", "attributes"}], "edges": [{"key", "source", "target", "attributes",
//! "undirected"}]}`, and the same under `graph` in an app's save file. Gephi Lite workspaces,
//! which wrap one as `graphDataset`, are read in `gephi_lite.rs` through [`read_graph`].

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, flatten_nested, id_text, into_array, into_object, node_from_fields,
    scalar_text,
};
use super::import::{GraphBuilder, ImportedEdge};

/// Whether the document's nodes are graphology records (identified by `key`).
pub fn nodes_have_keys(document: &Map<String, Value>) -> bool {
    document
        .get("nodes")
        .and_then(Value::as_array)
        .and_then(|nodes| nodes.first())
        .is_some_and(|node| node.get("key").is_some() && node.get("id").is_none())
}

/// Whether `graph` is a graphology serialisation: nodes identified by `key`, or `nodes` beside
/// graphology's `options`.
pub fn is_graphology(graph: &Map<String, Value>) -> bool {
    graph.contains_key("nodes") && (graph.contains_key("options") || nodes_have_keys(graph))
}

/// Reads a graphology serialisation.
pub fn read(file: &str, document: Map<String, Value>) -> Result<Loaded, Misfit> {
    read_graph(
        file,
        document,
        "graphology JSON",
        "",
        None,
        Some(SIGMA_Y_UP),
    )
}

/// Reads a graphology serialisation that an application saved under `graph`, beside its own
/// settings (Rail Map Painter's saves, and apps that store `graph.export()` so).
pub fn read_nested(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let graph = into_object(
        document.remove("graph").unwrap_or(Value::Null),
        "graph",
        "a graphology graph",
    )?;
    // An app's own save: its drawing's y may point either way, so it is kept as written.
    let mut loaded = read_graph(file, graph, "graphology JSON", "graph", None, None)?;
    if !document.is_empty() {
        let others: Vec<&str> = document.keys().map(String::as_str).collect();
        loaded.report.notes.push(format!(
            "the graph was read from \"graph\"; the file's other top-level keys are not: {}",
            others.join(", ")
        ));
    }
    Ok(loaded)
}

/// Whose convention graphology's positions follow where sigma.js draws them (Gephi Lite, and
/// most graphology files): a larger y is drawn higher; on the screen, lower.
pub(super) const SIGMA_Y_UP: &str = "graphology (as sigma.js and Gephi Lite draw it)";

/// Sees each edge's fields (attributes flattened) and may change the edge read from them: a
/// Gephi Lite workspace dates edges by the fields it types as dates.
pub(super) type EdgeHook<'h> = &'h mut dyn FnMut(&Map<String, Value>, &mut ImportedEdge);

/// Reads a graphology graph found at `base` (a JSON path; empty at the top). `edge_hook` sees
/// each edge as it is read; `y_up` names the convention of positions whose y points up, which
/// are turned for the screen.
pub(super) fn read_graph(
    file: &str,
    mut graph: Map<String, Value>,
    format: &str,
    base: &str,
    mut edge_hook: Option<EdgeHook<'_>>,
    y_up: Option<&'static str>,
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
        let mut node = node_from_fields(id, map);
        if let Some(convention) = y_up {
            builder.turn_y_up(&mut node, convention);
        }
        builder.add_node(&json_path, node);
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
        // The hook sees the fields as the file gave them, before reading them takes them.
        let fields = edge_hook.is_some().then(|| map.clone());
        let mut imported = edge_from_fields(source, target, default_directed, map);
        if let Some(key) = key.as_ref().and_then(id_text) {
            imported.id = Some(key);
        }
        if let (Some(hook), Some(fields)) = (edge_hook.as_mut(), fields.as_ref()) {
            hook(fields, &mut imported);
        }
        builder.add_edge(&json_path, imported);
    }
    Ok(builder.finish())
}
