//! The command line, end to end: exit codes, output formats, reports, errors.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use common::{Sandbox, csv_rows};

fn sandbox_with_glossary() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("glossary/terms.csv", common::SMALL_GLOSSARY);
    sb
}

#[test]
fn check_prints_one_line_per_finding_and_exits_1() {
    let sb = sandbox_with_glossary();
    sb.write(
        "draft.txt",
        "Intro line.\nWe “build” a community of\nhuman destiny, said the Supreme Leader’s aide.\n",
    );
    let run = sb.run(&["check", "--format", "short", "draft.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "draft.txt:2:14: error: community of human destiny → community with a shared future for mankind [community]\n\
         draft.txt:3:25: error: Supreme Leader → Xi Jinping [leader]\n"
    );
    assert!(
        run.stderr
            .contains("2 findings (2 errors, 0 warnings, 0 info) in 1 file"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_exit_codes_follow_fail_on() {
    let sb = sandbox_with_glossary();
    sb.write("legacy.txt", "a community of common destiny\n");
    sb.write(
        "clean.txt",
        "a community with a shared future for mankind\n",
    );
    assert_eq!(sb.run(&["check", "clean.txt"]).code, 0);
    // The legacy form is only `info`: below the default `--fail-on warning`.
    let legacy = sb.run(&["check", "--format", "short", "legacy.txt"]);
    assert_eq!(legacy.code, 0);
    assert!(
        legacy
            .stdout
            .contains("legacy.txt:1:3: info: community of common destiny")
    );
    assert_eq!(
        sb.run(&["check", "--fail-on", "info", "legacy.txt"]).code,
        1
    );
    assert_eq!(sb.run(&["check", "missing.txt"]).code, 2);
}

#[test]
fn check_reads_stdin() {
    let sb = sandbox_with_glossary();
    let run = sb.run_with_stdin(
        &["check", "--format", "short", "-"],
        Some("The Supreme Leader said so.\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "<stdin>:1:5: error: Supreme Leader → Xi Jinping [leader]\n"
    );
}

#[test]
fn exceptions_suppress_matches_in_context() {
    let sb = sandbox_with_glossary();
    let run = sb.run_with_stdin(&["check", "-"], Some("Iran's Supreme Leader spoke.\n"));
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn bad_glossary_exits_2_with_file_line_column() {
    let sb = Sandbox::new();
    sb.write(
        "g/terms.csv",
        "id,preferred,severity\nok,fine,error\nbad,worse,fatal\n",
    );
    sb.write("draft.txt", "text\n");
    let run = sb.run(&["check", "--glossary", "g", "draft.txt"]);
    assert_eq!(run.code, 2);
    let expected = format!(
        "{}:3:11: unknown severity \"fatal\" (expected error, warning or info)",
        std::path::Path::new("g").join("terms.csv").display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

/// `glossary check` of `csv` written to `g.csv`.
fn check_glossary(csv: &str) -> common::Run {
    let sb = Sandbox::new();
    sb.write("g.csv", csv);
    sb.run(&["glossary", "check", "--glossary", "g.csv"])
}

#[test]
fn failing_self_test_is_an_error() {
    let run = check_glossary(
        "id,preferred,variants,must_flag\ncommunity,community with a shared future,community of destiny,Nothing here.\n",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "g.csv:2:63: self-test of \"community\" failed: no finding of it in \"Nothing here.\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn glossary_check_prints_counts() {
    let sb = sandbox_with_glossary();
    let run = sb.run(&["glossary", "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "glossary OK: 2 concepts, 2 preferred, 2 accepted, 3 variant forms, 0 patterns, 1 exceptions; 4 self-tests passed\n"
    );
}

#[test]
fn glossary_check_counts_combined_accepted_forms() {
    let run = check_glossary(
        "id,preferred,accepted\ncore,CPC Central Committee with Comrade Xi Jinping at its core,Party Central Committee with Comrade Xi Jinping at its core | CPC Central Committee with Comrade Xi Jinping as the core\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "glossary OK: 1 concepts, 1 preferred, 2 accepted (+1 combined), 0 variant forms, 0 patterns, 0 exceptions; 0 self-tests passed\n"
    );
}

#[test]
fn audit_writes_four_reports_and_continues_past_unreadable_files() {
    let sb = sandbox_with_glossary();
    sb.write("docs/a.txt", "The Supreme Leader visited.\n");
    sb.write(
        "docs/b.txt",
        "A community with a shared future for mankind and a community of human destiny.\n",
    );
    std::os::unix::fs::symlink(sb.path("nowhere"), sb.path("dangling.txt")).unwrap();
    let run = sb.run(&["audit", "docs", "dangling.txt", "--out", "out"]);
    assert_eq!(
        run.code, 2,
        "an unreadable input makes the status 2: {}",
        run.stderr
    );
    assert!(run.stderr.contains("dangling.txt"), "{}", run.stderr);

    let findings = csv_rows(&sb.read("out/findings.csv"));
    assert_eq!(
        findings[0],
        [
            "id", "file", "line", "column", "concept", "severity", "kind", "score", "found",
            "expected", "context", "note", "review", "segment"
        ]
    );
    let cells: Vec<_> = findings[1..]
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str(), r[8].as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            ("docs/a.txt", "1", "5", "Supreme Leader"),
            ("docs/b.txt", "1", "52", "community of human destiny")
        ]
    );
    assert!(
        findings[1..]
            .iter()
            .all(|r| r[0].len() == 16 && r[12].is_empty())
    );

    let summary = csv_rows(&sb.read("out/summary.csv"));
    assert_eq!(
        summary[0],
        [
            "file",
            "concept",
            "preferred",
            "accepted",
            "variant",
            "pattern",
            "fuzzy",
            "adherence"
        ]
    );
    assert!(
        summary.contains(
            &["docs/b.txt", "community", "1", "0", "1", "0", "0", "0.500"]
                .map(String::from)
                .to_vec()
        )
    );

    let concepts = csv_rows(&sb.read("out/concepts.csv"));
    assert!(
        concepts.contains(
            &[
                "community",
                "variant",
                "community of human destiny",
                "1",
                "1"
            ]
            .map(String::from)
            .to_vec()
        )
    );

    let errors = csv_rows(&sb.read("out/errors.csv"));
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[1][0], "dangling.txt");
    assert_eq!(errors[1][1], "error");
}

#[test]
fn auditing_a_folder_twice_does_not_audit_its_own_reports() {
    let sb = sandbox_with_glossary();
    sb.write("docs/a.txt", "The Supreme Leader visited.\n");
    for _ in 0..2 {
        let run = sb.run(&["audit", "docs", "--out", "docs/out"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let findings = csv_rows(&sb.read("docs/out/findings.csv"));
        let files: Vec<_> = findings[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(files, ["docs/a.txt"]);
    }
    let errors = csv_rows(&sb.read("docs/out/errors.csv"));
    assert_eq!(errors[1..], [["docs/out", "skipped", "the report folder"]]);
    // A report named explicitly is audited as asked.
    let run = sb.run(&["audit", "docs/out/findings.csv", "--out", "docs/out"]);
    let findings = csv_rows(&sb.read("docs/out/findings.csv"));
    assert!(
        findings[1..]
            .iter()
            .all(|r| r[1] == "docs/out/findings.csv"),
        "{}",
        run.stderr
    );
    assert!(findings.len() > 1);
}

#[test]
fn audit_exit_status_with_fail_on() {
    let sb = sandbox_with_glossary();
    sb.write("docs/a.txt", "The Supreme Leader visited.\n");
    assert_eq!(sb.run(&["audit", "docs", "-o", "out", "-q"]).code, 0);
    assert_eq!(
        sb.run(&["audit", "docs", "-o", "out", "-q", "--fail-on", "error"])
            .code,
        1
    );
}

#[test]
fn finding_ids_survive_edits_elsewhere() {
    let sb = sandbox_with_glossary();
    let unchanged = "An unchanged paragraph that is longer than the context kept around a finding.\n\n\
                     The Supreme Leader visited.\n";
    sb.write("docs/a.txt", unchanged);
    sb.run(&["audit", "docs", "-o", "before", "-q"]);
    sb.write(
        "docs/a.txt",
        format!("A new first paragraph.\nMore lines.\n\n{unchanged}"),
    );
    sb.run(&["audit", "docs", "-o", "after", "-q"]);
    let before = csv_rows(&sb.read("before/findings.csv"));
    let after = csv_rows(&sb.read("after/findings.csv"));
    assert_ne!(before[1][2], after[1][2], "the line moved");
    assert_eq!(before[1][0], after[1][0], "the id did not");
}

#[test]
fn formula_looking_cells_are_guarded() {
    let sb = sandbox_with_glossary();
    sb.write("docs/=cmd.txt", "=HYPERLINK(\"x\") Supreme Leader\n");
    sb.run(&["audit", "docs", "-o", "out", "-q"]);
    let findings = csv_rows(&sb.read("out/findings.csv"));
    assert_eq!(
        findings[1][1], "docs/=cmd.txt",
        "a path starting with a folder is harmless"
    );
    assert_eq!(findings[1][10], "'=HYPERLINK(\"x\") Supreme Leader");

    sb.write("=cmd.txt", "Supreme Leader\n");
    sb.run(&["audit", "=cmd.txt", "-o", "out2", "-q"]);
    let findings = csv_rows(&sb.read("out2/findings.csv"));
    assert_eq!(findings[1][1], "'=cmd.txt");
}

#[test]
fn help_and_version() {
    let sb = Sandbox::new();
    let help = sb.run(&["--help"]);
    assert_eq!(help.code, 0);
    for word in ["audit", "check", "glossary", "Exit status"] {
        assert!(help.stdout.contains(word), "{}", help.stdout);
    }
    let audit_help = sb.run(&["audit", "--help"]);
    for flag in [
        "--glossary",
        "--out",
        "--jobs",
        "--fail-on",
        "[default: seeds]",
    ] {
        assert!(audit_help.stdout.contains(flag), "{}", audit_help.stdout);
    }
    assert_eq!(sb.run(&["--version"]).code, 0);
    assert_eq!(sb.run(&["audit", "--no-such-flag"]).code, 2);
}

#[test]
fn candidates_csv_lists_distinct_fuzzy_finds_most_frequent_first() {
    let sb = sandbox_with_glossary();
    sb.write(
        "docs/a.txt",
        "They build a community of joint fate of humankind. Again: a Community of Joint Fate of Humankind.\n",
    );
    sb.write(
        "docs/b.txt",
        "Also mankind's shared-destiny community here.\n",
    );
    // A correct form in the wrong case is a finding, but no candidate: as
    // a variant it would fold to the form itself.
    sb.write("docs/c.txt", "Meet xi jinping today.\n");
    assert_eq!(sb.run(&["audit", "docs", "-o", "out", "-q"]).code, 0);
    let findings = csv_rows(&sb.read("out/findings.csv"));
    assert!(
        findings
            .iter()
            .any(|row| row[8] == "xi jinping" && row[6] == "fuzzy" && row[5] == "info"),
        "{findings:?}"
    );
    let rows = csv_rows(&sb.read("out/candidates.csv"));
    assert_eq!(
        rows[0],
        [
            "found",
            "count",
            "concept",
            "best_score",
            "nearest",
            "example"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[1][0..3],
        ["community of joint fate of humankind", "2", "community"]
    );
    assert_eq!(
        rows[2][0..3],
        ["mankind's shared-destiny community", "1", "community"]
    );
    assert!(
        rows[1][5].contains("They build a community of joint fate of humankind"),
        "{rows:?}"
    );
    assert!(!rows[1][4].is_empty(), "nearest listed form named");
}
