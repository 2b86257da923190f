//! The dataset being looked at and everything that belongs to looking at it: its layout, the
//! camera, the selection. Replaced whole when another file is opened; never persisted.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::formats::{LoadReport, Loaded};
use crate::layout::ForceLayout;
use crate::model::{Dataset, EntityIdx, Network, RelationIdx};
use crate::ui::graph_view::Camera;

/// What is selected: the side panel shows it, the graph highlights it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// One opened dataset and the state of viewing it.
pub struct Session {
    pub dataset: Dataset,
    pub report: LoadReport,
    /// The file it was read from; `None` for the built-in dataset.
    pub origin: Option<PathBuf>,
    pub network: Network,
    pub layout: ForceLayout,
    pub camera: Camera,
    pub selection: Selection,
}

impl Session {
    /// A fresh session for a loaded dataset.
    pub fn new(loaded: Loaded, origin: Option<PathBuf>) -> Self {
        let network = Network::build(&loaded.dataset);
        let layout = ForceLayout::new(&loaded.dataset);
        Self {
            dataset: loaded.dataset,
            report: loaded.report,
            origin,
            network,
            layout,
            camera: Camera::default(),
            selection: Selection::Nothing,
        }
    }

    /// Entities to draw emphasised: the selected entity and its neighbours, or the two ends of
    /// the selected relation. Empty when nothing is selected (everything drawn normally).
    pub fn highlighted_entities(&self) -> BTreeSet<EntityIdx> {
        match self.selection {
            Selection::Nothing => BTreeSet::new(),
            Selection::Entity(entity) => {
                let mut set = self.network.neighbours(entity);
                set.insert(entity);
                set
            }
            Selection::Relation(relation) => self
                .dataset
                .relation(relation)
                .map(|r| [r.source, r.target].into_iter().collect())
                .unwrap_or_default(),
        }
    }

    /// Whether a relation touches the selection (drawn emphasised).
    pub fn is_relation_highlighted(&self, relation: RelationIdx) -> bool {
        match self.selection {
            Selection::Nothing => false,
            Selection::Entity(entity) => self
                .dataset
                .relation(relation)
                .is_some_and(|r| r.source == entity || r.target == entity),
            Selection::Relation(selected) => selected == relation,
        }
    }
}
