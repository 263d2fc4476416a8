//! Auditing documents: fold, match, and turn hits into findings with original
//! positions and context; across many files in parallel.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::glossary::{ConceptId, Severity};
use crate::matcher::{FormId, MatchScratch, Matcher, Status};
use crate::normalize::{Folded, LineIndex, fold_into};
use crate::source::{self, SourceError};

/// Characters of context kept on either side of a finding.
const CONTEXT_CHARS: usize = 60;

/// One non-canonical rendering in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The concept it renders.
    pub concept: ConceptId,
    /// Variant, pattern or fuzzy.
    pub status: Status,
    /// How serious it is.
    pub severity: Severity,
    /// Byte span in the original text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based character column of `start`.
    pub column: usize,
    /// The text found, whitespace collapsed to single spaces.
    pub found: String,
    /// About 60 characters either side, on one line.
    pub context: String,
    /// Where `found` is inside `context` (bytes), so reports can highlight
    /// it; searching for the text instead would pick the wrong one when it
    /// occurs twice nearby.
    pub highlight: Range<usize>,
    /// Similarity in 0..=1.
    pub score: f32,
    /// The literal form matched, or the nearest one for fuzzy findings.
    pub form: Option<FormId>,
}

/// Occurrence counts of a document: (concept, status, folded form) → count.
pub type Occurrences = BTreeMap<(ConceptId, Status, String), u32>;

/// What one document yielded.
#[derive(Debug, Clone, Default)]
pub struct DocReport {
    /// The document's path as shown in reports.
    pub path: String,
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Every occurrence of every concept, correct ones included.
    pub occurrences: Occurrences,
    /// Size of the document in bytes.
    pub bytes: u64,
}

/// Per-thread buffers reused across documents.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: Folded,
    matches: MatchScratch,
}

/// Audits one text with fresh buffers.
pub fn audit_text(matcher: &Matcher, path: &str, text: &str) -> DocReport {
    audit_text_with(matcher, path, text, &mut Scratch::default())
}

/// Audits one text, reusing `scratch`.
pub fn audit_text_with(
    matcher: &Matcher,
    path: &str,
    text: &str,
    scratch: &mut Scratch,
) -> DocReport {
    fold_into(text, &mut scratch.folded);
    matcher.find(&scratch.folded, &mut scratch.matches);
    let folded = &scratch.folded;
    let mut report = DocReport {
        path: path.to_string(),
        bytes: text.len() as u64,
        ..DocReport::default()
    };
    let mut lines: Option<LineIndex> = None;
    for hit in &scratch.matches.hits {
        let form_text = collapse_whitespace(&folded.text[hit.start..hit.end]);
        *report
            .occurrences
            .entry((hit.concept, hit.status, form_text))
            .or_default() += 1;
        if !hit.status.is_finding() {
            continue;
        }
        let (start, end) = folded.original_span(text, hit.start, hit.end);
        let (line, column) = lines
            .get_or_insert_with(|| LineIndex::new(text))
            .line_column(text, start);
        let (context, highlight) = context(text, start, end);
        report.findings.push(Finding {
            concept: hit.concept,
            status: hit.status,
            severity: hit.severity,
            start,
            end,
            line,
            column,
            found: collapse_whitespace(&text[start..end]),
            context,
            highlight,
            score: hit.score,
            form: hit.form,
        });
    }
    report
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// About [`CONTEXT_CHARS`] characters either side of `start..end`, on one
/// line (whitespace collapsed), and where `start..end` ended up inside it.
fn context(text: &str, start: usize, end: usize) -> (String, Range<usize>) {
    let from = text[..start]
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .last()
        .map_or(start, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    let mut out = String::with_capacity(to - from);
    let mut highlight: Option<Range<usize>> = None;
    let mut pending_space = false;
    for (i, c) in text[from..to].char_indices() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        let at = from + i;
        if (start..end).contains(&at) {
            let begin = highlight.as_ref().map_or(out.len(), |h| h.start);
            out.push(c);
            highlight = Some(begin..out.len());
        } else {
            out.push(c);
        }
    }
    let highlight = highlight.unwrap_or(out.len()..out.len());
    (out, highlight)
}

/// The outcome of auditing many files.
#[derive(Debug, Default)]
pub struct AuditRun {
    /// One report per document read, in path order.
    pub docs: Vec<DocReport>,
    /// Files that could not be read (or were read with problems), in path order.
    pub errors: Vec<SourceError>,
}

impl AuditRun {
    /// Returns true if and only if some input could not be read.
    pub fn has_read_errors(&self) -> bool {
        self.errors.iter().any(SourceError::is_error)
    }

    /// All findings of the run.
    pub fn findings(&self) -> impl Iterator<Item = (&DocReport, &Finding)> {
        self.docs
            .iter()
            .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
    }
}

/// Audits every file under `paths` on the current rayon pool. Files are
/// walked and sorted first, so the result is the same whatever the number
/// of threads.
pub fn audit_paths(matcher: &Matcher, paths: &[PathBuf]) -> AuditRun {
    let (files, mut errors) = source::walk(paths);
    let results: Vec<Result<(DocReport, Option<SourceError>), SourceError>> = files
        .par_iter()
        .map_init(Scratch::default, |scratch, path| {
            let document = source::read(path)?;
            let report = audit_text_with(matcher, &document.display_path, &document.text, scratch);
            Ok((report, document.warning))
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((report, warning)) => {
                docs.push(report);
                errors.extend(warning);
            }
            Err(error) => errors.push(error),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    AuditRun { docs, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_one_line_and_bounded() {
        let text = format!("{}\nthe found\nthing{}", "a".repeat(100), "b".repeat(100));
        let start = text.find("found").unwrap();
        let (ctx, highlight) = context(&text, start, start + 5);
        assert_eq!(
            ctx,
            format!("{} the found thing{}", "a".repeat(55), "b".repeat(54))
        );
        assert_eq!(&ctx[highlight], "found");
    }

    #[test]
    fn context_at_text_edges() {
        assert_eq!(context("found", 0, 5), ("found".to_string(), 0..5));
        let text = "“x”\n found";
        let start = text.find("found").unwrap();
        assert_eq!(context(text, start, start + 5).0, "“x” found");
    }

    #[test]
    fn highlight_points_at_the_finding_not_an_earlier_copy() {
        let text = "Supreme Leader and the Supreme\n  Leader.";
        let start = text.rfind("Supreme").unwrap();
        let (ctx, highlight) = context(text, start, text.len() - 1);
        assert_eq!(ctx, "Supreme Leader and the Supreme Leader.");
        assert_eq!(highlight, 23..37);
        assert_eq!(&ctx[highlight], "Supreme Leader");
    }
}
