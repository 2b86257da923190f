//! The table: entities or relations as sortable rows, showing what the lens shows — the
//! keyboard's and the screen reader's way through the data. A click (or Up/Down) selects,
//! on the graph too.

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::measures::Measure;
use crate::model::{Entity, EntityIdx, EntityKind, RelationIdx};
use crate::session::{Facets, Session};
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
}

impl Default for TableState {
    fn default() -> Self {
        Self {
            kind: TableKind::Entities,
            sort_column: 0,
            ascending: true,
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
        heading(
            self.title(),
            matches!(self, Self::Name | Self::Kind | Self::Country),
        )
    }
}

/// A column's heading: its title, and whether a first click sorts it ascending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Heading {
    title: &'static str,
    ascending_first: bool,
}

const fn heading(title: &'static str, ascending_first: bool) -> Heading {
    Heading {
        title,
        ascending_first,
    }
}

/// Names A to Z; the date, status and counts latest and largest first. "Relation" is what the
/// relation is ("supplied", or the file's own kind); "Label" its description, where it has one
/// that says more.
const RELATION_HEADINGS: [Heading; 8] = [
    heading("From", true),
    heading("Relation", true),
    heading("To", true),
    heading("When", false),
    heading("Status", false),
    heading("Quotes", false),
    heading("Sources", false),
    heading("Label", true),
];

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
    let dataset = &session.dataset;
    let shown_entities = dataset.entities.len() - lens.hidden_entities;
    let shown_relations = dataset.relations.len() - lens.hidden_relations;
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut state.kind,
            TableKind::Entities,
            format!("Entities ({shown_entities})"),
        );
        ui.selectable_value(
            &mut state.kind,
            TableKind::Relations,
            format!("Relations ({shown_relations})"),
        );
        ui.label(
            RichText::new("Click a row or use ↑ ↓ to select; click a heading to sort.").weak(),
        );
    });
    match state.kind {
        TableKind::Entities => entity_table(ui, session, view, lens, state, commands),
        TableKind::Relations => relation_table(ui, session, view, lens, state, commands),
    }
}

fn entity_key(session: &Session, entity: EntityIdx, column: EntityColumn) -> Key {
    let e = session.dataset.entity(entity);
    let m = &session.index.measures;
    let number = |measure| Key::Number(m.value(measure, entity));
    match column {
        EntityColumn::Name => Key::Text(e.map(|e| e.name.to_lowercase()).unwrap_or_default()),
        EntityColumn::Kind => Key::Text(e.map(|e| e.kind.label().to_owned()).unwrap_or_default()),
        EntityColumn::Country => Key::Text(e.and_then(|e| e.country.clone()).unwrap_or_default()),
        EntityColumn::Relations => number(Measure::Degree),
        EntityColumn::In => number(Measure::InDegree),
        EntityColumn::Out => number(Measure::OutDegree),
        EntityColumn::PageRank => number(Measure::PageRank),
        EntityColumn::Betweenness => number(Measure::Betweenness),
        EntityColumn::Attributes => {
            Key::Text(e.map(attributes_text).unwrap_or_default().to_lowercase())
        }
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
        EntityColumn::Attributes => attributes_text(e),
    }
}

fn relation_key(session: &Session, relation: RelationIdx, column: usize) -> Key {
    let dataset = &session.dataset;
    let Some(r) = dataset.relation(relation) else {
        return Key::Text(String::new());
    };
    let name = |e: EntityIdx| {
        dataset
            .entity(e)
            .map(|e| e.name.to_lowercase())
            .unwrap_or_default()
    };
    match column {
        0 => Key::Text(name(r.source)),
        1 => Key::Text(r.phrase().to_lowercase()),
        2 => Key::Text(name(r.target)),
        3 => Key::Number(
            r.when
                .years()
                .map_or(f64::MAX, |(first, _)| f64::from(first)),
        ),
        4 => Key::Text(r.status.as_str().to_owned()),
        5 => Key::Number(r.evidence.len() as f64),
        6 => Key::Number(f64::from(
            session
                .index
                .independent_sources
                .get(relation.0)
                .copied()
                .unwrap_or(0),
        )),
        _ => Key::Text(r.label_beyond_phrase().unwrap_or_default().to_lowercase()),
    }
}

