//! The network drawn as a force-directed graph: the [`Scene`] of this frame painted with egui,
//! and the input on it turned into commands. Pan by dragging the background, zoom with the
//! wheel, drag a node to pin it, click to select.
//!
//! Drawn with egui's painter rather than `egui_graphs::GraphView`, whose `show` requests a
//! repaint every frame: this view repaints only while the layout moves or the user acts.

use egui::{
    Align2, Color32, FontId, Pos2, Rect, Response, RichText, Sense, Shape, Stroke, Vec2, pos2, vec2,
};

use crate::command::Command;
use crate::model::EntityIdx;
use crate::palette::Palette;
use crate::scene::colouring::{Colouring, attribute_shares};
use crate::scene::{
    Caption, Hit, LabelOf, LegendMark, MeasureText, PLACEHOLDER_DASH, Scene, SceneEdge,
    SceneInputs, SceneNode, ring,
};
use crate::session::Session;
use crate::ui::theme;
use crate::view::{Camera, Lens, Selection, View, ViewCommand};

/// Above this many nodes in view, nodes are drawn as plain octagons rather than anti-aliased
/// discs.
const BATCH_NODES_FROM: usize = 2_000;
/// Above this many edges in view, edges are drawn as one batched mesh.
const BATCH_EDGES_FROM: usize = 2_000;

/// egui's fonts, as the scene measures text.
pub struct EguiText<'a>(pub &'a egui::Painter);

impl MeasureText for EguiText<'_> {
    fn text_size(&self, text: &str, font_size: f32) -> Vec2 {
        self.0
            .layout_no_wrap(
                text.to_owned(),
                FontId::proportional(font_size),
                Color32::WHITE,
            )
            .size()
    }
}

/// Whether, presenting, the pointer is where it was when the slide (the story step, or
/// presenting itself) last changed. A pointer left over the Present button or wherever the
/// last click was had lit whatever node each new step put under it: only a pointer moved on
/// the slide points at something. Called every frame, `pointer` or not: out of presenter
/// mode it forgets, for a place left from an earlier presentation made the pointer count as
/// moved wherever it rested on the next.
fn resting_since_the_slide_changed(
    ui: &egui::Ui,
    presenting: bool,
    caption_title: Option<String>,
    pointer: Option<egui::Pos2>,
) -> bool {
    let id = egui::Id::new("pointer-at-slide-change");
    if !presenting {
        ui.data_mut(|d| d.remove::<(Option<String>, egui::Pos2)>(id));
        return false;
    }
    let Some(pointer) = pointer else {
        return false;
    };
    let stored = ui.data(|d| d.get_temp::<(Option<String>, egui::Pos2)>(id));
    match stored {
        Some((title, at)) if title == caption_title => at.distance(pointer) < 3.0,
        _ => {
            ui.data_mut(|d| d.insert_temp(id, (caption_title, pointer)));
            true
        }
    }
}

/// Draws the session's network into all of `ui`'s remaining space and handles its input.
/// `caption`: a story step's words, shown over the graph. `presenting`: in presenter mode,
/// where a pointer resting on the slide shows no tooltips.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    caption: Option<Caption>,
    presenting: bool,
    commands: &mut Vec<Command>,
) -> Response {
    let palette = theme::palette(ui.ctx());
    // The legend gets its own strip below the graph so it never hides a node.
    egui::Panel::bottom("legend")
        .frame(egui::Frame::side_top_panel(ui.style()).fill(palette.canvas))
        .show(ui, |ui| {
            legend(ui, session, (view, lens), presenting, commands);
        });
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    keep_in_view_when_resized(ui, view, rect, commands);

    // While following, the view is fitted to the network (or a story step's part of it) as it
    // stands this frame.
    let layout = &session.layout;
    let caption_share = caption
        .as_ref()
        .map(|c| crate::scene::caption_share(rect, c, &palette, &EguiText(&painter)));
    let bounds = crate::scene::framed_bounds(&view.camera, layout, lens, caption_share);
    if view.camera.follow
        && let Some(bounds) = bounds
    {
        commands.push(Command::View(ViewCommand::FitTo {
            bounds,
            viewport: rect.size(),
        }));
    }
    let camera = glide(ui.ctx(), view.camera.for_frame(bounds, rect.size()));
    let caption_title = caption.as_ref().map(|c| c.title.clone());
    // What the pointer was over last frame is emphasised this frame (a frame's lag no one sees).
    let hover_id = egui::Id::new("graph-hover");
    let last_hover = ui.data(|d| d.get_temp::<Option<Hit>>(hover_id)).flatten();
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    let shares = view
        .size_by_attribute
        .as_ref()
        .map(|key| attribute_shares(ui.ctx(), session, key));
    let scene = Scene::build(
        &SceneInputs {
            session,
            lens,
            view,
            camera: &camera,
            viewport: rect,
            palette: &palette,
            colouring: &colouring,
            attribute_shares: shares.as_deref().map(Vec::as_slice),
            caption,
            hover: last_hover,
            credit: None,
        },
        &EguiText(&painter),
    );
    let pointer = response.hover_pos();
    let hover = pointer
        .filter(|_| !resting_since_the_slide_changed(ui, presenting, caption_title, pointer))
        .and_then(|p| scene.hit_test(p));
    if hover != last_hover {
        ui.data_mut(|d| d.insert_temp(hover_id, hover));
        ui.ctx().request_repaint();
    }

    handle_input(ui, &response, session, &camera, &scene, hover, commands);
    context_menu(ui, &response, session, view, hover, commands);
    paint(&painter, &scene);
    keys_hint(ui, &painter, rect, presenting && view.spotlight.is_some());
    // Labelled nodes, found in one pass over the nodes (a crowded view has tens of thousands).
    let labelled: std::collections::HashSet<EntityIdx> = scene
        .labels
        .iter()
        .filter_map(|label| match label.of {
            LabelOf::Entity(entity) => Some(entity),
            LabelOf::Relation(_) => None,
        })
        .collect();
    for node in scene.nodes.iter().filter(|n| labelled.contains(&n.entity)) {
        if let Some(e) = session.dataset.entity(node.entity) {
            accessible_node(
                ui.ctx(),
                node.entity,
                e,
                node.center,
                node.radius,
                node.emphasis,
            );
        }
    }
    let response = match hover {
        Some(Hit::Entity(_) | Hit::Relation(_)) => {
            response.on_hover_cursor(egui::CursorIcon::PointingHand)
        }
        None => response,
    };
    if hover.is_some() && !presenting {
        hover_tooltip(&response, |ui| hover_text(ui, session, hover));
    }
    response
}

