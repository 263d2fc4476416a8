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
//!    articles (a possessive in an article's place too: "stayed true to its
//!    mission"), not on stems, which would equate qualitative with quality.
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
//!    a shorter term inside it ("community of shared fate", near "community
//!    of common destiny for mankind") names the shorter term.
//!
//! Every word of a document is looked up once; windows slide over the
//! content words keeping per-concept tallies, so a window is only read as a
//! form when it holds that form's head and enough of its stems, and only
//! forms that have the anchor word's stem are tried; a word inside a wrong
//! literal match is no anchor for that match's concept.
//!
//! The parts: `build` makes the index from the forms; `doc` reads a
//! document into words; `window` keeps the sliding window's tallies;
//! `reading` reads a window as a form and scores it; `literals` settles a
//! candidate against the literal matches; `words` holds what the matcher
//! knows of English words; `dice` is the character-bigram similarity.
//! [`FuzzyIndex::find`], here, runs them in that order.

use std::collections::HashMap;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

mod build;
mod dice;
mod doc;
mod literals;
mod reading;
mod window;
mod words;

use doc::{Doc, Token, Word, WordCache};
use literals::{overlapped_range, strictly_contains};
use reading::{SimilarityBuffers, bit};
use window::WindowCounts;
use words::NearKey;
pub(super) use words::{SINGULAR_DETERMINERS, is_article, is_numeral, is_stopword, words};

use super::{Form, FormId, FormKind, Hit};
use crate::glossary::ConceptId;
use crate::normalize::Folded;

/// The content words of a folded text, in order.
pub(super) fn content_words(folded: &str) -> Vec<&str> {
    words(folded)
        .map(|(_, _, w)| w)
        .filter(|w| !is_stopword(w))
        .collect()
}

/// Whether the content words `text` are the content words `form` with one
/// swapped for another, and three or more.
pub(super) fn swaps_one_word(text: &[&str], form: &[&str]) -> bool {
    text.len() >= 3
        && text.len() == form.len()
        && text.iter().zip(form).filter(|(a, b)| a != b).count() == 1
}

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
const JOINED_MIN_LEN: usize = 4;

/// Letters of a stem that every word with that stem begins with (see
/// [`FuzzyIndex::stem_starts`]).
const STEM_START: usize = 4;

/// Letters a word shares with the start of a form word when it is read as a
/// derivation of it (relation/relationship, develop/developmental).
const DERIVATION_PREFIX: usize = 4;

/// Whether a byte is a character a term never straddles: a clause or
/// sentence boundary, or a symbol of code or markup that prose does not
/// write between the words of a name (`head = state`, `{`, a table's `|`).
/// A comma ends a clause too, unless the form is a list with commas.
fn is_clause_punctuation(byte: u8) -> bool {
    matches!(
        byte,
        b'.' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'=' | b'{' | b'}' | b'<' | b'>' | b'|'
    )
}

