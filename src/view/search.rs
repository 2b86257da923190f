//! Search over everything an analyst may type: names and aliases, kinds, countries,
//! descriptions (an entity's, and a relation's the file gave as its attribute
//! "description"), relation labels, years, statuses, quotes and speakers, as substrings ("ibm",
//! "police", "2014" or "claimed" find what says so). Matching is nucleo's (the matcher behind
//! the helix editor), case- and accent-insensitive. Names are not matched by their letters in
//! order: "cisco" had found "UN Committee on the Elimination of Racial Discrimination" and
//! "ibm" the British Association of Public Safety Communications Officials, which an analyst
//! read as linked to Cisco and IBM. A word a letter or two off ("huwei") is found by the close
//! pass below, and marked so.
//!
//! A query is split into terms: words, and phrases in double quotes ("public security"),
//! which are matched as typed. An item matches when it has every term, each in any of its
//! fields: "ibm karamay" finds the relation between IBM and Karamay, "karamay 2009" the
//! relations of Karamay dated 2009, "huawei police" the quotes saying "police" about
//! Huawei's relations. When few items have every term, the search is run again forgiving
//! a letter or two in each word that itself finds few items ("xinjang"), and what it adds
//! is marked as close.

use nucleo_matcher::chars;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{Dataset, EntityIdx, RELATION_DESCRIPTION, Relation, RelationIdx};

/// What a search hit points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// The field that matched: "name", "alias", "kind", "country", "description" (an
    /// entity); "kind", "label", "status", "date", "description" (the file's words about
    /// it, its attribute [`RELATION_DESCRIPTION`], also when the terms were found across it and its
    /// ends, some in those words), or "ends" when the terms were found across the relation
    /// and its two entities (a relation); "quote" or "speaker".
    pub field: &'static str,
    pub score: u32,
    /// Found only by forgiving a typo: nothing matched the query as typed.
    pub close: bool,
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
                let date = relation.when.display();
                // Named as such: the file's words about the relation, not a quote.
                let described = relation
                    .description()
                    .map(|text| format!("{RELATION_DESCRIPTION}: {}", excerpt(text, query)));
                let matched = match self.field {
                    "kind" => Some(relation.kind.label()),
                    "label" => relation.label.as_deref(),
                    "status" => Some(relation.status.as_str()),
                    RELATION_DESCRIPTION => described.as_deref(),
                    // Found by its ends: its date, if it has one, tells it from the others.
                    _ => date.as_deref(),
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

/// Every hit for `query`, grouped by kind ([`arranged`]), best first within each. When few
/// items have every term as typed, the close hits too (a letter or two off in a word that
/// itself finds few items as typed), after the exact ones. Empty for a blank query.
pub fn search(dataset: &Dataset, query: &str) -> Vec<SearchHit> {
    let mut terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let (mut hits, found_alone) = search_terms(dataset, &terms, Tolerance::Exact);
    // A word is forgiven by the rule a query of that word alone follows: only where it finds
    // few items as typed. Forgiving every word of a query that finds few had made "police"
    // in "huawei police" find the Australian Strategic Policy Institute, which "police" alone
    // does not, though the network says "police" often; "huwei" and "xinjang", found nowhere
    // as typed, still bring back Huawei and Xinjiang.
    for (term, found) in terms.iter_mut().zip(found_alone) {
        term.forgives_typos &= found < FEW_HITS;
    }
    if hits.len() < FEW_HITS && terms.iter().any(|t| t.forgives_typos) {
        let exact: foldhash::HashSet<HitTarget> = hits.iter().map(|h| h.target).collect();
        let (close, _) = search_terms(dataset, &terms, Tolerance::Typos);
        hits.extend(close.into_iter().filter(|h| !exact.contains(&h.target)));
    }
    arranged(hits)
}

/// The hits grouped, each group best first (the close after the exact); entities lead
/// where one is found by what it is called or what it is, else relations found as typed
/// do: found only in descriptions that mention the words, entities follow the relations
/// that hold them ("ibm karamay", "2014", "claimed"). Quotes come last, unless the groups
/// before them hold close hits only: the first hit, which Enter opens, is found as typed
/// wherever one is.
fn arranged(hits: Vec<SearchHit>) -> Vec<SearchHit> {
    let mut groups: [Vec<SearchHit>; 3] = Default::default();
    for hit in hits {
        groups[usize::from(group(hit.target))].push(hit);
    }
    for hits in &mut groups {
        hits.sort_unstable_by(|a, b| {
            (a.close, std::cmp::Reverse(a.score), a.target).cmp(&(
                b.close,
                std::cmp::Reverse(b.score),
                b.target,
            ))
        });
    }
    let [entities, relations, quotes] = groups;
    let named = entities
        .iter()
        .any(|h| !h.close && matches!(h.field, "name" | "alias" | "kind" | "country"));
    let mut groups = if named || relations.iter().all(|h| h.close) {
        [entities, relations, quotes]
    } else {
        [relations, entities, quotes]
    };
    // Stable: the order above holds among groups found as typed.
    groups.sort_by_key(|hits| hits.iter().all(|h| h.close));
    groups.into_iter().flatten().collect()
}

/// Below this many hits as typed, the close ones are looked for too, forgiving the words
/// that find fewer than this alone: "huawie" as typed in a long description must not hide
/// Huawei itself.
const FEW_HITS: usize = 10;

/// Entities, relations, quotes.
fn group(target: HitTarget) -> u8 {
    match target {
        HitTarget::Entity(_) => 0,
        HitTarget::Relation(_) => 1,
        HitTarget::Quote { .. } => 2,
    }
}

/// For a query of several terms that finds nothing: each term with how many items it finds
/// alone, so that the user sees which word to drop or to mend.
pub fn each_term_alone(dataset: &Dataset, query: &str) -> Vec<(String, usize)> {
    let terms = terms(query);
    if terms.len() < 2 {
        return Vec::new();
    }
    terms
        .into_iter()
        .map(|term| {
            let (found, _) = search_terms(dataset, std::slice::from_ref(&term), Tolerance::Typos);
            (term.typed, found.len())
        })
        .collect()
}

/// Whether words may be a letter or two off.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tolerance {
    Exact,
    Typos,
}

