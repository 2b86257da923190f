//! Workbooks: Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) and OpenDocument (`.ods`), as Kumu,
//! Cytoscape and Ogma users keep their networks. The sheet whose header names the two ends of
//! a link (`From`/`To`, `Source`/`Target`...) is the edge list; a sheet named like a node
//! table (Kumu's `Elements`, `Nodes`...), else another sheet whose header names an id or a
//! label, is the node table. Both are read by the CSV reader ([`super::csv_edges`]), cell by
//! cell: a row of the sheet is a line of the table, so its messages name sheet rows. Dates
//! are written as ISO dates, whole numbers without a decimal point. Cells are read by
//! `calamine` (pure Rust, every format Excel and LibreOffice save).

use std::io::Cursor;

use calamine::{Data, Reader};

use super::csv_edges::{self, NodeFile};
use super::{LoadError, Loaded, TextPosition};

/// Sheet names that say "node table", compared lower case.
const NODE_SHEET_NAMES: [&str; 6] = [
    "elements", "nodes", "vertices", "entities", "node", "element",
];

/// Whether `bytes` may be a workbook: a ZIP archive (`.xlsx`, `.ods`) or an old Office file
/// (`.xls`). Which one it is, and whether it is a workbook at all, [`read`] finds out.
pub fn may_be_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// One sheet's cells as text, row by row, with its name.
struct Sheet {
    name: String,
    rows: Vec<Vec<String>>,
    /// The row and column (from 0) of its first used cell.
    origin: (u32, u32),
}

/// Reads a workbook's edge list and node table.
pub fn read(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|error| {
            LoadError::NotText {
                file: file.to_owned(),
                what: not_a_workbook(bytes, &error),
            }
        })?;
    let kind = workbook_kind(&workbook);
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| LoadError::UnknownFormat {
                file: file.to_owned(),
                message: format!("the sheet \u{201c}{name}\u{201d} cannot be read: {error}"),
            })?;
        let rows = sheet_rows(&range);
        if !rows.is_empty() {
            let origin = range.start().unwrap_or_default();
            sheets.push(Sheet { name, rows, origin });
        }
    }
    let Some(edge_at) = sheets
        .iter()
        .position(|s| s.rows.first().is_some_and(|h| csv_edges::is_edge_header(h)))
    else {
        return Err(no_edge_sheet(file, kind, &sheets));
    };
    let node_at = node_sheet(&sheets, edge_at);
    let edges = &sheets[edge_at];
    let node_text = node_at.map(|at| {
        (
            sheet_label(file, &sheets[at].name),
            SheetText::new(&sheets[at]),
        )
    });
    let node_file = node_text.as_ref().map(|(label, sheet)| NodeFile {
        file: label.clone(),
        text: sheet.text.clone(),
    });
    let edge_text = SheetText::new(edges);
    let edge_file = sheet_label(file, &edges.name);
    let mut loaded = csv_edges::read(&edge_file, &edge_text.text, node_file).map_err(|error| {
        // Said of the sheet it is about: the edge list's, or the node table's.
        let sheet = match (&node_text, &error) {
            (Some((label, sheet)), LoadError::Syntax { file, .. }) if file == label => sheet,
            _ => &edge_text,
        };
        in_sheet(error, sheet)
    })?;
    file.clone_into(&mut loaded.report.file);
    // The sheets were never comma-separated text to the user.
    for note in &mut loaded.report.notes {
        if note.starts_with("node table: ") {
            *note = note.replace("(comma-separated, ", "(");
        }
    }
    for warning in &mut loaded.report.warnings {
        warning.json_path = as_rows(&warning.json_path, &edges.name, &edge_text, "");
        if let Some((label, sheet)) = &node_text {
            let name = &sheets[node_at.unwrap_or_default()].name;
            warning.json_path = as_rows(&warning.json_path, name, sheet, label);
        }
    }
    loaded.report.format = match node_at {
        Some(at) => format!(
            "{kind} (edges from the sheet \u{201c}{}\u{201d}, nodes from \u{201c}{}\u{201d})",
            edges.name, sheets[at].name
        ),
        None => format!(
            "{kind} (edges from the sheet \u{201c}{}\u{201d})",
            edges.name
        ),
    };
    let unread: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter(|(at, _)| *at != edge_at && Some(*at) != node_at)
        .map(|(_, s)| format!("\u{201c}{}\u{201d}", s.name))
        .collect();
    if !unread.is_empty() {
        loaded.report.notes.push(format!(
            "{} not read (neither an edge list nor a node table): {}",
            crate::words::counted(unread.len(), "sheet", "sheets"),
            unread.join(", ")
        ));
    }
    Ok(loaded)
}

