//! Workbooks: Excel's (`.xlsx`, `.xlsm`, `.xlsb`), as Kumu, Cytoscape and Ogma users keep their
//! networks, and OpenDocument spreadsheets (`.ods`, LibreOffice's). The sheet whose header
//! names the two ends of
//! a link (`From`/`To`, `Source`/`Target`...) is the edge list; a sheet named like a node
//! table (Kumu's `Elements`, `Nodes`...), else another sheet whose header names an id or a
//! label, is the node table. Both are read by the CSV reader ([`super::csv_edges`]), cell by
//! cell: a row of the sheet is a line of the table, so its messages name sheet rows. Dates
//! are written as ISO dates, whole numbers without a decimal point. Cells are read by
//! `calamine` (pure Rust), Excel's cell by cell: its whole-sheet reader makes a grid as large
//! as the two cells furthest apart, and a 2 KB file with cells at A1 and XFD1048576 asks for
//! half a terabyte (calamine#693). Excel 97–2003 files (`.xls`) only have that reader, and are
//! refused with what to do instead. OpenDocument spreadsheets are read by [`opendocument`]:
//! calamine's reader for them expands a cell repeated across a row for every row as it
//! parses, unbounded (80 bytes of XML make 16,384 cells).

mod opendocument;

use std::io::Cursor;

use calamine::{DataRef, Reader};

use super::archive::OLD_OFFICE;
use super::csv_edges::{self, NodeFile};
use super::{LoadError, Loaded, TextPosition};

/// Sheet names that say "node table", compared lower case.
const NODE_SHEET_NAMES: [&str; 6] = [
    "elements", "nodes", "vertices", "entities", "node", "element",
];

/// The most cells a sheet is read as, empty ones between filled ones included: an edge list
/// of a million rows and five columns.
const MAX_SHEET_CELLS: usize = 5_000_000;
/// The most text a sheet's cells may hold together: one cell can be shown many times (a
/// shared string, a repeated cell), each time a copy.
const MAX_SHEET_TEXT_BYTES: usize = 256 << 20;

/// The kind of workbook, as messages name it.
#[derive(Clone, Copy)]
enum Kind {
    Excel,
    OpenDocument,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Excel => "Excel workbook",
            Kind::OpenDocument => "OpenDocument spreadsheet",
        }
    }
}

/// One sheet's cells as text, row by row, with its name: the rows and columns with a filled
/// cell, so a spacer column or a stray cell far off adds nothing but itself.
#[derive(Debug)]
struct Sheet {
    name: String,
    rows: Vec<Vec<String>>,
    /// The sheet's row (from 0) of each of `rows`.
    row_numbers: Vec<u32>,
    /// The sheet's column (from 0) of each column of `rows`: those with a filled cell.
    columns: Vec<u32>,
}

/// Reads a workbook's edge list and node table.
pub fn read(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let (kind, sheets) = read_sheets(file, bytes)?;
    from_sheets(file, kind, &sheets)
}

/// Reads a flat OpenDocument spreadsheet (`.fods`: the XML of an `.ods` as one file, as
/// people keep spreadsheets under version control); its XML is named as the file's own.
pub fn read_flat_opendocument(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let sheets = opendocument::read_content(file, file, text)?;
    from_sheets(file, Kind::OpenDocument, &sheets)
}

