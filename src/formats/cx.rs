//! Cytoscape's CX, the network exchange format of NDEx and Cytoscape desktop, in both its
//! versions: CX version 1 (`.cx`) and CX2 (`.cx2`). Either is a JSON list of aspects, each an
//! object naming one aspect and holding the list of its elements
//! (cytoscape.org/cx/specification, …/cx2/specification).
//!
//! - **CX version 1**: `nodes` (`@id`, name `n`, `r` what it represents), `edges` (`@id`,
//!   `s`, `t`, interaction `i`), attributes apart from them in `nodeAttributes`,
//!   `edgeAttributes` (`po` the id of the element they belong to, name `n`, value `v`, type
//!   `d`, where a number is often written as text, and a list type's value a list) and
//!   `networkAttributes`; positions in `cartesianLayout`. Any aspect may come in several
//!   fragments, read one after another. Cytoscape's subnetworks (`s` on an attribute) and
//!   views (`view` on a position) are read as one network, the first value given for each
//!   element kept. Cytoscape's groups (`cyGroups`: `@id`, `n`, member ids `nodes`) are drawn
//!   as "part of" links from each member to the group ([`Groups`]); NDEx's `citations`
//!   (`dc:title`, `dc:contributor`, `dc:identifier`...) are sources, evidence without a
//!   quote on the edges `edgeCitations` names, and the attribute `citations` of the nodes
//!   `nodeCitations` names (an entity has no evidence). NDEx's `supports` (`@id`, the passage
//!   `text`, the `citation` it is quoted from) are quoted evidence on the edges `edgeSupports`
//!   names, their citation the source (an edge citing that citation too has one evidence, with
//!   the quote), and the attribute `supports` of the nodes `nodeSupports` names.
//! - **CX2**: a descriptor (`CXVersion` 2.x, `hasFragments`), `attributeDeclarations` (each
//!   attribute's type `d`, its alias `a`, used in the elements instead of its name, and a
//!   default `v` for elements without it), `networkAttributes` (one object), `nodes` (`id`,
//!   attributes under `v`, position `x`,`y`), `edges` (`id`, `s`, `t`, `v`). Fragments are
//!   read in order; a declaration given again with another type or alias is refused.
//!
//! Attributes then map through the shared vocabulary like any importer's (`name`, `type`,
//! `interaction`, `weight`...), list values joined with ` | ` as the XGMML reader joins them.
//! Positions are read as written: Cytoscape's y points down, as on screen. The network's
//! `name`, `description`, `author`, `rights`... are the dataset's metadata, as a `.cyjs`
//! network's are. Styles, views and other aspects are named in one note. An edge naming no
//! node gets a placeholder, warned at its `s` or `t`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Number, Value};

use super::Loaded;
use super::cytoscape::{HiddenAtts, is_generated_name, is_hidden_name, network_metadata};
use super::fields::{
    Misfit, describe, edge_from_fields, id_text, node_from_fields, not_read_note, scalar_text,
};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedNode, attribute_text};
use super::vocabulary::{NodeField, node_field};
use crate::model::{
    Evidence, PLACEHOLDER_ATTRIBUTE, PLACEHOLDER_DESCRIPTION, Source, SourceIdx, SourceKind,
};
use crate::words::counted;

/// How list items are joined into one attribute text, as the XGMML reader joins them.
const LIST_SEPARATOR: &str = " | ";

/// Default values (CX2 declarations' `v`) any file may copy onto its nodes and edges; a larger
/// file may copy one more per byte. A real file declares a few defaults; a hostile one could
/// declare thousands and list many elements with none of them, in a few bytes each.
const BASE_DEFAULT_BUDGET: usize = 1_000_000;

/// Citations and supports (`nodeCitations`, `edgeCitations`, `nodeSupports`,
/// `edgeSupports`) any file may give its nodes and edges; a larger file may give one more per
/// byte. An element of a few bytes may cite many citations for many nodes and edges at once
/// (`po` and `citations` are both lists).
const BASE_LINK_BUDGET: usize = 1_000_000;

/// Bytes of quoted passages and citation texts any file may copy onto its nodes and edges (a
/// passage supporting three edges is copied three times); a larger file may copy four more
/// per byte.
const BASE_QUOTE_BUDGET: usize = 32_000_000;
const QUOTE_BUDGET_PER_BYTE: usize = 4;

/// The attribute a node keeps its citations in: an entity has no evidence.
const CITATIONS_ATTRIBUTE: &str = "citations";

/// The attribute a node keeps the passages that support it in (`nodeSupports`).
const SUPPORTS_ATTRIBUTE: &str = "supports";

/// Whether a top-level JSON list is a CX network: an item is a CX2 descriptor (`CXVersion`),
/// CX version 1's `numberVerification` or either version's `metaData`; or every item is an
/// aspect (one key, holding a list) and one of them is `nodes` or `edges`. A Cytoscape.js
/// list of elements (`{"data": {...}}`) is neither.
pub fn recognise(items: &[Value]) -> bool {
    let marks_cx = |item: &Value| {
        item.as_object().is_some_and(|aspect| {
            ["CXVersion", "numberVerification", "metaData"]
                .iter()
                .any(|key| aspect.contains_key(*key))
        })
    };
    let is_aspect = |item: &Value| {
        item.as_object()
            .is_some_and(|aspect| aspect.len() == 1 && aspect.values().all(Value::is_array))
    };
    let is_graph_aspect = |item: &Value| item.get("nodes").is_some() || item.get("edges").is_some();
    items.iter().any(marks_cx)
        || (!items.is_empty() && items.iter().all(is_aspect) && items.iter().any(is_graph_aspect))
}

/// Which CX a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    One,
    /// CX2, and whether its descriptor says aspects come in fragments.
    Two {
        fragments: bool,
    },
}

/// The aspects each version's reader reads (or looks at and lets be, as `metaData`); any
/// other is named in a note.
const READ_ONE: &[&str] = &[
    "numberVerification",
    "metaData",
    "status",
    "nodes",
    "edges",
    "nodeAttributes",
    "edgeAttributes",
    "networkAttributes",
    "cartesianLayout",
    "cyGroups",
    "citations",
    "nodeCitations",
    "edgeCitations",
    "supports",
    "nodeSupports",
    "edgeSupports",
];
const READ_TWO: &[&str] = &[
    "metaData",
    "status",
    "attributeDeclarations",
    "networkAttributes",
    "nodes",
    "edges",
];

/// Reads a CX network: `items` is the top-level list, `text_len` the length of the file's
/// text (a larger file may copy more CX2 defaults).
pub fn read(file: &str, items: Vec<Value>, text_len: usize) -> Result<Loaded, Misfit> {
    let version = descriptor(&items)?;
    let mut reader = Reader {
        builder: GraphBuilder::new(
            file,
            match version {
                Version::One => "Cytoscape CX (version 1)",
                Version::Two { .. } => "Cytoscape CX2",
            },
        ),
        stats: Stats::default(),
        hidden: HiddenAtts::default(),
        default_budget: BASE_DEFAULT_BUDGET.saturating_add(text_len),
        link_budget: BASE_LINK_BUDGET.saturating_add(text_len),
        quote_budget: BASE_QUOTE_BUDGET
            .saturating_add(text_len.saturating_mul(QUOTE_BUDGET_PER_BYTE)),
        citation_texts: Vec::new(),
        supports: Vec::new(),
    };
    let mut aspects = Aspects::collect(items, version, &mut reader.builder)?;
    reader.status(&aspects.take("status"));
    let (nodes, edges) = match version {
        Version::One => reader.read_one(&mut aspects)?,
        Version::Two { .. } => reader.read_two(&mut aspects)?,
    };
    reader.build(nodes, edges);
    if let Some(note) = not_read_note(
        "aspects not read (styles, views and others a dataset has no place for)",
        &aspects.unread_names(),
    ) {
        reader.builder.note(note);
    }
    Ok(reader.finish())
}

/// The CX version, from the CX2 descriptor (`{"CXVersion": "2.0", "hasFragments": false}`);
/// a file without one is CX version 1.
fn descriptor(items: &[Value]) -> Result<Version, Misfit> {
    let Some((at, descriptor)) = items.iter().enumerate().find_map(|(at, item)| {
        item.as_object()
            .filter(|object| object.contains_key("CXVersion"))
            .map(|object| (at, object))
    }) else {
        return Ok(Version::One);
    };
    let version = descriptor.get("CXVersion").unwrap_or(&Value::Null);
    let Some(text) = version.as_str() else {
        return Err(Misfit::new(
            format!("[{at}].CXVersion"),
            format!(
                "found {}, expected the CX version as text, such as \"2.0\"",
                describe(version)
            ),
        ));
    };
    let major = text.trim().split('.').next().unwrap_or_default();
    let version = match major {
        "1" => Version::One,
        "2" => Version::Two { fragments: false },
        _ => {
            return Err(Misfit::new(
                format!("[{at}].CXVersion"),
                format!(
                    "CX version \"{}\" is not one Chainsight reads; expected \"2.0\" (CX2), or \
                     a CX version 1 network, which has no \"CXVersion\"",
                    super::excerpt(text, 40)
                ),
            ));
        }
    };
    match (version, descriptor.get("hasFragments")) {
        (_, None | Some(Value::Null | Value::Bool(false))) => Ok(version),
        (Version::Two { .. }, Some(Value::Bool(true))) => Ok(Version::Two { fragments: true }),
        (Version::One, Some(Value::Bool(true))) => Ok(Version::One),
        (_, Some(other)) => Err(Misfit::new(
            format!("[{at}].hasFragments"),
            format!(
                "found {}, expected true or false (whether aspects come in fragments)",
                describe(other)
            ),
        )),
    }
}

/// One block of an aspect's elements: where it is in the top-level list, and its elements.
struct Fragment {
    at: usize,
    name: String,
    elements: Vec<Value>,
}

impl Fragment {
    /// The JSON path of its element `index`: `[4].nodes[2]`.
    fn path(&self, index: usize) -> String {
        element_path(self.at, &self.name, index)
    }

