//! The dataset as a petgraph graph of ids, for structural questions: who is linked to whom,
//! which relations touch an entity; and each relation's dates, parsed once. Built once per
//! loaded dataset; read-only afterwards.

use std::collections::BTreeSet;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Dataset, Days, EntityIdx, RelationIdx};

/// Directed graph whose node `i` is entity `i` and whose edges carry relation indices.
#[derive(Clone, Debug, Default)]
pub struct Network {
    graph: DiGraph<EntityIdx, RelationIdx>,
    /// Each relation's days ([`super::When::days`]), by relation index: the lens reads them
    /// on every change of the view, and parsing half a million dates each time had doubled
    /// a click's cost at 100,000 entities.
    days: Vec<Option<Days>>,
}

impl Network {
    /// Builds the graph of `dataset`. Node indices equal entity indices.
    pub fn build(dataset: &Dataset) -> Self {
        let mut graph = DiGraph::with_capacity(dataset.entities.len(), dataset.relations.len());
        for idx in 0..dataset.entities.len() {
            graph.add_node(EntityIdx(idx));
        }
        for (idx, relation) in dataset.relations.iter().enumerate() {
            graph.add_edge(
                NodeIndex::new(relation.source.0),
                NodeIndex::new(relation.target.0),
                RelationIdx(idx),
            );
        }
        let days = dataset.relations.iter().map(|r| r.when.days()).collect();
        Self { graph, days }
    }

    /// The days `relation` covers, as [`super::When::days`] reads them; `None` undated.
    pub fn days(&self, relation: RelationIdx) -> Option<Days> {
        self.days.get(relation.0).copied().flatten()
    }

    /// Each relation's source and target, in relation order: the lens's passes over half a
    /// million relations read them here, packed, rather than from the relations themselves.
    pub fn ends(&self) -> impl Iterator<Item = (EntityIdx, EntityIdx)> + '_ {
        self.graph.raw_edges().iter().map(|edge| {
            (
                EntityIdx(edge.source().index()),
                EntityIdx(edge.target().index()),
            )
        })
    }

    /// Relations leaving `entity` (it is their source), in dataset order.
    pub fn outgoing(&self, entity: EntityIdx) -> Vec<RelationIdx> {
        self.relations(entity, Direction::Outgoing)
    }

    /// Relations arriving at `entity` (it is their target), in dataset order.
    pub fn incoming(&self, entity: EntityIdx) -> Vec<RelationIdx> {
        self.relations(entity, Direction::Incoming)
    }

    /// Relations touching `entity` either way (a relation with itself once), in dataset order.
    pub fn incident(&self, entity: EntityIdx) -> Vec<RelationIdx> {
        let mut relations = self.outgoing(entity);
        relations.extend(self.incoming(entity));
        relations.sort_unstable();
        relations.dedup();
        relations
    }

    /// Relations joining `a` and `b`, either way, in dataset order.
    pub fn between(&self, a: EntityIdx, b: EntityIdx) -> Vec<RelationIdx> {
        let (a, b) = (NodeIndex::new(a.0), NodeIndex::new(b.0));
        let mut relations: Vec<RelationIdx> = self
            .graph
            .edges_connecting(a, b)
            .chain(self.graph.edges_connecting(b, a))
            .map(|edge| *edge.weight())
            .collect();
        relations.sort_unstable();
        relations.dedup();
        relations
    }

    /// Entities linked to `entity` by a relation in either direction, excluding itself.
    pub fn neighbours(&self, entity: EntityIdx) -> BTreeSet<EntityIdx> {
        let node = NodeIndex::new(entity.0);
        if self.graph.node_weight(node).is_none() {
            return BTreeSet::new();
        }
        self.graph
            .neighbors_undirected(node)
            .filter_map(|n| self.graph.node_weight(n).copied())
            .filter(|&n| n != entity)
            .collect()
    }

    /// Number of relations touching `entity`, both directions.
    pub fn degree(&self, entity: EntityIdx) -> usize {
        let node = NodeIndex::new(entity.0);
        if self.graph.node_weight(node).is_none() {
            return 0;
        }
        self.graph.edges_directed(node, Direction::Outgoing).count()
            + self.graph.edges_directed(node, Direction::Incoming).count()
    }

    fn relations(&self, entity: EntityIdx, direction: Direction) -> Vec<RelationIdx> {
        let node = NodeIndex::new(entity.0);
        if self.graph.node_weight(node).is_none() {
            return Vec::new();
        }
        let mut relations: Vec<RelationIdx> = self
            .graph
            .edges_directed(node, direction)
            .map(|edge| *edge.weight())
            .collect();
        relations.sort_unstable();
        relations
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_relations_days_are_read_once_as_its_dates_say() {
        let mut dataset = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("bc", "b", "supplied", "c", "reported"),
            ("cd", "c", "supplied", "d", "reported"),
        ]);
        dataset.relations[0].when.date = Some("2014-03".to_owned());
        dataset.relations[1].when.start = Some("2016".to_owned());
        let network = Network::build(&dataset);
        for (i, relation) in dataset.relations.iter().enumerate() {
            assert_eq!(network.days(RelationIdx(i)), relation.when.days(), "{i}");
        }
        assert!(network.days(RelationIdx(0)).is_some());
        assert_eq!(network.days(RelationIdx(2)), None, "undated");
        assert_eq!(network.days(RelationIdx(3)), None, "no such relation");
    }

    #[test]
    fn between_gives_every_relation_joining_two_entities_either_way() {
        let dataset = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("bc", "b", "supplied", "c", "reported"),
            ("ba", "b", "funded", "a", "reported"),
            ("ab2", "a", "consulted_for", "b", "reported"),
        ]);
        let network = Network::build(&dataset);
        let (a, b) = (
            dataset.entity_by_id("a").unwrap(),
            dataset.entity_by_id("b").unwrap(),
        );
        let ids = |relations: Vec<RelationIdx>| -> Vec<String> {
            relations
                .into_iter()
                .map(|r| dataset.relations[r.0].relation_id.clone())
                .collect()
        };
        assert_eq!(ids(network.between(a, b)), ["ab", "ba", "ab2"]);
        assert_eq!(network.between(b, a), network.between(a, b));
        let c = dataset.entity_by_id("c").unwrap();
        assert!(network.between(a, c).is_empty());
    }
}
