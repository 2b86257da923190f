//! GraphML (graphml.graphdrawing.org), as yEd, Gephi, Cytoscape, networkx and Maltego write
//! it: read into a dataset through the [`GraphBuilder`](super::import::GraphBuilder), and
//! written with everything a dataset holds.
//!
//! Reading: each `<key>` names a column (`attr.name`, with its `<default>`); keys may be
//! declared inside `<graph>` as well as under `<graphml>`, and a node key and an edge key
//! may share an id (Gephi reads both, and its test files do both). Each `<data>` is filed
//! by that name the way every importer files columns (`type` becomes the kind, `name` or
//! `label` the entity name, an edge's `quote` its evidence...), and anything else is
//! kept as an attribute. A value of a key declared as numbers (`attr.type` `int`, `long`,
//! `float` or `double`, as networkx declares Python's) that is text, not a number, is kept as
//! that text, with one warning per key at its first such value, counting them. Vendor data
//! holding XML (yEd's `y:ShapeNode`, Maltego's entities) gives the label of its
//! `y:NodeLabel`/`y:EdgeLabel`, its `y:Geometry` as the position, or else its text; yFiles for HTML and yEd Live give `<y:Label.Text>` and the `<y:RectD>` of
//! `NodeGeometry`; a yEd group's, from the state it shows (`<y:Realizers active>`), or the
//! other state where that one gives none. A node's fill is its colour, the attribute `color`
//! (`#rrggbb`), unless the file gives that attribute as data: yEd's `<y:Fill color>` in the
//! shape it draws (not where transparent, nor in an SVG or image node, which shows its
//! picture), yFiles for HTML's and yEd Live's `fill` (`#AARRGGBB`) on the style in
//! `NodeStyle`. Named data that is
//! only markup giving none of that (yEd Live's `NodeStyle` whose fill is a reference,
//! `EdgeStyle`) is named in the report's note, not kept as an empty attribute. The rest of
//! a drawing that gave something (its shape, size and border, its label's style, an edge's
//! line style and bends...) is counted by kind, per node or edge, in one note
//! (`xml/drawing.rs`).
//! A `<desc>` is a node's description, an edge's label (when it has a label, its
//! description, the attribute `description`, else the attribute `desc`) and, on the document or its graph, the dataset's description, where no
//! column gives one; any other is counted in the report's note.
//! Plain `<data>` on the document is the dataset's metadata, as the top graph's is. Graphs
//! nested in nodes (yEd's groups and folders) are flattened, each of their nodes drawn "part
//! of" the node holding the graph ([`groups`](super::groups)); ports are reported as not
//! used, and so is any data with nowhere to go (yEd's resources, a port's data).
//! A `<hyperedge>` becomes relations between pairs of the nodes its `<endpoint>`s name, as a
//! JGF hyperedge does ([`hyperedges`](super::hyperedges)): an `out` endpoint to an `in` one,
//! any two where one is `undir` without a direction (see `endpoint_pairs`). Each pair is
//! read as an `<edge>` of those two nodes with the hyperedge's data, `<desc>` and other
//! attributes would be; the first keeps the hyperedge's id, the others get `id#2`, `id#3`...
//!
//! In a file igraph wrote (its comment `Created by igraph`), a value "NA" (R's missing
//! value) is none; in one Python wrote (networkx: its `<?xml version='1.0'
//! encoding='utf-8'?>`), a value "None" is none ([`MissingAsText`]); they are counted in a
//! note. Cytoscape's hidden columns (`__groupState`...) in a file Cytoscape wrote are left
//! out, with a note.
//!
//! Writing: one `<key>` per field and per attribute; each relation's evidence is one
//! JSON-encoded `evidence` column, and the dataset's metadata and sources one graph-level
//! `chainsight` column, so a round trip through GraphML keeps every quote with its source.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::arrows::{ArrowShapes, Arrowheads, DrawnDirections, is_plain_yed_arrow};
use super::cytoscape::{HiddenAtts, is_hidden_name};
use super::fields::MissingAsText;
use super::hyperedges::{Expanded, MAX_PAIRS_PER_HYPEREDGE};
use super::import::GraphBuilder;
use super::maltego::{self, MaltegoData};
use super::xml::{
    self, AlphaAt, Collected, Detail, Details, DrawingReader, DrawingTally, EdgeRecord, Element,
    FILL_ATTRIBUTE, Fill, NodeRecord, Record, Used, XmlEvents, XmlGraphReader, XmlWriter,
    hex_colour,
};
use super::{LoadError, Loaded};
use crate::model::{Dataset, EntityIdx, Position};
use crate::words::counted;

/// The GraphML namespace, which [`write`] declares.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// The graph-level column [`write`] puts the dataset's metadata and sources in.
const DATASET_COLUMN: &str = "chainsight";

/// Whose convention plain `x`/`y` keys follow: y points up, as Gephi writes them and
/// networkx users' matplotlib layouts have it, so they are turned on reading and turned back
/// on writing. yEd's own geometry is left as it is.
const Y_UP: &str = "GraphML's x/y keys (as Gephi and networkx write them)";

/// Reads a GraphML document. `file` names it in messages.
pub fn read(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let mut reader = GraphmlReader::new(file);
    reader.missing = writer_of_missing(text);
    xml::read_xml_graph(file, text, reader)
}

/// Who wrote the file, where that writer writes a missing value as text: igraph, which says
/// so in a comment (`<!-- Created by igraph -->`) before the nodes, or Python (networkx),
/// whose XML libraries begin the file with `<?xml version='1.0' encoding='utf-8'?>` in
/// single quotes, as no other writer of GraphML does.
fn writer_of_missing(text: &str) -> Option<MissingAsText> {
    let text = text.trim_start_matches('\u{feff}');
    // igraph writes its comment after `<graphml>`, before the keys and the graph.
    let head = &text[..text.find("<node").unwrap_or(text.len())];
    if head.contains("<!-- Created by igraph") {
        return Some(MissingAsText::Igraph);
    }
    let declaration = text
        .split_once("?>")
        .map_or("", |(declaration, _)| declaration);
    (declaration.starts_with("<?xml version='1.0'")
        && declaration
            .to_ascii_lowercase()
            .contains("encoding='utf-8'"))
    .then_some(MissingAsText::Python)
}

/// A `<key>`: the column a `<data>` element fills.
struct Key {
    id: String,
    /// Where it is declared, for a warning.
    path: String,
    /// `for`: node, edge, graph, all...
    domain: String,
    /// `attr.name`; vendor keys (yEd's graphics) have none.
    name: Option<String>,
    /// yEd's `yfiles.type`, naming a vendor key.
    vendor: Option<String>,
    /// `attr.type` where it declares numbers (`int`, `long`, `float`, `double`), as written.
    number_type: Option<String>,
    default: Option<String>,
}

impl Key {
    /// The column title: its name, else its vendor type, else its id.
    fn title(&self) -> &str {
        self.name
            .as_deref()
            .or(self.vendor.as_deref())
            .unwrap_or(&self.id)
    }

    fn applies_to(&self, domain: &str) -> bool {
        self.domain == domain || self.domain == "all"
    }

    /// Whether a `<data>` could not tell `self` from `other` (same id, a domain in common).
    fn clashes_with(&self, other: &Key) -> bool {
        self.id == other.id && (self.applies_to(&other.domain) || other.applies_to(&self.domain))
    }
}

/// What the `<data>` being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Node,
    Edge,
    /// A `<hyperedge>`: its data goes to each relation it makes.
    Hyperedge,
    Graph,
    /// The `<graphml>` element itself: metadata like the top graph's, or yEd's resources.
    Document,
    Port,
    Other,
}

impl Owner {
    /// The `for` of the keys that apply to it.
    fn domain(self) -> &'static str {
        match self {
            Owner::Node => "node",
            Owner::Edge => "edge",
            Owner::Hyperedge => "hyperedge",
            Owner::Graph => "graph",
            Owner::Document => "graphml",
            Owner::Port => "port",
            Owner::Other => "all",
        }
    }
}

/// A `<data>` element being read, with what its vendor XML gave.
struct DataCapture {
    key: String,
    path: String,
    /// The depth of the `<data>` element itself.
    depth: usize,
    owner: Owner,
    /// The element it is on, by name.
    parent: String,
    text: String,
    has_children: bool,
    label: Option<String>,
    /// The label as written where it is markup (see [`markup_text`]), its text in `label`.
    label_markup: Option<String>,
    /// The depth of the `NodeLabel`/`EdgeLabel` being read, if inside one.
    label_depth: Option<usize>,
    label_text: String,
    /// Centre of a yEd `y:Geometry` or of a yFiles for HTML `y:RectD`.
    geometry: Option<(f32, f32)>,
    /// A Maltego entity or link, its properties and position.
    maltego: MaltegoData,
    /// yEd's `<y:Arrows source target>` on an edge.
    arrows: Option<Arrowheads>,
    /// The shapes `<y:Arrows>` names (`standard`, `diamond`...), for the note on those not
    /// drawn.
    arrow_shapes: Vec<String>,
    /// A node's fill colour as `#rrggbb` (see [`DataCapture::fill_start`]).
    fill: Option<String>,
    /// The depth of the yEd shape element whose `<y:Fill>` is the node's: the element the
    /// data holds, or the active one of a group's `<y:Realizers>`.
    fill_holder: Option<usize>,
    /// Inside a group's `<y:Realizers active>`: the active one's place and how many were seen.
    realizers: Option<(usize, usize)>,
    /// The depth of the group state being read (a child of `<y:Realizers>`) where it is not
    /// the one shown: its label and geometry go to `other_state`.
    hidden_state: Option<usize>,
    /// The label (with its markup) and geometry of a group's states not shown, the first of
    /// each: the node's only where the state shown gives none.
    other_state: OtherState,
    /// What of a yEd or yFiles drawing is not kept, on a node or an edge.
    drawing: DrawingReader,
}

/// What a yEd group's states not shown give (see [`DataCapture::hidden_state`]).
#[derive(Default)]
struct OtherState {
    label: Option<(String, Option<String>)>,
    geometry: Option<(f32, f32)>,
}

