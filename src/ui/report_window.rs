//! The load report window: what format the file was read as, what was found, how fields were
//! mapped, every warning, and — for files holding several graphs — the others, to open instead.

use std::path::Path;

use egui::RichText;

use crate::command::Command;
use crate::formats::LoadReport;
use crate::ui::theme;
use crate::words::counted;

/// Shows the report of the open dataset in a window while `open` is set, first at the top
/// right of `graph_area`: its close button in one place whatever the file, and the graph's
/// left part in view beside it. `origin` is the file it was read from, so that another graph of the same
/// file can be opened.
pub fn show(
    ctx: &egui::Context,
    graph_area: egui::Rect,
    report: &LoadReport,
    origin: Option<&Path>,
    open: bool,
    commands: &mut Vec<Command>,
) {
    let mut still_open = open;
    egui::Window::new("Load report")
        .open(&mut still_open)
        .default_width(520.0_f32.min(graph_area.width() - 32.0).max(320.0))
        .default_height(560.0_f32.min(graph_area.height() - 32.0).max(240.0))
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(graph_area.right_top() + egui::vec2(-12.0, 12.0))
        .show(ctx, |ui| {
            ui.label(RichText::new(&report.file).strong());
            // What a user opening their own file asks first: was anything left out?
            ui.label(RichText::new(in_one_line(report)).strong());
            ui.label(format!("Read as: {}", report.format));
            ui.label(format!(
                "{}, {}, {}, {}",
                counted(report.entity_count, "entity", "entities"),
                counted(report.relation_count, "relation", "relations"),
                crate::words::quotes_counted(report.quote_count, report.evidence_count),
                counted(report.source_count, "source", "sources")
            ));
            if let (Some(path), false) = (origin, report.other_graphs.is_empty()) {
                ui.separator();
                ui.label("This file holds other graphs too:");
                for (graph_index, name) in &report.other_graphs {
                    if ui.button(format!("Open {name}")).clicked() {
                        commands.push(Command::OpenGraph {
                            path: path.to_path_buf(),
                            graph_index: *graph_index,
                        });
                    }
                }
            }
            // Warnings first: they are what the reader must act on, and below the notes the
            // second of two had been cut at the window's foot. Then what was set aside, then
            // how the rest was read.
            egui::ScrollArea::vertical().show(ui, |ui| {
                warnings(ui, report);
                let set_aside: Vec<&str> = report.set_aside().collect();
                if !set_aside.is_empty() {
                    ui.separator();
                    ui.label(RichText::new("Not read or not drawn").strong());
                    for note in set_aside {
                        ui.label(format!("• {note}"));
                    }
                }
                let how_read: Vec<&str> = report.how_read().collect();
                if !how_read.is_empty() {
                    ui.separator();
                    ui.label(RichText::new("How the file was read").strong());
                    for note in how_read {
                        ui.label(format!("• {note}"));
                    }
                }
            });
        });
    if open && !still_open {
        commands.push(Command::ShowReport(false));
    }
}

/// The report in a line: its warnings, and whether some notes say what was not read or not
/// drawn. A reader had met "No warnings." and then a list of what was dropped.
fn in_one_line(report: &LoadReport) -> String {
    let warnings = match report.warning_count() {
        0 => "No warnings".to_owned(),
        n => counted(n, "warning", "warnings"),
    };
    match report.set_aside().count() {
        // Only with no notes at all: a note may say, in its own words, what was changed.
        0 if report.notes.is_empty() && report.warning_count() == 0 => {
            "Everything in the file was used; no warnings.".to_owned()
        }
        0 if report.warning_count() == 0 => {
            "No warnings; the notes below say how the file was read.".to_owned()
        }
        0 => format!("{warnings}, listed below."),
        n => format!(
            "{warnings}. Some of the file was not read or not drawn: {} below.",
            counted(n, "note", "notes")
        ),
    }
}

/// The warnings, counted, each with where in the file.
fn warnings(ui: &mut egui::Ui, report: &LoadReport) {
    if report.warning_count() == 0 {
        return;
    }
    ui.separator();
    let heading = counted(report.warning_count(), "warning", "warnings");
    ui.label(RichText::new(heading).color(theme::palette(ui.ctx()).warning));
    // What is wrong first, in words; where, after it and smaller: a path such as
    // `[6].cyGroups[1].nodes[1]` leading each line had read as jargon.
    for warning in &report.warnings {
        ui.horizontal_wrapped(|ui| {
            ui.label(&warning.message);
            if !warning.json_path.is_empty() {
                ui.label(
                    RichText::new(format!("at {}", warning.json_path))
                        .monospace()
                        .small()
                        .weak(),
                );
            }
        });
    }
    if report.unlisted_warnings > 0 {
        ui.label(format!(
            "…and {} more warnings, not listed (run “chainsight check” for the first {})",
            report.unlisted_warnings,
            report.warnings.len()
        ));
    }
}
