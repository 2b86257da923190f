//! GML, the Graph Modelling Language, as networkx, igraph, Gephi, yEd and Cytoscape write it:
//! `graph [ directed 1 node [ id 1 label "IBM" ] edge [ source 1 target 2 label "supplied" ] ]`.
//!
//! A file is keys and values; a value is a number, a "string" (HTML entities such as `&quot;`
//! and `&#20013;` decoded, as networkx writes them) or a `[ list ]` of more keys and values.
//! Each `node` list is read as fields the way every importer files them (`label` the name,
//! `type` the kind...), with its `graphics`' `x` and `y` as its position; each `edge` joins the
//! nodes its `source` and `target` name by id. `directed 1` on the graph makes edges
//! directed; GML's default, as networkx reads it, is undirected. A key given twice in one list
//! keeps every value, joined with " | ". What has no place (other graph keys, drawing details
//! under `graphics`) is named in the report's notes. In yEd's files an edge's direction is the
//! arrowheads it is drawn with (`sourceArrow`, `targetArrow`; see [`arrows`](super::arrows)),
//! and those in shapes Chainsight does not draw are counted in a note.
//!
//! yEd writes a group or folder as a node with `isGroup 1` and each of its members with
//! `gid`, the group's id: each member is drawn "part of" its group, as in every other format
//! ([`groups`](super::groups)).
//!
//! In a file igraph wrote (`Creator "igraph ..."`), a node's or edge's value "NA", R's
//! missing value as igraph writes it, is no value, and neither is a graph name "NA"
//! ([`MissingAsText`]); they are counted in a note.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::arrows::{ArrowShapes, Arrowheads, DrawnDirections, is_plain_yed_arrow};
use super::error::TextPosition;
use super::fields::{MissingAsText, edge_from_fields, id_text, node_from_fields, scalar_text};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::{LoadError, Loaded};
use crate::words::counted;

/// How deep lists may nest. Real files nest three deep (graph, node, graphics); the limit
/// keeps a hostile file from building an unbounded stack.
const MAX_DEPTH: usize = 100;

/// How many top-level key-value pairs may come before `graph [` for the text to be taken for
/// GML (`Creator "Gephi"`, `Version 1`...).
const MAX_PREAMBLE_PAIRS: usize = 32;

/// A value as written.
#[derive(Debug, PartialEq)]
enum Gml {
    /// A number, or a bare word (networkx writes `NAN` and `INF` so).
    Bare(String),
    Text(String),
    List(Vec<Entry>),
}

/// One `key value` of a list, with the byte offset of its key for messages.
#[derive(Debug, PartialEq)]
struct Entry {
    key: String,
    value: Gml,
    offset: usize,
}

/// Whether `text` is GML: past comment lines and a few `key value` pairs, a `graph [`.
pub fn looks_like_gml(text: &str) -> bool {
    let mut lexer = Lexer::new(text);
    for _ in 0..=MAX_PREAMBLE_PAIRS {
        let Ok(Some(Token::Key(key, _))) = lexer.next() else {
            return false;
        };
        match lexer.next() {
            Ok(Some(Token::Open(_))) => return key == "graph",
            Ok(Some(Token::Bare(..) | Token::Text(..))) => {}
            _ => return false,
        }
    }
    false
}

