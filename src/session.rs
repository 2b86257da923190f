//! The dataset being looked at and what is built from it: its network, indexes, layout and
//! attached source texts. Replaced whole when another file is opened; never persisted. What
//! the user is looking at (selection, camera) is the [`crate::view::View`], kept beside it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::formats::{LoadReport, Loaded};
use crate::layout::LayoutHandle;
use crate::model::{
    Dataset, EntityIdx, EntityKind, Network, RelationIdx, RelationKind, RelationStatus, SourceIdx,
};
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
    /// For each relation, how many distinct documents back it.
    pub documents_behind: Vec<u32>,
    /// What a link's line width shows: its documents, or the file's weights.
    pub line_widths: LineWidths,
    /// Relations most important first: the best-sourced, then the heaviest, then those
    /// joining the best-connected entities. A crowded view draws the first of them.
    pub relations_by_importance: Vec<RankedRelation>,
    /// Degrees, PageRank and betweenness of every entity.
    pub measures: crate::model::measures::Measures,
    /// How many of each kind, status and country there are, for the filters.
    pub facets: Facets,
    /// Clusters of entities linked more among themselves than to the rest.
    pub clusters: crate::model::communities::Clusters,
    /// Evidence items in the whole dataset, and those with words quoted.
    pub evidence_count: usize,
    pub quote_count: usize,
    /// Relations the flow arrangement lays out (a flow kind, with a direction): with none,
    /// it has nothing to do and is not offered.
    pub flow_relations: usize,
    /// Entities whose attributes give a latitude and longitude: with none, placing them on
    /// a map is not offered.
    pub located: usize,
    /// Entities a relation names and the file defines nowhere, in order: drawn hollow and
    /// dashed, and keyed in the legend.
    pub placeholders: Vec<EntityIdx>,
    /// Where the file placed its entities, at the layout's scale: one still there was placed
    /// by the file, not by a drag.
    pub file_positions: std::collections::HashMap<EntityIdx, egui::Pos2>,
}

/// Counts of what the filters offer, by value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub entity_kinds: BTreeMap<EntityKind, usize>,
    pub relation_kinds: BTreeMap<RelationKind, usize>,
    pub statuses: BTreeMap<RelationStatus, usize>,
    /// Entities by country ("" for none).
    pub countries: BTreeMap<String, usize>,
    /// The most documents behind any relation (at least 1).
    pub most_sources: usize,
    /// Every attribute key any entity carries, in order.
    pub entity_attribute_keys: Vec<String>,
    /// The entity attributes offered as filters, by key, in order: not the file's drawing
    /// (colour, size, position), and only those with values to list or a range to slide.
    pub entity_attribute_filters: Vec<(String, AttributeFacet)>,
    /// The entity attributes whose every value is a number, in order: they can size nodes.
    pub numeric_entity_attribute_keys: Vec<String>,
    /// Relations with a direction: with none, in- and out-degree say nothing.
    pub directed_relations: usize,
    /// The file's own kinds of relation: the phrases that two or more relations of kind
    /// Other share ("owns", "board member of"), most used first, at most
    /// [`MAX_RELATION_PHRASES`], with their counts. A phrase only one relation has is its
    /// description rather than a kind.
    pub relation_phrases: Vec<(String, usize)>,
    /// Characters in the longest entity name: the table's name columns start that wide
    /// (within limits).
    pub longest_name_chars: usize,
    /// Characters in the longest phrase between two ends ("supplied", a file's own
    /// "board member of"): the table's Relation column starts that wide (within limits).
    pub longest_phrase_chars: usize,
    /// Every attribute key any relation carries, in order.
    pub relation_attribute_keys: Vec<String>,
    /// Relations with a date, a weight, a label that says more than their kind, words quoted,
    /// or a named source: with none, the table leaves that column out.
    pub dated_relations: usize,
    pub weighted_relations: usize,
    pub described_relations: usize,
    pub quoted_relations: usize,
    pub sourced_relations: usize,
}

