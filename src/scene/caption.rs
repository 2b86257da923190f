//! The story caption's box: its lines, wrapped to the graph's width, and where it sits at the
//! bottom of the graph. The SVG exporter draws these lines; the window draws the same text
//! with egui's own wrapping; and the labels keep clear of the box.

use egui::{Color32, Rect, pos2, vec2};

use super::{Caption, MeasureText};
use crate::palette::Palette;

/// Height of one row of text, in ems (Ubuntu's ascent + descent + line gap, as egui counts it).
pub const ROW_HEIGHT_EM: f32 = 1.149;

/// The caption laid out: its box, and its lines from the top.
pub struct CaptionLayout {
    pub rect: Rect,
    pub rows: Vec<Row>,
}

/// One row of wrapped text, at its own size and colour.
pub struct Row {
    pub text: String,
    pub font_size: f32,
    pub colour: Color32,
    pub width: f32,
    pub height: f32,
}

/// The title in the accent colour, then the text, wrapped to a box at most 1,100 points
/// wide, centred at the bottom of `viewport`; with a title (a story step's), the box is as
/// wide as that and at least three lines high, whatever the words.
pub fn layout(
    viewport: Rect,
    caption: &Caption,
    palette: &Palette,
    measure: &dyn MeasureText,
) -> CaptionLayout {
    let width = (viewport.width() - 48.0).clamp(200.0, 1100.0);
    let wrap_width = width - 32.0;
    let mut rows = Vec::new();
    if !caption.title.is_empty() {
        let size = palette.caption_size * 1.1;
        for line in wrap(&caption.title, size, wrap_width, measure) {
            rows.push(row(line, size, palette.accent, measure));
        }
    }
    for line in wrap(&caption.text, palette.caption_size, wrap_width, measure) {
        rows.push(row(line, palette.caption_size, palette.node_label, measure));
    }
    let mut text_size = vec2(
        rows.iter().map(|r| r.width).fold(0.0, f32::max),
        rows.iter().map(|r| r.height).sum(),
    );
    if !caption.title.is_empty() {
        // A story step's box keeps one size from step to step, as wide as the room and at
        // least a title and three lines high: its top had jumped as captions of two and three
        // lines followed one another, and the picture's frame with it.
        text_size.x = wrap_width;
        text_size.y = text_size
            .y
            .max(ROW_HEIGHT_EM * palette.caption_size * (1.1 + 3.0));
    }
    let size = text_size + vec2(32.0, 24.0);
    let rect = Rect::from_min_size(
        pos2(
            viewport.center().x - size.x / 2.0,
            viewport.bottom() - size.y - 16.0,
        ),
        size,
    );
    CaptionLayout { rect, rows }
}

fn row(text: String, font_size: f32, colour: Color32, measure: &dyn MeasureText) -> Row {
    let size = measure.text_size(&text, font_size);
    Row {
        text,
        font_size,
        colour,
        width: size.x,
        height: size.y.max(ROW_HEIGHT_EM * font_size),
    }
}

/// `text` broken into lines no wider than `max_width`: at its line breaks, then between words;
/// a word wider than a line on its own is broken between characters.
pub fn wrap(text: &str, font_size: f32, max_width: f32, measure: &dyn MeasureText) -> Vec<String> {
    let fits = |line: &str| measure.text_size(line, font_size).x <= max_width;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) || line.is_empty() && word.is_empty() {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone, broken between characters while it does not fit.
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && !fits(&longer) {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Text measured without fonts, for tests here and in the SVG writer's: every character half
/// an em wide, every row as high as the window's.
#[cfg(test)]
pub(crate) struct Monospaced;

#[cfg(test)]
impl MeasureText for Monospaced {
    fn text_size(&self, text: &str, font_size: f32) -> egui::Vec2 {
        vec2(
            text.chars().count() as f32 * font_size * 0.5,
            font_size * ROW_HEIGHT_EM,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A story step's box keeps its size from step to step: two lines and three fill the
    /// same box; a caption with no title (no story to play) keeps to its words.
    #[test]
    fn a_steps_caption_box_keeps_its_size() {
        let viewport = Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 690.0));
        let palette = Palette::dark();
        let boxed = |title: &str, words: usize| {
            let caption = Caption {
                title: title.to_owned(),
                text: "word ".repeat(words).trim_end().to_owned(),
            };
            layout(viewport, &caption, &palette, &Monospaced).rect
        };
        let (short, long) = (boxed("1/8", 20), boxed("2/8", 200));
        assert!(long.height() > boxed("3/8", 3).height() * 0.5);
        assert_eq!(boxed("1/8", 3), boxed("2/8", 60), "a line or two: one box");
        assert_eq!(short.width(), long.width());
        assert!(long.height() >= short.height());
        let plain = boxed("", 3);
        assert!(plain.width() < short.width() / 2.0 && plain.height() < short.height());
    }

    #[test]
    fn wrapping_breaks_between_words_and_inside_words_too_long_for_a_line() {
        // 10 characters a line at size 2 (each character 1 wide).
        let lines = wrap(
            "one two three\nfour abcdefghijklmno",
            2.0,
            10.0,
            &Monospaced,
        );
        assert_eq!(lines, ["one two", "three", "four", "abcdefghij", "klmno"]);
        assert_eq!(wrap("", 2.0, 10.0, &Monospaced), [""]);
    }
}
