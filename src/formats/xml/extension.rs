//! The Chainsight extension of GEXF and GraphML: the dataset's metadata and sources as one
//! JSON text, and each relation's evidence as a JSON column, written and read back.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::formats::error::json_problem;
use crate::formats::import::GraphBuilder;
use crate::model::{Dataset, Evidence, Relation, Source, SourceIdx, SourceKind};

/// One evidence item as the `evidence` column holds it.
#[derive(Serialize, Deserialize)]
pub(super) struct EvidenceRecord {
    quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cites: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<SpeakerRecord>,
}

// Who speaks in a quote: as in a Chainsight file.
use crate::formats::native::RawSpeaker as SpeakerRecord;

// A source as the dataset extension holds it: as in a Chainsight file.
use crate::formats::native::RawSource as SourceRecord;

/// The dataset's metadata and sources, as the extension holds them.
#[derive(Serialize, Deserialize)]
struct DatasetRecord {
    #[serde(default)]
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(default)]
    sources: Vec<SourceRecord>,
}

/// The dataset's metadata and sources as one JSON text.
pub(crate) fn dataset_json(dataset: &Dataset) -> String {
    let metadata = &dataset.metadata;
    let record = DatasetRecord {
        title: metadata.title.clone(),
        description: metadata.description.clone(),
        authors: metadata.authors.clone(),
        license: metadata.license.clone(),
        created: metadata.created.clone(),
        sources: dataset
            .sources
            .iter()
            .map(SourceRecord::from_model)
            .collect(),
    };
    // Serialising strings and lists cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

pub(super) fn read_dataset_json(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    path: &str,
    json: &str,
) {
    let record: DatasetRecord = match serde_json::from_str(json) {
        Ok(record) => record,
        Err(error) => {
            builder.warn(
                path,
                format!(
                    "not the Chainsight dataset extension ({}); its metadata and sources are not \
                     used",
                    json_problem(json, &error)
                ),
            );
            return;
        }
    };
    let metadata = builder.metadata_mut();
    if !record.title.trim().is_empty() {
        metadata.title = record.title;
    }
    if record.description.is_some() {
        metadata.description = record.description;
    }
    if !record.authors.is_empty() {
        metadata.authors = record.authors;
    }
    metadata.license = record.license.or(metadata.license.take());
    metadata.created = record.created.or(metadata.created.take());
    for (index, source) in record.sources.into_iter().enumerate() {
        if sources.contains_key(&source.id) {
            builder.warn(
                format!("{path}.sources[{index}]"),
                format!(
                    "duplicate source id \"{}\"; the first one is kept",
                    source.id
                ),
            );
            continue;
        }
        let kind = source
            .kind
            .as_deref()
            .and_then(SourceKind::parse)
            .unwrap_or(SourceKind::Other);
        let id = source.id.clone();
        let idx = builder.add_source(Source {
            source_id: source.id,
            title: source.title,
            kind,
            author: source.author,
            publisher: source.publisher,
            date: source.date,
            url: source.url,
            text_file: source.text_file,
        });
        sources.insert(id, idx);
    }
}

/// The source an evidence item names: one from the extension, or one made from the
/// id, title and URL the item carries.
fn evidence_source(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
) -> Option<SourceIdx> {
    let id = id.or_else(|| url.clone()).or_else(|| title.clone())?;
    if let Some(&idx) = sources.get(&id) {
        return Some(idx);
    }
    let kind = if url.is_some() && title.is_none() {
        SourceKind::Website
    } else {
        SourceKind::Other
    };
    let idx = builder.add_source(Source {
        source_id: id.clone(),
        title: title.or_else(|| url.clone()).unwrap_or_else(|| id.clone()),
        kind,
        author: None,
        publisher: None,
        date: None,
        url,
        text_file: None,
    });
    sources.insert(id, idx);
    Some(idx)
}

pub(super) fn resolve_evidence(
    builder: &mut GraphBuilder,
    sources: &mut HashMap<String, SourceIdx>,
    path: &str,
    item: EvidenceRecord,
) -> Evidence {
    let source = evidence_source(builder, sources, item.source, item.source_title, item.url);
    let mut cites = Vec::with_capacity(item.cites.len());
    for cited in item.cites {
        if !sources.contains_key(&cited) {
            builder.warn(
                path,
                format!(
                    "cites \"{cited}\", which no source defines; a source with that id was added"
                ),
            );
        }
        if let Some(idx) = evidence_source(builder, sources, Some(cited), None, None) {
            cites.push(idx);
        }
    }
    Evidence {
        quote: item.quote,
        source,
        locator: item.locator,
        cites,
        note: item.note,
        speaker: item.speaker.and_then(SpeakerRecord::into_model),
    }
}

/// A relation's evidence as the JSON text of its `evidence` column.
pub(super) fn evidence_json(dataset: &Dataset, relation: &Relation) -> String {
    let source_id = |idx: SourceIdx| dataset.source(idx).map(|s| s.source_id.clone());
    let items: Vec<EvidenceRecord> = relation
        .evidence
        .iter()
        .map(|evidence| {
            let source = evidence.source.and_then(|idx| dataset.source(idx));
            EvidenceRecord {
                quote: evidence.quote.clone(),
                source: source.map(|s| s.source_id.clone()),
                source_title: source.map(|s| s.title.clone()),
                url: source.and_then(|s| s.url.clone()),
                locator: evidence.locator.clone(),
                cites: evidence
                    .cites
                    .iter()
                    .filter_map(|&c| source_id(c))
                    .collect(),
                note: evidence.note.clone(),
                speaker: evidence.speaker.as_ref().map(SpeakerRecord::from_model),
            }
        })
        .collect();
    // Serialising strings and lists cannot fail.
    serde_json::to_string(&items).unwrap_or_default()
}
