//! Hyperedges (edges joining more than two nodes), as JGF and GraphML give them: each is
//! expanded into pairwise relations, at most [`MAX_PAIRS_PER_HYPEREDGE`] of them, a warning
//! naming one that is cut, and one note saying how many hyperedges became how many relations.
//! The relations of one hyperedge share its id (`id`, `id#2`...; `hyperedge 3`, `hyperedge 3#2`
//! where it has none).

use super::import::GraphBuilder;

/// The most relations one hyperedge becomes; past it the pairs are cut, with a warning.
pub const MAX_PAIRS_PER_HYPEREDGE: usize = 10_000;

/// Counts of hyperedges expanded, for the note.
#[derive(Default)]
pub(super) struct Expanded {
    hyperedges: usize,
    relations: usize,
}

impl Expanded {
    /// Counts the hyperedge at `edge_path`, which made `made` of the `total` relations it
    /// would make: a warning when it was cut.
    pub(super) fn count(
        &mut self,
        builder: &mut GraphBuilder,
        edge_path: &str,
        made: usize,
        total: usize,
    ) {
        self.hyperedges += 1;
        self.relations += made;
        if made < total {
            builder.warn(
                edge_path,
                format!(
                    "this hyperedge would make {total} relations; only the first {made} were made"
                ),
            );
        }
    }

    /// The id for the relations of the hyperedge just counted where the file gives it none:
    /// `hyperedge 2` (then `hyperedge 2#2`, `hyperedge 2#3`...), so that the relations one
    /// hyperedge made can still be told from those of another.
    pub(super) fn unnamed_id(&self) -> String {
        format!("hyperedge {}", self.hyperedges)
    }

    /// The note on the hyperedges counted, if any; `rule` says which pairs each made.
    pub(super) fn note(&self, builder: &mut GraphBuilder, rule: &str) {
        if self.hyperedges > 0 {
            builder.note(format!(
                "{} expanded into {} ({rule})",
                crate::words::counted(self.hyperedges, "hyperedge", "hyperedges"),
                crate::words::counted(self.relations, "pairwise relation", "pairwise relations"),
            ));
        }
    }
}