/// "Excel workbook" or "OpenDocument spreadsheet", for the format line.
fn workbook_kind<RS>(workbook: &calamine::Sheets<RS>) -> &'static str {
    match workbook {
        calamine::Sheets::Ods(_) => "OpenDocument spreadsheet",
        _ => "Excel workbook",
    }
}

/// How a file named in messages for one of its sheets: `book.xlsx › Connections`.
fn sheet_label(file: &str, sheet: &str) -> String {
    format!("{file} \u{203a} {sheet}")
}

/// The node table's sheet: one named like a node table, else another whose header names an
/// id or a label, never the edge list's.
fn node_sheet(sheets: &[Sheet], edge_at: usize) -> Option<usize> {
    let others = || (0..sheets.len()).filter(move |&at| at != edge_at);
    others()
        .find(|&at| NODE_SHEET_NAMES.contains(&sheets[at].name.trim().to_lowercase().as_str()))
        .or_else(|| {
            others().find(|&at| {
                sheets[at]
                    .rows
                    .first()
                    .is_some_and(|h| csv_edges::is_node_header(h) && !csv_edges::is_edge_header(h))
            })
        })
}

/// A sheet's used cells as text, from its first used row and column, with trailing empty
/// rows and columns left off.
fn sheet_rows(range: &calamine::Range<Data>) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    while rows
        .last()
        .is_some_and(|row| row.iter().all(String::is_empty))
    {
        rows.pop();
    }
    // As wide as the widest row's last filled cell, every row: a row with empty cells at its
    // end is a row of the table, not a short one.
    let width = rows
        .iter()
        .filter_map(|row| row.iter().rposition(|cell| !cell.is_empty()))
        .max()
        .map_or(0, |last| last + 1);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    rows
}

/// A cell as a CSV file saved from the sheet would hold it, except that dates are ISO dates
/// (`2014-05-02`, with the time where it has one) whatever the sheet's display format.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Bool(value) => value.to_string(),
        Data::Int(value) => value.to_string(),
        // 3.0 as "3", as the sheet shows it: a year or a count, not a measurement.
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{value:.0}")
        }
        Data::Float(value) => value.to_string(),
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        Data::DateTime(duration) => duration.as_f64().to_string(),
    }
}

/// A sheet written as CSV text (comma-separated, quoted where a cell needs it), with where
/// each cell starts in it, to say a message about the text of the sheet.
struct SheetText {
    text: String,
    /// Per row, per cell: the line and column (in characters) where the cell starts.
    starts: Vec<Vec<TextPosition>>,
    /// The sheet's row and column (from 0) of the first cell.
    origin: (u32, u32),
}

impl SheetText {
    fn new(sheet: &Sheet) -> Self {
        let (mut text, mut starts) = (String::new(), Vec::with_capacity(sheet.rows.len()));
        let (mut line, mut column) = (1, 1);
        for row in &sheet.rows {
            let mut row_starts = Vec::with_capacity(row.len());
            for (at, cell) in row.iter().enumerate() {
                if at > 0 {
                    text.push(',');
                    column += 1;
                }
                row_starts.push(TextPosition { line, column });
                // Separators of other tables quoted too: the reader guesses the separator
                // from the header's unquoted characters.
                let quoted = cell.contains([',', ';', '\t', '"', '\n', '\r']);
                let written = if quoted {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                };
                for c in written.chars() {
                    if c == '\n' {
                        (line, column) = (line + 1, 1);
                    } else {
                        column += 1;
                    }
                }
                text.push_str(&written);
            }
            text.push('\n');
            (line, column) = (line + 1, 1);
            starts.push(row_starts);
        }
        Self {
            text,
            starts,
            origin: sheet.origin,
        }
    }