/// The file's own relation kinds offered as filters at most.
pub const MAX_RELATION_PHRASES: usize = 40;

/// The most distinct values of an attribute listed as boxes; past it, numbers get a range.
pub const MAX_ATTRIBUTE_VALUES: usize = 40;

/// What an entity attribute offers as a filter.
#[derive(Clone, Debug, PartialEq)]
pub enum AttributeFacet {
    /// Few enough values to list: each with how many entities have it, and whether every
    /// entity carries the attribute (one value they all share then offers no choice).
    Values {
        counts: BTreeMap<String, usize>,
        carried_by_all: bool,
    },
    /// Many values, all numbers: their least and greatest.
    Range(f64, f64),
}

/// What one pass over the entities learns about an attribute.
struct AttributeStats<'a> {
    /// Its values with how many entities have each, up to one past
    /// [`MAX_ATTRIBUTE_VALUES`].
    counts: BTreeMap<&'a str, usize>,
    /// How many entities have it.
    carriers: usize,
    /// Whether every value reads as a number, and whether as a finite one, and their range.
    numbers: bool,
    finite: bool,
    low: f64,
    high: f64,
}

impl AttributeStats<'_> {
    fn new() -> Self {
        Self {
            counts: BTreeMap::new(),
            carriers: 0,
            numbers: true,
            finite: true,
            low: f64::INFINITY,
            high: f64::NEG_INFINITY,
        }
    }
}

impl Facets {
    /// Every attribute key the entities carry, the filters they offer and those that can
    /// size nodes (every value a number), in one pass over the entities.
    fn count_entity_attributes(&mut self, dataset: &Dataset) {
        let mut stats: BTreeMap<&str, AttributeStats<'_>> = BTreeMap::new();
        for entity in &dataset.entities {
            for (key, value) in &entity.attributes {
                let stat = stats
                    .entry(key.as_str())
                    .or_insert_with(AttributeStats::new);
                stat.carriers += 1;
                match value.trim().parse::<f64>() {
                    Ok(x) if x.is_finite() => {
                        stat.low = stat.low.min(x);
                        stat.high = stat.high.max(x);
                    }
                    Ok(_) => stat.finite = false,
                    Err(_) => stat.numbers = false,
                }
                // One past the limit is enough to know the values are too many to list.
                if stat.counts.len() <= MAX_ATTRIBUTE_VALUES
                    || stat.counts.contains_key(value.as_str())
                {
                    *stat.counts.entry(value.as_str()).or_default() += 1;
                }
            }
        }
        let entities = dataset.entities.len();
        self.entity_attribute_keys = stats.keys().map(|&key| key.to_owned()).collect();
        self.numeric_entity_attribute_keys = stats
            .iter()
            .filter(|(_, stat)| stat.numbers)
            .map(|(&key, _)| key.to_owned())
            .collect();
        self.entity_attribute_filters = stats
            .into_iter()
            .filter(|(key, _)| !crate::model::is_drawing_attribute(key))
            .filter_map(|(key, stat)| {
                let facet = if stat.counts.len() <= MAX_ATTRIBUTE_VALUES {
                    AttributeFacet::Values {
                        counts: stat
                            .counts
                            .into_iter()
                            .map(|(v, n)| (v.to_owned(), n))
                            .collect(),
                        carried_by_all: stat.carriers == entities,
                    }
                } else if stat.numbers && stat.finite && stat.low < stat.high {
                    AttributeFacet::Range(stat.low, stat.high)
                } else {
                    return None;
                };
                Some((key.to_owned(), facet))
            })
            .collect();
    }
}

