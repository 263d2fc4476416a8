//! Glossary `patterns`: one `RegexSet` pass tells which patterns occur at
//! all, and only those run again to find where.

use std::sync::OnceLock;

use regex::{Regex, RegexSet};

use super::{ConceptInfo, Hit, Status, compile_regex, regex_source};
use crate::glossary::ConceptId;

/// The pattern prefilter and the individual regexes.
///
/// Each pattern's own regex is compiled the first time the set says it
/// occurs: most texts contain few of them, and compiling all of them up front
/// was a third of `check`'s start-up.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    set: RegexSet,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    concept: ConceptId,
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl PatternMatcher {
    /// Builds the set from patterns that parse. On failure (a size limit),
    /// the error names the first pattern that does not compile alone.
    pub fn build(patterns: Vec<(ConceptId, String)>) -> Result<PatternMatcher, PatternError> {
        let set = regex::RegexSetBuilder::new(patterns.iter().map(|(_, p)| regex_source(p)))
            .size_limit(super::REGEX_SIZE_LIMIT)
            .build()
            .map_err(|set_error| {
                patterns
                    .iter()
                    .find_map(|(concept, source)| {
                        compile_regex(source).err().map(|error| PatternError {
                            concept: Some((*concept, source.clone())),
                            error,
                        })
                    })
                    .unwrap_or(PatternError {
                        concept: None,
                        error: set_error,
                    })
            })?;
        let patterns = patterns
            .into_iter()
            .map(|(concept, source)| Pattern {
                concept,
                source,
                regex: OnceLock::new(),
            })
            .collect();
        Ok(PatternMatcher { set, patterns })
    }

    /// Appends the matches of every pattern that occurs in `text` to `out`.
    pub fn find(&self, text: &str, concepts: &[ConceptInfo], out: &mut Vec<Hit>) {
        if self.patterns.is_empty() {
            return;
        }
        for index in self.set.matches(text).iter() {
            let pattern = &self.patterns[index];
            // The set compiled with this pattern in it, so it compiles alone
            // within the same limit; `None` is only a guard.
            let Some(regex) = pattern
                .regex
                .get_or_init(|| compile_regex(&pattern.source).ok())
            else {
                continue;
            };
            for m in regex.find_iter(text).filter(|m| !m.is_empty()) {
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    concept: pattern.concept,
                    status: Status::Pattern,
                    severity: concepts[pattern.concept].severity,
                    form: None,
                    score: 1.0,
                });
            }
        }
    }
}

/// Why the pattern set did not compile.
#[derive(Debug)]
pub struct PatternError {
    /// The concept and pattern to blame, when one fails on its own.
    pub concept: Option<(ConceptId, String)>,
    /// The regex crate's reason.
    pub error: regex::Error,
}
