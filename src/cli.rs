//! Headless subcommands for scripts and CI: `check`, `export`, `verify`, `render` and more. Each
//! returns the process exit code; none of them panics on bad input.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::formats::{self, LoadError, save};
use crate::generate;
use crate::source_text;
use crate::verify;

/// See who supplied whom in an investigative network, and the evidence behind each link.
#[derive(Debug, Parser)]
#[command(name = "chainsight", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A dataset to open in the window; without one, the built-in Safe City dataset opens.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset file and print what was found. Exit code 0 if it loads, 1 if not.
    Check {
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a dataset in another format.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write (`-`: standard output); never the input file. Only a regular file
        /// is written; a symbolic link is followed to the regular file it names.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Write a synthetic network (seeded: the same options always give the same file).
    Generate {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Planted communities; 0 picks about one per 50 nodes.
        #[arg(long, default_value_t = 0)]
        communities: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value = "chainsight")]
        format: ExportFormat,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Measure things: `chainsight bench layout --nodes N --edges M`.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// How one entity reaches another: the shortest path and alternatives, each hop with its
    /// quotes. Names are matched against names and aliases. Exit code 1 if there is no path.
    Path {
        /// The dataset, in any format Chainsight opens.
        file: PathBuf,
        /// Where the path starts: an entity's name or alias.
        #[arg(long, value_name = "NAME")]
        from: String,
        /// Where the path ends: an entity's name or alias.
        #[arg(long, value_name = "NAME")]
        to: String,
        /// Longest path, in relations.
        #[arg(long, value_name = "N", default_value_t = 8)]
        max_hops: usize,
        /// How many paths at most (the shortest first).
        #[arg(short = 'k', long = "paths", default_value_t = 3)]
        k: usize,
        /// Follow relations only from source to target.
        #[arg(long)]
        directed: bool,
        /// Leave out claimed, alleged, denied and unclear relations.
        #[arg(long)]
        reported_only: bool,
        /// Only relations that are a step along the chain (supplied, designed, built, funded,
        /// invested in, consulted for, deployed in, operates, located in, evolved into).
        #[arg(long)]
        chain_only: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Draw a dataset as the window would, headless (no window, no GPU): an SVG or PNG picture,
    /// the evidence appendix of every relation it shows (Markdown or CSV, by extension), or its
    /// first story as a web page.
    #[command(group(clap::ArgGroup::new("output").required(true).args(["svg", "png", "appendix", "story_page"])))]
    Render {
        file: PathBuf,
        /// Write the picture as SVG (`-`: standard output).
        #[arg(long, value_name = "OUT")]
        svg: Option<PathBuf>,
        /// Write the picture as PNG, rasterised in software.
        #[arg(long, value_name = "OUT")]
        png: Option<PathBuf>,
        /// Write the evidence appendix: `.md` for Markdown, `.csv` for CSV.
        #[arg(long, value_name = "OUT.md|OUT.csv")]
        appendix: Option<PathBuf>,
        /// Write the dataset's first story as one web page: each step's picture as presented,
        /// with the quoted evidence of what it highlights; ←/→ move through the steps.
        #[arg(long, value_name = "OUT.html", conflicts_with_all = ["step", "search", "select"])]
        story_page: Option<PathBuf>,
        /// Show step N (from 1) of the dataset's first story, with its caption.
        #[arg(long, value_name = "N", conflicts_with_all = ["search", "select"])]
        step: Option<usize>,
        /// Light what a search finds, as typed in the window's search box (the appendix then
        /// holds the relations it finds).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Select an entity (a name or alias): its relations lit, the rest faded.
        #[arg(long, value_name = "NAME")]
        select: Option<String>,
        /// Width of the picture, in points.
        #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(200..=8192))]
        width: u32,
        /// Height of the picture (legend included), in points.
        #[arg(long, default_value_t = 720, value_parser = clap::value_parser!(u32).range(150..=8192))]
        height: u32,
        /// Pixels per point of the PNG: 2 for print.
        #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
        scale: f32,
        /// `dark` or `light`.
        #[arg(long, default_value = "dark", value_parser = parse_theme)]
        theme: crate::palette::Theme,
    },
    /// Check that quotes appear verbatim in their source's text. Exit code 1 if any is missing.
    Verify {
        file: PathBuf,
        /// `SOURCE_ID=PATH`: check the quotes of `SOURCE_ID` against the text file at `PATH`.
        /// Repeat for several sources.
        #[arg(long = "text", value_name = "SOURCE_ID=PATH", required = true)]
        texts: Vec<String>,
    },
}