/// Reads a GML file into a dataset.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let syntax = |offset: usize, message: String| LoadError::Syntax {
        file: file.to_owned(),
        position: TextPosition::from_offset(text, offset),
        json_path: None,
        message,
    };
    let top = parse(text).map_err(|(offset, message)| syntax(offset, message))?;
    let (graph, mut file_keys) = FileKeys::split(top);
    let Some((mut graph, _)) = graph else {
        return Err(syntax(
            0,
            "expected a \"graph [ ... ]\" holding the nodes and edges".to_owned(),
        ));
    };
    let structure = |offset: usize, json_path: String, message: String| LoadError::Structure {
        file: file.to_owned(),
        position: Some(TextPosition::from_offset(text, offset)),
        json_path,
        message,
    };

    let directions = Directions::of(&graph, file_keys.by_yed);
    let mut builder = GraphBuilder::new(
        file,
        if directions.directed {
            "GML (directed)"
        } else {
            "GML (undirected)"
        },
    );
    let mut unused_graph_keys = Vec::new();
    let mut drawing = BTreeMap::<String, usize>::new();
    let mut drawn = DrawnArrows::default();
    let by_gid = file_keys.by_yed || marks_groups(&graph);
    // Nodes wait for every node, for their groups to be checked against them; edges wait
    // for every node, as GML lets an edge come before the nodes it joins.
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut without_id = 0;
    drop_missing(&mut graph, &file_keys, &mut builder);
    for entry in graph {
        match (entry.key.as_str(), entry.value) {
            ("node", Gml::List(fields)) => {
                let path = format!("graph.node[{}]", nodes.len());
                let read = node_of(fields, &mut drawing, nodes.len() + 1, by_gid);
                if !read.had_id {
                    without_id += 1;
                }
                let mut node = read.node;
                if file_keys.by_gephi {
                    builder.turn_y_up(&mut node, "Gephi's GML");
                }
                nodes.push((path, node, read.groups));
            }
            ("edge", Gml::List(fields)) => {
                let path = format!("graph.edge[{}]", edges.len());
                let Some(edge) = edge_of(fields, directions, &mut drawing, &mut drawn) else {
                    return Err(structure(
                        entry.offset,
                        path,
                        "this edge lacks a \"source\" or a \"target\" (the ids of the nodes it joins)"
                            .to_owned(),
                    ));
                };
                edges.push((path, edge));
            }
            ("directed", _) => {}
            (key, value) => {
                if !read_graph_metadata(&mut builder, key, value) {
                    unused_graph_keys.push(key.to_owned());
                }
            }
        }
    }
    let mut groups = Groups::of_nodes(&nodes, |(_, node, groups)| {
        (node.id.as_str(), groups.as_slice())
    });
    for (path, mut node, member_of) in nodes {
        groups.place(&mut builder, &path, &mut node, member_of);
        builder.add_node(&path, node);
    }
    if without_id > 0 {
        builder.note(format!(
            "{} without an \"id\" kept as \"node N (no id)\" (igraph reads them too); no edge \
             can name them",
            counted(without_id, "node", "nodes")
        ));
    }
    for (path, edge) in edges {
        builder.add_edge(&path, edge);
    }
    file_keys.title_untitled(&mut builder);
    if directions.by_arrows {
        drawing.retain(|key, _| !key.ends_with("Arrow"));
    }
    notes(&mut builder, &file_keys, unused_graph_keys, &drawing, drawn);
    // After the file's edges, so that their ids are known and none is taken.
    groups.draw(&mut builder);
    Ok(builder.finish())
}

/// Reads the graph's `key` as its title (see [`is_title_key`]) or its description
/// (`comment`, in any case) where it is one and the dataset has none yet; whether it did.
fn read_graph_metadata(builder: &mut GraphBuilder, key: &str, value: Gml) -> bool {
    let metadata = builder.metadata_mut();
    match value {
        Gml::Text(title) | Gml::Bare(title) if is_title_key(key) && metadata.title.is_empty() => {
            metadata.title = title;
            true
        }
        Gml::Text(comment)
            if key.eq_ignore_ascii_case("comment") && metadata.description.is_none() =>
        {
            metadata.description = Some(comment);
            true
        }
        _ => false,
    }
}

/// Whether a key of the graph names it: `label`, `name` or `title`, in any case (`Name`, as
/// some writers put it, such as the karate club network's GML).
fn is_title_key(key: &str) -> bool {
    ["label", "name", "title"]
        .iter()
        .any(|title| key.eq_ignore_ascii_case(title))
}

