//! Cytoscape's CX networks, as NDEx and Cytoscape desktop export them: CX version 1 (`.cx`,
//! attributes in aspects of their own, a Cytoscape collection's subnetworks and views) and
//! CX2 (`.cx2`, declared types, aliases, defaults, fragments), and the broken ones, each
//! refused or warned at its place, never a panic.

use chainsight::formats::{self, LoadError, Loaded};
use chainsight::model::{EntityKind, RelationKind};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{entity, fixture, load, load_text, relation};

/// The line, column, JSON path and message of the structure error loading `result` gives.
fn structure_error(result: Result<Loaded, LoadError>) -> (usize, usize, String, String) {
    match result {
        Err(LoadError::Structure {
            position: Some(position),
            json_path,
            message,
            ..
        }) => (position.line, position.column, json_path, message),
        Err(other) => panic!("not a located structure error: {other:?}"),
        Ok(loaded) => panic!("loaded: {}", loaded.report.summary()),
    }
}

/// Each relation as `source -> target` by entity name.
fn links(loaded: &Loaded) -> Vec<String> {
    let d = &loaded.dataset;
    let name = |e| d.entity(e).map_or("?", |e| e.name.as_str());
    d.relations
        .iter()
        .map(|r| format!("{} -> {}", name(r.source), name(r.target)))
        .collect()
}

/// Where entity `id` is drawn.
fn position(loaded: &Loaded, id: &str) -> Option<(f32, f32)> {
    let d = &loaded.dataset;
    let idx = d.entity_by_id(id)?;
    d.positions
        .iter()
        .find(|(at, _)| *at == idx)
        .map(|(_, p)| (p.x, p.y))
}

fn warnings(loaded: &Loaded) -> Vec<(String, String)> {
    loaded
        .report
        .warnings
        .iter()
        .map(|w| (w.json_path.clone(), w.message.clone()))
        .collect()
}

fn note_with<'a>(loaded: &'a Loaded, start: &str) -> &'a str {
    loaded
        .report
        .notes
        .iter()
        .find(|note| note.contains(start))
        .unwrap_or_else(|| panic!("no note with {start:?}: {:?}", loaded.report.notes))
}

#[test]
fn an_ndex_cx_network_opens_with_its_attributes_layout_and_metadata() {
    let loaded = load("formats/cx/ndex_supply.cx");
    assert_eq!(loaded.report.format, "Cytoscape CX (version 1)");
    assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
    let ibm = entity(&loaded.dataset, "0");
    assert_eq!(ibm.name, "IBM", "the node's n");
    assert_eq!(ibm.kind, EntityKind::Company, "nodeAttributes type");
    assert_eq!(ibm.country.as_deref(), Some("US"));
    assert_eq!(ibm.attributes["represents"], "wikidata:Q37156");
    assert_eq!(
        ibm.attributes["alias"], "International Business Machines | Big Blue",
        "a list_of_string joined as the XGMML reader joins lists"
    );
    let huawei = entity(&loaded.dataset, "1");
    assert_eq!(huawei.attributes["employees"], "207000");
    assert_eq!(
        entity(&loaded.dataset, "2").kind,
        EntityKind::GovernmentBody,
        "government_body"
    );
    let project = entity(&loaded.dataset, "3");
    assert_eq!(project.kind, EntityKind::Project);
    assert_eq!(
        project.attributes["listed"], "false",
        "a boolean written as text"
    );
    assert_eq!(
        links(&loaded),
        [
            "IBM -> Safe City Nairobi",
            "Huawei -> Safe City Nairobi",
            "Kenya Ministry of Interior -> Huawei"
        ]
    );
    let ibm_deal = relation(&loaded.dataset, "4");
    assert_eq!(ibm_deal.kind, RelationKind::Supplied, "the edge's i");
    assert!(ibm_deal.directed, "CX edges are directed");
    assert_eq!(ibm_deal.weight, Some(2.5), "a double written as text");
    assert_eq!(ibm_deal.when.date.as_deref(), Some("2011"));
    let source = ibm_deal.evidence[0].source.expect("the url cited");
    assert_eq!(
        loaded.dataset.sources[source.0].url.as_deref(),
        Some("https://example.org/tenders/ibm-2011")
    );
    let huawei_deal = relation(&loaded.dataset, "5");
    // An edge attribute `description` is the author's words, not a quote (NDEx's supports
    // are the quotes).
    assert!(huawei_deal.attributes["description"].starts_with("Huawei built"));
    assert!(huawei_deal.evidence.is_empty());
    assert_eq!(
        huawei_deal.attributes["citation"],
        "doi:10.1234/safecity.2015"
    );
    let funding = relation(&loaded.dataset, "6");
    assert_eq!(funding.kind, RelationKind::Funded);
    assert_eq!(funding.weight, Some(1.0));
    assert_eq!(funding.attributes["amount_usd"], "172000000");
    // Cytoscape's y points down, as on screen: read as written.
    assert_eq!(position(&loaded, "0"), Some((-180.5, -60.25)));
    assert_eq!(position(&loaded, "2"), Some((180.0, 140.5)));
    let meta = &loaded.dataset.metadata;
    assert_eq!(meta.title, "Nairobi Safe City suppliers");
    assert!(
        meta.description
            .as_deref()
            .unwrap()
            .contains("public tenders")
    );
    assert_eq!(
        meta.authors,
        ["Chainsight demo", "NDEx user chainsight-demo"]
    );
    assert_eq!(
        meta.license.as_deref(),
        Some("Attribution 4.0 International (CC BY 4.0)"),
        "NDEx's rights"
    );
    assert_eq!(
        note_with(&loaded, "aspects not read"),
        "aspects not read (styles, views and others a dataset has no place for): ndexStatus \
         (1 element), cyVisualProperties (3 elements)"
    );
    assert_eq!(
        note_with(&loaded, "network attributes"),
        "network attributes not kept (a dataset has no place for them): version, labels"
    );
}