/// "community=3; revenue=120": the file's own fields, in one cell.
fn attributes_text(entity: &Entity) -> String {
    entity
        .attributes
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `rows` sorted by the chosen column.
fn sorted<T: Copy>(rows: Vec<T>, state: &TableState, key: impl Fn(T) -> Key) -> Vec<T> {
    let mut keyed: Vec<(Key, T)> = rows.into_iter().map(|row| (key(row), row)).collect();
    keyed.sort_by(|a, b| {
        let order = a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal);
        if state.ascending {
            order
        } else {
            order.reverse()
        }
    });
    keyed.into_iter().map(|(_, row)| row).collect()
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
                let title = heading.title;
                header.col(|ui| {
                    let arrow = match (state.sort_column == column, state.ascending) {
                        (true, true) => " ↑",
                        (true, false) => " ↓",
                        (false, _) => "",
                    };
                    if ui
                        .button(RichText::new(format!("{title}{arrow}")).strong())
                        .clicked()
                    {
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

/// How one kind of record is listed: its columns, its cells and what selecting a row means.
struct Listing<'a, T> {
    headings: &'a [Heading],
    /// The widths the leading columns start at, clipped and resizable (names, and the
    /// relation between two names).
    wide_columns: &'a [f32],
    /// Whether the last column (a description) takes the room left, clipped.
    last_fills: bool,
    /// The column whose cell is a button (for the keyboard and screen readers).
    button_column: usize,
    cells: &'a dyn Fn(T) -> Option<Vec<String>>,
    emphasis: &'a dyn Fn(T) -> Emphasis,
    select: fn(T) -> Selection,
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
        commands.push(Command::Select((listing.select)(next)));
    }
    let scroll_to = stepped.and_then(|next| rows.iter().position(|r| *r == next));
    // Wider than the panel (eight columns beside the side panel at 1280 points), the table
    // scrolls sideways rather than cutting the last columns off.
    // Solid scroll bars, shown whenever there is more: egui's floating ones appear only under
    // the pointer, and a user missed the columns beyond the edge.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::horizontal()
        .id_salt("table-sideways")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(Align::Center));
            // Fitted to the room, egui_extras shrinks columns from the right: "To" came
            // down to ten characters while "From" kept its width. Names keep most of theirs;
            // the table scrolls sideways instead.
            for &width in listing.wide_columns {
                table = table.column(
                    Column::initial(width)
                        .at_least(width * 0.85)
                        .clip(true)
                        .resizable(true),
                );
            }
            table = table.columns(
                Column::auto().at_least(60.0).resizable(true),
                listing.headings.len()
                    - listing.wide_columns.len()
                    - usize::from(listing.last_fills),
            );
            if listing.last_fills {
                table = table.column(Column::remainder().at_least(120.0).clip(true));
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
                    for (column, text) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            if column == listing.button_column {
                                clicked |= ui
                                    .selectable_label(is_selected, text_for(emphasis, text))
                                    .clicked();
                            } else {
                                ui.label(text_for(emphasis, text));
                            }
                        });
                    }
                    if clicked || row.response().clicked() {
                        commands.push(Command::Select((listing.select)(record)));
                    }
                });
            });
        });
}

fn entity_table(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let rows: Vec<EntityIdx> = (0..session.dataset.entities.len())
        .map(EntityIdx)
        .filter(|&e| lens.shows_entity(e))
        .collect();
    let columns = EntityColumn::shown(
        &session.index.facets,
        session.index.measures.betweenness.is_some(),
    );
    let column = columns[state.sort_column.min(columns.len() - 1)];
    let rows = sorted(rows, state, |e| entity_key(session, e, column));
    let selected = match view.selection {
        Selection::Entity(e) => Some(e),
        _ => None,
    };
    let cells = |entity: EntityIdx| {
        let e = session.dataset.entity(entity)?;
        Some(
            columns
                .iter()
                .map(|&column| entity_cell(session, e, entity, column))
                .collect(),
        )
    };
    let headings: Vec<Heading> = columns.iter().map(|c| c.heading()).collect();
    let emphasis = |entity: EntityIdx| lens.entity(entity);
    let listing = Listing {
        headings: &headings,
        wide_columns: &[180.0],
        last_fills: false,
        button_column: 0,
        cells: &cells,
        emphasis: &emphasis,
        select: Selection::Entity,
    };
    rows_table(ui, &rows, selected, &listing, state, commands);
}

fn relation_table(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    state: &mut TableState,
    commands: &mut Vec<Command>,
) {
    let dataset = &session.dataset;
    let rows: Vec<RelationIdx> = (0..dataset.relations.len())
        .map(RelationIdx)
        .filter(|&r| lens.shows_relation(r))
        .collect();
    let column = state.sort_column.min(RELATION_HEADINGS.len() - 1);
    let rows = sorted(rows, state, |r| relation_key(session, r, column));
    let selected = match view.selection {
        Selection::Relation(r) => Some(r),
        _ => None,
    };
    let name = |e: EntityIdx| dataset.entity(e).map_or("?".to_owned(), |e| e.name.clone());
    let cells = |relation: RelationIdx| {
        let r = dataset.relation(relation)?;
        let sources = session.index.independent_sources.get(relation.0).copied();
        Some(vec![
            name(r.source),
            r.phrase().to_owned(),
            name(r.target),
            r.when.display().unwrap_or_default(),
            // The legend's word ("claimed"), not the panel's sentence: the column stays narrow.
            r.status.as_str().to_owned(),
            r.evidence.len().to_string(),
            sources.unwrap_or(0).to_string(),
            r.label_beyond_phrase().unwrap_or_default().to_owned(),
        ])
    };
    let emphasis = |relation: RelationIdx| lens.relation(relation);
    let listing = Listing {
        headings: &RELATION_HEADINGS,
        // From and To alike; the relation's words are short.
        wide_columns: &[180.0, 120.0, 180.0],
        last_fills: true,
        button_column: 1,
        cells: &cells,
        emphasis: &emphasis,
        select: Selection::Relation,
    };
    rows_table(ui, &rows, selected, &listing, state, commands);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_numbers_and_the_order_can_be_reversed() {
        let rows = vec![0usize, 1, 2];
        let values = [10.0, 9.0, 100.0];
        let mut state = TableState {
            sort_column: 3,
            ascending: true,
            ..TableState::default()
        };
        assert_eq!(
            sorted(rows.clone(), &state, |i| Key::Number(values[i])),
            [1, 0, 2]
        );
        state.ascending = false;
        assert_eq!(sorted(rows, &state, |i| Key::Number(values[i])), [2, 0, 1]);
    }

    #[test]
    fn names_with_numbers_sort_by_their_value() {
        let names = ["10", "2", "node 10", "node 9", "1"];
        let state = TableState {
            ascending: true,
            ..TableState::default()
        };
        let order = sorted((0..names.len()).collect(), &state, |i| {
            Key::Text(names[i].to_owned())
        });
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
}
