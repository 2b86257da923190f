//! A source's full text, read from a plain-text or HTML file, so that quotes can be checked
//! against it and read in their place. Quotes are found with the rule of `chainsight verify`
//! (every run of whitespace counts as one space; everything else must match exactly), and
//! each match is mapped back to its place in the text as shown.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::formats::{self, LoadError};
use crate::model::{Dataset, RelationIdx, SourceIdx};

/// Source texts larger than this are refused: a book is a few megabytes.
pub const MAX_SOURCE_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Collapses every run of whitespace to one ASCII space and trims the ends.
pub fn normalize_whitespace(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of one source, ready for finding quotes in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceText {
    /// The text as shown to the reader (HTML already turned into plain text).
    text: String,
    /// `text` with every run of whitespace collapsed to one space, ends trimmed.
    collapsed: String,
    /// For each byte of `collapsed`, the byte offset in `text` of the character it came from.
    origin: Vec<u32>,
}

impl SourceText {
    /// A plain text. Texts over 4 GiB are cut there (they are refused before reading anyway).
    pub fn from_plain(text: &str) -> Self {
        let text: String = text.get(..u32::MAX as usize).unwrap_or(text).to_owned();
        let mut collapsed = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut space_at: Option<usize> = None;
        for (offset, c) in text.char_indices() {
            if c.is_whitespace() {
                space_at = space_at.or(Some(offset));
                continue;
            }
            if let Some(space) = space_at.take()
                && !collapsed.is_empty()
            {
                collapsed.push(' ');
                origin.push(space as u32);
            }
            collapsed.push(c);
            origin.extend(std::iter::repeat_n(offset as u32, c.len_utf8()));
        }
        Self {
            text,
            collapsed,
            origin,
        }
    }

    /// An HTML page, turned into plain text (tags dropped, entities decoded, blocks on lines
    /// of their own) before quotes are looked for.
    pub fn from_html(html: &str) -> Self {
        let config = html2text::config::plain_no_decorate()
            .allow_width_overflow()
            .no_table_borders();
        // Rendering plain text cannot fail for want of width, which overflow allows; fall back
        // to the raw markup rather than show nothing.
        let text = config
            .string_from_read(html.as_bytes(), 1_000_000)
            .unwrap_or_else(|_| html.to_owned());
        Self::from_plain(&text)
    }

    /// The text as shown.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where `quote` stands in [`Self::text`], by the whitespace rule of `chainsight verify`;
    /// `None` when it is not there (or is only whitespace).
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let needle = normalize_whitespace(quote);
        let last = needle.chars().next_back()?;
        let start = self.collapsed.find(&needle)?;
        let end = start + needle.len();
        let text_start = *self.origin.get(start)? as usize;
        let text_end = *self.origin.get(end - 1)? as usize + last.len_utf8();
        Some(text_start..text_end)
    }
}

/// Where one quote stands in its source's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub relation: RelationIdx,
    /// Position of the evidence item within its relation.
    pub evidence_index: usize,
    /// Byte range in [`SourceText::text`].
    pub range: Range<usize>,
}

/// One quote taken from a source, with where it sits in the dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceQuote {
    pub relation: RelationIdx,
    pub evidence_index: usize,
    pub quote: String,
}

/// Every quote of `dataset` taken from `source`: what a source text is checked against.
pub fn quotes_of(dataset: &Dataset, source: SourceIdx) -> Vec<SourceQuote> {
    let mut quotes = Vec::new();
    for (r, relation) in dataset.relations.iter().enumerate() {
        for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
            if evidence.source == Some(source) {
                quotes.push(SourceQuote {
                    relation: RelationIdx(r),
                    evidence_index,
                    quote: evidence.quote.clone(),
                });
            }
        }
    }
    quotes
}

/// Reads `path` and locates the quotes of `source` in it.
pub fn attach(path: &Path, quotes: &[SourceQuote]) -> Result<AttachedText, SourceTextError> {
    let text = read_source_text(path)?;
    Ok(AttachedText::new(path.to_path_buf(), text, quotes))
}

