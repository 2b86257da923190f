//! The bar across the top: open, fit, layout control, the load report, and the status of a
//! load in progress or of the last error.

use egui::RichText;

use crate::command::Command;
use crate::layout::LayoutPhase;
use crate::session::Session;
use crate::ui::theme;

/// What the toolbar needs to know beyond the session.
pub struct ToolbarState<'a> {
    /// The file being loaded in the background, if any.
    pub loading: Option<&'a str>,
    /// Whether a file dialog is open.
    pub picking: bool,
}

/// Draws the toolbar.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &ToolbarState<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let open = ui
            .add_enabled(!state.picking, egui::Button::new("Open…"))
            .on_hover_text("Open a dataset file (Ctrl+O), or drop one on the window");
        if open.clicked() {
            commands.push(Command::PickFile);
        }
        if ui
            .button("Fit")
            .on_hover_text("Show the whole network (F)")
            .clicked()
        {
            commands.push(Command::FitView);
        }
        let layout_label = match session.layout.phase() {
            LayoutPhase::Running => "Pause layout",
            LayoutPhase::Paused => "Resume layout",
            LayoutPhase::Converged => "Re-run layout",
        };
        if ui.button(layout_label).on_hover_text("Space").clicked() {
            commands.push(Command::ToggleLayout);
        }
        let warnings = session.report.warnings.len();
        let report_label = if warnings == 0 {
            RichText::new("Load report")
        } else {
            RichText::new(format!("Load report ({warnings} warnings)")).color(theme::WARNING)
        };
        if ui.button(report_label).clicked() {
            commands.push(Command::ShowReport(true));
        }
        ui.separator();
        if let Some(file) = state.loading {
            ui.spinner();
            ui.label(format!("Loading {file}…"));
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
        } else {
            let origin = session
                .origin
                .as_deref()
                .map_or_else(|| session.report.file.clone(), |p| p.display().to_string());
            ui.label(RichText::new(origin).weak());
        }
    });
}
