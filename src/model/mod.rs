//! The domain model: a dataset of entities, the relations between them, and the evidence
//! (quotes with their sources) behind every relation. Everything the UI and the CLI show is
//! read from here; nothing here knows about files or drawing.

use std::collections::BTreeMap;

pub mod adjacency;
pub mod communities;
pub mod flow;
pub mod geo;
mod kinds;
mod link;
pub mod measures;
mod network;
pub mod paths;
pub mod saved_view;
mod story;
#[cfg(test)]
pub(crate) mod test_networks;
pub mod time;

pub use kinds::{EntityKind, RelationKind, RelationStatus, SourceKind, catch_all_last};
pub use link::{UrlRefusal, openable_url};
pub use network::Network;
pub use saved_view::SavedView;
pub use story::{Along, Story, StoryCamera, StoryFilters, StoryFocus, StoryStep, story_step_count};
pub use time::{DatePrecision, Days, TimeStep};

/// Index of an entity in [`Dataset::entities`]. Stable for the life of a loaded dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityIdx(pub usize);

/// Index of a relation in [`Dataset::relations`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationIdx(pub usize);

/// Index of a source in [`Dataset::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceIdx(pub usize);

/// Descriptive data about the dataset as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub license: Option<String>,
    pub created: Option<String>,
}

/// A document that evidence is quoted from, or that a quoted passage relies on.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub source_id: String,
    pub title: String,
    pub kind: SourceKind,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The source's full text, as a path to a plain-text or HTML file, relative to the dataset
    /// file (or absolute). Lets the panel check quotes and show them in context.
    pub text_file: Option<String>,
}

/// A node of the network: a company, a government body, a city, a programme, a person...
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub entity_id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub description: Option<String>,
    /// A web page about the entity (only http and https links are opened).
    pub url: Option<String>,
    /// Every other field the file gave, kept as text so nothing is lost on import or export.
    pub attributes: BTreeMap<String, String>,
}

/// The attribute that marks a placeholder: an entity a relation names that the file defines
/// nowhere, added by the importer so that the relation is kept (drawn hollow and dashed).
pub const PLACEHOLDER_ATTRIBUTE: &str = "placeholder";

/// A placeholder's description, as the side panel shows it.
pub const PLACEHOLDER_DESCRIPTION: &str = "Named by a relation but not defined in the file.";

impl Entity {
    /// A placeholder for `entity_id`, named by a relation and defined nowhere in the file.
    pub fn placeholder(entity_id: String) -> Self {
        Self {
            name: entity_id.clone(),
            entity_id,
            kind: EntityKind::Other,
            aliases: Vec::new(),
            country: None,
            description: Some(PLACEHOLDER_DESCRIPTION.to_owned()),
            url: None,
            attributes: BTreeMap::from([(PLACEHOLDER_ATTRIBUTE.to_owned(), "true".to_owned())]),
        }
    }

    /// Whether an importer added this entity for a relation's end the file defines nowhere
    /// (kept when saved, so a placeholder stays one when the file is opened again).
    pub fn is_placeholder(&self) -> bool {
        self.attributes
            .get(PLACEHOLDER_ATTRIBUTE)
            .is_some_and(|v| v == "true")
    }
}

/// Whether an attribute is how the file drew its entity (its colour, size or position, as
/// Gephi, Cytoscape and yEd keep them) rather than something it says about it: such
/// attributes are not offered as filters or as what colour means.
pub fn is_drawing_attribute(key: &str) -> bool {
    const DRAWING: [&str; 8] = ["color", "size", "x", "y", "z", "r", "g", "b"];
    DRAWING.iter().any(|d| key.eq_ignore_ascii_case(d))
}

/// When a relation held: a point in time or a (possibly open) period.
/// Dates are kept as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct When {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl When {
    /// The days it covers, first and last, and how finely its dates are written; an open end
    /// is taken as the other end. `None` when undated.
    pub fn days(&self) -> Option<Days> {
        if let Some(days) = self.date.as_deref().and_then(Days::of) {
            return Some(days);
        }
        let start = self.start.as_deref().and_then(Days::of);
        let end = self.end.as_deref().and_then(Days::of);
        match (start, end) {
            (Some(start), Some(end)) => Some(start.span(end)),
            (Some(days), None) | (None, Some(days)) => Some(days),
            (None, None) => None,
        }
    }

    /// The years it spans, first and last; an open end is taken as the other end.
    /// `None` when undated.
    pub fn years(&self) -> Option<(i32, i32)> {
        self.days()
            .map(|d| (i32::from(d.first.year()), i32::from(d.last.year())))
    }

    /// Human-readable form: `2012`, `2009–2016`, `since 2017`, `until 2014`; `None` when undated.
    pub fn display(&self) -> Option<String> {
        match (&self.date, &self.start, &self.end) {
            (Some(date), _, _) => Some(date.clone()),
            (None, Some(start), Some(end)) if start == end => Some(start.clone()),
            (None, Some(start), Some(end)) => Some(format!("{start}–{end}")),
            (None, Some(start), None) => Some(format!("since {start}")),
            (None, None, Some(end)) => Some(format!("until {end}")),
            (None, None, None) => None,
        }
    }
}

