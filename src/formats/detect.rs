//! Recognising a file's format from its content, not its name, and handing it to the right
//! reader. JSON documents are told apart by their keys, in the order of PEERS.md's sniffing
//! table; XML by its root element; Graphviz DOT, GML, Pajek and SIF by how they start; anything
//! else is tried as a CSV edge list. A document that fits none says which formats were tried
//! and why each did not fit.

use std::path::Path;

use serde_json::{Map, Value};

use super::error::{LoadError, TextPosition, json_error, text_lines};
use super::fields::Misfit;
use super::{
    LoadOptions, Loaded, arrows_app, csv_edges, cx, cytoscape, dot, ftm, gephi_lite, gexf, gml,
    graphml, graphology, jgf, json_locate, kumu, native, node_link, oligrapher, pajek, sif,
};

/// Reads `text` (the decoded content of `file`) in whatever format it is in.
/// `path` is where it came from, used to find a CSV node table beside an edge list.
pub fn read_text(
    file: &str,
    text: &str,
    path: Option<&Path>,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let mut result = read_any(file, text, path, options);
    match &mut result {
        Ok(loaded) => bound_report(&mut loaded.report),
        Err(LoadError::Syntax {
            json_path, message, ..
        }) => {
            if let Some(json_path) = json_path {
                bound_text(json_path);
            }
            bound_text(message);
        }
        Err(
            LoadError::UnknownFormat { message, .. }
            | LoadError::NotUtf8 {
                detail: message, ..
            },
        ) => bound_text(message),
        Err(LoadError::Structure {
            json_path, message, ..
        }) => {
            bound_text(json_path);
            bound_text(message);
        }
        Err(_) => {}
    }
    result
}

/// The longest warning, note or path a report keeps, in bytes: a warning quoting a value from
/// the file (an id, a key, a kind) never echoes a huge one whole.
pub const MAX_REPORT_LINE_BYTES: usize = 1000;

/// Cuts `text` to [`MAX_REPORT_LINE_BYTES`], saying how much was left out.
fn bound_text(text: &mut String) {
    if text.len() > MAX_REPORT_LINE_BYTES {
        let mut end = MAX_REPORT_LINE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = text.len() - end;
        text.truncate(end);
        text.push_str("… (");
        text.push_str(&cut.to_string());
        text.push_str(" more bytes not shown)");
    }
}

/// Cuts every warning, path and note of `report` to [`MAX_REPORT_LINE_BYTES`], marking the cut.
fn bound_report(report: &mut super::LoadReport) {
    let bound = bound_text;
    for warning in &mut report.warnings {
        bound(&mut warning.json_path);
        bound(&mut warning.message);
    }
    for note in &mut report.notes {
        bound(note);
    }
    for (_, name) in &mut report.other_graphs {
        bound(name);
    }
}

