//! Loader tests: every bundled dataset loads clean; valid fixtures load with exactly the
//! warnings they should; every invalid fixture fails with its kind of error at its line.

use std::path::PathBuf;

use chainsight::formats::{self, LoadError};
use chainsight::model::{EntityKind, RelationStatus};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{fixture, load};

fn load_error(path: &str) -> LoadError {
    match formats::load_path(&fixture(path)) {
        Ok(loaded) => panic!(
            "{path} should not load, but loaded: {}",
            loaded.report.summary()
        ),
        Err(error) => error,
    }
}

fn line_of(error: &LoadError) -> usize {
    error
        .position()
        .map(|p| p.line)
        .expect("error has a position")
}

#[test]
fn builtin_dataset_loads_without_warnings() {
    let loaded = formats::load_builtin().expect("built-in dataset loads");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
    let dataset = &loaded.dataset;
    assert!(
        dataset.entities.len() >= 40,
        "{} entities",
        dataset.entities.len()
    );
    assert!(
        dataset.relations.len() >= 60,
        "{} relations",
        dataset.relations.len()
    );
    for relation in &dataset.relations {
        assert!(
            !relation.evidence.is_empty(),
            "{} has no evidence",
            relation.relation_id
        );
        for evidence in &relation.evidence {
            assert!(
                evidence.source.is_some(),
                "{} quote has no source",
                relation.relation_id
            );
        }
    }
    for name in [
        "IBM",
        "Cisco",
        "Microsoft",
        "Huawei",
        "Karamay",
        "Urumqi",
        "Belgrade",
        "China Mobile",
        "Frequentis",
    ] {
        assert!(
            dataset.entity_by_name(name).is_some(),
            "{name} missing from the built-in dataset"
        );
    }
}

#[test]
fn builtin_dataset_ties_ibm_to_huawei_and_karamay() {
    let dataset = formats::load_builtin().unwrap().dataset;
    let ibm = dataset.entity_by_name("IBM").unwrap();
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    let karamay_linked = dataset.relations.iter().any(|r| {
        (r.source == ibm || r.target == ibm)
            && [r.source, r.target]
                .iter()
                .any(|&e| dataset.entity(e).unwrap().name.contains("Karamay"))
    });
    let huawei_linked = dataset.relations.iter().any(|r| {
        (r.source == ibm && r.target == huawei) || (r.source == huawei && r.target == ibm)
    });
    assert!(karamay_linked && huawei_linked);
}

#[test]
fn builtin_dataset_round_trips_through_the_native_writer() {
    let loaded = formats::load_builtin().unwrap();
    let written = formats::native::write(&loaded.dataset);
    let again = formats::load_bytes("again.json", written.as_bytes()).unwrap();
    assert!(
        again.report.warnings.is_empty(),
        "{:#?}",
        again.report.warnings
    );
    assert_eq!(again.dataset, loaded.dataset);
}

#[test]
fn minimal_fixture_loads_every_field() {
    let loaded = formats::load_path(&fixture("valid/minimal.json")).unwrap();
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
    let dataset = loaded.dataset;
    assert_eq!(dataset.metadata.title, "Minimal supply chain");
    assert_eq!(dataset.entities.len(), 3);
    assert_eq!(dataset.entities[1].aliases, ["Huawei Technologies"]);
    assert_eq!(dataset.entities[2].kind, EntityKind::City);
    assert_eq!(dataset.relations[1].status, RelationStatus::Claimed);
    assert_eq!(dataset.relations[1].when.display().as_deref(), Some("2012"));
    assert_eq!(
        dataset.relations[0].when.display().as_deref(),
        Some("since 2000")
    );
    assert_eq!(dataset.relations[1].evidence[0].cites.len(), 1);
    assert_eq!(dataset.positions.len(), 1);
    assert_eq!(loaded.report.evidence_count, 3);
}

#[test]
fn byte_order_mark_is_accepted() {
    let loaded = formats::load_path(&fixture("valid/bom.json")).unwrap();
    assert_eq!(loaded.dataset.entities.len(), 1);
}

#[test]
fn problems_that_do_not_stop_the_load_are_all_reported() {
    let loaded = formats::load_path(&fixture("valid/warnings.json")).unwrap();
    let warnings = &loaded.report.warnings;
    let has = |path: &str, text: &str| {
        warnings
            .iter()
            .any(|w| w.json_path == path && w.message.contains(text))
    };
    assert!(has("entities[0].colour", "unknown key"), "{warnings:#?}");
    assert!(has("entities[1].kind", "spaceship"), "{warnings:#?}");
    assert!(
        has("entities[2].id", "duplicate entity id"),
        "{warnings:#?}"
    );
    assert!(has("relations[0].date", "2012-13"), "{warnings:#?}");
    assert!(
        has("relations[0].evidence[0].source", "nowhere"),
        "{warnings:#?}"
    );
    assert!(
        has("relations[0].evidence[0].cites[0]", "missing-doc"),
        "{warnings:#?}"
    );
    assert!(has("relations[1]", "\"ghost\""), "{warnings:#?}");
    assert!(
        has("relations[2].id", "duplicate relation id"),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 8, "{warnings:#?}");
    // What was set aside is not in the model; what was kept is.
    assert_eq!(loaded.dataset.entities.len(), 2);
    assert_eq!(loaded.dataset.relations.len(), 1);
    assert_eq!(loaded.dataset.entities[1].kind, EntityKind::Other);
}

