//! The arrowheads a Cytoscape.js graph draws on its edges, for the load report. Cytoscape.js
//! draws none unless its style says: a stylesheet (`cy.json()`'s `style`, a list of
//! `{"selector": …, "style": {…}}` rules, `css` in older versions) and an element's own
//! `style` set `source-arrow-shape`, `target-arrow-shape` and their `mid-` forms, literally
//! (`"tee"`) or from the edge's data (`"data(arrow)"`). Chainsight draws a plain arrow for a
//! direction and no other shape, so the edges drawn with others are counted for one note.
//!
//! Rules apply in order, a later one winning, and an element's own style last, as in
//! Cytoscape.js. Selectors are followed as far as a group (`edge`, `*`), classes, an id,
//! data tests (`[name]`, `[name = "x"]`, `[name != 2]`, `[?name]`, `[!name]`, `[^name]`)
//! and states (a `:selected` or `:active` edge is not what the file shows) go; a rule whose
//! selector goes further (`edge:loop`, `[weight > 2]`) is named in the note instead.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::super::arrows::ArrowShapes;
use super::super::fields::scalar_text;

/// The style properties that shape an edge's arrowheads.
const ARROW_PROPERTIES: [&str; 4] = [
    "source-arrow-shape",
    "mid-source-arrow-shape",
    "target-arrow-shape",
    "mid-target-arrow-shape",
];

/// An edge's arrowhead shapes as style gives them, by [`ARROW_PROPERTIES`].
type Arrowheads = [Option<String>; 4];

/// Whether Cytoscape.js draws `shape` as a plain arrow, or none: `triangle` (its usual one),
/// `vee`, `triangle-backcurve` and `chevron` (an open one).
fn is_plain(shape: &str) -> bool {
    ["none", "triangle", "vee", "triangle-backcurve", "chevron"]
        .iter()
        .any(|plain| shape.eq_ignore_ascii_case(plain))
}

/// The arrowhead properties a style object sets.
fn arrowheads_of(style: &Map<String, Value>) -> Arrowheads {
    ARROW_PROPERTIES.map(|property| style.get(property).and_then(scalar_text))
}

/// A test on an edge's data, one part of a selector.
#[derive(Debug, PartialEq)]
enum Test {
    Class(String),
    Id(String),
    /// `[name]`, or `[^name]` where negated.
    Has(String, bool),
    /// `[name = value]`, or `[name != value]` where negated.
    Equals(String, String, bool),
    /// `[?name]`, or `[!name]` where negated.
    Truthy(String, bool),
    /// A state the file does not show (`:selected`).
    Never,
}

impl Test {
    fn passes(&self, data: &Map<String, Value>) -> bool {
        let text = |name: &str| data.get(name).and_then(scalar_text);
        match self {
            Test::Class(class) => match data.get("classes") {
                Some(Value::String(classes)) => classes.split_whitespace().any(|c| c == class),
                Some(Value::Array(classes)) => classes.iter().any(|c| c.as_str() == Some(class)),
                _ => false,
            },
            Test::Id(id) => text("id").as_deref() == Some(id),
            Test::Has(name, negated) => {
                data.get(name).is_some_and(|value| !value.is_null()) != *negated
            }
            Test::Equals(name, value, negated) => {
                (text(name).as_deref() == Some(value.as_str())) != *negated
            }
            Test::Truthy(name, negated) => {
                let truthy = match data.get(name) {
                    None | Some(Value::Null | Value::Bool(false)) => false,
                    Some(Value::String(text)) => !text.is_empty(),
                    Some(Value::Number(number)) => number.as_f64() != Some(0.0),
                    Some(_) => true,
                };
                truthy != *negated
            }
            Test::Never => false,
        }
    }
}

/// One selector of a rule's list, read.
#[derive(Debug, PartialEq)]
enum Selector {
    /// It selects no edge (`node`).
    NoEdge,
    /// Edges passing every test.
    Edges(Vec<Test>),
    /// It goes further than [`Test`] follows.
    Unfollowed,
}