fn read_any(
    file: &str,
    text: &str,
    path: Option<&Path>,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let start = text.trim_start();
    if start.starts_with('<') {
        return read_xml(file, text);
    }
    // JSON with comment lines is still JSON (never a CSV table): read without them.
    let uncommented = blank_comment_lines(text);
    if let Some((text, comments)) = &uncommented {
        let mut result = read_any(file, text, path, options);
        if let Ok(loaded) = &mut result {
            loaded.report.notes.push(format!(
                "{comments} comment lines (# or //) were skipped: JSON has no comments, so other \
                 tools may refuse this file"
            ));
        }
        return result;
    }
    if start.starts_with('{') || start.starts_with('[') {
        let (exact, kept) = keep_long_integers(text);
        let mut result = read_json_text(file, text, &exact, options);
        if kept > 0
            && let Ok(loaded) = &mut result
        {
            loaded.report.notes.push(format!(
                "{kept} integers too long to be exact as numbers (over 19 digits) were read as \
                 text, so ids that differ only in their last digits stay distinct"
            ));
        }
        return result;
    }
    // Graphviz DOT: `[strict] graph|digraph [name] {`, or a `.dot`/`.gv` file, whose
    // reader says best what is wrong with it. Before GML, whose `graph [` it is not.
    if dot::looks_like_dot(text) || has_extension(file, "dot") || has_extension(file, "gv") {
        return dot::read(file, text);
    }
    if gml::looks_like_gml(text) {
        return gml::read(file, text);
    }
    if pajek::looks_like_pajek(text) {
        return pajek::read(file, text);
    }
    // Before the CSV reader, which would take a tab-separated `source type target` for a
    // table of source and target.
    if has_extension(file, "sif") || sif::looks_like_sif(text) {
        return sif::read(file, text);
    }
    let (node_file, problem, looked_for) = match path.and_then(csv_edges_node_file) {
        Some(NodeLookup::Found(node_file)) => (Some(node_file), None, None),
        Some(NodeLookup::Unusable(problem)) => (None, Some(problem), None),
        Some(NodeLookup::NotFound(looked_for)) => (None, None, Some(looked_for)),
        None => (None, None, None),
    };
    let mut result = csv_edges::read_beside(file, text, node_file, looked_for.as_deref());
    if let (Ok(loaded), Some(problem)) = (&mut result, problem) {
        loaded.report.warnings.insert(
            0,
            super::Warning::new(
                problem.file,
                format!(
                    "the node table beside this edge list was not used: {}",
                    problem.reason
                ),
            ),
        );
    }
    result.map_err(|error| match error {
        LoadError::UnknownFormat { file, message } => LoadError::UnknownFormat {
            file,
            message: format!(
                "it is not JSON (it does not start with {{ or [), not XML (no < at the start), \
                 and not a CSV edge list: {message}"
            ),
        },
        other => other,
    })
}

/// Whether the file's name ends in `.extension`, in any case.
fn has_extension(file: &str, extension: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|found| found.eq_ignore_ascii_case(extension))
}

/// For JSON with whole-line comments (`# …`, `// …`, as configuration files and some scripts
/// write them): the text with those lines blanked (spaces, so every line and column stays
/// where it was) and how many there were. `None` when there are none, or when the first line
/// that is not a comment does not start a JSON document.
fn blank_comment_lines(text: &str) -> Option<(String, usize)> {
    let is_comment = |line: &str| {
        let line = line.trim_start();
        line.starts_with('#') || line.starts_with("//")
    };
    let first = text_lines(text)
        .map(|line| line.text)
        .find(|line| !line.trim().is_empty() && !is_comment(line))?
        .trim_start();
    if !(first.starts_with('{') || first.starts_with('[')) {
        return None;
    }
    // Most JSON has none: say so before copying the text.
    if !text_lines(text).any(|line| is_comment(line.text)) {
        return None;
    }
    let mut comments = 0;
    let mut out = String::with_capacity(text.len());
    // Each line's end (`\n`, `\r\n` or a lone `\r`) is copied as it is.
    let mut copied = 0;
    for line in text_lines(text) {
        out.push_str(&text[copied..line.start]);
        if is_comment(line.text) {
            comments += 1;
            out.extend(std::iter::repeat_n(' ', line.text.chars().count()));
        } else {
            out.push_str(line.text);
        }
        copied = line.start + line.text.len();
    }
    out.push_str(&text[copied..]);
    (comments > 0).then_some((out, comments))
}

/// Reads a JSON document or a FollowTheMoney stream. `text` has over-long integers quoted
/// (see [`keep_long_integers`]); `original` is the file as it is, which Chainsight's own
/// reader gets.
fn read_json_text(
    file: &str,
    original: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    // networkx and d3 files, the big ones, in one pass; anything else as before.
    if let Some(loaded) = node_link::read_plain(file, text) {
        return Ok(loaded);
    }
    if let Some(scan) = node_link::Scan::of(text)
        && scan.is_plain_node_link()
    {
        return node_link::read_streaming(file, text, &scan);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value) => read_json(file, original, text, value, options),
        Err(error) if looks_like_json_lines(text) => {
            ftm::read_lines(file, text).map_err(|ftm_error| {
                // Not FollowTheMoney after all: the JSON error is the more useful one.
                if matches!(ftm_error, LoadError::UnknownFormat { .. }) {
                    json_error(file, text, &error, None)
                } else {
                    ftm_error
                }
            })
        }
        Err(error) => Err(json_error(file, text, &error, None)),
    }
}

