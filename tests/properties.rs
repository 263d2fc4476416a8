//! Properties of normalization and matching, over generated inputs
//! (proptest): offsets always map back to character boundaries, folding is
//! idempotent, a form put anywhere at word boundaries is found right there,
//! chunked and whole audits agree, and nothing panics on arbitrary bytes or
//! arbitrary small glossaries.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use termaudit::audit::{Finding, Scratch, audit_file, audit_text};
use termaudit::glossary::from_csv_str;
use termaudit::matcher::{MatchOptions, Matcher};
use termaudit::normalize::{Folded, LineIndex};
use termaudit::source::{Decoded, decode};

/// The seed of every property below, so that CI runs the same cases each
/// time; `PROPTEST_RNG_SEED=<n>` explores others, `PROPTEST_CASES=<n>` runs more.
const SEED: u64 = 0x7e4a_0d17;

fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
    );
    if config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    // A failure prints its minimal input; with a fixed seed it recurs anyway.
    config.failure_persistence = None;
    config
}

/// Text that mixes what folding treats specially with arbitrary characters.
fn tricky_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        " ", "\n", "\r\n", "\t", "\u{A0}", "\u{3000}", "\u{200B}", "\u{AD}", "\u{FEFF}", "’", "“",
        "”", "—", "–", "Ａ", "ｚ", "＂", "İ", "ß", "Σ", "ς", "ﬁ", "\u{307}", "K", "Ω", "é",
        "e\u{301}", "命运", "😀", "`", "a", "Z", "-",
    ]);
    let piece = prop_oneof![
        3 => special.prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(512))]

    /// Every folded span maps back to a span of the original that starts and
    /// ends on character boundaries, in order.
    #[test]
    fn folded_spans_map_back_to_char_boundaries(original in tricky_text()) {
        let folded = Folded::new(&original);
        let len = folded.text.len();
        let mut previous_start = 0;
        for start in 0..=len {
            for end in (start..=len.min(start + 12)).chain([len]) {
                let (a, b) = folded.original_span(&original, start, end);
                prop_assert!(a <= b && b <= original.len(), "{start}..{end} → {a}..{b}");
                prop_assert!(original.is_char_boundary(a) && original.is_char_boundary(b));
            }
            let (a, _) = folded.original_span(&original, start, start);
            prop_assert!(a >= previous_start, "offsets never go back");
            previous_start = a;
        }
        // Non-empty folded text comes from non-empty original text.
        if len > 0 {
            let (a, b) = folded.original_span(&original, 0, len);
            prop_assert!(a < b);
        }
    }

    /// Folding folded text changes nothing.
    #[test]
    fn folding_is_idempotent(original in tricky_text()) {
        let once = Folded::new(&original).text;
        prop_assert_eq!(Folded::new(&once).text, once);
    }

    /// Folding is idempotent on any string at all, not only tricky ones.
    #[test]
    fn folding_is_idempotent_on_any_string(original in any::<String>()) {
        let once = Folded::new(&original).text;
        prop_assert_eq!(Folded::new(&once).text, once);
    }
}

/// A form's words (letters a–m) and filler words (letters n–z) never share a
/// letter, so the form can only be found where it was put.
fn form_words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-m]{3,7}", 1..4)
}

fn filler() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[n-z]{1,8}", 0..40)
}

fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![" ", "  ", "\n", "\r\n", "\t", "\u{A0}", " \n "])
}

/// Writes `words` with random case and random whitespace between them.
fn spell(words: &[String], upper: &[bool], gaps: &[&str]) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(gaps[i % gaps.len()]);
        }
        for (j, c) in word.chars().enumerate() {
            let is_upper = upper[(i * 7 + j) % upper.len()];
            out.push(if is_upper { c.to_ascii_uppercase() } else { c });
        }
    }
    out
}

