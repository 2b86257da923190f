//! The headless commands, run as a user would run the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn chainsight(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_chainsight"))
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked: {stderr}"
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// `chainsight check FILE | head`: the reader goes before the output ends. The command stops
/// quietly with SIGPIPE's status, as Unix tools do; it used to panic.
#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_chainsight"))
        .args(["check", path_str(&fixture("formats/pajek/suppliers.net"))])
        .stdout(writer)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(141), "{stderr}");
}

/// One of each reads in the singular: "1 relation", not "1 relations".
#[test]
fn check_counts_one_of_a_thing_in_the_singular() {
    let output = chainsight(&["check", path_str(&fixture("formats/gml/cytoscape.gml"))]);
    let text = stdout(&output);
    assert!(
        text.contains("2 entities, 1 relation, 0 quotes from 0 sources, 0 warnings"),
        "{text}"
    );
}

#[test]
fn check_reports_counts_of_a_valid_file() {
    let file = fixture("valid/minimal.json");
    let output = chainsight(&["check", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("3 entities, 2 relations, 3 quotes"), "{text}");
}

#[test]
fn check_json_has_the_documented_keys() {
    let file = fixture("valid/warnings.json");
    let output = chainsight(&["check", path_str(&file), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let summary: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("one JSON object");
    assert_eq!(summary["format"], "Chainsight v1");
    assert_eq!(summary["entities"], 2);
    assert_eq!(summary["relations"], 1);
    assert_eq!(summary["evidence"], 1);
    assert_eq!(summary["warnings"].as_array().unwrap().len(), 8);
    assert!(summary["warnings"][0]["message"].is_string());
    assert_eq!(summary["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn check_json_of_a_broken_file_gives_line_and_column() {
    let file = fixture("invalid/trailing_comma.json");
    let output = chainsight(&["check", "--json", path_str(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let error = &summary["errors"][0];
    assert_eq!(error["line"], 6);
    assert!(error["column"].as_u64().is_some());
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("trailing_comma.json")
    );
}

/// A JSON syntax error gives the path being read, as a structure error does.
#[test]
fn check_json_of_a_cut_short_file_gives_the_path_being_read() {
    let file = fixture("invalid/truncated.json");
    let output = chainsight(&["check", "--json", path_str(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let error = &summary["errors"][0];
    assert_eq!(error["line"], 6);
    assert_eq!(error["column"], 1);
    assert_eq!(error["path"], "entities[1]");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("may have been cut short"), "{message}");
    assert!(!message.contains("EOF"), "{message}");
}

#[test]
fn check_fails_cleanly_on_every_invalid_fixture() {
    let folder = fixture("invalid");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let output = chainsight(&["check", path_str(&path)]);
        assert_eq!(output.status.code(), Some(1), "{}", path.display());
        assert!(
            stdout(&output).starts_with("error: "),
            "{}: {}",
            path.display(),
            stdout(&output)
        );
    }
}

#[test]
fn check_of_the_builtin_dataset_file_is_clean() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/safe-city.json");
    let output = chainsight(&["check", "--json", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        summary["warnings"].as_array().unwrap().len(),
        0,
        "{summary}"
    );
}

#[test]
fn export_jgf_carries_labels_kinds_relations_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jgf.json");
    let file = fixture("valid/minimal.json");
    let output = chainsight(&[
        "export",
        path_str(&file),
        "--format",
        "jgf",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let jgf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let graph = &jgf["graph"];
    assert_eq!(graph["nodes"]["ibm"]["label"], "IBM");
    assert_eq!(graph["nodes"]["karamay"]["metadata"]["kind"], "city");
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    assert_eq!(edges[1]["source"], "huawei");
    assert_eq!(edges[1]["relation"], "built");
    assert_eq!(
        edges[1]["metadata"]["evidence"][0]["quote"],
        "Huawei built it."
    );
    assert_eq!(edges[1]["metadata"]["evidence"][0]["cites"][0], "brochure");
}

#[test]
fn export_chainsight_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.json");
    let file = fixture("valid/minimal.json");
    let output = chainsight(&[
        "export",
        path_str(&file),
        "--format",
        "chainsight",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let original = chainsight::formats::load_path(&file).unwrap().dataset;
    let copy = chainsight::formats::load_path(&out).unwrap().dataset;
    assert_eq!(original, copy);
}

#[test]
fn export_never_overwrites_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("data.json");
    std::fs::copy(fixture("valid/minimal.json"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let output = chainsight(&[
        "export",
        path_str(&input),
        "--format",
        "jgf",
        "-o",
        path_str(&input),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("refusing to overwrite"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn verify_passes_when_quotes_are_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("article.txt");
    std::fs::write(
        &text,
        "Intro. IBM  helped\u{a0}Huawei. Later, Huawei built it.\n",
    )
    .unwrap();
    let spec = format!("article={}", text.display());
    let output = chainsight(&[
        "verify",
        path_str(&fixture("valid/minimal.json")),
        "--text",
        &spec,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("2 of 2 quotes"));
}

#[test]
fn verify_lists_each_missing_quote_with_its_relation() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("article.txt");
    std::fs::write(&text, "IBM helped Huawei.").unwrap();
    let spec = format!("article={}", text.display());
    let output = chainsight(&[
        "verify",
        path_str(&fixture("valid/minimal.json")),
        "--text",
        &spec,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains("not found: relation r2 evidence[0]: \"Huawei built it.\""),
        "{out}"
    );
    assert!(out.contains("1 of 2 quotes"), "{out}");
}

#[test]
fn verify_rejects_an_unknown_source() {
    let text = format!("nope={}", path_str(&fixture("evidence/report.txt")));
    let output = chainsight(&[
        "verify",
        path_str(&fixture("valid/minimal.json")),
        "--text",
        &text,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("no source \"nope\""));
}

#[test]
fn verify_reads_only_regular_files() {
    // A device never ends: reading it would hang or exhaust memory.
    let output = chainsight(&[
        "verify",
        path_str(&fixture("valid/minimal.json")),
        "--text",
        "article=/dev/zero",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("only regular files are read"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn verify_checks_quotes_against_an_html_copy_of_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    std::fs::write(
        &html,
        "<!DOCTYPE html><html><body><p>Northwind Systems supplied the port authority \
         with its cameras in 2014.</p><p>The port authority later built a control room on the \
         same network.</p><p>&ldquo;We only sold them <em>routers</em>,&rdquo; said Dana Reyes.</p>\
         <p>called it \u{201c}a surveillance hub in all but name\u{201d}</p></body></html>",
    )
    .unwrap();
    let text = format!("report={}", html.display());
    let output = chainsight(&[
        "verify",
        path_str(&fixture("evidence/harbour.json")),
        "--text",
        &text,
    ]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("4 of 5 quotes"), "{out}");
    assert!(out.contains("never contains"), "{out}");
}

#[test]
fn check_json_of_every_format_fixture_matches_the_loader() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut checked = 0;
    for folder in std::fs::read_dir(&root).unwrap() {
        for entry in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            let path = entry.unwrap().path();
            let output = chainsight(&["check", "--json", path_str(&path)]);
            let summary: serde_json::Value = serde_json::from_str(&stdout(&output))
                .unwrap_or_else(|e| panic!("{}: not one JSON object: {e}", path.display()));
            match chainsight::formats::load_path(&path) {
                Ok(loaded) => {
                    assert_eq!(output.status.code(), Some(0), "{}", path.display());
                    assert_eq!(summary["format"], loaded.report.format.as_str());
                    assert_eq!(summary["entities"], loaded.report.entity_count);
                    assert_eq!(summary["relations"], loaded.report.relation_count);
                    assert_eq!(summary["evidence"], loaded.report.evidence_count);
                    assert_eq!(
                        summary["warnings"].as_array().unwrap().len(),
                        loaded.report.warnings.len()
                    );
                    assert_eq!(
                        summary["notes"].as_array().unwrap().len(),
                        loaded.report.notes.len()
                    );
                }
                Err(error) => {
                    assert_eq!(output.status.code(), Some(1), "{}", path.display());
                    assert_eq!(summary["errors"][0]["message"], error.to_string());
                    assert_eq!(
                        summary["errors"][0]["line"],
                        serde_json::json!(error.position().map(|p| p.line))
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} fixtures");
}

#[test]
fn generate_writes_a_network_that_loads_with_the_sizes_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    let output = chainsight(&[
        "generate",
        "--nodes",
        "300",
        "--edges",
        "900",
        "--seed",
        "4",
        "--format",
        "networkx",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let loaded = chainsight::formats::load_path(&out).unwrap();
    assert_eq!(
        (
            loaded.dataset.entities.len(),
            loaded.dataset.relations.len()
        ),
        (300, 900)
    );
    assert!(loaded.report.warnings.is_empty());
}

#[test]
fn bench_layout_json_has_the_documented_keys() {
    let output = chainsight(&[
        "bench", "layout", "--nodes", "200", "--edges", "600", "--steps", "3", "--json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let result: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["nodes"], 200);
    assert_eq!(result["edges"], 600);
    assert!(result["ours_ms"].as_f64().unwrap() > 0.0);
    assert!(result["egui_graphs_fr_ms"].as_f64().unwrap() > 0.0);
    assert!(result["ratio"].as_f64().is_some());
    let ceiling = result["coherence_ceiling"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&ceiling), "{ceiling}");
    assert!(result["coherence_median"].as_f64().is_some());
    // 200 nodes are too few for the app's multilevel start, so its time to rest is not taken.
    assert!(result["at_rest_s"].is_null());
}

#[test]
fn terminal_output_escapes_control_characters_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("evil.json");
    // An ESC sequence that would retitle the terminal, a BEL and a carriage return, in a key
    // the loader reports as unused and in a node's id.
    std::fs::write(
        &input,
        "{\"nodes\": [{\"id\": \"a\"}], \"links\": [{\"source\": \"a\", \"target\": \"\\u001b]0;pwned\\u0007\\r\"}], \"x\\u001b[31m\": 1}",
    )
    .unwrap();
    let output = chainsight(&["check", path_str(&input)]);
    let out = stdout(&output);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\r'),
        "{out:?}"
    );
    assert!(out.contains("\\u{1b}"), "{out}");
}

#[test]
fn export_to_dash_writes_standard_output() {
    let output = chainsight(&[
        "export",
        path_str(&fixture("valid/minimal.json")),
        "--format",
        "networkx",
        "-o",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let written: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("standard output is the JSON export");
    assert!(written["nodes"].as_array().is_some_and(|n| !n.is_empty()));
    assert!(String::from_utf8_lossy(&output.stderr).contains("wrote"));
    assert!(!Path::new("-").exists());
}

#[cfg(unix)]
#[test]
fn export_writes_only_regular_files() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let input = path_str(&fixture("valid/minimal.json")).to_owned();
    for target in [
        "/dev/null".to_owned(),
        path_str(&fifo).to_owned(),
        path_str(dir.path()).to_owned(),
    ] {
        let output = chainsight(&["export", &input, "--format", "gexf", "-o", &target]);
        assert_eq!(output.status.code(), Some(1), "{target}");
        assert!(stdout(&output).contains("error"), "{}", stdout(&output));
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A symbolic link to a regular file is followed: the file is replaced, the link kept.
    let real = dir.path().join("real.gexf");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.gexf");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = chainsight(&["export", &input, "--format", "gexf", "-o", path_str(&link)]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(std::fs::read_to_string(&real).unwrap().contains("<gexf"));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// `check --json` counts the steps of every story as `story_steps`; `check` names each story.
#[test]
fn check_reports_story_steps() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/safe-city.json");
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let stories = raw["stories"].as_array().expect("the dataset has stories");
    let steps: usize = stories
        .iter()
        .map(|story| story["steps"].as_array().unwrap().len())
        .sum();
    assert!(steps > 0);

    let output = chainsight(&["check", "--json", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(summary["story_steps"], steps);
    assert_eq!(summary["stories"], stories.len());

    let text = stdout(&chainsight(&["check", path_str(&file)]));
    let title = stories[0]["title"].as_str().unwrap();
    assert!(
        text.contains(&format!("story: \"{title}\", {steps} steps")),
        "{text}"
    );

    let without = chainsight(&["check", "--json", path_str(&fixture("valid/minimal.json"))]);
    let summary: serde_json::Value = serde_json::from_str(&stdout(&without)).unwrap();
    assert_eq!(summary["story_steps"], 0);
    assert!(
        !stdout(&chainsight(&[
            "check",
            path_str(&fixture("valid/minimal.json"))
        ]))
        .contains("story")
    );
}

/// Exporting a dataset with stories to a format that cannot hold them says so; the
/// Chainsight format keeps them and says nothing.
#[test]
fn export_says_when_stories_are_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/safe-city.json");
    for (format, extension) in [
        ("gexf", "gexf"),
        ("graphml", "graphml"),
        ("jgf", "json"),
        ("networkx", "json"),
    ] {
        let out = dir.path().join(format!("out.{extension}"));
        let output = chainsight(&[
            "export",
            path_str(&file),
            "--format",
            format,
            "-o",
            path_str(&out),
        ]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        let text = stdout(&output);
        assert!(
            text.contains("not saved in")
                && text.contains("save as Chainsight dataset to keep them"),
            "{format}: {text}"
        );
    }
    let out = dir.path().join("copy.json");
    let output = chainsight(&[
        "export",
        path_str(&file),
        "--format",
        "chainsight",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !stdout(&output).contains("not saved"),
        "{}",
        stdout(&output)
    );
    let copy = chainsight::formats::load_path(&out).unwrap().dataset;
    let original = chainsight::formats::load_path(&file).unwrap().dataset;
    assert!(!copy.stories.is_empty());
    assert_eq!(copy.stories, original.stories);
}
