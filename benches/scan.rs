//! Throughput of folding, matching and the whole per-document audit on the
//! bundled seeds, with the bundled glossary and with a generated glossary of
//! 10,000 extra concepts (the per-token cost must not grow with it).
//!
//! Run: `cargo bench` (figures in bytes per second).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use termaudit::audit::{Scratch, audit_text_with};
use termaudit::glossary::{Glossary, from_csv_str, load_paths};
use termaudit::matcher::{MatchOptions, MatchScratch, Matcher};
use termaudit::normalize::{Folded, fold_into};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The five seeds, concatenated.
static SEEDS: LazyLock<String> = LazyLock::new(|| {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n\n")
});

static BUNDLED: LazyLock<Glossary> =
    LazyLock::new(|| load_paths(&[root().join("glossary")]).unwrap());

/// The bundled glossary plus 10,000 generated concepts whose forms mix
/// invented words with common real ones ("community", "development"), so that
/// posting lists of real words grow too.
static LARGE: LazyLock<Glossary> = LazyLock::new(|| {
    let mut csv = String::from("id,preferred,accepted,variants\n");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "ven", "dri", "mus", "tal", "qor", "bex", "nim", "sul", "rha", "zet",
    ];
    const REAL: &[&str] = &[
        "community",
        "development",
        "initiative",
        "cooperation",
        "security",
        "future",
    ];
    let word = |next: &mut dyn FnMut() -> u64| -> String {
        if next().is_multiple_of(5) {
            REAL[(next() % REAL.len() as u64) as usize].to_string()
        } else {
            (0..3)
                .map(|_| SYLLABLES[(next() % SYLLABLES.len() as u64) as usize])
                .collect()
        }
    };
    let phrase = |next: &mut dyn FnMut() -> u64| -> String {
        (0..3 + next() % 3)
            .map(|_| word(&mut *next))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut seen = std::collections::HashSet::new();
    let mut n = 0;
    while n < 10_000 {
        let forms: Vec<String> = (0..4).map(|_| phrase(&mut next)).collect();
        if forms.iter().any(|f| !seen.insert(f.clone())) {
            continue;
        }
        csv.push_str(&format!(
            "generated-{n},{},{},{} | {}\n",
            forms[0], forms[1], forms[2], forms[3]
        ));
        n += 1;
    }
    let mut glossary = from_csv_str(Path::new("generated.csv"), &csv).unwrap();
    glossary.concepts.extend(BUNDLED.concepts.iter().cloned());
    glossary
});

fn matcher(glossary: &Glossary, fuzzy: bool) -> Matcher {
    let options = MatchOptions {
        fuzzy_threshold: if fuzzy {
            MatchOptions::default().fuzzy_threshold
        } else {
            None
        },
    };
    Matcher::compile_with(glossary, options).unwrap()
}

#[divan::bench]
fn fold(bencher: Bencher) {
    let mut folded = Folded::default();
    bencher
        .counter(BytesCount::of_str(&*SEEDS))
        .bench_local(|| fold_into(black_box(&SEEDS), &mut folded));
}

#[divan::bench(args = ["bundled", "bundled+10k"], consts = [false, true])]
fn find<const FUZZY: bool>(bencher: Bencher, glossary: &str) {
    let glossary = if glossary == "bundled" {
        &*BUNDLED
    } else {
        &*LARGE
    };
    let matcher = matcher(glossary, FUZZY);
    let folded = Folded::new(&SEEDS);
    let mut scratch = MatchScratch::default();
    bencher
        .counter(BytesCount::of_str(&*SEEDS))
        .bench_local(|| matcher.find(&SEEDS, black_box(&folded), &mut scratch));
}

/// The seeds as one document, each run with fresh per-thread state: no
/// word, stem or window score carries over from the previous run, so this
/// is the cost of a document the thread has never seen anything like.
#[divan::bench(consts = [false, true])]
fn audit_document<const FUZZY: bool>(bencher: Bencher) {
    let matcher = matcher(&BUNDLED, FUZZY);
    bencher
        .counter(BytesCount::of_str(&*SEEDS))
        .with_inputs(Scratch::default)
        .bench_local_refs(|scratch| audit_text_with(&matcher, "seeds", black_box(&SEEDS), scratch));
}

#[divan::bench(args = ["bundled", "bundled+10k"], sample_count = 10)]
fn compile_glossary(glossary: &str) -> Matcher {
    let glossary = if glossary == "bundled" {
        &*BUNDLED
    } else {
        &*LARGE
    };
    matcher(glossary, true)
}

/// What a load pays when no pass is remembered: compiling the bundled
/// glossary and running all its self-tests on the fresh matcher (lazily
/// compiled patterns and DFA states included).
#[divan::bench(sample_count = 10)]
fn compile_and_self_test() -> usize {
    let matcher = matcher(&BUNDLED, true);
    termaudit::selftest::run(&BUNDLED, &matcher).unwrap()
}
