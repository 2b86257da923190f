//! Node-link JSON: `{"nodes": [...], "links" | "edges": [...]}` as written by d3-force,
//! networkx's `node_link_data`, vis-network (`from`/`to`) and Gephi's JSON exporter.
//! Endpoints may be ids (strings or numbers), array indices (d3 v3), or whole node objects
//! (files saved after a d3 simulation ran).
//!
//! Large files are streamed: when the document has nothing but node-link keys, nodes and links
//! are parsed and added one at a time, so a 500,000-edge file never exists in memory as a
//! whole `serde_json::Value` tree (which would take ten times the file's size). Such a
//! document is read in one pass ([`read_plain`]): each record straight into a [`Record`] of
//! borrowed fields, a big file parsed on a second thread while the first builds the dataset.
//!
//! A networkx multigraph's link keys that are networkx's own numbering of parallel links are
//! not kept, since networkx numbers them again as it reads a saved file ([`MultigraphKeys`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value, json};

use super::attributes;
use super::fields::{
    Misfit, edge_from_record, id_text, into_array, into_object, node_from_record, read_evidence,
    read_sources, scalar_text,
};
use super::import::{GraphBuilder, ImportedEdge, ImportedNode, attribute_text};
use super::multigraph_keys::{Key, MultigraphKeys};
use super::native::{RawSource, RawSpeaker};
use super::record::{Field, Record};
use super::{LoadError, Loaded, json_locate};
use crate::model::{Dataset, SourceIdx};

/// The top-level keys a plain node-link document has; with any other key the document is read
/// through the general path, which can report on it.
const NODE_LINK_KEYS: [&str; 6] = ["directed", "multigraph", "graph", "nodes", "links", "edges"];

/// What a quick scan of a document tells about it before reading it.
#[derive(Debug, Default)]
pub struct Scan {
    keys: Vec<String>,
    directed: Option<bool>,
    multigraph: Option<bool>,
    graph_has_nodes: bool,
    /// The first node is `{"data": {...}}` with no id of its own: Cytoscape.js elements.
    nodes_in_data: bool,
}

impl Scan {
    /// Scans `text`'s top level without building anything. `None` if it is not a JSON object.
    pub fn of(text: &str) -> Option<Self> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde::Deserializer::deserialize_map(&mut deserializer, ScanVisitor).ok()
    }

    /// Whether the document has networkx's keys.
    fn is_networkx(&self) -> bool {
        let has = |key: &str| self.keys.iter().any(|k| k == key);
        has("multigraph") || has("directed") || has("graph")
    }

    /// Whether its links have a direction unless they say: networkx says; d3 draws no arrows
    /// unless asked; vis-network edges need `arrows`.
    fn default_directed(&self) -> bool {
        self.directed.unwrap_or_else(|| self.is_networkx())
    }

    /// Whether the document is plainly node-link, so it can be streamed.
    pub fn is_plain_node_link(&self) -> bool {
        let has = |key: &str| self.keys.iter().any(|k| k == key);
        self.keys
            .iter()
            .all(|k| NODE_LINK_KEYS.contains(&k.as_str()))
            && has("nodes")
            && (has("links") || has("edges"))
            && !self.graph_has_nodes
            && !self.nodes_in_data
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scan, A::Error> {
        let mut scan = Scan::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "directed" => scan.directed = map.next_value::<Value>()?.as_bool(),
                "multigraph" => scan.multigraph = map.next_value::<Value>()?.as_bool(),
                "graph" => scan.graph_has_nodes = map.next_value::<GraphKeys>()?.0,
                "nodes" => scan.nodes_in_data = map.next_value::<NodesInData>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            scan.keys.push(key);
        }
        Ok(scan)
    }
}

/// Whether a `nodes` value is a list whose first item has `data` and no `id`: Cytoscape.js
/// elements at the top level. Skips the rest without building it.
struct NodesInData(bool);

impl<'de> serde::Deserialize<'de> for NodesInData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FirstNodeVisitor;
        impl<'de> Visitor<'de> for FirstNodeVisitor {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
                let (mut data, mut id) = (false, false);
                while let Some(key) = map.next_key::<String>()? {
                    data |= key == "data";
                    id |= key == "id";
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(data && !id)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(false)
            }
            fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_str<E>(self, _: &str) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_unit<E>(self) -> Result<bool, E> {
                Ok(false)
            }
        }
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = NodesInData;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodesInData, A::Error> {
                let first = seq.next_element_seed(FirstSeed)?.unwrap_or(false);
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(NodesInData(first))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodesInData, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(NodesInData(false))
            }
            fn visit_bool<E>(self, _: bool) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
            fn visit_unit<E>(self) -> Result<NodesInData, E> {
                Ok(NodesInData(false))
            }
        }
        struct FirstSeed;
        impl<'de> serde::de::DeserializeSeed<'de> for FirstSeed {
            type Value = bool;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
                d.deserialize_any(FirstNodeVisitor)
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// Whether a `graph` value is an object with `nodes` (JSON Graph Format, not networkx).
struct GraphKeys(bool);

impl<'de> serde::Deserialize<'de> for GraphKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = GraphKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GraphKeys, A::Error> {
                let mut has_nodes = false;
                while let Some(key) = map.next_key::<String>()? {
                    has_nodes |= key == "nodes";
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(GraphKeys(has_nodes))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<GraphKeys, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(GraphKeys(false))
            }
            fn visit_bool<E>(self, _: bool) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
            fn visit_unit<E>(self) -> Result<GraphKeys, E> {
                Ok(GraphKeys(false))
            }
        }
        deserializer.deserialize_any(KeysVisitor)
    }
}

