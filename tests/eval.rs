//! Regression floors for the measured precision and recall (`termaudit
//! eval`). The floors sit well below the figures in the README, so only a
//! real regression fails; the figures themselves are measured, not asserted.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use common::{root, run_in};

/// (precision, recall) of the first row named `row` after `section`.
fn figures(output: &str, section: &str, row: &str) -> (f64, f64) {
    let after = &output[output.find(section).unwrap()..];
    let line = after.lines().find(|l| l.starts_with(row)).unwrap();
    let cells: Vec<f64> = line[row.len()..]
        .split_whitespace()
        .filter_map(|c| c.parse().ok())
        .collect();
    (cells[3], cells[4])
}

#[test]
fn precision_and_recall_stay_above_their_floors() {
    let run = run_in(&root(), &["eval"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    let floors = [
        ("# Labelled corpus", "overall", 0.90, 0.85),
        ("# Labelled corpus", "listed wrong renderings", 0.85, 0.95),
        ("# Labelled corpus", "unlisted wrong renderings", 0.95, 0.80),
        ("# Leave-one-out", "overall", 0.85, 0.70),
    ];
    for (section, row, min_precision, min_recall) in floors {
        let (precision, recall) = figures(out, section, row);
        assert!(
            precision >= min_precision && recall >= min_recall,
            "{section} / {row}: precision {precision} (floor {min_precision}), recall {recall} (floor {min_recall})\n{out}"
        );
    }
}

/// No canonical span of the labelled corpus gets a finding (ordinary
/// English may, through listed short forms such as "big countries").
#[test]
fn no_canonical_span_is_flagged() {
    let run = run_in(&root(), &["eval"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flagged = run
        .stdout
        .split("canonical or plain spans flagged:")
        .nth(1)
        .unwrap();
    let flagged = &flagged[..flagged.find("## Per concept").unwrap()];
    assert!(flagged.lines().count() > 1, "{flagged}");
    assert!(!flagged.contains(", canonical)"), "{flagged}");
}

/// Asserts that `check` on the bundled glossary finds nothing in `path`.
fn assert_no_finding(path: &str) {
    let run = run_in(&root(), &["check", "--format", "short", path], None);
    assert_eq!(run.code, 0, "findings:\n{}{}", run.stdout, run.stderr);
    assert!(run.stdout.trim().is_empty(), "findings:\n{}", run.stdout);
}

/// Ordinary English that shares words with the bundled glossary's terms
/// (news, manuals, business prose; written for this test) gets no finding:
/// numbers, negations, a clause, two words reversed, an English word two
/// edits from a form word, a window without what names the concept.
#[test]
fn ordinary_english_gets_no_finding() {
    assert_no_finding("tests/fixtures/plain/ordinary_english.txt");
}

/// Official English (written for this test in the style of official news
/// releases) gets no finding: canonical forms with the articles, hyphens,
/// possessives and word order such texts use, short forms in context
/// ("China-ASEAN community with a shared future"), titles in full.
#[test]
fn official_english_gets_no_finding() {
    assert_no_finding("tests/fixtures/plain/official_english.txt");
}
