//! Cytoscape.js elements JSON: grouped (`{"elements": {"nodes": [...], "edges": [...]}}`),
//! flat (a list of elements, or `"elements": [...]`), and Cytoscape desktop `.cyjs` exports
//! (the grouped form with `format_version` and `data`). Each element keeps its fields under
//! `data`; `position` gives a node's place, and `parent` the compound node holding it, which
//! it is drawn "part of" ([`groups`](super::groups)). Arrowheads the style gives edges in
//! shapes Chainsight does not draw are counted in a note ([`style`]). In a Cytoscape desktop
//! export, its hidden columns (names beginning `__`) and the meta-edges it derives for
//! collapsed groups are left out, with a note ([`meta_edges`]).

mod style;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, id_text, into_array, into_object, node_from_fields, scalar_text,
};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use crate::model::Metadata;
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
    let mut arrows = EdgeArrows::of_stylesheet(document.get("style"));
    // Cytoscape desktop's hidden columns are its own bookkeeping; in other elements JSON a
    // `__` name is whatever its writer meant.
    let mut hidden = (desktop || generated_by.is_some()).then(HiddenAtts::default);
    if let Some(data) = document.remove("data") {
        network_data(&mut builder, data, hidden.as_mut());
    }
    for key in document.keys().filter(|k| {
        !matches!(
            k.as_str(),
            "format_version" | "generated_by" | "target_cytoscapejs_version"
        )
    }) {
        builder.warn(key.clone(), "top-level key not used");
    }
    match elements {
        Value::Array(items) => read_elements(
            &mut builder,
            items,
            "elements",
            &mut arrows,
            hidden.as_mut(),
        )?,
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
                read.push(read_node(
                    node,
                    format!("{base}nodes[{i}]"),
                    hidden.as_mut(),
                )?);
            }
            let (groups, members) = add_nodes(&mut builder, read);
            let mut read = Vec::with_capacity(edges.len());
            for (i, edge) in edges.into_iter().enumerate() {
                let json_path = format!("{base}edges[{i}]");
                read.push(read_edge(edge, &json_path, &mut arrows, hidden.as_mut())?);
            }
            add_edges(&mut builder, read, &members).note(&mut builder);
            groups.draw(&mut builder);
        }
    }
    if let Some(note) = arrows.note() {
        builder.note(note);
    }
    if let Some(note) = hidden.and_then(|hidden| hidden.note()) {
        builder.note(note);
    }
    Ok(builder.finish())
}

/// The network's own `data` (a `.cyjs` export's network table): the dataset's metadata
/// where it has a place ([`network_metadata`]); Cytoscape's hidden columns counted with the
/// others, its `SUID` dropped as on nodes and edges; anything else named in one note.
fn network_data(builder: &mut GraphBuilder, data: Value, mut hidden: Option<&mut HiddenAtts>) {
    let Value::Object(data) = data else {
        if !data.is_null() {
            builder.warn(
                "data",
                format!(
                    "found {}, expected the network's data (an object); not read",
                    super::fields::describe(&data)
                ),
            );
        }
        return;
    };
    let mut unread = Vec::new();
    for (name, value) in data {
        if let Some(hidden) = hidden.as_deref_mut().filter(|_| is_hidden_name(&name)) {
            // `"__Annotations": []`, as Cytoscape writes a network without any, holds none.
            let empty = value.is_null() || value.as_array().is_some_and(Vec::is_empty);
            if !empty {
                hidden.add(&name);
            }
            continue;
        }
        let text = match &value {
            Value::Null => continue,
            // A one-item list, as Cytoscape writes list columns, is its item.
            Value::Array(items) if items.len() == 1 => items.first().and_then(scalar_text),
            other => scalar_text(other),
        };
        let text = text.as_deref().map(str::trim);
        match text {
            Some("") => {}
            _ if name == "SUID" => {}
            Some(text) if network_metadata(builder.metadata_mut(), &name, text) => {}
            _ => unread.push(name),
        }
    }
    if let Some(note) = super::fields::not_read_note(
        "network attributes not kept (a dataset has no place for them)",
        &unread,
    ) {
        builder.note(note);
    }
}