#[test]
fn truncated_json_is_a_syntax_error_at_the_end() {
    let error = load_error("invalid/truncated.json");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(line_of(&error), 6);
    assert!(error.to_string().contains("truncated.json"));
}

#[test]
fn trailing_comma_is_a_syntax_error_on_its_line() {
    let error = load_error("invalid/trailing_comma.json");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(line_of(&error), 6);
}

/// Python's `str()` of a networkx/Cytoscape dict, saved as `.cyjs`: a syntax error at its
/// place that says what the file is and how to write JSON instead.
#[test]
fn a_python_dict_is_a_syntax_error_that_says_so() {
    let error = load_error("invalid/python_dict.cyjs");
    let LoadError::Syntax {
        position, message, ..
    } = &error
    else {
        panic!("a syntax error: {error:?}");
    };
    assert_eq!((position.line, position.column), (1, 2));
    assert!(message.contains("Python dict"), "{message}");
    assert!(message.contains("json.dump"), "{message}");
}

#[test]
fn wrong_type_names_the_path_and_what_was_expected() {
    let error = load_error("invalid/entities_not_a_list.json");
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert_eq!(error.json_path(), Some("entities"));
    assert_eq!(line_of(&error), 4);
    let message = error.to_string();
    assert!(
        message.contains("\"IBM\"") && message.contains("list"),
        "{message}"
    );
}

#[test]
fn wrong_type_deep_inside_names_the_full_path() {
    let error = load_error("invalid/evidence_source_wrong_type.json");
    assert_eq!(error.json_path(), Some("relations[1].evidence[0].source"));
    assert_eq!(line_of(&error), 9);
}

#[test]
fn missing_required_key_names_it() {
    let error = load_error("invalid/missing_target.json");
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert_eq!(error.json_path(), Some("relations[0]"));
    assert!(
        error
            .to_string()
            .contains("the required key \"target\" is missing"),
        "{error}"
    );
}

#[test]
fn newer_version_is_refused_by_name() {
    let error = load_error("invalid/future_version.json");
    assert!(
        matches!(error, LoadError::UnsupportedVersion { ref found, .. } if found == "7"),
        "{error:?}"
    );
}

