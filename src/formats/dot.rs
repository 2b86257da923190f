//! Graphviz DOT (`.dot`, `.gv`), as Graphviz itself, networkx's `write_dot` (pydot and
//! pygraphviz), igraph and vis-network's examples write it:
//!
//! ```text
//! strict digraph "Safe City" {
//!     node [shape=box];
//!     IBM [label="IBM Corp.", type=company];
//!     IBM -> Huawei -> "Safe City" [label="supplied", weight=2];
//!     subgraph cluster_cloud { label="Huawei Cloud"; servers; storage }
//!     Huawei -> {servers storage} [dir=back];
//! }
//! ```
//!
//! The grammar is Graphviz's (graphviz.org/doc/info/lang.html): `strict`, `graph` or
//! `digraph` (keywords in any case), an optional name, statements separated by `;` or
//! nothing; node, edge and attribute statements, `graph`/`node`/`edge` defaults, `ID = ID`,
//! subgraphs (named, anonymous, and as the ends of an edge: `a -> {b c}` joins a to each);
//! ports (`a:p1:n`, kept as the edge's `tailport`/`headport`, as Graphviz keeps them); IDs as
//! names, numerals, "quoted strings" (`\"` the only escape; a backslash before a line end
//! joins the lines; `"a" + "b"` joins strings) and `<HTML strings>` (angle brackets nested);
//! `//` and `/* */` comments, and lines starting with `#`. A `->` in a `graph` or a `--` in a
//! `digraph` is an error at its place, as Graphviz refuses it.
//!
//! Defaults apply as Graphviz applies them: `node [...]` to nodes made after it, in its
//! subgraph and those within; an edge statement's attributes to each edge it makes. A
//! node's `label` is its name (`\N` the node's id, `\G` the graph's name; an HTML label by
//! the text it shows, the markup kept as `label markup`), an edge's its label; every
//! attribute goes through the vocabulary every reader shares (`type`, `relation`, `weight`,
//! `URL`, `comment`...: a node's `comment` is its description, an edge's is kept as the
//! attribute `comment`, as every reader keeps it), `tooltip` being a description where there
//! is none; an edge's `penwidth`, where it has no `weight`, is its weight (Graphviz users draw
//! strength as width; one that is no positive number is warned about and kept); `fillcolor`
//! (else `color`) is a node's or cluster's colour, HSV colours
//! (`"0.6 0.3 1.0"`) and names the window would read otherwise or not at all (X11's
//! `lightgrey`, `gray50`, `green`, Graphviz's default scheme) written as `#rrggbb`; `pos` is a position, its y turned (Graphviz's y points up); `dir`
//! and `arrowhead`/`arrowtail` give directions as drawn (see [`arrows`](super::arrows)). A
//! cluster (`subgraph cluster_x`, or since Graphviz 2.47 any subgraph saying `cluster=true`)
//! becomes an entity named by its `label` that its members are "part of"
//! ([`groups`](super::groups)). A `strict` graph merges repeated edges into the first, as
//! Graphviz does. An edge's `key` that is networkx's own numbering of a multigraph's parallel
//! edges (`key=0`, `key=1`... as its `write_dot` writes them) is not kept, as the node-link
//! and GEXF readers leave it ([`MultigraphKeys`]). The root graph's `label` (else its name)
//! is the title, `comment` the description.
//!
//! Hostile files are bounded: subgraphs nest at most [`MAX_DEPTH`] deep (the parser recurses
//! once per level), one `{...} -> {...}` makes at most [`MAX_EDGES_PER_PAIR`] edges, and
//! defaults and attribute lists copied onto many nodes and edges stop the load past a
//! budget that grows with the file.

use std::collections::{BTreeMap, HashSet};

// foldhash, as for the builder's ids: seeded per process, and fast on many lookups.
use foldhash::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};

use super::arrows::{ArrowShapes, Arrowheads, DrawnDirections};
use super::error::{TextPosition, text_lines};
use super::fields::{edge_from_fields, node_from_fields, not_read_note};
use super::groups::Groups;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::multigraph_keys::{Key, MultigraphKeys};
use super::vocabulary::{EdgeField, NodeField, edge_field, node_field};
use super::{LoadError, Loaded, excerpt, quoted};
use crate::words::counted;

/// How deep subgraphs may nest. Real files nest a few clusters; the parser recurses once per
/// level, and this keeps a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 100;

/// The most edges one pair of ends makes where a subgraph is one of them (`{a b c} -> {d e}`
/// joins every node of one to every node of the other): a short file could ask for billions.
pub const MAX_EDGES_PER_PAIR: usize = 10_000;

/// Attribute values copied onto nodes and edges (defaults onto each node or edge made, an
/// edge statement's list onto each of its edges, defaults a subgraph changes) that any file
/// may make; a larger file may make one more per byte. A real file copies a few defaults onto
/// each node it names in a few bytes; a hostile one, thousands onto each.
const BASE_COPY_BUDGET: usize = 1_000_000;

/// The convention named in the note on positions turned.
const Y_UP: &str = "Graphviz";

// ------------------------------------------------------------------------------- lexing

/// What kind of ID a token is: they mean the same (`abc` is `"abc"`), but only a bare name
/// can be a keyword, and an HTML string is markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IdKind {
    Name,
    Numeral,
    Quoted,
    Html,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Id(String, IdKind),
    Open,
    Close,
    OpenList,
    CloseList,
    Semicolon,
    Comma,
    Equals,
    Colon,
    Edge { directed: bool },
    End,
}

/// A token and the byte offset where it starts.
#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    at: usize,
}

/// An error: the byte offset it is at, and what is wrong.
type Fail = (usize, String);

struct Lexer<'a> {
    text: &'a str,
    at: usize,
    /// Numbers run into names (`2a`), read as two IDs as Graphviz reads them, with a
    /// warning each.
    warnings: Vec<(usize, String)>,
}

fn is_name_start(byte: u8) -> bool {
    // Graphviz takes every byte past ASCII for a letter: any UTF-8 character is one.
    byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80
}

fn is_name_byte(byte: u8) -> bool {
    is_name_start(byte) || byte.is_ascii_digit()
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        // Past a byte-order mark, offsets still count from the start of `text`.
        let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self {
            text,
            at,
            warnings: Vec::new(),
        }
    }

    /// Whether `at` is the first byte of its line but for spaces and tabs.
    fn at_line_start(&self, at: usize) -> bool {
        let before = self.text[..at].trim_end_matches([' ', '\t']);
        before.is_empty() || before == "\u{feff}" || before.ends_with(['\n', '\r'])
    }

    /// Skips whitespace and comments: `// ...`, `/* ... */` and lines starting with `#`
    /// (a C preprocessor's, as Graphviz discards them).
    fn skip_trivia(&mut self) -> Result<(), Fail> {
        let bytes = self.text.as_bytes();
        loop {
            while bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
                self.at += 1;
            }
            match (bytes.get(self.at), bytes.get(self.at + 1)) {
                (Some(b'/'), Some(b'/')) => self.skip_line(),
                (Some(b'#'), _) if self.at_line_start(self.at) => self.skip_line(),
                (Some(b'/'), Some(b'*')) => {
                    let Some(length) = self.text[self.at + 2..].find("*/") else {
                        return Err((
                            self.at,
                            "this comment is never closed with \"*/\": the rest of the file \
                             would be a comment"
                                .to_owned(),
                        ));
                    };
                    self.at += 2 + length + 2;
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_line(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
    }

    fn next(&mut self) -> Result<Token, Fail> {
        self.skip_trivia()?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        let Some(&first) = bytes.get(start) else {
            return Ok(Token {
                tok: Tok::End,
                at: start,
            });
        };
        let punctuation = match first {
            b'{' => Some(Tok::Open),
            b'}' => Some(Tok::Close),
            b'[' => Some(Tok::OpenList),
            b']' => Some(Tok::CloseList),
            b';' => Some(Tok::Semicolon),
            b',' => Some(Tok::Comma),
            b'=' => Some(Tok::Equals),
            b':' => Some(Tok::Colon),
            _ => None,
        };
        if let Some(tok) = punctuation {
            self.at += 1;
            return Ok(Token { tok, at: start });
        }
        let tok = match (first, bytes.get(start + 1)) {
            (b'-', Some(b'>')) => {
                self.at += 2;
                Tok::Edge { directed: true }
            }
            (b'-', Some(b'-')) => {
                self.at += 2;
                Tok::Edge { directed: false }
            }
            (b'-' | b'.' | b'0'..=b'9', _) => self.numeral(start)?,
            (b'"', _) => self.quoted(start)?,
            (b'<', _) => self.html(start)?,
            (byte, _) if is_name_start(byte) => {
                let length = bytes[start..]
                    .iter()
                    .position(|&b| !is_name_byte(b))
                    .unwrap_or(bytes.len() - start);
                self.at = start + length;
                // Past ASCII the name runs on to an ASCII byte, so `at` is a char boundary.
                Tok::Id(self.text[start..self.at].to_owned(), IdKind::Name)
            }
            (b'#', _) => {
                return Err((
                    start,
                    "\"#\" starts a comment only at the start of a line; a colour such as \
                     #ff0000 is written in quotes (\"#ff0000\")"
                        .to_owned(),
                ));
            }
            (b'+', _) => {
                return Err((
                    start,
                    "\"+\" joins two quoted strings (\"a\" + \"b\"); no quoted string comes \
                     before this one"
                        .to_owned(),
                ));
            }
            _ => {
                let c = self.text[start..].chars().next().unwrap_or_default();
                return Err((
                    start,
                    format!(
                        "unexpected character {}: expected a name, a number, a \"quoted \
                         string\", an <HTML string>, or one of {{ }} [ ] = ; , : -> --",
                        quoted(&excerpt(&c.to_string(), 4))
                    ),
                ));
            }
        };
        Ok(Token { tok, at: start })
    }

    /// `[-]?(.[0-9]+ | [0-9]+(.[0-9]*)?)`. A letter or a second `.` right after it (`2a`)
    /// starts the next ID, as Graphviz reads it, with a warning.
    fn numeral(&mut self, start: usize) -> Result<Tok, Fail> {
        let bytes = self.text.as_bytes();
        let digits = |from: usize| {
            bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut at = start + usize::from(bytes[start] == b'-');
        let whole = digits(at);
        at += whole;
        let mut fraction = 0;
        if bytes.get(at) == Some(&b'.') {
            fraction = digits(at + 1);
            at += 1 + fraction;
        }
        if whole + fraction == 0 {
            let message = if bytes[start] == b'-' {
                "a \"-\" starts \"->\", \"--\" or a negative number; none follows it"
            } else {
                "a \".\" starts no number here (a number is written 1, -2, 0.5 or .5)"
            };
            return Err((start, message.to_owned()));
        }
        self.at = at;
        let text = &self.text[start..at];
        if bytes.get(at).is_some_and(|&b| is_name_byte(b) || b == b'.') {
            let rest = &self.text[at..];
            let next: String = rest.chars().take(1).collect();
            self.warnings.push((
                start,
                format!(
                    "{} runs a number into what follows it; read as two IDs, {} and one \
                     starting {}, as Graphviz reads it (a space or quotes would say which \
                     was meant)",
                    quoted(&excerpt(&format!("{text}{next}"), 40)),
                    quoted(text),
                    quoted(&next)
                ),
            ));
        }
        Ok(Tok::Id(text.to_owned(), IdKind::Numeral))
    }

    /// A double-quoted string: `\"` is a quote, a backslash before a line end joins the
    /// lines, any other backslash stays (labels read `\n`, `\N`... later); `"a" + "b"` is
    /// one string.
    fn quoted(&mut self, start: usize) -> Result<Tok, Fail> {
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut opening = start;
        loop {
            let mut at = opening + 1;
            loop {
                let Some(offset) = memchr::memchr2(b'"', b'\\', &bytes[at..]) else {
                    return Err((
                        opening,
                        "this string is never closed with '\"': the file ends inside it".to_owned(),
                    ));
                };
                let found = at + offset;
                out.push_str(&self.text[at..found]);
                if bytes[found] == b'"' {
                    at = found + 1;
                    break;
                }
                at = match bytes.get(found + 1) {
                    Some(b'"') => {
                        out.push('"');
                        found + 2
                    }
                    Some(b'\\') => {
                        out.push_str("\\\\");
                        found + 2
                    }
                    Some(b'\n') => found + 2,
                    Some(b'\r') => found + 2 + usize::from(bytes.get(found + 2) == Some(&b'\n')),
                    _ => {
                        out.push('\\');
                        found + 1
                    }
                };
            }
            self.at = at;
            // `"a" + "b"`: one string.
            self.skip_trivia()?;
            if bytes.get(self.at) != Some(&b'+') {
                return Ok(Tok::Id(out, IdKind::Quoted));
            }
            let plus = self.at;
            self.at += 1;
            self.skip_trivia()?;
            if bytes.get(self.at) != Some(&b'"') {
                return Err((
                    plus,
                    "expected a quoted string after \"+\", which joins two (\"a\" + \"b\")"
                        .to_owned(),
                ));
            }
            opening = self.at;
        }
    }

    /// `<...>`, angle brackets nested: the markup between the outer two.
    fn html(&mut self, start: usize) -> Result<Tok, Fail> {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        let mut at = start;
        loop {
            let Some(offset) = memchr::memchr2(b'<', b'>', &bytes[at..]) else {
                return Err((
                    start,
                    "this HTML string is never closed with \">\": the file ends inside it \
                     (its angle brackets must pair up)"
                        .to_owned(),
                ));
            };
            let found = at + offset;
            if bytes[found] == b'<' {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    self.at = found + 1;
                    return Ok(Tok::Id(
                        self.text[start + 1..found].to_owned(),
                        IdKind::Html,
                    ));
                }
            }
            at = found + 1;
        }
    }
}

/// A token as a message names it.
fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Id(text, IdKind::Name) => format!("the name {}", quoted(&excerpt(text, 40))),
        Tok::Id(text, IdKind::Numeral) => format!("the number {text}"),
        Tok::Id(text, IdKind::Quoted) => {
            format!("the string {}", quoted(&excerpt(text, 40)))
        }
        Tok::Id(..) => "an HTML string".to_owned(),
        Tok::Open => "\"{\"".to_owned(),
        Tok::Close => "\"}\"".to_owned(),
        Tok::OpenList => "\"[\"".to_owned(),
        Tok::CloseList => "\"]\"".to_owned(),
        Tok::Semicolon => "\";\"".to_owned(),
        Tok::Comma => "\",\"".to_owned(),
        Tok::Equals => "\"=\"".to_owned(),
        Tok::Colon => "\":\"".to_owned(),
        Tok::Edge { directed: true } => "\"->\"".to_owned(),
        Tok::Edge { directed: false } => "\"--\"".to_owned(),
        Tok::End => "the end of the file".to_owned(),
    }
}

