//! The eframe application: owns the session (the open dataset) and the work in flight
//! (a file dialog, a background load), draws the panels, then carries out the commands
//! they pushed. Errors are shown once, logged, and leave the open dataset as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::command::Command;
use crate::formats::{self, LoadError, LoadReport, Loaded, native::is_openable_url};
use crate::layout::LayoutPhase;
use crate::model::Dataset;
use crate::session::{Selection, Session};
use crate::ui::{graph_view, report_window, side_panel, theme, toolbar};

/// How long the layout may run per frame, so the window stays responsive on big graphs.
const LAYOUT_BUDGET: Duration = Duration::from_millis(8);
/// A dialog that returns nothing faster than this was never shown: no dialog is available.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct StartupOptions {
    /// A file to open instead of staying on the built-in dataset.
    pub file: Option<PathBuf>,
}

/// How the app asks the user for a file. The real one shows the system dialog; tests use
/// their own so that no dialog ever opens.
pub trait FilePicker: Send + Sync {
    /// Blocks until the user picks a file or cancels. Called off the UI thread.
    fn pick(&self) -> Option<PathBuf>;
}

/// The system file dialog (xdg-desktop-portal or zenity on Linux).
struct SystemFilePicker;

impl FilePicker for SystemFilePicker {
    fn pick(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open dataset")
            .add_filter("JSON dataset", &["json"])
            .add_filter("All files", &["*"])
            .pick_file()
    }
}

/// A file being read and parsed on a worker thread.
struct BackgroundLoad {
    path: PathBuf,
    receiver: Receiver<Result<Loaded, LoadError>>,
}

/// A file dialog open on a worker thread.
struct PendingPick {
    receiver: Receiver<Option<PathBuf>>,
    started: Instant,
}

/// The Chainsight window.
pub struct ChainsightApp {
    session: Session,
    commands: Vec<Command>,
    load: Option<BackgroundLoad>,
    pick: Option<PendingPick>,
    picker: Arc<dyn FilePicker>,
    /// The last thing that went wrong, shown until dismissed.
    error: Option<String>,
    show_report: bool,
    entity_filter: String,
}

