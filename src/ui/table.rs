//! The table: entities or relations as sortable rows, showing what the lens shows — the
//! keyboard's and the screen reader's way through the data. A click (or Up/Down) selects,
//! on the graph too.

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::measures::Measure;
use crate::model::{EntityIdx, RelationIdx};
use crate::session::Session;
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

const ENTITY_COLUMNS: [&str; 9] = [
    "Name",
    "Kind",
    "Country",
    "Relations",
    "In",
    "Out",
    "PageRank",
    "Betweenness",
    "Attributes",
];
const RELATION_COLUMNS: [&str; 7] = [
    "From", "Relation", "To", "When", "Status", "Quotes", "Sources",
];

/// A cell's sort key: numbers sort as numbers, text as lower-case text.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
enum Key {
    Number(f64),
    Text(String),
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

fn entity_key(session: &Session, entity: EntityIdx, column: usize) -> Key {
    let e = session.dataset.entity(entity);
    let m = &session.index.measures;
    match column {
        0 => Key::Text(e.map(|e| e.name.to_lowercase()).unwrap_or_default()),
        1 => Key::Text(e.map(|e| e.kind.label().to_owned()).unwrap_or_default()),
        2 => Key::Text(e.and_then(|e| e.country.clone()).unwrap_or_default()),
        3 => Key::Number(m.value(Measure::Degree, entity)),
        4 => Key::Number(m.value(Measure::InDegree, entity)),
        5 => Key::Number(m.value(Measure::OutDegree, entity)),
        6 => Key::Number(m.value(Measure::PageRank, entity)),
        7 => Key::Number(m.value(Measure::Betweenness, entity)),
        _ => Key::Text(e.map(attributes_text).unwrap_or_default().to_lowercase()),
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
        1 => Key::Text(r.display_label().to_lowercase()),
        2 => Key::Text(name(r.target)),
        3 => Key::Number(
            r.when
                .years()
                .map_or(f64::MAX, |(first, _)| f64::from(first)),
        ),
        4 => Key::Text(r.status.as_str().to_owned()),
        5 => Key::Number(r.evidence.len() as f64),
        _ => Key::Number(f64::from(
            session
                .index
                .independent_sources
                .get(relation.0)
                .copied()
                .unwrap_or(0),
        )),
    }
}

/// "community=3; revenue=120": the file's own fields, in one cell.
fn attributes_text(entity: &crate::model::Entity) -> String {
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
    titles: &[&str],
    state: &mut TableState,
    add_body: impl FnOnce(egui_extras::TableBody<'_>),
) {
    table
        .header(24.0, |mut header| {
            for (column, title) in titles.iter().enumerate() {
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
                            state.ascending = column < 3;
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
    titles: &'a [&'a str],
    /// Leading columns given a wide, clipped column (names).
    wide_columns: usize,
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
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .columns(
            Column::initial(220.0)
                .at_least(100.0)
                .clip(true)
                .resizable(true),
            listing.wide_columns,
        )
        .columns(
            Column::auto().at_least(60.0).resizable(true),
            listing.titles.len() - listing.wide_columns,
        );
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    header(table, listing.titles, state, |body| {
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
    let column = state.sort_column.min(ENTITY_COLUMNS.len() - 1);
    let rows = sorted(rows, state, |e| entity_key(session, e, column));
    let selected = match view.selection {
        Selection::Entity(e) => Some(e),
        _ => None,
    };
    let m = &session.index.measures;
    let cells = |entity: EntityIdx| {
        let e = session.dataset.entity(entity)?;
        Some(vec![
            e.name.clone(),
            e.kind.label().to_owned(),
            e.country.clone().unwrap_or_default(),
            format!("{}", m.value(Measure::Degree, entity)),
            format!("{}", m.value(Measure::InDegree, entity)),
            format!("{}", m.value(Measure::OutDegree, entity)),
            format!("{:.4}", m.value(Measure::PageRank, entity)),
            m.betweenness
                .as_ref()
                .map(|_| format!("{:.4}", m.value(Measure::Betweenness, entity)))
                .unwrap_or_default(),
            attributes_text(e),
        ])
    };
    let emphasis = |entity: EntityIdx| lens.entity(entity);
    let listing = Listing {
        titles: &ENTITY_COLUMNS,
        wide_columns: 1,
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
    let column = state.sort_column.min(RELATION_COLUMNS.len() - 1);
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
            r.display_label().to_owned(),
            name(r.target),
            r.when.display().unwrap_or_default(),
            r.status.label().to_owned(),
            r.evidence.len().to_string(),
            sources.unwrap_or(0).to_string(),
        ])
    };
    let emphasis = |relation: RelationIdx| lens.relation(relation);
    let listing = Listing {
        titles: &RELATION_COLUMNS,
        wide_columns: 3,
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
}
