//! Clusters of entities more linked to one another than to the rest, found by label
//! propagation (Raghavan, Albert and Kumara, 2007): every entity starts in a cluster of its
//! own and, pass after pass, joins the cluster most of its neighbours are in. Linear in the
//! relations per pass, so it runs on every dataset when it opens (a few hundred milliseconds
//! at 500,000 relations), and a big network can be coloured by its clusters at once.
//! Deterministic: entities are visited in a fixed shuffled order and ties are drawn from a
//! seeded generator.
//!
//! Label propagation often splits a dense community in two or three, each grown around its
//! own hub, so one blob on the screen shows several colours. A second pass merges clusters
//! linked to each other about as densely as clusters are inside (the constant Potts model of
//! Traag, Van Dooren and Nesterov, 2011, at the cluster level): unlike modularity, its
//! threshold does not shrink as the network grows, so a big network's separate communities
//! are not merged for sharing a link or two.

use rand::Rng;
use rand::SeedableRng;
use rand::seq::SliceRandom;

use super::Dataset;
use super::adjacency::Adjacency;

/// Passes at most; most networks settle in a handful.
const MAX_PASSES: usize = 20;

/// Two clusters are merged when the links between them are at least this share of the
/// density typical inside a cluster (the median over clusters of three entities or more).
const MERGE_DENSITY_SHARE: f64 = 0.25;

/// Each entity's cluster, numbered from 0 by size (0 the largest), and the clusters' sizes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Cluster of entity `i`.
    pub of: Vec<u32>,
    /// Entities in cluster `c`, largest first.
    pub sizes: Vec<usize>,
}

impl Clusters {
    /// The clusters of `dataset`'s entities, relations taken either way.
    pub fn find(dataset: &Dataset) -> Self {
        let n = dataset.entities.len();
        // Each entity's neighbours either way, loops left out.
        let neighbours = Adjacency::of_arcs(n, || {
            dataset
                .relations
                .iter()
                .map(|r| (r.source.0, r.target.0))
                .filter(|(s, t)| s != t)
                .flat_map(|(s, t)| [(s, t), (t, s)])
        });
        let mut label: Vec<u32> = (0..n as u32).collect();
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        order.shuffle(&mut rng);
        // Votes per label for the entity being visited, and which labels got any.
        let mut votes = vec![0u32; n];
        let mut voted: Vec<u32> = Vec::new();
        for _ in 0..MAX_PASSES {
            let mut changed = 0usize;
            for &i in &order {
                for &j in neighbours.of(i) {
                    let l = label[j as usize];
                    if votes[l as usize] == 0 {
                        voted.push(l);
                    }
                    votes[l as usize] += 1;
                }
                let most = voted.iter().map(|&l| votes[l as usize]).max().unwrap_or(0);
                // Keep the current label when it is among the most voted (clusters settle
                // instead of flickering); otherwise a seeded draw among them, so no label
                // is favoured everywhere and swallows its neighbours' clusters.
                if most > 0 && votes[label[i] as usize] < most {
                    voted.retain(|&l| votes[l as usize] == most);
                    voted.sort_unstable();
                    label[i] = voted[rng.random_range(0..voted.len())];
                    changed += 1;
                }
                // Cleared through the neighbours: `voted` may have lost some labels above.
                for &j in neighbours.of(i) {
                    votes[label[j as usize] as usize] = 0;
                }
                voted.clear();
            }
            if changed == 0 {
                break;
            }
        }
        merge_split_clusters(&neighbours, &mut label);
        Self::numbered_by_size(&label)
    }

    /// Renumbers `label` so that cluster 0 is the largest (ties: the one whose first entity
    /// comes first).
    fn numbered_by_size(label: &[u32]) -> Self {
        let n = label.len();
        let mut size = vec![0usize; n];
        let mut first = vec![usize::MAX; n];
        for (i, &l) in label.iter().enumerate() {
            size[l as usize] += 1;
            first[l as usize] = first[l as usize].min(i);
        }
        let mut used: Vec<u32> = (0..n as u32).filter(|&l| size[l as usize] > 0).collect();
        used.sort_by_key(|&l| (std::cmp::Reverse(size[l as usize]), first[l as usize]));
        let mut number = vec![0u32; n];
        for (k, &l) in used.iter().enumerate() {
            number[l as usize] = k as u32;
        }
        Self {
            of: label.iter().map(|&l| number[l as usize]).collect(),
            sizes: used.iter().map(|&l| size[l as usize]).collect(),
        }
    }
}

