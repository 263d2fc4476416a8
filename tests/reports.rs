//! The reports people open: CSV for Excel (`--excel-csv`), the workbook
//! (`--xlsx`), the HTML page (`--html`) and per-folder summaries
//! (`--group-by-dir`), from the real binary on real files.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook};
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
    for name in [
        "findings.csv",
        "summary.csv",
        "concepts.csv",
        "candidates.csv",
        "errors.csv",
    ] {
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

fn string(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected a string, got {other:?}"),
    }
}

fn number(cell: Option<&Data>) -> f64 {
    match cell {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// The XML of one part of the workbook.
fn xlsx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn workbook_reads_back_cell_by_cell() {
    let sb = sandbox();
    sb.write("docs/=f.txt", "=HYPERLINK(\"x\") Supreme Leader\n");
    audit(&sb, "out", &["--xlsx", "out/report.xlsx"]);
    let path = sb.path("out/report.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Findings", "Summary", "Concepts", "Candidates", "Errors"]
    );

    let findings = book.worksheet_range("Findings").unwrap();
    let header: Vec<_> = (0..13).map(|c| string(findings.get((0, c)))).collect();
    assert_eq!(
        header,
        [
            "id", "file", "line", "column", "concept", "severity", "kind", "score", "found",
            "expected", "context", "note", "review"
        ]
    );
    // Rows in path order: docs/=f.txt, then vendorA/a.txt (two), c.txt, vendorB/b.txt.
    assert_eq!(findings.height(), 6);
    let formula_row = 1;
    assert_eq!(string(findings.get((formula_row, 1))), "docs/=f.txt");
    assert_eq!(
        string(findings.get((formula_row, 10))),
        "=HYPERLINK(\"x\") Supreme Leader",
        "text, not a formula, and no guard apostrophe"
    );
    let formulas = book.worksheet_formula("Findings").unwrap();
    assert!(formulas.cells().all(|(_, _, f)| f.is_empty()));

    let r = 2;
    assert_eq!(string(findings.get((r, 0))).len(), 16);
    assert_eq!(string(findings.get((r, 1))), "docs/vendorA/a.txt");
    assert_eq!(number(findings.get((r, 2))), 1.0);
    assert_eq!(number(findings.get((r, 3))), 12.0);
    assert_eq!(string(findings.get((r, 4))), "community");
    assert_eq!(string(findings.get((r, 5))), "error");
    assert_eq!(string(findings.get((r, 6))), "variant");
    assert_eq!(number(findings.get((r, 7))), 1.0);
    assert_eq!(string(findings.get((r, 8))), "community of human destiny");
    assert_eq!(
        string(findings.get((r, 9))),
        "community with a shared future for mankind"
    );
    assert_eq!(
        string(findings.get((r, 10))),
        "We build a community of human destiny. The Supreme Leader spoke. <script>alert(1)</script>"
    );
    assert_eq!(string(findings.get((r, 11))), "Official since 2015.");
    assert!(matches!(findings.get((r, 12)), None | Some(Data::Empty)));
    let fuzzy = 4;
    assert_eq!(string(findings.get((fuzzy, 1))), "docs/vendorA/c.txt");
    assert_eq!(string(findings.get((fuzzy, 6))), "fuzzy");
    let score = number(findings.get((fuzzy, 7)));
    assert!((0.7..1.0).contains(&score), "{score}");
    assert_eq!(string(findings.get((5, 5))), "info");

    // Styles: severity colours, wrapped context, score format.
    let styles = book.worksheet_style("Findings").unwrap();
    let fill = |row: u32| {
        let style = styles.get((row, 5)).unwrap();
        let colour = style.fill.as_ref().unwrap().get_color().unwrap();
        (colour.red, colour.green, colour.blue)
    };
    assert_eq!(fill(2), (0xFF, 0xC7, 0xCE), "error is red");
    assert_eq!(fill(5), (0xDD, 0xEB, 0xF7), "info is blue");
    let context_style = styles.get((2, 10)).unwrap();
    assert!(context_style.alignment.as_ref().unwrap().wrap_text);
    let score_format = styles.get((2, 7)).unwrap().number_format.as_ref().unwrap();
    assert_eq!(score_format.format_code, "0.00");

    // What calamine does not read: frozen header, filter, drop-down, rich text.
    let sheet = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:N6"/>"#), "{sheet}");
    assert!(sheet.contains(r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="Review""#), "{sheet}");
    assert!(
        sheet.contains(r#"<sqref>M2:M6</sqref>"#) || sheet.contains(r#"sqref="M2:M6""#),
        "{sheet}"
    );
    assert!(
        sheet.contains("<formula1>\"ok,false positive,wontfix,fixed\"</formula1>"),
        "{sheet}"
    );
    let strings = xlsx_part(&path, "xl/sharedStrings.xml");
    assert!(
        strings.contains(r#"<r><rPr><b/><sz val="11"/><color rgb="FFC00000"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t>community of human destiny</t></r>"#),
        "found text in bold red inside the context: {strings}"
    );

    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(string(summary.get((0, 0))), "file");
    assert_eq!(string(summary.get((0, 7))), "adherence");
    let last = summary.height() - 1;
    assert_eq!(string(summary.get((last, 0))), "(all)");
    assert_eq!(string(summary.get((last, 1))), "(all)");
    let counts: Vec<_> = (2..8).map(|c| number(summary.get((last, c)))).collect();
    assert_eq!(counts, [0.0, 1.0, 4.0, 0.0, 1.0, 1.0 / 6.0]);

    let concepts = book.worksheet_range("Concepts").unwrap();
    assert_eq!(string(concepts.get((0, 3))), "count");
    assert!((1..concepts.height()).all(|r| matches!(concepts.get((r, 3)), Some(Data::Float(_)))));

    let candidates = book.worksheet_range("Candidates").unwrap();
    assert_eq!(candidates.height(), 2);
    assert_eq!(string(candidates.get((1, 0))), "human destiny community");
    assert_eq!(number(candidates.get((1, 1))), 1.0);
    assert_eq!(string(candidates.get((1, 2))), "community");
    assert!(number(candidates.get((1, 3))) >= 0.7);
    assert_eq!(string(candidates.get((1, 4))), "community of human destiny");
    assert_eq!(
        string(candidates.get((1, 5))),
        "Our human destiny community grows."
    );

    let errors = book.worksheet_range("Errors").unwrap();
    assert_eq!(string(errors.get((0, 2))), "reason");
    assert_eq!(errors.height(), 1);
}

#[test]
fn workbook_without_fuzzy_findings_has_no_candidates_sheet_and_groups_by_folder() {
    let sb = sandbox();
    audit(
        &sb,
        "out",
        &[
            "--no-fuzzy",
            "--group-by-dir",
            "--xlsx",
            "new/dir/book.xlsx",
        ],
    );
    let mut book: Xlsx<_> = open_workbook(sb.path("new/dir/book.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Findings", "Summary", "Concepts", "Errors"]
    );
    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(string(summary.get((0, 0))), "folder");
    assert_eq!(string(summary.get((1, 0))), "docs/vendorA");
    assert_eq!(number(summary.get((1, 7))), 0.0);
}

fn html(sb: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["--html", "out/report.html"];
    args.extend_from_slice(extra);
    audit(sb, "out", &args);
    sb.read("out/report.html")
}

#[test]
fn html_escapes_untrusted_text() {
    let sb = sandbox();
    sb.write(
        "docs/<img src=x onerror=alert(2)>.txt",
        "\"><b>bold</b> the Supreme Leader ' onmouseover='x\n",
    );
    let page = html(&sb, &[]);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<img"));
    assert!(page.contains("docs/&lt;img src=x onerror=alert(2)&gt;.txt"));
    assert!(!page.contains("<b>bold"));
    assert!(page.contains(
        "&quot;&gt;&lt;b&gt;bold&lt;/b&gt; the <mark>Supreme Leader</mark> &#39; onmouseover=&#39;x"
    ));
    // Self-contained: nothing is fetched from anywhere.
    for external in ["http://", "https://", "src=\"", "@import", "url("] {
        let hits: Vec<_> = page.match_indices(external).collect();
        let allowed = hits
            .iter()
            .all(|(at, _)| page[*at..].starts_with("http://www.w3.org/2000/svg"));
        assert!(allowed, "{external} in the page");
    }
    assert!(page.contains("Content-Security-Policy"));
}

#[test]
fn html_shows_totals_charts_and_frequent_wrong_renderings() {
    let sb = sandbox();
    let page = html(&sb, &[]);
    assert!(
        page.contains("<b>20.0%</b><span>adherence (whole run)</span>"),
        "{page}"
    );
    assert!(page.contains("<h2>Adherence per concept</h2><svg"));
    assert!(page.contains("<h2>Adherence per document</h2><svg"));
    assert!(page.contains(">docs/vendorB/b.txt</text>"));
    assert!(page.contains("50.0% <tspan fill=\"#5f6b7a\">(1/2)</tspan>"));
    assert!(page.contains("<h2>Most frequent wrong renderings</h2>"));
    assert!(page.contains("<td>supreme leader</td><td>variant</td>"));
    assert_eq!(page.matches("<tr class=\"finding\"").count(), 4);

    let page = html(&sb, &["--group-by-dir"]);
    assert!(page.contains("<h2>Adherence per folder</h2><svg"));
    assert!(page.contains(">docs/vendorA</text>"));
    assert!(!page.contains(">docs/vendorB/b.txt</text>"));
}

const CHROMIUM: &str = "/usr/bin/chromium";

/// The DOM of `url` after its scripts ran, or `None` (with a message) when
/// Chromium is not installed and the environment does not require it.
fn dump_dom(url: &str, profile: &Path) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var("TERMAUDIT_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("{CHROMIUM} is missing but TERMAUDIT_REQUIRE_CHROMIUM=1");
        }
        eprintln!("SKIPPED: {CHROMIUM} not found; install Debian's `chromium` to run this test");
        return None;
    }
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        stdout.read_to_string(&mut dom).unwrap();
        dom
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(reader.join().unwrap())
}

/// For each finding row of a dumped page in order: whether it is visible.
fn visible_rows(dom: &str) -> Vec<bool> {
    dom.match_indices("<tr class=\"finding\"")
        .map(|(at, _)| {
            let tag = &dom[at..at + dom[at..].find('>').unwrap()];
            !tag.contains(" hidden")
        })
        .collect()
}

#[test]
fn html_filters_and_search_work_in_headless_chromium() {
    let sb = sandbox();
    html(&sb, &[]);
    let page: PathBuf = sb.path("out/report.html");
    let url = |query: &str| format!("file://{}{query}", page.display());
    // Rows in path order: a.txt community, a.txt leader, c.txt fuzzy, b.txt info.
    let cases: &[(&str, [bool; 4], &str)] = &[
        ("", [true, true, true, true], "4 of 4"),
        ("?concept=leader", [false, true, false, false], "1 of 4"),
        ("#severity=info", [false, false, false, true], "1 of 4"),
        (
            "?concept=community&severity=error",
            [true, false, true, false],
            "2 of 4",
        ),
        ("?q=GROWS", [false, false, true, false], "1 of 4"),
        ("?q=vendorb%20common", [false, false, false, true], "1 of 4"),
        (
            "?q=supreme#concept=community",
            [true, false, false, false],
            "1 of 4",
        ),
        (
            "?q=nothing-like-this",
            [false, false, false, false],
            "0 of 4",
        ),
    ];
    for (i, (query, expected, shown)) in cases.iter().enumerate() {
        let profile = sb.path(&format!("chromium-profile-{i}"));
        let Some(dom) = dump_dom(&url(query), &profile) else {
            return;
        };
        assert_eq!(visible_rows(&dom), expected, "{query}");
        assert!(
            dom.contains(&format!(
                "<output id=\"shown\">{shown} findings shown</output>"
            )),
            "{query}: {}",
            &dom[dom.find("<output").unwrap()..][..80]
        );
        // The document's markup stayed text: only the page's own script exists.
        assert_eq!(dom.matches("<script").count(), 1, "{query}");
        assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}

#[test]
fn help_describes_the_report_flags() {
    let sb = Sandbox::new();
    let help = sb.run(&["audit", "--help"]).stdout;
    for flag in [
        "--excel-csv",
        "--xlsx <FILE>",
        "--html <FILE>",
        "--group-by-dir",
    ] {
        assert!(help.contains(flag), "{help}");
    }
}
