//! Cytoscape.js elements JSON: grouped (`{"elements": {"nodes": [...], "edges": [...]}}`),
//! flat (a list of elements, or `"elements": [...]`), and Cytoscape desktop `.cyjs` exports
//! (the grouped form with `format_version` and `data`). Each element keeps its fields under
//! `data`; `position` gives a node's place, and `parent` the compound node holding it, which
//! it is drawn "part of" ([`groups`](super::groups)). Arrowheads the style gives edges in
//! shapes Chainsight does not draw are counted in a note ([`style`]).

mod style;

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, id_text, into_array, into_object, node_from_fields, scalar_text,
};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedNode};
use style::EdgeArrows;

/// Whether `document` holds Cytoscape.js elements at the top level, with no `elements`
/// wrapper: `{"nodes": [{"data": {...}}], "edges": [...]}`.
pub fn recognise_top_level(document: &Map<String, Value>) -> bool {
    document
        .get("nodes")
        .and_then(Value::as_array)
        .and_then(|nodes| nodes.first())
        .and_then(Value::as_object)
        .is_some_and(|node| {
            node.get("data").is_some_and(Value::is_object) && !node.contains_key("id")
        })
}

/// Reads `{"elements": ...}` documents, and the same groups with no `elements` wrapper.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let desktop = document.contains_key("format_version");
    let generated_by = document.get("generated_by").and_then(scalar_text);
    let unwrapped = !document.contains_key("elements");
    let elements = if unwrapped {
        let mut groups = Map::new();
        for group in ["nodes", "edges"] {
            if let Some(items) = document.remove(group) {
                groups.insert(group.to_owned(), items);
            }
        }
        Value::Object(groups)
    } else {
        document.remove("elements").unwrap_or(Value::Null)
    };
    let base = if unwrapped { "" } else { "elements." };
    let mut builder = GraphBuilder::new(
        file,
        match (&generated_by, desktop) {
            (Some(tool), _) => format!("Cytoscape desktop export ({tool})"),
            (None, true) => "Cytoscape desktop export (.cyjs)".to_owned(),
            (None, false) if unwrapped => {
                "Cytoscape.js elements JSON (nodes and edges at the top level)".to_owned()
            }
            (None, false) => "Cytoscape.js elements JSON".to_owned(),
        },
    );
    if let Some(Value::Object(data)) = document.remove("data")
        && let Some(name) = data.get("name").and_then(scalar_text)
    {
        builder.metadata_mut().title = name;
    }
    let mut arrows = EdgeArrows::of_stylesheet(document.get("style"));
    for key in document.keys().filter(|k| {
        !matches!(
            k.as_str(),
            "format_version" | "generated_by" | "target_cytoscapejs_version"
        )
    }) {
        builder.warn(key.clone(), "top-level key not used");
    }
    match elements {
        Value::Array(items) => read_elements(&mut builder, items, "elements", &mut arrows)?,
        other => {
            let mut groups = into_object(
                other,
                "elements",
                "the elements: {\"nodes\": [...], \"edges\": [...]}",
            )?;
            let nodes = into_array(
                groups.remove("nodes").unwrap_or(Value::Array(Vec::new())),
                &format!("{base}nodes"),
                "nodes",
            )?;
            let edges = into_array(
                groups.remove("edges").unwrap_or(Value::Array(Vec::new())),
                &format!("{base}edges"),
                "edges",
            )?;
            builder.reserve(nodes.len(), edges.len());
            let mut read = Vec::with_capacity(nodes.len());
            for (i, node) in nodes.into_iter().enumerate() {
                read.push(read_node(node, format!("{base}nodes[{i}]"))?);
            }
            let groups = add_nodes(&mut builder, read);
            let mut names = GeneratedNames::default();
            for (i, edge) in edges.into_iter().enumerate() {
                let json_path = format!("{base}edges[{i}]");
                read_edge(&mut builder, edge, &json_path, &mut names, &mut arrows)?;
            }
            names.note(&mut builder);
            groups.draw(&mut builder);
        }
    }
    if let Some(note) = arrows.note() {
        builder.note(note);
    }
    Ok(builder.finish())
}

