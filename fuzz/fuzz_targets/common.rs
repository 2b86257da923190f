//! The check every fuzz target makes on whatever loads: it must survive being saved in every
//! export format and opened again, with nothing lost on the way (counted here;
//! `tests/properties.rs` compares field by field). See docs/FUZZING.md.

use chainsight::formats::{self, ExportFormat, Loaded};
use chainsight::model::Dataset;

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

/// Writes `loaded` in every export format and reads each back: the writers must produce what
/// the readers accept, with the same counts. Panics (a finding) otherwise.
pub fn assert_round_trips(loaded: &Loaded) {
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
}

/// Text from the fuzzer's bytes, where they are UTF-8 (the family entry points take text;
/// decoding is `formats::load_bytes`'s job, which the `importer` target covers).
#[allow(dead_code, reason = "every target but `importer` uses it")]
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A ZIP archive of `entries` (name, content), stored, as the archive targets open them.
#[allow(dead_code, reason = "only the archive targets use it")]
pub fn zip_archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        archive
            .start_file(*name, options)
            .expect("a new entry in memory");
        archive.write_all(content).expect("written to memory");
    }
    archive.finish().expect("finished in memory").into_inner()
}
