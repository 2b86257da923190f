//! Directions as drawn. yEd writes every graph as directed (GML's `directed 1`, GraphML's
//! `edgedefault="directed"`) and says an edge's direction with the arrowheads it draws; an
//! edge with no arrowhead is undirected, one with an arrowhead at its source only points back,
//! and one with arrowheads at both ends goes both ways, which Chainsight draws as no
//! direction (as GEXF's `mutual` edges are read).
//!
//! Arrowheads are drawn in shapes too (yEd's `diamond`, `white_delta`, `crows_foot_many`...,
//! Cytoscape.js's `tee`, `circle`...). Chainsight draws a plain arrow for a direction and no
//! other shape; [`ArrowShapes`] counts the links drawn with others, for one note per file.

use std::collections::BTreeSet;

use super::import::ImportedEdge;
use crate::words::counted;

/// Where an edge is drawn with an arrowhead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Arrowheads {
    pub source: bool,
    pub target: bool,
}

impl Arrowheads {
    /// The arrowheads yEd names by shape (`standard`, `delta`...; `none` for none).
    pub fn from_shapes(source: Option<&str>, target: Option<&str>) -> Self {
        let drawn =
            |shape: Option<&str>| shape.is_some_and(|s| !s.trim().eq_ignore_ascii_case("none"));
        Self {
            source: drawn(source),
            target: drawn(target),
        }
    }
}

/// How many edges the arrowheads turned round, left without a direction or pointed both
/// ways (also left without one), for the load report.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DrawnDirections {
    reversed: usize,
    undirected: usize,
    both: usize,
}

impl DrawnDirections {
    /// Directs `edge`, read from its source to its target, as `arrowheads` say.
    pub fn orient(&mut self, edge: &mut ImportedEdge, arrowheads: Arrowheads) {
        match (arrowheads.source, arrowheads.target) {
            (false, true) => edge.directed = true,
            (true, false) => {
                self.reversed += 1;
                std::mem::swap(&mut edge.source, &mut edge.target);
                edge.directed = true;
            }
            // Two-way: yEd draws it both ways; one relation without a direction says that.
            (true, true) => {
                self.both += 1;
                edge.directed = false;
            }
            (false, false) => {
                self.undirected += 1;
                edge.directed = false;
            }
        }
    }

    /// The note saying which directions came from the arrowheads, if any did anything.
    pub fn note(&self) -> Option<String> {
        let mut directions = Vec::new();
        if self.reversed > 0 {
            directions.push(format!(
                "{} drawn with an arrow at its source only, read from its target to its source",
                counted(self.reversed, "edge", "edges")
            ));
        }
        if self.undirected > 0 {
            directions.push(format!(
                "{} drawn without an arrow, read without a direction",
                counted(self.undirected, "edge", "edges")
            ));
        }
        if self.both > 0 {
            directions.push(format!(
                "{} drawn with arrows at both ends, read without a direction",
                counted(self.both, "edge", "edges")
            ));
        }
        (!directions.is_empty())
            .then(|| format!("directions as yEd draws them: {}", directions.join("; ")))
    }
}

/// Whether yEd draws `shape` as a plain arrow, or none: `standard` and `delta` (filled
/// triangles), `short` (a shorter one), `plain` (an open one), `none`.
pub(super) fn is_plain_yed_arrow(shape: &str) -> bool {
    ["none", "standard", "delta", "short", "plain"]
        .iter()
        .any(|plain| shape.trim().eq_ignore_ascii_case(plain))
}

/// The links of a file drawn with arrowheads of shapes Chainsight does not draw, and those
/// shapes, for one note.
#[derive(Debug, Default)]
pub(super) struct ArrowShapes {
    links: usize,
    shapes: BTreeSet<String>,
}

impl ArrowShapes {
    /// The most shapes the note names.
    const LISTED: usize = 8;

