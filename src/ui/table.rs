//! The table: entities or relations as sortable rows, showing what the lens shows — the
//! keyboard's and the screen reader's way through the data. A click (or Up/Down) selects,
//! on the graph too.

use std::sync::Arc;

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::measures::Measure;
use crate::model::{Entity, EntityIdx, EntityKind, Relation, RelationIdx};
use crate::session::{Facets, Session};
use crate::view::search::HitTarget;
use crate::view::{Emphasis, Lens, Selection, View};

/// Which records the table lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TableKind {
    #[default]
    Entities,
    Relations,
}

/// The table's own state: what it lists and how it is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableState {
    pub kind: TableKind,
    /// Column sorted by, and whether ascending.
    pub sort_column: usize,
    pub ascending: bool,
    /// While a search is typed, list every row the lens shows (the hits in bold), not only
    /// what the search finds.
    pub every_row_while_searching: bool,
}

impl Default for TableState {
    fn default() -> Self {
        Self {
            kind: TableKind::Entities,
            sort_column: 0,
            ascending: true,
            every_row_while_searching: false,
        }
    }
}

/// A column of the entity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntityColumn {
    Name,
    Kind,
    Country,
    Relations,
    In,
    Out,
    PageRank,
    Betweenness,
    Attributes,
}

impl EntityColumn {
    const ALL: [Self; 9] = [
        Self::Name,
        Self::Kind,
        Self::Country,
        Self::Relations,
        Self::In,
        Self::Out,
        Self::PageRank,
        Self::Betweenness,
        Self::Attributes,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Kind => "Kind",
            Self::Country => "Country",
            Self::Relations => "Relations",
            Self::In => "In",
            Self::Out => "Out",
            Self::PageRank => "PageRank",
            Self::Betweenness => "Betweenness",
            Self::Attributes => "Attributes",
        }
    }

    /// The columns worth their width for this network: none that would say nothing in every
    /// row (every kind Other, no country, no relation with a direction, betweenness not
    /// computed, no attributes), as at 720p each costs a column of blanks.
    fn shown(facets: &Facets, has_betweenness: bool) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|column| match column {
                Self::Kind => facets
                    .entity_kinds
                    .keys()
                    .any(|&kind| kind != EntityKind::Other),
                Self::Country => facets.countries.keys().any(|country| !country.is_empty()),
                Self::In | Self::Out => facets.directed_relations > 0,
                Self::Betweenness => has_betweenness,
                Self::Attributes => !facets.entity_attribute_keys.is_empty(),
                _ => true,
            })
            .collect()
    }

    /// Its heading: names A to Z, numbers largest first.
    fn heading(self) -> Heading {
        let heading = heading(
            self.title(),
            matches!(self, Self::Name | Self::Kind | Self::Country),
        );
        match self {
            // Short over counts of a few digits, as Q and D are: "Relations" had taken about 80
            // points at 720p over "12" while the names beside it were cut.
            Self::Relations => Heading {
                short: Some("Rel."),
                hint: Some("Relations: how many it has, in and out"),
                ..heading
            },
            _ => heading,
        }
    }

    /// How it is sized to the room, given its heading's width, a measure of body text and
    /// the most relations an entity has: the name wants the longest name's width and keeps
    /// enough to tell rows apart, kind and country their widest value, the counts their
    /// heading or their widest number, the other measures their heading.
    fn fit(
        self,
        facets: &Facets,
        heading: f32,
        text: &dyn Fn(&str) -> f32,
        most: MostRelations,
    ) -> Fit {
        match self {
            // With no attributes to take the room left, the name takes it: a wide window had
            // left the table's right side empty while long names were cut.
            Self::Name if facets.entity_attribute_keys.is_empty() => {
                Fit::text(heading.max(140.0), name_width(facets)).grown()
            }
            Self::Name => Fit::text(heading.max(140.0), name_width(facets)),
            // Kinds are few and short: kept whole where they fit in 130 points ("Governme…"
            // had been cut at 720p beside the panel while the names had room to give).
            Self::Kind => {
                let widest = widest(facets.entity_kinds.keys().map(|kind| kind.label()), text);
                let whole = heading.max(widest + 8.0);
                Fit::text(whole.min(130.0), whole.min(160.0))
            }
            Self::Country => {
                let widest = widest(facets.countries.keys().map(String::as_str), text);
                Fit::text(heading, heading.max(widest + 8.0).min(160.0))
            }
            Self::Relations => count_fit(heading, most.all, text),
            Self::In => count_fit(heading, most.incoming, text),
            Self::Out => count_fit(heading, most.outgoing, text),
            Self::PageRank | Self::Betweenness => Fit::fixed(heading),
            Self::Attributes => Fit::growing(heading.max(120.0), 240.0),
        }
    }
}

/// A column's heading: its title, whether a first click sorts it ascending, and what a
/// short title means, on hover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Heading {
    title: &'static str,
    /// What the heading shows instead of its title, where the title would make a column of
    /// small numbers wide: the title stays its name for screen readers, and its hint says it.
    short: Option<&'static str>,
    ascending_first: bool,
    hint: Option<&'static str>,
}

impl Heading {
    /// The words on the heading's button.
    fn shown(&self) -> &'static str {
        self.short.unwrap_or(self.title)
    }
}

const fn heading(title: &'static str, ascending_first: bool) -> Heading {
    Heading {
        title,
        short: None,
        ascending_first,
        hint: None,
    }
}

/// A column of the relation table. "Relation" is what the relation is ("supplied", or the
/// file's own kind); "Label" its description, where it has one that says more; "Attributes"
/// what the file says beyond Chainsight's fields (an amount, a share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelationColumn {
    From,
    Relation,
    To,
    When,
    Weight,
    Quotes,
    Sources,
    Label,
    Attributes,
}

