//! Playing a story: which step is shown and how much of it is revealed ([`Presenter`]), and
//! the [`View`] a step asks for (its spotlight, years, filters, focus and camera).

use super::{
    Camera, Direction, Filters, Focus, OutsideFocus, Selection, Spotlight, TimeWindow, View,
};
use crate::model::{
    Along, Dataset, EntityIdx, RelationIdx, Story, StoryCamera, StoryFilters, StoryStep,
};

/// Where a story being played stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presenter {
    /// Index of the story in the dataset.
    pub story: usize,
    /// Index of the step shown.
    pub step: usize,
    /// In a step that reveals its relations one by one, how many are shown.
    pub revealed: usize,
}

impl Presenter {
    /// The first step of story `story`, if it has any.
    pub fn start(dataset: &Dataset, story: usize) -> Option<Self> {
        let first = dataset.stories.get(story)?.steps.first()?;
        Some(Self {
            story,
            step: 0,
            revealed: Self::first_reveal(first),
        })
    }

    /// Step `step` of story `story` (clamped to the story's steps).
    pub fn at(dataset: &Dataset, story: usize, step: usize) -> Option<Self> {
        let steps = &dataset.stories.get(story)?.steps;
        let step = step.min(steps.len().checked_sub(1)?);
        let shown = steps.get(step)?;
        Some(Self {
            story,
            step,
            revealed: Self::first_reveal(shown),
        })
    }

    /// A step that reveals its relations starts with the first one shown.
    fn first_reveal(step: &StoryStep) -> usize {
        if step.reveal {
            1.min(step.relations.len())
        } else {
            step.relations.len()
        }
    }

    /// The story played.
    pub fn story<'a>(&self, dataset: &'a Dataset) -> Option<&'a Story> {
        dataset.stories.get(self.story)
    }

    /// The step shown.
    pub fn current<'a>(&self, dataset: &'a Dataset) -> Option<&'a StoryStep> {
        self.story(dataset)?.steps.get(self.step)
    }

    /// Whether [`Self::next`] would move: not at the story's last link of its last step.
    pub fn has_next(&self, dataset: &Dataset) -> bool {
        let mut further = *self;
        further.next(dataset)
    }

    /// Reveals the step's next relation, or moves to the next step. `false` at the end.
    pub fn next(&mut self, dataset: &Dataset) -> bool {
        let Some(step) = self.current(dataset) else {
            return false;
        };
        if self.revealed < step.relations.len() {
            self.revealed += 1;
            return true;
        }
        match Self::at(dataset, self.story, self.step + 1) {
            Some(next) if next.step != self.step => {
                *self = next;
                true
            }
            _ => false,
        }
    }

    /// Whether [`Self::previous`] would move: not at the story's first step as it opens.
    pub fn has_previous(&self, dataset: &Dataset) -> bool {
        let mut back = *self;
        back.previous(dataset)
    }

    /// Takes back the link a step revealed last; at a step as it opens, goes back to the
    /// previous step (wholly revealed). `false` at the start. A presenter who pressed → once
    /// too many had lost the whole step.
    pub fn previous(&mut self, dataset: &Dataset) -> bool {
        if let Some(step) = self.current(dataset)
            && self.revealed > Self::first_reveal(step)
        {
            self.revealed -= 1;
            return true;
        }
        if self.step == 0 {
            return false;
        }
        let Some(previous) = self.story(dataset).and_then(|s| s.steps.get(self.step - 1)) else {
            return false;
        };
        self.step -= 1;
        self.revealed = previous.relations.len();
        true
    }

    /// The view this step asks for, keeping what `base` says about sizes and colours.
    pub fn view(&self, dataset: &Dataset, base: &View) -> Option<View> {
        let step = self.current(dataset)?;
        let before = self.step.checked_sub(1);
        let previous = before.and_then(|k| self.story(dataset)?.steps.get(k));
        Some(View::for_story_step(
            dataset,
            (step, previous),
            self.revealed,
            base,
        ))
    }
}

