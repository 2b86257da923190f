//! Exports of what is on screen, for publishing: the [`Scene`] as SVG
//! ([`svg`]) and, rasterised from that same SVG in software, as PNG ([`png`]); and the evidence
//! appendix of every relation in view, as Markdown or CSV ([`appendix`]). None of them needs a
//! window or a GPU: text is measured with egui's own fonts through [`HeadlessFonts`] (or the
//! window's painter), so labels and captions break and fit exactly as they do on screen.

pub mod appendix;
pub mod png;
pub mod story_page;
pub mod svg;

use egui::{Color32, FontId, Pos2, Rect, Vec2, vec2};

use crate::palette::Palette;
use crate::scene::colouring::{Colouring, attribute_shares};
use crate::scene::{Caption, MeasureText, Scene, SceneInputs};
use crate::session::Session;
use crate::view::{Lens, View};

pub use appendix::{appendix_csv, appendix_markdown};
pub use png::{PngError, svg_to_png};
pub use story_page::story_page;
pub use svg::{legend_height, scene_to_svg};

/// The window's fonts (egui's, Chainsight's symbols, and the installed fallback for Chinese,
/// Japanese and Korean: see [`crate::ui::fonts`]) without a window: measures text as the graph
/// view does, for building and exporting a scene headless.
pub struct HeadlessFonts {
    ctx: egui::Context,
}

impl Default for HeadlessFonts {
    fn default() -> Self {
        Self::new()
    }
}

impl HeadlessFonts {
    /// Loads the window's fonts, the fallbacks installed on this machine included.
    pub fn new() -> Self {
        Self::with_fallbacks(crate::ui::fonts::system_fallbacks())
    }

    /// Loads egui's fonts, the symbols and `fallbacks`: one empty frame of a headless context,
    /// since egui loads its fonts on the first frame.
    pub fn with_fallbacks(fallbacks: &[crate::ui::fonts::FallbackFont]) -> Self {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::ui::fonts::definitions(fallbacks));
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |_| {});
        // No renderer here: the font atlas updates are dropped on purpose.
        output.textures_delta.clear();
        Self { ctx }
    }

    /// The characters of `text` that none of the fonts has: drawn as boxes, in the window
    /// and in the exports alike.
    pub fn missing_glyphs(&self, text: &str) -> std::collections::BTreeSet<char> {
        let font = FontId::proportional(14.0);
        self.ctx.fonts_mut(|fonts| {
            text.chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .filter(|&c| !fonts.has_glyph(&font, c))
                .collect()
        })
    }

    /// The font files and families in use, for rasterising text exactly as it was measured.
    pub fn definitions(&self) -> egui::FontDefinitions {
        self.ctx.fonts(|fonts| fonts.definitions().clone())
    }
}

impl MeasureText for HeadlessFonts {
    fn text_size(&self, text: &str, font_size: f32) -> Vec2 {
        self.ctx
            .fonts_mut(|fonts| {
                fonts.layout_no_wrap(
                    text.to_owned(),
                    FontId::proportional(font_size),
                    Color32::WHITE,
                )
            })
            .size()
    }
}

/// What a headless picture shows.
pub struct PictureRequest<'a> {
    pub session: &'a Session,
    pub view: &'a View,
    /// The whole picture, legend strip included, in points.
    pub size: Vec2,
    pub palette: Palette,
    /// A story step's words, shown in a box at the bottom of the graph.
    pub caption: Option<Caption>,
}

