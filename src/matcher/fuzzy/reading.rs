//! Reading a window as a form: whether its words make the term (order,
//! function words, clause), how close they are (scoring), and whether the
//! window is just a correct form in use.

use super::doc::{Doc, Token, Word, articles_after};
use super::literals::holds_what_makes_it_wrong;
use super::words::{
    CLASSIFIERS, CONTRASTS, OBJECT_PRONOUNS, OTHER_PREPOSITIONS, compares_as_synonym,
    has_adjective_ending, has_plural_ending, is_adverb, is_everyday_synonym, is_numeral,
    is_past_participle, opens_time_adverbial,
};
use super::{
    ABRIDGED_MIN_CONTENT_WORDS, CORRECT_FORM_MARGIN, DERIVATION_PREFIX, FuzzyForm, FuzzyIndex,
    ReadAs, Reading, StemId, WINDOW_SLACK, dice,
};
use crate::glossary::Severity;
use crate::matcher::resolve::sentence_range;
use crate::matcher::{Form, FormKind, Hit, Status};

/// Reused buffers for scoring a window, and the scores already known.
#[derive(Debug, Default)]
pub(super) struct SimilarityBuffers {
    pub(super) stems: Vec<StemId>,
    pub(super) content: String,
    pub(super) synonym_content: String,
    pub(super) dice: dice::Window,
    pub(super) synonym_dice: dice::Window,
    /// Window text → (fuzzy form, score, the score it needed). A score
    /// depends on nothing but the window's words and the form, and an
    /// archive repeats its phrases: on the seeds, more than half of the
    /// windows scored are repeats. A score below what it needed may be
    /// any value below that (see [`FuzzyIndex::similarity`]).
    pub(super) known: rustc_hash::FxHashMap<Box<str>, Vec<(u32, f32, f32)>>,
}

/// Content words up to which a correct form is short: a word of its own
/// slipped in among them makes another noun phrase (see
/// [`FuzzyIndex::is_correct_use`]).
const SHORT_FORM_CONTENT_WORDS: usize = 3;

/// Bound on remembered window scores, checked between documents.
pub(super) const MAX_KNOWN_WINDOWS: usize = 100_000;

/// Whether the words `first..=last` put "of" right after one of the form's
/// modifiers and before its head. In English "A of B" names A, so "the
/// high quality *of* the development team" speaks of quality, not of
/// "high-quality development". Only for a form that is a common noun
/// compound (see [`FuzzyForm::is_compound_noun`]), whose head is its last
/// word: "development of high quality", head first, is the term reworded.
pub(super) fn names_a_modifier(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
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
            && doc.word_text(&pair[1]) == "of"
            && words[at + 2..]
                .iter()
                .any(|w| w.info.stem == Some(fuzzy.head))
    })
}

/// Whether the window ends with a modifier of the form that stands after
/// the form's head and straight before another content word: in English a
/// modifier precedes what it modifies, so in "the security concept in the
/// *new period*" the "new" is the period's, and the window is no reordered
/// "New Security Concept". An auxiliary verb after it is no noun it could
/// modify ("the initiative of global security *was*…"), nor is an adverb
/// ("the new concept of development *completely*"), and a plural is a
/// noun in its own right, not a modifier ("the Global Initiative of
/// *Civilizations* calls for…"). Only for forms of content words alone,
/// names too, whose head is their last word.
pub(super) fn ends_modifying_next_word(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    let ending_word = &doc.words[last];
    let Some(ending) = ending_word.info.stem else {
        return false;
    };
    last + 1 < doc.words.len()
        && fuzzy.ordered.last() == Some(&fuzzy.head)
        && fuzzy.sequence.len() == fuzzy.ordered.len()
        && ending != fuzzy.head
        && doc.words[first..last]
            .iter()
            .any(|w| w.info.stem == Some(fuzzy.head))
        && modifies(doc, ending_word, last + 1, fuzzy)
}

/// Whether `word`, a form word without a plural ending, modifies `next`,
/// the word straight after it: a content word the form lacks, not an
/// auxiliary verb, an adverb, a past participle, a verb in -s before its
/// object or the start of an adverbial of time, after a single space.
fn modifies(doc: &Doc, word: &Word, next_at: usize, fuzzy: &FuzzyForm) -> bool {
    let next = &doc.words[next_at];
    let after = doc.words.get(next_at + 1);
    // A word in -s right before a determiner is a verb with its object
    // ("the modernization in the Chinese style *offers a* new option"): a
    // plural noun is not followed by one.
    let is_verb_before_object =
        || doc.word_text(next).ends_with('s') && after.is_some_and(|a| starts_object(doc, next, a));
    !has_plural_ending(doc.word_text(word))
        && !next.info.is_stopword
        && !next.info.is_auxiliary
        && next
            .info
            .stem
            .is_none_or(|stem| fuzzy.stems.binary_search(&stem).is_err())
        && doc.gap(word, next) == " "
        && !is_adverb(doc.word_text(next))
        && !is_past_participle(doc.word_text(next))
        && !opens_time_adverbial(doc.word_text(next), after.map(|a| doc.word_text(a)))
        && !is_verb_before_object()
}

