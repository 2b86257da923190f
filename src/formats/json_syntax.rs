//! serde_json's syntax errors in words a reader of the file understands, never serde_json's own
//! ("EOF while parsing a string", "expected ident"): what was found and what was expected there,
//! the JSON path being read (serde_json keeps none for a syntax error, so
//! [`reading_at`] finds it from the text), and for text that ends early, what was left open and
//! where it was opened. [`super::error::json_error`] uses it for every JSON reader.

use super::error::TextPosition;
use super::json_locate::{Expecting, Reading, reading_after_value, reading_at};
use super::{excerpt, quoted};
use crate::words::counted;

/// What text serde_json was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The whole file.
    File,
    /// One line of JSON lines, its number in the file counting from 1.
    Line(usize),
    /// JSON held in another file (a GraphML or GEXF attribute's text).
    Held,
}

/// A syntax error explained.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Explained {
    /// Where to report it: serde_json's place, except a line break inside a string, reported
    /// where the line ends rather than at the start of the next.
    pub position: TextPosition,
    /// The path of the value being read, where there is one below the top level.
    pub json_path: Option<String>,
    /// What is wrong, in plain words (without "invalid JSON").
    pub message: String,
}

/// serde_json's syntax errors, known by their messages (serde_json keeps its codes private).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    EofList,
    EofObject,
    EofString,
    EofValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedIdent,
    ExpectedValue,
    ExpectedDoubleQuote,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidCodePoint,
    ControlCharacter,
    KeyMustBeAString,
    ExpectedNumericKey,
    LoneLeadingSurrogate,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimit,
}

/// serde_json's message for each kind (`serde_json::error::ErrorCode`'s `Display`).
const KINDS: [(&str, Kind); 22] = [
    ("EOF while parsing a list", Kind::EofList),
    ("EOF while parsing an object", Kind::EofObject),
    ("EOF while parsing a string", Kind::EofString),
    ("EOF while parsing a value", Kind::EofValue),
    ("expected `:`", Kind::ExpectedColon),
    ("expected `,` or `]`", Kind::ExpectedListCommaOrEnd),
    ("expected `,` or `}`", Kind::ExpectedObjectCommaOrEnd),
    ("expected ident", Kind::ExpectedIdent),
    ("expected value", Kind::ExpectedValue),
    ("expected `\"`", Kind::ExpectedDoubleQuote),
    ("invalid escape", Kind::InvalidEscape),
    ("invalid number", Kind::InvalidNumber),
    ("number out of range", Kind::NumberOutOfRange),
    ("invalid unicode code point", Kind::InvalidCodePoint),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        Kind::ControlCharacter,
    ),
    ("key must be a string", Kind::KeyMustBeAString),
    (
        "invalid value: expected key to be a number in quotes",
        Kind::ExpectedNumericKey,
    ),
    (
        "lone leading surrogate in hex escape",
        Kind::LoneLeadingSurrogate,
    ),
    ("trailing comma", Kind::TrailingComma),
    ("trailing characters", Kind::TrailingCharacters),
    (
        "unexpected end of hex escape",
        Kind::UnexpectedEndOfHexEscape,
    ),
    ("recursion limit exceeded", Kind::RecursionLimit),
];

/// What a value may be, for "expected a value".
const A_VALUE: &str =
    "a value (a string in double quotes, a number, true, false, null, a list or an object)";

/// Explains serde_json's syntax `error` on `text`, whose message (without its place) is
/// `serde_message` and whose place, by [`super::error::json_position`], is `position`.
pub(crate) fn explain(
    text: &str,
    error: &serde_json::Error,
    serde_message: &str,
    position: TextPosition,
    scope: Scope,
) -> Explained {
    // Just after the last byte serde_json read: the culprit of a syntax error is that byte.
    let after = line_start(text, error.line())
        .saturating_add(error.column())
        .min(text.len());
    let culprit = floor_char_boundary(text, after.saturating_sub(1));
    let Some(kind) = KINDS
        .iter()
        .find(|(message, _)| *message == serde_message)
        .map(|&(_, kind)| kind)
    else {
        // A message this version of Chainsight does not know: serde_json's own is all there is
        // (its backticks made quotation marks).
        return Explained {
            position,
            json_path: None,
            message: super::plain_quotes(serde_message),
        };
    };
    let end = reading_end(text, kind, culprit);
    let reading = if matches!(kind, Kind::EofList | Kind::EofObject) {
        // serde_json read the last value whole and looked for what follows it.
        reading_after_value(text, end)
    } else {
        reading_at(text, end)
    };
    let words = Words {
        text,
        scope,
        reading: &reading,
        culprit,
    };
    let mut position = position;
    let message = match kind {
        Kind::EofList | Kind::EofObject | Kind::EofString | Kind::EofValue => {
            words.ends_early(kind)
        }
        Kind::ControlCharacter => {
            if text
                .get(culprit..)
                .is_some_and(|rest| rest.starts_with('\n'))
            {
                position = words.position_of(culprit);
            }
            words.control_character()
        }
        _ => words.syntax(kind),
    };
    Explained {
        position,
        json_path: (!reading.path.is_empty()).then(|| reading.path.clone()),
        message,
    }
}

