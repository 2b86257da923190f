//! What the JSON graph formats have in common: records are objects whose fields mean much the
//! same thing whatever the tool (`label` or `name`, `type` or `group`, `weight` or `value`).
//! This maps such an object to an [`ImportedNode`] or [`ImportedEdge`], keeping every field it
//! does not map as an attribute, and gives importers typed access with errors that carry the
//! JSON path of the misfit.

use serde_json::{Map, Value};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::arrows::VisArrows;
use super::attributes::escaped_attribute;
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::native::RawSpeaker;
use super::record::{Field, Record};
use super::vocabulary::{
    EdgeField, NodeField, Stated, edge_field, is_arrows_name, is_type_name, node_field,
    split_aliases, stated_direction, type_direction,
};
use crate::model::{Evidence, Source, SourceIdx, SourceKind};

/// Where and how a document departs from the format it was recognised as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misfit {
    pub json_path: String,
    pub message: String,
}

impl Misfit {
    /// A misfit at `json_path`.
    pub fn new(json_path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            json_path: json_path.into(),
            message: message.into(),
        }
    }
}

/// Describes a value for messages: `string "IBM"`, `a number`, `an object`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".to_owned(),
        Value::String(s) => format!("string \"{}\"", super::excerpt(s, 40)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A writer known to write a missing value as text: R's igraph writes `NA` as "NA", Python
/// (networkx) writes `None` as "None". Only where the file says who wrote it is such a value
/// read as missing (not shown, not a name, not a link); elsewhere "NA" may be a real value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingAsText {
    Igraph,
    Python,
}

impl MissingAsText {
    /// The text this writer writes for a missing value.
    pub fn text(self) -> &'static str {
        match self {
            Self::Igraph => "NA",
            Self::Python => "None",
        }
    }

    /// Whether `value` is exactly that text (around whitespace aside).
    pub fn is_missing(self, value: &str) -> bool {
        value.trim() == self.text()
    }

    /// The note saying that `count` values were read as missing; `None` for none.
    pub fn note(self, count: usize) -> Option<String> {
        let writer = match self {
            Self::Igraph => "igraph (R's NA)",
            Self::Python => "Python (None)",
        };
        (count > 0).then(|| {
            format!(
                "{} \"{}\", as {writer} writes a missing value, read as missing: not shown, and \
                 not a name or a link",
                crate::words::counted(count, "value", "values"),
                self.text()
            )
        })
    }
}

/// The note naming what a reader left unread, `what` first (`keys not read`): the first 20
/// items (short, escaped; each a key, or a key with what it held) and how many others there
/// were. `None` when there are none.
pub fn not_read_note(what: &str, items: &[String]) -> Option<String> {
    const LISTED: usize = 20;
    let (first, rest) = items.split_at(items.len().min(LISTED));
    let mut listed: Vec<String> = first.iter().map(|item| super::excerpt(item, 80)).collect();
    if !rest.is_empty() {
        listed.push(format!("and {} others", rest.len()));
    }
    (!listed.is_empty()).then(|| format!("{what}: {}", listed.join(", ")))
}

/// How many edges a value holds that a reader did not look for: a list of objects each with
/// two ends (`source`/`target`, `from`/`to`, or Arrows.app's `fromId`/`toId`). `None` for
/// anything else.
pub fn unread_edge_count(value: &Value) -> Option<usize> {
    let Value::Array(items) = value else {
        return None;
    };
    let has_ends = |item: &Value| {
        [("source", "target"), ("from", "to"), ("fromId", "toId")]
            .iter()
            .any(|(a, b)| item.get(a).is_some() && item.get(b).is_some())
    };
    (!items.is_empty() && items.iter().all(has_ends)).then_some(items.len())
}

/// `value` as a list, or a misfit saying what it was instead.
pub fn into_array(value: Value, json_path: &str, what: &str) -> Result<Vec<Value>, Misfit> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(Misfit::new(
            json_path,
            format!("found {}, expected a list of {what}", describe(&other)),
        )),
    }
}

/// `value` as an object, or a misfit saying what it was instead.
pub fn into_object(
    value: Value,
    json_path: &str,
    what: &str,
) -> Result<Map<String, Value>, Misfit> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Misfit::new(
            json_path,
            format!(
                "found {}, expected {what} (a JSON object)",
                describe(&other)
            ),
        )),
    }
}

/// A scalar as text: strings as they are, numbers and booleans written out; `None` otherwise.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An id: a string or a number (`1` and `"1"` are the same id).
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Moves the fields of a nested object (`attributes`, `data`, `metadata`) up into `map`;
/// fields already at the top win, and a nested value that differs from theirs stays as
/// `KEY.FIELD` (`attributes.label`), so nothing in the file is lost.
pub fn flatten_nested(map: &mut Map<String, Value>, key: &str) {
    if let Some(Value::Object(nested)) = map.remove(key) {
        for (field, value) in nested {
            match map.get(&field) {
                None => {
                    map.insert(field, value);
                }
                Some(top) if *top == value => {}
                Some(_) => {
                    map.entry(format!("{key}.{field}")).or_insert(value);
                }
            }
        }
    }
}