fn matcher_for(variant: &str, fuzzy: bool) -> Matcher {
    let csv = format!("id,preferred,variants\nx,0000 1111,{variant}\n");
    let glossary = from_csv_str(Path::new("g.csv"), &csv).unwrap();
    let options = MatchOptions {
        fuzzy_threshold: fuzzy.then_some(0.7),
    };
    Matcher::compile_with(&glossary, options).unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    /// A listed form put at a word boundary anywhere in random text, in any
    /// case, with any whitespace between its words, and wrapped in
    /// punctuation, is found exactly there, at the right line and column.
    #[test]
    fn inserted_form_is_found_where_it_was_put(
        words in form_words(),
        before in filler(),
        after in filler(),
        upper in prop::collection::vec(any::<bool>(), 1..8),
        gaps in prop::collection::vec(gap(), 1..4),
        open in prop::sample::select(vec!["", "(", "“", "\"", "'"]),
        close in prop::sample::select(vec!["", ".", ",", ")", "”", "'s", "!"]),
        fuzzy in any::<bool>(),
    ) {
        let matcher = matcher_for(&words.join(" "), fuzzy);
        let form = spell(&words, &upper, &gaps);
        let head = spell(&before, &upper, &gaps);
        let tail = spell(&after, &upper, &gaps);
        let separator = |s: &str| if s.is_empty() { "" } else { gaps[0] };
        let prefix = format!("{head}{}{open}", separator(&head));
        let text = format!("{prefix}{form}{close}{}{tail}", separator(&tail));
        let report = audit_text(&matcher, "t.txt", &text);
        prop_assert_eq!(report.findings.len(), 1, "{:?} in {:?}", form, text);
        let finding = &report.findings[0];
        prop_assert_eq!((finding.start, finding.end), (prefix.len(), prefix.len() + form.len()));
        let expected_found: Vec<&str> = form.split_whitespace().collect();
        prop_assert_eq!(&finding.found, &expected_found.join(" "));
        let (line, column) = LineIndex::new(&text).line_column(&text, prefix.len());
        prop_assert_eq!((finding.line, finding.column), (line, column));
        check_finding(&text, finding)?;
    }
}

/// What every finding must satisfy, whatever the input.
fn check_finding(text: &str, f: &Finding) -> Result<(), TestCaseError> {
    prop_assert!(f.start <= f.end && f.end <= text.len(), "{f:?}");
    prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    prop_assert!(f.line >= 1 && f.column >= 1);
    prop_assert!((0.0..=1.0).contains(&f.score), "{f:?}");
    prop_assert_eq!(&f.context[f.highlight.clone()], f.found.as_str(), "{:?}", f);
    Ok(())
}

/// A cell of an arbitrary glossary: CSV and regex syntax, separators,
/// severities, or anything at all.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-e ,\"|\\[\\]().*+?\\\\{}\n-]{0,16}",
        4 => "[a-c]{1,4}( [a-c]{1,4}){0,3}( \\| [a-c]{1,4}( [a-c]{1,4}){0,2}){0,2}",
        1 => prop::sample::select(vec![" | ", "x [info]", "(a+)+$", "\\b", "[", "é|"])
            .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

/// A glossary row: mostly valid ids and severities, so that most glossaries
/// load and reach the matcher; sometimes anything.
fn row() -> impl Strategy<Value = Vec<String>> {
    let id = prop_oneof![9 => "[a-z]{1,5}", 1 => cell()];
    let severity = prop_oneof![
        9 => prop::sample::select(vec!["", "error", "warning", "info"]).prop_map(str::to_string),
        1 => cell(),
    ];
    let regex = prop_oneof![3 => Just(String::new()), 1 => cell()];
    let preferred = prop_oneof![3 => "[a-c]{1,4}( [a-c]{1,4}){0,2}", 1 => cell()];
    (
        id,
        preferred,
        cell(),
        cell(),
        regex.clone(),
        regex,
        severity,
    )
        .prop_map(|(a, b, c, d, e, f, g)| vec![a, b, c, d, e, f, g])
}

