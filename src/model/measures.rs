//! Structural measures of every entity: degree in and out, PageRank and betweenness
//! centrality, for sizing nodes, sorting the table and the entity panel. Computed once per
//! dataset on the load worker. petgraph's `page_rank` compares every pair of nodes in each
//! iteration (quadratic: minutes at 10,000 nodes) and petgraph has no betweenness, so both
//! are here, linear per iteration and Brandes' O(V·E) respectively.

use std::collections::VecDeque;

use super::adjacency::Adjacency;
use super::{Dataset, EntityIdx};

/// Betweenness is computed up to this many entities (Brandes' algorithm is O(V·E)).
pub const BETWEENNESS_MAX_ENTITIES: usize = 5_000;

/// What a node can be sized by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Measure {
    #[default]
    Degree,
    InDegree,
    OutDegree,
    PageRank,
    Betweenness,
}

impl Measure {
    pub const ALL: [Self; 5] = [
        Self::Degree,
        Self::InDegree,
        Self::OutDegree,
        Self::PageRank,
        Self::Betweenness,
    ];

    /// How files spell it (a saved view's size or colour).
    pub fn spelling(self) -> &'static str {
        match self {
            Self::Degree => "degree",
            Self::InDegree => "in_degree",
            Self::OutDegree => "out_degree",
            Self::PageRank => "pagerank",
            Self::Betweenness => "betweenness",
        }
    }

    pub fn parse(spelling: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.spelling() == spelling)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Degree => "degree",
            Self::InDegree => "in-degree",
            Self::OutDegree => "out-degree",
            Self::PageRank => "PageRank",
            Self::Betweenness => "betweenness",
        }
    }
}

/// Every entity's measures, by entity index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measures {
    /// Relations with a direction arriving at, and leaving, each entity.
    pub in_degree: Vec<u32>,
    pub out_degree: Vec<u32>,
    /// Relations without a direction at each entity: neither in nor out.
    pub undirected_degree: Vec<u32>,
    /// Sums to 1 over all entities.
    pub pagerank: Vec<f64>,
    /// Normalised to 0..1 (the share of shortest paths through the entity); `None` above
    /// [`BETWEENNESS_MAX_ENTITIES`].
    pub betweenness: Option<Vec<f64>>,
}

impl Measures {
    /// Measures `dataset`: in- and out-degree count relations with a direction, degree all
    /// of them (a relation without one counts once at each end); PageRank along each
    /// relation's direction, and both ways for a relation without one (else the order a file
    /// happens to write an undirected edge's ends in would rank one end above the other);
    /// betweenness either way.
    pub fn compute(dataset: &Dataset) -> Self {
        let n = dataset.entities.len();
        let mut in_degree = vec![0u32; n];
        let mut out_degree = vec![0u32; n];
        let mut undirected_degree = vec![0u32; n];
        let relations = || {
            dataset
                .relations
                .iter()
                .filter(|r| r.source.0 < n && r.target.0 < n)
        };
        for r in relations() {
            let (s, t) = (r.source.0, r.target.0);
            if r.directed {
                out_degree[s] += 1;
                in_degree[t] += 1;
            } else {
                undirected_degree[s] += 1;
                undirected_degree[t] += 1;
            }
        }
        let links: Vec<(usize, usize)> = relations().map(|r| (r.source.0, r.target.0)).collect();
        let out_links = Adjacency::of_arcs(n, || {
            relations().flat_map(|r| {
                let (s, t) = (r.source.0, r.target.0);
                std::iter::once((s, t)).chain((!r.directed && s != t).then_some((t, s)))
            })
        });
        let pagerank = pagerank(&out_links, 0.85, 50);
        // Neighbour lists only where betweenness is computed: at 100,000 entities they
        // would be a million small allocations for nothing.
        let neighbours = || {
            let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
            for &(s, t) in links.iter().filter(|(s, t)| s != t) {
                neighbours[s].push(t);
                neighbours[t].push(s);
            }
            neighbours
        };
        let betweenness = (n <= BETWEENNESS_MAX_ENTITIES).then(|| betweenness(&neighbours()));
        Self {
            in_degree,
            out_degree,
            undirected_degree,
            pagerank,
            betweenness,
        }
    }

    /// The value of `measure` for `entity` (0 where not computed).
    pub fn value(&self, measure: Measure, entity: EntityIdx) -> f64 {
        let i = entity.0;
        let degree = |v: &Vec<u32>| f64::from(v.get(i).copied().unwrap_or(0));
        match measure {
            Measure::Degree => {
                degree(&self.in_degree) + degree(&self.out_degree) + degree(&self.undirected_degree)
            }
            Measure::InDegree => degree(&self.in_degree),
            Measure::OutDegree => degree(&self.out_degree),
            Measure::PageRank => self.pagerank.get(i).copied().unwrap_or(0.0),
            Measure::Betweenness => self
                .betweenness
                .as_ref()
                .and_then(|b| b.get(i).copied())
                .unwrap_or(0.0),
        }
    }

    /// The largest value of `measure` over all entities (at least a tiny positive number).
    pub fn max(&self, measure: Measure) -> f64 {
        (0..self.in_degree.len())
            .map(|i| self.value(measure, EntityIdx(i)))
            .fold(f64::MIN_POSITIVE, f64::max)
    }
}