/// One word of a query, or a phrase in double quotes.
struct Term {
    /// As typed (a phrase without its quotes).
    typed: String,
    /// Lower case, without accents: what words are compared with when forgiving typos.
    folded: String,
    /// A word of [`MIN_TYPO_WORD`] letters or more (no digits), not in quotes; cleared by
    /// [`search`] for a word that finds many items as typed.
    forgives_typos: bool,
    substring: Atom,
}

/// Words shorter than this are matched only as typed: one letter off in "icf" or "fees" is
/// another word ("feeds" had come back as a close match for "ibm fees").
const MIN_TYPO_WORD: usize = 5;

/// Splits a query into words and "phrases in quotes" (straight or curly); an unclosed
/// quote runs to the end.
fn terms(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut in_phrase = false;
    let mut finish = |current: &mut String, phrase: bool| {
        let typed = current.split_whitespace().collect::<Vec<_>>().join(" ");
        current.clear();
        if !typed.is_empty() {
            terms.push(Term::new(typed, phrase));
        }
    };
    for c in query.chars() {
        match c {
            '"' | '“' | '”' => {
                finish(&mut current, in_phrase);
                in_phrase = !in_phrase;
            }
            c if c.is_whitespace() && !in_phrase => finish(&mut current, false),
            c => current.push(c),
        }
    }
    finish(&mut current, in_phrase);
    terms
}

impl Term {
    fn new(typed: String, phrase: bool) -> Self {
        let atom = |kind| {
            Atom::new(
                &typed,
                CaseMatching::Ignore,
                Normalization::Smart,
                kind,
                false,
            )
        };
        let folded: String = typed.chars().map(fold).collect();
        Self {
            // A year or a number one digit off is another one.
            forgives_typos: !phrase
                && folded.chars().count() >= MIN_TYPO_WORD
                && folded.chars().all(char::is_alphabetic),
            substring: atom(AtomKind::Substring),
            folded,
            typed,
        }
    }
}

/// A character as compared: lower case, without accents.
fn fold(c: char) -> char {
    chars::normalize(chars::to_lower_case(c))
}

/// Runs one search of `terms` over the whole dataset: its hits, and how many items hold each
/// term (as many as a search for that term alone finds).
fn search_terms(
    dataset: &Dataset,
    terms: &[Term],
    tolerance: Tolerance,
) -> (Vec<SearchHit>, Vec<usize>) {
    let mut scorer = Scorer {
        terms,
        tolerance,
        matcher: Matcher::new(Config::DEFAULT),
        buffer: Vec::new(),
        repeated: foldhash::HashMap::default(),
    };
    let mut ends = Vec::new();
    let mut found_alone = vec![0; terms.len()];
    let mut hits = entity_hits(dataset, &mut scorer, &mut ends, &mut found_alone);
    let (relations, quotes) =
        relation_and_quote_hits(dataset, &mut scorer, &ends, &mut found_alone);
    hits.extend(relations);
    hits.extend(quotes);
    (hits, found_alone)
}

/// Counts an item for each term it holds (`best`: the term's score, 0 where it has none).
fn count_found(found_alone: &mut [usize], best: impl Iterator<Item = u32>) {
    for (found, score) in found_alone.iter_mut().zip(best) {
        *found += usize::from(score > 0);
    }
}

/// How a field is matched.
#[derive(Clone, Copy)]
enum Way {
    /// The term must appear as typed (case and accents aside).
    Substring,
    /// As `Substring`, for texts that many items share (kinds, statuses, countries, dates):
    /// each distinct text is scored once.
    Repeated,
}

/// Scores the terms of one search in texts, reusing its buffers.
struct Scorer<'d, 't> {
    terms: &'t [Term],
    tolerance: Tolerance,
    matcher: Matcher,
    buffer: Vec<char>,
    repeated: foldhash::HashMap<&'d str, Box<[u32]>>,
}

impl<'d> Scorer<'d, '_> {
    /// Each term's score in `text`, into `scores` (0: not there).
    fn score(&mut self, way: Way, text: &'d str, scores: &mut [u32]) {
        if !matches!(way, Way::Repeated) {
            self.score_text(way, text, scores);
        } else if let Some(known) = self.repeated.get(text) {
            scores.copy_from_slice(known);
        } else {
            self.score_text(way, text, scores);
            self.repeated.insert(text, scores.into());
        }
    }

    /// As [`Scorer::score`], for a text that need not outlive the search.
    fn score_text(&mut self, way: Way, text: &str, scores: &mut [u32]) {
        let haystack = if text.is_ascii() {
            Utf32Str::Ascii(text.as_bytes())
        } else {
            // As `Utf32Str::new`, with a space after: nucleo-matcher 0.3.1 never tries the
            // last place a term fits in a text that is not ASCII, so a word at the end of one
            // ("versés" in "honoraires versés", "zurich" in "payé à Zürich") was missed, and
            // came back only as a close match.
            self.buffer.clear();
            self.buffer.extend(chars::graphemes(text));
            self.buffer.push(' ');
            Utf32Str::Unicode(&self.buffer)
        };
        for (term, score) in self.terms.iter().zip(scores.iter_mut()) {
            let atom = match way {
                Way::Substring | Way::Repeated => &term.substring,
            };
            *score = atom
                .score(haystack, &mut self.matcher)
                .map_or(0, |s| u32::from(s).max(1));
            if *score == 0 && self.tolerance == Tolerance::Typos && term.forgives_typos {
                *score = typo_score(&term.folded, text);
            }
        }
    }
}

