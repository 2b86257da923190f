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
    write_bytes_atomically(path, contents.as_bytes(), protected)
}

/// [`write_atomically`] for bytes (a PNG).
pub fn write_bytes_atomically(
    path: &Path,
    contents: &[u8],
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
    let resolved = destination(path).map_err(|reason| SaveError::Io {
        path: shown.clone(),
        reason,
    })?;
    let path = resolved.as_path();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = temp_file_in(folder).map_err(io_error)?;
    // A file replaced keeps its permissions: a rename would otherwise bring the temporary
    // file's own.
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(io_error)?;
    }
    temp.write_all(contents).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|error| io_error(error.error))?;
    Ok(())
}

/// A temporary file in `folder` with the permissions a new file gets: readable by whom the
/// user's umask lets read it, as a file any other program saves. Temporary files are
/// otherwise private to their owner (0600), and a PNG exported to a shared folder was.
fn temp_file_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode asked for is narrowed by the umask, as open(2) does for every program.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Where `path` is written: itself when nothing is there or a regular file is; the file a
/// symbolic link points to when that is a regular file (the link is kept, its target replaced).
/// A folder, device, FIFO or socket, or a link to one or to nothing, is refused.
fn destination(path: &Path) -> Result<std::path::PathBuf, String> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(path.to_path_buf());
        }
        Err(error) => return Err(error.to_string()),
    };
    if link.file_type().is_symlink() {
        let target = path.canonicalize().map_err(|error| {
            format!("it is a symbolic link to nothing that can be written ({error})")
        })?;
        let metadata = std::fs::metadata(&target).map_err(|error| error.to_string())?;
        if !metadata.is_file() {
            return Err(format!(
                "it is a symbolic link to {}, which is not a regular file; only regular files are written",
                target.display()
            ));
        }
        return Ok(target);
    }
    if link.is_file() {
        Ok(path.to_path_buf())
    } else if link.is_dir() {
        Err("it is a folder; name a file".to_owned())
    } else {
        Err(
            "it is a device, FIFO or socket, not a regular file; only regular files are written"
                .to_owned(),
        )
    }
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

    #[cfg(unix)]
    #[test]
    fn writes_only_regular_files_and_follows_links_to_them() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            write_atomically(dir.path(), "{}", None).is_err(),
            "a folder"
        );
        let error = write_atomically(Path::new("/dev/null"), "{}", None).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");

        let target = dir.path().join("target.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, "new", None).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is kept"
        );

        let to_device = dir.path().join("null.json");
        std::os::unix::fs::symlink("/dev/null", &to_device).unwrap();
        assert!(write_atomically(&to_device, "{}", None).is_err());
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(write_atomically(&dangling, "{}", None).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        // What any program's new file gets here (0666 narrowed by the umask).
        let usual = dir.path().join("usual.txt");
        std::fs::write(&usual, "").unwrap();
        let new = dir.path().join("new.png");
        write_bytes_atomically(&new, b"png", None).unwrap();
        assert_eq!(mode(&new), mode(&usual));
        let kept = dir.path().join("kept.json");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&kept, "new", None).unwrap();
        assert_eq!(mode(&kept), 0o640);
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "new");
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
