//! Loading the fixtures and finding what a load holds by its id, for the importer tests; each
//! panics naming the file it could not load or the id it could not find.

// Each test binary includes this file on its own and uses only some of it.
#![allow(dead_code)]

use std::path::PathBuf;

use chainsight::formats::{self, Loaded};
use chainsight::model::{Dataset, Entity, Relation};

/// The fixture at `path` under tests/fixtures.
pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The fixture at `path` under tests/fixtures, loaded as the app opens a file.
pub fn load(path: &str) -> Loaded {
    formats::load_path(&fixture(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// `text` loaded as the app opens a file called `name`.
pub fn load_text(name: &str, text: &str) -> Loaded {
    formats::load_bytes(name, text.as_bytes()).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// The entity whose id is `id`.
pub fn entity<'a>(dataset: &'a Dataset, id: &str) -> &'a Entity {
    dataset
        .entities
        .iter()
        .find(|e| e.entity_id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The relation whose id is `id`.
pub fn relation<'a>(dataset: &'a Dataset, id: &str) -> &'a Relation {
    dataset
        .relations
        .iter()
        .find(|r| r.relation_id == id)
        .unwrap_or_else(|| panic!("no relation {id}"))
}

/// The load's warnings, each as (where, what).
pub fn warnings_of(loaded: &Loaded) -> Vec<(&str, &str)> {
    loaded
        .report
        .warnings
        .iter()
        .map(|w| (w.json_path.as_str(), w.message.as_str()))
        .collect()
}