#[test]
fn the_same_network_as_cx2_reads_the_same() {
    let one = load("formats/cx/ndex_supply.cx");
    let two = load("formats/cx/ndex_supply.cx2");
    assert_eq!(two.report.format, "Cytoscape CX2");
    assert!(two.report.warnings.is_empty(), "{:?}", warnings(&two));
    // Aliases (n, r, i), declared types and defaults (type "company", interaction
    // "supplied") give what CX version 1 writes out in full.
    assert_eq!(two.dataset.entities, one.dataset.entities);
    assert_eq!(two.dataset.relations, one.dataset.relations);
    assert_eq!(two.dataset.sources, one.dataset.sources);
    assert_eq!(two.dataset.positions, one.dataset.positions);
    assert_eq!(two.dataset.metadata, one.dataset.metadata);
    assert_eq!(
        note_with(&two, "aliases"),
        "attributes given by their aliases (attributeDeclarations \"a\") read by their names: \
         n = name, r = represents, i = interaction"
    );
    assert_eq!(
        note_with(&two, "defaults"),
        "4 attribute values filled in from the defaults attributeDeclarations gives (\"v\") \
         where an element has none"
    );
    assert_eq!(
        note_with(&two, "aspects not read"),
        "aspects not read (styles, views and others a dataset has no place for): \
         visualProperties (1 element), nodeBypasses (1 element), visualEditorProperties \
         (1 element)"
    );
}

#[test]
fn a_cytoscape_collection_reads_as_one_network_with_its_first_values() {
    let loaded = load("formats/cx/cytoscape_collection.cx");
    assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
    assert_eq!(
        loaded.dataset.metadata.title, "Safe City collection",
        "the root network's name before its subnetworks'"
    );
    let ibm = entity(&loaded.dataset, "104");
    assert_eq!(ibm.name, "IBM");
    assert!(
        !ibm.attributes.contains_key("shared name"),
        "repeats the name: {:?}",
        ibm.attributes
    );
    assert_eq!(ibm.attributes["selected"], "false");
    let huawei = entity(&loaded.dataset, "108");
    assert_eq!(
        huawei.attributes["selected"], "false",
        "subnetwork 52's value, given first; 150's is not kept"
    );
    assert!(
        !huawei.attributes.keys().any(|k| k.starts_with("__")),
        "hidden: {:?}",
        huawei.attributes
    );
    assert_eq!(position(&loaded, "108"), Some((120.0, 35.5)), "view 62's");
    let supplied = relation(&loaded.dataset, "110");
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert_eq!(supplied.label, None, "the name Cytoscape made is no label");
    assert_eq!(supplied.attributes["name"], "IBM (supplied) Safe City");
    assert!(!supplied.attributes.contains_key("shared interaction"));
    assert_eq!(supplied.weight, Some(3.0));
    let partner = relation(&loaded.dataset, "112");
    assert_eq!(partner.kind, RelationKind::PartneredWith);
    assert_eq!(
        partner.label.as_deref(),
        Some("partner"),
        "the file's own word"
    );
    for (start, whole) in [
        (
            "attributes repeating",
            "6 attributes repeating the element's name or interaction (\"shared name\", \"shared \
             interaction\", or a second attribute of one name and value) read once, not kept \
             twice",
        ),
        (
            "subnetwork",
            "1 attribute value that a Cytoscape subnetwork (\"s\") gives again, differing, not \
             kept: each element keeps the first value given",
        ),
        (
            "another Cytoscape view",
            "1 position given again for a node (another Cytoscape view, cartesianLayout \
             \"view\") not read: each node keeps its first",
        ),
        (
            "edge names",
            "2 edge names of the form \"source (interaction) target\", which Cytoscape makes, \
             kept as the attribute \"name\"; the interaction is the relation's type",
        ),
        (
            "network attributes",
            "network attributes not kept (a dataset has no place for them): name, selected",
        ),
        (
            "hidden",
            "2 values of Cytoscape's hidden attributes (its own bookkeeping) not kept: \
             __Annotations, __hiddenRank",
        ),
        (
            "aspects not read",
            "aspects not read (styles, views and others a dataset has no place for): \
             cyTableColumn (5 elements), cySubNetworks (2 elements), cyNetworkRelations \
             (3 elements), cyViews (2 elements), cyHiddenAttributes (1 element), \
             cyVisualProperties (1 element)",
        ),
    ] {
        assert_eq!(note_with(&loaded, start), whole);
    }
}