/// Reads one selector of a rule's list (`edge.inhibits[interaction = "pp"]`).
fn parse_simple(selector: &str) -> Selector {
    let mut rest = selector.trim();
    if let Some(after) = rest.strip_prefix("edge") {
        rest = after;
    } else if let Some(after) = rest.strip_prefix('*') {
        rest = after;
    } else if rest.starts_with("node") || rest.starts_with("core") {
        return Selector::NoEdge;
    }
    let name_end = |text: &str| {
        text.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(text.len())
    };
    let mut tests = Vec::new();
    while let Some(first) = rest.chars().next() {
        let after = &rest[first.len_utf8()..];
        match first {
            '.' | '#' | ':' => {
                let end = name_end(after);
                let name = &after[..end];
                rest = &after[end..];
                tests.push(match first {
                    _ if name.is_empty() => return Selector::Unfollowed,
                    '.' => Test::Class(name.to_owned()),
                    '#' => Test::Id(name.to_owned()),
                    _ => match name {
                        "selected" | "active" | "grabbed" => Test::Never,
                        "unselected" | "inactive" | "free" | "visible" | "selectable"
                        | "unselectable" | "grabbable" | "ungrabbable" | "locked" | "unlocked" => {
                            continue;
                        }
                        _ => return Selector::Unfollowed,
                    },
                });
            }
            '[' => {
                let Some(close) = after.find(']') else {
                    return Selector::Unfollowed;
                };
                let Some(test) = data_test(&after[..close]) else {
                    return Selector::Unfollowed;
                };
                tests.push(test);
                rest = &after[close + 1..];
            }
            _ => return Selector::Unfollowed,
        }
    }
    Selector::Edges(tests)
}

/// The test inside `[…]`, where [`Test`] follows it.
fn data_test(inside: &str) -> Option<Test> {
    let inside = inside.trim();
    let named = |name: &str| {
        let name = name.trim();
        (!name.is_empty() && !name.contains(char::is_whitespace)).then(|| name.to_owned())
    };
    if let Some(name) = inside.strip_prefix('?') {
        return Some(Test::Truthy(named(name)?, false));
    }
    if let Some(name) = inside.strip_prefix('!') {
        return Some(Test::Truthy(named(name)?, true));
    }
    if let Some(name) = inside.strip_prefix('^') {
        return Some(Test::Has(named(name)?, true));
    }
    let (name, value, negated) = match inside.split_once("!=") {
        Some((name, value)) => (name, value, true),
        None => match inside.split_once('=') {
            Some((name, value)) => (name, value, false),
            None => return Some(Test::Has(named(inside)?, false)),
        },
    };
    // `>=`, `*=`, `^=`, `$=`, `@=`: comparisons and text matches, not followed.
    if name.ends_with(['>', '<', '*', '^', '$', '@', '!']) {
        return None;
    }
    let value = value.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|quote| value.strip_prefix(*quote)?.strip_suffix(*quote))
        .unwrap_or(value);
    Some(Test::Equals(named(name)?, unquoted.to_owned(), negated))
}

/// A stylesheet rule giving arrowheads: each of its selectors' tests (`None` for the whole
/// list where one is not followed), and the arrowheads it sets.
struct Rule {
    tests: Option<Vec<Vec<Test>>>,
    arrowheads: Arrowheads,
}

impl Rule {
    fn applies_to(&self, data: &Map<String, Value>) -> bool {
        self.tests.as_ref().is_some_and(|selectors| {
            selectors
                .iter()
                .any(|tests| tests.iter().all(|test| test.passes(data)))
        })
    }
}

/// The arrowheads a file's style gives its edges, and those counted for the note.
#[derive(Default)]
pub(super) struct EdgeArrows {
    rules: Vec<Rule>,
    /// Selectors of rules not followed that give shapes not drawn.
    unfollowed: BTreeSet<String>,
    shapes: ArrowShapes,
}