/// The keyword a bare name is, in any case, if it is one.
fn keyword(tok: &Tok) -> Option<&'static str> {
    let Tok::Id(word, IdKind::Name) = tok else {
        return None;
    };
    ["strict", "graph", "digraph", "node", "edge", "subgraph"]
        .into_iter()
        .find(|keyword| word.eq_ignore_ascii_case(keyword))
}

/// Whether `text` is DOT: past comments, `[strict] (graph | digraph) [ID] {`. GML's
/// `graph [` is not.
pub fn looks_like_dot(text: &str) -> bool {
    let mut lexer = Lexer::new(text);
    let mut next = || lexer.next().map(|token| token.tok).ok();
    let mut tok = next();
    if tok.as_ref().and_then(keyword) == Some("strict") {
        tok = next();
    }
    if !matches!(tok.as_ref().and_then(keyword), Some("graph" | "digraph")) {
        return false;
    }
    tok = next();
    if matches!(&tok, Some(t @ Tok::Id(..)) if keyword(t).is_none()) {
        tok = next();
    }
    tok == Some(Tok::Open)
}

// ----------------------------------------------------------------------------- the graph

/// An attribute's value as written: its text, whether it was an HTML string, and the byte
/// offset it is written at (for a port, its edge statement's), to place a warning on it.
#[derive(Clone, Debug, PartialEq)]
struct Attr {
    text: String,
    html: bool,
    at: usize,
}

type Attrs = BTreeMap<String, Attr>;

struct Node {
    id: String,
    /// Where it was first named.
    at: usize,
    attrs: Attrs,
    /// The subgraphs it was named in (innermost at each place), in order, repeats possible.
    subgraphs: Vec<usize>,
}

struct Edge {
    tail: usize,
    head: usize,
    at: usize,
    attrs: Attrs,
}

/// A subgraph: a cluster where its name starts with "cluster" or it says `cluster=true`
/// ([`Subgraph::is_cluster`]), which is known only once the file is read.
struct Subgraph {
    /// Its name; none for an anonymous one (`{ ... }`, `subgraph { ... }`).
    name: Option<String>,
    at: usize,
    /// The subgraph it was first opened in.
    parent: Option<usize>,
    /// Its own attributes (`graph [...]`, `name=value` inside it).
    attrs: Attrs,
}

impl Subgraph {
    /// Whether Graphviz draws it as a box: its name starts with "cluster" (in any case), or,
    /// since Graphviz 2.47, it says `cluster=true`, whatever its name.
    fn is_cluster(&self) -> bool {
        self.name.as_deref().is_some_and(is_cluster_name)
            || self
                .attrs
                .get("cluster")
                .is_some_and(|attr| !attr.html && graphviz_true(&attr.text))
    }
}

/// What a `{ }` or the whole graph gives the statements inside it.
#[derive(Clone)]
struct Scope {
    node_defaults: Rc<Attrs>,
    edge_defaults: Rc<Attrs>,
    /// The subgraph it is; none for the root graph.
    subgraph: Option<usize>,
}

/// One end of an edge statement: a node (with its port), or a subgraph, whose nodes are
/// the mentions between `start` and `end`.
enum Operand {
    Node { node: usize, port: Option<String> },
    Group { start: usize, end: usize },
}