/// Who is speaking in a quote that a source reports: a person or an organisation, whose words
/// or documents the source relays ("said David Bicknell, principal analyst at GlobalData";
/// "according to IBM's investor deck"). See [`Evidence::speaker_verb`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The person's or organisation's name, as the source gives it.
    pub name: String,
    /// Their role or affiliation, as the source gives it.
    pub role: Option<String>,
    /// The entity that speaks, where it is in the dataset. Kept as the entity's stable id,
    /// since importers attach evidence before every node is known.
    pub entity_id: Option<String>,
}

impl Speaker {
    /// "David Bicknell (principal analyst, GlobalData)", or the name alone.
    pub fn display(&self) -> String {
        match &self.role {
            Some(role) if !role.trim().is_empty() => format!("{} ({})", self.name, role.trim()),
            _ => self.name.clone(),
        }
    }
}

/// One quoted passage supporting a relation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Verbatim text from the source.
    pub quote: String,
    /// The source the quote is taken from; `None` when the file named a source it does not define
    /// (reported as a warning at load time).
    pub source: Option<SourceIdx>,
    /// Where in the source: a section heading, a figure, a page.
    pub locator: Option<String>,
    /// Primary documents the quoted passage relies on.
    pub cites: Vec<SourceIdx>,
    /// The dataset author's remark, kept apart from the quote.
    pub note: Option<String>,
    /// Whose words the quote is, when the source reports someone else speaking.
    pub speaker: Option<Speaker>,
}

impl Evidence {
    /// Whether there are words quoted: a spreadsheet's "Source URL" column gives evidence that
    /// only cites its source.
    pub fn has_quote(&self) -> bool {
        !self.quote.trim().is_empty()
    }
}

impl Dataset {
    /// How `evidence`'s speaker goes with its quote: "said" where the quote is the
    /// speaker's own words, "according to" where it is the source's words relaying what the
    /// speaker says or a document of theirs shows ("According to a 2012 IBM investor deck,
    /// …" is the article's narration, not IBM's voice). Own words: a quote that opens with a
    /// quotation mark, or plain text from a person. The source's words: a quote that names
    /// the speaker, quotes within itself, or comes from an organisation as the speaker
    /// (which speaks through documents: "The firm's official literature … claims").
    pub fn speaker_verb(&self, evidence: &Evidence) -> &'static str {
        let quote = evidence.quote.trim_start();
        if quote.starts_with(['“', '"', '„', '«']) {
            return "said";
        }
        let Some(speaker) = &evidence.speaker else {
            return "said";
        };
        let name = speaker.name.trim();
        let narrated = quote.contains(['“', '‘', '„', '«'])
            || (!name.is_empty() && quote.contains(name))
            || quote.to_lowercase().starts_with("according to");
        // The organisation itself, not a person speaking for it ("Dana Reyes", linked to
        // the company she speaks for, says her own words).
        let organisation = speaker
            .entity_id
            .as_deref()
            .and_then(|id| self.entity_by_id(id))
            .and_then(|e| self.entity(e))
            .is_some_and(|e| {
                e.kind != EntityKind::Person
                    && (e.name == name || e.aliases.iter().any(|a| a == name))
            });
        if narrated || organisation {
            "according to"
        } else {
            "said"
        }
    }
}

/// The longest label [`Relation::phrase`] uses in place of the kind.
pub const MAX_PHRASE_CHARS: usize = 32;

/// A directed link `source → target` with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub relation_id: String,
    pub source: EntityIdx,
    pub target: EntityIdx,
    pub kind: RelationKind,
    pub label: Option<String>,
    pub when: When,
    pub status: RelationStatus,
    pub evidence: Vec<Evidence>,
    /// Whether the relation has a direction; undirected ones are drawn without an arrow.
    pub directed: bool,
    /// Strength or amount, where the file gives one (edge weight).
    pub weight: Option<f64>,
    /// Every other field the file gave, kept as text.
    pub attributes: BTreeMap<String, String>,
}

/// The attribute a relation's description is kept as: the file's own words about it (a Kumu
/// connection's or a yEd edge's description, an analyst's notes), which importers do not make
/// a quote. Search looks in it as in an entity's description; the panel shows it as prose.
pub const RELATION_DESCRIPTION: &str = "description";

impl Relation {
    /// Its description ([`RELATION_DESCRIPTION`]), where the file gave one.
    pub fn description(&self) -> Option<&str> {
        self.attributes
            .get(RELATION_DESCRIPTION)
            .map(String::as_str)
            .filter(|d| !d.trim().is_empty())
    }