impl Facets {
    fn count(dataset: &Dataset, documents_behind: &[u32]) -> Self {
        let mut facets = Self {
            most_sources: 1,
            ..Self::default()
        };
        for entity in &dataset.entities {
            *facets.entity_kinds.entry(entity.kind).or_default() += 1;
            facets.longest_name_chars = facets.longest_name_chars.max(entity.name.chars().count());
            let country = entity.country.as_deref().unwrap_or_default();
            match facets.countries.get_mut(country) {
                Some(count) => *count += 1,
                None => {
                    facets.countries.insert(country.to_owned(), 1);
                }
            }
        }
        facets.count_entity_attributes(dataset);
        let mut phrases: HashMap<&str, usize> = HashMap::new();
        let mut relation_keys = std::collections::BTreeSet::new();
        for (i, relation) in dataset.relations.iter().enumerate() {
            *facets.relation_kinds.entry(relation.kind).or_default() += 1;
            *facets.statuses.entry(relation.status).or_default() += 1;
            facets.directed_relations += usize::from(relation.directed);
            facets.longest_phrase_chars = facets
                .longest_phrase_chars
                .max(relation.phrase().chars().count());
            relation_keys.extend(relation.attributes.keys());
            let when = &relation.when;
            facets.dated_relations +=
                usize::from(when.date.is_some() || when.start.is_some() || when.end.is_some());
            facets.weighted_relations += usize::from(relation.weight.is_some());
            facets.described_relations += usize::from(relation.label_beyond_phrase().is_some());
            facets.quoted_relations += usize::from(
                relation
                    .evidence
                    .iter()
                    .any(crate::model::Evidence::has_quote),
            );
            facets.sourced_relations +=
                usize::from(documents_behind.get(i).is_some_and(|&n| n > 0));
            if relation.kind == RelationKind::Other && relation.has_phrase() {
                *phrases.entry(relation.phrase()).or_default() += 1;
            }
        }
        let mut phrases: Vec<(&str, usize)> =
            phrases.into_iter().filter(|&(_, n)| n >= 2).collect();
        phrases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        facets.relation_phrases = phrases
            .into_iter()
            .take(MAX_RELATION_PHRASES)
            .map(|(phrase, n)| (phrase.to_owned(), n))
            .collect();
        facets.relation_attribute_keys = relation_keys.into_iter().cloned().collect();
        let most = documents_behind.iter().copied().max().unwrap_or(1);
        facets.most_sources = (most as usize).max(1);
        facets
    }
}

/// A relation with what drawing it needs, as a crowded view scans them: in one small record,
/// so a pass over half a million relations reads memory in order rather than jumping to each
/// relation's full record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RankedRelation {
    pub relation: RelationIdx,
    pub source: EntityIdx,
    pub target: EntityIdx,
    pub status: RelationStatus,
    pub directed: bool,
    /// How much wider than the thinnest its line is drawn, in sixteenths of a step: 0 to
    /// [`LineWidths::WIDEST`] ([`LineWidths::heft`]).
    pub heft: u8,
    /// Its place among the relations joining the same two entities, and how many there are.
    pub parallel: (u32, u32),
}

impl RankedRelation {
    /// `relation` of `session`'s dataset, with what drawing it needs.
    pub fn of(session: &Session, relation: RelationIdx) -> Option<Self> {
        let index = &session.index;
        Self::of_dataset(
            &session.dataset,
            relation,
            (&index.documents_behind, index.line_widths),
            &index.parallel,
        )
    }

    /// `relation` of `dataset`, given each relation's documents behind it, what line widths
    /// show and each relation's parallel slot.
    fn of_dataset(
        dataset: &Dataset,
        relation: RelationIdx,
        (documents_behind, line_widths): (&[u32], LineWidths),
        parallel: &[(u32, u32)],
    ) -> Option<Self> {
        let r = dataset.relation(relation)?;
        Some(Self {
            relation,
            source: r.source,
            target: r.target,
            status: r.status,
            directed: r.directed,
            heft: line_widths.heft(
                documents_behind.get(relation.0).copied().unwrap_or(1),
                r.weight,
            ),
            parallel: parallel.get(relation.0).copied().unwrap_or((0, 1)),
        })
    }
}

