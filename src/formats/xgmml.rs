//! XGMML, the XML graph format Cytoscape desktop exports (`File > Export > Network to File`,
//! `.xgmml`) and keeps its networks in inside sessions: a root `<graph label directed>` of
//! `<node id label>` and `<edge id source target label>` elements, each with typed
//! `<att name value type>` children (`string`, `integer`, `real`, `boolean`, and `list`
//! holding nested `<att>`s) and a `<graphics>` element (`x`/`y` the position, `fill` a
//! node's colour, the rest styling).
//!
//! Every `<att>` is filed through the field [`vocabulary`](super::vocabulary) like any other
//! format's columns ([`node_from_fields`], [`edge_from_fields`]): numbers stay numbers (a
//! `real` `weight` is the weight), lists are their items joined with ` | `. A node's name is
//! its `label`, else its `name`, `shared name` or (Cytoscape 2.x) `canonicalName`; those
//! giving the same text are not kept twice. An edge's `interaction` is the relation's type;
//! the name Cytoscape makes for an edge, `source (interaction) target`, is kept as the
//! attribute `name` rather than used as its label, and a Cytoscape 2.x edge without an
//! `interaction` takes it from that name, as Cytoscape does. `cy:directed` (or `directed`)
//! on an edge gives its direction, else the graph's `directed`, else directed (as Cytoscape
//! reads it).
//!
//! A node's `<graphics fill>` (`#RRGGBB`, as Cytoscape writes it) is its colour, kept as the
//! attribute `color` (`#rrggbb`), which the window opens with when most nodes have one,
//! unless the node gives a `color` att of its own.
//!
//! The root graph's `label` (else its `name` att) is the dataset's title, its `description`
//! att the description, Cytoscape 2.x RDF metadata (`dc:title`, `dc:description`, `dc:date`)
//! fills what is still empty. Graphs nested in nodes (Cytoscape groups, a session's
//! subnetworks) are flattened, each of their nodes (written there or referred to) drawn
//! "part of" the node holding the graph ([`groups`](super::groups)); references to items
//! defined elsewhere (`xlink:href`) are not read twice. Cytoscape's hidden attributes (a
//! name beginning `__`, or marked `cy:hidden="true"`: `__groupState`, `__metanodeHintX`...)
//! are its own bookkeeping, counted in a note, not kept; so are the meta-edges it derives
//! for a collapsed group (`__isMetaEdge`, interaction "meta-..."), where the members' own
//! edges give their links (see [`meta_edges`]). What has no place
//! (styling, other network attributes, nested graphs' attributes) is named in the report's
//! notes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;

use serde_json::{Map, Number, Value};

use super::cytoscape::{
    HiddenAtts, META_EDGE_MARK, interaction_in_name, is_generated_name, is_hidden_name,
    marks_meta_edge, meta_candidate, meta_edges, network_metadata,
};
use super::fields::{edge_from_fields, node_from_fields, scalar_text};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::xml::{
    self, AlphaAt, ESCAPE_PREFIX, Element, FILL_ATTRIBUTE, Fill, XmlEvents, XmlGraphReader,
    hex_colour, unused_elements_note,
};
use super::{LoadError, Loaded};
use crate::words::counted;

/// How list items are joined into one attribute text, as the other readers join them.
const LIST_SEPARATOR: &str = " | ";

/// How many names a note lists before counting the rest.
const LISTED: usize = 20;

/// The attributes that name a node or edge, best first after the element's `label`.
const NAME_ATTS: [&str; 4] = ["label", "name", "shared name", "canonicalName"];

/// Reads an XGMML document. `file` names it in messages.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    xml::read_xml_graph(file, text, XgmmlReader::new(file))
}

/// The value of the attribute with this local name (`directed` matches `cy:directed`),
/// namespace declarations aside.
fn local_attr<'e>(element: &'e Element, local: &str) -> Option<&'e str> {
    element
        .attrs()
        .find(|(key, _)| {
            !key.starts_with("xmlns") && key.rsplit(':').next().is_some_and(|name| name == local)
        })
        .map(|(_, value)| value)
}

/// `1`/`true`/`yes` or `0`/`false`/`no`, as XGMML and Cytoscape write flags.
fn flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// A value as its `type` says: numbers stay numbers (so a `real` weight is a weight),
/// booleans booleans; anything that does not parse stays the text it is.
fn typed_value(kind: &str, text: &str) -> Value {
    match kind {
        "real" | "integer" | "double" | "float" | "long" | "int" => Number::from_str(text.trim())
            .map_or_else(|_| Value::String(text.to_owned()), Value::Number),
        "boolean" => flag(text).map_or_else(|| Value::String(text.to_owned()), Value::Bool),
        _ => Value::String(text.to_owned()),
    }
}

/// The text of an item in a list.
fn item_text(value: &Value) -> Option<String> {
    scalar_text(value)
}

/// What an `<att>` belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Node,
    Edge,
    /// The root graph: the dataset's metadata.
    Graph,
    NestedGraph,
    /// A `<graphics>` element: styling.
    Graphics,
    /// Another `<att>` (a list's item).
    Item,
    Other,
}

