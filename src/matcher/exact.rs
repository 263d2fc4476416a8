//! All literal forms, and their inflections, in one Aho-Corasick automaton.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, BuildError, Input, MatchKind};

use super::{Form, FormId, FormKind, Hit, Status, inflect};

/// Above this many bytes of patterns, a DFA (a state per pattern byte, a
/// transition per byte class) is no longer small: glossaries that large
/// keep the contiguous NFA. The bundled glossary has about 54 KB.
pub(super) const DFA_MAX_PATTERN_BYTES: usize = 200_000;

/// From this much input on, the DFA is worth building. On the bundled
/// glossary it takes ~35 ms of one core more to build than the contiguous
/// NFA and scans in half its time (0.6 s instead of 1.3 s of a 56 MB
/// audit), which pays from about 3 MB; below, a draft or a few files
/// would mostly wait for it.
const DFA_MIN_INPUT_BYTES: u64 = 4_000_000;

/// The automaton and, per automaton pattern, the form it stands for.
#[derive(Debug, Clone)]
pub struct ExactMatcher {
    /// The contiguous NFA: quick to build.
    nfa: AhoCorasick,
    /// The same patterns as a DFA, once [`ExactMatcher::prepare_for`] finds
    /// the input large enough (`None` inside when it could not be built).
    dfa: OnceLock<Option<AhoCorasick>>,
    /// The automaton's patterns, to build the DFA from.
    surfaces: Vec<String>,
    pattern_form: Vec<FormId>,
}

impl ExactMatcher {
    /// Builds the automaton over the folded forms and their inflections. A
    /// listed form always beats a generated inflection of another form.
    pub fn build(forms: &[Form]) -> Result<ExactMatcher, BuildError> {
        let mut surfaces: Vec<String> = Vec::with_capacity(forms.len() * 3);
        let mut pattern_form = Vec::with_capacity(forms.len() * 3);
        let mut seen: HashMap<String, ()> = HashMap::with_capacity(forms.len() * 3);
        for (id, form) in forms.iter().enumerate() {
            if seen.insert(form.folded.clone(), ()).is_none() {
                surfaces.push(form.folded.clone());
                pattern_form.push(id);
            }
        }
        for (id, form) in forms.iter().enumerate() {
            for inflected in inflect::inflections(&form.folded) {
                if seen.insert(inflected.clone(), ()).is_none() {
                    surfaces.push(inflected);
                    pattern_form.push(id);
                }
            }
        }
        Ok(ExactMatcher {
            nfa: automaton(&surfaces, AhoCorasickKind::ContiguousNFA)?,
            dfa: OnceLock::new(),
            surfaces,
            pattern_form,
        })
    }

    /// Readies the automaton for an input of documents of `sizes` bytes:
    /// from a few megabytes on (and unless the glossary is huge), builds the
    /// faster DFA. The sizes are read only until they reach that, so an
    /// archive's files need not all be measured. The matches are the same
    /// either way.
    pub fn prepare_for(&self, sizes: impl IntoIterator<Item = u64>) {
        let pattern_bytes: usize = self.surfaces.iter().map(String::len).sum();
        if pattern_bytes > DFA_MAX_PATTERN_BYTES {
            return;
        }
        let mut input_bytes = 0;
        let is_large = sizes.into_iter().any(|size| {
            input_bytes += size;
            input_bytes >= DFA_MIN_INPUT_BYTES
        });
        if is_large {
            self.dfa
                .get_or_init(|| automaton(&self.surfaces, AhoCorasickKind::DFA).ok());
        }
    }

    /// Whether the DFA is in use.
    #[cfg(test)]
    pub(super) fn has_dfa(&self) -> bool {
        self.dfa.get().is_some_and(Option::is_some)
    }

    /// Appends the word-bounded leftmost-longest matches in `text` to `out`.
    ///
    /// When the longest match at a position is not bounded by non-word
    /// characters ("xi" in "xinhua"), the search resumes one byte later.
    pub fn find(&self, text: &str, forms: &[Form], out: &mut Vec<Hit>) {
        let automaton = self.dfa.get().and_then(Option::as_ref).unwrap_or(&self.nfa);
        let mut at = 0;
        while at < text.len() {
            let Some(m) = automaton.find(Input::new(text).span(at..text.len())) else {
                break;
            };
            if is_word_bounded(text, m.start(), m.end()) {
                let form_id = self.pattern_form[m.pattern().as_usize()];
                let form = &forms[form_id];
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    concept: form.concept,
                    status: match form.kind {
                        FormKind::Preferred => Status::Preferred,
                        FormKind::Accepted => Status::Accepted,
                        FormKind::Variant => Status::Variant,
                    },
                    severity: form.severity,
                    form: Some(form_id),
                    score: 1.0,
                });
                at = m.end();
            } else {
                at = m.start() + 1;
            }
        }
    }
}

/// The leftmost-longest automaton of `surfaces`, of the given kind.
fn automaton(surfaces: &[String], kind: AhoCorasickKind) -> Result<AhoCorasick, BuildError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(surfaces)
}

/// Returns true if and only if `text[start..end]` neither starts nor ends
/// inside a word. Only edges that are themselves word characters need a
/// boundary, so a form may begin or end with punctuation.
pub fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let start_ok = !(first.is_some_and(is_word) && before.is_some_and(is_word));
    let end_ok = !(last.is_some_and(is_word) && after.is_some_and(is_word));
    start_ok && end_ok
}