impl ChainsightApp {
    /// Creates the app on the built-in dataset; opens `startup.file` if given.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: StartupOptions) -> Self {
        theme::apply(&cc.egui_ctx);
        let (session, error) = match formats::load_builtin() {
            Ok(loaded) => (Session::new(loaded, None), None),
            Err(error) => {
                log::error!("{error}");
                let empty = Loaded {
                    dataset: Dataset::default(),
                    report: LoadReport::default(),
                };
                (Session::new(empty, None), Some(error.to_string()))
            }
        };
        let mut app = Self {
            session,
            commands: Vec::new(),
            load: None,
            pick: None,
            picker: Arc::new(SystemFilePicker),
            error,
            show_report: false,
            entity_filter: String::new(),
        };
        if let Some(file) = startup.file {
            app.commands.push(Command::OpenFile(file));
        }
        app
    }

    /// Replaces the file dialog, for tests.
    #[must_use]
    pub fn with_file_picker(mut self, picker: Arc<dyn FilePicker>) -> Self {
        self.picker = picker;
        self
    }

    /// The open dataset and its view.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The error message on screen, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether a file is being loaded in the background.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// Whether the load report window is open.
    pub fn is_report_open(&self) -> bool {
        self.show_report
    }

    /// Queues a command, as a UI element would; it runs at the end of the next frame.
    pub fn submit(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn fail(&mut self, message: String) {
        log::warn!("{message}");
        self.error = Some(message);
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::PickFile => self.start_pick(ctx),
                Command::OpenFile(path) => self.start_load(ctx, path),
                Command::CancelLoad => self.load = None,
                Command::Select(selection) => self.session.selection = selection,
                Command::FitView => self.session.camera.follow = true,
                Command::ToggleLayout => match self.session.layout.phase() {
                    LayoutPhase::Running => self.session.layout.pause(),
                    LayoutPhase::Paused | LayoutPhase::Converged => self.session.layout.resume(),
                },
                Command::Unpin(entity) => self.session.layout.unpin(entity),
                Command::ShowReport(show) => self.show_report = show,
                Command::OpenUrl(url) => {
                    if is_openable_url(&url) {
                        ctx.open_url(egui::OpenUrl::new_tab(url));
                    } else {
                        self.fail(format!(
                            "Not opening \"{url}\": only http and https links are opened."
                        ));
                    }
                }
                Command::DismissError => self.error = None,
            }
        }
    }

    fn start_pick(&mut self, ctx: &egui::Context) {
        if self.pick.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let picker = Arc::clone(&self.picker);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                // The receiver may be gone if the app closed; nothing to do then.
                let _ = sender.send(picker.pick());
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pick = Some(PendingPick {
                    receiver,
                    started: Instant::now(),
                });
            }
            Err(error) => self.fail(format!("Could not show the file dialog: {error}")),
        }
    }

    fn start_load(&mut self, ctx: &egui::Context, path: PathBuf) {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let worker_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("load-dataset".to_owned())
            .spawn(move || {
                let _ = sender.send(formats::load_path(&worker_path));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.load = Some(BackgroundLoad { path, receiver }),
            Err(error) => self.fail(format!("Could not start loading: {error}")),
        }
    }

    /// Collects the results of work done on other threads.
    fn poll_workers(&mut self) {
        if let Some(pick) = &self.pick {
            match pick.receiver.try_recv() {
                Ok(Some(path)) => {
                    self.pick = None;
                    self.commands.push(Command::OpenFile(path));
                }
                Ok(None) | Err(TryRecvError::Disconnected) => {
                    let too_fast = pick.started.elapsed() < NO_DIALOG_THRESHOLD;
                    self.pick = None;
                    if too_fast {
                        self.fail(
                            "No file dialog is available on this system. Install \
                             xdg-desktop-portal-gtk (or zenity), drop the file on this window, \
                             or run `chainsight FILE`."
                                .to_owned(),
                        );
                    }
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(load) = &self.load {
            match load.receiver.try_recv() {
                Ok(Ok(loaded)) => {
                    let path = load.path.clone();
                    self.load = None;
                    log::info!("{}", loaded.report.summary());
                    self.show_report = !loaded.report.warnings.is_empty();
                    self.session = Session::new(loaded, Some(path));
                    self.error = None;
                }
                Ok(Err(error)) => {
                    self.load = None;
                    self.fail(error.to_string());
                }
                Err(TryRecvError::Disconnected) => {
                    self.load = None;
                    self.fail(
                        "Loading stopped unexpectedly; the open dataset is unchanged.".to_owned(),
                    );
                }
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    fn handle_keys_and_drops(&mut self, ctx: &egui::Context) {
        let open_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&open_shortcut)) {
            self.commands.push(Command::PickFile);
        }
        if let Some(path) =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()))
        {
            self.commands.push(Command::OpenFile(path));
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input(|i| {
            if i.key_pressed(egui::Key::F) {
                self.commands.push(Command::FitView);
            }
            if i.key_pressed(egui::Key::Space) {
                self.commands.push(Command::ToggleLayout);
            }
            if i.key_pressed(egui::Key::Escape) {
                self.commands.push(Command::Select(Selection::Nothing));
            }
        });
    }

    /// While a file is dragged over the window, say what dropping it will do.
    fn drop_hint(ctx: &egui::Context) {
        let hovered = ctx.input(|i| {
            i.raw
                .hovered_files
                .first()
                .and_then(|f| f.path.as_deref().map(formats::display_name))
        });
        let Some(name) = hovered else {
            return;
        };
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::new("drop-hint"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            format!("Drop to open {name}"),
            egui::FontId::proportional(28.0),
            theme::NODE_LABEL,
        );
    }

    fn error_banner(ui: &mut egui::Ui, error: &str, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(error).color(theme::ERROR));
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissError);
            }
        });
    }
}

impl eframe::App for ChainsightApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_workers();
        self.handle_keys_and_drops(&ctx);
        self.session.layout.advance(LAYOUT_BUDGET);

        let mut commands = Vec::new();
        let loading = self
            .load
            .as_ref()
            .map(|load| formats::display_name(&load.path));
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            let state = toolbar::ToolbarState {
                loading: loading.as_deref(),
                picking: self.pick.is_some(),
            };
            toolbar::show(ui, &self.session, &state, &mut commands);
            if let Some(error) = &self.error {
                Self::error_banner(ui, error, &mut commands);
            }
            ui.add_space(2.0);
        });
        egui::Panel::right("evidence")
            .resizable(true)
            .default_size(440.0)
            .min_size(280.0)
            .show(ui, |ui| {
                side_panel::show(ui, &self.session, &mut self.entity_filter, &mut commands);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                graph_view::show(ui, &mut self.session, &mut commands);
            });
        report_window::show(&ctx, &self.session.report, self.show_report, &mut commands);
        Self::drop_hint(&ctx);

        self.commands.extend(commands);
        self.run_commands(&ctx);
    }
}
