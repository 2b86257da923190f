//! The [`Scene`] as a standalone SVG document that draws what the graph view paints
//! (`ui::graph_view::paint`), the same things the same way: the canvas, the edges (dashed for
//! hedged relations, a "×" on denied ones, arrow heads), the nodes with their outlines and
//! pinned dots, the labels on their rounded backdrops, the note at the top left and a story
//! step's caption box at the bottom. Below the graph comes the legend, as a strip like the
//! window's: the document is as wide as the scene's viewport and taller than it by
//! [`legend_height`], so the legend never hides a node or the caption.
//!
//! One difference, on purpose: past a few thousand nodes or edges the window batches them
//! into plain meshes (octagons without outlines) to keep frames fast; the SVG always draws
//! circles with their outlines and anti-aliased lines, which print better.
//!
//! Coordinates are the scene's own screen points (the `viewBox` starts at the viewport's
//! corner). Text names egui's fonts — Ubuntu Light, then the emoji fonts and the DejaVu Sans
//! symbols Chainsight adds — with `sans-serif` last; the PNG export loads those very fonts.
//! Wrapping (caption, legend) is done here with the window's font metrics ([`MeasureText`]),
//! since SVG does not wrap text.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, pos2, vec2};

use crate::palette::Palette;
use crate::scene::{
    Caption, LegendItem, LegendMark, MeasureText, PLACEHOLDER_DASH, Scene, SceneNode, ring,
};

/// The font families, in egui's order for proportional text, as the font files name them.
pub const FONT_FAMILY: &str = "Ubuntu, 'Noto Emoji', emoji, 'DejaVu Sans', sans-serif";
/// Ubuntu Light's weight: a viewer that has Ubuntu picks the light face egui draws with.
const FONT_WEIGHT: &str = "300";
/// Where the baseline lies below the top of a row of text, in ems (Ubuntu's ascent, as egui
/// places it).
pub(crate) const BASELINE_EM: f32 = 0.932;
pub(crate) use crate::scene::caption::ROW_HEIGHT_EM;

/// Legend strip: margin around its entries, gap between them, as in the window.
const LEGEND_MARGIN: egui::Vec2 = vec2(8.0, 6.0);
const LEGEND_GAP: egui::Vec2 = vec2(16.0, 4.0);
/// Legend mark: the box it is drawn in, and the space before its text.
const LEGEND_MARKER: egui::Vec2 = vec2(22.0, 14.0);
const LEGEND_MARKER_GAP: f32 = 6.0;

