//! GEXF, Gephi's own format (gexf.net), versions 1.1 to 1.3: read into a dataset through the
//! [`GraphBuilder`](super::import::GraphBuilder), and written with everything a dataset holds.
//!
//! Reading: `<attributes>` declarations name the columns; each `<attvalue>` (in
//! `<attvalues>`, or straight under its node or edge, as Gephi reads it too) is filed by its
//! column's title (`type` becomes the entity kind, `description` the description, an edge's
//! too, as the file's words and not a quote, an edge's `quote` its evidence, and so on, as
//! every importer does), and any other value is kept as an attribute under that title.
//! `viz:position` becomes the saved layout;
//! `viz:color`, `viz:size` and `viz:shape` are kept as attributes. Dynamic graphs keep each
//! item's first spell as its start and end (but for one giving a `start`/`end` of its own
//! too, which GEXF does not allow: its own are kept, its spells not read, with a warning); in timestamp representation a spell's or a
//! node's `timestamp` is both (an edge's `timestamp` is its date). A node hierarchy (nested
//! `<nodes>`, `pid`, `<parents>`) is flattened, each node drawn "part of" the nodes holding
//! it ([`groups`](super::groups)). `<meta>` (its elements' names in any case, as Gephi reads
//! them) gives the title, else the graph's `label` or `name` (networkx), the description, the
//! creator as the authors and `lastmodifieddate` as the day it was made. In a file networkx
//! wrote (its `<creator>` says NetworkX), a value "None" (Python's missing value, which
//! networkx writes as text: a label, a `pid`, a column's value or default) is none
//! ([`MissingAsText`]), counted in a note.
//!
//! Writing: GEXF 1.3 with one column per field and per attribute; each relation's evidence
//! (quote, source, locator, cites, note) is one JSON-encoded `evidence` column, and the
//! dataset's metadata and sources are a JSON `<chainsight:dataset>` element in `<meta>`, so a
//! round trip through GEXF keeps every quote with its source.

use std::collections::{HashMap, HashSet};

use super::xml;
use super::xml::{
    Collected, EdgeRecord, Element, NodeRecord, Record, XmlEvents, XmlGraphReader, XmlWriter,
};

use super::fields::MissingAsText;
use super::import::GraphBuilder;
use super::multigraph_keys::{Key, MultigraphKeys};
use super::{LoadError, Loaded};
use crate::model::{Dataset, EntityIdx, Position};
use crate::words::counted;

/// The namespace of GEXF 1.3, which [`write`] produces.
pub const NAMESPACE: &str = "http://gexf.net/1.3";
/// Whose convention GEXF's `viz:position` follows: its y points up, as Gephi, Gephi Lite and
/// sigma.js draw it (Gephi's preview negates it for the screen), so it is turned on reading
/// and turned back on writing.
const Y_UP: &str = "GEXF (as Gephi and sigma.js draw it)";

/// The namespace of GEXF 1.3's visualisation attributes (`viz:position` and so on).
pub const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";

/// Reads a GEXF document (1.1, 1.2 or 1.3). `file` names it in messages.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    xml::read_xml_graph(file, text, GexfReader::new(file))
}

/// How an edge's direction is given: GEXF's `type` and `defaultedgetype` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeType {
    Directed,
    Undirected,
    Mutual,
}

impl EdgeType {
    fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            // "mixed" appears in Gephi's older exports; each edge then names its own type.
            "directed" | "mixed" => Some(Self::Directed),
            "undirected" => Some(Self::Undirected),
            "mutual" => Some(Self::Mutual),
            _ => None,
        }
    }
}

/// One declared column: `<attribute id title type>` with its optional `<default>`.
struct Declaration {
    id: String,
    title: String,
    default: Option<String>,
}

/// The columns declared for one class (nodes or edges), in file order.
#[derive(Default)]
struct Declarations {
    list: Vec<Declaration>,
    by_id: HashMap<String, usize>,
}

impl Declarations {
    fn get(&self, id: &str) -> Option<&Declaration> {
        self.by_id.get(id).and_then(|&index| self.list.get(index))
    }

    fn add(&mut self, declaration: Declaration) {
        if !self.by_id.contains_key(&declaration.id) {
            self.by_id.insert(declaration.id.clone(), self.list.len());
            self.list.push(declaration);
        }
    }

    /// Files the default of every column the item gave no value for.
    fn apply_defaults(&self, record: &mut impl Record, given: &HashSet<String>) {
        for declaration in &self.list {
            if let Some(default) = &declaration.default
                && !given.contains(&declaration.id)
            {
                record.set(&declaration.title, default);
            }
        }
    }
}

/// What a GEXF `<node>` or `<edge>` still open tracks beyond its record.
#[derive(Default)]
struct Dynamics {
    spells: usize,
    /// Its own `start`/`end` (or `timestamp`) attributes give its period: then its spells,
    /// which GEXF allows only instead of them, are not read.
    own_period: bool,
    /// An edge's `networkx_key` value, kept as its attribute `key` unless it is networkx's
    /// own numbering (see [`NetworkxKeys`]).
    networkx_key: Option<String>,
}

/// A `<node>` or `<edge>` still open.
type Draft<R> = xml::Draft<R, Dynamics>;

/// What `<meta>` and `<graph>` say about the dataset.
#[derive(Default)]
struct Meta {
    title: Option<String>,
    description: Option<String>,
    creator: Option<String>,
    keywords: Option<String>,
    modified: Option<String>,
    graph_label: Option<String>,
    /// `<graph name>`, as networkx writes its graph's name.
    graph_name: Option<String>,
}

/// Counts of things read in a way worth a note in the report.
#[derive(Default)]
struct Stats {
    mutual: usize,
    extra_spells: usize,
    /// Nodes and edges giving both a period of their own and spells, and where the first is.
    periods_and_spells: usize,
    first_period_and_spells: Option<String>,
    extra_values: usize,
    nested: usize,
    /// Values read as missing: "None", in a file networkx wrote.
    missing_values: usize,
    dynamic: bool,
    /// The graph's `timeformat` where its times are numbers (`double`, `integer`), not dates.
    numeric_time: Option<String>,
    unused: std::collections::BTreeMap<String, usize>,
}

