//! What can stop a file from loading. Every variant names the file; where the problem has a
//! place in the text it also carries the line, column and JSON path.

use std::fmt;

use super::json_syntax::{self, Scope};

/// Where in a JSON text a problem sits. Lines and columns count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

impl TextPosition {
    /// The line and column of byte `offset` in `text`, lines ending as [`text_lines`] ends
    /// them: at `\n`, `\r\n` or a lone `\r` (old Mac files, which an editor shows as lines
    /// too); columns count characters. Every reader reports its places so, whatever its parser
    /// counts (serde_json counts only `\n`: [`json_position`] turns its place into an offset).
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        // A `\r\n` is counted once, at its `\n`.
        let is_lone_return = |at: usize| text.as_bytes().get(at + 1) != Some(&b'\n');
        let lone_returns = memchr::memchr_iter(b'\r', before.as_bytes())
            .filter(|&at| is_lone_return(at))
            .count();
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + lone_returns + 1;
        // The line starts after the last line end: a `\r` just before `offset` that a `\n`
        // follows ends no line yet.
        let line_start = before
            .bytes()
            .enumerate()
            .rev()
            .find(|&(at, byte)| byte == b'\n' || (byte == b'\r' && is_lone_return(at)))
            .map_or(0, |(at, _)| at + 1);
        let column = before[line_start..].chars().filter(|&c| c != '\r').count() + 1;
        Self { line, column }
    }
}

/// One line of a text, without its line end, and the byte offset it starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TextLine<'t> {
    /// Counted from 1.
    pub number: usize,
    pub start: usize,
    pub text: &'t str,
}

/// The lines of `text` for the line-based readers (Pajek, SIF): each ends at `\n`, `\r\n`
/// or a lone `\r` (classic Mac OS, Excel's "CSV (Macintosh)"), as Java's `readLine` splits
/// them for Cytoscape and Pajek and as the CSV reader does. Positions in these lines are
/// given by [`TextPosition::from_offset`].
pub(crate) fn text_lines(text: &str) -> impl Iterator<Item = TextLine<'_>> {
    let mut start = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|rest| !rest.is_empty())?;
        let (length, end_length) = match rest.find(['\n', '\r']) {
            Some(at) if rest[at..].starts_with("\r\n") => (at, 2),
            Some(at) => (at, 1),
            None => (rest.len(), 0),
        };
        number += 1;
        let line = TextLine {
            number,
            start,
            text: &rest[..length],
        };
        start += length + end_length;
        Some(line)
    })
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

    /// The file is no text at all: a picture, an archive, a program.
    #[error(
        "{file}: not a network file but {what}; Chainsight opens text files (JSON, GraphML, GEXF, GML, DOT, CSV, Pajek, SIF or XGMML), workbooks (Excel, OpenDocument) and Maltego graphs"
    )]
    NotText {
        file: String,
        /// What it looks like ("a PNG image", "binary data").
        what: String,
    },

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
    #[error("{file}: {position}: {}{message}", InPath(json_path.as_deref()))]
    Syntax {
        file: String,
        position: TextPosition,
        /// The JSON path of the value being read, where the text is JSON and the problem is
        /// below its top level (`nodes[41].label`).
        json_path: Option<String>,
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
            Self::Syntax { json_path, .. } => json_path.as_deref(),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- JSON errors

/// `serde_json`'s message without its own " at line L column C" (which counts bytes, and from
/// the start of whatever text it was given rather than the file).
fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&suffix)
        .map_or_else(|| message.clone(), str::to_owned)
}

/// Where a `serde_json` error sits in `text`, by the convention of every [`LoadError`]
/// ([`TextPosition::from_offset`]): lines end at `\n`, `\r\n` or a lone `\r` (serde_json
/// counts only `\n`, so in an old Mac file every error was on line 1), the column counts
/// characters from 1 (serde_json counts bytes). `None` where serde_json gives no place (line 0:
/// an error not tied to the text).
pub(crate) fn json_position(text: &str, error: &serde_json::Error) -> Option<TextPosition> {
    let offset = serde_offset(text, error)?;
    Some(TextPosition::from_offset(text, offset))
}

