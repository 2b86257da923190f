//! Drawing: one file per panel or view. UI functions read the session and push
//! [`crate::command::Command`]s; they never change the dataset themselves.

pub mod file_dialog;
pub mod filters;
pub mod fonts;
pub mod graph_view;
pub mod paths_panel;
pub mod reader;
pub mod report_window;
pub mod search_panel;
pub mod side_panel;
pub mod story_panel;
pub mod table;
pub mod theme;
pub mod toolbar;