impl RelationColumn {
    const ALL: [Self; 9] = [
        Self::From,
        Self::Relation,
        Self::To,
        Self::When,
        Self::Weight,
        Self::Quotes,
        Self::Sources,
        Self::Label,
        Self::Attributes,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::From => "From",
            Self::Relation => "Relation",
            Self::To => "To",
            Self::When => "When",
            Self::Weight => "Weight",
            Self::Quotes => "Quotes",
            // Short: at 720p every column's point counts ("Documents" took 95 for one digit).
            Self::Sources => "Docs",
            Self::Label => "Label",
            Self::Attributes => "Attributes",
        }
    }

    /// The columns worth their width for this network: none that would say nothing in every
    /// row (a file with no quotes has a 0 in every row). How firmly a relation stands is
    /// said in the Relation column, as on its link: "partnered with (denied)". A column of its
    /// own had said "reported" in 138 of 148 rows, in 75 points the names lacked at 720p.
    fn shown(facets: &Facets) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|column| match column {
                Self::When => facets.dated_relations > 0,
                Self::Weight => facets.weighted_relations > 0,
                Self::Quotes => facets.quoted_relations > 0,
                Self::Sources => facets.sourced_relations > 0,
                Self::Label => facets.described_relations > 0,
                Self::Attributes => !facets.relation_attribute_keys.is_empty(),
                _ => true,
            })
            .collect()
    }

    /// Its heading: names A to Z; the date and numbers latest and largest first.
    fn heading(self) -> Heading {
        let heading = heading(
            self.title(),
            matches!(
                self,
                Self::From | Self::Relation | Self::To | Self::Label | Self::Attributes
            ),
        );
        match self {
            Self::Relation => Heading {
                hint: Some(
                    "What it is, read From → To, and in brackets how firmly, where the \
                     evidence hedges it (claimed, alleged, denied, unclear)",
                ),
                ..heading
            },
            // One letter over numbers of one or two digits: "Quotes" and "Docs" had taken 75
            // and 60 points at 720p while the names beside them were cut.
            Self::Quotes => Heading {
                short: Some("Q"),
                hint: Some("Quotes: the passages of its sources quoted for it"),
                ..heading
            },
            Self::Sources => Heading {
                short: Some("D"),
                hint: Some(
                    "Docs, the documents behind it: the sources its quotes come from and the \
                     documents they cite (not a count of independent confirmations)",
                ),
                ..heading
            },
            _ => heading,
        }
    }

    /// How it is sized to the room, given its heading's width, a measure of body text and the
    /// most quotes behind a relation. Names keep enough to tell rows apart, the numbers their
    /// heading or their widest, and the label (the most telling) takes what is left.
    fn fit(
        self,
        facets: &Facets,
        heading: f32,
        text: &dyn Fn(&str) -> f32,
        most_quotes: usize,
    ) -> Fit {
        // With no label or attributes to take the room left, the names and the phrase take
        // it: a plain edge list's table had filled half the room, its phrases cut.
        let nothing_grows =
            facets.described_relations == 0 && facets.relation_attribute_keys.is_empty();
        let name = |fit: Fit| if nothing_grows { fit.grown() } else { fit };
        match self {
            // Two names share the row: each wants the longest name up to 200 points and
            // keeps 120, enough to tell most rows apart (whole on hover); at 720p 100 had
            // cut "Australian Strategic Policy Institute" to "Australian St…".
            Self::From | Self::To => name(Fit::text(
                heading.max(120.0),
                (facets.longest_name_chars as f32 * 7.5 + 12.0).clamp(110.0, 200.0),
            )),
            // As wide as the longest phrase needs, measured where the phrase is a kind's or
            // one the file shares ("partnered with" had been cut at 7 points a letter):
            // "interviewed …" had been cut short while When and a status column had room.
            Self::Relation => {
                let kinds = facets.relation_kinds.keys().map(|kind| kind.label());
                let phrases = facets.relation_phrases.iter().map(|(p, _)| p.as_str());
                // The widest hedge any relation carries, " (claimed)", follows the phrase.
                let hedges = facets.statuses.keys().filter(|status| status.is_hedged());
                let hedge = hedges
                    .map(|status| text(&format!(" ({})", status.as_str())))
                    .fold(0.0, f32::max);
                let measured = widest(kinds.chain(phrases), text) + hedge + 16.0;
                let estimated = facets.longest_phrase_chars as f32 * 7.0 + hedge + 16.0;
                // Keeps "partnered with" whole where it can ("partner…" had said nothing), and
                // its hedge with it.
                name(Fit::text(
                    heading.max(measured.min(110.0 + hedge)),
                    measured.max(estimated).clamp(100.0, 240.0),
                ))
            }
            // "since 2017", "2016–2019", kept whole ("since 2…" had hidden the year); a
            // range of days is cut (whole on hover).
            Self::When => Fit::fixed(heading.max(text("since 2017") + 8.0)),
            Self::Weight => Fit::fixed(heading),
            Self::Quotes => count_fit(heading, most_quotes, text),
            Self::Sources => count_fit(heading, facets.most_sources, text),
            // The label gives way first when the room is short: it is long and cut anyway,
            // and whole on hover and in the side panel, while the names say which row it is.
            Self::Label => Fit::growing(heading.max(100.0), 360.0),
            Self::Attributes => Fit::growing(heading.max(120.0), 240.0),
        }
    }
}

/// A cell's sort key: numbers sort as numbers, text as lower-case text with the numbers in
/// it by value ("node 2" before "node 10").
#[derive(Clone, Debug, PartialEq)]
enum Key {
    Number(f64),
    Text(String),
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.partial_cmp(b),
            (Self::Text(a), Self::Text(b)) => Some(crate::words::natural_cmp(a, b)),
            (Self::Number(_), Self::Text(_)) => Some(std::cmp::Ordering::Less),
            (Self::Text(_), Self::Number(_)) => Some(std::cmp::Ordering::Greater),
        }
    }
}

/// Draws the table in all of `ui`.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let found = Found::of(session, view, lens);
    // The rows listed, found once a frame and handed to the table (at 500,000 relations each
    // pass counts); again only when the header below changes what is listed.
    let rows_of = |state: &TableState| {
        let listed = Listed::new(lens, found.as_ref(), state);
        match state.kind {
            TableKind::Entities => listed.entities(session),
            TableKind::Relations => listed.relations(session),
        }
    };
    let before = *state;
    let mut rows = rows_of(state);
    let (entities, relations) = {
        let listed = Listed::new(lens, found.as_ref(), state);
        match state.kind {
            TableKind::Entities => (rows.len(), listed.relation_count(session)),
            TableKind::Relations => (listed.entity_count(session), rows.len()),
        }
    };
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut state.kind,
            TableKind::Entities,
            format!("Entities ({entities})"),
        );
        ui.selectable_value(
            &mut state.kind,
            TableKind::Relations,
            format!("Relations ({relations})"),
        );
        if let Some(found) = &found {
            let mut only_found = !state.every_row_while_searching;
            let query = crate::words::shortened(view.search.trim(), 24);
            // Nothing matched as typed: say that what is listed is what it resembles.
            let words = if found.only_close {
                RichText::new(format!("Only the close matches to “{query}”"))
                    .color(super::theme::palette(ui.ctx()).warning)
            } else {
                RichText::new(format!("Only what “{query}” finds"))
            };
            ui.checkbox(&mut only_found, words)
            .on_hover_text(
                "Entities it names; relations it names or quotes, and those of the \
                 entities it names. Unticked, every row is listed and what it finds is bold.",
            );
            state.every_row_while_searching = !only_found;
        }
        // Short of room last frame (beside the side panel at 720p, names cut): how to get
        // more. A reviewer found F6 only by chance.
        // A panel beside the table takes a few hundred points of the window's width.
        let beside_a_panel = ui.ctx().content_rect().width() - ui.max_rect().width() > 200.0;
        let short_of_room = ui.data(|d| d.get_temp::<bool>(short_of_room_id()));
        let short_of_room = beside_a_panel && short_of_room.unwrap_or(false);
        // Searching, the box before it takes the hint's room.
        let hint = match (found.is_some(), short_of_room) {
            (true, true) => "More room: F6 hides the panel.",
            (true, false) => "",
            (false, true) => {
                "Click a row or use ↑ ↓ to select, a heading to sort. More room: F6 hides the panel."
            }
            (false, false) => "Click a row or use ↑ ↓ to select; click a heading to sort.",
        };
        ui.label(RichText::new(hint).weak());
    });
    // A tab or the box may have just been clicked.
    if *state != before {
        rows = rows_of(state);
    }
    let listed = Listed::new(lens, found.as_ref(), state);
    if let Some(found) = listed.found {
        if rows.is_empty() {
            // An empty table under its headings had said nothing.
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("Nothing here matches “{}”.", view.search.trim()));
                if ui.button("List every row").clicked() {
                    state.every_row_while_searching = true;
                }
            });
            return;
        }
        if state.kind == TableKind::Relations {
            ui.label(RichText::new(format!("Found {}.", found.why(&rows))).weak());
        }
    }
    if let Some(key) = dimmed_key(session, view, lens, state.kind, &rows) {
        ui.label(RichText::new(key).weak());
    }
    match state.kind {
        TableKind::Entities => entity_table(ui, session, (view, lens), rows, state, commands),
        TableKind::Relations => relation_table(ui, session, (view, lens), rows, state, commands),
    }
}

/// What bold and dimmed rows mean, where some listed row is dimmed: they are lit and faded
/// as on the graph, and nothing had said so ("Accenture", listed by the search, was grey).
fn dimmed_key(
    session: &Session,
    view: &View,
    lens: &Lens,
    kind: TableKind,
    rows: &[usize],
) -> Option<String> {
    let faded = |&row: &usize| match kind {
        TableKind::Entities => lens.entity(EntityIdx(row)) == Emphasis::Faded,
        TableKind::Relations => lens.relation(RelationIdx(row)) == Emphasis::Faded,
    };
    if !rows.iter().any(faded) {
        return None;
    }
    let lit = match view.selection {
        Selection::Entity(e) => session
            .dataset
            .entity(e)
            .map(|e| format!("what is lit round {}", e.name)),
        Selection::Relation(_) => Some("the selected relation and its ends".to_owned()),
        Selection::Nothing if view.path.is_some() => Some("the paths shown".to_owned()),
        Selection::Nothing if !view.search.trim().is_empty() => {
            Some(format!("what “{}” finds", view.search.trim()))
        }
        Selection::Nothing => None,
    };
    Some(match lit {
        Some(lit) => format!("Bold: {lit}; dimmed: the rest, faded on the graph."),
        None => "Dimmed: faded on the graph.".to_owned(),
    })
}