/// Reads a node-link document already parsed into `document`.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let scan = Scan {
        keys: document.keys().cloned().collect(),
        directed: document.get("directed").and_then(Value::as_bool),
        multigraph: document.get("multigraph").and_then(Value::as_bool),
        graph_has_nodes: false,
        nodes_in_data: false,
    };
    let mut reader = NodeLinkReader::new(file, &scan);
    for key in document
        .keys()
        .filter(|k| !NODE_LINK_KEYS.contains(&k.as_str()))
    {
        reader.builder.warn(key.clone(), "top-level key not used");
    }
    if let Some(Value::Object(graph)) = document.remove("graph") {
        reader.graph(graph);
    }
    let nodes = into_array(
        document.remove("nodes").unwrap_or(Value::Null),
        "nodes",
        "nodes",
    )?;
    for (index, node) in nodes.into_iter().enumerate() {
        reader.node_value(index, node)?;
    }
    let links_key = if document.contains_key("links") {
        "links"
    } else {
        "edges"
    };
    let links = into_array(
        document.remove(links_key).unwrap_or(Value::Null),
        links_key,
        "links",
    )?;
    for (index, link) in links.into_iter().enumerate() {
        reader.link_value(links_key, index, link)?;
    }
    Ok(reader.finish())
}

/// Reads a plain node-link document (see [`Scan::is_plain_node_link`]) in one pass over its
/// text, records read straight into [`Record`]s, with no scan first: the keys that decide how
/// links are read (`directed`, `multigraph`, `graph`) come before the links in networkx's and
/// d3's files. `None` when the document turns out not to be plain node-link, when such a key
/// comes after links already read, or on any error: [`Scan::of`] and [`read_streaming`] then
/// read it (or report on it) as always, so the results are the same either way.
///
/// A big document is parsed on a thread of its own while this one builds the dataset from
/// what it parsed, in the same order, so the dataset is the same as built in one thread.
pub fn read_plain(file: &str, text: &str) -> Option<Loaded> {
    read_plain_with(file, text, text.len() >= PARALLEL_FROM_BYTES)
}

/// [`read_plain`], parsing on a thread of its own or not.
fn read_plain_with(file: &str, text: &str, parallel: bool) -> Option<Loaded> {
    let mut reader = NodeLinkReader::new(file, &Scan::default());
    let scan = if parallel {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Event>>(BATCHES_IN_FLIGHT);
        std::thread::scope(|scope| {
            let parser =
                scope.spawn(move || parse_plain(text, &mut |batch| sender.send(batch).is_ok()));
            let built = receiver
                .iter()
                .flatten()
                .try_for_each(|event| reader.apply(event));
            // A misfit stops the parser too: its next batch finds no one to take it.
            drop(receiver);
            let scan = parser.join().ok()?;
            built.ok()?;
            scan
        })?
    } else {
        let mut batches = Vec::new();
        let scan = parse_plain(text, &mut |batch| {
            batches.push(batch);
            true
        })?;
        for event in batches.into_iter().flatten() {
            reader.apply(event).ok()?;
        }
        scan
    };
    if !scan.is_plain_node_link() {
        return None;
    }
    for (key, index, raw) in std::mem::take(&mut reader.early_links) {
        let link: Record = serde_json::from_str(raw.get()).ok()?;
        reader.link(&key, index, link).ok()?;
    }
    Some(reader.finish())
}

/// Documents from this size on are parsed on a thread of their own (see [`read_plain`]).
const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// Records parsed at a time, and batches of them ready at most: a few megabytes ahead.
const BATCH: usize = 1024;
const BATCHES_IN_FLIGHT: usize = 8;

/// What the parser of a plain document hands to the reader, in document order.
#[expect(
    clippy::large_enum_variant,
    reason = "nearly every event is a node or a link: boxing them would only add an allocation each"
)]
enum Event<'t> {
    /// The top-level keys so far, with what they say about links.
    Keys(Scan),
    Graph(Map<String, Value>),
    /// A node, with whether it had an id of its own.
    Node(usize, ImportedNode, bool),
    Link(&'static str, usize, PreparedLink<'t>),
    /// A link met before any node, kept unparsed.
    EarlyLink(&'static str, usize, &'t serde_json::value::RawValue),
}

impl<'t> NodeLinkReader<'t> {
    fn apply(&mut self, event: Event<'t>) -> Result<(), Misfit> {
        match event {
            Event::Keys(scan) => self.configure(&scan),
            Event::Graph(graph) => self.graph(graph),
            Event::Node(index, node, explicit_id) => self.add_node(index, node, explicit_id),
            Event::Link(key, index, link) => self.add_link(key, index, link)?,
            Event::EarlyLink(key, index, raw) => {
                self.early_links.push((key.to_owned(), index, raw));
            }
        }
        Ok(())
    }
}

