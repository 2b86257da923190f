//! Exports from the window: of what is on screen, the graph as SVG or PNG (1× or 2×), built
//! from the same `Scene` the graph view paints, and the evidence appendix of every relation in
//! view as Markdown or CSV; and a story as a web page (`export::story_page`). The file is
//! chosen in a dialog; the work runs on a worker thread and writes through a temp file and a
//! rename.

use std::path::PathBuf;

use super::{ChainsightApp, spawn_worker};
use crate::export::{self, HeadlessFonts, PictureRequest};
use crate::formats::save;
use crate::palette::Palette;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Svg,
    /// A PNG at this many pixels per point.
    Png(u8),
    AppendixMarkdown,
    AppendixCsv,
    /// The story at this index as a web page.
    StoryPage(usize),
}

/// The size of a story page's pictures, in points: a 720p screen share's, whose type the
/// presenter's palette is made to be read at.
const STORY_PAGE_PICTURE: egui::Vec2 = egui::vec2(1280.0, 720.0);

impl ExportKind {
    /// Every export of what is on screen, in menu order.
    pub const ALL: [Self; 5] = [
        Self::Svg,
        Self::Png(1),
        Self::Png(2),
        Self::AppendixMarkdown,
        Self::AppendixCsv,
    ];

    /// The menu's words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Svg => "Picture as SVG…",
            Self::Png(1) => "Picture as PNG…",
            Self::Png(_) => "Picture as PNG, 2× for print…",
            Self::AppendixMarkdown => "Evidence appendix (Markdown)…",
            Self::AppendixCsv => "Evidence appendix (CSV)…",
            Self::StoryPage(_) => "Export as a web page…",
        }
    }

    /// What the written file is, in a sentence's words.
    fn what(self) -> &'static str {
        match self {
            Self::Svg => "the picture as SVG",
            Self::Png(1) => "the picture as PNG",
            Self::Png(_) => "the picture as PNG at 2×",
            Self::AppendixMarkdown => "the evidence appendix as Markdown",
            Self::AppendixCsv => "the evidence appendix as CSV",
            Self::StoryPage(_) => "the story as a web page",
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png(_) => "png",
            Self::AppendixMarkdown => "md",
            Self::AppendixCsv => "csv",
            Self::StoryPage(_) => "html",
        }
    }
}

/// What an export produces.
enum Output {
    Text(String),
    /// An SVG to rasterise at this scale.
    Png {
        svg: String,
        scale: f32,
    },
}

impl ChainsightApp {
    /// Exports the view as `kind` to `path` (chosen by the user). `graph_size`: the graph's area
    /// in the window, legend included, so the picture is framed as the screen is.
    pub(super) fn start_export(
        &mut self,
        ctx: &egui::Context,
        kind: ExportKind,
        path: PathBuf,
        graph_size: egui::Vec2,
    ) {
        let fonts = HeadlessFonts::new();
        let picture = |fonts: &HeadlessFonts| {
            let scene = fonts.scene(&PictureRequest {
                session: &self.session,
                view: &self.view,
                size: graph_size,
                palette: Palette::of(self.chrome.theme, self.chrome.presenting),
                caption: self.caption(),
            });
            export::scene_to_svg(&scene, fonts)
        };
        let output = match kind {
            ExportKind::Svg => Output::Text(picture(&fonts)),
            ExportKind::Png(scale) => Output::Png {
                svg: picture(&fonts),
                scale: f32::from(scale),
            },
            ExportKind::AppendixMarkdown => {
                Output::Text(export::appendix_markdown(&self.session.dataset, &self.lens))
            }
            ExportKind::AppendixCsv => {
                Output::Text(export::appendix_csv(&self.session.dataset, &self.lens))
            }
            ExportKind::StoryPage(story) => {
                let theme = self.chrome.theme;
                let page =
                    export::story_page(&self.session, story, STORY_PAGE_PICTURE, theme, &fonts);
                let Some(page) = page else {
                    self.fail("That story is gone: nothing was exported".to_owned());
                    return;
                };
                Output::Text(page)
            }
        };
        let protected = self.session.origin.clone();
        let definitions = fonts.definitions();
        let spawned = spawn_worker(ctx, "export", move || {
            let written = match output {
                Output::Text(text) => save::write_atomically(&path, &text, protected.as_deref())
                    .map_err(|e| e.to_string()),
                Output::Png { svg, scale } => export::svg_to_png(&svg, scale, &definitions)
                    .map_err(|e| e.to_string())
                    .and_then(|png| {
                        save::write_bytes_atomically(&path, &png, protected.as_deref())
                            .map_err(|e| e.to_string())
                    }),
            };
            written.map(|()| format!("Exported {} to {}", kind.what(), path.display()))
        });
        match spawned {
            Ok(receiver) => self.saves.push(receiver),
            Err(error) => self.fail(format!("Could not start exporting: {error}")),
        }
    }
}