/// What a search finds, as rows: the entities it names, and the relations it names or
/// quotes or that touch an entity it names ("police" lists the Urumqi police's relations,
/// which say "police" nowhere themselves).
struct Found {
    entities: Vec<bool>,
    /// Why each relation is found, if it is.
    relations: Vec<Option<FoundBy>>,
    /// Found only by forgiving a typo: nothing matched as typed.
    only_close: bool,
}

/// Why the search finds a relation: the order of these is the order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FoundBy {
    /// Its own words: kind, label, status, date, or its ends' words together.
    Words,
    /// One of its quotes or speakers.
    Quote,
    /// An entity the search names is one of its ends.
    End,
}

impl Found {
    /// `None` when nothing is searched.
    fn of(session: &Session, view: &View, lens: &Lens) -> Option<Self> {
        if view.search.trim().is_empty() {
            return None;
        }
        let dataset = &session.dataset;
        let mut entities = vec![false; dataset.entities.len()];
        let mut relations: Vec<Option<FoundBy>> = vec![None; dataset.relations.len()];
        let mut mark = |relation: RelationIdx, by: FoundBy| {
            if let Some(row) = relations.get_mut(relation.0) {
                *row = Some(row.map_or(by, |was| was.min(by)));
            }
        };
        for hit in &lens.hits {
            match hit.target {
                HitTarget::Entity(entity) => {
                    if let Some(row) = entities.get_mut(entity.0) {
                        *row = true;
                    }
                }
                HitTarget::Relation(relation) => mark(relation, FoundBy::Words),
                HitTarget::Quote { relation, .. } => mark(relation, FoundBy::Quote),
            }
        }
        for (i, relation) in dataset.relations.iter().enumerate() {
            let named = |e: EntityIdx| entities.get(e.0).copied().unwrap_or(false);
            if named(relation.source) || named(relation.target) {
                mark(RelationIdx(i), FoundBy::End);
            }
        }
        Some(Self {
            entities,
            relations,
            only_close: !lens.hits.is_empty() && lens.hits.iter().all(|h| h.close),
        })
    }

    fn relation(&self, relation: RelationIdx) -> Option<FoundBy> {
        self.relations.get(relation.0).copied().flatten()
    }

