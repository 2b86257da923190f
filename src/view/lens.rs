//! What the view means for each entity and relation: hidden, faded, shown, highlighted or
//! selected. The only code that knows what filters, the time window, the focus, the search
//! and the selection do, and how they compose:
//!
//! 1. Filters and the time window hide relations (and entity kinds hide entities, with their
//!    relations).
//! 2. A focus keeps the selected entity's neighbourhood, `hops` deep along the relations
//!    still shown; what lies outside is hidden or faded, as chosen.
//! 3. Emphasis: the selection (and its neighbours along shown relations) if there is one,
//!    else the search hits. When something is emphasised, everything else shown is faded.
//!
//! Computed once per change of the view or the document, never per frame.

use std::collections::VecDeque;

use super::search::{self, HitTarget, SearchHit};
use super::{Direction, OutsideFocus, Selection, TimeRange, View};
use crate::model::paths::{self, Path};
use crate::model::{Dataset, Days, EntityIdx, Network, RelationIdx, RelationKind};

/// How an item is drawn, weakest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Emphasis {
    /// Not drawn, not listed: a filter, the time window or the focus hides it.
    Hidden,
    /// Drawn faint: something else is emphasised.
    Faded,
    #[default]
    Normal,
    /// Drawn strong and labelled first: a neighbour of the selection, a search hit.
    Highlighted,
    Selected,
}

/// The view applied to a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lens {
    entities: Vec<Emphasis>,
    relations: Vec<Emphasis>,
    /// Search hits, entities first (see [`search::search`]).
    pub hits: Vec<SearchHit>,
    /// When a search of several terms finds nothing: what each term finds alone.
    pub each_term_alone: Vec<(String, usize)>,
    /// Why items are hidden, one phrase per cause with its count: "3 relations by status".
    pub hidden_reasons: Vec<String>,
    pub hidden_entities: usize,
    pub hidden_relations: usize,
    /// Whether the time window hides anything (a window over every date hides nothing).
    pub time_hides: bool,
    /// Whether all that is hidden is what a story step has still to reveal: the story's
    /// course, not something to put right.
    pub only_withheld: bool,
    /// Whether the focus applies: one is set and its centre, the selection, is shown.
    pub focus_applies: bool,
    /// How many entities of each kind are shown, where any is hidden (else `None`): the
    /// legend says "Company (2 of 17)" under a time window. Counted here, once per view
    /// change, not by every frame's legend.
    pub shown_by_kind: Option<std::collections::BTreeMap<crate::model::EntityKind, usize>>,
    /// The days the relations' dates cover and the step the time window moves by.
    pub time_range: Option<TimeRange>,
    /// Relations with no date.
    pub undated_relations: usize,
    /// The paths asked for, shortest first, over the relations shown.
    pub paths: Vec<Path>,
    /// What the selection and the entities compared with it have in common, if any are.
    pub comparison: Option<Comparison>,
}

/// What compared entities (Shift-click) have in common, over the relations shown: the
/// panel lists it, and the graph shows it alone, the rest faded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// The selection, then the entities compared with it, those shown.
    pub members: Vec<EntityIdx>,
    /// The neighbours every member reaches, in dataset order.
    pub shared: Vec<EntityIdx>,
    /// The relations from the members to the shared neighbours.
    pub to_shared: Vec<RelationIdx>,
    /// With three members or more: the neighbours some of them reach (two or more, not
    /// all), with the members that do, in dataset order; and the relations to them.
    pub shared_by_some: Vec<(EntityIdx, Vec<EntityIdx>)>,
    pub to_shared_by_some: Vec<RelationIdx>,
    /// The relations between two members, in dataset order.
    pub between: Vec<RelationIdx>,
}

impl Comparison {
    fn compute(dataset: &Dataset, network: &Network, view: &View, stage: &Stage) -> Option<Self> {
        let Selection::Entity(selected) = view.selection else {
            return None;
        };
        if view.compared.is_empty() {
            return None;
        }
        let members: Vec<EntityIdx> = std::iter::once(selected)
            .chain(view.compared.iter().copied())
            .filter(|&e| stage.shows_entity(e))
            .collect();
        // Each neighbour outside the members: which members reach it, and along what.
        let mut reached: std::collections::BTreeMap<EntityIdx, (Vec<EntityIdx>, Vec<RelationIdx>)> =
            std::collections::BTreeMap::new();
        let mut between = Vec::new();
        for &member in &members {
            for relation in network.incident(member) {
                let Some(r) = dataset.relation(relation) else {
                    continue;
                };
                if !stage.shows_relation(relation) {
                    continue;
                }
                let other = if r.source == member {
                    r.target
                } else {
                    r.source
                };
                if members.contains(&other) {
                    between.push(relation);
                    continue;
                }
                let (reach, relations) = reached.entry(other).or_default();
                if reach.last() != Some(&member) {
                    reach.push(member);
                }
                relations.push(relation);
            }
        }
        between.sort_unstable();
        between.dedup();
        let mut shared = Vec::new();
        let mut to_shared = Vec::new();
        let mut shared_by_some = Vec::new();
        let mut to_shared_by_some = Vec::new();
        for (neighbour, (reach, relations)) in reached {
            if reach.len() == members.len() {
                shared.push(neighbour);
                to_shared.extend(relations);
            } else if reach.len() >= 2 {
                shared_by_some.push((neighbour, reach));
                to_shared_by_some.extend(relations);
            }
        }
        Some(Self {
            members,
            shared,
            to_shared,
            shared_by_some,
            to_shared_by_some,
            between,
        })
    }
}

