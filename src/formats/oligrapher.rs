//! Oligrapher (LittleSis "map of power") maps: nodes, edges and captions are maps keyed by id;
//! an edge joins `node1_id` and `node2_id` with `arrow` one of `"1->2"`, `"2->1"`, `"both"` or
//! null (Oligrapher 2: `true` for 1 to 2, `"left"`, `"right"`); each node and edge may carry
//! one source `url`. The LittleSis server form wraps the graph as `graph_data`; Oligrapher 2
//! keeps node and edge fields under `display`.
//!
//! What is read: names, descriptions, images and urls; node positions (`x`, `y`); node colours
//! (`color`, drawn as the file's colours) and sizes (`scale`, kept as `size`); edge labels and
//! direction; the map's title, subtitle, date and people. A dashed edge keeps `dash = true`:
//! LittleSis draws a relationship dashed when it is not known to be current, so it is not read
//! as hedged. Story-mode annotations become a story, one step each (header, text, highlighted
//! nodes and edges). Highlight states, edge widths and curves only say how the map was drawn:
//! they are counted in one note. Captions are warned about; anything else is named in a "not
//! read" note.

use serde_json::{Map, Value};

use super::fields::{
    Misfit, edge_from_fields, id_text, into_object, node_from_fields, not_read_note, scalar_text,
};
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::{Loaded, Warning};
use crate::model::{Story, StoryStep};
use crate::words::counted;

/// Whether `document` is an Oligrapher map.
pub fn recognise(document: &Map<String, Value>) -> bool {
    if document.contains_key("graph_data") {
        return true;
    }
    match document.get("graph") {
        Some(Value::Object(graph)) => is_graph(graph),
        // Oligrapher 3 stores the graph object itself: nodes and edges keyed by id.
        _ => document.get("nodes").is_some_and(Value::is_object) && is_graph(document),
    }
}

/// A graph object: captions, or edges keyed by id that join `node1_id` and `node2_id`.
fn is_graph(graph: &Map<String, Value>) -> bool {
    graph.contains_key("captions")
        || graph
            .get("edges")
            .and_then(Value::as_object)
            .is_some_and(|edges| edges.values().any(|edge| edge.get("node1_id").is_some()))
}

/// Reads an Oligrapher map.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let (mut graph, graph_key) = take_graph(&mut document)?;
    let unwrapped = graph_key.is_empty();
    // Paths into the graph: `graph.nodes.2`, or `nodes.2` for a graph at the top level.
    let prefix = |rest: &str| {
        if graph_key.is_empty() {
            rest.to_owned()
        } else {
            format!("{graph_key}.{rest}")
        }
    };
    let mut builder = GraphBuilder::new(
        file,
        if unwrapped {
            "Oligrapher map (graph at the top level)"
        } else {
            "Oligrapher map"
        },
    );
    // What the file says that is not read, for one note: `attributes.settings`, `graph.id (942)`.
    let mut unread = Vec::new();
    let mut annotations = read_attributes(&mut builder, &mut document, &mut unread);
    if let Some(found) = take_annotations(&mut document) {
        annotations = Some(found);
    }
    if let Some(Value::Object(captions)) = graph.remove("captions")
        && !captions.is_empty()
    {
        builder.warn(
            prefix("captions"),
            format!(
                "{} not shown",
                counted(
                    captions.len(),
                    "free-text caption is",
                    "free-text captions are"
                )
            ),
        );
    }

    let mut old_display = 0;
    let mut drawing = Drawing::default();
    let nodes = into_object(
        graph.remove("nodes").unwrap_or(Value::Object(Map::new())),
        &prefix("nodes"),
        "the nodes, keyed by id",
    )?;
    for (key, node) in nodes {
        let json_path = prefix(&format!("nodes.{key}"));
        let (node, display) = read_node(node, key, &json_path, &mut drawing)?;
        old_display += usize::from(display);
        builder.add_node(&json_path, node);
    }

    let edges = into_object(
        graph.remove("edges").unwrap_or(Value::Object(Map::new())),
        &prefix("edges"),
        "the edges, keyed by id",
    )?;
    let mut dashed = 0;
    for (key, edge) in edges {
        let json_path = prefix(&format!("edges.{key}"));
        let (imported, display) = read_edge(edge, key, &json_path, &mut drawing)?;
        old_display += usize::from(display);
        dashed += usize::from(imported.attributes.contains_key("dash"));
        builder.add_edge(&json_path, imported);
    }
    // Nulls say nothing.
    for (key, value) in graph.into_iter().filter(|(_, value)| !value.is_null()) {
        unread.push(unread_item(&prefix(&key), &value));
    }
    for (key, value) in document.into_iter().filter(|(_, value)| !value.is_null()) {
        unread.push(unread_item(&key, &value));
    }

    if old_display > 0 {
        builder.note(format!(
            "{old_display} nodes and edges keep their fields under \"display\" (an older \
             Oligrapher map); read from there"
        ));
    }
    if dashed > 0 {
        builder.note(format!(
            "{} the attribute dash = true: LittleSis draws a relationship dashed when it is \
             not known to be current, so dashed is not read as hedged",
            counted(dashed, "edge drawn dashed keeps", "edges drawn dashed keep")
        ));
    }
    if let Some(note) = drawing.note() {
        builder.note(note);
    }
    if let Some(note) = not_read_note("not read", &unread) {
        builder.note(note);
    }
    let mut loaded = builder.finish();
    if let Some((path, list)) = annotations {
        add_story(&mut loaded, &path, list);
    }
    Ok(loaded)
}

