//! Themes as data: every colour and text size the graph, the panels and the exports use, in
//! one `Palette` value. Dark and light for everyday work; presenter variants of both with
//! larger type and stronger contrast for a 1280×720 screen share. The window, the SVG
//! exporter and the headless renderer all read the same value, so they cannot disagree.

use egui::Color32;

use crate::model::EntityKind;

/// The themes a user can pick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

impl Theme {
    /// The name used in menus, settings and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dark => "dark",
            Self::Light => "light",
        }
    }

    /// The theme named `name` (`dark` or `light`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::Dark),
            "light" => Some(Self::Light),
            _ => None,
        }
    }
}

/// Colours and text sizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub theme: Theme,
    /// Large type and strong contrast, for presenting.
    pub presenter: bool,
    /// The graph's background.
    pub canvas: Color32,
    /// Ordinary edges.
    pub edge: Color32,
    /// Edge label text.
    pub edge_label: Color32,
    /// Node label text.
    pub node_label: Color32,
    /// Backdrop behind labels so they read over edges.
    pub label_backdrop: Color32,
    /// Outline of an ordinary node.
    pub node_outline: Color32,
    /// The selection, the highlighted and the hovered.
    pub accent: Color32,
    /// Body text in panels.
    pub body_text: Color32,
    /// Secondary text in panels (hints, counts, sources): dimmer than the body, still 4.5:1.
    pub weak_text: Color32,
    /// Errors shown to the user.
    pub error: Color32,
    /// Confirmations shown to the user (a file saved).
    pub notice: Color32,
    /// Warnings shown to the user.
    pub warning: Color32,
    /// Quoted evidence text.
    pub quote: Color32,
    /// Background of the quote being read in the source reader.
    pub passage_focus: Color32,
    /// Background of every other quoted passage in the source reader.
    pub passage: Color32,
    /// A quote found verbatim in its source's text.
    pub verified: Color32,
    /// How much of its colour a faded (not highlighted) element keeps.
    pub faded_alpha: f32,
    /// Node labels on the graph, in screen points (independent of zoom).
    pub node_label_size: f32,
    /// Edge labels on the graph.
    pub edge_label_size: f32,
    /// Legend text.
    pub legend_size: f32,
    /// Panel body text.
    pub body_size: f32,
    /// Panel headings.
    pub heading_size: f32,
    /// Story captions on the graph.
    pub caption_size: f32,
}

impl Default for Palette {
    fn default() -> Self {
        Self::dark()
    }
}

impl Palette {
    /// The palette of `theme`, for presenting or not.
    pub fn of(theme: Theme, presenter: bool) -> Self {
        match (theme, presenter) {
            (Theme::Dark, false) => Self::dark(),
            (Theme::Light, false) => Self::light(),
            (Theme::Dark, true) => Self::dark().presenting(),
            (Theme::Light, true) => Self::light().presenting(),
        }
    }

    /// The default: light text on a dark canvas.
    pub fn dark() -> Self {
        Self {
            theme: Theme::Dark,
            presenter: false,
            canvas: Color32::from_rgb(24, 26, 33),
            edge: Color32::from_rgb(150, 156, 168),
            edge_label: Color32::from_rgb(200, 204, 212),
            node_label: Color32::from_rgb(240, 242, 246),
            label_backdrop: Color32::from_rgba_premultiplied(18, 20, 26, 200),
            node_outline: Color32::from_gray(20),
            // Cyan: gold read as one colour with Region yellow, orange with City.
            accent: Color32::from_rgb(64, 224, 255),
            body_text: Color32::from_gray(212),
            weak_text: Color32::from_gray(158),
            error: Color32::from_rgb(255, 120, 110),
            notice: Color32::from_rgb(140, 210, 150),
            warning: Color32::from_rgb(240, 190, 90),
            quote: Color32::from_rgb(232, 226, 208),
            passage_focus: Color32::from_rgb(122, 92, 18),
            passage: Color32::from_rgb(52, 62, 84),
            verified: Color32::from_rgb(140, 210, 150),
            faded_alpha: 0.22,
            node_label_size: 15.0,
            edge_label_size: 12.5,
            legend_size: 13.5,
            body_size: 15.0,
            heading_size: 22.0,
            caption_size: 18.0,
        }
    }

    /// Dark text on a light canvas, for print and bright rooms.
    pub fn light() -> Self {
        Self {
            theme: Theme::Light,
            canvas: Color32::from_rgb(250, 250, 247),
            edge: Color32::from_rgb(112, 118, 130),
            edge_label: Color32::from_rgb(60, 64, 74),
            node_label: Color32::from_rgb(20, 22, 28),
            label_backdrop: Color32::from_rgba_unmultiplied(255, 255, 255, 215),
            node_outline: Color32::from_gray(60),
            // Magenta: no kind's colour (the dark orange it was read as City's).
            accent: Color32::from_rgb(178, 0, 110),
            body_text: Color32::from_gray(28),
            weak_text: Color32::from_gray(88),
            error: Color32::from_rgb(176, 30, 24),
            notice: Color32::from_rgb(24, 110, 48),
            warning: Color32::from_rgb(140, 84, 0),
            quote: Color32::from_rgb(52, 44, 24),
            passage_focus: Color32::from_rgb(255, 214, 120),
            passage: Color32::from_rgb(214, 224, 244),
            verified: Color32::from_rgb(24, 110, 48),
            ..Self::dark()
        }
    }