/// Integers that no JSON number type holds exactly (over 19 digits: serde_json would round
/// them to a float, so `123…890` and `123…891` become one id) are put in quotes, so they are
/// read as the exact text they are. Returns the text and how many were quoted; the text is
/// borrowed when none was. Error columns on a line after such a number are off by two per
/// number before them.
pub fn keep_long_integers(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    const LONGEST_EXACT: usize = 19;
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if in_string {
            // Strings are most of a graph file: jump to the next quote or escape.
            match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                Some(offset) if bytes[i + offset] == b'"' => {
                    in_string = false;
                    i += offset + 1;
                }
                Some(offset) => i += offset + 2,
                None => break,
            }
            continue;
        }
        if byte == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if byte == b'-' || byte.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let is_integer = !matches!(bytes.get(i), Some(b'.' | b'e' | b'E'));
            let digits = i - start - usize::from(byte == b'-');
            if is_integer
                && digits > LONGEST_EXACT
                && text[start..i].parse::<i64>().is_err()
                && text[start..i].parse::<u64>().is_err()
            {
                spans.push((start, i));
            }
            // A fraction or exponent: skip the rest of the number.
            while i < bytes.len()
                && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    if spans.is_empty() {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut last = 0;
    for &(start, end) in &spans {
        out.push_str(&text[last..start]);
        out.push('"');
        out.push_str(&text[start..end]);
        out.push('"');
        last = end;
    }
    out.push_str(&text[last..]);
    (std::borrow::Cow::Owned(out), spans.len())
}

/// Several JSON objects, one per line (lines may end in `\n`, `\r\n` or a lone `\r`): a
/// FollowTheMoney stream rather than one document. The second line may be broken JSON, so
/// that the stream's reader says what is wrong on that line rather than the whole document's
/// that more follows the first.
fn looks_like_json_lines(text: &str) -> bool {
    let is_entity = |line: &str| {
        serde_json::from_str::<Map<String, Value>>(line)
            .is_ok_and(|entity| entity.contains_key("schema"))
    };
    let mut lines = text_lines(text)
        .map(|line| line.text.trim())
        .filter(|l| !l.is_empty());
    match (lines.next(), lines.next()) {
        (Some(first), Some(second)) => {
            is_entity(first)
                && second.starts_with('{')
                && (is_entity(second) || serde_json::from_str::<Value>(second).is_err())
        }
        _ => false,
    }
}

fn read_xml(file: &str, text: &str) -> Result<Loaded, LoadError> {
    match xml_root(text) {
        Some(("graphml", _)) => graphml::read(file, text),
        // Cytoscape's XGMML: a bare <graph> root.
        Some(("graph", _)) => super::xgmml::read(file, text),
        // A flat OpenDocument file (`.fods`), which says whether it is a spreadsheet.
        Some(("document", _)) => super::spreadsheet::read_flat_opendocument(file, text),
        // GEXF, or no element at all: the GEXF reader reports what is wrong.
        Some(("gexf", _)) | None => gexf::read(file, text),
        Some((root, offset)) => Err(LoadError::Structure {
            file: file.to_owned(),
            position: Some(TextPosition::from_offset(text, offset)),
            json_path: super::excerpt(root, 40),
            message: format!(
                "the XML root element is <{}>; expected <gexf> (GEXF), <graphml> (GraphML), \
                 <graph> (XGMML) or <office:document> (a flat OpenDocument spreadsheet)",
                super::excerpt(root, 40)
            ),
        }),
    }
}

/// The local name of the first element, and where it starts, skipping the declaration,
/// comments and doctype.
fn xml_root(text: &str) -> Option<(&str, usize)> {
    let mut rest = text;
    let mut offset = 0;
    loop {
        let start = rest.find('<')?;
        let tail = &rest[start..];
        let skip_to = if tail.starts_with("<?") {
            tail.find("?>").map(|end| end + 2)
        } else if tail.starts_with("<!--") {
            tail.find("-->").map(|end| end + 3)
        } else if tail.starts_with("<!") {
            tail.find('>').map(|end| end + 1)
        } else {
            let name: &str = tail[1..]
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()?;
            let local = name.rsplit(':').next().unwrap_or(name);
            return Some((local, offset + start));
        };
        let advance = start + skip_to?;
        offset += advance;
        rest = &rest[advance..];
    }
}

