//! Chainsight's own file dialog (egui-file-dialog), shown where the system has none: without
//! xdg-desktop-portal or zenity, as on minimal Linux installs and in WSL, the system dialog
//! returns at once and a user could neither open nor save a file from the window.

use std::path::{Path, PathBuf};

use egui_file_dialog::{DialogState, FileDialog, Filter};

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
    /// A dialog to pick a file to read, starting in `folder`. It lists the files whose
    /// names end in one of `shown`'s extensions (in any case) until the user picks "All
    /// Files" from its filter menu.
    pub fn pick(
        title: &str,
        folder: Option<&Path>,
        (filter_name, extensions): (&str, &'static [&'static str]),
    ) -> Self {
        let mut dialog = base(title, folder)
            .add_file_filter(
                filter_name,
                Filter::new(move |path: &Path| has_any_extension(path, extensions)),
            )
            .default_file_filter(filter_name);
        dialog.pick_file();
        Self { dialog }
    }

    /// A dialog to choose where to write, starting in `folder` with `suggested_name`. The
    /// file is saved as `(name, extension)`: the dialog adds the extension where the typed
    /// name lacks it.
    pub fn save(
        title: &str,
        folder: Option<&Path>,
        suggested_name: &str,
        (kind_name, extension): (&str, &str),
    ) -> Self {
        let mut dialog = base(title, folder)
            .default_file_name(suggested_name)
            .add_save_extension(kind_name, extension)
            .default_save_extension(kind_name);
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

/// Whether `path`'s name ends in `.extension` for one of `extensions`, in any case.
fn has_any_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|found| found.to_str())
        .is_some_and(|found| extensions.iter().any(|e| found.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_in_any_case_and_only_at_the_end() {
        let graphs = &["json", "gexf"];
        assert!(has_any_extension(Path::new("/data/net.JSON"), graphs));
        assert!(has_any_extension(Path::new("net.gexf"), graphs));
        assert!(!has_any_extension(Path::new("net.json.bak"), graphs));
        assert!(!has_any_extension(Path::new("json"), graphs));
        assert!(!has_any_extension(Path::new("notes.txt"), graphs));
    }
}