/// What a link's line width shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineWidths {
    /// The documents behind each relation, one to five or more: where some relation has
    /// more than one.
    Documents,
    /// The file's weights, from the lightest to the heaviest: where no relation has more than
    /// one document and the weights differ. A Gephi or Kumu file has weights, not documents,
    /// and all its links had been drawn alike.
    Weights { lightest: f64, heaviest: f64 },
    /// Nothing: every link alike.
    Nothing,
}

impl LineWidths {
    /// The widest line's heft: four steps (five documents or more) of sixteenths.
    pub const WIDEST: u8 = 64;

    fn of(dataset: &Dataset, documents_behind: &[u32]) -> Self {
        if documents_behind.iter().any(|&n| n > 1) {
            return Self::Documents;
        }
        let (lightest, heaviest) = dataset
            .relations
            .iter()
            .filter_map(|r| r.weight.filter(|w| w.is_finite()))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), w| {
                (lo.min(w), hi.max(w))
            });
        if lightest < heaviest {
            Self::Weights { lightest, heaviest }
        } else {
            Self::Nothing
        }
    }

    /// How much wider than the thinnest a relation's line is, in sixteenths of a step, given
    /// its documents and its weight: a step for each further document, or a share of the
    /// four steps in proportion to its weight between the lightest and the heaviest (none
    /// for a link with no weight).
    pub fn heft(self, documents: u32, weight: Option<f64>) -> u8 {
        match self {
            Self::Documents => (documents.clamp(1, 5) - 1) as u8 * 16,
            Self::Weights { lightest, heaviest } => {
                weight.filter(|w| w.is_finite()).map_or(0, |w| {
                    let share = ((w - lightest) / (heaviest - lightest)).clamp(0.0, 1.0);
                    (share * f64::from(Self::WIDEST)).round() as u8
                })
            }
            Self::Nothing => 0,
        }
    }
}

impl ViewIndex {
    fn build(dataset: &Dataset, network: &Network) -> Self {
        let degrees: Vec<usize> = (0..dataset.entities.len())
            .map(|i| network.degree(EntityIdx(i)))
            .collect();
        let parallel = parallel_slots(dataset);
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
        entities_by_name
            .sort_by(|a, b| crate::words::natural_cmp(&search_text[a.0], &search_text[b.0]));
        let documents_behind: Vec<u32> = dataset
            .relations
            .iter()
            .map(|r| r.documents_behind() as u32)
            .collect();
        let line_widths = LineWidths::of(dataset, &documents_behind);
        let relations_by_importance = relations_by_importance(
            dataset,
            &degrees,
            (&documents_behind, line_widths),
            &parallel,
        );
        let facets = Facets::count(dataset, &documents_behind);
        Self {
            degrees,
            parallel,
            entities_by_name,
            search_text,
            documents_behind,
            line_widths,
            relations_by_importance,
            facets,
            clusters: crate::model::communities::Clusters::find(dataset),
            evidence_count: dataset.evidence_count(),
            quote_count: dataset.quote_count(),
            located: dataset
                .entities
                .iter()
                .filter(|e| crate::model::geo::location(e).is_some())
                .count(),
            placeholders: dataset
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.is_placeholder())
                .map(|(i, _)| EntityIdx(i))
                .collect(),
            flow_relations: dataset
                .relations
                .iter()
                .filter(|r| crate::model::flow::moves_along(r))
                .count(),
            measures: crate::model::measures::Measures::compute(dataset),
            file_positions: crate::layout::saved_positions_at_layout_scale(&dataset.positions)
                .into_iter()
                .collect(),
        }
    }

    /// Relations touching `entity`.
    pub fn degree(&self, entity: EntityIdx) -> usize {
        self.degrees.get(entity.0).copied().unwrap_or(0)
    }
}