/// The byte offset in `text` of serde_json's place for `error`: the last byte it read (the
/// start of its line where it read none there). `None` for an error not tied to the text.
fn serde_offset(text: &str, error: &serde_json::Error) -> Option<usize> {
    let line = error.line();
    if line == 0 {
        return None;
    }
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text
        .get(line_start..)
        .unwrap_or_default()
        .split('\n')
        .next()
        .unwrap_or_default();
    // serde_json's column is the byte after which it stopped (0 before the first).
    Some(line_start + error.column().saturating_sub(1).min(line_text.len()))
}

/// A `serde_json` data error ("invalid type: string \"x\", expected a sequence") in words a
/// reader of the file understands ("found string \"x\", expected a list (JSON array)"), its
/// backticks made quotation marks ("missing field \"target\"").
fn explain_data_error(message: &str) -> String {
    let message = super::plain_quotes(message);
    // "struct RawEntity" and the like name Chainsight's own types: a JSON object to the reader.
    let mut explained = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find("struct ") {
        explained.push_str(&rest[..at]);
        let after = &rest[at + "struct ".len()..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        explained.push_str("a JSON object");
        rest = &after[name_len..];
    }
    explained.push_str(rest);
    if let Some(found) = explained
        .strip_prefix("invalid type: ")
        .or_else(|| explained.strip_prefix("invalid value: "))
    {
        return format!(
            "found {}",
            found.replace("a sequence", "a list (JSON array)")
        );
    }
    if let Some(field) = explained.strip_prefix("missing field ") {
        return format!("the required key {field} is missing");
    }
    if let Some(field) = explained.strip_prefix("duplicate field ") {
        return format!("the key {field} is given twice; give it once");
    }
    if let Some(rest) = explained.strip_prefix("unknown variant ") {
        return format!("found {rest}");
    }
    if let Some((length, expected)) = explained
        .strip_prefix("invalid length ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!("found a list of {length}, expected {expected}");
    }
    explained
}

/// The one conversion of a `serde_json` error on `text` into a [`LoadError`], for every JSON
/// reader: bad syntax (or text that ends early) is [`LoadError::Syntax`] ("invalid JSON: …",
/// in the words of [`json_syntax::explain`], with the path being read), a value of the wrong
/// shape is [`LoadError::Structure`] at `json_path` (the document root when unknown), both at
/// [`json_position`]; an error with no place is [`LoadError::Unreadable`].
pub(crate) fn json_error(
    file: &str,
    text: &str,
    error: &serde_json::Error,
    json_path: Option<String>,
) -> LoadError {
    json_error_in(file, text, error, json_path, Scope::File)
}

/// [`json_error`] for `text` that is the whole file or one line of it (`scope`).
fn json_error_in(
    file: &str,
    text: &str,
    error: &serde_json::Error,
    json_path: Option<String>,
    scope: Scope,
) -> LoadError {
    let position = json_position(text, error);
    let message = json_message(error);
    match (error.classify(), position) {
        (serde_json::error::Category::Data, position) => LoadError::Structure {
            file: file.to_owned(),
            position,
            json_path: json_path.unwrap_or_else(|| ".".to_owned()),
            message: explain_data_error(&message),
        },
        (_, Some(position)) => {
            let explained = json_syntax::explain(text, error, &message, position, scope);
            let mut message = format!("invalid JSON: {}", explained.message);
            if looks_like_python(text, error) {
                message.push_str("; ");
                message.push_str(PYTHON_HINT);
            }
            LoadError::Syntax {
                file: file.to_owned(),
                position: explained.position,
                json_path: explained.json_path.or(json_path),
                message,
            }
        }
        (_, None) => LoadError::Unreadable {
            file: file.to_owned(),
            reason: message,
        },
    }
}

/// A `serde_json` error on JSON held inside another file (a GraphML or GEXF attribute) in the
/// words of [`json_error`], at its place in that JSON: `line 1, column 12: …`.
pub(crate) fn json_problem(text: &str, error: &serde_json::Error) -> String {
    match json_error_in("", text, error, None, Scope::Held) {
        LoadError::Syntax {
            position,
            json_path,
            message,
            ..
        } => format!("{position}: {}{message}", InPath(json_path.as_deref())),
        LoadError::Structure {
            position, message, ..
        } => format!("{}: {message}", OptionalPosition(position.as_ref())),
        LoadError::Unreadable { reason, .. } => reason,
        other => other.to_string(),
    }
}

/// What a syntax error in a Python dict's text adds.
const PYTHON_HINT: &str = "this looks like a Python dict written with str() or print(), not JSON: write it with json.dump";

/// Whether the JSON `error` in `text` is Python's text of a dict or list (`str()`, `print()`,
/// `repr()`): the parser stopped at a single quote or at `True`, `False` or `None`, and the
/// start of the text has a single-quoted key or one of those as a value.
fn looks_like_python(text: &str, error: &serde_json::Error) -> bool {
    /// How much of the text is looked at for a second sign: Python writes a dict on one line.
    const HEAD_BYTES: usize = 64 * 1024;
    const CONSTANTS: [&str; 3] = ["True", "False", "None"];
    // serde_json's column is the byte after which it stopped: the offending byte's, from 1.
    let Some(offset) = serde_offset(text, error) else {
        return false;
    };
    let stopped_at = text.get(offset..).unwrap_or_default();
    let python_token =
        stopped_at.starts_with('\'') || CONSTANTS.iter().any(|word| stopped_at.starts_with(word));
    if !python_token {
        return false;
    }
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default();
    let quoted_key = ["{'", ", '"].iter().any(|start| head.contains(start)) && head.contains("': ");
    let constant_value = CONSTANTS
        .iter()
        .any(|word| head.contains(&format!(": {word}")));
    quoted_key || constant_value
}

/// [`json_error`] for a `serde_json` error on one line of a file (JSON lines), line `number`
/// of it counting from 1.
pub(crate) fn json_line_error(
    file: &str,
    number: usize,
    line: &str,
    error: &serde_json::Error,
) -> LoadError {
    let mut converted = json_error_in(file, line, error, None, Scope::Line(number));
    if let LoadError::Syntax { position, .. }
    | LoadError::Structure {
        position: Some(position),
        ..
    } = &mut converted
    {
        position.line = number + position.line.saturating_sub(1);
    }
    converted
}

/// Display helper for a syntax error's `Option` of a JSON path: `in nodes[4].label: ` or
/// nothing.
struct InPath<'a>(Option<&'a str>);

