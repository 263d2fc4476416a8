//! The bodies of termaudit's fuzz targets, one function per target, each
//! taking arbitrary bytes and panicking only on a bug: a panic inside
//! termaudit, or a broken invariant asserted here.
//!
//! Two drivers run them. `fuzz_targets/*.rs` hand them to libFuzzer
//! (`cargo fuzz run <target>` on nightly, or the stable build script in
//! RELIABILITY.md). The main crate's `tests/fuzz.rs` includes this file as a
//! module and runs every target over seeded, deterministic mutations of
//! [`seeds`] on stable Rust, as part of `cargo test`.
//!
//! The file is both a crate root and a module, so it has no inner attributes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use termaudit::audit::{Finding, Scratch, audit_file, audit_text};
use termaudit::glossary::{Concept, from_csv_str, to_canonical_csv};
use termaudit::matcher::{MatchOptions, Matcher};
use termaudit::normalize::LineIndex;
use termaudit::source::{self, Decoded, Encoding};
use termaudit::suppress::{Pragmas, read_baseline};

/// A target: its name and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, by name.
pub const TARGETS: &[Target] = &[
    ("glossary", glossary),
    ("matcher", matcher),
    ("decode", decode),
    ("chunks", chunks),
    ("pragmas", pragmas),
    ("baseline", baseline),
];

/// Tokens that mutations insert: the syntax each parser cares about.
pub const TOKENS: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b" | ",
    b"|",
    b"[info]",
    b" [warning]",
    b"[",
    b"]",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\0",
    b"\xFF",
    b"\xC3",
    b"\xE4\xB8",
    b"\xF0\x9F\x98",
    b"termaudit: off",
    b"termaudit: on",
    b"termaudit: ignore community",
    b"<!-- termaudit: ignore -->",
    b"(a+)+$",
    b"\\b",
    b"(?i)",
    b"\\p{L}+",
    b"community",
    b"of human destiny",
    b"Supreme Leader",
    b"\xE2\x80\x99",
    b"\xE2\x80\x94",
    b"\xC2\xA0",
    b"\xE3\x80\x80",
    b"\xEF\xBC\xA1",
    b"\xC4\xB0",
    b"error",
    b"warning",
    b"info",
    b"id",
    b"preferred",
    b"variants",
    b"patterns",
    b"exceptions",
    b"review",
    b"ok",
    b"'",
];

/// The glossary of the `chunks` target and the seeds: short forms, a
/// pattern and an exception.
pub const GLOSSARY: &str = "\
id,preferred,accepted,variants,patterns,exceptions,severity
community,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info],\\bshared destin\\w+,,error
leader,Xi Jinping,President Xi Jinping,Supreme Leader,,\\biran\\b,warning
";

/// Starting inputs of a target: small, valid and near-valid examples.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let text = "Intro.\nWe build a “community of human destiny”, said the Supreme Leader’s aide.\n\
                Iran's Supreme Leader; a community with a shared future for mankind.\n";
    let mut seeds: Vec<Vec<u8>> = match target {
        "glossary" => vec![
            GLOSSARY.into(),
            "\u{FEFF}id,preferred,variants,must_flag,must_pass\r\nx,good thing,bad thing,A bad thing.,A good thing.\r\n".into(),
            "id,preferred,note\nx,\"multi\nline\",\"a \"\"quoted\"\" note\"\n".into(),
            "id,preferred,patterns,exceptions\nx,y z,(a+)+$,\\bq\\b\n".into(),
            "id,preferred,variants\nx,\"open,bad\n".into(),
            Vec::new(),
        ],
        "matcher" => vec![
            format!("community of human destiny|community with a shared future\nre:shared destin\\w+\x01{text}")
                .into(),
            format!("Supreme Leader|Xi Jinping\x01{text}").into(),
            b"a b|c d\x01A\xC2\xA0B a\nb".to_vec(),
        ],
        "decode" => vec![
            text.into(),
            Encoding::Utf8Bom.encode(text),
            Encoding::Utf16Le.encode(text),
            Encoding::Utf16Be.encode(text),
            b"caf\xE9 \xFF\xFE".to_vec(),
            b"a\0b".to_vec(),
        ],
        "chunks" => vec![
            text.repeat(200).into(),
            format!("{}\r\n", "命运 community of human destiny ".repeat(600)).into(),
            [Encoding::Utf8Bom.encode(&text.repeat(150)), b"\xFF".to_vec()].concat(),
            Encoding::Utf16Le.encode(&text.repeat(100)),
        ],
        "pragmas" => vec![
            "a\n<!-- termaudit: ignore leader, other -->\nb\n# termaudit: off\nc\ntermaudit: on\n".into(),
            "termaudit: off".into(),
            "termaudit:".into(),
        ],
        "baseline" => vec![
            "id,file,review\r\n'0123,a.txt,ok\r\nabcd,b.txt,false positive\r\n".into(),
            "review,id\nwontfix,x\n".into(),
            "id\nx\n".into(),
        ],
        _ => Vec::new(),
    };
    seeds.push(Vec::new());
    seeds
}