struct Parser<'a> {
    text: &'a str,
    lexer: Lexer<'a>,
    peeked: Option<Token>,
    directed: bool,
    strict: bool,
    name: String,
    nodes: Vec<Node>,
    node_index: HashMap<String, usize>,
    edges: Vec<Edge>,
    /// For a strict graph, the edge made for each pair of ends.
    strict_index: HashMap<(usize, usize), usize>,
    /// Every subgraph, in the order they were first opened (each after the one holding it).
    subgraphs: Vec<Subgraph>,
    /// The named subgraphs by name: a name opened again is the same subgraph.
    subgraph_index: HashMap<String, usize>,
    scopes: Vec<Scope>,
    root_attrs: Attrs,
    /// The nodes named inside subgraphs, in order: a subgraph's nodes are a run of these.
    mentions: Vec<usize>,
    copies: usize,
    copy_budget: usize,
    /// Edges a strict graph merged into an earlier one.
    merged: usize,
    warnings: Vec<(usize, String)>,
    /// Where a second graph starts, if the file goes on.
    more_at: Option<usize>,
    /// The last subgraph closed: where its `}` is, what it was, where its `{` is (for the
    /// message on a `}` missing after it).
    last_closed: Option<(usize, String, usize)>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            lexer: Lexer::new(text),
            peeked: None,
            directed: false,
            strict: false,
            name: String::new(),
            nodes: Vec::new(),
            node_index: HashMap::default(),
            edges: Vec::new(),
            strict_index: HashMap::default(),
            subgraphs: Vec::new(),
            subgraph_index: HashMap::default(),
            scopes: vec![Scope {
                node_defaults: Rc::default(),
                edge_defaults: Rc::default(),
                subgraph: None,
            }],
            root_attrs: Attrs::new(),
            mentions: Vec::new(),
            copies: 0,
            copy_budget: BASE_COPY_BUDGET.saturating_add(text.len()),
            merged: 0,
            warnings: Vec::new(),
            more_at: None,
            last_closed: None,
        }
    }

    fn next(&mut self) -> Result<Token, Fail> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.lexer.next(),
        }
    }

    fn peek(&mut self) -> Result<&Tok, Fail> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next()?);
        }
        Ok(self.peeked.as_ref().map_or(&Tok::End, |token| &token.tok))
    }

    fn position(&self, at: usize) -> TextPosition {
        TextPosition::from_offset(self.text, at)
    }

    fn scope(&self) -> &Scope {
        // The root scope is never popped.
        &self.scopes[self.scopes.len() - 1]
    }

    /// Counts `count` attribute values copied, refusing the file past its budget.
    fn charge(&mut self, count: usize, at: usize) -> Result<(), Fail> {
        self.copies = self.copies.saturating_add(count);
        if self.copies > self.copy_budget {
            return Err((
                at,
                format!(
                    "defaults and attribute lists copied onto each node and edge made would \
                     give this graph more than {} attribute values; Chainsight stops here \
                     rather than fill the memory",
                    self.copy_budget
                ),
            ));
        }
        Ok(())
    }

    fn parse(mut self) -> Result<Self, Fail> {
        let mut token = self.next()?;
        if keyword(&token.tok) == Some("strict") {
            self.strict = true;
            token = self.next()?;
        }
        match keyword(&token.tok) {
            Some("graph") => self.directed = false,
            Some("digraph") => self.directed = true,
            _ => {
                return Err((
                    token.at,
                    format!(
                        "expected \"graph\" or \"digraph\" (a DOT file starts with [strict] \
                         graph or digraph, an optional name and \"{{\"); found {}",
                        describe(&token.tok)
                    ),
                ));
            }
        }
        token = self.next()?;
        if let Tok::Id(name, _) = &token.tok
            && keyword(&token.tok).is_none()
        {
            self.name.clone_from(name);
            token = self.next()?;
        }
        if token.tok != Tok::Open {
            return Err((
                token.at,
                format!(
                    "expected \"{{\" to open the graph's statements; found {}",
                    describe(&token.tok)
                ),
            ));
        }
        self.statements(token.at, "the graph")?;
        let after = self.next()?;
        match keyword(&after.tok) {
            _ if after.tok == Tok::End => {}
            Some("strict" | "graph" | "digraph") => self.more_at = Some(after.at),
            _ => {
                return Err((
                    after.at,
                    format!(
                        "expected the end of the file after the graph's closing \"}}\"; found \
                         {}",
                        describe(&after.tok)
                    ),
                ));
            }
        }
        self.warnings.append(&mut self.lexer.warnings);
        Ok(self)
    }

    /// Statements up to the `}` closing the `{` at `open_at`, which opened `what`; where
    /// that `}` is.
    fn statements(&mut self, open_at: usize, what: &str) -> Result<usize, Fail> {
        loop {
            let token = self.next()?;
            match token.tok {
                Tok::Close => return Ok(token.at),
                Tok::End => {
                    // The `}` missing may be an inner one's: say what the last one closed.
                    let last = match &self.last_closed {
                        Some((close, closed, opened)) if *close > open_at => format!(
                            " (the last \"}}\", at {}, closed {closed}, opened at {})",
                            self.position(*close),
                            self.position(*opened)
                        ),
                        _ => String::new(),
                    };
                    return Err((
                        token.at,
                        format!(
                            "the file ends inside {what}, opened with \"{{\" at {}; a \"}}\" \
                             may be missing{last}",
                            self.position(open_at)
                        ),
                    ));
                }
                Tok::Semicolon => {}
                _ => {
                    self.statement(token)?;
                    if self.scopes.len() == 1 {
                        // A subgraph's nodes are wanted only within the statement it is in.
                        self.mentions.clear();
                    }
                }
            }
        }
    }

    fn statement(&mut self, token: Token) -> Result<(), Fail> {
        let at = token.at;
        match keyword(&token.tok) {
            Some(kind @ ("graph" | "node" | "edge")) => {
                let open = self.next()?;
                if open.tok != Tok::OpenList {
                    return Err((
                        open.at,
                        format!(
                            "expected \"[\" after \"{kind}\", opening the attributes it sets for \
                             what follows (a node named {kind} is written in quotes); found {}",
                            describe(&open.tok)
                        ),
                    ));
                }
                let attrs = self.attribute_lists(open.at)?;
                self.defaults(kind, attrs, at)
            }
            Some("subgraph") => {
                let operand = self.subgraph_after_keyword(at)?;
                self.edge_statement(operand, at)
            }
            Some(word) => Err((
                at,
                format!(
                    "{} is a keyword of DOT and cannot start a statement here (a node named \
                     {word} is written in quotes)",
                    quoted(word)
                ),
            )),
            None => match token.tok {
                Tok::Open => {
                    let operand = self.subgraph_body(None, at)?;
                    self.edge_statement(operand, at)
                }
                Tok::Id(word, _) => {
                    if *self.peek()? == Tok::Equals {
                        self.next()?;
                        let value = self.value(&word)?;
                        self.graph_attribute(word, value);
                        return Ok(());
                    }
                    let operand = self.node_operand(word, at)?;
                    self.edge_statement(operand, at)
                }
                other => Err((
                    at,
                    format!(
                        "expected a statement (a node, an edge, name=value, node [...], edge \
                         [...], graph [...] or a subgraph); found {}",
                        describe(&other)
                    ),
                )),
            },
        }
    }

    /// The value after `key =`.
    fn value(&mut self, key: &str) -> Result<Attr, Fail> {
        let token = self.next()?;
        match token.tok {
            Tok::Id(text, kind) => Ok(Attr {
                text,
                html: kind == IdKind::Html,
                at: token.at,
            }),
            other => Err((
                token.at,
                format!(
                    "expected a value after {}=; found {}",
                    quoted(&excerpt(key, 40)),
                    describe(&other)
                ),
            )),
        }
    }

    /// `[a=b, c=d; e=f][g=h]`, the first `[` (at `open_at`) already read.
    fn attribute_lists(&mut self, mut open_at: usize) -> Result<Vec<(String, Attr)>, Fail> {
        let mut attrs = Vec::new();
        loop {
            loop {
                let token = self.next()?;
                match token.tok {
                    Tok::CloseList => break,
                    Tok::Id(key, _) => {
                        let equals = self.next()?;
                        if equals.tok != Tok::Equals {
                            return Err((
                                equals.at,
                                format!(
                                    "expected \"=\" and a value after the attribute name {} \
                                     (in the list opened with \"[\" at {}); found {}",
                                    quoted(&excerpt(&key, 40)),
                                    self.position(open_at),
                                    describe(&equals.tok)
                                ),
                            ));
                        }
                        let value = self.value(&key)?;
                        attrs.push((key, value));
                        if matches!(self.peek()?, Tok::Comma | Tok::Semicolon) {
                            self.next()?;
                        }
                    }
                    Tok::End => {
                        return Err((
                            token.at,
                            format!(
                                "the file ends inside the attribute list opened with \"[\" at \
                                 {}; a \"]\" may be missing",
                                self.position(open_at)
                            ),
                        ));
                    }
                    other => {
                        return Err((
                            token.at,
                            format!(
                                "expected an attribute (name=value) or the \"]\" closing the \
                                 list opened at {}; found {}",
                                self.position(open_at),
                                describe(&other)
                            ),
                        ));
                    }
                }
            }
            if *self.peek()? != Tok::OpenList {
                return Ok(attrs);
            }
            open_at = self.next()?.at;
        }
    }

    /// `node [...]`, `edge [...]` or `graph [...]`: defaults for what follows in this scope,
    /// or the (sub)graph's own attributes.
    fn defaults(&mut self, kind: &str, attrs: Vec<(String, Attr)>, at: usize) -> Result<(), Fail> {
        if kind == "graph" {
            for (key, value) in attrs {
                self.graph_attribute(key, value);
            }
            return Ok(());
        }
        let depth = self.scopes.len() - 1;
        let shared = {
            let scope = &self.scopes[depth];
            let defaults = if kind == "node" {
                &scope.node_defaults
            } else {
                &scope.edge_defaults
            };
            (Rc::strong_count(defaults) > 1).then(|| defaults.len())
        };
        if let Some(copied) = shared {
            // Changing defaults a subgraph shares with its parent copies them.
            self.charge(copied, at)?;
        }
        let scope = &mut self.scopes[depth];
        let defaults = if kind == "node" {
            &mut scope.node_defaults
        } else {
            &mut scope.edge_defaults
        };
        let defaults = Rc::make_mut(defaults);
        for (key, value) in attrs {
            defaults.insert(key, value);
        }
        Ok(())
    }

    /// `name = value` or `graph [name=value]`: the graph's or a subgraph's own attribute.
    fn graph_attribute(&mut self, key: String, value: Attr) {
        let attrs = match self.scope().subgraph {
            None => &mut self.root_attrs,
            Some(index) => &mut self.subgraphs[index].attrs,
        };
        attrs.insert(key, value);
    }

    /// The node named `id`, made (with the defaults in force) where it is new; noted as
    /// named in the clusters and subgraphs open.
    fn node(&mut self, id: String, at: usize) -> Result<usize, Fail> {
        let index = if let Some(&index) = self.node_index.get(&id) {
            index
        } else {
            let defaults = Rc::clone(&self.scope().node_defaults);
            self.charge(defaults.len(), at)?;
            let index = self.nodes.len();
            self.node_index.insert(id.clone(), index);
            self.nodes.push(Node {
                id,
                at,
                attrs: (*defaults).clone(),
                subgraphs: Vec::new(),
            });
            index
        };
        if let Some(subgraph) = self.scope().subgraph {
            let subgraphs = &mut self.nodes[index].subgraphs;
            if subgraphs.last() != Some(&subgraph) {
                subgraphs.push(subgraph);
            }
        }
        if self.scopes.len() > 1 {
            self.mentions.push(index);
        }
        Ok(index)
    }

    /// A node and its port (`a:p1:n`), the name already read.
    fn node_operand(&mut self, id: String, at: usize) -> Result<Operand, Fail> {
        let node = self.node(id, at)?;
        let mut port: Option<String> = None;
        // `:port` and `:compass`, at most two.
        for _ in 0..2 {
            if *self.peek()? != Tok::Colon {
                break;
            }
            self.next()?;
            let token = self.next()?;
            let Tok::Id(part, _) = token.tok else {
                return Err((
                    token.at,
                    format!(
                        "expected a port name after \":\" (as in a:p1 or a:p1:n); found {}",
                        describe(&token.tok)
                    ),
                ));
            };
            port = Some(match port {
                Some(first) => format!("{first}:{part}"),
                None => part,
            });
        }
        Ok(Operand::Node { node, port })
    }

    /// After `subgraph` (at `at`): an optional name, then `{ ... }`.
    fn subgraph_after_keyword(&mut self, at: usize) -> Result<Operand, Fail> {
        let mut token = self.next()?;
        let mut name = None;
        if let Tok::Id(text, _) = &token.tok
            && keyword(&token.tok).is_none()
        {
            name = Some(text.clone());
            token = self.next()?;
        }
        if token.tok != Tok::Open {
            return Err((
                token.at,
                format!(
                    "expected \"{{\" opening the subgraph begun at {}; found {}",
                    self.position(at),
                    describe(&token.tok)
                ),
            ));
        }
        self.subgraph_body(name.as_deref(), token.at)
    }

    /// A subgraph's statements, its `{` (at `open_at`) already read.
    fn subgraph_body(&mut self, name: Option<&str>, open_at: usize) -> Result<Operand, Fail> {
        if self.scopes.len() > MAX_DEPTH {
            return Err((
                open_at,
                format!("subgraphs nest more than {MAX_DEPTH} deep here"),
            ));
        }
        let parent = self.scope().clone();
        let subgraph = self.subgraph(name, open_at, parent.subgraph);
        let what = match name {
            Some(name) if is_cluster_name(name) => {
                format!("the cluster {}", quoted(&excerpt(name, 40)))
            }
            Some(name) => format!("the subgraph {}", quoted(&excerpt(name, 40))),
            None => "a subgraph".to_owned(),
        };
        self.scopes.push(Scope {
            subgraph: Some(subgraph),
            ..parent
        });
        let start = self.mentions.len();
        let result = self.statements(open_at, &what);
        self.scopes.pop();
        self.last_closed = Some((result?, what, open_at));
        Ok(Operand::Group {
            start,
            end: self.mentions.len(),
        })
    }

    /// The subgraph named `name` (a new one if it has none), opened for the first time
    /// inside `parent` where it is new.
    fn subgraph(&mut self, name: Option<&str>, at: usize, parent: Option<usize>) -> usize {
        if let Some(&index) = name.and_then(|name| self.subgraph_index.get(name)) {
            return index;
        }
        let index = self.subgraphs.len();
        if let Some(name) = name {
            self.subgraph_index.insert(name.to_owned(), index);
        }
        self.subgraphs.push(Subgraph {
            name: name.map(str::to_owned),
            at,
            parent,
            attrs: Attrs::new(),
        });
        index
    }

    /// The rest of a statement that began with `first` (at `at`): edges if `->` or `--`
    /// follow, else a node statement (or a subgraph alone).
    fn edge_statement(&mut self, first: Operand, at: usize) -> Result<(), Fail> {
        let mut operands = vec![first];
        while let Tok::Edge { directed } = *self.peek()? {
            let op = self.next()?;
            if directed != self.directed {
                return Err((op.at, wrong_edge_op(self.directed)));
            }
            let token = self.next()?;
            let operand = match (keyword(&token.tok), token.tok) {
                (Some("subgraph"), _) => self.subgraph_after_keyword(token.at)?,
                (None, Tok::Open) => self.subgraph_body(None, token.at)?,
                (None, Tok::Id(word, _)) => self.node_operand(word, token.at)?,
                (Some(word), _) => {
                    return Err((
                        token.at,
                        format!(
                            "{} is a keyword of DOT, not a node (a node named {word} is \
                             written in quotes)",
                            quoted(word)
                        ),
                    ));
                }
                (None, other) => {
                    return Err((
                        token.at,
                        format!(
                            "expected a node or a subgraph {{ ... }} after {}; found {}",
                            describe(&op.tok),
                            describe(&other)
                        ),
                    ));
                }
            };
            operands.push(operand);
        }
        let attrs = match self.peek()? {
            Tok::OpenList => {
                let open = self.next()?.at;
                self.attribute_lists(open)?
            }
            _ => Vec::new(),
        };
        if let [Operand::Node { node, .. }] = operands.as_slice() {
            let node = *node;
            for (key, value) in attrs {
                self.nodes[node].attrs.insert(key, value);
            }
            return Ok(());
        }
        if operands.len() == 1 && !attrs.is_empty() {
            return Err((
                at,
                "a subgraph takes no attribute list after it; set its attributes inside it \
                 (graph [...] or name=value)"
                    .to_owned(),
            ));
        }
        for pair in operands.windows(2) {
            self.edges_between(&pair[0], &pair[1], &attrs, at)?;
        }
        Ok(())
    }

    /// The nodes an end stands for, in the order they were made, each with its port.
    fn ends<'o>(&self, operand: &'o Operand) -> Vec<(usize, Option<&'o str>)> {
        match operand {
            Operand::Node { node, port } => vec![(*node, port.as_deref())],
            Operand::Group { start, end } => {
                let mut nodes = self.mentions[*start..*end].to_vec();
                nodes.sort_unstable();
                nodes.dedup();
                nodes.into_iter().map(|node| (node, None)).collect()
            }
        }
    }

    fn edges_between(
        &mut self,
        left: &Operand,
        right: &Operand,
        attrs: &[(String, Attr)],
        at: usize,
    ) -> Result<(), Fail> {
        let tails = self.ends(left);
        let heads = self.ends(right);
        let wanted = tails.len().saturating_mul(heads.len());
        let grouped =
            matches!(left, Operand::Group { .. }) || matches!(right, Operand::Group { .. });
        let limit = if grouped { MAX_EDGES_PER_PAIR } else { wanted };
        if wanted > limit {
            self.warnings.push((
                at,
                format!(
                    "this edge statement joins {} to {}, {wanted} edges; the first {limit} \
                     were made and the rest left out",
                    counted(tails.len(), "node", "nodes"),
                    counted(heads.len(), "node", "nodes"),
                ),
            ));
        }
        let mut made = 0;
        for &(tail, tail_port) in &tails {
            for &(head, head_port) in &heads {
                if made == limit {
                    return Ok(());
                }
                made += 1;
                let ports = [("tailport", tail_port), ("headport", head_port)];
                self.edge(tail, head, attrs, ports, at)?;
            }
        }
        Ok(())
    }

    /// One edge from `tail` to `head`, with the statement's `attrs` and the ends' ports; in a
    /// strict graph, the one already made between them if there is one, its attributes set
    /// again.
    fn edge(
        &mut self,
        tail: usize,
        head: usize,
        attrs: &[(String, Attr)],
        ports: [(&str, Option<&str>); 2],
        at: usize,
    ) -> Result<(), Fail> {
        let key = if self.directed || tail <= head {
            (tail, head)
        } else {
            (head, tail)
        };
        let strict_existing = if self.strict {
            self.strict_index.get(&key).copied()
        } else {
            None
        };
        let mut all = if let Some(existing) = strict_existing {
            self.merged += 1;
            std::mem::take(&mut self.edges[existing].attrs)
        } else {
            let defaults = Rc::clone(&self.scope().edge_defaults);
            self.charge(defaults.len() + attrs.len(), at)?;
            (*defaults).clone()
        };
        for (name, value) in attrs {
            all.insert(name.clone(), value.clone());
        }
        for (name, port) in ports {
            if let Some(port) = port {
                all.insert(name.to_owned(), plain(port, at));
            }
        }
        if let Some(existing) = strict_existing {
            self.edges[existing].attrs = all;
        } else {
            if self.strict {
                self.strict_index.insert(key, self.edges.len());
            }
            self.edges.push(Edge {
                tail,
                head,
                at,
                attrs: all,
            });
        }
        Ok(())
    }
}

/// The error for `->` in an undirected graph or `--` in a directed one.
fn wrong_edge_op(directed: bool) -> String {
    if directed {
        "\"--\" in a digraph: its edges are written \"->\" (\"--\" joins nodes of an undirected \
         graph); Graphviz refuses this, vis-network reads it as a link without a direction"
            .to_owned()
    } else {
        "\"->\" in an undirected graph: its edges are written \"--\" (make it a digraph for \
         edges with a direction)"
            .to_owned()
    }
}

