//! Writing what an audit found: CSV reports for reviewers, an Excel
//! workbook and an HTML page for people who would rather look than read, and
//! one-line diagnostics for the terminal.

pub mod atomic;
pub mod candidates;
pub mod csv;
pub mod html;
pub mod tally;
pub mod terminal;
pub mod xlsx;

use std::borrow::Cow;
use std::io;
use std::path::Path;

/// A finding's id: stable across runs and unchanged by edits elsewhere in the
/// file, because it hashes what the finding is (path, concept, found text and
/// its context), not where it is. xxh3 is a fixed algorithm, unlike std's
/// `DefaultHasher`, so ids survive upgrades of the toolchain.
pub fn finding_id(path: &str, concept: &str, found: &str, context: &str) -> String {
    // The parts, each followed by a unit separator, hashed as they stream
    // in: the same hash as of their concatenation, without building it.
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in [path, concept, found, context] {
        hasher.update(part.as_bytes());
        hasher.update(&[0x1F]);
    }
    format!("{:016x}", hasher.digest())
}

/// Creates the folder a single-file report goes into, as `--out` does for
/// the CSV folder, so `--html site/report.html` needs no `mkdir` first.
pub(crate) fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent),
        _ => Ok(()),
    }
}

/// Guards a cell that a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab or carriage return first) by prefixing an apostrophe, as OWASP
/// recommends for CSV injection.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let id = finding_id("a.txt", "c", "found", "ctx");
        assert_eq!(id.len(), 16);
        assert_eq!(id, finding_id("a.txt", "c", "found", "ctx"));
        assert_ne!(id, finding_id("a.txt", "c", "found", "ctx2"));
        // The separator keeps parts from running together.
        assert_ne!(finding_id("ab", "c", "", ""), finding_id("a", "bc", "", ""));
    }

    #[test]
    fn formula_guard() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_formula(risky), format!("'{risky}"));
        }
        assert_eq!(guard_formula("plain"), "plain");
        assert_eq!(guard_formula(""), "");
    }
}