impl EdgeArrows {
    /// The rules of a stylesheet (`cy.json()`'s `style`) that give edges arrowheads.
    pub fn of_stylesheet(stylesheet: Option<&Value>) -> Self {
        let mut arrows = Self::default();
        let rules = stylesheet
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for rule in rules {
            let (Some(selector), Some(style)) = (
                rule.get("selector").and_then(Value::as_str),
                rule.get("style")
                    .or_else(|| rule.get("css"))
                    .and_then(Value::as_object),
            ) else {
                continue;
            };
            let arrowheads = arrowheads_of(style);
            if arrowheads.iter().all(Option::is_none) {
                continue;
            }
            let simple: Vec<Selector> = selector
                .split(',')
                .map(parse_simple)
                .filter(|simple| *simple != Selector::NoEdge)
                .collect();
            if simple.is_empty() {
                continue;
            }
            let tests: Option<Vec<Vec<Test>>> = simple
                .into_iter()
                .map(|simple| match simple {
                    Selector::Edges(tests) => Some(tests),
                    Selector::NoEdge | Selector::Unfollowed => None,
                })
                .collect();
            if tests.is_none() && arrowheads.iter().flatten().any(|shape| !is_plain(shape)) {
                arrows
                    .unfollowed
                    .insert(super::super::excerpt(selector.trim(), 40));
            }
            arrows.rules.push(Rule { tests, arrowheads });
        }
        arrows
    }

    /// Counts the edge whose `data` (its fields, `classes` among them) and own `style` are
    /// given, if it is drawn with arrowheads Chainsight does not draw.
    pub fn count(&mut self, data: &Map<String, Value>, own_style: Option<&Map<String, Value>>) {
        if self.rules.is_empty() && own_style.is_none() {
            return;
        }
        let mut drawn: Arrowheads = Default::default();
        let styles = self
            .rules
            .iter()
            .filter(|rule| rule.applies_to(data))
            .map(|rule| rule.arrowheads.clone())
            .chain(own_style.map(arrowheads_of));
        for arrowheads in styles {
            for (slot, shape) in drawn.iter_mut().zip(arrowheads) {
                if shape.is_some() {
                    *slot = shape;
                }
            }
        }
        // A shape mapped from the edge's data, as `data(arrow)`; none where it has no such
        // field, as Cytoscape.js leaves a mapping to missing data unapplied.
        let shapes = drawn.iter().flatten().filter_map(|shape| {
            match shape
                .trim()
                .strip_prefix("data(")
                .and_then(|field| field.strip_suffix(')'))
            {
                Some(field) => data.get(field.trim()).and_then(scalar_text),
                None => Some(shape.clone()),
            }
        });
        let shapes: Vec<String> = shapes.collect();
        self.shapes.add(shapes.iter().map(String::as_str), is_plain);
    }