impl DataCapture {
    fn new(key: String, path: String, depth: usize, owner: Owner, parent: String) -> Self {
        Self {
            key,
            path,
            depth,
            owner,
            parent,
            text: String::new(),
            has_children: false,
            label: None,
            label_markup: None,
            label_depth: None,
            label_text: String::new(),
            geometry: None,
            maltego: MaltegoData::default(),
            arrows: None,
            arrow_shapes: Vec::new(),
            fill: None,
            fill_holder: None,
            realizers: None,
            hidden_state: None,
            other_state: OtherState::default(),
            drawing: DrawingReader::default(),
        }
    }

    fn start(&mut self, element: &Element, depth: usize) {
        self.has_children = true;
        if self.owner == Owner::Node {
            self.fill_start(element, depth);
        }
        if matches!(self.owner, Owner::Node | Owner::Edge | Owner::Hyperedge) {
            self.drawing
                .start(element, depth.saturating_sub(self.depth));
        }
        // Text in separate elements stays separate words.
        self.text.push(' ');
        // Inside a group's state not shown, its label and geometry are set aside.
        let (has_label, geometry) = match self.hidden_state {
            Some(_) => (
                self.other_state.label.is_some(),
                &mut self.other_state.geometry,
            ),
            None => (self.label.is_some(), &mut self.geometry),
        };
        match element.local.as_str() {
            // yEd's `y:NodeLabel`; yEd Live's `<y:Label><y:Label.Text>`.
            "NodeLabel" | "EdgeLabel" | "Label.Text"
                if !has_label && self.label_depth.is_none() =>
            {
                self.label_depth = Some(depth);
                self.label_text.clear();
            }
            // yEd's `<y:Geometry x y width height>` inside its shape element.
            "Geometry" if geometry.is_none() => {
                *geometry = rect_centre(element, ["x", "y", "width", "height"]);
            }
            // yFiles for HTML's (and yEd Live's) `NodeGeometry` data, the `<y:RectD>` itself:
            // only there, as a view state or a style may hold rectangles of its own.
            "RectD" if self.geometry.is_none() && depth == self.depth + 1 => {
                self.geometry = rect_centre(element, ["X", "Y", "Width", "Height"]);
            }
            "Arrows" if self.arrows.is_none() => {
                let (source, target) = (element.attr("source"), element.attr("target"));
                self.arrows = Some(Arrowheads::from_shapes(source, target));
                self.arrow_shapes = [source, target]
                    .into_iter()
                    .flatten()
                    .map(str::to_owned)
                    .collect();
            }
            local => {
                self.maltego
                    .start(local, &|name| element.attr(name).map(str::to_owned));
            }
        }
    }

    /// Reads a node's fill from the element starting at `depth`. yEd draws a node with one
    /// shape element (`y:ShapeNode`, `y:GenericNode`, `y:UMLClassNode`…) whose `<y:Fill>`
    /// child is its fill; a group's `y:ProxyAutoBoundsNode` holds one for each state, the
    /// `active` one shown. `y:SVGNode` and `y:ImageNode` show their picture: yEd writes them
    /// a default fill that is never seen. yFiles for HTML and yEd Live write the style
    /// itself (`yjs:ShapeNodeStyle`, `yjs:RectangleNodeStyle`…) with a `fill` attribute, or a
    /// reference to shared data, which is not followed.
    fn fill_start(&mut self, element: &Element, depth: usize) {
        let local = element.local.as_str();
        let pictured = matches!(local, "SVGNode" | "ImageNode");
        match depth.saturating_sub(self.depth) {
            1 if local.ends_with("NodeStyle") => {
                self.fill = self.fill.take().or_else(|| {
                    element
                        .attr("fill")
                        .and_then(|fill| hex_colour(fill, AlphaAt::Start))
                });
            }
            1 if !pictured && local != "ProxyAutoBoundsNode" => self.fill_holder = Some(depth),
            2 if local == "Realizers" => {
                let active = element
                    .attr("active")
                    .and_then(|active| active.trim().parse().ok())
                    .unwrap_or(0);
                self.realizers = Some((active, 0));
            }
            3 => {
                if let Some((active, seen)) = &mut self.realizers {
                    if *seen != *active {
                        self.hidden_state = Some(depth);
                    } else if !pictured {
                        self.fill_holder = Some(depth);
                    }
                    *seen += 1;
                }
            }
            _ if local == "Fill"
                && self.fill.is_none()
                && self.fill_holder.is_some_and(|holder| holder + 1 == depth) =>
            {
                self.fill = yed_fill(element);
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        self.text.push_str(text);
        self.drawing.text(text);
        self.maltego.text(text);
        if self.label_depth.is_some() {
            self.label_text.push_str(text);
        }
    }

    /// An element inside the data closed; `depth` is the depth it had.
    fn end(&mut self, depth: usize) {
        self.text.push(' ');
        self.drawing.end(depth.saturating_sub(self.depth));
        self.maltego.end();
        if self.label_depth == Some(depth) {
            self.label_depth = None;
            let label = self.label_text.trim();
            let read = match markup_text(label) {
                Some(text) => Some((text, Some(label.to_owned()))),
                None => (!label.is_empty()).then(|| (label.to_owned(), None)),
            };
            match (read, self.hidden_state) {
                (Some(read), Some(_)) => self.other_state.label = Some(read),
                (Some((text, markup)), None) => {
                    self.label = Some(text);
                    self.label_markup = markup;
                }
                (None, _) => {}
            }
        }
        if self.hidden_state == Some(depth) {
            self.hidden_state = None;
        }
    }

    /// A group's label and geometry from its states not shown, where the one shown gives
    /// none (yEd writes both states with both; a file written otherwise may not).
    fn fill_from_other_state(&mut self) {
        let other = std::mem::take(&mut self.other_state);
        if self.label.is_none()
            && let Some((text, markup)) = other.label
        {
            self.label = Some(text);
            self.label_markup = markup;
        }
        self.geometry = self.geometry.or(other.geometry);
    }

    /// The value: plain text exactly as written, vendor XML's text with spaces collapsed.
    fn value(&self) -> String {
        if self.has_children {
            self.text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            self.text.clone()
        }
    }
}

/// The centre of a rectangle given by the attributes `names` (x, y, width, height); a
/// missing width or height counts as 0. `None` unless x and y are finite numbers.
fn rect_centre(element: &Element, names: [&str; 4]) -> Option<(f32, f32)> {
    let number = |name: &str| {
        element
            .attr(name)
            .and_then(|v| v.trim().parse::<f32>().ok())
            .filter(|v| v.is_finite())
    };
    let [x, y, width, height] = names;
    let (x, y) = (number(x)?, number(y)?);
    let width = number(width).unwrap_or(0.0);
    let height = number(height).unwrap_or(0.0);
    Some((x + width / 2.0, y + height / 2.0))
}

/// yEd's `<y:Fill color transparent hasColor>` as `#rrggbb`; `None` where it is transparent
/// or has no colour. `color2`, a gradient's second colour, is left out.
fn yed_fill(element: &Element) -> Option<String> {
    let says = |name: &str, value: &str| element.attr(name).is_some_and(|v| v.trim() == value);
    if says("transparent", "true") || says("hasColor", "false") {
        return None;
    }
    hex_colour(element.attr("color")?, AlphaAt::End)
}

/// A vendor `<data>` on a node or edge, used once all its data are read.
#[derive(Clone)]
struct VendorData {
    title: String,
    text: String,
    label: Option<String>,
    /// The label as written, where it is markup.
    label_markup: Option<String>,
    geometry: Option<(f32, f32)>,
    maltego: MaltegoData,
    arrows: Option<Arrowheads>,
    /// The shapes of the arrowheads.
    arrow_shapes: Vec<String>,
    /// A node's fill colour, `#rrggbb`.
    fill: Option<String>,
    /// What of the drawing is not kept.
    details: Details,
}

impl VendorData {
    /// Whether it gave nothing Chainsight reads: a drawing of shapes and line styles.
    fn gives_nothing(&self) -> bool {
        self.label.is_none()
            && self.geometry.is_none()
            && !self.maltego.is_maltego()
            && self.arrows.is_none()
            && self.fill.is_none()
            && self.text.trim().is_empty()
    }
}

/// What a `<node>` or `<edge>` gave besides its data columns, used when it closes.
#[derive(Clone, Default)]
struct Extra {
    /// Vendor data (yEd, Maltego).
    vendor: Vec<VendorData>,
    /// Its `<desc>`.
    desc: Option<String>,
}

/// A `<node>` or `<edge>` still open, with what its children gave besides columns.
type Draft<R> = xml::Draft<R, Extra>;

/// A `<hyperedge>` still open. Its relations are known only once it closes (its endpoints
/// and data may come in any order), so its column values are filed into [`Filed`], to be
/// filed the same way into the record of each relation it makes.
struct OpenHyperedge {
    draft: Draft<Filed>,
    /// Its `id`: the first relation's, the others' with `#2`, `#3`... added.
    hyperedge_id: Option<String>,
    /// The nodes it joins, each once, in file order.
    endpoints: Vec<Endpoint>,
    /// Where each node is in `endpoints`.
    endpoint_index: HashMap<String, usize>,
    /// How many `<endpoint>` elements were read, for their paths.
    endpoint_elements: usize,
}

/// How an `<endpoint>` joins its hyperedge: its `type`, `undir` where it gives none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EndpointDirection {
    /// `out`: the hyperedge leaves the node, a source.
    Out,
    /// `in`: the hyperedge enters the node, a target.
    In,
    /// `undir`: neither.
    Undir,
}

impl EndpointDirection {
    fn as_str(self) -> &'static str {
        match self {
            EndpointDirection::Out => "out",
            EndpointDirection::In => "in",
            EndpointDirection::Undir => "undir",
        }
    }
}

/// A node a hyperedge joins.
struct Endpoint {
    node_id: String,
    /// Its `port`, kept on each relation as an edge's `sourceport` or `targetport` is.
    port: Option<String>,
    direction: EndpointDirection,
}

