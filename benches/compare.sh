#!/usr/bin/env bash
# Times termaudit against the tools a user would pick instead, on the same
# corpus and the same glossary, with hyperfine; prints peak memory with
# /usr/bin/time -v.
#
#   benches/compare.sh [SIZE_MB]      (default 200)
#
# Needs: cargo, python3, hyperfine, ripgrep, GNU time (apt-get install
# hyperfine ripgrep time); node/npm for the textlint + prh comparison
# (skipped when npm is missing). Everything is built in $WORK (default
# /tmp/termaudit-bench); the corpus is generated deterministically from
# seeds/ with renderings varied from the glossary.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-200}
WORK=${WORK:-/tmp/termaudit-bench}
CORPUS=$WORK/corpus-${SIZE_MB}mb
SMALL=$WORK/corpus-small
mkdir -p "$WORK"

cargo build --release --quiet
BIN=$PWD/target/release/termaudit

# --- corpus: 5-20 KB files cut from the seeds, renderings swapped ----------
python3 - "$CORPUS" "$SIZE_MB" "$SMALL" <<'PY'
import csv, os, random, sys
corpus, size_mb, small = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(20261122)
seeds = [open(os.path.join('seeds', f), encoding='utf-8').read() for f in sorted(os.listdir('seeds'))]
paragraphs = [p for s in seeds for p in s.split('\n') if p.strip()]
forms = []
for row in csv.DictReader(open('glossary/terms.csv', encoding='utf-8')):
    items = [row['preferred']] + [x for x in row['accepted'].split(' | ') if x]
    items += [x.rsplit(' [', 1)[0] for x in row['variants'].split(' | ') if x]
    forms.append(items)
def document():
    target = rng.randint(5_000, 20_000)
    out = []
    while sum(map(len, out)) < target:
        p = rng.choice(paragraphs)
        for items in rng.sample(forms, 3):   # vary renderings: swap one form for another
            a, b = rng.sample(items, 2) if len(items) > 1 else (items[0], items[0])
            p = p.replace(a, b)
        out.append(p)
    return '\n\n'.join(out) + '\n'
def build(root, total):
    done = os.path.join(root, '.done')
    if os.path.exists(done) and open(done).read() == str(total):
        return
    os.makedirs(root, exist_ok=True)
    written, i = 0, 0
    while written < total:
        d = os.path.join(root, f'{i // 1000:03d}')
        os.makedirs(d, exist_ok=True)
        text = document()
        with open(os.path.join(d, f'{i:06d}.txt'), 'w', encoding='utf-8') as f:
            f.write(text)
        written += len(text.encode()); i += 1
    open(os.path.join(root, '.done'), 'w').write(str(total))
build(corpus, size_mb * 1_000_000)
build(small, 2_000_000)
# Every literal form, one per line, for rg -F -f.
with open(os.path.join(os.path.dirname(corpus), 'forms.txt'), 'w', encoding='utf-8') as f:
    f.write('\n'.join(sorted({x for items in forms for x in items})) + '\n')
# prh rules: every variant → preferred. Patterns are given as /regex/i
# literals: prh escapes plain strings with "\\-", which JavaScript's u flag
# rejects, and it matches case-sensitively where termaudit folds case.
import json, re
def js_regex(text):
    return '/' + re.sub(r'([\\^$.|?*+()\[\]{}/])', r'\\\1', text) + '/i'
with open(os.path.join(os.path.dirname(corpus), 'prh.yml'), 'w', encoding='utf-8') as f:
    f.write('version: 1\nrules:\n')
    for items, row in zip(forms, csv.DictReader(open('glossary/terms.csv', encoding='utf-8'))):
        variants = [x.rsplit(' [', 1)[0] for x in row['variants'].split(' | ') if x]
        if variants:
            f.write(f"  - expected: {json.dumps(row['preferred'])}\n    patterns:\n")
            f.writelines(f'      - {json.dumps(js_regex(v))}\n' for v in variants)
