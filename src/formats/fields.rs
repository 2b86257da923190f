//! What the JSON graph formats have in common: records are objects whose fields mean much the
//! same thing whatever the tool (`label` or `name`, `type` or `group`, `weight` or `value`).
//! This maps such an object to an [`ImportedNode`] or [`ImportedEdge`], keeping every field it
//! does not map as an attribute, and gives importers typed access with errors that carry the
//! JSON path of the misfit.

use serde_json::{Map, Value};

use std::collections::HashMap;

use super::import::{GraphBuilder, ImportedEdge, ImportedNode, attribute_text};
use super::native::RawSpeaker;
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

/// Removes the first of `keys` present with a scalar value and returns it as text.
fn take_text(map: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for key in keys {
        if let Some(value) = map.get(*key)
            && let Some(text) = scalar_text(value)
        {
            map.remove(*key);
            return Some(text);
        }
    }
    None
}

/// Moves the fields of a nested object (`attributes`, `data`, `metadata`) up into `map`;
/// fields already at the top win.
pub fn flatten_nested(map: &mut Map<String, Value>, key: &str) {
    if let Some(Value::Object(nested)) = map.remove(key) {
        for (field, value) in nested {
            map.entry(field).or_insert(value);
        }
    }
}

/// Everything left in `map`, as attributes.
fn into_attributes(map: Map<String, Value>) -> std::collections::BTreeMap<String, String> {
    map.into_iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| (key, attribute_text(&value)))
        .collect()
}

/// Fields a force simulation writes into d3 files; they describe a past run, not the data.
const SIMULATION_FIELDS: [&str; 5] = ["index", "vx", "vy", "fx", "fy"];

/// A node from an object whose id the caller has already taken out.
pub fn node_from_fields(id: String, mut map: Map<String, Value>) -> ImportedNode {
    for field in SIMULATION_FIELDS {
        map.remove(field);
    }
    let label = take_text(&mut map, &["label", "name"]);
    // vis-network and Gephi use `title` as a tooltip: a description when there is a label.
    let title_key: &[&str] = if label.is_some() {
        &["description", "title", "summary", "comment"]
    } else {
        &["description", "summary", "comment"]
    };
    let description = take_text(&mut map, title_key);
    let label = label.or_else(|| take_text(&mut map, &["title"]));
    let kind = take_text(
        &mut map,
        &["kind", "type", "category", "group", "schema", "class"],
    );
    let url = take_text(&mut map, &["url", "href", "link", "website"]);
    let position = match (
        map.get("x").and_then(Value::as_f64),
        map.get("y").and_then(Value::as_f64),
    ) {
        (Some(x), Some(y)) => {
            map.remove("x");
            map.remove("y");
            Some((x as f32, y as f32))
        }
        _ => None,
    };
    ImportedNode {
        id,
        label,
        kind,
        description,
        url,
        aliases: Vec::new(),
        country: None,
        position,
        attributes: into_attributes(map),
    }
}

/// The edge fields that several key names can feed, the first name listed winning.
#[derive(Clone, Copy)]
enum EdgeField {
    Id,
    Kind,
    Label,
    Weight,
    Date,
    Start,
    End,
    Description,
    Url,
    Publisher,
}

const EDGE_FIELDS: usize = 10;

/// Which field a key feeds, and its rank among that field's names (0 wins).
fn edge_field(key: &str) -> Option<(EdgeField, u8)> {
    use EdgeField::{Date, Description, End, Id, Kind, Label, Publisher, Start, Url, Weight};
    Some(match key {
        // networkx multigraph `key`s repeat across node pairs: an attribute, not an id.
        "id" => (Id, 0),
        "relation" => (Kind, 0),
        "kind" => (Kind, 1),
        "type" => (Kind, 2),
        "interaction" => (Kind, 3),
        "relationship" => (Kind, 4),
        "label" => (Label, 0),
        "name" => (Label, 1),
        "caption" => (Label, 2),
        "weight" => (Weight, 0),
        "value" => (Weight, 1),
        "date" => (Date, 0),
        "year" => (Date, 1),
        "start" => (Start, 0),
        "startDate" => (Start, 1),
        "start_date" => (Start, 2),
        "from_date" => (Start, 3),
        "end" => (End, 0),
        "endDate" => (End, 1),
        "end_date" => (End, 2),
        "to_date" => (End, 3),
        "description" => (Description, 0),
        "evidence" => (Description, 1),
        "quote" => (Description, 2),
        "summary" => (Description, 3),
        "title" => (Description, 4),
        "url" => (Url, 0),
        "sourceUrl" => (Url, 1),
        "source_url" => (Url, 2),
        "href" => (Url, 3),
        "link" => (Url, 4),
        "publisher" => (Publisher, 0),
        _ => return None,
    })
}