/// What one item's fields hold of the terms.
struct Matched<'d> {
    /// Each term's best score in any field (0: in none), and that field (with its alias).
    best: Vec<u32>,
    field_of: Vec<(&'static str, usize)>,
    /// The best field holding every term by itself: its total, name, alias and text.
    whole: Option<(u32, &'static str, usize, &'d str)>,
    /// One field's scores, as they are added.
    scores: Vec<u32>,
}

impl<'d> Matched<'d> {
    fn new(terms: usize) -> Self {
        Self {
            best: vec![0; terms],
            field_of: vec![("", 0); terms],
            whole: None,
            scores: vec![0; terms],
        }
    }

    fn clear(&mut self) {
        self.best.fill(0);
        self.whole = None;
    }

    /// Scores one field and keeps what it matches best.
    fn field(
        &mut self,
        scorer: &mut Scorer<'d, '_>,
        way: Way,
        text: &'d str,
        field: &'static str,
        alias: usize,
    ) {
        scorer.score(way, text, &mut self.scores);
        self.keep(field, alias, Some(text));
    }

    /// As [`Matched::field`], for a text that need not outlive the search.
    fn field_text(&mut self, scorer: &mut Scorer<'d, '_>, text: &str, field: &'static str) {
        scorer.score_text(Way::Substring, text, &mut self.scores);
        self.keep(field, 0, None);
    }

    fn keep(&mut self, field: &'static str, alias: usize, text: Option<&'d str>) {
        if self.scores.iter().all(|&s| s > 0) {
            let total = self.scores.iter().sum();
            if self.whole.is_none_or(|(best, ..)| total > best) {
                self.whole = Some((total, field, alias, text.unwrap_or_default()));
            }
        }
        for ((best, of), &score) in self
            .best
            .iter_mut()
            .zip(&mut self.field_of)
            .zip(&self.scores)
        {
            if score > *best {
                *best = score;
                *of = (field, alias);
            }
        }
    }

    fn has_every_term(&self) -> bool {
        self.best.iter().all(|&s| s > 0)
    }

    fn total(&self) -> u32 {
        self.best.iter().sum()
    }
}

/// Entities holding every term in their name or aliases, kind, country or description: one
/// hit each, those found by name before those found in other fields. For a query of several
/// terms, also writes into `ends` each entity's score for each term in its name and aliases,
/// which relations are found by. Counts into `found_alone` the entities holding each term.
fn entity_hits<'d>(
    dataset: &'d Dataset,
    scorer: &mut Scorer<'d, '_>,
    ends: &mut Vec<u32>,
    found_alone: &mut [usize],
) -> Vec<SearchHit> {
    let terms = scorer.terms.len();
    let typed: Vec<&str> = scorer.terms.iter().map(|t| t.folded.as_str()).collect();
    let typed = typed.join(" ");
    if terms >= 2 {
        ends.resize(dataset.entities.len() * terms, 0);
    }
    // Names and aliases: the whole query in one of them, or each term for a search spread
    // over fields ("ibm karamay" in IBM's description) and for relations found by their ends.
    let mut names = Matched::new(terms);
    // Kind, country and description.
    let mut described = Matched::new(terms);
    let mut hits = Vec::new();
    for (i, entity) in dataset.entities.iter().enumerate() {
        names.clear();
        names.field(scorer, Way::Substring, &entity.name, "name", 0);
        for (a, alias) in entity.aliases.iter().enumerate() {
            names.field(scorer, Way::Substring, alias, "alias", a);
        }
        described.clear();
        described.field(scorer, Way::Repeated, entity.kind.label(), "kind", 0);
        if let Some(country) = &entity.country {
            described.field(scorer, Way::Repeated, country, "country", 0);
        }
        if let Some(description) = &entity.description {
            described.field(scorer, Way::Substring, description, "description", 0);
        }
        if let Some(slot) = ends.get_mut(i * terms..(i + 1) * terms) {
            slot.copy_from_slice(&names.best);
        }
        count_found(
            found_alone,
            names
                .best
                .iter()
                .zip(&described.best)
                .map(|(&n, &d)| n.max(d)),
        );
        // Found by name beats found in a description ("huawei": Huawei Safe Cities across
        // China before Ren Zhengfei, Huawei's founder); a name typed in full, or its
        // beginning, beats a longer name that holds it.
        let by_name = names.whole.map(|(score, field, alias, text)| {
            let bonus = match typed_part(text, &typed) {
                Typed::Whole => 3_000,
                Typed::Beginning => 1_500,
                Typed::Neither => 1_000,
            };
            (score.saturating_add(bonus), field, alias)
        });
        let by_field = described
            .whole
            .map(|(score, field, alias, _)| (score, field, alias));
        let whole = [by_name, by_field]
            .into_iter()
            .flatten()
            .max_by_key(|(score, ..)| *score);
        let spread = || {
            let mut total = 0;
            for t in 0..terms {
                let best = names.best[t].max(described.best[t]);
                if best == 0 {
                    return None;
                }
                total += best;
            }
            Some(total)
        };
        let found = whole.or_else(|| {
            let total = spread().filter(|_| terms >= 2)?;
            // Spread over fields: the name is listed anyway, so show the other field.
            let field = (0..terms)
                .find(|&t| described.best[t] > 0)
                .map_or("name", |t| described.field_of[t].0);
            Some((total, field, 0))
        });
        if let Some((score, field, alias)) = found {
            hits.push(SearchHit {
                target: HitTarget::Entity(EntityIdx(i)),
                field,
                score,
                close: scorer.tolerance == Tolerance::Typos,
                alias,
            });
        }
    }
    hits
}

