//! The network drawn as a force-directed graph: nodes coloured by kind, directed edges named
//! by their relation kind, labels at a fixed, readable screen size. Pan by dragging the
//! background, zoom with the wheel, drag a node to pin it, click to select.
//!
//! Drawn with egui's painter rather than `egui_graphs::GraphView`, whose `show` requests a
//! repaint every frame: this view repaints only while the layout moves or the user acts.

use std::collections::BTreeMap;

use egui::{
    Align2, Color32, FontId, Pos2, Rect, Response, RichText, Sense, Shape, Stroke, Vec2, pos2, vec2,
};

use crate::command::Command;
use crate::layout::LayoutPhase;
use crate::model::measures::Measure;
use crate::model::{EntityIdx, EntityKind, RelationIdx};
use crate::session::Session;
use crate::ui::colouring::Colouring;
use crate::ui::theme;
use crate::view::{Camera, Emphasis, Lens, Selection, View, ViewCommand};

/// How close (in points) the pointer must be to an edge to hit it.
const EDGE_HIT_DISTANCE: f32 = 6.0;
/// Distance between parallel edges joining the same two nodes.
const PARALLEL_GAP: f32 = 16.0;
/// Edges drawn per frame at most; past this, lines are thinner than a pixel apart anyway.
const MAX_EDGES_DRAWN: usize = 40_000;
/// Above this many nodes in view, nodes are drawn as one batched mesh.
const BATCH_NODES_FROM: usize = 2_000;
/// Above this many edges in view, edges are drawn as one batched mesh.
const BATCH_EDGES_FROM: usize = 2_000;
/// Labels tried per frame, most important first: past this many, a screen is full of text
/// anyway, and laying out more would slow every frame of a large network.
const MAX_LABELS_TRIED: usize = 400;

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// A node as drawn this frame.
struct NodeOnScreen {
    center: Pos2,
    radius: f32,
}

/// An edge as drawn this frame: a straight segment between the two node rims.
struct EdgeOnScreen {
    relation: RelationIdx,
    from: Pos2,
    to: Pos2,
}

/// Draws the session's network into all of `ui`'s remaining space and handles its input.
pub fn show(
    ui: &mut egui::Ui,
    session: &mut Session,
    view: &View,
    lens: &Lens,
    commands: &mut Vec<Command>,
) -> Response {
    // The legend gets its own strip below the graph so it never hides a node.
    egui::Panel::bottom("legend")
        .frame(egui::Frame::side_top_panel(ui.style()).fill(theme::CANVAS))
        .show(ui, |ui| legend(ui, session, view, commands));
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, theme::CANVAS);

    refresh_node_grid(session);
    let session = &*session;
    // While following, the view is fitted to the network as it stands this frame.
    let bounds = session.layout.bounds();
    if view.camera.follow
        && let Some(bounds) = bounds
    {
        commands.push(Command::View(ViewCommand::FitTo {
            bounds,
            viewport: rect.size(),
        }));
    }
    let camera = view.camera.for_frame(bounds, rect.size());

    let nodes = nodes_on_screen(ui.ctx(), session, view, &camera, rect);
    let (edges, edges_in_view) = edges_on_screen(session, lens, &nodes, rect);
    let hover = response
        .hover_pos()
        .and_then(|pointer| hit_test(session, lens, &camera, rect, pointer, &nodes, &edges));

    handle_input(
        ui,
        &response,
        session,
        &camera,
        (lens, &nodes, &edges, hover),
        commands,
    );

    context_menu(ui, &response, session, view, hover, commands);
    let edge_labels = draw_edges(&painter, session, view, lens, &edges, hover);
    draw_nodes(&painter, session, view, lens, &nodes, hover);
    draw_labels(&painter, session, view, lens, &nodes, hover, edge_labels);

    if edges.len() < edges_in_view {
        painter.text(
            rect.left_top() + vec2(10.0, 8.0),
            Align2::LEFT_TOP,
            format!(
                "Showing {} of the {edges_in_view} links in view; zoom in to see them all",
                edges.len()
            ),
            FontId::proportional(theme::LEGEND_SIZE),
            theme::EDGE_LABEL,
        );
    }
    if session.dataset.entities.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "This dataset has no entities.",
            FontId::proportional(theme::NODE_LABEL_SIZE),
            theme::NODE_LABEL,
        );
    }
    if session.layout.phase() == LayoutPhase::Running {
        ui.ctx().request_repaint();
    }
    let response = match hover {
        Some(Hit::Entity(_) | Hit::Relation(_)) => {
            response.on_hover_cursor(egui::CursorIcon::PointingHand)
        }
        None => response,
    };
    if hover.is_some() {
        response.on_hover_ui_at_pointer(|ui| hover_text(ui, session, hover))
    } else {
        response
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
        if ui.button("Path from here").clicked() {
            commands.push(Command::View(ViewCommand::PathFrom(entity)));
            ui.close();
        }
        let from_elsewhere = view.path.is_some_and(|p| p.from != entity);
        if ui
            .add_enabled(from_elsewhere, egui::Button::new("Path to here"))
            .clicked()
        {
            commands.push(Command::View(ViewCommand::PathTo(entity)));
            ui.close();
        }
    });
}