/// PageRank by power iteration; dangling entities spread their rank evenly.
fn pagerank(out_links: &Adjacency, damping: f64, iterations: usize) -> Vec<f64> {
    let n = out_links.len();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let mut ranks = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n)
            .filter(|&i| out_links.of(i).is_empty())
            .map(|i| ranks[i])
            .sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        next.fill(base);
        for (i, rank) in ranks.iter().enumerate() {
            let links = out_links.of(i);
            if links.is_empty() {
                continue;
            }
            let share = damping * rank / links.len() as f64;
            for &target in links {
                next[target as usize] += share;
            }
        }
        std::mem::swap(&mut ranks, &mut next);
    }
    ranks
}

/// Brandes' betweenness centrality on the undirected graph, normalised by (n-1)(n-2)/2.
fn betweenness(neighbours: &[Vec<usize>]) -> Vec<f64> {
    let n = neighbours.len();
    let mut centrality = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut distance = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    for source in 0..n {
        order.clear();
        sigma.fill(0.0);
        distance.fill(-1);
        delta.fill(0.0);
        for list in &mut predecessors {
            list.clear();
        }
        sigma[source] = 1.0;
        distance[source] = 0;
        queue.push_back(source);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &neighbours[v] {
                if distance[w] < 0 {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    sigma[w] += sigma[v];
                    predecessors[w].push(v);
                }
            }
        }
        while let Some(w) = order.pop() {
            for &v in &predecessors[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != source {
                centrality[w] += delta[w];
            }
        }
    }
    // Each path was counted from both ends.
    let pairs = ((n.saturating_sub(1)) * (n.saturating_sub(2))) as f64;
    if pairs > 0.0 {
        for c in &mut centrality {
            *c /= pairs;
        }
    }
    centrality
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_middle_of_a_line_carries_every_path() {
        // 0 – 1 – 2: every path between 0 and 2 runs through 1.
        let neighbours = vec![vec![1], vec![0, 2], vec![1]];
        let b = betweenness(&neighbours);
        assert!((b[1] - 1.0).abs() < 1e-9, "{b:?}");
        assert_eq!(b[0], 0.0);
        assert_eq!(b[2], 0.0);
    }

    #[test]
    fn a_star_centre_has_all_the_betweenness() {
        // Centre 0 with leaves 1..=4: 6 leaf pairs, all through 0.
        let mut neighbours = vec![vec![1, 2, 3, 4]];
        neighbours.extend((1..=4).map(|_| vec![0]));
        let b = betweenness(&neighbours);
        assert!((b[0] - 1.0).abs() < 1e-9, "{b:?}");
    }

    /// The adjacency of entities whose targets are `lists`.
    fn adjacency(lists: &[Vec<usize>]) -> Adjacency {
        Adjacency::of_arcs(lists.len(), || {
            lists
                .iter()
                .enumerate()
                .flat_map(|(s, targets)| targets.iter().map(move |&t| (s, t)))
        })
    }

    #[test]
    fn pagerank_sums_to_one_and_favours_what_is_pointed_at() {
        // 1, 2 and 3 all point at 0; 0 points at 1.
        let out_links = adjacency(&[vec![1], vec![0], vec![0], vec![0]]);
        let ranks = pagerank(&out_links, 0.85, 100);
        assert!((ranks.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(ranks[0] > ranks[1] && ranks[1] > ranks[2]);
        assert!((ranks[2] - ranks[3]).abs() < 1e-12);
    }

    #[test]
    fn a_relation_without_direction_is_neither_in_nor_out_and_ranks_both_ways() {
        // a — b — c, written a→b and b→c: as arcs, c would collect the rank.
        let mut dataset = super::super::test_networks::network_of(&[
            ("r1", "a", "other", "b", "reported"),
            ("r2", "b", "other", "c", "reported"),
        ]);
        let rank = |dataset: &Dataset, id: &str| {
            let entity = dataset.entity_by_id(id).unwrap();
            Measures::compute(dataset).value(Measure::PageRank, entity)
        };
        assert!(
            rank(&dataset, "c") > rank(&dataset, "b"),
            "directed: c gets most"
        );
        for relation in &mut dataset.relations {
            relation.directed = false;
        }
        assert!(
            rank(&dataset, "b") > rank(&dataset, "c"),
            "undirected: b is the middle"
        );
        assert!((rank(&dataset, "a") - rank(&dataset, "c")).abs() < 1e-9);
        let measures = Measures::compute(&dataset);
        let b = dataset.entity_by_id("b").unwrap();
        assert_eq!(measures.value(Measure::Degree, b), 2.0);
        assert_eq!(measures.value(Measure::InDegree, b), 0.0, "neither in");
        assert_eq!(measures.value(Measure::OutDegree, b), 0.0, "nor out");
    }

    #[test]
    fn a_cycle_ranks_everyone_alike() {
        let out_links = adjacency(&[vec![1], vec![2], vec![0]]);
        let ranks = pagerank(&out_links, 0.85, 100);
        assert!(ranks.iter().all(|r| (r - 1.0 / 3.0).abs() < 1e-9));
    }
}
