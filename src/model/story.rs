//! Stories: an ordered walk through a dataset, saved in it, for presenting. Each step names
//! what to highlight, where to look, and optionally which years, filters and focus apply; the
//! view turns a step into a `View` (see `view::story`).

use std::collections::BTreeMap;

use super::{Days, EntityIdx, EntityKind, RelationIdx, RelationKind, RelationStatus};

/// A titled sequence of steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub title: String,
    pub steps: Vec<StoryStep>,
}

/// How many steps `stories` have in all.
pub fn story_step_count(stories: &[Story]) -> usize {
    stories.iter().map(|story| story.steps.len()).sum()
}

/// One step of a story: what the presenter says (title and caption) and what the audience
/// sees while they say it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryStep {
    pub title: String,
    /// What the step says; every claim in it is backed by the highlighted relations' quotes.
    pub caption: String,
    /// Entities to highlight (the rest fades).
    pub entities: Vec<EntityIdx>,
    /// Relations to highlight, in the order they are revealed when `reveal` is on.
    pub relations: Vec<RelationIdx>,
    /// Where the camera goes.
    pub camera: StoryCamera,
    /// Only relations dated within these (inclusive: from the first day of the first to the
    /// last day of the second), if given; undated ones stay shown.
    pub dates: Option<(Days, Days)>,
    /// What this step hides, if anything.
    pub filters: StoryFilters,
    /// Show only the neighbourhood of this entity, if given.
    pub focus: Option<StoryFocus>,
    /// Reveal the highlighted relations one at a time (each press of "next"), rather than
    /// all at once.
    pub reveal: bool,
}

/// Where a story step puts the camera.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum StoryCamera {
    /// Fit the highlighted entities (and the ends of the highlighted relations) in view;
    /// the whole network when nothing is highlighted.
    #[default]
    FitHighlighted,
    /// Exactly this view: the layout point at the centre and the zoom (screen points per
    /// layout unit).
    Exact { center: [f32; 2], zoom: f32 },
}

/// What a story step hides. Empty: nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryFilters {
    pub hidden_entity_kinds: Vec<EntityKind>,
    pub hidden_relation_kinds: Vec<RelationKind>,
    /// The file's own relation kinds (phrases of kind Other) hidden.
    pub hidden_relation_phrases: Vec<String>,
    /// When given, the only phrases of kind Other shown (empty: none of them).
    pub shown_only_relation_phrases: Option<Vec<String>>,
    pub hidden_statuses: Vec<RelationStatus>,
    /// Countries whose entities are hidden ("" for entities with no country).
    pub hidden_countries: Vec<String>,
    /// Entities with one of these values of an attribute (by key) are hidden.
    pub hidden_attribute_values: BTreeMap<String, Vec<String>>,
    /// Entities whose numeric attribute (by key) lies outside `[low, high]` are hidden.
    pub attribute_ranges: BTreeMap<String, (f64, f64)>,
}

impl StoryFilters {
    /// Whether the step hides anything.
    pub fn is_empty(&self) -> bool {
        self.hidden_entity_kinds.is_empty()
            && self.hidden_relation_kinds.is_empty()
            && self.hidden_relation_phrases.is_empty()
            && self.shown_only_relation_phrases.is_none()
            && self.hidden_statuses.is_empty()
            && self.hidden_countries.is_empty()
            && self.hidden_attribute_values.is_empty()
            && self.attribute_ranges.is_empty()
    }
}

/// A story step's focus: the neighbourhood of `entity`, `hops` relations deep, following
/// relations `along` their direction; the rest fades (or is hidden, with `hide_outside`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoryFocus {
    pub entity: EntityIdx,
    pub hops: usize,
    pub hide_outside: bool,
    pub along: Along,
}

/// Which way a focus follows relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Along {
    #[default]
    Both,
    /// From source to target only: what the entity leads to.
    Out,
    /// From target to source only: what leads to it.
    In,
}

impl Along {
    const ALL: [Self; 3] = [Self::Both, Self::Out, Self::In];

    /// How files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Both => "both",
            Self::Out => "out",
            Self::In => "in",
        }
    }

    pub fn parse(spelling: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == spelling)
    }

    /// Every spelling, for a message about one that is not.
    pub fn spellings() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }
}
