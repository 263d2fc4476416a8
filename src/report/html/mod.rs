//! The HTML page (`--html`): one self-contained file for people who would
//! rather look than read. Totals, adherence per concept and per document (or
//! folder) as bar charts, the most frequent wrong renderings, and every
//! finding with its context highlighted, filterable by concept and severity
//! and searchable.
//!
//! Everything is inline (CSS, SVG, a small script) and a Content Security
//! Policy forbids loading anything, so the page works offline and sends
//! nothing anywhere. Found text, contexts and paths come from the audited
//! documents and are untrusted: every one passes through [`escape`], and no
//! document data is ever placed inside the script.

mod svg;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::atomic::write_atomic;
use super::tally::{Grouping, Summary, form_counts, frequent_wrong_forms};
use crate::audit::{AuditRun, DocReport, Finding};
use crate::glossary::Severity;
use crate::matcher::{Matcher, Status};
use svg::{Bar, bar_chart, worst_first};

/// Wrong renderings listed in the "most frequent" table.
pub const TOP_WRONG_FORMS: usize = 25;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Nothing may be fetched; only the inline style and script run.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Escapes text for HTML element content and double- or single-quoted
/// attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the page to `path` atomically; charts per document or folder as
/// `grouping` says.
pub fn write_page(
    path: &Path,
    matcher: &Matcher,
    run: &AuditRun,
    grouping: Grouping,
) -> io::Result<()> {
    let page = render(matcher, run, grouping);
    crate::report::create_parent(path)?;
    write_atomic(path, |w| w.write_all(page.as_bytes()))
}

/// The whole page as a string. The same run gives the same bytes (no clock,
/// no randomness), so pages can be compared and committed.
pub fn render(matcher: &Matcher, run: &AuditRun, grouping: Grouping) -> String {
    let summary = Summary::new(matcher, run, grouping);
    let mut out = String::with_capacity(4096 + 512 * run.findings().count());
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"termaudit\">\n");
    out.push_str("<title>termaudit report</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>Terminology audit</h1>\n");
    totals(&mut out, run, &summary);
    concept_chart(&mut out, matcher, &summary);
    scope_chart(&mut out, &summary);
    wrong_forms(&mut out, matcher, run);
    findings(&mut out, matcher, run);
    errors(&mut out, run);
    out.push_str("<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// Concept id → preferred form, for labels (looked up once, not per row).
fn preferred_forms(matcher: &Matcher) -> BTreeMap<&str, &str> {
    matcher
        .concepts()
        .iter()
        .map(|c| (c.id.as_str(), c.preferred.as_str()))
        .collect()
}

fn card(out: &mut String, value: &str, label: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><b>{}</b><span>{}</span></div>",
        escape(value),
        escape(label)
    );
}

fn totals(out: &mut String, run: &AuditRun, summary: &Summary) {
    let mut by_severity = [0usize; 3];
    for (_, finding) in run.findings() {
        by_severity[finding.severity as usize] += 1;
    }
    let [info, warning, error] = by_severity;
    let with_findings = run.docs.iter().filter(|d| !d.findings.is_empty()).count();
    let unreadable = run.errors.iter().filter(|e| e.is_error()).count();
    let total = &summary.total;
    out.push_str("<section id=\"totals\"><div class=\"cards\">");
    card(
        out,
        &format!("{:.1}%", total.adherence() * 100.0),
        "adherence (whole run)",
    );
    card(out, &run.docs.len().to_string(), "documents audited");
    card(out, &with_findings.to_string(), "documents with findings");
    card(out, &total.all().to_string(), "term occurrences");
    card(out, &total.correct().to_string(), "correct");
    card(out, &(info + warning + error).to_string(), "findings");
    card(out, &error.to_string(), "of severity error");
    card(out, &warning.to_string(), "of severity warning");
    card(out, &info.to_string(), "of severity info");
    if unreadable > 0 {
        card(out, &unreadable.to_string(), "files not read");
    }
    out.push_str("</div>");
    out.push_str(
        "<p class=\"note\">Adherence = correct occurrences (preferred + accepted) ÷ all occurrences \
         of a concept (correct + variant + pattern + fuzzy).</p></section>\n",
    );
}

