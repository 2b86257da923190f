//! Node and edge records: each column value filed by its title through the field
//! [`vocabulary`] (the best-ranked name wins, the rest become attributes), the items a reader
//! collects, and their hand-over to the builder with what it cannot carry.

use std::collections::{HashMap, HashSet};

use super::events::Element;

use super::ESCAPE_PREFIX;
use super::extension::{EvidenceRecord, read_dataset_json, resolve_evidence};
use crate::formats::Loaded;
use crate::formats::groups::Groups;
use crate::formats::import::{GraphBuilder, ImportedEdge, ImportedNode};
use crate::formats::vocabulary::{
    self, EdgeField, NodeField, edge_field, is_type_name, node_field, split_aliases,
    stated_direction, type_direction,
};
use crate::model::RelationStatus;

/// Which column title filled a field, and its rank among the field's names.
type Held = Option<(u8, String)>;

/// Files `value`, from the column `title` of `rank`, into `slot` when the slot is empty or
/// held by a worse-ranked title. Returns what lost (the new column, or the one it displaced)
/// as (title, value), to keep as an attribute. A blank value fills nothing (a blank column
/// reads as no value).
fn file_ranked(
    slot: &mut Option<String>,
    held: &mut Held,
    rank: u8,
    title: &str,
    value: &str,
) -> Option<(String, String)> {
    let better = match held {
        Some((held_rank, _)) => rank < *held_rank,
        // Filled from elsewhere (a GEXF `label` attribute, a yEd label): that one stays.
        None => slot.is_none(),
    };
    if value.trim().is_empty() {
        return (!better).then(|| (title.to_owned(), value.to_owned()));
    }
    if !better {
        return Some((title.to_owned(), value.to_owned()));
    }
    let old_value = slot.replace(value.to_owned());
    let old_title = held.replace((rank, title.to_owned())).map(|(_, t)| t);
    old_value.zip(old_title)
}

/// Something a column value can be filed into.
pub(crate) trait Record {
    /// Files `value` under the column `title`: a name of the
    /// [`vocabulary`](super::vocabulary) fills a field (unless a better-ranked name filled
    /// it), anything else becomes an attribute.
    fn set(&mut self, title: &str, value: &str);
    /// Keeps `value` as the attribute `key` (the first value given wins).
    fn keep(&mut self, key: &str, value: &str);
    /// The period an item exists in (GEXF's start/end and spells).
    fn set_time(&mut self, start: Option<&str>, end: Option<&str>);
}

const NODE_SLOTS: usize = NodeField::Y as usize + 1;

/// A node as read, with the entity fields the import structs have no place for.
pub(crate) struct NodeRecord {
    pub node: ImportedNode,
    /// Whether the label came from a `name` column (which a drawn yEd label outranks).
    pub label_from_name: bool,
    /// The ids of the nodes holding this one (a GEXF `pid` or `<parents>`, the node a nested
    /// node or graph sits in), drawn as "part of" links (see `formats::groups`).
    pub groups: Vec<String>,
    held: [Held; NODE_SLOTS],
    /// A `title` column: the label where there is none, else the description.
    title: Option<(String, String)>,
    x: Option<f32>,
    y: Option<f32>,
}

impl NodeRecord {
    pub fn new(id: &str) -> Self {
        Self {
            node: ImportedNode {
                id: id.to_owned(),
                ..ImportedNode::default()
            },
            label_from_name: false,
            groups: Vec::new(),
            held: Default::default(),
            title: None,
            x: None,
            y: None,
        }
    }

    /// Takes the position from `x`/`y` columns where no other was given and both are;
    /// whether it did.
    pub fn position_from_columns(&mut self) -> bool {
        match (self.node.position, self.x, self.y) {
            (None, Some(x), Some(y)) => {
                self.node.position = Some((x, y));
                (self.x, self.y) = (None, None);
                true
            }
            _ => false,
        }
    }

