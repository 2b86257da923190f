//! Kumu JSON blueprints: `{"elements": [...], "connections": [...]}`. A connection's `from` and
//! `to` name an element by its `id` if it has one, else by its `label`; `direction` is
//! `directed`, `undirected` or `mutual`; any other key is a field. A project's `name` and
//! `description` are the dataset's; the rest of a project export (maps, loops, perspectives,
//! field settings) is Kumu's own and listed in one note; any other top-level key is warned of.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, edge_from_fields, id_text, into_array, into_object, node_from_fields, scalar_text,
};
use super::import::GraphBuilder;

/// Reads a Kumu blueprint.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let elements = into_array(
        document.remove("elements").unwrap_or(Value::Null),
        "elements",
        "elements",
    )?;
    let connections = into_array(
        document.remove("connections").unwrap_or(Value::Null),
        "connections",
        "connections",
    )?;
    let mut builder = GraphBuilder::new(file, "Kumu JSON blueprint");
    builder.reserve(elements.len(), connections.len());
    read_project(&mut builder, document);
    let mut exported = 0;
    // Connections may name an element by label; labels resolve to the element's id.
    let mut id_of_label: HashMap<String, String> = HashMap::new();
    for (i, element) in elements.into_iter().enumerate() {
        let json_path = format!("elements[{i}]");
        let mut map = into_object(element, &json_path, "an element")?;
        exported += usize::from(from_kumu_export(&mut map, Some("element type")));
        let label = map.get("label").and_then(scalar_text);
        let id = map
            .remove("id")
            .as_ref()
            .and_then(id_text)
            .or_else(|| label.clone())
            .ok_or_else(|| {
                Misfit::new(
                    json_path.clone(),
                    "the element has neither an \"id\" nor a \"label\"",
                )
            })?;
        if let Some(label) = label {
            id_of_label.entry(label).or_insert_with(|| id.clone());
        }
        tags_to_text(&mut map);
        builder.add_node(&json_path, node_from_fields(id, map));
    }
    for (i, connection) in connections.into_iter().enumerate() {
        let json_path = format!("connections[{i}]");
        let mut map = into_object(connection, &json_path, "a connection")?;
        exported += usize::from(from_kumu_export(&mut map, None));
        let mut endpoint = |key: &str| {
            let value = map.remove(key).unwrap_or(Value::Null);
            let name = id_text(&value).ok_or_else(|| {
                Misfit::new(
                    format!("{json_path}.{key}"),
                    format!(
                        "found {}, expected an element id or label",
                        super::fields::describe(&value)
                    ),
                )
            })?;
            Ok::<String, Misfit>(if builder.has_node(&name) {
                name
            } else {
                id_of_label.get(&name).cloned().unwrap_or(name)
            })
        };
        let from = endpoint("from")?;
        let to = endpoint("to")?;
        tags_to_text(&mut map);
        builder.add_edge(&json_path, edge_from_fields(from, to, true, map));
    }
    if exported > 0 {
        builder.note(format!(
            "{exported} elements and connections as Kumu exports them: ids from \"_id\", \
             fields from \"attributes\""
        ));
    }
    Ok(builder.finish())
}

/// Top-level keys of a Kumu project export that hold Kumu's own views and settings, which
/// Chainsight has no use for: they are listed in one note, not warned of one by one.
const PROJECT_SETTINGS: [&str; 9] = [
    "attributeRelevance",
    "attributes",
    "defaultMap",
    "defaultPerspective",
    "loops",
    "maps",
    "perspectives",
    "proxyImages",
    "views",
];