/// An `<att>` being read.
struct AttFrame {
    name: Option<String>,
    kind: String,
    value: Option<String>,
    owner: Owner,
    /// The items of a list (or of any `<att>` holding `<att>`s).
    items: Vec<String>,
    has_children: bool,
    /// Holds a nested `<graph>`, not a value.
    holds_graph: bool,
    /// Marked `cy:hidden="true"`: one of Cytoscape's hidden columns.
    hidden: bool,
    path: String,
}

impl AttFrame {
    /// Its value: a list's items joined (none when empty), else its typed `value`.
    fn value(&self) -> Value {
        if self.kind == "list" || self.has_children {
            if self.items.is_empty() {
                return Value::Null;
            }
            return Value::String(self.items.join(LIST_SEPARATOR));
        }
        match &self.value {
            Some(text) => typed_value(&self.kind, text),
            None => Value::Null,
        }
    }
}

/// A `<node>` or `<edge>` being read.
struct Draft {
    seq: usize,
    path: String,
    id: String,
    /// The element's `label`.
    label: Option<String>,
    source: String,
    target: String,
    /// Stated on the element (`cy:directed`, `directed`), else the graph's.
    directed: bool,
    /// Its `<att>`s and other XML attributes, by name (the first of a name wins).
    fields: Map<String, Value>,
    /// From its `<graphics x y>`.
    position: Option<(f32, f32)>,
    /// From its `<graphics fill>`, as `#rrggbb`.
    fill: Option<String>,
    /// The node whose nested graph holds it.
    parent: Option<String>,
    /// Set aside (no id, no endpoints, or a reference): its children are read and dropped.
    skip: bool,
    /// An edge marked `__isMetaEdge`: a meta-edge Cytoscape derives for a collapsed group.
    meta: bool,
}

impl Draft {
    fn new(seq: usize, path: String) -> Self {
        Self {
            seq,
            path,
            id: String::new(),
            label: None,
            source: String::new(),
            target: String::new(),
            directed: true,
            fields: Map::new(),
            position: None,
            fill: None,
            parent: None,
            skip: false,
            meta: false,
        }
    }

    fn set_aside(seq: usize, path: String) -> Self {
        let mut draft = Self::new(seq, path);
        draft.skip = true;
        draft
    }

    /// Files an `<att>` (or an XML attribute) by its name; a second of one name is reported.
    fn add(&mut self, builder: &mut GraphBuilder, path: &str, name: &str, value: Value) {
        if value.is_null() {
            return;
        }
        if self.fields.contains_key(name) {
            builder.warn(
                path,
                format!(
                    "a second attribute \"{}\" on one item; the first is kept",
                    super::excerpt(name, 40)
                ),
            );
            return;
        }
        self.fields.insert(name.to_owned(), value);
    }

    /// The name: the element's `label`, else the first naming attribute. The naming
    /// attributes that give the same text are taken out (counted in `same_as_label`).
    fn take_name(&mut self, same_as_label: &mut usize) -> Option<String> {
        let label = self
            .label
            .clone()
            .filter(|l| !l.trim().is_empty())
            .or_else(|| {
                NAME_ATTS.iter().find_map(|name| {
                    self.fields
                        .get(*name)
                        .and_then(scalar_text)
                        .filter(|text| !text.trim().is_empty())
                })
            })?;
        for name in NAME_ATTS {
            if self.fields.get(name).and_then(scalar_text).as_deref() == Some(label.as_str()) {
                self.fields.remove(name);
                // The element's label given again is no news; an attribute giving the name is.
                if self.label.is_some() {
                    *same_as_label += 1;
                }
            }
        }
        Some(label)
    }

    /// Files `label` under `label`; an `<att name="label">` that says otherwise stays an
    /// attribute of that name.
    fn set_label(&mut self, label: String) {
        if let Some(other) = self.fields.remove("label") {
            self.fields.insert(format!("{ESCAPE_PREFIX}label"), other);
        }
        self.fields.insert("label".to_owned(), Value::String(label));
    }
}

/// A node read, waiting to be handed to the builder.
struct DoneNode {
    /// Its place in the file (nested nodes close before the node holding them).
    seq: usize,
    path: String,
    node: ImportedNode,
    /// The nodes whose nested graphs hold it.
    groups: Vec<String>,
}

/// An edge read, waiting to be handed to the builder.
struct DoneEdge {
    path: String,
    edge: ImportedEdge,
    /// Marked `__isMetaEdge` by Cytoscape.
    marked_meta: bool,
    /// Its interaction begins with "meta-", as a meta-edge's does.
    meta_interaction: bool,
    /// What its name gave, counted for the notes (and taken off the counts if it is left
    /// out).
    name: NameUse,
}

/// What an edge's name gave, for the notes on names.
#[derive(Clone, Copy, Default)]
struct NameUse {
    /// The name is the one Cytoscape made, kept as the attribute `name`.
    generated: bool,
    /// The interaction was taken from that name (Cytoscape 2.x).
    interaction: bool,
}

