//! Reading datasets from files and writing them out. `load_path` is the one entry point the
//! app and the CLI use: it reads the bytes, decodes them, picks the format and returns the
//! model with a report, or a [`LoadError`] naming the file, line and column.

pub mod csv_edges;
mod cytoscape;
mod detect;
mod error;
mod fields;
pub mod ftm;
pub mod gexf;
pub mod graphml;
mod graphology;
pub mod import;
pub mod jgf;
mod json_locate;
mod kumu;
pub mod native;
pub mod node_link;
mod oligrapher;
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

/// The formats a dataset can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Chainsight's own format: keeps everything.
    Chainsight,
    /// JSON Graph Format v2.
    Jgf,
    /// networkx node-link JSON.
    Networkx,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML.
    Graphml,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 5] = [
        Self::Chainsight,
        Self::Jgf,
        Self::Networkx,
        Self::Gexf,
        Self::Graphml,
    ];

    /// The name shown in menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Chainsight => "Chainsight dataset",
            Self::Jgf => "JSON Graph Format v2",
            Self::Networkx => "networkx node-link JSON",
            Self::Gexf => "GEXF (Gephi)",
            Self::Graphml => "GraphML",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Chainsight | Self::Jgf | Self::Networkx => "json",
            Self::Gexf => "gexf",
            Self::Graphml => "graphml",
        }
    }

    /// The text of `dataset` in this format.
    pub fn write(self, dataset: &Dataset) -> String {
        match self {
            Self::Chainsight => native::write(dataset),
            Self::Jgf => jgf::write(dataset),
            Self::Networkx => node_link::write_networkx(dataset),
            Self::Gexf => gexf::write(dataset),
            Self::Graphml => graphml::write(dataset),
        }
    }
}

/// Choices made when opening a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Which graph of a multi-graph file to open (JGF `graphs`), from 0; the first by default.
    pub graph_index: Option<usize>,
}

/// Loads the built-in Safe City dataset.
pub fn load_builtin() -> Result<Loaded, LoadError> {
    native::read(BUILTIN_NAME, BUILTIN_DATASET_JSON)
}

/// Loads a dataset from a file on disk, in whatever format it is. Never writes to it.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &LoadOptions::default())
}

/// [`load_path`] with choices such as which graph of a multi-graph file to open.
pub fn load_path_with(path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
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
    let text = decode_text(&file, &bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty { file });
    }
    detect::read_text(&file, &text, Some(path), options)
}

/// Loads a dataset from bytes, in whatever format they are; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let text = decode_text(file, bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    detect::read_text(file, &text, None, &LoadOptions::default())
}

/// The file name shown in messages: the last path component, or the whole path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Text from bytes: UTF-8 (with or without a byte-order mark), or UTF-16 with its
/// byte-order mark. Anything else is refused, naming the first bad byte.
fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>, LoadError> {
    let utf16 = |big_endian: bool| -> Result<std::borrow::Cow<'a, str>, LoadError> {
        let body = bytes.get(2..).unwrap_or_default();
        if body.len() % 2 != 0 {
            return Err(LoadError::NotUtf8 {
                file: file.to_owned(),
                byte_offset: bytes.len() - 1,
                detail: "UTF-16 text with an odd number of bytes".to_owned(),
            });
        }
        let units = body.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let mut text = String::with_capacity(body.len() / 2);
        for (i, unit) in char::decode_utf16(units).enumerate() {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => {
                    return Err(LoadError::NotUtf8 {
                        file: file.to_owned(),
                        byte_offset: 2 + 2 * i,
                        detail: "an unpaired UTF-16 surrogate".to_owned(),
                    });
                }
            }
        }
        Ok(std::borrow::Cow::Owned(text))
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(false);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(true);
    }
    let (body, bom_len) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, 3),
        None => (bytes, 0),
    };
    std::str::from_utf8(body)
        .map(std::borrow::Cow::Borrowed)
        .map_err(|error| LoadError::NotUtf8 {
            file: file.to_owned(),
            byte_offset: bom_len + error.valid_up_to(),
            detail: "an invalid byte sequence".to_owned(),
        })
}
