//! What can stop a file from loading. Every variant names the file; where the problem has a
//! place in the text it also carries the line, column and JSON path.

use std::fmt;

/// Where in a JSON text a problem sits. Lines and columns count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

impl TextPosition {
    /// The line and column of byte `offset` in `text` (columns count characters).
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

impl fmt::Display for TextPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A file that could not be loaded. The dataset already open stays open.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all (missing, a directory, no permission).
    #[error("{file}: cannot read the file: {reason}")]
    Unreadable { file: String, reason: String },

    /// The file is larger than Chainsight can read into the memory available.
    #[error(
        "{file}: the file is {size_bytes} bytes; with the memory free now, Chainsight reads files of up to {limit_bytes} bytes"
    )]
    TooLarge {
        file: String,
        size_bytes: u64,
        limit_bytes: u64,
    },

    /// The file is empty or holds only whitespace.
    #[error("{file}: the file is empty; expected a graph (JSON, GEXF, GraphML or CSV)")]
    Empty { file: String },

    /// The bytes are not UTF-8 text.
    #[error(
        "{file}: {position}: not UTF-8 text ({detail}, byte {byte_offset} of the file); save the file as UTF-8"
    )]
    NotUtf8 {
        file: String,
        /// The line and column (in characters) of the first bad byte.
        position: TextPosition,
        byte_offset: usize,
        detail: String,
    },

    /// The text is not valid JSON, XML or CSV (the message says which).
    #[error("{file}: {position}: {message}")]
    Syntax {
        file: String,
        position: TextPosition,
        message: String,
    },

    /// The JSON is valid but does not have the shape of a dataset (wrong type, missing key).
    #[error("{file}: {}: at {json_path}: {message}", OptionalPosition(position.as_ref()))]
    Structure {
        file: String,
        position: Option<TextPosition>,
        json_path: String,
        message: String,
    },

    /// The content is readable but fits none of the formats Chainsight reads.
    #[error("{file}: not a graph file Chainsight can read: {message}")]
    UnknownFormat { file: String, message: String },

    /// The user cancelled the load.
    #[error("{file}: loading was cancelled")]
    Cancelled { file: String },

    /// A Chainsight dataset of a version this build does not read.
    #[error(
        "{file}: this is a Chainsight dataset of version {found}; this build reads version 1 only"
    )]
    UnsupportedVersion { file: String, found: String },
}

impl LoadError {
    /// The line and column of the problem, where it has one.
    pub fn position(&self) -> Option<&TextPosition> {
        match self {
            Self::Syntax { position, .. } | Self::NotUtf8 { position, .. } => Some(position),
            Self::Structure { position, .. } => position.as_ref(),
            _ => None,
        }
    }

    /// The JSON path of the problem, where it has one.
    pub fn json_path(&self) -> Option<&str> {
        match self {
            Self::Structure { json_path, .. } => Some(json_path),
            _ => None,
        }
    }
}

/// Display helper for `Option<TextPosition>`: `line 3, column 5` or `position unknown`.
pub struct OptionalPosition<'a>(pub Option<&'a TextPosition>);

impl fmt::Display for OptionalPosition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(position) => position.fmt(f),
            None => f.write_str("position unknown"),
        }
    }
}
