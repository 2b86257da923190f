//! Paths between two entities as readable chains — IBM —consulted for (2016)→ Huawei —built→
//! … — each hop opening to its quotes, with the choices of how paths are found.

use egui::RichText;

use crate::command::Command;
use crate::model::EntityIdx;
use crate::model::paths::{Hop, Path};
use crate::session::Session;
use crate::ui::theme;
use crate::view::{Lens, PathQuery, View, ViewCommand};

/// "Path from here" and "Path to here", for an entity's panel.
pub fn path_buttons(
    ui: &mut egui::Ui,
    view: &View,
    entity: EntityIdx,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Path from here")
            .on_hover_text("Find how this entity reaches another: pick the other end next")
            .clicked()
        {
            commands.push(Command::View(ViewCommand::PathFrom(entity)));
        }
        let from_elsewhere = view.path.is_some_and(|p| p.from != entity);
        if ui
            .add_enabled(from_elsewhere, egui::Button::new("Path to here"))
            .on_hover_text(
                "Show the paths from the entity picked with \"Path from here\" to this one",
            )
            .on_disabled_hover_text(
                "First click \"Path from here\" on the entity the path starts from, or \
                 right-click this one on the graph with that one selected",
            )
            .clicked()
        {
            commands.push(Command::View(ViewCommand::PathTo(entity)));
        }
    });
}

/// A line saying a path is being asked for, while its other end is still to pick.
pub fn pending_line(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    commands: &mut Vec<Command>,
) {
    let Some(query) = view.path.filter(|q| q.to.is_none()) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Path from {}: select the other end (on the graph, or search), then click \"Path to here\".",
                name(session, query.from)
            ))
            .color(theme::palette(ui.ctx()).accent),
        );
        if ui.small_button("Cancel").clicked() {
            commands.push(Command::View(ViewCommand::ClearPath));
        }
    });
}

/// The paths found, with the options of the search.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    query: PathQuery,
    lens: &Lens,
    commands: &mut Vec<Command>,
) {
    let Some(to) = query.to else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!(
            "{} → {}",
            name(session, query.from),
            name(session, to)
        ));
        if ui
            .button("Close")
            .on_hover_text("Stop showing paths")
            .clicked()
        {
            commands.push(Command::View(ViewCommand::ClearPath));
        }
    });
    let mut options = query.options;
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut options.directed, "Follow link direction");
        ui.checkbox(&mut options.reported_only, "Only reported links")
            .on_hover_text("Leave out links the source marks claimed, alleged, denied or unclear");
        ui.checkbox(&mut options.chain_only, "Only supply-chain links")
            .on_hover_text(
                "Only links that are a step along the chain (supplied, designed, built, funded, \
             invested in, consulted for, deployed in, operates, located in, evolved into); \
             not criticised, partnered with or related to",
            );
    });
    // One slider a line: side by side they do not wrap, and widened the panel.
    ui.add(egui::Slider::new(&mut options.k, 1..=8).text("paths"));
    ui.add(egui::Slider::new(&mut options.max_hops, 1..=12).text("hops at most"));
    if options != query.options {
        commands.push(Command::View(ViewCommand::SetPathOptions(options)));
    }
    ui.separator();
    if lens.paths.is_empty() {
        ui.label(
            RichText::new(
                "No path within these limits over the links shown. Try more hops, not following \
                 direction, or clearing filters.",
            )
            .color(theme::palette(ui.ctx()).warning),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Every path as short as the first is a shortest one: "Shortest path 1" then
            // "Path 2" of the same length had read as if the second were longer.
            let shortest = lens.paths.first().map_or(0, |p| p.hops.len());
            // Where the network has a chain to follow and paths may leave it, the hops that are
            // no step along it are marked: IBM reached Frequentis "through" Trump's criticism,
            // drawn as if it were a supply route.
            let mark_off_chain = !options.chain_only && session.index.flow_relations > 0;
            for (number, path) in lens.paths.iter().enumerate() {
                let is_shortest = path.hops.len() == shortest;
                let shown = PathShown {
                    number,
                    is_shortest,
                    mark_off_chain,
                };
                path_chain(ui, session, lens, shown, path, commands);
            }
        });
}

