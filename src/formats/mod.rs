//! Reading datasets from files and writing them out. `load_path` is the one entry point the
//! app and the CLI use: it reads the bytes, decodes them, picks the format and returns the
//! model with a report, or a [`LoadError`] naming the file, line and column.

mod archive;
mod arrows;
mod arrows_app;
mod attributes;
pub mod csv_edges;
mod cx;
mod cytoscape;
mod detect;
mod dot;
mod error;
mod fields;
pub mod ftm;
mod gephi_lite;
pub mod gexf;
pub mod gml;
pub mod graphml;
mod graphology;
mod groups;
mod hyperedges;
pub mod import;
pub mod jgf;
mod json_locate;
mod json_syntax;
mod kumu;
mod maltego;
mod markup;
mod multigraph_keys;
pub mod native;
pub mod node_link;
mod oligrapher;
mod pajek;
mod prose;
mod record;
mod report;
pub mod save;
mod sif;
mod spreadsheet;
pub mod vocabulary;
mod xgmml;
mod xml;

/// `text` escaped for XML character data (or, with `attribute`, a double-quoted attribute
/// value): the one escaper of the GEXF and GraphML writers, for the SVG exporter too.
pub(crate) fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    xml::escape_into(&mut out, text, attribute);
    out
}

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub use error::{LoadError, OptionalPosition, TextPosition};
pub use report::{LoadReport, Warning, WarningKind};

use crate::model::Dataset;

/// A successfully loaded dataset and what the load found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub report: LoadReport,
}

/// The largest file Chainsight reads, whatever the memory. Parsing needs several times the
/// file size in memory, so the limit is lower when less memory is free; a file over it is
/// refused before reading, with the sizes named.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The Safe City dataset, compiled into the binary so `chainsight` opens it with no file.
pub const BUILTIN_DATASET_JSON: &str = include_str!("../../assets/datasets/safe-city.json");

/// The name the built-in dataset is shown under.
pub const BUILTIN_NAME: &str = "safe-city.json (built in)";

/// The formats a dataset can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Chainsight's own format: keeps everything.
    Chainsight,
    /// JSON Graph Format v2.
    Jgf,
    /// networkx node-link JSON.
    Networkx,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML.
    Graphml,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 5] = [
        Self::Chainsight,
        Self::Jgf,
        Self::Networkx,
        Self::Gexf,
        Self::Graphml,
    ];

    /// The name shown in menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Chainsight => "Chainsight dataset",
            Self::Jgf => "JSON Graph Format v2",
            Self::Networkx => "networkx node-link JSON",
            Self::Gexf => "GEXF (Gephi)",
            Self::Graphml => "GraphML",
        }
    }

    /// Its name for `chainsight export --format`.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Chainsight => "chainsight",
            Self::Jgf => "jgf",
            Self::Networkx => "networkx",
            Self::Gexf => "gexf",
            Self::Graphml => "graphml",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Chainsight | Self::Jgf | Self::Networkx => "json",
            Self::Gexf => "gexf",
            Self::Graphml => "graphml",
        }
    }

    /// What writing `dataset` in this format cannot keep or changes, one line each, for the
    /// report shown after Save as… and printed by `chainsight export`.
    pub fn notes(self, dataset: &Dataset) -> Vec<String> {
        let mut notes = Vec::new();
        if matches!(self, Self::Gexf | Self::Graphml)
            && let Some(note) = Directedness::note(dataset)
        {
            notes.push(note);
        }
        let (stories, steps) = (
            dataset.stories.len(),
            crate::model::story_step_count(&dataset.stories),
        );
        if self != Self::Chainsight && stories > 0 {
            notes.push(format!(
                "{stories} {} ({steps} step{}) {} not saved in {}; save as {} to keep them",
                if stories == 1 { "story" } else { "stories" },
                if steps == 1 { "" } else { "s" },
                if stories == 1 { "is" } else { "are" },
                self.label(),
                Self::Chainsight.label()
            ));
        }
        if self != Self::Chainsight && dataset.view.is_some() {
            notes.push(format!(
                "the view (what is hidden, the years, the focus, the selection, the camera) is \
                 not saved in {}; save as {} to keep it",
                self.label(),
                Self::Chainsight.label()
            ));
        }
        notes
    }

    /// The text of `dataset` in this format.
    pub fn write(self, dataset: &Dataset) -> String {
        match self {
            Self::Chainsight => native::write(dataset),
            Self::Jgf => jgf::write(dataset),
            Self::Networkx => node_link::write_networkx(dataset),
            Self::Gexf => gexf::write(dataset),
            Self::Graphml => graphml::write(dataset),
        }
    }
}

