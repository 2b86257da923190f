//! The bar across the top: open, fit, layout control, the load report, and the status of a
//! load in progress or of the last error.

use egui::RichText;

use crate::command::Command;
use crate::formats::ExportFormat;
use crate::layout::{Engine, ForceLayout, LayoutPhase};
use crate::session::Session;
use crate::ui::theme;

/// A load in progress, as the toolbar shows it.
pub struct Loading {
    pub file: String,
    /// What it is doing: `Reading 40%`, `Parsing`.
    pub step: String,
    pub fraction: f32,
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CentralView {
    Graph,
    Table,
}

/// The flow arrangement, as the toolbar offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowState {
    Off,
    On,
    /// Too many entities to arrange.
    TooBig,
    /// No relation to lay out: none of a supply-chain kind with a direction.
    NoFlow,
}

/// What the toolbar needs to know beyond the session.
pub struct ToolbarState<'a> {
    /// The file being loaded in the background, if any.
    pub loading: Option<&'a Loading>,
    /// Whether a file dialog is open.
    pub picking: bool,
    /// What the central area shows.
    pub central: CentralView,
    /// Whether the flow arrangement is on.
    pub flow: FlowState,
    /// Whether the located entities are placed on a map.
    pub on_map: bool,
    /// Files opened lately, most recent first.
    pub recent: &'a [std::path::PathBuf],
    /// Whether there is anything to undo and to redo.
    pub history: UndoState,
    /// The colour theme in use, and whether the side panel shows.
    pub theme: crate::palette::Theme,
    pub side_panel: bool,
}

/// Whether Undo and Redo have anything to do.
#[derive(Clone, Copy, Debug, Default)]
pub struct UndoState {
    pub can_undo: bool,
    pub can_redo: bool,
}

/// Draws the toolbar.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    state: &ToolbarState<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let open = ui
            .add_enabled(!state.picking, egui::Button::new("Open…"))
            .on_hover_text("Open a dataset file (Ctrl+O), or drop one on the window");
        if open.clicked() {
            commands.push(Command::PickFile);
        }
        recent_menu(ui, state, commands);
        ui.add_enabled_ui(!state.picking, |ui| {
            ui.menu_button("Save as…", |ui| {
                for format in ExportFormat::ALL {
                    if ui.button(format!("{}…", format.label())).clicked() {
                        commands.push(Command::SaveAs(format));
                        ui.close();
                    }
                }
                export_items(ui, commands);
            })
            .response
            .on_hover_text(
                "Write the open dataset to a new file (Ctrl+Shift+S: Chainsight format)",
            );
        });
        if ui
            .button("Fit")
            .on_hover_text("Show the whole network (F)")
            .clicked()
        {
            commands.push(Command::FitView);
        }
        let showing_table = state.central == CentralView::Table;
        let (label, hover) = if showing_table {
            ("Graph", "Show the graph again (T)")
        } else {
            (
                "Table",
                "List entities and relations as sortable rows instead of the graph (T)",
            )
        };
        if ui.button(label).on_hover_text(hover).clicked() {
            commands.push(Command::ShowTable(!showing_table));
        }
        history_buttons(ui, state, commands);
        layout_controls(ui, session, state.on_map, commands);
        if ui
            .button("▶ Present")
            .on_hover_text("Full screen with large type; the story plays with →/← (F5; Esc leaves)")
            .clicked()
        {
            commands.push(Command::Present(true));
        }
        view_menu(ui, state, commands);
        flow_button(ui, state.flow, commands);
        let warnings = session.report.warning_count();
        let report_label = if warnings == 0 {
            RichText::new("Load report")
        } else {
            RichText::new(format!(
                "Load report ({})",
                crate::words::counted(warnings, "warning", "warnings")
            ))
            .color(theme::palette(ui.ctx()).warning)
        };
        if ui.button(report_label).clicked() {
            commands.push(Command::ShowReport(true));
        }
        // What is open (or loading) comes last and gives way: at 1280 points the buttons
        // leave little room, and Cancel must stay on screen.
        if let Some(loading) = state.loading {
            ui.separator();
            if ui
                .button("Cancel")
                .on_hover_text("Stop loading; the open dataset stays")
                .clicked()
            {
                commands.push(Command::CancelLoad);
            }
            ui.add(
                egui::ProgressBar::new(loading.fraction)
                    .desired_width(140.0)
                    .text(loading.step.as_str()),
            )
            .on_hover_text(format!("Loading {}", loading.file));
            ui.spinner();
            ui.add(egui::Label::new(format!("Loading {}…", loading.file)).truncate());
        } else {
            file_name(ui, session);
        }
    });
}