    /// Why the relations listed are, in words: "1 by its words, 14 by a quote, 1 by an
    /// entity found". The panel beside counts quotes, not relations; this says how the two
    /// meet.
    fn why(&self, listed: &[usize]) -> String {
        let count = |by: FoundBy| {
            listed
                .iter()
                .filter(|&&r| self.relation(RelationIdx(r)) == Some(by))
                .count()
        };
        [
            (count(FoundBy::Words), "by its words", "by their words"),
            (count(FoundBy::Quote), "by a quote", "by a quote"),
            (
                count(FoundBy::End),
                "by an entity found",
                "by an entity found",
            ),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The rows the table lists: what the lens shows, and of that only what a search finds
/// while one is typed (unless every row was asked for).
struct Listed<'a> {
    lens: &'a Lens,
    found: Option<&'a Found>,
}

impl<'a> Listed<'a> {
    fn new(lens: &'a Lens, found: Option<&'a Found>, state: &TableState) -> Self {
        Self {
            lens,
            found: found.filter(|_| !state.every_row_while_searching),
        }
    }

    fn entity(&self, entity: EntityIdx) -> bool {
        self.lens.shows_entity(entity)
            && self
                .found
                .is_none_or(|f| f.entities.get(entity.0).copied().unwrap_or(false))
    }

    fn relation(&self, relation: RelationIdx) -> bool {
        self.lens.shows_relation(relation)
            && self.found.is_none_or(|f| f.relation(relation).is_some())
    }

    fn entities(&self, session: &Session) -> Vec<usize> {
        (0..session.dataset.entities.len())
            .filter(|&e| self.entity(EntityIdx(e)))
            .collect()
    }

    fn relations(&self, session: &Session) -> Vec<usize> {
        (0..session.dataset.relations.len())
            .filter(|&r| self.relation(RelationIdx(r)))
            .collect()
    }

    fn entity_count(&self, session: &Session) -> usize {
        match self.found {
            None => session.dataset.entities.len() - self.lens.hidden_entities,
            Some(_) => self.entities(session).len(),
        }
    }

    fn relation_count(&self, session: &Session) -> usize {
        match self.found {
            None => session.dataset.relations.len() - self.lens.hidden_relations,
            Some(_) => self.relations(session).len(),
        }
    }
}

/// `entity`'s sort key in `column`; `name_rank` gives an entity's place in name order (a
/// number compares faster than its name, and a table sorts the same names many times).
fn entity_key(
    session: &Session,
    entity: EntityIdx,
    column: EntityColumn,
    name_rank: &dyn Fn(EntityIdx) -> usize,
) -> Key {
    let e = session.dataset.entity(entity);
    let m = &session.index.measures;
    let number = |measure| Key::Number(m.value(measure, entity));
    match column {
        EntityColumn::Name => Key::Number(name_rank(entity) as f64),
        EntityColumn::Kind => Key::Text(e.map(|e| e.kind.label().to_owned()).unwrap_or_default()),
        EntityColumn::Country => Key::Text(e.and_then(|e| e.country.clone()).unwrap_or_default()),
        EntityColumn::Relations => number(Measure::Degree),
        EntityColumn::In => number(Measure::InDegree),
        EntityColumn::Out => number(Measure::OutDegree),
        EntityColumn::PageRank => number(Measure::PageRank),
        EntityColumn::Betweenness => number(Measure::Betweenness),
        EntityColumn::Attributes => Key::Text(
            e.map(|e| attributes_text(&e.attributes))
                .unwrap_or_default()
                .to_lowercase(),
        ),
    }
}

/// One entity's cell in `column`, as shown.
fn entity_cell(session: &Session, e: &Entity, entity: EntityIdx, column: EntityColumn) -> String {
    let m = &session.index.measures;
    match column {
        EntityColumn::Name => e.name.clone(),
        EntityColumn::Kind => e.kind.label().to_owned(),
        EntityColumn::Country => e.country.clone().unwrap_or_default(),
        EntityColumn::Relations => format!("{}", m.value(Measure::Degree, entity)),
        EntityColumn::In => format!("{}", m.value(Measure::InDegree, entity)),
        EntityColumn::Out => format!("{}", m.value(Measure::OutDegree, entity)),
        EntityColumn::PageRank => format!("{:.4}", m.value(Measure::PageRank, entity)),
        EntityColumn::Betweenness => format!("{:.4}", m.value(Measure::Betweenness, entity)),
        EntityColumn::Attributes => attributes_text(&e.attributes),
    }
}

/// `relation`'s sort key in `column`; `name_rank` as for [`entity_key`].
fn relation_key(
    session: &Session,
    relation: RelationIdx,
    column: RelationColumn,
    name_rank: &dyn Fn(EntityIdx) -> usize,
) -> Key {
    let dataset = &session.dataset;
    let Some(r) = dataset.relation(relation) else {
        return Key::Text(String::new());
    };
    match column {
        RelationColumn::From => Key::Number(name_rank(r.source) as f64),
        RelationColumn::Relation => Key::Text(r.hedged_phrase().to_lowercase()),
        RelationColumn::To => Key::Number(name_rank(r.target) as f64),
        RelationColumn::When => Key::Number(
            r.when
                .years()
                .map_or(f64::NAN, |(first, _)| f64::from(first)),
        ),
        RelationColumn::Weight => Key::Number(r.weight.unwrap_or(f64::NAN)),
        RelationColumn::Quotes => Key::Number(quotes(r) as f64),
        RelationColumn::Sources => Key::Number(f64::from(sources(session, relation))),
        RelationColumn::Label => {
            Key::Text(r.label_beyond_phrase().unwrap_or_default().to_lowercase())
        }
        RelationColumn::Attributes => Key::Text(attributes_text(&r.attributes).to_lowercase()),
    }
}

/// One relation's cell in `column`, as shown.
fn relation_cell(
    session: &Session,
    r: &Relation,
    relation: RelationIdx,
    column: RelationColumn,
) -> Cell {
    let name = |e: EntityIdx| {
        session
            .dataset
            .entity(e)
            .map_or("?".to_owned(), |e| e.name.clone())
    };
    let text = match column {
        RelationColumn::From => return Cell::name(name(r.source)),
        // The hedge, in the legend's word ("claimed"), is kept when a long phrase is cut:
        // "had a branch in (claim…" had lost what the evidence says of it.
        RelationColumn::Relation => {
            return Cell {
                text: r.phrase().to_owned(),
                kept_end: if r.status.is_hedged() {
                    format!(" ({})", r.status.as_str())
                } else {
                    String::new()
                },
                abridged: false,
            };
        }
        RelationColumn::To => return Cell::name(name(r.target)),
        RelationColumn::When => r.when.display().unwrap_or_default(),
        RelationColumn::Weight => r.weight.map(crate::words::number).unwrap_or_default(),
        RelationColumn::Quotes => quotes(r).to_string(),
        RelationColumn::Sources => sources(session, relation).to_string(),
        RelationColumn::Label => r.label_beyond_phrase().unwrap_or_default().to_owned(),
        RelationColumn::Attributes => attributes_text(&r.attributes),
    };
    text.into()
}

/// A column of counts up to `most`: as wide as its heading or its widest number, whichever
/// is wider.
fn count_fit(heading: f32, most: usize, text: &dyn Fn(&str) -> f32) -> Fit {
    let digits = most.max(1).to_string().len();
    Fit::fixed(heading.max(text(&"0".repeat(digits)) + 8.0))
}

/// The most quotes behind any relation of the session's dataset: counted once per dataset
/// (kept in egui's memory), as a frame at 100,000 relations has no time to count them.
fn most_quotes(ctx: &egui::Context, session: &Session) -> usize {
    let id = egui::Id::new(("table-most-quotes", session.id));
    if let Some(most) = ctx.data(|d| d.get_temp::<usize>(id)) {
        return most;
    }
    let most = session
        .dataset
        .relations
        .iter()
        .map(quotes)
        .max()
        .unwrap_or(0);
    ctx.data_mut(|d| d.insert_temp(id, most));
    most
}

/// The most relations any entity of a dataset has: in all, arriving and leaving.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MostRelations {
    all: usize,
    incoming: usize,
    outgoing: usize,
}

/// The most relations any entity of the session's dataset has: counted once per dataset
/// (kept in egui's memory), as [`most_quotes`].
fn most_relations(ctx: &egui::Context, session: &Session) -> MostRelations {
    let id = egui::Id::new(("table-most-relations", session.id));
    if let Some(most) = ctx.data(|d| d.get_temp::<MostRelations>(id)) {
        return most;
    }
    let measures = &session.index.measures;
    let most_of = |measure| measures.max(measure).max(0.0) as usize;
    let most = MostRelations {
        all: most_of(Measure::Degree),
        incoming: most_of(Measure::InDegree),
        outgoing: most_of(Measure::OutDegree),
    };
    ctx.data_mut(|d| d.insert_temp(id, most));
    most
}

/// The width the entity table's name column starts at: the longest name's, roughly, between
/// 160 and 300 points (names longer than that are clipped, whole on hover).
fn name_width(facets: &Facets) -> f32 {
    (facets.longest_name_chars as f32 * 7.5 + 24.0).clamp(160.0, 300.0)
}

/// Evidence with words quoted (not a bare citation).
fn quotes(r: &Relation) -> usize {
    r.evidence.iter().filter(|e| e.has_quote()).count()
}

/// Distinct documents behind a relation.
fn sources(session: &Session, relation: RelationIdx) -> u32 {
    session
        .index
        .documents_behind
        .get(relation.0)
        .copied()
        .unwrap_or(0)
}

/// "community=3; revenue=120": the file's own fields, in one cell.
fn attributes_text(attributes: &std::collections::BTreeMap<String, String>) -> String {
    attributes
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a table's row order depends on besides the rows shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct OrderKey {
    session: u64,
    kind: TableKind,
    sort_column: usize,
    ascending: bool,
    columns: usize,
}

impl OrderKey {
    fn of(session: &Session, state: &TableState, columns: usize) -> Self {
        Self {
            session: session.id,
            kind: state.kind,
            sort_column: state.sort_column,
            ascending: state.ascending,
            columns,
        }
    }
}

/// A table's rows in their sorted order, kept in egui's memory between frames.
#[derive(Clone)]
struct RowOrder {
    key: OrderKey,
    /// The rows the lens showed, in dataset order, when they were sorted.
    shown: Arc<Vec<usize>>,
    sorted: Arc<Vec<usize>>,
}

/// The `shown` rows in the order `sort` gives them, sorted again only when the rows, the
/// sort or the dataset changed: sorting 100,000 names (500,000 relations) every frame had
/// kept a big network's table from ever being still.
fn row_order(
    ui: &egui::Ui,
    key: OrderKey,
    shown: Vec<usize>,
    sort: impl FnOnce(Vec<usize>) -> Vec<usize>,
) -> Arc<Vec<usize>> {
    let id = egui::Id::new("table row order");
    let kept: Option<RowOrder> = ui.data(|data| data.get_temp(id));
    if let Some(kept) = kept
        && kept.key == key
        && *kept.shown == shown
    {
        return kept.sorted;
    }
    let started = std::time::Instant::now();
    let sorted = Arc::new(sort(shown.clone()));
    log::debug!(
        "table of {} rows sorted in {:?}",
        sorted.len(),
        started.elapsed()
    );
    let order = RowOrder {
        key,
        shown: Arc::new(shown),
        sorted: Arc::clone(&sorted),
    };
    ui.data_mut(|data| data.insert_temp(id, order));
    sorted
}

/// `rows` sorted by the chosen column; rows alike there by `tie`, ascending either way
/// (names in alphabetical order: ties had come in file order, "Motorola Solutions, ICF
/// International, Accenture"). Rows with nothing there (no date, no weight, an empty text)
/// come last either way: "latest first" had opened on 95 undated relations.
fn sorted<T: Copy>(
    rows: Vec<T>,
    state: &TableState,
    key: impl Fn(T) -> Key,
    tie: impl Fn(T) -> (usize, usize),
) -> Vec<T> {
    let keys: Vec<Key> = rows.iter().map(|&row| key(row)).collect();
    let numbers: Option<Vec<f64>> = keys
        .iter()
        .map(|key| match key {
            Key::Number(x) => Some(*x),
            Key::Text(_) => None,
        })
        .collect();
    // Text is sorted by each key's place among the distinct keys (exact as a number).
    let places = numbers.unwrap_or_else(|| {
        key_ranks(&keys)
            .into_iter()
            .zip(&keys)
            .map(|(rank, key)| match key {
                Key::Text(text) if text.is_empty() => f64::NAN,
                _ => rank as f64,
            })
            .collect()
    });
    let mut keyed: Vec<(f64, (usize, usize), T)> = rows
        .into_iter()
        .zip(places)
        .map(|(row, place)| (place, tie(row), row))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        let order = match (a.0.is_nan(), b.0.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            (false, false) if state.ascending => a.0.total_cmp(&b.0),
            (false, false) => b.0.total_cmp(&a.0),
        };
        order.then(a.1.cmp(&b.1))
    });
    keyed.into_iter().map(|(_, _, row)| row).collect()
}