/// A source's text with every quote of the dataset taken from it located (or not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachedText {
    /// The file the text was read from.
    pub path: PathBuf,
    pub text: SourceText,
    /// Every quote found, in the order of the text.
    pub passages: Vec<Passage>,
    /// Quotes from this source not found verbatim: (relation, evidence index).
    pub missing: Vec<(RelationIdx, usize)>,
}

/// Whether a quote was found in its source's attached text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// No text is attached to the quote's source.
    NoText,
    Found,
    NotFound,
}

impl AttachedText {
    /// Locates `quotes` (each with its relation and place in it) in `text`.
    pub fn new(path: PathBuf, text: SourceText, quotes: &[SourceQuote]) -> Self {
        let mut passages = Vec::new();
        let mut missing = Vec::new();
        for quote in quotes {
            match text.find(&quote.quote) {
                Some(range) => passages.push(Passage {
                    relation: quote.relation,
                    evidence_index: quote.evidence_index,
                    range,
                }),
                None => missing.push((quote.relation, quote.evidence_index)),
            }
        }
        passages.sort_by_key(|p| (p.range.start, p.range.end));
        Self {
            path,
            text,
            passages,
            missing,
        }
    }

    /// Whether the quote `evidence_index` of `relation` was found.
    pub fn check(&self, relation: RelationIdx, evidence_index: usize) -> QuoteCheck {
        if self
            .passages
            .iter()
            .any(|p| p.relation == relation && p.evidence_index == evidence_index)
        {
            QuoteCheck::Found
        } else {
            QuoteCheck::NotFound
        }
    }
}

/// Why a source text could not be attached.
#[derive(Debug, thiserror::Error)]
pub enum SourceTextError {
    #[error(transparent)]
    Read(#[from] LoadError),
}

/// Reads a source text file: plain text, or HTML (by extension or by its first tag). Only
/// regular files within [`MAX_SOURCE_TEXT_BYTES`] are read; UTF-8 and UTF-16 are accepted.
pub fn read_source_text(path: &Path) -> Result<SourceText, SourceTextError> {
    let text = formats::read_text_file(path, MAX_SOURCE_TEXT_BYTES)?;
    Ok(if looks_like_html(path, &text) {
        SourceText::from_html(&text)
    } else {
        SourceText::from_plain(&text)
    })
}

/// Resolves a source's `text_file` against the directory of the dataset it belongs to.
pub fn resolve_text_path(dataset_path: Option<&Path>, text_file: &str) -> PathBuf {
    let text_path = Path::new(text_file);
    match dataset_path.and_then(Path::parent) {
        Some(dir) if text_path.is_relative() => dir.join(text_path),
        _ => text_path.to_path_buf(),
    }
}

fn looks_like_html(path: &Path, text: &str) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    by_extension || head.starts_with("<!doctype html") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_is_found_across_line_breaks_and_mapped_back() {
        let text = SourceText::from_plain("Intro.\n\nIBM  designed\nthe  pilot in Karamay. End.");
        let range = text.find("IBM designed the pilot").expect("found");
        assert_eq!(&text.text()[range], "IBM  designed\nthe  pilot");
    }

    #[test]
    fn curly_quotes_must_match_exactly() {
        let text = SourceText::from_plain("the ‘Safe City’ programme");
        assert!(text.find("‘Safe City’").is_some());
        assert!(text.find("'Safe City'").is_none());
    }

    #[test]
    fn multibyte_characters_map_to_whole_characters() {
        let text = SourceText::from_plain("Ürümqi — “lab” ✓ done");
        let range = text.find("— “lab” ✓").expect("found");
        assert_eq!(&text.text()[range], "— “lab” ✓");
    }

    #[test]
    fn blank_or_absent_quotes_are_not_found() {
        let text = SourceText::from_plain("some text");
        assert_eq!(text.find("  \n"), None);
        assert_eq!(text.find("other"), None);
    }

    #[test]
    fn html_is_read_as_its_text() {
        let text = SourceText::from_html(
            "<!DOCTYPE html><html><head><style>p{}</style></head><body>\
             <h1>Title</h1><p>Huawei&rsquo;s <b>Safe City</b> &amp; more</p></body></html>",
        );
        assert!(
            text.find("Huawei’s Safe City & more").is_some(),
            "{}",
            text.text()
        );
        assert!(!text.text().contains("<b>"));
        assert!(!text.text().contains("p{}"));
    }
}