/// Reads a bare list of elements.
pub fn read_flat(file: &str, items: Vec<Value>) -> Result<Loaded, Misfit> {
    let mut builder = GraphBuilder::new(file, "Cytoscape.js elements JSON (flat list)");
    let mut arrows = EdgeArrows::default();
    read_elements(&mut builder, items, "", &mut arrows)?;
    if let Some(note) = arrows.note() {
        builder.note(note);
    }
    Ok(builder.finish())
}

/// A flat list: nodes first (edges may name nodes listed after them), group from `group` or
/// from the presence of `data.source` and `data.target`.
fn read_elements(
    builder: &mut GraphBuilder,
    items: Vec<Value>,
    base: &str,
    arrows: &mut EdgeArrows,
) -> Result<(), Misfit> {
    let mut edges = Vec::new();
    let mut nodes = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let json_path = format!("{base}[{i}]");
        let is_edge = match item.get("group").and_then(Value::as_str) {
            Some("edges") => true,
            Some(_) => false,
            None => item
                .get("data")
                .is_some_and(|d| d.get("source").is_some() && d.get("target").is_some()),
        };
        if is_edge {
            edges.push((json_path, item));
        } else {
            nodes.push(read_node(item, json_path)?);
        }
    }
    let groups = add_nodes(builder, nodes);
    let mut names = GeneratedNames::default();
    for (json_path, item) in edges {
        read_edge(builder, item, &json_path, &mut names, arrows)?;
    }
    names.note(builder);
    groups.draw(builder);
    Ok(())
}

/// An element's `data`, with `position` and `classes` folded in.
fn element_data(element: Value, json_path: &str) -> Result<Map<String, Value>, Misfit> {
    let mut element = into_object(element, json_path, "an element")?;
    let mut data = into_object(
        element.remove("data").unwrap_or(Value::Object(Map::new())),
        &format!("{json_path}.data"),
        "the element's data",
    )?;
    if let Some(Value::Object(position)) = element.remove("position") {
        for axis in ["x", "y"] {
            if let Some(value) = position.get(axis) {
                data.entry(axis.to_owned()).or_insert_with(|| value.clone());
            }
        }
    }
    if let Some(classes) = element.remove("classes") {
        data.entry("classes".to_owned()).or_insert(classes);
    }
    // Cytoscape desktop writes list columns as lists, `name` among them: `["IBM"]`.
    for key in ["name", "label", "shared_name", "interaction"] {
        if let Some(Value::Array(items)) = data.get(key)
            && let [only] = items.as_slice()
            && scalar_text(only).is_some()
        {
            let only = only.clone();
            data.insert(key.to_owned(), only);
        }
    }
    Ok(data)
}

/// A node read, with its path and the compound node holding it, if any.
struct NodeRead {
    path: String,
    node: ImportedNode,
    groups: Vec<String>,
}

/// Hands the nodes to the builder, in order, with their compound nodes checked; the
/// memberships are drawn once the edges are in.
fn add_nodes(builder: &mut GraphBuilder, nodes: Vec<NodeRead>) -> Groups {
    let mut groups = Groups::of_nodes(&nodes, |read| {
        (read.node.id.as_str(), read.groups.as_slice())
    });
    for NodeRead {
        path,
        mut node,
        groups: member_of,
    } in nodes
    {
        groups.place(builder, &path, &mut node, member_of);
        builder.add_node(&path, node);
    }
    groups
}

