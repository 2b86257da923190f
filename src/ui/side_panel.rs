//! The evidence panel: what the selection is, every relation in and out of it, and for each
//! relation its quotes, their source, date and a link to read the source.

use egui::{Color32, RichText};

use crate::command::Command;
use crate::model::{EntityIdx, Evidence, Relation, RelationIdx, SourceIdx, Speaker, openable_url};
use crate::scene::colouring::Colouring;
use crate::session::Session;
use crate::source_text::QuoteCheck;
use crate::ui::theme;
use crate::ui::{filters, paths_panel, search_panel};
use crate::view::{Lens, Selection, View};
use crate::words::counted;

/// What the panel needs besides the session and the view.
pub struct PanelState<'a> {
    /// The search box's text.
    pub search_text: &'a mut String,
    /// Put the keyboard focus in the search box (Ctrl+F).
    pub focus_search: bool,
    pub play: filters::PlayState,
    /// The arrangement holding entities in place ("Flow", "the map"), if one is on.
    pub arranged_by: Option<&'static str>,
}

/// The most of the panel's height the open filters take before they scroll: most of it,
/// as one opens them to use them (at 720p the time window and focus were out of sight).
const FILTERS_SHARE: f32 = 0.75;
/// As [`FILTERS_SHARE`], while search results, a selection's evidence or a path are shown
/// below: that is what the user looks for (at 720p the results began at the panel's foot, and
/// a selection's heading sat at its last line with no evidence in sight).
const FILTERS_SHARE_BESIDE_EVIDENCE: f32 = 0.4;

/// Draws the panel: the search box and the filters, then the search results, the selection's
/// evidence, or the list of entities.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    state: PanelState<'_>,
    commands: &mut Vec<Command>,
) {
    let PanelState {
        search_text,
        focus_search,
        play,
        arranged_by,
    } = state;
    search_panel::search_box(ui, search_text, lens, focus_search, commands);
    // Open, the filters show one part at a time; a part taller than its share (a file's many
    // kinds or attributes) scrolls on its own, leaving the selection's evidence room below.
    let evidence_below = view.selection != Selection::Nothing
        || view.path.is_some_and(|p| p.to.is_some())
        || !view.search.trim().is_empty();
    let share = if evidence_below {
        FILTERS_SHARE_BESIDE_EVIDENCE
    } else {
        FILTERS_SHARE
    };
    let filters_open = egui::ScrollArea::vertical()
        .id_salt("filters-scroll")
        .max_height(ui.available_height() * share)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // Clear of the scroll bar, which floats over the right edge: a box wrapped to
            // the last place in a row would sit under it.
            ui.set_max_width(ui.available_width() - ui.spacing().scroll.bar_width - 4.0);
            filters::show(ui, session, view, lens, play, commands)
        })
        .inner;
    // Below the filters, so that a box ticked does not move the others under the pointer.
    filters::hidden_line(ui, lens, commands);
    filters::focus_line(ui, session, view, commands);
    paths_panel::pending_line(ui, session, view, commands);
    ui.separator();
    match view.selection {
        Selection::Nothing if view.path.is_some_and(|p| p.to.is_some()) => {
            if let Some(query) = view.path {
                paths_panel::show(ui, session, query, lens, commands);
            }
        }
        Selection::Nothing if !view.search.trim().is_empty() => {
            search_panel::results(ui, session, view, lens, commands);
        }
        // A story step: what backs its caption, rather than the dataset's overview.
        Selection::Nothing
            if view
                .spotlight
                .as_ref()
                .is_some_and(|s| !s.relations.is_empty()) =>
        {
            egui::ScrollArea::vertical()
                .id_salt("step-evidence")
                .auto_shrink([false, false])
                .show(ui, |ui| step_evidence(ui, session, view, commands));
        }
        // The overview scrolls its own list, which may hold a hundred thousand entities.
        Selection::Nothing => overview(ui, session, view, lens, filters_open, commands),
        // Each selection scrolls on its own: one opened from a scrolled list starts at its
        // top, its heading and status in sight.
        Selection::Entity(entity) if !view.compared.is_empty() => {
            egui::ScrollArea::vertical()
                .id_salt(("compare", entity))
                .auto_shrink([false, false])
                .show(ui, |ui| compare(ui, session, view, lens, entity, commands));
        }
        Selection::Entity(entity) => {
            egui::ScrollArea::vertical()
                .id_salt(("entity", entity))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let held = held_by(session, entity, arranged_by);
                    entity_details(ui, session, (view, lens), (entity, held), commands);
                });
        }
        Selection::Relation(relation) => {
            egui::ScrollArea::vertical()
                .id_salt(("relation", relation))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    relation_details(ui, session, (view, lens), relation, commands);
                });
        }
    }
}