/// In a file igraph wrote, takes out of each node and edge, and out of the graph's name, the
/// values "NA" (R's missing value as igraph writes it), but for the ids and ends that make
/// the graph; the note counts them.
fn drop_missing(graph: &mut Vec<Entry>, file_keys: &FileKeys, builder: &mut GraphBuilder) {
    if !file_keys.by_igraph {
        return;
    }
    let missing = MissingAsText::Igraph;
    let mut dropped = 0;
    let mut is_missing = |field: &Entry| {
        let is = matches!(&field.value, Gml::Text(text) if missing.is_missing(text));
        dropped += usize::from(is);
        is
    };
    graph.retain_mut(|entry| match (entry.key.as_str(), &mut entry.value) {
        ("node" | "edge", Gml::List(fields)) => {
            fields.retain(|field| {
                matches!(field.key.as_str(), "id" | "source" | "target") || !is_missing(field)
            });
            true
        }
        (key, _) if is_title_key(key) => !is_missing(entry),
        _ => true,
    });
    if let Some(note) = missing.note(dropped) {
        builder.note(note);
    }
}

/// Whether some node is marked a group (`isGroup`), as yEd marks them: then `gid` names a
/// node's group. Files from yEd say so by their `Creator` too; in other files `gid` is just
/// an attribute.
fn marks_groups(graph: &[Entry]) -> bool {
    graph.iter().any(|entry| {
        entry.key == "node"
            && matches!(&entry.value, Gml::List(fields) if fields.iter().any(|f| f.key == IS_GROUP))
    })
}

/// yEd's mark on a group or folder node. It is not kept: the members' "part of" links say
/// what it said.
const IS_GROUP: &str = "isGroup";

/// yEd's key on a member naming the group node holding it.
const GROUP_ID: &str = "gid";

/// How edges get their direction: from the graph's `directed 1`, and in yEd's files from the
/// arrows drawn, not from the order of the ends.
#[derive(Clone, Copy, Debug)]
struct Directions {
    directed: bool,
    by_arrows: bool,
}

impl Directions {
    fn of(graph: &[Entry], by_yed: bool) -> Self {
        let directed = graph
            .iter()
            .find(|entry| entry.key == "directed")
            .is_some_and(|entry| matches!(&entry.value, Gml::Bare(v) if v.trim() == "1"));
        let draws_arrows = || {
            graph.iter().any(|entry| {
                entry.key == "edge"
                    && matches!(&entry.value, Gml::List(fields) if drawn_arrows(fields).is_some())
            })
        };
        Self {
            directed,
            by_arrows: directed && (by_yed || draws_arrows()),
        }
    }
}

/// A `node [ ... ]` read: the node, whether it had an `id`, and the group holding it.
struct NodeRead {
    node: ImportedNode,
    had_id: bool,
    groups: Vec<String>,
}

/// The `number`th `node [ ... ]`'s fields as a node. One without an `id` (igraph allows them)
/// is kept under an id no GML file uses, since no edge can name it. With `by_gid` (a file
/// from yEd, or one marking its groups), its `gid` is the group holding it and `isGroup` is
/// taken out; otherwise both are attributes like any other key.
fn node_of(
    fields: Vec<Entry>,
    drawing: &mut BTreeMap<String, usize>,
    number: usize,
    by_gid: bool,
) -> NodeRead {
    let mut map = fields_of(fields, drawing);
    let mut groups = Vec::new();
    if by_gid {
        if let Some(gid) = map.remove(GROUP_ID) {
            match id_text(&gid) {
                Some(group) => groups.push(group),
                None => {
                    map.insert(GROUP_ID.to_owned(), gid);
                }
            }
        }
        if map
            .get(IS_GROUP)
            .and_then(Value::as_i64)
            .is_some_and(|mark| mark == 0 || mark == 1)
        {
            map.remove(IS_GROUP);
        }
    }
    let (id, had_id) = match map.remove("id").and_then(|id| id_text(&id)) {
        Some(id) => (id, true),
        None => (format!("node {number} (no id)"), false),
    };
    NodeRead {
        node: node_from_fields(id, map),
        had_id,
        groups,
    }
}

