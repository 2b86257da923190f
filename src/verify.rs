//! Quote checking: does every quote attributed to a source appear verbatim in that source's
//! text? Whitespace is compared loosely (any run of Unicode whitespace, including non-breaking
//! and hair spaces, counts as one space); everything else, curly quotes included, must match.

use crate::model::Dataset;
use crate::source_text::SourceText;
pub use crate::source_text::normalize_whitespace;

/// A quote that was not found in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingQuote {
    pub relation_id: String,
    /// Position of the evidence item within its relation, from 0.
    pub evidence_index: usize,
    pub quote: String,
}

/// The result of checking one source's quotes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteCheck {
    /// How many quotes are attributed to the source.
    pub checked: usize,
    pub missing: Vec<MissingQuote>,
}

/// Why the check could not run.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("the dataset has no source \"{source_id}\"; its sources are: {known}")]
    UnknownSource { source_id: String, known: String },
}

/// Checks every quote in `dataset` taken from `source_id` against `source_text`.
pub fn check_quotes(
    dataset: &Dataset,
    source_id: &str,
    source_text: &str,
) -> Result<QuoteCheck, VerifyError> {
    let Some(source) = dataset.source_by_id(source_id) else {
        let known: Vec<&str> = dataset
            .sources
            .iter()
            .map(|s| s.source_id.as_str())
            .collect();
        return Err(VerifyError::UnknownSource {
            source_id: source_id.to_owned(),
            known: if known.is_empty() {
                "(none)".to_owned()
            } else {
                known.join(", ")
            },
        });
    };
    // The same search the panel's marks and the reader use, so the three cannot disagree.
    let text = SourceText::from_plain(source_text);
    let mut check = QuoteCheck::default();
    for relation in &dataset.relations {
        for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
            if evidence.source != Some(source) {
                continue;
            }
            check.checked += 1;
            if text.find(&evidence.quote).is_none() {
                check.missing.push(MissingQuote {
                    relation_id: relation.relation_id.clone(),
                    evidence_index,
                    quote: evidence.quote.clone(),
                });
            }
        }
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::native;

    fn dataset(quotes: &[&str]) -> Dataset {
        let evidence: Vec<String> = quotes
            .iter()
            .map(|q| serde_json::json!({"quote": q, "source": "a"}).to_string())
            .collect();
        let text = format!(
            r#"{{"format":"chainsight","version":1,
               "sources":[{{"id":"a","title":"A"}},{{"id":"b","title":"B"}}],
               "entities":[{{"id":"x","name":"X"}},{{"id":"y","name":"Y"}}],
               "relations":[{{"id":"r1","source":"x","target":"y","kind":"supplied",
                              "evidence":[{}, {{"quote":"from b","source":"b"}}]}}]}}"#,
            evidence.join(",")
        );
        native::read("test.json", &text)
            .expect("fixture loads")
            .dataset
    }

    #[test]
    fn whitespace_runs_of_any_kind_compare_equal() {
        assert_eq!(normalize_whitespace(" a\u{a0}\u{200a}b\n\tc "), "a b c");
    }

    #[test]
    fn quote_with_different_spacing_is_found() {
        let data = dataset(&["IBM  designed\nthe blueprint"]);
        let check =
            check_quotes(&data, "a", "It was IBM\u{a0}designed the\u{200a}blueprint.").unwrap();
        assert_eq!(check.checked, 1);
        assert!(check.missing.is_empty());
    }

    #[test]
    fn straightened_curly_quote_is_reported_missing() {
        let data = dataset(&["Huawei's brochure", "Huawei’s brochure"]);
        let check = check_quotes(&data, "a", "See Huawei’s brochure.").unwrap();
        assert_eq!(check.checked, 2);
        assert_eq!(check.missing.len(), 1);
        assert_eq!(check.missing[0].quote, "Huawei's brochure");
        assert_eq!(check.missing[0].relation_id, "r1");
        assert_eq!(check.missing[0].evidence_index, 0);
    }

    #[test]
    fn only_quotes_of_the_named_source_are_checked() {
        let data = dataset(&["present"]);
        let check = check_quotes(&data, "b", "nothing here").unwrap();
        assert_eq!(check.checked, 1);
        assert_eq!(check.missing[0].quote, "from b");
    }

    #[test]
    fn unknown_source_is_an_error() {
        let data = dataset(&["q"]);
        let error = check_quotes(&data, "nope", "text").unwrap_err();
        assert!(matches!(error, VerifyError::UnknownSource { .. }));
    }
}
