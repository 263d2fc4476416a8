//! Fuzzy findings grouped by the text found: the unlisted wrong renderings a
//! terminologist may want to add to the glossary as variants.

use std::collections::BTreeMap;

use crate::audit::AuditRun;
use crate::matcher::{Matcher, Status};

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

/// Every distinct fuzzy found text (case-insensitive) per concept, most
/// frequent first, then best score, then text. Empty when fuzzy matching
/// found nothing or was off.
pub fn candidates(matcher: &Matcher, run: &AuditRun) -> Vec<Candidate> {
    let mut by_text: BTreeMap<(String, usize), Candidate> = BTreeMap::new();
    for (_, finding) in run.findings() {
        if finding.status != Status::Fuzzy {
            continue;
        }
        let nearest = finding
            .form
            .map(|f| matcher.forms()[f].text.clone())
            .unwrap_or_default();
        let key = (finding.found.to_lowercase(), finding.concept);
        let entry = by_text.entry(key).or_insert_with(|| Candidate {
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
    let mut rows: Vec<Candidate> = by_text.into_values().collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.best_score.total_cmp(&a.best_score))
            .then(a.found.to_lowercase().cmp(&b.found.to_lowercase()))
            .then(a.concept.cmp(&b.concept))
    });
    rows
}