/// Fields a force simulation writes into d3 files; they describe a past run, not the data.
const SIMULATION_FIELDS: [&str; 5] = ["index", "vx", "vy", "fx", "fy"];

/// The best-ranked field of one kind seen so far: its rank, name and value.
type Slot<'a> = Option<(u8, Cow<'a, str>, Field<'a>)>;

/// Offers `value` (under `key`, of `rank`) to `slot`: it takes the slot if better ranked than
/// what holds it (or equal and later), and what loses stays an attribute.
fn offer<'a>(
    slot: &mut Slot<'a>,
    rank: u8,
    key: Cow<'a, str>,
    value: Field<'a>,
    attributes: &mut BTreeMap<String, String>,
) {
    match slot {
        Some((held, _, _)) if *held < rank => {
            attributes.insert(key.into_owned(), value.into_attribute_text());
        }
        _ => {
            if let Some((_, old_key, old_value)) = slot.replace((rank, key, value)) {
                attributes.insert(old_key.into_owned(), old_value.into_attribute_text());
            }
        }
    }
}

/// The text of a slot's value.
fn slot_text(slot: Slot) -> Option<String> {
    slot.and_then(|(_, _, value)| match value {
        // Taken over, not copied: most fields of most records are strings.
        Field::Str(text) => Some(text.into_owned()),
        other => other.scalar_text(),
    })
}

/// A node from an object whose id the caller has already taken out. Names come from the
/// [`vocabulary`](super::vocabulary); one pass over the fields, a field named twice taking
/// the better-ranked name, the other staying an attribute.
pub fn node_from_fields(id: String, map: Map<String, Value>) -> ImportedNode {
    node_from_record(id, Record::from_map(map))
}

/// [`node_from_fields`] for a [`Record`].
pub fn node_from_record(id: String, record: Record<'_>) -> ImportedNode {
    const FIELDS: usize = NodeField::Y as usize + 1;
    let mut best: [Slot; FIELDS] = Default::default();
    let mut attributes = BTreeMap::new();
    let mut aliases = Vec::new();
    for (key, value) in record {
        if SIMULATION_FIELDS.contains(&key.as_ref()) || value.is_null() {
            continue;
        }
        if let Some(name) = escaped_attribute(&key) {
            attributes.insert(name.to_owned(), value.into_attribute_text());
            continue;
        }
        let found = node_field(&key);
        let usable = match found {
            Some((NodeField::Id, _)) | None => false,
            Some((NodeField::X | NodeField::Y, _)) => value.is_number(),
            Some((NodeField::Aliases, _)) => {
                matches!(value, Field::Nested(Value::Array(_))) || value.is_scalar()
            }
            Some(_) => value.is_scalar(),
        };
        match found.filter(|_| usable) {
            Some((NodeField::Aliases, _)) if aliases.is_empty() => {
                aliases = match &value {
                    Field::Nested(Value::Array(items)) => {
                        items.iter().filter_map(scalar_text).collect()
                    }
                    other => other
                        .scalar_text()
                        .map(|text| split_aliases(&text))
                        .unwrap_or_default(),
                };
            }
            Some((field, rank)) if field != NodeField::Aliases => {
                offer(&mut best[field as usize], rank, key, value, &mut attributes);
            }
            _ => {
                attributes.insert(key.into_owned(), value.into_attribute_text());
            }
        }
    }
    let position = match (&best[NodeField::X as usize], &best[NodeField::Y as usize]) {
        (Some((_, _, x)), Some((_, _, y))) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => Some((x as f32, y as f32)),
            _ => None,
        },
        _ => None,
    };
    if position.is_some() {
        best[NodeField::X as usize] = None;
        best[NodeField::Y as usize] = None;
    }
    for field in [NodeField::X, NodeField::Y] {
        if let Some((_, key, value)) = best[field as usize].take() {
            attributes.insert(key.into_owned(), value.into_attribute_text());
        }
    }
    let mut take = |field: NodeField| slot_text(best[field as usize].take());
    let mut label = take(NodeField::Label);
    let mut description = take(NodeField::Description);
    // vis-network and Gephi use `title` as a tooltip: the label where there is none, else a
    // description, else an attribute.
    if let Some((_, key, value)) = best[NodeField::Title as usize].take() {
        if label.is_none() {
            label = value.scalar_text();
        } else if description.is_none() {
            description = value.scalar_text();
        } else {
            attributes.insert(key.into_owned(), value.into_attribute_text());
        }
    }
    let mut take = |field: NodeField| slot_text(best[field as usize].take());
    ImportedNode {
        id,
        label,
        kind: take(NodeField::Kind),
        description,
        url: take(NodeField::Url),
        aliases,
        country: take(NodeField::Country),
        position,
        attributes,
    }
}