/// Each key's place among the distinct keys, in their order: texts are compared once per
/// distinct value rather than at every step of the sort (500,000 relations name 100,000
/// entities, in a few kinds; comparing their texts in the sort took a second at that size).
fn key_ranks(keys: &[Key]) -> Vec<usize> {
    /// A key as a map can hold it: a number by its bits.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Distinct<'a> {
        Number(u64),
        Text(&'a str),
    }
    fn distinct_of(key: &Key) -> Distinct<'_> {
        match key {
            Key::Number(x) => Distinct::Number(x.to_bits()),
            Key::Text(text) => Distinct::Text(text),
        }
    }
    // Each key's slot among the distinct keys (in order of first appearance), one lookup each.
    let mut slot_of: std::collections::HashMap<Distinct<'_>, usize> =
        std::collections::HashMap::new();
    let mut first_of_slot: Vec<usize> = Vec::new();
    let slots: Vec<usize> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            *slot_of.entry(distinct_of(key)).or_insert_with(|| {
                first_of_slot.push(i);
                first_of_slot.len() - 1
            })
        })
        .collect();
    let mut in_order: Vec<usize> = (0..first_of_slot.len()).collect();
    in_order.sort_unstable_by(|&a, &b| {
        let (a, b) = (first_of_slot[a], first_of_slot[b]);
        keys[a]
            .partial_cmp(&keys[b])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut rank_of_slot = vec![0; in_order.len()];
    for (rank, &slot) in in_order.iter().enumerate() {
        rank_of_slot[slot] = rank;
    }
    slots.into_iter().map(|slot| rank_of_slot[slot]).collect()
}

/// Each entity's place in alphabetical order, by index.
fn name_ranks(session: &Session) -> Vec<usize> {
    let mut ranks = vec![0; session.dataset.entities.len()];
    for (rank, entity) in session.index.entities_by_name.iter().enumerate() {
        if let Some(slot) = ranks.get_mut(entity.0) {
            *slot = rank;
        }
    }
    ranks
}

/// Up and Down move the selection along the rows, in their order.
fn keyboard_step<T: PartialEq + Copy>(ui: &egui::Ui, rows: &[T], selected: Option<T>) -> Option<T> {
    if ui.ctx().egui_wants_keyboard_input() {
        return None;
    }
    let (down, up) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
        )
    });
    let at = selected.and_then(|s| rows.iter().position(|r| *r == s));
    match (down, up, at) {
        (true, _, Some(i)) => rows.get(i + 1).copied(),
        (true, _, None) => rows.first().copied(),
        (_, true, Some(i)) => i.checked_sub(1).and_then(|i| rows.get(i).copied()),
        _ => None,
    }
}

/// The heading row: each title a button that sorts by it (again: the other way).
fn header(
    table: TableBuilder<'_>,
    headings: &[Heading],
    state: &mut TableState,
    add_body: impl FnOnce(egui_extras::TableBody<'_>),
) {
    table
        .header(24.0, |mut header| {
            for (column, heading) in headings.iter().enumerate() {
                let title = heading.shown();
                header.col(|ui| {
                    ui.spacing_mut().button_padding.x = HEADING_PADDING;
                    let arrow = match (state.sort_column == column, state.ascending) {
                        (true, true) => "\u{2009}↑",
                        (true, false) => "\u{2009}↓",
                        (false, _) => "",
                    };
                    let button = ui.button(RichText::new(format!("{title}{arrow}")).strong());
                    // A short heading is read out by its full title.
                    if heading.short.is_some() {
                        let enabled = button.enabled();
                        let name = format!("{}{arrow}", heading.title);
                        button.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::WidgetType::Button, enabled, &name)
                        });
                    }
                    let button = match heading.hint {
                        Some(hint) => button.on_hover_text(hint),
                        None => button,
                    };
                    if button.clicked() {
                        if state.sort_column == column {
                            state.ascending = !state.ascending;
                        } else {
                            state.sort_column = column;
                            state.ascending = heading.ascending_first;
                        }
                    }
                });
            }
        })
        .body(add_body);
}

fn text_for(emphasis: Emphasis, text: String) -> RichText {
    let text = RichText::new(text);
    match emphasis {
        Emphasis::Selected | Emphasis::Highlighted => text.strong(),
        Emphasis::Faded => text.weak(),
        _ => text,
    }
}

/// How a column is sized to the room: never under `min` (its heading, or enough of a name to
/// tell rows apart), `preferred` where there is room, and what room is left beyond every
/// column's preferred width goes to the columns that `grow` (long text: a label, attributes).
/// Widths follow from the file and the room alone, never from the rows in view: sorting had
/// re-sized the columns as other rows came into view, and the layout jumped.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fit {
    min: f32,
    preferred: f32,
    grows: bool,
}

impl Fit {
    /// Numbers and short words: as wide as they need, no more.
    const fn fixed(width: f32) -> Self {
        Self::text(width, width)
    }

    /// Text that is cut (whole on hover) when the room is short.
    const fn text(min: f32, preferred: f32) -> Self {
        Self {
            min,
            preferred: preferred.max(min),
            grows: false,
        }
    }

    /// Long text that takes the room left.
    const fn growing(min: f32, preferred: f32) -> Self {
        Self {
            grows: true,
            ..Self::text(min, preferred)
        }
    }

    /// This column, taking a share of the room left over.
    const fn grown(self) -> Self {
        Self {
            grows: true,
            ..self
        }
    }
}

/// The columns' widths in `room` points, `spacing` apart: the table fits the room without
/// scrolling sideways (which had taken the From column, the row's name, out of view). Short
/// of room, each column gives up the same share of what it has beyond its minimum; only
/// when the minimums do not fit (a narrow window) is the table wider than the room.
fn fit_widths(fits: &[Fit], room: f32, spacing: f32) -> Vec<f32> {
    let room = room - spacing * fits.len().saturating_sub(1) as f32;
    let preferred: f32 = fits.iter().map(|f| f.preferred).sum();
    let least: f32 = fits.iter().map(|f| f.min).sum();
    let widths: Vec<f32> = if preferred <= room {
        let growing = fits.iter().filter(|f| f.grows).count();
        let extra = if growing == 0 {
            0.0
        } else {
            (room - preferred) / growing as f32
        };
        fits.iter()
            .map(|f| f.preferred + if f.grows { extra } else { 0.0 })
            .collect()
    } else if least >= room {
        fits.iter().map(|f| f.min).collect()
    } else {
        let kept = (room - least) / (preferred - least);
        fits.iter()
            .map(|f| f.min + (f.preferred - f.min) * kept)
            .collect()
    };
    // Whole points: a fraction over the room would bring a scroll bar for nothing.
    widths.into_iter().map(f32::floor).collect()
}

/// How wide a heading's button is with its sort arrow, whether shown or not: sorting by a
/// column does not widen it.
fn heading_width(ui: &egui::Ui, title: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(
        format!("{title}\u{2009}↓"),
        font,
        egui::Color32::PLACEHOLDER,
    );
    galley.size().x + 2.0 * HEADING_PADDING + 2.0
}

/// A heading button's padding either side of its title: half a button's, as eight headings
/// share the width beside the side panel.
const HEADING_PADDING: f32 = 4.0;

/// The width of the widest of `values` in a cell, by the measure `text`.
fn widest<'a>(values: impl Iterator<Item = &'a str>, text: &dyn Fn(&str) -> f32) -> f32 {
    values.map(text).fold(0.0, f32::max)
}

/// How wide `text` is in a cell.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.to_owned(), font, egui::Color32::PLACEHOLDER)
        .size()
        .x
}

/// A cell's text, and the words at its end that a cut keeps whole: a relation's hedge.
#[derive(Clone, Debug, Default, PartialEq)]
struct Cell {
    text: String,
    kept_end: String,
    /// A name, cut in its middle where it does not fit, keeping its last words.
    abridged: bool,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }
}

impl Cell {
    /// A name: where it does not fit, its first word, "…" and as many of its last words as
    /// fit, which tell it from its neighbours ("Huawei … across China", "Huawei … program"
    /// had been "Huawei Safe Citi…" and "Huawei Safe City…").
    fn name(text: String) -> Self {
        Self {
            text,
            abridged: true,
            ..Self::default()
        }
    }

    fn whole(&self) -> String {
        format!("{}{}", self.text, self.kept_end)
    }

    /// What is shown in `room` points, by the measure `width`: the whole text where it fits
    /// or where nothing need be kept (egui cuts it then), else as much of the text as fits
    /// before "…" and the kept end.
    fn fitted(&self, room: f32, width: &dyn Fn(&str) -> f32) -> String {
        let whole = self.whole();
        if width(&whole) <= room {
            return whole;
        }
        if self.abridged {
            return self.abridged_to(room, width);
        }
        if self.kept_end.is_empty() {
            return whole;
        }
        let with = |chars: usize| {
            let cut: String = self.text.chars().take(chars).collect();
            format!("{}…{}", cut.trim_end(), self.kept_end)
        };
        // The longest start that fits: widths grow with the characters kept.
        let (mut fits, mut over) = (0, self.text.chars().count());
        while over - fits > 1 {
            let middle = usize::midpoint(fits, over);
            if width(&with(middle)) <= room {
                fits = middle;
            } else {
                over = middle;
            }
        }
        with(fits)
    }

