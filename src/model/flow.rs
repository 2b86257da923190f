//! Where each entity stands in the supply chain, left to right: a rank from the direction of
//! the relations that move things along it (supplied, designed, built, consulted for, funded,
//! invested in, deployed in, operates, located in, evolved into). Cycles are broken at the
//! relations that close them in a depth-first walk; ranks are longest-path layers, so every
//! such relation points from a lower rank to a higher one. Within each rank, entities are
//! ordered to cross few of those relations ([`flow_columns`]).

use super::{Dataset, EntityIdx, Relation, RelationKind};

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

/// Sweeps down and up the columns in [`flow_columns`]: a few are enough, the best is kept.
const ORDERING_SWEEPS: usize = 8;

/// The flow relations between entities of different ranks, as (rank, entity) ends.
fn ranked_links(dataset: &Dataset, ranks: &[Option<usize>]) -> Vec<[(usize, usize); 2]> {
    dataset
        .relations
        .iter()
        .filter(|r| moves_along(r))
        .filter_map(|r| {
            let (s, t) = (r.source.0, r.target.0);
            let (rs, rt) = ((*ranks.get(s)?)?, (*ranks.get(t)?)?);
            (rs != rt).then_some([(rs, s), (rt, t)])
        })
        .collect()
}

/// The entities of each rank, top to bottom, ordered to cross few flow relations. From
/// `start`'s order (the layout's, so the picture changes little), sweeps down and up the
/// columns put each entity at the mean place of its flow neighbours in the columns just
/// placed (Sugiyama's barycentre heuristic); of the orders met, the one with the fewest
/// crossings between neighbouring columns is kept.
pub fn flow_columns(
    dataset: &Dataset,
    ranks: &[Option<usize>],
    start: impl Fn(EntityIdx) -> f32,
) -> Vec<Vec<EntityIdx>> {
    let mut columns: Vec<Vec<usize>> = Vec::new();
    for (entity, rank) in ranks.iter().enumerate() {
        if let Some(rank) = *rank {
            if columns.len() <= rank {
                columns.resize(rank + 1, Vec::new());
            }
            columns[rank].push(entity);
        }
    }
    for column in &mut columns {
        column.sort_by(|&a, &b| start(EntityIdx(a)).total_cmp(&start(EntityIdx(b))));
    }
    let links = ranked_links(dataset, ranks);
    let mut best = (crossings(&columns, &links), columns.clone());
    for sweep in 0..ORDERING_SWEEPS {
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (1..columns.len()).collect()
        } else {
            (0..columns.len().saturating_sub(1)).rev().collect()
        };
        for c in order {
            let place = places(&columns);
            let mut keyed: Vec<(f32, usize)> = columns[c]
                .iter()
                .map(|&entity| {
                    let (sum, count) = links
                        .iter()
                        .filter_map(|&[a, b]| {
                            let other = if a.1 == entity {
                                b
                            } else if b.1 == entity {
                                a
                            } else {
                                return None;
                            };
                            ((down && other.0 < c) || (!down && other.0 > c))
                                .then(|| place[other.1])
                        })
                        .fold((0.0, 0usize), |(s, n), p| (s + p, n + 1));
                    let key = if count == 0 {
                        place[entity]
                    } else {
                        sum / count as f32
                    };
                    (key, entity)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            columns[c] = keyed.into_iter().map(|(_, entity)| entity).collect();
        }
        let count = crossings(&columns, &links);
        if count < best.0 {
            best = (count, columns.clone());
        }
    }
    best.1
        .into_iter()
        .map(|column| column.into_iter().map(EntityIdx).collect())
        .collect()
}

/// Each entity's place in its column, from 0 (top) to 1 (bottom); 0 for entities in none.
fn places(columns: &[Vec<usize>]) -> Vec<f32> {
    let n = columns.iter().flatten().max().map_or(0, |&m| m + 1);
    let mut place = vec![0.0; n];
    for column in columns {
        for (at, &entity) in column.iter().enumerate() {
            place[entity] = (at as f32 + 0.5) / column.len() as f32;
        }
    }
    place
}

/// How many pairs of flow relations between neighbouring columns cross.
pub fn crossings(columns: &[Vec<usize>], links: &[[(usize, usize); 2]]) -> usize {
    let place = places(columns);
    let mut between: Vec<Vec<(f32, f32)>> = vec![Vec::new(); columns.len()];
    for &[a, b] in links {
        let (left, right) = if a.0 < b.0 { (a, b) } else { (b, a) };
        if right.0 == left.0 + 1 {
            between[left.0].push((place[left.1], place[right.1]));
        }
    }
    between
        .iter()
        .map(|pairs| {
            let mut count = 0;
            for (k, &(a1, b1)) in pairs.iter().enumerate() {
                for &(a2, b2) in &pairs[k + 1..] {
                    count += usize::from((a1 - a2) * (b1 - b2) < 0.0);
                }
            }
            count
        })
        .sum()
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

    /// The columns of `d` in `order`'s order, and how many flow relations cross between them.
    fn crossings_of(d: &Dataset, columns: &[Vec<EntityIdx>]) -> usize {
        let ranks = flow_ranks(d);
        let columns: Vec<Vec<usize>> = columns
            .iter()
            .map(|c| c.iter().map(|e| e.0).collect())
            .collect();
        crossings(&columns, &ranked_links(d, &ranks))
    }

    #[test]
    fn entities_are_ordered_so_that_flow_links_do_not_cross() {
        // a and b on the left, x and y on the right: started in the order that crosses.
        let d = dataset(&[
            ("a", "supplied", "y"),
            ("b", "supplied", "x"),
            ("y", "supplied", "p"),
            ("x", "supplied", "q"),
        ]);
        let ranks = flow_ranks(&d);
        let by_name = |e: EntityIdx| d.entities[e.0].entity_id.as_str().to_owned();
        let start = |e: EntityIdx| -> f32 {
            match by_name(e).as_str() {
                "a" | "x" | "q" => 0.0,
                _ => 1.0,
            }
        };
        let unordered: Vec<Vec<EntityIdx>> = {
            let mut columns: Vec<Vec<EntityIdx>> = vec![Vec::new(); 3];
            for (i, r) in ranks.iter().enumerate() {
                columns[r.unwrap()].push(EntityIdx(i));
            }
            for c in &mut columns {
                c.sort_by(|&p, &q| start(p).total_cmp(&start(q)));
            }
            columns
        };
        assert_eq!(crossings_of(&d, &unordered), 1);
        let ordered = flow_columns(&d, &ranks, start);
        assert_eq!(crossings_of(&d, &ordered), 0);
        let names: Vec<Vec<String>> = ordered
            .iter()
            .map(|c| c.iter().map(|&e| by_name(e)).collect())
            .collect();
        assert_eq!(
            names[0],
            ["a", "b"],
            "the first column keeps the start's order"
        );
    }

    #[test]
    fn the_built_in_chain_crosses_less_once_ordered() {
        let d = crate::formats::load_builtin().unwrap().dataset;
        let ranks = flow_ranks(&d);
        // Started in the file's order, not a layout's.
        let start = |e: EntityIdx| e.0 as f32;
        let unordered: Vec<Vec<EntityIdx>> = {
            let mut columns: Vec<Vec<EntityIdx>> = Vec::new();
            for (i, r) in ranks.iter().enumerate() {
                if let Some(r) = *r {
                    if columns.len() <= r {
                        columns.resize(r + 1, Vec::new());
                    }
                    columns[r].push(EntityIdx(i));
                }
            }
            columns
        };
        let before = crossings_of(&d, &unordered);
        let after = crossings_of(&d, &flow_columns(&d, &ranks, start));
        assert!(after * 2 < before, "{before} crossings, then {after}");
        let placed: usize = flow_columns(&d, &ranks, start).iter().map(Vec::len).sum();
        assert_eq!(
            placed,
            ranks.iter().flatten().count(),
            "every ranked entity placed once"
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