/// The dataset's title, description and counts, and the list of the entities shown. With the
/// filters open, the title takes one line and the description and the hint are left out:
/// below the filters at 720p they took all the room left, and the list, which shows what the
/// filters leave, was out of sight.
fn overview(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    filters_open: bool,
    commands: &mut Vec<Command>,
) {
    let dataset = &session.dataset;
    let title = if dataset.metadata.title.is_empty() {
        &session.report.file
    } else {
        &dataset.metadata.title
    };
    if filters_open {
        ui.add(egui::Label::new(RichText::new(title).strong()).truncate());
    } else {
        ui.heading(title);
    }
    // GEXF files often give the same words as title and description: said once.
    if let Some(description) = dataset
        .metadata
        .description
        .as_ref()
        .filter(|d| !filters_open && d.trim() != title.trim())
    {
        ui.label(description);
    }
    ui.label(
        RichText::new(format!(
            "{} · {} · {}",
            counted(dataset.entities.len(), "entity", "entities"),
            counted(dataset.relations.len(), "relation", "relations"),
            crate::words::quotes_counted(session.index.quote_count, session.index.evidence_count)
        ))
        .weak(),
    );
    ui.separator();
    if !filters_open {
        ui.label(
            "Click a node or a link on the graph to read its evidence, search above, or pick an \
             entity:",
        );
    }
    let entities: Vec<EntityIdx> = session
        .index
        .entities_by_name
        .iter()
        .copied()
        .filter(|&e| lens.shows_entity(e))
        .collect();
    if entities.is_empty() {
        ui.label(RichText::new("No entity matches.").weak());
    }
    // Each row's dot in the graph's colour, whatever colour shows (kind, cluster, the file's
    // own types...), so the list and the legend agree.
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    // Only the rows in view are laid out, however long the list.
    let row_height =
        ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y + 4.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, entities.len(), |ui, rows| {
            for &entity in entities.get(rows).unwrap_or_default() {
                let Some(e) = dataset.entity(entity) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    theme::swatch(ui, colouring.colour(entity));
                    // Cut short (whole on hover), not wrapped, so every row keeps the height
                    // `show_rows` counts on; on one line, a long name widened the panel.
                    let name = ui
                        .add(egui::Button::selectable(false, e.name.as_str()).truncate())
                        .on_hover_text(&e.name);
                    if name.clicked() {
                        commands.push(Command::Show(entity));
                    }
                });
            }
        });
}

/// The evidence of a story step: each relation it lights, the one just revealed first, with
/// its quotes, so the caption can be checked against them as the story plays.
fn step_evidence(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    let Some(spotlight) = &view.spotlight else {
        return;
    };
    let mut relations: Vec<RelationIdx> = spotlight
        .relations
        .iter()
        .filter(|r| spotlight.fresh.contains(r))
        .copied()
        .collect();
    relations.extend(
        spotlight
            .relations
            .iter()
            .filter(|r| !spotlight.fresh.contains(r)),
    );
    ui.label(RichText::new("This step's evidence").strong());
    ui.label(
        RichText::new(format!(
            "{} lit, the newest first; a click on one reads it alone",
            counted(relations.len(), "relation", "relations")
        ))
        .weak(),
    );
    for relation in relations {
        relation_card(ui, session, view, relation, None, commands);
    }
}

/// An entity as a row of a list: its dot in the graph's colour and its name (wrapped,
/// whole), a click bringing it into view; `note` under the name.
fn entity_row(
    ui: &mut egui::Ui,
    session: &Session,
    colouring: &Colouring,
    entity: EntityIdx,
    note: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let Some(e) = session.dataset.entity(entity) else {
        return;
    };
    ui.horizontal(|ui| {
        theme::swatch(ui, colouring.colour(entity));
        ui.vertical(|ui| {
            if ui
                .add(egui::Button::selectable(false, e.name.as_str()).wrap())
                .clicked()
            {
                commands.push(Command::Show(entity));
            }
            if let Some(note) = note {
                ui.label(RichText::new(note).small().weak());
            }
        });
    });
}

fn back_button(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    if ui.button("← All entities").clicked() {
        commands.push(Command::Select(Selection::Nothing));
    }
}

