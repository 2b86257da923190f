//! Feeds arbitrary bytes to the importer, as if the user had opened them as a file. Whatever
//! loads must also survive being saved in every export format and opened again: the writers
//! must produce what the readers accept, and nothing may be lost on the way (counted here;
//! `tests/properties.rs` compares field by field). Panics, hangs and runaway memory are the
//! bugs this looks for. See docs/FUZZING.md.

#![no_main]

use chainsight::formats::{self, ExportFormat};
use chainsight::model::Dataset;
use libfuzzer_sys::fuzz_target;

/// What a round trip must keep: entities and relations in every format; evidence items and
/// sources too in the formats that cannot mistake an attribute for a field. (JGF and networkx
/// read an attribute called `url` or `quote` as that field, which can add evidence: a known
/// limitation, docs/FUZZING.md.)
fn counts(format: ExportFormat, dataset: &Dataset) -> Vec<usize> {
    let mut counts = vec![dataset.entities.len(), dataset.relations.len()];
    if !matches!(format, ExportFormat::Jgf | ExportFormat::Networkx) {
        counts.extend([dataset.evidence_count(), dataset.sources.len()]);
    }
    counts
}

fuzz_target!(|data: &[u8]| {
    // The name is only used in messages: the format is told from the content.
    let Ok(loaded) = formats::load_bytes("fuzz.json", data) else {
        return;
    };
    let dataset = &loaded.dataset;
    for format in ExportFormat::ALL {
        let text = format.write(dataset);
        let name = format!("fuzz.{}", format.extension());
        let reloaded = match formats::load_bytes(&name, text.as_bytes()) {
            Ok(reloaded) => reloaded,
            Err(error) => panic!("{format:?} wrote a file it cannot read back: {error}\n{text}"),
        };
        assert_eq!(
            counts(format, dataset),
            counts(format, &reloaded.dataset),
            "{format:?} changed the counts [entities, relations, evidence, sources]\n{text}"
        );
    }
});
