//! Running the `chainsight` binary as a user runs it, for the command-line tests.

use std::process::{Command, Output};

/// The built-in dataset's file.
pub fn builtin() -> String {
    format!(
        "{}/assets/datasets/safe-city.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `chainsight ARGS`, which must not panic.
pub fn chainsight(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_chainsight"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    output
}
