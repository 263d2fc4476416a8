//! Real documents, end to end on the binary: each format's findings point at
//! the right line and column of the original file, what is not prose is not
//! reported, broken files are listed and the run goes on, bilingual files
//! get `missing` findings, and TBX goes in and out of the glossary.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

use common::{Sandbox, csv_rows, root};

/// A fixture glossary with source terms, for the bilingual check.
const GLOSSARY: &str = "\
id,source,preferred,accepted,variants,severity,note
community,人类命运共同体,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info],error,Official since 2015.
leader,,Xi Jinping,President Xi Jinping,Supreme Leader,error,Name masked before MT.
bri,一带一路,Belt and Road Initiative,,One Belt One Road,error,Official English name since 2015.
";

fn fixture(name: &str) -> String {
    let path = root().join("tests/fixtures/formats").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sandbox with the glossary and the named fixtures under `docs/`.
fn sandbox_with(fixtures: &[&str]) -> Sandbox {
    let sb = Sandbox::new();
    sb.write("glossary/terms.csv", GLOSSARY);
    for name in fixtures {
        sb.write(&format!("docs/{name}"), fixture(name));
    }
    sb
}

/// The 1-based line and character column of the `nth` occurrence of
/// `needle` in `text`, computed independently of termaudit.
fn position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", nth + 1));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// One row of findings.csv, the cells the tests look at.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    file: String,
    line: usize,
    column: usize,
    concept: String,
    kind: String,
    found: String,
    segment: String,
}

/// Runs `audit docs` and returns its exit status and findings.csv rows.
fn audit(sb: &Sandbox, extra: &[&str]) -> (i32, Vec<Row>) {
    let mut args = vec!["audit", "docs", "-o", "out", "-q"];
    args.extend_from_slice(extra);
    let run = sb.run(&args);
    let rows = csv_rows(&sb.read("out/findings.csv"));
    assert_eq!(
        rows[0].last().unwrap(),
        "segment",
        "segment is the last column"
    );
    let rows = rows[1..]
        .iter()
        .map(|r| Row {
            file: r[1].clone(),
            line: r[2].parse().unwrap(),
            column: r[3].parse().unwrap(),
            concept: r[4].clone(),
            kind: r[6].clone(),
            found: r[8].clone(),
            segment: r[13].clone(),
        })
        .collect();
    (run.code, rows)
}

/// (line, column, concept, kind) of each row.
fn places(rows: &[Row]) -> Vec<(usize, usize, &str, &str)> {
    rows.iter()
        .map(|r| (r.line, r.column, r.concept.as_str(), r.kind.as_str()))
        .collect()
}

fn at(
    pos: (usize, usize),
    concept: &'static str,
    kind: &'static str,
) -> (usize, usize, &'static str, &'static str) {
    (pos.0, pos.1, concept, kind)
}

#[test]
fn markdown_prose_only_with_original_positions() {
    let text = fixture("speech.md");
    let sb = sandbox_with(&["speech.md"]);
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    // Front matter, inline code, autolinks, link targets, fenced and
    // indented code hold the term too, and are not reported.
    assert_eq!(
        places(&rows),
        [
            at(
                position(&text, "community of human destiny", 1),
                "community",
                "variant"
            ),
            at(
                position(&text, "community of\nhuman", 0),
                "community",
                "variant"
            ),
            at(position(&text, "One Belt One Road", 0), "bri", "variant"),
            at(position(&text, "Supreme Leader", 0), "leader", "variant"),
        ]
    );
    assert_eq!(rows[1].found, "community of human destiny");
    assert!(
        rows.iter()
            .all(|r| r.segment.is_empty() && r.file == "docs/speech.md")
    );
}

#[test]
fn html_text_without_scripts_styles_attributes_or_comments() {
    let text = fixture("speech.html");
    let sb = sandbox_with(&["speech.html"]);
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        places(&rows),
        [
            at(
                position(&text, "community of human destiny", 0),
                "community",
                "variant"
            ),
            at(
                position(&text, "community of</em>", 0),
                "community",
                "variant"
            ),
            at(position(&text, "One Belt One Road", 0), "bri", "variant"),
            at(position(&text, "Supreme Leader", 0), "leader", "variant"),
        ]
    );
    // Markup and entities are gone from what the reviewer reads.
    assert_eq!(rows[1].found, "community of human destiny");
    let context = csv_rows(&sb.read("out/findings.csv"))[2][10].clone();
    assert_eq!(
        context,
        "We build a community of human destiny & the One Belt One Road."
    );
}

