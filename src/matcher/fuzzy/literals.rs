//! How a fuzzy candidate stands beside the literal matches: which literal
//! it may replace, which vetoes it, and which correct form names it.

use super::doc::{Doc, UNKNOWN, WordCache, WordInfo};
use super::words::{is_article, is_stopword, words};
use super::{CORRECT_FORM_MARGIN, FuzzyForm, FuzzyIndex, ReadAs, StemId};
use crate::glossary::ConceptId;
use crate::matcher::{Form, FormKind, Hit};

/// How a phrase's words that `is_inner` holds stand to the rest of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Possessive {
    /// They own it: "Supreme Leader*'s* diplomatic thought".
    Owner,
    /// It is *of* them: "diplomatic thought *of* the Supreme Leader".
    Of,
}

/// Whether the run of words of `phrase` that `is_inner` holds is followed by
/// a possessive "'s" or preceded by "of" (an article between allowed).
pub(super) fn possessive_around(
    phrase: &str,
    is_inner: impl Fn(&str) -> bool,
) -> Option<Possessive> {
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
pub(super) fn overlapped_range(hits: &[Hit], span: &Hit) -> std::ops::Range<usize> {
    let first = hits.partition_point(|h| h.end <= span.start);
    let count = hits[first..]
        .iter()
        .take_while(|h| h.start < span.end)
        .count();
    first..first + count
}

/// Whether `outer` covers `inner` and more.
pub(super) fn strictly_contains(outer: &Hit, inner: &Hit) -> bool {
    outer.start <= inner.start
        && inner.end <= outer.end
        && inner.end - inner.start < outer.end - outer.start
}

/// Whether a window of `content_words` holding the stems `seen` (bits, see
/// [`bit`](super::reading::bit)) can be a near-miss of the listed variant:
/// it must hold one of the words that make the variant wrong; or, when the
/// variant has only its concept's correct words in a wrong order or
/// inflection ("global security initiatives") and is short, all of them or
/// as many words ("global developmental initiative"): "global initiatives"
/// is a shorter phrase, not that arrangement.
pub(super) fn holds_what_makes_it_wrong(
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

impl FuzzyIndex {
    /// The concept the words `first..=last`, read as a form of `concept`,
    /// name: the innermost term inside it whose outer terms' distinguishing
    /// words they all lack. "Community of shared destiny", read as "community
    /// of common destiny for mankind" garbled, names the generic "community
    /// with a shared future", since it says nothing of mankind.
    pub(super) fn named_term(
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

    /// The terms inside `outer`'s preferred form, outermost first: the
    /// term inside it, the term inside that one, and so on ("community with
    /// a shared future for mankind", then "community with a shared future",
    /// inside "building a community with a shared future for mankind").
    pub(super) fn inner_terms(&self, outer: ConceptId) -> impl Iterator<Item = ConceptId> + '_ {
        let inner_of = |term: ConceptId| {
            self.inner_term
                .get(term)
                .and_then(Option::as_ref)
                .map(|&(inner, _)| inner)
        };
        std::iter::successors(inner_of(outer), move |&term| inner_of(term))
    }

    /// How deep `inner` lies among `outer`'s inner terms (0: the term inside
    /// `outer` itself), if it is one of them.
    pub(super) fn inner_term_depth(&self, outer: ConceptId, inner: ConceptId) -> Option<usize> {
        self.inner_terms(outer).position(|term| term == inner)
    }

    /// Whether `span` holds, in order, the own words of one of `concept`'s
    /// correct forms (see [`FuzzyIndex::is_correct_use`] for `read_as`).
    /// A correct form with fewer than half the span's content words does not
    /// make it correct: "green is gold" does not excuse "clear waters and
    /// *green* mountains are as good as mountains of *gold* and silver",
    /// a listed rendering garbled.
    pub(super) fn reads_as_correct(
        &self,
        doc: &Doc,
        (first, last): (usize, usize),
        forms: &[Form],
        concept: ConceptId,
        read_as: ReadAs,
    ) -> bool {
        let content_words = doc.content_words(first, last);
        self.forms_of
            .get(concept)
            .into_iter()
            .flatten()
            .map(|&i| &self.fuzzy_forms[i])
            .filter(|f| forms[f.form].kind != FormKind::Variant)
            .filter(|f| 2 * f.strict.len() >= content_words)
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
    pub(super) fn fits_literals(
        &self,
        doc: &Doc,
        candidate: &Hit,
        literals: &[Hit],
        cache: &WordCache,
    ) -> bool {
        let text = doc.text();
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

    /// `candidate` without the words before a correct literal hit of its
    /// own concept inside it that only another form of the concept has:
    /// in "Chinese leader Xi Jingping" the slip is "Xi Jingping", and
    /// "Chinese leader" (words of the full title) is no part of it.
    pub(super) fn trimmed_to_own_literal(
        &self,
        doc: &Doc,
        candidate: Hit,
        literals: &[Hit],
        cache: &WordCache,
    ) -> Hit {
        let Some(fuzzy) = self.fuzzy_form_of(&candidate) else {
            return candidate;
        };
        let own = literals[overlapped_range(literals, &candidate)]
            .iter()
            .find(|h| {
                h.concept == candidate.concept
                    && !h.status.is_finding()
                    && h.start > candidate.start
            });
        let Some(own) = own else {
            return candidate;
        };
        let only_other_forms = words(&doc.text()[candidate.start..own.start]).all(|(_, _, w)| {
            is_stopword(w) || self.only_other_forms_have(cache, candidate.concept, fuzzy, w)
        });
        if only_other_forms {
            Hit {
                start: own.start,
                ..candidate
            }
        } else {
            candidate
        }
    }

    /// Whether `word` is a word of `concept`'s forms that its form `fuzzy`
    /// lacks ("chinese" of the full title, beside "President Xi Jinping").
    fn only_other_forms_have(
        &self,
        cache: &WordCache,
        concept: ConceptId,
        fuzzy: &FuzzyForm,
        word: &str,
    ) -> bool {
        cache
            .get(word)
            .and_then(|info| info.stem)
            .is_some_and(|stem| {
                self.vocabulary[concept].binary_search(&stem).is_ok()
                    && fuzzy.stems.binary_search(&stem).is_err()
            })
    }

    /// Whether `candidate` holds, outside `literal`, the hit it contains, a
    /// word of its form misspelt or swapped for a synonym ("Xi *Jingping*",
    /// "ecological civilization *construction*"), or whether it is, up to
    /// function words, hyphens and inflection, a listed variant: "Secretary
    /// General Xi Jinping" is "Secretary-General Xi Jinping".
    pub(super) fn garbles_beside(
        &self,
        doc: &Doc,
        candidate: &Hit,
        literal: &Hit,
        cache: &WordCache,
    ) -> bool {
        let text = doc.text();
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
        let inner: Vec<StemId> = words(&text[literal.start..literal.end])
            .filter_map(|(_, _, w)| cache.get(w).and_then(|info| info.stem))
            .collect();
        if heads_with_of(&text[candidate.start..literal.start], fuzzy, &inner, cache) {
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
    pub(super) fn fuzzy_form_of(&self, hit: &Hit) -> Option<&FuzzyForm> {
        hit.form
            .and_then(|f| self.by_form.get(&f))
            .map(|&i| &self.fuzzy_forms[i])
    }

    /// Whether `candidate` may replace the literal hit `literal` it contains:
    /// only if the literal's words all belong to the candidate's form (or
    /// the literal is a wrong rendering of the candidate's inner term), the
    /// candidate's extra words sit on the same side of them as in the form
    /// (or on the other side of a possessive turned round: "the diplomatic
    /// ideology *of* the Supreme Leader" is "Supreme Leader*'s* diplomatic
    /// thought"), and the candidate is as close as a near-miss of a correct
    /// form must be: overriding a correct literal reading needs more than a
    /// plain candidate. A wrong one inside the candidate is still reported,
    /// only as part of the longer phrase, so half that margin will do: the
    /// phrase around "Supreme Leader" is read as "Supreme Leader's
    /// diplomatic thought" garbled, not as a name and some words.
    pub(super) fn may_replace(
        &self,
        text: &str,
        candidate: &Hit,
        literal: &Hit,
        cache: &WordCache,
    ) -> bool {
        let Some(fuzzy) = self.fuzzy_form_of(candidate) else {
            return false;
        };
        let margin = if literal.status.is_finding() {
            CORRECT_FORM_MARGIN / 2.0
        } else {
            CORRECT_FORM_MARGIN
        };
        if candidate.score < self.threshold + margin {
            return false;
        }
        // A wrong rendering of the term inside the candidate's own ("the
        // construction of a *community of common destiny for mankind*" is
        // "building a community with a shared future for mankind" garbled
        // around it) keeps its own wrong words: those of the candidate's
        // form place it.
        let depth = literal
            .status
            .is_finding()
            .then(|| self.inner_term_depth(candidate.concept, literal.concept))
            .flatten();
        let garbles_inner_term = depth.is_some();
        let mut inner = Vec::new();
        for (_, _, word) in words(&text[literal.start..literal.end]) {
            if is_stopword(word) {
                continue;
            }
            // The document's words were all looked up; a literal that
            // starts or ends inside a word cannot be replaced.
            match cache.get(word).and_then(|info| info.stem) {
                Some(stem) if fuzzy.stems.binary_search(&stem).is_ok() => inner.push(stem),
                Some(_) if garbles_inner_term => {}
                _ => return false,
            }
        }
        // Around a garbled inner term, the words of the terms it lies in
        // (down to it) are part of it wherever they stand: "construction of
        // a community of common destiny *for humankind*" reorders "...
        // community of human destiny". The outer term's own words stay on
        // their side: "diplomatic ideology *by* the Supreme Leader" is no
        // "Supreme Leader's diplomatic thought".
        let is_inner_word = |w: &str| {
            let stem = cache.get(w).and_then(|info| info.stem);
            depth.zip(stem).is_some_and(|(depth, stem)| {
                self.inner_terms(candidate.concept)
                    .take(depth + 1)
                    .filter_map(|term| self.vocabulary.get(term))
                    .any(|vocabulary| vocabulary.binary_search(&stem).is_ok())
            })
        };
        let is_content =
            |span: &str| words(span).any(|(_, _, w)| !(is_stopword(w) || is_inner_word(w)));
        // Before a correct literal of its own concept, a word that only
        // the concept's other forms have belongs to the term: "*Chinese*
        // President Xi Jingping" (the full title has "Chinese president").
        // A word of the candidate's own form there is one more
        // ("the *idea* that lucid waters …" is no "… assets's concept").
        let beside_own_correct =
            literal.concept == candidate.concept && !literal.status.is_finding();
        let is_own_word = |w: &str| {
            beside_own_correct && self.only_other_forms_have(cache, candidate.concept, fuzzy, w)
        };
        let extra_before = words(&text[candidate.start..literal.start])
            .any(|(_, _, w)| !(is_stopword(w) || is_inner_word(w) || is_own_word(w)));
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
        // Whether the candidate's extra words before and after the literal
        // have form words on that side: where the form has the literal's
        // words in a row, at any such place (a form may repeat them: "a big
        // country should look like a big country"), else from the first of
        // them to the last.
        let fits = |from: usize, to: usize| {
            let form_before = fuzzy.ordered[..from].iter().any(|s| !inner.contains(s));
            let form_after = fuzzy.ordered[to..].iter().any(|s| !inner.contains(s));
            (!extra_before || form_before, !extra_after || form_after)
        };
        let mut places = fuzzy
            .ordered
            .windows(inner.len())
            .enumerate()
            .filter(|(_, stems)| *stems == inner.as_slice())
            .map(|(at, _)| fits(at, at + inner.len()));
        let first_place = places.next().unwrap_or_else(|| fits(first, last + 1));
        let (before_fits, after_fits) = std::iter::once(first_place)
            .chain(places)
            .find(|&(before, after)| before && after)
            .unwrap_or(first_place);
        let same_sides = before_fits && after_fits;
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
        // civilization", "*Chinese characteristic* great power diplomacy"
        // for "great-power diplomacy with Chinese characteristics" (the
        // other side, if it has words, as in the form); or, before it,
        // joined to it by "of", head first (see [`heads_with_of`]).
        let compounded = |after: bool| {
            if after {
                only_other_form_words(&text[literal.end..candidate.end], fuzzy, &inner, cache)
            } else {
                let before = &text[candidate.start..literal.start];
                only_other_form_words(before, fuzzy, &inner, cache)
                    || heads_with_of(before, fuzzy, &inner, cache)
            }
        };
        // A name turned round inside a longer form that has it as an owner
        // ("Xi Jinping's ecological civilization thought"), the rest of the
        // form after it: "the thought *of Xi Jinping* on ecological
        // civilisation" is the title reordered, not the name and some
        // other words.
        let turned_round_inside = extra_before && extra_after && !before_fits && after_fits;
        // A list's items stand in any order: the literal as one item of
        // the candidate written as the form's list is part of it wherever
        // it stands ("a world of lasting peace, universal security,
        // *common prosperity*, openness, inclusiveness…").
        let is_list_item = || {
            let before = text[candidate.start..literal.start].trim_end();
            let after = text[literal.end..candidate.end].trim_start();
            fuzzy.commas > 0
                && (before.is_empty() || before.ends_with(',') || before.ends_with(" and"))
                && (after.is_empty() || after.starts_with(',') || after.starts_with("and "))
        };
        same_sides
            || (extra_before != extra_after && turned_round())
            || (before_fits != after_fits && compounded(!after_fits))
            || (turned_round_inside && turned_round())
            || is_list_item()
    }

    /// How the form's content words `first..=last` (indices into
    /// `ordered`) stand to the rest of it, read off its word sequence
    /// (articles are not in it; see [`possessive_around`] for text).
    pub(super) fn form_possessive(
        &self,
        fuzzy: &FuzzyForm,
        first: usize,
        last: usize,
    ) -> Option<Possessive> {
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
}

/// Whether the words of `span` are all content words of `fuzzy`'s form
/// other than the literal's (`inner`): the form's words written straight
/// against the literal as a compound.
fn only_other_form_words(
    span: &str,
    fuzzy: &FuzzyForm,
    inner: &[StemId],
    cache: &WordCache,
) -> bool {
    words(span).all(|(_, _, word)| is_other_form_word(word, fuzzy, inner, cache))
}

/// Whether `span`, before a literal hit, is content words that the form
/// has after the literal's (`inner`), joined to it by "of" (and articles):
/// the compound turned round, head first, as machine translation renders
/// 的: "diplomacy *of* heads of state" for "head-of-state diplomacy".
fn heads_with_of(span: &str, fuzzy: &FuzzyForm, inner: &[StemId], cache: &WordCache) -> bool {
    let mut span: Vec<&str> = words(span).map(|(_, _, word)| word).collect();
    while span.last().is_some_and(|w| is_article(w)) {
        span.pop();
    }
    let after_inner = match fuzzy.ordered.iter().rposition(|s| inner.contains(s)) {
        Some(last) => &fuzzy.ordered[last + 1..],
        None => return false,
    };
    // `after_inner` holds form stems only, so this is `is_other_form_word`
    // with the side of the literal checked too.
    span.pop() == Some("of")
        && !span.is_empty()
        && span.into_iter().all(|word| {
            !is_stopword(word)
                && cache
                    .get(word)
                    .and_then(|info| info.stem)
                    .is_some_and(|stem| after_inner.contains(&stem) && !inner.contains(&stem))
        })
}

/// Whether `word` is a content word of `fuzzy`'s form outside `inner`.
fn is_other_form_word(word: &str, fuzzy: &FuzzyForm, inner: &[StemId], cache: &WordCache) -> bool {
    !is_stopword(word)
        && cache
            .get(word)
            .and_then(|info| info.stem)
            .is_some_and(|stem| fuzzy.stems.binary_search(&stem).is_ok() && !inner.contains(&stem))
}