proptest! {
    #![proptest_config(config(256))]

    /// Glossaries built from arbitrary strings load or fail with an error,
    /// and those that load match arbitrary bytes without panicking, every
    /// finding well-formed. Run by [`arbitrary_glossaries_reach_the_matcher`].
    fn no_panic_on_arbitrary_bytes_and_glossaries(
        rows in prop::collection::vec(row(), 0..4),
        quoted in any::<bool>(),
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        words in prop::collection::vec("[a-e]{1,4}", 0..30),
    ) {
        let mut csv = String::from("id,preferred,accepted,variants,patterns,exceptions,severity\n");
        for row in &rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| if quoted { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
                .collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let Ok(glossary) = from_csv_str(Path::new("g.csv"), &csv) else {
            return Ok(());
        };
        let Ok(matcher) = Matcher::compile(&glossary) else {
            return Ok(());
        };
        COMPILED.fetch_add(1, Ordering::Relaxed);
        let decoded = match decode(bytes) {
            Decoded::Text(t) | Decoded::Lossy(t) => t,
            Decoded::Binary => String::new(),
        };
        // The glossary's own cells, shuffled among words, hold its forms.
        let cells: Vec<&str> = rows.iter().flatten().map(String::as_str).collect();
        let mixed = words
            .iter()
            .map(String::as_str)
            .zip(cells.iter().cycle())
            .flat_map(|(w, c)| [w, c])
            .collect::<Vec<_>>()
            .join(" ");
        for text in [decoded, mixed, cells.join("\n")] {
            let report = audit_text(&matcher, "t.txt", &text);
            FINDINGS.fetch_add(report.findings.len(), Ordering::Relaxed);
            for finding in &report.findings {
                check_finding(&text, finding)?;
            }
        }
    }
}

/// How many generated glossaries compiled, and how many findings they gave:
/// a generator that only makes invalid glossaries would test nothing.
static COMPILED: AtomicUsize = AtomicUsize::new(0);
static FINDINGS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn arbitrary_glossaries_reach_the_matcher() {
    no_panic_on_arbitrary_bytes_and_glossaries();
    let (compiled, findings) = (
        COMPILED.load(Ordering::Relaxed),
        FINDINGS.load(Ordering::Relaxed),
    );
    eprintln!("{compiled} generated glossaries compiled; {findings} findings");
    let cases = config(256).cases as usize;
    assert!(compiled >= cases / 4, "{compiled} of {cases}");
    assert!(findings >= cases / 4, "{findings} in {cases} cases");
}

proptest! {
    #![proptest_config(config(24))]

    /// A file audited in small overlapping chunks gives the same findings as
    /// the same file audited whole (forms are shorter than the overlap).
    #[test]
    fn chunked_and_whole_audits_agree(
        words in prop::collection::vec(
            prop_oneof![
                8 => "[n-z]{1,8}",
                1 => Just("abc deg".to_string()),
                1 => Just("命运 ßtraße".to_string()),
                1 => Just("\n".to_string()),
                1 => Just("deg abc.\n".to_string()),
            ],
            4000..8000,
        ),
        chunk in 8192usize..12000,
    ) {
        let matcher = matcher_for("abc deg", true);
        let text = words.join(" ");
        prop_assume!(text.len() > 2 * chunk, "several chunks");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, &text).unwrap();
        let key = |f: &Finding| (f.start, f.end, f.line, f.column, f.found.clone(), f.id.clone());
        let mut scratch = Scratch::default();
        let (whole, _) = audit_file(&matcher, &path, usize::MAX, &mut scratch).unwrap();
        let (chunked, _) = audit_file(&matcher, &path, chunk, &mut scratch).unwrap();
        let whole: Vec<_> = whole.findings.iter().map(key).collect();
        let chunked: Vec<_> = chunked.findings.iter().map(key).collect();
        prop_assert_eq!(whole, chunked);
    }
}
