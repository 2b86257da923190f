//! A [`View`] kept in the file it is saved to ([`SavedView`]), and the view it opens with:
//! the filters, the years, the focus, the camera, the selection, the search, and what node
//! size and colour show.

use super::{
    Camera, ColourBy, Direction, Filters, Focus, OutsideFocus, Selection, TimeWindow, View,
};
use crate::model::saved_view::{self, SavedSelection, SizeBy};
use crate::model::{Dataset, SavedView, StoryCamera, StoryFocus, StoryStep};

impl View {
    /// This view as a file keeps it, or `None` when it is the view the dataset opens with
    /// anyway (nothing hidden, selected or searched, the camera fitting the network).
    /// `opening` is that view ([`View::opening`]): a colouring it chose is not saved.
    pub fn to_saved(&self, opening: &View) -> Option<SavedView> {
        let selected = match self.selection {
            Selection::Nothing => SavedSelection::Nothing,
            Selection::Entity(e) => SavedSelection::Entity(e),
            Selection::Relation(r) => SavedSelection::Relation(r),
        };
        let camera = if self.camera.follow && self.camera.fit_only.is_none() {
            StoryCamera::FitHighlighted
        } else {
            StoryCamera::Exact {
                center: [self.camera.center.x, self.camera.center.y],
                zoom: self.camera.zoom,
            }
        };
        let size_by = match (&self.size_by_attribute, self.size_by) {
            (size, measure) if *size == opening.size_by_attribute && measure == opening.size_by => {
                None
            }
            (Some(key), _) => Some(SizeBy::Attribute(key.clone())),
            (None, measure) => Some(SizeBy::Measure(measure)),
        };
        let colour_by = (self.colour_by != opening.colour_by).then(|| match &self.colour_by {
            ColourBy::Kind => saved_view::ColourBy::Kind,
            ColourBy::Cluster => saved_view::ColourBy::Cluster,
            ColourBy::File => saved_view::ColourBy::File,
            ColourBy::Measure(measure) => saved_view::ColourBy::Measure(*measure),
            ColourBy::Attribute(key) => saved_view::ColourBy::Attribute(key.clone()),
        });
        let saved = SavedView {
            step: StoryStep {
                camera,
                dates: self.time.map(|w| w.as_dates()),
                filters: self.filters.to_story(),
                focus: match (self.focus, self.selection) {
                    (Some(focus), Selection::Entity(entity)) => Some(StoryFocus {
                        entity,
                        hops: focus.hops,
                        hide_outside: focus.outside == OutsideFocus::Hide,
                        along: focus.direction.along(),
                    }),
                    _ => None,
                },
                ..StoryStep::default()
            },
            min_documents: self.filters.min_sources,
            hide_undated: self.time.is_some_and(|w| !w.show_undated),
            keep_idle_entities: self.time.is_some_and(|w| w.keep_idle),
            selected,
            search: self.search.trim().to_owned(),
            size_by,
            colour_by,
        };
        let nothing_to_keep = SavedView {
            step: StoryStep {
                camera: StoryCamera::FitHighlighted,
                ..StoryStep::default()
            },
            min_documents: saved.min_documents.min(1),
            ..SavedView::default()
        };
        (saved != nothing_to_keep).then_some(saved)
    }

