//! The glossary's own tests: each concept's `must_flag` sentences must
//! produce a finding of that concept, and its `must_pass` sentences must
//! produce no finding at all. A glossary whose tests fail does not load.

pub mod cache;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::audit::{Scratch, audit_text_with};
use crate::error::{GlossaryError, GlossaryErrors};
use crate::glossary::{Concept, ConceptId, Glossary, load_paths};
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

/// Whether a load may rely on a remembered pass of the same self-tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfTests {
    /// Run them now (what `glossary check` does); a pass is remembered.
    Run,
    /// Skip them when this glossary, these options and this binary passed
    /// before; see [`cache`].
    RunUnlessPassed,
}

/// Loads the glossaries at `paths`, compiles them and runs their self-tests,
/// remembering passes in [`cache::default_folder`].
pub fn load_checked(
    paths: &[PathBuf],
    options: MatchOptions,
    self_tests: SelfTests,
) -> Result<Checked, GlossaryErrors> {
    load_checked_in(
        paths,
        options,
        self_tests,
        cache::default_folder().as_deref(),
    )
}

/// [`load_checked`] with passes remembered in `cache` (`None`: not at all).
pub fn load_checked_in(
    paths: &[PathBuf],
    options: MatchOptions,
    self_tests: SelfTests,
    cache: Option<&Path>,
) -> Result<Checked, GlossaryErrors> {
    let glossary = load_paths(paths)?;
    let matcher = Matcher::compile_with(&glossary, options)?;
    let marker = cache.and_then(|folder| cache::PassMarker::new(folder, &glossary, options));
    let remembered = match self_tests {
        SelfTests::Run => None,
        SelfTests::RunUnlessPassed => marker.as_ref().and_then(|m| m.passed()),
    };
    let self_tests = match remembered {
        Some(count) => count,
        None => {
            let count = run(&glossary, &matcher)?;
            if let Some(marker) = &marker {
                marker.record(count);
            }
            count
        }
    };
    Ok(Checked {
        glossary,
        matcher,
        self_tests,
    })
}

/// Runs every self-test sentence; returns how many passed, or every failure
/// in glossary order.
pub fn run(glossary: &Glossary, matcher: &Matcher) -> Result<usize, GlossaryErrors> {
    let outcomes: Vec<(usize, Vec<GlossaryError>)> = glossary
        .concepts
        .par_iter()
        .enumerate()
        // One scratch per worker: its word cache stays warm.
        .map_init(Scratch::default, |scratch, (id, concept)| {
            run_concept(matcher, id, concept, scratch)
        })
        .collect();
    let passed = outcomes.iter().map(|(passed, _)| passed).sum();
    let errors: Vec<GlossaryError> = outcomes.into_iter().flat_map(|(_, e)| e).collect();
    if errors.is_empty() {
        Ok(passed)
    } else {
        Err(GlossaryErrors(errors))
    }
}

/// Runs one concept's self-tests: how many passed, and the failures.
fn run_concept(
    matcher: &Matcher,
    id: ConceptId,
    concept: &Concept,
    scratch: &mut Scratch,
) -> (usize, Vec<GlossaryError>) {
    let mut errors = Vec::new();
    let mut passed = 0;
    let fail = |column: &str, sentence: &str, reason: String| {
        GlossaryError::new(
            &concept.origin.path,
            concept.origin.locate(column, Some(sentence)),
            reason,
        )
    };
    for sentence in &concept.must_flag {
        let report = audit_text_with(matcher, "must_flag", sentence, scratch);
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
        let report = audit_text_with(matcher, "must_pass", sentence, scratch);
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
    (passed, errors)
}