/// "12 relations (5 in, 7 out) · PageRank 0.031 · betweenness 0.210".
fn measures_line(session: &Session, entity: EntityIdx) -> String {
    use crate::model::measures::Measure;
    let m = &session.index.measures;
    let betweenness = if m.betweenness.is_some() {
        format!(
            " · betweenness {:.3}",
            m.value(Measure::Betweenness, entity)
        )
    } else {
        String::new()
    };
    let degree = m.value(Measure::Degree, entity);
    format!(
        "{degree} relation{} ({}) · PageRank {:.3}{betweenness}",
        if degree == 1.0 { "" } else { "s" },
        direction_counts(session, entity),
        m.value(Measure::PageRank, entity)
    )
}

/// "3 in, 1 out", and how many have no direction where any has none (those are neither).
fn direction_counts(session: &Session, entity: EntityIdx) -> String {
    use crate::model::measures::Measure;
    let m = &session.index.measures;
    let incoming = m.value(Measure::InDegree, entity);
    let outgoing = m.value(Measure::OutDegree, entity);
    match m.undirected_degree.get(entity.0).copied().unwrap_or(0) {
        0 => format!("{incoming} in, {outgoing} out"),
        undirected => format!("{incoming} in, {outgoing} out, {undirected} without direction"),
    }
}

/// What holds a pinned entity in place, as its panel says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// Not pinned: the forces move it.
    Free,
    /// A drag, or a file's position dragged since.
    Pinned,
    /// The file gave its position.
    ByTheFile,
    /// An arrangement (Flow, the map) put it there; turning it off puts it back.
    Arranged(&'static str),
}

fn held_by(session: &Session, entity: EntityIdx, arranged_by: Option<&'static str>) -> Held {
    if !session.layout.is_pinned(entity) {
        return Held::Free;
    }
    if let Some(arrangement) = arranged_by {
        return Held::Arranged(arrangement);
    }
    // Still where the file put it (nodes are some 120 units apart): not dragged since.
    let file_position = session.index.file_positions.get(&entity);
    if file_position.is_some_and(|&at| session.layout.position(entity).distance(at) < 0.5) {
        Held::ByTheFile
    } else {
        Held::Pinned
    }
}

fn entity_details(
    ui: &mut egui::Ui,
    session: &Session,
    (view, lens): (&View, &Lens),
    (entity, held): (EntityIdx, Held),
    commands: &mut Vec<Command>,
) {
    back_button(ui, commands);
    let Some(e) = session.dataset.entity(entity) else {
        return;
    };
    ui.heading(&e.name);
    if !lens.shows_entity(entity) {
        not_drawn(ui, "It", commands);
    }
    let mut facts = vec![crate::view::kind_said(e).to_owned()];
    facts.extend(e.country.clone());
    // The colour the entity has in the graph, whatever colours it (kind, cluster, the file's
    // types), as a swatch: text in a kind's colour was hard to read on the panel (grey
    // Other, blue Company on the dark theme).
    let colour = Colouring::get(ui.ctx(), session, &view.colour_by).colour(entity);
    ui.horizontal(|ui| {
        theme::swatch(ui, colour);
        ui.label(facts.join(" · "));
    });
    if !e.aliases.is_empty() {
        ui.label(RichText::new(format!("Also known as: {}", e.aliases.join(", "))).weak());
    }
    if let Some(description) = &e.description {
        ui.label(description);
    }
    attributes_section(ui, "entity", &e.attributes, None);
    ui.label(RichText::new(measures_line(session, entity)).small());
    paths_panel::path_buttons(ui, view, entity, commands);
    // Why it stays where it is: a button that had said "Unpin" after a plain click on a node
    // a file or Flow had placed left the user wondering what they had done.
    let unpin = match held {
        Held::Free => None,
        Held::Pinned => Some((
            "Unpin from its place",
            "You placed it: the forces leave it there",
        )),
        Held::ByTheFile => Some((
            "Placed by the file · let it move",
            "The file gave its position: the forces leave it there",
        )),
        Held::Arranged(arrangement) => {
            ui.label(
                RichText::new(format!(
                    "Placed by {arrangement}; turning {arrangement} off puts it back where it was."
                ))
                .weak(),
            );
            None
        }
    };
    if let Some((text, hint)) = unpin
        && ui.button(text).on_hover_text(hint).clicked()
    {
        commands.push(Command::Unpin(entity));
    }

    let ([outgoing, incoming, undirected], hidden) = relation_lists(session, lens, entity);
    ui.separator();
    if hidden > 0 {
        ui.label(
            RichText::new(format!(
                "{} hidden by the filters, the time window or the focus.",
                counted(hidden, "more relation is", "more relations are")
            ))
            .color(theme::palette(ui.ctx()).warning),
        );
    }
    if outgoing.is_empty() && incoming.is_empty() && undirected.is_empty() {
        ui.label("No relations.");
    }
    relation_groups(
        ui,
        session,
        view,
        entity,
        [
            ("Outgoing", "→", outgoing),
            ("Incoming", "←", incoming),
            ("Without direction", "—", undirected),
        ],
        commands,
    );
}

