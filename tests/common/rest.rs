//! Waiting for the layout, for the tests that drive the window: it runs on its own thread,
//! so how many frames it takes to come to rest varies with the machine's load.

use chainsight::ChainsightApp;
use egui_kittest::Harness;

/// Steps the app until its layout has come to rest, then draws that.
pub fn wait_for_rest(harness: &mut Harness<'_, ChainsightApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
    harness.run_steps(1);
    while harness.state().session().layout.phase() == chainsight::layout::LayoutPhase::Running {
        assert!(
            std::time::Instant::now() < deadline,
            "the layout came to rest"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.run_steps(1);
    }
    harness.run_steps(2);
}