    /// Its elements, each with its JSON path.
    fn into_elements(self) -> impl Iterator<Item = (String, Value)> {
        let Fragment { at, name, elements } = self;
        elements
            .into_iter()
            .enumerate()
            .map(move |(index, element)| (element_path(at, &name, index), element))
    }
}

/// The JSON path of element `index` of the aspect `name` at `at` in the top-level list.
fn element_path(at: usize, name: &str, index: usize) -> String {
    format!("[{at}].{name}[{index}]")
}

/// What CX version 1's attribute aspects give their attributes to.
trait HasFields {
    fn fields(&mut self) -> &mut Map<String, Value>;
}

impl HasFields for NodeDraft {
    fn fields(&mut self) -> &mut Map<String, Value> {
        &mut self.fields
    }
}

impl HasFields for EdgeDraft {
    fn fields(&mut self) -> &mut Map<String, Value> {
        &mut self.fields
    }
}

/// The file's aspects: the fragments of those read, in order, and how many elements each
/// other aspect holds.
struct Aspects {
    read: HashMap<String, Vec<Fragment>>,
    unread: Vec<(String, usize)>,
}

impl Aspects {
    fn collect(
        items: Vec<Value>,
        version: Version,
        builder: &mut GraphBuilder,
    ) -> Result<Self, Misfit> {
        let read_names = match version {
            Version::One => READ_ONE,
            Version::Two { .. } => READ_TWO,
        };
        let mut aspects = Self {
            read: HashMap::new(),
            unread: Vec::new(),
        };
        let mut unread_at: HashMap<String, usize> = HashMap::new();
        for (at, item) in items.into_iter().enumerate() {
            let Value::Object(object) = item else {
                return Err(Misfit::new(
                    format!("[{at}]"),
                    format!(
                        "found {}, expected an aspect: an object naming the aspect and holding \
                         its elements, such as {{\"nodes\": [...]}}",
                        describe(&item)
                    ),
                ));
            };
            let is_descriptor = object.contains_key("CXVersion");
            for (name, value) in object {
                if is_descriptor && matches!(name.as_str(), "CXVersion" | "hasFragments") {
                    continue;
                }
                if !read_names.contains(&name.as_str()) {
                    let count = match &value {
                        Value::Array(elements) => elements.len(),
                        Value::Null => 0,
                        _ => 1,
                    };
                    if let Some(&index) = unread_at.get(&name) {
                        aspects.unread[index].1 += count;
                    } else {
                        unread_at.insert(name.clone(), aspects.unread.len());
                        aspects.unread.push((name, count));
                    }
                    continue;
                }
                let Value::Array(elements) = value else {
                    return Err(Misfit::new(
                        format!("[{at}].{name}"),
                        // In the aspect's own word: "a list of the aspect's elements" had
                        // meant nothing to a Cytoscape user.
                        format!("found {}, expected a list of {name}", describe(&value)),
                    ));
                };
                let fragments = aspects.read.entry(name.clone()).or_default();
                if version == (Version::Two { fragments: false })
                    && !fragments.is_empty()
                    && name != "metaData"
                {
                    builder.warn(
                        format!("[{at}].{name}"),
                        format!(
                            "the aspect \"{name}\" is given again, though the CX descriptor says \
                             \"hasFragments\": false; its elements are read too"
                        ),
                    );
                }
                fragments.push(Fragment { at, name, elements });
            }
        }
        Ok(aspects)
    }

    /// The fragments of aspect `name`, in order.
    fn take(&mut self, name: &str) -> Vec<Fragment> {
        self.read.remove(name).unwrap_or_default()
    }

    /// The aspects not read, each with how many elements it holds.
    fn unread_names(&self) -> Vec<String> {
        self.unread
            .iter()
            .map(|(name, count)| {
                format!(
                    "{} ({})",
                    super::excerpt(name, 60),
                    counted(*count, "element", "elements")
                )
            })
            .collect()
    }
}

/// A CX data type (`d`): one of five, or a list of one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DataType {
    list: bool,
    item: Scalar,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scalar {
    String,
    Boolean,
    Double,
    Integer,
    Long,
}

impl DataType {
    fn parse(text: &str) -> Option<Self> {
        let (list, item) = match text.strip_prefix("list_of_") {
            Some(item) => (true, item),
            None => (false, text),
        };
        let item = match item {
            "string" => Scalar::String,
            "boolean" => Scalar::Boolean,
            "double" => Scalar::Double,
            "integer" => Scalar::Integer,
            "long" => Scalar::Long,
            _ => return None,
        };
        Some(Self { list, item })
    }

    fn name(self) -> String {
        let item = match self.item {
            Scalar::String => "string",
            Scalar::Boolean => "boolean",
            Scalar::Double => "double",
            Scalar::Integer => "integer",
            Scalar::Long => "long",
        };
        if self.list {
            format!("list_of_{item}")
        } else {
            item.to_owned()
        }
    }
}

/// The message for a `d` that names no CX data type.
fn unknown_type(found: &Value) -> String {
    format!(
        "found {} as the data type; expected one of CX's: string, boolean, double, integer, \
         long, or a list of one (list_of_string...); the value is read as written",
        describe(found)
    )
}

/// A value as its type says: numbers written as text (CX version 1 writes them so) read as
/// numbers, `"true"`/`"false"` as booleans, a list's items joined with ` | `. `Ok(None)` for no
/// value (null, an empty list, CX version 1's `"null"` for a number); `Err` with the value as
/// written where it is not of its type.
fn typed(value: Value, data_type: Option<DataType>) -> Result<Option<Value>, Value> {
    match (data_type, value) {
        (_, Value::Null) => Ok(None),
        (None, Value::Array(items)) if items.iter().all(|item| scalar_text(item).is_some()) => {
            Ok(joined(items.iter().filter_map(scalar_text)))
        }
        (None, other) => Ok(Some(other)),
        (Some(data_type), Value::Array(items)) if data_type.list => {
            let mut texts = Vec::with_capacity(items.len());
            for item in &items {
                match scalar_as(data_type.item, item.clone()) {
                    Ok(Some(value)) => texts.extend(scalar_text(&value)),
                    Ok(None) => {}
                    Err(_) => return Err(Value::Array(items)),
                }
            }
            Ok(joined(texts.into_iter()))
        }
        (Some(_), value @ Value::Array(_)) => Err(value),
        (Some(data_type), value) => scalar_as(data_type.item, value),
    }
}

/// List items as one text, `None` for none.
fn joined(texts: impl Iterator<Item = String>) -> Option<Value> {
    let texts: Vec<String> = texts.collect();
    (!texts.is_empty()).then(|| Value::String(texts.join(LIST_SEPARATOR)))
}

/// One value as `item` says (see [`typed`]).
fn scalar_as(item: Scalar, value: Value) -> Result<Option<Value>, Value> {
    match (item, value) {
        (_, Value::Null) => Ok(None),
        (Scalar::String, value @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
            Ok(Some(value))
        }
        (Scalar::Boolean, Value::Bool(flag)) => Ok(Some(Value::Bool(flag))),
        (Scalar::Boolean, Value::String(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Some(Value::Bool(true))),
            "false" => Ok(Some(Value::Bool(false))),
            _ => Err(Value::String(text)),
        },
        (Scalar::Double | Scalar::Integer | Scalar::Long, Value::Number(number)) => {
            Ok(Some(Value::Number(number)))
        }
        (Scalar::Double | Scalar::Integer | Scalar::Long, Value::String(text)) => {
            let trimmed = text.trim();
            if trimmed == "null" {
                return Ok(None);
            }
            // CX version 1 allows these for a double; JSON has no number for them.
            if matches!(trimmed, "NaN" | "Infinity" | "-Infinity") {
                return Ok(Some(Value::String(text)));
            }
            if let Ok(whole) = trimmed.parse::<i64>() {
                return Ok(Some(Value::Number(whole.into())));
            }
            if let Ok(whole) = trimmed.parse::<u64>() {
                return Ok(Some(Value::Number(whole.into())));
            }
            let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
            // A whole number past 64 bits (the JSON reader keeps such numbers as their text):
            // kept exact, as text.
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(Some(Value::String(text)));
            }
            match trimmed.parse::<f64>().ok().and_then(Number::from_f64) {
                Some(number) => Ok(Some(Value::Number(number))),
                None => Err(Value::String(text)),
            }
        }
        (_, other) => Err(other),
    }
}

/// A node as read, before it is handed to the builder.
struct NodeDraft {
    path: String,
    id: String,
    fields: Map<String, Value>,
    position: Option<(f32, f32)>,
    /// The ids of the Cytoscape groups (`cyGroups`) it is in.
    groups: Vec<String>,
    /// The citations (`nodeCitations`) it cites, by their texts' places in
    /// [`Reader::citation_texts`].
    citations: Vec<usize>,
    /// The supports (`nodeSupports`) it has, by their places in [`Reader::supports`].
    supports: Vec<usize>,
}

impl NodeDraft {
    fn new(path: String, id: String, fields: Map<String, Value>) -> Self {
        Self {
            path,
            id,
            fields,
            position: None,
            groups: Vec::new(),
            citations: Vec::new(),
            supports: Vec::new(),
        }
    }
}

/// An edge as read: its ends, each with the path of the key naming it (`[5].edges[1].t`).
struct EdgeDraft {
    path: String,
    id: Option<String>,
    source: (String, String),
    target: (String, String),
    fields: Map<String, Value>,
    /// The citations (`edgeCitations`) it cites, as sources.
    citations: Vec<SourceIdx>,
    /// The supports (`edgeSupports`) it has, by their places in [`Reader::supports`].
    supports: Vec<usize>,
}