    /// This palette with presenter type sizes and stronger contrast: labels and edges that
    /// survive a compressed 720p stream.
    fn presenting(self) -> Self {
        let dark = self.theme == Theme::Dark;
        Self {
            presenter: true,
            canvas: if dark {
                Color32::from_rgb(8, 9, 12)
            } else {
                Color32::WHITE
            },
            edge: if dark {
                Color32::from_rgb(190, 196, 208)
            } else {
                Color32::from_rgb(70, 76, 88)
            },
            edge_label: if dark {
                Color32::from_gray(235)
            } else {
                Color32::from_gray(20)
            },
            node_label: if dark { Color32::WHITE } else { Color32::BLACK },
            body_text: if dark {
                Color32::from_gray(240)
            } else {
                Color32::from_gray(10)
            },
            weak_text: if dark {
                Color32::from_gray(190)
            } else {
                Color32::from_gray(60)
            },
            faded_alpha: 0.16,
            node_label_size: 21.0,
            edge_label_size: 17.0,
            legend_size: 18.0,
            body_size: 20.0,
            heading_size: 28.0,
            caption_size: 26.0,
            ..self
        }
    }

    /// `colour` faded towards transparent, for elements outside the highlight.
    pub fn faded(&self, colour: Color32) -> Color32 {
        colour.gamma_multiply(self.faded_alpha)
    }

    /// The fill colour of an entity of this kind (colour-blind-friendly Tableau 10 order;
    /// the same in every theme, so a map learned in one reads in the other).
    pub fn entity_colour(kind: EntityKind) -> Color32 {
        match kind {
            EntityKind::Company => Color32::from_rgb(78, 121, 167),
            EntityKind::GovernmentBody => Color32::from_rgb(225, 87, 89),
            EntityKind::City => Color32::from_rgb(242, 142, 43),
            EntityKind::Region => Color32::from_rgb(237, 201, 72),
            EntityKind::Country => Color32::from_rgb(176, 122, 161),
            EntityKind::Program => Color32::from_rgb(89, 161, 79),
            EntityKind::Project => Color32::from_rgb(140, 209, 125),
            EntityKind::Facility => Color32::from_rgb(118, 183, 178),
            EntityKind::Organization => Color32::from_rgb(255, 157, 167),
            EntityKind::Person => Color32::from_rgb(156, 117, 95),
            EntityKind::Event => Color32::from_rgb(186, 176, 172),
            EntityKind::Product => Color32::from_rgb(212, 166, 200),
            EntityKind::Other => Color32::from_rgb(121, 112, 110),
        }
    }
}

/// The contrast ratio of two colours, by WCAG 2's relative luminance (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let luminance = |c: Color32| {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `colour` drawn over an opaque `background`.
    fn over(colour: Color32, background: Color32) -> Color32 {
        let alpha = f32::from(colour.a()) / 255.0;
        let mix = |c: u8, b: u8| (f32::from(c) + f32::from(b) * (1.0 - alpha)).round() as u8;
        Color32::from_rgb(
            mix(colour.r(), background.r()),
            mix(colour.g(), background.g()),
            mix(colour.b(), background.b()),
        )
    }

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn every_palette_keeps_graph_text_readable() {
        for theme in [Theme::Dark, Theme::Light] {
            for presenter in [false, true] {
                let p = Palette::of(theme, presenter);
                let backdrop = over(p.label_backdrop, p.canvas);
                for (what, text, on) in [
                    ("node label", p.node_label, backdrop),
                    ("edge label", p.edge_label, p.canvas),
                    ("edge label on backdrop", p.edge_label, backdrop),
                    ("accent", p.accent, p.canvas),
                ] {
                    let ratio = contrast_ratio(text, on);
                    let needed = if what == "accent" { 3.0 } else { 4.5 };
                    assert!(
                        ratio >= needed,
                        "{theme:?} presenter={presenter}: {what} {ratio:.2}:1"
                    );
                }
                // Edges are graphics: WCAG asks 3:1 against what they cross.
                assert!(contrast_ratio(p.edge, p.canvas) >= 3.0, "{theme:?} edges");
            }
        }
    }

    #[test]
    fn the_accent_is_no_kinds_colour() {
        // Lit links in the light theme were dark orange, and read as one colour with the
        // City nodes they led to; in the dark theme gold, with Region yellow.
        let distance = |a: Color32, b: Color32| {
            let d = |x: u8, y: u8| (f32::from(x) - f32::from(y)).powi(2);
            (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())).sqrt()
        };
        for theme in [Theme::Dark, Theme::Light] {
            let accent = Palette::of(theme, false).accent;
            for &kind in EntityKind::ALL {
                let colour = Palette::entity_colour(kind);
                assert!(distance(accent, colour) >= 90.0, "{theme:?} {kind:?}");
            }
        }
    }

    #[test]
    fn presenter_palettes_are_larger_and_stronger() {
        for theme in [Theme::Dark, Theme::Light] {
            let (normal, presenting) = (Palette::of(theme, false), Palette::of(theme, true));
            assert!(presenting.node_label_size >= normal.node_label_size * 1.3);
            assert!(presenting.body_size > normal.body_size);
            assert!(
                contrast_ratio(presenting.node_label, presenting.canvas)
                    > contrast_ratio(normal.node_label, normal.canvas)
            );
        }
    }
}