/// Parses a plain node-link document into events, handing them to `emit` a batch at a time
/// (it says whether to go on). The scan of the top-level keys, or `None` if the document is
/// not plain node-link or not valid JSON.
fn parse_plain<'t>(text: &'t str, emit: &mut dyn FnMut(Vec<Event<'t>>) -> bool) -> Option<Scan> {
    let mut parser = PlainParser {
        scan: Scan::default(),
        nodes_seen: false,
        links_read: 0,
        batch: Vec::with_capacity(BATCH),
        emit,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde::Deserializer::deserialize_map(&mut deserializer, &mut parser)
        .and_then(|()| deserializer.end())
        .ok()?;
    let batch = std::mem::take(&mut parser.batch);
    (parser.emit)(batch).then_some(parser.scan)
}

/// Walks a plain document's top-level object for [`parse_plain`]. Anything that would make
/// the document other than plain node-link, or read otherwise than a scan first would have
/// it read, stops the walk with an error.
struct PlainParser<'e, 't> {
    scan: Scan,
    nodes_seen: bool,
    links_read: usize,
    batch: Vec<Event<'t>>,
    emit: &'e mut dyn FnMut(Vec<Event<'t>>) -> bool,
}

impl<'t> PlainParser<'_, 't> {
    /// Whether links have a direction unless they say, by the keys so far.
    fn default_directed(&self) -> bool {
        self.scan.default_directed()
    }

    fn push<E: serde::de::Error>(&mut self, event: Event<'t>) -> Result<(), E> {
        self.batch.push(event);
        if self.batch.len() == BATCH {
            let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            if !(self.emit)(batch) {
                return Err(not_plain());
            }
        }
        Ok(())
    }
}

/// Stops a [`read_plain`] walk: the document is read the usual way instead.
fn not_plain<E: serde::de::Error>() -> E {
    E::custom("not a plain node-link document")
}

impl<'t> Visitor<'t> for &mut PlainParser<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a node-link JSON object")
    }

    fn visit_map<A: MapAccess<'t>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'t, str>>()? {
            let key: &'static str = match key.as_ref() {
                "nodes" => "nodes",
                "links" => "links",
                "edges" => "edges",
                // These decide how links are read: past the first link, too late.
                "directed" if self.links_read == 0 => "directed",
                "multigraph" if self.links_read == 0 => "multigraph",
                "graph" if self.links_read == 0 => "graph",
                _ => return Err(not_plain()),
            };
            self.scan.keys.push(key.to_owned());
            match key {
                "directed" => self.scan.directed = map.next_value::<Value>()?.as_bool(),
                "multigraph" => self.scan.multigraph = map.next_value::<Value>()?.as_bool(),
                "graph" => {
                    let raw: &'t serde_json::value::RawValue = map.next_value()?;
                    let keys: GraphKeys =
                        serde_json::from_str(raw.get()).map_err(|_| not_plain::<A::Error>())?;
                    if keys.0 {
                        return Err(not_plain());
                    }
                    if let Ok(Value::Object(graph)) = serde_json::from_str(raw.get()) {
                        self.push(Event::Graph(graph))?;
                    }
                }
                _ => {
                    map.next_value_seed(PlainRecords {
                        parser: &mut *self,
                        key,
                    })?;
                    continue;
                }
            }
            let keys = Event::Keys(Scan {
                keys: self.scan.keys.clone(),
                directed: self.scan.directed,
                multigraph: self.scan.multigraph,
                graph_has_nodes: false,
                nodes_in_data: false,
            });
            self.push(keys)?;
        }
        Ok(())
    }
}

/// A `nodes` or `links` list of a plain document, read element by element.
struct PlainRecords<'p, 'e, 't> {
    parser: &'p mut PlainParser<'e, 't>,
    key: &'static str,
}

impl<'t> DeserializeSeed<'t> for PlainRecords<'_, '_, 't> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'t>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'t> Visitor<'t> for PlainRecords<'_, '_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'t>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        if self.key != "nodes" && !self.parser.nodes_seen {
            while let Some(raw) = seq.next_element::<&'t serde_json::value::RawValue>()? {
                self.parser.push(Event::EarlyLink(self.key, index, raw))?;
                index += 1;
            }
            return Ok(());
        }
        while let Some(record) = seq.next_element::<Record<'t>>()? {
            let event = if self.key == "nodes" {
                // Cytoscape.js elements (`{"data": {...}}`, no id) are no plain nodes.
                if index == 0 && record.contains_key("data") && !record.contains_key("id") {
                    return Err(not_plain());
                }
                self.parser.nodes_seen = true;
                let (node, explicit_id) = prepare_node(index, record).map_err(|_| not_plain())?;
                Event::Node(index, node, explicit_id)
            } else {
                self.parser.links_read += 1;
                let link = prepare_link(record, self.parser.default_directed());
                Event::Link(self.key, index, link)
            };
            self.parser.push(event)?;
            index += 1;
        }
        Ok(())
    }
}