impl Lens {
    /// Applies `view` to `dataset` (whose structure `network` indexes).
    pub fn compute(dataset: &Dataset, network: &Network, view: &View) -> Self {
        Self::compute_after(dataset, network, view, None)
    }

    /// [`Self::compute`], taking the search's results from `previous`, the lens of the view
    /// before, where that view's query (given with it) is this one's: the search depends on
    /// the query alone, and at 100,000 entities it takes 80 ms, which every click and filter
    /// had paid again while a search was typed.
    pub fn compute_after(
        dataset: &Dataset,
        network: &Network,
        view: &View,
        previous: Option<(&str, Self)>,
    ) -> Self {
        let mut stage = filter_stage(dataset, network, view);
        let focus_reach = focus_stage(dataset, network, view, &mut stage);
        let (hits, each_term_alone) = match previous {
            Some((query, previous)) if query == view.search => {
                (previous.hits, previous.each_term_alone)
            }
            _ => {
                let hits = search::search(dataset, &view.search);
                let each_term_alone = if hits.is_empty() {
                    search::each_term_alone(dataset, &view.search)
                } else {
                    Vec::new()
                };
                (hits, each_term_alone)
            }
        };
        let paths = match view.path {
            Some(query) => match query.to {
                Some(to) => {
                    paths::k_shortest_paths(dataset, network, query.from, to, query.options, &|r| {
                        stage.shows_relation(r)
                    })
                }
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        let comparison = Comparison::compute(dataset, network, view, &stage);
        let emphasised = if paths.is_empty() {
            emphasis_stage(
                dataset,
                network,
                view,
                (&hits, comparison.as_ref()),
                &mut stage,
            )
        } else {
            path_emphasis(dataset, &paths, &mut stage);
            true
        };
        // Inside a faded focus, the neighbourhood stays as it is; outside, it fades.
        let fade_outside_focus = matches!(focus_reach, Some((_, OutsideFocus::Fade)));
        if emphasised || fade_outside_focus {
            let in_reach = |i: usize| {
                focus_reach
                    .as_ref()
                    .is_some_and(|(reach, _)| reach.get(i).copied().unwrap_or(false))
            };
            for (i, e) in stage.entities.iter_mut().enumerate() {
                if *e == Emphasis::Normal && !in_reach(i) {
                    *e = Emphasis::Faded;
                }
            }
            for ((source, target), e) in network.ends().zip(stage.relations.iter_mut()) {
                let inside = in_reach(source.0) && in_reach(target.0);
                if *e == Emphasis::Normal && !inside {
                    *e = Emphasis::Faded;
                }
            }
        }
        let hidden_entities = stage
            .entities
            .iter()
            .filter(|e| **e == Emphasis::Hidden)
            .count();
        let hidden_relations = stage
            .relations
            .iter()
            .filter(|e| **e == Emphasis::Hidden)
            .count();
        let shown_by_kind = (hidden_entities > 0).then(|| {
            let mut counts = std::collections::BTreeMap::new();
            for (entity, emphasis) in dataset.entities.iter().zip(&stage.entities) {
                if *emphasis != Emphasis::Hidden {
                    *counts.entry(entity.kind).or_default() += 1;
                }
            }
            counts
        });
        Self {
            entities: stage.entities,
            relations: stage.relations,
            hits,
            each_term_alone,
            hidden_reasons: stage.reasons.phrases(),
            hidden_entities,
            hidden_relations,
            time_hides: stage.reasons.relations_by_time + stage.reasons.entities_by_time > 0,
            only_withheld: stage.reasons.relations_withheld == hidden_relations
                && hidden_relations > 0
                && hidden_entities == 0,
            focus_applies: focus_reach.is_some(),
            shown_by_kind,
            time_range: stage.time_range,
            undated_relations: stage.undated_relations,
            paths,
            comparison,
        }
    }

    /// How `entity` is drawn.
    pub fn entity(&self, entity: EntityIdx) -> Emphasis {
        self.entities.get(entity.0).copied().unwrap_or_default()
    }

    /// How `relation` is drawn.
    pub fn relation(&self, relation: RelationIdx) -> Emphasis {
        self.relations.get(relation.0).copied().unwrap_or_default()
    }

    /// Whether `entity` is drawn at all.
    pub fn shows_entity(&self, entity: EntityIdx) -> bool {
        self.entity(entity) != Emphasis::Hidden
    }

    /// Whether `relation` is drawn at all.
    pub fn shows_relation(&self, relation: RelationIdx) -> bool {
        self.relation(relation) != Emphasis::Hidden
    }

    /// Relations drawn highlighted or selected, in index order.
    pub fn highlighted_relations(&self) -> impl Iterator<Item = RelationIdx> + '_ {
        self.relations
            .iter()
            .enumerate()
            .filter(|(_, e)| **e >= Emphasis::Highlighted)
            .map(|(i, _)| RelationIdx(i))
    }

    /// Whether anything is faded (something else emphasised).
    pub fn fades_anything(&self) -> bool {
        self.entities.contains(&Emphasis::Faded) || self.relations.contains(&Emphasis::Faded)
    }
}

/// The lens as it is built, stage by stage.
struct Stage {
    entities: Vec<Emphasis>,
    relations: Vec<Emphasis>,
    reasons: Reasons,
    time_range: Option<TimeRange>,
    undated_relations: usize,
}

impl Stage {
    fn shows_entity(&self, entity: EntityIdx) -> bool {
        self.entities
            .get(entity.0)
            .is_some_and(|e| *e != Emphasis::Hidden)
    }

