//! Pajek's `.net` (and the first network of a `.paj` project), as Pajek, igraph, networkx's
//! `write_pajek`, Gephi and UCINET write it:
//!
//! ```text
//! *Network Safe City
//! *Vertices 3
//! 1 "IBM" 0.1 0.2 0.5
//! 2 "Huawei"
//! *Arcs :1 "supplied"
//! 1 2 1.5 l "servers"
//! *Edges
//! 2 3
//! ```
//!
//! Vertices are numbered 1 to N and exist whether or not a line lists them (igraph writes none
//! for unlabelled networks). A vertex line gives a label (quoted where it has spaces) and
//! optionally coordinates; `*Arcs` lines are directed, `*Edges` lines not, each `from to
//! [weight]`, with `l "label"` among the drawing parameters naming the link, and a section's
//! own name (`*Arcs :2 "owns"`) naming its links where they have none (a section with a
//! number and no name, `*Arcs :2 ""`, names them "relation 2", so that the relations of a
//! multiplex network stay apart). `*Arcslist`,
//! `*Edgeslist` and `*Matrix` give the same links in other shapes. Colours, shapes and sizes
//! are counted in a note; a section of another kind (`*Partition`, `*Vector`...) ends the
//! network.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::error::{TextPosition, text_lines};
use super::fields::{edge_from_fields, node_from_fields};
use super::import::{GraphBuilder, ImportedEdge};
use super::{LoadError, Loaded};
use crate::words::counted;

/// Vertices no line names are made only up to this many: a short file claiming millions of
/// vertices must not fill memory with them.
const MAX_UNNAMED_VERTICES: usize = 100_000;

/// Whether `text` is Pajek: its first line that is not blank or a `%` comment starts with
/// `*Network` or `*Vertices`.
pub fn looks_like_pajek(text: &str) -> bool {
    text_lines(text.trim_start_matches('\u{feff}'))
        .map(|line| line.text.trim())
        .find(|line| !line.is_empty() && !line.starts_with('%'))
        .is_some_and(|line| {
            let word = line.split_whitespace().next().unwrap_or_default();
            word.eq_ignore_ascii_case("*network") || word.eq_ignore_ascii_case("*vertices")
        })
}

/// One word of a line, or a "quoted" label, with its byte offset in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Token<'a> {
    text: &'a str,
    offset: usize,
}

/// The words of `line` (starting at byte `start` of the file); a `"` starts a label that
/// runs to the next `"`.
fn tokens(line: &str, start: usize) -> Result<Vec<Token<'_>>, (usize, String)> {
    let mut tokens = Vec::new();
    let mut rest = line;
    let mut at = start;
    loop {
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        rest = trimmed;
        if rest.is_empty() {
            return Ok(tokens);
        }
        let (token, used) = if let Some(inner) = rest.strip_prefix('"') {
            let Some(end) = inner.find('"') else {
                return Err((
                    at,
                    "a quoted label is never closed on its line (expected a second \")".to_owned(),
                ));
            };
            (&inner[..end], end + 2)
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], end)
        };
        tokens.push(Token {
            text: token,
            offset: at,
        });
        rest = &rest[used..];
        at += used;
    }
}

/// The section a line belongs to.
#[derive(Clone, Debug, PartialEq)]
enum Section {
    /// Before `*Vertices`.
    Start,
    Vertices,
    /// `*Arcs` or `*Edges`, with the section's own name for its links.
    Links {
        directed: bool,
        name: Option<String>,
    },
    /// `*Arcslist` or `*Edgeslist`: `from to to to...`.
    Lists {
        directed: bool,
    },
    /// `*Matrix`: one row of weights per line.
    Matrix {
        name: Option<String>,
        row: usize,
    },
}

/// A vertex as its line gives it.
#[derive(Default)]
struct Vertex {
    label: Option<String>,
    coordinates: Vec<f64>,
}

/// What a network's lines gave, before the nodes and links are made.
struct Network {
    title: Option<String>,
    /// N, from `*Vertices N`, and N1 for a two-mode network (`*Vertices N N1`).
    vertex_count: usize,
    rows: usize,
    vertices: BTreeMap<usize, Vertex>,
    links: Vec<(String, ImportedEdge)>,
    /// Lines with drawing parameters (colours, shapes, sizes), by section.
    drawn_vertices: usize,
    drawn_links: usize,
    /// What ended the network (a second `*Network`, `*Partition`...).
    sections_not_read: BTreeMap<String, usize>,
    /// Words of a line that were not read, by line (`line 3`), for the report.
    warnings: Vec<(String, String)>,
    section: Section,
    /// The line being read, from 1, for the links' places in warnings.
    line: usize,
}

