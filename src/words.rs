//! Wording shared by the window, the command line, exports and load reports.

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

#[cfg(test)]
mod tests {
    use super::*;

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