/// The edge column networkx writes a multigraph's keys in, and the keys read from it.
/// networkx reads a GEXF file into a multigraph whose edge keys are their `networkx_key`, or
/// else their ids: a key that is networkx's own numbering of parallel edges (0, 1, …) is
/// not kept, as in node-link JSON ([`MultigraphKeys`]).
struct NetworkxKeys {
    /// The column's id.
    column: String,
    /// Whether the column holds integers (networkx writes its numbering as `long`); in a
    /// column of text, `0` is text and no number networkx gave.
    integers: bool,
    keys: MultigraphKeys,
}

impl Stats {
    /// Counts a closed node's or edge's spells not read: all of them where it gives a period
    /// of its own, else those after the first.
    fn count_spells<R>(&mut self, draft: &Draft<R>) {
        if draft.extra.own_period && draft.extra.spells > 0 {
            self.periods_and_spells += 1;
            self.first_period_and_spells
                .get_or_insert_with(|| draft.path.clone());
        } else if draft.extra.spells > 1 {
            self.extra_spells += draft.extra.spells - 1;
        }
    }
}

impl NetworkxKeys {
    /// The key networkx reads from the column's `value`.
    fn key(&self, value: &str) -> Key {
        let number = value.trim();
        match (self.integers, number.parse::<u64>(), number.parse::<i64>()) {
            (true, Ok(number), _) => Key::Integer(number),
            (true, _, Ok(negative)) => Key::Other(negative.to_string()),
            _ => Key::text(value),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Node,
    Edge,
}

struct GexfReader {
    file: String,
    builder: GraphBuilder,
    collected: Collected,
    root_offset: Option<usize>,
    graph_seen: bool,
    default_edge: EdgeType,
    /// Whether networkx reads the graph as directed: only where `defaultedgetype` says
    /// `directed` (see [`NetworkxKeys`]).
    networkx_directed: bool,
    /// The `networkx_key` column, where the file declares one.
    networkx_keys: Option<NetworkxKeys>,
    /// The class of the `<attributes>` block being read.
    class: Option<Class>,
    node_columns: Declarations,
    edge_columns: Declarations,
    declaration: Option<Declaration>,
    /// Open `<node>` elements, innermost last (GEXF nests nodes for hierarchies).
    nodes: Vec<Draft<NodeRecord>>,
    edge: Option<Draft<EdgeRecord>>,
    /// Text of the element being read; cleared at every start tag.
    text: String,
    meta: Meta,
    /// The writer, where it writes a missing value as text: networkx (its `<creator>`
    /// says NetworkX), which writes Python's `None` as "None".
    missing: Option<MissingAsText>,
    seq: usize,
    stats: Stats,
}

impl GexfReader {
    fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            builder: GraphBuilder::new(file, "GEXF"),
            collected: Collected::default(),
            root_offset: None,
            graph_seen: false,
            default_edge: EdgeType::Directed,
            networkx_directed: false,
            networkx_keys: None,
            class: None,
            node_columns: Declarations::default(),
            edge_columns: Declarations::default(),
            declaration: None,
            nodes: Vec::new(),
            edge: None,
            text: String::new(),
            meta: Meta::default(),
            missing: None,
            seq: 0,
            stats: Stats::default(),
        }
    }

    fn root(&mut self, events: &XmlEvents, element: &Element) -> Result<(), LoadError> {
        if element.local != "gexf" {
            return Err(events.structure(
                element.offset,
                element.qname.clone(),
                format!(
                    "expected a <gexf> root element, found <{}>; this is not a GEXF file",
                    element.qname
                ),
            ));
        }
        self.root_offset = Some(element.offset);
        let version = element
            .attr("version")
            .map(str::trim)
            .filter(|version| !version.is_empty())
            .map(str::to_owned)
            .or_else(|| element.attr("xmlns").and_then(namespace_version));
        self.builder.set_format(match version {
            Some(version) => format!("GEXF {version}"),
            None => "GEXF".to_owned(),
        });
        Ok(())
    }

