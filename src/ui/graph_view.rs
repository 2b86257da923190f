//! The network drawn as a force-directed graph: nodes coloured by kind, directed edges named
//! by their relation kind, labels at a fixed, readable screen size. Pan by dragging the
//! background, zoom with the wheel, drag a node to pin it, click to select.
//!
//! Drawn with egui's painter rather than `egui_graphs::GraphView`, whose `show` requests a
//! repaint every frame: this view repaints only while the layout moves or the user acts.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Align2, Color32, FontId, Pos2, Rect, Response, Sense, Shape, Stroke, Vec2, pos2, vec2};

use crate::command::Command;
use crate::layout::LayoutPhase;
use crate::model::{EntityIdx, EntityKind, RelationIdx};
use crate::session::{Selection, Session};
use crate::ui::theme;

/// Screen margin kept around the network when fitting it in view.
const FIT_MARGIN: f32 = 70.0;
/// How close (in points) the pointer must be to an edge to hit it.
const EDGE_HIT_DISTANCE: f32 = 6.0;
/// Distance between parallel edges joining the same two nodes.
const PARALLEL_GAP: f32 = 16.0;

/// Which part of the network the view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    /// Layout point at the centre of the view.
    pub center: Pos2,
    /// Screen points per layout unit.
    pub zoom: f32,
    /// Keep the whole network in view while it moves; off once the user pans or zooms.
    pub follow: bool,
    /// A node being dragged.
    pub dragged: Option<EntityIdx>,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center: Pos2::ZERO,
            zoom: 1.0,
            follow: true,
            dragged: None,
        }
    }
}

impl Camera {
    /// Screen position of a layout point, for a view occupying `rect`.
    pub fn to_screen(&self, rect: Rect, point: Pos2) -> Pos2 {
        rect.center() + (point - self.center) * self.zoom
    }

    /// Layout point under a screen position.
    pub fn to_layout(&self, rect: Rect, screen: Pos2) -> Pos2 {
        self.center + (screen - rect.center()) / self.zoom
    }

    /// Shows all of `bounds` inside `rect`.
    pub fn fit(&mut self, bounds: Rect, rect: Rect) {
        let available = (rect.size() - Vec2::splat(2.0 * FIT_MARGIN)).max(Vec2::splat(40.0));
        let size = bounds.size().max(Vec2::splat(1.0));
        self.zoom = (available.x / size.x).min(available.y / size.y).clamp(0.02, 3.0);
        self.center = bounds.center();
    }

    /// Zooms by `factor`, keeping the layout point under `anchor` where it is on screen.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        let before = self.to_layout(rect, anchor);
        self.zoom = (self.zoom * factor).clamp(0.02, 8.0);
        let after = self.to_layout(rect, anchor);
        self.center += before - after;
        self.follow = false;
    }
}

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
pub fn show(ui: &mut egui::Ui, session: &mut Session, commands: &mut Vec<Command>) -> Response {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, theme::CANVAS);

    if session.camera.follow
        && let Some(bounds) = session.layout.bounds()
    {
        session.camera.fit(bounds, rect);
    }

    let nodes = nodes_on_screen(session, rect);
    let edges = edges_on_screen(session, &nodes);
    let hover = response
        .hover_pos()
        .and_then(|pointer| hit_test(pointer, &nodes, &edges));

    handle_input(ui, &response, session, hover, commands);

    let highlighted = session.highlighted_entities();
    draw_edges(&painter, session, &edges, &highlighted, hover);
    draw_nodes(&painter, session, &nodes, &highlighted, hover);
    draw_labels(&painter, session, &nodes, &highlighted, hover);
    draw_legend(&painter, session, rect);

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
        Some(Hit::Entity(_) | Hit::Relation(_)) => response.on_hover_cursor(egui::CursorIcon::PointingHand),
        None => response,
    };
    response.on_hover_ui_at_pointer(|ui| hover_text(ui, session, hover))
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
                ui.label(format!("{} → {} → {}", name(r.source), r.display_label(), name(r.target)));
            }
        }
        None => {
            ui.label("Drag to pan, scroll to zoom, click a node or a link");
        }
    }
}

