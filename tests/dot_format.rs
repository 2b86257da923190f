//! Graphviz DOT files as the tools analysts use write them (networkx's `write_dot` through
//! pydot and pygraphviz, Graphviz's own gallery style with clusters, vis-network's DOT), and
//! the broken ones: each refused at its line and column, never a panic.

use std::fmt::Write as _;
use std::path::PathBuf;

use chainsight::formats::{self, LoadError, Loaded};
use chainsight::model::{EntityKind, RelationKind, RelationStatus};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn load(path: &str) -> Loaded {
    formats::load_path(&fixture(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The line, column and message of the syntax error loading `path` gives.
fn syntax_error(path: &str) -> (usize, usize, String) {
    match formats::load_path(&fixture(path)) {
        Err(LoadError::Syntax {
            position, message, ..
        }) => (position.line, position.column, message),
        Err(other) => panic!("{path}: not a syntax error: {other}"),
        Ok(loaded) => panic!("{path}: loaded: {}", loaded.report.summary()),
    }
}

fn entity<'a>(loaded: &'a Loaded, id: &str) -> &'a chainsight::model::Entity {
    loaded
        .dataset
        .entities
        .iter()
        .find(|e| e.entity_id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// Each relation as `source -> target` by entity id (`--` without a direction), with its
/// label where it has one.
fn links(loaded: &Loaded) -> Vec<String> {
    let d = &loaded.dataset;
    let id = |e| d.entity(e).map_or("?", |e| e.entity_id.as_str());
    d.relations
        .iter()
        .map(|r| {
            let op = if r.directed { "->" } else { "--" };
            let label = r
                .label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            format!("{} {op} {}{label}", id(r.source), id(r.target))
        })
        .collect()
}

#[test]
fn networkx_write_dot_through_pydot_opens_with_its_data() {
    let loaded = load("formats/dot/networkx_pydot.dot");
    assert_eq!(loaded.report.format, "Graphviz DOT (strict, directed)");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Safe City suppliers");
    let ibm = entity(&loaded, "IBM");
    assert_eq!(ibm.name, "IBM Corp.");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(entity(&loaded, "Huawei").name, "Huawei", "no label: its id");
    assert_eq!(
        entity(&loaded, "Kenya Ministry").kind,
        EntityKind::GovernmentBody
    );
    assert_eq!(
        entity(&loaded, "Safe City").description.as_deref(),
        Some("Nairobi Safe City programme")
    );
    let kinds: Vec<RelationKind> = d.relations.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            RelationKind::Supplied,
            RelationKind::Supplied,
            RelationKind::Funded,
            RelationKind::Operates
        ]
    );
    assert_eq!(d.relations[0].weight, Some(2.0));
    assert_eq!(d.relations[0].when.date.as_deref(), Some("2012"));
    assert_eq!(d.relations[2].weight, Some(1.5), "a quoted number");
    assert_eq!(d.relations[2].when.date.as_deref(), Some("2014-09-01"));
    assert_eq!(d.relations[3].status, RelationStatus::Alleged);
    let evidence = &d.relations[1].evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].quote, "Huawei built the network.");
    let source = d.source(evidence[0].source.unwrap()).unwrap();
    assert_eq!(source.url.as_deref(), Some("https://example.org/safe-city"));
    assert!(
        d.relations
            .iter()
            .all(|r| r.directed && r.attributes.is_empty())
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
}

