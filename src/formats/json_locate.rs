//! Finding where a JSON path (`relations[12].evidence[0].source`) sits in a JSON text, so
//! problems found after parsing (into `serde_json::Value`, which keeps no positions) can still
//! be reported with a line and column. Only containers on the path are entered; everything
//! else is skipped without recursion, so deeply nested input cannot overflow the stack.
//! The other way round, [`reading_at`] finds the path being read at a place in the text (and
//! what is left open there), for syntax errors, which serde_json gives no path.

use super::error::TextPosition;

#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_owned()));
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            segments.push(Segment::Index(index.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(segments)
}

/// The position of the value at `path` in `text`, or `None` if the path is not there.
pub fn locate(text: &str, path: &str) -> Option<TextPosition> {
    let bytes = text.as_bytes();
    let mut pos = skip_whitespace(bytes, 0);
    for segment in parse_path(path)? {
        pos = match segment {
            Segment::Key(key) => find_key(text, pos, &key)?,
            Segment::Index(index) => find_index(bytes, pos, index)?,
        };
    }
    Some(TextPosition::from_offset(text, pos))
}

fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// Position just after the string starting at `pos` (which holds the opening quote).
fn skip_string(bytes: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// Position just after the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut pos = pos;
            loop {
                match bytes.get(pos)? {
                    b'"' => {
                        pos = skip_string(bytes, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
        }
        _ => {
            let mut pos = pos;
            while bytes
                .get(pos)
                .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
            {
                pos += 1;
            }
            Some(pos)
        }
    }
}

/// After a member or element: the position of the next one, or `None` at the container's end.
fn next_item(bytes: &[u8], pos: usize) -> Option<usize> {
    let pos = skip_whitespace(bytes, pos);
    (*bytes.get(pos)? == b',').then(|| skip_whitespace(bytes, pos + 1))
}

fn find_key(text: &str, pos: usize, wanted: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if *bytes.get(pos)? != b'{' {
        return None;
    }
    let mut pos = skip_whitespace(bytes, pos + 1);
    loop {
        if *bytes.get(pos)? != b'"' {
            return None;
        }
        let key_end = skip_string(bytes, pos)?;
        let raw_key = text.get(pos..key_end)?;
        let matches = if raw_key.contains('\\') {
            serde_json::from_str::<String>(raw_key).is_ok_and(|key| key == wanted)
        } else {
            raw_key.get(1..raw_key.len() - 1) == Some(wanted)
        };
        let colon = skip_whitespace(bytes, key_end);
        if *bytes.get(colon)? != b':' {
            return None;
        }
        let value = skip_whitespace(bytes, colon + 1);
        if matches {
            return Some(value);
        }
        pos = next_item(bytes, skip_value(bytes, value)?)?;
    }
}

fn find_index(bytes: &[u8], pos: usize, wanted: usize) -> Option<usize> {
    if *bytes.get(pos)? != b'[' {
        return None;
    }
    let mut pos = skip_whitespace(bytes, pos + 1);
    for _ in 0..wanted {
        pos = next_item(bytes, skip_value(bytes, pos)?)?;
    }
    (*bytes.get(pos)? != b']').then_some(pos)
}

/// What a JSON text was in the middle of where reading it stopped (see [`reading_at`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The path of the value being read (`nodes[41].label`), written as serde_path_to_error
    /// writes one; empty outside every list and object, or between the top level's members.
    pub path: String,
    /// The innermost list or object still open.
    pub open: Option<Open>,
    /// How many lists and objects are open, the innermost included.
    pub depth: usize,
    /// The innermost open object's last key (its member being read, or the one just read).
    pub key: Option<String>,
    /// A string begun and not closed.
    pub string: Option<OpenString>,
    /// What the innermost open list or object expects next.
    pub expecting: Expecting,
}

/// A list or object still open: where its bracket is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Open {
    /// The byte offset of its `[` or `{`.
    pub offset: usize,
    pub is_object: bool,
}

/// A string begun and not closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenString {
    /// The byte offset of its opening quote.
    pub offset: usize,
    /// Whether it is an object's key rather than a value.
    pub is_key: bool,
}

/// Where the innermost open list or object stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expecting {
    /// Nothing open, or the top-level value not begun.
    #[default]
    TopLevel,
    /// Just after `[` or `{`.
    First,
    /// After a `,`: the next item or key.
    Next,
    /// An object's key was read: its `:`.
    Colon,
    /// Inside a value (after a key's `:`, or a list's item begun): a value, or more of it.
    Value,
    /// After an item or member: `,` or the closing bracket.
    CommaOrEnd,
    /// The top-level value is complete.
    Done,
}