/// What the report counts.
#[derive(Default)]
struct Stats {
    /// `shared name`, `shared interaction` or a `name` beside `n` repeating the value read.
    repeated: usize,
    /// Values of an attribute a Cytoscape subnetwork (`s`) gives again, differing.
    subnetwork_values: usize,
    /// Positions given again (another Cytoscape view).
    other_views: usize,
    /// Edge names Cytoscape made, `source (interaction) target`.
    generated_names: usize,
    /// CX2 defaults filled in.
    defaults: usize,
    /// CX2 aliases read by their full names: alias, name.
    aliases: Vec<(String, String)>,
    /// Network attributes with no place in a dataset.
    network_unread: Vec<String>,
    /// Cytoscape groups whose id named no node, made entities.
    groups_made: usize,
    /// What groups give that is not read (`collapsed`, `internal_edges`...), with how many
    /// give each.
    group_unread: Vec<(String, usize)>,
    /// Citations read as sources; the nodes and edges citing them.
    citations: usize,
    citing_nodes: usize,
    citing_edges: usize,
    /// What citations give that a source has no place for (`dc:description`,
    /// `attributes`...), with how many give each.
    citation_unread: Vec<(String, usize)>,
    /// Supports read; the nodes and edges they support.
    supports: usize,
    supported_nodes: usize,
    supported_edges: usize,
    /// What supports give beside their text and citation (`attributes`...), with how many
    /// give each.
    support_unread: Vec<(String, usize)>,
}

/// The notes on what NDEx's supports gave and what of them was not kept.
fn support_notes(stats: &Stats, builder: &mut GraphBuilder) {
    if stats.supports > 0 {
        let entities = match stats.supported_nodes {
            0 => String::new(),
            1 => format!(
                "; 1 entity keeps its as the attribute \"{SUPPORTS_ATTRIBUTE}\" (an entity has \
                 no evidence)"
            ),
            n => format!(
                "; {n} entities keep theirs as the attribute \"{SUPPORTS_ATTRIBUTE}\" (an entity \
                 has no evidence)"
            ),
        };
        builder.note(format!(
            "{} (passages quoted from citations) read as quoted evidence on {}, each passage's \
             citation its source (a relation that also cites that citation has one evidence, \
             with the quote){entities}",
            counted(stats.supports, "NDEx support", "NDEx supports"),
            counted(stats.supported_edges, "relation", "relations"),
        ));
    }
    if let Some(note) = not_read_note(
        "what NDEx supports give beside their text and citation, not kept",
        &counted_names(&stats.support_unread),
    ) {
        builder.note(note);
    }
}

/// The notes on what Cytoscape's groups and NDEx's citations gave and what of them was not
/// read.
fn group_and_citation_notes(stats: &Stats, builder: &mut GraphBuilder) {
    if stats.groups_made > 0 {
        builder.note(format!(
            "{} (cyGroups) named no node of the file: an entity was made for each, named \
             by the group's name, for its members to be part of",
            counted(stats.groups_made, "Cytoscape group", "Cytoscape groups")
        ));
    }
    if let Some(note) = not_read_note(
        "what Cytoscape's groups give beside their nodes, not read (every edge is read from \
         edges; Chainsight draws no collapsed group)",
        &counted_names(&stats.group_unread),
    ) {
        builder.note(note);
    }
    if stats.citations > 0 {
        let entities = match stats.citing_nodes {
            0 => String::new(),
            1 => "; 1 entity keeps its".to_owned(),
            n => format!("; {n} entities keep theirs"),
        };
        let entities = if entities.is_empty() {
            entities
        } else {
            format!(
                "{entities} as the attribute \"{CITATIONS_ATTRIBUTE}\" (an entity has no \
                 evidence)"
            )
        };
        builder.note(format!(
            "{} read as sources: {} {} them, each citation evidence without a \
             quote{entities}",
            counted(stats.citations, "NDEx citation", "NDEx citations"),
            counted(stats.citing_edges, "relation", "relations"),
            if stats.citing_edges == 1 {
                "cites"
            } else {
                "cite"
            },
        ));
    }
    if let Some(note) = not_read_note(
        "what NDEx citations give that a source has no place for, not kept",
        &counted_names(&stats.citation_unread),
    ) {
        builder.note(note);
    }
}

/// `base`, or where an attribute already has that name, `base 2`, `base 3`...
fn free_key(attributes: &BTreeMap<String, String>, base: &str) -> String {
    (1..=attributes.len() + 1)
        .map(|n| match n {
            1 => base.to_owned(),
            n => format!("{base} {n}"),
        })
        .find(|key| !attributes.contains_key(key))
        .unwrap_or_else(|| base.to_owned())
}

/// Counts one more of `name` in `counts`, in the order first met.
/// Counts, in `counts`, each key of `element` left once what it gives was read: what a note
/// names as not read.
fn count_unread(counts: &mut Vec<(String, usize)>, element: Map<String, Value>) {
    for (key, value) in element {
        if is_given(&value) {
            count_in(counts, &key);
        }
    }
}

/// An element's id, and the element without it.
type Identified = (String, Map<String, Value>);

fn count_in(counts: &mut Vec<(String, usize)>, name: &str) {
    match counts.iter_mut().find(|(held, _)| held == name) {
        Some((_, count)) => *count += 1,
        None => counts.push((name.to_owned(), 1)),
    }
}

/// Counts as `not_read_note` lists them: `collapsed (2)`.
fn counted_names(counts: &[(String, usize)]) -> Vec<String> {
    counts
        .iter()
        .map(|(name, count)| format!("{} ({count})", super::excerpt(name, 60)))
        .collect()
}

/// Whether a value says something: not null, an empty list or blank text.
fn is_given(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::String(text) => !text.trim().is_empty(),
        _ => true,
    }
}

struct Reader {
    builder: GraphBuilder,
    stats: Stats,
    hidden: HiddenAtts,
    /// How many more CX2 defaults may be filled in.
    default_budget: usize,
    /// How many more citations and supports nodes and edges may be given.
    link_budget: usize,
    /// How many more bytes of passages and citation texts may be copied onto them.
    quote_budget: usize,
    /// Each citation's text, as an entity citing it keeps it (`title (identifier)`).
    citation_texts: Vec<String>,
    /// NDEx's supports, in the order read.
    supports: Vec<Support>,
}

/// A required id (`@id`, `id`, `s`, `t`, `po`, `node`): a number or text.
fn required_id(
    element: &Map<String, Value>,
    key: &str,
    path: &str,
    what: &str,
) -> Result<String, Misfit> {
    let value = element.get(key).unwrap_or(&Value::Null);
    id_text(value).ok_or_else(|| {
        Misfit::new(
            format!("{path}.{key}"),
            format!("found {}, expected {what}", describe(value)),
        )
    })
}

/// An element as an object, or a misfit saying what it should have been.
fn element_object(value: Value, path: &str, what: &str) -> Result<Map<String, Value>, Misfit> {
    match value {
        Value::Object(object) => Ok(object),
        other => Err(Misfit::new(
            path,
            format!("found {}, expected {what}", describe(&other)),
        )),
    }
}