    /// The view `saved` asks for, over `opening` (the view the dataset opens with), which
    /// keeps what the file does not say.
    pub fn from_saved(dataset: &Dataset, saved: &SavedView, opening: View) -> Self {
        let step = &saved.step;
        let mut filters = Filters::from_story(&step.filters);
        filters.min_sources = saved.min_documents;
        let entity_exists = |e: crate::model::EntityIdx| e.0 < dataset.entities.len();
        let mut selection = match saved.selected {
            SavedSelection::Entity(e) if entity_exists(e) => Selection::Entity(e),
            SavedSelection::Relation(r) if r.0 < dataset.relations.len() => Selection::Relation(r),
            _ => Selection::Nothing,
        };
        // A focus is on the selection: the one it names is selected.
        let focus = step.focus.filter(|f| entity_exists(f.entity)).map(|f| {
            selection = Selection::Entity(f.entity);
            Focus {
                hops: f.hops.clamp(1, Focus::MAX_HOPS),
                direction: Direction::of(f.along),
                outside: if f.hide_outside {
                    OutsideFocus::Hide
                } else {
                    OutsideFocus::Fade
                },
            }
        });
        let camera = match step.camera {
            StoryCamera::FitHighlighted => Camera::default(),
            StoryCamera::Exact { center, zoom } => Camera {
                center: egui::pos2(center[0], center[1]),
                zoom: zoom.clamp(0.0005, super::camera::MAX_ZOOM),
                follow: false,
                fit_only: None,
                glide: false,
            },
        };
        let (size_by, size_by_attribute) = match &saved.size_by {
            None => (opening.size_by, opening.size_by_attribute.clone()),
            Some(SizeBy::Measure(measure)) => (*measure, None),
            Some(SizeBy::Attribute(key)) => (opening.size_by, Some(key.clone())),
        };
        let colour_by = match &saved.colour_by {
            None => opening.colour_by.clone(),
            Some(saved_view::ColourBy::Kind) => ColourBy::Kind,
            Some(saved_view::ColourBy::Cluster) => ColourBy::Cluster,
            Some(saved_view::ColourBy::File) => ColourBy::File,
            Some(saved_view::ColourBy::Measure(measure)) => ColourBy::Measure(*measure),
            Some(saved_view::ColourBy::Attribute(key)) => ColourBy::Attribute(key.clone()),
        };
        Self {
            selection,
            search: saved.search.clone(),
            filters,
            time: step.dates.map(|(from, to)| TimeWindow {
                keep_idle: saved.keep_idle_entities,
                ..TimeWindow::between(from, to, !saved.hide_undated)
            }),
            focus,
            size_by,
            size_by_attribute,
            colour_by,
            camera,
            ..opening
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measures::Measure;
    use crate::model::{Days, EntityIdx, EntityKind, RelationStatus};

    #[test]
    fn a_view_saved_and_opened_again_is_the_view_it_was() {
        let dataset = crate::formats::load_builtin().unwrap().dataset;
        let opening = View::opening(&dataset);
        assert_eq!(opening.to_saved(&opening), None, "nothing to keep");
        let huawei = dataset.entity_by_name("Huawei").unwrap();
        let mut view = opening.clone();
        view.selection = Selection::Entity(huawei);
        view.search = "police".into();
        view.filters.hidden_entity_kinds.insert(EntityKind::Person);
        view.filters.hidden_statuses.insert(RelationStatus::Denied);
        view.filters.min_sources = 2;
        view.time = Some(TimeWindow {
            keep_idle: true,
            ..TimeWindow::between(Days::year(2012), Days::year(2018), false)
        });
        view.focus = Some(Focus {
            hops: 2,
            direction: Direction::Out,
            outside: OutsideFocus::Hide,
        });
        view.size_by = Measure::PageRank;
        view.colour_by = ColourBy::Cluster;
        view.camera = Camera {
            center: egui::pos2(12.5, -40.0),
            zoom: 0.75,
            follow: false,
            fit_only: None,
            glide: false,
        };
        let saved = view.to_saved(&opening).expect("something to keep");
        assert_eq!(View::from_saved(&dataset, &saved, opening.clone()), view);
        // A relation selected, sized by an attribute.
        let mut view = opening.clone();
        view.selection = Selection::Relation(crate::model::RelationIdx(3));
        view.size_by_attribute = Some("employees".into());
        let saved = view.to_saved(&opening).expect("something to keep");
        assert_eq!(View::from_saved(&dataset, &saved, opening.clone()), view);
        // Only panned: the camera is kept.
        let mut view = opening.clone();
        view.camera.follow = false;
        view.camera.center = egui::pos2(1.0, 2.0);
        assert!(view.to_saved(&opening).is_some());
        // What names nothing in this dataset is not selected.
        let saved = SavedView {
            selected: SavedSelection::Entity(EntityIdx(dataset.entities.len())),
            ..SavedView::default()
        };
        let opened = View::from_saved(&dataset, &saved, opening.clone());
        assert_eq!(opened.selection, Selection::Nothing);
    }
}