    /// The sheet's row (from 1) that starts at or before `line` of the text.
    fn row_at(&self, line: usize) -> usize {
        let before = self
            .starts
            .iter()
            .take_while(|cells| cells.first().is_none_or(|c| c.line <= line))
            .count();
        self.origin.0 as usize + before.max(1)
    }

    /// The sheet's cell at `position` of the text: its row and column (from 1).
    fn cell_at(&self, position: &TextPosition) -> Option<TextPosition> {
        let (row, row_starts) = self
            .starts
            .iter()
            .enumerate()
            .rfind(|(_, cells)| cells.first().is_some_and(|c| c.line <= position.line))?;
        let column = row_starts
            .iter()
            .rposition(|c| (c.line, c.column) <= (position.line, position.column))
            .unwrap_or(0);
        Some(TextPosition {
            line: self.origin.0 as usize + row + 1,
            column: self.origin.1 as usize + column + 1,
        })
    }
}

/// A warning's place in a sheet's text (`line 4`, `line 3.target`, after `prefix`) as the
/// sheet's row: `“Connections” row 4`, `“Connections” row 3.target`. Other places are kept.
fn as_rows(path: &str, sheet_name: &str, sheet: &SheetText, prefix: &str) -> String {
    let Some(rest) = path
        .strip_prefix(prefix)
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix("line "))
    else {
        return path.to_owned();
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Ok(line) = rest[..digits].parse::<usize>() else {
        return path.to_owned();
    };
    let row = sheet.row_at(line);
    format!("\u{201c}{sheet_name}\u{201d} row {row}{}", &rest[digits..])
}

/// A column's letters as a sheet heads it: 0 is `A`, 25 `Z`, 26 `AA`.
fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (column % 26) as u8));
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A message about the CSV text made of a sheet, said of the sheet: at the row and column of
/// the cell it is about (`line 7, column 3: cell C7`), since the text's columns count
/// characters, not cells.
fn in_sheet(error: LoadError, sheet: &SheetText) -> LoadError {
    match error {
        LoadError::Syntax {
            file,
            position,
            json_path,
            message,
        } => {
            // The CSV reader's words for text that is no table are about the text made of
            // the sheet, which the user never saw.
            let message = message.replace("not a CSV table: ", "");
            match sheet.cell_at(&position) {
                Some(cell) => LoadError::Syntax {
                    file,
                    message: format!(
                        "cell {}{}: {message}",
                        column_letters(cell.column - 1),
                        cell.line
                    ),
                    position: cell,
                    json_path,
                },
                None => LoadError::Syntax {
                    file,
                    position,
                    json_path,
                    message,
                },
            }
        }
        other => other,
    }
}

/// Why a ZIP or Office file is not read: not a workbook, or a workbook calamine refused.
fn not_a_workbook(bytes: &[u8], error: &calamine::Error) -> String {
    if bytes.starts_with(b"PK\x03\x04") {
        format!(
            "a ZIP archive that is no Excel or OpenDocument workbook ({error}); unpack it first"
        )
    } else {
        format!("an Office document that is no readable workbook ({error})")
    }
}

/// No sheet names the ends of a link: say which sheets there are and what their headers are.
fn no_edge_sheet(file: &str, kind: &str, sheets: &[Sheet]) -> LoadError {
    let headers: Vec<String> = sheets
        .iter()
        .map(|s| {
            let header = s.rows.first().map(|h| h.join(", ")).unwrap_or_default();
            format!(
                "\u{201c}{}\u{201d} ({})",
                s.name,
                crate::words::shortened(&header, 60)
            )
        })
        .collect();
    if sheets.is_empty() {
        return LoadError::Empty {
            file: file.to_owned(),
        };
    }
    LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!(
            "no sheet of this {kind} is an edge list: expected a first row naming the two ends \
             of a link (Source and Target, From and To); its sheets start {}",
            headers.join("; ")
        ),
    }
}