/// What `bench` measures.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Median milliseconds per layout step: Chainsight's ForceAtlas2 against egui_graphs'
    /// Fruchterman–Reingold, on the same generated network.
    Layout {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Barnes–Hut accuracy (0 = exact).
        #[arg(long, default_value_t = 1.2)]
        theta: f32,
        /// Steps of ours to time.
        #[arg(long, default_value_t = 30)]
        steps: usize,
        /// Linear attraction instead of the default LinLog.
        #[arg(long)]
        linear: bool,
        /// ForceAtlas2's gravity (default: the app's).
        #[arg(long)]
        gravity: Option<f32>,
        /// Time egui_graphs' Fruchterman–Reingold even above 20,000 nodes (one of its steps
        /// takes about a minute at 100,000).
        #[arg(long)]
        compare_fr: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// How well the clusters the app colours by recover a generated network's planted
    /// communities (completeness, purity), and how long finding them takes.
    Clusters {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Milliseconds per search on a generated network, for a few queries a user may type.
    Search {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Milliseconds per lens (what a click or a filter recomputes before the window draws)
    /// on a generated network, for a few views a user may ask for.
    Lens {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Time to first frame, median frame time with the layout paused, and peak memory,
    /// drawing a generated network headless at 1280×800.
    Frame {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Layout steps before the paused frames are timed.
        #[arg(long, default_value_t = 100)]
        layout_steps: u32,
        /// Frames to time.
        #[arg(long, default_value_t = 30)]
        frames: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Formats `export` can write.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// JSON Graph Format v2.
    Jgf,
    /// Chainsight's own format, version 1.
    Chainsight,
    /// networkx node-link JSON.
    Networkx,
    /// GEXF 1.3, for Gephi.
    Gexf,
    /// GraphML.
    Graphml,
}

impl From<ExportFormat> for formats::ExportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Jgf => Self::Jgf,
            ExportFormat::Chainsight => Self::Chainsight,
            ExportFormat::Networkx => Self::Networkx,
            ExportFormat::Gexf => Self::Gexf,
            ExportFormat::Graphml => Self::Graphml,
        }
    }
}

fn parse_theme(name: &str) -> Result<crate::palette::Theme, String> {
    crate::palette::Theme::parse(name).ok_or_else(|| "expected “dark” or “light”".to_owned())
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(scale) if (0.25..=8.0).contains(&scale) => Ok(scale),
        _ => Err("expected a number from 0.25 to 8".to_owned()),
    }
}

/// Writes one line to standard output ([`outln!`]). Where the reader has closed the pipe, the
/// process ends with the status a shell gives a process SIGPIPE stopped (141); another write
/// error is reported and ends it with 1.
pub fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = writeln!(stdout, "{line}") {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("error: standard output: {error}");
        std::process::exit(1);
    }
}

/// Prints one line of output whose text may come from a file, with control characters escaped
/// so that nothing in a file (ESC sequences, BEL, a carriage return) reaches the terminal raw.
fn say(line: &str) {
    outln!("{}", formats::escape_controls(line));
}

/// Writes an export: to standard output for `-` (the message then goes to standard error),
/// else to the file through [`save::write_atomically`]. Returns the exit code.
fn write_output(output: &Path, text: &str, protected: Option<&Path>, done: &str) -> i32 {
    if output == Path::new("-") {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        return match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => {
                eprintln!("{}", formats::escape_controls(&format!("wrote {done}")));
                0
            }
            Err(error) => {
                eprintln!("error: standard output: {error}");
                1
            }
        };
    }
    match save::write_atomically(output, text, protected) {
        Ok(()) => {
            say(&format!("wrote {} ({done})", output.display()));
            0
        }
        Err(error) => {
            say(&format!("error: {error}"));
            1
        }
    }
}

