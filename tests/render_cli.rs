//! `chainsight render`, run as a user runs it: pictures and appendices of the built-in
//! dataset, a story step, and clear errors (exit code 2 for a request that makes no sense,
//! 1 for a file that cannot be read or written).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

#[path = "common/binary.rs"]
mod binary;
use binary::{builtin, chainsight};

use chainsight::palette::Palette;
use resvg::tiny_skia::Pixmap;

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn svg_texts(svg: &str) -> BTreeSet<String> {
    let document = roxmltree::Document::parse(svg).expect("well-formed SVG");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn svg_of_the_builtin_dataset_is_the_default_size_and_names_its_entities() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("network.svg");
    let output = chainsight(&["render", &builtin(), "--svg", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let svg = std::fs::read_to_string(&out).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(document.root_element().attribute("width"), Some("1280"));
    assert_eq!(document.root_element().attribute("height"), Some("720"));
    let texts = svg_texts(&svg);
    for name in ["IBM", "Huawei", "Karamay"] {
        assert!(texts.contains(name), "{name} not labelled");
    }
    // The same picture on standard output.
    let piped = chainsight(&["render", &builtin(), "--svg", "-"]);
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&piped.stdout), svg, "deterministic");
}

#[test]
fn png_is_exactly_the_asked_size_at_the_asked_scale() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("network.png");
    let output = chainsight(&[
        "render",
        &builtin(),
        "--png",
        out.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "400",
        "--scale",
        "2",
        "--theme",
        "light",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let pixmap = Pixmap::decode_png(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1280, 800));
    let corner = pixmap.pixel(1, 1).unwrap().demultiply();
    assert_eq!(
        [corner.red(), corner.green(), corner.blue(), corner.alpha()],
        Palette::light().canvas.to_srgba_unmultiplied()
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left");
}

#[test]
fn a_story_step_shows_its_caption_and_a_missing_step_is_an_error() {
    let dataset = chainsight::formats::load_builtin().unwrap().dataset;
    let story = dataset
        .stories
        .first()
        .expect("the built-in dataset has a story");
    let last = story.steps.len();
    let step = &story.steps[last - 1];
    let output = chainsight(&[
        "render",
        &builtin(),
        "--svg",
        "-",
        "--step",
        &last.to_string(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let texts = svg_texts(&String::from_utf8_lossy(&output.stdout));
    assert!(
        texts.contains(&step.title),
        "caption title {:?}",
        step.title
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    for wrong in ["0", &(last + 1).to_string()] {
        let output = chainsight(&[
            "render",
            &builtin(),
            "--svg",
            out.to_str().unwrap(),
            "--step",
            wrong,
        ]);
        assert_eq!(output.status.code(), Some(1), "--step {wrong}");
        assert!(
            said(&output).contains(&format!("steps 1 to {last}")),
            "{}",
            said(&output)
        );
    }
    let minimal = format!(
        "{}/tests/fixtures/valid/minimal.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = chainsight(&[
        "render",
        &minimal,
        "--svg",
        out.to_str().unwrap(),
        "--step",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(said(&output).contains("has no story"), "{}", said(&output));
    assert!(!out.exists(), "nothing written on an error");
}

#[test]
fn appendix_as_markdown_and_csv_lists_every_relation_shown() {
    let dataset = chainsight::formats::load_builtin().unwrap().dataset;
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("evidence.csv");
    let output = chainsight(&[
        "render",
        &builtin(),
        "--appendix",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let ids: BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), dataset.relations.len());

    let md_path = dir.path().join("evidence.md");
    let output = chainsight(&[
        "render",
        &builtin(),
        "--appendix",
        md_path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let markdown = std::fs::read_to_string(&md_path).unwrap();
    let sections = markdown.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(sections, dataset.relations.len());
    assert!(markdown.contains("> "), "quotes as block quotes");
}

#[test]
fn a_search_or_a_selection_is_drawn_and_documented_as_the_window_shows_it() {
    let dataset = chainsight::formats::load_builtin().unwrap().dataset;
    let dir = tempfile::tempdir().unwrap();
    let csv_ids = |args: &[&str]| -> BTreeSet<String> {
        let path = dir.path().join("evidence.csv");
        let mut all = vec!["render", "--appendix", path.to_str().unwrap()];
        all.extend_from_slice(args);
        let file = builtin();
        all.push(&file);
        let output = chainsight(&all);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", said(&output));
        let mut reader = csv::Reader::from_path(&path).unwrap();
        reader
            .records()
            .map(|r| r.unwrap().get(0).unwrap().to_owned())
            .collect()
    };
    // IBM's relations, each touching IBM, and nothing else.
    let ibm = dataset.entity_by_name("IBM").unwrap();
    let selected = csv_ids(&["--select", "ibm"]);
    let touching: BTreeSet<String> = dataset
        .relations
        .iter()
        .filter(|r| r.source == ibm || r.target == ibm)
        .map(|r| r.relation_id.clone())
        .collect();
    assert_eq!(selected, touching);
    // A search: fewer than all, and the relation its words name among them.
    let found = csv_ids(&["--search", "Urumqi police"]);
    assert!(!found.is_empty() && found.len() < dataset.relations.len());
    assert!(found.iter().any(|id| id.contains("urumqi")), "{found:?}");
    // The picture of a selection names it and its neighbours.
    let out = dir.path().join("ibm.svg");
    let output = chainsight(&[
        "render",
        &builtin(),
        "--select",
        "IBM",
        "--svg",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let texts = svg_texts(&std::fs::read_to_string(&out).unwrap());
    assert!(
        texts.contains("IBM") && texts.contains("Huawei"),
        "{texts:?}"
    );
    // An unknown name is an error that says so; nothing is written.
    let missing = dir.path().join("nobody.svg");
    let output = chainsight(&[
        "render",
        &builtin(),
        "--select",
        "Nobody Inc",
        "--svg",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(said(&output).contains("--select"), "{}", said(&output));
    assert!(!missing.exists());
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let out = out.to_str().unwrap();
    let file = builtin();
    let usage: &[&[&str]] = &[
        &["render", &file],
        &["render", &file, "--svg", out, "--png", out],
        &["render", &file, "--appendix", "evidence.txt"],
        &["render", &file, "--svg", out, "--width", "0"],
        &["render", &file, "--svg", out, "--theme", "purple"],
        &["render", &file, "--png", out, "--scale", "100"],
        &["render", &file, "--svg", out, "--step", "first"],
        &[
            "render", &file, "--svg", out, "--step", "2", "--search", "IBM",
        ],
    ];
    for args in usage {
        let output = chainsight(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", said(&output));
        assert!(said(&output).contains("error"), "{args:?}");
    }
    let missing = dir.path().join("missing.json");
    let folder = dir.path().to_str().unwrap();
    let unusable: &[&[&str]] = &[
        &["render", missing.to_str().unwrap(), "--svg", out],
        &["render", &file, "--svg", folder],
        &["render", &file, "--png", folder],
        &["render", &file, "--png", "/dev/null"],
        &["render", &file, "--appendix", "/dev/null/x.md"],
    ];
    for args in unusable {
        let output = chainsight(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", said(&output));
        assert!(said(&output).contains("error"), "{args:?}");
    }
    assert!(!Path::new(out).exists());
}

#[test]
fn the_input_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("safe-city.json");
    std::fs::copy(builtin(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let input = input.to_str().unwrap();
    for flag in ["--svg", "--png"] {
        let output = chainsight(&["render", input, flag, input]);
        assert_eq!(output.status.code(), Some(1), "{flag}: {}", said(&output));
        assert!(said(&output).contains("refusing"), "{}", said(&output));
    }
    assert_eq!(std::fs::read(input).unwrap(), before);
}

#[test]
fn characters_no_font_has_are_noted_once() {
    // Egyptian hieroglyphs: in none of egui's fonts nor of the CJK fonts Chainsight may find
    // installed, so the note is the same on every machine.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("renamed.json");
    let text = std::fs::read_to_string(builtin()).unwrap();
    assert!(text.contains("\"name\": \"Huawei\""));
    std::fs::write(
        &input,
        text.replace("\"name\": \"Huawei\"", "\"name\": \"𓀁𓀀 Huawei\""),
    )
    .unwrap();
    let out = dir.path().join("x.png");
    let output = Command::new(env!("CARGO_BIN_EXE_chainsight"))
        .args([
            "render",
            input.to_str().unwrap(),
            "--png",
            out.to_str().unwrap(),
        ])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no font here has 𓀀 𓀁"), "{stderr}");
    assert!(!stderr.contains("WARN"), "{stderr}");
}

/// `--story-page`: the first story as one web page; a dataset with no story is an error and
/// writes nothing.
#[test]
fn the_first_story_is_written_as_a_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.html");
    let output = chainsight(&["render", &builtin(), "--story-page", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let dataset = chainsight::formats::load_builtin().unwrap().dataset;
    let steps = dataset.stories[0].steps.len();
    assert!(
        said(&output).contains(&format!("a web page of {steps} steps")),
        "{}",
        said(&output)
    );
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    assert_eq!(page.matches("<section class=\"step\"").count(), steps);
    let minimal = format!(
        "{}/tests/fixtures/valid/minimal.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let none = dir.path().join("none.html");
    let output = chainsight(&["render", &minimal, "--story-page", none.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(said(&output).contains("has no story"), "{}", said(&output));
    assert!(!none.exists(), "nothing written on an error");
}
