//! Finding wrong renderings nobody listed.
//!
//! Machine translation varies a term's words (joint/common/shared,
//! mankind/humanity), their order ("mankind's shared-destiny community") and
//! their inflection. Scoring every window of a document against every form
//! would cost O(tokens × glossary), so the work is split in two:
//!
//! 1. **Candidates.** Every form's content words are stemmed (Snowball English,
//!    plus British→American spelling and a few derivational endings, so that
//!    destiny/destinies, build/building, diplomacy/diplomatic meet) and
//!    indexed: stem → concepts. A document token costs one cache lookup and
//!    a walk over a posting list whose length is capped, whatever the
//!    glossary's size. A window becomes a candidate for a form when, within a
//!    few words, enough of the form's content stems occur, including its
//!    head noun ("a shared future" lacks the head of "community with a shared
//!    future" and is ordinary English).
//! 2. **Scoring.** Only candidates are compared with the form: the mean of
//!    a token-level Dice coefficient over content stems (order-tolerant,
//!    ignores function words) and strsim's character-bigram Sørensen-Dice
//!    over the content words (tolerant of spelling and inflection; computed
//!    against each form's pre-sorted bigrams, see `dice`). MT's
//!    interchangeable words (fate/destiny, epoch/era) are one stem for the
//!    token Dice and earn half credit in the character Dice. A window ends
//!    at a clause boundary; a comma is one too, except inside a list form
//!    ("common, comprehensive, cooperative and sustainable security"),
//!    which is read across as many commas as it has item separators.
//!    Whether a near-miss of a correct form is just
//!    that form inflected is judged on the words up to inflection and
//!    articles, not on stems, which would equate qualitative with quality.
//!    A window's score is remembered per thread: archives repeat their
//!    phrases. A candidate never overlaps a literal match of its own
//!    concept, unless that match is correct and the candidate adds a form
//!    word misspelt or swapped for a synonym ("Xi Jingping", "construction
//!    of an ecological civilization"); one that strictly contains
//!    other concepts' literal matches replaces them (longest, most specific
//!    wins). At each place, a concept's best
//!    reading that may stand beside the literal matches is its candidate,
//!    unless a correct form's reading covers it and is a correct use. A
//!    reading of a term that holds none of the words setting it apart from
//!    a shorter term inside it ("community of shared fate", near the legacy
//!    "community of common destiny" for mankind) names the shorter term.
//!
//! Every word of a document is looked up once; windows slide over the
//! content words keeping per-concept tallies, so a window is only read as a
//! form when it holds that form's head and enough of its stems, and only
//! forms that have the anchor word's stem are tried; a word inside a wrong
//! literal match is no anchor for that match's concept.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

mod dice;

use super::{Form, FormId, FormKind, Hit, Status, inflect};
use crate::glossary::{ConceptId, Severity};

type StemId = u32;

/// The default score a candidate needs to become a finding.
pub const DEFAULT_THRESHOLD: f32 = 0.70;

/// Concepts per stem beyond which a stem is too common to anchor candidates;
/// it keeps the work per token bounded however large the glossary grows.
const MAX_POSTINGS: usize = 32;

/// How much closer than `threshold` a window must be to a preferred or
/// accepted form than to a listed variant: a near-miss of a correct form is
/// more often a legitimate paraphrase than a near-miss of a wrong one.
const CORRECT_FORM_MARGIN: f32 = 0.12;

/// How much less close a longer fuzzy reading may be than a shorter one it
/// contains and still win: "shared future community of mankind" is one
/// term, not the generic "shared future community" and two more words.
const LONGER_READING_MARGIN: f32 = 0.05;

/// Forms a concept needs before the stems they all share are taken as
/// what names it (see `FuzzyForm::core`): with fewer, a form's every word
/// would be required.
const MIN_FORMS_FOR_CORE: usize = 3;

/// Words shorter than this are never read as a near spelling of a form
/// word: "county" is not "country".
const NEAR_MIN_LEN: usize = 7;

/// Content words from which a correct form is a formulation that writers
/// abridge (see [`FuzzyIndex::is_correct_use`]).
const ABRIDGED_MIN_CONTENT_WORDS: usize = 6;

/// Extra words a candidate window may hold beyond the form's own length.
const WINDOW_SLACK: usize = 3;

/// The shortest form word that two words of a text written together are
/// read as (see [`FuzzyIndex::joined_stem`]).
const JOINED_MIN_LEN: usize = 5;

/// Letters of a stem that every word with that stem begins with (see
/// [`FuzzyIndex::stem_starts`]).
const STEM_START: usize = 4;

/// Letters a word shares with the start of a form word when it is read as a
/// derivation of it (relation/relationship, develop/developmental).
const DERIVATION_PREFIX: usize = 4;

/// Characters a term never straddles: clause and sentence boundaries.
/// A comma ends a clause too, unless the form is a list with commas.
const PUNCTUATION: [char; 7] = ['.', ';', ':', '!', '?', '(', ')'];

/// Words that carry no meaning of their own in a term. Negations and
/// contrasts count among them: they name nothing, so "but it is not the
/// same" is no window of "harmony but not sameness", while a term with one
/// swapped ("harmony *with* uniformity") differs in a function word. So
/// does "having", which machine translation writes for "with" ("socialism
/// having Chinese characteristics"). Prepositions are function words,
/// so one swapped for another ("community of life *between* man and
/// nature") changes the term, not the sentence around it.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "with", "to", "in", "on", "at", "by", "from", "and", "or", "as",
    "is", "are", "be", "its", "it", "this", "that", "these", "those", "our", "my", "their", "his",
    "her", "s", "which", "who", "all", "should", "must", "will", "shall", "would", "can", "into",
    "than", "so", "such", "not", "no", "without", "but", "yet", "rather", "having", "between",
    "among", "about", "within", "through", "across", "toward", "towards", "upon", "under",
    "against", "via", "amid",
];

/// Auxiliary and copular verbs: one inside a window that its form lacks
/// makes the words a clause, not a term ("our community *has* a common
/// destiny with the river").
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "shall", "would", "should", "can", "could", "may", "might", "must",
];

/// Prepositions after a head noun: "community *of* …" has its head first.
const PREPOSITIONS: &[&str] = &["of", "with", "for", "in", "on", "to", "at", "from", "like"];

/// A form prepared for fuzzy comparison.
#[derive(Debug, Clone)]
struct FuzzyForm {
    form: FormId,
    /// A listed wrong rendering.
    is_variant: bool,
    /// Distinct content stems, sorted.
    stems: Vec<StemId>,
    /// Content stems in the form's word order.
    ordered: Vec<StemId>,
    /// The stems the form holds more than once, as bits (see [`bit`]).
    repeated: u64,
    /// The stems that are numerals, as bits like `repeated`: "one of the
    /// five" holds two words of "five-in-one" and nothing of the term.
    numerals: u64,
    /// The stems every form of its concept has, when it has three forms or
    /// more, as bits like `repeated`: what names the concept, of which a
    /// window must hold most ("human community faces common" lacks the
    /// health of "community of common health for mankind"; "international
    /// influence, appeal and moulding power" has all but "shape").
    core: u64,
    /// For a listed variant, its stems that no correct form of its concept
    /// has, as bits like `repeated`: what makes it wrong. A window without
    /// any of them is not a near-miss of the variant ("general secretary of
    /// the CPC Central Committee" is not "CPC Central Committee with the
    /// Supreme Leader as the general secretary" without "Supreme Leader").
    distinctive: u64,
    /// Content stems without synonym mapping, in order.
    strict: Vec<u32>,
    /// Every word but articles, content words as strict stems: the form up
    /// to inflection and articles.
    sequence: Vec<u32>,
    /// The strict ids of its prepositions, in order: what joins its words
    /// into one phrase (see [`FuzzyIndex::is_correct_use`]).
    prepositions: Vec<u32>,
    /// A common noun compound: content words only (no article, no
    /// preposition) and no proper name, so its head is its last word (see
    /// [`names_a_modifier`]). Names and titles are not read this way:
    /// "Chairman of Xi Jinping" is a garbled title, not a chairman. Nor
    /// are verb phrases ("building an ecological civilization").
    is_compound_noun: bool,
    /// Which words of `sequence` follow a preposition and an article, as
    /// bits (see [`articles_after`]).
    articles: u64,
    /// Whether one of its words is an auxiliary verb (see [`AUXILIARIES`]).
    has_auxiliary: bool,
    /// Which gaps after the words of `sequence` hold a hyphen, as bits
    /// (see [`hyphenated_gaps`]).
    hyphens: u64,
    /// The first [`DERIVATION_PREFIX`] letters of its last word, if it has
    /// that many (see [`FuzzyIndex::goes_on_as_other_phrase`]).
    ending: Option<Box<str>>,
    /// The stem a window must contain: the phrase's head noun.
    head: StemId,
    /// How many of `stems` a window must contain.
    need: usize,
    /// Number of words of the form, function words included.
    words: usize,
    /// Coordinating conjunctions in the form.
    conjunctions: usize,
    /// Commas in the form. A list ("common, comprehensive, cooperative and
    /// sustainable security") is read across as many commas as it has item
    /// separators, since MT writes either a comma or "and" between items.
    commas: u32,
    /// The content words, spelling-normalized, prepared for the character
    /// Dice.
    profile: dice::Profile,
    /// The same with words compared as synonyms replaced by their group's
    /// first word (see [`compares_as_synonym`]).
    synonym_profile: dice::Profile,
}

/// The content-word index over all forms.
#[derive(Debug, Clone)]
pub struct FuzzyIndex {
    stemmer: StemmerBox,
    stems: HashMap<String, StemId>,
    /// The forms' long content words (American spelling) by their first
    /// three bytes and their length, with their stems: where a misspelt or
    /// otherwise derived word of the text ("Jingping", "Sinification") finds
    /// the form word it stands for. Each list is capped at [`MAX_POSTINGS`],
    /// so a lookup costs the same whatever the glossary's size.
    near: HashMap<NearKey, Vec<(String, StemId)>>,
    postings: Vec<Vec<ConceptId>>,
    /// Stem → for each concept of its posting list, in the same order, the
    /// concept's forms that have the stem: the only forms a window anchored
    /// on a word of that stem can read as.
    forms_with_stem: Vec<Vec<Vec<u32>>>,
    /// Every form with at least two content words.
    fuzzy_forms: Vec<FuzzyForm>,
    /// Concept → indices into `fuzzy_forms`.
    forms_of: Vec<Vec<usize>>,
    /// Form id → index into `fuzzy_forms`.
    by_form: HashMap<FormId, usize>,
    /// The widest window any form needs, in words.
    max_reach: usize,
    /// Strict stems (and function words) of the forms → id.
    strict_ids: HashMap<String, u32>,
    /// The first three bytes of every form word and strict key, and of
    /// every synonym: a text word whose [`american`] spelling starts
    /// otherwise can have no stem, strict key or near spelling in the index
    /// (all three keep a word's first three letters; the stemmer's only exceptions, dying, lying and
    /// tying → die, lie, tie, are no glossary's words), so it is not
    /// stemmed at all. Most words of a text are such words, and stemming
    /// was most of a cold lookup's cost.
    known_prefixes: rustc_hash::FxHashSet<[u8; 3]>,
    /// The forms' content words of [`JOINED_MIN_LEN`] letters or more, with
    /// their stems: what two words of a text written together may be ("Xi
    /// Jin Ping" is "Xi Jinping" split; see [`FuzzyIndex::joined_stem`]).
    /// Sorted by word, so that the words a text word begins are together.
    joined: Vec<(Box<str>, StemId)>,
    /// The first [`STEM_START`] letters of every stem (the whole of a
    /// shorter one) and of every synonym: the stemmer changes only a
    /// word's ending, so a word that begins with none of them has no stem
    /// in the index and is not stemmed (a cold lookup's most costly step).
    stem_starts: rustc_hash::FxHashSet<Box<str>>,
    /// Concept → every content stem of its forms, sorted.
    vocabulary: Vec<Vec<StemId>>,
    /// Stem → concepts with a form whose head noun it is (capped like
    /// `postings`).
    heads: Vec<Vec<ConceptId>>,
    /// Concept → the fewest content stems any of its forms needs, less its
    /// stems too common to have postings (the window tallies cannot count
    /// those, and the test must stay implied by the per-form one).
    min_need: Vec<usize>,
    /// Concept → one of its head nouns is too common to be tallied, so the
    /// window's head tally says nothing about it.
    untallied_head: Vec<bool>,
    /// Concept → the concept whose preferred form lies inside its own
    /// ("community with a shared future" inside "community with a shared
    /// future for mankind"), with the stems of its correct forms that the
    /// inner concept's preferred form lacks ("mankind", "humanity"): a
    /// window read as the outer term without any of them names the inner
    /// one (see [`inner_terms`]).
    inner_term: Vec<Option<(ConceptId, Vec<StemId>)>>,
    threshold: f32,
}

