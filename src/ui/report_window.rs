//! The load report window: what the last load read, and every warning it produced.

use egui::RichText;

use crate::command::Command;
use crate::formats::LoadReport;
use crate::ui::theme;

/// Shows the report of the open dataset in a window while `open` is set.
pub fn show(ctx: &egui::Context, report: &LoadReport, open: bool, commands: &mut Vec<Command>) {
    let mut still_open = open;
    egui::Window::new("Load report")
        .open(&mut still_open)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_height(420.0)
        .show(ctx, |ui| {
            ui.label(RichText::new(&report.file).strong());
            ui.label(format!("Format: {}", report.format));
            ui.label(format!(
                "{} entities, {} relations, {} quotes, {} sources",
                report.entity_count,
                report.relation_count,
                report.evidence_count,
                report.source_count
            ));
            ui.separator();
            if report.warnings.is_empty() {
                ui.label("Everything in the file was used; no warnings.");
                return;
            }
            ui.label(
                RichText::new(format!("{} warnings", report.warnings.len())).color(theme::WARNING),
            );
            egui::ScrollArea::vertical().show(ui, |ui| {
                for warning in &report.warnings {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&warning.json_path).monospace());
                        ui.label(&warning.message);
                    });
                }
            });
        });
    if open && !still_open {
        commands.push(Command::ShowReport(false));
    }
}
