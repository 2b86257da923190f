//! Graph files made by other tools, in JSON: each is recognised from its content, mapped to
//! entities and relations, and its report says what was used and what was not.

use std::path::PathBuf;

use chainsight::formats::{self, LoadError, LoadOptions, LoadProgress, Loaded};
use chainsight::model::{Dataset, EntityKind, RelationKind};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{entity, relation, warnings_of};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/json")
        .join(name)
}

fn load(name: &str) -> Loaded {
    formats::load_path(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn ends(dataset: &Dataset, relation: usize) -> (String, String) {
    let r = &dataset.relations[relation];
    (
        dataset.entity(r.source).unwrap().entity_id.clone(),
        dataset.entity(r.target).unwrap().entity_id.clone(),
    )
}

#[test]
fn d3_with_string_ids() {
    let loaded = load("d3_miserables.json");
    assert!(
        loaded.report.format.starts_with("d3 node-link"),
        "{}",
        loaded.report.format
    );
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (3, 2));
    assert_eq!(ends(d, 1), ("Mlle.Baptistine".into(), "Myriel".into()));
    assert_eq!(d.relations[1].weight, Some(8.0));
    assert_eq!(entity(d, "Myriel").attributes["kind"], "1", "d3 group kept");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn d3_v3_links_by_index() {
    let loaded = load("d3_v3_indices.json");
    let d = &loaded.dataset;
    assert_eq!(d.entities[1].name, "Huawei");
    let (source, target) = (d.relations[0].source, d.relations[0].target);
    assert_eq!(d.entity(source).unwrap().name, "IBM");
    assert_eq!(d.entity(target).unwrap().name, "Huawei");
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("position in the list"))
    );
    assert!(loaded.report.warnings.is_empty());
}

#[test]
fn d3_after_a_simulation_has_object_endpoints() {
    let loaded = load("d3_after_simulation.json");
    let d = &loaded.dataset;
    assert_eq!(ends(d, 0), ("IBM".into(), "Huawei".into()));
    assert_eq!(d.positions.len(), 2, "x/y kept as positions");
    assert!(
        !d.entities[0].attributes.contains_key("vx"),
        "simulation state dropped"
    );
}

/// As networkx 3.6 writes a `MultiGraph` (undirected) whose first of three parallel links was
/// removed (keys 1 and 2 left) and one link was added with a name for its key: the keys
/// networkx would give again are not kept, the others are, and a saved copy reads back the
/// same.
#[test]
fn networkx_multigraph_keys_given_by_someone_are_kept() {
    let loaded = load("networkx_multigraph_keys.json");
    let keys: Vec<Option<&str>> = loaded
        .dataset
        .relations
        .iter()
        .map(|r| r.attributes.get("key").map(String::as_str))
        .collect();
    assert_eq!(keys, [Some("1"), None, Some("consulting"), None, None]);
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("3 multigraph keys not kept")),
        "{:?}",
        loaded.report.notes
    );
    let saved = formats::ExportFormat::Networkx.write(&loaded.dataset);
    let back = formats::load_bytes("saved.json", saved.as_bytes()).unwrap();
    assert_eq!(back.dataset.relations, loaded.dataset.relations);
}

#[test]
fn networkx_multigraph_keeps_parallel_edges_and_reports_missing_nodes() {
    let loaded = load("networkx_multigraph.json");
    let report = &loaded.report;
    assert!(
        report.format.contains("networkx") && report.format.contains("multigraph"),
        "{}",
        report.format
    );
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Safe City suppliers");
    assert_eq!(d.relations.len(), 4);
    assert_eq!(d.relations[0].kind, RelationKind::ConsultedFor);
    assert_eq!(d.relations[1].kind, RelationKind::Supplied);
    // networkx's own numbering of parallel links (0, 1) says nothing and is not shown.
    assert!(
        d.relations
            .iter()
            .all(|r| !r.attributes.contains_key("key")),
        "{:?}",
        d.relations
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("4 multigraph keys not kept")),
        "{:?}",
        report.notes
    );
    assert_eq!(d.relations[0].when.date.as_deref(), Some("2016"));
    assert_eq!(entity(d, "7").name, "Karamay");
    assert_eq!(entity(d, "7").kind, EntityKind::City);
    // A URL on an edge is evidence, cited without a quote; its description is the author's
    // words, kept as such.
    let evidence = &d.relations[2].evidence[0];
    assert_eq!(evidence.quote, "");
    assert_eq!(
        d.relations[2].attributes["description"],
        "Huawei installed a unified safe city platform"
    );
    assert_eq!(
        d.source(evidence.source.unwrap()).unwrap().url.as_deref(),
        Some("https://example.org/brochure")
    );
    // The unknown endpoint is kept as a placeholder and reported by id.
    assert_eq!(entity(d, "Ghost Corp").attributes["placeholder"], "true");
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(report.warnings[0].json_path, "links[3].target");
    assert!(report.warnings[0].message.contains("\"Ghost Corp\""));
    assert!(
        report.notes.iter().any(|n| n.contains("source")),
        "graph attribute noted: {:?}",
        report.notes
    );
}

#[test]
fn networkx_edges_key_and_undirected_flag() {
    let loaded = load("networkx_edges_undirected.json");
    assert!(loaded.report.format.contains("\"edges\""));
    assert!(loaded.dataset.relations.iter().all(|r| !r.directed));
    assert_eq!(loaded.dataset.relations[1].weight, Some(2.5));
}

#[test]
fn vis_network_from_to_and_arrows() {
    let loaded = load("vis_network.json");
    assert!(loaded.report.format.starts_with("vis-network"));
    let d = &loaded.dataset;
    assert_eq!(ends(d, 0), ("1".into(), "2".into()));
    assert!(d.relations[0].directed, "arrows: to");
    assert!(!d.relations[1].directed, "no arrows");
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    // A bare title is a tooltip: kept, but no quote from nowhere.
    assert!(d.relations[0].evidence.is_empty());
    assert_eq!(
        d.relations[0].attributes["title"],
        "signed an agreement in 2000"
    );
    assert_eq!(
        entity(d, "1").description.as_deref(),
        Some("US technology company")
    );
}

