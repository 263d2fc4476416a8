//! Auditing documents: fold, match, and turn hits into findings with original
//! positions and context; across many files in parallel.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use thread_local::ThreadLocal;

use crate::document;
use crate::extract::Format;
use crate::glossary::{ConceptId, Severity};
use crate::matcher::{FormId, MatchScratch, Matcher, Status};
use crate::normalize::{Folded, LineCursor, fold_into};
use crate::report::finding_id;
use crate::source::{self, ProblemKind, SourceError, WalkOptions};
use crate::suppress::Pragmas;

/// Characters of context kept on either side of a finding.
const CONTEXT_CHARS: usize = 60;

/// One non-canonical rendering in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable id: see [`crate::report::finding_id`].
    pub id: String,
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
    /// The id of the bilingual segment it is in (XLIFF unit, TMX `tuid`,
    /// PO context); `None` in formats without segment ids.
    pub segment: Option<String>,
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
    /// Findings suppressed by pragmas, ignored concepts or the baseline.
    pub suppressed: usize,
}

/// Per-thread buffers reused across documents.
///
/// They cache what the matcher knows of words and windows, so one scratch
/// serves one matcher: use a fresh one with another glossary.
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
    let piece = Piece {
        text,
        owned: 0..text.len(),
        base: 0,
        lines_before: 0,
        column_offset: 0,
    };
    let mut report = DocReport {
        path: path.to_string(),
        bytes: text.len() as u64,
        ..DocReport::default()
    };
    audit_piece(matcher, &piece, scratch, &mut report);
    report
}

/// A piece of a document audited on its own: the whole text, or one chunk
/// of a file too large to hold at once.
struct Piece<'a> {
    text: &'a str,
    /// Hits starting here belong to this piece; the rest of `text` is overlap
    /// with the neighbouring chunks, there for matches and context only.
    owned: Range<usize>,
    /// Byte offset of `text` in the whole document.
    base: usize,
    /// Lines of the document before `text`.
    lines_before: usize,
    /// Characters between the last line break before `text` and its start.
    column_offset: usize,
}

/// Audits `piece`, adding its findings and counts to `report`.
fn audit_piece(matcher: &Matcher, piece: &Piece, scratch: &mut Scratch, report: &mut DocReport) {
    let text = piece.text;
    fold_into(text, &mut scratch.folded);
    matcher.find(text, &scratch.folded, &mut scratch.matches);
    let folded = &scratch.folded;
    let mut lines: Option<LineCursor> = None;
    let pragmas = Pragmas::parse(text);
    for hit in &scratch.matches.hits {
        let (start, end) = folded.original_span(text, hit.start, hit.end);
        if !piece.owned.contains(&start) {
            continue;
        }
        let form_text = collapse_whitespace(&folded.text[hit.start..hit.end]);
        *report
            .occurrences
            .entry((hit.concept, hit.status, form_text))
            .or_default() += 1;
        if !hit.status.is_finding() {
            continue;
        }
        let (local_line, local_column) = lines
            .get_or_insert_with(|| LineCursor::new(text))
            .line_column(text, start);
        let concept_id = &matcher.concepts()[hit.concept].id;
        if !pragmas.is_empty() && pragmas.suppresses(concept_id, local_line) {
            report.suppressed += 1;
            continue;
        }
        let found = collapse_whitespace(&text[start..end]);
        let (context, highlight) = context(text, start, end);
        report.findings.push(Finding {
            id: finding_id(&report.path, concept_id, &found, &context),
            concept: hit.concept,
            status: hit.status,
            severity: hit.severity,
            start: piece.base + start,
            end: piece.base + end,
            line: piece.lines_before + local_line,
            column: if local_line == 1 {
                piece.column_offset + local_column
            } else {
                local_column
            },
            found,
            context,
            highlight,
            score: hit.score,
            form: hit.form,
            segment: None,
        });
    }
}

/// Files larger than this are audited in overlapping chunks, so memory stays
/// bounded by the chunk size, not by the file.
pub const DEFAULT_CHUNK_SIZE: usize = 64 << 20;