/// Where the text is read up to for the path and what is open: the end for text that ends
/// early, a bad escape's `\\` (serde_json reads on past it), a trailing comma's `,` (the path is
/// its list's or object's, not that of an item after it), else the culprit itself.
fn reading_end(text: &str, kind: Kind, culprit: usize) -> usize {
    let head = text.get(..culprit).unwrap_or_default();
    match kind {
        Kind::EofList | Kind::EofObject | Kind::EofString | Kind::EofValue => text.len(),
        Kind::InvalidEscape => head.rfind('\\').unwrap_or(culprit),
        Kind::TrailingComma => head
            .trim_end_matches([' ', '\t', '\n', '\r'])
            .len()
            .saturating_sub(1),
        // The word that is no value: the path is the value's.
        Kind::ExpectedIdent | Kind::InvalidNumber | Kind::NumberOutOfRange => {
            culprit - word_before(text, culprit).len()
        }
        _ => culprit,
    }
}

/// The wording of one error.
struct Words<'a> {
    text: &'a str,
    scope: Scope,
    reading: &'a Reading,
    /// The byte offset of the last byte serde_json read.
    culprit: usize,
}

impl Words<'_> {
    /// The place of byte `offset` in the file.
    fn position_of(&self, offset: usize) -> TextPosition {
        let mut position = TextPosition::from_offset(self.text, offset);
        if let Scope::Line(number) = self.scope {
            position.line += number - 1;
        }
        position
    }

    /// "the file ends …" (or "line 7 ends …" in JSON lines) and why it may.
    fn ends_early(&self, kind: Kind) -> String {
        let (ends, why) = match self.scope {
            Scope::File => (
                "the file ends".to_owned(),
                "it may have been cut short".to_owned(),
            ),
            Scope::Held => (
                "the JSON ends".to_owned(),
                "it may have been cut short".to_owned(),
            ),
            Scope::Line(number) => (
                format!("line {number} ends"),
                "in JSON lines (as FollowTheMoney writes them) each line holds one whole JSON \
                 object"
                    .to_owned(),
            ),
        };
        let reading = self.reading;
        let inside = match (kind, reading.string, reading.open) {
            (Kind::EofString, Some(string), _) if string.is_key => format!(
                "inside a key (the \" at {} is never closed)",
                self.position_of(string.offset)
            ),
            (Kind::EofString, Some(string), _) => format!(
                "inside a text value (the string opened with \" at {} is never closed)",
                self.position_of(string.offset)
            ),
            (Kind::EofString, None, _) => {
                "inside a text value (a string opened with \" is never closed)".to_owned()
            }
            (Kind::EofList | Kind::EofObject, _, Some(open)) => format!(
                "inside {} ({})",
                if open.is_object {
                    "an object"
                } else {
                    "a list"
                },
                self.never_closed()
            ),
            (Kind::EofList, _, None) => "inside a list".to_owned(),
            (Kind::EofObject, _, None) => "inside an object".to_owned(),
            _ => self.where_a_value_was_due(),
        };
        format!("{ends} {inside}; {why}")
    }

    /// "the [ at line 3, column 12 is never closed" (with the brackets before it).
    fn never_closed(&self) -> String {
        let Some(open) = self.reading.open else {
            return String::new();
        };
        let bracket = if open.is_object { '{' } else { '[' };
        let at = self.position_of(open.offset);
        match self.reading.depth.saturating_sub(1) {
            0 => format!("the {bracket} at {at} is never closed"),
            more => format!(
                "the {bracket} at {at} and {} before it are never closed",
                counted(more, "bracket", "brackets")
            ),
        }
    }

    /// Where the text ended when a value (or the rest of one) was due.
    fn where_a_value_was_due(&self) -> String {
        let head = self.text.trim_end_matches([' ', '\t', '\n', '\r']);
        let partial = word_before(head, head.len());
        if !partial.is_empty() {
            return format!(
                "in the middle of the value {}",
                quoted(&excerpt(partial, 20))
            );
        }
        let reading = self.reading;
        let is_object = reading.open.is_some_and(|open| open.is_object);
        match (reading.expecting, is_object, &reading.key) {
            (Expecting::Value, true, Some(key)) => {
                format!("where the value of \"{key}\" should be")
            }
            (Expecting::First | Expecting::Next, true, _) => {
                "where the object's next key should be".to_owned()
            }
            (Expecting::First | Expecting::Next | Expecting::Value, false, _) => {
                "where the list's next item should be".to_owned()
            }
            _ => "where a value should be".to_owned(),
        }
    }

    /// A control character inside a string: a line break, most likely a closing quote missing.
    fn control_character(&self) -> String {
        let found = self
            .text
            .get(self.culprit..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\0');
        let opened = self.reading.string.map_or_else(String::new, |string| {
            format!(" (opened with \" at {})", self.position_of(string.offset))
        });
        let what = if self.reading.string.is_some_and(|string| string.is_key) {
            "a key"
        } else {
            "a text value"
        };
        match found {
            '\n' | '\r' => format!(
                "{what} runs on past the end of its line{opened}: a closing \" may be missing, \
                 or a line break inside a string must be written \\n"
            ),
            '\t' => format!("a tab inside {what}{opened} must be written \\t"),
            other => format!(
                "the control character U+{code:04X} inside {what}{opened} must be written \
                 \\u{code:04x}",
                code = u32::from(other)
            ),
        }
    }

    /// Every other syntax error: what was expected, and what was found instead.
    fn syntax(&self, kind: Kind) -> String {
        if matches!(
            kind,
            Kind::ExpectedIdent | Kind::ExpectedValue | Kind::InvalidNumber
        ) {
            let word = self.word_at_culprit();
            if let Some(hint) = not_a_json_number(word) {
                return format!("found {}: {hint}", quoted(&excerpt(word, 20)));
            }
        }
        let found = self.found();
        let reading = self.reading;
        let key = reading
            .key
            .as_deref()
            .map_or_else(String::new, |key| format!(" \"{key}\""));
        match kind {
            Kind::ExpectedColon => {
                format!("expected \":\" after the key{key}, found {found}")
            }
            Kind::ExpectedListCommaOrEnd => format!(
                "expected \",\" or \"]\" after an item of the list, found {found}{}",
                self.hint_after_value()
            ),
            Kind::ExpectedObjectCommaOrEnd => format!(
                "expected \",\" or \"}}\" after the value of{key}, found {found}{}",
                self.hint_after_value()
            ),
            Kind::ExpectedIdent => format!(
                "expected true, false or null, found {}",
                quoted(&excerpt(self.word_at_culprit(), 20))
            ),
            Kind::ExpectedValue => {
                let word = self.word_at_culprit();
                let hint = if ["True", "False", "None"].contains(&word) {
                    "; JSON writes true, false and null in lower case".to_owned()
                } else if self.culprit_is('\'') {
                    "; JSON strings are written in double quotes".to_owned()
                } else {
                    self.mismatched_bracket()
                };
                format!("expected {A_VALUE}, found {found}{hint}")
            }
            Kind::ExpectedDoubleQuote => {
                format!("expected a key in double quotes, found {found}")
            }
            Kind::KeyMustBeAString => format!(
                "expected a key in double quotes, found {found}{}",
                self.mismatched_bracket()
            ),
            Kind::ExpectedNumericKey => {
                format!("expected a key that is a number in quotes, found {found}")
            }
            Kind::InvalidEscape => self.invalid_escape(),
            Kind::InvalidNumber => {
                let number = self.word_at_culprit();
                format!(
                    "{} is not a number as JSON writes one: {}",
                    quoted(&excerpt(number, 30)),
                    number_rule(number)
                )
            }
            Kind::NumberOutOfRange => format!(
                "the number {} is too large for JSON, which reads numbers up to about 1.8e308; \
                 write it in quotes to keep it as text",
                quoted(&excerpt(self.word_at_culprit(), 30))
            ),
            Kind::InvalidCodePoint => {
                "a \\u escape here names no character (a \\u is followed by four hexadecimal \
                 digits naming one)"
                    .to_owned()
            }
            Kind::LoneLeadingSurrogate | Kind::UnexpectedEndOfHexEscape => self.surrogate(),
            Kind::TrailingComma => self.trailing_comma(),
            Kind::TrailingCharacters => self.trailing_characters(&found),
            Kind::RecursionLimit => {
                "lists and objects are nested more than 128 deep here, deeper than Chainsight \
                 reads"
                    .to_owned()
            }
            Kind::EofList
            | Kind::EofObject
            | Kind::EofString
            | Kind::EofValue
            | Kind::ControlCharacter => String::new(),
        }
    }

    /// What serde_json stopped at: a word, or one character, quoted.
    fn found(&self) -> String {
        let rest = self.text.get(self.culprit..).unwrap_or_default();
        let Some(first) = rest.chars().next() else {
            return "the end of the file".to_owned();
        };
        if is_word_char(first) {
            quoted(&excerpt(word_after(rest), 20))
        } else {
            quoted(&excerpt(&first.to_string(), 1))
        }
    }

    fn culprit_is(&self, c: char) -> bool {
        self.text
            .get(self.culprit..)
            .is_some_and(|rest| rest.starts_with(c))
    }

    /// The word (`tru`, `NaN`, `01`) that the culprit byte ends or is in.
    fn word_at_culprit(&self) -> &str {
        let start = self.culprit - word_before(self.text, self.culprit).len();
        let rest = self.text.get(self.culprit..).unwrap_or_default();
        let end = self.culprit + word_after(rest).len();
        self.text.get(start..end).unwrap_or_default()
    }

    /// After a value where `,` or a closing bracket was due: a missing comma, or brackets
    /// that do not match.
    fn hint_after_value(&self) -> String {
        let starts_value = self
            .text
            .get(self.culprit..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| matches!(c, '"' | '{' | '[' | '-') || c.is_ascii_alphanumeric());
        if starts_value {
            "; a \",\" may be missing before it".to_owned()
        } else {
            self.mismatched_bracket()
        }
    }

    /// Where a closing bracket is not the one the innermost list or object needs.
    fn mismatched_bracket(&self) -> String {
        let Some(open) = self.reading.open else {
            return String::new();
        };
        let (needed, wrong) = if open.is_object {
            ('}', ']')
        } else {
            (']', '}')
        };
        if !self.culprit_is(wrong) {
            return String::new();
        }
        format!(
            "; the {} opened with {} at {} closes with {needed}",
            if open.is_object { "object" } else { "list" },
            if open.is_object { '{' } else { '[' },
            self.position_of(open.offset),
        )
    }

    /// A `\` followed by what JSON does not allow.
    fn invalid_escape(&self) -> String {
        let head = self.text.get(..=self.culprit).unwrap_or_default();
        let escape = head
            .rfind('\\')
            .and_then(|at| head.get(at..))
            .unwrap_or("\\");
        if let Some(hex) = escape.strip_prefix("\\u") {
            let digits = hex
                .char_indices()
                .find(|&(_, c)| !c.is_ascii_hexdigit())
                .map_or(hex, |(at, _)| hex.get(..at).unwrap_or_default());
            format!(
                "the escape {} in a string is not \\u followed by four hexadecimal digits \
                 (0-9, a-f)",
                quoted(&format!("\\u{}", excerpt(digits, 4)))
            )
        } else {
            format!(
                "the escape {} in a string is not one JSON has: after \\ come only \", \\, /, \
                 b, f, n, r, t or u and four hexadecimal digits (a \\ itself is written \\\\)",
                quoted(&excerpt(escape, 6))
            )
        }
    }

    /// Half of a surrogate pair (`\ud83d\ude00`) without the other half.
    fn surrogate(&self) -> String {
        let escapes = escapes_before(self.text, self.culprit + 1);
        let lead = escapes.iter().rev().find(|(_, unit)| is_lead(*unit));
        match (lead, escapes.last()) {
            (Some((lead, _)), Some((last, unit))) if lead != last && !is_trail(*unit) => format!(
                "\"{lead}\" is the first half of a character written as two \\u escapes (a \
                 surrogate pair), and \"{last}\" after it is not a second half (\\udc00 to \\udfff)"
            ),
            (Some((lead, _)), _) => format!(
                "\"{lead}\" is the first half of a character written as two \\u escapes (a \
                 surrogate pair), and no second half (\\udc00 to \\udfff) follows it"
            ),
            (None, Some((last, _))) => format!(
                "\"{last}\" is the second half of a character written as two \\u escapes (a \
                 surrogate pair), with no first half (\\ud800 to \\udbff) before it"
            ),
            (None, None) => {
                "half of a character written as two \\u escapes (a surrogate pair) is missing"
                    .to_owned()
            }
        }
    }

    /// A `,` with nothing after it before the closing bracket.
    fn trailing_comma(&self) -> String {
        let before = self.text.get(..self.culprit).unwrap_or_default();
        let comma = before
            .trim_end_matches([' ', '\t', '\n', '\r'])
            .len()
            .checked_sub(1);
        let last = if self.reading.open.is_some_and(|open| open.is_object) {
            "member of an object"
        } else {
            "item of a list"
        };
        let at = comma.map_or_else(String::new, |offset| {
            format!(" (the \",\" at {})", self.position_of(offset))
        });
        format!("a \",\" after the last {last}{at}, which JSON does not allow: remove it")
    }

    /// More text after the JSON value, which ended before it.
    fn trailing_characters(&self, found: &str) -> String {
        let before = self.text.get(..self.culprit).unwrap_or_default();
        let end = before.trim_end_matches([' ', '\t', '\n', '\r']).len();
        let ended = end.checked_sub(1).map_or_else(String::new, |last| {
            format!(" at {}", self.position_of(last))
        });
        let second = if self.culprit_is('{') || self.culprit_is('[') {
            "; a JSON file holds one value (JSON lines, one whole object on each line, are read \
             when every line is one)"
        } else {
            ""
        };
        format!("the JSON ended{ended}, but more follows: found {found}{second}")
    }
}