/// vis-network draws an edge's direction with its `arrows`: at `to`, at `from` (pointing
/// back), in the middle, at both ends, in text or as an object, in shapes Chainsight does not
/// draw.
#[test]
fn vis_network_edges_go_the_way_their_arrows_point() {
    let loaded = load("vis_network_arrows.json");
    let d = &loaded.dataset;
    let drawn = |index: usize| {
        let (source, target) = ends(d, index);
        (source, target, d.relations[index].directed)
    };
    let way = |source: &str, target: &str, directed| (source.into(), target.into(), directed);
    assert_eq!(drawn(0), way("1", "2", true), "\"to\"");
    assert_eq!(drawn(1), way("2", "3", true), "\"from\": turned round");
    assert_eq!(drawn(2), way("2", "4", false), "\"to, from\": both ways");
    assert_eq!(d.relations[2].attributes["arrows"], "to, from");
    assert_eq!(drawn(3), way("4", "1", true), "\"middle\" points to `to`");
    assert_eq!(drawn(4), way("5", "1", true), "an object, `from` disabled");
    assert_eq!(drawn(5), way("5", "3", true), "{{\"to\": true}}");
    assert_eq!(drawn(6), way("2", "5", true), "a diamond at `to`");
    assert_eq!(
        drawn(7),
        way("4", "3", true),
        "a middle arrow scaled below 0"
    );
    assert_eq!(
        drawn(8),
        way("5", "1", true),
        "a crow's foot at `from` only"
    );
    assert_eq!(drawn(9), way("4", "5", false), "no arrows");
    assert_eq!(
        loaded.report.notes[1..],
        [
            "directions as vis-network draws them: 3 edges drawn with an arrow at its source \
             only, read from its target to its source; 1 edge drawn with arrows at both ends, \
             read without a direction",
            "2 links' arrow shapes (crow, diamond) are not drawn: Chainsight draws a plain \
             arrow for a direction"
        ]
    );
}

/// A vis-network or d3 edge whose label names a kind ("customer", "invests in") is of that
/// kind, and still reads as the file wrote it.
#[test]
fn a_json_edge_label_naming_a_kind_is_read_as_written() {
    let loaded = load("vis_network_arrows.json");
    let d = &loaded.dataset;
    let read: Vec<(RelationKind, &str)> = d.relations[..5]
        .iter()
        .map(|r| (r.kind, r.phrase()))
        .collect();
    assert_eq!(
        read,
        [
            (RelationKind::Supplied, "supplied"),
            (RelationKind::CustomerOf, "customer"),
            (RelationKind::PartneredWith, "partner"),
            (RelationKind::InvestedIn, "invests in"),
            (RelationKind::Other, "related to"),
        ]
    );
    let text = br#"{"nodes": [{"id": "a"}, {"id": "b"}],
        "links": [{"source": "a", "target": "b", "label": "Funds"}]}"#;
    let d3 = formats::load_bytes("d3.json", text).expect("loads");
    let funds = &d3.dataset.relations[0];
    assert_eq!(
        (funds.kind, funds.phrase()),
        (RelationKind::Funded, "Funds")
    );
}

#[test]
fn gephi_json_attributes_and_type() {
    let loaded = load("gephi_json.json");
    let d = &loaded.dataset;
    assert_eq!(entity(d, "n1").kind, EntityKind::Company);
    assert_eq!(entity(d, "n1").attributes["founded"], "1911");
    assert_eq!(entity(d, "n1").attributes["color"], "rgb(1,2,3)");
    assert!(d.relations[0].directed);
    assert_eq!(d.relations[0].relation_id, "e1");
    assert_eq!(d.relations[0].attributes["fees"], "100M");
    assert_eq!(d.positions.len(), 2);
}

/// Gephi's JSON exporter writes every attribute as text, the weight too (vis-network's
/// WorldCup2014 sample): a `Weight` of `"2.5"` is the weight, not an attribute; text that is
/// no number stays an attribute.
#[test]
fn gephi_json_weight_written_as_text_is_the_weight() {
    let loaded = load("gephi_json_weights.json");
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (3, 2));
    assert_eq!(entity(d, "317").country.as_deref(), Some("Mexico"));
    let weights: Vec<Option<f64>> = d.relations.iter().map(|r| r.weight).collect();
    assert_eq!(weights, [Some(1.0), Some(2.5)]);
    assert!(
        d.relations
            .iter()
            .all(|r| !r.attributes.contains_key("Weight")),
        "{:?}",
        d.relations[0].attributes
    );
    let text = br#"{"nodes": [{"id": "a"}, {"id": "b"}],
        "links": [{"source": "a", "target": "b", "weight": "heavy"}]}"#;
    let heavy = formats::load_bytes("heavy.json", text).unwrap();
    assert_eq!(heavy.dataset.relations[0].weight, None);
    assert_eq!(heavy.dataset.relations[0].attributes["weight"], "heavy");
}

/// The cytoscape.js compound-nodes demo (cola layout): `data.parent` names the compound node
/// holding a node, drawn as a "part of" link from member to group.
#[test]
fn cytoscape_compound_nodes_are_drawn_as_part_of_their_parent() {
    let loaded = load("cytoscape_compound.json");
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (9, 12));
    let links: Vec<(String, String)> = (7..12).map(|i| ends(d, i)).collect();
    let expected = [
        ("b", "compound-1"),
        ("c", "compound-1"),
        ("a", "compound-2"),
        ("d", "compound-3"),
        ("e", "compound-3"),
    ];
    assert_eq!(
        links,
        expected.map(|(member, group)| (member.to_owned(), group.to_owned()))
    );
    for relation in &d.relations[7..] {
        assert_eq!(relation.kind, RelationKind::Other);
        assert_eq!(relation.label.as_deref(), Some("part of"));
        assert!(relation.directed && relation.evidence.is_empty());
    }
    assert_eq!(d.relations[7].relation_id, "b part of compound-1");
    assert!(
        d.entities
            .iter()
            .all(|e| !e.attributes.contains_key("parent"))
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(
        loaded.report.notes,
        ["3 groups: 5 memberships drawn as “part of” links"]
    );
}

/// A `parent` naming no node is kept as the attribute, with a warning; one that is no id
/// (an object) is an attribute like any other field.
#[test]
fn cytoscape_parent_naming_no_node_stays_an_attribute() {
    let text = r#"{"elements": {"nodes": [
        {"data": {"id": "a", "parent": "ghost"}},
        {"data": {"id": "b", "parent": {"id": "a"}}}
    ], "edges": []}}"#;
    let loaded = formats::load_bytes("compound.json", text.as_bytes()).unwrap();
    let d = &loaded.dataset;
    assert!(d.relations.is_empty());
    assert_eq!(entity(d, "a").attributes["parent"], "ghost");
    assert_eq!(entity(d, "b").attributes["parent"], r#"{"id":"a"}"#);
    assert_eq!(
        warnings_of(&loaded),
        [(
            "elements.nodes[0]",
            "the group \"ghost\" holding this node names no node; kept as the attribute \"parent\""
        )]
    );
}

