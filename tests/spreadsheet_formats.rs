//! Workbooks, Excel's and OpenDocument's, open as the edge list and node table their sheets
//! hold. Each OpenDocument fixture is its Excel twin saved by LibreOffice Calc 7.4, so both
//! are held to the same results.

use std::path::Path;

use chainsight::formats::{self, LoadError, Loaded};

fn load(relative: &str) -> Result<Loaded, LoadError> {
    formats::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(relative),
    )
}

/// The fixture `name` in both kinds of workbook, with how each kind is named.
const KINDS: [(&str, &str); 2] = [
    ("xlsx", "Excel workbook"),
    ("ods", "OpenDocument spreadsheet"),
];

/// A Kumu workbook: "Elements" the node table, "Connections" the edge list (one row naming two
/// sources joined by "|"), a third sheet of notes left unread and said so; dates in date cells
/// read as ISO dates, a whole number without ".0".
#[test]
fn a_kumu_workbook_opens_with_its_elements_and_connections() {
    for (extension, kind) in KINDS {
        a_kumu_workbook_opens(extension, kind);
    }
    // LibreOffice's flat XML form of the same.
    a_kumu_workbook_opens("fods", "OpenDocument spreadsheet");
}

fn a_kumu_workbook_opens(extension: &str, kind: &str) {
    let loaded = load(&format!("formats/spreadsheet/kumu.{extension}")).unwrap();
    let report = &loaded.report;
    assert_eq!(report.file, format!("kumu.{extension}"));
    assert_eq!(
        report.format,
        format!("{kind} (edges from the sheet “Connections”, nodes from “Elements”)")
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        report.notes.contains(
            &"1 sheet not read (neither an edge list nor a node table): “Notes”".to_owned()
        ),
        "{:?}",
        report.notes
    );
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["IBM", "Huawei", "Karamay", "Cisco"]);
    let ibm = &d.entities[0];
    assert_eq!(ibm.description.as_deref(), Some("US technology giant"));
    let relation = |source: &str, target: &str| {
        d.relations
            .iter()
            .find(|r| {
                d.entities[r.source.0].name == source && d.entities[r.target.0].name == target
            })
            .unwrap_or_else(|| panic!("no {source} → {target}"))
    };
    let supplied = relation("IBM", "Huawei");
    assert_eq!(supplied.display_label(), "supplied");
    assert_eq!(supplied.when.date.as_deref(), Some("2000-05-02"));
    assert_eq!(supplied.weight, Some(1.5));
    let built = relation("Huawei", "Karamay");
    assert_eq!(built.when.date.as_deref(), Some("2013-01-01"));
    assert_eq!(built.weight, Some(2.0));
    // "IBM|Cisco" → Karamay: one relation from each.
    relation("IBM", "Karamay");
    relation("Cisco", "Karamay");
    assert_eq!(d.relations.len(), 4);
}

/// A single sheet with a header of its own: an edge list, the numbers as typed.
#[test]
fn a_workbook_of_one_edge_list_sheet_opens_as_that_list() {
    for (extension, kind) in KINDS {
        let loaded = load(&format!("formats/spreadsheet/edge_list.{extension}")).unwrap();
        assert_eq!(
            loaded.report.format,
            format!("{kind} (edges from the sheet “edges”)")
        );
        let d = &loaded.dataset;
        assert_eq!((d.entities.len(), d.relations.len()), (3, 3));
        let weights: Vec<Option<f64>> = d.relations.iter().map(|r| r.weight).collect();
        assert_eq!(weights, [Some(3.0), Some(0.25), Some(1.0)]);
        let years: Vec<Option<&str>> = d.relations.iter().map(|r| r.when.date.as_deref()).collect();
        assert_eq!(years, [Some("2014"), Some("2015"), Some("2016")]);
    }
}

/// A bad cell is named as the sheet names it: its sheet, row and column.
#[test]
fn a_bad_cell_is_named_by_its_sheet_row_and_column() {
    let error = load("invalid/workbook_control_character.xlsx").unwrap_err();
    assert_eq!(
        error.to_string(),
        "workbook_control_character.xlsx › Connections: line 3, column 3: cell C3: a control \
         character (U+0007) where a table has printable text"
    );
}