fn hover_text(ui: &mut egui::Ui, session: &Session, hover: Option<Hit>) {
    match hover {
        Some(Hit::Entity(entity)) => {
            if let Some(e) = session.dataset.entity(entity) {
                ui.label(format!("{} · {}", e.name, e.kind.label()));
            }
        }
        Some(Hit::Relation(relation)) => {
            if let Some(r) = session.dataset.relation(relation) {
                let name = |idx| session.dataset.entity(idx).map_or("?", |e| e.name.as_str());
                ui.label(format!(
                    "{} → {} → {}",
                    name(r.source),
                    r.display_label(),
                    name(r.target)
                ));
            }
        }
        None => {}
    }
}

/// Node size in screen points, by the chosen measure (`largest`: its largest value). Fixed on
/// screen like the labels (layouts have no natural scale): zooming spreads nodes apart rather
/// than inflating them.
fn node_radius(session: &Session, measure: Measure, largest: f64, entity: EntityIdx) -> f32 {
    let value = session.index.measures.value(measure, entity);
    match measure {
        Measure::Degree => (5.0 + 1.8 * (value as f32).sqrt()).min(22.0),
        _ => 5.0 + 17.0 * ((value / largest).clamp(0.0, 1.0) as f32).sqrt(),
    }
}

fn nodes_on_screen(
    ctx: &egui::Context,
    session: &Session,
    view: &View,
    camera: &Camera,
    rect: Rect,
) -> Vec<NodeOnScreen> {
    let measure = view.size_by;
    let largest_value = session.index.measures.max(measure);
    // A numeric attribute, where chosen: each entity's value over the largest (0 if none).
    let attribute_share = view
        .size_by_attribute
        .as_ref()
        .map(|key| crate::ui::colouring::attribute_shares(ctx, session, key));
    let centers: Vec<Pos2> = (0..session.dataset.entities.len())
        .map(|i| camera.to_screen(rect, session.layout.position(EntityIdx(i))))
        .collect();
    // In a crowded view nodes shrink towards dots, so they do not bury the edges and the
    // shape of the network shows: at most a third of the mean spacing of the nodes in view.
    let in_view = centers.iter().filter(|c| rect.contains(**c)).count().max(1);
    let spacing = (rect.area() / in_view as f32).sqrt();
    let largest = (spacing / 3.0).max(1.5);
    centers
        .into_iter()
        .enumerate()
        .map(|(i, center)| NodeOnScreen {
            center,
            radius: match &attribute_share {
                Some(shares) => 5.0 + 17.0 * (shares.get(i).copied().unwrap_or(0.0) as f32).sqrt(),
                None => node_radius(session, measure, largest_value, EntityIdx(i)),
            }
            .min(largest),
        })
        .collect()
}