/// Why no node table was looked for beside an edge list whose name holds no edge word.
const NOT_LOOKED_FOR: &str = "one is looked for only beside a file whose name has edges, \
     links, connections, relations or relationships in it";

/// The largest node table read beside an edge list.
pub const MAX_NODE_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// The most folder entries looked through for a node table named in another case: a folder
/// of millions of files is not listed to the end for one.
const MAX_FOLDER_ENTRIES_SCANNED: usize = 100_000;

/// The words an edge list's name may hold, each with the words its node table's name holds
/// in their place, the one the tools pair with it first: Gephi's `[Edges]`/`[Nodes]`, Kumu's
/// `connections`/`elements`, Neo4j's `relationships`/`nodes`, `relations`/`entities` as
/// knowledge-graph dumps write them. `relationships` comes before `relations`, which starts
/// it.
const TABLE_WORDS: &[(&str, [&str; 4])] = &[
    ("edges", ["nodes", "vertices", "elements", "entities"]),
    ("links", ["nodes", "vertices", "elements", "entities"]),
    ("connections", ["elements", "nodes", "vertices", "entities"]),
    (
        "relationships",
        ["nodes", "entities", "elements", "vertices"],
    ),
    ("relations", ["entities", "nodes", "elements", "vertices"]),
];

/// A node table beside an edge list that exists but could not be used: its name and why.
struct NodeFileProblem {
    file: String,
    reason: String,
}

/// What was found beside an edge list: a node table, one that could not be used, or none,
/// saying where it was looked for (for the report's note).
enum NodeLookup {
    Found(csv_edges::NodeFile),
    Unusable(NodeFileProblem),
    NotFound(String),
}

/// `word` (lower case) in the case of `like`: `NODES` for `EDGES`, `Nodes` for `Edges`, else
/// lower case.
fn in_case_of(word: &str, like: &str) -> String {
    let mut letters = like.chars();
    let first_upper = letters.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest = letters.as_str();
    if first_upper && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_uppercase()) {
        word.to_ascii_uppercase()
    } else if first_upper {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        })
    } else {
        word.to_owned()
    }
}

/// The names a node table beside the edge list `name` may have, best first, each in the case
/// of the word it replaces, with those words as written there; `None` when the name holds
/// none of [`TABLE_WORDS`].
fn node_table_names(name: &str) -> Option<(Vec<String>, Vec<String>)> {
    // ASCII lower case keeps every byte offset, so `at` is a boundary in `name` too (full
    // Unicode lower case changes lengths: the Kelvin sign K is 3 bytes, k is 1).
    let lower = name.to_ascii_lowercase();
    TABLE_WORDS.iter().find_map(|(edge_word, node_words)| {
        let at = lower.find(edge_word)?;
        let before = name.get(..at)?;
        let written = name.get(at..at + edge_word.len())?;
        let after = name.get(at + edge_word.len()..)?;
        let words: Vec<String> = node_words
            .iter()
            .map(|word| in_case_of(word, written))
            .collect();
        let names = words
            .iter()
            .map(|word| format!("{before}{word}{after}"))
            .collect();
        Some((names, words))
    })
}

/// The name of an entry of `path`'s folder that is one of `names` but for the case of its
/// ASCII letters, the earliest of `names` first.
fn in_any_case(path: &Path, names: &[String]) -> Option<String> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut best: Option<(usize, String)> = None;
    for entry in std::fs::read_dir(folder)
        .ok()?
        .take(MAX_FOLDER_ENTRIES_SCANNED)
        .flatten()
    {
        let Ok(entry_name) = entry.file_name().into_string() else {
            continue;
        };
        let rank = names
            .iter()
            .position(|name| name.eq_ignore_ascii_case(&entry_name));
        if let Some(rank) = rank
            && best.as_ref().is_none_or(|(held, _)| rank < *held)
        {
            best = Some((rank, entry_name));
        }
    }
    best.map(|(_, name)| name)
}