fn concept_chart(out: &mut String, matcher: &Matcher, summary: &Summary) {
    out.push_str("<section id=\"concepts\"><h2>Adherence per concept</h2>");
    if summary.concepts.is_empty() {
        out.push_str("<p class=\"note\">No concept of the glossary occurs.</p></section>\n");
        return;
    }
    let preferred = preferred_forms(matcher);
    let mut bars: Vec<Bar<'_>> = summary
        .concepts
        .iter()
        .map(|(id, tally)| {
            let preferred = preferred.get(id.as_str()).copied().unwrap_or_default();
            Bar {
                label: id,
                title: format!("{id}: {preferred}"),
                tally: *tally,
                href: Some(format!("#concept={}", url_component(id))),
            }
        })
        .collect();
    worst_first(&mut bars);
    bar_chart(out, "Adherence per concept", &bars);
    out.push_str("<p class=\"note\">Click a concept to list its findings below.</p></section>\n");
}

fn scope_chart(out: &mut String, summary: &Summary) {
    let what = match summary.grouping {
        Grouping::Document => "document",
        Grouping::Directory => "folder",
    };
    let _ = write!(out, "<section id=\"scopes\"><h2>Adherence per {what}</h2>");
    if summary.scopes.is_empty() {
        out.push_str("<p class=\"note\">No concept of the glossary occurs.</p></section>\n");
        return;
    }
    let mut bars: Vec<Bar<'_>> = summary
        .scopes
        .iter()
        .map(|scope| Bar {
            label: &scope.scope,
            title: scope.scope.clone(),
            tally: scope.total,
            href: (summary.grouping == Grouping::Document)
                .then(|| format!("#q={}", url_component(&scope.scope))),
        })
        .collect();
    worst_first(&mut bars);
    bar_chart(out, &format!("Adherence per {what}"), &bars);
    out.push_str("</section>\n");
}

fn wrong_forms(out: &mut String, matcher: &Matcher, run: &AuditRun) {
    out.push_str("<section id=\"wrong\"><h2>Most frequent wrong renderings</h2>");
    let forms = form_counts(matcher, run);
    let wrong = frequent_wrong_forms(&forms);
    if wrong.is_empty() {
        out.push_str("<p class=\"note\">None.</p></section>\n");
        return;
    }
    out.push_str(
        "<table><thead><tr><th>wrong rendering</th><th>kind</th><th>count</th><th>files</th>\
         <th>concept</th><th>use instead</th></tr></thead><tbody>",
    );
    let preferred = preferred_forms(matcher);
    for form in wrong.iter().take(TOP_WRONG_FORMS) {
        let preferred = preferred
            .get(form.concept.as_str())
            .copied()
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td><a href=\"#concept={}\">{}</a></td><td>{}</td></tr>",
            escape(&form.form),
            form.status.as_str(),
            form.count,
            form.files,
            escape(&url_component(&form.concept)),
            escape(&form.concept),
            escape(preferred)
        );
    }
    out.push_str("</tbody></table>");
    if wrong.len() > TOP_WRONG_FORMS {
        let _ = write!(
            out,
            "<p class=\"note\">{} more in concepts.csv.</p>",
            wrong.len() - TOP_WRONG_FORMS
        );
    }
    out.push_str("</section>\n");
}