/// Runs a subcommand; returns the exit code.
pub fn run(command: &Command) -> i32 {
    match command {
        Command::Check { file, json } => check(file, *json),
        Command::Export {
            file,
            format,
            output,
        } => export(file, *format, output),
        Command::Verify { file, texts } => verify_quotes(file, texts),
        Command::Path {
            file,
            from,
            to,
            max_hops,
            k,
            directed,
            reported_only,
            chain_only,
            json,
        } => crate::path_command::run(&crate::path_command::PathRequest {
            file,
            from,
            to,
            options: crate::model::paths::PathOptions {
                directed: *directed,
                reported_only: *reported_only,
                chain_only: *chain_only,
                max_hops: *max_hops,
                k: *k,
            },
            json: *json,
        }),
        Command::Render {
            file,
            svg,
            png,
            appendix,
            story_page,
            step,
            search,
            select,
            width,
            height,
            scale,
            theme,
        } => {
            use crate::render_command::{self, RenderOutput};
            let output = match (svg, png, appendix, story_page) {
                (Some(path), ..) => RenderOutput::Svg(path),
                (_, Some(path), ..) => RenderOutput::Png(path),
                (_, _, Some(path), _) => RenderOutput::Appendix(path),
                (.., Some(path)) => RenderOutput::StoryPage(path),
                (None, None, None, None) => return 2,
            };
            render_command::run(&render_command::RenderRequest {
                file,
                output,
                step: *step,
                search: search.as_deref(),
                select: select.as_deref(),
                width: *width,
                height: *height,
                scale: *scale,
                theme: *theme,
            })
        }
        Command::Bench { what } => bench(what),
        Command::Generate {
            nodes,
            edges,
            communities,
            seed,
            format,
            output,
        } => {
            let spec = generate::GraphSpec {
                nodes: *nodes,
                edges: *edges,
                communities: *communities,
                seed: *seed,
            };
            let dataset = generate::generate(spec);
            let text = formats::ExportFormat::from(*format).write(&dataset);
            write_output(
                output,
                &text,
                None,
                &format!("{nodes} nodes, {edges} edges, seed {seed}"),
            )
        }
    }
}

fn check(path: &Path, as_json: bool) -> i32 {
    let result = formats::load_path(path);
    if as_json {
        outln!("{}", check_json(path, &result));
    } else {
        match &result {
            Ok(loaded) => {
                let report = &loaded.report;
                say(&report.summary());
                for story in &loaded.dataset.stories {
                    say(&format!(
                        "story: \"{}\", {}",
                        story.title,
                        crate::words::counted(story.steps.len(), "step", "steps")
                    ));
                }
                for note in &report.notes {
                    say(&format!("note: {note}"));
                }
                for (_, name) in &report.other_graphs {
                    say(&format!("other graph in this file: {name}"));
                }
                for warning in &report.warnings {
                    say(&format!(
                        "warning: {}: {}",
                        warning.json_path, warning.message
                    ));
                }
                if report.unlisted_warnings > 0 {
                    say(&format!(
                        "warning: {} more warnings not listed",
                        report.unlisted_warnings
                    ));
                }
            }
            Err(error) => say(&format!("error: {error}")),
        }
    }
    let code = i32::from(result.is_err());
    // The process ends with this command: freeing a big dataset piece by piece (a string or
    // two per entity and relation) would only make `check` slower, so the system takes it back
    // whole.
    std::mem::forget(result);
    code
}

/// The `check --json` object: counts, warnings and errors of one load.
pub fn check_json(path: &Path, result: &Result<formats::Loaded, LoadError>) -> serde_json::Value {
    let file = formats::display_name(path);
    match result {
        Ok(loaded) => {
            let report = &loaded.report;
            json!({
                "file": file,
                "loaded": true,
                "format": report.format,
                "title": loaded.dataset.metadata.title,
                "entities": report.entity_count,
                "relations": report.relation_count,
                "evidence": report.evidence_count,
                "quotes": report.quote_count,
                "sources": report.source_count,
                "stories": loaded.dataset.stories.len(),
                "story_steps": crate::model::story_step_count(&loaded.dataset.stories),
                "warnings": report.warnings.iter()
                    .map(|w| json!({"message": w.message, "path": w.json_path}))
                    .collect::<Vec<_>>(),
                "unlisted_warnings": report.unlisted_warnings,
                "notes": report.notes,
                "other_graphs": report.other_graphs.iter()
                    .map(|(index, name)| json!({"index": index, "name": name}))
                    .collect::<Vec<_>>(),
                "errors": [],
            })
        }
        Err(error) => json!({
            "file": file,
            "loaded": false,
            "format": null,
            "entities": 0,
            "relations": 0,
            "evidence": 0,
            "sources": 0,
            "stories": 0,
            "story_steps": 0,
            "warnings": [],
            "errors": [{
                "message": error.to_string(),
                "line": error.position().map(|p| p.line),
                "column": error.position().map(|p| p.column),
                "path": error.json_path(),
            }],
        }),
    }
}

