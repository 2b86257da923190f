//! Oligrapher (LittleSis "map of power") maps: nodes, edges and captions are maps keyed by id;
//! an edge joins `node1_id` and `node2_id` with `arrow` one of `"1->2"`, `"2->1"`, `"both"` or
//! null; each node and edge may carry one source `url`. The LittleSis server form wraps the
//! graph as `graph_data`.

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, id_text, into_object, node_from_fields, scalar_text,
};
use super::import::{GraphBuilder, ImportedEdge};

/// Whether `document` is an Oligrapher map.
pub fn recognise(document: &Map<String, Value>) -> bool {
    if document.contains_key("graph_data") {
        return true;
    }
    match document.get("graph") {
        Some(Value::Object(graph)) => is_graph(graph),
        // Oligrapher 3 stores the graph object itself: nodes and edges keyed by id.
        _ => document.get("nodes").is_some_and(Value::is_object) && is_graph(document),
    }
}

/// A graph object: captions, or edges keyed by id that join `node1_id` and `node2_id`.
fn is_graph(graph: &Map<String, Value>) -> bool {
    graph.contains_key("captions")
        || graph
            .get("edges")
            .and_then(Value::as_object)
            .is_some_and(|edges| edges.values().any(|edge| edge.get("node1_id").is_some()))
}

/// Reads an Oligrapher map.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let (mut graph, graph_key) = take_graph(&mut document)?;
    let unwrapped = graph_key.is_empty();
    // Paths into the graph: `graph.nodes.2`, or `nodes.2` for a graph at the top level.
    let prefix = |rest: &str| {
        if graph_key.is_empty() {
            rest.to_owned()
        } else {
            format!("{graph_key}.{rest}")
        }
    };
    let mut builder = GraphBuilder::new(
        file,
        if unwrapped {
            "Oligrapher map (graph at the top level)"
        } else {
            "Oligrapher map"
        },
    );
    let mut old_display = 0;
    if let Some(Value::Object(attributes)) = document.remove("attributes") {
        if let Some(title) = attributes.get("title").and_then(scalar_text) {
            builder.metadata_mut().title = title;
        }
        if let Some(subtitle) = attributes.get("subtitle").and_then(scalar_text) {
            builder.metadata_mut().description = Some(subtitle);
        }
    }
    if let Some(Value::Object(annotations)) = document.remove("annotations")
        && let Some(Value::Array(list)) = annotations.get("list")
        && !list.is_empty()
    {
        builder.warn(
            "annotations.list",
            format!("{} story-mode annotations are not shown", list.len()),
        );
    }
    if let Some(Value::Object(captions)) = graph.remove("captions")
        && !captions.is_empty()
    {
        builder.warn(
            prefix("captions"),
            format!("{} free-text captions are not shown", captions.len()),
        );
    }

    let nodes = into_object(
        graph.remove("nodes").unwrap_or(Value::Object(Map::new())),
        &prefix("nodes"),
        "the nodes, keyed by id",
    )?;
    for (key, node) in nodes {
        let json_path = prefix(&format!("nodes.{key}"));
        let mut map = into_object(node, &json_path, "a node")?;
        let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
        // Older maps keep the name, image, position and URL under `display`.
        old_display += usize::from(take_display(&mut map));
        // Derived drawing state, recomputed by Oligrapher on load.
        map.remove("edgeIds");
        builder.add_node(&json_path, node_from_fields(id, map));
    }

    let edges = into_object(
        graph.remove("edges").unwrap_or(Value::Object(Map::new())),
        &prefix("edges"),
        "the edges, keyed by id",
    )?;
    for (key, edge) in edges {
        let json_path = prefix(&format!("edges.{key}"));
        let (imported, display) = read_edge(edge, key, &json_path)?;
        old_display += usize::from(display);
        builder.add_edge(&json_path, imported);
    }
    if old_display > 0 {
        builder.note(format!(
            "{old_display} nodes and edges keep their fields under \"display\" (an older \
             Oligrapher map); read from there"
        ));
    }
    Ok(builder.finish())
}

/// One edge: its endpoints by `arrow`, and whether its fields were under `display`.
fn read_edge(edge: Value, key: String, json_path: &str) -> Result<(ImportedEdge, bool), Misfit> {
    let mut map = into_object(edge, json_path, "an edge")?;
    let mut end = |field: &str| {
        let value = map.remove(field).unwrap_or(Value::Null);
        id_text(&value).ok_or_else(|| {
            Misfit::new(
                format!("{json_path}.{field}"),
                format!(
                    "found {}, expected a node id",
                    super::fields::describe(&value)
                ),
            )
        })
    };
    let node1 = end("node1_id")?;
    let node2 = end("node2_id")?;
    let display = take_display(&mut map);
    // Geometry of the drawn curve: derived, not data.
    for derived in ["x1", "y1", "x2", "y2", "s1", "s2", "cx", "cy"] {
        map.remove(derived);
    }
    let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
    let arrow = map.remove("arrow");
    let (source, target, directed) = match arrow.as_ref() {
        Some(Value::String(arrow)) if matches!(arrow.as_str(), "2->1" | "left") => {
            (node2, node1, true)
        }
        Some(Value::String(arrow)) if matches!(arrow.as_str(), "1->2" | "right") => {
            (node1, node2, true)
        }
        // Older maps: `"arrow": true` points from node 1 to node 2.
        Some(Value::Bool(true)) => (node1, node2, true),
        _ => (node1, node2, false),
    };
    let mut imported = edge_from_fields(source, target, directed, map);
    imported.id = Some(id);
    if arrow.as_ref().and_then(Value::as_str) == Some("both") {
        imported
            .attributes
            .insert("arrow".to_owned(), "both".to_owned());
    }
    Ok((imported, display))
}

/// The graph object and the key it was under: `graph_data` (LittleSis), `graph`, or `""` when
/// the document is the graph itself (Oligrapher 3).
fn take_graph(
    document: &mut Map<String, Value>,
) -> Result<(Map<String, Value>, &'static str), Misfit> {
    let graph_key = if document.contains_key("graph_data") {
        "graph_data"
    } else if document.contains_key("graph") {
        "graph"
    } else {
        let mut graph = Map::new();
        for key in ["nodes", "edges", "captions"] {
            if let Some(value) = document.remove(key) {
                graph.insert(key.to_owned(), value);
            }
        }
        return Ok((graph, ""));
    };
    let graph = into_object(
        document.remove(graph_key).unwrap_or(Value::Null),
        graph_key,
        "the map's graph",
    )?;
    Ok((graph, graph_key))
}

/// Moves the fields under `display` up (fields at the top win); whether there were any.
fn take_display(map: &mut Map<String, Value>) -> bool {
    let had = map
        .get("display")
        .and_then(Value::as_object)
        .is_some_and(|display| !display.is_empty());
    super::fields::flatten_nested(map, "display");
    had
}