#[test]
fn cx2_fragments_are_read_in_order_with_declarations_merged() {
    let loaded = load("formats/cx/fragments.cx2");
    assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
    assert_eq!(
        links(&loaded),
        [
            "Hikvision -> Xinjiang Public Security Bureau",
            "Dahua -> Xinjiang Public Security Bureau"
        ]
    );
    assert_eq!(entity(&loaded.dataset, "12").kind, EntityKind::Company);
    assert_eq!(relation(&loaded.dataset, "21").weight, Some(0.5));
    assert!(
        loaded
            .dataset
            .relations
            .iter()
            .all(|r| r.kind == RelationKind::Supplied),
        "the alias i in both fragments"
    );
}

#[test]
fn dangling_references_and_misfit_values_are_warned_at_their_place() {
    let loaded = load("formats/cx/dangling.cx");
    assert_eq!(
        warnings(&loaded),
        [
            (
                "[6].status[0]".to_owned(),
                "the file says it was not written successfully (\"success\": false): \"Network \
                 export stopped after 3 of 5 edges\"; what it holds is read"
                    .to_owned()
            ),
            (
                "[4].nodeAttributes[0].po".to_owned(),
                "\"7\" names no node; this attribute (\"type\") is not read".to_owned()
            ),
            (
                "[4].nodeAttributes[1].v".to_owned(),
                "declared \"integer\", found string \"about 42000\"; kept as written".to_owned()
            ),
            (
                "[4].nodeAttributes[2].d".to_owned(),
                "found string \"float\" as the data type; expected one of CX's: string, \
                 boolean, double, integer, long, or a list of one (list_of_string...); the \
                 value is read as written"
                    .to_owned()
            ),
            (
                "[5].cartesianLayout[0].node".to_owned(),
                "\"8\" names no node; this position is not read".to_owned()
            ),
            (
                "[5].cartesianLayout[1].x".to_owned(),
                "found string \"left\", expected a number; this position is not read".to_owned()
            ),
            (
                "[3].edges[0].t".to_owned(),
                "\"9\" names no node; a placeholder entity was added for it (used by 2 \
                 relations)"
                    .to_owned()
            ),
        ]
    );
    let placeholder = entity(&loaded.dataset, "9");
    assert_eq!(placeholder.attributes["placeholder"], "true");
    assert_eq!(
        links(&loaded),
        ["Hikvision -> 9", "9 -> Dahua", "Hikvision -> Dahua"]
    );
    let hikvision = entity(&loaded.dataset, "1");
    assert_eq!(hikvision.attributes["employees"], "about 42000");
    assert_eq!(position(&loaded, "1"), None, "its x is no number");
    assert_eq!(entity(&loaded.dataset, "2").attributes["revenue"], "3.1e10");
}

