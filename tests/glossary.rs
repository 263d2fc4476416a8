//! The bundled glossary: loads, passes its self-tests, covers every concept
//! of the reference, and stays in canonical form.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use common::{csv_rows, root, run_in};

#[test]
fn bundled_glossary_checks_clean() {
    let run = run_in(&root(), &["glossary", "check"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("glossary OK: 100 concepts"),
        "{}",
        run.stdout
    );
}

#[test]
fn bundled_glossary_is_in_canonical_form() {
    let run = run_in(&root(), &["glossary", "fmt", "--check"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn every_concept_has_self_tests_and_a_note() {
    let rows = csv_rows(&std::fs::read_to_string(root().join("glossary/terms.csv")).unwrap());
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows[1..] {
        let id = &row[col("id")];
        for column in ["must_flag", "must_pass", "note", "severity"] {
            assert!(!row[col(column)].trim().is_empty(), "{id}: empty {column}");
        }
    }
}

#[test]
fn fmt_rewrites_a_messy_glossary_into_canonical_form() {
    let sb = common::Sandbox::new();
    sb.write(
        "g.csv",
        "id,preferred,variants,severity\nzeta, last ,b |  a ,error\nalpha,first,,warning\n",
    );
    let check = sb.run(&["glossary", "fmt", "--check", "-g", "g.csv"]);
    assert_eq!(check.code, 1);
    assert_eq!(sb.run(&["glossary", "fmt", "-g", "g.csv"]).code, 0);
    let text = sb.read("g.csv");
    assert!(text.starts_with("id,source,preferred,accepted,variants,patterns,exceptions,severity,note,must_flag,must_pass\nalpha,,first,,,,,warning,,,\nzeta,,last,,b | a,,,error,,,\n"), "{text}");
    assert_eq!(
        sb.run(&["glossary", "fmt", "--check", "-g", "g.csv"]).code,
        0
    );
}