#[test]
fn networkx_write_dot_through_pygraphviz_keeps_its_drawing_the_right_way_up() {
    let loaded = load("formats/dot/networkx_agraph.gv");
    assert_eq!(loaded.report.format, "Graphviz DOT (strict, undirected)");
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    // `node [label="\N"]`: each node named by its id unless it has a label of its own.
    assert_eq!(names, ["IBM Corp.", "Huawei", "Safe City"]);
    assert!(d.relations.iter().all(|r| !r.directed));
    assert_eq!(d.relations[1].kind, RelationKind::PartneredWith);
    assert_eq!(d.relations[1].label.as_deref(), Some("partner"));
    // Graphviz's y points up: IBM (y 90) is drawn above Huawei (y 18), so on screen, where y
    // points down, IBM's y is the smaller.
    let position = |index: usize| {
        d.positions
            .iter()
            .find(|(idx, _)| idx.0 == index)
            .map(|(_, p)| (p.x, p.y))
            .unwrap()
    };
    assert_eq!(position(0), (27.0, -90.0));
    assert_eq!(position(1), (99.0, -18.0), "\"x,y!\" is a position too");
    assert!(position(0).1 < position(1).1);
    assert!(
        loaded.report.notes.contains(
            &"positions: y points up in Graphviz, down on screen; turned for 3 nodes".to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
    assert!(
        loaded
            .report
            .notes
            .contains(&"graph attributes not read: bb".to_owned())
    );
}

#[test]
fn a_gallery_style_graph_with_clusters_opens_as_drawn() {
    let loaded = load("formats/dot/clusters.gv");
    let d = &loaded.dataset;
    assert_eq!(loaded.report.format, "Graphviz DOT (directed)");
    assert_eq!(d.metadata.title, "Safe City supply chain", "\"a\" + \"b\"");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Drawn by hand for Chainsight's tests")
    );
    let ibm = entity(&loaded, "ibm");
    assert_eq!(ibm.name, "IBM \"Smarter Cities\"");
    // The cluster's `node [style=filled, fillcolor=white]`: filled white, outlined black.
    assert_eq!(ibm.attributes["color"], "white");
    assert_eq!(ibm.attributes["outline color"], "black");
    assert_eq!(entity(&loaded, "huawei").name, "huawei Technologies", "\\N");
    let ministry = entity(&loaded, "ministry");
    assert_eq!(ministry.name, "Ministry of Interior", "\\n joins lines");
    assert_eq!(ministry.kind, EntityKind::GovernmentBody);
    assert_eq!(
        ministry.url.as_deref(),
        Some("https://example.org/ministry")
    );
    assert!(
        !ministry.attributes.contains_key("color"),
        "outside the vendors"
    );
    let police = entity(&loaded, "police");
    assert_eq!(police.name, "National Police Service");
    assert_eq!(
        police.attributes["label markup"],
        "National <i>Police</i><br/>Service"
    );
    assert_eq!(police.description.as_deref(), Some("Operates the cameras"));
    assert_eq!(entity(&loaded, "servers").attributes["shape"], "box3d");

    // Clusters are entities, named by their labels, members part of the innermost.
    let cloud = entity(&loaded, "cluster_cloud");
    assert_eq!(cloud.name, "Huawei Cloud");
    assert_eq!(
        cloud.attributes["color"], "#ccd1ff",
        "HSV 0.650 0.200 1.000"
    );
    assert_eq!(
        entity(&loaded, "cluster_vendors").attributes["color"],
        "lightgrey"
    );
    assert_eq!(entity(&loaded, "cluster_buyers").name, "Buyers");
    let links = links(&loaded);
    for membership in [
        "ibm -> cluster_vendors (part of)",
        "huawei -> cluster_vendors (part of)",
        "storage -> cluster_cloud (part of)",
        "servers -> cluster_cloud (part of)",
        "cluster_cloud -> cluster_vendors (part of)",
        "ministry -> cluster_buyers (part of)",
        "police -> cluster_buyers (part of)",
    ] {
        assert!(
            links.contains(&membership.to_owned()),
            "{membership}: {links:?}"
        );
    }
    assert!(!links.contains(&"storage -> cluster_vendors (part of)".to_owned()));
    assert_eq!(links.len(), 7 + 7);
}

/// The same graph's edges: a subgraph as an end, ports, and directions as drawn; and what the
/// load report says of it.
#[test]
fn a_gallery_style_graphs_edges_go_as_drawn() {
    let loaded = load("formats/dot/clusters.gv");
    let d = &loaded.dataset;
    let links = links(&loaded);
    assert_eq!(
        links[..7],
        [
            "ibm -- huawei",
            "huawei -> storage",
            "huawei -> servers",
            "huawei -> ministry",
            "ministry -> police (reports to)",
            "storage -> ministry",
            "ministry -- police",
        ]
    );
    let relations = &d.relations;
    assert_eq!(relations[0].kind, RelationKind::PartneredWith);
    assert_eq!(relations[0].attributes["dir"], "both");
    assert_eq!(relations[1].kind, RelationKind::Supplied);
    assert_eq!(relations[1].when.date.as_deref(), Some("2014"));
    assert_eq!(relations[3].attributes["tailport"], "out:e");
    assert_eq!(relations[3].attributes["headport"], "in");
    assert_eq!(relations[3].weight, Some(3.0));
    let source = d.source(relations[3].evidence[0].source.unwrap()).unwrap();
    assert_eq!(source.url.as_deref(), Some("https://example.org/contract"));

    let notes = &loaded.report.notes;
    for expected in [
        "graph attributes not read: fontname, rankdir",
        "3 clusters (subgraph cluster_…), which Graphviz draws as boxes, made entities named \
         by their labels, their members linked to them",
        "1 HSV colour (hue, saturation, value) written as #rrggbb",
        "1 link's arrow shape (odot) is not drawn: Chainsight draws a plain arrow for a \
         direction",
        "3 groups: 7 memberships drawn as “part of” links",
    ] {
        assert!(
            notes.contains(&expected.to_owned()),
            "{expected}: {notes:?}"
        );
    }
    assert!(
        notes.iter().any(|n| n.starts_with(
            "directions as Graphviz draws them: 1 edge drawn with an arrow at its source only"
        )),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("attributes kept as they are")
                && n.contains("fontname (6 nodes, 7 edges)")
                && n.contains("shape (6 nodes)")),
        "{notes:?}"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn vis_network_dot_opens_with_its_defaults_and_tooltips() {
    let loaded = load("formats/dot/vis_network.dot");
    let d = &loaded.dataset;
    let mine = entity(&loaded, "Mine");
    assert_eq!(mine.name, "Mine", "vis's title is a tooltip, not a name");
    assert_eq!(mine.description.as_deref(), Some("Open-pit mine"));
    assert_eq!(
        mine.attributes["color"], "red",
        "its own colour over the default"
    );
    assert_eq!(entity(&loaded, "Retail").attributes["color"], "#97C2FC");
    assert_eq!(
        links(&loaded),
        [
            "Mine -> Smelter (ore)",
            "Smelter -> Refinery (0.7)",
            "Refinery -> Foundry",
            "Refinery -> Plating",
            "Foundry -> Assembly (parts)",
            "Assembly -> Retail (parts)",
            "Assembly -> Assembly (rework)",
        ]
    );
    assert!(
        d.relations
            .iter()
            .all(|r| r.attributes.get("length").map(String::as_str) == Some("140"))
    );
}

#[test]
fn broken_files_are_refused_at_their_place() {
    let (line, column, message) = syntax_error("invalid/dot_arrow_in_graph.dot");
    assert_eq!((line, column), (3, 9));
    assert!(
        message.starts_with("\"->\" in an undirected graph: its edges are written \"--\""),
        "{message}"
    );

    let (line, column, message) = syntax_error("invalid/dot_unclosed_brace.gv");
    assert_eq!((line, column), (8, 1), "where the file ends");
    assert_eq!(
        message,
        "the file ends inside the graph, opened with \"{\" at line 1, column 19; a \"}\" may \
         be missing (the last \"}\", at line 7, column 1, closed the cluster \
         \"cluster_cloud\", opened at line 3, column 25)"
    );

    let (line, column, message) = syntax_error("invalid/dot_unterminated_string.dot");
    assert_eq!((line, column), (2, 13), "where the string opens");
    assert!(message.contains("never closed"), "{message}");
}

#[test]
fn gml_and_other_text_formats_are_not_taken_for_dot() {
    let gml = load("formats/gml/networkx.gml");
    assert!(
        gml.report.format.starts_with("GML"),
        "{}",
        gml.report.format
    );
    let pajek = load("formats/pajek/suppliers.net");
    assert!(
        pajek.report.format.starts_with("Pajek"),
        "{}",
        pajek.report.format
    );
    let csv = formats::load_bytes("graph.csv", b"source,target\ngraph,digraph\n").unwrap();
    assert_eq!(csv.dataset.relations.len(), 1);
    assert!(!csv.report.format.contains("DOT"), "{}", csv.report.format);
    let gml_text = formats::load_bytes("x.txt", b"graph [ node [ id 1 ] ]").unwrap();
    assert!(gml_text.report.format.starts_with("GML"));
}

#[test]
fn dot_is_recognised_by_its_content_and_a_dot_file_by_its_name() {
    let loaded = formats::load_bytes("notes.txt", b"// made by hand\ngraph { a -- b }").unwrap();
    assert_eq!(loaded.report.format, "Graphviz DOT (undirected)");
    // A .gv file that does not start as DOT should is told what is wrong as DOT.
    let Err(LoadError::Syntax {
        position, message, ..
    }) = formats::load_bytes("broken.gv", b"\ndigrph { a -> b }")
    else {
        panic!("a misspelt header was read");
    };
    assert_eq!((position.line, position.column), (2, 1));
    assert!(
        message.starts_with("expected \"graph\" or \"digraph\""),
        "{message}"
    );
}

#[test]
fn a_large_file_of_chains_opens() {
    let mut text = String::from("digraph big {\n node [type=company]\n");
    for i in 0..20_000 {
        let _ = writeln!(text, "n{i} -> n{} [weight={}]", i + 1, i % 7);
    }
    text.push('}');
    let loaded = formats::load_bytes("big.gv", text.as_bytes()).unwrap();
    assert_eq!(loaded.dataset.entities.len(), 20_001);
    assert_eq!(loaded.dataset.relations.len(), 20_000);
    assert!(
        loaded
            .dataset
            .entities
            .iter()
            .all(|e| e.kind == EntityKind::Company)
    );
}

/// The DOT fixtures cut short at every few bytes, and with a token put in at every few: each
/// loads or is refused with its place, never a panic.
#[test]
fn damaged_dot_files_load_or_fail_cleanly() {
    const TOKENS: [&str; 12] = [
        "{",
        "}",
        "\"",
        "<",
        ">",
        "->",
        "--",
        "[",
        "]",
        "#",
        "/*",
        "subgraph {",
    ];
    let files = [
        "formats/dot/networkx_pydot.dot",
        "formats/dot/networkx_agraph.gv",
        "formats/dot/clusters.gv",
        "formats/dot/vis_network.dot",
    ];
    let mut refused = 0;
    let mut tried = 0;
    let mut check = |name: &str, bytes: &[u8]| {
        tried += 1;
        match formats::load_bytes(name, bytes) {
            Ok(_) | Err(LoadError::Empty { .. } | LoadError::NotUtf8 { .. }) => {}
            Err(LoadError::Syntax { position, .. }) => {
                refused += 1;
                assert!(position.line >= 1 && position.column >= 1);
            }
            Err(other) => panic!("{name}: {other}"),
        }
    };
    for file in files {
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        let name = fixture(file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for cut in (1..text.len()).step_by(7) {
            if text.is_char_boundary(cut) {
                check(&name, &text.as_bytes()[..cut]);
            }
        }
        for (n, at) in (0..text.len()).step_by(13).enumerate() {
            if text.is_char_boundary(at) {
                let token = TOKENS[n % TOKENS.len()];
                let damaged = format!("{}{token}{}", &text[..at], &text[at..]);
                check(&name, damaged.as_bytes());
            }
        }
    }
    assert!(tried > 500, "{tried}");
    assert!(refused > tried / 4, "{refused} of {tried} refused");
}
