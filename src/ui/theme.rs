//! Every colour and text size the app uses, in one place. Sizes are chosen to stay readable
//! when the window is screen-shared at 720p.

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::model::EntityKind;

/// Node labels on the graph, in screen points (independent of zoom).
pub const NODE_LABEL_SIZE: f32 = 15.0;
/// Edge labels on the graph, in screen points.
pub const EDGE_LABEL_SIZE: f32 = 12.5;
/// Legend text.
pub const LEGEND_SIZE: f32 = 13.5;

/// Accent for the selection and the links around it.
pub const ACCENT: Color32 = Color32::from_rgb(255, 196, 61);
/// Ordinary edges.
pub const EDGE: Color32 = Color32::from_rgb(150, 156, 168);
/// Edge label text.
pub const EDGE_LABEL: Color32 = Color32::from_rgb(200, 204, 212);
/// Node label text.
pub const NODE_LABEL: Color32 = Color32::from_rgb(240, 242, 246);
/// Backdrop behind labels so they read over edges.
pub const LABEL_BACKDROP: Color32 = Color32::from_rgba_premultiplied(18, 20, 26, 200);
/// The graph's background.
pub const CANVAS: Color32 = Color32::from_rgb(24, 26, 33);
/// Errors shown to the user.
pub const ERROR: Color32 = Color32::from_rgb(255, 120, 110);
/// Confirmations shown to the user (a file saved).
pub const NOTICE: Color32 = Color32::from_rgb(140, 210, 150);
/// Warnings shown to the user.
pub const WARNING: Color32 = Color32::from_rgb(240, 190, 90);
/// Quoted evidence text.
pub const QUOTE: Color32 = Color32::from_rgb(232, 226, 208);
/// Background of the quote being read in the source reader.
pub const PASSAGE_FOCUS: Color32 = Color32::from_rgb(122, 92, 18);
/// Background of every other quoted passage in the source reader.
pub const PASSAGE: Color32 = Color32::from_rgb(52, 62, 84);
/// A quote found verbatim in its source's text.
pub const VERIFIED: Color32 = Color32::from_rgb(140, 210, 150);
/// Body text in panels.
pub const BODY_TEXT: Color32 = Color32::from_gray(212);
/// Secondary text in panels (hints, counts, sources): dimmer than the body, still 4.5:1.
pub const WEAK_TEXT: Color32 = Color32::from_gray(158);
/// How much of its colour a faded (not highlighted) element keeps.
pub const FADED_ALPHA: f32 = 0.22;

/// The fill colour of an entity of this kind (colour-blind-friendly Tableau 10 order).
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

/// `colour` faded towards transparent, for elements outside the highlight.
pub fn faded(colour: Color32) -> Color32 {
    colour.gamma_multiply(FADED_ALPHA)
}

/// Arrows and other symbols that egui's bundled fonts lack: a subset of `DejaVu Sans`
/// (license in `assets/fonts/LICENSE-DejaVu.txt`).
const SYMBOLS_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-symbols.ttf");

/// Dark visuals with larger text than egui's defaults, and a fallback font for symbols.
pub fn apply(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-symbols".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(SYMBOLS_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-symbols".to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.set_theme(egui::Theme::Dark);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        // Body text brighter than egui's default and secondary ("weak") text between the two,
        // both above WCAG AA's 4.5:1 against the panels, so a 720p screen share stays
        // legible; egui's default weak text is about 2.7:1.
        style.visuals.widgets.noninteractive.fg_stroke.color = BODY_TEXT;
        style.visuals.weak_text_color = Some(WEAK_TEXT);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
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

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn panel_text_meets_wcag_aa_in_the_default_theme() {
        let ctx = egui::Context::default();
        apply(&ctx);
        let style = ctx.style_of(egui::Theme::Dark);
        let visuals = &style.visuals;
        for background in [
            visuals.panel_fill,
            visuals.window_fill,
            visuals.extreme_bg_color,
        ] {
            for (what, text) in [
                ("body", visuals.text_color()),
                ("weak", visuals.weak_text_color()),
                ("strong", visuals.strong_text_color()),
                ("quote", QUOTE),
                ("warning", WARNING),
                ("accent", ACCENT),
                ("verified", VERIFIED),
            ] {
                let ratio = contrast_ratio(text, background);
                assert!(ratio >= 4.5, "{what} text on {background:?}: {ratio:.2}:1");
            }
        }
        // Secondary text reads as secondary: dimmer than the body.
        assert!(
            contrast_ratio(visuals.weak_text_color(), visuals.panel_fill)
                < contrast_ratio(visuals.text_color(), visuals.panel_fill)
        );
        assert!(contrast_ratio(NODE_LABEL, LABEL_BACKDROP) >= 4.5);
        assert!(contrast_ratio(EDGE_LABEL, CANVAS) >= 4.5);
    }
}
