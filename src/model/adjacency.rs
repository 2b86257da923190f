//! Each node's neighbours in one flat list (compressed sparse rows): what the measures and the
//! clusters walk, without a `Vec` per node (a million small allocations at 100,000 entities).

/// Node `i`'s neighbours are `targets[starts[i]..starts[i + 1]]`.
pub struct Adjacency {
    starts: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// `n` nodes joined by the arcs `(from, to)` that `arcs` yields (called twice: once to
    /// count, once to place); arcs with an end out of range are left out.
    pub fn of_arcs<I: Iterator<Item = (usize, usize)>>(n: usize, arcs: impl Fn() -> I) -> Self {
        let in_range = move |&(from, to): &(usize, usize)| from < n && to < n;
        let mut starts = vec![0usize; n + 1];
        for (from, _) in arcs().filter(in_range) {
            starts[from + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut targets = vec![0u32; starts[n]];
        for (from, to) in arcs().filter(in_range) {
            targets[next[from]] = to as u32;
            next[from] += 1;
        }
        Self { starts, targets }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The neighbours of node `i`, in the order their arcs came.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.targets[self.starts[i]..self.starts[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arcs_land_in_their_nodes_rows_in_order_and_out_of_range_ones_are_left_out() {
        let arcs = [(0, 2), (2, 1), (0, 1), (3, 0), (9, 1), (1, 9)];
        let adjacency = Adjacency::of_arcs(4, || arcs.iter().copied());
        assert_eq!(adjacency.len(), 4);
        assert_eq!(adjacency.of(0), &[2, 1]);
        assert_eq!(adjacency.of(1), &[] as &[u32]);
        assert_eq!(adjacency.of(2), &[1]);
        assert_eq!(adjacency.of(3), &[0]);
    }
}