/// How a dataset's relations are directed, for formats with one direction per graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directedness {
    /// Every relation has a direction (also a dataset with no relation).
    Directed,
    /// No relation has a direction.
    Undirected,
    /// Some have, some not: written as directed, each undirected edge marked where the format
    /// allows (GEXF `type`, GraphML `directed`, a networkx link's `directed` attribute).
    Mixed,
}

impl Directedness {
    /// The directedness of `dataset`.
    pub fn of(dataset: &Dataset) -> Self {
        let undirected = dataset.relations.iter().filter(|r| !r.directed).count();
        if undirected == 0 {
            Self::Directed
        } else if undirected == dataset.relations.len() {
            Self::Undirected
        } else {
            Self::Mixed
        }
    }

    /// A note for the user when a graph-wide format cannot say it all, else `None`.
    pub fn note(dataset: &Dataset) -> Option<String> {
        (Self::of(dataset) == Self::Mixed).then(|| {
            let undirected = dataset.relations.iter().filter(|r| !r.directed).count();
            format!(
                "{undirected} of {} relations have no direction: the graph is written as \
                 directed, each of these marked undirected (GEXF type, GraphML directed, \
                 networkx link attribute \"directed\"); tools that hold one direction per graph \
                 (networkx) read GEXF and GraphML of a mixed graph only as node-link JSON",
                dataset.relations.len()
            )
        })
    }
}

/// Choices made when opening a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Which graph of a multi-graph file to open (JGF `graphs`), from 0; the first by default.
    pub graph_index: Option<usize>,
}

/// Loads the built-in Safe City dataset.
pub fn load_builtin() -> Result<Loaded, LoadError> {
    native::read(BUILTIN_NAME, BUILTIN_DATASET_JSON)
}

/// Loads a dataset from a file on disk, in whatever format it is. Never writes to it.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &LoadOptions::default(), &LoadProgress::default())
}

/// How far a load has got, shared with the thread that shows it, and a way to cancel it.
#[derive(Debug, Default)]
pub struct LoadProgress {
    bytes_read: AtomicU64,
    bytes_total: AtomicU64,
    parsing: AtomicBool,
    cancelled: AtomicBool,
}

impl LoadProgress {
    /// A short description of the current step: `Reading 42%` or `Parsing`.
    pub fn describe(&self) -> String {
        if self.parsing.load(Ordering::Relaxed) {
            return "Parsing".to_owned();
        }
        let total = self.bytes_total.load(Ordering::Relaxed).max(1);
        let read = self.bytes_read.load(Ordering::Relaxed);
        format!("Reading {}%", read * 100 / total)
    }

    /// Fraction done, 0 to 1, counting reading as the first half.
    pub fn fraction(&self) -> f32 {
        if self.parsing.load(Ordering::Relaxed) {
            return 0.5;
        }
        let total = self.bytes_total.load(Ordering::Relaxed).max(1);
        self.bytes_read.load(Ordering::Relaxed) as f32 / total as f32 * 0.5
    }

    /// Asks the load to stop at its next check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    fn check(&self, file: &str) -> Result<(), LoadError> {
        if self.cancelled.load(Ordering::Relaxed) {
            Err(LoadError::Cancelled {
                file: file.to_owned(),
            })
        } else {
            Ok(())
        }
    }
}

