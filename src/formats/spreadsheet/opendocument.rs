//! OpenDocument spreadsheets (`.ods`, LibreOffice Calc's own format): the sheets of the
//! archive's `content.xml`, read element by element. A cell or row repeated
//! (`table:number-columns-repeated`, `table:number-rows-repeated`) only moves the place of
//! the next one unless it holds something: LibreOffice ends a row with one empty cell repeated
//! a thousand times and a sheet with one empty row repeated a million times. A filled cell's
//! repeats count towards the sheet's cell limit as they are made, so a few bytes of XML cannot
//! ask for millions of cells; calamine's reader made every repeat as it parsed, unbounded.

use std::io::{Cursor, Read};

use super::{
    MAX_SHEET_CELLS, MAX_SHEET_TEXT_BYTES, Sheet, SparseCells, number_text, too_many_cells,
    too_much_text,
};
use crate::formats::LoadError;
use crate::formats::archive::entry_bytes;
use crate::formats::xml::{Element, XmlEvent, XmlEvents};

/// The most spaces one `<text:s text:c="…"/>` stands for: a cell's text, not a page layout.
const MAX_SPACES: usize = 1_000;
/// Copies of filled cells that repeats may make, beyond the first of each: this many, and
/// [`COPIES_PER_BYTE`] more for each byte of the content. A network's rows differ from one
/// another, so a sheet holds few repeated filled cells; a 776-byte file repeating one filled
/// row a million times had made a million links and taken over a gigabyte.
const FREE_COPIES: usize = 10_000;
const COPIES_PER_BYTE: usize = 16;

/// Every sheet of the spreadsheet with a filled cell, in the order the file has them.
pub(super) fn read_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, LoadError> {
    let unreadable = |what: String| LoadError::UnknownFormat {
        file: file.to_owned(),
        message: format!("this OpenDocument spreadsheet cannot be read: {what}"),
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    if is_encrypted(&mut archive) {
        return Err(LoadError::NotText {
            file: file.to_owned(),
            what: "a password-protected OpenDocument spreadsheet; save a copy without a \
                   password (LibreOffice: File \u{203a} Save As, untick \u{201c}Save with \
                   password\u{201d})"
                .to_owned(),
        });
    }
    let raw = entry_bytes(file, &mut archive, "content.xml")?
        .ok_or_else(|| unreadable("it has no content.xml".to_owned()))?;
    let text = String::from_utf8(raw)
        .map_err(|_| unreadable("its content.xml is not UTF-8 text".to_owned()))?;
    read_content(file, &format!("{file} \u{203a} content.xml"), &text)
}

/// The sheets of a spreadsheet's content (`content.xml`, or a flat `.fods` file whole), named
/// `content_file` in messages about its XML.
pub(super) fn read_content(
    file: &str,
    content_file: &str,
    text: &str,
) -> Result<Vec<Sheet>, LoadError> {
    let mut events = XmlEvents::new(content_file, text);
    let mut reader = SheetsReader::new(file, FREE_COPIES + COPIES_PER_BYTE * text.len());
    loop {
        match events.next()? {
            XmlEvent::Start(element) => reader.start(&events, &element),
            XmlEvent::Text(text) => reader.text(&text),
            XmlEvent::End(local) => reader.end(&local)?,
            XmlEvent::Eof => break,
        }
    }
    if !reader.spreadsheet {
        return Err(LoadError::UnknownFormat {
            file: file.to_owned(),
            message: "an OpenDocument file that is no spreadsheet (it has no \
                      <office:spreadsheet>); Chainsight reads spreadsheets"
                .to_owned(),
        });
    }
    Ok(reader.sheets)
}

/// Whether the archive's manifest says its parts are encrypted (saved with a password).
fn is_encrypted(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    let Ok(manifest) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut head = Vec::new();
    manifest.take(1 << 20).read_to_end(&mut head).is_ok()
        && head.windows(15).any(|w| w == b"encryption-data")
}

/// The sheet being read.
struct Table {
    name: String,
    cells: SparseCells,
    /// The sheet's row (from 0) the next row starts at.
    row: u32,
}

/// The row being read: how many rows it stands for and its filled cells.
struct Row {
    repeated: u32,
    /// The column (from 0) the next cell starts at.
    column: u32,
    filled: Vec<(u32, String)>,
    /// The length of the text of `filled`, bounded as a sheet's is.
    text_bytes: usize,
}

/// The cell being read.
struct Cell {
    repeated: u32,
    /// Its value where the cell's type gives one (a number, a date), else its text.
    value: Option<String>,
    text: String,
    paragraphs: usize,
    /// Inside a paragraph (`text:p`, `text:h`), where a cell's text is.
    in_paragraph: usize,
    /// A cell merged into one before it: hidden, so its content is not read.
    covered: bool,
}

struct SheetsReader<'a> {
    file: &'a str,
    sheets: Vec<Sheet>,
    /// Whether the document's body is a spreadsheet (`office:spreadsheet`).
    spreadsheet: bool,
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<Cell>,
    /// How deep inside something not read (a comment on a cell, a table inside a cell).
    skipping: usize,
    /// Copies of filled cells that repeats may still make (see [`FREE_COPIES`]).
    copies_left: usize,
}