/// The dataset of a workbook's sheets: its edge list and node table.
fn from_sheets(file: &str, kind: Kind, sheets: &[Sheet]) -> Result<Loaded, LoadError> {
    let Some(edge_at) = sheets
        .iter()
        .position(|s| s.rows.first().is_some_and(|h| csv_edges::is_edge_header(h)))
    else {
        return Err(no_edge_sheet(file, kind, sheets));
    };
    let node_at = node_sheet(sheets, edge_at);
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
            "{} (edges from the sheet \u{201c}{}\u{201d}, nodes from \u{201c}{}\u{201d})",
            kind.name(),
            edges.name,
            sheets[at].name
        ),
        None => format!(
            "{} (edges from the sheet \u{201c}{}\u{201d})",
            kind.name(),
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

/// What kind of workbook it is, and every sheet of it with a cell.
fn read_sheets(file: &str, bytes: &[u8]) -> Result<(Kind, Vec<Sheet>), LoadError> {
    let refuse = |what: String| LoadError::NotText {
        file: file.to_owned(),
        what,
    };
    if bytes.starts_with(OLD_OFFICE) {
        return Err(refuse(
            "an Excel 97\u{2013}2003 workbook or another old Office document; save a workbook \
             as .xlsx (Excel 2007 on) or its sheets as CSV"
                .to_owned(),
        ));
    }
    let unreadable = |name: &str, error: &dyn std::fmt::Display| LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!("the sheet \u{201c}{name}\u{201d} cannot be read: {error}"),
    };
    let mut sheets = Vec::new();
    // Excel's two formats have cell readers alike but of different types, without a trait.
    macro_rules! cell_by_cell {
        ($book:expr) => {{
            let mut book = $book;
            for name in book.sheet_names() {
                let mut cells = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| unreadable(&name, &e))?;
                let mut found = SparseCells::default();
                while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&name, &e))? {
                    let text = cell_text(cell.get_value());
                    found.push(file, &name, cell.get_position(), text)?;
                }
                sheets.extend(found.into_sheet(file, name)?);
            }
            return Ok((Kind::Excel, sheets));
        }};
    }
    if is_opendocument_spreadsheet(bytes) {
        return Ok((Kind::OpenDocument, opendocument::read_sheets(file, bytes)?));
    }
    if let Ok(book) = calamine::Xlsx::new(Cursor::new(bytes)) {
        cell_by_cell!(book);
    }
    if let Ok(book) = calamine::Xlsb::new(Cursor::new(bytes)) {
        cell_by_cell!(book);
    }
    Err(refuse(
        "a ZIP archive that is no workbook (Excel or OpenDocument) nor Maltego graph; unpack it \
         first"
            .to_owned(),
    ))
}

/// Whether a ZIP archive says it is an OpenDocument spreadsheet: its `mimetype` entry, which
/// the format puts first.
fn is_opendocument_spreadsheet(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = archive.by_name("mimetype") else {
        return false;
    };
    let mut head = Vec::new();
    entry.take(64).read_to_end(&mut head).is_ok()
        && head.starts_with(b"application/vnd.oasis.opendocument.spreadsheet")
}

/// A sheet's filled cells as they are read, at most [`MAX_SHEET_CELLS`] holding at most
/// [`MAX_SHEET_TEXT_BYTES`].
#[derive(Default)]
struct SparseCells {
    cells: Vec<((u32, u32), String)>,
    text_bytes: usize,
}

impl SparseCells {
    fn push(
        &mut self,
        file: &str,
        sheet: &str,
        position: (u32, u32),
        text: String,
    ) -> Result<(), LoadError> {
        if text.is_empty() {
            return Ok(());
        }
        if self.cells.len() >= MAX_SHEET_CELLS {
            return Err(too_many_cells(file, sheet));
        }
        self.text_bytes += text.len();
        if self.text_bytes > MAX_SHEET_TEXT_BYTES {
            return Err(too_much_text(file, sheet));
        }
        self.cells.push((position, text));
        Ok(())
    }

    /// The rows and columns that have a filled cell, in the sheet's order, or `None` for a
    /// sheet with none; a sheet whose rows would hold more than [`MAX_SHEET_CELLS`] cells,
    /// empty ones between filled ones included, is refused.
    fn into_sheet(mut self, file: &str, name: String) -> Result<Option<Sheet>, LoadError> {
        if self.cells.is_empty() {
            return Ok(None);
        }
        self.cells.sort_unstable_by_key(|(position, _)| *position);
        let mut row_numbers: Vec<u32> = self.cells.iter().map(|((r, _), _)| *r).collect();
        row_numbers.dedup();
        let mut columns: Vec<u32> = self.cells.iter().map(|((_, c), _)| *c).collect();
        columns.sort_unstable();
        columns.dedup();
        if row_numbers.len().saturating_mul(columns.len()) > MAX_SHEET_CELLS {
            return Err(too_many_cells(file, &name));
        }
        let mut rows = vec![vec![String::new(); columns.len()]; row_numbers.len()];
        let mut at = 0;
        for ((row, column), text) in self.cells {
            while row_numbers[at] != row {
                at += 1;
            }
            if let Ok(column) = columns.binary_search(&column) {
                rows[at][column] = text;
            }
        }
        Ok(Some(Sheet {
            name,
            rows,
            row_numbers,
            columns,
        }))
    }
}

fn too_many_cells(file: &str, sheet: &str) -> LoadError {
    LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!(
            "the sheet \u{201c}{sheet}\u{201d} spans more than {MAX_SHEET_CELLS} cells (empty \
             ones between filled ones counted); Chainsight reads sheets up to that size"
        ),
    }
}