/// `rust_stemmers::Stemmer` is neither `Debug` nor `Clone`; this wrapper
/// recreates it on clone (it holds no state).
struct StemmerBox(Stemmer);

impl std::fmt::Debug for StemmerBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(English)")
    }
}

impl Clone for StemmerBox {
    fn clone(&self) -> Self {
        StemmerBox(Stemmer::create(Algorithm::English))
    }
}

/// Per-thread state: a word cache and buffers, reused across documents.
#[derive(Debug, Default)]
pub struct Scratch {
    cache: WordCache,
    /// American spellings of cached words that have one, by
    /// [`WordInfo::spelling`]; cleared with the cache.
    spellings: Vec<Box<str>>,
    /// Every word of the document.
    words: Vec<Word>,
    /// The words some form has a stem of.
    tokens: Vec<Token>,
    candidates: Vec<Hit>,
    /// Windows that hold a correct form's content words of their concept,
    /// up to inflection: no candidate of another concept lies inside one.
    named: Vec<Hit>,
    /// What the window at the current anchor holds.
    window: WindowCounts,
    /// The readings of one concept at one anchor.
    readings: Vec<Reading>,
    /// Buffers of [`FuzzyIndex::similarity`].
    similarity: SimilarityBuffers,
    /// Two words written together, for [`FuzzyIndex::joined_stem`].
    joined: String,
}

/// What the window at an anchor holds, kept up to date as the window slides
/// over the document: each token enters and leaves once, so the cost is its
/// posting lists, not a recount per anchor. Empty between documents.
#[derive(Debug, Default)]
struct WindowCounts {
    /// Per stem: how many of the window's tokens have it.
    tokens_of_stem: Vec<u32>,
    /// Per concept: how many distinct stems of it the window holds.
    stems_of_concept: Vec<u32>,
    /// Per concept: how many distinct stems of the window are a head noun of it.
    heads_of_concept: Vec<u32>,
}

impl WindowCounts {
    fn fit(&mut self, stems: usize, concepts: usize) {
        self.tokens_of_stem.resize(stems, 0);
        self.stems_of_concept.resize(concepts, 0);
        self.heads_of_concept.resize(concepts, 0);
    }

    fn is_empty(&self) -> bool {
        [
            &self.tokens_of_stem,
            &self.stems_of_concept,
            &self.heads_of_concept,
        ]
        .iter()
        .all(|counts| counts.iter().all(|&n| n == 0))
    }

    fn enter(&mut self, index: &FuzzyIndex, stem: StemId) {
        let count = &mut self.tokens_of_stem[stem as usize];
        *count += 1;
        if *count == 1 {
            for &concept in &index.postings[stem as usize] {
                self.stems_of_concept[concept] += 1;
            }
            for &concept in &index.heads[stem as usize] {
                self.heads_of_concept[concept] += 1;
            }
        }
    }

    fn leave(&mut self, index: &FuzzyIndex, stem: StemId) {
        let count = &mut self.tokens_of_stem[stem as usize];
        *count -= 1;
        if *count == 0 {
            for &concept in &index.postings[stem as usize] {
                self.stems_of_concept[concept] -= 1;
            }
            for &concept in &index.heads[stem as usize] {
                self.heads_of_concept[concept] -= 1;
            }
        }
    }
}

/// Reused buffers for scoring a window, and the scores already known.
#[derive(Debug, Default)]
struct SimilarityBuffers {
    stems: Vec<StemId>,
    content: String,
    synonym_content: String,
    dice: dice::Window,
    synonym_dice: dice::Window,
    /// Window text → (fuzzy form, score). A score depends on nothing but the
    /// window's words and the form, and an archive repeats its phrases:
    /// on the seeds, more than half of the windows scored are repeats.
    known: rustc_hash::FxHashMap<Box<str>, Vec<(u32, f32)>>,
}

/// Bound on remembered window scores, checked between documents.
const MAX_KNOWN_WINDOWS: usize = 100_000;

/// Word → what the index knows of it, per thread: stemming is the costly
/// part of fuzzy matching, so each distinct word is stemmed once.
type WordCache = rustc_hash::FxHashMap<Box<str>, WordInfo>;

/// Folded word → (American spelling, stem), while the index is built.
type SpellingMemo = HashMap<String, (String, String)>;

/// What the index knows of a word.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    /// Its stem after synonym mapping, if some form has it (`None` for
    /// function words and words no form uses).
    stem: Option<StemId>,
    /// Its strict stem (function words: the word itself), or [`UNKNOWN`]
    /// when no form has it.
    strict: u32,
    /// A function word.
    is_stopword: bool,
    /// A coordinating conjunction.
    is_conjunction: bool,
    /// An article.
    is_article: bool,
    /// An auxiliary verb (see [`AUXILIARIES`]).
    is_auxiliary: bool,
    /// Its stem is that of a form word it is a near spelling of.
    is_misspelling: bool,
    /// It is in a synonym group (see [`SYNONYMS`]).
    has_synonyms: bool,
    /// Neither a form word nor a function word, but the beginning of a
    /// form word that it may spell together with the next word (see
    /// [`FuzzyIndex::joined_stem`]).
    starts_joined: bool,
    /// Index of its American spelling in [`Scratch::spellings`], or
    /// [`UNKNOWN`] when it is spelt the same.
    spelling: u32,
    /// Index of the first word of its synonym group in
    /// [`Scratch::spellings`], or [`UNKNOWN`] when that is its spelling.
    synonym: u32,
}

/// The strict id of a word that no form contains.
const UNKNOWN: u32 = u32::MAX;

/// Bound on the word cache, so a huge archive's vocabulary cannot grow it
/// forever; checked between documents, so a document's words stay valid.
const MAX_CACHED_WORDS: usize = 200_000;

/// A word of the document: all a window test needs, computed once.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    info: WordInfo,
    /// How many gaps before it hold clause punctuation other than a comma
    /// alone, or a break.
    clause: u32,
    /// How many gaps before it hold a comma and no other clause
    /// punctuation: the commas of a list.
    commas_before: u32,
    /// How many conjunctions come before it.
    conjunctions_before: u32,
    /// How many auxiliary verbs come before it.
    auxiliaries_before: u32,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    /// Index of the word in [`Scratch::words`].
    word: usize,
    stem: StemId,
    start: usize,
    end: usize,
}

/// The document as the scoring sees it.
struct Doc<'a> {
    text: &'a str,
    words: &'a [Word],
    tokens: &'a [Token],
    spellings: &'a [Box<str>],
}

impl Doc<'_> {
    /// The words `a` and `b` (either first) are within one clause.
    fn same_clause(&self, a: usize, b: usize) -> bool {
        self.in_list(a, b, 0)
    }

    /// The words `a` and `b` (either first) are within one clause but for at
    /// most `commas` commas between them: items of a list.
    fn in_list(&self, a: usize, b: usize, commas: u32) -> bool {
        let (a, b) = (&self.words[a], &self.words[b]);
        a.clause == b.clause && a.commas_before.abs_diff(b.commas_before) <= commas
    }

    /// Whether the words `first..=last` are `form`'s content words as they
    /// are, up to inflection and function words.
    fn holds_form_words(&self, first: usize, last: usize, form: &FuzzyForm) -> bool {
        self.words[first..=last]
            .iter()
            .filter(|w| !w.info.is_stopword)
            .map(|w| w.info.strict)
            .eq(form.strict.iter().copied())
    }

    /// How many content words the words `first..=last` hold.
    fn content_words(&self, first: usize, last: usize) -> usize {
        self.words[first..=last]
            .iter()
            .filter(|w| !w.info.is_stopword)
            .count()
    }

    /// The stem of the head noun of the words `first..=last`: the word
    /// before their first preposition, else their last content word, as
    /// [`FuzzyIndex::prepare`] finds a form's head, with "without" a
    /// preposition too ("partnership *without* alignment" is about a
    /// partnership).
    fn head(&self, first: usize, last: usize) -> Option<StemId> {
        let words = &self.words[first..=last];
        let is_preposition = |w: &Word| {
            let word = &self.text[w.start..w.end];
            PREPOSITIONS.contains(&word) || word == "without"
        };
        words[head_at(words, is_preposition, |w| w.info.is_stopword)?]
            .info
            .stem
    }

    /// How many auxiliary verbs the words `first..=last` hold.
    fn auxiliaries(&self, first: usize, last: usize) -> usize {
        let (a, b) = (&self.words[first], &self.words[last]);
        (b.auxiliaries_before + u32::from(b.info.is_auxiliary) - a.auxiliaries_before) as usize
    }

    /// How many conjunctions the words `first..=last` hold.
    fn conjunctions(&self, first: usize, last: usize) -> usize {
        let (a, b) = (&self.words[first], &self.words[last]);
        (b.conjunctions_before + u32::from(b.info.is_conjunction) - a.conjunctions_before) as usize
    }

    /// A word as spelt for character comparison: in American spelling,
    /// and as the first word of its synonym group if `as_synonym`.
    fn spelling(&self, word: &Word, as_synonym: bool) -> &str {
        let synonym = as_synonym.then(|| self.spellings.get(word.info.synonym as usize));
        match synonym
            .flatten()
            .or_else(|| self.spellings.get(word.info.spelling as usize))
        {
            Some(spelling) => spelling,
            None => &self.text[word.start..word.end],
        }
    }
}

/// The form a candidate window reads closest to, as it judges whether the
/// window is a correct form in use (see [`FuzzyIndex::is_correct_use`]).
#[derive(Debug, Clone, Copy)]
struct ReadAs<'a> {
    form: &'a FuzzyForm,
    /// The window's content words are the form's, in its order, up to
    /// inflection: whatever else differs is function words.
    is_whole: bool,
}

