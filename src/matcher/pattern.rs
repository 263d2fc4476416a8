//! Glossary `patterns`, all in one multi-pattern regex: the text is scanned
//! once for the next place where any of them starts, and only there is it
//! asked which patterns match and how far.

use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};

use super::{ConceptInfo, Hit, REGEX_SIZE_LIMIT, Status, compile_regex, regex_source};
use crate::glossary::ConceptId;

/// The patterns of every concept, compiled twice over the same sources.
///
/// A `RegexSet` pass ("which patterns occur?") followed by each occurring
/// pattern's own regex read the text several times and ran at a quarter of
/// the speed of a single leftmost search, which is what `leftmost` does.
/// `every` exists to answer, at one start, which patterns match there: a
/// leftmost search names only the first.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    leftmost: Regex,
    every: Regex,
    concepts: Vec<ConceptId>,
}

impl PatternMatcher {
    /// Compiles the patterns. On failure (a size limit), the error names the
    /// first pattern that does not compile alone.
    pub fn build(patterns: Vec<(ConceptId, String)>) -> Result<PatternMatcher, PatternError> {
        let sources: Vec<String> = patterns.iter().map(|(_, p)| regex_source(p)).collect();
        let build = |kind: MatchKind| {
            Regex::builder()
                .configure(
                    meta::Config::new()
                        .match_kind(kind)
                        .nfa_size_limit(Some(REGEX_SIZE_LIMIT)),
                )
                .build_many(&sources)
                .map_err(|e| e.to_string())
        };
        let blame = |whole: String| {
            patterns
                .iter()
                .find_map(|(concept, source)| {
                    compile_regex(source).err().map(|error| PatternError {
                        concept: Some((*concept, source.clone())),
                        reason: error.to_string(),
                    })
                })
                .unwrap_or(PatternError {
                    concept: None,
                    reason: whole,
                })
        };
        let leftmost = build(MatchKind::LeftmostFirst).map_err(blame)?;
        let every = build(MatchKind::All).map_err(blame)?;
        Ok(PatternMatcher {
            leftmost,
            every,
            concepts: patterns.into_iter().map(|(concept, _)| concept).collect(),
        })
    }

    /// Appends to `out`, at every position where some pattern matches, the
    /// match of each pattern that matches there.
    ///
    /// Matches of different patterns may overlap, as they may with literal
    /// forms: choosing among them is `resolve`'s job, so all are reported.
    pub fn find(&self, text: &str, concepts: &[ConceptInfo], out: &mut Vec<Hit>) {
        if self.concepts.is_empty() {
            return;
        }
        let mut matching = PatternSet::new(self.concepts.len());
        let mut at = 0;
        while let Some(next) = self.leftmost.search(&Input::new(text).span(at..text.len())) {
            let start = next.start();
            matching.clear();
            let here = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            self.every.which_overlapping_matches(&here, &mut matching);
            for pattern in matching.iter() {
                self.push_match(text, start, pattern, concepts, out);
            }
            at = next_char_boundary(text, start);
            if at >= text.len() {
                break;
            }
        }
    }

    /// Appends `pattern`'s own (leftmost-first) match at `start`, if it is
    /// not empty.
    fn push_match(
        &self,
        text: &str,
        start: usize,
        pattern: PatternID,
        concepts: &[ConceptInfo],
        out: &mut Vec<Hit>,
    ) {
        let own = Input::new(text)
            .span(start..text.len())
            .anchored(Anchored::Pattern(pattern));
        let Some(m) = self.leftmost.search(&own).filter(|m| !m.is_empty()) else {
            return;
        };
        let concept = self.concepts[pattern.as_usize()];
        out.push(Hit {
            start: m.start(),
            end: m.end(),
            concept,
            status: Status::Pattern,
            severity: concepts[concept].severity,
            form: None,
            score: 1.0,
        });
    }
}

/// The first character boundary after `at` (or the end of `text`).
fn next_char_boundary(text: &str, at: usize) -> usize {
    (at + 1..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// Why the patterns did not compile.
#[derive(Debug)]
pub struct PatternError {
    /// The concept and pattern to blame, when one fails on its own.
    pub concept: Option<(ConceptId, String)>,
    /// The regex crate's reason.
    pub reason: String,
}