/// Memory this machine has free now, where the system says (Linux `MemAvailable`).
fn available_memory_bytes() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo
        .lines()
        .find(|line| line.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Parsing and building a dataset takes several times the file's size in memory.
const MEMORY_PER_FILE_BYTE: u64 = 8;

/// [`load_path`] with choices (which graph of a multi-graph file), reporting progress.
pub fn load_path_with(
    path: &Path,
    options: &LoadOptions,
    progress: &LoadProgress,
) -> Result<Loaded, LoadError> {
    let file = display_name(path);
    let unreadable = |error: std::io::Error| LoadError::Unreadable {
        file: file.clone(),
        reason: error.to_string(),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if let Some(reason) = not_regular(&metadata) {
        return Err(LoadError::Unreadable { file, reason });
    }
    let size = metadata.len();
    let limit = available_memory_bytes().map_or(MAX_FILE_BYTES, |free| {
        (free / MEMORY_PER_FILE_BYTE).min(MAX_FILE_BYTES)
    });
    if size > limit {
        return Err(LoadError::TooLarge {
            file,
            size_bytes: size,
            limit_bytes: limit,
        });
    }
    progress.bytes_total.store(size, Ordering::Relaxed);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut reader = std::fs::File::open(path)
        .map_err(unreadable)?
        .take(limit + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        progress.check(&file)?;
        let count = reader.read(&mut chunk).map_err(unreadable)?;
        if count == 0 {
            break;
        }
        bytes.extend_from_slice(chunk.get(..count).unwrap_or_default());
        progress
            .bytes_read
            .fetch_add(count as u64, Ordering::Relaxed);
    }
    progress.parsing.store(true, Ordering::Relaxed);
    if archive::may_be_archive(&bytes) {
        return archive::read(&file, &bytes);
    }
    let text = decode_text(&file, &bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty { file });
    }
    let loaded = detect::read_text(&file, &text, Some(path), options)?;
    progress.check(&file)?;
    Ok(loaded)
}

/// Reads a whole text file of at most `limit_bytes`: UTF-8 (with or without a byte-order mark)
/// or UTF-16 with its mark. Only regular files are read (a FIFO or device could block or never
/// end); a symbolic link is followed to one.
pub fn read_text_file(path: &Path, limit_bytes: u64) -> Result<String, LoadError> {
    let file = display_name(path);
    let unreadable = |reason: String| LoadError::Unreadable {
        file: file.clone(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
    if let Some(reason) = not_regular(&metadata) {
        return Err(unreadable(reason));
    }
    if metadata.len() > limit_bytes {
        return Err(LoadError::TooLarge {
            file,
            size_bytes: metadata.len(),
            limit_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(limit_bytes + 1).read_to_end(&mut bytes))
        .map_err(|error| unreadable(error.to_string()))?;
    if bytes.len() as u64 > limit_bytes {
        return Err(LoadError::TooLarge {
            file,
            size_bytes: bytes.len() as u64,
            limit_bytes,
        });
    }
    Ok(decode_text(&file, &bytes)?.into_owned())
}

/// Why a file (its metadata, symbolic links followed) is not read: `None` for a regular file.
/// A FIFO, socket or device could block or never end, so only regular files are opened.
pub fn not_regular(metadata: &std::fs::Metadata) -> Option<String> {
    if metadata.is_file() {
        return None;
    }
    let what = if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file (a device, FIFO or socket)"
    };
    Some(format!("it is {what}; only regular files are read"))
}

/// `text` made safe to show: control and bidirectional-override characters escaped
/// (`\u{1b}`), so nothing in a file reaches a terminal or a report raw.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A short excerpt of `text` for a message: at most `max_chars` characters, escaped as
/// [`escape_controls`] does, with `…` where it was cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max_chars).collect();
    let mut shown = escape_controls(&head);
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

/// `text` in quotation marks for a message shown to a reader: `"text"`, or `'text'` when it
/// holds a double quote (`'"'`). Messages quote with these, never with Markdown's backticks,
/// which a reader sees as they are.
pub(crate) fn quoted(text: &str) -> String {
    if text.contains('"') {
        format!("'{text}'")
    } else {
        format!("\"{text}\"")
    }
}

/// A library's message (serde_json's "unknown field `x`", quick-xml's "expected `</a>`") with
/// each span in backticks put in quotation marks instead, as [`quoted`] does.
pub(crate) fn plain_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some((before, after)) = rest.split_once('`') {
        let Some((inside, next)) = after.split_once('`') else {
            break;
        };
        out.push_str(before);
        out.push_str(&quoted(inside));
        rest = next;
    }
    out.push_str(rest);
    out
}

/// Loads a dataset from bytes, in whatever format they are; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    if archive::may_be_archive(bytes) {
        return archive::read(file, bytes);
    }
    let text = decode_text(file, bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    detect::read_text(file, &text, None, &LoadOptions::default())
}

/// The file name shown in messages: the last path component, or the whole path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The line and column of the UTF-16 code unit at byte `offset` of `body` (the text after its
/// byte-order mark), decoding what comes before it.
fn utf16_position(body: &[u8], offset: usize, big_endian: bool) -> TextPosition {
    let units = body
        .get(..offset - offset % 2)
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
    let text: String = char::decode_utf16(units)
        .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    TextPosition::from_offset(&text, text.len())
}

/// Text from bytes: UTF-8 (with or without a byte-order mark), or UTF-16 with its
/// byte-order mark. Anything else is refused, naming the first bad byte.
/// The line and column of byte `offset` of UTF-8 `bytes` that fail to decode there, counting
/// the characters before it (a byte-order mark of `skip` bytes aside).
fn position_of_byte(bytes: &[u8], offset: usize, skip: usize) -> TextPosition {
    let before = bytes.get(skip..offset).unwrap_or_default();
    let text = String::from_utf8_lossy(before);
    TextPosition::from_offset(&text, text.len())
}

/// What a file that is no text looks like, from its first bytes: a picture, a document, an
/// archive, a program, or many NUL bytes, which no text file has. `None` for what may be text
/// (a UTF-16 file, with its byte-order mark, has NULs and is text).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (unpack it first)"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x1F\x8B", "a gzip archive (unpack it first)"),
        (b"\x7FELF", "a program"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    // Many NULs: a stray one in a text file is reported where it is, as text gone wrong.
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = memchr::memchr_iter(0, head).count();
    (!utf16 && nuls >= 16.min(head.len() / 4).max(2))
        .then_some("binary data (it holds NUL bytes, which no text file has)")
}

fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>, LoadError> {
    if let Some(what) = binary_kind(bytes) {
        return Err(LoadError::NotText {
            file: file.to_owned(),
            what: what.to_owned(),
        });
    }
    let utf16 = |big_endian: bool| -> Result<std::borrow::Cow<'a, str>, LoadError> {
        let body = bytes.get(2..).unwrap_or_default();
        if body.len() % 2 != 0 {
            return Err(LoadError::NotUtf8 {
                file: file.to_owned(),
                position: utf16_position(body, body.len() - 1, big_endian),
                byte_offset: bytes.len() - 1,
                detail: "UTF-16 text with an odd number of bytes".to_owned(),
            });
        }
        let units = body.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let mut text = String::with_capacity(body.len() / 2);
        for (i, unit) in char::decode_utf16(units).enumerate() {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => {
                    return Err(LoadError::NotUtf8 {
                        file: file.to_owned(),
                        position: TextPosition::from_offset(&text, text.len()),
                        byte_offset: 2 + 2 * i,
                        detail: "an unpaired UTF-16 surrogate".to_owned(),
                    });
                }
            }
        }
        Ok(std::borrow::Cow::Owned(text))
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(false);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(true);
    }
    let (body, bom_len) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, 3),
        None => (bytes, 0),
    };
    std::str::from_utf8(body)
        .map(std::borrow::Cow::Borrowed)
        .map_err(|error| LoadError::NotUtf8 {
            file: file.to_owned(),
            position: position_of_byte(bytes, bom_len + error.valid_up_to(), bom_len),
            byte_offset: bom_len + error.valid_up_to(),
            detail: "an invalid byte sequence".to_owned(),
        })
}

/// A load's warnings as (where, what) pairs, for the readers' tests.
#[cfg(test)]
pub(crate) fn test_warnings(loaded: &Loaded) -> Vec<(&str, &str)> {
    let warnings = &loaded.report.warnings;
    warnings
        .iter()
        .map(|w| (w.json_path.as_str(), w.message.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_with_quotation_marks_not_backticks() {
        assert_eq!(quoted("weight"), "\"weight\"");
        assert_eq!(quoted("\""), "'\"'");
        assert_eq!(
            plain_quotes("expected `</node>`, but `</nodes>` was found"),
            "expected \"</node>\", but \"</nodes>\" was found"
        );
        assert_eq!(
            plain_quotes("attribute value not closed: `\"` not found"),
            "attribute value not closed: '\"' not found"
        );
        assert_eq!(plain_quotes("no quotes"), "no quotes");
        assert_eq!(plain_quotes("one ` alone"), "one ` alone");
    }
}