/// The edges to draw this frame: those in view, thinned to at most [`MAX_EDGES_DRAWN`] when
/// a big network is seen whole (every k-th edge, so the picture keeps its density); edges at
/// the selection are always drawn. Returns the edges and how many were in view.
fn edges_on_screen(
    session: &Session,
    lens: &Lens,
    nodes: &[NodeOnScreen],
    view: Rect,
) -> (Vec<EdgeOnScreen>, usize) {
    let in_view = |relation: &crate::model::Relation| {
        let (Some(a), Some(b)) = (nodes.get(relation.source.0), nodes.get(relation.target.0))
        else {
            return false;
        };
        Rect::from_two_pos(a.center, b.center)
            .expand(a.radius.max(b.radius) + 20.0)
            .intersects(view)
    };
    let visible: Vec<RelationIdx> = session
        .dataset
        .relations
        .iter()
        .enumerate()
        .filter(|(i, r)| lens.shows_relation(RelationIdx(*i)) && in_view(r))
        .map(|(i, _)| RelationIdx(i))
        .collect();
    let visible_count = visible.len();
    let stride = visible_count.div_ceil(MAX_EDGES_DRAWN).max(1);
    let mut edges = Vec::with_capacity(visible_count.min(MAX_EDGES_DRAWN) + 64);
    for (k, relation_idx) in visible.into_iter().enumerate() {
        if k % stride != 0 && lens.relation(relation_idx) < Emphasis::Highlighted {
            continue;
        }
        let Some(relation) = session.dataset.relation(relation_idx) else {
            continue;
        };
        let (Some(a), Some(b)) = (nodes.get(relation.source.0), nodes.get(relation.target.0))
        else {
            continue;
        };
        let (slot, count) = session
            .index
            .parallel
            .get(relation_idx.0)
            .copied()
            .unwrap_or((0, 1));
        if relation.source == relation.target {
            // A relation of an entity with itself: short arrows stacked above the node.
            let y = a.center.y - a.radius - 10.0 - slot as f32 * PARALLEL_GAP;
            edges.push(EdgeOnScreen {
                relation: relation_idx,
                from: pos2(a.center.x - 14.0, y),
                to: pos2(a.center.x + 14.0, y),
            });
            continue;
        }
        // Relations joining the same two entities are spread side by side, measured across
        // the line from the lower to the higher index, whichever way each one points.
        let (low, high) = if relation.source.0 < relation.target.0 {
            (a, b)
        } else {
            (b, a)
        };
        let across = (high.center - low.center).normalized().rot90();
        let offset = across * ((slot as f32 - (count as f32 - 1.0) / 2.0) * PARALLEL_GAP);
        let direction = (b.center - a.center).normalized();
        edges.push(EdgeOnScreen {
            relation: relation_idx,
            from: a.center + offset + direction * a.radius,
            to: b.center + offset - direction * (b.radius + 2.0),
        });
    }
    (edges, visible_count)
}

/// What is under `pointer`: nodes win over edges, and the closest node centre wins. Nodes are
/// found through a grid over the layout (rebuilt only when the layout moves); edges by a scan
/// of those drawn, which are capped.
fn hit_test(
    session: &Session,
    lens: &Lens,
    camera: &Camera,
    rect: Rect,
    pointer: Pos2,
    nodes: &[NodeOnScreen],
    edges: &[EdgeOnScreen],
) -> Option<Hit> {
    let node = node_at(session, camera, rect, pointer, nodes)
        .filter(|&entity| lens.shows_entity(entity))
        .map(Hit::Entity);
    node.or_else(|| {
        edges
            .iter()
            .map(|e| (e.relation, distance_to_segment(pointer, e.from, e.to)))
            .filter(|(_, d)| *d <= EDGE_HIT_DISTANCE)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(relation, _)| Hit::Relation(relation))
    })
}

/// Re-indexes the nodes for hit-testing when the layout has moved them.
fn refresh_node_grid(session: &mut Session) {
    let generation = session.layout.generation();
    if session
        .node_grid
        .as_ref()
        .is_none_or(|(built, _)| *built != generation)
    {
        let positions = (0..session.layout.len())
            .map(|i| session.layout.position(EntityIdx(i)))
            .collect();
        session.node_grid = Some((
            generation,
            crate::layout::spatial::NodeGrid::build(positions),
        ));
    }
}

fn node_at(
    session: &Session,
    camera: &Camera,
    rect: Rect,
    pointer: Pos2,
    nodes: &[NodeOnScreen],
) -> Option<EntityIdx> {
    let hit_radius = |i: usize| nodes.get(i).map_or(0.0, |n| n.radius + 3.0);
    let zoom = camera.zoom;
    let point = camera.to_layout(rect, pointer);
    let max_radius = nodes.iter().map(|n| n.radius + 3.0).fold(0.0, f32::max) / zoom;
    let found = session
        .node_grid
        .as_ref()
        .and_then(|(_, grid)| grid.nearest(point, max_radius, |i| hit_radius(i) / zoom));
    match found {
        Some(found) => found.map(EntityIdx),
        // Zoomed far out, the grid would visit too many cells: scan the nodes instead.
        None => nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.center.distance(pointer) <= n.radius + 3.0)
            .min_by(|(_, a), (_, b)| {
                a.center
                    .distance(pointer)
                    .total_cmp(&b.center.distance(pointer))
            })
            .map(|(i, _)| EntityIdx(i)),
    }
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

