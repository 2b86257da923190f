//! Graphviz DOT files as the tools analysts use write them (networkx's `write_dot` through
//! pydot and pygraphviz, Graphviz's own gallery style with clusters, vis-network's DOT), and
//! the broken ones: each refused at its line and column, never a panic.

use std::fmt::Write as _;

use chainsight::formats::{self, LoadError, Loaded};
use chainsight::model::{EntityKind, RelationKind, RelationStatus};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{entity, fixture, load, load_text, warnings_of};

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
    let ibm = entity(&loaded.dataset, "IBM");
    assert_eq!(ibm.name, "IBM Corp.");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(
        entity(&loaded.dataset, "Huawei").name,
        "Huawei",
        "no label: its id"
    );
    assert_eq!(
        entity(&loaded.dataset, "Kenya Ministry").kind,
        EntityKind::GovernmentBody
    );
    assert_eq!(
        entity(&loaded.dataset, "Safe City").description.as_deref(),
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
    // The edge's `description` is the author's words, kept as such; its `url` is cited
    // without a quote.
    let evidence = &d.relations[1].evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].quote, "");
    let source = d.source(evidence[0].source.unwrap()).unwrap();
    assert_eq!(source.url.as_deref(), Some("https://example.org/safe-city"));
    assert_eq!(
        d.relations[1].attributes["description"],
        "Huawei built the network."
    );
    assert!(d.relations.iter().all(|r| r.directed));
    assert!(
        d.relations
            .iter()
            .enumerate()
            .all(|(at, r)| at == 1 || r.attributes.is_empty())
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
    let ibm = entity(&loaded.dataset, "ibm");
    assert_eq!(ibm.name, "IBM \"Smarter Cities\"");
    // The cluster's `node [style=filled, fillcolor=white]`: filled white, outlined black.
    assert_eq!(ibm.attributes["color"], "white");
    assert_eq!(ibm.attributes["outline color"], "black");
    assert_eq!(
        entity(&loaded.dataset, "huawei").name,
        "huawei Technologies",
        "\\N"
    );
    let ministry = entity(&loaded.dataset, "ministry");
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
    let police = entity(&loaded.dataset, "police");
    assert_eq!(police.name, "National Police Service");
    assert_eq!(
        police.attributes["label markup"],
        "National <i>Police</i><br/>Service"
    );
    assert_eq!(police.description.as_deref(), Some("Operates the cameras"));
    assert_eq!(
        entity(&loaded.dataset, "servers").attributes["shape"],
        "box3d"
    );

    // Clusters are entities, named by their labels, members part of the innermost.
    let cloud = entity(&loaded.dataset, "cluster_cloud");
    assert_eq!(cloud.name, "Huawei Cloud");
    assert_eq!(
        cloud.attributes["color"], "#ccd1ff",
        "HSV 0.650 0.200 1.000"
    );
    // A filled cluster's colour is its group's, as Graphviz draws it: X11's lightgrey,
    // which the window would not read by that name (the review found it drawn in the kinds'
    // grey), while the Buyers' blue is read as written.
    assert_eq!(
        entity(&loaded.dataset, "cluster_vendors").attributes["color"],
        "#d3d3d3"
    );
    assert_eq!(
        entity(&loaded.dataset, "cluster_buyers").attributes["color"],
        "blue"
    );
    assert!(
        loaded.report.notes.contains(
            &"1 colour name written as #rrggbb, the colour Graphviz draws for it (X11's \
              lightgrey, gray50, green…), which the window would read otherwise or not at all"
                .to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
    assert_eq!(entity(&loaded.dataset, "cluster_buyers").name, "Buyers");
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
        "3 clusters (subgraph cluster_… or cluster=true), which Graphviz draws as boxes, made \
         entities named by their labels, their members linked to them",
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
    let mine = entity(&loaded.dataset, "Mine");
    assert_eq!(mine.name, "Mine", "vis's title is a tooltip, not a name");
    assert_eq!(mine.description.as_deref(), Some("Open-pit mine"));
    assert_eq!(
        mine.attributes["color"], "red",
        "its own colour over the default"
    );
    assert_eq!(
        entity(&loaded.dataset, "Retail").attributes["color"],
        "#97C2FC"
    );
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
        "formats/dot/networkx_multigraph.dot",
        "formats/dot/cluster_attribute.gv",
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

/// Each relation as `source -> target` by entity id, with its `key` attribute where it kept
/// one.
fn keys(loaded: &Loaded) -> Vec<String> {
    let d = &loaded.dataset;
    let id = |e| d.entity(e).map_or("?", |e| e.entity_id.as_str());
    d.relations
        .iter()
        .map(|r| {
            let key = r
                .attributes
                .get("key")
                .map(|k| format!(" [key {k}]"))
                .unwrap_or_default();
            format!("{} {} {}{key}", id(r.source), id(r.target), r.kind.label())
        })
        .collect()
}

/// The note counting the keys not kept, if the load has one.
fn keys_note(loaded: &Loaded) -> Option<&str> {
    loaded
        .report
        .notes
        .iter()
        .find(|n| n.contains("multigraph key"))
        .map(String::as_str)
}

/// networkx's `write_dot` writes a multigraph's edges with their keys, `key=0`, `key=1`... for
/// the links it numbered itself: those say nothing and are not kept, as the node-link and
/// GEXF readers leave them; a key someone gave (a name, a number out of networkx's order) is.
#[test]
fn networkx_multigraph_keys_that_are_its_own_numbering_are_not_kept() {
    let loaded = load("formats/dot/networkx_multigraph.dot");
    assert_eq!(
        keys(&loaded),
        [
            "IBM Huawei supplied",
            "IBM Huawei supplied",
            "IBM Huawei partnered with",
            "Huawei Safe City supplied",
            "Huawei Safe City supplied [key contract 2014/17]",
            "Huawei Safe City operates [key 7]",
            "Safe City Huawei funded",
        ]
    );
    assert_eq!(
        keys_note(&loaded),
        Some(
            "5 multigraph keys not kept: networkx's own numbering of the links joining the \
             same two nodes (0, 1, …), written as \"key\""
        )
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

/// The numbering followed as networkx's `new_edge_key` gives it (`multigraph_keys`): per pair
/// of ends, in either order in an undirected graph; a number written otherwise than networkx
/// writes one, or an HTML string, is a key given; after a link without a key, whose number
/// is not known, every key is kept.
#[test]
fn multigraph_keys_are_followed_per_pair_of_ends_as_networkx_numbers_them() {
    let undirected = load_text(
        "g.gv",
        "graph { a -- b [key=0]; b -- a [key=\"1\"]; a -- c [key=0]; a -- b [key=5] }",
    );
    assert_eq!(
        keys(&undirected),
        [
            "a b related to",
            "b a related to",
            "a c related to",
            "a b related to [key 5]"
        ],
        "b -- a joins a and b again: networkx numbers it 1, quoted or not"
    );
    assert!(
        keys_note(&undirected).is_some_and(|n| n.starts_with("3 multigraph keys not kept")),
        "{:?}",
        undirected.report.notes
    );

    let directed = load_text("g.gv", "digraph { a -> b [key=0]; b -> a [key=1] }");
    assert_eq!(
        keys(&directed),
        ["a b related to", "b a related to [key 1]"],
        "b -> a is the first link that way, which networkx numbers 0"
    );

    let written_otherwise = load_text(
        "g.gv",
        "digraph { a -> b [key=00]; a -> b [key=<1>]; a -> b [key=-1]; a -> b [key=\"\"] }",
    );
    assert_eq!(
        keys(&written_otherwise),
        [
            "a b related to [key 00]",
            "a b related to [key 1]",
            "a b related to [key -1]",
            "a b related to"
        ]
    );
    assert_eq!(keys_note(&written_otherwise), None);

    let keyless_first = load_text("g.gv", "digraph { a -> b; a -> b [key=1]; a -> c [key=0] }");
    assert_eq!(
        keys(&keyless_first),
        [
            "a b related to",
            "a b related to [key 1]",
            "a c related to [key 0]"
        ]
    );
    assert_eq!(keys_note(&keyless_first), None);
}

/// Graphviz 2.47 and later draw a subgraph as a cluster where it says `cluster=true` (or
/// `yes`, or a number related to than 0), whatever its name, as well as where its name starts
/// with "cluster"; a subgraph that is neither is seen through, its nodes part of the cluster
/// around it.
#[test]
fn a_subgraph_saying_cluster_true_is_a_cluster_whatever_its_name() {
    let loaded = load("formats/dot/cluster_attribute.gv");
    let d = &loaded.dataset;
    let clusters: Vec<(&str, &str)> = d.entities[d.entities.len() - 4..]
        .iter()
        .map(|e| (e.entity_id.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        clusters,
        [
            ("vendors", "Vendors"),
            ("cloud", "Huawei Cloud"),
            ("cluster_buyers", "Buyers"),
            ("cluster at line 28", "Operators"),
        ],
        "cluster=true; graph [cluster=yes]; cluster=false on a cluster_ name; an anonymous \
         subgraph"
    );
    assert!(
        d.entities
            .iter()
            .all(|e| !e.attributes.contains_key("cluster")),
        "what made it a cluster is no attribute of it"
    );
    assert_eq!(entity(&loaded.dataset, "police").name, "police");
    assert!(
        !d.entities.iter().any(|e| e.entity_id == "not_a_box"),
        "cluster=0: no cluster"
    );
    let memberships: Vec<String> = links(&loaded)
        .into_iter()
        .filter(|l| l.ends_with("(part of)"))
        .collect();
    assert_eq!(
        memberships,
        [
            "ibm -> vendors (part of)",
            "huawei -> vendors (part of)",
            "storage -> cloud (part of)",
            "servers -> vendors (part of)",
            "ministry -> cluster_buyers (part of)",
            "safaricom -> cluster at line 28 (part of)",
            "cloud -> vendors (part of)",
        ],
        "servers is in a subgraph that is no cluster, inside vendors"
    );
    let notes = &loaded.report.notes;
    for expected in [
        "attributes of plain subgraphs not read (only clusters become groups; Chainsight draws \
         no ranks): label (1), rank (1)",
        "4 clusters (subgraph cluster_… or cluster=true), which Graphviz draws as boxes, made \
         entities named by their labels, their members linked to them",
    ] {
        assert!(
            notes.contains(&expected.to_owned()),
            "{expected}: {notes:?}"
        );
    }
}

/// An edge's `comment` is kept as other readers keep an edge's comment: the attribute
/// `comment` (the shared vocabulary has no edge field of that name; a node's comment is its
/// description there, and so here), neither quote nor label, beside a link too.
#[test]
fn an_edge_comment_is_kept_as_other_readers_keep_one() {
    let dot = load("formats/dot/networkx_multigraph.dot");
    let relations = &dot.dataset.relations;
    assert_eq!(
        relations[1].attributes.get("comment").map(String::as_str),
        Some("second order, after the pilot")
    );
    let cited = &relations[4];
    assert_eq!(cited.attributes["comment"], "Contract 2014/17");
    assert_eq!(cited.evidence.len(), 1, "the link is cited");
    assert_eq!(cited.evidence[0].quote, "", "the comment is no quote");
    assert_eq!(
        entity(&dot.dataset, "Huawei").description.as_deref(),
        Some("Shenzhen headquarters")
    );

    // The same edge and node in node-link JSON and GraphML.
    let json = load_text(
        "same.json",
        r#"{"directed": true, "multigraph": false, "graph": {}, "nodes": [
            {"id": "Huawei", "comment": "Shenzhen headquarters"}, {"id": "Safe City"}],
            "links": [{"source": "Huawei", "target": "Safe City", "relation": "supplied",
            "url": "https://example.org/contract", "comment": "Contract 2014/17"}]}"#,
    );
    let graphml = load_text(
        "same.graphml",
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
            <key id="c" for="node" attr.name="comment" attr.type="string"/>
            <key id="r" for="edge" attr.name="relation" attr.type="string"/>
            <key id="u" for="edge" attr.name="url" attr.type="string"/>
            <key id="k" for="edge" attr.name="comment" attr.type="string"/>
            <graph edgedefault="directed">
            <node id="Huawei"><data key="c">Shenzhen headquarters</data></node>
            <node id="Safe City"/>
            <edge source="Huawei" target="Safe City"><data key="r">supplied</data>
            <data key="u">https://example.org/contract</data>
            <data key="k">Contract 2014/17</data></edge></graph></graphml>"#,
    );
    let dot_edge = load_text(
        "same.gv",
        "digraph { Huawei [comment=\"Shenzhen headquarters\"]; Huawei -> \"Safe City\" \
         [relation=supplied, URL=\"https://example.org/contract\", \
         comment=\"Contract 2014/17\"] }",
    );
    let kept = |loaded: &Loaded| {
        let d = &loaded.dataset;
        let r = &d.relations[0];
        (
            d.entities[0].description.clone(),
            r.kind,
            r.label.clone(),
            r.attributes.get("comment").cloned(),
            r.evidence
                .iter()
                .map(|e| e.quote.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(kept(&dot_edge), kept(&json), "as node-link JSON keeps it");
    assert_eq!(kept(&dot_edge), kept(&graphml), "as GraphML keeps it");
    assert_eq!(
        kept(&dot_edge).3.as_deref(),
        Some("Contract 2014/17"),
        "kept, not lost"
    );
}

/// Colours as Graphviz draws them: X11's names (its default scheme) that the window would
/// read otherwise or not at all are written as #rrggbb, a cluster's fill (fillcolor, else
/// color) is its group's colour, and a colour the window cannot draw is kept and named.
#[test]
fn colour_names_are_the_colours_graphviz_draws() {
    let loaded = load_text(
        "colours.gv",
        r#"digraph {
    subgraph cluster_a { style=filled; color=grey90; fillcolor="light grey"; a }
    subgraph cluster_b { style=filled; color=lightgrey; b }
    c [color=green];
    d [colorscheme=svg, color=green];
    e [style=filled, fillcolor="/blues9/3"];
    f [color=steelblue];
}"#,
    );
    let colour = |id: &str| entity(&loaded.dataset, id).attributes["color"].as_str();
    assert_eq!(colour("cluster_a"), "#d3d3d3", "fillcolor over color");
    assert_eq!(
        entity(&loaded.dataset, "cluster_a").attributes["outline color"],
        "grey90"
    );
    assert_eq!(colour("cluster_b"), "#d3d3d3", "color where no fillcolor");
    assert_eq!(colour("c"), "#00ff00", "X11's green");
    assert_eq!(
        colour("d"),
        "green",
        "the svg scheme's, as the window reads it"
    );
    assert_eq!(colour("e"), "/blues9/3");
    assert_eq!(colour("f"), "steelblue");
    assert!(
        loaded.report.notes.contains(
            &"colours not drawn (kept as written; 1 node or cluster drawn in the colour of \
              their kind instead): \"/blues9/3\""
                .to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
}

/// Graphviz users draw an edge's strength as its width: a penwidth is the weight of an edge
/// with none of its own, read as a weight is (not kept too).
#[test]
fn penwidth_is_the_weight_of_an_edge_without_one() {
    let loaded = load_text(
        "widths.gv",
        "digraph {\n    a -> b [penwidth=3.5];\n    b -> c [penwidth=4, weight=2];\n    c -> d;\n    \
         d -> e [penwidth=5, weight=heavy];\n}",
    );
    let d = &loaded.dataset;
    let weights: Vec<Option<f64>> = d.relations.iter().map(|r| r.weight).collect();
    assert_eq!(
        weights,
        [Some(3.5), Some(2.0), None, None],
        "an own weight wins"
    );
    assert!(!d.relations[0].attributes.contains_key("penwidth"));
    // Not read, so kept as written, as any attribute not read is; an own weight that is no
    // number still says the width is not the weight.
    assert_eq!(d.relations[1].attributes["penwidth"], "4");
    assert_eq!(d.relations[3].attributes["penwidth"], "5");
    assert_eq!(d.relations[3].attributes["weight"], "heavy");
    assert!(
        warnings_of(&loaded).is_empty(),
        "{:?}",
        warnings_of(&loaded)
    );
    assert!(
        loaded.report.notes.iter().any(|note| note.starts_with(
            "penwidth, the width Graphviz draws an edge with, read as the weight where an edge \
             has no weight of its own (1 edge)"
        )),
        "{:?}",
        loaded.report.notes
    );
}

/// A penwidth that is no positive number is warned about where it is written (once, however
/// many edges a default gives it to) and kept as written; the edge has no weight.
#[test]
fn a_penwidth_that_is_no_positive_number_is_warned_about_at_its_place_and_kept() {
    let loaded = load_text(
        "widths.gv",
        "digraph {\n    edge [penwidth=thick];\n    a -> b; b -> c;\n    c -> d [penwidth=0];\n    \
         d -> e [penwidth=nan]; e -> f [penwidth=-2]; f -> g [penwidth=\"1e999\"];\n}",
    );
    let d = &loaded.dataset;
    assert!(d.relations.iter().all(|r| r.weight.is_none()));
    let kept: Vec<&str> = d
        .relations
        .iter()
        .map(|r| r.attributes["penwidth"].as_str())
        .collect();
    assert_eq!(kept, ["thick", "thick", "0", "nan", "-2", "1e999"]);
    let not_read = "is no positive number, so not read as the edge's weight; kept as the \
                    attribute \"penwidth\"";
    let expected: Vec<(&str, String)> = [
        ("line 2, column 20", "\"thick\""),
        ("line 4, column 22", "\"0\""),
        ("line 5, column 22", "\"nan\""),
        ("line 5, column 45", "\"-2\""),
        ("line 5, column 67", "\"1e999\""),
    ]
    .into_iter()
    .map(|(at, value)| (at, format!("penwidth {value} {not_read}")))
    .collect();
    let warnings: Vec<(&str, String)> = warnings_of(&loaded)
        .into_iter()
        .map(|(at, message)| (at, message.to_owned()))
        .collect();
    assert_eq!(warnings, expected);
}