/// Relations holding every term in their kind, label, status, dates or description, or across those
/// and their two ends' names; quotes holding every term, or some of them with the rest in
/// their relation or its ends. Counts into `found_alone` the relations and quotes holding
/// each term.
fn relation_and_quote_hits<'d>(
    dataset: &'d Dataset,
    scorer: &mut Scorer<'d, '_>,
    ends: &[u32],
    found_alone: &mut [usize],
) -> (Vec<SearchHit>, Vec<SearchHit>) {
    let terms = scorer.terms.len();
    let close = scorer.tolerance == Tolerance::Typos;
    let mut own = Matched::new(terms);
    let mut said = Matched::new(terms);
    let mut relations = Vec::new();
    let mut quotes = Vec::new();
    for (r, relation) in dataset.relations.iter().enumerate() {
        own.clear();
        own.field(scorer, Way::Repeated, relation.kind.label(), "kind", 0);
        if let Some(label) = relation.label.as_deref().filter(|l| !l.is_empty()) {
            own.field(scorer, Way::Substring, label, "label", 0);
        }
        own.field(scorer, Way::Repeated, relation.status.as_str(), "status", 0);
        // The dates as written, one by one: what "2014" finds, without writing each
        // relation's dates out for every key typed.
        let when = &relation.when;
        for date in [&when.date, &when.start, &when.end] {
            if let Some(date) = date.as_deref().filter(|d| !d.is_empty()) {
                own.field(scorer, Way::Repeated, date, "date", 0);
            }
        }
        if let Some(text) = relation.description() {
            own.field(scorer, Way::Substring, text, RELATION_DESCRIPTION, 0);
        }
        count_found(found_alone, own.best.iter().copied());
        let at = |entity: EntityIdx| {
            ends.get(entity.0 * terms..(entity.0 + 1) * terms)
                .unwrap_or_default()
        };
        let across = Across {
            own: &own.best,
            source: at(relation.source),
            target: at(relation.target),
        };
        let found = if own.has_every_term() {
            let strongest = (0..terms).max_by_key(|&t| own.best[t]).unwrap_or(0);
            Some((own.total(), own.field_of[strongest].0))
        } else {
            // Some terms in its description: the words that show why it was found.
            let described =
                (0..terms).any(|t| own.best[t] > 0 && own.field_of[t].0 == RELATION_DESCRIPTION);
            let field = if described {
                RELATION_DESCRIPTION
            } else {
                "ends"
            };
            across.relation_total().map(|total| (total, field))
        };
        if let Some((score, field)) = found {
            relations.push(SearchHit {
                target: HitTarget::Relation(RelationIdx(r)),
                field,
                score,
                close,
                alias: 0,
            });
        }
        for (e, evidence) in relation.evidence.iter().enumerate() {
            said.clear();
            said.field(scorer, Way::Substring, &evidence.quote, "quote", 0);
            if !said.has_every_term()
                && let Some(speaker) = &evidence.speaker
            {
                said.field_text(scorer, &speaker.display(), "speaker");
            }
            // A quote holding every term skips its speaker: it counts for each term anyway.
            count_found(found_alone, said.best.iter().copied());
            let found = match said.whole {
                Some((score, field, ..)) => Some((score, field)),
                None if said.has_every_term() => Some((said.total(), "quote")),
                None => across.quote_total(&said).map(|total| (total, "quote")),
            };
            if let Some((score, field)) = found {
                quotes.push(SearchHit {
                    target: HitTarget::Quote {
                        relation: RelationIdx(r),
                        evidence_index: e,
                    },
                    field,
                    score,
                    close,
                    alias: 0,
                });
            }
        }
    }
    (relations, quotes)
}

/// Each term's score in a relation's own fields and in its two ends' names (empty for a
/// query of one term, which finds entities by their names).
struct Across<'a> {
    own: &'a [u32],
    source: &'a [u32],
    target: &'a [u32],
}

impl Across<'_> {
    /// The total if every term is in the relation or its ends, and not all at one end
    /// ("urumqi public" is the entity's hit, not each of its relations').
    fn relation_total(&self) -> Option<u32> {
        let at_one_end = |end: &[u32]| end.iter().all(|&s| s > 0);
        if self.source.is_empty() || at_one_end(self.source) || at_one_end(self.target) {
            return None;
        }
        self.total(&[])
    }

    /// The total if the quote holds some of the terms and the relation and its ends the
    /// rest ("huawei police").
    fn quote_total(&self, said: &Matched<'_>) -> Option<u32> {
        let in_quote = said
            .best
            .iter()
            .zip(&said.field_of)
            .any(|(&score, (field, _))| score > 0 && *field == "quote");
        if self.source.is_empty() || !in_quote {
            return None;
        }
        self.total(&said.best)
    }

    /// The sum of each term's best score here (and in `also`), if every term is somewhere.
    fn total(&self, also: &[u32]) -> Option<u32> {
        let mut total = 0;
        for t in 0..self.own.len() {
            let best = [self.own, self.source, self.target, also]
                .iter()
                .filter_map(|scores| scores.get(t))
                .copied()
                .max()
                .unwrap_or(0);
            if best == 0 {
                return None;
            }
            total += best;
        }
        Some(total)
    }
}