/// What a NaN or infinity (as Python's json writes them) is, or `None` for any other word.
fn not_a_json_number(word: &str) -> Option<&'static str> {
    let bare = word.trim_start_matches(['-', '+']).to_ascii_lowercase();
    ["nan", "infinity", "inf"].contains(&bare.as_str()).then_some(
        "JSON has no NaN or Infinity (Python's json.dump writes them): write null, or the value \
         in quotes",
    )
}

/// Why `number` is not a JSON number.
fn number_rule(number: &str) -> &'static str {
    let digits = number.trim_start_matches('-');
    if digits.is_empty() {
        "a digit must follow the minus sign"
    } else if digits.len() > 1
        && digits.starts_with('0')
        && digits
            .get(1..)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    {
        "it may not start with 0 (write it in quotes to keep the zeros, as text)"
    } else if digits.ends_with('.') || digits.contains(".e") || digits.contains(".E") {
        "a digit must follow the decimal point"
    } else if digits.ends_with(['e', 'E', '+', '-']) {
        "digits must follow the exponent's e"
    } else {
        "digits with an optional minus sign, fraction and exponent (12, -0.5, 3e8)"
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '+')
}

/// The word characters just before byte `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = text.get(..end).unwrap_or_default();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(head.len(), |(at, _)| at);
    head.get(start..).unwrap_or_default()
}

