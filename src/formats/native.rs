//! The Chainsight dataset format, version 1 (`docs/FORMAT.md`): reading it into the model with
//! a full report of what could not be used, and writing the model back out.
//!
//! Reading happens in two steps: serde turns the text into loosely-typed `Raw*` records (kinds
//! and dates as plain strings, ids unresolved), reporting unknown keys on the way; then
//! [`Resolver`] checks them, resolves ids to indices and collects a warning for everything it
//! sets aside. Only serde errors (not JSON, wrong type, missing key) stop a load.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Loaded;
use super::error::{LoadError, TextPosition, json_error};
use super::report::{LoadReport, Warning, WarningKind};
use crate::model::saved_view::{ColourBy, SavedSelection, SizeBy};
use crate::model::{
    Along, Dataset, Entity, EntityIdx, EntityKind, Evidence, Metadata, Position, Relation,
    RelationIdx, RelationKind, RelationStatus, Source, SourceIdx, SourceKind, Speaker, Story,
    StoryCamera, StoryFilters, StoryFocus, StoryStep, When, openable_url,
};
use crate::model::{DatePrecision, Days, SavedView};

/// The value of the `format` key that marks a Chainsight dataset.
pub const FORMAT_TAG: &str = "chainsight";
/// The only version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;
/// How the format is named in reports.
pub const FORMAT_NAME: &str = "Chainsight v1";

#[derive(Deserialize, Serialize)]
struct RawDataset {
    format: String,
    version: u64,
    #[serde(default)]
    metadata: RawMetadata,
    #[serde(default)]
    sources: Vec<RawSource>,
    entities: Vec<RawEntity>,
    relations: Vec<RawRelation>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    positions: BTreeMap<String, RawPosition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    stories: Vec<RawStory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    view: Option<RawView>,
}

#[derive(Deserialize, Serialize, Default)]
struct RawMetadata {
    #[serde(default)]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
}

/// A source as files hold it; the GEXF and GraphML extension stores sources the same way.
#[derive(Deserialize, Serialize)]
pub(super) struct RawSource {
    pub(super) id: String,
    pub(super) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) text_file: Option<String>,
}

impl RawSource {
    pub(super) fn from_model(source: &Source) -> Self {
        Self {
            id: source.source_id.clone(),
            title: source.title.clone(),
            kind: Some(source.kind.as_str().to_owned()),
            author: source.author.clone(),
            publisher: source.publisher.clone(),
            date: source.date.clone(),
            url: source.url.clone(),
            text_file: source.text_file.clone(),
        }
    }
}

/// Who speaks in a quote, as every format that carries evidence writes it.
#[derive(Clone, Deserialize, Serialize)]
pub(super) struct RawSpeaker {
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) entity: Option<String>,
}

impl RawSpeaker {
    pub(super) fn from_model(speaker: &Speaker) -> Self {
        Self {
            name: speaker.name.clone(),
            role: speaker.role.clone(),
            entity: speaker.entity_id.clone(),
        }
    }

    /// The speaker, or `None` when the name is blank (nobody to attribute the words to).
    pub(super) fn into_model(self) -> Option<Speaker> {
        let non_blank = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        (!self.name.trim().is_empty()).then(|| Speaker {
            name: self.name,
            role: non_blank(self.role),
            entity_id: non_blank(self.entity),
        })
    }
}

#[derive(Deserialize, Serialize)]
struct RawEntity {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
}

#[derive(Deserialize, Serialize)]
struct RawRelation {
    id: String,
    source: String,
    target: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(default = "directed_default", skip_serializing_if = "is_directed")]
    directed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    evidence: Vec<RawEvidence>,
}

fn directed_default() -> bool {
    true
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_directed(directed: &bool) -> bool {
    *directed
}

#[derive(Deserialize, Serialize)]
struct RawEvidence {
    quote: String,
    /// Absent when the quote's origin is unknown (imported from a file that did not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cites: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<RawSpeaker>,
}

#[derive(Deserialize, Serialize)]
struct RawPosition {
    x: f32,
    y: f32,
}

/// A story as files hold it: ids instead of indices, kinds and statuses as their spellings.
#[derive(Deserialize, Serialize)]
struct RawStory {
    title: String,
    steps: Vec<RawStoryStep>,
}

#[derive(Deserialize, Serialize)]
struct RawStoryStep {
    title: String,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    relations: Vec<String>,
    #[serde(default)]
    camera: RawCamera,
    /// `[from, to]`, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    years: Option<(i32, i32)>,
    /// `[from, to]`, inclusive, as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a window finer than
    /// years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dates: Option<(String, String)>,
    #[serde(default, skip_serializing_if = "RawStoryFilters::is_empty")]
    filters: RawStoryFilters,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    focus: Option<RawStoryFocus>,
    #[serde(default, skip_serializing_if = "is_false")]
    reveal: bool,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

/// The spelling of [`StoryCamera::FitHighlighted`] in files.
const CAMERA_FIT: &str = "fit";

/// A step's camera: the string `"fit"` or an exact view. Read by hand rather than as an
/// untagged enum, so that a wrong value is reported as what it is, not as "no variant matched".
#[derive(Default)]
enum RawCamera {
    #[default]
    Fit,
    Exact(RawExactCamera),
}

#[derive(Deserialize, Serialize)]
struct RawExactCamera {
    center: [f32; 2],
    zoom: f32,
}

impl Serialize for RawCamera {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Fit => serializer.serialize_str(CAMERA_FIT),
            Self::Exact(exact) => exact.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for RawCamera {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CameraVisitor;

        impl<'de> serde::de::Visitor<'de> for CameraVisitor {
            type Value = RawCamera;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("\"fit\" or an object {\"center\": [x, y], \"zoom\": number}")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<RawCamera, E> {
                if value == CAMERA_FIT {
                    Ok(RawCamera::Fit)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(value), &self))
                }
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawCamera, A::Error> {
                RawExactCamera::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawCamera::Exact)
            }
        }

        deserializer.deserialize_any(CameraVisitor)
    }
}