impl ReadAs<'_> {
    /// Whether a word with `stem` belongs to the rendering read, not to a
    /// sentence that uses the correct form `f`'s words: a word that makes
    /// the variant wrong ("common values of the *whole* of humanity"), or
    /// one of the words that a correct form `f` lacks and the correct form
    /// read has ("president *Xi Jingping*" is "President Xi Jinping"
    /// misspelt, not the short form "President Xi" in a sentence).
    fn claims(&self, stem: StemId, f: &FuzzyForm) -> bool {
        let Ok(at) = self.form.stems.binary_search(&stem) else {
            return false;
        };
        if self.form.is_variant {
            // A listed variant with other function words ("Xi Jinping New
            // Era Socialism with Chinese Characteristics Thought") is that
            // variant, not a sentence using "Xi Jinping Thought".
            self.is_whole || self.form.distinctive & bit(at) != 0
        } else {
            f.stems.binary_search(&stem).is_err()
        }
    }
}

/// One form's reading of the window at an anchor, when the window holds
/// enough of the form and stays within a clause.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Index into [`FuzzyIndex::fuzzy_forms`].
    fuzzy: usize,
    /// The window's first and last word.
    first: usize,
    last: usize,
    /// The finding, with its first and last word, if the window scores.
    hit: Option<(Hit, usize, usize)>,
}

impl FuzzyIndex {
    /// Indexes the content words of `forms`.
    pub fn build(forms: &[Form], threshold: f32) -> FuzzyIndex {
        let mut index = FuzzyIndex {
            stemmer: StemmerBox(Stemmer::create(Algorithm::English)),
            stems: HashMap::new(),
            near: HashMap::new(),
            postings: Vec::new(),
            forms_with_stem: Vec::new(),
            fuzzy_forms: Vec::new(),
            forms_of: Vec::new(),
            by_form: HashMap::new(),
            vocabulary: Vec::new(),
            heads: Vec::new(),
            min_need: Vec::new(),
            untallied_head: Vec::new(),
            inner_term: Vec::new(),
            strict_ids: HashMap::new(),
            known_prefixes: SYNONYMS
                .iter()
                .flat_map(|group| group.iter())
                .filter_map(|word| prefix(word))
                .collect(),
            joined: Vec::new(),
            stem_starts: SYNONYMS
                .iter()
                .flat_map(|group| group.iter())
                .map(|word| stem_start(word).into())
                .collect(),
            max_reach: 0,
            threshold,
        };
        let mut spellings = SpellingMemo::default();
        for (id, form) in forms.iter().enumerate() {
            let Some(fuzzy) = index.prepare(id, form, &mut spellings) else {
                continue;
            };
            let at = index.fuzzy_forms.len();
            for &stem in &fuzzy.stems {
                let posting = &mut index.postings[stem as usize];
                let with_stem = &mut index.forms_with_stem[stem as usize];
                let entry = match posting.iter().position(|&c| c == form.concept) {
                    Some(entry) => entry,
                    // Capped: a stem of 100,000 concepts must not cost 100,000² steps.
                    None if posting.len() <= MAX_POSTINGS => {
                        posting.push(form.concept);
                        with_stem.push(Vec::new());
                        posting.len() - 1
                    }
                    None => continue,
                };
                with_stem[entry].push(at as u32);
            }
            if index.vocabulary.len() <= form.concept {
                index.vocabulary.resize_with(form.concept + 1, Vec::new);
                index.forms_of.resize_with(form.concept + 1, Vec::new);
                index.min_need.resize(form.concept + 1, usize::MAX);
            }
            let need = &mut index.min_need[form.concept];
            *need = (*need).min(fuzzy.need);
            index.heads.resize_with(index.postings.len(), Vec::new);
            let heads = &mut index.heads[fuzzy.head as usize];
            if heads.len() <= MAX_POSTINGS && !heads.contains(&form.concept) {
                heads.push(form.concept);
            }
            index.vocabulary[form.concept].extend(&fuzzy.stems);
            index.max_reach = index.max_reach.max(fuzzy.words + WINDOW_SLACK);
            index.forms_of[form.concept].push(at);
            index.by_form.insert(id, at);
            index.fuzzy_forms.push(fuzzy);
        }
        for stems in &mut index.vocabulary {
            stems.sort_unstable();
            stems.dedup();
        }
        index.joined.sort_unstable();
        index.joined.dedup();
        let mut correct_stems: Vec<Vec<StemId>> = vec![Vec::new(); index.forms_of.len()];
        for fuzzy in &index.fuzzy_forms {
            if forms[fuzzy.form].kind != FormKind::Variant {
                correct_stems[forms[fuzzy.form].concept].extend(&fuzzy.stems);
            }
        }
        for stems in &mut correct_stems {
            stems.sort_unstable();
            stems.dedup();
        }
        for forms_of in &index.forms_of {
            if forms_of.len() < MIN_FORMS_FOR_CORE {
                continue;
            }
            let mut core = index.fuzzy_forms[forms_of[0]].stems.clone();
            for &f in &forms_of[1..] {
                core.retain(|s| index.fuzzy_forms[f].stems.binary_search(s).is_ok());
            }
            for &f in forms_of {
                let fuzzy = &mut index.fuzzy_forms[f];
                for (at, stem) in fuzzy.stems.iter().enumerate() {
                    if core.contains(stem) {
                        fuzzy.core |= bit(at);
                    }
                }
            }
        }
        index.inner_term = inner_terms(&index, forms, &correct_stems);
        for fuzzy in &mut index.fuzzy_forms {
            let form = &forms[fuzzy.form];
            if form.kind == FormKind::Variant {
                let correct = &correct_stems[form.concept];
                for (at, stem) in fuzzy.stems.iter().enumerate() {
                    if correct.binary_search(stem).is_err() {
                        fuzzy.distinctive |= bit(at);
                    }
                }
            }
        }
        index.heads.resize_with(index.postings.len(), Vec::new);
        for (posting, with_stem) in index.postings.iter_mut().zip(&mut index.forms_with_stem) {
            if posting.len() > MAX_POSTINGS {
                posting.clear();
                with_stem.clear();
            }
        }
        for heads in &mut index.heads {
            if heads.len() > MAX_POSTINGS {
                heads.clear();
            }
        }
        for (concept, stems) in index.vocabulary.iter().enumerate() {
            let untallied = stems
                .iter()
                .filter(|&&s| index.postings[s as usize].is_empty())
                .count();
            let need = &mut index.min_need[concept];
            *need = need.saturating_sub(untallied);
            index.untallied_head.push(
                index.forms_of[concept]
                    .iter()
                    .any(|&f| index.heads[index.fuzzy_forms[f].head as usize].is_empty()),
            );
        }
        index
    }

    fn prepare(
        &mut self,
        id: FormId,
        form: &Form,
        spellings: &mut SpellingMemo,
    ) -> Option<FuzzyForm> {
        let words: Vec<&str> = words(&form.folded).map(|(_, _, w)| w).collect();
        let head_word = words[head_at(&words, |w| PREPOSITIONS.contains(w), |w| is_stopword(w))?];
        if is_stopword(head_word) {
            return None;
        }
        let head = self.intern(&self.spelling_and_stem(head_word, spellings).1);
        // The content words: American spelling, stem, strict key.
        let mut spelt = Vec::new();
        let mut stems = Vec::new();
        let mut strict = Vec::new();
        for &word in words.iter().filter(|w| !is_stopword(w)) {
            let (american, stem) = self.spelling_and_stem(word, spellings);
            stems.push(self.intern(&stem));
            strict.push(self.intern_strict(strict_key(word, &american)));
            self.known_prefixes.extend(prefix(&american));
            spelt.push(american);
        }
        let ordered = stems.clone();
        stems.sort_unstable();
        stems.dedup();
        if stems.len() < 2 {
            return None;
        }
        for (word, &stem) in spelt.iter().zip(&ordered) {
            self.remember_spelling(word, stem);
            if word.len() >= JOINED_MIN_LEN && word.is_ascii() {
                self.joined.push((word.as_str().into(), stem));
            }
        }
        let as_synonyms: Vec<&str> = spelt
            .iter()
            .zip(&ordered)
            .map(|(american, &stem)| {
                if compares_as_synonym(stems.len(), stem == head) {
                    synonym(american)
                } else {
                    american
                }
            })
            .collect();
        let need = 2.max((stems.len() * 3).div_ceil(5));
        let mut numerals = 0u64;
        for (word, stem) in spelt.iter().zip(&ordered) {
            if is_numeral(word)
                && let Ok(at) = stems.binary_search(stem)
            {
                numerals |= bit(at);
            }
        }
        let mut repeated = 0u64;
        for (i, stem) in ordered.iter().enumerate() {
            if ordered[..i].contains(stem)
                && let Ok(at) = stems.binary_search(stem)
            {
                repeated |= bit(at);
            }
        }
        // Every word's strict key in order: the content words' from above, a
        // function word its own. Articles are left out: "building ecological
        // civilization" is the form without its article, not another term.
        let mut content_keys = strict.iter().copied();
        let sequence = words
            .iter()
            .filter(|w| !is_article(w))
            .filter_map(|&w| {
                if is_stopword(w) {
                    Some(self.intern_strict(w.to_string()))
                } else {
                    content_keys.next()
                }
            })
            .collect();
        let hyphens = hyphenated_gaps(
            &form.folded,
            self::words(&form.folded)
                .filter(|(_, _, w)| !is_article(w))
                .map(|(start, end, _)| (start, end)),
        );
        let ending = words
            .last()
            .and_then(|w| w.get(..DERIVATION_PREFIX))
            .map(Box::from);
        let prepositions: Vec<u32> = words
            .iter()
            .filter(|w| PREPOSITIONS.contains(w))
            .map(|w| self.intern_strict(w.to_string()))
            .collect();
        let is_compound_noun =
            !words.iter().any(|w| is_stopword(w)) && !inflect::is_proper_name(&form.text);
        let articles = articles_after(words.iter().copied(), is_article, |previous| {
            previous.is_some_and(|w| PREPOSITIONS.contains(&w))
        });
        Some(FuzzyForm {
            form: id,
            is_variant: form.kind == FormKind::Variant,
            stems,
            ordered,
            repeated,
            numerals,
            core: 0,
            distinctive: 0,
            strict,
            sequence,
            prepositions,
            is_compound_noun,
            articles,
            has_auxiliary: words.iter().any(|w| AUXILIARIES.contains(w)),
            hyphens,
            ending,
            head,
            need,
            words: words.len(),
            conjunctions: conjunctions(&form.folded),
            commas: form.folded.matches(',').count() as u32,
            profile: dice::Profile::new(&spelt.join(" ")),
            synonym_profile: dice::Profile::new(&as_synonyms.join(" ")),
        })
    }

    fn intern(&mut self, stem: &str) -> StemId {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let id = self.postings.len() as StemId;
        self.stems.insert(stem.to_string(), id);
        self.stem_starts.insert(stem_start(stem).into());
        self.postings.push(Vec::new());
        self.forms_with_stem.push(Vec::new());
        id
    }
    fn intern_strict(&mut self, key: String) -> u32 {
        self.known_prefixes.extend(prefix(&key));
        let next = self.strict_ids.len() as u32;
        *self.strict_ids.entry(key).or_insert(next)
    }

    /// Files a form's content word (American spelling, 7+ letters) under
    /// its first three letters and length for [`FuzzyIndex::near_stem`].
    fn remember_spelling(&mut self, word: &str, stem: StemId) {
        let Some(prefix) = near_prefix(word).filter(|_| word.len() >= NEAR_MIN_LEN) else {
            return;
        };
        let near = self.near.entry((prefix, word.len())).or_default();
        if near.len() < MAX_POSTINGS && !near.iter().any(|(known, _)| known == word) {
            near.push((word.to_string(), stem));
        }
    }