/// A tooltip at the pointer, kept inside the graph: where it would run past the graph's
/// right edge it opens to the pointer's left, rather than over the side panel's evidence
/// (egui keeps it inside the window only).
fn hover_tooltip(response: &egui::Response, add_contents: impl FnOnce(&mut egui::Ui)) {
    let mut tooltip = egui::Tooltip::for_enabled(response).at_pointer().gap(12.0);
    let width = tooltip
        .popup
        .get_expected_size()
        .map_or(TOOLTIP_WIDTH_GUESS, |size| size.x);
    let pointer = response.hover_pos().unwrap_or(response.rect.left_top());
    if pointer.x + width > response.rect.right() {
        const LEFT_OF_POINTER: [egui::RectAlign; 1] = [egui::RectAlign::TOP_END];
        tooltip.popup = tooltip
            .popup
            .align(egui::RectAlign::BOTTOM_END)
            .align_alternatives(&LEFT_OF_POINTER);
    }
    tooltip.show(add_contents);
}

/// How wide a graph tooltip is taken to be before it has been shown once.
const TOOLTIP_WIDTH_GUESS: f32 = 300.0;

/// How long the keys of presenting are shown on entering it, the last second fading.
const KEYS_HINT_SECONDS: f64 = 5.0;

/// On entering presenter mode with a story, the keys that move through it, for a few seconds
/// at the top of the graph: nothing on screen had said that → moves on or that Esc leaves.
/// Not part of the scene: an export is no place for it.
fn keys_hint(ui: &egui::Ui, painter: &egui::Painter, rect: Rect, showing_a_story: bool) {
    let id = egui::Id::new("presenting-since");
    if !showing_a_story {
        ui.data_mut(|d| d.remove::<f64>(id));
        return;
    }
    let now = ui.input(|i| i.time);
    let since = ui.data_mut(|d| *d.get_temp_mut_or_insert_with(id, || now));
    let left = KEYS_HINT_SECONDS - (now - since);
    if left <= 0.0 {
        return;
    }
    ui.ctx().request_repaint();
    let opacity = left.min(1.0) as f32;
    let palette = theme::palette(ui.ctx());
    let galley = painter.layout_no_wrap(
        KEYS_HINT.to_owned(),
        egui::FontId::proportional(palette.node_label_size),
        palette.node_label.gamma_multiply(opacity),
    );
    let at = pos2(rect.center().x - galley.size().x / 2.0, rect.top() + 12.0);
    let backdrop = Rect::from_min_size(at, galley.size()).expand2(vec2(12.0, 6.0));
    painter.rect_filled(
        backdrop,
        6.0,
        palette.label_backdrop.gamma_multiply(opacity),
    );
    painter.galley(at, galley, palette.node_label);
}

/// The keys of presenting a story, as [`keys_hint`] shows them.
pub const KEYS_HINT: &str = "→ or Space: next  ·  ←: back  ·  Esc: leave";

/// The camera drawn this frame: a story step's move glides there over about half a second
/// (centre and the logarithm of the zoom eased together); everything else jumps at once.
fn glide(ctx: &egui::Context, target: Camera) -> Camera {
    let seconds = if target.glide { 0.6 } else { 0.0 };
    let ease = |name: &str, value: f32| {
        ctx.animate_value_with_time(egui::Id::new(("camera-glide", name)), value, seconds)
    };
    Camera {
        center: pos2(ease("x", target.center.x), ease("y", target.center.y)),
        zoom: ease("zoom", target.zoom.ln()).exp(),
        ..target
    }
}