    fn graph(&mut self, events: &XmlEvents, element: &Element) {
        if self.graph_seen {
            self.builder.warn(
                events.path(),
                "a second <graph>; GEXF holds one graph per file, this one is read into the same dataset",
            );
        }
        self.graph_seen = true;
        self.networkx_directed = element.attr("defaultedgetype") == Some("directed");
        if let Some(text) = element.attr("defaultedgetype") {
            match EdgeType::parse(text) {
                Some(edge_type) => self.default_edge = edge_type,
                None => self.builder.warn(
                    events.path(),
                    format!("defaultedgetype=\"{text}\" is not directed, undirected or mutual; edges are read as directed"),
                ),
            }
        }
        if element.attr("mode") == Some("dynamic") {
            self.stats.dynamic = true;
        }
        self.stats.numeric_time = element
            .attr("timeformat")
            .filter(|format| matches!(format.trim(), "double" | "integer" | "float"))
            .map(|format| format.trim().to_owned());
        let given = |name| {
            element
                .attr(name)
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        self.meta.graph_label = given("label");
        self.meta.graph_name = given("name");
    }

    /// An element inside `<meta>`: its text is read when it closes (see `meta_end`).
    fn meta_start(&mut self, events: &XmlEvents, element: &Element) {
        match element.local.to_ascii_lowercase().as_str() {
            "dataset" => self.collected.dataset_json_path = events.path(),
            "creator" | "title" | "description" | "keywords" => {}
            _ => *self.stats.unused.entry(element.qname.clone()).or_default() += 1,
        }
    }

    /// An element inside `<meta>` closed. Gephi reads their names in any case (`<Creator>`,
    /// `<Title>`, as some older files have them), and so does this.
    fn meta_end(&mut self, local: &str) {
        let slot = match local.to_ascii_lowercase().as_str() {
            "title" => &mut self.meta.title,
            "description" => &mut self.meta.description,
            "creator" => &mut self.meta.creator,
            "keywords" => &mut self.meta.keywords,
            "dataset" => {
                self.collected.dataset_json = Some(std::mem::take(&mut self.text));
                return;
            }
            _ => return,
        };
        if slot.is_none() {
            *slot = take_text(&mut self.text);
        }
        // networkx writes `<creator>NetworkX 3.2</creator>` before the graph.
        if self.meta.creator.as_deref().is_some_and(|creator| {
            creator
                .trim_start()
                .get(..8)
                .is_some_and(|name| name.eq_ignore_ascii_case("networkx"))
        }) {
            self.missing = Some(MissingAsText::Python);
        }
    }

    /// Whether `value` is how the file's writer writes a missing value.
    fn is_missing(&self, value: &str) -> bool {
        self.missing
            .is_some_and(|missing| missing.is_missing(value))
    }

    /// `element`'s attribute `name`, unless it is how the file's writer writes a missing
    /// value ([`Self::count_missing_attrs`] counts those).
    fn attr<'e>(&self, element: &'e Element, name: &str) -> Option<&'e str> {
        element.attr(name).filter(|value| !self.is_missing(value))
    }

    /// Counts the attributes of a `<node>` or `<edge>` read as missing, all but its id and
    /// ends (networkx writes Python's `None` as "None" for a label, a `pid`, a weight…).
    fn count_missing_attrs(&mut self, element: &Element) {
        if self.missing.is_none() {
            return;
        }
        let missing = element
            .attrs()
            .filter(|(name, value)| {
                !matches!(*name, "id" | "source" | "target") && self.is_missing(value)
            })
            .count();
        self.stats.missing_values += missing;
    }

    fn open_node(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let mut draft = Draft::open_node(&mut self.builder, self.seq, events.path(), element);
        if !draft.skip {
            self.count_missing_attrs(element);
            let record = &mut draft.record;
            record.node.label = self.attr(element, "label").map(str::to_owned);
            // Its groups: `pid` (GEXF 1.1, networkx), the node it is nested in (the
            // hierarchy is flattened) and `<parents>` (GEXF 1.2), drawn as "part of" links.
            if let Some(pid) = self.attr(element, "pid") {
                record.groups.push(pid.to_owned());
            }
            if let Some(outer) = self.nodes.last() {
                record.groups.push(outer.record.node.id.clone());
                self.stats.nested += 1;
            }
            let (start, end) = period(|name| self.attr(element, name));
            draft.extra.own_period = start.is_some() || end.is_some();
            record.set_time(start, end);
            for (name, value) in element.attrs() {
                if !is_known_item_attr(name) && !self.is_missing(value) {
                    record.keep(name, value);
                }
            }
        }
        self.nodes.push(draft);
    }

    fn close_node(&mut self) {
        let Some(mut draft) = self.nodes.pop() else {
            return;
        };
        if draft.skip {
            return;
        }
        self.node_columns
            .apply_defaults(&mut draft.record, &draft.given);
        self.stats.count_spells(&draft);
        self.collected.nodes.push(draft.into_pending());
    }

    fn open_edge(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let path = events.path();
        let mut draft = Draft::open_edge(&mut self.builder, self.seq, path.clone(), element);
        if !draft.skip {
            self.count_missing_attrs(element);
            let record = &mut draft.record;
            record.edge.label = self
                .attr(element, "label")
                .filter(|label| !label.trim().is_empty())
                .map(str::to_owned);
            record.edge.kind = self
                .attr(element, "kind")
                .filter(|kind| !kind.trim().is_empty())
                .map(str::to_owned);
            if record.edge.kind.is_some() {
                record.edge.kind_key = Some("kind".to_owned());
            }
            let edge_type = match self.attr(element, "type") {
                None => self.default_edge,
                Some(text) => EdgeType::parse(text).unwrap_or_else(|| {
                    self.builder.warn(
                        &path,
                        format!("type=\"{text}\" is not directed, undirected or mutual; read as the graph's default"),
                    );
                    self.default_edge
                }),
            };
            if edge_type == EdgeType::Mutual {
                self.stats.mutual += 1;
            }
            record.edge.directed = edge_type == EdgeType::Directed;
            if let Some(weight) = self.attr(element, "weight") {
                match weight.trim().parse::<f64>() {
                    Ok(value) if value.is_finite() => record.edge.weight = Some(value),
                    _ => {
                        self.builder.warn(
                            &path,
                            format!(
                                "weight=\"{weight}\" is not a number; kept as the attribute \"weight\""
                            ),
                        );
                        record.keep("weight", weight);
                    }
                }
            }
            if let Some(timestamp) = self.attr(element, "timestamp") {
                record.edge.date = Some(timestamp.to_owned());
            }
            let start = self
                .attr(element, "start")
                .or(self.attr(element, "startopen"));
            let end = self.attr(element, "end").or(self.attr(element, "endopen"));
            draft.extra.own_period = start.is_some() || end.is_some();
            record.set_time(start, end);
            for (name, value) in element.attrs() {
                if !is_known_item_attr(name)
                    && !matches!(name, "source" | "target" | "type" | "kind" | "weight")
                    && !self.is_missing(value)
                {
                    record.keep(name, value);
                }
            }
        }
        self.edge = Some(draft);
    }

    fn close_edge(&mut self) {
        let Some(mut draft) = self.edge.take() else {
            return;
        };
        if draft.skip {
            return;
        }
        if let Some(networkx) = &mut self.networkx_keys {
            // The column's default, where the edge gives no value, is judged as one; it is
            // not applied again below.
            let value = draft.extra.networkx_key.take().or_else(|| {
                draft.given.insert(networkx.column.clone());
                self.edge_columns.get(&networkx.column)?.default.clone()
            });
            // Without a `networkx_key`, networkx keys an edge by its id, or numbers it.
            let key = match (&value, &draft.record.edge.id) {
                (Some(value), _) => Some(networkx.key(value)),
                (None, Some(id)) => Some(Key::text(id)),
                (None, None) => None,
            };
            let edge = &draft.record.edge;
            let numbering =
                networkx
                    .keys
                    .is_numbering(&edge.source, &edge.target, self.networkx_directed, key);
            if let Some(value) = value.filter(|_| !numbering) {
                draft.record.set(KEY, &value);
            }
        }
        self.edge_columns
            .apply_defaults(&mut draft.record, &draft.given);
        self.stats.count_spells(&draft);
        self.collected.edges.push(draft.into_pending());
    }

    /// An `<attvalue>` of the innermost open node, or of the open edge when `on_edge`.
    fn attvalue(&mut self, events: &XmlEvents, element: &Element, on_edge: bool) {
        let path = events.path();
        // GEXF 1.0 named the column with `id`, later versions with `for`.
        let Some(column) = element.attr("for").or(element.attr("id")) else {
            self.builder
                .warn(&path, "an attvalue without \"for\"; its value is not used");
            return;
        };
        let value = element.attr("value").unwrap_or_default();
        if on_edge
            && self
                .networkx_keys
                .as_ref()
                .is_some_and(|networkx| networkx.column == column)
        {
            // Kept, or not, once the edge is read (see `close_edge`).
            if let Some(draft) = self.edge.as_mut().filter(|draft| !draft.skip) {
                if draft.given.insert(column.to_owned()) {
                    draft.extra.networkx_key = Some(value.to_owned());
                } else {
                    self.stats.extra_values += 1;
                }
            }
            return;
        }
        let (columns, given, record): (&Declarations, &mut HashSet<String>, &mut dyn Record) =
            if on_edge {
                match &mut self.edge {
                    Some(draft) if !draft.skip => {
                        (&self.edge_columns, &mut draft.given, &mut draft.record)
                    }
                    _ => return,
                }
            } else {
                match self.nodes.last_mut() {
                    Some(draft) if !draft.skip => {
                        (&self.node_columns, &mut draft.given, &mut draft.record)
                    }
                    _ => return,
                }
            };
        if !given.insert(column.to_owned()) {
            // A dynamic column gives one value per period; the first is kept.
            self.stats.extra_values += 1;
            return;
        }
        // Given, as missing: the column's default is not applied either.
        if self
            .missing
            .is_some_and(|missing| missing.is_missing(value))
        {
            self.stats.missing_values += 1;
            return;
        }
        if let Some(declaration) = columns.get(column) {
            record.set(&declaration.title, value);
        } else {
            record.keep(column, value);
            let class = if on_edge { "edge" } else { "node" };
            self.builder.warn(
                path,
                format!("for=\"{column}\" names no declared {class} attribute; the value is kept as the attribute \"{column}\""),
            );
        }
    }

    fn spell(&mut self, events: &XmlEvents, element: &Element) {
        self.count_missing_attrs(element);
        let (start, end) = period(|name| self.attr(element, name));
        let on_edge = events.ancestor(2) == Some("edge");
        self.stats.dynamic = true;
        // The first spell is the period, unless the element gives one of its own.
        if on_edge {
            if let Some(draft) = &mut self.edge {
                draft.extra.spells += 1;
                if draft.extra.spells == 1 && !draft.extra.own_period {
                    draft.record.set_time(start, end);
                }
            }
        } else if let Some(draft) = self.nodes.last_mut() {
            draft.extra.spells += 1;
            if draft.extra.spells == 1 && !draft.extra.own_period {
                draft.record.set_time(start, end);
            }
        }
    }

    fn viz(&mut self, events: &XmlEvents, element: &Element) {
        let on_edge = events.ancestor(1) == Some("edge");
        let value = element.attr("value");
        let kept: Option<(&str, String)> = match element.local.as_str() {
            "position" if !on_edge => {
                self.position(events, element);
                None
            }
            "color" => Some(("color", viz_color(element))),
            "size" => value.map(|v| ("size", v.to_owned())),
            "thickness" => value.map(|v| ("thickness", v.to_owned())),
            "shape" => {
                if let (Some(uri), Some(draft)) = (element.attr("uri"), self.nodes.last_mut())
                    && !on_edge
                {
                    draft.record.keep("image", uri);
                }
                value.map(|v| ("shape", v.to_owned()))
            }
            _ => None,
        };
        if let Some((name, value)) = kept {
            if on_edge {
                if let Some(draft) = &mut self.edge {
                    draft.record.keep(name, &value);
                }
            } else if let Some(draft) = self.nodes.last_mut() {
                draft.record.keep(name, &value);
            }
        }
    }

    fn position(&mut self, events: &XmlEvents, element: &Element) {
        let coordinate = |name: &str| {
            element
                .attr(name)
                .and_then(|text| text.trim().parse::<f32>().ok())
                .filter(|value| value.is_finite())
        };
        let Some(draft) = self.nodes.last_mut() else {
            return;
        };
        match (coordinate("x"), coordinate("y")) {
            (Some(x), Some(y)) => {
                draft.record.node.position = Some((x, y));
                self.builder.turn_y_up(&mut draft.record.node, Y_UP);
            }
            _ => self.builder.warn(
                events.path(),
                "viz:position without numeric x and y; the node is placed by the layout",
            ),
        }
        if let Some(z) = coordinate("z").filter(|z| *z != 0.0) {
            draft.record.keep("z", &z.to_string());
        }
    }

    /// The dataset's metadata from `<meta>` and `<graph>`: the title is meta's, else the
    /// graph's `label` or `name` (networkx), else the description; the creator its authors
    /// (`;` between several, as GraphML's and XGMML's), `lastmodifieddate` the day it was
    /// made. Keywords, which the metadata has no place for, and a date that is no date are
    /// said in a note.
    fn metadata(&mut self) {
        let meta = std::mem::take(&mut self.meta);
        let created = meta.modified.as_deref().and_then(modified_day);
        let metadata = self.builder.metadata_mut();
        metadata.title = meta
            .title
            .clone()
            .or(meta.graph_label)
            .or(meta.graph_name)
            .or_else(|| meta.description.clone())
            .unwrap_or_else(|| self.file.clone());
        metadata.description = meta.description;
        metadata.authors = meta
            .creator
            .iter()
            .flat_map(|creator| super::vocabulary::split_authors(creator))
            .collect();
        metadata.created = created.map(str::to_owned);
        if let Some(modified) = meta.modified.as_deref().filter(|_| created.is_none()) {
            self.builder.note(format!(
                "lastmodifieddate=\"{}\" is no date of the form YYYY-MM-DD; not kept",
                super::excerpt(modified, 40)
            ));
        }
        if let Some(keywords) = &meta.keywords {
            self.builder.note(format!(
                "keywords in <meta> not kept (a dataset's metadata has no place for them): {}",
                super::excerpt(keywords, 200)
            ));
        }
    }

    fn notes(&mut self) {
        if let Some(note) = self.networkx_keys.as_ref().and_then(|networkx| {
            networkx
                .keys
                .note(&format!(", written as \"{NETWORKX_KEY}\""))
        }) {
            self.builder.note(note);
        }
        let stats = &self.stats;
        if let Some(note) = self
            .missing
            .and_then(|missing| missing.note(stats.missing_values))
        {
            self.builder.note(note);
        }
        if stats.mutual > 0 {
            self.builder.note(format!(
                "{} (type \"mutual\") read as undirected relations",
                counted(stats.mutual, "mutual edge", "mutual edges")
            ));
        }
        if let Some(path) = &stats.first_period_and_spells {
            let others = match stats.periods_and_spells {
                1 => String::new(),
                2 => " (1 more node or edge does the same)".to_owned(),
                n => format!(" ({} more nodes or edges do the same)", n - 1),
            };
            self.builder.warn(
                path.clone(),
                format!(
                    "both a start/end of its own and <spells>, which GEXF allows only instead \
                     of one another: its own start and end are its period, its spells are not \
                     read{others}"
                ),
            );
        }
        if let Some(format) = &stats.numeric_time {
            self.builder.note(format!(
                "times are numbers (timeformat=\"{format}\"), not dates: they are kept as \
                 attributes, off the timeline"
            ));
        }
        if stats.dynamic {
            let mut not_kept = Vec::new();
            if stats.extra_spells > 0 {
                not_kept.push(counted(stats.extra_spells, "later spell", "later spells"));
            }
            if stats.extra_values > 0 {
                not_kept.push(format!(
                    "{} of time-varying attributes",
                    counted(stats.extra_values, "later value", "later values")
                ));
            }
            let not_kept = if not_kept.is_empty() {
                String::new()
            } else {
                format!(" ({} not kept)", not_kept.join(" and "))
            };
            self.builder.note(format!(
                "dynamic graph: each node and edge keeps its first spell as its start and end{not_kept}"
            ));
        } else if stats.extra_values > 0 {
            self.builder.note(format!(
                "{} not kept (the first value of each column is)",
                counted(
                    stats.extra_values,
                    "repeated attribute value",
                    "repeated attribute values"
                )
            ));
        }
        if stats.nested > 0 {
            self.builder.note(format!(
                "node hierarchy flattened: {} nested in another",
                counted(stats.nested, "node", "nodes")
            ));
        }
        if !stats.unused.is_empty() {
            self.builder
                .note(xml::unused_elements_note(stats.unused.iter()));
        }
    }
}

