//! What the user chose that outlives a run: theme, side panel, recent files, layout engine,
//! the dataset open last (offered at the next start, never opened by itself). Kept in
//! eframe's storage (`App::save`), never in a dataset. Panel widths are egui's own memory,
//! which eframe keeps beside it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::layout::Engine;
use crate::palette::Theme;

/// The key the settings are stored under.
const KEY: &str = "chainsight-settings";
/// Recent files remembered at most.
const MAX_RECENT: usize = 8;

/// The user's settings. Every field has a default, so settings written by an older version
/// (or damaged) still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `dark` or `light`.
    pub theme: String,
    pub side_panel: bool,
    pub side_panel_presenting: bool,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// `forceatlas2` or `fruchterman-reingold`.
    pub layout_engine: String,
    /// The dataset open when the app last closed (`None`: the built-in one).
    pub last_dataset: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::Dark.as_str().to_owned(),
            side_panel: true,
            side_panel_presenting: false,
            recent_files: Vec::new(),
            layout_engine: "forceatlas2".to_owned(),
            last_dataset: None,
        }
    }
}

impl Settings {
    /// The settings kept in `storage`, or the defaults when there are none.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, KEY))
            .unwrap_or_default()
    }

    /// Keeps the settings in `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// The theme, dark unless light was chosen.
    pub fn theme(&self) -> Theme {
        Theme::parse(&self.theme).unwrap_or_default()
    }

    /// The layout engine, ForceAtlas2 unless another was chosen.
    pub fn engine(&self) -> Engine {
        match self.layout_engine.as_str() {
            "fruchterman-reingold" => Engine::FruchtermanReingold,
            _ => Engine::ForceAtlas2,
        }
    }

    /// Chooses the layout engine.
    pub fn set_engine(&mut self, engine: Engine) {
        match engine {
            Engine::ForceAtlas2 => "forceatlas2",
            Engine::FruchtermanReingold => "fruchterman-reingold",
        }
        .clone_into(&mut self.layout_engine);
    }

    /// Puts `path` first among the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn settings_survive_storage_and_recent_files_stay_unique_and_few() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember(Path::new(&format!("/data/{i}.json")));
        }
        settings.remember(Path::new("/data/3.json"));
        assert_eq!(settings.recent_files.len(), MAX_RECENT);
        assert_eq!(settings.recent_files[0], Path::new("/data/3.json"));
        assert_eq!(
            settings
                .recent_files
                .iter()
                .filter(|p| *p == Path::new("/data/3.json"))
                .count(),
            1
        );
        settings.theme = "light".into();
        settings.set_engine(Engine::FruchtermanReingold);
        let mut storage = Memory::default();
        settings.save(&mut storage);
        let loaded = Settings::load(Some(&storage));
        assert_eq!(loaded, settings);
        assert_eq!(loaded.theme(), Theme::Light);
        assert_eq!(loaded.engine(), Engine::FruchtermanReingold);
    }

    #[test]
    fn damaged_or_partial_settings_fall_back_to_defaults() {
        let mut storage = Memory::default();
        storage.0.insert(KEY.into(), "{\"theme\": 7".into());
        assert_eq!(Settings::load(Some(&storage)), Settings::default());
        storage.0.insert(KEY.into(), "(theme: \"light\")".into());
        let partial = Settings::load(Some(&storage));
        assert_eq!(partial.theme(), Theme::Light);
        assert_eq!(partial.side_panel, Settings::default().side_panel);
        assert_eq!(Settings::load(None), Settings::default());
    }
}
