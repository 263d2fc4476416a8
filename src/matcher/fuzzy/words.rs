//! What the matcher knows of English words: function words, spelling,
//! synonyms, inflection, and splitting text into words.

use super::STEM_START;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Words that carry no meaning of their own in a term. Negations and
/// contrasts count among them: they name nothing, so "but it is not the
/// same" is no window of "harmony but not sameness", while a term with one
/// swapped ("harmony *with* uniformity") differs in a function word. So
/// does "having", which machine translation writes for "with" ("socialism
/// having Chinese characteristics"), and "instead" ("partnership instead
/// of alliance" has the words of "partnership, not alliance").
/// Prepositions are function words, so one swapped for another
/// ("community of life *between* man and nature") changes the term, not
/// the sentence around it.
pub(super) const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "with", "to", "in", "on", "at", "by", "from", "and", "or", "as",
    "is", "are", "be", "its", "it", "this", "that", "these", "those", "our", "my", "their", "his",
    "her", "s", "which", "who", "all", "should", "must", "will", "shall", "would", "can", "into",
    "than", "so", "such", "not", "no", "without", "but", "yet", "rather", "instead", "having",
    "between", "among", "about", "within", "through", "across", "toward", "towards", "upon",
    "under", "against", "via", "amid",
];

/// Auxiliary and copular verbs, and the relative pronouns that start a
/// clause: one inside a window that its form lacks makes the words a
/// clause, not a term ("our community *has* a common destiny with the
/// river", "people *who* develop the habit of thinking").
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "shall", "would", "should", "can", "could", "may", "might", "must", "who", "whom",
    "whose", "which",
];

/// Determiners of one thing: a noun after them is singular whatever the
/// form it belongs to ("each principle of peaceful coexistence").
pub(in crate::matcher) const SINGULAR_DETERMINERS: &[&str] = &[
    "a", "an", "one", "each", "every", "this", "that", "another", "any", "single",
];

/// Personal pronouns: nouns no word before them modifies.
pub(super) const PRONOUNS: &[&str] = &["i", "you", "he", "she", "we", "they"];

/// Possessive determiners: in a correct form's place of an article they
/// keep the form ("stayed true to *its* mission" is "stay true to the
/// mission").
pub(super) const POSSESSIVES: &[&str] = &["my", "your", "his", "her", "its", "our", "their"];

/// Words that set one thing against another: a form holding one
/// ("dialogue *rather than* confrontation", "partnership, *not* alliance")
/// names a choice, which a reading must state too (see
/// [`super::reading::states_no_choice`]).
pub(super) const CONTRASTS: &[&str] = &[
    "not", "no", "non", "rather", "than", "instead", "without", "but", "nor", "over", "versus",
    "vs", "against",
];

/// Object pronouns: straight after a word, they make it a verb ("people
/// *connect them*").
pub(super) const OBJECT_PRONOUNS: &[&str] = &["them", "it", "us", "him", "me"];

/// Prepositions after a head noun: "community *of* …" has its head first.
pub(super) const PREPOSITIONS: &[&str] =
    &["of", "with", "for", "in", "on", "to", "at", "from", "like"];

/// Prepositions that are no stopwords, since forms have few of them: no
/// noun slipped into a term ("dialogue *over* confrontation").
pub(super) const OTHER_PREPOSITIONS: &[&str] = &[
    "over", "before", "after", "during", "beyond", "behind", "above", "below", "around", "despite",
    "since", "until", "per", "versus", "vs",
];

/// Nouns that end as adverbs do (see [`is_adverb`]).
const NOUNS_IN_LY: &[&str] = &[
    "ally", "anomaly", "assembly", "belly", "bully", "family", "folly", "italy", "jelly", "july",
    "lily", "monopoly", "rally", "reply", "supply",
];

/// Whether a folded word is an adverb by its ending ("completely",
/// "fully"): a word no modifier before it could belong to.
pub(super) fn is_adverb(word: &str) -> bool {
    word.len() >= 5 && word.ends_with("ly") && !NOUNS_IN_LY.contains(&word)
}

/// The days of the week: a time on their own ("the Initiative *Monday*"),
/// and after "last" or "next".
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words besides the weekdays that say when on their own, as an adverb
/// does: a noun before them ends its phrase ("the Global Governance
/// Initiative *yesterday*").
const TIME_ADVERBS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "earlier",
    "later",
];