    /// Whether `span` is a correct use of the correct form `f`, not a
    /// garbled rendering of it: the form's own content words occur in order
    /// and either other content words come between them (a sentence that
    /// uses the words: "the community wants a shared future") or the words
    /// are the form's, up to inflection; or it is a sub-phrase of the form,
    /// a short form ("major-country diplomacy"), some items of a list form
    /// in its order, or a long form abridged. The same content words with
    /// other function words ("Five Principles on Peaceful Coexistence") are
    /// not. Nor are content words that the rendering the span reads as
    /// claims (see [`ReadAs::claims`]).
    fn is_correct_use(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        f: &FuzzyForm,
        read_as: ReadAs,
    ) -> bool {
        let span = &doc.words[first..=last];
        let claimed = |w: &Word| w.info.stem.is_some_and(|stem| read_as.claims(stem, f));
        let sequence = || {
            span.iter()
                .filter(|w| !w.info.is_article)
                .map(|w| w.info.strict)
        };
        let content = || {
            span.iter()
                .filter(|w| !w.info.is_stopword)
                .map(|w| w.info.strict)
        };
        let mut window = content();
        let in_order = f.strict.iter().all(|&stem| window.any(|s| s == stem));
        // A copula the form lacks makes the words a clause, not the term
        // with a function word swapped: "partnership is not an alliance".
        let is_clause = || {
            span.iter().any(|w| {
                matches!(&doc.text[w.start..w.end], "is" | "are" | "be")
                    && !f.sequence.contains(&w.info.strict)
            })
        };
        // Content words the form lacks, between its own in their order,
        // make a sentence that uses the form's words when they stand for a
        // preposition that joins the form ("the community *wants* a shared
        // future for mankind"), are figures ("peak carbon dioxide emissions
        // before 2030 and achieve carbon neutrality") or make a clause. A
        // word slipped into the fixed phrase, its prepositions kept, makes
        // another rendering ("four kinds of consciousness", "common values
        // of the entire mankind").
        let mut other_content = span
            .iter()
            .filter(|w| !w.info.is_stopword && !claimed(w))
            .filter(|w| !f.strict.contains(&w.info.strict))
            .peekable();
        let keeps_prepositions = || {
            let mut window = sequence();
            f.prepositions.iter().all(|&p| window.any(|w| w == p))
        };
        let is_sentence = other_content.peek().is_some()
            && (!keeps_prepositions()
                || other_content.any(|w| is_numeral(&doc.text[w.start..w.end])))
            || is_clause();
        // The window's words as some part of the form, with its hyphens or
        // not: the form's own words hyphenated otherwise are a slip in a
        // fixed term ("high quality development", "win win cooperation",
        // "Cold-War mentality"), while the whole part hyphenated is a
        // compound modifier ("great-power relations").
        let length = sequence().count().max(1);
        let internal_gaps = 1u64
            .checked_shl(length as u32 - 1)
            .map_or(u64::MAX, |b| b - 1);
        let parts = || {
            f.sequence
                .windows(length)
                .enumerate()
                .filter(|(_, part)| part.iter().copied().eq(sequence()))
                .map(|(at, _)| at)
        };
        // The form's articles after its prepositions, inside the window,
        // where it stands at `at` of the form.
        let window_articles = articles_after(span, |w| w.info.is_article, |_| true);
        let keeps_articles = |at: usize| {
            let inside = internal_gaps << 1;
            f.articles.checked_shr(at as u32).unwrap_or(0) & inside & !window_articles == 0
        };
        let is_part = parts().next().is_some();
        let is_short_form = is_part && {
            let hyphens = hyphenated_gaps(
                doc.text,
                span.iter()
                    .filter(|w| !w.info.is_article)
                    .map(|w| (w.start, w.end)),
            );
            parts().any(|at| {
                let form = f.hyphens.checked_shr(at as u32).unwrap_or(0) & internal_gaps;
                (form == hyphens || (form == 0 && hyphens == internal_gaps)) && keeps_articles(at)
            })
        };
        if is_part && !is_short_form {
            return false;
        }
        // Some of a list's items, in its order, joined by nothing but
        // commas and conjunctions: the list shortened ("peace, development
        // and cooperation"; not "one country with two systems").
        let is_part_of_list = f.commas > 0
            && span
                .iter()
                .all(|w| !w.info.is_stopword || w.info.is_conjunction)
            && {
                let mut items = f.strict.iter();
                content().all(|s| items.any(|&item| item == s))
            };
        // A long formulation with a phrase or two left out, every
        // remaining word the form's own in its order and most of its content
        // words kept ("no iron law that a rising power will inevitably seek
        // hegemony"): abridged, not garbled. Each gap inside the window must
        // hold a content word: a dropped function word alone is a slip
        // ("new type international relations").
        let is_abridged = f.strict.len() >= ABRIDGED_MIN_CONTENT_WORDS
            && 3 * content().count() >= 2 * f.strict.len()
            && {
                let mut next = None;
                sequence().all(|word| {
                    let from = next.unwrap_or(0);
                    let Some(found) = f.sequence[from..].iter().position(|&w| w == word) else {
                        return false;
                    };
                    let gap = &f.sequence[from..from + found];
                    let is_inside = next.is_some();
                    next = Some(from + found + 1);
                    !is_inside || gap.is_empty() || gap.iter().any(|w| f.strict.contains(w))
                })
            };
        is_short_form
            || is_part_of_list
            || is_abridged
            || (in_order
                && (is_sentence
                    || (sequence().eq(f.sequence.iter().copied()) && keeps_articles(0))))
    }

    /// A form's content word in American spelling and its stem, each word
    /// worked out once per build: forms repeat their words, and the stemmer
    /// was most of the build's time.
    fn spelling_and_stem(&self, word: &str, memo: &mut SpellingMemo) -> (String, String) {
        memo.entry(word.to_string())
            .or_insert_with(|| {
                let american = american(word);
                let stem = self.content_stem(&american);
                (american, stem)
            })
            .clone()
    }

    /// The normalized stem of a folded word, or `None` for function words.
    fn stem(&self, word: &str) -> Option<String> {
        (!is_stopword(word)).then(|| self.content_stem(&american(word)))
    }

    /// The normalized stem of a content word in American spelling.
    fn content_stem(&self, american: &str) -> String {
        let stem = self.stemmer.0.stem(synonym(american));
        root(&stem).to_string()
    }

    fn lookup(&self, word: &str, cache: &mut WordCache, spellings: &mut Vec<Box<str>>) -> WordInfo {
        if let Some(&info) = cache.get(word) {
            return info;
        }
        let american = american(word);
        let group = synonym_group(&american);
        let representative = group.map_or(american.as_str(), |group| group[0]);
        let synonym = if representative == american {
            UNKNOWN
        } else {
            spellings.push(representative.into());
            (spellings.len() - 1) as u32
        };
        let spelling = if american == word {
            UNKNOWN
        } else {
            spellings.push(american.as_str().into());
            (spellings.len() - 1) as u32
        };
        let is_stopword = is_stopword(word);
        let is_unknown =
            !is_stopword && prefix(&american).is_some_and(|p| !self.known_prefixes.contains(&p));
        let (stem, is_misspelling) = if is_stopword || is_unknown {
            (None, false)
        } else {
            let known = if self.may_have_stem(&american) {
                self.stems.get(&self.content_stem(&american))
            } else {
                None
            };
            match known {
                Some(&stem) => (Some(stem), false),
                None => {
                    let near = self.near_stem(word, &american);
                    (near, near.is_some())
                }
            }
        };
        let info = WordInfo {
            stem,
            strict: if is_unknown {
                UNKNOWN
            } else {
                self.strict_ids
                    .get(&strict_key(word, &american))
                    .copied()
                    .unwrap_or(UNKNOWN)
            },
            is_stopword,
            is_conjunction: is_conjunction(word),
            is_article: is_article(word),
            is_auxiliary: AUXILIARIES.contains(&word),
            is_misspelling,
            has_synonyms: group.is_some(),
            starts_joined: !is_stopword && stem.is_none() && self.starts_joined_word(word),
            spelling,
            synonym,
        };
        cache.insert(word.into(), info);
        info
    }