/// As Cytoscape.js's `cy.json()` saves a graph: its stylesheet draws every edge with a
/// triangle (a plain arrow), an ownership with a diamond at its source and a sanction with a
/// tee; the note counts the two links whose arrowheads Chainsight does not draw. An element's
/// own `style` outranks the stylesheet, as in Cytoscape.js.
#[test]
fn cytoscape_js_arrow_shapes_from_the_style_are_noted_once() {
    let loaded = load("cytoscape_cy_json.json");
    assert_eq!(loaded.dataset.relations.len(), 3);
    let shapes = |loaded: &formats::Loaded| -> Vec<String> {
        loaded
            .report
            .notes
            .iter()
            .filter(|note| note.contains("arrow shape"))
            .cloned()
            .collect()
    };
    assert_eq!(
        shapes(&loaded),
        [
            "2 links' arrow shapes (diamond, tee) are not drawn: Chainsight draws a plain arrow \
          for a direction"
        ]
    );
    let own_style = r#"[
        {"data": {"id": "a"}}, {"data": {"id": "b"}},
        {"data": {"id": "ab", "source": "a", "target": "b"}, "style": {"target-arrow-shape": "circle"}},
        {"data": {"id": "ba", "source": "b", "target": "a"}, "style": {"target-arrow-shape": "triangle"}}
    ]"#;
    let flat = formats::load_bytes("flat.json", own_style.as_bytes()).unwrap();
    assert_eq!(
        shapes(&flat),
        [
            "1 link's arrow shape (circle) is not drawn: Chainsight draws a plain arrow for a \
          direction"
        ]
    );
}

#[test]
fn cytoscape_grouped_flat_and_desktop() {
    let grouped = load("cytoscape_grouped.json");
    assert_eq!(grouped.report.format, "Cytoscape.js elements JSON");
    assert_eq!(grouped.dataset.relations[0].kind, RelationKind::Supplied);
    // A compound node's member is drawn "part of" it, after the file's edges.
    assert!(
        !entity(&grouped.dataset, "b")
            .attributes
            .contains_key("parent")
    );
    let part_of = &grouped.dataset.relations[1];
    assert_eq!(ends(&grouped.dataset, 1), ("b".into(), "p".into()));
    assert_eq!(
        (
            part_of.relation_id.as_str(),
            part_of.kind,
            part_of.label.as_deref(),
            part_of.directed
        ),
        ("b part of p", RelationKind::Other, Some("part of"), true)
    );
    assert_eq!(
        grouped.report.notes,
        ["1 group: 1 membership drawn as a “part of” link"]
    );

    let flat = load("cytoscape_flat.json");
    assert_eq!(
        (flat.dataset.entities.len(), flat.dataset.relations.len()),
        (2, 2),
        "an edge, and n1 part of p1"
    );
    assert_eq!(flat.dataset.positions.len(), 1);
    assert!(
        flat.report.warnings.is_empty(),
        "{:?}",
        flat.report.warnings
    );

    let desktop = load("cytoscape_desktop.cyjs");
    assert!(desktop.report.format.contains("cytoscape-3.10.1"));
    assert_eq!(desktop.dataset.metadata.title, "Network");
    assert_eq!(entity(&desktop.dataset, "63").name, "Node 1");
    assert!(
        !entity(&desktop.dataset, "63")
            .attributes
            .contains_key("SUID")
    );
    assert_eq!(
        desktop.dataset.relations[0].label.as_deref(),
        Some("interacts with")
    );
}

#[test]
fn jgf_v1_and_v2() {
    let v1 = load("jgf_v1.json");
    assert_eq!(v1.report.format, "JSON Graph Format v1");
    assert_eq!(entity(&v1.dataset, "A").name, "IBM");
    assert_eq!(entity(&v1.dataset, "A").kind, EntityKind::Company);
    assert_eq!(v1.dataset.relations[0].when.date.as_deref(), Some("2012"));

    let v2 = load("jgf_v2.json");
    assert_eq!(v2.report.format, "JSON Graph Format v2");
    // The hyperedge among the edges becomes one undirected relation.
    assert_eq!(v2.dataset.relations.len(), 2);
    assert!(!v2.dataset.relations[1].directed);
    assert!(
        v2.report
            .notes
            .iter()
            .any(|n| n.contains("1 hyperedge expanded"))
    );
}

#[test]
fn jgf_hyperedges_are_expanded_pairwise_with_a_note() {
    let loaded = load("jgf_hyperedges.json");
    let d = &loaded.dataset;
    let pairs: Vec<(String, String, bool)> = (0..d.relations.len())
        .map(|i| {
            let (a, b) = ends(d, i);
            (a, b, d.relations[i].directed)
        })
        .collect();
    let pair = |a: &str, b: &str, directed: bool| (a.to_owned(), b.to_owned(), directed);
    assert_eq!(
        pairs,
        [
            pair("A", "B", true),
            // Undirected: every two of its nodes.
            pair("A", "B", false),
            pair("A", "C", false),
            pair("B", "C", false),
            // Directed: every source to every target.
            pair("A", "C", true),
            pair("A", "D", true),
            pair("B", "C", true),
            pair("B", "D", true),
        ]
    );
    assert_eq!(d.relations[1].relation_id, "consortium");
    assert_eq!(d.relations[2].relation_id, "consortium#2");
    assert_eq!(d.relations[4].label.as_deref(), Some("co-funded"));
    // A hyperedge without an id: its relations still say which hyperedge made them.
    let ids: Vec<&str> = d.relations[4..]
        .iter()
        .map(|r| r.relation_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "hyperedge 2",
            "hyperedge 2#2",
            "hyperedge 2#3",
            "hyperedge 2#4"
        ]
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("2 hyperedges expanded into 7 pairwise relations")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn jgf_with_several_graphs_opens_one_and_offers_the_others() {
    let first = load("jgf_graphs.json");
    assert_eq!(first.dataset.metadata.title, "first");
    assert_eq!(first.report.other_graphs.len(), 1);
    assert_eq!(first.report.other_graphs[0].0, 1);
    assert!(first.report.other_graphs[0].1.contains("second (3 nodes)"));
    let second = formats::load_path_with(
        &fixture("jgf_graphs.json"),
        &LoadOptions {
            graph_index: Some(1),
        },
        &LoadProgress::default(),
    )
    .unwrap();
    assert_eq!(second.dataset.metadata.title, "second");
    assert_eq!(second.dataset.entities.len(), 3);
    assert_eq!(second.report.other_graphs[0].0, 0);
}

#[test]
fn graphology_and_gephi_lite() {
    let g = load("graphology.json");
    assert!(g.report.format.starts_with("graphology"));
    assert_eq!(g.dataset.metadata.title, "My Graph");
    assert_eq!(g.dataset.relations[0].relation_id, "T->E");
    assert_eq!(g.dataset.relations[0].label.as_deref(), Some("KNOWS"));

    let lite = load("gephi_lite.json");
    assert!(lite.report.format.starts_with("Gephi Lite"));
    assert_eq!(lite.dataset.metadata.title, "Lite");
    assert!(!lite.dataset.relations[0].directed);
}

/// An app's save file with graphology's `graph.export()` under "graph", beside its own
/// settings (as Rail Map Painter saves): read as graphology, not as a JSON Graph Format graph
/// lacking node ids.
#[test]
fn graphology_saved_under_graph_opens() {
    let loaded = load("graphology_under_graph.json");
    assert_eq!(loaded.report.format, "graphology JSON (directed)");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Camera suppliers");
    assert_eq!(ends(d, 0), ("hik".into(), "city".into()));
    assert_eq!(entity(d, "hik").name, "Hikvision");
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert_eq!(d.positions.len(), 2);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(
        loaded.report.notes,
        [
            "positions: the file places 2 entities; they stay there until let move (the entity's panel says so)",
            "the graph was read from \"graph\"; the file's other top-level keys are not: version, viewBoxMin, viewBoxZoom"
        ]
    );
}

#[test]
fn kumu_connections_by_id_or_label() {
    let loaded = load("kumu.json");
    let d = &loaded.dataset;
    assert_eq!(ends(d, 0), ("e1".into(), "Huawei".into()));
    assert!(d.relations[0].directed);
    assert!(!d.relations[1].directed, "mutual");
    assert_eq!(d.relations[1].kind, RelationKind::PartneredWith);
    assert_eq!(entity(d, "e1").attributes["tags"], "vendor | us");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn oligrapher_map() {
    let loaded = load("oligrapher.json");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "test map");
    assert_eq!(ends(d, 0), ("9".into(), "2".into()));
    assert_eq!(
        d.relations[0].label.as_deref(),
        Some("Institutional investor")
    );
    let source = d
        .source(d.relations[0].evidence[0].source.unwrap())
        .unwrap();
    assert_eq!(
        source.url.as_deref(),
        Some("https://littlesis.org/relationships/332141")
    );
    assert_eq!(
        entity(d, "2").url.as_deref(),
        Some("https://littlesis.org/org/2-ExxonMobil")
    );
    let warned: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(warned, ["graph.captions"]);
    // The story-mode annotation is a story step: its header, text and highlights.
    assert_eq!(d.stories.len(), 1);
    let step = &d.stories[0].steps[0];
    assert_eq!(step.title, "The Revolving Door");
    assert_eq!(step.caption, "x");
    assert_eq!(step.entities, [d.entity_by_id("2").unwrap()]);
    assert_eq!(step.relations, [d.relation_by_id("332141").unwrap()]);
    // Colour and size as drawn; what only says how it was drawn, in one note.
    assert_eq!(entity(d, "2").attributes["color"], "#ccc");
    assert_eq!(entity(d, "2").attributes["size"], "1");
    assert!(!d.relations[0].attributes.contains_key("scale"));
    let notes = &loaded.report.notes;
    assert!(
        notes.iter().any(|n| n
            == "how the map was drawn, not read: the line width (scale) of 1 edge, the curve \
                (cx, cy) of 1 edge"),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n == "not read: attributes.id (8140), attributes.settings"),
        "{notes:?}"
    );
}