/// The legend strip under the graph: the scene's legend, each kind clickable to hide or show
/// it.
fn legend(
    ui: &mut egui::Ui,
    session: &Session,
    (view, lens): (&View, &Lens),
    presenting: bool,
    commands: &mut Vec<Command>,
) {
    let palette = theme::palette(ui.ctx());
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    let pinned = crate::scene::pin_mark(session, &palette);
    // Presenting a story step, the key is the slide's (see the scene's legend).
    let slide = presenting && view.spotlight.is_some();
    let items = crate::scene::legend_items((session, view, lens), &colouring, pinned, slide);
    // Beside the reader the graph is narrow, and the whole key had wrapped to six rows, a
    // fifth of the picture: past three rows the rest waits behind "+N more".
    let open_id = egui::Id::new("legend-open");
    let open = ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false);
    let widths: Vec<f32> = items
        .iter()
        .map(|item| legend_entry_size(ui, &item.text).0.x)
        .collect();
    let more_width = ui
        .painter()
        .layout_no_wrap(
            format!("+{} more", items.len()),
            egui::TextStyle::Button.resolve(ui.style()),
            Color32::PLACEHOLDER,
        )
        .size()
        .x
        + 2.0 * ui.spacing().button_padding.x;
    let fitting = legend_items_fitting(
        &widths,
        ui.available_width(),
        LEGEND_SPACING.x,
        MAX_LEGEND_ROWS,
        more_width,
    );
    let collapsible = fitting < items.len();
    let shown_count = if open { items.len() } else { fitting };
    let left_out = items.len() - shown_count;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = LEGEND_SPACING;
        for item in items.into_iter().take(shown_count) {
            let hidden = matches!(item.mark, LegendMark::HiddenDot(_));
            let response = legend_entry(ui, &item.text, hidden, |painter, marker| {
                paint_legend_mark(painter, marker, item.mark, &palette);
            });
            let Some(kind) = item.kind else {
                continue;
            };
            let response = response
                .interact(Sense::click())
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .on_hover_text(if hidden {
                    "Click to show this kind again"
                } else {
                    "Click to hide this kind"
                });
            if response.clicked() {
                commands.push(Command::View(ViewCommand::ToggleEntityKind(kind)));
            }
        }
        if left_out > 0 {
            let more = ui
                .small_button(format!("+{left_out} more"))
                .on_hover_text("Show the whole key");
            if more.clicked() {
                ui.data_mut(|d| d.insert_temp(open_id, true));
            }
        } else if open && collapsible {
            let less = ui
                .small_button("less")
                .on_hover_text("Keep the key to three rows");
            if less.clicked() {
                ui.data_mut(|d| d.insert_temp(open_id, false));
            }
        }
    });
}

/// Rows the legend takes before the rest waits behind "+N more".
const MAX_LEGEND_ROWS: usize = 3;
/// Between legend entries: across, and between rows.
const LEGEND_SPACING: Vec2 = vec2(16.0, 4.0);

/// How many of the legend entries of `widths` fit in `rows` rows of `room`, `spacing` apart,
/// wrapped as `horizontal_wrapped` does: all of them, or as many as leave room on the last
/// row for a "+N more" button `more_width` wide.
fn legend_items_fitting(
    widths: &[f32],
    room: f32,
    spacing: f32,
    rows: usize,
    more_width: f32,
) -> usize {
    // The rows that the first `count` entries, then a trailing item `tail` wide, take.
    let rows_taken = |count: usize, tail: Option<f32>| {
        let mut taken = 1;
        let mut x = 0.0_f32;
        for &width in widths[..count].iter().chain(tail.as_ref()) {
            if x > 0.0 && x + width > room {
                taken += 1;
                x = 0.0;
            }
            x += width + spacing;
        }
        taken
    };
    if rows_taken(widths.len(), None) <= rows {
        return widths.len();
    }
    (0..widths.len())
        .rev()
        .find(|&count| rows_taken(count, Some(more_width)) <= rows)
        .unwrap_or(0)
}

/// A legend entry's mark in `marker`.
fn paint_legend_mark(painter: &egui::Painter, marker: Rect, mark: LegendMark, palette: &Palette) {
    match mark {
        LegendMark::Dot(colour) => {
            painter.circle_filled(marker.center(), 6.0, colour);
        }
        LegendMark::HiddenDot(colour) => {
            painter.circle_stroke(marker.center(), 5.5, Stroke::new(1.5, colour));
        }
        LegendMark::Pinned(dot) => {
            painter.circle_stroke(marker.center(), 5.5, Stroke::new(1.0, palette.edge));
            painter.circle_filled(marker.center(), 2.0, dot);
        }
        LegendMark::FaintLine => {
            let line = [marker.left_center(), marker.right_center()];
            painter.line_segment(line, Stroke::new(1.6, palette.faded(palette.edge)));
        }
        LegendMark::Placeholder => {
            let (dash, gap) = PLACEHOLDER_DASH;
            let ring = ring(marker.center(), 5.5);
            painter.extend(Shape::dashed_line(
                &ring,
                Stroke::new(1.5, palette.edge),
                dash,
                gap,
            ));
        }
        LegendMark::Line { dash, cross, width } => {
            let line = [marker.left_center(), marker.right_center()];
            let stroke = Stroke::new(width, palette.edge);
            match dash {
                Some((dash, gap)) => {
                    painter.extend(Shape::dashed_line(&line, stroke, dash * 0.8, gap * 0.8));
                }
                None => {
                    painter.line_segment(line, stroke);
                }
            }
            if cross {
                paint_cross(painter, marker.center(), palette.edge);
            }
        }
    }
}