fn read_node(element: Value, json_path: String) -> Result<NodeRead, Misfit> {
    let mut data = element_data(element, &json_path)?;
    let id_value = data.remove("id").unwrap_or(Value::Null);
    let id = id_text(&id_value).ok_or_else(|| {
        Misfit::new(
            format!("{json_path}.data.id"),
            format!(
                "found {}, expected the node's id",
                super::fields::describe(&id_value)
            ),
        )
    })?;
    // Cytoscape desktop keeps its internal SUID beside the id; it carries no meaning.
    data.remove("SUID");
    data.remove("shared_name");
    // A compound node's id; anything else named `parent` is kept as it is.
    let mut groups = Vec::new();
    if let Some(parent) = data.remove("parent") {
        if let Some(group) = id_text(&parent) {
            groups.push(group);
        } else if !parent.is_null() {
            data.insert("parent".to_owned(), parent);
        }
    }
    Ok(NodeRead {
        path: json_path,
        node: node_from_fields(id, data),
        groups,
    })
}

/// Cytoscape names an edge `source (interaction) target` when it is made and never renames
/// it, so the ends' names may have changed since: such a name is not the edge's label. It is
/// kept as the attribute `name`, as the XGMML reader keeps it; these count them.
#[derive(Default)]
struct GeneratedNames(usize);

impl GeneratedNames {
    fn note(&self, builder: &mut GraphBuilder) {
        if self.0 > 0 {
            builder.note(format!(
                "{} of the form \"source (interaction) target\", which Cytoscape makes, kept as \
                 the attribute \"name\"; the interaction is the relation's type",
                crate::words::counted(self.0, "edge name", "edge names")
            ));
        }
    }
}

/// Whether `name` is the one Cytoscape made for an edge of this `interaction`.
pub(super) fn is_generated_name(name: &str, interaction: &str) -> bool {
    !interaction.trim().is_empty() && name.contains(&format!("({interaction})"))
}

/// The interaction in a name Cytoscape made, `source (interaction) target`: the name split
/// at parentheses in exactly three parts, as Cytoscape 2.x reads it.
pub(super) fn interaction_in_name(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.split(['(', ')']).collect();
    // Java's split drops trailing empty parts: "a (pp) " is three parts there too.
    let parts = match parts.as_slice() {
        [head @ .., ""] if head.len() == 3 => head,
        all => all,
    };
    match parts {
        [_, interaction, _] if !interaction.trim().is_empty() => Some((*interaction).to_owned()),
        _ => None,
    }
}

fn read_edge(
    builder: &mut GraphBuilder,
    element: Value,
    json_path: &str,
    names: &mut GeneratedNames,
    arrows: &mut EdgeArrows,
) -> Result<(), Misfit> {
    // The edge's own style (a bypass, over the stylesheet's), for its arrowheads.
    let own_style = element
        .get("style")
        .or_else(|| element.get("css"))
        .and_then(Value::as_object)
        .cloned();
    let mut data = element_data(element, json_path)?;
    arrows.count(&data, own_style.as_ref());
    let mut endpoint = |key: &str| {
        let value = data.remove(key).unwrap_or(Value::Null);
        id_text(&value).ok_or_else(|| {
            Misfit::new(
                format!("{json_path}.data.{key}"),
                format!(
                    "found {}, expected a node id",
                    super::fields::describe(&value)
                ),
            )
        })
    };
    let source = endpoint("source")?;
    let target = endpoint("target")?;
    data.remove("SUID");
    data.remove("shared_name");
    data.remove("shared_interaction");
    let interaction = data.get("interaction").and_then(scalar_text);
    let generated = match (data.get("name").and_then(scalar_text), interaction) {
        (Some(name), Some(interaction))
            if !data.contains_key("label") && is_generated_name(&name, &interaction) =>
        {
            data.remove("name");
            Some(name)
        }
        _ => None,
    };
    let mut edge = edge_from_fields(source, target, true, data);
    if let Some(name) = generated {
        names.0 += 1;
        edge.attributes.insert("name".to_owned(), name);
    }
    builder.add_edge(json_path, edge);
    Ok(())
}