fn node_radius(session: &Session, entity: EntityIdx) -> f32 {
    let degree = session.network.degree(entity) as f32;
    let base = 7.0 + 2.4 * degree.sqrt();
    (base * session.camera.zoom.sqrt()).clamp(4.0, 30.0)
}

fn nodes_on_screen(session: &Session, rect: Rect) -> Vec<NodeOnScreen> {
    (0..session.dataset.entities.len())
        .map(|i| {
            let entity = EntityIdx(i);
            NodeOnScreen {
                center: session.camera.to_screen(rect, session.layout.position(entity)),
                radius: node_radius(session, entity),
            }
        })
        .collect()
}

fn edges_on_screen(session: &Session, nodes: &[NodeOnScreen]) -> Vec<EdgeOnScreen> {
    // Relations joining the same two entities are spread side by side.
    let mut groups: BTreeMap<(usize, usize), Vec<RelationIdx>> = BTreeMap::new();
    for (i, relation) in session.dataset.relations.iter().enumerate() {
        let key = (relation.source.0.min(relation.target.0), relation.source.0.max(relation.target.0));
        groups.entry(key).or_default().push(RelationIdx(i));
    }
    let mut edges = Vec::with_capacity(session.dataset.relations.len());
    for ((low, high), relations) in groups {
        let (Some(a), Some(b)) = (nodes.get(low), nodes.get(high)) else {
            continue;
        };
        let along = (b.center - a.center).normalized();
        let across = along.rot90();
        let count = relations.len() as f32;
        for (k, relation_idx) in relations.into_iter().enumerate() {
            let Some(relation) = session.dataset.relation(relation_idx) else {
                continue;
            };
            let offset = across * ((k as f32 - (count - 1.0) / 2.0) * PARALLEL_GAP);
            let (from_node, to_node) = if relation.source.0 == low { (a, b) } else { (b, a) };
            let direction = (to_node.center - from_node.center).normalized();
            edges.push(EdgeOnScreen {
                relation: relation_idx,
                from: from_node.center + offset + direction * from_node.radius,
                to: to_node.center + offset - direction * (to_node.radius + 2.0),
            });
        }
    }
    edges.sort_by_key(|edge| edge.relation);
    edges
}

fn hit_test(pointer: Pos2, nodes: &[NodeOnScreen], edges: &[EdgeOnScreen]) -> Option<Hit> {
    // Nodes win over edges; among nodes the closest centre wins (the last drawn on top).
    let node = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.center.distance(pointer) <= n.radius + 3.0)
        .min_by(|(_, a), (_, b)| a.center.distance(pointer).total_cmp(&b.center.distance(pointer)))
        .map(|(i, _)| Hit::Entity(EntityIdx(i)));
    node.or_else(|| {
        edges
            .iter()
            .map(|e| (e.relation, distance_to_segment(pointer, e.from, e.to)))
            .filter(|(_, d)| *d <= EDGE_HIT_DISTANCE)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(relation, _)| Hit::Relation(relation))
    })
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 { ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0) } else { 0.0 };
    p.distance(a + ab * t)
}

fn handle_input(
    ui: &egui::Ui,
    response: &Response,
    session: &mut Session,
    hover: Option<Hit>,
    commands: &mut Vec<Command>,
) {
    let rect = response.rect;
    if response.drag_started() {
        session.camera.dragged = match hover {
            Some(Hit::Entity(entity)) => Some(entity),
            _ => None,
        };
    }
    if response.dragged() {
        match (session.camera.dragged, response.interact_pointer_pos()) {
            (Some(entity), Some(pointer)) => {
                let target = session.camera.to_layout(rect, pointer);
                session.layout.pin_at(entity, target);
                session.layout.reheat();
                session.camera.follow = false;
            }
            _ => {
                session.camera.center -= response.drag_delta() / session.camera.zoom;
                session.camera.follow = false;
            }
        }
    }
    if response.drag_stopped() {
        session.camera.dragged = None;
    }
    if response.double_clicked() {
        match hover {
            Some(Hit::Entity(entity)) if session.layout.is_pinned(entity) => {
                commands.push(Command::Unpin(entity));
            }
            None => commands.push(Command::FitView),
            _ => {}
        }
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
            session.camera.zoom_around(rect, pointer, factor);
        }
    }
}