/// For each relation of `dataset`: its place among the relations joining the same two
/// entities (either way round), in the order of the relations, and how many there are.
/// Found by sorting relation indexes by their pair: no hashing of half a million pairs.
fn parallel_slots(dataset: &Dataset) -> Vec<(u32, u32)> {
    // (lower entity, higher entity, relation): sorted, each pair's relations in their order.
    let mut keyed: Vec<(usize, usize, usize)> = dataset
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.source.0.min(r.target.0), r.source.0.max(r.target.0), i))
        .collect();
    keyed.sort_unstable();
    let mut slots = vec![(0u32, 1u32); keyed.len()];
    for run in keyed.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        for (slot, &(_, _, i)) in run.iter().enumerate() {
            slots[i] = (slot as u32, run.len() as u32);
        }
    }
    slots
}

/// Relations of `dataset` most important first (see [`ViewIndex::relations_by_importance`]);
/// ties in index order, so the order is the same every time.
fn relations_by_importance(
    dataset: &Dataset,
    degrees: &[usize],
    (documents_behind, line_widths): (&[u32], LineWidths),
    parallel: &[(u32, u32)],
) -> Vec<RankedRelation> {
    let degree = |e: EntityIdx| degrees.get(e.0).copied().unwrap_or(0);
    let mut keyed: Vec<(u32, f64, usize, usize)> = dataset
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                documents_behind.get(i).copied().unwrap_or(0),
                r.weight.filter(|w| w.is_finite()).unwrap_or(1.0),
                degree(r.source).min(degree(r.target)),
                i,
            )
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(&b.3))
    });
    keyed
        .into_iter()
        .filter_map(|(.., i)| {
            RankedRelation::of_dataset(
                dataset,
                RelationIdx(i),
                (documents_behind, line_widths),
                parallel,
            )
        })
        .collect()
}

