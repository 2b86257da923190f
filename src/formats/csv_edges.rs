//! CSV edge lists, as spreadsheets and Gephi, Kumu and scripts write them: a header naming the
//! endpoint columns (`source`/`target`, `from`/`to`, `src`/`dst`, in any case) and any other
//! columns, separated by commas, semicolons (Gephi) or tabs. A file with no header whose rows
//! are names is read as Gephi's plain edge or adjacency list (`a;b`). A node table may come
//! beside it (Gephi's `Id;Label`, Kumu's element sheet). Every column that is not mapped is
//! kept as an attribute under its header name; every row that cannot be used is reported with
//! its line.

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
    if let Some(columns) = &columns {
        builder.note(columns_read(
            columns,
            table.rows.get(1..).unwrap_or_default(),
        ));
    }

    // `None` also when the node table given could not be used (reported).
    let node_table = match nodes {
        Some(node_file) => read_node_table(&mut builder, &node_file)?,
        None => None,
    };
    let (edges, lone_names) = match columns {
        Some(columns) => (
            headed_edges(
                &mut builder,
                &columns,
                table.rows.get(1..).unwrap_or_default(),
            ),
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
        builder.note(format!(
            "no node table: the {added} names in the edge list were added as nodes"
        ));
    }
    for edge in edges {
        builder.add_edge(&format!("line {}", edge.line), edge.edge);
    }
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
    Attribute,
}

/// Each header's role and rank (0 is best) among the names of its field.
fn edge_role(header: &str) -> (EdgeRole, u8) {
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
fn columns_read(columns: &EdgeColumns, rows: &[Row]) -> String {
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
                EdgeField::Description
                    if vocabulary::key(columns.headers.get(index).map_or("", String::as_str))
                        == "title" =>
                {
                    "as a quote where a link is given, else kept as an attribute"
                }
                EdgeField::Description => "as the quote of its evidence",
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
fn headed_edges(builder: &mut GraphBuilder, columns: &EdgeColumns, rows: &[Row]) -> Vec<LineEdge> {
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
            builder.warn(
                path,
                format!(
                    "{} fields where the header has {width}; the row is set aside",
                    row.cells.len()
                ),
            );
            continue;
        }
        let Some(mut edge) = row_edge(builder, columns, row, &path) else {
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

/// The edge one row describes, or `None` (reported) when it lacks an endpoint.
fn row_edge(
    builder: &mut GraphBuilder,
    columns: &EdgeColumns,
    row: &Row,
    path: &str,
) -> Option<ImportedEdge> {
    let mut edge = ImportedEdge::new("", "");
    let mut type_text = None;
    let mut title = None;
    for ((header, &role), value) in columns.headers.iter().zip(&columns.roles).zip(&row.cells) {
        if value.is_empty() {
            continue;
        }
        let value = value.clone();
        let EdgeRole::Field(field) = role else {
            if role == EdgeRole::Type {
                match type_direction(&value) {
                    Some(stated) => stated.apply(&mut edge),
                    None => type_text = Some((header.clone(), value)),
                }
            } else {
                edge.attributes.insert(header.clone(), value);
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
            EdgeField::Description if vocabulary::key(header) == "title" => {
                title = Some((header.clone(), value));
            }
            EdgeField::Description => edge.description = Some(value),
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
    // A `title` is a quote only beside a link; alone it is a tooltip, kept as an attribute.
    if let Some((header, value)) = title {
        if edge.url.is_some() {
            edge.description = Some(value);
        } else {
            edge.attributes.insert(header, value);
        }
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
    Attribute,
}

/// A header's role and rank (0 is best) among the names of its field.
fn node_role(header: &str) -> (NodeRole, u8) {
    match node_field(header) {
        Some((field, rank)) => (NodeRole::Field(field), rank),
        None => (NodeRole::Attribute, 0),
    }
}

/// Reads the node table into the builder and returns the number of nodes read, or `None` when
/// the table is empty or has no id or label column (reported, not used).
fn read_node_table(
    builder: &mut GraphBuilder,
    node_file: &NodeFile,
) -> Result<Option<usize>, LoadError> {
    let name = &node_file.file;
    let table = match parse_table(name, &node_file.text) {
        Ok(table) => table,
        Err(LoadError::Empty { .. }) => {
            builder.note(format!(
                "node table {name} is empty; nodes come from the edge list"
            ));
            return Ok(None);
        }
        // Not a table at all (control characters, a huge line): not used, said why.
        Err(LoadError::Syntax {
            position, message, ..
        }) if message.starts_with(NOT_A_TABLE) => {
            builder.warn(
                name.clone(),
                format!("{position}: {message}; it was not used, so nodes come from the edge list"),
            );
            return Ok(None);
        }
        Err(error) => return Err(error),
    };
    let Some(header) = table.rows.first() else {
        return Ok(None);
    };
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
            name.clone(),
            format!(
                "the node table has the columns {found}, with no id, label or name column; it \
                 was not used, so nodes come from the edge list"
            ),
        );
        return Ok(None);
    };
    let width = header.cells.len();
    let mut count = 0;
    for row in table.rows.get(1..).unwrap_or_default() {
        let path = format!("{name} line {}", row.line);
        let extra_empty =
            row.cells.len() > width && row.cells.iter().skip(width).all(String::is_empty);
        if row.cells.len() != width && !extra_empty {
            builder.warn(
                path,
                format!(
                    "{} fields where the header has {width}; the row is set aside",
                    row.cells.len()
                ),
            );
            continue;
        }
        if let Some(node) = row_node(builder, &header.cells, &roles, id_role, row, &path) {
            builder.add_node(&path, node);
            count += 1;
        }
    }
    builder.note(format!(
        "node table: {name} ({}-separated, {count} nodes)",
        table.delimiter_name
    ));
    Ok(Some(count))
}

fn row_node(
    builder: &mut GraphBuilder,
    headers: &[String],
    roles: &[NodeRole],
    id_role: NodeRole,
    row: &Row,
    path: &str,
) -> Option<ImportedNode> {
    let mut node = ImportedNode::default();
    let mut id = None;
    let (mut x, mut y) = (None, None);
    let mut title = None;
    let mut attributes = BTreeMap::new();
    for ((header, &role), value) in headers.iter().zip(roles).zip(&row.cells) {
        if value.is_empty() {
            continue;
        }
        if role == id_role {
            id = Some(value.clone());
        }
        let NodeRole::Field(field) = role else {
            attributes.insert(header.clone(), value.clone());
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
    fn bare_list_needs_two_cells_and_no_column_names() {
        let cells = |s: &[&str]| s.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        assert!(looks_like_bare_list(&cells(&["IBM", "Huawei"])));
        assert!(!looks_like_bare_list(&cells(&["Id", "Label"])));
        assert!(!looks_like_bare_list(&cells(&["IBM"])));
    }
}
