//! Maltego graphs (`.mtgx`): the GraphML inside the archive, read as GraphML is.

use std::io::{Cursor, Write};
use std::path::Path;

use chainsight::formats::{self, LoadError, Loaded};

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/maltego")
            .join(relative),
    )
    .unwrap()
}

/// A ZIP archive of `entries` (name, content), as Maltego writes one.
fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn graph(node: &str) -> String {
    format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">\
         <node id=\"{node}\"/><node id=\"b\"/><edge source=\"{node}\" target=\"b\"/></graph></graphml>"
    )
}

#[test]
fn a_maltego_archive_opens_as_the_graph_it_holds() {
    let loaded: Loaded = formats::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/maltego/huawei_case.mtgx"),
    )
    .unwrap();
    assert_eq!(loaded.report.file, "huawei_case.mtgx");
    assert!(
        loaded.report.format.starts_with("Maltego graph"),
        "{}",
        loaded.report.format
    );
    assert_eq!(
        (
            loaded.dataset.entities.len(),
            loaded.dataset.relations.len()
        ),
        (3, 2)
    );
    // The bytes alone, under any name, are recognised too.
    let again = formats::load_bytes("download", &fixture("huawei_case.mtgx")).unwrap();
    assert_eq!(again.dataset.entities.len(), 3);
}

#[test]
fn of_several_graphs_the_first_is_read_and_the_others_named() {
    let bytes = archive(&[
        ("version.properties", "maltego.graph.version=1.3\n"),
        ("Graphs/Graph10.graphml", &graph("ten")),
        ("Graphs/Graph2.graphml", &graph("two")),
        ("Graphs/Graph1.graphml", &graph("one")),
    ]);
    let loaded = formats::load_bytes("three.mtgx", &bytes).unwrap();
    assert_eq!(loaded.dataset.entities[0].name, "one");
    assert!(
        loaded.report.notes.contains(
            &"2 other graphs of this archive not read: Graphs/Graph2.graphml, Graphs/Graph10.graphml"
                .to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn a_broken_graph_is_named_inside_the_archive_at_its_line() {
    let bytes = archive(&[(
        "Graphs/Graph1.graphml",
        "<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>",
    )]);
    let error = formats::load_bytes("case.mtgx", &bytes).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("case.mtgx › Graphs/Graph1.graphml: line 4"),
        "{error}"
    );
}
