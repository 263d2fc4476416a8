//! Measuring precision and recall on labelled text, and by leaving each
//! listed variant out of the glossary.
//!
//! Labelled text marks spans inline: `[[span text|concept-id|label]]`, where
//! `label` is `wrong` (must be flagged with that concept), `canonical` (must
//! not be flagged) or `plain` (ordinary English, must not be flagged). Any
//! finding that does not land on a `wrong` span of its concept is a false
//! positive.

use std::collections::{BTreeMap, HashMap};

use crate::audit::{Finding, audit_text};
use crate::glossary::Glossary;
use crate::matcher::{MatchOptions, Matcher, Status, is_word_bounded};
use crate::normalize::fold_str;

/// What a labelled span should produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// A wrong rendering: must be flagged with its concept.
    Wrong,
    /// A correct rendering: must not be flagged.
    Canonical,
    /// Ordinary English near a term: must not be flagged.
    Plain,
}

/// A labelled span of the stripped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte offset in the stripped text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Concept id (`-` for none).
    pub concept: String,
    /// What it should produce.
    pub label: Label,
}

/// A labelled document: the text without markup and its spans.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// Name shown in reports.
    pub name: String,
    /// Text with the markup removed.
    pub text: String,
    /// Spans in text order.
    pub spans: Vec<Span>,
}

/// Strips `[[text|concept|label]]` markup; errors name the byte offset.
pub fn parse_labelled(name: &str, marked: &str) -> Result<Labelled, String> {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").ok_or_else(|| {
            format!(
                "{name}: unclosed [[ at byte {}",
                marked.len() - rest.len() + open
            )
        })?;
        let inner = &after[..close];
        let mut parts = inner.rsplitn(3, '|');
        let (label, concept, span_text) = (parts.next(), parts.next(), parts.next());
        let (Some(label), Some(concept), Some(span_text)) = (label, concept, span_text) else {
            return Err(format!("{name}: malformed label [[{inner}]]"));
        };
        let label = match label.trim() {
            "wrong" => Label::Wrong,
            "canonical" => Label::Canonical,
            "plain" => Label::Plain,
            other => return Err(format!("{name}: unknown label {other:?} in [[{inner}]]")),
        };
        spans.push(Span {
            start: text.len(),
            end: text.len() + span_text.len(),
            concept: concept.trim().to_string(),
            label,
        });
        text.push_str(span_text);
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Ok(Labelled {
        name: name.to_string(),
        text,
        spans,
    })
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings on a wrong span of their concept.
    pub tp: usize,
    /// Findings anywhere else.
    pub fp: usize,
    /// Wrong spans without a finding of their concept.
    pub fn_: usize,
}

impl Counts {
    /// tp ÷ (tp + fp); 1 when nothing was reported.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp ÷ (tp + fn); 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The outcome of auditing a labelled corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusEval {
    /// Labelled spans per label: wrong, canonical, plain.
    pub spans: [usize; 3],
    /// All findings against all wrong spans.
    pub overall: Counts,
    /// Wrong spans the glossary lists (caught without fuzzy matching) vs not.
    pub listed: Counts,
    /// Wrong spans the glossary does not list: the fuzzy matcher's job.
    pub unlisted: Counts,
    /// Precision per finding kind (`variant`, `pattern`, `fuzzy`).
    pub by_kind: BTreeMap<&'static str, Counts>,
    /// Per concept id.
    pub by_concept: BTreeMap<String, Counts>,
    /// Canonical or plain spans that got a finding: must stay empty.
    pub flagged_correct: Vec<String>,
    /// False positives, for inspection: (document, found, concept).
    pub false_positives: Vec<(String, String, String)>,
    /// Missed wrong spans, for inspection: (document, text, concept).
    pub misses: Vec<(String, String, String)>,
}

fn overlaps(f: &Finding, s: &Span) -> bool {
    f.start < s.end && s.start < f.end
}

