//! Reading and writing shared by the GEXF and GraphML modules: a checked stream of XML
//! events with paths and positions, node and edge records filed by column title, the
//! Chainsight extension (evidence and sources as JSON) and an escaping XML writer.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use serde::{Deserialize, Serialize};

use crate::formats::import::{
    GraphBuilder, ImportedEdge, ImportedNode, parse_entity_kind, parse_relation_kind,
};
use crate::formats::vocabulary::{
    self, EdgeField, NodeField, Stated, edge_field, is_type_name, node_field, split_aliases,
    stated_direction, type_direction,
};
use crate::formats::{LoadError, Loaded, TextPosition};
use crate::model::{
    Dataset, Entity, EntityKind, Evidence, Relation, RelationKind, RelationStatus, Source,
    SourceIdx, SourceKind,
};

/// The namespace of the Chainsight extension elements and attributes.
pub(crate) const CHAINSIGHT_NAMESPACE: &str = "urn:chainsight:1";

/// Marks an attribute whose name a reader would otherwise take for a field
/// (`type`, `url`...): `attribute:type` is read back as the attribute `type`.
pub(crate) const ESCAPE_PREFIX: &str = "attribute:";

/// Elements whose paths carry their position among same-named siblings.
const INDEXED: &[&str] = &[
    "node",
    "edge",
    "attvalue",
    "attribute",
    "key",
    "data",
    "hyperedge",
    "port",
    "spell",
    "parent",
];

// ---------------------------------------------------------------- reading XML

/// A start tag: its names, its attributes (unescaped) and where it begins.
pub(crate) struct Element {
    pub local: String,
    pub qname: String,
    attrs: Vec<(String, String)>,
    pub offset: usize,
}

impl Element {
    /// The value of the attribute with this exact (qualified) name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every attribute, in document order.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// What the checked stream yields. Empty elements come as a start and an end.
pub(crate) enum XmlEvent<'a> {
    Start(Element),
    /// The local name of the element just closed.
    End(String),
    /// Text or CDATA inside an element, with references resolved; may come in pieces.
    Text(Cow<'a, str>),
    Eof,
}

struct Frame {
    local: String,
    segment: String,
    /// How many children of each name were opened so far, for paths (a map: a file may have
    /// hundreds of thousands of differently named children).
    children: HashMap<String, usize>,
}

/// The note for elements a reader did not use: the first few names (short, escaped) with
/// their counts, and how many other names there were.
pub(crate) fn unused_elements_note<'n>(
    unused: impl ExactSizeIterator<Item = (&'n String, &'n usize)>,
) -> String {
    const LISTED: usize = 20;
    let total = unused.len();
    let mut names: Vec<String> = unused
        .take(LISTED)
        .map(|(name, count)| format!("<{}> ({count})", super::excerpt(name, 40)))
        .collect();
    if total > LISTED {
        names.push(format!("and {} other names", total - LISTED));
    }
    format!("elements not read: {}", names.join(", "))
}

/// The deepest nesting of elements read. GEXF's nested nodes and GraphML's nested graphs
/// nest a few levels in real files; past this a file is refused, so that paths and nesting
/// cannot make reading slower than linear or memory grow with the square of the depth.
pub const MAX_XML_DEPTH: usize = 256;

/// A streaming, well-formedness-checking XML reader that tracks the open elements on
/// the heap (no recursion, so depth cannot overflow the stack) and their paths.
pub(crate) struct XmlEvents<'a> {
    reader: Reader<&'a [u8]>,
    file: &'a str,
    text: &'a str,
    frames: Vec<Frame>,
    root_closed: bool,
    /// The end event owed for an empty element already reported as a start.
    pending_end: Option<String>,
}

