//! Per-concept tallies of the window sliding over a document.

use super::{FuzzyIndex, StemId};

/// What the window at an anchor holds, kept up to date as the window slides
/// over the document: each token enters and leaves once, so the cost is its
/// posting lists, not a recount per anchor. Empty between documents.
#[derive(Debug, Default)]
pub(super) struct WindowCounts {
    /// Per stem: how many of the window's tokens have it.
    pub(super) tokens_of_stem: Vec<u32>,
    /// Per concept: how many distinct stems of it the window holds.
    pub(super) stems_of_concept: Vec<u32>,
    /// Per concept: how many distinct stems of the window are a head noun of it.
    pub(super) heads_of_concept: Vec<u32>,
}

impl WindowCounts {
    pub(super) fn fit(&mut self, stems: usize, concepts: usize) {
        self.tokens_of_stem.resize(stems, 0);
        self.stems_of_concept.resize(concepts, 0);
        self.heads_of_concept.resize(concepts, 0);
    }

    pub(super) fn is_empty(&self) -> bool {
        [
            &self.tokens_of_stem,
            &self.stems_of_concept,
            &self.heads_of_concept,
        ]
        .iter()
        .all(|counts| counts.iter().all(|&n| n == 0))
    }

    pub(super) fn enter(&mut self, index: &FuzzyIndex, stem: StemId) {
        let count = &mut self.tokens_of_stem[stem as usize];
        *count += 1;
        if *count == 1 {
            for &concept in &index.postings[stem as usize] {
                self.stems_of_concept[concept] += 1;
            }
            for &concept in &index.heads[stem as usize] {
                self.heads_of_concept[concept] += 1;
            }
        }
    }

    pub(super) fn leave(&mut self, index: &FuzzyIndex, stem: StemId) {
        let count = &mut self.tokens_of_stem[stem as usize];
        *count -= 1;
        if *count == 0 {
            for &concept in &index.postings[stem as usize] {
                self.stems_of_concept[concept] -= 1;
            }
            for &concept in &index.heads[stem as usize] {
                self.heads_of_concept[concept] -= 1;
            }
        }
    }
}
