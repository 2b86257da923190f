//! Wording shared by the window, the command line, exports and load reports.

/// "1 vertex", "2 vertices": a count with its noun.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "entity", "entities"), "1 entity");
        assert_eq!(counted(0, "entity", "entities"), "0 entities");
        assert_eq!(counted(2, "hop", "hops"), "2 hops");
    }
}
