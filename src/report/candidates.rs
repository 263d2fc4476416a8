//! Fuzzy findings grouped by the text found: the unlisted wrong renderings a
//! terminologist may want to add to the glossary as variants.

use std::collections::BTreeMap;

use crate::audit::{AuditRun, DocReport};
use crate::matcher::{Matcher, Status};
use crate::normalize::fold_str;

/// One distinct text that fuzzy matching reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The text found, as first seen (case and all).
    pub found: String,
    /// The concept it was taken for.
    pub concept: String,
    /// How often it was found.
    pub count: u64,
    /// The best similarity score among its findings.
    pub best_score: f32,
    /// The listed form nearest to it, at the best score.
    pub nearest: String,
    /// The context of its first finding, to judge it without opening a file.
    pub example: String,
}

/// Fuzzy findings accumulated document by document; bounded by the number
/// of distinct texts found, not by the number of findings.
#[derive(Debug, Default)]
pub struct CandidateTable {
    by_text: BTreeMap<(String, usize), Candidate>,
}

impl CandidateTable {
    /// Adds the fuzzy findings of `doc`.
    pub fn add_doc(&mut self, matcher: &Matcher, doc: &DocReport) {
        for finding in doc.findings.iter().filter(|f| f.status == Status::Fuzzy) {
            let form = finding.form.map(|f| &matcher.forms()[f]);
            // A case slip cannot be listed: it folds to the form itself.
            if form.is_some_and(|form| form.folded == fold_str(&finding.found)) {
                continue;
            }
            let nearest = form.map(|form| form.text.clone()).unwrap_or_default();
            let key = (finding.found.to_lowercase(), finding.concept);
            let entry = self.by_text.entry(key).or_insert_with(|| Candidate {
                found: finding.found.clone(),
                concept: matcher.concepts()[finding.concept].id.clone(),
                count: 0,
                best_score: finding.score,
                nearest: nearest.clone(),
                example: finding.context.clone(),
            });
            entry.count += 1;
            if finding.score > entry.best_score {
                entry.best_score = finding.score;
                entry.nearest = nearest;
            }
        }
    }

    /// The candidates, most frequent first, then best score, then text.
    pub fn into_rows(self) -> Vec<Candidate> {
        let mut rows: Vec<Candidate> = self.by_text.into_values().collect();
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.best_score.total_cmp(&a.best_score))
                .then(a.found.to_lowercase().cmp(&b.found.to_lowercase()))
                .then(a.concept.cmp(&b.concept))
        });
        rows
    }
}

/// Every distinct fuzzy found text (case-insensitive) per concept, most
/// frequent first, then best score, then text. Empty when fuzzy matching
/// found nothing or was off.
pub fn candidates(matcher: &Matcher, run: &AuditRun) -> Vec<Candidate> {
    let mut table = CandidateTable::default();
    for doc in &run.docs {
        table.add_doc(matcher, doc);
    }
    table.into_rows()
}
