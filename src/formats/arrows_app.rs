//! Neo4j's Arrows.app diagrams (arrows.app): `{"graph": {"nodes": [...], "relationships":
//! [...], "style": {...}}, "diagramName": "..."}` as Arrows saves a diagram, or the graph
//! object alone, as its Export → JSON writes it (and as older files have it).
//!
//! A node is `{"id", "position": {"x", "y"}, "caption", "labels": [...], "properties": {...},
//! "style": {...}}`: its caption is its name (the id where it has none), its first label its
//! kind (the others are kept as the attribute `labels`), its properties its fields, read by
//! the [vocabulary](super::vocabulary) as any importer's (`description`, `url`, `country`…),
//! and its position where it starts. A relationship is `{"id", "fromId", "toId", "type",
//! "properties", "style"}`: its type is the relation's kind or label, in words where it is
//! written in Neo4j's upper case (`SUPPLIED_TO` → "supplied to", the type as written kept as
//! the attribute `type`), and it is directed unless its style or the diagram's says
//! `"directionality": "undirected"`. Arrows itself drops a relationship whose end names no
//! node; here it is an error at that end, since the file is damaged.

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{
    Misfit, describe, edge_from_fields, id_text, into_array, into_object, node_from_fields,
    not_read_note, scalar_text,
};
use super::import::{GraphBuilder, attribute_text, parse_entity_kind};
use super::vocabulary::{EdgeField, NodeField, edge_field, node_field};
use crate::words::counted;

/// The name the load report gives the format.
const FORMAT: &str = "Neo4j Arrows.app JSON";

/// Whether `map` is an Arrows.app graph: `nodes` and `relationships` lists (and no `edges` or
/// `links` beside them, which would make it some other format's graph).
fn is_graph(map: &Map<String, Value>) -> bool {
    map.get("nodes").is_some_and(Value::is_array)
        && map.get("relationships").is_some_and(Value::is_array)
        && !map.contains_key("edges")
        && !map.contains_key("links")
}

/// Whether the document is an Arrows.app diagram: its graph under `graph` (a saved diagram)
/// or at the top level (Export → JSON, and older files).
pub fn recognise(document: &Map<String, Value>) -> bool {
    match document.get("graph") {
        Some(Value::Object(graph)) => is_graph(graph),
        _ => is_graph(document),
    }
}

/// What one load counts for its notes.
#[derive(Default)]
struct Tally {
    /// Relationship types written in Neo4j's upper case, read as words.
    worded_types: usize,
    /// An example of them: the type as written and as read.
    worded_example: Option<(String, String)>,
    /// Relationships without a direction, as the diagram's style draws them.
    undirected: usize,
    /// Nodes coloured by their style's `node-color`.
    coloured: usize,
    /// Style settings not read, by name, with how many nodes and relationships had each.
    styles: std::collections::BTreeMap<String, usize>,
}

/// Reads an Arrows.app diagram.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let wrapped = document.get("graph").is_some_and(Value::is_object);
    let (mut graph, base) = if wrapped {
        let graph = into_object(
            document.remove("graph").unwrap_or(Value::Null),
            "graph",
            "the diagram's graph",
        )?;
        (graph, "graph.")
    } else {
        let mut graph = std::mem::take(&mut document);
        // The name is the document's, wherever the graph is.
        if let Some(name) = graph.remove("diagramName") {
            document.insert("diagramName".to_owned(), name);
        }
        (graph, "")
    };
    let nodes = into_array(
        graph.remove("nodes").unwrap_or(Value::Null),
        &format!("{base}nodes"),
        "nodes",
    )?;
    let relationships = into_array(
        graph.remove("relationships").unwrap_or(Value::Null),
        &format!("{base}relationships"),
        "relationships",
    )?;
    let mut builder = GraphBuilder::new(file, FORMAT);
    builder.reserve(nodes.len(), relationships.len());
    let graph_style = match graph.remove("style") {
        Some(Value::Object(style)) => style,
        _ => Map::new(),
    };
    let mut tally = Tally::default();

    for (i, node) in nodes.into_iter().enumerate() {
        let json_path = format!("{base}nodes[{i}]");
        let node = into_object(node, &json_path, "a node")?;
        read_node(&mut builder, &json_path, node, &mut tally)?;
    }
    let undirected_by_default = directionality(&graph_style) == Some("undirected");
    for (i, relationship) in relationships.into_iter().enumerate() {
        let json_path = format!("{base}relationships[{i}]");
        let relationship = into_object(relationship, &json_path, "a relationship")?;
        read_relationship(
            &mut builder,
            &json_path,
            relationship,
            undirected_by_default,
            &mut tally,
        )?;
    }

    read_document(&mut builder, document, &graph, base);
    notes(&mut builder, &tally);
    Ok(builder.finish())
}