impl Reader {
    /// Warns where the `status` aspect says the writer failed, or had something to say.
    fn status(&mut self, fragments: &[Fragment]) {
        for fragment in fragments {
            for (index, element) in fragment.elements.iter().enumerate() {
                let error = element
                    .get("error")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|error| !error.is_empty());
                let failed = element.get("success") == Some(&Value::Bool(false));
                let message = match (failed, error) {
                    (true, Some(error)) => format!(
                        "the file says it was not written successfully (\"success\": false): \
                         \"{}\"; what it holds is read",
                        super::excerpt(error, 200)
                    ),
                    (true, None) => "the file says it was not written successfully \
                                     (\"success\": false); what it holds is read"
                        .to_owned(),
                    (false, Some(error)) => format!(
                        "the writer of the file reported: \"{}\"",
                        super::excerpt(error, 200)
                    ),
                    (false, None) => continue,
                };
                self.builder.warn(fragment.path(index), message);
            }
        }
    }

    /// Gives an element the attribute `name`: the first value of a name is kept; one
    /// repeating it is read once; another value is warned at `path` and kept as `name 2`, or,
    /// from a Cytoscape subnetwork (`s`), counted and not kept.
    fn put(
        &mut self,
        fields: &mut Map<String, Value>,
        name: String,
        value: Value,
        from_subnetwork: bool,
        path: &str,
    ) {
        let Some(held) = fields.get(&name) else {
            fields.insert(name, value);
            return;
        };
        if *held == value {
            self.stats.repeated += usize::from(!from_subnetwork);
            return;
        }
        if from_subnetwork {
            self.stats.subnetwork_values += 1;
            return;
        }
        let free = (2..=fields.len() + 2)
            .map(|n| format!("{name} {n}"))
            .find(|candidate| !fields.contains_key(candidate))
            .unwrap_or_default();
        self.builder.warn(
            path,
            format!(
                "the attribute \"{}\" is given again with another value; the first is kept, \
                 this one as \"{}\"",
                super::excerpt(&name, 60),
                super::excerpt(&free, 60)
            ),
        );
        fields.insert(free, value);
    }

    /// A value read as `data_type` says, warned at `path` where it is not of that type (and
    /// then kept as written).
    fn typed_at(&mut self, value: Value, data_type: Option<DataType>, path: &str) -> Option<Value> {
        match typed(value, data_type) {
            Ok(value) => value,
            Err(written) => {
                self.builder.warn(
                    path,
                    format!(
                        "declared \"{}\", found {}; kept as written",
                        data_type.map(DataType::name).unwrap_or_default(),
                        describe(&written)
                    ),
                );
                Some(written)
            }
        }
    }

    /// A network attribute: the dataset's metadata where it has a place (see
    /// [`network_metadata`]: `name`, `description`, `author`...; NDEx's `rights` the
    /// license; Dublin Core's `dc:title`... as their plain names), else named in a note.
    fn network_attribute(&mut self, name: &str, value: &Value) {
        if is_hidden_name(name) {
            if !value.as_array().is_some_and(Vec::is_empty) {
                self.hidden.add(name);
            }
            return;
        }
        let text = match value {
            Value::Null => return,
            other => attribute_text(other),
        };
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let plain = name
            .get(..3)
            .filter(|prefix| prefix.eq_ignore_ascii_case("dc:"))
            .map_or(name, |_| &name[3..]);
        let plain = if plain.eq_ignore_ascii_case("rights") {
            "license"
        } else {
            plain
        };
        if !network_metadata(self.builder.metadata_mut(), plain, text)
            && !self.stats.network_unread.iter().any(|seen| seen == name)
        {
            self.stats.network_unread.push(name.to_owned());
        }
    }

    // ------------------------------------------------------------------ CX version 1

    fn read_one(
        &mut self,
        aspects: &mut Aspects,
    ) -> Result<(Vec<NodeDraft>, Vec<EdgeDraft>), Misfit> {
        let (mut nodes, mut node_index) = nodes_one(aspects.take("nodes"))?;
        let (mut edges, edge_index) = edges_one(aspects.take("edges"))?;
        // Before the attributes: a group of no node becomes one, which they may name.
        for fragment in aspects.take("cyGroups") {
            for (path, element) in fragment.into_elements() {
                self.group_element(element, &path, &mut nodes, &mut node_index)?;
            }
        }
        for fragment in aspects.take("nodeAttributes") {
            self.element_attributes(fragment, "node", &node_index, &mut nodes)?;
        }
        for fragment in aspects.take("edgeAttributes") {
            self.element_attributes(fragment, "edge", &edge_index, &mut edges)?;
        }
        // The root network's attributes first, then those of Cytoscape's subnetworks.
        let mut network = Vec::new();
        for fragment in aspects.take("networkAttributes") {
            for (path, element) in fragment.into_elements() {
                let attribute = self.attribute_element(element, &path, None)?;
                network.push(attribute);
            }
        }
        network.sort_by_key(|attribute| attribute.from_subnetwork);
        for attribute in network {
            if let Some(value) = attribute.value {
                self.network_attribute(&attribute.name, &value);
            }
        }
        for fragment in aspects.take("cartesianLayout") {
            for (path, element) in fragment.into_elements() {
                self.layout_element(element, &path, &node_index, &mut nodes)?;
            }
        }
        let citations = self.citations(aspects.take("citations"))?;
        for fragment in aspects.take("nodeCitations") {
            for (path, element) in fragment.into_elements() {
                self.linking_element(element, &path, "node", &node_index, &citations, |at, c| {
                    nodes[at].citations.push(c.text);
                    c.text_len
                })?;
            }
        }
        for fragment in aspects.take("edgeCitations") {
            for (path, element) in fragment.into_elements() {
                self.linking_element(element, &path, "edge", &edge_index, &citations, |at, c| {
                    edges[at].citations.push(c.source);
                    0
                })?;
            }
        }
        let supports = self.supports(aspects.take("supports"), &citations)?;
        for fragment in aspects.take("nodeSupports") {
            for (path, element) in fragment.into_elements() {
                self.linking_element(element, &path, "node", &node_index, &supports, |at, s| {
                    if s.gives {
                        nodes[at].supports.push(s.at);
                    }
                    s.bytes
                })?;
            }
        }
        for fragment in aspects.take("edgeSupports") {
            for (path, element) in fragment.into_elements() {
                self.linking_element(element, &path, "edge", &edge_index, &supports, |at, s| {
                    if s.gives {
                        edges[at].supports.push(s.at);
                    }
                    s.bytes
                })?;
            }
        }
        // A citation or support given twice (in two elements, or twice in one) is one.
        for node in &mut nodes {
            node.citations.sort_unstable();
            node.citations.dedup();
            node.supports.sort_unstable();
            node.supports.dedup();
        }
        for edge in &mut edges {
            edge.citations.sort_unstable();
            edge.citations.dedup();
            edge.supports.sort_unstable();
            edge.supports.dedup();
        }
        self.stats.citing_nodes = nodes.iter().filter(|n| !n.citations.is_empty()).count();
        self.stats.citing_edges = edges.iter().filter(|e| !e.citations.is_empty()).count();
        self.stats.supported_nodes = nodes.iter().filter(|n| !n.supports.is_empty()).count();
        self.stats.supported_edges = edges.iter().filter(|e| !e.supports.is_empty()).count();
        Ok((nodes, edges))
    }

    /// One element of `cyGroups`, a Cytoscape group: `{"@id": its id, "n": its name,
    /// "nodes": its members' ids}`. Each member is in the group, drawn "part of" it (see
    /// [`Groups`]). The group is the node of its id, as Cytoscape writes its group node, or
    /// where no node has that id, a node made for it, named by `n`. A member naming no node
    /// is warned and not read; what else a group gives (`collapsed`, its `internal_edges`
    /// and `external_edges`, which are read from `edges` anyway) is named in a note.
    fn group_element(
        &mut self,
        element: Value,
        path: &str,
        nodes: &mut Vec<NodeDraft>,
        node_index: &mut HashMap<String, usize>,
    ) -> Result<(), Misfit> {
        let mut element = element_object(
            element,
            path,
            "a group: {\"@id\": its id, \"n\": its name, \"nodes\": the ids of the nodes in it}",
        )?;
        let id = required_id(&element, "@id", path, "the group's id (a number)")?;
        element.remove("@id");
        let name = match element.remove("n") {
            None | Some(Value::Null) => None,
            Some(value) => Some(scalar_text(&value).ok_or_else(|| {
                Misfit::new(
                    format!("{path}.n"),
                    format!(
                        "found {}, expected the group's name (text)",
                        describe(&value)
                    ),
                )
            })?),
        };
        let members = match element.remove("nodes") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(members)) => members,
            Some(other) => {
                return Err(Misfit::new(
                    format!("{path}.nodes"),
                    format!(
                        "found {}, expected the list of the ids of the nodes in the group",
                        describe(&other)
                    ),
                ));
            }
        };
        // A Cytoscape subnetwork's group is read into the one network, as its nodes are.
        element.remove("s");
        count_unread(&mut self.stats.group_unread, element);
        let group_at = self.group_node(&id, name, path, nodes, node_index);
        for (index, member) in members.iter().enumerate() {
            let member_path = format!("{path}.nodes[{index}]");
            let member = id_text(member).ok_or_else(|| {
                Misfit::new(
                    &member_path,
                    format!(
                        "found {}, expected the id of a node in the group",
                        describe(member)
                    ),
                )
            })?;
            match node_index.get(&member) {
                Some(&at) if at == group_at => self.builder.warn(
                    member_path,
                    "the group lists itself among its nodes; not read".to_owned(),
                ),
                Some(&at) => {
                    if !nodes[at].groups.contains(&id) {
                        nodes[at].groups.push(id.clone());
                    }
                }
                None => self.builder.warn(
                    member_path,
                    format!(
                        "\"{}\" names no node; this member of the group is not read",
                        super::excerpt(&member, 40)
                    ),
                ),
            }
        }
        Ok(())
    }

    /// The node standing for the group `id` (named `name`, at `path`), by its place in
    /// `nodes`: the node of that id, given the name where it has none (else kept as its
    /// attribute `group name`), or where no node has it, one made for it.
    fn group_node(
        &mut self,
        id: &str,
        name: Option<String>,
        path: &str,
        nodes: &mut Vec<NodeDraft>,
        node_index: &mut HashMap<String, usize>,
    ) -> usize {
        let Some(&at) = node_index.get(id) else {
            let mut fields = Map::new();
            if let Some(name) = name {
                fields.insert("name".to_owned(), Value::String(name));
            }
            self.stats.groups_made += 1;
            node_index.insert(id.to_owned(), nodes.len());
            nodes.push(NodeDraft::new(path.to_owned(), id.to_owned(), fields));
            return nodes.len() - 1;
        };
        if let Some(name) = name {
            let fields = &mut nodes[at].fields;
            match fields.get("name").and_then(scalar_text) {
                None => {
                    fields.insert("name".to_owned(), Value::String(name));
                }
                Some(held) if held == name => {}
                Some(_) => {
                    let name = Value::String(name);
                    self.put(fields, "group name".to_owned(), name, false, path);
                }
            }
        }
        at
    }

    /// NDEx's `citations`: each a source, `{"@id": its id, "dc:title", "dc:contributor",
    /// "dc:identifier", "dc:type"}`: titled by its title, else its identifier; its
    /// contributor the author; a PubMed id (`pmid:11163242`) or DOI (`doi:10.…`) an article
    /// at its address, as is a web address. One identifier is one source, however many
    /// citations give it. What a source has no place for (`dc:description`, `attributes`) is
    /// named in a note. Returns each citation by its id.
    fn citations(&mut self, fragments: Vec<Fragment>) -> Result<HashMap<String, Citation>, Misfit> {
        let mut citations: HashMap<String, Citation> = HashMap::new();
        let mut by_source_id: HashMap<String, SourceIdx> = HashMap::new();
        for fragment in fragments {
            for (path, element) in fragment.into_elements() {
                let shape = "a citation: {\"@id\": its id, \"dc:title\": its title, \
                             \"dc:identifier\": its identifier}";
                let Some((id, mut element)) =
                    self.identified_element(element, &path, ("citation", shape), |id| {
                        citations.contains_key(id)
                    })?
                else {
                    continue;
                };
                let title = citation_text(&mut element, "dc:title", &path)?;
                let author = citation_text(&mut element, "dc:contributor", &path)?;
                let identifier = citation_text(&mut element, "dc:identifier", &path)?;
                let id_type = citation_text(&mut element, "dc:type", &path)?;
                count_unread(&mut self.stats.citation_unread, element);
                let (kind, url) = identifier
                    .as_deref()
                    .map_or((SourceKind::Other, None), |identifier| {
                        identifier_address(identifier, id_type.as_deref())
                    });
                let source_id = identifier
                    .clone()
                    .unwrap_or_else(|| format!("citation {id}"));
                let text = self.citation_texts.len();
                self.citation_texts.push(match (&title, &identifier) {
                    (Some(title), Some(identifier)) if title != identifier => {
                        format!("{title} ({identifier})")
                    }
                    (Some(one), _) | (None, Some(one)) => one.clone(),
                    (None, None) => source_id.clone(),
                });
                let source = if let Some(&source) = by_source_id.get(&source_id) {
                    source
                } else {
                    let title = title
                        .or_else(|| identifier.clone())
                        .unwrap_or_else(|| format!("Citation {id}"));
                    let source = self.builder.add_source(Source {
                        source_id: source_id.clone(),
                        title,
                        kind,
                        author,
                        publisher: None,
                        date: None,
                        url,
                        text_file: None,
                    });
                    self.stats.citations += 1;
                    by_source_id.insert(source_id, source);
                    source
                };
                let text_len = self.citation_texts[text].len();
                citations.insert(
                    id,
                    Citation {
                        source,
                        text,
                        text_len,
                    },
                );
            }
        }
        Ok(citations)
    }

    /// An element of an aspect of `what`s known by their `@id` (citations, supports): the
    /// object of `shape`, its id taken out of it; `None`, warned, for a second element of an
    /// id `seen` already.
    fn identified_element(
        &mut self,
        element: Value,
        path: &str,
        (what, shape): (&str, &str),
        seen: impl Fn(&str) -> bool,
    ) -> Result<Option<Identified>, Misfit> {
        let mut element = element_object(element, path, shape)?;
        let id = required_id(
            &element,
            "@id",
            path,
            &format!("the {what}'s id (a number)"),
        )?;
        element.remove("@id");
        if seen(&id) {
            self.builder.warn(
                format!("{path}.@id"),
                format!(
                    "a second {what} of id \"{}\"; the first is kept, this one is not read",
                    super::excerpt(&id, 40)
                ),
            );
            return Ok(None);
        }
        Ok(Some((id, element)))
    }

    /// NDEx's `supports`: each a passage quoted from a citation, `{"@id": its id, "text": the
    /// passage, "citation": the id of the citation it is quoted from}`, its citation the
    /// source of the evidence it gives. A citation id naming no citation is warned and the
    /// passage read without a source; a support with neither text nor a citation is warned
    /// and gives nothing. What else a support gives (`attributes`) is named in a note.
    /// Returns each support by its id.
    fn supports(
        &mut self,
        fragments: Vec<Fragment>,
        citations: &HashMap<String, Citation>,
    ) -> Result<HashMap<String, SupportAt>, Misfit> {
        let mut by_id: HashMap<String, SupportAt> = HashMap::new();
        for fragment in fragments {
            for (path, element) in fragment.into_elements() {
                let shape = "a support: {\"@id\": its id, \"text\": the passage quoted, \
                             \"citation\": the id of the citation it is quoted from}";
                let Some((id, mut element)) =
                    self.identified_element(element, &path, ("support", shape), |id| {
                        by_id.contains_key(id)
                    })?
                else {
                    continue;
                };
                let text = citation_text(&mut element, "text", &path)?.unwrap_or_default();
                let citation = match element.remove("citation") {
                    None | Some(Value::Null) => None,
                    Some(value) => {
                        let cited = id_text(&value).ok_or_else(|| {
                            Misfit::new(
                                format!("{path}.citation"),
                                format!(
                                    "found {}, expected the id of the citation the passage is \
                                     quoted from",
                                    describe(&value)
                                ),
                            )
                        })?;
                        let known = citations.get(&cited).map(|c| (c.source, c.text));
                        if known.is_none() {
                            self.builder.warn(
                                format!("{path}.citation"),
                                format!(
                                    "\"{}\" names no citation; the passage is read without its \
                                     source",
                                    super::excerpt(&cited, 40)
                                ),
                            );
                        }
                        known
                    }
                };
                count_unread(&mut self.stats.support_unread, element);
                let gives = !text.is_empty() || citation.is_some();
                if gives {
                    self.stats.supports += 1;
                } else {
                    self.builder.warn(
                        path,
                        "a support with neither a passage (\"text\") nor a citation gives \
                         nothing; not read"
                            .to_owned(),
                    );
                }
                let bytes = text.len()
                    + citation.map_or(0, |(_, at)| {
                        self.citation_texts.get(at).map_or(0, String::len)
                    });
                by_id.insert(
                    id,
                    SupportAt {
                        at: self.supports.len(),
                        bytes,
                        gives,
                    },
                );
                self.supports.push(Support { text, citation });
            }
        }
        Ok(by_id)
    }

    /// One element of `nodeCitations`, `edgeCitations`, `nodeSupports` or `edgeSupports`
    /// (`what` says whether of nodes or edges, `L` whether citations or supports):
    /// `{"po": the ids of the nodes or edges, "citations" or "supports": the ids of what they
    /// cite or have}`, each pair given to `link` (with the index of the node or edge in
    /// `ids`), which says how many bytes of text it copied. An id naming no node, edge,
    /// citation or support is warned and not read; past the budgets the file is refused
    /// rather than fill the memory.
    fn linking_element<L: Linked>(
        &mut self,
        element: Value,
        path: &str,
        what: &str,
        ids: &HashMap<String, usize>,
        linked: &HashMap<String, L>,
        mut link: impl FnMut(usize, &L) -> usize,
    ) -> Result<(), Misfit> {
        let key = L::KEY;
        let element = element_object(
            element,
            path,
            &format!(
                "the {key} of {what}s: {{\"po\": the ids of the {what}s, \"{key}\": the ids of \
                 the {key}}}"
            ),
        )?;
        let owners = id_list(&element, "po", path, &format!("the id of a {what} citing"))?;
        let listed = id_list(&element, key, path, L::ID)?;
        let mut known = Vec::with_capacity(listed.len());
        for (index, id) in listed.iter().enumerate() {
            match linked.get(id) {
                Some(item) => known.push(item),
                None => self.builder.warn(
                    format!("{path}.{key}[{index}]"),
                    format!(
                        "\"{}\" names no {}; not read",
                        super::excerpt(id, 40),
                        L::ONE
                    ),
                ),
            }
        }
        for owner in owners {
            let Some(&at) = ids.get(&owner) else {
                self.builder.warn(
                    format!("{path}.po"),
                    format!(
                        "\"{}\" names no {what}; its {key} here are not read",
                        super::excerpt(&owner, 40)
                    ),
                );
                continue;
            };
            for item in &known {
                if self.link_budget == 0 {
                    return Err(Misfit::new(
                        path,
                        "nodeCitations, edgeCitations, nodeSupports and edgeSupports would give \
                         the nodes and edges more citations and passages than Chainsight reads \
                         from a file of this size; it stops here rather than fill the memory"
                            .to_owned(),
                    ));
                }
                self.link_budget -= 1;
                let copied = link(at, item);
                self.quote_budget = self.quote_budget.checked_sub(copied).ok_or_else(|| {
                    Misfit::new(
                        path,
                        format!(
                            "the {key} here would copy more text onto the nodes and edges (a \
                             passage or citation once for each that has it) than Chainsight \
                             reads from a file of this size; it stops here rather than fill the \
                             memory"
                        ),
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Reads a fragment of `nodeAttributes` or `edgeAttributes` onto `elements`, found by
    /// their ids in `index`.
    fn element_attributes(
        &mut self,
        fragment: Fragment,
        what: &str,
        ids: &HashMap<String, usize>,
        owners: &mut [impl HasFields],
    ) -> Result<(), Misfit> {
        for (path, element) in fragment.into_elements() {
            let attribute = self.attribute_element(element, &path, Some(what))?;
            let Some(value) = attribute.value else {
                continue;
            };
            for owner in attribute.owners {
                match ids.get(&owner) {
                    Some(&owner_at) => {
                        let fields = owners[owner_at].fields();
                        self.put(
                            fields,
                            attribute.name.clone(),
                            value.clone(),
                            attribute.from_subnetwork,
                            &path,
                        );
                    }
                    None => self.builder.warn(
                        format!("{path}.po"),
                        format!(
                            "\"{}\" names no {what}; this attribute (\"{}\") is not read",
                            super::excerpt(&owner, 40),
                            super::excerpt(&attribute.name, 60)
                        ),
                    ),
                }
            }
        }
        Ok(())
    }

    /// One element of `nodeAttributes`, `edgeAttributes` (`owner` names what `po` refers to)
    /// or `networkAttributes` (`owner` is `None`).
    fn attribute_element(
        &mut self,
        element: Value,
        path: &str,
        owner: Option<&str>,
    ) -> Result<AttributeElement, Misfit> {
        let mut element = element_object(
            element,
            path,
            match owner {
                Some(_) => {
                    "an attribute: {\"po\": the id it belongs to, \"n\": its name, \"v\": its \
                     value}"
                }
                None => "a network attribute: {\"n\": its name, \"v\": its value}",
            },
        )?;
        let name = match element.remove("n") {
            Some(Value::String(name)) => name,
            other => {
                return Err(Misfit::new(
                    format!("{path}.n"),
                    format!(
                        "found {}, expected the attribute's name (text)",
                        other
                            .as_ref()
                            .map_or_else(|| "nothing".to_owned(), describe)
                    ),
                ));
            }
        };
        let owners = match owner {
            None => Vec::new(),
            Some(what) => {
                let po = element.remove("po").unwrap_or(Value::Null);
                let expected = || {
                    Misfit::new(
                        format!("{path}.po"),
                        format!(
                            "found {}, expected the id of the {what} it belongs to",
                            describe(&po)
                        ),
                    )
                };
                match &po {
                    Value::Array(ids) => {
                        let owners: Option<Vec<String>> = ids.iter().map(id_text).collect();
                        owners.ok_or_else(expected)?
                    }
                    other => vec![id_text(other).ok_or_else(expected)?],
                }
            }
        };
        // Without a "d", CX version 1's type is text; a list written without one is read as
        // the list it is rather than warned.
        let data_type = match element.remove("d") {
            None | Some(Value::Null) if element.get("v").is_some_and(Value::is_array) => None,
            None | Some(Value::Null) => Some(DataType {
                list: false,
                item: Scalar::String,
            }),
            Some(Value::String(text)) if DataType::parse(&text).is_some() => DataType::parse(&text),
            Some(other) => {
                self.builder.warn(format!("{path}.d"), unknown_type(&other));
                None
            }
        };
        let from_subnetwork = element.get("s").is_some_and(|s| !s.is_null());
        let value = element.remove("v").unwrap_or(Value::Null);
        let value = if is_hidden_name(&name) && owner.is_some() {
            self.hidden.add(&name);
            None
        } else {
            self.typed_at(value, data_type, &format!("{path}.v"))
        };
        Ok(AttributeElement {
            owners,
            name,
            value,
            from_subnetwork,
        })
    }

    /// One element of `cartesianLayout`: a node's position, the first one given for it.
    fn layout_element(
        &mut self,
        element: Value,
        path: &str,
        node_index: &HashMap<String, usize>,
        nodes: &mut [NodeDraft],
    ) -> Result<(), Misfit> {
        let element = element_object(
            element,
            path,
            "a position: {\"node\": its id, \"x\": a number, \"y\": a number}",
        )?;
        let node = required_id(&element, "node", path, "the id of the node placed")?;
        let Some(&at) = node_index.get(&node) else {
            self.builder.warn(
                format!("{path}.node"),
                format!(
                    "\"{}\" names no node; this position is not read",
                    super::excerpt(&node, 40)
                ),
            );
            return Ok(());
        };
        let mut coordinate = |axis: &str| {
            let value = element.get(axis).unwrap_or(&Value::Null);
            let number = match value {
                Value::Number(number) => number.as_f64(),
                Value::String(text) => text.trim().parse::<f64>().ok(),
                _ => None,
            }
            .filter(|number| number.is_finite());
            if number.is_none() {
                self.builder.warn(
                    format!("{path}.{axis}"),
                    format!(
                        "found {}, expected a number; this position is not read",
                        describe(value)
                    ),
                );
            }
            number
        };
        let (Some(x), Some(y)) = (coordinate("x"), coordinate("y")) else {
            return Ok(());
        };
        let draft = &mut nodes[at];
        if draft.position.is_some() {
            self.stats.other_views += 1;
        } else {
            draft.position = Some((x as f32, y as f32));
        }
        Ok(())
    }

    // ------------------------------------------------------------------ CX2

    fn read_two(
        &mut self,
        aspects: &mut Aspects,
    ) -> Result<(Vec<NodeDraft>, Vec<EdgeDraft>), Misfit> {
        let mut declared = Declarations::default();
        for fragment in aspects.take("attributeDeclarations") {
            for (path, element) in fragment.into_elements() {
                self.declarations(element, &path, &mut declared)?;
            }
        }
        for fragment in aspects.take("networkAttributes") {
            for (path, element) in fragment.into_elements() {
                let element = element_object(element, &path, "the network's attributes, by name")?;
                for (name, value) in element {
                    let data_type = declared.network.get(&name).and_then(|d| d.data_type);
                    let value_path = format!("{path}.{name}");
                    if let Some(value) = self.typed_at(value, data_type, &value_path) {
                        self.network_attribute(&name, &value);
                    }
                }
            }
        }
        let mut nodes = Vec::new();
        for fragment in aspects.take("nodes") {
            nodes.reserve(fragment.elements.len());
            for (path, element) in fragment.into_elements() {
                let mut element = element_object(
                    element,
                    &path,
                    "a node: {\"id\": its id, \"v\": its attributes}",
                )?;
                let id = required_id(&element, "id", &path, "the node's id (a number)")?;
                element.remove("id");
                let position = self.position_two(&element, &path);
                let mut fields = self.values_two(&mut element, &path, &declared.nodes)?;
                for axis in ["x", "y"] {
                    element.remove(axis);
                }
                for (key, value) in element {
                    if !value.is_null() {
                        self.put(&mut fields, key, value, false, &path);
                    }
                }
                let mut draft = NodeDraft::new(path, id, fields);
                draft.position = position;
                nodes.push(draft);
            }
        }
        let mut edges = Vec::new();
        for fragment in aspects.take("edges") {
            edges.reserve(fragment.elements.len());
            for (path, element) in fragment.into_elements() {
                let mut element = element_object(
                    element,
                    &path,
                    "an edge: {\"id\": its id, \"s\": its source, \"t\": its target}",
                )?;
                let (id, source, target) = edge_ends(&mut element, "id", &path)?;
                let mut fields = self.values_two(&mut element, &path, &declared.edges)?;
                for (key, value) in element {
                    if !value.is_null() {
                        self.put(&mut fields, key, value, false, &path);
                    }
                }
                edges.push(EdgeDraft {
                    source: (source, format!("{path}.s")),
                    target: (target, format!("{path}.t")),
                    path,
                    id,
                    fields,
                    citations: Vec::new(),
                    supports: Vec::new(),
                });
            }
        }
        Ok((nodes, edges))
    }

    /// A CX2 node's `x` and `y`, where both are numbers.
    fn position_two(&mut self, element: &Map<String, Value>, path: &str) -> Option<(f32, f32)> {
        let mut coordinate = |axis: &str| match element.get(axis) {
            None | Some(Value::Null) => None,
            Some(Value::Number(number)) => number.as_f64().filter(|n| n.is_finite()),
            Some(other) => {
                self.builder.warn(
                    format!("{path}.{axis}"),
                    format!(
                        "found {}, expected a number; this position is not read",
                        describe(other)
                    ),
                );
                None
            }
        };
        match (coordinate("x"), coordinate("y")) {
            (Some(x), Some(y)) => Some((x as f32, y as f32)),
            _ => None,
        }
    }

    /// A CX2 element's attributes (`v`): aliases read by their full names, values as their
    /// declared types, and the declared defaults where the element has none.
    fn values_two(
        &mut self,
        element: &mut Map<String, Value>,
        path: &str,
        declared: &Declared,
    ) -> Result<Map<String, Value>, Misfit> {
        let values = match element.remove("v") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(values)) => values,
            Some(other) => {
                return Err(Misfit::new(
                    format!("{path}.v"),
                    format!(
                        "found {}, expected the element's attributes (an object, by name)",
                        describe(&other)
                    ),
                ));
            }
        };
        let mut fields = Map::new();
        for (key, value) in values {
            let name = match declared.aliases.get(&key) {
                Some(name) => {
                    if !self.stats.aliases.iter().any(|(alias, _)| *alias == key) {
                        self.stats.aliases.push((key.clone(), name.clone()));
                    }
                    name.clone()
                }
                None => key.clone(),
            };
            let data_type = declared.get(&name).and_then(|d| d.data_type);
            let value_path = format!("{path}.v.{key}");
            if let Some(value) = self.typed_at(value, data_type, &value_path) {
                self.put(&mut fields, name, value, false, &value_path);
            }
        }
        for (name, default) in &declared.defaults {
            if fields.contains_key(name) {
                continue;
            }
            if self.default_budget == 0 {
                return Err(Misfit::new(
                    path,
                    format!(
                        "the defaults attributeDeclarations gives (\"v\") would give the nodes \
                         and edges more than {} attribute values; Chainsight stops here rather \
                         than fill the memory",
                        self.stats.defaults
                    ),
                ));
            }
            self.default_budget -= 1;
            self.stats.defaults += 1;
            fields.insert(name.clone(), default.clone());
        }
        Ok(fields)
    }

    /// Reads one element of `attributeDeclarations` into `declared`.
    fn declarations(
        &mut self,
        element: Value,
        path: &str,
        declared: &mut Declarations,
    ) -> Result<(), Misfit> {
        let element = element_object(
            element,
            path,
            "the attribute declarations: {\"nodes\": {...}, \"edges\": {...}}",
        )?;
        for (aspect, declarations) in element {
            let aspect_path = format!("{path}.{aspect}");
            let target = match aspect.as_str() {
                "nodes" => &mut declared.nodes,
                "edges" => &mut declared.edges,
                "networkAttributes" => &mut declared.network,
                // Declarations for opaque aspects, which are not read.
                _ => continue,
            };
            let declarations = element_object(
                declarations,
                &aspect_path,
                "the declarations of the aspect's attributes, by name",
            )?;
            for (name, declaration) in declarations {
                let declaration_path = format!("{aspect_path}.{name}");
                let mut declaration = element_object(
                    declaration,
                    &declaration_path,
                    "the attribute's declaration: {\"d\": its data type}",
                )?;
                let data_type = match declaration.remove("d") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(text)) if DataType::parse(&text).is_some() => {
                        DataType::parse(&text)
                    }
                    Some(other) => {
                        self.builder
                            .warn(format!("{declaration_path}.d"), unknown_type(&other));
                        None
                    }
                };
                let alias = match declaration.remove("a") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(alias)) => Some(alias),
                    Some(other) => {
                        return Err(Misfit::new(
                            format!("{declaration_path}.a"),
                            format!(
                                "found {}, expected the attribute's alias (text)",
                                describe(&other)
                            ),
                        ));
                    }
                };
                let default = match declaration.remove("v") {
                    None | Some(Value::Null) => None,
                    Some(value) => {
                        self.typed_at(value, data_type, &format!("{declaration_path}.v"))
                    }
                };
                target.declare(&aspect, name, (data_type, alias, default), declaration_path)?;
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ both

    /// Hands the nodes and edges to the builder: Cytoscape's hidden attributes left out,
    /// values repeating the name or interaction read once, attributes named `x`/`y` kept as
    /// attributes (positions come from the layout), and an edge end naming no node given a
    /// placeholder, warned at its key.
    fn build(&mut self, nodes: Vec<NodeDraft>, edges: Vec<EdgeDraft>) {
        self.builder.reserve(nodes.len(), edges.len());
        let mut groups =
            Groups::of_nodes(&nodes, |draft| (draft.id.as_str(), draft.groups.as_slice()));
        for draft in nodes {
            let NodeDraft {
                path,
                id,
                mut fields,
                position,
                groups: member_of,
                citations,
                supports,
            } = draft;
            self.take_hidden(&mut fields);
            self.repeated(&mut fields, "shared name", "name");
            // Attributes named `x` or `y` are attributes in CX: they place nothing.
            let axes: Vec<String> = fields
                .keys()
                .filter(|key| matches!(node_field(key), Some((NodeField::X | NodeField::Y, _))))
                .cloned()
                .collect();
            let axes: Vec<(String, Value)> = axes
                .into_iter()
                .filter_map(|key| fields.remove_entry(&key))
                .collect();
            let mut node = node_from_fields(id, fields);
            for (key, value) in axes {
                node.attributes.insert(key, attribute_text(&value));
            }
            node.position = position;
            if !citations.is_empty() {
                let texts: Vec<&str> = citations
                    .iter()
                    .filter_map(|&at| self.citation_texts.get(at).map(String::as_str))
                    .collect();
                let key = free_key(&node.attributes, CITATIONS_ATTRIBUTE);
                node.attributes.insert(key, texts.join(LIST_SEPARATOR));
            }
            let supports: Vec<String> = supports
                .iter()
                .filter_map(|&at| self.supports.get(at))
                .filter_map(|support| self.support_text(support))
                .collect();
            if !supports.is_empty() {
                let key = free_key(&node.attributes, SUPPORTS_ATTRIBUTE);
                node.attributes.insert(key, supports.join(LIST_SEPARATOR));
            }
            groups.place(&mut self.builder, &path, &mut node, member_of);
            self.builder.add_node(&path, node);
        }
        self.add_edges(edges);
        groups.draw(&mut self.builder);
    }

    /// A support as an entity keeps it: `“passage” — citation`, the passage alone where it
    /// has no citation, the citation alone where it has no passage.
    fn support_text(&self, support: &Support) -> Option<String> {
        let citation = support
            .citation
            .and_then(|(_, at)| self.citation_texts.get(at));
        match (support.text.as_str(), citation) {
            ("", None) => None,
            ("", Some(citation)) => Some(citation.clone()),
            (text, None) => Some(format!("“{text}”")),
            (text, Some(citation)) => Some(format!("“{text}” — {citation}")),
        }
    }

    /// The evidence of an edge with `supports` (places in [`Self::supports`]) citing
    /// `citations`: each passage quoted, its citation the source; then each citation no
    /// passage quotes (and each of a support without a passage), without a quote. A citation
    /// the edge cites and a passage quotes is one evidence, with the quote.
    fn edge_evidence(&self, supports: &[usize], citations: &[SourceIdx]) -> Vec<Evidence> {
        let supports: Vec<&Support> = supports
            .iter()
            .filter_map(|&at| self.supports.get(at))
            .collect();
        let mut evidence: Vec<Evidence> = supports
            .iter()
            .filter(|support| !support.text.is_empty())
            .map(|support| Evidence {
                quote: support.text.clone(),
                source: support.citation.map(|(source, _)| source),
                ..Evidence::default()
            })
            .collect();
        let mut sourced: HashSet<SourceIdx> = evidence.iter().filter_map(|e| e.source).collect();
        let unquoted = supports
            .iter()
            .filter(|support| support.text.is_empty())
            .filter_map(|support| support.citation.map(|(source, _)| source));
        for source in unquoted.chain(citations.iter().copied()) {
            if sourced.insert(source) {
                evidence.push(Evidence {
                    source: Some(source),
                    ..Evidence::default()
                });
            }
        }
        evidence
    }

    /// Hands the edges to the builder (see [`Self::build`]).
    fn add_edges(&mut self, edges: Vec<EdgeDraft>) {
        let mut missing: Vec<(String, String, usize)> = Vec::new();
        let mut missing_at: HashMap<String, usize> = HashMap::new();
        for draft in edges {
            let EdgeDraft {
                path,
                id,
                source,
                target,
                mut fields,
                citations,
                supports,
            } = draft;
            for (end, end_path) in [&source, &target] {
                if let Some(&at) = missing_at.get(end) {
                    missing[at].2 += 1;
                } else if !self.builder.has_node(end) {
                    missing_at.insert(end.clone(), missing.len());
                    missing.push((end.clone(), end_path.clone(), 1));
                    let mut node = ImportedNode {
                        id: end.clone(),
                        description: Some(PLACEHOLDER_DESCRIPTION.to_owned()),
                        ..ImportedNode::default()
                    };
                    node.attributes
                        .insert(PLACEHOLDER_ATTRIBUTE.to_owned(), "true".to_owned());
                    self.builder.add_node(end_path, node);
                }
            }
            self.take_hidden(&mut fields);
            self.repeated(&mut fields, "shared name", "name");
            self.repeated(&mut fields, "shared interaction", "interaction");
            let interaction = fields.get("interaction").and_then(scalar_text);
            let generated = match (fields.get("name").and_then(scalar_text), interaction) {
                (Some(name), Some(interaction))
                    if !fields.contains_key("label") && is_generated_name(&name, &interaction) =>
                {
                    fields.remove("name");
                    Some(name)
                }
                _ => None,
            };
            let mut edge = edge_from_fields(source.0, target.0, true, fields);
            if let Some(name) = generated {
                self.stats.generated_names += 1;
                edge.attributes.insert("name".to_owned(), name);
            }
            if let Some(id) = id
                && let Some(given) = edge.id.replace(id)
            {
                edge.attributes.insert("id".to_owned(), given);
            }
            self.builder.add_edge(&path, edge);
            for evidence in self.edge_evidence(&supports, &citations) {
                self.builder.add_evidence_to_last(evidence);
            }
        }
        for (id, path, uses) in missing {
            self.builder.warn(
                path,
                format!(
                    "\"{}\" names no node; a placeholder entity was added for it (used by {})",
                    super::excerpt(&id, 40),
                    counted(uses, "relation", "relations")
                ),
            );
        }
    }

    /// Takes Cytoscape's hidden attributes (`__...`) out of `fields`, counting them.
    fn take_hidden(&mut self, fields: &mut Map<String, Value>) {
        let hidden: Vec<String> = fields
            .keys()
            .filter(|name| is_hidden_name(name))
            .cloned()
            .collect();
        for name in hidden {
            fields.remove(&name);
            self.hidden.add(&name);
        }
    }

    /// Drops `copy` where it repeats `original` (Cytoscape's `shared name` beside `name`),
    /// counting it.
    fn repeated(&mut self, fields: &mut Map<String, Value>, copy: &str, original: &str) {
        if fields.contains_key(original) && fields.get(copy) == fields.get(original) {
            fields.remove(copy);
            self.stats.repeated += 1;
        }
    }

    fn finish(mut self) -> Loaded {
        let stats = std::mem::take(&mut self.stats);
        let builder = &mut self.builder;
        if !stats.aliases.is_empty() {
            let pairs: Vec<String> = stats
                .aliases
                .iter()
                .map(|(alias, name)| {
                    format!(
                        "{} = {}",
                        super::excerpt(alias, 40),
                        super::excerpt(name, 60)
                    )
                })
                .collect();
            if let Some(note) = not_read_note(
                "attributes given by their aliases (attributeDeclarations \"a\") read by their \
                 names",
                &pairs,
            ) {
                builder.note(note);
            }
        }
        if stats.defaults > 0 {
            builder.note(format!(
                "{} filled in from the defaults attributeDeclarations gives (\"v\") where an \
                 element has none",
                counted(stats.defaults, "attribute value", "attribute values")
            ));
        }
        if stats.repeated > 0 {
            builder.note(format!(
                "{} repeating the element's name or interaction (\"shared name\", \"shared \
                 interaction\", or a second attribute of one name and value) read once, not kept \
                 twice",
                counted(stats.repeated, "attribute", "attributes")
            ));
        }
        if stats.subnetwork_values > 0 {
            builder.note(format!(
                "{} that a Cytoscape subnetwork (\"s\") gives again, differing, not kept: each \
                 element keeps the first value given",
                counted(
                    stats.subnetwork_values,
                    "attribute value",
                    "attribute values"
                )
            ));
        }
        if stats.other_views > 0 {
            builder.note(format!(
                "{} given again for a node (another Cytoscape view, cartesianLayout \"view\") not \
                 read: each node keeps its first",
                counted(stats.other_views, "position", "positions")
            ));
        }
        if stats.generated_names > 0 {
            builder.note(format!(
                "{} of the form \"source (interaction) target\", which Cytoscape makes, kept as \
                 the attribute \"name\"; the interaction is the relation's type",
                counted(stats.generated_names, "edge name", "edge names")
            ));
        }
        if let Some(note) = not_read_note(
            "network attributes not kept (a dataset has no place for them)",
            &stats.network_unread,
        ) {
            builder.note(note);
        }
        group_and_citation_notes(&stats, builder);
        support_notes(&stats, builder);
        if let Some(note) = self.hidden.note() {
            builder.note(note);
        }
        self.builder.finish()
    }
}

/// CX version 1's nodes, and the index of each id's first.
fn nodes_one(fragments: Vec<Fragment>) -> Result<(Vec<NodeDraft>, HashMap<String, usize>), Misfit> {
    let mut nodes = Vec::new();
    let mut node_index: HashMap<String, usize> = HashMap::new();
    for fragment in fragments {
        nodes.reserve(fragment.elements.len());
        for (path, element) in fragment.into_elements() {
            let mut element =
                element_object(element, &path, "a node: {\"@id\": its id, \"n\": its name}")?;
            let id = required_id(&element, "@id", &path, "the node's id (a number)")?;
            element.remove("@id");
            let mut fields = Map::new();
            for (key, value) in element {
                let name = match key.as_str() {
                    "n" => "name".to_owned(),
                    "r" => "represents".to_owned(),
                    _ => key,
                };
                if !value.is_null() {
                    fields.insert(name, value);
                }
            }
            node_index.entry(id.clone()).or_insert(nodes.len());
            nodes.push(NodeDraft::new(path, id, fields));
        }
    }
    Ok((nodes, node_index))
}

/// An edge's id (under `id_key`: CX's `@id`, CX2's `id`), source and target (`s`, `t`), taken
/// out of `element`, which `path` names in messages.
fn edge_ends(
    element: &mut Map<String, Value>,
    id_key: &str,
    path: &str,
) -> Result<(Option<String>, String, String), Misfit> {
    let id = match element.remove(id_key) {
        None | Some(Value::Null) => None,
        Some(value) => Some(id_text(&value).ok_or_else(|| {
            Misfit::new(
                format!("{path}.{id_key}"),
                format!(
                    "found {}, expected the edge's id (a number)",
                    describe(&value)
                ),
            )
        })?),
    };
    let source = required_id(element, "s", path, "the id of the edge's source node")?;
    let target = required_id(element, "t", path, "the id of the edge's target node")?;
    element.remove("s");
    element.remove("t");
    Ok((id, source, target))
}

/// CX version 1's edges, and the index of each id's first.
fn edges_one(fragments: Vec<Fragment>) -> Result<(Vec<EdgeDraft>, HashMap<String, usize>), Misfit> {
    let mut edges = Vec::new();
    let mut edge_index: HashMap<String, usize> = HashMap::new();
    for fragment in fragments {
        edges.reserve(fragment.elements.len());
        for (path, element) in fragment.into_elements() {
            let mut element = element_object(
                element,
                &path,
                "an edge: {\"@id\": its id, \"s\": its source, \"t\": its target}",
            )?;
            let (id, source, target) = edge_ends(&mut element, "@id", &path)?;
            let mut fields = Map::new();
            for (key, value) in element {
                let name = if key == "i" {
                    "interaction".to_owned()
                } else {
                    key
                };
                if !value.is_null() {
                    fields.insert(name, value);
                }
            }
            if let Some(id) = &id {
                edge_index.entry(id.clone()).or_insert(edges.len());
            }
            edges.push(EdgeDraft {
                source: (source, format!("{path}.s")),
                target: (target, format!("{path}.t")),
                path,
                id,
                fields,
                citations: Vec::new(),
                supports: Vec::new(),
            });
        }
    }
    Ok((edges, edge_index))
}

/// A citation (`citations`) as nodes and edges cite it: its source, and where its text for
/// an entity's attribute is in [`Reader::citation_texts`].
struct Citation {
    source: SourceIdx,
    text: usize,
    /// The length of that text.
    text_len: usize,
}

/// What `nodeCitations`, `edgeCitations`, `nodeSupports` and `edgeSupports` give nodes and
/// edges: citations or supports.
trait Linked {
    /// The key listing their ids: `citations`, `supports`.
    const KEY: &'static str;
    /// One of them, in words.
    const ONE: &'static str;
    /// What an id listed under the key is, in words.
    const ID: &'static str;
}

impl Linked for Citation {
    const KEY: &'static str = "citations";
    const ONE: &'static str = "citation";
    const ID: &'static str = "the id of a citation cited";
}

/// A support (`supports`): a passage quoted from a citation.
struct Support {
    /// The passage, trimmed; empty where the support gives none.
    text: String,
    /// The citation it is quoted from: its source, and where its text is in
    /// [`Reader::citation_texts`].
    citation: Option<(SourceIdx, usize)>,
}

/// A support as nodes and edges name it: its place in [`Reader::supports`], and how many
/// bytes of text giving it to one copies.
struct SupportAt {
    at: usize,
    bytes: usize,
    /// Whether it gives a passage or a citation (one giving neither is warned at once).
    gives: bool,
}

impl Linked for SupportAt {
    const KEY: &'static str = "supports";
    const ONE: &'static str = "support";
    const ID: &'static str = "the id of a support (a quoted passage)";
}

/// A citation's `key` taken out of it as text (a list's items joined with `; `), `None`
/// where it is null or blank; anything but text, a number or a list of them refused.
fn citation_text(
    element: &mut Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, Misfit> {
    let value = element.remove(key).unwrap_or(Value::Null);
    let text = match &value {
        Value::Null => None,
        Value::Array(items) => items
            .iter()
            .map(scalar_text)
            .collect::<Option<Vec<String>>>()
            .map(|texts| texts.join("; ")),
        other => scalar_text(other),
    };
    match (text, &value) {
        (_, Value::Null) => Ok(None),
        (Some(text), _) => Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty())),
        (None, _) => Err(Misfit::new(
            format!("{path}.{key}"),
            format!("found {}, expected text", describe(&value)),
        )),
    }
}

/// The ids under `key`: a list of them, or one; a misfit where one is `one` is not (at the
/// item of a list).
fn id_list(
    element: &Map<String, Value>,
    key: &str,
    path: &str,
    one: &str,
) -> Result<Vec<String>, Misfit> {
    match element.get(key).unwrap_or(&Value::Null) {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                id_text(item).ok_or_else(|| {
                    Misfit::new(
                        format!("{path}.{key}[{index}]"),
                        format!("found {}, expected {one}", describe(item)),
                    )
                })
            })
            .collect(),
        other => Ok(vec![id_text(other).ok_or_else(|| {
            Misfit::new(
                format!("{path}.{key}"),
                format!(
                    "found {}, expected {one} or a list of them",
                    describe(other)
                ),
            )
        })?]),
    }
}

