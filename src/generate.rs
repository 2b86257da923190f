//! Synthetic networks for benchmarks and demos: seeded, so anyone can reproduce a figure.
//! Nodes fall into communities of different sizes; each edge joins two nodes of the same
//! community most of the time, and prefers nodes that already have many links (preferential
//! attachment), giving the heavy-tailed degrees and planted clusters of real supply chains.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Dataset, Entity, EntityIdx, EntityKind, Metadata, Relation, RelationKind, RelationStatus, When,
};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphSpec {
    pub nodes: usize,
    pub edges: usize,
    /// Number of planted communities; 0 picks about one per 50 nodes.
    pub communities: usize,
    pub seed: u64,
}

/// Share of edges that stay within their community.
const WITHIN_COMMUNITY: f64 = 0.9;

/// Generates a network to `spec`. The same spec always gives the same network.
pub fn generate(spec: GraphSpec) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let nodes = spec.nodes;
    let communities = if spec.communities == 0 {
        (nodes / 50).max(1)
    } else {
        spec.communities.min(nodes.max(1))
    };
    let community_of: Vec<usize> = (0..nodes).map(|i| i % communities).collect();
    // Members of each community, and every endpoint drawn so far in it: drawing uniformly from
    // the endpoint list picks nodes in proportion to their degree.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); communities];
    for (node, &community) in community_of.iter().enumerate() {
        if let Some(list) = members.get_mut(community) {
            list.push(node);
        }
    }
    let mut endpoints: Vec<Vec<usize>> = members.clone();
    let mut all_endpoints: Vec<usize> = (0..nodes).collect();

    let kinds = [
        EntityKind::Company,
        EntityKind::GovernmentBody,
        EntityKind::City,
        EntityKind::Person,
        EntityKind::Organization,
    ];
    let entities = (0..nodes)
        .map(|i| Entity {
            entity_id: format!("n{i}"),
            name: format!("Node {i}"),
            kind: kinds[i % kinds.len()],
            aliases: Vec::new(),
            country: None,
            description: None,
            url: None,
            attributes: BTreeMap::from([("community".to_owned(), community_of[i].to_string())]),
        })
        .collect();

    let relation_kinds = [
        RelationKind::Supplied,
        RelationKind::PartneredWith,
        RelationKind::Funded,
        RelationKind::CustomerOf,
    ];
    let mut relations = Vec::with_capacity(spec.edges);
    if nodes > 0 {
        for e in 0..spec.edges {
            // Half the sources are drawn by degree too, so hubs emerge on both ends.
            let source = if rng.random_bool(0.5) {
                rng.random_range(0..nodes)
            } else {
                all_endpoints[rng.random_range(0..all_endpoints.len())]
            };
            let community = if rng.random_bool(WITHIN_COMMUNITY) {
                community_of[source]
            } else {
                rng.random_range(0..communities)
            };
            let pool = &endpoints[community];
            let target = pool[rng.random_range(0..pool.len())];
            endpoints[community].push(target);
            endpoints[community_of[source]].push(source);
            all_endpoints.push(source);
            all_endpoints.push(target);
            relations.push(Relation {
                relation_id: format!("e{e}"),
                source: EntityIdx(source),
                target: EntityIdx(target),
                kind: relation_kinds[e % relation_kinds.len()],
                label: None,
                when: When::default(),
                status: RelationStatus::Reported,
                evidence: Vec::new(),
                directed: true,
                weight: Some(f64::from(rng.random_range(1..=10_u8))),
                attributes: BTreeMap::new(),
            });
        }
    }
    Dataset {
        metadata: Metadata {
            title: format!(
                "Generated network: {nodes} nodes, {} edges, seed {}",
                spec.edges, spec.seed
            ),
            description: Some(format!(
                "{communities} planted communities; made by chainsight generate"
            )),
            ..Metadata::default()
        },
        sources: Vec::new(),
        entities,
        relations,
        positions: Vec::new(),
        stories: Vec::new(),
        view: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_network() {
        let spec = GraphSpec {
            nodes: 200,
            edges: 800,
            communities: 0,
            seed: 7,
        };
        assert_eq!(generate(spec), generate(spec));
        assert_ne!(generate(spec), generate(GraphSpec { seed: 8, ..spec }));
    }

    #[test]
    fn sizes_and_communities_are_as_asked() {
        let d = generate(GraphSpec {
            nodes: 1000,
            edges: 5000,
            communities: 10,
            seed: 1,
        });
        assert_eq!(d.entities.len(), 1000);
        assert_eq!(d.relations.len(), 5000);
        let within = d
            .relations
            .iter()
            .filter(|r| {
                d.entities[r.source.0].attributes["community"]
                    == d.entities[r.target.0].attributes["community"]
            })
            .count();
        assert!(
            within > 4000,
            "only {within} of 5000 edges within a community"
        );
    }

    #[test]
    fn degrees_are_heavy_tailed() {
        let d = generate(GraphSpec {
            nodes: 2000,
            edges: 10_000,
            communities: 0,
            seed: 3,
        });
        let mut degree = vec![0usize; 2000];
        for r in &d.relations {
            degree[r.source.0] += 1;
            degree[r.target.0] += 1;
        }
        let max = degree.iter().max().copied().unwrap_or(0);
        assert!(max > 40, "max degree {max}: no hubs");
    }

    #[test]
    fn empty_spec_is_fine() {
        let d = generate(GraphSpec {
            nodes: 0,
            edges: 10,
            communities: 0,
            seed: 0,
        });
        assert!(d.entities.is_empty() && d.relations.is_empty());
    }
}
