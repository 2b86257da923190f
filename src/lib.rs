//! Chainsight: see who supplied whom in an investigative network, and the evidence behind
//! each link.
//!
//! Data flows one way: a file (or the built-in dataset) is read by [`formats`] into a
//! [`model::Dataset`] with a [`formats::LoadReport`]; [`app`] holds it in a session, lays it
//! out with [`layout`] and draws it with [`ui`]. UI code never changes the session directly:
//! it pushes [`command::Command`]s that the app carries out after drawing.
//!
//! The library can be used without the window, as the `chainsight` command line does:
//!
//! ```
//! use chainsight::{formats, verify};
//!
//! let loaded = formats::load_builtin().expect("the built-in dataset loads");
//! let dataset = &loaded.dataset;
//! let ibm = dataset.entity_by_name("IBM").expect("IBM is in the Safe City network");
//! let network = chainsight::model::Network::build(dataset);
//! assert!(!network.outgoing(ibm).is_empty());
//!
//! // Every quote can be checked against the text of its source.
//! let check = verify::check_quotes(dataset, "insurge-2020", "not the article").unwrap();
//! assert_eq!(check.missing.len(), check.checked);
//! ```

// Library code never unwraps (bad input must not panic); tests may, so the lint is set here
// rather than for every target in Cargo.toml.
#![warn(clippy::unwrap_used)]

/// `println!` for the command line's output: where its reader has gone (`chainsight check
/// FILE | head`), the process ends quietly, as a Unix tool stopped by SIGPIPE does, rather
/// than panicking (see [`cli::write_line`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_line(format_args!($($arg)*))
    };
}

pub mod app;
pub mod bench;
pub mod cli;
pub mod command;
pub mod export;
pub mod formats;
pub mod generate;
pub mod layout;
pub mod model;
pub mod palette;
pub mod path_command;
pub mod render_command;
pub mod scene;
pub mod session;
pub mod settings;
pub mod source_text;
pub mod ui;
pub mod verify;
pub mod view;
pub mod words;

pub use app::{ChainsightApp, StartupOptions};
