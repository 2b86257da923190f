//! CSV edge lists, as spreadsheets and Gephi, Kumu and scripts write them: a header naming the
//! endpoint columns (`source`/`target`, `from`/`to`, `src`/`dst`, in any case) and any other
//! columns, separated by commas, semicolons (Gephi) or tabs. A file with no header whose rows
//! are names is read as Gephi's plain edge or adjacency list (`a;b`). A node table may come
//! beside it (Gephi's `Id;Label`, Kumu's element sheet). Every column that is not mapped is
//! kept as an attribute under its header name; every row that cannot be used is reported with
//! its line.
//!
//! Gephi's time sets (its Data Laboratory's `timeset` column, in any case, or Gephi 0.8's
//! `Time Interval`) are read as GEXF's spells are ([`gexf`](super::gexf)): a relation's or a
//! node's first interval is its start and end (a node's as its attributes `start` and `end`),
//! and the later ones are counted in a note, not kept. Gephi writes an interval set
//! `<[2001.0, 2005.0]; [2008.0, 2010.0]>` and, where the graph is in timestamp
//! representation, a timestamp set `<[2001.0, 2003.0, 2007.0]>`, whose first timestamp is a
//! relation's date, or a node's start and end. The file does not say which representation it
//! is, and a set of two timestamps is written as an interval is, so a bracket of two values
//! is an interval (as Gephi's importer reads one) unless a time set in either table is plainly
//! timestamps, one bracket of one value or of three or more: then, as Gephi keeps one
//! representation for the whole graph, every time set of both tables is read as timestamps
//! (see `TimeSets`). A time is read as Gephi reads it, a number first: `-Infinity` and
//! `Infinity` are open ends; a whole number of four digits (`2001.0`, as Gephi writes times
//! in its default format) is a year; an ISO date, with or without a time of day, is that date
//! (Gephi writes dates where the graph's time format is a date); any other number (`2001.5`,
//! a step `3.0`, milliseconds) has no calendar meaning and is kept as written, off the
//! timeline, as GEXF's numeric times are. A row with a start or an end of its own (a relation
//! in a graph of timestamps: a date) keeps its own, and its time set as an attribute, with one
//! warning; a value that is no time set is kept as an attribute, with a warning at its line
//! naming its column.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use super::error::text_lines;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::vocabulary::{
    self, EdgeField, NodeField, edge_field, is_type_name, node_field, split_aliases,
    stated_direction, type_direction,
};
use super::{LoadError, Loaded, TextPosition, prose};

/// A node table found beside an edge list: its name (for messages) and its text.
pub struct NodeFile {
    pub file: String,
    pub text: String,
}

/// Reads a CSV edge list, with an optional node table.
pub fn read(file: &str, text: &str, nodes: Option<NodeFile>) -> Result<Loaded, LoadError> {
    read_beside(file, text, nodes, None)
}

/// [`read`], saying in the report where a node table was looked for (`looked for Supply
/// Nodes.csv`) when none was given.
pub fn read_beside(
    file: &str,
    text: &str,
    nodes: Option<NodeFile>,
    looked_for: Option<&str>,
) -> Result<Loaded, LoadError> {
    let table = parse_table(file, text)?;
    let Some(header) = table.rows.first() else {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    };
    let columns = EdgeColumns::from_header(&header.cells);
    let bare = columns.is_none();
    if bare && !looks_like_bare_list(&header.cells) {
        // One line of prose ("This is just a text file.") is one cell: said to be text.
        if reads_as_sentence(&header.cells) {
            return Err(looks_like_text(
                file,
                text,
                header,
                0,
                &format!(
                    "\"{}\" reads as a sentence, not as a name",
                    excerpt_row(text, header)
                ),
            ));
        }
        return Err(not_an_edge_list(file, &header.cells));
    }
    if bare {
        plausible_bare_list(file, text, &table.rows)?;
    }
    let format = format!(
        "CSV edge list ({}-separated{})",
        table.delimiter_name,
        if bare { ", no header" } else { "" }
    );
    let mut builder = GraphBuilder::new(file, format);
    builder.reserve(table.rows.len(), table.rows.len());
    let rows = table.rows.get(1..).unwrap_or_default();
    let node_table = nodes.map(parse_node_table).transpose()?;
    let edge_columns = columns.as_ref().map(|c| (c.headers.as_slice(), rows));
    let mut times = TimeSets::scan(edge_columns, node_table.as_ref());
    if let Some(columns) = &columns {
        builder.note(columns_read(columns, rows, &times));
    }

    // `None` also when the node table given could not be used (reported).
    let node_table = match node_table {
        Some((name, parsed)) => read_node_table(&mut builder, &name, parsed, &mut times),
        None => None,
    };
    let (edges, lone_names) = match columns {
        Some(columns) => (
            headed_edges(&mut builder, &columns, rows, &mut times),
            Vec::new(),
        ),
        None => bare_edges(&mut builder, &table.rows),
    };

    // With no node table the edge list is the only place nodes are named, so they are
    // expected there and not reported as missing.
    let names: Vec<String> = if node_table.is_none() {
        edges
            .iter()
            .flat_map(|line_edge| [&line_edge.edge.source, &line_edge.edge.target])
            .chain(&lone_names)
            .cloned()
            .collect()
    } else {
        lone_names
    };
    let mut added = 0;
    for name in names {
        if !builder.has_node(&name) {
            added += 1;
            builder.add_node(
                "",
                ImportedNode {
                    label: Some(name.clone()),
                    id: name,
                    ..ImportedNode::default()
                },
            );
        }
    }
    if node_table.is_none() {
        let looked_for = looked_for
            .map(|text| format!(" ({text})"))
            .unwrap_or_default();
        let (names, were, nodes) = if added == 1 {
            ("name", "was", "a node")
        } else {
            ("names", "were", "nodes")
        };
        builder.note(format!(
            "no node table{looked_for}: the {added} {names} in the edge list {were} added as \
             {nodes}"
        ));
    }
    for edge in edges {
        builder.add_edge(&format!("line {}", edge.line), edge.edge);
    }
    times.report(&mut builder);
    Ok(builder.finish())
}

/// An edge with the line it came from.
struct LineEdge {
    line: usize,
    edge: ImportedEdge,
}

/// One record of the file: its cells, trimmed, and the line it starts on.
struct Row {
    line: usize,
    cells: Vec<String>,
}

/// A parsed CSV text.
struct Table {
    delimiter_name: &'static str,
    rows: Vec<Row>,
}

/// Splits `text` into rows, after finding its delimiter and checking that every quote closes.
fn parse_table(file: &str, text: &str) -> Result<Table, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    check_printable(file, text)?;
    let (delimiter, delimiter_name) = detect_delimiter(text);
    if let Some(offset) = unterminated_quote(text, delimiter) {
        return Err(LoadError::Syntax {
            file: file.to_owned(),
            position: TextPosition::from_offset(text, offset),
            json_path: None,
            message: "this quoted field is never closed, so the rest of the file would be read \
                      as one value; add the closing quote (a quote inside a quoted field is \
                      written twice: \"\")"
                .to_owned(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        // Rows of the wrong length are reported one by one below, not fatal.
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|error| csv_error(file, text, &error))?;
        let line = record.position().map_or(0, |position| {
            lines.line_of_record(usize::try_from(position.byte()).unwrap_or(usize::MAX))
        });
        let cells: Vec<String> = record.iter().map(|cell| cell.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Row { line, cells });
    }
    Ok(Table {
        delimiter_name,
        rows,
    })
}

/// The lines records start on, counted from their byte offsets as they come, in order.
/// The csv reader's own line numbers are wrong after a `\r\n` (it counts the `\r` and the
/// `\n` as two line ends, then the next record as on the line before) or a blank line, and
/// it counts no lone `\r` (old Mac files) at all. Lines end as [`text_lines`] ends them.
struct LineCounter<'t> {
    bytes: &'t [u8],
    /// The offset counted up to, and the line it is on (from 1).
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record the csv reader says starts at byte `start`: where it stopped
    /// reading the last one, so on that record's line end or on blank lines before this one.
    fn line_of_record(&mut self, start: usize) -> usize {
        let mut start = start.min(self.bytes.len());
        while self
            .bytes
            .get(start)
            .is_some_and(|byte| matches!(byte, b'\r' | b'\n'))
        {
            start += 1;
        }
        if let Some(between) = self.bytes.get(self.offset..start) {
            // A `\r\n` is counted once, at its `\n`; a lone `\r` ends a line too.
            let lone_returns = memchr::memchr_iter(b'\r', between)
                .filter(|&at| self.bytes.get(self.offset + at + 1) != Some(&b'\n'))
                .count();
            self.line += memchr::memchr_iter(b'\n', between).count() + lone_returns;
            self.offset = start;
        }
        self.line
    }
}