/// Reads a bare list of elements.
pub fn read_flat(file: &str, items: Vec<Value>) -> Result<Loaded, Misfit> {
    let mut builder = GraphBuilder::new(file, "Cytoscape.js elements JSON (flat list)");
    let mut arrows = EdgeArrows::default();
    read_elements(&mut builder, items, "", &mut arrows, None)?;
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
    mut hidden: Option<&mut HiddenAtts>,
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
            nodes.push(read_node(item, json_path, hidden.as_deref_mut())?);
        }
    }
    let (groups, members) = add_nodes(builder, nodes);
    let mut read = Vec::with_capacity(edges.len());
    for (json_path, item) in edges {
        read.push(read_edge(item, &json_path, arrows, hidden.as_deref_mut())?);
    }
    add_edges(builder, read, &members).note(builder);
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

/// Each compound node's members, by its id.
type Members = HashMap<String, Vec<String>>;

/// Hands the nodes to the builder, in order, with their compound nodes checked; the
/// memberships are drawn once the edges are in. Returns them, and each compound node's
/// members.
fn add_nodes(builder: &mut GraphBuilder, nodes: Vec<NodeRead>) -> (Groups, Members) {
    let mut members = Members::new();
    for read in &nodes {
        for group in &read.groups {
            members
                .entry(group.clone())
                .or_default()
                .push(read.node.id.clone());
        }
    }
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
    (groups, members)
}

/// Takes Cytoscape's hidden columns out of `data`, counting them; whether `__isMetaEdge`
/// was among them, marking a meta-edge.
fn take_hidden(data: &mut Map<String, Value>, hidden: Option<&mut HiddenAtts>) -> bool {
    let Some(hidden) = hidden else {
        return false;
    };
    let names: Vec<String> = data
        .keys()
        .filter(|name| is_hidden_name(name))
        .cloned()
        .collect();
    let mut meta = false;
    for name in names {
        if let Some(value) = data.remove(&name) {
            meta |= name == META_EDGE_MARK && marks_meta_edge(&value);
            hidden.add(&name);
        }
    }
    meta
}

