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
//! 2. **Scoring.** Only candidates are compared with the form, with strsim:
//!    the mean of a token-level Dice coefficient over content stems
//!    (order-tolerant, ignores function words) and a character-bigram
//!    Sørensen-Dice over the content words (tolerant of spelling and
//!    inflection). Candidates that overlap a literal match never count.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Form, FormId, FormKind, Hit, Status};
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

/// Extra words a candidate window may hold beyond the form's own length.
const WINDOW_SLACK: usize = 3;

/// Words that carry no meaning of their own in a term.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "with", "to", "in", "on", "at", "by", "from", "and", "or", "as",
    "is", "are", "be", "its", "it", "this", "that", "these", "those", "our", "my", "their", "his",
    "her", "s", "which", "who", "all", "should", "must", "will", "shall", "would", "can", "into",
    "than", "so", "such",
];

/// Prepositions after a head noun: "community *of* …" has its head first.
const PREPOSITIONS: &[&str] = &["of", "with", "for", "in", "on", "to", "at", "from", "like"];

/// A form prepared for fuzzy comparison.
#[derive(Debug, Clone)]
struct FuzzyForm {
    form: FormId,
    /// Distinct content stems, sorted.
    stems: Vec<StemId>,
    /// The stem a window must contain: the phrase's head noun.
    head: StemId,
    /// How many of `stems` a window must contain.
    need: usize,
    /// Number of words of the form, function words included.
    words: usize,
    /// The content words, spelling-normalized, for character similarity.
    content: String,
}

/// The content-word index over all forms.
#[derive(Debug, Clone)]
pub struct FuzzyIndex {
    stemmer: StemmerBox,
    stems: HashMap<String, StemId>,
    postings: Vec<Vec<ConceptId>>,
    forms_of: HashMap<ConceptId, Vec<FuzzyForm>>,
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

/// Per-thread state: a word → stem cache and buffers.
#[derive(Debug, Default)]
pub struct Scratch {
    cache: HashMap<Box<str>, Option<StemId>>,
    tokens: Vec<Token>,
    candidates: Vec<Hit>,
}

/// Bound on the word cache, so a huge archive's vocabulary cannot grow it forever.
const MAX_CACHED_WORDS: usize = 200_000;

#[derive(Debug, Clone, Copy)]
struct Token {
    /// Index of the word among all words of the text.
    word: usize,
    stem: StemId,
    start: usize,
    end: usize,
}

impl FuzzyIndex {
    /// Indexes the content words of `forms`.
    pub fn build(forms: &[Form], threshold: f32) -> FuzzyIndex {
        let mut index = FuzzyIndex {
            stemmer: StemmerBox(Stemmer::create(Algorithm::English)),
            stems: HashMap::new(),
            postings: Vec::new(),
            forms_of: HashMap::new(),
            threshold,
        };
        for (id, form) in forms.iter().enumerate() {
            let Some(fuzzy) = index.prepare(id, form) else {
                continue;
            };
            for &stem in &fuzzy.stems {
                let posting = &mut index.postings[stem as usize];
                // Capped: a stem of 100,000 concepts must not cost 100,000² steps.
                if posting.len() <= MAX_POSTINGS && !posting.contains(&form.concept) {
                    posting.push(form.concept);
                }
            }
            index.forms_of.entry(form.concept).or_default().push(fuzzy);
        }
        for posting in &mut index.postings {
            if posting.len() > MAX_POSTINGS {
                posting.clear();
            }
        }
        index
    }

    fn prepare(&mut self, id: FormId, form: &Form) -> Option<FuzzyForm> {
        let words: Vec<&str> = words(&form.folded).map(|(_, _, w)| w).collect();
        let head_word = words
            .iter()
            .position(|w| PREPOSITIONS.contains(w))
            .filter(|&p| p > 0)
            .map(|p| words[p - 1])
            .or_else(|| words.iter().rev().find(|w| !is_stopword(w)).copied())?;
        let mut stems = Vec::new();
        let mut content = Vec::new();
        for word in &words {
            if let Some(stem) = self.stem(word) {
                stems.push(self.intern(&stem));
                content.push(american(word));
            }
        }
        let head = self.intern(&self.stem(head_word)?);
        stems.sort_unstable();
        stems.dedup();
        if stems.len() < 2 {
            return None;
        }
        let need = 2.max((stems.len() * 3).div_ceil(5));
        Some(FuzzyForm {
            form: id,
            stems,
            head,
            need,
            words: words.len(),
            content: content.join(" "),
        })
    }

    fn intern(&mut self, stem: &str) -> StemId {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let id = self.postings.len() as StemId;
        self.stems.insert(stem.to_string(), id);
        self.postings.push(Vec::new());
        id
    }

    /// The normalized stem of a folded word, or `None` for function words.
    fn stem(&self, word: &str) -> Option<String> {
        if is_stopword(word) {
            return None;
        }
        let stem = self.stemmer.0.stem(&american(word)).into_owned();
        Some(root(&stem).to_string())
    }

    fn lookup(&self, word: &str, cache: &mut HashMap<Box<str>, Option<StemId>>) -> Option<StemId> {
        if let Some(&hit) = cache.get(word) {
            return hit;
        }
        let id = self.stem(word).and_then(|s| self.stems.get(&s).copied());
        if cache.len() >= MAX_CACHED_WORDS {
            cache.clear();
        }
        cache.insert(word.into(), id);
        id
    }

