//! Wording shared by the window, the command line, exports and load reports.

use std::cmp::Ordering;

/// "1 vertex", "2 vertices": a count with its noun.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// "3 quotes", or "1 quote and 2 citations without a quote" when some evidence only cites its
/// source.
pub fn quotes_counted(quotes: usize, evidence: usize) -> String {
    let bare = evidence.saturating_sub(quotes);
    let mut text = counted(quotes, "quote", "quotes");
    if bare > 0 {
        text.push_str(" and ");
        text.push_str(&counted(
            bare,
            "citation without a quote",
            "citations without a quote",
        ));
    }
    text
}

/// "IBM", "IBM and Cisco", "IBM, Cisco and Microsoft": names as a sentence lists them.
pub fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` cut to at most `max_chars` characters, at the last space that leaves at least
/// half of them (else mid-word), with "…" where it was cut; whole when it fits.
pub fn shortened(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let head: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = head
        .rfind(' ')
        .filter(|&at| head[..at].chars().count() >= max_chars / 2)
        .map_or(head.as_str(), |at| &head[..at]);
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// `text` cut in the middle to at most `max_chars` characters: its first word, "…", and as
/// many of its last words as fit ("Xinjiang … surveillance apparatus" to "Xinjiang …
/// apparatus"), where a name's ends tell it from its neighbours better than its start alone
/// ("Xinjiang…" named four entities). Cut at the end, as [`shortened`] does, when it has
/// fewer than three words or its ends do not fit.
pub fn abridged(text: &str, max_chars: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if text.chars().count() <= max_chars || words.len() < 3 {
        return shortened(text, max_chars);
    }
    let first = words[0];
    let mut tail: Vec<&str> = Vec::new();
    for word in words[1..].iter().rev() {
        let length = |tail: &[&str]| {
            first.chars().count() + 3 + tail.iter().map(|w| w.chars().count() + 1).sum::<usize>()
        };
        let mut longer = tail.clone();
        longer.insert(0, word);
        if longer.len() == words.len() - 1 || length(&longer) > max_chars + 1 {
            break;
        }
        tail = longer;
    }
    if tail.is_empty() {
        return shortened(text, max_chars);
    }
    format!("{first} … {}", tail.join(" "))
}

/// A quote between quotation marks, unless it brings its own (a quote of someone's words
/// copied with the article's marks): never “" twice. A quote that ends with a closing mark
/// (of a quotation opened before it began, or within it) gets only an opening one.
pub fn in_quotation_marks(quote: &str) -> String {
    if quote.starts_with(['“', '"', '‘', '«']) {
        quote.to_owned()
    } else if quote.ends_with('”') {
        // Its own closing mark closes ours too: “…video”, not “…video””.
        format!("“{quote}")
    } else {
        format!("“{quote}”")
    }
}

/// A number as a person writes it: whole numbers without a point ("3", not "3.0"), others
/// with at most four decimals and no trailing zeros ("0.6", "2.5"), tiny ones in scientific
/// notation rather than as "0".
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else if value != 0.0 && value.abs() < 1e-4 {
        format!("{value:e}")
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A file name made of `title` (a story's): its letters and digits, lower case, the runs of
/// anything else as one hyphen, at most 60 characters; `fallback` where that leaves nothing.
pub fn file_stem_of(title: &str, fallback: &str) -> String {
    let mut stem = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        fallback.to_owned()
    } else {
        stem.to_owned()
    }
}

/// Orders names as people read them: runs of digits by their value ("node 2" before "node
/// 10", "2" before "10"), the rest by character. Compare lowercased text for an order that
/// ignores case.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if x.is_ascii_digit() && y.is_ascii_digit() {
            let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let (run_a, run_b) = (&a[..digits(a)], &b[..digits(b)]);
            // By value: fewer significant digits first, then digit by digit; "007" after "7".
            let (value_a, value_b) = (run_a.trim_start_matches('0'), run_b.trim_start_matches('0'));
            let order = value_a
                .len()
                .cmp(&value_b.len())
                .then_with(|| value_a.cmp(value_b))
                .then_with(|| run_a.len().cmp(&run_b.len()));
            if order != Ordering::Equal {
                return order;
            }
            a = &a[run_a.len()..];
            b = &b[run_b.len()..];
        } else {
            if x != y {
                return x.cmp(&y);
            }
            a = &a[x.len_utf8()..];
            b = &b[y.len_utf8()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_is_abridged_in_its_middle_keeping_its_ends() {
        assert_eq!(
            abridged("Xinjiang surveillance apparatus", 24),
            "Xinjiang … apparatus"
        );
        assert_eq!(
            abridged("Urumqi “intelligence security industry” innovation lab", 24),
            "Urumqi … innovation lab"
        );
        assert_eq!(
            abridged("Australian Strategic Policy Institute", 24),
            "Australian … Institute"
        );
        // What fits is whole; two words are cut at the end.
        assert_eq!(abridged("Huawei", 24), "Huawei");
        assert_eq!(
            abridged("Supercalifragilistic Expialidocious", 24),
            shortened("Supercalifragilistic Expialidocious", 24)
        );
        for name in [
            "Xinjiang surveillance apparatus",
            "Public security bureaus in Xinjiang",
        ] {
            assert!(abridged(name, 24).chars().count() <= 24, "{name}");
        }
    }

    #[test]
    fn names_are_listed_as_a_sentence_lists_them() {
        assert_eq!(listed(&[]), "");
        assert_eq!(listed(&["IBM"]), "IBM");
        assert_eq!(listed(&["IBM", "Cisco"]), "IBM and Cisco");
        assert_eq!(
            listed(&["IBM", "Cisco", "Microsoft"]),
            "IBM, Cisco and Microsoft"
        );
    }

    #[test]
    fn names_with_numbers_sort_by_their_value() {
        let mut names = vec![
            "10", "2", "1", "node 10", "node 9", "node 09", "b", "a2", "a10",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "1", "2", "10", "a2", "a10", "b", "node 9", "node 09", "node 10"
            ]
        );
        assert_eq!(natural_cmp("IBM", "IBM"), Ordering::Equal);
        assert_eq!(natural_cmp("Huawei", "Huawei Safe City"), Ordering::Less);
    }

    #[test]
    fn a_quote_gets_quotation_marks_once() {
        assert_eq!(in_quotation_marks("built it"), "“built it”");
        assert_eq!(
            in_quotation_marks("“We built it,” he said"),
            "“We built it,” he said"
        );
        assert_eq!(in_quotation_marks("\"Plain\""), "\"Plain\"");
        // Cut from inside a quotation: its own closing mark closes it.
        assert_eq!(
            in_quotation_marks("the joint solution will help.”"),
            "“the joint solution will help.”"
        );
        assert_eq!(
            in_quotation_marks("called it “smart”"),
            "“called it “smart”"
        );
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "entity", "entities"), "1 entity");
        assert_eq!(counted(0, "entity", "entities"), "0 entities");
        assert_eq!(counted(2, "hop", "hops"), "2 hops");
    }

    #[test]
    fn numbers_are_written_without_needless_decimals() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-12.0), "-12");
        assert_eq!(number(0.6), "0.6");
        assert_eq!(number(2.50), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.3333");
        assert_eq!(number(0.00002), "2e-5");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn long_text_is_shortened_at_a_word() {
        assert_eq!(shortened("IBM", 10), "IBM");
        assert_eq!(shortened("exactly ten", 11), "exactly ten");
        assert_eq!(
            shortened("Consolidated Municipal Surveillance Programme", 30),
            "Consolidated Municipal…"
        );
        assert_eq!(shortened("Abcdefghijklmnopqrstuvwxyz", 10), "Abcdefghi…");
        assert_eq!(shortened("alpha beta, gamma delta", 13), "alpha beta…");
    }

    #[test]
    fn a_title_makes_a_file_name_of_its_words() {
        assert_eq!(
            file_stem_of("How the West built Huawei\u{2019}s Safe City", "x"),
            "how-the-west-built-huawei-s-safe-city"
        );
        assert_eq!(file_stem_of("  华为 / 新疆  ", "x"), "华为-新疆");
        assert_eq!(file_stem_of("../../etc", "story"), "etc");
        assert_eq!(file_stem_of("?!", "story"), "story");
        assert_eq!(file_stem_of(&"a".repeat(100), "x").len(), 60);
    }
}
