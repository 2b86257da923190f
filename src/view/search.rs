//! Search over everything an analyst may type: names and aliases (fuzzy, so "huwei" finds
//! Huawei), and kinds, countries, descriptions, relation labels, years, statuses, quotes and
//! speakers (as substrings, so "police", "2014" or "alleged" find what says so). Matching is
//! nucleo's (the matcher behind the helix editor), case- and accent-insensitive.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{Dataset, EntityIdx, RelationIdx};

/// What a search hit points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HitTarget {
    Entity(EntityIdx),
    Relation(RelationIdx),
    Quote {
        relation: RelationIdx,
        evidence_index: usize,
    },
}

/// One match: what it points at, which field matched and the matching text (an excerpt
/// around the match for long texts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub target: HitTarget,
    pub field: &'static str,
    pub text: String,
    pub score: u32,
}

/// Every hit for `query`, entities first, then relations, then quotes, best first within
/// each. Empty for a blank query.
pub fn search(dataset: &Dataset, query: &str) -> Vec<SearchHit> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let fuzzy = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let exact = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Substring,
    );
    let mut scorer = Scorer {
        matcher: Matcher::new(Config::DEFAULT),
        buffer: Vec::new(),
    };
    let mut entities = entity_hits(dataset, query, &fuzzy, &exact, &mut scorer);
    let mut score = |pattern: &Pattern, text: &str| scorer.score(pattern, text);
    let mut relations = Vec::new();
    let mut quotes = Vec::new();
    for (r, relation) in dataset.relations.iter().enumerate() {
        let years = relation.when.display().unwrap_or_default();
        let fields = [
            ("kind", relation.kind.label()),
            ("label", relation.label.as_deref().unwrap_or_default()),
            ("date", years.as_str()),
            ("status", relation.status.as_str()),
        ];
        let best = fields
            .iter()
            .filter(|(_, text)| !text.is_empty())
            .filter_map(|(field, text)| score(&exact, text).map(|s| (s, *field, *text)))
            .max_by_key(|(s, _, _)| *s);
        if let Some((score, field, text)) = best {
            relations.push(SearchHit {
                target: HitTarget::Relation(RelationIdx(r)),
                field,
                text: relation_text(dataset, relation, text),
                score,
            });
        }
        for (e, evidence) in relation.evidence.iter().enumerate() {
            let speaker = evidence
                .speaker
                .as_ref()
                .map(crate::model::Speaker::display);
            let hit = score(&exact, &evidence.quote)
                .map(|s| (s, "quote", evidence.quote.as_str()))
                .or_else(|| {
                    let speaker = speaker.as_deref()?;
                    score(&exact, speaker).map(|s| (s, "speaker", speaker))
                });
            if let Some((score, field, text)) = hit {
                quotes.push(SearchHit {
                    target: HitTarget::Quote {
                        relation: RelationIdx(r),
                        evidence_index: e,
                    },
                    field,
                    text: excerpt(text, query),
                    score,
                });
            }
        }
    }
    for group in [&mut entities, &mut relations, &mut quotes] {
        group.sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    }
    entities.extend(relations);
    entities.extend(quotes);
    entities
}

/// Runs nucleo patterns over text, reusing its buffers.
struct Scorer {
    matcher: Matcher,
    buffer: Vec<char>,
}

impl Scorer {
    fn score(&mut self, pattern: &Pattern, text: &str) -> Option<u32> {
        pattern.score(Utf32Str::new(text, &mut self.buffer), &mut self.matcher)
    }
}