/// Height of the legend strip below the graph, in whole points (so an export of whole pixels
/// stays whole): the entries wrapped to `width` as the window wraps them. 0 for no legend.
pub fn legend_height(
    legend: &[LegendItem],
    width: f32,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> f32 {
    let rows = legend_rows(legend, width, palette, measure);
    match rows.last() {
        None => 0.0,
        Some(last) => (last.top + last.height + LEGEND_MARGIN.y).ceil(),
    }
}

/// The scene as an SVG document, `viewport` wide and [`legend_height`] taller than the
/// viewport. Text is measured with `measure` (the fonts the scene was built with).
pub fn scene_to_svg(scene: &Scene, measure: &dyn MeasureText) -> String {
    let palette = &scene.palette;
    let viewport = scene.viewport;
    let legend = legend_height(&scene.legend, viewport.width(), palette, measure);
    let (width, height) = (viewport.width(), viewport.height() + legend);
    let mut svg = Svg::default();
    let _ = write!(
        svg.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" \
         viewBox=\"{} {} {} {}\" font-family=\"{}\" font-weight=\"{FONT_WEIGHT}\">\n",
        num(width),
        num(height),
        num(viewport.left()),
        num(viewport.top()),
        num(width),
        num(height),
        escape(FONT_FAMILY, true),
    );
    svg.rect(
        Rect::from_min_size(viewport.min, vec2(width, height)),
        0.0,
        Fill::Paint(palette.canvas),
    );
    svg.out
        .push_str("<g stroke-linecap=\"butt\" stroke-linejoin=\"round\">\n");
    for edge in &scene.edges {
        if let Some((width, colour)) = edge.halo {
            svg.polyline(&edge.points(), width, colour, None);
        }
    }
    for edge in &scene.edges {
        svg.polyline(&edge.points(), edge.width, edge.colour, edge.dash);
        if edge.cross {
            svg.cross(edge.middle(), edge.colour);
        }
        if let Some(head) = edge.arrow_head() {
            svg.polygon(&head, edge.colour);
        }
    }
    svg.out.push_str("</g>\n");
    for node in &scene.nodes {
        svg.node(node);
    }
    for label in &scene.labels {
        if let Some(leader) = label.leader {
            let (width, colour) = label.leader_stroke;
            svg.polyline(&leader, width, colour, label.leader_dash);
            if label.leader_dash.is_some() {
                svg.circle(leader[0], width + 1.0, Fill::Paint(colour), None);
            }
        }
        svg.rect(label.rect, 4.0, Fill::Paint(label.backdrop));
        svg.text(
            pos2(
                label.rect.center().x,
                centred_baseline(label.rect.center().y, label.font_size),
            ),
            Anchor::Middle,
            &label.text,
            label.font_size,
            label.colour,
        );
    }
    overlays(&mut svg, scene, measure);
    if let Some(caption) = &scene.caption {
        caption_box(&mut svg, viewport, caption, palette, measure);
    }
    if legend > 0.0 {
        legend_strip(&mut svg, scene, legend, measure);
    }
    svg.out.push_str("</svg>\n");
    svg.out
}

/// What is written over the graph: the note about what is left out (top left), the time
/// window shown (top right) and the credit (bottom right).
fn overlays(svg: &mut Svg, scene: &Scene, measure: &dyn MeasureText) {
    let (viewport, palette) = (scene.viewport, &scene.palette);
    if let Some(note) = &scene.note {
        let backdrop = crate::scene::note_rect(viewport, note, palette, measure);
        let words = (palette.legend_size, palette.edge_label);
        svg.on_backdrop((backdrop, 4.0), palette.label_backdrop, note, words);
    }
    if let Some((credit, backdrop)) = &scene.credit {
        let words = (palette.legend_size, palette.edge_label);
        svg.on_backdrop((*backdrop, 4.0), palette.label_backdrop, credit, words);
    }
    if let Some(stamp) = &scene.time_stamp {
        let backdrop = crate::scene::time_stamp_rect(viewport, stamp, palette, measure);
        let words = (palette.caption_size * 1.5, palette.node_label);
        svg.on_backdrop((backdrop, 6.0), palette.label_backdrop, stamp, words);
    }
}

/// The baseline of one row of text centred on `centre_y`.
fn centred_baseline(centre_y: f32, font_size: f32) -> f32 {
    centre_y + (BASELINE_EM - ROW_HEIGHT_EM / 2.0) * font_size
}

/// The caption box, as the window draws it (`scene::caption::layout`): the title in the
/// accent colour, then the text, wrapped to the box at the bottom of the graph.
fn caption_box(
    svg: &mut Svg,
    viewport: Rect,
    caption: &Caption,
    palette: &Palette,
    measure: &dyn MeasureText,
) {
    let layout = crate::scene::caption::layout(viewport, caption, palette, measure);
    let rect = layout.rect;
    svg.rect(rect, 8.0, Fill::Paint(palette.label_backdrop.to_opaque()));
    // egui strokes inside the rectangle; SVG strokes on its edge, so draw it half a width in.
    svg.rect(rect.shrink(0.75), 7.25, Fill::Stroke(1.5, palette.accent));
    let mut top = rect.top() + 12.0;
    for row in layout.rows {
        svg.text(
            pos2(rect.left() + 16.0, top + BASELINE_EM * row.font_size),
            Anchor::Start,
            &row.text,
            row.font_size,
            row.colour,
        );
        top += row.height;
    }
}

/// Where a legend entry goes in the strip.
struct LegendCell<'a> {
    item: &'a LegendItem,
    left: f32,
}

/// A row of legend entries; `top` is measured from the top of the strip.
struct LegendRow<'a> {
    top: f32,
    height: f32,
    cells: Vec<LegendCell<'a>>,
}