/// A node reference in a graph nested in a node: a member of that node's group written in
/// full elsewhere.
struct ReferredMember {
    member: String,
    group: String,
    path: String,
}

/// Adds each member a group's graph refers to to the groups of the first node of that id; a
/// reference to no node is reported and left.
fn add_referred_members(
    builder: &mut GraphBuilder,
    nodes: &mut [DoneNode],
    referred: Vec<ReferredMember>,
) {
    if referred.is_empty() {
        return;
    }
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, done) in nodes.iter().enumerate() {
        by_id.entry(done.node.id.clone()).or_insert(index);
    }
    for ReferredMember {
        member,
        group,
        path,
    } in referred
    {
        match by_id.get(&member).and_then(|&index| nodes.get_mut(index)) {
            Some(done) => done.groups.push(group),
            None => builder.warn(
                path,
                format!(
                    "xlink:href=\"#{}\" names no node of the file; it is not drawn as a member of the group \"{}\"",
                    super::excerpt(&member, 80),
                    super::excerpt(&group, 80)
                ),
            ),
        }
    }
}

/// An open `<graph>`.
struct GraphFrame {
    directed: bool,
    parent_node: Option<String>,
}

#[derive(Default)]
struct Stats {
    nested_graphs: usize,
    nested_graph_atts: usize,
    graph_links: usize,
    node_refs: usize,
    edge_refs: usize,
    /// `<graphics>` attributes (styling), by name.
    graphics: BTreeMap<String, usize>,
    /// `<att>`s inside `<graphics>` (Cytoscape 3's visual properties).
    visual_atts: usize,
    /// Node fills read as colours.
    fills: usize,
    /// Nodes whose fill differs from the `color` att they give.
    fills_beside_colour: usize,
    /// Naming attributes that repeat the element's label.
    same_as_label: usize,
    generated_names: usize,
    interactions_from_names: usize,
    unused_graph_atts: BTreeSet<String>,
    unused: BTreeMap<String, usize>,
    /// Cytoscape's hidden attributes, left out.
    hidden: HiddenAtts,
}

impl Stats {
    fn not_read(&mut self, name: &str) {
        *self.unused.entry(name.to_owned()).or_default() += 1;
    }

    /// What of the drawing (`<graphics>`) was not kept, and fills that gave way to a `color`.
    fn drawing_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.graphics.is_empty() || self.visual_atts > 0 {
            let mut parts = Vec::new();
            if !self.graphics.is_empty() {
                parts.push(format!(
                    "<graphics> attributes {}",
                    listed(
                        self.graphics
                            .iter()
                            .map(|(name, count)| format!("{} ({count})", super::excerpt(name, 40))),
                        self.graphics.len()
                    )
                ));
            }
            if self.visual_atts > 0 {
                parts.push(format!(
                    "{} inside <graphics>",
                    counted(self.visual_atts, "visual property", "visual properties")
                ));
            }
            notes.push(format!(
                "drawing details not kept ({} are): {}",
                if self.fills > 0 {
                    "positions and node fill colours"
                } else {
                    "positions"
                },
                parts.join("; ")
            ));
        }
        if self.fills_beside_colour > 0 {
            notes.push(format!(
                "drawn fill colours not used on {}: the \"color\" attribute the file gives them is \
                 their colour",
                counted(self.fills_beside_colour, "node", "nodes")
            ));
        }
        notes
    }
}

struct XgmmlReader {
    file: String,
    builder: GraphBuilder,
    root_offset: Option<usize>,
    document_version: Option<String>,
    graphs: Vec<GraphFrame>,
    atts: Vec<AttFrame>,
    nodes: Vec<Draft>,
    edges: Vec<Draft>,
    done_nodes: Vec<DoneNode>,
    done_edges: Vec<DoneEdge>,
    /// Node references (`xlink:href="#id"`) in a graph nested in a node: the node referred
    /// to, written in full elsewhere, the node holding the graph (its group) and where.
    referred_members: Vec<ReferredMember>,
    /// A Cytoscape 2.x RDF metadata field being read: its name, text and depth.
    rdf: Option<(String, String, usize)>,
    rdf_fields: Vec<(String, String)>,
    seq: usize,
    stats: Stats,
}