/// Reads a plain node-link document (see [`Scan::is_plain_node_link`]) straight from its text,
/// one node and one link at a time.
pub fn read_streaming(file: &str, text: &str, scan: &Scan) -> Result<Loaded, LoadError> {
    let mut reader = NodeLinkReader::new(file, scan);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = serde::Deserializer::deserialize_map(
        &mut deserializer,
        DocumentVisitor {
            reader: &mut reader,
        },
    )
    .and_then(|()| deserializer.end());
    if let Some(misfit) = reader.misfit.take() {
        return Err(LoadError::Structure {
            file: file.to_owned(),
            position: json_locate::locate(text, &misfit.json_path),
            json_path: misfit.json_path,
            message: misfit.message,
        });
    }
    match result {
        Ok(()) => {
            // Links that came before the nodes were kept until the nodes were known.
            for (key, index, raw) in std::mem::take(&mut reader.early_links) {
                // This text parsed once already, so it parses again.
                let link: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
                reader
                    .link_value(&key, index, link)
                    .map_err(|misfit| LoadError::Structure {
                        file: file.to_owned(),
                        position: json_locate::locate(text, &misfit.json_path),
                        json_path: misfit.json_path,
                        message: misfit.message,
                    })?;
            }
            Ok(reader.finish())
        }
        Err(error) if error.classify() == serde_json::error::Category::Data => Err(
            super::error::json_error(file, text, &error, Some(reader.section.clone())),
        ),
        Err(error) => Err(super::error::json_error(file, text, &error, None)),
    }
}

/// Reads node-link records, whether they come from a parsed document or a stream.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about the file, not modes"
)]
struct NodeLinkReader<'t> {
    builder: GraphBuilder,
    /// Id of the node at each index, for d3 v3 links by position.
    by_index: Vec<String>,
    /// Whether any node carried an id of its own (else ids are positions, as in d3 v3).
    explicit_ids: bool,
    nodes_seen: bool,
    /// Links met before the nodes: kept as their unparsed text (borrowed from the file, so
    /// they cost no memory) and read once the nodes are known.
    early_links: Vec<(String, usize, &'t serde_json::value::RawValue)>,
    default_directed: bool,
    is_networkx: bool,
    multigraph: bool,
    /// A networkx multigraph's link keys, those networkx numbered itself set aside.
    keys: MultigraphKeys,
    links_key: Option<String>,
    from_to_links: usize,
    by_index_count: usize,
    sources: HashMap<String, SourceIdx>,
    /// Where the stream is, for messages about a whole section (`nodes`, `links`).
    section: String,
    /// A misfit found while streaming, reported instead of serde's own error.
    misfit: Option<Misfit>,
}

impl<'t> NodeLinkReader<'t> {
    fn new(file: &str, scan: &Scan) -> Self {
        let mut reader = Self {
            builder: GraphBuilder::new(file, String::new()),
            by_index: Vec::new(),
            explicit_ids: false,
            nodes_seen: false,
            early_links: Vec::new(),
            default_directed: false,
            is_networkx: false,
            multigraph: false,
            keys: MultigraphKeys::default(),
            links_key: None,
            from_to_links: 0,
            by_index_count: 0,
            sources: HashMap::new(),
            section: ".".to_owned(),
            misfit: None,
        };
        reader.configure(scan);
        reader
    }

    /// Takes what the document's keys say about its links.
    fn configure(&mut self, scan: &Scan) {
        self.is_networkx = scan.is_networkx();
        self.default_directed = scan.default_directed();
        self.multigraph = scan.multigraph.unwrap_or(false);
    }

    /// networkx's `graph` attributes: a name becomes the title, the sources Chainsight writes
    /// are read back, the rest are listed in the report.
    fn graph(&mut self, mut graph: Map<String, Value>) {
        if let Some(name) = graph.remove("name").as_ref().and_then(scalar_text) {
            self.builder.metadata_mut().title = name;
        }
        if let Some(description) = graph.remove("description").as_ref().and_then(scalar_text) {
            self.builder.metadata_mut().description = Some(description);
        }
        self.sources = read_sources(&mut self.builder, graph.get("sources"));
        graph.remove("sources");
        for (key, value) in graph {
            self.builder.note(format!(
                "graph attribute {key} = {}",
                attribute_text(&value)
            ));
        }
    }

    /// A node given as a parsed value.
    fn node_value(&mut self, index: usize, node: Value) -> Result<(), Misfit> {
        let map = into_object(node, &format!("nodes[{index}]"), "a node")?;
        self.node(index, Record::from_map(map))
    }

    /// A link given as a parsed value.
    fn link_value(&mut self, key: &str, index: usize, link: Value) -> Result<(), Misfit> {
        let map = into_object(link, &format!("{key}[{index}]"), "a link")?;
        self.link(key, index, Record::from_map(map))
    }

    fn node(&mut self, index: usize, record: Record<'t>) -> Result<(), Misfit> {
        self.nodes_seen = true;
        let (node, explicit_id) = prepare_node(index, record)?;
        self.add_node(index, node, explicit_id);
        Ok(())
    }

    /// Adds a node [`prepare_node`] made.
    fn add_node(&mut self, index: usize, node: ImportedNode, explicit_id: bool) {
        self.nodes_seen = true;
        self.explicit_ids |= explicit_id;
        self.by_index.push(node.id.clone());
        let json_path = RecordPath {
            key: "nodes",
            index,
        };
        self.builder.add_node(&json_path, node);
    }

