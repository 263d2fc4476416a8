//! The CSV reports: `findings.csv`, `summary.csv`, `concepts.csv`, `errors.csv`.
//!
//! Rows are sorted by file, then position, so the same input gives the same
//! bytes whatever the thread count. Every text cell passes through
//! [`guard_formula`], and every file is written atomically.

use std::io::{self, Write};
use std::path::Path;

use super::atomic::write_atomic;
use super::tally::{ALL, Grouping, Summary, Tally, form_counts};
use super::{finding_id, guard_formula};
use crate::audit::{AuditRun, DocReport, Finding};
use crate::matcher::{Matcher, Status};

/// Header of `findings.csv`.
pub const FINDINGS_HEADER: &[&str] = &[
    "id", "file", "line", "column", "concept", "severity", "kind", "score", "found", "expected",
    "context", "note", "review",
];
/// Header of `summary.csv`.
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

/// Writes all four reports into `dir` (created if missing), plain UTF-8 with
/// one summary row per document × concept.
pub fn write_reports(dir: &Path, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    write_reports_with(dir, matcher, run, CsvOptions::default())
}

/// Writes all four reports into `dir` (created if missing), as `options` say.
pub fn write_reports_with(
    dir: &Path,
    matcher: &Matcher,
    run: &AuditRun,
    options: CsvOptions,
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let prefix = if options.bom { BOM } else { b"" };
    write_atomic(&dir.join("findings.csv"), |w| {
        w.write_all(prefix)?;
        write_findings(w, matcher, run)
    })?;
    let summary = Summary::new(matcher, run, options.grouping);
    write_atomic(&dir.join("summary.csv"), |w| {
        w.write_all(prefix)?;
        write_summary_of(w, &summary)
    })?;
    write_atomic(&dir.join("concepts.csv"), |w| {
        w.write_all(prefix)?;
        write_concepts(w, matcher, run)
    })?;
    write_atomic(&dir.join("errors.csv"), |w| {
        w.write_all(prefix)?;
        write_errors(w, run)
    })?;
    Ok(())
}

fn csv_writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

fn finish(writer: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    // `Writer`'s drop flushes but discards errors; flush explicitly.
    writer.into_inner().map_err(|e| e.into_error())?.flush()
}

/// Writes `findings.csv`.
pub fn write_findings(w: &mut dyn Write, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    let mut writer = csv_writer(w);
    writer.write_record(FINDINGS_HEADER)?;
    for (doc, finding) in run.findings() {
        writer.write_record(
            finding_row(matcher, doc, finding)
                .iter()
                .map(|c| guard_formula(c).into_owned()),
        )?;
    }
    finish(writer)
}

/// The cells of one `findings.csv` row, unguarded.
pub fn finding_row(matcher: &Matcher, doc: &DocReport, finding: &Finding) -> [String; 13] {
    let concept = &matcher.concepts()[finding.concept];
    let note = match (finding.status, finding.form) {
        (Status::Fuzzy, Some(form)) => {
            format!(
                "nearest listed form: {}; {}",
                matcher.forms()[form].text,
                concept.note
            )
        }
        _ => concept.note.clone(),
    };
    [
        finding_id(&doc.path, &concept.id, &finding.found, &finding.context),
        doc.path.clone(),
        finding.line.to_string(),
        finding.column.to_string(),
        concept.id.clone(),
        finding.severity.to_string(),
        finding.status.as_str().to_string(),
        format!("{:.2}", finding.score),
        finding.found.clone(),
        concept.preferred.clone(),
        finding.context.clone(),
        note,
        String::new(),
    ]
}

/// Writes `summary.csv` with one row per document × concept, then the
/// whole-run rows.
pub fn write_summary(w: &mut dyn Write, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    write_summary_of(w, &Summary::new(matcher, run, Grouping::Document))
}

/// Writes `summary.csv`: one row per scope (document or folder) × concept
/// that occurs, then one `(all)` row per concept over the whole run and one
/// `(all)`, `(all)` row for everything. The first column is headed `file`
/// or `folder`.
pub fn write_summary_of(w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let mut writer = csv_writer(w);
    let mut header = SUMMARY_HEADER.to_vec();
    header[0] = summary.grouping.label();
    writer.write_record(&header)?;
    let rows = summary
        .scopes
        .iter()
        .flat_map(|s| s.concepts.iter().map(|(c, t)| (s.scope.as_str(), c, t)))
        .chain(summary.concepts.iter().map(|(c, t)| (ALL, c, t)));
    for (scope, concept, t) in rows {
        writer.write_record(summary_row(scope, concept, t))?;
    }
    if summary.total.all() > 0 {
        writer.write_record(summary_row(ALL, ALL, &summary.total))?;
    }
    finish(writer)
}

fn summary_row(scope: &str, concept: &str, t: &Tally) -> [String; 8] {
    [
        guard_formula(scope).into_owned(),
        concept.to_string(),
        t.preferred.to_string(),
        t.accepted.to_string(),
        t.variant.to_string(),
        t.pattern.to_string(),
        t.fuzzy.to_string(),
        format!("{:.3}", t.adherence()),
    ]
}

/// Writes `concepts.csv`: one row per concept × form string seen in the run,
/// most frequent first within each concept and status.
pub fn write_concepts(w: &mut dyn Write, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    let mut writer = csv_writer(w);
    writer.write_record(CONCEPTS_HEADER)?;
    for f in form_counts(matcher, run) {
        let row = [
            f.concept,
            f.status.as_str().to_string(),
            guard_formula(&f.form).into_owned(),
            f.count.to_string(),
            f.files.to_string(),
        ];
        writer.write_record(&row)?;
    }
    finish(writer)
}

/// Writes `errors.csv`: inputs that could not be read, or only with a caveat.
pub fn write_errors(w: &mut dyn Write, run: &AuditRun) -> io::Result<()> {
    let mut writer = csv_writer(w);
    writer.write_record(ERRORS_HEADER)?;
    for error in &run.errors {
        let path = error.path.display().to_string();
        writer.write_record([
            &*guard_formula(&path),
            error.kind.as_str(),
            &*guard_formula(&error.reason),
        ])?;
    }
    finish(writer)
}