/// How a refusal of something that is not a table at all begins.
const NOT_A_TABLE: &str = "not a CSV table";

/// The longest line a table may have: a row of a spreadsheet is never this long, a minified
/// document or binary data is.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// A table is printable text in lines of reasonable length: control characters (other than
/// tab and line ends) or a line over [`MAX_LINE_BYTES`] mean the file is something else.
fn check_printable(file: &str, text: &str) -> Result<(), LoadError> {
    for line in text_lines(text) {
        let (number, line_start, line) = (line.number, line.start, line.text);
        if line.len() > MAX_LINE_BYTES {
            return Err(LoadError::Syntax {
                file: file.to_owned(),
                position: TextPosition {
                    line: number,
                    column: 1,
                },
                json_path: None,
                message: format!(
                    "{NOT_A_TABLE}: this line is {} bytes long (it starts \"{}\"); a table's \
                     rows are lines of at most {MAX_LINE_BYTES} bytes",
                    line.len(),
                    super::excerpt(line, 40)
                ),
            });
        }
        if let Some((at, c)) = line
            .char_indices()
            .find(|&(_, c)| c.is_control() && c != '\t')
        {
            return Err(LoadError::Syntax {
                file: file.to_owned(),
                position: TextPosition::from_offset(text, line_start + at),
                json_path: None,
                message: format!(
                    "{NOT_A_TABLE}: a control character (U+{:04X}) where a table has \
                     printable text",
                    u32::from(c)
                ),
            });
        }
    }
    Ok(())
}

fn csv_error(file: &str, text: &str, error: &csv::Error) -> LoadError {
    let offset = error.position().map_or(0, |position| {
        usize::try_from(position.byte()).unwrap_or(usize::MAX)
    });
    LoadError::Syntax {
        file: file.to_owned(),
        position: TextPosition::from_offset(text, offset),
        json_path: None,
        message: format!("invalid CSV: {error}"),
    }
}

/// The delimiter used most on the first line (outside quotes): comma, semicolon or tab.
fn detect_delimiter(text: &str) -> (u8, &'static str) {
    let first_line = text_lines(text)
        .map(|line| line.text)
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [
        (b',', "comma", 0_usize),
        (b';', "semicolon", 0),
        (b'\t', "tab", 0),
    ];
    let mut quoted = false;
    for byte in first_line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (delimiter, _, count) in &mut counts {
                if byte == *delimiter {
                    *count += 1;
                }
            }
        }
    }
    // Ties go to the first listed: comma is the most common.
    let (delimiter, name, _) = counts.iter().fold((b',', "comma", 0), |best, &candidate| {
        if candidate.2 > best.2 {
            candidate
        } else {
            best
        }
    });
    (delimiter, name)
}

/// The byte offset of a quote that opens a field and is never closed. The csv reader would
/// silently read everything after it into one field, so it is caught here.
fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    let mut bytes = text.bytes().enumerate().peekable();
    let mut open = None;
    let mut field_start = true;
    while let Some((offset, byte)) = bytes.next() {
        if open.is_some() {
            if byte == b'"' {
                if bytes.peek().is_some_and(|&(_, next)| next == b'"') {
                    bytes.next();
                } else {
                    open = None;
                    field_start = false;
                }
            }
        } else {
            if byte == b'"' && field_start {
                open = Some(offset);
            }
            field_start = byte == delimiter || byte == b'\n' || byte == b'\r';
        }
    }
    open
}

/// Lower case, with spaces and hyphens as underscores, for matching header names.
fn normalise(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}

/// What an edge-list column holds: a field of the [`vocabulary`](super::vocabulary), or an
/// attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeRole {
    /// Gephi's `Type` (Directed/Undirected/Mixed), or a relation type in other tools: the
    /// vocabulary's kind name `type`, which does not compete with the other kind columns.
    Type,
    Field(EdgeField),
    /// Gephi's `timeset` (or 0.8's `Time Interval`): the period or the date ([`TimeSets`]).
    TimeSet,
    Attribute,
}

/// Each header's role and rank (0 is best) among the names of its field.
fn edge_role(header: &str) -> (EdgeRole, u8) {
    if time_set_header(header).is_some() {
        return (EdgeRole::TimeSet, 0);
    }
    match edge_field(header) {
        Some((EdgeField::Kind, _)) if is_type_name(header) => (EdgeRole::Type, 0),
        Some((field, rank)) => (EdgeRole::Field(field), rank),
        None => (EdgeRole::Attribute, 0),
    }
}

/// The roles of a header's columns, each role going to its best-ranked column (the first of
/// equals); the other columns of that role are kept as attributes.
fn ranked_roles<R: Copy + PartialEq>(found: &[(R, u8)], attribute: R) -> Vec<R> {
    found
        .iter()
        .enumerate()
        .map(|(index, &(role, rank))| {
            let beaten = found
                .iter()
                .enumerate()
                .any(|(other, &(other_role, other_rank))| {
                    other != index
                        && other_role == role
                        && (other_rank < rank || (other_rank == rank && other < index))
                });
            if role == attribute || beaten {
                attribute
            } else {
                role
            }
        })
        .collect()
}

/// The role of each column of an edge list's header.
struct EdgeColumns {
    headers: Vec<String>,
    roles: Vec<EdgeRole>,
    /// Kumu's `From`/`To`: several names joined by `|` make one edge per pair.
    from_to: bool,
}

impl EdgeColumns {
    /// The header's columns, or `None` when it names no source and target.
    fn from_header(cells: &[String]) -> Option<Self> {
        let found: Vec<(EdgeRole, u8)> = cells.iter().map(|cell| edge_role(cell)).collect();
        let roles = ranked_roles(&found, EdgeRole::Attribute);
        let source = roles
            .iter()
            .position(|&r| r == EdgeRole::Field(EdgeField::Source))?;
        roles
            .iter()
            .position(|&r| r == EdgeRole::Field(EdgeField::Target))?;
        let from_to = cells
            .get(source)
            .is_some_and(|header| normalise(header) == "from");
        Some(Self {
            headers: cells.to_vec(),
            roles,
            from_to,
        })
    }
}

/// Whether a header row names the two ends of a link (a sheet of a workbook that is an edge
/// list).
pub fn is_edge_header(cells: &[String]) -> bool {
    EdgeColumns::from_header(cells).is_some()
}

/// Whether a header row names a node's id or label (a sheet of a workbook that is a node
/// table).
pub fn is_node_header(cells: &[String]) -> bool {
    cells.iter().any(|cell| {
        matches!(
            node_role(cell).0,
            NodeRole::Field(NodeField::Id | NodeField::Label)
        )
    })
}

