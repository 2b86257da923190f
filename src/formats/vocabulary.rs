//! The one vocabulary of field names: which name a foreign file gives a label, a kind, a date,
//! a link, a weight... Every importer (the JSON shapes through `fields`, the CSV tables and the
//! GEXF and GraphML columns) looks names up here, and the XML writers escape attributes whose
//! names this table holds, so the formats cannot drift apart. The tests iterate the table.
//!
//! Names compare as [`key`] makes them: trimmed, lower case, without spaces, underscores and
//! hyphens (`Start Date`, `start_date`, `startDate` and `start-date` are one name). Within a
//! field the names are listed best first: where a record gives two of them, the first listed
//! fills the field and the other stays an attribute.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::arrows::VisArrows;
use super::import::ImportedEdge;

// foldhash, as for node ids: every field of every record of a file is looked up here.
use foldhash::HashMap;

/// What a node's (entity's) name can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeField {
    /// The node's id: a CSV node-table column; JSON shapes and XML formats give it a place of
    /// their own (structural).
    Id,
    Label,
    /// A label where the record has none, else a description (vis-network and Gephi use
    /// `title` as a tooltip).
    Title,
    Kind,
    Description,
    Url,
    Country,
    /// Several names: a list, or one text with `|` between them.
    Aliases,
    X,
    Y,
}

/// What an edge's (relation's) name can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeField {
    /// The endpoints: CSV columns; JSON shapes and XML formats give them a place of their
    /// own (structural).
    Source,
    Target,
    /// The edge's id: a CSV column or a JSON field; an XML attribute of its own (structural
    /// there).
    Id,
    /// The relation type. A `type` holding a direction word (`directed`, `undirected`,
    /// `mutual`, `mixed`: Gephi's edge tables) is the direction instead.
    Kind,
    Label,
    Weight,
    Date,
    Start,
    End,
    /// The file's own words about the edge (Kumu's and yEd's `description`, a `summary`):
    /// what the analyst wrote, not a quote from a source, so kept as the relation's attribute
    /// `description`. (A `title`, a tooltip in vis-network and d3, is an attribute of its own
    /// name.)
    Description,
    /// A passage quoted from a source (a `quote`, `excerpt` or `evidence` column): the quote
    /// of an evidence item.
    Quote,
    /// The page the edge cites: the source of that evidence item.
    Url,
    Publisher,
    Status,
    /// Whether the edge has a direction (see [`stated_direction`]).
    Direction,
}

/// Every node field with its names, best first.
pub const NODE_VOCABULARY: &[(NodeField, &[&str])] = &[
    (NodeField::Id, &["id", "key", "node id"]),
    (NodeField::Label, &["label", "name", "caption"]),
    (NodeField::Title, &["title"]),
    (
        NodeField::Kind,
        &["kind", "type", "category", "group", "schema", "class"],
    ),
    (
        NodeField::Description,
        &["description", "summary", "comment"],
    ),
    (NodeField::Url, &["url", "href", "link", "website"]),
    (NodeField::Country, &["country"]),
    (NodeField::Aliases, &["aliases"]),
    (NodeField::X, &["x"]),
    (NodeField::Y, &["y"]),
];

/// Every edge field with its names, best first.
pub const EDGE_VOCABULARY: &[(EdgeField, &[&str])] = &[
    (
        EdgeField::Source,
        &["source", "src", "from", "source id", "from id"],
    ),
    (
        EdgeField::Target,
        &["target", "dst", "to", "target id", "to id"],
    ),
    (EdgeField::Id, &["id"]),
    (
        EdgeField::Kind,
        &[
            "relation",
            "kind",
            "type",
            "interaction",
            "relationship",
            "relation type",
            "edge type",
            // Kumu's own name for it.
            "connection type",
        ],
    ),
    (EdgeField::Label, &["label", "name", "caption"]),
    (EdgeField::Weight, &["weight", "value"]),
    (EdgeField::Date, &["date", "year"]),
    (EdgeField::Start, &["start", "start date", "from date"]),
    (EdgeField::End, &["end", "end date", "to date"]),
    (EdgeField::Description, &["description", "summary"]),
    (EdgeField::Quote, &["quote", "excerpt", "evidence"]),
    (EdgeField::Url, &["url", "source url", "href", "link"]),
    (EdgeField::Publisher, &["publisher"]),
    (EdgeField::Status, &["status"]),
    (
        EdgeField::Direction,
        &["directed", "direction", "undirected", "arrows"],
    ),
];

