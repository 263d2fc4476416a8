//! The translator's loop: output formats, `fix`, suppressions, baselines and
//! the config file, each run through the real binary on real files.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use common::{Sandbox, csv_rows, root};

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("glossary/terms.csv", common::SMALL_GLOSSARY);
    sb.write(
        "draft.txt",
        std::fs::read(root().join("tests/fixtures/translator/draft.txt")).unwrap(),
    );
    sb
}

/// Compares `actual` with `tests/snapshots/<name>`; `TERMAUDIT_BLESS=1` rewrites it.
fn assert_snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var_os("TERMAUDIT_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "snapshot {name} differs (TERMAUDIT_BLESS=1 rewrites it; review the diff)\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn output_formats_match_snapshots() {
    let sb = sandbox();
    for (format, snapshot) in [
        ("human", "check-human.txt"),
        ("short", "check-short.txt"),
        ("json", "check-json.txt"),
    ] {
        let run = sb.run(&[
            "check",
            "--format",
            format,
            "--color",
            "never",
            "--fail-on",
            "info",
            "draft.txt",
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_snapshot(snapshot, &run.stdout);
    }
    let run = sb.run(&["check", "draft.txt"]);
    assert_eq!(
        run.stderr.lines().last().unwrap(),
        "4 findings (2 errors, 1 warning, 1 info) in 1 file"
    );
}

#[test]
fn json_lines_parse_and_carry_the_report_columns() {
    let sb = sandbox();
    let run = sb.run(&["check", "--format", "json", "draft.txt"]);
    let objects: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 4);
    assert_eq!(objects[1]["found"], "community of human destiny");
    assert_eq!(objects[1]["line"], 4);
    assert_eq!(objects[3]["kind"], "fuzzy");
    assert!(
        run.stderr.is_empty(),
        "json mode prints no count line: {}",
        run.stderr
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let sb = sandbox();
    assert!(
        !sb.run(&["check", "draft.txt"]).stdout.contains('\x1b'),
        "piped output is plain"
    );
    assert!(
        sb.run(&["check", "--color", "always", "draft.txt"])
            .stdout
            .contains("\x1b[")
    );
}

#[test]
fn fix_rewrites_safe_variants_and_suggests_the_rest() {
    let sb = sandbox();
    let run = sb.run(&["fix", "draft.txt"]);
    assert_eq!(
        run.code, 1,
        "the fuzzy finding is left as a suggestion: {}",
        run.stderr
    );
    assert!(run.stderr.contains("draft.txt:5:56: suggestion: community of joint destiny of humanity → community with a shared future for mankind [community] (fuzzy, not applied without --unsafe)"), "{}", run.stderr);
    let fixed = sb.read("draft.txt");
    assert!(fixed.contains("The Xi Jinping’s speech called for building a\ncommunity with a shared future for mankind."), "{fixed}");
    assert!(
        fixed.contains("Iran's Supreme Leader Ali Khamenei"),
        "exceptions are not fixed"
    );
    // An inflected variant is not applied blindly: the plural would be lost.
    assert!(fixed.contains("Communities of Common Destiny"), "{fixed}");
    let check = sb.run(&["check", "--format", "short", "--no-fuzzy", "draft.txt"]);
    assert_eq!(
        check.stdout.lines().count(),
        1,
        "only the inflected variant is left: {}",
        check.stdout
    );

    let run = sb.run(&["fix", "--unsafe", "draft.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fixed = sb.read("draft.txt");
    assert!(fixed.contains("Community with a Shared Future for Mankind were the 2011 wording; a community with a shared future for mankind is new MT."), "{fixed}");
    assert_eq!(sb.run(&["check", "draft.txt"]).code, 0);
}

#[test]
fn fix_keeps_bom_crlf_and_untouched_files_byte_identical() {
    let sb = sandbox();
    let original = b"\xEF\xBB\xBFLine one.\r\nA community of human destiny.\r\nEnd.\r\n";
    sb.write("bom.txt", original);
    sb.write("clean.txt", b"\xEF\xBB\xBFNothing\r\nto fix.\r\n");
    assert_eq!(sb.run(&["fix", "bom.txt", "clean.txt"]).code, 0);
    assert_eq!(
        std::fs::read(sb.path("bom.txt")).unwrap(),
        b"\xEF\xBB\xBFLine one.\r\nA community with a shared future for mankind.\r\nEnd.\r\n"
    );
    assert_eq!(
        std::fs::read(sb.path("clean.txt")).unwrap(),
        b"\xEF\xBB\xBFNothing\r\nto fix.\r\n"
    );
}

#[test]
fn fix_diff_and_stdin() {
    let sb = sandbox();
    let before = sb.read("draft.txt");
    let run = sb.run(&["fix", "--diff", "draft.txt"]);
    assert_eq!(sb.read("draft.txt"), before, "--diff writes nothing");
    assert!(
        run.stdout
            .starts_with("--- a/draft.txt\n+++ b/draft.txt\n@@"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n-community of human destiny. Iran's"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n+community with a shared future for mankind. Iran's"),
        "{}",
        run.stdout
    );

    let run = sb.run_with_stdin(&["fix", "-"], Some("The Supreme Leader spoke.\n"));
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "The Xi Jinping spoke.\n")
    );

    // A case slip takes the glossary's casing, whatever the text's.
    let run = sb.run_with_stdin(
        &["fix", "--unsafe", "-"],
        Some("Then xi jinping spoke of a Community with a shared future for mankind.\n"),
    );
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            0,
            "Then Xi Jinping spoke of a community with a shared future for mankind.\n"
        )
    );
}

#[test]
fn pragmas_and_ignore_flag_suppress_findings() {
    let sb = sandbox();
    sb.write(
        "p.md",
        "The Supreme Leader spoke. <!-- termaudit: ignore leader -->\n\
         <!-- termaudit: ignore -->\n\
         A community of human destiny.\n\
         <!-- termaudit: off -->\n\
         The Supreme Leader and a community of human destiny.\n\
         <!-- termaudit: on -->\n\
         The Supreme Leader again.\n",
    );
    let run = sb.run(&["check", "--format", "short", "p.md"]);
    assert_eq!(
        run.stdout,
        "p.md:7:5: error: Supreme Leader → Xi Jinping [leader]\n"
    );
    assert!(run.stderr.contains("; 4 suppressed"), "{}", run.stderr);
    let run = sb.run(&["check", "--format", "short", "--ignore", "leader", "p.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert!(!run.stderr.contains("termaudit: warning"), "{}", run.stderr);
    // A mistyped id suppresses nothing, and says so.
    let run = sb.run(&["check", "--format", "short", "--ignore", "leeder", "p.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "warning: ignored concept \"leeder\" is not in the glossary; did you mean \"leader\"?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn baseline_suppresses_reviewed_findings_until_they_change() {
    let sb = sandbox();
    sb.write(
        "docs/a.txt",
        "Para one: the Supreme Leader spoke.\n\nPara two: a community of human destiny.\n",
    );
    assert_eq!(sb.run(&["audit", "docs", "-o", "first", "-q"]).code, 0);
    // The reviewer marks the first finding as a false positive.
    let mut rows = csv_rows(&sb.read("first/findings.csv"));
    assert_eq!(rows.len(), 3);
    rows[1][12] = "False Positive".into();
    let mut writer = csv::Writer::from_path(sb.path("reviewed.csv")).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();

    assert_one_suppressed_by(&sb, "reviewed.csv");
    let second = csv_rows(&sb.read("second/findings.csv"));
    assert_eq!(second.len(), 2);
    assert_eq!(second[1][8], "community of human destiny");

    // The suppressed finding's context changes: it is a new finding.
    sb.write("docs/a.txt", "Para one: the Supreme Leader spoke at length.\n\nPara two: a community of human destiny.\n");
    sb.run(&[
        "audit",
        "docs",
        "-o",
        "third",
        "--baseline",
        "reviewed.csv",
        "-q",
    ]);
    assert_eq!(csv_rows(&sb.read("third/findings.csv")).len(), 3);
}

#[test]
fn config_is_discovered_upwards_and_flags_win() {
    let sb = Sandbox::new();
    sb.write("project/terms/g.csv", common::SMALL_GLOSSARY);
    sb.write(
        "project/termaudit.toml",
        "glossary = [\"terms\"]\nignore = [\"leader\"]\nfail-on = \"never\"\nout = \"audit-reports\"\n",
    );
    sb.write(
        "project/sub/draft.txt",
        "The Supreme Leader and a community of human destiny.\n",
    );
    let sub = sb.path("project/sub");
    let run = common::run_in(&sub, &["check", "--format", "short", "draft.txt"], None);
    assert_eq!(run.code, 0, "fail-on never from the config: {}", run.stderr);
    assert_eq!(
        run.stdout,
        "draft.txt:1:26: error: community of human destiny → community with a shared future for mankind [community]\n"
    );
    let run = common::run_in(
        &sub,
        &[
            "check",
            "--format",
            "short",
            "--fail-on",
            "error",
            "draft.txt",
        ],
        None,
    );
    assert_eq!(run.code, 1, "the flag wins over the config");
    let run = common::run_in(&sub, &["audit", "draft.txt", "-q"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        sb.path("project/audit-reports/findings.csv").is_file(),
        "out is relative to the config file"
    );

    sb.write("other.toml", "fail-on = \"sometimes\"\n");
    let run = common::run_in(
        &sub,
        &["check", "--config", "../../other.toml", "draft.txt"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fail-on in config"), "{}", run.stderr);
    sb.write("bad.toml", "glosary = []\n");
    let run = common::run_in(
        &sub,
        &["check", "--config", "../../bad.toml", "draft.txt"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad.toml: TOML parse error at line 1, column 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn baseline_can_be_a_reviewed_workbook() {
    let sb = sandbox();
    sb.write(
        "docs/a.txt",
        "Para one: the Supreme Leader spoke.\n\nPara two: a community of human destiny.\n",
    );
    assert_eq!(sb.run(&["audit", "docs", "-o", "first", "-q"]).code, 0);
    let rows = csv_rows(&sb.read("first/findings.csv"));
    // A reviewer's workbook: the Findings sheet as `--xlsx` writes it, with
    // a verdict in the review column of the first finding.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Findings").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let review = rows[0].iter().position(|h| h == "review").unwrap() as u16;
    sheet.write_string(1, review, "WontFix").unwrap();
    workbook.save(sb.path("reviewed.xlsx")).unwrap();

    assert_one_suppressed_by(&sb, "reviewed.xlsx");
    assert_eq!(csv_rows(&sb.read("second/findings.csv")).len(), 2);
}

/// Audits `docs` into `second` against the reviewed `baseline`: the one
/// finding left is counted as suppressed.
fn assert_one_suppressed_by(sb: &Sandbox, baseline: &str) {
    let run = sb.run(&["audit", "docs", "-o", "second", "--baseline", baseline]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 findings (1 suppressed)"),
        "{}",
        run.stderr
    );
}