/// An Oligrapher 2 export as LittleSis published it (an excerpt of the Puerto Rico map in
/// oligrapher2-annotations' example data): fields under `display`, `arrow` true, false, 0 or
/// null, `dash` 1 or null, highlight states, and the annotations as a list.
#[test]
fn oligrapher_2_export_reads_arrows_dashes_and_annotations() {
    let loaded = load("oligrapher2_annotations.json");
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (6, 5));
    assert_eq!(d.positions.len(), 6);
    // `true` points from node 1 to node 2; false, 0 and null are no arrow.
    let chair = relation(d, "93362");
    assert!(chair.directed);
    assert_eq!(d.entity(chair.source).unwrap().name, "Alan Greenspan");
    for id in ["11055", "992456", "x6"] {
        assert!(!relation(d, id).directed, "{id}");
    }
    // Dashed (not known to be current, as LittleSis draws it) is kept, not read as hedged.
    assert_eq!(
        relation(d, "11055")
            .attributes
            .get("dash")
            .map(String::as_str),
        Some("true")
    );
    assert!(!relation(d, "11055").status.is_hedged());
    assert!(!relation(d, "93362").attributes.contains_key("dash"));
    assert!(!relation(d, "11055").attributes.contains_key("status"));
    assert!(!entity(d, "15957").attributes.contains_key("status"));
    assert_eq!(entity(d, "15957").attributes["size"], "1.5");
    // The annotations, a list in Oligrapher 2, are a story of two steps.
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let steps = &d.stories[0].steps;
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1].relations.len(), 3);
    assert_eq!(steps[1].entities.len(), 4);
    let notes = &loaded.report.notes;
    for said in [
        "2 edges drawn dashed keep the attribute dash = true",
        "the highlight status of 6 nodes",
        "not read: graph.id (942)",
        "a story of 2 steps",
    ] {
        assert!(notes.iter().any(|n| n.contains(said)), "{said}: {notes:?}");
    }
}

/// An Oligrapher 3 map with everything its editor saves: the map's attributes (title,
/// subtitle, date, owner and editors read; settings and lock named as not read), colours,
/// `"both"` arrows, and the sources page of the annotations (left out when empty).
#[test]
fn oligrapher_3_export_reads_its_attributes_and_names_what_it_does_not() {
    let loaded = load("oligrapher3_export.json");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Eric Adams in Albany");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("From state senate to City Hall")
    );
    // "March 3, 2022", as Oligrapher writes it, as a dataset's ISO date.
    assert_eq!(d.metadata.created.as_deref(), Some("2022-03-03"));
    assert_eq!(d.metadata.authors, ["jdoe", "asmith"]);
    assert_eq!(entity(d, "36932").attributes["color"], "#e6a04a");
    let lobbying = d.relation(d.relation_by_id("e2").unwrap()).unwrap();
    assert!(!lobbying.directed);
    assert_eq!(lobbying.attributes["arrow"], "both");
    assert!(!lobbying.attributes.contains_key("dash"), "false is solid");
    let senator = d.relation(d.relation_by_id("541800").unwrap()).unwrap();
    assert!(senator.directed);
    assert_eq!(senator.attributes["dash"], "true");
    for derived in ["x1", "s2", "cx", "status", "scale"] {
        assert!(!senator.attributes.contains_key(derived), "{derived}");
    }
    assert_eq!(d.stories[0].title, "Eric Adams in Albany");
    assert_eq!(d.stories[0].steps.len(), 1);
    assert_eq!(d.stories[0].steps[0].caption, "Before City Hall.");
    let notes = &loaded.report.notes;
    assert!(
        notes.iter().any(|n| n
            == "not read: attributes.bugReportUrl (https://littlesis.org/bug_report), \
                attributes.id (4521), attributes.lock, attributes.settings, attributes.version (3)"),
        "{notes:?}"
    );
}

/// A map's date that reads as no date is not made the dataset's date: it is named as not read.
#[test]
fn an_oligrapher_date_that_is_no_date_is_named_not_kept() {
    let text = std::fs::read_to_string(fixture("oligrapher3_export.json")).unwrap();
    let vague = text.replace("\"March 3, 2022\"", "\"sometime in spring\"");
    assert_ne!(text, vague);
    let loaded = formats::load_bytes("vague.json", vague.as_bytes()).unwrap();
    assert_eq!(loaded.dataset.metadata.created, None);
    let notes = &loaded.report.notes;
    assert!(
        notes
            .iter()
            .any(|n| n.contains("date (sometime in spring)")),
        "{notes:?}"
    );
}

