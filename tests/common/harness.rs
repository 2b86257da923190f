//! Driving the app in the window tests: waiting for what runs on another thread.

// Each test binary includes this file on its own and uses only some of it.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use chainsight::{ChainsightApp, StartupOptions};
use egui_kittest::Harness;

/// The app as a user starts it with `startup`, in a 1280×800 window, three frames in.
pub fn harness_with(startup: StartupOptions) -> Harness<'static, ChainsightApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| ChainsightApp::new(cc, startup));
    harness.run_steps(3);
    harness
}

/// Steps the app until `done` holds (a background load finished, a save written), then two
/// more frames for what it brings; panics after ten seconds.
pub fn wait(harness: &mut Harness<'_, ChainsightApp>, done: impl Fn(&ChainsightApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    harness.run_steps(1);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out");
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

/// Steps the app until a background load has finished (loads run on another thread).
pub fn wait_for_load(harness: &mut Harness<'_, ChainsightApp>) {
    wait(harness, |app| !app.is_loading());
}
