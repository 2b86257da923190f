//! GEXF and GraphML: fixtures from Gephi, yEd and hand-written files load with exactly the
//! fields, attributes and warnings they should; broken files fail with their line; and the
//! built-in dataset survives a round trip through either format with every quote.

use std::path::PathBuf;

use chainsight::formats::{self, LoadError, Loaded, gexf, graphml, jgf};
use chainsight::model::{
    Dataset, EntityIdx, EntityKind, Position, Relation, RelationKind, RelationStatus, When,
};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{entity, relation, warnings_of};

fn fixture_text(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn load_gexf(path: &str) -> Loaded {
    gexf::read(path, &fixture_text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_graphml(path: &str) -> Loaded {
    graphml::read(path, &fixture_text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn position_of(dataset: &Dataset, id: &str) -> Option<Position> {
    let idx = dataset.entity_by_id(id)?;
    dataset
        .positions
        .iter()
        .find(|(entity, _)| *entity == idx)
        .map(|(_, position)| *position)
}

fn endpoint_ids(dataset: &Dataset, id: &str) -> (String, String) {
    let relation = relation(dataset, id);
    let name = |idx: EntityIdx| dataset.entity(idx).expect("an endpoint").entity_id.clone();
    (name(relation.source), name(relation.target))
}

/// Each "part of" link of `dataset`, as (member id, group id), in order; each has the file's
/// own relation type "part of", a direction, and no evidence.
fn memberships(dataset: &Dataset) -> Vec<(String, String)> {
    dataset
        .relations
        .iter()
        .filter(|r| r.label.as_deref() == Some("part of"))
        .map(|r| {
            assert_eq!(r.kind, RelationKind::Other, "{r:?}");
            assert!(r.directed && r.evidence.is_empty(), "{r:?}");
            let id = |idx: EntityIdx| dataset.entity(idx).expect("an end").entity_id.clone();
            (id(r.source), id(r.target))
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

// ------------------------------------------------------------------------ GEXF

#[test]
fn gexf_1_3_maps_columns_positions_and_directions() {
    let loaded = load_gexf("gexf/supply-1.3.gexf");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "GEXF 1.3");
    // ibm, huawei, zhenjiang and a placeholder for "ghost"; the second "ibm" is set aside.
    assert_eq!(dataset.entities.len(), 4);
    assert_eq!(dataset.relations.len(), 3);

    let ibm = entity(dataset, "ibm");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(
        ibm.description.as_deref(),
        Some("US technology company & consultancy.")
    );
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(ibm.attributes["Revenue"], "61.9");
    assert_eq!(ibm.attributes["color"], "#ff0000");
    assert_eq!(ibm.attributes["size"], "12.0");

    let huawei = entity(dataset, "huawei");
    assert_eq!(huawei.kind, EntityKind::Other);
    assert_eq!(huawei.attributes["kind"], "Vendor");
    assert_eq!(huawei.attributes["Revenue"], "0", "the column's default");
    assert_eq!(
        huawei.attributes["9"], "mystery",
        "an undeclared column is kept"
    );
    assert_eq!(entity(dataset, "zhenjiang").attributes["Revenue"], "0");
    assert_eq!(entity(dataset, "ghost").attributes["placeholder"], "true");

    // viz:position's y points up, as Gephi draws it; the screen's points down.
    assert_eq!(
        position_of(dataset, "ibm"),
        Some(Position { x: 10.5, y: 20.25 })
    );
    assert_eq!(
        position_of(dataset, "huawei"),
        Some(Position {
            x: 100.0,
            y: -200.0
        })
    );
    assert_eq!(position_of(dataset, "zhenjiang"), None);

    let consulting = relation(dataset, "e1");
    assert_eq!(consulting.kind, RelationKind::ConsultedFor);
    assert_eq!(consulting.label.as_deref(), Some("consulting"));
    assert!(consulting.directed);
    assert_eq!(consulting.weight, Some(2.5));
    assert_eq!(consulting.when.date.as_deref(), Some("1998"));
    assert_eq!(consulting.attributes["confidence"], "high");
    let evidence = &consulting.evidence[0];
    assert_eq!(
        evidence.quote,
        "IBM has been a consultant to Huawei since 1998."
    );
    let source = dataset.source(evidence.source.unwrap()).unwrap();
    assert_eq!(source.url.as_deref(), Some("https://example.org/article"));

    let partnership = relation(dataset, "e2");
    assert!(!partnership.directed, "type=\"undirected\"");
    assert_eq!(partnership.kind, RelationKind::PartneredWith);
    assert_eq!(
        endpoint_ids(dataset, "e3"),
        ("huawei".to_owned(), "ghost".to_owned())
    );

    let warnings = warnings_of(&loaded);
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert_eq!(
        warnings[0].0,
        "gexf/graph/nodes/node[2]/attvalues/attvalue[2]"
    );
    assert!(warnings[0].1.contains("for=\"9\""), "{}", warnings[0].1);
    assert_eq!(warnings[1].0, "gexf/graph/nodes/node[3]");
    assert!(warnings[1].1.contains("duplicate node id \"ibm\""));
    assert_eq!(warnings[2].0, "gexf/graph/edges/edge[3].target");
    assert!(warnings[2].1.contains("\"ghost\" names no node"));

    let metadata = &dataset.metadata;
    assert_eq!(metadata.title, "Camera supply chain");
    assert_eq!(metadata.description.as_deref(), Some("Camera supply chain"));
    assert_eq!(metadata.authors, ["Gephi 0.10.1"]);
    assert_eq!(metadata.created.as_deref(), Some("2024-05-01"));
    assert!(
        loaded.report.notes.iter().any(|n| n.contains("Vendor (1)")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn gexf_1_2_reads_defaults_and_default_edge_type() {
    let loaded = load_gexf("gexf/supply-1.2.gexf");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "GEXF 1.2");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(dataset.entities.len(), 2);
    let hello = entity(dataset, "0");
    assert_eq!(hello.name, "Hello");
    assert_eq!(hello.kind, EntityKind::Company);
    assert_eq!(hello.url.as_deref(), Some("https://example.org/hello"));
    assert_eq!(
        entity(dataset, "1").kind,
        EntityKind::Organization,
        "the group column's default"
    );
    assert!(
        !dataset.relations[0].directed,
        "defaultedgetype=\"undirected\""
    );
    assert_eq!(dataset.metadata.title, "A hello world! file");
}

#[test]
fn dynamic_gexf_keeps_the_first_spell() {
    let loaded = load_gexf("gexf/dynamic.gexf");
    let dataset = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(entity(dataset, "a").attributes["start"], "2004-01-01");
    let city = entity(dataset, "b");
    assert_eq!(city.attributes["start"], "2009-01-01");
    assert_eq!(city.attributes["end"], "2012-12-31");

    let supply = relation(dataset, "s1");
    assert_eq!(
        supply.when,
        When {
            date: None,
            start: Some("2009-01-01".into()),
            end: Some("2012-12-31".into()),
        }
    );
    assert_eq!(
        supply.attributes["amount"], "10",
        "the first value over time"
    );
    let mutual = relation(dataset, "s2");
    assert_eq!(mutual.when.start.as_deref(), Some("2010"));
    assert_eq!(mutual.when.end.as_deref(), Some("2011"));
    assert!(!mutual.directed, "mutual reads as undirected");

    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("dynamic graph"), "{notes}");
    assert!(notes.contains("2 later spells"), "{notes}");
    assert!(notes.contains("1 later value"), "{notes}");
    assert!(notes.contains("1 mutual edge"), "{notes}");
}

#[test]
fn gexf_item_with_its_own_period_and_spells_keeps_its_own_and_warns_once() {
    let loaded = load_gexf("gexf/period-and-spells.gexf");
    let d = &loaded.dataset;
    // Its own start, and no end made up from a spell's.
    let gephi = entity(d, "gephi");
    assert_eq!(gephi.attributes["start"], "2009-03-01");
    assert!(
        !gephi.attributes.contains_key("end"),
        "{:?}",
        gephi.attributes
    );
    // An item with spells only keeps its first spell, as before.
    let rtgi = entity(d, "rtgi");
    assert_eq!(rtgi.attributes["start"], "2009-02-01");
    assert_eq!(rtgi.attributes["end"], "2009-02-10");
    // The edge's own period, not its first spell's.
    let edge = relation(d, "e1");
    assert_eq!(edge.when.start.as_deref(), Some("2009-03-01"));
    assert_eq!(edge.when.end.as_deref(), Some("2009-03-10"));
    assert_eq!(
        warnings_of(&loaded),
        [(
            "gexf/graph/nodes/node[1]",
            "both a start/end of its own and <spells>, which GEXF allows only instead of one \
             another: its own start and end are its period, its spells are not read (1 more \
             node or edge does the same)"
        )]
    );
    // Only the spell-only node's second spell is a later spell not kept.
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("(1 later spell not kept)"), "{notes}");
}

#[test]
fn malformed_gexf_is_a_syntax_error_at_its_line() {
    let error = gexf::read("malformed.gexf", &fixture_text("gexf/malformed.gexf")).unwrap_err();
    let LoadError::Syntax {
        position, message, ..
    } = &error
    else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!(position.line, 6, "{error}");
    assert!(message.contains("</node>"), "{message}");
}

#[test]
fn truncated_xml_names_the_unclosed_element() {
    let error = gexf::read("cut.gexf", "<gexf>\n  <graph>\n    <nodes>").unwrap_err();
    let LoadError::Syntax {
        position, message, ..
    } = &error
    else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!(position.line, 3);
    assert!(message.contains("expected </nodes>"), "{message}");
    assert!(message.contains("opened at line 3, column 5"), "{message}");
    assert!(message.contains("it may have been cut short"), "{message}");
    assert_eq!(error.json_path(), Some("gexf/graph/nodes"));
}

/// A file cut off in the middle of a tag, an attribute or a comment says so, as the JSON
/// readers do, and names the element left open and where it opened, in every XML format.
#[test]
fn xml_cut_off_mid_markup_says_where_it_ends_and_what_is_left_open() {
    let gexf_text = "<gexf>\n  <graph>\n    <nodes>\n      <node id=\"0\">\n        <viz:";
    let error = gexf::read("cut.gexf", gexf_text).unwrap_err();
    let LoadError::Syntax {
        position, message, ..
    } = &error
    else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!((position.line, position.column), (5, 14), "where it ends");
    assert_eq!(
        message,
        "not well-formed XML: the file ends inside the tag \"<viz:\" begun at line 5, \
         column 9, within <node>, opened at line 4, column 7 and never closed, like the 3 \
         elements around it; it may have been cut short"
    );
    assert_eq!(error.json_path(), Some("gexf/graph/nodes/node[1]"));
    assert!(!error.to_string().contains('`'), "{error}");

    let cut = |file: &str, text: &str| -> String {
        let error = formats::load_bytes(file, text.as_bytes()).unwrap_err();
        assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("it may have been cut short"), "{message}");
        message
    };
    let attribute = cut(
        "a.graphml",
        "<graphml><graph><node id=\"a\"/><edge source=\"a\" target=\"b",
    );
    assert!(
        attribute.contains("ends inside an attribute's value in the tag"),
        "{attribute}"
    );
    assert!(
        attribute.contains("within <graph>, opened at line 1, column 10"),
        "{attribute}"
    );
    let comment = cut("c.graphml", "<graphml>\n<!-- drawn in yEd");
    assert!(
        comment.contains("inside the comment \"<!-- drawn in yEd\" begun at line 2, column 1"),
        "{comment}"
    );
    let end_tag = cut("e.xgmml", "<graph><node id=\"a\"></no");
    assert!(
        end_tag.contains("inside the tag \"</no\" begun at line 1, column 21, within <node>"),
        "{end_tag}"
    );
    // Broken in other ways, a file is not said to be cut short: a quote or the end of a
    // comment forgotten before more tags is reported where it opened.
    let error = gexf::read("bad.gexf", "<gexf><graph></nodes></gexf>").unwrap_err();
    assert!(!error.to_string().contains("cut short"), "{error}");
    let quote = cut_not_short(
        "q.graphml",
        "<graphml><graph>\n<node id=\"a/>\n</graph></graphml>",
    );
    assert_eq!(
        quote,
        "q.graphml: line 2, column 1: in graphml/graph: not well-formed XML: an attribute's \
         value in the tag '<node id=\"a/> </graph></…' is never closed; a closing '\"' may \
         be missing"
    );
    let comment = cut_not_short("c.graphml", "<graphml><!-- yEd\n<graph/></graphml>");
    assert!(
        comment.contains("line 1, column 10: in graphml: not well-formed XML: the comment"),
        "{comment}"
    );
    assert!(
        comment.contains("a closing \"-->\" may be missing"),
        "{comment}"
    );
}

fn cut_not_short(file: &str, text: &str) -> String {
    let error = formats::load_bytes(file, text.as_bytes()).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    let message = error.to_string();
    assert!(!message.contains("cut short"), "{message}");
    message
}

#[test]
fn json_given_as_gexf_is_a_syntax_error() {
    let error = gexf::read("data.json", "\n{\"nodes\": []}").unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(error.position().map(|p| (p.line, p.column)), Some((2, 1)));
}

#[test]
fn non_graph_xml_is_a_structure_error() {
    let error = gexf::read("feed.xml", &fixture_text("gexf/not-a-graph.xml")).unwrap_err();
    let LoadError::Structure {
        json_path,
        position,
        message,
        ..
    } = &error
    else {
        panic!("expected a structure error, got {error:?}");
    };
    assert_eq!(json_path, "rss");
    assert_eq!(position.as_ref().map(|p| p.line), Some(3));
    assert!(message.contains("<gexf>"), "{message}");

    let error = graphml::read("feed.xml", &fixture_text("gexf/not-a-graph.xml")).unwrap_err();
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
}

/// Older Gephi files (sigma.js's Les Misérables among them) name `<meta>`'s elements in
/// capitals, which Gephi reads; so are they read here, not reported as elements not read.
#[test]
fn gexf_meta_is_read_whatever_the_case_of_its_elements() {
    let loaded = load_gexf("gexf/meta-mixed-case.gexf");
    let metadata = &loaded.dataset.metadata;
    assert_eq!(metadata.title, "Camera suppliers, weighted by contracts");
    assert_eq!(
        metadata.description.as_deref(),
        Some("Who supplied whom, from procurement notices.")
    );
    assert_eq!(metadata.authors, ["ofNodesAndEdges.com", "Gephi 0.7"]);
    // `2010-05-29+01:27`: an xs:date with its time zone; the day is kept.
    assert_eq!(metadata.created.as_deref(), Some("2010-05-29"));
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(
        loaded.report.notes,
        [
            "keywords in <meta> not kept (a dataset's metadata has no place for them): \
             surveillance, procurement"
        ]
    );
}

/// networkx writes no title but the graph's name as `<graph name>`, and a node's `pid` as
/// its parent in a hierarchy.
#[test]
fn gexf_from_networkx_takes_its_title_from_the_graph_name_and_draws_pid_as_part_of() {
    let loaded = load_gexf("gexf/networkx-name-pid.gexf");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Zachary's Karate Club");
    assert_eq!(d.metadata.authors, ["NetworkX 3.6.1"]);
    assert_eq!(d.metadata.created.as_deref(), Some("2024-11-30"));
    assert_eq!(
        memberships(d),
        pairs(&[("0", "hi"), ("1", "hi")]),
        "the file's two edges, then the memberships"
    );
    assert_eq!(d.relations.len(), 4);
    assert_eq!(relation(d, "0 part of hi").relation_id, "0 part of hi");
    assert!(!entity(d, "0").attributes.contains_key("parent"));
    assert!(!entity(d, "0").attributes.contains_key("pid"));
    // A pid naming no node stays an attribute, with a warning.
    assert_eq!(entity(d, "33").attributes["parent"], "officer");
    let warnings = warnings_of(&loaded);
    assert_eq!(
        warnings,
        [(
            "gexf/graph/nodes/node[4]",
            "the group \"officer\" holding this node names no node; kept as the attribute \"parent\""
        )]
    );
    assert_eq!(
        loaded.report.notes,
        ["1 group: 2 memberships drawn as “part of” links"]
    );
}

/// As networkx 3.6 writes a `MultiGraph` in GEXF (see the fixture): the `networkx_key`s that
/// are networkx's own numbering of parallel links are not kept, the others (1 after a removed
/// link, 7 given by hand) are, and a saved copy (GEXF or networkx JSON) reads back the same.
#[test]
fn gexf_from_networkx_keeps_only_the_multigraph_keys_someone_gave() {
    let loaded = load_gexf("gexf/networkx-multigraph.gexf");
    let d = &loaded.dataset;
    let keys: Vec<Option<&str>> = d
        .relations
        .iter()
        .map(|r| r.attributes.get("key").map(String::as_str))
        .collect();
    assert_eq!(keys, [Some("1"), None, Some("7"), None, None]);
    assert!(
        d.relations
            .iter()
            .all(|r| !r.attributes.contains_key("networkx_key")),
        "{:?}",
        d.relations
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(
        loaded.report.notes,
        [
            "3 multigraph keys not kept: networkx's own numbering of the links joining the \
             same two nodes (0, 1, …), written as \"networkx_key\""
        ]
    );
    for format in [formats::ExportFormat::Gexf, formats::ExportFormat::Networkx] {
        let saved = format.write(d);
        let file = format!("saved.{}", format.extension());
        let back = formats::load_bytes(&file, saved.as_bytes()).unwrap();
        assert_eq!(back.dataset.relations, d.relations, "{format:?}");
    }
}

#[test]
fn gexf_hierarchy_is_drawn_as_part_of_links() {
    let loaded = load_gexf("gexf/hierarchy.gexf");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Holding structure");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    // Nested nodes in file order; a node with two <parents> is part of both.
    assert_eq!(
        memberships(d),
        pairs(&[
            ("sub1", "holding"),
            ("sub2", "holding"),
            ("plant", "sub2"),
            ("venture", "holding"),
            ("venture", "fund"),
        ])
    );
    assert!(
        d.entities
            .iter()
            .all(|e| !e.attributes.contains_key("parent"))
    );
    // The file's own edge keeps its id; the link that would have taken it gets another.
    let ids: Vec<&str> = d.relations.iter().map(|r| r.relation_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e0",
            "sub1 part of holding",
            "sub1 part of holding#2",
            "sub2 part of holding",
            "plant part of sub2",
            "venture part of holding",
            "venture part of fund",
        ]
    );
    assert_eq!(
        d.relations[1].kind,
        RelationKind::Supplied,
        "the file's edge"
    );
    assert_eq!(
        loaded.report.notes,
        [
            "node hierarchy flattened: 3 nodes nested in another",
            "3 groups: 5 memberships drawn as “part of” links"
        ]
    );
}

#[test]
fn gexf_without_a_graph_is_a_structure_error() {
    let error = gexf::read("no-graph.gexf", &fixture_text("gexf/no-graph.gexf")).unwrap_err();
    assert_eq!(error.json_path(), Some("gexf/graph"), "{error}");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 200_000;
    let text = format!(
        "<gexf><graph>{}{}</graph></gexf>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    // Refused at the documented depth, with no recursion and no growth past it.
    let error = gexf::read("deep.gexf", &text).unwrap_err();
    assert!(
        error.to_string().contains("nested 257 elements deep"),
        "{error}"
    );
    // Within the depth, unknown elements are noted with their count.
    let text = format!(
        "<gexf><graph>{}{}</graph></gexf>",
        "<x>".repeat(200),
        "</x>".repeat(200)
    );
    let loaded = gexf::read("deep.gexf", &text).unwrap();
    assert!(loaded.report.notes.iter().any(|n| n.contains("<x> (200)")));
}

// ------------------------------------------------------------------------ GraphML

#[test]
fn graphml_maps_keys_defaults_and_yed_labels() {
    let loaded = load_graphml("graphml/supply.graphml");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "GraphML");
    // hik, city, group, sub (from the nested graph) and a placeholder for "nowhere"; three
    // edges, the three pairs of the hyperedge and sub drawn "part of" group.
    assert_eq!(dataset.entities.len(), 5);
    assert_eq!(dataset.relations.len(), 7);
    assert_eq!(dataset.metadata.title, "Camera networks");

    let hik = entity(dataset, "hik");
    assert_eq!(hik.name, "Hikvision");
    assert_eq!(hik.kind, EntityKind::Company, "the type key's default");
    assert_eq!(hik.attributes["employees"], "42000");

    let city = entity(dataset, "city");
    assert_eq!(city.name, "Xinjiang cities", "from y:NodeLabel");
    assert_eq!(city.kind, EntityKind::City);
    assert_eq!(city.attributes["employees"], "0");
    assert!(!city.attributes.contains_key("nodegraphics"));
    assert_eq!(
        position_of(dataset, "city"),
        Some(Position { x: 130.0, y: 65.0 }),
        "the centre of y:Geometry"
    );

    let sub = entity(dataset, "sub");
    assert_eq!(sub.name, "Subsidiary");
    assert!(
        !sub.attributes.contains_key("parent"),
        "said by the link, not an attribute"
    );
    // Flattened from the graph nested in "group": a link says who is in it.
    let part_of = relation(dataset, "sub part of group");
    assert_eq!(
        endpoint_ids(dataset, "sub part of group"),
        ("sub".to_owned(), "group".to_owned())
    );
    assert_eq!(
        (part_of.kind, part_of.label.as_deref(), part_of.directed),
        (RelationKind::Other, Some("part of"), true)
    );
    assert!(part_of.evidence.is_empty());

    let supplied = relation(dataset, "e0");
    assert!(!supplied.directed, "edgedefault=\"undirected\"");
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert_eq!(supplied.weight, Some(1.0), "the weight key's default");
    assert_eq!(
        supplied.attributes["description"],
        "Hikvision supplied cameras to the cities."
    );
    assert!(supplied.evidence.is_empty(), "a description is no quote");

    let owner = relation(dataset, "e1");
    assert!(owner.directed, "directed=\"true\" overrides the default");
    assert_eq!(owner.kind, RelationKind::InvestedIn);
    assert_eq!(owner.weight, Some(0.4));
    assert_eq!(
        owner.label.as_deref(),
        Some("majority owner"),
        "from y:EdgeLabel"
    );

    let unnamed = &dataset.relations[2];
    assert_eq!(unnamed.attributes["sourceport"], "north");
    assert_eq!(unnamed.attributes["d9"], "undeclared");

    let warnings = warnings_of(&loaded);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!(warnings[0].0, "graphml/graph/edge[3]/data[1]");
    assert!(warnings[0].1.contains("key=\"d9\""), "{}", warnings[0].1);
    assert_eq!(warnings[1].0, "graphml/graph/edge[3].target");
    assert!(warnings[1].1.contains("\"nowhere\""));

    // The hyperedge (no id, three endpoints of the default type) joins every two of its
    // nodes without a direction; the edge key's default weight is no hyperedge's. Its
    // relations are named after it, so they can be told from other hyperedges'.
    let made = ["hyperedge 1", "hyperedge 1#2", "hyperedge 1#3"];
    let hyperedge: Vec<(String, String)> = made
        .into_iter()
        .map(|id| endpoint_ids(dataset, id))
        .collect();
    assert_eq!(
        hyperedge,
        pairs(&[("hik", "city"), ("hik", "group"), ("city", "group")])
    );
    for id in made {
        let pair = relation(dataset, id);
        assert!(!pair.directed && pair.weight.is_none(), "{pair:?}");
    }

    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains("nested graphs flattened: 1 graph inside nodes or edges"),
        "{notes}"
    );
    assert!(
        notes.contains("1 group: 1 membership drawn as a “part of” link"),
        "{notes}"
    );
    assert!(notes.contains("1 port not used"), "{notes}");
    assert!(
        notes.contains("1 hyperedge expanded into 3 pairwise relations"),
        "{notes}"
    );
}

#[test]
fn graphml_desc_is_read_where_chainsight_has_a_place_for_it() {
    let loaded = load_graphml("graphml/desc.graphml");
    let dataset = &loaded.dataset;
    assert_eq!(
        dataset.metadata.description.as_deref(),
        Some("Suppliers of the city's cameras"),
        "the document's <desc>, the first of two"
    );
    assert_eq!(
        entity(dataset, "hik").description.as_deref(),
        Some("Node Zero")
    );
    assert_eq!(
        entity(dataset, "city").description.as_deref(),
        Some("Node One"),
        "CDATA"
    );
    assert_eq!(
        entity(dataset, "group").description.as_deref(),
        Some("A holding company"),
        "a description column outranks <desc>"
    );
    let plain = relation(dataset, "e0");
    assert_eq!(plain.label.as_deref(), Some("Edge Zero"));
    assert!(plain.evidence.is_empty(), "a <desc> is not a quote");
    let labelled = relation(dataset, "e1");
    assert_eq!(labelled.label.as_deref(), Some("owns"));
    assert_eq!(
        labelled.attributes["description"],
        "Majority owner since 2001"
    );

    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    // The key's, the port's, the graph's second and the outranked node's.
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|note| note == "elements not read: <desc> (4)"),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn graphml_data_on_the_document_and_ports_is_kept_or_named() {
    let loaded = load_graphml("graphml/document-and-port-data.graphml");
    assert_eq!(loaded.dataset.metadata.title, "Camera suppliers");
    assert_eq!(loaded.report.entity_count, 2);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let notes = &loaded.report.notes;
    for expected in [
        "graph-level data not kept: project",
        "data not kept: capacity on <port> (2), resources on <graphml>",
        "2 ports not used: edges join the nodes themselves (sourceport and targetport are kept as edge attributes)",
    ] {
        assert!(notes.iter().any(|n| n == expected), "{expected}: {notes:?}");
    }
}

#[test]
fn graphml_keys_declared_inside_the_graph_are_used() {
    let loaded = load_graphml("graphml/keys-in-graph.graphml");
    let dataset = &loaded.dataset;
    let foo = entity(dataset, "n0");
    assert_eq!(foo.name, "foo");
    assert_eq!(foo.attributes["sector"], "unknown", "the key's default");
    assert!(!foo.attributes.contains_key("lbl"), "{:?}", foo.attributes);
    let bar = entity(dataset, "n1");
    assert_eq!(bar.name, "bar");
    assert_eq!(bar.attributes["sector"], "retail");
    assert_eq!(
        relation(dataset, "e0").label.as_deref(),
        Some("foobar"),
        "the edge key sharing the node key's id"
    );

    assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
    let warnings = warnings_of(&loaded);
    assert_eq!(
        warnings,
        [(
            "graphml/graph/key[4]",
            "duplicate key id \"lbl\"; the first one is used"
        )]
    );
}

#[test]
fn malformed_graphml_is_a_syntax_error_at_its_line() {
    let error = graphml::read(
        "malformed.graphml",
        &fixture_text("graphml/malformed.graphml"),
    )
    .unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(error.position().map(|p| p.line), Some(5), "{error}");
    // Saved with old Mac line ends (a lone "\r"): the same line, not line 1.
    let text = fixture_text("graphml/malformed.graphml").replace('\n', "\r");
    let error = graphml::read("malformed.graphml", &text).unwrap_err();
    assert_eq!(error.position().map(|p| p.line), Some(5), "{error}");
}

#[test]
fn graphml_without_a_graph_is_a_structure_error() {
    let error = graphml::read(
        "no-graph.graphml",
        &fixture_text("graphml/no-graph.graphml"),
    )
    .unwrap_err();
    assert_eq!(error.json_path(), Some("graphml/graph"), "{error}");
    assert_eq!(error.position().map(|p| p.line), Some(2));
}

// ------------------------------------------------------------------------ GraphML hyperedges

/// The relations the hyperedge `hyperedge_id` made: the first keeps its id, the others have
/// `#2`, `#3`... added. In file order.
fn hyperedge_relations<'a>(dataset: &'a Dataset, hyperedge_id: &str) -> Vec<&'a Relation> {
    let numbered = format!("{hyperedge_id}#");
    dataset
        .relations
        .iter()
        .filter(|r| r.relation_id == hyperedge_id || r.relation_id.starts_with(&numbered))
        .collect()
}

/// Each relation's id, ends (by entity id) and whether it is directed.
fn ids_ends_directed(
    dataset: &Dataset,
    relations: &[&Relation],
) -> Vec<(String, String, String, bool)> {
    relations
        .iter()
        .map(|r| {
            let (source, target) = endpoint_ids(dataset, &r.relation_id);
            (r.relation_id.clone(), source, target, r.directed)
        })
        .collect()
}

fn expected_pairs(expected: &[(&str, &str, &str, bool)]) -> Vec<(String, String, String, bool)> {
    expected
        .iter()
        .map(|(id, source, target, directed)| {
            (
                (*id).to_owned(),
                (*source).to_owned(),
                (*target).to_owned(),
                *directed,
            )
        })
        .collect()
}

#[test]
fn graphml_undirected_hyperedge_joins_every_two_of_its_nodes() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    let d = &loaded.dataset;
    // Endpoints of no type and of type "undir", in a graph whose edges are directed.
    assert_eq!(
        ids_ends_directed(d, &hyperedge_relations(d, "bid")),
        expected_pairs(&[
            ("bid", "hik", "dahua", false),
            ("bid#2", "hik", "city", false),
            ("bid#3", "dahua", "city", false),
        ])
    );
}

#[test]
fn graphml_directed_hyperedge_joins_every_source_to_every_target() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    let d = &loaded.dataset;
    // Two endpoints of type "out" (sources), one of type "in" (the target).
    assert_eq!(
        ids_ends_directed(d, &hyperedge_relations(d, "supply")),
        expected_pairs(&[
            ("supply", "hik", "police", true),
            ("supply#2", "dahua", "police", true),
        ])
    );
    // An "in", an "undir" and an "out" endpoint: the out one to the in one, and the undir
    // one to each of them without a direction. The hyperedge has no id: its relations are
    // named after it (the third hyperedge of the file), so they can be told apart from others.
    let mixed: Vec<&Relation> = ["hyperedge 3", "hyperedge 3#2", "hyperedge 3#3"]
        .into_iter()
        .map(|id| relation(d, id))
        .collect();
    assert_eq!(
        ids_ends_directed(d, &mixed),
        expected_pairs(&[
            ("hyperedge 3", "city", "lab", false),
            ("hyperedge 3#2", "ghost", "city", true),
            ("hyperedge 3#3", "lab", "ghost", false),
        ])
    );
    assert_eq!(
        d.relations.len(),
        2 + 3 + 2 + 3,
        "the ordinary edges and the pairs"
    );
}

#[test]
fn graphml_hyperedge_data_desc_and_attributes_are_on_each_of_its_relations() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    let d = &loaded.dataset;
    for bid in hyperedge_relations(d, "bid") {
        assert_eq!(bid.kind, RelationKind::PartneredWith, "{bid:?}");
        assert_eq!(bid.label.as_deref(), Some("Joint bid"), "its <desc>");
        assert!(bid.evidence.is_empty(), "a description is no quote");
        assert_eq!(
            bid.attributes.get("description").map(String::as_str),
            Some("The three bid together for the city's camera contract.")
        );
        assert_eq!(
            bid.attributes.get("confidence").map(String::as_str),
            Some("medium"),
            "the hyperedge key's default"
        );
        assert_eq!(
            bid.weight, None,
            "an edge key's default is not a hyperedge's"
        );
    }
    for supply in hyperedge_relations(d, "supply") {
        assert_eq!(supply.kind, RelationKind::Supplied, "{supply:?}");
        assert_eq!(supply.weight, Some(0.5), "an edge key given on a hyperedge");
        assert_eq!(supply.attributes["confidence"], "high");
        assert!(supply.evidence.is_empty());
    }
    // An endpoint's port is kept as an edge's is.
    assert_eq!(
        relation(d, "supply#2")
            .attributes
            .get("sourceport")
            .map(String::as_str),
        Some("east")
    );
    assert!(!relation(d, "supply").attributes.contains_key("sourceport"));
    // The ordinary edges keep the edge key's default.
    assert_eq!(relation(d, "e1").weight, Some(1.0));
}