#[test]
fn json_that_is_no_known_graph_says_what_was_tried() {
    let error = load_error("invalid/not_a_graph.json");
    assert!(
        matches!(error, LoadError::UnknownFormat { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    for tried in [
        "Chainsight",
        "Cytoscape.js",
        "JSON Graph Format",
        "node-link",
        "Kumu",
        "graphology",
    ] {
        assert!(message.contains(tried), "{tried} not named in: {message}");
    }
    assert!(
        message.contains("people, friendships") || message.contains("friendships, people"),
        "{message}"
    );
}

#[test]
fn nan_is_a_syntax_error() {
    let error = load_error("invalid/nan.json");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(line_of(&error), 2);
}

#[test]
fn whitespace_only_file_is_empty() {
    assert!(matches!(
        load_error("invalid/whitespace_only.json"),
        LoadError::Empty { .. }
    ));
}

#[test]
fn top_level_array_is_refused_as_not_an_object() {
    let error = load_error("invalid/top_level_array.json");
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert!(error.to_string().contains("a JSON object"), "{error}");
}

#[test]
fn missing_file_and_folder_are_unreadable() {
    assert!(matches!(
        load_error("no/such/file.json"),
        LoadError::Unreadable { .. }
    ));
    assert!(matches!(load_error("valid"), LoadError::Unreadable { .. }));
}

#[test]
fn invalid_utf8_and_utf16_are_refused() {
    let error = formats::load_bytes("latin1.json", b"{\"format\": \"caf\xe9\"}").unwrap_err();
    assert!(
        matches!(
            error,
            LoadError::NotUtf8 {
                byte_offset: 15,
                ..
            }
        ),
        "{error:?}"
    );
    // A UTF-16 surrogate with no partner.
    let utf16 = b"\xff\xfe{\x00\x00\xd8}\x00";
    assert!(matches!(
        formats::load_bytes("utf16.json", utf16),
        Err(LoadError::NotUtf8 { byte_offset: 4, .. })
    ));
}

#[test]
fn binary_garbage_does_not_panic() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(formats::load_bytes("garbage.bin", &garbage).is_err());
}

#[test]
fn deeply_nested_arrays_fail_cleanly() {
    let depth = 100_000;
    let text = format!(
        "{{\"format\":\"chainsight\",\"version\":1,\"x\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // An unknown key is skipped without recursion, so it loads with a warning; either way,
    // no stack overflow and no hang.
    match formats::load_bytes("deep.json", text.as_bytes()) {
        Ok(loaded) => assert!(loaded.report.warnings.iter().any(|w| w.json_path == "x")),
        Err(error) => assert!(
            matches!(
                error,
                LoadError::Syntax { .. } | LoadError::Structure { .. }
            ),
            "{error:?}"
        ),
    }
    let nested_entity = format!(
        "{{\"format\":\"chainsight\",\"version\":1,\"relations\":[],\"entities\":[{{\"id\":\"a\",\"name\":\"A\",\"aliases\":{}{}}}]}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(formats::load_bytes("deep2.json", nested_entity.as_bytes()).is_err());
}

/// A FIFO with no writer: opening it for reading would block for ever.
#[cfg(unix)]
fn fifo_in(dir: &std::path::Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
    path
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo_in(dir.path(), "graph.json");
    let started = std::time::Instant::now();
    for path in [
        fifo.clone(),
        PathBuf::from("/dev/zero"),
        PathBuf::from("/dev/urandom"),
        dir.path().to_path_buf(),
    ] {
        let error = formats::load_path(&path).expect_err("refused");
        assert!(matches!(error, LoadError::Unreadable { .. }), "{error:?}");
        assert!(
            error.to_string().contains("only regular files are read"),
            "{error}"
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[cfg(unix)]
#[test]
fn a_node_table_that_is_not_a_regular_file_is_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("supply-edges.csv");
    std::fs::write(&edges, "source,target\na,b\n").unwrap();
    // A FIFO, then a link to a device, where the node table would be.
    fifo_in(dir.path(), "supply-nodes.csv");
    let loaded = formats::load_path(&edges).expect("the edge list still loads");
    assert_eq!(loaded.report.entity_count, 2);
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "supply-nodes.csv");
    assert!(
        warning.message.contains("only regular files are read"),
        "{warning:?}"
    );
    std::fs::remove_file(dir.path().join("supply-nodes.csv")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("supply-nodes.csv")).unwrap();
    let loaded = formats::load_path(&edges).expect("the edge list still loads");
    assert!(loaded.report.warnings[0].message.contains("not used"));
    // A link to a regular file is followed.
    std::fs::remove_file(dir.path().join("supply-nodes.csv")).unwrap();
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "id,label\na,Alpha\nb,Beta\n").unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("supply-nodes.csv")).unwrap();
    let loaded = formats::load_path(&edges).expect("loads");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert_eq!(loaded.dataset.entities[0].name, "Alpha");
}

#[test]
fn a_node_table_is_quoted_only_in_short_escaped_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("x-edges.csv");
    std::fs::write(&edges, "source,target\na,b\n").unwrap();
    let nodes = dir.path().join("x-nodes.csv");
    let warnings = |edges: &std::path::Path| -> String {
        let loaded = formats::load_path(edges).expect("the edge list loads alone");
        assert_eq!(loaded.report.entity_count, 2);
        loaded
            .report
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect()
    };
    // A node table with no id column whose header is one huge cell: quoted short.
    std::fs::write(&nodes, format!("{},other\n1,2\n", "z".repeat(500_000))).unwrap();
    let all = warnings(&edges);
    assert!(all.contains("no id, label or name column"), "{all}");
    assert!(all.len() < 1_000, "{} characters of warnings", all.len());
    // Escape sequences in it: named by code point, never passed on raw.
    std::fs::write(&nodes, "\u{1b}]0;owned\u{7},other\n1,2\n").unwrap();
    let all = warnings(&edges);
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all}");
    assert!(all.contains("U+001B"), "{all}");
}

#[test]
fn a_kelvin_sign_in_the_file_name_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("\u{212a}\u{212a}-edges.csv");
    std::fs::write(&edges, "source,target\na,b\n").unwrap();
    std::fs::write(
        dir.path().join("\u{212a}\u{212a}-nodes.csv"),
        "id,label\na,Alpha\nb,Beta\n",
    )
    .unwrap();
    let loaded = formats::load_path(&edges).expect("loads");
    assert_eq!(loaded.dataset.entities[0].name, "Alpha");
}

/// The notes of loading `edges`, after writing it (a two-row edge list) and `beside` (each a
/// node table naming KSC) into a fresh folder; and the first entity's name.
fn load_beside(edges: &str, beside: &[&str]) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(edges);
    std::fs::write(&path, "Source,Target\nKSC,Huawei\nHuawei,Urumqi\n").unwrap();
    for name in beside {
        std::fs::write(
            dir.path().join(name),
            "Id,Label,Type\nKSC,Karamay Safe City,project\nHuawei,Huawei,company\n",
        )
        .unwrap();
    }
    let loaded = formats::load_path(&path).expect("loads");
    let first = loaded.dataset.entities[0].name.clone();
    (first, loaded.report.notes)
}

