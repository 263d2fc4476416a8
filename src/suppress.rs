//! Findings that are right to ignore: inline pragmas in the text, concepts
//! ignored on the command line or in the config, and a reviewed baseline.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use crate::audit::{AuditRun, DocReport, Finding};
use crate::normalize::LineIndex;

/// The marker that starts a pragma, inside whatever comment syntax the
/// format has (`<!-- termaudit: off -->`, `# termaudit: ignore id`).
const PRAGMA: &str = "termaudit:";

/// Review verdicts that suppress a finding when read back as a baseline.
const SUPPRESSING_VERDICTS: &[&str] = &["ok", "false positive", "wontfix"];

/// Lines of a document on which findings are suppressed by pragmas.
#[derive(Debug, Default)]
pub struct Pragmas {
    /// `termaudit: ignore [ids]` by line; no ids means every concept.
    ignores: Vec<(usize, Vec<String>)>,
    /// `termaudit: off` … `termaudit: on`, as inclusive line ranges.
    off: Vec<(usize, usize)>,
}

impl Pragmas {
    /// Reads the pragmas of `text`; nearly free when there are none.
    pub fn parse(text: &str) -> Pragmas {
        let mut pragmas = Pragmas::default();
        let finder = memchr::memmem::Finder::new(PRAGMA);
        let mut lines: Option<LineIndex> = None;
        let mut off_since: Option<usize> = None;
        for at in finder.find_iter(text.as_bytes()) {
            let rest = &text[at + PRAGMA.len()..];
            let directive = rest.lines().next().unwrap_or("");
            let directive = directive
                .split("-->")
                .next()
                .unwrap_or("")
                .split("*/")
                .next()
                .unwrap_or("");
            let mut words = directive
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty());
            let line = lines
                .get_or_insert_with(|| LineIndex::new(text))
                .line_column(text, at)
                .0;
            match words.next() {
                Some("ignore") => pragmas
                    .ignores
                    .push((line, words.map(str::to_string).collect())),
                Some("off") => {
                    off_since.get_or_insert(line);
                }
                Some("on") => {
                    if let Some(start) = off_since.take() {
                        pragmas.off.push((start, line));
                    }
                }
                _ => {}
            }
        }
        if let Some(start) = off_since {
            pragmas.off.push((start, usize::MAX));
        }
        pragmas
    }

    /// Returns true if and only if a pragma suppresses `concept` at `line`.
    pub fn suppresses(&self, concept: &str, line: usize) -> bool {
        self.off
            .iter()
            .any(|&(from, to)| from <= line && line <= to)
            || self.ignores.iter().any(|(at, ids)| {
                (*at == line || *at + 1 == line)
                    && (ids.is_empty() || ids.iter().any(|id| id == concept))
            })
    }

    /// Returns true if and only if the text has no pragmas.
    pub fn is_empty(&self) -> bool {
        self.ignores.is_empty() && self.off.is_empty()
    }
}

/// Suppressions that come from outside the text.
#[derive(Debug, Default, Clone)]
pub struct Suppressions {
    /// Concept ids never reported.
    pub ignored_concepts: HashSet<String>,
    /// Finding ids a reviewer marked ok / false positive / wontfix.
    pub baseline: HashSet<String>,
}

impl Suppressions {
    /// Returns true if and only if `finding` of concept `concept` is suppressed.
    pub fn suppresses(&self, concept: &str, finding: &Finding) -> bool {
        self.ignored_concepts.contains(concept) || self.baseline.contains(&finding.id)
    }

    /// Removes suppressed findings from every document of `run`, counting them.
    pub fn apply(&self, concept_ids: &[&str], run: &mut AuditRun) {
        for doc in &mut run.docs {
            self.apply_to_doc(concept_ids, doc);
        }
    }

    /// Removes suppressed findings from `doc`, counting them.
    pub fn apply_to_doc(&self, concept_ids: &[&str], doc: &mut DocReport) {
        if self.ignored_concepts.is_empty() && self.baseline.is_empty() {
            return;
        }
        let before = doc.findings.len();
        doc.findings
            .retain(|f| !self.suppresses(concept_ids[f.concept], f));
        doc.suppressed += before - doc.findings.len();
    }
}

/// Reads the ids of findings a reviewer marked `ok`, `false positive` or
/// `wontfix` (any case) in the `review` column of a `findings.csv`, or of the
/// Findings sheet of a workbook written by `--xlsx`.
pub fn read_baseline(path: &Path) -> io::Result<HashSet<String>> {
    let rows = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        workbook_rows(path)?
    } else {
        csv_rows(path)?
    };
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: no {name:?} column", path.display()),
            )
        })
    };
    let (id, review) = (column("id")?, column("review")?);
    let mut ids = HashSet::new();
    for row in rows {
        let verdict = row.get(review).map_or("", |v| v.trim()).to_lowercase();
        if SUPPRESSING_VERDICTS.contains(&verdict.as_str()) {
            ids.insert(
                row.get(id)
                    .map_or("", |v| v.trim_start_matches('\''))
                    .to_string(),
            );
        }
    }
    Ok(ids)
}

fn csv_rows(path: &Path) -> io::Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(io::Error::other)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(io::Error::other)?;
        rows.push(
            record
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_string())
                .collect(),
        );
    }
    Ok(rows)
}

fn workbook_rows(path: &Path) -> io::Result<Vec<Vec<String>>> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(path).map_err(io::Error::other)?;
    let sheet = workbook
        .worksheet_range("Findings")
        .map_err(io::Error::other)?;
    Ok(sheet
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_by_line_and_region() {
        let text = "a\n<!-- termaudit: ignore leader, other -->\nb\nc\n# termaudit: off\nd\ne termaudit: on\nf\n// termaudit: ignore\ng\n";
        let p = Pragmas::parse(text);
        assert!(p.suppresses("leader", 2) && p.suppresses("leader", 3));
        assert!(!p.suppresses("leader", 4), "only the line and the next");
        assert!(!p.suppresses("community", 3), "only the named concepts");
        assert!((5..=7).all(|line| p.suppresses("community", line)));
        assert!(!p.suppresses("community", 8));
        assert!(p.suppresses("community", 10), "no ids: every concept");
        assert!(Pragmas::parse("no pragmas here").is_empty());
    }

    #[test]
    fn unterminated_off_runs_to_the_end() {
        let p = Pragmas::parse("x\ntermaudit: off\ny\nz\n");
        assert!(p.suppresses("any", 4));
        assert!(!p.suppresses("any", 1));
    }
}