/// Time nouns besides the weekdays that "last" and "next" before them make
/// an adverbial ("last year", "next week").
const TIME_NOUNS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "weekend", "decade", "time", "spring",
    "summer", "autumn", "fall", "winter", "century", "session",
];

/// Whether folded `word`, followed by `following`, opens an adverbial of
/// time: no noun before it could modify it ("put forward the Initiative
/// of Global Governance *last year*").
pub(super) fn opens_time_adverbial(word: &str, following: Option<&str>) -> bool {
    TIME_ADVERBS.contains(&word)
        || WEEKDAYS.contains(&word)
        || (matches!(word, "last" | "next")
            && following.is_some_and(|f| TIME_NOUNS.contains(&f) || WEEKDAYS.contains(&f)))
}

/// Words that count a noun's kinds, as Chinese measure words do in
/// translation ("four *kinds of* consciousness" for 四个意识).
pub(super) const CLASSIFIERS: &[&str] = &["kind", "kinds", "type", "types", "sort", "sorts"];

/// Irregular past participles that follow a noun as a clause of their own
/// ("the initiative *put* forward", "the forum *held* in Beijing").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "put", "set", "made", "held", "given", "taken", "laid", "brought", "sent", "built", "known",
    "shown", "seen", "done", "written", "drawn", "chosen", "led", "won",
];

/// Whether a folded word reads as a past participle: a regular one in -ed
/// ("proposed"; not "speed", "hundred") or an irregular one. After a noun
/// it starts a clause about the noun, as "the initiative *proposed* by
/// China", so no noun before it modifies it.
pub(super) fn is_past_participle(word: &str) -> bool {
    (word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed") && word != "hundred")
        || IRREGULAR_PARTICIPLES.contains(&word)
}

/// Whether a folded word ends as an adjective derived from a noun does
/// ("confident", "harmonious", "peaceful"): said of a form's head noun,
/// the derivation predicates something instead of naming the term. Not
/// "-al" or "-ic", which end as many nouns ("proposal", "revival").
pub(super) fn has_adjective_ending(word: &str) -> bool {
    ["ent", "ant", "ous", "ive", "ful"]
        .iter()
        .any(|ending| word.ends_with(ending))
        && !word.ends_with("ment")
}

/// The conjunctions of `text` that join (see [`is_contrast`]).
pub(super) fn conjunctions(text: &str) -> usize {
    let words: Vec<&str> = words(text).map(|(_, _, w)| w).collect();
    (0..words.len())
        .filter(|&i| is_conjunction(words[i]) && !words.get(i + 1).is_some_and(|&w| is_contrast(w)))
        .count()
}

/// Whether a word after a conjunction makes it a contrast, which does not
/// join two phrases: "dialogue *and not* confrontation" is a slip of
/// "dialogue rather than confrontation", one term.
pub(super) fn is_contrast(word: &str) -> bool {
    matches!(word, "not" | "no")
}

pub(super) fn is_conjunction(word: &str) -> bool {
    matches!(word, "and" | "or" | "but" | "nor")
}

pub(in crate::matcher) fn is_article(word: &str) -> bool {
    matches!(word, "a" | "an" | "the")
}

/// Whether a content word is a number: too common to make a window a term
/// on its own.
pub(in crate::matcher) fn is_numeral(word: &str) -> bool {
    const NUMERALS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
        "thousand", "first", "second", "third", "dual", "double", "twin",
    ];
    NUMERALS.contains(&word) || word.bytes().all(|b| b.is_ascii_digit())
}

pub(in crate::matcher) fn is_stopword(word: &str) -> bool {
    word.len() < 2 || STOPWORDS.contains(&word)
}

/// The first three bytes of `word`, if it has three.
pub(super) fn prefix(word: &str) -> Option<[u8; 3]> {
    word.as_bytes().first_chunk().copied()
}

/// A near-spelling list's key: a word's first three bytes and its length.
pub(super) type NearKey = ([u8; 3], usize);

/// The key a word is filed and looked up under for near spellings: its
/// first three letters (none when the third byte ends inside a character).
pub(super) fn near_prefix(word: &str) -> Option<[u8; 3]> {
    word.get(..3).and_then(prefix)
}

/// Words of folded text: maximal runs of letters and digits, with byte spans.
pub(in crate::matcher) fn words(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        at = run_end(text, at, false);
        if at >= text.len() {
            return None;
        }
        let start = at;
        at = run_end(text, at, true);
        Some((start, at, &text[start..at]))
    })
}