impl NodeField {
    /// Whether JSON shapes and XML formats give this field a place of its own rather than a
    /// named field or column (so only CSV tables name it).
    pub fn is_structural(self) -> bool {
        self == Self::Id
    }
}

impl EdgeField {
    /// Whether the XML formats give this field a place of their own (an attribute of the
    /// `edge` element) rather than a column; JSON shapes give the endpoints one too.
    pub fn is_structural(self) -> bool {
        matches!(self, Self::Source | Self::Target | Self::Id)
    }
}

/// A name as compared: trimmed, lower case, without spaces, underscores and hyphens. Borrowed
/// when already in that form (the usual case, and the one hot loops see).
pub fn key(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// A table's names by [`key`], each with its field and rank (0 is best).
fn index<F: Copy>(table: &[(F, &[&'static str])]) -> HashMap<String, (F, u8)> {
    let mut by_key = HashMap::default();
    for &(field, names) in table {
        for (rank, name) in names.iter().enumerate() {
            let rank = u8::try_from(rank).unwrap_or(u8::MAX);
            by_key
                .entry(key(name).into_owned())
                .or_insert((field, rank));
        }
    }
    by_key
}

static NODE_INDEX: LazyLock<HashMap<String, (NodeField, u8)>> =
    LazyLock::new(|| index(NODE_VOCABULARY));
static EDGE_INDEX: LazyLock<HashMap<String, (EdgeField, u8)>> =
    LazyLock::new(|| index(EDGE_VOCABULARY));

/// The node field a name feeds, with its rank among that field's names (0 is best).
pub fn node_field(name: &str) -> Option<(NodeField, u8)> {
    NODE_INDEX.get(key(name).as_ref()).copied()
}

/// The edge field a name feeds, with its rank among that field's names (0 is best).
pub fn edge_field(name: &str) -> Option<(EdgeField, u8)> {
    EDGE_INDEX.get(key(name).as_ref()).copied()
}

/// Whether a reader would take a node attribute of this name for a field (not counting
/// structural ones): the XML writers escape such names.
pub(crate) fn is_node_field_name(name: &str) -> bool {
    node_field(name).is_some_and(|(field, _)| !field.is_structural())
}

/// Whether a reader would take an edge attribute of this name for a field (not counting
/// structural ones): the XML writers escape such names.
pub(crate) fn is_edge_field_name(name: &str) -> bool {
    edge_field(name).is_some_and(|(field, _)| !field.is_structural())
}

/// Whether any reader takes a record's field of this name for one of its own fields (a node's
/// or an edge's, structural ones included).
pub fn is_field_name(name: &str) -> bool {
    node_field(name).is_some() || edge_field(name).is_some()
}

/// Whether `name` is the edge kind's name `type`, the one that may hold a direction word.
pub(crate) fn is_type_name(name: &str) -> bool {
    key(name) == "type"
}

/// What a direction field states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stated {
    Directed,
    Undirected,
    /// Kumu's `mutual` (arrows both ways): drawn without one, and the text kept.
    Mutual,
    /// vis-network's `arrows`: where the arrowheads are drawn (at `from` only, the edge points
    /// back; at both ends, it is mutual).
    Arrows(VisArrows),
}

impl Stated {
    /// Whether the edge is drawn with a direction.
    pub(crate) fn is_directed(&self) -> bool {
        match self {
            Self::Directed => true,
            Self::Arrows(arrows) => arrows.heads.source != arrows.heads.target,
            Self::Undirected | Self::Mutual => false,
        }
    }

    /// Whether it states both ways, drawn without a direction: the field is kept as an
    /// attribute, so what the file said is not lost.
    pub(crate) fn is_mutual(&self) -> bool {
        match self {
            Self::Mutual => true,
            Self::Arrows(arrows) => arrows.heads.source && arrows.heads.target,
            Self::Directed | Self::Undirected => false,
        }
    }

    /// Gives `edge` this direction, over any an earlier field stated.
    pub(crate) fn apply(self, edge: &mut ImportedEdge) {
        edge.directed = self.is_directed();
        edge.arrows = match self {
            Self::Arrows(arrows) => Some(arrows),
            Self::Directed | Self::Undirected | Self::Mutual => None,
        };
    }
}

/// Whether `name` is vis-network's `arrows`, whose value may be an object (see [`VisArrows`]).
pub(crate) fn is_arrows_name(name: &str) -> bool {
    key(name) == "arrows"
}

/// The direction a field named `name` (a [`EdgeField::Direction`] name) states with `text`,
/// or `None` when the text is no direction (kept as an attribute).
pub(crate) fn stated_direction(name: &str, text: &str) -> Option<Stated> {
    let word = text.trim().to_lowercase();
    let flag = || match word.as_str() {
        // Cytoscape writes and reads GML's per-edge `directed` as "Y" or "N".
        "directed" | "true" | "yes" | "y" | "1" => Some(Stated::Directed),
        "undirected" | "false" | "no" | "n" | "0" => Some(Stated::Undirected),
        "mutual" | "both" => Some(Stated::Mutual),
        _ => None,
    };
    match key(name).as_ref() {
        "undirected" => flag().map(|stated| match stated {
            Stated::Directed => Stated::Undirected,
            Stated::Undirected => Stated::Directed,
            other @ (Stated::Mutual | Stated::Arrows(_)) => other,
        }),
        // vis-network: `"to"`, `"to, from"`, `{"to": true}`...; nothing, `false` or `""` for
        // none.
        "arrows" => VisArrows::of_text(text).map(Stated::Arrows),
        _ => flag(),
    }
}

/// The direction a `type` states when it holds a direction word (Gephi's edge tables), else
/// `None` (it is the relation type).
pub(crate) fn type_direction(text: &str) -> Option<Stated> {
    match text.trim().to_lowercase().as_str() {
        "directed" | "mixed" => Some(Stated::Directed),
        "undirected" => Some(Stated::Undirected),
        "mutual" => Some(Stated::Mutual),
        _ => None,
    }
}

/// A network attribute's name as compared: letters and digits only, lower case (`shared
/// name` and `Shared.Name` are `sharedname`), stricter than [`key`].
pub(crate) fn squashed(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Authors as one text holds them (Cytoscape's and GraphML's `author`, GEXF's `creator`): `;`
/// between names.
pub(crate) fn split_authors(text: &str) -> Vec<String> {
    names_between(text, ';')
}

/// Aliases as one text holds them: `|` between names.
pub(crate) fn split_aliases(text: &str) -> Vec<String> {
    names_between(text, '|')
}

/// The names `separator` divides `text` into, each trimmed, blanks left out.
fn names_between(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_are_one_key() {
        for spelling in ["Start Date", "start_date", "startDate", "start-date"] {
            assert_eq!(key(spelling), "startdate", "{spelling}");
            assert_eq!(edge_field(spelling), Some((EdgeField::Start, 1)));
        }
    }

    #[test]
    fn no_name_means_two_fields() {
        for (table_name, keys) in [
            (
                "nodes",
                NODE_VOCABULARY
                    .iter()
                    .flat_map(|(_, names)| names.iter().map(|n| key(n).into_owned()))
                    .collect::<Vec<_>>(),
            ),
            (
                "edges",
                EDGE_VOCABULARY
                    .iter()
                    .flat_map(|(_, names)| names.iter().map(|n| key(n).into_owned()))
                    .collect(),
            ),
        ] {
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                sorted.len(),
                keys.len(),
                "a name repeats among the {table_name}"
            );
        }
    }

    #[test]
    fn directions_are_read_from_every_spelling() {
        assert_eq!(stated_direction("directed", "true"), Some(Stated::Directed));
        assert_eq!(
            stated_direction("Undirected", "true"),
            Some(Stated::Undirected)
        );
        let arrows = |text| stated_direction("arrows", text);
        assert!(arrows("to").is_some_and(|s| s.is_directed() && !s.is_mutual()));
        assert!(arrows("from").is_some_and(|s| s.is_directed() && !s.is_mutual()));
        assert!(arrows("to, from").is_some_and(|s| !s.is_directed() && s.is_mutual()));
        assert!(arrows("").is_some_and(|s| !s.is_directed() && !s.is_mutual()));
        assert_eq!(arrows("sideways"), None, "no end named: an attribute");
        assert_eq!(
            stated_direction("direction", "mutual"),
            Some(Stated::Mutual)
        );
        assert_eq!(stated_direction("direction", "sideways"), None);
        assert_eq!(
            stated_direction("directed", " N "),
            Some(Stated::Undirected)
        );
        assert_eq!(stated_direction("directed", "y"), Some(Stated::Directed));
        assert_eq!(stated_direction("directed", "YES"), Some(Stated::Directed));
        assert_eq!(type_direction("Undirected"), Some(Stated::Undirected));
        assert_eq!(type_direction("supplied"), None);
    }

    // ------------------------------------------------ every name, read by every importer

    use std::fmt::Write as _;

    use crate::formats::csv_edges::{self, NodeFile};
    use crate::formats::{Loaded, load_bytes};
    use crate::model::{EntityKind, RelationKind, RelationStatus};

    /// The three families a name must mean the same thing in.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Family {
        Json,
        Csv,
        Xml,
    }

    /// A field's test value and the other fields it needs beside it (a position needs both
    /// coordinates).
    fn node_sample(field: NodeField) -> (&'static str, Vec<(&'static str, &'static str)>) {
        match field {
            NodeField::Id => ("a", vec![("label", "Acme")]),
            NodeField::Label | NodeField::Title => ("Acme Ltd", vec![]),
            NodeField::Kind => ("company", vec![]),
            NodeField::Description => ("makes parts", vec![]),
            NodeField::Url => ("https://acme.example/", vec![]),
            NodeField::Country => ("FR", vec![]),
            NodeField::Aliases => ("Acme|ACME SA", vec![]),
            NodeField::X => ("3", vec![("y", "4")]),
            NodeField::Y => ("4", vec![("x", "3")]),
        }
    }

    fn edge_sample(
        field: EdgeField,
        name: &str,
    ) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let link = ("url", "https://news.example/1");
        match field {
            EdgeField::Source => ("a", vec![("target", "b")]),
            EdgeField::Target => ("b", vec![("source", "a")]),
            EdgeField::Id => ("r1", vec![]),
            EdgeField::Kind => ("supplied", vec![]),
            EdgeField::Label => ("sells chips to", vec![]),
            EdgeField::Weight => ("2.5", vec![]),
            EdgeField::Date => ("2012", vec![]),
            EdgeField::Start => ("2010", vec![]),
            EdgeField::End => ("2014", vec![]),
            EdgeField::Description => ("what the analyst wrote", vec![]),
            EdgeField::Quote => ("a quote", vec![link]),
            EdgeField::Url => ("https://news.example/1", vec![]),
            EdgeField::Publisher => ("The Paper", vec![link]),
            EdgeField::Status => ("alleged", vec![]),
            EdgeField::Direction => match key(name).as_ref() {
                "undirected" => ("true", vec![]),
                "direction" => ("undirected", vec![]),
                _ => ("false", vec![]),
            },
        }
    }

    /// A JSON value for a test value: numbers for coordinates and weights.
    fn json_value(name: &str, value: &str) -> serde_json::Value {
        let numeric = matches!(key(name).as_ref(), "x" | "y")
            || edge_field(name).is_some_and(|(field, _)| field == EdgeField::Weight);
        match value.parse::<f64>() {
            Ok(number) if numeric => serde_json::json!(number),
            _ => serde_json::json!(value),
        }
    }

    fn load_json(node: &[(&str, &str)], edge: &[(&str, &str)]) -> Loaded {
        let object = |fields: &[(&str, &str)]| -> serde_json::Map<String, serde_json::Value> {
            fields
                .iter()
                .map(|(name, value)| ((*name).to_owned(), json_value(name, value)))
                .collect()
        };
        let mut first = object(node);
        first.insert("id".into(), "a".into());
        let mut link = object(edge);
        link.insert("source".into(), "a".into());
        link.insert("target".into(), "b".into());
        let document = serde_json::json!({
            "directed": true, "multigraph": false, "graph": {},
            "nodes": [first, {"id": "b"}], "links": [link],
        });
        load_bytes("names.json", document.to_string().as_bytes()).expect("JSON loads")
    }

    fn load_csv(node: &[(&str, &str)], edge: &[(&str, &str)]) -> Loaded {
        let table = |fields: &[(&str, &str)]| {
            let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
            let values: Vec<&str> = fields.iter().map(|(_, value)| *value).collect();
            format!("{}\n{}\n", names.join(","), values.join(","))
        };
        let mut edge_fields = edge.to_vec();
        let has = |fields: &[(&str, &str)], wanted: EdgeField| {
            fields
                .iter()
                .any(|(name, _)| edge_field(name).is_some_and(|(f, _)| f == wanted))
        };
        if !has(edge, EdgeField::Source) {
            edge_fields.insert(0, ("source", "a"));
        }
        if !has(edge, EdgeField::Target) {
            edge_fields.insert(1, ("target", "b"));
        }
        let mut node_fields = node.to_vec();
        if !node
            .iter()
            .any(|(name, _)| node_field(name).is_some_and(|(f, _)| f == NodeField::Id))
        {
            node_fields.insert(0, ("id", "a"));
        }
        let nodes = NodeFile {
            file: "names-nodes.csv".into(),
            text: table(&node_fields),
        };
        csv_edges::read("names-edges.csv", &table(&edge_fields), Some(nodes)).expect("CSV loads")
    }

    fn load_xml(node: &[(&str, &str)], edge: &[(&str, &str)]) -> Loaded {
        let mut keys = String::new();
        let data = |fields: &[(&str, &str)], domain: &str, keys: &mut String| {
            let mut out = String::new();
            for (index, (name, value)) in fields.iter().enumerate() {
                let _ = writeln!(
                    keys,
                    "<key id=\"{domain}{index}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"string\"/>"
                );
                let _ = write!(out, "<data key=\"{domain}{index}\">{value}</data>");
            }
            out
        };
        let node_data = data(node, "node", &mut keys);
        let edge_data = data(edge, "edge", &mut keys);
        let text = format!(
            "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n{keys}\
             <graph edgedefault=\"directed\"><node id=\"a\">{node_data}</node><node id=\"b\"/>\
             <edge source=\"a\" target=\"b\">{edge_data}</edge></graph></graphml>\n"
        );
        load_bytes("names.graphml", text.as_bytes()).expect("GraphML loads")
    }

    fn load(family: Family, node: &[(&str, &str)], edge: &[(&str, &str)]) -> Loaded {
        match family {
            Family::Json => load_json(node, edge),
            Family::Csv => load_csv(node, edge),
            Family::Xml => load_xml(node, edge),
        }
    }

    /// Whether the node field came through: the value in its place, not an attribute.
    fn node_field_read(family: Family, field: NodeField, name: &str, loaded: &Loaded) -> bool {
        // GraphML's x/y keys have y pointing up, turned for the screen.
        let y = if family == Family::Xml { -4.0 } else { 4.0 };
        let dataset = &loaded.dataset;
        let Some(entity) = dataset.entities.iter().find(|e| e.entity_id == "a") else {
            return false;
        };
        let position = dataset
            .positions
            .iter()
            .find(|(idx, _)| dataset.entity(*idx).is_some_and(|e| e.entity_id == "a"))
            .map(|(_, position)| (position.x, position.y));
        !entity.attributes.contains_key(name)
            && match field {
                NodeField::Id => entity.name == "Acme",
                NodeField::Label | NodeField::Title => entity.name == "Acme Ltd",
                NodeField::Kind => entity.kind == EntityKind::Company,
                NodeField::Description => entity.description.as_deref() == Some("makes parts"),
                NodeField::Url => entity.url.as_deref() == Some("https://acme.example/"),
                NodeField::Country => entity.country.as_deref() == Some("FR"),
                NodeField::Aliases => entity.aliases == ["Acme", "ACME SA"],
                NodeField::X | NodeField::Y => position == Some((3.0, y)),
            }
    }

    /// Whether the edge field came through: the value in its place, not an attribute.
    fn edge_field_read(field: EdgeField, name: &str, loaded: &Loaded) -> bool {
        let dataset = &loaded.dataset;
        let [relation] = dataset.relations.as_slice() else {
            return false;
        };
        let evidence = relation.evidence.first();
        let source = evidence
            .and_then(|e| e.source)
            .and_then(|idx| dataset.source(idx));
        let endpoints = |source: &str, target: &str| {
            dataset
                .entity(relation.source)
                .map(|e| e.entity_id.as_str())
                == Some(source)
                && dataset
                    .entity(relation.target)
                    .map(|e| e.entity_id.as_str())
                    == Some(target)
        };
        // A description is kept as the attribute `description`, whatever its name.
        let kept_as_itself = field == EdgeField::Description && key(name) == "description";
        (kept_as_itself || !relation.attributes.contains_key(name))
            && match field {
                EdgeField::Source | EdgeField::Target => endpoints("a", "b"),
                EdgeField::Id => relation.relation_id == "r1",
                EdgeField::Kind => relation.kind == RelationKind::Supplied,
                EdgeField::Label => relation.label.as_deref() == Some("sells chips to"),
                EdgeField::Weight => relation.weight == Some(2.5),
                EdgeField::Date => relation.when.date.as_deref() == Some("2012"),
                EdgeField::Start => relation.when.start.as_deref() == Some("2010"),
                EdgeField::End => relation.when.end.as_deref() == Some("2014"),
                EdgeField::Description => {
                    evidence.is_none()
                        && relation.attributes.get("description").map(String::as_str)
                            == Some("what the analyst wrote")
                }
                EdgeField::Quote => evidence.is_some_and(|e| e.quote == "a quote"),
                EdgeField::Url => {
                    source.and_then(|s| s.url.as_deref()) == Some("https://news.example/1")
                }
                EdgeField::Publisher => {
                    source.and_then(|s| s.publisher.as_deref()) == Some("The Paper")
                }
                EdgeField::Status => relation.status == RelationStatus::Alleged,
                EdgeField::Direction => !relation.directed,
            }
    }

    #[test]
    fn every_name_of_the_vocabulary_is_read_by_every_importer() {
        let mut missed = Vec::new();
        for family in [Family::Json, Family::Csv, Family::Xml] {
            for &(field, names) in NODE_VOCABULARY {
                if field.is_structural() && family != Family::Csv {
                    continue;
                }
                let (value, extra) = node_sample(field);
                for name in names {
                    let mut fields = vec![(*name, value)];
                    fields.extend(extra.iter().copied());
                    let loaded = load(family, &fields, &[]);
                    if !node_field_read(family, field, name, &loaded) {
                        missed.push(format!("{family:?} node {name:?} ({field:?})"));
                    }
                }
            }
            for &(field, names) in EDGE_VOCABULARY {
                let json_reads = field == EdgeField::Id;
                if field.is_structural() && family == Family::Xml
                    || field.is_structural() && family == Family::Json && !json_reads
                {
                    continue;
                }
                for name in names {
                    let (value, extra) = edge_sample(field, name);
                    let mut fields = vec![(*name, value)];
                    fields.extend(extra.iter().copied());
                    let loaded = load(family, &[], &fields);
                    if !edge_field_read(field, name, &loaded) {
                        missed.push(format!("{family:?} edge {name:?} ({field:?})"));
                    }
                }
            }
        }
        assert!(
            missed.is_empty(),
            "names not read as their field: {missed:#?}"
        );
    }

    /// The relation's ends and direction, and its attribute `arrows`.
    fn drawn(loaded: &Loaded) -> Option<(&str, &str, bool, Option<&str>)> {
        let dataset = &loaded.dataset;
        let [relation] = dataset.relations.as_slice() else {
            return None;
        };
        let id = |idx| dataset.entity(idx).map(|e| e.entity_id.as_str());
        Some((
            id(relation.source)?,
            id(relation.target)?,
            relation.directed,
            relation.attributes.get("arrows").map(String::as_str),
        ))
    }

    #[test]
    fn vis_arrows_give_the_direction_drawn_in_every_family() {
        for family in [Family::Json, Family::Csv, Family::Xml] {
            let back = load(family, &[], &[("arrows", "from")]);
            assert_eq!(drawn(&back), Some(("b", "a", true, None)), "{family:?}");
            assert!(
                back.report.notes.iter().any(|note| note
                    == "directions as vis-network draws them: 1 edge drawn with an arrow at \
                        its source only, read from its target to its source"),
                "{family:?}: {:?}",
                back.report.notes
            );
            let both = load(family, &[], &[("arrows", "to;from")]);
            assert_eq!(
                drawn(&both),
                Some(("a", "b", false, Some("to;from"))),
                "{family:?}: both ways is no one direction, and kept"
            );
            let middle = load(family, &[], &[("arrows", "middle")]);
            assert_eq!(drawn(&middle), Some(("a", "b", true, None)), "{family:?}");
            // A vis-network object written out as text (a CSV cell, a GraphML value).
            let object = load(
                family,
                &[],
                &[("arrows", r#"{"from": {"enabled": true; "type": "bar"}}"#)],
            );
            assert_eq!(
                drawn(&object),
                Some((
                    "a",
                    "b",
                    true,
                    Some(r#"{"from": {"enabled": true; "type": "bar"}}"#)
                )),
                "{family:?}: not JSON, so an attribute, the edge as the file's default"
            );
        }
        // Commas would split a CSV cell here.
        for family in [Family::Json, Family::Xml] {
            let object = load(
                family,
                &[],
                &[("arrows", r#"{"from": {"enabled": true, "type": "bar"}}"#)],
            );
            assert_eq!(drawn(&object), Some(("b", "a", true, None)), "{family:?}");
            assert!(
                object.report.notes.iter().any(|note| note
                    == "1 link's arrow shape (bar) is not drawn: Chainsight draws a plain \
                        arrow for a direction"),
                "{family:?}: {:?}",
                object.report.notes
            );
        }
    }

    #[test]
    fn a_name_outside_the_vocabulary_stays_an_attribute_everywhere() {
        for family in [Family::Json, Family::Csv, Family::Xml] {
            let loaded = load(family, &[("revenue", "12")], &[("tonnage", "3")]);
            let entity = loaded.dataset.entities.iter().find(|e| e.entity_id == "a");
            assert_eq!(
                entity
                    .and_then(|e| e.attributes.get("revenue"))
                    .map(String::as_str),
                Some("12"),
                "{family:?}"
            );
            let relation = loaded.dataset.relations.first();
            assert_eq!(
                relation
                    .and_then(|r| r.attributes.get("tonnage"))
                    .map(String::as_str),
                Some("3"),
                "{family:?}"
            );
        }
    }
}
