//! Node-link JSON: `{"nodes": [...], "links" | "edges": [...]}` as written by d3-force,
//! networkx's `node_link_data`, vis-network (`from`/`to`) and Gephi's JSON exporter.
//! Endpoints may be ids (strings or numbers), array indices (d3 v3), or whole node objects
//! (files saved after a d3 simulation ran).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{Misfit, edge_from_fields, flatten_nested, id_text, into_array, into_object, node_from_fields};
use super::import::GraphBuilder;

/// Reads a node-link document already parsed into `document`.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let links_key = if document.contains_key("links") { "links" } else { "edges" };
    let nodes = into_array(document.remove("nodes").unwrap_or(Value::Null), "nodes", "nodes")?;
    let links = into_array(document.remove(links_key).unwrap_or(Value::Null), links_key, "links")?;

    let is_networkx = document.contains_key("multigraph") || document.contains_key("directed") || document.contains_key("graph");
    let uses_from_to = links.iter().any(|l| l.get("from").is_some() && l.get("source").is_none());
    let directed = match document.remove("directed") {
        Some(Value::Bool(directed)) => directed,
        // d3 draws arrows only when asked; vis-network edges are undirected unless `arrows`.
        _ => !uses_from_to && is_networkx,
    };
    let multigraph = document.remove("multigraph").and_then(|v| v.as_bool()).unwrap_or(false);
    let format = if is_networkx {
        format!(
            "networkx node-link JSON ({}{}, \"{links_key}\")",
            if directed { "directed" } else { "undirected" },
            if multigraph { ", multigraph" } else { "" }
        )
    } else if uses_from_to {
        "vis-network JSON (from/to)".to_owned()
    } else {
        format!("d3 node-link JSON (\"{links_key}\")")
    };
    let mut builder = GraphBuilder::new(file, format);
    builder.reserve(nodes.len(), links.len());
    if let Some(Value::Object(graph)) = document.remove("graph") {
        graph_attributes(&mut builder, graph);
    }
    for key in document.keys() {
        builder.warn(key.clone(), "top-level key not used");
    }

    let ids = read_nodes(&mut builder, nodes)?;
    read_links(&mut builder, links, links_key, &ids, directed, uses_from_to)?;
    Ok(builder.finish())
}

/// networkx's `graph` attributes: a name becomes the title, the rest notes.
fn graph_attributes(builder: &mut GraphBuilder, mut graph: Map<String, Value>) {
    if let Some(name) = graph.remove("name").as_ref().and_then(super::fields::scalar_text) {
        builder.metadata_mut().title = name;
    }
    if let Some(description) = graph.remove("description").as_ref().and_then(super::fields::scalar_text) {
        builder.metadata_mut().description = Some(description);
    }
    for (key, value) in graph {
        builder.note(format!("graph attribute {key} = {}", super::import::attribute_text(&value)));
    }
}

/// How the file's endpoints refer to nodes.
struct NodeIds {
    /// Id of the node at each index.
    by_index: Vec<String>,
    /// Whether the nodes carry ids of their own (else ids are their indices, as in d3 v3).
    explicit: bool,
    known: HashSet<String>,
}

fn read_nodes(builder: &mut GraphBuilder, nodes: Vec<Value>) -> Result<NodeIds, Misfit> {
    let explicit = nodes.iter().any(|n| n.get("id").is_some() || n.get("key").is_some());
    let mut ids = NodeIds {
        by_index: Vec::with_capacity(nodes.len()),
        explicit,
        known: HashSet::with_capacity(nodes.len()),
    };
    if !explicit && !nodes.is_empty() {
        builder.note("nodes have no ids: links refer to them by position in the list (d3 v3)");
    }
    for (index, node) in nodes.into_iter().enumerate() {
        let json_path = format!("nodes[{index}]");
        let mut map = into_object(node, &json_path, "a node")?;
        flatten_nested(&mut map, "attributes");
        let id = if explicit {
            let id_value = map.remove("id").or_else(|| map.remove("key")).unwrap_or(Value::Null);
            id_text(&id_value).ok_or_else(|| {
                Misfit::new(format!("{json_path}.id"), format!("found {}, expected a node id (a string or a number)", super::fields::describe(&id_value)))
            })?
        } else {
            index.to_string()
        };
        ids.by_index.push(id.clone());
        ids.known.insert(id.clone());
        builder.add_node(&json_path, node_from_fields(id, map));
    }
    Ok(ids)
}

fn read_links(
    builder: &mut GraphBuilder,
    links: Vec<Value>,
    links_key: &str,
    ids: &NodeIds,
    directed: bool,
    uses_from_to: bool,
) -> Result<(), Misfit> {
    let (source_key, target_key) = if uses_from_to { ("from", "to") } else { ("source", "target") };
    let mut by_index_count = 0usize;
    for (index, link) in links.into_iter().enumerate() {
        let json_path = format!("{links_key}[{index}]");
        let mut map = into_object(link, &json_path, "a link")?;
        let mut endpoint = |key: &str, map: &mut Map<String, Value>| -> Result<String, Misfit> {
            let value = map.remove(key).ok_or_else(|| Misfit::new(json_path.clone(), format!("the link has no \"{key}\"")))?;
            let (id, by_index) = resolve_endpoint(&value, ids)
                .ok_or_else(|| Misfit::new(format!("{json_path}.{key}"), format!("found {}, expected a node id, a node index or a node object", super::fields::describe(&value))))?;
            by_index_count += usize::from(by_index);
            Ok(id)
        };
        let source = endpoint(source_key, &mut map)?;
        let target = endpoint(target_key, &mut map)?;
        flatten_nested(&mut map, "attributes");
        builder.add_edge(&json_path, edge_from_fields(source, target, directed, map));
    }
    if by_index_count > 0 && ids.explicit {
        builder.note(format!("{by_index_count} link endpoints were numbers matching no node id, read as positions in the node list"));
    }
    Ok(())
}

/// The node id an endpoint refers to, and whether it was read as an index.
fn resolve_endpoint(value: &Value, ids: &NodeIds) -> Option<(String, bool)> {
    match value {
        Value::String(id) => Some((id.clone(), false)),
        Value::Number(number) => {
            let text = number.to_string();
            if ids.explicit && ids.known.contains(&text) {
                return Some((text, false));
            }
            // d3 resolves a number to the node at that index when nodes have no such id.
            let by_index = number
                .as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| ids.by_index.get(i));
            match by_index {
                Some(id) => Some((id.clone(), ids.explicit)),
                None => Some((text, false)),
            }
        }
        // After a d3 simulation, endpoints are the node objects themselves.
        Value::Object(node) => node
            .get("id")
            .and_then(id_text)
            .map(|id| (id, false))
            .or_else(|| {
                let index = node.get("index").and_then(Value::as_u64)?;
                ids.by_index.get(usize::try_from(index).ok()?).map(|id| (id.clone(), false))
            }),
        _ => None,
    }
}