/// Whether the form's last content word, not its head, stands inside the
/// window straight before a content word the form lacks, which it then
/// modifies: in "establishing Comrade Xi Jinping's *core position* on the
/// Party Central Committee" the core is a position, and the words are no
/// "… Central Committee with Comrade Xi Jinping at its core" reordered.
pub(super) fn modifies_inside(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    let Some(&final_stem) = fuzzy.ordered.last() else {
        return false;
    };
    final_stem != fuzzy.head
        && (first..last).any(|at| {
            let word = &doc.words[at];
            word.info.stem == Some(final_stem) && modifies(doc, word, at + 1, fuzzy)
        })
}

/// Whether the form sets its words against each other and the words
/// `first..=last` do not, nor the few words before them: "the dialogue
/// *for* the confrontation scene" and "a history of dialogue *and*
/// confrontation" state no choice, where "dialogue *instead of*
/// confrontation", "partnering *without* alliance" and "*not* to be the
/// first to deploy weapons in outer space" render "dialogue rather than
/// confrontation", "partnership, not alliance" and "No first placement of
/// weapons in outer space". "With" where the form has "without" is the
/// form with its negation cut off, a slip in the term ("harmony *with*
/// uniformity").
pub(super) fn states_no_choice(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    /// How many words before a reading may hold its contrast: a negation
    /// stands before its verb ("not *to be the* first").
    const CONTRAST_REACH: usize = 4;
    fuzzy.has_contrast
        && !doc.words[first.saturating_sub(CONTRAST_REACH)..=last]
            .iter()
            .any(|w| match doc.word_text(w) {
                "with" => fuzzy.has_without,
                word => CONTRASTS.contains(&word),
            })
}

/// Whether a word that sets things against each other ("without",
/// "rather than") stands between the first and last words of a
/// form that has none: the words on either side are then opposed, not one
/// term ("a bushy top *without* a leader" is no "top leader"). The mirror
/// of [`states_no_choice`].
pub(super) fn sets_words_apart(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    /// The words of [`CONTRASTS`] that oppose two things, unlike a
    /// negation inside a phrase ("changes *not* seen in a hundred years")
    /// or "against" after a verb ("struggle against corruption").
    const OPPOSING: &[&str] = &[
        "without", "rather", "than", "instead", "versus", "vs", "nor",
    ];
    !fuzzy.has_contrast
        && first < last
        && doc.words[first + 1..last]
            .iter()
            .any(|w| OPPOSING.contains(&doc.word_text(w)))
}

/// Whether a numeral of the form stands in the words `first..=last` right
/// before a determiner: a number counts the noun that follows it, and no
/// noun comes between a number and its determiner, so "parts too small
/// *four our* senses" (a slip for "for") counts nothing.
pub(super) fn numeral_before_determiner(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    pairs(&doc.words[first..=last]).any(|(word, next)| {
        (next.info.is_article || next.info.is_possessive)
            && word
                .info
                .stem
                .is_some_and(|stem| fuzzy.has_in(fuzzy.numerals, stem))
    })
}

/// Whether a form word that the form joins to its complement with "of" or
/// "with" stands in the words `first..=last` right before a determiner
/// instead: the word is then a verb with its object, or a phrase ends at
/// it, so "the crown of the *head the state* of being…" and "to *head the
/// state*" name no "head of state".
pub(super) fn drops_its_preposition(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    pairs(&doc.words[first..last]).any(|(word, next)| {
        starts_object(doc, word, next)
            && word
                .info
                .stem
                .is_some_and(|stem| fuzzy.has_in(fuzzy.before_of_or_with, stem))
    })
}

/// Whether a participle standing for a form word that the form makes a
/// noun with an "of" or "with" complement is in the words `first..=last`
/// right before another preposition: the participle is then a verb with
/// its own adverbial, so "the railway *built under* the Belt and Road
/// Initiative" says how a railway was built, and is no "construction of
/// the Belt and Road Initiative".
pub(super) fn uses_participle_before_preposition(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    /// Prepositions that open an adverbial after a participle.
    const ADVERBIAL_PREPOSITIONS: &[&str] = &[
        "with", "for", "in", "on", "to", "at", "from", "under", "by", "through", "into", "within",
        "across", "via", "along", "upon", "amid", "during", "since", "after", "before",
    ];
    pairs(&doc.words[first..last]).any(|(word, next)| {
        word.info
            .stem
            .is_some_and(|stem| fuzzy.has_in(fuzzy.before_of_or_with, stem))
            && !fuzzy.strict.contains(&word.info.strict)
            && is_past_participle(doc.word_text(word))
            && ADVERBIAL_PREPOSITIONS.contains(&doc.word_text(next))
    })
}