    fn shows_relation(&self, relation: RelationIdx) -> bool {
        self.relations
            .get(relation.0)
            .is_some_and(|e| *e != Emphasis::Hidden)
    }
}

/// Filters and the time window: what is shown at all.
fn filter_stage(dataset: &Dataset, network: &Network, view: &View) -> Stage {
    let mut reasons = Reasons::default();
    let entity_shown: Vec<bool> = dataset
        .entities
        .iter()
        .map(|e| {
            if view.filters.hidden_entity_kinds.contains(&e.kind) {
                reasons.entities_by_kind += 1;
                return false;
            }
            if !view.filters.hidden_countries.is_empty()
                && view
                    .filters
                    .hidden_countries
                    .contains(e.country.as_deref().unwrap_or_default())
            {
                reasons.entities_by_country += 1;
                return false;
            }
            let filters = &view.filters;
            let hidden_value = filters
                .hidden_attribute_values
                .iter()
                .any(|(key, values)| e.attributes.get(key).is_some_and(|v| values.contains(v)))
                || filters.attribute_ranges.iter().any(|(key, (low, high))| {
                    e.attributes
                        .get(key)
                        .and_then(|v| v.trim().parse::<f64>().ok())
                        .is_some_and(|x| x < *low || x > *high)
                });
            if hidden_value {
                reasons.entities_by_attribute += 1;
            }
            !hidden_value
        })
        .collect();
    let mut dated: Option<Days> = None;
    let mut undated_relations = 0;
    // Under a time window that hides idle entities: which entities have relations, and
    // which have one in the window, gathered in this pass (a second pass over half a million
    // relations had cost a time window at 100k a quarter of its time).
    let mut activity = view
        .time
        .filter(|w| !w.keep_idle)
        .map(|_| Activity::new(dataset.entities.len()));
    let relations = dataset
        .relations
        .iter()
        .enumerate()
        .map(|(index, relation)| {
            let days = network.days(RelationIdx(index));
            match days {
                Some(days) => dated = Some(dated.map_or(days, |d| d.span(days))),
                None => undated_relations += 1,
            }
            // Whether the time window, if any, shows it: asked once, for both uses.
            let in_window = view.time.map(|window| window.shows(days));
            if let (Some(inside), Some(activity)) = (in_window, activity.as_mut()) {
                activity.note(relation, inside);
            }
            let counter = hiding_reason(view, relation, index, in_window, &entity_shown)
                .map(|reason| reason.count_in(&mut reasons));
            match counter {
                Some(count) => {
                    *count += 1;
                    Emphasis::Hidden
                }
                None => Emphasis::Normal,
            }
        })
        .collect();
    let mut entities: Vec<Emphasis> = entity_shown
        .iter()
        .map(|&shown| {
            if shown {
                Emphasis::Normal
            } else {
                Emphasis::Hidden
            }
        })
        .collect();
    if let Some(activity) = activity {
        reasons.entities_by_time = activity.hide_idle(&mut entities);
    }
    Stage {
        entities,
        relations,
        reasons,
        time_range: dated.map(TimeRange::of),
        undated_relations,
    }
}

/// Which entities have relations, and which have one the time window shows.
struct Activity {
    linked: Vec<bool>,
    in_window: Vec<bool>,
}

impl Activity {
    fn new(entities: usize) -> Self {
        Self {
            linked: vec![false; entities],
            in_window: vec![false; entities],
        }
    }

    /// Notes `relation`, which the window shows or not (`inside`), at both its ends.
    fn note(&mut self, relation: &crate::model::Relation, inside: bool) {
        for end in [relation.source.0, relation.target.0] {
            if let (Some(l), Some(w)) = (self.linked.get_mut(end), self.in_window.get_mut(end)) {
                *l = true;
                *w |= inside;
            }
        }
    }