/// The note saying which column became what: `columns read: "source" and "target" as the two
/// ends, "type" as the relation, "date" as its date; kept only as attributes: "notes"`. A
/// `type` column is said to be the direction where its values (`rows`) name directions.
fn columns_read(columns: &EdgeColumns, rows: &[Row], times: &TimeSets) -> String {
    // The attribute columns named: a table may have hundreds (as `shown_columns`).
    const SHOWN: usize = 8;
    let name = |index: usize| {
        let header = columns.headers.get(index).map_or("", String::as_str);
        super::quoted(&super::excerpt(header, 40))
    };
    let column_of = |field| {
        columns
            .roles
            .iter()
            .position(|&role| role == EdgeRole::Field(field))
    };
    let mut read = Vec::new();
    let mut attributes = Vec::new();
    if let (Some(source), Some(target)) =
        (column_of(EdgeField::Source), column_of(EdgeField::Target))
    {
        read.push(format!(
            "{} and {} as the two ends",
            name(source),
            name(target)
        ));
    }
    let kind_column = column_of(EdgeField::Kind).is_some();
    for (index, &role) in columns.roles.iter().enumerate() {
        let what = match role {
            EdgeRole::Field(EdgeField::Source | EdgeField::Target) => continue,
            EdgeRole::Attribute => {
                attributes.push(name(index));
                continue;
            }
            EdgeRole::TimeSet => times.column_read(columns.headers.get(index)),
            EdgeRole::Type => {
                let values = rows
                    .iter()
                    .filter_map(|row| row.cells.get(index))
                    .filter(|value| !value.is_empty());
                let (mut directions, mut others) = (0, 0);
                for value in values {
                    if type_direction(value).is_some() {
                        directions += 1;
                    } else {
                        others += 1;
                    }
                    if directions > 0 && others > 0 {
                        break;
                    }
                }
                match (directions > 0, others > 0 || directions == 0, kind_column) {
                    (true, false, _) => "as the direction",
                    (false, _, false) => "as the relation",
                    (true, true, false) => "as the relation, or its direction where it names one",
                    (false, _, true) => {
                        attributes.push(name(index));
                        continue;
                    }
                    (true, true, true) => {
                        "as the direction where it names one, else kept as an attribute"
                    }
                }
            }
            EdgeRole::Field(field) => match field {
                EdgeField::Source | EdgeField::Target => continue,
                EdgeField::Id => "as the relation's id",
                EdgeField::Kind => "as the relation",
                EdgeField::Label => "as its label",
                EdgeField::Weight => "as its weight",
                EdgeField::Date => "as its date",
                EdgeField::Start => "as its start date",
                EdgeField::End => "as its end date",
                EdgeField::Description => {
                    "as its description (the attribute \"description\", not a quote)"
                }
                EdgeField::Quote => "as the quote of its evidence",
                EdgeField::Url => "as the source of its evidence",
                EdgeField::Publisher => "as that source's publisher",
                EdgeField::Status => "as how firmly it is established",
                EdgeField::Direction => "as its direction",
            },
        };
        read.push(format!("{} {what}", name(index)));
    }
    let read = read.join(", ");
    let kept = match attributes.len() {
        0 => return format!("columns read: {read}"),
        1 => "kept only as an attribute",
        _ => "kept only as attributes",
    };
    let more = attributes.len().saturating_sub(SHOWN);
    attributes.truncate(SHOWN);
    if more > 0 {
        attributes.push(format!("and {more} more"));
    }
    format!("columns read: {read}; {kept}: {}", attributes.join(", "))
}

/// Words that mark a first row as a header (of some other table) rather than data.
const HEADER_WORDS: &[&str] = &[
    "id",
    "key",
    "name",
    "label",
    "node",
    "nodes",
    "edge",
    "edges",
    "type",
    "kind",
    "group",
    "category",
    "weight",
    "value",
    "description",
    "url",
    "link",
    "date",
    "year",
    "start",
    "end",
    "x",
    "y",
    "country",
    "relation",
    "relationship",
    "source",
    "target",
    "from",
    "to",
];

/// Whether a first row with no source/target columns is itself data: two or more cells, none
/// of them a usual column name.
fn looks_like_bare_list(cells: &[String]) -> bool {
    cells.len() >= 2
        && cells.iter().take(2).all(|cell| !cell.is_empty())
        && !cells
            .iter()
            .any(|cell| HEADER_WORDS.contains(&normalise(cell).as_str()))
}

/// The longest cell, in words, a name in a plain edge list has; sentences are longer.
const MAX_NAME_WORDS: usize = 12;

/// How a refusal of text that is not a table of links begins.
const LOOKS_LIKE_TEXT: &str = "this looks like text, not a table of links";

/// What a refusal of text asks for instead.
const EXPECTED_TABLE: &str = "expected a header row naming the source and target columns, such \
                              as source,target (a file with no header must hold only names, \
                              such as IBM,Huawei)";

/// A plain edge list (no header) is rows of names, never text. Its rows are refused as text
/// (prose, notes, a letter) when, checked in this order:
///
/// 1. a cell has more than [`MAX_NAME_WORDS`] words: a sentence, not a name;
/// 2. a row reads as a sentence cut at its commas ([`reads_as_sentence`]): "This is just a
///    text file, not a graph.";
/// 3. half the rows or more hold a clause of running text ([`prose::is_clause`]) in their first or
///    second cell, where names are: prose wrapped at a fixed width, whose lines neither start
///    nor end as sentences do (a third column may hold long phrases: the relations' kinds);
/// 4. fewer than half the rows name two or more things (one phrase a line).
///
/// Names are capitalised ("Ministry of Public Security", "Huawei") or are ids and numbers
/// ("n1", "42"), so a list of them, in any language, passes. One that is caught (long names in
/// lower case, say) loads once a header row names its columns.
fn plausible_bare_list(file: &str, text: &str, rows: &[Row]) -> Result<(), LoadError> {
    for row in rows {
        for (index, cell) in row.cells.iter().enumerate() {
            let words = cell.split_whitespace().count();
            if words > MAX_NAME_WORDS {
                return Err(looks_like_text(
                    file,
                    text,
                    row,
                    index,
                    &format!(
                        "{} has {words} words, more than a name has",
                        super::quoted(&super::excerpt(cell, 80))
                    ),
                ));
            }
        }
    }
    if let Some(row) = rows.iter().find(|row| reads_as_sentence(&row.cells)) {
        return Err(looks_like_text(
            file,
            text,
            row,
            0,
            &format!(
                "{} reads as a sentence, not as names",
                super::quoted(&excerpt_row(text, row))
            ),
        ));
    }
    let with_clause = || {
        rows.iter().filter_map(|row| {
            Some((
                row,
                row.cells.iter().take(2).position(|c| prose::is_clause(c))?,
            ))
        })
    };
    let clauses = with_clause().count();
    if clauses * 2 >= rows.len()
        && let Some((row, index)) = with_clause().next()
    {
        let cell = row.cells.get(index).map_or("", String::as_str);
        return Err(looks_like_text(
            file,
            text,
            row,
            index,
            &format!(
                "{clauses} of its {} lines hold running text such as {}, not names",
                rows.len(),
                super::quoted(&super::excerpt(cell, 60))
            ),
        ));
    }
    let pairs = rows.iter().filter(|row| row.cells.len() >= 2).count();
    if pairs * 2 < rows.len() {
        return Err(LoadError::UnknownFormat {
            file: file.to_owned(),
            message: format!(
                "only {pairs} of its {} lines name two or more things; a CSV edge list \
                 needs a header with source and target columns, or rows of names",
                rows.len()
            ),
        });
    }
    Ok(())
}

/// Whether a row reads as a sentence cut into cells at its commas, not as names (see
/// [`prose::reads_as_sentence`]).
fn reads_as_sentence(cells: &[String]) -> bool {
    prose::reads_as_sentence(cells.iter().flat_map(|cell| cell.split_whitespace()))
}

/// The refusal of a file whose row `row` (its cell `cell` where the problem is in one) reads
/// as text, at that row and cell, saying `why`.
fn looks_like_text(file: &str, text: &str, row: &Row, cell: usize, why: &str) -> LoadError {
    LoadError::Syntax {
        file: file.to_owned(),
        position: cell_position(text, row, cell),
        json_path: None,
        message: format!("{LOOKS_LIKE_TEXT}: {why}; {EXPECTED_TABLE}"),
    }
}

/// The line `row` starts on in `text`, without its line end.
fn row_line<'t>(text: &'t str, row: &Row) -> &'t str {
    text_lines(text)
        .nth(row.line.saturating_sub(1))
        .map_or("", |line| line.text)
}

/// The row as written in the file (its first line), a short excerpt.
fn excerpt_row(text: &str, row: &Row) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    super::excerpt(row_line(text, row).trim(), 80)
}