/// The entries laid out left to right, wrapping to `width` like egui's `horizontal_wrapped`.
fn legend_rows<'a>(
    legend: &'a [LegendItem],
    width: f32,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> Vec<LegendRow<'a>> {
    let right = width - LEGEND_MARGIN.x;
    let mut rows: Vec<LegendRow<'a>> = Vec::new();
    let mut x = LEGEND_MARGIN.x;
    for item in legend {
        let text = measure.text_size(&item.text, palette.legend_size);
        let cell_width = LEGEND_MARKER.x + LEGEND_MARKER_GAP + text.x;
        let cell_height = text.y.max(LEGEND_MARKER.y);
        let starts_row = match rows.last() {
            None => true,
            Some(row) => !row.cells.is_empty() && x + cell_width > right,
        };
        if starts_row {
            let top = rows
                .last()
                .map_or(LEGEND_MARGIN.y, |r| r.top + r.height + LEGEND_GAP.y);
            rows.push(LegendRow {
                top,
                height: 0.0,
                cells: Vec::new(),
            });
            x = LEGEND_MARGIN.x;
        }
        if let Some(row) = rows.last_mut() {
            row.height = row.height.max(cell_height);
            row.cells.push(LegendCell { item, left: x });
        }
        x += cell_width + LEGEND_GAP.x;
    }
    rows
}

/// The legend strip under the graph: a hairline, then each entry's mark and text.
fn legend_strip(svg: &mut Svg, scene: &Scene, height: f32, measure: &dyn MeasureText) {
    let palette = &scene.palette;
    let viewport = scene.viewport;
    let top = viewport.bottom();
    svg.rect(
        Rect::from_min_size(pos2(viewport.left(), top), vec2(viewport.width(), height)),
        0.0,
        Fill::Paint(palette.canvas),
    );
    svg.polyline(
        &[
            pos2(viewport.left(), top + 0.5),
            pos2(viewport.right(), top + 0.5),
        ],
        1.0,
        palette.faded(palette.edge),
        None,
    );
    let size = palette.legend_size;
    for row in legend_rows(&scene.legend, viewport.width(), palette, measure) {
        let centre_y = top + row.top + row.height / 2.0;
        for cell in row.cells {
            let left = viewport.left() + cell.left;
            let marker =
                Rect::from_min_size(pos2(left, centre_y - LEGEND_MARKER.y / 2.0), LEGEND_MARKER);
            legend_mark(svg, marker, cell.item.mark, palette);
            // A hidden kind's words are faded and struck through, as in the window.
            let hidden = matches!(cell.item.mark, LegendMark::HiddenDot(_));
            let colour = if hidden {
                palette.faded(palette.body_text)
            } else {
                palette.body_text
            };
            let text_left = left + LEGEND_MARKER.x + LEGEND_MARKER_GAP;
            svg.text(
                pos2(text_left, centred_baseline(centre_y, size)),
                Anchor::Start,
                &cell.item.text,
                size,
                colour,
            );
            if hidden {
                let width = measure.text_size(&cell.item.text, size).x;
                let y = centre_y + 1.0;
                svg.polyline(
                    &[pos2(text_left, y), pos2(text_left + width, y)],
                    1.0,
                    colour,
                    None,
                );
            }
        }
    }
}

/// A legend entry's mark in `marker`, as `ui::graph_view` paints it.
fn legend_mark(svg: &mut Svg, marker: Rect, mark: LegendMark, palette: &Palette) {
    match mark {
        LegendMark::Dot(colour) => svg.circle(marker.center(), 6.0, Fill::Paint(colour), None),
        LegendMark::HiddenDot(colour) => {
            svg.circle(marker.center(), 5.5, Fill::Stroke(1.5, colour), None);
        }
        LegendMark::Pinned(dot) => {
            svg.circle(marker.center(), 5.5, Fill::Stroke(1.0, palette.edge), None);
            svg.circle(marker.center(), 2.0, Fill::Paint(dot), None);
        }
        LegendMark::FaintLine => {
            let line = [marker.left_center(), marker.right_center()];
            svg.polyline(&line, 1.6, palette.faded(palette.edge), None);
        }
        LegendMark::Placeholder => {
            let ring = ring(marker.center(), 5.5);
            svg.polyline(&ring, 1.5, palette.edge, Some(PLACEHOLDER_DASH));
        }
        LegendMark::Line { dash, cross, width } => {
            svg.polyline(
                &[marker.left_center(), marker.right_center()],
                width,
                palette.edge,
                dash.map(|(dash, gap)| (dash * 0.8, gap * 0.8)),
            );
            if cross {
                svg.cross(marker.center(), palette.edge);
            }
        }
    }
}

