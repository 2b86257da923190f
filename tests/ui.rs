//! The window, driven as a user drives it (`egui_kittest`: no display, no GPU).
//! Graph nodes are painted shapes, not widgets, so graph state is asserted on the app;
//! panels, lists and buttons are found by their labels.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chainsight::app::FilePicker;
use chainsight::command::Command;
use chainsight::formats::ExportFormat;
use chainsight::model::RelationIdx;
use chainsight::view::{Emphasis, Selection, ViewCommand};
use chainsight::{ChainsightApp, StartupOptions};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[path = "common/harness.rs"]
mod harness;
use harness::{harness_with, wait_for_load};

#[path = "common/rest.rs"]
mod rest;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn harness() -> Harness<'static, ChainsightApp> {
    harness_with(StartupOptions::default())
}

/// The app on a file of `text` named `name`, once it has loaded; the folder lives as long
/// as the returned guard.
fn harness_on_file(name: &str, text: &str) -> (tempfile::TempDir, Harness<'static, ChainsightApp>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let mut harness = harness_with(StartupOptions { file: Some(file) });
    wait_for_load(&mut harness);
    (dir, harness)
}

fn select_from_list(harness: &mut Harness<'_, ChainsightApp>, name: &str) {
    harness.get_by_role(Role::TextInput).click();
    harness.run_steps(1);
    harness.get_by_role(Role::TextInput).type_text(name);
    harness.run_steps(2);
    harness.get_by_label(name).click();
    harness.run_steps(2);
}

#[test]
fn opens_on_the_safe_city_network() {
    let harness = harness();
    let session = harness.state().session();
    assert!(session.dataset.entities.len() >= 40);
    assert!(session.dataset.relations.len() >= 60);
    harness.get_by_label(&session.dataset.metadata.title);
    assert!(harness.state().error().is_none());
}

#[test]
fn selecting_huawei_shows_its_quotes() {
    let mut harness = harness();
    select_from_list(&mut harness, "Huawei");
    let state = harness.state();
    let huawei = state.session().dataset.entity_by_name("Huawei").unwrap();
    assert_eq!(state.view().selection, Selection::Entity(huawei));
    // The heading, and quotes (shown in curly quotation marks) from the article.
    assert!(harness.query_all_by_label("Huawei").count() >= 1);
    let quotes = harness.query_all_by_label_contains("“").count();
    assert!(quotes >= 5, "only {quotes} quotes shown for Huawei");
    assert!(harness.query_all_by_label_contains("Safe City").count() >= 1);
}

#[test]
fn clicking_ibm_shows_the_quotes_tying_it_to_huawei_and_karamay() {
    let mut harness = harness();
    select_from_list(&mut harness, "IBM");
    harness.get_by_label_contains("Huawei pays IBM annual consulting fees of over $100 million");
    // Relations are grouped by counterpart: the Karamay pilot's group is listed, and its
    // relation shows the quote.
    harness.get_by_label_contains("→ Karamay smart city pilot");
    let established = harness
        .state()
        .session()
        .dataset
        .relation_by_id("ibm-established-karamay-pilot")
        .expect("IBM established the Karamay pilot");
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(established)));
    harness.run_steps(2);
    harness.get_by_label_contains("it was IBM that went on to establish Karamay");
    // The quotes name their source (once for a run of quotes from the same one).
    assert!(
        harness
            .query_all_by_label_contains("Insurge Intelligence")
            .count()
            >= 1
    );
}

#[test]
fn the_neighbours_of_the_selection_are_highlighted() {
    let mut harness = harness();
    select_from_list(&mut harness, "IBM");
    let session = harness.state().session();
    let lens = harness.state().lens();
    let ibm = session.dataset.entity_by_name("IBM").unwrap();
    assert_eq!(lens.entity(ibm), Emphasis::Selected);
    for neighbour in session.network.neighbours(ibm) {
        assert_eq!(lens.entity(neighbour), Emphasis::Highlighted);
    }
    let faded = (0..session.dataset.entities.len())
        .filter(|&i| lens.entity(chainsight::model::EntityIdx(i)) == Emphasis::Faded)
        .count();
    assert!(faded > 0);
}

#[test]
fn selecting_a_link_shows_its_evidence() {
    let mut harness = harness();
    let relation = harness
        .state()
        .session()
        .dataset
        .relation_by_id("ibm-consulted-for-huawei");
    let relation = relation.unwrap_or(chainsight::model::RelationIdx(0));
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(relation)));
    harness.run_steps(2);
    let expected = harness
        .state()
        .session()
        .dataset
        .relation(relation)
        .unwrap()
        .evidence[0]
        .quote
        .clone();
    harness.get_by_label_contains(expected.trim());
}

#[test]
fn opening_an_invalid_file_shows_the_error_and_keeps_the_graph() {
    let mut harness = harness();
    let before = harness.state().session().dataset.clone();
    harness
        .state_mut()
        .submit(Command::OpenFile(fixture("invalid/trailing_comma.json")));
    wait_for_load(&mut harness);
    let error = harness
        .state()
        .error()
        .expect("an error is shown")
        .to_owned();
    assert!(
        error.contains("trailing_comma.json") && error.contains("line 6"),
        "{error}"
    );
    harness.get_by_label_contains("trailing_comma.json: line 6");
    assert_eq!(
        harness.state().session().dataset,
        before,
        "the open dataset stays open"
    );
    let still_open = format!(
        "Nothing was opened: {} is still open.",
        harness.state().session().report.file
    );
    assert!(still_open.contains("safe-city.json"), "{still_open}");
    harness.get_by_label(&still_open);
    harness.get_by_label("Dismiss").click();
    harness.run_steps(2);
    assert!(harness.state().error().is_none());
    assert!(harness.query_by_label(&still_open).is_none());
}