/// How one path of the list is headed.
#[derive(Clone, Copy)]
struct PathShown {
    number: usize,
    is_shortest: bool,
    /// Whether to mark the hops that are no step along a supply chain.
    mark_off_chain: bool,
}

/// Whether `hop` is no step along a supply chain (criticised, partnered with, close to…).
fn off_chain(session: &Session, hop: &Hop) -> bool {
    session
        .dataset
        .relation(hop.relation)
        .is_some_and(|r| !crate::model::flow::is_flow(r.kind))
}

fn path_chain(
    ui: &mut egui::Ui,
    session: &Session,
    lens: &Lens,
    shown: PathShown,
    path: &Path,
    commands: &mut Vec<Command>,
) {
    let PathShown {
        number,
        is_shortest,
        mark_off_chain,
    } = shown;
    let hops = path.hops.len();
    let warning = theme::palette(ui.ctx()).warning;
    let off = if mark_off_chain {
        path.hops.iter().filter(|h| off_chain(session, h)).count()
    } else {
        0
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} {} ({})",
                if is_shortest { "Shortest path" } else { "Path" },
                number + 1,
                crate::words::counted(hops, "hop", "hops")
            ))
            .strong(),
        );
        if off > 0 {
            let words = if off == 1 {
                "1 hop is no supply step".to_owned()
            } else {
                format!("{off} hops are no supply step")
            };
            ui.label(RichText::new(words).color(warning)).on_hover_text(
                "Marked ⚠ below. \"Only supply-chain links\" leaves such paths out.",
            );
        }
    });
    let entities = path.entities(&session.dataset);
    for (step, hop) in path.hops.iter().enumerate() {
        let (Some(&from), Some(&to)) = (entities.get(step), entities.get(step + 1)) else {
            continue;
        };
        // A path is a route through entities: the other relations shown between the same two
        // are named under the hop, each a click away.
        let others: Vec<_> = session
            .network
            .between(from, to)
            .into_iter()
            .filter(|&r| r != hop.relation && lens.shows_relation(r))
            .collect();
        let mut title = hop_text(session, from, to, *hop);
        let flagged = mark_off_chain && off_chain(session, hop);
        if flagged {
            title = format!("⚠ {title}");
        }
        if !others.is_empty() {
            title = format!(
                "{title} (+{})",
                crate::words::counted(others.len(), "more relation", "more relations")
            );
        }
        let title = if flagged {
            RichText::new(title).color(warning)
        } else {
            RichText::new(title)
        };
        egui::CollapsingHeader::new(super::theme::header_title(ui, title))
            .id_salt(("path-hop", number, step))
            .show(ui, |ui| {
                super::side_panel::relation_evidence(ui, session, hop.relation, commands);
                if !others.is_empty() {
                    ui.label(RichText::new("Also between them:").weak());
                    for other in others {
                        let Some(r) = session.dataset.relation(other) else {
                            continue;
                        };
                        if ui.link(r.arrow(r.phrase(), r.source == from)).clicked() {
                            commands.push(Command::Select(crate::view::Selection::Relation(other)));
                        }
                    }
                }
            });
    }
    ui.add_space(6.0);
}

/// "IBM —consulted for (2016)→ Huawei", or "Huawei ←built (2012)— Karamay" for a relation
/// walked against its direction, "A —partner— B" for one without; hedged relations say so.
fn hop_text(session: &Session, from: EntityIdx, to: EntityIdx, hop: Hop) -> String {
    let Some(relation) = session.dataset.relation(hop.relation) else {
        return String::new();
    };
    let when = relation
        .when
        .display()
        .map(|when| format!(" ({when})"))
        .unwrap_or_default();
    let hedge = if relation.status.is_hedged() {
        format!(", {}", relation.status.as_str())
    } else {
        String::new()
    };
    let label = format!("{}{when}{hedge}", relation.phrase());
    format!(
        "{} {} {}",
        name(session, from),
        relation.arrow(&label, hop.forward),
        name(session, to)
    )
}

fn name(session: &Session, entity: EntityIdx) -> &str {
    session
        .dataset
        .entity(entity)
        .map_or("?", |e| e.name.as_str())
}