/// A value as the text a direction field is read from (`null` as none).
fn direction_text(value: &Field) -> String {
    match value {
        Field::Null => String::new(),
        other => other.clone().into_attribute_text(),
    }
}

/// An edge from an object whose endpoints the caller has already taken out. Names come from
/// the [`vocabulary`](super::vocabulary). One pass over the fields (this runs once per edge of
/// files with millions of them); a field named twice takes the better-ranked name, and the
/// other stays an attribute.
pub fn edge_from_fields(
    source: String,
    target: String,
    directed: bool,
    map: Map<String, Value>,
) -> ImportedEdge {
    let mut edge = edge_from_record(directed, Record::from_map(map));
    edge.source = source;
    edge.target = target;
    edge
}

/// [`edge_from_fields`] for a [`Record`], leaving the endpoints empty for the caller to give.
pub fn edge_from_record(directed: bool, record: Record<'_>) -> ImportedEdge {
    const FIELDS: usize = EdgeField::Direction as usize + 1;
    let mut edge = ImportedEdge::new(String::new(), String::new());
    edge.directed = directed;
    let mut best: [Slot; FIELDS] = Default::default();
    let mut attributes = BTreeMap::new();
    for (key, value) in record {
        if let Some(name) = escaped_attribute(&key) {
            if !value.is_null() {
                attributes.insert(name.to_owned(), value.into_attribute_text());
            }
            continue;
        }
        let found = edge_field(&key);
        // Direction, where the record states it.
        let stated = match (found, &value) {
            // vis-network's `arrows` object, read end by end.
            (Some((EdgeField::Direction, _)), Field::Nested(nested)) if is_arrows_name(&key) => {
                VisArrows::of_value(nested).map(Stated::Arrows)
            }
            (Some((EdgeField::Direction, _)), _) => stated_direction(&key, &direction_text(&value)),
            (Some((EdgeField::Kind, _)), _) if is_type_name(&key) => {
                value.as_str().and_then(type_direction)
            }
            _ => None,
        };
        if let Some(stated) = stated {
            if stated.is_mutual() {
                attributes.insert(key.into_owned(), value.into_attribute_text());
            }
            stated.apply(&mut edge);
            continue;
        }
        let usable = match found {
            // The endpoints were taken out; other names for them are attributes here.
            Some((EdgeField::Source | EdgeField::Target | EdgeField::Direction, _)) | None => false,
            Some((EdgeField::Weight, _)) => value.as_f64_or_numeric_text().is_some(),
            Some(_) => value.is_scalar(),
        };
        match found.filter(|_| usable) {
            Some((field, rank)) => {
                offer(&mut best[field as usize], rank, key, value, &mut attributes);
            }
            None => {
                if !value.is_null() {
                    attributes.insert(key.into_owned(), value.into_attribute_text());
                }
            }
        }
    }
    // Where the kind came from names the attribute it is kept as, when it is not shown (see
    // `ImportedEdge::kind_key`).
    edge.kind_key = best[EdgeField::Kind as usize]
        .as_ref()
        .map(|(_, key, _)| key.clone().into_owned());
    let mut take = |field: EdgeField| slot_text(best[field as usize].take());
    edge.id = take(EdgeField::Id);
    edge.kind = take(EdgeField::Kind);
    edge.label = take(EdgeField::Label);
    edge.date = take(EdgeField::Date);
    edge.start = take(EdgeField::Start);
    edge.end = take(EdgeField::End);
    edge.description = take(EdgeField::Description);
    edge.quote = take(EdgeField::Quote);
    edge.url = take(EdgeField::Url);
    edge.publisher = take(EdgeField::Publisher);
    edge.status = take(EdgeField::Status);
    edge.weight = best[EdgeField::Weight as usize]
        .take()
        .and_then(|(_, _, value)| value.as_f64_or_numeric_text());
    edge.attributes = attributes;
    edge
}

/// The sources listed in the graph's metadata (as Chainsight writes them), by id.
pub fn read_sources(
    builder: &mut GraphBuilder,
    sources: Option<&Value>,
) -> HashMap<String, SourceIdx> {
    let mut by_id = HashMap::new();
    let Some(Value::Array(items)) = sources else {
        return by_id;
    };
    for item in items {
        let text = |key: &str| item.get(key).and_then(scalar_text);
        let Some(source_id) = text("id") else {
            continue;
        };
        let idx = builder.add_source(Source {
            source_id: source_id.clone(),
            title: text("title").unwrap_or_else(|| source_id.clone()),
            kind: text("kind")
                .and_then(|k| SourceKind::parse(&k))
                .unwrap_or(SourceKind::Other),
            author: text("author"),
            publisher: text("publisher"),
            date: text("date"),
            url: text("url"),
            text_file: text("text_file"),
        });
        by_id.insert(source_id, idx);
    }
    by_id
}

