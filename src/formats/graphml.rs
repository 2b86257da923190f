//! graphml import and export (being written).

use super::{LoadError, Loaded};
use crate::model::Dataset;

/// Reads a graphml document.
pub fn read(file: &str, _text: &str) -> Result<Loaded, LoadError> {
    Err(LoadError::UnknownFormat {
        file: file.to_owned(),
        message: "graphml files cannot be read yet".to_owned(),
    })
}

/// Writes `dataset` as graphml.
pub fn write(_dataset: &Dataset) -> String {
    String::new()
}