    /// The stem of the form word a long content word no form has is a near
    /// spelling of (`american` is its American spelling): same first three
    /// letters, at most one edit (two for words of eight letters or more).
    /// Looked up once per distinct word.
    fn near_stem(&self, word: &str, american: &str) -> Option<StemId> {
        if word.len() < NEAR_MIN_LEN {
            return None;
        }
        let word = american;
        let edits = if word.len() >= 10 { 2 } else { 1 };
        let prefix = near_prefix(word)?;
        (word.len() - edits..=word.len() + edits)
            .filter_map(|len| self.near.get(&(prefix, len)))
            .flatten()
            .map(|(known, stem)| (strsim::levenshtein(known, word), *stem))
            .filter(|&(distance, _)| distance <= edits)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, stem)| stem)
    }

    /// The stem of the form word that two neighbouring words of a text spell
    /// written together, when neither is a form word or a function word
    /// itself: machine translation splits names ("Xi Jin Ping") and
    /// compounds. `buffer` holds the joined word.
    fn joined_stem(
        &self,
        (first, first_info): (&str, &WordInfo),
        (second, second_info): (&str, &WordInfo),
        buffer: &mut String,
    ) -> Option<StemId> {
        if !first_info.starts_joined
            || second_info.stem.is_some()
            || second_info.is_stopword
            || !second.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return None;
        }
        buffer.clear();
        buffer.push_str(first);
        buffer.push_str(second);
        self.joined
            .binary_search_by(|(word, _)| word.as_ref().cmp(buffer.as_str()))
            .ok()
            .map(|at| self.joined[at].1)
    }

    /// Whether a content word (American spelling) begins like some stem of
    /// the index or a synonym: else stemming it cannot find a stem.
    fn may_have_stem(&self, american: &str) -> bool {
        (1..=STEM_START).any(|len| {
            american
                .get(..len)
                .is_some_and(|start| self.stem_starts.contains(start))
        })
    }

    /// Whether `word`, three letters or more, begins a word of `joined`
    /// with two letters or more to spare.
    fn starts_joined_word(&self, word: &str) -> bool {
        let from = self.joined.partition_point(|(w, _)| w.as_ref() < word);
        word.len() >= 3
            && self.joined[from..]
                .iter()
                .take_while(|(w, _)| w.starts_with(word))
                .any(|(w, _)| w.len() >= word.len() + 2)
    }

    /// Splits `text` into `scratch.words` and `scratch.tokens`; a gap that
    /// holds clause punctuation or one of `breaks` starts a new clause.
    fn read_words(&self, text: &str, breaks: &[u32], scratch: &mut Scratch) {
        let Scratch {
            cache,
            spellings,
            words: all,
            tokens,
            similarity,
            joined,
            ..
        } = scratch;
        if cache.len() >= MAX_CACHED_WORDS {
            cache.clear();
            spellings.clear();
        }
        if similarity.known.len() >= MAX_KNOWN_WINDOWS {
            similarity.known.clear();
        }
        all.clear();
        tokens.clear();
        let (mut clause, mut commas, mut conjunctions, mut gap_start) = (0, 0, 0, 0);
        let mut auxiliaries = 0;
        let mut breaks = breaks.iter().map(|&b| b as usize).peekable();
        for (start, end, w) in words(text) {
            let mut is_break = false;
            while let Some(b) = breaks.next_if(|&b| b < start) {
                is_break |= b >= gap_start;
            }
            let gap = &text.as_bytes()[gap_start..start];
            if is_break || gap.iter().any(|&b| PUNCTUATION.contains(&char::from(b))) {
                clause += 1;
            } else if gap.contains(&b',') {
                commas += 1;
            }
            gap_start = end;
            let info = self.lookup(w, cache, spellings);
            // Two words written apart that spell a form word together are
            // that word, misspelt.
            let last_word = all.len().wrapping_sub(1);
            if !is_break
                && matches!(gap, b" " | b"-")
                && let Some(previous) = all.last_mut()
                && previous.info.starts_joined
                && let Some(stem) = self.joined_stem(
                    (&text[previous.start..previous.end], &previous.info),
                    (w, &info),
                    joined,
                )
            {
                previous.end = end;
                // Compared by characters as written, space and all.
                previous.info = WordInfo {
                    stem: Some(stem),
                    strict: UNKNOWN,
                    is_stopword: false,
                    is_conjunction: false,
                    is_article: false,
                    is_auxiliary: false,
                    is_misspelling: true,
                    has_synonyms: false,
                    starts_joined: false,
                    spelling: UNKNOWN,
                    synonym: UNKNOWN,
                };
                tokens.push(Token {
                    word: last_word,
                    stem,
                    start: previous.start,
                    end,
                });
                continue;
            }
            let mut conjunctions_before = conjunctions;
            if is_contrast(w)
                && !is_break
                && gap.iter().all(|&b| b == b' ')
                && let Some(previous) = all.last_mut()
                && previous.info.is_conjunction
            {
                previous.info.is_conjunction = false;
                conjunctions -= 1;
                conjunctions_before -= 1;
            }
            all.push(Word {
                start,
                end,
                info,
                clause,
                commas_before: commas,
                conjunctions_before,
                auxiliaries_before: auxiliaries,
            });
            conjunctions += u32::from(info.is_conjunction);
            auxiliaries += u32::from(info.is_auxiliary);
            if let Some(stem) = info.stem {
                tokens.push(Token {
                    word: all.len() - 1,
                    stem,
                    start,
                    end,
                });
            }
        }
    }

    /// Appends fuzzy hits in `text` to `hits`, which holds the resolved
    /// literal and pattern hits (sorted, non-overlapping); fuzzy hits never
    /// overlap them nor span one of `breaks` (see [`crate::normalize::Folded::breaks`]).
    pub fn find(
        &self,
        text: &str,
        breaks: &[u32],
        forms: &[Form],
        scratch: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        // No form of two content words or more: nothing to find (and a
        // window of zero words would hold no token).
        if self.max_reach == 0 {
            return;
        }
        self.read_words(text, breaks, scratch);
        let Scratch {
            cache,
            spellings,
            words,
            tokens,
            candidates,
            named,
            window,
            readings,
            similarity,
            ..
        } = scratch;
        candidates.clear();
        named.clear();
        let literals = &hits[..];
        window.fit(self.postings.len(), self.forms_of.len());
        let doc = Doc {
            text,
            words,
            tokens,
            spellings,
        };
        // Tokens `start..end` are the window at anchor `start`.
        let (mut start, mut end, mut next_literal) = (0, 0, 0);
        for (i, anchor) in tokens.iter().enumerate() {
            for token in &tokens[start..i] {
                window.leave(self, token.stem);
            }
            start = i;
            while end < tokens.len() && tokens[end].word - anchor.word < self.max_reach {
                window.enter(self, tokens[end].stem);
                end += 1;
            }
            // A reading holds its anchor, and a candidate that overlaps a
            // wrong literal hit of its own concept is dropped (see
            // `fits_literals`): the concepts of the wrong literal hits on the
            // anchor need no reading.
            while next_literal < literals.len() && literals[next_literal].end <= anchor.start {
                next_literal += 1;
            }
            let on_anchor = literals[next_literal..]
                .iter()
                .take_while(|h| h.start < anchor.end)
                .filter(|h| h.status.is_finding())
                .map(|h| h.concept);
            let stem = anchor.stem as usize;
            for (&concept, with_anchor) in
                self.postings[stem].iter().zip(&self.forms_with_stem[stem])
            {
                if on_anchor.clone().any(|c| c == concept) {
                    continue;
                }
                // Cheap tests before the concept's forms are tried one by
                // one: the window must hold a head noun of the concept and as
                // many of its stems as its least demanding form needs. Both
                // are implied by the per-form test, so they change nothing
                // but the time.
                if (window.heads_of_concept[concept] == 0 && !self.untallied_head[concept])
                    || (window.stems_of_concept[concept] as usize) < self.min_need[concept]
                {
                    continue;
                }
                // Every form's reading of the window at this anchor.
                readings.clear();
                for &fuzzy in with_anchor {
                    let fuzzy = fuzzy as usize;
                    let form = &self.fuzzy_forms[fuzzy];
                    // The form's head and enough of its stems in the widest
                    // window, from the window's tallies: again implied by
                    // the exact test in `read`.
                    let present = || {
                        form.stems
                            .iter()
                            .filter(|&&s| window.tokens_of_stem[s as usize] > 0)
                            .count()
                    };
                    if window.tokens_of_stem[form.head as usize] > 0
                        && present() >= form.need
                        && let Some(reading) = self.read(&doc, forms, fuzzy, i, similarity)
                    {
                        readings.push(reading);
                    }
                }
                // The best scoring one that may stand beside the literal
                // hits, unless its window reads as one of the concept's
                // correct forms: as any of them that covers it (a correct
                // short form inside a longer garbled phrase does not excuse
                // the rest: "community of shared future for the humankind"),
                // or, after it grew over the rest of the phrase, still.
                let mut best: Option<(&Reading, Hit, usize, usize)> = None;
                for reading in readings.iter() {
                    let Some((hit, first, last)) = reading.hit else {
                        continue;
                    };
                    if best.is_none_or(|(_, b, _, _)| hit.score > b.score)
                        && self.fits_literals(&doc, &hit, literals, cache)
                    {
                        best = Some((reading, hit, first, last));
                    }
                }
                let Some((best, hit, first, last)) = best else {
                    continue;
                };
                let best_form = &self.fuzzy_forms[best.fuzzy];
                let read_as = ReadAs {
                    form: best_form,
                    is_whole: doc.holds_form_words(first, last, best_form),
                };
                let veto = readings.iter().find(|r| {
                    let fuzzy = &self.fuzzy_forms[r.fuzzy];
                    forms[fuzzy.form].kind != FormKind::Variant
                        && r.first <= best.first
                        && best.last <= r.last
                        && self.is_correct_use(&doc, r.first, r.last, fuzzy, read_as)
                });
                if let Some(veto) = veto {
                    // The form's content words as they are, up to
                    // inflection: the concept is named right here, as by a
                    // literal hit.
                    if doc.holds_form_words(veto.first, veto.last, &self.fuzzy_forms[veto.fuzzy]) {
                        named.push(Hit {
                            start: doc.words[veto.first].start,
                            end: doc.words[veto.last].end,
                            ..hit
                        });
                    }
                    continue;
                }
                if self.reads_as_correct(&doc, (first, last), forms, concept, read_as) {
                    continue;
                }
                let hit = Hit {
                    concept: self.named_term(&doc, (first, last), concept),
                    ..hit
                };
                if hit.concept == concept
                    || (self.fits_literals(&doc, &hit, literals, cache)
                        && !self.reads_as_correct(&doc, (first, last), forms, hit.concept, read_as))
                {
                    candidates.push(hit);
                }
            }
        }
        for token in &tokens[start..end] {
            window.leave(self, token.stem);
        }
        // A window inside a correct form of another concept, up to
        // inflection, is part of that term, as it would be inside its
        // literal hit: "universal value" in "so-called universal value" is
        // no near-miss of "universal values".
        candidates.retain(|c| {
            !named
                .iter()
                .any(|n| n.concept != c.concept && n.start <= c.start && c.end <= n.end)
        });
        debug_assert!(
            window.is_empty(),
            "window counts leak into the next document"
        );
        // Best score first, and among equals the longer reading ("community
        // of a shared future for humanity" is one term, not "community of a
        // shared future" and two more words). A candidate replaces the
        // literal hits it strictly contains (see `fits_literals`): the
        // longer, more specific reading wins ("constructing a community of
        // human destiny" is one garbled term, not a listed variant with a
        // word in front).
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.start.cmp(&b.start))
        });
        // Every candidate fits the literal hits (see `fits_literals`).
        let literal_count = hits.len();
        let mut replaced = vec![false; literal_count];
        let mut accepted: std::collections::BTreeMap<usize, usize> =
            std::collections::BTreeMap::new();
        let mut overlapping: Vec<usize> = Vec::new();
        for candidate in candidates.drain(..) {
            let overlapped = overlapped_range(&hits[..literal_count], &candidate);
            // Fuzzy hits already taken (disjoint, so those overlapping the
            // candidate are consecutive by start) give way only to a longer
            // reading that contains them and is nearly as close.
            overlapping.clear();
            overlapping.extend(
                accepted
                    .range(..candidate.end)
                    .rev()
                    .map(|(_, &i)| i)
                    .take_while(|&i| hits[i].end > candidate.start),
            );
            let is_longer_reading = |h: &Hit| {
                strictly_contains(&candidate, h)
                    && h.score <= candidate.score + LONGER_READING_MARGIN
            };
            if overlapping.iter().all(|&i| is_longer_reading(&hits[i])) {
                replaced[overlapped].fill(true);
                for &i in overlapping.iter() {
                    replaced[i] = true;
                    accepted.remove(&hits[i].start);
                }
                accepted.insert(candidate.start, hits.len());
                replaced.push(false);
                hits.push(candidate);
            }
        }
        let mut index = 0;
        hits.retain(|_| {
            index += 1;
            !replaced.get(index - 1).copied().unwrap_or(false)
        });
        // A stable sort merges the fuzzy hits into the sorted literal ones.
        hits.sort_by_key(|h| h.start);
    }

    /// The concept the words `first..=last`, read as a form of `concept`,
    /// name: the innermost term inside it whose outer terms' distinguishing
    /// words they all lack. "Community of shared destiny" near the legacy
    /// "community of common destiny" (for mankind) names the generic
    /// "community with a shared future", since it says nothing of mankind.
    fn named_term(
        &self,
        doc: &Doc,
        (first, last): (usize, usize),
        concept: ConceptId,
    ) -> ConceptId {
        let mut named = concept;
        while let Some((inner, distinguishing)) =
            self.inner_term.get(named).and_then(Option::as_ref)
            && !doc.words[first..=last].iter().any(|w| {
                w.info
                    .stem
                    .is_some_and(|s| distinguishing.binary_search(&s).is_ok())
            })
        {
            named = *inner;
        }
        named
    }

    /// Whether `span` holds, in order, the own words of one of `concept`'s
    /// correct forms (see [`FuzzyIndex::is_correct_use`] for `read_as`).
    fn reads_as_correct(
        &self,
        doc: &Doc,
        (first, last): (usize, usize),
        forms: &[Form],
        concept: ConceptId,
        read_as: ReadAs,
    ) -> bool {
        self.forms_of
            .get(concept)
            .into_iter()
            .flatten()
            .map(|&i| &self.fuzzy_forms[i])
            .filter(|f| forms[f.form].kind != FormKind::Variant)
            .any(|f| self.is_correct_use(doc, first, last, f, read_as))
    }

    /// Whether `candidate` may stand beside the sorted, disjoint `literals`:
    /// it strictly contains each literal hit it overlaps and may replace it.
    /// A literal hit of its own concept is already counted, right or wrong;
    /// only a correct one with a form word misspelt or swapped beside it is
    /// replaced (see [`FuzzyIndex::garbles_beside`]), because that word makes
    /// the whole wrong: "Xi Jingping" is not the short form "Xi" and a stray
    /// word. Other words beside a correct short form are mostly ordinary
    /// English: "the responsibility of a major country" is not "responsible
    /// major country" reworded.
    fn fits_literals(
        &self,
        doc: &Doc,
        candidate: &Hit,
        literals: &[Hit],
        cache: &WordCache,
    ) -> bool {
        let text = doc.text;
        literals[overlapped_range(literals, candidate)]
            .iter()
            .all(|h| {
                let is_own = h.concept == candidate.concept;
                !(is_own && h.status.is_finding())
                    && strictly_contains(candidate, h)
                    && self.may_replace(text, candidate, h, cache)
                    && (!is_own || self.garbles_beside(doc, candidate, h, cache))
            })
    }

    /// Whether `candidate` holds, outside `literal`, the hit it contains, a
    /// word of its form misspelt or swapped for a synonym ("Xi *Jingping*",
    /// "ecological civilization *construction*"), or whether it is, up to
    /// function words, hyphens and inflection, a listed variant: "Secretary
    /// General Xi Jinping" is "Secretary-General Xi Jinping".
    fn garbles_beside(&self, doc: &Doc, candidate: &Hit, literal: &Hit, cache: &WordCache) -> bool {
        let text = doc.text;
        let Some(fuzzy) = self.fuzzy_form_of(candidate) else {
            return false;
        };
        let garbles = |info: &WordInfo| {
            info.stem
                .is_some_and(|stem| fuzzy.stems.binary_search(&stem).is_ok())
                && (info.is_misspelling
                    || (info.has_synonyms && !fuzzy.strict.contains(&info.strict)))
        };
        let is_listed = fuzzy.is_variant
            && words(&text[candidate.start..candidate.end])
                .filter(|(_, _, w)| !is_stopword(w))
                .map(|(_, _, w)| cache.get(w).map_or(UNKNOWN, |info| info.strict))
                .eq(fuzzy.strict.iter().copied());
        if is_listed {
            return true;
        }
        // The document's words, where two written apart that spell a form
        // word together are already one misspelt word ("Xi *Jin Ping*").
        let words_within = |start: usize, end: usize| {
            let first = doc.words.partition_point(|w| w.start < start);
            doc.words[first..].iter().take_while(move |w| w.end <= end)
        };
        words_within(candidate.start, literal.start)
            .chain(words_within(literal.end, candidate.end))
            .any(|w| garbles(&w.info))
    }

    /// The fuzzy form a fuzzy hit is nearest to.
    fn fuzzy_form_of(&self, hit: &Hit) -> Option<&FuzzyForm> {
        hit.form
            .and_then(|f| self.by_form.get(&f))
            .map(|&i| &self.fuzzy_forms[i])
    }

    /// Whether `candidate` may replace the literal hit `literal` it contains:
    /// only if the literal's words all belong to the candidate's form, the
    /// candidate's extra words sit on the same side of them as in the form
    /// (or on the other side of a possessive turned round: "the diplomatic
    /// ideology *of* the Supreme Leader" is "Supreme Leader*'s* diplomatic
    /// thought"), and the candidate is as close as a near-miss of a correct
    /// form must be: overriding a listed reading needs more than a plain
    /// candidate.
    fn may_replace(&self, text: &str, candidate: &Hit, literal: &Hit, cache: &WordCache) -> bool {
        let Some(fuzzy) = self.fuzzy_form_of(candidate) else {
            return false;
        };
        if candidate.score < self.threshold + CORRECT_FORM_MARGIN {
            return false;
        }
        let mut inner = Vec::new();
        for (_, _, word) in words(&text[literal.start..literal.end]) {
            if is_stopword(word) {
                continue;
            }
            // The document's words were all looked up; a literal that
            // starts or ends inside a word cannot be replaced.
            match cache.get(word).and_then(|info| info.stem) {
                Some(stem) if fuzzy.stems.binary_search(&stem).is_ok() => inner.push(stem),
                _ => return false,
            }
        }
        let is_content = |span: &str| words(span).any(|(_, _, w)| !is_stopword(w));
        let extra_before = is_content(&text[candidate.start..literal.start]);
        let extra_after = is_content(&text[literal.end..candidate.end]);
        let positions: Vec<usize> = fuzzy
            .ordered
            .iter()
            .enumerate()
            .filter(|(_, s)| inner.contains(s))
            .map(|(i, _)| i)
            .collect();
        let (Some(&first), Some(&last)) = (positions.first(), positions.last()) else {
            return false;
        };
        let form_before = fuzzy.ordered[..first].iter().any(|s| !inner.contains(s));
        let form_after = fuzzy.ordered[last + 1..].iter().any(|s| !inner.contains(s));
        let same_sides = (!extra_before || form_before) && (!extra_after || form_after);
        let turned_round = || {
            let possessive = self.form_possessive(fuzzy, first, last);
            let in_text = possessive_around(&text[candidate.start..candidate.end], |word| {
                cache
                    .get(word)
                    .and_then(|info| info.stem)
                    .is_some_and(|stem| inner.contains(&stem))
            });
            matches!(
                (possessive, in_text),
                (Some(Possessive::Owner), Some(Possessive::Of))
                    | (Some(Possessive::Of), Some(Possessive::Owner))
            )
        };
        // Or the form's words from the other side written straight against
        // the literal as a compound, in Chinese word order: "ecological
        // civilization construction" for "building an ecological
        // civilization".
        let compounded = || {
            let outside = if extra_after {
                &text[literal.end..candidate.end]
            } else {
                &text[candidate.start..literal.start]
            };
            words(outside).all(|(_, _, word)| {
                !is_stopword(word)
                    && cache
                        .get(word)
                        .and_then(|info| info.stem)
                        .is_some_and(|stem| {
                            fuzzy.stems.binary_search(&stem).is_ok() && !inner.contains(&stem)
                        })
            })
        };
        // A name turned round inside a longer form that has it as an owner
        // ("Xi Jinping's ecological civilization thought"), the rest of the
        // form after it: "the thought *of Xi Jinping* on ecological
        // civilisation" is the title reordered, not the name and some
        // other words.
        let turned_round_inside = extra_before && extra_after && !form_before && form_after;
        same_sides
            || (extra_before != extra_after && (turned_round() || compounded()))
            || (turned_round_inside && turned_round())
    }

    /// How the form's content words `first..=last` (indices into
    /// `ordered`) stand to the rest of it, read off its word sequence
    /// (articles are not in it; see [`possessive_around`] for text).
    fn form_possessive(&self, fuzzy: &FuzzyForm, first: usize, last: usize) -> Option<Possessive> {
        let key = |word: &str| self.strict_ids.get(word).copied();
        // The sequence's content words are `strict`'s entries in turn; a
        // function word's key is never a content word's.
        let (mut from, mut to, mut content) = (None, None, 0);
        for (at, &k) in fuzzy.sequence.iter().enumerate() {
            if fuzzy.strict.get(content) == Some(&k) {
                from = from.or((content == first).then_some(at));
                to = to.or((content == last).then_some(at));
                content += 1;
            }
        }
        let (from, to) = (from?, to?);
        if key("s").is_some() && fuzzy.sequence.get(to + 1).copied() == key("s") {
            return Some(Possessive::Owner);
        }
        let before = from
            .checked_sub(1)
            .and_then(|at| fuzzy.sequence.get(at))
            .copied();
        (key("of").is_some() && before == key("of")).then_some(Possessive::Of)
    }

    /// Reads the window that starts at token `at` as the form `fuzzy`: `None`
    /// unless the window holds enough of the form's content stems, its head,
    /// and no clause boundary or extra conjunction.
    fn read(
        &self,
        doc: &Doc,
        forms: &[Form],
        fuzzy_index: usize,
        at: usize,
        buffers: &mut SimilarityBuffers,
    ) -> Option<Reading> {
        let fuzzy = &self.fuzzy_forms[fuzzy_index];
        let window = &doc.tokens[at..];
        let first = window[0];
        let reach = fuzzy.words + WINDOW_SLACK;
        // Which of the form's stems the window holds, as bits (see `bit`).
        let mut seen: u64 = 0;
        let mut last = first;
        // The window ends at a clause boundary or an extra conjunction: a
        // term does not straddle a clause or sentence ("…, the Global"), nor
        // does it join two phrases ("the community and a shared future")
        // unless the form itself is a list, nor reach over an auxiliary
        // verb the form lacks ("our community *has* a common destiny").
        let separators = match fuzzy.commas {
            0 => 0,
            commas => commas + fuzzy.conjunctions as u32,
        };
        let within = |t: &&Token| {
            t.word - first.word < reach
                && doc.in_list(first.word, t.word, separators)
                && doc.conjunctions(first.word, t.word) <= fuzzy.conjunctions
                && (fuzzy.has_auxiliary || doc.auxiliaries(first.word, t.word) == 0)
        };
        // A word the window already holds does not stretch it, unless the
        // form repeats it too: in "Xi Jinping Diplomacy Thought should be Xi
        // Jinping Thought" the phrase ends at the first "Thought". Nor does
        // a first word that comes again before the phrase goes on begin it:
        // "what is new about *new type international relations*".
        let mut first_again = None;
        for token in window.iter().take_while(within) {
            if let Ok(at) = fuzzy.stems.binary_search(&token.stem) {
                let bit = bit(at);
                if seen & bit == 0 || fuzzy.repeated & bit != 0 {
                    last = *token;
                } else if token.stem == first.stem && first_again.is_none() {
                    first_again = Some(token.word);
                }
                seen |= bit;
            }
        }
        if first_again.is_some_and(|again| again < last.word) {
            return None;
        }
        let head_bit = fuzzy.stems.binary_search(&fuzzy.head).map_or(0, bit);
        if (seen.count_ones() as usize) < fuzzy.need
            || seen & head_bit == 0
            || seen & !fuzzy.numerals == 0
            || (fuzzy.core != 0 && 2 * (seen & fuzzy.core).count_ones() <= fuzzy.core.count_ones())
        {
            return None;
        }
        let mut reading = Reading {
            fuzzy: fuzzy_index,
            first: first.word,
            last: last.word,
            hit: None,
        };
        let form = &forms[fuzzy.form];
        if ends_counting_something_else(fuzzy, last, &doc.text[last.start..last.end])
            || names_a_modifier(doc, first.word, last.word, fuzzy)
        {
            return Some(reading);
        }
        if form.kind == FormKind::Variant
            && !holds_what_makes_it_wrong(fuzzy, seen, || doc.content_words(first.word, last.word))
        {
            return Some(reading);
        }
        // Two words of a correct form the other way round are mostly
        // ordinary English ("a detached state from the HEAD" is not "head
        // of state"); three or more reordered still name the term. Two
        // words of a listed variant the other way round are a sentence when
        // another content word stands between them ("the initiatives
        // *focus* on development" is not "global development initiatives"),
        // or when the first of them heads the phrase instead of the form's
        // head ("the *destiny* of the community" is not a "community of
        // common destiny"); else they are the variant garbled ("partnership
        // without alignment" for "non-aligned partnership").
        let is_sentence_around_two = || {
            form.kind == FormKind::Variant
                && seen.count_ones() == 2
                && (doc.content_words(first.word, last.word) > 2
                    || doc.head(first.word, last.word) != Some(fuzzy.head))
        };
        if ((form.kind != FormKind::Variant && fuzzy.ordered.len() == 2)
            || is_sentence_around_two())
            && !self.in_form_order(doc, first.word, last.word, fuzzy)
        {
            return Some(reading);
        }
        if self.goes_on_as_other_phrase(doc, last.word, fuzzy, seen, form) {
            return Some(reading);
        }
        let needed = match form.kind {
            FormKind::Variant => self.threshold,
            FormKind::Preferred | FormKind::Accepted => self.threshold + CORRECT_FORM_MARGIN,
        };
        let span = &doc.text[first.start..last.end];
        let known = buffers.known.get(span).and_then(|scores| {
            scores
                .iter()
                .find(|(form, _)| *form as usize == fuzzy_index)
                .map(|&(_, score)| score)
        });
        let score = match known {
            Some(score) => score,
            None => {
                let score = self.similarity(doc, first.word, last.word, fuzzy, needed, buffers);
                let entry = (fuzzy_index as u32, score);
                match buffers.known.get_mut(span) {
                    Some(scores) => scores.push(entry),
                    None => {
                        buffers.known.insert(span.into(), vec![entry]);
                    }
                }
                score
            }
        };
        if score < needed {
            return Some(reading);
        }
        // The rest of the phrase: words right before or after the window
        // that belong to the concept's vocabulary ("community of joint fate
        // *of humankind*", read as the legacy "community of common destiny").
        let vocabulary = self
            .vocabulary
            .get(form.concept)
            .map_or(&[][..], Vec::as_slice);
        // A word already in the reading does not extend it: "new about *new
        // type international relations*" is not one phrase.
        let (mut start_at, mut end_at) = (
            at,
            at + window.partition_point(|t| t.start <= last.start) - 1,
        );
        // Nor over a quotation mark, which sets a term apart: in
        // `renamed the thinking as "zero-sum-game mentality"`, "thinking"
        // is no part of the reading.
        let quoted_apart = |a: &Token, b: &Token| {
            let (left, right) = if a.start < b.start { (a, b) } else { (b, a) };
            doc.text[left.end..right.start].contains('"')
        };
        // Nor does it reach over a conjunction the form does not have
        // ("…destiny community *and promoting* the construction…").
        let belongs = |from: &Token, to: &Token, held: &[Token]| {
            let (held_first, held_last) = (held[0].word, held[held.len() - 1].word);
            to.word.abs_diff(from.word) <= 2
                && doc.same_clause(from.word, to.word)
                && !quoted_apart(from, to)
                && vocabulary.binary_search(&to.stem).is_ok()
                && held.iter().all(|t| t.stem != to.stem)
                && doc.conjunctions(held_first.min(to.word), held_last.max(to.word))
                    <= fuzzy.conjunctions
        };
        while end_at + 1 < doc.tokens.len()
            && belongs(
                &doc.tokens[end_at],
                &doc.tokens[end_at + 1],
                &doc.tokens[start_at..=end_at],
            )
        {
            end_at += 1;
        }
        while start_at > 0
            && belongs(
                &doc.tokens[start_at],
                &doc.tokens[start_at - 1],
                &doc.tokens[start_at..=end_at],
            )
        {
            start_at -= 1;
        }
        let (start, end) = (doc.tokens[start_at], doc.tokens[end_at]);
        let hit = Hit {
            start: start.start,
            end: end.end,
            concept: form.concept,
            status: Status::Fuzzy,
            severity: form.severity.max(Severity::Warning),
            form: Some(fuzzy.form),
            score,
        };
        reading.hit = Some((hit, start.word, end.word));
        Some(reading)
    }

    /// Whether the window, which lacks the form's last content word, is
    /// cut from a phrase that goes on at once with a content word the term
    /// does not have where the form goes on with its own: "a community of
    /// shared *interests*" is another phrase, not "community with a shared
    /// future" with its last word dropped. A word that begins like the
    /// form's last one is a derivation of it, not another noun ("new kind
    /// of international *relationship*").
    fn goes_on_as_other_phrase(
        &self,
        doc: &Doc,
        last: usize,
        fuzzy: &FuzzyForm,
        seen: u64,
        form: &Form,
    ) -> bool {
        let Some(final_stem) = fuzzy.ordered.last() else {
            return false;
        };
        let final_bit = fuzzy.stems.binary_search(final_stem).map_or(0, bit);
        let Some(next) = doc.words.get(last + 1) else {
            return false;
        };
        if seen & final_bit != 0 || next.info.is_stopword {
            return false;
        }
        let gap = &doc.text[doc.words[last].end..next.start];
        let next_word = &doc.text[next.start..next.end];
        let is_derivation = next_word.get(..DERIVATION_PREFIX) == fuzzy.ending.as_deref();
        let vocabulary = self
            .vocabulary
            .get(form.concept)
            .map_or(&[][..], Vec::as_slice);
        gap.bytes().all(|b| b == b' ' || b == b'-')
            && next_word.starts_with(|c: char| c.is_alphabetic())
            && !is_derivation
            && next
                .info
                .stem
                .is_none_or(|stem| vocabulary.binary_search(&stem).is_err())
    }

    /// Whether the form's stems that the words `first..=last` hold come in
    /// the form's order.
    fn in_form_order(&self, doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
        let mut order = fuzzy.ordered.iter();
        doc.words[first..=last]
            .iter()
            .filter_map(|w| w.info.stem)
            .filter(|s| fuzzy.ordered.contains(s))
            .all(|s| order.any(|&o| o == s))
    }

    /// Similarity of the words `first..=last` to a form, in 0..=1: the mean
    /// of token-level and character-level Dice. Below `needed`, any value
    /// below `needed` may be returned.
    fn similarity(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        fuzzy: &FuzzyForm,
        needed: f32,
        buffers: &mut SimilarityBuffers,
    ) -> f32 {
        let SimilarityBuffers {
            stems,
            content,
            synonym_content,
            dice,
            synonym_dice,
            ..
        } = buffers;
        stems.clear();
        content.clear();
        synonym_content.clear();
        let mut unknown_words = 0usize;
        let content_words = || {
            doc.words[first..=last]
                .iter()
                .filter(|w| !w.info.is_stopword)
        };
        for word in content_words() {
            match word.info.stem {
                Some(stem) if !stems.contains(&stem) => stems.push(stem),
                Some(_) => {}
                None => unknown_words += 1,
            }
        }
        let shared = stems
            .iter()
            .filter(|s| fuzzy.stems.binary_search(s).is_ok())
            .count();
        // Synonyms earn half credit in the character similarity (the mean of
        // comparing the words as spelt and as synonyms: "Chinese scheme" is
        // close to "Chinese solution" but not the same), and only in a window
        // that has all of the form's words, or all but one of four or more:
        // "governance philosophy" is not "global governance vision" with a
        // word dropped and one swapped.
        let missing = fuzzy.stems.len() - shared;
        let as_synonyms = missing == 0 || (missing == 1 && fuzzy.stems.len() >= 4);
        for word in content_words() {
            if !content.is_empty() {
                content.push(' ');
                synonym_content.push(' ');
            }
            content.push_str(doc.spelling(word, false));
            if as_synonyms {
                let is_head = word.info.stem == Some(fuzzy.head);
                let as_synonym = compares_as_synonym(fuzzy.stems.len(), is_head);
                synonym_content.push_str(doc.spelling(word, as_synonym));
            }
        }
        let window_size = stems.len() + unknown_words;
        let token_dice = 2.0 * shared as f64 / (window_size + fuzzy.stems.len()) as f64;
        // The character similarity is the costly half: skip it when even the
        // best it could be could not lift the score to `needed`.
        dice.load(content);
        let mut bound = dice.bound(&fuzzy.profile);
        if as_synonyms {
            synonym_dice.load(synonym_content);
            bound = (bound + synonym_dice.bound(&fuzzy.synonym_profile)) / 2.0;
        }
        if (token_dice + bound) / 2.0 < f64::from(needed) {
            return (token_dice / 2.0) as f32;
        }
        let mut char_dice = dice.dice(&fuzzy.profile);
        if as_synonyms {
            char_dice = (char_dice + synonym_dice.dice(&fuzzy.synonym_profile)) / 2.0;
        }
        ((token_dice + char_dice) / 2.0) as f32
    }
}

