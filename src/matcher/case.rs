//! Correct forms written in the wrong case: "Chinese dream" for "Chinese
//! Dream", "global development initiative" for "Global Development
//! Initiative", "Socialism with Chinese characteristics" in mid-sentence.
//! Matching folds case, so each is a literal hit of the correct form; here
//! the text's case is compared with the form's, word by word.

use super::fuzzy::{SINGULAR_DETERMINERS, is_article, is_numeral, is_stopword, words};
use super::resolve::sentence_around;
use super::{Form, FormId, FormKind, Hit, Status};
use crate::glossary::Severity;
use crate::normalize::Folded;

/// Small words that Title Case leaves lowercase.
pub const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "for", "with", "to", "in", "on", "at", "by", "as", "but",
    "nor",
];

/// Turns the correct literal hits in `hits` whose text departs from their
/// form's case into near-misses of it (scored by character similarity, at
/// `threshold` or above), of severity info: the words are right.
///
/// A sentence without a single capital letter (lower-cased machine
/// translation output, a lower-cased corpus, or such lines among cased
/// ones) says nothing of case: no slips there.
pub fn mark_slips(text: &str, folded: &Folded, forms: &[Form], threshold: f32, hits: &mut [Hit]) {
    for hit in hits {
        if !matches!(hit.status, Status::Preferred | Status::Accepted) {
            continue;
        }
        let Some(id) = hit.form else {
            continue;
        };
        let form = &forms[id];
        let (start, end) = folded.original_span(text, hit.start, hit.end);
        let found = &text[start..end];
        // Most hits are the form as written: nothing to compare.
        if found == form.text {
            continue;
        }
        // Looked up only for a hit that departs from its form.
        if !writes_case(text, start, end) {
            continue;
        }
        let before = Before::of(&text[..start]);
        if reads_as_count(found, form, before.mid_sentence)
            || reads_as_words(found, form, before.mid_sentence)
            || casings(forms, id).any(|casing| !differs(found, &casing.text, before))
        {
            continue;
        }
        let score = strsim::normalized_levenshtein(found, &form.text) as f32;
        if score >= threshold {
            hit.status = Status::Fuzzy;
            hit.severity = Severity::Info;
            hit.score = score;
        }
    }
}

/// Drops the literal hits of an acronym form ("CCP", "OBOR") written all
/// in lower case in a sentence that writes case: there "ccp" is an
/// identifier or part of a file name ("tree-ssa-ccp.cc"), no acronym. In a
/// sentence without capitals it is the acronym lower-cased, and stays.
pub fn drop_lowercase_acronyms(text: &str, folded: &Folded, forms: &[Form], hits: &mut Vec<Hit>) {
    hits.retain(|hit| {
        let Some(id) = hit.form else {
            return true;
        };
        if !is_acronym(&forms[id].text) {
            return true;
        }
        let (start, end) = folded.original_span(text, hit.start, hit.end);
        text[start..end].chars().any(char::is_uppercase) || !writes_case(text, start, end)
    });
}

/// Whether the sentence around `start..end` of `text` has a capital
/// letter: lower-cased text says nothing of case.
fn writes_case(text: &str, start: usize, end: usize) -> bool {
    sentence_around(text, start, end)
        .chars()
        .any(char::is_uppercase)
}

/// Whether a form is an acronym: two capital letters or more and nothing
/// else.
fn is_acronym(form: &str) -> bool {
    form.len() >= 2 && form.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `found` is all in lower case but for the capital that starts a
/// sentence (where `mid_sentence` is false).
fn is_lower_case(found: &str, mid_sentence: bool) -> bool {
    let rest = if mid_sentence {
        found
    } else {
        found.get(1..).unwrap_or(found)
    };
    !rest.chars().any(char::is_uppercase)
}

/// Whether `found`, all in lower case but for the capital that starts a
/// sentence (`mid_sentence` false), writes a short accepted form of a
/// name, two content words or fewer: in lower case those are ordinary
/// words ("seat *belt and road* safety", "*Belt and road* safety matters
/// to cyclists", "*xi*" the letter), where the full name in lower case
/// ("the belt and road initiative") is still a slip.
fn reads_as_words(found: &str, form: &Form, mid_sentence: bool) -> bool {
    form.kind == FormKind::Accepted
        && is_lower_case(found, mid_sentence)
        && words(&form.folded)
            .filter(|&(_, _, word)| !is_stopword(word))
            .count()
            <= 2
}

/// Whether `found`, all in lower case but for the capital that starts a
/// sentence, writes a name that starts with a capitalised number word
/// ("Two Establishments", "Four Confidences"): in lower case the words
/// read as a count, "the two establishments on Harbor Street" being a pub
/// and a bakery, and "Two establishments in Wan Chai were fined" two
/// restaurants. A name that starts in lower case keeps its capitals
/// ("one-China principle").
fn reads_as_count(found: &str, form: &Form, mid_sentence: bool) -> bool {
    is_lower_case(found, mid_sentence)
        && words(&form.text).next().is_some_and(|(_, _, first)| {
            first.starts_with(|c: char| c.is_uppercase()) && is_numeral(&first.to_lowercase())
        })
}

/// Drops the fuzzy hits that are a correct form as a title writes it, every
/// word capitalised but the minor ones and its articles left out: "Xi
/// Calls For Building Community With Shared Future For Mankind" is a
/// headline, which drops articles; in running text the same words are a
/// slip.
pub fn drop_title_forms(text: &str, folded: &Folded, forms: &[Form], hits: &mut Vec<Hit>) {
    let without_articles = |words: &[&str]| -> Vec<String> {
        words
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| !is_article(w))
            .collect()
    };
    hits.retain(|hit| {
        let Some(form) = hit.form.map(|id| &forms[id]) else {
            return true;
        };
        if hit.status != Status::Fuzzy || form.kind == FormKind::Variant {
            return true;
        }
        let (start, end) = folded.original_span(text, hit.start, hit.end);
        let found: Vec<&str> = words(&text[start..end]).map(|(_, _, w)| w).collect();
        let form_words = || words(&form.text).map(|(_, _, w)| w).collect::<Vec<_>>();
        !(found.len() >= MIN_TITLE_WORDS
            && is_title(&found)
            && without_articles(&found) == without_articles(&form_words()))
    });
}