/// Whether the form doubles a word ("win-win") and the words
/// `first..=last` hold it once, as the second half of a compound with a
/// word the form lacks: the writer made another compound, so "a *no-win
/// situation*" is no "win-win situation", where "mutually winning
/// cooperation" renders the term.
pub(super) fn halves_a_doubled_word(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    let in_other_compound = |at: usize| {
        at > 0
            && doc.gap(&doc.words[at - 1], &doc.words[at]) == "-"
            && doc.words[at - 1]
                .info
                .stem
                .is_none_or(|stem| fuzzy.stems.binary_search(&stem).is_err())
    };
    fuzzy.sequence.windows(2).any(|pair| {
        let mut held = (first..=last).filter(|&at| doc.words[at].info.strict == pair[0]);
        pair[0] == pair[1]
            && match (held.next(), held.next()) {
                (Some(at), None) => in_other_compound(at),
                _ => false,
            }
    })
}

/// Whether a form word ending in -ed stands in the words `first..=last`
/// right before a determiner or an object pronoun, which makes it a verb
/// with an object: "the community *shared its* future plans" tells what a
/// community did, and names no "community with a shared future".
pub(super) fn uses_participle_as_verb(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    pairs(&doc.words[first..=last]).any(|(word, next)| {
        doc.word_text(word).ends_with("ed")
            && word
                .info
                .stem
                .is_some_and(|stem| fuzzy.stems.binary_search(&stem).is_ok())
            && (starts_object(doc, word, next)
                || (OBJECT_PRONOUNS.contains(&doc.word_text(next)) && doc.gap(word, next) == " "))
    })
}

/// Whether a word in -ing, or a past form, that the form lacks stands
/// inside the words `first..=last` right before a determiner, which makes
/// it a verb with an object: "a new idea for *reforming the* global
/// governance" is an idea about reform, no "concept of global governance";
/// "the Communist Party of China *led the* people" is a clause, no
/// "Communist Party of China people".
pub(super) fn takes_an_object(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    pairs(&doc.words[first..last]).any(|(word, next)| {
        !word.info.is_stopword
            && starts_object(doc, word, next)
            && word
                .info
                .stem
                .is_none_or(|stem| fuzzy.stems.binary_search(&stem).is_err())
            && (doc.word_text(word).ends_with("ing") || is_past_participle(doc.word_text(word)))
    })
}

/// Each of `words` but the last, with the word after it.
fn pairs(words: &[Word]) -> impl Iterator<Item = (&Word, &Word)> {
    words.windows(2).map(|pair| (&pair[0], &pair[1]))
}

/// Whether `next`, a determiner right after `word` (one space between),
/// starts an object of `word` read as a verb.
fn starts_object(doc: &Doc, word: &Word, next: &Word) -> bool {
    (next.info.is_article || next.info.is_possessive) && doc.gap(word, next) == " "
}

/// Whether a preposition the form lacks (other than "of", which turns a
/// compound round) makes another word than the form's head the head of
/// the words `first..=last`: "celebrated its *centenary with* two goals"
/// speaks of a centenary, where "the *goals for* the two centenaries" is
/// the "Two Centenary Goals" reworded. Asked only of words out of the
/// form's order: "one country *with* two systems" is the term.
pub(super) fn heads_another_phrase(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    doc.prepositions_not_in(first, last, fuzzy)
        .any(|p| p != "of")
        && doc.head(first, last) != Some(fuzzy.head)
}

/// Whether the words `first..=last` make a form word the owner of a word
/// that its "of" or "with" phrase holds in the form: "A's B" is "B of A",
/// so "the fishing *community's destiny*" is the destiny of a community,
/// not a "community of common destiny", and "the *community's shared
/// future*" is no "community with a shared future". The owner of a word
/// that stands before it in the form is the phrase turned round, the term
/// still ("the Communist *Party's Central Committee*", "mankind's
/// community of shared future").
pub(super) fn owns_its_complement(doc: &Doc, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
    let place = |stem: StemId| fuzzy.ordered.iter().position(|&s| s == stem);
    let last_place = |stem: StemId| fuzzy.ordered.iter().rposition(|&s| s == stem);
    doc.words[first..=last].windows(3).any(|trio| {
        let [owner, s, owned] = trio else {
            return false;
        };
        let (Some(owner_stem), Some(owned_stem)) = (owner.info.stem, owned.info.stem) else {
            return false;
        };
        &doc.text()[owner.end..s.end] == "'s"
            && fuzzy.has_in(fuzzy.before_of_or_with, owner_stem)
            && owned_stem != owner_stem
            && place(owner_stem)
                .zip(last_place(owned_stem))
                .is_some_and(|(owner_at, owned_at)| owner_at < owned_at)
    })
}

