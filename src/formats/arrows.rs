//! Directions as drawn. yEd writes every graph as directed (GML's `directed 1`, GraphML's
//! `edgedefault="directed"`) and says an edge's direction with the arrowheads it draws; an
//! edge with no arrowhead is undirected, one with an arrowhead at its source only points back,
//! and one with arrowheads at both ends goes both ways, which Chainsight draws as no
//! direction (as GEXF's `mutual` edges are read).
//!
//! vis-network says it with an edge's `arrows` ([`VisArrows`]): an arrowhead at `to`, at
//! `from` (pointing back), in the middle (pointing to `to`, unless its `scaleFactor` is
//! negative), or at both ends. The [`GraphBuilder`](super::import::GraphBuilder) turns an edge
//! that points back round and counts it, as yEd's readers do.
//!
//! Arrowheads are drawn in shapes too (yEd's `diamond`, `white_delta`, `crows_foot_many`...,
//! Cytoscape.js's `tee`, `circle`..., vis-network's `bar`, `crow`...). Chainsight draws a plain
//! arrow for a direction and no other shape; [`ArrowShapes`] counts the links drawn with
//! others, for one note per file.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::import::ImportedEdge;
use crate::words::counted;

/// Where an edge is drawn with an arrowhead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Arrowheads {
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
    /// Directs `edge`, read from its source to its target, as `arrowheads` say. The drawing
    /// decides: a vis-network `arrows` field among its data is not read as well.
    pub fn orient(&mut self, edge: &mut ImportedEdge, arrowheads: Arrowheads) {
        edge.arrows = None;
        if self.direct(&mut edge.directed, arrowheads) {
            std::mem::swap(&mut edge.source, &mut edge.target);
        }
    }

    /// Sets whether an edge is `directed` as `arrowheads` say, and whether it is to be turned
    /// round (an arrowhead at its source only), for a caller holding its ends apart.
    pub fn direct(&mut self, directed: &mut bool, arrowheads: Arrowheads) -> bool {
        let reversed = arrowheads.source && !arrowheads.target;
        match (arrowheads.source, arrowheads.target) {
            (false, true) => {}
            (true, false) => self.reversed += 1,
            // Two-way: drawn both ways; one relation without a direction says that.
            (true, true) => self.both += 1,
            (false, false) => self.undirected += 1,
        }
        *directed = arrowheads.source != arrowheads.target;
        reversed
    }

    /// The note saying which directions came from the arrowheads `drawn_by` (`yEd`) draws,
    /// if any did anything.
    pub fn note(&self, drawn_by: &str) -> Option<String> {
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
        (!directions.is_empty()).then(|| {
            format!(
                "directions as {drawn_by} draws them: {}",
                directions.join("; ")
            )
        })
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

/// Where vis-network draws an edge's arrowheads, as its `arrows` option says, and the shapes
/// of those that are no plain arrow. vis reads a text as the ends it names anywhere in it
/// (`"to"`, `"to, from"`, `"from;middle"`), and an object end by end (`{"to": true}`,
/// `{"to": {"enabled": true, "type": "circle"}}`; an end given as an object without
/// `enabled` is drawn, as vis's documentation says).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct VisArrows {
    /// The `from` end is the source, the `to` end the target; a middle arrowhead counts at the
    /// end it points to.
    pub heads: Arrowheads,
    /// The shapes of the arrowheads drawn that are no plain arrow (`circle`, `bar`...), as the
    /// file names them.
    pub shapes: Vec<String>,
}

impl VisArrows {
    /// The arrowheads a text states: vis-network's ends named anywhere in it, or a yes or no
    /// (`true`, `none`...); `None` where it states neither (it stays an attribute).
    pub fn of_text(text: &str) -> Option<Self> {
        let word = text.trim().to_lowercase();
        let heads = |source, target| Self {
            heads: Arrowheads { source, target },
            shapes: Vec::new(),
        };
        match word.as_str() {
            "" | "false" | "no" | "0" | "null" | "none" | "undirected" => Some(heads(false, false)),
            "true" | "yes" | "1" | "directed" => Some(heads(false, true)),
            "mutual" | "both" => Some(heads(true, true)),
            // An object written out as text (a CSV cell, a GraphML column).
            object if object.starts_with('{') => serde_json::from_str::<Map<String, Value>>(text)
                .ok()
                .and_then(|ends| Self::of_ends(&ends)),
            // As vis reads it: `indexOf("to")`..., so any separator will do.
            ends => {
                let (to, from) = (ends.contains("to"), ends.contains("from"));
                let middle = ends.contains("middle");
                (to || from || middle).then(|| heads(from, to || middle))
            }
        }
    }