/// An `edge [ ... ]`'s fields as an edge, directed as `directions` say; `None` where it
/// lacks a `source` or a `target`. What its arrows did is counted in `drawn`.
fn edge_of(
    fields: Vec<Entry>,
    directions: Directions,
    drawing: &mut BTreeMap<String, usize>,
    drawn: &mut DrawnArrows,
) -> Option<ImportedEdge> {
    let arrowheads = directions
        .by_arrows
        .then(|| drawn_arrows(&fields).unwrap_or_default());
    if let Some(graphics) = graphics_of(&fields) {
        let arrow = |key| arrow_shape(graphics, key);
        let drawn_shapes = [arrow("sourceArrow"), arrow("targetArrow")];
        drawn
            .shapes
            .add(drawn_shapes.into_iter().flatten(), is_plain_yed_arrow);
    }
    let mut map = fields_of(fields, drawing);
    let source = map.remove("source").and_then(|v| id_text(&v))?;
    let target = map.remove("target").and_then(|v| id_text(&v))?;
    let mut edge = edge_from_fields(source, target, directions.directed, map);
    if let Some(arrowheads) = arrowheads {
        drawn.directions.orient(&mut edge, arrowheads);
    }
    Some(edge)
}

/// What the edges' arrows did: the directions they gave (in yEd's files) and their shapes
/// that are not drawn.
#[derive(Default)]
struct DrawnArrows {
    directions: DrawnDirections,
    shapes: ArrowShapes,
}

/// What the file says beside its graph: Cytoscape's `Title`, and who wrote it.
#[derive(Default)]
struct FileKeys {
    title: Option<String>,
    /// `Creator "yFiles..."`: yEd, which draws direction with arrows.
    by_yed: bool,
    /// `Creator "Gephi"`: Gephi, whose y points up.
    by_gephi: bool,
    /// `Creator "igraph..."`: igraph, which writes R's missing value as "NA".
    by_igraph: bool,
    /// Graphs after the first, which are not read.
    more_graphs: usize,
    unused: Vec<String>,
}

impl FileKeys {
    /// Cytoscape names the network by a `Title` beside the graph: the title where the graph
    /// has none.
    fn title_untitled(&mut self, builder: &mut GraphBuilder) {
        if let Some(title) = self.title.take()
            && builder.metadata_mut().title.is_empty()
        {
            builder.metadata_mut().title = title;
        }
    }

    /// The first graph (with its offset) and what the file says beside it.
    fn split(top: Vec<Entry>) -> (Option<(Vec<Entry>, usize)>, Self) {
        let mut graph = None;
        let mut keys = Self::default();
        for entry in top {
            match (entry.key.as_str(), entry.value) {
                ("graph", Gml::List(list)) if graph.is_none() => {
                    graph = Some((list, entry.offset));
                }
                ("graph", _) => keys.more_graphs += 1,
                ("Title", Gml::Text(title) | Gml::Bare(title)) => keys.title = Some(title),
                ("Creator", Gml::Text(creator) | Gml::Bare(creator)) => {
                    keys.by_yed = creator.starts_with("yFiles");
                    keys.by_gephi = creator.starts_with("Gephi");
                    keys.by_igraph = creator.starts_with("igraph");
                }
                ("Version", _) => {}
                (key, _) => keys.unused.push(key.to_owned()),
            }
        }
        (graph, keys)
    }
}

/// The arrowheads yEd draws on an edge (`graphics [ sourceArrow "standard" targetArrow
/// "delta" ]`, "none" for none), where its graphics name any.
fn drawn_arrows(fields: &[Entry]) -> Option<Arrowheads> {
    let graphics = graphics_of(fields)?;
    let shape = |key| arrow_shape(graphics, key);
    let (source, target) = (shape("sourceArrow"), shape("targetArrow"));
    (source.is_some() || target.is_some()).then(|| Arrowheads::from_shapes(source, target))
}