    fn link(&mut self, key: &str, index: usize, record: Record<'t>) -> Result<(), Misfit> {
        let link = prepare_link(record, self.default_directed);
        self.add_link(key, index, link)
    }

    /// Adds a link [`prepare_link`] made, once its endpoints are found.
    fn add_link(&mut self, key: &str, index: usize, link: PreparedLink<'t>) -> Result<(), Misfit> {
        if self.links_key.is_none() {
            self.links_key = Some(key.to_owned());
        }
        let json_path = RecordPath { key, index };
        self.from_to_links += usize::from(link.from_to);
        let (source_key, target_key) = if link.from_to {
            ("from", "to")
        } else {
            ("source", "target")
        };
        let source = self.endpoint(&json_path, source_key, link.source)?;
        let target = self.endpoint(&json_path, target_key, link.target)?;
        let mut edge = link.edge;
        let key = link.key.filter(|key| !key.is_null());
        let numbering = self.is_networkx
            && self.multigraph
            && self.keys.is_numbering(
                &source,
                &target,
                self.default_directed,
                key.as_ref().map(networkx_key),
            );
        let key = key.filter(|_| !numbering);
        if let Some(key) = key {
            edge.attributes
                .insert(KEY.to_owned(), key.into_attribute_text());
        }
        self.builder
            .add_edge_between(&json_path, &source, &target, edge);
        if let Some(items) = link.evidence {
            for item in &items {
                self.builder
                    .add_evidence_to_last(read_evidence(item, &self.sources));
            }
        }
        Ok(())
    }

    fn endpoint(
        &mut self,
        json_path: &RecordPath,
        key: &str,
        value: Option<Field<'t>>,
    ) -> Result<Cow<'t, str>, Misfit> {
        let value = value.ok_or_else(|| {
            Misfit::new(json_path.to_string(), format!("the link has no \"{key}\""))
        })?;
        match self.resolve_endpoint(value) {
            Ok((id, by_index)) => {
                self.by_index_count += usize::from(by_index);
                Ok(id)
            }
            Err(value) => Err(Misfit::new(
                format!("{json_path}.{key}"),
                format!(
                    "found {}, expected a node id, a node index or a node object",
                    super::fields::describe(&value.into_value())
                ),
            )),
        }
    }

    /// The node id an endpoint refers to, and whether it was read as a position; the value
    /// back when it refers to none.
    fn resolve_endpoint(&self, value: Field<'t>) -> Result<(Cow<'t, str>, bool), Field<'t>> {
        match value {
            Field::Str(id) => Ok((id, false)),
            Field::Number(number) => {
                let text = number.to_string();
                if self.builder.has_node(&text) {
                    return Ok((Cow::Owned(text), false));
                }
                // d3 resolves a number to the node at that index when no node has that id.
                let by_index = number
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| self.by_index.get(i));
                Ok(match by_index {
                    Some(id) => (Cow::Owned(id.clone()), self.explicit_ids),
                    None => (Cow::Owned(text), false),
                })
            }
            // After a d3 simulation, endpoints are the node objects themselves.
            Field::Nested(Value::Object(node)) => {
                let id = node.get("id").and_then(id_text).or_else(|| {
                    let index = node.get("index").and_then(Value::as_u64)?;
                    self.by_index.get(usize::try_from(index).ok()?).cloned()
                });
                match id {
                    Some(id) => Ok((Cow::Owned(id), false)),
                    None => Err(Field::Nested(Value::Object(node))),
                }
            }
            other => Err(other),
        }
    }

    fn finish(mut self) -> Loaded {
        let links_key = self.links_key.clone().unwrap_or_else(|| "links".to_owned());
        let format = if self.is_networkx {
            format!(
                "networkx node-link JSON ({}{}, \"{links_key}\")",
                if self.default_directed {
                    "directed"
                } else {
                    "undirected"
                },
                if self.multigraph { ", multigraph" } else { "" }
            )
        } else if self.from_to_links > 0 {
            "vis-network JSON (from/to)".to_owned()
        } else {
            format!("d3 node-link JSON (\"{links_key}\")")
        };
        self.builder.set_format(format);
        if !self.explicit_ids && !self.by_index.is_empty() {
            self.builder
                .note("nodes have no ids: links refer to them by position in the list (d3 v3)");
        }
        if self.by_index_count > 0 {
            self.builder.note(format!(
                "{} link endpoints were numbers matching no node id, read as positions in the node list",
                self.by_index_count
            ));
        }
        if let Some(note) = self
            .keys
            .note(", which networkx gives them again when it reads a saved file")
        {
            self.builder.note(note);
        }
        self.builder.finish()
    }
}

/// The field a networkx multigraph's link gives its key in (`node_link_data`'s `key=`).
const KEY: &str = "key";

/// networkx's key of a link, as [`MultigraphKeys`] tells keys apart: a JSON string is text,
/// so `"1"` is no number networkx gave.
fn networkx_key(key: &Field<'_>) -> Key {
    match key {
        Field::Number(number) => number
            .as_u64()
            .map_or_else(|| Key::Other(number.to_string()), Key::Integer),
        Field::Str(text) => Key::text(text),
        other => Key::Other(other.clone().into_value().to_string()),
    }
}

