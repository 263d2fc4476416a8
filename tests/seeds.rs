//! The bundled run: every wrong rendering the reference counts in the seeds
//! is found, canonical renderings are left alone, and the committed reports
//! are exactly what the binary writes, on any number of threads.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

mod common;

use std::path::Path;

use common::{csv_rows, root, run_in};

/// A finding as a byte span in its seed file.
struct Located {
    file: String,
    start: usize,
    end: usize,
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    line_start
        + text[line_start..]
            .chars()
            .take(column - 1)
            .map(char::len_utf8)
            .sum::<usize>()
}

/// End of `found` (whitespace collapsed) read from `start` in the original.
fn end_of(text: &str, start: usize, found: &str) -> usize {
    let mut original = text[start..].char_indices().peekable();
    let mut end = start;
    for expected in found.chars() {
        if expected == ' ' {
            while let Some((i, c)) = original.next_if(|(_, c)| c.is_whitespace()) {
                end = start + i + c.len_utf8();
            }
        } else if let Some((i, c)) = original.next() {
            end = start + i + c.len_utf8();
        }
    }
    end
}

fn audit_seeds(out: &Path, jobs: &str) -> Vec<Located> {
    let run = run_in(
        &root(),
        &[
            "audit",
            "--out",
            out.to_str().unwrap(),
            "--jobs",
            jobs,
            "--quiet",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&std::fs::read_to_string(out.join("findings.csv")).unwrap());
    rows[1..]
        .iter()
        .map(|r| {
            let text = std::fs::read_to_string(root().join(&r[1])).unwrap();
            let start = offset_of(&text, r[2].parse().unwrap(), r[3].parse().unwrap());
            Located {
                file: r[1].clone(),
                start,
                end: end_of(&text, start, &r[8]),
            }
        })
        .collect()
}

/// Non-overlapping occurrences of `needle` in `haystack`, as byte spans.
fn occurrences(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    haystack
        .match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

#[test]
fn reference_seed_counts_are_found_and_canonical_forms_left_alone() {
    let out = tempfile::tempdir().unwrap();
    let findings = audit_seeds(out.path(), "2");
    let counts =
        csv_rows(&std::fs::read_to_string(root().join("tests/data/seed_counts.csv")).unwrap());
    assert_eq!(
        counts[0],
        ["concept", "file", "text", "count", "status", "case"]
    );
    let mut problems = Vec::new();
    for row in &counts[1..] {
        let [concept, file, text, count, status, case] = &row[..] else {
            panic!("bad row {row:?}");
        };
        let seed = std::fs::read_to_string(root().join("seeds").join(file)).unwrap();
        let spans = if case == "insensitive" {
            occurrences(&seed.to_lowercase(), &text.to_lowercase())
        } else {
            occurrences(&seed, text)
        };
        assert_eq!(
            spans.len(),
            count.parse::<usize>().unwrap(),
            "reference count of {text:?} in {file}"
        );
        let path = format!("seeds/{file}");
        let flagged = spans
            .iter()
            .filter(|(s, e)| {
                findings
                    .iter()
                    .any(|f| f.file == path && f.start < *e && *s < f.end)
            })
            .count();
        let expected = if status == "variant" { spans.len() } else { 0 };
        if flagged != expected {
            problems.push(format!(
                "{concept}: {text:?} in {file}: {flagged} of {} flagged, expected {expected}",
                spans.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every CSV report an audit writes.
const REPORTS: [&str; 5] = [
    "findings.csv",
    "summary.csv",
    "concepts.csv",
    "candidates.csv",
    "errors.csv",
];

#[test]
fn reports_are_identical_whatever_the_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let many = tempfile::tempdir().unwrap();
    audit_seeds(one.path(), "1");
    audit_seeds(many.path(), "4");
    for report in REPORTS {
        let a = std::fs::read(one.path().join(report)).unwrap();
        let b = std::fs::read(many.path().join(report)).unwrap();
        assert!(a == b, "{report} differs between 1 and 4 threads");
    }
}

/// More files than one batch of parallel work, so each thread's caches
/// (words, window scores) carry over from batch to batch: the findings of
/// the whole run must be those of runs over one folder at a time, each
/// starting cold.
#[test]
fn caches_carried_across_batches_change_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let mut paragraphs = Vec::new();
    for path in seeds {
        let text = std::fs::read_to_string(path).unwrap();
        paragraphs.extend(
            text.split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(str::to_string),
        );
    }
    const FOLDERS: usize = 6;
    for i in 0..FOLDERS * 100 {
        let folder = dir.path().join(format!("corpus/{}", i / 100));
        std::fs::create_dir_all(&folder).unwrap();
        let text = format!(
            "{}\n\n{}\n",
            paragraphs[i % paragraphs.len()],
            paragraphs[(i * 7 + 3) % paragraphs.len()]
        );
        std::fs::write(folder.join(format!("{i:04}.txt")), text).unwrap();
    }
    let glossary = root().join("glossary");
    let audit = |path: &str, out: &str, jobs: &str| -> Vec<Vec<String>> {
        let run = run_in(
            dir.path(),
            &[
                "audit",
                path,
                "--glossary",
                glossary.to_str().unwrap(),
                "--out",
                out,
                "--jobs",
                jobs,
                "--quiet",
            ],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let findings = std::fs::read_to_string(dir.path().join(out).join("findings.csv")).unwrap();
        csv_rows(&findings).split_off(1)
    };
    let whole = audit("corpus", "whole", "3");
    let mut folder_by_folder = Vec::new();
    for folder in 0..FOLDERS {
        folder_by_folder.extend(audit(
            &format!("corpus/{folder}"),
            &format!("part{folder}"),
            "1",
        ));
    }
    assert!(whole.len() > 600, "too few findings to compare");
    assert!(
        whole == folder_by_folder,
        "findings depend on what was audited before"
    );
}

/// The committed `reports/` are the output of the README's run command.
/// `TERMAUDIT_BLESS=1 cargo test` rewrites them; review the diff by eye.
#[test]
fn committed_reports_are_current() {
    let out = tempfile::tempdir().unwrap();
    audit_seeds(out.path(), "2");
    let bless = std::env::var_os("TERMAUDIT_BLESS").is_some();
    let mut stale = Vec::new();
    for report in REPORTS {
        let fresh = std::fs::read(out.path().join(report)).unwrap();
        let committed_path = root().join("reports").join(report);
        if bless {
            std::fs::create_dir_all(root().join("reports")).unwrap();
            std::fs::write(&committed_path, &fresh).unwrap();
        } else if std::fs::read(&committed_path).ok().as_deref() != Some(&fresh[..]) {
            stale.push(report);
        }
    }
    assert!(
        stale.is_empty(),
        "reports/{stale:?} are stale: run `TERMAUDIT_BLESS=1 cargo test` and review the diff"
    );
}