/// A style's setting `key` as text, where it has one that is not blank.
fn style_text(style: Option<&Value>, key: &str) -> Option<String> {
    style
        .and_then(|style| style.get(key))
        .and_then(scalar_text)
        .filter(|text| !text.trim().is_empty())
}

/// A style's `directionality` (`directed` or `undirected`), where it gives one.
fn directionality(style: &Map<String, Value>) -> Option<&str> {
    style.get("directionality").and_then(Value::as_str)
}

/// Counts the settings of an item's `style` that are not read (all but `skip`).
fn count_styles(tally: &mut Tally, style: Option<&Value>, skip: &str) {
    if let Some(Value::Object(style)) = style {
        for key in style.keys().filter(|key| key.as_str() != skip) {
            *tally.styles.entry(key.clone()).or_default() += 1;
        }
    }
}

/// A node's `labels`: a list (or one text), blanks left out; anything else is warned of.
fn labels_of(builder: &mut GraphBuilder, json_path: &str, labels: Option<Value>) -> Vec<String> {
    match labels {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(labels)) => labels
            .iter()
            .filter_map(scalar_text)
            .filter(|label| !label.trim().is_empty())
            .collect(),
        Some(Value::String(label)) => {
            if label.trim().is_empty() {
                Vec::new()
            } else {
                vec![label]
            }
        }
        Some(other) => {
            builder.warn(
                format!("{json_path}.labels"),
                format!(
                    "found {}, expected a list of labels; not read",
                    describe(&other)
                ),
            );
            Vec::new()
        }
    }
}

/// A node's `position`, `{"x", "y"}`; anything else is warned of, and the node laid out.
fn position_of(
    builder: &mut GraphBuilder,
    json_path: &str,
    position: Option<Value>,
) -> Option<(f32, f32)> {
    let value = position.filter(|value| !value.is_null())?;
    let coordinate = |axis: &str| value.get(axis).and_then(Value::as_f64);
    if let (Some(x), Some(y)) = (coordinate("x"), coordinate("y")) {
        return Some((x as f32, y as f32));
    }
    builder.warn(
        format!("{json_path}.position"),
        format!(
            "found {}, expected {{\"x\": number, \"y\": number}}; the node is laid out afresh",
            describe(&value)
        ),
    );
    None
}

/// An item's `properties`; anything but an object is warned of and not read.
fn properties_of(
    builder: &mut GraphBuilder,
    json_path: &str,
    properties: Option<Value>,
) -> Map<String, Value> {
    match properties {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(properties)) => properties,
        Some(other) => {
            builder.warn(
                format!("{json_path}.properties"),
                format!(
                    "found {}, expected an object of properties; not read",
                    describe(&other)
                ),
            );
            Map::new()
        }
    }
}

/// `properties` split into the fields to read and those `taken` (named like something the
/// item gives a place of its own), which stay attributes, followed by the item's `rest`
/// (Arrows's own keys: `entityType`, `ontologies`…), kept as attributes too.
fn split_properties(
    properties: Map<String, Value>,
    rest: Map<String, Value>,
    taken: impl Fn(&str) -> bool,
) -> (Map<String, Value>, Vec<(String, Value)>) {
    let (kept, fields): (Map<String, Value>, Map<String, Value>) =
        properties.into_iter().partition(|(key, _)| taken(key));
    let mut kept: Vec<(String, Value)> = kept.into_iter().collect();
    kept.extend(rest.into_iter().filter(|(_, value)| !value.is_null()));
    (fields, kept)
}

