//! CSV edge lists (being written).

use super::{LoadError, Loaded};

/// A node table found beside an edge list: its name (for messages) and its text.
pub struct NodeFile {
    pub file: String,
    pub text: String,
}

/// Reads a CSV edge list, with an optional node table.
pub fn read(file: &str, _text: &str, _nodes: Option<NodeFile>) -> Result<Loaded, LoadError> {
    Err(LoadError::UnknownFormat {
        file: file.to_owned(),
        message: "CSV files cannot be read yet".to_owned(),
    })
}