/// The relations a hyperedge joining `endpoints` makes, as (source, target, directed), at
/// most [`MAX_PAIRS_PER_HYPEREDGE`], and how many it would make in all. Of every two
/// endpoints, in file order: an `out` and an `in` one make a relation directed from the
/// `out` node to the `in` node; two `out` or two `in` ones (two sources, or two targets)
/// make none; any other two (at least one `undir`) make one without a direction. So a
/// hyperedge of `undir` endpoints joins every two of its nodes, one of `out` and `in`
/// endpoints every source to every target, and an `undir` endpoint beside directed ones is
/// joined to each of them without a direction. The graph's `edgedefault` has no say: an
/// endpoint's type is `undir` unless it gives another, as GraphML has it.
fn endpoint_pairs(endpoints: &[Endpoint]) -> (Vec<(&Endpoint, &Endpoint, bool)>, usize) {
    // Where the endpoints of each kind are: each endpoint is paired with the later ones of
    // the kinds it makes a relation with, so no pair making none is looked at.
    let positions = |wanted: fn(EndpointDirection) -> bool| -> Vec<usize> {
        let endpoints = endpoints.iter().enumerate();
        endpoints
            .filter(|(_, endpoint)| wanted(endpoint.direction))
            .map(|(i, _)| i)
            .collect()
    };
    let outs = positions(|t| t == EndpointDirection::Out);
    let ins = positions(|t| t == EndpointDirection::In);
    let directed = positions(|t| t != EndpointDirection::Undir);
    let undirected = positions(|t| t == EndpointDirection::Undir);
    let two_of = |n: usize| n.saturating_mul(n.saturating_sub(1)) / 2;
    let total = two_of(endpoints.len())
        .saturating_sub(two_of(outs.len()))
        .saturating_sub(two_of(ins.len()));
    let mut pairs = Vec::new();
    'all: for (i, a) in endpoints.iter().enumerate() {
        let partners = match a.direction {
            EndpointDirection::Out => &ins,
            EndpointDirection::In => &outs,
            EndpointDirection::Undir => &directed,
        };
        for j in in_order(after(partners, i), after(&undirected, i)) {
            let Some(b) = endpoints.get(j) else {
                continue;
            };
            if pairs.len() == MAX_PAIRS_PER_HYPEREDGE {
                break 'all;
            }
            pairs.push(match (a.direction, b.direction) {
                (EndpointDirection::Out, EndpointDirection::In) => (a, b, true),
                (EndpointDirection::In, EndpointDirection::Out) => (b, a, true),
                _ => (a, b, false),
            });
        }
    }
    (pairs, total)
}

/// Those of `positions` (ascending) after `i`.
fn after(positions: &[usize], i: usize) -> &[usize] {
    positions
        .get(positions.partition_point(|&j| j <= i)..)
        .unwrap_or_default()
}

