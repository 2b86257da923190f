//! Telling running text (prose, notes, a letter) from a list of names, for the formats that
//! take any text with separators for a table: a CSV edge list with no header, SIF. A name is
//! capitalised ("Ministry of Public Security", "Huawei") or is an id or a number ("n1", "42");
//! a sentence starts with a capital, goes on in lower case and ends with a full stop. So a
//! list of names, in any language and in scripts without case, is never taken for text.

/// The fewest words a clause of running text has, for [`is_clause`].
pub const MIN_CLAUSE_WORDS: usize = 5;

/// Whether `words` (a row's, in order) read as a sentence, not as names: all of
///
/// - the first starts with a capital letter, as a sentence does (after any opening quote or
///   bracket, or Spanish `¿`);
/// - the last ends with a sentence's punctuation: `.`, `!`, `?` or `…`, after a letter or digit
///   (closing quotes or brackets may come before or after it; the mark may stand alone, as
///   French sets `!`);
/// - more than half of the words after the first that start with a letter start with a
///   lower-case one: a sentence's words do, a name's are capitalised.
///
/// "IBM Huawei", "Acme Inc. Beta Ltd.", "J.P. Morgan Chase & Co." and "a b." are names;
/// "This is just a text file, not a graph.", "Yes, thanks." and "Ceci n'est pas un graphe !"
/// are sentences.
pub fn reads_as_sentence<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    let mut words = words.into_iter();
    let Some(first) = words.next() else {
        return false;
    };
    let opened = first.trim_start_matches(OPENERS);
    if !opened.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (mut lettered, mut lower) = (0_usize, 0_usize);
    let (mut before_last, mut last) = ("", first);
    for word in words {
        (before_last, last) = (last, word);
        if let Some(initial) = word.chars().next().filter(|c| c.is_alphabetic()) {
            lettered += 1;
            lower += usize::from(initial.is_lowercase());
        }
    }
    let ends = ends_a_sentence(last)
        || (is_end_mark(last) && before_last.ends_with(|c: char| c.is_alphanumeric()));
    lower * 2 > lettered && ends
}

/// Opening quotes, brackets and marks, which may come before a sentence's first word.
const OPENERS: [char; 9] = [
    '"', '\'', '(', '[', '\u{201c}', '\u{2018}', '\u{ab}', '\u{bf}', '\u{a1}',
];

/// Closing quotes and brackets, which may follow a sentence's last mark.
const CLOSERS: [char; 7] = ['"', '\'', ')', ']', '\u{201d}', '\u{2019}', '\u{bb}'];

/// A sentence's last mark: full stop, exclamation or question mark, ellipsis.
fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Whether `word` ends with a sentence's mark after a letter, a digit or a closing quote or
/// bracket, before any closing quotes or brackets (`graph.`, `done!"`, `why?)`, `(twice).`).
fn ends_a_sentence(word: &str) -> bool {
    let mut tail = word.trim_end_matches(CLOSERS).chars().rev();
    tail.next().is_some_and(is_sentence_mark)
        && tail
            .next()
            .is_some_and(|c| c.is_alphanumeric() || CLOSERS.contains(&c))
}

/// Whether `word` is a sentence's mark standing alone (`!`, `?!`, `»`), as French sets them.
fn is_end_mark(word: &str) -> bool {
    let mark = word.trim_end_matches(CLOSERS);
    !mark.is_empty() && mark.chars().all(is_sentence_mark)
}

/// Whether `cell` is a clause of running text rather than a name: [`MIN_CLAUSE_WORDS`] words
/// or more, two thirds of them or more starting with a lower-case letter. A name capitalises
/// its main words ("Agency for the Protection of the Environment" has four of seven in lower
/// case); running text only its first and its names ("We met with the team on Monday").
pub fn is_clause(cell: &str) -> bool {
    let (mut words, mut lower) = (0_usize, 0_usize);
    for word in cell.split_whitespace() {
        words += 1;
        lower += usize::from(word.chars().next().is_some_and(char::is_lowercase));
    }
    words >= MIN_CLAUSE_WORDS && lower * 3 >= words * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> bool {
        reads_as_sentence(text.split([',', ' ']).filter(|word| !word.is_empty()))
    }

    #[test]
    fn sentences_are_told_from_names() {
        for text in [
            "This is just a text file, not a graph.",
            "This is just a text file.",
            "Yes, thanks.",
            "Das ist nur eine Textdatei, kein Graph.",
            "Ceci n'est pas un graphe, juste du texte !",
            "\"Well, I never!\" she said, and left.",
            "Is this a graph?",
            "He said so (twice).",
            "Wait for it…",
            "¿Esto es un grafo? No, es un texto.",
        ] {
            assert!(sentence(text), "{text}");
        }
        for text in [
            "IBM,Huawei",
            "Huawei,IBM",
            "a,b",
            "a,b.",
            "Acme Inc.,Beta Ltd.",
            "J.P. Morgan Chase & Co.,Bank of America N.A.",
            "Ministry of the Interior,Office of the President",
            "Hello,World!",
            "Yahoo!,Google",
            "Acme,Beta,5.",
            "This is just a text file, not a graph",
            "this is just a text file, not a graph.",
            "华为,海康威视。",
            "",
            ".",
        ] {
            assert!(!sentence(text), "{text}");
        }
    }

    #[test]
    fn clauses_are_told_from_long_names() {
        for cell in [
            "We met with the whole team on Monday",
            "plans for the coming year",
            "office in Lyon and the hiring of two more people",
            // A long name in lower case reads as text too: a header row says it is a name.
            "ministry of public security of the prc",
        ] {
            assert!(is_clause(cell), "{cell}");
        }
        for cell in [
            "plans for next year",
            "Agency for the Protection of the Environment",
            "Ministry of Public Security of the People's Republic of China",
            "Huawei Technologies Co., Ltd.",
            "1 2 3 4 5",
            "is a board",
        ] {
            assert!(!is_clause(cell), "{cell}");
        }
    }
}