/// The top-level keys besides `elements` and `connections`: the project's `name` and
/// `description` become the dataset's, Kumu's settings are noted, anything else is warned of.
fn read_project(builder: &mut GraphBuilder, document: Map<String, Value>) {
    let mut settings = Vec::new();
    for (key, value) in document {
        let metadata = builder.metadata_mut();
        match (key.as_str(), value) {
            ("name", Value::String(name)) if metadata.title.trim().is_empty() => {
                metadata.title = name;
            }
            ("description", Value::String(text)) if metadata.description.is_none() => {
                // An empty description is Kumu's default: nothing to keep.
                if !text.trim().is_empty() {
                    metadata.description = Some(text);
                }
            }
            (key, value) if PROJECT_SETTINGS.contains(&key) => match value {
                Value::Array(items) if items.is_empty() => {}
                Value::Null => {}
                Value::Array(items) => settings.push(format!("{key} ({})", items.len())),
                _ => settings.push(key.to_owned()),
            },
            (key, value) => {
                let what = match &value {
                    Value::Array(items) => format!("{} items", items.len()),
                    _ => super::fields::describe(&value),
                };
                builder.warn(key, format!("top-level key not used ({what})"));
            }
        }
    }
    if !settings.is_empty() {
        builder.note(format!(
            "Kumu's views and settings not read: {}",
            settings.join(", ")
        ));
    }
}

/// Kumu's own export keeps an item's id in `_id` and its fields (label, `element type`,
/// description, tags…) under `attributes`. Moves them where a blueprint has them; whether it
/// did. `type_key` is Kumu's name for an element's type (`element type`), made its `type`;
/// a connection's is `None`, since its `connection type` is read under that name, which it
/// keeps where it stays an attribute.
fn from_kumu_export(map: &mut Map<String, Value>, type_key: Option<&str>) -> bool {
    let mut changed = false;
    if let Some(id) = map.remove("_id") {
        changed = true;
        map.entry("id").or_insert(id);
    }
    if map.get("attributes").is_some_and(Value::is_object) {
        changed = true;
        super::fields::flatten_nested(map, "attributes");
    }
    if let Some(kind) = type_key.and_then(|key| map.remove(key)) {
        map.entry("type").or_insert(kind);
    }
    changed
}

/// Kumu tags are a list; kept as one attribute, separated the way Kumu sheets write them.
fn tags_to_text(map: &mut Map<String, Value>) {
    if let Some(Value::Array(tags)) = map.get("tags") {
        let joined: Vec<String> = tags.iter().filter_map(scalar_text).collect();
        map.insert("tags".to_owned(), Value::String(joined.join(" | ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Loaded {
        let Ok(Value::Object(document)) = serde_json::from_str(text) else {
            panic!("not a JSON object: {text}");
        };
        read("project.json", document).unwrap_or_else(|misfit| panic!("{misfit:?}"))
    }

    #[test]
    fn project_description_is_the_datasets_and_unknown_keys_are_warned_of() {
        let loaded = read_text(
            r#"{"name": "ChangeLabs", "description": "Interviews, 2019",
                "elements": [{"id": "a"}], "connections": [], "loops": [],
                "mystery": 3}"#,
        );
        let metadata = &loaded.dataset.metadata;
        assert_eq!(metadata.title, "ChangeLabs");
        assert_eq!(metadata.description.as_deref(), Some("Interviews, 2019"));
        let warnings: Vec<(&str, &str)> = loaded
            .report
            .warnings
            .iter()
            .map(|w| (w.json_path.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(warnings, [("mystery", "top-level key not used (number 3)")]);
        assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
    }

    #[test]
    fn a_connection_type_kept_as_an_attribute_keeps_kumu_s_name() {
        let loaded = read_text(
            r#"{"elements": [{"_id": "a"}, {"_id": "b"}],
                "connections": [{"_id": "c1", "from": "a", "to": "b",
                                 "attributes": {"connection type": "+"}}]}"#,
        );
        let relation = &loaded.dataset.relations[0];
        assert_eq!(relation.label, None);
        let attributes: Vec<(&str, &str)> = relation
            .attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(attributes, [("connection type", "+")]);
    }

    #[test]
    fn a_name_that_is_not_text_is_warned_of() {
        let loaded = read_text(r#"{"name": ["x"], "elements": [], "connections": []}"#);
        assert!(loaded.dataset.metadata.title.is_empty());
        assert_eq!(loaded.report.warnings.len(), 1);
        assert_eq!(loaded.report.warnings[0].json_path, "name");
    }
}