/// Where cell `cell` of `row` starts in `text`: found by its text on the row's line, after
/// the cells before it; else the line's first character that is not a space.
fn cell_position(text: &str, row: &Row, cell: usize) -> TextPosition {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (line_start, line) = text_lines(text)
        .nth(row.line.saturating_sub(1))
        .map_or((text.len(), ""), |line| (line.start, line.text));
    let indent = line.len() - line.trim_start().len();
    let mut from = indent;
    let mut found = None;
    for (index, content) in row.cells.iter().enumerate().take(cell + 1) {
        let Some(at) = line
            .get(from..)
            .and_then(|rest| rest.find(content.as_str()))
        else {
            break;
        };
        if index == cell {
            found = Some(from + at);
        }
        from += at + content.len();
    }
    TextPosition::from_offset(text, line_start + found.unwrap_or(indent))
}

fn not_an_edge_list(file: &str, header: &[String]) -> LoadError {
    let found = shown_columns(header);
    LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!(
            "the first row has the columns {found}; a CSV edge list needs a header with source \
             and target columns (or from and to, or src and dst), or rows of two or more \
             names with no header (a plain edge list)"
        ),
    }
}

/// Header cells for a message: the first few, each a short escaped excerpt, so a file of
/// one huge line or of control characters is never echoed whole.
fn shown_columns(header: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut shown: Vec<String> = header
        .iter()
        .take(SHOWN)
        .map(|cell| format!("\"{}\"", super::excerpt(cell, 40)))
        .collect();
    if header.len() > SHOWN {
        shown.push(format!("and {} more", header.len() - SHOWN));
    }
    shown.join(", ")
}

/// The most relations one row may create (Kumu's `A | B` lists make every pair); the pairs
/// past it are not created, and the report says how many rows were cut.
pub const MAX_RELATIONS_PER_ROW: usize = 10_000;

/// Reads the rows of an edge list with a header.
fn headed_edges(
    builder: &mut GraphBuilder,
    columns: &EdgeColumns,
    rows: &[Row],
    times: &mut TimeSets,
) -> Vec<LineEdge> {
    let width = columns.headers.len();
    let mut edges = Vec::with_capacity(rows.len());
    let mut split_rows = 0;
    let mut capped_rows = 0;
    for row in rows {
        let path = format!("line {}", row.line);
        // A trailing delimiter (empty extra cells) is harmless; any other length is not.
        let extra_empty =
            row.cells.len() > width && row.cells.iter().skip(width).all(String::is_empty);
        if row.cells.len() != width && !extra_empty {
            builder.warn(path, ragged_row(row.cells.len(), width));
            continue;
        }
        let Some(mut edge) = row_edge(builder, columns, row, &path, times) else {
            continue;
        };
        let (sources, targets) = if columns.from_to {
            (split_names(&edge.source), split_names(&edge.target))
        } else {
            (vec![edge.source.clone()], vec![edge.target.clone()])
        };
        if sources.is_empty() || targets.is_empty() {
            builder.warn(path, "no source or no target; the row is set aside");
            continue;
        }
        let pairs = sources.len().saturating_mul(targets.len());
        if pairs > 1 {
            split_rows += 1;
        }
        if pairs > MAX_RELATIONS_PER_ROW {
            capped_rows += 1;
            builder.warn(
                path.clone(),
                format!(
                    "{} names in From and {} in To make {pairs} pairs; only the first \
                     {MAX_RELATIONS_PER_ROW} relations were created",
                    sources.len(),
                    targets.len()
                ),
            );
        }
        let base_id = edge.id.take();
        let mut n = 0;
        'pairs: for source in &sources {
            for target in &targets {
                if n == MAX_RELATIONS_PER_ROW {
                    break 'pairs;
                }
                n += 1;
                let mut pair = edge.clone();
                pair.source.clone_from(source);
                pair.target.clone_from(target);
                pair.id = base_id.as_ref().map(|id| {
                    if n == 1 {
                        id.clone()
                    } else {
                        format!("{id}#{n}")
                    }
                });
                edges.push(LineEdge {
                    line: row.line,
                    edge: pair,
                });
            }
        }
    }
    if split_rows > 0 {
        builder.note(format!(
            "{} several nodes in From or To, joined by \"|\" (Kumu); each pair became an edge",
            crate::words::counted(split_rows, "row names", "rows name")
        ));
    }
    if capped_rows > 0 {
        builder.note(format!(
            "{capped_rows} rows would have made more than {MAX_RELATIONS_PER_ROW} relations \
             each; they were cut at {MAX_RELATIONS_PER_ROW}"
        ));
    }
    edges
}

/// Kumu's multi-value cells: `A | B` names A and B.
fn split_names(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What is wrong with a row of `cells` fields under a header of `width`: "1 field where the
/// header has 3; the row is set aside".
fn ragged_row(cells: usize, width: usize) -> String {
    format!(
        "{} where the header has {width}; the row is set aside",
        crate::words::counted(cells, "field", "fields")
    )
}

/// The edge one row describes, or `None` (reported) when it lacks an endpoint.
fn row_edge(
    builder: &mut GraphBuilder,
    columns: &EdgeColumns,
    row: &Row,
    path: &str,
    times: &mut TimeSets,
) -> Option<ImportedEdge> {
    let mut edge = ImportedEdge::new("", "");
    let mut type_text = None;
    let mut time_set = None;
    for ((header, &role), value) in columns.headers.iter().zip(&columns.roles).zip(&row.cells) {
        if value.is_empty() {
            continue;
        }
        let value = value.clone();
        let EdgeRole::Field(field) = role else {
            match role {
                EdgeRole::Type => match type_direction(&value) {
                    Some(stated) => stated.apply(&mut edge),
                    None => type_text = Some((header.clone(), value)),
                },
                EdgeRole::TimeSet => time_set = Some((header, value)),
                EdgeRole::Field(_) | EdgeRole::Attribute => {
                    edge.attributes.insert(header.clone(), value);
                }
            }
            continue;
        };
        match field {
            EdgeField::Source => edge.source = value,
            EdgeField::Target => edge.target = value,
            EdgeField::Kind => {
                edge.kind = Some(value);
                edge.kind_key = Some(header.clone());
            }
            EdgeField::Label => edge.label = Some(value),
            EdgeField::Weight => {
                if let Some(weight) = parse_number(&value) {
                    edge.weight = Some(weight);
                } else {
                    builder.warn(path, not_a_number(header, &value));
                    edge.attributes.insert(header.clone(), value);
                }
            }
            EdgeField::Date => edge.date = Some(value),
            EdgeField::Start => edge.start = Some(value),
            EdgeField::End => edge.end = Some(value),
            EdgeField::Description => edge.description = Some(value),
            EdgeField::Quote => edge.quote = Some(value),
            EdgeField::Url => edge.url = Some(value),
            EdgeField::Publisher => edge.publisher = Some(value),
            EdgeField::Status => edge.status = Some(value),
            EdgeField::Id => edge.id = Some(value),
            EdgeField::Direction => match stated_direction(header, &value) {
                Some(stated) => {
                    // Kumu's "mutual" has arrows both ways: drawn without one, and kept.
                    if stated.is_mutual() {
                        edge.attributes.insert(header.clone(), value);
                    }
                    stated.apply(&mut edge);
                }
                None => {
                    edge.attributes.insert(header.clone(), value);
                }
            },
        }
    }
    if let Some((header, value)) = time_set {
        edge_times(builder, path, header, value, &mut edge, times);
    }
    // A `type` that is not a direction is the relation type, unless a kind column gave one.
    if let Some((header, value)) = type_text {
        if edge.kind.is_none() {
            edge.kind = Some(value);
            edge.kind_key = Some(header);
        } else {
            edge.attributes.insert(header, value);
        }
    }
    if edge.source.is_empty() || edge.target.is_empty() {
        let missing = if edge.source.is_empty() {
            "source"
        } else {
            "target"
        };
        builder.warn(path, format!("no {missing}; the row is set aside"));
        return None;
    }
    Some(edge)
}

/// The warning for a number column holding something else.
fn not_a_number(header: &str, value: &str) -> String {
    let header = super::excerpt(header, 40);
    format!(
        "{header} \"{}\" is not a number; kept as the attribute \"{header}\"",
        super::excerpt(value, 60)
    )
}

/// A number as spreadsheets write it, including a decimal comma (`1,5`) from some locales.
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    text.parse::<f64>()
        .ok()
        .or_else(|| {
            (text.matches(',').count() == 1 && !text.contains('.'))
                .then(|| text.replace(',', "."))
                .and_then(|t| t.parse().ok())
        })
        .filter(|n: &f64| n.is_finite())
}