impl<'a> SheetsReader<'a> {
    fn new(file: &'a str, copies: usize) -> Self {
        Self {
            file,
            sheets: Vec::new(),
            spreadsheet: false,
            table: None,
            row: None,
            cell: None,
            skipping: 0,
            copies_left: copies,
        }
    }

    /// Takes `count` copies of filled cells from what repeats may still make.
    fn copy(&mut self, count: usize, sheet: &str) -> Result<(), LoadError> {
        self.copies_left =
            self.copies_left
                .checked_sub(count)
                .ok_or_else(|| LoadError::UnknownFormat {
                    file: self.file.to_owned(),
                    message: format!(
                        "the sheet \u{201c}{sheet}\u{201d} repeats filled cells \
                     (table:number-rows-repeated, table:number-columns-repeated) more than a \
                     file of this size can mean ({FREE_COPIES} copies and {COPIES_PER_BYTE} \
                     more per byte); Chainsight reads repeats of filled cells up to that"
                    ),
                })?;
        Ok(())
    }

    fn start(&mut self, events: &XmlEvents, element: &Element) {
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        match element.local.as_str() {
            "spreadsheet" => self.spreadsheet = true,
            "table" if self.table.is_none() => {
                if events.ancestor(1) == Some("spreadsheet") {
                    self.table = Some(Table {
                        name: element.attr("table:name").unwrap_or("Sheet").to_owned(),
                        cells: SparseCells::default(),
                        row: 0,
                    });
                }
            }
            "table" | "annotation" => self.skipping = 1,
            "table-row" if self.table.is_some() => {
                self.row = Some(Row {
                    repeated: repeats(element, "table:number-rows-repeated"),
                    column: 0,
                    filled: Vec::new(),
                    text_bytes: 0,
                });
            }
            "table-cell" | "covered-table-cell" if self.row.is_some() => {
                let covered = element.local == "covered-table-cell";
                self.cell = Some(Cell {
                    repeated: repeats(element, "table:number-columns-repeated"),
                    value: if covered { None } else { typed_value(element) },
                    text: String::new(),
                    paragraphs: 0,
                    in_paragraph: 0,
                    covered,
                });
            }
            local => {
                if let Some(cell) = &mut self.cell {
                    cell.start(local, element);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping > 0 {
            return;
        }
        if let Some(cell) = &mut self.cell
            && cell.in_paragraph > 0
        {
            cell.text.push_str(text);
        }
    }

    fn end(&mut self, local: &str) -> Result<(), LoadError> {
        if self.skipping > 0 {
            self.skipping -= 1;
            return Ok(());
        }
        match local {
            "table-cell" | "covered-table-cell" if self.cell.is_some() => self.end_cell(),
            "table-row" if self.row.is_some() => self.end_row(),
            "table" if self.table.is_some() && self.row.is_none() => {
                if let Some(table) = self.table.take() {
                    self.sheets
                        .extend(table.cells.into_sheet(self.file, table.name)?);
                }
                Ok(())
            }
            "p" | "h" => {
                if let Some(cell) = &mut self.cell {
                    cell.in_paragraph = cell.in_paragraph.saturating_sub(1);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Files the cell's content at each column it is repeated across, bounded by the sheet's
    /// cell limit, and moves past them.
    fn end_cell(&mut self) -> Result<(), LoadError> {
        let Some(cell) = self.cell.take() else {
            return Ok(());
        };
        let Some(name) = self.table.as_ref().map(|t| t.name.clone()) else {
            return Ok(());
        };
        let content = cell.value.unwrap_or(cell.text);
        let filled = !cell.covered && !content.is_empty();
        if filled && self.row.is_some() {
            self.copy(cell.repeated as usize - 1, &name)?;
        }
        let Some(row) = &mut self.row else {
            return Ok(());
        };
        if filled {
            for at in 0..cell.repeated {
                if row.filled.len() >= MAX_SHEET_CELLS {
                    return Err(too_many_cells(self.file, &name));
                }
                row.text_bytes += content.len();
                if row.text_bytes > MAX_SHEET_TEXT_BYTES {
                    return Err(too_much_text(self.file, &name));
                }
                row.filled
                    .push((row.column.saturating_add(at), content.clone()));
            }
        }
        row.column = row.column.saturating_add(cell.repeated);
        Ok(())
    }

    /// Files the row's cells at each row it is repeated down, bounded by the sheet's cell
    /// limit, and moves past them.
    fn end_row(&mut self) -> Result<(), LoadError> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        if !row.filled.is_empty()
            && let Some(name) = self.table.as_ref().map(|t| t.name.clone())
        {
            self.copy((row.repeated as usize - 1) * row.filled.len(), &name)?;
        }
        let Some(table) = &mut self.table else {
            return Ok(());
        };
        if !row.filled.is_empty() {
            for at in 0..row.repeated {
                let sheet_row = table.row.saturating_add(at);
                for (column, text) in &row.filled {
                    table
                        .cells
                        .push(self.file, &table.name, (sheet_row, *column), text.clone())?;
                }
            }
        }
        table.row = table.row.saturating_add(row.repeated);
        Ok(())
    }
}

impl Cell {
    /// An element inside the cell: its paragraphs, and the spaces, tabs and line breaks
    /// written as elements inside them.
    fn start(&mut self, local: &str, element: &Element) {
        if self.covered {
            return;
        }
        match local {
            "p" | "h" => {
                if self.paragraphs > 0 {
                    self.text.push('\n');
                }
                self.paragraphs += 1;
                self.in_paragraph += 1;
            }
            "s" if self.in_paragraph > 0 => {
                let count = element
                    .attr("text:c")
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                self.text
                    .extend(std::iter::repeat_n(' ', count.min(MAX_SPACES)));
            }
            "tab" if self.in_paragraph > 0 => self.text.push('\t'),
            "line-break" if self.in_paragraph > 0 => self.text.push('\n'),
            _ => {}
        }
    }
}

/// How many rows or columns an element stands for: at least one.
fn repeats(element: &Element, attribute: &str) -> u32 {
    element
        .attr(attribute)
        .and_then(|n| n.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell's value where its type gives one, as a CSV saved from the sheet would hold it but
/// for dates, which are ISO dates whatever the display format: numbers, percentages and
/// amounts as their number (`3` not `3.0`), dates as `2014-05-02` (with the time where it has
/// one), truth values as `true`/`false`. Text and times are read from the cell's paragraphs.
fn typed_value(element: &Element) -> Option<String> {
    match element.attr("office:value-type")? {
        "float" | "percentage" | "currency" => {
            let value = element.attr("office:value")?.trim();
            Some(
                value
                    .parse::<f64>()
                    .map_or_else(|_| value.to_owned(), number_text),
            )
        }
        "date" => {
            let value = element.attr("office:date-value")?.trim();
            // Midnight is a date without a time, as a date cell usually is.
            Some(match value.split_once('T') {
                Some((day, time)) if time.trim_matches(['0', ':', '.']).is_empty() => {
                    day.to_owned()
                }
                _ => value.to_owned(),
            })
        }
        "boolean" => element.attr("office:boolean-value").map(str::to_owned),
        "string" => element.attr("office:string-value").map(str::to_owned),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An OpenDocument spreadsheet holding `content` as its content.xml, and `manifest` as
    /// its manifest where given.
    fn spreadsheet(content: &str, manifest: Option<&str>) -> Vec<u8> {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let mut add = |name: &str, data: &str| {
            archive.start_file(name, options).unwrap();
            archive.write_all(data.as_bytes()).unwrap();
        };
        add("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
        add("content.xml", content);
        if let Some(manifest) = manifest {
            add("META-INF/manifest.xml", manifest);
        }
        archive.finish().unwrap().into_inner()
    }

    /// `rows` as the content.xml of a spreadsheet of one sheet, "Links".
    fn content(rows: &str) -> String {
        format!(
            "<office:document-content \
             xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>\
             <office:spreadsheet><table:table table:name=\"Links\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
    }

    fn cell(text: &str) -> String {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
        )
    }

    #[test]
    fn a_filled_cell_repeated_across_a_whole_sheet_is_refused_as_more_than_its_file_means() {
        // 200 bytes of XML asking for 16,384 × 1,048,576 cells.
        let rows = "<table:table-row table:number-rows-repeated=\"1048576\">\
                    <table:table-cell table:number-columns-repeated=\"16384\" \
                    office:value-type=\"string\"><text:p>x</text:p></table:table-cell>\
                    </table:table-row>";
        let error = read_sheets("bomb.ods", &spreadsheet(&content(rows), None)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("the sheet “Links” repeats filled cells"),
            "{message}"
        );
        // A header, then a link's row repeated `times`.
        let links_repeated = |times: u32| {
            spreadsheet(
                &content(&format!(
                    "<table:table-row>{}{}</table:table-row>\
                     <table:table-row table:number-rows-repeated=\"{times}\">{}{}</table:table-row>",
                    cell("Source"),
                    cell("Target"),
                    cell("a"),
                    cell("b")
                )),
                None,
            )
        };
        // A row repeated a million times: refused too, where it had made a million links.
        let error = read_sheets("rows.ods", &links_repeated(1_000_000)).unwrap_err();
        assert!(
            error.to_string().contains("repeats filled cells"),
            "{error}"
        );
        // Repeats a file of its size can mean are read.
        let sheets = read_sheets("rows.ods", &links_repeated(500)).unwrap();
        assert_eq!(sheets[0].rows.len(), 501);
    }

    #[test]
    fn a_long_text_repeated_across_rows_is_refused_at_the_text_limit() {
        let long = "y".repeat(1 << 20);
        let rows = format!(
            "<table:table-row table:number-rows-repeated=\"1000\">{}</table:table-row>",
            cell(&long)
        );
        let error = read_sheets("long.ods", &spreadsheet(&content(&rows), None)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("holds more than 256 MiB of text"),
            "{message}"
        );
    }

    #[test]
    fn repeats_place_the_cells_after_them_and_dates_read_as_iso_dates() {
        let rows = format!(
            "<table:table-row>{}{}<table:table-cell table:number-columns-repeated=\"3\"/>{}\
             </table:table-row>\
             <table:table-row table:number-rows-repeated=\"5\"><table:table-cell/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"2\">{}\
             <table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"date\" \
             office:date-value=\"2014-05-02T00:00:00\"><text:p>02/05/14</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"date\" office:date-value=\"2014-05-02T10:30:00\"/>\
             </table:table-row>",
            cell("Source"),
            cell("Target"),
            cell("When"),
            cell("a<text:s text:c=\"1000000000\"/>b"),
        );
        let sheets = read_sheets("dates.ods", &spreadsheet(&content(&rows), None)).unwrap();
        let [sheet] = sheets.as_slice() else {
            panic!("{} sheets", sheets.len());
        };
        assert_eq!(sheet.name, "Links");
        assert_eq!(sheet.row_numbers, [0, 6, 7]);
        assert_eq!(sheet.columns, [0, 1, 2, 3, 5]);
        let spaced = format!("a{}b", " ".repeat(MAX_SPACES));
        assert_eq!(sheet.rows[0], ["Source", "Target", "", "", "When"]);
        for row in &sheet.rows[1..] {
            assert_eq!(
                *row,
                [
                    spaced.as_str(),
                    "2014-05-02",
                    "2014-05-02",
                    "2014-05-02T10:30:00",
                    ""
                ]
            );
        }
    }

    #[test]
    fn a_password_protected_spreadsheet_says_so() {
        let manifest = "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\">\
                        <manifest:encryption-data manifest:checksum-type=\"SHA1\"/>\
                        </manifest:file-entry></manifest:manifest>";
        let bytes = spreadsheet("\u{1}\u{2}binary", Some(manifest));
        let error = read_sheets("secret.ods", &bytes).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a password-protected OpenDocument spreadsheet"),
            "{error}"
        );
    }

    /// LibreOffice's content.xml of the Kumu fixture, cut short and with bytes changed at
    /// many places: every version reads or is refused, none panics.
    #[test]
    fn a_damaged_content_xml_is_read_or_refused_never_a_panic() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats/spreadsheet/kumu.ods"
        ))
        .unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let mut text = String::new();
        archive
            .by_name("content.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let (mut read, mut refused) = (0, 0);
        for at in (0..text.len()).step_by(53) {
            let mut versions = vec![text[..at].to_owned()];
            for replacement in ["<", ">", "\"", "&", "9"] {
                let mut damaged = text.as_bytes().to_vec();
                damaged.splice(at..=at, replacement.bytes());
                versions.extend(String::from_utf8(damaged));
            }
            for version in versions {
                match read_content("kumu.ods", "content.xml", &version) {
                    Ok(_) => read += 1,
                    Err(_) => refused += 1,
                }
            }
        }
        assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
    }

    #[test]
    fn broken_xml_is_named_at_its_line_in_content_xml() {
        let rows = format!(
            "<table:table-row>{}\n<table:table-cell></table:table-row>",
            cell("a")
        );
        let error = read_sheets("broken.ods", &spreadsheet(&content(&rows), None)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("broken.ods › content.xml: line 2"),
            "{message}"
        );
    }
}