    /// The name cut in its middle to fit `room` ([`crate::words::abridged`]), or, where not
    /// even its first word and last fit, whole for egui to cut.
    fn abridged_to(&self, room: f32, width: &dyn Fn(&str) -> f32) -> String {
        let (mut fits, mut over) = (0, self.text.chars().count());
        while over - fits > 1 {
            let middle = usize::midpoint(fits, over);
            if width(&crate::words::abridged(&self.text, middle)) <= room {
                fits = middle;
            } else {
                over = middle;
            }
        }
        let cut = crate::words::abridged(&self.text, fits);
        if fits == 0 || width(&cut) > room {
            self.text.clone()
        } else {
            cut
        }
    }
}

/// Where the table notes, for the next frame's heading line, that its columns were cut.
fn short_of_room_id() -> egui::Id {
    egui::Id::new("table-short-of-room")
}

/// How one kind of record is listed: its columns, its cells and what selecting a row means.
struct Listing<'a, T> {
    /// Which table: each keeps its own state in egui's memory.
    id: &'static str,
    headings: &'a [Heading],
    fits: &'a [Fit],
    /// The column whose cell is a button (for the keyboard and screen readers).
    button_column: usize,
    cells: &'a dyn Fn(T) -> Option<Vec<Cell>>,
    emphasis: &'a dyn Fn(T) -> Emphasis,
    /// What picking a row asks: select it and bring it into view on the graph (a relation
    /// picked in the table had been lit as a 20-point stroke in the overview).
    show: fn(T) -> Command,
}

/// Draws `rows` (already filtered and sorted) as a table; a click or Up/Down selects.
fn rows_table<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    rows: &[T],
    selected: Option<T>,
    listing: &Listing<'_, T>,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let stepped = keyboard_step(ui, rows, selected);
    if let Some(next) = stepped {
        commands.push((listing.show)(next));
    }
    let scroll_to = stepped.and_then(|next| rows.iter().position(|r| *r == next));
    // Solid scroll bars, shown whenever there is more: egui's floating ones appear only under
    // the pointer, and a user missed the rows below the edge.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    // Only a window too narrow for every column's minimum scrolls sideways.
    egui::ScrollArea::horizontal()
        .id_salt("table-sideways")
        .show(ui, |ui| {
            // Columns a little closer than elsewhere: ten of them share 800 points.
            ui.spacing_mut().item_spacing.x = 6.0;
            let room = ui.available_width() - ui.spacing().scroll.allocated_width();
            let widths = fit_widths(listing.fits, room, ui.spacing().item_spacing.x);
            let spacing = ui.spacing().item_spacing.x * listing.fits.len() as f32;
            let preferred: f32 = listing.fits.iter().map(|f| f.preferred).sum::<f32>() + spacing;
            ui.data_mut(|d| d.insert_temp(short_of_room_id(), preferred > room + 1.0));
            // The columns differ with what the file holds: kept apart per set of them.
            let columns: Vec<&str> = listing.headings.iter().map(|h| h.title).collect();
            let mut table = TableBuilder::new(ui)
                .id_salt((listing.id, columns))
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(Align::Center));
            for &width in &widths {
                table = table.column(Column::exact(width).clip(true));
            }
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(Align::Center));
            }
            header(table, listing.headings, state, |body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(&record) = rows.get(row.index()) else {
                        return;
                    };
                    let Some(cells) = (listing.cells)(record) else {
                        return;
                    };
                    let emphasis = (listing.emphasis)(record);
                    let is_selected = selected == Some(record);
                    row.set_selected(is_selected);
                    let mut clicked = false;
                    for (column, cell) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            let is_button = column == listing.button_column;
                            let padding = if is_button {
                                2.0 * ui.spacing().button_padding.x
                            } else {
                                0.0
                            };
                            let room = ui.available_width() - padding;
                            let width = |text: &str| text_width(ui, text);
                            let whole = cell.whole();
                            let cut = width(&whole) > room;
                            let shown = text_for(emphasis, cell.fitted(room, &width));
                            // A cut cell shows its whole text on hover: a label egui cut
                            // does so itself, the button and a cell cut here are told.
                            let response = if is_button {
                                let response = ui.selectable_label(is_selected, shown);
                                clicked |= response.clicked();
                                response
                            } else {
                                ui.label(shown)
                            };
                            if cut && (is_button || !cell.kept_end.is_empty()) {
                                response.on_hover_text(whole);
                            }
                        });
                    }
                    if clicked || row.response().clicked() {
                        commands.push((listing.show)(record));
                    }
                });
            });
        });
}

fn entity_table(
    ui: &mut egui::Ui,
    session: &Session,
    (view, lens): (&View, &Lens),
    shown: Vec<usize>,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let columns = EntityColumn::shown(
        &session.index.facets,
        session.index.measures.betweenness.is_some(),
    );
    let column = columns[state.sort_column.min(columns.len() - 1)];
    let key = OrderKey::of(session, state, columns.len());
    let order = row_order(ui, key, shown, |shown| {
        let ranks = name_ranks(session);
        let rank = |e: usize| ranks.get(e).copied().unwrap_or(usize::MAX);
        let key = |e: usize| entity_key(session, EntityIdx(e), column, &|e| rank(e.0));
        sorted(shown, state, key, |e| (rank(e), 0))
    });
    let rows: Vec<EntityIdx> = order.iter().map(|&e| EntityIdx(e)).collect();
    let selected = match view.selection {
        Selection::Entity(e) => Some(e),
        _ => None,
    };
    let cells = |entity: EntityIdx| {
        let e = session.dataset.entity(entity)?;
        Some(
            columns
                .iter()
                .map(|&column| {
                    let text = entity_cell(session, e, entity, column);
                    if column == EntityColumn::Name {
                        Cell::name(text)
                    } else {
                        text.into()
                    }
                })
                .collect(),
        )
    };
    let headings: Vec<Heading> = columns.iter().map(|c| c.heading()).collect();
    let text = |t: &str| text_width(ui, t);
    let most = most_relations(ui.ctx(), session);
    let fits: Vec<Fit> = columns
        .iter()
        .zip(&headings)
        .map(|(&column, heading)| {
            let heading = heading_width(ui, heading.shown());
            column.fit(&session.index.facets, heading, &text, most)
        })
        .collect();
    let emphasis = |entity: EntityIdx| lens.entity(entity);
    let listing = Listing {
        id: "entities-table",
        headings: &headings,
        fits: &fits,
        button_column: 0,
        cells: &cells,
        emphasis: &emphasis,
        show: Command::Show,
    };
    rows_table(ui, &rows, selected, &listing, state, commands);
}

