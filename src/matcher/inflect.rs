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

/// Whether a form as written is a proper name: two words or more, each
/// but its function words capitalised ("Global Development Initiative",
/// "Xi Jinping Thought on Diplomacy"). A name does not take the plural
/// ("Global Development Initiatives" is a slip), where a common noun
/// phrase does ("communities with a shared future").
pub fn is_proper_name(text: &str) -> bool {
    let content: Vec<&str> = text
        .split([' ', '-'])
        .filter(|w| !NOT_INFLECTED.iter().any(|f| f.eq_ignore_ascii_case(w)))
        .collect();
    content.len() >= 2
        && content
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Country adjectives and the country names machine translation writes
/// for them as modifiers: "China solution" for "Chinese solution".
const DEMONYMS: &[(&str, &str)] = &[("chinese", "china")];

/// The folded form with each country adjective that modifies a following
/// word written as the country's name ("with China characteristics"),
/// and, where a word of the form precedes it, as the country's possessive
/// ("with China's characteristics"). A form that begins with the adjective
/// does not get the possessive: "China's solution" names the country
/// itself.
pub fn country_for_demonym(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded.split(' ').collect();
    let swap = |possessive: bool| {
        let mut changed = false;
        let swapped: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(at, &word)| {
                let country = DEMONYMS
                    .iter()
                    .find(|(adjective, _)| *adjective == word)
                    .map(|&(_, country)| country);
                match country {
                    Some(country) if at + 1 < words.len() && (!possessive || at > 0) => {
                        changed = true;
                        if possessive {
                            format!("{country}'s")
                        } else {
                            country.to_string()
                        }
                    }
                    _ => word.to_string(),
                }
            })
            .collect();
        changed.then(|| swapped.join(" "))
    };
    [swap(false), swap(true)].into_iter().flatten().collect()
}

/// Whether a folded form begins with "one" and so names one thing, which
/// takes no plural: "the one-China principles" is a slip, not the form
/// inflected.
pub fn names_one_thing(folded: &str) -> bool {
    let first = folded.split(' ').next().unwrap_or("");
    first == "one" || first.starts_with("one-")
}

/// The inflected surface forms of a folded form, without the form itself
/// (none for a form that [`names_one_thing`]).
pub fn inflections(folded: &str) -> Vec<String> {
    if names_one_thing(folded) {
        return Vec::new();
    }
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

/// The British spelling of a folded form, if it differs: glossaries list
/// the American one ("ecological civilization construction"), and a text
/// that writes "civilisation" uses the same form. Only the spellings that
/// are regular (-ize, -ization, -center, and a few -or nouns) are changed.
pub fn british(folded: &str) -> Option<String> {
    let words: Vec<String> = folded.split(' ').map(british_word).collect();
    let british = words.join(" ");
    (british != folded).then_some(british)
}

fn british_word(word: &str) -> String {
    const OUR: &[&str] = &["neighbor", "labor", "favor", "honor", "color", "behavior"];
    for (american, british) in [
        ("ization", "isation"),
        ("izations", "isations"),
        ("ize", "ise"),
        ("izes", "ises"),
        ("ized", "ised"),
        ("izing", "ising"),
        ("center", "centre"),
        ("centers", "centres"),
        ("centered", "centred"),
    ] {
        if let Some(stem) = word.strip_suffix(american)
            && stem.len() >= 3
        {
            return format!("{stem}{british}");
        }
    }
    for noun in OUR {
        if let Some(rest) = word.strip_prefix(noun)
            && (rest.is_empty() || rest == "s" || rest == "ing" || rest == "ly")
        {
            return format!("{}our{rest}", &noun[..noun.len() - 2]);
        }
    }
    word.to_string()
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
    fn british_spellings_of_regular_endings() {
        for (american, british_spelling) in [
            (
                "ecological civilization construction",
                "ecological civilisation construction",
            ),
            (
                "un-centered international system",
                "un-centred international system",
            ),
            ("friendship with neighbors", "friendship with neighbours"),
            ("sinicizing marxism", "sinicising marxism"),
        ] {
            assert_eq!(british(american).as_deref(), Some(british_spelling));
        }
        // Short words and other endings stay.
        assert_eq!(british("size of the major economy"), None);
        assert_eq!(british("for the corridors"), None);
    }

    #[test]
    fn a_country_adjective_before_a_word_becomes_the_country_name() {
        assert_eq!(
            country_for_demonym("with chinese characteristics"),
            ["with china characteristics", "with china's characteristics"]
        );
        assert_eq!(country_for_demonym("chinese solution"), ["china solution"]);
        assert!(country_for_demonym("the chinese").is_empty());
        assert!(country_for_demonym("chinese-style modernization").is_empty());
    }

    #[test]
    fn proper_names_are_capitalised_but_for_function_words() {
        assert!(is_proper_name("Global Development Initiative"));
        assert!(is_proper_name("Xi Jinping Thought on Diplomacy"));
        assert!(is_proper_name("Belt and Road Initiative"));
        assert!(!is_proper_name("Cold War mentality"));
        assert!(!is_proper_name(
            "community with a shared future for mankind"
        ));
        assert!(!is_proper_name("Xi"));
    }

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
        // One thing takes no plural.
        assert_eq!(inflections("one-china principle"), Vec::<String>::new());
        assert_eq!(inflections("one china principle"), Vec::<String>::new());
    }
}