#[test]
fn opening_a_file_with_problems_loads_it_and_shows_the_report() {
    let mut harness = harness();
    harness
        .state_mut()
        .submit(Command::OpenFile(fixture("valid/warnings.json")));
    wait_for_load(&mut harness);
    assert_eq!(harness.state().session().dataset.entities.len(), 2);
    assert!(harness.state().is_report_open());
    harness.get_by_label("Load report");
    harness.get_by_label_contains("duplicate entity id");
    harness.get_by_label("at relations[1]");
}

#[test]
fn the_load_report_lists_its_warnings_before_how_the_file_was_read() {
    let mut harness = harness();
    harness
        .state_mut()
        .submit(Command::OpenFile(fixture("formats/graphml/supply.graphml")));
    wait_for_load(&mut harness);
    assert!(harness.state().is_report_open());
    let top = |label: &str| harness.get_by_label(label).rect().top();
    assert!(top("2 warnings") < top("How the file was read"));
}

#[test]
fn a_file_named_on_the_command_line_is_opened() {
    let mut harness = harness_with(StartupOptions {
        file: Some(fixture("valid/minimal.json")),
    });
    wait_for_load(&mut harness);
    assert_eq!(
        harness.state().session().dataset.metadata.title,
        "Minimal supply chain"
    );
    harness.get_by_label("Minimal supply chain");
}

struct FixedPicker(PathBuf);

impl FilePicker for FixedPicker {
    fn pick(&self) -> Option<PathBuf> {
        // A person takes a moment to pick; an instant answer means "no dialog available".
        std::thread::sleep(Duration::from_millis(450));
        Some(self.0.clone())
    }

    fn pick_save(&self, _format: ExportFormat, _suggested_name: &str) -> Option<PathBuf> {
        std::thread::sleep(Duration::from_millis(450));
        Some(self.0.clone())
    }
}

#[test]
fn ctrl_o_opens_the_picked_file() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| {
            ChainsightApp::new(cc, StartupOptions::default())
                .with_file_picker(Arc::new(FixedPicker(fixture("valid/minimal.json"))))
        });
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.state().session().dataset.metadata.title != "Minimal supply chain" {
        assert!(Instant::now() < deadline, "the picked file was not opened");
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
}

struct NoDialog;

impl FilePicker for NoDialog {
    fn pick(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, _format: ExportFormat, _suggested_name: &str) -> Option<PathBuf> {
        None
    }
}

/// Where the system has no file dialog (it answers at once), Chainsight's own opens in the
/// window, in the open file's folder, listing graph files; a file picked in it opens.
#[test]
fn without_a_system_file_dialog_chainsights_own_opens_and_picks() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    std::fs::write(&first, r#"{"nodes": [{"id": "a"}], "links": []}"#).unwrap();
    std::fs::write(
        &second,
        r#"{"nodes": [{"id": "b"}, {"id": "c"}], "links": []}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("photo.png"), "not a graph").unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            ChainsightApp::new(cc, StartupOptions { file: Some(first) })
                .with_file_picker(Arc::new(NoDialog))
        });
    wait_for_load(&mut harness);
    harness.get_by_label("Open…").click();
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.query_by_label("🗋 second.json").is_none() {
        assert!(
            Instant::now() < deadline,
            "Chainsight's own dialog did not open"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
    assert!(
        harness.state().error().is_none(),
        "{:?}",
        harness.state().error()
    );
    assert!(
        harness.query_by_label("🗋 photo.png").is_none(),
        "Open lists graph files, not photo.png"
    );
    harness.get_by_label("🗋 second.json").click();
    harness.run_steps(2);
    harness.get_by_label("🗀  Open").click();
    harness.run_steps(2);
    wait_for_load(&mut harness);
    assert_eq!(harness.state().session().dataset.entities.len(), 2);
}

#[test]
fn an_idle_converged_window_stops_repainting() {
    let mut harness = harness();
    // Let the layout converge (it runs within a per-frame budget).
    for _ in 0..500 {
        if harness.state().session().layout.phase() == chainsight::layout::LayoutPhase::Converged {
            break;
        }
        harness.run_steps(1);
    }
    assert_eq!(
        harness.state().session().layout.phase(),
        chainsight::layout::LayoutPhase::Converged
    );
    harness.remove_cursor();
    // `run` fails if the app keeps asking for frames.
    harness.run();
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(fixture("valid/minimal.json"))));
    wait_for_load(&mut harness);
    assert_eq!(
        harness.state().session().dataset.metadata.title,
        "Minimal supply chain"
    );
    assert_eq!(
        harness.state().session().origin.as_deref(),
        Some(fixture("valid/minimal.json").as_path())
    );
}

#[test]
fn a_networkx_file_opens_through_the_open_command_and_shows_its_report() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/json/networkx_multigraph.json");
    let mut harness = harness();
    harness.state_mut().submit(Command::OpenFile(path));
    wait_for_load(&mut harness);
    let session = harness.state().session();
    assert_eq!(session.dataset.metadata.title, "Safe City suppliers");
    assert_eq!(session.dataset.relations.len(), 4);
    // It has a missing node, so the report opens by itself, naming the format and the problem.
    assert!(harness.state().is_report_open());
    harness.get_by_label_contains("Read as: networkx node-link JSON");
    harness.get_by_label("at links[3].target");
    harness.get_by_label_contains("\"Ghost Corp\" names no node");
}

fn wait_until(
    harness: &mut Harness<'_, ChainsightApp>,
    what: &str,
    done: impl Fn(&ChainsightApp) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
}