impl fmt::Display for InPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(path) => write!(f, "in {path}: "),
            None => Ok(()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_end_at_any_line_end_and_positions_agree() {
        let text = "a\nbb\r\nc\rdé\r\re";
        let lines: Vec<(usize, usize, &str)> = text_lines(text)
            .map(|line| (line.number, line.start, line.text))
            .collect();
        assert_eq!(
            lines,
            [
                (1, 0, "a"),
                (2, 2, "bb"),
                (3, 6, "c"),
                (4, 8, "dé"),
                (5, 12, ""),
                (6, 13, "e")
            ]
        );
        for (number, start, line) in lines {
            let last = line.chars().count();
            assert_eq!(
                TextPosition::from_offset(text, start + line.len()),
                TextPosition {
                    line: number,
                    column: last + 1
                },
                "the end of line {number}"
            );
        }
        // Between the `\r` and the `\n` of a `\r\n`: still the end of line 2.
        assert_eq!(
            TextPosition::from_offset(text, 5),
            TextPosition { line: 2, column: 3 }
        );
        assert_eq!(text_lines("").count(), 0);
        assert_eq!(text_lines("x\n").count(), 1);
    }

    fn error_of(text: &str) -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>(text)
            .err()
            .unwrap_or_else(|| serde_json::Error::io(std::io::ErrorKind::Other.into()))
    }

    #[test]
    fn json_columns_count_characters_from_one() {
        // The bad `x` is the 9th character of line 2 and its 12th byte.
        let text = "{\n  \"é€\": x}";
        let LoadError::Syntax {
            position, message, ..
        } = json_error("f.json", text, &error_of(text), None)
        else {
            panic!("a syntax error");
        };
        assert_eq!(position, TextPosition { line: 2, column: 9 });
        assert!(message.starts_with("invalid JSON: "), "{message}");
        assert!(!message.contains("at line"), "{message}");
    }

    /// Python's `str()` of a dict: single quotes, `True`/`False`/`None`.
    #[test]
    fn a_python_dict_is_named_as_such_with_its_place() {
        for (text, column) in [
            ("{'data': [], 'directed': False}", 2),
            ("{\"directed\": False, \"nodes\": []}", 14),
            ("\n[{'id': 'a', 'name': \"O'Brien\"}]", 3),
        ] {
            let LoadError::Syntax {
                position, message, ..
            } = json_error("f.cyjs", text, &error_of(text), None)
            else {
                panic!("a syntax error: {text}");
            };
            assert_eq!(position.column, column, "{text}");
            assert!(message.starts_with("invalid JSON: "), "{message}");
            assert!(message.ends_with(PYTHON_HINT), "{text}: {message}");
        }
    }

    #[test]
    fn other_json_errors_get_no_python_hint() {
        for text in [
            "{\"a\": x}",
            "{a: 1}",
            // A stray quote in a file with no other sign of Python.
            "{\"a\": 'b\"}",
            "{\"a\": 1,}",
        ] {
            let LoadError::Syntax { message, .. } =
                json_error("f.json", text, &error_of(text), None)
            else {
                panic!("a syntax error: {text}");
            };
            assert!(!message.contains("Python"), "{text}: {message}");
        }
    }

    #[test]
    fn a_line_of_json_lines_counts_from_its_place_in_the_file() {
        let line = "{\"a\": }";
        let converted = json_line_error("f.ftm", 7, line, &error_of(line));
        assert_eq!(
            converted.position(),
            Some(&TextPosition { line: 7, column: 7 })
        );
    }

    #[test]
    fn serde_s_other_data_errors_are_in_plain_words() {
        for (serde_message, plain) in [
            (
                "invalid value: integer `-1`, expected usize",
                "found integer \"-1\", expected usize",
            ),
            (
                "duplicate field `entities`",
                "the key \"entities\" is given twice; give it once",
            ),
            (
                "unknown variant `sideways`, expected `forward` or `backward`",
                "found \"sideways\", expected \"forward\" or \"backward\"",
            ),
            (
                "invalid length 3, expected a list of 2",
                "found a list of 3, expected a list of 2",
            ),
        ] {
            assert_eq!(explain_data_error(serde_message), plain);
        }
    }

    /// JSON inside another file (a GraphML attribute) is explained at its place in that JSON.
    #[test]
    fn a_problem_in_json_held_in_another_file_is_in_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        struct RawTitle {
            #[expect(dead_code, reason = "only its type matters")]
            title: String,
        }
        let text = "{\"title\": \"x";
        assert_eq!(
            json_problem(text, &error_of(text)),
            "line 1, column 12: in title: invalid JSON: the JSON ends inside a text value (the \
             string opened with \" at line 1, column 11 is never closed); it may have been cut \
             short"
        );
        let text = "{\"title\": 5}";
        let Err(error) = serde_json::from_str::<RawTitle>(text) else {
            panic!("a data error");
        };
        assert_eq!(
            json_problem(text, &error),
            "line 1, column 11: found integer \"5\", expected a string"
        );
    }

    #[test]
    fn data_errors_are_structure_errors_in_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        struct RawThing {
            #[expect(dead_code, reason = "only its type matters")]
            items: Vec<u8>,
        }
        let text = "{\"items\": \"x\"}";
        let Err(error) = serde_json::from_str::<RawThing>(text) else {
            panic!("a data error");
        };
        let LoadError::Structure {
            message, json_path, ..
        } = json_error("f.json", text, &error, Some("items".into()))
        else {
            panic!("a structure error");
        };
        assert_eq!(json_path, "items");
        assert_eq!(message, "found string \"x\", expected a list (JSON array)");
        let Err(error) = serde_json::from_str::<RawThing>("{}") else {
            panic!("a missing field");
        };
        assert_eq!(
            json_error("f.json", "{}", &error, None).json_path(),
            Some(".")
        );
    }
}