fn read_node(
    element: Value,
    json_path: String,
    hidden: Option<&mut HiddenAtts>,
) -> Result<NodeRead, Misfit> {
    let mut data = element_data(element, &json_path)?;
    take_hidden(&mut data, hidden);
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
/// kept as the attribute `name`, as the XGMML reader keeps it; these count them, on the edges
/// loaded (not the meta-edges left out).
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

/// An edge read, waiting for the meta-edges to be told apart.
struct EdgeRead {
    path: String,
    edge: ImportedEdge,
    /// Marked `__isMetaEdge`.
    marked_meta: bool,
    /// Its interaction begins with "meta-".
    meta_interaction: bool,
    /// Its name is the one Cytoscape made, kept as the attribute `name`.
    generated_name: bool,
}

/// Hands the edges to the builder, but the meta-edges Cytoscape derives for collapsed groups
/// where other edges give their links ([`meta_edges`]): those marked `__isMetaEdge`, and
/// those of a "meta-..." interaction at a compound node. Returns the generated names of the
/// edges added.
fn add_edges(
    builder: &mut GraphBuilder,
    edges: Vec<EdgeRead>,
    members: &Members,
) -> GeneratedNames {
    let ends: Vec<(&str, &str, bool)> = edges
        .iter()
        .map(|read| {
            meta_candidate(
                (&read.edge.source, &read.edge.target),
                (read.marked_meta, read.meta_interaction),
                members,
            )
        })
        .collect();
    let (keep, note) = meta_edges(&ends, members);
    let mut names = GeneratedNames::default();
    for (read, kept) in edges.into_iter().zip(keep) {
        if kept {
            names.0 += usize::from(read.generated_name);
            builder.add_edge(&read.path, read.edge);
        }
    }
    if let Some(note) = note {
        builder.note(note);
    }
    names
}

fn read_edge(
    element: Value,
    json_path: &str,
    arrows: &mut EdgeArrows,
    hidden: Option<&mut HiddenAtts>,
) -> Result<EdgeRead, Misfit> {
    // The edge's own style (a bypass, over the stylesheet's), for its arrowheads.
    let own_style = element
        .get("style")
        .or_else(|| element.get("css"))
        .and_then(Value::as_object)
        .cloned();
    let mut data = element_data(element, json_path)?;
    let marked_meta = take_hidden(&mut data, hidden);
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
    let meta_interaction = interaction
        .as_deref()
        .is_some_and(|text| text.starts_with("meta-"));
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
    let generated_name = generated.is_some();
    if let Some(name) = generated {
        edge.attributes.insert("name".to_owned(), name);
    }
    Ok(EdgeRead {
        path: json_path.to_owned(),
        edge,
        marked_meta,
        meta_interaction,
        generated_name,
    })
}

/// Files a network attribute of Cytoscape's (an XGMML graph `<att>`, a `.cyjs` network's
/// `data`) with the dataset's metadata where it has a place: `name` (or `shared name`,
/// `title`, `label`) the title, unless another gave it; `description`; `creator`/`author`
/// the authors (`;` between several); `license`; `created`/`date` the day it was made.
/// Whether it had one; `text` is the value, trimmed and not empty.
pub(super) fn network_metadata(metadata: &mut Metadata, name: &str, text: &str) -> bool {
    match super::vocabulary::squashed(name).as_str() {
        "title" | "label" | "name" | "sharedname" if metadata.title.trim().is_empty() => {
            text.clone_into(&mut metadata.title);
        }
        "title" | "label" | "name" | "sharedname" if metadata.title.trim() == text => {}
        "description" if metadata.description.is_none() => {
            metadata.description = Some(text.to_owned());
        }
        "creator" | "author" | "authors" if metadata.authors.is_empty() => {
            metadata.authors = super::vocabulary::split_authors(text);
        }
        "license" if metadata.license.is_none() => metadata.license = Some(text.to_owned()),
        "created" | "date"
            if metadata.created.is_none() && super::native::calendar_date(text).is_some() =>
        {
            metadata.created = super::native::calendar_date(text).map(str::to_owned);
        }
        _ => return false,
    }
    true
}

/// Whether an attribute is one Cytoscape keeps for itself (its hidden columns: `__groupState`,
/// `__metanodeHintX`, `__isMetaEdge`, `__Annotations`...), named with a leading `__`.
pub(super) fn is_hidden_name(name: &str) -> bool {
    name.starts_with("__")
}

/// The marker Cytoscape puts on the meta-edges it derives for a collapsed group.
pub(super) const META_EDGE_MARK: &str = "__isMetaEdge";

/// Whether a value of `__isMetaEdge` marks a meta-edge.
pub(super) fn marks_meta_edge(value: &Value) -> bool {
    match value {
        Value::Bool(flag) => *flag,
        Value::String(text) => matches!(text.trim(), "true" | "1"),
        Value::Number(number) => number.as_f64() == Some(1.0),
        _ => false,
    }
}

/// Cytoscape's hidden attributes met while reading, for one note.
#[derive(Default)]
pub(super) struct HiddenAtts {
    values: usize,
    names: std::collections::BTreeSet<String>,
}

impl HiddenAtts {
    pub(super) fn add(&mut self, name: &str) {
        self.values += 1;
        self.names.insert(name.to_owned());
    }

    pub(super) fn note(&self) -> Option<String> {
        if self.values == 0 {
            return None;
        }
        let names: Vec<String> = self.names.iter().cloned().collect();
        super::fields::not_read_note(
            &format!(
                "{} of Cytoscape's hidden attributes (its own bookkeeping) not kept",
                crate::words::counted(self.values, "value", "values")
            ),
            &names,
        )
    }
}

/// A node and everything its groups hold, however deep.
fn with_members<'a>(node: &'a str, members: &'a HashMap<String, Vec<String>>) -> HashSet<&'a str> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack = vec![node];
    while let Some(next) = stack.pop() {
        if seen.insert(next)
            && let Some(inner) = members.get(next)
        {
            stack.extend(inner.iter().map(String::as_str));
        }
    }
    seen
}

