//! The CSV reports: `findings.csv`, `summary.csv`, `concepts.csv`, `errors.csv`.
//!
//! [`ReportWriter`] streams rows to temporary files as documents arrive (in
//! path order, so rows are sorted by file, then position, whatever the
//! thread count) and renames them into place at the end, so an archive's
//! findings are never all held in memory and a crash leaves the previous
//! reports untouched. Every text cell passes through [`guard_formula`].

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::atomic::AtomicFile;
use super::candidates::CandidateTable;
use super::guard_formula;
use super::tally::{
    ALL, FormTable, Grouping, ScopeTally, Summary, Tally, add_forms, form_counts_from,
};
use crate::audit::{AuditRun, DocReport, Finding};
use crate::glossary::Severity;
use crate::matcher::{Matcher, Status};
use crate::source::{ProblemKind, SourceError};

/// Header of `findings.csv`.
pub const FINDINGS_HEADER: &[&str] = &[
    "id", "file", "line", "column", "concept", "severity", "kind", "score", "found", "expected",
    "context", "note", "review", "segment",
];
/// Header of `summary.csv` (the first column is `folder` when grouping by folder).
pub const SUMMARY_HEADER: &[&str] = &[
    "file",
    "concept",
    "preferred",
    "accepted",
    "variant",
    "pattern",
    "fuzzy",
    "adherence",
];
/// Header of `concepts.csv`.
pub const CONCEPTS_HEADER: &[&str] = &["concept", "status", "form", "count", "files"];
/// Header of `candidates.csv`.
pub const CANDIDATES_HEADER: &[&str] = &[
    "found",
    "count",
    "concept",
    "best_score",
    "nearest",
    "example",
];
/// Header of `errors.csv`.
pub const ERRORS_HEADER: &[&str] = &["file", "kind", "reason"];

/// How the CSV files are written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start each file with a UTF-8 byte-order mark: Excel reads a CSV file
    /// without one in the legacy code page and garbles Chinese and curly
    /// quotes. Off by default because other tools show the mark as junk.
    pub bom: bool,
    /// Summary rows per document or per folder.
    pub grouping: Grouping,
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes all four reports of an in-memory run into `dir` (created if
/// missing), plain UTF-8 with one summary row per document × concept.
pub fn write_reports(dir: &Path, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    write_reports_with(dir, matcher, run, CsvOptions::default())
}

/// Writes all four reports of an in-memory run into `dir`, as `options` say.
pub fn write_reports_with(
    dir: &Path,
    matcher: &Matcher,
    run: &AuditRun,
    options: CsvOptions,
) -> io::Result<()> {
    let mut writer = ReportWriter::create(dir, matcher, options)?;
    for doc in &run.docs {
        writer.add_doc(doc)?;
    }
    for error in &run.errors {
        writer.add_error(error.clone());
    }
    writer.finish()
}

type CsvFile = csv::Writer<AtomicFile>;

fn csv_file(path: &Path, header: &[&str], options: CsvOptions) -> io::Result<CsvFile> {
    let mut file = AtomicFile::create(path)?;
    if options.bom {
        file.write_all(BOM)?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file);
    writer.write_record(header)?;
    Ok(writer)
}

fn commit(writer: CsvFile) -> io::Result<()> {
    // `csv::Writer`'s drop flushes but discards errors: flush explicitly.
    writer.into_inner().map_err(|e| e.into_error())?.commit()
}

/// Totals of a run, for the summary line and the exit status.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunTotals {
    /// Documents audited.
    pub files: usize,
    /// Bytes audited.
    pub bytes: u64,
    /// Findings reported.
    pub findings: usize,
    /// Findings suppressed.
    pub suppressed: usize,
    /// Inputs that could not be read.
    pub read_errors: usize,
    /// Inputs deliberately not audited (binary, empty, not a regular file).
    pub skipped: usize,
    /// The most severe finding, if any.
    pub worst: Option<Severity>,
}

/// Streams the reports of a run into a folder.
pub struct ReportWriter<'m> {
    matcher: &'m Matcher,
    options: CsvOptions,
    findings: CsvFile,
    summary_csv: CsvFile,
    concepts_path: PathBuf,
    candidates_path: PathBuf,
    errors_path: PathBuf,
    candidates: CandidateTable,
    /// Whole-run counts, and per-folder ones when grouping by folder.
    summary: Summary,
    forms: FormTable,
    errors: Vec<SourceError>,
    totals: RunTotals,
}

