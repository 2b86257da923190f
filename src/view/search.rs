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

/// One match: what it points at, which field matched, and how well. Its text is written
/// only when shown ([`SearchHit::text`]): a short query on a big network matches hundreds of
/// thousands of items, and only the first few hundred are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub target: HitTarget,
    pub field: &'static str,
    pub score: u32,
    /// Which of the entity's aliases matched, when `field` is "alias".
    alias: usize,
}

impl SearchHit {
    /// The matching text, as the results list shows it: the field's text (an excerpt around
    /// the match for long texts); for a relation, "IBM — consulted for → Huawei (2016)".
    pub fn text(&self, dataset: &Dataset, query: &str) -> String {
        match self.target {
            HitTarget::Entity(e) => {
                let Some(entity) = dataset.entity(e) else {
                    return String::new();
                };
                let text = match self.field {
                    "name" => entity.name.as_str(),
                    "alias" => entity.aliases.get(self.alias).map_or("", String::as_str),
                    "kind" => entity.kind.label(),
                    "country" => entity.country.as_deref().unwrap_or_default(),
                    _ => entity.description.as_deref().unwrap_or_default(),
                };
                excerpt(text, query)
            }
            HitTarget::Relation(r) => {
                let Some(relation) = dataset.relation(r) else {
                    return String::new();
                };
                let date = relation.when.display().unwrap_or_default();
                let matched = match self.field {
                    "kind" => relation.kind.label(),
                    "label" => relation.label.as_deref().unwrap_or_default(),
                    "date" => date.as_str(),
                    _ => relation.status.as_str(),
                };
                relation_text(dataset, relation, matched)
            }
            HitTarget::Quote {
                relation,
                evidence_index,
            } => {
                let Some(evidence) = dataset
                    .relation(relation)
                    .and_then(|r| r.evidence.get(evidence_index))
                else {
                    return String::new();
                };
                match (self.field, &evidence.speaker) {
                    ("speaker", Some(speaker)) => excerpt(&speaker.display(), query),
                    _ => excerpt(&evidence.quote, query),
                }
            }
        }
    }
}

/// Every hit for `query`, entities first, then relations, then quotes, best first within
/// each. Empty for a blank query.
pub fn search(dataset: &Dataset, query: &str) -> Vec<SearchHit> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut scorer = Scorer::new(query);
    let mut entities = entity_hits(dataset, query, &mut scorer);
    let mut relations = Vec::new();
    let mut quotes = Vec::new();
    for (r, relation) in dataset.relations.iter().enumerate() {
        let when = &relation.when;
        // The dates as written, one by one: what "2014" finds, without writing each
        // relation's dates out for every key typed.
        let dates = [&when.date, &when.start, &when.end];
        let fields = [
            ("kind", Some(relation.kind.label()), Way::Repeated),
            ("label", relation.label.as_deref(), Way::Substring),
            ("status", Some(relation.status.as_str()), Way::Repeated),
        ]
        .into_iter()
        .chain(dates.map(|d| ("date", d.as_deref(), Way::Repeated)));
        let best = fields
            .filter_map(|(field, text, way)| Some((field, text.filter(|t| !t.is_empty())?, way)))
            .filter_map(|(field, text, way)| scorer.score(way, text).map(|s| (s, field)))
            .max_by_key(|(s, _)| *s);
        if let Some((score, field)) = best {
            relations.push(SearchHit {
                target: HitTarget::Relation(RelationIdx(r)),
                field,
                score,
                alias: 0,
            });
        }
        for (e, evidence) in relation.evidence.iter().enumerate() {
            let hit = scorer
                .score(Way::Substring, &evidence.quote)
                .map(|s| (s, "quote"))
                .or_else(|| {
                    let speaker = evidence.speaker.as_ref()?.display();
                    scorer.substring(&speaker).map(|s| (s, "speaker"))
                });
            if let Some((score, field)) = hit {
                quotes.push(SearchHit {
                    target: HitTarget::Quote {
                        relation: RelationIdx(r),
                        evidence_index: e,
                    },
                    field,
                    score,
                    alias: 0,
                });
            }
        }
    }
    for group in [&mut entities, &mut relations, &mut quotes] {
        group.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    }
    entities.extend(relations);
    entities.extend(quotes);
    entities
}

/// How a field is matched.
#[derive(Clone, Copy)]
enum Way {
    /// Names: "huwei" finds Huawei.
    Fuzzy,
    /// Everything else: the query must appear as typed (case and accents aside).
    Substring,
    /// As `Substring`, for texts that many items share (kinds, statuses, countries, dates):
    /// each distinct text is scored once.
    Repeated,
}

/// Runs nucleo's patterns for one query over text, reusing its buffers.
struct Scorer<'d> {
    matcher: Matcher,
    buffer: Vec<char>,
    fuzzy: Pattern,
    substring: Pattern,
    repeated: foldhash::HashMap<&'d str, Option<u32>>,
}