/// An edge's ends and whether it is a meta-edge, as [`meta_edges`] takes it: marked as one
/// (`marked`), or of a "meta-..." interaction (`meta_interaction`) at a group node; at an
/// ordinary node such a word is the file's own.
pub(super) fn meta_candidate<'a>(
    (source, target): (&'a str, &'a str),
    (marked, meta_interaction): (bool, bool),
    members: &Members,
) -> (&'a str, &'a str, bool) {
    let at_group = members.contains_key(source) || members.contains_key(target);
    (source, target, marked || (meta_interaction && at_group))
}

/// Which of the edges (`(source, target, is_meta)`, in order) to keep: every edge but the
/// meta-edges Cytoscape derives for a collapsed group, which stand for edges of the group's
/// members. A meta-edge is left out where some other edge links its ends or their members
/// (`members` gives each group node's members, nested groups included); one whose link no
/// other edge of the file gives is kept, so that no link is lost. Returns, per edge, whether
/// it is kept, and the note saying what was done, where there were meta-edges.
pub(super) fn meta_edges(
    edges: &[(&str, &str, bool)],
    members: &HashMap<String, Vec<String>>,
) -> (Vec<bool>, Option<String>) {
    let metas = edges.iter().filter(|(_, _, meta)| *meta).count();
    if metas == 0 {
        return (vec![true; edges.len()], None);
    }
    let plain: HashSet<(&str, &str)> = edges
        .iter()
        .filter(|(_, _, meta)| !meta)
        .flat_map(|(s, t, _)| [(*s, *t), (*t, *s)])
        .collect();
    let mut kept_metas = 0;
    let keep: Vec<bool> = edges
        .iter()
        .map(|(source, target, meta)| {
            if !meta {
                return true;
            }
            let (ends_a, ends_b) = (with_members(source, members), with_members(target, members));
            let covered = ends_a
                .iter()
                .any(|a| ends_b.iter().any(|b| plain.contains(&(*a, *b))));
            if !covered {
                kept_metas += 1;
            }
            !covered
        })
        .collect();
    let left_out = metas - kept_metas;
    let mut note = format!(
        "{} Cytoscape derives for collapsed groups (marked {META_EDGE_MARK}, or of an \
         interaction \"meta-...\" at a group node): {left_out} left out, as each stands for edges \
         of the group's members, which are read",
        crate::words::counted(metas, "meta-edge", "meta-edges")
    );
    if kept_metas > 0 {
        let _ = write!(
            note,
            "; {kept_metas} kept as {}, as no other edge of the file links its ends or their \
             members",
            if kept_metas == 1 {
                "a relation"
            } else {
                "relations"
            }
        );
    }
    (keep, Some(note))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::meta_edges;

    #[test]
    fn a_meta_edge_is_left_out_where_a_member_s_edge_gives_its_link_at_any_depth() {
        // Outer holds Inner and c; Inner holds a and b (as nested_groups_283.xgmml).
        let members: HashMap<String, Vec<String>> = [
            ("Outer".to_owned(), vec!["Inner".to_owned(), "c".to_owned()]),
            ("Inner".to_owned(), vec!["a".to_owned(), "b".to_owned()]),
        ]
        .into_iter()
        .collect();
        let edges = [
            ("b", "x", false),
            ("Outer", "x", true), // b -> x, two levels down
            ("y", "Inner", true), // nothing links y to a or b
            ("c", "a", false),
        ];
        let (keep, note) = meta_edges(&edges, &members);
        assert_eq!(keep, [true, false, true, true]);
        let note = note.expect("a note");
        assert!(note.starts_with("2 meta-edges Cytoscape derives"), "{note}");
        assert!(note.contains(": 1 left out"), "{note}");
        assert!(note.contains("; 1 kept as a relation"), "{note}");

        let (keep, note) = meta_edges(&[("a", "b", false)], &members);
        assert_eq!((keep, note), (vec![true], None));
    }
}
