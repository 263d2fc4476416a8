//! Glossary `patterns`: one `RegexSet` pass tells which patterns occur at
//! all, and only those run again to find where.

use regex::{Regex, RegexSet};

use super::{ConceptInfo, Hit, Status};
use crate::glossary::ConceptId;

/// The pattern prefilter and the individual regexes.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    set: RegexSet,
    regexes: Vec<(ConceptId, Regex)>,
}

impl PatternMatcher {
    /// Builds the set from already compiled (and so valid) regexes.
    pub fn build(regexes: Vec<(ConceptId, Regex)>) -> Result<PatternMatcher, regex::Error> {
        let set = regex::RegexSetBuilder::new(regexes.iter().map(|(_, r)| r.as_str()))
            .case_insensitive(true)
            .size_limit(1 << 24)
            .build()?;
        Ok(PatternMatcher { set, regexes })
    }

    /// Appends the matches of every pattern that occurs in `text` to `out`.
    pub fn find(&self, text: &str, concepts: &[ConceptInfo], out: &mut Vec<Hit>) {
        if self.regexes.is_empty() {
            return;
        }
        for index in self.set.matches(text).iter() {
            let (concept, regex) = &self.regexes[index];
            for m in regex.find_iter(text).filter(|m| !m.is_empty()) {
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    concept: *concept,
                    status: Status::Pattern,
                    severity: concepts[*concept].severity,
                    form: None,
                    score: 1.0,
                });
            }
        }
    }
}