impl<'a> XmlEvents<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        reader.config_mut().expand_empty_elements = true;
        Self {
            reader,
            file,
            text,
            frames: Vec::new(),
            root_closed: false,
            pending_end: None,
        }
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// The local name of an open element: 0 is the innermost, 1 its parent.
    pub fn ancestor(&self, level: usize) -> Option<&str> {
        self.frames
            .iter()
            .rev()
            .nth(level)
            .map(|frame| frame.local.as_str())
    }

    /// The path of the innermost open element, e.g. `gexf/graph/nodes/node[3]`.
    pub fn path(&self) -> String {
        let segments: Vec<&str> = self.frames.iter().map(|f| f.segment.as_str()).collect();
        segments.join("/")
    }

    /// The byte offset of the end of the text.
    pub fn end_offset(&self) -> usize {
        self.text.len()
    }

    /// A syntax error at byte `offset`.
    pub fn syntax(&self, offset: usize, message: String) -> LoadError {
        LoadError::Syntax {
            file: self.file.to_owned(),
            position: TextPosition::from_offset(self.text, offset),
            message,
        }
    }

    /// A well-formed document of the wrong shape, at byte `offset` and XML path `path`.
    pub fn structure(&self, offset: usize, path: String, message: String) -> LoadError {
        LoadError::Structure {
            file: self.file.to_owned(),
            position: Some(TextPosition::from_offset(self.text, offset)),
            json_path: path,
            message,
        }
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The next event, or a syntax error with its line and column.
    pub fn next(&mut self) -> Result<XmlEvent<'a>, LoadError> {
        if let Some(local) = self.pending_end.take() {
            self.pop();
            return Ok(XmlEvent::End(local));
        }
        loop {
            let offset = self.offset();
            let event = self.reader.read_event().map_err(|error| {
                let at = usize::try_from(self.reader.error_position()).unwrap_or(offset);
                self.syntax(at, format!("not well-formed XML: {error}"))
            })?;
            match event {
                Event::Start(start) => return self.start_event(&start, offset),
                Event::Empty(start) => {
                    // Not produced with expand_empty_elements; read as start + end.
                    let event = self.start_event(&start, offset)?;
                    self.pending_end = Some(start.local_name().as_ref().to_owned());
                    return Ok(event);
                }
                Event::End(end) => {
                    self.pop();
                    return Ok(XmlEvent::End(end.local_name().as_ref().to_owned()));
                }
                Event::Text(text) => {
                    let content = text.xml10_content();
                    if let Some(event) = self.text_event(offset, content)? {
                        return Ok(event);
                    }
                }
                Event::CData(data) => {
                    let content = data.xml10_content();
                    if let Some(event) = self.text_event(offset, content)? {
                        return Ok(event);
                    }
                }
                Event::GeneralRef(reference) => {
                    let content = resolve_reference(&reference);
                    if let Some(event) = self.text_event(offset, content)? {
                        return Ok(event);
                    }
                }
                Event::Eof => {
                    if let Some(open) = self.frames.last() {
                        let name = open.segment.split('[').next().unwrap_or_default();
                        return Err(self.syntax(
                            self.text.len(),
                            format!("not well-formed XML: the file ends inside <{name}>; expected </{name}>"),
                        ));
                    }
                    return Ok(XmlEvent::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    fn start_event(
        &mut self,
        start: &BytesStart<'_>,
        offset: usize,
    ) -> Result<XmlEvent<'a>, LoadError> {
        let qname = start.name().0.to_owned();
        let local = start.local_name().as_ref().to_owned();
        if self.root_closed {
            return Err(self.syntax(
                offset,
                format!("expected the end of the file after the root element, found <{qname}>"),
            ));
        }
        if self.frames.len() >= MAX_XML_DEPTH {
            return Err(self.syntax(
                offset,
                format!(
                    "<{}> is nested {} elements deep; Chainsight reads XML graphs nested at \
                     most {MAX_XML_DEPTH} deep",
                    super::excerpt(&qname, 40),
                    self.frames.len() + 1
                ),
            ));
        }
        let mut attrs = Vec::new();
        for attribute in start.attributes() {
            let parsed = attribute.map_err(quick_xml::Error::from).and_then(|a| {
                let value = a.normalized_value(XmlVersion::Implicit1_0)?;
                Ok((a.key.0.to_owned(), value.into_owned()))
            });
            match parsed {
                Ok(pair) => attrs.push(pair),
                Err(error) => {
                    return Err(self.syntax(
                        offset,
                        format!("not well-formed XML: in the attributes of <{qname}>: {error}"),
                    ));
                }
            }
        }
        self.push(&qname, &local);
        Ok(XmlEvent::Start(Element {
            local,
            qname,
            attrs,
            offset,
        }))
    }

    /// Text inside the root; outside it only whitespace is allowed.
    fn text_event(
        &self,
        offset: usize,
        content: Cow<'a, str>,
    ) -> Result<Option<XmlEvent<'a>>, LoadError> {
        if !self.frames.is_empty() {
            return Ok(Some(XmlEvent::Text(content)));
        }
        let significant =
            content.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if significant.is_empty() {
            return Ok(None);
        }
        let at = offset + (content.len() - significant.len());
        let found: String = significant.chars().take(20).collect();
        Err(self.syntax(
            at,
            format!("not well-formed XML: expected an element, found the text \"{found}\""),
        ))
    }

    fn pop(&mut self) {
        self.frames.pop();
        if self.frames.is_empty() {
            self.root_closed = true;
        }
    }

    fn push(&mut self, qname: &str, local: &str) {
        let count = match self.frames.last_mut() {
            Some(parent) => {
                if let Some(count) = parent.children.get_mut(qname) {
                    *count += 1;
                    *count
                } else {
                    parent.children.insert(qname.to_owned(), 1);
                    1
                }
            }
            None => 1,
        };
        let segment = if INDEXED.contains(&local) {
            format!("{qname}[{count}]")
        } else {
            qname.to_owned()
        };
        self.frames.push(Frame {
            local: local.to_owned(),
            segment,
            children: HashMap::new(),
        });
    }
}

/// `&amp;`, `&#233;`... as text; an entity no DTD here defines is kept as written.
fn resolve_reference<'a>(reference: &BytesRef<'a>) -> Cow<'a, str> {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return Cow::Owned(character.to_string());
    }
    match resolve_predefined_entity(reference) {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(format!("&{};", &**reference)),
    }
}