    /// The arrowheads a JSON value states: an object end by end, anything else as
    /// [`Self::of_text`] reads it written out.
    pub fn of_value(value: &Value) -> Option<Self> {
        match value {
            Value::Object(ends) => Self::of_ends(ends),
            Value::String(text) => Self::of_text(text),
            Value::Null => Self::of_text(""),
            Value::Bool(flag) => Self::of_text(if *flag { "true" } else { "false" }),
            Value::Number(number) => Self::of_text(&number.to_string()),
            Value::Array(_) => None,
        }
    }

    /// `{"to": …, "middle": …, "from": …}`; `None` when it names none of the three.
    fn of_ends(ends: &Map<String, Value>) -> Option<Self> {
        let mut arrows = Self::default();
        let mut named = false;
        for (end, value) in ends {
            let end = end.as_str();
            if !matches!(end, "to" | "from" | "middle") {
                continue;
            }
            named = true;
            let Some(shape) = drawn_end(value) else {
                continue;
            };
            // A negative scale turns the middle arrowhead round, as vis-network's documentation
            // says.
            let backwards = end == "middle"
                && value
                    .get("scaleFactor")
                    .and_then(Value::as_f64)
                    .is_some_and(|scale| scale < 0.0);
            if end == "from" || backwards {
                arrows.heads.source = true;
            } else {
                arrows.heads.target = true;
            }
            if !is_plain_vis_arrow(shape) {
                arrows.shapes.push(super::excerpt(shape, 40));
            }
        }
        named.then_some(arrows)
    }
}

/// Whether one end of a vis-network `arrows` object is drawn, and the shape it names:
/// `true`, or an object whose `enabled` is missing or true (as JavaScript takes it: not
/// `false`, `0`, `""` or `null`), in vis's default shape, `arrow`, where it names none.
fn drawn_end(value: &Value) -> Option<&str> {
    const DEFAULT: &str = "arrow";
    match value {
        Value::Bool(true) => Some(DEFAULT),
        Value::Object(end) => {
            let enabled = end.get("enabled").is_none_or(|enabled| match enabled {
                Value::Null => false,
                Value::Bool(flag) => *flag,
                Value::Number(number) => number.as_f64().is_some_and(|n| n != 0.0),
                Value::String(text) => !text.is_empty(),
                Value::Array(_) | Value::Object(_) => true,
            });
            enabled.then(|| end.get("type").and_then(Value::as_str).unwrap_or(DEFAULT))
        }
        _ => None,
    }
}

/// Whether vis-network draws `shape` as a plain arrow: its default `arrow`, `triangle` and
/// `vee` (arrowheads pointing the same way, as Cytoscape.js's `triangle` and `vee` are taken),
/// and any name vis does not know, which it draws as its arrow.
pub(super) fn is_plain_vis_arrow(shape: &str) -> bool {
    !VIS_OTHER_SHAPES
        .iter()
        .any(|other| shape.trim().eq_ignore_ascii_case(other))
}