/// Audits each labelled document with `matcher` and compares with the labels.
/// `literal` (the same glossary without fuzzy matching) decides which wrong
/// spans count as listed.
pub fn evaluate(
    glossary: &Glossary,
    matcher: &Matcher,
    literal: &Matcher,
    docs: &[Labelled],
) -> CorpusEval {
    let concept_id = |i: usize| glossary.concepts[i].id.as_str();
    let terms = Terms::new(glossary);
    let names = |i: usize, label: &str| terms.names(i, label);
    let mut eval = CorpusEval::default();
    for doc in docs {
        let findings = audit_text(matcher, &doc.name, &doc.text).findings;
        let literal_findings = audit_text(literal, &doc.name, &doc.text).findings;
        let mut used = vec![false; findings.len()];
        for span in &doc.spans {
            eval.spans[span.label as usize] += 1;
            let span_text = doc.text[span.start..span.end].to_string();
            if span.label != Label::Wrong {
                if findings.iter().any(|f| overlaps(f, span)) {
                    let label = match span.label {
                        Label::Canonical => "canonical",
                        _ => "plain",
                    };
                    eval.flagged_correct.push(format!(
                        "{}: {span_text:?} ({}, {label})",
                        doc.name, span.concept
                    ));
                }
                continue;
            }
            let is_listed = literal_findings
                .iter()
                .any(|f| overlaps(f, span) && names(f.concept, &span.concept));
            let hit = findings
                .iter()
                .enumerate()
                .find(|(i, f)| !used[*i] && overlaps(f, span) && names(f.concept, &span.concept));
            let bucket = if is_listed {
                &mut eval.listed
            } else {
                &mut eval.unlisted
            };
            let concept = eval.by_concept.entry(span.concept.clone()).or_default();
            match hit {
                Some((i, f)) => {
                    used[i] = true;
                    bucket.tp += 1;
                    concept.tp += 1;
                    eval.overall.tp += 1;
                    eval.by_kind.entry(f.status.as_str()).or_default().tp += 1;
                }
                None => {
                    bucket.fn_ += 1;
                    concept.fn_ += 1;
                    eval.overall.fn_ += 1;
                    eval.misses
                        .push((doc.name.clone(), span_text, span.concept.clone()));
                }
            }
        }
        for (finding, _) in findings.iter().zip(&used).filter(|(_, used)| !**used) {
            // A second finding inside an already matched wrong span is not an
            // extra error in the text; only findings elsewhere are false.
            let inside_matched = doc.spans.iter().any(|s| {
                s.label == Label::Wrong
                    && overlaps(finding, s)
                    && names(finding.concept, &s.concept)
            });
            if inside_matched {
                continue;
            }
            eval.overall.fp += 1;
            if finding.status == Status::Fuzzy {
                eval.unlisted.fp += 1;
            } else {
                eval.listed.fp += 1;
            }
            eval.by_kind.entry(finding.status.as_str()).or_default().fp += 1;
            let concept = concept_id(finding.concept).to_string();
            eval.by_concept.entry(concept.clone()).or_default().fp += 1;
            eval.false_positives
                .push((doc.name.clone(), finding.found.clone(), concept));
        }
    }
    eval
}

/// Each concept's folded preferred form, by id: what tells whether a
/// finding names a labelled term.
struct Terms<'g> {
    glossary: &'g Glossary,
    by_id: HashMap<&'g str, usize>,
    folded: Vec<String>,
}