/// The class of each byte for [`run_end`]: an ASCII letter or digit, other
/// ASCII, or a byte of a character beyond ASCII (which must be decoded).
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [NOT_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = if (byte as u8).is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        byte += 1;
    }
    classes
};
const ASCII_OTHER: u8 = 0;
const ASCII_WORD: u8 = 1;
const NOT_ASCII: u8 = 2;

/// Where the run of word characters (`is_word`) or of other characters
/// from byte `at` of `text` ends. Every byte of a document passes here
/// once, so ASCII is stepped over by a table lookup per byte, without
/// decoding. An underscore between two word characters joins them into
/// one word: `FOUR_ROUNDS` is an identifier in code, no "four rounds".
#[inline]
fn run_end(text: &str, mut at: usize, is_word: bool) -> usize {
    let bytes = text.as_bytes();
    let same = if is_word { ASCII_WORD } else { ASCII_OTHER };
    loop {
        at += bytes[at..]
            .iter()
            .position(|&b| BYTE_CLASS[usize::from(b)] != same)
            .unwrap_or(bytes.len() - at);
        if is_word
            && bytes.get(at) == Some(&b'_')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            at += 1;
            continue;
        }
        if at >= bytes.len() || bytes[at].is_ascii() {
            return at;
        }
        let (word, len) = char_at(text, at);
        if word != is_word {
            return at;
        }
        at += len;
    }
}

