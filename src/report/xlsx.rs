//! The Excel workbook (`--xlsx`): the same findings and counts as the CSV
//! files, but ready to work in: frozen headers, filters, widths, wrapped
//! context with the found text in bold red, severity colours, a drop-down
//! for the reviewer's verdict, and numbers stored as numbers so they sort
//! and sum.
//!
//! Cells are written as strings or numbers, never as formulas, so the CSV
//! formula guard is not needed (and would show a stray apostrophe).

use std::io;
use std::path::Path;

use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::atomic::write_atomic;
use super::candidates::{Candidate, candidates};
use super::csv::{CONCEPTS_HEADER, ERRORS_HEADER, FINDINGS_HEADER, SUMMARY_HEADER, finding_row};
use super::tally::{ALL, Grouping, Summary, Tally, form_counts};
use crate::audit::{AuditRun, DocReport, Finding};
use crate::glossary::Severity;
use crate::matcher::Matcher;

/// The verdicts offered in the `review` column.
pub const REVIEW_CHOICES: &[&str] = &["ok", "false positive", "wontfix", "fixed"];

/// Header of the Candidates sheet.
pub const CANDIDATES_HEADER: &[&str] = &[
    "found",
    "count",
    "concept",
    "best score",
    "nearest form",
    "example context",
];

/// The most characters Excel keeps in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Rows of a sheet Excel can show; the header takes one.
const MAX_ROWS: usize = 1_048_576;

/// Why the workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The workbook could not be built (a limit of the format).
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    /// The file could not be written.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Builds the workbook and writes it to `path` atomically; summary rows per
/// document or folder as `grouping` says.
pub fn write_workbook(
    path: &Path,
    matcher: &Matcher,
    run: &AuditRun,
    grouping: Grouping,
) -> Result<(), WorkbookError> {
    let bytes = workbook_bytes(matcher, run, grouping)?;
    super::create_parent(path)?;
    write_atomic(path, |w| w.write_all(&bytes))?;
    Ok(())
}

/// Builds the workbook in memory: sheets Findings, Summary, Concepts,
/// Candidates (only when fuzzy matching found something) and Errors.
pub fn workbook_bytes(
    matcher: &Matcher,
    run: &AuditRun,
    grouping: Grouping,
) -> Result<Vec<u8>, WorkbookError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    findings_sheet(workbook.add_worksheet(), &styles, matcher, run)?;
    let summary = Summary::new(matcher, run, grouping);
    summary_sheet(workbook.add_worksheet(), &styles, &summary)?;
    concepts_sheet(workbook.add_worksheet(), &styles, matcher, run)?;
    let candidates = candidates(matcher, run);
    if !candidates.is_empty() {
        candidates_sheet(workbook.add_worksheet(), &styles, &candidates)?;
    }
    errors_sheet(workbook.add_worksheet(), &styles, run)?;
    Ok(workbook.save_to_buffer()?)
}

/// The formats, made once.
struct Styles {
    header: Format,
    text: Format,
    wrap: Format,
    found: Format,
    score: Format,
    percent: Format,
    total: Format,
    total_percent: Format,
    severity: [Format; 3],
}

impl Styles {
    fn new() -> Styles {
        let top = Format::new().set_align(FormatAlign::Top);
        let severity = |fill: u32, font: u32| {
            top.clone()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(font))
        };
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE4EE))
                .set_border_bottom(FormatBorder::Thin),
            text: top.clone(),
            wrap: top.clone().set_text_wrap(),
            found: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(0xC00000)),
            score: top.clone().set_num_format("0.00"),
            percent: Format::new().set_num_format("0.0%"),
            total: Format::new().set_bold(),
            total_percent: Format::new().set_bold().set_num_format("0.0%"),
            // Indexed by `Severity as usize`: info, warning, error.
            severity: [
                severity(0xDDEBF7, 0x1F4E79),
                severity(0xFFEB9C, 0x9C5700),
                severity(0xFFC7CE, 0x9C0006),
            ],
        }
    }

    fn severity(&self, severity: Severity) -> &Format {
        &self.severity[severity as usize]
    }
}

/// Names the sheet, writes the header, freezes it and sets column widths.
fn start_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    name: &str,
    header: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (col, (title, width)) in header.iter().zip(widths).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *title, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Turns on the autofilter over the header and `rows` data rows.
fn filter(sheet: &mut Worksheet, columns: usize, rows: usize) -> Result<(), XlsxError> {
    let last_col = columns.saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows as u32, last_col)?;
    Ok(())
}