/// Paints the scene: edges, nodes, labels, then the note and the caption.
pub fn paint(painter: &egui::Painter, scene: &Scene) {
    let palette = &scene.palette;
    painter.rect_filled(scene.viewport, 0.0, palette.canvas);
    paint_edges(painter, &scene.edges);
    paint_nodes(painter, scene);
    for label in &scene.labels {
        if let Some(leader) = label.leader {
            let (width, colour) = label.leader_stroke;
            match label.leader_dash {
                Some((dash, gap)) => {
                    let stroke = Stroke::new(width, colour);
                    painter.extend(Shape::dashed_line(&leader, stroke, dash, gap));
                    painter.circle_filled(leader[0], width + 1.0, colour);
                }
                None => {
                    painter.line_segment(leader, label.leader_stroke);
                }
            }
        }
        painter.rect_filled(label.rect, 4.0, label.backdrop);
        painter.text(
            label.rect.center(),
            Align2::CENTER_CENTER,
            &label.text,
            FontId::proportional(label.font_size),
            label.colour,
        );
    }
    // The note, the time stamp and the caption where the scene placed them (and kept the
    // labels clear of them): the same geometry the SVG writes.
    let measure = EguiText(painter);
    // On a backdrop: over a crowded network the text would be lost among the nodes.
    let on_backdrop = |rect: Rect, padding: f32, text: &str, size: f32, colour| {
        painter.rect_filled(rect, padding, palette.label_backdrop);
        let at = rect.shrink(padding).left_top();
        painter.text(
            at,
            Align2::LEFT_TOP,
            text,
            FontId::proportional(size),
            colour,
        );
    };
    if let Some(note) = &scene.note {
        let rect = crate::scene::note_rect(scene.viewport, note, palette, &measure);
        on_backdrop(rect, 4.0, note, palette.legend_size, palette.edge_label);
    }
    if let Some(stamp) = &scene.time_stamp {
        let rect = crate::scene::time_stamp_rect(scene.viewport, stamp, palette, &measure);
        let size = palette.caption_size * 1.5;
        on_backdrop(rect, 6.0, stamp, size, palette.node_label);
    }
    if let Some((credit, rect)) = &scene.credit {
        on_backdrop(*rect, 4.0, credit, palette.legend_size, palette.edge_label);
    }
    if let Some(caption) = &scene.caption {
        paint_caption(painter, scene.viewport, caption, palette, &measure);
    }
}

/// A story step's title and caption in a box at the bottom of the graph, wrapped to its
/// width, line by line as `scene::caption::layout` breaks them.
fn paint_caption(
    painter: &egui::Painter,
    viewport: Rect,
    caption: &Caption,
    palette: &Palette,
    measure: &EguiText<'_>,
) {
    let layout = crate::scene::caption::layout(viewport, caption, palette, measure);
    let rect = layout.rect;
    painter.rect_filled(rect, 8.0, palette.label_backdrop.to_opaque());
    painter.rect_stroke(
        rect,
        8.0,
        Stroke::new(1.5, palette.accent),
        egui::StrokeKind::Inside,
    );
    let mut top = rect.top() + 12.0;
    for row in &layout.rows {
        painter.text(
            pos2(rect.left() + 16.0, top),
            Align2::LEFT_TOP,
            &row.text,
            FontId::proportional(row.font_size),
            row.colour,
        );
        top += row.height;
    }
}

fn paint_edges(painter: &egui::Painter, edges: &[SceneEdge]) {
    // Many edges go into one mesh (one shape instead of thousands, no anti-aliasing needed
    // at that density); few are drawn as separate anti-aliased lines.
    let mut batch = (edges.len() > BATCH_EDGES_FROM).then(|| {
        // Sized up front: growing a mesh of this size by doubling copies megabytes per frame.
        let mut mesh = egui::epaint::Mesh::default();
        mesh.vertices.reserve(edges.len() * 7);
        mesh.indices.reserve(edges.len() * 9);
        mesh
    });
    // Glows go under every line, so a crossing link does not cut through one.
    for edge in edges {
        if let Some((width, colour)) = edge.halo {
            painter.add(Shape::line(edge.points(), Stroke::new(width, colour)));
        }
    }
    for edge in edges {
        let stroke = Stroke::new(edge.width, edge.colour);
        match (&mut batch, edge.dash) {
            (_, Some((dash, gap))) => {
                painter.extend(Shape::dashed_line(&edge.points(), stroke, dash, gap));
            }
            (Some(mesh), None) if edge.control.is_none() => {
                add_segment(mesh, edge.from, edge.to, edge.width, edge.colour);
            }
            (Some(mesh), None) => {
                for pair in edge.points().windows(2) {
                    add_segment(mesh, pair[0], pair[1], edge.width, edge.colour);
                }
            }
            (None, None) => {
                painter.add(Shape::line(edge.points(), stroke));
            }
        }
        if edge.cross {
            paint_cross(painter, edge.middle(), edge.colour);
        }
        if let Some(head) = edge.arrow_head()
            && head.iter().all(|p| p.x.is_finite() && p.y.is_finite())
        {
            match &mut batch {
                Some(mesh) => {
                    let first = mesh.vertices.len() as u32;
                    for corner in head {
                        mesh.colored_vertex(corner, edge.colour);
                    }
                    mesh.add_triangle(first, first + 1, first + 2);
                }
                None => {
                    painter.add(Shape::convex_polygon(
                        head.to_vec(),
                        edge.colour,
                        Stroke::NONE,
                    ));
                }
            }
        }
    }
    if let Some(mesh) = batch {
        painter.add(Shape::mesh(mesh));
    }
}

/// A small "×" marking a denied relation.
fn paint_cross(painter: &egui::Painter, center: Pos2, colour: Color32) {
    let d = 4.5;
    let stroke = Stroke::new(2.0, colour);
    painter.line_segment([center + vec2(-d, -d), center + vec2(d, d)], stroke);
    painter.line_segment([center + vec2(-d, d), center + vec2(d, -d)], stroke);
}