fn handle_input(
    ui: &egui::Ui,
    response: &Response,
    session: &Session,
    camera: &Camera,
    (lens, nodes, edges, hover): (&Lens, &[NodeOnScreen], &[EdgeOnScreen], Option<Hit>),
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
            .and_then(|origin| hit_test(session, lens, camera, rect, origin, nodes, edges));
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

/// Colour of an element given its emphasis: faded when something else is emphasised.
fn emphasis(colour: Color32, emphasis: Emphasis) -> Color32 {
    if emphasis == Emphasis::Faded {
        theme::faded(colour)
    } else {
        colour
    }
}

fn draw_edges(
    painter: &egui::Painter,
    session: &Session,
    view: &View,
    lens: &Lens,
    edges: &[EdgeOnScreen],
    hover: Option<Hit>,
) -> Vec<PendingLabel> {
    let font = FontId::proportional(theme::EDGE_LABEL_SIZE);
    let mut edge_labels = Vec::new();
    // Many edges go into one mesh (one shape instead of thousands, no anti-aliasing needed
    // at that density); few are drawn as separate anti-aliased lines.
    let mut batch = (edges.len() > BATCH_EDGES_FROM).then(|| {
        // Sized up front: growing a mesh of this size by doubling copies megabytes per frame.
        let mut mesh = egui::epaint::Mesh::default();
        mesh.vertices.reserve(edges.len() * 7);
        mesh.indices.reserve(edges.len() * 9);
        mesh
    });
    for edge in edges {
        let Some(relation) = session.dataset.relation(edge.relation) else {
            continue;
        };
        let seen = lens.relation(edge.relation);
        let highlighted = seen >= Emphasis::Highlighted;
        let hovered = hover == Some(Hit::Relation(edge.relation));
        let base = if highlighted || hovered {
            theme::ACCENT
        } else {
            theme::EDGE
        };
        let colour = if hovered { base } else { emphasis(base, seen) };
        // Wider for every further independent document behind the relation.
        let sources = session
            .index
            .independent_sources
            .get(edge.relation.0)
            .copied()
            .unwrap_or(1);
        let width = 1.2
            + 0.7 * (sources.clamp(1, 5) - 1) as f32
            + if highlighted || hovered { 1.1 } else { 0.0 };
        let stroke = Stroke::new(width, colour);
        match (&mut batch, hedge_style(relation.status)) {
            (_, Some((dash, gap))) => {
                painter.extend(Shape::dashed_line(&[edge.from, edge.to], stroke, dash, gap));
                if relation.status == crate::model::RelationStatus::Denied {
                    draw_cross(painter, edge.from + (edge.to - edge.from) * 0.5, colour);
                }
            }
            (Some(mesh), None) => add_segment(mesh, edge.from, edge.to, width, colour),
            (None, None) => {
                painter.line_segment([edge.from, edge.to], stroke);
            }
        }
        if relation.directed {
            match &mut batch {
                Some(mesh) => add_arrow_head(mesh, edge.from, edge.to, colour, width),
                None => draw_arrow_head(painter, edge.from, edge.to, colour, width),
            }
        }

        // The kind is written along the edge when there is room for it (placed after the
        // node labels, so it never hides one).
        let show_label = seen != Emphasis::Faded || hovered;
        let length = edge.from.distance(edge.to);
        let on_screen =
            painter.clip_rect().contains(edge.from) && painter.clip_rect().contains(edge.to);
        if show_label
            && on_screen
            && length > 30.0
            && (edge_labels.len() < MAX_LABELS_TRIED || hovered)
        {
            let galley =
                painter.layout_no_wrap(edge_text(relation), font.clone(), theme::EDGE_LABEL);
            if galley.size().x + 24.0 < length {
                let middle = edge.from + (edge.to - edge.from) * 0.5;
                edge_labels.push(PendingLabel {
                    rect: Rect::from_center_size(middle, galley.size() + vec2(6.0, 2.0)),
                    galley,
                    colour: theme::EDGE_LABEL,
                    must_show: hovered
                        || matches!(view.selection, Selection::Relation(r) if r == edge.relation),
                });
            }
        }
    }
    if let Some(mesh) = batch {
        painter.add(Shape::mesh(mesh));
    }
    edge_labels
}

/// Dash and gap lengths for a relation the source hedges, `None` for a plain report:
/// claimed long dashes, alleged dots, denied short dashes crossed out, unclear medium dashes.
fn hedge_style(status: crate::model::RelationStatus) -> Option<(f32, f32)> {
    use crate::model::RelationStatus;
    match status {
        RelationStatus::Reported => None,
        RelationStatus::Claimed => Some((10.0, 5.0)),
        RelationStatus::Alleged => Some((2.0, 4.0)),
        RelationStatus::Denied => Some((4.0, 4.0)),
        RelationStatus::Unclear => Some((6.0, 6.0)),
    }
}

/// A small "×" marking a denied relation.
fn draw_cross(painter: &egui::Painter, center: Pos2, colour: Color32) {
    let d = 4.5;
    let stroke = Stroke::new(2.0, colour);
    painter.line_segment([center + vec2(-d, -d), center + vec2(d, d)], stroke);
    painter.line_segment([center + vec2(-d, d), center + vec2(d, -d)], stroke);
}

/// The words written on an edge: its kind, or for a relation of no particular kind its own
/// label when that is short enough to read along an edge.
fn edge_text(relation: &crate::model::Relation) -> String {
    match &relation.label {
        Some(label)
            if relation.kind == crate::model::RelationKind::Other
                && label.chars().count() <= 32 =>
        {
            label.clone()
        }
        _ => relation.kind.label().to_owned(),
    }
}

/// A straight line `width` wide as two triangles of `mesh`.
fn add_segment(mesh: &mut egui::epaint::Mesh, from: Pos2, to: Pos2, width: f32, colour: Color32) {
    let across = (to - from).normalized().rot90() * (width / 2.0);
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

/// The arrow head of [`draw_arrow_head`], as a triangle of `mesh`.
fn add_arrow_head(
    mesh: &mut egui::epaint::Mesh,
    from: Pos2,
    to: Pos2,
    colour: Color32,
    width: f32,
) {
    let [tip, left, right] = arrow_head(from, to, width);
    if !left.x.is_finite() || !left.y.is_finite() {
        return;
    }
    let first = mesh.vertices.len() as u32;
    for corner in [tip, left, right] {
        mesh.colored_vertex(corner, colour);
    }
    mesh.add_triangle(first, first + 1, first + 2);
}

/// The three corners of the arrow head at `to` for an edge from `from`.
fn arrow_head(from: Pos2, to: Pos2, width: f32) -> [Pos2; 3] {
    let direction = (to - from).normalized();
    let size = 9.0 + width * 1.5;
    let back = to - direction * size;
    let across = direction.rot90() * (size * 0.45);
    [to, back + across, back - across]
}

fn draw_arrow_head(painter: &egui::Painter, from: Pos2, to: Pos2, colour: Color32, width: f32) {
    let corners = arrow_head(from, to, width);
    if corners.iter().all(|p| p.x.is_finite() && p.y.is_finite()) {
        painter.add(Shape::convex_polygon(
            corners.to_vec(),
            colour,
            Stroke::NONE,
        ));
    }
}

fn draw_nodes(
    painter: &egui::Painter,
    session: &Session,
    view: &View,
    lens: &Lens,
    nodes: &[NodeOnScreen],
    hover: Option<Hit>,
) {
    let colouring = Colouring::get(painter.ctx(), session, &view.colour_by);
    let clip = painter.clip_rect();
    let visible: Vec<usize> = (0..nodes.len())
        .filter(|&i| {
            lens.shows_entity(EntityIdx(i))
                && nodes
                    .get(i)
                    .is_some_and(|n| clip.expand(n.radius).contains(n.center))
        })
        .collect();
    // Many nodes go into one mesh of plain octagons: anti-aliased circles with outlines cost
    // dozens of vertices each, which at thousands of nodes is most of a frame.
    let mut batch = (visible.len() > BATCH_NODES_FROM).then(|| {
        let mut mesh = egui::epaint::Mesh::default();
        mesh.vertices.reserve(visible.len() * 9);
        mesh.indices.reserve(visible.len() * 24);
        mesh
    });
    // The batch is drawn under the nodes drawn one by one (the selection, the hovered node).
    let batch_slot = painter.add(Shape::Noop);
    for i in visible {
        let (Some(node), Some(_)) = (nodes.get(i), session.dataset.entity(EntityIdx(i))) else {
            continue;
        };
        let entity = EntityIdx(i);
        let seen = lens.entity(entity);
        let fill = emphasis(colouring.colour(entity), seen);
        let selected = view.selection == Selection::Entity(entity);
        let hovered = hover == Some(Hit::Entity(entity));
        let pinned = session.layout.is_pinned(entity);
        if let Some(mesh) = &mut batch
            && !(selected || hovered || pinned)
        {
            add_octagon(mesh, node.center, node.radius, fill);
            continue;
        }
        let stroke = if selected {
            Stroke::new(3.0, theme::ACCENT)
        } else if hovered {
            Stroke::new(2.0, theme::NODE_LABEL)
        } else {
            Stroke::new(1.0, emphasis(Color32::from_gray(20), seen))
        };
        painter.circle(node.center, node.radius, fill, stroke);
        if pinned {
            // A small dot marks a node pinned by dragging (double-click to release).
            painter.circle_filled(
                node.center,
                (node.radius * 0.3).max(2.0),
                emphasis(theme::NODE_LABEL, seen),
            );
        }
    }
    if let Some(mesh) = batch {
        painter.set(batch_slot, Shape::mesh(mesh));
    }
}

/// A filled regular octagon: a cheap circle for crowded views.
fn add_octagon(mesh: &mut egui::epaint::Mesh, center: Pos2, radius: f32, colour: Color32) {
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

/// A label waiting for a free spot.
struct PendingLabel {
    rect: Rect,
    galley: std::sync::Arc<egui::Galley>,
    colour: Color32,
    /// The selection and the hovered element always get their label, overlap or not.
    must_show: bool,
}

/// Places labels greedily, most important first, leaving out any that would overlap one
/// already placed: fewer labels, every one of them readable.
struct LabelPlacer {
    placed: Vec<Rect>,
    obstacles: Vec<Rect>,
    clip: Rect,
}

impl LabelPlacer {
    fn place(&mut self, painter: &egui::Painter, label: PendingLabel, avoid_obstacles: bool) {
        // Keep labels near the view's edges inside it rather than cut off.
        let mut rect = label.rect;
        if rect.width() < self.clip.width() {
            let shift = (self.clip.left() - rect.left()).max(0.0)
                + (self.clip.right() - rect.right()).min(0.0);
            rect = rect.translate(vec2(shift, 0.0));
        }
        if !self.clip.intersects(rect) {
            return;
        }
        let blocked = self.placed.iter().any(|other| other.intersects(rect))
            || (avoid_obstacles && self.obstacles.iter().any(|o| o.intersects(rect)));
        if blocked && !label.must_show {
            return;
        }
        self.placed.push(rect);
        painter.rect_filled(rect, 4.0, theme::LABEL_BACKDROP);
        let text_size = label.galley.size();
        painter.galley(rect.center() - text_size / 2.0, label.galley, label.colour);
    }
}

fn draw_labels(
    painter: &egui::Painter,
    session: &Session,
    view: &View,
    lens: &Lens,
    nodes: &[NodeOnScreen],
    hover: Option<Hit>,
    mut edge_labels: Vec<PendingLabel>,
) {
    // The selection, its neighbours and search hits are labelled before anything else.
    let mut order: Vec<EntityIdx> = (0..nodes.len())
        .map(EntityIdx)
        .filter(|&entity| lens.shows_entity(entity))
        .collect();
    let priority = |entity: EntityIdx| {
        let must_show =
            view.selection == Selection::Entity(entity) || hover == Some(Hit::Entity(entity));
        (
            must_show,
            lens.entity(entity) >= Emphasis::Highlighted,
            session.index.degree(entity),
        )
    };
    order.sort_by_key(|&entity| std::cmp::Reverse(priority(entity)));

    let mut placer = LabelPlacer {
        placed: Vec::new(),
        obstacles: nodes
            .iter()
            .map(|n| Rect::from_center_size(n.center, Vec2::splat(n.radius * 2.0)))
            .collect(),
        clip: painter.clip_rect(),
    };
    let font = FontId::proportional(theme::NODE_LABEL_SIZE);
    let clip = painter.clip_rect();
    let visible = order
        .into_iter()
        .filter(|entity| nodes.get(entity.0).is_some_and(|n| clip.contains(n.center)));
    for entity in visible.take(MAX_LABELS_TRIED) {
        let (Some(node), Some(e)) = (nodes.get(entity.0), session.dataset.entity(entity)) else {
            continue;
        };
        let (must_show, _, _) = priority(entity);
        if lens.entity(entity) == Emphasis::Faded && !must_show {
            continue;
        }
        accessible_node(painter.ctx(), entity, e, node, lens.entity(entity));
        let galley = painter.layout_no_wrap(e.name.clone(), font.clone(), theme::NODE_LABEL);
        let size = galley.size() + vec2(8.0, 2.0);
        let rect = Rect::from_min_size(
            pos2(
                node.center.x - size.x / 2.0,
                node.center.y + node.radius + 3.0,
            ),
            size,
        );
        placer.place(
            painter,
            PendingLabel {
                rect,
                galley,
                colour: theme::NODE_LABEL,
                must_show,
            },
            false,
        );
    }
    edge_labels.sort_by_key(|label| !label.must_show);
    for label in edge_labels {
        placer.place(painter, label, true);
    }
}

/// Tells screen readers about a node on screen (those worth a label): its name, kind and
/// whether it is selected, where it is.
fn accessible_node(
    ctx: &egui::Context,
    entity: EntityIdx,
    e: &crate::model::Entity,
    node: &NodeOnScreen,
    emphasis: Emphasis,
) {
    use egui::accesskit;
    let rect = Rect::from_center_size(node.center, Vec2::splat(node.radius * 2.0));
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
        if emphasis == Emphasis::Selected {
            builder.set_selected(true);
        }
    });
}

/// Colour key: one entry per entity kind present, with its count (a click hides or shows
/// that kind), and the line styles.
fn legend(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    let mut counts: BTreeMap<EntityKind, usize> = BTreeMap::new();
    if view.colour_by == crate::view::ColourBy::Kind {
        for entity in &session.dataset.entities {
            *counts.entry(entity.kind).or_default() += 1;
        }
    }
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(16.0, 4.0);
        for (text, colour) in &colouring.legend {
            legend_entry(ui, text, |painter, marker| {
                painter.circle_filled(marker.center(), 6.0, *colour);
            });
        }
        for (kind, count) in counts {
            let hidden = view.filters.hidden_entity_kinds.contains(&kind);
            let colour = theme::entity_colour(kind);
            let text = if hidden {
                format!("{} ({count}, hidden)", kind.label())
            } else {
                format!("{} ({count})", kind.label())
            };
            let response = legend_entry(ui, &text, |painter, marker| {
                if hidden {
                    painter.circle_stroke(marker.center(), 5.5, Stroke::new(1.5, colour));
                } else {
                    painter.circle_filled(marker.center(), 6.0, colour);
                }
            });
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
        for status in [
            crate::model::RelationStatus::Claimed,
            crate::model::RelationStatus::Alleged,
            crate::model::RelationStatus::Denied,
        ] {
            let Some((dash, gap)) = hedge_style(status) else {
                continue;
            };
            legend_entry(ui, status.as_str(), |painter, marker| {
                painter.extend(Shape::dashed_line(
                    &[marker.left_center(), marker.right_center()],
                    Stroke::new(1.6, theme::EDGE),
                    dash * 0.8,
                    gap * 0.8,
                ));
                if status == crate::model::RelationStatus::Denied {
                    draw_cross(painter, marker.center(), theme::EDGE);
                }
            });
        }
        legend_entry(ui, "wider: more sources", |painter, marker| {
            painter.line_segment(
                [marker.left_center(), marker.right_center()],
                Stroke::new(3.5, theme::EDGE),
            );
        });
    });
}

/// One legend entry, laid out as a single item so that a wrapped row never splits it.
fn legend_entry(
    ui: &mut egui::Ui,
    text: &str,
    marker: impl FnOnce(&egui::Painter, Rect),
) -> Response {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        FontId::proportional(theme::LEGEND_SIZE),
        ui.visuals().text_color(),
    );
    let marker_width = 22.0;
    let size = vec2(
        marker_width + 6.0 + galley.size().x,
        galley.size().y.max(14.0),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, text));
    let marker_rect = Rect::from_min_size(
        rect.left_center() - vec2(0.0, 7.0),
        vec2(marker_width, 14.0),
    );
    marker(ui.painter(), marker_rect);
    let text_pos = pos2(
        rect.left() + marker_width + 6.0,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter()
        .galley(text_pos, galley, ui.visuals().text_color());
    response
}
