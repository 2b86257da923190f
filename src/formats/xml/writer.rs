//! Writing GEXF and GraphML: the columns of entities and relations (attributes named like
//! fields escaped), and an indenting writer that escapes every value XML cannot hold as is.

use std::collections::{BTreeSet, HashMap};

use super::ESCAPE_PREFIX;
use super::extension::evidence_json;
use crate::formats::attributes::{entity_attributes, unmapped_relation_type, written_kind};
use crate::formats::vocabulary;
use crate::model::{Dataset, Entity, Relation};

/// The title an attribute is written under: escaped where a reader would take it for
/// a field (`is_field`: [`vocabulary::is_node_field_name`] or
/// [`vocabulary::is_edge_field_name`]).
fn attribute_title(key: &str, is_field: fn(&str) -> bool) -> String {
    if is_field(key) || key.starts_with(ESCAPE_PREFIX) {
        format!("{ESCAPE_PREFIX}{key}")
    } else {
        key.to_owned()
    }
}

/// An entity's columns (everything but its id and name), fields first.
pub(crate) fn entity_values(entity: &Entity) -> Vec<(String, String)> {
    let mut values = vec![("kind".to_owned(), written_kind(entity).to_owned())];
    let optional = [
        ("description", entity.description.as_deref()),
        ("url", entity.url.as_deref()),
        ("country", entity.country.as_deref()),
    ];
    for (title, value) in optional {
        if let Some(value) = value {
            values.push((title.to_owned(), value.to_owned()));
        }
    }
    if !entity.aliases.is_empty() {
        values.push(("aliases".to_owned(), entity.aliases.join("|")));
    }
    for (key, value) in entity_attributes(entity) {
        values.push((
            attribute_title(key, vocabulary::is_node_field_name),
            value.clone(),
        ));
    }
    values
}

/// A relation's columns (everything but its id, endpoints, label, weight and
/// direction, which both formats carry natively), fields first.
pub(crate) fn relation_values(dataset: &Dataset, relation: &Relation) -> Vec<(String, String)> {
    // An edge type outside the vocabulary, kept as an attribute (when the edge has a label
    // too), is written in place of the kind under that attribute's name, so that it is read
    // back as the type, and as that attribute.
    let unmapped_type = unmapped_relation_type(relation);
    let mut values = vec![match unmapped_type {
        Some((name, value)) => (name.to_owned(), value.to_owned()),
        None => ("kind".to_owned(), relation.kind.as_str().to_owned()),
    }];
    values.push(("status".to_owned(), relation.status.as_str().to_owned()));
    let when = [
        ("date", &relation.when.date),
        ("start", &relation.when.start),
        ("end", &relation.when.end),
    ];
    for (title, value) in when {
        if let Some(value) = value {
            values.push((title.to_owned(), value.clone()));
        }
    }
    if !relation.evidence.is_empty() {
        values.push(("evidence".to_owned(), evidence_json(dataset, relation)));
    }
    for (key, value) in &relation.attributes {
        if unmapped_type.is_some_and(|(name, _)| name == key) {
            continue;
        }
        values.push((
            attribute_title(key, vocabulary::is_edge_field_name),
            value.clone(),
        ));
    }
    values
}

/// Every column title in `rows`: fields in the order first met, then attributes sorted.
pub(crate) fn columns(rows: &[Vec<(String, String)>]) -> Vec<String> {
    const FIELD_ORDER: &[&str] = &[
        "label",
        "kind",
        "status",
        "description",
        "url",
        "country",
        "aliases",
        "weight",
        "date",
        "start",
        "end",
        "evidence",
        "x",
        "y",
    ];
    let present: BTreeSet<&str> = rows
        .iter()
        .flat_map(|row| row.iter().map(|(title, _)| title.as_str()))
        .collect();
    let mut columns: Vec<String> = FIELD_ORDER
        .iter()
        .filter(|field| present.contains(*field))
        .map(|field| (*field).to_owned())
        .collect();
    columns.extend(
        present
            .into_iter()
            .filter(|title| !FIELD_ORDER.contains(title))
            .map(str::to_owned),
    );
    columns
}