/// A list or object open while scanning.
struct Frame {
    open: Open,
    /// A list's item being read, counting from 0.
    index: usize,
    /// An object's key being read or last read: where it is, quotes included (decoded only
    /// for the path, so that a big file is scanned without a string per key).
    key: Option<std::ops::Range<usize>>,
    expecting: Expecting,
}

impl Frame {
    /// The key being read or last read, as a path shows it.
    fn key(&self, text: &str) -> Option<String> {
        let quoted = text.get(self.key.clone()?)?;
        Some(key_text(quoted))
    }

    /// This container's part of the path to what is read inside it, if it is reading a value.
    fn segment(&self, text: &str, path: &mut String) {
        use std::fmt::Write as _;
        if self.open.is_object {
            if let (Expecting::Value, Some(key)) = (self.expecting, self.key(text)) {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
            }
        } else if matches!(
            self.expecting,
            Expecting::First | Expecting::Next | Expecting::Value
        ) {
            let _ = write!(path, "[{}]", self.index);
        }
    }
}

/// Longest key kept whole in a path or message, in characters.
const KEY_CHARS: usize = 100;

/// What `text` was in the middle of at byte `end`, read as JSON from the start: the path of
/// the value being read there, the lists and objects open, a string not closed. For messages
/// about a syntax error (serde_json keeps no path for those): `text` is taken to be valid JSON
/// up to `end`, as it is up to where serde_json stopped, and anything else is skimmed over
/// without failing. One pass, no recursion.
pub fn reading_at(text: &str, end: usize) -> Reading {
    read_until(text, end, false)
}

/// [`reading_at`] where a number, `true`, `false` or `null` reaching `end` is known to be
/// complete (serde_json went on to look for what follows it).
pub fn reading_after_value(text: &str, end: usize) -> Reading {
    read_until(text, end, true)
}

fn read_until(text: &str, end: usize, word_complete_at_end: bool) -> Reading {
    let end = end.min(text.len());
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut top_level = Expecting::TopLevel;
    let mut string = None;
    let mut pos = 0;
    while pos < end {
        let byte = bytes[pos];
        match byte {
            b'"' => {
                let is_key = stack.last().is_some_and(|frame| {
                    frame.open.is_object
                        && matches!(frame.expecting, Expecting::First | Expecting::Next)
                });
                let Some(after) = string_end(bytes, pos, end) else {
                    begin_value(&mut stack, &mut top_level, is_key);
                    string = Some(OpenString {
                        offset: pos,
                        is_key,
                    });
                    break;
                };
                if is_key {
                    if let Some(frame) = stack.last_mut() {
                        frame.key = Some(pos..after);
                        frame.expecting = Expecting::Colon;
                    }
                } else {
                    begin_value(&mut stack, &mut top_level, false);
                    end_value(&mut stack, &mut top_level);
                }
                pos = after;
            }
            b'{' | b'[' => {
                begin_value(&mut stack, &mut top_level, false);
                stack.push(Frame {
                    open: Open {
                        offset: pos,
                        is_object: byte == b'{',
                    },
                    index: 0,
                    key: None,
                    expecting: Expecting::First,
                });
                pos += 1;
            }
            b'}' | b']' => {
                stack.pop();
                end_value(&mut stack, &mut top_level);
                pos += 1;
            }
            b':' => {
                if let Some(frame) = stack.last_mut() {
                    frame.expecting = Expecting::Value;
                }
                pos += 1;
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    if !frame.open.is_object {
                        frame.index += 1;
                    }
                    frame.expecting = Expecting::Next;
                }
                pos += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' => pos += 1,
            _ => {
                // A number, `true`, `false`, `null` (or what was taken for one).
                begin_value(&mut stack, &mut top_level, false);
                while pos < end && !is_delimiter(bytes[pos]) {
                    pos += 1;
                }
                // Complete where something follows it, read or not.
                if (pos == end && word_complete_at_end)
                    || bytes.get(pos).is_some_and(|&byte| is_delimiter(byte))
                {
                    end_value(&mut stack, &mut top_level);
                }
            }
        }
    }
    let mut path = String::new();
    for frame in &stack {
        frame.segment(text, &mut path);
    }
    let innermost = stack.last();
    Reading {
        path,
        open: innermost.map(|frame| frame.open),
        depth: stack.len(),
        key: innermost
            .filter(|frame| frame.open.is_object)
            .and_then(|frame| frame.key(text)),
        string,
        expecting: innermost.map_or(top_level, |frame| frame.expecting),
    }
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b',' | b':' | b'[' | b']' | b'{' | b'}' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
    )
}