#[test]
fn broken_cx_files_are_refused_at_their_place() {
    for (file, expected) in [
        (
            "invalid/cx_nodes_not_a_list.cx",
            (
                3,
                10,
                "[2].nodes",
                "found an object, expected a list of nodes",
            ),
        ),
        (
            "invalid/cx_edge_source_wrong_type.cx2",
            (
                6,
                20,
                "[2].edges[1].s",
                "found a list, expected the id of the edge's source node",
            ),
        ),
        (
            "invalid/cx_fragments_conflict.cx2",
            (
                5,
                51,
                "[3].attributeDeclarations[0].edges.weight",
                "the attribute \"weight\" of edges is declared again as \"string\", after \
                 \"double\" at [1].attributeDeclarations[0].edges.weight; Chainsight reads one \
                 type per attribute",
            ),
        ),
        (
            "invalid/cx_group_nodes_not_a_list.cx",
            (
                3,
                48,
                "[2].cyGroups[0].nodes",
                "found string \"1,2\", expected the list of the ids of the nodes in the group",
            ),
        ),
        (
            "invalid/cx_edge_citations_not_ids.cx",
            (
                5,
                42,
                "[4].edgeCitations[0].citations[0]",
                "found an object, expected the id of a citation cited",
            ),
        ),
        (
            "invalid/cx_support_citation_not_an_id.cx",
            (
                5,
                72,
                "[4].supports[0].citation",
                "found an object, expected the id of the citation the passage is quoted from",
            ),
        ),
        (
            "invalid/cx_unsupported_version.cx2",
            (
                2,
                17,
                "[0].CXVersion",
                "CX version \"3.0\" is not one Chainsight reads; expected \"2.0\" (CX2), or a \
                 CX version 1 network, which has no \"CXVersion\"",
            ),
        ),
    ] {
        let (line, column, path, message) = structure_error(formats::load_path(&fixture(file)));
        assert_eq!(
            (line, column, path.as_str(), message.as_str()),
            expected,
            "{file}"
        );
    }
}

#[test]
fn detection_sends_other_lists_where_they_went() {
    // A Cytoscape.js list of elements is no CX network.
    let flat = load_text(
        "elements.json",
        r#"[{"data": {"id": "a"}}, {"data": {"id": "b"}}, {"data": {"source": "a", "target": "b"}}]"#,
    );
    assert!(
        flat.report.format.starts_with("Cytoscape.js"),
        "{}",
        flat.report.format
    );
    // A list of anything else is refused as before, naming what is expected.
    let (_, _, path, message) = structure_error(formats::load_bytes("numbers.json", b"[1, 2, 3]"));
    assert_eq!(path, ".");
    assert!(message.contains("a JSON object"), "{message}");
    assert!(message.contains("a CX network"), "{message}");
    // The same list in a file named as CX is read as CX, whose reader says what is wrong.
    let (line, column, path, message) =
        structure_error(formats::load_bytes("numbers.cx", b"[1, 2, 3]"));
    assert_eq!((line, column, path.as_str()), (1, 2, "[0]"));
    assert!(
        message.starts_with("found number 1, expected an aspect"),
        "{message}"
    );
    // Aspects alone, with no metaData or descriptor, are CX; an opaque aspect named "data"
    // does not make them Cytoscape.js elements.
    let bare = load_text(
        "bare.json",
        r#"[{"data": [{"x": 1}]}, {"nodes": [{"@id": 1, "n": "A"}, {"@id": 2, "n": "B"}]}, {"edges": [{"@id": 3, "s": 1, "t": 2}]}]"#,
    );
    assert_eq!(bare.report.format, "Cytoscape CX (version 1)");
    assert_eq!(links(&bare), ["A -> B"]);
    assert_eq!(
        note_with(&bare, "aspects not read"),
        "aspects not read (styles, views and others a dataset has no place for): data (1 element)"
    );
}

#[test]
fn x_and_y_attributes_place_nothing_only_the_layout_does() {
    let two = load_text(
        "xy.cx2",
        r#"[{"CXVersion": "2.0"},
            {"attributeDeclarations": [{"nodes": {"x": {"d": "double"}, "y": {"d": "double"}}}]},
            {"nodes": [{"id": 1, "x": 5, "y": 6, "v": {"name": "A", "x": 100, "y": 200}},
                       {"id": 2, "v": {"name": "B", "x": 1, "y": 2}}]}]"#,
    );
    assert_eq!(position(&two, "1"), Some((5.0, 6.0)));
    assert_eq!(position(&two, "2"), None);
    assert_eq!(entity(&two.dataset, "1").attributes["x"], "100");
    assert_eq!(entity(&two.dataset, "2").attributes["y"], "2");
    let one = load_text(
        "xy.cx",
        r#"[{"nodes": [{"@id": 1, "n": "A"}]},
            {"nodeAttributes": [{"po": 1, "n": "X", "v": "7.5", "d": "double"}]},
            {"cartesianLayout": [{"node": 1, "x": 3, "y": 4}]}]"#,
    );
    assert_eq!(position(&one, "1"), Some((3.0, 4.0)));
    assert_eq!(entity(&one.dataset, "1").attributes["X"], "7.5");
}