/// An edge's `graphics [ ]`, where it has one.
fn graphics_of(fields: &[Entry]) -> Option<&[Entry]> {
    fields.iter().find_map(|entry| match &entry.value {
        Gml::List(list) if entry.key == "graphics" => Some(list.as_slice()),
        _ => None,
    })
}

/// The shape of the arrowhead `key` (`sourceArrow`, `targetArrow`) in an edge's graphics,
/// where it names one ("none" for none; a list is no shape).
fn arrow_shape<'g>(graphics: &'g [Entry], key: &str) -> Option<&'g str> {
    graphics
        .iter()
        .find(|entry| entry.key == key)
        .map(|entry| match &entry.value {
            Gml::Text(shape) | Gml::Bare(shape) => shape.as_str(),
            Gml::List(_) => "none",
        })
}

/// The report's notes on what was not read, and on directions and shapes taken from
/// arrows.
fn notes(
    builder: &mut GraphBuilder,
    file_keys: &FileKeys,
    mut unused_graph_keys: Vec<String>,
    drawing: &BTreeMap<String, usize>,
    drawn: DrawnArrows,
) {
    if file_keys.more_graphs > 0 {
        builder.note(format!(
            "the file holds {} graphs; the first was read",
            file_keys.more_graphs + 1
        ));
    }
    if !file_keys.unused.is_empty() {
        builder.note(format!(
            "keys beside the graph not read: {}",
            file_keys.unused.join(", ")
        ));
    }
    if !unused_graph_keys.is_empty() {
        unused_graph_keys.sort();
        unused_graph_keys.dedup();
        builder.note(format!(
            "graph keys not read: {}",
            unused_graph_keys.join(", ")
        ));
    }
    if !drawing.is_empty() {
        let listed: Vec<String> = drawing
            .iter()
            .map(|(key, count)| format!("{key} ({count})"))
            .collect();
        builder.note(format!(
            "drawing details not read (positions are): {}",
            listed.join(", ")
        ));
    }
    let DrawnArrows { directions, shapes } = drawn;
    for note in [directions.note("yEd"), shapes.note()]
        .into_iter()
        .flatten()
    {
        builder.note(note);
    }
}

/// A node's or edge's fields as the shared field reader takes them. `graphics [ x y ]` gives
/// `x` and `y`, and yEd's `LabelGraphics [ text ]` the label where there is no `label`; their
/// other keys (sizes, fills, fonts) are counted in `drawing`. Another nested list gives its
/// scalars as `key.field`. A repeated key keeps every value, joined with " | ".
fn fields_of(entries: Vec<Entry>, drawing: &mut BTreeMap<String, usize>) -> Map<String, Value> {
    let mut map = Map::new();
    let mut drawn_label = None;
    for entry in entries {
        let Gml::List(inner) = entry.value else {
            put(&mut map, entry.key, plain(entry.value));
            continue;
        };
        for field in inner {
            match (entry.key.as_str(), field.key.as_str(), field.value) {
                ("graphics", "x" | "y", Gml::Bare(number)) => {
                    put(&mut map, field.key, json_number(&number));
                }
                ("LabelGraphics", "text", Gml::Text(text)) if drawn_label.is_none() => {
                    drawn_label = Some(text);
                }
                ("graphics" | "LabelGraphics", key, _) | (_, key, Gml::List(_)) => {
                    *drawing.entry(format!("{}.{key}", entry.key)).or_default() += 1;
                }
                (list, key, value) => put(&mut map, format!("{list}.{key}"), plain(value)),
            }
        }
    }
    if let Some(label) = drawn_label.filter(|_| !map.contains_key("label")) {
        map.insert("label".to_owned(), Value::String(label));
    }
    map
}

/// Sets `key` to `value`, or where it is set already, joins the two with " | ", as Kumu and
/// the CSV tables write several values (aliases given so are split again).
fn put(map: &mut Map<String, Value>, key: String, value: Value) {
    match map.get_mut(&key) {
        Some(held) => {
            let joined = format!(
                "{} | {}",
                scalar_text(held).unwrap_or_default(),
                scalar_text(&value).unwrap_or_default()
            );
            *held = Value::String(joined);
        }
        None => {
            map.insert(key, value);
        }
    }
}

