#!/usr/bin/env python3
"""Validate the labelled termaudit evaluation corpus and print span counts.

Usage:  python3 tests/eval/check_corpus.py [--verbose] [corpus_dir]

Markup: [[span text|concept-id|label]], label in {wrong, canonical, plain};
concept-id "-" is allowed only for plain spans. Spans may contain line breaks
but never nest or overlap.

Concept ids and listed variants are read from /work/main/glossary/terms.csv
(columns `id` and `variants`; variants separated by " | " or "|", each may end in
" [info]" / " [warning]" / " [error]") when that file exists; otherwise the
embedded copy of the 100 reference concepts (glossary-facts.csv) below is used.

Exit status is 1 if the markup is invalid or a corpus target is missed.
"""
import csv
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "corpus")
TERMS_CSV = os.path.normpath(os.path.join(HERE, "..", "..", "glossary", "terms.csv"))

LABELS = ("wrong", "canonical", "plain")
TARGETS = {
    "spans": 420,
    "concepts": 35,
    "unlisted_wrong": 170,
    "listed_wrong": 40,
    "canonical": 110,
    "plain": 60,
    "unlisted_wrong_concepts": 30,
    "max_unlisted_repeat": 3,
    "docs_min": 12,
    "docs_max": 20,
}

# Listed wrong renderings ("variants") of the 100 reference concepts,
# copied from /work/shared/reference/glossary-facts.csv.
REFERENCE_VARIANTS = {
    'community-shared-future-mankind': [
        'community of human destiny',
        'community genes of human destiny',
        'community of shared future for mankind',
        'Community of Shared Future for Mankind',
        'Community of a Shared Future for Mankind',
        'community of shared mankind destiny',
        'community with a destiny for humanity',
        'global community with a shared destiny',
        'community of common destiny for mankind',
        'community of destiny for mankind',
        'community with a common destiny for humanity',
        'community with a unified future for humanity',
    ],
    'building-community-shared-future': [
        'building a community of human destiny',
        'build a community of human destiny',
        'construction of a community of human destiny',
        'building of a community of human destiny',
        'Promote the construction of a community of human destiny',
        'idea of building a community of human destiny',
        'construction of a community with a shared future for mankind',
        'build a community of shared future for mankind',
    ],
    'community-of-destiny-generic': [
        'community of destiny',
        'sense of community of destiny',
        'destiny community with you and me',
        'community of destiny with you and me',
        'community of destiny in which you have me and I have you',
        'neighboring countries. community of destiny',
        'human society is a community of destiny',
    ],
    'xi-jinping-name': [
        'Chairman of the Supreme Leader',
        'Chairman Supreme Leader',
        'Supreme Leader Chairman',
        'Supreme Leader General Secretary',
        'General Secretary of the Supreme Leader',
        'General Secretary Supreme Leader',
        'president’s top leaders',
        'Supreme Leader',
        'supreme leader',
        'Supreme Leader’s',
        'supreme leader’s',
        'the Supreme Leader has visited president since he was elected',
        'Chairman Xi',
        'Secretary-General Xi Jinping',
    ],
    'xi-thought-diplomacy': [
        'Supreme Leader’s Diplomatic Thought',
        'Supreme Leader’s diplomatic thoughts',
        'supreme leader’s diplomatic thought',
        'diplomatic thoughts of General Secretary of the Supreme Leader',
        'diplomatic thought of the Supreme Leader General Secretary',
        'diplomatic thoughts of the Supreme Leader General Secretary',
        'diplomatic thinking of the Supreme Leader General Secretary',
        'Xi Jinping Thoughts on Diplomacy',
        'Xi Jinping’s diplomatic thought',
        "Xi Jinping's idea of diplomacy",
        'Xi Jinping diplomatic thinking',
    ],
    'xi-thought-new-era': [
        'Supreme Leader’s Socialism with Chinese characteristics Thought in the new era',
        "Xi Jinping's thought on socialism with Chinese characteristics in the new era",
        'Xi Jinping Thought of Socialism with Chinese Characteristics in the New Era',
        "Xi Jinping's New Era Socialism with Chinese Characteristics Thought",
        "Xi Jinping's Thought on Socialism with Chinese Characteristics for the New Era",
        'the idea of socialism with Chinese characteristics for the new era',
    ],
    'xi-thought-eco-civilization': [
        'supreme leader’s ecological civilization thought',
        'Xi Jinping ecological civilization thought',
        "Xi Jinping's ecological civilization thought",
    ],
    'cpc-central-committee-core': [
        'the CPC Central Committee with the Supreme Leader as the core',
        'the CPC Central Committee with Xi Jinping as the core leader',
        'the Party Central Committee with Xi as its center',
    ],
    'cpc-central-committee-gensec': [
        'the CPC Central Committee with the Supreme Leader as the general secretary',
    ],
    'major-countries-act-like-major-countries': [
        'a big country should have a big look',
        'a big country should look like a big country',
        'a great power should have the look of a great power',
        'big countries should have the appearance of big countries',
    ],
    'new-type-international-relations': [
        'new international relations',
        'new-type international relations',
        'new type international relationship',
        'with win-win cooperation as the core',
    ],
    'new-model-major-country-relations': [
        'new-type relationship between China and the United States',
        'new type of relationship of non-conflict, non-confrontation, mutual respect and win-win cooperation',
        'new type of great power relations',
        'new big-country relationship',
    ],
    'major-country-diplomacy': [
        'diplomacy with China as a big country',
        'a new diplomatic situation of a big country with China characteristics',
        'diplomacy of a great country with Chinese characteristics',
        'great-power diplomacy with Chinese characteristics',
        'big-country diplomacy with Chinese characteristics',
        'major power diplomacy with Chinese characteristics',
    ],
    'major-country': [
        'big country',
        'big countries',
        'responsible big country',
        'great country responsibility',
        'great country',
    ],
    'chinese-solution': [
        'China plan',
        'China Plan',
        'China’s plan',
        'Chinese plan',
        'China scheme',
        'China program',
        'Chinese program',
    ],
    'chinese-wisdom': [
        'China wisdom',
    ],
    'belt-and-road': [
        'One Belt, One Road',
        'OBOR',
        'One Belt One Road',
        'One Belt and One Road',
        'Belt and Road strategy',
        'Belt and Road Initiatives',
        'construction of the Belt and Road Initiative',
        'joint construction of the “Belt and Road”',
        'Belt and Road" initiative',
    ],
    'consultation-contribution-benefits': [
        'cooperation, co-construction and sharing',
        'co-construction and sharing',
        'joint consultation, joint construction and sharing',
        'discussion, co-construction and sharing',
    ],
    'global-governance-vision': [
        'global governance view',
        'global governance outlook',
    ],
    'amity-sincerity-benefit-inclusiveness': [
        'concept of sincerity and tolerance',
        'affinity, sincerity, benefit and tolerance',
        'kinship, sincerity, benefit and tolerance',
        'closeness, sincerity, benefit and inclusion',
    ],
    'greater-good-shared-interests': [
        'correct concept of justice and benefit',
        'correct concept of justice and interests',
        'correct view of justice and interests',
        'correct outlook on righteousness and benefit',
        'correct concept of righteousness and profit',
    ],
    'sincerity-real-results-amity-good-faith': [
        'true concept of sincerity',
        'concept of sincerity, amity, sincerity',
        'reliability and sincerity',
        'truth, reality, affinity and sincerity',
    ],
    'friendship-partnership-neighbors': [
        'the foreign policy of being good neighbors and partners',
        'be good to neighbors and take neighbors as partners',
    ],
    'four-confidences': [
        'four self-confidences',
        'road confidence, theoretical confidence, institutional confidence and cultural confidence',
        'four self-confidence',
        'four confidence',
        'road confidence',
    ],
    'four-consciousnesses': [
        'four awarenesses',
        'four senses',
        'four consciousness',
        'consciousnesses of the ideology, the whole, the core and the line',
        'core consciousness',
        'alignment consciousness',
    ],
    'dual-circulation': [
        'domestic macro-cycle as the main body',
        'domestic and international dual-cycle promoting each other',
        'domestic big cycle as the main body',
        'domestic and international double cycles promoting each other',
        'domestic great circulation',
        'double circulation',
        'double cycle',
    ],
    'lucid-waters-lush-mountains': [
        'Lucid waters and lush mountains are invaluable assets’s concept',
        'green water and green mountains are golden mountains and silver mountains',
        'Green mountains and clear water are equal to mountains of gold and silver',
        'clear waters and green mountains are gold and silver mountains',
    ],
    'man-nature-life-community': [
        'community of human and natural life',
        'man and nature are also a community of destiny',
        'human-nature life community',
        'life community of man and nature',
    ],
    'all-life-on-earth-cop15': [
        'Ecological Civilization: Building a Community of Life on Earth',
        'Building a Whole Life on Earth',
        'building the same body of life on earth',
        'earth life community',
    ],
    'global-community-of-health': [
        'building human health A healthy community',
        'community of health for mankind',
        'human health community',
        'community of common health for mankind',
        'community of human health',
    ],
    'socialism-chinese-characteristics': [
        'Socialism with Chinese characteristics',
        'Socialism with Chinese characteristics’s road, theory, system and culture',
        'Chinese-style socialism',
        'socialism with China characteristics',
        'Chinese characteristic socialism',
    ],
    'with-chinese-characteristics': [
        'with China characteristics',
        'China characteristics',
        'with Chinese character',
    ],
    'cold-war-mentality': [
        'cold war mentality',
        'new cold war',
        'cold war thinking',
        'Cold-War mentality',
    ],
    'zero-sum': [
        'zero-sum game thinking',
        'zero sum game',
        'zero-sum gaming',
        'zero-and-game',
    ],
    'win-win-cooperation': [
        'mutual benefit and win-win',
        'win-win situation',
        'win-win without single win',
        'cooperation and win-win',
    ],
    'five-principles-peaceful-coexistence': [
        'Five Principles for Peaceful Coexistence',
        'five principles of peaceful co-existence',
        'Five Principles of Peaceful Co-existence',
    ],
    'common-comprehensive-cooperative-sustainable-security': [
        'new security concept of common, comprehensive, cooperative and sustainable',
        'the concept of security',
        'common, comprehensive, cooperative and sustainable security concept',
        'concept of common, comprehensive, cooperative and sustainable security',
    ],
    'partnership-not-alliance': [
        'partnership without alignment',
        'partner without allying',
        'non-aligned partnership',
    ],
    'dialogue-not-confrontation': [
        'dialogue without confrontation',
        'state-to-state exchanges of dialogue without confrontation',
        'dialogue but not confrontation',
    ],
    'global-development-initiative': [
        'global development initiatives',
        'global development initiative',
        'Global Development Initiatives',
    ],
    'global-security-initiative': [
        'global security initiatives',
        'global security initiative',
        'Global Security Initiatives',
    ],
    'common-values-of-humanity': [
        'common values of the whole mankind',
        'all-human common values',
        'universal values',
    ],
    'universal-values-so-called': [
        'universal theory of value',
        'universal value theory',
    ],
    'great-rejuvenation-chinese-nation': [
        'great revival of the Chinese nation',
        'great renaissance of the Chinese nation',
        'great rejuvenation of the Chinese people',
        'great rejuvenation of Chinese nation',
    ],
    'chinese-dream': [
        'Chinese dream',
        "China's dream",
    ],
    'right-side-of-history': [
        'correct side of history',
        'right side of the history',
    ],
    'ecological-civilization': [
        'ecological civilization construction',
        'construction of ecological civilization',
        'eco-civilization construction',
    ],
    'new-development-philosophy': [
        'the new development concept of innovation, coordination, green, openness and sharing',
        'new development concept',
        'new development idea',
        'new development thinking',
    ],
    'changes-unseen-in-a-century': [
        'unprecedented changes in the world in a century',
        'the great changes that the world is experiencing in the past century',
        'great changes in the world that have not occurred in a hundred years',
        'great changes unprecedented in a century',
        'changes unprecedented in a hundred years',
    ],
    'major-developments-transformation-adjustment': [
        'great development, great change and great adjustment',
        'great development, great changes and great adjustments',
    ],
    'five-goal-world-vision': [
        'a world of lasting peace, universal security, common prosperity, openness, tolerance, cleanliness and beauty',
    ],
    'five-connectivities': [
        'policy communication, facility communication, smooth trade, financial intermediation and popular support',
        'facility connectivity',
        'financial intermediation',
        'people-to-people connectivity',
    ],
    'silk-road-spirit': [
        'Silk Road spirit of peaceful cooperation, openness, tolerance, mutual learning and mutual benefit',
    ],
    'bri-five-roads': [
        'road of peace, prosperity, openness, innovation and civilization',
    ],
    'people-and-life-first': [
        'the people first and life first',
        'people supreme, life supreme',
        'people are supreme and life is supreme',
    ],
    'un-centered-international-system': [
        'with the United Nations as the core',
        'with the United Nations as its core',
        'with the United Nations at the core',
        'with the UN as the core',
    ],
    'post-covid-era': [
        'post-epidemic era',
        'COVID-19 epidemic',
        'new crown pneumonia epidemic',
        'novel coronavirus pneumonia epidemic',
        'new coronary pneumonia',
    ],
    'important-period-strategic-opportunity': [
        'period of strategic opportunities',
        'strategic opportunity period',
    ],
    'my-country': [
        'my country',
        'my country’s',
    ],
    'international-influence-appeal-shaping': [
        'international influence, charisma, and shaping power',
        'international influence, appeal and shaping power',
    ],
    'harmony-without-uniformity': [
        'harmonious but different',
        'harmony but not sameness',
    ],
    'world-truly-shared-by-all': [
        'The trip to the avenue is also the world’s public.',
        'The practice of the avenue is also the world for the public',
    ],
    'trend-of-the-world': [
        'The trend of the times is rolling forward, and those who follow it will die.',
    ],
    'warlike-state-will-perish': [
        'Although the country is big, belligerence is bound to die',
    ],
    'strong-country-must-seek-hegemony': [
        'Theory that a strong country must dominate',
        'strong country must hegemony',
    ],
    'strong-bullying-weak': [
        'bullying and bullying',
        'rely on strength to bully the weak',
    ],
    'winner-takes-all': [
        'winners take all',
        'winner eats all',
    ],
    'garbled-idioms-misc': [
        'start a new stove',
        'Hit the floor',
        'All glory, all loss',
        'share beauty and beauty, and the world is the same',
        'Although wise, it is better to take advantage of the situation.',
        'Looking at Jinsong in the dusk, it’s still calm to fly around',
        'retreating from the group',
        'with both internal and external skills',
        'open our doors to construction',
        'you can’t just prescribe drugs, but you can’t see the effect',
    ],
    'chinese-communists': [
        'Communist Party of China (CPC) people',
        'Chinese Communist Party people',
    ],
    'no-first-placement-outer-space': [
        'No First Deploy Weapons in Outer Space',
        'Not first deploying weapons in outer space',
    ],
    'boao-forum-for-asia': [
        'Boao Summit From the Asian Forum',
        'Boao Asian Forum',
    ],
    'six-corridors-six-routes': [
        'six corridors, six roads, multiple countries and multiple ports',
    ],
    'carbon-peak-neutrality': [
        'carbon peak, carbon neutral “1+N” policy system',
        'carbon peak and carbon neutral',
    ],
    'head-of-state-diplomacy': [
        'head of state diplomacy',
        'heads-of-state diplomacy',
        'heads of state diplomacy',
    ],
    'whole-process-peoples-democracy': [
        "people's democracy in the whole process",
        "full-process people's democracy",
        "whole process people's democracy",
        "all-process people's democracy",
        "whole-course people's democracy",
    ],
    'common-prosperity': [
        'common wealth',
        'shared wealth',
        'joint prosperity',
        'common richness',
        'collective prosperity',
    ],
    'high-quality-development': [
        'high quality development',
        'development of high quality',
        'quality development',
        'high-quality developing',
    ],
    'chinese-modernization': [
        'China-style modernization',
        'Chinese style modernization',
        'modernization of Chinese style',
        'Chinese-type modernization',
        'China-type modernization',
    ],
    'two-sessions': [
        'two meetings',
        'Two Conferences',
        'two councils',
        'Lianghui',
        'two congresses',
    ],
    'one-country-two-systems': [
        'one country two systems',
        'one nation, two systems',
        'one country, two regimes',
        'one state two systems',
    ],
    'peaceful-reunification': [
        'peaceful unification',
        'complete unification of the motherland',
        'national unification',
        'peaceful unity',
    ],
    'one-china-principle': [
        'One China Policy',
        'one China principle',
        'One-China Principle',
    ],
    'holistic-national-security': [
        'overall national security concept',
        'overall view of national security',
        'comprehensive national security outlook',
        'total national security concept',
        'overall national security outlook',
    ],
    'new-quality-productive-forces': [
        'new quality productivity',
        'new-quality productivity',
        'new and quality productivity',
        'new qualitative productivity',
        'new productivity of quality',
    ],
    'four-pronged-comprehensive-strategy': [
        'four comprehensive',
        'four-comprehensive strategic layout',
        'Four Overall',
        'four all-rounds',
    ],
    'five-sphere-integrated-plan': [
        'five-in-one overall layout',
        'Five-in-One',
        'five in one general layout',
        'five-pronged overall plan',
    ],
    'original-aspiration-founding-mission': [
        'never forget the original intention',
        'do not forget the original heart',
        "don't forget the original intention and keep the mission in mind",
        'original heart',
    ],
    'two-establishments': [
        'two establishment',
        'two confirmations',
        'two determinations',
        'two establishing',
    ],
    'two-upholds': [
        'two maintenance',
        'two maintains',
        'two maintenances',
        'two protections',
    ],
    'two-centenary-goals': [
        'two hundred-year goals',
        'goal of the second century',
        'second century goal',
        'two 100-year goals',
        'second centenary struggle goal',
    ],
    'moderately-prosperous-society': [
        'comprehensive well-off society',
        'well-off society in an all-round way',
        'xiaokang society',
        'moderately well-off society in an all-round way',
        'fully built a moderately prosperous society',
    ],
    'adapting-marxism': [
        'Sinicization of Marxism',
        'Chinese-ization and modernization of Marxism',
        'localization of Marxism in China',
        'Sinicizing and modernizing Marxism',
    ],
    'chinese-nation-community-sense': [
        'consciousness of the Chinese nation community',
        'casting a firm sense of Chinese national community',
        'sense of community of the Chinese nation',
        'forge the Chinese national community consciousness',
    ],
    'cpc-name': [
        'Chinese Communist Party',
        'CCP',
        'China Communist Party',
        'Communist Party of China (CCP)',
    ],
    'full-rigorous-self-governance': [
        'comprehensively and strictly governing the Party',
        'strictly administer the party in an all-round way',
        'govern the Party strictly in an all-round way',
    ],
    'rural-revitalization': [
        'rural vitalization',
        'rural rejuvenation',
        'village revitalization',
        'countryside revitalization',
    ],
    'people-centered-development': [
        'people-centered development thought',
        'development thought centered on the people',
        'taking the people as the center',
    ],
    'global-civilization-initiative': [
        'Global Civilizations Initiative',
        'global civilization initiative',
    ],
    'global-governance-initiative': [
        'global governance initiative',
        'Global Governance Initiatives',
    ],
    'new-era': [
        'new times',
        'new age',
        'Thought in the new era',
    ],
}