fn relation_table(
    ui: &mut egui::Ui,
    session: &Session,
    (view, lens): (&View, &Lens),
    shown: Vec<usize>,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let dataset = &session.dataset;
    let columns = RelationColumn::shown(&session.index.facets);
    let column = columns[state.sort_column.min(columns.len() - 1)];
    let key = OrderKey::of(session, state, columns.len());
    let order = row_order(ui, key, shown, |shown| {
        let ranks = name_ranks(session);
        let rank = |e: EntityIdx| ranks.get(e.0).copied().unwrap_or(usize::MAX);
        let ends = |r: usize| {
            dataset
                .relation(RelationIdx(r))
                .map_or((usize::MAX, usize::MAX), |r| {
                    (rank(r.source), rank(r.target))
                })
        };
        let key = |r: usize| relation_key(session, RelationIdx(r), column, &rank);
        sorted(shown, state, key, ends)
    });
    let rows: Vec<RelationIdx> = order.iter().map(|&r| RelationIdx(r)).collect();
    let selected = match view.selection {
        Selection::Relation(r) => Some(r),
        _ => None,
    };
    let cells = |relation: RelationIdx| {
        let r = dataset.relation(relation)?;
        Some(
            columns
                .iter()
                .map(|&column| relation_cell(session, r, relation, column))
                .collect(),
        )
    };
    let headings: Vec<Heading> = columns.iter().map(|c| c.heading()).collect();
    let text = |t: &str| text_width(ui, t);
    let most_quotes = most_quotes(ui.ctx(), session);
    let fits: Vec<Fit> = columns
        .iter()
        .zip(&headings)
        .map(|(&column, heading)| {
            let heading = heading_width(ui, heading.shown());
            column.fit(&session.index.facets, heading, &text, most_quotes)
        })
        .collect();
    let emphasis = |relation: RelationIdx| lens.relation(relation);
    let listing = Listing {
        id: "relations-table",
        headings: &headings,
        fits: &fits,
        button_column: 1,
        cells: &cells,
        emphasis: &emphasis,
        show: Command::ShowRelation,
    };
    rows_table(ui, &rows, selected, &listing, state, commands);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationStatus;

    #[test]
    fn the_row_order_is_kept_until_the_rows_the_sort_or_the_dataset_change() {
        let ctx = egui::Context::default();
        let sorts = std::cell::Cell::new(0);
        let order_of = |key: OrderKey, shown: &[usize]| {
            let mut order = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let sorted = row_order(ui, key, shown.to_vec(), |mut rows| {
                    sorts.set(sorts.get() + 1);
                    rows.reverse();
                    rows
                });
                order = sorted.to_vec();
            });
            // No renderer here: the font atlas updates are dropped on purpose.
            output.textures_delta.clear();
            order
        };
        let key = OrderKey {
            session: 7,
            kind: TableKind::Entities,
            sort_column: 0,
            ascending: true,
            columns: 4,
        };
        assert_eq!(order_of(key, &[1, 2, 3]), [3, 2, 1]);
        assert_eq!(order_of(key, &[1, 2, 3]), [3, 2, 1]);
        assert_eq!(sorts.get(), 1, "the same rows are not sorted again");
        // Other rows shown, another column, another dataset: sorted again.
        assert_eq!(order_of(key, &[1, 3]), [3, 1]);
        let by_kind = OrderKey {
            sort_column: 1,
            ..key
        };
        order_of(by_kind, &[1, 3]);
        let next_file = OrderKey {
            session: 8,
            ..by_kind
        };
        order_of(next_file, &[1, 3]);
        assert_eq!(sorts.get(), 4);
    }

    #[test]
    fn equal_texts_share_a_place_and_places_follow_the_natural_order() {
        let keys: Vec<Key> = ["node 10", "node 2", "beta", "node 2", "beta"]
            .iter()
            .map(|t| Key::Text((*t).to_owned()))
            .chain([Key::Number(5.0)])
            .collect();
        // Numbers before text; "node 2" before "node 10".
        assert_eq!(key_ranks(&keys), [3, 2, 1, 2, 1, 0]);
    }

    #[test]
    fn numbers_sort_as_numbers_and_the_order_can_be_reversed() {
        let rows = vec![0usize, 1, 2];
        let values = [10.0, 9.0, 100.0];
        let mut state = TableState {
            sort_column: 3,
            ascending: true,
            ..TableState::default()
        };
        let none = |_| (0, 0);
        assert_eq!(
            sorted(rows.clone(), &state, |i| Key::Number(values[i]), none),
            [1, 0, 2]
        );
        state.ascending = false;
        assert_eq!(
            sorted(rows, &state, |i| Key::Number(values[i]), none),
            [2, 0, 1]
        );
    }

    #[test]
    fn rows_with_nothing_in_the_column_come_last_either_way() {
        let rows = vec![0usize, 1, 2, 3];
        let dates = [f64::NAN, 2015.0, f64::NAN, 2009.0];
        let labels = ["", "b", "a", ""];
        let mut state = TableState {
            ascending: true,
            ..TableState::default()
        };
        let tie = |i: usize| (i, 0);
        let by_date =
            |state: &TableState| sorted(rows.clone(), state, |i| Key::Number(dates[i]), tie);
        let by_label = |state: &TableState| {
            sorted(
                rows.clone(),
                state,
                |i| Key::Text(labels[i].to_owned()),
                tie,
            )
        };
        assert_eq!(by_date(&state), [3, 1, 0, 2]);
        assert_eq!(by_label(&state), [2, 1, 0, 3]);
        state.ascending = false;
        assert_eq!(by_date(&state), [1, 3, 0, 2]);
        assert_eq!(by_label(&state), [1, 2, 0, 3]);
    }

    #[test]
    fn rows_alike_in_the_column_come_in_the_tie_order_either_way() {
        let rows = vec![0usize, 1, 2, 3];
        let values = [1.0, 2.0, 1.0, 2.0];
        let names = [3, 2, 1, 0];
        let mut state = TableState {
            ascending: true,
            ..TableState::default()
        };
        let order = |state: &TableState| {
            sorted(
                rows.clone(),
                state,
                |i| Key::Number(values[i]),
                |i| (names[i], 0),
            )
        };
        assert_eq!(order(&state), [2, 0, 3, 1]);
        state.ascending = false;
        assert_eq!(order(&state), [3, 1, 2, 0]);
    }

    #[test]
    fn names_with_numbers_sort_by_their_value() {
        let names = ["10", "2", "node 10", "node 9", "1"];
        let state = TableState {
            ascending: true,
            ..TableState::default()
        };
        let order = sorted(
            (0..names.len()).collect(),
            &state,
            |i| Key::Text(names[i].to_owned()),
            |_| (0, 0),
        );
        let order: Vec<&str> = order.into_iter().map(|i| names[i]).collect();
        assert_eq!(order, ["1", "2", "10", "node 9", "node 10"]);
    }

    #[test]
    fn columns_that_would_say_nothing_in_every_row_are_left_out() {
        use EntityColumn::{
            Attributes, Betweenness, Country, In, Kind, Name, Out, PageRank, Relations,
        };
        let mut facets = Facets::default();
        facets.entity_kinds.insert(EntityKind::Other, 3);
        facets.countries.insert(String::new(), 3);
        assert_eq!(
            EntityColumn::shown(&facets, false),
            [Name, Relations, PageRank]
        );
        facets.entity_kinds.insert(EntityKind::Company, 1);
        facets.countries.insert("China".to_owned(), 1);
        facets.directed_relations = 1;
        facets.entity_attribute_keys.push("revenue".to_owned());
        assert_eq!(
            EntityColumn::shown(&facets, true),
            [
                Name,
                Kind,
                Country,
                Relations,
                In,
                Out,
                PageRank,
                Betweenness,
                Attributes
            ]
        );
    }

    #[test]
    fn relation_columns_say_something_in_some_row() {
        use RelationColumn::{
            Attributes, From, Label, Quotes, Relation, Sources, To, Weight, When,
        };
        // A plain edge list: no dates, no status, no evidence.
        let mut facets = Facets::default();
        facets.statuses.insert(RelationStatus::Reported, 3);
        assert_eq!(RelationColumn::shown(&facets), [From, Relation, To]);
        // With nothing else to take the room, the names and the phrase share it; the phrase
        // is as wide as its words measure.
        let wide = |t: &str| t.chars().count() as f32 * 8.0;
        facets
            .relation_kinds
            .insert(crate::model::RelationKind::PartneredWith, 3);
        facets.longest_phrase_chars = "partnered with".len();
        let plain: Vec<Fit> = [From, Relation, To]
            .iter()
            .map(|c| c.fit(&facets, 50.0, &wide, 1))
            .collect();
        assert!(plain.iter().all(|fit| fit.grows), "{plain:?}");
        assert_eq!(plain[1].preferred, 14.0 * 8.0 + 16.0);
        facets.relation_kinds.clear();
        facets.statuses.insert(RelationStatus::Alleged, 1);
        facets.dated_relations = 1;
        facets.weighted_relations = 1;
        facets.quoted_relations = 1;
        facets.sourced_relations = 1;
        facets.described_relations = 1;
        facets.relation_attribute_keys.push("amount".to_owned());
        let all = RelationColumn::shown(&facets);
        assert_eq!(
            all,
            [
                From, Relation, To, When, Weight, Quotes, Sources, Label, Attributes
            ]
        );
        // The label takes the room left; the Relation column wants the longest phrase,
        // within limits.
        let text = |t: &str| t.chars().count() as f32 * 7.0;
        assert!(Label.fit(&facets, 50.0, &text, 1).grows);
        assert!(!From.fit(&facets, 50.0, &text, 1).grows);
        let relation = |facets: &Facets| Relation.fit(facets, 70.0, &text, 1).preferred;
        // Some relation is alleged: the phrase's hedge, " (alleged)", follows it.
        facets.longest_phrase_chars = 8;
        assert_eq!(relation(&facets), (8.0 + 10.0) * 7.0 + 16.0);
        facets.longest_phrase_chars = 60;
        assert_eq!(relation(&facets), 240.0);
        facets.statuses.remove(&RelationStatus::Alleged);
        facets.longest_phrase_chars = 8;
        assert_eq!(relation(&facets), 100.0);
        facets.longest_phrase_chars = 24;
        assert_eq!(relation(&facets), 184.0);
        // A count's column is as wide as its short heading, with or without the sort arrow,
        // or as its widest number: the most quotes behind a relation, the most documents.
        assert_eq!(Quotes.fit(&facets, 30.0, &text, 2), Fit::fixed(30.0));
        assert_eq!(
            Quotes.fit(&facets, 30.0, &text, 1234),
            Fit::fixed(4.0 * 7.0 + 8.0)
        );
        facets.most_sources = 12;
        assert_eq!(Sources.fit(&facets, 30.0, &text, 1), Fit::fixed(30.0));
        facets.most_sources = 12_345;
        assert_eq!(
            Sources.fit(&facets, 30.0, &text, 1),
            Fit::fixed(5.0 * 7.0 + 8.0)
        );
    }

    /// The counts' headings are short ("Q", "D", "Rel."), named in full for screen readers
    /// and on hover: "Quotes", "Docs" and "Relations" had been 75, 60 and about 80 points over
    /// one or two digits, at 720p beside the panel, while the names beside them were cut.
    #[test]
    fn count_columns_have_short_headings_named_in_full() {
        for (column, short, name) in [
            (RelationColumn::Quotes, "Q", "Quotes"),
            (RelationColumn::Sources, "D", "Docs"),
        ] {
            let heading = column.heading();
            assert_eq!((heading.shown(), heading.title), (short, name));
            assert!(heading.hint.is_some_and(|hint| hint.starts_with(name)));
            assert!(!heading.ascending_first, "largest first");
        }
        assert_eq!(RelationColumn::From.heading().shown(), "From");
        // The entity table's count of relations too, and as wide as its widest count: a
        // hub of 1,234 relations keeps its digits, beside In and Out which do the same.
        let relations = EntityColumn::Relations.heading();
        assert_eq!((relations.shown(), relations.title), ("Rel.", "Relations"));
        assert!(
            relations
                .hint
                .is_some_and(|hint| hint.starts_with("Relations"))
        );
        let text = |t: &str| t.chars().count() as f32 * 7.0;
        let most = MostRelations {
            all: 1234,
            incoming: 5,
            outgoing: 0,
        };
        let facets = Facets::default();
        let fit = |column: EntityColumn| column.fit(&facets, 30.0, &text, most);
        assert_eq!(fit(EntityColumn::Relations), Fit::fixed(4.0 * 7.0 + 8.0));
        assert_eq!(fit(EntityColumn::In), Fit::fixed(30.0));
        assert_eq!(fit(EntityColumn::Out), Fit::fixed(30.0));
    }

    #[test]
    fn a_cut_keeps_the_hedge_at_the_end() {
        let width = |t: &str| t.chars().count() as f32 * 10.0;
        let hedged = Cell {
            text: "had a branch in".to_owned(),
            kept_end: " (claimed)".to_owned(),
            abridged: false,
        };
        // Room for it all: whole.
        assert_eq!(hedged.fitted(250.0, &width), "had a branch in (claimed)");
        // Short of room: the phrase is cut, the hedge kept, and the result fits.
        let cut = hedged.fitted(180.0, &width);
        assert_eq!(cut, "had a b… (claimed)");
        assert!(width(&cut) <= 180.0);
        let cut = hedged.fitted(200.0, &width);
        assert_eq!(cut, "had a bra… (claimed)");
        // Nothing to keep: left whole for egui to cut.
        let plain = Cell::from("had a branch in".to_owned());
        assert_eq!(plain.fitted(50.0, &width), "had a branch in");
    }

    #[test]
    fn a_name_cut_keeps_its_last_words_to_tell_it_from_its_neighbours() {
        let width = |t: &str| t.chars().count() as f32 * 10.0;
        let cities = Cell::name("Huawei Safe Cities across China".to_owned());
        let program = Cell::name("Huawei Safe City program".to_owned());
        let (a, b) = (cities.fitted(200.0, &width), program.fitted(200.0, &width));
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("Huawei … China", "Huawei … program")
        );
        assert!(width(&a) <= 200.0 && width(&b) <= 200.0);
        // Room for it: whole; no room for its ends: cut at the end.
        assert_eq!(program.fitted(300.0, &width), "Huawei Safe City program");
        assert_eq!(program.fitted(50.0, &width), "Huaw…");
    }

    #[test]
    fn columns_fit_the_room_the_long_text_taking_what_is_left() {
        let fits = [
            Fit::text(110.0, 180.0),
            Fit::fixed(60.0),
            Fit::growing(160.0, 360.0),
        ];
        // Room to spare: each its preferred width, the label the rest.
        assert_eq!(fit_widths(&fits, 1000.0, 10.0), [180.0, 60.0, 740.0]);
        // Short of room: the name and the label give up the same share of their stretch,
        // the number keeps its heading, and together they fill the room.
        let widths = fit_widths(&fits, 500.0, 10.0);
        assert_eq!(widths[1], 60.0);
        assert!(widths[0] > 110.0 && widths[0] < 180.0, "{widths:?}");
        assert!(widths[2] > 160.0 && widths[2] < 360.0, "{widths:?}");
        let total: f32 = widths.iter().sum::<f32>() + 20.0;
        assert!(total <= 500.0 && total > 497.0, "{total}");
        // Too narrow for the minimums: those, and the table scrolls sideways.
        assert_eq!(fit_widths(&fits, 200.0, 10.0), [110.0, 60.0, 160.0]);
    }

    /// At 1280×720 beside the side panel, the relation table's counts take a column of about
    /// a digit's width each, and a click on their heading still sorts by them, largest first.
    #[test]
    fn count_columns_are_narrow_and_sort_by_their_numbers() {
        use egui_kittest::kittest::{NodeT, Queryable};
        type Harness = egui_kittest::Harness<'static, crate::ChainsightApp>;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 720.0))
            .build_eframe(|cc| crate::ChainsightApp::new(cc, crate::StartupOptions::default()));
        harness.run_steps(3);
        harness.get_by_label("Table").click();
        harness.run_steps(3);
        harness.get_by_label_contains("Relations (").click();
        harness.run_steps(3);
        // A heading by its full name, whether sorted by (its arrow after a thin space) or not.
        let left_of = |harness: &Harness, name: &str| {
            ["", "\u{2009}↑", "\u{2009}↓"]
                .iter()
                .find_map(|arrow| {
                    let label = format!("{name}{arrow}");
                    let left = harness.query_all_by_label(&label).last()?.rect().left();
                    Some(left)
                })
                .unwrap_or_else(|| panic!("a heading {name}"))
        };
        let (quotes, docs, label) = (
            left_of(&harness, "Quotes"),
            left_of(&harness, "Docs"),
            left_of(&harness, "Label"),
        );
        // Each with the space between columns: "Quotes" had taken 75, "Docs" 60.
        assert!(docs - quotes < 45.0, "Quotes {}", docs - quotes);
        assert!(label - docs < 45.0, "Docs {}", label - docs);
        harness.query_all_by_label("Quotes").last().unwrap().click();
        harness.run_steps(3);
        assert!(
            (left_of(&harness, "Quotes") - quotes).abs() < 0.5,
            "sorting kept it"
        );
        harness.get_by_label("Quotes\u{2009}↓");
        let header = harness.get_by_label("Quotes\u{2009}↓").rect().bottom();
        let mut cells: Vec<(f32, usize)> = harness
            .query_all_by_role(egui::accesskit::Role::Label)
            .filter(|node| {
                let rect = node.rect();
                rect.top() > header && (quotes..docs).contains(&rect.center().x)
            })
            .filter_map(|node| {
                let number = node.accesskit_node().value()?.parse().ok()?;
                Some((node.rect().top(), number))
            })
            .collect();
        cells.sort_by(|a, b| a.0.total_cmp(&b.0));
        let numbers: Vec<usize> = cells.into_iter().map(|(_, n)| n).collect();
        assert!(numbers.len() > 5, "{numbers:?}");
        let most = (harness.state().session().dataset.relations.iter())
            .map(super::quotes)
            .max();
        assert_eq!(numbers.first().copied(), most);
        assert!(numbers.windows(2).all(|w| w[0] >= w[1]), "{numbers:?}");
    }
}