// ---------------------------------------------------------------- records

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
            held: Default::default(),
            title: None,
            x: None,
            y: None,
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

    /// The edge, its status and evidence. A bare `title` (no link beside it) is a tooltip,
    /// not a quote: kept as an attribute.
    fn finish(mut self) -> (ImportedEdge, Option<RelationStatus>, Vec<EvidenceRecord>) {
        let no_link = self.edge.url.as_deref().is_none_or(|u| u.trim().is_empty());
        let from_title = self.held[EdgeField::Description as usize]
            .as_ref()
            .is_some_and(|(_, title)| vocabulary::key(title) == "title");
        if no_link
            && from_title
            && let (Some(value), Some((_, title))) = (
                self.edge.description.take(),
                self.held[EdgeField::Description as usize].take(),
            )
        {
            self.keep(&title, &value);
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
            self.edge.directed = stated.is_directed();
            if stated == Stated::Mutual {
                self.keep(title, value);
            }
            return;
        }
        let edge = &mut self.edge;
        let slot = match field {
            EdgeField::Kind => &mut edge.kind,
            EdgeField::Label => &mut edge.label,
            EdgeField::Description
                if vocabulary::key(title) == "evidence" && value.trim_start().starts_with('[') =>
            {
                if let Ok(items) = serde_json::from_str::<Vec<EvidenceRecord>>(value) {
                    self.evidence.extend(items);
                    return;
                }
                &mut edge.description
            }
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
/// (countries, aliases, statuses, evidence with its sources).
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
    for pending in nodes {
        builder.add_node(&pending.path, pending.record.finish());
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

    let mut loaded = builder.finish();
    for (relation, status) in loaded.dataset.relations.iter_mut().zip(statuses) {
        if let Some(status) = status {
            relation.status = status;
        }
    }
    loaded
}

// ---------------------------------------------------------------- Chainsight extension

/// One evidence item as the `evidence` column holds it.
#[derive(Serialize, Deserialize)]
struct EvidenceRecord {
    quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cites: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<SpeakerRecord>,
}

// Who speaks in a quote: as in a Chainsight file.
use super::native::RawSpeaker as SpeakerRecord;

// A source as the dataset extension holds it: as in a Chainsight file.
use super::native::RawSource as SourceRecord;

/// The dataset's metadata and sources, as the extension holds them.
#[derive(Serialize, Deserialize)]
struct DatasetRecord {
    #[serde(default)]
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(default)]
    sources: Vec<SourceRecord>,
}

/// The dataset's metadata and sources as one JSON text.
pub(crate) fn dataset_json(dataset: &Dataset) -> String {
    let metadata = &dataset.metadata;
    let record = DatasetRecord {
        title: metadata.title.clone(),
        description: metadata.description.clone(),
        authors: metadata.authors.clone(),
        license: metadata.license.clone(),
        created: metadata.created.clone(),
        sources: dataset
            .sources
            .iter()
            .map(SourceRecord::from_model)
            .collect(),
    };
    // Serialising strings and lists cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

fn read_dataset_json(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    path: &str,
    json: &str,
) {
    let record: DatasetRecord = match serde_json::from_str(json) {
        Ok(record) => record,
        Err(error) => {
            builder.warn(
                path,
                format!("not the Chainsight dataset extension ({error}); its metadata and sources are not used"),
            );
            return;
        }
    };
    let metadata = builder.metadata_mut();
    if !record.title.trim().is_empty() {
        metadata.title = record.title;
    }
    if record.description.is_some() {
        metadata.description = record.description;
    }
    if !record.authors.is_empty() {
        metadata.authors = record.authors;
    }
    metadata.license = record.license.or(metadata.license.take());
    metadata.created = record.created.or(metadata.created.take());
    for (index, source) in record.sources.into_iter().enumerate() {
        if sources.contains_key(&source.id) {
            builder.warn(
                format!("{path}.sources[{index}]"),
                format!(
                    "duplicate source id \"{}\"; the first one is kept",
                    source.id
                ),
            );
            continue;
        }
        let kind = source
            .kind
            .as_deref()
            .and_then(SourceKind::parse)
            .unwrap_or(SourceKind::Other);
        let id = source.id.clone();
        let idx = builder.add_source(Source {
            source_id: source.id,
            title: source.title,
            kind,
            author: source.author,
            publisher: source.publisher,
            date: source.date,
            url: source.url,
            text_file: source.text_file,
        });
        sources.insert(id, idx);
    }
}

/// The source an evidence item names: one from the extension, or one made from the
/// id, title and URL the item carries.
fn evidence_source(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
) -> Option<SourceIdx> {
    let id = id.or_else(|| url.clone()).or_else(|| title.clone())?;
    if let Some(&idx) = sources.get(&id) {
        return Some(idx);
    }
    let kind = if url.is_some() && title.is_none() {
        SourceKind::Website
    } else {
        SourceKind::Other
    };
    let idx = builder.add_source(Source {
        source_id: id.clone(),
        title: title.or_else(|| url.clone()).unwrap_or_else(|| id.clone()),
        kind,
        author: None,
        publisher: None,
        date: None,
        url,
        text_file: None,
    });
    sources.insert(id, idx);
    Some(idx)
}

fn resolve_evidence(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    path: &str,
    item: EvidenceRecord,
) -> Evidence {
    let source = evidence_source(builder, sources, item.source, item.source_title, item.url);
    let mut cites = Vec::with_capacity(item.cites.len());
    for cited in item.cites {
        if !sources.contains_key(&cited) {
            builder.warn(
                path,
                format!(
                    "cites \"{cited}\", which no source defines; a source with that id was added"
                ),
            );
        }
        if let Some(idx) = evidence_source(builder, sources, Some(cited), None, None) {
            cites.push(idx);
        }
    }
    Evidence {
        quote: item.quote,
        source,
        locator: item.locator,
        cites,
        note: item.note,
        speaker: item.speaker.and_then(SpeakerRecord::into_model),
    }
}

// ---------------------------------------------------------------- writing

/// The title an attribute is written under: escaped where a reader would take it for
/// a field (`is_field`: [`vocabulary::is_node_field_name`] or
/// [`vocabulary::is_edge_field_name`]).
fn attribute_title(key: &str, is_field: fn(&str) -> bool) -> String {
    if is_field(key) || key.starts_with(ESCAPE_PREFIX) {
        format!("{ESCAPE_PREFIX}{key}")
    } else {
        key.to_owned()
    }
}

/// An entity's columns (everything but its id and name), fields first.
pub(crate) fn entity_values(entity: &Entity) -> Vec<(String, String)> {
    let mut values = Vec::new();
    // A kind outside the vocabulary was kept as the attribute `kind`: written back as
    // the kind, so that it is read back the same way. A blank one is not (a blank column
    // reads as no value): it stays an attribute.
    let unmapped_kind = entity.attributes.get("kind").filter(|kind| {
        entity.kind == EntityKind::Other
            && parse_entity_kind(kind).is_none()
            && !kind.trim().is_empty()
    });
    let kind = unmapped_kind.map_or(entity.kind.as_str(), String::as_str);
    values.push(("kind".to_owned(), kind.to_owned()));
    let optional = [
        ("description", entity.description.as_deref()),
        ("url", entity.url.as_deref()),
        ("country", entity.country.as_deref()),
    ];
    for (title, value) in optional {
        if let Some(value) = value {
            values.push((title.to_owned(), value.to_owned()));
        }
    }
    if !entity.aliases.is_empty() {
        values.push(("aliases".to_owned(), entity.aliases.join("|")));
    }
    for (key, value) in &entity.attributes {
        if unmapped_kind.is_some() && key == "kind" {
            continue;
        }
        values.push((
            attribute_title(key, vocabulary::is_node_field_name),
            value.clone(),
        ));
    }
    values
}

/// A relation's columns (everything but its id, endpoints, label, weight and
/// direction, which both formats carry natively), fields first.
pub(crate) fn relation_values(dataset: &Dataset, relation: &Relation) -> Vec<(String, String)> {
    let mut values = Vec::new();
    // An edge type outside the vocabulary was kept as the attribute `type` (when the
    // edge had a label too): written back as the kind; a blank one stays an attribute.
    let unmapped_type = relation.attributes.get("type").filter(|kind| {
        relation.kind == RelationKind::Other
            && relation.label.is_some()
            && parse_relation_kind(kind).is_none()
            && !kind.trim().is_empty()
    });
    let kind = unmapped_type.map_or(relation.kind.as_str(), String::as_str);
    values.push(("kind".to_owned(), kind.to_owned()));
    values.push(("status".to_owned(), relation.status.as_str().to_owned()));
    let when = [
        ("date", &relation.when.date),
        ("start", &relation.when.start),
        ("end", &relation.when.end),
    ];
    for (title, value) in when {
        if let Some(value) = value {
            values.push((title.to_owned(), value.clone()));
        }
    }
    if !relation.evidence.is_empty() {
        values.push(("evidence".to_owned(), evidence_json(dataset, relation)));
    }
    for (key, value) in &relation.attributes {
        if unmapped_type.is_some() && key == "type" {
            continue;
        }
        values.push((
            attribute_title(key, vocabulary::is_edge_field_name),
            value.clone(),
        ));
    }
    values
}

fn evidence_json(dataset: &Dataset, relation: &Relation) -> String {
    let source_id = |idx: SourceIdx| dataset.source(idx).map(|s| s.source_id.clone());
    let items: Vec<EvidenceRecord> = relation
        .evidence
        .iter()
        .map(|evidence| {
            let source = evidence.source.and_then(|idx| dataset.source(idx));
            EvidenceRecord {
                quote: evidence.quote.clone(),
                source: source.map(|s| s.source_id.clone()),
                source_title: source.map(|s| s.title.clone()),
                url: source.and_then(|s| s.url.clone()),
                locator: evidence.locator.clone(),
                cites: evidence
                    .cites
                    .iter()
                    .filter_map(|&c| source_id(c))
                    .collect(),
                note: evidence.note.clone(),
                speaker: evidence.speaker.as_ref().map(SpeakerRecord::from_model),
            }
        })
        .collect();
    // Serialising strings and lists cannot fail.
    serde_json::to_string(&items).unwrap_or_default()
}

/// Every column title in `rows`: fields in the order first met, then attributes sorted.
pub(crate) fn columns(rows: &[Vec<(String, String)>]) -> Vec<String> {
    const FIELD_ORDER: &[&str] = &[
        "label",
        "kind",
        "status",
        "description",
        "url",
        "country",
        "aliases",
        "weight",
        "date",
        "start",
        "end",
        "evidence",
        "x",
        "y",
    ];
    let present: BTreeSet<&str> = rows
        .iter()
        .flat_map(|row| row.iter().map(|(title, _)| title.as_str()))
        .collect();
    let mut columns: Vec<String> = FIELD_ORDER
        .iter()
        .filter(|field| present.contains(*field))
        .map(|field| (*field).to_owned())
        .collect();
    columns.extend(
        present
            .into_iter()
            .filter(|title| !FIELD_ORDER.contains(title))
            .map(str::to_owned),
    );
    columns
}

/// The values of `row` as (column id, value), in the order of the columns, where the
/// id of column `i` is `prefix` followed by `i`.
pub(crate) fn cells<'r>(
    row: &'r [(String, String)],
    columns: &HashMap<&str, usize>,
    prefix: &str,
) -> Vec<(String, &'r str)> {
    let mut cells: Vec<(usize, &str)> = row
        .iter()
        .filter_map(|(title, value)| {
            columns
                .get(title.as_str())
                .map(|&index| (index, value.as_str()))
        })
        .collect();
    cells.sort_by_key(|(index, _)| *index);
    cells
        .into_iter()
        .map(|(index, value)| (format!("{prefix}{index}"), value))
        .collect()
}

/// Each column title with its index.
pub(crate) fn column_index(columns: &[String]) -> HashMap<&str, usize> {
    columns
        .iter()
        .enumerate()
        .map(|(index, title)| (title.as_str(), index))
        .collect()
}

/// Writes indented XML, escaping every attribute value and text.
pub(crate) struct XmlWriter {
    out: String,
    depth: usize,
}

impl XmlWriter {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// `<name attrs>` on its own line; what follows is indented.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `</name>`, closing the last [`open`](Self::open).
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes `text` for XML. In attributes, tabs and line breaks are written as
/// character references, which a reader keeps (literal ones it turns into spaces);
/// carriage returns are always references, which survive line-end normalisation.
/// Characters XML 1.0 cannot hold at all are replaced: each other control character by its
/// own symbol from Unicode's Control Pictures (U+0003 by `␃`), U+FFFE and U+FFFF by U+FFFD.
/// Ids that become the same are told apart by [`unique_xml_ids`].
pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(xml_char(c)),
        }
    }
}