#[test]
fn graphml_hyperedges_expanded_are_counted_in_one_note() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    let expanded: Vec<&String> = loaded
        .report
        .notes
        .iter()
        .filter(|note| note.contains("hyperedges expanded"))
        .collect();
    // bid, supply and the one without an id; not the one joining a single node.
    assert_eq!(expanded.len(), 1, "{:?}", loaded.report.notes);
    assert!(
        expanded[0].starts_with("3 hyperedges expanded into 8 pairwise relations ("),
        "{}",
        expanded[0]
    );
}

#[test]
fn graphml_hyperedge_joining_fewer_than_two_nodes_is_set_aside_with_a_warning() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    // Two endpoints on one node.
    assert!(hyperedge_relations(&loaded.dataset, "alone").is_empty());
    let warnings = warnings_of(&loaded);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!(warnings[0].0, "graphml/graph/hyperedge[3]");
    assert!(
        warnings[0].1.contains("fewer than two nodes"),
        "{}",
        warnings[0].1
    );

    // One endpoint.
    let text = r#"<graphml><graph><node id="a"/>
        <hyperedge id="h"><endpoint node="a"/></hyperedge>
    </graph></graphml>"#;
    let loaded = graphml::read("one.graphml", text).unwrap();
    assert!(loaded.dataset.relations.is_empty());
    let warnings: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(warnings, ["graphml/graph/hyperedge[1]"]);
    assert!(
        loaded
            .report
            .notes
            .iter()
            .all(|n| !n.contains("hyperedges")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn graphml_hyperedge_endpoint_naming_no_node_is_a_placeholder_as_an_edge_s_is() {
    let loaded = load_graphml("graphml/hyperedges.graphml");
    let warning = &loaded.report.warnings[1];
    assert_eq!(warning.json_path, "graphml/graph/hyperedge[4].source");
    assert!(
        warning.message.contains(
            "\"ghost\" names no node; a placeholder entity was added for it (used by 2 relations)"
        ),
        "{}",
        warning.message
    );
    assert_eq!(
        entity(&loaded.dataset, "ghost").attributes["placeholder"],
        "true"
    );

    // The same link as an <edge> and as a hyperedge of two endpoints: the same dataset and
    // warning, at the hyperedge's path.
    let as_edge = graphml::read(
        "edge.graphml",
        r#"<graphml><graph><node id="city"/><edge source="ghost" target="city"/></graph></graphml>"#,
    )
    .unwrap();
    let as_hyperedge = graphml::read(
        "hyperedge.graphml",
        r#"<graphml><graph><node id="city"/><hyperedge>
            <endpoint node="city" type="in"/><endpoint node="ghost" type="out"/>
        </hyperedge></graph></graphml>"#,
    )
    .unwrap();
    assert_eq!(as_edge.dataset.entities, as_hyperedge.dataset.entities);
    assert_eq!(as_edge.dataset.relations, as_hyperedge.dataset.relations);
    let warnings = |loaded: &Loaded| -> Vec<(String, String)> {
        loaded
            .report
            .warnings
            .iter()
            .map(|w| (w.json_path.replace("hyperedge", "edge"), w.message.clone()))
            .collect()
    };
    assert_eq!(warnings(&as_edge), warnings(&as_hyperedge));
    assert_eq!(
        as_hyperedge.report.warnings[0].json_path,
        "graphml/graph/hyperedge[1].source"
    );
}

#[test]
fn graphml_odd_endpoints_are_reported_where_they_are() {
    let text = r#"<graphml><graph><node id="a"/><node id="b"/><node id="c"/>
        <hyperedge id="h">
            <endpoint node="a" type="out"/>
            <endpoint type="in"/>
            <endpoint node="b" type="both"/>
            <endpoint node="a" type="in"/>
            <endpoint node="c" type="in"/>
        </hyperedge>
        <hyperedge id="sources"><endpoint node="a" type="out"/><endpoint node="b" type="out"/></hyperedge>
    </graph></graphml>"#;
    let loaded = graphml::read("odd.graphml", text).unwrap();
    let d = &loaded.dataset;
    // a (out), b (read as undir) and c (in); the second endpoint and a's second are not used.
    assert_eq!(
        ids_ends_directed(d, &hyperedge_relations(d, "h")),
        expected_pairs(&[
            ("h", "a", "b", false),
            ("h#2", "a", "c", true),
            ("h#3", "b", "c", false),
        ])
    );
    assert!(hyperedge_relations(d, "sources").is_empty());
    let warnings = warnings_of(&loaded);
    let paths: Vec<&str> = warnings.iter().map(|(path, _)| *path).collect();
    assert_eq!(
        paths,
        [
            "graphml/graph/hyperedge[1]/endpoint[2]",
            "graphml/graph/hyperedge[1]/endpoint[3]",
            "graphml/graph/hyperedge[1]/endpoint[4]",
            "graphml/graph/hyperedge[2]",
        ],
        "{warnings:#?}"
    );
    assert!(
        warnings[0].1.contains("without a node"),
        "{}",
        warnings[0].1
    );
    assert!(warnings[1].1.contains("type=\"both\""), "{}", warnings[1].1);
    assert!(
        warnings[2].1.contains("\"a\"") && warnings[2].1.contains("type=\"out\""),
        "{}",
        warnings[2].1
    );
    assert!(
        warnings[3].1.contains("all type=\"out\""),
        "{}",
        warnings[3].1
    );
}

#[test]
fn graphml_hyperedge_pairs_are_cut_at_the_cap_with_a_warning() {
    let cap = jgf::MAX_PAIRS_PER_HYPEREDGE;
    // n endpoints of no type make n(n-1)/2 relations: the fewest making more than the cap.
    let n = (2..=cap).find(|n| n * (n - 1) / 2 > cap).unwrap();
    let nodes = numbered(n, "<node id=\"n#\"/>");
    let ends = numbered(n, "<endpoint node=\"n#\"/>");
    let text =
        format!("<graphml><graph>{nodes}<hyperedge id=\"h\">{ends}</hyperedge></graph></graphml>");
    let loaded = graphml::read("cap.graphml", &text).unwrap();
    assert_eq!(loaded.dataset.relations.len(), cap);
    let warnings = warnings_of(&loaded);
    let message = format!(
        "this hyperedge would make {} relations; only the first {cap} were made",
        n * (n - 1) / 2
    );
    assert_eq!(warnings, [("graphml/graph/hyperedge[1]", message.as_str())]);
    let expanded = format!("1 hyperedge expanded into {cap} pairwise relations (");
    assert!(
        loaded.report.notes.iter().any(|n| n.starts_with(&expanded)),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn graphml_edges_beside_hyperedges_load_as_they_do_without_them() {
    let text = fixture_text("graphml/hyperedges.graphml");
    let start = text.find("<hyperedge").expect("a hyperedge");
    let end = text.rfind("</hyperedge>").expect("a hyperedge") + "</hyperedge>".len();
    let plain = format!("{}{}", &text[..start], &text[end..]);
    assert!(!plain.contains("hyperedge>"), "{plain}");
    let without = graphml::read("plain.graphml", &plain).unwrap();
    let with = load_graphml("graphml/hyperedges.graphml");
    assert_eq!(without.dataset.relations.len(), 2);
    assert_eq!(
        without.dataset.relations[..],
        with.dataset.relations[..2],
        "the ordinary edges, before the hyperedges' relations"
    );
    assert_eq!(without.dataset.entities[..], with.dataset.entities[..5]);
    assert!(
        without.report.warnings.is_empty(),
        "{:?}",
        without.report.warnings
    );
    assert!(
        without.report.notes.is_empty(),
        "{:?}",
        without.report.notes
    );
}

// ------------------------------------------------------------------------ round trips

/// The built-in dataset with what it lacks added: positions, an undirected weighted
/// relation, attributes whose names collide with fields, odd characters, a kind outside the
/// vocabulary.
fn rich_dataset() -> Dataset {
    let mut dataset = formats::load_builtin().expect("built-in dataset").dataset;
    dataset.positions = vec![
        (EntityIdx(0), Position { x: 1.5, y: -2.25 }),
        (
            EntityIdx(3),
            Position {
                x: 1e-7,
                y: 12345.678,
            },
        ),
    ];
    let first = &mut dataset.entities[0];
    first.attributes.insert("type".into(), "listed".into());
    first.attributes.insert(
        "note".into(),
        "line one\nline two\t<tab> & \"quotes\"\r".into(),
    );
    first.url = Some("https://example.org/?a=1&b=2".into());
    let second = &mut dataset.entities[1];
    second.kind = EntityKind::Other;
    second.attributes.insert("kind".into(), "Vendor".into());
    let relation = &mut dataset.relations[0];
    relation.directed = false;
    relation.weight = Some(0.1 + 0.2);
    relation
        .attributes
        .insert("url".into(), "not a field".into());
    relation.attributes.insert("amount".into(), "100".into());
    relation.when.end = Some("2020-02".into());
    dataset.relations[1].status = RelationStatus::Alleged;
    dataset
}

fn assert_same_dataset(original: &Dataset, read: &Loaded, format: &str) {
    assert!(
        read.report.warnings.is_empty(),
        "{format}: {:#?}",
        read.report.warnings
    );
    let copy = &read.dataset;
    assert_eq!(copy.metadata, original.metadata, "{format}: metadata");
    assert_eq!(copy.sources, original.sources, "{format}: sources");
    assert_eq!(copy.entities, original.entities, "{format}: entities");
    assert_eq!(copy.positions, original.positions, "{format}: positions");
    assert_eq!(copy.relations.len(), original.relations.len());
    for (a, b) in original.relations.iter().zip(&copy.relations) {
        let id = &a.relation_id;
        assert_eq!(b.relation_id, *id, "{format}");
        assert_eq!((b.source, b.target), (a.source, a.target), "{format}: {id}");
        assert_eq!(b.kind, a.kind, "{format}: {id}");
        assert_eq!(b.label, a.label, "{format}: {id}");
        assert_eq!(b.directed, a.directed, "{format}: {id}");
        assert_eq!(b.weight, a.weight, "{format}: {id}");
        assert_eq!(b.when, a.when, "{format}: {id}");
        assert_eq!(b.status, a.status, "{format}: {id}");
        assert_eq!(b.attributes, a.attributes, "{format}: {id}");
        assert_eq!(b.evidence.len(), a.evidence.len(), "{format}: {id}");
        for (x, y) in a.evidence.iter().zip(&b.evidence) {
            assert_eq!(y.quote, x.quote, "{format}: {id}");
            let title = |dataset: &Dataset, e: &chainsight::model::Evidence| {
                e.source
                    .and_then(|s| dataset.source(s))
                    .map(|s| (s.title.clone(), s.url.clone()))
            };
            assert_eq!(title(copy, y), title(original, x), "{format}: {id}");
            assert_eq!(y.locator, x.locator, "{format}: {id}");
            assert_eq!(y.cites, x.cites, "{format}: {id}");
            assert_eq!(y.note, x.note, "{format}: {id}");
        }
    }
    // GEXF and GraphML cannot hold stories (saving says so); everything else must survive.
    let mut expected = original.clone();
    expected.stories.clear();
    assert_eq!(*copy, expected, "{format}: the whole dataset");
}

#[test]
fn builtin_dataset_round_trips_through_gexf() {
    let original = formats::load_builtin().unwrap().dataset;
    let text = gexf::write(&original);
    assert!(text.starts_with("<?xml"));
    assert_eq!(text, gexf::write(&original), "deterministic");
    let read = gexf::read("round-trip.gexf", &text).unwrap();
    assert_eq!(read.report.format, "GEXF 1.3");
    assert_same_dataset(&original, &read, "GEXF");
}

#[test]
fn builtin_dataset_round_trips_through_graphml() {
    let original = formats::load_builtin().unwrap().dataset;
    let text = graphml::write(&original);
    assert_eq!(text, graphml::write(&original), "deterministic");
    let read = graphml::read("round-trip.graphml", &text).unwrap();
    assert_eq!(read.report.format, "GraphML");
    assert_same_dataset(&original, &read, "GraphML");
}

#[test]
fn rich_dataset_round_trips_through_both_formats() {
    let original = rich_dataset();
    let read = gexf::read("rich.gexf", &gexf::write(&original)).unwrap();
    assert_same_dataset(&original, &read, "GEXF");
    let read = graphml::read("rich.graphml", &graphml::write(&original)).unwrap();
    assert_same_dataset(&original, &read, "GraphML");
}

#[test]
fn written_gexf_is_read_by_the_graphml_reader_as_not_graphml() {
    let text = gexf::write(&formats::load_builtin().unwrap().dataset);
    let error = graphml::read("x.gexf", &text).unwrap_err();
    assert_eq!(error.json_path(), Some("gexf"));
}

/// Nesting past the documented depth is refused at once, whatever the depth.
#[test]
fn deep_nesting_is_refused_fast() {
    let n = 50_000;
    let gexf = format!(
        "<gexf version=\"1.3\"><graph><nodes>{}{}</nodes></graph></gexf>",
        numbered(n, "<node id=\"n#\"><nodes>"),
        "</nodes></node>".repeat(n)
    );
    let graphml = format!(
        "<graphml><graph>{}{}</graph></graphml>",
        numbered(n, "<node id=\"n#\"><graph>"),
        "</graph></node>".repeat(n)
    );
    for (name, text) in [("deep.gexf", gexf), ("deep.graphml", graphml)] {
        let started = std::time::Instant::now();
        let error = formats::load_bytes(name, text.as_bytes()).expect_err("refused");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name}"
        );
        assert!(
            error.to_string().contains("nested at most 256 deep"),
            "{error}"
        );
    }
    // Nesting within the limit still loads: ten levels of GEXF subnodes.
    let nested = format!(
        "<gexf version=\"1.3\"><graph><nodes>{}{}</nodes></graph></gexf>",
        numbered(10, "<node id=\"n#\"><nodes>"),
        "</nodes></node>".repeat(10)
    );
    let loaded = formats::load_bytes("nested.gexf", nested.as_bytes()).expect("loads");
    assert_eq!(loaded.report.entity_count, 10);
}

/// 200,000 differently named elements side by side load in linear time, and the report names
/// only a few of them.
#[test]
fn many_distinct_sibling_elements_load_in_linear_time() {
    let n = 200_000;
    let siblings: String = numbered(n, "<x#/>");
    for (name, text) in [
        (
            "wide.graphml",
            format!("<graphml><graph>{siblings}<node id=\"a\"/></graph></graphml>"),
        ),
        (
            "wide.gexf",
            format!(
                "<gexf version=\"1.3\"><graph><nodes>{siblings}<node id=\"a\"/></nodes></graph></gexf>"
            ),
        ),
    ] {
        let started = std::time::Instant::now();
        let loaded = formats::load_bytes(name, text.as_bytes()).expect("loads");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{name}: {:?}",
            started.elapsed()
        );
        assert_eq!(loaded.report.entity_count, 1);
        let note = loaded
            .report
            .notes
            .iter()
            .find(|n| n.starts_with("elements not read"))
            .expect("the unused elements are noted");
        assert!(note.len() < 1_000, "{} bytes", note.len());
        assert!(note.contains("and 199980 other names"), "{note}");
    }
}

/// `pattern` `n` times, `#` replaced by 0, 1, 2…
fn numbered(n: usize, pattern: &str) -> String {
    (0..n).fold(String::new(), |mut text, i| {
        text.push_str(&pattern.replace('#', &i.to_string()));
        text
    })
}

#[test]
fn yed_labels_outrank_a_custom_name_property() {
    let loaded = load_graphml("graphml/yed-name-property.graphml");
    let d = &loaded.dataset;
    let ibm = entity(d, "n0");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.attributes["name"], "internal-0042");
    assert_eq!(entity(d, "n1").name, "Huawei");
    assert_eq!(d.positions.len(), 1, "the geometry's centre");
}