PY
echo "corpus: $(du -sh "$CORPUS" | cut -f1) in $(find "$CORPUS" -name '*.txt' | wc -l) files; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

# --- the large corpus: termaudit vs rg vs cat ------------------------------
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$WORK/large.md" \
  -n "cat (read floor)" "find $CORPUS -name '*.txt' -print0 | xargs -0 cat > /dev/null" \
  -n "rg -F -i -f forms.txt" "rg -F -i -c -f $WORK/forms.txt $CORPUS > /dev/null || true" \
  -n "termaudit, fuzzy off, 1 thread" "$BIN audit $CORPUS -o $WORK/r1 -q --no-fuzzy -j 1" \
  -n "termaudit, fuzzy off, all threads" "$BIN audit $CORPUS -o $WORK/r2 -q --no-fuzzy" \
  -n "termaudit, fuzzy on, 1 thread" "$BIN audit $CORPUS -o $WORK/r3 -q -j 1" \
  -n "termaudit, fuzzy on, all threads" "$BIN audit $CORPUS -o $WORK/r4 -q"

# --- a glossary 100x larger (10,000 generated concepts + the bundled 100) --
python3 - "$WORK/large-glossary" <<'PY'
import os, random, sys
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
rng = random.Random(7)
syl = ['ka', 'lo', 'ven', 'dri', 'mus', 'tal', 'qor', 'bex', 'nim', 'sul', 'rha', 'zet']
real = ['community', 'development', 'initiative', 'cooperation', 'security', 'future']
def word():
    return rng.choice(real) if rng.random() < 0.2 else ''.join(rng.choice(syl) for _ in range(3))
seen = set()
with open(os.path.join(out, 'generated.csv'), 'w') as f:
    f.write('id,preferred,accepted,variants\n')
    n = 0
    while n < 10_000:
        forms = [' '.join(word() for _ in range(rng.randint(3, 5))) for _ in range(4)]
        if any(x in seen for x in forms) or len(set(forms)) < 4:
            continue
        seen.update(forms)
        f.write(f'generated-{n},{forms[0]},{forms[1]},{forms[2]} | {forms[3]}\n')
        n += 1
PY
cp glossary/terms.csv "$WORK/large-glossary/terms.csv"
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$WORK/glossary.md" \
  -n "bundled glossary (100 concepts)" "$BIN audit $CORPUS -o $WORK/g1 -q" \
  -n "bundled + 10,000 generated concepts" "$BIN audit $CORPUS -o $WORK/g2 -q -g $WORK/large-glossary"

# --- textlint + prh, on a 2 MB corpus (it is too slow for the large one) ---
if command -v npm >/dev/null 2>&1; then
  if [ ! -x "$WORK/node_modules/.bin/textlint" ]; then
    (cd "$WORK" && npm init -y >/dev/null && npm install --silent textlint textlint-rule-prh >/dev/null)
  fi
  printf '{ "rules": { "prh": { "rulePaths": ["%s"] } } }\n' "$WORK/prh.yml" > "$WORK/.textlintrc.json"
  hyperfine --runs 1 --export-markdown "$WORK/textlint.md" \
    -n "textlint + prh (2 MB)" "cd $WORK && ./node_modules/.bin/textlint --config .textlintrc.json '$SMALL/**/*.txt' > /dev/null || true" \
    -n "termaudit, fuzzy on (2 MB)" "$BIN audit $SMALL -o $WORK/r5 -q"
fi

# --- peak memory ---------------------------------------------------------
for args in "-j 1" ""; do
  /usr/bin/time -v "$BIN" audit "$CORPUS" -o "$WORK/m" -q $args 2> "$WORK/time.txt"
  echo "peak RSS, termaudit audit $args: $(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $6}') KB"
done
/usr/bin/time -v rg -F -i -c -f "$WORK/forms.txt" "$CORPUS" > /dev/null 2> "$WORK/time.txt" || true
echo "peak RSS, rg: $(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $6}') KB"
cat "$WORK"/large.md "$WORK"/glossary.md "$WORK"/textlint.md 2>/dev/null
