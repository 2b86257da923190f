//! The eframe application: owns the session (the open dataset) and the work in flight
//! (a file dialog, a background load), draws the panels, then carries out the commands
//! they pushed. Errors are shown once, logged, and leave the open dataset as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

mod export;
mod story;
mod typing;

pub use export::ExportKind;

use crate::command::Command;
use crate::formats::{
    self, ExportFormat, LoadError, LoadOptions, LoadProgress, LoadReport, Loaded, save,
};
use crate::layout::LayoutPhase;
use crate::model::{Dataset, SourceIdx, openable_url};
use crate::session::Session;
use crate::settings::Settings;
use crate::source_text::{self, AttachedText};
use crate::ui::reader::{self, Reader};
use crate::ui::{graph_view, report_window, side_panel, theme, toolbar};
use crate::view::{Focus, History, Lens, PathQuery, Selection, View, ViewCommand};

/// How much of the graph's area an entity brought into view may give its neighbours: the
/// rest is room for their names.
const NEIGHBOURHOOD_SHARE: f32 = 0.8;
/// The flow arrangement pins entities one by one: offered up to this many.
const FLOW_MAX_ENTITIES: usize = 5_000;
/// How long each year shows while the time window plays, unless the user picks another pace.
const PLAY_YEAR: Duration = Duration::from_millis(1200);
/// A dialog that returns nothing faster than this was never shown: no dialog is available.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);
/// On a map, places nearer than this share of the map's side are moved apart: at Fit that
/// leaves a node's width between them, so that neighbouring towns are not drawn as one blot.
const MAP_GAP_SHARE: f32 = 0.035;
/// Seconds a notice ("Copied…", "Saved…", "Deleted the story…") stays before it leaves by
/// itself: long enough to read twice.
const NOTICE_SECONDS: u64 = 8;
/// What Open… offers first: the endings of the files Chainsight reads (it recognises a
/// format from the content; `.xml` and `.txt` are how GraphML, XGMML and edge lists are
/// often saved, `.vis` an Aleph diagram).
pub(crate) const GRAPH_FILE_EXTENSIONS: &[&str] = &[
    "json", "cyjs", "cx", "cx2", "gexf", "graphml", "gml", "dot", "gv", "net", "paj", "csv", "tsv",
    "txt", "ftm", "ijson", "jsonl", "vis", "xgmml", "xml", "sif", "xlsx", "xlsm", "xlsb", "ods",
    "fods", "mtgx",
];
/// What Attach source text… offers first.
pub(crate) const SOURCE_TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "html", "htm"];

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct StartupOptions {
    /// A file to open instead of staying on the built-in dataset.
    pub file: Option<PathBuf>,
}

/// How the app asks the user for a file. The real one shows the system dialog; tests use
/// their own so that no dialog ever opens.
pub trait FilePicker: Send + Sync {
    /// Blocks until the user picks a file to open or cancels. Called off the UI thread.
    fn pick(&self) -> Option<PathBuf>;

    /// Blocks until the user picks where to save in `format`, or cancels.
    fn pick_save(&self, format: ExportFormat, suggested_name: &str) -> Option<PathBuf>;

    /// Blocks until the user picks where to export `kind`, or cancels.
    fn pick_export(&self, kind: ExportKind, suggested_name: &str) -> Option<PathBuf> {
        let _ = (kind, suggested_name);
        self.pick()
    }

    /// Blocks until the user picks a source's text (plain text or HTML), or cancels.
    fn pick_source_text(&self) -> Option<PathBuf> {
        self.pick()
    }
}

/// The system file dialog (xdg-desktop-portal or zenity on Linux).
struct SystemFilePicker;

impl FilePicker for SystemFilePicker {
    fn pick(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open dataset")
            .add_filter("Graph files", GRAPH_FILE_EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&self, format: ExportFormat, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(format!("Save as {}", format.label()))
            .add_filter(format.label(), &[format.extension()])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_export(&self, kind: ExportKind, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(kind.label().trim_end_matches('…'))
            .add_filter(kind.extension().to_uppercase(), &[kind.extension()])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_source_text(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Attach source text")
            .add_filter("Text or web page", SOURCE_TEXT_EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_file()
    }
}

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug)]
enum DialogPurpose {
    Open,
    Save(ExportFormat),
    Export(ExportKind),
    AttachText(SourceIdx),
}

/// A source text being read and checked on a worker thread, for the dataset open when it began.
struct PendingAttach {
    source: SourceIdx,
    /// The source's id and the dataset's file, to recognise the same dataset on arrival.
    source_id: String,
    origin: Option<PathBuf>,
    receiver: Receiver<Result<AttachedText, String>>,
}

/// A file being read and parsed on a worker thread.
struct BackgroundLoad {
    path: PathBuf,
    progress: Arc<LoadProgress>,
    /// The new session, built on the worker too: indexing and laying out a big graph takes time.
    receiver: Receiver<Result<Session, LoadError>>,
}

/// A file dialog open on a worker thread.
struct PendingPick {
    purpose: DialogPurpose,
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
    /// Chainsight's own file dialog, open where the system has none.
    in_app_dialog: Option<(DialogPurpose, crate::ui::file_dialog::InAppDialog)>,
    /// The system file dialog came back at once: there is none, so Chainsight's own opens.
    system_dialog_missing: bool,
    /// The last thing that went wrong, shown until dismissed.
    error: Option<String>,
    /// Under a file that could not be opened: which dataset is still open.
    error_note: Option<String>,
    /// The last thing that went right and is worth saying (a file saved), until dismissed,
    /// undone or [`NOTICE_SECONDS`] old.
    notice: Option<String>,
    /// The notice on screen and since when, for it to leave by itself.
    notice_since: Option<(String, Instant)>,
    /// The story deleted last and the command that restores it: offered under Stories until
    /// it is back.
    deleted: Option<(crate::model::Story, Command)>,
    /// Results of saves running on worker threads.
    saves: Vec<Receiver<Result<String, String>>>,
    show_report: bool,
    /// The search box's text (the view holds what was searched).
    search_text: String,
    /// In a big network, what was typed in the search box and not yet searched.
    pending_search: typing::PendingSearch,
    /// Put the keyboard focus in the search box on the next frame (Ctrl+F).
    focus_search: bool,
    /// When the time window last moved while playing; `None` when not playing.
    playing_since: Option<Instant>,
    /// While the time window plays: what the camera kept in view before (see
    /// [`Camera::fit_only`](crate::view::Camera::fit_only)), given back when play stops.
    framing_before_play: Option<Vec<crate::model::EntityIdx>>,
    /// How long each year shows while playing.
    play_pace: Duration,
    /// Where the user chose to save, waiting to be written at the end of the frame.
    pending_save: Option<(ExportFormat, PathBuf)>,
    /// Where the user chose to export, waiting for the end of the frame (when the graph's size
    /// on screen is known).
    pending_export: Option<(ExportKind, PathBuf)>,
    /// The graph's area on screen last frame, legend included: exports are framed like it.
    graph_size: egui::Vec2,
    /// Source texts being read.
    attaching: Vec<PendingAttach>,
    /// The source text shown beside the graph, if any.
    reader: Option<Reader>,
    /// What the user is looking at in the session: selection, camera.
    view: View,
    /// The view applied to the session, and the view (less its camera) it was computed for.
    lens: Lens,
    lens_of: Option<View>,
    /// Undo and redo of view changes, node moves and layout runs.
    history: History<Snapshot>,
    /// Selections to go back and forward through (Alt+Left/Right, the mouse's side buttons).
    selections_back: Vec<Selection>,
    selections_forward: Vec<Selection>,
    /// Walking a selection's neighbours from the keyboard: (the entity walked around, the
    /// neighbour selected last).
    neighbour_walk: Option<(crate::model::EntityIdx, crate::model::EntityIdx)>,
    /// The table, when shown instead of the graph.
    table: Option<crate::ui::table::TableState>,
    /// The arrangement that pinned entities (flow or map), to free them when it is turned
    /// off.
    arranged: Option<Arranged>,
    /// The story being played, if any, and where it stands.
    presenter: Option<crate::view::Presenter>,
    /// The story "Add this view as a step" adds to while none is played: the one last
    /// played, chosen or made.
    story_target: usize,
    /// The view when a story started playing, to go back to when it stops.
    view_before_story: Option<View>,
    /// An entity just brought to the centre, to be named in a notice if the lens hides it.
    announce_if_hidden: Option<crate::model::EntityIdx>,
    /// The text field that had the keyboard when the last frame ended, if one did.
    typing_in: Option<egui::Id>,
    /// The window's chrome: theme, presenter mode, side panel.
    chrome: story::Chrome,
    /// What outlives a run: recent files, the dataset open last, and (kept in `chrome`
    /// while running) the theme and panels.
    settings: Settings,
    /// The dataset open when the app last closed, offered in a banner until opened or
    /// dismissed.
    offered: Option<PathBuf>,
}

/// What undo puts back of the app's own state: a layout, or the stories.
#[derive(Clone, Debug)]
pub enum Snapshot {
    Layout(LayoutStep),
    Stories(Vec<crate::model::Story>),
}

/// The layout before a layout run, as undo puts it back: every position and pin, the engine,
/// and which arrangement held it.
#[derive(Clone, Debug)]
pub struct LayoutStep {
    layout: crate::layout::LayoutSnapshot,
    arranged: Option<Arranged>,
}

/// An arrangement that pins entities in place while the forces arrange the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arrangement {
    /// The supply chain in columns, left to right.
    Flow,
    /// Entities where their latitude and longitude put them.
    Map,
}

/// The arrangement in force, and the layout before it: turning it off puts that back, the
/// map the user had learned (freeing the pinned entities and letting the forces run had
/// given a new one).
#[derive(Clone, Debug)]
struct Arranged {
    arrangement: Arrangement,
    before: std::sync::Arc<crate::layout::LayoutSnapshot>,
}

impl ChainsightApp {
    /// Creates the app on the built-in dataset; opens `startup.file` if given.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: StartupOptions) -> Self {
        Self::with_settings(cc, startup, Settings::load(cc.storage))
    }