/// yEd draws arrowheads in many shapes (a UML diamond, a white delta, an ER diagram's crow's
/// feet); each still gives the direction, and one note counts the edges drawn with shapes
/// beyond a plain arrow, which Chainsight does not draw. `standard` and `short` are plain.
#[test]
fn yed_arrow_shapes_give_the_direction_and_those_not_drawn_are_noted_once() {
    let loaded = load_graphml("graphml/yed-arrow-shapes.graphml");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let ends = |id: &str| {
        let (source, target) = endpoint_ids(d, id);
        (source, target, relation(d, id).directed)
    };
    let directed = |source: &str, target: &str| (source.to_owned(), target.to_owned(), true);
    assert_eq!(ends("e0"), directed("n1", "n0"), "a diamond at the target");
    assert_eq!(
        ends("e1"),
        directed("n2", "n0"),
        "a diamond at the source only"
    );
    assert_eq!(ends("e2"), directed("n0", "n3"));
    assert!(!relation(d, "e4").directed, "crow's feet at both ends");
    let shapes: Vec<&String> = loaded
        .report
        .notes
        .iter()
        .filter(|note| note.contains("arrow shape"))
        .collect();
    assert_eq!(
        shapes,
        [
            "4 links' arrow shapes (crows_foot_many, crows_foot_one, diamond, white_delta) are \
             not drawn: Chainsight draws a plain arrow for a direction"
        ]
    );
}