/// Reads one node into `builder`.
fn read_node(
    builder: &mut GraphBuilder,
    json_path: &str,
    mut node: Map<String, Value>,
    tally: &mut Tally,
) -> Result<(), Misfit> {
    let id = node.remove("id").unwrap_or(Value::Null);
    let id = id_text(&id).ok_or_else(|| {
        Misfit::new(
            format!("{json_path}.id"),
            format!("found {}, expected the node's id", describe(&id)),
        )
    })?;
    let caption = node
        .remove("caption")
        .as_ref()
        .and_then(scalar_text)
        .filter(|caption| !caption.trim().is_empty());
    let labels = labels_of(builder, json_path, node.remove("labels"));
    let position = position_of(builder, json_path, node.remove("position"));
    let style = node.remove("style");
    let colour = style_text(style.as_ref(), "node-color");
    count_styles(tally, style.as_ref(), "node-color");
    let properties = properties_of(builder, json_path, node.remove("properties"));
    // A name beside a caption, a type beside labels, x and y beside a position stay
    // attributes.
    let (mut fields, kept) = split_properties(properties, node, |key| match node_field(key) {
        Some((NodeField::Label, _)) => caption.is_some(),
        Some((NodeField::Kind, _)) => !labels.is_empty(),
        Some((NodeField::X | NodeField::Y, _)) => position.is_some(),
        _ => false,
    });
    if let Some(caption) = caption {
        // Under a name no property has now (those were set aside above).
        fields.insert("caption".to_owned(), Value::String(caption));
    }
    let mut imported = node_from_fields(id, fields);
    let mut labels = labels.into_iter();
    // The builder keeps a kind it does not know as the attribute `kind`.
    let kind_attribute_taken = labels
        .as_slice()
        .first()
        .is_some_and(|first| parse_entity_kind(first).is_none());
    imported.kind = labels.next();
    for (key, value) in kept {
        let key = if kind_attribute_taken && key == "kind" {
            "kind 2".to_owned()
        } else {
            key
        };
        imported.attributes.insert(key, attribute_text(&value));
    }
    let others: Vec<String> = labels.collect();
    if !others.is_empty() {
        let key = if imported.attributes.contains_key("labels") {
            "labels 2"
        } else {
            "labels"
        };
        imported
            .attributes
            .insert(key.to_owned(), others.join(" | "));
    }
    if position.is_some() {
        imported.position = position;
    }
    // A node's own colour; the diagram's, for the nodes left as they were, says nothing of
    // them (and would hide the colours of their kinds).
    if let Some(colour) = colour
        && !imported.attributes.contains_key("color")
    {
        tally.coloured += 1;
        imported.attributes.insert("color".to_owned(), colour);
    }
    builder.add_node(json_path, imported);
    Ok(())
}