impl View {
    /// The view of a story `step` with its first `revealed` relations shown (all of them when
    /// the step does not reveal them one by one), keeping `base`'s node sizes and colours.
    /// `previous`, the step before it, tells which of its links are new.
    pub fn for_story_step(
        dataset: &Dataset,
        (step, previous): (&StoryStep, Option<&StoryStep>),
        revealed: usize,
        base: &View,
    ) -> Self {
        let revealed = if step.reveal {
            revealed.min(step.relations.len())
        } else {
            step.relations.len()
        };
        let (shown, withheld) = step.relations.split_at(revealed);
        let exists_r = |r: &&RelationIdx| r.0 < dataset.relations.len();
        let exists_e = |e: &&EntityIdx| e.0 < dataset.entities.len();
        let mut entities: Vec<EntityIdx> = step.entities.iter().filter(exists_e).copied().collect();
        if step.reveal {
            // Entities come into the light with the relations that reveal them.
            let withheld_ends: Vec<EntityIdx> = withheld
                .iter()
                .filter_map(|r| dataset.relation(*r))
                .flat_map(|r| [r.source, r.target])
                .collect();
            let shown_ends: Vec<EntityIdx> = shown
                .iter()
                .filter_map(|r| dataset.relation(*r))
                .flat_map(|r| [r.source, r.target])
                .collect();
            entities.retain(|e| !withheld_ends.contains(e) || shown_ends.contains(e));
        }
        let relations: Vec<RelationIdx> = shown.iter().filter(exists_r).copied().collect();
        let fresh = if step.reveal {
            relations.last().copied().into_iter().collect()
        } else {
            let before: &[RelationIdx] = previous.map_or(&[], |p| &p.relations);
            relations
                .iter()
                .filter(|r| !before.contains(r))
                .copied()
                .collect()
        };
        let spotlight = Spotlight {
            entities,
            relations,
            withheld: withheld.iter().filter(exists_r).copied().collect(),
            fresh,
        };
        let filters = Filters::from_story(&step.filters);
        let (selection, focus) = match step.focus {
            Some(focus) if focus.entity.0 < dataset.entities.len() => (
                Selection::Entity(focus.entity),
                Some(Focus {
                    hops: focus.hops.clamp(1, 3),
                    direction: Direction::of(focus.along),
                    outside: if focus.hide_outside {
                        OutsideFocus::Hide
                    } else {
                        OutsideFocus::Fade
                    },
                }),
            ),
            _ => (Selection::Nothing, None),
        };
        let camera = match step.camera {
            StoryCamera::FitHighlighted => {
                // The whole step is framed, links still to come included, so that the camera
                // holds still while they are revealed one by one.
                let mut in_view: Vec<EntityIdx> =
                    step.entities.iter().filter(exists_e).copied().collect();
                in_view.extend(
                    spotlight
                        .relations
                        .iter()
                        .chain(&spotlight.withheld)
                        .filter_map(|r| dataset.relation(*r))
                        .flat_map(|r| [r.source, r.target]),
                );
                in_view.sort_unstable();
                in_view.dedup();
                Camera {
                    follow: true,
                    fit_only: Some(in_view),
                    glide: true,
                    ..Camera::default()
                }
            }
            StoryCamera::Exact { center, zoom } => Camera {
                center: egui::pos2(center[0], center[1]),
                zoom: zoom.clamp(0.0005, super::camera::MAX_ZOOM),
                follow: false,
                fit_only: None,
                glide: true,
            },
        };
        Self {
            selection,
            filters,
            time: step
                .dates
                .map(|(from, to)| TimeWindow::between(from, to, true)),
            focus,
            spotlight: Some(spotlight),
            camera,
            size_by: base.size_by,
            size_by_attribute: base.size_by_attribute.clone(),
            colour_by: base.colour_by.clone(),
            ..Self::default()
        }
    }