#[test]
fn yed_graphml_edges_go_the_way_their_arrows_are_drawn() {
    let loaded = load_graphml("graphml/yed-arrows.graphml");
    let d = &loaded.dataset;
    let seen = |id: &str| {
        let (source, target) = endpoint_ids(d, id);
        (source, target, relation(d, id).directed)
    };
    let owned = |s: &str, t: &str, directed| (s.to_owned(), t.to_owned(), directed);
    assert_eq!(seen("e0"), owned("n0", "n1", true), "arrow at the target");
    assert_eq!(
        seen("e1"),
        owned("n2", "n0", true),
        "arrow at the source only"
    );
    assert_eq!(seen("e2"), owned("n1", "n2", false), "no arrow");
    assert_eq!(
        seen("e3"),
        owned("n2", "n3", false),
        "arrows at both ends: two-way, as yEd draws it"
    );
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains(
            "directions as yEd draws them: 1 edge drawn with an arrow at its source only, read \
             from its target to its source; 1 edge drawn without an arrow, read without a \
             direction; 1 edge drawn with arrows at both ends, read without a direction"
        ),
        "{notes}"
    );
    // The drawing without a label or a geometry still gives the node its fill.
    assert_eq!(entity(d, "n3").attributes["color"], "#ffcc00");
    assert!(!notes.contains("yEd drawings"), "{notes}");
}