/// A relationship type in Neo4j's convention, upper case with underscores (`SUPPLIED_TO`), in
/// words (`supplied to`); `None` for a type written otherwise, which is read as written.
fn worded_type(written: &str) -> Option<String> {
    let upper = written.chars().any(char::is_alphabetic)
        && written
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_' || !c.is_alphabetic());
    if !upper || written.chars().any(char::is_whitespace) {
        return None;
    }
    let words: Vec<String> = written
        .split('_')
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Reads one relationship into `builder`; one whose end names no node is an error there.
fn read_relationship(
    builder: &mut GraphBuilder,
    json_path: &str,
    mut relationship: Map<String, Value>,
    undirected_by_default: bool,
    tally: &mut Tally,
) -> Result<(), Misfit> {
    let mut end = |key: &str| {
        let path = format!("{json_path}.{key}");
        let value = relationship.remove(key).unwrap_or(Value::Null);
        let Some(id) = id_text(&value) else {
            return Err(Misfit::new(
                path,
                format!(
                    "found {}, expected the id of the node the relationship {}",
                    describe(&value),
                    if key == "fromId" {
                        "comes from"
                    } else {
                        "goes to"
                    }
                ),
            ));
        };
        if !builder.has_node(&id) {
            return Err(Misfit::new(
                path,
                format!(
                    "\"{}\" names no node of the diagram; expected the id of one of its nodes",
                    super::excerpt(&id, 40)
                ),
            ));
        }
        Ok(id)
    };
    let from = end("fromId")?;
    let to = end("toId")?;
    let id = relationship.remove("id").as_ref().and_then(id_text);
    let written_type = relationship
        .remove("type")
        .as_ref()
        .and_then(scalar_text)
        .filter(|text| !text.trim().is_empty());
    let style = relationship.remove("style");
    let directed = match style
        .as_ref()
        .and_then(Value::as_object)
        .and_then(directionality)
    {
        Some(own) => own != "undirected",
        None => !undirected_by_default,
    };
    count_styles(tally, style.as_ref(), "directionality");
    let properties = properties_of(builder, json_path, relationship.remove("properties"));
    // An id, a type or a direction (which Arrows draws by style) stay attributes.
    let (fields, kept) = split_properties(properties, relationship, |key| match edge_field(key) {
        Some((EdgeField::Id | EdgeField::Direction, _)) => true,
        Some((EdgeField::Kind, _)) => written_type.is_some(),
        _ => false,
    });
    let mut edge = edge_from_fields(from, to, directed, fields);
    for (key, value) in kept {
        edge.attributes.insert(key, attribute_text(&value));
    }
    edge.id = id;
    if !directed {
        tally.undirected += 1;
    }
    if let Some(written) = written_type {
        let labelled = edge.label.as_deref().is_some_and(|l| !l.trim().is_empty());
        edge.kind_key = Some("type".to_owned());
        // Beside a label of its own, the builder keeps the type, as written, as the attribute
        // `type`; alone, it is what the relation reads, so in words.
        match worded_type(&written).filter(|_| !labelled) {
            Some(words) => {
                tally.worded_types += 1;
                tally
                    .worded_example
                    .get_or_insert_with(|| (written.clone(), words.clone()));
                edge.attributes.insert("type".to_owned(), written);
                edge.kind = Some(words);
            }
            None => edge.kind = Some(written),
        }
    }
    builder.add_edge(json_path, edge);
    Ok(())
}

/// The diagram's name is the dataset's title; what else the document and the graph hold is
/// named in a note (Arrows's `gangs`, the ontologies of its newer versions…).
fn read_document(
    builder: &mut GraphBuilder,
    document: Map<String, Value>,
    graph: &Map<String, Value>,
    base: &str,
) {
    let mut unread = Vec::new();
    for (key, value) in document {
        match (key.as_str(), &value) {
            ("diagramName", Value::String(name)) if !name.trim().is_empty() => {
                name.trim().clone_into(&mut builder.metadata_mut().title);
            }
            (_, Value::Null) => {}
            (_, Value::Array(items)) if items.is_empty() => {}
            _ => unread.push(key),
        }
    }
    for (key, value) in graph {
        match value {
            Value::Null => {}
            Value::Array(items) if items.is_empty() => {}
            _ => unread.push(format!("{base}{key}")),
        }
    }
    if let Some(note) = not_read_note("not read", &unread) {
        builder.note(note);
    }
}

/// The notes of one load: types put in words, directions, colours and the styles not read.
fn notes(builder: &mut GraphBuilder, tally: &Tally) {
    if let Some((written, words)) = &tally.worded_example {
        builder.note(format!(
            "{} in Neo4j's upper case read as words (\"{}\" as \"{}\"), kept as written \
             as the attribute \"type\"",
            counted(
                tally.worded_types,
                "relationship's type",
                "relationships' types"
            ),
            super::excerpt(written, 40),
            super::excerpt(words, 40)
        ));
    }
    if tally.undirected > 0 {
        builder.note(format!(
            "{} without a direction, as the diagram's style draws them (\"directionality\": \
             \"undirected\")",
            counted(tally.undirected, "relationship", "relationships")
        ));
    }
    if tally.coloured > 0 {
        builder.note(format!(
            "{} coloured in the diagram (their style's \"node-color\", kept as the attribute \
             \"color\")",
            counted(tally.coloured, "node", "nodes")
        ));
    }
    if !tally.styles.is_empty() {
        let styles: Vec<String> = tally
            .styles
            .iter()
            .map(|(key, count)| format!("{key} ({count})"))
            .collect();
        if let Some(note) = not_read_note(
            "drawing styles of nodes and relationships not read (Chainsight draws its own)",
            &styles,
        ) {
            builder.note(note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Loaded, Misfit> {
        let Ok(Value::Object(document)) = serde_json::from_str(text) else {
            panic!("not a JSON object: {text}");
        };
        read("diagram.json", document)
    }

    #[test]
    fn neo4j_types_are_read_as_words() {
        assert_eq!(worded_type("SUPPLIED_TO").as_deref(), Some("supplied to"));
        assert_eq!(worded_type("OWNS").as_deref(), Some("owns"));
        assert_eq!(worded_type("HAS_5G").as_deref(), Some("has 5g"));
        assert_eq!(worded_type("supplies"), None);
        assert_eq!(worded_type("Works_For"), None);
        assert_eq!(worded_type("IS A"), None);
        assert_eq!(worded_type("___"), None);
        assert_eq!(worded_type("123"), None);
    }

    #[test]
    fn recognised_under_graph_and_at_the_top_level_but_not_beside_edges() {
        let object = |text: &str| match serde_json::from_str(text) {
            Ok(Value::Object(map)) => map,
            _ => panic!("{text}"),
        };
        assert!(recognise(&object(
            r#"{"graph": {"nodes": [], "relationships": []}}"#
        )));
        assert!(recognise(&object(r#"{"nodes": [], "relationships": []}"#)));
        assert!(!recognise(&object(
            r#"{"graph": {"nodes": [], "edges": [], "relationships": []}}"#
        )));
        assert!(!recognise(&object(
            r#"{"graph": {"nodes": {}, "relationships": []}}"#
        )));
        assert!(!recognise(&object(r#"{"nodes": [], "links": []}"#)));
    }

    #[test]
    fn properties_named_like_its_own_places_stay_attributes() {
        let loaded = read_text(
            r#"{"nodes": [
                 {"id": "n0", "position": {"x": 1, "y": 2}, "caption": "IBM",
                  "labels": ["Vendor", "Listed"],
                  "properties": {"name": "International Business Machines", "kind": "x",
                                 "x": "9", "description": "Armonk"}},
                 {"id": "n1", "caption": "", "labels": [], "properties": {"name": "Huawei"}}],
               "relationships": [
                 {"id": "r0", "fromId": "n0", "toId": "n1", "type": "PARTNERED_WITH",
                  "properties": {"type": "joint venture", "id": "7", "directed": "no"}}]}"#,
        )
        .unwrap();
        let d = &loaded.dataset;
        assert_eq!(d.entities[0].name, "IBM");
        assert_eq!(d.entities[0].description.as_deref(), Some("Armonk"));
        let attributes = &d.entities[0].attributes;
        assert_eq!(attributes["name"], "International Business Machines");
        assert_eq!(attributes["kind"], "Vendor", "the label outside the kinds");
        assert_eq!(attributes["kind 2"], "x", "the property is not overwritten");
        assert_eq!(attributes["x"], "9");
        assert_eq!(attributes["labels"], "Listed");
        assert_eq!(d.positions[0].1.x, 1.0);
        assert_eq!(
            d.entities[1].name, "Huawei",
            "a name property where no caption"
        );
        let relation = &d.relations[0];
        assert_eq!(relation.relation_id, "r0");
        assert_eq!(relation.kind, crate::model::RelationKind::PartneredWith);
        assert_eq!(relation.label, None);
        assert!(relation.directed);
        assert_eq!(relation.attributes["type"], "PARTNERED_WITH");
        assert_eq!(relation.attributes["id"], "7");
        assert_eq!(relation.attributes["directed"], "no");
        assert!(
            loaded.report.warnings.is_empty(),
            "{:?}",
            loaded.report.warnings
        );
    }

    #[test]
    fn a_type_beside_a_label_is_kept_as_written() {
        let loaded = read_text(
            r#"{"nodes": [{"id": "a"}, {"id": "b"}],
               "relationships": [{"id": "r", "fromId": "a", "toId": "b", "type": "WORKS_FOR",
                                  "properties": {"label": "employs"}}]}"#,
        )
        .unwrap();
        let relation = &loaded.dataset.relations[0];
        assert_eq!(relation.label.as_deref(), Some("employs"));
        assert_eq!(relation.attributes["type"], "WORKS_FOR");
        assert!(
            loaded.report.warnings.is_empty(),
            "{:?}",
            loaded.report.warnings
        );
    }

    #[test]
    fn undirected_style_and_colours_are_read() {
        let loaded = read_text(
            r##"{"style": {"directionality": "undirected", "node-color": "#ffffff"},
                "nodes": [{"id": "a", "style": {"node-color": "#f44e3b", "radius": 60}},
                          {"id": "b"}],
                "relationships": [
                  {"id": "r0", "fromId": "a", "toId": "b", "type": "KNOWS"},
                  {"id": "r1", "fromId": "b", "toId": "a", "type": "KNOWS",
                   "style": {"directionality": "directed"}}]}"##,
        )
        .unwrap();
        let d = &loaded.dataset;
        assert!(!d.relations[0].directed);
        assert!(d.relations[1].directed);
        assert_eq!(d.entities[0].attributes["color"], "#f44e3b");
        assert!(
            !d.entities[1].attributes.contains_key("color"),
            "not the diagram's"
        );
        let notes = loaded.report.notes.join("\n");
        assert!(
            notes.contains("1 relationship without a direction"),
            "{notes}"
        );
        assert!(notes.contains("radius (1)"), "{notes}");
    }

    #[test]
    fn a_missing_end_is_an_error_at_it() {
        let Err(misfit) = read_text(
            r#"{"graph": {"nodes": [{"id": "a"}],
                          "relationships": [{"id": "r", "fromId": "a", "toId": "zz"}]}}"#,
        ) else {
            panic!("read");
        };
        assert_eq!(misfit.json_path, "graph.relationships[0].toId");
        assert!(
            misfit.message.contains("\"zz\" names no node"),
            "{}",
            misfit.message
        );
        let Err(misfit) =
            read_text(r#"{"nodes": [{"id": "a"}], "relationships": [{"id": "r", "toId": "a"}]}"#)
        else {
            panic!("read");
        };
        assert_eq!(misfit.json_path, "relationships[0].fromId");
        assert!(misfit.message.contains("found null"), "{}", misfit.message);
    }
}
