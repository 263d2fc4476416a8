//! Diagnostics for people at a terminal and for editors that parse
//! `path:line:column:` lines.

use std::io::{self, Write};

use crate::audit::{DocReport, Finding};
use crate::matcher::Matcher;

/// Writes one line per finding: `path:line:column: severity: found → expected [concept]`.
pub fn write_short(
    out: &mut dyn Write,
    matcher: &Matcher,
    doc: &DocReport,
    findings: &[&Finding],
) -> io::Result<()> {
    for finding in findings {
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
        )?;
    }
    Ok(())
}