/// pyyed and yEd write a group as a node holding a nested graph of its members; an edge
/// drawn with arrows at both ends goes both ways, as yEd shows it.
/// A yEd group holds two states, open and closed, and shows the one `active` names: its
/// label, position and fill are that state's, an open group's (active 0) as a closed
/// folder's (active 1).
#[test]
fn a_yed_group_is_named_placed_and_filled_as_the_state_shown() {
    let loaded = load_graphml("graphml/yed-group-states.graphml");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let shown = |id: &str| {
        let entity = entity(d, id);
        (
            entity.name.as_str(),
            position_of(d, id),
            entity.attributes.get("color").map(String::as_str),
        )
    };
    assert_eq!(
        shown("n0"),
        (
            "Hikvision",
            Some(Position { x: 80.0, y: 55.0 }),
            Some("#f5f5f5")
        ),
        "open: the first state"
    );
    assert_eq!(
        shown("n1"),
        (
            "Camera suppliers",
            Some(Position { x: 400.0, y: 225.0 }),
            Some("#caecff")
        ),
        "closed: the second state, not \"Folder 1\" at (400, 55)"
    );
    assert_eq!(memberships(d), pairs(&[("n0::n0", "n0"), ("n1::n0", "n1")]));
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|note| note.starts_with("drawing details not kept")
                && note.contains("group's other state (2)")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn yed_groups_are_drawn_as_part_of_links_and_two_headed_edges_have_no_direction() {
    let loaded = load_graphml("graphml/yed-groups.graphml");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(entity(d, "LOC1").name, "Site 1");
    assert_eq!(
        memberships(d),
        pairs(&[
            ("R1", "LOC1"),
            ("R2", "LOC1"),
            ("R3", "LOC2"),
            ("SERVICES", "LOC2"),
            ("MAIL", "SERVICES"),
            ("WWW", "SERVICES"),
        ])
    );
    assert!(
        d.entities
            .iter()
            .all(|e| !e.attributes.contains_key("parent"))
    );
    let two_way = relation(d, "3");
    assert_eq!(
        (endpoint_ids(d, "3"), two_way.directed),
        (("WWW".to_owned(), "MAIL".to_owned()), false)
    );
    assert!(relation(d, "2").directed, "an arrow at the target");
    assert!(!relation(d, "1").directed, "no arrow");
    let notes = &loaded.report.notes;
    assert!(
        notes.contains(
            &"directions as yEd draws them: 1 edge drawn without an arrow, read without a \
              direction; 1 edge drawn with arrows at both ends, read without a direction"
                .to_owned()
        ),
        "{notes:?}"
    );
    assert_eq!(
        notes.last().map(String::as_str),
        Some("3 groups: 6 memberships drawn as “part of” links"),
        "an empty folder holds no one"
    );
}

#[test]
fn yed_fill_colours_are_the_node_colours_the_window_opens_with() {
    let loaded = load_graphml("graphml/yed-fills.graphml");
    let d = &loaded.dataset;
    let colour = |id: &str| entity(d, id).attributes.get("color").map(String::as_str);
    assert_eq!(colour("n0"), Some("#ffcc00"), "a shape node's fill");
    assert_eq!(
        colour("n1"),
        Some("#e8eef7"),
        "a generic node's fill: the gradient's first colour"
    );
    assert_eq!(colour("n2"), Some("#cc99ff"), "#RRGGBBAA without its alpha");
    assert_eq!(colour("n3"), None, "a transparent fill gives no colour");
    assert_eq!(entity(d, "n3").name, "Unverified lead");
    assert_eq!(
        entity(d, "n0").description.as_deref(),
        Some("CCTV maker"),
        "the colour is added beside the file's data"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    // The fills were read: the note on the rest of the drawings says so, and names only the
    // gradient's second colour (of n1) as a fill detail not kept.
    assert_eq!(
        drawing_note(&loaded),
        Some(
            "drawing details not kept (labels, positions, fill colours and arrows are): \
             shape (4), size (4), border (4), fill gradient (1), label style (5), line style (3)"
        )
    );
    let notes = loaded.report.notes.join("\n");
    assert!(!notes.contains("drawn fill colours not used"), "{notes}");
    assert!(!notes.contains("not read"), "{notes}");
    // Three of four nodes have a colour: the window opens with the file's colours.
    assert_eq!(
        chainsight::view::View::opening(d).colour_by,
        chainsight::view::ColourBy::File
    );
}

#[test]
fn yed_live_label_text_is_the_label() {
    let loaded = load_graphml("graphml/yed-live.graphml");
    let d = &loaded.dataset;
    assert_eq!(entity(d, "n0").name, "Karamay Safe City");
    assert_eq!(entity(d, "n1").name, "Huawei");
    assert!(!entity(d, "n0").attributes.contains_key("NodeLabels"));
    assert_eq!(d.relations[0].kind, RelationKind::Built);
    assert_eq!(
        drawing_note(&loaded),
        Some("drawing details not kept (labels are): label style (1)"),
        "the first label's placement"
    );
}

#[test]
fn a_yed_edge_label_naming_a_kind_is_classified_and_still_read_as_written() {
    let edge = |id: &str, target: &str, label: &str| {
        format!(
            r#"<edge id="{id}" source="a" target="{target}"><data key="g"><y:PolyLineEdge><y:EdgeLabel>{label}</y:EdgeLabel></y:PolyLineEdge></data></edge>"#
        )
    };
    let text = format!(
        r#"<graphml xmlns:y="http://www.yworks.com/xml/graphml"><key for="edge" id="g" yfiles.type="edgegraphics"/><graph edgedefault="directed">
        <node id="a"/><node id="b"/><node id="c"/><node id="d"/>{}{}{}</graph></graphml>"#,
        edge("e0", "b", "supplies"),
        edge("e1", "c", "supplies batteries"),
        edge("e2", "d", "supplied"),
    );
    let loaded = graphml::read("yed.graphml", &text).expect("loads");
    let supplies = relation(&loaded.dataset, "e0");
    assert_eq!(supplies.kind, RelationKind::Supplied, "filters and colours");
    assert_eq!(supplies.label.as_deref(), Some("supplies"));
    assert_eq!(
        supplies.phrase(),
        "supplies",
        "on the graph and in the panel"
    );
    assert_eq!(supplies.label_beyond_phrase(), None, "said once");
    let batteries = relation(&loaded.dataset, "e1");
    assert_eq!(batteries.kind, RelationKind::Other);
    assert_eq!(batteries.phrase(), "supplies batteries");
    // The kind's own name says nothing more than the kind.
    let supplied = relation(&loaded.dataset, "e2");
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert_eq!(supplied.label, None);
    assert_eq!(supplied.phrase(), "supplied");

    // Written and read again, the file's word and the kind both stay.
    for (format, written) in [
        ("GraphML", graphml::write(&loaded.dataset)),
        ("GEXF", gexf::write(&loaded.dataset)),
    ] {
        let again = if format == "GEXF" {
            gexf::read("again.gexf", &written)
        } else {
            graphml::read("again.graphml", &written)
        }
        .unwrap_or_else(|e| panic!("{format}: {e}"));
        let supplies = relation(&again.dataset, "e0");
        assert_eq!(supplies.kind, RelationKind::Supplied, "{format}");
        assert_eq!(supplies.phrase(), "supplies", "{format}");
        assert_eq!(relation(&again.dataset, "e2").label, None, "{format}");
    }
}

#[test]
fn a_gexf_edge_type_naming_a_kind_is_kept_as_the_file_wrote_it() {
    let text = r#"<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
        <attributes class="edge"><attribute id="r" title="relation" type="string"/></attributes>
        <nodes><node id="a"/><node id="b"/><node id="c"/></nodes>
        <edges>
          <edge id="e0" source="a" target="b"><attvalues><attvalue for="r" value="funds"/></attvalues></edge>
          <edge id="e1" source="a" target="c" label="paid for the servers"><attvalues><attvalue for="r" value="funds"/></attvalues></edge>
        </edges></graph></gexf>"#;
    let loaded = gexf::read("types.gexf", text).expect("loads");
    let funds = relation(&loaded.dataset, "e0");
    assert_eq!(funds.kind, RelationKind::Funded);
    assert_eq!(funds.phrase(), "funds");
    // With a label of its own, the type is kept beside it, under its column's name.
    let paid = relation(&loaded.dataset, "e1");
    assert_eq!(paid.kind, RelationKind::Funded);
    assert_eq!(paid.label.as_deref(), Some("paid for the servers"));
    assert_eq!(paid.attributes["relation"], "funds");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn graphml_reads_summary_as_the_description_and_only_a_quote_as_a_quote() {
    let text = r#"<graphml><key id="s" for="edge" attr.name="summary"/><key id="q" for="edge" attr.name="quote"/>
        <graph><node id="a"/><node id="b"/>
        <edge source="a" target="b"><data key="s">consulting from 2000</data></edge>
        <edge source="b" target="a"><data key="q">IBM advised Huawei</data></edge></graph></graphml>"#;
    let loaded = graphml::read("summary.graphml", text).expect("loads");
    let [summary, quote] = loaded.dataset.relations.as_slice() else {
        panic!("two relations");
    };
    assert_eq!(summary.attributes["description"], "consulting from 2000");
    assert!(summary.evidence.is_empty());
    assert_eq!(quote.evidence[0].quote, "IBM advised Huawei");
    assert!(!quote.attributes.contains_key("description"));
}

#[test]
fn a_yed_edge_description_is_the_analyst_s_words_not_a_quote() {
    // As yEd writes its Data tab's description, beside the label it draws, and a `<desc>`.
    let text = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <!--Created by yEd 3.23.2-->
  <key attr.name="description" attr.type="string" for="edge" id="d9"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"/><node id="n1"/>
    <edge id="e0" source="n0" target="n1">
      <desc>Seen in two tenders</desc>
      <data key="d9"><![CDATA[Checked against the 2019 annual report.]]></data>
      <data key="d10"><y:PolyLineEdge><y:EdgeLabel>supplied</y:EdgeLabel></y:PolyLineEdge></data>
    </edge>
  </graph>
</graphml>"#;
    let loaded = graphml::read("yed.graphml", text).expect("loads");
    let relation = &loaded.dataset.relations[0];
    assert_eq!(relation.kind, RelationKind::Supplied);
    assert!(relation.evidence.is_empty(), "{:?}", relation.evidence);
    assert_eq!(
        relation.attributes["description"],
        "Checked against the 2019 annual report."
    );
    assert_eq!(relation.attributes["desc"], "Seen in two tenders");
    assert_eq!(loaded.report.quote_count, 0);
}

#[test]
fn yfiles_html_geometry_is_the_position_and_bare_markup_is_noted() {
    let loaded = load_graphml("graphml/yfiles-html.graphml");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    // The centre of each `<y:RectD>`, as of yEd's `<y:Geometry>`.
    let centre = |x, y| Some(Position { x, y });
    assert_eq!(position_of(d, "n0"), centre(250.0, 275.0));
    assert_eq!(position_of(d, "n0::n0"), centre(135.5, 245.0));
    assert_eq!(position_of(d, "n1"), centre(-10.0, 20.0));
    assert_eq!(entity(d, "n0::n0").name, "Subsidiary");
    for entity in &d.entities {
        assert!(
            !entity.attributes.contains_key("NodeGeometry")
                && !entity.attributes.contains_key("NodeStyle"),
            "{:?}",
            entity.attributes
        );
    }
    for relation in &d.relations {
        assert!(
            !relation.attributes.contains_key("EdgeStyle"),
            "{:?}",
            relation.attributes
        );
    }
    assert_eq!(
        relation(d, "e0").attributes["description"],
        "supplied parts"
    );
    assert!(relation(d, "e0").evidence.is_empty());
    // yFiles for HTML writes `#AARRGGBB`: `#FFFF8C00` is an opaque dark orange.
    let colour = |id: &str| entity(d, id).attributes.get("color").map(String::as_str);
    assert_eq!(colour("n0::n0"), Some("#ff8c00"));
    assert_eq!(colour("n1"), Some("#ff8c00"));
    assert_eq!(colour("n0"), None, "no NodeStyle");
    // The node styles gave their fills; the edge styles, references to shared data, nothing.
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains("data not kept: EdgeStyle on <edge> (2)"),
        "{notes}"
    );
    assert!(!notes.contains("NodeStyle"), "{notes}");
    // What the styles and geometries gave besides fills and positions.
    assert_eq!(
        drawing_note(&loaded),
        Some(
            "drawing details not kept (labels, positions and fill colours are): shape (2), \
             size (3), border (2)"
        )
    );
}

/// The report's note on drawing details not kept, if any; there is one at most.
fn drawing_note(loaded: &Loaded) -> Option<&str> {
    let mut notes = loaded
        .report
        .notes
        .iter()
        .filter(|note| note.starts_with("drawing details"));
    let note = notes.next().map(String::as_str);
    assert_eq!(notes.next(), None, "{:?}", loaded.report.notes);
    note
}

#[test]
fn yed_drawing_details_not_kept_are_counted_by_kind_once_per_node_or_edge() {
    let loaded = load_graphml("graphml/yed-drawings.graphml");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    // What Chainsight reads of the drawings is still read.
    assert_eq!(entity(d, "n0").name, "Hikvision", "the first of two labels");
    assert_eq!(entity(d, "n2").name, "Xinjiang PSB");
    assert_eq!(position_of(d, "n1"), Some(Position { x: 274.0, y: 20.0 }));
    assert_eq!(entity(d, "n3").attributes["color"], "#e8eef7");
    assert!(
        !entity(d, "n1").attributes.contains_key("color"),
        "an SVG node shows its picture"
    );
    assert_eq!(relation(d, "e2").label.as_deref(), Some("contract"));
    // The rest, by kind: n0's second label and e2's; e0's two bends and e1's arc; n2's
    // closed state, not looked into; five nodes' sizes, borders and label fonts.
    assert_eq!(
        drawing_note(&loaded),
        Some(
            "drawing details not kept (labels, positions, fill colours and arrows are): \
             shape (4), size (5), border (5), fill gradient (1), picture (1), \
             group's other state (1), label style (7), labels after the first (2), \
             line style (3), bends and curves (2)"
        )
    );
    // The SVG the picture node shows is still named where it is, with yEd's resources.
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|note| note == "data not kept: resources on <graphml>"),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn graphml_without_yed_or_yfiles_drawings_gets_no_drawing_note() {
    for path in [
        "graphml/desc.graphml",
        "graphml/keys-in-graph.graphml",
        "graphml/document-and-port-data.graphml",
    ] {
        assert_eq!(drawing_note(&load_graphml(path)), None, "{path}");
    }
    // Maltego's entities are vendor data holding elements too, but no drawing.
    let text = r#"<graphml xmlns:mtg="http://maltego.paterva.com/xml/mtgx">
  <key id="MaltegoEntity" for="node"/>
  <key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="MaltegoEntity"><mtg:MaltegoEntity type="maltego.Person"><mtg:Properties><mtg:Property name="person.fullname" type="string"><mtg:Value>Ren Zhengfei</mtg:Value></mtg:Property></mtg:Properties></mtg:MaltegoEntity></data><data key="x">1</data><data key="y">2</data></node>
  </graph>
</graphml>"#;
    let loaded = graphml::read("maltego.graphml", text).expect("loads");
    // The entity's main property names it (tests/maltego_format.rs reads the rest).
    assert_eq!(loaded.dataset.entities[0].name, "Ren Zhengfei");
    assert!(
        !loaded
            .report
            .notes
            .iter()
            .any(|note| note.contains("drawing")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn gexf_node_timestamp_is_its_start_and_end() {
    let loaded = load_gexf("gexf/timestamp-nodes.gexf");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let hikvision = entity(d, "a");
    assert_eq!(hikvision.attributes["start"], "2012-01-12T15:00:00");
    assert_eq!(hikvision.attributes["end"], "2012-01-12T15:00:00");
    assert!(!hikvision.attributes.contains_key("timestamp"));
    assert_eq!(
        entity(d, "b").attributes["start"],
        "2012-01-12T15:00:00+08:00"
    );
    assert!(entity(d, "c").attributes.is_empty());
    // An edge's timestamp is its date, the day on the timeline, the time kept as written.
    let s1 = relation(d, "s1");
    assert_eq!(s1.when.date.as_deref(), Some("2013-05-01"));
    assert_eq!(s1.attributes["date"], "2013-05-01T00:00:00");
}

#[test]
fn gexf_spell_timestamp_is_its_start_and_end() {
    let loaded = load_gexf("gexf/timestamp-spells.gexf");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let hikvision = entity(d, "a");
    assert_eq!(hikvision.attributes["start"], "2014-01-01");
    assert_eq!(hikvision.attributes["end"], "2014-01-01");
    assert_eq!(entity(d, "b").attributes["end"], "2016-06-30");
    assert_eq!(
        relation(d, "s1").when,
        When {
            date: None,
            start: Some("2017-03-01".into()),
            end: Some("2017-03-01".into()),
        }
    );
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("2 later spells"), "{notes}");
}

#[test]
fn gexf_attvalue_without_attvalues_is_read() {
    let loaded = load_gexf("gexf/bare-attvalue.gexf");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let hikvision = entity(d, "1");
    assert_eq!(hikvision.attributes["Price"], "12");
    assert_eq!(hikvision.kind, EntityKind::Company);
    assert_eq!(entity(d, "2").attributes["Price"], "8");
    assert_eq!(relation(d, "0").attributes["amount"], "30");
    let notes = loaded.report.notes.join("\n");
    assert!(!notes.contains("attvalue"), "{notes}");
}

// ------------------------------------------------------------------------ XGMML

fn load_xgmml(path: &str) -> Loaded {
    let name = path.rsplit('/').next().unwrap_or(path);
    formats::load_bytes(name, fixture_text(path).as_bytes())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn xgmml_cytoscape_3_maps_atts_positions_interactions_and_directions() {
    let loaded = load_xgmml("xgmml/cytoscape3.xgmml");
    let d = &loaded.dataset;
    assert_eq!(
        loaded.report.format,
        "XGMML (Cytoscape, document version 3.0)"
    );
    assert_eq!(d.metadata.title, "Safe City suppliers");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Who supplied the Urumqi surveillance system.")
    );
    // Three nodes and a placeholder for "90".
    assert_eq!(d.entities.len(), 4);
    assert_eq!(d.relations.len(), 4);

    let ibm = entity(d, "64");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(ibm.aliases, ["International Business Machines", "Big Blue"]);
    assert_eq!(ibm.attributes["revenue"], "61.9");
    assert_eq!(ibm.attributes["selected"], "false");
    // `name` and `shared name` repeat the label: not kept twice.
    assert!(!ibm.attributes.contains_key("name"), "{:?}", ibm.attributes);
    assert!(!ibm.attributes.contains_key("shared name"));
    assert_eq!(position_of(d, "64"), Some(Position { x: -120.5, y: 40.0 }));
    // A `shared name` that says something else is kept.
    let huawei = entity(d, "66");
    assert_eq!(huawei.attributes["shared name"], "Huawei Technologies");
    assert_eq!(entity(d, "68").kind, EntityKind::GovernmentBody);

    // The interaction is the relation's type; Cytoscape's made-up name is an attribute.
    let supplied = relation(d, "70");
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert_eq!(supplied.label, None);
    assert_eq!(supplied.attributes["name"], "IBM (supplied) Urumqi PSB");
    assert!(!supplied.attributes.contains_key("shared interaction"));
    assert_eq!(supplied.weight, Some(2.5));
    assert_eq!(supplied.when.date.as_deref(), Some("2012"));
    assert_eq!(supplied.evidence.len(), 1);
    assert!(supplied.directed);

    let partner = relation(d, "72");
    assert_eq!(partner.label.as_deref(), Some("partner of"));
    assert!(!partner.directed, "cy:directed=\"0\"");
    // A label of its own stays the label; the interaction is kept beside it.
    let cameras = relation(d, "74");
    assert_eq!(cameras.label.as_deref(), Some("cameras for the square"));
    assert_eq!(cameras.attributes["interaction"], "pp");
    assert_eq!(cameras.attributes["verified"], "true");

    let warnings: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(warnings, ["graph/edge[4].source"]);
    // The node's `<graphics fill>` is its colour; the edge's line colour is not kept.
    assert_eq!(ibm.attributes["color"], "#89d0f5");
    assert!(!huawei.attributes.contains_key("color"), "no fill");
    assert!(!supplied.attributes.contains_key("color"));
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains(
            "drawing details not kept (positions and node fill colours are): <graphics> attributes fill (1), "
        ),
        "{notes}"
    );
    assert!(notes.contains("4 visual properties"), "{notes}");
    assert!(
        notes.contains("network attributes not kept: selected"),
        "{notes}"
    );
}

#[test]
fn xgmml_cytoscape_2_reads_rdf_metadata_groups_and_interactions_in_names() {
    let loaded = load_xgmml("xgmml/cytoscape2.xgmml");
    let d = &loaded.dataset;
    assert_eq!(
        loaded.report.format,
        "XGMML (Cytoscape, document version 1.1)"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(d.metadata.title, "Procurement 2011");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Contracts awarded in 2011.")
    );
    // dc:date 2012-03-13 12:48:08: the calendar date is what `created` holds.
    assert_eq!(d.metadata.created.as_deref(), Some("2012-03-13"));
    // The group's members are read, in file order, each drawn "part of" the group.
    let ids: Vec<&str> = d.entities.iter().map(|e| e.entity_id.as_str()).collect();
    assert_eq!(ids, ["-1", "-4", "-2", "-3"]);
    let acme = entity(d, "-2");
    assert_eq!(acme.name, "Acme & Sons");
    assert!(!acme.attributes.contains_key("parent"));
    let members: Vec<(String, String)> = ["-2 part of -4", "-3 part of -4"]
        .iter()
        .map(|id| endpoint_ids(d, id))
        .collect();
    assert_eq!(
        members,
        [
            ("-2".to_owned(), "-4".to_owned()),
            ("-3".to_owned(), "-4".to_owned())
        ]
    );
    assert!(!acme.attributes.contains_key("canonicalName"));
    assert_eq!(entity(d, "-1").kind, EntityKind::GovernmentBody);
    assert_eq!(position_of(d, "-4"), Some(Position { x: -30.0, y: -64.0 }));
    // Cytoscape 2.x writes fills in lower case; the group's members have no graphics.
    assert_eq!(entity(d, "-1").attributes["color"], "#ffffff");
    assert_eq!(entity(d, "-4").attributes["color"], "#ffffff");
    assert!(!acme.attributes.contains_key("color"));

    // No `interaction` att: taken from the name, as Cytoscape 2.x does. "partner" is read as
    // the kind partnered with, and kept as the words the file gave it.
    let labels: Vec<Option<&str>> = d.relations.iter().map(|r| r.label.as_deref()).collect();
    assert_eq!(
        labels,
        [
            Some("partner"),
            Some("contracted"),
            Some("paid"),
            Some("part of"),
            Some("part of")
        ]
    );
    assert_eq!(d.relations[0].kind, RelationKind::PartneredWith);
    assert_eq!(d.relations[0].phrase(), "partner");
    let directed: Vec<bool> = d.relations.iter().map(|r| r.directed).collect();
    // The graph is undirected; one edge says otherwise. Membership has a direction.
    assert_eq!(directed, [false, false, true, true, true]);
    assert_eq!(d.relations[1].attributes["amount"], "1200000");
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("1 nested graph flattened"), "{notes}");
    assert!(
        notes.contains("1 group: 2 memberships drawn as “part of” links"),
        "{notes}"
    );
    assert!(notes.contains("1 attribute of nested graphs"), "{notes}");
    assert!(notes.contains("dc:type"), "{notes}");
    assert!(
        notes.contains("3 edges without an \"interaction\""),
        "{notes}"
    );
}

/// Cytoscape 3 writes a group's member in full once; in the group's nested graph a member
/// written earlier is a reference, which still says who is in the group.
#[test]
fn xgmml_group_members_written_in_full_or_referred_to_are_part_of_it() {
    let loaded = load_xgmml("xgmml/cytoscape3-group.xgmml");
    let d = &loaded.dataset;
    assert_eq!(d.entities.len(), 4);
    assert_eq!(memberships(d), pairs(&[("20", "30"), ("40", "30")]));
    assert!(
        d.entities
            .iter()
            .all(|e| !e.attributes.contains_key("parent"))
    );
    let warnings: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "xlink:href=\"#99\" names no node of the file; it is not drawn as a member of the group \"30\""
        ]
    );
    assert!(
        loaded
            .report
            .notes
            .contains(&"1 group: 2 memberships drawn as “part of” links".to_owned()),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn xgmml_references_and_nested_network_links_are_noted_not_read_twice() {
    let text = r##"<graph label="Root" cy:documentVersion="3.0" xmlns:cy="http://www.cytoscape.org"
        xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.cs.rpi.edu/XGMML">
      <node id="1" label="A"><att><graph xlink:href="#9"/></att></node>
      <node id="2" label="B"/>
      <edge id="3" source="1" target="2"/>
      <att><graph id="9"><node xlink:href="#1"/><edge xlink:href="#3"/></graph></att>
    </graph>"##;
    let loaded = formats::load_bytes("session.xgmml", text.as_bytes()).unwrap();
    assert_eq!(loaded.dataset.entities.len(), 2);
    assert_eq!(loaded.dataset.relations.len(), 1);
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("1 link to a nested network"), "{notes}");
    assert!(
        notes.contains("1 node reference and 1 edge reference"),
        "{notes}"
    );
}

#[test]
fn malformed_xgmml_is_a_syntax_error_at_its_line() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/xgmml_unclosed_att.xgmml");
    let error = formats::load_path(&path).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    let position = error.position().expect("a position");
    assert_eq!((position.line, position.column), (5, 3), "{error}");
}