/// Colour of an element given the highlight: its own when highlighted or when nothing is
/// selected, faded otherwise.
fn emphasis(colour: Color32, highlighted: bool, anything_selected: bool) -> Color32 {
    if highlighted || !anything_selected { colour } else { theme::faded(colour) }
}

fn draw_edges(
    painter: &egui::Painter,
    session: &Session,
    edges: &[EdgeOnScreen],
    highlighted_entities: &BTreeSet<EntityIdx>,
    hover: Option<Hit>,
) {
    let anything_selected = !highlighted_entities.is_empty();
    let font = FontId::proportional(theme::EDGE_LABEL_SIZE);
    for edge in edges {
        let Some(relation) = session.dataset.relation(edge.relation) else {
            continue;
        };
        let highlighted = session.is_relation_highlighted(edge.relation);
        let hovered = hover == Some(Hit::Relation(edge.relation));
        let base = if highlighted || hovered { theme::ACCENT } else { theme::EDGE };
        let colour = emphasis(base, highlighted || hovered, anything_selected);
        let width = if highlighted || hovered { 2.5 } else { 1.4 };
        let stroke = Stroke::new(width, colour);
        if relation.status.is_hedged() {
            painter.extend(Shape::dashed_line(&[edge.from, edge.to], stroke, 7.0, 5.0));
        } else {
            painter.line_segment([edge.from, edge.to], stroke);
        }
        draw_arrow_head(painter, edge.from, edge.to, colour, width);

        // The kind is written along the edge when there is room for it.
        let show_label = !anything_selected || highlighted || hovered;
        let text = relation.kind.label();
        let length = edge.from.distance(edge.to);
        if show_label && length > 30.0 {
            let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), emphasis(theme::EDGE_LABEL, true, false));
            if galley.size().x + 24.0 < length {
                let middle = edge.from + (edge.to - edge.from) * 0.5;
                let label_rect = Rect::from_center_size(middle, galley.size() + vec2(6.0, 2.0));
                painter.rect_filled(label_rect, 3.0, theme::LABEL_BACKDROP);
                painter.galley(label_rect.min + vec2(3.0, 1.0), galley, theme::EDGE_LABEL);
            }
        }
    }
}

fn draw_arrow_head(painter: &egui::Painter, from: Pos2, to: Pos2, colour: Color32, width: f32) {
    let direction = (to - from).normalized();
    if !direction.x.is_finite() || !direction.y.is_finite() {
        return;
    }
    let size = 9.0 + width * 1.5;
    let back = to - direction * size;
    let across = direction.rot90() * (size * 0.45);
    painter.add(Shape::convex_polygon(vec![to, back + across, back - across], colour, Stroke::NONE));
}

fn draw_nodes(
    painter: &egui::Painter,
    session: &Session,
    nodes: &[NodeOnScreen],
    highlighted: &BTreeSet<EntityIdx>,
    hover: Option<Hit>,
) {
    let anything_selected = !highlighted.is_empty();
    for (i, node) in nodes.iter().enumerate() {
        let entity = EntityIdx(i);
        let Some(e) = session.dataset.entity(entity) else {
            continue;
        };
        let is_highlighted = highlighted.contains(&entity);
        let fill = emphasis(theme::entity_colour(e.kind), is_highlighted, anything_selected);
        let selected = session.selection == Selection::Entity(entity);
        let hovered = hover == Some(Hit::Entity(entity));
        let stroke = if selected {
            Stroke::new(3.0, theme::ACCENT)
        } else if hovered {
            Stroke::new(2.0, theme::NODE_LABEL)
        } else {
            Stroke::new(1.0, emphasis(Color32::from_gray(20), is_highlighted, anything_selected))
        };
        painter.circle(node.center, node.radius, fill, stroke);
        if session.layout.is_pinned(entity) {
            // A small dot marks a node pinned by dragging (double-click to release).
            painter.circle_filled(node.center, (node.radius * 0.3).max(2.0), emphasis(theme::NODE_LABEL, is_highlighted, anything_selected));
        }
    }
}

