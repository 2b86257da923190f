//! Settings outlive a run: what the user chose in one harness is there in the next, built
//! from the settings the first one would save.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chainsight::command::Command;
use chainsight::palette::Theme;
use chainsight::settings::Settings;
use chainsight::{ChainsightApp, StartupOptions};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness_with(settings: Settings) -> Harness<'static, ChainsightApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            ChainsightApp::with_settings(cc, StartupOptions::default(), settings)
        });
    harness.run_steps(3);
    harness
}

/// Runs frames until `file` is the open dataset (or ten seconds pass).
fn wait_for_origin(harness: &mut Harness<'_, ChainsightApp>, file: &PathBuf) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.state().session().origin.as_ref() != Some(file) && Instant::now() < deadline {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(2);
    assert_eq!(harness.state().session().origin.as_ref(), Some(file));
}

#[test]
fn theme_panel_recent_files_and_engine_survive_a_restart() {
    let harbour =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence/harbour.json");
    let mut first = harness_with(Settings::default());
    assert!(
        first
            .get_by_label("Recent ▾")
            .accesskit_node()
            .is_disabled(),
        "nothing opened yet"
    );
    first.state_mut().submit(Command::SetTheme(Theme::Light));
    first.state_mut().submit(Command::ShowSidePanel(false));
    first.state_mut().submit(Command::SetEngine(
        chainsight::layout::Engine::FruchtermanReingold,
    ));
    first.state_mut().submit(Command::OpenFile(harbour.clone()));
    wait_for_origin(&mut first, &harbour);
    let saved = first.state().settings();
    assert_eq!(saved.recent_files, vec![harbour.clone()]);
    assert_eq!(saved.last_dataset.as_ref(), Some(&harbour));

    let mut second = harness_with(saved);
    let state = second.state();
    assert_eq!(state.theme(), Theme::Light);
    assert_eq!(
        state.session().layout.engine(),
        chainsight::layout::Engine::FruchtermanReingold
    );
    assert_eq!(second.ctx.theme(), egui::Theme::Light, "light panels");
    // The side panel stays hidden: its search box is not there.
    assert!(second.query_by_label_contains("Search names").is_none());
    // The dataset open last is offered, not opened.
    assert!(
        second.state().session().origin.is_none(),
        "still the built-in dataset"
    );
    second.get_by_label("Open it again").click();
    wait_for_origin(&mut second, &harbour);
    second.get_by_label("Recent ▾").click();
    second.run_steps(2);
    assert!(
        second.query_all_by_label("harbour.json").count() >= 2,
        "the menu lists it"
    );
}