/// A workbook with no sheet that is an edge list says which sheets it has and how they start.
#[test]
fn a_workbook_without_an_edge_list_says_what_its_sheets_hold() {
    for (fixture, kind) in [
        ("workbook_without_edge_list.xlsx", "Excel workbook"),
        (
            "spreadsheet_without_edge_list.ods",
            "OpenDocument spreadsheet",
        ),
    ] {
        let error = load(&format!("invalid/{fixture}")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&format!("no sheet of this {kind} is an edge list")),
            "{message}"
        );
        assert!(
            message.contains("“People” (Name, Age); “Totals” (Quarter, Sum)"),
            "{message}"
        );
    }
}

/// A ZIP archive that is no workbook is refused as what it is, not read as text.
#[test]
fn a_zip_archive_that_is_no_workbook_is_refused_as_an_archive() {
    let error = formats::load_bytes("bundle.zip", b"PK\x03\x04not really a zip").unwrap_err();
    assert!(
        matches!(&error, LoadError::NotText { what, .. } if what.starts_with("a ZIP archive that is no workbook")),
        "{error}"
    );
}

/// LibreOffice's ways of writing a cell: a run of spaces as `<text:s text:c="2"/>`, a cell of
/// two paragraphs (two lines), a comment on a cell (not its text), merged cells (the hidden
/// one not read, the next column still the next), numbers as their value, not their display.
#[test]
fn an_opendocument_cell_reads_as_libreoffice_shows_it() {
    let loaded = load("formats/spreadsheet/libreoffice_cells.ods").unwrap();
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Huawei   Technologies",
            "Xinjiang Public Security Bureau",
            "IBM"
        ]
    );
    let labels: Vec<&str> = d
        .relations
        .iter()
        .map(chainsight::model::Relation::display_label)
        .collect();
    assert_eq!(labels, ["supplied cameras\nand servers", "consultedfor"]);
    let attribute = |at: usize, key: &str| {
        d.relations[at]
            .attributes
            .get(key)
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!(attribute(0, "Share"), "0.25");
    assert_eq!(attribute(1, "Share"), "1200000");
    assert_eq!(attribute(0, "Note"), "spans two");
    assert_eq!(attribute(0, "Extra"), "");
    assert_eq!(attribute(1, "Extra"), "after the merge");
}

/// A flat OpenDocument file that is no spreadsheet (a text document) says so.
#[test]
fn a_flat_opendocument_text_is_refused_as_no_spreadsheet() {
    let text = "<?xml version=\"1.0\"?>\n<office:document \
                xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
                office:mimetype=\"application/vnd.oasis.opendocument.text\">\
                <office:body><office:text/></office:body></office:document>";
    let error = formats::load_bytes("letter.fodt", text.as_bytes()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("an OpenDocument file that is no spreadsheet"),
        "{error}"
    );
}

/// A warning about a row names the sheet's row, and the node table's note says how many
/// nodes it gave, not how a text of it was separated.
#[test]
fn a_warning_names_the_sheet_and_row_it_is_about() {
    for (extension, _) in KINDS {
        let loaded = load(&format!("formats/spreadsheet/unknown_node.{extension}")).unwrap();
        let report = &loaded.report;
        let places: Vec<&str> = report
            .warnings
            .iter()
            .map(|w| w.json_path.as_str())
            .collect();
        assert_eq!(places, ["“Edges” row 3.target"]);
        let note = format!("node table: unknown_node.{extension} › Nodes (2 nodes)");
        assert!(report.notes.contains(&note), "{:?}", report.notes);
    }
}

/// A stray cell at the sheet's last row and column (XFD1048576) costs nothing but itself:
/// calamine's whole-sheet reader would have asked for half a terabyte for the grid between.
/// LibreOffice writes the empty rows before it as one row repeated a million times, and a
/// row's empty rest as one cell repeated: the cell is still at the row they stand for.
#[test]
fn a_cell_far_off_is_read_as_itself_not_as_the_grid_between() {
    for (extension, _) in KINDS {
        let loaded = load(&format!("formats/spreadsheet/far_cell.{extension}")).unwrap();
        assert_eq!(loaded.dataset.relations.len(), 1);
        let places: Vec<&str> = loaded
            .report
            .warnings
            .iter()
            .map(|w| w.json_path.as_str())
            .collect();
        assert_eq!(places, ["“Links” row 1048576"], "{extension}");
    }
}

/// An Excel 97–2003 file is refused with what to do instead.
#[test]
fn an_old_excel_file_is_refused_with_what_to_do() {
    let error = formats::load_bytes("budget.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Excel 97–2003"), "{message}");
    assert!(message.contains("save a workbook as .xlsx"), "{message}");
}