#[derive(Deserialize, Serialize, Default)]
struct RawStoryFilters {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hide_entity_kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hide_relation_kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hide_relation_phrases: Vec<String>,
    /// When given, the only phrases of kind Other shown: written only when set, so that
    /// older files (and readers) see the plain `hide_relation_phrases` they knew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    show_only_relation_phrases: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hide_statuses: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hide_countries: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    hide_attribute_values: BTreeMap<String, Vec<String>>,
    /// Attribute key → `[low, high]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attribute_ranges: BTreeMap<String, (f64, f64)>,
}

impl RawStoryFilters {
    fn is_empty(&self) -> bool {
        self.hide_entity_kinds.is_empty()
            && self.hide_relation_kinds.is_empty()
            && self.hide_relation_phrases.is_empty()
            && self.show_only_relation_phrases.is_none()
            && self.hide_statuses.is_empty()
            && self.hide_countries.is_empty()
            && self.hide_attribute_values.is_empty()
            && self.attribute_ranges.is_empty()
    }
}

#[derive(Deserialize, Serialize)]
struct RawStoryFocus {
    entity: String,
    #[serde(default = "focus_hops_default")]
    hops: usize,
    #[serde(default, skip_serializing_if = "is_false")]
    hide_outside: bool,
    /// `"both"` (the default), `"out"` or `"in"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    along: Option<String>,
}

fn focus_hops_default() -> usize {
    1
}

/// The view the dataset was saved in ([`SavedView`]): what a story step holds of a view
/// (camera, years or dates, filters, focus), and what it does not.
#[derive(Deserialize, Serialize)]
struct RawView {
    /// The id of the entity or relation selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selected: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    search: String,
    #[serde(default)]
    camera: RawCamera,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    years: Option<(i32, i32)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dates: Option<(String, String)>,
    /// Whether the time window hides undated relations too.
    #[serde(default, skip_serializing_if = "is_false")]
    hide_undated: bool,
    /// Whether the time window keeps showing entities none of whose relations it shows.
    #[serde(default, skip_serializing_if = "is_false")]
    keep_idle_entities: bool,
    #[serde(default, skip_serializing_if = "RawStoryFilters::is_empty")]
    filters: RawStoryFilters,
    /// Relations backed by fewer documents are hidden.
    #[serde(default, skip_serializing_if = "at_most_one")]
    min_documents: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    focus: Option<RawStoryFocus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    colour_by: Option<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn at_most_one(value: &usize) -> bool {
    *value <= 1
}

/// Just enough of a document to tell whether it is ours and which version.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Whether `text` claims to be a Chainsight dataset (has `"format": "chainsight"`).
pub fn looks_native(text: &str) -> bool {
    serde_json::from_str::<Probe>(text)
        .ok()
        .and_then(|probe| probe.format)
        .is_some_and(|format| format == FORMAT_TAG)
}

/// Reads a Chainsight dataset from JSON text. `file` names the file in messages.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    expect_top_level_object(file, text)?;
    let probe: Probe =
        serde_json::from_str(text).map_err(|error| json_error(file, text, &error, None))?;
    match probe.format {
        Some(format) if format == FORMAT_TAG => {}
        Some(other) => {
            return Err(LoadError::UnknownFormat {
                file: file.to_owned(),
                message: format!("its \"format\" is {other}, expected \"{FORMAT_TAG}\""),
            });
        }
        None => {
            return Err(LoadError::UnknownFormat {
                file: file.to_owned(),
                message: format!(
                    "expected a JSON object with \"format\": \"{FORMAT_TAG}\" (see docs/FORMAT.md)"
                ),
            });
        }
    }
    if let Some(version) = probe.version.filter(|v| *v != FORMAT_VERSION) {
        return Err(LoadError::UnsupportedVersion {
            file: file.to_owned(),
            found: version.to_string(),
        });
    }

    let mut warnings = Vec::new();
    let mut unknown_key = |path: serde_ignored::Path| {
        warnings.push(Warning::new(
            ignored_path(&path),
            "unknown key, not used (see docs/FORMAT.md for the keys of this format)",
        ));
    };
    let mut json = serde_json::Deserializer::from_str(text);
    let ignoring = serde_ignored::Deserializer::new(&mut json, &mut unknown_key);
    let raw: RawDataset = serde_path_to_error::deserialize(ignoring).map_err(|error| {
        let json_path = error.path().to_string();
        json_error(file, text, error.inner(), Some(json_path))
    })?;
    json.end()
        .map_err(|error| json_error(file, text, &error, None))?;

    let mut resolver = Resolver { warnings };
    let dataset = resolver.resolve(raw);
    let report = LoadReport::new(file, FORMAT_NAME, &dataset, resolver.warnings);
    Ok(Loaded { dataset, report })
}

/// Writes `dataset` as pretty-printed Chainsight v1 JSON.
pub fn write(dataset: &Dataset) -> String {
    let raw = RawDataset::from_model(dataset);
    // Serialising plain strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(&raw).unwrap_or_default() + "\n"
}