impl XmlGraphReader for GexfReader {
    fn start(&mut self, events: &XmlEvents, element: &Element) -> Result<(), LoadError> {
        self.text.clear();
        if events.depth() == 1 {
            return self.root(events, element);
        }
        let parent = events.ancestor(1).unwrap_or_default();
        if parent.eq_ignore_ascii_case("meta") && events.ancestor(2) == Some("gexf") {
            self.meta_start(events, element);
            return Ok(());
        }
        match (element.local.as_str(), parent) {
            (meta, "gexf") if meta.eq_ignore_ascii_case("meta") => {
                self.meta.modified = element
                    .attrs()
                    .find(|(name, _)| name.eq_ignore_ascii_case("lastmodifieddate"))
                    .map(|(_, date)| date.trim().to_owned())
                    .filter(|date| !date.is_empty());
            }
            ("graph", "gexf") => self.graph(events, element),
            ("attributes", "graph") => {
                self.class = match element.attr("class") {
                    Some("edge") => Some(Class::Edge),
                    _ => Some(Class::Node),
                };
            }
            ("attribute", "attributes") => {
                let id = element.attr("id").unwrap_or_default().to_owned();
                let mut title = element
                    .attr("title")
                    .map_or_else(|| id.clone(), str::to_owned);
                // networkx writes a multigraph edge's key as `networkx_key` (and so does
                // Chainsight's writer, for networkx's reader): the attribute `key`, unless it
                // is networkx's own numbering.
                if self.class == Some(Class::Edge) && title == NETWORKX_KEY {
                    KEY.clone_into(&mut title);
                    if self.networkx_keys.is_none() {
                        let kind = element.attr("type").unwrap_or_default().trim();
                        self.networkx_keys = Some(NetworkxKeys {
                            column: id.clone(),
                            integers: ["integer", "long", "short", "byte", "biginteger"]
                                .iter()
                                .any(|integer| kind.eq_ignore_ascii_case(integer)),
                            keys: MultigraphKeys::default(),
                        });
                    }
                }
                self.declaration = Some(Declaration {
                    id,
                    title,
                    default: None,
                });
            }
            ("node", "nodes") => self.open_node(events, element),
            ("edge", "edges") => self.open_edge(events, element),
            ("attvalue", "attvalues") => {
                let on_edge = events.ancestor(2) == Some("edge");
                self.attvalue(events, element, on_edge);
            }
            // Without the <attvalues> wrapper, as Gephi reads it (and its test files have it).
            ("attvalue", "node" | "edge") => self.attvalue(events, element, parent == "edge"),
            ("spell", "spells") => self.spell(events, element),
            ("parent", "parents") => {
                if let (Some(draft), Some(id)) = (self.nodes.last_mut(), element.attr("for")) {
                    draft.record.groups.push(id.to_owned());
                }
            }
            ("position" | "color" | "size" | "shape" | "thickness", "node" | "edge") => {
                self.viz(events, element);
            }
            ("default" | "options", "attribute")
            | ("nodes" | "edges", _)
            | ("attvalues" | "spells", "node" | "edge")
            | ("parents", "node") => {}
            _ => *self.stats.unused.entry(element.qname.clone()).or_default() += 1,
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn end(&mut self, events: &XmlEvents, local: &str) {
        // The element is closed: the innermost open one is now its parent.
        let parent = events.ancestor(0).unwrap_or_default();
        if parent.eq_ignore_ascii_case("meta") && events.ancestor(1) == Some("gexf") {
            self.meta_end(local);
            return;
        }
        match (local, parent) {
            ("default", "attribute") => {
                let default = self.text.trim().to_owned();
                if self.is_missing(&default) {
                    self.stats.missing_values += 1;
                } else if let Some(declaration) = &mut self.declaration {
                    declaration.default = Some(default);
                }
            }
            ("attribute", "attributes") => {
                if let Some(declaration) = self.declaration.take() {
                    match self.class {
                        Some(Class::Edge) => self.edge_columns.add(declaration),
                        _ => self.node_columns.add(declaration),
                    }
                }
            }
            ("attributes", "graph") => self.class = None,
            ("node", "nodes") => self.close_node(),
            ("edge", "edges") => self.close_edge(),
            _ => {}
        }
    }

    fn finish(mut self, events: &XmlEvents) -> Result<Loaded, LoadError> {
        let Some(root_offset) = self.root_offset else {
            return Err(events.structure(
                events.end_offset(),
                "gexf".to_owned(),
                "the file has no root element; expected <gexf>".to_owned(),
            ));
        };
        if !self.graph_seen {
            return Err(events.structure(
                root_offset,
                "gexf/graph".to_owned(),
                "the <gexf> element holds no <graph>; expected one with <nodes> and <edges>"
                    .to_owned(),
            ));
        }
        self.metadata();
        self.notes();
        Ok(xml::build(self.builder, &self.file, self.collected))
    }
}

/// The period a `<node>` or `<spell>` gives: its start and end (open or not), or, in
/// timestamp representation, the instant of its `timestamp` as both.
/// `attr` gives the element's attributes (those read as missing left out).
fn period<'e>(attr: impl Fn(&str) -> Option<&'e str>) -> (Option<&'e str>, Option<&'e str>) {
    let start = attr("start").or(attr("startopen"));
    let end = attr("end").or(attr("endopen"));
    match attr("timestamp") {
        Some(timestamp) if start.is_none() && end.is_none() => (Some(timestamp), Some(timestamp)),
        _ => (start, end),
    }
}

/// XML attributes of `<node>`/`<edge>` that the reader maps itself.
fn is_known_item_attr(name: &str) -> bool {
    matches!(
        name,
        "id" | "label" | "pid" | "start" | "end" | "startopen" | "endopen" | "timestamp"
    ) || name == "xmlns"
        || name.starts_with("xmlns:")
}

/// The GEXF version a namespace names: `http://www.gexf.net/1.2draft` → `1.2`.
fn namespace_version(namespace: &str) -> Option<String> {
    let last = namespace.trim_end_matches('/').rsplit('/').next()?;
    let version = last.trim_end_matches("draft");
    (!version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then(|| version.to_owned())
}

/// `viz:color` as text: its `hex` where given (GEXF 1.3 writes `#rrggbb`; some writers, such
/// as PHP's gexf library, leave out the `#`, which is put back so the colour is drawn), else
/// `#rrggbb`, with alpha as `rgba(…)`.
fn viz_color(element: &Element) -> String {
    if let Some(hex) = element.attr("hex") {
        let hex = hex.trim();
        let bare_digits =
            matches!(hex.len(), 3 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
        return if bare_digits {
            format!("#{hex}")
        } else {
            hex.to_owned()
        };
    }
    let channel = |name: &str| element.attr(name).map_or("0", str::trim);
    let (r, g, b) = (channel("r"), channel("g"), channel("b"));
    let alpha = element
        .attr("a")
        .map(str::trim)
        .filter(|a| *a != "1" && *a != "1.0");
    match (r.parse::<u8>(), g.parse::<u8>(), b.parse::<u8>(), alpha) {
        (Ok(r), Ok(g), Ok(b), None) => format!("#{r:02x}{g:02x}{b:02x}"),
        (_, _, _, Some(a)) => format!("rgba({r},{g},{b},{a})"),
        _ => format!("rgb({r},{g},{b})"),
    }
}

/// The day `lastmodifieddate` names: an `xs:date`, which may carry a time zone
/// (`2010-05-29+01:00`, `2010-05-29Z`), or a date and time.
fn modified_day(text: &str) -> Option<&str> {
    let text = text.trim();
    text.get(..10)
        .filter(|day| super::native::is_valid_date(day))
        .or_else(|| super::native::calendar_date(text))
}

fn take_text(text: &mut String) -> Option<String> {
    let taken = std::mem::take(text);
    let trimmed = taken.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Writes `dataset` as a GEXF 1.3 document that [`read`] turns back into the same dataset.
pub fn write(dataset: &Dataset) -> String {
    let mut xml = XmlWriter::new();
    xml.open(
        "gexf",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:viz", VIZ_NAMESPACE),
            ("xmlns:chainsight", xml::CHAINSIGHT_NAMESPACE),
            ("version", "1.3"),
        ],
    );
    write_meta(&mut xml, dataset);
    let undirected = super::Directedness::of(dataset) == super::Directedness::Undirected;
    xml.open(
        "graph",
        &[
            (
                "defaultedgetype",
                if undirected { "undirected" } else { "directed" },
            ),
            ("mode", "static"),
        ],
    );

    let node_rows: Vec<_> = dataset.entities.iter().map(xml::entity_values).collect();
    let mut edge_rows: Vec<_> = dataset
        .relations
        .iter()
        .map(|relation| xml::relation_values(dataset, relation))
        .collect();
    let node_ids = xml::unique_xml_ids(dataset.entities.iter().map(|e| e.entity_id.as_str()));
    let numbered_keys = number_networkx_keys(dataset, &node_ids, !undirected, &mut edge_rows);
    let node_columns = xml::columns(&node_rows);
    let edge_columns = xml::columns(&edge_rows);
    write_declarations(&mut xml, "node", "n", &node_columns, false);
    write_declarations(&mut xml, "edge", "e", &edge_columns, numbered_keys);

    let positions: HashMap<usize, Position> = dataset
        .positions
        .iter()
        .map(|(idx, position)| (idx.0, *position))
        .collect();
    let node_index = xml::column_index(&node_columns);
    let edge_ids = xml::unique_xml_ids(dataset.relations.iter().map(|r| r.relation_id.as_str()));
    xml.open("nodes", &[]);
    for (index, ((entity, row), node_id)) in dataset
        .entities
        .iter()
        .zip(&node_rows)
        .zip(&node_ids)
        .enumerate()
    {
        xml.open("node", &[("id", node_id), ("label", &entity.name)]);
        write_attvalues(&mut xml, &xml::cells(row, &node_index, "n"));
        if let Some(position) = positions.get(&index) {
            // y up, as Gephi reads it (see `Y_UP`).
            let (x, y) = (position.x.to_string(), (0.0 - position.y).to_string());
            xml.empty("viz:position", &[("x", &x), ("y", &y), ("z", "0")]);
        }
        xml.close("node");
    }
    xml.close("nodes");

    let edge_index = xml::column_index(&edge_columns);
    xml.open("edges", &[]);
    for ((relation, row), edge_id) in dataset.relations.iter().zip(&edge_rows).zip(&edge_ids) {
        let endpoint = |idx: EntityIdx| node_ids.get(idx.0).map_or("", String::as_str);
        let (source, target) = (endpoint(relation.source), endpoint(relation.target));
        let weight = relation
            .weight
            .filter(|weight| weight.is_finite())
            .map(|weight| weight.to_string());
        let mut attrs = vec![
            ("id", edge_id.as_str()),
            ("source", source),
            ("target", target),
            (
                "type",
                if relation.directed {
                    "directed"
                } else {
                    "undirected"
                },
            ),
        ];
        if let Some(label) = &relation.label {
            attrs.push(("label", label));
        }
        if let Some(weight) = &weight {
            attrs.push(("weight", weight));
        }
        xml.open("edge", &attrs);
        write_attvalues(&mut xml, &xml::cells(row, &edge_index, "e"));
        xml.close("edge");
    }
    xml.close("edges");
    xml.close("graph");
    xml.close("gexf");
    xml.finish()
}

fn write_meta(xml: &mut XmlWriter, dataset: &Dataset) {
    let metadata = &dataset.metadata;
    let mut attrs = Vec::new();
    // lastmodifieddate is an xs:date: written only when `created` is a full date.
    if let Some(created) = metadata.created.as_deref().filter(|c| c.len() == 10) {
        attrs.push(("lastmodifieddate", created));
    }
    xml.open("meta", &attrs);
    let creator = if metadata.authors.is_empty() {
        "Chainsight".to_owned()
    } else {
        metadata.authors.join("; ")
    };
    xml.leaf("creator", &[], &creator);
    if !metadata.title.is_empty() {
        xml.leaf("title", &[], &metadata.title);
    }
    if let Some(description) = &metadata.description {
        xml.leaf("description", &[], description);
    }
    xml.leaf("chainsight:dataset", &[], &xml::dataset_json(dataset));
    xml.close("meta");
}

/// The column title networkx gives a multigraph edge's key. networkx's `read_gexf` passes the
/// edge id as `key=` and every attribute as a keyword, so an edge attribute titled `key` would
/// make it fail; the attribute `key` is written under this title and read back as `key`.
const NETWORKX_KEY: &str = "networkx_key";

/// The attribute a networkx multigraph edge's key is kept as, read from [`NETWORKX_KEY`].
const KEY: &str = "key";

/// Where some relation keeps a networkx multigraph key (the attribute `key`) and every such
/// key is a number, gives each relation without one, in `edge_rows`, the number networkx
/// would give it (the next free among the links joining the same two nodes), and says so:
/// the column `networkx_key` is then one of integers, as networkx writes it, and [`read`]
/// takes exactly those numbers for networkx's numbering again. Otherwise (a key of text, or
/// a number that would be read as networkx's own) the keys are written as text and the other
/// edges without one, which networkx keys by their ids. That is why numbers are written
/// where they can be: the ids of a graph from networkx are numbers too, and one may be the
/// key of another edge joining the same two nodes, which networkx would read as one edge.
fn number_networkx_keys(
    dataset: &Dataset,
    node_ids: &[String],
    directed: bool,
    edge_rows: &mut [Vec<(String, String)>],
) -> bool {
    if !dataset
        .relations
        .iter()
        .any(|relation| relation.attributes.contains_key(KEY))
    {
        return false;
    }
    let mut keys = MultigraphKeys::default();
    let mut numbers = Vec::new();
    for relation in &dataset.relations {
        let end = |idx: EntityIdx| node_ids.get(idx.0).map_or("", String::as_str);
        let (source, target) = (end(relation.source), end(relation.target));
        match relation.attributes.get(KEY) {
            Some(key) => {
                let number = key.trim().parse::<u64>().ok().map(Key::Integer);
                if number.is_none() || keys.is_numbering(source, target, directed, number) {
                    return false;
                }
            }
            None => numbers.push(keys.number(source, target, directed)),
        }
    }
    let mut numbers = numbers.into_iter();
    for (relation, row) in dataset.relations.iter().zip(edge_rows) {
        if !relation.attributes.contains_key(KEY)
            && let Some(number) = numbers.next()
        {
            row.push((KEY.to_owned(), number.to_string()));
        }
    }
    true
}

/// Declares `columns`; the edge column `key` as `networkx_key`, of integers where
/// `numbered_keys` (see [`number_networkx_keys`]).
fn write_declarations(
    xml: &mut XmlWriter,
    class: &str,
    prefix: &str,
    columns: &[String],
    numbered_keys: bool,
) {
    if columns.is_empty() {
        return;
    }
    xml.open("attributes", &[("class", class), ("mode", "static")]);
    for (index, title) in columns.iter().enumerate() {
        let id = format!("{prefix}{index}");
        let (title, kind) = match title.as_str() {
            KEY if class == "edge" => (NETWORKX_KEY, if numbered_keys { "long" } else { "string" }),
            _ => (title.as_str(), "string"),
        };
        xml.empty(
            "attribute",
            &[("id", &id), ("title", title), ("type", kind)],
        );
    }
    xml.close("attributes");
}

fn write_attvalues(xml: &mut XmlWriter, cells: &[(String, &str)]) {
    if cells.is_empty() {
        return;
    }
    xml.open("attvalues", &[]);
    for (id, value) in cells {
        xml.empty("attvalue", &[("for", id), ("value", value)]);
    }
    xml.close("attvalues");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_names_the_version() {
        assert_eq!(
            namespace_version("http://www.gexf.net/1.2draft").as_deref(),
            Some("1.2")
        );
        assert_eq!(
            namespace_version("http://gexf.net/1.3").as_deref(),
            Some("1.3")
        );
        assert_eq!(namespace_version("http://example.org/other"), None);
    }

    #[test]
    fn escaped_text_reads_back() {
        let text = "<gexf version=\"1.3\"><graph><nodes>\
            <node id=\"a\" label=\"A &amp; B&#10;two lines\"/></nodes></graph></gexf>";
        let loaded = read("t.gexf", text).unwrap();
        assert_eq!(loaded.dataset.entities[0].name, "A & B\ntwo lines");
    }

    /// PHP's gexf library writes `<viz:color hex="003366"/>`, without the `#` GEXF 1.3 has:
    /// the colour is still one the window draws.
    #[test]
    fn a_hex_colour_without_its_hash_is_still_a_colour() {
        let text = r##"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
            <graph><nodes>
            <node id="a" label="Hello"><viz:color hex="003366" a="0.9"/></node>
            <node id="b" label="World"><viz:color hex="#587EAA"/></node>
            <node id="c" label="Odd"><viz:color hex="navy"/></node>
            </nodes></graph></gexf>"##;
        let loaded = read("t.gexf", text).unwrap();
        let colours: Vec<&str> = loaded
            .dataset
            .entities
            .iter()
            .map(|entity| entity.attributes["color"].as_str())
            .collect();
        assert_eq!(colours, ["#003366", "#587EAA", "navy"]);
        assert!(crate::view::parse_colour(colours[0]).is_some());
    }

    /// The attribute `key` of each relation of a GEXF document whose edges (source, target,
    /// `networkx_key` or none) are `edges`, its `networkx_key` column of type `kind`, and the
    /// report's notes.
    fn networkx_keys(
        edge_type: &str,
        kind: &str,
        edges: &[(&str, &str, Option<&str>)],
    ) -> (Vec<Option<String>>, Vec<String>) {
        use std::fmt::Write as _;
        let mut written = String::new();
        for (i, (source, target, key)) in edges.iter().enumerate() {
            let value = key.map_or_else(String::new, |key| {
                format!(r#"<attvalues><attvalue for="k" value="{key}"/></attvalues>"#)
            });
            write!(
                written,
                r#"<edge id="e{i}" source="{source}" target="{target}">{value}</edge>"#
            )
            .unwrap();
        }
        let text = format!(
            r#"<gexf version="1.2"><graph defaultedgetype="{edge_type}">
            <attributes class="edge"><attribute id="k" title="networkx_key" type="{kind}"/></attributes>
            <nodes><node id="a"/><node id="b"/><node id="c"/></nodes><edges>{written}</edges></graph></gexf>"#
        );
        let loaded = read("t.gexf", &text).unwrap();
        assert!(
            loaded.report.warnings.is_empty(),
            "{:?}",
            loaded.report.warnings
        );
        let keys = loaded
            .dataset
            .relations
            .iter()
            .map(|r| r.attributes.get(KEY).cloned())
            .collect();
        (keys, loaded.report.notes)
    }

    #[test]
    fn networkx_s_own_key_numbering_is_followed_as_networkx_reads_the_graph() {
        let edges = [
            ("a", "b", Some("0")),
            ("b", "a", Some("1")),
            ("a", "c", Some("0")),
        ];
        let (keys, notes) = networkx_keys("undirected", "long", &edges);
        assert_eq!(keys, [None, None, None]);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("3 multigraph keys not kept"),
            "{notes:?}"
        );
        let (keys, _) = networkx_keys("directed", "long", &edges);
        assert_eq!(
            keys,
            [None, Some("1".to_owned()), None],
            "directed: b to a is the first link that way"
        );
    }

    #[test]
    fn a_networkx_key_of_text_or_after_an_edge_keyed_by_its_id_is_kept() {
        // In a column of text, networkx reads "0" as text: no number it gave.
        let (keys, notes) = networkx_keys("undirected", "string", &[("a", "b", Some("0"))]);
        assert_eq!(keys, [Some("0".to_owned())]);
        assert!(notes.is_empty(), "{notes:?}");
        // An edge without a key is keyed by its id ("e0"), so the next number is 1.
        let (keys, _) = networkx_keys(
            "undirected",
            "long",
            &[
                ("a", "b", None),
                ("a", "b", Some("0")),
                ("a", "b", Some("2")),
            ],
        );
        assert_eq!(keys, [None, Some("0".to_owned()), None]);
    }

    #[test]
    fn byte_order_mark_and_declaration_are_accepted() {
        let text = "\u{feff}<?xml version=\"1.0\"?>\n<gexf><graph><nodes><node id=\"a\"/></nodes></graph></gexf>\n";
        let loaded = read("bom.gexf", text).unwrap();
        assert_eq!(loaded.dataset.entities.len(), 1);
        assert_eq!(loaded.report.format, "GEXF");
    }
}