fn export(path: &Path, format: ExportFormat, output: &Path) -> i32 {
    let loaded = match formats::load_path(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            say(&format!("error: {error}"));
            return 1;
        }
    };
    let format = formats::ExportFormat::from(format);
    let contents = format.write(&loaded.dataset);
    for note in format.notes(&loaded.dataset) {
        let line = formats::escape_controls(&format!("note: {note}"));
        if output == Path::new("-") {
            eprintln!("{line}");
        } else {
            outln!("{line}");
        }
    }
    write_output(
        output,
        &contents,
        Some(path),
        &format!(
            "{} entities, {} relations",
            loaded.report.entity_count, loaded.report.relation_count
        ),
    )
}

fn verify_quotes(path: &Path, texts: &[String]) -> i32 {
    let loaded = match formats::load_path(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            say(&format!("error: {error}"));
            return 1;
        }
    };
    let mut all_found = true;
    for spec in texts {
        let Some((source_id, text_path)) = spec.split_once('=') else {
            say(&format!("error: --text {spec}: expected SOURCE_ID=PATH"));
            return 2;
        };
        let text = match source_text::read_source_text(Path::new(text_path)) {
            Ok(text) => text,
            Err(error) => {
                say(&format!("error: {text_path}: {error}"));
                return 1;
            }
        };
        let check = match verify::check_quotes(&loaded.dataset, source_id, text.text()) {
            Ok(check) => check,
            Err(error) => {
                say(&format!("error: {error}"));
                return 1;
            }
        };
        for missing in &check.missing {
            say(&format!(
                "not found: relation {} evidence[{}]: \"{}\"",
                missing.relation_id, missing.evidence_index, missing.quote
            ));
        }
        say(&format!(
            "{source_id}: {} of {} quotes found verbatim in {text_path}",
            check.checked - check.missing.len(),
            check.checked
        ));
        all_found &= check.missing.is_empty() && check.checked > 0;
        if check.checked == 0 {
            say(&format!(
                "error: no quote in the dataset is attributed to {source_id}"
            ));
        }
    }
    i32::from(!all_found)
}

/// Runs a benchmark and prints its figures.
/// A benchmark's rows: what was timed, a count (`counted`: what it counts) and milliseconds.
fn print_timings<'a>(
    (nodes, edges, counted): (usize, usize, &str),
    rows: impl Iterator<Item = (&'a str, usize, f64)>,
) {
    outln!("{nodes} nodes, {edges} edges:");
    for (what, count, ms) in rows {
        outln!("  {what:<26} {count:>8} {counted} {ms:>9.1} ms");
    }
}