/// An evidence item as Chainsight writes it into other formats.
pub fn read_evidence(item: &Value, sources: &HashMap<String, SourceIdx>) -> Evidence {
    let text = |key: &str| item.get(key).and_then(scalar_text);
    let cites = item
        .get("cites")
        .and_then(Value::as_array)
        .map(|cites| {
            cites
                .iter()
                .filter_map(scalar_text)
                .filter_map(|c| sources.get(&c).copied())
                .collect()
        })
        .unwrap_or_default();
    Evidence {
        quote: text("quote").unwrap_or_default(),
        source: text("source").and_then(|s| sources.get(&s).copied()),
        locator: text("locator"),
        cites,
        note: text("note"),
        speaker: item
            .get("speaker")
            .and_then(|speaker| serde_json::from_value::<RawSpeaker>(speaker.clone()).ok())
            .and_then(RawSpeaker::into_model),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: &Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn node_fields_are_mapped_and_the_rest_kept() {
        let node = node_from_fields(
            "n1".into(),
            object(&json!({
                "label": "IBM", "title": "tooltip", "group": 3, "x": 1.5, "y": -2, "vx": 0.1, "extra": [1, 2]
            })),
        );
        assert_eq!(node.label.as_deref(), Some("IBM"));
        assert_eq!(node.description.as_deref(), Some("tooltip"));
        assert_eq!(node.kind.as_deref(), Some("3"));
        assert_eq!(node.position, Some((1.5, -2.0)));
        assert_eq!(
            node.attributes.get("extra").map(String::as_str),
            Some("[1,2]")
        );
        assert!(!node.attributes.contains_key("vx"));
    }

    #[test]
    fn edge_direction_comes_from_any_of_the_usual_fields() {
        let undirected = edge_from_fields(
            "a".into(),
            "b".into(),
            true,
            object(&json!({"type": "Undirected"})),
        );
        assert!(!undirected.directed);
        let vis = edge_from_fields(
            "a".into(),
            "b".into(),
            false,
            object(&json!({"arrows": "to"})),
        );
        assert!(vis.directed);
        assert_eq!(
            vis.arrows
                .map(|arrows| (arrows.heads.source, arrows.heads.target)),
            Some((false, true))
        );
        // The object form, read end by end; the builder turns it round (see `import.rs`).
        let back = edge_from_fields(
            "a".into(),
            "b".into(),
            false,
            object(&json!({"arrows": {"from": {"enabled": true, "type": "bar"}, "to": false}})),
        );
        assert!(back.directed);
        assert!(!back.attributes.contains_key("arrows"));
        assert_eq!(
            back.arrows
                .map(|arrows| (arrows.heads.source, arrows.heads.target, arrows.shapes)),
            Some((true, false, vec!["bar".to_owned()]))
        );
        let both = edge_from_fields(
            "a".into(),
            "b".into(),
            true,
            object(&json!({"arrows": {"to": true, "from": true}})),
        );
        assert!(!both.directed, "both ways: no one direction");
        assert_eq!(
            both.attributes.get("arrows").map(String::as_str),
            Some(r#"{"from":true,"to":true}"#),
            "and what the file said is kept"
        );
        let kumu = edge_from_fields(
            "a".into(),
            "b".into(),
            true,
            object(&json!({"direction": "mutual", "type": "supplied"})),
        );
        assert!(!kumu.directed);
        assert_eq!(kumu.kind.as_deref(), Some("supplied"));
    }

    #[test]
    fn edge_fields_are_mapped() {
        let edge = edge_from_fields(
            "a".into(),
            "b".into(),
            true,
            object(&json!({
                "relation": "supplied", "value": 4, "year": 2012, "url": "https://x.org",
                "excerpt": "said so", "summary": "why", "title": "hover", "id": 0
            })),
        );
        assert_eq!(edge.kind.as_deref(), Some("supplied"));
        assert_eq!(edge.weight, Some(4.0));
        assert_eq!(edge.date.as_deref(), Some("2012"));
        assert_eq!(edge.url.as_deref(), Some("https://x.org"));
        assert_eq!(edge.quote.as_deref(), Some("said so"));
        assert_eq!(edge.description.as_deref(), Some("why"));
        assert_eq!(edge.attributes["title"], "hover");
        assert_eq!(edge.id.as_deref(), Some("0"));
    }
}