/// The open file's name, its whole path on hover. Where the buttons leave less than a short
/// name's room (a 1024-point window left "safe-city.j…", a long name "…"), it takes a row
/// of its own; a long name with some room is cut short instead.
fn file_name(ui: &mut egui::Ui, session: &Session) {
    let name = session
        .origin
        .as_deref()
        .map_or_else(|| session.report.file.clone(), crate::formats::display_name);
    let wanted = ui
        .painter()
        .layout_no_wrap(
            name.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::WHITE,
        )
        .size()
        .x;
    // What is left of this row (a wrapped row's available width is the whole row's).
    if ui.available_size_before_wrap().x < wanted.min(140.0) {
        ui.end_row();
    } else {
        ui.separator();
    }
    let room = egui::vec2(
        ui.available_size_before_wrap().x,
        ui.spacing().interact_size.y,
    );
    let label = ui
        .allocate_ui(room, |ui| {
            ui.add(egui::Label::new(RichText::new(name).weak()).truncate())
        })
        .inner;
    if let Some(path) = &session.origin {
        label.on_hover_text(path.display().to_string());
    }
}

/// Undo and Redo.
fn history_buttons(ui: &mut egui::Ui, state: &ToolbarState<'_>, commands: &mut Vec<Command>) {
    if ui
        .add_enabled(state.history.can_undo, egui::Button::new("Undo"))
        .on_hover_text(
            "Undo the last change of selection, search, filters, time or focus, the last \
             node moved, or the last layout run (Ctrl+Z)",
        )
        .clicked()
    {
        commands.push(Command::Undo);
    }
    if ui
        .add_enabled(state.history.can_redo, egui::Button::new("Redo"))
        .on_hover_text("Redo (Ctrl+Shift+Z or Ctrl+Y)")
        .clicked()
    {
        commands.push(Command::Redo);
    }
}

/// Files opened lately, to open again. Greyed out until a file has been opened, rather than
/// left out: its coming had moved every button after it, and a click meant for Table had
/// opened Save as….
fn recent_menu(ui: &mut egui::Ui, state: &ToolbarState<'_>, commands: &mut Vec<Command>) {
    if state.recent.is_empty() {
        ui.add_enabled(false, egui::Button::new("Recent ▾"))
            .on_disabled_hover_text("The files you open are listed here");
    } else {
        ui.menu_button("Recent ▾", |ui| {
            for path in state.recent {
                if ui
                    .button(crate::formats::display_name(path))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    commands.push(Command::OpenFile(path.clone()));
                }
            }
        });
    }
}

/// Exports of what is on screen, under the data formats of Save as….
fn export_items(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.separator();
    ui.label(RichText::new("Export what is on screen").weak());
    for kind in crate::app::ExportKind::ALL {
        if ui.button(kind.label()).clicked() {
            commands.push(Command::Export(kind));
            ui.close();
        }
    }
}

/// Presenting, the theme and the side panel.
fn view_menu(ui: &mut egui::Ui, state: &ToolbarState<'_>, commands: &mut Vec<Command>) {
    use crate::palette::Theme;
    ui.menu_button("View ▾", |ui| {
        if ui
            .add(egui::Button::new("Present").shortcut_text("F5"))
            .on_hover_text(
                "Full screen, toolbar and panel hidden, large type; the dataset's story (if any) \
                 plays with →/← or a clicker. Esc leaves.",
            )
            .clicked()
        {
            commands.push(Command::Present(true));
        }
        if ui
            .add(egui::Button::selectable(state.side_panel, "Side panel").shortcut_text("F6"))
            .clicked()
        {
            commands.push(Command::ShowSidePanel(!state.side_panel));
        }
        ui.separator();
        ui.label(RichText::new("Theme").weak());
        for theme in [Theme::Dark, Theme::Light] {
            let label = match theme {
                Theme::Dark => "Dark",
                Theme::Light => "Light",
            };
            if ui.radio(state.theme == theme, label).clicked() {
                commands.push(Command::SetTheme(theme));
            }
        }
    });
}

