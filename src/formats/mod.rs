//! Reading datasets from files and writing them out. `load_path` is the one entry point the
//! app and the CLI use: it reads the bytes, decodes them, picks the format and returns the
//! model with a report, or a [`LoadError`] naming the file, line and column.

pub mod csv_edges;
mod error;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod import;
pub mod jgf;
pub mod native;
mod report;
pub mod save;

use std::io::Read;
use std::path::Path;

pub use error::{LoadError, OptionalPosition, TextPosition};
pub use report::{LoadReport, Warning};

use crate::model::Dataset;

/// A successfully loaded dataset and what the load found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub report: LoadReport,
}

/// The largest file Chainsight reads. Parsing needs several times the file size in memory;
/// beyond this a load is refused before reading, with the size named.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The Safe City dataset, compiled into the binary so `chainsight` opens it with no file.
pub const BUILTIN_DATASET_JSON: &str = include_str!("../../assets/datasets/safe-city.json");

/// The name the built-in dataset is shown under.
pub const BUILTIN_NAME: &str = "safe-city.json (built in)";

/// Loads the built-in Safe City dataset.
pub fn load_builtin() -> Result<Loaded, LoadError> {
    native::read(BUILTIN_NAME, BUILTIN_DATASET_JSON)
}

/// Loads a dataset from a file on disk. Never writes to it.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let file = display_name(path);
    let unreadable = |error: std::io::Error| LoadError::Unreadable {
        file: file.clone(),
        reason: error.to_string(),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(LoadError::Unreadable {
            file,
            reason: "it is a folder, not a file".to_owned(),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file,
            size_bytes: metadata.len(),
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    load_bytes(&file, &bytes)
}

/// Loads a dataset from bytes; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let text = decode_text(file, bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    native::read(file, text)
}

/// The file name shown in messages: the last path component, or the whole path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// UTF-8 text with an optional byte-order mark; UTF-16 is refused with a clear message.
fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::NotUtf8 {
            file: file.to_owned(),
            byte_offset: 0,
            detail: "a UTF-16 byte-order mark".to_owned(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| LoadError::NotUtf8 {
        file: file.to_owned(),
        byte_offset: error.valid_up_to(),
        detail: "an invalid byte sequence".to_owned(),
    })
}