fn plain(text: &str, at: usize) -> Attr {
    Attr {
        text: text.to_owned(),
        html: false,
        at,
    }
}

/// Whether a subgraph of this name is a cluster, which Graphviz draws as a box: its name
/// starts with "cluster", in any case.
fn is_cluster_name(name: &str) -> bool {
    name.get(..7)
        .is_some_and(|start| start.eq_ignore_ascii_case("cluster"))
}

/// Whether Graphviz reads a boolean attribute as true (its `mapBool`): `true` or `yes` in
/// any case, or digits making a number other than 0 (`1`, `2x`); anything else is false.
fn graphviz_true(text: &str) -> bool {
    text.eq_ignore_ascii_case("true")
        || text.eq_ignore_ascii_case("yes")
        || text
            .bytes()
            .take_while(u8::is_ascii_digit)
            .any(|digit| digit != b'0')
}

// ---------------------------------------------------------------------------- the values

/// The names an escString's `\N`, `\G`, `\E`, `\T` and `\H` stand for.
#[derive(Clone, Copy, Default)]
struct Names<'a> {
    graph: &'a str,
    node: &'a str,
    tail: &'a str,
    head: &'a str,
    directed: bool,
}

/// A label as Graphviz shows it (its escString): `\N` the node's name, `\G` the graph's,
/// `\E`, `\T`, `\H` the edge's, its ends'; `\n`, `\l`, `\r` end lines, read here as spaces
/// (a name is one line); any other `\c` is c.
fn shown(text: &str, names: Names<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('N') => out.push_str(names.node),
            Some('G') => out.push_str(names.graph),
            Some('E') => {
                out.push_str(names.tail);
                out.push_str(if names.directed { "->" } else { "--" });
                out.push_str(names.head);
            }
            Some('T') => out.push_str(names.tail),
            Some('H') => out.push_str(names.head),
            // The object's own label, for its other labels: none here.
            Some('L') => {}
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    one_line(&out)
}

/// Lines joined by single spaces, blank ones dropped.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text an HTML-like label shows (see [`super::markup::shown_text`]); the lexer closed
/// every tag, and a label that somehow did not is shown as written, on one line.
fn html_text(markup: &str) -> String {
    super::markup::shown_text(markup).unwrap_or_else(|| one_line(markup))
}

/// Numbers separated by commas (and spaces): `pos` and `bb`.
fn numbers(text: &str) -> Option<Vec<f64>> {
    text.split(',')
        .map(|part| part.trim().parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect()
}

/// A node's `pos`: `x,y`, `x,y!` (pinned, as all positions a file gives are) or `x,y,z`.
fn position(text: &str) -> Option<(f64, f64, Option<f64>)> {
    let text = text.trim();
    let text = text.strip_suffix('!').unwrap_or(text);
    match numbers(text)?.as_slice() {
        [x, y] => Some((*x, *y, None)),
        [x, y, z] => Some((*x, *y, Some(*z))),
        _ => None,
    }
}

/// The centre of a bounding box `llx,lly,urx,ury`.
fn centre(bb: &str) -> Option<(f64, f64)> {
    match numbers(bb)?.as_slice() {
        [llx, lly, urx, ury] => Some(((llx + urx) / 2.0, (lly + ury) / 2.0)),
        _ => None,
    }
}

/// How many of the colours the window cannot draw the report names.
const UNKNOWN_COLOURS_LISTED: usize = 20;

/// How [`colour`] read a colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColourRead {
    /// As written: `#rrggbb`, or a name the window draws as Graphviz does (`white`, `blue`).
    AsWritten,
    /// Graphviz's HSV, written as `#rrggbb`.
    Hsv,
    /// A name the window would draw otherwise or not at all (`lightgrey`, `grey50`, X11's
    /// `green`), written as `#rrggbb`.
    Named,
    /// Nothing the window draws (a Brewer scheme's `/blues9/3`, a gradient `red:blue`):
    /// kept as written.
    Unknown,
}

/// A colour as the window reads it, in the colour scheme `scheme` (the `colorscheme`
/// attribute; Graphviz's default is X11's): Graphviz's HSV (`"0.650 0.200 1.000"`, commas or
/// spaces) as `#rrggbb`; a name as Graphviz draws it (X11's colours, `svg`'s where that is the
/// scheme; `/x11/…` and `/svg/…` name their scheme; spaces and case aside, `grey` as `gray`),
/// kept as written where the window reads that name as the same colour, so the legend can
/// say it, else as `#rrggbb`; `#rrggbb` as written.
fn colour(text: &str, scheme: Option<&str>) -> (String, ColourRead) {
    let text = text.trim();
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect();
    let hsv: Option<Vec<f64>> = (parts.len() == 3)
        .then(|| {
            parts
                .iter()
                .map(|p| p.parse::<f64>().ok().filter(|n| (0.0..=1.0).contains(n)))
                .collect()
        })
        .flatten();
    if let Some(&[h, s, v]) = hsv.as_deref() {
        return (hsv_hex(h, s, v), ColourRead::Hsv);
    }
    if text.starts_with('#') {
        let read = if window_rgb(text).is_some() {
            ColourRead::AsWritten
        } else {
            ColourRead::Unknown
        };
        return (text.to_owned(), read);
    }
    let (scheme, name) = match text.strip_prefix('/').and_then(|rest| rest.split_once('/')) {
        Some((scheme, name)) => (Some(scheme), name),
        None => (scheme, text),
    };
    let scheme = scheme.map(|s| s.trim().to_ascii_lowercase());
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("grey", "gray");
    let drawn = match scheme.as_deref() {
        None | Some("" | "x11") => x11_colour(&key).or_else(|| window_rgb(&key)),
        Some("svg") => window_rgb(&key),
        Some(_) => None,
    };
    match drawn {
        None => (text.to_owned(), ColourRead::Unknown),
        Some(rgb) if window_rgb(text) == Some(rgb) => (text.to_owned(), ColourRead::AsWritten),
        Some([r, g, b]) => (format!("#{r:02x}{g:02x}{b:02x}"), ColourRead::Named),
    }
}

/// The colour the window draws for `text`, read as the window reads a file's colours (CSS:
/// `#rrggbb`, `steelblue`; no `lightgrey`).
fn window_rgb(text: &str) -> Option<[u8; 3]> {
    let rgba = color::parse_color(text)
        .ok()?
        .to_alpha_color::<color::Srgb>()
        .to_rgba8();
    Some([rgba.r, rgba.g, rgba.b])
}

/// An X11 colour by its name, lower case, without spaces, `gray` for `grey`.
fn x11_colour(key: &str) -> Option<[u8; 3]> {
    static TABLE: std::sync::OnceLock<HashMap<String, [u8; 3]>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let rgb = |hex: &str| {
            let byte = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
            Some([byte(0)?, byte(2)?, byte(4)?])
        };
        let mut table = HashMap::default();
        for line in X11_COLOURS.lines() {
            let mut words = line.split_whitespace();
            let Some(name) = words.next() else { continue };
            for (shade, hex) in words.enumerate() {
                if let Some(rgb) = rgb(hex) {
                    let key = match shade {
                        0 => name.to_owned(),
                        n => format!("{name}{n}"),
                    };
                    table.insert(key, rgb);
                }
            }
        }
        for (level, hex) in X11_GRAYS.split_whitespace().enumerate() {
            if let Ok(value) = u8::from_str_radix(hex, 16) {
                table.insert(format!("gray{level}"), [value; 3]);
            }
        }
        table
    });
    table.get(key).copied()
}

/// Graphviz's default colour scheme, X11's colours (X.Org's `rgb.txt`): each line a name
/// (lower case, without spaces, `gray` for `grey`), its colour (`-` where X11 has only its
/// shades), and where X11 has them, its shades 1 to 4 (`blue1`…`blue4`).
const X11_COLOURS: &str = "\
snow fffafa fffafa eee9e9 cdc9c9 8b8989
ghostwhite f8f8ff
whitesmoke f5f5f5
gainsboro dcdcdc
floralwhite fffaf0
oldlace fdf5e6
linen faf0e6
antiquewhite faebd7 ffefdb eedfcc cdc0b0 8b8378
papayawhip ffefd5
blanchedalmond ffebcd
bisque ffe4c4 ffe4c4 eed5b7 cdb79e 8b7d6b
peachpuff ffdab9 ffdab9 eecbad cdaf95 8b7765
navajowhite ffdead ffdead eecfa1 cdb38b 8b795e
moccasin ffe4b5
cornsilk fff8dc fff8dc eee8cd cdc8b1 8b8878
ivory fffff0 fffff0 eeeee0 cdcdc1 8b8b83
lemonchiffon fffacd fffacd eee9bf cdc9a5 8b8970
seashell fff5ee fff5ee eee5de cdc5bf 8b8682
honeydew f0fff0 f0fff0 e0eee0 c1cdc1 838b83
mintcream f5fffa
azure f0ffff f0ffff e0eeee c1cdcd 838b8b
aliceblue f0f8ff
lavender e6e6fa
lavenderblush fff0f5 fff0f5 eee0e5 cdc1c5 8b8386
mistyrose ffe4e1 ffe4e1 eed5d2 cdb7b5 8b7d7b
white ffffff
black 000000
darkslategray 2f4f4f 97ffff 8deeee 79cdcd 528b8b
dimgray 696969
slategray 708090 c6e2ff b9d3ee 9fb6cd 6c7b8b
lightslategray 778899
gray bebebe
lightgray d3d3d3
midnightblue 191970
navy 000080
navyblue 000080
cornflowerblue 6495ed
darkslateblue 483d8b
slateblue 6a5acd 836fff 7a67ee 6959cd 473c8b
mediumslateblue 7b68ee
lightslateblue 8470ff
mediumblue 0000cd
royalblue 4169e1 4876ff 436eee 3a5fcd 27408b
blue 0000ff 0000ff 0000ee 0000cd 00008b
dodgerblue 1e90ff 1e90ff 1c86ee 1874cd 104e8b
deepskyblue 00bfff 00bfff 00b2ee 009acd 00688b
skyblue 87ceeb 87ceff 7ec0ee 6ca6cd 4a708b
lightskyblue 87cefa b0e2ff a4d3ee 8db6cd 607b8b
steelblue 4682b4 63b8ff 5cacee 4f94cd 36648b
lightsteelblue b0c4de cae1ff bcd2ee a2b5cd 6e7b8b
lightblue add8e6 bfefff b2dfee 9ac0cd 68838b
powderblue b0e0e6
paleturquoise afeeee bbffff aeeeee 96cdcd 668b8b
darkturquoise 00ced1
mediumturquoise 48d1cc
turquoise 40e0d0 00f5ff 00e5ee 00c5cd 00868b
cyan 00ffff 00ffff 00eeee 00cdcd 008b8b
lightcyan e0ffff e0ffff d1eeee b4cdcd 7a8b8b
cadetblue 5f9ea0 98f5ff 8ee5ee 7ac5cd 53868b
mediumaquamarine 66cdaa
aquamarine 7fffd4 7fffd4 76eec6 66cdaa 458b74
darkgreen 006400
darkolivegreen 556b2f caff70 bcee68 a2cd5a 6e8b3d
darkseagreen 8fbc8f c1ffc1 b4eeb4 9bcd9b 698b69
seagreen 2e8b57 54ff9f 4eee94 43cd80 2e8b57
mediumseagreen 3cb371
lightseagreen 20b2aa
palegreen 98fb98 9aff9a 90ee90 7ccd7c 548b54
springgreen 00ff7f 00ff7f 00ee76 00cd66 008b45
lawngreen 7cfc00
green 00ff00 00ff00 00ee00 00cd00 008b00
chartreuse 7fff00 7fff00 76ee00 66cd00 458b00
mediumspringgreen 00fa9a
greenyellow adff2f
limegreen 32cd32
yellowgreen 9acd32
forestgreen 228b22
olivedrab 6b8e23 c0ff3e b3ee3a 9acd32 698b22
darkkhaki bdb76b
khaki f0e68c fff68f eee685 cdc673 8b864e
palegoldenrod eee8aa
lightgoldenrodyellow fafad2
lightyellow ffffe0 ffffe0 eeeed1 cdcdb4 8b8b7a
yellow ffff00 ffff00 eeee00 cdcd00 8b8b00
gold ffd700 ffd700 eec900 cdad00 8b7500
lightgoldenrod eedd82 ffec8b eedc82 cdbe70 8b814c
goldenrod daa520 ffc125 eeb422 cd9b1d 8b6914
darkgoldenrod b8860b ffb90f eead0e cd950c 8b6508
rosybrown bc8f8f ffc1c1 eeb4b4 cd9b9b 8b6969
indianred cd5c5c ff6a6a ee6363 cd5555 8b3a3a
saddlebrown 8b4513
sienna a0522d ff8247 ee7942 cd6839 8b4726
peru cd853f
burlywood deb887 ffd39b eec591 cdaa7d 8b7355
beige f5f5dc
wheat f5deb3 ffe7ba eed8ae cdba96 8b7e66
sandybrown f4a460
tan d2b48c ffa54f ee9a49 cd853f 8b5a2b
chocolate d2691e ff7f24 ee7621 cd661d 8b4513
firebrick b22222 ff3030 ee2c2c cd2626 8b1a1a
brown a52a2a ff4040 ee3b3b cd3333 8b2323
darksalmon e9967a
salmon fa8072 ff8c69 ee8262 cd7054 8b4c39
lightsalmon ffa07a ffa07a ee9572 cd8162 8b5742
orange ffa500 ffa500 ee9a00 cd8500 8b5a00
darkorange ff8c00 ff7f00 ee7600 cd6600 8b4500
coral ff7f50 ff7256 ee6a50 cd5b45 8b3e2f
lightcoral f08080
tomato ff6347 ff6347 ee5c42 cd4f39 8b3626
orangered ff4500 ff4500 ee4000 cd3700 8b2500
red ff0000 ff0000 ee0000 cd0000 8b0000
hotpink ff69b4 ff6eb4 ee6aa7 cd6090 8b3a62
deeppink ff1493 ff1493 ee1289 cd1076 8b0a50
pink ffc0cb ffb5c5 eea9b8 cd919e 8b636c
lightpink ffb6c1 ffaeb9 eea2ad cd8c95 8b5f65
palevioletred db7093 ff82ab ee799f cd6889 8b475d
maroon b03060 ff34b3 ee30a7 cd2990 8b1c62
mediumvioletred c71585
violetred d02090 ff3e96 ee3a8c cd3278 8b2252
magenta ff00ff ff00ff ee00ee cd00cd 8b008b
violet ee82ee
plum dda0dd ffbbff eeaeee cd96cd 8b668b
orchid da70d6 ff83fa ee7ae9 cd69c9 8b4789
mediumorchid ba55d3 e066ff d15fee b452cd 7a378b
darkorchid 9932cc bf3eff b23aee 9a32cd 68228b
darkviolet 9400d3
blueviolet 8a2be2
purple a020f0 9b30ff 912cee 7d26cd 551a8b
mediumpurple 9370db ab82ff 9f79ee 8968cd 5d478b
thistle d8bfd8 ffe1ff eed2ee cdb5cd 8b7b8b
darkgray a9a9a9
darkblue 00008b
darkcyan 008b8b
darkmagenta 8b008b
darkred 8b0000
lightgreen 90ee90";