    /// How many distinct documents its evidence rests on: the sources its quotes come from
    /// and the documents they cite. Not a count of independent confirmations: a document the
    /// quoting source cites is counted as that source reports it.
    pub fn documents_behind(&self) -> usize {
        let mut sources: Vec<SourceIdx> = self
            .evidence
            .iter()
            .flat_map(|e| e.source.into_iter().chain(e.cites.iter().copied()))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources.len()
    }

    /// The text shown on the edge: the label if there is one, else the kind.
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(self.kind.label())
    }

    /// `label` between strokes, as read walking from one end to the other: `—label→` along
    /// the relation's direction, `←label—` against it, `—label—` when it has none (an arrow
    /// there would claim a direction the file does not).
    pub fn arrow(&self, label: &str, forward: bool) -> String {
        match (self.directed, forward) {
            (false, _) => format!("—{label}—"),
            (true, true) => format!("—{label}→"),
            (true, false) => format!("←{label}—"),
        }
    }

    /// Whether [`Self::phrase`] says more than "related to": on an edge, the generic phrase
    /// is drawn only for the relation pointed at or selected, so that a file of unlabelled
    /// links is not a graph of "related to".
    pub fn has_phrase(&self) -> bool {
        self.kind != RelationKind::Other || self.phrase() != RelationKind::Other.label()
    }

    /// The words between its two ends, on the edge and in "A — phrase → B": its kind, or for
    /// a relation of no particular kind its own label ("holder", "member of"), when that is
    /// short enough to read along an edge. Most files from other tools have only such
    /// relations, and "related to" on every one of them says nothing. A label that is the
    /// file's own word for the kind (a yEd edge labelled "supplies", read as supplied) is the
    /// phrase too: the kind classifies it, the file's word is what is read.
    pub fn phrase(&self) -> &str {
        match &self.label {
            Some(label)
                if !label.trim().is_empty()
                    && label.chars().count() <= MAX_PHRASE_CHARS
                    && (self.kind == RelationKind::Other
                        || RelationKind::named_by(label) == Some(self.kind)) =>
            {
                label
            }
            _ => self.kind.label(),
        }
    }

    /// The phrase with its hedge, "partnered with (denied)": wherever the phrase stands for
    /// the relation (on its link, in the table), "partnered with" alone would read as fact.
    /// A phrase that already says its hedge keeps it once: "access to Watson unclear", not
    /// "access to Watson unclear (unclear)".
    pub fn hedged_phrase(&self) -> std::borrow::Cow<'_, str> {
        let phrase = self.phrase();
        match self.status {
            RelationStatus::Reported => phrase.into(),
            status
                if phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word.eq_ignore_ascii_case(status.as_str())) =>
            {
                phrase.into()
            }
            status => format!("{phrase} ({})", status.as_str()).into(),
        }
    }

    /// Its label where the label says more than [`Self::phrase`] (a description); `None`
    /// where it is the phrase or there is none.
    pub fn label_beyond_phrase(&self) -> Option<&str> {
        self.label
            .as_deref()
            .filter(|label| *label != self.phrase())
    }
}

/// A saved node position in layout coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub x: f32,
    pub y: f32,
}

/// A whole loaded dataset. Built only by the loaders in [`crate::formats`], which guarantee that
/// every index it holds points into its own vectors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub metadata: Metadata,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    /// Saved layout, by entity.
    pub positions: Vec<(EntityIdx, Position)>,
    /// Stories told with this dataset, for presenting (the native format keeps them).
    pub stories: Vec<Story>,
    /// The view it was saved in, to open it the same way (the native format keeps it).
    pub view: Option<SavedView>,
}

impl Dataset {
    /// The entity at `idx`. Indices come from this dataset, so this cannot fail for them.
    pub fn entity(&self, idx: EntityIdx) -> Option<&Entity> {
        self.entities.get(idx.0)
    }

    /// The relation at `idx`.
    pub fn relation(&self, idx: RelationIdx) -> Option<&Relation> {
        self.relations.get(idx.0)
    }

    /// The source at `idx`.
    pub fn source(&self, idx: SourceIdx) -> Option<&Source> {
        self.sources.get(idx.0)
    }

    /// Looks an entity up by its stable id.
    pub fn entity_by_id(&self, entity_id: &str) -> Option<EntityIdx> {
        self.entities
            .iter()
            .position(|entity| entity.entity_id == entity_id)
            .map(EntityIdx)
    }

    /// Looks an entity up by name or alias, ignoring case.
    pub fn entity_by_name(&self, name: &str) -> Option<EntityIdx> {
        self.entities
            .iter()
            .position(|entity| {
                entity.name.eq_ignore_ascii_case(name)
                    || entity
                        .aliases
                        .iter()
                        .any(|alias| alias.eq_ignore_ascii_case(name))
            })
            .map(EntityIdx)
    }