fn findings(out: &mut String, matcher: &Matcher, run: &AuditRun) {
    let total = run.findings().count();
    out.push_str("<section id=\"findings\"><h2>Findings</h2>");
    out.push_str("<form id=\"filters\" onsubmit=\"return false\">");
    out.push_str("<label>Concept<select id=\"concept\"><option value=\"\">all concepts</option>");
    let concepts: BTreeSet<&str> = run
        .findings()
        .map(|(_, f)| matcher.concepts()[f.concept].id.as_str())
        .collect();
    for id in concepts {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", escape(id));
    }
    out.push_str("</select></label>");
    out.push_str(
        "<label>Severity<select id=\"severity\"><option value=\"\">all severities</option>",
    );
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", severity.as_str());
    }
    out.push_str("</select></label>");
    out.push_str(
        "<label>Search<input id=\"q\" type=\"search\" placeholder=\"text, file, concept…\" autocomplete=\"off\"></label>",
    );
    let _ = write!(
        out,
        "<output id=\"shown\">{total} of {total} findings shown</output></form>"
    );
    out.push_str(
        "<table id=\"finding-table\"><thead><tr><th>file</th><th>line:col</th><th>concept</th>\
         <th>severity</th><th>kind</th><th>score</th><th>context</th><th>use instead</th></tr></thead><tbody>\n",
    );
    for (doc, finding) in run.findings() {
        finding_row(out, matcher, doc, finding);
    }
    out.push_str("</tbody></table></section>\n");
}

fn finding_row(out: &mut String, matcher: &Matcher, doc: &DocReport, finding: &Finding) {
    let concept = &matcher.concepts()[finding.concept];
    let severity = finding.severity.as_str();
    let nearest = match (finding.status, finding.form) {
        (Status::Fuzzy, Some(form)) => {
            let form = &matcher.forms()[form];
            format!(" ({}: {})", form.nearest_label(), form.text)
        }
        _ => String::new(),
    };
    let _ = write!(
        out,
        "<tr class=\"finding\" data-concept=\"{}\" data-severity=\"{severity}\" data-kind=\"{}\">\
         <td>{}</td><td class=\"num\">{}:{}</td><td title=\"{}\">{}</td>\
         <td><span class=\"sev sev-{severity}\">{severity}</span></td><td>{}</td>\
         <td class=\"num\">{:.2}</td><td class=\"ctx\">",
        escape(&concept.id),
        finding.status.as_str(),
        escape(&doc.path),
        finding.line,
        finding.column,
        escape(&format!("{}{nearest}", concept.note)),
        escape(&concept.id),
        finding.status.as_str(),
        finding.score,
    );
    highlighted(out, finding);
    let _ = writeln!(out, "</td><td>{}</td></tr>", escape(&concept.preferred));
}

/// The context with the found text in a `<mark>`, each part escaped.
fn highlighted(out: &mut String, finding: &Finding) {
    let context = &finding.context;
    let range = finding.highlight.clone();
    match (
        context.get(..range.start),
        context.get(range.clone()),
        context.get(range.end..),
    ) {
        (Some(before), Some(found), Some(after)) if !found.is_empty() => {
            let _ = write!(
                out,
                "{}<mark>{}</mark>{}",
                escape(before),
                escape(found),
                escape(after)
            );
        }
        _ => out.push_str(&escape(context)),
    }
}

fn errors(out: &mut String, run: &AuditRun) {
    if run.errors.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"errors\"><h2>Files not read, or read with a caveat</h2>\
         <table><thead><tr><th>file</th><th>kind</th><th>reason</th></tr></thead><tbody>",
    );
    for error in &run.errors {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&error.path.display().to_string()),
            error.kind.as_str(),
            escape(&error.reason)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// Percent-encodes everything but unreserved characters, for `#key=value`
/// links that the page's script reads back with `URLSearchParams`.
fn url_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(
            escape(r#"<script>alert('x' & "y")</script>"#),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("人类 “ok”"), "人类 “ok”");
    }

    #[test]
    fn url_components_are_percent_encoded() {
        assert_eq!(url_component("a-b"), "a-b");
        assert_eq!(url_component("docs/a b&c.txt"), "docs%2Fa%20b%26c.txt");
        assert_eq!(url_component("人"), "%E4%BA%BA");
    }

    #[test]
    fn the_script_holds_no_closing_tag() {
        assert!(!SCRIPT.contains("</"), "would end the inline script early");
    }
}