#[test]
fn cx2_values_of_another_type_and_repeated_aspects_are_warned() {
    let loaded = load_text(
        "typed.cx2",
        r#"[{"CXVersion": "2.0", "hasFragments": false},
            {"attributeDeclarations": [{"nodes": {"employees": {"d": "integer"}, "tags": {"d": "list_of_string"}}}]},
            {"nodes": [{"id": 1, "v": {"name": "A", "employees": "many", "tags": "one"}}]},
            {"nodes": [{"id": 2, "v": {"name": "B", "tags": [1, "two"]}}]}]"#,
    );
    assert_eq!(
        warnings(&loaded),
        [
            (
                "[3].nodes".to_owned(),
                "the aspect \"nodes\" is given again, though the CX descriptor says \
                 \"hasFragments\": false; its elements are read too"
                    .to_owned()
            ),
            (
                "[2].nodes[0].v.employees".to_owned(),
                "declared \"integer\", found string \"many\"; kept as written".to_owned()
            ),
        ]
    );
    assert_eq!(entity(&loaded.dataset, "1").attributes["employees"], "many");
    assert_eq!(
        entity(&loaded.dataset, "1").attributes["tags"],
        "one",
        "one item"
    );
    assert_eq!(entity(&loaded.dataset, "2").attributes["tags"], "1 | two");
}

#[test]
fn an_attribute_given_twice_with_another_value_keeps_both() {
    let loaded = load_text(
        "twice.cx",
        r#"[{"nodes": [{"@id": 1, "n": "IBM"}]},
            {"nodeAttributes": [{"po": 1, "n": "name", "v": "IBM Corp."},
                                {"po": 1, "n": "name", "v": "IBM"}]}]"#,
    );
    let ibm = entity(&loaded.dataset, "1");
    assert_eq!(ibm.name, "IBM");
    assert_eq!(ibm.attributes["name 2"], "IBM Corp.");
    assert_eq!(
        warnings(&loaded),
        [(
            "[1].nodeAttributes[0]".to_owned(),
            "the attribute \"name\" is given again with another value; the first is kept, this \
             one as \"name 2\""
                .to_owned()
        )]
    );
    assert_eq!(
        note_with(&loaded, "repeating"),
        "1 attribute repeating the element's name or interaction (\"shared name\", \"shared \
         interaction\", or a second attribute of one name and value) read once, not kept twice"
    );
}

#[test]
fn ids_past_64_bits_stay_exact() {
    let loaded = load_text(
        "long.cx2",
        r#"[{"CXVersion": "2.0"},
            {"nodes": [{"id": 123456789012345678901234567890, "v": {"name": "A"}},
                       {"id": 123456789012345678901234567891, "v": {"name": "B"}}]},
            {"edges": [{"id": 1, "s": 123456789012345678901234567891, "t": 123456789012345678901234567890}]}]"#,
    );
    assert_eq!(links(&loaded), ["B -> A"]);
    assert!(loaded.report.warnings.is_empty(), "{:?}", warnings(&loaded));
}