impl XgmmlReader {
    fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            builder: GraphBuilder::new(file, "XGMML"),
            root_offset: None,
            document_version: None,
            graphs: Vec::new(),
            atts: Vec::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
            done_nodes: Vec::new(),
            done_edges: Vec::new(),
            referred_members: Vec::new(),
            rdf: None,
            rdf_fields: Vec::new(),
            seq: 0,
            stats: Stats::default(),
        }
    }

    fn open_root(&mut self, events: &XmlEvents, element: &Element) {
        self.root_offset = Some(element.offset);
        let directed = self.directed_attr(events, element, true);
        self.graphs.push(GraphFrame {
            directed,
            parent_node: None,
        });
        if let Some(label) = element.attr("label").filter(|l| !l.trim().is_empty()) {
            label
                .trim()
                .clone_into(&mut self.builder.metadata_mut().title);
        }
        self.document_version = local_attr(element, "documentVersion").map(str::to_owned);
    }

    /// `directed` (or `cy:directed`) on `element` as a flag, else `default`.
    fn directed_attr(&mut self, events: &XmlEvents, element: &Element, default: bool) -> bool {
        let Some(text) = local_attr(element, "directed") else {
            return default;
        };
        flag(text).unwrap_or_else(|| {
            self.builder.warn(
                events.path(),
                format!(
                    "directed=\"{}\" is not 1 or 0; read as {}",
                    super::excerpt(text, 40),
                    if default { "directed" } else { "undirected" }
                ),
            );
            default
        })
    }

    fn open_nested_graph(&mut self, events: &XmlEvents, element: &Element) {
        let holder = self.atts.last_mut();
        let owner = holder.as_ref().map(|att| att.owner);
        if let Some(holder) = holder {
            holder.holds_graph = true;
        }
        let parent_node = if local_attr(element, "href").is_some() {
            // A nested network's link to a network defined elsewhere.
            self.stats.graph_links += 1;
            None
        } else {
            self.stats.nested_graphs += 1;
            match owner {
                Some(Owner::Node) => self.nodes.last().map(|draft| draft.id.clone()),
                _ => None,
            }
        };
        let default = self.graphs.last().is_none_or(|graph| graph.directed);
        let directed = self.directed_attr(events, element, default);
        self.graphs.push(GraphFrame {
            directed,
            parent_node,
        });
    }

    fn open_node(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let path = events.path();
        if let Some(href) = local_attr(element, "href") {
            self.stats.node_refs += 1;
            // Cytoscape writes a group's member once, in full, and elsewhere as a reference:
            // a reference in a group's graph still says who is in the group.
            if let (Some(id), Some(group)) = (
                href.trim().strip_prefix('#'),
                self.graphs.last().and_then(|g| g.parent_node.as_ref()),
            ) {
                self.referred_members.push(ReferredMember {
                    member: id.to_owned(),
                    group: group.clone(),
                    path: path.clone(),
                });
            }
            self.nodes.push(Draft::set_aside(self.seq, path));
            return;
        }
        let Some(id) = element.attr("id") else {
            self.builder.warn(
                &path,
                "a node without an id; set aside with everything in it",
            );
            self.nodes.push(Draft::set_aside(self.seq, path));
            return;
        };
        let mut draft = Draft::new(self.seq, path);
        id.clone_into(&mut draft.id);
        // `name` for files older than `label` (Cytoscape reads both).
        draft.label = element
            .attr("label")
            .or_else(|| element.attr("name"))
            .map(str::to_owned);
        draft.parent = self.graphs.last().and_then(|g| g.parent_node.clone());
        self.other_attrs(&mut draft, element, &["id", "label", "name"]);
        self.nodes.push(draft);
    }

    fn open_edge(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let path = events.path();
        if local_attr(element, "href").is_some() {
            self.stats.edge_refs += 1;
            self.edges.push(Draft::set_aside(self.seq, path));
            return;
        }
        let (Some(source), Some(target)) = (element.attr("source"), element.attr("target")) else {
            self.builder.warn(
                &path,
                "an edge without a source or a target; set aside with everything in it",
            );
            self.edges.push(Draft::set_aside(self.seq, path));
            return;
        };
        let default = self.graphs.last().is_none_or(|graph| graph.directed);
        let mut draft = Draft::new(self.seq, path);
        draft.directed = self.directed_attr(events, element, default);
        source.clone_into(&mut draft.source);
        target.clone_into(&mut draft.target);
        element
            .attr("id")
            .unwrap_or_default()
            .clone_into(&mut draft.id);
        draft.label = element.attr("label").map(str::to_owned);
        self.other_attrs(
            &mut draft,
            element,
            &["id", "label", "source", "target", "directed"],
        );
        self.edges.push(draft);
    }

    /// The element's other XML attributes (XGMML's `weight`, vendor attributes) as fields;
    /// namespace declarations and the names in `structural` aside.
    fn other_attrs(&mut self, draft: &mut Draft, element: &Element, structural: &[&str]) {
        let path = draft.path.clone();
        for (key, value) in element.attrs() {
            let local = key.rsplit(':').next().unwrap_or(key);
            if key.starts_with("xmlns") || structural.contains(&local) {
                continue;
            }
            let value = match Number::from_str(value.trim()) {
                Ok(number) if local == "weight" => Value::Number(number),
                _ => Value::String(value.to_owned()),
            };
            draft.add(&mut self.builder, &path, key, value);
        }
    }

    fn open_att(&mut self, events: &XmlEvents, element: &Element, parent: &str) {
        let owner = match parent {
            "node" => Owner::Node,
            "edge" => Owner::Edge,
            "graph" if self.graphs.len() == 1 => Owner::Graph,
            "graph" => Owner::NestedGraph,
            "graphics" => Owner::Graphics,
            "att" => {
                if let Some(holder) = self.atts.last_mut() {
                    holder.has_children = true;
                }
                Owner::Item
            }
            _ => Owner::Other,
        };
        self.atts.push(AttFrame {
            name: element.attr("name").map(str::to_owned),
            kind: element
                .attr("type")
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase(),
            value: element.attr("value").map(str::to_owned),
            owner,
            items: Vec::new(),
            has_children: false,
            holds_graph: false,
            hidden: local_attr(element, "hidden").and_then(flag) == Some(true),
            path: events.path(),
        });
    }

    fn close_att(&mut self) {
        let Some(att) = self.atts.pop() else {
            return;
        };
        if att.holds_graph {
            return;
        }
        let value = att.value();
        match att.owner {
            Owner::Item => {
                if let (Some(holder), Some(text)) = (self.atts.last_mut(), item_text(&value)) {
                    holder.items.push(match &att.name {
                        // A named item (a map, a list of visual properties): `name=value`.
                        Some(name) => format!("{name}={text}"),
                        None => text,
                    });
                }
            }
            Owner::Node | Owner::Edge => {
                let drafts = if att.owner == Owner::Node {
                    &mut self.nodes
                } else {
                    &mut self.edges
                };
                let Some(draft) = drafts.last_mut().filter(|draft| !draft.skip) else {
                    return;
                };
                // Cytoscape's own bookkeeping (`__groupState`, `cy:hidden` columns): not an
                // attribute anyone gave; `__isMetaEdge` marks a derived edge.
                if let Some(name) = att
                    .name
                    .as_deref()
                    .filter(|name| att.hidden || is_hidden_name(name))
                {
                    if att.owner == Owner::Edge && name == META_EDGE_MARK {
                        draft.meta |= marks_meta_edge(&value);
                    }
                    if !value.is_null() {
                        self.stats.hidden.add(name);
                    }
                    return;
                }
                match &att.name {
                    Some(name) => draft.add(&mut self.builder, &att.path, name, value),
                    None if value.is_null() => {}
                    None => self
                        .builder
                        .warn(&att.path, "an <att> without a name; its value is not kept"),
                }
            }
            Owner::Graph => match att.name.as_deref() {
                Some(name) if att.hidden || is_hidden_name(name) => {
                    if !value.is_null() {
                        self.stats.hidden.add(name);
                    }
                }
                name => self.graph_att(name, &value),
            },
            Owner::NestedGraph => self.stats.nested_graph_atts += 1,
            Owner::Graphics => self.stats.visual_atts += 1,
            Owner::Other => self.stats.not_read("att"),
        }
    }

    /// An `<att>` of the root graph: the dataset's metadata where it has a place.
    fn graph_att(&mut self, name: Option<&str>, value: &Value) {
        let Some(name) = name else {
            return;
        };
        let text = scalar_text(value).unwrap_or_default();
        let text = text.trim();
        match super::vocabulary::squashed(name).as_str() {
            // Its value is Cytoscape's, shown in the format.
            "documentversion" => {
                if self.document_version.is_none() && !text.is_empty() {
                    self.document_version = Some(text.to_owned());
                }
            }
            // RDF, read element by element.
            "networkmetadata" if value.is_null() => {}
            _ if text.is_empty() => {}
            _ => {
                if !network_metadata(self.builder.metadata_mut(), name, text) {
                    self.stats.unused_graph_atts.insert(name.to_owned());
                }
            }
        }
    }

    /// A `<graphics>` element: a node's `x`/`y` is its position and its `fill` its colour;
    /// the rest is styling, named in the note.
    fn graphics(&mut self, element: &Element, parent: &str) {
        let number = |name: &str| {
            element
                .attr(name)
                .and_then(|v| v.trim().parse::<f32>().ok())
                .filter(|v| v.is_finite())
        };
        let position = match (number("x"), number("y")) {
            (Some(x), Some(y)) if parent == "node" => Some((x, y)),
            _ => None,
        };
        let mut fill_read = false;
        if let Some(draft) = self.nodes.last_mut().filter(|_| parent == "node") {
            if draft.position.is_none() {
                draft.position = position;
            }
            // The first of a node's `<graphics>` giving a colour gives its colour.
            if draft.fill.is_none() {
                draft.fill = element
                    .attr("fill")
                    .and_then(|fill| hex_colour(fill, AlphaAt::End));
                fill_read = draft.fill.is_some();
            }
        }
        for (key, _) in element.attrs() {
            if key.starts_with("xmlns")
                || (position.is_some() && matches!(key, "x" | "y"))
                || (fill_read && key == "fill")
            {
                continue;
            }
            *self.stats.graphics.entry(key.to_owned()).or_default() += 1;
        }
    }

    fn close_node(&mut self) {
        let Some(mut draft) = self.nodes.pop() else {
            return;
        };
        if draft.skip {
            return;
        }
        if let Some(label) = draft.take_name(&mut self.stats.same_as_label) {
            draft.set_label(label);
        }
        let mut node = node_from_fields(std::mem::take(&mut draft.id), draft.fields);
        if let Some(position) = draft.position {
            // The drawn position wins over `x`/`y` attributes, which stay attributes.
            if let Some((x, y)) = node.position.replace(position) {
                node.attributes
                    .entry("x".to_owned())
                    .or_insert(x.to_string());
                node.attributes
                    .entry("y".to_owned())
                    .or_insert(y.to_string());
            }
        }
        // A `color` att is what the file means; the drawn fill gives way to it.
        if let Some(fill) = draft.fill {
            self.stats.fills += 1;
            let given = node.attributes.get(FILL_ATTRIBUTE).map(String::as_str);
            match Fill::beside(given, &fill) {
                Fill::Kept => {
                    node.attributes.insert(FILL_ATTRIBUTE.to_owned(), fill);
                }
                Fill::Given => {}
                Fill::GivesWay => self.stats.fills_beside_colour += 1,
            }
        }
        self.done_nodes.push(DoneNode {
            seq: draft.seq,
            path: draft.path,
            node,
            groups: draft.parent.into_iter().collect(),
        });
    }

    fn close_edge(&mut self) {
        let Some(mut draft) = self.edges.pop() else {
            return;
        };
        if draft.skip {
            return;
        }
        // `shared interaction` (a session's root-network column) is the interaction where
        // there is no other, and not kept twice where it repeats it.
        match draft.fields.remove("shared interaction") {
            Some(shared) if !draft.fields.contains_key("interaction") => {
                draft.fields.insert("interaction".to_owned(), shared);
            }
            Some(shared) if draft.fields.get("interaction") == Some(&shared) => {
                self.stats.same_as_label += 1;
            }
            Some(shared) => {
                draft.fields.insert("shared interaction".to_owned(), shared);
            }
            None => {}
        }
        let mut interaction = draft
            .fields
            .get("interaction")
            .and_then(scalar_text)
            .filter(|text| !text.trim().is_empty());
        let meta_interaction = interaction
            .as_deref()
            .is_some_and(|text| text.starts_with("meta-"));
        let mut same = 0;
        let name = draft.take_name(&mut same);
        self.stats.same_as_label += same;
        // Cytoscape names an edge `source (interaction) target`; 2.x files give the
        // interaction only there.
        let mut interaction_from_name = false;
        if interaction.is_none()
            && let Some(derived) = name.as_deref().and_then(interaction_in_name)
        {
            interaction_from_name = true;
            self.stats.interactions_from_names += 1;
            draft
                .fields
                .insert("interaction".to_owned(), Value::String(derived.clone()));
            interaction = Some(derived);
        }
        let generated = match (&name, &interaction) {
            (Some(name), Some(interaction)) => is_generated_name(name, interaction),
            _ => false,
        };
        let mut kept_name = None;
        match name {
            Some(name) if generated => {
                self.stats.generated_names += 1;
                kept_name = Some(name);
            }
            Some(name) => draft.set_label(name),
            None => {}
        }
        let mut edge = edge_from_fields(
            std::mem::take(&mut draft.source),
            std::mem::take(&mut draft.target),
            draft.directed,
            draft.fields,
        );
        if !draft.id.trim().is_empty() {
            edge.id = Some(draft.id);
        }
        if let Some(name) = kept_name {
            edge.attributes.entry("name".to_owned()).or_insert(name);
        }
        self.done_edges.push(DoneEdge {
            path: draft.path,
            edge,
            marked_meta: draft.meta,
            meta_interaction,
            name: NameUse {
                generated,
                interaction: interaction_from_name,
            },
        });
    }

    /// The edges read, but the meta-edges Cytoscape derives for collapsed groups where the
    /// members' own edges give their links (see [`meta_edges`]): an edge marked
    /// `__isMetaEdge`, or one of a "meta-..." interaction at a group node. The edges left out
    /// are taken off the counts of edge names (the notes speak of the edges loaded); the note
    /// on meta-edges is returned.
    fn without_meta_edges(&mut self, nodes: &[DoneNode]) -> (Vec<DoneEdge>, Option<String>) {
        let edges = std::mem::take(&mut self.done_edges);
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        for done in nodes {
            for group in &done.groups {
                members
                    .entry(group.clone())
                    .or_default()
                    .push(done.node.id.clone());
            }
        }
        let ends: Vec<(&str, &str, bool)> = edges
            .iter()
            .map(|done| {
                meta_candidate(
                    (&done.edge.source, &done.edge.target),
                    (done.marked_meta, done.meta_interaction),
                    &members,
                )
            })
            .collect();
        let (keep, note) = meta_edges(&ends, &members);
        let stats = &mut self.stats;
        let edges = edges
            .into_iter()
            .zip(keep)
            .filter_map(|(edge, kept)| {
                if !kept {
                    stats.generated_names -= usize::from(edge.name.generated);
                    stats.interactions_from_names -= usize::from(edge.name.interaction);
                }
                kept.then_some(edge)
            })
            .collect();
        (edges, note)
    }

    /// Cytoscape 2.x RDF metadata fills what the graph's label and atts left empty.
    fn rdf_metadata(&mut self) {
        for (name, text) in std::mem::take(&mut self.rdf_fields) {
            // Cytoscape writes N/A for a field never filled in.
            if text.is_empty() || text == "N/A" {
                continue;
            }
            let metadata = self.builder.metadata_mut();
            match name.as_str() {
                "title" if metadata.title.trim().is_empty() => metadata.title = text,
                "title" if metadata.title.trim() == text => {}
                "description" if metadata.description.is_none() => {
                    metadata.description = Some(text);
                }
                "date"
                    if metadata.created.is_none()
                        && super::native::calendar_date(&text).is_some() =>
                {
                    metadata.created = super::native::calendar_date(&text).map(str::to_owned);
                }
                "creator" if metadata.authors.is_empty() => metadata.authors = vec![text],
                _ => {
                    self.stats.unused_graph_atts.insert(format!("dc:{name}"));
                }
            }
        }
    }

    fn notes(&mut self) {
        let stats = &self.stats;
        let mut notes = Vec::new();
        if stats.nested_graphs > 0 {
            notes.push(format!(
                "{} flattened (Cytoscape groups or a session's subnetworks)",
                counted(stats.nested_graphs, "nested graph", "nested graphs")
            ));
        }
        if stats.nested_graph_atts > 0 {
            notes.push(format!(
                "{} of nested graphs not kept",
                counted(stats.nested_graph_atts, "attribute", "attributes")
            ));
        }
        if stats.graph_links > 0 {
            notes.push(format!(
                "{} (<graph xlink:href>) not followed",
                counted(
                    stats.graph_links,
                    "link to a nested network",
                    "links to nested networks"
                )
            ));
        }
        if stats.node_refs + stats.edge_refs > 0 {
            notes.push(format!(
                "{} and {} (xlink:href, an item defined elsewhere in the file) not read again",
                counted(stats.node_refs, "node reference", "node references"),
                counted(stats.edge_refs, "edge reference", "edge references")
            ));
        }
        if stats.same_as_label > 0 {
            notes.push(format!(
                "{} repeating the element's label or interaction (\"name\", \"shared name\", \"canonicalName\", \"shared interaction\") read once, not kept twice",
                counted(stats.same_as_label, "attribute", "attributes")
            ));
        }
        if stats.interactions_from_names > 0 {
            notes.push(format!(
                "{} without an \"interaction\" attribute (Cytoscape 2.x writes none) took it from the name \"source (interaction) target\", as Cytoscape does",
                counted(stats.interactions_from_names, "edge", "edges")
            ));
        }
        if stats.generated_names > 0 {
            notes.push(format!(
                "{} of the form \"source (interaction) target\", which Cytoscape makes, kept as the attribute \"name\"; the interaction is the relation's type",
                counted(stats.generated_names, "edge name", "edge names")
            ));
        }
        notes.extend(stats.hidden.note());
        notes.extend(stats.drawing_notes());
        if !stats.unused_graph_atts.is_empty() {
            notes.push(format!(
                "network attributes not kept: {}",
                listed(
                    stats
                        .unused_graph_atts
                        .iter()
                        .map(|name| super::excerpt(name, 40)),
                    stats.unused_graph_atts.len()
                )
            ));
        }
        if !stats.unused.is_empty() {
            notes.push(unused_elements_note(stats.unused.iter()));
        }
        for note in notes {
            self.builder.note(note);
        }
    }
}