/// The word characters `rest` starts with.
fn word_after(rest: &str) -> &str {
    let end = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(at, _)| at);
    rest.get(..end).unwrap_or_default()
}

/// The `\uXXXX` escapes in a row that end at or just before byte `end` (serde_json stops
/// inside the last), with their code units.
fn escapes_before(text: &str, end: usize) -> Vec<(String, u16)> {
    let head = text.get(..end.min(text.len())).unwrap_or_default();
    let Some(mut at) = head.rfind("\\u") else {
        return Vec::new();
    };
    let mut escapes = Vec::new();
    while let Some(escape) = text.get(at..at + 6) {
        let Some(Ok(unit)) = escape.get(2..).map(|hex| u16::from_str_radix(hex, 16)) else {
            break;
        };
        escapes.push((escape.to_owned(), unit));
        match at.checked_sub(6) {
            Some(before) if text.get(before..before + 2) == Some("\\u") => at = before,
            _ => break,
        }
    }
    escapes.reverse();
    escapes
}

fn is_lead(unit: u16) -> bool {
    (0xd800..0xdc00).contains(&unit)
}

fn is_trail(unit: u16) -> bool {
    (0xdc00..0xe000).contains(&unit)
}

/// The byte offset where line `line` (from 1) of `text` starts.
fn line_start(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that gives each of serde_json's syntax errors, in the order of [`KINDS`].
    const ONE_OF_EACH: [&str; 21] = [
        "[1, 2",
        "{\"a\": 1",
        "{\"a\": \"b",
        "{\"a\": ",
        "{\"a\" 1}",
        "[1 2]",
        "{\"a\": 1 \"b\": 2}",
        "[tru]",
        "[x]",
        "",
        "[\"\\q\"]",
        "[01]",
        "[1e999]",
        "",
        "[\"a\tb\"]",
        "{1: 2}",
        "",
        "[\"\\ud800\\u0041\"]",
        "[1,]",
        "[1] 2",
        "[\"\\ud800\"]",
    ];

    fn explained(text: &str) -> Explained {
        let Err(error) = serde_json::from_str::<serde_json::Value>(text) else {
            panic!("not an error: {text}");
        };
        let message = error.to_string();
        let message = message
            .strip_suffix(&format!(
                " at line {} column {}",
                error.line(),
                error.column()
            ))
            .unwrap_or(&message);
        let position = TextPosition {
            line: error.line(),
            column: error.column(),
        };
        explain(text, &error, message, position, Scope::File)
    }

    /// serde_json's messages are matched as they are: a version that words one differently
    /// fails here, not in front of a user.
    #[test]
    fn every_serde_json_syntax_message_is_known() {
        for text in ONE_OF_EACH.into_iter().filter(|text| !text.is_empty()) {
            let Err(error) = serde_json::from_str::<serde_json::Value>(text) else {
                panic!("not an error: {text}");
            };
            let message = error.to_string();
            assert!(
                KINDS
                    .iter()
                    .any(|(known, _)| message.starts_with(&format!("{known} at line "))),
                "{text}: {message}"
            );
        }
        let mut deep = "[".repeat(200);
        deep.push_str(&"]".repeat(200));
        assert!(
            explained(&deep)
                .message
                .starts_with("lists and objects are nested"),
            "{:?}",
            explained(&deep)
        );
    }

    #[test]
    fn no_message_is_serde_json_s_own() {
        for text in ONE_OF_EACH.into_iter().filter(|text| !text.is_empty()) {
            let message = explained(text).message;
            assert!(
                KINDS
                    .iter()
                    .all(|(serde_message, _)| message != *serde_message),
                "{text}: {message}"
            );
            for serde_word in [
                "EOF",
                "ident",
                "while parsing",
                "trailing characters",
                "hex escape",
            ] {
                assert!(!message.contains(serde_word), "{text}: {message}");
            }
        }
    }

    #[test]
    fn a_line_of_json_lines_ends_as_a_line_at_its_place_in_the_file() {
        let line = "{\"id\": \"c2\", \"properties\": {\"name\": [\"Huawei\"]}";
        let Err(error) = serde_json::from_str::<serde_json::Value>(line) else {
            panic!("an error");
        };
        let position = TextPosition { line: 1, column: 1 };
        let message = explain(
            line,
            &error,
            "EOF while parsing an object",
            position,
            Scope::Line(7),
        )
        .message;
        assert_eq!(
            message,
            "line 7 ends inside an object (the { at line 7, column 1 is never closed); in JSON \
             lines (as FollowTheMoney writes them) each line holds one whole JSON object"
        );
    }

    #[test]
    fn a_message_not_known_is_kept() {
        let Err(error) = serde_json::from_str::<serde_json::Value>("[x]") else {
            panic!("an error");
        };
        let position = TextPosition { line: 1, column: 2 };
        let explained = explain("[x]", &error, "something new", position, Scope::File);
        assert_eq!(explained.message, "something new");
    }

    #[test]
    fn words_and_numbers_are_cut_where_they_end() {
        assert_eq!(word_before("[1, tru}", 7), "tru");
        assert_eq!(word_after("NaN, 2"), "NaN");
        assert_eq!(number_rule("01"), number_rule("-012"));
        assert_eq!(number_rule("1.e5"), "a digit must follow the decimal point");
        assert_eq!(number_rule("1e+"), "digits must follow the exponent's e");
        assert_eq!(
            escapes_before("\"\\ud83d\\ude00\\u0041", 20)
                .iter()
                .map(|(_, unit)| *unit)
                .collect::<Vec<_>>(),
            [0xd83d, 0xde00, 0x41]
        );
    }
}
