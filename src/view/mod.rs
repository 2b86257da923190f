//! What the user is looking at, as one small value: the selection, the search, the filters,
//! the time window, the focus and the camera. It is changed only by [`View::apply`] (the graph
//! view's pan and zoom gestures too); it depends on the model only, never on the session or
//! on egui's `Ui`. What it means for each entity and relation (shown, faded,
//! highlighted) is worked out once per change by [`Lens::compute`], which every panel and the
//! painter read. See ARCHITECTURE.md for where it grows.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::measures::Measure;
use crate::model::paths::PathOptions;
use crate::model::{EntityIdx, EntityKind, RelationIdx, RelationKind, RelationStatus};

mod camera;
mod history;
mod lens;
mod saved;
pub mod search;
pub mod story;
mod time;

pub use camera::Camera;
pub use history::{History, NodeMove, Step};
pub use lens::{Emphasis, Lens};
pub use story::Presenter;
pub use time::{TimeRange, TimeWindow};

/// What the filters hide. Empty sets hide nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub hidden_entity_kinds: BTreeSet<EntityKind>,
    pub hidden_relation_kinds: BTreeSet<RelationKind>,
    /// Relations of kind Other with one of these phrases (the file's own kinds) are hidden.
    pub hidden_relation_phrases: BTreeSet<String>,
    /// When set, relations of kind Other are shown only with one of these phrases ("show
    /// only this label", or None's empty set): a phrase the file gains later stays hidden,
    /// and a file of thousands of one-off labels keeps one phrase, not the thousands others.
    pub shown_only_relation_phrases: Option<BTreeSet<String>>,
    pub hidden_statuses: BTreeSet<RelationStatus>,
    /// Entities of these countries are hidden ("" for entities with no country).
    pub hidden_countries: BTreeSet<String>,
    /// Relations backed by fewer distinct documents than this are hidden (0 or 1: none).
    pub min_sources: usize,
    /// Entities whose attribute (the key) has one of these values are hidden.
    pub hidden_attribute_values: BTreeMap<String, BTreeSet<String>>,
    /// Entities whose numeric attribute (the key) lies outside this range are hidden.
    pub attribute_ranges: BTreeMap<String, (f64, f64)>,
}

impl Filters {
    /// Whether any filter hides anything.
    pub fn is_active(&self) -> bool {
        self.hides_by_kind() || self.hides_by_evidence()
    }

    /// Whether what entities and relations are (kind, country, attribute) hides any.
    pub fn hides_by_kind(&self) -> bool {
        !self.hidden_entity_kinds.is_empty()
            || !self.hidden_relation_kinds.is_empty()
            || !self.hidden_relation_phrases.is_empty()
            || self.shown_only_relation_phrases.is_some()
            || !self.hidden_countries.is_empty()
            || self.hidden_attribute_values.values().any(|v| !v.is_empty())
            || !self.attribute_ranges.is_empty()
    }

    /// Whether a relation of kind Other with this phrase is shown by the phrase filters.
    pub fn shows_relation_phrase(&self, phrase: &str) -> bool {
        !self.hidden_relation_phrases.contains(phrase)
            && self
                .shown_only_relation_phrases
                .as_ref()
                .is_none_or(|only| only.contains(phrase))
    }

    /// Every relation of kind Other shown again, whatever its phrase.
    pub fn show_every_relation_phrase(&mut self) {
        self.hidden_relation_phrases.clear();
        self.shown_only_relation_phrases = None;
    }

    /// Whether how well relations are backed (status, documents) hides any.
    pub fn hides_by_evidence(&self) -> bool {
        !self.hidden_statuses.is_empty() || self.min_sources > 1
    }
}

/// Which way a focus or a path follows relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// From source to target only.
    Out,
    /// From target to source only.
    In,
    #[default]
    Both,
}

/// What happens to what lies outside the focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutsideFocus {
    #[default]
    Fade,
    Hide,
}

/// Show only the neighbourhood of the selected entity, `hops` relations deep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    pub hops: usize,
    pub direction: Direction,
    pub outside: OutsideFocus,
}

impl Focus {
    /// The deepest focus offered: at 4 hops most small networks are all in focus.
    pub const MAX_HOPS: usize = 3;

