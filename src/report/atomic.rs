//! Writing a file so that readers see either the old or the complete new
//! contents, never a half-written one.

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `path` through a temporary file in the same directory, flushed,
/// synced and renamed over the target. If `write` fails, or the process dies
/// midway, the previous file stays untouched and the temporary file is
/// removed (on drop) or left with a `.tmp` name that is never a report.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut writer = BufWriter::new(temp);
    write(&mut writer)?;
    let temp = writer
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?;
    // A rewritten file keeps its permissions (temporary files start as 0600).
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_keeps_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        write_atomic(&path, |w| w.write_all(b"old")).unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("boom"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary file removed");
    }
}