/// A form prepared for fuzzy comparison.
#[derive(Debug, Clone)]
struct FuzzyForm {
    form: FormId,
    /// A listed wrong rendering.
    is_variant: bool,
    /// Spelled out of a pattern (see [`super::FormOrigin::Pattern`]).
    from_pattern: bool,
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
    /// The stems of content words "of" or "with" follows in the form, the
    /// prepositions of having, articles left out ("community" in "community
    /// *of* common destiny" and in "community *with* a shared future"), as
    /// bits like `repeated` (see [`reading::owns_its_complement`]).
    before_of_or_with: u64,
    /// The two nouns its only conjunction joins, in a form without commas,
    /// as bits like `repeated`: "people" and "life" in "put people and life
    /// first". A window that lacks one of them and nothing else names the
    /// other alone ("put people first"), no slip of the term.
    conjuncts: u64,
    /// A common noun compound: content words only (no article, no
    /// preposition) and no proper name, so its head is its last word (see
    /// [`reading::names_a_modifier`]). Names and titles are not read this
    /// way: "Chairman of Xi Jinping" is a garbled title, not a chairman.
    /// Nor are verb phrases ("building an ecological civilization").
    is_compound_noun: bool,
    /// The stem of a participle after its head that modifies it ("changes
    /// *unseen* in a century"): a window without it must have another
    /// word there.
    postposed_modifier: Option<StemId>,
    /// Which words of `sequence` follow a preposition and an article, as
    /// bits (see [`doc::articles_after`]).
    articles: u64,
    /// Which words of `sequence` have a plural ending, as bits.
    plurals: u64,
    /// Which words of `sequence` keep their number in the term, as bits:
    /// the content words but the first and those after a conjunction,
    /// which may be verbs ("China *builds* a community…"). Such a word
    /// made singular is a slip ("socialism with Chinese *characteristic*",
    /// "two *session*"), and so is one made plural ("two *centenaries*
    /// goals"), but for the head noun (at `head_place`): "China-Africa and
    /// China-Arab *communities* with a shared future".
    fixed_number: u64,
    /// The strict ids of the function words before its first content word
    /// and after its last, articles left out ("*with* Chinese
    /// characteristics", "winner takes *all*"): a finding takes them in
    /// when the text has them there, so that it shows the whole phrase.
    leading: Vec<u32>,
    trailing: Vec<u32>,
    /// Where the head noun stands in `sequence`.
    head_place: usize,
    /// Whether the head noun may be made plural: not in a form that names
    /// one thing (see [`super::inflect::names_one_thing`]).
    plural_head: bool,
    /// Whether one of its words is an auxiliary verb (see
    /// [`words::AUXILIARIES`]).
    has_auxiliary: bool,
    /// Whether one of its words is a possessive determiner (see
    /// [`words::POSSESSIVES`]): then a window's possessive is no article.
    has_possessive: bool,
    /// Whether one of its words sets its words against each other (see
    /// [`words::CONTRASTS`]).
    has_contrast: bool,
    /// Whether one of its words is "without".
    has_without: bool,
    /// Which gaps after the words of `sequence` hold a hyphen, as bits
    /// (see [`reading::hyphenated_gaps`]).
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
    /// Colons in the form: a title read across its colon.
    colons: u32,
    /// The content words, spelling-normalized, prepared for the character
    /// Dice.
    profile: dice::Profile,
    /// The same with words compared as synonyms replaced by their group's
    /// first word (see [`words::compares_as_synonym`]).
    synonym_profile: dice::Profile,
    /// The same with every word that has synonyms replaced, for a sentence
    /// that speaks of the concept (see [`FuzzyIndex::similarity`]); `None`
    /// where that is `synonym_profile` already.
    all_synonym_profile: Option<dice::Profile>,
}

/// The content-word index over all forms.
#[derive(Debug, Clone)]
pub struct FuzzyIndex {
    /// Per concept: its compiled `context` regexes (see
    /// [`crate::glossary::Concept::context`]).
    contexts: Vec<Vec<Regex>>,
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
    /// every synonym: a text word whose American spelling (see
    /// [`words::american`]) starts otherwise can have no stem, strict key
    /// or near spelling in the index (all three keep a word's first three
    /// letters; the stemmer's only exceptions, dying, lying and tying → die,
    /// lie, tie, are no glossary's words), so it is not stemmed at all.
    /// Most words of a text are such words, and stemming was most of a
    /// cold lookup's cost.
    known_prefixes: rustc_hash::FxHashSet<[u8; 3]>,
    /// The forms' content words of [`JOINED_MIN_LEN`] letters or more, with
    /// their stems: what two words of a text written together may be ("Xi
    /// Jin Ping" is "Xi Jinping" split; see [`FuzzyIndex::joined_stem`]).
    /// Sorted by word, so that the words a text word begins are together.
    joined: Vec<(Box<str>, StemId)>,
    /// The first [`STEM_START`] letters of every stem (the whole of a
    /// shorter one, and with a final i as y) and of every synonym: the
    /// stemmer changes only a word's ending (and a y before it), so a word
    /// that begins with none of them has no stem in the index and is not
    /// stemmed (a cold lookup's most costly step).
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
    /// one (see [`build::inner_terms`]).
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
    /// [`WordInfo::spelling`](doc::WordInfo::spelling); cleared with the cache.
    spellings: Vec<Box<str>>,
    /// Every word of the document.
    words: Vec<Word>,
    /// The words some form has a stem of.
    tokens: Vec<Token>,
    candidates: Vec<Hit>,
    /// Windows that hold a correct form's content words of their concept,
    /// up to inflection: no candidate of another concept lies inside one.
    named: Vec<Hit>,
    /// Windows read as a correct use of their concept (see
    /// [`FuzzyIndex::is_correct_use`]), scored as that concept's best
    /// reading there: a weaker reading of another concept inside one is
    /// the same words read worse.
    used: Vec<Hit>,
    /// What the window at the current anchor holds.
    window: WindowCounts,
    /// The readings of one concept at one anchor.
    readings: Vec<Reading>,
    /// Buffers of [`FuzzyIndex::similarity`].
    similarity: SimilarityBuffers,
    /// Two words written together, for [`FuzzyIndex::joined_stem`].
    joined: String,
}