    /// `focus` one hop wider (`wider`) or narrower, as Kumu's + and − keys do: from none to
    /// one hop (both ways, the rest hidden, as Kumu's focus does: what is left fills the
    /// view, and a hub's neighbours and links all have room for their words), up to
    /// [`Self::MAX_HOPS`]; narrower than one hop is none. Direction and what happens outside
    /// are kept.
    pub fn stepped(focus: Option<Self>, wider: bool) -> Option<Self> {
        let hops = focus.map_or(0, |f| f.hops);
        let hops = if wider {
            (hops + 1).min(Self::MAX_HOPS)
        } else {
            hops.saturating_sub(1)
        };
        (hops > 0).then(|| Self {
            hops,
            ..focus.unwrap_or(Self {
                hops,
                direction: Direction::Both,
                outside: OutsideFocus::Hide,
            })
        })
    }
}

/// What is selected: the side panel shows it, the graph highlights it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// What node colour shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColourBy {
    #[default]
    Kind,
    /// An attribute the file carries, by its key.
    Attribute(String),
    Measure(Measure),
    /// Clusters of entities linked more among themselves than to the rest (label
    /// propagation): what shows the shape of a big network.
    Cluster,
    /// The colours the file gives its nodes (GEXF's `viz:color`, a `color` column), where it
    /// gives them; by kind for the rest.
    File,
}

impl View {
    /// The view a freshly opened dataset starts with: the file's own node colours and sizes
    /// (GEXF `viz:color` and `viz:size`) when it gives them for most of its entities, so a node
    /// the file colours red is drawn red until the user chooses another colouring; otherwise
    /// by cluster from [`CLUSTER_COLOURS_FROM`] entities on; otherwise by the file's own types
    /// when most entities have types outside Chainsight's kinds (Kumu's "Stakeholder", a
    /// d3 group: kept as the attribute `kind`), which colour by kind would draw as one grey
    /// "Other"; otherwise by cluster when every entity is of one kind (a file that gives
    /// none, such as a plain CSV of edges) and there are at least
    /// [`ONE_KIND_CLUSTER_COLOURS_FROM`]; otherwise by kind.
    pub fn opening(dataset: &crate::model::Dataset) -> Self {
        // Whether the value of `key` is `valid` for at least half the entities, and those of
        // `kind` if given.
        let most = |key: &str, kind: Option<EntityKind>, valid: &dyn Fn(&str) -> bool| {
            let given = dataset
                .entities
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind == k))
                .filter(|e| e.attributes.get(key).is_some_and(|v| valid(v)))
                .count();
            given > 0 && given * 2 >= dataset.entities.len()
        };
        let mut view = Self::default();
        if most(FILE_COLOUR, None, &|v| parse_colour(v).is_some()) {
            view.colour_by = ColourBy::File;
        } else if dataset.entities.len() >= CLUSTER_COLOURS_FROM {
            // Past a glance's worth of nodes, kinds are confetti; clusters show the shape.
            view.colour_by = ColourBy::Cluster;
        } else if most(FILE_KIND, Some(EntityKind::Other), &|v| {
            !v.trim().is_empty()
        }) {
            view.colour_by = ColourBy::Attribute(FILE_KIND.to_owned());
        } else if dataset.entities.len() >= ONE_KIND_CLUSTER_COLOURS_FROM
            && dataset
                .entities
                .windows(2)
                .all(|pair| pair[0].kind == pair[1].kind)
        {
            // By kind, all one grey; clusters show the network's shape.
            view.colour_by = ColourBy::Cluster;
        }
        if most(FILE_SIZE, None, &|v| {
            v.trim().parse::<f64>().is_ok_and(|x| x > 0.0)
        }) {
            view.size_by_attribute = Some(FILE_SIZE.to_owned());
        }
        view
    }
}

/// The attribute that holds an entity's type as the file gives it, when that type is none of
/// Chainsight's kinds.
pub const FILE_KIND: &str = "kind";

/// An entity's kind as the window says it: the file's own type where it is none of
/// Chainsight's kinds ("Interviewee" says more than "Other").
pub fn kind_said(entity: &crate::model::Entity) -> &str {
    entity
        .attributes
        .get(FILE_KIND)
        .map(String::as_str)
        .filter(|kind| entity.kind == EntityKind::Other && !kind.trim().is_empty())
        .unwrap_or(entity.kind.label())
}

/// From this many entities on, a dataset opens coloured by cluster rather than kind.
pub const CLUSTER_COLOURS_FROM: usize = 5_000;