/// The arrow shapes vis-network draws that are no plain arrow.
const VIS_OTHER_SHAPES: [&str; 9] = [
    "bar",
    "box",
    "circle",
    "crow",
    "curve",
    "diamond",
    "image",
    "inv_curve",
    "inv_triangle",
];

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

    /// `(at from, at to, shapes)`, or `None` where the value says no arrows at all.
    fn ends(arrows: Option<VisArrows>) -> Option<(bool, bool, Vec<String>)> {
        arrows.map(|a| (a.heads.source, a.heads.target, a.shapes))
    }

    #[test]
    fn vis_arrows_in_text_name_their_ends_with_any_separator() {
        let text = |text| ends(VisArrows::of_text(text));
        let drawn = |from, to| Some((from, to, Vec::new()));
        assert_eq!(text("to"), drawn(false, true));
        assert_eq!(text("from"), drawn(true, false), "points back");
        assert_eq!(text(" To "), drawn(false, true));
        for both in ["to, from", "from;to", "to,middle,from", "from, middle"] {
            assert_eq!(text(both), drawn(true, true), "{both}");
        }
        assert_eq!(
            text("middle"),
            drawn(false, true),
            "a mid arrow points to `to`"
        );
        assert_eq!(text("to, middle"), drawn(false, true));
        for none in ["", "false", "none", "null", "0"] {
            assert_eq!(text(none), drawn(false, false), "{none:?}");
        }
        assert_eq!(text("true"), drawn(false, true));
        assert_eq!(text("mutual"), drawn(true, true));
        assert_eq!(text("sideways"), None, "names no end: no direction");
        assert_eq!(
            text(r#"{"from": true}"#),
            drawn(true, false),
            "an object as text"
        );
        assert_eq!(text("{not json"), None);
    }

    #[test]
    fn vis_arrows_objects_are_read_end_by_end() {
        let object = |value: Value| ends(VisArrows::of_value(&value));
        let drawn = |from, to| Some((from, to, Vec::new()));
        assert_eq!(object(serde_json::json!({"to": true})), drawn(false, true));
        assert_eq!(
            object(serde_json::json!({
                "to": {"enabled": true, "type": "arrow"},
                "from": {"enabled": false}
            })),
            drawn(false, true)
        );
        assert_eq!(
            object(serde_json::json!({"from": {"enabled": true}, "to": false})),
            drawn(true, false)
        );
        assert_eq!(
            object(serde_json::json!({"to": {"scaleFactor": 2}})),
            drawn(false, true),
            "an end without `enabled` is drawn"
        );
        assert_eq!(
            object(serde_json::json!({"to": true, "from": {"scaleFactor": 0.5}})),
            drawn(true, true)
        );
        assert_eq!(
            object(serde_json::json!({"middle": {"enabled": true, "scaleFactor": -1}})),
            drawn(true, false),
            "a negative scale turns the middle arrowhead round"
        );
        assert_eq!(
            object(serde_json::json!({"middle": true})),
            drawn(false, true)
        );
        assert_eq!(
            object(serde_json::json!({"to": {"enabled": 0}, "from": null, "middle": "yes"})),
            drawn(false, false)
        );
        assert_eq!(object(serde_json::json!({"color": "red"})), None);
        assert_eq!(object(serde_json::json!(["to"])), None);
        assert_eq!(object(serde_json::json!("from")), drawn(true, false));
        assert_eq!(object(serde_json::json!(false)), drawn(false, false));
    }

    #[test]
    fn vis_arrow_shapes_beyond_a_plain_arrow_are_kept_for_the_note() {
        let shapes = |value: Value| {
            VisArrows::of_value(&value)
                .map(|a| a.shapes)
                .unwrap_or_default()
        };
        for plain in ["arrow", "triangle", "vee", "Arrow", "no-such-shape"] {
            assert_eq!(
                shapes(serde_json::json!({"to": {"type": plain}})),
                Vec::<String>::new(),
                "{plain}"
            );
        }
        assert_eq!(
            shapes(serde_json::json!({
                "to": {"enabled": true, "type": "circle"},
                "from": {"type": "crow"},
                "middle": {"enabled": false, "type": "diamond"}
            })),
            ["crow", "circle"],
            "the ends drawn only"
        );
        for other in VIS_OTHER_SHAPES {
            assert!(!is_plain_vis_arrow(other), "{other}");
            assert!(!is_plain_vis_arrow(&format!(" {} ", other.to_uppercase())));
        }
        let mut note = ArrowShapes::default();
        note.add(["circle", "arrow"], is_plain_vis_arrow);
        assert_eq!(
            note.note().as_deref(),
            Some(
                "1 link's arrow shape (circle) is not drawn: Chainsight draws a plain arrow for \
                 a direction"
            )
        );
    }

    #[test]
    fn a_caller_holding_the_ends_apart_is_told_to_turn_the_edge() {
        let mut drawn = DrawnDirections::default();
        let mut directed = false;
        let heads = |source, target| Arrowheads { source, target };
        assert!(drawn.direct(&mut directed, heads(true, false)));
        assert!(directed);
        assert!(!drawn.direct(&mut directed, heads(true, true)));
        assert!(!directed, "both ways: no one direction");
        assert!(!drawn.direct(&mut directed, heads(false, true)));
        assert!(directed);
        assert_eq!(
            drawn.note("vis-network").as_deref(),
            Some(
                "directions as vis-network draws them: 1 edge drawn with an arrow at its source \
                 only, read from its target to its source; 1 edge drawn with arrows at both \
                 ends, read without a direction"
            )
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
            drawn.note("yEd").as_deref(),
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
            drawn.note("yEd").is_some_and(|note| note
                .ends_with("; 1 edge drawn with arrows at both ends, read without a direction")),
            "{:?}",
            drawn.note("yEd")
        );
        assert_eq!(DrawnDirections::default().note("yEd"), None);
    }
}