/// The LittleSis server form: `graph_data`, with the annotations as JSON text in
/// `attributes.annotations_data`; broken annotations text is a warning, not a failed load.
#[test]
fn littlesis_server_map_reads_annotations_data() {
    let loaded = load("littlesis_map.json");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Who owns Exxon");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Top institutional holders")
    );
    assert_eq!(d.stories[0].steps[0].title, "Index funds");
    assert_eq!(
        d.stories[0].steps[0].entities,
        [d.entity_by_id("9").unwrap()]
    );
    assert!(
        loaded.report.notes.iter().any(|n| n.contains("id (8140)")),
        "{:?}",
        loaded.report.notes
    );

    let text = std::fs::read_to_string(fixture("littlesis_map.json"))
        .unwrap()
        .replace("[{\\\"id\\\":\\\"a1\\\"", "[{\\\"id\\\":");
    let loaded = formats::load_bytes("broken.json", text.as_bytes()).expect("loads");
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "attributes.annotations_data");
    assert!(
        warning.message.contains("not a JSON list"),
        "{}",
        warning.message
    );
    assert!(loaded.dataset.stories.is_empty());

    // Annotations naming what the map does not have: the step keeps the rest, with a warning.
    let text = std::fs::read_to_string(fixture("littlesis_map.json"))
        .unwrap()
        .replace(
            "\\\"nodeIds\\\":[\\\"9\\\"]",
            "\\\"nodeIds\\\":[\\\"9\\\",\\\"404\\\"]",
        );
    let loaded = formats::load_bytes("stale.json", text.as_bytes()).expect("loads");
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "attributes.annotations_data[0]");
    assert!(
        warning.message.contains("node \"404\""),
        "{}",
        warning.message
    );
    assert_eq!(loaded.dataset.stories[0].steps[0].entities.len(), 1);
}

#[test]
fn wrong_type_names_path_line_and_expectation() {
    let error = formats::load_path(&fixture("nodes_not_a_list.json")).unwrap_err();
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert_eq!(error.json_path(), Some("nodes"));
    assert_eq!(error.position().map(|p| p.line), Some(3));
    assert!(
        error
            .to_string()
            .contains("found string \"IBM\", expected a list of nodes"),
        "{error}"
    );
}

#[test]
fn link_without_target_is_an_error_at_that_link() {
    let error = formats::load_path(&fixture("link_without_target.json")).unwrap_err();
    assert_eq!(error.json_path(), Some("links[1]"));
    assert_eq!(error.position().map(|p| p.line), Some(4));
}

#[test]
fn utf16_loads_and_broken_utf16_is_refused() {
    let loaded = load("utf16.json");
    assert!(loaded.dataset.entity_by_id("北京").is_some());
    let error = formats::load_path(&fixture("utf16_broken.json")).unwrap_err();
    assert!(matches!(error, LoadError::NotUtf8 { .. }), "{error:?}");
}

#[test]
fn json_lines_that_are_not_followthemoney_give_the_json_error() {
    let error = formats::load_bytes("two.json", b"{\"a\": 1}\n{\"b\": 2}\n").unwrap_err();
    assert!(
        matches!(
            error,
            LoadError::Syntax { .. } | LoadError::UnknownFormat { .. }
        ),
        "{error:?}"
    );
}

#[test]
fn links_listed_before_nodes_still_resolve() {
    let loaded = load("links_before_nodes.json");
    let d = &loaded.dataset;
    assert_eq!(
        d.entities.len(),
        2,
        "no placeholders: {:?}",
        loaded.report.warnings
    );
    assert_eq!(ends(d, 0), ("b".into(), "a".into()));
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    // Numbers matching no id are positions in the node list, as in d3.
    assert_eq!(ends(d, 1), ("a".into(), "b".into()));
    assert!(loaded.report.warnings.is_empty());
}

#[test]
fn titles_make_no_quote_and_empty_links_no_blank_source() {
    let text = r#"{"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "links": [{"source": "a", "target": "b", "title": "tooltip"},
                  {"source": "b", "target": "c", "link": ""},
                  {"source": "a", "target": "c", "title": "said so", "link": "https://example.org/a"}]}"#;
    let loaded = formats::load_bytes("d3.json", text.as_bytes()).expect("loads");
    let d = &loaded.dataset;
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert!(d.relations[0].evidence.is_empty());
    assert_eq!(d.relations[0].attributes["title"], "tooltip");
    assert!(d.relations[1].evidence.is_empty());
    assert_eq!(d.sources.len(), 1, "only the real link is a source");
    // A title beside a link is no quote either: the link is cited without one.
    assert_eq!(d.relations[2].evidence[0].quote, "");
    assert_eq!(d.relations[2].attributes["title"], "said so");
    assert!(d.sources.iter().all(|s| !s.source_id.trim().is_empty()));
}