/// A value begins in the innermost container (a key's string aside).
fn begin_value(stack: &mut [Frame], top_level: &mut Expecting, is_key: bool) {
    match stack.last_mut() {
        Some(frame) if !is_key => {
            if !frame.open.is_object {
                frame.expecting = Expecting::Value;
            }
        }
        Some(_) => {}
        None => *top_level = Expecting::Value,
    }
}

/// A value ended in the innermost container.
fn end_value(stack: &mut [Frame], top_level: &mut Expecting) {
    match stack.last_mut() {
        Some(frame) => frame.expecting = Expecting::CommaOrEnd,
        None => *top_level = Expecting::Done,
    }
}

/// The offset just after the string whose quote is at `start`, if it closes before `end`.
fn string_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut pos = start + 1;
    while pos < end {
        let offset = memchr::memchr2(b'"', b'\\', bytes.get(pos..end)?)?;
        pos += offset;
        if bytes[pos] == b'"' {
            return Some(pos + 1);
        }
        pos += 2;
    }
    None
}

/// A key as a path shows it: its escapes decoded, a long one cut.
fn key_text(quoted: &str) -> String {
    let key = if quoted.contains('\\') {
        serde_json::from_str::<String>(quoted).unwrap_or_default()
    } else {
        quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default()
            .to_owned()
    };
    super::excerpt(&key, KEY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, [2]]},\n  \"esc\\\"aped\": 5,\n  \"d\": \"}\"\n}";

    fn at(path: &str) -> Option<(usize, usize)> {
        locate(TEXT, path).map(|p| (p.line, p.column))
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at("a"), Some((2, 8)));
        assert_eq!(at("a.b[1].c"), Some((2, 24)));
        assert_eq!(at("a.b[2][0]"), Some((2, 31)));
        assert_eq!(at("esc\"aped"), Some((3, 16)));
        assert_eq!(at("d"), Some((4, 8)));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at("a.b[3]"), None);
        assert_eq!(at("nope"), None);
        assert_eq!(at("d.e"), None);
        assert_eq!(locate("{\"a\": [", "a[0]"), None);
    }

    fn path_at(text: &str, end: usize) -> String {
        reading_at(text, end).path
    }

    #[test]
    fn the_path_being_read_is_found_from_the_text() {
        let text = "{\"nodes\": [{\"id\": 1}, {\"id\": 2, \"label\": \"x\"}], \"links\": [";
        // Inside the second node's label, before its value, before its `:`, after its value.
        assert_eq!(path_at(text, 43), "nodes[1].label");
        assert_eq!(path_at(text, 41), "nodes[1].label");
        assert_eq!(path_at(text, 39), "nodes[1]");
        assert_eq!(path_at(text, 44), "nodes[1]");
        // Between the top level's members, and inside a list just opened.
        assert_eq!(path_at(text, 47), "");
        assert_eq!(path_at(text, text.len()), "links[0]");
        let reading = reading_at(text, 43);
        assert_eq!(reading.key.as_deref(), Some("label"));
        assert_eq!(reading.depth, 3);
        assert_eq!(reading.expecting, Expecting::Value);
        assert_eq!(
            reading.open,
            Some(Open {
                offset: 22,
                is_object: true
            })
        );
    }

    #[test]
    fn a_string_left_open_is_found_with_where_it_starts() {
        let text = "[{\"a\\\"b\": \"x\\\"";
        let reading = reading_at(text, text.len());
        assert_eq!(reading.path, "[0].a\"b");
        assert_eq!(
            reading.string,
            Some(OpenString {
                offset: 10,
                is_key: false
            })
        );
        let key = reading_at("{\"ab", 4);
        assert_eq!(key.string.map(|string| string.is_key), Some(true));
        assert_eq!(key.path, "");
    }

    #[test]
    fn a_word_is_a_value_begun_until_something_follows_it() {
        assert_eq!(reading_at("{\"a\": tru", 9).expecting, Expecting::Value);
        assert_eq!(
            reading_at("{\"a\": tru}", 9).expecting,
            Expecting::CommaOrEnd
        );
        assert_eq!(reading_at("[1, 2", 5).path, "[1]");
        assert_eq!(reading_at("[1, 2]", 5).path, "");
    }

    #[test]
    fn a_long_key_is_cut_in_the_path() {
        let text = format!("{{\"{}\": [", "k".repeat(500));
        let path = reading_at(&text, text.len()).path;
        assert!(path.ends_with("…[0]"), "{path}");
        assert!(path.len() < 120, "{path}");
    }

    #[test]
    fn deep_nesting_is_skipped_without_recursion() {
        let text = format!(
            "{{\"x\": {}{}, \"y\": 1}}",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        assert_eq!(locate(&text, "y").map(|p| p.column), Some(400_014));
    }
}