/// A straight line `width` wide as two triangles of `mesh`.
fn add_segment(mesh: &mut egui::epaint::Mesh, from: Pos2, to: Pos2, width: f32, colour: Color32) {
    // Plain square root: `Vec2::normalized` calls `hypot`, a tenth of a 10,000-edge frame.
    let along = to - from;
    let across = along.rot90() * (width / 2.0 / (along.x * along.x + along.y * along.y).sqrt());
    if !across.x.is_finite() || !across.y.is_finite() {
        return;
    }
    let first = mesh.vertices.len() as u32;
    for corner in [from + across, from - across, to - across, to + across] {
        mesh.colored_vertex(corner, colour);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

fn paint_nodes(painter: &egui::Painter, scene: &Scene) {
    // Nodes go into one mesh whose size is known up front: egui's circles are tessellated one
    // by one into a mesh that keeps growing, and the reallocations and fresh pages were two
    // thirds of a 1,000-node frame. Up to [`BATCH_NODES_FROM`] nodes they are anti-aliased
    // discs with their outlines, as egui would draw them; beyond, plain octagons.
    let crowded = scene.nodes.len() > BATCH_NODES_FROM;
    let feather = 1.0 / painter.pixels_per_point();
    let mut mesh = egui::epaint::Mesh::default();
    let (vertices, indices) = if crowded {
        (9 * scene.nodes.len(), 24 * scene.nodes.len())
    } else {
        scene.nodes.iter().fold((0, 0), |(v, i), node| {
            let (vertices, indices) = disc_size(node.radius);
            (v + vertices, i + indices)
        })
    };
    mesh.vertices.reserve(vertices);
    mesh.indices.reserve(indices);
    // The batch is drawn under the nodes drawn one by one (the selection, the hovered node).
    let batch_slot = painter.add(Shape::Noop);
    for node in &scene.nodes {
        if !node.prominent && node.pinned_dot.is_none() && node.outline_dash.is_none() {
            if crowded {
                add_octagon(&mut mesh, node.center, node.radius, node.fill);
            } else {
                let outline = Stroke::new(node.outline_width, node.outline);
                add_disc(
                    &mut mesh,
                    node.center,
                    node.radius,
                    node.fill,
                    outline,
                    feather,
                );
            }
            continue;
        }
        paint_node(painter, node);
    }
    painter.set(batch_slot, Shape::mesh(mesh));
}

/// One node drawn on its own: the selection, the hovered, a pinned node or a placeholder.
fn paint_node(painter: &egui::Painter, node: &SceneNode) {
    let outline = Stroke::new(node.outline_width, node.outline);
    match node.outline_dash {
        Some((dash, gap)) => {
            painter.circle_filled(node.center, node.radius, node.fill);
            painter.extend(Shape::dashed_line(&node.ring(), outline, dash, gap));
        }
        None => {
            painter.circle(node.center, node.radius, node.fill, outline);
        }
    }
    if let Some(dot) = node.pinned_dot {
        // A small dot marks a node pinned by dragging (double-click to release).
        painter.circle_filled(node.center, (node.radius * 0.3).max(2.0), dot);
    }
}

/// Points around a disc of [`add_disc`] of `radius` points: its sides stray less than a
/// sixth of a point from the circle.
fn disc_segments(radius: f32) -> u32 {
    ((radius * 2.0).ceil() as u32).clamp(8, 32)
}

/// Vertices and indices [`add_disc`] adds for a disc of `radius`.
fn disc_size(radius: f32) -> (usize, usize) {
    let segments = disc_segments(radius) as usize;
    (1 + 4 * segments, 3 * 7 * segments)
}

/// A filled, outlined, anti-aliased disc, as egui's circle shape looks: the outline centred
/// on the edge, and a `feather` (one pixel, in points) from full colour to transparent at
/// the outside and from fill to outline inside. The centre and four rings of
/// [`disc_segments`] vertices; a fan and three bands of triangles.
fn add_disc(
    mesh: &mut egui::epaint::Mesh,
    center: Pos2,
    radius: f32,
    fill: Color32,
    outline: Stroke,
    feather: f32,
) {
    let width = if outline.color.a() == 0 {
        0.0
    } else {
        outline.width
    };
    let edge_colour = if width > 0.0 { outline.color } else { fill };
    // Radii of the four rings, from the inside: fill, fill to outline, outline, transparent.
    let inner = (radius - width / 2.0).max(0.0);
    let outer = radius + width / 2.0;
    let half = feather / 2.0;
    let rings = [
        ((inner - half).max(0.0), fill),
        ((inner + half).min(outer), edge_colour),
        ((outer - half).max(inner), edge_colour),
        (outer + half, Color32::TRANSPARENT),
    ];
    let segments = disc_segments(radius);
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, fill);
    for k in 0..segments {
        let direction = Vec2::angled(k as f32 * std::f32::consts::TAU / segments as f32);
        for (ring_radius, colour) in rings {
            mesh.colored_vertex(center + direction * ring_radius, colour);
        }
    }
    // Vertex of ring `r` (0 = innermost) at segment `k`.
    let at = |k: u32, r: u32| first + 1 + (k % segments) * 4 + r;
    for k in 0..segments {
        mesh.add_triangle(first, at(k, 0), at(k + 1, 0));
        for r in 0..3 {
            mesh.add_triangle(at(k, r), at(k + 1, r), at(k + 1, r + 1));
            mesh.add_triangle(at(k, r), at(k + 1, r + 1), at(k, r + 1));
        }
    }
}

/// A filled regular octagon: a cheap circle for crowded views; a node under five points
/// across is a square (four vertices, not nine: at 100,000 nodes the mesh is most of a frame).
fn add_octagon(mesh: &mut egui::epaint::Mesh, center: Pos2, radius: f32, colour: Color32) {
    if radius < 2.5 {
        let half = Vec2::splat(radius);
        let first = mesh.vertices.len() as u32;
        for corner in [
            center - half,
            center + vec2(half.x, -half.y),
            center + half,
            center + vec2(-half.x, half.y),
        ] {
            mesh.colored_vertex(corner, colour);
        }
        mesh.add_triangle(first, first + 1, first + 2);
        mesh.add_triangle(first, first + 2, first + 3);
        return;
    }
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, colour);
    for k in 0..8 {
        let angle = k as f32 * std::f32::consts::FRAC_PI_4;
        mesh.colored_vertex(center + Vec2::angled(angle) * radius, colour);
    }
    for k in 0..8 {
        mesh.add_triangle(first, first + 1 + k, first + 1 + (k + 1) % 8);
    }
}