/// An entity's relations shown by the lens: outgoing, incoming and without direction, each in
/// date order (undated last), then the best-connected counterparts first; with how many
/// relations the filters, the time window or the focus hide.
fn relation_lists(
    session: &Session,
    lens: &Lens,
    entity: EntityIdx,
) -> ([Vec<RelationIdx>; 3], usize) {
    let mut hidden = 0;
    let mut in_date_order = |relations: Vec<crate::model::RelationIdx>| {
        let mut shown: Vec<RelationIdx> = relations
            .into_iter()
            .filter(|&r| {
                let shows = lens.shows_relation(r);
                hidden += usize::from(!shows);
                shows
            })
            .collect();
        shown.sort_by_key(|&r| {
            let relation = session.dataset.relation(r);
            let years = relation.and_then(|r| r.when.years());
            let counterpart = relation.map(|r| {
                if r.source == entity {
                    r.target
                } else {
                    r.source
                }
            });
            (
                years.is_none(),
                years,
                std::cmp::Reverse(counterpart.map_or(0, |c| session.index.degree(c))),
            )
        });
        shown
    };
    // Relations without a direction are neither outgoing nor incoming: listing them under
    // one would claim a direction the file does not give. A loop with a direction is both.
    let (mut outgoing, mut incoming, mut undirected) = (Vec::new(), Vec::new(), Vec::new());
    for relation in session.network.incident(entity) {
        let Some(r) = session.dataset.relation(relation) else {
            continue;
        };
        if !r.directed {
            undirected.push(relation);
            continue;
        }
        if r.source == entity {
            outgoing.push(relation);
        }
        if r.target == entity {
            incoming.push(relation);
        }
    }
    let outgoing = in_date_order(outgoing);
    let incoming = in_date_order(incoming);
    let undirected = in_date_order(undirected);
    ([outgoing, incoming, undirected], hidden)
}

/// An entity's relations grouped by counterpart (earliest first), each group collapsible: a
/// hub's panel opens as a list of who it deals with, not thousands of pixels of cards.
fn relation_groups(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    entity: EntityIdx,
    lists: [(&str, &str, Vec<RelationIdx>); 3],
    commands: &mut Vec<Command>,
) {
    let total: usize = lists.iter().map(|(_, _, relations)| relations.len()).sum();
    // A hub's sections are a long way apart: the first one's heading has buttons down to
    // the others (Huawei's 22 outgoing groups had put who supplied it a long scroll down).
    let go_to_id = egui::Id::new(("relation-section-wanted", entity.0));
    let later: Vec<(&str, String)> = lists
        .iter()
        .filter(|(_, _, r)| !r.is_empty())
        .skip(1)
        .map(|(heading, _, relations)| (*heading, format!("{heading} ({}) ↓", relations.len())))
        .collect();
    let mut first = true;
    let wanted = ui.data(|d| d.get_temp::<String>(go_to_id));
    for (heading, arrow, relations) in lists {
        if relations.is_empty() {
            continue;
        }
        let label = ui
            .horizontal_wrapped(|ui| {
                let label =
                    ui.label(RichText::new(format!("{heading} ({})", relations.len())).strong());
                if std::mem::take(&mut first) && total > 12 {
                    for (section, words) in &later {
                        if ui.small_button(words).clicked() {
                            ui.data_mut(|d| d.insert_temp(go_to_id, (*section).to_owned()));
                        }
                    }
                }
                label
            })
            .inner;
        if wanted.as_deref() == Some(heading) {
            label.scroll_to_me(Some(egui::Align::TOP));
            ui.data_mut(|d| d.remove::<String>(go_to_id));
        }
        let mut groups: Vec<(EntityIdx, Vec<RelationIdx>)> = Vec::new();
        for relation in relations {
            let Some(r) = session.dataset.relation(relation) else {
                continue;
            };
            let counterpart = if r.source == entity {
                r.target
            } else {
                r.source
            };
            match groups.iter_mut().find(|(c, _)| *c == counterpart) {
                Some((_, members)) => members.push(relation),
                None => groups.push((counterpart, vec![relation])),
            }
        }
        for (group_index, (counterpart, members)) in groups.into_iter().enumerate() {
            let name = session
                .dataset
                .entity(counterpart)
                .map_or("?", |e| e.name.as_str());
            // Each kind once: three deliveries read "supplied", not "supplied, supplied, …".
            let mut kinds: Vec<&str> = Vec::new();
            for phrase in members
                .iter()
                .filter_map(|&r| session.dataset.relation(r))
                .map(Relation::phrase)
            {
                if !kinds.contains(&phrase) {
                    kinds.push(phrase);
                }
            }
            let title = format!("{arrow} {name} · {}", kinds.join(", "));
            let marked_here = view.marked_quote.is_some_and(|(r, _)| members.contains(&r));
            egui::CollapsingHeader::new(super::theme::header_title(
                ui,
                RichText::new(title).strong(),
            ))
            .id_salt(("counterpart", heading, counterpart.0))
            .default_open(total <= 12 || group_index < 3 || marked_here)
            .show(ui, |ui| {
                for relation in members {
                    relation_card(ui, session, view, relation, Some(entity), commands);
                }
            });
        }
    }
}

