//! All literal forms, and their inflections, in one Aho-Corasick automaton.

use std::collections::HashMap;

use aho_corasick::{BuildError, Input, MatchKind};

use super::automaton::SizedAutomaton;
use super::{Form, FormId, FormKind, Hit, Status, inflect};

/// The automaton and, per automaton pattern, the form it stands for.
#[derive(Debug, Clone)]
pub struct ExactMatcher {
    /// Leftmost-longest over the folded forms and their inflections.
    pub(super) automaton: SizedAutomaton,
    pattern_form: Vec<FormId>,
}

impl ExactMatcher {
    /// Builds the automaton over the folded forms, their British spellings
    /// and the inflections of both. A listed form always beats a generated
    /// surface of another form.
    pub fn build(forms: &[Form]) -> Result<ExactMatcher, BuildError> {
        let mut surfaces: Vec<Vec<u8>> = Vec::with_capacity(forms.len() * 3);
        let mut pattern_form = Vec::with_capacity(forms.len() * 3);
        let mut seen: HashMap<String, ()> = HashMap::with_capacity(forms.len() * 3);
        for (id, form) in forms.iter().enumerate() {
            if seen.insert(form.folded.clone(), ()).is_none() {
                surfaces.push(form.folded.clone().into_bytes());
                pattern_form.push(id);
            }
        }
        for (id, form) in forms.iter().enumerate() {
            let mut generated = inflect::inflections(&form.folded);
            if let Some(british) = inflect::british(&form.folded) {
                generated.extend(inflect::inflections(&british));
                generated.push(british);
            }
            for surface in generated {
                if seen.insert(surface.clone(), ()).is_none() {
                    surfaces.push(surface.into_bytes());
                    pattern_form.push(id);
                }
            }
        }
        Ok(ExactMatcher {
            automaton: SizedAutomaton::build(surfaces, MatchKind::LeftmostLongest)?,
            pattern_form,
        })
    }

    /// Appends the word-bounded leftmost-longest matches in `text` to `out`.
    ///
    /// When the longest match at a position is not bounded by non-word
    /// characters ("xi" in "xinhua"), the search resumes one byte later.
    pub fn find(&self, text: &str, forms: &[Form], out: &mut Vec<Hit>) {
        let automaton = self.automaton.get();
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