/// What kind of source a citation's identifier names, and its address: a PubMed id
/// (`pmid:11163242`, or the number with `dc:type` `PMID`) or a DOI (`doi:10.1038/…`, or with
/// `dc:type` `DOI`) an article, a web address a web page; anything else of no kind and no
/// address.
fn identifier_address(identifier: &str, id_type: Option<&str>) -> (SourceKind, Option<String>) {
    let identifier = identifier.trim();
    let prefixed = |prefix: &str| {
        identifier
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| identifier[prefix.len()..].trim())
    };
    let typed = |name: &str| id_type.is_some_and(|t| t.trim().eq_ignore_ascii_case(name));
    let pmid = prefixed("pmid:").or_else(|| typed("pmid").then_some(identifier));
    if let Some(number) = pmid.filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return (
            SourceKind::Article,
            Some(format!("https://pubmed.ncbi.nlm.nih.gov/{number}/")),
        );
    }
    let doi = prefixed("doi:").or_else(|| typed("doi").then_some(identifier));
    if let Some(doi) = doi.filter(|d| d.starts_with("10.") && !d.contains(char::is_whitespace)) {
        return (SourceKind::Article, Some(format!("https://doi.org/{doi}")));
    }
    if (prefixed("https://").is_some() || prefixed("http://").is_some())
        && !identifier.contains(char::is_whitespace)
    {
        return (SourceKind::Website, Some(identifier.to_owned()));
    }
    (SourceKind::Other, None)
}

