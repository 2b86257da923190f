//! The load report window: what format the file was read as, what was found, how fields were
//! mapped, every warning, and — for files holding several graphs — the others, to open instead.

use std::path::Path;

use egui::RichText;

use crate::command::Command;
use crate::formats::LoadReport;
use crate::ui::theme;
use crate::words::counted;

/// Shows the report of the open dataset in a window while `open` is set, first in the middle
/// of `graph_area`. `origin` is the file it was read from, so that another graph of the same
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
        .default_width(560.0_f32.min(graph_area.width() - 32.0).max(320.0))
        .default_height(560.0_f32.min(graph_area.height() - 32.0).max(240.0))
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(graph_area.center())
        .show(ctx, |ui| {
            ui.label(RichText::new(&report.file).strong());
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
            // second of two had been cut at the window's foot.
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.separator();
                warnings(ui, report);
                if !report.notes.is_empty() {
                    ui.separator();
                    ui.label(RichText::new("How the file was read").strong());
                    for note in &report.notes {
                        ui.label(format!("• {note}"));
                    }
                }
            });
        });
    if open && !still_open {
        commands.push(Command::ShowReport(false));
    }
}

/// The warnings, counted, each with where in the file; or that there are none.
fn warnings(ui: &mut egui::Ui, report: &LoadReport) {
    if report.warning_count() == 0 {
        // The notes may say what was set aside; only without them was it all used.
        ui.label(if report.notes.is_empty() {
            "Everything in the file was used; no warnings."
        } else {
            "No warnings."
        });
        return;
    }
    let heading = counted(report.warning_count(), "warning", "warnings");
    ui.label(RichText::new(heading).color(theme::palette(ui.ctx()).warning));
    for warning in &report.warnings {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&warning.json_path).monospace());
            ui.label(&warning.message);
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