    /// The node with its position from `x`/`y` columns where no other was given, and its
    /// `title` where a field wants it.
    fn finish(mut self) -> ImportedNode {
        match (self.node.position, self.x, self.y) {
            (None, Some(x), Some(y)) => self.node.position = Some((x, y)),
            (_, x, y) => {
                // Half a position, or a second one: kept as attributes.
                if let Some(x) = x {
                    self.keep("x", &x.to_string());
                }
                if let Some(y) = y {
                    self.keep("y", &y.to_string());
                }
            }
        }
        if let Some((title, value)) = self.title.take() {
            if self.node.label.is_none() {
                self.node.label = Some(value);
            } else if self.node.description.is_none() {
                self.node.description = Some(value);
            } else {
                self.keep(&title, &value);
            }
        }
        self.node
    }
}

impl Record for NodeRecord {
    fn set(&mut self, title: &str, value: &str) {
        if let Some(key) = title.strip_prefix(ESCAPE_PREFIX) {
            self.keep(key, value);
            return;
        }
        let Some((field, rank)) = node_field(title) else {
            self.keep(title, value);
            return;
        };
        let node = &mut self.node;
        let slot = match field {
            NodeField::Label => &mut node.label,
            NodeField::Kind => &mut node.kind,
            NodeField::Description => &mut node.description,
            NodeField::Url => &mut node.url,
            NodeField::Country => &mut node.country,
            NodeField::Title if self.title.is_none() && !value.trim().is_empty() => {
                self.title = Some((title.to_owned(), value.to_owned()));
                return;
            }
            NodeField::Aliases if node.aliases.is_empty() => {
                node.aliases = split_aliases(value);
                return;
            }
            NodeField::X | NodeField::Y => {
                let coordinate = value.trim().parse::<f32>().ok().filter(|v| v.is_finite());
                let target = if field == NodeField::X {
                    &mut self.x
                } else {
                    &mut self.y
                };
                if let (None, Some(coordinate)) = (*target, coordinate) {
                    *target = Some(coordinate);
                } else {
                    self.keep(title, value);
                }
                return;
            }
            NodeField::Id | NodeField::Title | NodeField::Aliases => {
                self.keep(title, value);
                return;
            }
        };
        let lost = file_ranked(slot, &mut self.held[field as usize], rank, title, value);
        if field == NodeField::Label {
            self.label_from_name = self.held[field as usize]
                .as_ref()
                .is_some_and(|(_, held)| vocabulary::key(held) == "name");
        }
        if let Some((title, value)) = lost {
            self.keep(&title, &value);
        }
    }

    fn keep(&mut self, key: &str, value: &str) {
        self.node
            .attributes
            .entry(key.to_owned())
            .or_insert_with(|| value.to_owned());
    }

    fn set_time(&mut self, start: Option<&str>, end: Option<&str>) {
        if let Some(start) = start {
            self.keep("start", start);
        }
        if let Some(end) = end {
            self.keep("end", end);
        }
    }
}

const EDGE_SLOTS: usize = EdgeField::Direction as usize + 1;

/// An edge as read, with the relation fields the import structs have no place for.
pub(crate) struct EdgeRecord {
    pub edge: ImportedEdge,
    pub status: Option<RelationStatus>,
    /// Evidence written by Chainsight (the JSON `evidence` column).
    evidence: Vec<EvidenceRecord>,
    held: [Held; EDGE_SLOTS],
}

impl EdgeRecord {
    pub fn new(source: &str, target: &str) -> Self {
        Self {
            edge: ImportedEdge::new(source, target),
            status: None,
            evidence: Vec::new(),
            held: Default::default(),
        }
    }

    /// The edge, its status and evidence.
    fn finish(mut self) -> (ImportedEdge, Option<RelationStatus>, Vec<EvidenceRecord>) {
        if let Some((_, title)) = self.held[EdgeField::Kind as usize].take() {
            self.edge.kind_key = Some(title);
        }
        (self.edge, self.status, self.evidence)
    }
}

