//! Oligrapher (LittleSis "map of power") maps: nodes, edges and captions are maps keyed by id;
//! an edge joins `node1_id` and `node2_id` with `arrow` one of `"1->2"`, `"2->1"`, `"both"` or
//! null; each node and edge may carry one source `url`. The LittleSis server form wraps the
//! graph as `graph_data`.

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, id_text, into_object, node_from_fields, scalar_text,
};
use super::import::GraphBuilder;

/// Whether `document` is an Oligrapher map.
pub fn recognise(document: &Map<String, Value>) -> bool {
    if document.contains_key("graph_data") {
        return true;
    }
    let Some(Value::Object(graph)) = document.get("graph") else {
        return false;
    };
    graph.contains_key("captions")
        || graph
            .get("edges")
            .and_then(Value::as_object)
            .is_some_and(|edges| edges.values().any(|edge| edge.get("node1_id").is_some()))
}

/// Reads an Oligrapher map.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let graph_key = if document.contains_key("graph_data") {
        "graph_data"
    } else {
        "graph"
    };
    let mut graph = into_object(
        document.remove(graph_key).unwrap_or(Value::Null),
        graph_key,
        "the map's graph",
    )?;
    let mut builder = GraphBuilder::new(file, "Oligrapher map");
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
            format!("{graph_key}.captions"),
            format!("{} free-text captions are not shown", captions.len()),
        );
    }

    let nodes = into_object(
        graph.remove("nodes").unwrap_or(Value::Object(Map::new())),
        &format!("{graph_key}.nodes"),
        "the nodes, keyed by id",
    )?;
    for (key, node) in nodes {
        let json_path = format!("{graph_key}.nodes.{key}");
        let mut map = into_object(node, &json_path, "a node")?;
        let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
        // Derived drawing state, recomputed by Oligrapher on load.
        for derived in ["edgeIds", "display"] {
            map.remove(derived);
        }
        builder.add_node(&json_path, node_from_fields(id, map));
    }

    let edges = into_object(
        graph.remove("edges").unwrap_or(Value::Object(Map::new())),
        &format!("{graph_key}.edges"),
        "the edges, keyed by id",
    )?;
    for (key, edge) in edges {
        let json_path = format!("{graph_key}.edges.{key}");
        let mut map = into_object(edge, &json_path, "an edge")?;
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
        // Geometry of the drawn curve: derived, not data.
        for derived in ["x1", "y1", "x2", "y2", "s1", "s2", "cx", "cy", "display"] {
            map.remove(derived);
        }
        let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
        let arrow = map.remove("arrow");
        let (source, target, directed) = match arrow.as_ref().and_then(Value::as_str) {
            Some("2->1" | "left") => (node2, node1, true),
            Some("1->2" | "right") => (node1, node2, true),
            _ => (node1, node2, false),
        };
        let mut imported = edge_from_fields(source, target, directed, map);
        imported.id = Some(id);
        if arrow.as_ref().and_then(Value::as_str) == Some("both") {
            imported
                .attributes
                .insert("arrow".to_owned(), "both".to_owned());
        }
        builder.add_edge(&json_path, imported);
    }
    Ok(builder.finish())
}