    /// Creates the app with these settings (those of the last run, for [`Self::new`]).
    pub fn with_settings(
        cc: &eframe::CreationContext<'_>,
        startup: StartupOptions,
        settings: Settings,
    ) -> Self {
        crate::ui::fonts::install(&cc.egui_ctx);
        theme::apply(&cc.egui_ctx, &theme::Palette::default());
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
            in_app_dialog: None,
            system_dialog_missing: false,
            error,
            error_note: None,
            notice: None,
            notice_since: None,
            deleted: None,
            saves: Vec::new(),
            show_report: false,
            search_text: String::new(),
            pending_search: typing::PendingSearch::default(),
            focus_search: false,
            playing_since: None,
            framing_before_play: None,
            play_pace: PLAY_YEAR,
            pending_save: None,
            pending_export: None,
            graph_size: egui::vec2(1280.0, 720.0),
            attaching: Vec::new(),
            reader: None,
            view: View::default(),
            lens: Lens::default(),
            lens_of: None,
            history: History::default(),
            table: None,
            selections_back: Vec::new(),
            selections_forward: Vec::new(),
            neighbour_walk: None,
            arranged: None,
            presenter: None,
            story_target: 0,
            view_before_story: None,
            typing_in: None,
            announce_if_hidden: None,
            chrome: story::Chrome::from_settings(&settings),
            offered: None,
            settings,
        };
        app.session.layout.set_engine(app.settings.engine());
        Self::wake_on_new_positions(&mut app.session, &cc.egui_ctx);
        if let Some(file) = startup.file {
            app.commands.push(Command::OpenFile(file));
        } else {
            // The dataset open last time is offered, not opened: it may be gone, or huge.
            app.offered = app.settings.last_dataset.clone();
        }
        app
    }

    /// The layout worker asks for a frame whenever it publishes new positions, so the window
    /// draws exactly when there is something new to draw.
    fn wake_on_new_positions(session: &mut Session, ctx: &egui::Context) {
        let ctx = ctx.clone();
        session.layout.set_wake(move || ctx.request_repaint());
    }

    /// The settings as they stand (what `App::save` keeps).
    pub fn settings(&self) -> Settings {
        let mut settings = self.settings.clone();
        self.chrome.to_settings(&mut settings);
        settings.set_engine(self.session.layout.engine());
        settings
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

    /// What the user is looking at: the selection and the camera.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// What undo and redo would bring back.
    pub fn history(&self) -> &History<Snapshot> {
        &self.history
    }

    /// The view applied to the dataset: what is shown, faded, highlighted.
    pub fn lens(&self) -> &Lens {
        &self.lens
    }

    /// The toolbar across the top, with the error or notice line under it.
    fn toolbar_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let loading = self.load.as_ref().map(|load| toolbar::Loading {
            file: formats::display_name(&load.path),
            step: load.progress.describe(),
            fraction: load.progress.fraction(),
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            let state = toolbar::ToolbarState {
                loading: loading.as_ref(),
                picking: self.pick.is_some() || self.in_app_dialog.is_some(),
                central: if self.table.is_some() {
                    toolbar::CentralView::Table
                } else {
                    toolbar::CentralView::Graph
                },
                flow: if self.session.dataset.entities.len() > FLOW_MAX_ENTITIES {
                    toolbar::FlowState::TooBig
                } else if self.session.index.flow_relations == 0 {
                    toolbar::FlowState::NoFlow
                } else if self.arrangement() == Some(Arrangement::Flow) {
                    toolbar::FlowState::On
                } else {
                    toolbar::FlowState::Off
                },
                on_map: self.arrangement() == Some(Arrangement::Map),
                recent: &self.settings.recent_files,
                history: toolbar::UndoState {
                    can_undo: self.history.can_undo(),
                    can_redo: self.history.can_redo(),
                },
                theme: self.chrome.theme,
                side_panel: self.chrome.side_panel,
            };
            toolbar::show(ui, &self.session, &state, commands);
            if let Some(path) = &self.offered {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "{} was open when Chainsight last closed.",
                        formats::display_name(path)
                    ));
                    if ui.button("Open it again").clicked() {
                        commands.push(Command::OpenFile(path.clone()));
                    }
                    if ui.button("Dismiss").clicked() {
                        commands.push(Command::DismissError);
                    }
                });
            }
            // Errors stay in the layout until dismissed; notices float (see `notice_toast`).
            if let Some(error) = &self.error {
                Self::message_banner(ui, error, theme::palette(ui.ctx()).error, commands);
                if let Some(note) = &self.error_note {
                    ui.label(egui::RichText::new(note).weak());
                }
            }
            ui.add_space(2.0);
        });
    }

    /// Applies a view change, recording it for undo (selections, search, filters, time and
    /// focus; a change that changes nothing is not a step).
    fn change_view(&mut self, command: &ViewCommand) {
        let before = self.view.clone();
        self.view.apply(command);
        if self.view.selection != before.selection && before.selection != Selection::Nothing {
            self.selections_back.push(before.selection);
            self.selections_forward.clear();
        }
        if self.view != before && command.kind() != "camera" {
            if command.runs_together() {
                self.history.record(before, command.kind());
            } else {
                self.history.record_step(before, command.kind());
            }
        }
    }

    /// Lets the forces move `entity` again; undo pins it again where it stood.
    fn unpin(&mut self, entity: crate::model::EntityIdx) {
        let here = self.session.layout.position(entity);
        if self.session.layout.is_pinned(entity) {
            self.history.record_move(crate::view::NodeMove {
                entity,
                from: here,
                to: here,
                was_pinned: true,
            });
        }
        self.session.layout.unpin(entity);
    }

    /// The layout as it stands, for undo.
    fn layout_step(&self) -> LayoutStep {
        LayoutStep {
            layout: self.session.layout.snapshot(),
            arranged: self.arranged.clone(),
        }
    }

    /// Records the layout before a layout run, so undo can put it back.
    fn record_layout_run(&mut self) {
        let before = self.layout_step();
        self.history.record_snapshot(Snapshot::Layout(before), None);
    }

    /// Brings back a view from before (undo, a story stopped): all of it but the camera,
    /// which stays where the user has it.
    fn put_view_back(&mut self, view: View) {
        let camera = self.view.camera.clone();
        self.view = view;
        self.view.camera = camera;
    }

    /// Names an entity just brought to the centre that the lens does not draw, and why.
    fn announce_hidden(&mut self) {
        let Some(entity) = self.announce_if_hidden.take() else {
            return;
        };
        if self.lens.shows_entity(entity) {
            return;
        }
        let name = self
            .session
            .dataset
            .entity(entity)
            .map_or("?", |e| e.name.as_str());
        self.notice = Some(format!(
            "{name} is hidden by the filters, the time window or the focus; Show all, under \
             the filters, brings it back."
        ));
    }

    /// Undoes (or redoes) the last view change.
    fn undo(&mut self, redo: bool) {
        // What was typed and not yet searched goes with the undo: run later, it would
        // undo the undo. A notice about what is undone ("Deleted the story…") is moot.
        self.pending_search.clear();
        self.notice = None;
        let (session, arranged) = (&self.session, &self.arranged);
        let now = |before: &Snapshot| match before {
            Snapshot::Layout(_) => Snapshot::Layout(LayoutStep {
                layout: session.layout.snapshot(),
                arranged: arranged.clone(),
            }),
            Snapshot::Stories(_) => Snapshot::Stories(session.dataset.stories.clone()),
        };
        let restored = if redo {
            self.history.redo(&self.view, now)
        } else {
            self.history.undo(&self.view, now)
        };
        match restored {
            Some(crate::view::Step::View(view)) => {
                self.put_view_back(*view);
                self.search_text.clone_from(&self.view.search);
                self.stop_time_play();
                // Back to a view from before the story: the story stops, rather than leave
                // its caption over a picture it no longer describes.
                self.presenter = None;
            }
            Some(crate::view::Step::Node(moved)) => {
                // Back to `from`, pinned as it was there (a redo's step is the drag reversed:
                // `from` is where it was dragged to, pinned).
                // Released, not unpinned: a layout at rest stays at rest, as it did for the
                // drag itself.
                let layout = &mut self.session.layout;
                layout.pin_at(moved.entity, moved.from);
                if !moved.was_pinned {
                    layout.release(moved.entity);
                }
            }
            Some(crate::view::Step::Snapshot(snapshot)) => match *snapshot {
                Snapshot::Layout(step) => {
                    self.session.layout.restore(&step.layout);
                    self.arranged = step.arranged;
                }
                Snapshot::Stories(stories) => {
                    self.session.dataset.stories = stories;
                    self.replay_story_step();
                }
            },
            None => {}
        }
    }

    /// Walks from the selected entity (or the last one visited from) to its next neighbour on
    /// the graph, in name order, wrapping around.
    fn step_neighbour(&mut self, forward: bool) {
        let session = &self.session;
        let (centre, current) = match (self.view.selection, self.neighbour_walk) {
            (Selection::Entity(at), Some((centre, visited))) if at == visited => (centre, Some(at)),
            (Selection::Entity(at), _) => (at, None),
            (Selection::Nothing, _) => {
                // Nothing to walk from yet: start at the best-connected entity shown.
                let hub = (0..session.dataset.entities.len())
                    .map(crate::model::EntityIdx)
                    .filter(|&e| self.lens.shows_entity(e))
                    .max_by_key(|&e| (session.network.degree(e), std::cmp::Reverse(e)));
                if let Some(hub) = hub {
                    self.change_view(&ViewCommand::Select(Selection::Entity(hub)));
                }
                return;
            }
            (Selection::Relation(_), _) => return,
        };
        let mut neighbours: Vec<_> = session
            .network
            .neighbours(centre)
            .into_iter()
            .filter(|&n| self.lens.shows_entity(n))
            .collect();
        if neighbours.is_empty() {
            return;
        }
        let name = |e: crate::model::EntityIdx| {
            session
                .dataset
                .entity(e)
                .map(|e| e.name.to_lowercase())
                .unwrap_or_default()
        };
        neighbours.sort_by_key(|&n| name(n));
        let count = neighbours.len();
        let index = match current.and_then(|c| neighbours.iter().position(|&n| n == c)) {
            Some(i) if forward => (i + 1) % count,
            Some(i) => (i + count - 1) % count,
            None if forward => 0,
            None => count - 1,
        };
        let Some(&next) = neighbours.get(index) else {
            return;
        };
        self.change_view(&ViewCommand::Select(Selection::Entity(next)));
        self.neighbour_walk = Some((centre, next));
    }

    /// Places the entities of the supply chain in columns by their rank in it (left to right,
    /// each column ordered to cross few links, from the order the layout had them) and pins
    /// them there, so the chain reads
    /// left to right while the forces arrange everything else; or frees them again.
    fn arrange_flow(&mut self, on: bool) {
        let before = self.leave_arrangement();
        let layout = &mut self.session.layout;
        if !on || self.session.dataset.entities.len() > FLOW_MAX_ENTITIES {
            return;
        }
        let ranks = crate::model::flow::flow_ranks(&self.session.dataset);
        let Some(bounds) = layout.bounds() else {
            return;
        };
        // Each column from the layout's order, then ordered to cross few links.
        let columns = crate::model::flow::flow_columns(&self.session.dataset, &ranks, |e| {
            layout.position(e).y
        });
        // Landscape, as screens are: the names beside each column need the room between
        // columns more than the rows need height.
        let width = bounds.width().max(bounds.height() * 1.6).max(1.0);
        let column_gap = width / columns.len().max(1) as f32;
        for (c, column) in columns.iter().enumerate() {
            let row_gap = bounds.height().max(1.0) / column.len().max(1) as f32;
            for (r, &entity) in column.iter().enumerate() {
                let x = bounds.left() + column_gap * (c as f32 + 0.5);
                let y = bounds.top() + row_gap * (r as f32 + 0.5);
                layout.pin_at(entity, egui::pos2(x, y));
            }
        }
        layout.run_in_full();
        self.arranged = Some(Arranged {
            arrangement: Arrangement::Flow,
            before,
        });
        self.view.apply(&ViewCommand::FitAll);
    }

    /// Pins the entities whose attributes give a latitude and longitude where a map puts
    /// them (north up, over the area the layout covers), while the forces arrange the rest;
    /// or frees them again.
    fn place_on_map(&mut self, on: bool) {
        let before = self.leave_arrangement();
        if !on {
            return;
        }
        let dataset = &self.session.dataset;
        let (entities, locations): (Vec<crate::model::EntityIdx>, Vec<_>) = dataset
            .entities
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                Some((crate::model::EntityIdx(i), crate::model::geo::location(e)?))
            })
            .unzip();
        let layout = &mut self.session.layout;
        let Some(bounds) = layout.bounds() else {
            return;
        };
        let side = bounds.width().max(bounds.height()).max(1.0);
        let mut points = crate::model::geo::project(&locations, side, side);
        crate::model::geo::spread(&mut points, side * MAP_GAP_SHARE);
        for (&entity, (x, y)) in entities.iter().zip(points) {
            layout.pin_at(entity, bounds.left_top() + egui::vec2(x, y));
        }
        layout.run_in_full();
        self.arranged = Some(Arranged {
            arrangement: Arrangement::Map,
            before,
        });
        self.view.apply(&ViewCommand::FitAll);
    }

    /// Puts back the layout from before the arrangement in force, if any, and returns it:
    /// the layout the next arrangement starts from and goes back to.
    fn leave_arrangement(&mut self) -> std::sync::Arc<crate::layout::LayoutSnapshot> {
        match self.arranged.take() {
            Some(arranged) => {
                self.session.layout.restore(&arranged.before);
                arranged.before
            }
            None => std::sync::Arc::new(self.session.layout.snapshot()),
        }
    }

    /// The arrangement in force, if any.
    fn arrangement(&self) -> Option<Arrangement> {
        self.arranged.as_ref().map(|a| a.arrangement)
    }

    /// The middle of the window: the table, or the graph.
    fn central_view(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if let Some(table_state) = &mut self.table {
            egui::CentralPanel::default().show(ui, |ui| {
                crate::ui::table::show(
                    ui,
                    &self.session,
                    &self.view,
                    &self.lens,
                    table_state,
                    commands,
                );
            });
        } else {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    if !self.side_panel_shown() {
                        crate::ui::filters::focus_strip(ui, &self.session, &self.view, commands);
                    }
                    self.graph_size = ui.available_size();
                    graph_view::show(
                        ui,
                        &self.session,
                        &self.view,
                        &self.lens,
                        self.caption(),
                        self.chrome.presenting,
                        commands,
                    );
                });
        }
    }

    /// Moves a playing time window on by a step; stops playing once it shows the whole range.
    fn advance_time_window(&mut self) {
        let Some(range) = self.lens.time_range else {
            return;
        };
        match self.view.time.and_then(|w| range.next_play_window(w)) {
            Some(window) => self.view.apply(&ViewCommand::SetTime(Some(window))),
            None => self.stop_time_play(),
        }
    }

    /// Plays the time window from a step on to the whole range, framed all along as it will
    /// be at the end: refitted to each year's few entities, the camera jumped every step.
    fn start_time_play(&mut self) {
        let Some(range) = self.lens.time_range else {
            return;
        };
        let start = range.play_start(self.view.time);
        let mut at_the_end = self.view.clone();
        at_the_end.time = Some(range.play_end(start));
        let shown_at_the_end =
            Lens::compute(&self.session.dataset, &self.session.network, &at_the_end);
        let framed = (0..self.session.dataset.entities.len())
            .map(crate::model::EntityIdx)
            .filter(|&e| shown_at_the_end.shows_entity(e))
            .collect();
        if self.playing_since.is_none() {
            self.framing_before_play
                .clone_from(&self.view.camera.fit_only);
        }
        self.view.apply(&ViewCommand::FitOnly(Some(framed)));
        self.view.apply(&ViewCommand::SetTime(Some(start)));
        self.playing_since = Some(Instant::now());
    }

    /// Stops the time window and gives the camera back the framing it had before play.
    fn stop_time_play(&mut self) {
        if self.playing_since.take().is_some() {
            let before = self.framing_before_play.take();
            self.view.apply(&ViewCommand::FitOnly(before));
        }
    }

    /// While the time window plays, a step per `play_pace`.
    fn tick_time_play(&mut self, ctx: &egui::Context) {
        let Some(since) = self.playing_since else {
            return;
        };
        if since.elapsed() >= self.play_pace {
            self.advance_time_window();
            if self.playing_since.is_none() {
                return;
            }
            self.playing_since = Some(Instant::now());
        }
        ctx.request_repaint_after(self.play_pace.saturating_sub(since.elapsed()));
    }

    /// Recomputes the lens if the view changed (pan and zoom do not count).
    fn refresh_lens(&mut self) {
        let mut key = self.view.clone();
        key.camera = crate::view::Camera::default();
        if self.lens_of.as_ref() != Some(&key) {
            let previous = self
                .lens_of
                .as_ref()
                .map(|view| (view.search.as_str(), std::mem::take(&mut self.lens)));
            self.lens = Lens::compute_after(
                &self.session.dataset,
                &self.session.network,
                &self.view,
                previous,
            );
            self.lens_of = Some(key);
            // What the view hides leaves the layout too, so the rest arranges itself alone.
            let hidden: Vec<bool> = (0..self.session.dataset.entities.len())
                .map(|i| !self.lens.shows_entity(crate::model::EntityIdx(i)))
                .collect();
            self.session.layout.set_excluded(&hidden);
        }
    }

    /// The error message on screen, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether a file is being loaded in the background.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// The confirmation on screen, if any (e.g. a file saved).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Whether a dialog is open or a save or export is still being written.
    pub fn is_busy(&self) -> bool {
        self.pick.is_some() || self.pending_export.is_some() || self.is_saving()
    }

    /// Whether a save is still being written.
    pub fn is_saving(&self) -> bool {
        !self.saves.is_empty()
    }

    /// The source text reader, if open.
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }

    /// Whether a source text is still being read.
    pub fn is_attaching(&self) -> bool {
        !self.attaching.is_empty()
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
        self.error_note = None;
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        let camera = self.view.camera.clone();
        self.run_each_command(ctx);
        // A pan or zoom lands after the frame that saw the gesture: draw it.
        if self.view.camera != camera {
            ctx.request_repaint();
        }
        // The box shows what is searched, however the search changed (typing, undo, Esc),
        // unless what it shows is still to be searched.
        if !self.pending_search.is_waiting() {
            self.search_text.clone_from(&self.view.search);
        }
    }

    /// Selects an entity or a relation picked from a list (it may be anywhere, or off
    /// screen) and brings it to the centre of the view: close enough that nodes stand about
    /// 60 points apart, and not so close that a relation's two ends leave the view.
    fn bring_into_view(&mut self, selection: Selection) {
        let layout = &self.session.layout;
        let (point, max_zoom) = match selection {
            Selection::Entity(entity) => {
                // Centred, with the neighbours it has on screen in view round it and room
                // for their names: in Flow, IBM's chain had run off the right edge.
                let at = layout.position(entity);
                let reach = self
                    .session
                    .network
                    .neighbours(entity)
                    .into_iter()
                    .filter(|&n| self.lens.shows_entity(n))
                    .map(|n| (layout.position(n) - at).abs())
                    .fold(egui::Vec2::ZERO, egui::Vec2::max);
                let half = self.graph_size * 0.5 * NEIGHBOURHOOD_SHARE;
                let fit = |room: f32, span: f32| {
                    if span > 1e-3 && room >= 1.0 {
                        room / span
                    } else {
                        f32::INFINITY
                    }
                };
                (at, fit(half.x, reach.x).min(fit(half.y, reach.y)))
            }
            Selection::Relation(relation) => {
                let Some(relation) = self.session.dataset.relation(relation) else {
                    return;
                };
                let (source, target) = (
                    layout.position(relation.source),
                    layout.position(relation.target),
                );
                let span = source.distance(target);
                let room = 0.7 * self.graph_size.min_elem();
                let max_zoom = if span > 1e-3 && room >= 1.0 {
                    room / span
                } else {
                    f32::INFINITY
                };
                (source.lerp(target, 0.5), max_zoom)
            }
            Selection::Nothing => return,
        };
        let spacing_zoom = layout.bounds().map_or(1.0, |bounds| {
            let spacing = (bounds.area() / layout.len().max(1) as f32).sqrt();
            60.0 / spacing.max(1e-3)
        });
        // A relation spans at least half the room it may take, not a short stroke; an
        // entity is shown as close as its neighbourhood lets it be.
        let min_zoom = match selection {
            _ if !max_zoom.is_finite() => spacing_zoom,
            Selection::Relation(_) => spacing_zoom.clamp(0.5 * max_zoom, max_zoom),
            _ => spacing_zoom.min(max_zoom),
        };
        self.change_view(&ViewCommand::Select(selection));
        self.view.apply(&ViewCommand::CenterOn {
            point,
            min_zoom,
            max_zoom,
        });
        if let Selection::Entity(entity) = selection {
            // Brought to the centre: if the lens (with this selection) does not draw it,
            // the next frame says why, rather than show a gap.
            self.announce_if_hidden = Some(entity);
        }
    }

    /// Presenting, a click frames what it lights above the caption, as a step's camera
    /// does: an entity with the neighbours drawn, or a link's two ends. Clicking IBM had left
    /// a lit neighbour under the caption and a link running off the screen. Esc glides back
    /// to the step.
    fn frame_what_a_click_lights(&mut self, selection: Selection) {
        let framed: Vec<crate::model::EntityIdx> = match selection {
            Selection::Entity(entity) => std::iter::once(entity)
                .chain(
                    self.session
                        .network
                        .neighbours(entity)
                        .into_iter()
                        .filter(|&n| self.lens.shows_entity(n)),
                )
                .collect(),
            Selection::Relation(relation) => match self.session.dataset.relation(relation) {
                Some(r) => vec![r.source, r.target],
                None => return,
            },
            Selection::Nothing => return,
        };
        self.view.apply(&ViewCommand::GlideToFit(framed));
    }

    /// Frames every entity of the paths just found, as well as their two ends: the view
    /// alone knows only the ends, and the middle of IBM's path to Frequentis, Huawei, had
    /// been left off the screen.
    fn frame_the_paths(&mut self) {
        let Some(PathQuery {
            from, to: Some(to), ..
        }) = self.view.path
        else {
            return;
        };
        self.refresh_lens();
        let mut framed = vec![from, to];
        let dataset = &self.session.dataset;
        framed.extend(
            self.lens
                .paths
                .iter()
                .flat_map(|path| path.entities(dataset)),
        );
        framed.sort_unstable();
        framed.dedup();
        self.view.apply(&ViewCommand::GlideToFit(framed));
    }

    /// Whether the network is big enough that a search waits for typing to pause.
    fn search_waits_for_a_pause(&self) -> bool {
        let dataset = &self.session.dataset;
        dataset.entities.len() + dataset.relations.len() >= typing::DELAYED_FROM
    }

    /// Runs the search typed, once typing pauses or at Enter (before the panel reads the
    /// hits Enter opens).
    fn run_pending_search(&mut self, ctx: &egui::Context) {
        let enter = ctx.input(|i| i.key_pressed(egui::Key::Enter));
        match self.pending_search.due(Instant::now(), enter) {
            Ok(Some(text)) => self.change_view(&ViewCommand::Search(text)),
            Ok(None) => {}
            Err(wait) => ctx.request_repaint_after(wait),
        }
    }

    /// Goes back (or forward again) through the selections made.
    fn walk_selections(&mut self, forward: bool) {
        let (from, to) = if forward {
            (&mut self.selections_forward, &mut self.selections_back)
        } else {
            (&mut self.selections_back, &mut self.selections_forward)
        };
        if let Some(selection) = from.pop() {
            to.push(self.view.selection);
            self.view.apply(&ViewCommand::Select(selection));
        }
    }

    /// Carries out a command that moves nodes; each layout run is recorded for undo.
    fn run_layout_command(&mut self, command: &Command) {
        match command {
            Command::DragNode { entity, to } => {
                // Only the dragged node moves: a layout at rest stays at rest, so the map the
                // audience has learned does not shift (a running layout goes on running).
                self.session.layout.pin_at(*entity, *to);
            }
            Command::ToggleLayout => match self.session.layout.phase() {
                LayoutPhase::Running => self.session.layout.pause(),
                LayoutPhase::Paused | LayoutPhase::Converged => {
                    self.record_layout_run();
                    self.session.layout.resume();
                }
                LayoutPhase::TooLarge => {}
            },
            Command::RerunLayout => {
                self.record_layout_run();
                self.session.layout.rerun();
            }
            Command::Relayout => {
                self.record_layout_run();
                self.session.layout.relayout(&self.session.dataset);
                self.view.apply(&ViewCommand::FitAll);
            }
            Command::Unpin(entity) => self.unpin(*entity),
            Command::SetEngine(engine) if *engine != self.session.layout.engine() => {
                self.record_layout_run();
                self.session.layout.set_engine(*engine);
            }
            Command::ArrangeFlow(on) => {
                self.record_layout_run();
                self.arrange_flow(*on);
            }
            Command::PlaceOnMap(on) => {
                self.record_layout_run();
                self.place_on_map(*on);
            }
            _ => {}
        }
    }

    fn run_each_command(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::PickFile => self.start_pick(ctx, DialogPurpose::Open),
                Command::OpenFile(path) => self.start_load(ctx, path, LoadOptions::default()),
                Command::OpenGraph { path, graph_index } => {
                    self.start_load(
                        ctx,
                        path,
                        LoadOptions {
                            graph_index: Some(graph_index),
                        },
                    );
                }
                Command::SaveAs(format) => self.start_pick(ctx, DialogPurpose::Save(format)),
                Command::Export(kind) => self.start_pick(ctx, DialogPurpose::Export(kind)),
                Command::CancelLoad => {
                    if let Some(load) = self.load.take() {
                        load.progress.cancel();
                    }
                }
                Command::Select(selection) => {
                    self.change_view(&ViewCommand::Select(selection));
                    if self.chrome.presenting {
                        self.frame_what_a_click_lights(selection);
                    }
                }
                Command::FitView => self.view.apply(&ViewCommand::FitAll),
                Command::View(ViewCommand::Search(text)) if self.search_waits_for_a_pause() => {
                    self.pending_search.typed(text, Instant::now());
                }
                Command::View(command @ ViewCommand::PathTo(_)) => {
                    self.change_view(&command);
                    self.frame_the_paths();
                }
                Command::View(command) => self.change_view(&command),
                Command::ShowTable(show) => {
                    self.table = show.then(|| self.table.unwrap_or_default());
                }
                Command::StepNeighbour { forward } => self.step_neighbour(forward),
                Command::Back => self.walk_selections(false),
                Command::Forward => self.walk_selections(true),
                Command::NodeMoved(moved) => self.history.record_move(moved),
                command @ (Command::DragNode { .. }
                | Command::ToggleLayout
                | Command::RerunLayout
                | Command::Relayout
                | Command::SetEngine(_)
                | Command::Unpin(_)
                | Command::ArrangeFlow(_)
                | Command::PlaceOnMap(_)) => self.run_layout_command(&command),
                command @ (Command::PlayStory(_)
                | Command::GoToStep(_)
                | Command::ChooseStory(_)
                | Command::StoryNext
                | Command::StoryPrevious
                | Command::Present(_)
                | Command::ShowSidePanel(_)
                | Command::SetTheme(_)
                | Command::EditStory(_)) => self.run_story_command(ctx, command),
                Command::Undo => self.undo(false),
                Command::Redo => self.undo(true),
                Command::SetPlayPace(seconds) => {
                    self.play_pace = Duration::from_secs_f32(seconds.clamp(0.1, 60.0));
                }
                Command::PlayTime(true) => self.start_time_play(),
                Command::PlayTime(false) => self.stop_time_play(),
                Command::Show(entity) => self.bring_into_view(Selection::Entity(entity)),
                Command::ShowRelation(relation) => {
                    self.bring_into_view(Selection::Relation(relation));
                }
                Command::ShowReport(show) => self.show_report = show,
                Command::OpenUrl(url) => self.open_url(ctx, &url),
                Command::CopyText(text) => {
                    ctx.copy_text(text);
                    self.notice = Some("Copied the quote and its source.".to_owned());
                }
                Command::PickSourceText(source) => {
                    self.start_pick(ctx, DialogPurpose::AttachText(source));
                }
                Command::AttachSourceText { source, path } => {
                    self.start_attach(ctx, source, path);
                }
                Command::ReadInContext { source, quote } => {
                    if self.session.source_texts.contains_key(&source) {
                        self.reader = Some(Reader::new(source, quote));
                    }
                }
                Command::CloseReader => self.reader = None,
                Command::DismissError => {
                    self.error = None;
                    self.notice = None;
                    self.offered = None;
                }
            }
        }
    }

    fn start_pick(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        if self.pick.is_some() || self.in_app_dialog.is_some() {
            return;
        }
        if self.system_dialog_missing {
            self.open_in_app_dialog(purpose);
            return;
        }
        let suggested_name = self.suggested_name(purpose);
        let picker = Arc::clone(&self.picker);
        let spawned = spawn_worker(ctx, "file-dialog", move || match purpose {
            DialogPurpose::Open => picker.pick(),
            DialogPurpose::Save(format) => picker.pick_save(format, &suggested_name),
            DialogPurpose::Export(kind) => picker.pick_export(kind, &suggested_name),
            DialogPurpose::AttachText(_) => picker.pick_source_text(),
        });
        match spawned {
            Ok(receiver) => {
                self.pick = Some(PendingPick {
                    purpose,
                    receiver,
                    started: Instant::now(),
                });
            }
            Err(error) => self.fail(format!("Could not show the file dialog: {error}")),
        }
    }

    /// Opens Chainsight's own file dialog for `purpose`, in the open dataset's folder.
    fn open_in_app_dialog(&mut self, purpose: DialogPurpose) {
        use crate::ui::file_dialog::InAppDialog;
        let folder = self.session.origin.as_deref().and_then(|p| p.parent());
        let name = self.suggested_name(purpose);
        let dialog = match purpose {
            DialogPurpose::Open => InAppDialog::pick(
                "Open dataset",
                folder,
                ("Graph files", GRAPH_FILE_EXTENSIONS),
            ),
            DialogPurpose::AttachText(_) => InAppDialog::pick(
                "Attach source text",
                folder,
                ("Text or web page", SOURCE_TEXT_EXTENSIONS),
            ),
            DialogPurpose::Save(format) => InAppDialog::save(
                &format!("Save as {}", format.label()),
                folder,
                &name,
                (format.label(), format.extension()),
            ),
            DialogPurpose::Export(kind) => InAppDialog::save(
                kind.label().trim_end_matches('…'),
                folder,
                &name,
                (&kind.extension().to_uppercase(), kind.extension()),
            ),
        };
        self.in_app_dialog = Some((purpose, dialog));
    }

    /// Draws Chainsight's own file dialog, if open, and acts on what is picked.
    fn show_in_app_dialog(&mut self, ctx: &egui::Context) {
        use crate::ui::file_dialog::Outcome;
        let Some((purpose, dialog)) = &mut self.in_app_dialog else {
            return;
        };
        let purpose = *purpose;
        match dialog.show(ctx) {
            Outcome::Open => {}
            Outcome::Picked(path) => {
                self.in_app_dialog = None;
                self.picked(purpose, path);
            }
            Outcome::Cancelled => self.in_app_dialog = None,
        }
    }

    /// Acts on a file picked in a dialog.
    fn picked(&mut self, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open => self.commands.push(Command::OpenFile(path)),
            DialogPurpose::Save(format) => self.pending_save = Some((format, path)),
            DialogPurpose::Export(kind) => self.pending_export = Some((kind, path)),
            DialogPurpose::AttachText(source) => {
                self.commands
                    .push(Command::AttachSourceText { source, path });
            }
        }
    }

    /// The file name a save or export dialog suggests: the open file's name with the new
    /// extension.
    fn suggested_name(&self, purpose: DialogPurpose) -> String {
        let stem = self
            .session
            .origin
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || "safe-city".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
        match purpose {
            DialogPurpose::Open | DialogPurpose::AttachText(_) => String::new(),
            DialogPurpose::Save(format) => format!("{stem}.{}", format.extension()),
            DialogPurpose::Export(kind) => match kind {
                ExportKind::AppendixMarkdown | ExportKind::AppendixCsv => {
                    format!("{stem}-evidence.{}", kind.extension())
                }
                // Not the 1× picture's name: exporting both must not overwrite one.
                ExportKind::Png(scale) if scale > 1 => {
                    format!("{stem}@{scale}x.{}", kind.extension())
                }
                ExportKind::StoryPage(story) => format!(
                    "{}.{}",
                    self.session
                        .dataset
                        .stories
                        .get(story)
                        .map_or(stem.clone(), |s| crate::words::file_stem_of(
                            &s.title, &stem
                        )),
                    kind.extension()
                ),
                _ => format!("{stem}.{}", kind.extension()),
            },
        }
    }

    fn start_load(&mut self, ctx: &egui::Context, path: PathBuf, options: LoadOptions) {
        if let Some(previous) = self.load.take() {
            previous.progress.cancel();
        }
        let progress = Arc::new(LoadProgress::default());
        let worker_progress = Arc::clone(&progress);
        let worker_path = path.clone();
        match spawn_worker(ctx, "load-dataset", move || {
            formats::load_path_with(&worker_path, &options, &worker_progress)
                .map(|loaded| Session::new(loaded, Some(worker_path)))
        }) {
            Ok(receiver) => {
                self.load = Some(BackgroundLoad {
                    path,
                    progress,
                    receiver,
                });
            }
            Err(error) => self.fail(format!("Could not start loading: {error}")),
        }
    }

    /// Reads `path` as `source`'s text on a worker thread and locates its quotes there.
    fn start_attach(&mut self, ctx: &egui::Context, source: SourceIdx, path: PathBuf) {
        let Some(source_id) = self
            .session
            .dataset
            .source(source)
            .map(|s| s.source_id.clone())
        else {
            return;
        };
        let quotes = source_text::quotes_of(&self.session.dataset, source);
        let spawned = spawn_worker(ctx, "attach-source-text", move || {
            source_text::attach(&path, &quotes).map_err(|error| error.to_string())
        });
        match spawned {
            Ok(receiver) => self.attaching.push(PendingAttach {
                source,
                source_id,
                origin: self.session.origin.clone(),
                receiver,
            }),
            Err(error) => self.fail(format!("Could not start reading the source text: {error}")),
        }
    }

    /// Keeps a source text that arrived, if its dataset is still the one open.
    fn finish_attach(&mut self, pending: &PendingAttach, attached: AttachedText) {
        let session = &mut self.session;
        let same_dataset = session.origin == pending.origin
            && session
                .dataset
                .source(pending.source)
                .is_some_and(|s| s.source_id == pending.source_id);
        if !same_dataset {
            return;
        }
        let found = attached.passages.len();
        let total = found + attached.missing.len();
        // The source as the panel names it (its title), not its id.
        let title = session
            .dataset
            .source(pending.source)
            .map(|s| s.title.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or(&pending.source_id);
        let message = format!(
            "Attached {} as the text of “{}”: {found} of {total} quotes found verbatim.",
            formats::display_name(&attached.path),
            crate::words::shortened(title, 60)
        );
        // Recorded in the dataset, so that Save as… keeps the link to the text.
        if let Some(source) = session.dataset.sources.get_mut(pending.source.0) {
            source.text_file = Some(attached.path.display().to_string());
        }
        session.source_text_errors.remove(&pending.source);
        session
            .source_texts
            .insert(pending.source, Arc::new(attached));
        log::info!("{message}");
        self.notice = Some(message);
    }

    /// The open dataset as it is now: its stories as edited, and every entity at the position
    /// it has on screen (so a prepared layout opens the same way every time, anywhere).
    pub fn dataset_to_save(&self) -> Dataset {
        let mut dataset = self.session.dataset.clone();
        // The view worked in, not a story's step: a story playing is the story's.
        let working = self.view_before_story.as_ref().unwrap_or(&self.view);
        dataset.view = working.to_saved(&View::opening(&dataset));
        let layout = &self.session.layout;
        if layout.len() == dataset.entities.len() {
            dataset.positions = (0..layout.len())
                .map(|i| {
                    let p = layout.position(crate::model::EntityIdx(i));
                    (
                        crate::model::EntityIdx(i),
                        crate::model::Position { x: p.x, y: p.y },
                    )
                })
                .collect();
        }
        dataset
    }

    /// Writes the open dataset to `path` on a worker thread. The user chose this path in
    /// Save as…, so it may be the file the dataset came from.
    fn start_save(&mut self, ctx: &egui::Context, format: ExportFormat, path: PathBuf) {
        let dataset = self.dataset_to_save();
        let notes = format.notes(&dataset);
        let spawned = spawn_worker(ctx, "save-dataset", move || {
            let text = format.write(&dataset);
            save::write_atomically(&path, &text, None)
                .map(|()| {
                    let mut message = format!("Saved {} as {}", path.display(), format.label());
                    for note in notes {
                        message.push_str(". ");
                        message.push_str(&note);
                    }
                    message
                })
                .map_err(|error| error.to_string())
        });
        match spawned {
            Ok(receiver) => self.saves.push(receiver),
            Err(error) => self.fail(format!("Could not start saving: {error}")),
        }
    }

    /// Makes `session`, just loaded, the one on screen, with a fresh view and history.
    fn switch_to(&mut self, session: Session, ctx: &egui::Context) {
        if let Some(path) = &session.origin {
            self.settings.remember(path);
        }
        self.settings.last_dataset.clone_from(&session.origin);
        self.offered = None;
        log::info!("{}", session.report.summary());
        // A file with no evidence at all (a generated network) says so in one warning: no
        // reason to open the report over the graph, where it hid what search brought to the
        // centre. The toolbar's "Load report (1 warning)" keeps it a click away.
        let no_evidence_at_all = session.index.evidence_count == 0;
        let news = session.report.unlisted_warnings
            + session
                .report
                .warnings
                .iter()
                .filter(|w| !(no_evidence_at_all && w.kind == formats::WarningKind::NoEvidence))
                .count();
        self.show_report = news > 0;
        // The engine chosen stays chosen for the next dataset.
        let engine = self.session.layout.engine();
        let previous = std::mem::replace(&mut self.session, session);
        // Freeing a big network takes a tenth of a second at 100,000 nodes: not on
        // the window's thread. (Should the thread not start, it is freed here.)
        let _ = std::thread::Builder::new()
            .name("free previous dataset".to_owned())
            .spawn(move || drop(previous));
        self.session.layout.set_engine(engine);
        Self::wake_on_new_positions(&mut self.session, ctx);
        // As the file was saved, if it keeps a view.
        let opening = View::opening(&self.session.dataset);
        self.view = match &self.session.dataset.view {
            Some(saved) => View::from_saved(&self.session.dataset, saved, opening),
            None => opening,
        };
        self.history = History::default();
        // A story deleted from the file before is not this file's to restore.
        self.deleted = None;
        self.selections_back.clear();
        self.arranged = None;
        self.presenter = None;
        self.view_before_story = None;
        self.story_target = 0;
        self.selections_forward.clear();
        self.lens_of = None;
        self.search_text.clone_from(&self.view.search);
        self.pending_search.clear();
        self.playing_since = None;
        self.framing_before_play = None;
        self.reader = None;
        self.error = None;
    }

    /// Collects the results of work done on other threads.
    fn poll_workers(&mut self, ctx: &egui::Context) {
        if let Some(pick) = &self.pick {
            match pick.receiver.try_recv() {
                Ok(Some(path)) => {
                    let purpose = pick.purpose;
                    self.pick = None;
                    self.picked(purpose, path);
                }
                Ok(None) | Err(TryRecvError::Disconnected) => {
                    let too_fast = pick.started.elapsed() < NO_DIALOG_THRESHOLD;
                    let purpose = pick.purpose;
                    self.pick = None;
                    if too_fast {
                        // No system dialog answered: Chainsight's own takes its place, now
                        // and from now on.
                        log::info!("no system file dialog; using Chainsight's own");
                        self.system_dialog_missing = true;
                        self.open_in_app_dialog(purpose);
                    }
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        let mut still_saving = Vec::new();
        for save in std::mem::take(&mut self.saves) {
            match save.try_recv() {
                Ok(Ok(message)) => {
                    log::info!("{message}");
                    self.notice = Some(message);
                }
                Ok(Err(message)) => self.fail(message),
                Err(TryRecvError::Disconnected) => {
                    self.fail("Saving stopped unexpectedly.".to_owned());
                }
                Err(TryRecvError::Empty) => still_saving.push(save),
            }
        }
        self.saves = still_saving;
        for pending in std::mem::take(&mut self.attaching) {
            match pending.receiver.try_recv() {
                Ok(Ok(attached)) => self.finish_attach(&pending, attached),
                Ok(Err(message)) => {
                    self.fail(format!("Could not attach the source text: {message}"));
                }
                Err(TryRecvError::Disconnected) => {
                    self.fail("Reading the source text stopped unexpectedly.".to_owned());
                }
                Err(TryRecvError::Empty) => self.attaching.push(pending),
            }
        }
        if let Some(load) = &self.load {
            match load.receiver.try_recv() {
                Ok(Ok(session)) => {
                    self.load = None;
                    self.switch_to(session, ctx);
                }
                Ok(Err(LoadError::Cancelled { .. })) => self.load = None,
                Ok(Err(error)) => {
                    self.load = None;
                    self.fail(error.to_string());
                    // The file that failed may look like the one still shown: say which is.
                    self.error_note = Some(format!(
                        "Nothing was opened: {} is still open.",
                        self.session.report.file
                    ));
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
        if self.in_app_dialog.is_some() {
            // The dialog's keys are its own (Enter, Escape, arrows, typing a path).
            return;
        }
        let open_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&open_shortcut)) {
            self.commands.push(Command::PickFile);
        }
        let save_shortcut = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::S,
        );
        if ctx.input_mut(|i| i.consume_shortcut(&save_shortcut)) {
            self.commands
                .push(Command::SaveAs(ExportFormat::Chainsight));
        }
        let redo_shortcut = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        );
        // Ctrl+Y too, as Windows programs have it.
        let redo_y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
        let undo_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
        // Redo first: Ctrl+Shift+Z would also match Ctrl+Z's shortcut.
        if ctx.input_mut(|i| i.consume_shortcut(&redo_shortcut) || i.consume_shortcut(&redo_y)) {
            self.commands.push(Command::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&undo_shortcut)) {
            self.commands.push(Command::Undo);
        }
        let back = egui::KeyboardShortcut::new(egui::Modifiers::ALT, egui::Key::ArrowLeft);
        let forward = egui::KeyboardShortcut::new(egui::Modifiers::ALT, egui::Key::ArrowRight);
        let (mouse_back, mouse_forward) = ctx.input(|i| {
            (
                i.pointer.button_pressed(egui::PointerButton::Extra1),
                i.pointer.button_pressed(egui::PointerButton::Extra2),
            )
        });
        if ctx.input_mut(|i| i.consume_shortcut(&back)) || mouse_back {
            self.commands.push(Command::Back);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&forward)) || mouse_forward {
            self.commands.push(Command::Forward);
        }
        let find_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
        if ctx.input_mut(|i| i.consume_shortcut(&find_shortcut)) {
            self.focus_search = true;
        }
        if let Some(path) =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()))
        {
            self.commands.push(Command::OpenFile(path));
        }
        // Typing, or an Esc that only left the text field (not the story, not the selection).
        let left_a_field =
            self.typing_in.take().is_some() && ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if ctx.egui_wants_keyboard_input() || left_a_field {
            return;
        }
        // Esc closes the load report first, as it would a dialog, and does nothing else: it
        // had stayed open over the table.
        if self.show_report && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.commands.push(Command::ShowReport(false));
            return;
        }
        let mut walked_with_tab = false;
        ctx.input(|i| {
            if self.story_keys(i) {
                return;
            }
            if i.key_pressed(egui::Key::F) {
                self.commands.push(Command::FitView);
            }
            // On the graph (no table, no text field), Tab and the arrows walk the selection's
            // neighbours; in the table, the arrows move along its rows instead.
            let shift = i.modifiers.shift;
            if i.key_pressed(egui::Key::Tab) && matches!(self.view.selection, Selection::Entity(_))
            {
                self.commands
                    .push(Command::StepNeighbour { forward: !shift });
                walked_with_tab = true;
            }
            if self.table.is_none() {
                if i.key_pressed(egui::Key::ArrowRight) || i.key_pressed(egui::Key::ArrowDown) {
                    self.commands.push(Command::StepNeighbour { forward: true });
                }
                if i.key_pressed(egui::Key::ArrowLeft) || i.key_pressed(egui::Key::ArrowUp) {
                    self.commands
                        .push(Command::StepNeighbour { forward: false });
                }
            }
            if i.key_pressed(egui::Key::T) {
                self.commands.push(Command::ShowTable(self.table.is_none()));
            }
            self.focus_keys(i);
            if i.key_pressed(egui::Key::Space) {
                self.commands.push(Command::ToggleLayout);
            }
            if i.key_pressed(egui::Key::R) && i.modifiers.is_none() {
                self.commands.push(Command::RerunLayout);
            }
            if i.key_pressed(egui::Key::Escape) {
                self.step_back();
            }
        });
        if walked_with_tab {
            // Tab walked the graph: it must not also move the keyboard focus to a widget.
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
    }

    /// Esc steps back: from the selection to the search results, then clears the search.
    fn step_back(&mut self) {
        if self.view.selection == Selection::Nothing && !self.view.search.is_empty() {
            self.search_text.clear();
            self.commands
                .push(Command::View(ViewCommand::Search(String::new())));
        } else {
            self.commands.push(Command::Select(Selection::Nothing));
        }
    }

    /// The keys + and − widen and narrow the focus round the selection, a hop at a time, as
    /// in Kumu (Ctrl with them zooms the interface, egui's own).
    fn focus_keys(&mut self, i: &egui::InputState) {
        if !matches!(self.view.selection, Selection::Entity(_)) || i.modifiers.command {
            return;
        }
        let wider = i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals);
        let narrower = i.key_pressed(egui::Key::Minus);
        if wider != narrower {
            let focus = Focus::stepped(self.view.focus, wider);
            if focus != self.view.focus {
                self.commands
                    .push(Command::View(ViewCommand::SetFocus(focus)));
            }
        }
    }

    /// While a file is dragged over the window, say what dropping it will do.
    /// Asks the browser to open `url` (http and https only).
    fn open_url(&mut self, ctx: &egui::Context, url: &str) {
        match openable_url(url) {
            Ok(url) => {
                ctx.open_url(egui::OpenUrl::new_tab(url));
                // The browser may be missing, and egui says nothing when it is: the address
                // stays on screen, to copy.
                self.notice = Some(format!("Asked your browser to open {url}"));
            }
            Err(refusal) => {
                self.fail(format!(
                    "Not opening \"{}\": {refusal}.",
                    url.escape_debug()
                ));
            }
        }
    }

    /// A notice ("Copied…", "Saved…") floats over the top of the picture: as a banner it
    /// pushed the whole window down under the pointer, and the next click landed on
    /// something else.
    /// It sits over the graph, not the side panel (it covered the Stories heading) nor the
    /// reader (it covered the source's title), and leaves by itself after
    /// [`NOTICE_SECONDS`].
    fn notice_toast(
        ctx: &egui::Context,
        notice: &str,
        graph_area: egui::Rect,
        commands: &mut Vec<Command>,
    ) {
        let palette = theme::palette(ctx);
        egui::Area::new(egui::Id::new("notice"))
            .order(egui::Order::Foreground)
            .pivot(egui::Align2::CENTER_TOP)
            .fixed_pos(egui::pos2(graph_area.center().x, graph_area.top() + 4.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(640.0_f32.min(graph_area.width() - 40.0).max(200.0));
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(notice).color(palette.notice));
                        if ui.button("Dismiss").clicked() {
                            commands.push(Command::DismissError);
                        }
                    });
                });
            });
    }

    /// Clears a notice shown for [`NOTICE_SECONDS`]; a new one starts the count again.
    fn expire_notice(&mut self, ctx: &egui::Context) {
        let Some(notice) = &self.notice else {
            self.notice_since = None;
            return;
        };
        let now = Instant::now();
        let since = match &self.notice_since {
            Some((shown, since)) if shown == notice => *since,
            _ => {
                self.notice_since = Some((notice.clone(), now));
                now
            }
        };
        let shown_for = now.duration_since(since);
        let lasts = Duration::from_secs(NOTICE_SECONDS);
        if shown_for >= lasts {
            self.notice = None;
            self.notice_since = None;
        } else {
            ctx.request_repaint_after(lasts.saturating_sub(shown_for));
        }
    }

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
            egui::Color32::WHITE,
        );
    }

    fn message_banner(
        ui: &mut egui::Ui,
        message: &str,
        colour: egui::Color32,
        commands: &mut Vec<Command>,
    ) {
        let (head, details) = split_details(message);
        // The message wraps in the room Dismiss leaves: wrapped with it, Dismiss had taken a
        // line of its own, pushing the graph down further.
        ui.horizontal(|ui| {
            let dismiss = 90.0;
            ui.scope(|ui| {
                ui.set_max_width((ui.available_width() - dismiss).max(200.0));
                ui.add(egui::Label::new(egui::RichText::new(head).color(colour)).wrap());
            });
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissError);
            }
        });
        if let Some(details) = details {
            egui::CollapsingHeader::new("Details")
                .id_salt(("message-details", head))
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(details).color(colour));
                });
        }
    }
}