/// X11's `gray0` to `gray100` (`grey0`…), each its red, green and blue.
const X11_GRAYS: &str = "\
00 03 05 08 0a 0d 0f 12 14 17 1a 1c 1f 21 24 26 29 2b 2e 30 33 36 38 3b 3d \
40 42 45 47 4a 4d 4f 52 54 57 59 5c 5e 61 63 66 69 6b 6e 70 73 75 78 7a 7d \
7f 82 85 87 8a 8c 8f 91 94 96 99 9c 9e a1 a3 a6 a8 ab ad b0 b3 b5 b8 ba bd \
bf c2 c4 c7 c9 cc cf d1 d4 d6 d9 db de e0 e3 e5 e8 eb ed f0 f2 f5 f7 fa fc \
ff";

fn hsv_hex(hue: f64, saturation: f64, value: f64) -> String {
    let sector = (hue * 6.0).floor();
    let within = hue * 6.0 - sector;
    let low = value * (1.0 - saturation);
    let falling = value * (1.0 - within * saturation);
    let rising = value * (1.0 - (1.0 - within) * saturation);
    // `sector` is 0 to 6 (a hue of 1 is sector 6, which is 0 again).
    let (red, green, blue) = match sector as u8 % 6 {
        0 => (value, rising, low),
        1 => (falling, value, low),
        2 => (low, value, rising),
        3 => (low, falling, value),
        4 => (rising, low, value),
        _ => (value, low, falling),
    };
    let byte = |part: f64| (part * 255.0).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(red), byte(green), byte(blue))
}

/// Whether Graphviz draws an arrowhead of this name as a plain arrow: `normal` and `vee`
/// (and their open and half forms, `onormal`, `lvee`; the old `empty`, `open`, `halfopen`),
/// or none.
fn is_plain_graphviz_arrow(shape: &str) -> bool {
    let shape = shape.trim().to_ascii_lowercase();
    let base = shape.trim_start_matches(['o', 'l', 'r']);
    ["normal", "vee", "none"].contains(&base)
        || ["empty", "open", "halfopen"].contains(&shape.as_str())
}

// --------------------------------------------------------------------------- the dataset

/// Where each line starts, to name the line of a node or edge.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        Self(text_lines(text).map(|line| line.start).collect())
    }

    /// `line N` for byte `at`.
    fn path(&self, at: usize) -> String {
        format!(
            "line {}",
            self.0.partition_point(|&start| start <= at).max(1)
        )
    }
}

/// What the build counts for the report.
#[derive(Default)]
struct Stats {
    /// Attributes kept as they are, read as nothing else: by name, how many of each
    /// [`Holder`] have it.
    kept: HashMap<String, [usize; 3]>,
    html_labels: usize,
    outlines: usize,
    hsv: usize,
    /// Colour names the window would draw otherwise, written as `#rrggbb`.
    named_colours: usize,
    /// Colours the window draws not at all, each once (the first few), and how many nodes
    /// and clusters have one.
    unknown_colours: Vec<String>,
    undrawn_colours: usize,
    directions: DrawnDirections,
    shapes: ArrowShapes,
    /// Edges weighted by their `penwidth`, having no `weight` of their own.
    penwidth_weights: usize,
    /// Where each `penwidth` that is no positive number is written, warned about once each
    /// however many edges a default gives it to.
    bad_penwidths: HashSet<usize>,
}

/// What holds an attribute, in the order the note names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    Node = 0,
    Cluster = 1,
    Edge = 2,
}

impl Stats {
    /// Counts `key` kept only as an attribute of one more `holder`.
    fn keep(&mut self, key: &str, holder: Holder) {
        // Looked up by `&str` first: a file's few names, on each of many records.
        if let Some(counts) = self.kept.get_mut(key) {
            counts[holder as usize] += 1;
        } else {
            let mut counts = [0; 3];
            counts[holder as usize] = 1;
            self.kept.insert(key.to_owned(), counts);
        }
    }

    /// The notes on colours read: HSV and names written as `#rrggbb`, and those not drawn.
    fn colour_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.hsv > 0 {
            notes.push(format!(
                "{} (hue, saturation, value) written as #rrggbb",
                counted(self.hsv, "HSV colour", "HSV colours")
            ));
        }
        if self.named_colours > 0 {
            notes.push(format!(
                "{} written as #rrggbb, the colour Graphviz draws for it (X11's lightgrey, \
                 gray50, green…), which the window would read otherwise or not at all",
                counted(self.named_colours, "colour name", "colour names")
            ));
        }
        let unknown: Vec<String> = self
            .unknown_colours
            .iter()
            .map(|colour| quoted(&excerpt(colour, 40)))
            .collect();
        notes.extend(not_read_note(
            &format!(
                "colours not drawn (kept as written; {} drawn in the colour of their kind \
                 instead)",
                counted(self.undrawn_colours, "node or cluster", "nodes or clusters")
            ),
            &unknown,
        ));
        notes
    }
}

/// Whether any key of `map` feeds the node field `field`.
fn has_node_field(map: &Map<String, Value>, field: NodeField) -> bool {
    map.keys()
        .any(|key| node_field(key).is_some_and(|(found, _)| found == field))
}

fn has_edge_field(map: &Map<String, Value>, field: EdgeField) -> bool {
    map.keys()
        .any(|key| edge_field(key).is_some_and(|(found, _)| found == field))
}

/// A label's value: HTML by the text it shows, its markup kept as `label markup`; else as
/// Graphviz shows it.
fn put_label(map: &mut Map<String, Value>, attr: Attr, names: Names<'_>, stats: &mut Stats) {
    if attr.html {
        stats.html_labels += 1;
        map.insert("label".to_owned(), Value::String(html_text(&attr.text)));
        map.insert("label markup".to_owned(), Value::String(attr.text));
    } else {
        map.insert("label".to_owned(), Value::String(shown(&attr.text, names)));
    }
}

/// The dataset being made, and what is counted for the report on the way.
struct Out {
    builder: GraphBuilder,
    stats: Stats,
}

/// A node or a cluster as the builder takes it, with where it is and the groups holding it.
type Entity = (String, ImportedNode, Vec<String>);

/// Which subgraphs are clusters, and which cluster holds each: a subgraph that is none is
/// seen through, its nodes and clusters being those of the cluster around it.
struct ClusterTree {
    /// For each subgraph, the innermost cluster it is or is in.
    nearest: Vec<Option<usize>>,
    /// For each subgraph, the innermost cluster it is in (not itself).
    above: Vec<Option<usize>>,
}

impl ClusterTree {
    fn of(subgraphs: &[Subgraph]) -> Self {
        let mut nearest: Vec<Option<usize>> = Vec::with_capacity(subgraphs.len());
        let mut above = Vec::with_capacity(subgraphs.len());
        for (index, subgraph) in subgraphs.iter().enumerate() {
            // A subgraph comes after the one it was first opened in.
            let outer = subgraph.parent.and_then(|parent| nearest[parent]);
            above.push(outer);
            nearest.push(if subgraph.is_cluster() {
                Some(index)
            } else {
                outer
            });
        }
        Self { nearest, above }
    }

    /// The clusters of `named` (the subgraphs a node was named in, innermost each time)
    /// without those holding another of them: a node is part of its innermost cluster.
    fn innermost(&self, named: &[usize]) -> Vec<usize> {
        let mut set: Vec<usize> = named
            .iter()
            .filter_map(|&subgraph| self.nearest[subgraph])
            .collect();
        set.sort_unstable();
        set.dedup();
        let mut outer = HashSet::new();
        for &cluster in &set {
            let mut next = self.above[cluster];
            while let Some(parent) = next {
                if !outer.insert(parent) {
                    break;
                }
                next = self.above[parent];
            }
        }
        set.retain(|cluster| !outer.contains(cluster));
        set
    }
}