/// Two or more entities side by side (Shift-click): who they share as neighbours and every
/// relation between them.
fn compare(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    selected: EntityIdx,
    commands: &mut Vec<Command>,
) {
    back_button(ui, commands);
    let members: Vec<EntityIdx> = std::iter::once(selected)
        .chain(view.compared.iter().copied())
        .collect();
    let name = |e: EntityIdx| session.dataset.entity(e).map_or("?", |e| e.name.as_str());
    ui.heading(format!("Comparing {} entities", members.len()));
    ui.horizontal_wrapped(|ui| {
        for &member in &members {
            if ui
                .button(name(member))
                .on_hover_text("Show this entity alone")
                .clicked()
            {
                commands.push(Command::Select(Selection::Entity(member)));
            }
        }
    });
    ui.label(RichText::new("Shift-click another node to add it, or take one out.").weak());
    ui.separator();
    let Some(comparison) = &lens.comparison else {
        return;
    };
    let shared = &comparison.shared;
    // With three or more, "shared" means by every one of them.
    let heading = if comparison.members.len() > 2 {
        format!(
            "Neighbours all {} share ({})",
            comparison.members.len(),
            shared.len()
        )
    } else {
        format!("Shared neighbours ({})", shared.len())
    };
    ui.label(RichText::new(heading).strong());
    if shared.is_empty() {
        ui.label(RichText::new("None.").weak());
    }
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    for &neighbour in shared {
        entity_row(ui, session, &colouring, neighbour, None, commands);
    }
    // With three or more, what some of them share (those all share may be none).
    if !comparison.shared_by_some.is_empty() {
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "Shared by some of them ({})",
                comparison.shared_by_some.len()
            ))
            .strong(),
        );
        for (neighbour, members) in &comparison.shared_by_some {
            let by: Vec<&str> = members.iter().map(|&m| name(m)).collect();
            let by = format!("by {}", crate::words::listed(&by));
            entity_row(ui, session, &colouring, *neighbour, Some(&by), commands);
        }
    }
    ui.separator();
    let between = &comparison.between;
    ui.label(RichText::new(format!("Relations between them ({})", between.len())).strong());
    if between.is_empty() {
        ui.label(RichText::new("None.").weak());
    }
    for &relation in between {
        relation_card(ui, session, view, relation, None, commands);
    }
}

fn relation_details(
    ui: &mut egui::Ui,
    session: &Session,
    (view, lens): (&View, &Lens),
    relation: RelationIdx,
    commands: &mut Vec<Command>,
) {
    back_button(ui, commands);
    if !lens.shows_relation(relation) {
        not_drawn(ui, "This relation", commands);
    }
    relation_card(ui, session, view, relation, None, commands);
}

/// Under a selection the graph does not draw: that it is hidden, by what, and the way back.
/// A filter that hid the selected entity had left its panel open over a graph without it,
/// which read as if the panel were about what was lit.
fn not_drawn(ui: &mut egui::Ui, what: &str, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{what} is not on the graph: the filters, the time window or the focus hide it."
            ))
            .color(theme::palette(ui.ctx()).warning),
        );
        if ui.button("Show all").clicked() {
            commands.push(Command::View(crate::view::ViewCommand::ShowAll));
        }
    });
}

/// One relation: who → what → whom, when, how firmly, and all of its evidence.
/// `from_entity` is the entity whose panel this is shown in, whose name is not a link.
fn relation_card(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    relation_idx: RelationIdx,
    from_entity: Option<EntityIdx>,
    commands: &mut Vec<Command>,
) {
    let Some(relation) = session.dataset.relation(relation_idx) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            entity_link(ui, session, relation.source, from_entity, commands);
            if ui
                .link(
                    RichText::new(relation.arrow(&format!(" {} ", relation.phrase()), true))
                        .color(theme::palette(ui.ctx()).accent),
                )
                .on_hover_text("Show this link alone")
                .clicked()
            {
                commands.push(Command::Select(Selection::Relation(relation_idx)));
            }
            entity_link(ui, session, relation.target, from_entity, commands);
        });
        let marked = view
            .marked_quote
            .filter(|(r, _)| *r == relation_idx)
            .map(|(_, e)| e);
        facts_and_evidence(ui, session, relation_idx, marked, commands);
    });
}

