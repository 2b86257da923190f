//! The window's look, from a [`Palette`]: egui's visuals and text sizes set from it, and the
//! palette itself kept in egui's memory so every panel draws with the one in force (dark,
//! light, or a presenter variant).

use egui::{FontFamily, FontId, TextStyle};

pub use crate::palette::{Palette, Theme, contrast_ratio};

/// The palette in force in `ctx` (dark until [`apply`] sets another).
pub fn palette(ctx: &egui::Context) -> Palette {
    ctx.data(|d| d.get_temp::<Palette>(egui::Id::new("palette")))
        .unwrap_or_default()
}

/// Visuals and text sizes from `palette` (larger than egui's defaults), kept for the panels.
pub fn apply(ctx: &egui::Context, palette: &Palette) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::new("palette"), *palette));
    ctx.set_theme(match palette.theme {
        Theme::Dark => egui::Theme::Dark,
        Theme::Light => egui::Theme::Light,
    });
    let body = palette.body_size;
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(palette.heading_size, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(body, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(body, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(body * 0.84, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(body * 0.93, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        // Body text brighter than egui's default and secondary ("weak") text between the two,
        // both above WCAG AA's 4.5:1 against the panels, so a 720p screen share stays
        // legible; egui's default weak text is about 2.7:1.
        style.visuals.widgets.noninteractive.fg_stroke.color = palette.body_text;
        style.visuals.weak_text_color = Some(palette.weak_text);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
    // egui's light text fields are white on an off-white panel with no edge: the search box
    // could not be found. A grey edge marks them (and buttons) at rest.
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.widgets.inactive.bg_stroke =
            egui::Stroke::new(1.0, egui::Color32::from_gray(150));
        style.visuals.extreme_bg_color = egui::Color32::WHITE;
    });
}

/// A small disc in an entity's colour, before its name or type, as in the graph.
pub fn swatch(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.5, colour);
}

/// A collapsing header's title laid out to wrap within the width left beside its arrow.
/// `CollapsingHeader` lays plain text out on one line, and a long one (a counterpart with
/// many kinds of relation, an attribute key from a file) widened the whole side panel.
pub fn header_title(ui: &egui::Ui, text: impl Into<egui::WidgetText>) -> egui::WidgetText {
    let width =
        (ui.available_width() - ui.spacing().indent - ui.spacing().button_padding.x).max(40.0);
    egui::WidgetText::Galley(text.into().into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        width,
        egui::TextStyle::Button,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_text_meets_wcag_aa_in_every_theme() {
        for theme in [Theme::Dark, Theme::Light] {
            for presenter in [false, true] {
                let palette = Palette::of(theme, presenter);
                let ctx = egui::Context::default();
                apply(&ctx, &palette);
                let style = ctx.style_of(match theme {
                    Theme::Dark => egui::Theme::Dark,
                    Theme::Light => egui::Theme::Light,
                });
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
                        ("quote", palette.quote),
                        ("warning", palette.warning),
                        ("error", palette.error),
                        ("verified", palette.verified),
                    ] {
                        let ratio = contrast_ratio(text, background);
                        assert!(
                            ratio >= 4.5,
                            "{theme:?} presenter={presenter}: {what} text on \
                             {background:?}: {ratio:.2}:1"
                        );
                    }
                }
                // Secondary text reads as secondary: dimmer than the body.
                assert!(
                    contrast_ratio(visuals.weak_text_color(), visuals.panel_fill)
                        < contrast_ratio(visuals.text_color(), visuals.panel_fill)
                );
                assert_eq!(self::palette(&ctx), palette);
            }
        }
    }
}