/// Whether the words `first..=last` hold the form's head noun only as an
/// adjective derived from it: "the people have become more *confident* in
/// the path, theory, system and culture of socialism…" says something of
/// the people, and names no "confidence in the path, theory…".
pub(super) fn makes_head_an_adjective(
    doc: &Doc,
    first: usize,
    last: usize,
    fuzzy: &FuzzyForm,
) -> bool {
    let heads = || {
        doc.words[first..=last]
            .iter()
            .filter(|w| w.info.stem == Some(fuzzy.head))
    };
    heads().next().is_some()
        && heads().all(|w| {
            !fuzzy.strict.contains(&w.info.strict) && has_adjective_ending(doc.word_text(w))
        })
}

/// Whether the window ends with a form word turned into a verb, which an
/// object pronoun straight after it shows: "slogans only work if *people
/// connect them* to their hopes" says what people do, and names no
/// "people-to-people connectivity". The form's own word (up to
/// inflection) is left alone: a form may hold a verb ("build it").
pub(super) fn ends_as_a_verb(doc: &Doc, last: usize, fuzzy: &FuzzyForm) -> bool {
    let word = &doc.words[last];
    !fuzzy.strict.contains(&word.info.strict)
        && doc.words.get(last + 1).is_some_and(|next| {
            doc.gap(word, next) == " " && OBJECT_PRONOUNS.contains(&doc.word_text(next))
        })
}

/// Whether the window (the tokens `window`, read up to `last`, written
/// `word`) ends with a numeral word where the form does not: a number
/// counts what follows it, so "a reference cycle *of two*" counts
/// something else and is not the "dual cycle" ("the principle of one
/// *China*" is the one-China principle). Figures are often part of a name
/// instead ("COVID-19"). Nor does a numeral that follows the form's word
/// before it in the window, as in the form, count anything: the window
/// ends with a piece of the form moved to the end ("the overall layout of
/// *five in one*" is the "five-in-one overall layout" turned round, where
/// "one of the five" is not).
pub(super) fn ends_counting_something_else(
    fuzzy: &FuzzyForm,
    window: &[Token],
    last: Token,
    word: &str,
) -> bool {
    let is_numeral = |stem: StemId| fuzzy.has_in(fuzzy.numerals, stem);
    let follows_as_in_form = || {
        let previous = window.iter().take_while(|t| t.word < last.word).last();
        previous.is_some_and(|previous| {
            fuzzy
                .ordered
                .windows(2)
                .any(|pair| pair == [previous.stem, last.stem])
        })
    };
    word.bytes().all(|b| b.is_ascii_alphabetic())
        && is_numeral(last.stem)
        && fuzzy.ordered.last().is_some_and(|&stem| !is_numeral(stem))
        && !follows_as_in_form()
}

/// The bit of the stem at position `at` of a form's sorted stems, for the
/// bit sets of [`FuzzyForm`] and a window's `seen` in [`FuzzyIndex::read`]
/// (stems 64 positions apart share a bit).
pub(super) fn bit(at: usize) -> u64 {
    1 << (at % 64)
}