    /// A story step that shows what this view shows: what it emphasises (or, if nothing, the
    /// selection), its years, hidden kinds, statuses and countries, its focus, and the camera
    /// as it is.
    pub fn to_story_step(&self, lens: &super::Lens, dataset: &Dataset) -> StoryStep {
        let entities: Vec<EntityIdx> = (0..dataset.entities.len())
            .map(EntityIdx)
            .filter(|&e| lens.entity(e) >= super::Emphasis::Highlighted)
            .collect();
        let relations: Vec<RelationIdx> = (0..dataset.relations.len())
            .map(RelationIdx)
            .filter(|&r| lens.relation(r) >= super::Emphasis::Highlighted)
            .collect();
        let title = match self.selection {
            Selection::Entity(e) => dataset.entity(e).map(|e| e.name.clone()),
            Selection::Relation(r) => dataset.relation(r).map(|r| r.display_label().to_owned()),
            Selection::Nothing => None,
        }
        .unwrap_or_else(|| "New step".to_owned());
        StoryStep {
            title,
            caption: String::new(),
            entities,
            relations,
            camera: if self.camera.follow && self.camera.fit_only.is_none() {
                StoryCamera::FitHighlighted
            } else {
                StoryCamera::Exact {
                    center: [self.camera.center.x, self.camera.center.y],
                    zoom: self.camera.zoom,
                }
            },
            dates: self.time.map(|w| w.as_dates()),
            filters: self.filters.to_story(),
            focus: match (self.focus, self.selection) {
                (Some(focus), Selection::Entity(entity)) => Some(crate::model::StoryFocus {
                    entity,
                    hops: focus.hops,
                    hide_outside: focus.outside == OutsideFocus::Hide,
                    along: focus.direction.along(),
                }),
                _ => None,
            },
            reveal: false,
        }
    }
}

impl Direction {
    /// The way a saved focus follows relations ([`Along`], the model's words for it).
    pub(super) fn of(along: Along) -> Self {
        match along {
            Along::Both => Self::Both,
            Along::Out => Self::Out,
            Along::In => Self::In,
        }
    }

    pub(super) fn along(self) -> Along {
        match self {
            Self::Both => Along::Both,
            Self::Out => Along::Out,
            Self::In => Along::In,
        }
    }
}

impl Filters {
    /// The filters a story step asks for.
    pub(super) fn from_story(story: &StoryFilters) -> Self {
        Self {
            hidden_entity_kinds: story.hidden_entity_kinds.iter().copied().collect(),
            hidden_relation_kinds: story.hidden_relation_kinds.iter().copied().collect(),
            hidden_relation_phrases: story.hidden_relation_phrases.iter().cloned().collect(),
            shown_only_relation_phrases: story
                .shown_only_relation_phrases
                .as_ref()
                .map(|only| only.iter().cloned().collect()),
            hidden_statuses: story.hidden_statuses.iter().copied().collect(),
            hidden_countries: story.hidden_countries.iter().cloned().collect(),
            min_sources: 0,
            hidden_attribute_values: story
                .hidden_attribute_values
                .iter()
                .map(|(key, values)| (key.clone(), values.iter().cloned().collect()))
                .collect(),
            attribute_ranges: story.attribute_ranges.clone(),
        }
    }

