//! The search box (Ctrl+F) and its results: entities, relations and quotes, each with the
//! text that matched. Enter or a click opens the first or the chosen result.

use egui::RichText;

use crate::command::Command;
use crate::scene::colouring::Colouring;
use crate::session::Session;
use crate::ui::theme;
use crate::view::search::{HitTarget, SearchHit};
use crate::view::{Lens, Selection, View, ViewCommand};
use crate::words::counted;

/// Results listed at most; the count says how many there are.
const MAX_RESULTS_SHOWN: usize = 200;

/// The search box. `text` is the box's contents; a change is pushed as a view command.
pub fn search_box(
    ui: &mut egui::Ui,
    text: &mut String,
    lens: &Lens,
    take_focus: bool,
    commands: &mut Vec<Command>,
) {
    let response = ui.add(
        egui::TextEdit::singleline(text)
            .id_salt("search")
            .hint_text("Search names, places, years, quotes… (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    if take_focus {
        response.request_focus();
    }
    if response.changed() {
        // The results replace the selection's panel; a run of typing is one undo step.
        commands.push(Command::Select(Selection::Nothing));
        commands.push(Command::View(ViewCommand::Search(text.clone())));
    }
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(first) = lens.hits.first()
    {
        commands.push(open_hit(first));
    }
}

/// What opening a hit does: an entity or a relation is selected and brought into view, a
/// quote's relation is selected with the quote marked.
fn open_hit(hit: &SearchHit) -> Command {
    match hit.target {
        HitTarget::Entity(entity) => Command::Show(entity),
        HitTarget::Relation(relation) => Command::ShowRelation(relation),
        HitTarget::Quote {
            relation,
            evidence_index,
        } => Command::View(ViewCommand::MarkQuote {
            relation,
            evidence_index,
        }),
    }
}

/// The results of the current search, grouped by kind.
pub fn results(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    commands: &mut Vec<Command>,
) {
    // Each entity's dot in the graph's colour, as in the entity list.
    let colouring = Colouring::get(ui.ctx(), session, &view.colour_by);
    let hits = &lens.hits;
    if hits.is_empty() {
        nothing_matches(ui, lens, commands);
        return;
    }
    let count = |f: fn(&HitTarget) -> bool| hits.iter().filter(|h| f(&h.target)).count();
    let entities = count(|t| matches!(t, HitTarget::Entity(_)));
    let relations = count(|t| matches!(t, HitTarget::Relation(_)));
    let quotes = count(|t| matches!(t, HitTarget::Quote { .. }));
    let all_close = hits.iter().all(|h| h.close);
    if all_close {
        ui.label(
            RichText::new("Nothing matches as typed. Close matches, a letter or two off:")
                .color(theme::palette(ui.ctx()).warning),
        );
    }
    ui.label(
        RichText::new(format!(
            "{} · {} · {} match; Enter opens the first",
            counted(entities, "entity", "entities"),
            counted(relations, "relation", "relations"),
            counted(quotes, "quote", "quotes")
        ))
        .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("search-results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut heading = "";
            for hit in hits.iter().take(MAX_RESULTS_SHOWN) {
                // Groups come in the order of their best match (Enter opens the first), so
                // the order changes from one search to the next: each says how many it holds.
                let (group, in_group) = match hit.target {
                    HitTarget::Entity(_) => ("Entities", entities),
                    HitTarget::Relation(_) => ("Relations", relations),
                    HitTarget::Quote { .. } => ("Quotes", quotes),
                };
                if group != heading {
                    heading = group;
                    ui.add_space(4.0);
                    ui.label(RichText::new(format!("{group} ({in_group})")).strong());
                }
                // Marked one by one where the exact and the close are listed together.
                let marked = hit.close && !all_close;
                result_row(
                    ui,
                    session,
                    lens,
                    &colouring,
                    (hit, marked),
                    &view.search,
                    commands,
                );
            }
            if hits.len() > MAX_RESULTS_SHOWN {
                ui.label(
                    RichText::new(format!(
                        "… and {} more: type more to narrow the search.",
                        hits.len() - MAX_RESULTS_SHOWN
                    ))
                    .weak(),
                );
            }
        });
}

/// What the panel says when a search finds nothing: for several words, what each finds
/// alone, as a button that searches for it.
fn nothing_matches(ui: &mut egui::Ui, lens: &Lens, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Nothing matches.").weak());
    if lens.each_term_alone.is_empty() {
        ui.label(
            RichText::new("Check the spelling, or type the beginning of a word.")
                .small()
                .weak(),
        );
        return;
    }
    ui.label("No entity, relation or quote has all of these words. Each alone finds:");
    for (term, found) in &lens.each_term_alone {
        let text = format!("“{term}”: {}", counted(*found, "result", "results"));
        if *found == 0 {
            ui.label(RichText::new(text).weak());
        } else if ui
            .button(text)
            .on_hover_text("Search for this word alone")
            .clicked()
        {
            commands.push(Command::View(ViewCommand::Search(term.clone())));
        }
    }
}

/// A result as one clickable row that wraps to the panel's width (a long one widened the
/// panel), its marks at its end: "hidden" (not on the graph now) and "close match".
fn marked_row(ui: &mut egui::Ui, text: RichText, hidden: bool, close: bool) -> egui::Response {
    let style = ui.style().clone();
    let mut job = egui::text::LayoutJob::default();
    let mut append = |text: RichText| {
        text.append_to(
            &mut job,
            &style,
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    };
    append(text);
    let palette = theme::palette(ui.ctx());
    if hidden {
        append(RichText::new("   hidden").small().color(palette.warning));
    }
    if close {
        append(RichText::new(CLOSE_MARK).small().color(palette.weak_text));
    }
    let response = ui.add(egui::Button::selectable(false, job).wrap());
    match (hidden, close) {
        (true, _) => response.on_hover_text(HIDDEN_HINT),
        (false, true) => response.on_hover_text(CLOSE_HINT),
        (false, false) => response,
    }
}

/// "close match", joined to the row's last word by non-breaking spaces: a row that wraps
/// takes that word to the next line with it. With plain spaces a long name had left "match"
/// alone under it, or the whole mark on a line of its own, where it read as a row apart.
const CLOSE_MARK: &str = "\u{a0}\u{a0}\u{a0}close\u{a0}match";
const HIDDEN_HINT: &str = "Not on the graph now: hidden by the filters, the time window or the \
                           focus. Show all, under the filters, brings it back.";
const CLOSE_HINT: &str = "Found by forgiving a letter or two, not as typed.";

fn result_row(
    ui: &mut egui::Ui,
    session: &Session,
    lens: &Lens,
    colouring: &Colouring,
    (hit, close): (&SearchHit, bool),
    query: &str,
    commands: &mut Vec<Command>,
) {
    let dataset = &session.dataset;
    match hit.target {
        HitTarget::Entity(entity) => {
            let Some(e) = dataset.entity(entity) else {
                return;
            };
            let name_left = ui
                .horizontal(|ui| {
                    theme::swatch(ui, colouring.colour(entity));
                    // Wrapped, its marks with it: a long name on one line, or marks beside
                    // it, widened the whole panel.
                    let hidden = !lens.shows_entity(entity);
                    let name = marked_row(ui, RichText::new(e.name.as_str()), hidden, close);
                    if name.clicked() {
                        commands.push(open_hit(hit));
                    }
                    name.rect.left() + ui.spacing().button_padding.x
                })
                .inner;
            // What matched, when not the name, on a line of its own under the name: beside
            // it, a long alias wrapped back to the panel's edge, under the dot.
            if hit.field != "name" {
                let text = hit.text(dataset, query);
                ui.horizontal(|ui| {
                    ui.add_space(name_left - ui.cursor().left());
                    ui.add(
                        egui::Label::new(RichText::new(format!("{}: {text}", hit.field)).small())
                            .wrap(),
                    );
                });
            }
        }
        HitTarget::Relation(relation) => {
            let text = RichText::new(hit.text(dataset, query));
            let hidden = !lens.shows_relation(relation);
            if marked_row(ui, text, hidden, close).clicked() {
                commands.push(open_hit(hit));
            }
        }
        HitTarget::Quote {
            relation,
            evidence_index,
        } => {
            let Some(r) = dataset.relation(relation) else {
                return;
            };
            let name = |e| dataset.entity(e).map_or("?", |e| e.name.as_str());
            ui.add_space(2.0);
            ui.label(
                RichText::new(format!(
                    "{} — {} → {}",
                    name(r.source),
                    r.display_label(),
                    name(r.target)
                ))
                .small(),
            );
            let text = if hit.field == "speaker" {
                let verb = r
                    .evidence
                    .get(evidence_index)
                    .map_or("said", |e| dataset.speaker_verb(e));
                format!("{verb} {}", hit.text(dataset, query))
            } else {
                crate::words::in_quotation_marks(&hit.text(dataset, query))
            };
            let text = RichText::new(text).color(theme::palette(ui.ctx()).quote);
            let hidden = !lens.shows_relation(relation);
            if marked_row(ui, text, hidden, close).clicked() {
                commands.push(open_hit(hit));
            }
        }
    }
}