/// Which gaps between consecutive words (byte spans in `text`) hold a
/// hyphen, as bits (see [`bit`]); gaps past the 64th are not told apart.
pub(super) fn hyphenated_gaps(text: &str, words: impl IntoIterator<Item = (usize, usize)>) -> u64 {
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

impl FuzzyIndex {
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
    pub(super) fn is_correct_use(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        f: &FuzzyForm,
        read_as: ReadAs,
    ) -> bool {
        let span = &doc.words[first..=last];
        // An article, or a possessive in its place where the form has none:
        // "stayed true to *its* mission" is "stay true to the mission".
        let is_determiner =
            |w: &Word| w.info.is_article || (w.info.is_possessive && !f.has_possessive);
        let claimed = |w: &Word| w.info.stem.is_some_and(|stem| read_as.claims(stem, f));
        let sequence = || {
            span.iter()
                .filter(|w| !is_determiner(w))
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
                matches!(doc.word_text(w), "is" | "are" | "be")
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
        let is_other_content =
            |w: &Word| !w.info.is_stopword && !claimed(w) && !f.strict.contains(&w.info.strict);
        let mut other_content = span.iter().filter(|w| is_other_content(w)).peekable();
        // The first and last of the form's own words in the window.
        let is_own = |at: &usize| f.strict.contains(&doc.words[*at].info.strict);
        let own = || {
            (first..=last)
                .find(is_own)
                .zip((first..=last).rev().find(is_own))
        };
        let keeps_prepositions = || {
            let mut window = sequence();
            f.prepositions.iter().all(|&p| window.any(|w| w == p))
        };
        // A preposition the form lacks, with a word slipped in, starts a
        // phrase of its own: "a new type of *degree in* international
        // relations" speaks of a degree. Not "of", which MT slips in with
        // a word of measure ("four *kinds of* consciousness") or turning a
        // possessive round ("thought *of* Xi Jinping on …").
        let adds_preposition = || doc.prepositions_not_in(first, last, f).any(|p| p != "of");
        // In a short form, a noun of its own slipped in among the form's
        // words makes another noun phrase: "new *software* development
        // philosophy", "high-quality *early childhood* development". An
        // adjective alone is a slip in the fixed term ("Chinese *special*
        // characteristics"), as are a word of measure before "of" ("four
        // *kinds of* consciousness") and one of wholeness ("the *entire*
        // mankind"): MT slips those in. A word after the form's last is
        // no slip into it ("zero-sum game *mentality*").
        let modifies_inside = || {
            if f.strict.len() > SHORT_FORM_CONTENT_WORDS {
                return false;
            }
            let text_at = |at: usize| doc.word_text(&doc.words[at]);
            let Some((own_first, own_last)) = own() else {
                return false;
            };
            let others = || (first..=last).filter(|&at| is_other_content(&doc.words[at]));
            let is_noun = |at: usize| {
                let word = text_at(at);
                !(has_adjective_ending(word)
                    || OTHER_PREPOSITIONS.contains(&word)
                    || word.ends_with("al")
                    || word.ends_with("ic")
                    || is_adverb(word))
            };
            others().any(is_noun)
                && others().all(|at| {
                    let before_of = at < last && text_at(at + 1) == "of";
                    own_first < at
                        && at < own_last
                        && !before_of
                        && !matches!(text_at(at), "entire" | "whole")
                })
        };
        // A word that stands for a missing preposition stands between the
        // form's own: one before them is the rest of a longer phrase ("the
        // *system* of socialism of Chinese characteristics" still swaps
        // "with" for "of").
        let stands_for_preposition = || {
            own().is_some_and(|(own_first, own_last)| {
                (own_first..=own_last).any(|at| is_other_content(&doc.words[at]))
            }) && !keeps_prepositions()
        };
        let is_sentence = other_content.peek().is_some()
            && (stands_for_preposition()
                || modifies_inside()
                || adds_preposition()
                || other_content.any(|w| is_numeral(doc.word_text(w))))
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
        let window_articles = articles_after(span, is_determiner, |_| true);
        let keeps_articles = |at: usize| {
            let inside = internal_gaps << 1;
            f.articles.checked_shr(at as u32).unwrap_or(0) & inside & !window_articles == 0
        };
        // Whether the window keeps the number of the form's words that keep
        // theirs (see `FuzzyForm::fixed_number`), where it stands at `at`.
        let window_plurals = span
            .iter()
            .filter(|w| !is_determiner(w))
            .enumerate()
            .take(64)
            .filter(|(_, w)| has_plural_ending(doc.word_text(w)))
            .fold(0, |bits, (at, _)| bits | bit(at));
        let may_be_singular = doc.may_be_singular(first, last);
        let keeps_number = |at: usize| {
            let shifted = |bits: u64| bits.checked_shr(at as u32).unwrap_or(0);
            let fixed = shifted(f.fixed_number) & (internal_gaps << 1 | 1);
            let form_plurals = shifted(f.plurals);
            let made_singular = if may_be_singular {
                0
            } else {
                form_plurals & !window_plurals
            };
            // The head noun's bit, where the head may be made plural.
            let free_head = if f.plural_head {
                shifted(bit(f.head_place))
            } else {
                0
            };
            let made_plural = !form_plurals & window_plurals & !free_head;
            (made_singular | made_plural) & fixed == 0
        };
        let is_part = parts().next().is_some();
        let is_short_form = is_part && {
            let hyphens = hyphenated_gaps(
                doc.text(),
                span.iter()
                    .filter(|w| !is_determiner(w))
                    .map(|w| (w.start, w.end)),
            );
            parts().any(|at| {
                let form = f.hyphens.checked_shr(at as u32).unwrap_or(0) & internal_gaps;
                // Number counts in a part with all the form's content
                // words, or three of them: two content words of a longer
                // form, one number changed, are mostly ordinary English
                // ("dist-win result" is no part of "win-win results").
                (form == hyphens || (form == 0 && hyphens == internal_gaps))
                    && keeps_articles(at)
                    && (content().count() < f.strict.len().min(3) || keeps_number(at))
            })
        };
        if is_part && !is_short_form {
            return false;
        }
        // Some of a list's items, in its order, joined by nothing but
        // commas and conjunctions: the list shortened ("peace, development
        // and cooperation"; not "one country with two systems").
        // All of them joined by more conjunctions than the form has is the
        // list written otherwise, not shortened: "one country *and* two
        // systems".
        let is_part_of_list = f.commas > 0
            && span
                .iter()
                .all(|w| !w.info.is_stopword || w.info.is_conjunction)
            && {
                let mut items = f.strict.iter();
                content().all(|s| items.any(|&item| item == s))
            }
            && (content().count() < f.strict.len()
                || doc.conjunctions(first, last) <= f.conjunctions);
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
        // A form that opens with a gerund, made a noun by a determiner and
        // "of": "the building of an ecological civilization" is "building
        // an ecological civilization" (without the determiner, "building
        // of ecological civilization" is a slip).
        let is_nominalized = || {
            let before = first.checked_sub(1).map(|b| doc.word_text(&doc.words[b]));
            let mut window = sequence();
            matches!(before, Some("the" | "this" | "its" | "their" | "our"))
                && doc.word_text(&span[0]).ends_with("ing")
                && window.next() == f.sequence.first().copied()
                && {
                    // Looked up last: most windows fail the tests above.
                    let of = self.strict_ids.get("of").copied();
                    of.is_some() && window.next() == of
                }
                && window.eq(f.sequence.iter().skip(1).copied())
        };
        is_short_form
            || is_part_of_list
            || is_abridged
            || is_nominalized()
            || (in_order
                && (is_sentence
                    || (sequence().eq(f.sequence.iter().copied())
                        && keeps_articles(0)
                        && keeps_number(0))))
    }

    /// Reads the window that starts at token `at` as the form `fuzzy`: `None`
    /// unless the window holds enough of the form's content stems, its head,
    /// and no clause boundary or extra conjunction.
    pub(super) fn read(
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
        // A list's items may be joined by commas or by "and".
        let separators = match fuzzy.commas {
            0 => 0,
            commas => commas + fuzzy.conjunctions as u32,
        };
        let conjunctions = fuzzy.conjunctions.max(separators as usize);
        // A form that repeats a word has parallel halves, which a comma may
        // set apart: "One Belt, One Road".
        let commas = separators.max(u32::from(fuzzy.repeated != 0));
        let within = |t: &&Token| {
            t.word - first.word < reach
                && doc.in_list(first.word, t.word, commas, fuzzy.colons)
                && doc.conjunctions(first.word, t.word) <= conjunctions
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
        // A pattern's member is read whole, or with one word swapped in a
        // phrase of four or more, and without other words slipped in: a part
        // of it, or its words spread over a sentence, is ordinary English
        // ("self-confidence", "a four-week course on self-confidence" are no
        // "four self-confidence").
        if fuzzy.from_pattern {
            let missing = fuzzy.stems.len().saturating_sub(seen.count_ones() as usize);
            if missing > usize::from(fuzzy.stems.len() >= 4)
                || doc.content_words(first.word, last.word) > fuzzy.strict.len()
            {
                return None;
            }
        }
        let head_bit = fuzzy.stems.binary_search(&fuzzy.head).map_or(0, bit);
        if (seen.count_ones() as usize) < fuzzy.need
            || seen & head_bit == 0
            || seen & !fuzzy.numerals == 0
            || (fuzzy.core != 0 && 2 * (seen & fuzzy.core).count_ones() <= fuzzy.core.count_ones())
        {
            return None;
        }
        // A form of two words with another content word slipped between
        // them names something else: a "supreme *military* leader" is no
        // "Supreme Leader", "four *quarter* rounds" no "Four Comprehensives".
        // A classifier is no such word: "four *kinds* of consciousness".
        if fuzzy.words == 2
            && fuzzy.stems.len() == 2
            && doc.words[first.word..=last.word]
                .iter()
                .filter(|w| !w.info.is_stopword && !CLASSIFIERS.contains(&doc.word_text(w)))
                .count()
                > 2
        {
            return None;
        }
        // A window that lacks one of the words the form's conjunction joins,
        // and nothing else, names the other alone.
        if seen.count_ones() as usize + 1 == fuzzy.stems.len()
            && fuzzy.conjuncts & !seen != 0
            && doc.conjunctions(first.word, last.word) == 0
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
        if ends_counting_something_else(fuzzy, window, last, &doc.text()[last.start..last.end])
            || names_a_modifier(doc, first.word, last.word, fuzzy)
            || ends_modifying_next_word(doc, first.word, last.word, fuzzy)
            || makes_head_an_adjective(doc, first.word, last.word, fuzzy)
            || ends_as_a_verb(doc, last.word, fuzzy)
            || modifies_inside(doc, first.word, last.word, fuzzy)
            || owns_its_complement(doc, first.word, last.word, fuzzy)
            || states_no_choice(doc, first.word, last.word, fuzzy)
            || uses_participle_as_verb(doc, first.word, last.word, fuzzy)
            || takes_an_object(doc, first.word, last.word, fuzzy)
            || sets_words_apart(doc, first.word, last.word, fuzzy)
            || numeral_before_determiner(doc, first.word, last.word, fuzzy)
            || drops_its_preposition(doc, first.word, last.word, fuzzy)
            || halves_a_doubled_word(doc, first.word, last.word, fuzzy)
            || uses_participle_before_preposition(doc, first.word, last.word, fuzzy)
            || (heads_another_phrase(doc, first.word, last.word, fuzzy)
                && !self.in_form_order(doc, first.word, last.word, fuzzy))
        {
            return Some(reading);
        }
        if form.kind == FormKind::Variant
            && !holds_what_makes_it_wrong(fuzzy, seen, || doc.content_words(first.word, last.word))
        {
            return Some(reading);
        }
        // A pattern spells out word sequences: its members are not read
        // reordered ("socialism with national characteristics differs from
        // *China*" is no "socialism with china characteristics").
        if fuzzy.from_pattern && !self.in_form_order(doc, first.word, last.word, fuzzy) {
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
        // A correct form with one of its words missing, and a preposition
        // it lacks put between two words it writes together, is another
        // phrase: "a road *of* cooperation" is no "Belt and Road
        // cooperation".
        if form.kind != FormKind::Variant
            && (seen.count_ones() as usize) < fuzzy.stems.len()
            && doc.splits_compound(first.word, last.word, fuzzy)
        {
            return Some(reading);
        }
        // The form's head right before a preposition, where the form has a
        // participle between them, and the participle nowhere: nothing
        // says what the head is ("the biggest changes in a hundred years"
        // are no "changes unprecedented in a hundred years").
        if let Some(modifier) = fuzzy.postposed_modifier
            && doc.head(first.word, last.word) == Some(fuzzy.head)
            && fuzzy
                .stems
                .binary_search(&modifier)
                .is_ok_and(|at| seen & bit(at) == 0)
        {
            return Some(reading);
        }
        if self.goes_on_as_other_phrase(doc, last.word, fuzzy, seen, form) {
            return Some(reading);
        }
        // A correct form's near-miss needs a margin, since its words are
        // mostly ordinary English ("two meetings"), unless it is written as
        // a name, with all of the form's words, none swapped for a word with
        // an everyday sense of its own: "the *Two Meetings* opened" names
        // the Two Sessions ("the *New Age*" is music; "China's
        // Reunification" lacks the "complete" of "complete reunification of
        // China").
        let is_name = || {
            doc.written_as_name(first.word, last.word)
                && !doc.words[first.word..=last.word]
                    .iter()
                    .any(|w| is_everyday_synonym(doc.word_text(w)))
        };
        // Nor in a sentence that the concept's context regexes say speaks
        // of it, outside the window: "the two meetings" in a sentence
        // naming the NPC. There each word also counts as its synonym, as
        // the writer's choice of word, not another sense of it: "a think
        // tank *with Chinese features*", "*countryside revival*" in a
        // sentence on farming. The words need the function words the form
        // begins with, though, which make them the same kind of phrase:
        // "showing distinctive *Chinese features*, style and ethos" in a
        // sentence on diplomacy is no "with Chinese characteristics".
        let holds_all_words = seen.count_ones() as usize == fuzzy.stems.len();
        let in_context = form.kind != FormKind::Variant
            && holds_all_words
            && self.speaks_of(form.concept, doc.text(), first.start, last.end)
            && (fuzzy.leading.is_empty()
                || doc.take_in_edges(first.word, last.word, fuzzy).0 < first.word);
        let needed = match form.kind {
            FormKind::Variant => self.threshold,
            FormKind::Preferred | FormKind::Accepted
                if in_context || (holds_all_words && is_name()) =>
            {
                self.threshold
            }
            FormKind::Preferred | FormKind::Accepted => self.threshold + CORRECT_FORM_MARGIN,
        };
        let span = &doc.text()[first.start..last.end];
        // A known score serves if it is exact, or if it fell short of as
        // much as is needed now (a name needs less than the same words in
        // lower case). A score in context depends on the sentence, so it
        // is neither looked up nor kept.
        let known = buffers
            .known
            .get(span)
            .filter(|_| !in_context)
            .and_then(|scores| {
                scores
                    .iter()
                    .find(|(form, _, _)| *form as usize == fuzzy_index)
                    .filter(|&&(_, score, needed_then)| {
                        score >= needed_then || needed_then <= needed
                    })
                    .map(|&(_, score, _)| score)
            });
        let score = match known {
            Some(score) => score,
            None if in_context => {
                self.similarity(doc, first.word, last.word, fuzzy, needed, true, buffers)
            }
            None => {
                let score =
                    self.similarity(doc, first.word, last.word, fuzzy, needed, false, buffers);
                let entry = (fuzzy_index as u32, score, needed);
                match buffers.known.get_mut(span) {
                    Some(scores) => match scores.iter_mut().find(|e| e.0 == entry.0) {
                        Some(old) => *old = entry,
                        None => scores.push(entry),
                    },
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
        // *of humankind*", read as "community of common destiny").
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
            doc.text()[left.end..right.start].contains('"')
        };
        // Nor does it reach over a conjunction the form does not have
        // ("…destiny community *and promoting* the construction…"), nor
        // into another concept's literal hit, which it could not stand
        // beside ("the global governance concept *of joint consultation*,
        // joint construction and sharing").
        let belongs = |from: &Token, to: &Token, held: &[Token]| {
            let (held_first, held_last) = (held[0].word, held[held.len() - 1].word);
            to.word.abs_diff(from.word) <= 2
                && doc.same_clause(from.word, to.word)
                && !quoted_apart(from, to)
                && !doc.in_literal_of_other(to, form.concept)
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
        // A number and one noun are no term of several words besides the
        // number, even with the rest of the phrase: "one road" (to
        // another) is no "One Belt, One Road", "two goals" no "two
        // centenary goals".
        let grown = doc.tokens[start_at..=end_at]
            .iter()
            .filter_map(|t| fuzzy.stems.binary_search(&t.stem).ok())
            .fold(0, |bits, at| bits | bit(at));
        let besides_numerals = (grown & !fuzzy.numerals).count_ones() as usize;
        let form_besides_numerals = fuzzy.stems.len() - fuzzy.numerals.count_ones() as usize;
        if besides_numerals < form_besides_numerals.min(2) {
            return Some(reading);
        }
        let (first, last) =
            doc.take_in_edges(doc.tokens[start_at].word, doc.tokens[end_at].word, fuzzy);
        let hit = Hit {
            start: doc.words[first].start,
            end: doc.words[last].end,
            concept: form.concept,
            status: Status::Fuzzy,
            severity: form.severity.max(Severity::Warning),
            form: Some(fuzzy.form),
            score,
        };
        reading.hit = Some((hit, first, last));
        Some(reading)
    }

    /// Whether the window, which lacks the form's last content word, is
    /// cut from a phrase that goes on at once with a content word the term
    /// does not have where the form goes on with its own: "a community of
    /// shared *interests*" is another phrase, not "community with a shared
    /// future" with its last word dropped. A word that begins like the
    /// form's last one is a derivation of it, not another noun ("new kind
    /// of international *relationship*").
    pub(super) fn goes_on_as_other_phrase(
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
        let gap = doc.gap(&doc.words[last], next);
        let next_word = doc.word_text(next);
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
    pub(super) fn in_form_order(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        fuzzy: &FuzzyForm,
    ) -> bool {
        let mut order = fuzzy.ordered.iter();
        doc.words[first..=last]
            .iter()
            .filter_map(|w| w.info.stem)
            .filter(|s| fuzzy.ordered.contains(s))
            .all(|s| order.any(|&o| o == s))
    }

    /// Whether the sentence around `start..end` speaks of `concept`: one
    /// of its context regexes matches there, outside `start..end`, so not
    /// through the words being read.
    fn speaks_of(&self, concept: usize, text: &str, start: usize, end: usize) -> bool {
        let contexts = self.contexts.get(concept).map_or(&[][..], Vec::as_slice);
        !contexts.is_empty() && {
            let sentence = sentence_range(text, start, end);
            let (start, end) = (start - sentence.start, end - sentence.start);
            let sentence = &text[sentence];
            contexts.iter().any(|regex| {
                regex
                    .find_iter(sentence)
                    .any(|found| found.end() <= start || found.start() >= end)
            })
        }
    }

    /// Similarity of the words `first..=last` to a form, in 0..=1: the mean
    /// of token-level and character-level Dice. Below `needed`, any value
    /// below `needed` may be returned. With `all_as_synonyms` (a sentence
    /// that speaks of the concept), every word with synonyms is compared as
    /// its group's first word, not only those [`compares_as_synonym`] names.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn similarity(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        fuzzy: &FuzzyForm,
        needed: f32,
        all_as_synonyms: bool,
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
            let spelling = doc.spelling(word, false);
            content.push_str(spelling);
            if as_synonyms {
                let is_head = word.info.stem == Some(fuzzy.head);
                let as_synonym =
                    all_as_synonyms || compares_as_synonym(fuzzy.stems.len(), is_head, spelling);
                synonym_content.push_str(doc.spelling(word, as_synonym));
            }
        }
        let window_size = stems.len() + unknown_words;
        let token_dice = 2.0 * shared as f64 / (window_size + fuzzy.stems.len()) as f64;
        // The character similarity is the costly half: skip it when even the
        // best it could be could not lift the score to `needed`.
        let synonym_profile = match &fuzzy.all_synonym_profile {
            Some(profile) if all_as_synonyms => profile,
            _ => &fuzzy.synonym_profile,
        };
        dice.load(content);
        let mut bound = dice.bound(&fuzzy.profile);
        if as_synonyms {
            synonym_dice.load(synonym_content);
            bound = (bound + synonym_dice.bound(synonym_profile)) / 2.0;
        }
        if (token_dice + bound) / 2.0 < f64::from(needed) {
            return (token_dice / 2.0) as f32;
        }
        let mut char_dice = dice.dice(&fuzzy.profile);
        if as_synonyms {
            char_dice = (char_dice + synonym_dice.dice(synonym_profile)) / 2.0;
        }
        ((token_dice + char_dice) / 2.0) as f32
    }
}