/// The most kinds a headerless third column holds to be read as the relations' kinds by
/// repetition alone.
const MAX_BARE_KINDS: usize = 20;

/// Whether a headerless list is `source, target, kind` rows: three cells on every row, no
/// third cell ever a name of the first two columns, and the third cells kinds rather than
/// names: a few shared by many rows, or half or more words the relation vocabulary knows
/// ("supplied", "owns"). Gephi would read such rows as adjacency lists, making "supplied" a
/// node linked from every supplier.
fn kind_column(rows: &[Row]) -> bool {
    let three = |row: &Row| row.cells.len() == 3 && row.cells.iter().all(|c| !c.is_empty());
    if rows.len() < 2 || !rows.iter().all(three) {
        return false;
    }
    let names: HashSet<&str> = rows
        .iter()
        .flat_map(|row| row.cells.iter().take(2).map(String::as_str))
        .collect();
    let kinds: HashSet<&str> = rows
        .iter()
        .filter_map(|row| row.cells.get(2).map(String::as_str))
        .collect();
    if kinds.iter().any(|kind| names.contains(kind)) {
        return false;
    }
    let known = kinds
        .iter()
        .filter(|kind| super::import::parse_relation_kind(kind).is_some())
        .count();
    (kinds.len() <= MAX_BARE_KINDS && kinds.len() * 2 <= rows.len()) || known * 2 >= kinds.len()
}

/// Reads a list with no header: each row is `source, target` (a third column of numbers is
/// the weight, one of kinds the relation's kind) or, with more names, Gephi's adjacency list
/// `a, b, c` (a → b and a → c). A name alone on its row is a node with no edges; those names
/// are returned beside the edges.
fn bare_edges(builder: &mut GraphBuilder, rows: &[Row]) -> (Vec<LineEdge>, Vec<String>) {
    let weighted = rows.iter().all(|row| {
        row.cells.len() == 3
            && row
                .cells
                .get(2)
                .is_some_and(|cell| parse_number(cell).is_some())
    });
    let kinds = !weighted && kind_column(rows);
    let mut edges = Vec::with_capacity(rows.len());
    let mut lone = Vec::new();
    let mut adjacency = false;
    for row in rows {
        let mut cells = row.cells.iter().filter(|cell| !cell.is_empty());
        let Some(source) = cells.next() else { continue };
        if weighted || kinds {
            let third = row.cells.get(2);
            match (row.cells.first(), row.cells.get(1)) {
                (Some(source), Some(target)) if !source.is_empty() && !target.is_empty() => {
                    let mut edge = ImportedEdge::new(source.clone(), target.clone());
                    if weighted {
                        edge.weight = third.and_then(|cell| parse_number(cell));
                    } else {
                        edge.kind = third.cloned();
                    }
                    edges.push(LineEdge {
                        line: row.line,
                        edge,
                    });
                }
                _ => lone.push(source.clone()),
            }
            continue;
        }
        let targets: Vec<&String> = cells.collect();
        if targets.is_empty() {
            lone.push(source.clone());
        }
        adjacency |= targets.len() > 1;
        for target in targets {
            edges.push(LineEdge {
                line: row.line,
                edge: ImportedEdge::new(source.clone(), target.clone()),
            });
        }
    }
    let reading = if weighted {
        "the first two columns as source and target and the third as the weight"
    } else if kinds {
        // No third name is ever a source or target, and they repeat or are kinds of relation.
        "the first two columns as source and target and the third as the kind of relation"
    } else if adjacency {
        "the first column as the source and each other column as a target (Gephi's adjacency \
         list)"
    } else {
        "the first two columns as source and target"
    };
    // A warning, not a note: the first row may be a header in words Chainsight does not
    // know, now read as one more link. It says how the columns were read, so no note repeats it.
    match rows.first() {
        Some(first) => builder.warn(
            format!("line {}", first.line),
            format!(
                "no header found: no column is named source and target (or from and to), so \
                 the first row was read as data, with {reading}; if the first row names the \
                 columns, call them source and target"
            ),
        ),
        None => builder.note(format!("no header: read with {reading}")),
    }
    (edges, lone)
}

/// What a node-table column holds: a field of the [`vocabulary`](super::vocabulary), or an
/// attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NodeRole {
    Field(NodeField),
    /// Gephi's `timeset` (or 0.8's `Time Interval`): the period ([`TimeSets`]).
    TimeSet,
    Attribute,
}

/// A header's role and rank (0 is best) among the names of its field.
fn node_role(header: &str) -> (NodeRole, u8) {
    if time_set_header(header).is_some() {
        return (NodeRole::TimeSet, 0);
    }
    match node_field(header) {
        Some((field, rank)) => (NodeRole::Field(field), rank),
        None => (NodeRole::Attribute, 0),
    }
}

/// A node table given beside the edge list, parsed: read, empty, or not a table at all (the
/// place and why).
enum NodeTable {
    Read(Table),
    Empty,
    NotATable(TextPosition, String),
}

/// Parses the node table given, with its name; an error only where the whole load fails.
fn parse_node_table(node_file: NodeFile) -> Result<(String, NodeTable), LoadError> {
    let parsed = match parse_table(&node_file.file, &node_file.text) {
        Ok(table) => NodeTable::Read(table),
        Err(LoadError::Empty { .. }) => NodeTable::Empty,
        // Not a table at all (control characters, a huge line): not used, said why.
        Err(LoadError::Syntax {
            position, message, ..
        }) if message.starts_with(NOT_A_TABLE) => NodeTable::NotATable(position, message),
        Err(error) => return Err(error),
    };
    Ok((node_file.file, parsed))
}

/// Reads the node table `name` into the builder and returns the number of nodes read, or
/// `None` when the table is empty, no table, or has no id or label column (reported, not
/// used).
fn read_node_table(
    builder: &mut GraphBuilder,
    name: &str,
    parsed: NodeTable,
    times: &mut TimeSets,
) -> Option<usize> {
    let table = match parsed {
        NodeTable::Read(table) => table,
        NodeTable::Empty => {
            builder.note(format!(
                "node table {name} is empty; nodes come from the edge list"
            ));
            return None;
        }
        NodeTable::NotATable(position, message) => {
            builder.warn(
                name.to_owned(),
                format!("{position}: {message}; it was not used, so nodes come from the edge list"),
            );
            return None;
        }
    };
    let header = table.rows.first()?;
    let found: Vec<(NodeRole, u8)> = header.cells.iter().map(|cell| node_role(cell)).collect();
    let roles = ranked_roles(&found, NodeRole::Attribute);
    // Kumu's element sheets have no id: edges name nodes by label.
    let id_role = if roles.contains(&NodeRole::Field(NodeField::Id)) {
        NodeRole::Field(NodeField::Id)
    } else if roles.contains(&NodeRole::Field(NodeField::Label)) {
        NodeRole::Field(NodeField::Label)
    } else {
        let found = shown_columns(&header.cells);
        builder.warn(
            name.to_owned(),
            format!(
                "the node table has the columns {found}, with no id, label or name column; it \
                 was not used, so nodes come from the edge list"
            ),
        );
        return None;
    };
    let width = header.cells.len();
    let mut count = 0;
    for row in table.rows.get(1..).unwrap_or_default() {
        let path = format!("{name} line {}", row.line);
        let extra_empty =
            row.cells.len() > width && row.cells.iter().skip(width).all(String::is_empty);
        if row.cells.len() != width && !extra_empty {
            builder.warn(path, ragged_row(row.cells.len(), width));
            continue;
        }
        let columns = (header.cells.as_slice(), roles.as_slice());
        if let Some(node) = row_node(builder, columns, id_role, row, &path, times) {
            builder.add_node(&path, node);
            count += 1;
        }
    }
    builder.note(format!(
        "node table: {name} ({}-separated, {count} nodes)",
        table.delimiter_name
    ));
    Some(count)
}