#[test]
fn save_as_writes_the_chosen_format_where_the_user_chose() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("copy.gexf");
    let picked = target.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            ChainsightApp::new(cc, StartupOptions::default())
                .with_file_picker(Arc::new(FixedPicker(picked)))
        });
    harness.run_steps(2);
    harness.get_by_label("Save as…").click();
    harness.run_steps(2);
    harness.get_by_label("GEXF (Gephi)…").click();
    harness.run_steps(1);
    wait_until(&mut harness, "the save", |app| {
        app.notice().is_some() || app.error().is_some()
    });
    assert!(
        harness.state().error().is_none(),
        "{:?}",
        harness.state().error()
    );
    assert!(harness.state().notice().unwrap().contains("GEXF"));
    let saved = chainsight::formats::load_path(&target).unwrap();
    assert_eq!(saved.report.format.split_whitespace().next(), Some("GEXF"));
    assert_eq!(
        saved.dataset.entities.len(),
        harness.state().session().dataset.entities.len()
    );
    assert_eq!(
        saved.dataset.relations.len(),
        harness.state().session().dataset.relations.len()
    );
}

#[test]
fn a_load_can_be_cancelled_and_the_open_dataset_stays() {
    let mut harness = harness();
    let before = harness.state().session().dataset.metadata.title.clone();
    harness
        .state_mut()
        .submit(Command::OpenFile(fixture("valid/minimal.json")));
    harness.state_mut().submit(Command::CancelLoad);
    harness.run_steps(3);
    std::thread::sleep(Duration::from_millis(200));
    harness.run_steps(3);
    assert!(!harness.state().is_loading());
    assert_eq!(harness.state().session().dataset.metadata.title, before);
    assert!(harness.state().error().is_none());
}

#[test]
fn picking_an_entity_from_the_list_brings_it_to_the_centre_of_the_view() {
    let mut harness = harness();
    // At rest, so the entity stays where the view was brought.
    rest::wait_for_rest(&mut harness);
    select_from_list(&mut harness, "Pakistan");
    let state = harness.state();
    let pakistan = state.session().dataset.entity_by_name("Pakistan").unwrap();
    assert_eq!(state.view().selection, Selection::Entity(pakistan));
    let camera = &state.view().camera;
    assert!(!camera.follow, "the view stays where it was brought");
    // Centred on the entity as laid out when it was picked (the layout may have moved it a
    // little since).
    let distance = (camera.center - state.session().layout.position(pakistan)).length();
    let bounds = state.session().layout.bounds().unwrap();
    assert!(
        distance < bounds.width().max(bounds.height()) * 0.05,
        "{distance}"
    );
}

/// Answers every dialog with a file in `folder` named for what is asked.
struct ExportTo(PathBuf);

impl FilePicker for ExportTo {
    fn pick(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, _format: ExportFormat, _suggested_name: &str) -> Option<PathBuf> {
        None
    }

    fn pick_export(
        &self,
        _kind: chainsight::app::ExportKind,
        suggested_name: &str,
    ) -> Option<PathBuf> {
        std::thread::sleep(Duration::from_millis(450));
        Some(self.0.join(suggested_name))
    }
}

/// The app on the built-in dataset, every export dialog answered with a file in `folder`.
fn harness_exporting_to(folder: &std::path::Path) -> Harness<'static, ChainsightApp> {
    let folder = folder.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            ChainsightApp::new(cc, StartupOptions::default())
                .with_file_picker(Arc::new(ExportTo(folder)))
        })
}

#[test]
fn the_view_exports_as_svg_png_and_an_appendix_of_what_is_in_view() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_exporting_to(folder.path());
    harness.run_steps(3);
    // Only companies' relations in view: hide every other kind.
    let kinds: Vec<_> = harness
        .state()
        .session()
        .dataset
        .entities
        .iter()
        .map(|e| e.kind)
        .filter(|k| *k != chainsight::model::EntityKind::Company)
        .collect();
    for kind in kinds.into_iter().collect::<std::collections::BTreeSet<_>>() {
        harness.state_mut().submit(Command::View(
            chainsight::view::ViewCommand::ToggleEntityKind(kind),
        ));
    }
    harness.run_steps(2);
    let in_view = (0..harness.state().session().dataset.relations.len())
        .filter(|&r| {
            harness
                .state()
                .lens()
                .shows_relation(chainsight::model::RelationIdx(r))
        })
        .count();
    assert!(in_view > 0);
    for kind in chainsight::app::ExportKind::ALL {
        harness.state_mut().submit(Command::Export(kind));
        let deadline = Instant::now() + Duration::from_secs(20);
        harness.run_steps(1);
        while harness.state().is_busy() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            harness.run_steps(1);
        }
        harness.run_steps(1);
    }
    let stem = "safe-city";
    let svg = std::fs::read_to_string(folder.path().join(format!("{stem}.svg"))).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert!(svg.contains("Huawei"), "a visible label");
    // The 2× picture has a name of its own (it used to overwrite the 1× one), and twice the
    // pixels.
    let png_width = |name: String| {
        let png = std::fs::read(folder.path().join(name)).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        u32::from_be_bytes([png[16], png[17], png[18], png[19]])
    };
    let width = png_width(format!("{stem}.png"));
    assert!(width >= 500, "the graph's width in pixels: {width}");
    assert_eq!(png_width(format!("{stem}@2x.png")), 2 * width);
    let csv = std::fs::read_to_string(folder.path().join(format!("{stem}-evidence.csv"))).unwrap();
    let markdown =
        std::fs::read_to_string(folder.path().join(format!("{stem}-evidence.md"))).unwrap();
    assert!(!csv.is_empty() && !markdown.is_empty());
    // Every relation in view, and no other, is in the appendix (one section each).
    let sections = markdown.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(sections, in_view, "{markdown}");
}

