//! The `chainsight` binary: parses the command line, then either runs a headless subcommand
//! or opens the window.

use clap::Parser;

use chainsight::cli::{self, Cli};
use chainsight::{ChainsightApp, StartupOptions};

fn main() -> std::process::ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Cli::parse();
    if let Some(command) = &args.command {
        return exit_code(cli::run(command));
    }

    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Chainsight")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let startup = StartupOptions { file: args.file };
    match eframe::run_native(
        "Chainsight",
        options,
        Box::new(|cc| Ok(Box::new(ChainsightApp::new(cc, startup)))),
    ) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            log::error!("could not open the window: {error}");
            eprintln!(
                "chainsight: could not open the window: {error}\n\
                 (the headless commands “chainsight check”, “export” and “verify” need no display)"
            );
            std::process::ExitCode::FAILURE
        }
    }
}

fn exit_code(code: i32) -> std::process::ExitCode {
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