/// Glossary loader: CSV in, a glossary or errors with positions out. One
/// that loads compiles or fails cleanly, runs its self-tests, and its
/// canonical form (what `glossary fmt` writes) loads back to the same
/// concepts.
pub fn glossary(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("fuzz.csv");
    let glossary = match from_csv_str(path, &text) {
        Ok(glossary) => glossary,
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without a problem");
            for error in &errors.0 {
                assert!(
                    error.position.line >= 1 && error.position.column >= 1,
                    "no position: {error}"
                );
            }
            return;
        }
    };
    let canonical = to_canonical_csv(&glossary.concepts);
    match from_csv_str(path, &canonical) {
        Ok(again) => assert_eq!(
            comparable(&glossary.concepts),
            comparable(&again.concepts),
            "canonical form changes the glossary:\n{canonical}"
        ),
        Err(e) => panic!("canonical form does not load: {e}\n{canonical}"),
    }
    for fuzzy in [None, Some(0.7)] {
        let options = MatchOptions {
            fuzzy_threshold: fuzzy,
        };
        if let Ok(matcher) = Matcher::compile_with(&glossary, options) {
            let _ = termaudit::selftest::run(&glossary, &matcher);
        }
    }
}

/// The content of concepts, sorted by id, without their positions.
fn comparable(concepts: &[Concept]) -> Vec<String> {
    let mut out: Vec<String> = concepts
        .iter()
        .map(|c| {
            format!(
                "{:?}",
                (
                    &c.id,
                    &c.source,
                    &c.preferred,
                    &c.accepted,
                    &c.variants,
                    &c.patterns,
                    &c.exceptions,
                    c.severity,
                    &c.note,
                    &c.must_flag,
                    &c.must_pass,
                )
            )
        })
        .collect();
    out.sort();
    out
}

/// Quotes a CSV cell.
fn quote(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

/// Normalizer and matcher: the bytes before the first `\x01` describe a
/// glossary (a line `variant|preferred` per concept, `re:<regex>` for a
/// pattern), the rest is the text (all of it when there is no `\x01`).
/// Every finding must be well-formed, in order, and fixable.
pub fn matcher(data: &[u8]) {
    let (spec, text) = match data.iter().position(|&b| b == 1) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let spec = String::from_utf8_lossy(spec);
    let mut csv = String::from("id,preferred,variants,patterns\n");
    for (i, line) in spec.lines().take(16).enumerate() {
        let (pattern, forms) = match line.strip_prefix("re:") {
            Some(regex) => (regex, ""),
            None => ("", line),
        };
        let (variant, preferred) = forms.split_once('|').unwrap_or((forms, ""));
        let preferred = if preferred.trim().is_empty() {
            format!("preferred {i}")
        } else {
            preferred.to_string()
        };
        let row = [
            format!("c{i}"),
            quote(&preferred),
            quote(variant),
            quote(pattern),
        ];
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let text = match source::decode(text.to_vec()) {
        Decoded::Text(t) | Decoded::Lossy(t) => t,
        Decoded::Binary => String::from_utf8_lossy(text).replace('\0', " "),
    };
    let Ok(glossary) = from_csv_str(Path::new("fuzz.csv"), &csv) else {
        return;
    };
    for fuzzy in [None, Some(0.7)] {
        let options = MatchOptions {
            fuzzy_threshold: fuzzy,
        };
        let Ok(matcher) = Matcher::compile_with(&glossary, options) else {
            return;
        };
        let report = audit_text(&matcher, "fuzz.txt", &text);
        check_findings(&text, &report.findings);
        // Fixes apply without panicking, whatever the findings.
        let edits = termaudit::fix::edits(&matcher, &text, &report.findings);
        let all: Vec<_> = edits.iter().collect();
        let _ = termaudit::fix::apply(&text, &all);
    }
}

/// What every finding of `text` must satisfy.
pub fn check_findings(text: &str, findings: &[Finding]) {
    let lines = LineIndex::new(text);
    let mut previous_end = 0;
    for f in findings {
        assert!(f.start < f.end && f.end <= text.len(), "span {f:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!(
            f.start >= previous_end,
            "findings overlap or are out of order: {f:?}"
        );
        previous_end = f.end;
        assert_eq!(
            (f.line, f.column),
            lines.line_column(text, f.start),
            "{f:?}"
        );
        assert!((0.0..=1.0).contains(&f.score), "{f:?}");
        assert_eq!(&f.context[f.highlight.clone()], f.found, "{f:?}");
        let collapsed: Vec<&str> = text[f.start..f.end].split_whitespace().collect();
        assert_eq!(collapsed.join(" "), f.found);
    }
}

/// Text decoding: UTF-8 with or without BOM, UTF-16 with BOM, lossy, or
/// binary. Text re-encodes to the same bytes; lossy text re-encodes to
/// bytes that decode cleanly to the same text.
pub fn decode(data: &[u8]) {
    let (decoded, encoding) = source::decode_with_encoding(data.to_vec());
    let document = source::document(Path::new("fuzz.txt"), data.to_vec());
    match decoded {
        Decoded::Text(text) => {
            assert_eq!(encoding.encode(&text), data, "round trip");
            let document = document.unwrap_or_else(|e| panic!("text refused: {e}"));
            assert!(document.warning.is_none());
            assert_eq!(document.text, text);
        }
        Decoded::Lossy(text) => {
            let (again, _) = source::decode_with_encoding(encoding.encode(&text));
            assert_eq!(again, Decoded::Text(text), "lossy text re-decodes");
            let document = document.unwrap_or_else(|e| panic!("lossy text refused: {e}"));
            assert!(document.warning.is_some());
        }
        Decoded::Binary => {
            let probe = &data[..data.len().min(source::BINARY_PROBE)];
            assert!(probe.contains(&0));
            assert!(document.is_err());
        }
    }
}

/// A matcher for [`GLOSSARY`], compiled once.
fn fixed_matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let glossary = from_csv_str(Path::new("glossary.csv"), GLOSSARY)
            .unwrap_or_else(|e| panic!("GLOSSARY: {e}"));
        let options = MatchOptions {
            fuzzy_threshold: None,
        };
        Matcher::compile_with(&glossary, options).unwrap_or_else(|e| panic!("GLOSSARY: {e}"))
    })
}