/// A relation's facts (label, date, status) and all of its evidence: what a path's hop opens to.
pub fn relation_evidence(
    ui: &mut egui::Ui,
    session: &Session,
    relation_idx: RelationIdx,
    commands: &mut Vec<Command>,
) {
    facts_and_evidence(ui, session, relation_idx, None, commands);
}

fn facts_and_evidence(
    ui: &mut egui::Ui,
    session: &Session,
    relation_idx: RelationIdx,
    marked: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let Some(relation) = session.dataset.relation(relation_idx) else {
        return;
    };
    relation_facts(ui, relation);
    let mut previous_source = None;
    for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
        let place = (relation_idx, evidence_index);
        let is_marked = marked == Some(evidence_index);
        // The source is named once for a run of quotes from it.
        let repeat = evidence.source.is_some() && evidence.source == previous_source;
        previous_source = evidence.source;
        evidence_item(ui, session, place, evidence, (is_marked, repeat), commands);
    }
    if relation.evidence.is_empty() {
        ui.label(
            RichText::new("No evidence recorded for this relation.")
                .color(theme::palette(ui.ctx()).warning),
        );
    }
}

fn entity_link(
    ui: &mut egui::Ui,
    session: &Session,
    entity: EntityIdx,
    current: Option<EntityIdx>,
    commands: &mut Vec<Command>,
) {
    let name = session
        .dataset
        .entity(entity)
        .map_or("?", |e| e.name.as_str());
    if current == Some(entity) {
        ui.label(RichText::new(name).strong());
    } else if ui.link(RichText::new(name).strong()).clicked() {
        commands.push(Command::Select(Selection::Entity(entity)));
    }
}

/// What a file says about an entity or a relation beyond Chainsight's own fields (an amount,
/// a share, a date it could not read), key by key; open unless there are many. `shown` is
/// the key of one already shown above (a relation's description), not said twice.
fn attributes_section(
    ui: &mut egui::Ui,
    salt: &str,
    attributes: &std::collections::BTreeMap<String, String>,
    shown: Option<&str>,
) {
    let rest = || {
        attributes
            .iter()
            .filter(|(key, _)| Some(key.as_str()) != shown)
    };
    let count = rest().count();
    if count == 0 {
        return;
    }
    egui::CollapsingHeader::new(format!("Attributes ({count})"))
        .id_salt((salt, "attributes"))
        .default_open(count <= 8)
        .show(ui, |ui| {
            egui::Grid::new((salt, "attribute-grid"))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (key, value) in rest() {
                        ui.label(RichText::new(key).strong());
                        ui.label(value);
                        ui.end_row();
                    }
                });
        });
}

fn relation_facts(ui: &mut egui::Ui, relation: &Relation) {
    let mut facts = Vec::new();
    // A label already written between the ends (see `Relation::phrase`) is not repeated.
    if let Some(label) = relation.label_beyond_phrase() {
        facts.push(label.to_owned());
    }
    // Nor are dates the label already says ("on government projects since 2003").
    if let Some(when) = relation
        .when
        .display()
        .filter(|when| !facts.iter().any(|fact| fact.contains(when.as_str())))
    {
        facts.push(when);
    }
    if let Some(weight) = relation.weight {
        facts.push(format!("weight {}", crate::words::number(weight)));
    }
    if !facts.is_empty() {
        ui.label(facts.join(" · "));
    }
    if relation.status.is_hedged() {
        ui.label(
            RichText::new(format!("Status: {}", relation.status.label()))
                .color(theme::palette(ui.ctx()).warning),
        );
    }
    // The file's own words about the relation (a Kumu or yEd description, an analyst's
    // notes), as prose, wrapped, as an entity's description is: not a quote, so neither in
    // quotation marks nor with a source. In the attributes grid it had not wrapped, and was
    // folded away with more than eight attributes.
    let description = relation.description();
    if let Some(text) = description {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Note in the file:").weak());
            ui.label(text.trim());
        });
    }
    attributes_section(
        ui,
        &relation.relation_id,
        &relation.attributes,
        description.map(|_| crate::model::RELATION_DESCRIPTION),
    );
}

