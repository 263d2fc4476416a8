//! Runs the fuzz targets of `fuzz/src/lib.rs` on stable Rust: each target
//! gets its seeds and then seeded, deterministic mutations of them (bit
//! flips, random bytes, insertions of the parsers' own syntax, deletions,
//! duplications, splices). Not coverage-guided like libFuzzer, but it needs
//! no nightly toolchain and runs in every `cargo test`.
//!
//! Environment: `TERMAUDIT_FUZZ_RUNS=<n>` inputs per target (default: a few
//! seconds' worth), `TERMAUDIT_FUZZ_SEED=<n>` another sequence,
//! `TERMAUDIT_FUZZ_CORPUS=<dir>` also writes the seeds to `<dir>/<target>/`
//! for libFuzzer. A crashing input is saved to `target/fuzz-crashes/`.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::Instant;

/// SplitMix64: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Applies one to four random mutations to `input`, keeping it under `max`.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>], max: usize) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => input[at.min(len - 1)] ^= 1 << rng.below(8),
            1 if len > 0 => input[at.min(len - 1)] = rng.next() as u8,
            2 => {
                let bytes: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                input.splice(at..at, bytes);
            }
            3 | 4 => {
                let token = targets::TOKENS[rng.below(targets::TOKENS.len())];
                input.splice(at..at, token.iter().copied());
            }
            5 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                input.drain(at.min(len - 1)..end);
            }
            6 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(256)).min(len);
                let copy = input[start..end].to_vec();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(input.len() + 1);
                    input.splice(at..at, copy.iter().copied());
                }
            }
            7 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(512)).min(other.len());
                input.splice(at.., other[from..to].iter().copied());
            }
            _ => input.truncate(at),
        }
    }
    input.truncate(max);
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Runs target `name` over its seeds and `default_runs` mutations; fails
/// with the saved inputs if any run panicked.
fn drive(name: &str, default_runs: u64, max_len: usize) {
    let (_, target) = targets::TARGETS.iter().find(|(n, _)| *n == name).unwrap();
    let seeds = targets::seeds(name);
    if let Ok(dir) = std::env::var("TERMAUDIT_FUZZ_CORPUS") {
        let dir = PathBuf::from(dir).join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, seed) in seeds.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i}")), seed).unwrap();
        }
    }
    let runs = env_number("TERMAUDIT_FUZZ_RUNS").unwrap_or(default_runs);
    let seed = env_number("TERMAUDIT_FUZZ_SEED").unwrap_or(0x7e4a_0d17) ^ name.len() as u64;
    let started = Instant::now();
    let (execs, crashes) = fuzz(*target, seeds, runs, max_len, seed);
    eprintln!(
        "fuzz {name}: {execs} executions, {} crashes, {:.1?}",
        crashes.len(),
        started.elapsed()
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
    let mut saved = Vec::new();
    for (i, (input, message)) in crashes.iter().enumerate() {
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}-{i}.bin"));
        std::fs::write(&path, input).unwrap();
        saved.push((path, message));
    }
    assert!(saved.is_empty(), "{name} crashed: {saved:#?}");
}

/// Runs `target` over `seeds`, then over `runs` mutations of them; returns
/// the executions and the first few inputs that panicked, with the message.
fn fuzz(
    target: fn(&[u8]),
    seeds: Vec<Vec<u8>>,
    runs: u64,
    max_len: usize,
    seed: u64,
) -> (u64, Vec<(Vec<u8>, String)>) {
    let mut rng = Rng(seed);
    let mut pool = seeds.clone();
    pool.push(Vec::new());
    let mut crashes = Vec::new();
    let mut execs = 0u64;
    let inputs = seeds.into_iter().map(Some).chain((0..runs).map(|_| None));
    for seed in inputs {
        let input = seed.unwrap_or_else(|| {
            let mut input = pool[rng.below(pool.len())].clone();
            mutate(&mut rng, &mut input, &pool, max_len);
            input
        });
        execs += 1;
        match catch_unwind(AssertUnwindSafe(|| target(&input))) {
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                crashes.push((input, message));
                if crashes.len() >= 5 {
                    break;
                }
            }
            // No coverage feedback: keep a spread of survivors to mutate further.
            Ok(()) if execs.is_multiple_of(8) && pool.len() < 512 => pool.push(input),
            Ok(()) => {}
        }
    }
    (execs, crashes)
}

#[test]
fn fuzz_glossary_loader() {
    drive("glossary", 1000, 4096);
}

#[test]
fn fuzz_normalizer_and_matcher() {
    drive("matcher", 300, 4096);
}

#[test]
fn fuzz_text_decoding() {
    drive("decode", 4000, 4096);
}

#[test]
fn fuzz_chunked_and_gzip_reading() {
    drive("chunks", 60, 64 << 10);
}

#[test]
fn fuzz_pragmas() {
    drive("pragmas", 4000, 4096);
}

#[test]
fn fuzz_baseline() {
    drive("baseline", 1000, 4096);
}

/// The driver must be able to fail: a bug planted behind two pieces of
/// parser syntax that no seed holds together is found.
#[test]
fn driver_finds_a_planted_bug() {
    fn planted(data: &[u8]) {
        let has = |token: &[u8]| data.windows(token.len()).any(|w| w == token);
        assert!(!(has(b" | ") && has(b"\r\n")), "planted bug");
    }
    let seeds = vec![b"id,preferred\nx,y\n".to_vec()];
    let (execs, crashes) = fuzz(planted, seeds, 5000, 4096, 1);
    assert!(!crashes.is_empty(), "not found in {execs} executions");
    assert_eq!(crashes[0].1, "planted bug");
}