#[test]
fn reopening_an_export_of_a_foreign_file_reports_missing_evidence_once() {
    let links: Vec<String> = (0..50)
        .map(|i| format!(r#"{{"source": "n{i}", "target": "n{}"}}"#, i + 1))
        .collect();
    let nodes: Vec<String> = (0..=50).map(|i| format!(r#"{{"id": "n{i}"}}"#)).collect();
    let text = format!(
        r#"{{"nodes": [{}], "links": [{}]}}"#,
        nodes.join(","),
        links.join(",")
    );
    let foreign = formats::load_bytes("d3.json", text.as_bytes()).expect("loads");
    let exported = formats::ExportFormat::Chainsight.write(&foreign.dataset);
    let reopened = formats::load_bytes("export.json", exported.as_bytes()).expect("reads back");
    assert_eq!(
        reopened.report.warnings.len(),
        1,
        "{:?}",
        reopened.report.warnings
    );
    let warning = &reopened.report.warnings[0];
    assert_eq!(warning.json_path, "relations");
    assert!(
        warning.message.starts_with("50 relations have no evidence"),
        "{warning:?}"
    );
}

#[test]
fn kumu_export_with_underscore_ids_and_attributes() {
    let loaded = load("kumu_export.json");
    let d = &loaded.dataset;
    assert!(loaded.report.format.starts_with("Kumu"));
    let ibm = entity(d, "elem-7f3a");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.description.as_deref(), Some("US technology company"));
    assert_eq!(ibm.attributes["tags"], "vendor | us");
    assert_eq!(entity(d, "elem-c002").kind, EntityKind::Project);
    assert_eq!(ends(d, 0), ("elem-7f3a".into(), "elem-91bc".into()));
    assert_eq!(d.relations[0].relation_id, "conn-01");
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert!(d.relations[0].directed && !d.relations[1].directed);
    // Kumu's description is the analyst's words, not a quote.
    assert!(d.relations[0].evidence.is_empty());
    assert_eq!(
        d.relations[0].attributes["description"],
        "consulting from 2000"
    );
    assert_eq!(d.metadata.title, "Camera suppliers", "the project's name");
    assert_eq!(d.metadata.description, None, "Kumu's empty description");
    // Kumu's own views and settings are one note, not a warning each (an empty list or a
    // null holds nothing to list); no placeholder nodes.
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n
                == "Kumu's views and settings not read: maps (1), perspectives (1), proxyImages"),
        "{:?}",
        loaded.report.notes
    );
    assert!(loaded.report.notes.iter().any(|n| n.contains("_id")));
}

#[test]
fn oligrapher_graph_at_the_top_level() {
    let loaded = load("oligrapher3_graph.json");
    let d = &loaded.dataset;
    assert!(
        loaded.report.format.starts_with("Oligrapher"),
        "{}",
        loaded.report.format
    );
    assert_eq!(entity(d, "2").name, "ExxonMobil");
    assert_eq!(ends(d, 0), ("9".into(), "2".into()));
    assert!(d.relations[0].directed);
    assert_eq!(
        d.relations[0].label.as_deref(),
        Some("Institutional investor")
    );
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.json_path == "captions" && w.message.contains("1 free-text caption")),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn older_oligrapher_maps_keep_names_under_display() {
    let loaded = load("oligrapher_display.json");
    let d = &loaded.dataset;
    assert_eq!(entity(d, "1").name, "Goldman Sachs");
    assert_eq!(
        entity(d, "1").url.as_deref(),
        Some("https://littlesis.org/org/1")
    );
    assert_eq!(entity(d, "2").name, "Henry Paulson");
    assert_eq!(d.positions.len(), 2, "positions from display.x/y");
    // `"arrow": true` points from node 1 to node 2.
    assert_eq!(ends(d, 0), ("2".into(), "1".into()));
    assert!(d.relations[0].directed);
    assert_eq!(d.relations[0].label.as_deref(), Some("CEO"));
    assert!(!d.relations[0].attributes.contains_key("cx"));
    assert!(loaded.report.notes.iter().any(|n| n.contains("display")));
}

#[test]
fn cytoscape_nodes_and_edges_at_the_top_level_with_list_names() {
    let loaded = load("cytoscape_top_level.json");
    let d = &loaded.dataset;
    assert!(
        loaded.report.format.starts_with("Cytoscape"),
        "{}",
        loaded.report.format
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(entity(d, "n1").name, "IBM");
    assert_eq!(entity(d, "n2").name, "Huawei");
    assert_eq!(entity(d, "n1").kind, EntityKind::Company);
    assert_eq!(ends(d, 0), ("n1".into(), "n2".into()));
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert_eq!(d.positions.len(), 1);
    // The name Cytoscape made for the edge is no label (it goes stale when a node is
    // renamed); it is kept as an attribute.
    assert_eq!(d.relations[0].label, None);
    assert_eq!(d.relations[0].attributes["name"], "IBM (supplied) Huawei");
}

#[test]
fn a_stale_cytoscape_edge_name_does_not_label_the_edge() {
    // Node "a" was renamed "Acme" after the edge was made: the edge's name still says "1".
    let text = r#"{"format_version": "1.0", "generated_by": "cytoscape-3.10.4",
        "elements": {"nodes": [{"data": {"id": "a", "name": "Acme"}},
                               {"data": {"id": "b", "name": "Beta"}}],
                     "edges": [{"data": {"id": "e", "source": "a", "target": "b",
                                         "name": "1 (-) 2", "interaction": "-"}},
                               {"data": {"id": "f", "source": "b", "target": "a",
                                         "name": "paid for the cameras", "interaction": "pp"}}]}}"#;
    let loaded = formats::load_bytes("g.cyjs", text.as_bytes()).unwrap();
    let d = &loaded.dataset;
    assert_eq!(d.relations[0].attributes["name"], "1 (-) 2");
    // Its interaction "-" is a placeholder, not words to write on the edge: an attribute.
    assert!(!d.relations[0].has_phrase());
    assert_eq!(d.relations[0].attributes["interaction"], "-");
    // A name the user gave is the label.
    assert_eq!(
        d.relations[1].label.as_deref(),
        Some("paid for the cameras")
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("1 edge name of the form")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn json_with_comment_lines_is_read_as_json_with_a_note() {
    let loaded = load("commented.json");
    assert!(
        loaded.report.format.contains("node-link"),
        "{}",
        loaded.report.format
    );
    assert_eq!(loaded.report.entity_count, 2);
    assert_eq!(loaded.report.relation_count, 1);
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("3 comment lines")),
        "{:?}",
        loaded.report.notes
    );
    // Broken JSON after a comment is a JSON error at its real line, never a CSV table.
    let error = formats::load_bytes("broken.json", b"# note\n{\"nodes\": [}\n").unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert!(error.to_string().contains("invalid JSON"), "{error}");
    assert_eq!(error.position().map(|p| p.line), Some(2));
    // Lines ending in a lone `\r` (old Mac files): the comment lines are found all the same.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/json/commented.json"),
    )
    .expect("fixture")
    .replace("\r\n", "\n")
    .replace('\n', "\r");
    let loaded = formats::load_bytes("commented.json", text.as_bytes()).expect("loads");
    assert_eq!(loaded.report.entity_count, 2);
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("3 comment lines")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn gephi_lite_workspace_labels_and_attributes_from_node_and_edge_data() {
    let loaded = load("gephi_lite_workspace.json");
    let d = &loaded.dataset;
    assert!(
        loaded.report.format.starts_with("Gephi Lite"),
        "{}",
        loaded.report.format
    );
    assert_eq!(d.metadata.title, "Vendors");
    let ibm = entity(d, "ibm");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.attributes["founded"], "1911");
    assert_eq!(ibm.attributes["color"], "#1f77b4");
    assert_eq!(entity(d, "huawei").name, "Huawei");
    assert_eq!(d.positions.len(), 2);
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert_eq!(d.relations[0].when.date.as_deref(), Some("2000"));
    assert_eq!(d.relations[0].weight, Some(2.0));
    assert!(d.relations[0].directed);
    assert!(loaded.report.notes.iter().any(|n| n.contains("nodeData")));
}

/// The saved position of the entity `id`.
fn position(dataset: &Dataset, id: &str) -> (f32, f32) {
    let idx = dataset.entity_by_id(id).unwrap();
    let (_, p) = dataset
        .positions
        .iter()
        .find(|(i, _)| *i == idx)
        .unwrap_or_else(|| panic!("no position for {id}"));
    (p.x, p.y)
}

/// Gephi Lite 1.0 keeps positions in `graphDataset.layout` (there is no rendering data).
#[test]
fn gephi_lite_1_0_positions_come_from_layout() {
    let loaded = load("gephi_lite_1_0.json");
    let d = &loaded.dataset;
    assert_eq!(d.positions.len(), 3);
    // Gephi Lite (sigma.js) draws a larger y higher; the screen's y points down.
    assert_eq!(position(d, "acme"), (0.0, -100.0));
    assert_eq!(position(d, "blue"), (-40.5, 0.0));
    assert_eq!(position(d, "cruz"), (120.0, 7.25));
    let acme = entity(d, "acme");
    assert_eq!(acme.name, "Acme Holdings");
    assert!(!acme.attributes.contains_key("x"), "{:?}", acme.attributes);
}