/// One quote: who says it, the words, where they come from, whether they were found in the
/// source's text, and what the source cites.
fn evidence_item(
    ui: &mut egui::Ui,
    session: &Session,
    place: (RelationIdx, usize),
    evidence: &Evidence,
    (marked, repeat_source): (bool, bool),
    commands: &mut Vec<Command>,
) {
    ui.add_space(4.0);
    // The quote a search found is framed in the accent colour and scrolled to.
    let stroke = if marked {
        egui::Stroke::new(3.0, theme::palette(ui.ctx()).accent)
    } else {
        egui::Stroke::new(2.0, Color32::from_gray(90))
    };
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if marked {
                ui.label(
                    RichText::new("Found by your search")
                        .small()
                        .color(theme::palette(ui.ctx()).accent),
                );
            }
            if let Some(speaker) = &evidence.speaker {
                let verb = session.dataset.speaker_verb(evidence);
                speaker_line(ui, session, speaker, (verb, &evidence.quote), commands);
            }
            if evidence.has_quote() {
                ui.label(
                    // Upright: egui's italics slant the regular face, which tips curly
                    // quotes and apostrophes into accents ("city ́s").
                    RichText::new(crate::words::in_quotation_marks(evidence.quote.trim()))
                        .color(theme::palette(ui.ctx()).quote),
                );
            } else {
                // Never an empty “”: the file names a source for this relation, no words.
                ui.label(RichText::new("Cited without a quote:").weak());
            }
            if let Some(source_idx) = evidence.source {
                source_lines(
                    ui,
                    session,
                    (source_idx, repeat_source),
                    place,
                    evidence,
                    commands,
                );
            } else {
                ui.label(
                    RichText::new("Source unknown (see the load report)")
                        .small()
                        .color(theme::palette(ui.ctx()).warning),
                );
                copy_link(ui, session, place, commands);
            }
            for cited in evidence
                .cites
                .iter()
                .filter_map(|&c| session.dataset.source(c))
            {
                // After a comma where the title ends in brackets of its own: "ICT Insights
                // (2017 edition…), 2017", not "(2017 edition…) (2017)".
                let date = cited
                    .date
                    .as_deref()
                    .map(|d| {
                        if cited.title.trim_end().ends_with(')') {
                            format!(", {d}")
                        } else {
                            format!(" ({d})")
                        }
                    })
                    .unwrap_or_default();
                ui.label(
                    RichText::new(format!("citing: {}{date}", cited.title))
                        .small()
                        .weak(),
                );
            }
            if let Some(note) = &evidence.note {
                ui.label(RichText::new(format!("Note: {note}")).small());
            }
        });
    // Scroll the marked quote into view once, so the reader can scroll away from it.
    let scrolled_id = egui::Id::new("marked-quote-scrolled");
    if marked && ui.data(|d| d.get_temp::<(RelationIdx, usize)>(scrolled_id)) != Some(place) {
        frame.response.scroll_to_me(Some(egui::Align::Center));
        ui.data_mut(|d| d.insert_temp(scrolled_id, place));
    }
}

/// "said David Bicknell (principal analyst, GlobalData)" (or "according to IBM" where the
/// quote is the source's own words), the name a link to the speaker's entity where the
/// dataset has it. Where the `quote` itself names the speaker ("…, said
/// David Bicknell, principal analyst…"), the line would say it twice: only the link is
/// left, or nothing.
fn speaker_line(
    ui: &mut egui::Ui,
    session: &Session,
    speaker: &Speaker,
    (verb, quote): (&str, &str),
    commands: &mut Vec<Command>,
) {
    let entity = speaker
        .entity_id
        .as_deref()
        .and_then(|id| session.dataset.entity_by_id(id));
    let named_in_quote = !speaker.name.trim().is_empty() && quote.contains(speaker.name.trim());
    if named_in_quote && entity.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(verb);
        match entity {
            Some(entity) => {
                if ui
                    .link(RichText::new(&speaker.name).strong())
                    .on_hover_text("Show this speaker on the graph")
                    .clicked()
                {
                    commands.push(Command::Select(Selection::Entity(entity)));
                }
            }
            None => {
                ui.label(RichText::new(&speaker.name).strong());
            }
        }
        if let Some(role) = speaker.role.as_ref().filter(|_| !named_in_quote) {
            ui.label(format!("({role})"));
        }
    });
}

