//! A networkx multigraph's edge keys, as networkx writes them in node-link JSON (`key`) and
//! GEXF (the column `networkx_key`). networkx writes one on every link of a multigraph, and
//! most are its own numbering: a link added without a key gets the number of links already
//! joining its two nodes (the next one free), so parallel links are 0, 1, 2… Such a key says
//! nothing to a reader and is not kept (a note counts them). Any other key (a name, a number
//! out of that order) was given by someone and is kept as the attribute `key`.
//!
//! The keys are followed as networkx's `new_edge_key` assigns them: per pair of ends
//! (unordered in an undirected graph), the count of keys taken, or the next number free.

use std::collections::{HashMap, HashSet};

use crate::words::counted;

/// A link's key as networkx holds it once it has read the file: an integer (the only kind
/// networkx numbers links with), or anything else, told apart as networkx tells them apart
/// (`1` and `"1"` are two keys).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Integer(u64),
    /// Any other key, as JSON writes it (`"x"`, `"1"`, `-1`, `1.5`): a text is quoted, so it
    /// is never taken for a number.
    Other(String),
}

impl Key {
    /// A key given as text where the file says it is text (a JSON string, a GEXF column of
    /// type `string`).
    pub fn text(text: &str) -> Self {
        Self::Other(serde_json::Value::from(text).to_string())
    }
}

/// The keys of one multigraph's links, read in file order.
#[derive(Default)]
pub(super) struct MultigraphKeys {
    /// The keys taken so far between two nodes (in order for a directed graph, sorted for an
    /// undirected one). Kept only once a link has a key: a file with none (Chainsight's own)
    /// costs nothing.
    taken: Option<HashMap<(String, String), HashSet<Key>>>,
    /// A link without a key came before any with one: the keys networkx gave those are not
    /// known, so no later key is taken for its numbering.
    keyless_first: bool,
    /// Keys not kept, being networkx's numbering.
    numbered: usize,
}

impl MultigraphKeys {
    /// Follows the link from `source` to `target` with `key` (`None`: a link without one,
    /// which networkx numbers as it reads it) and says whether its key is networkx's own
    /// numbering, so not to be kept. `directed` is the graph's, as networkx reads it.
    pub fn is_numbering(
        &mut self,
        source: &str,
        target: &str,
        directed: bool,
        key: Option<Key>,
    ) -> bool {
        let taken = match (&mut self.taken, &key) {
            (Some(taken), _) => taken,
            (None, None) => {
                self.keyless_first = true;
                return false;
            }
            (None, Some(_)) if self.keyless_first => return false,
            (taken @ None, Some(_)) => taken.insert(HashMap::new()),
        };
        let keys = between(taken, source, target, directed);
        let next = next_free(keys);
        match key {
            Some(Key::Integer(number)) if number == next => {
                keys.insert(Key::Integer(next));
                self.numbered += 1;
                true
            }
            // networkx numbers a link without a key as it reads it.
            None => {
                keys.insert(Key::Integer(next));
                false
            }
            Some(key) => {
                keys.insert(key);
                false
            }
        }
    }

    /// Numbers a link from `source` to `target` as networkx numbers a link added without a
    /// key, and takes the number: what a writer gives a link whose key was not kept, so that
    /// networkx and [`Self::is_numbering`] read it as networkx's numbering again.
    pub fn number(&mut self, source: &str, target: &str, directed: bool) -> u64 {
        let keys = between(
            self.taken.get_or_insert_with(HashMap::new),
            source,
            target,
            directed,
        );
        let next = next_free(keys);
        keys.insert(Key::Integer(next));
        next
    }

    /// The note counting the keys not kept, if any: "3 multigraph keys not kept: networkx's
    /// own numbering of the links joining the same two nodes (0, 1, …)", then `more`.
    pub fn note(&self, more: &str) -> Option<String> {
        (self.numbered > 0).then(|| {
            format!(
                "{} not kept: networkx's own numbering of the links joining the same two \
                 nodes (0, 1, …){more}",
                counted(self.numbered, "multigraph key", "multigraph keys")
            )
        })
    }
}