fn bench(what: &BenchCommand) -> i32 {
    match what {
        BenchCommand::Layout {
            nodes,
            edges,
            theta,
            steps,
            linear,
            gravity,
            compare_fr,
            json,
        } => {
            let defaults = crate::layout::forceatlas2::Fa2Settings::default();
            let settings = crate::layout::forceatlas2::Fa2Settings {
                theta: *theta,
                lin_log: !*linear && defaults.lin_log,
                gravity: gravity.unwrap_or(defaults.gravity),
                ..defaults
            };
            let result = crate::bench::layout_with(&crate::bench::LayoutBenchParams {
                settings,
                steps: *steps,
                compare_fr: *compare_fr,
                ..crate::bench::LayoutBenchParams::new(*nodes, *edges)
            });
            print_layout_bench(&result, *json);
            0
        }
        BenchCommand::Clusters { nodes, edges, json } => {
            let result = crate::bench::clusters(*nodes, *edges);
            print_result(&result, *json, |result| {
                outln!(
                    "{} nodes, {} edges, {} planted communities: {} clusters ({} of two entities \
                     or more), completeness {:.3}, purity {:.3}, {:.0} ms",
                    result.nodes,
                    result.edges,
                    result.communities,
                    result.clusters,
                    result.clusters_of_two_or_more,
                    result.completeness,
                    result.purity,
                    result.ms
                );
            });
            0
        }
        BenchCommand::Search { nodes, edges, json } => {
            let result = crate::bench::search(*nodes, *edges);
            print_result(&result, *json, |result| {
                let rows = result.queries.iter();
                print_timings(
                    (result.nodes, result.edges, "hits"),
                    rows.map(|t| (t.query.as_str(), t.hits, t.ms)),
                );
            });
            0
        }
        BenchCommand::Lens { nodes, edges, json } => {
            let result = crate::bench::lens(*nodes, *edges);
            print_result(&result, *json, |result| {
                let rows = result.views.iter();
                print_timings(
                    (result.nodes, result.edges, "shown"),
                    rows.map(|t| (t.view.as_str(), t.shown_entities, t.ms)),
                );
            });
            0
        }
        BenchCommand::Frame {
            nodes,
            edges,
            layout_steps,
            frames,
            json,
        } => {
            let result = crate::bench::frame(*nodes, *edges, *layout_steps, *frames);
            print_result(&result, *json, |result| {
                outln!(
                    "{} nodes, {} edges: first frame {:.0} ms, frame {:.2} ms (median, layout paused; \
                     {:.2} ms CPU), {:.2} ms (median, layout running on its worker), peak memory {:.0} MiB",
                    result.nodes,
                    result.edges,
                    result.first_frame_ms,
                    result.frame_ms,
                    result.frame_cpu_ms,
                    result.layout_running_frame_ms,
                    result.peak_memory_mib
                );
            });
            0
        }
    }
}

/// Prints a benchmark's `result` as one JSON object, or with `text` for a reader.
fn print_result<T: serde::Serialize>(result: &T, json: bool, text: impl FnOnce(&T)) {
    if json {
        outln!("{}", serde_json::to_string(result).unwrap_or_default());
    } else {
        text(result);
    }
}

/// Prints what `bench layout` measured, as one JSON object or as sentences.
fn print_layout_bench(result: &crate::bench::LayoutBench, json: bool) {
    if json {
        outln!("{}", serde_json::to_string(&result).unwrap_or_default());
    } else if result.fr_skipped {
        outln!(
            "{} nodes, {} edges, theta {}: ForceAtlas2 {:.2} ms/step (median of {}); egui_graphs FR skipped above {} nodes (--compare-fr times it)",
            result.nodes,
            result.edges,
            result.theta,
            result.ours_ms,
            result.ours_steps,
            crate::bench::FR_COMPARISON_MAX_NODES
        );
    } else {
        outln!(
            "{} nodes, {} edges, theta {}: ForceAtlas2 {:.2} ms/step (median of {}), egui_graphs FR {:.2} ms/step (median of {}): {:.1}x faster",
            result.nodes,
            result.edges,
            result.theta,
            result.ours_ms,
            result.ours_steps,
            result.egui_graphs_fr_ms,
            result.fr_steps,
            result.ratio
        );
    }
    if !json {
        match result.untangled_s {
            Some(seconds) => outln!(
                "multilevel layout: communities untangled (coherence >= {}) after {seconds:.2} s; at its end ({:.2} s): coherence {:.2} (ceiling {:.2}; against medians {:.2}), separation {:.2}",
                crate::bench::UNTANGLED,
                result.multilevel_s,
                result.coherence,
                result.coherence_ceiling,
                result.coherence_median,
                result.separation
            ),
            None => outln!(
                "multilevel layout: communities not untangled; at its end ({:.2} s): coherence {:.2} (ceiling {:.2}; against medians {:.2}), separation {:.2}",
                result.multilevel_s,
                result.coherence,
                result.coherence_ceiling,
                result.coherence_median,
                result.separation
            ),
        }
        if let Some(seconds) = result.at_rest_s {
            outln!(
                "the app's layout at rest after {seconds:.2} s (multilevel start, annealing, overlap removal): coherence {:.2}, separation {:.2}",
                result.at_rest_coherence,
                result.at_rest_separation
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_formats_command_line_name_is_the_one_export_takes() {
        for format in formats::ExportFormat::ALL {
            let parsed = ExportFormat::from_str(format.cli_name(), false).unwrap();
            assert_eq!(formats::ExportFormat::from(parsed), format);
        }
    }
}
