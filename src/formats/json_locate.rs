//! Finding where a JSON path (`relations[12].evidence[0].source`) sits in a JSON text, so
//! problems found after parsing (into `serde_json::Value`, which keeps no positions) can still
//! be reported with a line and column. Only containers on the path are entered; everything
//! else is skipped without recursion, so deeply nested input cannot overflow the stack.

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