/// Whether the char at byte `at` of `text` (a char boundary) is a letter or
/// digit, and its length; ASCII, most of the text, without decoding.
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric(), 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// Irregular past forms of verbs and plurals of nouns that forms use, with
/// their base form: the stemmer leaves "kept" and "built" alone, so "kept
/// our mission firmly in mind" would not meet "keep our mission firmly in
/// mind", and stems "lives" as "live", not "life" ("a shared future for all
/// *lives* on Earth"). Only words whose irregular forms are no other word
/// of the domain ("won", "thought" and "led" are left out).
pub(super) const IRREGULAR_FORMS: &[(&str, &str)] = &[
    ("lives", "life"),
    ("built", "build"),
    ("kept", "keep"),
    ("upheld", "uphold"),
    ("sought", "seek"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("took", "take"),
    ("taken", "take"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
];

/// British → American spelling of the endings that matter in this domain
/// (-isation, -ise, -our, -tre), so both spellings stem alike; and an
/// irregular form as its base word (see [`IRREGULAR_FORMS`]), which
/// differs from it no more than an inflection does.
pub(super) fn american(word: &str) -> String {
    if let Some(&(_, base)) = IRREGULAR_FORMS.iter().find(|(past, _)| *past == word) {
        return base.to_string();
    }
    let mut w = word.replace("isation", "ization");
    for (british, american) in [
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("ise", "ize"),
    ] {
        if w.len() > 6
            && let Some(stem) = w.strip_suffix(british)
        {
            w = format!("{stem}{american}");
            break;
        }
    }
    if let Some(at) = w.find("our")
        && at >= 3
    {
        w.replace_range(at..at + 3, "or");
    }
    if w.len() > 5
        && let Some(stem) = w.strip_suffix("tre")
    {
        w = format!("{stem}ter");
    }
    w
}

/// Words machine translation uses interchangeably for the same source word
/// in this domain (命运 fate/destiny, 人类 mankind/humankind/humanity, 大
/// big/large/great/major, 方案 solution/scheme/plan…). Each group maps to its
/// first word before stemming, so "community of human fate" and "community
/// of human destiny" compare as the same words. Only fuzzy matching sees
/// this; literal matching stays exact.
pub(super) const SYNONYMS: &[&[&str]] = &[
    &["destiny", "fate", "destinies", "fates"],
    &["mankind", "humankind", "humanity", "human", "humans"],
    &["era", "epoch", "age", "times", "period", "periods"],
    &["major", "big", "large", "great"],
    &["country", "nation", "countries", "nations"],
    &["wisdom", "intelligence", "sagacity"],
    &[
        "solution",
        "scheme",
        "plan",
        "program",
        "programme",
        "approach",
    ],
    &["initiative", "proposal", "initiation", "advocacy"],
    &["prosperity", "affluence", "wealth"],
    &[
        "rejuvenation",
        "revitalization",
        "renewal",
        "revival",
        "resurgence",
        "renaissance",
    ],
    &["system", "institution", "systems", "institutions"],
    &["thought", "thinking", "ideology"],
    &[
        "concept",
        "idea",
        "notion",
        "philosophy",
        "outlook",
        "vision",
        "view",
        "views",
    ],
    &["security", "safety"],
    &[
        "build",
        "building",
        "construct",
        "constructing",
        "construction",
        "create",
        "creating",
    ],
    &["shared", "common", "joint", "share"],
    &["right", "correct", "proper"],
    &["confrontation", "antagonism", "opposition"],
    &[
        "sessions",
        "meetings",
        "assemblies",
        "session",
        "meeting",
        "assembly",
    ],
    &["rural", "countryside", "village", "villages"],
    &["core", "nucleus"],
    &["ecological", "eco", "environmental"],
    &["two", "dual", "double", "twin"],
    &["centenary", "centennial", "centenaries", "centennials"],
    &["mentality", "mindset", "mentalities", "mindsets"],
    &["rigorous", "strict", "rigorously", "strictly"],
    &["bullying", "oppressing", "bully", "oppress"],
    &["cooperation", "collaboration"],
    &["pandemic", "epidemic", "pandemics", "epidemics"],
    CHARACTERISTICS,
    &["sincerity", "honesty"],
    &["amity", "affinity", "intimacy", "closeness", "kinship"],
    &["inclusiveness", "inclusion", "inclusivity", "tolerance"],
    &[
        "partnership",
        "partnerships",
        "partner",
        "partners",
        "partnering",
        "companionship",
    ],
    // Words machine translation puts for the same Chinese morpheme: 元首
    // "chief of state", 强/弱 "the powerful bullying the feeble", 博弈
    // "zero-sum gambling", 循环 "dual cycle", 部署 "deployment".
    &["head", "chief", "heads", "chiefs"],
    &["strong", "powerful", "mighty"],
    &["weak", "feeble", "frail", "powerless"],
    &["hegemony", "hegemonism"],
    &["warlike", "belligerent", "bellicose"],
    &[
        "goals",
        "objectives",
        "targets",
        "goal",
        "objective",
        "target",
    ],
    &["game", "games", "gaming", "gambling"],
    &["alliance", "alliances", "alignment"],
    &["unseen", "unprecedented", "unparalleled"],
    &["neutrality", "neutralization", "neutralisation"],
    &["peak", "summit", "peaks", "summits"],
    &["circulation", "cycle", "cycles"],
    &["infrastructure", "facilities"],
    &["placement", "deployment", "deploying", "stationing"],
    &["dialogue", "conversation", "dialog"],
    &["act", "behave", "acts", "behaves"],
    &["quality", "grade"],
    &["lasting", "durable", "enduring"],
    &["road", "route", "roads", "routes"],
    &["uniformity", "sameness", "conformity"],
    &["productive", "productivity"],
    &["maritime", "marine"],
    &["global", "world", "worldwide"],
    &["governance", "administration"],
    &["novel", "new"],
    &[
        "establishments",
        "establishment",
        "affirmations",
        "confirmations",
        "determinations",
    ],
];

/// 特色 and the words machine translation puts for it. Each word after
/// the first two is an everyday head (see [`EVERYDAY_HEAD_SYNONYMS`]).
const CHARACTERISTICS: &[&str] = &[
    "characteristics",
    "characteristic",
    "features",
    "feature",
    "traits",
    "trait",
    "peculiarities",
    "peculiarity",
    "specificities",
    "specificity",
];

/// Whether a content word `word` is compared by characters as its synonym
/// group's first word (so "Chinese scheme" reads as "Chinese solution"):
/// in a form of three content words or more, where one swapped word still
/// leaves the phrase recognisable, and for the head noun, which names the
/// concept. A two-word form with a swapped modifier is mostly ordinary
/// English ("big country", "shared prosperity") and keeps its spelling, and
/// so does one whose head is swapped for a word with an everyday sense of
/// its own (see [`EVERYDAY_HEAD_SYNONYMS`]).
pub(super) fn compares_as_synonym(form_stems: usize, is_head: bool, word: &str) -> bool {
    form_stems >= 3 || (is_head && !is_everyday_synonym(word))
}

/// Synonyms that stand for a form's head only in a longer phrase: "with
/// Chinese features" describes a face, where "great-power diplomacy with
/// Chinese features" is the term garbled; "new times" are opening hours,
/// "new age" is music and a "new period" of growth is any, where
/// "socialism … for a new age" is the term;
/// a "chief of state" is any country's head of state, where "chief-of-state
/// diplomacy" garbles the term. So are all the words for "characteristics"
/// but the term's own (see [`CHARACTERISTICS`]).
const EVERYDAY_HEAD_SYNONYMS: &[&str] = &["times", "age", "period", "periods", "chief", "chiefs"];

/// Whether `word` is a synonym with an everyday sense of its own (see
/// [`EVERYDAY_HEAD_SYNONYMS`]).
pub(super) fn is_everyday_synonym(word: &str) -> bool {
    EVERYDAY_HEAD_SYNONYMS.contains(&word) || CHARACTERISTICS[2..].contains(&word)
}

/// The first [`STEM_START`] bytes of `word`, fewer when it is shorter or
/// that would split a character.
pub(super) fn stem_start(word: &str) -> &str {
    let mut end = STEM_START.min(word.len());
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

/// The first word of `word`'s synonym group, or `word` itself.
pub(super) fn synonym(word: &str) -> &str {
    synonym_group(word).map_or(word, |group| group[0])
}

/// The synonym group `word` is in, if any: looked up for every distinct
/// word of a text, so by hash rather than by scanning [`SYNONYMS`].
pub(super) fn synonym_group(word: &str) -> Option<&'static [&'static str]> {
    static GROUPS: LazyLock<FxHashMap<&str, &[&str]>> = LazyLock::new(|| {
        SYNONYMS
            .iter()
            .flat_map(|&group| group.iter().map(move |&word| (word, group)))
            .collect()
    });
    GROUPS.get(word).copied()
}

/// What a folded word is compared by strictly (`american` is its American
/// spelling): a function word itself, a content word up to inflection.
pub(super) fn strict_key(word: &str, american: &str) -> String {
    if is_stopword(word) {
        word.to_string()
    } else {
        uninflected(american).to_string()
    }
}

/// `word` without its inflectional ending (plural, -ing, -ed) and a final
/// e, so that build/building/builds, promote/promoting and
/// mentality/mentalities meet, while derivations stay apart: a stemmer
/// would equate qualitative with quality and neutralization with
/// neutrality, which are exactly the slips that make a rendering wrong.
pub(super) fn uninflected(word: &str) -> &str {
    let mut w = plural_stem(word).unwrap_or(word);
    if let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() >= 3) {
        w = stem;
    } else if let Some(stem) = w.strip_suffix("ed").filter(|s| s.len() >= 3) {
        w = stem;
    }
    w.strip_suffix(['e', 'y'])
        .filter(|s| s.len() >= 3)
        .unwrap_or(w)
}

/// `word` without its plural ending, if it has one: "mentalities" →
/// "mentalit" (as [`uninflected`] makes of "mentality"), "goals" → "goal";
/// not "progress", "status" or "crisis".
fn plural_stem(word: &str) -> Option<&str> {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() >= 3) {
        Some(stem)
    } else if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        Some(&word[..word.len() - 1])
    } else {
        None
    }
}