impl<'d> Scorer<'d> {
    fn new(query: &str) -> Self {
        let pattern = |kind| Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, kind);
        Self {
            matcher: Matcher::new(Config::DEFAULT),
            buffer: Vec::new(),
            fuzzy: pattern(AtomKind::Fuzzy),
            substring: pattern(AtomKind::Substring),
            repeated: foldhash::HashMap::default(),
        }
    }

    fn score(&mut self, way: Way, text: &'d str) -> Option<u32> {
        match way {
            Way::Fuzzy => self
                .fuzzy
                .score(Utf32Str::new(text, &mut self.buffer), &mut self.matcher),
            Way::Substring => self.substring(text),
            Way::Repeated => {
                if let Some(&score) = self.repeated.get(text) {
                    return score;
                }
                let score = self.substring(text);
                self.repeated.insert(text, score);
                score
            }
        }
    }

    /// The query as a substring of `text`, which need not outlive the search.
    fn substring(&mut self, text: &str) -> Option<u32> {
        self.substring
            .score(Utf32Str::new(text, &mut self.buffer), &mut self.matcher)
    }

    /// Scores `candidate` and keeps it in `best` if it matches better.
    fn keep_better(
        &mut self,
        best: &mut Option<Candidate<'d>>,
        candidate: Candidate<'d>,
        way: Way,
    ) {
        if let Some(score) = self.score(way, candidate.text)
            && best.is_none_or(|b| score > b.score)
        {
            *best = Some(Candidate { score, ..candidate });
        }
    }
}

/// Entities matching by name or alias (fuzzy), kind, country or description (substring):
/// one hit each, for its best field.
fn entity_hits<'d>(dataset: &'d Dataset, query: &str, scorer: &mut Scorer<'d>) -> Vec<SearchHit> {
    let typed = query.trim().to_lowercase();
    let mut entities = Vec::new();
    for (i, entity) in dataset.entities.iter().enumerate() {
        let mut best: Option<Candidate<'_>> = None;
        let mut consider = |candidate, way| scorer.keep_better(&mut best, candidate, way);
        let candidate = |field, alias, text| Candidate {
            score: 0,
            field,
            alias,
            text,
        };
        consider(candidate("name", 0, &entity.name), Way::Fuzzy);
        for (a, alias) in entity.aliases.iter().enumerate() {
            consider(candidate("alias", a, alias), Way::Fuzzy);
        }
        consider(candidate("kind", 0, entity.kind.label()), Way::Repeated);
        if let Some(country) = &entity.country {
            consider(candidate("country", 0, country), Way::Repeated);
        }
        if let Some(description) = &entity.description {
            consider(candidate("description", 0, description), Way::Substring);
        }
        if let Some(Candidate {
            score,
            field,
            alias,
            text,
        }) = best
        {
            // A name typed in full, or its beginning, beats a fuzzy match of a longer name.
            let bonus = match typed_part(text, &typed) {
                Typed::Whole => 2_000,
                Typed::Beginning => 500,
                Typed::Neither => 0,
            };
            entities.push(SearchHit {
                target: HitTarget::Entity(EntityIdx(i)),
                field,
                score: score.saturating_add(bonus),
                alias,
            });
        }
    }
    entities
}

/// A field of an entity that may match, and how well it does.
#[derive(Clone, Copy)]
struct Candidate<'e> {
    score: u32,
    field: &'static str,
    alias: usize,
    text: &'e str,
}

/// How much of `text` the lower-cased query `typed` is.
enum Typed {
    Whole,
    Beginning,
    Neither,
}

/// Compares without lower-casing `text` into a new string for every entity that matches.
fn typed_part(text: &str, typed: &str) -> Typed {
    let mut text = text.chars().flat_map(char::to_lowercase);
    for wanted in typed.chars() {
        if text.next() != Some(wanted) {
            return Typed::Neither;
        }
    }
    if text.next().is_none() {
        Typed::Whole
    } else {
        Typed::Beginning
    }
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
            let text = hit.text(&dataset, "police");
            assert!(text.to_lowercase().contains("police"), "{text}");
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
    fn each_hit_is_written_from_the_field_that_matched() {
        let mut dataset = crate::model::test_networks::network_of(&[(
            "ab", "Acme", "supplied", "Beta", "alleged",
        )]);
        dataset.entities[0].aliases = vec!["ACME Holdings".into(), "Acme Robotics Ltd".into()];
        dataset.relations[0].when.start = Some("2014-03".into());
        let text_of = |query: &str| {
            let hits = search(&dataset, query);
            let hit = hits.first().expect("a hit");
            (hit.field, hit.text(&dataset, query))
        };
        assert_eq!(text_of("robotics"), ("alias", "Acme Robotics Ltd".into()));
        assert_eq!(
            text_of("2014"),
            ("date", "Acme — supplied → Beta (since 2014-03)".into())
        );
        assert_eq!(
            text_of("alleg"),
            ("status", "Acme — supplied → Beta (alleged)".into())
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