/// Playing a story, the panel shows the evidence of the step's lit relations, not the
/// dataset's overview; the list of every step waits behind "All 8 steps".
#[test]
fn a_story_step_shows_its_evidence_in_the_panel() {
    let mut harness = harness();
    harness.run_steps(3);
    harness.state_mut().submit(Command::PlayStory(Some(0)));
    harness.run_steps(3);
    harness.get_by_label("This step's evidence");
    let state = harness.state();
    let dataset = &state.session().dataset;
    let step = &dataset.stories[0].steps[0];
    let quote = dataset.relations[step.relations[0].0].evidence[0]
        .quote
        .trim();
    let start: String = quote.chars().take(30).collect();
    harness.get_by_label_contains(&start);
    let steps = dataset.stories[0].steps.len();
    assert!(
        harness
            .query_by_label(&format!("2. {}", dataset.stories[0].steps[1].title))
            .is_none(),
        "the other steps are listed on demand"
    );
    harness.get_by_label(&format!("All {steps} steps")).click();
    harness.run_steps(2);
    let second = format!(
        "2. {}",
        harness.state().session().dataset.stories[0].steps[1].title
    );
    harness.get_by_label(&second);
}

/// The story's "…" menu exports it as a web page, named for the story, with a section per
/// step.
#[test]
fn a_story_exports_as_a_web_page_from_its_menu() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_exporting_to(folder.path());
    harness.run_steps(3);
    harness.get_by_label("…").click();
    harness.run_steps(2);
    harness.get_by_label("Export as a web page…").click();
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = folder
        .path()
        .join("how-the-west-built-huawei-s-safe-city.html");
    harness.run_steps(1);
    while (harness.state().is_busy() || !page.exists()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let text = std::fs::read_to_string(&page).unwrap();
    let steps = harness.state().session().dataset.stories[0].steps.len();
    assert_eq!(text.matches("<section class=\"step\"").count(), steps);
    assert!(harness.state().error().is_none());
}

#[test]
fn a_gexf_file_s_own_node_colours_and_sizes_are_drawn_until_another_colouring_is_chosen() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("coloured.gexf");
    std::fs::write(
        &file,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed">
    <nodes>
      <node id="a" label="Red"><viz:color r="255" g="0" b="0"/><viz:size value="10"/></node>
      <node id="b" label="Blue"><viz:color hex="#0000ff"/><viz:size value="40"/></node>
      <node id="c" label="Plain"/>
    </nodes>
    <edges><edge id="e" source="a" target="b"/></edges>
  </graph>
</gexf>"##,
    )
    .unwrap();
    let mut harness = harness_with(StartupOptions {
        file: Some(file.clone()),
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.state().session().origin.as_ref() != Some(&file) {
        assert!(Instant::now() < deadline, "the file did not open");
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let state = harness.state();
    assert_eq!(state.view().colour_by, chainsight::view::ColourBy::File);
    assert_eq!(state.view().size_by_attribute.as_deref(), Some("size"));
    let colouring =
        chainsight::scene::colouring::Colouring::new(state.session(), &state.view().colour_by);
    let by_name = |name: &str| state.session().dataset.entity_by_name(name).unwrap();
    assert_eq!(
        colouring.colour(by_name("Red")),
        egui::Color32::from_rgb(255, 0, 0)
    );
    assert_eq!(
        colouring.colour(by_name("Blue")),
        egui::Color32::from_rgb(0, 0, 255)
    );
    // The legend says where the colours come from and lists each, rather than staying
    // empty or showing one swatch for all.
    let legend: Vec<&str> = colouring.legend.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(legend, ["the file's colours: #0000ff (1)", "#ff0000 (1)"]);
    // The user's choice wins.
    harness
        .state_mut()
        .submit(Command::View(chainsight::view::ViewCommand::ColourBy(
            chainsight::view::ColourBy::Kind,
        )));
    harness.run_steps(1);
    assert_eq!(
        harness.state().view().colour_by,
        chainsight::view::ColourBy::Kind
    );
}

/// A relation the file gives no direction is listed as such in the entity's panel, with no
/// arrow head, and its own label between the ends (not "related to").
#[test]
fn an_undirected_relation_is_listed_without_a_direction() {
    let (_dir, mut harness) = harness_on_file(
        "partners.json",
        r#"{"directed": false, "nodes": [{"id": "a", "label": "Acme"}, {"id": "b", "label": "Beta"}],
            "links": [{"source": "a", "target": "b", "label": "co-defendant"}]}"#,
    );
    // Nothing for the flow arrangement to lay out: it is not offered.
    assert!(
        harness
            .get_by_label("Flow →")
            .accesskit_node()
            .is_disabled()
    );
    for name in ["Acme", "Beta"] {
        let entity = harness
            .state()
            .session()
            .dataset
            .entity_by_name(name)
            .unwrap();
        harness
            .state_mut()
            .submit(Command::Select(Selection::Entity(entity)));
        harness.run_steps(3);
        harness.get_by_label("Without direction (1)");
        harness.get_by_label_contains("1 relation (0 in, 0 out, 1 without direction)");
        assert!(
            harness.query_by_label_contains("Outgoing").is_none(),
            "{name}"
        );
        assert!(
            harness.query_by_label_contains("Incoming").is_none(),
            "{name}"
        );
        // The card between the two names, and the group's header.
        harness.get_by_label("— co-defendant —");
        harness.get_by_label_contains("· co-defendant");
    }
}

/// The toolbar names the open file by its name, not its whole path, and the name stays
/// inside the window at 1280 points (the whole path is its hover text).
#[test]
fn the_toolbar_names_the_open_file_within_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir
        .path()
        .join("an-investigation-folder-with-a-very-long-name-indeed/and-another-one-inside");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("suppliers-of-the-harbour-city-surveillance-programme.json");
    std::fs::write(
        &file,
        r#"{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}"#,
    )
    .unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_eframe(move |cc| ChainsightApp::new(cc, StartupOptions { file: Some(file) }));
    wait_for_load(&mut harness);
    assert!(
        harness
            .query_by_label_contains("an-investigation-folder")
            .is_none(),
        "the folder is not in the toolbar"
    );
    // The name is also the side panel's title; the toolbar's is the topmost.
    let name = harness
        .query_all_by_label_contains("suppliers-of-the-harbour-city")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    assert!(name.rect().top() < 30.0, "{:?}", name.rect());
    assert!(
        name.rect().right() <= 1280.0,
        "the name ends at {}",
        name.rect().right()
    );
}