/// Text as Excel will keep it: at most [`MAX_CELL_CHARS`] characters.
fn cell(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// How many of `n` rows fit under a header, and how many are left out.
fn rows_that_fit(n: usize) -> (usize, usize) {
    let room = MAX_ROWS - 1;
    if n <= room {
        (n, 0)
    } else {
        // One row says how many were left out.
        (room - 1, n - (room - 1))
    }
}

fn findings_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    matcher: &Matcher,
    run: &AuditRun,
) -> Result<(), XlsxError> {
    start_sheet(
        sheet,
        styles,
        "Findings",
        FINDINGS_HEADER,
        &[
            17.0, 28.0, 6.0, 7.0, 22.0, 9.0, 8.0, 6.0, 28.0, 30.0, 60.0, 40.0, 15.0, 14.0,
        ],
    )?;
    let total = run.findings().count();
    let (shown, omitted) = rows_that_fit(total);
    for (i, (doc, finding)) in run.findings().take(shown).enumerate() {
        finding_cells(sheet, styles, matcher, i as u32 + 1, doc, finding)?;
    }
    let mut rows = shown;
    if omitted > 0 {
        rows += 1;
        sheet.write_string_with_format(
            rows as u32,
            0,
            format!("{omitted} more findings: see findings.csv"),
            &styles.total,
        )?;
    }
    filter(sheet, FINDINGS_HEADER.len(), rows)?;
    let review_col = FINDINGS_HEADER
        .iter()
        .position(|h| *h == "review")
        .unwrap_or(FINDINGS_HEADER.len() - 1) as u16;
    let review = DataValidation::new()
        .allow_list_strings(REVIEW_CHOICES)?
        .set_error_title("Review")?
        .set_error_message("Choose ok, false positive, wontfix or fixed.")?;
    sheet.add_data_validation(1, review_col, shown.max(1) as u32, review_col, &review)?;
    Ok(())
}

fn finding_cells(
    sheet: &mut Worksheet,
    styles: &Styles,
    matcher: &Matcher,
    row: u32,
    doc: &DocReport,
    finding: &Finding,
) -> Result<(), XlsxError> {
    let cells = finding_row(matcher, doc, finding);
    for (col, value) in cells.iter().enumerate() {
        let col = col as u16;
        match col {
            2 => sheet.write_number_with_format(row, col, finding.line as f64, &styles.text)?,
            3 => sheet.write_number_with_format(row, col, finding.column as f64, &styles.text)?,
            5 => sheet.write_string_with_format(
                row,
                col,
                cell(value),
                styles.severity(finding.severity),
            )?,
            7 => sheet.write_number_with_format(
                row,
                col,
                // Through the decimal text, so 0.8f32 reads back as 0.8.
                value.parse::<f64>().unwrap_or(f64::from(finding.score)),
                &styles.score,
            )?,
            10 => {
                context_cell(sheet, styles, row, col, finding)?;
                continue;
            }
            12 => sheet.write_blank(row, col, &styles.text)?,
            8 | 9 | 11 => sheet.write_string_with_format(row, col, cell(value), &styles.wrap)?,
            _ => sheet.write_string_with_format(row, col, cell(value), &styles.text)?,
        };
    }
    Ok(())
}

/// The context, wrapped, with the found text in bold red.
fn context_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    finding: &Finding,
) -> Result<(), XlsxError> {
    let context = &finding.context;
    let parts = context
        .get(..finding.highlight.start)
        .zip(context.get(finding.highlight.clone()))
        .zip(context.get(finding.highlight.end..));
    let Some(((before, found), after)) = parts.filter(|((_, found), _)| !found.is_empty()) else {
        sheet.write_string_with_format(row, col, cell(context), &styles.wrap)?;
        return Ok(());
    };
    let segments: Vec<(&Format, &str)> = [
        (&styles.text, before),
        (&styles.found, found),
        (&styles.text, after),
    ]
    .into_iter()
    // Excel rejects empty runs.
    .filter(|(_, s)| !s.is_empty())
    .collect();
    sheet.write_rich_string_with_format(row, col, &segments, &styles.wrap)?;
    Ok(())
}