/// Entities matching by name or alias (fuzzy), kind, country or description (substring):
/// one hit each, for its best field.
fn entity_hits(
    dataset: &Dataset,
    query: &str,
    fuzzy: &Pattern,
    exact: &Pattern,
    scorer: &mut Scorer,
) -> Vec<SearchHit> {
    let mut entities = Vec::new();
    for (i, entity) in dataset.entities.iter().enumerate() {
        let mut best: Option<(u32, &'static str, String)> = None;
        let mut consider = |field: &'static str, text: &str, pattern: &Pattern| {
            if let Some(s) = scorer.score(pattern, text)
                && best.as_ref().is_none_or(|(b, _, _)| s > *b)
            {
                best = Some((s, field, text.to_owned()));
            }
        };
        consider("name", &entity.name, fuzzy);
        for alias in &entity.aliases {
            consider("alias", alias, fuzzy);
        }
        consider("kind", entity.kind.label(), exact);
        if let Some(country) = &entity.country {
            consider("country", country, exact);
        }
        if let Some(description) = &entity.description {
            consider("description", description, exact);
        }
        if let Some((score, field, text)) = best {
            // A name typed in full, or its beginning, beats a fuzzy match of a longer name.
            let typed = query.trim().to_lowercase();
            let lower = text.to_lowercase();
            let bonus = if lower == typed {
                2_000
            } else if lower.starts_with(&typed) {
                500
            } else {
                0
            };
            let score = score.saturating_add(bonus);
            entities.push(SearchHit {
                target: HitTarget::Entity(EntityIdx(i)),
                field,
                text: excerpt(&text, query),
                score,
            });
        }
    }

    entities
}

/// "IBM — consulted for → Huawei (2016)": a relation as a search result.
fn relation_text(dataset: &Dataset, relation: &crate::model::Relation, matched: &str) -> String {
    let name = |e| dataset.entity(e).map_or("?", |e| e.name.as_str());
    format!(
        "{} — {} → {} ({matched})",
        name(relation.source),
        relation.display_label(),
        name(relation.target)
    )
}

/// About 100 characters of `text` around the first word of `query`, with ellipses where cut.
pub fn excerpt(text: &str, query: &str) -> String {
    const WIDTH: usize = 100;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WIDTH {
        return text.to_owned();
    }
    let needle: Vec<char> = query
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase()
        .chars()
        .collect();
    let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    let at = if needle.is_empty() || lower.len() != chars.len() {
        0
    } else {
        lower
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap_or(0)
    };
    let start = at.saturating_sub(WIDTH / 3);
    let end = (start + WIDTH).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars.get(start..end).unwrap_or_default());
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn builtin() -> Dataset {
        formats::load_builtin().expect("built-in dataset").dataset
    }

    #[test]
    fn a_misspelt_name_still_finds_the_entity_first() {
        let dataset = builtin();
        let huawei = dataset.entity_by_name("Huawei").unwrap();
        let hits = search(&dataset, "huwei");
        assert_eq!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Entity(huawei))
        );
    }

    #[test]
    fn years_statuses_and_words_in_quotes_are_found() {
        let dataset = builtin();
        let dated_2014 = search(&dataset, "2014");
        assert!(dated_2014.iter().any(|h| matches!(h.target, HitTarget::Relation(r)
            if dataset.relation(r).unwrap().when.years().is_some_and(|(a, b)| a <= 2014 && 2014 <= b))));
        let alleged = search(&dataset, "alleged");
        assert!(alleged.iter().any(|h| h.field == "status"));
        let police: Vec<_> = search(&dataset, "police")
            .into_iter()
            .filter(|h| h.field == "quote")
            .collect();
        assert!(!police.is_empty());
        for hit in police {
            assert!(hit.text.to_lowercase().contains("police"), "{}", hit.text);
        }
    }

    #[test]
    fn entities_come_before_relations_and_quotes() {
        let hits = search(&builtin(), "Karamay");
        let groups: Vec<u8> = hits
            .iter()
            .map(|h| match h.target {
                HitTarget::Entity(_) => 0,
                HitTarget::Relation(_) => 1,
                HitTarget::Quote { .. } => 2,
            })
            .collect();
        assert!(groups.windows(2).all(|w| w[0] <= w[1]));
        assert!(groups.contains(&0) && groups.contains(&2));
    }

    #[test]
    fn a_name_typed_in_full_comes_before_longer_names_containing_it() {
        let dataset = builtin();
        let xinjiang = dataset.entity_by_name("Xinjiang").unwrap();
        let hits = search(&dataset, "xinjiang");
        assert_eq!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Entity(xinjiang))
        );
    }

    #[test]
    fn a_blank_query_finds_nothing() {
        assert!(search(&builtin(), "  ").is_empty());
    }

    #[test]
    fn long_texts_are_cut_around_the_match() {
        let text = format!("{} the needle here {}", "a".repeat(300), "b".repeat(300));
        let cut = excerpt(&text, "needle");
        assert!(cut.contains("needle") && cut.starts_with('…') && cut.ends_with('…'));
        assert!(cut.chars().count() < 110);
    }
}