/// Where a node table was looked for: "looked for Supply Nodes.csv, or Vertices, Elements or
/// Entities in place of Nodes".
fn looked_for(names: &[String], words: &[String]) -> String {
    match (names.first(), words) {
        (Some(name), [first, others @ .., last]) if !others.is_empty() => format!(
            "looked for {name}, or {} or {last} in place of {first}",
            others.join(", ")
        ),
        (Some(name), _) => format!("looked for {name}"),
        (None, _) => String::new(),
    }
}

/// For `x-edges.csv` (or `links`, `connections`, `relationships`, `relations`, in any case),
/// a node table beside it: `x-nodes.csv` (or `vertices`, `elements`, `entities`), in the case
/// of the word it replaces (`Supply Nodes.csv` for `Supply Edges.csv`), else in any case (the
/// folder is listed for it; no other file is read). Only a regular file (a symbolic link is
/// followed only to one) within [`MAX_NODE_TABLE_BYTES`] is read; one that exists but is not
/// usable is reported. `None` only for a name that is not UTF-8.
fn csv_edges_node_file(path: &Path) -> Option<NodeLookup> {
    let name = path.file_name()?.to_str()?;
    // A name with none of the words a node table is paired by: said, so that the user knows
    // how to name one.
    let Some((names, words)) = node_table_names(name) else {
        return Some(NodeLookup::NotFound(NOT_LOOKED_FOR.to_owned()));
    };
    let found = names
        .iter()
        .find(|node_name| std::fs::metadata(path.with_file_name(node_name)).is_ok())
        .cloned()
        .or_else(|| in_any_case(path, &names));
    // Nothing there (or a dangling link): no node table, and where it was looked for.
    let Some(node_name) = found else {
        return Some(NodeLookup::NotFound(looked_for(&names, &words)));
    };
    let node_path = path.with_file_name(&node_name);
    Some(
        match super::read_text_file(&node_path, MAX_NODE_TABLE_BYTES) {
            Ok(text) => NodeLookup::Found(csv_edges::NodeFile {
                file: node_name,
                text,
            }),
            Err(error) => NodeLookup::Unusable(NodeFileProblem {
                file: node_name,
                reason: super::excerpt(&error.to_string(), 300),
            }),
        },
    )
}

/// One way a JSON document can be recognised.
struct Candidate {
    name: &'static str,
    /// Why the document is not in this format, or `None` when it is.
    misfit: fn(&Map<String, Value>) -> Option<&'static str>,
}

fn has(map: &Map<String, Value>, key: &str) -> bool {
    map.contains_key(key)
}