/// How a shape is painted: filled, or only outlined (this wide).
#[derive(Clone, Copy)]
enum Fill {
    Paint(Color32),
    Stroke(f32, Color32),
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
}

/// The document being written.
#[derive(Default)]
struct Svg {
    out: String,
}

impl Svg {
    fn rect(&mut self, rect: Rect, corner: f32, fill: Fill) {
        if !finite(&[rect.min, rect.max]) {
            return;
        }
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            num(rect.left()),
            num(rect.top()),
            num(rect.width().max(0.0)),
            num(rect.height().max(0.0)),
        );
        if corner > 0.0 {
            let _ = write!(self.out, " rx=\"{}\"", num(corner));
        }
        self.fill(fill);
        self.out.push_str("/>\n");
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Fill, outline: Option<(f32, Color32)>) {
        if !finite(&[centre]) || !radius.is_finite() {
            return;
        }
        let _ = write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
            num(centre.x),
            num(centre.y),
            num(radius.max(0.0)),
        );
        self.fill(fill);
        if let Some((width, colour)) = outline
            && width > 0.0
        {
            self.paint("stroke", colour);
            let _ = write!(self.out, " stroke-width=\"{}\"", num(width));
        }
        self.out.push_str("/>\n");
    }

    /// A node as `ui::graph_view` paints it: its disc, its outline (dashed along its ring
    /// for a placeholder) and its pin's dot.
    fn node(&mut self, node: &SceneNode) {
        match node.outline_dash {
            Some(dash) => {
                self.circle(node.center, node.radius, Fill::Paint(node.fill), None);
                self.polyline(&node.ring(), node.outline_width, node.outline, Some(dash));
            }
            None => self.circle(
                node.center,
                node.radius,
                Fill::Paint(node.fill),
                Some((node.outline_width, node.outline)),
            ),
        }
        if let Some(dot) = node.pinned_dot {
            let radius = (node.radius * 0.3).max(2.0);
            self.circle(node.center, radius, Fill::Paint(dot), None);
        }
    }

    /// `text` on one line in `backdrop` (its margin `margin` all round), over the label
    /// backdrop, as `ui::graph_view` paints the note, the credit and the time stamp.
    fn on_backdrop(
        &mut self,
        (backdrop, margin): (Rect, f32),
        fill: Color32,
        text: &str,
        (size, colour): (f32, Color32),
    ) {
        self.rect(backdrop, margin, Fill::Paint(fill));
        let top_left = backdrop.shrink(margin).left_top();
        self.text(
            pos2(top_left.x, top_left.y + BASELINE_EM * size),
            Anchor::Start,
            text,
            size,
            colour,
        );
    }

    /// An open line through `points`; dashed with `(dash, gap)` lengths.
    fn polyline(&mut self, points: &[Pos2], width: f32, colour: Color32, dash: Option<(f32, f32)>) {
        if points.len() < 2 || !finite(points) {
            return;
        }
        self.out.push_str("<polyline points=\"");
        self.points(points);
        self.out.push_str("\" fill=\"none\"");
        self.paint("stroke", colour);
        let _ = write!(self.out, " stroke-width=\"{}\"", num(width));
        if let Some((dash, gap)) = dash {
            let _ = write!(self.out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
        self.out.push_str("/>\n");
    }

    fn polygon(&mut self, points: &[Pos2], colour: Color32) {
        if !finite(points) {
            return;
        }
        self.out.push_str("<polygon points=\"");
        self.points(points);
        self.out.push('"');
        self.paint("fill", colour);
        self.out.push_str("/>\n");
    }

    /// The small "×" of a denied relation.
    fn cross(&mut self, centre: Pos2, colour: Color32) {
        let d = 4.5;
        self.polyline(
            &[centre + vec2(-d, -d), centre + vec2(d, d)],
            2.0,
            colour,
            None,
        );
        self.polyline(
            &[centre + vec2(-d, d), centre + vec2(d, -d)],
            2.0,
            colour,
            None,
        );
    }

    /// One line of text with its baseline at `at.y`.
    fn text(&mut self, at: Pos2, anchor: Anchor, text: &str, font_size: f32, colour: Color32) {
        if !finite(&[at]) {
            return;
        }
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
            num(at.x),
            num(at.y),
            num(font_size),
        );
        if let Anchor::Middle = anchor {
            self.out.push_str(" text-anchor=\"middle\"");
        }
        self.paint("fill", colour);
        self.out.push_str(" xml:space=\"preserve\">");
        self.out.push_str(&escape(text, false));
        self.out.push_str("</text>\n");
    }

    fn points(&mut self, points: &[Pos2]) {
        for (k, p) in points.iter().enumerate() {
            if k > 0 {
                self.out.push(' ');
            }
            let _ = write!(self.out, "{},{}", num(p.x), num(p.y));
        }
    }

    fn fill(&mut self, fill: Fill) {
        match fill {
            Fill::Paint(colour) => self.paint("fill", colour),
            Fill::Stroke(width, colour) => {
                self.out.push_str(" fill=\"none\"");
                self.paint("stroke", colour);
                let _ = write!(self.out, " stroke-width=\"{}\"", num(width));
            }
        }
    }

    /// ` fill="#rrggbb"` (or `stroke`), with `fill-opacity` when the colour is translucent.
    fn paint(&mut self, what: &str, colour: Color32) {
        let [r, g, b, a] = colour.to_srgba_unmultiplied();
        let _ = write!(self.out, " {what}=\"#{r:02x}{g:02x}{b:02x}\"");
        if a < 255 {
            let _ = write!(
                self.out,
                " {what}-opacity=\"{}\"",
                num(f32::from(a) / 255.0)
            );
        }
    }
}

