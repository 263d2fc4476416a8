//! The reports people open: CSV for Excel (`--excel-csv`) and per-folder
//! summaries (`--group-by-dir`), from the real binary on real files.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Sandbox, csv_rows};

const BOM: &str = "\u{feff}";

/// Two vendors' folders: listed variants, a correct rendering, a legacy
/// (`info`) variant, an unlisted rendering for fuzzy matching, and markup
/// that must stay text.
fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("glossary/terms.csv", common::SMALL_GLOSSARY);
    sb.write(
        "docs/vendorA/a.txt",
        "We build a community of human destiny. The Supreme Leader spoke. <script>alert(1)</script>\n",
    );
    sb.write("docs/vendorA/c.txt", "Our human destiny community grows.\n");
    sb.write(
        "docs/vendorB/b.txt",
        "A community with a shared future for humanity and a community of common destiny.\n",
    );
    sb
}

/// Audits `docs` into `out` with `extra` arguments; expects exit status 0.
fn audit(sb: &Sandbox, out: &str, extra: &[&str]) {
    let mut args = vec!["audit", "docs", "--out", out, "-q"];
    args.extend_from_slice(extra);
    let run = sb.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn excel_csv_starts_every_report_with_a_bom_and_default_does_not() {
    let sb = sandbox();
    sb.write(
        "docs/=sum.txt",
        "=SUM(A1) and the Supreme Leader of “人类命运共同体”\n",
    );
    audit(&sb, "out", &[]);
    audit(&sb, "excel", &["--excel-csv"]);
    for name in ["findings.csv", "summary.csv", "concepts.csv", "errors.csv"] {
        let plain = std::fs::read(sb.path(&format!("out/{name}"))).unwrap();
        let excel = std::fs::read(sb.path(&format!("excel/{name}"))).unwrap();
        assert!(!plain.starts_with(BOM.as_bytes()), "{name} plain");
        assert_eq!(&excel[..3], BOM.as_bytes(), "{name} with --excel-csv");
        assert_eq!(
            &excel[3..],
            &plain[..],
            "{name}: the mark is the only change"
        );
        assert!(
            String::from_utf8(plain).unwrap().contains("\r\n"),
            "{name}: CRLF"
        );
    }
    for dir in ["out", "excel"] {
        let text = sb.read(&format!("{dir}/findings.csv"));
        let rows = csv_rows(text.trim_start_matches(BOM));
        assert_eq!(rows[0][0], "id", "{dir}: the header is not garbled");
        let guarded: Vec<_> = rows.iter().filter(|r| r[1] == "'=sum.txt").collect();
        assert!(guarded.is_empty(), "a path in a folder is harmless");
        let sum = rows.iter().find(|r| r[1] == "docs/=sum.txt").unwrap();
        assert_eq!(
            sum[10], "'=SUM(A1) and the Supreme Leader of “人类命运共同体”",
            "{dir}"
        );
    }
}

#[test]
fn summary_has_whole_run_rows_and_groups_by_folder() {
    let sb = sandbox();
    audit(&sb, "out", &[]);
    let rows = csv_rows(&sb.read("out/summary.csv"));
    assert_eq!(rows[0][0], "file");
    let row = |scope: &str, concept: &str| {
        rows.iter()
            .find(|r| r[0] == scope && r[1] == concept)
            .unwrap_or_else(|| panic!("no row {scope} {concept}: {rows:?}"))
            .clone()
    };
    // b.txt: one accepted, one variant.
    assert_eq!(
        row("docs/vendorB/b.txt", "community"),
        [
            "docs/vendorB/b.txt",
            "community",
            "0",
            "1",
            "1",
            "0",
            "0",
            "0.500"
        ]
    );
    // The run: community 1 accepted of 4 (variant, legacy variant, fuzzy);
    // leader 0 of 1; everything 1 of 5.
    assert_eq!(
        row("(all)", "community"),
        ["(all)", "community", "0", "1", "2", "0", "1", "0.250"]
    );
    assert_eq!(
        row("(all)", "(all)"),
        ["(all)", "(all)", "0", "1", "3", "0", "1", "0.200"]
    );
    assert_eq!(rows.last().unwrap()[..2], ["(all)", "(all)"]);

    audit(&sb, "bydir", &["--group-by-dir"]);
    let rows = csv_rows(&sb.read("bydir/summary.csv"));
    let scopes: Vec<_> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        scopes,
        [
            ("folder", "concept"),
            ("docs/vendorA", "community"),
            ("docs/vendorA", "leader"),
            ("docs/vendorB", "community"),
            ("(all)", "community"),
            ("(all)", "leader"),
            ("(all)", "(all)"),
        ]
    );
    // vendorA: a.txt's variant and c.txt's fuzzy finding, nothing correct.
    assert_eq!(rows[1][2..], ["0", "0", "1", "0", "1", "0.000"]);
}

#[test]
fn help_describes_the_report_flags() {
    let sb = Sandbox::new();
    let help = sb.run(&["audit", "--help"]).stdout;
    for flag in ["--excel-csv", "--group-by-dir"] {
        assert!(help.contains(flag), "{help}");
    }
}
