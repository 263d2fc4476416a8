//! Surface forms of a glossary form that match without being listed.
//!
//! English noun phrases inflect at their head: the last word ("Supreme
//! Leaders"), or, when the phrase has a post-modifier, the word before its
//! first preposition ("communities of common destiny"). Possessives need no
//! entry: the apostrophe is already a word boundary.

const PREPOSITIONS: &[&str] = &["of", "with", "for", "in", "on", "to", "at", "from"];
const NOT_INFLECTED: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "with", "for", "in", "on", "to", "at", "by", "from", "is",
    "are", "be", "should", "must", "will", "its", "his", "her", "their", "our", "my", "your",
    "not", "no",
];

/// The inflected surface forms of a folded form, without the form itself.
pub fn inflections(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded.split(' ').collect();
    let mut heads = vec![words.len() - 1];
    if let Some(prep) = words.iter().position(|w| PREPOSITIONS.contains(w))
        && prep > 0
        && prep - 1 != words.len() - 1
    {
        heads.push(prep - 1);
    }
    let mut out = Vec::new();
    for head in heads {
        if let Some(plural) = plural(words[head]) {
            let mut inflected = words.clone();
            inflected[head] = &plural;
            out.push(inflected.join(" "));
        }
    }
    out
}

/// The regular English plural of `word`, if it is a word that takes one.
fn plural(word: &str) -> Option<String> {
    if word.len() < 3
        || !word.bytes().all(|b| b.is_ascii_lowercase())
        || NOT_INFLECTED.contains(&word)
    {
        return None;
    }
    let stem_y = word
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']));
    Some(if let Some(stem) = stem_y {
        format!("{stem}ies")
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else {
        format!("{word}s")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_last_word_and_head_before_preposition() {
        assert_eq!(
            inflections("community of common destiny"),
            vec![
                "community of common destinies",
                "communities of common destiny"
            ]
        );
        assert_eq!(inflections("supreme leader"), vec!["supreme leaders"]);
        assert_eq!(inflections("china plan"), vec!["china plans"]);
        assert_eq!(inflections("zero-sum game"), vec!["zero-sum games"]);
        assert_eq!(
            inflections("cold war mentality"),
            vec!["cold war mentalities"]
        );
        assert_eq!(inflections("of"), Vec::<String>::new());
        assert_eq!(inflections("xi"), Vec::<String>::new());
        assert_eq!(inflections("new way"), vec!["new ways"]);
        assert_eq!(inflections("big boss"), vec!["big bosses"]);
    }
}
