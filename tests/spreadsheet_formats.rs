//! Excel workbooks open as the edge list and node table their sheets hold.

use std::path::Path;

use chainsight::formats::{self, LoadError, Loaded};

fn load(relative: &str) -> Result<Loaded, LoadError> {
    formats::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(relative),
    )
}

/// A Kumu workbook: "Elements" the node table, "Connections" the edge list (one row naming two
/// sources joined by "|"), a third sheet of notes left unread and said so; dates in date cells
/// read as ISO dates, a whole number without ".0".
#[test]
fn a_kumu_workbook_opens_with_its_elements_and_connections() {
    let loaded = load("formats/spreadsheet/kumu.xlsx").unwrap();
    let report = &loaded.report;
    assert_eq!(report.file, "kumu.xlsx");
    assert_eq!(
        report.format,
        "Excel workbook (edges from the sheet “Connections”, nodes from “Elements”)"
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
    let loaded = load("formats/spreadsheet/edge_list.xlsx").unwrap();
    assert_eq!(
        loaded.report.format,
        "Excel workbook (edges from the sheet “edges”)"
    );
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (3, 3));
    let weights: Vec<Option<f64>> = d.relations.iter().map(|r| r.weight).collect();
    assert_eq!(weights, [Some(3.0), Some(0.25), Some(1.0)]);
    let years: Vec<Option<&str>> = d.relations.iter().map(|r| r.when.date.as_deref()).collect();
    assert_eq!(years, [Some("2014"), Some("2015"), Some("2016")]);
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
    let error = load("invalid/workbook_without_edge_list.xlsx").unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("no sheet of this Excel workbook is an edge list"),
        "{message}"
    );
    assert!(
        message.contains("“People” (Name, Age); “Totals” (Quarter, Sum)"),
        "{message}"
    );
}

/// A ZIP archive that is no workbook is refused as what it is, not read as text.
#[test]
fn a_zip_archive_that_is_no_workbook_is_refused_as_an_archive() {
    let error = formats::load_bytes("bundle.zip", b"PK\x03\x04not really a zip").unwrap_err();
    assert!(
        matches!(&error, LoadError::NotText { what, .. } if what.starts_with("a ZIP archive that is no Excel workbook")),
        "{error}"
    );
}

/// An OpenDocument spreadsheet is refused with what to do: calamine's reader for it expands
/// a repeated cell for every row as it parses, without bound.
#[test]
fn an_opendocument_spreadsheet_is_refused_with_what_to_do() {
    let error = load("invalid/opendocument_spreadsheet.ods").unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, LoadError::NotText { .. }), "{message}");
    assert!(message.contains("an OpenDocument spreadsheet"), "{message}");
    assert!(message.contains("save it as .xlsx"), "{message}");
}

/// A warning about a row names the sheet's row, and the node table's note says how many
/// nodes it gave, not how a text of it was separated.
#[test]
fn a_warning_names_the_sheet_and_row_it_is_about() {
    let loaded = load("formats/spreadsheet/unknown_node.xlsx").unwrap();
    let report = &loaded.report;
    let places: Vec<&str> = report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(places, ["“Edges” row 3.target"]);
    assert!(
        report
            .notes
            .contains(&"node table: unknown_node.xlsx › Nodes (2 nodes)".to_owned()),
        "{:?}",
        report.notes
    );
}

/// A stray cell at the sheet's last row and column (XFD1048576) costs nothing but itself:
/// calamine's whole-sheet reader would have asked for half a terabyte for the grid between.
#[test]
fn a_cell_far_off_is_read_as_itself_not_as_the_grid_between() {
    let loaded = load("formats/spreadsheet/far_cell.xlsx").unwrap();
    assert_eq!(loaded.dataset.relations.len(), 1);
    let places: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(places, ["“Links” row 1048576"]);
}

/// An Excel 97–2003 file is refused with what to do instead.
#[test]
fn an_old_excel_file_is_refused_with_what_to_do() {
    let error = formats::load_bytes("budget.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Excel 97–2003"), "{message}");
    assert!(message.contains("save a workbook as .xlsx"), "{message}");
}