/// A score for a word of [`MIN_TYPO_WORD`] letters or more found a letter off (two for 8 or
/// more) in a word of `text`, or at the start of one (a word still being typed); 0 where it
/// is not.
/// Typos matched this way score below any term found as typed.
fn typo_score(term: &str, text: &str) -> u32 {
    let length = term.chars().count();
    let allowed = if length >= 8 { 2 } else { 1 };
    let first = term.chars().next();
    let mut word = String::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        // A slip in the first letter is rare, and requiring it keeps long quotes cheap.
        if raw.chars().next().map(fold) != first {
            continue;
        }
        word.clear();
        word.extend(raw.chars().map(fold));
        let word_length = word.chars().count();
        if word_length + allowed < length {
            continue;
        }
        let whole = strsim::osa_distance(term, &word);
        // The beginning of a longer word: as many letters as typed, give or take.
        let beginning = word
            .char_indices()
            .map(|(at, _)| at)
            .chain([word.len()])
            .skip(length.saturating_sub(allowed).max(MIN_TYPO_WORD))
            .take(2 * allowed + 1)
            .map(|at| strsim::osa_distance(term, &word[..at]))
            .min()
            .unwrap_or(usize::MAX);
        if whole.min(beginning) <= allowed {
            return u32::try_from(10 * length).unwrap_or(u32::MAX);
        }
    }
    0
}

/// How much of `text` the folded query `typed` is.
enum Typed {
    Whole,
    Beginning,
    Neither,
}

/// Compares without folding `text` into a new string for every entity that matches.
fn typed_part(text: &str, typed: &str) -> Typed {
    let mut text = text.chars().map(fold);
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

/// "IBM — consulted for → Huawei (2016)": a relation as a search result, with what
/// matched (or its date) in brackets.
fn relation_text(dataset: &Dataset, relation: &Relation, matched: Option<&str>) -> String {
    let name = |e| dataset.entity(e).map_or("?", |e| e.name.as_str());
    let label = relation.display_label();
    let text = format!(
        "{} — {label} {} {}",
        name(relation.source),
        // No arrow where the file gives no direction.
        if relation.directed { "→" } else { "—" },
        name(relation.target)
    );
    // What matched, unless it is the label already shown.
    match matched.filter(|m| !m.is_empty() && *m != label) {
        Some(matched) => format!("{text} ({matched})"),
        None => text,
    }
}

/// About 100 characters of `text` around the query's terms, with ellipses where cut. Terms
/// far apart are shown in pieces joined by an ellipsis ("…hardware, an IBM deck revealed,
/// played a… …for China’s ‘Golden Shield’ program."), so that the excerpt shows why the hit
/// was found.
pub fn excerpt(text: &str, query: &str) -> String {
    const WIDTH: usize = 100;
    // A piece shorter than this says too little about where the term stands.
    const MIN_PIECE: usize = 40;
    // How far a cut may move to fall between words.
    const SNAP: usize = 12;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WIDTH {
        return text.to_owned();
    }
    // Folding maps one character to one, so positions agree with `chars`.
    let folded: Vec<char> = chars.iter().copied().map(fold).collect();
    let mut found: Vec<(usize, usize)> = terms(query)
        .iter()
        .filter_map(|term| {
            let needle: Vec<char> = term.folded.chars().collect();
            term_position(&folded, &needle).map(|at| (at, at + needle.len()))
        })
        .collect();
    found.sort_unstable();
    if found.is_empty() {
        found.push((0, 0));
    }
    // Terms near one another share a piece; at most three pieces.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (from, to) in found {
        let full = spans.len() == 3;
        match spans.last_mut() {
            Some(span) if to.saturating_sub(span.0) <= WIDTH * 2 / 3 => span.1 = span.1.max(to),
            _ if full => {}
            _ => spans.push((from, to)),
        }
    }
    let budget = (WIDTH / spans.len()).max(MIN_PIECE);
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (from, to) in spans {
        let width = budget.max(to - from);
        let start = from.saturating_sub((width - (to - from)) / 3);
        let end = (start + width).min(chars.len());
        // Cut at word boundaries when one is near, so no piece starts or ends mid-word.
        let start = (start..from)
            .take(SNAP)
            .find(|&i| i == 0 || chars[i - 1].is_whitespace())
            .unwrap_or(start);
        let end = (to..=end)
            .rev()
            .take(SNAP)
            .find(|&i| chars.get(i).is_none_or(|c| c.is_whitespace()))
            .unwrap_or(end);
        match pieces.last_mut() {
            // A snapped end may fall short of the piece it joins: keep the longer.
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => pieces.push((start, end)),
        }
    }
    let mut out = String::new();
    for (i, &(start, end)) in pieces.iter().enumerate() {
        if start > 0 {
            out.push_str(if i == 0 { "…" } else { " …" });
        }
        out.extend(chars.get(start..end).unwrap_or_default());
        if end < chars.len() {
            out.push('…');
        }
    }
    out
}