#[test]
fn a_node_table_is_found_in_the_case_and_words_its_tool_writes() {
    for (edges, nodes) in [
        ("Supply Edges.csv", "Supply Nodes.csv"),
        ("SUPPLY_EDGES.CSV", "SUPPLY_NODES.CSV"),
        ("supply-edges.csv", "supply-nodes.csv"),
        // Gephi's Data Laboratory export.
        ("Supply [Edges].csv", "Supply [Nodes].csv"),
        // Kumu's two sheets, saved as CSV.
        ("kumu-connections.csv", "kumu-elements.csv"),
        ("Kumu Connections.csv", "Kumu Elements.csv"),
        ("graph-edges.csv", "graph-vertices.csv"),
        // Neo4j's relationships and nodes; `relationships` is not read as `relations`.
        ("relationships.csv", "nodes.csv"),
        ("relations.csv", "entities.csv"),
        // Another case than the edge list's: the folder is listed for it.
        ("supply-edges.csv", "Supply-Nodes.csv"),
        ("Supply Links.csv", "supply nodes.csv"),
    ] {
        let (first, notes) = load_beside(edges, &[nodes]);
        assert_eq!(
            first, "Karamay Safe City",
            "{edges} beside {nodes}: {notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with(&format!("node table: {nodes} ("))),
            "{edges} beside {nodes}: {notes:?}"
        );
    }
    // The word its tool pairs first wins: Kumu's elements beside its connections.
    let (_, notes) = load_beside(
        "kumu-connections.csv",
        &["kumu-nodes.csv", "kumu-elements.csv"],
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("node table: kumu-elements.csv")),
        "{notes:?}"
    );
}

#[test]
fn with_no_node_table_the_note_names_the_file_looked_for() {
    let (first, notes) = load_beside("Supply Edges.csv", &["Supply Nodes.csv.bak"]);
    assert_eq!(first, "KSC");
    assert!(
        notes.contains(
            &"no node table (looked for Supply Nodes.csv, or Vertices, Elements or Entities \
              in place of Nodes): the 3 names in the edge list were added as nodes"
                .to_owned()
        ),
        "{notes:?}"
    );
    let (_, notes) = load_beside("KUMU CONNECTIONS.CSV", &[]);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("no node table (looked for KUMU ELEMENTS.CSV, or NODES, ")),
        "{notes:?}"
    );
    // A name no node table is paired with says how one would be found.
    let (_, notes) = load_beside("supply.csv", &["supply-nodes.csv"]);
    assert!(
        notes.iter().any(|n| n.starts_with(
            "no node table (one is looked for only beside a file whose name has edges,"
        )),
        "{notes:?}"
    );
}

#[test]
fn thirty_digit_ids_keep_their_exact_text() {
    let text = r#"{"nodes": [{"id": 123456789012345678901234567890}, {"id": 123456789012345678901234567891}],
        "links": [{"source": 123456789012345678901234567890, "target": 123456789012345678901234567891}]}"#;
    let loaded = formats::load_bytes("big.json", text.as_bytes()).expect("loads");
    let ids: Vec<&str> = loaded
        .dataset
        .entities
        .iter()
        .map(|e| e.entity_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "123456789012345678901234567890",
            "123456789012345678901234567891"
        ]
    );
    assert_eq!(loaded.report.relation_count, 1);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    assert!(
        loaded.report.notes.iter().any(|n| n.contains("4 integers")),
        "{:?}",
        loaded.report.notes
    );
    // The same in a document read through serde_json::Value (Kumu).
    let kumu = r#"{"elements": [{"id": 100000000000000000000000000001}, {"id": 100000000000000000000000000002}],
        "connections": [{"from": 100000000000000000000000000001, "to": 100000000000000000000000000002}]}"#;
    let loaded = formats::load_bytes("big-kumu.json", kumu.as_bytes()).expect("loads");
    assert_eq!(loaded.report.entity_count, 2);
    assert_eq!(loaded.report.relation_count, 1);
}

#[test]
fn encoding_errors_give_line_and_column() {
    // Latin-1 é on line 3, after UTF-8 ü and è on line 2: columns count characters.
    let bytes = b"source,target\nZ\xc3\xbcrich,Gen\xc3\xa8ve\ncaf\xe9,b\n";
    let error = formats::load_bytes("latin1.csv", bytes).unwrap_err();
    let position = error.position().expect("a position");
    assert_eq!((position.line, position.column), (3, 4), "{error}");
    assert!(error.to_string().contains("line 3, column 4"), "{error}");
    // UTF-16 with an unpaired surrogate on the second line.
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "a,b\nxy".encode_utf16().chain([0xd800]) {
        utf16.extend(unit.to_le_bytes());
    }
    let error = formats::load_bytes("u16.csv", &utf16).unwrap_err();
    let position = error.position().expect("a position");
    assert_eq!((position.line, position.column), (2, 3), "{error}");
}

#[test]
fn huge_values_are_never_echoed_whole_in_the_report() {
    let huge = "k".repeat(2_000_000);
    let text = format!(
        r#"{{"nodes": [{{"id": "a", "kind": "{huge}"}}, {{"id": "a"}}], "links": [{{"source": "a", "target": "{huge}"}}], "{huge}": 1}}"#
    );
    let loaded = formats::load_bytes("huge.json", text.as_bytes()).expect("loads");
    let report = &loaded.report;
    assert!(!report.warnings.is_empty());
    for warning in &report.warnings {
        assert!(warning.json_path.len() < 1_100 && warning.message.len() < 1_100);
    }
    assert!(report.notes.iter().all(|note| note.len() < 1_100));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.json_path.contains("more bytes not shown")),
        "{:?}",
        report
            .warnings
            .iter()
            .map(|w| &w.json_path[..20.min(w.json_path.len())])
            .collect::<Vec<_>>()
    );
}