fn handle_input(
    ui: &egui::Ui,
    response: &Response,
    session: &Session,
    camera: &Camera,
    scene: &Scene,
    hover: Option<Hit>,
    commands: &mut Vec<Command>,
) {
    let rect = response.rect;
    // The node being dragged, and where it was (and whether pinned) when the drag began, so
    // the move can be undone; a gesture's state, kept in egui's memory rather than the view.
    let drag_id = egui::Id::new("graph-node-drag");
    if response.drag_started() {
        // A drag only starts once the pointer has moved; what was grabbed is what lay under
        // the pointer when the button went down.
        let grabbed = ui
            .input(|i| i.pointer.press_origin())
            .and_then(|origin| scene.hit_test(origin));
        let drag = match grabbed {
            Some(Hit::Entity(entity)) => Some((
                entity,
                session.layout.position(entity),
                session.layout.is_pinned(entity),
            )),
            _ => None,
        };
        ui.data_mut(|d| d.insert_temp(drag_id, drag));
    }
    let drag = ui
        .data(|d| d.get_temp::<Option<(EntityIdx, Pos2, bool)>>(drag_id))
        .flatten();
    if response.dragged() {
        match (drag, response.interact_pointer_pos()) {
            (Some((entity, ..)), Some(pointer)) => commands.push(Command::DragNode {
                entity,
                to: camera.to_layout(rect, pointer),
            }),
            _ => commands.push(Command::View(ViewCommand::Pan(
                response.drag_delta() / camera.zoom,
            ))),
        }
    }
    if response.drag_stopped() {
        if let Some((entity, from, was_pinned)) = drag {
            let to = response
                .interact_pointer_pos()
                .map_or(session.layout.position(entity), |pointer| {
                    camera.to_layout(rect, pointer)
                });
            commands.push(Command::NodeMoved(crate::view::NodeMove {
                entity,
                from,
                to,
                was_pinned,
            }));
        }
        ui.data_mut(|d| d.remove::<Option<(EntityIdx, Pos2, bool)>>(drag_id));
    }
    if response.double_clicked() {
        match hover {
            Some(Hit::Entity(entity)) if session.layout.is_pinned(entity) => {
                commands.push(Command::Unpin(entity));
            }
            None => commands.push(Command::FitView),
            _ => {}
        }
    } else if response.clicked()
        && ui.input(|i| i.modifiers.shift)
        && let Some(Hit::Entity(entity)) = hover
    {
        // Shift-click adds to (or takes from) the entities compared.
        commands.push(Command::View(ViewCommand::ToggleCompared(entity)));
    } else if response.clicked() {
        commands.push(Command::Select(match hover {
            Some(Hit::Entity(entity)) => Selection::Entity(entity),
            Some(Hit::Relation(relation)) => Selection::Relation(relation),
            None => Selection::Nothing,
        }));
    }
    if response.hovered() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (scroll * 0.002).exp();
        if (factor - 1.0).abs() > 1e-4
            && let Some(pointer) = response.hover_pos()
        {
            commands.push(Command::View(ViewCommand::ZoomAround {
                anchor: camera.to_layout(rect, pointer),
                factor,
            }));
        }
    }
}

/// Right-click on a node: select it, or ask for paths from or to it.
fn context_menu(
    ui: &egui::Ui,
    response: &Response,
    session: &Session,
    view: &View,
    hover: Option<Hit>,
    commands: &mut Vec<Command>,
) {
    let menu_entity = egui::Id::new("graph-context-entity");
    if response.secondary_clicked() {
        let entity = match hover {
            Some(Hit::Entity(entity)) => Some(entity),
            _ => None,
        };
        ui.data_mut(|d| d.insert_temp(menu_entity, entity));
    }
    let Some(entity) = ui
        .data(|d| d.get_temp::<Option<EntityIdx>>(menu_entity))
        .flatten()
    else {
        return;
    };
    response.context_menu(|ui| {
        let name = session
            .dataset
            .entity(entity)
            .map_or("?", |e| e.name.as_str());
        ui.label(RichText::new(name).strong());
        if ui.button("Select").clicked() {
            commands.push(Command::Select(Selection::Entity(entity)));
            ui.close();
        }
        // Shift-click does the same; the menu is where a user finds it.
        if let Selection::Entity(selected) = view.selection
            && selected != entity
        {
            let compared = view.compared.contains(&entity);
            let text = if compared {
                "Leave out of the comparison"
            } else {
                "Compare with the selection (Shift-click)"
            };
            if ui.button(text).clicked() {
                commands.push(Command::View(ViewCommand::ToggleCompared(entity)));
                ui.close();
            }
        }
        if ui.button("Path from here").clicked() {
            commands.push(Command::View(ViewCommand::PathFrom(entity)));
            ui.close();
        }
        // From the start picked with "Path from here", else from the selection: right-
        // clicking one node with another selected is how people ask how the two connect.
        let picked = view.path.map(|p| p.from).filter(|&from| from != entity);
        let selected = match view.selection {
            Selection::Entity(selected) if selected != entity => Some(selected),
            _ => None,
        };
        let text = match (picked, selected) {
            (None, Some(selected)) => format!(
                "Path from {} to here",
                session
                    .dataset
                    .entity(selected)
                    .map_or("?", |e| e.name.as_str())
            ),
            _ => "Path to here".to_owned(),
        };
        let from = picked.or(selected);
        if ui
            .add_enabled(from.is_some(), egui::Button::new(text))
            .on_disabled_hover_text("Select where the path starts, or pick it with Path from here")
            .clicked()
            && let Some(from) = from
        {
            if picked.is_none() {
                commands.push(Command::View(ViewCommand::PathFrom(from)));
            }
            commands.push(Command::View(ViewCommand::PathTo(entity)));
            ui.close();
        }
    });
}