/// A file's own relation kinds (types no vocabulary knows, shared by several relations) are
/// filters of their own, inside "other kinds"; a one-off description is not offered.
#[test]
fn the_files_own_relation_kinds_can_each_be_hidden() {
    let (_dir, mut harness) = harness_on_file(
        "boards.json",
        r#"{"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
            "links": [{"source": "a", "target": "b", "type": "owns"},
                      {"source": "a", "target": "c", "type": "owns"},
                      {"source": "b", "target": "c", "type": "board member of"},
                      {"source": "b", "target": "d", "type": "board member of"},
                      {"source": "c", "target": "d", "type": "chaired the audit of"}]}"#,
    );
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("chaired the audit of (1)").is_none());
    harness.get_by_label("owns (2)").click();
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    for (i, relation) in dataset.relations.iter().enumerate() {
        let shown = state
            .lens()
            .shows_relation(chainsight::model::RelationIdx(i));
        assert_eq!(shown, relation.phrase() != "owns", "{}", relation.phrase());
    }
    harness.get_by_label_contains("2 relations by relation kind");
    // Hiding "other kinds" hides them all, and leaves the file's kinds nothing to choose.
    harness.get_by_label("other kinds (5)").click();
    harness.run_steps(3);
    assert!(
        harness
            .get_by_label("board member of (2)")
            .accesskit_node()
            .is_disabled()
    );
    assert!((0..5).all(|i| {
        !harness
            .state()
            .lens()
            .shows_relation(chainsight::model::RelationIdx(i))
    }));
}

/// A long name among the search results wraps instead of widening the side panel.
#[test]
fn search_results_keep_the_side_panel_as_wide_as_it_was() {
    let (_dir, mut harness) = harness_on_file(
        "long.json",
        r#"{"nodes": [{"id": "a", "label": "Consolidated Municipal Surveillance Procurement and Integration Programme of the Northern Provinces"},
                      {"id": "b", "label": "Programme office"}],
            "links": [{"source": "a", "target": "b"}]}"#,
    );
    let width = |harness: &Harness<'_, ChainsightApp>| {
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .rect()
            .width()
    };
    let before = width(&harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Programme");
    harness.run_steps(4);
    harness.get_by_label_contains("2 entities");
    let after = width(&harness);
    // The panel opens 440 points wide.
    assert!(
        before < 440.0,
        "the entity list widened the panel: {before}"
    );
    assert!((after - before).abs() < 1.0, "{before} → {after}");
}

/// A network with no evidence at all (a generated one) opens without its one warning in a
/// window over the graph; one relation without evidence among quoted ones is worth showing.
#[test]
fn a_network_with_no_evidence_at_all_opens_without_the_report_over_it() {
    let network = |second_evidence: &str| {
        format!(
            r#"{{"format": "chainsight", "version": 1, "metadata": {{"title": "t"}},
                "sources": [{{"id": "s", "kind": "article", "title": "S"}}],
                "entities": [{{"id": "a", "name": "A", "kind": "company"}},
                             {{"id": "b", "name": "B", "kind": "company"}},
                             {{"id": "c", "name": "C", "kind": "company"}}],
                "relations": [{{"id": "r1", "source": "a", "target": "b", "kind": "supplied",
                                "evidence": []}},
                              {{"id": "r2", "source": "b", "target": "c", "kind": "supplied",
                                "evidence": [{second_evidence}]}}]}}"#
        )
    };
    let (_dir, harness) = harness_on_file("plain.json", &network(""));
    assert_eq!(harness.state().session().report.warning_count(), 1);
    assert!(!harness.state().is_report_open());
    let quoted = r#"{"quote": "B supplied C.", "source": "s"}"#;
    let (_dir, harness) = harness_on_file("half.json", &network(quoted));
    assert_eq!(harness.state().session().report.warning_count(), 1);
    assert!(harness.state().is_report_open());
}

/// Open, the filters take the panel's room from the dataset's description, not from the list
/// of entities: that list is what shows the filters' effect (at 720p it was out of sight
/// under the description).
#[test]
fn open_filters_fold_the_description_and_keep_the_entity_list_in_sight() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_eframe(|cc| ChainsightApp::new(cc, StartupOptions::default()));
    harness.run_steps(3);
    let description = "Supply chain of China";
    let first_entity = {
        let session = harness.state().session();
        let first = session.index.entities_by_name[0];
        session.dataset.entity(first).unwrap().name.clone()
    };
    harness.get_by_label_contains(description);
    harness.get_by_label_contains("Click a node or a link");
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(3);
    assert!(harness.query_by_label_contains(description).is_none());
    assert!(
        harness
            .query_by_label_contains("Click a node or a link")
            .is_none()
    );
    // The title stays, on one line, and the list begins below it.
    harness.get_by_label_contains("Who built Huawei");
    harness.get_by_label(&first_entity);
    // Closed again, the description is back.
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(3);
    harness.get_by_label_contains(description);
}