#[test]
fn errors_never_echo_huge_keys_or_names_whole() {
    let huge = "q".repeat(1_000_000);
    for text in [
        format!(r#"{{"{huge}": 1, "people": []}}"#),
        format!("<{huge}/>"),
        format!(r#"{{"graph": {{"nodes": {{"{huge}": 5}}, "captions": {{}}}}}}"#),
    ] {
        let error = formats::load_bytes("huge", text.as_bytes()).expect_err("refused");
        assert!(
            error.to_string().len() < 3_000,
            "{} bytes",
            error.to_string().len()
        );
        assert!(error.json_path().is_none_or(|path| path.len() < 1_100));
    }
}

/// GML as networkx writes it: `directed 1`, integer ids, the name as `label`, non-ASCII and
/// quotes as HTML entities, a repeated key, `NAN` unquoted.
#[test]
fn gml_from_networkx_opens() {
    let loaded = load("formats/gml/networkx.gml");
    assert_eq!(loaded.report.format, "GML (directed)");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Safe City suppliers");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["IBM", "Huawei", "新疆公安厅"]);
    assert_eq!(d.entities[0].kind, EntityKind::Company);
    assert_eq!(d.entities[0].attributes["founded"], "1911");
    assert_eq!(d.entities[2].kind, EntityKind::GovernmentBody);
    assert_eq!(
        d.entities[2].aliases,
        ["Xinjiang PSB", "XPSB"],
        "a repeated key"
    );
    let supplied = &d.relations[0];
    assert_eq!(supplied.kind, chainsight::model::RelationKind::Supplied);
    assert!(supplied.directed);
    assert_eq!(supplied.weight, Some(1.5));
    assert_eq!(d.relations[1].label.as_deref(), Some("built \"Safe City\""));
    assert_eq!(d.relations[1].attributes["score"], "NAN");
}

/// GML as Gephi writes it: a `Creator` line first, brackets on their own lines, positions
/// under `graphics`, `directed 0`; and a node as yEd writes it, named by `LabelGraphics`.
#[test]
fn gml_from_gephi_opens_with_its_positions() {
    let loaded = load("formats/gml/gephi.gml");
    assert_eq!(loaded.report.format, "GML (undirected)");
    let d = &loaded.dataset;
    assert_eq!(d.entities.len(), 3);
    assert_eq!(
        d.entities[2].name, "Ministry of Public Security",
        "yEd's LabelGraphics text, where there is no label"
    );
    assert!(
        d.entities[2].attributes.is_empty(),
        "{:?}",
        d.entities[2].attributes
    );
    assert!(!d.relations[0].directed);
    assert_eq!(d.relations[0].relation_id, "5");
    let cisco = d.entity_by_id("10").unwrap();
    let position = d.positions.iter().find(|(e, _)| *e == cisco).unwrap().1;
    assert_eq!(
        (position.x, position.y),
        (-12.5, -40.0),
        "Gephi's y points up, the screen's down"
    );
    assert_eq!(
        loaded.report.notes,
        [
            "drawing details not read (positions are): LabelGraphics.fontSize (1), graphics.fill (2), graphics.h (2), graphics.w (2), graphics.z (2)",
            "positions: y points up in Gephi's GML, down on screen; turned for 3 nodes",
            "positions: the file places 3 entities; they stay there until let move (the entity's panel says so)"
        ]
    );
}

/// yEd's GML says an edge's direction by the arrows it draws: an arrow at the source only
/// turns the edge round, no arrow leaves it without a direction, and neither do arrows at both
/// ends (yEd draws it both ways).
#[test]
fn gml_from_yed_takes_direction_from_its_arrows() {
    let loaded = load("formats/gml/yed.gml");
    let d = &loaded.dataset;
    let ends = |i: usize| {
        let r = &d.relations[i];
        let name = |e| d.entity(e).unwrap().name.as_str();
        (name(r.source), name(r.target), r.directed)
    };
    assert_eq!(ends(0), ("IBM", "Huawei", true), "an arrow at the target");
    assert_eq!(
        ends(1),
        ("Huawei", "Urumqi Safe City", true),
        "an arrow at the source only"
    );
    assert_eq!(ends(2), ("Urumqi Safe City", "Xinjiang", false), "no arrow");
    assert_eq!(ends(3), ("IBM", "Urumqi Safe City", false), "both ends");
    assert_eq!(
        loaded.report.notes,
        [
            "graph keys not read: hierarchic",
            "drawing details not read (positions are): graphics.h (1), graphics.type (1), graphics.w (1)",
            "directions as yEd draws them: 1 edge drawn with an arrow at its source only, read from its target to its source; 1 edge drawn without an arrow, read without a direction; 1 edge drawn with arrows at both ends, read without a direction",
            // A white delta at Urumqi Safe City's end, a diamond at IBM's: shapes not drawn.
            "2 links' arrow shapes (diamond, white_delta) are not drawn: Chainsight draws a plain arrow for a direction",
            "positions: the file places 4 entities; they stay there until let move (the entity's panel says so)",
        ]
    );
}

/// yEd's GML marks a group or folder node `isGroup 1` and gives each member the group's id as
/// `gid` (a group inside a group too): each member is drawn "part of" its group, as yEd's
/// GraphML groups are, and neither mark is left as an attribute.
#[test]
fn gml_from_yed_draws_its_groups_as_part_of_links() {
    let loaded = load("formats/gml/yed-groups.gml");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let d = &loaded.dataset;
    let name = |e| d.entity(e).unwrap().name.as_str();
    let part_of: Vec<(&str, &str)> = d
        .relations
        .iter()
        .filter(|r| r.relation_id.contains(" part of "))
        .map(|r| {
            assert_eq!(r.label.as_deref(), Some("part of"));
            assert!(r.directed && r.evidence.is_empty());
            (name(r.source), name(r.target))
        })
        .collect();
    assert_eq!(
        part_of,
        [
            ("Urumqi Safe City", "Xinjiang"),
            ("Karamay Safe City", "Xinjiang"),
            ("Huawei Enterprise", "Huawei"),
            ("Cloud services", "Huawei"),
            ("Huawei Cloud", "Cloud services"),
        ]
    );
    assert_eq!(
        d.relations.len(),
        3 + part_of.len(),
        "the file's own edges too"
    );
    assert!(
        d.entities.iter().all(|e| e.attributes.is_empty()),
        "no `gid`, `isGroup` or `parent` left: {:?}",
        d.entities
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n == "3 groups: 5 memberships drawn as “part of” links"),
        "an empty group holds no one: {:?}",
        loaded.report.notes
    );
}

/// Cytoscape names the network by a `Title` after the graph; igraph's own test file puts an
/// edge before the nodes it joins, which GML allows.
#[test]
fn gml_from_cytoscape_keeps_its_title_and_edges_before_their_nodes() {
    let loaded = load("formats/gml/cytoscape.gml");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Safe City suppliers");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["Huawei", "Cisco"],
        "no stand-in for a node named early"
    );
    let supplied = &d.relations[0];
    assert_eq!(
        (supplied.source, supplied.target),
        (d.entity_by_id("-2").unwrap(), d.entity_by_id("-1").unwrap())
    );
}