impl Parser<'_> {
    fn build(self, file: &str) -> Loaded {
        let lines = Lines::of(self.text);
        let format = format!(
            "Graphviz DOT ({}{})",
            if self.strict { "strict, " } else { "" },
            if self.directed {
                "directed"
            } else {
                "undirected"
            }
        );
        let mut out = Out {
            builder: GraphBuilder::new(file, format),
            stats: Stats::default(),
        };
        let graph_names = Names {
            graph: &self.name,
            directed: self.directed,
            ..Names::default()
        };
        let unread_graph = self.graph_metadata(&mut out.builder, graph_names);
        let entities = self.entities(&mut out, &lines, graph_names);
        let clusters = entities.len() - self.nodes.len();
        let mut groups = Groups::of_nodes(&entities, |(_, node, groups)| {
            (node.id.as_str(), groups.as_slice())
        });
        for (path, mut node, member_of) in entities {
            groups.place(&mut out.builder, &path, &mut node, member_of);
            out.builder.add_node(&path, node);
        }
        let mut keys = MultigraphKeys::default();
        for edge in &self.edges {
            let names = Names {
                tail: &self.nodes[edge.tail].id,
                head: &self.nodes[edge.head].id,
                ..graph_names
            };
            let key = edge.attrs.get("key").filter(|key| !key.text.is_empty());
            let numbered =
                keys.is_numbering(names.tail, names.head, self.directed, key.map(networkx_key));
            self.add_edge(&mut out, &lines.path(edge.at), edge, names, numbered);
        }
        for (at, message) in &self.warnings {
            out.builder.warn(lines.path(*at), message.clone());
        }
        self.notes(&mut out, &unread_graph, clusters, &lines);
        if let Some(note) = keys.note(", written as \"key\"") {
            out.builder.note(note);
        }
        let mut builder = out.builder;
        groups.draw(&mut builder);
        builder.finish()
    }

    /// The title (the root graph's `label`, else its name) and description (`comment`); the
    /// other attributes of the graph, which a dataset has no place for, by name.
    fn graph_metadata(&self, builder: &mut GraphBuilder, names: Names<'_>) -> Vec<String> {
        let mut unread = Vec::new();
        let metadata = builder.metadata_mut();
        for (key, attr) in &self.root_attrs {
            match key.as_str() {
                "label" => {
                    metadata.title = if attr.html {
                        html_text(&attr.text)
                    } else {
                        shown(&attr.text, names)
                    };
                }
                "comment" if !attr.text.trim().is_empty() => {
                    metadata.description = Some(attr.text.clone());
                }
                _ if attr.text.is_empty() => {}
                _ => unread.push(key.clone()),
            }
        }
        if metadata.title.trim().is_empty() {
            metadata.title = one_line(&self.name);
        }
        unread
    }

    /// The file's nodes, then the clusters holding any, each with the clusters it is in.
    fn entities(&self, out: &mut Out, lines: &Lines, graph_names: Names<'_>) -> Vec<Entity> {
        let tree = ClusterTree::of(&self.subgraphs);
        // Each node's innermost clusters, and the clusters that hold something.
        let node_clusters: Vec<Vec<usize>> = self
            .nodes
            .iter()
            .map(|node| tree.innermost(&node.subgraphs))
            .collect();
        let mut used = vec![false; self.subgraphs.len()];
        for &cluster in node_clusters.iter().flatten() {
            let mut next = Some(cluster);
            while let Some(index) = next.filter(|&index| !used[index]) {
                used[index] = true;
                next = tree.above[index];
            }
        }
        let node_ids: HashSet<&str> = self.nodes.iter().map(|node| node.id.as_str()).collect();
        let mut taken: HashSet<String> = HashSet::new();
        let mut cluster_ids: Vec<Option<String>> = vec![None; self.subgraphs.len()];
        for (index, subgraph) in self.subgraphs.iter().enumerate() {
            if used[index] {
                // An anonymous cluster (`{ cluster=true ... }`) is called by where it is.
                let name = subgraph
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("cluster at {}", lines.path(subgraph.at)));
                let id = cluster_id(&name, &node_ids, &taken);
                taken.insert(id.clone());
                cluster_ids[index] = Some(id);
            }
        }
        let ids_of = |clusters: &[usize]| -> Vec<String> {
            clusters
                .iter()
                .filter_map(|&cluster| cluster_ids[cluster].clone())
                .collect()
        };

        let mut entities = Vec::with_capacity(self.nodes.len() + taken.len());
        for (node, clusters) in self.nodes.iter().zip(&node_clusters) {
            let names = Names {
                node: &node.id,
                ..graph_names
            };
            let path = lines.path(node.at);
            let imported = entity(
                out,
                &path,
                node.id.clone(),
                &node.attrs,
                names,
                Holder::Node,
            );
            entities.push((path, imported, ids_of(clusters)));
        }
        for ((subgraph, id), above) in self.subgraphs.iter().zip(&cluster_ids).zip(&tree.above) {
            let Some(id) = id.clone() else {
                continue;
            };
            let name = subgraph.name.as_deref().unwrap_or(&id);
            let names = Names {
                graph: name,
                node: name,
                ..graph_names
            };
            let path = lines.path(subgraph.at);
            let mut attrs = subgraph.attrs.clone();
            // What made it a cluster, if it was not its name.
            attrs.remove("cluster");
            // Where Graphviz drew the box: the cluster's place.
            let bb = attrs.remove("bb");
            let mut imported = entity(out, &path, id.clone(), &attrs, names, Holder::Cluster);
            match bb.as_ref().and_then(|bb| centre(&bb.text)) {
                Some((x, y)) if imported.position.is_none() => {
                    imported.position = Some((x as f32, y as f32));
                    out.builder.turn_y_up(&mut imported, Y_UP);
                }
                _ => {
                    if let Some(bb) = bb {
                        imported.attributes.insert("bb".to_owned(), bb.text);
                    }
                }
            }
            let parent: Vec<usize> = above.iter().copied().collect();
            entities.push((path, imported, ids_of(&parent)));
        }
        entities
    }

    /// Adds an edge; `numbered`: its `key` is networkx's own numbering, not kept.
    fn add_edge(&self, out: &mut Out, path: &str, edge: &Edge, names: Names<'_>, numbered: bool) {
        let stats = &mut out.stats;
        let mut map = Map::new();
        let mut dir = None;
        let mut tooltip = None;
        for (key, attr) in &edge.attrs {
            if attr.text.is_empty() {
                continue;
            }
            match key.as_str() {
                "key" if numbered => {}
                "label" => put_label(&mut map, attr.clone(), names, stats),
                "dir" => dir = Some(attr.text.trim().to_ascii_lowercase()),
                "tooltip" => tooltip = Some(shown(&attr.text, names)),
                "URL" | "href" => {
                    map.insert(key.clone(), Value::String(shown(&attr.text, names)));
                }
                _ => {
                    map.insert(key.clone(), Value::String(attr.text.clone()));
                }
            }
        }
        if let Some(tooltip) = tooltip {
            // The author's words about the edge, as a node's tooltip is: its description
            // where it has none (never a quote, which would claim a source's words).
            let key = if has_edge_field(&map, EdgeField::Description) {
                "tooltip"
            } else {
                "description"
            };
            map.insert(key.to_owned(), Value::String(tooltip));
        }
        // The arrowheads Graphviz draws: `dir` says at which ends, `arrowhead`/`arrowtail`
        // in which shapes (`none` for none).
        let (mut tail, mut head) = match dir.as_deref() {
            Some("forward") => (false, true),
            Some("back") => (true, false),
            Some("both") => (true, true),
            Some("none") => (false, false),
            _ => (false, self.directed),
        };
        if let Some(other) = dir.filter(|dir| !matches!(dir.as_str(), "forward" | "back" | "none"))
        {
            // `both` is kept, as two-way links are elsewhere; a value Graphviz does not know
            // too.
            map.insert("dir".to_owned(), Value::String(other));
        }
        let shape = |key: &str| {
            map.get(key)
                .and_then(Value::as_str)
                .unwrap_or("normal")
                .to_owned()
        };
        let (head_shape, tail_shape) = (shape("arrowhead"), shape("arrowtail"));
        head &= !head_shape.trim().eq_ignore_ascii_case("none");
        tail &= !tail_shape.trim().eq_ignore_ascii_case("none");
        let drawn: Vec<&str> = [(tail, tail_shape.as_str()), (head, head_shape.as_str())]
            .into_iter()
            .filter_map(|(drawn, shape)| drawn.then_some(shape))
            .collect();
        stats.shapes.add(drawn, is_plain_graphviz_arrow);
        // An edge's own weight, even one that is no number, wins over its width.
        let weighted = has_edge_field(&map, EdgeField::Weight);
        let mut imported = edge_from_fields(
            names.tail.to_owned(),
            names.head.to_owned(),
            self.directed,
            map,
        );
        if (tail, head) != (false, self.directed) {
            stats.directions.orient(
                &mut imported,
                Arrowheads {
                    source: tail,
                    target: head,
                },
            );
        }
        if !weighted {
            self.weigh_by_penwidth(out, edge, &mut imported);
        }
        for key in imported.attributes.keys() {
            if !matches!(key.as_str(), "arrowhead" | "arrowtail" | "label markup") {
                out.stats.keep(key, Holder::Edge);
            }
        }
        out.builder.add_edge(path, imported);
    }

    /// Graphviz users draw an edge's strength as its width: a `penwidth` that is a positive
    /// number is the weight of an edge with none of its own (read as a weight is, not kept as
    /// an attribute). Any other is warned about where it is written and kept as it is.
    fn weigh_by_penwidth(&self, out: &mut Out, edge: &Edge, imported: &mut ImportedEdge) {
        let Some(attr) = edge.attrs.get("penwidth").filter(|a| !a.text.is_empty()) else {
            return;
        };
        match attr.text.trim().parse::<f64>() {
            Ok(width) if width.is_finite() && width > 0.0 => {
                imported.weight = Some(width);
                imported.attributes.remove("penwidth");
                out.stats.penwidth_weights += 1;
            }
            _ => {
                if out.stats.bad_penwidths.insert(attr.at) {
                    out.builder.warn(
                        TextPosition::from_offset(self.text, attr.at).to_string(),
                        format!(
                            "penwidth {} is no positive number, so not read as the edge's \
                             weight; kept as the attribute \"penwidth\"",
                            quoted(&excerpt(&attr.text, 40))
                        ),
                    );
                }
            }
        }
    }

    fn notes(&self, out: &mut Out, unread_graph: &[String], clusters: usize, lines: &Lines) {
        let stats = &out.stats;
        let mut notes = Vec::new();
        notes.extend(not_read_note("graph attributes not read", unread_graph));
        // How many subgraphs that are no clusters set each attribute.
        let mut plain: BTreeMap<&str, usize> = BTreeMap::new();
        for subgraph in self.subgraphs.iter().filter(|s| !s.is_cluster()) {
            // `cluster=false` was read: it says the subgraph is none.
            for key in subgraph.attrs.keys().filter(|key| *key != "cluster") {
                *plain.entry(key).or_default() += 1;
            }
        }
        let subgraph: Vec<String> = plain
            .iter()
            .map(|(key, count)| format!("{key} ({count})"))
            .collect();
        notes.extend(not_read_note(
            "attributes of plain subgraphs not read (only clusters become groups; Chainsight \
             draws no ranks)",
            &subgraph,
        ));
        if self.merged > 0 {
            notes.push(format!(
                "strict graph: {} between nodes already joined merged into the first edge \
                 (their attributes set on it), as Graphviz does",
                counted(self.merged, "edge", "edges")
            ));
        }
        if clusters > 0 {
            notes.push(format!(
                "{}, which Graphviz draws as boxes, made entities named by their labels, \
                 their members linked to them",
                counted(
                    clusters,
                    "cluster (subgraph cluster_… or cluster=true)",
                    "clusters (subgraph cluster_… or cluster=true)"
                )
            ));
        }
        if stats.html_labels > 0 {
            notes.push(format!(
                "{} named by the text they show, the markup kept as the attribute \"label \
                 markup\"",
                counted(stats.html_labels, "HTML-like label", "HTML-like labels")
            ));
        }
        if stats.outlines > 0 {
            notes.push(format!(
                "{}: the fill (fillcolor) read as the colour, the outline's color kept as \
                 \"outline color\"",
                counted(
                    stats.outlines,
                    "node drawn in two colours",
                    "nodes drawn in two colours"
                )
            ));
        }
        notes.extend(stats.colour_notes());
        if stats.penwidth_weights > 0 {
            notes.push(format!(
                "penwidth, the width Graphviz draws an edge with, read as the weight where an \
                 edge has no weight of its own ({})",
                counted(stats.penwidth_weights, "edge", "edges")
            ));
        }
        notes.extend(kept_note(&stats.kept));
        notes.extend(stats.directions.note("Graphviz"));
        notes.extend(stats.shapes.note());
        if let Some(at) = self.more_at {
            notes.push(format!(
                "the first graph was read; the file goes on with another at {}, not read",
                lines.path(at)
            ));
        }
        for note in notes {
            out.builder.note(note);
        }
    }
}

/// A node or cluster as the builder takes it, from its attributes.
fn entity(
    out: &mut Out,
    path: &str,
    id: String,
    attrs: &Attrs,
    names: Names<'_>,
    holder: Holder,
) -> ImportedNode {
    let mut map = Map::new();
    let mut pos = None;
    let mut tooltip = None;
    for (key, attr) in attrs {
        // An empty value is none, as Graphviz resets a default with one.
        if attr.text.is_empty() {
            continue;
        }
        match key.as_str() {
            "label" => put_label(&mut map, attr.clone(), names, &mut out.stats),
            "pos" if holder == Holder::Node => {
                if let Some(found) = position(&attr.text) {
                    pos = Some(found);
                } else {
                    out.builder.warn(
                        path,
                        format!(
                            "pos {} is no position (x,y); kept as the attribute \"pos\"",
                            quoted(&excerpt(&attr.text, 40))
                        ),
                    );
                    map.insert(key.clone(), Value::String(attr.text.clone()));
                }
            }
            "tooltip" => tooltip = Some(shown(&attr.text, names)),
            "URL" | "href" => {
                map.insert(key.clone(), Value::String(shown(&attr.text, names)));
            }
            _ => {
                map.insert(key.clone(), Value::String(attr.text.clone()));
            }
        }
    }
    colours(&mut map, &mut out.stats);
    // Every node shows a label, `\N` (its id) unless it has one: a `title` (a tooltip, as
    // vis-network has it) is then its description, not its name.
    if !has_node_field(&map, NodeField::Label) {
        map.insert("label".to_owned(), Value::String(names.node.to_owned()));
    }
    if let Some(tooltip) = tooltip {
        let key = if has_node_field(&map, NodeField::Description) {
            "tooltip"
        } else {
            "description"
        };
        map.insert(key.to_owned(), Value::String(tooltip));
    }
    let mut node = node_from_fields(id, map);
    if let Some((x, y, z)) = pos {
        if node.position.is_none() {
            node.position = Some((x as f32, y as f32));
            out.builder.turn_y_up(&mut node, Y_UP);
            if let Some(z) = z {
                node.attributes.insert("z".to_owned(), z.to_string());
            }
        } else if let Some(attr) = attrs.get("pos") {
            // `x` and `y` of the file's own are the position.
            node.attributes.insert("pos".to_owned(), attr.text.clone());
        }
    }
    for key in node.attributes.keys() {
        if !matches!(
            key.as_str(),
            "color" | "label markup" | "outline color" | "z"
        ) {
            out.stats.keep(key, holder);
        }
    }
    node
}