    /// These filters as a story step keeps them (all but the number of sources).
    pub(super) fn to_story(&self) -> StoryFilters {
        StoryFilters {
            hidden_entity_kinds: self.hidden_entity_kinds.iter().copied().collect(),
            hidden_relation_kinds: self.hidden_relation_kinds.iter().copied().collect(),
            hidden_relation_phrases: self.hidden_relation_phrases.iter().cloned().collect(),
            shown_only_relation_phrases: self
                .shown_only_relation_phrases
                .as_ref()
                .map(|only| only.iter().cloned().collect()),
            hidden_statuses: self.hidden_statuses.iter().copied().collect(),
            hidden_countries: self.hidden_countries.iter().cloned().collect(),
            hidden_attribute_values: self
                .hidden_attribute_values
                .iter()
                .filter(|(_, values)| !values.is_empty())
                .map(|(key, values)| (key.clone(), values.iter().cloned().collect()))
                .collect(),
            attribute_ranges: self.attribute_ranges.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_networks::network_of;
    use crate::model::{Days, EntityKind, Network, RelationStatus, StoryFilters, StoryFocus};
    use crate::view::{Emphasis, Lens};

    /// A → B → C → D, and a story of three steps, the second revealing two relations in turn.
    fn told() -> Dataset {
        let mut dataset = network_of(&[
            ("ab", "A", "supplied", "B", "reported"),
            ("bc", "B", "built", "C", "claimed"),
            ("cd", "C", "deployed_in", "D", "reported"),
        ]);
        for (relation, year) in dataset.relations.iter_mut().zip(["2010", "2014", "2018"]) {
            relation.when.date = Some(year.to_owned());
        }
        let step = |title: &str, relations: &[usize]| StoryStep {
            title: title.to_owned(),
            caption: format!("{title} caption"),
            relations: relations.iter().map(|&r| RelationIdx(r)).collect(),
            ..StoryStep::default()
        };
        dataset.stories.push(Story {
            title: "Chain".to_owned(),
            steps: vec![
                step("one", &[0]),
                StoryStep {
                    reveal: true,
                    ..step("two", &[1, 2])
                },
                StoryStep {
                    dates: Some((Days::year(2015), Days::year(2020))),
                    filters: StoryFilters {
                        hidden_statuses: vec![RelationStatus::Claimed],
                        ..StoryFilters::default()
                    },
                    focus: Some(StoryFocus {
                        entity: EntityIdx(3),
                        hops: 1,
                        hide_outside: true,
                        along: Along::Both,
                    }),
                    ..step("three", &[2])
                },
            ],
        });
        dataset
    }

    fn lens_of(dataset: &Dataset, view: &View) -> Lens {
        Lens::compute(dataset, &Network::build(dataset), view)
    }

    #[test]
    fn next_reveals_within_a_step_then_moves_on_and_previous_goes_back() {
        let dataset = told();
        let mut presenter = Presenter::start(&dataset, 0).unwrap();
        let mut seen = vec![(presenter.step, presenter.revealed)];
        assert!(presenter.has_next(&dataset));
        while presenter.next(&dataset) {
            seen.push((presenter.step, presenter.revealed));
        }
        assert_eq!(seen, vec![(0, 1), (1, 1), (1, 2), (2, 1)]);
        assert!(!presenter.has_next(&dataset), "the end");
        assert!(presenter.previous(&dataset));
        assert_eq!(
            (presenter.step, presenter.revealed),
            (1, 2),
            "back: all revealed"
        );
        assert!(presenter.previous(&dataset));
        assert_eq!(
            (presenter.step, presenter.revealed),
            (1, 1),
            "back within a step: its last link taken back"
        );
        assert!(presenter.has_previous(&dataset));
        assert!(presenter.previous(&dataset));
        assert_eq!((presenter.step, presenter.revealed), (0, 1));
        assert!(!presenter.has_previous(&dataset));
        assert!(!presenter.previous(&dataset), "at the start");
        assert!(Presenter::start(&Dataset::default(), 0).is_none());
    }

    #[test]
    fn a_step_lights_its_relations_and_withholds_those_not_yet_revealed() {
        let dataset = told();
        let mut presenter = Presenter::start(&dataset, 0).unwrap();
        presenter.next(&dataset);
        let view = presenter.view(&dataset, &View::default()).unwrap();
        let lens = lens_of(&dataset, &view);
        assert_eq!(lens.relation(RelationIdx(1)), Emphasis::Highlighted);
        assert_eq!(
            lens.relation(RelationIdx(2)),
            Emphasis::Hidden,
            "not yet revealed"
        );
        assert!(
            lens.only_withheld,
            "all that is hidden is the step's to reveal"
        );
        assert_eq!(lens.relation(RelationIdx(0)), Emphasis::Faded);
        assert_eq!(lens.entity(EntityIdx(0)), Emphasis::Faded);
        assert_eq!(lens.entity(EntityIdx(2)), Emphasis::Highlighted);
        assert!(view.camera.follow && view.camera.glide);
        assert_eq!(
            view.camera.fit_only,
            Some(vec![EntityIdx(1), EntityIdx(2), EntityIdx(3)]),
            "the whole step is framed, D still to come included"
        );
        presenter.next(&dataset);
        let revealed = presenter.view(&dataset, &View::default()).unwrap();
        assert_eq!(
            revealed.camera.fit_only, view.camera.fit_only,
            "the camera holds still while the step's links are revealed"
        );
        let lens = lens_of(&dataset, &revealed);
        assert_eq!(
            lens.relation(RelationIdx(2)),
            Emphasis::Selected,
            "the link just revealed stands out"
        );
        assert_eq!(lens.relation(RelationIdx(1)), Emphasis::Highlighted);
        assert_eq!(lens.entity(EntityIdx(3)), Emphasis::Highlighted);
        assert!(!lens.only_withheld, "nothing is hidden");
    }

    #[test]
    fn a_step_marks_the_links_it_brings_into_the_light() {
        use Emphasis::{Faded, Hidden, Highlighted, Selected};
        let mut dataset = told();
        let whole = |relations: &[usize]| StoryStep {
            relations: relations.iter().map(|&r| RelationIdx(r)).collect(),
            ..StoryStep::default()
        };
        dataset.stories.push(Story {
            title: "Growing".to_owned(),
            steps: vec![whole(&[0]), whole(&[0, 1]), whole(&[1, 0])],
        });
        let at = |story: usize, step: usize, revealed: Option<usize>| {
            let mut presenter = Presenter::at(&dataset, story, step).unwrap();
            if let Some(revealed) = revealed {
                presenter.revealed = revealed;
            }
            let view = presenter.view(&dataset, &View::default()).unwrap();
            let fresh = view.spotlight.as_ref().unwrap().fresh.clone();
            let lens = lens_of(&dataset, &view);
            let emphasis = (0..3).map(|r| lens.relation(RelationIdx(r))).collect();
            (fresh, emphasis)
        };
        // The first step's link is new, but with nothing old beside it, nothing stands out.
        assert_eq!(
            at(1, 0, None),
            (vec![RelationIdx(0)], vec![Highlighted, Faded, Faded])
        );
        // The second adds B → C to A → B.
        assert_eq!(
            at(1, 1, None),
            (vec![RelationIdx(1)], vec![Highlighted, Selected, Faded])
        );
        // The third lights the same links in another order: nothing new.
        assert_eq!(
            at(1, 2, None),
            (vec![], vec![Highlighted, Highlighted, Faded])
        );
        // A step that reveals its links one by one marks the last one revealed.
        assert_eq!(
            at(0, 1, Some(1)),
            (vec![RelationIdx(1)], vec![Faded, Highlighted, Hidden])
        );
        assert_eq!(
            at(0, 1, Some(2)),
            (vec![RelationIdx(2)], vec![Faded, Highlighted, Selected])
        );
    }

    #[test]
    fn a_step_applies_its_years_filters_and_focus() {
        let dataset = told();
        let presenter = Presenter::at(&dataset, 0, 2).unwrap();
        let view = presenter.view(&dataset, &View::default()).unwrap();
        assert_eq!(view.selection, Selection::Entity(EntityIdx(3)));
        let lens = lens_of(&dataset, &view);
        // 2010 is outside the years; the claimed one is filtered; D's 1-hop focus keeps C.
        assert_eq!(lens.relation(RelationIdx(0)), Emphasis::Hidden);
        assert_eq!(lens.relation(RelationIdx(1)), Emphasis::Hidden);
        assert!(lens.shows_relation(RelationIdx(2)));
        assert!(
            !lens.shows_entity(EntityIdx(0)),
            "outside the focus, hidden"
        );
    }

    #[test]
    fn the_current_view_becomes_a_step_that_shows_it_again() {
        let dataset = told();
        let mut view = View {
            selection: Selection::Entity(EntityIdx(1)),
            ..View::default()
        };
        view.filters.hidden_entity_kinds.insert(EntityKind::Country);
        view.filters
            .hidden_relation_phrases
            .insert("board member of".to_owned());
        view.filters.shown_only_relation_phrases = Some(["owns".to_owned()].into());
        view.filters.hidden_countries.insert("CN".to_owned());
        view.filters
            .hidden_attribute_values
            .insert("sector".to_owned(), ["defence".to_owned()].into());
        view.filters
            .attribute_ranges
            .insert("employees".to_owned(), (10.0, 500.0));
        view.camera.release();
        view.camera.center = egui::pos2(3.0, 4.0);
        let lens = lens_of(&dataset, &view);
        let step = view.to_story_step(&lens, &dataset);
        assert_eq!(step.title, "B");
        assert_eq!(step.relations, vec![RelationIdx(0), RelationIdx(1)]);
        assert!(step.entities.contains(&EntityIdx(0)) && step.entities.contains(&EntityIdx(2)));
        assert_eq!(
            step.camera,
            StoryCamera::Exact {
                center: [3.0, 4.0],
                zoom: 1.0
            }
        );
        let again = View::for_story_step(&dataset, (&step, None), 0, &View::default());
        // Every filter the view had comes back with the step, the file's own kinds, the
        // countries and the attribute filters too.
        assert_eq!(again.filters, view.filters);
        let lens_again = lens_of(&dataset, &again);
        for r in 0..3 {
            assert_eq!(
                lens_again.relation(RelationIdx(r)) >= Emphasis::Highlighted,
                lens.relation(RelationIdx(r)) >= Emphasis::Highlighted
            );
        }
    }
}