/// A document whose top level is not an object is refused before serde can misread it
/// (serde would accept a JSON array as a struct, by position).
fn expect_top_level_object(file: &str, text: &str) -> Result<(), LoadError> {
    let Some((offset, first)) = text.char_indices().find(|(_, c)| !c.is_whitespace()) else {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    };
    if first == '{' {
        return Ok(());
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let found = match first {
        '[' => "a list (JSON array)",
        '"' => "a string",
        't' | 'f' => "a boolean",
        'n' => "null",
        '-' | '0'..='9' => "a number",
        _ => "text that is not JSON",
    };
    Err(LoadError::Structure {
        file: file.to_owned(),
        position: Some(TextPosition { line, column }),
        json_path: ".".to_owned(),
        message: format!("found {found} at the top level, expected a JSON object"),
    })
}

/// `relations[3].evidence[0].foo` from `serde_ignored`'s path.
fn ignored_path(path: &serde_ignored::Path) -> String {
    match path {
        serde_ignored::Path::Root => String::new(),
        serde_ignored::Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        serde_ignored::Path::Map { parent, key } => {
            let parent = ignored_path(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day.
/// The calendar date `text` starts with, where it is one followed by nothing, a time (`T…`)
/// or a space (`2012-03-13 12:48:08` → `2012-03-13`): what a dataset's `created` can hold.
pub fn calendar_date(text: &str) -> Option<&str> {
    let text = text.trim();
    let date = text.split(['T', ' ']).next()?;
    is_valid_date(date).then_some(date)
}

pub fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |part: &str, digits: usize, range: std::ops::RangeInclusive<u32>| {
        part.len() == digits
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| range.contains(&n))
    };
    match parts.as_slice() {
        [year] => number(year, 4, 0..=9999),
        [year, month] => number(year, 4, 0..=9999) && number(month, 2, 1..=12),
        [year, month, day] => {
            number(year, 4, 0..=9999) && number(month, 2, 1..=12) && number(day, 2, 1..=31)
        }
        _ => false,
    }
}

/// The one warning for relations with no evidence: `N relations have no evidence ("a", "b", …)`,
/// naming the first few; `None` when every relation has some. Its warning is of the kind
/// [`WarningKind::NoEvidence`], which the window reads.
pub fn no_evidence_message(ids: &[String]) -> Option<String> {
    const NAMED: usize = 5;
    let (first, rest) = (ids.first()?, ids.len() - 1);
    let mut named: Vec<String> = ids
        .iter()
        .take(NAMED)
        .map(|id| format!("\"{id}\""))
        .collect();
    if ids.len() > NAMED {
        named.push("…".to_owned());
    }
    Some(if rest == 0 {
        format!("1 relation has no evidence (\"{first}\")")
    } else {
        format!(
            "{} relations have no evidence ({})",
            ids.len(),
            named.join(", ")
        )
    })
}

/// Checks raw records and resolves their ids, collecting a warning for each problem.
struct Resolver {
    warnings: Vec<Warning>,
}

impl Resolver {
    fn warn(&mut self, json_path: String, message: impl Into<String>) {
        self.warnings.push(Warning::new(json_path, message));
    }

    fn resolve(&mut self, raw: RawDataset) -> Dataset {
        let metadata = Metadata {
            title: raw.metadata.title.unwrap_or_default(),
            description: raw.metadata.description,
            authors: raw.metadata.authors,
            license: raw.metadata.license,
            created: raw.metadata.created,
        };
        if let Some(created) = metadata.created.as_deref() {
            self.check_date("metadata.created", created);
        }
        let (sources, source_ids) = self.sources(raw.sources);
        let (entities, entity_ids) = self.entities(raw.entities);
        let relations = self.relations(raw.relations, &entity_ids, &source_ids);
        let positions = self.positions(raw.positions, &entity_ids);
        let relation_ids: HashMap<String, usize> = relations
            .iter()
            .enumerate()
            .map(|(i, relation)| (relation.relation_id.clone(), i))
            .collect();
        let stories = self.stories(raw.stories, &entity_ids, &relation_ids);
        let ids = StoryIds {
            entities: &entity_ids,
            relations: &relation_ids,
        };
        let view = raw.view.map(|view| self.saved_view(view, &ids));
        Dataset {
            metadata,
            sources,
            entities,
            relations,
            positions,
            stories,
            view,
        }
    }

    /// The view the file was saved in. What names nothing, or is spelled as nothing known,
    /// is left out with a warning; the rest of the view is kept.
    fn saved_view(&mut self, raw: RawView, ids: &StoryIds) -> SavedView {
        let place = Place {
            words: "the saved view".to_owned(),
            subject: "the view",
        };
        let step = RawStoryStep {
            title: String::new(),
            caption: String::new(),
            entities: Vec::new(),
            relations: Vec::new(),
            camera: raw.camera,
            years: raw.years,
            dates: raw.dates,
            filters: raw.filters,
            focus: raw.focus,
            reveal: false,
        };
        let step = self.story_step("view", &place, step, ids);
        let selected = match raw.selected {
            None => SavedSelection::Nothing,
            Some(id) => {
                if let Some(&e) = ids.entities.get(&id) {
                    SavedSelection::Entity(EntityIdx(e))
                } else if let Some(&r) = ids.relations.get(&id) {
                    SavedSelection::Relation(RelationIdx(r))
                } else {
                    self.warn(
                        "view.selected".to_owned(),
                        format!(
                            "{place}: names no entity or relation \"{id}\"; nothing is selected"
                        ),
                    );
                    SavedSelection::Nothing
                }
            }
        };
        let size_by = raw.size_by.and_then(|spelling| {
            let parsed = SizeBy::parse(&spelling);
            if parsed.is_none() {
                self.warn(
                    "view.size_by".to_owned(),
                    format!(
                        "{place}: unknown size \"{spelling}\"; sized by degree. Known: {}",
                        SizeBy::spellings()
                    ),
                );
            }
            parsed
        });
        let colour_by = raw.colour_by.and_then(|spelling| {
            let parsed = ColourBy::parse(&spelling);
            if parsed.is_none() {
                self.warn(
                    "view.colour_by".to_owned(),
                    format!(
                        "{place}: unknown colour \"{spelling}\"; coloured as the file opens. \
                         Known: {}",
                        ColourBy::spellings()
                    ),
                );
            }
            parsed
        });
        SavedView {
            step,
            min_documents: raw.min_documents,
            hide_undated: raw.hide_undated,
            keep_idle_entities: raw.keep_idle_entities,
            selected,
            search: raw.search,
            size_by,
            colour_by,
        }
    }

    fn check_date(&mut self, json_path: &str, date: &str) {
        if !is_valid_date(date) {
            self.warn(
                json_path.to_owned(),
                format!("\"{date}\" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD; kept as written"),
            );
        }
    }

    fn check_url(&mut self, json_path: &str, url: Option<&str>) {
        if let Some((url, refusal)) =
            url.and_then(|url| openable_url(url).err().map(|refusal| (url, refusal)))
        {
            self.warn(
                format!("{json_path}.url"),
                format!(
                    "\"{}\" is shown but never opened: {refusal}",
                    url.escape_debug()
                ),
            );
        }
    }

    /// Registers `id` unless it is empty or taken; returns whether the record is kept.
    fn claim_id(
        &mut self,
        ids: &mut HashMap<String, usize>,
        id: &str,
        json_path: &str,
        what: &str,
        next_index: usize,
    ) -> bool {
        if id.trim().is_empty() {
            self.warn(
                format!("{json_path}.id"),
                format!("empty {what} id; this {what} is set aside"),
            );
            return false;
        }
        if ids.contains_key(id) {
            self.warn(
                format!("{json_path}.id"),
                format!(
                    "duplicate {what} id \"{id}\"; the first one is kept, this one is set aside"
                ),
            );
            return false;
        }
        ids.insert(id.to_owned(), next_index);
        true
    }

    fn sources(&mut self, raw: Vec<RawSource>) -> (Vec<Source>, HashMap<String, usize>) {
        let mut ids = HashMap::new();
        let mut sources = Vec::new();
        for (i, source) in raw.into_iter().enumerate() {
            let json_path = format!("sources[{i}]");
            if !self.claim_id(&mut ids, &source.id, &json_path, "source", sources.len()) {
                continue;
            }
            let kind = self.vocabulary(
                &json_path,
                source.kind.as_deref(),
                SourceKind::parse,
                SourceKind::Other,
                SourceKind::spellings,
            );
            if let Some(date) = source.date.as_deref() {
                self.check_date(&format!("{json_path}.date"), date);
            }
            self.check_url(&json_path, source.url.as_deref());
            sources.push(Source {
                source_id: source.id,
                title: source.title,
                kind,
                author: source.author,
                publisher: source.publisher,
                date: source.date,
                url: source.url,
                text_file: source.text_file.filter(|path| !path.trim().is_empty()),
            });
        }
        (sources, ids)
    }

    fn entities(&mut self, raw: Vec<RawEntity>) -> (Vec<Entity>, HashMap<String, usize>) {
        let mut ids = HashMap::new();
        let mut entities = Vec::new();
        for (i, entity) in raw.into_iter().enumerate() {
            let json_path = format!("entities[{i}]");
            if !self.claim_id(&mut ids, &entity.id, &json_path, "entity", entities.len()) {
                continue;
            }
            let kind = self.vocabulary(
                &json_path,
                entity.kind.as_deref(),
                EntityKind::parse,
                EntityKind::Other,
                EntityKind::spellings,
            );
            let name = if entity.name.trim().is_empty() {
                self.warn(
                    format!("{json_path}.name"),
                    "empty name; the id is shown instead",
                );
                entity.id.clone()
            } else {
                entity.name
            };
            self.check_url(&json_path, entity.url.as_deref());
            entities.push(Entity {
                entity_id: entity.id,
                name,
                kind,
                aliases: entity.aliases,
                country: entity.country,
                description: entity.description,
                url: entity.url,
                attributes: entity.attributes,
            });
        }
        (entities, ids)
    }

    /// Parses a vocabulary value, warning and falling back for unknown spellings.
    fn vocabulary<T>(
        &mut self,
        json_path: &str,
        spelling: Option<&str>,
        parse: fn(&str) -> Option<T>,
        fallback: T,
        spellings: fn() -> String,
    ) -> T {
        let Some(spelling) = spelling else {
            return fallback;
        };
        parse(spelling).unwrap_or_else(|| {
            self.warn(
                format!("{json_path}.kind"),
                format!(
                    "unknown kind \"{spelling}\"; shown as other. Known kinds: {}",
                    spellings()
                ),
            );
            fallback
        })
    }

    fn relations(
        &mut self,
        raw: Vec<RawRelation>,
        entity_ids: &HashMap<String, usize>,
        source_ids: &HashMap<String, usize>,
    ) -> Vec<Relation> {
        let mut ids = HashMap::new();
        let mut relations = Vec::new();
        // Relations with no evidence: one warning for all (a foreign file exported by
        // Chainsight may have thousands).
        let mut unsourced: Vec<String> = Vec::new();
        for (i, relation) in raw.into_iter().enumerate() {
            let json_path = format!("relations[{i}]");
            let endpoints = (
                entity_ids.get(&relation.source),
                entity_ids.get(&relation.target),
            );
            let (Some(&source), Some(&target)) = endpoints else {
                let missing: Vec<String> = [
                    (&relation.source, endpoints.0, "source"),
                    (&relation.target, endpoints.1, "target"),
                ]
                .into_iter()
                .filter(|(_, found, _)| found.is_none())
                .map(|(id, _, key)| format!("{key} \"{id}\""))
                .collect();
                self.warn(
                    json_path,
                    format!(
                        "relation \"{}\" names no entity for its {}; the relation is set aside",
                        relation.id,
                        missing.join(" and ")
                    ),
                );
                continue;
            };
            if !self.claim_id(
                &mut ids,
                &relation.id,
                &json_path,
                "relation",
                relations.len(),
            ) {
                continue;
            }
            let kind = self.vocabulary(
                &json_path,
                Some(&relation.kind),
                RelationKind::parse,
                RelationKind::Other,
                RelationKind::spellings,
            );
            let status = self.status(&json_path, relation.status.as_deref());
            self.check_when(&json_path, &relation);
            if relation.evidence.is_empty() {
                unsourced.push(relation.id.clone());
            }
            let evidence = relation
                .evidence
                .into_iter()
                .enumerate()
                .map(|(e, item)| {
                    let json_path = format!("{json_path}.evidence[{e}]");
                    self.evidence(&json_path, item, source_ids, entity_ids)
                })
                .collect();
            relations.push(Relation {
                relation_id: relation.id,
                source: EntityIdx(source),
                target: EntityIdx(target),
                kind,
                label: relation.label.filter(|label| !label.trim().is_empty()),
                when: When {
                    date: relation.date,
                    start: relation.start,
                    end: relation.end,
                },
                status,
                evidence,
                directed: relation.directed,
                weight: relation.weight,
                attributes: relation.attributes,
            });
        }
        if let Some(message) = no_evidence_message(&unsourced) {
            self.warnings
                .push(Warning::new("relations", message).of_kind(WarningKind::NoEvidence));
        }
        relations
    }

    fn status(&mut self, json_path: &str, spelling: Option<&str>) -> RelationStatus {
        let Some(spelling) = spelling else {
            return RelationStatus::Reported;
        };
        RelationStatus::parse(spelling).unwrap_or_else(|| {
            self.warn(
                format!("{json_path}.status"),
                format!(
                    "unknown status \"{spelling}\"; shown as unclear. Known: {}",
                    RelationStatus::spellings()
                ),
            );
            RelationStatus::Unclear
        })
    }

    fn check_when(&mut self, json_path: &str, relation: &RawRelation) {
        for (key, date) in [
            ("date", &relation.date),
            ("start", &relation.start),
            ("end", &relation.end),
        ] {
            if let Some(date) = date {
                self.check_date(&format!("{json_path}.{key}"), date);
            }
        }
        if relation.date.is_some() && (relation.start.is_some() || relation.end.is_some()) {
            self.warn(
                format!("{json_path}.date"),
                "both a date and a start/end period; the date is shown",
            );
        }
    }

    fn evidence(
        &mut self,
        json_path: &str,
        raw: RawEvidence,
        source_ids: &HashMap<String, usize>,
        entity_ids: &HashMap<String, usize>,
    ) -> Evidence {
        if raw.quote.trim().is_empty() {
            self.warn(format!("{json_path}.quote"), "empty quote");
        }
        let source = if let Some(source_id) = raw.source.as_deref() {
            let source = source_ids.get(source_id).map(|&s| SourceIdx(s));
            if source.is_none() {
                self.warn(
                    format!("{json_path}.source"),
                    format!(
                        "names no source \"{source_id}\"; the quote is kept without its source"
                    ),
                );
            }
            source
        } else {
            self.warn(
                json_path.to_owned(),
                "no source: the quote is kept, but nothing says where it comes from",
            );
            None
        };
        let mut cites = Vec::new();
        for (c, cited) in raw.cites.iter().enumerate() {
            match source_ids.get(cited) {
                Some(&s) => cites.push(SourceIdx(s)),
                None => self.warn(
                    format!("{json_path}.cites[{c}]"),
                    format!("cites no known source \"{cited}\"; that citation is not shown"),
                ),
            }
        }
        let speaker = raw.speaker.and_then(|speaker| {
            let speaker = speaker.into_model();
            if speaker.is_none() {
                self.warn(
                    format!("{json_path}.speaker.name"),
                    "empty speaker name; the quote is shown without a speaker",
                );
            }
            speaker
        });
        if let Some(entity_id) = speaker.as_ref().and_then(|s| s.entity_id.as_deref())
            && !entity_ids.contains_key(entity_id)
        {
            self.warn(
                format!("{json_path}.speaker.entity"),
                format!("names no entity \"{entity_id}\"; the speaker is shown by name only"),
            );
        }
        Evidence {
            quote: raw.quote,
            source,
            locator: raw.locator,
            cites,
            note: raw.note,
            speaker,
        }
    }

    fn positions(
        &mut self,
        raw: BTreeMap<String, RawPosition>,
        entity_ids: &HashMap<String, usize>,
    ) -> Vec<(EntityIdx, Position)> {
        let mut positions = Vec::new();
        for (entity_id, position) in raw {
            match entity_ids.get(&entity_id) {
                Some(&idx) if position.x.is_finite() && position.y.is_finite() => {
                    positions.push((
                        EntityIdx(idx),
                        Position {
                            x: position.x,
                            y: position.y,
                        },
                    ));
                }
                Some(_) => self.warn(
                    format!("positions.{entity_id}"),
                    "position is not a finite number; not used",
                ),
                None => self.warn(
                    format!("positions.{entity_id}"),
                    format!("names no entity \"{entity_id}\"; this position is not used"),
                ),
            }
        }
        positions
    }

    fn stories(
        &mut self,
        raw: Vec<RawStory>,
        entity_ids: &HashMap<String, usize>,
        relation_ids: &HashMap<String, usize>,
    ) -> Vec<Story> {
        let ids = StoryIds {
            entities: entity_ids,
            relations: relation_ids,
        };
        raw.into_iter()
            .enumerate()
            .map(|(s, story)| {
                let steps = story
                    .steps
                    .into_iter()
                    .enumerate()
                    .map(|(t, step)| {
                        let place = Place {
                            words: step_place(&story.title, t + 1, &step.title),
                            subject: "the step",
                        };
                        self.story_step(&format!("stories[{s}].steps[{t}]"), &place, step, &ids)
                    })
                    .collect();
                Story {
                    title: story.title,
                    steps,
                }
            })
            .collect()
    }

    /// One step, with what it names resolved; what names nothing is left out with a warning
    /// that says which story and step (`place`) it was in.
    fn story_step(
        &mut self,
        json_path: &str,
        place: &Place,
        raw: RawStoryStep,
        ids: &StoryIds,
    ) -> StoryStep {
        let entities = self
            .story_ids(
                &format!("{json_path}.entities"),
                place,
                &raw.entities,
                ids.entities,
                "entity",
            )
            .into_iter()
            .map(EntityIdx)
            .collect();
        let relations = self
            .story_ids(
                &format!("{json_path}.relations"),
                place,
                &raw.relations,
                ids.relations,
                "relation",
            )
            .into_iter()
            .map(RelationIdx)
            .collect();
        let camera = match raw.camera {
            RawCamera::Fit => StoryCamera::FitHighlighted,
            RawCamera::Exact(RawExactCamera { center, zoom })
                if center.iter().all(|c| c.is_finite()) && zoom.is_finite() && zoom > 0.0 =>
            {
                StoryCamera::Exact { center, zoom }
            }
            RawCamera::Exact(_) => {
                self.warn(
                    format!("{json_path}.camera"),
                    format!(
                        "{place}: the camera needs finite numbers and a zoom above 0; \
                         {} fits what it shows instead",
                        place.subject
                    ),
                );
                StoryCamera::FitHighlighted
            }
        };
        let dates = self.story_dates(json_path, place, raw.years, raw.dates.as_ref());
        let filters = self.story_filters(json_path, place, &raw.filters);
        let focus = raw.focus.and_then(|focus| {
            let entity = ids.entities.get(&focus.entity).map(|&e| EntityIdx(e));
            if entity.is_none() {
                self.warn(
                    format!("{json_path}.focus.entity"),
                    format!(
                        "{place}: names no entity \"{}\"; {} is kept without a focus",
                        focus.entity, place.subject
                    ),
                );
            }
            let along = match focus.along.as_deref() {
                None => Along::Both,
                Some(spelling) => Along::parse(spelling).unwrap_or_else(|| {
                    self.warn(
                        format!("{json_path}.focus.along"),
                        format!(
                            "{place}: unknown way \"{spelling}\"; the focus follows relations \
                             both ways. Known: {}",
                            Along::spellings()
                        ),
                    );
                    Along::Both
                }),
            };
            entity.map(|entity| StoryFocus {
                entity,
                hops: focus.hops,
                hide_outside: focus.hide_outside,
                along,
            })
        });
        StoryStep {
            title: raw.title,
            caption: raw.caption,
            entities,
            relations,
            camera,
            dates,
            filters,
            focus,
            reveal: raw.reveal,
        }
    }

    /// A step's time window, from `dates` or else `years`. Given backwards, it is read the
    /// right way round; a date that is not one is not used; each with a warning.
    fn story_dates(
        &mut self,
        json_path: &str,
        place: &Place,
        years: Option<(i32, i32)>,
        dates: Option<&(String, String)>,
    ) -> Option<(Days, Days)> {
        let (key, from, to) = if let Some((from, to)) = dates {
            let (Some(first), Some(last)) = (Days::of(from), Days::of(to)) else {
                self.warn(
                    format!("{json_path}.dates"),
                    format!(
                        "{place}: dates [\"{from}\", \"{to}\"] are not both dates \
                         (YYYY, YYYY-MM or YYYY-MM-DD); {} shows every date",
                        place.subject
                    ),
                );
                return None;
            };
            if years.is_some() {
                self.warn(
                    format!("{json_path}.years"),
                    format!("{place}: gives both years and dates; the dates are used"),
                );
            }
            ("dates", first, last)
        } else {
            let (from, to) = years?;
            ("years", Days::year(from), Days::year(to))
        };
        if from.first <= to.first {
            return Some((from, to));
        }
        let (a, b) = (from.written(), to.written());
        self.warn(
            format!("{json_path}.{key}"),
            format!("{place}: {key} [{a}, {b}] run backwards; read as [{b}, {a}]"),
        );
        Some((to, from))
    }

    /// A step's filters, parsed; an unknown spelling is left out with a warning.
    fn story_filters(
        &mut self,
        json_path: &str,
        place: &Place,
        raw: &RawStoryFilters,
    ) -> StoryFilters {
        StoryFilters {
            hidden_entity_kinds: self.story_vocabulary(
                &format!("{json_path}.filters.hide_entity_kinds"),
                place,
                &raw.hide_entity_kinds,
                EntityKind::parse,
                EntityKind::spellings,
            ),
            hidden_relation_kinds: self.story_vocabulary(
                &format!("{json_path}.filters.hide_relation_kinds"),
                place,
                &raw.hide_relation_kinds,
                RelationKind::parse,
                RelationKind::spellings,
            ),
            // The file's own kinds and country codes are free text: kept as written.
            hidden_relation_phrases: raw.hide_relation_phrases.clone(),
            shown_only_relation_phrases: raw.show_only_relation_phrases.clone(),
            hidden_statuses: self.story_vocabulary(
                &format!("{json_path}.filters.hide_statuses"),
                place,
                &raw.hide_statuses,
                RelationStatus::parse,
                RelationStatus::spellings,
            ),
            hidden_countries: raw.hide_countries.clone(),
            hidden_attribute_values: raw.hide_attribute_values.clone(),
            attribute_ranges: raw
                .attribute_ranges
                .iter()
                .map(|(key, &(low, high))| {
                    if low <= high {
                        return (key.clone(), (low, high));
                    }
                    self.warn(
                        format!("{json_path}.filters.attribute_ranges.{key}"),
                        format!(
                            "{place}: the range of \"{key}\", [{low}, {high}], runs backwards; \
                             read as [{high}, {low}]"
                        ),
                    );
                    (key.clone(), (high, low))
                })
                .collect(),
        }
    }

    /// Resolves a step's list of entity or relation ids, in order; an unknown or repeated id
    /// is left out with a warning.
    fn story_ids(
        &mut self,
        json_path: &str,
        place: &Place,
        raw: &[String],
        ids: &HashMap<String, usize>,
        what: &str,
    ) -> Vec<usize> {
        let mut resolved: Vec<usize> = Vec::new();
        for (i, id) in raw.iter().enumerate() {
            match ids.get(id) {
                Some(idx) if resolved.contains(idx) => self.warn(
                    format!("{json_path}[{i}]"),
                    format!("{place}: {what} \"{id}\" is listed twice; highlighted once"),
                ),
                Some(&idx) => resolved.push(idx),
                None => self.warn(
                    format!("{json_path}[{i}]"),
                    format!(
                        "{place}: names no {what} \"{id}\"; {} is kept without it",
                        place.subject
                    ),
                ),
            }
        }
        resolved
    }

    /// Parses a step filter's spellings; an unknown one is left out with a warning.
    fn story_vocabulary<T: PartialEq>(
        &mut self,
        json_path: &str,
        place: &Place,
        raw: &[String],
        parse: fn(&str) -> Option<T>,
        spellings: fn() -> String,
    ) -> Vec<T> {
        let mut parsed = Vec::new();
        for (i, spelling) in raw.iter().enumerate() {
            match parse(spelling) {
                Some(value) if !parsed.contains(&value) => parsed.push(value),
                Some(_) => {}
                None => self.warn(
                    format!("{json_path}[{i}]"),
                    format!(
                        "{place}: unknown value \"{spelling}\"; not hidden. Known: {}",
                        spellings()
                    ),
                ),
            }
        }
        parsed
    }
}

/// Where in the file a warning about a story step (or the saved view) is, for people, and
/// what to call that part in the rest of the message.
struct Place {
    /// `story "Safe City", step 3 ("Karamay")`, or `the saved view`.
    words: String,
    /// "the step", "the view".
    subject: &'static str,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words)
    }
}

/// The entity and relation ids a story step may name.
struct StoryIds<'a> {
    entities: &'a HashMap<String, usize>,
    relations: &'a HashMap<String, usize>,
}

/// Which story step a warning is about, for people: `story "Safe City", step 3 ("Karamay")`,
/// counting steps from 1.
fn step_place(story_title: &str, number: usize, step_title: &str) -> String {
    if step_title.trim().is_empty() {
        format!("story \"{story_title}\", step {number}")
    } else {
        format!("story \"{story_title}\", step {number} (\"{step_title}\")")
    }
}

impl RawDataset {
    fn from_model(dataset: &Dataset) -> Self {
        let source_id = |idx: SourceIdx| {
            dataset
                .source(idx)
                .map(|s| s.source_id.clone())
                .unwrap_or_default()
        };
        let entity_id = |idx: EntityIdx| {
            dataset
                .entity(idx)
                .map(|e| e.entity_id.clone())
                .unwrap_or_default()
        };
        Self {
            format: FORMAT_TAG.to_owned(),
            version: FORMAT_VERSION,
            metadata: RawMetadata {
                title: Some(dataset.metadata.title.clone()),
                description: dataset.metadata.description.clone(),
                authors: dataset.metadata.authors.clone(),
                license: dataset.metadata.license.clone(),
                created: dataset.metadata.created.clone(),
            },
            sources: dataset.sources.iter().map(RawSource::from_model).collect(),
            entities: dataset
                .entities
                .iter()
                .map(|e| RawEntity {
                    id: e.entity_id.clone(),
                    name: e.name.clone(),
                    kind: Some(e.kind.as_str().to_owned()),
                    aliases: e.aliases.clone(),
                    country: e.country.clone(),
                    description: e.description.clone(),
                    url: e.url.clone(),
                    attributes: e.attributes.clone(),
                })
                .collect(),
            relations: dataset
                .relations
                .iter()
                .map(|r| RawRelation {
                    id: r.relation_id.clone(),
                    source: entity_id(r.source),
                    target: entity_id(r.target),
                    kind: r.kind.as_str().to_owned(),
                    label: r.label.clone(),
                    date: r.when.date.clone(),
                    start: r.when.start.clone(),
                    end: r.when.end.clone(),
                    status: Some(r.status.as_str().to_owned()),
                    directed: r.directed,
                    weight: r.weight,
                    attributes: r.attributes.clone(),
                    evidence: r
                        .evidence
                        .iter()
                        .map(|e| RawEvidence {
                            quote: e.quote.clone(),
                            source: e.source.map(source_id),
                            locator: e.locator.clone(),
                            cites: e.cites.iter().map(|&c| source_id(c)).collect(),
                            note: e.note.clone(),
                            speaker: e.speaker.as_ref().map(RawSpeaker::from_model),
                        })
                        .collect(),
                })
                .collect(),
            positions: dataset
                .positions
                .iter()
                .map(|(idx, p)| (entity_id(*idx), RawPosition { x: p.x, y: p.y }))
                .collect(),
            stories: dataset
                .stories
                .iter()
                .map(|story| RawStory::from_model(dataset, story))
                .collect(),
            view: dataset
                .view
                .as_ref()
                .map(|view| RawView::from_model(dataset, view)),
        }
    }
}

impl RawView {
    fn from_model(dataset: &Dataset, view: &SavedView) -> Self {
        let step = RawStoryStep::from_model(dataset, &view.step);
        let selected = match view.selected {
            SavedSelection::Nothing => None,
            SavedSelection::Entity(e) => dataset.entity(e).map(|e| e.entity_id.clone()),
            SavedSelection::Relation(r) => dataset.relation(r).map(|r| r.relation_id.clone()),
        };
        Self {
            selected,
            search: view.search.clone(),
            camera: step.camera,
            years: step.years,
            dates: step.dates,
            hide_undated: view.hide_undated,
            keep_idle_entities: view.keep_idle_entities,
            filters: step.filters,
            min_documents: view.min_documents,
            focus: step.focus,
            size_by: view.size_by.as_ref().map(SizeBy::spelling),
            colour_by: view.colour_by.as_ref().map(ColourBy::spelling),
        }
    }
}

/// The file spellings of a step filter's values.
fn spellings<T: Copy>(values: &[T], spelling: fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|&v| spelling(v).to_owned()).collect()
}