/// Reads a Pajek network into a dataset.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let network = Network::parse(text).map_err(|(offset, message)| LoadError::Syntax {
        file: file.to_owned(),
        position: TextPosition::from_offset(text, offset),
        json_path: None,
        message,
    })?;
    Ok(network.build(file))
}

impl Network {
    fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut network = Self {
            title: None,
            vertex_count: 0,
            rows: 0,
            vertices: BTreeMap::new(),
            links: Vec::new(),
            drawn_vertices: 0,
            drawn_links: 0,
            sections_not_read: BTreeMap::new(),
            warnings: Vec::new(),
            section: Section::Start,
            line: 0,
        };
        let mut ended = false;
        for line in text_lines(text) {
            network.line = line.number;
            let (start, line) = match line.text.strip_prefix('\u{feff}') {
                Some(rest) => (line.start + '\u{feff}'.len_utf8(), rest),
                None => (line.start, line.text),
            };
            if line.trim().is_empty() || line.trim_start().starts_with('%') {
                continue;
            }
            let words = tokens(line, start)?;
            let Some(first) = words.first() else {
                continue;
            };
            if first.text.starts_with('*') {
                let heading = first.text.to_ascii_lowercase();
                if ended || !network.begin_section(&heading, &words)? {
                    ended = true;
                    *network
                        .sections_not_read
                        .entry(first.text.to_owned())
                        .or_default() += 1;
                }
            } else if !ended {
                network.line(&words)?;
            }
        }
        if network.section == Section::Start {
            return Err((
                text.len(),
                "expected \"*Vertices N\" (how many vertices the network has)".to_owned(),
            ));
        }
        Ok(network)
    }

    /// Starts the section `heading` names; `false` where it is not part of this network.
    fn begin_section(
        &mut self,
        heading: &str,
        words: &[Token<'_>],
    ) -> Result<bool, (usize, String)> {
        let started = self.section != Section::Start;
        self.section = match heading {
            "*network" if self.title.is_none() && !started => {
                let title: Vec<&str> = words[1..].iter().map(|t| t.text).collect();
                self.title = Some(title.join(" ")).filter(|t| !t.is_empty());
                return Ok(true);
            }
            "*vertices" if !started => {
                let count = words.get(1).ok_or((
                    words[0].offset,
                    "\"*Vertices\" needs the number of vertices after it".to_owned(),
                ))?;
                self.vertex_count = count.text.parse().map_err(|_| {
                    (
                        count.offset,
                        format!("expected the number of vertices; found \"{}\"", count.text),
                    )
                })?;
                self.rows = match words.get(2) {
                    Some(rows) => rows.text.parse().ok().filter(|&r| r <= self.vertex_count).ok_or((
                        rows.offset,
                        format!(
                            "expected how many of the {} vertices are of the first kind; found \"{}\"",
                            self.vertex_count, rows.text
                        ),
                    ))?,
                    None => self.vertex_count,
                };
                if let Some(surplus) = words.get(3) {
                    self.warn(format!(
                        "\"*Vertices\" takes the number of vertices (and of those of the first \
                         kind); \"{}\" and what follows on the line not read",
                        super::excerpt(surplus.text, 40)
                    ));
                }
                Section::Vertices
            }
            "*arcs" | "*edges" | "*arcslist" | "*edgeslist" | "*matrix" if !started => {
                return Err((
                    words[0].offset,
                    format!(
                        "\"{}\" before \"*Vertices N\": how many vertices there are is not known",
                        words[0].text
                    ),
                ));
            }
            "*arcs" => Section::Links {
                directed: true,
                name: self.section_name(words),
            },
            "*edges" => Section::Links {
                directed: false,
                name: self.section_name(words),
            },
            "*arcslist" => Section::Lists { directed: true },
            "*edgeslist" => Section::Lists { directed: false },
            "*matrix" => Section::Matrix {
                name: self.section_name(words),
                row: 0,
            },
            _ => return Ok(false),
        };
        Ok(true)
    }

    /// One line of the current section.
    fn line(&mut self, words: &[Token<'_>]) -> Result<(), (usize, String)> {
        match self.section.clone() {
            Section::Start => Err((
                words[0].offset,
                "expected \"*Vertices N\" before the vertices and links".to_owned(),
            )),
            Section::Vertices => self.vertex_line(words),
            Section::Links { directed, name } => self.link_line(words, directed, name.as_deref()),
            Section::Lists { directed } => {
                let from = self.vertex(&words[0])?;
                for to in &words[1..] {
                    let to = self.vertex(to)?;
                    self.link(from, to, directed, None, None);
                }
                Ok(())
            }
            Section::Matrix { name, row } => self.matrix_line(words, name.as_deref(), row),
        }
    }

    /// `id ["label"] [x y [z]] [shape and drawing parameters]`.
    fn vertex_line(&mut self, words: &[Token<'_>]) -> Result<(), (usize, String)> {
        let id = self.vertex(&words[0])?;
        let mut vertex = Vertex {
            label: words.get(1).map(|label| label.text.to_owned()),
            coordinates: Vec::new(),
        };
        let mut rest = words.iter().skip(2).peekable();
        while vertex.coordinates.len() < 3 {
            match rest.peek().and_then(|t| t.text.parse::<f64>().ok()) {
                Some(value) if value.is_finite() => {
                    vertex.coordinates.push(value);
                    rest.next();
                }
                _ => break,
            }
        }
        self.drawn_vertices += usize::from(rest.next().is_some());
        self.vertices.insert(id, vertex);
        Ok(())
    }

    /// `from to [weight] [drawing parameters, `l "label"` among them]`.
    fn link_line(
        &mut self,
        words: &[Token<'_>],
        directed: bool,
        section_name: Option<&str>,
    ) -> Result<(), (usize, String)> {
        let from = self.vertex(&words[0])?;
        let Some(to) = words.get(1) else {
            return Err((
                words[0].offset,
                "expected two vertex numbers, the link's ends; found one".to_owned(),
            ));
        };
        let to = self.vertex(to)?;
        let mut rest = &words[2..];
        let weight = match rest.first().map(|t| t.text.parse::<f64>()) {
            Some(Ok(weight)) => {
                rest = &rest[1..];
                Some(weight)
            }
            _ => None,
        };
        let mut label = None;
        let mut drawn = false;
        let mut parameters = rest.iter();
        while let Some(key) = parameters.next() {
            let value = parameters.next();
            match (key.text, value) {
                ("l", Some(value)) => label = Some(value.text.to_owned()),
                _ => drawn = true,
            }
        }
        self.drawn_links += usize::from(drawn);
        let label = label.or_else(|| section_name.map(str::to_owned));
        self.link(from, to, directed, weight, label);
        Ok(())
    }

    /// Row `row` of the matrix: a weight for each column, 0 for no link.
    fn matrix_line(
        &mut self,
        words: &[Token<'_>],
        name: Option<&str>,
        row: usize,
    ) -> Result<(), (usize, String)> {
        // A two-mode network's matrix has a row for each vertex of the first kind and a
        // column for each of the second.
        let two_mode = self.rows < self.vertex_count;
        let (row_count, first_column) = if two_mode {
            (self.rows, self.rows + 1)
        } else {
            (self.vertex_count, 1)
        };
        let column_count = self.vertex_count + 1 - first_column;
        if row >= row_count {
            return Err((
                words[0].offset,
                format!("the matrix has more than {row_count} rows, one for each vertex"),
            ));
        }
        if let Some(surplus) = words.get(column_count) {
            // igraph's test files add a column of row totals; igraph does not document it,
            // so it is refused rather than guessed at.
            let has_columns = counted(column_count, "column", "columns");
            let columns = match (two_mode, column_count) {
                (false, _) => format!("this matrix has {has_columns}, one for each vertex"),
                (true, 1) => format!(
                    "this two-mode matrix has 1 column, for the one vertex of the second kind \
                     ({first_column})"
                ),
                (true, _) => format!(
                    "this two-mode matrix has {has_columns}, one for each vertex of the second \
                     kind ({first_column} to {})",
                    self.vertex_count
                ),
            };
            return Err((
                surplus.offset,
                format!(
                    "{columns}; this row has {}",
                    counted(words.len(), "cell", "cells")
                ),
            ));
        }
        for (column, cell) in words.iter().enumerate() {
            let weight: f64 = cell.text.parse().map_err(|_| {
                (
                    cell.offset,
                    format!("expected a number in the matrix; found \"{}\"", cell.text),
                )
            })?;
            if weight != 0.0 {
                self.link(
                    row + 1,
                    first_column + column,
                    !two_mode,
                    Some(weight),
                    name.map(str::to_owned),
                );
            }
        }
        self.section = Section::Matrix {
            name: name.map(str::to_owned),
            row: row + 1,
        };
        Ok(())
    }

    /// The vertex number `token` gives, from 1 to N.
    fn vertex(&self, token: &Token<'_>) -> Result<usize, (usize, String)> {
        token
            .text
            .parse::<usize>()
            .ok()
            .filter(|id| (1..=self.vertex_count).contains(id))
            .ok_or_else(|| {
                (
                    token.offset,
                    format!(
                        "expected a vertex number from 1 to {} (\"*Vertices {}\"); found \"{}\"",
                        self.vertex_count,
                        self.vertex_count,
                        super::excerpt(token.text, 40)
                    ),
                )
            })
    }

    /// A warning about the line being read.
    fn warn(&mut self, message: String) {
        self.warnings.push((format!("line {}", self.line), message));
    }

    /// The name a section gives its links: `*Arcs :2 "owns"` names them "owns", and
    /// `*Arcs :2 ""` (a relation with no name) "relation 2". A number alone after the heading
    /// (`*Arcs 9`) is how many links follow, as some exporters write it, and names nothing;
    /// other words are warned of, not read.
    fn section_name(&mut self, words: &[Token<'_>]) -> Option<String> {
        match words.get(1..).unwrap_or_default() {
            [] => None,
            [count] if count.text.parse::<usize>().is_ok() => None,
            [relation, name @ ..] if relation.text.starts_with(':') => {
                let name: Vec<&str> = name.iter().map(|t| t.text).collect();
                let name = name.join(" ");
                let number = relation.text[1..].trim();
                if !name.trim().is_empty() {
                    Some(name)
                } else if !number.is_empty() {
                    Some(format!("relation {number}"))
                } else {
                    None
                }
            }
            [first, ..] => {
                self.warn(format!(
                    "words after \"{}\" not read, from \"{}\": a section's links are named \
                     after its number, as in *Arcs :1 \"owns\"",
                    words[0].text,
                    super::excerpt(first.text, 40)
                ));
                None
            }
        }
    }

    fn link(
        &mut self,
        from: usize,
        to: usize,
        directed: bool,
        weight: Option<f64>,
        label: Option<String>,
    ) {
        let mut fields = Map::new();
        if let Some(weight) = weight.and_then(serde_json::Number::from_f64) {
            fields.insert("weight".to_owned(), Value::Number(weight));
        }
        if let Some(label) = label {
            fields.insert("label".to_owned(), Value::String(label));
        }
        let path = format!("line {}", self.line);
        self.links.push((
            path,
            edge_from_fields(from.to_string(), to.to_string(), directed, fields),
        ));
    }

    fn build(self, file: &str) -> Loaded {
        let directed = self.links.iter().any(|(_, edge)| edge.directed);
        let mut builder = GraphBuilder::new(
            file,
            if directed {
                "Pajek (directed)"
            } else {
                "Pajek (undirected)"
            },
        );
        if let Some(title) = &self.title {
            builder.metadata_mut().title.clone_from(title);
        }
        let named: std::collections::BTreeSet<usize> = self
            .vertices
            .keys()
            .copied()
            .chain(
                self.links
                    .iter()
                    .flat_map(|(_, e)| [&e.source, &e.target])
                    .filter_map(|id| id.parse().ok()),
            )
            .collect();
        let every_vertex = self.vertex_count <= MAX_UNNAMED_VERTICES;
        let ids: Box<dyn Iterator<Item = usize>> = if every_vertex {
            Box::new(1..=self.vertex_count)
        } else {
            Box::new(named.iter().copied())
        };
        builder.reserve(named.len(), self.links.len());
        // Vertex lines give numbers from 1 to N only, and links too, so these are counts.
        let unlisted = self.vertex_count - self.vertices.len();
        let in_no_link = self.vertex_count - named.len();
        let mut vertices = self.vertices;
        for id in ids {
            let vertex = vertices.remove(&id).unwrap_or_default();
            builder.add_node(
                &format!("vertex {id}"),
                node_from_fields(id.to_string(), vertex.fields()),
            );
        }
        for (path, edge) in self.links {
            builder.add_edge(&path, edge);
        }
        for (path, message) in self.warnings {
            builder.warn(path, message);
        }
        if every_vertex && unlisted > 0 {
            builder.note(unlisted_note(self.vertex_count, unlisted, in_no_link));
        }
        if !every_vertex {
            builder.note(format!(
                "\"*Vertices {}\" counts more vertices than Chainsight makes unnamed; the {} that a line lists or links were read",
                self.vertex_count,
                named.len()
            ));
        }
        if self.drawn_vertices + self.drawn_links > 0 {
            builder.note(format!(
                "drawing parameters not read (colours, shapes, sizes; labels and coordinates are): on {} and {}",
                counted(self.drawn_vertices, "vertex", "vertices"),
                counted(self.drawn_links, "link", "links")
            ));
        }
        if !self.sections_not_read.is_empty() {
            let listed: Vec<String> = self
                .sections_not_read
                .iter()
                .map(|(heading, count)| format!("{heading} ({count})"))
                .collect();
            builder.note(format!(
                "the first network was read; sections after it not read: {}",
                listed.join(", ")
            ));
        }
        builder.finish()
    }
}

/// The note on the vertices `*Vertices N` counts that no vertex line lists (`unlisted`, of
/// which `in_no_link` are in no link either): they are made, named by their numbers.
fn unlisted_note(count: usize, unlisted: usize, in_no_link: usize) -> String {
    let alone = match in_no_link {
        0 => String::new(),
        n if n == unlisted => format!(", and in no link: {}", alone_words(n)),
        n => format!(" ({} of them in no link: {})", n, alone_words(n)),
    };
    if unlisted == count {
        format!(
            "no vertex line lists the {} that \"*Vertices {count}\" counts (as igraph writes a \
             network without labels): made, named by their numbers{alone}",
            counted(count, "vertex", "vertices")
        )
    } else {
        format!(
            "{} of the {count} that \"*Vertices {count}\" counts listed on no vertex line: made, \
             named by their numbers{alone}",
            counted(unlisted, "vertex", "vertices")
        )
    }
}

/// What vertices in no link are on the graph.
fn alone_words(count: usize) -> &'static str {
    if count == 1 {
        "it stands alone"
    } else {
        "they stand alone"
    }
}

impl Vertex {
    /// Its label and position as the shared field reader takes them; a third coordinate is
    /// kept as the attribute `z`.
    fn fields(self) -> Map<String, Value> {
        let mut fields = Map::new();
        if let Some(label) = self.label {
            fields.insert("label".to_owned(), Value::String(label));
        }
        for (key, value) in ["x", "y", "z"].into_iter().zip(self.coordinates) {
            if let Some(number) = serde_json::Number::from_f64(value) {
                fields.insert(key.to_owned(), Value::Number(number));
            }
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pajek_is_known_by_its_first_heading() {
        assert!(looks_like_pajek("% made by igraph\n*Vertices 3\n1 2\n"));
        assert!(looks_like_pajek("\u{feff}*Network x\n*vertices 2\n"));
        assert!(!looks_like_pajek("source,target\na,b\n"));
        assert!(!looks_like_pajek("a b\n*Vertices 2\n"));
    }

    #[test]
    fn tokens_keep_quoted_labels_whole_with_their_offsets() {
        let words = tokens(r#"  1 "Safe City" 0.5"#, 10).unwrap();
        let texts: Vec<(&str, usize)> = words.iter().map(|t| (t.text, t.offset)).collect();
        assert_eq!(texts, [("1", 12), ("Safe City", 14), ("0.5", 26)]);
        assert!(tokens(r#"1 "open"#, 0).is_err());
    }

    fn load(text: &str) -> Loaded {
        read("test.net", text).unwrap_or_else(|error| panic!("{error}"))
    }

    fn names(loaded: &Loaded) -> Vec<&str> {
        let entities = &loaded.dataset.entities;
        entities.iter().map(|e| e.name.as_str()).collect()
    }

    use crate::formats::test_warnings as warnings;

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_classic_mac_files_have_it() {
        let loaded = load("*Vertices 3\r1 \"A\"\r2 \"B\"\r3 \"C\"\r*Arcs\r1 2\r2 3\r");
        assert_eq!(names(&loaded), ["A", "B", "C"]);
        assert_eq!(loaded.dataset.relations.len(), 2);
        assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
        assert!(looks_like_pajek("% made on a Mac\r*Vertices 2\r"));
    }

    #[test]
    fn errors_in_classic_mac_files_are_at_their_line() {
        let text = "*Vertices 2\r1 \"A\"\r*Arcs\r1 9\r";
        let Err(LoadError::Syntax { position, .. }) = read("test.net", text) else {
            panic!("vertex 9 of 2 was read");
        };
        assert_eq!((position.line, position.column), (4, 3));
    }

    #[test]
    fn vertices_counted_but_not_listed_are_made_with_a_note() {
        // 5 counted, 2 listed: 3 made, named by their numbers; 4 and 5 are in no link.
        let loaded = load("*Vertices 5\n1 \"IBM\"\n2 \"Huawei\"\n*Arcs\n1 2\n2 3\n");
        assert_eq!(names(&loaded), ["IBM", "Huawei", "3", "4", "5"]);
        assert_eq!(
            loaded.report.notes,
            [
                "3 vertices of the 5 that \"*Vertices 5\" counts listed on no vertex line: made, \
              named by their numbers (2 of them in no link: they stand alone)"
            ]
        );

        // None listed, as igraph writes a network without labels.
        let loaded = load("*Vertices 3\n*Edges\n1 2\n");
        assert_eq!(names(&loaded), ["1", "2", "3"]);
        assert_eq!(
            loaded.report.notes,
            [
                "no vertex line lists the 3 vertices that \"*Vertices 3\" counts (as igraph writes \
              a network without labels): made, named by their numbers (1 of them in no link: it \
              stands alone)"
            ]
        );

        // One unlisted, in a link: no word of standing alone.
        let loaded = load("*Vertices 2\n1 \"A\"\n*Edges\n1 2\n");
        assert_eq!(
            loaded.report.notes,
            [
                "1 vertex of the 2 that \"*Vertices 2\" counts listed on no vertex line: made, \
              named by their numbers"
            ]
        );

        // All listed: nothing to say.
        let loaded = load("*Vertices 2\n1 \"A\"\n2 \"B\"\n*Edges\n1 2\n");
        assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
    }

    #[test]
    fn surplus_words_on_the_vertices_heading_are_warned_of() {
        let loaded = load("*Vertices 3 2 extra\n1 \"A\"\n*Edges\n1 3\n");
        assert_eq!(
            warnings(&loaded),
            [(
                "line 1",
                "\"*Vertices\" takes the number of vertices (and of those of the first kind); \
                 \"extra\" and what follows on the line not read"
            )]
        );
    }

    /// Each relation's label, in order.
    fn relation_labels(loaded: &Loaded) -> Vec<Option<&str>> {
        loaded
            .dataset
            .relations
            .iter()
            .map(|r| r.label.as_deref())
            .collect()
    }

    #[test]
    fn a_count_after_a_heading_names_no_relation() {
        let loaded = load("*Vertices 3\n*Arcs 2\n1 2\n*Edges :1 \"owns\"\n2 3\n");
        assert_eq!(relation_labels(&loaded), [None, Some("owns")]);
        assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
    }

    /// A multiplex network with unnamed relations (`*Arcs :1 ""`, as a RECENS tutorial
    /// publishes one): each relation's links stay apart, named by its number.
    #[test]
    fn unnamed_relations_are_named_by_their_number() {
        let loaded = load(
            "*Vertices 3\n1 \"1\" box\n*Arcs :1 \"\"\n3\t1\t1\n*Arcs :2 \"\"\n3\t1\t2\n*Edges :\n1 2\n",
        );
        assert_eq!(
            relation_labels(&loaded),
            [Some("relation 1"), Some("relation 2"), None]
        );
        assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
    }

    #[test]
    fn words_after_a_heading_without_a_relation_number_are_warned_of() {
        let loaded = load("*Vertices 2\n*Arcs owns shares\n1 2\n");
        assert_eq!(loaded.dataset.relations[0].label, None);
        assert_eq!(
            warnings(&loaded),
            [(
                "line 2",
                "words after \"*Arcs\" not read, from \"owns\": a section's links are named \
                 after its number, as in *Arcs :1 \"owns\""
            )]
        );
    }

    #[test]
    fn a_two_mode_matrix_row_too_long_names_the_columns_it_has() {
        let text = "*Vertices 5 3\n*Matrix\n1 0\n0 1 1\n";
        let Err(LoadError::Syntax {
            position, message, ..
        }) = read("test.net", text)
        else {
            panic!("a row of 3 cells in a matrix of 2 columns was read");
        };
        assert_eq!((position.line, position.column), (4, 5));
        assert_eq!(
            message,
            "this two-mode matrix has 2 columns, one for each vertex of the second kind (4 to 5); \
             this row has 3 cells"
        );
        let error = read("test.net", "*Vertices 2\n*Matrix\n0 1 0\n").err();
        assert!(error.is_some_and(|e| {
            e.to_string()
                .contains("this matrix has 2 columns, one for each vertex; this row has 3 cells")
        }),);
    }
}