#[test]
fn other_xml_roots_are_still_refused() {
    let error = formats::load_bytes("feed.xml", fixture_text("gexf/not-a-graph.xml").as_bytes())
        .unwrap_err();
    assert!(error.to_string().contains("<graph> (XGMML)"), "{error}");
}

#[test]
fn bare_ampersands_are_read_as_written_with_a_note_and_references_still_resolve() {
    // As Cytoscape writes them: XML forbids a bare "&", Cytoscape reads it as written.
    let text = r#"<?xml version="1.0"?>
<graph label="Telecoms &amp; more" xmlns="http://www.cs.rpi.edu/XGMML">
  <node id="1" label="AT&T">
    <att name="note" type="string" value="R&D &#233;quipe &lt;lab&gt; &custom;"/>
  </node>
  <node id="2" label="B &amp; C"/>
  <edge source="1" target="2" label="AT&T (interacts) B &amp; C"/>
</graph>
"#;
    let loaded = formats::load_bytes("amp.xgmml", text.as_bytes()).unwrap();
    let d = &loaded.dataset;
    assert_eq!(entity(d, "1").name, "AT&T");
    assert_eq!(entity(d, "2").name, "B & C");
    assert_eq!(
        entity(d, "1").attributes.get("note").map(String::as_str),
        // An entity no DTD defines stays as written, as in text.
        Some("R&D équipe <lab> &custom;")
    );
    let notes = &loaded.report.notes;
    assert!(
        notes
            .iter()
            .any(|n| n == r#"3 bare "&"s read as written (XML requires "&amp;")"#),
        "{notes:?}"
    );

    // GraphML, in text: the same.
    let text = r#"<graphml><key id="n" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="directed">
<node id="a"><data key="n">Marks & Spencer &amp; Co</data></node><node id="b"/>
<edge source="a" target="b"/></graph></graphml>"#;
    let loaded = graphml::read("amp.graphml", text).unwrap();
    assert_eq!(entity(&loaded.dataset, "a").name, "Marks & Spencer & Co");
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with(r#"1 bare "&" read as written"#)),
        "{:?}",
        loaded.report.notes
    );

    // A well-formed file has no such note.
    let clean = load_xgmml("xgmml/cytoscape3.xgmml");
    assert!(!clean.report.notes.iter().any(|n| n.contains("bare")));
}

#[test]
fn gexf_times_that_are_numbers_are_said_to_be_off_the_timeline() {
    let text = r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph mode="dynamic" defaultedgetype="directed" timeformat="double">
    <nodes><node id="a" start="1.0"/><node id="b"/></nodes>
    <edges><edge id="e" source="a" target="b" start="2.5" end="4.0"/></edges>
  </graph></gexf>"#;
    let loaded = gexf::read("t.gexf", text).unwrap();
    let r = relation(&loaded.dataset, "e");
    assert_eq!(r.when.years(), None);
    assert_eq!(r.attributes["start"], "2.5");
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("timeformat=\"double\""), "{notes}");
    // No spell was set aside: the dynamic note does not count zeros.
    assert!(!notes.contains("0 later"), "{notes}");
}