/// When the graph's area shrinks (the side panel opened, the window made smaller) under a
/// camera the user has placed, zooms out around the view's centre so that what was in view
/// stays in view: at the same zoom, the side panel hid a story step's right-hand nodes. A
/// followed camera is fitted again anyway; a growing area keeps its zoom.
fn keep_in_view_when_resized(ui: &egui::Ui, view: &View, rect: Rect, commands: &mut Vec<Command>) {
    let size_id = egui::Id::new("graph-area-size");
    let last = ui.data(|d| d.get_temp::<Vec2>(size_id));
    ui.data_mut(|d| d.insert_temp(size_id, rect.size()));
    let Some(last) = last.filter(|l| l.x > 0.0 && l.y > 0.0) else {
        return;
    };
    let factor = (rect.width() / last.x).min(rect.height() / last.y);
    if !view.camera.follow && factor < 0.99 && factor > 0.0 {
        commands.push(Command::View(ViewCommand::ZoomAround {
            anchor: view.camera.center,
            factor,
        }));
    }
}

/// What the pointer rests on, in a tooltip: an entity's name and kind; a link as the graph
/// words it (its hedge with it), then its own label where that says more, its dates and its
/// quotes. Lines are not wrapped: by the window's right edge egui had narrowed the tooltip
/// to a hundred points and split names mid-word.
fn hover_text(ui: &mut egui::Ui, session: &Session, hover: Option<Hit>) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    match hover {
        Some(Hit::Entity(entity)) => {
            if let Some(e) = session.dataset.entity(entity) {
                let pinned = if session.layout.is_pinned(entity) {
                    " · pinned (double-click to release)"
                } else {
                    ""
                };
                ui.label(format!(
                    "{} · {}{pinned}",
                    e.name,
                    crate::view::kind_said(e)
                ));
            }
        }
        Some(Hit::Relation(relation)) => {
            if let Some(r) = session.dataset.relation(relation) {
                let name = |idx| session.dataset.entity(idx).map_or("?", |e| e.name.as_str());
                // No arrow where the file gives no direction, as the panel writes it.
                let arrow = if r.directed { "→" } else { "—" };
                ui.label(format!(
                    "{} {arrow} {} {arrow} {}",
                    name(r.source),
                    r.hedged_phrase(),
                    name(r.target)
                ));
                let quotes = r.evidence.iter().filter(|e| e.has_quote()).count();
                let details: Vec<String> = [
                    r.label
                        .as_deref()
                        .filter(|label| *label != r.phrase())
                        .map(str::to_owned),
                    r.when.display(),
                    Some(crate::words::quotes_counted(quotes, r.evidence.len())),
                ]
                .into_iter()
                .flatten()
                .collect();
                ui.label(egui::RichText::new(details.join(" · ")).weak());
            }
        }
        None => {}
    }
}

/// Tells screen readers about a node on screen (those worth a label): its name, kind and
/// whether it is selected, where it is.
fn accessible_node(
    ctx: &egui::Context,
    entity: EntityIdx,
    e: &crate::model::Entity,
    center: Pos2,
    radius: f32,
    emphasis: crate::view::Emphasis,
) {
    use egui::accesskit;
    let rect = Rect::from_center_size(center, Vec2::splat(radius * 2.0));
    let scale = f64::from(ctx.pixels_per_point());
    ctx.accesskit_node_builder(egui::Id::new(("graph-node", entity.0)), |builder| {
        builder.set_role(accesskit::Role::Button);
        builder.set_label(format!("{}, {}", e.name, e.kind.label()));
        builder.set_bounds(accesskit::Rect {
            x0: f64::from(rect.min.x) * scale,
            y0: f64::from(rect.min.y) * scale,
            x1: f64::from(rect.max.x) * scale,
            y1: f64::from(rect.max.y) * scale,
        });
        if emphasis == crate::view::Emphasis::Selected {
            builder.set_selected(true);
        }
    });
}

/// A legend entry's mark: a dot, or a line's style.
const LEGEND_MARKER_WIDTH: f32 = 22.0;

/// A legend entry's size (its mark, then its text) and its text laid out.
fn legend_entry_size(ui: &egui::Ui, text: &str) -> (Vec2, std::sync::Arc<egui::Galley>) {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        FontId::proportional(theme::palette(ui.ctx()).legend_size),
        ui.visuals().text_color(),
    );
    let size = vec2(
        LEGEND_MARKER_WIDTH + 6.0 + galley.size().x,
        galley.size().y.max(14.0),
    );
    (size, galley)
}

