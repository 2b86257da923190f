//! The picture of the graph as plain data: where each node, edge, label, the legend and the
//! caption go on screen, in which colour and style. Built from the session, the lens, the view
//! and the camera without any egui `Ui` (text is measured through [`MeasureText`]), then drawn
//! by the egui painter (`ui::graph_view`) or written by the SVG exporter (`export::svg`): what
//! is exported is exactly what is on screen. Hit-testing runs on it too.

pub mod caption;
pub mod colouring;
mod detour;

use std::collections::{BTreeSet, HashMap};

use egui::{Color32, Pos2, Rect, Vec2, pos2, vec2};

use crate::layout::cell_grid::CellGrid;
use crate::model::measures::Measure;
use crate::model::{EntityIdx, EntityKind, RelationIdx, RelationStatus};
use crate::palette::Palette;
use crate::session::{LineWidths, RankedRelation, Session};
use crate::view::search::HitTarget;
use crate::view::{Camera, Emphasis, Lens, Selection, View};
use colouring::Colouring;

/// Edges drawn at most (besides the highlighted ones): in a view crowded past this, the
/// most important are drawn and the rest would only be a grey wash.
pub const EDGE_BUDGET: usize = 10_000;
/// Labels tried at most, most important first: past this many, a screen is full of text
/// anyway, and laying out more would slow every frame of a large network.
const MAX_LABELS_TRIED: usize = 400;
/// Links in view up to which each may say its words however short it is, where they fit
/// clear of names and nodes.
const FEW_LINKS_ALL_WORDED: usize = 60;
/// Round a selected entity, how many of its links with the most evidence behind them may put
/// their words on a leader across its other links (the rest only where no lit link is in
/// the way): enough for a hub's main ties, few enough that leaders do not tangle.
const LEADING_LINKS_WORDED: usize = 3;
/// Labels tried at most in a crowd of dots (past [`NODE_DETAIL_LIMIT`] nodes in view): the
/// selection, the highlighted and the largest.
const CROWDED_LABELS_TRIED: usize = 40;
/// A view of at most this many nodes names the faded ones too, dimmed and after everything
/// else (a tiny file with a link selected is otherwise a few anonymous dots); a larger one
/// leaves them unnamed, so that what is emphasised stands out.
const FADED_NAMES_MAX_NODES: usize = 30;
/// A node with at least this many relations is a hub: where no place beside it is free, its
/// name may cover nodes with a third of its relations or fewer.
const HUB_LABEL_MIN_DEGREE: usize = 8;
const HUB_LABEL_DEGREE_RATIO: usize = 3;
/// Distance, at their middle, between curves joining the same two nodes, in points.
const PARALLEL_GAP: f32 = 22.0;
/// Edges checked for passing through other nodes, at most: past this the view is a crowd
/// and lines are thinned anyway.
const DETOUR_EDGE_LIMIT: usize = 2_000;
/// How close (in points) the pointer must be to an edge to hit it.
const EDGE_HIT_DISTANCE: f32 = 6.0;
/// Points a curved edge is drawn through.
const CURVE_SEGMENTS: usize = 16;

/// Measures text as it will be drawn: egui's fonts in the window, the same font's metrics in
/// the exporter.
pub trait MeasureText {
    /// Width and height of `text` on one line at `font_size` points.
    fn text_size(&self, text: &str, font_size: f32) -> Vec2;
}

/// What is at a point of the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// A node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    pub entity: EntityIdx,
    pub center: Pos2,
    pub radius: f32,
    pub fill: Color32,
    pub outline: Color32,
    pub outline_width: f32,
    /// Dash and gap lengths of a dashed outline, drawn along [`SceneNode::ring`]: a
    /// placeholder, named by a link and defined nowhere in the file, hollow in the canvas's
    /// colour and ringed in its own. `None`: a solid outline.
    pub outline_dash: Option<(f32, f32)>,
    /// A dot in the middle marks a node pinned by dragging.
    pub pinned_dot: Option<Color32>,
    pub emphasis: Emphasis,
    /// Selected or hovered: drawn on its own, above the rest.
    pub prominent: bool,
}

/// How a placeholder's outline is dashed: dash and gap lengths.
pub const PLACEHOLDER_DASH: (f32, f32) = (3.0, 2.5);

impl SceneNode {
    /// The closed line round the node a dashed outline follows.
    pub fn ring(&self) -> Vec<Pos2> {
        ring(self.center, self.radius)
    }
}

/// A closed line round the circle at `center`, its sides straying less than a tenth of a
/// point from it: what a dashed outline follows.
pub fn ring(center: Pos2, radius: f32) -> Vec<Pos2> {
    let segments = ((radius * 2.5).ceil() as usize).clamp(12, 64);
    (0..=segments)
        .map(|k| {
            let angle = std::f32::consts::TAU * k as f32 / segments as f32;
            center + Vec2::angled(angle) * radius
        })
        .collect()
}

/// An edge as drawn: straight, or a quadratic curve through `control` when several relations
/// join the same two entities.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    pub relation: RelationIdx,
    pub from: Pos2,
    pub to: Pos2,
    pub control: Option<Pos2>,
    pub colour: Color32,
    pub width: f32,
    /// Dash and gap lengths for a hedged relation; `None`: a solid line.
    pub dash: Option<(f32, f32)>,
    /// A small "×" at the middle marks a denied relation.
    pub cross: bool,
    /// An arrow head at `to` for a directed relation.
    pub arrow: bool,
    /// A soft glow drawn under the line, its width and colour: the selected link (or those
    /// between compared entities), or one a story step has just brought in. `None`: no glow.
    pub halo: Option<(f32, Color32)>,
}

/// How much wider than its line a link's glow is drawn.
const HALO_SPREAD: f32 = 7.0;

impl SceneEdge {
    /// The points the edge passes through, from `from` to `to`.
    pub fn points(&self) -> Vec<Pos2> {
        match self.control {
            None => vec![self.from, self.to],
            Some(control) => (0..=CURVE_SEGMENTS)
                .map(|k| {
                    quadratic(
                        self.from,
                        control,
                        self.to,
                        k as f32 / CURVE_SEGMENTS as f32,
                    )
                })
                .collect(),
        }
    }

    /// The middle of the edge (where its label and its "×" go).
    pub fn middle(&self) -> Pos2 {
        self.at(0.5)
    }

    /// The point a share `t` of the way along the edge (0 at `from`, 1 at `to`).
    pub fn at(&self, t: f32) -> Pos2 {
        match self.control {
            None => self.from + (self.to - self.from) * t,
            Some(control) => quadratic(self.from, control, self.to, t),
        }
    }

    /// The three corners of the arrow head at `to`, pointing along the edge's last stretch.
    pub fn arrow_head(&self) -> Option<[Pos2; 3]> {
        if !self.arrow {
            return None;
        }
        let before = self.control.unwrap_or(self.from);
        let direction = (self.to - before).normalized();
        if !direction.x.is_finite() || !direction.y.is_finite() {
            return None;
        }
        let size = 9.0 + self.width * 1.5;
        let back = self.to - direction * size;
        let across = direction.rot90() * (size * 0.45);
        Some([self.to, back + across, back - across])
    }

    fn distance_to(&self, p: Pos2) -> f32 {
        self.points()
            .windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }
}

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOf {
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// A label as drawn: `text` centred in `rect`, over a backdrop.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLabel {
    pub of: LabelOf,
    pub text: String,
    pub rect: Rect,
    pub font_size: f32,
    pub colour: Color32,
    pub backdrop: Color32,
    /// A thin line from the node's rim to a name set apart from it (a callout), where no
    /// place beside the node was free, or from a link's middle to its words.
    pub leader: Option<[Pos2; 2]>,
    /// The leader's width and colour: a lit link's words hang on a line in the link's own
    /// colour, so they read as its words and not those of the lit link they sit beside.
    pub leader_stroke: (f32, Color32),
    /// Dash and gap lengths of a link's words' leader, drawn dotted from a dot on the link:
    /// a solid line in a lit link's colour had read as one more link running to nowhere.
    /// `None`: a name's solid hair.
    pub leader_dash: Option<(f32, f32)>,
}

/// How the leader of a link's words is dotted: dash and gap lengths.
pub const LINK_LEADER_DASH: (f32, f32) = (2.0, 3.0);

/// How a name's leader is drawn: a hair in the label's colour, a little softened.
fn quiet_leader(colour: Color32) -> (f32, Color32) {
    (1.0, colour.gamma_multiply(0.7))
}

/// The mark of a legend entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendMark {
    /// A node colour.
    Dot(Color32),
    /// A node colour whose kind is hidden.
    HiddenDot(Color32),
    /// A line style: dashed or not, crossed (denied) or not, this wide.
    Line {
        dash: Option<(f32, f32)>,
        cross: bool,
        width: f32,
    },
    /// The dot that marks a pinned node, in this colour.
    Pinned(Color32),
    /// A placeholder's hollow, dashed ring.
    Placeholder,
    /// A faint line: an undated link under a time window.
    FaintLine,
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub text: String,
    pub mark: LegendMark,
    /// The entity kind it stands for, when clicking it hides or shows that kind.
    pub kind: Option<EntityKind>,
}

/// A story step's words, shown over the graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Caption {
    pub title: String,
    pub text: String,
}

impl Caption {
    /// The words of step `step` (from 0) of `story`, with where it stands: "3/8  Title".
    pub fn of_step(story: &crate::model::Story, step: usize) -> Option<Self> {
        let shown = story.steps.get(step)?;
        Some(Self {
            title: format!("{}/{}  {}", step + 1, story.steps.len(), shown.title),
            text: shown.caption.clone(),
        })
    }
}

/// The whole picture.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Where the graph is drawn, in screen points.
    pub viewport: Rect,
    pub palette: Palette,
    /// Drawn first to last: edges, then nodes (prominent ones last), then labels.
    pub edges: Vec<SceneEdge>,
    pub nodes: Vec<SceneNode>,
    pub labels: Vec<SceneLabel>,
    pub legend: Vec<LegendItem>,
    pub caption: Option<Caption>,
    /// A line about what is not drawn (edges thinned in a crowded view, an empty dataset).
    pub note: Option<String>,
    /// The time window shown ("2014–2016"), large in the top right corner, so that a
    /// window played on screen says where it stands.
    pub time_stamp: Option<String>,
    /// A line crediting the dataset and its sources, and where it goes (the graph's bottom
    /// right, above a caption): an exported picture says where it comes from.
    pub credit: Option<(String, Rect)>,
}

/// What a scene is built from.
pub struct SceneInputs<'a> {
    pub session: &'a Session,
    pub lens: &'a Lens,
    pub view: &'a View,
    /// The camera to draw with (for a followed view, fitted to this frame).
    pub camera: &'a Camera,
    pub viewport: Rect,
    pub palette: &'a Palette,
    pub colouring: &'a Colouring,
    /// Each entity's share of the largest value of the attribute nodes are sized by, if any.
    pub attribute_shares: Option<&'a [f64]>,
    pub caption: Option<Caption>,
    /// What the pointer is over (emphasised like the selection); `None` in exports.
    pub hover: Option<Hit>,
    /// The picture's credit line ([`picture_credit`]): exports only, as the window names its
    /// file in the toolbar.
    pub credit: Option<String>,
}

