//! Remembering that a glossary passed its self-tests.
//!
//! Every load runs the self-tests, and on the bundled glossary they are a
//! third of a `check`'s start-up. A translator runs `check` many times an
//! hour on a glossary that has not changed, so a pass is remembered: a
//! marker file named by a hash of everything the result depends on (the
//! glossary's concepts, where they came from, the fuzzy threshold, and this
//! very binary). Any edit, another threshold or a rebuilt binary gives a
//! new name, so the tests run again; a failure is never remembered.
//!
//! Markers live in `$TERMAUDIT_CACHE_DIR`, or the platform's cache folder
//! (`~/.cache/termaudit` on Linux). An empty `TERMAUDIT_CACHE_DIR` turns
//! remembering off. A cache that cannot be read or written only costs time.

use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use xxhash_rust::xxh3::Xxh3;

use crate::glossary::Glossary;
use crate::matcher::MatchOptions;

/// The marker of one glossary, options and binary.
#[derive(Debug)]
pub struct PassMarker {
    path: PathBuf,
}

impl PassMarker {
    /// The marker for this run in `folder`, or `None` when the running
    /// binary cannot be identified.
    pub fn new(folder: &Path, glossary: &Glossary, options: MatchOptions) -> Option<PassMarker> {
        let key = key(glossary, options)?;
        Some(PassMarker {
            path: folder.join("selftests").join(format!("{key:032x}")),
        })
    }

    /// How many self-tests passed when this marker was written, if it was.
    pub fn passed(&self) -> Option<usize> {
        std::fs::read_to_string(&self.path)
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Remembers a pass of `count` self-tests. Errors are ignored: the
    /// next run just tests again.
    pub fn record(&self, count: usize) {
        let Some(folder) = self.path.parent() else {
            return;
        };
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(folder)?;
            let mut file = tempfile::NamedTempFile::new_in(folder)?;
            std::io::Write::write_all(&mut file, count.to_string().as_bytes())?;
            file.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
    }
}

/// `$TERMAUDIT_CACHE_DIR`, or the platform's cache folder; `None` when
/// remembering is off or there is no such folder.
pub fn default_folder() -> Option<PathBuf> {
    match std::env::var_os("TERMAUDIT_CACHE_DIR") {
        Some(dir) if dir.is_empty() => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(dirs::cache_dir()?.join("termaudit")),
    }
}

/// A hash of what the self-test result depends on. The glossary's `Hash`
/// covers every cell, the file path and positions; it is not a stable
/// format, but this binary's identity is part of the key too. (Hashing its
/// `Debug` text instead cost 5% of auditing the seeds.)
fn key(glossary: &Glossary, options: MatchOptions) -> Option<u128> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    let mut hasher = Xxh3::new();
    for part in [
        env!("CARGO_PKG_VERSION").to_string(),
        exe.display().to_string(),
        format!("{} {}", meta.len(), modified.as_nanos()),
        format!("{:?}", options.fuzzy_threshold),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    glossary.hash(&mut hasher);
    Some(hasher.digest128())
}