const CANDIDATES: &[Candidate] = &[
    Candidate {
        name: "Chainsight",
        misfit: |m| {
            (m.get("format") != Some(&Value::String(native::FORMAT_TAG.to_owned())))
                .then_some("no \"format\": \"chainsight\"")
        },
    },
    Candidate {
        name: "Gephi Lite workspace",
        misfit: |m| {
            (m.get("type").and_then(Value::as_str) != Some("gephi-lite"))
                .then_some("no \"type\": \"gephi-lite\"")
        },
    },
    Candidate {
        name: "Aleph diagram",
        misfit: |m| {
            let in_layout = m
                .get("layout")
                .and_then(|layout| layout.get("entities"))
                .is_some_and(Value::is_array);
            (!(has(m, "entities") && has(m, "layout") || in_layout))
                .then_some("no \"entities\" with a \"layout\", or \"layout.entities\"")
        },
    },
    Candidate {
        name: "Kumu blueprint",
        misfit: |m| {
            (!(has(m, "elements") && has(m, "connections")))
                .then_some("no \"elements\" with \"connections\"")
        },
    },
    Candidate {
        name: "Cytoscape.js",
        misfit: |m| {
            (!(has(m, "elements") || cytoscape::recognise_top_level(m)))
                .then_some("no \"elements\", and no \"nodes\" of {\"data\": ...}")
        },
    },
    Candidate {
        name: "Oligrapher map",
        misfit: |m| {
            (!oligrapher::recognise(m))
                .then_some("no \"graph\" with \"captions\" or edges with \"node1_id\"")
        },
    },
    Candidate {
        // Before JSON Graph Format, whose graphs are under "graph" too (JGF has "edges",
        // never "relationships"), and graphology.
        name: "Arrows.app diagram",
        misfit: |m| {
            (!arrows_app::recognise(m))
                .then_some("no \"nodes\" with \"relationships\", at the top or under \"graph\"")
        },
    },
    Candidate {
        // Before JSON Graph Format, whose graphs are under "graph" too (with node ids): apps
        // save graphology's export there, beside their own settings.
        name: "graphology",
        misfit: |m| {
            let nested = m
                .get("graph")
                .and_then(Value::as_object)
                .is_some_and(graphology::is_graphology);
            (!(graphology::is_graphology(m) || nested)).then_some(
                "no \"nodes\" with \"key\"s or \"options\", at the top or under \"graph\"",
            )
        },
    },
    Candidate {
        name: "JSON Graph Format",
        misfit: |m| {
            (!(m.get("graph").is_some_and(|g| g.get("nodes").is_some()) || has(m, "graphs")))
                .then_some("no \"graph\" with \"nodes\", or \"graphs\"")
        },
    },
    Candidate {
        name: "node-link (d3, networkx, vis-network)",
        misfit: |m| {
            (!(has(m, "nodes") && (has(m, "links") || has(m, "edges"))))
                .then_some("no \"nodes\" with \"links\" or \"edges\"")
        },
    },
];

