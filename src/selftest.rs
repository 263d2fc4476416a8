//! The glossary's own tests: each concept's `must_flag` sentences must
//! produce a finding of that concept, and its `must_pass` sentences must
//! produce no finding at all. A glossary whose tests fail does not load.

use std::path::PathBuf;

use crate::audit::{Scratch, audit_text_with};
use crate::error::{GlossaryError, GlossaryErrors};
use crate::glossary::{Glossary, load_paths};
use crate::matcher::{MatchOptions, Matcher};

/// A glossary that loaded, validated, compiled and passed its self-tests.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The concepts.
    pub glossary: Glossary,
    /// The compiled matcher.
    pub matcher: Matcher,
    /// How many self-test sentences passed.
    pub self_tests: usize,
}

/// Loads the glossaries at `paths`, compiles them and runs their self-tests.
pub fn load_checked(paths: &[PathBuf], options: MatchOptions) -> Result<Checked, GlossaryErrors> {
    let glossary = load_paths(paths)?;
    let matcher = Matcher::compile_with(&glossary, options)?;
    let self_tests = run(&glossary, &matcher)?;
    Ok(Checked {
        glossary,
        matcher,
        self_tests,
    })
}

/// Runs every self-test sentence; returns how many passed, or every failure.
pub fn run(glossary: &Glossary, matcher: &Matcher) -> Result<usize, GlossaryErrors> {
    let mut errors = Vec::new();
    let mut passed = 0;
    // One scratch for all sentences: its word cache stays warm.
    let mut scratch = Scratch::default();
    for (id, concept) in glossary.concepts.iter().enumerate() {
        let fail = |column: &str, sentence: &str, reason: String| {
            GlossaryError::new(
                &concept.origin.path,
                concept.origin.locate(column, Some(sentence)),
                reason,
            )
        };
        for sentence in &concept.must_flag {
            let report = audit_text_with(matcher, "must_flag", sentence, &mut scratch);
            if report.findings.iter().any(|f| f.concept == id) {
                passed += 1;
            } else {
                errors.push(fail(
                    "must_flag",
                    sentence,
                    format!(
                        "self-test of {:?} failed: no finding of it in {sentence:?}",
                        concept.id
                    ),
                ));
            }
        }
        for sentence in &concept.must_pass {
            let report = audit_text_with(matcher, "must_pass", sentence, &mut scratch);
            match report.findings.first() {
                None => passed += 1,
                Some(finding) => errors.push(fail(
                    "must_pass",
                    sentence,
                    format!(
                        "self-test of {:?} failed: {:?} is flagged as {:?} in {sentence:?}",
                        concept.id,
                        finding.found,
                        matcher.concepts()[finding.concept].id
                    ),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(passed)
    } else {
        Err(GlossaryErrors(errors))
    }
}