/// A scalar value as JSON: numbers as numbers, words and strings as text.
fn plain(value: Gml) -> Value {
    match value {
        Gml::Bare(word) => json_number(&word),
        Gml::Text(text) => Value::String(text),
        Gml::List(_) => Value::Null,
    }
}

/// `word` as a JSON number where it is a finite one, else as text (`NAN`, `INF`).
fn json_number(word: &str) -> Value {
    if let Ok(integer) = word.parse::<i64>() {
        return Value::from(integer);
    }
    word.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or_else(|| Value::String(word.to_owned()), Value::Number)
}

/// The whole file as its top-level list, or the offset and text of the first error.
fn parse(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut lexer = Lexer::new(text);
    // Lists still open, each with its own entries so far and the key that opened it.
    let mut stack: Vec<(Vec<Entry>, String, usize)> = Vec::new();
    let mut current: Vec<Entry> = Vec::new();
    loop {
        match lexer.next()? {
            None => {
                return match stack.last() {
                    None => Ok(current),
                    Some((_, key, offset)) => Err((
                        *offset,
                        format!("\"{key} [\" is never closed with \"]\"; the file ends inside it"),
                    )),
                };
            }
            Some(Token::Close(offset)) => {
                let Some((parent, key, key_offset)) = stack.pop() else {
                    return Err((offset, "a \"]\" closes no list".to_owned()));
                };
                let list = std::mem::replace(&mut current, parent);
                current.push(Entry {
                    key,
                    value: Gml::List(list),
                    offset: key_offset,
                });
            }
            Some(Token::Key(key, offset)) => match lexer.next()? {
                Some(Token::Open(_)) => {
                    if stack.len() == MAX_DEPTH {
                        return Err((
                            offset,
                            format!("lists nest more than {MAX_DEPTH} deep here"),
                        ));
                    }
                    stack.push((std::mem::take(&mut current), key, offset));
                }
                // A value is due after a key, so a name here is a bare value (networkx's
                // `NAN` and `INF`, or a word a writer left unquoted).
                Some(Token::Bare(word, _) | Token::Key(word, _)) => current.push(Entry {
                    key,
                    value: Gml::Bare(word),
                    offset,
                }),
                Some(Token::Text(text, _)) => current.push(Entry {
                    key,
                    value: Gml::Text(text),
                    offset,
                }),
                Some(Token::Close(at)) => {
                    return Err((
                        at,
                        format!(
                            "\"{key}\" has no value; expected a number, a \"string\" or a [ list ]"
                        ),
                    ));
                }
                None => {
                    return Err((
                        text.len(),
                        format!("\"{key}\" has no value: the file ends after it"),
                    ));
                }
            },
            Some(Token::Bare(_, offset) | Token::Text(_, offset) | Token::Open(offset)) => {
                return Err((
                    offset,
                    "expected a key (a name such as \"node\" or \"label\") before this value"
                        .to_owned(),
                ));
            }
        }
    }
}

/// What the lexer hands out, each with its byte offset.
enum Token {
    /// A name: a key, or (after a key) a bare value.
    Key(String, usize),
    Bare(String, usize),
    Text(String, usize),
    Open(usize),
    Close(usize),
}