impl RawStory {
    fn from_model(dataset: &Dataset, story: &Story) -> Self {
        let steps = story
            .steps
            .iter()
            .map(|step| RawStoryStep::from_model(dataset, step))
            .collect();
        Self {
            title: story.title.clone(),
            steps,
        }
    }
}

impl RawStoryStep {
    fn from_model(dataset: &Dataset, step: &StoryStep) -> Self {
        let entity_id = |idx: &EntityIdx| {
            dataset
                .entity(*idx)
                .map(|e| e.entity_id.clone())
                .unwrap_or_default()
        };
        let relation_id = |idx: &RelationIdx| {
            dataset
                .relation(*idx)
                .map(|r| r.relation_id.clone())
                .unwrap_or_default()
        };
        Self {
            title: step.title.clone(),
            caption: step.caption.clone(),
            entities: step.entities.iter().map(entity_id).collect(),
            relations: step.relations.iter().map(relation_id).collect(),
            camera: match step.camera {
                StoryCamera::FitHighlighted => RawCamera::Fit,
                StoryCamera::Exact { center, zoom } => {
                    RawCamera::Exact(RawExactCamera { center, zoom })
                }
            },
            years: step.dates.and_then(whole_years),
            dates: step
                .dates
                .filter(|dates| whole_years(*dates).is_none())
                .map(|(from, to)| (from.written(), to.written())),
            filters: RawStoryFilters {
                hide_entity_kinds: spellings(&step.filters.hidden_entity_kinds, EntityKind::as_str),
                hide_relation_kinds: spellings(
                    &step.filters.hidden_relation_kinds,
                    RelationKind::as_str,
                ),
                hide_relation_phrases: step.filters.hidden_relation_phrases.clone(),
                show_only_relation_phrases: step.filters.shown_only_relation_phrases.clone(),
                hide_statuses: spellings(&step.filters.hidden_statuses, RelationStatus::as_str),
                hide_countries: step.filters.hidden_countries.clone(),
                hide_attribute_values: step.filters.hidden_attribute_values.clone(),
                attribute_ranges: step.filters.attribute_ranges.clone(),
            },
            focus: step.focus.map(|focus| RawStoryFocus {
                entity: entity_id(&focus.entity),
                hops: focus.hops,
                hide_outside: focus.hide_outside,
                along: (focus.along != Along::Both).then(|| focus.along.as_str().to_owned()),
            }),
            reveal: step.reveal,
        }
    }
}

