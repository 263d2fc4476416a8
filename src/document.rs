//! Auditing one document of any format: read it, extract its segments,
//! audit each segment with the plain-text pipeline, and map every finding
//! back to the line and column of the original file.
//!
//! Plain text takes the same path as before extraction existed: the whole
//! file is one text. Other formats are audited segment by segment with
//! [`audit_text_with`], so matching, overlap resolution and exceptions work
//! exactly as for text; only positions are translated, through the
//! segment's byte map. Segments that carry their source text also get the
//! bilingual check ([`crate::bilingual`]). Pragmas (`<!-- termaudit: off -->`)
//! are read from the original file, since extraction drops comments.

use std::path::Path;

use crate::audit::{DocReport, Finding, Scratch, audit_text_with};
use crate::extract::{self, Extracted, Format, Segment, docx, shorten};
use crate::matcher::{Matcher, Status};
use crate::normalize::LineIndex;
use crate::report::finding_id;
use crate::source::{self, Decoded, ProblemKind, SourceError};
use crate::suppress::Pragmas;

/// Characters of the target segment shown as `found` in a `missing` finding.
const FOUND_CHARS: usize = 80;
/// Characters of the source shown before the target in its context.
const CONTEXT_SOURCE_CHARS: usize = 60;

/// Reads, extracts and audits the file at `path` as `format`. A file that
/// cannot be read or parsed is an error for `errors.csv`; a caveat (invalid
/// UTF-8 replaced) comes back beside the report.
pub fn audit_file(
    matcher: &Matcher,
    path: &Path,
    format: Format,
    scratch: &mut Scratch,
) -> Result<(DocReport, Option<SourceError>), SourceError> {
    if format.is_binary() {
        let bytes = std::fs::read(path)
            .map_err(|e| SourceError::new(path, ProblemKind::Error, e.to_string()))?;
        return audit_bytes(matcher, path, bytes, format, scratch);
    }
    // Text formats are read like plain text: BOM, UTF-16 and gzip handled.
    let document = source::read(path)?;
    let report = audit_text_as(matcher, path, document.text, format, scratch)?;
    Ok((report, document.warning))
}

/// Extracts and audits a document held in memory (standard input, or a
/// file already read); `path` names it in the report and in errors.
pub fn audit_bytes(
    matcher: &Matcher,
    path: &Path,
    bytes: Vec<u8>,
    format: Format,
    scratch: &mut Scratch,
) -> Result<(DocReport, Option<SourceError>), SourceError> {
    if format.is_binary() {
        let extracted = docx::extract(&bytes).map_err(|e| malformed(path, format, e))?;
        let size = bytes.len() as u64;
        let display_path = path.display().to_string();
        let report = audit_extracted(matcher, &display_path, &extracted, size, scratch);
        return Ok((report, None));
    }
    let (text, warning) = match source::decode(bytes) {
        Decoded::Text(text) => (text, None),
        Decoded::Lossy(text) => (text, Some(source::lossy_warning(path))),
        Decoded::Binary => {
            return Err(SourceError::new(
                path,
                ProblemKind::Skipped,
                format!("binary file (contains NUL bytes), not {format}"),
            ));
        }
    };
    let report = audit_text_as(matcher, path, text, format, scratch)?;
    Ok((report, warning))
}

/// Extracts and audits decoded text as `format`.
fn audit_text_as(
    matcher: &Matcher,
    path: &Path,
    text: String,
    format: Format,
    scratch: &mut Scratch,
) -> Result<DocReport, SourceError> {
    let display_path = path.display().to_string();
    if format == Format::Text {
        return Ok(audit_text_with(matcher, &display_path, &text, scratch));
    }
    let size = text.len() as u64;
    let extracted = extract::extract_text(format, text).map_err(|e| malformed(path, format, e))?;
    Ok(audit_extracted(
        matcher,
        &display_path,
        &extracted,
        size,
        scratch,
    ))
}

fn malformed(path: &Path, format: Format, error: extract::ExtractError) -> SourceError {
    SourceError::new(
        path,
        ProblemKind::Error,
        format!("malformed {format}: {error}"),
    )
}