impl HeadlessFonts {
    /// The scene of `request`'s view, as the window would draw it in a graph area of
    /// `request.size` less the legend strip under it (see [`svg::legend_height`]): a following
    /// camera fitted to what it keeps in view (a story step's entities, or the whole network)
    /// where a glide would end, nothing hovered.
    pub fn scene(&self, request: &PictureRequest<'_>) -> Scene {
        let PictureRequest {
            session,
            view,
            size,
            palette,
            ..
        } = *request;
        let colouring = Colouring::new(session, &view.colour_by);
        let pinned = crate::scene::pin_mark(session, &palette);
        let lens = Lens::compute(&session.dataset, &session.network, view);
        let slide = request.caption.is_some() && view.spotlight.is_some();
        let legend = crate::scene::legend_items((session, view, &lens), &colouring, pinned, slide);
        let legend_height = svg::legend_height(&legend, size.x, &palette, self);
        let viewport =
            Rect::from_min_size(Pos2::ZERO, vec2(size.x, (size.y - legend_height).max(1.0)));
        let layout = &session.layout;
        let caption_share = request
            .caption
            .as_ref()
            .map(|caption| crate::scene::caption_share(viewport, caption, &palette, self));
        let bounds = crate::scene::framed_bounds(&view.camera, layout, &lens, caption_share);
        let camera = view.camera.for_frame(bounds, viewport.size());
        let shares = view
            .size_by_attribute
            .as_ref()
            .map(|key| attribute_shares(&self.ctx, session, key));
        Scene::build(
            &SceneInputs {
                session,
                lens: &lens,
                view,
                camera: &camera,
                viewport,
                palette: &palette,
                colouring: &colouring,
                attribute_shares: shares.as_deref().map(Vec::as_slice),
                caption: request.caption.clone(),
                hover: None,
                credit: crate::scene::picture_credit(&session.dataset),
            },
            self,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_text_sits_where_egui_puts_it() {
        // The SVG writer places baselines from Ubuntu's metrics; egui must agree.
        let fonts = HeadlessFonts::new();
        let galley = fonts.ctx.fonts_mut(|f| {
            f.layout_no_wrap("Hg".to_owned(), FontId::proportional(100.0), Color32::WHITE)
        });
        let baseline = galley.rows[0].glyphs[0].pos.y;
        assert!(
            (baseline - svg::BASELINE_EM * 100.0).abs() < 1.0,
            "{baseline}"
        );
        let height = galley.size().y;
        assert!(
            (height - svg::ROW_HEIGHT_EM * 100.0).abs() < 1.0,
            "{height}"
        );
        assert_eq!(fonts.text_size("Hg", 100.0), galley.size());
    }

    #[test]
    fn missing_glyphs_are_the_characters_no_font_has() {
        let fonts = HeadlessFonts::with_fallbacks(&[]);
        let missing: Vec<char> = fonts
            .missing_glyphs("IBM → ✓ 华为 a b")
            .into_iter()
            .collect();
        assert_eq!(missing, ['为', '华']);
    }

    #[test]
    fn an_installed_cjk_font_draws_what_the_bundled_fonts_cannot() {
        let fallbacks =
            crate::ui::fonts::fallbacks_in(&crate::ui::fonts::database_with_cjk_subset());
        let fonts = HeadlessFonts::with_fallbacks(&fallbacks);
        assert!(fonts.missing_glyphs("IBM → ✓ 华为 新疆 a b").is_empty());
        // Latin text keeps egui's own font: its size is the same with or without the fallback.
        let without = HeadlessFonts::with_fallbacks(&[]);
        assert_eq!(
            fonts.text_size("Huawei", 20.0),
            without.text_size("Huawei", 20.0)
        );
        assert!(fonts.text_size("华为", 20.0).x > 0.0);
    }

    #[test]
    fn the_png_draws_cjk_with_the_installed_fallback() {
        let picture = |fonts: &HeadlessFonts, text: &str| {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60\" height=\"60\" \
                 font-family=\"{}\"><rect width=\"60\" height=\"60\" fill=\"black\"/>\
                 <text x=\"10\" y=\"45\" font-size=\"40\" fill=\"white\">{text}</text></svg>",
                svg::FONT_FAMILY.replace('\'', "&apos;")
            );
            svg_to_png(&svg, 1.0, &fonts.definitions()).unwrap()
        };
        // Without the fallback both characters are the same box; with it, two glyphs.
        let without = HeadlessFonts::with_fallbacks(&[]);
        assert_eq!(picture(&without, "华"), picture(&without, "为"));
        let fallbacks =
            crate::ui::fonts::fallbacks_in(&crate::ui::fonts::database_with_cjk_subset());
        let with = HeadlessFonts::with_fallbacks(&fallbacks);
        assert_ne!(picture(&with, "华"), picture(&with, "为"));
    }
}