impl<'g> Terms<'g> {
    fn new(glossary: &'g Glossary) -> Terms<'g> {
        Terms {
            glossary,
            by_id: glossary
                .concepts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
            folded: glossary
                .concepts
                .iter()
                .map(|c| fold_str(&c.preferred))
                .collect(),
        }
    }

    /// Whether a finding of concept `found` names the term labelled
    /// `label`: the same concept, or one whose preferred form holds the
    /// other's ("building a community with a shared future for mankind" and
    /// "community with a shared future for mankind"), since a wrong
    /// rendering of the longer term is one of the shorter, and labels and
    /// findings may take either.
    fn names(&self, found: usize, label: &str) -> bool {
        if self.glossary.concepts[found].id == label {
            return true;
        }
        let Some(&labelled) = self.by_id.get(label) else {
            return false;
        };
        let (a, b) = (&self.folded[found], &self.folded[labelled]);
        let holds = |outer: &str, inner: &str| {
            outer
                .match_indices(inner)
                .any(|(at, _)| is_word_bounded(outer, at, at + inner.len()))
        };
        holds(a, b) || holds(b, a)
    }
}

/// One listed variant's leave-one-out outcome.
#[derive(Debug, Clone)]
pub struct LeftOut {
    /// The concept the variant belongs to.
    pub concept: String,
    /// The variant text.
    pub variant: String,
    /// Its occurrences in the texts.
    pub occurrences: usize,
    /// Occurrences still flagged with the right concept without it.
    pub caught: usize,
    /// Occurrences flagged with another concept instead.
    pub wrong_concept: usize,
    /// Kinds of the findings that caught it (`fuzzy`, or `variant` when
    /// another listed form covers it).
    pub caught_by: BTreeMap<&'static str, usize>,
}

/// For every listed variant that occurs in `texts`: remove it from the
/// glossary, audit the texts where it occurs, and see whether it is still
/// flagged, and with which concept.
pub fn leave_one_out(
    glossary: &Glossary,
    options: MatchOptions,
    texts: &[(String, String)],
) -> Vec<LeftOut> {
    let literal = match Matcher::compile_with(
        glossary,
        MatchOptions {
            fuzzy_threshold: None,
        },
    ) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    let audits: Vec<Vec<Finding>> = texts
        .iter()
        .map(|(name, text)| audit_text(&literal, name, text).findings)
        .collect();
    let mut results = Vec::new();
    for (concept_index, concept) in glossary.concepts.iter().enumerate() {
        for (variant_index, variant) in concept.variants.iter().enumerate() {
            // Occurrences: literal findings of exactly this form.
            let form_id = literal
                .forms()
                .iter()
                .position(|f| f.concept == concept_index && f.text == variant.text);
            let occurrences: Vec<(usize, usize, usize)> = audits
                .iter()
                .enumerate()
                .flat_map(|(doc, findings)| {
                    findings
                        .iter()
                        .filter(|f| {
                            f.form.is_some() && f.form == form_id && f.status == Status::Variant
                        })
                        .map(move |f| (doc, f.start, f.end))
                })
                .collect();
            if occurrences.is_empty() {
                continue;
            }
            let mut reduced = glossary.clone();
            reduced.concepts[concept_index]
                .variants
                .remove(variant_index);
            let Ok(matcher) = Matcher::compile_with(&reduced, options) else {
                continue;
            };
            let mut outcome = LeftOut {
                concept: concept.id.clone(),
                variant: variant.text.clone(),
                occurrences: occurrences.len(),
                caught: 0,
                wrong_concept: 0,
                caught_by: BTreeMap::new(),
            };
            let mut cache: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
            for (doc, start, end) in occurrences {
                let findings = cache
                    .entry(doc)
                    .or_insert_with(|| audit_text(&matcher, &texts[doc].0, &texts[doc].1).findings);
                let mut on_span = findings.iter().filter(|f| f.start < end && start < f.end);
                match on_span.clone().find(|f| f.concept == concept_index) {
                    Some(f) => {
                        outcome.caught += 1;
                        *outcome.caught_by.entry(f.status.as_str()).or_default() += 1;
                    }
                    None if on_span.next().is_some() => outcome.wrong_concept += 1,
                    None => {}
                }
            }
            results.push(outcome);
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_and_records_spans() {
        let doc = parse_labelled("d", "We build [[a|b c|x|wrong]] and [[y|-|plain]].").unwrap();
        assert_eq!(doc.text, "We build a|b c and y.");
        assert_eq!(&doc.text[doc.spans[0].start..doc.spans[0].end], "a|b c");
        assert_eq!(doc.spans[0].concept, "x");
        assert_eq!(doc.spans[1].label, Label::Plain);
        assert!(parse_labelled("d", "[[a|b|odd]]").is_err());
        assert!(parse_labelled("d", "[[a|b|wrong").is_err());
    }

    #[test]
    fn a_finding_of_a_term_inside_or_around_the_labelled_one_names_it() {
        let glossary = crate::glossary::from_csv_str(
            std::path::Path::new("g.csv"),
            "id,preferred\n\
             outer,building a community with a shared future\n\
             inner,community with a shared future\n\
             part,community\n\
             other,communities of practice\n",
        )
        .unwrap();
        let id = |name: &str| glossary.concepts.iter().position(|c| c.id == name).unwrap();
        let terms = Terms::new(&glossary);
        assert!(terms.names(id("outer"), "inner"));
        assert!(terms.names(id("inner"), "outer"));
        assert!(terms.names(id("inner"), "inner"));
        // Words, not letters: "community" is not inside "communities".
        assert!(!terms.names(id("part"), "other"));
        assert!(!terms.names(id("other"), "inner"));
    }

    #[test]
    fn precision_recall_f1() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 2,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.8).abs() < 1e-9);
        assert!((c.f1() - 0.8).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
