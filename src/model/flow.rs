//! Where each entity stands in the supply chain, left to right: a rank from the direction of
//! the relations that move things along it (supplied, designed, built, consulted for, funded,
//! invested in, deployed in, operates, located in, evolved into). Cycles are broken at the
//! relations that close them in a depth-first walk; ranks are longest-path layers, so every
//! such relation points from a lower rank to a higher one.

use super::{Dataset, Relation, RelationKind};

/// Whether a relation of this kind reads as a step along the chain, source before target.
pub fn is_flow(kind: RelationKind) -> bool {
    matches!(
        kind,
        RelationKind::Supplied
            | RelationKind::Designed
            | RelationKind::Built
            | RelationKind::ConsultedFor
            | RelationKind::Funded
            | RelationKind::InvestedIn
            | RelationKind::DeployedIn
            | RelationKind::Operates
            | RelationKind::LocatedIn
            | RelationKind::EvolvedInto
    )
}

/// Whether `relation` is a step the flow arrangement lays out: a flow kind, with a direction.
pub fn moves_along(relation: &Relation) -> bool {
    relation.directed && is_flow(relation.kind)
}

/// Where a depth-first walk stands with an entity.
#[derive(Clone, Copy, PartialEq)]
enum State {
    New,
    Open,
    Done,
}

/// Each entity's rank in the chain (0: where it starts), or `None` for entities that take no
/// part in a flow relation.
pub fn flow_ranks(dataset: &Dataset) -> Vec<Option<usize>> {
    let n = dataset.entities.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut takes_part = vec![false; n];
    for relation in dataset.relations.iter().filter(|r| moves_along(r)) {
        let (s, t) = (relation.source.0, relation.target.0);
        if s < n && t < n && s != t {
            out[s].push(t);
            takes_part[s] = true;
            takes_part[t] = true;
        }
    }
    // Depth-first, iteratively: an edge to an entity still on the stack closes a cycle and
    // is left out; the finishing order, reversed, is a topological order of the rest.
    let mut state = vec![State::New; n];
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut finished = Vec::with_capacity(n);
    for root in 0..n {
        if state[root] != State::New || !takes_part[root] {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = State::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&target) = out[node].get(*next) {
                *next += 1;
                match state[target] {
                    State::New => {
                        kept[node].push(target);
                        state[target] = State::Open;
                        stack.push((target, 0));
                    }
                    State::Done => kept[node].push(target),
                    State::Open => {} // closes a cycle: left out
                }
            } else {
                state[node] = State::Done;
                finished.push(node);
                stack.pop();
            }
        }
    }
    let mut rank: Vec<Option<usize>> = vec![None; n];
    for &node in finished.iter().rev() {
        let here = *rank[node].get_or_insert(0);
        for &target in &kept[node] {
            rank[target] = Some(rank[target].map_or(here + 1, |r| r.max(here + 1)));
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(relations: &[(&str, &str, &str)]) -> Dataset {
        let ids: Vec<String> = (0..relations.len()).map(|i| format!("r{i}")).collect();
        let full: Vec<(&str, &str, &str, &str, &str)> = relations
            .iter()
            .zip(&ids)
            .map(|((s, kind, t), id)| (id.as_str(), *s, *kind, *t, "reported"))
            .collect();
        crate::model::test_networks::network_of(&full)
    }

    fn rank(d: &Dataset, ranks: &[Option<usize>], id: &str) -> Option<usize> {
        ranks[d.entity_by_id(id).unwrap().0]
    }

    #[test]
    fn a_chain_reads_left_to_right() {
        let d = dataset(&[
            ("ibm", "supplied", "huawei"),
            ("huawei", "built", "safecity"),
            ("safecity", "located_in", "karamay"),
            ("karamay", "located_in", "xinjiang"),
            ("ibm", "criticized", "critic"),
        ]);
        let ranks = flow_ranks(&d);
        let chain: Vec<_> = ["ibm", "huawei", "safecity", "karamay", "xinjiang"]
            .iter()
            .map(|id| rank(&d, &ranks, id))
            .collect();
        assert_eq!(chain, [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            rank(&d, &ranks, "critic"),
            None,
            "criticism is not a step of the chain"
        );
    }

    #[test]
    fn longest_paths_decide_and_cycles_are_broken() {
        let d = dataset(&[
            ("a", "supplied", "b"),
            ("b", "supplied", "c"),
            ("a", "supplied", "c"),
            ("c", "supplied", "a"),
        ]);
        let ranks = flow_ranks(&d);
        assert_eq!(rank(&d, &ranks, "a"), Some(0));
        assert_eq!(rank(&d, &ranks, "b"), Some(1));
        assert_eq!(rank(&d, &ranks, "c"), Some(2), "after b, not beside it");
    }
}