/// Merges clusters linked to each other about as densely as clusters are inside, smallest
/// first, each into the neighbour it gains most by joining, until no merge gains. The gain
/// of joining `a` to `b` is the links between them less `gamma` × |a| × |b|, the links two
/// clusters would have at the threshold density `gamma`.
fn merge_split_clusters(neighbours: &Adjacency, label: &mut [u32]) {
    use std::collections::HashMap;
    let n = label.len();
    // Clusters renumbered 0..k.
    let mut number = vec![u32::MAX; n];
    let mut k = 0usize;
    let cluster: Vec<usize> = label
        .iter()
        .map(|&l| {
            if number[l as usize] == u32::MAX {
                number[l as usize] = k as u32;
                k += 1;
            }
            number[l as usize] as usize
        })
        .collect();
    let mut size = vec![0.0f64; k];
    let mut inner = vec![0.0f64; k];
    let mut between: Vec<HashMap<usize, f64>> = vec![HashMap::new(); k];
    for (i, &a) in cluster.iter().enumerate() {
        size[a] += 1.0;
        for &j in neighbours.of(i) {
            let b = cluster[j as usize];
            if a == b {
                inner[a] += 0.5; // each link is seen from both ends
            } else {
                *between[a].entry(b).or_default() += 1.0;
            }
        }
    }
    let mut densities: Vec<f64> = (0..k)
        .filter(|&c| size[c] >= 3.0)
        .map(|c| inner[c] / (size[c] * (size[c] - 1.0) / 2.0))
        .collect();
    if densities.is_empty() {
        return;
    }
    densities.sort_by(f64::total_cmp);
    let gamma = MERGE_DENSITY_SHARE * densities[densities.len() / 2];

    let mut merged_into: Vec<usize> = (0..k).collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| size[a].total_cmp(&size[b]).then(a.cmp(&b)));
    loop {
        let mut merges = 0;
        for &a in &order {
            if merged_into[a] != a {
                continue;
            }
            // Ties go to the lower-numbered cluster, so the result does not depend on the
            // map's order.
            let best = between[a]
                .iter()
                .map(|(&b, &links)| (links - gamma * size[a] * size[b], b))
                .filter(|&(gain, _)| gain > 0.0)
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            let Some((_, b)) = best else { continue };
            for (c, links) in std::mem::take(&mut between[a]) {
                if c == b {
                    inner[b] += links;
                } else {
                    between[c].remove(&a);
                    *between[c].entry(b).or_default() += links;
                    *between[b].entry(c).or_default() += links;
                }
            }
            between[b].remove(&a);
            inner[b] += inner[a];
            size[b] += size[a];
            merged_into[a] = b;
            merges += 1;
        }
        if merges == 0 {
            break;
        }
    }
    for (l, &c) in label.iter_mut().zip(&cluster) {
        let mut c = c;
        while merged_into[c] != c {
            c = merged_into[c];
        }
        *l = c as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_networks::network_of;

    #[test]
    fn two_cliques_joined_by_one_link_are_two_clusters() {
        let mut relations: Vec<(String, String, String)> = Vec::new();
        for side in ["a", "b"] {
            for i in 1..=5 {
                for j in i + 1..=5 {
                    relations.push((
                        format!("{side}{i}{j}"),
                        format!("{side}{i}"),
                        format!("{side}{j}"),
                    ));
                }
            }
        }
        relations.push(("bridge".into(), "a1".into(), "b1".into()));
        let rows: Vec<(&str, &str, &str, &str, &str)> = relations
            .iter()
            .map(|(id, s, t)| (id.as_str(), s.as_str(), "supplied", t.as_str(), "reported"))
            .collect();
        let dataset = network_of(&rows);
        let clusters = Clusters::find(&dataset);
        let of = |name: &str| clusters.of[dataset.entity_by_name(name).expect(name).0];
        for i in 2..=5 {
            assert_eq!(of("a1"), of(&format!("a{i}")));
            assert_eq!(of("b1"), of(&format!("b{i}")));
        }
        assert_ne!(of("a1"), of("b1"));
        assert_eq!(clusters.sizes, vec![5, 5]);
    }

    #[test]
    fn planted_communities_are_found_and_numbered_by_size() {
        let dataset = crate::generate::generate(crate::generate::GraphSpec {
            nodes: 2_000,
            edges: 10_000,
            communities: 0,
            seed: 2,
        });
        let clusters = Clusters::find(&dataset);
        assert_eq!(clusters.of.len(), 2_000);
        assert_eq!(clusters.sizes.iter().sum::<usize>(), 2_000);
        assert!(clusters.sizes.windows(2).all(|w| w[0] >= w[1]));
        // Pairs in the same planted community mostly share a cluster; pairs in different
        // ones mostly do not.
        let planted = crate::bench::communities(&dataset);
        let (mut same, mut same_together, mut apart, mut apart_together) = (0, 0, 0, 0);
        for i in (0..2_000).step_by(7) {
            for j in (1..2_000).step_by(11) {
                let together = clusters.of[i] == clusters.of[j];
                if planted[i] == planted[j] {
                    same += 1;
                    same_together += usize::from(together);
                } else {
                    apart += 1;
                    apart_together += usize::from(together);
                }
            }
        }
        assert!(same > 0 && apart > 0);
        assert!(
            same_together * 10 >= same * 7,
            "{same_together} of {same} pairs in one community share a cluster"
        );
        assert!(
            apart_together * 10 <= apart,
            "{apart_together} of {apart} pairs in different communities share a cluster"
        );
    }

    #[test]
    fn halves_of_one_dense_cluster_are_merged_and_a_loosely_linked_one_is_not() {
        // Two cliques of six, 0..6 and 6..12, joined by one link; the first split in halves
        // as label propagation might leave it.
        let mut arcs = Vec::new();
        for group in [0..6u32, 6..12] {
            for i in group.clone() {
                for j in group.clone() {
                    if i != j {
                        arcs.push((i as usize, j as usize));
                    }
                }
            }
        }
        arcs.extend([(0, 6), (6, 0)]);
        let neighbours = Adjacency::of_arcs(12, || arcs.iter().copied());
        let mut label: Vec<u32> = [0, 0, 0, 3, 3, 3].into_iter().chain([6; 6]).collect();
        merge_split_clusters(&neighbours, &mut label);
        assert!(label[..6].iter().all(|&l| l == label[0]), "{label:?}");
        assert!(label[6..].iter().all(|&l| l == label[6]), "{label:?}");
        assert_ne!(label[0], label[6]);
    }

    #[test]
    fn planted_communities_are_kept_whole_and_apart() {
        // Label propagation alone keeps 94 % of each community in one cluster here.
        let scored = crate::bench::clusters(5_000, 25_000);
        assert!(scored.completeness >= 0.96, "{scored:?}");
        assert!(scored.purity >= 0.98, "{scored:?}");
    }
}
