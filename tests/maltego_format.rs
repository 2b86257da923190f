//! Maltego graphs (`.mtgx`): the GraphML inside the archive, read as GraphML is.

use std::io::{Cursor, Write};
use std::path::Path;

use chainsight::formats::{self, LoadError, Loaded};
use chainsight::model::{EntityIdx, EntityKind};

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
    assert_eq!(loaded.dataset.metadata.title, "huawei_case.mtgx");
    assert!(
        loaded.report.format.starts_with("Maltego graph"),
        "{}",
        loaded.report.format
    );
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Huawei Technologies", "Ren Zhengfei", "huawei.com"]);
    let huawei = &d.entities[0];
    assert_eq!(huawei.kind, EntityKind::Company);
    assert_eq!(huawei.country.as_deref(), Some("China"));
    assert_eq!(
        huawei.description.as_deref(),
        Some("Telecoms giant named throughout the article.")
    );
    let ren = &d.entities[1];
    assert_eq!(ren.kind, EntityKind::Person);
    assert_eq!(ren.attributes["First Names"], "Zhengfei");
    // A type of Maltego's own that is none of Chainsight's kinds stays as written.
    assert_eq!(d.entities[2].attributes["kind"], "Domain");
    // Where Maltego drew them.
    let position = |at: usize| {
        d.positions
            .iter()
            .find(|(idx, _)| *idx == EntityIdx(at))
            .map(|(_, p)| (p.x, p.y))
    };
    assert_eq!(position(0), Some((-120.0, 40.0)));
    assert_eq!(position(2), Some((-40.0, 160.0)));
    // A typed-in link: its label, its description as what it says; a transform's: the label
    // the transform gave and which transform.
    let founded = &d.relations[0];
    assert_eq!(founded.display_label(), "founded");
    assert_eq!(d.entities[founded.source.0].name, "Ren Zhengfei");
    assert_eq!(founded.evidence[0].quote, "Founded the company in 1987.");
    assert!(
        !founded.attributes.contains_key("Color"),
        "{:?}",
        founded.attributes
    );
    let found_domain = &d.relations[1];
    assert_eq!(found_domain.display_label(), "To Domain [Company]");
    assert_eq!(
        found_domain.attributes["Transform"],
        "paterva.v2.CompanyToDomain"
    );
    assert!(
        !loaded.report.notes.iter().any(|n| n.contains("yEd")),
        "{:?}",
        loaded.report.notes
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

/// A link Maltego draws reversed (`maltego.link.is_reversed`) goes the way it is drawn.
#[test]
fn a_reversed_link_goes_the_way_maltego_draws_it() {
    let link = |id: &str, reversed: &str| {
        format!(
            "<edge source=\"a\" target=\"b\" id=\"{id}\"><data key=\"d2\">\
             <mtg:MaltegoLink xmlns:mtg=\"http://maltego.paterva.com/xml/mtgx\" \
             type=\"maltego.link.manual-link\"><mtg:Properties>\
             <mtg:Property name=\"maltego.link.is_reversed\" type=\"boolean\">\
             <mtg:Value>{reversed}</mtg:Value></mtg:Property></mtg:Properties>\
             </mtg:MaltegoLink></data></edge>"
        )
    };
    let text = format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\
         <key attr.name=\"MaltegoLink\" for=\"edge\" id=\"d2\"/><graph edgedefault=\"directed\">\
         <node id=\"a\"/><node id=\"b\"/>{}{}</graph></graphml>",
        link("e0", "true"),
        link("e1", "false")
    );
    let bytes = archive(&[("Graphs/Graph1.graphml", &text)]);
    let d = formats::load_bytes("case.mtgx", &bytes).unwrap().dataset;
    let ends: Vec<(&str, &str)> = d
        .relations
        .iter()
        .map(|r| {
            (
                d.entities[r.source.0].name.as_str(),
                d.entities[r.target.0].name.as_str(),
            )
        })
        .collect();
    assert_eq!(ends, [("b", "a"), ("a", "b")]);
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