    /// Hides the entities that have relations but none in the window (their relations are
    /// hidden already); entities with no relation at all stay. Returns how many it hid.
    fn hide_idle(self, entities: &mut [Emphasis]) -> usize {
        let mut hidden = 0;
        for ((e, linked), in_window) in entities.iter_mut().zip(self.linked).zip(self.in_window) {
            if linked && !in_window && *e != Emphasis::Hidden {
                *e = Emphasis::Hidden;
                hidden += 1;
            }
        }
        hidden
    }
}

/// The focus: the selected entity's neighbourhood along the relations still shown; what lies
/// outside is hidden here (when so chosen). Returns the neighbourhood and what to do outside.
fn focus_stage(
    dataset: &Dataset,
    network: &Network,
    view: &View,
    stage: &mut Stage,
) -> Option<(Vec<bool>, OutsideFocus)> {
    let (Some(focus), Selection::Entity(centre)) = (view.focus, view.selection) else {
        return None;
    };
    if !stage.shows_entity(centre) {
        return None;
    }
    let relation_shown: Vec<bool> = (0..stage.relations.len())
        .map(|r| stage.shows_relation(RelationIdx(r)))
        .collect();
    let reach = reach(
        dataset,
        network,
        &relation_shown,
        centre,
        focus.hops,
        focus.direction,
    );
    if focus.outside == OutsideFocus::Hide {
        for (inside, e) in reach.iter().zip(stage.entities.iter_mut()) {
            if !inside && *e != Emphasis::Hidden {
                *e = Emphasis::Hidden;
                stage.reasons.entities_by_focus += 1;
            }
        }
        for ((source, target), e) in network.ends().zip(stage.relations.iter_mut()) {
            let inside = reach.get(source.0).copied().unwrap_or(false)
                && reach.get(target.0).copied().unwrap_or(false);
            if !inside && *e != Emphasis::Hidden {
                *e = Emphasis::Hidden;
                stage.reasons.relations_by_focus += 1;
            }
        }
    }
    Some((reach, focus.outside))
}

/// Raises the paths' entities and relations: shown alone, the rest fades.
fn path_emphasis(dataset: &Dataset, paths: &[Path], stage: &mut Stage) {
    for path in paths {
        for hop in &path.hops {
            if let Some(e) = stage.relations.get_mut(hop.relation.0) {
                *e = Emphasis::Highlighted;
            }
        }
        for entity in path.entities(dataset) {
            if let Some(e) = stage.entities.get_mut(entity.0) {
                *e = Emphasis::Highlighted;
            }
        }
    }
}

/// Raises the selection (and its neighbours along shown relations; compared entities and
/// what they share), else the search hits.
/// Returns whether anything was emphasised.
fn emphasis_stage(
    dataset: &Dataset,
    network: &Network,
    view: &View,
    (hits, comparison): (&[SearchHit], Option<&Comparison>),
    stage: &mut Stage,
) -> bool {
    let mut emphasised = false;
    let mut raise = |list: &mut Vec<Emphasis>, i: usize, to: Emphasis| {
        if let Some(e) = list.get_mut(i)
            && *e != Emphasis::Hidden
        {
            *e = (*e).max(to);
            emphasised = true;
        }
    };
    // A story step's spotlight, then the selection (which a presenter may click on top).
    if let Some(spotlight) = &view.spotlight {
        for entity in &spotlight.entities {
            raise(&mut stage.entities, entity.0, Emphasis::Highlighted);
        }
        for &relation in &spotlight.relations {
            if stage.shows_relation(relation) {
                raise(&mut stage.relations, relation.0, Emphasis::Highlighted);
                if let Some(r) = dataset.relation(relation) {
                    raise(&mut stage.entities, r.source.0, Emphasis::Highlighted);
                    raise(&mut stage.entities, r.target.0, Emphasis::Highlighted);
                }
            }
        }
        // What the step adds stands out from what earlier steps lit; when every lit link is
        // new there is nothing to tell apart.
        if spotlight.fresh.len() < spotlight.relations.len() {
            for &relation in &spotlight.fresh {
                if stage.shows_relation(relation) {
                    raise(&mut stage.relations, relation.0, Emphasis::Selected);
                }
            }
        }
    }
    match view.selection {
        // Compared: the members and what they share stand out, the rest fades.
        Selection::Entity(selected) if stage.shows_entity(selected) && comparison.is_some() => {
            if let Some(comparison) = comparison {
                for member in &comparison.members {
                    raise(&mut stage.entities, member.0, Emphasis::Selected);
                }
                for relation in &comparison.between {
                    raise(&mut stage.relations, relation.0, Emphasis::Selected);
                }
                for neighbour in &comparison.shared {
                    raise(&mut stage.entities, neighbour.0, Emphasis::Highlighted);
                }
                let shared_by_some = comparison.shared_by_some.iter().map(|(e, _)| e);
                for neighbour in shared_by_some {
                    raise(&mut stage.entities, neighbour.0, Emphasis::Highlighted);
                }
                let to_shared = comparison.to_shared.iter();
                for relation in to_shared.chain(&comparison.to_shared_by_some) {
                    raise(&mut stage.relations, relation.0, Emphasis::Highlighted);
                }
            }
        }
        Selection::Entity(selected) if stage.shows_entity(selected) => {
            raise(&mut stage.entities, selected.0, Emphasis::Selected);
            for relation in network.incident(selected) {
                let Some(r) = dataset.relation(relation) else {
                    continue;
                };
                if !stage.shows_relation(relation) {
                    continue;
                }
                raise(&mut stage.relations, relation.0, Emphasis::Highlighted);
                let other = if r.source == selected {
                    r.target
                } else {
                    r.source
                };
                raise(&mut stage.entities, other.0, Emphasis::Highlighted);
            }
        }
        Selection::Relation(relation) if stage.shows_relation(relation) => {
            raise(&mut stage.relations, relation.0, Emphasis::Selected);
            if let Some(r) = dataset.relation(relation) {
                raise(&mut stage.entities, r.source.0, Emphasis::Highlighted);
                raise(&mut stage.entities, r.target.0, Emphasis::Highlighted);
            }
        }
        _ => {
            for hit in hits {
                match hit.target {
                    HitTarget::Entity(entity) => {
                        raise(&mut stage.entities, entity.0, Emphasis::Highlighted);
                    }
                    HitTarget::Relation(relation) | HitTarget::Quote { relation, .. } => {
                        if stage.shows_relation(relation) {
                            raise(&mut stage.relations, relation.0, Emphasis::Highlighted);
                            if let Some(r) = dataset.relation(relation) {
                                raise(&mut stage.entities, r.source.0, Emphasis::Highlighted);
                                raise(&mut stage.entities, r.target.0, Emphasis::Highlighted);
                            }
                        }
                    }
                }
            }
        }
    }
    emphasised
}

/// Why the filters, the time window or a story step hide a relation, if they do.
#[derive(Clone, Copy)]
enum RelationHidden {
    ByEntity,
    ByKind,
    ByStatus,
    BySources,
    Withheld,
    ByTime,
}

impl RelationHidden {
    fn count_in(self, reasons: &mut Reasons) -> &mut usize {
        match self {
            Self::ByEntity => &mut reasons.relations_by_entity,
            Self::ByKind => &mut reasons.relations_by_kind,
            Self::ByStatus => &mut reasons.relations_by_status,
            Self::BySources => &mut reasons.relations_by_sources,
            Self::Withheld => &mut reasons.relations_withheld,
            Self::ByTime => &mut reasons.relations_by_time,
        }
    }
}

/// Why `relation` is hidden, if it is; `in_window`: whether the time window, if there is
/// one, shows it.
fn hiding_reason(
    view: &View,
    relation: &crate::model::Relation,
    index: usize,
    in_window: Option<bool>,
    entity_shown: &[bool],
) -> Option<RelationHidden> {
    let shown = |e: EntityIdx| entity_shown.get(e.0).copied().unwrap_or(false);
    let filters = &view.filters;
    if !(shown(relation.source) && shown(relation.target)) {
        Some(RelationHidden::ByEntity)
    } else if filters.hidden_relation_kinds.contains(&relation.kind)
        || (relation.kind == RelationKind::Other
            && !filters.shows_relation_phrase(relation.phrase()))
    {
        Some(RelationHidden::ByKind)
    } else if filters.hidden_statuses.contains(&relation.status) {
        Some(RelationHidden::ByStatus)
    // Counting documents allocates: with no minimum set (nearly always) it is skipped.
    } else if filters.min_sources > 0 && relation.documents_behind() < filters.min_sources {
        Some(RelationHidden::BySources)
    } else if view
        .spotlight
        .as_ref()
        .is_some_and(|s| s.withheld.contains(&RelationIdx(index)))
    {
        Some(RelationHidden::Withheld)
    } else if in_window == Some(false) {
        Some(RelationHidden::ByTime)
    } else {
        None
    }
}

/// Counts of what each cause hides.
#[derive(Default)]
struct Reasons {
    entities_by_kind: usize,
    entities_by_attribute: usize,
    entities_by_country: usize,
    entities_by_focus: usize,
    entities_by_time: usize,
    relations_by_entity: usize,
    relations_by_kind: usize,
    relations_by_status: usize,
    relations_by_sources: usize,
    relations_by_time: usize,
    relations_by_focus: usize,
    relations_withheld: usize,
}

impl Reasons {
    fn phrases(&self) -> Vec<String> {
        const ENTITIES: (&str, &str) = ("entity", "entities");
        const RELATIONS: (&str, &str) = ("relation", "relations");
        [
            (self.entities_by_kind, ENTITIES, "by entity kind"),
            (self.entities_by_country, ENTITIES, "by country"),
            (self.entities_by_attribute, ENTITIES, "by attribute value"),
            (self.relations_by_entity, RELATIONS, "with a hidden entity"),
            (self.relations_by_kind, RELATIONS, "by relation kind"),
            (self.relations_by_status, RELATIONS, "by status"),
            (
                self.relations_by_sources,
                RELATIONS,
                "by the documents behind them",
            ),
            (self.relations_by_time, RELATIONS, "by the time window"),
            (
                self.entities_by_time,
                ENTITIES,
                "with no relation in the time window",
            ),
            (self.entities_by_focus, ENTITIES, "outside the focus"),
            (self.relations_by_focus, RELATIONS, "outside the focus"),
            (self.relations_withheld, RELATIONS, "still to be revealed"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, what, why)| {
            let (singular, plural) = what;
            format!("{} {why}", crate::words::counted(n, singular, plural))
        })
        .collect()
    }
}

/// Entities within `hops` relations of `centre`, along relations shown, in `direction`.
fn reach(
    dataset: &Dataset,
    network: &Network,
    relation_shown: &[bool],
    centre: EntityIdx,
    hops: usize,
    direction: Direction,
) -> Vec<bool> {
    let mut inside = vec![false; dataset.entities.len()];
    let Some(slot) = inside.get_mut(centre.0) else {
        return inside;
    };
    *slot = true;
    let mut queue = VecDeque::from([(centre, 0)]);
    while let Some((entity, depth)) = queue.pop_front() {
        if depth == hops {
            continue;
        }
        for relation in network.incident(entity) {
            if !relation_shown.get(relation.0).copied().unwrap_or(false) {
                continue;
            }
            let Some(r) = dataset.relation(relation) else {
                continue;
            };
            // A relation without a direction is followed either way, as paths do.
            let out = matches!(direction, Direction::Out | Direction::Both) || !r.directed;
            let into = matches!(direction, Direction::In | Direction::Both) || !r.directed;
            let next = if out && r.source == entity {
                r.target
            } else if into && r.target == entity {
                r.source
            } else {
                continue;
            };
            if let Some(seen) = inside.get_mut(next.0)
                && !*seen
            {
                *seen = true;
                queue.push_back((next, depth + 1));
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::native;
    use crate::model::{EntityKind, RelationStatus};
    use crate::view::{Filters, Focus, TimeWindow};

    /// a → b → c → d, b → e; a–b 2010 reported, b–c 2015 alleged, c–d undated, b–e 2020.
    fn chain() -> (Dataset, Network) {
        let text = r#"{"format": "chainsight", "version": 1,
          "sources": [{"id": "s", "title": "S"}, {"id": "t", "title": "T"}],
          "entities": [{"id": "a", "name": "A", "kind": "company"},
                       {"id": "b", "name": "B", "kind": "company"},
                       {"id": "c", "name": "C", "kind": "city"},
                       {"id": "d", "name": "D", "kind": "country"},
                       {"id": "e", "name": "E", "kind": "person"}],
          "relations": [
            {"id": "ab", "source": "a", "target": "b", "kind": "supplied", "date": "2010",
             "evidence": [{"quote": "q", "source": "s", "cites": ["t"]}]},
            {"id": "bc", "source": "b", "target": "c", "kind": "built", "date": "2015",
             "status": "alleged", "evidence": [{"quote": "police q", "source": "s"}]},
            {"id": "cd", "source": "c", "target": "d", "kind": "located_in",
             "evidence": [{"quote": "q", "source": "s"}]},
            {"id": "be", "source": "b", "target": "e", "kind": "employed", "date": "2020",
             "evidence": [{"quote": "q", "source": "s"}]}]}"#;
        let dataset = native::read("chain.json", text).expect("fixture").dataset;
        let network = Network::build(&dataset);
        (dataset, network)
    }

    /// The view with `id` selected and a focus around it.
    fn focused(
        d: &Dataset,
        id: &str,
        hops: usize,
        direction: Direction,
        outside: OutsideFocus,
    ) -> View {
        View {
            selection: Selection::Entity(e(d, id)),
            focus: Some(Focus {
                hops,
                direction,
                outside,
            }),
            ..View::default()
        }
    }

    fn e(d: &Dataset, id: &str) -> EntityIdx {
        d.entity_by_id(id).unwrap()
    }

    fn r(d: &Dataset, id: &str) -> RelationIdx {
        d.relation_by_id(id).unwrap()
    }

    #[test]
    fn an_empty_view_shows_everything_normally() {
        let (d, n) = chain();
        let lens = Lens::compute(&d, &n, &View::default());
        assert!((0..5).all(|i| lens.entity(EntityIdx(i)) == Emphasis::Normal));
        assert!((0..4).all(|i| lens.relation(RelationIdx(i)) == Emphasis::Normal));
        let range = lens.time_range.unwrap();
        assert_eq!(
            (range.label(0), range.label(range.last_index())),
            ("2010".to_owned(), "2020".to_owned())
        );
        assert_eq!(lens.undated_relations, 1);
        assert!(lens.hidden_reasons.is_empty());
    }

    #[test]
    fn hiding_an_entity_kind_hides_its_relations_and_says_why() {
        let (d, n) = chain();
        let mut view = View::default();
        view.filters.hidden_entity_kinds.insert(EntityKind::City);
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.entity(e(&d, "c")), Emphasis::Hidden);
        assert_eq!(lens.relation(r(&d, "bc")), Emphasis::Hidden);
        assert_eq!(lens.relation(r(&d, "cd")), Emphasis::Hidden);
        assert_eq!(lens.relation(r(&d, "ab")), Emphasis::Normal);
        assert_eq!(
            lens.hidden_reasons,
            [
                "1 entity by entity kind",
                "2 relations with a hidden entity"
            ]
        );
    }

    #[test]
    fn an_attribute_value_filter_hides_the_entities_carrying_it() {
        let (mut d, n) = chain();
        d.entities[0]
            .attributes
            .insert("community".into(), "1".into());
        d.entities[1]
            .attributes
            .insert("community".into(), "2".into());
        let mut view = View::default();
        view.filters
            .hidden_attribute_values
            .entry("community".into())
            .or_default()
            .insert("1".into());
        let lens = Lens::compute(&d, &n, &view);
        assert!(!lens.shows_entity(e(&d, "a")));
        assert!(lens.shows_entity(e(&d, "b")));
        assert!(
            lens.shows_entity(e(&d, "c")),
            "no such attribute: not filtered"
        );
        assert_eq!(lens.hidden_reasons[0], "1 entity by attribute value");
    }

    #[test]
    fn a_numeric_range_hides_entities_outside_it() {
        let (mut d, n) = chain();
        for (i, amount) in ["5", "50", "500"].iter().enumerate() {
            d.entities[i]
                .attributes
                .insert("amount".into(), (*amount).into());
        }
        let mut view = View::default();
        view.filters
            .attribute_ranges
            .insert("amount".into(), (10.0, 100.0));
        let lens = Lens::compute(&d, &n, &view);
        let shown: Vec<bool> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| lens.shows_entity(e(&d, id)))
            .collect();
        assert_eq!(
            shown,
            [false, true, false, true],
            "d has no amount: not filtered"
        );
    }

    /// "Only these labels" hides every other relation of kind Other, a label it never saw
    /// (another file's, or one added since) too; relations of a known kind are not its own.
    #[test]
    fn only_these_phrases_hides_every_other_phrase_even_one_added_later() {
        let (mut d, _) = chain();
        for (relation, label) in d.relations.iter_mut().zip(["owns", "owns", "advised"]) {
            relation.kind = RelationKind::Other;
            relation.label = Some(label.to_owned());
        }
        let mut view = View::default();
        view.filters.shown_only_relation_phrases = Some(["owns".to_owned()].into());
        let shown = |d: &Dataset, view: &View| -> Vec<bool> {
            let lens = Lens::compute(d, &Network::build(d), view);
            ["ab", "bc", "cd", "be"]
                .iter()
                .map(|id| lens.relation(r(d, id)) != Emphasis::Hidden)
                .collect()
        };
        assert_eq!(shown(&d, &view), [true, true, false, true]);
        d.relations[3].kind = RelationKind::Other;
        d.relations[3].label = Some("merged with".to_owned());
        assert_eq!(shown(&d, &view), [true, true, false, false], "added later");
        view.filters.show_every_relation_phrase();
        assert_eq!(shown(&d, &view), [true; 4]);
    }

    #[test]
    fn a_country_filter_hides_the_entities_of_that_country() {
        let (mut d, n) = chain();
        d.entities[0].country = Some("US".into());
        d.entities[1].country = Some("CN".into());
        let mut view = View::default();
        view.filters.hidden_countries.insert("CN".into());
        let lens = Lens::compute(&d, &n, &view);
        assert!(lens.shows_entity(e(&d, "a")));
        assert!(!lens.shows_entity(e(&d, "b")));
        assert!(lens.shows_entity(e(&d, "c")));
        view.filters.hidden_countries.insert(String::new());
        assert!(
            !Lens::compute(&d, &n, &view).shows_entity(e(&d, "c")),
            "no country"
        );
    }

    #[test]
    fn status_and_source_filters_hide_relations() {
        let (d, n) = chain();
        let mut view = View::default();
        view.filters.hidden_statuses.insert(RelationStatus::Alleged);
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.relation(r(&d, "bc")), Emphasis::Hidden);
        view.filters = Filters {
            min_sources: 2,
            ..Filters::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        // Only a–b has two documents behind it (its source and a cited one).
        assert_eq!(lens.relation(r(&d, "ab")), Emphasis::Normal);
        assert_eq!(lens.hidden_relations, 3);
    }

    #[test]
    fn the_time_window_keeps_relations_that_meet_it_and_undated_ones_by_choice() {
        let (d, n) = chain();
        let mut view = View {
            time: Some(TimeWindow::years(2012, 2016, false)),
            ..View::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        let shown: Vec<_> = ["ab", "bc", "cd", "be"]
            .iter()
            .map(|id| lens.shows_relation(r(&d, id)))
            .collect();
        assert_eq!(shown, [false, true, false, false]);
        view.time = view.time.map(|t| TimeWindow {
            show_undated: true,
            ..t
        });
        let lens = Lens::compute(&d, &n, &view);
        assert!(lens.shows_relation(r(&d, "cd")));
    }

    #[test]
    fn the_time_window_hides_entities_with_no_relation_in_it_unless_kept() {
        let (d, n) = chain();
        let mut view = View {
            time: Some(TimeWindow::years(2012, 2016, false)),
            ..View::default()
        };
        // Only b–c falls in the window.
        let shown = |view: &View| -> Vec<bool> {
            let lens = Lens::compute(&d, &n, view);
            ["a", "b", "c", "d", "e"]
                .iter()
                .map(|id| lens.shows_entity(e(&d, id)))
                .collect()
        };
        assert_eq!(shown(&view), [false, true, true, false, false]);
        let lens = Lens::compute(&d, &n, &view);
        assert!(
            lens.hidden_reasons
                .contains(&"3 entities with no relation in the time window".to_owned()),
            "{:?}",
            lens.hidden_reasons
        );
        view.time = view.time.map(|t| TimeWindow {
            keep_idle: true,
            ..t
        });
        assert_eq!(shown(&view), [true; 5]);
    }

    #[test]
    fn focus_follows_shown_relations_in_the_chosen_direction() {
        let (d, n) = chain();
        let mut view = focused(&d, "b", 1, Direction::Out, OutsideFocus::Hide);
        let lens = Lens::compute(&d, &n, &view);
        let shown = |lens: &Lens| -> Vec<bool> {
            ["a", "b", "c", "d", "e"]
                .iter()
                .map(|id| lens.shows_entity(e(&d, id)))
                .collect()
        };
        assert_eq!(shown(&lens), [false, true, true, false, true]);
        view.focus = view.focus.map(|f| Focus {
            hops: 2,
            direction: Direction::Both,
            ..f
        });
        assert_eq!(
            shown(&Lens::compute(&d, &n, &view)),
            [true, true, true, true, true]
        );
        // Composed with a filter: the alleged b → c is hidden, so the focus cannot cross it.
        view.filters.hidden_statuses.insert(RelationStatus::Alleged);
        assert_eq!(
            shown(&Lens::compute(&d, &n, &view)),
            [true, true, false, false, true]
        );
    }

    #[test]
    fn focus_follows_a_relation_without_direction_either_way() {
        let (mut d, n) = chain();
        let ab = r(&d, "ab");
        d.relations[ab.0].directed = false;
        let view = focused(&d, "b", 1, Direction::Out, OutsideFocus::Hide);
        let lens = Lens::compute(&d, &n, &view);
        assert!(
            lens.shows_entity(e(&d, "a")),
            "a — b is downstream of b too"
        );
        assert!(!lens.shows_entity(e(&d, "d")));
    }

    #[test]
    fn a_faded_focus_keeps_the_neighbourhood_and_fades_the_rest() {
        let (d, n) = chain();
        let view = focused(&d, "a", 2, Direction::Both, OutsideFocus::Fade);
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.entity(e(&d, "a")), Emphasis::Selected);
        assert_eq!(lens.entity(e(&d, "b")), Emphasis::Highlighted);
        assert_eq!(lens.entity(e(&d, "c")), Emphasis::Normal);
        assert_eq!(lens.entity(e(&d, "d")), Emphasis::Faded);
    }

    #[test]
    fn compared_entities_show_what_they_share_and_the_rest_fades() {
        let (d, n) = chain();
        let compare = |selected: &str, other: &str| {
            let view = View {
                selection: Selection::Entity(e(&d, selected)),
                compared: vec![e(&d, other)],
                ..View::default()
            };
            Lens::compute(&d, &n, &view)
        };
        // B and D both reach C: C and its two relations stand out; B's other neighbours fade.
        let lens = compare("b", "d");
        let comparison = lens.comparison.clone().expect("a comparison");
        assert_eq!(comparison.shared, [e(&d, "c")]);
        assert!(comparison.between.is_empty());
        assert_eq!(lens.entity(e(&d, "b")), Emphasis::Selected);
        assert_eq!(lens.entity(e(&d, "d")), Emphasis::Selected);
        assert_eq!(lens.entity(e(&d, "c")), Emphasis::Highlighted);
        assert_eq!(lens.relation(r(&d, "bc")), Emphasis::Highlighted);
        assert_eq!(lens.relation(r(&d, "cd")), Emphasis::Highlighted);
        for (entity, relation) in [("a", "ab"), ("e", "be")] {
            assert_eq!(lens.entity(e(&d, entity)), Emphasis::Faded);
            assert_eq!(lens.relation(r(&d, relation)), Emphasis::Faded);
        }
        // A and B share nothing, and the relation between them is drawn as selected.
        let lens = compare("a", "b");
        let comparison = lens.comparison.clone().expect("a comparison");
        assert!(comparison.shared.is_empty());
        assert_eq!(comparison.between, [r(&d, "ab")]);
        assert_eq!(lens.relation(r(&d, "ab")), Emphasis::Selected);
        assert_eq!(lens.entity(e(&d, "c")), Emphasis::Faded);
        // Three members: A, C and E all reach B; A, C and D reach nothing all together,
        // but two of them, A and C, reach B.
        let view = View {
            selection: Selection::Entity(e(&d, "a")),
            compared: vec![e(&d, "c"), e(&d, "e")],
            ..View::default()
        };
        let comparison = Lens::compute(&d, &n, &view)
            .comparison
            .expect("a comparison");
        assert_eq!(comparison.shared, [e(&d, "b")]);
        assert!(comparison.shared_by_some.is_empty());
        let view = View {
            selection: Selection::Entity(e(&d, "a")),
            compared: vec![e(&d, "c"), e(&d, "d")],
            ..View::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        let comparison = lens.comparison.clone().expect("a comparison");
        assert!(comparison.shared.is_empty());
        assert_eq!(
            comparison.shared_by_some,
            [(e(&d, "b"), vec![e(&d, "a"), e(&d, "c")])]
        );
        assert_eq!(comparison.between, [r(&d, "cd")]);
        assert_eq!(lens.entity(e(&d, "b")), Emphasis::Highlighted);
        assert_eq!(lens.entity(e(&d, "e")), Emphasis::Faded);
        // Alone, B lights all its neighbours again.
        let view = View {
            selection: Selection::Entity(e(&d, "b")),
            ..View::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        assert!(lens.comparison.is_none());
        assert_eq!(lens.entity(e(&d, "a")), Emphasis::Highlighted);
    }

    #[test]
    fn a_lens_after_one_of_the_same_query_is_the_lens_computed_afresh() {
        let (dataset, network) = chain();
        let searching = View {
            search: "police".into(),
            ..View::default()
        };
        let before = Lens::compute(&dataset, &network, &searching);
        assert!(!before.hits.is_empty());
        let clicked = View {
            selection: Selection::Entity(e(&dataset, "d")),
            ..searching.clone()
        };
        let after = Lens::compute_after(&dataset, &network, &clicked, Some(("police", before)));
        assert_eq!(after, Lens::compute(&dataset, &network, &clicked));
        // A new query is searched anew, whatever the lens before found.
        let before = Lens::compute(&dataset, &network, &searching);
        let retyped = View {
            search: "employed".into(),
            ..clicked
        };
        let after = Lens::compute_after(&dataset, &network, &retyped, Some(("police", before)));
        assert_eq!(after, Lens::compute(&dataset, &network, &retyped));
        assert_ne!(
            after.hits,
            Lens::compute(&dataset, &network, &searching).hits
        );
    }

    #[test]
    fn search_hits_light_up_when_nothing_is_selected() {
        let (d, n) = chain();
        let view = View {
            search: "police".into(),
            ..View::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.relation(r(&d, "bc")), Emphasis::Highlighted);
        assert_eq!(lens.entity(e(&d, "b")), Emphasis::Highlighted);
        assert_eq!(lens.entity(e(&d, "a")), Emphasis::Faded);
        assert!(lens.fades_anything());
    }

    #[test]
    fn the_selection_highlights_its_neighbours_along_shown_relations() {
        let (d, n) = chain();
        let mut view = View {
            selection: Selection::Entity(e(&d, "b")),
            ..View::default()
        };
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.entity(e(&d, "b")), Emphasis::Selected);
        for id in ["a", "c", "e"] {
            assert_eq!(lens.entity(e(&d, id)), Emphasis::Highlighted, "{id}");
        }
        assert_eq!(lens.entity(e(&d, "d")), Emphasis::Faded);
        view.filters.hidden_entity_kinds.insert(EntityKind::Person);
        let lens = Lens::compute(&d, &n, &view);
        assert_eq!(lens.entity(e(&d, "e")), Emphasis::Hidden);
    }
}