/// Whether `word` ends as a plural does.
pub(super) fn has_plural_ending(word: &str) -> bool {
    plural_stem(word).is_some()
}

/// Strips derivational endings the Snowball stemmer keeps apart
/// (diplomaci/diplomat, economi/econom, democraci/democrat).
pub(super) fn root(stem: &str) -> &str {
    for suffix in ["aci", "at", "ic", "i"] {
        if let Some(root) = stem.strip_suffix(suffix)
            && root.len() >= 5
        {
            return root;
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_is_in_two_synonym_groups() {
        let mut seen = std::collections::HashSet::new();
        for word in SYNONYMS.iter().flat_map(|group| group.iter()) {
            assert!(seen.insert(word), "{word} is in two synonym groups");
        }
        assert_eq!(synonym_group("fate"), Some(SYNONYMS[0]));
        assert_eq!(synonym_group("fateful"), None);
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let found: Vec<_> = words("mankind's shared-destiny, 2023")
            .map(|(_, _, w)| w)
            .collect();
        assert_eq!(found, ["mankind", "s", "shared", "destiny", "2023"]);
        let found: Vec<_> = words("FOUR_ROUNDS _new era_ x_ é_b")
            .map(|(_, _, w)| w)
            .collect();
        assert_eq!(found, ["FOUR_ROUNDS", "new", "era", "x", "é_b"]);
    }
}
