//! Accepted forms that combine. An accepted form often changes a few words
//! of the preferred form: "*Party* Central Committee with Comrade Xi
//! Jinping at its core" and "CPC Central Committee with Comrade Xi Jinping
//! *as the* core" are both correct, so "*Party* Central Committee with
//! Comrade Xi Jinping *as the* core" is too. A glossary lists the changes,
//! not every product of them; without this the product reads as a near
//! miss of both.

use crate::normalize::fold_str;

/// Edits of the preferred form beyond this many are not combined (2^n
/// products). Fewer than two have no product.
const MAX_EDITS: usize = 8;

/// The forms that two or more accepted forms' changes of `preferred` make
/// together, where each accepted form has the preferred form's number of
/// words and the changes touch different words. Words are compared folded;
/// a changed word is written as its accepted form writes it. The forms
/// `accepted` already lists are left out; the caller checks the rest
/// against the glossary's other forms.
pub(super) fn combined_forms(preferred: &str, accepted: &[String]) -> Vec<String> {
    let words: Vec<&str> = preferred.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold_str(w)).collect();
    // Each accepted form's changes: the positions and words it writes there.
    let mut edits: Vec<Vec<(usize, &str)>> = Vec::new();
    for form in accepted {
        let form_words: Vec<&str> = form.split_whitespace().collect();
        if form_words.len() != words.len() {
            continue;
        }
        let changes: Vec<(usize, &str)> = form_words
            .iter()
            .enumerate()
            .filter(|&(at, word)| fold_str(word) != folded[at])
            .map(|(at, &word)| (at, word))
            .collect();
        if !changes.is_empty() && !edits.contains(&changes) {
            edits.push(changes);
        }
    }
    if !(2..=MAX_EDITS).contains(&edits.len()) {
        return Vec::new();
    }
    let listed: Vec<String> = accepted.iter().map(|a| fold_str(a)).collect();
    let mut combined = Vec::new();
    for subset in 1u32..(1 << edits.len()) {
        if subset.count_ones() < 2 {
            continue;
        }
        let chosen = edits
            .iter()
            .enumerate()
            .filter(|(i, _)| subset & (1 << i) != 0)
            .flat_map(|(_, edit)| edit);
        let mut form = words.clone();
        let mut touched = vec![false; words.len()];
        let mut disjoint = true;
        for &(at, word) in chosen {
            disjoint &= !std::mem::replace(&mut touched[at], true);
            form[at] = word;
        }
        let form = form.join(" ");
        if disjoint && !listed.contains(&fold_str(&form)) && !combined.contains(&form) {
            combined.push(form);
        }
    }
    combined
}

#[cfg(test)]
mod tests {
    use super::combined_forms;
    use crate::normalize::fold_str;
    use proptest::prelude::*;

    fn strings(forms: &[&str]) -> Vec<String> {
        forms.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn changes_of_different_words_combine() {
        let accepted = strings(&[
            "Party Central Committee with Comrade Xi Jinping at its core",
            "CPC Central Committee with Comrade Xi Jinping at the core",
            "CPC Central Committee with Comrade Xi Jinping as the core",
        ]);
        assert_eq!(
            combined_forms(
                "CPC Central Committee with Comrade Xi Jinping at its core",
                &accepted
            ),
            strings(&[
                "Party Central Committee with Comrade Xi Jinping at the core",
                "Party Central Committee with Comrade Xi Jinping as the core",
            ])
        );
    }

    #[test]
    fn changes_of_the_same_word_or_of_the_length_do_not() {
        let accepted = strings(&[
            // The same word changed two ways: alternatives, no product.
            "new type of major-country relations",
            "new form of major-country relations",
            // Another length: its words do not line up.
            "new model of relations between major countries",
            // Case alone is no change.
            "New Model of Major-Country Relations",
        ]);
        assert!(combined_forms("new model of major-country relations", &accepted).is_empty());
    }

    proptest! {
        /// Any forms: no panic, and every product has the preferred form's
        /// words but two or more changed, and is none of the listed forms.
        #[test]
        fn products_keep_the_shape(
            preferred in "[a-c ]{0,12}",
            accepted in proptest::collection::vec("[a-cA-C ]{0,12}", 0..12),
        ) {
            let listed: Vec<String> = accepted.iter().map(|a| fold_str(a)).collect();
            let words: Vec<&str> = preferred.split_whitespace().collect();
            for form in combined_forms(&preferred, &accepted) {
                let form_words: Vec<&str> = form.split_whitespace().collect();
                prop_assert_eq!(form_words.len(), words.len());
                let changed = form_words
                    .iter()
                    .zip(&words)
                    .filter(|(a, b)| fold_str(a) != fold_str(b))
                    .count();
                prop_assert!(changed >= 2, "{:?}", form);
                prop_assert!(!listed.contains(&fold_str(&form)), "{:?}", form);
            }
        }
    }
}
