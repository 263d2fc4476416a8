//! Writing a file so that readers see either the old or the complete new
//! contents, never a half-written one.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use tempfile::NamedTempFile;

/// After this many bytes written, the file's data so far is synced to disk
/// in the background. An archive's `findings.csv` can be larger than the
/// archive; synced only at [`AtomicFile::commit`], its last write-back took
/// half a second in which nothing else ran, at the end of every large run.
const BACKGROUND_SYNC_BYTES: u64 = 32 << 20;

/// A file being written under a temporary name next to its target. Nothing
/// is visible at the target until [`AtomicFile::commit`]; if the writer is
/// dropped first (an error, a panic), the temporary file is removed.
pub struct AtomicFile {
    writer: BufWriter<NamedTempFile>,
    target: PathBuf,
    /// Bytes written since the last background sync began.
    unsynced: u64,
    /// The background sync under way, if any (see [`BACKGROUND_SYNC_BYTES`]).
    syncing: Option<JoinHandle<io::Result<()>>>,
}

impl AtomicFile {
    /// Starts writing `target` (its folder must exist).
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{file_name}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(AtomicFile {
            writer: BufWriter::new(temp),
            target: target.to_path_buf(),
            unsynced: 0,
            syncing: None,
        })
    }

    /// Starts syncing the data written so far on another thread, unless the
    /// last such sync is still under way. Only a sync's error matters, and
    /// it is reported by the next call or by `commit`; a thread that cannot
    /// be started leaves the work to `commit`.
    fn sync_in_background(&mut self) -> io::Result<()> {
        if self.syncing.as_ref().is_some_and(|s| !s.is_finished()) {
            return Ok(());
        }
        self.finish_background_sync()?;
        self.unsynced = 0;
        let file = self.writer.get_ref().as_file().try_clone()?;
        self.syncing = std::thread::Builder::new()
            .name("report-sync".into())
            .spawn(move || file.sync_data())
            .ok();
        Ok(())
    }

    /// Waits for the background sync under way, if any, and returns its error.
    fn finish_background_sync(&mut self) -> io::Result<()> {
        match self.syncing.take() {
            Some(sync) => sync
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("background sync panicked"))),
            None => Ok(()),
        }
    }

    /// Flushes, syncs and renames the file over its target, keeping the
    /// target's permissions if it existed (temporary files start as 0600).
    pub fn commit(mut self) -> io::Result<()> {
        self.finish_background_sync()?;
        let temp = self
            .writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        if let Ok(meta) = std::fs::metadata(&self.target) {
            temp.as_file().set_permissions(meta.permissions())?;
        }
        temp.as_file().sync_all()?;
        temp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.writer.write(buf)?;
        self.unsynced += written as u64;
        if self.unsynced >= BACKGROUND_SYNC_BYTES {
            self.sync_in_background()?;
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes `path` atomically: `write` fills a temporary file, which is then
/// committed. If `write` fails the previous file stays untouched.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file)?;
    file.commit()
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

    #[test]
    fn large_file_synced_in_background_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("findings.csv");
        let line = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";
        let lines = (2 * BACKGROUND_SYNC_BYTES + 1000) as usize / line.len();
        let mut file = AtomicFile::create(&path).unwrap();
        for _ in 0..lines {
            file.write_all(line).unwrap();
        }
        assert!(file.syncing.is_some(), "a background sync was started");
        file.commit().unwrap();
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written.len(), lines * line.len());
        assert!(written.chunks(line.len()).all(|chunk| chunk == line));
    }

    #[test]
    fn rewrite_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, |w| w.write_all(b"y")).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