/// The index of the head noun of `words`: the word before their first
/// preposition, else their last content word.
fn head_at<T>(
    words: &[T],
    is_preposition: impl Fn(&T) -> bool,
    is_stopword: impl Fn(&T) -> bool,
) -> Option<usize> {
    match words.iter().position(is_preposition) {
        Some(at) if at > 0 => Some(at - 1),
        _ => words.iter().rposition(|w| !is_stopword(w)),
    }
}

/// Which of `words`, counted without articles, follow an article that
/// stands after a word `counts` accepts (`None` at the start), as bits (see
/// [`bit`]). A form's articles after its prepositions ("a" in "community
/// with *a* shared future") belong to the fixed phrase: one left out
/// ("community with shared future") is a slip, where an article after a
/// verb may go with the sentence ("building ecological civilization").
fn articles_after<T: Copy>(
    words: impl IntoIterator<Item = T>,
    is_article: impl Fn(T) -> bool,
    counts: impl Fn(Option<T>) -> bool,
) -> u64 {
    let mut bits = 0;
    let (mut at, mut previous, mut after_article) = (0, None, false);
    for word in words {
        if is_article(word) {
            after_article = counts(previous);
            continue;
        }
        if after_article {
            bits |= bit(at);
        }
        (at, previous, after_article) = (at + 1, Some(word), false);
    }
    bits
}