/// An edge from an object whose endpoints the caller has already taken out. One pass over the
/// fields (this runs once per edge of files with millions of them); a field named twice takes
/// the better-ranked name, and the other stays an attribute.
pub fn edge_from_fields(
    source: String,
    target: String,
    directed: bool,
    map: Map<String, Value>,
) -> ImportedEdge {
    let mut edge = ImportedEdge::new(source, target);
    edge.directed = directed;
    let mut best: [Option<(u8, String, Value)>; EDGE_FIELDS] = Default::default();
    let mut attributes = std::collections::BTreeMap::new();
    for (key, value) in map {
        // Direction, where the record states it.
        match (key.as_str(), &value) {
            ("directed", Value::Bool(flag)) => {
                edge.directed = *flag;
                continue;
            }
            ("undirected", Value::Bool(flag)) => {
                edge.directed = !*flag;
                continue;
            }
            ("arrows", arrows) => {
                edge.directed = !matches!(arrows, Value::Null | Value::Bool(false))
                    && arrows.as_str() != Some("");
                continue;
            }
            ("direction", Value::String(direction)) => {
                edge.directed = direction.eq_ignore_ascii_case("directed");
                continue;
            }
            ("type", Value::String(word))
                if ["directed", "undirected", "mutual"]
                    .iter()
                    .any(|d| word.eq_ignore_ascii_case(d)) =>
            {
                edge.directed = word.eq_ignore_ascii_case("directed");
                continue;
            }
            _ => {}
        }
        let usable = match edge_field(&key) {
            Some((EdgeField::Weight, _)) => value.is_number(),
            Some(_) => scalar_text(&value).is_some(),
            None => false,
        };
        let Some((field, rank)) = edge_field(&key).filter(|_| usable) else {
            if !value.is_null() {
                attributes.insert(key, attribute_text(&value));
            }
            continue;
        };
        let slot = &mut best[field as usize];
        match slot {
            Some((held, _, _)) if *held < rank => {
                attributes.insert(key, attribute_text(&value));
            }
            _ => {
                if let Some((_, old_key, old_value)) = slot.replace((rank, key, value)) {
                    attributes.insert(old_key, attribute_text(&old_value));
                }
            }
        }
    }
    // A bare `title` is a tooltip (vis-network, d3), not a quote from anywhere: it is evidence
    // only beside a link that says where it comes from.
    let no_link = best[EdgeField::Url as usize]
        .as_ref()
        .is_none_or(|(_, _, value)| scalar_text(value).is_none_or(|t| t.trim().is_empty()));
    let bare_title = no_link
        && matches!(&best[EdgeField::Description as usize], Some((_, key, _)) if key == "title");
    if bare_title && let Some((_, key, value)) = best[EdgeField::Description as usize].take() {
        attributes.insert(key, attribute_text(&value));
    }
    let mut take = |field: EdgeField| {
        best[field as usize]
            .take()
            .and_then(|(_, _, value)| scalar_text(&value))
    };
    edge.id = take(EdgeField::Id);
    edge.kind = take(EdgeField::Kind);
    edge.label = take(EdgeField::Label);
    edge.date = take(EdgeField::Date);
    edge.start = take(EdgeField::Start);
    edge.end = take(EdgeField::End);
    edge.description = take(EdgeField::Description);
    edge.url = take(EdgeField::Url);
    edge.publisher = take(EdgeField::Publisher);
    edge.weight = best[EdgeField::Weight as usize]
        .take()
        .and_then(|(_, _, value)| value.as_f64());
    edge.attributes = attributes;
    edge
}

/// A list of strings (or one string) under `key`, removed from `map`.
pub fn take_strings(map: &mut Map<String, Value>, key: &str) -> Vec<String> {
    match map.remove(key) {
        Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        Some(other) => scalar_text(&other).into_iter().collect(),
        None => Vec::new(),
    }
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
                "relation": "supplied", "value": 4, "year": 2012, "url": "https://x.org", "title": "why", "id": 0
            })),
        );
        assert_eq!(edge.kind.as_deref(), Some("supplied"));
        assert_eq!(edge.weight, Some(4.0));
        assert_eq!(edge.date.as_deref(), Some("2012"));
        assert_eq!(edge.url.as_deref(), Some("https://x.org"));
        assert_eq!(edge.description.as_deref(), Some("why"));
        assert_eq!(edge.id.as_deref(), Some("0"));
    }
}