impl Scene {
    /// Lays out the picture.
    pub fn build(inputs: &SceneInputs<'_>, measure: &dyn MeasureText) -> Self {
        let centers = node_centers(inputs);
        let sizes = node_sizes(inputs, &centers);
        let (edges, edges_thinned) = edges(inputs, &centers, &sizes);
        let radii = sizes.radii;
        // Counted once: the nodes and the legend both ask (a scan of every node).
        let pins = pin_mark(inputs.session, inputs.palette);
        let (nodes, nodes_in_view) = nodes(inputs, &centers, &radii, pins.is_some());
        // A crowd for names: too many nodes to draw each, or too many links to draw all.
        let crowded = nodes_in_view > NODE_DETAIL_LIMIT || edges_thinned;
        let note = if inputs.session.dataset.entities.is_empty() {
            Some("This dataset has no entities.".to_owned())
        } else if inputs.session.layout.is_preparing() {
            Some(format!(
                "Arranging {} nodes coarse to fine (multilevel ForceAtlas2)…",
                thousands(inputs.session.dataset.entities.len())
            ))
        } else {
            thinned_note(
                edges_thinned.then_some(edges.len()),
                nodes.len(),
                nodes_in_view,
                inputs.session.index.evidence_count > 0,
            )
        };
        let time_stamp = time_stamp(inputs.view, inputs.lens);
        let caption_rect = inputs
            .caption
            .as_ref()
            .map(|c| caption::layout(inputs.viewport, c, inputs.palette, measure).rect);
        let credit = inputs.credit.as_ref().map(|credit| {
            let rect = credit_rect(
                inputs.viewport,
                caption_rect,
                credit,
                inputs.palette,
                measure,
            );
            (credit.clone(), rect)
        });
        // Names stay clear of the note, the time stamp, the credit and the caption drawn over
        // the graph.
        let reserved: Vec<Rect> = [
            caption_rect,
            credit.as_ref().map(|(_, rect)| *rect),
            note.as_ref()
                .map(|note| note_rect(inputs.viewport, note, inputs.palette, measure)),
            time_stamp
                .as_ref()
                .map(|stamp| time_stamp_rect(inputs.viewport, stamp, inputs.palette, measure)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let labels = labels(inputs, &nodes, &edges, crowded, measure, &reserved);
        // A story step with its caption is a slide: in the window while presenting, or
        // exported; its key is the step's.
        let slide = inputs.caption.is_some() && inputs.view.spotlight.is_some();
        let legend = legend_items(
            (inputs.session, inputs.view, inputs.lens),
            inputs.colouring,
            pins,
            slide,
        );
        Self {
            viewport: inputs.viewport,
            palette: *inputs.palette,
            edges,
            nodes,
            labels,
            legend,
            caption: inputs.caption.clone(),
            note,
            time_stamp,
            credit,
        }
    }

    /// What is under `pointer`, as drawn: a label (drawn last) stands for its node or link
    /// (people click names), then nodes (of those, the nearest), then edges.
    pub fn hit_test(&self, pointer: Pos2) -> Option<Hit> {
        let label = self
            .labels
            .iter()
            .rev()
            .find(|l| l.rect.contains(pointer))
            .map(|l| match l.of {
                LabelOf::Entity(entity) => Hit::Entity(entity),
                LabelOf::Relation(relation) => Hit::Relation(relation),
            });
        let node = || {
            self.nodes
                .iter()
                .rev()
                .filter(|n| n.center.distance(pointer) <= n.radius + 3.0)
                .min_by(|a, b| {
                    a.center
                        .distance(pointer)
                        .total_cmp(&b.center.distance(pointer))
                })
                .map(|n| Hit::Entity(n.entity))
        };
        label.or_else(node).or_else(|| {
            self.edges
                .iter()
                .filter(|e| {
                    Rect::from_two_pos(e.from, e.to)
                        .union(Rect::from_two_pos(e.control.unwrap_or(e.from), e.to))
                        .expand(EDGE_HIT_DISTANCE)
                        .contains(pointer)
                })
                .map(|e| (e.relation, e.distance_to(pointer)))
                .filter(|(_, d)| *d <= EDGE_HIT_DISTANCE)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(relation, _)| Hit::Relation(relation))
        })
    }
}

/// The time window in the range's own steps: "2014–2016", "2018-03", "2019".
fn time_stamp(view: &View, lens: &Lens) -> Option<String> {
    let (window, range) = (view.time?, lens.time_range?);
    let (from, to) = (range.index_of(window.from), range.index_of(window.to));
    Some(if from == to {
        range.label(from)
    } else {
        format!("{}–{}", range.label(from), range.label(to))
    })
}

/// Where the note is drawn: its text's box, at the view's top left, with its margin.
pub fn note_rect(viewport: Rect, note: &str, palette: &Palette, measure: &dyn MeasureText) -> Rect {
    let size = measure.text_size(note, palette.legend_size);
    Rect::from_min_size(viewport.left_top() + vec2(10.0, 8.0), size).expand(4.0)
}

/// Where the credit line is drawn: its text's box, at the view's bottom right (above the
/// caption's box if there is one), with its margin.
fn credit_rect(
    viewport: Rect,
    caption: Option<Rect>,
    credit: &str,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> Rect {
    let size = measure.text_size(credit, palette.legend_size);
    let bottom = caption.map_or(viewport.bottom(), |c| c.top() - 2.0) - 8.0;
    let bottom_right = pos2(viewport.right() - 10.0, bottom);
    Rect::from_min_size(bottom_right - size, size).expand(4.0)
}

/// The credit line of a picture of `dataset`: its title and the source most of its evidence
/// comes from, "Who built Huawei's Safe City surveillance complex · Source: Nafeez Ahmed,
/// Insurge Intelligence, 2020-01-30, and 23 more"; `None` for a file with neither.
pub fn picture_credit(dataset: &crate::model::Dataset) -> Option<String> {
    let mut cited = vec![0usize; dataset.sources.len()];
    for evidence in dataset.relations.iter().flat_map(|r| &r.evidence) {
        if let Some(count) = evidence.source.and_then(|s| cited.get_mut(s.0)) {
            *count += 1;
        }
    }
    // The most cited, the first listed of equals.
    let main = (0..cited.len()).rev().max_by_key(|&i| cited[i]);
    let source = main.and_then(|i| dataset.sources.get(i)).map(|main| {
        let said: Vec<&str> = [
            main.author.as_deref(),
            main.publisher.as_deref(),
            main.date.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
        let named = if said.is_empty() {
            main.title.clone()
        } else {
            said.join(", ")
        };
        match dataset.sources.len() - 1 {
            0 => format!("Source: {named}"),
            more => format!("Sources: {named}, and {more} more"),
        }
    });
    let title = dataset.metadata.title.trim();
    let parts: Vec<String> = [(!title.is_empty()).then(|| title.to_owned()), source]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| crate::words::shortened(&parts.join(" · "), 140))
}

/// Where the time stamp is drawn: its text's box, at the view's top right, with its margin.
pub fn time_stamp_rect(
    viewport: Rect,
    stamp: &str,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> Rect {
    let size = measure.text_size(stamp, palette.caption_size * 1.5);
    let top_right = viewport.right_top() + vec2(-14.0, 10.0);
    Rect::from_min_size(top_right - vec2(size.x, 0.0), size).expand(6.0)
}

/// The line saying what a crowded view leaves out, if it leaves anything out.
fn thinned_note(
    thinned_edges: Option<usize>,
    nodes: usize,
    nodes_in_view: usize,
    sourced: bool,
) -> Option<String> {
    // Links are ranked by their sources, then weight, then how connected their ends are
    // (`relations_by_importance`): a file with no quotes has no "best-sourced" to speak of.
    let ranked = if sourced {
        "best-sourced"
    } else {
        "heaviest and best-connected"
    };
    let links = thinned_edges.map(|edges| format!("the {} {ranked} links", thousands(edges)));
    let dots = (nodes < nodes_in_view).then(|| {
        format!(
            "the largest node of each crowded spot ({} of {})",
            thousands(nodes),
            thousands(nodes_in_view)
        )
    });
    let shown = match (links, dots) {
        (Some(links), Some(dots)) => format!("{links} and {dots}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(format!("Showing {shown} in view; zoom in to see more"))
}

/// `n` with thousands separated by commas: 100,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, digit) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What a camera that follows the network fits in view: a story step's entities
/// ([`crate::view::Camera::fit_only`]), else the entities the lens shows — a time window
/// or the filters leave the rest out of the frame, so what is left fills it — or all of
/// them when it shows none; with room below for a caption if one is drawn, `caption_share`
/// of the view's height ([`caption_share`]). The window and the exports frame alike.
pub fn framed_bounds(
    camera: &crate::view::Camera,
    layout: &crate::layout::LayoutHandle,
    lens: &Lens,
    caption_share: Option<f32>,
) -> Option<Rect> {
    let shown = (0..layout.len())
        .map(EntityIdx)
        .filter(|&e| lens.shows_entity(e))
        .map(|e| layout.position(e))
        .fold(None, |bounds: Option<Rect>, p| {
            Some(bounds.map_or(Rect::from_min_max(p, p), |b| {
                b.union(Rect::from_min_max(p, p))
            }))
        });
    let all = shown.or_else(|| layout.bounds());
    let bounds = camera.bounds_to_fit(all, |e| layout.position(e));
    match caption_share {
        Some(share) => bounds.map(|b| with_room_for_caption(b, share)),
        None => bounds,
    }
}

/// What share of `viewport`'s height a caption's box takes, with its margins: the room the
/// frame leaves it. A fixed 45 % of the picture had left a one-line caption under a third
/// of the screen that it did not use.
pub fn caption_share(
    viewport: Rect,
    caption: &Caption,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> f32 {
    let boxed = caption::layout(viewport, caption, palette, measure).rect;
    ((viewport.bottom() - boxed.top() + 12.0) / viewport.height().max(1.0)).clamp(0.0, 0.6)
}

/// What to fit in view when a caption covers `share` of the bottom of the graph: `bounds`
/// with room below, so what matters sits above the caption. The window and the exports
/// frame alike.
pub fn with_room_for_caption(bounds: Rect, share: f32) -> Rect {
    let below = bounds.height() * share / (1.0 - share);
    Rect::from_min_max(bounds.min, bounds.max + vec2(0.0, below))
}

fn quadratic(a: Pos2, control: Pos2, b: Pos2, t: f32) -> Pos2 {
    let u = 1.0 - t;
    pos2(
        u * u * a.x + 2.0 * u * t * control.x + t * t * b.x,
        u * u * a.y + 2.0 * u * t * control.y + t * t * b.y,
    )
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

fn node_centers(inputs: &SceneInputs<'_>) -> Vec<Pos2> {
    let positions = inputs.session.layout.latest();
    (0..inputs.session.dataset.entities.len())
        .map(|i| {
            let at = positions.xy.get(i).copied().unwrap_or(Pos2::ZERO);
            inputs.camera.to_screen(inputs.viewport, at)
        })
        .collect()
}

/// The smallest a node is drawn: a dot still seen at any density.
const SMALLEST_RADIUS: f32 = 1.5;

/// How much of the way to its nearest neighbour two nodes' discs may fill together: the rest
/// is a gap where their links show.
const NEIGHBOUR_FILL: f32 = 0.7;

/// The share of the nodes in view that may still fill more of the way to their nearest
/// neighbour than [`NEIGHBOUR_FILL`]: a few pairs the layout left close should not shrink
/// everyone.
const CROWDED_SHARE: f32 = 0.1;

/// How large each node is drawn, in screen points, and by what factor a crowded view shrank
/// them all (the links thin with them, so the picture keeps its proportions).
struct NodeSizes {
    radii: Vec<f32>,
    shrink: f32,
}

/// Node sizes in screen points, by the chosen measure or attribute. Fixed on screen like the
/// labels (layouts have no natural scale): zooming spreads nodes apart rather than inflating
/// them. In a crowded view nodes shrink towards dots, so they do not bury the edges and the
/// shape of the network shows: all together by one factor, keeping their proportions, until
/// nine in ten clear their nearest neighbour ([`fit_to_neighbours`]).
fn node_sizes(inputs: &SceneInputs<'_>, centers: &[Pos2]) -> NodeSizes {
    let session = inputs.session;
    let measure = inputs.view.size_by;
    // Only the measures other than degree are sized against their largest value.
    let largest_value = if measure == Measure::Degree {
        1.0
    } else {
        session.index.measures.max(measure)
    };
    let rect = inputs.viewport;
    let in_view = centers.iter().filter(|c| rect.contains(**c)).count().max(1);
    let spacing = (rect.area() / in_view as f32).sqrt();
    // A crowd past the limit is drawn a dot per spot, each at most a third of the spacing:
    // no search for neighbours needed.
    let largest = if in_view > NODE_DETAIL_LIMIT {
        (spacing / 3.0).max(SMALLEST_RADIUS)
    } else {
        f32::INFINITY
    };
    let mut radii: Vec<f32> = (0..centers.len())
        .map(|i| {
            let radius = if let Some(shares) = inputs.attribute_shares {
                5.0 + 17.0 * (shares.get(i).copied().unwrap_or(0.0) as f32).sqrt()
            } else {
                let value = session.index.measures.value(measure, EntityIdx(i));
                match measure {
                    Measure::Degree => (5.0 + 1.8 * (value as f32).sqrt()).min(22.0),
                    _ => 5.0 + 17.0 * ((value / largest_value).clamp(0.0, 1.0) as f32).sqrt(),
                }
            };
            radius.min(largest)
        })
        .collect();
    let shrink = if in_view <= NODE_DETAIL_LIMIT {
        let drawn = |i: usize| {
            rect.contains(centers[i]) && inputs.lens.entity(EntityIdx(i)) != Emphasis::Hidden
        };
        fit_to_neighbours(&mut radii, centers, spacing, drawn)
    } else {
        1.0
    };
    NodeSizes { radii, shrink }
}

/// Shrinks `radii` by one factor so that, for all but [`CROWDED_SHARE`] of the nodes
/// `drawn`, a node and its nearest neighbour fill at most [`NEIGHBOUR_FILL`] of the distance
/// between them. Gephi's "prevent overlap" moves nodes apart in the layout instead; here
/// sizes are fixed on screen, so what they may fill depends on the zoom, and zooming in
/// gives the nodes back their size. Neighbours are looked for up to `spacing` (the mean
/// spacing of the nodes in view) away, or as far as the largest pair could crowd each other
/// if that is nearer: a node with none so near has at least the room of the average one.
/// A grid of cells that wide finds them in linear time. Returns the factor (1 when the
/// nodes already have room).
fn fit_to_neighbours(
    radii: &mut [f32],
    centers: &[Pos2],
    spacing: f32,
    drawn: impl Fn(usize) -> bool,
) -> f32 {
    let largest = radii.iter().copied().fold(0.0, f32::max);
    let reach = (2.0 * largest / NEIGHBOUR_FILL).min(spacing);
    let Some(grid) = CellGrid::new(centers, reach, &drawn) else {
        return 1.0;
    };
    // For each node drawn, the factor at which it and its nearest neighbour fill exactly
    // their share of the way (none for a node with no neighbour within reach).
    let mut factors: Vec<f32> = (0..centers.len())
        .filter(|&i| drawn(i))
        .map(|i| {
            grid.near(centers[i])
                .filter(|&j| j != i)
                .map(|j| NEIGHBOUR_FILL * centers[i].distance(centers[j]) / (radii[i] + radii[j]))
                .fold(f32::INFINITY, f32::min)
        })
        .collect();
    if factors.is_empty() {
        return 1.0;
    }
    let crowded = ((factors.len() as f32 * CROWDED_SHARE) as usize).min(factors.len() - 1);
    let (_, &mut factor, _) = factors.select_nth_unstable_by(crowded, f32::total_cmp);
    if factor >= 1.0 {
        return 1.0;
    }
    for radius in radii.iter_mut() {
        *radius = (*radius * factor).max(SMALLEST_RADIUS);
    }
    factor
}

/// Dash and gap lengths for a relation the source hedges, `None` for a plain report:
/// claimed long dashes, alleged dots, denied short dashes crossed out, unclear short dashes
/// far apart (claimed and unclear were told apart by a few points of dash only, which a
/// legend's short sample did not show).
pub fn hedge_style(status: RelationStatus) -> Option<(f32, f32)> {
    match status {
        RelationStatus::Reported => None,
        RelationStatus::Claimed => Some((12.0, 4.0)),
        RelationStatus::Alleged => Some((2.0, 4.0)),
        RelationStatus::Denied => Some((4.0, 4.0)),
        RelationStatus::Unclear => Some((5.0, 9.0)),
    }
}

/// The edges to draw: those in view, or in a view crowded past [`EDGE_BUDGET`] the most
/// important of them ([`crate::session::ViewIndex::relations_by_importance`]), drawn plainly
/// (no dashes, crosses or arrow heads: specks at that density); highlighted edges are always
/// drawn in full (up to half the budget again). Returns the edges and whether any in view were
/// left out.
fn edges(inputs: &SceneInputs<'_>, centers: &[Pos2], sizes: &NodeSizes) -> (Vec<SceneEdge>, bool) {
    let radii = &sizes.radii[..];
    let session = inputs.session;
    let lens = inputs.lens;
    let rect = inputs.viewport;
    let in_view = |source: EntityIdx, target: EntityIdx| {
        let (Some(a), Some(b)) = (centers.get(source.0), centers.get(target.0)) else {
            return false;
        };
        Rect::from_two_pos(*a, *b).expand(40.0).intersects(rect)
    };
    let mut chosen: Vec<RankedRelation> = Vec::new();
    let mut thinned = false;
    // Most important first, so a crowded view stops scanning once it has its fill.
    for ranked in &session.index.relations_by_importance {
        if lens.relation(ranked.relation) == Emphasis::Hidden
            || !in_view(ranked.source, ranked.target)
        {
            continue;
        }
        if chosen.len() == EDGE_BUDGET {
            if !thinned {
                // Loops are drawn large and say little in a crowd: they make room.
                thinned = true;
                chosen.retain(|r| r.source != r.target);
            }
            if chosen.len() == EDGE_BUDGET {
                break;
            }
        }
        if !(thinned && ranked.source == ranked.target) {
            chosen.push(*ranked);
        }
    }
    if thinned {
        // The highlighted are drawn however unimportant, up to half the budget again: a
        // selection's links are a few dozen, but a search for "supplied" highlights every
        // such relation, and 25,000 of them drawn over the rest were one yellow mass.
        let mut already: Vec<RelationIdx> = chosen.iter().map(|r| r.relation).collect();
        already.sort_unstable();
        let highlighted: Vec<RankedRelation> = lens
            .highlighted_relations()
            .filter(|r| already.binary_search(r).is_err())
            .filter_map(|r| RankedRelation::of(session, r))
            .filter(|r| in_view(r.source, r.target))
            .take(EDGE_BUDGET / 2)
            .collect();
        chosen.extend(highlighted);
    }
    // Lines through other nodes bend around them, where there are few enough to check.
    let grid = (!thinned && chosen.len() <= DETOUR_EDGE_LIMIT)
        .then(|| detour::NodeGrid::new(centers, radii, rect, |i| lens.shows_entity(EntityIdx(i))));
    let mut edges: Vec<SceneEdge> = chosen
        .iter()
        .filter_map(|r| scene_edge(inputs, r, centers, sizes, thinned, grid.as_ref()))
        .collect();
    // The most important are drawn last, on top, and the highlighted above them all.
    edges.reverse();
    edges.sort_by_key(|e| lens.relation(e.relation) >= Emphasis::Highlighted);
    (edges, thinned)
}

/// `ranked` as drawn; `plain`: without dashes, crosses or arrow head unless highlighted;
/// `grid`: the nodes a straight edge bends around, if it passes through one.
fn scene_edge(
    inputs: &SceneInputs<'_>,
    ranked: &RankedRelation,
    centers: &[Pos2],
    sizes: &NodeSizes,
    plain: bool,
    grid: Option<&detour::NodeGrid<'_>>,
) -> Option<SceneEdge> {
    let palette = inputs.palette;
    let relation_idx = ranked.relation;
    let (a, b) = (
        *centers.get(ranked.source.0)?,
        *centers.get(ranked.target.0)?,
    );
    let seen = inputs.lens.relation(relation_idx);
    let radius = |e: EntityIdx| sizes.radii.get(e.0).copied().unwrap_or(5.0);
    let hovered = inputs.hover == Some(Hit::Relation(relation_idx));
    let highlighted = seen >= Emphasis::Highlighted || hovered;
    // The accent says what the view picked (a selection, a path, a story's links); the
    // pointer's link takes the label colour, as a pointed-at node's ring does, so a
    // presenter's resting pointer does not read as part of the story.
    let base = if seen >= Emphasis::Highlighted && is_an_off_chain_hop(inputs, relation_idx) {
        palette.warning
    } else if seen >= Emphasis::Highlighted {
        palette.accent
    } else if hovered {
        palette.node_label
    } else {
        palette.edge
    };
    let colour = if (seen == Emphasis::Faded || plain || undated_in_a_window(inputs, relation_idx))
        && !highlighted
    {
        // Faded, or one of thousands of thinned links: see-through, so that ten thousand
        // crossing lines make a haze rather than a grey wall. An undated link a time window
        // shows is faint too: it is in every window, and had passed for one of its years.
        palette.faded(base)
    } else {
        base
    };
    // Wider for every further document behind the relation (or, in a file without them, for
    // a heavier weight), thinner as the nodes shrink in a crowd, and wider for what the view
    // picked.
    let selected = seen == Emphasis::Selected;
    let picked = if selected {
        2.2
    } else if highlighted {
        1.1
    } else {
        0.0
    };
    let width = ((1.2 + 0.7 * f32::from(ranked.heft) / 16.0) * sizes.shrink).max(1.0) + picked;
    let (from, to, control) = edge_geometry(
        (ranked.source, ranked.target),
        (a, b),
        radius,
        ranked.parallel,
        grid,
    );
    let full = !plain || highlighted;
    Some(SceneEdge {
        relation: relation_idx,
        from,
        to,
        control,
        colour,
        width,
        dash: hedge_style(ranked.status).filter(|_| full),
        cross: full && ranked.status == RelationStatus::Denied,
        arrow: full && ranked.directed,
        halo: selected.then(|| (width + HALO_SPREAD, palette.accent.gamma_multiply(0.4))),
    })
}

/// Whether `relation` has no date and a time window is shown: it is in every window.
fn undated_in_a_window(inputs: &SceneInputs<'_>, relation: RelationIdx) -> bool {
    inputs.view.time.is_some() && inputs.session.network.days(relation).is_none()
}

/// Whether `relation` is a hop of a path shown that is no step along a supply chain, while
/// paths may take such hops: drawn in the warning colour, as the panel marks it ⚠, so that a
/// route through a criticism does not read as a supply route on a shared screen.
fn is_an_off_chain_hop(inputs: &SceneInputs<'_>, relation: RelationIdx) -> bool {
    let may_leave_the_chain = inputs.view.path.is_some_and(|p| !p.options.chain_only)
        && inputs.session.index.flow_relations > 0;
    may_leave_the_chain
        && inputs
            .lens
            .paths
            .iter()
            .any(|path| path.hops.iter().any(|hop| hop.relation == relation))
        && inputs
            .session
            .dataset
            .relation(relation)
            .is_some_and(|r| !crate::model::flow::is_flow(r.kind))
}

/// Where an edge starts and ends (at the nodes' rims) and, for one of several relations
/// joining the same two entities or an entity with itself, or a lone one that would pass
/// through another node of `grid`, the control point it bends through.
fn edge_geometry(
    (source, target): (EntityIdx, EntityIdx),
    (a, b): (Pos2, Pos2),
    radius: impl Fn(EntityIdx) -> f32,
    (slot, count): (u32, u32),
    grid: Option<&detour::NodeGrid<'_>>,
) -> (Pos2, Pos2, Option<Pos2>) {
    if source == target {
        // A relation of an entity with itself: a loop above the node.
        let top = a - vec2(0.0, radius(source));
        let reach = 28.0 + slot as f32 * 14.0;
        return (
            top + vec2(-6.0, 0.0),
            top + vec2(6.0, 0.0),
            Some(top + vec2(0.0, -reach * 2.0)),
        );
    }
    // Relations joining the same two entities bend apart, measured across the line from the
    // lower to the higher index, whichever way each one points.
    let (low, high) = if source.0 < target.0 { (a, b) } else { (b, a) };
    let across = (high - low).normalized().rot90();
    let offset = slot as f32 - (count as f32 - 1.0) / 2.0;
    // The curve's middle lies half-way to its control point.
    let control = if count > 1 {
        Some(a + (b - a) * 0.5 + across * (offset * PARALLEL_GAP * 2.0))
    } else {
        grid.and_then(|grid| grid.detour(a, b, (source, target)))
    };
    let towards_b = (control.unwrap_or(b) - a).normalized();
    let towards_a = (control.unwrap_or(a) - b).normalized();
    (
        a + towards_b * radius(source),
        b + towards_a * (radius(target) + 2.0),
        control,
    )
}

/// The nodes to draw and how many were in view. Past [`NODE_DETAIL_LIMIT`] nodes in view,
/// each [`DOT_CELL`]-point cell of the screen draws only its largest node: at that density
/// the others would be drawn under it anyway, and the picture keeps its shape and colours.
/// The selection, the hovered node and highlighted nodes are always drawn; pins are marked
/// where `pins_marked` ([`pin_mark`]) and the view is not that crowded.
fn nodes(
    inputs: &SceneInputs<'_>,
    centers: &[Pos2],
    radii: &[f32],
    pins_marked: bool,
) -> (Vec<SceneNode>, usize) {
    let clip = inputs.viewport;
    let visible: Vec<usize> = (0..centers.len().min(radii.len()))
        .filter(|&i| {
            inputs.lens.shows_entity(EntityIdx(i)) && clip.expand(radii[i]).contains(centers[i])
        })
        .collect();
    let in_view = visible.len();
    let crowded = in_view > NODE_DETAIL_LIMIT;
    let kept = if crowded {
        largest_per_cell(inputs, &visible, centers, radii)
    } else {
        visible
    };
    let mark_pins = !crowded && pins_marked;
    let (mut nodes, prominent): (Vec<SceneNode>, Vec<SceneNode>) = kept
        .into_iter()
        .map(|i| scene_node(inputs, EntityIdx(i), centers[i], radii[i], mark_pins))
        .partition(|n| !n.prominent);
    // The selection and the hovered node are drawn last, above the rest.
    nodes.extend(prominent);
    (nodes, in_view)
}

/// From this many nodes in view on, a cell of the screen draws only its largest node.
const NODE_DETAIL_LIMIT: usize = 20_000;
/// Side of those cells, in points: about a dot's size at that density.
const DOT_CELL: f32 = 4.0;

/// Of the `visible` entities, those that must be drawn (selected, hovered, highlighted)
/// and the largest of the rest in each [`DOT_CELL`] of the view, in entity order.
fn largest_per_cell(
    inputs: &SceneInputs<'_>,
    visible: &[usize],
    centers: &[Pos2],
    radii: &[f32],
) -> Vec<usize> {
    let clip = inputs.viewport;
    let columns = (clip.width() / DOT_CELL).ceil().max(1.0) as usize + 1;
    let rows = (clip.height() / DOT_CELL).ceil().max(1.0) as usize + 1;
    let mut largest = vec![u32::MAX; columns * rows];
    let mut kept = Vec::new();
    for &i in visible {
        let entity = EntityIdx(i);
        let must = inputs.lens.entity(entity) >= Emphasis::Highlighted
            || inputs.view.selection == Selection::Entity(entity)
            || inputs.hover == Some(Hit::Entity(entity));
        if must {
            kept.push(i);
            continue;
        }
        let offset = centers[i] - clip.min;
        let column = ((offset.x / DOT_CELL).max(0.0) as usize).min(columns - 1);
        let row = ((offset.y / DOT_CELL).max(0.0) as usize).min(rows - 1);
        let cell = &mut largest[row * columns + column];
        if *cell == u32::MAX || radii[i] > radii[*cell as usize] {
            *cell = i as u32;
        }
    }
    kept.extend(
        largest
            .into_iter()
            .filter(|&i| i != u32::MAX)
            .map(|i| i as usize),
    );
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// The colour of the dot that marks pinned nodes, if pins are marked: only while at most
/// half the entities are pinned. A file that saves every position (Gephi's) or Flow pins
/// them all, and a dot on every node says nothing.
pub fn pin_mark(session: &Session, palette: &Palette) -> Option<Color32> {
    let pinned = session.layout.pinned_count();
    (pinned > 0 && pinned * 2 <= session.dataset.entities.len()).then_some(palette.node_label)
}

/// `entity` as drawn at `center`, `radius` points across; its pin is marked when `mark_pins`
/// or when it is selected or hovered.
fn scene_node(
    inputs: &SceneInputs<'_>,
    entity: EntityIdx,
    center: Pos2,
    radius: f32,
    mark_pins: bool,
) -> SceneNode {
    let palette = inputs.palette;
    // The ends of a pointed-at link show whom it joins, however faded they were.
    let seen = match inputs.lens.entity(entity) {
        Emphasis::Faded if is_a_pointed_at_links_end(inputs, entity) => Emphasis::Highlighted,
        seen => seen,
    };
    let fade = |c: Color32| {
        if seen == Emphasis::Faded {
            palette.faded(c)
        } else {
            c
        }
    };
    // The entities compared with the selection are ringed as it is.
    let selected = inputs.view.selection == Selection::Entity(entity)
        || (matches!(inputs.view.selection, Selection::Entity(_))
            && inputs.view.compared.contains(&entity));
    let hovered = inputs.hover == Some(Hit::Entity(entity));
    let colour = fade(inputs.colouring.colour(entity));
    let placeholder = inputs
        .session
        .index
        .placeholders
        .binary_search(&entity)
        .is_ok();
    let (outline, outline_width) = if selected {
        (palette.accent, 3.0)
    } else if hovered {
        (palette.node_label, 2.0)
    } else if placeholder {
        (colour, 2.0)
    } else {
        (fade(palette.node_outline), 1.0)
    };
    SceneNode {
        entity,
        center,
        radius,
        fill: if placeholder { palette.canvas } else { colour },
        outline,
        outline_width,
        outline_dash: placeholder.then_some(PLACEHOLDER_DASH),
        pinned_dot: (inputs.session.layout.is_pinned(entity) && (mark_pins || selected || hovered))
            .then(|| fade(palette.node_label)),
        emphasis: seen,
        prominent: selected || hovered,
    }
}

/// Whether `entity` is an end of the link under the pointer: drawn in full and named, so
/// that pointing at a faded line says whom it joins (a presenter's audience saw the line
/// lit and its far end still dim and unnamed).
fn is_a_pointed_at_links_end(inputs: &SceneInputs<'_>, entity: EntityIdx) -> bool {
    let Some(Hit::Relation(relation)) = inputs.hover else {
        return false;
    };
    inputs
        .session
        .dataset
        .relation(relation)
        .is_some_and(|r| r.source == entity || r.target == entity)
}

/// Side of the cells that index label obstacles, in points.
const OBSTACLE_CELL: f32 = 48.0;
/// The owner of an obstacle that is no node's (an arrow head): never a label's own; a name
/// covers one only where every other place covers more.
const NO_ENTITY: EntityIdx = EntityIdx(usize::MAX);
/// The owner of an obstacle on a lit link (the selection's, a story step's): a name covers
/// one only where every other place covers more, and a link's own label ignores them.
const LIT_LINK: EntityIdx = EntityIdx(usize::MAX - 1);
/// The obstacle of a faded node: any label may cover it, but a place clear of it wins (a
/// label beside a faded hub's dot reads as its name, "funded" as "IBM funded").
const FADED_NODE: EntityIdx = EntityIdx(usize::MAX - 2);
/// The longest name written on the graph, in characters ("UN Committee on the Elimination of
/// Racial Discrimination" is 56).
const MAX_NAME_CHARS: usize = 60;
/// A name cut shorter, for an emphasised node whose whole name finds no room (whole on hover
/// and in the panel): in its middle, keeping its ends, then at its end.
const SHORT_NAME_CHARS: usize = 22;
const SHORTEST_NAME_CHARS: usize = 16;

/// How much of a name a label may show.
#[derive(Clone, Copy)]
enum NameLength {
    /// Up to [`MAX_NAME_CHARS`].
    Whole,
    /// Up to [`SHORT_NAME_CHARS`], its middle left out.
    Short,
    /// Up to [`SHORTEST_NAME_CHARS`], its end left out.
    Shortest,
}
/// Spacing of the obstacles along a lit link, in points.
const LIT_LINK_STEP: f32 = 14.0;
/// A node this close to a name (in points) may be taken for its owner.
const LABEL_NEIGHBOUR_GAP: f32 = 5.0;
/// How far beyond a node's rim a callout's name may sit, ring by ring.
const CALLOUT_GAPS: [f32; 5] = [16.0, 30.0, 48.0, 72.0, 100.0];
/// How many of [`CALLOUT_GAPS`] a link's words may be set apart by.
const LINK_WORDS_GAPS: usize = 3;
/// The directions tried for a callout, in degrees from straight away from the selection.
const CALLOUT_TURNS: [f32; 12] = [
    0.0, 30.0, -30.0, 60.0, -60.0, 90.0, -90.0, 120.0, -120.0, 150.0, -150.0, 180.0,
];

/// Places labels greedily, most important first, leaving out any that would overlap one
/// already placed or another node: fewer labels, every one of them readable. Obstacles are
/// indexed by a grid over the view so that a crowded view (100,000 nodes) costs a few cells
/// per candidate, not a scan of every node.
struct LabelPlacer {
    placed: Vec<Rect>,
    /// What is drawn over the graph (the caption, the note, the time stamp): no label goes
    /// under it, even one that must show.
    reserved: Vec<Rect>,
    /// Node discs (as squares), each with its entity.
    obstacles: Vec<(Rect, EntityIdx)>,
    /// Obstacles by the grid cell (row-major over the view) they touch.
    cells: Vec<Vec<u32>>,
    columns: i32,
    rows: i32,
    clip: Rect,
    /// Whether lit links count as obstacles: for names, not for the links' own labels.
    lit_links_in_the_way: bool,
    /// Callouts' leader lines: no label goes over one.
    leaders: Vec<[Pos2; 2]>,
    /// The lit links (the selection's, a path's, a search's, a story step's) as polylines,
    /// each with its relation and its bounds: no leader crosses one.
    lit_lines: Vec<(RelationIdx, Vec<Pos2>, Rect)>,
}

impl LabelPlacer {
    fn new(obstacles: Vec<(Rect, EntityIdx)>, clip: Rect) -> Self {
        let columns = (clip.width() / OBSTACLE_CELL).ceil().max(1.0) as i32;
        let rows = (clip.height() / OBSTACLE_CELL).ceil().max(1.0) as i32;
        let mut placer = Self {
            placed: Vec::new(),
            reserved: Vec::new(),
            obstacles: Vec::new(),
            cells: vec![Vec::new(); (columns * rows) as usize],
            columns,
            rows,
            clip,
            lit_links_in_the_way: true,
            leaders: Vec::new(),
            lit_lines: Vec::new(),
        };
        for (i, (rect, _)) in obstacles.iter().enumerate() {
            for cell in placer.cells_of(*rect) {
                if let Some(inside) = placer.cells.get_mut(cell) {
                    inside.push(i as u32);
                }
            }
        }
        placer.obstacles = obstacles;
        placer
    }

    /// The grid cells `rect` touches (clamped to the view: labels are kept inside it).
    fn cells_of(&self, rect: Rect) -> impl Iterator<Item = usize> + use<> {
        let (columns, rows) = (self.columns, self.rows);
        let column =
            |x: f32| (((x - self.clip.min.x) / OBSTACLE_CELL).floor() as i32).clamp(0, columns - 1);
        let row =
            |y: f32| (((y - self.clip.min.y) / OBSTACLE_CELL).floor() as i32).clamp(0, rows - 1);
        let (x0, x1) = (column(rect.min.x), column(rect.max.x));
        let (y0, y1) = (row(rect.min.y), row(rect.max.y));
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (y * columns + x) as usize))
    }

    /// Whether a leader from `a` to `b` would pass over a node other than `own` that is not
    /// faded, or cross a lit link other than `own_link`: "Swedish Maritime Administration"
    /// had hung under Huawei on a leader across the lit Huawei–Frequentis link, and read as
    /// a note on Huawei.
    fn leader_blocked(
        &self,
        [a, b]: [Pos2; 2],
        own: Option<EntityIdx>,
        own_link: Option<RelationIdx>,
    ) -> bool {
        let span = Rect::from_two_pos(a, b);
        let over_a_node = self
            .cells_of(span)
            .flat_map(|cell| self.cells.get(cell).into_iter().flatten())
            .filter_map(|&i| self.obstacles.get(i as usize))
            .any(|(o, entity)| {
                *entity < FADED_NODE
                    && Some(*entity) != own
                    && distance_to_segment(o.center(), a, b) < o.width() / 2.0
            });
        over_a_node
            || self
                .lit_lines
                .iter()
                .filter(|(relation, _, _)| Some(*relation) != own_link)
                .any(|(_, line, _)| line.windows(2).any(|w| segments_cross(a, b, w[0], w[1])))
    }

    /// Whether `rect` lies over a lit link other than those between `ends` (either way),
    /// whose words these are.
    fn over_a_lit_link(&self, rect: Rect, session: &Session, ends: (EntityIdx, EntityIdx)) -> bool {
        let own = |relation: RelationIdx| {
            session
                .dataset
                .relation(relation)
                .is_some_and(|r| (r.source, r.target) == ends || (r.target, r.source) == ends)
        };
        self.lit_lines.iter().any(|(relation, line, bounds)| {
            bounds.intersects(rect)
                && line.windows(2).any(|w| {
                    Rect::from_two_pos(w[0], w[1]).intersects(rect)
                        && segment_touches(w[0], w[1], rect)
                })
                && !own(*relation)
        })
    }

    /// Of `candidates` (kept inside the view) that overlap no label, the one that covers the
    /// fewest nodes `may_cover` allows, then the least of faded nodes, then the one fewest
    /// other nodes nearly touch, then
    /// the first; failing that, when `must_show`, the one over the fewest names and nodes;
    /// `None` if none fits.
    fn place(
        &mut self,
        candidates: &[Rect],
        own: Option<EntityIdx>,
        must_show: bool,
        may_cover: &dyn Fn(EntityIdx) -> bool,
    ) -> Option<Rect> {
        self.place_which(candidates, own, must_show, may_cover)
            .map(|(_, rect)| rect)
    }

    /// [`Self::place`], also saying which of `candidates` it chose (moved inside the view).
    fn place_which(
        &mut self,
        candidates: &[Rect],
        own: Option<EntityIdx>,
        must_show: bool,
        may_cover: &dyn Fn(EntityIdx) -> bool,
    ) -> Option<(usize, Rect)> {
        let inside = |rect: Rect| {
            if rect.width() >= self.clip.width() {
                return rect;
            }
            let shift = (self.clip.left() - rect.left()).max(0.0)
                + (self.clip.right() - rect.right()).min(0.0);
            rect.translate(vec2(shift, 0.0))
        };
        // The nodes under `rect` other than its own, or `None` if one of them may not be
        // covered; then how many other nodes nearly touch it. A name just above or below
        // another node reads as that node's name, so of two free places the one further
        // from other nodes wins (ruling such places out cost hubs their names).
        let covered = |rect: &Rect| -> Option<(usize, usize, usize)> {
            let near_rect = rect.expand(LABEL_NEIGHBOUR_GAP);
            let mut under: Vec<u32> = Vec::new();
            let mut faded_under: Vec<u32> = Vec::new();
            let mut near: Vec<u32> = Vec::new();
            for cell in self.cells_of(near_rect) {
                for &i in self.cells.get(cell).into_iter().flatten() {
                    let Some((o, entity)) = self.obstacles.get(i as usize) else {
                        continue;
                    };
                    if Some(*entity) == own {
                        // A name slid inside the view (a node at its edge) must not hide
                        // its own dot.
                        if rect.distance_to_pos(o.center()) < o.width() / 2.0 {
                            return None;
                        }
                        continue;
                    }
                    if under.contains(&i) || faded_under.contains(&i) || near.contains(&i) {
                        continue;
                    }
                    if *entity == FADED_NODE && o.intersects(*rect) {
                        faded_under.push(i);
                        continue;
                    }
                    if *entity == LIT_LINK && !self.lit_links_in_the_way {
                        continue;
                    }
                    if o.intersects(*rect) {
                        if !may_cover(*entity) {
                            return None;
                        }
                        under.push(i);
                    } else if *entity < LIT_LINK && o.intersects(near_rect) {
                        near.push(i);
                    }
                }
            }
            // Of faded nodes, a big one covered is worse: it is a hub, and what lies over it
            // reads as its name.
            let faded: f32 = faded_under
                .iter()
                .filter_map(|&i| self.obstacles.get(i as usize))
                .map(|(o, _)| o.width())
                .sum();
            Some((under.len(), faded.round() as usize, near.len()))
        };
        let clear_of_reserved = |rect: &Rect| !self.reserved.iter().any(|r| r.intersects(*rect));
        let open = |rect: &Rect| {
            self.clip.intersects(*rect)
                && clear_of_reserved(rect)
                && !self.placed.iter().any(|other| other.intersects(*rect))
                && !self
                    .leaders
                    .iter()
                    .any(|&[a, b]| segment_touches(a, b, *rect))
        };
        let in_view: Vec<Rect> = candidates.iter().map(|&r| inside(r)).collect();
        let chosen = in_view
            .iter()
            .enumerate()
            .filter(|(_, r)| open(r))
            .filter_map(|(i, r)| covered(r).map(|n| (n, i)))
            .min_by_key(|(n, _)| *n)
            .map(|(_, i)| i)
            .or_else(|| {
                // Shown whatever it covers: where it covers the fewest names, then nodes.
                let crowd = |rect: &Rect| {
                    let names = self.placed.iter().filter(|p| p.intersects(*rect)).count();
                    let nodes = self
                        .cells_of(*rect)
                        .flat_map(|cell| self.cells.get(cell).into_iter().flatten())
                        .filter_map(|&i| self.obstacles.get(i as usize))
                        .filter(|(o, entity)| {
                            Some(*entity) != own
                                && (*entity != LIT_LINK || self.lit_links_in_the_way)
                                && o.intersects(*rect)
                        })
                        .count();
                    (names, nodes)
                };
                must_show
                    .then(|| {
                        (0..in_view.len())
                            .min_by_key(|&i| (!clear_of_reserved(&in_view[i]), crowd(&in_view[i])))
                    })
                    .flatten()
            })?;
        let rect = in_view[chosen];
        self.placed.push(rect);
        Some((chosen, rect))
    }
}

/// Obstacles on the links that belong to no node: arrow heads (a name over the head of the
/// link pointing at its own node hides which way the link goes) and points along lit links
/// (a name over the link a story step has just revealed, or the selection's, hides the very
/// line the presenter is talking about). A name covers them only where every other place
/// covers more; a faded link's head counts as a faded node. None in a crowd.
fn link_obstacles(lens: &Lens, edges: &[SceneEdge], crowded: bool) -> Vec<(Rect, EntityIdx)> {
    if crowded {
        return Vec::new();
    }
    let arrow_heads = edges
        .iter()
        .filter(|e| e.arrow && e.colour.a() > 0)
        .map(|e| {
            let towards = e.to - e.control.unwrap_or(e.from);
            let head = e.to - towards.normalized() * 4.0;
            // A faded link's head is background, as a faded node is.
            let owner = if lens.relation(e.relation) == Emphasis::Faded {
                FADED_NODE
            } else {
                NO_ENTITY
            };
            (Rect::from_center_size(head, Vec2::splat(8.0)), owner)
        });
    let lit_links = edges
        .iter()
        .filter(|e| lens.relation(e.relation) >= Emphasis::Highlighted)
        .flat_map(|e| {
            let steps = (e.from.distance(e.to) / LIT_LINK_STEP).ceil().max(1.0) as usize;
            (1..steps).map(move |k| {
                let at = e.at(k as f32 / steps as f32);
                (Rect::from_center_size(at, Vec2::splat(4.0)), LIT_LINK)
            })
        });
    arrow_heads.chain(lit_links).collect()
}

fn labels(
    inputs: &SceneInputs<'_>,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    crowded: bool,
    measure: &dyn MeasureText,
    reserved: &[Rect],
) -> Vec<SceneLabel> {
    let session = inputs.session;
    let view = inputs.view;
    let must_show = |entity: EntityIdx| {
        view.selection == Selection::Entity(entity)
            || inputs.hover == Some(Hit::Entity(entity))
            || is_a_pointed_at_links_end(inputs, entity)
    };
    // The selection, its neighbours, path members and search hits are labelled before
    // anything else, entities the search found by themselves before the ends of links it
    // found ("London Metropolitan Police" under "police" had lost its place to NASA); then
    // the best connected.
    let mut order: Vec<&SceneNode> = nodes
        .iter()
        .filter(|n| inputs.viewport.contains(n.center))
        .collect();
    let found = entities_found(inputs.lens);
    let rank = |n: &&SceneNode| {
        std::cmp::Reverse((
            must_show(n.entity),
            n.emphasis >= Emphasis::Highlighted,
            found.get(&n.entity).copied(),
            session.index.degree(n.entity),
        ))
    };
    // Only the first few hundred are tried (a few dozen in a crowd of dots, where more names
    // would bury the picture): find them without sorting every node.
    let tried = if crowded {
        CROWDED_LABELS_TRIED
    } else {
        MAX_LABELS_TRIED
    };
    if order.len() > tried {
        order.select_nth_unstable_by_key(tried, rank);
        order.truncate(tried);
    }
    order.sort_by_key(rank);
    let mut placer = label_placer(inputs, nodes, edges, crowded);
    placer.reserved.extend_from_slice(reserved);
    // The selection's neighbours, path members and search hits come first in `order`; those
    // with no free place beside them get a callout before the rest are named.
    let first_rest = order
        .iter()
        .position(|n| !must_show(n.entity) && n.emphasis < Emphasis::Highlighted)
        .unwrap_or(order.len());
    let (emphasised, rest) = order.split_at(first_rest);
    // Callouts lead away from the selected node, so that they fan out round it.
    let hub = match view.selection {
        Selection::Entity(selected) => nodes
            .iter()
            .find(|n| n.entity == selected)
            .map(|n| n.center),
        _ => None,
    };
    let mut labels = Vec::new();
    let mut unnamed = Vec::new();
    for &node in emphasised {
        match name_beside(inputs, node, &mut placer, measure, &must_show) {
            Some(label) => labels.push(label),
            None if !crowded => unnamed.push(node),
            None => {}
        }
    }
    // Whole names first; then, for those still without room, names cut short: round a hub
    // the long ones ("Urumqi “intelligence security industry” innovation lab") had found no
    // place and left a lit neighbour unnamed.
    let mut still_unnamed = unnamed;
    for length in [NameLength::Whole, NameLength::Short, NameLength::Shortest] {
        let mut unplaced = Vec::new();
        for node in still_unnamed {
            let placed = name_apart(
                inputs,
                node,
                hub,
                &mut placer,
                (measure, length),
                &must_show,
            );
            match placed {
                Some(label) => labels.push(label),
                None => unplaced.push(node),
            }
        }
        still_unnamed = unplaced;
    }
    let (faded, rest): (Vec<&SceneNode>, Vec<&SceneNode>) = rest
        .iter()
        .copied()
        .partition(|node| node.emphasis == Emphasis::Faded);
    for node in rest {
        labels.extend(name_beside(inputs, node, &mut placer, measure, &must_show));
    }
    placer.lit_links_in_the_way = false;
    edge_labels(inputs, edges, crowded, measure, &mut placer, &mut labels);
    // A story step's spotlight keeps its faded nodes unnamed: the step is about the rest.
    if order.len() <= FADED_NAMES_MAX_NODES && view.spotlight.is_none() {
        for node in faded {
            let label = name_beside(inputs, node, &mut placer, measure, &must_show);
            labels.extend(label.map(|label| SceneLabel {
                colour: inputs.palette.faded(label.colour),
                leader_stroke: quiet_leader(inputs.palette.faded(label.colour)),
                ..label
            }));
        }
    }
    labels
}

/// A placer for a scene's labels, with its nodes, arrow heads and lit links as obstacles.
fn label_placer(
    inputs: &SceneInputs<'_>,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    crowded: bool,
) -> LabelPlacer {
    // Faded nodes are background: any name may cover them, though a place clear of them
    // wins; so may any node in a crowd but the selection (a few dozen names over thousands
    // of nodes hide less than no names at all).
    let mut placer = LabelPlacer::new(
        nodes
            .iter()
            .filter(|n| !crowded || (n.prominent && n.emphasis != Emphasis::Faded))
            .map(|n| {
                let entity = if n.emphasis == Emphasis::Faded {
                    FADED_NODE
                } else {
                    n.entity
                };
                (
                    Rect::from_center_size(n.center, Vec2::splat(n.radius * 2.0)),
                    entity,
                )
            })
            .chain(link_obstacles(inputs.lens, edges, crowded))
            .collect(),
        inputs.viewport,
    );
    if !crowded {
        placer.lit_lines = edges
            .iter()
            .filter(|e| inputs.lens.relation(e.relation) >= Emphasis::Highlighted)
            .map(|e| {
                let points = e.points();
                let bounds = Rect::from_points(&points);
                (e.relation, points, bounds)
            })
            .collect();
    }
    placer
}

/// Each entity the search found by itself (not as the end of a link it found), with its best
/// hit's score.
fn entities_found(lens: &Lens) -> HashMap<EntityIdx, u32> {
    let mut found: HashMap<EntityIdx, u32> = HashMap::new();
    for hit in &lens.hits {
        if let HitTarget::Entity(entity) = hit.target {
            let score = found.entry(entity).or_default();
            *score = (*score).max(hit.score);
        }
    }
    found
}

/// A node's name, shortened, and its size with the backdrop's margin.
fn name_and_size(
    inputs: &SceneInputs<'_>,
    node: &SceneNode,
    (measure, length): (&dyn MeasureText, NameLength),
) -> Option<(String, Vec2)> {
    let entity = inputs.session.dataset.entity(node.entity)?;
    // A very long name is cut short on the graph (whole in the panel and on hover): at full
    // length it would cover half the view.
    let text = match length {
        NameLength::Whole => crate::words::shortened(&entity.name, MAX_NAME_CHARS),
        NameLength::Short => crate::words::abridged(&entity.name, SHORT_NAME_CHARS),
        NameLength::Shortest => crate::words::shortened(&entity.name, SHORTEST_NAME_CHARS),
    };
    let size = measure.text_size(&text, inputs.palette.node_label_size) + vec2(8.0, 2.0);
    Some((text, size))
}

/// Which nodes a name may lie over: arrow heads and lit links only where every other place
/// is worse; a hub's name over far less connected nodes that are not emphasised (in a star
/// every place beside the hub is taken by its own leaves, and the hub's name says more than
/// theirs).
fn may_cover<'a>(
    inputs: &'a SceneInputs<'_>,
    node: &SceneNode,
    must_show: &'a dyn Fn(EntityIdx) -> bool,
) -> impl Fn(EntityIdx) -> bool + 'a {
    let index = &inputs.session.index;
    let own_degree = index.degree(node.entity);
    move |other: EntityIdx| {
        other >= LIT_LINK
            || (own_degree >= HUB_LABEL_MIN_DEGREE
                && index.degree(other) * HUB_LABEL_DEGREE_RATIO <= own_degree
                && inputs.lens.entity(other) < Emphasis::Highlighted
                && !must_show(other))
    }
}

fn entity_label(
    inputs: &SceneInputs<'_>,
    node: &SceneNode,
    text: String,
    rect: Rect,
    leader: Option<[Pos2; 2]>,
) -> SceneLabel {
    let palette = inputs.palette;
    SceneLabel {
        of: LabelOf::Entity(node.entity),
        text,
        rect,
        font_size: palette.node_label_size,
        colour: palette.node_label,
        backdrop: palette.label_backdrop,
        leader,
        leader_stroke: quiet_leader(palette.node_label),
        leader_dash: None,
    }
}

/// A node's name beside it: below, above, right or left; failing those, at one of the four
/// corners, which a crowded hub's neighbours leave free more often than its sides. A name
/// that must show (the selection's, the pointed-at node's) is placed even over others.
fn name_beside(
    inputs: &SceneInputs<'_>,
    node: &SceneNode,
    placer: &mut LabelPlacer,
    measure: &dyn MeasureText,
    must_show: &dyn Fn(EntityIdx) -> bool,
) -> Option<SceneLabel> {
    let (text, size) = name_and_size(inputs, node, (measure, NameLength::Whole))?;
    let (c, r) = (node.center, node.radius);
    let corner = r * std::f32::consts::FRAC_1_SQRT_2 + 2.0;
    let candidates = [
        Rect::from_min_size(pos2(c.x - size.x / 2.0, c.y + r + 3.0), size),
        Rect::from_min_size(pos2(c.x - size.x / 2.0, c.y - r - 3.0 - size.y), size),
        Rect::from_min_size(pos2(c.x + r + 4.0, c.y - size.y / 2.0), size),
        Rect::from_min_size(pos2(c.x - r - 4.0 - size.x, c.y - size.y / 2.0), size),
        Rect::from_min_size(pos2(c.x + corner, c.y + corner), size),
        Rect::from_min_size(pos2(c.x - corner - size.x, c.y + corner), size),
        Rect::from_min_size(pos2(c.x + corner, c.y - corner - size.y), size),
        Rect::from_min_size(pos2(c.x - corner - size.x, c.y - corner - size.y), size),
    ];
    let may_cover = may_cover(inputs, node, must_show);
    let (sides, _) = candidates.split_at(4);
    // A hub's name covers a lesser node only where no place, beside or at a corner, is
    // free: "Huawei Safe City program" to the left of its node had lain on a Region's dot
    // and read as its name while the corner above was free.
    let only_links = |other: EntityIdx| other >= LIT_LINK;
    let rect = placer
        .place(sides, Some(node.entity), false, &only_links)
        .or_else(|| placer.place(&candidates, Some(node.entity), false, &only_links))
        .or_else(|| placer.place(sides, Some(node.entity), false, &may_cover))
        .or_else(|| {
            placer.place(
                &candidates,
                Some(node.entity),
                must_show(node.entity),
                &may_cover,
            )
        })?;
    Some(entity_label(inputs, node, text, rect, None))
}

/// A name set a little apart from its node, as long as `length` lets it be, joined to it by
/// a leader line: for an emphasised node (a neighbour of the selection, on a path, found)
/// crowded out of every place beside it, as round a hub. Tried ring by ring outwards, facing
/// away from `hub` first; a leader never crosses a name already placed.
fn name_apart(
    inputs: &SceneInputs<'_>,
    node: &SceneNode,
    hub: Option<Pos2>,
    placer: &mut LabelPlacer,
    (measure, length): (&dyn MeasureText, NameLength),
    must_show: &dyn Fn(EntityIdx) -> bool,
) -> Option<SceneLabel> {
    let (text, size) = name_and_size(inputs, node, (measure, length))?;
    let (c, r) = (node.center, node.radius);
    let away = hub
        .map(|h| c - h)
        .filter(|d| d.length() > 1.0)
        .unwrap_or_else(|| c - inputs.viewport.center());
    let may_cover = may_cover(inputs, node, must_show);
    let (rect, leader) = place_apart(
        placer,
        c,
        r,
        away,
        size,
        Apart::Name(node.entity, &may_cover),
    )?;
    Some(entity_label(inputs, node, text, rect, Some(leader)))
}

/// A label of `size` set apart from the disc at `centre` with `radius` (a node, or a link's
/// middle), joined to it by a leader, and that leader: ring by ring outwards, facing
/// `away` first. A leader never crosses a label already placed, and no later label goes
/// over it. `own`: whose label it is ([`Apart`]): a name may cover what its node's rule
/// allows, a link's words cover no node.
fn place_apart(
    placer: &mut LabelPlacer,
    centre: Pos2,
    radius: f32,
    away: Vec2,
    size: Vec2,
    own: Apart<'_>,
) -> Option<(Rect, [Pos2; 2])> {
    let facing = if away.length() > 1e-3 {
        away.y.atan2(away.x)
    } else {
        0.0
    };
    // `leader_rule`: `Some(own link)`, the leader crosses no lit link but that one and runs
    // over no node ([`LabelPlacer::leader_blocked`]); `None`, only labels stop it.
    let (entity, may_cover, leader_rule): (Option<EntityIdx>, &dyn Fn(EntityIdx) -> bool, _) =
        match own {
            Apart::Name(entity, may_cover) => (Some(entity), may_cover, Some(None)),
            Apart::LinkWords(relation, false) => (None, &|_| false, Some(Some(relation))),
            Apart::LinkWords(_, true) => (None, &|_| false, None),
        };
    // A link's words stay near it: far out on a long leader, they read as a link's of
    // their own ("supplied" a hundred points below Frequentis, where no node was). A path's
    // hop, which must say what it is, may go as far as a name.
    let gaps = match own {
        Apart::LinkWords(_, false) => &CALLOUT_GAPS[..LINK_WORDS_GAPS],
        Apart::LinkWords(_, true) | Apart::Name(..) => &CALLOUT_GAPS[..],
    };
    for &gap in gaps {
        let ring: Vec<(Rect, [Pos2; 2])> = CALLOUT_TURNS
            .iter()
            .filter_map(|turn| {
                let angle = facing + turn.to_radians();
                let direction = vec2(angle.cos(), angle.sin());
                let start = centre + direction * (radius + 2.0);
                let end = centre + direction * (radius + gap);
                let crosses_a_label = placer
                    .placed
                    .iter()
                    .any(|placed| segment_touches(start, end, *placed));
                let blocked = crosses_a_label
                    || leader_rule
                        .is_some_and(|lit| placer.leader_blocked([start, end], entity, lit));
                (!blocked).then(|| (callout_rect(end, direction, size), [start, end]))
            })
            .collect();
        let rects: Vec<Rect> = ring.iter().map(|(rect, _)| *rect).collect();
        if let Some((i, rect)) = placer.place_which(&rects, entity, false, may_cover) {
            // The rect may have been slid inside the view: the leader ends at its edge.
            let [start, end] = ring[i].1;
            let leader = [start, nearest_on_edge(rect, end)];
            placer.leaders.push(leader);
            return Some((rect, leader));
        }
    }
    None
}

/// The point of `rect`'s edge nearest `point`, inside it or out: a rect slid into the view
/// may have slid over its leader's end, and a leader must stop at its label's edge.
fn nearest_on_edge(rect: Rect, point: Pos2) -> Pos2 {
    if !rect.contains(point) {
        return rect.clamp(point);
    }
    let to_sides = [
        (point.x - rect.left(), pos2(rect.left(), point.y)),
        (rect.right() - point.x, pos2(rect.right(), point.y)),
        (point.y - rect.top(), pos2(point.x, rect.top())),
        (rect.bottom() - point.y, pos2(point.x, rect.bottom())),
    ];
    to_sides
        .into_iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map_or(point, |(_, on_side)| on_side)
}

/// Whose label [`place_apart`] sets apart.
#[derive(Clone, Copy)]
enum Apart<'a> {
    /// A node's name, and which other nodes it may cover.
    Name(EntityIdx, &'a dyn Fn(EntityIdx) -> bool),
    /// A link's words, on a leader from its middle; `anywhere`: whether the leader may
    /// cross other lit links and nodes (a path's hop in a crowd of hops may have no other way
    /// to say what it is).
    LinkWords(RelationIdx, bool),
}

/// Whether the segments `a`–`b` and `c`–`d` cross (touching at an end does not count).
fn segments_cross(a: Pos2, b: Pos2, c: Pos2, d: Pos2) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// A callout's rect with its near side at `end`: its left edge when the leader runs right,
/// its right edge when left, else its top or bottom edge.
fn callout_rect(end: Pos2, direction: Vec2, size: Vec2) -> Rect {
    let min = if direction.x > 0.4 {
        pos2(end.x, end.y - size.y / 2.0)
    } else if direction.x < -0.4 {
        pos2(end.x - size.x, end.y - size.y / 2.0)
    } else if direction.y > 0.0 {
        pos2(end.x - size.x / 2.0, end.y)
    } else {
        pos2(end.x - size.x / 2.0, end.y - size.y)
    };
    Rect::from_min_size(min, size)
}

/// Whether the segment from `a` to `b` passes through `rect` (checked every few points).
fn segment_touches(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let steps = (a.distance(b) / 3.0).ceil().max(1.0) as usize;
    (0..=steps).any(|k| rect.contains(a.lerp(b, k as f32 / steps as f32)))
}

/// For each of `edges`, the quotes behind all the links between its two entities, then its
/// own: the order in which lit links get their words. Round a selected hub, the ties the
/// evidence dwells on (IBM's two links to Huawei, seven quotes) say what they are before the
/// passing mentions, and the first few may go apart on leaders across its other links.
fn quotes_between_ends(
    session: &Session,
    edges: &[&SceneEdge],
) -> HashMap<RelationIdx, (usize, usize)> {
    let ends_and_quotes = |relation: RelationIdx| {
        let r = session.dataset.relation(relation)?;
        Some((
            (r.source.min(r.target), r.source.max(r.target)),
            r.evidence.len(),
        ))
    };
    let mut between: HashMap<(EntityIdx, EntityIdx), usize> = HashMap::new();
    for (ends, quotes) in edges.iter().filter_map(|e| ends_and_quotes(e.relation)) {
        *between.entry(ends).or_default() += quotes;
    }
    edges
        .iter()
        .filter_map(|e| {
            let (ends, quotes) = ends_and_quotes(e.relation)?;
            Some((e.relation, (between[&ends], quotes)))
        })
        .collect()
}

/// The kinds along the edges, where there is room, never over a node or a name.
fn edge_labels(
    inputs: &SceneInputs<'_>,
    edges: &[SceneEdge],
    crowded: bool,
    measure: &dyn MeasureText,
    placer: &mut LabelPlacer,
    labels: &mut Vec<SceneLabel>,
) {
    let (session, lens, palette, view) = (inputs.session, inputs.lens, inputs.palette, inputs.view);
    let mut edge_order: Vec<&SceneEdge> = edges
        .iter()
        .filter(|e| {
            let hovered = inputs.hover == Some(Hit::Relation(e.relation));
            // In a crowd, only what is pointed at or highlighted says its kind.
            let wanted = !crowded
                || hovered
                || view.selection == Selection::Relation(e.relation)
                || lens.relation(e.relation) >= Emphasis::Highlighted;
            wanted
                && (lens.relation(e.relation) != Emphasis::Faded || hovered)
                && inputs.viewport.contains(e.from)
                && inputs.viewport.contains(e.to)
        })
        .collect();
    // A story step's last relation is the one just revealed (or the last it names): the
    // one the presenter is talking about.
    let just_revealed = view
        .spotlight
        .as_ref()
        .and_then(|s| s.relations.last().copied());
    let edge_must_show = |relation: RelationIdx| {
        inputs.hover == Some(Hit::Relation(relation))
            || lens.relation(relation) == Emphasis::Selected
            || just_revealed == Some(relation)
    };
    let weight = quotes_between_ends(session, &edge_order);
    edge_order.sort_by_key(|e| {
        std::cmp::Reverse((
            edge_must_show(e.relation),
            lens.relation(e.relation) >= Emphasis::Highlighted,
            weight.get(&e.relation).copied().unwrap_or_default(),
        ))
    });
    let worded_together = words_together(session, &edge_order, |e| {
        lens.relation(e.relation) >= Emphasis::Highlighted && !edge_must_show(e.relation)
    });
    let leading: Vec<RelationIdx> = match view.selection {
        Selection::Entity(_) => edge_order
            .iter()
            .filter(|e| lens.relation(e.relation) >= Emphasis::Highlighted)
            .take(LEADING_LINKS_WORDED)
            .map(|e| e.relation)
            .collect(),
        _ => Vec::new(),
    };
    // In a small view every link that has words says them wherever they fit, however short
    // the link: a file of 30 links had four of them worded, though the view had room.
    let few = edge_order.len() <= FEW_LINKS_ALL_WORDED;
    for edge in edge_order.into_iter().take(MAX_LABELS_TRIED) {
        let Some(relation) = session.dataset.relation(edge.relation) else {
            continue;
        };
        let shown = edge_must_show(edge.relation);
        // A lit link whose words another between the same two entities says.
        let text = match worded_together.get(&edge.relation) {
            Some(None) => continue,
            Some(Some(words)) => words.clone(),
            None if !shown && !relation.has_phrase() => continue,
            // A hedge travels with the words: the label covers the dashes or cross at the
            // link's middle, and "partnered with" alone would read as fact.
            None => relation.hedged_phrase().into_owned(),
        };
        let size = measure.text_size(&text, palette.edge_label_size) + vec2(6.0, 2.0);
        let length = edge.from.distance(edge.to);
        // The selection's links, a path's, a story step's: each says what it is and how
        // firmly wherever there is room ("partnered with (denied)" beside a short link
        // whose middle a neighbour's name takes).
        let lit = lens.relation(edge.relation) >= Emphasis::Highlighted;
        // A relation of an entity with itself: its loop is short, and its label sits on
        // top of it.
        let looped = relation.source == relation.target;
        if size.x + 24.0 >= length && !shown && !lit && !looped && !few {
            continue;
        }
        let candidates = edge_label_places(edge, size, looped, shown || lit);
        let label = |rect: Rect, text: String, leader: Option<[Pos2; 2]>| {
            link_words(edge, lit, palette, (text, rect, leader))
        };
        // The words that must show, a path's hops and the selection's best-evidenced ties
        // (each says what it is), may go on leaders across other lit links; a search's dozen
        // lit links on long leaders over one another were clutter.
        let on_a_path = || {
            lens.paths
                .iter()
                .any(|p| p.hops.iter().any(|h| h.relation == edge.relation))
        };
        let anywhere = shown || on_a_path() || leading.contains(&edge.relation);
        let ends = (relation.source, relation.target);
        let placed = if anywhere {
            placer.place(&candidates, None, false, &|_| false)
        } else {
            place_clear_of_other_lit_links(placer, &candidates, session, ends)
        };
        if let Some(rect) = placed {
            labels.push(label(rect, text, None));
            continue;
        }
        // A lit link (the selection's, a path's, a story step's) too short or too crowded
        // for its words: they go a little apart, on a leader from its middle.
        if (lit || shown) && !crowded {
            let placed = link_words_apart(placer, edge, size, false).or_else(|| {
                anywhere
                    .then(|| link_words_apart(placer, edge, size, true))
                    .flatten()
            });
            if let Some((rect, leader)) = placed {
                labels.push(label(rect, text, Some(leader)));
                continue;
            }
        }
        // Words that must show go where they cover least only when no place is free, near
        // or apart: story step 5's "promoted" had covered BCG, its link and half the hub
        // while a place on a leader was free.
        if shown && let Some(rect) = placer.place(&candidates, None, true, &|_| false) {
            labels.push(label(rect, text, None));
        }
    }
}

/// The label of `edge`'s words: `text` in `rect`, on `leader` if set apart, a lit link's
/// leader in the link's colour.
fn link_words(
    edge: &SceneEdge,
    lit: bool,
    palette: &Palette,
    (text, rect, leader): (String, Rect, Option<[Pos2; 2]>),
) -> SceneLabel {
    SceneLabel {
        of: LabelOf::Relation(edge.relation),
        text,
        rect,
        font_size: palette.edge_label_size,
        colour: palette.edge_label,
        backdrop: palette.label_backdrop,
        leader,
        leader_stroke: if lit {
            (1.5, edge.colour)
        } else {
            quiet_leader(palette.edge_label)
        },
        leader_dash: Some(LINK_LEADER_DASH),
    }
}

/// Of `candidates` for the words of a link between `ends`, a place clear of the other lit
/// links if one is free, else any: words beside their own link but over another read as the
/// other's (story step 3's "employed", Huawei–Viktor Yu, had sat on Huawei's lit link to its
/// Safe Cities). Words that must show take the first free place instead: keeping clear,
/// IBM's "built" had taken the place of the "designed" beside it on a path.
fn place_clear_of_other_lit_links(
    placer: &mut LabelPlacer,
    candidates: &[Rect],
    session: &Session,
    ends: (EntityIdx, EntityIdx),
) -> Option<Rect> {
    let clear: Vec<Rect> = candidates
        .iter()
        .copied()
        .filter(|&rect| !placer.over_a_lit_link(rect, session, ends))
        .collect();
    if clear.len() < candidates.len()
        && let Some(rect) = placer.place(&clear, None, false, &|_| false)
    {
        return Some(rect);
    }
    placer.place(candidates, None, false, &|_| false)
}

/// Lit links (those `together` picks) between the same two entities the same way say their
/// words once, together, on the first of them in `edges`' order: IBM's "supplied" and
/// "consulted for" to Huawei as "supplied, consulted for", as the panel lists them. Two labels
/// had needed room on two close curves, and one went without. For each relation of such a
/// group: `Some(words)` for the first, `None` for the others, whose words it says.
fn words_together(
    session: &Session,
    edges: &[&SceneEdge],
    together: impl Fn(&SceneEdge) -> bool,
) -> HashMap<RelationIdx, Option<String>> {
    let mut groups: Vec<Vec<RelationIdx>> = Vec::new();
    let mut group_of: HashMap<(EntityIdx, EntityIdx, bool), usize> = HashMap::new();
    for edge in edges.iter().filter(|e| together(e)) {
        let Some(r) = session.dataset.relation(edge.relation) else {
            continue;
        };
        let ends = if r.directed {
            (r.source, r.target)
        } else {
            (r.source.min(r.target), r.source.max(r.target))
        };
        let at = *group_of
            .entry((ends.0, ends.1, r.directed))
            .or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        groups[at].push(edge.relation);
    }
    let mut worded = HashMap::new();
    for group in groups.into_iter().filter(|g| g.len() > 1) {
        let mut phrases: Vec<String> = Vec::new();
        for &relation in &group {
            if let Some(r) = session.dataset.relation(relation) {
                let phrase = r.hedged_phrase().into_owned();
                if !phrases.contains(&phrase) {
                    phrases.push(phrase);
                }
            }
        }
        worded.insert(group[0], Some(phrases.join(", ")));
        for &other in &group[1..] {
            worded.insert(other, None);
        }
    }
    worded
}

/// A link's words a little apart, on a leader from its middle, or where a name has taken
/// that, from a free point nearby: "Karamay smart city pilot (IBM)" had sat on the middle of
/// IBM's link to Huawei, and every leader from there crossed it. `anywhere`: the leader may
/// cross other lit links.
fn link_words_apart(
    placer: &mut LabelPlacer,
    edge: &SceneEdge,
    size: Vec2,
    anywhere: bool,
) -> Option<(Rect, [Pos2; 2])> {
    let along = edge.to - edge.from;
    let across = vec2(-along.y, along.x);
    let own = Apart::LinkWords(edge.relation, anywhere);
    let free: Vec<Pos2> = [0.5, 0.38, 0.62, 0.28, 0.72, 0.18, 0.82]
        .into_iter()
        .map(|t| edge.at(t))
        .filter(|&at| !placer.placed.iter().any(|p| p.expand(2.0).contains(at)))
        .collect();
    free.into_iter()
        .find_map(|at| place_apart(placer, at, 1.0, across, size, own))
}

/// Two places for a label of `size` beside `edge` a share `t` along it, clear of the line,
/// on either side of it (the upper one first).
/// Where a link's label may go, best first. On the line at its middle; else (a link that
/// must show its words, `wanted`) beside it there, or on it or beside it further either
/// way, so that it does not go over a name; a link shorter than its label would be hidden
/// under it: beside it first. A loop's label sits on top of it; a curve's may go outside
/// its bend.
fn edge_label_places(edge: &SceneEdge, size: Vec2, looped: bool, wanted: bool) -> Vec<Rect> {
    let length = edge.from.distance(edge.to);
    if looped {
        let apex = edge.at(0.5);
        vec![Rect::from_center_size(
            apex - vec2(0.0, size.y / 2.0 + 2.0),
            size,
        )]
    } else if wanted {
        let on = |t: f32| Rect::from_center_size(edge.at(t), size);
        let beside = edge_label_beside(edge, 0.5, size);
        let mut places = if size.x + 24.0 >= length {
            vec![beside[0], beside[1], on(0.5)]
        } else {
            vec![on(0.5), beside[0], beside[1]]
        };
        for t in [0.38, 0.62, 0.28, 0.72] {
            places.push(on(t));
            places.extend(edge_label_beside(edge, t, size));
        }
        places
    } else if edge.control.is_some() {
        // A curve (one of several between two entities, or a detour): its middle may be
        // taken by its twin's label. Then on the outside of its bend, where no other
        // line runs, or further along it.
        let chord_middle = edge.from.lerp(edge.to, 0.5);
        let outside = edge_label_beside(edge, 0.5, size)
            .into_iter()
            .max_by(|a, b| {
                a.center()
                    .distance_sq(chord_middle)
                    .total_cmp(&b.center().distance_sq(chord_middle))
            });
        let on = |t: f32| Rect::from_center_size(edge.at(t), size);
        [Some(on(0.5)), outside, Some(on(0.38)), Some(on(0.62))]
            .into_iter()
            .flatten()
            .collect()
    } else {
        vec![Rect::from_center_size(edge.middle(), size)]
    }
}

fn edge_label_beside(edge: &SceneEdge, t: f32, size: Vec2) -> [Rect; 2] {
    let middle = edge.at(t);
    let along = (edge.at(t + 0.05) - edge.at(t - 0.05)).normalized();
    let across = if along.x.is_finite() && along.y.is_finite() {
        vec2(-along.y, along.x)
    } else {
        vec2(0.0, 1.0)
    };
    // Far enough along `across` that the box's nearest corner clears the line by 2 points.
    let reach = f32::midpoint(size.x * across.x.abs(), size.y * across.y.abs()) + 2.0;
    let mut sides =
        [-1.0, 1.0].map(|side| Rect::from_center_size(middle + across * reach * side, size));
    sides.sort_by(|a, b| a.center().y.total_cmp(&b.center().y));
    sides
}

/// Colour key: node colours (with counts by kind, hidden kinds marked), then the line styles
/// the network has: a hedge only where some relation has it, "wider: more documents" only where
/// some relation has more than one (a key to styles nowhere drawn is clutter at 720p).
/// The legend: node colours (each kind clickable), line styles, and where pinned nodes are
/// drawn with their dot (`pinned`, in its colour), what the dot means.
///
/// A `slide` (a story step presented or exported) keys only what it lights, without counts:
/// an audience needs the colours on screen, and the analyst's counts ("Company (17)") and
/// all thirteen kinds had filled two rows under the caption at 720p.
pub fn legend_items(
    (session, view, lens): (&Session, &View, &Lens),
    colouring: &Colouring,
    pinned: Option<Color32>,
    slide: bool,
) -> Vec<LegendItem> {
    let facets = &session.index.facets;
    let shown = lens.shown_by_kind.as_ref();
    let lit = if slide { lit_on(session, lens) } else { None };
    let mut items: Vec<LegendItem> = colouring
        .legend
        .iter()
        .map(|(text, colour)| LegendItem {
            text: text.clone(),
            mark: LegendMark::Dot(*colour),
            kind: None,
        })
        .collect();
    if view.colour_by == crate::view::ColourBy::Kind {
        for &(kind, count) in &colouring.kind_counts {
            let hidden = view.filters.hidden_entity_kinds.contains(&kind);
            let colour = Palette::entity_colour(kind);
            if slide {
                if !hidden && lit.as_ref().is_none_or(|lit| lit.kinds.contains(&kind)) {
                    items.push(LegendItem {
                        text: kind.label().to_owned(),
                        mark: LegendMark::Dot(colour),
                        kind: Some(kind),
                    });
                }
                continue;
            }
            items.push(LegendItem {
                // With part of the network hidden (a time window, a focus, filters), how
                // many of each kind are still drawn: "Company (5 of 17)". A kind hidden
                // keeps its words (the hollow dot and struck-through text say so): a
                // longer "(17, hidden)" had moved every entry after it from under the
                // pointer.
                text: match shown.map(|s| s.get(&kind).copied().unwrap_or(0)) {
                    _ if hidden => format!("{} ({count})", kind.label()),
                    Some(drawn) if drawn < count => {
                        format!("{} ({drawn} of {count})", kind.label())
                    }
                    _ => format!("{} ({count})", kind.label()),
                },
                mark: if hidden {
                    LegendMark::HiddenDot(colour)
                } else {
                    LegendMark::Dot(colour)
                },
                kind: Some(kind),
            });
        }
    }
    for status in [
        RelationStatus::Claimed,
        RelationStatus::Alleged,
        RelationStatus::Denied,
        RelationStatus::Unclear,
    ] {
        let drawn = match &lit {
            Some(lit) => lit.statuses.contains(&status),
            None => facets.statuses.contains_key(&status),
        };
        if !drawn {
            continue;
        }
        items.push(LegendItem {
            text: status.as_str().to_owned(),
            mark: LegendMark::Line {
                dash: hedge_style(status),
                cross: status == RelationStatus::Denied,
                width: 1.6,
            },
            kind: None,
        });
    }
    if slide {
        return items;
    }
    if view.time.is_some_and(|window| window.show_undated) && lens.undated_relations > 0 {
        items.push(LegendItem {
            text: format!(
                "faint: undated, in every window ({})",
                lens.undated_relations
            ),
            mark: LegendMark::FaintLine,
            kind: None,
        });
    }
    items.extend(drawing_keys(session, pinned));
    items
}

/// The legend's keys to how the graph is drawn: line widths, placeholders' dashed rings and
/// pinned nodes' dots, each where the picture has them.
fn drawing_keys(session: &Session, pinned: Option<Color32>) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let wider = match session.index.line_widths {
        LineWidths::Documents => Some("wider: more documents"),
        LineWidths::Weights { .. } => Some("wider: heavier (weight)"),
        LineWidths::Nothing => None,
    };
    if let Some(wider) = wider {
        items.push(LegendItem {
            text: wider.to_owned(),
            mark: LegendMark::Line {
                dash: None,
                cross: false,
                width: 3.5,
            },
            kind: None,
        });
    }
    let placeholders = session.index.placeholders.len();
    if placeholders > 0 {
        items.push(LegendItem {
            text: format!("dashed: named by a link only ({placeholders})"),
            mark: LegendMark::Placeholder,
            kind: None,
        });
    }
    if let Some(dot) = pinned {
        items.push(LegendItem {
            text: "pinned".to_owned(),
            mark: LegendMark::Pinned(dot),
            kind: None,
        });
    }
    items
}

/// What a slide lights: the kinds of its lit entities and the statuses of its lit links.
struct Lit {
    kinds: BTreeSet<EntityKind>,
    statuses: BTreeSet<RelationStatus>,
}

/// What `lens` lights (the story step's spotlight, the selection), or `None` where it lights
/// nothing, as an overview step: then the whole network is the slide.
fn lit_on(session: &Session, lens: &Lens) -> Option<Lit> {
    let dataset = &session.dataset;
    let kinds: BTreeSet<EntityKind> = dataset
        .entities
        .iter()
        .enumerate()
        .filter(|&(i, _)| lens.entity(EntityIdx(i)) >= Emphasis::Highlighted)
        .map(|(_, entity)| entity.kind)
        .collect();
    let statuses = lens
        .highlighted_relations()
        .filter_map(|relation| dataset.relation(relation))
        .map(|relation| relation.status)
        .collect();
    (!kinds.is_empty()).then_some(Lit { kinds, statuses })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::formats;

    /// The graph's part of a 1280×720 window beside the evidence panel.
    fn graph_area_at_720p() -> Rect {
        Rect::from_min_size(pos2(0.0, 42.0), vec2(826.0, 610.0))
    }

    /// Every character half as wide as the font is high: close enough to place labels.
    struct Monospaced;

    impl MeasureText for Monospaced {
        fn text_size(&self, text: &str, font_size: f32) -> Vec2 {
            vec2(
                text.chars().count() as f32 * font_size * 0.5,
                font_size * 1.2,
            )
        }
    }

    /// What a scene of `session` under `view` in `viewport` is built from, handed to `build`.
    fn with_inputs<T>(
        session: &Session,
        view: &View,
        viewport: Rect,
        build: impl FnOnce(&SceneInputs<'_>) -> T,
    ) -> T {
        with_pointer_over(session, view, viewport, None, build)
    }

    /// [`with_inputs`], with the pointer over `hover`.
    fn with_pointer_over<T>(
        session: &Session,
        view: &View,
        viewport: Rect,
        hover: Option<Hit>,
        build: impl FnOnce(&SceneInputs<'_>) -> T,
    ) -> T {
        let lens = Lens::compute(&session.dataset, &session.network, view);
        let camera = camera_of(session, view, viewport);
        let colouring = Colouring::new(session, &view.colour_by);
        build(&SceneInputs {
            session,
            lens: &lens,
            view,
            camera: &camera,
            viewport,
            palette: &Palette::dark(),
            colouring: &colouring,
            attribute_shares: None,
            caption: None,
            hover,
            credit: None,
        })
    }

    fn scene_of(session: &Session, view: &View, viewport: Rect) -> Scene {
        with_inputs(session, view, viewport, |inputs| {
            Scene::build(inputs, &Monospaced)
        })
    }

    fn builtin() -> Session {
        let mut session = Session::new(formats::load_builtin().unwrap(), None);
        session.layout.settle(3000);
        session
    }

    #[test]
    fn a_name_keeps_off_a_place_that_nearly_touches_another_node() {
        // A's name would fit below A, but there it would sit on top of B and read as B's.
        let (a, b) = (EntityIdx(0), EntityIdx(1));
        let disc = |x: f32, y: f32| Rect::from_center_size(pos2(x, y), Vec2::splat(10.0));
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let mut placer =
            LabelPlacer::new(vec![(disc(100.0, 100.0), a), (disc(100.0, 128.0), b)], clip);
        let size = vec2(60.0, 14.0);
        let below = Rect::from_min_size(pos2(70.0, 108.0), size);
        let above = Rect::from_min_size(pos2(70.0, 78.0), size);
        assert!(
            !below.intersects(disc(100.0, 128.0)),
            "below is free, only near B"
        );
        let chosen = placer.place(&[below, above], Some(a), false, &|_| false);
        assert_eq!(chosen, Some(above));
        // Where every place is near another node, the name still goes in the first.
        let mut crowded = LabelPlacer::new(
            vec![
                (disc(100.0, 100.0), a),
                (disc(100.0, 128.0), b),
                (disc(100.0, 72.0), EntityIdx(2)),
            ],
            clip,
        );
        let chosen = crowded.place(&[below, above], Some(a), false, &|_| false);
        assert_eq!(chosen, Some(below));
    }

    #[test]
    fn a_label_may_cover_a_faded_node_but_keeps_clear_of_one_where_it_can() {
        let disc = |x: f32, y: f32| Rect::from_center_size(pos2(x, y), Vec2::splat(16.0));
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let size = vec2(50.0, 14.0);
        // Beside the faded dot (it would read as its name), and well clear of it.
        let beside = Rect::from_min_size(pos2(110.0, 93.0), size);
        let clear = Rect::from_min_size(pos2(110.0, 200.0), size);
        let mut placer = LabelPlacer::new(vec![(disc(100.0, 100.0), FADED_NODE)], clip);
        assert_eq!(
            placer.place(&[beside, clear], None, false, &|_| false),
            Some(clear)
        );
        // Over it, where nothing else is free: faded nodes never keep a label out.
        let over = Rect::from_center_size(pos2(100.0, 100.0), size);
        let mut placer = LabelPlacer::new(vec![(disc(100.0, 100.0), FADED_NODE)], clip);
        assert_eq!(placer.place(&[over], None, false, &|_| false), Some(over));
    }

    #[test]
    fn a_name_slid_inside_the_view_never_hides_its_own_node() {
        // A node 10 points from the left edge: its name to the left would be slid right,
        // over the node itself; below is free.
        let a = EntityIdx(0);
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let mut placer = LabelPlacer::new(
            vec![(
                Rect::from_center_size(pos2(10.0, 100.0), Vec2::splat(12.0)),
                a,
            )],
            clip,
        );
        let size = vec2(120.0, 14.0);
        let left = Rect::from_min_size(pos2(10.0 - 6.0 - 4.0 - size.x, 93.0), size);
        let below = Rect::from_min_size(pos2(10.0 - size.x / 2.0, 109.0), size);
        let chosen = placer.place(&[left, below], Some(a), false, &|_| false);
        assert_eq!(
            chosen,
            Some(below.translate(vec2(50.0, 0.0))),
            "below, slid inside"
        );
        assert!(chosen.unwrap().distance_to_pos(pos2(10.0, 100.0)) >= 6.0);
    }

    #[test]
    fn a_very_long_name_is_cut_short_on_the_graph() {
        let name = "Consolidated Municipal Surveillance Procurement and Integration Programme \
                    of the Northern Provinces";
        let text = format!(
            r#"{{"nodes": [{{"id": "a", "label": "{name}"}}, {{"id": "b"}}],
                "links": [{{"source": "a", "target": "b"}}]}}"#
        );
        let mut session = Session::new(
            formats::load_bytes("t.json", text.as_bytes()).unwrap(),
            None,
        );
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let label = scene
            .labels
            .iter()
            .find(|l| l.of == LabelOf::Entity(EntityIdx(0)))
            .expect("named");
        assert!(
            label.text.chars().count() <= MAX_NAME_CHARS,
            "{}",
            label.text
        );
        assert!(label.text.ends_with('…') && name.starts_with(label.text.trim_end_matches('…')));
    }

    #[test]
    fn a_name_leaves_the_head_of_a_link_pointing_at_its_node_uncovered() {
        // B stands below A and points at it: A's name goes above A, not over the arrow.
        let text = r#"{"directed": true,
            "nodes": [{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 0, "y": 400}],
            "links": [{"source": "b", "target": "a"}]}"#;
        let mut session = Session::new(
            formats::load_bytes("t.json", text.as_bytes()).unwrap(),
            None,
        );
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let a = session.dataset.entity_by_id("a").unwrap();
        let node = scene.nodes.iter().find(|n| n.entity == a).unwrap();
        let label = scene
            .labels
            .iter()
            .find(|l| l.of == LabelOf::Entity(a))
            .expect("A is named");
        let edge = &scene.edges[0];
        assert!(
            edge.arrow && edge.to.y > node.center.y,
            "the arrow comes from below"
        );
        assert!(
            label.rect.max.y < node.center.y,
            "A's name is above it: {label:?}"
        );
    }

    #[test]
    fn a_pointed_at_link_is_lit_in_the_label_colour_not_the_storys_accent() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let step = session.dataset.stories[0]
            .steps
            .iter()
            .find(|s| !s.relations.is_empty())
            .expect("a step with links");
        let view = View::for_story_step(
            &session.dataset,
            (step, None),
            step.relations.len(),
            &View::default(),
        );
        let told = step.relations[0];
        let other = (0..session.dataset.relations.len())
            .map(RelationIdx)
            .find(|r| !step.relations.contains(r))
            .expect("a link the step does not name");
        let palette = Palette::dark();
        let colour_of = |hover: RelationIdx| {
            with_pointer_over(
                &session,
                &view,
                viewport,
                Some(Hit::Relation(hover)),
                |inputs| {
                    let scene = Scene::build(inputs, &Monospaced);
                    let colour = |r: RelationIdx| {
                        scene
                            .edges
                            .iter()
                            .find(|e| e.relation == r)
                            .map(|e| e.colour)
                    };
                    (colour(told), colour(other))
                },
            )
        };
        let (told_colour, other_colour) = colour_of(other);
        assert_eq!(told_colour, Some(palette.accent));
        assert_eq!(other_colour, Some(palette.node_label));
        // Pointing at a link the story lights keeps it in the accent.
        assert_eq!(colour_of(told).0, Some(palette.accent));
    }

    #[test]
    fn pointing_at_a_faded_link_draws_and_names_both_its_ends() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let step = &session.dataset.stories[0].steps[0];
        let view = View::for_story_step(
            &session.dataset,
            (step, None),
            step.relations.len(),
            &View::default(),
        );
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        // A link between two faded entities, both in view.
        let camera = camera_of(&session, &view, viewport);
        let in_view = |e: EntityIdx| {
            viewport.contains(camera.to_screen(viewport, session.layout.position(e)))
        };
        let (relation, ends) = session
            .dataset
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| (RelationIdx(i), [r.source, r.target]))
            .find(|(_, ends)| {
                ends.iter()
                    .all(|&e| lens.entity(e) == Emphasis::Faded && in_view(e))
            })
            .expect("a link between faded entities");
        let (emphasis, named) = with_pointer_over(
            &session,
            &view,
            viewport,
            Some(Hit::Relation(relation)),
            |inputs| {
                let scene = Scene::build(inputs, &Monospaced);
                let emphasis =
                    ends.map(|e| scene.nodes.iter().find(|n| n.entity == e).unwrap().emphasis);
                let named = ends.map(|e| scene.labels.iter().any(|l| l.of == LabelOf::Entity(e)));
                (emphasis, named)
            },
        );
        assert_eq!(emphasis, [Emphasis::Highlighted; 2]);
        assert_eq!(named, [true; 2]);
        // The rest of the step's picture is as it was: the pointer lights only that link.
        let unpointed = scene_of(&session, &view, viewport);
        assert!(ends.iter().all(|&e| {
            unpointed
                .nodes
                .iter()
                .find(|n| n.entity == e)
                .unwrap()
                .emphasis
                == Emphasis::Faded
        }));
    }

    #[test]
    fn the_link_a_story_step_just_revealed_glows_until_the_next_one_comes() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let step = session.dataset.stories[0]
            .steps
            .iter()
            .find(|s| s.reveal && s.relations.len() >= 2)
            .expect("a step revealing two links or more");
        // The scene of the step with `revealed` links shown, its fresh ones kept or forgotten.
        let edge_at = |revealed: usize, relation: RelationIdx, keep_fresh: bool| {
            let mut view =
                View::for_story_step(&session.dataset, (step, None), revealed, &View::default());
            if !keep_fresh && let Some(spotlight) = &mut view.spotlight {
                spotlight.fresh.clear();
            }
            let scene = scene_of(&session, &view, viewport);
            let glowing: Vec<RelationIdx> = scene
                .edges
                .iter()
                .filter(|e| e.halo.is_some())
                .map(|e| e.relation)
                .collect();
            let edge = scene.edges.iter().find(|e| e.relation == relation).cloned();
            (edge.expect("the link is drawn"), glowing)
        };
        let second = step.relations[1];
        let (fresh, glowing) = edge_at(2, second, true);
        assert_eq!(glowing, vec![second], "only the newest link glows");
        // Not new, the same link is drawn as the other lit ones: narrower, without the glow.
        let (lit, glowing) = edge_at(2, second, false);
        assert!(glowing.is_empty());
        assert!(lit.width < fresh.width, "{} < {}", lit.width, fresh.width);
        assert_eq!(lit.colour, fresh.colour);
    }

    #[test]
    fn the_link_a_story_step_just_revealed_is_labelled() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let story = &session.dataset.stories[0];
        let mut checked = 0;
        for step in story.steps.iter().filter(|s| s.reveal) {
            for revealed in 1..=step.relations.len() {
                let view = View::for_story_step(
                    &session.dataset,
                    (step, None),
                    revealed,
                    &View::default(),
                );
                let newest = step.relations[revealed - 1];
                let scene = scene_of(&session, &view, viewport);
                let label = scene
                    .labels
                    .iter()
                    .find(|l| l.of == LabelOf::Relation(newest));
                let Some(label) = label else {
                    panic!("{}: link {revealed} has no label", step.title);
                };
                // Nor does it hide a name: "funded" had covered "UK government".
                for name in scene
                    .labels
                    .iter()
                    .filter(|l| matches!(l.of, LabelOf::Entity(_)))
                {
                    assert!(
                        !name.rect.intersects(label.rect),
                        "{}: \"{}\" covers \"{}\"",
                        step.title,
                        label.text,
                        name.text
                    );
                }
                // Nor a node the step lights, where a place apart is free: step 5's
                // "promoted" had covered BCG, its link and half the Safe City hub.
                for node in scene.nodes.iter().filter(|n| n.emphasis != Emphasis::Faded) {
                    let disc = Rect::from_center_size(node.center, Vec2::splat(node.radius * 2.0));
                    assert!(
                        !disc.intersects(label.rect),
                        "{}: \"{}\" covers {}",
                        step.title,
                        label.text,
                        session.dataset.entities[node.entity.0].name
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 4, "{checked} revealed links checked");
    }

    #[test]
    fn a_hubs_name_takes_a_free_corner_before_covering_a_lesser_node() {
        // A hub whose four sides are each taken by a lesser node: a corner is free, and its
        // name goes there rather than over one of them.
        let mut nodes = vec![r#"{"id": "hub", "x": 0, "y": 0}"#.to_owned()];
        let mut links = Vec::new();
        let places = [
            (0, 22),
            (0, -22),
            (34, 0),
            (-34, 0),
            (0, 400),
            (0, -400),
            (400, 0),
            (-400, 0),
        ];
        for (i, (x, y)) in places.iter().enumerate() {
            nodes.push(format!(r#"{{"id": "n{i}", "x": {x}, "y": {y}}}"#));
            links.push(format!(r#"{{"source": "hub", "target": "n{i}"}}"#));
        }
        let text = format!(
            r#"{{"directed": true, "nodes": [{}], "links": [{}]}}"#,
            nodes.join(","),
            links.join(",")
        );
        let session = Session::new(
            formats::load_bytes("t.json", text.as_bytes()).unwrap(),
            None,
        );
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(900.0, 900.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let hub = session.dataset.entity_by_id("hub").unwrap();
        let name = scene
            .labels
            .iter()
            .find(|l| l.of == LabelOf::Entity(hub))
            .expect("the hub is named");
        for node in scene.nodes.iter().filter(|n| n.entity != hub) {
            let disc = Rect::from_center_size(node.center, Vec2::splat(node.radius * 2.0));
            assert!(
                !disc.intersects(name.rect),
                "the hub's name {:?} covers {:?}",
                name.rect,
                node.center
            );
        }
    }

    #[test]
    fn a_name_keeps_off_a_lit_link_leaving_its_node() {
        // A links down to B. With the link selected (or revealed by a story step), A's name
        // goes above A rather than below it, over the start of the very link in question.
        let text = r#"{"directed": true,
            "nodes": [{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 0, "y": 400}],
            "links": [{"source": "a", "target": "b"}]}"#;
        let mut session = Session::new(
            formats::load_bytes("t.json", text.as_bytes()).unwrap(),
            None,
        );
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let a = session.dataset.entity_by_id("a").unwrap();
        let name_of_a = |view: &View| {
            let scene = scene_of(&session, view, viewport);
            let node = scene.nodes.iter().find(|n| n.entity == a).unwrap().center;
            let label = scene.labels.iter().find(|l| l.of == LabelOf::Entity(a));
            (node, label.expect("A is named").rect)
        };
        // Unlit, the name takes its first place, below.
        let (node, rect) = name_of_a(&View::default());
        assert!(rect.min.y > node.y, "below A: {rect:?}");
        let mut view = View::default();
        view.apply(&crate::view::ViewCommand::Select(Selection::Relation(
            RelationIdx(0),
        )));
        let (node, rect) = name_of_a(&view);
        assert!(rect.max.y < node.y, "above A, off the lit link: {rect:?}");
    }

    #[test]
    fn a_time_window_is_stamped_on_the_picture_and_names_keep_clear_of_it() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let scene = scene_of(&session, &View::default(), viewport);
        assert_eq!(scene.time_stamp, None);
        let lens = Lens::compute(&session.dataset, &session.network, &View::default());
        let range = lens.time_range.expect("the built-in dataset is dated");
        let mut view = View {
            time: Some(range.window(0, 5, true)),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        let stamp = scene.time_stamp.clone().expect("a stamp");
        assert_eq!(stamp, format!("{}–{}", range.label(0), range.label(5)));
        let stamped = time_stamp_rect(viewport, &stamp, &Palette::dark(), &Monospaced);
        for label in &scene.labels {
            assert!(
                !label.rect.intersects(stamped),
                "{} under the stamp",
                label.text
            );
        }
        view.time = Some(range.window(3, 3, true));
        let scene = scene_of(&session, &view, viewport);
        assert_eq!(scene.time_stamp, Some(range.label(3)));
    }

    /// The frame leaves a caption the room its box takes, not a fixed share: a one-line
    /// caption had left a third of the screen empty above it.
    #[test]
    fn the_frame_leaves_a_caption_the_room_it_takes() {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 690.0));
        let palette = Palette::dark();
        let caption = |text: &str| Caption {
            title: String::new(),
            text: text.to_owned(),
        };
        let one_line = caption_share(viewport, &caption("No story."), &palette, &Monospaced);
        let long = caption(&"a longer caption ".repeat(20));
        let three_lines = caption_share(viewport, &long, &palette, &Monospaced);
        assert!(
            0.05 < one_line && one_line < three_lines,
            "{one_line} {three_lines}"
        );
        let boxed = caption::layout(viewport, &long, &palette, &Monospaced).rect;
        // Fitted to the room: the bounds' bottom lands just above the caption's box.
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0));
        let roomy = with_room_for_caption(bounds, three_lines);
        let bottom = viewport.height() * bounds.height() / roomy.height();
        assert!(
            bottom < boxed.top() && bottom > boxed.top() - 20.0,
            "{bottom} above {}",
            boxed.top()
        );
    }

    /// Step `i` of the built-in story, wholly revealed, as the window presents it in
    /// `viewport`: framed on its entities with room for its caption; with its lens and caption.
    fn presented_step(session: &Session, i: usize, viewport: Rect) -> (Scene, Lens, Caption) {
        let story = &session.dataset.stories[0];
        let step = &story.steps[i];
        let previous = i.checked_sub(1).map(|k| &story.steps[k]);
        let view = View::for_story_step(
            &session.dataset,
            (step, previous),
            step.relations.len(),
            &View::default(),
        );
        let caption = Caption::of_step(story, i).expect("a caption");
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        let share = caption_share(viewport, &caption, &Palette::dark(), &Monospaced);
        let bounds = framed_bounds(&view.camera, &session.layout, &lens, Some(share));
        let camera = view.camera.for_frame(bounds, viewport.size());
        let scene = with_inputs(session, &view, viewport, |inputs| {
            Scene::build(
                &SceneInputs {
                    camera: &camera,
                    caption: Some(caption.clone()),
                    credit: None,
                    ..*inputs
                },
                &Monospaced,
            )
        });
        (scene, lens, caption)
    }

    #[test]
    fn names_keep_clear_of_a_story_steps_caption() {
        let session = builtin();
        // A small graph area (beside the side panel, in a small window), where the caption
        // wraps to several lines: step 1's surveillance apparatus lay under it.
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(640.0, 480.0));
        let story = &session.dataset.stories[0];
        for (i, step) in story.steps.iter().enumerate() {
            let (scene, _, caption) = presented_step(&session, i, viewport);
            let boxed = caption::layout(viewport, &caption, &Palette::dark(), &Monospaced).rect;
            for label in &scene.labels {
                assert!(
                    !label.rect.intersects(boxed),
                    "{}: \"{}\" under the caption",
                    step.title,
                    label.text
                );
            }
        }
    }

    /// Presenting the built-in story at 720p, a lit link's words sit on or beside their own
    /// link, not over another lit one, where they read as its words ("employed", Huawei–Viktor
    /// Yu, had sat on Huawei's link to its Safe Cities); words set apart hang on a leader in
    /// their link's colour.
    #[test]
    fn a_steps_link_words_keep_off_its_other_lit_links() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 690.0));
        let story = &session.dataset.stories[0];
        let mut worded = 0;
        for (i, step) in story.steps.iter().enumerate() {
            let (scene, lens, _) = presented_step(&session, i, viewport);
            let ends = |r: RelationIdx| {
                let r = &session.dataset.relations[r.0];
                (r.source.min(r.target), r.source.max(r.target))
            };
            for label in &scene.labels {
                let LabelOf::Relation(own) = label.of else {
                    continue;
                };
                let own_edge = scene.edges.iter().find(|e| e.relation == own).unwrap();
                if label.leader.is_some() {
                    assert_eq!(label.leader_stroke.1, own_edge.colour, "{}", label.text);
                    continue;
                }
                worded += 1;
                let phrase = |r: RelationIdx| session.dataset.relations[r.0].phrase();
                for edge in &scene.edges {
                    // Words over a link that says the same (a fan of "deployed in" from
                    // one node, with no room between) cannot be misread.
                    if ends(edge.relation) == ends(own)
                        || lens.relation(edge.relation) < Emphasis::Highlighted
                        || phrase(edge.relation) == phrase(own)
                    {
                        continue;
                    }
                    let over = edge
                        .points()
                        .windows(2)
                        .any(|w| segment_touches(w[0], w[1], label.rect));
                    assert!(
                        !over,
                        "{}: \"{}\" over the lit \"{}\"",
                        step.title,
                        label.text,
                        phrase(edge.relation)
                    );
                }
            }
        }
        assert!(worded > 20, "{worded} links worded");
    }

    #[test]
    fn a_fitted_scene_shows_every_node_with_its_edges_and_no_overlapping_labels() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        assert_eq!(scene.nodes.len(), session.dataset.entities.len());
        assert_eq!(scene.edges.len(), session.dataset.relations.len());
        assert!(scene.labels.len() > 20, "{} labels", scene.labels.len());
        for (i, a) in scene.labels.iter().enumerate() {
            for b in &scene.labels[i + 1..] {
                assert!(!a.rect.intersects(b.rect), "{} over {}", a.text, b.text);
            }
            // No label covers a node other than its own, but a hub's may cover far less
            // connected nodes.
            let degree = |e: EntityIdx| session.index.degree(e);
            for node in &scene.nodes {
                if a.of == LabelOf::Entity(node.entity) {
                    continue;
                }
                let disc = Rect::from_center_size(node.center, Vec2::splat(node.radius * 2.0));
                if a.rect.intersects(disc) {
                    let LabelOf::Entity(hub) = a.of else {
                        panic!("the link label {} is over a node", a.text);
                    };
                    assert!(
                        degree(hub) >= HUB_LABEL_MIN_DEGREE
                            && degree(node.entity) * HUB_LABEL_DEGREE_RATIO <= degree(hub),
                        "{} over a node with {} relations",
                        a.text,
                        degree(node.entity)
                    );
                }
            }
        }
    }

    #[test]
    fn the_best_connected_are_named_in_the_overview_even_inside_their_own_stars() {
        let session = builtin();
        // The graph's share of a 1280x720 window beside the side panel.
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(840.0, 580.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let mut by_degree: Vec<EntityIdx> =
            (0..session.dataset.entities.len()).map(EntityIdx).collect();
        by_degree.sort_by_key(|&e| std::cmp::Reverse(session.index.degree(e)));
        for &hub in &by_degree[..6] {
            assert!(
                scene.labels.iter().any(|l| l.of == LabelOf::Entity(hub)),
                "{} ({} relations) is not named",
                session.dataset.entities[hub.0].name,
                session.index.degree(hub)
            );
        }
    }

    #[test]
    fn the_legend_explains_the_pinned_dot_where_one_is_drawn() {
        let mut session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let pinned = |session: &Session| {
            scene_of(session, &View::default(), viewport)
                .legend
                .iter()
                .any(|item| matches!(item.mark, LegendMark::Pinned(_)) && item.text == "pinned")
        };
        assert!(!pinned(&session));
        let ibm = session.dataset.entity_by_name("IBM").unwrap();
        let at = session.layout.position(ibm);
        session.layout.pin_at(ibm, at);
        assert!(pinned(&session));
        let dots = |session: &Session| {
            scene_of(session, &View::default(), viewport)
                .nodes
                .iter()
                .filter(|n| n.pinned_dot.is_some())
                .count()
        };
        assert_eq!(dots(&session), 1);
        // With every node pinned (a file that saves positions), a dot says nothing.
        for i in 0..session.dataset.entities.len() {
            let at = session.layout.position(EntityIdx(i));
            session.layout.pin_at(EntityIdx(i), at);
        }
        assert!(!pinned(&session));
        assert_eq!(dots(&session), 0);
    }

    #[test]
    fn an_unlabelled_link_says_related_to_only_when_selected_and_a_hedge_says_so() {
        // Saved positions far enough apart for any label.
        let text = r#"{"nodes": [{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 400, "y": 0},
                                 {"id": "c", "x": 800, "y": 0}],
            "links": [{"source": "a", "target": "b"},
                      {"source": "b", "target": "c", "type": "supplied", "status": "denied"}]}"#;
        let mut session = Session::new(
            formats::load_bytes("t.json", text.as_bytes()).unwrap(),
            None,
        );
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let edge_labels = |view: &View| -> Vec<String> {
            scene_of(&session, view, viewport)
                .labels
                .into_iter()
                .filter(|l| matches!(l.of, LabelOf::Relation(_)))
                .map(|l| l.text)
                .collect()
        };
        // A hedge is part of the label: the label covers the link's dashes or cross.
        assert_eq!(edge_labels(&View::default()), ["supplied (denied)"]);
        let selected = View {
            selection: Selection::Relation(RelationIdx(0)),
            ..View::default()
        };
        // The selection fades the other link, and its label with it.
        assert_eq!(edge_labels(&selected), ["related to"]);
    }

    #[test]
    fn an_entity_only_a_link_names_is_drawn_hollow_and_dashed_and_keyed_in_the_legend() {
        let text = r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
            <graph edgedefault="directed">
              <node id="a"/><node id="b"/>
              <edge source="a" target="b"/><edge source="b" target="ghost"/>
            </graph></graphml>"#;
        let mut session = Session::new(
            formats::load_bytes("t.graphml", text.as_bytes()).unwrap(),
            None,
        );
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let node = |name: &str| {
            let entity = session.dataset.entity_by_name(name).unwrap();
            scene.nodes.iter().find(|n| n.entity == entity).unwrap()
        };
        let (ghost, b) = (node("ghost"), node("b"));
        assert_eq!(ghost.outline_dash, Some(PLACEHOLDER_DASH));
        assert_eq!(ghost.fill, scene.palette.canvas, "hollow");
        assert_eq!(
            ghost.outline, b.fill,
            "ringed in the colour it would be filled with"
        );
        assert_eq!(b.outline_dash, None);
        // The ring goes round the node, closed.
        let ring = ghost.ring();
        assert_eq!(ring.first(), ring.last());
        assert!(
            ring.iter()
                .all(|p| (p.distance(ghost.center) - ghost.radius).abs() < 0.01)
        );
        let keyed: Vec<&str> = scene
            .legend
            .iter()
            .filter(|item| item.mark == LegendMark::Placeholder)
            .map(|item| item.text.as_str())
            .collect();
        assert_eq!(keyed, ["dashed: named by a link only (1)"]);
        // A file without placeholders has no such key.
        let builtin = builtin();
        let scene = scene_of(&builtin, &View::default(), viewport);
        assert!(
            scene
                .legend
                .iter()
                .all(|i| i.mark != LegendMark::Placeholder)
        );
        assert!(scene.nodes.iter().all(|n| n.outline_dash.is_none()));
    }

    #[test]
    fn a_relation_of_an_entity_with_itself_is_labelled_above_its_loop() {
        let text = "source,target,label\nA,B,ok\nC,C,self loop\n";
        let mut session =
            Session::new(formats::load_bytes("t.csv", text.as_bytes()).unwrap(), None);
        session.layout.settle(3000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let c = session.dataset.entity_by_name("C").unwrap();
        let node = scene.nodes.iter().find(|n| n.entity == c).unwrap();
        let label = scene
            .labels
            .iter()
            .find(|l| l.text == "self loop")
            .expect("the loop is labelled");
        assert!(
            label.rect.bottom() < node.center.y - node.radius,
            "above the node"
        );
        assert!(
            (label.rect.center().x - node.center.x).abs() < 1.0,
            "centred on it"
        );
    }

    #[test]
    fn the_selections_short_hedged_link_is_labelled_beside_it() {
        // A link shorter than "supplied (denied)": in the overview of a busy network,
        // unlabelled; labelled (beside the line) once one of its ends is selected. In a
        // network of a few links, it says its words in the overview too.
        use std::fmt::Write as _;
        let with_others = |others: usize| {
            let mut nodes = String::from(
                r#"{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 0, "y": 90},
                   {"id": "c", "x": 900, "y": 500}"#,
            );
            let mut links = String::from(
                r#"{"source": "a", "target": "b", "type": "supplied", "status": "denied"},
                   {"source": "b", "target": "c"}"#,
            );
            for k in 0..others {
                let (x, y) = (600 + (k % 10) * 60, 700 + (k / 10) * 60);
                let _ = write!(nodes, r#", {{"id": "o{k}", "x": {x}, "y": {y}}}"#);
                let _ = write!(links, r#", {{"source": "c", "target": "o{k}"}}"#);
            }
            let text = format!(r#"{{"nodes": [{nodes}], "links": [{links}]}}"#);
            Session::new(
                formats::load_bytes("t.json", text.as_bytes()).unwrap(),
                None,
            )
        };
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let labelled = |session: &Session, view: &View| {
            scene_of(session, view, viewport)
                .labels
                .iter()
                .any(|l| l.of == LabelOf::Relation(RelationIdx(0)))
        };
        let busy = with_others(FEW_LINKS_ALL_WORDED);
        assert!(!labelled(&busy, &View::default()));
        let selected = View {
            selection: Selection::Entity(busy.dataset.entity_by_id("a").unwrap()),
            ..View::default()
        };
        assert!(labelled(&busy, &selected));
        assert!(labelled(&with_others(0), &View::default()), "a few links");
    }

    #[test]
    fn a_following_camera_frames_what_the_lens_shows() {
        use crate::view::{Direction, Focus, OutsideFocus};
        let session = builtin();
        let layout = &session.layout;
        let cisco = session.dataset.entity_by_name("Cisco").unwrap();
        let view = View {
            selection: Selection::Entity(cisco),
            focus: Some(Focus {
                hops: 1,
                direction: Direction::Both,
                outside: OutsideFocus::Hide,
            }),
            ..View::default()
        };
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        let framed = framed_bounds(&view.camera, layout, &lens, None).unwrap();
        let all = layout.bounds().unwrap();
        assert!(framed.area() < all.area() / 4.0, "{framed:?} in {all:?}");
        for neighbour in session.network.neighbours(cisco) {
            assert!(framed.expand(1e-3).contains(layout.position(neighbour)));
        }
        // The legend counts what is drawn of each kind, out of all of it.
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let legend: Vec<String> = scene_of(&session, &view, viewport)
            .legend
            .into_iter()
            .map(|item| item.text)
            .collect();
        let company = session.index.facets.entity_kinds[&EntityKind::Company];
        assert!(
            legend
                .iter()
                .any(|t| t.starts_with("Company (") && t.ends_with(&format!(" of {company})"))),
            "{legend:?}"
        );
        // Showing everything, everything is framed.
        let lens = Lens::compute(&session.dataset, &session.network, &View::default());
        assert_eq!(
            framed_bounds(&View::default().camera, layout, &lens, None),
            Some(all)
        );
    }

    #[test]
    fn the_selection_and_its_neighbours_are_labelled_first() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        for name in ["Swedish Maritime Administration", "Cisco", "Karamay"] {
            let selected = session.dataset.entity_by_name(name).unwrap();
            let view = View {
                selection: Selection::Entity(selected),
                ..View::default()
            };
            let scene = scene_of(&session, &view, viewport);
            let labelled = |e: EntityIdx| scene.labels.iter().any(|l| l.of == LabelOf::Entity(e));
            assert!(labelled(selected), "{name}");
            for neighbour in session.network.neighbours(selected) {
                assert!(
                    labelled(neighbour),
                    "{name}'s neighbour {}",
                    session.dataset.entities[neighbour.0].name
                );
            }
        }
    }

    /// With a link selected, a tiny file's other nodes keep their names, dimmed; the
    /// built-in network's, a hundred nodes, go unnamed so that the link stands out.
    #[test]
    fn a_small_views_faded_nodes_keep_dimmed_names_a_large_ones_do_not() {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let csv = "source,target\nAlpha,Beta\nBeta,Gamma\nGamma,Delta\nDelta,Alpha\nDelta,Echo\n";
        let mut tiny = Session::new(
            formats::load_bytes("tiny.csv", csv.as_bytes()).unwrap(),
            None,
        );
        tiny.layout.settle(500);
        let large = builtin();
        let palette = Palette::dark();
        for (session, named) in [(&tiny, true), (&large, false)] {
            let view = View {
                selection: Selection::Relation(RelationIdx(0)),
                ..View::default()
            };
            let scene = scene_of(session, &view, viewport);
            let lens = Lens::compute(&session.dataset, &session.network, &view);
            let faded: Vec<EntityIdx> = (0..session.dataset.entities.len())
                .map(EntityIdx)
                .filter(|&e| lens.entity(e) == Emphasis::Faded)
                .collect();
            assert!(!faded.is_empty());
            let faded_labels: Vec<&SceneLabel> = scene
                .labels
                .iter()
                .filter(|l| matches!(l.of, LabelOf::Entity(e) if faded.contains(&e)))
                .collect();
            if named {
                assert_eq!(faded_labels.len(), faded.len(), "every faded node named");
                for label in faded_labels {
                    assert_eq!(label.colour, palette.faded(palette.node_label));
                }
            } else {
                assert!(
                    faded_labels.is_empty(),
                    "{} faded names",
                    faded_labels.len()
                );
            }
        }
    }

    #[test]
    fn parallel_relations_are_distinct_curves() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let mut by_pair: BTreeMap<(usize, usize), Vec<&SceneEdge>> = BTreeMap::new();
        for edge in &scene.edges {
            let r = &session.dataset.relations[edge.relation.0];
            let pair = (r.source.0.min(r.target.0), r.source.0.max(r.target.0));
            by_pair.entry(pair).or_default().push(edge);
        }
        let crowded: Vec<_> = by_pair.values().filter(|e| e.len() > 1).collect();
        assert!(!crowded.is_empty(), "the dataset has parallel relations");
        for edges in crowded {
            for (i, a) in edges.iter().enumerate() {
                for b in &edges[i + 1..] {
                    assert!(
                        a.middle().distance(b.middle()) >= PARALLEL_GAP * 0.9,
                        "two parallel relations drawn {} apart",
                        a.middle().distance(b.middle())
                    );
                }
            }
        }
    }

    #[test]
    fn hit_test_finds_the_node_and_the_edge_under_the_pointer() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let scene = scene_of(&session, &View::default(), viewport);
        let under_a_label = |p: Pos2| scene.labels.iter().any(|l| l.rect.expand(1.0).contains(p));
        let node = scene
            .nodes
            .iter()
            .find(|n| !under_a_label(n.center))
            .expect("a node no label covers");
        assert_eq!(scene.hit_test(node.center), Some(Hit::Entity(node.entity)));
        let edge = scene
            .edges
            .iter()
            .find(|e| {
                !under_a_label(e.middle())
                    && scene
                        .nodes
                        .iter()
                        .all(|n| n.center.distance(e.middle()) > n.radius + 4.0)
            })
            .expect("an edge whose middle is clear of nodes and labels");
        let hit = scene.hit_test(edge.middle());
        assert!(matches!(hit, Some(Hit::Relation(_))), "{hit:?}");
        assert_eq!(scene.hit_test(pos2(-50.0, -50.0)), None);
    }

    #[test]
    fn a_links_words_set_apart_hang_near_it_on_a_dotted_leader_and_a_name_on_a_solid_one() {
        let session = builtin();
        let viewport = graph_area_at_720p();
        let mut seen = (0, 0);
        for search in ["Frequentis", "Huawei", "IBM"] {
            let view = View {
                search: search.to_owned(),
                ..View::default()
            };
            let scene = scene_of(&session, &view, viewport);
            for label in &scene.labels {
                let Some([start, end]) = label.leader else {
                    continue;
                };
                match label.of {
                    LabelOf::Relation(_) => {
                        seen.0 += 1;
                        assert_eq!(label.leader_dash, Some(LINK_LEADER_DASH), "{}", label.text);
                        // From the link's middle, out to the farthest ring link words use.
                        let farthest = CALLOUT_GAPS[LINK_WORDS_GAPS - 1];
                        assert!(
                            start.distance(end) <= farthest,
                            "{}'s leader is {} long",
                            label.text,
                            start.distance(end)
                        );
                    }
                    LabelOf::Entity(_) => {
                        seen.1 += 1;
                        assert_eq!(label.leader_dash, None, "{}", label.text);
                    }
                }
            }
        }
        assert!(seen.0 > 0, "some link's words were set apart");
    }

    #[test]
    fn under_a_time_window_undated_links_are_faint_and_the_legend_says_why() {
        let session = builtin();
        let viewport = graph_area_at_720p();
        let window = View {
            time: Some(crate::view::TimeWindow::years(2000, 2019, true)),
            ..View::default()
        };
        let faint = |view: &View| {
            let scene = scene_of(&session, view, viewport);
            let undated: Vec<bool> = scene
                .edges
                .iter()
                .map(|e| session.network.days(e.relation).is_none())
                .collect();
            let faded = scene.palette.faded(scene.palette.edge);
            let colours: Vec<bool> = scene.edges.iter().map(|e| e.colour == faded).collect();
            let keyed = scene.legend.iter().any(|i| i.mark == LegendMark::FaintLine);
            (undated, colours, keyed)
        };
        let (undated, faint_colours, keyed) = faint(&window);
        assert!(undated.contains(&true) && undated.contains(&false));
        assert_eq!(undated, faint_colours, "faint exactly where undated");
        assert!(keyed);
        // Without a window, all links are drawn alike and the key is gone.
        let (_, faint_colours, keyed) = faint(&View::default());
        assert!(!faint_colours.contains(&true));
        assert!(!keyed);
    }

    #[test]
    fn a_pictures_credit_names_the_title_and_the_most_cited_source() {
        let text = "source,target\nA,B\n";
        let mut dataset = formats::load_bytes("t.csv", text.as_bytes())
            .unwrap()
            .dataset;
        dataset.metadata.title = String::new();
        assert_eq!(picture_credit(&dataset), None, "nothing to credit");
        dataset.metadata.title = "Supply".to_owned();
        assert_eq!(picture_credit(&dataset).as_deref(), Some("Supply"));
        let builtin = formats::load_builtin().unwrap().dataset;
        let credit = picture_credit(&builtin).unwrap();
        let more = builtin.sources.len() - 1;
        assert!(
            credit.ends_with(&format!(
                "Sources: Nafeez Ahmed, Insurge Intelligence, 2020-01-30, and {more} more"
            )),
            "{credit}"
        );
    }

    #[test]
    fn every_hop_of_the_paths_shown_says_what_it_is() {
        // IBM to Xinjiang: short links in the crowd round Xinjiang, whose words do not fit
        // along them, go apart on leaders.
        let session = builtin();
        let viewport = graph_area_at_720p();
        let by_name = |name: &str| session.dataset.entity_by_name(name).unwrap();
        let view = View {
            path: Some(crate::view::PathQuery {
                from: by_name("IBM"),
                to: Some(by_name("Xinjiang")),
                options: crate::model::paths::PathOptions::default(),
            }),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        assert!(!lens.paths.is_empty());
        for relation in lens
            .paths
            .iter()
            .flat_map(|p| p.hops.iter().map(|h| h.relation))
        {
            assert!(
                scene
                    .labels
                    .iter()
                    .any(|l| l.of == LabelOf::Relation(relation)),
                "{} is not labelled",
                session.dataset.relations[relation.0].phrase()
            );
        }
    }

    #[test]
    fn a_name_or_a_links_label_stands_for_it_under_the_pointer() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let huawei = session.dataset.entity_by_name("Huawei").unwrap();
        let view = View {
            selection: Selection::Entity(huawei),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        let mut kinds = (false, false);
        for label in &scene.labels {
            // A point of the label that no later label covers.
            let later = |p: Pos2| {
                scene
                    .labels
                    .iter()
                    .rev()
                    .take_while(|l| !std::ptr::eq(*l, label))
                    .any(|l| l.rect.contains(p))
            };
            let corners = [
                label.rect.left_top() + vec2(2.0, 2.0),
                label.rect.right_bottom() - vec2(2.0, 2.0),
                label.rect.center(),
            ];
            let Some(point) = corners.into_iter().find(|&p| !later(p)) else {
                continue;
            };
            let expected = match label.of {
                LabelOf::Entity(entity) => {
                    kinds.0 = true;
                    Hit::Entity(entity)
                }
                LabelOf::Relation(relation) => {
                    kinds.1 = true;
                    Hit::Relation(relation)
                }
            };
            assert_eq!(scene.hit_test(point), Some(expected), "{}", label.text);
        }
        assert_eq!(kinds, (true, true), "names and links' labels both tried");
    }

    #[test]
    fn a_path_s_hops_that_are_no_supply_step_are_drawn_in_the_warning_colour() {
        let session = builtin();
        let by_name = |name: &str| session.dataset.entity_by_name(name).unwrap();
        let query = |chain_only| crate::view::PathQuery {
            from: by_name("IBM"),
            to: Some(by_name("Frequentis")),
            options: crate::model::paths::PathOptions {
                chain_only,
                ..crate::model::paths::PathOptions::default()
            },
        };
        let palette = Palette::dark();
        let (mut off, mut on) = (0, 0);
        for chain_only in [false, true] {
            let view = View {
                path: Some(query(chain_only)),
                ..View::default()
            };
            let lens = Lens::compute(&session.dataset, &session.network, &view);
            assert!(!lens.paths.is_empty());
            let scene = scene_of(&session, &view, graph_area_at_720p());
            for path in &lens.paths {
                for hop in &path.hops {
                    let kind = session.dataset.relation(hop.relation).unwrap().kind;
                    let edge = scene
                        .edges
                        .iter()
                        .find(|e| e.relation == hop.relation)
                        .expect("a hop is drawn");
                    if !chain_only && !crate::model::flow::is_flow(kind) {
                        off += 1;
                        assert_eq!(edge.colour, palette.warning, "{kind:?}");
                    } else {
                        on += 1;
                        assert_eq!(edge.colour, palette.accent, "{kind:?}");
                    }
                }
            }
        }
        assert!(off > 0 && on > 0, "{off} off the chain, {on} on it");
    }

    #[test]
    fn a_lit_neighbour_whose_whole_name_finds_no_room_is_named_short() {
        // The window's graph at 1280×720 with Huawei selected: round the hub, "Public
        // security bureaus in Xinjiang" had found no place whole and gone unnamed.
        let session = builtin();
        let fonts = crate::export::HeadlessFonts::new();
        let huawei = session.dataset.entity_by_name("Huawei").unwrap();
        let view = View {
            selection: Selection::Entity(huawei),
            ..View::default()
        };
        let scene = fonts.scene(&crate::export::PictureRequest {
            session: &session,
            view: &view,
            size: vec2(827.0, 678.0),
            palette: Palette::dark(),
            caption: None,
        });
        let name_of = |entity: EntityIdx| &session.dataset.entity(entity).unwrap().name;
        let short: Vec<(&SceneLabel, &String)> = scene
            .labels
            .iter()
            .filter_map(|l| match l.of {
                LabelOf::Entity(e) => Some((l, name_of(e))),
                LabelOf::Relation(_) => None,
            })
            .filter(|(l, name)| {
                l.text.contains('…') && l.text != crate::words::shortened(name, MAX_NAME_CHARS)
            })
            .collect();
        assert!(!short.is_empty(), "some neighbour is named short");
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        for (label, name) in short {
            let LabelOf::Entity(entity) = label.of else {
                unreachable!()
            };
            assert!(
                label.text.chars().count() <= SHORT_NAME_CHARS,
                "{}",
                label.text
            );
            // Its ends are the name's: "Xinjiang … apparatus".
            let (head, tail) = label.text.split_once('…').unwrap();
            assert!(
                name.starts_with(head.trim_end()),
                "{} for {name}",
                label.text
            );
            assert!(
                name.ends_with(tail.trim_start()),
                "{} for {name}",
                label.text
            );
            assert!(lens.entity(entity) >= Emphasis::Highlighted, "{name}");
            assert!(label.leader.is_some(), "{name} hangs on a leader");
        }
    }

    #[test]
    fn a_name_set_apart_hangs_on_a_leader_crossing_no_lit_link_and_no_other_node() {
        // The window's graph at 1280×720, with its fonts: under "police", "Swedish Maritime
        // Administration" had hung under Huawei on a leader across the lit Huawei–Frequentis
        // link.
        let session = builtin();
        let fonts = crate::export::HeadlessFonts::new();
        let by_name = |name: &str| session.dataset.entity_by_name(name).unwrap();
        let selecting = |name: &str| View {
            selection: Selection::Entity(by_name(name)),
            ..View::default()
        };
        let views = [
            View {
                search: "police".into(),
                ..View::default()
            },
            selecting("IBM"),
            selecting("Huawei"),
            selecting("Frequentis"),
        ];
        let mut leaders = 0;
        for view in &views {
            let scene = fonts.scene(&crate::export::PictureRequest {
                session: &session,
                view,
                size: vec2(827.0, 678.0),
                palette: Palette::dark(),
                caption: None,
            });
            let lens = Lens::compute(&session.dataset, &session.network, view);
            let lit: Vec<Vec<Pos2>> = scene
                .edges
                .iter()
                .filter(|e| lens.relation(e.relation) >= Emphasis::Highlighted)
                .map(SceneEdge::points)
                .collect();
            for label in &scene.labels {
                let (LabelOf::Entity(own), Some([a, b])) = (label.of, label.leader) else {
                    continue;
                };
                leaders += 1;
                let crossed = lit
                    .iter()
                    .any(|line| line.windows(2).any(|w| segments_cross(a, b, w[0], w[1])));
                assert!(!crossed, "{}: its leader crosses a lit link", label.text);
                let over = scene.nodes.iter().find(|n| {
                    n.entity != own
                        && n.emphasis != Emphasis::Faded
                        && distance_to_segment(n.center, a, b) < n.radius
                });
                assert!(
                    over.is_none(),
                    "{}: its leader runs over a node",
                    label.text
                );
            }
        }
        assert!(leaders > 0, "some names are set apart in these views");
    }

    #[test]
    fn an_entity_a_search_finds_by_name_is_named_before_the_ends_of_links_it_finds() {
        let session = builtin();
        let viewport = graph_area_at_720p();
        let view = View {
            search: "police".into(),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        // In Frequentis's crowd of customers, the one named "police" had lost its place to
        // customers lit only as the ends of links the search found.
        assert!(
            scene
                .labels
                .iter()
                .any(|l| l.text == "London Metropolitan Police"),
            "the police force found by name is unnamed"
        );
    }

    #[test]
    fn a_selected_entitys_best_evidenced_tie_says_what_it_is() {
        let session = builtin();
        let viewport = graph_area_at_720p();
        let ibm = session.dataset.entity_by_name("IBM").unwrap();
        let huawei = session.dataset.entity_by_name("Huawei").unwrap();
        let view = View {
            selection: Selection::Entity(ibm),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        // IBM's two links to Huawei carry seven quotes, more than any other of its ties; a
        // name sat on their middle, and they had no words.
        let worded = scene.labels.iter().any(|label| match label.of {
            LabelOf::Relation(r) => {
                let r = &session.dataset.relations[r.0];
                [r.source, r.target] == [ibm, huawei]
            }
            LabelOf::Entity(_) => false,
        });
        assert!(worded, "IBM → Huawei has no words");
        // Both of them: what IBM gave Huawei and what Huawei pays it for.
        assert!(
            scene
                .labels
                .iter()
                .any(|l| l.text == "supplied, consulted for"),
            "{:?}",
            scene.labels.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_hubs_crowded_out_neighbours_are_named_apart_on_leader_lines() {
        let session = builtin();
        let viewport = graph_area_at_720p();
        let huawei = session.dataset.entity_by_name("Huawei").unwrap();
        let view = View {
            selection: Selection::Entity(huawei),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        let neighbours = session.network.neighbours(huawei);
        let callouts: Vec<&SceneLabel> =
            scene.labels.iter().filter(|l| l.leader.is_some()).collect();
        let mut named_apart = 0;
        for label in callouts {
            let [start, end] = label.leader.unwrap();
            match label.of {
                LabelOf::Entity(entity) => {
                    named_apart += 1;
                    assert!(
                        neighbours.contains(&entity),
                        "{} is no neighbour",
                        label.text
                    );
                    let node = scene.nodes.iter().find(|n| n.entity == entity).unwrap();
                    assert!(
                        (start.distance(node.center) - node.radius).abs() <= 3.0,
                        "{}'s leader starts at its rim",
                        label.text
                    );
                }
                LabelOf::Relation(relation) => {
                    // A lit link's words set apart: from a point along its middle part.
                    let r = &session.dataset.relations[relation.0];
                    assert!(r.source == huawei || r.target == huawei, "{}", label.text);
                    let edge = scene.edges.iter().find(|e| e.relation == relation).unwrap();
                    let on_the_link = (15..=85)
                        .map(|k| edge.at(k as f32 / 100.0))
                        .any(|at| (start.distance(at) - 3.0).abs() <= 1.0);
                    assert!(on_the_link, "{}'s leader starts on its link", label.text);
                }
            }
            assert!(
                label.rect.expand(0.5).contains(end) && !label.rect.shrink(0.5).contains(end),
                "{}'s leader ends at its name's edge",
                label.text
            );
            for other in scene.labels.iter().filter(|o| !std::ptr::eq(*o, label)) {
                assert!(
                    !other.rect.intersects(label.rect),
                    "{} covers {}",
                    label.text,
                    other.text
                );
                assert!(
                    !segment_touches(start, end, other.rect),
                    "{}'s leader runs under {}",
                    label.text,
                    other.text
                );
            }
        }
        assert!(
            named_apart > 0,
            "Huawei's neighbours are too close to name beside"
        );
    }

    #[test]
    fn hidden_and_faded_items_follow_the_lens() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let mut view = View::default();
        view.filters.hidden_entity_kinds.insert(EntityKind::Company);
        let scene = scene_of(&session, &view, viewport);
        let companies = session
            .dataset
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Company)
            .count();
        assert_eq!(
            scene.nodes.len(),
            session.dataset.entities.len() - companies
        );
        let company = |scene: &Scene| {
            scene
                .legend
                .iter()
                .find(|item| item.kind == Some(EntityKind::Company))
                .cloned()
                .expect("a company entry")
        };
        let hidden = company(&scene);
        assert!(matches!(hidden.mark, LegendMark::HiddenDot(_)));
        // Its words stay as they were shown, so the entries after it do not move.
        let shown = company(&scene_of(&session, &View::default(), viewport));
        assert!(matches!(shown.mark, LegendMark::Dot(_)));
        assert_eq!(hidden.text, shown.text);
    }

    /// A generated network of `nodes` entities, every one at a saved position on the spiral
    /// (so the layout holds still and there is no multilevel start to wait for).
    fn crowd(nodes: usize, edges: usize) -> Session {
        let mut dataset = crate::generate::generate(crate::generate::GraphSpec {
            nodes,
            edges,
            communities: 0,
            seed: 5,
        });
        dataset.positions = crate::layout::start_positions(nodes)
            .into_iter()
            .enumerate()
            .map(|(i, p)| (EntityIdx(i), crate::model::Position { x: p.x, y: p.y }))
            .collect();
        Session::new(
            formats::Loaded {
                dataset,
                report: formats::LoadReport::default(),
            },
            None,
        )
    }

    #[test]
    fn nodes_too_close_for_their_size_shrink_together_until_nine_in_ten_clear_their_neighbour() {
        let session = crowd(400, 1200);
        let sizes_in = |viewport: Rect| {
            let centers = node_centers_of(&session, &View::default(), viewport);
            let sizes = with_inputs(&session, &View::default(), viewport, |inputs| {
                node_sizes(inputs, &centers)
            });
            (centers, sizes)
        };
        let roomy = sizes_in(Rect::from_min_size(Pos2::ZERO, vec2(6000.0, 6000.0))).1;
        assert_eq!(roomy.shrink, 1.0, "400 nodes across 6000 points have room");
        let cramped = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let (centers, sizes) = sizes_in(cramped);
        assert!(sizes.shrink < 0.9, "shrunk by {}", sizes.shrink);
        // One factor for all: the proportions stay, down to the smallest dot.
        for (small, large) in sizes.radii.iter().zip(&roomy.radii) {
            if *small > SMALLEST_RADIUS {
                assert!(
                    (small / large - sizes.shrink).abs() < 1e-3,
                    "{small} from {large}"
                );
            }
        }
        let filling: Vec<f32> = (0..centers.len())
            .filter(|&i| cramped.contains(centers[i]))
            .map(|i| {
                (0..centers.len())
                    .filter(|&j| j != i)
                    .map(|j| (sizes.radii[i] + sizes.radii[j]) / centers[i].distance(centers[j]))
                    .fold(0.0, f32::max)
            })
            .collect();
        let crowded = filling
            .iter()
            .filter(|&&f| f > NEIGHBOUR_FILL + 1e-3)
            .count();
        assert!(
            crowded * 10 <= filling.len() + 10,
            "{crowded} of {} fill more of the way to a neighbour than {NEIGHBOUR_FILL}",
            filling.len()
        );
        // The links thin with the nodes.
        let width = |viewport: Rect| {
            let scene = scene_of(&session, &View::default(), viewport);
            scene.edges.iter().map(|e| e.width).fold(0.0, f32::max)
        };
        let room = Rect::from_min_size(Pos2::ZERO, vec2(6000.0, 6000.0));
        assert!(
            width(cramped) < width(room),
            "{} < {}",
            width(cramped),
            width(room)
        );
    }

    #[test]
    fn the_built_in_network_has_room_for_its_nodes_at_720p() {
        let session = builtin();
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let centers = node_centers_of(&session, &View::default(), viewport);
        let sizes = with_inputs(&session, &View::default(), viewport, |inputs| {
            node_sizes(inputs, &centers)
        });
        assert_eq!(sizes.shrink, 1.0);
    }

    #[test]
    fn a_search_lighting_thousands_of_links_keeps_the_crowd_thinned() {
        // "supplied" matches a quarter of the links: 15,000 of 60,000.
        let session = crowd(30_000, 60_000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(500.0, 400.0));
        let view = View {
            search: "supplied".to_owned(),
            ..View::default()
        };
        let lens = Lens::compute(&session.dataset, &session.network, &view);
        assert!(lens.highlighted_relations().count() > EDGE_BUDGET);
        let scene = scene_of(&session, &view, viewport);
        assert!(
            scene.edges.len() <= EDGE_BUDGET + EDGE_BUDGET / 2,
            "{} links drawn",
            scene.edges.len()
        );
    }

    #[test]
    fn a_crowded_view_draws_the_largest_node_of_each_spot_and_the_most_important_links() {
        let session = crowd(30_000, 60_000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(500.0, 400.0));
        let scene = scene_of(&session, &View::default(), viewport);
        assert!(
            scene.nodes.len() < 30_000 && scene.nodes.len() > 1_000,
            "{} nodes drawn",
            scene.nodes.len()
        );
        // No two nodes drawn share a cell; the one drawn is the largest of its cell.
        let cell = |p: Pos2| ((p.x / DOT_CELL) as i64, (p.y / DOT_CELL) as i64);
        let mut drawn = std::collections::HashMap::new();
        for node in &scene.nodes {
            assert!(drawn.insert(cell(node.center), node.radius).is_none());
        }
        let centers = node_centers_of(&session, &View::default(), viewport);
        let radii = node_radii_of(&session, &View::default(), viewport, &centers);
        for (i, c) in centers.iter().enumerate() {
            if viewport.contains(*c) {
                let largest = drawn
                    .get(&cell(*c))
                    .expect("every occupied spot draws a node");
                assert!(
                    radii[i] <= *largest,
                    "entity {i} is larger than its spot's node"
                );
            }
        }
        // The most important links, plainly.
        assert_eq!(scene.edges.len(), EDGE_BUDGET);
        // (Loops left out: they are drawn large and say little in a crowd.)
        let mut expected: Vec<RelationIdx> = session
            .index
            .relations_by_importance
            .iter()
            .filter(|r| r.source != r.target)
            .take(EDGE_BUDGET)
            .map(|r| r.relation)
            .collect();
        let mut shown: Vec<RelationIdx> = scene.edges.iter().map(|e| e.relation).collect();
        expected.sort_unstable();
        shown.sort_unstable();
        assert_eq!(shown, expected);
        assert!(scene.edges.iter().all(|e| !e.arrow && e.dash.is_none()));
        let note = scene.note.expect("a note says what is left out");
        // A generated network has no quotes: its links are not "best-sourced".
        assert!(
            note.contains("10,000 heaviest and best-connected links"),
            "{note}"
        );
        assert!(note.contains("of 30,000"), "{note}");
        // Names for the largest only, never over one another.
        assert!(scene.labels.len() <= CROWDED_LABELS_TRIED);
        assert!(!scene.labels.is_empty());
        for (i, a) in scene.labels.iter().enumerate() {
            assert!(
                scene.labels[i + 1..]
                    .iter()
                    .all(|b| !a.rect.intersects(b.rect))
            );
        }
    }

    #[test]
    fn a_crowded_view_still_draws_the_selection_and_its_links_in_full() {
        let session = crowd(30_000, 60_000);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(500.0, 400.0));
        // The least connected entity: the last a crowded view would pick.
        let selected = (0..30_000)
            .map(EntityIdx)
            .filter(|&e| session.index.degree(e) > 0)
            .min_by_key(|&e| session.index.degree(e))
            .expect("a connected entity");
        let view = View {
            selection: Selection::Entity(selected),
            ..View::default()
        };
        let scene = scene_of(&session, &view, viewport);
        assert!(scene.nodes.iter().any(|n| n.entity == selected));
        let links = session.network.incident(selected);
        for relation in &links {
            let edge = scene
                .edges
                .iter()
                .find(|e| e.relation == *relation)
                .expect("the selection's links are drawn");
            let directed = session.dataset.relations[relation.0].directed;
            assert_eq!(edge.arrow, directed, "in full, arrow head and all");
        }
        assert!(
            scene
                .labels
                .iter()
                .any(|l| l.of == LabelOf::Entity(selected)),
            "the selection is named"
        );
    }

    #[test]
    fn the_legend_keys_only_the_line_styles_the_network_has() {
        let line_texts = |session: &Session| -> Vec<String> {
            let colouring = Colouring::new(session, &crate::view::ColourBy::Kind);
            let view = View::default();
            let lens = Lens::compute(&session.dataset, &session.network, &view);
            legend_items((session, &view, &lens), &colouring, None, false)
                .into_iter()
                .filter(|item| matches!(item.mark, LegendMark::Line { .. }))
                .map(|item| item.text)
                .collect()
        };
        // The article's network: the hedges it uses (no allegation stands undenied), unclear
        // included, and several sources.
        assert_eq!(
            line_texts(&builtin()),
            ["claimed", "denied", "unclear", "wider: more documents"]
        );
        // A chain a → b → c, the second link with `status`.
        let chain = |status| {
            let dataset = crate::model::test_networks::network_of(&[
                ("r1", "a", "supplied", "b", "reported"),
                ("r2", "b", "supplied", "c", status),
            ]);
            let report = formats::LoadReport::default();
            Session::new(formats::Loaded { dataset, report }, None)
        };
        // A network of reported relations with one source each keys no line style.
        assert!(line_texts(&chain("reported")).is_empty());
        // One allegation keys its dots, and nothing else.
        assert_eq!(line_texts(&chain("alleged")), ["alleged"]);
        // A file with weights and no documents (a Gephi or Kumu export): width shows weight.
        let mut weighted = chain("reported");
        let mut dataset = std::mem::take(&mut weighted.dataset);
        dataset.relations[0].weight = Some(8.0);
        dataset.relations[1].weight = Some(1.0);
        let weighted = Session::new(
            formats::Loaded {
                dataset,
                report: formats::LoadReport::default(),
            },
            None,
        );
        assert_eq!(line_texts(&weighted), ["wider: heavier (weight)"]);
    }

    /// Line width shows the documents behind a link; in a file without them, its weight
    /// (Apple–TSMC at 8 had been drawn as thin as Zeiss–Schott at 1).
    #[test]
    fn wider_lines_show_documents_or_else_weights() {
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let widths = |weights: [Option<f64>; 3]| {
            let mut dataset = crate::model::test_networks::network_of(&[
                ("r1", "a", "supplied", "b", "reported"),
                ("r2", "b", "supplied", "c", "reported"),
                ("r3", "c", "supplied", "d", "reported"),
            ]);
            for (relation, weight) in dataset.relations.iter_mut().zip(weights) {
                relation.weight = weight;
            }
            let report = formats::LoadReport::default();
            let session = Session::new(formats::Loaded { dataset, report }, None);
            let scene = scene_of(&session, &View::default(), viewport);
            let mut widths: Vec<(usize, f32)> = scene
                .edges
                .iter()
                .map(|e| (e.relation.0, e.width))
                .collect();
            widths.sort_by_key(|&(r, _)| r);
            widths.into_iter().map(|(_, w)| w).collect::<Vec<f32>>()
        };
        let [heavy, light, unweighted] = widths([Some(8.0), Some(1.0), None])[..] else {
            panic!("three links drawn");
        };
        assert!(heavy > light + 2.0, "{heavy} vs {light}");
        assert_eq!(light, unweighted, "no weight: the thinnest");
        let alike = widths([Some(3.0), Some(3.0), None]);
        assert!(alike.iter().all(|&w| w == alike[0]), "{alike:?}");
    }

    #[test]
    fn a_slide_keys_what_its_step_lights_without_counts() {
        let session = builtin();
        let dataset = &session.dataset;
        let colouring = Colouring::new(&session, &crate::view::ColourBy::Kind);
        let mut slides = 0;
        for step in 0..dataset.stories[0].steps.len() {
            let view = crate::view::story::Presenter::at(dataset, 0, step)
                .and_then(|p| p.view(dataset, &View::default()))
                .expect("a step's view");
            let lens = Lens::compute(&session.dataset, &session.network, &view);
            let Some(lit) = lit_on(&session, &lens) else {
                continue;
            };
            slides += 1;
            let key = legend_items((&session, &view, &lens), &colouring, None, true);
            let keyed: BTreeSet<EntityKind> = key.iter().filter_map(|item| item.kind).collect();
            assert_eq!(keyed, lit.kinds, "step {step}");
            for item in &key {
                assert!(!item.text.contains('('), "step {step}: {}", item.text);
                if let LegendMark::Line { .. } = item.mark {
                    let status = RelationStatus::parse(&item.text);
                    assert!(
                        status.is_some_and(|s| lit.statuses.contains(&s)),
                        "step {step}: {} is keyed but not lit",
                        item.text
                    );
                }
            }
            // The analyst's key of the same view keys every kind, counted.
            let whole = legend_items((&session, &view, &lens), &colouring, None, false);
            assert!(whole.len() > key.len(), "step {step}");
        }
        assert!(slides > 1, "steps light something");
    }

    #[test]
    fn the_crowd_note_says_how_links_were_chosen() {
        let note = |sourced| thinned_note(Some(10_000), 10, 10, sourced).unwrap();
        assert!(note(true).contains("the 10,000 best-sourced links"));
        assert!(note(false).contains("the 10,000 heaviest and best-connected links"));
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(500_000), "500,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn camera_of(session: &Session, view: &View, viewport: Rect) -> Camera {
        view.camera
            .for_frame(session.layout.bounds(), viewport.size())
    }

    fn node_centers_of(session: &Session, view: &View, viewport: Rect) -> Vec<Pos2> {
        let camera = camera_of(session, view, viewport);
        (0..session.dataset.entities.len())
            .map(|i| camera.to_screen(viewport, session.layout.position(EntityIdx(i))))
            .collect()
    }

    fn node_radii_of(session: &Session, view: &View, viewport: Rect, centers: &[Pos2]) -> Vec<f32> {
        with_inputs(session, view, viewport, |inputs| {
            node_sizes(inputs, centers).radii
        })
    }
}