/// A node's fields mapped, and whether it had an id of its own: all that reading a node
/// takes but adding it, so a parser thread can do it (see [`read_plain`]).
fn prepare_node(index: usize, mut record: Record<'_>) -> Result<(ImportedNode, bool), Misfit> {
    record.flatten_nested("attributes");
    let (id, explicit_id) = match record.remove("id").or_else(|| record.remove("key")) {
        Some(Field::Str(id)) => (id.into_owned(), true),
        Some(Field::Number(id)) => (id.to_string(), true),
        Some(other) => {
            return Err(Misfit::new(
                format!("nodes[{index}].id"),
                format!(
                    "found {}, expected a node id (a string or a number)",
                    super::fields::describe(&other.into_value())
                ),
            ));
        }
        None => (index.to_string(), false),
    };
    Ok((node_from_record(id, record), explicit_id))
}

/// A link with its fields mapped and its endpoints taken out, still to be found among the
/// nodes (which needs the nodes read so far).
struct PreparedLink<'t> {
    /// vis-network's `from` and `to` rather than `source` and `target`.
    from_to: bool,
    source: Option<Field<'t>>,
    target: Option<Field<'t>>,
    /// networkx's multigraph key, taken out until the link's ends are known (see
    /// [`MultigraphKeys`]); put back as the attribute `key` where it is kept.
    key: Option<Field<'t>>,
    edge: ImportedEdge,
    /// Evidence as Chainsight writes it into node-link files.
    evidence: Option<Vec<Value>>,
}

/// All that reading a link takes but finding its endpoints and adding it, so a parser thread
/// can do it (see [`read_plain`]). `default_directed`: whether the document's links have a
/// direction unless they say.
fn prepare_link(mut record: Record<'_>, default_directed: bool) -> PreparedLink<'_> {
    let from_to = record.contains_key("from") && !record.contains_key("source");
    let (source_key, target_key) = if from_to {
        ("from", "to")
    } else {
        ("source", "target")
    };
    let source = record.remove(source_key);
    let target = record.remove(target_key);
    record.flatten_nested("attributes");
    let key = record.remove(KEY);
    let evidence = match record.get("evidence") {
        Some(Field::Nested(Value::Array(_))) => match record.remove("evidence") {
            Some(Field::Nested(Value::Array(items))) => Some(items),
            _ => None,
        },
        _ => None,
    };
    let directed = default_directed && !from_to;
    PreparedLink {
        from_to,
        source,
        target,
        key,
        edge: edge_from_record(directed, record),
        evidence,
    }
}

/// `nodes[12]`, `links[3]`: where a record is, written out only for a message.
struct RecordPath<'k> {
    key: &'k str,
    index: usize,
}

impl fmt::Display for RecordPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}[{}]", self.key, self.index)
    }
}

/// Walks the top-level object, handing each node and link to the reader as it is parsed.
struct DocumentVisitor<'r, 't> {
    reader: &'r mut NodeLinkReader<'t>,
}

impl<'t> Visitor<'t> for DocumentVisitor<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a node-link JSON object")
    }

    fn visit_map<A: MapAccess<'t>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.reader.section.clone_from(&key);
            match key.as_str() {
                "nodes" | "links" | "edges" => map.next_value_seed(Records {
                    reader: self.reader,
                    key: &key,
                })?,
                "graph" => {
                    if let Value::Object(graph) = map.next_value::<Value>()? {
                        self.reader.graph(graph);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `nodes` or `links` list, read element by element.
struct Records<'r, 'k, 't> {
    reader: &'r mut NodeLinkReader<'t>,
    key: &'k str,
}

impl<'t> DeserializeSeed<'t> for Records<'_, '_, 't> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'t>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'t> Visitor<'t> for Records<'_, '_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a list of {}",
            if self.key == "nodes" {
                "nodes"
            } else {
                "links"
            }
        )
    }

    fn visit_seq<A: SeqAccess<'t>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        if self.key != "nodes" && !self.reader.nodes_seen {
            while let Some(raw) = seq.next_element::<&'t serde_json::value::RawValue>()? {
                self.reader
                    .early_links
                    .push((self.key.to_owned(), index, raw));
                index += 1;
            }
            return Ok(());
        }
        while let Some(record) = seq.next_element::<Value>()? {
            let result = if self.key == "nodes" {
                self.reader.node_value(index, record)
            } else {
                self.reader.link_value(self.key, index, record)
            };
            if let Err(misfit) = result {
                self.reader.misfit = Some(misfit);
                return Err(A::Error::custom("misfit"));
            }
            index += 1;
        }
        Ok(())
    }
}