struct Lexer<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        // Past a byte-order mark, offsets still count from the start of `text`.
        let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self { text, at }
    }

    fn next(&mut self) -> Result<Option<Token>, (usize, String)> {
        let bytes = self.text.as_bytes();
        // Space and comment lines (`#` to the end of the line).
        loop {
            while self.at < bytes.len() && bytes[self.at].is_ascii_whitespace() {
                self.at += 1;
            }
            if bytes.get(self.at) == Some(&b'#') {
                while self.at < bytes.len() && bytes[self.at] != b'\n' {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
        let start = self.at;
        let Some(&first) = bytes.get(start) else {
            return Ok(None);
        };
        match first {
            b'[' => {
                self.at += 1;
                Ok(Some(Token::Open(start)))
            }
            b']' => {
                self.at += 1;
                Ok(Some(Token::Close(start)))
            }
            b'"' => {
                let Some(length) = self.text[start + 1..].find('"') else {
                    return Err((
                        start,
                        "this string is never closed with '\"', so the rest of the file would \
                         be read as one value"
                            .to_owned(),
                    ));
                };
                let raw = &self.text[start + 1..start + 1 + length];
                self.at = start + length + 2;
                let text = quick_xml::escape::unescape(raw)
                    .map_or_else(|_| raw.to_owned(), std::borrow::Cow::into_owned);
                Ok(Some(Token::Text(text, start)))
            }
            _ => {
                while self.at < bytes.len()
                    && !bytes[self.at].is_ascii_whitespace()
                    && !matches!(bytes[self.at], b'[' | b']' | b'"')
                {
                    self.at += 1;
                }
                // Past ASCII the loop stops only at ASCII, so `at` is a char boundary.
                let word = self.text[start..self.at].to_owned();
                let is_name = (first.is_ascii_alphabetic() || first == b'_')
                    && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if is_name {
                    return Ok(Some(Token::Key(word, start)));
                }
                if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
                    return Ok(Some(Token::Bare(word, start)));
                }
                Err((
                    start,
                    format!(
                        "{} is neither a key, a number, a \"string\" nor a [ list ]",
                        super::quoted(&super::excerpt(&word, 40))
                    ),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_gml_past_a_preamble_and_comments() {
        assert!(looks_like_gml("graph [ node [ id 1 ] ]"));
        assert!(looks_like_gml(
            "# made by hand\nCreator \"Gephi\"\nVersion 1.0\ngraph\n[\n]"
        ));
        assert!(!looks_like_gml("source,target\nIBM,Huawei\n"));
        assert!(!looks_like_gml("a b\nc d\n"));
        assert!(!looks_like_gml("node [ id 1 ]"));
    }

    #[test]
    fn a_word_after_a_key_is_its_value() {
        let entries = parse("graph [ weight NAN shape ellipse ]").unwrap();
        let Gml::List(fields) = &entries[0].value else {
            panic!("{entries:?}");
        };
        assert_eq!(fields[0].value, Gml::Bare("NAN".to_owned()));
        assert_eq!(fields[1].value, Gml::Bare("ellipse".to_owned()));
        let error = parse("graph [ label ]").unwrap_err();
        assert!(error.1.contains("\"label\" has no value"), "{}", error.1);
    }

    #[test]
    fn an_edge_s_directed_y_or_n_is_its_direction_as_cytoscape_writes_it() {
        let loaded = read(
            "cytoscape.gml",
            "graph [ directed 1 node [ id 1 ] node [ id 2 ] node [ id 3 ]\n\
             edge [ source 1 target 2 directed \"N\" ]\n\
             edge [ source 1 target 3 directed \"y\" ] ]",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let relations = &loaded.dataset.relations;
        let directed: Vec<bool> = relations.iter().map(|r| r.directed).collect();
        assert_eq!(directed, [false, true]);
        assert!(relations.iter().all(|r| r.attributes.is_empty()));
    }

    #[test]
    fn errors_in_classic_mac_files_are_at_their_line() {
        let Err(LoadError::Syntax { position, .. }) =
            read("mac.gml", "graph [\r  node [ id 1 label \"open ]\r]")
        else {
            panic!("a string never closed was read");
        };
        assert_eq!((position.line, position.column), (2, 21));
    }

    #[test]
    fn errors_say_where() {
        let text = "graph [\n  node [ id 1 label \"open ]\n]";
        let (offset, message) = parse(text).unwrap_err();
        assert_eq!(offset, text.find('"').unwrap());
        assert!(message.contains("never closed"), "{message}");
        let (offset, message) = parse("graph [ node [ id 1 ]").unwrap_err();
        assert_eq!(offset, 0);
        assert!(message.contains("\"graph [\" is never closed"), "{message}");
        assert!(
            parse("graph [ ] ]")
                .unwrap_err()
                .1
                .contains("closes no list")
        );
        let deep = "a [ ".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().1.contains("nest more than"));
    }

    /// The ids of each "part of" link's ends, in order.
    fn memberships(loaded: &Loaded) -> Vec<(&str, &str)> {
        let d = &loaded.dataset;
        let id = |e| d.entity(e).map_or("?", |e| e.entity_id.as_str());
        d.relations
            .iter()
            .filter(|r| r.label.as_deref() == Some("part of") && r.evidence.is_empty())
            .map(|r| (id(r.source), id(r.target)))
            .collect()
    }

    #[test]
    fn yed_members_are_part_of_the_group_their_gid_names_wherever_it_comes() {
        // No `Creator`: the `isGroup` marks say that `gid` names groups. A member comes
        // before its group, and a group is in another.
        let text = "graph [ directed 1\n\
            node [ id 2 label \"Huawei Cloud\" gid 1 ]\n\
            node [ id 1 label \"Cloud\" isGroup 1 gid 0 ]\n\
            node [ id 0 label \"Huawei\" isGroup 1 ]\n\
            node [ id 3 label \"IBM\" ]\n\
            edge [ source 3 target 2 label \"supplied\" ] ]";
        let loaded = read("t.gml", text).unwrap();
        assert_eq!(memberships(&loaded), [("2", "1"), ("1", "0")]);
        let d = &loaded.dataset;
        assert!(
            d.entities.iter().all(|e| e.attributes.is_empty()),
            "{:?}",
            d.entities
        );
        assert_eq!(
            d.relations[0].relation_id, "e0",
            "the file's edges come first"
        );
        assert_eq!(d.relations[1].relation_id, "2 part of 1");
        assert!(d.relations[1].directed);
        assert!(
            loaded.report.warnings.is_empty(),
            "{:?}",
            loaded.report.warnings
        );
        assert_eq!(
            loaded.report.notes.last().map(String::as_str),
            Some("2 groups: 2 memberships drawn as “part of” links")
        );
    }

    #[test]
    fn gid_is_an_attribute_where_the_file_marks_no_groups_and_is_not_from_yed() {
        let text = "graph [ node [ id 0 ] node [ id 1 gid 0 ] ]";
        let loaded = read("t.gml", text).unwrap();
        assert!(loaded.dataset.relations.is_empty());
        assert_eq!(loaded.dataset.entities[1].attributes["gid"], "0");
        let from_yed = format!("Creator \"yFiles\"\n{text}");
        let loaded = read("t.gml", &from_yed).unwrap();
        assert_eq!(memberships(&loaded), [("1", "0")], "yEd's own file");
    }

    #[test]
    fn a_gid_naming_no_node_stays_an_attribute_with_a_warning_at_its_node() {
        let text = "graph [ node [ id 0 isGroup 1 ] node [ id 1 gid 7 ] node [ id 2 gid 2 ] ]";
        let loaded = read("t.gml", text).unwrap();
        assert!(loaded.dataset.relations.is_empty());
        let d = &loaded.dataset;
        assert_eq!(d.entities[1].attributes["parent"], "7");
        assert_eq!(d.entities[2].attributes["parent"], "2", "the node itself");
        let paths: Vec<&str> = loaded
            .report
            .warnings
            .iter()
            .map(|w| w.json_path.as_str())
            .collect();
        assert_eq!(paths, ["graph.node[1]", "graph.node[2]"]);
        assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
    }

    #[test]
    fn entities_in_strings_are_decoded() {
        let entries = parse("label \"&quot;Safe City&quot; &amp; &#20013;&#22269;\"").unwrap();
        assert_eq!(
            entries[0].value,
            Gml::Text("\"Safe City\" & 中国".to_owned())
        );
    }
}
