//! All literal forms, their inflections and their common slips, in one
//! Aho-Corasick automaton.

use std::collections::HashMap;

use aho_corasick::{BuildError, Input, MatchKind};

use super::automaton::SizedAutomaton;
use super::fuzzy::words;
use super::{Form, FormId, FormKind, FormOrigin, Hit, Status, inflect};
use crate::glossary::Severity;

/// The automaton and, per automaton pattern, what it stands for.
#[derive(Debug, Clone)]
pub struct ExactMatcher {
    /// Leftmost-longest over the folded forms, their inflections and slips.
    pub(super) automaton: SizedAutomaton,
    surfaces: Vec<Surface>,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy)]
struct Surface {
    form: FormId,
    /// For a surface that is a common slip in writing a correct form, its
    /// similarity to the form, as a fuzzy finding's score: the plural of
    /// a proper name (see [`inflect::is_proper_name`]), or the country's
    /// name for its adjective (see [`inflect::country_for_demonym`]).
    slip: Option<f32>,
    /// For a correct surface: whether some listed variant's surface begins
    /// with its last words, so that one may overlap its end (see
    /// [`ExactMatcher::variant_reaching_past`]).
    ends_where_variant_begins: bool,
}

impl Surface {
    /// Whether it is a listed variant or its inflection (slips are only
    /// generated from correct forms).
    fn is_variant(&self, forms: &[Form]) -> bool {
        forms[self.form].kind == FormKind::Variant
    }
}

/// How a surface was generated from a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Generated {
    /// An inflection or spelling of the form itself.
    Inflection,
    /// The plural of a proper name: a slip.
    NamePlural,
    /// The country's name for its adjective: a slip.
    CountryName,
}

impl ExactMatcher {
    /// Builds the automaton over the folded forms, their British spellings
    /// and the inflections of both. A listed form always beats a generated
    /// surface of another form. With fuzzy matching on (`fuzzy_threshold`),
    /// the common slips in writing a correct form (see [`Surface::slip`])
    /// are near-misses of it when the two are that similar.
    pub fn build(forms: &[Form], fuzzy_threshold: Option<f32>) -> Result<ExactMatcher, BuildError> {
        let mut patterns: Vec<Vec<u8>> = Vec::with_capacity(forms.len() * 3);
        let mut surfaces = Vec::with_capacity(forms.len() * 3);
        let mut seen: HashMap<String, ()> = HashMap::with_capacity(forms.len() * 3);
        // Forms spelled out of patterns are the patterns' to match.
        let listed = || {
            forms
                .iter()
                .enumerate()
                .filter(|(_, f)| f.origin != FormOrigin::Pattern)
        };
        for (id, form) in listed() {
            if seen.insert(form.folded.clone(), ()).is_none() {
                patterns.push(form.folded.clone().into_bytes());
                surfaces.push(Surface {
                    form: id,
                    slip: None,
                    ends_where_variant_begins: false,
                });
            }
        }
        for (id, form) in listed() {
            let british = inflect::british(&form.folded);
            let plurals = inflect::inflections(&form.folded)
                .into_iter()
                .chain(british.iter().flat_map(|b| inflect::inflections(b)));
            let is_correct = form.kind != FormKind::Variant;
            let plural_kind = if is_correct && inflect::is_proper_name(&form.text) {
                Generated::NamePlural
            } else {
                Generated::Inflection
            };
            // The country surfaces and their plurals.
            let country = if is_correct {
                inflect::country_for_demonym(&form.folded)
            } else {
                Vec::new()
            };
            let country = country.into_iter().flat_map(|c| {
                let plurals = inflect::inflections(&c);
                std::iter::once(c).chain(plurals)
            });
            let generated = plurals
                .map(|plural| (plural, plural_kind))
                .chain(british.clone().map(|b| (b, Generated::Inflection)))
                .chain(country.map(|c| (c, Generated::CountryName)));
            for (surface, kind) in generated {
                let slip = fuzzy_threshold
                    .filter(|_| kind != Generated::Inflection)
                    .and_then(|threshold| {
                        let score = strsim::sorensen_dice(&surface, &form.folded) as f32;
                        (score >= threshold).then_some(score)
                    });
                // Without fuzzy matching (or below its threshold) a name's
                // plural is the name inflected, as before; the country
                // name is never the form.
                if slip.is_none() && kind == Generated::CountryName {
                    continue;
                }
                if seen.insert(surface.clone(), ()).is_none() {
                    patterns.push(surface.into_bytes());
                    surfaces.push(Surface {
                        form: id,
                        slip,
                        ends_where_variant_begins: false,
                    });
                }
            }
        }
        mark_ends_where_variants_begin(&patterns, &mut surfaces, forms);
        Ok(ExactMatcher {
            automaton: SizedAutomaton::build(patterns, MatchKind::LeftmostLongest)?,
            surfaces,
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
                let surface = self.surfaces[m.pattern().as_usize()];
                let hit = surface
                    .ends_where_variant_begins
                    .then(|| self.variant_reaching_past(text, forms, &m))
                    .flatten()
                    .unwrap_or_else(|| self.hit(&m, forms));
                at = hit.end;
                out.push(hit);
            } else {
                at = m.start() + 1;
            }
        }
    }