/// Writes `dataset` as networkx node-link JSON (`nx.node_link_graph` reads it back): a directed
/// multigraph whose nodes and links carry every field of the entities and relations, evidence
/// included, and whose `graph` attributes carry the title and the sources. An attribute named
/// like a field is written as `attribute:NAME`, which every JSON reader reads back as `NAME`.
pub fn write_networkx(dataset: &Dataset) -> String {
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
            let mut node = Map::new();
            node.insert("id".into(), json!(entity.entity_id));
            node.insert("label".into(), json!(entity.name));
            node.insert("kind".into(), json!(attributes::written_kind(entity)));
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
            attributes::insert_attributes(
                &mut node,
                attributes::entity_attributes(entity),
                attributes::is_node_name,
            );
            Value::Object(node)
        })
        .collect();
    let links: Vec<Value> = dataset
        .relations
        .iter()
        .map(|relation| networkx_link(dataset, relation))
        .collect();
    let sources: Vec<Value> = dataset
        .sources
        .iter()
        .map(|s| json!(RawSource::from_model(s)))
        .collect();
    let document = NetworkxDocument {
        directed: super::Directedness::of(dataset) != super::Directedness::Undirected,
        multigraph: true,
        graph: json!({"name": dataset.metadata.title, "description": dataset.metadata.description, "sources": sources}),
        nodes,
        links,
    };
    // Compact, as networkx's own `json.dump` writes it: these files get large.
    serde_json::to_string(&document).unwrap_or_default() + "\n"
}

/// One relation as a networkx link, with every field and its evidence.
fn networkx_link(dataset: &Dataset, relation: &crate::model::Relation) -> Value {
    let source_id = |idx: SourceIdx| dataset.source(idx).map(|s| s.source_id.clone());
    let mut link = Map::new();
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
                "speaker": e.speaker.as_ref().map(RawSpeaker::from_model),
            })
        })
        .collect();
    if !evidence.is_empty() {
        link.insert("evidence".into(), Value::Array(evidence));
    }
    attributes::insert_attributes(
        &mut link,
        relation.attributes.iter(),
        attributes::is_edge_name,
    );
    Value::Object(link)
}

