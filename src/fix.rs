//! Rewriting known wrong renderings to the preferred form.
//!
//! As in ruff, a fix is a list of edits with an applicability: replacing a
//! listed variant, exactly as listed, is *safe*; replacing an inflected
//! variant, a pattern match or a fuzzy match is *unsafe* (the grammar around
//! it or the judgement may be wrong) and is only applied on request.

use crate::audit::Finding;
use crate::matcher::{MINOR_WORDS, Matcher, Status, recased};
use crate::normalize::fold_str;

/// Whether an edit may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// A listed variant, as listed: applied by `fix`.
    Safe,
    /// Applied only with `--unsafe`; otherwise suggested.
    Unsafe,
}

/// Replace `start..end` of the original text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The new text, in the case pattern of the old.
    pub replacement: String,
    /// Safe or not.
    pub applicability: Applicability,
}

/// The edit that fixes each finding of `text`, in text order.
pub fn edits(matcher: &Matcher, text: &str, findings: &[Finding]) -> Vec<Edit> {
    findings
        .iter()
        .map(|finding| {
            let preferred = &matcher.concepts()[finding.concept].preferred;
            let original = &text[finding.start..finding.end];
            let folded = fold_str(original);
            let is_listed_as_is = finding.status == Status::Variant
                && finding
                    .form
                    .is_some_and(|form| matcher.forms()[form].folded == folded);
            // A case slip takes the glossary's case, not the text's.
            let replacement = if folded == fold_str(preferred) {
                recased(&text[..finding.start], original, preferred)
            } else {
                match_case(preferred, original)
            };
            Edit {
                start: finding.start,
                end: finding.end,
                replacement,
                applicability: if is_listed_as_is {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            }
        })
        .collect()
}

/// Applies non-overlapping `edits` (in text order) to `text`.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.start < at {
            continue;
        }
        out.push_str(&text[at..edit.start]);
        out.push_str(&edit.replacement);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `replacement` in the case pattern of `original`: ALL CAPS, Title Case,
/// or a capital first letter (sentence start). Otherwise `replacement` is
/// kept as the glossary writes it, proper nouns included.
pub fn match_case(replacement: &str, original: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let has_lower = letters.iter().any(|c| c.is_lowercase());
    if letters.len() > 1 && !has_lower {
        return replacement.to_uppercase();
    }
    let words: Vec<&str> = original.split_whitespace().collect();
    let is_capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let content_words: Vec<&&str> = words
        .iter()
        .filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.len() > 1 && content_words.len() > 1 && content_words.iter().all(|w| is_capitalized(w))
    {
        return replacement
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i > 0 && MINOR_WORDS.contains(&w) {
                    w.to_string()
                } else {
                    capitalize(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    if words.first().is_some_and(is_capitalized) {
        return capitalize(replacement);
    }
    replacement.to_string()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_case_pattern() {
        let preferred = "community with a shared future for mankind";
        for (original, expected) in [
            (
                "community of human destiny",
                "community with a shared future for mankind",
            ),
            (
                "Community of human destiny",
                "Community with a shared future for mankind",
            ),
            (
                "Community of Human Destiny",
                "Community with a Shared Future for Mankind",
            ),
            (
                "COMMUNITY OF HUMAN DESTINY",
                "COMMUNITY WITH A SHARED FUTURE FOR MANKIND",
            ),
        ] {
            assert_eq!(match_case(preferred, original), expected, "{original}");
        }
        assert_eq!(match_case("Xi Jinping", "supreme leader"), "Xi Jinping");
        assert_eq!(match_case("Xi Jinping", "Supreme Leader"), "Xi Jinping");
        assert_eq!(match_case("China", "my country"), "China");
    }

    #[test]
    fn applies_edits_back_to_back() {
        let edit = |start, end, replacement: &str| Edit {
            start,
            end,
            replacement: replacement.to_string(),
            applicability: Applicability::Safe,
        };
        let (a, b) = (edit(0, 3, "ONE"), edit(4, 7, "TWO"));
        assert_eq!(apply("one two three", &[&a, &b]), "ONE TWO three");
        assert_eq!(apply("one two three", &[]), "one two three");
    }
}
