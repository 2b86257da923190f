//! What the drawings in a yEd, yEd Live or yFiles for HTML GraphML file hold that Chainsight
//! does not keep, for the Load report. The GraphML reader takes a drawing's label, position,
//! fill colour and arrows; [`DrawingReader`] follows the same elements as they stream by
//! and sets the kinds of [`Detail`] the rest of the drawing gives (a shape, a border, a
//! label's font, an edge's line style...), and [`DrawingTally`] counts them, each at most
//! once per node or edge, into one note.
//!
//! What a yEd drawing is: the shape element a node's or an edge's graphics data holds
//! (`y:ShapeNode`, `y:GenericNode`, `y:PolyLineEdge`...), or for a group the state its
//! `y:ProxyAutoBoundsNode` shows (the other state is counted as one detail, not looked
//! into). What a yFiles for HTML or yEd Live drawing is: the `<x:List>` of `<y:Label>`s of
//! `NodeLabels` and `EdgeLabels`, the `<y:RectD>` of `NodeGeometry`, the style element of
//! `NodeStyle`. Other vendor data (Maltego's entities) is no drawing and gives no detail.
//! Named data holding only markup that gives nothing read (yEd Live's `EdgeStyle`) is not
//! counted here: the reader names it whole in its "data not kept" note.

use std::collections::BTreeMap;

use super::Element;

/// A kind of drawing detail that is not kept, in the order the note lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Detail {
    /// A node's shape (`<y:Shape>`, a generic node's configuration and style properties, a
    /// shadow, a yFiles node style).
    Shape,
    /// A node's width and height (and a group's insets).
    Size,
    /// A node's border: its colour, width and dashes.
    Border,
    /// A fill's second colour (the first is the node's colour).
    FillGradient,
    /// The picture an SVG or image node shows.
    Picture,
    /// The state of a group that is not shown (open or closed).
    GroupState,
    /// The shown label's font, colours and placement.
    LabelStyle,
    /// Labels after the first, text and all.
    MoreLabels,
    /// An edge's line: its colour, width and dashes.
    LineStyle,
    /// An edge's bends, curve and where its ends sit on the nodes.
    Route,
    /// Arrows drawn on an edge the file says is undirected.
    UndirectedArrows,
    /// Anything else in a drawing (a UML class's members, a table's rows...).
    Other,
}

impl Detail {
    const ALL: [Detail; 12] = [
        Detail::Shape,
        Detail::Size,
        Detail::Border,
        Detail::FillGradient,
        Detail::Picture,
        Detail::GroupState,
        Detail::LabelStyle,
        Detail::MoreLabels,
        Detail::LineStyle,
        Detail::Route,
        Detail::UndirectedArrows,
        Detail::Other,
    ];

