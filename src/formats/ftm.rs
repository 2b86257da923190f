//! FollowTheMoney entity streams (being written).

use super::{LoadError, Loaded};

/// Reads FollowTheMoney entities, one JSON object per line.
pub fn read_lines(file: &str, _text: &str) -> Result<Loaded, LoadError> {
    Err(LoadError::UnknownFormat {
        file: file.to_owned(),
        message: "FollowTheMoney files cannot be read yet".to_owned(),
    })
}