/// The values of `row` as (column id, value), in the order of the columns, where the
/// id of column `i` is `prefix` followed by `i`.
pub(crate) fn cells<'r>(
    row: &'r [(String, String)],
    columns: &HashMap<&str, usize>,
    prefix: &str,
) -> Vec<(String, &'r str)> {
    let mut cells: Vec<(usize, &str)> = row
        .iter()
        .filter_map(|(title, value)| {
            columns
                .get(title.as_str())
                .map(|&index| (index, value.as_str()))
        })
        .collect();
    cells.sort_by_key(|(index, _)| *index);
    cells
        .into_iter()
        .map(|(index, value)| (format!("{prefix}{index}"), value))
        .collect()
}

/// Each column title with its index.
pub(crate) fn column_index(columns: &[String]) -> HashMap<&str, usize> {
    columns
        .iter()
        .enumerate()
        .map(|(index, title)| (title.as_str(), index))
        .collect()
}

/// Writes indented XML, escaping every attribute value and text.
pub(crate) struct XmlWriter {
    out: String,
    depth: usize,
}

impl XmlWriter {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// `<name attrs>` on its own line; what follows is indented.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `</name>`, closing the last [`open`](Self::open).
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes `text` for XML. In attributes, tabs and line breaks are written as
/// character references, which a reader keeps (literal ones it turns into spaces);
/// carriage returns are always references, which survive line-end normalisation.
/// Characters XML 1.0 cannot hold at all are replaced: each other control character by its
/// own symbol from Unicode's Control Pictures (U+0003 by `␃`), U+FFFE and U+FFFF by U+FFFD.
/// Ids that become the same are told apart by [`unique_xml_ids`].
pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(xml_char(c)),
        }
    }
}

/// `c`, or for a character XML 1.0 cannot hold, what [`escape_into`] writes instead.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if c < ' ' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// The ids to write for `ids` (of nodes, or of edges): each as XML will hold it, and where one
/// that changed would then read back as another (`a\u{0}` as `a␀`, when there is an `a␀`), made
/// unique with `#2`, `#3`..., so that a reader never merges two nodes or renames an edge. Ids
/// XML holds as they are stay as they are.
pub(crate) fn unique_xml_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let held: Vec<(String, bool)> = ids
        .map(|id| {
            let held: String = id.chars().map(xml_char).collect();
            let unchanged = held == id;
            (held, unchanged)
        })
        .collect();
    if held.iter().all(|(_, unchanged)| *unchanged) {
        // The usual case: nothing to tell apart.
        return held.into_iter().map(|(id, _)| id).collect();
    }
    let count = held.len();
    let mut taken: std::collections::HashSet<String> = held
        .iter()
        .filter(|(_, unchanged)| *unchanged)
        .map(|(id, _)| id.clone())
        .collect();
    held.into_iter()
        .map(|(id, unchanged)| {
            if unchanged || taken.insert(id.clone()) {
                return id;
            }
            // Among count + 1 candidates at least one is free.
            let unique = (2..=count + 2)
                .map(|n| format!("{id}#{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(unique.clone());
            unique
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_line_breaks_in_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "a<b & \"c\"\nd\r\u{1}\0\u{ffff}", true);
        assert_eq!(
            out,
            "a&lt;b &amp; &quot;c&quot;&#10;d&#13;\u{2401}\u{2400}\u{fffd}"
        );
    }

    #[test]
    fn field_names_are_escaped_as_attributes() {
        assert_eq!(
            attribute_title("Source URL", vocabulary::is_edge_field_name),
            "attribute:Source URL"
        );
        assert_eq!(
            attribute_title("revenue", vocabulary::is_edge_field_name),
            "revenue"
        );
        assert_eq!(
            attribute_title("attribute:x", vocabulary::is_node_field_name),
            "attribute:attribute:x"
        );
    }
}