/// A focus chosen in the panel begins as the + key begins one: the rest hidden (faded, it had
/// looked much like a plain selection).
#[test]
fn a_focus_chosen_in_the_panel_hides_the_rest() {
    let mut harness = harness();
    let ibm = harness
        .state()
        .session()
        .dataset
        .entity_by_name("IBM")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(ibm)));
    harness.run_steps(2);
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(2);
    harness.get_by_label("Focus").click();
    harness.run_steps(2);
    harness.get_by_value("off").click();
    harness.run_steps(2);
    harness.get_by_label("1 hop").click();
    harness.run_steps(3);
    let focus = harness.state().view().focus.expect("a focus");
    assert_eq!(focus.hops, 1);
    assert_eq!(focus.outside, chainsight::view::OutsideFocus::Hide);
    assert!(harness.state().lens().hidden_entities > 0);
}

/// A filter with one value to choose offers only to hide everything: a plain edge list (every
/// entity "Other", every relation "reported", one kind) lists no kind or status boxes.
#[test]
fn filters_with_a_single_value_are_left_out() {
    let (_dir, mut harness) = harness_on_file(
        "plain.json",
        r#"{"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
            "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}]}"#,
    );
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Entity kinds").is_none());
    assert!(harness.query_by_label("Relation kinds").is_none());
    assert!(harness.query_by_label("Status").is_none());
    // Their tabs are not offered; the filters open on the time window.
    assert!(harness.query_by_label("Kinds").is_none());
    assert!(harness.query_by_label("Evidence").is_none());
    harness.get_by_label("No relation carries a date.");
    // The focus controls are still there.
    harness.get_by_label("Focus").click();
    harness.run_steps(2);
    harness.get_by_label("Focus on the selection:");
}

/// A file's attributes are offered as filters, but not its drawing (colour, size,
/// position) nor an attribute with one value every entity shares.
#[test]
fn attribute_filters_offer_what_the_file_says_not_how_it_drew_it() {
    let (_dir, mut harness) = harness_on_file(
        "drawn.json",
        r##"{"nodes": [
              {"id": "a", "sector": "bank", "color": "#ff0000", "size": 4, "tier": "1", "listed": "yes"},
              {"id": "b", "sector": "police", "color": "#00ff00", "size": 9, "tier": "1"},
              {"id": "c", "sector": "bank", "color": "#0000ff", "size": 2, "tier": "1"}],
            "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}]}"##,
    );
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Attribute “sector” (2 values)");
    harness.get_by_label_contains("Attribute “listed” (1 value)");
    for left_out in ["“color”", "“size”", "“tier”"] {
        assert!(
            harness.query_by_label_contains(left_out).is_none(),
            "{left_out} is offered"
        );
    }
}

/// A network dated within one year moves its time window by months: the slider names
/// months, a window of spring hides what happened in summer, and play adds a month at a time.
#[test]
fn a_network_dated_within_a_year_is_windowed_and_played_by_months() {
    let (_dir, mut harness) = harness_on_file(
        "2023.json",
        r#"{"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
            "links": [{"source": "a", "target": "b", "date": "2023-01-10"},
                      {"source": "b", "target": "c", "date": "2023-04"},
                      {"source": "c", "target": "d", "date": "2023-07-02"}]}"#,
    );
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(2);
    harness.get_by_label("Time").click();
    harness.run_steps(2);
    harness
        .get_by_label("Only a span of months (2023-01–2023-07)")
        .click();
    harness.run_steps(2);
    let range = harness.state().lens().time_range.expect("dated");
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::SetTime(Some(
            range.window(2, 4, true),
        ))));
    harness.run_steps(3);
    let shown: Vec<bool> = (0..3)
        .map(|i| harness.state().lens().shows_relation(RelationIdx(i)))
        .collect();
    assert_eq!(shown, [false, true, false]);
    harness.get_by_label_contains("2 relations by the time window");
    // The sliders show the window's months.
    harness.get_by_value("2023-03");
    harness.get_by_value("2023-05");
    // Play shows from the first month on, one month more than the window.
    harness.state_mut().submit(Command::PlayTime(true));
    harness.run_steps(2);
    let window = harness.state().view().time.expect("a window");
    assert_eq!(
        (window.from, window.to),
        (range.start_of(0), range.start_of(5).last_of_month())
    );
    harness.state_mut().submit(Command::PlayTime(false));
    harness.run_steps(1);
}

/// Entities whose file gives a latitude and longitude can be placed on a map from the
/// Layout menu: pinned north up and west left, the rest left to the forces; the load report
/// says so, and undo frees them.
#[test]
fn entities_with_latitude_and_longitude_are_placed_on_a_map() {
    let (_dir, mut harness) = harness_on_file(
        "cities.json",
        r#"{"nodes": [{"id": "urumqi", "lat": 43.8, "lng": 87.6},
                      {"id": "belgrade", "lat": 44.8, "lng": 20.5},
                      {"id": "karachi", "lat": 24.9, "lng": 67.0},
                      {"id": "huawei"}],
            "links": [{"source": "huawei", "target": "urumqi"},
                      {"source": "huawei", "target": "belgrade"},
                      {"source": "huawei", "target": "karachi"}]}"#,
    );
    assert!(
        harness
            .state()
            .session()
            .report
            .notes
            .iter()
            .any(|n| n.starts_with("3 entities give a latitude and longitude")),
        "{:?}",
        harness.state().session().report.notes
    );
    harness.get_by_label("Layout ▾").click();
    harness.run_steps(2);
    harness.get_by_label("Place on a map").click();
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let layout = &state.session().layout;
    layout.sync();
    let at = |id: &str| layout.position(dataset.entity_by_id(id).unwrap());
    let pinned = |id: &str| layout.is_pinned(dataset.entity_by_id(id).unwrap());
    assert!(at("belgrade").x < at("karachi").x && at("karachi").x < at("urumqi").x);
    assert!(at("belgrade").y < at("karachi").y, "north is up");
    assert!(pinned("urumqi") && pinned("karachi") && !pinned("huawei"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    assert!(
        !state
            .session()
            .layout
            .is_pinned(dataset.entity_by_id("urumqi").unwrap())
    );
}

/// F5 on a file without a story still says, on the slide, how to leave.
#[test]
fn presenting_a_file_without_a_story_says_how_to_leave() {
    let (_dir, mut harness) = harness_on_file(
        "plain.json",
        r#"{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}"#,
    );
    assert!(harness.state().caption().is_none());
    harness.key_press(egui::Key::F5);
    harness.run_steps(3);
    assert!(harness.state().is_presenting());
    let caption = harness.state().caption().expect("a caption on the slide");
    assert!(caption.text.contains("Esc leaves"), "{}", caption.text);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().caption().is_none());
}