fn summary_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    summary: &Summary,
) -> Result<(), XlsxError> {
    let mut header = SUMMARY_HEADER.to_vec();
    header[0] = summary.grouping.label();
    start_sheet(
        sheet,
        styles,
        "Summary",
        &header,
        &[36.0, 26.0, 10.0, 10.0, 9.0, 9.0, 8.0, 11.0],
    )?;
    let mut row = 0;
    for scope in &summary.scopes {
        for (concept, tally) in &scope.concepts {
            row += 1;
            summary_row(sheet, styles, row, &scope.scope, concept, tally, false)?;
        }
    }
    for (concept, tally) in &summary.concepts {
        row += 1;
        summary_row(sheet, styles, row, ALL, concept, tally, true)?;
    }
    if summary.total.all() > 0 {
        row += 1;
        summary_row(sheet, styles, row, ALL, ALL, &summary.total, true)?;
    }
    filter(sheet, header.len(), row as usize)?;
    Ok(())
}

fn summary_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    scope: &str,
    concept: &str,
    tally: &Tally,
    is_total: bool,
) -> Result<(), XlsxError> {
    let (text, percent) = if is_total {
        (&styles.total, &styles.total_percent)
    } else {
        (&Format::new(), &styles.percent)
    };
    sheet.write_string_with_format(row, 0, cell(scope), text)?;
    sheet.write_string_with_format(row, 1, cell(concept), text)?;
    let counts = [
        tally.preferred,
        tally.accepted,
        tally.variant,
        tally.pattern,
        tally.fuzzy,
    ];
    for (i, count) in counts.into_iter().enumerate() {
        sheet.write_number_with_format(row, 2 + i as u16, count as f64, text)?;
    }
    sheet.write_number_with_format(row, 7, tally.adherence(), percent)?;
    Ok(())
}

fn concepts_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    matcher: &Matcher,
    run: &AuditRun,
) -> Result<(), XlsxError> {
    start_sheet(
        sheet,
        styles,
        "Concepts",
        CONCEPTS_HEADER,
        &[26.0, 10.0, 40.0, 8.0, 8.0],
    )?;
    let forms = form_counts(matcher, run);
    let (shown, _) = rows_that_fit(forms.len());
    for (i, f) in forms.iter().take(shown).enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, cell(&f.concept))?;
        sheet.write_string(row, 1, f.status.as_str())?;
        sheet.write_string(row, 2, cell(&f.form))?;
        sheet.write_number(row, 3, f.count as f64)?;
        sheet.write_number(row, 4, f.files as f64)?;
    }
    filter(sheet, CONCEPTS_HEADER.len(), shown)?;
    Ok(())
}

fn candidates_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    candidates: &[Candidate],
) -> Result<(), XlsxError> {
    start_sheet(
        sheet,
        styles,
        "Candidates",
        CANDIDATES_HEADER,
        &[34.0, 8.0, 26.0, 10.0, 34.0, 60.0],
    )?;
    let (shown, _) = rows_that_fit(candidates.len());
    for (i, c) in candidates.iter().take(shown).enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, cell(&c.found), &styles.text)?;
        sheet.write_number_with_format(row, 1, c.count as f64, &styles.text)?;
        sheet.write_string_with_format(row, 2, cell(&c.concept), &styles.text)?;
        let score = format!("{:.2}", c.best_score).parse().unwrap_or(0.0);
        sheet.write_number_with_format(row, 3, score, &styles.score)?;
        sheet.write_string_with_format(row, 4, cell(&c.nearest), &styles.text)?;
        sheet.write_string_with_format(row, 5, cell(&c.example), &styles.wrap)?;
    }
    filter(sheet, CANDIDATES_HEADER.len(), shown)?;
    Ok(())
}

fn errors_sheet(sheet: &mut Worksheet, styles: &Styles, run: &AuditRun) -> Result<(), XlsxError> {
    start_sheet(sheet, styles, "Errors", ERRORS_HEADER, &[40.0, 9.0, 60.0])?;
    let (shown, _) = rows_that_fit(run.errors.len());
    for (i, error) in run.errors.iter().take(shown).enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, cell(&error.path.display().to_string()))?;
        sheet.write_string(row, 1, error.kind.as_str())?;
        sheet.write_string(row, 2, cell(&error.reason))?;
    }
    filter(sheet, ERRORS_HEADER.len(), shown)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_beyond_excel_limit_are_counted_not_written() {
        assert_eq!(rows_that_fit(3), (3, 0));
        assert_eq!(rows_that_fit(MAX_ROWS - 1), (MAX_ROWS - 1, 0));
        assert_eq!(rows_that_fit(MAX_ROWS + 10), (MAX_ROWS - 2, 12));
    }

    #[test]
    fn long_cells_are_cut_at_excel_limit() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(cell(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(cell("short"), "short");
    }
}
