//! The dataset being looked at and what is built from it: its network, indexes, layout and
//! attached source texts. Replaced whole when another file is opened; never persisted. What
//! the user is looking at (selection, camera) is the [`crate::view::View`], kept beside it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::formats::{LoadReport, Loaded};
use crate::layout::LayoutHandle;
use crate::model::{Dataset, EntityIdx, Network, SourceIdx};
use crate::source_text::{self, AttachedText};

/// Facts about the network the view needs every frame, worked out once per dataset (on the
/// load worker, for big files) rather than in every frame.
pub struct ViewIndex {
    /// Relations touching each entity.
    pub degrees: Vec<usize>,
    /// For each relation: its place among the relations joining the same two entities, and
    /// how many there are, so parallel edges can be drawn side by side.
    pub parallel: Vec<(u32, u32)>,
    /// Entities in name order, for the list in the side panel.
    pub entities_by_name: Vec<EntityIdx>,
    /// Each entity's name and aliases in lower case, for filtering.
    pub search_text: Vec<String>,
    /// For each relation, how many distinct documents back it (drawn as line width).
    pub independent_sources: Vec<u32>,
    /// Degrees, PageRank and betweenness of every entity.
    pub measures: crate::model::measures::Measures,
}

impl ViewIndex {
    fn build(dataset: &Dataset, network: &Network) -> Self {
        let degrees = (0..dataset.entities.len())
            .map(|i| network.degree(EntityIdx(i)))
            .collect();
        let mut seen: std::collections::HashMap<(usize, usize), u32> =
            std::collections::HashMap::new();
        let mut slots: Vec<u32> = Vec::with_capacity(dataset.relations.len());
        for relation in &dataset.relations {
            let pair = (
                relation.source.0.min(relation.target.0),
                relation.source.0.max(relation.target.0),
            );
            let slot = seen.entry(pair).or_insert(0);
            slots.push(*slot);
            *slot += 1;
        }
        let parallel = dataset
            .relations
            .iter()
            .zip(slots)
            .map(|(relation, slot)| {
                let pair = (
                    relation.source.0.min(relation.target.0),
                    relation.source.0.max(relation.target.0),
                );
                (slot, seen.get(&pair).copied().unwrap_or(1))
            })
            .collect();
        let search_text: Vec<String> = dataset
            .entities
            .iter()
            .map(|e| {
                let mut text = e.name.to_lowercase();
                for alias in &e.aliases {
                    text.push('\n');
                    text.push_str(&alias.to_lowercase());
                }
                text
            })
            .collect();
        let mut entities_by_name: Vec<EntityIdx> =
            (0..dataset.entities.len()).map(EntityIdx).collect();
        entities_by_name.sort_by(|a, b| search_text[a.0].cmp(&search_text[b.0]));
        let independent_sources = dataset
            .relations
            .iter()
            .map(|r| r.independent_sources() as u32)
            .collect();
        Self {
            degrees,
            parallel,
            entities_by_name,
            search_text,
            independent_sources,
            measures: crate::model::measures::Measures::compute(dataset),
        }
    }

    /// Relations touching `entity`.
    pub fn degree(&self, entity: EntityIdx) -> usize {
        self.degrees.get(entity.0).copied().unwrap_or(0)
    }
}

/// One opened dataset and the state of viewing it.
pub struct Session {
    pub dataset: Dataset,
    pub report: LoadReport,
    /// The file it was read from; `None` for the built-in dataset.
    pub origin: Option<PathBuf>,
    pub network: Network,
    pub index: ViewIndex,
    /// The layout, run by its worker thread.
    pub layout: LayoutHandle,
    /// Full texts of sources, with their quotes located: read through each source's
    /// `text_file` when the dataset opens, or attached by the user.
    pub source_texts: BTreeMap<SourceIdx, Arc<AttachedText>>,
    /// Why a source's `text_file` could not be read.
    pub source_text_errors: BTreeMap<SourceIdx, String>,
}

impl Session {
    /// A fresh session for a loaded dataset.
    pub fn new(loaded: Loaded, origin: Option<PathBuf>) -> Self {
        let network = Network::build(&loaded.dataset);
        let index = ViewIndex::build(&loaded.dataset, &network);
        let layout = LayoutHandle::new(&loaded.dataset);
        let mut source_texts = BTreeMap::new();
        let mut source_text_errors = BTreeMap::new();
        for (s, source) in loaded.dataset.sources.iter().enumerate() {
            let Some(text_file) = &source.text_file else {
                continue;
            };
            let path = source_text::resolve_text_path(origin.as_deref(), text_file);
            let quotes = source_text::quotes_of(&loaded.dataset, SourceIdx(s));
            match source_text::attach(&path, &quotes) {
                Ok(attached) => {
                    source_texts.insert(SourceIdx(s), Arc::new(attached));
                }
                Err(error) => {
                    log::warn!("source text of {}: {error}", source.source_id);
                    source_text_errors.insert(SourceIdx(s), error.to_string());
                }
            }
        }
        Self {
            dataset: loaded.dataset,
            report: loaded.report,
            origin,
            network,
            index,
            layout,
            source_texts,
            source_text_errors,
        }
    }
}