SPAN_RE = re.compile(r"\[\[(.*?)\]\]", re.S)
SEVERITY_RE = re.compile(r"\s*\[(?:info|warning|error|warn|low|medium|high)\]\s*$", re.I)


def norm(s):
    """Casefold, unify apostrophes/quotes, collapse whitespace (incl. line breaks)."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", " ", s).strip().casefold()


def loose(s):
    """norm() plus dropping a leading article and a trailing possessive/plural s."""
    s = norm(s)
    s = re.sub(r"^(?:the|a|an) ", "", s)
    s = re.sub(r"(?:'s|s')$", "", s)
    s = re.sub(r"(?<=[a-z])s$", "", s)
    return s


def load_glossary():
    """Return (source description, {id: [variants]})."""
    if os.path.exists(TERMS_CSV):
        with open(TERMS_CSV, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        if rows and "id" in rows[0]:
            vcol = next((c for c in ("variants", "variant", "wrong") if c in rows[0]), None)
            out = {}
            for r in rows:
                cid = (r.get("id") or "").strip()
                if not cid or cid.startswith("#"):
                    continue
                if vcol is None:
                    out.setdefault(cid, []).extend(REFERENCE_VARIANTS.get(cid, []))
                    continue
                raw = r.get(vcol) or ""
                parts = raw.split("|") if "|" in raw else (raw.split(";") if ";" in raw else [raw])
                vs = [SEVERITY_RE.sub("", p).strip() for p in parts]
                out.setdefault(cid, []).extend(v for v in vs if v)
            return TERMS_CSV, out
    return "embedded reference list (glossary-facts.csv)", REFERENCE_VARIANTS


def parse_file(path, ids, errors):
    """Return (raw text, stripped text, spans) for one corpus file."""
    text = open(path, encoding="utf-8").read()
    name = os.path.basename(path)
    spans = []
    out = []
    pos = 0
    for m in SPAN_RE.finditer(text):
        out.append(text[pos:m.start()])
        inner = m.group(1)
        where = f"{name}:{text.count(chr(10), 0, m.start()) + 1}"
        pos = m.end()
        if "[[" in inner:
            errors.append(f"{where}: nested or unbalanced '[[' inside span: {inner[:60]!r}")
            out.append(inner)
            continue
        parts = inner.rsplit("|", 2)
        if len(parts) != 3:
            errors.append(f"{where}: span needs exactly text|concept|label: {inner[:60]!r}")
            out.append(inner)
            continue
        span, cid, label = parts[0], parts[1].strip(), parts[2].strip()
        if "|" in span:
            errors.append(f"{where}: '|' inside span text: {span!r}")
        if not span.strip() or span != span.strip():
            errors.append(f"{where}: empty span or leading/trailing whitespace: {span!r}")
        if label not in LABELS:
            errors.append(f"{where}: unknown label {label!r}")
        if cid == "-":
            if label != "plain":
                errors.append(f"{where}: concept '-' is only allowed for plain spans")
        elif cid not in ids:
            errors.append(f"{where}: unknown concept id {cid!r}")
        start = sum(len(p) for p in out)
        spans.append({"text": span, "concept": cid, "label": label, "where": where,
                      "file": name, "start": start, "end": start + len(span)})
        out.append(span)
    out.append(text[pos:])
    stripped = "".join(out)
    outside = SPAN_RE.sub("", text)
    for bad in ("[[", "]]"):
        if bad in outside:
            errors.append(f"{name}: stray {bad!r} outside a well-formed span")
    for a, b in zip(spans, spans[1:]):  # cannot happen with this grammar; kept as a guard
        if b["start"] < a["end"]:
            errors.append(f"{b['where']}: span overlaps the previous one")
    return text, stripped, spans


def main(argv):
    verbose = "--verbose" in argv or "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    corpus = args[0] if args else DEFAULT_CORPUS
    source, glossary = load_glossary()
    ids = set(glossary)
    listed = set()
    listed_by_concept = defaultdict(set)
    for cid, vs in glossary.items():
        for v in vs:
            listed.add(norm(v))
            listed_by_concept[cid].add(norm(v))
    listed_loose = {loose(v) for v in listed}

    files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
    errors, warnings = [], []
    all_spans = []
    sizes = []
    stripped_docs = {}
    for f in files:
        path = os.path.join(corpus, f)
        if not re.match(r"^\d\d_[a-z0-9_]+\.txt$", f):
            warnings.append(f"{f}: file name does not follow NN_topic.txt")
        raw, stripped, spans = parse_file(path, ids, errors)
        stripped_docs[f] = (stripped, spans)
        nbytes = len(stripped.encode("utf-8"))
        sizes.append((f, len(raw.encode("utf-8")), nbytes, len(spans)))
        if not (2048 <= nbytes <= 6144):
            warnings.append(f"{f}: stripped size {nbytes} bytes is outside 2-6 KB")
        all_spans.extend(spans)

    # QA: listed variants occurring in unlabelled text (outside any span).
    for f, (stripped, spans) in stripped_docs.items():
        raw = open(os.path.join(corpus, f), encoding="utf-8").read()
        outside = SPAN_RE.sub(" \u2016 ", raw)  # spans replaced by a separator
        low = norm(outside)
        for v in sorted(listed):
            if len(v) < 4:
                pat = r"(?<![\w-])" + re.escape(v) + r"(?![\w-])"
            else:
                pat = r"(?<![\w-])" + re.escape(v) + r"(?![\w])"
            if re.search(pat, low):
                warnings.append(f"{f}: listed variant {v!r} occurs in unlabelled text")

    by_label = Counter(s["label"] for s in all_spans)
    concepts = {s["concept"] for s in all_spans if s["concept"] != "-"}
    concepts_by_label = {l: {s["concept"] for s in all_spans if s["label"] == l and s["concept"] != "-"} for l in LABELS}
    wrong = [s for s in all_spans if s["label"] == "wrong"]
    unlisted = [s for s in wrong if norm(s["text"]) not in listed]
    listed_wrong = [s for s in wrong if norm(s["text"]) in listed]
    unlisted_strict_loose = [s for s in unlisted if loose(s["text"]) not in listed_loose]
    unlisted_concepts = {s["concept"] for s in unlisted}
    rep = Counter(norm(s["text"]) for s in unlisted)
    too_many = {t: n for t, n in rep.items() if n > TARGETS["max_unlisted_repeat"]}
    for t, n in too_many.items():
        warnings.append(f"unlisted wrong string repeated {n} times (max {TARGETS['max_unlisted_repeat']}): {t!r}")
    # Wrong spans whose text is a listed variant of a *different* concept only.
    for s in listed_wrong:
        n = norm(s["text"])
        if s["concept"] in listed_by_concept and n not in listed_by_concept[s["concept"]]:
            owners = sorted(c for c, vs in listed_by_concept.items() if n in vs)
            warnings.append(f"{s['where']}: wrong span {s['text']!r} is listed under {owners}, labelled {s['concept']}")
    # Canonical/plain spans whose text is exactly a listed variant (case-insensitive):
    # these only differ from a wrong rendering by case or context.
    case_sensitive = [s for s in all_spans if s["label"] != "wrong" and norm(s["text"]) in listed]

    print(f"glossary source      : {source} ({len(ids)} concept ids, {len(listed)} listed variants)")
    print(f"documents            : {len(files)}")
    tot_raw = sum(x[1] for x in sizes)
    tot_str = sum(x[2] for x in sizes)
    print(f"size                 : {tot_str} bytes stripped ({tot_raw} with markup); "
          f"per doc {min(x[2] for x in sizes)}-{max(x[2] for x in sizes)} bytes stripped")
    print(f"spans                : {len(all_spans)}")
    for l in LABELS:
        print(f"  {l:<19}: {by_label.get(l, 0)}  ({len(concepts_by_label[l])} concepts)")
    print(f"concepts covered     : {len(concepts)}")
    print(f"wrong, listed        : {len(listed_wrong)}")
    print(f"wrong, unlisted      : {len(unlisted)}  ({len(unlisted_concepts)} concepts, "
          f"{len(rep)} distinct strings, max repeat {max(rep.values()) if rep else 0})")
    print(f"  unlisted even after dropping article/plural/possessive: {len(unlisted_strict_loose)}")
    print(f"non-wrong spans equal to a listed variant (case/context-only contrast): {len(case_sensitive)}")
    if verbose:
        print("\nper document (file, bytes with markup, bytes stripped, spans):")
        for f, r, st, n in sizes:
            print(f"  {f:<40} {r:>6} {st:>6} {n:>4}")
        print("\nspans per concept (wrong-unlisted / wrong-listed / canonical / plain):")
        per = defaultdict(lambda: [0, 0, 0, 0])
        for s in all_spans:
            i = {"canonical": 2, "plain": 3}.get(s["label"])
            if i is None:
                i = 0 if norm(s["text"]) not in listed else 1
            per[s["concept"]][i] += 1
        for c in sorted(per):
            print(f"  {c:<55} {per[c][0]:>3} {per[c][1]:>3} {per[c][2]:>3} {per[c][3]:>3}")
        print("\ncase/context-only contrasts:")
        for s in case_sensitive:
            print(f"  {s['where']}: {s['text']!r} [{s['label']}]")

    checks = [
        ("documents", TARGETS["docs_min"] <= len(files) <= TARGETS["docs_max"]),
        ("spans >= %d" % TARGETS["spans"], len(all_spans) >= TARGETS["spans"]),
        ("concepts >= %d" % TARGETS["concepts"], len(concepts) >= TARGETS["concepts"]),
        ("unlisted wrong >= %d" % TARGETS["unlisted_wrong"], len(unlisted) >= TARGETS["unlisted_wrong"]),
        ("unlisted-wrong concepts >= %d" % TARGETS["unlisted_wrong_concepts"], len(unlisted_concepts) >= TARGETS["unlisted_wrong_concepts"]),
        ("listed wrong >= %d" % TARGETS["listed_wrong"], len(listed_wrong) >= TARGETS["listed_wrong"]),
        ("canonical >= %d" % TARGETS["canonical"], by_label.get("canonical", 0) >= TARGETS["canonical"]),
        ("plain >= %d" % TARGETS["plain"], by_label.get("plain", 0) >= TARGETS["plain"]),
        ("no unlisted string > %d times" % TARGETS["max_unlisted_repeat"], not too_many),
    ]
    print("\ntargets:")
    for name, ok in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {name}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    if errors or not all(ok for _, ok in checks):
        return 1
    print("corpus OK")
    return 0


if __name__ == "__main__":
    try:  # behave quietly when piped into head
        import signal
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    except (AttributeError, ValueError):
        pass
    sys.exit(main(sys.argv[1:]))