/// The map's story-mode annotations as a story, one step each: its `header` the step's title,
/// its `text` (HTML) the caption, its `nodeIds` and `edgeIds` what the step highlights. Ids
/// that name nothing in the map and annotations that are no objects are warned about.
fn add_story(loaded: &mut Loaded, json_path: &str, list: Vec<Value>) {
    let mut steps = Vec::with_capacity(list.len());
    for (index, annotation) in list.into_iter().enumerate() {
        let path = format!("{json_path}[{index}]");
        let Value::Object(annotation) = annotation else {
            loaded.report.warnings.push(Warning::new(
                path,
                format!(
                    "found {}, expected an annotation (a JSON object with a header and text); \
                     the step is left out",
                    super::fields::describe(&annotation)
                ),
            ));
            continue;
        };
        let text = |key: &str| {
            annotation
                .get(key)
                .and_then(scalar_text)
                .unwrap_or_default()
        };
        let caption = crate::source_text::SourceText::from_html(&text("text"))
            .text()
            .trim()
            .to_owned();
        let mut step = StoryStep {
            title: text("header").trim().to_owned(),
            caption,
            ..StoryStep::default()
        };
        let mut unknown = Vec::new();
        let ids = |key: &str| {
            annotation
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(id_text)
                .collect::<Vec<String>>()
        };
        for id in ids("nodeIds") {
            match loaded.dataset.entity_by_id(&id) {
                Some(entity) => step.entities.push(entity),
                None => unknown.push(format!("node \"{}\"", super::excerpt(&id, 40))),
            }
        }
        for id in ids("edgeIds") {
            match loaded.dataset.relation_by_id(&id) {
                Some(relation) => step.relations.push(relation),
                None => unknown.push(format!("edge \"{}\"", super::excerpt(&id, 40))),
            }
        }
        if !unknown.is_empty() {
            loaded.report.warnings.push(Warning::new(
                path,
                format!(
                    "the annotation highlights {} the map does not have: {}; the step \
                     highlights the rest",
                    counted(unknown.len(), "item", "items"),
                    unknown.join(", ")
                ),
            ));
        }
        steps.push(step);
    }
    if steps.is_empty() {
        return;
    }
    loaded.report.notes.push(format!(
        "story-mode annotations read as a story of {}",
        counted(steps.len(), "step", "steps")
    ));
    let title = match loaded.dataset.metadata.title.trim() {
        "" => "Story".to_owned(),
        title => title.to_owned(),
    };
    loaded.dataset.stories.push(Story { title, steps });
}

