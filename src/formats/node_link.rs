//! Node-link JSON: `{"nodes": [...], "links" | "edges": [...]}` as written by d3-force,
//! networkx's `node_link_data`, vis-network (`from`/`to`) and Gephi's JSON exporter.
//! Endpoints may be ids (strings or numbers), array indices (d3 v3), or whole node objects
//! (files saved after a d3 simulation ran).

use std::collections::HashSet;

use serde_json::{Map, Value};

use std::collections::HashMap;

use serde_json::json;

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, flatten_nested, id_text, into_array, into_object, node_from_fields,
    read_evidence, read_sources, scalar_text, take_strings,
};
use super::import::{GraphBuilder, attribute_text};
use crate::model::{Dataset, SourceIdx};

/// Reads a node-link document already parsed into `document`.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let links_key = if document.contains_key("links") {
        "links"
    } else {
        "edges"
    };
    let nodes = into_array(
        document.remove("nodes").unwrap_or(Value::Null),
        "nodes",
        "nodes",
    )?;
    let links = into_array(
        document.remove(links_key).unwrap_or(Value::Null),
        links_key,
        "links",
    )?;

    let is_networkx = document.contains_key("multigraph")
        || document.contains_key("directed")
        || document.contains_key("graph");
    let uses_from_to = links
        .iter()
        .any(|l| l.get("from").is_some() && l.get("source").is_none());
    let directed = match document.remove("directed") {
        Some(Value::Bool(directed)) => directed,
        // d3 draws arrows only when asked; vis-network edges are undirected unless `arrows`.
        _ => !uses_from_to && is_networkx,
    };
    let multigraph = document
        .remove("multigraph")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
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
    let sources = match document.remove("graph") {
        Some(Value::Object(graph)) => graph_attributes(&mut builder, graph),
        _ => HashMap::new(),
    };
    for key in document.keys() {
        builder.warn(key.clone(), "top-level key not used");
    }

    let ids = read_nodes(&mut builder, nodes)?;
    read_links(
        &mut builder,
        links,
        links_key,
        &ids,
        directed,
        uses_from_to,
        &sources,
    )?;
    Ok(builder.finish())
}

/// networkx's `graph` attributes: a name becomes the title, the sources Chainsight writes are
/// read back, the rest are listed in the report.
fn graph_attributes(
    builder: &mut GraphBuilder,
    mut graph: Map<String, Value>,
) -> HashMap<String, SourceIdx> {
    if let Some(name) = graph.remove("name").as_ref().and_then(scalar_text) {
        builder.metadata_mut().title = name;
    }
    if let Some(description) = graph.remove("description").as_ref().and_then(scalar_text) {
        builder.metadata_mut().description = Some(description);
    }
    let sources = read_sources(builder, graph.get("sources"));
    graph.remove("sources");
    for (key, value) in graph {
        builder.note(format!(
            "graph attribute {key} = {}",
            attribute_text(&value)
        ));
    }
    sources
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
    let explicit = nodes
        .iter()
        .any(|n| n.get("id").is_some() || n.get("key").is_some());
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
        let aliases = take_strings(&mut map, "aliases");
        let country = map.remove("country").as_ref().and_then(scalar_text);
        let id = if explicit {
            let id_value = map
                .remove("id")
                .or_else(|| map.remove("key"))
                .unwrap_or(Value::Null);
            id_text(&id_value).ok_or_else(|| {
                Misfit::new(
                    format!("{json_path}.id"),
                    format!(
                        "found {}, expected a node id (a string or a number)",
                        super::fields::describe(&id_value)
                    ),
                )
            })?
        } else {
            index.to_string()
        };
        ids.by_index.push(id.clone());
        ids.known.insert(id.clone());
        let mut node = node_from_fields(id, map);
        node.aliases = aliases;
        node.country = country;
        builder.add_node(&json_path, node);
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
    sources: &HashMap<String, SourceIdx>,
) -> Result<(), Misfit> {
    let (source_key, target_key) = if uses_from_to {
        ("from", "to")
    } else {
        ("source", "target")
    };
    let mut by_index_count = 0usize;
    for (index, link) in links.into_iter().enumerate() {
        let json_path = format!("{links_key}[{index}]");
        let mut map = into_object(link, &json_path, "a link")?;
        let mut endpoint = |key: &str, map: &mut Map<String, Value>| -> Result<String, Misfit> {
            let value = map.remove(key).ok_or_else(|| {
                Misfit::new(json_path.clone(), format!("the link has no \"{key}\""))
            })?;
            let (id, by_index) = resolve_endpoint(&value, ids).ok_or_else(|| {
                Misfit::new(
                    format!("{json_path}.{key}"),
                    format!(
                        "found {}, expected a node id, a node index or a node object",
                        super::fields::describe(&value)
                    ),
                )
            })?;
            by_index_count += usize::from(by_index);
            Ok(id)
        };
        let source = endpoint(source_key, &mut map)?;
        let target = endpoint(target_key, &mut map)?;
        flatten_nested(&mut map, "attributes");
        // Evidence lists and statuses are what Chainsight writes into node-link files.
        let evidence = match map.get("evidence") {
            Some(Value::Array(_)) => map.remove("evidence"),
            _ => None,
        };
        let status = map.remove("status").as_ref().and_then(scalar_text);
        let mut edge = edge_from_fields(source, target, directed, map);
        edge.status = status;
        builder.add_edge(&json_path, edge);
        if let Some(Value::Array(items)) = evidence {
            for item in items {
                builder.add_evidence_to_last(read_evidence(&item, sources));
            }
        }
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
                ids.by_index
                    .get(usize::try_from(index).ok()?)
                    .map(|id| (id.clone(), false))
            }),
        _ => None,
    }
}

