//! A document as the fuzzy matcher sees it: its words, each looked up once
//! (stem, spelling, kind of word), with the clause and list structure
//! around them.

use super::reading::{MAX_KNOWN_WINDOWS, bit};
use super::words::{
    AUXILIARIES, POSSESSIVES, PREPOSITIONS, PRONOUNS, SINGULAR_DETERMINERS, american, is_article,
    is_conjunction, is_contrast, is_numeral, is_stopword, near_prefix, prefix, root, strict_key,
    synonym, synonym_group, words,
};
use super::{
    FuzzyForm, FuzzyIndex, NEAR_MIN_LEN, STEM_START, Scratch, StemId, is_clause_punctuation,
};
use crate::glossary::ConceptId;
use crate::matcher::Hit;
use crate::normalize::Folded;
use std::collections::HashMap;

/// Word → what the index knows of it, per thread: stemming is the costly
/// part of fuzzy matching, so each distinct word is stemmed once.
pub(super) type WordCache = rustc_hash::FxHashMap<Box<str>, WordInfo>;

/// Folded word → (American spelling, stem), while the index is built.
pub(super) type SpellingMemo = HashMap<String, (String, String)>;

/// What the index knows of a word.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordInfo {
    /// Its stem after synonym mapping, if some form has it (`None` for
    /// function words and words no form uses).
    pub(super) stem: Option<StemId>,
    /// Its strict stem (function words: the word itself), or [`UNKNOWN`]
    /// when no form has it.
    pub(super) strict: u32,
    /// A function word.
    pub(super) is_stopword: bool,
    /// A coordinating conjunction.
    pub(super) is_conjunction: bool,
    /// An article.
    pub(super) is_article: bool,
    /// A possessive determiner (see [`POSSESSIVES`]).
    pub(super) is_possessive: bool,
    /// An auxiliary verb (see [`AUXILIARIES`]).
    pub(super) is_auxiliary: bool,
    /// Its stem is that of a form word it is a near spelling of.
    pub(super) is_misspelling: bool,
    /// It is in a synonym group (see [`SYNONYMS`](super::words::SYNONYMS)).
    pub(super) has_synonyms: bool,
    /// Neither a form word nor a function word, but the beginning of a
    /// form word that it may spell together with the next word (see
    /// [`FuzzyIndex::joined_stem`]).
    pub(super) starts_joined: bool,
    /// Index of its American spelling in [`Scratch::spellings`], or
    /// [`UNKNOWN`] when it is spelt the same.
    pub(super) spelling: u32,
    /// Index of the first word of its synonym group in
    /// [`Scratch::spellings`], or [`UNKNOWN`] when that is its spelling.
    pub(super) synonym: u32,
}

/// The shortest word that a word after a space or hyphen is joined to
/// (see [`FuzzyIndex::read_words`]): "Xi *Jin* Ping".
const JOINED_MIN_PART: usize = 3;

/// Whether the gap between two words holds a dash, which sets off a
/// parenthesis as a clause boundary does (`"… invaluable assets" - an
/// idea …`), rather than a hyphen, which joins ("high-quality", and
/// "high-" at the end of a line).
fn is_dash(gap: &[u8]) -> bool {
    gap.contains(&b'-') && !(gap[0] == b'-' && gap[1..].iter().all(u8::is_ascii_whitespace))
}

/// The strict id of a word that no form contains.
pub(super) const UNKNOWN: u32 = u32::MAX;

/// Bound on the word cache, so a huge archive's vocabulary cannot grow it
/// forever; checked between documents, so a document's words stay valid.
pub(super) const MAX_CACHED_WORDS: usize = 200_000;

/// A word of the document: all a window test needs, computed once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) info: WordInfo,
    /// How many gaps before it hold clause punctuation other than a comma
    /// alone, or a break.
    pub(super) clause: u32,
    /// How many gaps before it hold a comma and no other clause
    /// punctuation: the commas of a list.
    pub(super) commas_before: u32,
    /// How many of the gaps `clause` counts hold a colon and no other
    /// clause punctuation: the colons of a title ("Ecological
    /// Civilization: Building…").
    pub(super) colons_before: u32,
    /// How many conjunctions come before it.
    pub(super) conjunctions_before: u32,
    /// How many auxiliary verbs come before it.
    pub(super) auxiliaries_before: u32,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// Index of the word in [`Scratch::words`].
    pub(super) word: usize,
    pub(super) stem: StemId,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// The document as the scoring sees it.