/// The fill is the colour the window draws (`fillcolor`, else `color`); the outline's, where
/// it is another, is kept as `outline color`; HSV colours are written as `#rrggbb`.
fn colours(map: &mut Map<String, Value>, stats: &mut Stats) {
    if let Some(fill) = map.remove("fillcolor") {
        if let Some(outline) = map.remove("color").filter(|color| *color != fill) {
            stats.outlines += 1;
            map.insert("outline color".to_owned(), outline);
        }
        map.insert("color".to_owned(), fill);
    }
    let scheme = match map.get("colorscheme") {
        Some(Value::String(scheme)) => Some(scheme.clone()),
        _ => None,
    };
    if let Some(Value::String(given)) = map.get_mut("color") {
        let (drawn, read) = colour(given, scheme.as_deref());
        match read {
            ColourRead::AsWritten => {}
            ColourRead::Hsv => stats.hsv += 1,
            ColourRead::Named => stats.named_colours += 1,
            ColourRead::Unknown => {
                stats.undrawn_colours += 1;
                if stats.unknown_colours.len() < UNKNOWN_COLOURS_LISTED
                    && !stats.unknown_colours.contains(&drawn)
                {
                    stats.unknown_colours.push(drawn.clone());
                }
            }
        }
        *given = drawn;
    }
}

/// The note naming the attributes kept only as attributes, the most used first: `shape (6
/// nodes)`, `fontname (6 nodes, 7 edges)`.
fn kept_note(kept: &HashMap<String, [usize; 3]>) -> Option<String> {
    let mut listed: Vec<(&String, &[usize; 3])> = kept.iter().collect();
    let total = |counts: &[usize; 3]| counts.iter().sum::<usize>();
    listed.sort_by(|a, b| total(b.1).cmp(&total(a.1)).then_with(|| a.0.cmp(b.0)));
    let listed: Vec<String> = listed
        .into_iter()
        .map(|(key, counts)| {
            let holders: Vec<String> = [
                ("node", "nodes"),
                ("cluster", "clusters"),
                ("edge", "edges"),
            ]
            .into_iter()
            .zip(counts)
            .filter(|(_, count)| **count > 0)
            .map(|((one, many), count)| counted(*count, one, many))
            .collect();
            format!("{key} ({})", holders.join(", "))
        })
        .collect();
    not_read_note(
        "attributes kept as they are, read as no name, type, description, link, weight, \
         colour or position",
        &listed,
    )
}

/// An edge's `key` as networkx reads a multigraph's keys (`key=0`, `key=1`... as its
/// `write_dot` writes them, through pydot or pygraphviz): digits as written for a number (no
/// sign, no leading zero) are a number networkx may have given, quoted or not (DOT's IDs
/// mean the same either way); anything else is a key of someone's own.
fn networkx_key(attr: &Attr) -> Key {
    match attr.text.parse::<u64>() {
        Ok(number) if !attr.html && number.to_string() == attr.text => Key::Integer(number),
        _ => Key::text(&attr.text),
    }
}

/// The id a cluster is kept under: its name, unless a node has it (DOT keeps the two
/// apart), then `NAME (cluster)`, `NAME (cluster)#2`...
fn cluster_id(name: &str, node_ids: &HashSet<&str>, taken: &HashSet<String>) -> String {
    let free = |id: &str| !node_ids.contains(id) && !taken.contains(id);
    if free(name) {
        return name.to_owned();
    }
    let base = format!("{name} (cluster)");
    (1..=node_ids.len() + taken.len() + 1)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}#{n}")
            }
        })
        .find(|id| free(id))
        .unwrap_or(base)
}