/// Whether the words `first..=last` put "of" right after one of the form's
/// modifiers and before its head. In English "A of B" names A, so "the
/// high quality *of* the development team" speaks of quality, not of
/// "high-quality development". Only for a form that is a common noun
/// compound (see [`FuzzyForm::is_compound_noun`]), whose head is its last
/// word: "development of high quality", head first, is the term reworded.
fn names_a_modifier(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    if !fuzzy.is_compound_noun {
        return false;
    }
    let is_modifier = |word: &Word| {
        word.info
            .stem
            .is_some_and(|stem| stem != fuzzy.head && fuzzy.stems.binary_search(&stem).is_ok())
    };
    let words = &doc.words[first..=last];
    words.windows(2).enumerate().any(|(at, pair)| {
        is_modifier(&pair[0])
            && &doc.text[pair[1].start..pair[1].end] == "of"
            && words[at + 2..]
                .iter()
                .any(|w| w.info.stem == Some(fuzzy.head))
    })
}

/// Whether the window (ending with `last`, written `word`) ends with a
/// numeral word where the form does not: a number counts what follows it,
/// so "a reference cycle *of two*" counts something else and is not the
/// "dual cycle" ("the principle of one *China*" is the one-China
/// principle). Figures are often part of a name instead ("COVID-19").
fn ends_counting_something_else(fuzzy: &FuzzyForm, last: Token, word: &str) -> bool {
    let is_numeral = |stem: StemId| {
        fuzzy
            .stems
            .binary_search(&stem)
            .is_ok_and(|at| fuzzy.numerals & bit(at) != 0)
    };
    word.bytes().all(|b| b.is_ascii_alphabetic())
        && is_numeral(last.stem)
        && fuzzy.ordered.last().is_some_and(|&stem| !is_numeral(stem))
}

