//! Gephi Lite workspaces: a graphology graph under `graphDataset`, with each item's fields in
//! tables beside it, the layout's positions, how Gephi Lite reads each field (a date field
//! dates the relations, in luxon's formats) and the appearance's choice of label.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::Loaded;
use super::fields::{Misfit, id_text, into_object, scalar_text};
use super::graphology::{EdgeHook, SIGMA_Y_UP, read_graph};
use super::import::ImportedEdge;
use super::vocabulary::{EdgeField, edge_field};
use super::xml::ESCAPE_PREFIX;
use crate::words::counted;

/// Reads a Gephi Lite workspace: its graph is graphology, under `graphDataset` (as
/// `fullGraph` in recent versions), each item's fields in tables keyed by the item's key
/// (`nodeData`, `edgeData`; `layout` for positions since 1.0, `nodeRenderingData` and
/// `edgeRenderingData` before), and how Gephi Lite reads each field in `nodeFields` and
/// `edgeFields` (a date field dates the relations). Two notes say what was read and what was
/// not.
pub fn read(file: &str, mut document: Map<String, Value>) -> Result<Loaded, Misfit> {
    let mut dataset = into_object(
        document.remove("graphDataset").unwrap_or(Value::Null),
        "graphDataset",
        "the workspace's graph dataset",
    )?;
    let version = document.remove("version").as_ref().and_then(scalar_text);
    document.remove("type");
    let (mut graph, json_path) = match dataset.remove("fullGraph") {
        Some(full) => (
            into_object(full, "graphDataset.fullGraph", "a graphology graph")?,
            "graphDataset.fullGraph",
        ),
        None => (std::mem::take(&mut dataset), "graphDataset"),
    };
    let mut read = WorkspaceRead::default();
    // Recent Gephi Lite keeps only the structure in `fullGraph`; the items' fields are in
    // tables beside it, keyed by the item's key.
    let holder = if json_path == "graphDataset" {
        &mut graph
    } else {
        &mut dataset
    };
    let node_tables = take_tables(
        holder,
        &["nodeData", "nodeRenderingData", "layout"],
        &mut read,
    );
    let edge_tables = take_tables(holder, &["edgeData", "edgeRenderingData"], &mut read);
    // How Gephi Lite reads each field: a date field is the relation's date.
    let mut fields = FieldModels::default();
    for (key, is_edge) in [("nodeFields", false), ("edgeFields", true)] {
        if let Some(Value::Array(models)) = holder.remove(key) {
            fields.read(key, &models, is_edge);
        }
    }
    let metadata = holder.remove("metadata");
    merge_tables(&mut graph, "nodes", node_tables, &mut read);
    merge_tables(&mut graph, "edges", edge_tables, &mut read);
    let label_field = appearance_label_field(&document);
    let labelled = label_field
        .as_deref()
        .map_or(0, |field| name_nodes_by(&mut graph, field));
    let (description, authors) = read_metadata(metadata, &mut graph, &mut read);
    let nodes = graph
        .get("nodes")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let edges = graph
        .get("edges")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let dated = !fields.edge_dates.is_empty();
    let edge_dates = &mut fields.edge_dates;
    let mut date_by_fields = |fields: &Map<String, Value>, edge: &mut ImportedEdge| {
        let values: Vec<Option<String>> = edge_dates
            .iter()
            .map(|date| fields.get(&date.field_id).and_then(scalar_text))
            .collect();
        date_edge(edge, edge_dates, values);
    };
    let mut loaded = read_graph(
        file,
        graph,
        "Gephi Lite workspace",
        json_path,
        dated.then_some(&mut date_by_fields as EdgeHook<'_>),
        Some(SIGMA_Y_UP),
    )?;
    let meta = &mut loaded.dataset.metadata;
    if meta.description.is_none() {
        meta.description = description;
    }
    if meta.authors.is_empty() {
        meta.authors = authors;
    }
    for key in dataset.keys() {
        read.not_read
            .push(format!("graphDataset.{}", super::excerpt(key, 40)));
    }
    name_unread(&document, label_field.as_deref(), labelled, &mut read);
    let notes = read.notes(version.as_deref(), json_path, (nodes, edges), &fields);
    loaded.report.notes.extend(notes);
    Ok(loaded)
}

/// Reads the workspace's `metadata` into `graph`'s attributes (the title; the type where
/// `options` do not give it, as before 1.0); returns the description and authors.
fn read_metadata(
    metadata: Option<Value>,
    graph: &mut Map<String, Value>,
    read: &mut WorkspaceRead,
) -> (Option<String>, Vec<String>) {
    let Some(Value::Object(metadata)) = metadata else {
        return (None, Vec::new());
    };
    if let Some(kind) = metadata.get("type").filter(|kind| kind.is_string())
        && !graph.contains_key("options")
    {
        graph.insert("options".to_owned(), serde_json::json!({ "type": kind }));
    }
    let mut description = None;
    if let Some(attributes) = graph
        .entry("attributes")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
    {
        if let Some(title) = metadata.get("title").filter(|v| v.is_string()) {
            attributes.entry("title").or_insert_with(|| title.clone());
        }
        description = attributes.get("description").and_then(scalar_text);
    }
    let mut authors = Vec::new();
    for (key, value) in &metadata {
        let text = scalar_text(value).filter(|t| !t.trim().is_empty());
        match (key.as_str(), text) {
            ("type" | "title", Some(_)) => {}
            ("description", Some(text)) => {
                description.get_or_insert(text);
            }
            ("authors", Some(text)) => authors.push(text),
            (_, None) if value.is_null() || value.is_string() => {}
            (key, _) => read
                .not_read
                .push(format!("metadata.{}", super::excerpt(key, 40))),
        }
    }
    read.metadata = ["title", "description", "authors"]
        .into_iter()
        .filter(|key| {
            metadata
                .get(*key)
                .and_then(scalar_text)
                .is_some_and(|t| !t.trim().is_empty())
        })
        .collect();
    (description, authors)
}

/// The field Gephi Lite's appearance labels nodes with, where it is not `label`.
fn appearance_label_field(document: &Map<String, Value>) -> Option<String> {
    document
        .get("appearance")
        .and_then(|a| a.get("nodesLabel"))
        .filter(|label| label.get("type").and_then(Value::as_str) == Some("field"))
        .and_then(|label| label.get("field")?.get("id"))
        .and_then(id_text)
        .filter(|id| id != "label")
}

/// Names each node that has a value in `field` by it, as Gephi Lite's screen labels it (its
/// own `label`, where different, kept as the attribute `label`); returns how many.
fn name_nodes_by(graph: &mut Map<String, Value>, field: &str) -> usize {
    let Some(Value::Array(nodes)) = graph.get_mut("nodes") else {
        return 0;
    };
    let mut named = 0;
    for node in nodes.iter_mut().filter_map(Value::as_object_mut) {
        let Some(attributes) = node.get_mut("attributes").and_then(Value::as_object_mut) else {
            continue;
        };
        let Some(name) = attributes
            .get(field)
            .filter(|value| scalar_text(value).is_some_and(|text| !text.trim().is_empty()))
            .cloned()
        else {
            continue;
        };
        if let Some(own) = attributes.insert("label".to_owned(), name.clone())
            && own != name
            && !own.is_null()
        {
            attributes.insert(format!("{ESCAPE_PREFIX}label"), own);
        }
        named += 1;
    }
    named
}

/// Names the workspace's other top-level keys (`filters`, `appearance`...) as not read;
/// `label_field` is the field the appearance names nodes by, which named `labelled` of them.
fn name_unread(
    document: &Map<String, Value>,
    label_field: Option<&str>,
    labelled: usize,
    read: &mut WorkspaceRead,
) {
    for key in document.keys() {
        read.not_read.push(match (key.as_str(), label_field) {
            ("filters", _) => "filters (Gephi Lite's filters: every item is read)".to_owned(),
            ("appearance", Some(field)) => format!(
                "appearance (colours and sizes as Gephi Lite draws them; as it labels nodes \
                 with the field \"{}\", {} named by it)",
                super::excerpt(field, 40),
                counted(labelled, "node is", "nodes are")
            ),
            ("appearance", None) => {
                "appearance (colours, sizes and labels as Gephi Lite draws them)".to_owned()
            }
            ("layout", _) => {
                "layout (Gephi Lite's layout settings; positions come from graphDataset.layout)"
                    .to_owned()
            }
            ("session", _) => "session (Gephi Lite's layout and metric settings)".to_owned(),
            (key, _) => super::excerpt(key, 40),
        });
    }
}

/// What a Gephi Lite workspace gave and did not give, for the report's notes.
#[derive(Default)]
struct WorkspaceRead {
    /// Each item table read, with the records it gave an item of the graph.
    tables: Vec<(&'static str, usize)>,
    /// Tables whose records gave nodes a position, with how many.
    positions: Vec<(&'static str, usize)>,
    /// Records naming no item of the graph, by table.
    strays: Vec<(&'static str, usize)>,
    /// The metadata fields read.
    metadata: Vec<&'static str>,
    /// What was not read, as the notes name it.
    not_read: Vec<String>,
}

impl WorkspaceRead {
    /// The report's notes: what was read, then what was not.
    fn notes(
        mut self,
        version: Option<&str>,
        graph_path: &str,
        (nodes, edges): (usize, usize),
        fields: &FieldModels,
    ) -> Vec<String> {
        let version = version.map(|v| format!(" (version {})", super::excerpt(v, 20)));
        let mut read = vec![format!(
            "{graph_path} ({}, {})",
            counted(nodes, "node", "nodes"),
            counted(edges, "edge", "edges")
        )];
        if !self.tables.is_empty() {
            let listed: Vec<String> = self
                .tables
                .iter()
                .enumerate()
                .map(|(i, (table, records))| match i {
                    0 => format!("{table} ({})", counted(*records, "record", "records")),
                    _ => format!("{table} ({records})"),
                })
                .collect();
            read.push(format!(
                "the items' labels, attributes and colours from {}",
                listed.join(", ")
            ));
        }
        for (table, positioned) in &self.positions {
            read.push(format!(
                "positions of {} from {table}",
                counted(*positioned, "node", "nodes")
            ));
        }
        if !self.metadata.is_empty() {
            read.push(format!("metadata ({})", self.metadata.join(", ")));
        }
        for date in fields.edge_dates.iter().filter(|date| date.dated > 0) {
            let mut said = format!(
                "the date of {} from the date field \"{}\"",
                counted(date.dated, "relation", "relations"),
                super::excerpt(&date.field_id, 40)
            );
            if let Some(format) = &date.format {
                let _ = write!(said, " (written {})", super::excerpt(format, 40));
            }
            if date.rewritten > 0 {
                let _ = write!(
                    said,
                    ", {} rewritten year first (the value as written kept as the attribute)",
                    date.rewritten
                );
            }
            if date.unfit > 0 {
                let _ = write!(
                    said,
                    ", {} not in that format (kept as written)",
                    date.unfit
                );
            }
            read.push(said);
        }
        let mut notes = vec![format!(
            "read from the Gephi Lite workspace{}: {}",
            version.unwrap_or_default(),
            read.join("; ")
        )];
        for (table, strays) in &self.strays {
            self.not_read.push(format!(
                "{} of {table} naming no item of the graph",
                counted(*strays, "record", "records")
            ));
        }
        if fields.count > 0 {
            let mut said = "nodeFields and edgeFields, but for date fields (they type fields \
                            for Gephi Lite's filters and styling; every field's value is read)"
                .to_owned();
            if !fields.labels.is_empty() {
                let _ = write!(
                    said,
                    ", and fields' display names (attributes keep the field's id): {}",
                    fields.labels.join(", ")
                );
            }
            self.not_read.push(said);
        }
        if !self.not_read.is_empty() {
            notes.push(format!("not read: {}", self.not_read.join("; ")));
        }
        notes
    }
}

/// Takes the item tables `names` out of `holder`, in that order (one that is not an object is
/// named as not read).
fn take_tables(
    holder: &mut Map<String, Value>,
    names: &[&'static str],
    read: &mut WorkspaceRead,
) -> Vec<(&'static str, Map<String, Value>)> {
    names
        .iter()
        .filter_map(|name| match holder.remove(*name) {
            Some(Value::Object(table)) => Some((*name, table)),
            Some(other) if !other.is_null() => {
                read.not_read.push(format!(
                    "{name} ({}, not an object of records)",
                    super::fields::describe(&other)
                ));
                None
            }
            _ => None,
        })
        .collect()
}

/// Merges the workspace's tables for `items` (`nodes` or `edges`) into each item's
/// attributes; a field the item already has wins.
fn merge_tables(
    graph: &mut Map<String, Value>,
    items: &str,
    mut tables: Vec<(&'static str, Map<String, Value>)>,
    read: &mut WorkspaceRead,
) {
    if tables.is_empty() {
        return;
    }
    let mut merged = vec![0; tables.len()];
    let mut positioned = vec![0; tables.len()];
    if let Some(Value::Array(list)) = graph.get_mut(items) {
        for item in list.iter_mut().filter_map(Value::as_object_mut) {
            let Some(key) = item.get("key").and_then(id_text) else {
                continue;
            };
            let Some(attributes) = item
                .entry("attributes")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
            else {
                continue;
            };
            for (i, (_, table)) in tables.iter_mut().enumerate() {
                let Some(Value::Object(fields)) = table.remove(&key) else {
                    continue;
                };
                merged[i] += 1;
                let placed = |a: &Map<String, Value>| {
                    a.get("x").is_some_and(Value::is_number)
                        && a.get("y").is_some_and(Value::is_number)
                };
                let had_position = placed(attributes);
                for (field, value) in fields {
                    if !value.is_null() {
                        attributes.entry(field).or_insert(value);
                    }
                }
                if !had_position && placed(attributes) {
                    positioned[i] += 1;
                }
            }
        }
    }
    for (i, (name, table)) in tables.into_iter().enumerate() {
        if name == "layout" {
            // Positions only: said as such.
        } else if merged[i] > 0 {
            read.tables.push((name, merged[i]));
        }
        if positioned[i] > 0 {
            read.positions.push((name, positioned[i]));
        }
        if !table.is_empty() {
            read.strays.push((name, table.len()));
        }
    }
}

/// What `nodeFields` and `edgeFields` say that Chainsight uses: the edge fields typed as
/// dates.
#[derive(Default)]
struct FieldModels {
    /// Edge fields of type `date`, in the workspace's order: the first an edge has dates it.
    edge_dates: Vec<EdgeDate>,
    /// How many field models there are.
    count: usize,
    /// Display names given to fields (`label`), as the note shows them.
    labels: Vec<String>,
}

impl FieldModels {
    /// Reads the field models listed under `key` (`nodeFields`, `edgeFields`).
    fn read(&mut self, key: &str, models: &[Value], is_edge: bool) {
        for model in models {
            let Some(id) = model.get("id").and_then(id_text) else {
                continue;
            };
            self.count += 1;
            let text = |name: &str| model.get(name).and_then(Value::as_str);
            if let Some(label) = text("label").filter(|label| *label != id) {
                self.labels.push(format!(
                    "{key} \"{}\" (\"{}\")",
                    super::excerpt(&id, 40),
                    super::excerpt(label, 40)
                ));
            }
            // A dynamic field (a degree) is computed by Gephi Lite; it has no values here.
            let dynamic = model.get("dynamic").and_then(Value::as_bool) == Some(true);
            if is_edge && !dynamic && text("type") == Some("date") {
                self.edge_dates.push(EdgeDate {
                    field_id: id,
                    format: text("format").map(str::to_owned),
                    ..EdgeDate::default()
                });
            }
        }
    }
}

/// An edge field Gephi Lite reads as a date, written in `format` (luxon's tokens; Gephi Lite
/// writes ISO 8601 where there is none), and what it gave.
#[derive(Default)]
struct EdgeDate {
    field_id: String,
    format: Option<String>,
    /// Relations it dated.
    dated: usize,
    /// Of those, dates rewritten year first (`04/03/2021` → `2021-03-04`).
    rewritten: usize,
    /// Of those, values its format does not fit, kept as written.
    unfit: usize,
}

/// Dates `edge` from the first of `dates` it has a value for (`values`, in the same order),
/// where no field the vocabulary knows (`date`, `year`, `start`...) dated it already; such a
/// field that is also typed as a date is rewritten year first by its format.
fn date_edge(edge: &mut ImportedEdge, dates: &mut [EdgeDate], values: Vec<Option<String>>) {
    for (field, value) in dates.iter_mut().zip(values) {
        let Some(value) = value else {
            continue;
        };
        let year_first = field
            .format
            .as_deref()
            .and_then(|format| year_first(&value, format));
        // A value already written year first (a time after it) stays as it is.
        let date = match &year_first {
            Some(date) if !value.starts_with(date.as_str()) => Some(date.clone()),
            _ => None,
        };
        let slot = match edge_field(&field.field_id) {
            Some((EdgeField::Date, _)) => &mut edge.date,
            Some((EdgeField::Start, _)) => &mut edge.start,
            Some((EdgeField::End, _)) => &mut edge.end,
            // The name says what it is (a label, a weight...).
            Some(_) => continue,
            None if edge.date.is_some() || edge.start.is_some() || edge.end.is_some() => {
                continue;
            }
            None => &mut edge.date,
        };
        // Another name of that field (`year` beside `date`) filled it.
        let named = edge_field(&field.field_id).is_some();
        if named && slot.as_deref() != Some(value.as_str()) {
            continue;
        }
        if field.format.is_some() && year_first.is_none() {
            // Not in its format: kept only as written, as a saved file holds only dates.
            field.unfit += 1;
            if !named {
                return;
            }
        }
        field.dated += 1;
        if let Some(date) = date {
            field.rewritten += 1;
            *slot = Some(date);
            edge.attributes.insert(field.field_id.clone(), value);
        } else if !named {
            match year_first {
                // Year first with a time of day: the day dates it, the value stays as written.
                Some(day) if day != value => *slot = Some(day),
                _ => {
                    edge.attributes.remove(&field.field_id);
                    *slot = Some(value);
                }
            }
        }
        if !named {
            return;
        }
    }
}

/// `value`, a date written in luxon's `format` (`dd/MM/yyyy`, `MMM d, yyyy`), as Chainsight
/// writes dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time of day read past). `None` where the
/// format does not fit the value, or holds what this does not read (two-digit years, weeks,
/// days of the year).
pub(super) fn year_first(value: &str, format: &str) -> Option<String> {
    let (mut year, mut month, mut day) = (None, None, None);
    let mut rest = value;
    let mut tokens = format.chars().peekable();
    while let Some(c) = tokens.next() {
        if c == '\'' {
            // Quoted literal text; `''` is a quote.
            let mut literal = String::new();
            for ch in tokens.by_ref() {
                if ch == '\'' {
                    break;
                }
                literal.push(ch);
            }
            if literal.is_empty() {
                literal.push('\'');
            }
            rest = rest.strip_prefix(literal.as_str())?;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            rest = rest.strip_prefix(c)?;
            continue;
        }
        let mut n = 1;
        while tokens.next_if_eq(&c).is_some() {
            n += 1;
        }
        match (c, n) {
            ('y', 1) => year = Some(digits(&mut rest, 1, 6)?),
            ('y', 4) => year = Some(digits(&mut rest, 4, 4)?),
            ('M' | 'L', 1) => month = Some(digits(&mut rest, 1, 2)?),
            ('M' | 'L', 2) => month = Some(digits(&mut rest, 2, 2)?),
            ('M' | 'L', 3 | 4) => month = Some(month_name(&mut rest, n == 3)?),
            ('d', 1) => day = Some(digits(&mut rest, 1, 2)?),
            ('d', 2) => day = Some(digits(&mut rest, 2, 2)?),
            ('H' | 'h' | 'm' | 's', 1) => {
                digits(&mut rest, 1, 2)?;
            }
            ('H' | 'h' | 'm' | 's', 2) => {
                digits(&mut rest, 2, 2)?;
            }
            ('S', 1) => {
                digits(&mut rest, 1, 3)?;
            }
            ('S', 3) => {
                digits(&mut rest, 3, 3)?;
            }
            // AM/PM, weekday names.
            ('a', 1) | ('E' | 'c', 3 | 4) => {
                let end = rest
                    .find(|ch: char| !ch.is_alphabetic())
                    .unwrap_or(rest.len());
                if end == 0 {
                    return None;
                }
                rest = rest.get(end..)?;
            }
            ('Z', 1..=3) => rest = utc_offset(rest)?,
            _ => return None,
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let year = year.filter(|year| *year <= 9999)?;
    match (month, day) {
        (None, None) => Some(format!("{year:04}")),
        (Some(month @ 1..=12), None) => Some(format!("{year:04}-{month:02}")),
        (Some(month @ 1..=12), Some(day)) if day >= 1 && day <= days_in(year, month) => {
            Some(format!("{year:04}-{month:02}-{day:02}"))
        }
        _ => None,
    }
}

/// Reads `min` to `max` ASCII digits from the start of `rest`.
fn digits(rest: &mut &str, min: usize, max: usize) -> Option<u32> {
    let len = rest
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if len < min {
        return None;
    }
    let (number, after) = rest.split_at(len);
    *rest = after;
    number.parse().ok()
}

/// Reads an English month name (`Oct`, or `October` where `short` is false) from the start of
/// `rest`, as the month's number.
fn month_name(rest: &mut &str, short: bool) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let end = rest
        .find(|ch: char| !ch.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(end);
    let word = word.to_ascii_lowercase();
    let found = MONTHS.iter().position(|name| {
        if short {
            name.get(..3) == Some(word.as_str())
        } else {
            *name == word
        }
    })?;
    *rest = after;
    u32::try_from(found + 1).ok()
}

/// What follows a UTC offset (`Z`, `+05:00`, `+0500`, `-5`) at the start of `rest`.
fn utc_offset(rest: &str) -> Option<&str> {
    if let Some(after) = rest.strip_prefix('Z') {
        return Some(after);
    }
    let mut after = rest.strip_prefix(['+', '-'])?;
    digits(&mut after, 1, 2)?;
    if let Some(minutes) = after.strip_prefix(':') {
        after = minutes;
        digits(&mut after, 2, 2)?;
    } else {
        let _ = digits(&mut after, 2, 2);
    }
    Some(after)
}

/// The number of days in `month` (1–12) of `year`.
fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::year_first;

    #[test]
    fn dates_in_gephi_lite_formats_are_written_year_first() {
        for (value, format, expected) in [
            ("2016", "yyyy", "2016"),
            ("2016-05", "yyyy-MM", "2016-05"),
            ("20160525", "yyyyMMdd", "2016-05-25"),
            ("14/10/1983", "dd/MM/yyyy", "1983-10-14"),
            ("10/14/1983", "MM/dd/yyyy", "1983-10-14"),
            ("4/3/2021", "d/M/yyyy", "2021-03-04"),
            ("May 25 1982", "MMM dd yyyy", "1982-05-25"),
            ("October 14, 1983", "MMMM dd, yyyy", "1983-10-14"),
            ("Fri, Oct 14, 1983", "EEE, MMM dd, yyyy", "1983-10-14"),
            (
                "10/14/1983, 1:30:23 PM",
                "MM/dd/yyyy, h:mm:ss a",
                "1983-10-14",
            ),
            (
                "Tue, 01 Nov 2016 13:23:12 +0630",
                "EEE, dd MMM yyyy HH:mm:ss ZZZ",
                "2016-11-01",
            ),
            (
                "2016-05-25T09:24:15.123+06:00",
                "yyyy-MM-dd'T'HH:mm:ss.SSSZZ",
                "2016-05-25",
            ),
            ("2016-05-25T09Z", "yyyy-MM-dd'T'HH'Z'", "2016-05-25"),
            ("29/02/2024", "dd/MM/yyyy", "2024-02-29"),
        ] {
            assert_eq!(
                year_first(value, format).as_deref(),
                Some(expected),
                "{value} as {format}"
            );
        }
    }

    #[test]
    fn a_date_its_format_does_not_fit_is_not_read() {
        for (value, format) in [
            ("spring 2020", "dd/MM/yyyy"),
            ("31/02/2020", "dd/MM/yyyy"),
            ("29/02/2023", "dd/MM/yyyy"),
            ("14/13/1983", "dd/MM/yyyy"),
            ("14/10/1983 extra", "dd/MM/yyyy"),
            ("14/10/83", "dd/MM/yy"),
            ("2016-W21-3", "kkkk-'W'WW-c"),
            ("2016-200", "yyyy-ooo"),
            ("Smarch 3, 2020", "MMM d, yyyy"),
            ("", "yyyy"),
            ("1983", "dd"),
            ("١٩٨٣", "yyyy"),
        ] {
            assert_eq!(year_first(value, format), None, "{value} as {format}");
        }
    }
}