    /// What the note calls it.
    pub fn name(self) -> &'static str {
        match self {
            Detail::Shape => "shape",
            Detail::Size => "size",
            Detail::Border => "border",
            Detail::FillGradient => "fill gradient",
            Detail::Picture => "picture",
            Detail::GroupState => "group's other state",
            Detail::LabelStyle => "label style",
            Detail::MoreLabels => "labels after the first",
            Detail::LineStyle => "line style",
            Detail::Route => "bends and curves",
            Detail::UndirectedArrows => "arrows on undirected edges",
            Detail::Other => "other",
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The kinds of detail one node's or edge's drawings hold, each once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Details(u16);

impl Details {
    /// Adds `detail`, if not held already.
    pub fn insert(&mut self, detail: Detail) {
        self.0 |= detail.bit();
    }

    /// Adds every kind `other` holds.
    pub fn extend(&mut self, other: Details) {
        self.0 |= other.0;
    }

    /// The kinds held, in the note's order.
    pub fn iter(self) -> impl Iterator<Item = Detail> {
        Detail::ALL
            .into_iter()
            .filter(move |detail| self.0 & detail.bit() != 0)
    }
}

/// What a drawing's first element says its elements are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Root {
    /// Nothing read yet, or no drawing.
    #[default]
    Unknown,
    /// A yEd shape element; `edge` for an edge's.
    Yed { edge: bool },
    /// yFiles for HTML's `<x:List>` of `<y:Label>`s.
    Labels,
    /// yFiles for HTML's `<y:RectD>`: the geometry.
    Rectangle,
    /// yFiles for HTML's node style (`yjs:ShapeNodeStyle`...).
    NodeStyle,
}

/// The elements yEd draws a node or an edge with.
const YED_SHAPES: [&str; 16] = [
    "ShapeNode",
    "GenericNode",
    "GroupNode",
    "GenericGroupNode",
    "ImageNode",
    "SVGNode",
    "UMLClassNode",
    "UMLNoteNode",
    "TableNode",
    "ProxyAutoBoundsNode",
    "PolyLineEdge",
    "ArcEdge",
    "BezierEdge",
    "SplineEdge",
    "QuadCurveEdge",
    "GenericEdge",
];

impl Root {
    fn of(element: &Element) -> Root {
        let local = element.local.as_str();
        if YED_SHAPES.contains(&local) {
            Root::Yed {
                edge: local.ends_with("Edge"),
            }
        } else if local == "List" {
            Root::Labels
        } else if local == "RectD" {
            Root::Rectangle
        } else if local.ends_with("NodeStyle") {
            Root::NodeStyle
        } else {
            Root::Unknown
        }
    }
}

/// A label element being read.
struct LabelFrame {
    level: usize,
    /// Whether it gives anything besides its text: a font, a colour, a placement.
    styled: bool,
    has_text: bool,
}

/// Reads one `<data>`'s drawing as its elements stream by and says what of it is not kept.
/// Levels count from the data's children (1).
#[derive(Default)]
pub(crate) struct DrawingReader {
    root: Root,
    details: Details,
    /// The level of the yEd shape element whose children draw the node or edge.
    shape: Option<usize>,
    /// Inside a group's `<y:Realizers active>`: the active one's place and how many were seen.
    realizers: Option<(usize, usize)>,
    /// The level of a group state not shown, inside which nothing is looked at.
    hidden: Option<usize>,
    label: Option<LabelFrame>,
    /// Labels with text so far: the first is the one read.
    labels: usize,
}

impl DrawingReader {
    /// An element starts at `level`.
    pub fn start(&mut self, element: &Element, level: usize) {
        if self.hidden.is_some_and(|hidden| level > hidden) {
            return;
        }
        if let Some(label) = &mut self.label
            && level > label.level
        {
            // A label model, a style, a size: anything but the text itself.
            label.styled |= element.local != "Label.Text";
            return;
        }
        if level == 1 {
            self.root = Root::of(element);
            self.shape = None;
            self.realizers = None;
            match self.root {
                Root::Yed { edge } if element.local != "ProxyAutoBoundsNode" => {
                    self.shape_start(element, level, edge);
                }
                Root::Rectangle => self.size(element, ["Width", "Height"]),
                Root::NodeStyle => self.node_style(element),
                _ => {}
            }
            return;
        }
        match self.root {
            Root::Yed { edge } => self.yed_start(element, level, edge),
            Root::Labels if level == 2 => {
                if element.local == "Label" {
                    self.open_label(element, level);
                } else {
                    self.details.insert(Detail::Other);
                }
            }
            // A style's stroke or fill given as an element, a gradient, a shape's settings.
            Root::NodeStyle if level == 2 => {
                let local = element.local.to_ascii_lowercase();
                if local.contains("stroke") {
                    self.details.insert(Detail::Border);
                } else if !local.contains("fill") {
                    self.details.insert(Detail::Shape);
                }
            }
            _ => {}
        }
    }

    /// Text inside the drawing.
    pub fn text(&mut self, text: &str) {
        if let Some(label) = &mut self.label
            && !text.trim().is_empty()
        {
            label.has_text = true;
        }
    }

    /// The element at `level` ends.
    pub fn end(&mut self, level: usize) {
        if self
            .label
            .as_ref()
            .is_some_and(|label| label.level == level)
            && let Some(label) = self.label.take()
            && label.has_text
        {
            self.labels += 1;
            if self.labels > 1 {
                self.details.insert(Detail::MoreLabels);
            } else if label.styled {
                self.details.insert(Detail::LabelStyle);
            }
        }
        if self.shape == Some(level) {
            self.shape = None;
        }
        if self.hidden == Some(level) {
            self.hidden = None;
        }
    }

    /// What the drawing held that is not kept.
    pub fn details(&self) -> Details {
        self.details
    }

