//! Diagnostics for people at a terminal, and for editors and scripts.
//!
//! Styles are always written as ANSI codes; the caller wraps the output in
//! an `anstream::AutoStream`, which strips them when colour is off
//! (`--color never`, `NO_COLOR`, or output that is not a terminal).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use crate::audit::{DocReport, Finding};
use crate::glossary::Severity;
use crate::matcher::Matcher;

/// How `check` prints findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Several lines per finding: location, sentence with the wrong text
    /// underlined, the expected rendering, the glossary note.
    Human,
    /// One line per finding: `path:line:column: severity: found → expected [concept]`.
    Short,
    /// One JSON object per line (JSON Lines).
    Json,
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// Writes the findings of `doc` in `format`.
pub fn write_findings(
    out: &mut dyn Write,
    format: Format,
    matcher: &Matcher,
    doc: &DocReport,
) -> io::Result<()> {
    for finding in &doc.findings {
        match format {
            Format::Short => write_short(out, matcher, doc, finding)?,
            Format::Human => write_human(out, matcher, doc, finding)?,
            Format::Json => write_json(out, matcher, doc, finding)?,
        }
    }
    Ok(())
}

/// `path:line:column: severity: found → expected [concept]`.
pub fn write_short(
    out: &mut dyn Write,
    matcher: &Matcher,
    doc: &DocReport,
    finding: &Finding,
) -> io::Result<()> {
    let concept = &matcher.concepts()[finding.concept];
    writeln!(
        out,
        "{}:{}:{}: {}: {} → {} [{}]",
        doc.path,
        finding.line,
        finding.column,
        finding.severity,
        finding.found,
        concept.preferred,
        concept.id
    )
}

/// A compiler-style diagnostic:
///
/// ```text
/// error[community-shared-future-mankind]: "community of human destiny" → "community with a shared future for mankind"
///   --> draft.txt:3:14
///    |
///  3 | … we must build a community of human destiny together …
///    |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^ use "community with a shared future for mankind"
///    = note: …
/// ```
pub fn write_human(
    out: &mut dyn Write,
    matcher: &Matcher,
    doc: &DocReport,
    finding: &Finding,
) -> io::Result<()> {
    let concept = &matcher.concepts()[finding.concept];
    let sev = severity_style(finding.severity);
    let bold = Style::new().bold();
    let blue = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    let kind = match finding.status {
        crate::matcher::Status::Fuzzy => format!(" (fuzzy, score {:.2})", finding.score),
        crate::matcher::Status::Pattern => " (pattern)".to_string(),
        _ => String::new(),
    };
    writeln!(
        out,
        "{sev}{}[{}]{sev:#}{bold}: \"{}\" → \"{}\"{kind}{bold:#}",
        finding.severity, concept.id, finding.found, concept.preferred
    )?;
    let gutter = finding.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(
        out,
        "{pad}{blue}-->{blue:#} {}:{}:{}",
        doc.path, finding.line, finding.column
    )?;
    writeln!(out, "{pad} {blue}|{blue:#}")?;
    let highlight = finding.highlight.clone();
    let context = &finding.context;
    let (before, found, after) = (
        &context[..highlight.start],
        &context[highlight.clone()],
        &context[highlight.end..],
    );
    writeln!(
        out,
        "{blue}{}{blue:#} {blue}|{blue:#} {before}{sev}{found}{sev:#}{after}",
        finding.line
    )?;
    writeln!(
        out,
        "{pad} {blue}|{blue:#} {}{sev}{} use \"{}\"{sev:#}",
        " ".repeat(before.width()),
        "^".repeat(found.width().max(1)),
        concept.preferred
    )?;
    if !concept.note.is_empty() {
        writeln!(
            out,
            "{pad} {blue}={blue:#} {bold}note{bold:#}: {}",
            concept.note
        )?;
    }
    writeln!(out)
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    concept: &'a str,
    severity: &'a str,
    kind: &'a str,
    score: f32,
    found: &'a str,
    expected: &'a str,
    context: &'a str,
    note: &'a str,
}

/// One JSON object per line, with the columns of `findings.csv`.
pub fn write_json(
    out: &mut dyn Write,
    matcher: &Matcher,
    doc: &DocReport,
    finding: &Finding,
) -> io::Result<()> {
    let concept = &matcher.concepts()[finding.concept];
    let json = JsonFinding {
        id: &finding.id,
        file: &doc.path,
        line: finding.line,
        column: finding.column,
        concept: &concept.id,
        severity: finding.severity.as_str(),
        kind: finding.status.as_str(),
        score: (finding.score * 100.0).round() / 100.0,
        found: &finding.found,
        expected: &concept.preferred,
        context: &finding.context,
        note: &concept.note,
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}