/// At 1280×720, with the stories and the filters open, each part of the filters shows whole,
/// above the dataset's overview: Status, the years and the focus had sat below the fold of
/// the filters' own scroll box. A tab marks the part that hides something.
#[test]
fn every_filter_control_is_in_sight_at_720p() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_eframe(|cc| ChainsightApp::new(cc, StartupOptions::default()));
    harness.run_steps(3);
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(3);
    for (tab, last_control) in [
        ("Kinds", "other kinds ("),
        ("Evidence", "At least"),
        ("Time", "Only a span of years"),
        ("Focus", "Focus on the selection:"),
        ("Display", "Node colour shows"),
    ] {
        harness.get_by_label(tab).click();
        harness.run_steps(3);
        let control = harness.get_by_label_contains(last_control).rect();
        let overview = harness.get_by_label_contains("Who built Huawei").rect();
        assert!(
            control.bottom() <= overview.top(),
            "{tab}: “{last_control}” at {control:?} is below the overview at {overview:?}"
        );
    }
    harness.get_by_label("Evidence").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Reported (").click();
    harness.run_steps(3);
    harness.get_by_label("Evidence •");
    harness.get_by_label("Kinds");
    harness.get_by_label("Filters, time and focus (on)");
    // A window over every date hides nothing, nor does a focus with nothing selected: their
    // tabs are not marked.
    harness.get_by_label("Time").click();
    harness.run_steps(3);
    harness
        .get_by_label_contains("Only a span of years")
        .click();
    harness.run_steps(3);
    assert!(harness.state().view().time.is_some());
    harness.get_by_label("Time");
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::SetFocus(Some(
            chainsight::view::Focus {
                hops: 1,
                direction: chainsight::view::Direction::Both,
                outside: chainsight::view::OutsideFocus::Fade,
            },
        ))));
    harness.run_steps(3);
    harness.get_by_label("Focus");
}

/// A node the file placed says so, and offers to let it move; one dragged offers to unpin
/// it; one Flow placed says that turning Flow off puts it back. Each had offered "Unpin from its
/// place", and a user who had only clicked wondered what they had done.
#[test]
fn the_panel_says_what_holds_a_pinned_node_in_place() {
    let (_dir, mut harness) = harness_on_file(
        "placed.json",
        r#"{"nodes": [{"id": "a", "x": 0, "y": 0}, {"id": "b", "x": 100, "y": 40},
                      {"id": "c", "x": 30, "y": 90}],
            "links": [{"source": "a", "target": "b", "type": "supplied"},
                      {"source": "b", "target": "c", "type": "supplied"}]}"#,
    );
    let a = harness.state().session().dataset.entity_by_id("a").unwrap();
    assert!(harness.state().session().layout.is_pinned(a));
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(a)));
    harness.run_steps(3);
    assert!(harness.query_by_label("Unpin from its place").is_none());
    harness
        .get_by_label("Placed by the file · let it move")
        .click();
    harness.run_steps(3);
    assert!(!harness.state().session().layout.is_pinned(a));
    assert!(
        harness
            .query_by_label("Placed by the file · let it move")
            .is_none()
    );
    // Dragged, it is the user's pin.
    let b = harness.state().session().dataset.entity_by_id("b").unwrap();
    harness.state_mut().submit(Command::DragNode {
        entity: b,
        to: egui::pos2(500.0, 500.0),
    });
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(b)));
    harness.run_steps(3);
    harness.state().session().layout.sync();
    harness.run_steps(2);
    harness.get_by_label("Unpin from its place");
    // Flow holds the chain.
    harness.state_mut().submit(Command::ArrangeFlow(true));
    harness.run_steps(3);
    harness.get_by_label("Placed by Flow; turning Flow off puts it back where it was.");
    assert!(harness.query_by_label("Unpin from its place").is_none());
}

/// The load report says everything was used only when no note says something was not.
#[test]
fn the_load_report_does_not_claim_everything_was_used_beside_its_notes() {
    // A node without an id is kept, with a note, and no warning.
    let (_dir, mut harness) = harness_on_file(
        "unnamed.gml",
        "graph [\n  node [ id 1 label \"A\" ]\n  node [ label \"B\" ]\n]\n",
    );
    assert!(!harness.state().session().report.notes.is_empty());
    harness.get_by_label("Load report").click();
    harness.run_steps(3);
    harness.get_by_label_contains("No warnings");
    assert!(
        harness
            .query_by_label_contains("Everything in the file was used")
            .is_none()
    );
}