    /// An element inside a yEd drawing, below its first element.
    fn yed_start(&mut self, element: &Element, level: usize, edge: bool) {
        let local = element.local.as_str();
        match self.shape {
            Some(shape) if level == shape + 1 => self.shape_child(element, level, edge),
            // A bend.
            Some(shape) if level == shape + 2 && local == "Point" => {
                self.details.insert(Detail::Route);
            }
            Some(_) => {}
            // Inside a group's `y:ProxyAutoBoundsNode`: one shape element for each state.
            None if level == 2 && local == "Realizers" => {
                let active = element
                    .attr("active")
                    .and_then(|active| active.trim().parse().ok())
                    .unwrap_or(0);
                self.realizers = Some((active, 0));
            }
            None if level == 3 && self.realizers.is_some() => {
                if let Some((active, seen)) = &mut self.realizers {
                    let shown = *seen == *active;
                    *seen += 1;
                    if shown {
                        self.shape_start(element, level, edge);
                    } else {
                        self.details.insert(Detail::GroupState);
                        self.hidden = Some(level);
                    }
                }
            }
            None => self.details.insert(Detail::Other),
        }
    }

    /// The yEd shape element that draws the node or edge, at `level`.
    fn shape_start(&mut self, element: &Element, level: usize, edge: bool) {
        self.shape = Some(level);
        match element.local.as_str() {
            "SVGNode" | "ImageNode" => self.details.insert(Detail::Picture),
            "ArcEdge" | "BezierEdge" | "SplineEdge" | "QuadCurveEdge" => {
                self.details.insert(Detail::Route);
            }
            "TableNode" => self.details.insert(Detail::Other),
            _ => {}
        }
        // A generic node's or edge's look is named by its configuration.
        if has(element, "configuration") {
            self.details.insert(if edge {
                Detail::LineStyle
            } else {
                Detail::Shape
            });
        }
    }

    /// A child of the shape element: a part of the drawing.
    fn shape_child(&mut self, element: &Element, level: usize, edge: bool) {
        let says = |name: &str, value: &str| {
            element
                .attr(name)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
        };
        let detail = match element.local.as_str() {
            "NodeLabel" | "EdgeLabel" => {
                self.open_label(element, level);
                return;
            }
            "Geometry" => {
                self.size(element, ["width", "height"]);
                return;
            }
            "Fill" if has(element, "color2") => Detail::FillGradient,
            "BorderStyle" if !(says("hasColor", "false") || says("type", "none")) => Detail::Border,
            "StyleProperties" if edge => Detail::LineStyle,
            // Where the ends sit on the nodes, when not at their centres.
            "Path"
                if ["sx", "sy", "tx", "ty"]
                    .iter()
                    .any(|name| non_zero(element, name)) =>
            {
                Detail::Route
            }
            "BendStyle" if says("smoothed", "true") => Detail::Route,
            // Read (the fill colour, the arrows), drawing nothing (no border, straight
            // lines between centres), or saying which state a group is in.
            "Fill" | "Arrows" | "BorderStyle" | "Path" | "BendStyle" | "State" => return,
            "Shape" | "DropShadow" | "StyleProperties" => Detail::Shape,
            "SVGNodeProperties" | "SVGModel" | "Image" => Detail::Picture,
            "Insets" | "BorderInsets" | "NodeBounds" => Detail::Size,
            "LineStyle" => Detail::LineStyle,
            "Arc" => Detail::Route,
            _ => Detail::Other,
        };
        self.details.insert(detail);
    }

    /// A yFiles for HTML node style: its shape, and its stroke (the border); its fill is read.
    fn node_style(&mut self, element: &Element) {
        let pictured = element.local.contains("Image");
        self.details.insert(if pictured {
            Detail::Picture
        } else {
            Detail::Shape
        });
        if element.attr("stroke").is_some_and(|stroke| {
            !matches!(
                stroke.trim().to_ascii_lowercase().as_str(),
                "" | "none" | "transparent"
            )
        }) {
            self.details.insert(Detail::Border);
        }
    }

    fn open_label(&mut self, element: &Element, level: usize) {
        self.label = Some(LabelFrame {
            level,
            styled: element.attrs().any(|(name, _)| !name.starts_with("xmlns")),
            has_text: false,
        });
    }