/// The node one row of the node table describes (`columns`: its header and their roles), or
/// `None` (reported) when it has no id.
fn row_node(
    builder: &mut GraphBuilder,
    (headers, roles): (&[String], &[NodeRole]),
    id_role: NodeRole,
    row: &Row,
    path: &str,
    times: &mut TimeSets,
) -> Option<ImportedNode> {
    let mut node = ImportedNode::default();
    let mut id = None;
    let (mut x, mut y) = (None, None);
    let mut title = None;
    let mut time_set = None;
    let mut attributes = BTreeMap::new();
    for ((header, &role), value) in headers.iter().zip(roles).zip(&row.cells) {
        if value.is_empty() {
            continue;
        }
        if role == id_role {
            id = Some(value.clone());
        }
        let NodeRole::Field(field) = role else {
            if role == NodeRole::TimeSet {
                time_set = Some((header, value));
            } else {
                attributes.insert(header.clone(), value.clone());
            }
            continue;
        };
        match field {
            NodeField::Id => {}
            NodeField::Label => node.label = Some(value.clone()),
            NodeField::Title => title = Some((header.clone(), value.clone())),
            NodeField::Kind => node.kind = Some(value.clone()),
            NodeField::Description => node.description = Some(value.clone()),
            NodeField::Url => node.url = Some(value.clone()),
            NodeField::Country => node.country = Some(value.clone()),
            NodeField::Aliases => node.aliases = split_aliases(value),
            NodeField::X | NodeField::Y => match parse_number(value) {
                Some(n) if field == NodeField::X => x = Some(n as f32),
                Some(n) => y = Some(n as f32),
                None => {
                    builder.warn(path, not_a_number(header, value));
                    attributes.insert(header.clone(), value.clone());
                }
            },
        }
    }
    // A `title` labels a node without a label, else describes it, else is an attribute.
    if let Some((header, value)) = title {
        if node.label.is_none() {
            node.label = Some(value);
        } else if node.description.is_none() {
            node.description = Some(value);
        } else {
            attributes.insert(header, value);
        }
    }
    let Some(id) = id else {
        builder.warn(path, "no id; the row is set aside");
        return None;
    };
    if let Some((header, value)) = time_set {
        node_times(builder, path, header, value, &mut attributes, times);
    }
    node.id = id;
    // Half a position is no position: the half given is kept as an attribute.
    match (x, y) {
        (Some(x), None) => {
            attributes.insert("x".to_owned(), x.to_string());
        }
        (None, Some(y)) => {
            attributes.insert("y".to_owned(), y.to_string());
        }
        _ => {}
    }
    node.position = x.zip(y);
    node.attributes = attributes;
    Some(node)
}

/// Reads an edge's time set (`value` of the column `header`): its first interval is its start
/// and end, its first timestamp its date, unless it has its own (then it is kept as an
/// attribute, and counted); one that is none is reported and kept as an attribute.
fn edge_times(
    builder: &mut GraphBuilder,
    path: &str,
    header: &str,
    value: String,
    edge: &mut ImportedEdge,
    times: &mut TimeSets,
) {
    let reading = times.read(builder, path, header, &value);
    let own = match &reading {
        Some(TimeSetReading::Period { .. }) => edge.start.is_some() || edge.end.is_some(),
        Some(TimeSetReading::Instant { .. }) => edge.date.is_some(),
        Some(TimeSetReading::Nothing) => return,
        None => false,
    };
    let Some(reading) = reading.filter(|_| !own) else {
        if own {
            times.own_times(path);
        }
        edge.attributes.insert(header.to_owned(), value);
        return;
    };
    times.used(&reading);
    match reading {
        TimeSetReading::Period { start, end, .. } => (edge.start, edge.end) = (start, end),
        TimeSetReading::Instant { at, .. } => edge.date = Some(at),
        TimeSetReading::Nothing => {}
    }
}

/// Reads a node's time set (`value` of the column `header`) into its attributes `start` and
/// `end`, as a GEXF node's spells are: its first interval, or its first timestamp as both,
/// unless a column gave it a start or an end (then it is kept as an attribute, and counted);
/// one that is none is reported and kept as an attribute.
fn node_times(
    builder: &mut GraphBuilder,
    path: &str,
    header: &str,
    value: &str,
    attributes: &mut BTreeMap<String, String>,
    times: &mut TimeSets,
) {
    let reading = times.read(builder, path, header, value);
    if matches!(reading, Some(TimeSetReading::Nothing)) {
        return;
    }
    let own = attributes.keys().any(|key| {
        matches!(
            edge_field(key),
            Some((EdgeField::Start | EdgeField::End, _))
        )
    });
    let Some(reading) = reading.filter(|_| !own) else {
        if own {
            times.own_times(path);
        }
        attributes.insert(header.to_owned(), value.to_owned());
        return;
    };
    times.used(&reading);
    let (start, end) = match reading {
        TimeSetReading::Period { start, end, .. } => (start, end),
        TimeSetReading::Instant { at, .. } => (Some(at.clone()), Some(at)),
        TimeSetReading::Nothing => (None, None),
    };
    for (key, time) in [("start", start), ("end", end)] {
        if let Some(time) = time {
            attributes.insert(key.to_owned(), time);
        }
    }
}

/// Which Gephi time-set column a header names: `timeset` (any case), as Gephi 0.9 and later
/// write it, or `Time Interval`, as Gephi 0.8 wrote it (always intervals).
fn time_set_header(header: &str) -> Option<TimeSetHeader> {
    match vocabulary::key(header).as_ref() {
        "timeset" => Some(TimeSetHeader::Timeset),
        "timeinterval" => Some(TimeSetHeader::TimeInterval),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TimeSetHeader {
    /// Intervals or timestamps, as the graph's representation is (see [`TimeSets`]).
    Timeset,
    /// Gephi 0.8's intervals.
    TimeInterval,
}

/// A Gephi time set's brackets, each its values as written, between `<` and `>`:
/// `<[2001.0, 2005.0]; [2008.0, 2010.0]>` gives `[["2001.0", "2005.0"], ["2008.0",
/// "2010.0"]]`. Gephi writes an open bound with a round bracket (`(2001.0, 2005.0]`), which
/// it reads as closed, as is done here; `<empty>` is an empty set. Why it is none, when not.
fn time_set_groups(text: &str) -> Result<Vec<Vec<&str>>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("<empty>") {
        return Ok(Vec::new());
    }
    let inner = text.strip_prefix('<').unwrap_or(text);
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let mut groups = Vec::new();
    let mut rest = inner;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ';' || c == ',' || c.is_whitespace());
        let Some(first) = rest.chars().next() else {
            break;
        };
        if !matches!(first, '[' | '(') {
            let outside = rest.split(['[', '(']).next().unwrap_or(rest).trim();
            return Err(format!(
                "{} is outside the brackets that hold its times",
                super::quoted(&super::excerpt(outside, 30))
            ));
        }
        let body = &rest[1..];
        let Some(close) = body.find([']', ')', '[', '(', '<', '>']) else {
            return Err("a bracket is never closed".to_owned());
        };
        if !body[close..].starts_with([']', ')']) {
            return Err("a bracket is never closed".to_owned());
        }
        let values: Vec<&str> = body[..close].split(',').map(str::trim).collect();
        if values.iter().any(|value| value.is_empty()) {
            return Err(if values.len() == 1 {
                "a bracket holds no time".to_owned()
            } else {
                "a bracket holds an empty value".to_owned()
            });
        }
        groups.push(values);
        rest = &body[close + 1..];
    }
    if groups.is_empty() {
        return Err("it holds no bracket of times, such as <[2001.0, 2005.0]>".to_owned());
    }
    Ok(groups)
}

/// Whether a time set is plainly a set of timestamps, as Gephi writes one in timestamp
/// representation (`<[2001.0, 2003.0, 2007.0]>`): one bracket, holding one value or three
/// or more. A bracket of two is read as an interval (see [`TimeSets`]).
fn holds_timestamps(text: &str) -> bool {
    time_set_groups(text).is_ok_and(|groups| {
        matches!(groups.as_slice(), [one] if one.len() != 2
        && one.iter().all(|value| {
            matches!(time_of(value), Ok(Time::Calendar(_) | Time::Number(_)))
        }))
    })
}