impl Record for EdgeRecord {
    fn set(&mut self, title: &str, value: &str) {
        if let Some(key) = title.strip_prefix(ESCAPE_PREFIX) {
            self.keep(key, value);
            return;
        }
        let Some((field, rank)) = edge_field(title) else {
            self.keep(title, value);
            return;
        };
        let stated = match field {
            EdgeField::Direction => stated_direction(title, value),
            EdgeField::Kind if is_type_name(title) => type_direction(value),
            _ => None,
        };
        if let Some(stated) = stated {
            if stated.is_mutual() {
                self.keep(title, value);
            }
            stated.apply(&mut self.edge);
            return;
        }
        let edge = &mut self.edge;
        let slot = match field {
            EdgeField::Kind => &mut edge.kind,
            EdgeField::Label => &mut edge.label,
            EdgeField::Quote
                if vocabulary::key(title) == "evidence" && value.trim_start().starts_with('[') =>
            {
                if let Ok(items) = serde_json::from_str::<Vec<EvidenceRecord>>(value) {
                    self.evidence.extend(items);
                    return;
                }
                &mut edge.quote
            }
            EdgeField::Quote => &mut edge.quote,
            EdgeField::Description => &mut edge.description,
            EdgeField::Url => &mut edge.url,
            EdgeField::Publisher => &mut edge.publisher,
            EdgeField::Date => &mut edge.date,
            EdgeField::Start => &mut edge.start,
            EdgeField::End => &mut edge.end,
            EdgeField::Weight => {
                match value.trim().parse::<f64>() {
                    Ok(weight) if weight.is_finite() && edge.weight.is_none() => {
                        edge.weight = Some(weight);
                    }
                    _ => self.keep(title, value),
                }
                return;
            }
            EdgeField::Status => {
                let spelling = value.trim().to_lowercase().replace([' ', '-'], "_");
                match RelationStatus::parse(&spelling) {
                    Some(status) if self.status.is_none() => self.status = Some(status),
                    _ => self.keep(title, value),
                }
                return;
            }
            // The endpoints and the id are the `edge` element's attributes; a column named
            // like them, or a direction that states none, is an attribute.
            EdgeField::Source | EdgeField::Target | EdgeField::Id | EdgeField::Direction => {
                self.keep(title, value);
                return;
            }
        };
        if let Some((title, value)) =
            file_ranked(slot, &mut self.held[field as usize], rank, title, value)
        {
            self.keep(&title, &value);
        }
    }

    fn keep(&mut self, key: &str, value: &str) {
        self.edge
            .attributes
            .entry(key.to_owned())
            .or_insert_with(|| value.to_owned());
    }

    fn set_time(&mut self, start: Option<&str>, end: Option<&str>) {
        if self.edge.start.is_none() {
            self.edge.start = start.map(str::to_owned);
        }
        if self.edge.end.is_none() {
            self.edge.end = end.map(str::to_owned);
        }
    }
}

/// A `<node>` or `<edge>` still open: its record and what its children gave so far. `X` is
/// what only one format tracks (GEXF's spells and parents, GraphML's vendor data).
pub(crate) struct Draft<R, X> {
    pub seq: usize,
    pub path: String,
    pub record: R,
    /// Column ids given a value, so that defaults fill only the others (and, for a dynamic
    /// GEXF column giving several, the first is kept).
    pub given: HashSet<String>,
    /// Set aside (no id, no endpoints): its children are read and dropped.
    pub skip: bool,
    pub extra: X,
}

impl<R, X: Default> Draft<R, X> {
    fn new(seq: usize, path: String, record: R) -> Self {
        Self {
            seq,
            path,
            record,
            given: HashSet::new(),
            skip: false,
            extra: X::default(),
        }
    }

    /// A draft set aside (no id, no endpoints): its children are read and dropped.
    fn set_aside(seq: usize, path: String, record: R) -> Self {
        let mut draft = Self::new(seq, path, record);
        draft.skip = true;
        draft
    }
}

impl<X: Default> Draft<NodeRecord, X> {
    /// A `<node>` just opened (the `seq`th item of the file, at `path`): its record with the
    /// element's `id`, or, when it has none, a draft set aside with a warning.
    pub fn open_node(
        builder: &mut GraphBuilder,
        seq: usize,
        path: String,
        element: &Element,
    ) -> Self {
        if let Some(id) = element.attr("id") {
            return Self::new(seq, path, NodeRecord::new(id));
        }
        builder.warn(
            &path,
            "a node without an id; set aside with everything in it",
        );
        Self::set_aside(seq, path, NodeRecord::new(""))
    }