#[test]
fn xliff_targets_with_missing_renderings() {
    let text = fixture("speech.xlf");
    let sb = sandbox_with(&["speech.xlf"]);
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    // Unit 1 has a variant: one finding, no extra `missing`. Unit 2's MT
    // rendering is in no glossary list: `missing`. Unit 3 is correct.
    // Unit 4 misses the BRI name; the <ph> code holding a variant is skipped.
    assert_eq!(
        places(&rows),
        [
            at(
                position(&text, "community of</g>", 0),
                "community",
                "variant"
            ),
            at(
                position(&text, "Promote a shared", 0),
                "community",
                "missing"
            ),
            at(position(&text, "jointly pursue", 0), "bri", "missing"),
        ]
    );
    let segments: Vec<&str> = rows.iter().map(|r| r.segment.as_str()).collect();
    assert_eq!(segments, ["1", "2", "4"]);
    assert_eq!(rows[1].found, "Promote a shared destiny of all humankind");
    let cells = &csv_rows(&sb.read("out/findings.csv"))[2];
    assert_eq!(cells[9], "community with a shared future for mankind");
    assert_eq!(
        cells[10],
        "推动构建人类命运共同体 → Promote a shared destiny of all humankind"
    );
}

#[test]
fn tmx_english_variants_with_missing_renderings() {
    let text = fixture("speech.tmx");
    let sb = sandbox_with(&["speech.tmx"]);
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        places(&rows),
        [
            at(
                position(&text, "We build a shared", 0),
                "community",
                "missing"
            ),
            at(
                position(&text, "community of human</hi>", 0),
                "community",
                "variant"
            ),
            at(position(&text, "Supreme Leader", 0), "leader", "variant"),
        ]
    );
    let segments: Vec<&str> = rows.iter().map(|r| r.segment.as_str()).collect();
    assert_eq!(segments, ["speech-1", "speech-2", "speech-3"]);
}

#[test]
fn po_strings_across_continuation_lines() {
    let text = fixture("speech.po");
    let sb = sandbox_with(&["speech.po"]);
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    // The obsolete (#~) entry is a comment and is not audited.
    assert_eq!(
        places(&rows),
        [
            at(
                position(&text, "community of \"", 0),
                "community",
                "variant"
            ),
            at(
                position(&text, "A shared destiny", 0),
                "community",
                "missing"
            ),
        ]
    );
    assert_eq!(rows[0].found, "community of human destiny");
    assert_eq!(rows[0].segment, "构建人类命运共同体");
    assert_eq!(rows[1].segment, "title");
}

/// A minimal DOCX: `[Content_Types].xml` and `word/document.xml`.
fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

const DOCUMENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:r><w:t>Intro paragraph.</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">We build a commu</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>nity of human</w:t></w:r><w:r><w:t xml:space="preserve"> destiny.</w:t></w:r><w:del><w:r><w:delText>Supreme Leader</w:delText></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>The Supreme Leader spoke.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body>
</w:document>"#;

#[test]
fn docx_runs_joined_and_paragraph_numbers_as_lines() {
    let sb = sandbox_with(&[]);
    sb.write("docs/speech.docx", docx(DOCUMENT_XML));
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 0);
    // Paragraph 3 splits "community" over two runs; paragraph 4 is in a
    // table; deleted text is not audited.
    assert_eq!(
        places(&rows),
        [(3, 12, "community", "variant"), (4, 5, "leader", "variant")]
    );
    assert_eq!(rows[0].found, "community of human destiny");
}

