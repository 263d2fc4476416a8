//! Building the index: every form's content words stemmed and interned,
//! posting lists from stem to forms, and what sets each form apart.

use super::doc::{SpellingMemo, articles_after, head_at};
use super::reading::{bit, hyphenated_gaps};
use super::words::{
    AUXILIARIES, CONTRASTS, POSSESSIVES, PREPOSITIONS, SYNONYMS, compares_as_synonym, conjunctions,
    has_adjective_ending, has_plural_ending, is_adverb, is_article, is_conjunction, is_numeral,
    is_stopword, near_prefix, prefix, stem_start, strict_key, synonym, words,
};
use super::{
    DERIVATION_PREFIX, FuzzyForm, FuzzyIndex, JOINED_MIN_LEN, MAX_POSTINGS, MIN_FORMS_FOR_CORE,
    NEAR_MIN_LEN, StemId, StemmerBox, WINDOW_SLACK, dice,
};
use crate::glossary::ConceptId;
use crate::matcher::{Form, FormId, FormKind, FormOrigin, inflect};
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// Concept → the concept whose preferred form is the longest phrase inside
/// its preferred form, with the stems of its correct forms (`correct_stems`,
/// sorted) that the inner concept's preferred form lacks; see
/// [`FuzzyIndex::named_term`]. The inner concept's other correct forms may
/// hold the outer term's words ("General Secretary of the CPC Central
/// Committee Xi Jinping" is a correct form of the name), so they do not
/// count.
pub(super) fn inner_terms(
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

impl FuzzyIndex {
    /// Indexes the content words of `forms`.
    pub fn build(forms: &[Form], contexts: Vec<Vec<Regex>>, threshold: f32) -> FuzzyIndex {
        let mut index = FuzzyIndex {
            contexts,
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

    pub(super) fn prepare(
        &mut self,
        id: FormId,
        form: &Form,
        spellings: &mut SpellingMemo,
    ) -> Option<FuzzyForm> {
        let words: Vec<&str> = words(&form.folded).map(|(_, _, w)| w).collect();
        let mut head_index = head_at(&words, |w| PREPOSITIONS.contains(w), |w| is_stopword(w))?;
        // A participle after a noun modifies it: "changes *unseen* in a
        // century" is about changes.
        let mut postposed_modifier = None;
        if head_index > 0
            && is_postposed_modifier(words[head_index])
            && !is_stopword(words[head_index - 1])
        {
            let modifier = self.spelling_and_stem(words[head_index], spellings).1;
            postposed_modifier = Some(self.intern(&modifier));
            head_index -= 1;
        }
        let head_word = words[head_index];
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
                if compares_as_synonym(stems.len(), stem == head, american) {
                    synonym(american)
                } else {
                    american
                }
            })
            .collect();
        let all_synonyms: Vec<&str> = spelt.iter().map(|american| synonym(american)).collect();
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
        let unarticled: Vec<&str> = words.iter().copied().filter(|w| !is_article(w)).collect();
        let mut content_keys = strict.iter().copied();
        let sequence = unarticled
            .iter()
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
        // The bit of each word of `unarticled` that is a content word.
        let mut content_bits = Vec::with_capacity(unarticled.len());
        let mut content_words = ordered.iter();
        for word in &unarticled {
            let stem = (!is_stopword(word)).then(|| content_words.next()).flatten();
            content_bits.push(stem.and_then(|s| stems.binary_search(s).ok()).map(bit));
        }
        let before_of_or_with = (0..unarticled.len().saturating_sub(1))
            .filter(|&at| matches!(unarticled[at + 1], "of" | "with"))
            .filter_map(|at| content_bits[at])
            .fold(0, |bits, bit| bits | bit);
        // The two nouns a form's only conjunction joins, in a phrase without
        // commas. Modifiers joined ("comprehensively and strictly
        // governing") are no items, one of which may name the term alone.
        let conjunction_count = conjunctions(&form.folded);
        let commas = form.folded.matches(',').count() as u32;
        let mut conjuncts = 0u64;
        let is_item = |at: usize| {
            let word = unarticled[at];
            !is_adverb(word) && !has_adjective_ending(word)
        };
        if conjunction_count == 1
            && commas == 0
            && let Some(joined) = unarticled.iter().position(|w| is_conjunction(w))
            && joined > 0
            && joined + 1 < unarticled.len()
            && is_item(joined - 1)
            && is_item(joined + 1)
            && let (Some(before), Some(after)) =
                (content_bits[joined - 1], content_bits[joined + 1])
        {
            conjuncts = before | after;
        }
        let is_compound_noun =
            !words.iter().any(|w| is_stopword(w)) && !inflect::is_proper_name(&form.text);
        // The function words before the first content word and after the
        // last (the head word is one, so they never meet), articles left out.
        let leading_count = words.iter().take_while(|w| is_stopword(w)).count();
        let trailing_count = words.iter().rev().take_while(|w| is_stopword(w)).count();
        let mut function_words = |edge: &[&str]| -> Vec<u32> {
            edge.iter()
                .filter(|w| !is_article(w))
                .map(|w| self.intern_strict(w.to_string()))
                .collect()
        };
        let leading = function_words(&words[..leading_count]);
        let trailing = function_words(&words[words.len() - trailing_count..]);
        let head_place = head_index - words[..head_index].iter().filter(|w| is_article(w)).count();
        let (plurals, fixed_number) = number_bits(&unarticled);
        let articles = articles_after(words.iter().copied(), is_article, |previous| {
            previous.is_some_and(|w| PREPOSITIONS.contains(&w))
        });
        Some(FuzzyForm {
            form: id,
            is_variant: form.kind == FormKind::Variant,
            from_pattern: form.origin == FormOrigin::Pattern,
            stems,
            ordered,
            repeated,
            numerals,
            core: 0,
            distinctive: 0,
            strict,
            sequence,
            prepositions,
            before_of_or_with,
            conjuncts,
            is_compound_noun,
            postposed_modifier,
            articles,
            plurals,
            fixed_number,
            leading,
            trailing,
            head_place,
            plural_head: !inflect::names_one_thing(&form.folded),
            has_auxiliary: words.iter().any(|w| AUXILIARIES.contains(w)),
            has_possessive: words.iter().any(|w| POSSESSIVES.contains(w)),
            has_contrast: words.iter().any(|w| CONTRASTS.contains(w)),
            has_without: words.contains(&"without"),
            hyphens,
            ending,
            head,
            need,
            words: words.len(),
            conjunctions: conjunction_count,
            commas,
            colons: form.folded.matches(':').count() as u32,
            profile: dice::Profile::new(&spelt.join(" ")),
            synonym_profile: dice::Profile::new(&as_synonyms.join(" ")),
            all_synonym_profile: (all_synonyms != as_synonyms)
                .then(|| dice::Profile::new(&all_synonyms.join(" "))),
        })
    }

    pub(super) fn intern(&mut self, stem: &str) -> StemId {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let id = self.postings.len() as StemId;
        self.stems.insert(stem.to_string(), id);
        let start = stem_start(stem);
        self.stem_starts.insert(start.into());
        // The stemmer writes a y before an ending as i ("rely", "relying"
        // → "reli"), so a word may begin with the y where its stem has i.
        if let Some(before_i) = start.strip_suffix('i') {
            self.stem_starts.insert(format!("{before_i}y").into());
        }
        self.postings.push(Vec::new());
        self.forms_with_stem.push(Vec::new());
        id
    }
    pub(super) fn intern_strict(&mut self, key: String) -> u32 {
        self.known_prefixes.extend(prefix(&key));
        let next = self.strict_ids.len() as u32;
        *self.strict_ids.entry(key).or_insert(next)
    }

    /// Files a form's content word (American spelling, 7+ letters) under
    /// its first three letters and length for [`FuzzyIndex::near_stem`].
    pub(super) fn remember_spelling(&mut self, word: &str, stem: StemId) {
        let Some(prefix) = near_prefix(word).filter(|_| word.len() >= NEAR_MIN_LEN) else {
            return;
        };
        let near = self.near.entry((prefix, word.len())).or_default();
        if near.len() < MAX_POSTINGS && !near.iter().any(|(known, _)| known == word) {
            near.push((word.to_string(), stem));
        }
    }
}

/// Which of a form's words but articles (`sequence`) have a plural ending,
/// and which keep their number (see [`FuzzyForm::fixed_number`]), as bits.
fn number_bits(sequence: &[&str]) -> (u64, u64) {
    let mut plurals = 0;
    let mut fixed = 0;
    for (at, word) in sequence.iter().enumerate().take(64) {
        if is_stopword(word) {
            continue;
        }
        if has_plural_ending(word) {
            plurals |= bit(at);
        }
        if at > 0 && !is_conjunction(sequence[at - 1]) {
            fixed |= bit(at);
        }
    }
    (plurals, fixed)
}

/// Whether a word after a noun is one that modifies it: a participle,
/// negated or not ("unseen", "unprecedented", "achieved"; not "need",
/// "unification").
fn is_postposed_modifier(word: &str) -> bool {
    let participle = word.ends_with("ed") && !word.ends_with("eed");
    let negated = word.starts_with("un") && (word.ends_with("en") || word.ends_with("wn"));
    word.len() > 4 && (participle || negated)
}