/// A scratch folder for targets that need files, one per thread.
fn scratch_dir() -> PathBuf {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    }
    DIR.with(|d| d.path().to_path_buf())
}

/// Chunked reading: a file audited in 8 KiB chunks gives what the same file
/// audited whole gives, and so does its gzip-compressed copy (always
/// streamed). Pragma regions are per chunk by design, so inputs with a
/// pragma are audited but not compared.
pub fn chunks(data: &[u8]) {
    let matcher = fixed_matcher();
    let dir = scratch_dir();
    let plain = dir.join("fuzz.txt");
    let gz = dir.join("fuzz.txt.gz");
    std::fs::write(&plain, data).unwrap_or_else(|e| panic!("{e}"));
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&gz, encoder.finish().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut scratch = Scratch::default();
    let whole = audit_file(matcher, &plain, usize::MAX, &mut scratch);
    if let (Ok((report, _)), Ok(text)) = (&whole, std::str::from_utf8(data))
        && !text.starts_with('\u{FEFF}')
    {
        check_findings(text, &report.findings);
    }
    let whole = comparable_audit(whole);
    let chunked = comparable_audit(audit_file(matcher, &plain, 8192, &mut scratch));
    let compressed = comparable_audit(audit_file(matcher, &gz, 8192, &mut scratch));
    if has_pragma(data) {
        return;
    }
    assert_eq!(whole, chunked, "chunked differs from whole");
    assert_eq!(whole, compressed, "gzip differs from whole");
}

/// What must not depend on how a file was read (not its path or size).
type Comparable = Result<
    (
        Vec<(usize, usize, usize, usize, String, String)>,
        termaudit::audit::Occurrences,
        Option<String>,
    ),
    (source::ProblemKind, String),
>;

fn comparable_audit(
    result: Result<(termaudit::audit::DocReport, Option<source::SourceError>), source::SourceError>,
) -> Comparable {
    result
        .map(|(report, warning)| {
            let findings = report
                .findings
                .iter()
                .map(|f| {
                    (
                        f.start,
                        f.end,
                        f.line,
                        f.column,
                        f.found.clone(),
                        f.context.clone(),
                    )
                })
                .collect();
            (findings, report.occurrences, warning.map(|w| w.reason))
        })
        .map_err(|e| (e.kind, e.reason))
}

fn has_pragma(data: &[u8]) -> bool {
    data.windows(b"termaudit:".len())
        .any(|w| w == b"termaudit:")
}

/// Pragmas: parsing any text never fails, and text without the marker has
/// no pragma.
pub fn pragmas(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pragmas = Pragmas::parse(&text);
    let lines = text.lines().count() + 2;
    for line in 0..lines.min(10_000) {
        let _ = pragmas.suppresses("community", line);
    }
    if !text.contains("termaudit:") {
        assert!(pragmas.is_empty());
    }
}

/// Baseline files (a reviewed `findings.csv`): read or refused with an
/// error, never a panic; every id read is in the file.
pub fn baseline(data: &[u8]) {
    let path = scratch_dir().join("baseline.csv");
    std::fs::write(&path, data).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(ids) = read_baseline(&path)
        && !data.contains(&b'"')
    {
        let text = String::from_utf8_lossy(data);
        for id in ids {
            assert!(text.contains(&id), "{id:?} is not in the file");
        }
    }
}