/// The karate club network's GML (J Rogel's) names its graph with `Name`, capitalised, and
/// some writers give a `Comment` so: the title and the description, in any case.
#[test]
fn gml_graph_name_and_comment_are_read_in_any_case() {
    let loaded = load("formats/gml/karate_name.gml");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Zachary's Karate Club Network");
    assert_eq!(
        d.metadata.description.as_deref(),
        Some("Trimmed: the first three members")
    );
    assert_eq!((d.entities.len(), d.relations.len()), (3, 2));
    assert_eq!(
        loaded.report.notes,
        ["graph keys not read: Creator"],
        "the name and the comment are read, not named as unread"
    );
}

/// Pajek as Pajek writes it: a network name, labelled vertices with coordinates and drawing
/// parameters, a named `*Arcs` section, weights, a link's own `l "label"`, and a vertex no
/// line lists.
#[test]
fn pajek_network_opens_with_labels_positions_and_link_names() {
    let loaded = load("formats/pajek/suppliers.net");
    assert_eq!(loaded.report.format, "Pajek (directed)");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "Safe City suppliers");
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["IBM", "Huawei", "Urumqi Safe City", "Cisco", "5"],
        "vertex 5 exists though no line lists it"
    );
    assert_eq!(d.entities[0].attributes["z"], "0.5");
    let ibm = d.entity_by_id("1").unwrap();
    let position = d.positions.iter().find(|(e, _)| *e == ibm).unwrap().1;
    assert_eq!((position.x, position.y), (0.1, 0.2));
    let link = |i: usize| {
        let r = &d.relations[i];
        let name = |e| d.entity(e).unwrap().name.as_str();
        (
            name(r.source),
            name(r.target),
            r.phrase(),
            r.directed,
            r.weight,
        )
    };
    assert_eq!(link(0), ("IBM", "Huawei", "supplied", true, Some(1.5)));
    assert_eq!(link(1), ("Cisco", "Huawei", "supplied", true, Some(1.0)));
    assert_eq!(
        link(2),
        ("Huawei", "Urumqi Safe City", "built", true, Some(1.0)),
        "the link's own label before its section's name"
    );
    assert_eq!(link(3), ("Huawei", "5", "related to", false, None));
    assert_eq!(
        loaded.report.notes,
        [
            "1 vertex of the 5 that \"*Vertices 5\" counts listed on no vertex line: made, named by their numbers",
            "drawing parameters not read (colours, shapes, sizes; labels and coordinates are): on 1 vertex and 2 links",
            "positions: the file places 4 of 5 entities; they stay there until let move (the entity's panel says so)"
        ]
    );
}

/// igraph writes no vertex lines for a network without labels; Windows line ends.
#[test]
fn pajek_vertices_no_line_lists_still_exist() {
    let loaded = load("formats/pajek/unlabelled.net");
    assert_eq!(loaded.report.format, "Pajek (undirected)");
    let d = &loaded.dataset;
    assert_eq!(d.entities.len(), 4, "vertex 4 has no link");
    assert_eq!(d.relations.len(), 3);
    assert!(d.relations.iter().all(|r| !r.directed));
}

