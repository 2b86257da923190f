//! Wording shared by the window, the command line, exports and load reports.

use std::cmp::Ordering;

/// "1 vertex", "2 vertices": a count with its noun.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// A quote between quotation marks, unless it brings its own (a quote of someone's words
/// copied with the article's marks): never “" twice.
pub fn in_quotation_marks(quote: &str) -> String {
    if quote.starts_with(['“', '"', '‘', '«']) {
        quote.to_owned()
    } else {
        format!("“{quote}”")
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
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "entity", "entities"), "1 entity");
        assert_eq!(counted(0, "entity", "entities"), "0 entities");
        assert_eq!(counted(2, "hop", "hops"), "2 hops");
    }
}