    /// The node, to be handed to the builder at the end.
    pub fn into_pending(self) -> PendingNode {
        PendingNode {
            seq: self.seq,
            path: self.path,
            record: self.record,
        }
    }
}

impl<X: Default> Draft<EdgeRecord, X> {
    /// An `<edge>` just opened (the `seq`th item of the file, at `path`): its record with the
    /// element's endpoints and id, or, when an endpoint is missing, a draft set aside with a
    /// warning.
    pub fn open_edge(
        builder: &mut GraphBuilder,
        seq: usize,
        path: String,
        element: &Element,
    ) -> Self {
        let (Some(source), Some(target)) = (element.attr("source"), element.attr("target")) else {
            builder.warn(
                &path,
                "an edge without a source or a target; set aside with everything in it",
            );
            return Self::set_aside(seq, path, EdgeRecord::new("", ""));
        };
        let mut record = EdgeRecord::new(source, target);
        record.edge.id = element.attr("id").map(str::to_owned);
        Self::new(seq, path, record)
    }

    /// The edge, to be handed to the builder at the end.
    pub fn into_pending(self) -> PendingEdge {
        PendingEdge {
            path: self.path,
            record: self.record,
        }
    }
}

/// A node read, waiting to be handed to the builder. `seq` is its place in the file
/// (nested nodes close before their parents but are added in file order).
pub(crate) struct PendingNode {
    pub seq: usize,
    pub path: String,
    pub record: NodeRecord,
}

/// An edge read, waiting to be handed to the builder.
pub(crate) struct PendingEdge {
    pub path: String,
    pub record: EdgeRecord,
}

/// Everything a reader collected, handed to the builder at the end so that an edge
/// listed before its nodes finds them.
#[derive(Default)]
pub(crate) struct Collected {
    pub nodes: Vec<PendingNode>,
    pub edges: Vec<PendingEdge>,
    /// The Chainsight extension: metadata and sources as JSON, and where it was.
    pub dataset_json: Option<String>,
    pub dataset_json_path: String,
}

/// Hands everything collected to the builder and adds what the builder cannot carry
/// (countries, aliases, statuses, evidence with its sources), and the nodes' groups as
/// "part of" links.
pub(crate) fn build(mut builder: GraphBuilder, file: &str, collected: Collected) -> Loaded {
    let Collected {
        mut nodes,
        edges,
        dataset_json,
        dataset_json_path,
    } = collected;
    let mut sources = HashMap::new();
    if let Some(json) = dataset_json {
        read_dataset_json(&mut builder, &mut sources, &dataset_json_path, &json);
    }
    if builder.metadata_mut().title.trim().is_empty() {
        file.clone_into(&mut builder.metadata_mut().title);
    }

    nodes.sort_by_key(|pending| pending.seq);
    builder.reserve(nodes.len(), edges.len());
    let mut groups = Groups::of_nodes(&nodes, |pending| {
        (
            pending.record.node.id.as_str(),
            pending.record.groups.as_slice(),
        )
    });
    for mut pending in nodes {
        let member_of = std::mem::take(&mut pending.record.groups);
        let mut node = pending.record.finish();
        groups.place(&mut builder, &pending.path, &mut node, member_of);
        builder.add_node(&pending.path, node);
    }

    let mut statuses = Vec::with_capacity(edges.len());
    for pending in edges {
        let (edge, status, evidence) = pending.record.finish();
        builder.add_edge(&pending.path, edge);
        statuses.push(status);
        for (index, item) in evidence.into_iter().enumerate() {
            let path = format!("{}.evidence[{index}]", pending.path);
            let evidence = resolve_evidence(&mut builder, &mut sources, &path, item);
            builder.add_evidence_to_last(evidence);
        }
    }

    // After the file's edges: the statuses below are theirs, in order.
    groups.draw(&mut builder);
    let mut loaded = builder.finish();
    for (relation, status) in loaded.dataset.relations.iter_mut().zip(statuses) {
        if let Some(status) = status {
            relation.status = status;
        }
    }
    loaded
}