    /// Appends fuzzy hits in `text` to `hits`, which holds the resolved
    /// literal and pattern hits (sorted, non-overlapping); fuzzy hits never
    /// overlap them.
    pub fn find(&self, text: &str, forms: &[Form], scratch: &mut Scratch, hits: &mut Vec<Hit>) {
        let Scratch {
            cache,
            tokens,
            candidates,
        } = scratch;
        tokens.clear();
        candidates.clear();
        let mut literal = hits.iter().peekable();
        for (word, (start, end, w)) in words(text).enumerate() {
            while literal.next_if(|h| h.end <= start).is_some() {}
            if literal.peek().is_some_and(|h| h.start < end) {
                continue;
            }
            if let Some(stem) = self.lookup(w, cache) {
                tokens.push(Token {
                    word,
                    stem,
                    start,
                    end,
                });
            }
        }
        for (i, anchor) in tokens.iter().enumerate() {
            for &concept in &self.postings[anchor.stem as usize] {
                for fuzzy in self.forms_of.get(&concept).into_iter().flatten() {
                    if fuzzy.stems.binary_search(&anchor.stem).is_err() {
                        continue;
                    }
                    if let Some(hit) = self.candidate(text, forms, fuzzy, &tokens[i..], cache) {
                        candidates.push(hit);
                    }
                }
            }
        }
        // Best score first; keep candidates that overlap neither a literal
        // hit nor a better candidate.
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
        let literal_count = hits.len();
        for candidate in candidates.drain(..) {
            let overlaps = |h: &Hit| h.start < candidate.end && candidate.start < h.end;
            let (literal_hits, fuzzy_hits) = hits.split_at(literal_count);
            let clashes_literal = {
                let after = literal_hits.partition_point(|h| h.end <= candidate.start);
                literal_hits.get(after).is_some_and(overlaps)
            };
            if !clashes_literal && !fuzzy_hits.iter().any(overlaps) {
                hits.push(candidate);
            }
        }
        // A stable sort merges the fuzzy hits into the sorted literal ones.
        hits.sort_by_key(|h| h.start);
    }

    /// Scores the window that starts at `window[0]` against `fuzzy`, if the
    /// window holds enough of its content stems and its head.
    fn candidate(
        &self,
        text: &str,
        forms: &[Form],
        fuzzy: &FuzzyForm,
        window: &[Token],
        cache: &mut HashMap<Box<str>, Option<StemId>>,
    ) -> Option<Hit> {
        let first = window[0];
        let reach = fuzzy.words + WINDOW_SLACK;
        let mut seen: Vec<StemId> = Vec::with_capacity(fuzzy.stems.len());
        let mut last = first;
        for token in window.iter().take_while(|t| t.word - first.word < reach) {
            if fuzzy.stems.binary_search(&token.stem).is_ok() {
                if !seen.contains(&token.stem) {
                    seen.push(token.stem);
                }
                last = *token;
            }
        }
        if seen.len() < fuzzy.need || !seen.contains(&fuzzy.head) {
            return None;
        }
        let span = &text[first.start..last.end];
        // A term does not straddle a clause or sentence boundary.
        if span.contains(['.', ',', ';', ':', '!', '?', '(', ')']) {
            return None;
        }
        let form = &forms[fuzzy.form];
        let needed = match form.kind {
            FormKind::Variant => self.threshold,
            FormKind::Preferred | FormKind::Accepted => self.threshold + CORRECT_FORM_MARGIN,
        };
        let similarity = self.similarity(span, fuzzy, cache);
        if similarity.score < needed {
            return None;
        }
        // All the words of a correct form plus other content words is a
        // sentence that uses the term's words ("the community wants a shared
        // future"), not a garbled rendering of it.
        let has_all_words = similarity.shared == fuzzy.stems.len();
        if form.kind != FormKind::Variant && has_all_words && similarity.extra > 0 {
            return None;
        }
        let score = similarity.score;
        Some(Hit {
            start: first.start,
            end: last.end,
            concept: form.concept,
            status: Status::Fuzzy,
            severity: form.severity.max(Severity::Warning),
            form: Some(fuzzy.form),
            score,
        })
    }

    /// Similarity of a window to a form.
    fn similarity(
        &self,
        span: &str,
        fuzzy: &FuzzyForm,
        cache: &mut HashMap<Box<str>, Option<StemId>>,
    ) -> Similarity {
        let mut window_stems: Vec<StemId> = Vec::new();
        let mut unknown_words = 0usize;
        let mut content = Vec::new();
        for (_, _, word) in words(span) {
            if is_stopword(word) {
                continue;
            }
            content.push(american(word));
            match self.lookup(word, cache) {
                Some(stem) if !window_stems.contains(&stem) => window_stems.push(stem),
                Some(_) => {}
                None => unknown_words += 1,
            }
        }
        let shared = window_stems
            .iter()
            .filter(|s| fuzzy.stems.binary_search(s).is_ok())
            .count();
        let window_size = window_stems.len() + unknown_words;
        let token_dice = 2.0 * shared as f64 / (window_size + fuzzy.stems.len()) as f64;
        let char_dice = strsim::sorensen_dice(&content.join(" "), &fuzzy.content);
        Similarity {
            score: ((token_dice + char_dice) / 2.0) as f32,
            shared,
            extra: window_size - shared,
        }
    }
}

/// How a window compares with a form.
struct Similarity {
    /// Mean of token-level and character-level Dice, in 0..=1.
    score: f32,
    /// Content stems of the form found in the window.
    shared: usize,
    /// Content words of the window that are not in the form.
    extra: usize,
}

fn is_stopword(word: &str) -> bool {
    word.len() < 2 || STOPWORDS.contains(&word)
}

/// Words of folded text: maximal runs of letters and digits, with byte spans.
fn words(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, end, &text[start..end]))
    })
}

/// British → American spelling of the endings that matter in this domain
/// (-isation, -ise, -our, -tre), so both spellings stem alike.
fn american(word: &str) -> String {
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