/// A message too long to take in at a glance, split into what happened and the details
/// behind it: "…fit no known graph format." and "Tried — Chainsight: …; Gephi Lite: …",
/// which had filled four lines of red over the window. `None` for details when the message
/// is short or has no place to split.
fn split_details(message: &str) -> (&str, Option<&str>) {
    const LONG: usize = 200;
    if message.len() <= LONG {
        return (message, None);
    }
    let split = message
        .find(" Tried — ")
        .or_else(|| message.find(". ").filter(|&at| at >= 40).map(|at| at + 1));
    match split {
        Some(at) => {
            let (head, rest) = message.split_at(at);
            (head, Some(rest.trim_start()))
        }
        None => (message, None),
    }
}

/// Runs `work` on a named thread; its result arrives on the returned channel, and the UI is
/// woken to collect it.
fn spawn_worker<T: Send + 'static>(
    ctx: &egui::Context,
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<Receiver<T>> {
    let (sender, receiver) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            // The receiver is gone if the app closed or the user cancelled; nothing to do then.
            let _ = sender.send(work());
            ctx.request_repaint();
        })?;
    Ok(receiver)
}

impl eframe::App for ChainsightApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings().save(storage);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_workers(&ctx);
        self.show_in_app_dialog(&ctx);
        self.handle_keys_and_drops(&ctx);
        self.tick_time_play(&ctx);
        self.run_pending_search(&ctx);
        self.refresh_lens();
        self.announce_hidden();

        self.apply_palette(&ctx);
        let mut commands = Vec::new();
        if !self.chrome.presenting {
            self.toolbar_panel(ui, &mut commands);
        }
        let side_panel = egui::Panel::right("evidence")
            .resizable(true)
            .default_size(440.0)
            .min_size(280.0);
        let mut panel_shown = self.side_panel_shown();
        side_panel.show_collapsible(ui, &mut panel_shown, |ui| {
            // Always there, so that a file with no story can be given one.
            crate::ui::story_panel::show(
                ui,
                &self.session.dataset,
                (self.presenter, self.story_target, self.chrome.presenting),
                self.deleted_story(),
                &mut commands,
            );
            let arranged_by = self.arrangement().map(|arrangement| match arrangement {
                Arrangement::Flow => "Flow",
                Arrangement::Map => "the map",
            });
            let state = side_panel::PanelState {
                search_text: &mut self.search_text,
                focus_search: std::mem::take(&mut self.focus_search),
                play: crate::ui::filters::PlayState {
                    playing: self.playing_since.is_some(),
                    seconds_per_step: self.play_pace.as_secs_f32(),
                },
                arranged_by,
            };
            side_panel::show(
                ui,
                &self.session,
                &self.view,
                &self.lens,
                state,
                &mut commands,
            );
        });
        if panel_shown != self.side_panel_shown() {
            // Dragged closed or open by its edge.
            commands.push(Command::ShowSidePanel(panel_shown));
        }
        if let Some(reader_state) = &mut self.reader {
            // Under half of what the evidence panel leaves, so that at 1280 points the graph
            // keeps more room than the reader.
            let room = ctx.content_rect().width() - 440.0;
            egui::Panel::left("source-reader")
                .resizable(true)
                .default_size((room * 0.45).clamp(300.0, 460.0))
                .min_size(280.0)
                .show(ui, |ui| {
                    reader::show(ui, &self.session, reader_state, &mut commands);
                });
        }
        // The report opens over the graph, not over the evidence it explains.
        let graph_area = ui.available_rect_before_wrap();
        self.central_view(ui, &mut commands);
        report_window::show(
            &ctx,
            graph_area,
            &self.session.report,
            self.session.origin.as_deref(),
            self.show_report,
            &mut commands,
        );
        Self::drop_hint(&ctx);
        self.expire_notice(&ctx);
        if self.error.is_none()
            && let Some(notice) = &self.notice
        {
            Self::notice_toast(&ctx, notice, graph_area, &mut commands);
        }

        self.commands.extend(commands);
        self.run_commands(&ctx);
        if let Some((format, path)) = self.pending_save.take() {
            self.start_save(&ctx, format, path);
        }
        // egui drops a text field's focus on Esc before the next frame's keys are read: this
        // is how those keys know the Esc was the field's.
        self.typing_in = ctx
            .egui_wants_keyboard_input()
            .then(|| ctx.memory(egui::Memory::focused))
            .flatten();
        if let Some((kind, path)) = self.pending_export.take() {
            self.start_export(&ctx, kind, path, self.graph_size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_details;

    #[test]
    fn a_long_message_keeps_what_happened_in_front_and_the_details_behind() {
        let tried = "Tried — Chainsight: no \"format\"; Gephi Lite: no \"type\"; ".repeat(6);
        let message = format!("x.json: not a graph file: its keys (a, b) fit nothing. {tried}");
        let (head, details) = split_details(&message);
        assert_eq!(
            head,
            "x.json: not a graph file: its keys (a, b) fit nothing."
        );
        assert!(details.is_some_and(|d| d.starts_with("Tried — Chainsight")));
        let short = "x.json: line 3, column 5: expected a value";
        assert_eq!(split_details(short), (short, None));
        let unbroken = "y".repeat(300);
        assert_eq!(split_details(&unbroken), (unbroken.as_str(), None));
    }
}