/// One time of a Gephi time set.
#[derive(Debug, PartialEq)]
enum Time<'t> {
    /// `-Infinity`: an interval open at its start.
    Before,
    /// `Infinity`: an interval open at its end.
    After,
    /// A year (`2001.0`, a whole number of four digits, as Gephi writes years in its default
    /// time format, "double", is `2001`) or a date, with or without a time of day
    /// (`2014-01-01`, `2014-01-01T00:00:00.000+01:00`, as Gephi writes them in its date
    /// formats): the text the relation's date or the node's period takes.
    Calendar(Cow<'t, str>),
    /// Any other number (`1.0`, `2001.5`, milliseconds since 1970): a time only the file's
    /// own scale gives a meaning to, kept as written, off the timeline (as GEXF's
    /// `timeformat="double"` times are).
    Number(&'t str),
}

impl Time<'_> {
    /// The text a date, start or end takes (none for an open bound).
    fn text(&self) -> Option<String> {
        match self {
            Time::Before | Time::After => None,
            Time::Calendar(text) => Some(text.clone().into_owned()),
            Time::Number(text) => Some((*text).to_owned()),
        }
    }
}

/// The lowest and highest whole numbers read as years.
const TIME_SET_YEARS: std::ops::RangeInclusive<f64> = 1000.0..=9999.0;

/// Reads one time of a time set, as Gephi does: a number first (`Infinity` and `-Infinity`
/// in any case), else an ISO date with or without a time.
fn time_of(text: &str) -> Result<Time<'_>, String> {
    if text.eq_ignore_ascii_case("-infinity") {
        return Ok(Time::Before);
    }
    if text.eq_ignore_ascii_case("infinity") || text.eq_ignore_ascii_case("+infinity") {
        return Ok(Time::After);
    }
    if let Ok(number) = text.parse::<f64>() {
        if !number.is_finite() {
            return Err(format!(
                "{} is no time (Gephi writes Infinity)",
                super::quoted(&super::excerpt(text, 30))
            ));
        }
        return Ok(
            if number.fract() == 0.0 && TIME_SET_YEARS.contains(&number) {
                Time::Calendar(Cow::Owned(format!("{number:.0}")))
            } else {
                Time::Number(text)
            },
        );
    }
    if super::native::calendar_date(text).is_some() {
        return Ok(Time::Calendar(Cow::Borrowed(text)));
    }
    Err(format!(
        "{} is neither a number nor a date",
        super::quoted(&super::excerpt(text, 30))
    ))
}

/// Whether an interval from `start` to `end` runs backwards. Calendar times compare at the
/// precision both have (`2001` does not start after `2001-05-01`); a number and a date do
/// not compare.
fn runs_backwards(start: &Time, end: &Time) -> bool {
    match (start, end) {
        // A number and a date do not compare.
        (Time::Before, _)
        | (_, Time::After)
        | (Time::Calendar(_), Time::Number(_))
        | (Time::Number(_), Time::Calendar(_)) => false,
        (Time::After, _) | (_, Time::Before) => true,
        (Time::Calendar(start), Time::Calendar(end)) => {
            let (start, end) = (calendar_day(start), calendar_day(end));
            let common = start.len().min(end.len());
            start.get(..common) > end.get(..common)
        }
        (Time::Number(start), Time::Number(end)) => {
            start.parse::<f64>().ok() > end.parse::<f64>().ok()
        }
    }
}

/// A calendar time's date (`2014-01-01` of `2014-01-01T10:00:00Z`), or the year it is.
fn calendar_day(text: &str) -> &str {
    super::native::calendar_date(text).unwrap_or(text)
}

/// What a time set gives a node or an edge.
#[derive(Debug, PartialEq)]
enum TimeSetReading {
    /// Its first interval: a start and an end, either open.
    Period {
        start: Option<String>,
        end: Option<String>,
        /// The intervals after the first, not kept.
        later: usize,
        /// The first time kept that is a number and no year (for the note).
        number: Option<String>,
    },
    /// Its first timestamp.
    Instant {
        at: String,
        later: usize,
        number: Option<String>,
    },
    /// `<empty>`: nothing.
    Nothing,
}

/// Reads a time set as intervals, or as timestamps; why it is none, when not.
fn read_time_set(text: &str, timestamps: bool) -> Result<TimeSetReading, String> {
    let groups = time_set_groups(text)?;
    let number_of = |time: &Time| match time {
        Time::Number(text) => Some((*text).to_owned()),
        _ => None,
    };
    if timestamps {
        // Gephi reads every value of every bracket as a timestamp.
        let mut times = Vec::new();
        for value in groups.iter().flatten() {
            match time_of(value)? {
                Time::Before | Time::After => {
                    return Err(format!(
                        "{} is no instant (the graph's times are timestamps)",
                        super::quoted(value)
                    ));
                }
                time => times.push(time),
            }
        }
        let Some(first) = times.first() else {
            return Ok(TimeSetReading::Nothing);
        };
        return Ok(TimeSetReading::Instant {
            at: first.text().unwrap_or_default(),
            later: times.len() - 1,
            number: number_of(first),
        });
    }
    let mut first = None;
    for group in &groups {
        let [start, end] = group.as_slice() else {
            return Err(format!(
                "{} holds {} where an interval has a start and an end",
                super::quoted(&super::excerpt(&format!("[{}]", group.join(", ")), 60)),
                crate::words::counted(group.len(), "value", "values")
            ));
        };
        let (start, end) = (time_of(start)?, time_of(end)?);
        if runs_backwards(&start, &end) {
            return Err(format!(
                "the interval [{}, {}] ends before it starts",
                group[0], group[1]
            ));
        }
        first.get_or_insert((start, end));
    }
    let Some((start, end)) = first else {
        return Ok(TimeSetReading::Nothing);
    };
    Ok(TimeSetReading::Period {
        number: number_of(&start).or_else(|| number_of(&end)),
        start: start.text(),
        end: end.text(),
        later: groups.len() - 1,
    })
}

/// The line of the first row whose `timeset` ([`TimeSetHeader::Timeset`]) holds a set of
/// timestamps.
fn first_timestamps(headers: &[String], rows: &[Row]) -> Option<usize> {
    let columns: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, header)| time_set_header(header) == Some(TimeSetHeader::Timeset))
        .map(|(index, _)| index)
        .collect();
    if columns.is_empty() {
        return None;
    }
    rows.iter()
        .find(|row| {
            columns
                .iter()
                .filter_map(|&column| row.cells.get(column))
                .any(|cell| holds_timestamps(cell))
        })
        .map(|row| row.line)
}

/// Gephi's time sets (`timeset` columns) in the two tables: how they are read, and what was
/// not kept, for the report.
///
/// Gephi keeps one representation of time for a whole graph: intervals, written
/// `<[2001.0, 2005.0]; [2008.0, 2010.0]>`, or timestamps, written `<[2001.0, 2003.0,
/// 2007.0]>`. A file does not say which, and a set of two timestamps is written as an
/// interval is; Gephi's importer reads a column as intervals unless a value will not read as
/// one. So here: time sets are intervals unless one of them, in either table, is plainly a set
/// of timestamps (one bracket of one value, or of three or more); then every time set of
/// both tables is read as timestamps, `<[2001.0, 2005.0]>` being two instants. Gephi 0.8's
/// `Time Interval` column is always intervals.
#[derive(Default)]
struct TimeSets {
    /// Where a time set shows the graph's times are timestamps; `None`: intervals.
    timestamps_at: Option<String>,
    /// Time sets read, and the intervals or timestamps after each one's first, not kept.
    read: usize,
    later: usize,
    /// Times kept that are numbers and no years, and the first of them.
    numbers: usize,
    first_number: Option<String>,
    /// Rows giving a period (an edge's timestamps: a date) of their own beside a time set,
    /// which is then kept as an attribute, and where the first is.
    own_times: usize,
    first_own_times: Option<String>,
}

impl TimeSets {
    /// Decides how the tables' time sets are read from their values: the edge list's
    /// header and rows, and the node table, with its name.
    fn scan(edges: Option<(&[String], &[Row])>, nodes: Option<&(String, NodeTable)>) -> Self {
        let timestamps_at = edges
            .and_then(|(headers, rows)| first_timestamps(headers, rows))
            .map(|line| format!("line {line}"))
            .or_else(|| {
                let (name, NodeTable::Read(table)) = nodes? else {
                    return None;
                };
                let (header, rows) = table.rows.split_first()?;
                first_timestamps(&header.cells, rows).map(|line| format!("{name} line {line}"))
            });
        Self {
            timestamps_at,
            ..Self::default()
        }
    }

