//! Turning raw hits into a deterministic, non-overlapping list.

use super::{ConceptInfo, Hit};

/// Sorts `hits` by position and drops every hit that overlaps one kept
/// before it. At the same start the longest wins, then the more specific
/// kind (literal form, then pattern, then fuzzy), then the lower concept
/// index, so the result never depends on the order hits were produced in.
pub fn resolve(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.status.cmp(&b.status))
            .then(a.concept.cmp(&b.concept))
    });
    let mut covered_to = 0;
    hits.retain(|hit| {
        if hit.start < covered_to {
            return false;
        }
        covered_to = hit.end;
        true
    });
}

/// Drops findings whose surrounding sentence matches one of their concept's
/// exceptions ("Supreme Leader" of Iran is right).
pub fn apply_exceptions(text: &str, concepts: &[ConceptInfo], hits: &mut Vec<Hit>) {
    hits.retain(|hit| {
        let exceptions = &concepts[hit.concept].exceptions;
        if !hit.status.is_finding() || exceptions.is_empty() {
            return true;
        }
        let sentence = sentence_around(text, hit.start, hit.end);
        !exceptions.iter().any(|regex| regex.is_match(sentence))
    });
}

/// The sentence containing `start..end`: from after the previous sentence
/// end (`.`, `!`, `?` followed by whitespace) to the next, at most ~400
/// bytes either way so that text without punctuation stays cheap.
pub(super) fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    &text[sentence_range(text, start, end)]
}

/// Where [`sentence_around`] finds the sentence, as a byte range of `text`.
pub(super) fn sentence_range(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    const REACH: usize = 400;
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
    };
    let floor = start.saturating_sub(REACH);
    let mut from = start;
    while from > floor && !is_end(from - 1) {
        from -= 1;
    }
    let ceiling = (end + REACH).min(bytes.len());
    let mut to = end;
    while to < ceiling && !is_end(to) {
        to += 1;
    }
    let to = (to + 1).min(bytes.len());
    let from = (0..=from)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let to = (to..=bytes.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(bytes.len());
    from..to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_bounded_by_punctuation() {
        let text = "first one. iran's supreme leader spoke today. next.";
        let at = text.find("supreme").unwrap();
        assert_eq!(
            sentence_around(text, at, at + 14),
            " iran's supreme leader spoke today."
        );
    }
}