/// One legend entry, laid out as a single item so that a wrapped row never splits it.
fn legend_entry(
    ui: &mut egui::Ui,
    text: &str,
    struck: bool,
    marker: impl FnOnce(&egui::Painter, Rect),
) -> Response {
    let (size, galley) = legend_entry_size(ui, text);
    let marker_width = LEGEND_MARKER_WIDTH;
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    response.widget_info(|| {
        let label = if struck {
            format!("{text}, hidden")
        } else {
            text.to_owned()
        };
        egui::WidgetInfo::labeled(egui::WidgetType::Label, true, label)
    });
    let marker_rect = Rect::from_min_size(
        rect.left_center() - vec2(0.0, 7.0),
        vec2(marker_width, 14.0),
    );
    marker(ui.painter(), marker_rect);
    let text_pos = pos2(
        rect.left() + marker_width + 6.0,
        rect.center().y - galley.size().y / 2.0,
    );
    let colour = if struck {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().text_color()
    };
    let text_rect = Rect::from_min_size(text_pos, galley.size());
    ui.painter().galley(text_pos, galley, colour);
    if struck {
        let y = text_rect.center().y + 1.0;
        ui.painter().line_segment(
            [pos2(text_rect.left(), y), pos2(text_rect.right(), y)],
            Stroke::new(1.0, colour),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legend_past_its_rows_keeps_room_for_more_on_the_last() {
        let widths = [100.0; 10];
        // Three to a row of 330 (100 + 10 + 100 + 10 + 100): ten take four rows.
        assert_eq!(legend_items_fitting(&widths, 330.0, 10.0, 4, 50.0), 10);
        // In three rows: two full rows, then two entries and the button.
        assert_eq!(legend_items_fitting(&widths, 330.0, 10.0, 3, 50.0), 8);
        // A button as wide as an entry leaves room for two on the last row.
        assert_eq!(legend_items_fitting(&widths, 330.0, 10.0, 3, 100.0), 8);
        // One too wide for the row still takes a row of its own.
        assert_eq!(
            legend_items_fitting(&[500.0, 20.0], 330.0, 10.0, 1, 50.0),
            0
        );
        assert_eq!(legend_items_fitting(&[], 330.0, 10.0, 1, 50.0), 0);
    }

    #[test]
    fn a_disc_is_whole_and_fades_out_at_its_edge() {
        let mut mesh = egui::epaint::Mesh::default();
        add_octagon(&mut mesh, Pos2::ZERO, 1.0, Color32::RED);
        let (before, before_indices) = (mesh.vertices.len(), mesh.indices.len());
        let center = Pos2::new(100.0, 50.0);
        let outline = Stroke::new(2.0, Color32::WHITE);
        add_disc(&mut mesh, center, 10.0, Color32::BLUE, outline, 1.0);
        assert_eq!(
            (
                mesh.vertices.len() - before,
                mesh.indices.len() - before_indices
            ),
            disc_size(10.0)
        );
        assert!(mesh.is_valid(), "every index names a vertex");
        let disc = &mesh.vertices[before..];
        assert_eq!(disc[0].pos, center);
        assert_eq!(disc[0].color, Color32::BLUE);
        for (i, vertex) in disc.iter().enumerate().skip(1) {
            let distance = vertex.pos.distance(center);
            assert!(distance <= 11.5 + 1e-3, "vertex {i} at {distance}");
            // Every fourth vertex is on the outermost ring: transparent, just beyond the
            // outline; the ring inside it carries the outline's colour.
            match (i - 1) % 4 {
                3 => {
                    assert_eq!(vertex.color, Color32::TRANSPARENT);
                    assert!((distance - 11.5).abs() < 1e-3);
                }
                2 => assert_eq!(vertex.color, Color32::WHITE),
                0 => assert_eq!(vertex.color, Color32::BLUE),
                _ => {}
            }
        }
    }

    #[test]
    fn a_disc_without_outline_fades_from_its_fill() {
        let mut mesh = egui::epaint::Mesh::default();
        add_disc(&mut mesh, Pos2::ZERO, 4.0, Color32::BLUE, Stroke::NONE, 1.0);
        assert!(mesh.is_valid());
        let outermost = mesh.vertices[4].pos.distance(Pos2::ZERO);
        assert!((outermost - 4.5).abs() < 1e-3, "{outermost}");
        assert!(
            mesh.vertices[1..]
                .iter()
                .all(|v| v.color == Color32::BLUE || v.color == Color32::TRANSPARENT)
        );
    }

    #[test]
    fn a_presenters_pointer_points_only_once_moved_on_the_slide() {
        let ctx = egui::Context::default();
        let mut answers = Vec::new();
        let mut frame = |presenting: bool, title: Option<&str>, at: Option<Pos2>| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                answers.push(resting_since_the_slide_changed(
                    ui,
                    presenting,
                    title.map(str::to_owned),
                    at,
                ));
            });
            // No renderer here: the font atlas updates are dropped on purpose.
            output.textures_delta.clear();
        };
        let button = Some(Pos2::new(630.0, 18.0));
        let on_slide = Some(Pos2::new(400.0, 300.0));
        frame(false, None, button);
        // Presenting starts: the pointer left on the Present button rests.
        frame(true, Some("1/8"), button);
        frame(true, Some("1/8"), button);
        // Moved, it points.
        frame(true, Some("1/8"), on_slide);
        // The next step: resting again where it was.
        frame(true, Some("2/8"), on_slide);
        frame(true, Some("2/8"), Some(Pos2::new(401.0, 301.0)));
        frame(true, Some("2/8"), Some(Pos2::new(420.0, 300.0)));
        // Out of presenter mode with the pointer off the graph (over the side panel), then
        // presenting the same step again with the pointer now over the graph: it rests.
        frame(false, None, None);
        frame(true, Some("2/8"), Some(Pos2::new(700.0, 90.0)));
        frame(true, Some("2/8"), Some(Pos2::new(700.0, 90.0)));
        let again = [false, true, true];
        let first = [false, true, true, false, true, true, false];
        assert_eq!(answers, [first.as_slice(), again.as_slice()].concat());
    }
}