/// Gephi Lite labels nodes with the field its appearance names (its airports sample: the
/// full name, not the code); a node without a value there keeps its label.
#[test]
fn gephi_lite_names_nodes_by_the_field_its_appearance_labels_them_with() {
    let loaded = load("gephi_lite_appearance.json");
    let d = &loaded.dataset;
    let pek = entity(d, "PEK");
    assert_eq!(pek.name, "Beijing Capital International Airport");
    assert_eq!(pek.attributes["label"], "PEK", "its own label kept");
    assert_eq!(entity(d, "URC").name, "Ürümqi Diwopu International Airport");
    assert_eq!(entity(d, "KRY").name, "KRY");
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("with the field \"fullName\", 2 nodes are named by it")),
        "{:?}",
        loaded.report.notes
    );
}

/// The workspace's `metadata.description` is the dataset's description.
#[test]
fn gephi_lite_metadata_description_is_the_datasets() {
    let d = load("gephi_lite_1_0.json").dataset;
    assert_eq!(d.metadata.title, "Payments");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Who paid whom, from the ledger")
    );
}

/// An edge field Gephi Lite types as a date (`edgeFields`) is the relation's date, not only an
/// attribute.
#[test]
fn gephi_lite_date_field_is_the_relations_date() {
    let loaded = load("gephi_lite_1_0.json");
    let d = &loaded.dataset;
    let e1 = relation(d, "e1");
    assert_eq!(e1.when.date.as_deref(), Some("2021-03-04"));
    assert_eq!(e1.when.years(), Some((2021, 2021)));
    assert!(!e1.attributes.contains_key("sent"), "{:?}", e1.attributes);
    assert_eq!(e1.weight, Some(5.0));
    assert_eq!(relation(d, "e2").when.date.as_deref(), Some("2022-11-30"));
}

/// A date written in another order is read by the field's format and written year first (the
/// value as written kept as the attribute); one the format does not fit is kept as written; a
/// field the vocabulary names (`year`) says the date before a typed one, and a typed field
/// the vocabulary names (`date`) is read by its format too.
#[test]
fn gephi_lite_dates_are_read_by_their_format() {
    let loaded = load("gephi_lite_dates.json");
    let d = &loaded.dataset;
    let date = |id: &str| relation(d, id).when.date.clone();
    let day_first = relation(d, "day_first");
    assert_eq!(day_first.when.date.as_deref(), Some("2021-03-04"));
    assert_eq!(day_first.attributes["signed"], "04/03/2021");
    // A timestamp is dated by its day, the time kept as written; what is no date is kept
    // only as written, off the timeline (a saved file holds only dates).
    let with_time = relation(d, "with_time");
    assert_eq!(with_time.when.date.as_deref(), Some("2019-07-01"));
    assert_eq!(with_time.attributes["logged"], "2019-07-01T09:30:00");
    assert_eq!(date("not_in_form"), None);
    assert_eq!(
        relation(d, "not_in_form").attributes["signed"],
        "spring 2020"
    );
    assert_eq!(date("no_such_day"), None);
    assert_eq!(
        relation(d, "no_such_day").attributes["signed"],
        "31/02/2020"
    );
    let named = relation(d, "named_year");
    assert_eq!(named.when.date.as_deref(), Some("1999"));
    assert_eq!(named.attributes["signed"], "12/12/2012");
    assert_eq!(date("month_name").as_deref(), Some("1983-10-04"));
    let two = relation(d, "two_dates");
    assert_eq!(
        two.when.date.as_deref(),
        Some("2003-02-01"),
        "the first field"
    );
    assert_eq!(two.attributes["filed"], "Feb 2, 2003");
    assert_eq!(date("no_value"), None);
    let named_date = relation(d, "named_date");
    assert_eq!(named_date.when.date.as_deref(), Some("2020-12-24"));
    assert_eq!(named_date.attributes["date"], "24.12.2020");
}

/// The note says which parts of the workspace were read, and names those that were not.
#[test]
fn gephi_lite_note_says_what_was_read_and_what_was_not() {
    let loaded = load("gephi_lite_1_0.json");
    let notes = loaded.report.notes.join("\n");
    for read in [
        "version 1.0.0",
        "nodeData (3 records)",
        "edgeData (2)",
        "positions of 3 nodes from layout",
        "metadata (title, description)",
        "\"sent\"",
    ] {
        assert!(notes.contains(read), "{read:?} not in {notes}");
    }
    assert!(!notes.contains("rendering data"), "{notes}");
    let not_read = loaded
        .report
        .notes
        .iter()
        .find(|n| n.starts_with("not read"))
        .unwrap_or_else(|| panic!("no note of what was not read: {notes}"));
    for part in ["filters", "appearance", "nodeFields", "edgeFields"] {
        assert!(not_read.contains(part), "{part:?} not in {not_read}");
    }

    let dates = load("gephi_lite_dates.json");
    let notes = dates.report.notes.join("\n");
    for part in [
        "session",
        "\"signed\"",
        "\"Signed on\"",
        "\"nickname\"",
        "2 not in that format",
    ] {
        assert!(notes.contains(part), "{part:?} not in {notes}");
    }

    let older = load("gephi_lite_workspace.json");
    let notes = older.report.notes.join("\n");
    assert!(
        notes.contains("positions of 2 nodes from nodeRenderingData"),
        "{notes}"
    );
}

#[test]
fn cytoscape_desktop_hidden_columns_and_meta_edges_are_left_out_and_noted() {
    let loaded = load("cytoscape_desktop_group.cyjs");
    let d = &loaded.dataset;
    let group = entity(d, "10");
    assert!(
        group.attributes.keys().all(|name| !name.starts_with("__")),
        "{:?}",
        group.attributes
    );
    // The meta-edge Bank -> Consortium stands for Bank -> Acme: only that one is read, beside
    // Acme's "part of" link.
    let links: Vec<(String, String)> = (0..d.relations.len()).map(|i| ends(d, i)).collect();
    assert_eq!(
        links,
        [
            ("12".to_owned(), "11".to_owned()),
            ("11".to_owned(), "10".to_owned())
        ]
    );
    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains(
            "3 values of Cytoscape's hidden attributes (its own bookkeeping) not kept: \
             __groupState, __isMetaEdge, __xLocation"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("1 meta-edge Cytoscape derives for collapsed groups"),
        "{notes}"
    );
    assert!(notes.contains(": 1 left out"), "{notes}");

    // Elements JSON not from Cytoscape desktop: a "__" name is the writer's own, kept.
    let text = r#"{"elements": {"nodes": [{"data": {"id": "a", "__rank": 1}}], "edges": []}}"#;
    let plain = chainsight::formats::load_bytes("plain.json", text.as_bytes()).unwrap();
    assert_eq!(plain.dataset.entities[0].attributes["__rank"], "1");
}