/// Esc closes the load report first and does nothing else; the report opens at the top
/// right of the graph, whatever the file, so its close button stays in one place.
#[test]
fn esc_closes_the_load_report_first() {
    let (_dir, mut harness) = harness_on_file(
        "unnamed.gml",
        "graph [\n  node [ id 1 label \"A\" ]\n  node [ label \"B\" ]\n]\n",
    );
    let a = harness
        .state()
        .session()
        .dataset
        .entity_by_name("A")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(a)));
    harness.get_by_label("Load report").click();
    harness.run_steps(3);
    assert!(harness.state().is_report_open());
    let window = harness.get_by_label_contains("No warnings").rect();
    let screen = harness.ctx.content_rect();
    assert!(
        window.left() > screen.left() + 250.0 && window.top() < screen.top() + 140.0,
        "at the top right: {window:?} in {screen:?}"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_report_open());
    assert_eq!(
        harness.state().view().selection,
        Selection::Entity(a),
        "the selection stays"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Nothing);
}

/// A file saved with a view opens in it: the selection, the search in its box, what is
/// hidden, the years, the focus, the sizes and colours, where the camera was; and Save as…
/// keeps the view worked in, as it is then.
#[test]
fn a_file_opens_in_the_view_it_was_saved_in() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/saved_view.json"),
    )
    .unwrap();
    let (_dir, mut harness) = harness_on_file("saved.json", &text);
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let beta = dataset.entity_by_id("b").unwrap();
    let view = state.view();
    assert_eq!(view.selection, Selection::Entity(beta));
    assert_eq!(view.search, "police");
    assert!(!view.filters.hidden_statuses.is_empty());
    assert!(view.time.is_some_and(|w| !w.show_undated));
    assert_eq!(view.focus.map(|f| f.hops), Some(2));
    assert_eq!(view.size_by_attribute.as_deref(), Some("employees"));
    // Where it was: the zoom saved (less, where the panel's first frames narrowed the graph's
    // area and the camera zoomed out to keep what it showed).
    assert!(!view.camera.follow);
    assert!(
        (0.75..=1.5 + 1e-6).contains(&view.camera.zoom),
        "{}",
        view.camera.zoom
    );
    // The search box says what is searched.
    assert_eq!(
        harness.get_by_role(Role::TextInput).value().as_deref(),
        Some("police")
    );
    // Saved again, the view as it is now: nothing selected, and so no focus.
    harness
        .state_mut()
        .submit(Command::Select(Selection::Nothing));
    harness.run_steps(2);
    let saved = harness
        .state()
        .dataset_to_save()
        .view
        .expect("a view to keep");
    assert_eq!(
        saved.selected,
        chainsight::model::saved_view::SavedSelection::Nothing
    );
    assert_eq!(saved.step.focus, None);
    assert_eq!(saved.search, "police");
}

/// The report leads with a line saying whether anything was not read or not drawn, and
/// lists those notes apart from how the rest was read.
#[test]
fn the_load_report_leads_with_what_was_left_out() {
    let (_dir, mut harness) = harness_on_file(
        "arrows.gv",
        "digraph { rankdir=LR; a [label=\"IBM\"]; a -> b [arrowhead=odot] }\n",
    );
    let report = &harness.state().session().report;
    assert_eq!(report.warning_count(), 0);
    let set_aside: Vec<String> = report.set_aside().map(str::to_owned).collect();
    assert_eq!(set_aside.len(), 2, "{:?}", report.notes);
    assert!(report.how_read().count() < report.notes.len());
    harness.get_by_label("Load report").click();
    harness.run_steps(3);
    harness.get_by_label("No warnings. Some of the file was not read or not drawn: 2 notes below.");
    harness.get_by_label("Not read or not drawn");
    for note in &set_aside {
        harness.get_by_label(&format!("• {note}"));
    }
}

/// Opening the filters changes nothing, so it leaves nothing to undo.
#[test]
fn opening_the_filters_leaves_nothing_to_undo() {
    let mut harness = harness();
    assert!(!harness.state().history().can_undo());
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(5);
    assert!(
        !harness.state().history().can_undo(),
        "an undo step was recorded: {:?}",
        harness.state().view().filters
    );
}

/// A file just opened has nothing to undo: Undo stays greyed until the user does something.
#[test]
fn a_file_just_opened_has_nothing_to_undo() {
    let (_dir, mut harness) = harness_on_file(
        "pair.json",
        r#"{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}"#,
    );
    harness.run_steps(20);
    let history = harness.state().history();
    assert!(!history.can_undo(), "{history:?}");
}

/// The table's rows are lit and dimmed as the graph is, and a line says so while some listed
/// row is dimmed; with nothing lit, no line.
#[test]
fn the_table_says_what_its_dimmed_rows_are() {
    let mut harness = harness();
    harness.state_mut().submit(Command::ShowTable(true));
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("dimmed").is_none());
    let huawei = harness
        .state()
        .session()
        .dataset
        .entity_by_name("Huawei")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(huawei)));
    harness.run_steps(3);
    harness.get_by_label("Bold: what is lit round Huawei; dimmed: the rest, faded on the graph.");
}

/// Presenting with the panel open, the evidence shown is the audience's: it can be copied,
/// but attaching a source text (the analyst's work) is not offered, as it is otherwise.
#[test]
fn presenting_the_evidence_offers_no_attaching() {
    let mut harness = harness();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(RelationIdx(0))));
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label("Attach source text…")
            .next()
            .is_some()
    );
    harness.key_press(egui::Key::F5);
    harness.run_steps(2);
    harness.state_mut().submit(Command::ShowSidePanel(true));
    harness.run_steps(3);
    assert!(harness.state().is_presenting());
    assert!(
        harness
            .query_all_by_label("Copy with source")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label("Attach source text…")
            .next()
            .is_none()
    );
}
