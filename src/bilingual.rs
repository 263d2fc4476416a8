//! The bilingual check: where a segment carries its source text, every
//! glossary source term in the source must be rendered in the target.
//!
//! A variant list only catches the wrong renderings someone has seen; the
//! source term catches all of them. When the source of an XLIFF or TMX
//! segment contains 人类命运共同体 and the target contains no form of that
//! concept at all (neither preferred nor accepted, nor a variant, pattern or
//! fuzzy match that is already a finding), the rendering is missing or
//! unrecognisable: that is a finding of its own.
//!
//! Source terms are matched on folded text (full-width forms folded to
//! half-width, case folded) by one Aho-Corasick automaton over all terms,
//! leftmost-longest so that 人类命运共同体 is one term, not also the
//! 命运共同体 inside it. Chinese has no word boundaries; only a term that
//! begins or ends with a Latin letter or digit must not touch another one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, BuildError, Input, MatchKind};

use crate::audit::Occurrences;
use crate::glossary::{ConceptId, Glossary};
use crate::normalize::{Folded, fold_into, fold_str};

/// One automaton over the source terms of every concept.
#[derive(Debug, Clone, Default)]
pub struct SourceIndex {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the concepts with that source term, and the
    /// term as written in the glossary.
    patterns: Vec<(Vec<ConceptId>, String)>,
}

/// A source term whose concept the target does not render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The concept (the first, when several share the source term).
    pub concept: ConceptId,
    /// The source term as written in the glossary.
    pub term: String,
}

impl SourceIndex {
    /// Builds the automaton over the folded `source` terms of `glossary`.
    /// Concepts that share a source term are grouped: a target rendering
    /// any of them satisfies the check.
    pub fn build(glossary: &Glossary) -> Result<SourceIndex, BuildError> {
        let mut surfaces: Vec<String> = Vec::new();
        let mut patterns: Vec<(Vec<ConceptId>, String)> = Vec::new();
        let mut by_surface: HashMap<String, usize> = HashMap::new();
        for (concept, c) in glossary.concepts.iter().enumerate() {
            for term in &c.source {
                let folded = fold_str(term);
                if folded.is_empty() {
                    continue;
                }
                match by_surface.get(&folded) {
                    Some(&i) => {
                        if !patterns[i].0.contains(&concept) {
                            patterns[i].0.push(concept);
                        }
                    }
                    None => {
                        by_surface.insert(folded.clone(), surfaces.len());
                        surfaces.push(folded);
                        patterns.push((vec![concept], term.clone()));
                    }
                }
            }
        }
        if surfaces.is_empty() {
            return Ok(SourceIndex::default());
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&surfaces)?;
        Ok(SourceIndex {
            automaton: Some(automaton),
            patterns,
        })
    }

    /// Returns true if and only if the glossary has no source terms, so no
    /// bilingual check can be made.
    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// The automaton patterns (indices into the internal table) of the
    /// source terms in `source`, each once, in order of first occurrence.
    fn terms_in(&self, source: &str, folded: &mut Folded) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        fold_into(source, folded);
        let text = folded.text.as_str();
        let mut found: Vec<usize> = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let Some(m) = automaton.find(Input::new(text).span(at..text.len())) else {
                break;
            };
            if is_latin_bounded(text, m.start(), m.end()) {
                let pattern = m.pattern().as_usize();
                if !found.contains(&pattern) {
                    found.push(pattern);
                }
                at = m.end();
            } else {
                at = m.start() + 1;
            }
        }
        found
    }

    /// The source terms of `source` that the target does not render: no
    /// occurrence of any concept with that term, whatever its status, is
    /// among the target's `occurrences`. A target with a variant of the
    /// concept already has a finding for it, so it gets no second one.
    pub fn missing(&self, source: &str, occurrences: &Occurrences) -> Vec<Missing> {
        let mut folded = Folded::default();
        self.terms_in(source, &mut folded)
            .into_iter()
            .filter_map(|pattern| {
                let (concepts, term) = &self.patterns[pattern];
                let rendered = occurrences
                    .keys()
                    .any(|(concept, _, _)| concepts.contains(concept));
                (!rendered).then(|| Missing {
                    concept: concepts[0],
                    term: term.clone(),
                })
            })
            .collect()
    }
}

/// Returns true if and only if the match does not begin or end inside a
/// run of Latin letters or digits. CJK characters never need a boundary.
fn is_latin_bounded(text: &str, start: usize, end: usize) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let starts_inside = first.is_some_and(latin) && before.is_some_and(latin);
    let ends_inside = last.is_some_and(latin) && after.is_some_and(latin);
    !starts_inside && !ends_inside
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::glossary::from_csv_str;
    use crate::matcher::Status;

    fn index() -> SourceIndex {
        let glossary = from_csv_str(
            Path::new("g.csv"),
            "id,source,preferred,variants\n\
             community,人类命运共同体,community with a shared future for mankind,community of human destiny\n\
             shared-future,命运共同体,community with a shared future,\n\
             bri,一带一路 | ＢＲＩ,Belt and Road Initiative,\n",
        )
        .unwrap();
        SourceIndex::build(&glossary).unwrap()
    }

    fn occurrences(concepts: &[ConceptId]) -> Occurrences {
        concepts
            .iter()
            .map(|&c| ((c, Status::Variant, String::new()), 1))
            .collect()
    }

    #[test]
    fn longest_source_term_wins_and_full_width_folds() {
        let index = index();
        let missing = index.missing("构建人类命运共同体，推进一带一路", &occurrences(&[]));
        let terms: Vec<_> = missing.iter().map(|m| m.term.as_str()).collect();
        assert_eq!(terms, ["人类命运共同体", "一带一路"]);
        let half_width = index.missing("the BRI forum", &occurrences(&[]));
        assert_eq!(half_width.len(), 1);
        assert_eq!(half_width[0].concept, 2);
        assert!(index.missing("the BRIGADE", &occurrences(&[])).is_empty());
    }

    #[test]
    fn any_occurrence_of_the_concept_satisfies_the_check() {
        let index = index();
        assert!(
            index
                .missing("人类命运共同体", &occurrences(&[0]))
                .is_empty()
        );
        assert_eq!(index.missing("人类命运共同体", &occurrences(&[1])).len(), 1);
        assert!(
            SourceIndex::default()
                .missing("人类命运共同体", &occurrences(&[]))
                .is_empty()
        );
    }
}