/// Where `needle` first stands in `folded`: as typed, else (a close hit) the first word it
/// is a typo of.
fn term_position(folded: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    folded
        .windows(needle.len())
        .position(|w| w == needle)
        .or_else(|| {
            let term: String = needle.iter().collect();
            let mut start = 0;
            folded.split(|c| !c.is_alphanumeric()).find_map(|word| {
                let at = start;
                start += word.len() + 1;
                let word: String = word.iter().collect();
                (!word.is_empty() && typo_score(&term, &word) > 0).then_some(at)
            })
        })
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
        let claimed = search(&dataset, "claimed");
        assert!(claimed.iter().any(|h| h.field == "status"));
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
        let text_of = |dataset: &Dataset, query: &str| {
            let hits = search(dataset, query);
            let hit = hits.first().expect("a hit");
            (hit.field, hit.text(dataset, query))
        };
        assert_eq!(
            text_of(&dataset, "robotics"),
            ("alias", "Acme Robotics Ltd".into())
        );
        assert_eq!(
            text_of(&dataset, "2014"),
            ("date", "Acme — supplied → Beta (since 2014-03)".into())
        );
        assert_eq!(
            text_of(&dataset, "alleg"),
            ("status", "Acme — supplied → Beta (alleged)".into())
        );
        // A label found is the one shown: not said twice; no arrow without a direction.
        dataset.relations[0].label = Some("sold cameras to".into());
        dataset.relations[0].directed = false;
        assert_eq!(
            text_of(&dataset, "cameras"),
            ("label", "Acme — sold cameras to — Beta".into())
        );
    }

    /// A relation's description, which importers keep as its attribute (a Kumu connection's
    /// Description), is searched as an entity's is, and the hit says so, not as a quote.
    #[test]
    fn a_relation_is_found_by_the_words_of_its_description() {
        let mut dataset = crate::model::test_networks::network_of(&[
            ("ab", "IBM", "supplied", "Huawei", "reported"),
            ("ac", "IBM", "supplied", "Karamay", "reported"),
        ]);
        dataset.relations[0].attributes.insert(
            RELATION_DESCRIPTION.into(),
            "Consulting fees over $100m a year, honoraires versés".into(),
        );
        dataset.relations[1]
            .attributes
            .insert("comment".into(), "fees unknown".into());
        let ab = HitTarget::Relation(RelationIdx(0));
        for query in [
            "fees over",
            "CONSULTING FEES",
            "verses",
            "\"honoraires verses\"",
            "100m",
        ] {
            let hits = search(&dataset, query);
            let hit = hits.first().unwrap_or_else(|| panic!("{query}"));
            assert_eq!(
                (hit.target, hit.field, hit.close),
                (ab, RELATION_DESCRIPTION, false)
            );
            assert_eq!(hits.len(), 1, "{query}: only the described relation");
        }
        assert_eq!(
            search(&dataset, "fees")[0].text(&dataset, "fees"),
            "IBM — supplied → Huawei (description: Consulting fees over $100m a year, \
             honoraires versés)"
        );
        // A letter off, as in any other field: found, and marked close.
        let hits = search(&dataset, "consultng");
        assert_eq!(
            hits.first().map(|h| (h.target, h.field, h.close)),
            Some((ab, RELATION_DESCRIPTION, true))
        );
        // Words across an end's name and the description: the description is what is shown.
        let hits = search(&dataset, "huawei fees");
        let hit = hits.iter().find(|h| h.target == ab).expect("IBM → Huawei");
        assert_eq!(hit.field, RELATION_DESCRIPTION);
        assert!(
            hit.text(&dataset, "huawei fees")
                .contains("description: Consulting fees")
        );
        // A long description is cut around the words found; nothing calls it a quote.
        dataset.relations[0].attributes.insert(
            RELATION_DESCRIPTION.into(),
            format!(
                "{} the retainer ran to millions {}",
                "a ".repeat(80),
                "b ".repeat(80)
            ),
        );
        let text = search(&dataset, "retainer")[0].text(&dataset, "retainer");
        assert!(
            text.starts_with("IBM — supplied → Huawei (description: …"),
            "{text}"
        );
        assert!(
            text.contains("retainer") && text.chars().count() < 150,
            "{text}"
        );
        assert!(!text.contains('“'), "{text}");
    }

    #[test]
    fn a_word_at_the_end_of_a_text_with_accents_is_found_as_typed() {
        let mut dataset =
            crate::model::test_networks::network_of(&[("ab", "Acme", "paid", "Beta", "alleged")]);
        dataset.entities[0].description = Some("le café payé à Zürich".into());
        dataset.entities[1].name = "Société Générale".into();
        for (query, field) in [
            ("zurich", "description"),
            ("Zürich", "description"),
            ("generale", "name"),
            ("cafe", "description"),
        ] {
            let hits = search(&dataset, query);
            assert_eq!(
                hits.first().map(|h| (h.field, h.close)),
                Some((field, false)),
                "{query}"
            );
        }
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

    /// The relation between two entities of the built-in dataset, by their names.
    fn relation_between(dataset: &Dataset, source: &str, target: &str) -> RelationIdx {
        let (source, target) = (
            dataset.entity_by_name(source).unwrap(),
            dataset.entity_by_name(target).unwrap(),
        );
        let at = dataset
            .relations
            .iter()
            .position(|r| r.source == source && r.target == target)
            .expect("the relation");
        RelationIdx(at)
    }

    #[test]
    fn a_phrase_in_quotes_is_matched_as_typed() {
        let dataset = builtin();
        let psb = HitTarget::Entity(
            dataset
                .entity_by_name("Urumqi Public Security Bureau")
                .unwrap(),
        );
        let found = |query| search(&dataset, query).iter().any(|h| h.target == psb);
        assert!(found("\"public security\""));
        assert!(found("“Public Security”"));
        assert!(found("security public"), "words, unquoted, in any order");
        assert!(!found("\"security public\""));
        assert!(search(&dataset, "\"security public\"").is_empty());
    }

    #[test]
    fn words_may_be_found_across_a_relation_and_its_ends() {
        let dataset = builtin();
        let ibm_karamay = HitTarget::Relation(relation_between(&dataset, "IBM", "Karamay"));
        let hits = search(&dataset, "ibm karamay");
        let hit = hits
            .iter()
            .find(|h| h.target == ibm_karamay)
            .expect("IBM → Karamay");
        assert_eq!(hit.field, "ends");
        assert!(!hit.close);
        // One end and the relation's year.
        let watson = HitTarget::Relation(relation_between(&dataset, "IBM Watson IoT", "Karamay"));
        let hits = search(&dataset, "karamay 2016");
        let hit = hits
            .iter()
            .find(|h| h.target == watson)
            .expect("dated 2016");
        assert_eq!(
            hit.text(&dataset, "karamay 2016"),
            "IBM Watson IoT — ‘cognitive IoT’ introduced → Karamay (2016)"
        );
        // Every relation of Karamay not dated 2016 is left out.
        assert!(hits.iter().all(|h| {
            match h.target {
                HitTarget::Relation(r) => dataset
                    .relation(r)
                    .unwrap()
                    .when
                    .display()
                    .is_some_and(|d| d.contains("2016")),
                _ => true,
            }
        }));
    }

    #[test]
    fn words_all_at_one_end_find_the_entity_not_its_relations() {
        let dataset = builtin();
        for query in ["urumqi public", "huawei"] {
            let hits = search(&dataset, query);
            assert!(!hits.is_empty());
            assert!(hits.iter().all(|h| h.field != "ends"), "{query}");
        }
    }

    #[test]
    fn a_quote_may_hold_some_words_and_its_relation_the_rest() {
        let dataset = builtin();
        let hits = search(&dataset, "huawei police");
        let huawei = dataset.entity_by_name("Huawei").unwrap();
        let by_its_relation = hits.iter().any(|h| match h.target {
            HitTarget::Quote {
                relation,
                evidence_index,
            } => {
                let relation = dataset.relation(relation).unwrap();
                let quote = relation.evidence[evidence_index].quote.to_lowercase();
                quote.contains("police")
                    && !quote.contains("huawei")
                    && (relation.source == huawei || relation.target == huawei)
            }
            _ => false,
        });
        assert!(by_its_relation);
    }

    #[test]
    fn a_typo_in_a_query_of_several_words_is_forgiven_and_marked() {
        let dataset = builtin();
        let psb = HitTarget::Entity(
            dataset
                .entity_by_name("Urumqi Public Security Bureau")
                .unwrap(),
        );
        let hits = search(&dataset, "xinjang police");
        assert!(hits.iter().any(|h| h.target == psb));
        assert!(hits.iter().all(|h| h.close));
        // Spelt right, the exact hits come first in each group, the close ones after.
        let hits = search(&dataset, "xinjiang police");
        assert!(hits.iter().any(|h| h.target == psb && !h.close));
        let runs: Vec<u8> = hits
            .chunk_by(|a, b| group(a.target) == group(b.target))
            .map(|run| group(run[0].target))
            .collect();
        let mut distinct = runs.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), runs.len(), "each group in one run");
        assert!(
            hits.windows(2)
                .all(|w| group(w[0].target) != group(w[1].target) || w[0].close <= w[1].close)
        );
        // A swapped pair of letters, with few exact hits: Huawei itself comes back.
        let huawei = HitTarget::Entity(dataset.entity_by_name("Huawei").unwrap());
        let hits = search(&dataset, "huawie");
        assert!(hits.iter().any(|h| h.target == huawei));
    }

    #[test]
    fn a_name_is_not_found_by_its_letters_in_order() {
        let dataset = builtin();
        // c-i-s-c-o runs in order through "UN Committee on the Elimination of Racial
        // Discrimination", and i-b-m through the British Association of Public Safety
        // Communications Officials: neither mentions Cisco or IBM.
        for (query, stranger) in [
            (
                "cisco",
                "UN Committee on the Elimination of Racial Discrimination",
            ),
            (
                "ibm",
                "British Association of Public Safety Communications Officials",
            ),
        ] {
            let stranger = HitTarget::Entity(dataset.entity_by_name(stranger).unwrap());
            assert!(
                search(&dataset, query).iter().all(|h| h.target != stranger),
                "{query}"
            );
        }
        // Every entity found for "cisco" holds the word.
        for hit in search(&dataset, "cisco") {
            if let HitTarget::Entity(_) = hit.target {
                assert!(hit.text(&dataset, "cisco").to_lowercase().contains("cisco"));
            }
        }
        // A letter off is still found, as a close match, the entity named so first.
        let huawei = HitTarget::Entity(dataset.entity_by_name("Huawei").unwrap());
        let hits = search(&dataset, "huwei");
        assert_eq!(
            hits.first().map(|h| (h.target, h.close)),
            Some((huawei, true))
        );
    }

    #[test]
    fn entities_found_by_name_come_before_those_found_in_descriptions() {
        let dataset = builtin();
        let hits = search(&dataset, "huawei");
        let entities: Vec<&SearchHit> = hits
            .iter()
            .filter(|h| matches!(h.target, HitTarget::Entity(_)))
            .collect();
        let last_named = entities.iter().rposition(|h| h.field == "name").unwrap();
        let first_described = entities
            .iter()
            .position(|h| h.field == "description")
            .unwrap();
        assert!(
            last_named < first_described,
            "{last_named} {first_described}"
        );
    }

    #[test]
    fn relations_lead_when_no_entity_is_found_by_its_name() {
        let dataset = builtin();
        // The relation between Cisco and Golden Shield before entities whose descriptions
        // mention both.
        let hits = search(&dataset, "cisco golden");
        assert!(matches!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Relation(_))
        ));
        // Unless an entity is named with both words.
        let pilot = dataset
            .entity_by_name("Karamay smart city pilot (IBM)")
            .unwrap();
        let hits = search(&dataset, "ibm karamay");
        assert_eq!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Entity(pilot))
        );
        // A year: the relations dated so, before the descriptions that mention it.
        let hits = search(&dataset, "2016");
        assert!(matches!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Relation(_))
        ));
        // A name: the entity first.
        let hits = search(&dataset, "karamay");
        assert!(matches!(
            hits.first().map(|h| h.target),
            Some(HitTarget::Entity(_))
        ));
    }

    #[test]
    fn a_word_fuzzily_in_a_name_does_not_join_words_found_elsewhere() {
        // "police" is fuzzily in "Australian Strategic Policy Institute", whose description
        // says Xinjiang: not a hit for "xinjiang police".
        let dataset = builtin();
        let aspi = HitTarget::Entity(
            dataset
                .entity_by_name("Australian Strategic Policy Institute")
                .unwrap(),
        );
        let hits = search(&dataset, "xinjiang police");
        assert!(
            hits.iter().all(|h| h.target != aspi || h.close),
            "only as a close match"
        );
        assert!(hits.iter().any(|h| !h.close));
    }

    #[test]
    fn a_word_found_as_typed_is_not_also_forgiven() {
        let dataset = builtin();
        let aspi = dataset
            .entity_by_name("Australian Strategic Policy Institute")
            .unwrap();
        let bureaus = dataset
            .entity_by_name("Public security bureaus in Xinjiang")
            .unwrap();
        // "police" is in many texts: "Policy" is no close match for it, in a query of
        // several words as alone.
        for query in ["police", "huawei police", "xinjiang police"] {
            let hits = search(&dataset, query);
            assert!(!hits.is_empty(), "{query}");
            assert!(hits.iter().all(|h| !h.close), "{query}");
        }
        let policy = |hit: &SearchHit| match hit.target {
            HitTarget::Entity(e) => e == aspi || e == bureaus,
            HitTarget::Relation(r) => dataset.relations[r.0].source == aspi,
            HitTarget::Quote { .. } => false,
        };
        assert!(!search(&dataset, "huawei police").iter().any(policy));
        // A word found nowhere as typed is still forgiven beside one that is: "huwei police"
        // finds the Urumqi bureau, as close, and not the Policy Institute.
        let psb = HitTarget::Entity(
            dataset
                .entity_by_name("Urumqi Public Security Bureau")
                .unwrap(),
        );
        let hits = search(&dataset, "huwei police");
        assert!(hits.iter().any(|h| h.target == psb && h.close));
        assert!(!hits.iter().any(policy));
    }

    #[test]
    fn the_first_hit_is_found_as_typed_where_one_is() {
        // "criminal" is in one quote as typed, and two letters off ("critical") in
        // descriptions: the quote comes first, the close entities after it.
        let dataset = builtin();
        let hits = search(&dataset, "criminal");
        assert!(matches!(
            hits.first(),
            Some(SearchHit {
                target: HitTarget::Quote { .. },
                close: false,
                ..
            })
        ));
        assert!(
            hits.iter()
                .any(|h| h.close && matches!(h.target, HitTarget::Entity(_)))
        );
        // No hit found as typed follows a close one of another group.
        let first_close = hits.iter().position(|h| h.close).unwrap();
        let its_group = group(hits[first_close].target);
        assert!(
            hits[first_close..]
                .iter()
                .all(|h| h.close || group(h.target) == its_group)
        );
    }

    #[test]
    fn years_and_short_words_are_not_forgiven() {
        let dataset = builtin();
        assert!(search(&dataset, "karamay 2009").is_empty());
        let forgiving = |query| {
            terms(query)
                .iter()
                .map(|t| t.forgives_typos)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            forgiving("icg 2009 xinjang \"karamy\""),
            [false, false, true, false]
        );
        let alone = each_term_alone(&dataset, "karamay 2009");
        assert_eq!(alone.len(), 2);
        assert!(alone.iter().all(|(_, found)| *found > 0), "{alone:?}");
        assert!(each_term_alone(&dataset, "karamay").is_empty());
    }

    #[test]
    fn typos_are_one_letter_off_in_a_word_or_its_beginning() {
        assert!(typo_score("huawie", "Huawei Technologies") > 0);
        assert!(
            typo_score("xinjan", "Xinjiang’s police") > 0,
            "a word still being typed"
        );
        assert!(typo_score("surveilance", "state surveillance") > 0);
        assert_eq!(
            typo_score("kuawei", "Huawei"),
            0,
            "the first letter is kept"
        );
        assert_eq!(typo_score("huaxxi", "Huawei"), 0);
        // A short word a letter off is another word: "fees" does not bring back "feeds".
        let dataset = builtin();
        let hits = search(&dataset, "ibm fees");
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| !h.close));
    }

    /// Two words of a query far apart in a description are both in its excerpt, in pieces.
    #[test]
    fn every_term_of_the_query_is_in_the_excerpt() {
        let dataset = builtin();
        let cisco = dataset.entity_by_name("Cisco").unwrap();
        let description = dataset.entities[cisco.0].description.as_deref().unwrap();
        assert!(description.chars().count() > 150, "a long description");
        let cut = excerpt(description, "IBM golden");
        assert!(cut.contains("IBM") && cut.contains("Golden"), "{cut}");
        assert!(cut.contains("… …"), "two pieces: {cut}");
        assert!(cut.chars().count() < 125, "{cut}");
        // Pieces are cut between words: each starts and ends on a whole word of the text.
        let words: Vec<&str> = description.split_whitespace().collect();
        for piece in cut.split('…').map(str::trim).filter(|p| !p.is_empty()) {
            let first = piece.split_whitespace().next().unwrap();
            let last = piece.split_whitespace().last().unwrap();
            assert!(
                words.contains(&first) && words.contains(&last),
                "{piece:?} in {cut}"
            );
        }
        // Terms side by side stay in one piece.
        let text = format!("{} golden shield {}", "a ".repeat(100), "b ".repeat(100));
        let cut = excerpt(&text, "shield golden");
        assert_eq!(cut.matches('…').count(), 2, "{cut}");
    }

    #[test]
    fn a_close_hit_is_shown_around_the_word_it_resembles() {
        let text = format!("{} Huawei’s lab {}", "a ".repeat(100), "b ".repeat(100));
        assert!(excerpt(&text, "huwei").contains("Huawei"));
    }
}
