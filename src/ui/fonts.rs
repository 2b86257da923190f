//! The fonts text is drawn in, in the window and in the exports alike: egui's bundled fonts
//! (Latin, Greek, Cyrillic, some emoji), a DejaVu subset for arrows and symbols, and, for
//! Chinese, Japanese and Korean, which neither has, the first installed font of a list of
//! well-known ones. The networks Chainsight is made for name Chinese companies and agencies in
//! Chinese; without such a font every one of those names is a row of boxes.

use std::sync::{Arc, OnceLock};

use egui::{FontData, FontDefinitions, FontFamily};
use resvg::usvg::fontdb;

/// Arrows and other symbols that egui's bundled fonts lack: a subset of `DejaVu Sans`
/// (license in `assets/fonts/LICENSE-DejaVu.txt`).
const SYMBOLS_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-symbols.ttf");

/// Installed families that draw Chinese, Japanese and Korean, the one to use first first:
/// Simplified Chinese designs (Noto's and Adobe's, then Linux's usual fallbacks), the other
/// CJK designs of the same families, then what Windows and macOS ship.
pub const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "AR PL UMing CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Arial Unicode MS",
    "Yu Gothic",
    "Malgun Gothic",
];

/// A font found on this machine for what egui's fonts cannot draw.
#[derive(Clone)]
pub struct FallbackFont {
    /// Its family, as the font names it.
    pub family: String,
    pub data: Arc<FontData>,
}

impl std::fmt::Debug for FallbackFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FallbackFont")
            .field("family", &self.family)
            .field("bytes", &self.data.font.len())
            .finish()
    }
}

/// The fallback fonts `database` holds: the first of [`CJK_FAMILIES`] it has, if any.
pub fn fallbacks_in(database: &fontdb::Database) -> Vec<FallbackFont> {
    CJK_FAMILIES
        .iter()
        .find_map(|&family| {
            let id = database.query(&fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                ..fontdb::Query::default()
            })?;
            let data = database.with_face_data(id, |bytes, index| {
                let mut data = FontData::from_owned(bytes.to_vec());
                data.index = index;
                data
            })?;
            Some(FallbackFont {
                family: family.to_owned(),
                data: Arc::new(data),
            })
        })
        .into_iter()
        .collect()
}

/// The fallback fonts installed on this machine, looked for once per process: scanning the
/// system's fonts takes from a few milliseconds to a few hundred.
pub fn system_fallbacks() -> &'static [FallbackFont] {
    static FOUND: OnceLock<Vec<FallbackFont>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let started = std::time::Instant::now();
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        let found = fallbacks_in(&database);
        log::info!(
            "fonts: {} installed faces looked through in {:.0} ms; for Chinese, Japanese and Korean: {}",
            database.len(),
            started.elapsed().as_secs_f64() * 1000.0,
            found
                .first()
                .map_or("none (drawn as boxes)", |f| f.family.as_str())
        );
        found
    })
}

/// egui's fonts, then the symbols subset, then `fallbacks`: a character is drawn from the
/// first of them that has it.
pub fn definitions(fallbacks: &[FallbackFont]) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let symbols = (
        "dejavu-symbols".to_owned(),
        Arc::new(FontData::from_static(SYMBOLS_FONT)),
    );
    let added = std::iter::once(symbols).chain(
        fallbacks
            .iter()
            .map(|f| (format!("system: {}", f.family), Arc::clone(&f.data))),
    );
    for (name, data) in added {
        fonts.font_data.insert(name.clone(), data);
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.clone());
        }
    }
    fonts
}

/// Installs the bundled fonts in `ctx` now and, once found, the system's fallback fonts: on a
/// thread of its own, so that the first frame does not wait for the scan of the system's
/// fonts. egui takes new fonts at the start of its next pass.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions(&[]));
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("system fonts".to_owned())
        .spawn(move || {
            let fallbacks = system_fallbacks();
            if !fallbacks.is_empty() {
                ctx.set_fonts(definitions(fallbacks));
                ctx.request_repaint();
            }
        });
    if let Err(error) = spawned {
        log::warn!("fonts: could not look for installed fonts: {error}");
    }
}

/// A subset of Droid Sans Fallback (Apache License 2.0) with a few Chinese, Japanese and
/// Korean characters: 华为海康威视新疆乌鲁木齐中国公司城市アイ한국.
#[cfg(test)]
const CJK_SUBSET: &[u8] = include_bytes!("../../tests/fonts/droid-sans-fallback-subset.ttf");

/// A font database holding only [`CJK_SUBSET`], for tests that must not depend on the fonts
/// of the machine they run on.
#[cfg(test)]
pub(crate) fn database_with_cjk_subset() -> fontdb::Database {
    let mut database = fontdb::Database::new();
    database.load_font_data(CJK_SUBSET.to_vec());
    database
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_family_installed_is_the_fallback() {
        let found = fallbacks_in(&database_with_cjk_subset());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].family, "Droid Sans Fallback");
        assert_eq!(&*found[0].data.font, CJK_SUBSET);
    }

    #[test]
    fn no_listed_family_no_fallback() {
        let mut database = fontdb::Database::new();
        database.load_font_data(SYMBOLS_FONT.to_vec());
        assert!(fallbacks_in(&database).is_empty());
    }

    #[test]
    fn the_fallback_comes_after_the_bundled_fonts() {
        let fonts = definitions(&fallbacks_in(&database_with_cjk_subset()));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let order = &fonts.families[&family];
            assert_eq!(
                order[order.len() - 2..],
                ["dejavu-symbols", "system: Droid Sans Fallback"]
            );
        }
        assert!(fonts.font_data.contains_key("system: Droid Sans Fallback"));
    }
}
