//! How one entity reaches another: the shortest chain of relations and up to `k` alternative
//! simple chains (Yen's algorithm over breadth-first search: every relation counts as one
//! hop). petgraph's `k_shortest_path` gives only path lengths, and `all_simple_paths`
//! enumerates every path, which explodes on big networks; hence this.

use std::collections::{HashSet, VecDeque};

use super::{Dataset, EntityIdx, Network, RelationIdx, RelationStatus};

/// Which relations a path may use, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathOptions {
    /// Follow relations only from source to target.
    pub directed: bool,
    /// Leave out claimed, alleged, denied and unclear relations.
    pub reported_only: bool,
    /// Only relations that are steps along a chain (supplied, designed, built, funded...:
    /// `flow::is_flow`), not "criticised" or "related to".
    pub chain_only: bool,
    /// Longest path, in relations.
    pub max_hops: usize,
    /// How many paths at most: the shortest and `k - 1` alternatives.
    pub k: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        Self {
            directed: false,
            reported_only: false,
            chain_only: false,
            max_hops: 8,
            k: 3,
        }
    }
}

/// One step of a path: a relation and whether it is walked from its source to its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hop {
    pub relation: RelationIdx,
    pub forward: bool,
}

/// A chain of relations from one entity to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    pub from: EntityIdx,
    pub hops: Vec<Hop>,
}

impl Path {
    /// The entities along the path, in order, both ends included.
    pub fn entities(&self, dataset: &Dataset) -> Vec<EntityIdx> {
        let mut entities = vec![self.from];
        for hop in &self.hops {
            if let Some(r) = dataset.relation(hop.relation) {
                entities.push(if hop.forward { r.target } else { r.source });
            }
        }
        entities
    }
}

/// The shortest path from `from` to `to` and up to `options.k - 1` alternatives, shortest
/// first, using only relations for which `usable` holds (and the options allow).
pub fn k_shortest_paths(
    dataset: &Dataset,
    network: &Network,
    from: EntityIdx,
    to: EntityIdx,
    options: PathOptions,
    usable: &dyn Fn(RelationIdx) -> bool,
) -> Vec<Path> {
    if from == to || options.k == 0 {
        return Vec::new();
    }
    let allowed = |relation: RelationIdx| {
        usable(relation)
            && dataset.relation(relation).is_some_and(|r| {
                (!options.reported_only || !r.status.is_hedged())
                    && (!options.chain_only || super::flow::is_flow(r.kind))
            })
    };
    let search = Search {
        dataset,
        network,
        directed: options.directed,
        max_hops: options.max_hops,
        allowed: &allowed,
    };
    let Some(first) = search.shortest(from, to, &HashSet::new(), &HashSet::new()) else {
        return Vec::new();
    };
    // Alternatives are other routes, through other entities: two paths that differ only in
    // which of two parallel relations they take (IBM supplied Huawei, IBM consulted for
    // Huawei) are one route. So, as Yen's algorithm does on the graph of entities, a
    // deviation bans the next entity the paths found so far take, not just their relation.
    // Each path with its entities (its route), worked out once.
    let first = Path { from, hops: first };
    let mut found = vec![(first.entities(dataset), first)];
    let mut candidates: Vec<(Vec<EntityIdx>, Path)> = Vec::new();
    while found.len() < options.k {
        let Some((last_entities, last)) = found.last() else {
            break;
        };
        // Deviate from the last path at each of its entities in turn.
        for spur_at in 0..last.hops.len() {
            let root = last.hops.get(..spur_at).unwrap_or_default();
            let Some(&spur) = last_entities.get(spur_at) else {
                continue;
            };
            let root_entities = last_entities.get(..=spur_at).unwrap_or_default();
            let mut banned_next = HashSet::new();
            for (route, _) in &found {
                if route.get(..=spur_at) == Some(root_entities)
                    && let Some(&next) = route.get(spur_at + 1)
                {
                    banned_next.insert(next);
                }
            }
            let banned_entities: HashSet<EntityIdx> =
                last_entities.iter().take(spur_at).copied().collect();
            if let Some(tail) = search.shortest(spur, to, &banned_next, &banned_entities) {
                let mut hops = root.to_vec();
                hops.extend(tail);
                let path = Path { from, hops };
                let route = path.entities(dataset);
                if path.hops.len() <= options.max_hops
                    && !found.iter().chain(&candidates).any(|(r, _)| *r == route)
                {
                    candidates.push((route, path));
                }
            }
        }
        // The shortest candidate next (ties: the one found first).
        let Some(best) = (0..candidates.len()).min_by_key(|&i| {
            candidates
                .get(i)
                .map_or(usize::MAX, |(_, path)| path.hops.len())
        }) else {
            break;
        };
        found.push(candidates.remove(best));
    }
    found.into_iter().map(|(_, path)| path).collect()
}