/// A file never drawn gives every vertex `0 0` (igraph's `examples/simple/pajek6.net`):
/// pinned there, the nodes would lie on one another, so the positions are dropped and said.
#[test]
fn pajek_vertices_all_at_one_point_are_laid_out() {
    let loaded = load("formats/pajek/all_at_origin.net");
    assert_eq!(loaded.dataset.entities.len(), 4);
    assert_eq!(loaded.dataset.entities[2].name, "Vert 3");
    assert!(loaded.dataset.positions.is_empty());
    assert!(
        loaded.report.notes.iter().any(|n| n
            == "positions: all 4 nodes the file places are at one point (0, 0), which draws nothing; they are laid out instead"),
        "{:#?}",
        loaded.report.notes
    );
    // Two nodes at one point beside others elsewhere are the file's drawing, kept.
    let drawn = formats::load_bytes(
        "drawn.net",
        b"*Vertices 3\n1 \"a\" 0 0\n2 \"b\" 0 0\n3 \"c\" 0.5 0.5\n*Arcs\n1 2\n",
    )
    .expect("loads");
    assert_eq!(drawn.dataset.positions.len(), 3);
}

/// The other shapes of links: `*Arcslist`, `*Edgeslist` and a weighted `*Matrix`; a project
/// file's later sections are named, not read.
#[test]
fn pajek_lists_and_matrices_give_the_same_links() {
    let lists = load("formats/pajek/lists.net");
    let pairs: Vec<(usize, usize, bool)> = lists
        .dataset
        .relations
        .iter()
        .map(|r| (r.source.0, r.target.0, r.directed))
        .collect();
    assert_eq!(pairs, [(0, 1, true), (0, 2, true), (1, 2, false)]);

    let matrix = load("formats/pajek/matrix.paj");
    let weighted: Vec<(usize, usize, Option<f64>, &str)> = matrix
        .dataset
        .relations
        .iter()
        .map(|r| (r.source.0, r.target.0, r.weight, r.phrase()))
        .collect();
    assert_eq!(
        weighted,
        [
            (0, 1, Some(2.0), "owns"),
            (1, 2, Some(1.0), "owns"),
            (2, 0, Some(0.5), "owns")
        ]
    );
    assert_eq!(
        matrix.report.notes,
        ["the first network was read; sections after it not read: *Partition (1), *Vertices (1)"]
    );
}

#[test]
fn pajek_link_to_a_vertex_beyond_the_count_is_refused_at_its_place() {
    let error = load_error("invalid/pajek_vertex_out_of_range.net");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    let position = error.position().unwrap();
    assert_eq!((position.line, position.column), (5, 3));
    assert!(error.to_string().contains("from 1 to 3"), "{error}");
}

/// A short file may claim a billion vertices: only those a line names are made, and a note
/// says so.
#[test]
fn pajek_vertex_count_does_not_make_unnamed_vertices_without_bound() {
    let loaded =
        formats::load_bytes("huge.net", b"*Vertices 1000000000\n*Edges\n1 2\n").expect("loads");
    assert_eq!(loaded.dataset.entities.len(), 2);
    assert!(
        loaded.report.notes[0].contains("the 2 that a line lists or links were read"),
        "{:?}",
        loaded.report.notes
    );
}

/// SIF as Cytoscape writes it: tab-separated (names with spaces), a line with two targets,
/// an entity alone; the interaction type is the relation's kind or label.
#[test]
fn sif_opens_with_its_interaction_types() {
    let loaded = load("formats/sif/suppliers.sif");
    assert_eq!(loaded.report.format, "SIF (Cytoscape)");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "IBM",
            "Huawei",
            "Urumqi Safe City",
            "Karamay Safe City",
            "Ministry of Public Security"
        ]
    );
    let links: Vec<(&str, &str, &str, bool)> = d
        .relations
        .iter()
        .map(|r| {
            let name = |e| d.entity(e).unwrap().name.as_str();
            (name(r.source), name(r.target), r.phrase(), r.directed)
        })
        .collect();
    assert_eq!(
        links,
        [
            ("IBM", "Huawei", "supplied", true),
            ("Huawei", "Urumqi Safe City", "built", true),
            ("Huawei", "Karamay Safe City", "built", true),
        ]
    );
}

/// A SIF file under another name is still told from a table (space-separated, one type).
#[test]
fn sif_under_another_name_is_recognised_and_a_line_without_target_is_refused() {
    let text = std::fs::read_to_string(fixture("formats/sif/suppliers.sif")).unwrap();
    let loaded = formats::load_bytes("interactions.txt", text.as_bytes()).expect("loads");
    assert_eq!(loaded.report.format, "SIF (Cytoscape)");
    assert_eq!(loaded.dataset.relations.len(), 3);

    let error = load_error("invalid/sif_no_target.sif");
    let position = error.position().unwrap();
    assert_eq!((position.line, position.column), (3, 9));
    assert!(error.to_string().contains("no target"), "{error}");
}