/// Where the LittleSis server form keeps the annotations, as JSON text.
const ANNOTATIONS_DATA: &str = "attributes.annotations_data";

/// Fields of a node that only say how it was drawn: what it is called in the note, and its
/// keys.
const NODE_DRAWING: [(&str, &[&str]); 1] = [("highlight status", &["status"])];

/// Fields of an edge that only say how it was drawn.
const EDGE_DRAWING: [(&str, &[&str]); 3] = [
    ("highlight status", &["status"]),
    ("line width (scale)", &["scale"]),
    ("curve (cx, cy)", &["cx", "cy"]),
];

/// Drawing fields taken out of nodes and edges, counted for one note: ("nodes", "highlight
/// status") and how many had it.
#[derive(Default)]
struct Drawing(Vec<((&'static str, &'static str), usize)>);

impl Drawing {
    /// Takes the `fields` out of `map`, counting the elements (`what`: "nodes") that gave one.
    fn take(
        &mut self,
        map: &mut Map<String, Value>,
        fields: &[(&'static str, &[&str])],
        what: &'static str,
    ) {
        for &(name, keys) in fields {
            let mut given = false;
            for key in keys {
                given |= map.remove(*key).is_some_and(|value| !value.is_null());
            }
            if given {
                match self.0.iter_mut().find(|(field, _)| *field == (what, name)) {
                    Some((_, count)) => *count += 1,
                    None => self.0.push(((what, name), 1)),
                }
            }
        }
    }

    /// "how the map was drawn, not read: the highlight status of 6 nodes, …".
    fn note(&self) -> Option<String> {
        let items: Vec<String> = self
            .0
            .iter()
            .map(|&((what, name), count)| {
                let one = &what[..what.len() - 1];
                format!("the {name} of {}", counted(count, one, what))
            })
            .collect();
        (!items.is_empty())
            .then(|| format!("how the map was drawn, not read: {}", items.join(", ")))
    }
}

/// One thing not read, for the note: its path, with its value when that is short text.
fn unread_item(path: &str, value: &Value) -> String {
    match value {
        Value::Object(_) | Value::Array(_) | Value::Null => path.to_owned(),
        scalar => format!(
            "{path} ({})",
            super::excerpt(&scalar_text(scalar).unwrap_or_default(), 40)
        ),
    }
}

/// The map's title, subtitle or description, date and people, from `attributes` (Oligrapher 3
/// and the LittleSis server form) or the top level (Oligrapher 2's `title`). Other attributes
/// (sharing settings, the lock, the map's id) are added to `unread`. Returns the LittleSis
/// server form's annotations (`annotations_data`, JSON text), if any.
fn read_attributes(
    builder: &mut GraphBuilder,
    document: &mut Map<String, Value>,
    unread: &mut Vec<String>,
) -> Option<(String, Vec<Value>)> {
    let mut attributes = match document.remove("attributes") {
        Some(Value::Object(attributes)) => attributes,
        Some(other) => {
            unread.push(unread_item("attributes", &other));
            Map::new()
        }
        None => Map::new(),
    };
    let text = |map: &mut Map<String, Value>, key: &str| {
        map.remove(key)
            .as_ref()
            .and_then(scalar_text)
            .filter(|text| !text.trim().is_empty())
    };
    let title = text(&mut attributes, "title");
    let top_title = text(document, "title");
    if let Some(title) = title.clone().or(top_title.clone()) {
        builder.metadata_mut().title = title;
    }
    if let (Some(_), Some(top)) = (&title, &top_title)
        && title.as_ref() != Some(top)
    {
        unread.push(format!("title ({})", super::excerpt(top, 40)));
    }
    let subtitle = text(&mut attributes, "subtitle");
    let description = text(&mut attributes, "description");
    match (subtitle, description) {
        (Some(subtitle), Some(description)) if subtitle != description => {
            builder.metadata_mut().description = Some(format!("{subtitle}\n\n{description}"));
        }
        (Some(text), _) | (None, Some(text)) => builder.metadata_mut().description = Some(text),
        (None, None) => {}
    }
    // Oligrapher writes the map's date as people write it ("March 3, 2022"); a dataset's
    // `created` holds an ISO date. One that reads as neither is named as not read.
    if let Some(date) = text(&mut attributes, "date") {
        let iso = super::native::calendar_date(&date)
            .map(str::to_owned)
            .or_else(|| {
                ["MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "MMMM yyyy"]
                    .iter()
                    .find_map(|format| super::gephi_lite::year_first(date.trim(), format))
            });
        match iso {
            Some(iso) => builder.metadata_mut().created = Some(iso),
            None => unread.push(format!("date ({})", super::excerpt(&date, 40))),
        }
    }
    // The map's owner and the people who may edit it.
    let mut people = Vec::new();
    for key in ["owner", "user"] {
        if let Some(Value::Object(person)) = attributes.get(key)
            && let Some(name) = person.get("name").and_then(scalar_text)
        {
            people.push(name);
            attributes.remove(key);
        }
    }
    if let Some(Value::Array(editors)) = attributes.get("editors") {
        people.extend(
            editors
                .iter()
                .filter_map(|editor| editor.get("name").and_then(scalar_text)),
        );
        attributes.remove("editors");
    }
    for name in people {
        let authors = &mut builder.metadata_mut().authors;
        if !name.trim().is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }
    // The LittleSis server form keeps the annotations as JSON text.
    let annotations = match attributes.remove("annotations_data") {
        Some(Value::String(text)) if !text.trim().is_empty() => {
            match serde_json::from_str::<Vec<Value>>(&text) {
                Ok(list) => Some((ANNOTATIONS_DATA.to_owned(), list)),
                Err(error) => {
                    builder.warn(
                        ANNOTATIONS_DATA,
                        format!(
                            "the story-mode annotations are not a JSON list of annotations \
                             ({error}); they are not read"
                        ),
                    );
                    None
                }
            }
        }
        Some(Value::Array(list)) => Some((ANNOTATIONS_DATA.to_owned(), list)),
        _ => None,
    };
    for (key, value) in attributes.into_iter().filter(|(_, value)| !value.is_null()) {
        unread.push(unread_item(&format!("attributes.{key}"), &value));
    }
    annotations
}

/// The story-mode annotations and where they are: Oligrapher 3's `annotations.list` (and its
/// `sources` page, where it says something), or Oligrapher 2's list `annotations`.
fn take_annotations(document: &mut Map<String, Value>) -> Option<(String, Vec<Value>)> {
    match document.remove("annotations")? {
        Value::Object(mut annotations) => {
            let mut list = match annotations.remove("list") {
                Some(Value::Array(list)) => list,
                _ => Vec::new(),
            };
            if let Some(sources) = annotations.remove("sources")
                && sources
                    .get("text")
                    .and_then(Value::as_str)
                    .is_some_and(|text| !text.trim().is_empty())
            {
                list.push(sources);
            }
            Some(("annotations.list".to_owned(), list))
        }
        Value::Array(list) => Some(("annotations".to_owned(), list)),
        _ => None,
    }
}

/// One node, and whether its fields were under `display`.
fn read_node(
    node: Value,
    key: String,
    json_path: &str,
    drawing: &mut Drawing,
) -> Result<(ImportedNode, bool), Misfit> {
    let mut map = into_object(node, json_path, "a node")?;
    let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
    // Older maps keep the name, image, position and URL under `display`.
    let display = take_display(&mut map);
    // Derived drawing state, recomputed by Oligrapher on load.
    map.remove("edgeIds");
    drawing.take(&mut map, &NODE_DRAWING, "nodes");
    // The node's drawn size relative to others, as `size` is for other formats.
    if !map.contains_key("size")
        && let Some(scale) = map.remove("scale")
    {
        map.insert("size".to_owned(), scale);
    }
    Ok((node_from_fields(id, map), display))
}

/// One edge: its endpoints by `arrow`, and whether its fields were under `display`.
fn read_edge(
    edge: Value,
    key: String,
    json_path: &str,
    drawing: &mut Drawing,
) -> Result<(ImportedEdge, bool), Misfit> {
    let mut map = into_object(edge, json_path, "an edge")?;
    let mut end = |field: &str| {
        let value = map.remove(field).unwrap_or(Value::Null);
        id_text(&value).ok_or_else(|| {
            Misfit::new(
                format!("{json_path}.{field}"),
                format!(
                    "found {}, expected a node id",
                    super::fields::describe(&value)
                ),
            )
        })
    };
    let node1 = end("node1_id")?;
    let node2 = end("node2_id")?;
    let display = take_display(&mut map);
    drawing.take(&mut map, &EDGE_DRAWING, "edges");
    // Where the ends were drawn: copies of the nodes' positions and sizes.
    for derived in ["x1", "y1", "x2", "y2", "s1", "s2"] {
        map.remove(derived);
    }
    // Dashed or solid: `true`, `1` or an SVG dash pattern is dashed; solid is no attribute.
    let dash = match map.remove("dash") {
        Some(Value::Bool(true)) => Some("true".to_owned()),
        Some(Value::Number(n)) if n.as_f64().is_some_and(|n| n != 0.0) => Some("true".to_owned()),
        Some(Value::String(text))
            if !matches!(text.trim(), "" | "false" | "0" | "none" | "null") =>
        {
            Some(text)
        }
        _ => None,
    };
    let id = map.remove("id").as_ref().and_then(id_text).unwrap_or(key);
    let arrow = map.remove("arrow");
    let (source, target, directed) = match arrow.as_ref() {
        Some(Value::String(arrow)) if matches!(arrow.as_str(), "2->1" | "left") => {
            (node2, node1, true)
        }
        Some(Value::String(arrow)) if matches!(arrow.as_str(), "1->2" | "right") => {
            (node1, node2, true)
        }
        // Older maps: `"arrow": true` points from node 1 to node 2.
        Some(Value::Bool(true)) => (node1, node2, true),
        _ => (node1, node2, false),
    };
    let mut imported = edge_from_fields(source, target, directed, map);
    imported.id = Some(id);
    if arrow.as_ref().and_then(Value::as_str) == Some("both") {
        imported
            .attributes
            .insert("arrow".to_owned(), "both".to_owned());
    }
    if let Some(dash) = dash {
        imported.attributes.insert("dash".to_owned(), dash);
    }
    Ok((imported, display))
}

/// The graph object and the key it was under: `graph_data` (LittleSis), `graph`, or `""` when
/// the document is the graph itself (Oligrapher 3).
fn take_graph(
    document: &mut Map<String, Value>,
) -> Result<(Map<String, Value>, &'static str), Misfit> {
    let graph_key = if document.contains_key("graph_data") {
        "graph_data"
    } else if document.contains_key("graph") {
        "graph"
    } else {
        let mut graph = Map::new();
        for key in ["nodes", "edges", "captions"] {
            if let Some(value) = document.remove(key) {
                graph.insert(key.to_owned(), value);
            }
        }
        return Ok((graph, ""));
    };
    let graph = into_object(
        document.remove(graph_key).unwrap_or(Value::Null),
        graph_key,
        "the map's graph",
    )?;
    Ok((graph, graph_key))
}

/// Moves the fields under `display` up (fields at the top win); whether there were any.
fn take_display(map: &mut Map<String, Value>) -> bool {
    let had = map
        .get("display")
        .and_then(Value::as_object)
        .is_some_and(|display| !display.is_empty());
    super::fields::flatten_nested(map, "display");
    had
}
