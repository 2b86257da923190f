//! The table: entities or relations as sortable rows, showing what the lens shows — the
//! keyboard's and the screen reader's way through the data. A click (or Up/Down) selects,
//! on the graph too.

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::command::Command;
use crate::model::measures::Measure;
use crate::model::{Entity, EntityIdx, EntityKind, Relation, RelationIdx, RelationStatus};
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

/// A column of the relation table. "Relation" is what the relation is ("supplied", or the
/// file's own kind); "Label" its description, where it has one that says more; "Attributes"
/// what the file says beyond Chainsight's fields (an amount, a share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelationColumn {
    From,
    Relation,
    To,
    When,
    Status,
    Weight,
    Quotes,
    Sources,
    Label,
    Attributes,
}

impl RelationColumn {
    const ALL: [Self; 10] = [
        Self::From,
        Self::Relation,
        Self::To,
        Self::When,
        Self::Status,
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
            Self::Status => "Status",
            Self::Weight => "Weight",
            Self::Quotes => "Quotes",
            Self::Sources => "Documents",
            Self::Label => "Label",
            Self::Attributes => "Attributes",
        }
    }

    /// The columns worth their width for this network: none that would say nothing in every
    /// row. A file that gives no status has every relation "reported", which is no news; a
    /// file with no quotes has a 0 in every row.
    fn shown(facets: &Facets) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|column| match column {
                Self::When => facets.dated_relations > 0,
                Self::Status => facets
                    .statuses
                    .keys()
                    .any(|&status| status != RelationStatus::Reported),
                Self::Weight => facets.weighted_relations > 0,
                Self::Quotes => facets.quoted_relations > 0,
                Self::Sources => facets.sourced_relations > 0,
                Self::Label => facets.described_relations > 0,
                Self::Attributes => !facets.relation_attribute_keys.is_empty(),
                _ => true,
            })
            .collect()
    }

    /// Its heading: names A to Z; the date, status and numbers latest and largest first.
    fn heading(self) -> Heading {
        heading(
            self.title(),
            matches!(
                self,
                Self::From | Self::Relation | Self::To | Self::Label | Self::Attributes
            ),
        )
    }

    /// How wide it is: the names and what joins them keep most of their width, the text
    /// columns are clipped, the last of them takes the room left.
    fn width(self, last: bool, facets: &Facets) -> Width {
        match self {
            // Two names share the row: each keeps to 180 points (whole on hover), so that
            // what joins them and how firmly still fit beside the side panel.
            Self::From | Self::To => Width::Text(180.0),
            // As wide as the longest phrase needs: "interviewed …" had been cut short
            // while When and Status had room.
            Self::Relation => {
                Width::Text((facets.longest_phrase_chars as f32 * 7.0 + 16.0).clamp(100.0, 240.0))
            }
            Self::Label | Self::Attributes if last => Width::Fill,
            Self::Label | Self::Attributes => Width::Text(220.0),
            _ => Width::Auto,
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

fn relation_key(session: &Session, relation: RelationIdx, column: RelationColumn) -> Key {
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
        RelationColumn::From => Key::Text(name(r.source)),
        RelationColumn::Relation => Key::Text(r.phrase().to_lowercase()),
        RelationColumn::To => Key::Text(name(r.target)),
        RelationColumn::When => Key::Number(
            r.when
                .years()
                .map_or(f64::MAX, |(first, _)| f64::from(first)),
        ),
        RelationColumn::Status => Key::Text(r.status.as_str().to_owned()),
        RelationColumn::Weight => Key::Number(r.weight.unwrap_or(f64::MIN)),
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
) -> String {
    let name = |e: EntityIdx| {
        session
            .dataset
            .entity(e)
            .map_or("?".to_owned(), |e| e.name.clone())
    };
    match column {
        RelationColumn::From => name(r.source),
        RelationColumn::Relation => r.phrase().to_owned(),
        RelationColumn::To => name(r.target),
        RelationColumn::When => r.when.display().unwrap_or_default(),
        // The legend's word ("claimed"), not the panel's sentence: the column stays narrow.
        RelationColumn::Status => r.status.as_str().to_owned(),
        RelationColumn::Weight => r.weight.map(crate::words::number).unwrap_or_default(),
        RelationColumn::Quotes => quotes(r).to_string(),
        RelationColumn::Sources => sources(session, relation).to_string(),
        RelationColumn::Label => r.label_beyond_phrase().unwrap_or_default().to_owned(),
        RelationColumn::Attributes => attributes_text(&r.attributes),
    }
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

/// `rows` sorted by the chosen column; rows alike there by `tie`, ascending either way
/// (names in alphabetical order: ties had come in file order, "Motorola Solutions, ICF
/// International, Accenture").
fn sorted<T: Copy>(
    rows: Vec<T>,
    state: &TableState,
    key: impl Fn(T) -> Key,
    tie: impl Fn(T) -> (usize, usize),
) -> Vec<T> {
    let mut keyed: Vec<(Key, (usize, usize), T)> = rows
        .into_iter()
        .map(|row| (key(row), tie(row), row))
        .collect();
    keyed.sort_by(|a, b| {
        let order = a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal);
        let order = if state.ascending {
            order
        } else {
            order.reverse()
        };
        order.then(a.1.cmp(&b.1))
    });
    keyed.into_iter().map(|(_, _, row)| row).collect()
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

/// How wide a column is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Width {
    /// Text that starts at this width, keeps most of it, and is clipped (whole on hover):
    /// names, and the relation between two names.
    Text(f32),
    /// As wide as its widest cell: short words and numbers.
    Auto,
    /// The room left, clipped (whole on hover): the last column of long text.
    Fill,
}

/// How one kind of record is listed: its columns, its cells and what selecting a row means.
struct Listing<'a, T> {
    /// Which table: each remembers its own column widths (the relations table took the
    /// entity table's 300-point name column for its From column).
    id: &'static str,
    headings: &'a [Heading],
    widths: &'a [Width],
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
            // The columns differ with what the file holds: widths are kept per set of them.
            let columns: Vec<&str> = listing.headings.iter().map(|h| h.title).collect();
            let mut table = TableBuilder::new(ui)
                .id_salt((listing.id, columns))
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(Align::Center));
            // Fitted to the room, egui_extras shrinks columns from the right: "To" came
            // down to ten characters while "From" kept its width. Names keep most of theirs;
            // the table scrolls sideways instead.
            for &width in listing.widths {
                table = table.column(match width {
                    Width::Text(width) => Column::initial(width)
                        .at_least(width * 0.85)
                        .clip(true)
                        .resizable(true),
                    Width::Auto => Column::auto().at_least(60.0).resizable(true),
                    Width::Fill => Column::remainder().at_least(120.0).clip(true),
                });
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
                        // A clipped cell shows its whole text on hover.
                        let clipped = listing.widths.get(column) != Some(&Width::Auto);
                        row.col(|ui| {
                            let response = if column == listing.button_column {
                                let response = ui.selectable_label(
                                    is_selected,
                                    text_for(emphasis, text.clone()),
                                );
                                clicked |= response.clicked();
                                response
                            } else {
                                ui.label(text_for(emphasis, text.clone()))
                            };
                            if clipped && !text.is_empty() {
                                response.on_hover_text(text);
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
    let ranks = name_ranks(session);
    let rank = |e: EntityIdx| ranks.get(e.0).copied().unwrap_or(usize::MAX);
    let rows = sorted(
        rows,
        state,
        |e| entity_key(session, e, column),
        |e| (rank(e), 0),
    );
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
    let widths: Vec<Width> = columns
        .iter()
        .map(|&column| match column {
            EntityColumn::Name => Width::Text(name_width(&session.index.facets)),
            EntityColumn::Attributes => Width::Fill,
            _ => Width::Auto,
        })
        .collect();
    let emphasis = |entity: EntityIdx| lens.entity(entity);
    let listing = Listing {
        id: "entities-table",
        headings: &headings,
        widths: &widths,
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
    let columns = RelationColumn::shown(&session.index.facets);
    let column = columns[state.sort_column.min(columns.len() - 1)];
    let ranks = name_ranks(session);
    let rank = |e: EntityIdx| ranks.get(e.0).copied().unwrap_or(usize::MAX);
    let ends = |r: RelationIdx| {
        dataset.relation(r).map_or((usize::MAX, usize::MAX), |r| {
            (rank(r.source), rank(r.target))
        })
    };
    let rows = sorted(rows, state, |r| relation_key(session, r, column), ends);
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
    let widths: Vec<Width> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| column.width(i + 1 == columns.len(), &session.index.facets))
        .collect();
    let emphasis = |relation: RelationIdx| lens.relation(relation);
    let listing = Listing {
        id: "relations-table",
        headings: &headings,
        widths: &widths,
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
            Attributes, From, Label, Quotes, Relation, Sources, Status, To, Weight, When,
        };
        // A plain edge list: no dates, no status, no evidence.
        let mut facets = Facets::default();
        facets.statuses.insert(RelationStatus::Reported, 3);
        assert_eq!(RelationColumn::shown(&facets), [From, Relation, To]);
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
                From, Relation, To, When, Status, Weight, Quotes, Sources, Label, Attributes
            ]
        );
        // The last text column takes the room left; one before it is clipped.
        assert_eq!(Label.width(false, &facets), Width::Text(220.0));
        assert_eq!(Attributes.width(true, &facets), Width::Fill);
        // The Relation column fits the longest phrase, within limits.
        facets.longest_phrase_chars = 8;
        assert_eq!(Relation.width(false, &facets), Width::Text(100.0));
        facets.longest_phrase_chars = 24;
        assert_eq!(Relation.width(false, &facets), Width::Text(184.0));
        facets.longest_phrase_chars = 60;
        assert_eq!(Relation.width(false, &facets), Width::Text(240.0));
    }
}