    /// Looks a relation up by its stable id.
    pub fn relation_by_id(&self, relation_id: &str) -> Option<RelationIdx> {
        self.relations
            .iter()
            .position(|relation| relation.relation_id == relation_id)
            .map(RelationIdx)
    }

    /// Looks a source up by its stable id.
    pub fn source_by_id(&self, source_id: &str) -> Option<SourceIdx> {
        self.sources
            .iter()
            .position(|source| source.source_id == source_id)
            .map(SourceIdx)
    }

    /// Total number of evidence items over all relations.
    pub fn evidence_count(&self) -> usize {
        self.relations.iter().map(|r| r.evidence.len()).sum()
    }

    /// Evidence items with words quoted (the rest only cite their source).
    pub fn quote_count(&self) -> usize {
        self.relations
            .iter()
            .flat_map(|r| &r.evidence)
            .filter(|e| e.has_quote())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::test_networks::bare_relation as relation;
    use super::*;

    #[test]
    fn own_words_are_said_and_narration_is_according_to() {
        let dataset = crate::formats::load_builtin().expect("built-in").dataset;
        let verbs = |relation: &str| -> Vec<&'static str> {
            let r = dataset.relation_by_id(relation).unwrap();
            let r = dataset.relation(r).unwrap();
            r.evidence.iter().map(|e| dataset.speaker_verb(e)).collect()
        };
        // The article's narration, citing IBM's deck and the city's website.
        assert_eq!(
            verbs("ibm-operates-in-karamay"),
            ["according to", "according to"]
        );
        // "The firm's official literature … claims": an organisation's document.
        assert_eq!(verbs("safe-city-in-230-cities"), ["according to"]);
        // A person's own words, opening with a quotation mark, or a fragment of them.
        assert_eq!(verbs("privacy-international-criticized-ibm"), ["said"]);
        assert_eq!(verbs("huawei-builds-uk-5g")[0], "said");
    }

    #[test]
    fn the_phrase_is_the_kind_unless_a_short_label_says_more() {
        let other = RelationKind::Other;
        assert_eq!(relation(other, Some("holder")).phrase(), "holder");
        assert_eq!(relation(other, None).phrase(), other.label());
        assert_eq!(relation(other, Some("  ")).phrase(), other.label());
        let long = "x".repeat(MAX_PHRASE_CHARS + 1);
        assert_eq!(relation(other, Some(&long)).phrase(), other.label());
        assert!(relation(other, Some("holder")).has_phrase());
        assert!(!relation(other, None).has_phrase());
        assert!(relation(RelationKind::Supplied, None).has_phrase());
        // A relation of a known kind reads as its kind; its label is shown beside.
        let supplied = RelationKind::Supplied;
        assert_eq!(
            relation(supplied, Some("sold cameras")).phrase(),
            supplied.label()
        );
        // Unless the label is the file's own word for that kind: it is what is read.
        let supplies = relation(supplied, Some("supplies"));
        assert_eq!(supplies.phrase(), "supplies");
        assert_eq!(supplies.label_beyond_phrase(), None);
        assert_eq!(
            relation(RelationKind::Funded, Some("supplies")).phrase(),
            RelationKind::Funded.label()
        );
    }

    #[test]
    fn a_hedge_follows_the_phrase_and_a_plain_report_says_none() {
        let mut r = relation(RelationKind::PartneredWith, None);
        assert_eq!(r.hedged_phrase(), "partnered with");
        r.status = RelationStatus::Denied;
        assert_eq!(r.hedged_phrase(), "partnered with (denied)");
        r.status = RelationStatus::Claimed;
        r.kind = RelationKind::Other;
        r.label = Some("holder".into());
        assert_eq!(r.hedged_phrase(), "holder (claimed)");
        // Said once where the phrase says it already; a word that only contains it is not it.
        r.status = RelationStatus::Unclear;
        r.label = Some("access to Watson unclear".into());
        assert_eq!(r.hedged_phrase(), "access to Watson unclear");
        r.label = Some("Unclear: access to Watson".into());
        assert_eq!(r.hedged_phrase(), "Unclear: access to Watson");
        r.status = RelationStatus::Denied;
        r.label = Some("undenied ties".into());
        assert_eq!(r.hedged_phrase(), "undenied ties (denied)");
    }

    #[test]
    fn an_undirected_relation_has_no_arrow_head_either_way() {
        let mut r = relation(RelationKind::Other, None);
        assert_eq!(r.arrow("x", true), "—x→");
        assert_eq!(r.arrow("x", false), "←x—");
        r.directed = false;
        assert_eq!(r.arrow("x", true), "—x—");
        assert_eq!(r.arrow("x", false), "—x—");
    }
}
