//! Chainsight's own file dialog (egui-file-dialog), shown where the system has none: without
//! xdg-desktop-portal or zenity, as on minimal Linux installs and in WSL, the system dialog
//! returns at once and a user could neither open nor save a file from the window.

use std::path::{Path, PathBuf};

use egui_file_dialog::{DialogState, FileDialog};

/// What a dialog came to.
pub enum Outcome {
    /// Still open.
    Open,
    Picked(PathBuf),
    Cancelled,
}

/// A file dialog drawn in the window.
pub struct InAppDialog {
    dialog: FileDialog,
}

impl InAppDialog {
    /// A dialog to pick a file to read, starting in `folder`.
    pub fn pick(title: &str, folder: Option<&Path>) -> Self {
        let mut dialog = base(title, folder);
        dialog.pick_file();
        Self { dialog }
    }

    /// A dialog to choose where to write, starting in `folder` with `suggested_name`.
    pub fn save(title: &str, folder: Option<&Path>, suggested_name: &str) -> Self {
        let mut dialog = base(title, folder).default_file_name(suggested_name);
        dialog.save_file();
        Self { dialog }
    }

    /// Draws the dialog; says what it came to.
    pub fn show(&mut self, ctx: &egui::Context) -> Outcome {
        self.dialog.update(ctx);
        match self.dialog.state() {
            DialogState::Open => Outcome::Open,
            DialogState::Picked(path) => Outcome::Picked(path.clone()),
            _ => Outcome::Cancelled,
        }
    }
}

fn base(title: &str, folder: Option<&Path>) -> FileDialog {
    let dialog = FileDialog::new()
        .title(title)
        .default_size([720.0, 460.0])
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]);
    match folder {
        Some(folder) if folder.is_dir() => dialog.initial_directory(folder.to_path_buf()),
        _ => dialog,
    }
}