/// One opened dataset and the state of viewing it.
pub struct Session {
    /// A number no other session of this process has: what is kept between frames for one
    /// dataset (the table's row order) is known not to belong to the next.
    pub id: u64,
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

/// Sessions made so far in this process: the next one's [`Session::id`].
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Session {
    /// A fresh session for a loaded dataset.
    pub fn new(loaded: Loaded, origin: Option<PathBuf>) -> Self {
        let started = std::time::Instant::now();
        let network = Network::build(&loaded.dataset);
        let built_network = started.elapsed();
        let started = std::time::Instant::now();
        // The indexes and the layout's set-up are independent: side by side on two cores.
        let (index, layout) = std::thread::scope(|scope| {
            let layout = scope.spawn(|| LayoutHandle::new(&loaded.dataset));
            let index = ViewIndex::build(&loaded.dataset, &network);
            let layout = layout
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (index, layout)
        });
        log::debug!(
            "session of {} entities: network {:?}, then indexes and layout set-up {:?}",
            loaded.dataset.entities.len(),
            built_network,
            started.elapsed()
        );
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
        let mut report = loaded.report;
        if index.located > 0 {
            report.notes.push(format!(
                "{} a latitude and longitude (kept as attributes): Layout ▸ Place on a map \
                 puts them where they lie",
                crate::words::counted(index.located, "entity gives", "entities give")
            ));
        }
        Self {
            id: SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            dataset: loaded.dataset,
            report,
            origin,
            network,
            index,
            layout,
            source_texts,
            source_text_errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_networks::network_of;

    #[test]
    fn attributes_offered_as_filters_leave_out_the_drawing_and_what_offers_no_choice() {
        // 60 entities, in a chain.
        let names: Vec<String> = (0..60).map(|i| format!("e{i}")).collect();
        let links: Vec<(String, String)> = names
            .windows(2)
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect();
        let rows: Vec<(&str, &str, &str, &str, &str)> = links
            .iter()
            .map(|(a, b)| (a.as_str(), a.as_str(), "supplied", b.as_str(), "reported"))
            .collect();
        let mut dataset = network_of(&rows);
        for (i, entity) in dataset.entities.iter_mut().enumerate() {
            let mut set = |key: &str, value: String| {
                entity.attributes.insert(key.to_owned(), value);
            };
            set("sector", ["bank", "telecom", "police"][i % 3].to_owned());
            set("Color", format!("#00{i:02x}00"));
            set("x", i.to_string());
            set("tier", "1".to_owned());
            set("score", format!("{}.5", i * 2));
            set("code", format!("c-{i}"));
            if i < 5 {
                set("sanctioned", "yes".to_owned());
            }
        }
        let facets = Facets::count(&dataset, &[]);
        assert_eq!(facets.numeric_entity_attribute_keys, ["score", "tier", "x"]);
        let offered = facets.entity_attribute_filters;
        let by_key = |key: &str| offered.iter().find(|(k, _)| k == key).map(|(_, f)| f);
        let keys_offered: Vec<&str> = offered.iter().map(|(k, _)| k.as_str()).collect();
        // Colour and position are how the file drew it; a code of 60 words is no list.
        assert_eq!(keys_offered, ["sanctioned", "score", "sector", "tier"]);
        let Some(AttributeFacet::Values {
            counts,
            carried_by_all,
        }) = by_key("sector")
        else {
            panic!("sector: {:?}", by_key("sector"));
        };
        assert_eq!(counts.values().sum::<usize>(), 60);
        assert_eq!(counts.get("police"), Some(&20));
        assert!(carried_by_all);
        // One value all share offers no choice; one that some have does (hide those).
        assert!(matches!(
            by_key("tier"),
            Some(AttributeFacet::Values { counts, carried_by_all: true }) if counts.len() == 1
        ));
        assert!(matches!(
            by_key("sanctioned"),
            Some(AttributeFacet::Values { counts, carried_by_all: false }) if counts["yes"] == 5
        ));
        assert_eq!(by_key("score"), Some(&AttributeFacet::Range(0.5, 118.5)));
    }

    #[test]
    fn parallel_relations_get_their_places_in_order_whichever_way_they_point() {
        let dataset = network_of(&[
            ("r1", "a", "supplied", "b", "reported"),
            ("r2", "c", "supplied", "d", "reported"),
            ("r3", "b", "supplied", "a", "reported"),
            ("r4", "a", "supplied", "b", "claimed"),
        ]);
        let slot_of = |id: &str| {
            let i = dataset
                .relations
                .iter()
                .position(|r| r.relation_id == id)
                .expect("relation");
            parallel_slots(&dataset)[i]
        };
        assert_eq!(slot_of("r1"), (0, 3));
        assert_eq!(slot_of("r3"), (1, 3));
        assert_eq!(slot_of("r4"), (2, 3));
        assert_eq!(slot_of("r2"), (0, 1));
    }

    #[test]
    fn relations_rank_by_sources_then_weight_then_how_connected_their_ends_are() {
        let session = Session::new(crate::formats::load_builtin().expect("built-in"), None);
        let index = &session.index;
        let ranked = &index.relations_by_importance;
        let mut seen: Vec<usize> = ranked.iter().map(|r| r.relation.0).collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..session.dataset.relations.len()).collect::<Vec<_>>()
        );
        let key = |r: &RankedRelation| {
            let relation = &session.dataset.relations[r.relation.0];
            (
                index.documents_behind[r.relation.0],
                relation.weight.unwrap_or(1.0),
                index.degree(r.source).min(index.degree(r.target)),
            )
        };
        for pair in ranked.windows(2) {
            let (a, b) = (key(&pair[0]), key(&pair[1]));
            assert!(
                a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 >= b.2))),
                "{a:?} ranked before {b:?}"
            );
        }
        // The built-in dataset has relations backed by several documents: they lead.
        let documents = |r: &RankedRelation| index.documents_behind[r.relation.0];
        assert!(documents(&ranked[0]) > documents(&ranked[ranked.len() - 1]));
        assert_eq!(
            documents(&ranked[0]) as usize,
            session.dataset.relations[ranked[0].relation.0].documents_behind()
        );
        assert!(
            ranked[0].heft > ranked[ranked.len() - 1].heft,
            "drawn wider"
        );
    }
}