/// Breadth-first search with some relations and entities left out.
struct Search<'a> {
    dataset: &'a Dataset,
    network: &'a Network,
    directed: bool,
    max_hops: usize,
    allowed: &'a dyn Fn(RelationIdx) -> bool,
}

impl Search<'_> {
    /// The shortest chain of hops from `from` to `to` that passes through none of
    /// `banned_entities` and does not step from `from` straight to any of `banned_next`.
    fn shortest(
        &self,
        from: EntityIdx,
        to: EntityIdx,
        banned_next: &HashSet<EntityIdx>,
        banned_entities: &HashSet<EntityIdx>,
    ) -> Option<Vec<Hop>> {
        let count = self.dataset.entities.len();
        let mut came_from: Vec<Option<(EntityIdx, Hop)>> = vec![None; count];
        let mut seen = vec![false; count];
        *seen.get_mut(from.0)? = true;
        let mut queue = VecDeque::from([(from, 0usize)]);
        while let Some((entity, depth)) = queue.pop_front() {
            if entity == to {
                break;
            }
            if depth == self.max_hops {
                continue;
            }
            for relation in self.network.incident(entity) {
                if !(self.allowed)(relation) {
                    continue;
                }
                let Some(r) = self.dataset.relation(relation) else {
                    continue;
                };
                let (next, forward) = if r.source == entity {
                    (r.target, true)
                } else if self.directed && r.directed {
                    continue;
                } else {
                    (r.source, false)
                };
                if banned_entities.contains(&next)
                    || (entity == from && banned_next.contains(&next))
                    || seen.get(next.0).copied().unwrap_or(true)
                {
                    continue;
                }
                if let Some(slot) = seen.get_mut(next.0) {
                    *slot = true;
                }
                if let Some(slot) = came_from.get_mut(next.0) {
                    *slot = Some((entity, Hop { relation, forward }));
                }
                queue.push_back((next, depth + 1));
            }
        }
        let mut hops = Vec::new();
        let mut at = to;
        while at != from {
            let (previous, hop) = (*came_from.get(at.0)?)?;
            hops.push(self.best_hop(previous, at).unwrap_or(hop));
            at = previous;
        }
        hops.reverse();
        Some(hops)
    }

    /// The relation a hop from `from` to `next` shows, of those the search may take between
    /// them: a step along a supply chain in the path's direction first, then any supply
    /// kind, then the better attested (reported before hedged, denied last), then one read
    /// forwards, then file order. The search takes whichever it met first, and IBM's path
    /// to Frequentis went through Huawei "partnered with" Frequentis, flagged as no supply
    /// step, where Huawei also supplied Frequentis.
    fn best_hop(&self, from: EntityIdx, next: EntityIdx) -> Option<Hop> {
        self.network
            .between(from, next)
            .into_iter()
            .filter(|&relation| (self.allowed)(relation))
            .filter_map(|relation| {
                let r = self.dataset.relation(relation)?;
                let forward = r.source == from && r.target == next;
                let backward = r.source == next && r.target == from;
                if !forward && !(backward && !(self.directed && r.directed)) {
                    return None;
                }
                let flow = super::flow::is_flow(r.kind);
                let along = flow && (forward || !r.directed);
                let rank = (
                    !along,
                    !flow,
                    r.status == RelationStatus::Denied,
                    r.status.is_hedged(),
                    !forward,
                    relation,
                );
                Some((rank, Hop { relation, forward }))
            })
            .min_by_key(|&(rank, _)| rank)
            .map(|(_, hop)| hop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// a→b→d, a→c→d, a→e→f→d, and b–d also "alleged" via a second relation.
    fn diamond() -> (Dataset, Network) {
        let dataset = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("bd", "b", "supplied", "d", "alleged"),
            ("ac", "a", "supplied", "c", "reported"),
            ("cd", "c", "supplied", "d", "reported"),
            ("ae", "a", "supplied", "e", "reported"),
            ("ef", "e", "supplied", "f", "reported"),
            ("fd", "f", "supplied", "d", "reported"),
        ]);
        let network = Network::build(&dataset);
        (dataset, network)
    }

    #[test]
    fn a_hop_shows_the_supply_step_of_the_relations_joining_its_two_entities() {
        // In file order, b's partnership with c comes before its supplying c, and c's
        // denied supply of d before its reported one.
        let dataset = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("bc-partner", "b", "partnered with", "c", "reported"),
            ("cb-supplied", "c", "supplied", "b", "reported"),
            ("bc-supplied", "b", "supplied", "c", "claimed"),
            ("cd-denied", "c", "supplied", "d", "denied"),
            ("cd", "c", "supplied", "d", "reported"),
        ]);
        let network = Network::build(&dataset);
        let path = |directed: bool| {
            let options = PathOptions {
                directed,
                ..PathOptions::default()
            };
            let (a, d) = (
                dataset.entity_by_name("a").unwrap(),
                dataset.entity_by_name("d").unwrap(),
            );
            let paths = k_shortest_paths(&dataset, &network, a, d, options, &|_| true);
            ids(&dataset, &paths[0])
        };
        // Along the chain, forwards, however hedged, before a partnership or a supply the
        // other way; reported before denied.
        assert_eq!(path(true), ["ab", "bc-supplied", "cd"]);
        assert_eq!(path(false), ["ab", "bc-supplied", "cd"]);
    }

    fn ids(dataset: &Dataset, path: &Path) -> Vec<String> {
        path.hops
            .iter()
            .map(|h| dataset.relation(h.relation).unwrap().relation_id.clone())
            .collect()
    }

    #[test]
    fn the_shortest_paths_come_first_then_longer_alternatives() {
        let (d, n) = diamond();
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let options = PathOptions {
            k: 5,
            ..PathOptions::default()
        };
        let paths = k_shortest_paths(&d, &n, a, dd, options, &|_| true);
        let found: Vec<Vec<String>> = paths.iter().map(|p| ids(&d, p)).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].len(), 2);
        assert_eq!(found[1].len(), 2);
        assert_eq!(found[2], ["ae", "ef", "fd"]);
    }

    #[test]
    fn parallel_relations_do_not_make_another_route() {
        // a→b twice (supplied, consulted for), then b→d; and a→c→d.
        let d = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("ab2", "a", "consulted_for", "b", "reported"),
            ("bd", "b", "supplied", "d", "reported"),
            ("ac", "a", "supplied", "c", "reported"),
            ("cd", "c", "supplied", "d", "reported"),
        ]);
        let n = Network::build(&d);
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let options = PathOptions {
            k: 5,
            ..PathOptions::default()
        };
        let paths = k_shortest_paths(&d, &n, a, dd, options, &|_| true);
        let routes: Vec<Vec<EntityIdx>> = paths.iter().map(|p| p.entities(&d)).collect();
        assert_eq!(routes.len(), 2, "{routes:?}");
        assert_ne!(routes[0], routes[1]);
    }

    #[test]
    fn reported_only_leaves_hedged_relations_out() {
        let (d, n) = diamond();
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let options = PathOptions {
            reported_only: true,
            k: 5,
            ..PathOptions::default()
        };
        let paths = k_shortest_paths(&d, &n, a, dd, options, &|_| true);
        assert!(paths.iter().all(|p| !ids(&d, p).contains(&"bd".to_owned())));
        assert_eq!(paths.len(), 2);
    }

    #[test]
    fn chain_only_leaves_out_links_that_are_no_step_along_a_chain() {
        // a supplied b, b criticised d; a funded c, c built d.
        let d = crate::model::test_networks::network_of(&[
            ("ab", "a", "supplied", "b", "reported"),
            ("bd", "b", "criticized", "d", "reported"),
            ("ac", "a", "funded", "c", "reported"),
            ("ce", "c", "partnered_with", "e", "reported"),
            ("ed", "e", "built", "d", "reported"),
            ("cf", "c", "built", "f", "reported"),
            ("fd", "f", "supplied", "d", "reported"),
        ]);
        let n = Network::build(&d);
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let all = k_shortest_paths(&d, &n, a, dd, PathOptions::default(), &|_| true);
        assert_eq!(ids(&d, &all[0]), ["ab", "bd"]);
        let chain = PathOptions {
            chain_only: true,
            ..PathOptions::default()
        };
        let paths = k_shortest_paths(&d, &n, a, dd, chain, &|_| true);
        let found: Vec<Vec<String>> = paths.iter().map(|p| ids(&d, p)).collect();
        assert_eq!(found, [["ac", "cf", "fd"]]);
    }

    #[test]
    fn direction_is_followed_when_asked() {
        let (d, n) = diamond();
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let directed = PathOptions {
            directed: true,
            ..PathOptions::default()
        };
        assert!(k_shortest_paths(&d, &n, dd, a, directed, &|_| true).is_empty());
        let back = k_shortest_paths(&d, &n, dd, a, PathOptions::default(), &|_| true);
        assert!(
            back.first()
                .is_some_and(|p| p.hops.iter().all(|h| !h.forward))
        );
    }

    #[test]
    fn max_hops_and_usable_relations_bound_the_search() {
        let (d, n) = diamond();
        let (a, dd) = (d.entity_by_id("a").unwrap(), d.entity_by_id("d").unwrap());
        let short = PathOptions {
            max_hops: 1,
            ..PathOptions::default()
        };
        assert!(k_shortest_paths(&d, &n, a, dd, short, &|_| true).is_empty());
        let ac = d.relation_by_id("ac").unwrap();
        let ab = d.relation_by_id("ab").unwrap();
        let paths = k_shortest_paths(&d, &n, a, dd, PathOptions::default(), &|r| {
            r != ac && r != ab
        });
        assert_eq!(
            paths.iter().map(|p| ids(&d, p)).collect::<Vec<_>>(),
            [["ae", "ef", "fd"]]
        );
    }

    #[test]
    fn ibm_reaches_xinjiang_in_the_built_in_dataset() {
        let d = crate::formats::load_builtin().unwrap().dataset;
        let n = Network::build(&d);
        let ibm = d.entity_by_name("IBM").unwrap();
        let xinjiang = d.entity_by_name("Xinjiang").unwrap();
        let options = PathOptions {
            directed: true,
            ..PathOptions::default()
        };
        let paths = k_shortest_paths(&d, &n, ibm, xinjiang, options, &|_| true);
        let first = paths
            .first()
            .expect("a path following the relations' direction");
        assert_eq!(first.entities(&d).last(), Some(&xinjiang));
        assert!(first.hops.iter().all(|h| h.forward));
        for pair in paths.windows(2) {
            assert!(pair[0].hops.len() <= pair[1].hops.len());
        }
    }
}