/// Words a hit needs to be told a title by its case: fewer say too little.
const MIN_TITLE_WORDS: usize = 3;

/// Whether `words` are written as a title: every word capitalised but the
/// [`MINOR_WORDS`] and a possessive's "s" ("People's").
fn is_title(words: &[&str]) -> bool {
    words
        .iter()
        .filter(|w| **w != "s" && !MINOR_WORDS.contains(&w.to_lowercase().as_str()))
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// `form` to replace `found`, a case slip of it that follows `before`: as
/// the glossary writes it, capitalised where `found` starts a sentence.
pub fn recased(before: &str, found: &str, form: &str) -> String {
    let mut chars = form.chars();
    match chars.next() {
        Some(first)
            if found.chars().next().is_some_and(char::is_uppercase) && !is_mid_sentence(before) =>
        {
            first.to_uppercase().chain(chars).collect()
        }
        _ => form.to_string(),
    }
}

/// The correct form `id` and its other casings in the glossary: the correct
/// forms of its concept after it that fold to the same text. (A literal hit
/// is of the first of them, and a concept's forms are listed together.)
fn casings(forms: &[Form], id: FormId) -> impl Iterator<Item = &Form> {
    let form = &forms[id];
    forms[id..]
        .iter()
        .take_while(move |f| f.concept == form.concept)
        .filter(move |f| f.kind != FormKind::Variant && f.folded == form.folded)
}

/// What the text before a hit says about its case.
#[derive(Debug, Clone, Copy)]
struct Before {
    /// It stands in mid-sentence (see [`is_mid_sentence`]).
    mid_sentence: bool,
    /// It is a common noun, not the name: it follows a determiner of one
    /// ("every global development initiative") or an owner other than
    /// China ("the bank's global security initiative", "their four-pronged
    /// strategy"), perhaps with an adjective between ("a comprehensive,
    /// four-pronged strategy").
    after_one: bool,
}

/// Possessive pronouns: an owner, so what follows is a common noun.
const POSSESSIVE_PRONOUNS: &[&str] = &["my", "your", "his", "her", "its", "our", "their", "whose"];

/// Lower-case words (an adjective, say) that may stand between a
/// determiner and the noun phrase it determines. One: with more, a verb
/// and its subject may be taken for them ("its members praised …").
const MAX_WORDS_AFTER_DETERMINER: usize = 1;

impl Before {
    fn of(before: &str) -> Before {
        Before {
            mid_sentence: is_mid_sentence(before),
            after_one: is_determined(before),
        }
    }
}

/// Whether the noun phrase after `before` has a determiner of one or an
/// owner other than China (the glossary's names are China's), perhaps with
/// [`MAX_WORDS_AFTER_DETERMINER`] lower-case word between. Only
/// spaces and commas may separate the words: other punctuation ends the
/// phrase.
fn is_determined(before: &str) -> bool {
    let mut rest = before;
    for _ in 0..=MAX_WORDS_AFTER_DETERMINER {
        let text = rest.trim_end_matches([' ', ',']);
        let start = text
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let word = &text[start..];
        if word.is_empty() {
            return false;
        }
        let lower = word.to_lowercase();
        if let Some(owner) = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
        {
            return !matches!(owner, "china" | "beijing");
        }
        if SINGULAR_DETERMINERS.contains(&lower.as_str())
            || POSSESSIVE_PRONOUNS.contains(&lower.as_str())
        {
            return true;
        }
        if lower != word || is_stopword(word) {
            return false;
        }
        rest = &text[..start];
    }
    false
}

/// Whether `found` departs from the case of `form`, which it folds to: a
/// word the form capitalises written in lower case (but the form's first
/// word, which a form may capitalise as a sentence does, and after a
/// determiner of one), or a word the form writes in lower case capitalised,
/// unless `found` is a title (see [`is_title`]), and for its first word,
/// unless it stands in mid-sentence (a capital after a number, a bracket
/// or a stop says nothing). Single words are left alone: one capital says
/// too little.
fn differs(found: &str, form: &str, before: Before) -> bool {
    let is_capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let is_lower_case = |w: &str| !w.chars().any(char::is_uppercase);
    let found: Vec<&str> = words(found).map(|(_, _, w)| w).collect();
    let form: Vec<&str> = words(form).map(|(_, _, w)| w).collect();
    if found.len() != form.len() || form.len() < 2 {
        return false;
    }
    let is_title = is_title(&found);
    found
        .iter()
        .zip(&form)
        .enumerate()
        .any(|(at, (&found, &form))| {
            let lowered =
                at > 0 && !before.after_one && is_capitalised(form) && is_lower_case(found);
            let raised = is_lower_case(form)
                && is_capitalised(found)
                && !is_title
                && (at > 0 || before.mid_sentence);
            lowered || raised
        })
}

/// Whether text that follows `before` stands in the middle of a sentence:
/// after a word in lower case or a comma on the same line (a line may be
/// a heading or a caption).
fn is_mid_sentence(before: &str) -> bool {
    let text = before.trim_end();
    !before[text.len()..].contains('\n')
        && text
            .chars()
            .next_back()
            .is_some_and(|c| c == ',' || c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Before = Before {
        mid_sentence: false,
        after_one: false,
    };
    const MID: Before = Before {
        mid_sentence: true,
        after_one: false,
    };

    #[test]
    fn a_capital_of_the_form_lost_is_a_slip() {
        assert!(differs("Chinese dream", "Chinese Dream", START));
        assert!(differs(
            "global development initiative",
            "Global Development Initiative",
            START
        ));
        // Not the form's first word, which a sentence may capitalise.
        assert!(!differs(
            "major countries should act like major countries",
            "Major countries should act like major countries",
            START
        ));
        assert!(!differs("CHINESE DREAM", "Chinese Dream", START));
        // After a determiner of one it is a common noun.
        let after_one = Before::of("Every ");
        assert!(after_one.after_one);
        assert!(!differs(
            "global development initiative",
            "Global Development Initiative",
            after_one
        ));
    }

    #[test]
    fn an_owner_or_a_determiner_before_an_adjective_makes_a_common_noun() {
        let form = "Global Security Initiative";
        let found = "global security initiative";
        for before in [
            "The bank's ",
            "The bank\u{2019}s ",
            "Police announced their ",
            "Police announced a comprehensive, ",
            "It is a new ",
        ] {
            assert!(!differs(found, form, Before::of(before)), "{before:?}");
        }
        for before in [
            // China's own initiative, written in lower case.
            "China's ",
            // No determiner: a name.
            "Officials praised ",
            "Its members praised ",
            "Police announced the ",
            // A stop ends the noun phrase.
            "It was a plan; new ",
        ] {
            assert!(differs(found, form, Before::of(before)), "{before:?}");
        }
    }

    #[test]
    fn a_capital_the_form_lacks_is_a_slip_in_mid_sentence_but_in_a_title() {
        let form = "socialism with Chinese characteristics";
        assert!(differs("Socialism with Chinese characteristics", form, MID));
        assert!(!differs(
            "Socialism with Chinese characteristics",
            form,
            START
        ));
        assert!(!differs(
            "Socialism With Chinese Characteristics",
            form,
            MID
        ));
        // A possessive's "s" is no word a title leaves in lower case.
        assert!(!differs(
            "Whole-Process People's Democracy",
            "whole-process people's democracy",
            MID
        ));
        assert!(!differs(
            "socialism with Chinese characteristics",
            form,
            MID
        ));
        assert!(differs(
            "socialism with Chinese Characteristics",
            form,
            START
        ));
        // One word says too little.
        assert!(!differs("Xi", "xi", MID));
    }

    #[test]
    fn a_case_slip_is_replaced_by_the_form_as_written_but_at_a_sentence_start() {
        let form = "socialism with Chinese characteristics";
        let found = "Socialism with Chinese characteristics";
        assert_eq!(recased("the report described ", found, form), form);
        assert_eq!(recased("It grew. ", found, form), found);
        assert_eq!(
            recased("the ", "chinese dream", "Chinese Dream"),
            "Chinese Dream"
        );
    }

    #[test]
    fn mid_sentence_is_after_a_lower_case_word_or_a_comma() {
        assert!(is_mid_sentence("the report described "));
        assert!(is_mid_sentence("In short, "));
        assert!(!is_mid_sentence(""));
        assert!(!is_mid_sentence("It grew. "));
        assert!(!is_mid_sentence("P13 "));
        assert!(!is_mid_sentence("photo by a reporter\n\n"));
        assert!(!is_mid_sentence("heading\n\n("));
        assert!(!is_mid_sentence("He said: \u{201c}"));
    }
}