/// A networkx document, keys in networkx's order: nodes before links, so that readers can
/// stream the links.
#[derive(serde::Serialize)]
struct NetworkxDocument {
    directed: bool,
    multigraph: bool,
    graph: Value,
    nodes: Vec<Value>,
    links: Vec<Value>,
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// A node-link document of `links` links with most of what a reader must keep: kinds in
    /// and out of the vocabulary, numeric and positional endpoints, missing nodes, duplicate
    /// and made-up ids, nested attributes, strings with escapes.
    fn document(nodes: usize, links: usize, directed_first: bool) -> String {
        let mut text = String::from("{");
        if directed_first {
            text.push_str(
                r#""directed": false, "multigraph": true, "graph": {"name": "T", "x": 1}, "#,
            );
        }
        text.push_str(r#""nodes": ["#);
        for i in 0..nodes {
            if i > 0 {
                text.push_str(", ");
            }
            match i % 5 {
                0 => write!(
                    text,
                    r#"{{"id": "n{i}", "label": "N\u00e9 {i}", "kind": "company"}}"#
                )
                .unwrap(),
                1 => write!(
                    text,
                    r#"{{"id": {i}, "name": "Num {i}", "type": "Vendor", "x": 1.5, "y": 2}}"#
                )
                .unwrap(),
                2 => write!(
                    text,
                    r#"{{"key": "n{i}", "attributes": {{"tier": {i}, "label": "Nested"}}}}"#
                )
                .unwrap(),
                3 => text.push_str(r#"{"id": "n0", "label": "Duplicate"}"#),
                _ => write!(text, r#"{{"id": "n{i}\"q", "group": null, "vx": 3}}"#).unwrap(),
            }
        }
        text.push_str(r#"], "links": ["#);
        for i in 0..links {
            if i > 0 {
                text.push_str(", ");
            }
            let (a, b) = ((i * 7) % (nodes + 5), (i * 13) % nodes);
            match i % 6 {
                0 => write!(text, r#"{{"source": "n{a}", "target": "n{b}", "year": {}}}"#, 1990 + i % 30).unwrap(),
                1 => write!(text, r#"{{"source": {a}, "target": {b}, "relation": "Supplied", "weight": 2}}"#).unwrap(),
                2 => write!(text, r#"{{"source": "n{a}", "target": "ghost{}", "id": "e{}"}}"#, i % 17, i + 1).unwrap(),
                3 => write!(text, r#"{{"from": "n{a}", "to": "n{b}", "arrows": "to", "id": "e{i}"}}"#).unwrap(),
                4 => write!(text, r#"{{"source": {{"id": "n{a}"}}, "target": "n{b}", "type": "undirected", "attributes": {{"amount": {i}}}}}"#).unwrap(),
                _ => write!(text, r#"{{"source": "n{a}", "target": "n{b}", "url": "https://x.org/{}", "description": "Q\n{i}"}}"#, i % 9).unwrap(),
            }
        }
        text.push(']');
        if !directed_first {
            text.push_str(r#", "directed": true"#);
        }
        text.push('}');
        text
    }

    fn streamed(text: &str) -> Loaded {
        let scan = Scan::of(text).unwrap();
        assert!(scan.is_plain_node_link());
        read_streaming("t.json", text, &scan).unwrap()
    }

    #[test]
    fn one_pass_reads_as_scan_and_stream_do_in_one_thread_or_two() {
        let text = document(3000, 20_000, true);
        assert!(text.len() > PARALLEL_FROM_BYTES);
        let expected = streamed(&text);
        for parallel in [false, true] {
            let loaded = read_plain_with("t.json", &text, parallel).expect("plain");
            assert_eq!(loaded.dataset, expected.dataset, "parallel: {parallel}");
            assert_eq!(loaded.report, expected.report, "parallel: {parallel}");
        }
    }

    /// `links` (source, target and the key as JSON, `None` for none) read as a networkx
    /// multigraph's, streamed and parsed whole alike: each relation's attribute `key`, and the
    /// report's notes.
    fn keys_read(
        directed: bool,
        multigraph: bool,
        links: &[(&str, &str, Option<&str>)],
    ) -> (Vec<Option<String>>, Vec<String>) {
        let links: Vec<String> = links
            .iter()
            .map(|(source, target, key)| match key {
                Some(key) => {
                    format!(r#"{{"source": "{source}", "target": "{target}", "key": {key}}}"#)
                }
                None => format!(r#"{{"source": "{source}", "target": "{target}"}}"#),
            })
            .collect();
        let text = format!(
            r#"{{"directed": {directed}, "multigraph": {multigraph}, "graph": {{}}, "nodes": [{{"id": "a"}}, {{"id": "b"}}, {{"id": "c"}}], "links": [{}]}}"#,
            links.join(", ")
        );
        let plain = read_plain_with("t.json", &text, false).expect("plain");
        let Ok(Value::Object(document)) = serde_json::from_str(&text) else {
            panic!("{text}");
        };
        let whole = read("t.json", document).unwrap();
        assert_eq!(plain.dataset, whole.dataset);
        assert_eq!(plain.report, whole.report);
        let keys = plain
            .dataset
            .relations
            .iter()
            .map(|r| r.attributes.get("key").cloned())
            .collect();
        (keys, plain.report.notes)
    }

    #[test]
    fn networkx_s_own_numbering_of_parallel_links_is_not_kept_and_any_other_key_is() {
        let links = [
            ("a", "b", Some("0")),
            ("b", "a", Some("1")),
            ("a", "b", Some(r#""x""#)),
            ("a", "b", Some("5")),
            ("a", "c", Some("0")),
            // networkx numbers the next link between a and b 4: 0, 1, "x" and 5 are taken.
            ("a", "b", Some("4")),
            ("c", "b", Some(r#""0""#)),
        ];
        let (keys, notes) = keys_read(false, true, &links);
        let kept = |k: &str| Some(k.to_owned());
        assert_eq!(
            keys,
            [None, None, kept("x"), kept("5"), None, None, kept("0")],
            "undirected: b to a is a's and b's second link"
        );
        assert_eq!(
            notes,
            [
                "4 multigraph keys not kept: networkx's own numbering of the links joining the \
              same two nodes (0, 1, …), which networkx gives them again when it reads a saved \
              file"
            ]
        );
        let (keys, _) = keys_read(true, true, &links);
        assert_eq!(
            keys[1],
            kept("1"),
            "directed: b to a is the first link that way, numbered 0"
        );
        assert_eq!(keys[5], kept("4"), "a to b is numbered 3");
    }

    #[test]
    fn keys_stay_attributes_outside_a_multigraph_and_after_a_link_without_one() {
        let (keys, notes) = keys_read(true, false, &[("a", "b", Some("0"))]);
        assert_eq!(keys, [Some("0".to_owned())], "not a multigraph");
        assert!(notes.is_empty(), "{notes:?}");
        // networkx numbered the first link 0 as it read it, which no one wrote down.
        let (keys, notes) = keys_read(
            true,
            true,
            &[
                ("a", "b", None),
                ("a", "b", Some("1")),
                ("b", "c", Some("0")),
            ],
        );
        assert_eq!(keys, [None, Some("1".to_owned()), Some("0".to_owned())]);
        assert!(notes.is_empty(), "{notes:?}");
        let (keys, _) = keys_read(true, true, &[("a", "b", Some("null"))]);
        assert_eq!(keys, [None]);
    }

    #[test]
    fn a_deciding_key_after_the_links_falls_back() {
        let text = document(50, 200, false);
        assert!(read_plain_with("t.json", &text, true).is_none());
        assert!(read_plain_with("t.json", &text, false).is_none());
        // Read the usual way, links undirected by default no more.
        assert!(streamed(&text).report.format.contains("directed"));
    }

    #[test]
    fn a_misfit_or_an_error_falls_back_in_either_mode() {
        for text in [
            r#"{"nodes": [{"id": "a"}], "links": [{"source": "a", "target": true}]}"#,
            r#"{"nodes": [{"id": "a"}], "links": [{"source": "a", "target": "a"},]}"#,
            r#"{"nodes": [{"id": "a"}], "links": [], "other": 1}"#,
            r#"{"nodes": [{"data": {"id": "a"}}], "links": []}"#,
            r#"{"graph": {"nodes": []}, "nodes": [], "links": []}"#,
            r#"{"nodes": [{"id": "a"}], "links": []} x"#,
        ] {
            for parallel in [false, true] {
                assert!(
                    read_plain_with("t.json", text, parallel).is_none(),
                    "{text}"
                );
            }
        }
    }
}