#[test]
fn arrows_app_diagram_reads_captions_labels_types_and_positions() {
    let loaded = load("arrows_app.json");
    assert_eq!(loaded.report.format, "Neo4j Arrows.app JSON");
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (6, 5));
    assert_eq!(
        d.metadata.title, "Karamay Safe City",
        "diagramName is the title"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );

    let ibm = entity(d, "n0");
    assert_eq!((ibm.name.as_str(), ibm.kind), ("IBM", EntityKind::Company));
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(ibm.attributes["founded"], "1911");
    let huawei = entity(d, "n1");
    assert_eq!(huawei.kind, EntityKind::Company, "the first label");
    assert_eq!(huawei.attributes["labels"], "Vendor", "the others kept");
    assert_eq!(huawei.attributes["color"], "#f44e3b");
    assert_eq!(
        huawei.description.as_deref(),
        Some("Chinese maker of telecoms equipment")
    );
    assert_eq!(entity(d, "n3").kind, EntityKind::GovernmentBody);
    let watson = entity(d, "n4");
    assert_eq!(
        (watson.name.as_str(), watson.kind),
        ("Watson", EntityKind::Product)
    );
    assert_eq!(entity(d, "n5").name, "n5", "no caption: the id");
    assert_eq!(position(d, "n0"), (-312.5, -98.25), "read as drawn, y down");
    assert_eq!(d.positions.len(), 6);

    // Types in Neo4j's upper case are read as words: a kind where they name one.
    let partnered = relation(d, "n0");
    assert_eq!(ends(d, 0), ("n0".into(), "n1".into()));
    assert_eq!(partnered.kind, RelationKind::PartneredWith);
    assert_eq!(partnered.label, None);
    assert_eq!(partnered.attributes["type"], "PARTNERED_WITH");
    assert_eq!(partnered.when.date.as_deref(), Some("2016"));
    assert!(partnered.directed);
    let supplied = relation(d, "n1");
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert!(supplied.evidence.is_empty(), "a description is no quote");
    assert!(supplied.attributes.contains_key("description"));
    assert_eq!(relation(d, "n2").kind, RelationKind::DeployedIn);
    assert_eq!(ends(d, 2), ("n4".into(), "n2".into()));
    let shares = relation(d, "n4");
    assert_eq!(shares.kind, RelationKind::Other);
    assert_eq!(shares.label.as_deref(), Some("shares data with"));
    assert!(!shares.directed, "its style says undirected");

    let notes = loaded.report.notes.join("\n");
    assert!(
        notes.contains("5 relationships' types in Neo4j's upper case read as words"),
        "{notes}"
    );
    assert!(
        notes.contains("1 relationship without a direction"),
        "{notes}"
    );
    assert!(notes.contains("1 node coloured in the diagram"), "{notes}");
    assert!(
        !ibm.attributes.contains_key("color"),
        "not the diagram's white"
    );
}

#[test]
fn arrows_app_export_of_the_graph_alone_opens_as_arrows() {
    let loaded = load("arrows_app_export.json");
    assert_eq!(loaded.report.format, "Neo4j Arrows.app JSON");
    let d = &loaded.dataset;
    assert_eq!((d.entities.len(), d.relations.len()), (2, 1));
    assert_eq!(d.entities[0].name, "Hikvision");
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert_eq!(d.relations[0].attributes["since"], "2017");
    assert!(d.metadata.title.is_empty());
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn arrows_app_relationship_to_no_node_is_an_error_at_its_end() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/arrows_dangling_endpoint.json");
    let error = formats::load_path(&path).unwrap_err();
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert_eq!(error.json_path(), Some("graph.relationships[1].toId"));
    let position = error.position().expect("a line and column");
    assert_eq!((position.line, position.column), (49, 17));
    let message = error.to_string();
    assert!(
        message.contains("arrows_dangling_endpoint.json"),
        "{message}"
    );
    assert!(message.contains("line 49"), "{message}");
    assert!(
        message.contains("\"n7\" names no node of the diagram"),
        "{message}"
    );
}

/// A Cytoscape desktop export (3.10) of a network with a collapsed group, whose meta-edge
/// Cytoscape names as it names every edge, and network attributes of its own.
const CYJS_NETWORK: &str = r#"{
  "format_version" : "1.0",
  "generated_by" : "cytoscape-3.10.2",
  "target_cytoscapejs_version" : "~2.1",
  "data" : {
    "shared_name" : "Consortium deals",
    "name" : "Consortium deals",
    "SUID" : 52,
    "__Annotations" : [ ],
    "selected" : true,
    "description" : "Loans to the consortium, from the 2019 filings",
    "Creator" : "A. Analyst; B. Editor",
    "species" : "none",
    "version" : 3
  },
  "elements" : {
    "nodes" : [
      { "data" : { "id" : "10", "name" : "Consortium", "__groupState" : "collapsed" } },
      { "data" : { "id" : "11", "name" : "Acme", "parent" : "10" } },
      { "data" : { "id" : "12", "name" : "Bank" } }
    ],
    "edges" : [
      { "data" : { "id" : "20", "source" : "12", "target" : "11", "interaction" : "loaned",
                   "name" : "Bank (loaned) Acme", "shared_name" : "Bank (loaned) Acme" } },
      { "data" : { "id" : "21", "source" : "12", "target" : "10", "interaction" : "meta-loaned",
                   "name" : "Bank (meta-loaned) Consortium", "__isMetaEdge" : true } }
    ]
  }
}"#;

#[test]
fn cytoscape_desktop_network_data_is_read_or_named() {
    let loaded = formats::load_bytes("deals.cyjs", CYJS_NETWORK.as_bytes()).unwrap();
    let metadata = &loaded.dataset.metadata;
    assert_eq!(metadata.title, "Consortium deals");
    assert_eq!(
        metadata.description.as_deref(),
        Some("Loans to the consortium, from the 2019 filings")
    );
    assert_eq!(metadata.authors, ["A. Analyst", "B. Editor"]);
    let notes = &loaded.report.notes;
    assert!(
        notes.contains(
            &"network attributes not kept (a dataset has no place for them): selected, \
              species, version"
                .to_owned()
        ),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .all(|note| !note.contains("SUID") && !note.contains("__Annotations")),
        "{notes:?}"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn cytoscape_edge_names_are_counted_on_the_edges_loaded_not_the_meta_edges_left_out() {
    let loaded = formats::load_bytes("deals.cyjs", CYJS_NETWORK.as_bytes()).unwrap();
    let d = &loaded.dataset;
    // The meta-edge stands for Bank -> Acme: left out.
    assert_eq!(
        d.relations.len(),
        2,
        "Bank -> Acme and Acme part of Consortium"
    );
    assert_eq!(d.relations[0].attributes["name"], "Bank (loaned) Acme");
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains(": 1 left out"), "{notes}");
    assert!(
        notes.contains("1 edge name of the form \"source (interaction) target\""),
        "{notes}"
    );
}