impl XmlGraphReader for XgmmlReader {
    fn start(&mut self, events: &XmlEvents, element: &Element) -> Result<(), LoadError> {
        if events.depth() == 1 {
            if element.local != "graph" {
                return Err(events.structure(
                    element.offset,
                    element.qname.clone(),
                    format!(
                        "expected a <graph> root element, found <{}>; this is not an XGMML file",
                        super::excerpt(&element.qname, 40)
                    ),
                ));
            }
            self.open_root(events, element);
            return Ok(());
        }
        let parent = events.ancestor(1).unwrap_or_default();
        match (element.local.as_str(), parent) {
            ("graph", "att") => self.open_nested_graph(events, element),
            ("node", "graph") => self.open_node(events, element),
            ("edge", "graph") => self.open_edge(events, element),
            ("att", _) => self.open_att(events, element, parent),
            ("graphics", "node" | "edge" | "graph") => self.graphics(element, parent),
            // Cytoscape 2.x network metadata: `<att name="networkMetadata"><rdf:RDF>
            // <rdf:Description><dc:title>...`.
            ("RDF" | "Description", _) if !self.atts.is_empty() => {}
            (field, "Description") if !self.atts.is_empty() => {
                self.rdf = Some((field.to_owned(), String::new(), events.depth()));
            }
            _ => self.stats.not_read(&element.qname),
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        if let Some((_, captured, _)) = &mut self.rdf {
            captured.push_str(text);
        }
    }

    fn end(&mut self, events: &XmlEvents, local: &str) {
        // The closed element had depth depth()+1.
        let closed_depth = events.depth() + 1;
        if let Some((name, text, depth)) = self.rdf.take() {
            if depth == closed_depth {
                if self.graphs.len() == 1 {
                    self.rdf_fields.push((name, text.trim().to_owned()));
                }
            } else {
                self.rdf = Some((name, text, depth));
            }
            return;
        }
        let parent = events.ancestor(0).unwrap_or_default();
        match (local, parent) {
            ("att", _) => self.close_att(),
            ("node", "graph") => self.close_node(),
            ("edge", "graph") => self.close_edge(),
            // The root, or a graph nested in an <att> (the only ones given a frame).
            ("graph", "" | "att") => {
                self.graphs.pop();
            }
            _ => {}
        }
    }

    fn finish(mut self, events: &XmlEvents) -> Result<Loaded, LoadError> {
        if self.root_offset.is_none() {
            return Err(events.structure(
                events.end_offset(),
                "graph".to_owned(),
                "the file has no root element; expected <graph>".to_owned(),
            ));
        }
        if let Some(version) = &self.document_version {
            self.builder.set_format(format!(
                "XGMML (Cytoscape, document version {})",
                super::excerpt(version.trim(), 20)
            ));
        }
        self.rdf_metadata();
        if self.builder.metadata_mut().title.trim().is_empty() {
            self.file.clone_into(&mut self.builder.metadata_mut().title);
        }
        let mut nodes = std::mem::take(&mut self.done_nodes);
        // Nested nodes close before the node holding them but are added in file order.
        nodes.sort_by_key(|done| done.seq);
        add_referred_members(
            &mut self.builder,
            &mut nodes,
            std::mem::take(&mut self.referred_members),
        );
        // Before the notes, which count the edges loaded, not the meta-edges left out.
        let (edges, meta_note) = self.without_meta_edges(&nodes);
        self.notes();
        if let Some(note) = meta_note {
            self.builder.note(note);
        }
        self.builder.reserve(nodes.len(), edges.len());
        let mut groups = Groups::of_nodes(&nodes, |done| {
            (done.node.id.as_str(), done.groups.as_slice())
        });
        for DoneNode {
            path,
            mut node,
            groups: member_of,
            ..
        } in nodes
        {
            groups.place(&mut self.builder, &path, &mut node, member_of);
            self.builder.add_node(&path, node);
        }
        for DoneEdge { path, edge, .. } in edges {
            self.builder.add_edge(&path, edge);
        }
        groups.draw(&mut self.builder);
        Ok(self.builder.finish())
    }
}

/// The first [`LISTED`] of `total` names, then how many others.
fn listed(names: impl Iterator<Item = String>, total: usize) -> String {
    let mut shown: Vec<String> = names.take(LISTED).collect();
    if total > LISTED {
        shown.push(format!("and {} others", total - LISTED));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_is_read_from_a_cytoscape_name() {
        assert_eq!(
            interaction_in_name("node1 (DirectedEdge) node2").as_deref(),
            Some("DirectedEdge")
        );
        assert_eq!(interaction_in_name("just a label"), None);
        assert_eq!(interaction_in_name("a (b) c (d) e"), None);
    }

    #[test]
    fn typed_values_keep_numbers_and_booleans() {
        assert_eq!(typed_value("real", "2.5"), serde_json::json!(2.5));
        assert_eq!(typed_value("integer", "40"), serde_json::json!(40));
        assert_eq!(typed_value("boolean", "1"), Value::Bool(true));
        assert_eq!(typed_value("real", "NaN"), Value::String("NaN".into()));
        assert_eq!(typed_value("string", "7"), Value::String("7".into()));
    }

    #[test]
    fn a_node_fill_is_its_colour_unless_a_color_att_says_otherwise() {
        let text = r##"<graph>
  <node id="a"><graphics type="ELLIPSE" fill="#89D0F5" outline="#CCCCCC" x="0" y="0"/></node>
  <node id="b"><graphics fill="#ff9999" cy:nodeTransparency="1.0"/><graphics fill="#000000"/></node>
  <node id="c"><att name="color" value="red" type="string"/><graphics fill="#89D0F5"/></node>
  <node id="d"><graphics fill="255,153,153"/></node>
  <edge source="a" target="b"><graphics width="2" fill="#848484"/></edge>
</graph>"##;
        let loaded = read("t.xgmml", text).unwrap();
        let colours: Vec<Option<&str>> = loaded
            .dataset
            .entities
            .iter()
            .map(|e| e.attributes.get(FILL_ATTRIBUTE).map(String::as_str))
            .collect();
        assert_eq!(
            colours,
            [Some("#89d0f5"), Some("#ff9999"), Some("red"), None]
        );
        let notes = loaded.report.notes.join("\n");
        // What is not read is named: the second graphics' fill, the one that does not
        // parse, the edge's line colour.
        assert!(
            notes.contains(
                "drawing details not kept (positions and node fill colours are): <graphics> \
                 attributes cy:nodeTransparency (1), fill (3), outline (1), type (1), width (1)"
            ),
            "{notes}"
        );
        assert!(
            notes.contains("drawn fill colours not used on 1 node: the \"color\" attribute"),
            "{notes}"
        );
    }

    #[test]
    fn list_items_are_joined() {
        let text = r#"<graph><node id="a"><att name="tags" type="list">
            <att type="string" value="x"/><att type="string" value="y"/></att></node></graph>"#;
        let loaded = read("t.xgmml", text).unwrap();
        assert_eq!(loaded.dataset.entities[0].attributes["tags"], "x | y");
    }
}