impl<'m> ReportWriter<'m> {
    /// Starts the reports in `dir` (created if missing).
    pub fn create(
        dir: &Path,
        matcher: &'m Matcher,
        options: CsvOptions,
    ) -> io::Result<ReportWriter<'m>> {
        std::fs::create_dir_all(dir)?;
        let mut summary_header = SUMMARY_HEADER.to_vec();
        summary_header[0] = options.grouping.label();
        Ok(ReportWriter {
            matcher,
            options,
            findings: csv_file(&dir.join("findings.csv"), FINDINGS_HEADER, options)?,
            summary_csv: csv_file(&dir.join("summary.csv"), &summary_header, options)?,
            concepts_path: dir.join("concepts.csv"),
            candidates_path: dir.join("candidates.csv"),
            errors_path: dir.join("errors.csv"),
            candidates: CandidateTable::default(),
            summary: Summary::empty(options.grouping),
            forms: FormTable::new(),
            errors: Vec::new(),
            totals: RunTotals::default(),
        })
    }

    /// Adds one document; call in path order.
    pub fn add_doc(&mut self, doc: &DocReport) -> io::Result<()> {
        self.totals.files += 1;
        self.totals.bytes += doc.bytes;
        self.totals.findings += doc.findings.len();
        self.totals.suppressed += doc.suppressed;
        for finding in &doc.findings {
            self.totals.worst = self.totals.worst.max(Some(finding.severity));
            for cell in finding_row(self.matcher, doc, finding) {
                self.findings.write_field(&*guard_formula(&cell))?;
            }
            self.findings.write_record(None::<&[u8]>)?;
        }
        self.summary.add_doc(self.matcher, doc);
        if self.options.grouping == Grouping::Document {
            for scope in self.summary.take_scopes() {
                write_scope(&mut self.summary_csv, &scope)?;
            }
        }
        add_forms(&mut self.forms, doc);
        self.candidates.add_doc(self.matcher, doc);
        Ok(())
    }

    /// Adds an input that could not be read (or only with a caveat).
    pub fn add_error(&mut self, error: SourceError) {
        match error.kind {
            ProblemKind::Error => self.totals.read_errors += 1,
            ProblemKind::Skipped => self.totals.skipped += 1,
            ProblemKind::Warning => {}
        }
        self.errors.push(error);
    }

    /// The totals so far.
    pub fn totals(&self) -> RunTotals {
        self.totals
    }

    /// Writes the rest (folder and whole-run summary rows, `concepts.csv`,
    /// `candidates.csv`, `errors.csv`) and renames all reports into place.
    pub fn finish(mut self) -> io::Result<()> {
        for scope in self.summary.take_scopes() {
            write_scope(&mut self.summary_csv, &scope)?;
        }
        for (concept, tally) in &self.summary.concepts {
            write_summary_row(&mut self.summary_csv, ALL, concept, tally)?;
        }
        if self.summary.total.all() > 0 {
            write_summary_row(&mut self.summary_csv, ALL, ALL, &self.summary.total)?;
        }
        let mut concepts = csv_file(&self.concepts_path, CONCEPTS_HEADER, self.options)?;
        for f in form_counts_from(self.matcher, &self.forms) {
            concepts.write_record([
                f.concept.as_str(),
                f.status.as_str(),
                &guard_formula(&f.form),
                &f.count.to_string(),
                &f.files.to_string(),
            ])?;
        }
        let mut candidates = csv_file(&self.candidates_path, CANDIDATES_HEADER, self.options)?;
        for c in self.candidates.into_rows() {
            candidates.write_record([
                &*guard_formula(&c.found),
                &c.count.to_string(),
                &c.concept,
                &format!("{:.2}", c.best_score),
                &*guard_formula(&c.nearest),
                &*guard_formula(&c.example),
            ])?;
        }
        let mut errors = csv_file(&self.errors_path, ERRORS_HEADER, self.options)?;
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        for error in &self.errors {
            let path = error.path.display().to_string();
            errors.write_record([
                &*guard_formula(&path),
                error.kind.as_str(),
                &*guard_formula(&error.reason),
            ])?;
        }
        commit(self.findings)?;
        commit(self.summary_csv)?;
        commit(concepts)?;
        commit(candidates)?;
        commit(errors)
    }
}

/// The cells of one `findings.csv` row, unguarded.
pub fn finding_row<'a>(
    matcher: &'a Matcher,
    doc: &'a DocReport,
    finding: &'a Finding,
) -> [Cow<'a, str>; 14] {
    let concept = &matcher.concepts()[finding.concept];
    let note = match (finding.status, finding.form) {
        (Status::Fuzzy, Some(form)) => {
            let form = &matcher.forms()[form];
            Cow::Owned(format!(
                "{}: {}; {}",
                form.nearest_label(),
                form.text,
                concept.note
            ))
        }
        _ => Cow::Borrowed(concept.note.as_str()),
    };
    [
        Cow::Borrowed(finding.id.as_str()),
        Cow::Borrowed(doc.path.as_str()),
        Cow::Owned(finding.line.to_string()),
        Cow::Owned(finding.column.to_string()),
        Cow::Borrowed(concept.id.as_str()),
        Cow::Borrowed(finding.severity.as_str()),
        Cow::Borrowed(finding.status.as_str()),
        Cow::Owned(format!("{:.2}", finding.score)),
        Cow::Borrowed(finding.found.as_str()),
        Cow::Borrowed(concept.preferred.as_str()),
        Cow::Borrowed(finding.context.as_str()),
        note,
        Cow::Borrowed(""),
        Cow::Borrowed(finding.segment.as_deref().unwrap_or_default()),
    ]
}

/// Writes the `summary.csv` rows of one document or folder.
fn write_scope(writer: &mut CsvFile, scope: &ScopeTally) -> io::Result<()> {
    for (concept, tally) in &scope.concepts {
        write_summary_row(writer, &scope.scope, concept, tally)?;
    }
    Ok(())
}

/// Writes one `summary.csv` row, its counts formatted without allocating:
/// an archive has a row per document and concept.
fn write_summary_row(
    writer: &mut CsvFile,
    scope: &str,
    concept: &str,
    t: &Tally,
) -> io::Result<()> {
    writer.write_field(&*guard_formula(scope))?;
    writer.write_field(concept)?;
    for count in [t.preferred, t.accepted, t.variant, t.pattern, t.fuzzy] {
        writer.write_field(itoa::Buffer::new().format(count))?;
    }
    writer.write_field(&*format_adherence(t.adherence()))?;
    writer.write_record(None::<&[u8]>)?;
    Ok(())
}

/// `adherence` to three decimals; the common 0 and 1 without formatting.
fn format_adherence(adherence: f64) -> Cow<'static, str> {
    if adherence == 0.0 {
        Cow::Borrowed("0.000")
    } else if adherence == 1.0 {
        Cow::Borrowed("1.000")
    } else {
        Cow::Owned(format!("{adherence:.3}"))
    }
}