/// The positions of `a` and of `b`, each in ascending order, in one ascending sequence.
fn in_order<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut a, mut b) = (a.iter().copied().peekable(), b.iter().copied().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Column values filed into a hyperedge, in order: each of its relations' records is
/// filed the same way (a record cannot be copied, and holds more than the relation).
#[derive(Default)]
struct Filed(Vec<Filing>);

/// One call of [`Record`] on a [`Filed`].
enum Filing {
    Set(String, String),
    Keep(String, String),
    Time(Option<String>, Option<String>),
}

impl Filed {
    /// Files everything filed here into `record`, in the same order.
    fn file_into(&self, record: &mut impl Record) {
        for filing in &self.0 {
            match filing {
                Filing::Set(title, value) => record.set(title, value),
                Filing::Keep(key, value) => record.keep(key, value),
                Filing::Time(start, end) => record.set_time(start.as_deref(), end.as_deref()),
            }
        }
    }
}

impl Record for Filed {
    fn set(&mut self, title: &str, value: &str) {
        self.0.push(Filing::Set(title.to_owned(), value.to_owned()));
    }

    fn keep(&mut self, key: &str, value: &str) {
        self.0.push(Filing::Keep(key.to_owned(), value.to_owned()));
    }

    fn set_time(&mut self, start: Option<&str>, end: Option<&str>) {
        self.0.push(Filing::Time(
            start.map(str::to_owned),
            end.map(str::to_owned),
        ));
    }
}

/// How a `<data>` on a node or an edge is used.
#[derive(Clone, Copy)]
enum DataUse {
    /// Markup giving nothing Chainsight reads: named in the note.
    NotKept,
    /// Vendor XML, read when the node or edge closes.
    Vendor,
    /// A column value, filed by its title.
    Value,
    /// A value the writer writes for none (igraph's "NA", Python's "None"): counted only.
    Missing,
}

/// Files a `<data>` on a node or an edge into its `draft`, unless the draft is set aside.
fn file_data<R: Record>(
    draft: Option<&mut Draft<R>>,
    stats: &mut Stats,
    capture: DataCapture,
    title: String,
    value: String,
    data_use: DataUse,
) {
    let Some(draft) = draft.filter(|draft| !draft.skip) else {
        return;
    };
    draft.given.insert(capture.key.clone());
    match data_use {
        DataUse::NotKept => stats.not_kept(&title, &capture.parent),
        DataUse::Vendor => draft.extra.vendor.push(vendor_data(title, value, capture)),
        DataUse::Value => draft.record.set(&title, &value),
        DataUse::Missing => stats.missing_values += 1,
    }
}

/// An open `<graph>`: its edge default and the node it is nested in.
struct GraphFrame {
    directed: bool,
    parent_node: Option<String>,
}

#[derive(Default)]
struct Stats {
    ports: usize,
    nested_graphs: usize,
    top_graphs: usize,
    nested_graph_data: usize,
    unused_graph_data: Vec<String>,
    /// Data on the document (vendor XML), ports and other elements, and markup-only data on
    /// nodes and edges, by "title on <parent>".
    unkept_data: BTreeMap<String, usize>,
    /// `<desc>` texts of the document and its top graphs, in file order: the first is the
    /// dataset's description unless a data column gives one.
    dataset_descs: Vec<String>,
    unused: BTreeMap<String, usize>,
    /// yEd drawings (vendor data) on nodes and on edges that gave nothing read.
    bare_drawings: (usize, usize),
    /// Nodes whose drawn fill differs from the `color` the file gives them as data.
    fills_beside_colour: usize,
    /// What the drawings on nodes and edges gave that is not kept.
    drawings: DrawingTally,
    /// Cytoscape's hidden columns, in a file Cytoscape wrote.
    hidden: HiddenAtts,
    /// Values read as missing ("NA" from igraph, "None" from Python).
    missing_values: usize,
    /// Keys declared as numbers whose values on nodes and edges are text, in the order first
    /// found: one warning each.
    not_numbers: Vec<NotNumbers>,
}

/// The values of a key declared as numbers (`attr.type="double"`, as networkx declares a
/// Python float) that are not numbers: kept as the text they are, and reported once.
struct NotNumbers {
    /// The key's id and `for`, which tell it from another key of that id.
    id: String,
    domain: String,
    title: String,
    number_type: String,
    /// The first such `<data>`: where it is and what it holds.
    path: String,
    value: String,
    count: usize,
}

impl Stats {
    /// Counts a `<data>` of the column `title` on `<parent>` that is not kept, for the note.
    fn not_kept(&mut self, title: &str, parent: &str) {
        *self
            .unkept_data
            .entry(format!("{title} on <{parent}>"))
            .or_default() += 1;
    }

    /// Counts an element not read, for the report's note.
    fn not_read(&mut self, name: &str) {
        *self.unused.entry(name.to_owned()).or_default() += 1;
    }

    /// Counts a value of a key declared as numbers that is not one (at `path`).
    fn not_a_number(
        &mut self,
        id: String,
        domain: String,
        title: &str,
        number_type: String,
        path: &str,
        value: &str,
    ) {
        if let Some(found) = self
            .not_numbers
            .iter_mut()
            .find(|found| found.id == id && found.domain == domain)
        {
            found.count += 1;
            return;
        }
        self.not_numbers.push(NotNumbers {
            id,
            domain,
            title: title.to_owned(),
            number_type,
            path: path.to_owned(),
            value: value.to_owned(),
            count: 1,
        });
    }
}

/// Whether a value of a key declared as numbers is one, as networkx and Java read them
/// (`1.5`, `-3`, `1e-05`, and `nan` and `inf`, which networkx writes for Python's): blank
/// text is no value at all, so not text either.
fn is_number(value: &str) -> bool {
    let value = value.trim();
    value.is_empty() || value.parse::<f64>().is_ok()
}

struct GraphmlReader {
    file: String,
    builder: GraphBuilder,
    collected: Collected,
    root_offset: Option<usize>,
    /// Keys in file order, so defaults are applied in a stable order.
    keys: Vec<Key>,
    /// Where each key id is in `keys`: Gephi's files give a node key and an edge key one id.
    key_index: HashMap<String, Vec<usize>>,
    key: Option<Key>,
    graphs: Vec<GraphFrame>,
    nodes: Vec<Draft<NodeRecord>>,
    edge: Option<Draft<EdgeRecord>>,
    hyperedge: Option<OpenHyperedge>,
    data: Option<DataCapture>,
    text: String,
    seq: usize,
    stats: Stats,
    drawn: DrawnDirections,
    /// Edges drawn with arrowheads of shapes Chainsight does not draw.
    arrow_shapes: ArrowShapes,
    expanded: Expanded,
    /// Written by Cytoscape (its `SUID` and `shared name` columns are declared): its hidden
    /// columns (`__groupState`...) are its own bookkeeping.
    by_cytoscape: bool,
    /// The writer, where it writes a missing value as text.
    missing: Option<MissingAsText>,
    /// Maltego links a transform made that no one labelled, by their index among the
    /// collected edges: read by what the transform found once every entity is known.
    transform_links: Vec<(usize, maltego::TransformLink)>,
}

impl GraphmlReader {
    fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            builder: GraphBuilder::new(file, "GraphML"),
            collected: Collected::default(),
            root_offset: None,
            keys: Vec::new(),
            key_index: HashMap::new(),
            key: None,
            graphs: Vec::new(),
            nodes: Vec::new(),
            edge: None,
            hyperedge: None,
            data: None,
            text: String::new(),
            seq: 0,
            stats: Stats::default(),
            drawn: DrawnDirections::default(),
            arrow_shapes: ArrowShapes::default(),
            expanded: Expanded::default(),
            by_cytoscape: false,
            missing: None,
            transform_links: Vec::new(),
        }
    }

    /// A `<desc>` closed inside `parent`: a node's is its description, an edge's its label,
    /// the document's or a top graph's the dataset's description; any other (or a second
    /// one) is counted as not read.
    fn close_desc(&mut self, parent: &str) {
        let text = self.text.trim();
        if text.is_empty() {
            return;
        }
        let draft_desc = match parent {
            "node" => self
                .nodes
                .last_mut()
                .map(|draft| (draft.skip, &mut draft.extra.desc)),
            "edge" => self
                .edge
                .as_mut()
                .map(|draft| (draft.skip, &mut draft.extra.desc)),
            "hyperedge" => self
                .hyperedge
                .as_mut()
                .map(|hyperedge| (hyperedge.draft.skip, &mut hyperedge.draft.extra.desc)),
            "graphml" => {
                self.stats.dataset_descs.push(text.to_owned());
                return;
            }
            "graph" if self.graphs.len() == 1 => {
                self.stats.dataset_descs.push(text.to_owned());
                return;
            }
            _ => None,
        };
        match draft_desc {
            // A node or edge set aside was reported with everything in it.
            Some((true, _)) => {}
            Some((false, desc @ None)) => *desc = Some(text.to_owned()),
            Some((false, Some(_))) | None => self.stats.not_read("desc"),
        }
    }

    fn add_key(&mut self, key: Key) {
        let declared = self.key_index.entry(key.id.clone()).or_default();
        if declared
            .iter()
            .filter_map(|&index| self.keys.get(index))
            .any(|other| other.clashes_with(&key))
        {
            self.builder.warn(
                &key.path,
                format!("duplicate key id \"{}\"; the first one is used", key.id),
            );
            return;
        }
        declared.push(self.keys.len());
        self.keys.push(key);
    }

    /// The key `id` for data on `owner`: the one declared for it, else, on a hyperedge, the
    /// one declared for edges (its relations are edges), else (a key used outside its `for`)
    /// the first of that id.
    fn key(&self, id: &str, owner: Owner) -> Option<&Key> {
        let declared = self.key_index.get(id)?;
        let keys = declared.iter().filter_map(|&index| self.keys.get(index));
        let declared_for = |domain: &str| keys.clone().find(|key| key.applies_to(domain));
        declared_for(owner.domain())
            .or_else(|| {
                (owner == Owner::Hyperedge)
                    .then(|| declared_for(Owner::Edge.domain()))
                    .flatten()
            })
            .or_else(|| keys.clone().next())
    }

    fn open_graph(&mut self, events: &XmlEvents, element: &Element, parent: &str) {
        let parent_node = match parent {
            "node" => {
                self.stats.nested_graphs += 1;
                self.nodes.last().map(|draft| draft.record.node.id.clone())
            }
            "edge" | "hyperedge" => {
                self.stats.nested_graphs += 1;
                None
            }
            _ => {
                self.stats.top_graphs += 1;
                if self.stats.top_graphs == 1 {
                    let declares = |column: &str| {
                        self.keys
                            .iter()
                            .any(|key| key.name.as_deref() == Some(column))
                    };
                    self.by_cytoscape = declares("SUID") && declares("shared name");
                }
                None
            }
        };
        let directed = match element.attr("edgedefault").map(str::trim) {
            None | Some("directed") => true,
            Some("undirected") => false,
            Some(other) => {
                self.builder.warn(
                    events.path(),
                    format!("edgedefault=\"{other}\" is not directed or undirected; edges are read as directed"),
                );
                true
            }
        };
        self.graphs.push(GraphFrame {
            directed,
            parent_node,
        });
    }

    fn open_node(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let mut draft = Draft::open_node(&mut self.builder, self.seq, events.path(), element);
        // A node of a graph nested in another node (a yEd group or folder) is in that group.
        if !draft.skip
            && let Some(parent) = self.graphs.last().and_then(|g| g.parent_node.as_deref())
        {
            draft.record.groups.push(parent.to_owned());
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
        self.apply_defaults("node", &mut draft.record, &draft.given);
        let record = &mut draft.record;
        let mut details = Details::default();
        for vendor in std::mem::take(&mut draft.extra.vendor) {
            if vendor.maltego.is_maltego() {
                maltego::file_entity(&vendor.maltego, record);
                continue;
            }
            self.stats.bare_drawings.0 += usize::from(vendor.gives_nothing());
            details.extend(vendor.details);
            let used_label = match vendor.label {
                Some(label) if record.node.label.is_none() => {
                    record.node.label = Some(label);
                    true
                }
                // The label yEd draws outranks a custom "Name" property, kept as an attribute.
                Some(label) if record.label_from_name => {
                    if let Some(name) = record.node.label.replace(label) {
                        record.keep("name", &name);
                    }
                    record.label_from_name = false;
                    true
                }
                _ => false,
            };
            match (record.node.position, vendor.geometry) {
                (None, Some(geometry)) => {
                    record.node.position = Some(geometry);
                    self.stats.drawings.used(Used::Positions);
                }
                // A second drawing giving a position.
                (Some(_), Some(_)) => details.insert(Detail::Other),
                (_, None) => {}
            }
            if used_label {
                self.stats.drawings.used(Used::Labels);
            }
            if !used_label && !vendor.text.is_empty() {
                record.keep(&vendor.title, &vendor.text);
            }
            if let (true, Some(markup)) = (used_label, &vendor.label_markup) {
                record.keep("label markup", markup);
            }
            // A `color` the file gives as data (or as a key's default) is what it means.
            if let Some(fill) = vendor.fill {
                let given = record.node.attributes.get(FILL_ATTRIBUTE);
                match Fill::beside(given.map(String::as_str), &fill) {
                    Fill::Kept => {
                        record.keep(FILL_ATTRIBUTE, &fill);
                        self.stats.drawings.used(Used::FillColours);
                    }
                    Fill::Given => self.stats.drawings.used(Used::FillColours),
                    Fill::GivesWay => self.stats.fills_beside_colour += 1,
                }
            }
        }
        self.stats.drawings.add(details);
        // Plain `x`/`y` keys, as Gephi and networkx write them, have y pointing up; yEd's
        // geometry (above) has it pointing down, as on screen.
        if record.position_from_columns() {
            self.builder.turn_y_up(&mut record.node, Y_UP);
        }
        if let Some(desc) = draft.extra.desc.take() {
            if record.node.description.is_none() {
                record.node.description = Some(desc);
            } else {
                // A description column outranks it.
                self.stats.not_read("desc");
            }
        }
        self.collected.nodes.push(draft.into_pending());
    }

    fn open_edge(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let path = events.path();
        let mut draft = Draft::open_edge(&mut self.builder, self.seq, path.clone(), element);
        if !draft.skip {
            let record = &mut draft.record;
            let default = self.graphs.last().is_none_or(|graph| graph.directed);
            record.edge.directed = match element.attr("directed").map(str::trim) {
                None => default,
                Some("true" | "1") => true,
                Some("false" | "0") => false,
                Some(other) => {
                    self.builder.warn(
                        &path,
                        format!(
                            "directed=\"{other}\" is not true or false; read as the graph's default"
                        ),
                    );
                    default
                }
            };
            for (name, value) in element.attrs() {
                if !matches!(name, "id" | "source" | "target" | "directed") {
                    // sourceport/targetport and vendor attributes.
                    record.keep(name, value);
                }
            }
        }
        self.edge = Some(draft);
    }

    fn close_edge(&mut self) {
        let Some(draft) = self.edge.take() else {
            return;
        };
        if !draft.skip {
            self.finish_edge(draft, Owner::Edge);
        }
    }

    /// An edge, or a relation a hyperedge makes (`owner` says which, for the keys whose
    /// defaults apply), whose data are all read: its vendor data and `<desc>` used, and the
    /// edge collected.
    fn finish_edge(&mut self, mut draft: Draft<EdgeRecord>, owner: Owner) {
        self.apply_defaults(owner.domain(), &mut draft.record, &draft.given);
        let record = &mut draft.record;
        let mut details = Details::default();
        let vendors = std::mem::take(&mut draft.extra.vendor);
        self.arrow_shapes.add(
            vendors
                .iter()
                .flat_map(|vendor| vendor.arrow_shapes.iter().map(String::as_str)),
            is_plain_yed_arrow,
        );
        for vendor in vendors {
            if vendor.maltego.is_maltego() {
                if let Some(link) = maltego::file_link(&vendor.maltego, record) {
                    self.transform_links
                        .push((self.collected.edges.len(), link));
                }
                continue;
            }
            self.stats.bare_drawings.1 += usize::from(vendor.gives_nothing());
            details.extend(vendor.details);
            // A directed edge goes the way yEd draws its arrows (see `arrows.rs`); an
            // undirected one keeps none.
            if let Some(arrowheads) = vendor.arrows {
                if record.edge.directed {
                    self.drawn.orient(&mut record.edge, arrowheads);
                    self.stats.drawings.used(Used::Arrows);
                } else if arrowheads.source || arrowheads.target {
                    details.insert(Detail::UndirectedArrows);
                }
            }
            let used_label = match vendor.label {
                Some(label) if record.edge.label.is_none() => {
                    record.edge.label = Some(label);
                    true
                }
                _ => false,
            };
            if used_label {
                self.stats.drawings.used(Used::Labels);
            }
            if !used_label && !vendor.text.is_empty() {
                record.keep(&vendor.title, &vendor.text);
            }
            if let (true, Some(markup)) = (used_label, &vendor.label_markup) {
                record.keep("label markup", markup);
            }
        }
        self.stats.drawings.add(details);
        // An edge's `<desc>` is what the edge is, so its label, else its description (as a
        // description column is: the attribute `description`, not a quote), else the
        // attribute `desc`.
        if let Some(desc) = draft.extra.desc.take() {
            let attributes = &record.edge.attributes;
            if record.edge.label.is_none() {
                record.edge.label = Some(desc);
            } else if record.edge.description.is_none()
                && !attributes.contains_key(crate::model::RELATION_DESCRIPTION)
            {
                record.edge.description = Some(desc);
            } else if !attributes.contains_key("desc") {
                record.keep("desc", &desc);
            } else {
                self.stats.not_read("desc");
            }
        }
        self.collected.edges.push(draft.into_pending());
    }

    fn open_hyperedge(&mut self, events: &XmlEvents, element: &Element) {
        self.seq += 1;
        let mut draft = Draft {
            seq: self.seq,
            path: events.path(),
            record: Filed::default(),
            given: HashSet::new(),
            skip: false,
            extra: Extra::default(),
        };
        for (name, value) in element.attrs() {
            if name != "id" {
                // Vendor attributes, kept as an edge's are.
                draft.record.keep(name, value);
            }
        }
        self.hyperedge = Some(OpenHyperedge {
            draft,
            hyperedge_id: element.attr("id").map(str::to_owned),
            endpoints: Vec::new(),
            endpoint_index: HashMap::new(),
            endpoint_elements: 0,
        });
    }

    /// An `<endpoint node port type>` of the open hyperedge. A node named by an earlier
    /// endpoint of it is joined once, as that one says (a warning where this one's type
    /// differs).
    fn read_endpoint(&mut self, events: &XmlEvents, element: &Element) {
        let Some(hyperedge) = &mut self.hyperedge else {
            return;
        };
        hyperedge.endpoint_elements += 1;
        let path = format!("{}[{}]", events.path(), hyperedge.endpoint_elements);
        let Some(node_id) = element.attr("node") else {
            self.builder
                .warn(&path, "an endpoint without a node; not used");
            return;
        };
        let direction = match element.attr("type").map(str::trim) {
            None | Some("undir") => EndpointDirection::Undir,
            Some("in") => EndpointDirection::In,
            Some("out") => EndpointDirection::Out,
            Some(other) => {
                self.builder.warn(
                    &path,
                    format!("type=\"{other}\" is not in, out or undir; read as undir"),
                );
                EndpointDirection::Undir
            }
        };
        let first = hyperedge
            .endpoint_index
            .get(node_id)
            .and_then(|&index| hyperedge.endpoints.get(index));
        match first {
            Some(first) if first.direction != direction => self.builder.warn(
                &path,
                format!(
                    "node \"{node_id}\" is named by an earlier endpoint of this hyperedge, of \
                     type=\"{}\"; it is joined as that one says",
                    first.direction.as_str()
                ),
            ),
            Some(_) => {}
            None => {
                hyperedge
                    .endpoint_index
                    .insert(node_id.to_owned(), hyperedge.endpoints.len());
                hyperedge.endpoints.push(Endpoint {
                    node_id: node_id.to_owned(),
                    port: element.attr("port").map(str::to_owned),
                    direction,
                });
            }
        }
    }

    /// The open hyperedge closed: each relation it makes (see [`endpoint_pairs`]) read as an
    /// `<edge>` of its two nodes with the hyperedge's attributes, data and `<desc>`.
    fn close_hyperedge(&mut self) {
        let Some(OpenHyperedge {
            draft,
            hyperedge_id,
            endpoints,
            ..
        }) = self.hyperedge.take()
        else {
            return;
        };
        if endpoints.len() < 2 {
            self.builder.warn(
                &draft.path,
                "a hyperedge joining fewer than two nodes makes no relation; set aside with \
                 everything in it",
            );
            return;
        }
        let (pairs, total) = endpoint_pairs(&endpoints);
        // Only when every endpoint is `out`, or every one `in`.
        if let (true, Some(first)) = (pairs.is_empty(), endpoints.first()) {
            self.builder.warn(
                &draft.path,
                format!(
                    "a hyperedge whose endpoints are all type=\"{}\" joins no source to a \
                     target; set aside with everything in it",
                    first.direction.as_str()
                ),
            );
            return;
        }
        self.expanded
            .count(&mut self.builder, &draft.path, pairs.len(), total);
        // One that makes one relation is read as an edge, named as one would be.
        let id = hyperedge_id.or_else(|| (pairs.len() > 1).then(|| self.expanded.unnamed_id()));
        for (n, (source, target, directed)) in pairs.into_iter().enumerate() {
            let mut record = EdgeRecord::new(&source.node_id, &target.node_id);
            record.edge.id = id.as_ref().map(|id| match n {
                0 => id.clone(),
                _ => format!("{id}#{}", n + 1),
            });
            record.edge.directed = directed;
            for (end, endpoint) in [("sourceport", source), ("targetport", target)] {
                if let Some(port) = &endpoint.port {
                    record.keep(end, port);
                }
            }
            draft.record.file_into(&mut record);
            let pair = Draft {
                seq: draft.seq,
                path: draft.path.clone(),
                record,
                given: draft.given.clone(),
                skip: false,
                extra: draft.extra.clone(),
            };
            self.finish_edge(pair, Owner::Hyperedge);
        }
    }

    fn apply_defaults(&self, domain: &str, record: &mut impl Record, given: &HashSet<String>) {
        for key in &self.keys {
            if key.applies_to(domain)
                && !given.contains(&key.id)
                && !(self.by_cytoscape && key.name.as_deref().is_some_and(is_hidden_name))
                && let (Some(name), Some(default)) = (&key.name, &key.default)
            {
                record.set(name, default);
            }
        }
    }

    fn finish_data(&mut self, mut capture: DataCapture) {
        capture.fill_from_other_state();
        let value = capture.value();
        // (title, whether the key has no attr.name)
        let found = self.key(&capture.key, capture.owner);
        let number_key = found.and_then(|key| {
            let number_type = key.number_type.as_ref()?;
            Some((key.id.clone(), key.domain.clone(), number_type.clone()))
        });
        let key = found.map(|key| (key.title().to_owned(), key.name.is_none()));
        let kept = match capture.owner {
            Owner::Node | Owner::Edge | Owner::Hyperedge | Owner::Graph => true,
            Owner::Document => !capture.has_children,
            Owner::Port | Owner::Other => false,
        };
        if key.is_none() && kept {
            self.builder.warn(
                &capture.path,
                format!(
                    "key=\"{}\" names no <key>; the value is kept as the attribute \"{}\"",
                    capture.key, capture.key
                ),
            );
        }
        let unnamed_key = key.as_ref().is_some_and(|(_, unnamed)| *unnamed);
        let title = key.map_or_else(|| capture.key.clone(), |(title, _)| title);
        if self.by_cytoscape && kept && !unnamed_key && is_hidden_name(&title) {
            self.stats.hidden.add(&title);
            return;
        }
        // Vendor XML (a key with no attr.name whose data holds elements) is read once the
        // whole node is, so that a plain label column wins over the drawn label.
        // yFiles for HTML and yEd Live name their keys (`NodeLabels`, `NodeGeometry`), but
        // their data is vendor XML too.
        let drawn = capture.label.is_some()
            || (capture.owner == Owner::Node
                && (capture.geometry.is_some() || capture.fill.is_some()));
        let vendor = (unnamed_key || drawn || capture.maltego.is_maltego()) && capture.has_children;
        // Named data holding only markup that gives nothing Chainsight reads (yEd Live's
        // `EdgeStyle`, a `NodeStyle` without a fill colour) is no attribute: the note names it.
        let markup_only = capture.has_children && !vendor && value.trim().is_empty();
        let data_use = if markup_only {
            DataUse::NotKept
        } else if !capture.has_children
            && self
                .missing
                .is_some_and(|missing| missing.is_missing(&value))
        {
            DataUse::Missing
        } else if vendor {
            DataUse::Vendor
        } else {
            DataUse::Value
        };
        if let Some((id, domain, number_type)) = number_key
            && matches!(data_use, DataUse::Value)
            && self.files_value(capture.owner)
            && !is_number(&value)
        {
            self.stats
                .not_a_number(id, domain, &title, number_type, &capture.path, &value);
        }
        let stats = &mut self.stats;
        match capture.owner {
            Owner::Node => {
                let draft = self.nodes.last_mut();
                file_data(draft, stats, capture, title, value, data_use);
            }
            Owner::Edge => file_data(self.edge.as_mut(), stats, capture, title, value, data_use),
            Owner::Hyperedge => {
                let draft = self
                    .hyperedge
                    .as_mut()
                    .map(|hyperedge| &mut hyperedge.draft);
                file_data(draft, stats, capture, title, value, data_use);
            }
            Owner::Graph | Owner::Document if matches!(data_use, DataUse::Missing) && kept => {
                self.stats.missing_values += 1;
            }
            Owner::Graph if self.graphs.len() == 1 => self.graph_data(&title, value, capture.path),
            Owner::Graph => self.stats.nested_graph_data += 1,
            // Plain data on the document describes the dataset, as the top graph's does.
            Owner::Document if kept => self.graph_data(&title, value, capture.path),
            // yEd's resources (the pictures its shapes use), data on ports and the like:
            // nothing to keep them in, so the note names them, unless they are empty.
            Owner::Document | Owner::Port | Owner::Other => {
                if !value.trim().is_empty() {
                    self.stats.not_kept(&title, &capture.parent);
                }
            }
        }
    }

    /// Whether a value on `owner` is filed on a node or an edge (not one set aside).
    fn files_value(&self, owner: Owner) -> bool {
        match owner {
            Owner::Node => self.nodes.last().is_some_and(|draft| !draft.skip),
            Owner::Edge => self.edge.as_ref().is_some_and(|draft| !draft.skip),
            Owner::Hyperedge => self
                .hyperedge
                .as_ref()
                .is_some_and(|hyperedge| !hyperedge.draft.skip),
            Owner::Graph | Owner::Document | Owner::Port | Owner::Other => false,
        }
    }

    /// Graph-level data of the top graph: the dataset's metadata.
    fn graph_data(&mut self, title: &str, value: String, path: String) {
        let text = value.trim();
        if text.is_empty() {
            return;
        }
        let metadata = self.builder.metadata_mut();
        match super::vocabulary::squashed(title).as_str() {
            DATASET_COLUMN => {
                self.collected.dataset_json = Some(value);
                self.collected.dataset_json_path = path;
            }
            "title" | "label" | "name" => text.clone_into(&mut metadata.title),
            "description" => metadata.description = Some(text.to_owned()),
            "creator" | "author" | "authors" => {
                metadata.authors = super::vocabulary::split_authors(text);
            }
            "license" => metadata.license = Some(text.to_owned()),
            "created" | "date" => metadata.created = Some(text.to_owned()),
            _ => self.stats.unused_graph_data.push(title.to_owned()),
        }
    }

    /// One warning per key declared as numbers whose values on nodes and edges were text.
    fn warn_text_in_number_keys(&mut self) {
        for found in &self.stats.not_numbers {
            let value = super::quoted(&super::excerpt(&found.value, 60));
            let what = match found.count {
                1 => format!(
                    "its value here, {value}, is text, not a number; kept as the text it is"
                ),
                n => format!(
                    "{n} of its values are text, not numbers (the first, here: {value}); kept as \
                     the text they are"
                ),
            };
            self.builder.warn(
                &found.path,
                format!(
                    "key=\"{}\" ({}) is declared attr.type=\"{}\", but {what}",
                    found.id,
                    super::quoted(&super::excerpt(&found.title, 40)),
                    found.number_type,
                ),
            );
        }
    }

    fn notes(&mut self) {
        self.warn_text_in_number_keys();
        let stats = &self.stats;
        if stats.top_graphs > 1 {
            self.builder.note(format!(
                "the file holds {} graphs; all were read into one dataset",
                stats.top_graphs
            ));
        }
        if stats.nested_graphs > 0 {
            self.builder.note(format!(
                "nested graphs flattened: {} inside nodes or edges",
                counted(stats.nested_graphs, "graph", "graphs")
            ));
        }
        if stats.nested_graph_data > 0 {
            self.builder.note(format!(
                "{} of nested graphs not kept",
                counted(stats.nested_graph_data, "data value", "data values")
            ));
        }
        if stats.ports > 0 {
            self.builder.note(format!(
                "{} not used: edges join the nodes themselves (sourceport and targetport are kept as edge attributes)",
                counted(stats.ports, "port", "ports")
            ));
        }
        self.expanded.note(
            &mut self.builder,
            "every \"out\" endpoint to every \"in\" one; any two where one is \"undir\", without \
             a direction",
        );
        if !stats.unused_graph_data.is_empty() {
            self.builder.note(format!(
                "graph-level data not kept: {}",
                stats.unused_graph_data.join(", ")
            ));
        }
        if !stats.unkept_data.is_empty() {
            let listed: Vec<String> = stats
                .unkept_data
                .iter()
                .map(|(what, count)| match count {
                    1 => what.clone(),
                    _ => format!("{what} ({count})"),
                })
                .collect();
            self.builder
                .note(format!("data not kept: {}", listed.join(", ")));
        }
        if !stats.unused.is_empty() {
            self.builder
                .note(xml::unused_elements_note(stats.unused.iter()));
        }
        if let Some(note) = stats.drawings.note() {
            self.builder.note(note);
        }
        if let Some(note) = stats.hidden.note() {
            self.builder.note(note);
        }
        if let Some(note) = self
            .missing
            .and_then(|missing| missing.note(stats.missing_values))
        {
            self.builder.note(note);
        }
        let (nodes, edges) = stats.bare_drawings;
        let on: Vec<String> = [(nodes, "node", "nodes"), (edges, "edge", "edges")]
            .into_iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| counted(n, one, many))
            .collect();
        if !on.is_empty() {
            self.builder.note(format!(
                "yEd drawings giving no label, position, fill colour or arrows (only shapes and \
                 line styles) not read, on {}",
                on.join(" and ")
            ));
        }
        if stats.fills_beside_colour > 0 {
            self.builder.note(format!(
                "drawn fill colours not used on {}: the \"color\" data the file gives them is \
                 their colour",
                counted(stats.fills_beside_colour, "node", "nodes")
            ));
        }
        if let Some(note) = self.drawn.note("yEd") {
            self.builder.note(note);
        }
        if let Some(note) = self.arrow_shapes.note() {
            self.builder.note(note);
        }
    }
}

