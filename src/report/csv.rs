//! The CSV reports: `findings.csv`, `summary.csv`, `concepts.csv`, `errors.csv`.
//!
//! Rows are sorted by file, then position, so the same input gives the same
//! bytes whatever the thread count. Every text cell passes through
//! [`guard_formula`], and every file is written atomically.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::atomic::write_atomic;
use super::guard_formula;
use crate::audit::{AuditRun, DocReport, Finding};
use crate::glossary::ConceptId;
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

/// Writes all four reports into `dir` (created if missing).
pub fn write_reports(dir: &Path, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_atomic(&dir.join("findings.csv"), |w| {
        write_findings(w, matcher, run)
    })?;
    write_atomic(&dir.join("summary.csv"), |w| write_summary(w, matcher, run))?;
    write_atomic(&dir.join("concepts.csv"), |w| {
        write_concepts(w, matcher, run)
    })?;
    write_atomic(&dir.join("errors.csv"), |w| write_errors(w, run))?;
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
struct Tally {
    preferred: u32,
    accepted: u32,
    variant: u32,
    pattern: u32,
    fuzzy: u32,
}

impl Tally {
    fn add(&mut self, status: Status, count: u32) {
        let slot = match status {
            Status::Preferred => &mut self.preferred,
            Status::Accepted => &mut self.accepted,
            Status::Variant => &mut self.variant,
            Status::Pattern => &mut self.pattern,
            Status::Fuzzy => &mut self.fuzzy,
        };
        *slot += count;
    }

    /// Correct occurrences ÷ all occurrences.
    fn adherence(&self) -> f64 {
        let correct = self.preferred + self.accepted;
        let all = correct + self.variant + self.pattern + self.fuzzy;
        if all == 0 {
            1.0
        } else {
            f64::from(correct) / f64::from(all)
        }
    }
}

/// Writes `summary.csv`: one row per document × concept that occurs.
pub fn write_summary(w: &mut dyn Write, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    let mut writer = csv_writer(w);
    writer.write_record(SUMMARY_HEADER)?;
    for doc in &run.docs {
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        for ((concept, status, _), count) in &doc.occurrences {
            tallies
                .entry(&matcher.concepts()[*concept].id)
                .or_default()
                .add(*status, *count);
        }
        for (concept, t) in tallies {
            let row = [
                guard_formula(&doc.path).into_owned(),
                concept.to_string(),
                t.preferred.to_string(),
                t.accepted.to_string(),
                t.variant.to_string(),
                t.pattern.to_string(),
                t.fuzzy.to_string(),
                format!("{:.3}", t.adherence()),
            ];
            writer.write_record(&row)?;
        }
    }
    finish(writer)
}

/// Writes `concepts.csv`: one row per concept × form string seen in the run,
/// most frequent first within each concept and status.
pub fn write_concepts(w: &mut dyn Write, matcher: &Matcher, run: &AuditRun) -> io::Result<()> {
    let mut seen: BTreeMap<(&str, Status, &str), (u32, u32)> = BTreeMap::new();
    for doc in &run.docs {
        for ((concept, status, form), count) in &doc.occurrences {
            let id: &str = &matcher.concepts()[*concept as ConceptId].id;
            let entry = seen.entry((id, *status, form)).or_default();
            entry.0 += count;
            entry.1 += 1;
        }
    }
    let mut rows: Vec<_> = seen.into_iter().collect();
    rows.sort_by(|((c1, s1, f1), (n1, _)), ((c2, s2, f2), (n2, _))| {
        c1.cmp(c2)
            .then(s1.cmp(s2))
            .then(n2.cmp(n1))
            .then(f1.cmp(f2))
    });
    let mut writer = csv_writer(w);
    writer.write_record(CONCEPTS_HEADER)?;
    for ((concept, status, form), (count, files)) in rows {
        let row = [
            concept.to_string(),
            status.as_str().to_string(),
            guard_formula(form).into_owned(),
            count.to_string(),
            files.to_string(),
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