    /// The hit of the automaton match `m`.
    fn hit(&self, m: &aho_corasick::Match, forms: &[Form]) -> Hit {
        let surface = self.surfaces[m.pattern().as_usize()];
        let form = &forms[surface.form];
        let (status, severity, score) = match (surface.slip, form.kind) {
            // As fuzzy findings are.
            (Some(score), _) => (Status::Fuzzy, form.severity.max(Severity::Warning), score),
            (None, FormKind::Preferred) => (Status::Preferred, form.severity, 1.0),
            (None, FormKind::Accepted) => (Status::Accepted, form.severity, 1.0),
            (None, FormKind::Variant) => (Status::Variant, form.severity, 1.0),
        };
        Hit {
            start: m.start(),
            end: m.end(),
            concept: form.concept,
            status,
            severity,
            form: Some(surface.form),
            score,
        }
    }

    /// A listed variant that begins inside the correct match `correct` and
    /// ends after it, which then stands instead of it: in "jointly building
    /// the Belt and Road Strategy" the accepted "jointly building the Belt
    /// and Road" would hide the variant "Belt and Road strategy" that makes
    /// the phrase wrong. Only the bytes a variant beginning inside the
    /// match can reach are searched.
    fn variant_reaching_past(
        &self,
        text: &str,
        forms: &[Form],
        correct: &aho_corasick::Match,
    ) -> Option<Hit> {
        let automaton = self.automaton.get();
        // The longest pattern is as far past the match as a variant that
        // begins inside it can reach.
        let reach = (correct.end() + automaton.max_pattern_len()).min(text.len());
        let mut from = correct.start() + 1;
        while from < correct.end() {
            let m = automaton.find(Input::new(text).span(from..reach))?;
            if m.start() >= correct.end() {
                return None;
            }
            let surface = self.surfaces[m.pattern().as_usize()];
            if m.end() > correct.end()
                && surface.is_variant(forms)
                && is_word_bounded(text, m.start(), m.end())
            {
                return Some(self.hit(&m, forms));
            }
            from = m.start() + 1;
        }
        None
    }
}

/// Marks the correct surfaces whose last words (from a word's start to the
/// end) are the first words (up to a word's end, not all) of a variant's
/// surface. Words are those of [`words`], as [`is_word_bounded`] bounds
/// matches.
fn mark_ends_where_variants_begin(patterns: &[Vec<u8>], surfaces: &mut [Surface], forms: &[Form]) {
    // Every pattern is a folded form's text.
    fn text_of(pattern: &[u8]) -> &str {
        std::str::from_utf8(pattern).unwrap_or_default()
    }
    let mut variant_openings: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (pattern, surface) in patterns.iter().zip(surfaces.iter()) {
        if surface.is_variant(forms) {
            // A variant that reaches past a correct match overlaps it with
            // less than its whole self.
            let text = text_of(pattern);
            let openings = words(text).map(|(_, end, _)| &text[..end]);
            variant_openings.extend(openings.filter(|opening| opening.len() < text.len()));
        }
    }
    for (pattern, surface) in patterns.iter().zip(surfaces.iter_mut()) {
        if surface.slip.is_some() || surface.is_variant(forms) {
            continue;
        }
        let text = text_of(pattern);
        surface.ends_where_variant_begins =
            words(text).any(|(start, _, _)| start > 0 && variant_openings.contains(&text[start..]));
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