/// From this many entities on, a dataset whose entities are all of one kind opens coloured
/// by cluster: fewer are read at a glance without.
pub const ONE_KIND_CLUSTER_COLOURS_FROM: usize = 12;

/// The attribute that holds a node's colour as the file gives it.
pub const FILE_COLOUR: &str = "color";
/// The attribute that holds a node's size as the file gives it.
pub const FILE_SIZE: &str = "size";

/// A colour as CSS writes it, which is how files write them: `#rrggbb`, `#rgb`,
/// `#rrggbbaa`, `rgb(r, g, b)`, `rgba(r, g, b, a)`, `hsl(…)` or a name (`green`,
/// `steelblue`); opaque. `None` for anything else.
pub fn parse_colour(text: &str) -> Option<egui::Color32> {
    let text = text.trim();
    // CSS spells every grey both ways; the `color` crate knows only "gray" ("lightgrey", a
    // Graphviz cluster's, had fallen back to its kind's colour).
    let parsed = color::parse_color(text).or_else(|error| {
        let lower = text.to_ascii_lowercase();
        if lower.contains("grey") {
            color::parse_color(&lower.replace("grey", "gray"))
        } else {
            Err(error)
        }
    });
    let rgba = parsed.ok()?.to_alpha_color::<color::Srgb>().to_rgba8();
    Some(egui::Color32::from_rgb(rgba.r, rgba.g, rgba.b))
}

/// What a story step puts in the light: these are highlighted and the rest fades; `withheld`
/// relations (not yet revealed in a step that reveals them one by one) are hidden.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spotlight {
    pub entities: Vec<EntityIdx>,
    pub relations: Vec<RelationIdx>,
    pub withheld: Vec<RelationIdx>,
    /// What this step brings into the light, among `relations`: the link just revealed, or
    /// the links the previous step did not light. Drawn above the rest while some lit links
    /// are not new, so the audience sees what the presenter has just added.
    pub fresh: Vec<RelationIdx>,
}

/// A question of how one entity reaches another; `to` is picked after `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathQuery {
    pub from: EntityIdx,
    pub to: Option<EntityIdx>,
    pub options: PathOptions,
}

/// The state of looking at one dataset. Replaced by a fresh one when another file opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub selection: Selection,
    /// The search text; matches light up on the graph.
    pub search: String,
    /// Further entities selected with Shift-click, compared with the selected one.
    pub compared: Vec<EntityIdx>,
    /// A quote to mark in the panel (relation, evidence index): the one a search found.
    pub marked_quote: Option<(RelationIdx, usize)>,
    pub filters: Filters,
    /// `None`: every date.
    pub time: Option<TimeWindow>,
    /// `None`: the whole network.
    pub focus: Option<Focus>,
    /// The paths asked for, if any: shown alone on the graph and as chains in the panel.
    pub path: Option<PathQuery>,
    /// What node size shows.
    pub size_by: Measure,
    /// A numeric attribute node size shows instead of `size_by`, by its key.
    pub size_by_attribute: Option<String>,
    /// What node colour shows.
    pub colour_by: ColourBy,
    /// A story step's highlight, if one is shown.
    pub spotlight: Option<Spotlight>,
    pub camera: Camera,
}