fn finite(points: &[Pos2]) -> bool {
    points.iter().all(|p| p.x.is_finite() && p.y.is_finite())
}

/// A coordinate with at most two decimals, without trailing zeros (`12`, `3.5`, `-0.25`).
fn num(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `text` as XML character data (or, with `attribute`, a double-quoted attribute value),
/// escaped as the GEXF and GraphML writers escape it.
pub fn escape(text: &str, attribute: bool) -> String {
    crate::formats::escape_xml(text, attribute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(3.5), "3.5");
        assert_eq!(num(-0.254), "-0.25");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1280.0), "1280");
    }

    #[test]
    fn escaping_leaves_nothing_xml_would_misread() {
        assert_eq!(
            escape("A&B <C> \"q\" 'a'", true),
            "A&amp;B &lt;C&gt; &quot;q&quot; 'a'"
        );
        assert_eq!(escape("a\u{1b}b\u{ffff}", false), "a\u{241b}b\u{fffd}");
        assert_eq!(escape("line\r\nnext", false), "line&#13;\nnext");
    }

    use crate::scene::caption::Monospaced;

    #[test]
    fn the_legend_wraps_to_more_rows_in_a_narrower_strip() {
        let items: Vec<LegendItem> = (0..12)
            .map(|k| LegendItem {
                text: format!("kind number {k}"),
                mark: LegendMark::Dot(Color32::RED),
                kind: None,
            })
            .collect();
        let palette = Palette::dark();
        let wide = legend_height(&items, 4000.0, &palette, &Monospaced);
        let narrow = legend_height(&items, 400.0, &palette, &Monospaced);
        assert!(wide > 0.0 && narrow > wide * 2.0, "{wide} {narrow}");
        assert_eq!(legend_height(&[], 400.0, &palette, &Monospaced), 0.0);
    }
}
