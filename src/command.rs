//! What the UI asks the app to do. Panels push commands while drawing; the app carries them
//! out after the frame, so every change to the session happens in one place.

use std::path::PathBuf;

use crate::formats::ExportFormat;
use crate::model::{RelationIdx, SourceIdx};
use crate::view::Selection;

/// A request from the UI (or a test) to the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the file dialog (off the UI thread) and open what the user picks.
    PickFile,
    /// Read and open this file in the background; the open dataset stays until it succeeds.
    OpenFile(PathBuf),
    /// Open one graph of a multi-graph file (JGF `graphs`), by its position from 0.
    OpenGraph { path: PathBuf, graph_index: usize },
    /// Ask where to save the open dataset in this format, then write it there.
    SaveAs(ExportFormat),
    /// Ask where to export the view (picture or evidence appendix), then write it there.
    Export(crate::app::ExportKind),
    /// Stop waiting for a load in progress; its result is discarded.
    CancelLoad,
    /// Change what the side panel shows and the graph highlights.
    Select(Selection),
    /// Select an entity and bring it to the centre of the view (picked from a list: it may be
    /// anywhere, or off screen).
    Show(crate::model::EntityIdx),
    /// Select a relation and bring it to the centre of the view, both its ends in sight.
    ShowRelation(RelationIdx),
    /// Change the view: search, filters, time window, focus.
    View(crate::view::ViewCommand),
    /// Show the table instead of the graph, or the graph again.
    ShowTable(bool),
    /// Select the next (or previous) neighbour of the selected entity, by name (Tab,
    /// Shift+Tab, or the arrow keys on the graph).
    StepNeighbour { forward: bool },
    /// Arrange the supply chain left to right (pinning the entities on it), or free them.
    ArrangeFlow(bool),
    /// Pin the entities whose attributes give a latitude and longitude where they lie on a
    /// map, or free them.
    PlaceOnMap(bool),
    /// Go back to the previous selection (Alt+Left).
    Back,
    /// Go forward again (Alt+Right).
    Forward,
    /// A node was dragged (and so pinned): recorded for undo.
    NodeMoved(crate::view::NodeMove),
    /// Put the node being dragged here (layout units) and pin it there.
    DragNode {
        entity: crate::model::EntityIdx,
        to: egui::Pos2,
    },
    /// Undo the last view change (selection, search, filters, time, focus).
    Undo,
    /// Redo what was undone.
    Redo,
    /// Start or stop playing the time window, year by year.
    PlayTime(bool),
    /// How many seconds each year shows while playing.
    SetPlayPace(f32),
    /// Fit the whole network in the view.
    FitView,
    /// Pause the layout if it runs; go on from where it stopped otherwise (Space).
    ToggleLayout,
    /// Run the forces again from the current positions, settling gently.
    RerunLayout,
    /// Lay the network out from scratch (pinned nodes stay).
    Relayout,
    /// Use another layout engine, from the current positions.
    SetEngine(crate::layout::Engine),
    /// Let the forces move a dragged node again.
    Unpin(crate::model::EntityIdx),
    /// Play story `n` of the dataset from its first step; `None` stops playing.
    PlayStory(Option<usize>),
    /// Show this step (from 0) of the story being played.
    GoToStep(usize),
    /// Make story `n` the one "Add this view as a step" adds to.
    ChooseStory(usize),
    /// The next step of the story (or the next relation of a step that reveals them).
    StoryNext,
    /// The previous step of the story.
    StoryPrevious,
    /// Enter (full screen, chrome hidden, large type) or leave presenter mode.
    Present(bool),
    /// Show or hide the side panel.
    ShowSidePanel(bool),
    /// Use this colour theme.
    SetTheme(crate::palette::Theme),
    /// Change the dataset's stories.
    EditStory(StoryEdit),
    /// Show or hide the load report window.
    ShowReport(bool),
    /// Open a source's web page in the browser (http and https only).
    OpenUrl(String),
    /// Put this text on the clipboard (a quote with its citation).
    CopyText(String),
    /// Ask for a plain-text or HTML file holding this source's text, then attach it.
    PickSourceText(SourceIdx),
    /// Read this file as the source's text (in the background) and check its quotes against it.
    AttachSourceText { source: SourceIdx, path: PathBuf },
    /// Show the source's attached text in the reader, scrolled to this quote
    /// (relation, evidence index) if given, every quoted passage highlighted.
    ReadInContext {
        source: SourceIdx,
        quote: Option<(RelationIdx, usize)>,
    },
    /// Close the reader.
    CloseReader,
    /// Hide the last error message.
    DismissError,
}

/// A change to the dataset's stories, made in the story panel.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryEdit {
    /// Start a new, empty story.
    NewStory,
    /// Add the current view as a step after the step shown (or at the end) of `story`.
    AddCurrentView { story: usize },
    /// Move a step one place earlier (`up`) or later.
    Move { story: usize, step: usize, up: bool },
    /// Delete a step.
    Remove { story: usize, step: usize },
    /// Give a story a new title.
    RenameStory { story: usize, title: String },
    /// Delete a story and its steps (Ctrl+Z, or Restore under Stories, brings it back).
    DeleteStory { story: usize },
    /// Put a deleted story back at its place: Restore under Stories, which works whatever
    /// was done since (an undo would first undo that).
    RestoreStory {
        at: usize,
        story: Box<crate::model::Story>,
    },
    SetTitle {
        story: usize,
        step: usize,
        title: String,
    },
    SetCaption {
        story: usize,
        step: usize,
        caption: String,
    },
}