/// `c`, or for a character XML 1.0 cannot hold, what [`escape_into`] writes instead.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if c < ' ' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// The ids to write for `ids` (of nodes, or of edges): each as XML will hold it, and where one
/// that changed would then read back as another (`a\u{0}` as `a␀`, when there is an `a␀`), made
/// unique with `#2`, `#3`..., so that a reader never merges two nodes or renames an edge. Ids
/// XML holds as they are stay as they are.
pub(crate) fn unique_xml_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let held: Vec<(String, bool)> = ids
        .map(|id| {
            let held: String = id.chars().map(xml_char).collect();
            let unchanged = held == id;
            (held, unchanged)
        })
        .collect();
    if held.iter().all(|(_, unchanged)| *unchanged) {
        // The usual case: nothing to tell apart.
        return held.into_iter().map(|(id, _)| id).collect();
    }
    let count = held.len();
    let mut taken: std::collections::HashSet<String> = held
        .iter()
        .filter(|(_, unchanged)| *unchanged)
        .map(|(id, _)| id.clone())
        .collect();
    held.into_iter()
        .map(|(id, unchanged)| {
            if unchanged || taken.insert(id.clone()) {
                return id;
            }
            // Among count + 1 candidates at least one is free.
            let unique = (2..=count + 2)
                .map(|n| format!("{id}#{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(unique.clone());
            unique
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_line_breaks_in_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "a<b & \"c\"\nd\r\u{1}\0\u{ffff}", true);
        assert_eq!(
            out,
            "a&lt;b &amp; &quot;c&quot;&#10;d&#13;\u{2401}\u{2400}\u{fffd}"
        );
    }

    #[test]
    fn field_names_are_escaped_as_attributes() {
        assert_eq!(
            attribute_title("Source URL", vocabulary::is_edge_field_name),
            "attribute:Source URL"
        );
        assert_eq!(
            attribute_title("revenue", vocabulary::is_edge_field_name),
            "revenue"
        );
        assert_eq!(
            attribute_title("attribute:x", vocabulary::is_node_field_name),
            "attribute:attribute:x"
        );
    }

    #[test]
    fn paths_index_repeated_elements() {
        let text = "<gexf><graph><nodes><node/><node><attvalues/></node></nodes></graph></gexf>";
        let mut events = XmlEvents::new("t.gexf", text);
        let mut paths = Vec::new();
        while let Ok(event) = events.next() {
            match event {
                XmlEvent::Start(_) => paths.push(events.path()),
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        assert_eq!(
            paths.last().map(String::as_str),
            Some("gexf/graph/nodes/node[2]/attvalues")
        );
    }
}