fn read_json(
    file: &str,
    original: &str,
    text: &str,
    value: Value,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let misfit_error = |misfit: Misfit| LoadError::Structure {
        file: file.to_owned(),
        position: json_locate::locate(text, &misfit.json_path),
        json_path: if misfit.json_path.is_empty() {
            ".".to_owned()
        } else {
            misfit.json_path
        },
        message: misfit.message,
    };
    let map = match value {
        Value::Object(map) => map,
        // Cytoscape's CX: a list of aspects (before the Cytoscape.js check, which an opaque
        // aspect named "data" would pass), or any list in a file named as CX, whose reader
        // says best what is wrong with it.
        Value::Array(items)
            if cx::recognise(&items) || has_extension(file, "cx") || has_extension(file, "cx2") =>
        {
            return cx::read(file, items, text.len()).map_err(misfit_error);
        }
        Value::Array(items) if items.iter().any(|item| item.get("data").is_some()) => {
            return cytoscape::read_flat(file, items).map_err(misfit_error);
        }
        other => {
            return Err(LoadError::Structure {
                file: file.to_owned(),
                position: json_locate::locate(text, ""),
                json_path: ".".to_owned(),
                message: format!(
                    "found {} at the top level; expected a graph: a JSON object (or a Cytoscape.js list of elements, or a CX network: a list of aspects such as {{\"nodes\": [...]}})",
                    super::fields::describe(&other)
                ),
            });
        }
    };
    let Some(candidate) = CANDIDATES.iter().find(|c| (c.misfit)(&map).is_none()) else {
        let reasons: Vec<String> = CANDIDATES
            .iter()
            .filter_map(|c| (c.misfit)(&map).map(|why| format!("{}: {why}", c.name)))
            .collect();
        let keys: Vec<String> = map
            .keys()
            .take(12)
            .map(|key| super::excerpt(key, 40))
            .collect();
        return Err(LoadError::UnknownFormat {
            file: file.to_owned(),
            message: format!(
                "its top-level keys ({}) fit no known graph format. Tried — {}",
                if keys.is_empty() {
                    "none".to_owned()
                } else {
                    keys.join(", ")
                },
                reasons.join("; ")
            ),
        });
    };
    let result = match candidate.name {
        "Chainsight" => return native::read(file, original),
        "Gephi Lite workspace" => gephi_lite::read(file, map),
        "Aleph diagram" => return ftm::read_diagram(file, Value::Object(map)),
        "Kumu blueprint" => kumu::read(file, map),
        "Cytoscape.js" => cytoscape::read(file, map),
        "Oligrapher map" => oligrapher::read(file, map),
        "Arrows.app diagram" => arrows_app::read(file, map),
        "JSON Graph Format" => jgf::read(file, map, options.graph_index),
        "graphology" if graphology::is_graphology(&map) => graphology::read(file, map),
        "graphology" => graphology::read_nested(file, map),
        _ => node_link::read(file, map),
    };
    result.map_err(misfit_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_root_skips_prolog_and_comments() {
        let text =
            "<?xml version=\"1.0\"?>\n<!-- made by yEd -->\n<!DOCTYPE x>\n<graphml xmlns=\"...\">";
        assert_eq!(xml_root(text).map(|(root, _)| root), Some("graphml"));
        assert_eq!(xml_root("<g:gexf>").map(|(root, _)| root), Some("gexf"));
    }

    #[test]
    fn long_integers_are_quoted_and_others_left_alone() {
        let (text, kept) = keep_long_integers(
            r#"{"a": 123456789012345678901234567890, "b": "12345678901234567890123", "c": -1.5e300, "d": 18446744073709551615}"#,
        );
        assert_eq!(kept, 1);
        assert_eq!(
            text,
            r#"{"a": "123456789012345678901234567890", "b": "12345678901234567890123", "c": -1.5e300, "d": 18446744073709551615}"#
        );
        assert_eq!(keep_long_integers("[1, 2]").1, 0);
    }

    #[test]
    fn node_file_lookup_survives_names_whose_lower_case_changes_length() {
        let dir = tempfile::tempdir().unwrap();
        // The Kelvin sign lower-cases to a one-byte k.
        let name = "\u{212a}\u{212a}\u{212a}-edges.csv";
        std::fs::write(
            dir.path().join("\u{212a}\u{212a}\u{212a}-nodes.csv"),
            "id\na\n",
        )
        .unwrap();
        let Some(NodeLookup::Found(found)) = csv_edges_node_file(&dir.path().join(name)) else {
            panic!("found");
        };
        assert_eq!(found.file, "\u{212a}\u{212a}\u{212a}-nodes.csv");
        assert!(matches!(
            csv_edges_node_file(&dir.path().join("\u{212a}edges.csv")),
            Some(NodeLookup::NotFound(_))
        ));
    }

    #[test]
    fn node_file_is_found_beside_the_edge_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("supply-nodes.csv"), "id,label\n").unwrap();
        let Some(NodeLookup::Found(found)) =
            csv_edges_node_file(&dir.path().join("supply-edges.csv"))
        else {
            panic!("found");
        };
        assert_eq!(found.file, "supply-nodes.csv");
        assert!(matches!(
            csv_edges_node_file(&dir.path().join("other.csv")),
            Some(NodeLookup::NotFound(why)) if why == NOT_LOOKED_FOR
        ));
    }

    #[test]
    fn node_table_names_keep_the_case_of_the_word_they_replace() {
        let names = |name| node_table_names(name).map(|(names, _)| names);
        assert_eq!(names("Supply Edges.csv").unwrap()[0], "Supply Nodes.csv");
        assert_eq!(names("SUPPLY EDGES.CSV").unwrap()[0], "SUPPLY NODES.CSV");
        assert_eq!(names("supplyEdges.csv").unwrap()[0], "supplyNodes.csv");
        assert_eq!(names("x-eDgEs.csv").unwrap()[0], "x-nodes.csv");
        assert_eq!(
            names("Kumu Connections.csv").unwrap(),
            [
                "Kumu Elements.csv",
                "Kumu Nodes.csv",
                "Kumu Vertices.csv",
                "Kumu Entities.csv"
            ]
        );
        assert_eq!(names("relationships.csv").unwrap()[0], "nodes.csv");
        assert_eq!(names("relations.csv").unwrap()[0], "entities.csv");
        assert!(names("supply.csv").is_none());
    }
}