/// Pause/resume, re-running, placing on a map and the choice of layout engine.
fn layout_controls(
    ui: &mut egui::Ui,
    session: &Session,
    on_map: bool,
    commands: &mut Vec<Command>,
) {
    let phase = session.layout.phase();
    let engine = session.layout.engine();
    let (layout_label, layout_hint) = match phase {
        LayoutPhase::Running => ("Pause layout", "Space".to_owned()),
        LayoutPhase::Paused => ("Resume layout", "Space".to_owned()),
        LayoutPhase::Converged => ("Re-run layout", "Space".to_owned()),
        LayoutPhase::TooLarge => (
            "Layout off",
            format!(
                "{} runs on up to {} nodes; this network has {}. Nodes keep their starting \
                 places (or the positions saved in the file); drag to move them.",
                engine.label(),
                ForceLayout::engine_limit(engine),
                session.layout.len()
            ),
        ),
    };
    let layout_button = ui.add_enabled(
        phase != LayoutPhase::TooLarge,
        egui::Button::new(layout_label),
    );
    if layout_button
        .on_hover_text(&layout_hint)
        .on_disabled_hover_text(&layout_hint)
        .clicked()
    {
        commands.push(Command::ToggleLayout);
    }
    let running = phase != LayoutPhase::TooLarge;
    ui.menu_button("Layout ▾", |ui| {
        if ui
            .add_enabled(
                running,
                egui::Button::new("Re-run from here").shortcut_text("R"),
            )
            .on_hover_text(
                "Run the forces again from where the nodes are, settling gently: the map \
                 tightens but keeps its shape (Ctrl+Z undoes it)",
            )
            .clicked()
        {
            commands.push(Command::RerunLayout);
        }
        if ui
            .add_enabled(running, egui::Button::new("Re-layout from scratch"))
            .on_hover_text(
                "Start the layout over: every node that is not pinned goes back to the start \
                 and the forces run in full (Ctrl+Z undoes it)",
            )
            .clicked()
        {
            commands.push(Command::Relayout);
        }
        let located = session.index.located;
        if located > 0 {
            let mut placed = on_map;
            if ui
                .checkbox(&mut placed, "Place on a map")
                .on_hover_text(format!(
                    "Pin the {} whose file gives a latitude and longitude where they lie, \
                     north up, and let the forces arrange the rest (click again to free \
                     them; Ctrl+Z undoes it)",
                    crate::words::counted(located, "entity", "entities")
                ))
                .clicked()
            {
                commands.push(Command::PlaceOnMap(placed));
            }
        }
        ui.separator();
        ui.label(RichText::new("Engine").weak());
        for choice in [Engine::ForceAtlas2, Engine::FruchtermanReingold] {
            if ui
                .radio(engine == choice, choice.label())
                .on_hover_text("Runs from the current positions (Ctrl+Z undoes it)")
                .clicked()
            {
                commands.push(Command::SetEngine(choice));
            }
        }
    })
    .response
    .on_hover_text(format!("Layout: {}", engine.label()));
}

/// "Flow →", on or off, or greyed out saying why it is not offered.
fn flow_button(ui: &mut egui::Ui, flow_state: FlowState, commands: &mut Vec<Command>) {
    let flow_on = flow_state == FlowState::On;
    let flow = ui
        .add_enabled(
            matches!(flow_state, FlowState::On | FlowState::Off),
            egui::Button::selectable(flow_on, "Flow →"),
        )
        .on_hover_text(
            "Lay the supply chain out left to right: who supplied, designed, built or \
             funded whom, and where it was deployed (click again to free it)",
        )
        .on_disabled_hover_text(match flow_state {
            FlowState::NoFlow => {
                "Nothing to lay out: no relation here says who supplied, designed, built, \
                 funded or operates what, with a direction"
            }
            _ => "Offered for networks of up to 5,000 entities",
        });
    if flow.clicked() {
        commands.push(Command::ArrangeFlow(!flow_on));
    }
}