/// Audits the segments of an extracted document: findings in original
/// coordinates, sorted by position; occurrences summed over segments.
pub fn audit_extracted(
    matcher: &Matcher,
    display_path: &str,
    extracted: &Extracted,
    bytes: u64,
    scratch: &mut Scratch,
) -> DocReport {
    let mut report = DocReport {
        path: display_path.to_string(),
        bytes,
        ..DocReport::default()
    };
    let original = extracted.original.as_str();
    let lines = LineIndex::new(original);
    for segment in &extracted.segments {
        let audited = audit_text_with(matcher, display_path, &segment.text, scratch);
        report.suppressed += audited.suppressed;
        for (key, count) in &audited.occurrences {
            *report.occurrences.entry(key.clone()).or_default() += count;
        }
        if let Some(source) = &segment.source {
            for missing in matcher.sources().missing(source, &audited.occurrences) {
                report.findings.push(missing_finding(
                    matcher,
                    display_path,
                    segment,
                    source,
                    missing.concept,
                    original,
                    &lines,
                ));
            }
        }
        for mut finding in audited.findings {
            let (start, end) = segment.original_span(finding.start, finding.end);
            (finding.line, finding.column) = lines.line_column(original, start);
            finding.start = start;
            finding.end = end;
            finding.segment = segment.id.clone();
            report.findings.push(finding);
        }
    }
    // Stable: at one position, the segment's `missing` stays first.
    report.findings.sort_by_key(|f| f.start);
    // Pragmas live in comments, which extraction drops: read them from the
    // original, where their lines are the findings' lines.
    let pragmas = Pragmas::parse(original);
    if !pragmas.is_empty() {
        let before = report.findings.len();
        report
            .findings
            .retain(|f| !pragmas.suppresses(&matcher.concepts()[f.concept].id, f.line));
        report.suppressed += before - report.findings.len();
    }
    report
}

/// A `missing` finding: at the start of the target, the target as `found`,
/// the source and target as context.
fn missing_finding(
    matcher: &Matcher,
    path: &str,
    segment: &Segment,
    source: &str,
    concept: usize,
    original: &str,
    lines: &LineIndex,
) -> Finding {
    let info = &matcher.concepts()[concept];
    let (start, end) = segment.original_span(0, segment.text.len());
    let (line, column) = lines.line_column(original, start);
    let found = shorten(&segment.text, FOUND_CHARS);
    let mut context = shorten(source, CONTEXT_SOURCE_CHARS);
    context.push_str(" → ");
    let highlight = context.len()..context.len() + found.len();
    context.push_str(&found);
    Finding {
        id: finding_id(path, &info.id, &found, &context),
        concept,
        status: Status::Missing,
        severity: info.severity,
        start,
        end,
        line,
        column,
        found,
        context,
        highlight,
        score: 1.0,
        form: None,
        segment: segment.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::from_csv_str;

    fn matcher() -> Matcher {
        let glossary = from_csv_str(
            Path::new("g.csv"),
            "id,source,preferred,variants\n\
             community,人类命运共同体,community with a shared future for mankind,community of human destiny\n",
        )
        .unwrap();
        Matcher::compile(&glossary).unwrap()
    }

    fn audit(format: Format, input: &str) -> DocReport {
        audit_bytes(
            &matcher(),
            Path::new("doc"),
            input.as_bytes().to_vec(),
            format,
            &mut Scratch::default(),
        )
        .unwrap()
        .0
    }

    #[test]
    fn findings_map_to_original_lines_and_columns() {
        let input = "# Title\n\nWe *build* a community of\nhuman destiny &amp; more.\n";
        let report = audit(Format::Markdown, input);
        assert_eq!(report.findings.len(), 1);
        let f = &report.findings[0];
        assert_eq!((f.line, f.column), (3, 14));
        assert_eq!(f.found, "community of human destiny");
        assert_eq!(f.context, "We build a community of human destiny & more.");
        assert_eq!(&input[f.start..f.end], "community of\nhuman destiny");
        assert_eq!(f.segment, None);
    }

    #[test]
    fn missing_rendering_and_no_double_finding() {
        let input = r#"<xliff version="1.2"><file><body>
<trans-unit id="a"><source>人类命运共同体</source><target>a shared destiny of humankind</target></trans-unit>
<trans-unit id="b"><source>人类命运共同体</source><target>a community of human destiny</target></trans-unit>
<trans-unit id="c"><source>人类命运共同体</source><target>community with a shared future for mankind</target></trans-unit>
</body></file></xliff>"#;
        let report = audit(Format::Xliff, input);
        let kinds: Vec<_> = report
            .findings
            .iter()
            .map(|f| (f.segment.as_deref().unwrap(), f.status, f.line))
            .collect();
        assert_eq!(
            kinds,
            [("a", Status::Missing, 2), ("b", Status::Variant, 3)]
        );
        let missing = &report.findings[0];
        assert_eq!(missing.found, "a shared destiny of humankind");
        assert_eq!(
            missing.context,
            "人类命运共同体 → a shared destiny of humankind"
        );
        let line = input.lines().nth(1).unwrap();
        let column = line[..line.find("a shared").unwrap()].chars().count() + 1;
        assert_eq!(missing.column, column);
    }

    #[test]
    fn plain_text_is_audited_as_before() {
        let text = "We build a community of human destiny.";
        let report = audit(Format::Text, text);
        let direct = crate::audit::audit_text(&matcher(), "doc", text);
        assert_eq!(report.findings, direct.findings);
    }
}
