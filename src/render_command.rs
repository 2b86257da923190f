//! `chainsight render FILE (--svg OUT | --png OUT | --appendix OUT.md|OUT.csv)`: the picture
//! the window would show, or the evidence appendix of what it shows, made headless (no
//! window, no GPU). The dataset is laid out deterministically (saved positions are kept,
//! the rest settled from the layout's fixed start), the view is the default one or a step
//! of the dataset's first story, and the picture is built from the same `Scene` the window
//! paints, then written as SVG or rasterised to PNG in software.

use std::io::Write as _;
use std::path::Path;

use crate::export::{self, HeadlessFonts, PictureRequest};
use crate::formats::{self, escape_controls, save};
use crate::palette::{Palette, Theme};
use crate::scene::Caption;
use crate::session::Session;
use crate::view::{Lens, Selection, View, ViewCommand};

/// Layout steps at most before drawing: enough for the built-in network to converge, a bound
/// on the time a large one takes.
pub const MAX_LAYOUT_STEPS: u32 = 3000;

/// What `render` writes.
#[derive(Clone, Copy, Debug)]
pub enum RenderOutput<'a> {
    Svg(&'a Path),
    Png(&'a Path),
    /// Markdown or CSV, by the file's extension (`.md`, `.markdown` or `.csv`).
    Appendix(&'a Path),
    /// The dataset's first story as a web page.
    StoryPage(&'a Path),
}

/// What `chainsight render` was asked.
#[derive(Clone, Debug)]
pub struct RenderRequest<'a> {
    pub file: &'a Path,
    pub output: RenderOutput<'a>,
    /// The step of the dataset's first story to show, from 1; `None`: the whole network.
    pub step: Option<usize>,
    /// A search to light, as typed in the window.
    pub search: Option<&'a str>,
    /// An entity to select, by name or alias.
    pub select: Option<&'a str>,
    /// The picture's size in points, legend strip included.
    pub width: u32,
    pub height: u32,
    /// Pixels per point of the PNG (2 for print).
    pub scale: f32,
    pub theme: Theme,
}

/// Runs the command; returns the exit code (0: written, 1: the file could not be read or
/// written or has no such step, 2: a request that makes no sense).
pub fn run(request: &RenderRequest<'_>) -> i32 {
    let appendix_kind = if let RenderOutput::Appendix(path) = request.output {
        let Some(kind) = AppendixKind::of(path) else {
            say(&format!(
                "error: --appendix {}: name a .md or .csv file",
                path.display()
            ));
            return 2;
        };
        Some(kind)
    } else {
        None
    };
    let loaded = match formats::load_path(request.file) {
        Ok(loaded) => loaded,
        Err(error) => {
            say(&format!("error: {error}"));
            return 1;
        }
    };
    if matches!(request.output, RenderOutput::StoryPage(_)) && loaded.dataset.stories.is_empty() {
        say(&format!(
            "error: --story-page: {} has no story",
            formats::display_name(request.file)
        ));
        return 1;
    }
    let mut session = Session::new(loaded, Some(request.file.to_path_buf()));
    let (view, caption) = match step_view(&session, request.step)
        .and_then(|(view, caption)| Ok((asked_view(&session, view, request)?, caption)))
    {
        Ok(found) => found,
        Err(message) => {
            say(&format!("error: {message}"));
            return 1;
        }
    };
    let made = if let Some(kind) = appendix_kind {
        Ok(appendix(&session, &view, kind))
    } else if matches!(request.output, RenderOutput::StoryPage(_)) {
        session.layout.settle(MAX_LAYOUT_STEPS);
        story_page(request, &session)
    } else {
        session.layout.settle(MAX_LAYOUT_STEPS);
        picture(request, &session, &view, caption)
    };
    let (contents, what) = match made {
        Ok(made) => made,
        Err(message) => {
            say(&format!("error: {message}"));
            return 2;
        }
    };
    let output = match request.output {
        RenderOutput::Svg(path)
        | RenderOutput::Png(path)
        | RenderOutput::Appendix(path)
        | RenderOutput::StoryPage(path) => path,
    };
    write(output, &contents, request.file, &what)
}

/// The evidence appendix of what `view` shows, and a line saying what it holds.
fn appendix(session: &Session, view: &View, kind: AppendixKind) -> (Contents, String) {
    let lens = Lens::compute(&session.dataset, &session.network, view);
    let shown = export::appendix::relations_in_view(&session.dataset, &lens).len();
    let text = match kind {
        AppendixKind::Markdown => export::appendix_markdown(&session.dataset, &lens),
        AppendixKind::Csv => export::appendix_csv(&session.dataset, &lens),
    };
    (
        Contents::Text(text),
        format!("evidence of {shown} relations"),
    )
}

/// The dataset's first story as a web page, and a line saying what it holds.
fn story_page(
    request: &RenderRequest<'_>,
    session: &Session,
) -> Result<(Contents, String), String> {
    let size = egui::vec2(request.width as f32, request.height as f32);
    let fonts = HeadlessFonts::new();
    let page = export::story_page(session, 0, size, request.theme, &fonts)
        .ok_or_else(|| "--story-page: the dataset has no story".to_owned())?;
    let steps = session.dataset.stories.first().map_or(0, |s| s.steps.len());
    Ok((
        Contents::Text(page),
        format!(
            "a web page of {}",
            crate::words::counted(steps, "step", "steps")
        ),
    ))
}

/// The SVG or PNG of `view`, and a line saying what it shows.
fn picture(
    request: &RenderRequest<'_>,
    session: &Session,
    view: &View,
    caption: Option<Caption>,
) -> Result<(Contents, String), String> {
    let fonts = HeadlessFonts::new();
    let scene = fonts.scene(&PictureRequest {
        session,
        view,
        size: egui::vec2(request.width as f32, request.height as f32),
        palette: Palette::of(request.theme, false),
        caption,
    });
    let svg = export::scene_to_svg(&scene, &fonts);
    let drawn = format!(
        "{} nodes, {} edges, {} labels",
        scene.nodes.len(),
        scene.edges.len(),
        scene.labels.len()
    );
    if !matches!(request.output, RenderOutput::Png(_)) {
        return Ok((Contents::Text(svg), drawn));
    }
    let mut words = scene
        .labels
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>();
    words.extend(
        scene
            .caption
            .iter()
            .flat_map(|c| [c.title.as_str(), c.text.as_str()]),
    );
    let missing = fonts.missing_glyphs(&words.join(" "));
    if !missing.is_empty() {
        let listed: Vec<String> = missing.iter().map(char::to_string).collect();
        let note = escape_controls(&format!(
            "note: no font here has {}; drawn as boxes, as in the window",
            listed.join(" ")
        ));
        // Standard output may be the picture itself.
        eprintln!("{note}");
    }
    // resvg would warn of each of those characters once per label: said once above instead.
    let quiet = std::env::var_os("RUST_LOG").is_none();
    let level = log::max_level();
    if quiet {
        log::set_max_level(log::LevelFilter::Error);
    }
    let png = export::svg_to_png(&svg, request.scale, &fonts.definitions());
    log::set_max_level(level);
    let png = png.map_err(|error| error.to_string())?;
    let (width, height) = (
        (request.width as f32 * request.scale).round(),
        (request.height as f32 * request.scale).round(),
    );
    Ok((
        Contents::Binary(png),
        format!("{width}×{height} pixels, {drawn}"),
    ))
}

/// What is written: text (SVG, Markdown, CSV) or a PNG's bytes.
enum Contents {
    Text(String),
    Binary(Vec<u8>),
}

/// What an appendix file is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AppendixKind {
    Markdown,
    Csv,
}

impl AppendixKind {
    /// By the file's extension (`-`, standard output, is Markdown).
    fn of(path: &Path) -> Option<Self> {
        if path == Path::new("-") {
            return Some(Self::Markdown);
        }
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// The view to draw and the caption to show: the whole network, or step `step` (from 1) of the
/// dataset's first story.
fn step_view(session: &Session, step: Option<usize>) -> Result<(View, Option<Caption>), String> {
    let Some(number) = step else {
        return Ok((View::default(), None));
    };
    let dataset = &session.dataset;
    let Some(story) = dataset.stories.first() else {
        return Err(format!(
            "--step {number}: {} has no story",
            formats::display_name(
                session
                    .origin
                    .as_deref()
                    .unwrap_or(Path::new("the dataset"))
            )
        ));
    };
    let Some(found) = number.checked_sub(1).and_then(|k| story.steps.get(k)) else {
        return Err(format!(
            "--step {number}: the story \"{}\" has steps 1 to {}",
            story.title,
            story.steps.len()
        ));
    };
    let previous = number.checked_sub(2).and_then(|k| story.steps.get(k));
    let view = View::for_story_step(
        dataset,
        (found, previous),
        found.relations.len(),
        &View::default(),
    );
    Ok((view, Caption::of_step(story, number - 1)))
}

/// `view` with the search and selection asked for, as the window's search box and a click
/// would set them.
fn asked_view(
    session: &Session,
    mut view: View,
    request: &RenderRequest<'_>,
) -> Result<View, String> {
    if let Some(text) = request.search {
        view.apply(&ViewCommand::Search(text.to_owned()));
    }
    if let Some(name) = request.select {
        let entity = crate::path_command::resolve(&session.dataset, name)
            .map_err(|message| format!("--select: {message}"))?;
        view.apply(&ViewCommand::Select(Selection::Entity(entity)));
    }
    Ok(view)
}

/// Writes `bytes` to `output` (standard output for `-`; the message then goes to standard
/// error): through a temporary file and a rename, only ever to a regular file, never over the
/// input. Returns the exit code.
fn write(output: &Path, contents: &Contents, input: &Path, what: &str) -> i32 {
    let bytes = match contents {
        Contents::Text(text) => text.as_bytes(),
        Contents::Binary(bytes) => bytes.as_slice(),
    };
    if output == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Ok(()) => {
                eprintln!("{}", escape_controls(&format!("wrote {what}")));
                0
            }
            Err(error) => {
                eprintln!("error: standard output: {error}");
                1
            }
        };
    }
    let result = save::write_bytes_atomically(output, bytes, Some(input));
    match result {
        Ok(()) => {
            say(&format!("wrote {} ({what})", output.display()));
            0
        }
        Err(error) => {
            say(&format!("error: {error}"));
            1
        }
    }
}

/// Prints a line whose text may come from a file, control characters escaped.
fn say(line: &str) {
    outln!("{}", escape_controls(line));
}
