//! Writing files safely: a temporary file in the destination folder, renamed into place, so a
//! crash or a full disk never leaves a half-written file where a good one was.

use std::io::Write;
use std::path::Path;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "{path}: refusing to overwrite the file the dataset was opened from; choose another name"
    )]
    WouldOverwriteInput { path: String },
    #[error("{path}: cannot write: {reason}")]
    Io { path: String, reason: String },
}

/// Writes `contents` to `path` through a temporary file and a rename.
/// `protected` is the file the dataset was read from, which is never overwritten this way.
pub fn write_atomically(
    path: &Path,
    contents: &str,
    protected: Option<&Path>,
) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    if let Some(protected) = protected
        && same_file(path, protected)
    {
        return Err(SaveError::WouldOverwriteInput { path: shown });
    }
    let io_error = |error: std::io::Error| SaveError::Io {
        path: shown.clone(),
        reason: error.to_string(),
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(io_error)?;
    temp.write_all(contents.as_bytes()).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|error| io_error(error.error))?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_through_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomically(&path, "{}", None).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn refuses_to_overwrite_the_opened_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.json");
        std::fs::write(&path, "original").unwrap();
        let error = write_atomically(&path, "new", Some(&path)).unwrap_err();
        assert!(matches!(error, SaveError::WouldOverwriteInput { .. }));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
    }
}