/// Each relation that is not a "part of" link, as (source id, target id), in order.
fn links(dataset: &Dataset) -> Vec<(String, String)> {
    let name = |idx: EntityIdx| dataset.entity(idx).expect("an endpoint").entity_id.clone();
    dataset
        .relations
        .iter()
        .filter(|r| r.label.as_deref() != Some("part of"))
        .map(|r| (name(r.source), name(r.target)))
        .collect()
}

#[test]
fn xgmml_cytoscape_hidden_attributes_and_meta_edges_are_left_out_and_noted() {
    let loaded = load_xgmml("xgmml/cytoscape2-collapsed-group.xgmml");
    let d = &loaded.dataset;
    // Hidden columns (a "__" name, or cy:hidden="true" whatever the name) are no attributes.
    for entity in &d.entities {
        assert!(
            entity
                .attributes
                .keys()
                .all(|name| !name.starts_with("__") && name != "private note"),
            "{}: {:?}",
            entity.entity_id,
            entity.attributes
        );
    }
    assert_eq!(entity(d, "-2").country.as_deref(), Some("US"));
    assert_eq!(entity(d, "-4").attributes["NumChildren"], "2");
    // The meta-edge Bank -> Consortium stands for Bank -> Acme, which the file gives: left
    // out. Consortium -> Ministry stands for no edge the file gives: kept, and said so.
    assert_eq!(links(d), pairs(&[("-3", "-2"), ("-4", "-5"), ("-5", "-3")]));
    for relation in &d.relations {
        assert!(
            relation
                .attributes
                .keys()
                .all(|name| !name.starts_with("__")),
            "{:?}",
            relation.attributes
        );
    }
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains(
            "9 values of Cytoscape's hidden attributes (its own bookkeeping) not kept: \
             __Annotations, __groupIsLocal, __groupState, __groupViewer, __isMetaEdge, \
             __metanodeHintX, __private, private note"
        ),
        "{notes}"
    );
    assert!(
        notes.contains(
            "2 meta-edges Cytoscape derives for collapsed groups (marked __isMetaEdge, or of an \
             interaction \"meta-...\" at a group node): 1 left out, as each stands for edges of \
             the group's members, which are read; 1 kept as a relation, as no other edge of the \
             file links its ends or their members"
        ),
        "{notes}"
    );
    assert!(!notes.contains("network attributes not kept"), "{notes}");
    // Of the 4 edges, each named as Cytoscape names them, the meta-edge left out is not
    // counted: 3 relations keep their names (beside the 2 "part of" links).
    let named = d
        .relations
        .iter()
        .filter(|r| r.attributes.contains_key("name"))
        .count();
    assert_eq!(named, 3);
    assert!(
        notes.contains("3 edge names of the form \"source (interaction) target\""),
        "{notes}"
    );
}