/// A change to the [`View`].
#[derive(Clone, Debug, PartialEq)]
pub enum ViewCommand {
    /// Change what the side panel shows and the graph highlights.
    Select(Selection),
    /// Add an entity to the comparison with the selected one, or take it out (Shift-click).
    ToggleCompared(EntityIdx),
    /// Select a relation and mark one of its quotes (a search hit).
    MarkQuote {
        relation: RelationIdx,
        evidence_index: usize,
    },
    /// Set the search text.
    Search(String),
    /// Replace the filters.
    SetFilters(Filters),
    /// Hide or show one entity kind (a click on the legend).
    ToggleEntityKind(EntityKind),
    /// Set or clear the time window.
    SetTime(Option<TimeWindow>),
    /// Set or clear the focus.
    SetFocus(Option<Focus>),
    /// Filters, time window and focus back to showing everything.
    ShowAll,
    /// Ask for paths starting at this entity (the other end is picked next).
    PathFrom(EntityIdx),
    /// Ask for paths ending at this entity; shows the paths in the panel.
    PathTo(EntityIdx),
    /// Change how paths are found.
    SetPathOptions(PathOptions),
    /// Stop showing paths.
    ClearPath,
    /// Size nodes by this measure.
    SizeBy(Measure),
    /// Size nodes by this numeric attribute (`None`: by the measure).
    SizeByAttribute(Option<String>),
    /// Colour nodes by this.
    ColourBy(ColourBy),
    /// Keep the whole network in view.
    FitAll,
    /// While following, keep only these entities in view (`None`: all the lens shows). A
    /// playing time window frames what it will show at its end, so the camera holds still.
    FitOnly(Option<Vec<EntityIdx>>),
    /// Glide to these entities and keep them in view, as a story step's camera does:
    /// presenting, a click frames what it lights.
    GlideToFit(Vec<EntityIdx>),
    /// Put this layout point at the centre of the view, zoomed in at least to `min_zoom`
    /// and at most to `max_zoom` (screen points per layout unit), and stop following the
    /// whole network.
    CenterOn {
        point: egui::Pos2,
        min_zoom: f32,
        max_zoom: f32,
    },
    /// While following the whole network: it spans `bounds` and the view is `viewport` big.
    FitTo {
        bounds: egui::Rect,
        viewport: egui::Vec2,
    },
    /// Move what is shown by this many layout units (a drag of the background).
    Pan(egui::Vec2),
    /// Zoom by `factor`, keeping the layout point `anchor` where it is on screen.
    ZoomAround { anchor: egui::Pos2, factor: f32 },
}

impl ViewCommand {
    /// Whether a run of this change is one undo step with the changes of its kind before it
    /// (typing, dragging a slider, ticking boxes, marking a quote after selecting its
    /// relation). Choosing an entity or a path is a step of its own: undo after clicking IBM
    /// and then Huawei goes back to IBM.
    pub fn runs_together(&self) -> bool {
        !matches!(
            self,
            Self::Select(_)
                | Self::ToggleCompared(_)
                | Self::PathFrom(_)
                | Self::PathTo(_)
                | Self::ClearPath
                | Self::ShowAll
        )
    }

    /// What kind of change it is: a run of changes of one kind is one undo step.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Select(_) | Self::MarkQuote { .. } | Self::ToggleCompared(_) => "select",
            Self::Search(_) => "search",
            Self::SetFilters(_) | Self::ToggleEntityKind(_) => "filters",
            Self::SetTime(_) => "time",
            Self::SetFocus(_) => "focus",
            Self::ShowAll => "show all",
            Self::PathFrom(_) | Self::PathTo(_) | Self::SetPathOptions(_) | Self::ClearPath => {
                "path"
            }
            Self::FitAll
            | Self::FitOnly(_)
            | Self::GlideToFit(_)
            | Self::CenterOn { .. }
            | Self::FitTo { .. }
            | Self::Pan(_)
            | Self::ZoomAround { .. } => "camera",
            Self::SizeBy(_) | Self::SizeByAttribute(_) | Self::ColourBy(_) => "size",
        }
    }
}

impl View {
    /// Paths from the entity asked for before to `entity`, both ends in view: a placed
    /// camera had left the path's start off screen.
    fn path_to(&mut self, entity: EntityIdx) {
        let from = self.path.map_or(entity, |p| p.from);
        let options = self.path.map(|p| p.options).unwrap_or_default();
        self.path = Some(PathQuery {
            from,
            to: Some(entity).filter(|to| *to != from),
            options,
        });
        self.selection = Selection::Nothing;
        if from != entity {
            self.camera.follow = true;
            self.camera.fit_only = Some(vec![from, entity]);
            self.camera.glide = true;
        }
    }

    /// A focus that hides the rest frames what it leaves, wherever the camera was (a pan, a
    /// story step's framing): the neighbourhood fills the view, as in Kumu. Leaving such a
    /// focus frames everything that comes back.
    fn set_focus(&mut self, focus: Option<Focus>) {
        let hides = |f: Option<Focus>| f.is_some_and(|f| f.outside == OutsideFocus::Hide);
        if (hides(focus) || hides(self.focus)) && focus != self.focus {
            self.camera.follow = true;
            self.camera.fit_only = None;
            self.camera.glide = true;
        }
        self.focus = focus;
    }