    /// What the time-set column `header` is read as, for the note on columns.
    fn column_read(&self, header: Option<&String>) -> &'static str {
        if header.is_some_and(|header| self.timestamps(header)) {
            "as its date (a Gephi time set of timestamps)"
        } else {
            "as its start and end (a Gephi time set)"
        }
    }

    /// Whether the column `header` holds timestamps.
    fn timestamps(&self, header: &str) -> bool {
        self.timestamps_at.is_some() && time_set_header(header) == Some(TimeSetHeader::Timeset)
    }

    /// Reads the time set `value` of the column `header` at `path`: what it gives, or `None`
    /// when it is no time set (reported at `path`; the caller keeps it as an attribute).
    fn read(
        &mut self,
        builder: &mut GraphBuilder,
        path: &str,
        header: &str,
        value: &str,
    ) -> Option<TimeSetReading> {
        match read_time_set(value, self.timestamps(header)) {
            Ok(reading) => Some(reading),
            Err(why) => {
                let header = super::excerpt(header, 40);
                builder.warn(
                    path,
                    format!(
                        "{header} {} is not a Gephi time set: {why}; kept as the attribute \
                         \"{header}\"",
                        super::quoted(&super::excerpt(value, 60))
                    ),
                );
                None
            }
        }
    }

    /// Counts a time set read and used.
    fn used(&mut self, reading: &TimeSetReading) {
        let (later, number) = match reading {
            TimeSetReading::Period { later, number, .. }
            | TimeSetReading::Instant { later, number, .. } => (*later, number),
            TimeSetReading::Nothing => return,
        };
        self.read += 1;
        self.later += later;
        if let Some(number) = number {
            self.numbers += 1;
            self.first_number.get_or_insert_with(|| number.clone());
        }
    }

    /// Counts a row whose own times outrank its time set.
    fn own_times(&mut self, path: &str) {
        self.own_times += 1;
        self.first_own_times.get_or_insert_with(|| path.to_owned());
    }

    /// The report's warning and notes on the time sets read.
    fn report(&self, builder: &mut GraphBuilder) {
        if let Some(path) = &self.first_own_times {
            let others = match self.own_times {
                1 => String::new(),
                2 => " (1 more row does the same)".to_owned(),
                n => format!(" ({} more rows do the same)", n - 1),
            };
            builder.warn(
                path.clone(),
                format!(
                    "both times of its own (a start or an end; for a relation in a graph of \
                     timestamps, a date) and a Gephi time set: its own are kept, and the time \
                     set is kept as an attribute{others}"
                ),
            );
        }
        if self.read > 0 {
            let what = if self.timestamps_at.is_some() {
                "timestamp"
            } else {
                "interval"
            };
            let not_kept = if self.later > 0 {
                format!(
                    " ({} not kept)",
                    crate::words::counted(
                        self.later,
                        &format!("later {what}"),
                        &format!("later {what}s")
                    )
                )
            } else {
                String::new()
            };
            builder.note(match &self.timestamps_at {
                None => format!(
                    "Gephi time sets: each node and relation keeps its first interval \
                     as its start and end{not_kept}"
                ),
                Some(at) => format!(
                    "Gephi time sets read as timestamps, as {at} holds a set of them \
                     (Gephi gives a graph one representation of time): each relation keeps its \
                     first timestamp as its date, each node as its start and end{not_kept}"
                ),
            });
        }
        if let Some(first) = &self.first_number {
            let first = super::quoted(&super::excerpt(first, 30));
            builder.note(match self.numbers {
                1 => format!(
                    "1 time in a Gephi time set is a number but no year ({first}): kept as \
                     written as an attribute, off the timeline"
                ),
                n => format!(
                    "{n} times in Gephi time sets are numbers but no years (such as {first}): \
                     kept as written as attributes, off the timeline"
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_most_used_outside_quotes() {
        assert_eq!(detect_delimiter("Source;Target;Label\n").0, b';');
        assert_eq!(detect_delimiter("a\tb\n").0, b'\t');
        assert_eq!(detect_delimiter("\"a;b;c\",d\n").0, b',');
        assert_eq!(detect_delimiter("single\n").0, b',');
    }

    #[test]
    fn unterminated_quote_is_found_and_doubled_quotes_are_not() {
        assert_eq!(unterminated_quote("a,\"b \"\"x\"\" c\"\n", b','), None);
        assert_eq!(unterminated_quote("a,b\"c\n", b','), None);
        assert_eq!(unterminated_quote("a,b\nc,\"d\n", b','), Some(6));
    }

    #[test]
    fn numbers_accept_a_decimal_comma() {
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number(" 2 "), Some(2.0));
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number("NaN"), None);
    }

    #[test]
    fn gephi_times_are_years_dates_numbers_or_open() {
        let year = |text: &str| Time::Calendar(Cow::Owned(text.to_owned()));
        assert_eq!(time_of("2001.0"), Ok(year("2001")));
        assert_eq!(time_of("2001"), Ok(year("2001")));
        assert_eq!(
            time_of("2014-01-01"),
            Ok(Time::Calendar(Cow::Borrowed("2014-01-01")))
        );
        assert_eq!(
            time_of("2014-01-01T00:00:00.000+01:00"),
            Ok(Time::Calendar(Cow::Borrowed(
                "2014-01-01T00:00:00.000+01:00"
            )))
        );
        // Fractions, time steps and milliseconds since 1970 (as Gephi 0.8 wrote them) are
        // numbers with no calendar meaning.
        assert_eq!(time_of("2001.5"), Ok(Time::Number("2001.5")));
        assert_eq!(time_of("3.0"), Ok(Time::Number("3.0")));
        assert_eq!(time_of("1.3885344E12"), Ok(Time::Number("1.3885344E12")));
        assert_eq!(time_of("-INFINITY"), Ok(Time::Before));
        assert_eq!(time_of("Infinity"), Ok(Time::After));
        assert!(time_of("inf").is_err());
        assert!(time_of("2014-13-01").is_err());
        assert!(time_of("spring").is_err());
    }

    #[test]
    fn a_bracket_of_two_is_an_interval_unless_the_graph_holds_timestamps() {
        assert!(holds_timestamps("<[2001.0, 2003.0, 2007.0]>"));
        assert!(holds_timestamps("<[2014-01-01]>"));
        assert!(!holds_timestamps("<[2001.0, 2005.0]>"));
        assert!(!holds_timestamps("<[2001.0, 2005.0]; [2008.0, 2010.0]>"));
        assert!(!holds_timestamps("<[-Infinity]>"), "no instant");
        assert!(!holds_timestamps("<[spring]>"), "no time");
        let period = |start: &str, end: &str, later| TimeSetReading::Period {
            start: Some(start.to_owned()),
            end: Some(end.to_owned()),
            later,
            number: None,
        };
        assert_eq!(
            read_time_set("<[2001.0, 2005.0]; [2008.0, 2010.0]>", false),
            Ok(period("2001", "2005", 1))
        );
        assert_eq!(
            read_time_set("<[2001.0, 2005.0]>", true),
            Ok(TimeSetReading::Instant {
                at: "2001".to_owned(),
                later: 1,
                number: None
            })
        );
        // Calendar times compare at the precision both have.
        assert_eq!(
            read_time_set("[2001, 2001-05-01]", false),
            Ok(period("2001", "2001-05-01", 0))
        );
        assert!(read_time_set("[2002, 2001-12-31]", false).is_err());
        assert!(read_time_set("<[Infinity, 2001.0]>", false).is_err());
        assert_eq!(read_time_set("<empty>", false), Ok(TimeSetReading::Nothing));
    }

    #[test]
    fn bare_list_needs_two_cells_and_no_column_names() {
        let cells = |s: &[&str]| s.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        assert!(looks_like_bare_list(&cells(&["IBM", "Huawei"])));
        assert!(!looks_like_bare_list(&cells(&["Id", "Label"])));
        assert!(!looks_like_bare_list(&cells(&["IBM"])));
    }
}