pub(super) struct Doc<'a> {
    /// The text as written, which holds its capitals.
    pub(super) original: &'a str,
    /// The folding of `original`: the text the words index, and the map
    /// back to `original`.
    pub(super) folded: &'a Folded,
    pub(super) words: &'a [Word],
    pub(super) tokens: &'a [Token],
    pub(super) spellings: &'a [Box<str>],
    /// The resolved literal and pattern hits, sorted and disjoint.
    pub(super) literals: &'a [Hit],
}

impl<'a> Doc<'a> {
    /// The folded text.
    pub(super) fn text(&self) -> &'a str {
        &self.folded.text
    }

    /// The folded text of `word`.
    pub(super) fn word_text(&self, word: &Word) -> &'a str {
        &self.folded.text[word.start..word.end]
    }

    /// The folded text between `word` and `next`, a later word.
    pub(super) fn gap(&self, word: &Word, next: &Word) -> &'a str {
        &self.folded.text[word.end..next.start]
    }

    /// Whether the words `first..=last` are written as a name of their
    /// own: each content word capitalised, no capitalised content word
    /// right beside them in their clause, and a word in lower case on one
    /// side ("the *Two Meetings* opened"; not a title, "Exponentiation by
    /// Iterative Large Powers", nor a line in capitals). The next
    /// sentence's first word is no neighbour ("… of the *Two
    /// Affirmations*. They …").
    pub(super) fn written_as_name(&self, first: usize, last: usize) -> bool {
        let is_capital = |word: &Word| self.folded.is_capital_at(self.original, word.start);
        let is_lower = |word: &Word| {
            self.word_text(word)
                .starts_with(|c: char| c.is_alphabetic())
                && !is_capital(word)
        };
        let neighbours = [
            first
                .checked_sub(1)
                .filter(|&at| self.same_clause(at, first)),
            Some(last + 1).filter(|&at| at < self.words.len() && self.same_clause(last, at)),
        ]
        .map(|at| at.map(|at| &self.words[at]));
        self.words[first..=last]
            .iter()
            .filter(|word| !word.info.is_stopword)
            .all(is_capital)
            && neighbours
                .iter()
                .flatten()
                .all(|word| word.info.is_stopword || !is_capital(word))
            && neighbours.iter().flatten().any(|word| is_lower(word))
    }

    /// Whether `token` lies in a literal hit of a concept other than
    /// `concept`: a reading of `concept` that took it in could not stand
    /// beside that hit (see [`FuzzyIndex::fits_literals`]).
    pub(super) fn in_literal_of_other(&self, token: &Token, concept: ConceptId) -> bool {
        let at = self.literals.partition_point(|h| h.end <= token.start);
        self.literals
            .get(at)
            .is_some_and(|h| h.start < token.end && h.concept != concept)
    }

    /// The words `a` and `b` (either first) are within one clause.
    pub(super) fn same_clause(&self, a: usize, b: usize) -> bool {
        self.in_list(a, b, 0, 0)
    }

    /// The words `a` and `b` (either first) are within one clause but for at
    /// most `commas` commas between them, items of a list, and at most
    /// `colons` colons, parts of a title.
    pub(super) fn in_list(&self, a: usize, b: usize, commas: u32, colons: u32) -> bool {
        let (a, b) = (&self.words[a], &self.words[b]);
        let colons_between = a.colons_before.abs_diff(b.colons_before);
        a.clause.abs_diff(b.clause) == colons_between
            && colons_between <= colons
            && a.commas_before.abs_diff(b.commas_before) <= commas
    }

    /// Whether the words `first..=last` are `form`'s content words as they
    /// are, up to inflection and function words.
    pub(super) fn holds_form_words(&self, first: usize, last: usize, form: &FuzzyForm) -> bool {
        self.words[first..=last]
            .iter()
            .filter(|w| !w.info.is_stopword)
            .map(|w| w.info.strict)
            .eq(form.strict.iter().copied())
    }

    /// The words `first..=last` grown over the function words that `form`
    /// starts and ends with, where the text has them there in the same
    /// clause (see [`FuzzyForm::leading`]).
    pub(super) fn take_in_edges(
        &self,
        mut first: usize,
        mut last: usize,
        form: &FuzzyForm,
    ) -> (usize, usize) {
        // The next word from `from` in direction `step` that is not an
        // article, within its clause.
        let past_articles = |from: usize, step: isize| {
            let mut at = from;
            loop {
                let next = at.checked_add_signed(step)?;
                let word = self.words.get(next)?;
                if !self.same_clause(from, next) {
                    return None;
                }
                if !word.info.is_article {
                    return Some(next);
                }
                at = next;
            }
        };
        for &key in form.leading.iter().rev() {
            match past_articles(first, -1) {
                Some(before) if self.words[before].info.strict == key => first = before,
                _ => break,
            }
        }
        for &key in &form.trailing {
            match past_articles(last, 1) {
                Some(after) if self.words[after].info.strict == key => last = after,
                _ => break,
            }
        }
        (first, last)
    }

    /// Whether the words `first..=last` may be singular where a form has a
    /// plural, as English and not a slip: after a determiner of one ("each
    /// principle of peaceful coexistence"), unless they start with a number
    /// of their own, which the word before does not count ("proved *that*
    /// one country, two system is the best" is a slip); or before the noun
    /// they modify, which takes the singular ("a two-session workshop"; a
    /// pronoun is not modified: "the relation *he* described", nor is a
    /// verb: "socialism with Chinese characteristic *was* …" is a slip).
    pub(super) fn may_be_singular(&self, first: usize, last: usize) -> bool {
        let word = |at: usize| self.word_text(&self.words[at]);
        let after_one = first > 0
            && self.same_clause(first - 1, first)
            && SINGULAR_DETERMINERS.contains(&word(first - 1))
            && !is_numeral(word(first));
        let modifies_next = last + 1 < self.words.len()
            && !self.words[last + 1].info.is_stopword
            && !self.words[last + 1].info.is_auxiliary
            && !PRONOUNS.contains(&word(last + 1))
            && matches!(
                self.gap(&self.words[last], &self.words[last + 1]),
                " " | "-"
            );
        after_one || modifies_next
    }

    /// The prepositions among the words `first..=last` that `fuzzy`'s form
    /// lacks: they join the words otherwise than the form does.
    pub(super) fn prepositions_not_in<'d>(
        &'d self,
        first: usize,
        last: usize,
        fuzzy: &'d FuzzyForm,
    ) -> impl Iterator<Item = &'d str> + 'd {
        self.words[first..=last]
            .iter()
            .filter(|w| self.is_preposition_not_in(w, fuzzy))
            .map(|w| self.word_text(w))
    }

    /// Whether `word` is a preposition that `fuzzy`'s form lacks.
    fn is_preposition_not_in(&self, word: &Word, fuzzy: &FuzzyForm) -> bool {
        PREPOSITIONS.contains(&self.word_text(word))
            && !fuzzy.prepositions.contains(&word.info.strict)
    }

    /// Whether the words `first..=last` put a preposition that `fuzzy`'s
    /// form lacks (and perhaps an article) between two of its words that
    /// it writes together: "road *of* cooperation" for "… Road
    /// cooperation".
    pub(super) fn splits_compound(&self, first: usize, last: usize, fuzzy: &FuzzyForm) -> bool {
        let words = &self.words[first..=last];
        let written_together =
            |a: u32, b: u32| fuzzy.sequence.windows(2).any(|pair| pair == [a, b]);
        words.iter().enumerate().any(|(at, word)| {
            if at == 0 || !self.is_preposition_not_in(word, fuzzy) {
                return false;
            }
            let before = &words[at - 1];
            let after = words[at + 1..].iter().find(|w| !w.info.is_article);
            !before.info.is_stopword
                && after.is_some_and(|after| {
                    !after.info.is_stopword
                        && written_together(before.info.strict, after.info.strict)
                })
        })
    }

    /// How many content words the words `first..=last` hold.
    pub(super) fn content_words(&self, first: usize, last: usize) -> usize {
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
    pub(super) fn head(&self, first: usize, last: usize) -> Option<StemId> {
        let words = &self.words[first..=last];
        let is_preposition = |w: &Word| {
            let word = self.word_text(w);
            PREPOSITIONS.contains(&word) || word == "without"
        };
        words[head_at(words, is_preposition, |w| w.info.is_stopword)?]
            .info
            .stem
    }

    /// How many auxiliary verbs the words `first..=last` hold.
    pub(super) fn auxiliaries(&self, first: usize, last: usize) -> usize {
        let (a, b) = (&self.words[first], &self.words[last]);
        (b.auxiliaries_before + u32::from(b.info.is_auxiliary) - a.auxiliaries_before) as usize
    }

    /// How many conjunctions the words `first..=last` hold.
    pub(super) fn conjunctions(&self, first: usize, last: usize) -> usize {
        let (a, b) = (&self.words[first], &self.words[last]);
        (b.conjunctions_before + u32::from(b.info.is_conjunction) - a.conjunctions_before) as usize
    }

    /// A word as spelt for character comparison: in American spelling,
    /// and as the first word of its synonym group if `as_synonym`.
    pub(super) fn spelling(&self, word: &Word, as_synonym: bool) -> &str {
        let synonym = as_synonym.then(|| self.spellings.get(word.info.synonym as usize));
        match synonym
            .flatten()
            .or_else(|| self.spellings.get(word.info.spelling as usize))
        {
            Some(spelling) => spelling,
            None => self.word_text(word),
        }
    }
}