/// One element of CX version 1's attribute aspects, read.
struct AttributeElement {
    /// The ids of the nodes or edges it belongs to (`po`); none for a network attribute.
    owners: Vec<String>,
    name: String,
    /// Its value, as its type says; `None` for none.
    value: Option<Value>,
    /// Given for a Cytoscape subnetwork (`s`), not the root network.
    from_subnetwork: bool,
}

/// An attribute's declared type, and where it was declared.
struct Declaration {
    data_type: Option<DataType>,
    path: String,
}

/// The declarations for one aspect's attributes.
#[derive(Default)]
struct Declared {
    types: HashMap<String, Declaration>,
    /// Full names by alias.
    aliases: HashMap<String, String>,
    /// Default values, in the order declared.
    defaults: Vec<(String, Value)>,
}

impl Declared {
    /// Records the declaration of `name` (its type, alias and default) at `path`, refusing one
    /// that contradicts an earlier declaration (a fragment's) of its type or alias.
    fn declare(
        &mut self,
        aspect: &str,
        name: String,
        (data_type, alias, default): (Option<DataType>, Option<String>, Option<Value>),
        declaration_path: String,
    ) -> Result<(), Misfit> {
        if let Some(earlier) = self.types.get(&name) {
            if earlier.data_type != data_type {
                return Err(Misfit::new(
                    declaration_path,
                    format!(
                        "the attribute \"{}\" of {aspect} is declared again as {}, after {} \
                         at {}; Chainsight reads one type per attribute",
                        super::excerpt(&name, 60),
                        type_words(data_type),
                        type_words(earlier.data_type),
                        earlier.path
                    ),
                ));
            }
        } else {
            self.types.insert(
                name.clone(),
                Declaration {
                    data_type,
                    path: declaration_path.clone(),
                },
            );
        }
        if let Some(alias) = alias {
            match self.aliases.get(&alias) {
                Some(other) if *other != name => {
                    return Err(Misfit::new(
                        format!("{declaration_path}.a"),
                        format!(
                            "the alias \"{}\" of {aspect} is declared for both \"{}\" and \
                             \"{}\"; expected one attribute per alias",
                            super::excerpt(&alias, 40),
                            super::excerpt(other, 60),
                            super::excerpt(&name, 60)
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    self.aliases.insert(alias, name.clone());
                }
            }
        }
        if let Some(default) = default
            && aspect != "networkAttributes"
            && !self.defaults.iter().any(|(held, _)| *held == name)
        {
            self.defaults.push((name, default));
        }
        Ok(())
    }

    fn get(&self, name: &str) -> Option<&Declaration> {
        self.types.get(name)
    }
}

/// A CX2 file's `attributeDeclarations`, merged over its fragments.
#[derive(Default)]
struct Declarations {
    nodes: Declared,
    edges: Declared,
    network: Declared,
}

/// A declared type in words: `"double"`, or `no type`.
fn type_words(data_type: Option<DataType>) -> String {
    data_type.map_or_else(|| "no type".to_owned(), |t| format!("\"{}\"", t.name()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn types_read_numbers_written_as_text_and_join_lists() {
        let double = DataType::parse("double");
        assert_eq!(typed(json!("2.5"), double), Ok(Some(json!(2.5))));
        assert_eq!(typed(json!("null"), double), Ok(None));
        assert_eq!(typed(json!("abc"), double), Err(json!("abc")));
        let flags = DataType::parse("list_of_boolean");
        assert_eq!(
            typed(json!(["true", false]), flags),
            Ok(Some(json!("true | false")))
        );
        assert_eq!(typed(json!([]), flags), Ok(None));
        assert_eq!(typed(json!(["yes"]), flags), Err(json!(["yes"])));
        assert_eq!(
            typed(json!(["a"]), DataType::parse("string")),
            Err(json!(["a"]))
        );
        assert_eq!(DataType::parse("float"), None);
        assert_eq!(
            DataType::parse("list_of_long")
                .map(DataType::name)
                .as_deref(),
            Some("list_of_long")
        );
    }

    #[test]
    fn only_lists_of_aspects_are_cx() {
        assert!(recognise(&[json!({"CXVersion": "2.0"})]));
        assert!(recognise(&[
            json!({"nodes": [{"@id": 1}]}),
            json!({"edges": []})
        ]));
        assert!(!recognise(&[json!({"data": {"id": "a"}})]));
        assert!(!recognise(&[json!({"nodes": [], "edges": []})]));
        assert!(!recognise(&[json!(1), json!(2)]));
        assert!(!recognise(&[]));
    }
}
