//! Loading results pinned: every fixture under `tests/fixtures` (valid or not, every format),
//! the bundled dataset, and two generated node-link files load exactly as they did when the
//! golden files under `tests/fixtures/golden` were written: every entity, relation, source,
//! position and story, in order, and the whole report (format, counts, warnings, notes), or
//! the same error at the same place. A loader made faster must give the same results.
//!
//! `CHAINSIGHT_BLESS=1 cargo test --test load_golden` rewrites the golden files (only when a
//! change of results is meant; say why in the commit).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chainsight::formats::{self, LoadError, Loaded};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    repo().join("tests/fixtures/golden")
}

/// The whole result of a load, one record a line, so that a difference shows where it is.
fn describe(result: &Result<Loaded, LoadError>) -> String {
    let mut out = String::new();
    match result {
        Err(error) => {
            writeln!(out, "error: {error}").unwrap();
            writeln!(out, "{error:?}").unwrap();
        }
        Ok(Loaded { dataset, report }) => {
            writeln!(out, "format: {}", report.format).unwrap();
            writeln!(out, "file: {}", report.file).unwrap();
            writeln!(
                out,
                "counts: {} entities, {} relations, {} evidence, {} sources",
                report.entity_count,
                report.relation_count,
                report.evidence_count,
                report.source_count
            )
            .unwrap();
            for warning in &report.warnings {
                writeln!(
                    out,
                    "warning: {:?} {:?}",
                    warning.json_path, warning.message
                )
                .unwrap();
            }
            writeln!(out, "unlisted warnings: {}", report.unlisted_warnings).unwrap();
            for note in &report.notes {
                writeln!(out, "note: {note:?}").unwrap();
            }
            for graph in &report.other_graphs {
                writeln!(out, "other graph: {graph:?}").unwrap();
            }
            writeln!(out, "metadata: {:?}", dataset.metadata).unwrap();
            for source in &dataset.sources {
                writeln!(out, "source: {source:?}").unwrap();
            }
            for entity in &dataset.entities {
                writeln!(out, "entity: {entity:?}").unwrap();
            }
            for relation in &dataset.relations {
                writeln!(out, "relation: {relation:?}").unwrap();
            }
            for (idx, position) in &dataset.positions {
                writeln!(out, "position: {} {position:?}", idx.0).unwrap();
            }
            for story in &dataset.stories {
                writeln!(out, "story: {story:?}").unwrap();
            }
            if let Some(view) = &dataset.view {
                writeln!(out, "view: {view:?}").unwrap();
            }
        }
    }
    out
}

/// Every file under `dir`, golden files aside, sorted.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path == golden_dir() {
            continue;
        }
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A node-link file shaped like the one of issue 11 (ids like `n123`, a label and a kind per
/// node, a year per link), written as Python's `json.dump` writes it.
fn issue_shaped_networkx(nodes: usize, links: usize) -> String {
    const KINDS: [&str; 6] = [
        "company",
        "person",
        "government_body",
        "city",
        "organization",
        "vendor",
    ];
    let mut text =
        String::from("{\"directed\": true, \"multigraph\": false, \"graph\": {}, \"nodes\": [");
    for i in 0..nodes {
        if i > 0 {
            text.push_str(", ");
        }
        write!(
            text,
            "{{\"label\": \"Node {i}\", \"kind\": \"{}\", \"id\": \"n{i}\"}}",
            KINDS[i % KINDS.len()]
        )
        .unwrap();
    }
    text.push_str("], \"links\": [");
    let mut state: u64 = 7;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for i in 0..links {
        if i > 0 {
            text.push_str(", ");
        }
        // A few endpoints name no node, so placeholders are pinned too.
        let (source, target) = (next() % (nodes + 3), next() % nodes);
        write!(
            text,
            "{{\"year\": {}, \"source\": \"n{source}\", \"target\": \"n{target}\"}}",
            1990 + next() % 35
        )
        .unwrap();
    }
    text.push_str("]}");
    text
}

/// Every case: a name for its golden file and the load's result.
fn cases() -> Vec<(String, Result<Loaded, LoadError>)> {
    let mut files = Vec::new();
    files_under(&repo().join("tests/fixtures"), &mut files);
    files_under(&repo().join("assets/datasets"), &mut files);
    let mut cases: Vec<(String, Result<Loaded, LoadError>)> = files
        .iter()
        .map(|path| {
            let name = path
                .strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .replace(['/', '\\'], "__");
            (name, formats::load_path(path))
        })
        .collect();
    let generated = chainsight::generate::generate(chainsight::generate::GraphSpec {
        nodes: 300,
        edges: 1500,
        communities: 0,
        seed: 1,
    });
    let networkx = formats::ExportFormat::Networkx.write(&generated);
    cases.push((
        "generated__networkx-300-1500.json".to_owned(),
        formats::load_bytes("networkx-300-1500.json", networkx.as_bytes()),
    ));
    let issue = issue_shaped_networkx(200, 1000);
    cases.push((
        "generated__issue11-200-1000.json".to_owned(),
        formats::load_bytes("issue11-200-1000.json", issue.as_bytes()),
    ));
    cases
}

#[test]
fn every_fixture_loads_as_its_golden_file_says() {
    let bless = std::env::var_os("CHAINSIGHT_BLESS").is_some_and(|v| v == "1");
    let dir = golden_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let cases = cases();
    assert!(cases.len() > 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut expected_files = std::collections::BTreeSet::new();
    for (name, result) in &cases {
        let golden = dir.join(format!("{name}.txt"));
        expected_files.insert(golden.clone());
        let actual = describe(result);
        if bless {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&golden) else {
            failures.push(format!(
                "{name}: no golden file (CHAINSIGHT_BLESS=1 writes it)"
            ));
            continue;
        };
        if expected != actual {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(e, a)| e != a)
                .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{name}: differs at line {}:\n  expected: {}\n  actual:   {}",
                line + 1,
                expected.lines().nth(line).unwrap_or("(end)"),
                actual.lines().nth(line).unwrap_or("(end)")
            ));
        }
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !expected_files.contains(&path) {
            if bless {
                std::fs::remove_file(&path).unwrap();
            } else {
                failures.push(format!("{}: no such case any more", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Messages are read in the window and in a terminal, where Markdown's backticks show as they
/// are: no error, format, warning or note of any case quotes with them (none of the fixtures
/// has a backtick in the text a message quotes from it).
#[test]
fn no_message_quotes_with_markdown_backticks() {
    let mut found = Vec::new();
    for (name, result) in cases() {
        let texts: Vec<String> = match &result {
            Err(error) => vec![error.to_string()],
            Ok(loaded) => std::iter::once(loaded.report.format.clone())
                .chain(loaded.report.warnings.iter().map(|w| w.message.clone()))
                .chain(loaded.report.notes.iter().cloned())
                .collect(),
        };
        found.extend(
            texts
                .into_iter()
                .filter(|text| text.contains('`'))
                .map(|text| format!("{name}: {text}")),
        );
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
