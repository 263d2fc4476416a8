#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer on *stable* Rust and runs each for
# SECONDS (default 180), printing executions and crashes per target.
#
# cargo-fuzz needs nightly only for its sanitizer flags; without a sanitizer
# the coverage instrumentation it uses (SanitizerCoverage) is reachable from
# stable rustc through -Cpasses/-Cllvm-args, and libfuzzer-sys builds
# libFuzzer with the system C++ compiler (g++ is enough). Building for an
# explicit --target keeps RUSTFLAGS off build scripts and proc macros.
#
# Usage: fuzz/run-stable.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-180}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(glossary matcher decode chunks pragmas baseline)
triple="$(rustc -vV | sed -n 's/^host: //p')"

export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
-Cdebug-assertions -Coverflow-checks"
cargo build --release --bins --target "$triple"

# Seed corpora come from the same seeds the stable driver uses.
(cd .. && env -u RUSTFLAGS TERMAUDIT_FUZZ_CORPUS="$PWD/fuzz/corpus" TERMAUDIT_FUZZ_RUNS=0 \
    cargo test -q --test fuzz >/dev/null)

mkdir -p artifacts logs
status=0
for target in "${targets[@]}"; do
    max_len=4096
    [ "$target" = chunks ] && max_len=65536
    log="logs/$target.log"
    "target/$triple/release/$target" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="artifacts/$target-" "corpus/$target" >"$log" 2>&1 || status=1
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    crashes="$(ls artifacts | grep -c "^$target-" || true)"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1)"
    echo "$target: ${execs:-?} executions in ${seconds}s, $crashes crash(es), ${cov:-cov: ?}, corpus $(ls "corpus/$target" | wc -l)"
done
exit "$status"