    /// Carries out `command`.
    pub fn apply(&mut self, command: &ViewCommand) {
        match command {
            ViewCommand::Select(selection) => {
                self.selection = *selection;
                self.marked_quote = None;
                self.compared.clear();
            }
            ViewCommand::ToggleCompared(entity) => match self.selection {
                Selection::Entity(selected) if selected != *entity => {
                    if let Some(at) = self.compared.iter().position(|e| e == entity) {
                        self.compared.remove(at);
                    } else {
                        self.compared.push(*entity);
                    }
                }
                Selection::Entity(_) => {}
                _ => {
                    self.selection = Selection::Entity(*entity);
                    self.compared.clear();
                }
            },
            ViewCommand::MarkQuote {
                relation,
                evidence_index,
            } => {
                self.selection = Selection::Relation(*relation);
                self.marked_quote = Some((*relation, *evidence_index));
            }
            ViewCommand::Search(text) => self.search.clone_from(text),
            ViewCommand::SetFilters(filters) => self.filters = filters.clone(),
            ViewCommand::ToggleEntityKind(kind) => {
                if !self.filters.hidden_entity_kinds.remove(kind) {
                    self.filters.hidden_entity_kinds.insert(*kind);
                }
            }
            ViewCommand::SetTime(time) => self.time = *time,
            ViewCommand::SetFocus(focus) => self.set_focus(*focus),
            ViewCommand::ShowAll => {
                self.filters = Filters::default();
                self.time = None;
                self.focus = None;
            }
            ViewCommand::PathFrom(entity) => {
                let options = self.path.map(|p| p.options).unwrap_or_default();
                let to = self.path.and_then(|p| p.to).filter(|to| to != entity);
                self.path = Some(PathQuery {
                    from: *entity,
                    to,
                    options,
                });
                if to.is_some() {
                    self.selection = Selection::Nothing;
                }
            }
            ViewCommand::PathTo(entity) => self.path_to(*entity),
            ViewCommand::SetPathOptions(options) => {
                if let Some(path) = &mut self.path {
                    path.options = *options;
                }
            }
            ViewCommand::ClearPath => self.path = None,
            ViewCommand::SizeBy(measure) => {
                self.size_by = *measure;
                self.size_by_attribute = None;
            }
            ViewCommand::SizeByAttribute(key) => self.size_by_attribute.clone_from(key),
            ViewCommand::ColourBy(by) => self.colour_by = by.clone(),
            ViewCommand::FitAll => {
                self.camera.follow = true;
                self.camera.fit_only = None;
            }
            ViewCommand::FitOnly(only) => self.camera.fit_only.clone_from(only),
            ViewCommand::GlideToFit(only) => {
                self.camera.follow = true;
                self.camera.fit_only = Some(only.clone());
                self.camera.glide = true;
            }
            ViewCommand::CenterOn {
                point,
                min_zoom,
                max_zoom,
            } => self.camera.center_on(*point, *min_zoom, *max_zoom),
            ViewCommand::FitTo { bounds, viewport } => {
                if self.camera.follow {
                    self.camera.fit(*bounds, *viewport);
                }
            }
            ViewCommand::Pan(by) => {
                self.camera.center -= *by;
                self.camera.release();
            }
            ViewCommand::ZoomAround { anchor, factor } => {
                self.camera.zoom_around(*anchor, *factor);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_focus_widens_and_narrows_a_hop_at_a_time_keeping_its_way_and_the_rest() {
        let wider = |f| Focus::stepped(f, true);
        let narrower = |f| Focus::stepped(f, false);
        let one = wider(None).expect("a first step focuses");
        assert_eq!(one.hops, 1);
        assert_eq!(
            (one.direction, one.outside),
            (Direction::Both, OutsideFocus::Hide)
        );
        let faded_out = Focus {
            hops: 2,
            direction: Direction::Out,
            outside: OutsideFocus::Fade,
        };
        let three = wider(Some(faded_out)).unwrap();
        assert_eq!(
            three,
            Focus {
                hops: 3,
                ..faded_out
            }
        );
        assert_eq!(
            wider(Some(three)),
            Some(three),
            "no deeper than the menu offers"
        );
        assert_eq!(narrower(Some(faded_out)).map(|f| f.hops), Some(1));
        assert_eq!(narrower(Some(one)), None);
        assert_eq!(narrower(None), None);
    }

    #[test]
    fn a_focus_that_hides_the_rest_frames_what_it_leaves_and_a_faded_one_keeps_the_camera() {
        let mut view = View::default();
        view.apply(&ViewCommand::Pan(egui::vec2(30.0, 0.0)));
        view.apply(&ViewCommand::FitOnly(Some(vec![EntityIdx(0)])));
        let panned = view.camera.clone();
        assert!(!panned.follow);
        let faded = Focus {
            hops: 1,
            direction: Direction::Both,
            outside: OutsideFocus::Fade,
        };
        view.apply(&ViewCommand::SetFocus(Some(faded)));
        assert_eq!(view.camera, panned, "the faded rest is still there to see");

        let hidden = Focus::stepped(None, true);
        view.apply(&ViewCommand::SetFocus(hidden));
        assert!(view.camera.follow && view.camera.glide);
        assert_eq!(
            view.camera.fit_only, None,
            "what the lens shows, not a step's part"
        );

        view.apply(&ViewCommand::Pan(egui::vec2(30.0, 0.0)));
        view.apply(&ViewCommand::SetFocus(None));
        assert!(view.camera.follow, "everything comes back into view");
    }

    #[test]
    fn a_big_network_opens_coloured_by_cluster_and_a_small_one_by_kind() {
        let network = |nodes| {
            crate::generate::generate(crate::generate::GraphSpec {
                nodes,
                edges: nodes * 2,
                communities: 0,
                seed: 1,
            })
        };
        assert_eq!(View::opening(&network(200)).colour_by, ColourBy::Kind);
        assert_eq!(
            View::opening(&network(CLUSTER_COLOURS_FROM)).colour_by,
            ColourBy::Cluster
        );
    }

    /// A file that gives no kinds (all "Other") opens coloured by cluster once it is more
    /// than a handful: by kind it was all one grey.
    #[test]
    fn a_network_of_one_kind_opens_coloured_by_cluster() {
        let chain = |n: usize| {
            let ids: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
            let links: Vec<(String, &str, &str, &str, &str)> = (1..n)
                .map(|i| {
                    (
                        format!("r{i}"),
                        ids[i - 1].as_str(),
                        "other",
                        ids[i].as_str(),
                        "reported",
                    )
                })
                .collect();
            let links: Vec<(&str, &str, &str, &str, &str)> = links
                .iter()
                .map(|(id, a, k, b, s)| (id.as_str(), *a, *k, *b, *s))
                .collect();
            crate::model::test_networks::network_of(&links)
        };
        let big = chain(ONE_KIND_CLUSTER_COLOURS_FROM);
        assert!(big.entities.iter().all(|e| e.kind == EntityKind::Other));
        assert_eq!(View::opening(&big).colour_by, ColourBy::Cluster);
        let small = chain(ONE_KIND_CLUSTER_COLOURS_FROM - 1);
        assert_eq!(View::opening(&small).colour_by, ColourBy::Kind);
        let mut mixed = chain(ONE_KIND_CLUSTER_COLOURS_FROM);
        mixed.entities[0].kind = EntityKind::Company;
        assert_eq!(View::opening(&mixed).colour_by, ColourBy::Kind);
    }

    #[test]
    fn a_file_whose_types_are_none_of_chainsight_s_kinds_opens_coloured_by_them() {
        let mut dataset = crate::model::test_networks::network_of(&[
            ("r1", "a", "supplied", "b", "reported"),
            ("r2", "b", "supplied", "c", "reported"),
            ("r3", "c", "supplied", "d", "reported"),
        ]);
        assert_eq!(View::opening(&dataset).colour_by, ColourBy::Kind);
        for (entity, kind) in
            dataset
                .entities
                .iter_mut()
                .zip(["Stakeholder", "Outcome", "Stakeholder", ""])
        {
            entity.kind = crate::model::EntityKind::Other;
            entity
                .attributes
                .insert(FILE_KIND.to_owned(), kind.to_owned());
        }
        assert_eq!(
            View::opening(&dataset).colour_by,
            ColourBy::Attribute("kind".to_owned())
        );
        // Fewer than half typed so (a blank type is none): by kind.
        dataset.entities[0]
            .attributes
            .insert(FILE_KIND.to_owned(), " ".to_owned());
        dataset.entities[1].kind = crate::model::EntityKind::Company;
        assert_eq!(View::opening(&dataset).colour_by, ColourBy::Kind);
    }

    use super::*;

    #[test]
    fn apply_selects_and_fits() {
        let mut view = View::default();
        view.camera.follow = false;
        view.apply(&ViewCommand::Select(Selection::Entity(EntityIdx(3))));
        assert_eq!(view.selection, Selection::Entity(EntityIdx(3)));
        view.apply(&ViewCommand::FitAll);
        assert!(view.camera.follow);
        view.apply(&ViewCommand::CenterOn {
            point: egui::pos2(10.0, -4.0),
            min_zoom: 2.0,
            max_zoom: f32::INFINITY,
        });
        assert_eq!(view.camera.center, egui::pos2(10.0, -4.0));
        assert_eq!(view.camera.zoom, 2.0);
        assert!(!view.camera.follow);
        // Zoomed in closer than a relation's ends allow: out to the most that shows both.
        view.camera.zoom = 9.0;
        view.apply(&ViewCommand::CenterOn {
            point: egui::pos2(0.0, 0.0),
            min_zoom: 2.0,
            max_zoom: 3.0,
        });
        assert_eq!(view.camera.zoom, 3.0);
    }

    #[test]
    fn panning_and_zooming_leave_the_followed_fit_where_it_was() {
        let mut view = View::default();
        let bounds = egui::Rect::from_min_max(egui::pos2(-100.0, -50.0), egui::pos2(100.0, 50.0));
        view.apply(&ViewCommand::FitTo {
            bounds,
            viewport: egui::vec2(540.0, 340.0),
        });
        assert_eq!(view.camera.center, egui::Pos2::ZERO);
        assert_eq!(view.camera.zoom, 2.0, "400 points across 200 units");
        assert!(view.camera.follow);

        view.apply(&ViewCommand::Pan(egui::vec2(10.0, 0.0)));
        assert_eq!(view.camera.center, egui::pos2(-10.0, 0.0));
        assert!(!view.camera.follow, "a pan stops following");
        view.apply(&ViewCommand::FitTo {
            bounds,
            viewport: egui::vec2(540.0, 340.0),
        });
        assert_eq!(
            view.camera.center,
            egui::pos2(-10.0, 0.0),
            "not fitted again"
        );

        // Zooming in twice around (40, 0) keeps that point where it was on screen.
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(540.0, 340.0));
        let anchor = egui::pos2(40.0, 0.0);
        let on_screen = view.camera.to_screen(rect, anchor);
        view.apply(&ViewCommand::ZoomAround {
            anchor,
            factor: 2.0,
        });
        assert_eq!(view.camera.zoom, 4.0);
        assert!((view.camera.to_screen(rect, anchor) - on_screen).length() < 1e-3);
    }

    #[test]
    fn colours_are_read_as_files_write_them() {
        use egui::Color32;
        assert_eq!(parse_colour("#ff0000"), Some(Color32::from_rgb(255, 0, 0)));
        assert_eq!(parse_colour(" #0f0 "), Some(Color32::from_rgb(0, 255, 0)));
        assert_eq!(
            parse_colour("#0000ff80"),
            Some(Color32::from_rgb(0, 0, 255))
        );
        assert_eq!(
            parse_colour("rgb(1, 2, 3)"),
            Some(Color32::from_rgb(1, 2, 3))
        );
        assert_eq!(
            parse_colour("rgba(10,20,30,0.5)"),
            Some(Color32::from_rgb(10, 20, 30))
        );
        // Named, as graphology's and Cytoscape's examples write them.
        assert_eq!(parse_colour("green"), Some(Color32::from_rgb(0, 128, 0)));
        // Greys either way, as CSS allows.
        for (grey, gray) in [("grey", "gray"), ("LightGrey", "lightgray")] {
            assert!(parse_colour(gray).is_some());
            assert_eq!(parse_colour(grey), parse_colour(gray), "{grey}");
        }
        assert_eq!(parse_colour("greyish"), None);
        assert_eq!(
            parse_colour("SteelBlue"),
            Some(Color32::from_rgb(70, 130, 180))
        );
        assert_eq!(
            parse_colour("hsl(0, 100%, 50%)"),
            Some(Color32::from_rgb(255, 0, 0))
        );
        for bad in ["#12", "#gggggg", "rgb(1,2)", "", "#ffé", "reddish", "12"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn sizing_by_an_attribute_overrides_the_measure_until_a_measure_is_picked() {
        let mut view = View::default();
        view.apply(&ViewCommand::SizeByAttribute(Some("revenue".into())));
        assert_eq!(view.size_by_attribute.as_deref(), Some("revenue"));
        view.apply(&ViewCommand::SizeBy(Measure::PageRank));
        assert_eq!(view.size_by, Measure::PageRank);
        assert_eq!(view.size_by_attribute, None);
    }
}