/// Writes `dataset` as networkx node-link JSON (`nx.node_link_graph` reads it back): a directed
/// multigraph whose nodes and links carry every field of the entities and relations, evidence
/// included, and whose `graph` attributes carry the title and the sources.
pub fn write_networkx(dataset: &Dataset) -> String {
    let source_id = |idx: SourceIdx| dataset.source(idx).map(|s| s.source_id.clone());
    let positions: HashMap<usize, crate::model::Position> = dataset
        .positions
        .iter()
        .map(|(idx, p)| (idx.0, *p))
        .collect();
    let nodes: Vec<Value> = dataset
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| {
            let mut node: Map<String, Value> = entity
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            node.insert("id".into(), json!(entity.entity_id));
            node.insert("label".into(), json!(entity.name));
            node.insert("kind".into(), json!(entity.kind.as_str()));
            insert_some(&mut node, "description", entity.description.as_deref());
            insert_some(&mut node, "url", entity.url.as_deref());
            insert_some(&mut node, "country", entity.country.as_deref());
            if !entity.aliases.is_empty() {
                node.insert("aliases".into(), json!(entity.aliases));
            }
            if let Some(position) = positions.get(&index) {
                node.insert("x".into(), json!(position.x));
                node.insert("y".into(), json!(position.y));
            }
            Value::Object(node)
        })
        .collect();
    let links: Vec<Value> = dataset
        .relations
        .iter()
        .map(|relation| {
            let mut link: Map<String, Value> = relation
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            let endpoint = |idx| dataset.entity(idx).map(|e| e.entity_id.clone());
            link.insert("source".into(), json!(endpoint(relation.source)));
            link.insert("target".into(), json!(endpoint(relation.target)));
            link.insert("id".into(), json!(relation.relation_id));
            link.insert("relation".into(), json!(relation.kind.as_str()));
            if relation.status != crate::model::RelationStatus::Reported {
                link.insert("status".into(), json!(relation.status.as_str()));
            }
            insert_some(&mut link, "label", relation.label.as_deref());
            insert_some(&mut link, "date", relation.when.date.as_deref());
            insert_some(&mut link, "start", relation.when.start.as_deref());
            insert_some(&mut link, "end", relation.when.end.as_deref());
            if !relation.directed {
                link.insert("directed".into(), json!(false));
            }
            if let Some(weight) = relation.weight {
                link.insert("weight".into(), json!(weight));
            }
            let evidence: Vec<Value> = relation
                .evidence
                .iter()
                .map(|e| {
                    json!({
                        "quote": e.quote,
                        "source": e.source.and_then(source_id),
                        "locator": e.locator,
                        "cites": e.cites.iter().filter_map(|&c| source_id(c)).collect::<Vec<_>>(),
                        "note": e.note,
                    })
                })
                .collect();
            if !evidence.is_empty() {
                link.insert("evidence".into(), Value::Array(evidence));
            }
            Value::Object(link)
        })
        .collect();
    let sources: Vec<Value> = dataset
        .sources
        .iter()
        .map(|s| {
            json!({"id": s.source_id, "title": s.title, "kind": s.kind.as_str(), "author": s.author,
                   "publisher": s.publisher, "date": s.date, "url": s.url})
        })
        .collect();
    let document = json!({
        "directed": true,
        "multigraph": true,
        "graph": {"name": dataset.metadata.title, "description": dataset.metadata.description, "sources": sources},
        "nodes": nodes,
        "links": links,
    });
    // Compact, as networkx's own `json.dump` writes it: these files get large.
    serde_json::to_string(&document).unwrap_or_default() + "\n"
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}