/// Reads a DOT file into a dataset.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let parsed = Parser::new(text)
        .parse()
        .map_err(|(offset, message)| LoadError::Syntax {
            file: file.to_owned(),
            position: TextPosition::from_offset(text, offset),
            json_path: None,
            message,
        })?;
    Ok(parsed.build(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        read("test.gv", text).unwrap_or_else(|error| panic!("{error}"))
    }

    /// The error's line, column and message.
    fn error(text: &str) -> (usize, usize, String) {
        match read("test.gv", text) {
            Err(LoadError::Syntax {
                position, message, ..
            }) => (position.line, position.column, message),
            Err(other) => panic!("not a syntax error: {other}"),
            Ok(loaded) => panic!("read: {}", loaded.report.summary()),
        }
    }

    /// Each relation as `source -> target` by entity id (`--` without a direction).
    fn links(loaded: &Loaded) -> Vec<String> {
        let d = &loaded.dataset;
        let id = |e| d.entity(e).map_or("?", |e| e.entity_id.as_str());
        d.relations
            .iter()
            .map(|r| {
                let op = if r.directed { "->" } else { "--" };
                format!("{} {op} {}", id(r.source), id(r.target))
            })
            .collect()
    }

    fn tokens(text: &str) -> Result<Vec<Tok>, Fail> {
        let mut lexer = Lexer::new(text);
        let mut out = Vec::new();
        loop {
            let token = lexer.next()?;
            if token.tok == Tok::End {
                return Ok(out);
            }
            out.push(token.tok);
        }
    }

    fn id(text: &str, kind: IdKind) -> Tok {
        Tok::Id(text.to_owned(), kind)
    }

    #[test]
    fn dot_is_known_by_its_header_and_gml_is_not_taken_for_it() {
        assert!(looks_like_dot("digraph { a -> b }"));
        assert!(looks_like_dot("strict graph \"x\" {}"));
        assert!(looks_like_dot(
            "\u{feff}// made by hand\n/* a */\n # 1 \"x\"\nDiGraph G {"
        ));
        assert!(looks_like_dot("#!/usr/bin/dot\nSTRICT GRAPH 42 {"));
        assert!(looks_like_dot("graph <<b>x</b>> {"));
        assert!(!looks_like_dot("graph [ node [ id 1 ] ]"), "GML");
        assert!(!looks_like_dot("digraph G"));
        assert!(!looks_like_dot("digraph node {"), "a keyword is no name");
        assert!(!looks_like_dot("source,target\ngraph,digraph\n"));
        assert!(!looks_like_dot("graph interacts digraph\n"), "SIF");
        assert!(!looks_like_dot("{\"graph\": {}}"));
    }

    #[test]
    fn strings_keep_their_escapes_but_quotes_and_join_lines_and_parts() {
        assert_eq!(
            tokens(r#""a\"b" "c\\" "d\e""#).unwrap(),
            [
                id("a\"b", IdKind::Quoted),
                id("c\\\\", IdKind::Quoted),
                id("d\\e", IdKind::Quoted)
            ]
        );
        assert_eq!(
            tokens("\"Safe \\\nCity\" \"a\" + /* c */ \"b\" +\n\"c\"").unwrap(),
            [id("Safe City", IdKind::Quoted), id("abc", IdKind::Quoted)]
        );
        assert_eq!(
            tokens("<<b>IBM</b> &amp; <i>x</i>> <>").unwrap(),
            [
                id("<b>IBM</b> &amp; <i>x</i>", IdKind::Html),
                id("", IdKind::Html)
            ]
        );
        assert_eq!(
            tokens("a_1 -2.5 .5 3. Zürich -> -- ->").unwrap(),
            [
                id("a_1", IdKind::Name),
                id("-2.5", IdKind::Numeral),
                id(".5", IdKind::Numeral),
                id("3.", IdKind::Numeral),
                id("Zürich", IdKind::Name),
                Tok::Edge { directed: true },
                Tok::Edge { directed: false },
                Tok::Edge { directed: true },
            ]
        );
        assert_eq!(
            tokens("a--1").unwrap(),
            [
                id("a", IdKind::Name),
                Tok::Edge { directed: false },
                id("1", IdKind::Numeral)
            ]
        );
    }

    #[test]
    fn comments_of_three_kinds_are_skipped() {
        let text = "# 1 \"file.gv\"\n  # indented\na // to the end\r/* over\nlines */ b";
        assert_eq!(
            tokens(text).unwrap(),
            [id("a", IdKind::Name), id("b", IdKind::Name)]
        );
    }

    #[test]
    fn lexical_errors_say_where_and_what() {
        let (at, message) = tokens("a [color=#ff0000]").unwrap_err();
        assert_eq!(at, 9);
        assert!(message.contains("in quotes"), "{message}");
        let (at, message) = tokens("a /* open").unwrap_err();
        assert_eq!(at, 2);
        assert!(message.contains("never closed with \"*/\""), "{message}");
        assert_eq!(tokens("x \"open").unwrap_err().0, 2);
        assert_eq!(tokens("x <a <b>").unwrap_err().0, 2);
        assert!(tokens("\"a\" + b").unwrap_err().1.contains("after \"+\""));
        assert!(
            tokens("a + \"b\"")
                .unwrap_err()
                .1
                .contains("joins two quoted")
        );
        assert!(tokens("- a").unwrap_err().1.contains("negative number"));
        assert!(
            tokens("a @ b")
                .unwrap_err()
                .1
                .contains("unexpected character \"@\"")
        );
    }

    #[test]
    fn a_number_run_into_a_name_is_two_ids_with_a_warning() {
        let loaded = load("graph {\n 2a -- b }");
        assert_eq!(links(&loaded), ["a -- b"]);
        assert_eq!(loaded.dataset.entities[0].entity_id, "2");
        let warnings = crate::formats::test_warnings(&loaded);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "line 2");
        assert!(warnings[0].1.contains("\"2a\""), "{warnings:?}");
    }

    #[test]
    fn labels_read_as_graphviz_shows_them() {
        let names = Names {
            graph: "G",
            node: "n1",
            tail: "a",
            head: "b",
            directed: true,
        };
        assert_eq!(shown(r"\N of \G", names), "n1 of G");
        assert_eq!(shown(r"\E (\T to \H)", names), "a->b (a to b)");
        assert_eq!(
            shown(r"first\nsecond\l\rthird\l", names),
            "first second third"
        );
        assert_eq!(shown(r"C:\\x \q\", names), r"C:\x q\");
        assert_eq!(
            shown(
                r"\E",
                Names {
                    directed: false,
                    ..names
                }
            ),
            "a--b"
        );
        assert_eq!(
            html_text("<table><tr><td>IBM</td><td>&amp; Co&nbsp;Ltd</td></tr></table>"),
            "IBM & Co Ltd"
        );
        assert_eq!(html_text("A<br/>B"), "A B");
    }

    #[test]
    fn colours_as_the_window_reads_them() {
        let hex = |text: &str| colour(text, None);
        let hsv = |hex: &str| (hex.to_owned(), ColourRead::Hsv);
        assert_eq!(hex("0.000 1.000 1.000"), hsv("#ff0000"));
        assert_eq!(hex("0.650,0.200,1.000"), hsv("#ccd1ff"));
        assert_eq!(hex(".6667 1 .5"), hsv("#000080"));
        assert_eq!(hex("1 1 1"), hsv("#ff0000"), "a hue of 1 is 0");
        let written = |text: &str| (text.to_owned(), ColourRead::AsWritten);
        let named = |hex: &str| (hex.to_owned(), ColourRead::Named);
        let unknown = |text: &str| (text.to_owned(), ColourRead::Unknown);
        // Names the window reads as Graphviz draws them stay, for the legend to say.
        assert_eq!(hex("lightblue"), written("lightblue"));
        assert_eq!(hex("White"), written("White"));
        assert_eq!(hex("#ff000080"), written("#ff000080"));
        // X11's own: spellings CSS lacks, shades, and names CSS gives another colour.
        assert_eq!(hex("lightgrey"), named("#d3d3d3"));
        assert_eq!(hex("Light Grey"), named("#d3d3d3"));
        assert_eq!(hex("grey50"), named("#7f7f7f"));
        assert_eq!(hex("gray100"), named("#ffffff"));
        assert_eq!(hex("steelblue3"), named("#4f94cd"));
        assert_eq!(hex("navyblue"), named("#000080"));
        assert_eq!(hex("green"), named("#00ff00"), "X11's green, not CSS's");
        assert_eq!(hex("/x11/purple"), named("#a020f0"));
        // The svg scheme is CSS's; names X11 lacks are CSS's.
        assert_eq!(colour("green", Some("svg")), written("green"));
        assert_eq!(hex("/svg/lightgrey"), named("#d3d3d3"));
        assert_eq!(hex("crimson"), written("crimson"));
        // Nothing the window draws.
        assert_eq!(hex("2 1 1"), unknown("2 1 1"), "out of range");
        assert_eq!(hex("/blues9/3"), unknown("/blues9/3"));
        assert_eq!(colour("3", Some("blues9")), unknown("3"));
        assert_eq!(hex("red:blue"), unknown("red:blue"));
        assert_eq!(hex("#12"), unknown("#12"));
        for plain in [
            "normal", "vee", "onormal", "lvee", "empty", "open", "none", "Normal",
        ] {
            assert!(is_plain_graphviz_arrow(plain), "{plain}");
        }
        for other in [
            "odot",
            "diamond",
            "tee",
            "crow",
            "inv",
            "invempty",
            "normalnormal",
        ] {
            assert!(!is_plain_graphviz_arrow(other), "{other}");
        }
    }

    #[test]
    fn positions_and_boxes() {
        assert_eq!(position("27,90"), Some((27.0, 90.0, None)));
        assert_eq!(position(" 1.5, -2! "), Some((1.5, -2.0, None)));
        assert_eq!(position("1,2,3"), Some((1.0, 2.0, Some(3.0))));
        assert_eq!(position("1"), None);
        assert_eq!(
            position("e,1,2 3,4"),
            None,
            "an edge's spline is no node position"
        );
        assert_eq!(centre("0,0,100,50"), Some((50.0, 25.0)));
        assert_eq!(centre("0,0,1"), None);
    }

    #[test]
    fn defaults_apply_to_what_follows_in_their_scope() {
        let loaded = load(
            "digraph {\n a\n node [type=company]\n b\n subgraph s { node [type=person]; c; a }\n \
             d\n edge [relation=supplied]\n b -> d\n { edge [relation=funded]; b -> c }\n d -> c }",
        );
        let kinds: Vec<(&str, &str)> = loaded
            .dataset
            .entities
            .iter()
            .map(|e| (e.entity_id.as_str(), e.kind.label()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a", "Other"),
                ("b", "Company"),
                ("c", "Person"),
                ("d", "Company")
            ],
            "a node takes the defaults where it is made, not where it is named again"
        );
        let relations: Vec<&str> = loaded
            .dataset
            .relations
            .iter()
            .map(|r| r.kind.label())
            .collect();
        assert_eq!(relations, ["supplied", "funded", "supplied"]);
    }

    #[test]
    fn a_subgraph_as_an_end_joins_every_node_of_it() {
        let loaded = load("digraph { a -> {b c} -> d; {e f} -> {g}; h -> {i -> j} }");
        assert_eq!(
            links(&loaded),
            [
                "a -> b", "a -> c", "b -> d", "c -> d", "e -> g", "f -> g", "i -> j", "h -> i",
                "h -> j"
            ]
        );
    }

    #[test]
    fn ports_are_kept_on_the_edge_as_graphviz_keeps_them() {
        let loaded = load("digraph { a:out:ne -> b:in; a:p [label=A] }");
        let relation = &loaded.dataset.relations[0];
        assert_eq!(relation.attributes["tailport"], "out:ne");
        assert_eq!(relation.attributes["headport"], "in");
        assert_eq!(loaded.dataset.entities[0].name, "A");
        assert_eq!(loaded.dataset.entities.len(), 2, "a port names no node");
    }

    #[test]
    fn strict_graphs_merge_repeated_edges_and_others_keep_them() {
        let strict = load(
            "strict graph { a -- b [weight=1]; b -- a [weight=5, label=again]; a -- a; a -- a }",
        );
        assert_eq!(links(&strict), ["a -- b", "a -- a"]);
        let relation = &strict.dataset.relations[0];
        assert_eq!(
            relation.weight,
            Some(5.0),
            "the later statement's attributes"
        );
        assert_eq!(relation.label.as_deref(), Some("again"));
        assert!(
            strict.report.notes.iter().any(|n| n.starts_with(
                "strict graph: 2 edges between nodes already joined merged into the first"
            )),
            "{:?}",
            strict.report.notes
        );
        let directed = load("strict digraph { a -> b; b -> a; a -> b }");
        assert_eq!(links(&directed), ["a -> b", "b -> a"]);
        let multi = load("graph { a -- b; b -- a }");
        assert_eq!(links(&multi), ["a -- b", "b -- a"]);
        assert!(multi.report.notes.is_empty(), "{:?}", multi.report.notes);
    }

    #[test]
    fn directions_follow_the_arrowheads_drawn() {
        let loaded = load(
            "digraph { a -> b [dir=back]; a -> c [dir=none]; a -> d [dir=both]; \
             a -> e [arrowhead=none]; a -> f [dir=forward]; a -> g [arrowhead=odot] }",
        );
        assert_eq!(
            links(&loaded),
            ["b -> a", "a -- c", "a -- d", "a -- e", "a -> f", "a -> g"]
        );
        let relations = &loaded.dataset.relations;
        assert!(!relations[0].attributes.contains_key("dir"));
        assert_eq!(relations[2].attributes["dir"], "both", "two ways is kept");
        let undirected = load("graph { a -- b [dir=forward]; a -- c [dir=back]; a -- d }");
        assert_eq!(links(&undirected), ["a -> b", "c -> a", "a -- d"]);
        assert!(
            undirected
                .report
                .notes
                .iter()
                .any(|n| n.starts_with("directions as Graphviz draws them: 1 edge drawn with")),
            "{:?}",
            undirected.report.notes
        );
    }

    #[test]
    fn edges_against_the_graph_s_kind_are_refused_where_they_are() {
        let (line, column, message) = error("graph {\n  a -- b\n  b -> c\n}");
        assert_eq!((line, column), (3, 5));
        assert!(
            message.starts_with("\"->\" in an undirected graph"),
            "{message}"
        );
        let (line, column, message) = error("digraph { a -> b -- c }");
        assert_eq!((line, column), (1, 18));
        assert!(message.starts_with("\"--\" in a digraph"), "{message}");
    }

    #[test]
    fn grammar_errors_say_what_was_expected() {
        let cases = [
            ("graph [ id 1 ]", (1, 7), "expected \"{\" to open"),
            ("node { }", (1, 1), "expected \"graph\" or \"digraph\""),
            (
                "digraph { a [label] }",
                (1, 19),
                "expected \"=\" and a value",
            ),
            (
                "digraph { a [label=] }",
                (1, 20),
                "expected a value after \"label\"=",
            ),
            (
                "digraph { node a }",
                (1, 16),
                "expected \"[\" after \"node\"",
            ),
            ("digraph { a -> }", (1, 16), "expected a node or a subgraph"),
            (
                "digraph { subgraph x y }",
                (1, 22),
                "expected \"{\" opening the subgraph",
            ),
            ("digraph { a = }", (1, 15), "expected a value after \"a\"="),
            ("digraph { a:: }", (1, 13), "expected a port name"),
            (
                "digraph { {a} [color=red] }",
                (1, 11),
                "a subgraph takes no attribute list",
            ),
            ("digraph { a } b", (1, 15), "expected the end of the file"),
            (
                "digraph { a [x=1 y=2 }",
                (1, 22),
                "expected an attribute (name=value) or",
            ),
            (
                "digraph { a [x=1",
                (1, 17),
                "the file ends inside the attribute list",
            ),
            ("digraph { ] }", (1, 11), "expected a statement"),
            (
                "digraph { a -> digraph }",
                (1, 16),
                "\"digraph\" is a keyword",
            ),
        ];
        for (text, place, expected) in cases {
            let (line, column, message) = error(text);
            assert_eq!((line, column), place, "{text}: {message}");
            assert!(message.contains(expected), "{text}: {message}");
        }
    }

    #[test]
    fn subgraphs_nest_within_a_bound_without_exhausting_the_stack() {
        let deep = format!("digraph {{ {} }}", "{".repeat(100_000));
        let (line, column, message) = error(&deep);
        // The first `{` past the bound, after "digraph { " and MAX_DEPTH of them.
        assert_eq!((line, column), (1, 11 + MAX_DEPTH));
        assert_eq!(
            message,
            format!("subgraphs nest more than {MAX_DEPTH} deep here")
        );
        // As deep as allowed, on a thread with a small stack: the recursion has room.
        let text = format!(
            "digraph {{ {} a -> b {} }}",
            "subgraph { ".repeat(MAX_DEPTH),
            "} ".repeat(MAX_DEPTH)
        );
        let loaded = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || read("deep.gv", &text).map(|l| l.dataset.relations.len()))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(loaded, Ok(1));
    }

    #[test]
    fn a_subgraph_end_makes_a_bounded_number_of_edges() {
        let side = |prefix: &str| {
            (0..150)
                .map(|i| format!("{prefix}{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = format!("digraph {{\n{{{}}} -> {{{}}} }}", side("a"), side("b"));
        let loaded = load(&text);
        assert_eq!(loaded.dataset.relations.len(), MAX_EDGES_PER_PAIR);
        let warnings = crate::formats::test_warnings(&loaded);
        assert_eq!(
            warnings,
            [(
                "line 2",
                "this edge statement joins 150 nodes to 150 nodes, 22500 edges; the first \
                 10000 were made and the rest left out"
            )]
        );
    }

    #[test]
    fn defaults_copied_past_the_budget_stop_the_load() {
        // 2,000 defaults copied onto each of 5,000 nodes: 10 million values from 40 KB.
        let defaults: Vec<String> = (0..2000).map(|i| format!("k{i}=v")).collect();
        let nodes: Vec<String> = (0..5000).map(|i| format!("n{i}")).collect();
        let text = format!(
            "digraph {{ node [{}]\n{} }}",
            defaults.join(","),
            nodes.join(" ")
        );
        let (line, _, message) = error(&text);
        assert_eq!(line, 2);
        assert!(message.contains("rather than fill the memory"), "{message}");
        // Edge statement lists copied onto many edges count too.
        let attrs: Vec<String> = (0..3000).map(|i| format!("k{i}=v")).collect();
        let chain: Vec<String> = (0..3000).map(|i| format!("n{i}")).collect();
        let text = format!("digraph {{ {} [{}] }}", chain.join(" -> "), attrs.join(","));
        assert!(error(&text).2.contains("rather than fill the memory"));
    }

    #[test]
    fn clusters_are_entities_their_members_are_part_of() {
        let loaded = load(
            "digraph {\n subgraph cluster_a { label=\"Group A\"; x; subgraph cluster_b { y } }\n \
             subgraph cluster_a { z }\n cluster_a -> x\n subgraph cluster_empty { }\n \
             subgraph notacluster { label=ignored; w } }",
        );
        let d = &loaded.dataset;
        let ids: Vec<(&str, &str)> = d
            .entities
            .iter()
            .map(|e| (e.entity_id.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("x", "x"),
                ("y", "y"),
                ("z", "z"),
                ("cluster_a", "cluster_a"),
                ("w", "w"),
                ("cluster_a (cluster)", "Group A"),
                ("cluster_b", "cluster_b"),
            ],
            "a node of the cluster's name keeps it; an empty cluster makes nothing"
        );
        let memberships: Vec<&str> = d
            .relations
            .iter()
            .filter(|r| r.label.as_deref() == Some("part of"))
            .map(|r| r.relation_id.as_str())
            .collect();
        assert_eq!(
            memberships,
            [
                "x part of cluster_a (cluster)",
                "y part of cluster_b",
                "z part of cluster_a (cluster)",
                "cluster_b part of cluster_a (cluster)"
            ],
            "a node is part of its innermost cluster only"
        );
        assert!(
            loaded
                .report
                .notes
                .iter()
                .any(|n| n.starts_with("attributes of plain subgraphs not read")
                    && n.ends_with("label (1)")),
            "{:?}",
            loaded.report.notes
        );
    }

    #[test]
    fn node_labels_defaults_and_empty_values() {
        let loaded = load(
            "digraph G { node [label=\"\\N!\"]; a; b [label=\"\"]; c [label=\"\\G: \\N\"]; \
             d [name=\"Delta\"] }",
        );
        let names: Vec<&str> = loaded
            .dataset
            .entities
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["a!", "b", "G: c", "d!"]);
        let loaded = load("digraph { d [name=\"Delta\"] }");
        assert_eq!(
            loaded.dataset.entities[0].name, "Delta",
            "the vocabulary's name"
        );
    }

    #[test]
    fn the_title_is_the_label_else_the_name_and_more_graphs_are_noted() {
        let loaded = load("digraph \"Safe City\" { a }\n\ngraph second { b }");
        assert_eq!(loaded.dataset.metadata.title, "Safe City");
        assert_eq!(loaded.dataset.entities.len(), 1);
        assert_eq!(
            loaded.report.notes,
            ["the first graph was read; the file goes on with another at line 3, not read"]
        );
        let loaded = load("digraph G { label=<<b>Title</b>>; comment=\"About\"; a }");
        assert_eq!(loaded.dataset.metadata.title, "Title");
        assert_eq!(
            loaded.dataset.metadata.description.as_deref(),
            Some("About")
        );
    }
}