#[test]
fn graphml_from_cytoscape_leaves_its_hidden_columns_out() {
    let loaded = load_graphml("graphml/cytoscape.graphml");
    let d = &loaded.dataset;
    let acme = entity(d, "101");
    assert_eq!(acme.name, "Acme");
    assert_eq!(acme.country.as_deref(), Some("US"));
    assert!(
        !acme.attributes.contains_key("__groupState"),
        "{:?}",
        acme.attributes
    );
    assert!(
        d.relations[0]
            .attributes
            .keys()
            .all(|k| !k.starts_with("__")),
        "{:?}",
        d.relations[0].attributes
    );
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains(
            "3 values of Cytoscape's hidden attributes (its own bookkeeping) not kept: \
             __Annotations, __groupState, __isMetaEdge"
        ),
        "{notes}"
    );
    assert!(!notes.contains("graph-level data not kept"), "{notes}");

    // Without Cytoscape's columns, a "__" column is the file's own and is kept.
    let text = fixture_text("graphml/cytoscape.graphml").replace("\"SUID\"", "\"serial\"");
    let other = graphml::read("other.graphml", &text).unwrap();
    assert_eq!(
        entity(&other.dataset, "101").attributes["__groupState"],
        "2"
    );
}

#[test]
fn graphml_from_igraph_or_python_reads_their_missing_values_as_missing() {
    // igraph: "NA" is none; "None" is a value like any other.
    let igraph = load_graphml("graphml/igraph_na.graphml");
    let d = &igraph.dataset;
    // The graph's name NA is no title: the file's name is.
    assert_eq!(d.metadata.title, "graphml/igraph_na.graphml");
    assert_eq!(entity(d, "n0").name, "Acme");
    assert_eq!(entity(d, "n0").url, None);
    assert_eq!(entity(d, "n1").name, "n1");
    assert_eq!(entity(d, "n1").url.as_deref(), Some("None"));
    assert_eq!(d.relations[0].label, None);
    let note = "4 values \"NA\", as igraph (R's NA) writes a missing value, read as missing: not \
                shown, and not a name or a link";
    assert!(
        igraph.report.notes.iter().any(|n| n == note),
        "{:?}",
        igraph.report.notes
    );

    // networkx (Python's own XML declaration): "None" is none; "NA" is a value.
    let python = load_graphml("graphml/networkx_none.graphml");
    let d = &python.dataset;
    assert_eq!(entity(d, "acme").url, None);
    assert_eq!(entity(d, "bank").name, "bank");
    assert_eq!(entity(d, "bank").url.as_deref(), Some("NA"));
    assert_eq!(d.relations[0].label, None);
    let note = "4 values \"None\", as Python (None) writes a missing value, read as missing: \
                not shown, and not a name or a link";
    assert!(
        python.report.notes.iter().any(|n| n == note),
        "{:?}",
        python.report.notes
    );

    // The same file from a writer not known: "None" is kept as written.
    let text = fixture_text("graphml/networkx_none.graphml").replace(
        "<?xml version='1.0' encoding='utf-8'?>",
        "<?xml version=\"1.0\"?>",
    );
    let other = graphml::read("other.graphml", &text).unwrap();
    assert_eq!(entity(&other.dataset, "bank").name, "None");
    assert_eq!(other.dataset.metadata.title, "None");
}

#[test]
fn graphml_text_in_a_number_key_is_kept_with_one_warning_per_key() {
    let loaded = load_graphml("graphml/networkx_text_in_numbers.graphml");
    let d = &loaded.dataset;
    // Kept as the text each is, where a number would have gone.
    assert_eq!(entity(d, "acme").attributes["employees"], "about 40");
    assert_eq!(entity(d, "bank").attributes["revenue"], "undisclosed");
    let heavy = &d.relations[0];
    assert_eq!(heavy.weight, None);
    assert_eq!(heavy.attributes["weight"], "heavy");
    assert_eq!(d.relations[1].weight, Some(2.5), "a number is a weight");

    // One warning per key, at its first value that is text, counting them all: "nan" is a
    // number (networkx writes Python's so), and "None" is Python's missing value.
    let warnings = warnings_of(&loaded);
    let places: Vec<&str> = warnings.iter().map(|(place, _)| *place).collect();
    assert_eq!(
        places,
        [
            "graphml/graph/node[1]/data[3]",
            "graphml/graph/node[2]/data[2]",
            "graphml/graph/edge[1]/data[1]",
        ],
        "{warnings:#?}"
    );
    assert_eq!(
        warnings[0].1,
        "key=\"d2\" (\"employees\") is declared attr.type=\"int\", but its value here, \
         \"about 40\", is text, not a number; kept as the text it is"
    );
    assert!(
        warnings[1]
            .1
            .starts_with("key=\"d1\" (\"revenue\") is declared attr.type=\"double\""),
        "{}",
        warnings[1].1
    );
    assert_eq!(
        warnings[2].1,
        "key=\"d4\" (\"weight\") is declared attr.type=\"double\", but 3 of its values are \
         text, not numbers (the first, here: \"heavy\"); kept as the text they are"
    );

    // From a writer not known, "None" is text like any other: in a key of numbers, one more.
    let text = fixture_text("graphml/networkx_text_in_numbers.graphml").replace(
        "<?xml version='1.0' encoding='utf-8'?>",
        "<?xml version=\"1.0\"?>",
    );
    let other = graphml::read("other.graphml", &text).unwrap();
    let employees = warnings_of(&other)
        .into_iter()
        .find(|(_, message)| message.contains("\"employees\""))
        .expect("a warning for employees");
    assert_eq!(employees.0, "graphml/graph/node[1]/data[3]");
    assert!(
        employees.1.contains("2 of its values are text"),
        "{}",
        employees.1
    );
}

#[test]
fn written_graphml_declares_numbers_only_for_columns_of_numbers() {
    let mut dataset = formats::load_builtin().unwrap().dataset;
    dataset.relations[0]
        .attributes
        .insert("x".to_owned(), "north gate".to_owned());
    dataset.relations[1].weight = Some(2.5);
    let text = graphml::write(&dataset);
    assert!(
        text.contains(r#"for="edge" attr.name="weight" attr.type="double""#),
        "weights are numbers"
    );
    assert!(
        text.contains(r#"for="edge" attr.name="x" attr.type="string""#),
        "an edge's attribute x holding text is text"
    );
    let read = graphml::read("written.graphml", &text).unwrap();
    assert!(
        read.report.warnings.is_empty(),
        "{:#?}",
        read.report.warnings
    );
    assert_eq!(read.dataset.relations[0].attributes["x"], "north gate");
}

#[test]
fn gexf_from_networkx_reads_python_none_as_missing() {
    let loaded = load_gexf("gexf/networkx-none.gexf");
    let d = &loaded.dataset;
    assert_eq!(d.entities.len(), 2, "no group named None: {:?}", d.entities);
    let acme = entity(d, "acme");
    assert_eq!(acme.url, None, "a column's value");
    assert_eq!(acme.country.as_deref(), Some("US"));
    let bank = entity(d, "bank");
    assert_eq!(bank.name, "bank", "a label None: named by its id");
    assert_eq!(bank.country, None, "a column's default");
    assert_eq!(bank.url.as_deref(), Some("https://bank.example/"));
    assert!(
        !bank.attributes.contains_key("parent"),
        "{:?}",
        bank.attributes
    );
    let relation = &d.relations[0];
    assert_eq!((relation.label.as_deref(), relation.weight), (None, None));
    assert!(relation.evidence.is_empty(), "no source named None");
    assert!(!relation.attributes.contains_key("weight"));
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let note = "7 values \"None\", as Python (None) writes a missing value, read as missing: \
                not shown, and not a name or a link";
    assert!(
        loaded.report.notes.iter().any(|n| n == note),
        "{:?}",
        loaded.report.notes
    );

    // Written by another tool, "None" is a value like any other.
    let text = fixture_text("gexf/networkx-none.gexf").replace("NetworkX 3.4.2", "Gephi 0.10");
    let other = gexf::read("other.gexf", &text).unwrap();
    assert_eq!(entity(&other.dataset, "bank").name, "None");
    assert_eq!(entity(&other.dataset, "acme").url.as_deref(), Some("None"));
}