#[test]
fn malformed_files_are_listed_and_the_run_goes_on() {
    let sb = sandbox_with(&["broken.xlf", "speech.md"]);
    let whole = docx(DOCUMENT_XML);
    sb.write("docs/truncated.docx", &whole[..whole.len() / 2]);
    sb.write("docs/broken.po", "msgid \"a\"\nmsgstr \"unterminated\n");
    let (code, rows) = audit(&sb, &[]);
    assert_eq!(code, 2, "an unreadable input makes the status 2");
    assert!(rows.iter().any(|r| r.file == "docs/speech.md"));
    assert!(rows.iter().all(|r| r.file == "docs/speech.md"));
    let errors = csv_rows(&sb.read("out/errors.csv"));
    let by_file: Vec<(&str, &str, &str)> = errors[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(by_file.len(), 3, "{by_file:?}");
    let (file, kind, reason) = by_file[0];
    assert_eq!((file, kind), ("docs/broken.po", "error"));
    assert!(
        reason.starts_with("malformed po: line 2, column 8: string not closed"),
        "{reason}"
    );
    let (file, kind, reason) = by_file[1];
    assert_eq!((file, kind), ("docs/broken.xlf", "error"));
    assert!(
        reason.starts_with("malformed xliff: line 7, column "),
        "{reason}"
    );
    assert!(reason.contains("</source>"), "{reason}");
    let (file, kind, reason) = by_file[2];
    assert_eq!((file, kind), ("docs/truncated.docx", "error"));
    assert!(
        reason.starts_with("malformed docx: not a DOCX (zip) file"),
        "{reason}"
    );
}

#[test]
fn format_in_overrides_the_extension() {
    let sb = sandbox_with(&[]);
    sb.write("docs/notes.txt", fixture("speech.xlf"));
    let (_, as_text) = audit(&sb, &[]);
    assert!(
        as_text
            .iter()
            .all(|r| r.kind != "missing" && r.segment.is_empty())
    );
    let (code, as_xliff) = audit(&sb, &["--format-in", "xliff"]);
    assert_eq!(code, 0);
    assert_eq!(as_xliff.len(), 3);
    assert_eq!(as_xliff[1].kind, "missing");

    let html = "<p title=\"Supreme Leader\">The <b>Supreme</b> Leader.</p>\n";
    let run = sb.run_with_stdin(
        &["check", "--format", "short", "--format-in", "html", "-"],
        Some(html),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (line, column) = position(html, "Supreme</b>", 0);
    assert_eq!(
        run.stdout,
        format!("<stdin>:{line}:{column}: error: Supreme Leader → Xi Jinping [leader]\n")
    );
    let bad = sb.run(&["check", "--format-in", "rtf", "docs/notes.txt"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown format \"rtf\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn tbx_import_maps_administrative_status() {
    let sb = Sandbox::new();
    sb.write("termbase.tbx", fixture("termbase.tbx"));
    let run = sb.run(&["glossary", "import", "termbase.tbx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&sb.read("glossary/imported.csv"));
    assert_eq!(
        rows,
        [
            vec![
                "id",
                "source",
                "preferred",
                "accepted",
                "variants",
                "patterns",
                "exceptions",
                "context",
                "severity",
                "note",
                "must_flag",
                "must_pass"
            ],
            vec![
                "bri",
                "一带一路",
                "Belt and Road Initiative",
                "",
                "One Belt One Road",
                "",
                "",
                "",
                "error",
                "",
                "",
                ""
            ],
            vec![
                "csf-001",
                "人类命运共同体",
                "community with a shared future for mankind",
                "community with a shared future for humanity",
                "community of common destiny [info] | community of human destiny",
                "",
                "",
                "",
                "error",
                "Xi Jinping's signature foreign-policy concept.",
                "",
                ""
            ],
        ]
    );
    // The imported glossary works at once, bilingual check included.
    sb.write("docs/speech.xlf", fixture("speech.xlf"));
    let (_, found) = audit(&sb, &[]);
    assert_eq!(found.len(), 3);
}

#[test]
fn tbx_round_trip_keeps_every_form() {
    let sb = Sandbox::new();
    let full = "\
id,source,preferred,accepted,variants,patterns,exceptions,severity,note,must_flag,must_pass
community,人类命运共同体 | 命运共同体,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info] | destiny community [warning],community of (the )?human destiny,\\bempire\\b,warning,\"Official since 2015 & \"\"quoted\"\" <b>.\",We build a community of human destiny.,We build a community with a shared future for mankind.
leader,,Xi Jinping,President Xi Jinping,Supreme Leader,,\\biran\\b,error,,,
";
    sb.write("glossary/terms.csv", full);
    assert_eq!(sb.run(&["glossary", "fmt"]).code, 0);
    let canonical = sb.read("glossary/terms.csv");
    let export = sb.run(&["glossary", "export", "--tbx", "-o", "out.tbx"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(sb.read("out.tbx").contains("<termEntry id=\"community\">"));
    let import = sb.run(&["glossary", "import", "out.tbx", "-o", "back/terms.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert_eq!(sb.read("back/terms.csv"), canonical);
    // Export to standard output gives the same termbase.
    let stdout = sb.run(&["glossary", "export", "--tbx"]);
    assert_eq!(stdout.stdout, sb.read("out.tbx"));
}
