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
fn bundled_glossary_passes_its_self_tests_without_fuzzy_matching_too() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap();
    let run = run_in(
        &root(),
        &["audit", "--no-fuzzy", "-q", "-o", out, "seeds"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
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
    assert!(text.starts_with("id,source,preferred,accepted,variants,patterns,exceptions,context,severity,note,must_flag,must_pass\nalpha,,first,,,,,,warning,,,\nzeta,,last,,b | a,,,,error,,,\n"), "{text}");
    assert_eq!(
        sb.run(&["glossary", "fmt", "--check", "-g", "g.csv"]).code,
        0
    );
}

/// The marker files in a cache folder.
fn markers(cache: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(cache.join("selftests")) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_remembered_pass_skips_the_self_tests_until_the_glossary_changes() {
    use termaudit::matcher::MatchOptions;
    use termaudit::selftest::{SelfTests, load_checked_in};
    let sb = common::Sandbox::new();
    let glossary = vec![sb.write("g.csv", common::SMALL_GLOSSARY)];
    let cache = sb.path("cache");
    let load = |mode| {
        load_checked_in(&glossary, MatchOptions::default(), mode, Some(&cache))
            .map(|checked| checked.self_tests)
    };
    // The first load runs the four self-tests and remembers the pass.
    assert_eq!(load(SelfTests::RunUnlessPassed).unwrap(), 4);
    let found = markers(&cache);
    assert_eq!(found.len(), 1);
    assert_eq!(std::fs::read_to_string(&found[0]).unwrap(), "4");
    // A load that may rely on it believes the marker (forged here to tell).
    std::fs::write(&found[0], "999").unwrap();
    assert_eq!(load(SelfTests::RunUnlessPassed).unwrap(), 999);
    // `Run` tests anyway and rewrites the marker.
    assert_eq!(load(SelfTests::Run).unwrap(), 4);
    assert_eq!(std::fs::read_to_string(&found[0]).unwrap(), "4");
    // Another threshold is another key.
    let strict = MatchOptions {
        fuzzy_threshold: Some(0.9),
    };
    load_checked_in(&glossary, strict, SelfTests::RunUnlessPassed, Some(&cache)).unwrap();
    assert_eq!(markers(&cache).len(), 2);
    // An edit that breaks a self-test fails although the old version passed.
    let broken = common::SMALL_GLOSSARY.replace(
        "We build a community of human destiny.",
        "We build a community with a shared future for mankind.",
    );
    sb.write("g.csv", broken);
    let errors = load(SelfTests::RunUnlessPassed).unwrap_err();
    assert!(errors.to_string().contains("self-test"), "{errors}");
    assert_eq!(markers(&cache).len(), 2, "a failure is never remembered");
    // No folder, no memory: the tests run.
    sb.write("g.csv", common::SMALL_GLOSSARY);
    let none = load_checked_in(
        &glossary,
        MatchOptions::default(),
        SelfTests::RunUnlessPassed,
        None,
    );
    assert_eq!(none.unwrap().self_tests, 4);
}

#[test]
fn the_binary_remembers_passes_in_termaudit_cache_dir() {
    let sb = common::Sandbox::new();
    sb.write("g.csv", common::SMALL_GLOSSARY);
    sb.write("draft.txt", "We build a community of human destiny.\n");
    let cache = sb.path("cache");
    let env = [("TERMAUDIT_CACHE_DIR", cache.to_str().unwrap())];
    let args = ["check", "-q", "-g", "g.csv", "draft.txt"];
    let first = common::run_in_env(sb.dir.path(), &args, None, &env);
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert_eq!(markers(&cache).len(), 1);
    let second = common::run_in_env(sb.dir.path(), &args, None, &env);
    assert_eq!((second.code, &second.stdout), (first.code, &first.stdout));
    // An empty TERMAUDIT_CACHE_DIR turns it off.
    let off = sb.path("off");
    let run = common::run_in_env(
        sb.dir.path(),
        &args,
        None,
        &[
            ("TERMAUDIT_CACHE_DIR", ""),
            ("XDG_CACHE_HOME", off.to_str().unwrap()),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(!off.exists());
}

#[test]
fn a_context_of_the_bundled_glossary_flags_a_near_miss_only_in_its_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        "Cadres are assessed on environmental civilisation, with forest cover and water quality weighted.\n\
         The museum shows an environmental civilization of ancient farmers.\n",
    )
    .unwrap();
    let run = run_in(
        &root(),
        &["check", "--format", "short", draft.to_str().unwrap()],
        None,
    );
    let findings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("draft.txt:"))
        .collect();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert!(
        findings[0].contains("draft.txt:1:") && findings[0].contains("[ecological-civilization]"),
        "{}",
        run.stdout
    );
}