/// The index of the head noun of `words`: the word before their first
/// preposition, else their last content word.
pub(super) fn head_at<T>(
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
pub(super) fn articles_after<T: Copy>(
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

impl FuzzyIndex {
    /// A form's content word in American spelling and its stem, each word
    /// worked out once per build: forms repeat their words, and the stemmer
    /// was most of the build's time.
    pub(super) fn spelling_and_stem(
        &self,
        word: &str,
        memo: &mut SpellingMemo,
    ) -> (String, String) {
        memo.entry(word.to_string())
            .or_insert_with(|| {
                let american = american(word);
                let stem = self.content_stem(&american);
                (american, stem)
            })
            .clone()
    }

    /// The normalized stem of a folded word, or `None` for function words.
    pub(super) fn stem(&self, word: &str) -> Option<String> {
        (!is_stopword(word)).then(|| self.content_stem(&american(word)))
    }

    /// The normalized stem of a content word in American spelling.
    pub(super) fn content_stem(&self, american: &str) -> String {
        let stem = self.stemmer.0.stem(synonym(american));
        root(&stem).to_string()
    }

    pub(super) fn lookup(
        &self,
        word: &str,
        cache: &mut WordCache,
        spellings: &mut Vec<Box<str>>,
    ) -> WordInfo {
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
            is_possessive: POSSESSIVES.contains(&word),
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
    /// letters, at most one edit (two for words of ten letters or more:
    /// "property" is no "prosperity").
    /// Looked up once per distinct word.
    pub(super) fn near_stem(&self, word: &str, american: &str) -> Option<StemId> {
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
    pub(super) fn joined_stem(
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
    pub(super) fn may_have_stem(&self, american: &str) -> bool {
        (1..=STEM_START).any(|len| {
            american
                .get(..len)
                .is_some_and(|start| self.stem_starts.contains(start))
        })
    }

    /// Whether `word`, two letters or more, begins a word of `joined`
    /// with two letters or more to spare (see [`read_words`](Self::read_words)
    /// for when a word of two letters is joined).
    pub(super) fn starts_joined_word(&self, word: &str) -> bool {
        let from = self.joined.partition_point(|(w, _)| w.as_ref() < word);
        word.len() >= 2
            && self.joined[from..]
                .iter()
                .take_while(|(w, _)| w.starts_with(word))
                .any(|(w, _)| w.len() >= word.len() + 2)
    }

    /// Splits `text` into `scratch.words` and `scratch.tokens`; a gap that
    /// holds clause punctuation or one of `breaks` starts a new clause.
    pub(super) fn read_words(&self, text: &str, breaks: &[u32], scratch: &mut Scratch) {
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
        let mut colons = 0;
        let mut auxiliaries = 0;
        let mut breaks = breaks.iter().map(|&b| b as usize).peekable();
        for (start, end, w) in words(text) {
            let mut is_break = false;
            while let Some(b) = breaks.next_if(|&b| b < start) {
                is_break |= b >= gap_start;
            }
            let gap = &text.as_bytes()[gap_start..start];
            if is_break || gap.iter().copied().any(is_clause_punctuation) || is_dash(gap) {
                clause += 1;
                let is_colon = |b: u8| b == b':' || b == b' ';
                if !is_break && gap.contains(&b':') && gap.iter().copied().all(is_colon) {
                    colons += 1;
                }
            } else if gap.contains(&b',') {
                commas += 1;
            }
            gap_start = end;
            let info = self.lookup(w, cache, spellings);
            // Two words written apart that spell a form word together are
            // that word, misspelt; so are two pinyin syllables an apostrophe
            // separates ("Bo'ao" for "Boao"), however short the first.
            let last_word = all.len().wrapping_sub(1);
            if !is_break
                && matches!(gap, b" " | b"-" | b"'")
                && let Some(previous) = all.last_mut()
                && (gap == b"'" || previous.end - previous.start >= JOINED_MIN_PART)
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
                    is_possessive: false,
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
                colons_before: colons,
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
}

#[cfg(test)]
mod tests {
    use super::super::{DEFAULT_THRESHOLD, FuzzyIndex};

    fn stem(word: &str) -> String {
        let index = FuzzyIndex::build(&[], Vec::new(), DEFAULT_THRESHOLD);
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
}