impl XmlGraphReader for GraphmlReader {
    fn start(&mut self, events: &XmlEvents, element: &Element) -> Result<(), LoadError> {
        if let Some(capture) = &mut self.data {
            capture.start(element, events.depth());
            return Ok(());
        }
        self.text.clear();
        if events.depth() == 1 {
            if element.local != "graphml" {
                return Err(events.structure(
                    element.offset,
                    element.qname.clone(),
                    format!(
                        "expected a <graphml> root element, found <{}>; this is not a GraphML file",
                        element.qname
                    ),
                ));
            }
            self.root_offset = Some(element.offset);
            return Ok(());
        }
        let parent = events.ancestor(1).unwrap_or_default();
        match (element.local.as_str(), parent) {
            // Keys belong under <graphml>; Gephi reads them inside <graph> too, and writes
            // test files so.
            ("key", "graphml" | "graph") => self.key = Some(read_key(element, events.path())),
            ("graph", "graphml" | "node" | "edge" | "hyperedge") => {
                self.open_graph(events, element, parent);
            }
            ("node", "graph") => self.open_node(events, element),
            ("edge", "graph") => self.open_edge(events, element),
            ("hyperedge", "graph") => self.open_hyperedge(events, element),
            ("endpoint", "hyperedge") => self.read_endpoint(events, element),
            ("data", _) => {
                let owner = match parent {
                    "node" => Owner::Node,
                    "edge" => Owner::Edge,
                    "hyperedge" => Owner::Hyperedge,
                    "graph" => Owner::Graph,
                    "graphml" => Owner::Document,
                    "port" => Owner::Port,
                    _ => Owner::Other,
                };
                self.data = Some(DataCapture::new(
                    element.attr("key").unwrap_or_default().to_owned(),
                    events.path(),
                    events.depth(),
                    owner,
                    parent.to_owned(),
                ));
            }
            ("port", _) => self.stats.ports += 1,
            ("locator", _) => self.builder.warn(
                events.path(),
                "a locator (content kept in another file) is not read",
            ),
            ("default", "key") | ("desc", _) => {}
            _ => self.stats.not_read(&element.qname),
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        match &mut self.data {
            Some(capture) => capture.text(text),
            None => self.text.push_str(text),
        }
    }

    fn end(&mut self, events: &XmlEvents, local: &str) {
        if let Some(capture) = &mut self.data {
            // The closed element had depth depth()+1; the capture ends with its <data>.
            let closed_depth = events.depth() + 1;
            if closed_depth > capture.depth {
                capture.end(closed_depth);
                return;
            }
            if let Some(capture) = self.data.take() {
                self.finish_data(capture);
            }
            return;
        }
        let parent = events.ancestor(0).unwrap_or_default();
        match (local, parent) {
            ("default", "key") => {
                if let Some(key) = &mut self.key {
                    key.default = Some(std::mem::take(&mut self.text));
                }
            }
            ("key", "graphml" | "graph") => {
                if let Some(key) = self.key.take() {
                    self.add_key(key);
                }
            }
            ("desc", parent) => self.close_desc(parent),
            ("node", "graph") => self.close_node(),
            ("edge", "graph") => self.close_edge(),
            ("hyperedge", "graph") => self.close_hyperedge(),
            ("graph", _) => {
                self.graphs.pop();
            }
            _ => {}
        }
    }

    fn finish(mut self, events: &XmlEvents) -> Result<Loaded, LoadError> {
        let Some(root_offset) = self.root_offset else {
            return Err(events.structure(
                events.end_offset(),
                "graphml".to_owned(),
                "the file has no root element; expected <graphml>".to_owned(),
            ));
        };
        if self.stats.top_graphs == 0 {
            return Err(events.structure(
                root_offset,
                "graphml/graph".to_owned(),
                "the <graphml> element holds no <graph>; expected one with <node> and <edge> elements"
                    .to_owned(),
            ));
        }
        for desc in std::mem::take(&mut self.stats.dataset_descs) {
            let metadata = self.builder.metadata_mut();
            if metadata.description.is_none() {
                metadata.description = Some(desc);
            } else {
                self.stats.not_read("desc");
            }
        }
        self.notes();
        maltego::name_transform_links(
            &mut self.builder,
            &mut self.collected,
            &self.transform_links,
        );
        Ok(xml::build(self.builder, &self.file, self.collected))
    }
}

fn read_key(element: &Element, path: String) -> Key {
    let id = element.attr("id").unwrap_or_default().to_owned();
    Key {
        path,
        domain: element.attr("for").unwrap_or("all").trim().to_owned(),
        name: element
            .attr("attr.name")
            .filter(|name| !name.trim().is_empty())
            .map(str::to_owned),
        vendor: element
            .attr("yfiles.type")
            .filter(|name| !name.trim().is_empty())
            .map(str::to_owned),
        number_type: element
            .attr("attr.type")
            .map(str::trim)
            .filter(|kind| {
                ["int", "long", "float", "double"]
                    .iter()
                    .any(|number| kind.eq_ignore_ascii_case(number))
            })
            .map(str::to_owned),
        default: None,
        id,
    }
}

/// The text a markup label shows (yEd Live's `MarkupLabelStyle`: `<p>regular
/// <strong>bold</strong></p><p>newline</p>` shows "regular bold newline"): tags dropped,
/// paragraphs, breaks and list items as spaces, entities decoded. `None` for a label that is
/// not markup: one that does not start with a tag, or has no closing tag or break.
fn markup_text(label: &str) -> Option<String> {
    if !label.starts_with('<') || !(label.contains("</") || label.contains("<br")) {
        return None;
    }
    super::markup::shown_text(label).filter(|text| !text.is_empty())
}

fn vendor_data(title: String, text: String, capture: DataCapture) -> VendorData {
    VendorData {
        title,
        text,
        label: capture.label,
        label_markup: capture.label_markup,
        geometry: capture.geometry,
        maltego: capture.maltego,
        arrows: capture.arrows,
        arrow_shapes: capture.arrow_shapes,
        fill: capture.fill,
        details: capture.drawing.details(),
    }
}

/// Writes `dataset` as a GraphML document that [`read`] turns back into the same dataset.
pub fn write(dataset: &Dataset) -> String {
    let positions: HashMap<usize, Position> = dataset
        .positions
        .iter()
        .map(|(idx, position)| (idx.0, *position))
        .collect();
    let node_rows: Vec<Vec<(String, String)>> = dataset
        .entities
        .iter()
        .enumerate()
        .map(|(index, entity)| {
            let mut row = vec![("label".to_owned(), entity.name.clone())];
            row.extend(xml::entity_values(entity));
            if let Some(position) = positions.get(&index) {
                row.push(("x".to_owned(), position.x.to_string()));
                // y up, as Gephi reads it (see `Y_UP`).
                row.push(("y".to_owned(), (0.0 - position.y).to_string()));
            }
            row
        })
        .collect();
    let edge_rows: Vec<Vec<(String, String)>> = dataset
        .relations
        .iter()
        .map(|relation| {
            let mut row = Vec::new();
            if let Some(label) = &relation.label {
                row.push(("label".to_owned(), label.clone()));
            }
            if let Some(weight) = relation.weight.filter(|w| w.is_finite()) {
                row.push(("weight".to_owned(), weight.to_string()));
            }
            row.extend(xml::relation_values(dataset, relation));
            row
        })
        .collect();
    let node_columns = xml::columns(&node_rows);
    let edge_columns = xml::columns(&edge_rows);

    let mut xml = XmlWriter::new();
    xml.open(
        "graphml",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    );
    let graph_rows = graph_values(dataset);
    for (index, (title, _)) in graph_rows.iter().enumerate() {
        write_key(&mut xml, &format!("g{index}"), "graph", title, false);
    }
    write_keys(&mut xml, "n", "node", &node_columns, &node_rows);
    write_keys(&mut xml, "e", "edge", &edge_columns, &edge_rows);
    let node_index = xml::column_index(&node_columns);
    let edge_index = xml::column_index(&edge_columns);

    let undirected = super::Directedness::of(dataset) == super::Directedness::Undirected;
    xml.open(
        "graph",
        &[
            ("id", "G"),
            (
                "edgedefault",
                if undirected { "undirected" } else { "directed" },
            ),
        ],
    );
    for (index, (_, value)) in graph_rows.iter().enumerate() {
        xml.leaf("data", &[("key", &format!("g{index}"))], value);
    }
    let node_ids = xml::unique_xml_ids(dataset.entities.iter().map(|e| e.entity_id.as_str()));
    let edge_ids = xml::unique_xml_ids(dataset.relations.iter().map(|r| r.relation_id.as_str()));
    for (row, node_id) in node_rows.iter().zip(&node_ids) {
        xml.open("node", &[("id", node_id)]);
        write_data(&mut xml, &xml::cells(row, &node_index, "n"));
        xml.close("node");
    }
    for ((relation, row), edge_id) in dataset.relations.iter().zip(&edge_rows).zip(&edge_ids) {
        let endpoint = |idx: EntityIdx| node_ids.get(idx.0).map_or("", String::as_str);
        let (source, target) = (endpoint(relation.source), endpoint(relation.target));
        let mut attrs = vec![
            ("id", edge_id.as_str()),
            ("source", source),
            ("target", target),
        ];
        if !relation.directed && !undirected {
            attrs.push(("directed", "false"));
        }
        xml.open("edge", &attrs);
        write_data(&mut xml, &xml::cells(row, &edge_index, "e"));
        xml.close("edge");
    }
    xml.close("graph");
    xml.close("graphml");
    xml.finish()
}

/// Graph-level columns: the metadata other tools show, and the Chainsight extension.
fn graph_values(dataset: &Dataset) -> Vec<(String, String)> {
    let metadata = &dataset.metadata;
    let mut values = vec![("title".to_owned(), metadata.title.clone())];
    if let Some(description) = &metadata.description {
        values.push(("description".to_owned(), description.clone()));
    }
    values.push((DATASET_COLUMN.to_owned(), xml::dataset_json(dataset)));
    values
}

/// Declares a column: of numbers (`double`) where it holds only numbers, else of text.
fn write_key(xml: &mut XmlWriter, id: &str, domain: &str, title: &str, numbers: bool) {
    let kind = if numbers { "double" } else { "string" };
    xml.empty(
        "key",
        &[
            ("id", id),
            ("for", domain),
            ("attr.name", title),
            ("attr.type", kind),
        ],
    );
}

/// Declares the columns of `rows`: a position (`x`, `y`) or a weight as numbers, unless an
/// attribute of that name holding text is written in it (an edge's attribute `x`), which
/// would be text in a column of numbers.
fn write_keys(
    xml: &mut XmlWriter,
    prefix: &str,
    domain: &str,
    columns: &[String],
    rows: &[Vec<(String, String)>],
) {
    for (index, title) in columns.iter().enumerate() {
        let numbers = matches!(title.as_str(), "x" | "y" | "weight")
            && rows
                .iter()
                .flatten()
                .filter(|(column, _)| column == title)
                .all(|(_, value)| value.trim().parse::<f64>().is_ok());
        write_key(xml, &format!("{prefix}{index}"), domain, title, numbers);
    }
}

fn write_data(xml: &mut XmlWriter, cells: &[(String, &str)]) {
    for (id, value) in cells {
        xml.leaf("data", &[("key", id)], value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_labels_read_as_the_text_they_show() {
        assert_eq!(
            markup_text("<p>regular <strong>bold</strong> <em>italic</em></p><p>newline</p>")
                .as_deref(),
            Some("regular bold italic newline")
        );
        assert_eq!(
            markup_text("<b>Hik</b>vision &amp; co<br/>PRC").as_deref(),
            Some("Hikvision & co PRC")
        );
        assert_eq!(markup_text("Huawei"), None);
        assert_eq!(markup_text("<unclosed"), None);
        assert_eq!(markup_text("<3 Huawei"), None, "not markup");
    }

    #[test]
    fn vendor_label_is_used_when_no_label_column() {
        let text = r#"<graphml xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d0" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="d0"><y:ShapeNode><y:Geometry x="10" y="20" width="30" height="40"/>
      <y:NodeLabel>IBM &amp; Co</y:NodeLabel></y:ShapeNode></data></node>
  </graph>
</graphml>"#;
        let loaded = read("t.graphml", text).unwrap();
        let entity = &loaded.dataset.entities[0];
        assert_eq!(entity.name, "IBM & Co");
        assert!(entity.attributes.is_empty(), "{:?}", entity.attributes);
        assert_eq!(loaded.dataset.positions[0].1, Position { x: 25.0, y: 40.0 });
    }

    #[test]
    fn plain_data_keeps_its_exact_text() {
        let text = "<graphml><key id=\"d\" for=\"node\" attr.name=\"note\"/><graph>\
            <node id=\"a\"><data key=\"d\">  two  spaces </data></node></graph></graphml>";
        let loaded = read("t.graphml", text).unwrap();
        assert_eq!(
            loaded.dataset.entities[0].attributes["note"],
            "  two  spaces "
        );
    }

    const YED_HEAD: &str = r#"<graphml xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="node" id="c" attr.name="color" attr.type="string"/>
  <graph edgedefault="directed">"#;

    fn colours(loaded: &Loaded) -> Vec<Option<&str>> {
        loaded
            .dataset
            .entities
            .iter()
            .map(|e| e.attributes.get(FILL_ATTRIBUTE).map(String::as_str))
            .collect()
    }

    #[test]
    fn a_yed_group_takes_the_fill_of_the_state_it_is_drawn_in() {
        let text = format!(
            r##"{YED_HEAD}
    <node id="open"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0">
      <y:GroupNode><y:Fill color="#F5F5F5" transparent="false"/><y:NodeLabel>Open</y:NodeLabel></y:GroupNode>
      <y:GroupNode><y:Fill color="#CCFFCC" transparent="false"/></y:GroupNode>
    </y:Realizers></y:ProxyAutoBoundsNode></data></node>
    <node id="closed"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="1">
      <y:GroupNode><y:Fill color="#F5F5F5" transparent="false"/></y:GroupNode>
      <y:GroupNode><y:Fill color="#CCFFCC" transparent="false"/><y:NodeLabel>Closed</y:NodeLabel></y:GroupNode>
    </y:Realizers></y:ProxyAutoBoundsNode></data></node>
  </graph>
</graphml>"##
        );
        let loaded = read("t.graphml", &text).unwrap();
        assert_eq!(colours(&loaded), [Some("#f5f5f5"), Some("#ccffcc")]);
    }

    #[test]
    fn pictures_keep_no_fill_and_a_fill_alone_is_not_a_bare_drawing() {
        let text = format!(
            r##"{YED_HEAD}
    <node id="svg"><data key="d6"><y:SVGNode><y:Fill color="#CCCCFF" transparent="false"/><y:NodeLabel>Camera</y:NodeLabel></y:SVGNode></data></node>
    <node id="image"><data key="d6"><y:ImageNode><y:Fill color="#CCCCFF" transparent="false"/><y:NodeLabel>Server</y:NodeLabel></y:ImageNode></data></node>
    <node id="filled"><data key="d6"><y:ShapeNode><y:Fill color="#FFCC00" transparent="false"/><y:Shape type="ellipse"/></y:ShapeNode></data></node>
    <node id="clear"><data key="d6"><y:ShapeNode><y:Fill color="#FFCC00" transparent="true"/><y:Shape type="ellipse"/></y:ShapeNode></data></node>
    <node id="no-colour"><data key="d6"><y:GenericNode><y:Fill hasColor="false" transparent="false"/><y:NodeLabel>Note</y:NodeLabel></y:GenericNode></data></node>
  </graph>
</graphml>"##
        );
        let loaded = read("t.graphml", &text).unwrap();
        assert_eq!(colours(&loaded), [None, None, Some("#ffcc00"), None, None]);
        // Only the transparent drawing gave nothing.
        let notes = loaded.report.notes.join("\n");
        assert!(
            notes.contains("no label, position, fill colour or arrows")
                && notes.contains("on 1 node"),
            "{notes}"
        );
    }

    #[test]
    fn a_colour_given_as_data_outranks_the_drawn_fill() {
        let text = format!(
            r##"{YED_HEAD}
    <node id="same"><data key="c">#ffcc00</data><data key="d6"><y:ShapeNode><y:Fill color="#FFCC00"/></y:ShapeNode></data></node>
    <node id="other"><data key="d6"><y:ShapeNode><y:Fill color="#FFCC00"/></y:ShapeNode></data><data key="c">teal</data></node>
  </graph>
</graphml>"##
        );
        let loaded = read("t.graphml", &text).unwrap();
        assert_eq!(colours(&loaded), [Some("#ffcc00"), Some("teal")]);
        assert_eq!(
            loaded.report.notes,
            [
                "drawn fill colours not used on 1 node: the \"color\" data the file gives them is their colour"
            ]
        );
    }

    #[test]
    fn yfiles_html_node_style_fill_is_the_colour_unless_it_is_a_reference() {
        let text = r##"<graphml xmlns:y="http://www.yworks.com/xml/yfiles-common/3.0" xmlns:yjs="http://www.yworks.com/xml/yfiles-for-html/2.0/xaml">
  <key id="s" for="node" attr.name="NodeStyle"/>
  <graph edgedefault="directed">
    <node id="a"><data key="s"><yjs:ShapeNodeStyle stroke="#FF663800" fill="#FFFF8C00" shape="ELLIPSE"/></data></node>
    <node id="b"><data key="s"><yjs:ShapeNodeStyle stroke="{y:GraphMLReference 2}" fill="{y:GraphMLReference 3}"/></data></node>
  </graph>
</graphml>"##;
        let loaded = read("t.graphml", text).unwrap();
        assert_eq!(colours(&loaded), [Some("#ff8c00"), None]);
        assert!(loaded.dataset.entities[0].attributes.len() == 1);
        assert_eq!(
            loaded.report.notes,
            [
                "data not kept: NodeStyle on <node>",
                "drawing details not kept (fill colours are): shape (1), border (1)"
            ],
            "the style whose fill is not read is still named; the one read gave its fill only"
        );
    }

    /// The report's note on drawing details not kept, if any.
    fn drawing_note(loaded: &Loaded) -> Option<&str> {
        let mut notes = loaded
            .report
            .notes
            .iter()
            .filter(|note| note.starts_with("drawing details"));
        let note = notes.next().map(String::as_str);
        assert_eq!(notes.next(), None, "one note per file");
        note
    }

    #[test]
    fn a_drawing_giving_only_what_is_read_gets_no_drawing_note() {
        let text = format!(
            r##"{YED_HEAD}
    <key for="edge" id="d10" yfiles.type="edgegraphics"/>
    <node id="a"><data key="d6"><y:ShapeNode><y:Geometry x="10" y="20"/><y:Fill color="#FFCC00"/><y:NodeLabel>Huawei</y:NodeLabel></y:ShapeNode></data></node>
    <node id="b"><data key="d6"><y:ShapeNode><y:BorderStyle hasColor="false"/><y:NodeLabel hasText="false"/><y:NodeLabel>IBM</y:NodeLabel></y:ShapeNode></data></node>
    <edge source="a" target="b"><data key="d10"><y:PolyLineEdge><y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0"/><y:Arrows source="none" target="standard"/><y:EdgeLabel>supplied</y:EdgeLabel><y:BendStyle smoothed="false"/></y:PolyLineEdge></data></edge>
  </graph>
</graphml>"##
        );
        let loaded = read("t.graphml", &text).unwrap();
        assert_eq!(loaded.dataset.entities[1].name, "IBM");
        assert_eq!(drawing_note(&loaded), None, "{:?}", loaded.report.notes);
    }

    #[test]
    fn a_yed_group_counts_its_shown_state_and_names_the_other_once() {
        let text = format!(
            r#"{YED_HEAD}
    <node id="g"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="1">
      <y:GroupNode><y:BorderStyle type="dashed"/><y:NodeLabel>Open</y:NodeLabel><y:UnknownPart/></y:GroupNode>
      <y:GroupNode><y:Geometry x="0" y="0" width="50" height="50"/><y:NodeLabel>Closed</y:NodeLabel><y:State closed="true"/></y:GroupNode>
    </y:Realizers></y:ProxyAutoBoundsNode></data></node>
  </graph>
</graphml>"#
        );
        let loaded = read("t.graphml", &text).unwrap();
        // The border and the unknown part are in the state not shown: not looked into.
        assert_eq!(
            drawing_note(&loaded),
            Some(
                "drawing details not kept (labels and positions are): size (1), group's other state (1)"
            )
        );
    }

    #[test]
    fn a_yed_group_state_shown_without_a_label_or_geometry_takes_the_other_state_s() {
        let text = format!(
            r#"{YED_HEAD}
    <node id="g"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="1">
      <y:GroupNode><y:Geometry x="0" y="0" width="100" height="60"/><y:NodeLabel>Open</y:NodeLabel></y:GroupNode>
      <y:GroupNode><y:Geometry x="10" y="10" width="40" height="20"/><y:NodeLabel><![CDATA[<p>Closed</p>]]></y:NodeLabel></y:GroupNode>
    </y:Realizers></y:ProxyAutoBoundsNode></data></node>
    <node id="h"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="1">
      <y:GroupNode><y:Geometry x="0" y="0" width="100" height="60"/><y:NodeLabel>Open</y:NodeLabel></y:GroupNode>
      <y:GroupNode><y:State closed="true"/></y:GroupNode>
    </y:Realizers></y:ProxyAutoBoundsNode></data></node>
  </graph>
</graphml>"#
        );
        let loaded = read("t.graphml", &text).unwrap();
        let d = &loaded.dataset;
        let [shown, other] = [0, 1].map(|i| &d.entities[i]);
        assert_eq!(shown.name, "Closed", "the markup label of the state shown");
        assert_eq!(
            shown.attributes.get("label markup").map(String::as_str),
            Some("<p>Closed</p>")
        );
        assert_eq!(
            other.name, "Open",
            "the other state's, where the one shown has none"
        );
        assert!(!other.attributes.contains_key("label markup"));
        let positions: Vec<(f32, f32)> = d.positions.iter().map(|(_, p)| (p.x, p.y)).collect();
        assert_eq!(positions, [(30.0, 20.0), (50.0, 30.0)]);
    }

    #[test]
    fn arrows_on_undirected_edges_and_further_yfiles_labels_are_counted() {
        let text = r#"<graphml xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/3.0" xmlns:y="http://www.yworks.com/xml/yfiles-common/3.0">
  <key id="l" for="node" attr.name="NodeLabels"/>
  <key id="g" for="edge" yfiles.type="edgegraphics"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="l"><x:List><y:Label LayoutParameter="{x:Static y:InteriorLabelModel.Center}"><y:Label.Text>Huawei</y:Label.Text></y:Label><y:Label><y:Label.Text>Shenzhen</y:Label.Text></y:Label></x:List></data></node>
    <node id="b"><data key="l"><x:List><y:Label><y:Label.Text>IBM</y:Label.Text></y:Label><y:Label><y:Label.Text> </y:Label.Text></y:Label></x:List></data></node>
    <edge source="a" target="b"><data key="g"><y:PolyLineEdge><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data></edge>
    <edge source="b" target="a"><data key="g"><y:PolyLineEdge><y:Arrows source="none" target="none"/></y:PolyLineEdge></data></edge>
  </graph>
</graphml>"#;
        let loaded = read("t.graphml", text).unwrap();
        assert_eq!(loaded.dataset.entities[0].name, "Huawei");
        assert!(loaded.dataset.relations.iter().all(|r| !r.directed));
        // The second label of `b` has no text: nothing lost.
        assert_eq!(
            drawing_note(&loaded),
            Some(
                "drawing details not kept (labels are): label style (1), labels after the first (1), \
                 arrows on undirected edges (1)"
            )
        );
    }

    fn endpoints(types: &[EndpointDirection]) -> Vec<Endpoint> {
        types
            .iter()
            .enumerate()
            .map(|(i, &direction)| Endpoint {
                node_id: i.to_string(),
                port: None,
                direction,
            })
            .collect()
    }

    fn pair_ids(pairs: &[(&Endpoint, &Endpoint, bool)]) -> Vec<(String, String, bool)> {
        pairs
            .iter()
            .map(|(a, b, directed)| (a.node_id.clone(), b.node_id.clone(), *directed))
            .collect()
    }

    #[test]
    fn endpoint_pairs_follow_the_file_order_and_the_directions() {
        use EndpointDirection::{In, Out, Undir};
        let both = |a: &str, b: &str, directed| (a.to_owned(), b.to_owned(), directed);
        let all = endpoints(&[In, Undir, Out, Out, Undir, In]);
        let (pairs, total) = endpoint_pairs(&all);
        assert_eq!(
            pair_ids(&pairs),
            [
                both("0", "1", false),
                both("2", "0", true),
                both("3", "0", true),
                both("0", "4", false),
                both("1", "2", false),
                both("1", "3", false),
                both("1", "4", false),
                both("1", "5", false),
                both("2", "4", false),
                both("2", "5", true),
                both("3", "4", false),
                both("3", "5", true),
                both("4", "5", false),
            ]
        );
        assert_eq!(total, pairs.len());
        assert_eq!(endpoint_pairs(&endpoints(&[Out, Out, Out])).1, 0);
    }

    #[test]
    fn endpoint_pairs_are_cut_at_the_cap_without_looking_at_pairs_making_none() {
        // Every source but the last paired with the one target: linear, not quadratic, in
        // the sources that make no relation with each other.
        let mut types = vec![EndpointDirection::Out; 3 * MAX_PAIRS_PER_HYPEREDGE];
        types.push(EndpointDirection::In);
        let all = endpoints(&types);
        let (pairs, total) = endpoint_pairs(&all);
        assert_eq!(
            (pairs.len(), total),
            (MAX_PAIRS_PER_HYPEREDGE, types.len() - 1)
        );
        assert!(
            pairs.iter().all(|(_, target, directed)| *directed
                && target.node_id == (types.len() - 1).to_string())
        );
    }

    #[test]
    fn empty_yed_resources_are_not_noted() {
        let text = r#"<graphml xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="graphml" id="d7" yfiles.type="resources"/>
  <graph><node id="a"/></graph>
  <data key="d7"><y:Resources/></data>
</graphml>"#;
        let loaded = read("t.graphml", text).unwrap();
        assert!(loaded.report.notes.is_empty(), "{:?}", loaded.report.notes);
        assert!(loaded.report.warnings.is_empty());
    }
}
