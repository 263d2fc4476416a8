//! Hostile glossaries, generated here: each loads, or fails with
//! `file:line:column: reason` and exit status 2 — never a panic, a hang or
//! a silently dropped row. RELIABILITY.md has the table.
//!
//! The 100,000-concept glossary runs with `--ignored` (see RELIABILITY.md);
//! 10,000 concepts cover the same code in CI.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::Sandbox;
use termaudit::audit::audit_text;
use termaudit::glossary::from_csv_str;
use termaudit::matcher::{MatchOptions, Matcher};

/// `glossary check` of `csv` written to `g.csv`: (exit code, stderr).
fn check(csv: impl AsRef<[u8]>) -> (i32, String) {
    let sb = Sandbox::new();
    sb.write("g.csv", csv);
    let run = sb.run(&["glossary", "check", "--glossary", "g.csv"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (run.code, run.stderr)
}

fn assert_fails_at(csv: impl AsRef<[u8]>, expected: &str) {
    let (code, stderr) = check(csv);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in:\n{stderr}"
    );
}

#[test]
fn empty_glossary_fails_with_a_position() {
    assert_fails_at("", "g.csv:1:1: empty file: expected a header row (id,");
    assert_fails_at("\u{FEFF}\r\n", "g.csv:1:1: empty file");
}

#[test]
fn header_only_glossary_fails() {
    assert_fails_at(
        "id,preferred,variants\n",
        "g.csv:1:1: the glossary has no concepts",
    );
}

#[test]
fn bom_and_crlf_load() {
    let (code, stderr) = check(
        "\u{FEFF}id,preferred,variants,must_flag\r\n\
         community,community with a shared future,community of destiny,A community of destiny.\r\n",
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn crlf_errors_point_at_their_own_line() {
    assert_fails_at(
        "id,preferred,severity\r\nok,fine,error\r\nbad,worse,fatal\r\n",
        "g.csv:3:11: unknown severity \"fatal\"",
    );
    assert_fails_at(
        "id,preferred\r\na,b\r\nc,d,e\r\n",
        "g.csv:3:1: malformed CSV: this row has 3 cells, the header has 2",
    );
}

#[test]
fn missing_column_fails_with_a_position() {
    assert_fails_at(
        "id,variants\nx,y\n",
        "g.csv:1:1: missing column \"preferred\"",
    );
    assert_fails_at(
        "id,preferred,colour\nx,y,z\n",
        "g.csv:1:14: unknown column \"colour\"",
    );
}

#[test]
fn quoted_cell_with_a_newline_loads_and_later_rows_keep_their_lines() {
    let (code, stderr) =
        check("id,preferred,note\nx,good thing,\"two\nlines, with a comma\"\ny,other thing,\n");
    assert_eq!(code, 0, "{stderr}");
    assert_fails_at(
        "id,preferred,note,severity\nx,good thing,\"two\nlines\",error\ny,other thing,,fatal\n",
        "g.csv:4:16: unknown severity",
    );
}

#[test]
fn unclosed_quote_fails_at_the_quote_instead_of_swallowing_rows() {
    assert_fails_at(
        "id,preferred\nx,\"good thing\ny,other thing\n",
        "g.csv:2:3: quoted cell never closed",
    );
}

#[test]
fn invalid_utf8_fails_at_the_byte() {
    assert_fails_at(
        b"id,preferred\nx,good\ny,caf\xE9\n".as_slice(),
        "g.csv:3:6: not valid UTF-8",
    );
}

#[test]
fn fifo_glossary_fails_without_blocking() {
    let sb = Sandbox::new();
    let status = std::process::Command::new("mkfifo")
        .arg(sb.path("g.csv"))
        .status()
        .unwrap();
    assert!(status.success());
    // Reading a FIFO with no writer blocks forever; the loader must not open it.
    let run = sb.run(&["glossary", "check", "--glossary", "g.csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("g.csv:0:0: not a regular file"),
        "{}",
        run.stderr
    );
}

/// `(a+)+$` takes exponential time in a backtracking engine on `aaa…a!`;
/// the regex crate's engines are linear, so a glossary pattern cannot stall
/// an audit. The time for 100× the input grows ~100×, not 2^n.
#[test]
fn pathological_regex_runs_in_linear_time() {
    let glossary = from_csv_str(
        Path::new("g.csv"),
        "id,preferred,patterns,exceptions\nx,good thing,(a+)+$,(x+x+)+y\n",
    )
    .unwrap();
    let options = MatchOptions {
        fuzzy_threshold: None,
    };
    let matcher = Matcher::compile_with(&glossary, options).unwrap();
    let mut times = Vec::new();
    for n in [10_000, 1_000_000] {
        let text = format!("{}!", "a".repeat(n));
        let started = Instant::now();
        let report = audit_text(&matcher, "a.txt", &text);
        times.push(started.elapsed());
        assert!(report.findings.is_empty(), "`$` never matches before `!`");
    }
    eprintln!("(a+)+$ over 10^4 and 10^6 bytes: {times:?}");
    // Backtracking would need ~2^30 steps for even 30 bytes.
    assert!(times[1] < Duration::from_secs(20), "{times:?}");
}

/// A glossary of `n` concepts with distinct forms, and a text that uses the
/// variant of the last one.
fn generated(n: usize) -> (String, String) {
    let word = |mut i: usize| {
        let mut w = String::new();
        for _ in 0..4 {
            w.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        w
    };
    let mut csv = String::from("id,preferred,variants\n");
    for i in 0..n {
        let w = word(i);
        csv.push_str(&format!("c{i},{w} joint council,{w} common committee\n"));
    }
    let text = format!("The {} common committee met.\n", word(n - 1));
    (csv, text)
}

fn large_glossary(n: usize, limit: Duration) {
    let sb = Sandbox::new();
    let (csv, text) = generated(n);
    sb.write("g.csv", csv);
    sb.write("d.txt", &text);
    let started = Instant::now();
    let run = sb.run(&["check", "-g", "g.csv", "--format", "short", "d.txt"]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = text["The ".len()..].trim_end_matches(" met.\n");
    assert!(
        run.stdout
            .starts_with(&format!("d.txt:1:5: error: {found} → ")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.trim_end().ends_with(&format!("[c{}]", n - 1)));
    eprintln!("{n} concepts: loaded, compiled (fuzzy on) and checked in {elapsed:?}");
    assert!(elapsed < limit, "{n} concepts took {elapsed:?}");
}

#[test]
fn ten_thousand_concepts_load_and_match() {
    large_glossary(10_000, Duration::from_secs(60));
}

#[test]
#[ignore = "~30 s in a debug build: cargo test --test hostile_glossary -- --ignored"]
fn hundred_thousand_concepts_load_and_match() {
    // Before the fuzzy index capped its posting lists while building, this
    // took 7.5 minutes in a debug build; now ~30 s, and a few in release.
    let limit = if cfg!(debug_assertions) { 120 } else { 20 };
    large_glossary(100_000, Duration::from_secs(limit));
}