    /// Counts one link drawn with arrowheads of `shapes` (as the file names them), where
    /// some is not `plain` (a plain arrow, or none).
    pub fn add<'s>(&mut self, shapes: impl IntoIterator<Item = &'s str>, plain: fn(&str) -> bool) {
        let mut drawn = false;
        for shape in shapes
            .into_iter()
            .map(str::trim)
            .filter(|shape| !plain(shape))
        {
            drawn = true;
            if self.shapes.len() <= Self::LISTED {
                self.shapes.insert(super::excerpt(shape, 40));
            }
        }
        self.links += usize::from(drawn);
    }

    /// "12 links' arrow shapes (diamond, crows_foot_many) are not drawn: Chainsight draws a
    /// plain arrow for a direction", if any link was counted.
    pub fn note(&self) -> Option<String> {
        if self.links == 0 {
            return None;
        }
        let mut listed: Vec<&str> = self
            .shapes
            .iter()
            .take(Self::LISTED)
            .map(String::as_str)
            .collect();
        if self.shapes.len() > Self::LISTED {
            listed.push("…");
        }
        let (whose, are) = match (self.links, listed.len()) {
            (1, 1) => ("1 link's arrow shape".to_owned(), "is"),
            (1, _) => ("1 link's arrow shapes".to_owned(), "are"),
            (links, _) => (format!("{links} links' arrow shapes"), "are"),
        };
        Some(format!(
            "{whose} ({}) {are} not drawn: Chainsight draws a plain arrow for a direction",
            listed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_arrow_shapes_beyond_a_plain_arrow_are_counted_once_each() {
        let mut shapes = ArrowShapes::default();
        shapes.add(["none", "standard"], is_plain_yed_arrow);
        shapes.add(["Delta", " plain ", "short"], is_plain_yed_arrow);
        assert_eq!(shapes.note(), None, "plain arrows are drawn");
        shapes.add(["diamond", "none"], is_plain_yed_arrow);
        assert_eq!(
            shapes.note().as_deref(),
            Some(
                "1 link's arrow shape (diamond) is not drawn: Chainsight draws a plain arrow \
                 for a direction"
            )
        );
        shapes.add(["crows_foot_many", "diamond"], is_plain_yed_arrow);
        assert_eq!(
            shapes.note().as_deref(),
            Some(
                "2 links' arrow shapes (crows_foot_many, diamond) are not drawn: Chainsight \
                 draws a plain arrow for a direction"
            )
        );
        let names: Vec<String> = (0..20).map(|i| format!("shape{i:02}")).collect();
        for name in &names {
            shapes.add([name.as_str()], is_plain_yed_arrow);
        }
        let note = shapes.note().unwrap_or_default();
        assert!(
            note.starts_with("22 links' arrow shapes (crows_foot_many, diamond, shape00,")
                && note.contains("shape05, …) are not drawn"),
            "{note}"
        );
    }

    #[test]
    fn arrowheads_turn_an_edge_round_undirect_it_or_keep_it() {
        let mut drawn = DrawnDirections::default();
        let heads = |source, target| Arrowheads::from_shapes(Some(source), Some(target));
        let mut edge = ImportedEdge::new("a", "b");
        drawn.orient(&mut edge, heads("standard", "none"));
        assert_eq!(
            (edge.source.as_str(), edge.target.as_str(), edge.directed),
            ("b", "a", true)
        );
        let mut edge = ImportedEdge::new("a", "b");
        drawn.orient(&mut edge, heads("none", "None"));
        assert!(!edge.directed);
        let mut edge = ImportedEdge::new("a", "b");
        drawn.orient(&mut edge, heads("none", "delta"));
        assert_eq!((edge.source.as_str(), edge.directed), ("a", true));
        assert_eq!(
            drawn.note().as_deref(),
            Some(
                "directions as yEd draws them: 1 edge drawn with an arrow at its source only, \
                 read from its target to its source; 1 edge drawn without an arrow, read \
                 without a direction"
            )
        );
        // Two-headed: both ways, which is no one direction.
        let mut edge = ImportedEdge::new("a", "b");
        drawn.orient(&mut edge, heads("standard", "standard"));
        assert_eq!(
            (edge.source.as_str(), edge.target.as_str(), edge.directed),
            ("a", "b", false)
        );
        assert!(
            drawn.note().is_some_and(|note| note
                .ends_with("; 1 edge drawn with arrows at both ends, read without a direction")),
            "{:?}",
            drawn.note()
        );
        assert_eq!(DrawnDirections::default().note(), None);
    }
}
