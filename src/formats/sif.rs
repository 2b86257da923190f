//! SIF, Cytoscape's Simple Interaction Format: one line per source, `source type target
//! [target...]`, each target linked to the source by a relation of that type; a line with a
//! name alone is an entity without links. Where the file has a tab, only tabs separate (so
//! names may hold spaces), as Cytoscape reads it; otherwise any run of spaces does. Cytoscape
//! draws each link from the source to its target, so the relations are directed.

use serde_json::{Map, Value};

use super::error::{TextPosition, text_lines};
use super::fields::{edge_from_fields, node_from_fields};
use super::import::GraphBuilder;
use super::{LoadError, Loaded, prose};

/// How many lines [`looks_like_sif`] checks.
const LINES_CHECKED: usize = 1_000;

/// Whether `text` reads as SIF rather than as a table: every line checked a name alone or
/// `source type target...`, at least one with a link, and few types (a SIF file has a
/// handful of interaction types; a table of words has as many "types" as rows), none of
/// them also an entity's name (a table's middle column of names would be). Text without
/// tabs must have no commas or semicolons (it would be a CSV table), targets that are
/// all numbers beside sources that are not are a table's weights, and a line that reads as a
/// sentence ([`prose::reads_as_sentence`]: "This is just a text file.") is text, not
/// `source type target`.
pub fn looks_like_sif(text: &str) -> bool {
    let tab = text.contains('\t');
    if !tab && text.contains([',', ';']) {
        return false;
    }
    let number = |word: &str| word.parse::<f64>().is_ok();
    let mut links = 0;
    let mut types = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    let (mut numeric_targets, mut numeric_sources) = (true, true);
    for line in text_lines(text)
        .filter(|l| !l.text.trim().is_empty())
        .take(LINES_CHECKED)
    {
        let words = split(line.text, tab);
        if prose::reads_as_sentence(words.iter().flat_map(|word| word.split_whitespace())) {
            return false;
        }
        match words.as_slice() {
            [name] => {
                names.insert(*name);
            }
            [source, kind, targets @ ..] if !targets.is_empty() => {
                links += 1;
                types.insert(*kind);
                names.insert(*source);
                names.extend(targets.iter().copied());
                numeric_sources &= number(source);
                numeric_targets &= targets.iter().all(|t| number(t));
            }
            _ => return false,
        }
    }
    let weights = numeric_targets && !numeric_sources;
    links > 0 && !weights && types.len() <= 10.max(links / 4) && types.is_disjoint(&names)
}

/// The words of `line`: split at tabs where the file has any, else at spaces.
fn split(line: &str, tab: bool) -> Vec<&str> {
    if tab {
        line.split('\t')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    } else {
        line.split_whitespace().collect()
    }
}

/// Reads a SIF file into a dataset.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let tab = text.contains('\t');
    let mut builder = GraphBuilder::new(file, "SIF (Cytoscape)");
    for line in text_lines(text) {
        let words = split(line.text.strip_prefix('\u{feff}').unwrap_or(line.text), tab);
        let path = format!("line {}", line.number);
        match words.as_slice() {
            [] => {}
            [name] => {
                if !builder.has_node(name) {
                    builder.add_node(&path, node((*name).to_owned()));
                }
            }
            [_, kind] => {
                let column = line.start + line.text.find(kind).unwrap_or(0);
                return Err(LoadError::Syntax {
                    file: file.to_owned(),
                    position: TextPosition::from_offset(text, column),
                    json_path: None,
                    message: format!(
                        "expected \"source type target\" (or a name alone); \"{}\" has no target after it",
                        super::excerpt(kind, 40)
                    ),
                });
            }
            [source, kind, targets @ ..] => {
                for name in std::iter::once(source).chain(targets) {
                    if !builder.has_node(name) {
                        builder.add_node(&path, node((*name).to_owned()));
                    }
                }
                for target in targets {
                    let mut fields = Map::new();
                    fields.insert("type".to_owned(), Value::String((*kind).to_owned()));
                    builder.add_edge(
                        &path,
                        edge_from_fields((*source).to_owned(), (*target).to_owned(), true, fields),
                    );
                }
            }
        }
    }
    if builder.metadata_mut().title.is_empty() {
        file.clone_into(&mut builder.metadata_mut().title);
    }
    Ok(builder.finish())
}

fn node(name: String) -> super::import::ImportedNode {
    node_from_fields(name, Map::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sif_is_told_from_a_table_of_words() {
        assert!(looks_like_sif("A pp B\nA pd C D\nE\n"));
        assert!(looks_like_sif(
            "Huawei Technologies\tsupplied\tUrumqi PSB\n"
        ));
        assert!(!looks_like_sif("A B\nC D\n"), "two words: no type");
        // Every row its own "type": prose, not interactions.
        let rows: Vec<String> = (0..40).map(|i| format!("w{i} t{i} x{i}\n")).collect();
        assert!(!looks_like_sif(&rows.concat()));
        assert!(
            !looks_like_sif("Safe City,supplied,Huawei Tech\n"),
            "a CSV table"
        );
        assert!(
            !looks_like_sif("a\thub\t5\nb\thub\t2\n"),
            "a weighted table"
        );
        assert!(
            looks_like_sif("7157 pp 1017\n7157 pp 4193\n"),
            "numeric gene ids"
        );
        assert!(
            !looks_like_sif("Huawei\tIBM\tsupplied\nIBM\tCisco\tsupplied\n"),
            "a table of source, target and label: its middle column names entities"
        );
        assert!(
            !looks_like_sif("This is just a text file.\n"),
            "a sentence, not source type target"
        );
        assert!(
            !looks_like_sif("A pp B\nThat is all for now.\n"),
            "a line of text"
        );
        assert!(
            looks_like_sif("a\tpp\tb\rb\tpp\tc\r"),
            "classic Mac line ends"
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_classic_mac_files_have_it() {
        let loaded = read("mac.sif", "a\tpp\tb\rb\tpp\tc\r").unwrap();
        let entities = &loaded.dataset.entities;
        let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(loaded.dataset.relations.len(), 2);
        let Err(LoadError::Syntax { position, .. }) = read("mac.sif", "a pp b\rc pp\r") else {
            panic!("a line of two words was read");
        };
        assert_eq!((position.line, position.column), (2, 3));
    }
}