fn too_much_text(file: &str, sheet: &str) -> LoadError {
    LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!(
            "the sheet \u{201c}{sheet}\u{201d} holds more than {} MiB of text; Chainsight reads \
             sheets up to that size",
            MAX_SHEET_TEXT_BYTES >> 20
        ),
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

/// A cell as a CSV file saved from the sheet would hold it, except that dates are ISO dates
/// (`2014-05-02`, with the time where it has one) whatever the sheet's display format.
fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.clone()
        }
        DataRef::Bool(value) => value.to_string(),
        DataRef::Int(value) => value.to_string(),
        DataRef::Float(value) => number_text(*value),
        DataRef::DateTime(date) if date.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        DataRef::DateTime(duration) => duration.as_f64().to_string(),
    }
}

/// A number as a sheet shows it: 3.0 as "3", a year or a count, not a measurement.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// A sheet written as CSV text (comma-separated, quoted where a cell needs it), with where
/// each cell starts in it, to say a message about the text of the sheet.
struct SheetText<'a> {
    text: String,
    /// Per row, per cell: the line and column (in characters) where the cell starts.
    starts: Vec<Vec<TextPosition>>,
    sheet: &'a Sheet,
}

impl<'a> SheetText<'a> {
    fn new(sheet: &'a Sheet) -> Self {
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
                // Lines end as the reader counts them: at \n, \r\n or a lone \r.
                let mut chars = written.chars().peekable();
                while let Some(c) = chars.next() {
                    let crlf = c == '\r' && chars.peek() == Some(&'\n');
                    if c == '\n' || (c == '\r' && !crlf) {
                        (line, column) = (line + 1, 1);
                    } else if !crlf {
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
            sheet,
        }
    }

    /// Which of the rows written starts at or before `line` of the text.
    fn row_index(&self, line: usize) -> Option<usize> {
        self.starts
            .iter()
            .rposition(|cells| cells.first().is_some_and(|c| c.line <= line))
    }

    /// The sheet's row (from 1) that starts at or before `line` of the text.
    fn row_at(&self, line: usize) -> usize {
        let at = self.row_index(line).unwrap_or(0);
        self.sheet
            .row_numbers
            .get(at)
            .map_or(line, |&row| row as usize + 1)
    }

    /// The sheet's cell at `position` of the text: its row and column (from 1).
    fn cell_at(&self, position: &TextPosition) -> Option<TextPosition> {
        let row = self.row_index(position.line)?;
        let column = self.starts[row]
            .iter()
            .rposition(|c| (c.line, c.column) <= (position.line, position.column))
            .unwrap_or(0);
        Some(TextPosition {
            line: *self.sheet.row_numbers.get(row)? as usize + 1,
            column: *self.sheet.columns.get(column)? as usize + 1,
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

/// No sheet names the ends of a link: say which sheets there are and what their headers are.
fn no_edge_sheet(file: &str, kind: Kind, sheets: &[Sheet]) -> LoadError {
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
            "no sheet of this {} is an edge list: expected a first row naming the two ends of a \
             link (Source and Target, From and To); its sheets start {}",
            kind.name(),
            headers.join("; ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_the_text_is_the_sheets_cell_after_a_cell_of_several_lines() {
        let cells = |row: &[&str]| row.iter().map(|&c| c.to_owned()).collect();
        let sheet = Sheet {
            name: "Links".to_owned(),
            rows: vec![
                cells(&["From", "To"]),
                cells(&["x\ry", "b"]),
                cells(&["c", "d"]),
            ],
            row_numbers: vec![0, 4, 5],
            columns: vec![1, 2],
        };
        let text = SheetText::new(&sheet);
        // Where the reader places the last cell: "x\ry", quoted, ends a line at the lone \r.
        let d = TextPosition::from_offset(&text.text, text.text.rfind('d').unwrap());
        assert_eq!((d.line, d.column), (4, 3));
        assert_eq!(text.cell_at(&d), Some(TextPosition { line: 6, column: 3 }));
        // The cell after it, on the line the \r began.
        let b = TextPosition::from_offset(&text.text, text.text.find(",b").unwrap() + 1);
        assert_eq!((b.line, b.column), (3, 4));
        assert_eq!(text.cell_at(&b), Some(TextPosition { line: 5, column: 3 }));
        assert_eq!(text.row_at(4), 6);
        assert_eq!(text.row_at(2), 5);
    }

    #[test]
    fn columns_are_lettered_as_a_sheet_heads_them() {
        let letters: Vec<String> = [0, 25, 26, 27, 701, 702, 16_383]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(letters, ["A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"]);
    }
}