/// Concept → the concept whose preferred form is the longest phrase inside
/// its preferred form, with the stems of its correct forms (`correct_stems`,
/// sorted) that the inner concept's preferred form lacks; see
/// [`FuzzyIndex::named_term`]. The inner concept's other correct forms may
/// hold the outer term's words ("General Secretary of the CPC Central
/// Committee Xi Jinping" is a correct form of the name), so they do not
/// count.
fn inner_terms(
    index: &FuzzyIndex,
    forms: &[Form],
    correct_stems: &[Vec<StemId>],
) -> Vec<Option<(ConceptId, Vec<StemId>)>> {
    let preferred: Vec<(ConceptId, FormId, Vec<&str>)> = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FormKind::Preferred)
        .map(|(id, f)| (f.concept, id, words(&f.folded).map(|(_, _, w)| w).collect()))
        .collect();
    let by_words: HashMap<&[&str], (ConceptId, FormId)> = preferred
        .iter()
        .map(|(concept, id, phrase)| (phrase.as_slice(), (*concept, *id)))
        .collect();
    let mut inner_term = vec![None; correct_stems.len()];
    for (concept, _, own_words) in &preferred {
        // Longest first: the term this one most nearly extends.
        let inner = (1..own_words.len()).rev().find_map(|len| {
            own_words
                .windows(len)
                .find_map(|phrase| by_words.get(phrase).filter(|(c, _)| c != concept))
        });
        let Some(&(inner, inner_form)) = inner else {
            continue;
        };
        // A one-word preferred form has no fuzzy form: its stem is all it has.
        let inner_stems: Vec<StemId> = match index.by_form.get(&inner_form) {
            Some(&at) => index.fuzzy_forms[at].stems.clone(),
            None => words(&forms[inner_form].folded)
                .filter_map(|(_, _, w)| index.stem(w))
                .filter_map(|stem| index.stems.get(&stem).copied())
                .collect(),
        };
        let distinguishing: Vec<StemId> = correct_stems[*concept]
            .iter()
            .copied()
            .filter(|s| !inner_stems.contains(s))
            .collect();
        if !distinguishing.is_empty() {
            inner_term[*concept] = Some((inner, distinguishing));
        }
    }
    inner_term
}

/// How a phrase's words that `is_inner` holds stand to the rest of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Possessive {
    /// They own it: "Supreme Leader*'s* diplomatic thought".
    Owner,
    /// It is *of* them: "diplomatic thought *of* the Supreme Leader".
    Of,
}

/// Whether the run of words of `phrase` that `is_inner` holds is followed by
/// a possessive "'s" or preceded by "of" (an article between allowed).
fn possessive_around(phrase: &str, is_inner: impl Fn(&str) -> bool) -> Option<Possessive> {
    let words: Vec<&str> = words(phrase).map(|(_, _, w)| w).collect();
    let first = words.iter().position(|w| is_inner(w))?;
    let last = words.iter().rposition(|w| is_inner(w))?;
    if words.get(last + 1) == Some(&"s") {
        return Some(Possessive::Owner);
    }
    let before = words[..first].iter().rev().find(|w| !is_article(w));
    (before == Some(&"of")).then_some(Possessive::Of)
}

/// The range of the sorted, disjoint `hits` that overlap `span`.
fn overlapped_range(hits: &[Hit], span: &Hit) -> std::ops::Range<usize> {
    let first = hits.partition_point(|h| h.end <= span.start);
    let count = hits[first..]
        .iter()
        .take_while(|h| h.start < span.end)
        .count();
    first..first + count
}

/// Whether `outer` covers `inner` and more.
fn strictly_contains(outer: &Hit, inner: &Hit) -> bool {
    outer.start <= inner.start
        && inner.end <= outer.end
        && inner.end - inner.start < outer.end - outer.start
}

/// Whether a window of `content_words` holding the stems `seen` (bits, see
/// [`bit`]) can be a near-miss of the listed variant:
/// it must hold one of the words that make the variant wrong; or, when the
/// variant has only its concept's correct words in a wrong order or
/// inflection ("global security initiatives") and is short, all of them or
/// as many words ("global developmental initiative"): "global initiatives"
/// is a shorter phrase, not that arrangement.
fn holds_what_makes_it_wrong(
    variant: &FuzzyForm,
    seen: u64,
    content_words: impl FnOnce() -> usize,
) -> bool {
    if variant.distinctive != 0 {
        return seen & variant.distinctive != 0;
    }
    let stems = variant.stems.len();
    seen.count_ones() as usize >= stems || stems > 3 || content_words() >= stems
}

/// The bit of the stem at position `at` of a form's sorted stems, for the
/// bit sets of [`FuzzyForm`] and a window's `seen` in [`FuzzyIndex::read`]
/// (stems 64 positions apart share a bit).
fn bit(at: usize) -> u64 {
    1 << (at % 64)
}

/// Which gaps between consecutive words (byte spans in `text`) hold a
/// hyphen, as bits (see [`bit`]); gaps past the 64th are not told apart.
fn hyphenated_gaps(text: &str, words: impl IntoIterator<Item = (usize, usize)>) -> u64 {
    let mut bits = 0;
    let mut previous_end = None;
    for (at, (start, end)) in words.into_iter().enumerate().take(65) {
        if let Some(gap_start) = previous_end
            && text[gap_start..start].contains('-')
        {
            bits |= bit(at - 1);
        }
        previous_end = Some(end);
    }
    bits
}

/// The conjunctions of `text` that join (see [`is_contrast`]).
fn conjunctions(text: &str) -> usize {
    let words: Vec<&str> = words(text).map(|(_, _, w)| w).collect();
    (0..words.len())
        .filter(|&i| is_conjunction(words[i]) && !words.get(i + 1).is_some_and(|&w| is_contrast(w)))
        .count()
}

/// Whether a word after a conjunction makes it a contrast, which does not
/// join two phrases: "dialogue *and not* confrontation" is a slip of
/// "dialogue rather than confrontation", one term.
fn is_contrast(word: &str) -> bool {
    matches!(word, "not" | "no")
}

fn is_conjunction(word: &str) -> bool {
    matches!(word, "and" | "or" | "but" | "nor")
}

fn is_article(word: &str) -> bool {
    matches!(word, "a" | "an" | "the")
}

/// Whether a content word is a number: too common to make a window a term
/// on its own.
fn is_numeral(word: &str) -> bool {
    const NUMERALS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
        "thousand", "first", "second", "third", "dual", "double", "twin",
    ];
    NUMERALS.contains(&word) || word.bytes().all(|b| b.is_ascii_digit())
}

fn is_stopword(word: &str) -> bool {
    word.len() < 2 || STOPWORDS.contains(&word)
}

/// The first three bytes of `word`, if it has three.
fn prefix(word: &str) -> Option<[u8; 3]> {
    word.as_bytes().first_chunk().copied()
}

/// A near-spelling list's key: a word's first three bytes and its length.
type NearKey = ([u8; 3], usize);

/// The key a word is filed and looked up under for near spellings: its
/// first three letters (none when the third byte ends inside a character).
fn near_prefix(word: &str) -> Option<[u8; 3]> {
    word.get(..3).and_then(prefix)
}

/// Words of folded text: maximal runs of letters and digits, with byte spans.
fn words(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let (is_word, len) = char_at(text, at);
            if is_word {
                break;
            }
            at += len;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (is_word, len) = char_at(text, at);
            if !is_word {
                break;
            }
            at += len;
        }
        Some((start, at, &text[start..at]))
    })
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

/// Irregular past forms of verbs that forms use, with their base form: the
/// stemmer leaves "kept" and "built" alone, so "kept our mission firmly in
/// mind" would not meet "keep our mission firmly in mind". Only verbs whose
/// past forms are no other word of the domain ("won", "thought" and "led"
/// are left out).
const IRREGULAR_PAST: &[(&str, &str)] = &[
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
/// irregular past form as its base verb (see [`IRREGULAR_PAST`]), which
/// differs from it no more than an inflection does.
fn american(word: &str) -> String {
    if let Some(&(_, base)) = IRREGULAR_PAST.iter().find(|(past, _)| *past == word) {
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
const SYNONYMS: &[&[&str]] = &[
    &["destiny", "fate", "destinies", "fates"],
    &["mankind", "humankind", "humanity", "human", "humans"],
    &["era", "epoch", "age", "times"],
    &["major", "big", "large", "great"],
    &["country", "nation", "countries", "nations"],
    &["wisdom", "intelligence"],
    &[
        "solution",
        "scheme",
        "plan",
        "program",
        "programme",
        "approach",
    ],
    &["initiative", "proposal", "initiation"],
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
    &["rural", "countryside"],
    &["core", "nucleus"],
    &["ecological", "eco"],
    &["two", "dual", "double", "twin"],
];

/// Whether a content word is compared by characters as its synonym group's
/// first word (so "Chinese scheme" reads as "Chinese solution"): in a form
/// of three content words or more, where one swapped word still leaves the
/// phrase recognisable, and always for the head noun, which names the
/// concept. A two-word form with a swapped modifier is mostly ordinary
/// English ("big country", "shared prosperity") and keeps its spelling.
fn compares_as_synonym(form_stems: usize, is_head: bool) -> bool {
    is_head || form_stems >= 3
}

/// The first [`STEM_START`] bytes of `word`, fewer when it is shorter or
/// that would split a character.
fn stem_start(word: &str) -> &str {
    let mut end = STEM_START.min(word.len());
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

/// The first word of `word`'s synonym group, or `word` itself.
fn synonym(word: &str) -> &str {
    synonym_group(word).map_or(word, |group| group[0])
}

/// The synonym group `word` is in, if any.
fn synonym_group(word: &str) -> Option<&'static [&'static str]> {
    SYNONYMS.iter().find(|group| group.contains(&word)).copied()
}

/// What a folded word is compared by strictly (`american` is its American
/// spelling): a function word itself, a content word up to inflection.
fn strict_key(word: &str, american: &str) -> String {
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
fn uninflected(word: &str) -> &str {
    let mut w = word;
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        // "mentalities" → "mentalit", like "mentality" below.
        w = stem;
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w = &w[..w.len() - 1];
    }
    if let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() >= 3) {
        w = stem;
    } else if let Some(stem) = w.strip_suffix("ed").filter(|s| s.len() >= 3) {
        w = stem;
    }
    w.strip_suffix(['e', 'y'])
        .filter(|s| s.len() >= 3)
        .unwrap_or(w)
}

/// Strips derivational endings the Snowball stemmer keeps apart
/// (diplomaci/diplomat, economi/econom, democraci/democrat).
fn root(stem: &str) -> &str {
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

    fn stem(word: &str) -> String {
        let index = FuzzyIndex::build(&[], DEFAULT_THRESHOLD);
        index.stem(word).unwrap_or_default()
    }

    #[test]
    fn related_words_share_a_stem() {
        for (a, b) in [
            ("destiny", "destinies"),
            ("build", "building"),
            ("diplomacy", "diplomatic"),
            ("democracy", "democratic"),
            ("economy", "economic"),
            ("civilisation", "civilization"),
            ("neighbours", "neighbors"),
            ("modernisation", "modernization"),
            ("centre", "center"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("community"), stem("communist"));
        assert_eq!(stem("the"), "");
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let found: Vec<_> = words("mankind's shared-destiny, 2023")
            .map(|(_, _, w)| w)
            .collect();
        assert_eq!(found, ["mankind", "s", "shared", "destiny", "2023"]);
    }
}