/// Audits the file at `path`: whole when it is small (or compressed), in
/// overlapping chunks of `chunk_size` bytes when it is large. Both give the
/// same findings.
pub fn audit_file(
    matcher: &Matcher,
    path: &Path,
    chunk_size: usize,
    scratch: &mut Scratch,
) -> Result<(DocReport, Option<SourceError>), SourceError> {
    audit_file_until(matcher, path, chunk_size, None, scratch)
}

/// [`audit_file`] that gives up between chunks once `cancel` is set.
fn audit_file_until(
    matcher: &Matcher,
    path: &Path,
    chunk_size: usize,
    cancel: Option<&AtomicBool>,
    scratch: &mut Scratch,
) -> Result<(DocReport, Option<SourceError>), SourceError> {
    // The first chunk must hold what decides whether the file is binary, or
    // a small chunk size would audit a file that a whole read skips.
    let chunk_size = chunk_size.max(source::BINARY_PROBE);
    let error = |e: std::io::Error| SourceError::new(path, ProblemKind::Error, e.to_string());
    // The file may have changed since the walk: it may be gone, or be a
    // pipe now, whose read would never return.
    let meta = std::fs::metadata(path).map_err(|e| {
        let reason = format!("gone or unreadable since the walk: {e}");
        SourceError::new(path, ProblemKind::Error, reason)
    })?;
    if !meta.is_file() {
        let kind = source::file_kind(meta.file_type());
        let reason = format!("no longer a regular file: now a {kind}");
        return Err(SourceError::new(path, ProblemKind::Error, reason));
    }
    let size = meta.len();
    let is_gzip = source::is_gzip(path);
    if size == 0 {
        return Err(SourceError::new(path, ProblemKind::Skipped, "empty file"));
    }
    if size as usize <= chunk_size && !is_gzip {
        let document = source::read(path)?;
        let report = audit_text_with(matcher, &document.display_path, &document.text, scratch);
        return Ok((report, document.warning));
    }
    let file = std::fs::File::open(path).map_err(error)?;
    // Compressed files stream through the chunks too: their size is known
    // only once decompressed, and must not decide how much memory is used.
    let mut file: Box<dyn Read> = if is_gzip {
        Box::new(flate2::read::MultiGzDecoder::new(file).take(source::MAX_GUNZIPPED + 1))
    } else {
        Box::new(file)
    };
    let error = |e: std::io::Error| match is_gzip {
        true => SourceError::new(path, ProblemKind::Error, format!("cannot decompress: {e}")),
        false => error(e),
    };
    let overlap = (chunk_size / 8).clamp(1, 64 << 10);
    let mut report = DocReport {
        path: path.display().to_string(),
        bytes: size,
        ..DocReport::default()
    };
    let mut buf: Vec<u8> = Vec::with_capacity(chunk_size + 4);
    let (mut base, mut lines_before, mut column_offset, mut owned_from) = (0, 0, 0, 0);
    let mut is_lossy = false;
    let mut first = true;
    let mut total: u64 = 0;
    loop {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(SourceError::new(path, ProblemKind::Error, "interrupted"));
        }
        let before = buf.len();
        let eof = fill(&mut file, &mut buf, chunk_size).map_err(error)?;
        total += (buf.len() - before) as u64;
        // Plain files of any size stream; only decompression is bounded.
        if is_gzip && total > source::MAX_GUNZIPPED {
            return Err(source::too_large(path));
        }
        if first {
            if buf.is_empty() {
                return Err(SourceError::new(path, ProblemKind::Skipped, "empty file"));
            }
            if buf.starts_with(b"\xFF\xFE") || buf.starts_with(b"\xFE\xFF") {
                // UTF-16 is rare at this size; decode it whole.
                let document = source::read(path)?;
                let report =
                    audit_text_with(matcher, &document.display_path, &document.text, scratch);
                return Ok((report, document.warning));
            }
            if memchr::memchr(0, &buf[..buf.len().min(source::BINARY_PROBE)]).is_some() {
                return Err(SourceError::new(
                    path,
                    ProblemKind::Skipped,
                    "binary file (contains NUL bytes)",
                ));
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
        }
        // Cut before a character that may continue in the next read.
        let cut = if eof {
            buf.len()
        } else {
            char_start_before(&buf, buf.len())
        };
        let rest = buf.split_off(cut);
        let text = match String::from_utf8(std::mem::take(&mut buf)) {
            Ok(text) => text,
            Err(e) => {
                is_lossy = true;
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let carry_from = if eof {
            text.len()
        } else {
            floor_char(&text, text.len().saturating_sub(2 * overlap))
        };
        let owned_to = if eof {
            text.len()
        } else {
            floor_char(&text, carry_from + overlap)
        };
        let piece = Piece {
            text: &text,
            owned: owned_from..owned_to,
            base,
            lines_before,
            column_offset,
        };
        audit_piece(matcher, &piece, scratch, &mut report);
        if eof {
            break;
        }
        let consumed = &text[..carry_from];
        let newlines = memchr::memchr_iter(b'\n', consumed.as_bytes()).count();
        column_offset = match consumed.rfind('\n') {
            Some(at) => consumed[at + 1..].chars().count(),
            None => column_offset + consumed.chars().count(),
        };
        lines_before += newlines;
        base += carry_from;
        owned_from = owned_to - carry_from;
        buf = text.as_bytes()[carry_from..].to_vec();
        buf.extend_from_slice(&rest);
        first = false;
    }
    if is_gzip {
        report.bytes = total;
    }
    Ok((report, is_lossy.then(|| source::lossy_warning(path))))
}

/// Reads until `buf` holds `size` bytes or the file ends; true at the end.
fn fill(file: &mut dyn Read, buf: &mut Vec<u8>, size: usize) -> std::io::Result<bool> {
    while buf.len() < size {
        let want = size - buf.len();
        let got = (&mut *file).take(want as u64).read_to_end(buf)?;
        if got == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The last UTF-8 character start at or before `at` (never 0 unless it must be).
fn char_start_before(bytes: &[u8], at: usize) -> usize {
    (at.saturating_sub(4)..at)
        .rev()
        .find(|&i| bytes[i] & 0xC0 != 0x80)
        .filter(|&i| i > 0)
        .unwrap_or(at)
}

fn floor_char(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn collapse_whitespace(s: &str) -> String {
    // Most spans are plain ASCII words with single spaces between: copied
    // as they are (splitting on Unicode whitespace cost a thousand
    // instructions per hit).
    let is_collapsed = s.bytes().all(|b| b.is_ascii() && b >= b' ')
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    if is_collapsed {
        return s.to_owned();
    }
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
    // Word by word, not character by character: a context is written for
    // every finding.
    let window = &text[from..to];
    let mut out = String::with_capacity(to - from);
    let mut highlight: Option<Range<usize>> = None;
    for word in window.split_whitespace() {
        // Where the word starts in `text` (it is a subslice of `window`).
        let at = from + (word.as_ptr() as usize - window.as_ptr() as usize);
        if !out.is_empty() {
            out.push(' ');
        }
        // The part of the word inside `start..end`, if any, is highlighted.
        let (first, last) = (at.max(start), (at + word.len()).min(end));
        if first < last {
            let begin = highlight
                .as_ref()
                .map_or(out.len() + first - at, |h| h.start);
            highlight = Some(begin..out.len() + last - at);
        }
        out.push_str(word);
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

/// How files are found and read.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Which files a walk includes.
    pub walk: WalkOptions,
    /// Files larger than this are audited in chunks.
    pub chunk_size: usize,
    /// Read every file as this format; `None` goes by each file's extension.
    pub format: Option<Format>,
    /// Once set (by a signal handler), [`audit_stream`] stops between files
    /// and chunks and hands on nothing more, so the caller can discard the
    /// partial run instead of committing it.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            walk: WalkOptions::default(),
            chunk_size: DEFAULT_CHUNK_SIZE,
            format: None,
            cancel: None,
        }
    }
}

/// What an audit of many files reports, in path order.
#[derive(Debug)]
pub enum Event {
    /// The walk is done: how many files will be audited.
    Walked {
        /// Files to audit.
        files: usize,
    },
    /// A document was audited.
    Doc(DocReport),
    /// A file could not be read, was skipped, or was read with a caveat.
    Problem(SourceError),
}

/// Files audited in parallel before their results are handed on in order:
/// enough to keep every core busy, few enough to bound memory.
const BATCH: usize = 256;

/// Audits every file under `paths` on the current rayon pool, handing each
/// result to `sink` in path order as soon as its batch is done, so memory is
/// bounded by two batches, not by the archive. A batch is handed on while
/// the next one is audited: writing report rows is serial, and doing it
/// between batches left every other core idle. The order, and so the
/// reports, do not depend on the number of threads. Once `options.cancel` is
/// set, it returns without handing on the batch under way.
pub fn audit_stream(
    matcher: &Matcher,
    paths: &[PathBuf],
    options: &AuditOptions,
    sink: &mut (dyn FnMut(Event) + Send),
) {
    let cancel = options.cancel.as_deref();
    let is_cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let (files, errors) = source::walk_with(paths, &options.walk);
    sink(Event::Walked { files: files.len() });
    matcher.prepare_for(
        files
            .iter()
            .filter_map(|file| std::fs::metadata(file).ok())
            .map(|meta| meta.len()),
    );
    for error in errors {
        sink(Event::Problem(error));
    }
    // One scratch per worker thread for the whole run: its word cache
    // stays warm across batches (a scratch per rayon split, as `map_init`
    // makes, started cold several times per batch on two threads).
    let scratches: ThreadLocal<RefCell<Scratch>> = ThreadLocal::new();
    let mut done = Vec::new();
    for batch in files.chunks(BATCH) {
        if is_cancelled() {
            return;
        }
        let finished = std::mem::take(&mut done);
        let (results, ()) = rayon::join(
            || {
                batch
                    .par_iter()
                    .map(|path| {
                        // Auditing a file never calls into rayon, so no
                        // other file can start on this thread meanwhile.
                        let mut scratch = scratches.get_or_default().borrow_mut();
                        let scratch = &mut *scratch;
                        if is_cancelled() {
                            return Err(SourceError::new(path, ProblemKind::Error, "interrupted"));
                        }
                        match options.format.unwrap_or_else(|| Format::from_path(path)) {
                            Format::Text => {
                                audit_file_until(matcher, path, options.chunk_size, cancel, scratch)
                            }
                            format => document::audit_file(matcher, path, format, scratch),
                        }
                    })
                    .collect::<Vec<_>>()
            },
            || hand_on(finished, sink),
        );
        if is_cancelled() {
            return;
        }
        done = results;
    }
    hand_on(done, sink);
}

/// One file's outcome: its report and a warning, or why it was not read.
type FileOutcome = Result<(DocReport, Option<SourceError>), SourceError>;

/// Hands a finished batch to `sink`, in order.
fn hand_on(results: Vec<FileOutcome>, sink: &mut (dyn FnMut(Event) + Send)) {
    for result in results {
        match result {
            Ok((report, warning)) => {
                sink(Event::Doc(report));
                if let Some(warning) = warning {
                    sink(Event::Problem(warning));
                }
            }
            Err(error) => sink(Event::Problem(error)),
        }
    }
}

/// Audits every file under `paths` and keeps all results in memory; for
/// drafts and tests. Archives go through [`audit_stream`].
pub fn audit_paths(matcher: &Matcher, paths: &[PathBuf]) -> AuditRun {
    audit_paths_with(matcher, paths, &AuditOptions::default())
}

/// Like [`audit_paths`], with options (a forced input format, walk flags).
pub fn audit_paths_with(matcher: &Matcher, paths: &[PathBuf], options: &AuditOptions) -> AuditRun {
    let mut run = AuditRun::default();
    audit_stream(matcher, paths, options, &mut |event| match event {
        Event::Walked { .. } => {}
        Event::Doc(report) => run.docs.push(report),
        Event::Problem(error) => run.errors.push(error),
    });
    run.errors.sort_by(|a, b| a.path.cmp(&b.path));
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast path for spans already on one line with single spaces
        /// gives what splitting on every kind of whitespace gives.
        #[test]
        fn whitespace_collapses_as_split_and_joined(
            s in "(ab?|  ?|-|[\t\n\u{a0}\u{3000}é]){0,8}"
        ) {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&s), joined);
        }
    }

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
