//! What the user is looking at, as one small value: the selection and the camera. It is
//! changed by [`View::apply`] (and, for now, by the graph view's pan, zoom and drag gestures);
//! it depends on the model only, never on the session or on egui's `Ui`, so the panels, the
//! painter and the tests all read the same thing. See ARCHITECTURE.md for where it grows.

use std::collections::BTreeSet;

use crate::model::{Dataset, EntityIdx, Network, RelationIdx};

mod camera;

pub use camera::Camera;

/// What is selected: the side panel shows it, the graph highlights it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// The state of looking at one dataset. Replaced by a fresh one when another file opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub selection: Selection,
    pub camera: Camera,
}

/// A change to the [`View`].
#[derive(Clone, Debug, PartialEq)]
pub enum ViewCommand {
    /// Change what the side panel shows and the graph highlights.
    Select(Selection),
    /// Keep the whole network in view.
    FitAll,
    /// Put this layout point at the centre of the view, zoomed in at least to `min_zoom`
    /// (screen points per layout unit), and stop following the whole network.
    CenterOn { point: egui::Pos2, min_zoom: f32 },
}

impl View {
    /// Carries out `command`.
    pub fn apply(&mut self, command: &ViewCommand) {
        match command {
            ViewCommand::Select(selection) => self.selection = *selection,
            ViewCommand::FitAll => self.camera.follow = true,
            ViewCommand::CenterOn { point, min_zoom } => {
                self.camera.center = *point;
                self.camera.zoom = self.camera.zoom.max(*min_zoom);
                self.camera.follow = false;
            }
        }
    }

    /// Entities to draw emphasised: the selected entity and its neighbours, or the two ends
    /// of the selected relation. Empty when nothing is selected (everything drawn normally).
    pub fn highlighted_entities(
        &self,
        dataset: &Dataset,
        network: &Network,
    ) -> BTreeSet<EntityIdx> {
        match self.selection {
            Selection::Nothing => BTreeSet::new(),
            Selection::Entity(entity) => {
                let mut set = network.neighbours(entity);
                set.insert(entity);
                set
            }
            Selection::Relation(relation) => dataset
                .relation(relation)
                .map(|r| [r.source, r.target].into_iter().collect())
                .unwrap_or_default(),
        }
    }

    /// Whether a relation touches the selection (drawn emphasised).
    pub fn is_relation_highlighted(&self, dataset: &Dataset, relation: RelationIdx) -> bool {
        match self.selection {
            Selection::Nothing => false,
            Selection::Entity(entity) => dataset
                .relation(relation)
                .is_some_and(|r| r.source == entity || r.target == entity),
            Selection::Relation(selected) => selected == relation,
        }
    }
}

#[cfg(test)]
mod tests {
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
        });
        assert_eq!(view.camera.center, egui::pos2(10.0, -4.0));
        assert_eq!(view.camera.zoom, 2.0);
        assert!(!view.camera.follow);
    }

    #[test]
    fn a_selected_entity_highlights_its_neighbours_and_its_relations() {
        let dataset = crate::formats::load_builtin()
            .expect("built-in dataset")
            .dataset;
        let network = Network::build(&dataset);
        let ibm = dataset.entity_by_name("IBM").expect("IBM");
        let mut view = View::default();
        assert!(view.highlighted_entities(&dataset, &network).is_empty());
        view.apply(&ViewCommand::Select(Selection::Entity(ibm)));
        let highlighted = view.highlighted_entities(&dataset, &network);
        assert!(highlighted.contains(&ibm));
        assert_eq!(highlighted.len(), network.neighbours(ibm).len() + 1);
        for (r, relation) in dataset.relations.iter().enumerate() {
            let touches = relation.source == ibm || relation.target == ibm;
            assert_eq!(
                view.is_relation_highlighted(&dataset, RelationIdx(r)),
                touches
            );
        }
    }
}