/// A story step's window as `years`, when both ends are written as years.
fn whole_years((from, to): (Days, Days)) -> Option<(i32, i32)> {
    (from.precision == DatePrecision::Year && to.precision == DatePrecision::Year)
        .then(|| (i32::from(from.first.year()), i32::from(to.first.year())))
}

#[cfg(test)]
mod tests {
    use super::{WarningKind, calendar_date, read};

    #[test]
    fn relations_without_evidence_give_one_warning_of_its_own_kind() {
        let text = r#"{"format": "chainsight", "version": 1, "metadata": {"title": "t"},
            "colour": "blue",
            "entities": [{"id": "a", "name": "A", "kind": "company"},
                         {"id": "b", "name": "B", "kind": "company"}],
            "relations": [{"id": "r1", "source": "a", "target": "b", "kind": "supplied",
                           "evidence": []}]}"#;
        let loaded = read("t.json", text).expect("loads");
        let kinds: Vec<(&str, WarningKind)> = loaded
            .report
            .warnings
            .iter()
            .map(|w| (w.json_path.as_str(), w.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("colour", WarningKind::Other),
                ("relations", WarningKind::NoEvidence)
            ]
        );
        // A message that merely reads like it is not of that kind.
        let lookalike = crate::formats::Warning::new("relations", "2 relations have no evidence (");
        assert_eq!(lookalike.kind, WarningKind::Other);
    }

    #[test]
    fn a_calendar_date_is_taken_from_the_start_of_a_timestamp() {
        assert_eq!(calendar_date("2012-03-13 12:48:08"), Some("2012-03-13"));
        assert_eq!(calendar_date("2012-03-13T12:48:08Z"), Some("2012-03-13"));
        assert_eq!(calendar_date(" 2012-03 "), Some("2012-03"));
        assert_eq!(calendar_date("March 2012"), None);
        assert_eq!(calendar_date("2012-13-01"), None);
    }
}