impl FuzzyForm {
    /// Whether `stem` is one of the form's stems and its bit is set in
    /// `bits`, one of the form's bit sets (see [`bit`]).
    fn has_in(&self, bits: u64, stem: StemId) -> bool {
        bits != 0
            && self
                .stems
                .binary_search(&stem)
                .is_ok_and(|at| bits & bit(at) != 0)
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
    /// The score a candidate needs to become a finding.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Appends fuzzy hits in `folded`, the folding of `original`, to
    /// `hits`, which holds the resolved literal and pattern hits (sorted,
    /// non-overlapping); fuzzy hits never overlap them nor span one of its
    /// breaks (see [`crate::normalize::Folded::breaks`]).
    pub fn find(
        &self,
        original: &str,
        folded: &Folded,
        forms: &[Form],
        scratch: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        // No form of two content words or more: nothing to find (and a
        // window of zero words would hold no token).
        if self.max_reach == 0 {
            return;
        }
        let text = folded.text.as_str();
        self.read_words(text, &folded.breaks, scratch);
        let Scratch {
            cache,
            spellings,
            words,
            tokens,
            candidates,
            named,
            used,
            window,
            readings,
            similarity,
            ..
        } = scratch;
        candidates.clear();
        named.clear();
        used.clear();
        let literals = &hits[..];
        window.fit(self.postings.len(), self.forms_of.len());
        let doc = Doc {
            original,
            folded,
            words,
            tokens,
            spellings,
            literals,
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
                    let span = Hit {
                        start: doc.words[veto.first].start,
                        end: doc.words[veto.last].end,
                        ..hit
                    };
                    // The form's content words as they are, up to
                    // inflection: the concept is named right here, as by a
                    // literal hit.
                    if doc.holds_form_words(veto.first, veto.last, &self.fuzzy_forms[veto.fuzzy]) {
                        named.push(span);
                    }
                    used.push(span);
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
                    candidates.push(self.trimmed_to_own_literal(&doc, hit, literals, cache));
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
        // Nor is a window inside a correct use of another concept that
        // reads as it less closely: "the CPC Central Committee led by
        // Comrade Xi Jinping as General Secretary" is the General
        // Secretary formula used, not the "core" formula garbled.
        candidates.retain(|c| {
            let inside = |n: &Hit| n.concept != c.concept && n.start <= c.start && c.end <= n.end;
            !named.iter().any(inside)
                && !used
                    .iter()
                    .any(|u| inside(u) && c.score < u.score && (u.start, u.end) != (c.start, c.end))
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
        // A wrong literal hit inside another concept's correct form, written
        // with other hyphens or inflection, is part of that term, as it is
        // when the form is written exactly and the longer literal wins: the
        // listed "universal values" in "so called universal values".
        let mut replaced: Vec<bool> = hits
            .iter()
            .map(|h| {
                h.status.is_finding()
                    && named
                        .iter()
                        .any(|n| n.concept != h.concept && strictly_contains(n, h))
            })
            .collect();
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
            // A reading of one of the candidate's inner terms garbled, or a
            // shorter reading of its own term, gives way as a wrong literal
            // hit of it would (see `may_replace`): the shorter reads closer
            // only for having fewer words to get wrong ("*promote the
            // construction of* a community of shared destiny for mankind",
            // "*Ecological Civilization: Jointly* Building a Community of
            // Life on Earth").
            let is_longer_reading = |h: &Hit| {
                strictly_contains(&candidate, h)
                    && (h.score <= candidate.score + LONGER_READING_MARGIN
                        || ((h.concept == candidate.concept
                            || self
                                .inner_term_depth(candidate.concept, h.concept)
                                .is_some())
                            && candidate.score >= self.threshold + CORRECT_FORM_MARGIN / 2.0))
            };
            if overlapping.iter().all(|&i| is_longer_reading(&hits[i])) {
                // The reading reports the wrong renderings it replaces, so
                // it is at least as severe as they are.
                let severity = hits[overlapped.clone()]
                    .iter()
                    .chain(overlapping.iter().map(|&i| &hits[i]))
                    .filter(|h| h.status.is_finding())
                    .map(|h| h.severity)
                    .fold(candidate.severity, Ord::max);
                let candidate = Hit {
                    severity,
                    ..candidate
                };
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
}
