//! Which part of the network is on screen: a centre and a zoom in layout coordinates, whether
//! the view follows the whole network as it moves, and the node being dragged.

use egui::{Pos2, Rect, Vec2};

use crate::model::EntityIdx;

/// Screen margin kept around the network when fitting it in view.
const FIT_MARGIN: f32 = 70.0;

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
        self.zoom = (available.x / size.x)
            .min(available.y / size.y)
            .clamp(0.0005, 3.0);
        self.center = bounds.center();
    }

    /// Zooms by `factor`, keeping the layout point under `anchor` where it is on screen.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        let before = self.to_layout(rect, anchor);
        self.zoom = (self.zoom * factor).clamp(0.0005, 8.0);
        let after = self.to_layout(rect, anchor);
        self.center += before - after;
        self.follow = false;
    }
}