fn draw_labels(
    painter: &egui::Painter,
    session: &Session,
    nodes: &[NodeOnScreen],
    highlighted: &BTreeSet<EntityIdx>,
    hover: Option<Hit>,
) {
    let anything_selected = !highlighted.is_empty();
    // Most important first: a label that would overlap one already placed is left out,
    // except for the selection and the hovered node, which always get theirs.
    let mut order: Vec<EntityIdx> = (0..nodes.len()).map(EntityIdx).collect();
    let priority = |entity: EntityIdx| {
        let must_show = session.selection == Selection::Entity(entity) || hover == Some(Hit::Entity(entity));
        (must_show, highlighted.contains(&entity), session.network.degree(entity))
    };
    order.sort_by_key(|&entity| std::cmp::Reverse(priority(entity)));

    let font = FontId::proportional(theme::NODE_LABEL_SIZE);
    let mut placed: Vec<Rect> = Vec::new();
    let clip = painter.clip_rect();
    for entity in order {
        let (Some(node), Some(e)) = (nodes.get(entity.0), session.dataset.entity(entity)) else {
            continue;
        };
        let (must_show, is_highlighted, _) = priority(entity);
        if anything_selected && !is_highlighted && !must_show {
            continue;
        }
        let galley = painter.layout_no_wrap(e.name.clone(), font.clone(), theme::NODE_LABEL);
        let size = galley.size() + vec2(8.0, 2.0);
        let label_rect = Rect::from_min_size(pos2(node.center.x - size.x / 2.0, node.center.y + node.radius + 3.0), size);
        if !clip.intersects(label_rect) {
            continue;
        }
        if !must_show && placed.iter().any(|other| other.intersects(label_rect)) {
            continue;
        }
        placed.push(label_rect);
        painter.rect_filled(label_rect, 4.0, theme::LABEL_BACKDROP);
        painter.galley(label_rect.min + vec2(4.0, 1.0), galley, theme::NODE_LABEL);
    }
}

fn draw_legend(painter: &egui::Painter, session: &Session, rect: Rect) {
    let mut counts: BTreeMap<EntityKind, usize> = BTreeMap::new();
    for entity in &session.dataset.entities {
        *counts.entry(entity.kind).or_default() += 1;
    }
    if counts.is_empty() {
        return;
    }
    let font = FontId::proportional(theme::LEGEND_SIZE);
    let row_height = theme::LEGEND_SIZE + 7.0;
    let rows = counts.len() + 1;
    let size = vec2(210.0, row_height * rows as f32 + 12.0);
    let legend = Rect::from_min_size(pos2(rect.left() + 10.0, rect.bottom() - size.y - 10.0), size);
    painter.rect_filled(legend, 6.0, theme::LABEL_BACKDROP);
    let mut y = legend.top() + 6.0 + row_height / 2.0;
    for (kind, count) in counts {
        painter.circle_filled(pos2(legend.left() + 16.0, y), 6.0, theme::entity_colour(kind));
        painter.text(pos2(legend.left() + 30.0, y), Align2::LEFT_CENTER, format!("{} ({count})", kind.label()), font.clone(), theme::NODE_LABEL);
        y += row_height;
    }
    let dash_start = pos2(legend.left() + 8.0, y);
    painter.extend(Shape::dashed_line(&[dash_start, dash_start + vec2(18.0, 0.0)], Stroke::new(1.5, theme::EDGE), 5.0, 3.0));
    painter.text(pos2(legend.left() + 30.0, y), Align2::LEFT_CENTER, "claimed, alleged or denied", font, theme::NODE_LABEL);
}
