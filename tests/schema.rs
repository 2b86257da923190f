//! The JSON Schema of the native format and the loader agree: every bundled dataset, every
//! valid fixture and everything Chainsight writes validates against the schema, and what the
//! schema rejects in a loadable file, the loader reports.

use std::path::{Path, PathBuf};

use chainsight::formats::{self, ExportFormat};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("assets/schema/chainsight-v1.schema.json"))
        .expect("schema readable");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Schema errors of `instance`, each as "pointer: message".
fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("readable");
    let text = String::from_utf8(bytes).expect("UTF-8");
    serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("JSON")
}

#[test]
fn bundled_datasets_validate() {
    let validator = validator();
    let files = json_files(&repo().join("assets/datasets"));
    assert!(!files.is_empty());
    for path in files {
        let errors = schema_errors(&validator, &read_json(&path));
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// A valid fixture that loads without warnings must satisfy the schema; one with warnings
/// must fail it only where the loader warned.
#[test]
fn valid_fixtures_validate_where_the_loader_is_silent() {
    let validator = validator();
    let files = json_files(&repo().join("tests/fixtures/valid"));
    assert!(files.len() >= 3);
    let mut with_warnings = 0;
    for path in files {
        let loaded = formats::load_path(&path).expect("valid fixture loads");
        let errors: Vec<String> = validator
            .iter_errors(&read_json(&path))
            .map(|error| json_path(&error.instance_path().to_string()))
            .collect();
        if loaded.report.warnings.is_empty() {
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            continue;
        }
        with_warnings += 1;
        assert!(
            !errors.is_empty(),
            "{}: the schema accepts what the loader warns about",
            path.display()
        );
        for error_path in errors {
            assert!(
                loaded
                    .report
                    .warnings
                    .iter()
                    .any(|w| w.json_path.starts_with(&error_path)),
                "{}: the schema rejects {error_path}, the loader says nothing there: {:#?}",
                path.display(),
                loaded.report.warnings
            );
        }
    }
    assert!(with_warnings > 0, "the warnings fixture is checked too");
}

/// Every file of every format, once loaded, is written as a Chainsight dataset that the
/// schema accepts.
#[test]
fn everything_chainsight_writes_validates() {
    let validator = validator();
    let mut checked = 0;
    let mut stack = vec![
        repo().join("tests/fixtures/formats"),
        repo().join("tests/fixtures/valid"),
        repo().join("assets/datasets"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(loaded) = formats::load_path(&path) else {
                continue;
            };
            let written: Value =
                serde_json::from_str(&ExportFormat::Chainsight.write(&loaded.dataset))
                    .expect("Chainsight writes JSON");
            let errors = schema_errors(&validator, &written);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} files checked");
}

/// "/relations/0/evidence/1" → "relations[0].evidence[1]", the loader's way of writing paths.
fn json_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').filter(|p| !p.is_empty()) {
        if part.chars().all(|c| c.is_ascii_digit()) {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}