/// The keys taken between `source` and `target`: the two in order in a directed graph, in
/// either order in an undirected one.
fn between<'k>(
    taken: &'k mut HashMap<(String, String), HashSet<Key>>,
    source: &str,
    target: &str,
    directed: bool,
) -> &'k mut HashSet<Key> {
    let pair = if directed || source <= target {
        (source, target)
    } else {
        (target, source)
    };
    taken
        .entry((pair.0.to_owned(), pair.1.to_owned()))
        .or_default()
}

/// networkx's `new_edge_key`: the number of keys taken, or the next one free.
fn next_free(keys: &HashSet<Key>) -> u64 {
    let mut next = keys.len() as u64;
    while keys.contains(&Key::Integer(next)) {
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of `links` (source, target, key) have keys networkx numbered itself.
    fn numbering(directed: bool, links: &[(&str, &str, Option<Key>)]) -> Vec<bool> {
        let mut keys = MultigraphKeys::default();
        links
            .iter()
            .map(|(source, target, key)| keys.is_numbering(source, target, directed, key.clone()))
            .collect()
    }

    #[test]
    fn numbers_are_followed_per_pair_of_ends_and_texts_are_never_numbering() {
        let links = [
            ("a", "b", Some(Key::Integer(0))),
            ("b", "a", Some(Key::Integer(1))),
            ("a", "b", Some(Key::text("2"))),
            // 0, 1 and "2" are taken: networkx numbers the next link 3.
            ("a", "b", Some(Key::Integer(3))),
            ("a", "c", Some(Key::Integer(0))),
        ];
        assert_eq!(
            numbering(false, &links),
            [true, true, false, true, true],
            "undirected: b to a joins the same two nodes"
        );
        assert_eq!(
            numbering(true, &links),
            [true, false, false, false, true],
            "directed: b to a is the first link that way, numbered 0; a to b's next is 2"
        );
    }

    #[test]
    fn a_link_without_a_key_takes_the_next_number_but_only_after_one_with_a_key() {
        let after = [
            ("a", "b", Some(Key::Integer(0))),
            ("a", "b", None),
            ("a", "b", Some(Key::Integer(2))),
        ];
        assert_eq!(numbering(true, &after), [true, false, true]);
        // The number networkx gave the first link is not known: nothing is taken for its.
        let first = [("a", "b", None), ("a", "b", Some(Key::Integer(1)))];
        assert_eq!(numbering(true, &first), [false, false]);
    }

    #[test]
    fn a_number_given_is_read_as_networkx_s_numbering_again() {
        let mut written = MultigraphKeys::default();
        let mut read = MultigraphKeys::default();
        assert!(!written.is_numbering("a", "b", false, Some(Key::Integer(1))));
        assert!(!read.is_numbering("a", "b", false, Some(Key::Integer(1))));
        // 1 is taken: the next free number is 2, then 0 between other nodes.
        assert_eq!(written.number("b", "a", false), 2);
        assert!(read.is_numbering("b", "a", false, Some(Key::Integer(2))));
        assert_eq!(written.number("a", "c", false), 0);
        assert!(read.is_numbering("a", "c", false, Some(Key::Integer(0))));
    }

    #[test]
    fn the_note_counts_the_keys_not_kept() {
        let mut keys = MultigraphKeys::default();
        assert_eq!(keys.note(""), None);
        assert!(keys.is_numbering("a", "b", true, Some(Key::Integer(0))));
        assert_eq!(
            keys.note(", as networkx_key").as_deref(),
            Some(
                "1 multigraph key not kept: networkx's own numbering of the links joining the \
                 same two nodes (0, 1, …), as networkx_key"
            )
        );
    }
}
