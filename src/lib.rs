//! Chainsight: see who supplied whom in an investigative network, and the evidence behind
//! each link.
//!
//! Data flows one way: a file (or the built-in dataset) is read by [`formats`] into a
//! [`model::Dataset`] with a [`formats::LoadReport`]; [`app`] holds it in a session, lays it
//! out with [`layout`] and draws it with [`ui`]. UI code never changes the session directly:
//! it pushes [`command::Command`]s that the app carries out after drawing.

pub mod app;
pub mod cli;
pub mod command;
pub mod formats;
pub mod layout;
pub mod model;
pub mod session;
pub mod ui;
pub mod verify;

pub use app::{ChainsightApp, StartupOptions};
