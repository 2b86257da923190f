//! The SVG export rasterised to PNG in software with `resvg` (pure Rust, no GPU, no display):
//! one drawing for both, so the picture is the SVG pixel for pixel. Text is drawn with the
//! fonts egui measured it with, loaded from egui's font definitions into resvg's font
//! database, so no system font is needed or used.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// The most pixels a side of the picture may have (a mistyped `--scale` must not ask for
/// gigabytes).
pub const MAX_SIDE_PX: u32 = 16_384;

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the SVG could not be read: {reason}")]
    Svg { reason: String },
    #[error(
        "a picture of {width}×{height} pixels is empty or too large (at most {MAX_SIDE_PX} a side)"
    )]
    Size { width: f32, height: f32 },
    #[error("the PNG could not be encoded: {reason}")]
    Encode { reason: String },
}

/// A font database holding the fonts of `fonts`' proportional family, in egui's order (the
/// order resvg falls back in for a character the first font lacks), then any others.
pub fn font_database(fonts: &egui::FontDefinitions) -> usvg::fontdb::Database {
    let mut database = usvg::fontdb::Database::new();
    let proportional = fonts
        .families
        .get(&egui::FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let others = fonts
        .font_data
        .keys()
        .filter(|name| !proportional.contains(name))
        .cloned()
        .collect::<Vec<_>>();
    for name in proportional.iter().chain(&others) {
        if let Some(data) = fonts.font_data.get(name) {
            database.load_font_data(data.font.to_vec());
        }
    }
    let first_family = database
        .faces()
        .next()
        .and_then(|face| face.families.first())
        .map(|(family, _)| family.clone());
    if let Some(family) = first_family {
        database.set_sans_serif_family(family);
    }
    database
}

/// The font to try next for characters the fonts tried so far lack: the next one in egui's
/// order, whether or not it has `_missing`. resvg's own choice gives up at the first
/// character no font has (Arabic, say, which egui's fonts lack too), leaving an emoji later in
/// the same label unfound; trying each font in turn fills every glyph some font has, from the
/// first font that has it, as egui does.
fn next_font(
    _missing: char,
    tried: &[usvg::fontdb::ID],
    database: &mut Arc<usvg::fontdb::Database>,
) -> Option<usvg::fontdb::ID> {
    database
        .faces()
        .map(|face| face.id)
        .find(|id| !tried.contains(id))
}

/// `svg` drawn at `scale` pixels per point (1 for the screen's size, 2 for print) as PNG bytes,
/// with text in the fonts of `fonts`.
pub fn svg_to_png(
    svg: &str,
    scale: f32,
    fonts: &egui::FontDefinitions,
) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        fontdb: Arc::new(font_database(fonts)),
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: Box::new(next_font),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|error| PngError::Svg {
        reason: error.to_string(),
    })?;
    let (width, height) = (
        (tree.size().width() * scale).round(),
        (tree.size().height() * scale).round(),
    );
    let too_big = |side: f32| !(1.0..=MAX_SIDE_PX as f32).contains(&side);
    let mut pixmap = if too_big(width) || too_big(height) {
        None
    } else {
        tiny_skia::Pixmap::new(width as u32, height as u32)
    }
    .ok_or(PngError::Size { width, height })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(
            width / tree.size().width(),
            height / tree.size().height(),
        ),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|error| PngError::Encode {
        reason: error.to_string(),
    })
}