    /// The note on arrowheads not drawn, if any.
    pub fn note(&self) -> Option<String> {
        let unfollowed = (!self.unfollowed.is_empty()).then(|| {
            let listed: Vec<String> = self
                .unfollowed
                .iter()
                .take(5)
                .map(|selector| crate::formats::quoted(selector))
                .collect();
            let more = if self.unfollowed.len() > 5 {
                ", …"
            } else {
                ""
            };
            format!("{}{more}", listed.join(", "))
        });
        match (self.shapes.note(), unfollowed) {
            (note, None) => note,
            (Some(note), Some(selectors)) => Some(format!(
                "{note}; the style's rules for {selectors} give arrow shapes too, to links not \
                 counted here"
            )),
            (None, Some(selectors)) => Some(format!(
                "the style's rules for {selectors} give arrow shapes that are not drawn: \
                 Chainsight draws a plain arrow for a direction"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            other => panic!("{other}"),
        }
    }

    #[test]
    fn selectors_are_followed_as_far_as_groups_classes_ids_data_and_states() {
        let edge = object(json!({
            "id": "e1", "classes": "inhibits strong", "interaction": "pp", "weight": 2,
            "flag": false, "none": null
        }));
        let passes = |selector: &str| match parse_simple(selector) {
            Selector::Edges(tests) => Some(tests.iter().all(|test| test.passes(&edge))),
            Selector::NoEdge | Selector::Unfollowed => None,
        };
        for selector in [
            "edge",
            "*",
            "edge.inhibits",
            ".strong",
            "#e1",
            "edge[interaction = \"pp\"]",
            "edge[interaction='pp']",
            "[weight = 2]",
            "edge[interaction != 'pd']",
            "edge[weight]",
            "edge[^none]",
            "edge[!flag]",
            "edge[?weight]",
            "edge:unselected.inhibits",
        ] {
            assert_eq!(passes(selector), Some(true), "{selector}");
        }
        for selector in [
            "edge.activates",
            "#e2",
            "edge[interaction = 'pd']",
            "edge[?flag]",
            "edge[none]",
            "edge:selected",
        ] {
            assert_eq!(passes(selector), Some(false), "{selector}");
        }
        for selector in [
            "edge:loop",
            "edge[weight > 1]",
            "edge[weight >= 1]",
            "a b",
            "edge.",
        ] {
            assert_eq!(passes(selector), None, "{selector} is not followed");
        }
        assert_eq!(parse_simple("node"), Selector::NoEdge);
    }

    #[test]
    fn later_rules_win_an_edge_s_own_style_last_and_data_mappings_are_followed() {
        let stylesheet = json!([
            {"selector": "node", "style": {"shape": "ellipse"}},
            {"selector": "edge", "style": {"target-arrow-shape": "triangle", "width": 2}},
            {"selector": "edge.inhibits", "style": {"target-arrow-shape": "tee"}},
            {"selector": "edge.mapped", "css": {"source-arrow-shape": "data(arrow)"}},
            {"selector": "edge:selected", "style": {"target-arrow-shape": "diamond"}},
        ]);
        let mut arrows = EdgeArrows::of_stylesheet(Some(&stylesheet));
        assert_eq!(
            arrows.rules.len(),
            4,
            "the rule giving no arrowhead is left out"
        );
        arrows.count(&object(json!({"id": "plain"})), None);
        assert_eq!(arrows.note(), None, "a triangle is a plain arrow");
        let own = object(json!({"target-arrow-shape": "vee"}));
        arrows.count(&object(json!({"classes": ["inhibits"]})), Some(&own));
        assert_eq!(arrows.note(), None, "the edge's own style wins");
        arrows.count(&object(json!({"classes": "inhibits"})), None);
        arrows.count(
            &object(json!({"classes": "mapped", "arrow": "circle"})),
            None,
        );
        arrows.count(&object(json!({"classes": "mapped"})), None);
        assert_eq!(
            arrows.note().as_deref(),
            Some(
                "2 links' arrow shapes (circle, tee) are not drawn: Chainsight draws a plain \
                 arrow for a direction"
            )
        );
    }

    #[test]
    fn rules_not_followed_are_named_in_the_note() {
        let stylesheet = json!([
            {"selector": "edge:loop", "style": {"target-arrow-shape": "circle"}},
            {"selector": "edge[weight > 2]", "style": {"target-arrow-shape": "triangle"}},
        ]);
        let mut arrows = EdgeArrows::of_stylesheet(Some(&stylesheet));
        arrows.count(&object(json!({"weight": 3})), None);
        assert_eq!(
            arrows.note().as_deref(),
            Some(
                "the style's rules for \"edge:loop\" give arrow shapes that are not drawn: \
                 Chainsight draws a plain arrow for a direction"
            ),
            "a plain arrow not followed is not named"
        );
        assert_eq!(
            EdgeArrows::of_stylesheet(Some(&json!("edge { }"))).note(),
            None
        );
    }
}
