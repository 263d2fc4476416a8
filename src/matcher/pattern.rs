//! Glossary `patterns`, all in one multi-pattern regex: the text is scanned
//! once for the next place where any of them starts, and only there is it
//! asked which patterns match and how far.

use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::{ConceptInfo, Hit, REGEX_SIZE_LIMIT, Status, compile_regex, regex_source};
use crate::glossary::ConceptId;

/// The patterns of every concept in one leftmost-first regex.
///
/// A `RegexSet` pass ("which patterns occur?") followed by each occurring
/// pattern's own regex read the text several times and ran at a quarter of
/// the speed of one leftmost search. That search names only the first
/// pattern matching at a start; the others that may match there (by the
/// first bytes of the literals their matches must begin with) are asked
/// one by one, with searches anchored to that start and that pattern.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    leftmost: Regex,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    concept: ConceptId,
    /// The bytes a match may start with (indexed by byte), or `None` when
    /// the pattern's prefixes are not a finite set of literals.
    first_bytes: Option<Box<[bool; 256]>>,
}

impl PatternMatcher {
    /// Compiles the patterns. On failure (a size limit), the error names the
    /// first pattern that does not compile alone.
    pub fn build(patterns: Vec<(ConceptId, String)>) -> Result<PatternMatcher, PatternError> {
        // Parsed once: the regex is built from these, and each pattern's
        // first bytes read off them.
        let (leftmost, hirs) = patterns
            .iter()
            .map(|(_, p)| regex_syntax::parse(&regex_source(p)).map_err(|e| e.to_string()))
            .collect::<Result<Vec<Hir>, String>>()
            .and_then(|hirs| Ok((meta_regex(&hirs)?, hirs)))
            .map_err(|whole| blame(&patterns, whole))?;
        let patterns = patterns
            .into_iter()
            .zip(&hirs)
            .map(|((concept, _), hir)| Pattern {
                concept,
                first_bytes: first_bytes(hir),
            })
            .collect();
        Ok(PatternMatcher { leftmost, patterns })
    }

    /// Appends to `out`, at every position where some pattern matches, the
    /// match of each pattern that matches there.
    ///
    /// Matches of different patterns may overlap, as they may with literal
    /// forms: choosing among them is `resolve`'s job, so all are reported.
    pub fn find(&self, text: &str, concepts: &[ConceptInfo], out: &mut Vec<Hit>) {
        if self.patterns.is_empty() {
            return;
        }
        let mut at = 0;
        while let Some(next) = self.leftmost.search(&Input::new(text).span(at..text.len())) {
            let start = next.start();
            let first = text.as_bytes().get(start).copied();
            for (index, pattern) in self.patterns.iter().enumerate() {
                let end = if index == next.pattern().as_usize() {
                    Some(next.end())
                } else if pattern
                    .first_bytes
                    .as_ref()
                    .is_some_and(|bytes| first.is_none_or(|b| !bytes[usize::from(b)]))
                {
                    None
                } else {
                    let here = Input::new(text)
                        .span(start..text.len())
                        .anchored(Anchored::Pattern(PatternID::new_unchecked(index)));
                    self.leftmost.search(&here).map(|m| m.end())
                };
                if let Some(end) = end.filter(|&end| end > start) {
                    out.push(Hit {
                        start,
                        end,
                        concept: pattern.concept,
                        status: Status::Pattern,
                        severity: concepts[pattern.concept].severity,
                        form: None,
                        score: 1.0,
                    });
                }
            }
            at = next_char_boundary(text, start);
            if at >= text.len() {
                break;
            }
        }
    }
}

/// The error for patterns that do not compile together: the first one
/// that does not compile alone, else the reason `whole` they do not.
fn blame(patterns: &[(ConceptId, String)], whole: String) -> PatternError {
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
}

/// One leftmost-first regex over the parsed patterns, within the size limit.
fn meta_regex(hirs: &[Hir]) -> Result<Regex, String> {
    Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)))
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

/// The bytes a match of `hir` can start with, when its matches all begin
/// with one of a finite set of literals (every pattern of the bundled
/// glossary does).
fn first_bytes(hir: &Hir) -> Option<Box<[bool; 256]>> {
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let mut bytes = Box::new([false; 256]);
    for literal in prefixes.literals()? {
        bytes[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(bytes)
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
