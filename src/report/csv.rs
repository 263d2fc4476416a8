//! The CSV reports: `findings.csv`, `summary.csv`, `concepts.csv`, `errors.csv`.
//!
//! [`ReportWriter`] streams rows to temporary files as documents arrive (in
//! path order, so rows are sorted by file, then position, whatever the
//! thread count) and renames them into place at the end, so an archive's
//! findings are never all held in memory and a crash leaves the previous
//! reports untouched. Every text cell passes through [`guard_formula`].

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use super::atomic::AtomicFile;
use super::guard_formula;
use crate::audit::{AuditRun, DocReport, Finding};
use crate::glossary::{ConceptId, Severity};
use crate::matcher::{Matcher, Status};
use crate::source::SourceError;

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

/// Writes all four reports of an in-memory run into `dir` (created if missing).
pub fn write_reports(dir: &Path, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    let mut writer = ReportWriter::create(dir, matcher)?;
    for doc in &run.docs {
        writer.add_doc(doc)?;
    }
    for error in &run.errors {
        writer.add_error(error.clone());
    }
    writer.finish()
}

type CsvFile = csv::Writer<AtomicFile>;

fn csv_file(path: &Path, header: &[&str]) -> io::Result<CsvFile> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(AtomicFile::create(path)?);
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
    /// The most severe finding, if any.
    pub worst: Option<Severity>,
}

/// Streams the reports of a run into a folder.
pub struct ReportWriter<'m> {
    matcher: &'m Matcher,
    findings: CsvFile,
    summary: CsvFile,
    concepts_path: std::path::PathBuf,
    errors_path: std::path::PathBuf,
    /// (concept, status, form) → (occurrences, documents).
    forms: BTreeMap<(ConceptId, Status, String), (u32, u32)>,
    errors: Vec<SourceError>,
    totals: RunTotals,
}

impl<'m> ReportWriter<'m> {
    /// Starts the reports in `dir` (created if missing).
    pub fn create(dir: &Path, matcher: &'m Matcher) -> io::Result<ReportWriter<'m>> {
        std::fs::create_dir_all(dir)?;
        Ok(ReportWriter {
            matcher,
            findings: csv_file(&dir.join("findings.csv"), FINDINGS_HEADER)?,
            summary: csv_file(&dir.join("summary.csv"), SUMMARY_HEADER)?,
            concepts_path: dir.join("concepts.csv"),
            errors_path: dir.join("errors.csv"),
            forms: BTreeMap::new(),
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
        for row in summary_rows(self.matcher, doc) {
            self.summary.write_record(&row)?;
        }
        for ((concept, status, form), count) in &doc.occurrences {
            let entry = self
                .forms
                .entry((*concept, *status, form.clone()))
                .or_default();
            entry.0 += count;
            entry.1 += 1;
        }
        Ok(())
    }

    /// Adds an input that could not be read (or only with a caveat).
    pub fn add_error(&mut self, error: SourceError) {
        if error.is_error() {
            self.totals.read_errors += 1;
        }
        self.errors.push(error);
    }

    /// The totals so far.
    pub fn totals(&self) -> RunTotals {
        self.totals
    }

    /// Writes `concepts.csv` and `errors.csv` and renames all four reports into place.
    pub fn finish(mut self) -> io::Result<()> {
        let mut concepts = csv_file(&self.concepts_path, CONCEPTS_HEADER)?;
        for row in concept_rows(self.matcher, &self.forms) {
            concepts.write_record(&row)?;
        }
        let mut errors = csv_file(&self.errors_path, ERRORS_HEADER)?;
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
        commit(self.summary)?;
        commit(concepts)?;
        commit(errors)
    }
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
        finding.id.clone(),
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

/// Counts of one concept in one document.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Preferred occurrences.
    pub preferred: u32,
    /// Accepted occurrences.
    pub accepted: u32,
    /// Listed wrong renderings.
    pub variant: u32,
    /// Pattern matches.
    pub pattern: u32,
    /// Fuzzy matches.
    pub fuzzy: u32,
}

impl Tally {
    /// Adds `count` occurrences of `status`.
    pub fn add(&mut self, status: Status, count: u32) {
        let slot = match status {
            Status::Preferred => &mut self.preferred,
            Status::Accepted => &mut self.accepted,
            Status::Variant => &mut self.variant,
            Status::Pattern => &mut self.pattern,
            Status::Fuzzy => &mut self.fuzzy,
        };
        *slot += count;
    }

    /// Correct occurrences ÷ all occurrences (1 when there are none).
    pub fn adherence(&self) -> f64 {
        let correct = self.preferred + self.accepted;
        let all = correct + self.variant + self.pattern + self.fuzzy;
        if all == 0 {
            1.0
        } else {
            f64::from(correct) / f64::from(all)
        }
    }
}

/// The `summary.csv` rows of one document: one per concept that occurs.
fn summary_rows(matcher: &Matcher, doc: &DocReport) -> Vec<[String; 8]> {
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for ((concept, status, _), count) in &doc.occurrences {
        tallies
            .entry(&matcher.concepts()[*concept].id)
            .or_default()
            .add(*status, *count);
    }
    tallies
        .into_iter()
        .map(|(concept, t)| {
            [
                guard_formula(&doc.path).into_owned(),
                concept.to_string(),
                t.preferred.to_string(),
                t.accepted.to_string(),
                t.variant.to_string(),
                t.pattern.to_string(),
                t.fuzzy.to_string(),
                format!("{:.3}", t.adherence()),
            ]
        })
        .collect()
}

/// The `concepts.csv` rows: by concept id and status, most frequent form first.
fn concept_rows(
    matcher: &Matcher,
    forms: &BTreeMap<(ConceptId, Status, String), (u32, u32)>,
) -> Vec<[String; 5]> {
    let mut rows: Vec<_> = forms
        .iter()
        .map(|((concept, status, form), counts)| {
            (
                matcher.concepts()[*concept].id.as_str(),
                *status,
                form,
                *counts,
            )
        })
        .collect();
    rows.sort_by(|(c1, s1, f1, (n1, _)), (c2, s2, f2, (n2, _))| {
        c1.cmp(c2)
            .then(s1.cmp(s2))
            .then(n2.cmp(n1))
            .then(f1.cmp(f2))
    });
    rows.into_iter()
        .map(|(concept, status, form, (count, files))| {
            [
                concept.to_string(),
                status.as_str().to_string(),
                guard_formula(form).into_owned(),
                count.to_string(),
                files.to_string(),
            ]
        })
        .collect()
}