/// The source of a quote: title, author, publisher, date, where in it, a link to open it,
/// and the quote's check against the source's text.
fn source_lines(
    ui: &mut egui::Ui,
    session: &Session,
    (source_idx, repeat): (SourceIdx, bool),
    place: (RelationIdx, usize),
    evidence: &Evidence,
    commands: &mut Vec<Command>,
) {
    let Some(source) = session.dataset.source(source_idx) else {
        return;
    };
    if repeat {
        ui.label(RichText::new("— the same source").small().weak());
    } else {
        let mut line = vec![source.title.clone()];
        line.extend(source.author.clone());
        line.extend(source.publisher.clone());
        line.extend(source.date.clone());
        ui.label(RichText::new(format!("— {}", line.join(", "))).small());
    }
    if let Some(locator) = &evidence.locator {
        // In quotation marks: "at: IBM: Planting the seeds" under a Cisco quote read as IBM
        // speaking, not as the section of the source it is in.
        ui.label(
            RichText::new(format!("at “{}”", locator.trim()))
                .small()
                .weak(),
        );
    }
    if let Some(url) = source.url.as_deref().filter(|_| !repeat) {
        match openable_url(url) {
            Ok(url) => {
                if ui
                    .link("Open source in browser ↗")
                    .on_hover_text(url)
                    .clicked()
                {
                    commands.push(Command::OpenUrl(url.to_owned()));
                }
            }
            Err(refusal) => {
                ui.label(
                    RichText::new(format!("Link not opened: {refusal}."))
                        .small()
                        .color(theme::palette(ui.ctx()).warning),
                )
                .on_hover_text(url.escape_debug().to_string());
            }
        }
    }
    quote_check_line(ui, session, source_idx, place, commands);
}

/// Whether the quote stands verbatim in the source's attached text, with the way to read it
/// there, or the way to attach the text.
fn quote_check_line(
    ui: &mut egui::Ui,
    session: &Session,
    source: SourceIdx,
    (relation, evidence_index): (RelationIdx, usize),
    commands: &mut Vec<Command>,
) {
    let check = session
        .source_texts
        .get(&source)
        .map_or(QuoteCheck::NoText, |text| {
            text.check(relation, evidence_index)
        });
    ui.horizontal_wrapped(|ui| match check {
        QuoteCheck::Found => {
            ui.label(
                RichText::new("✔ Found verbatim in the source text")
                    .small()
                    .color(theme::palette(ui.ctx()).verified),
            );
            if ui
                .link(RichText::new("Read in context").small())
                .on_hover_text("Show the source text with this quote highlighted")
                .clicked()
            {
                commands.push(Command::ReadInContext {
                    source,
                    quote: Some((relation, evidence_index)),
                });
            }
        }
        QuoteCheck::NotFound => {
            ui.label(
                RichText::new("✖ Not found in the source text")
                    .small()
                    .color(theme::palette(ui.ctx()).warning),
            )
            .on_hover_text("Compared after collapsing whitespace, as `chainsight verify` does");
            if ui.link(RichText::new("Open the text").small()).clicked() {
                commands.push(Command::ReadInContext {
                    source,
                    quote: None,
                });
            }
        }
        QuoteCheck::NoText => {
            if let Some(error) = session.source_text_errors.get(&source) {
                ui.label(
                    RichText::new(format!("Source text not read: {error}"))
                        .small()
                        .color(theme::palette(ui.ctx()).warning),
                );
            }
            // Attaching is the analyst's work, not the audience's: not while presenting.
            if !theme::palette(ui.ctx()).presenter
                && ui
                    .link(RichText::new("Attach source text…").small())
                    .on_hover_text(
                        "Pick a plain-text or HTML copy of this source to check its quotes \
                         and read them in context",
                    )
                    .clicked()
            {
                commands.push(Command::PickSourceText(source));
            }
        }
    });
    // A line of its own: a one-line link further along a wrapping row widens the panel
    // instead of wrapping, and a wrapping one breaks in two.
    copy_link(ui, session, (relation, evidence_index), commands);
}

/// "Copy with source": the quote and its citation, as plain text for a report.
fn copy_link(
    ui: &mut egui::Ui,
    session: &Session,
    (relation, evidence_index): (RelationIdx, usize),
    commands: &mut Vec<Command>,
) {
    let Some(evidence) = session
        .dataset
        .relation(relation)
        .and_then(|r| r.evidence.get(evidence_index))
    else {
        return;
    };
    let clicked = ui
        .scope(|ui| {
            // On one line: broken across two, the link would read as two.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.link(RichText::new("Copy with source").small())
                .on_hover_text("Copy the quote and its citation, to paste into a report")
                .clicked()
        })
        .inner;
    if clicked {
        commands.push(Command::CopyText(crate::export::appendix::plain_citation(
            &session.dataset,
            evidence,
        )));
    }
}