    /// A size, where the attributes `names` (width, height) give one.
    fn size(&mut self, element: &Element, names: [&str; 2]) {
        if names.iter().any(|name| non_zero(element, name)) {
            self.details.insert(Detail::Size);
        }
    }
}

fn has(element: &Element, name: &str) -> bool {
    element
        .attr(name)
        .is_some_and(|value| !value.trim().is_empty())
}

/// Whether the attribute `name` is a number other than 0.
fn non_zero(element: &Element, name: &str) -> bool {
    element
        .attr(name)
        .and_then(|value| value.trim().parse::<f64>().ok())
        .is_some_and(|value| value.is_finite() && value != 0.0)
}

/// What the drawings gave that was used, named in the note's parenthesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Used {
    Labels,
    Positions,
    FillColours,
    Arrows,
}

impl Used {
    fn name(self) -> &'static str {
        match self {
            Used::Labels => "labels",
            Used::Positions => "positions",
            Used::FillColours => "fill colours",
            Used::Arrows => "arrows",
        }
    }
}

/// The details not kept of a file's drawings, counted per node or edge, and what the
/// drawings gave that was used.
#[derive(Default)]
pub(crate) struct DrawingTally {
    counts: BTreeMap<Detail, usize>,
    used: [bool; 4],
}

impl DrawingTally {
    /// Counts the details of one node's or edge's drawings.
    pub fn add(&mut self, details: Details) {
        for detail in details.iter() {
            *self.counts.entry(detail).or_default() += 1;
        }
    }

    /// Notes that some drawing gave `used`.
    pub fn used(&mut self, used: Used) {
        if let Some(flag) = self.used.get_mut(used as usize) {
            *flag = true;
        }
    }

    /// The note, as the GML and XGMML readers word theirs: "drawing details not kept
    /// (labels and positions are): shape (4), border (4)". `None` where nothing was left.
    pub fn note(&self) -> Option<String> {
        if self.counts.is_empty() {
            return None;
        }
        let used: Vec<&str> = [
            Used::Labels,
            Used::Positions,
            Used::FillColours,
            Used::Arrows,
        ]
        .into_iter()
        .filter(|used| self.used.get(*used as usize).copied().unwrap_or(false))
        .map(Used::name)
        .collect();
        let used = match used.split_last() {
            None => String::new(),
            Some((last, [])) => format!(" ({last} are)"),
            Some((last, rest)) => format!(" ({} and {last} are)", rest.join(", ")),
        };
        let listed: Vec<String> = self
            .counts
            .iter()
            .map(|(detail, count)| format!("{} ({count})", detail.name()))
            .collect();
        Some(format!(
            "drawing details not kept{used}: {}",
            listed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_listed_in_order_once_each() {
        let mut details = Details::default();
        assert_eq!(details.iter().count(), 0);
        details.insert(Detail::LineStyle);
        details.insert(Detail::Shape);
        details.insert(Detail::Shape);
        let mut more = Details::default();
        more.insert(Detail::Other);
        details.extend(more);
        assert_eq!(
            details.iter().collect::<Vec<_>>(),
            [Detail::Shape, Detail::LineStyle, Detail::Other]
        );
    }

    #[test]
    fn the_note_counts_nodes_and_edges_per_kind_and_says_what_was_used() {
        let mut tally = DrawingTally::default();
        assert_eq!(tally.note(), None, "nothing left, no note");
        let mut node = Details::default();
        node.insert(Detail::Shape);
        node.insert(Detail::Border);
        tally.add(node);
        tally.add(node);
        let mut edge = Details::default();
        edge.insert(Detail::LineStyle);
        tally.add(edge);
        assert_eq!(
            tally.note().as_deref(),
            Some("drawing details not kept: shape (2), border (2), line style (1)")
        );
        tally.used(Used::Positions);
        assert_eq!(
            tally.note().as_deref(),
            Some("drawing details not kept (positions are): shape (2), border (2), line style (1)")
        );
        tally.used(Used::Arrows);
        tally.used(Used::Labels);
        tally.used(Used::FillColours);
        assert_eq!(
            tally.note().as_deref(),
            Some(
                "drawing details not kept (labels, positions, fill colours and arrows are): \
                 shape (2), border (2), line style (1)"
            )
        );
    }
}
