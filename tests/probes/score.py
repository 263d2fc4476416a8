#!/usr/bin/env python3
"""Score termaudit on the probe sets.

    python3 tests/probes/score.py [--bin PATH] [--glossary PATH] [-v] [SET ...]

Runs `termaudit check --format short` on each set's `mt.txt` and compares the
findings with its `key.tsv` (`line<TAB>label<TAB>concept<TAB>span`). A wrong
line counts as found when some finding on it names its concept; a canonical
or plain line counts as flagged when it gets any finding. Without SET, every
set in this folder is scored. `-v` lists every miss and every flagged line.
"""

import argparse
import collections
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHORT = re.compile(r".*?:(\d+):\d+: (\w+): (.*) \[([^\]]+)\]$")


def findings(binary, glossary, text):
    """Line number → [(concept, severity, message)] for one file."""
    run = subprocess.run(
        [binary, "check", "--format", "short", "--fail-on", "never",
         "-g", glossary, str(text)],
        capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"{binary} failed on {text}:\n{run.stderr}")
    by_line = collections.defaultdict(list)
    for line in run.stdout.splitlines():
        match = SHORT.match(line)
        if match:
            by_line[int(match[1])].append((match[4], match[2], match[3]))
    return by_line


def score(binary, glossary, folder, verbose):
    """Prints one set's misses (with -v) and returns its counts."""
    keys = {}
    for row in (folder / "key.tsv").read_text(encoding="utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) >= 4 and parts[0].isdigit():
            keys[int(parts[0])] = parts[1:4]
    found = findings(binary, glossary, folder / "mt.txt")
    wrong = hits = flagged = 0
    for line, (label, concept, span) in sorted(keys.items()):
        on_line = found.get(line, [])
        if label == "wrong":
            wrong += 1
            if any(c == concept for c, _, _ in on_line):
                hits += 1
            elif verbose:
                print(f"  {folder.name}:{line} missed {concept}: {span!r} {on_line}")
        elif on_line:
            flagged += 1
            if verbose:
                print(f"  {folder.name}:{line} {label} flagged: {on_line}")
    return wrong, hits, sum(1 for v in keys.values() if v[0] != "wrong"), flagged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "target/release/termaudit"))
    parser.add_argument("--glossary", default=str(ROOT / "glossary"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("sets", nargs="*")
    args = parser.parse_args()
    folders = [HERE / s for s in args.sets] or sorted(
        p for p in HERE.iterdir() if (p / "key.tsv").is_file())
    print(f"{'set':6} {'wrong found':>12} {'correct lines flagged':>22}")
    totals = [0, 0, 0, 0]
    for folder in folders:
        counts = score(args.bin, args.glossary, folder, args.verbose)
        totals = [t + c for t, c in zip(totals, counts)]
        wrong, hits, correct, flagged = counts
        print(f"{folder.name:6} {hits:>5} of {wrong:<4} {flagged:>12} of {correct}")
    wrong, hits, correct, flagged = totals
    print(f"{'all':6} {hits:>5} of {wrong:<4} {flagged:>12} of {correct}")


if __name__ == "__main__":
    main()