/// Gephi and sigma.js draw a larger y higher; the screen draws it lower. GraphML's plain
/// x/y keys (Gephi's, networkx's) are turned, yEd's own geometry is not, and saving turns
/// them back, so Gephi opens the file the right way up.
#[test]
fn positions_whose_y_points_up_are_turned_and_turned_back_on_saving() {
    let text = r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="x" for="node" attr.name="x" attr.type="double"/>
  <key id="y" for="node" attr.name="y" attr.type="double"/>
  <key id="g" for="node" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed">
    <node id="gephi"><data key="x">10</data><data key="y">30</data></node>
    <node id="yed"><data key="g"><y:ShapeNode><y:Geometry x="0" y="30" width="10" height="10"/></y:ShapeNode></data></node>
  </graph>
</graphml>"#;
    let loaded = formats::load_bytes("mixed.graphml", text.as_bytes()).expect("loads");
    let d = &loaded.dataset;
    let at = |id: &str| {
        let entity = d.entity_by_id(id).unwrap();
        let p = d.positions.iter().find(|(e, _)| *e == entity).unwrap().1;
        (p.x, p.y)
    };
    assert_eq!(at("gephi"), (10.0, -30.0));
    assert_eq!(
        at("yed"),
        (5.0, 35.0),
        "yEd's geometry: its centre, as written"
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("turned for 1 node")),
        "{:?}",
        loaded.report.notes
    );
    let written = formats::graphml::write(d);
    assert!(written.contains(">30<"), "y written up again: {written}");
}

#[test]
fn gml_nodes_without_an_id_are_kept_and_noted_as_igraph_keeps_them() {
    let loaded = load("formats/gml/node_without_id.gml");
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["IBM", "Unnamed supplier", "Huawei", "node 4 (no id)"]
    );
    assert_eq!(d.relations.len(), 1);
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
            .any(|n| n.starts_with("2 nodes without an \"id\" kept")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn an_empty_gml_graph_opens_empty_as_an_empty_graphml_or_json_graph_does() {
    let loaded = formats::load_bytes("empty.gml", b"graph [\n  directed 1\n]\n").unwrap();
    assert!(loaded.dataset.entities.is_empty());
    assert!(loaded.dataset.relations.is_empty());
}

#[test]
fn gml_unclosed_string_is_a_syntax_error_at_its_start() {
    let error = load_error("invalid/gml_unclosed_string.gml");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    let position = error.position().unwrap();
    assert_eq!((position.line, position.column), (2, 21));
    assert!(error.to_string().contains("never closed"), "{error}");
}

/// A picture, an archive or a program is named for what it is, not told to be saved as UTF-8.
#[test]
fn a_file_that_is_no_text_says_what_it_looks_like() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("shot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
        ("bundle.json", b"PK\x03\x04\x14\0\x06\0", "a ZIP archive"),
        ("ls.json", b"\x7FELF\x02\x01\x01\0\0\0", "a program"),
        ("dump.csv", b"a,b\n\0\0\0\x01\x02", "NUL bytes"),
    ];
    for (name, bytes, what) in cases {
        match formats::load_bytes(name, bytes) {
            Err(error @ LoadError::NotText { .. }) => {
                let message = error.to_string();
                assert!(message.contains(what), "{message}");
                assert!(!message.contains("UTF-8"), "{message}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    // A UTF-16 file has NUL bytes and is text all the same.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "source,target\na,b\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    assert!(formats::load_bytes("edges.csv", &utf16).is_ok());
}

/// GML igraph wrote (`Creator "igraph ..."`): R's missing value, written "NA", is no value:
/// not a url, not a name, not a label, not the title. The same file from an unknown writer
/// keeps "NA" as written.
#[test]
fn gml_from_igraph_reads_na_as_missing() {
    let loaded = load("formats/gml/igraph_na.gml");
    let d = &loaded.dataset;
    assert_eq!(d.metadata.title, "", "the graph's name NA is no title");
    let acme = &d.entities[0];
    assert_eq!(acme.name, "Acme");
    assert_eq!(acme.url, None);
    assert!(
        !acme.attributes.contains_key("sector"),
        "{:?}",
        acme.attributes
    );
    // No name: the node is named by its id.
    assert_eq!(d.entities[1].name, "1");
    assert_eq!(d.entities[1].url.as_deref(), Some("https://bank.example"));
    assert_eq!(d.relations[0].label, None);
    assert_eq!(d.relations[0].weight, Some(2.0));
    assert!(
        loaded.report.notes.iter().any(|note| note
            == "5 values \"NA\", as igraph (R's NA) writes a missing value, read as missing: \
                not shown, and not a name or a link"),
        "{:?}",
        loaded.report.notes
    );

    let text = std::fs::read_to_string(fixture("formats/gml/igraph_na.gml"))
        .unwrap()
        .replace("Creator \"igraph", "Creator \"someone");
    let other = formats::load_bytes("other.gml", text.as_bytes()).unwrap();
    assert_eq!(other.dataset.entities[1].name, "NA");
    assert_eq!(other.dataset.entities[0].attributes["sector"], "NA");
}