/// A CX2 file declaring `defaults` node attributes with a default each, and `nodes` nodes
/// with none of them.
fn defaults_file(defaults: usize, nodes: usize) -> String {
    let declarations: Vec<String> = (0..defaults)
        .map(|i| format!(r#""a{i}": {{"d": "string", "v": "x"}}"#))
        .collect();
    let nodes: Vec<String> = (0..nodes).map(|i| format!(r#"{{"id": {i}}}"#)).collect();
    format!(
        r#"[{{"CXVersion": "2.0"}}, {{"attributeDeclarations": [{{"nodes": {{{}}}}}]}}, {{"nodes": [{}]}}]"#,
        declarations.join(", "),
        nodes.join(", ")
    )
}

#[test]
fn defaults_copied_past_the_budget_stop_the_load() {
    // 1.2 million values from a file of some 40 KB.
    let text = defaults_file(1200, 1000);
    assert!(text.len() < 60_000, "{}", text.len());
    let (_, _, path, message) =
        structure_error(formats::load_bytes("defaults.cx2", text.as_bytes()));
    assert!(path.starts_with("[2].nodes["), "{path}");
    assert!(
        message.contains(
            "the defaults attributeDeclarations gives (\"v\") would give the nodes and edges \
             more than"
        ),
        "{message}"
    );
    assert!(message.contains("rather than fill the memory"), "{message}");
    // Within the budget, every node gets every default.
    let loaded = load_text("defaults.cx2", &defaults_file(1200, 2));
    assert_eq!(loaded.dataset.entities.len(), 2);
    assert_eq!(loaded.dataset.entities[1].attributes["a1199"], "x");
    assert_eq!(
        note_with(&loaded, "defaults"),
        "2400 attribute values filled in from the defaults attributeDeclarations gives (\"v\") \
         where an element has none"
    );
}

#[test]
fn one_alias_for_two_attributes_is_refused_at_the_second() {
    let text = r#"[{"CXVersion": "2.0", "hasFragments": true},
{"attributeDeclarations": [{"nodes": {"name": {"d": "string", "a": "n"}}}]},
{"attributeDeclarations": [{"nodes": {"notes": {"d": "string", "a": "n"}}}]},
{"nodes": [{"id": 0, "v": {"n": "Hikvision"}}]}]"#;
    let (line, column, path, message) =
        structure_error(formats::load_bytes("alias.cx2", text.as_bytes()));
    assert_eq!(
        (line, column, path.as_str()),
        (3, 69, "[2].attributeDeclarations[0].nodes.notes.a")
    );
    assert_eq!(
        message,
        "the alias \"n\" of nodes is declared for both \"name\" and \"notes\"; expected one \
         attribute per alias"
    );
}

/// Cytoscape's groups (`cyGroups`): each member is drawn "part of" its group, the group
/// being the node of its id (Cytoscape's group node) or, where none has it, an entity made
/// for it; a member naming no node is warned, and what a group gives beyond its members is
/// named in a note.
#[test]
fn cytoscape_groups_are_drawn_as_part_of_links() {
    let loaded = load("formats/cx/groups_citations.cx");
    let memberships: Vec<String> = loaded
        .dataset
        .relations
        .iter()
        .filter(|r| r.label.as_deref() == Some("part of"))
        .map(|r| {
            let d = &loaded.dataset;
            format!(
                "{} -> {}",
                d.entities[r.source.0].name, d.entities[r.target.0].name
            )
        })
        .collect();
    assert_eq!(
        memberships,
        [
            "Huawei -> Safe City consortium",
            "Safaricom -> Safe City consortium",
            "Kenya Ministry of Interior -> Government side",
        ]
    );
    let made = entity(&loaded.dataset, "210");
    assert_eq!(made.name, "Government side", "named by the group's n");
    assert_eq!(
        entity(&loaded.dataset, "205").name,
        "Safe City consortium",
        "the group node of the file is the group"
    );
    assert_eq!(loaded.dataset.entities.len(), 6);
    assert_eq!(
        note_with(&loaded, "memberships"),
        "2 groups: 3 memberships drawn as “part of” links"
    );
    assert_eq!(
        note_with(&loaded, "(cyGroups)"),
        "1 Cytoscape group (cyGroups) named no node of the file: an entity was made for each, \
         named by the group's name, for its members to be part of"
    );
    assert_eq!(
        note_with(&loaded, "what Cytoscape's groups give"),
        "what Cytoscape's groups give beside their nodes, not read (every edge is read from \
         edges; Chainsight draws no collapsed group): collapsed (2), external_edges (2), \
         internal_edges (1)"
    );
    assert!(
        warnings(&loaded).contains(&(
            "[6].cyGroups[1].nodes[1]".to_owned(),
            "\"999\" names no node; this member of the group is not read".to_owned()
        )),
        "{:?}",
        warnings(&loaded)
    );
    // The aspect is not named among those not read (none is).
    assert!(
        !loaded
            .report
            .notes
            .iter()
            .any(|note| note.contains("cyGroups (")),
        "{:?}",
        loaded.report.notes
    );
}

/// NDEx's citations: each a source (a DOI or PubMed id an article at its address, a web
/// address a page), cited by the relations `edgeCitations` names as evidence without a
/// quote; an entity, which has no evidence, keeps its citations as an attribute.
#[test]
fn ndex_citations_are_the_sources_behind_relations() {
    let loaded = load("formats/cx/groups_citations.cx");
    let d = &loaded.dataset;
    let titles: Vec<(&str, Option<&str>, Option<&str>)> = d
        .sources
        .iter()
        .map(|s| (s.title.as_str(), s.author.as_deref(), s.url.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "Huawei's Safe City goes live in Nairobi",
                Some("J. Mwangi"),
                Some("https://news.example/2015/safe-city-nairobi")
            ),
            (
                "Urban surveillance procurement in East Africa",
                Some("A. Otieno; B. Kamau"),
                Some("https://doi.org/10.5555/surveillance.2019.12")
            ),
            (
                "pmid:29925063",
                None,
                Some("https://pubmed.ncbi.nlm.nih.gov/29925063/")
            ),
        ]
    );
    assert_eq!(d.sources[1].kind, chainsight::model::SourceKind::Article);
    assert_eq!(d.sources[0].kind, chainsight::model::SourceKind::Website);
    // (301 also quotes the first: see the supports test below.)
    let cited = |id: &str| -> Vec<&str> {
        relation(&loaded.dataset, id)
            .evidence
            .iter()
            .map(|e| d.sources[e.source.expect("a source").0].title.as_str())
            .collect()
    };
    // Given twice (two elements name 301 and 401): cited once.
    assert_eq!(
        cited("301"),
        [
            "Huawei's Safe City goes live in Nairobi",
            "Urban surveillance procurement in East Africa"
        ]
    );
    assert_eq!(
        cited("303"),
        ["Urban surveillance procurement in East Africa"]
    );
    assert!(cited("304").is_empty());
    // 301 cites the news story and has a support quoting it: one evidence, with the quote.
    let quotes: Vec<&str> = relation(&loaded.dataset, "301")
        .evidence
        .iter()
        .map(|e| e.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        ["Huawei supplied the cameras and the command centre.", ""]
    );
    assert_eq!(relation(&loaded.dataset, "302").documents_behind(), 2);
    assert_eq!(
        entity(&loaded.dataset, "201").attributes["citations"],
        "Huawei's Safe City goes live in Nairobi (https://news.example/2015/safe-city-nairobi) \
         | pmid:29925063"
    );
    assert_eq!(
        note_with(&loaded, "NDEx citations read"),
        "3 NDEx citations read as sources: 3 relations cite them, each citation evidence \
         without a quote; 1 entity keeps its as the attribute \"citations\" (an entity has no \
         evidence)"
    );
    assert_eq!(
        note_with(&loaded, "no place for, not kept"),
        "what NDEx citations give that a source has no place for, not kept: attributes (1), \
         dc:description (1)"
    );
    assert!(
        warnings(&loaded).contains(&(
            "[8].edgeCitations[1].citations[1]".to_owned(),
            "\"499\" names no citation; not read".to_owned()
        )),
        "{:?}",
        warnings(&loaded)
    );
    // Every aspect of the file is read: no note of aspects not read.
    assert!(
        !loaded
            .report
            .notes
            .iter()
            .any(|note| note.contains("aspects not read")),
        "{:?}",
        loaded.report.notes
    );
}

/// NDEx's supports: a passage quoted from a citation is quoted evidence on the relations
/// `edgeSupports` names, its citation the source; a relation citing that citation too has
/// one evidence, with the quote; an entity keeps its passages as an attribute.
#[test]
fn ndex_supports_are_quoted_evidence_from_their_citations() {
    let loaded = load("formats/cx/supports.cx");
    let d = &loaded.dataset;
    let evidence = |id: &str| -> Vec<(&str, Option<&str>)> {
        relation(&loaded.dataset, id)
            .evidence
            .iter()
            .map(|e| {
                (
                    e.quote.as_str(),
                    e.source.map(|s| d.sources[s.0].title.as_str()),
                )
            })
            .collect()
    };
    // 11 cites the annual report and quotes it: one evidence, with the quote; and a
    // passage from the study.
    assert_eq!(
        evidence("11"),
        [
            (
                "Glencore holds a 75% interest in Kamoto Copper Company.",
                Some("Glencore annual report 2022")
            ),
            (
                "KCC is majority-owned by Glencore.",
                Some("Cobalt supply chains in the DRC")
            ),
        ]
    );
    // 12 quotes the study (named twice, read once) and cites the report, which it does not
    // quote: evidence without a quote.
    assert_eq!(
        evidence("12"),
        [
            (
                "KCC sold cobalt hydroxide to Huayou in 2021.",
                Some("Cobalt supply chains in the DRC")
            ),
            ("", Some("Glencore annual report 2022")),
        ]
    );
    // 13's passage names no citation of the file: quoted without a source, warned.
    assert_eq!(
        evidence("13"),
        [("Huayou ships cobalt sulphate to CATL.", None)]
    );
    assert_eq!(
        entity(&loaded.dataset, "1").attributes["supports"],
        "“Glencore holds a 75% interest in Kamoto Copper Company.” — Glencore annual report \
         2022 (https://glencore.example/ar2022.pdf) | “KCC is majority-owned by Glencore.” — \
         Cobalt supply chains in the DRC (doi:10.5555/cobalt.2016)"
    );
    assert_eq!(
        warnings(&loaded),
        [
            (
                "[6].supports[2].citation".to_owned(),
                "\"29\" names no citation; the passage is read without its source".to_owned()
            ),
            (
                "[6].supports[4]".to_owned(),
                "a support with neither a passage (\"text\") nor a citation gives nothing; not \
                 read"
                    .to_owned()
            ),
            (
                "[6].supports[5].@id".to_owned(),
                "a second support of id \"31\"; the first is kept, this one is not read".to_owned()
            ),
            (
                "[8].edgeSupports[2].supports[2]".to_owned(),
                "\"39\" names no support; not read".to_owned()
            ),
            (
                "[8].edgeSupports[2].po".to_owned(),
                "\"19\" names no edge; its supports here are not read".to_owned()
            ),
        ]
    );
    assert_eq!(
        note_with(&loaded, "NDEx supports"),
        "4 NDEx supports (passages quoted from citations) read as quoted evidence on 3 \
         relations, each passage's citation its source (a relation that also cites that \
         citation has one evidence, with the quote); 1 entity keeps its as the attribute \
         \"supports\" (an entity has no evidence)"
    );
    assert_eq!(
        note_with(&loaded, "NDEx supports give"),
        "what NDEx supports give beside their text and citation, not kept: attributes (1)"
    );
}

#[test]
fn supports_given_past_the_budget_stop_the_load() {
    // One passage of some 60 KB supporting 1,000 edges: 60 MB of quotes from a file of some
    // 70 KB.
    let edges: Vec<String> = (0..1000)
        .map(|i| format!(r#"{{"@id": {i}, "s": 0, "t": 0}}"#))
        .collect();
    let ids: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
    let text = format!(
        r#"[{{"nodes": [{{"@id": 0}}]}}, {{"edges": [{}]}},
{{"supports": [{{"@id": 1, "text": "{}"}}]}},
{{"edgeSupports": [{{"po": [{}], "supports": [1]}}]}}]"#,
        edges.join(", "),
        "a".repeat(60_000),
        ids.join(", "),
    );
    assert!(text.len() < 100_000, "{}", text.len());
    let (line, column, path, message) =
        structure_error(formats::load_bytes("quoted.cx", text.as_bytes()));
    assert_eq!(
        (line, column, path.as_str()),
        (3, 19, "[3].edgeSupports[0]")
    );
    assert!(message.contains("rather than fill the memory"), "{message}");
}

#[test]
fn citations_of_unknown_nodes_and_edges_are_warned_at_their_place() {
    let text = r#"[{"nodes": [{"@id": 1, "n": "A"}]},
{"edges": [{"@id": 2, "s": 1, "t": 1}]},
{"citations": [{"@id": 3, "dc:identifier": "doi:10.1/x"}, {"@id": 3, "dc:identifier": "doi:10.1/y"}]},
{"nodeCitations": [{"po": 9, "citations": 3}]},
{"edgeCitations": [{"po": [2, 8], "citations": [3]}]}]"#;
    let loaded = load_text("unknown.cx", text);
    assert_eq!(
        warnings(&loaded),
        [
            (
                "[2].citations[1].@id".to_owned(),
                "a second citation of id \"3\"; the first is kept, this one is not read".to_owned()
            ),
            (
                "[3].nodeCitations[0].po".to_owned(),
                "\"9\" names no node; its citations here are not read".to_owned()
            ),
            (
                "[4].edgeCitations[0].po".to_owned(),
                "\"8\" names no edge; its citations here are not read".to_owned()
            ),
        ]
    );
    assert_eq!(loaded.dataset.sources.len(), 1);
    assert_eq!(loaded.dataset.relations[0].evidence.len(), 1);
}

#[test]
fn citations_given_past_the_budget_stop_the_load() {
    // Some 1.2 million citations of edges from a file of some 90 KB.
    let edges: Vec<String> = (0..1100)
        .map(|i| format!(r#"{{"@id": {i}, "s": 0, "t": 0}}"#))
        .collect();
    let citations: Vec<String> = (0..1100)
        .map(|i| format!(r#"{{"@id": {i}, "dc:identifier": "c{i}"}}"#))
        .collect();
    let ids: Vec<String> = (0..1100).map(|i| i.to_string()).collect();
    let text = format!(
        r#"[{{"nodes": [{{"@id": 0}}]}}, {{"edges": [{}]}}, {{"citations": [{}]}},
{{"edgeCitations": [{{"po": [{ids}], "citations": [{ids}]}}]}}]"#,
        edges.join(", "),
        citations.join(", "),
        ids = ids.join(", ")
    );
    assert!(text.len() < 100_000, "{}", text.len());
    let (_, _, path, message) = structure_error(formats::load_bytes("cited.cx", text.as_bytes()));
    assert_eq!(path, "[3].edgeCitations[0]");
    assert!(message.contains("rather than fill the memory"), "{message}");
}
