//! Which part of the network is on screen: a centre and a zoom in layout coordinates, and
//! whether the view follows the whole network as it moves.

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
    /// While following: keep only these entities in view (a story step's, or what a playing
    /// time window will show by its end), not the whole network.
    pub fit_only: Option<Vec<EntityIdx>>,
    /// Glide to this view rather than jump (a story step's move); off once the user pans or
    /// zooms.
    pub glide: bool,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center: Pos2::ZERO,
            zoom: 1.0,
            follow: true,
            fit_only: None,
            glide: false,
        }
    }
}

/// The closest the camera comes: screen points per layout unit. ForceAtlas2 settles two
/// linked entities about 14 units apart: at 8 they sat 110 points apart in the middle of an
/// empty window; at 40 "Fit" spreads them across it.
pub const MAX_ZOOM: f32 = 40.0;

impl Camera {
    /// Screen position of a layout point, for a view occupying `rect`.
    pub fn to_screen(&self, rect: Rect, point: Pos2) -> Pos2 {
        rect.center() + (point - self.center) * self.zoom
    }

    /// Layout point under a screen position.
    pub fn to_layout(&self, rect: Rect, screen: Pos2) -> Pos2 {
        self.center + (screen - rect.center()) / self.zoom
    }

    /// Shows all of `bounds` inside a view of `viewport` size.
    pub fn fit(&mut self, bounds: Rect, viewport: Vec2) {
        let available = (viewport - Vec2::splat(2.0 * FIT_MARGIN)).max(Vec2::splat(40.0));
        let size = bounds.size().max(Vec2::splat(1.0));
        // As close as the wheel goes: a network of two or three entities fills the view
        // rather than sitting in its middle at a few points across.
        self.zoom = (available.x / size.x)
            .min(available.y / size.y)
            .clamp(0.0005, MAX_ZOOM);
        self.center = bounds.center();
    }

    /// What a followed view keeps in view: the bounds of `fit_only`'s entities where given
    /// (padded so a lone entity is not fitted to a point), else `all`, the whole network's.
    pub fn bounds_to_fit(
        &self,
        all: Option<Rect>,
        position: impl Fn(EntityIdx) -> Pos2,
    ) -> Option<Rect> {
        let Some(only) = self.fit_only.as_ref().filter(|only| !only.is_empty()) else {
            return all;
        };
        let bounds = only
            .iter()
            .map(|&e| position(e))
            .fold(None, |b: Option<Rect>, p| {
                Some(b.map_or(Rect::from_min_max(p, p), |b| {
                    b.union(Rect::from_min_max(p, p))
                }))
            })?;
        // At least a fifth of the whole network across, so a step on one or two entities
        // shows them among their neighbours.
        let floor = all.map_or(1.0, |a| a.size().max_elem() / 5.0);
        Some(Rect::from_center_size(
            bounds.center(),
            bounds.size().max(Vec2::splat(floor)),
        ))
    }

    /// The camera a frame of `viewport` size draws with: fitted to `bounds` while following.
    #[must_use]
    pub fn for_frame(&self, bounds: Option<Rect>, viewport: Vec2) -> Self {
        let mut camera = self.clone();
        if let (true, Some(bounds)) = (self.follow, bounds) {
            camera.fit(bounds, viewport);
        }
        camera
    }

    /// Zooms by `factor`, keeping the layout point `anchor` where it is on screen.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let zoom = (self.zoom * factor).clamp(0.0005, MAX_ZOOM);
        // On screen, `anchor` sits at (anchor - center) * zoom from the centre; keep that.
        self.center = anchor - (anchor - self.center) * (self.zoom / zoom);
        self.zoom = zoom;
        self.release();
    }

    /// Puts `point` at the centre, zoomed in at least to `min_zoom` and at most to
    /// `max_zoom`, and stops following the whole network.
    pub fn center_on(&mut self, point: Pos2, min_zoom: f32, max_zoom: f32) {
        self.release();
        self.center = point;
        self.zoom = self.zoom.max(min_zoom).min(max_zoom);
    }

    /// The user took the camera: stop following and gliding.
    pub fn release(&mut self) {
        self.follow = false;
        self.fit_only = None;
        self.glide = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_two_close_entities_spreads_them_across_the_view() {
        let viewport = Vec2::new(820.0, 600.0);
        let mut camera = Camera::default();
        // Where ForceAtlas2 leaves a lone pair.
        let (a, b) = (Pos2::new(0.0, 0.0), Pos2::new(12.0, 7.0));
        camera.fit(Rect::from_two_pos(a, b), viewport);
        let rect = Rect::from_min_size(Pos2::ZERO, viewport);
        let apart = camera
            .to_screen(rect, a)
            .distance(camera.to_screen(rect, b));
        assert!(apart > viewport.x / 2.0, "{apart} points apart");
        // Still inside the margin.
        for p in [a, b] {
            assert!(
                rect.shrink(FIT_MARGIN - 1.0)
                    .contains(camera.to_screen(rect, p))
            );
        }
    }

    #[test]
    fn the_wheel_stops_at_the_closest_zoom_and_keeps_its_anchor() {
        let mut camera = Camera::default();
        let anchor = Pos2::new(5.0, -3.0);
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0));
        let before = camera.to_screen(rect, anchor);
        for _ in 0..100 {
            camera.zoom_around(anchor, 1.5);
        }
        assert_eq!(camera.zoom, MAX_ZOOM);
        assert!(camera.to_screen(rect, anchor).distance(before) < 0.01);
        assert!(!camera.follow);
    }
}
