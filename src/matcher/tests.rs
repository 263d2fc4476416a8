//! Table-driven matching tests against a small glossary.

use std::path::Path;

use super::*;
use crate::glossary::from_csv_str;

const GLOSSARY: &str = "\
id,preferred,accepted,variants,patterns,exceptions,severity
community,community with a shared future for mankind,community with a shared future for humanity,community of human destiny | community of common destiny [info],,,error
building,building a community with a shared future for mankind,,construction of a community with a shared future for mankind | building a community of human destiny,,,error
leader,Xi Jinping,President Xi Jinping | Xi,Supreme Leader | Chairman of the Supreme Leader,,\\biran\\b|khamenei,error
big,major countries should act like major countries,,a big country should have a big look,big countr(?:y|ies) should (?:have|has) (?:a|the) big (?:look|appearance),,warning
";

fn matcher() -> Matcher {
    compile(GLOSSARY)
}

/// The matcher of a glossary given as CSV text.
fn compile(csv: &str) -> Matcher {
    Matcher::compile(&from_csv_str(Path::new("t.csv"), csv).unwrap()).unwrap()
}

/// The matcher of a glossary given as CSV text, without fuzzy matching.
fn compile_without_fuzzy(csv: &str) -> Matcher {
    let glossary = from_csv_str(Path::new("t.csv"), csv).unwrap();
    Matcher::compile_with(
        &glossary,
        MatchOptions {
            fuzzy_threshold: None,
        },
    )
    .unwrap()
}

/// Checks each `(text, expected hits)` case.
fn assert_cases(matcher: &Matcher, cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(hits(matcher, text), *expected, "text {text:?}");
    }
}

/// The columns of the glossaries written inline in a test.
const HEADER: &str = "id,preferred,accepted,variants,patterns,exceptions,severity";

/// Checks each `(text, expected hits)` case against the glossary of `rows`
/// (CSV lines under [`HEADER`]).
fn assert_cases_in(rows: &str, cases: &[(&str, &[&str])]) {
    assert_cases(&compile(&format!("{HEADER}\n{rows}")), cases);
}

/// Finds in `text` and renders each hit as `concept:status:found`.
fn hits(matcher: &Matcher, text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    let mut scratch = MatchScratch::default();
    matcher.find(text, &folded, &mut scratch);
    scratch
        .hits
        .iter()
        .map(|h| {
            let (s, e) = folded.original_span(text, h.start, h.end);
            format!(
                "{}:{}:{}",
                matcher.concepts()[h.concept].id,
                h.status.as_str(),
                &text[s..e]
            )
        })
        .collect()
}

/// (text, expected hits)
const CASES: &[(&str, &[&str])] = &[
    (
        "We praise a community of human destiny.",
        &["community:variant:community of human destiny"],
    ),
    // A fuzzy reading that strictly contains a listed variant of another
    // concept, with the extra word where that concept's form has it, wins.
    (
        "We build a community of human destiny.",
        &["building:fuzzy:build a community of human destiny"],
    ),
    // Unlisted renderings: synonyms, reordering, inserted words.
    (
        "a community of joint fate of humankind",
        &["community:fuzzy:community of joint fate of humankind"],
    ),
    (
        "mankind's shared-destiny community",
        &["community:fuzzy:mankind's shared-destiny community"],
    ),
    // A reading does not grow over a conjunction its form lacks.
    (
        "jointly building a human destiny community and shared values",
        &["building:fuzzy:building a human destiny community"],
    ),
    // The correct form's own words in its order are not a near-miss: a
    // sentence using them, or the form with other function words.
    ("The community wants a shared future for mankind.", &[]),
    ("The international community and a shared future.", &[]),
    (
        "Communities of Common Destiny are old.",
        &["community:variant:Communities of Common Destiny"],
    ),
    (
        "a community of human destinies",
        &["community:variant:community of human destinies"],
    ),
    (
        "a Community with a Shared\nFuture for Mankind",
        &["community:preferred:Community with a Shared\nFuture for Mankind"],
    ),
    (
        "community\u{00A0}with a shared future for humanity",
        &["community:accepted:community\u{00A0}with a shared future for humanity"],
    ),
    // The longer variant wins over the preferred form inside it.
    (
        "the construction of a community with a shared future for mankind",
        &["building:variant:construction of a community with a shared future for mankind"],
    ),
    // A preferred occurrence no variant covers is counted, not flagged.
    (
        "building a community with a shared future for mankind",
        &["building:preferred:building a community with a shared future for mankind"],
    ),
    (
        "The Supreme Leader’s speech",
        &["leader:variant:Supreme Leader"],
    ),
    (
        "the Chairman of the Supreme Leader said",
        &["leader:variant:Chairman of the Supreme Leader"],
    ),
    ("Iran's Supreme Leader Ali Khamenei spoke.", &[]),
    (
        "Iran's Supreme Leader spoke. The Supreme Leader also said",
        &["leader:variant:Supreme Leader"],
    ),
    ("Xinhua reported", &[]),
    (
        "President Xi Jinping and Xi met",
        &["leader:accepted:President Xi Jinping", "leader:accepted:Xi"],
    ),
    ("supremeleader and supreme leadership", &[]),
    (
        "A big country should have a big look.",
        &["big:variant:A big country should have a big look"],
    ),
    (
        "big countries should have the big appearance",
        &["big:pattern:big countries should have the big appearance"],
    ),
    ("", &[]),
];

#[test]
fn finds_forms_in_context() {
    assert_cases(&matcher(), CASES);
}

const SHORT_FORMS: &str = "\
id,preferred,accepted,variants,patterns,exceptions,severity
solution,Chinese solution,,,,,warning
major,major country,,,,,warning
initiative,Global Security Initiative,,global security initiatives,,,warning
quality,high-quality development,,,,,warning
governance,global governance vision,,,,,warning
learning,promote mutual learning,,,,,warning
relations,new type of international relations,,,,,warning
thought,Xi Jinping Thought on Diplomacy,,,,,warning
gensec,CPC Central Committee with Comrade Xi Jinping as General Secretary,,CPC Central Committee with the Supreme Leader as the general secretary,,,warning
generic,community with a shared future,,,,,warning
humanity,community with a shared future for humanity,,,,,warning
marxism,adapting Marxism to the Chinese context,,Sinicization of Marxism,,,warning
";

/// Near-misses of short correct forms: which count as wrong renderings.
#[test]
fn near_misses_of_short_forms() {
    let cases: &[(&str, &[&str])] = &[
        // The head noun swapped for a synonym names the concept wrongly...
        (
            "We offer the Chinese scheme.",
            &["solution:fuzzy:Chinese scheme"],
        ),
        (
            "the global governance outlook",
            &["governance:fuzzy:global governance outlook"],
        ),
        // ...a swapped modifier of a two-word form is ordinary English...
        ("It is a big country.", &[]),
        // ...and so are fewer words than the form with one of them swapped.
        ("Western governance concepts fail.", &[]),
        // A window ends at a clause boundary, so a list of terms is read term
        // by term.
        (
            "We back the Global Safety Initiative, the Global Times said.",
            &["initiative:fuzzy:Global Safety Initiative"],
        ),
        // Up to inflection is a correct use; another derivation is not.
        ("by promoting mutual learning", &[]),
        (
            "We want high-qualitative development.",
            &["quality:fuzzy:high-qualitative development"],
        ),
        // A window without the words that make a variant wrong is no
        // near-miss of it.
        (
            "Xi, general secretary of the CPC Central Committee, spoke.",
            &[],
        ),
        // Of two equally close readings, the longer one wins.
        (
            "to promote the community of a shared future for humanity",
            &["humanity:fuzzy:community of a shared future for humanity"],
        ),
        // A longer reading nearly as close wins too.
        (
            "They speak of humanity's shared-future community.",
            &["humanity:fuzzy:humanity's shared-future community"],
        ),
        // A long word one or two edits from a form word stands for it; a
        // short one does not.
        (
            "the Sinification of Marxism",
            &["marxism:fuzzy:Sinification of Marxism"],
        ),
        ("the major county fair", &[]),
        // A variant that only rearranges correct words is not read from
        // fewer words.
        ("They back global initiatives.", &[]),
        // A line break is a space in hard-wrapped prose, a boundary when the
        // lines are units (a heading above one sentence per line).
        (
            "the Global Safety\nInitiative shows that\nit is fine.\n",
            &["initiative:fuzzy:Global Safety\nInitiative"],
        ),
        ("the Global Safety\nInitiative shows. It is.\nFine.\n", &[]),
        // A word the window already holds does not stretch it forwards...
        (
            "\"Xi Jinping Diplomacy Thought\" should be Xi Jinping Thought on Diplomacy.",
            &[
                "thought:fuzzy:Xi Jinping Diplomacy Thought",
                "thought:preferred:Xi Jinping Thought on Diplomacy",
            ],
        ),
        // ...nor extend the reading backwards.
        (
            "What is new about new type international relations?",
            &["relations:fuzzy:new type international relations"],
        ),
    ];
    assert_cases(&compile(SHORT_FORMS), cases);
}

#[test]
fn severity_override_and_score() {
    let matcher = matcher();
    let text = "a community of common destiny";
    let folded = Folded::new(text);
    let mut scratch = MatchScratch::default();
    matcher.find(text, &folded, &mut scratch);
    let out = scratch.hits;
    assert_eq!(out[0].severity, Severity::Info);
    assert_eq!(out[0].score, 1.0);
}

#[test]
fn result_does_not_depend_on_input_order() {
    let text = "building a community of human destiny and a big country should have a big look";
    let matcher = matcher();
    let folded = Folded::new(text);
    let mut scratch = MatchScratch::default();
    matcher.find(text, &folded, &mut scratch);
    let out = scratch.hits;
    let mut shuffled = out.clone();
    shuffled.reverse();
    resolve::resolve(&mut shuffled);
    assert_eq!(out, shuffled);
}

#[test]
fn word_boundaries_become_ascii() {
    assert_eq!(
        super::ascii_word_boundaries(r"\bbig\b \Bx \\b \d"),
        r"(?-u:\b)big(?-u:\b) (?-u:\B)x \\b \d"
    );
    let regex = compile_regex(r"\bbig countr(?:y|ies)\b").unwrap();
    assert!(regex.is_match("a big country, “big countries”"));
    assert!(!regex.is_match("a bigcountry"));
}

#[test]
fn only_patterns_that_may_match_uppercase_get_the_case_flag() {
    use super::regex_source;
    assert_eq!(regex_source(r"big \w+"), r"big \w+");
    assert_eq!(regex_source(r"\Bx\S\W"), r"(?-u:\B)x\S\W");
    for needs_flag in ["Big", r"\p{Lu}", r"\x41", r"[A-Z]"] {
        assert!(regex_source(needs_flag).starts_with("(?i)"), "{needs_flag}");
    }
    // Either way the pattern matches the folded (lowercase) text.
    let folded = Folded::new("The Big Country");
    for pattern in [r"\bbig country\b", r"\bBig Country\b", r"\b[A-Z]ig country"] {
        let regex = compile_regex(pattern).unwrap();
        assert!(regex.is_match(&folded.text), "{pattern}");
    }
}

#[test]
fn an_oversized_pattern_is_named() {
    let mut glossary = from_csv_str(Path::new("t.csv"), GLOSSARY).unwrap();
    glossary.concepts[0].patterns = vec![r"\bfoo\b".into(), "a{1000}{1000}".into()];
    let errors = Matcher::compile(&glossary).unwrap_err();
    let message = errors.to_string();
    assert!(message.contains("t.csv:"), "{message}");
    assert!(
        message.contains("invalid regex \"a{1000}{1000}\""),
        "{message}"
    );
    // Without it, the other pattern compiles and matches.
    glossary.concepts[0].patterns.pop();
    let matcher = Matcher::compile(&glossary).unwrap();
    assert_eq!(hits(&matcher, "a foo here"), ["community:pattern:foo"]);
}

/// Every pattern that matches where, or inside where, another one's match
/// starts is seen: choosing
/// among overlapping matches is left to resolution, as for literal forms.
#[test]
fn overlapping_patterns_are_all_seen() {
    let matcher = compile(
        "id,preferred,variants,patterns,severity
short,right short,,\\bnew times\\b,warning
long,right long,,\\bnew times of the\\b,warning
outer,right outer,,\\bsocialism (in|for) the new\\b,warning
literal,right literal,democratic socialism,,warning
",
    );
    assert_cases(
        &matcher,
        &[
            // At one start the longest match wins, though "short" is listed
            // first.
            ("new times of the past", &["long:pattern:new times of the"]),
            // "outer" starts inside the literal hit, so it gives way, and
            // "short", which starts inside "outer", is found.
            (
                "democratic socialism for the new times",
                &[
                    "literal:variant:democratic socialism",
                    "short:pattern:new times",
                ],
            ),
            (
                "socialism for the new times",
                &["outer:pattern:socialism for the new"],
            ),
        ],
    );
}

/// Patterns are looked for where the first bytes of the literals their
/// matches begin with occur; two patterns may share those bytes, and a
/// pattern without such literals is found by a scan of its own.
#[test]
fn patterns_sharing_a_prefix_or_without_one_are_found() {
    let matcher = compile(
        "id,preferred,variants,patterns,severity
one,right one,,\\bcommunity of common destiny\\b,warning
two,right two,,\\bcommunity of common fate\\b,warning
free,right free,,\\b[a-z]+ly shared fate\\b,warning
",
    );
    assert_cases(
        &matcher,
        &[
            (
                "a community of common destiny",
                &["one:pattern:community of common destiny"],
            ),
            (
                "a community of common fate",
                &["two:pattern:community of common fate"],
            ),
            (
                "a really shared fate and a community of common fate",
                &[
                    "free:pattern:really shared fate",
                    "two:pattern:community of common fate",
                ],
            ),
        ],
    );
}

#[test]
fn a_glossary_of_single_words_has_no_fuzzy_windows() {
    let matcher = compile("id,preferred,variants,severity\nxi,Xi,Xii,error\n");
    assert_eq!(
        hits(&matcher, "Xii and Xi met."),
        ["xi:variant:Xii", "xi:preferred:Xi"]
    );
}

/// The DFAs built for a large input find what the NFAs find.
#[test]
fn both_automata_find_the_same() {
    let matcher = matcher();
    let text = "Building a community of human destiny, Xi said; the Supreme Leader of Iran \
                and a big country should have a big look; xinhua, taxi, XI JINPING.";
    let with_nfa = hits(&matcher, text);
    let automata = [&matcher.exact.automaton, &matcher.patterns.prefixes];
    matcher.prepare_for([1_000, 2_000]);
    assert!(
        automata.iter().all(|a| !a.has_dfa()),
        "a small input keeps the NFAs"
    );
    matcher.prepare_for([1_000, u64::MAX]);
    assert!(automata.iter().all(|a| a.has_dfa()));
    assert_eq!(hits(&matcher, text), with_nfa);
    assert!(with_nfa.len() >= 4, "{with_nfa:?}");
}

#[test]
fn a_head_noun_shared_by_many_concepts_still_anchors_fuzzy_readings() {
    // "initiative" heads more concepts than a posting list holds, so the
    // window tallies cannot count it; the concept must still be tried.
    let mut csv = String::from("id,preferred,severity\n");
    for i in 0..40 {
        csv.push_str(&format!("c{i},kal{i} vor{i} initiative,error\n"));
    }
    let matcher = compile(&csv);
    assert_eq!(
        hits(&matcher, "They backed the vor7 kal7 initiative."),
        ["c7:fuzzy:vor7 kal7 initiative"]
    );
}

const LISTS: &str = "\
id,preferred,accepted,variants,patterns,exceptions,severity
security,\"vision of common, comprehensive, cooperative and sustainable security\",,,,,warning
trend,win-win cooperation,\"peace, development, cooperation and win-win | peace, development and win-win cooperation\",,,,warning
relations,new model of major-country relations,,\"new type of relationship of non-conflict, non-confrontation, mutual respect and win-win cooperation | new type of great power relations\",,,error
";

#[test]
fn a_list_form_is_read_across_its_commas() {
    assert_cases(
        &compile(LISTS),
        &[
            // The list garbled: its items read across the commas.
            (
                "We uphold the common, comprehensive, cooperative, sustainable security outlook.",
                &[
                    "security:fuzzy:common, comprehensive, cooperative, sustainable security outlook",
                ],
            ),
            // Some of a list's items in its order, joined by commas and
            // conjunctions only: the list shortened, not garbled.
            (
                "Peace, development and cooperation are the trend of the times.",
                &[],
            ),
        ],
    );
}

#[test]
fn a_view_is_a_vision() {
    // 观 is rendered "view" as often as "concept" or "outlook".
    assert_cases(
        &compile(LISTS),
        &[(
            "We uphold the common, comprehensive, cooperative and sustainable security view.",
            &["security:fuzzy:common, comprehensive, cooperative and sustainable security view"],
        )],
    );
}

#[test]
fn an_irregular_past_is_its_verb_inflected() {
    let rows = "mission,remain true to our original aspiration and keep our mission firmly in mind,,don't forget the original intention and keep the mission in mind,,,error";
    assert_cases_in(
        rows,
        &[
            // The form in the past tense is the form.
            (
                "We remained true to our original aspiration and kept our mission firmly in mind.",
                &[],
            ),
            // The past tense does not hide a word swapped.
            (
                "They stayed true to their original intention and kept their mission firmly in mind.",
                &["mission:fuzzy:original intention and kept their mission firmly in mind"],
            ),
        ],
    );
}

#[test]
fn an_irregular_plural_is_its_noun_inflected() {
    assert_cases_in(
        "cop,shared future for all life on Earth,,,,,error\n",
        &[(
            "They seek a common future for all lives on Earth.",
            &["cop:fuzzy:common future for all lives on Earth"],
        )],
    );
}

#[test]
fn no_candidate_lies_inside_another_concepts_correct_form() {
    let rows = "\
values,common values of humanity,,universal values,,,error
so-called,so-called universal values,,,,,error";
    assert_cases_in(
        rows,
        &[
            // "so-called universal values" in the singular names the other
            // concept, as its literal hit would, and is a slip of it.
            (
                "The so-called universal value is a trap.",
                &["so-called:fuzzy:so-called universal value"],
            ),
            // Alone, the singular is near the listed variant.
            (
                "He spoke of a universal value of peace.",
                &["values:fuzzy:universal value"],
            ),
        ],
    );
}

#[test]
fn a_reading_does_not_grow_over_a_quotation_mark() {
    let rows = "zero-sum,zero-sum game,zero-sum mentality | zero-sum thinking,zero-sum game thinking,,,warning";
    assert_cases_in(
        rows,
        &[
            // Grown over the quotation mark to "thinking", the reading
            // would overlap the correct "zero-sum thinking" and be dropped.
            (
                "Others renamed zero-sum thinking as \"zero-sum-game mentality\".",
                &[
                    "zero-sum:accepted:zero-sum thinking",
                    "zero-sum:fuzzy:zero-sum-game mentality",
                ],
            ),
        ],
    );
}

#[test]
fn a_form_written_as_a_compound_in_chinese_word_order_replaces_its_short_form() {
    let rows = "eco,ecological civilization,building an ecological civilization,,,,warning";
    assert_cases_in(
        rows,
        &[
            // 生态文明建设 word for word: the verb after its object.
            (
                "China praises ecological civilization construction.",
                &["eco:fuzzy:ecological civilization construction"],
            ),
            // Not written against it: the short form is used on its own.
            (
                "China praises ecological civilization; construction goes on.",
                &["eco:preferred:ecological civilization"],
            ),
        ],
    );
}

#[test]
fn a_modifier_fronted_as_a_compound_before_a_short_form_replaces_it() {
    // 中国特色大国外交 word for word: "with Chinese characteristics" put
    // before the accepted "great power", the head after it as in the form.
    let rows = "mcd,major-country diplomacy with Chinese characteristics,,\
                great-power diplomacy with Chinese characteristics,,,warning\n\
                power,major country,great power,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "They reviewed Chinese characteristic great power diplomacy last year.",
                &["mcd:fuzzy:Chinese characteristic great power diplomacy"],
            ),
            // Without the head after it, the short form is used on its own.
            (
                "Chinese characteristic great power rivalry grows.",
                &["power:accepted:great power"],
            ),
        ],
    );
}

#[test]
fn a_word_slipped_into_a_form_with_a_preposition_of_its_own_is_another_phrase() {
    let rows = "ntir,new type of international relations,,new-type international relations,,,error\n\
                four,Four Consciousnesses,,four consciousness | four awarenesses,,,warning\n";
    assert_cases_in(
        rows,
        &[
            // "in" joins a phrase about a degree.
            (
                "The university will offer a new type of degree in international relations.",
                &[],
            ),
            // A word slipped in with the form's own preposition is the
            // term garbled; "of" with a word of measure too.
            (
                "They called for a new type of modern international relations.",
                &["ntir:fuzzy:new type of modern international relations"],
            ),
            (
                "Members must strengthen the four kinds of consciousness.",
                &["four:fuzzy:four kinds of consciousness"],
            ),
        ],
    );
}

#[test]
fn a_garbled_form_replaces_wrong_literals_at_each_place_the_form_has_them() {
    // The form says "big country" twice; the second hit has the form's
    // other words before it, as the form has at its second place.
    let rows = "act,Major countries should act like major countries,,\
                a big country should look like a big country,,,error\n\
                major,major country,,big country,,,warning\n";
    assert_cases_in(
        rows,
        &[(
            "He said a big country should have the look of a big country.",
            &["act:fuzzy:big country should have the look of a big country"],
        )],
    );
}

#[test]
fn a_participle_after_a_noun_is_no_head() {
    // The head of "changes unprecedented in …" is "changes": a window
    // without "unprecedented" is still read as the form.
    let rows = "chg,profound changes unseen in a century,,\
                changes unprecedented in a hundred years,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "We face great changes not seen in a hundred years.",
                &["chg:fuzzy:changes not seen in a hundred years"],
            ),
            ("Prices have not seen such changes in a hundred years.", &[]),
            // The participle before the head names it too.
            (
                "We face unprecedented great changes in a hundred years.",
                &["chg:fuzzy:unprecedented great changes in a hundred years"],
            ),
        ],
    );
}

#[test]
fn a_compound_turned_round_with_of_replaces_its_own_short_form() {
    // 元首外交 as "diplomacy of heads of state": the accepted "head of
    // state" inside is part of the garbled term.
    let rows = "hosd,head-of-state diplomacy,head of state,heads of state diplomacy,,,warning\n\
                dev,major developments and adjustment,period of great development and adjustment,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "Relations grew under the guidance of the diplomacy of heads of state.",
                &["hosd:fuzzy:diplomacy of heads of state"],
            ),
            // Words the form has before the short form, joined by "of" as
            // in the form, are no compound turned round.
            (
                "The world is in a period of major developments and adjustment.",
                &["dev:preferred:major developments and adjustment"],
            ),
        ],
    );
}

#[test]
fn a_weaker_reading_inside_a_correct_use_of_another_concept_is_dropped() {
    let rows = "core,CPC Central Committee with Comrade Xi Jinping at its core,,\
                CPC Central Committee with the Supreme Leader as the core,,,error\n\
                gensec,CPC Central Committee with Comrade Xi Jinping as General Secretary,,,,,error\n";
    assert_cases_in(
        rows,
        &[
            // The General Secretary formula reworded ("led by"), not the
            // "core" formula garbled.
            (
                "Since then the CPC Central Committee led by Comrade Xi Jinping as General Secretary has acted.",
                &[],
            ),
        ],
    );
}

#[test]
fn a_preposition_splitting_a_correct_form_with_a_word_missing_is_another_phrase() {
    let rows = "bri,Belt and Road Initiative,Belt and Road cooperation,,,,warning\n\
                core,CPC Central Committee with Comrade Xi Jinping at its core,,,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "The Belt and Road Initiative has become a road of cooperation.",
                &["bri:preferred:Belt and Road Initiative"],
            ),
            // A preposition elsewhere is the formula reworded.
            (
                "Under the CPC Central Committee centred on Comrade Xi Jinping, we won.",
                &["core:fuzzy:CPC Central Committee centred on Comrade Xi Jinping"],
            ),
        ],
    );
}

#[test]
fn a_whole_list_joined_by_and_where_the_form_has_a_comma_is_a_near_miss() {
    let rows = "octs,\"One Country, Two Systems\",\"one country, two systems\",,,,warning\n\
                vision,\"lasting peace, universal security and common prosperity\",,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "Practice proves that one country and two systems works.",
                &["octs:fuzzy:one country and two systems"],
            ),
            // Some of a list's items joined by "and": the list shortened.
            ("They seek lasting peace and common prosperity.", &[]),
        ],
    );
}

#[test]
fn a_listed_form_matches_in_british_spelling() {
    let rows = "eco,ecological civilization,,ecological civilization construction,,,warning";
    assert_cases_in(
        rows,
        &[
            (
                "China praises ecological civilisation construction.",
                &["eco:variant:ecological civilisation construction"],
            ),
            (
                "Ecological civilisations differ.",
                &["eco:preferred:Ecological civilisations"],
            ),
        ],
    );
}

#[test]
fn tokenized_text_matches_as_written_before_tokenizing() {
    let rows = "xi,Xi Jinping Thought on Diplomacy,,Xi Jinping's diplomatic thought | win-win diplomacy,,,error";
    assert_cases_in(
        rows,
        &[
            (
                "President Xi Jinping &apos;s diplomatic thought .",
                &["xi:variant:Xi Jinping &apos;s diplomatic thought"],
            ),
            (
                "Xi Jinping ’ s diplomatic thought",
                &["xi:variant:Xi Jinping ’ s diplomatic thought"],
            ),
            (
                "win @-@ win diplomacy",
                &["xi:variant:win @-@ win diplomacy"],
            ),
        ],
    );
}

#[test]
fn a_form_without_commas_is_not_read_across_one() {
    assert_cases(
        &compile(LISTS),
        &[(
            "Cooperation, in turn, brings peace and win-win results.",
            &[],
        )],
    );
}

#[test]
fn the_best_reading_that_may_stand_beside_the_literal_hits_is_kept() {
    // The longest reading of the listed variant would reach into "win-win
    // cooperation", a correct form of another concept it may not replace;
    // the shorter reading before it is the finding.
    assert_cases(
        &compile(LISTS),
        &[(
            "Ties are guided by the new type of big-country relations of no conflict, no confrontation, mutual respect and win-win cooperation.",
            &[
                "relations:fuzzy:new type of big-country relations",
                "trend:preferred:win-win cooperation",
            ],
        )],
    );
}

#[test]
fn a_correct_short_form_inside_a_longer_garbled_phrase_does_not_excuse_it() {
    assert_cases_in(
        "mankind,community with a shared future for mankind,global community of shared future,community of shared future for mankind,,,error\n",
        &[
            (
                "They wrote a community of shared future for the humankind into it.",
                &["mankind:fuzzy:community of shared future for the humankind"],
            ),
            // The short form alone is still a correct use.
            ("A community of shared future was their aim.", &[]),
        ],
    );
}

#[test]
fn the_words_that_make_a_variant_wrong_are_not_a_sentence_using_the_correct_form() {
    assert_cases_in(
        "values,common values of humanity,,common values of the whole mankind,,,error\n",
        &[
            (
                "All uphold the common values of the whole of humanity.",
                &["values:fuzzy:common values of the whole of humanity"],
            ),
            // Other content words between the form's words: a sentence.
            ("Common values bind humanity together.", &[]),
        ],
    );
}

#[test]
fn a_long_correct_formulation_abridged_is_no_near_miss() {
    assert_cases_in(
        "hegemony,notion that a country is bound to seek hegemony when it grows strong,no iron law that dictates that a rising power will inevitably seek hegemony,,,,warning\n",
        &[
            // A phrase left out: abridged.
            (
                "There is no iron law that a rising power will inevitably seek hegemony.",
                &[],
            ),
            // A function word dropped inside: a slip.
            (
                "There is no iron law that dictates a rising power will inevitably seek hegemony.",
                &[
                    "hegemony:fuzzy:no iron law that dictates a rising power will inevitably seek hegemony",
                ],
            ),
        ],
    );
}

#[test]
fn words_only_another_form_has_before_a_correct_short_form_are_no_part_of_the_slip() {
    assert_cases_in(
        "leader,Xi Jinping,\"President Xi Jinping | President Xi | Xi | Xi Jinping, Chinese president and chairman of the Central Military Commission\",Supreme Leader,,,error\n",
        &[
            // "Chinese" is a word of the full title: the slip is the name.
            (
                "Chinese President Xi Jingping spoke on Monday.",
                &["leader:fuzzy:President Xi Jingping"],
            ),
            (
                "Chinese leader Xi Jingping spoke on Monday.",
                &["leader:fuzzy:Xi Jingping"],
            ),
        ],
    );
}

#[test]
fn a_misspelt_or_swapped_word_beside_a_correct_short_form_of_its_concept_is_a_finding() {
    assert_cases_in(
        "leader,Xi Jinping,President Xi Jinping | President Xi | Xi,Supreme Leader,,,error\nresponsible,responsible major country,major country,,,,warning\neco,ecological civilization,building an ecological civilization,,,,error\n",
        &[
            ("He met Xi Jingping today.", &["leader:fuzzy:Xi Jingping"]),
            // The short form "President Xi" would excuse it as a sentence
            // using its words, but "Jingping" is the misspelt "Jinping" of
            // the form read.
            (
                "He met President Xi Jingping today.",
                &["leader:fuzzy:President Xi Jingping"],
            ),
            // "construction" is "building" swapped for a synonym.
            (
                "We promote the construction of an ecological civilization.",
                &["eco:fuzzy:construction of an ecological civilization"],
            ),
            // Other words of the form beside a correct short form: English.
            (
                "It is the responsibility of a major country.",
                &["responsible:accepted:major country"],
            ),
        ],
    );
}

#[test]
fn articles_do_not_make_a_correct_form_wrong() {
    assert_cases_in(
        "eco,building an ecological civilization,,ecological civilization construction,,,error\n",
        &[
            ("Building ecological civilization matters.", &[]),
            ("We are building the ecological civilization.", &[]),
            // A function word other than an article does.
            (
                "Building of ecological civilization matters.",
                &["eco:fuzzy:Building of ecological civilization"],
            ),
        ],
    );
}

#[test]
fn a_reading_without_the_words_of_the_longer_term_names_the_term_inside_it() {
    let rows = "\
generic,community with a shared future,,sense of community of destiny,,,error
mankind,community with a shared future for mankind,community with a shared future for humanity,community of common destiny [info] | community of human destiny,,,error
core,CPC Central Committee with Comrade Xi Jinping at its core,,,,,error
leader,Xi Jinping,General Secretary of the CPC Central Committee Xi Jinping | Comrade Xi Jinping,,,,error
";
    assert_cases_in(
        rows,
        &[
            // Near the legacy "community of common destiny" of mankind's
            // term, but nothing of mankind in it: the generic term.
            (
                "The China-Pakistan community of shared fate grows.",
                &["generic:fuzzy:community of shared fate"],
            ),
            // With "humanity" it stays the longer term.
            (
                "A community of shared fate for humanity.",
                &["mankind:fuzzy:community of shared fate for humanity"],
            ),
            // Only the inner term's preferred form counts as its words: the
            // name's correct forms hold "CPC Central Committee" and
            // "Comrade" too.
            (
                "Rally around the CPC Central Committee centred on Comrade Xi Jinping.",
                &["core:fuzzy:CPC Central Committee centred on Comrade Xi Jinping"],
            ),
        ],
    );
}

#[test]
fn a_listed_variant_with_other_function_words_is_no_sentence_using_a_short_form() {
    assert_cases_in(
        "thought,Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era,Xi Jinping Thought,Xi Jinping's New Era Socialism with Chinese Characteristics Thought,,,error\n",
        &[
            // The variant's words in its order without "'s": the variant,
            // though "Xi Jinping … Thought" holds the short form's words in
            // order with others between.
            (
                "We study Xi Jinping New Era Socialism with Chinese Characteristics Thought daily.",
                &[
                    "thought:fuzzy:Xi Jinping New Era Socialism with Chinese Characteristics Thought",
                ],
            ),
            // A sentence that uses the short form's words is still none.
            ("Xi Jinping spoke of new thought.", &[]),
        ],
    );
}

#[test]
fn a_listed_variant_written_with_other_hyphens_beside_a_correct_short_form_is_a_finding() {
    assert_cases_in(
        "leader,Xi Jinping,General Secretary Xi Jinping | Xi,Secretary-General Xi Jinping,,,error\n",
        &[
            (
                "Secretary General Xi Jinping spoke.",
                &["leader:fuzzy:Secretary General Xi Jinping"],
            ),
            (
                "Secretary-General Xi Jinping spoke.",
                &["leader:variant:Secretary-General Xi Jinping"],
            ),
            // Not the variant's words: a title and the correct name.
            (
                "The General Secretary Xi Jinping spoke.",
                &["leader:accepted:General Secretary Xi Jinping"],
            ),
        ],
    );
}

#[test]
fn a_form_word_swapped_for_its_usual_calque_is_read_as_the_form() {
    assert_cases_in(
        "core,CPC Central Committee with Comrade Xi Jinping at its core,CPC Central Committee with Comrade Xi Jinping as the core,,,,error\n",
        &[(
            "We rally around the Party Central Committee with Comrade Xi Jinping as the nucleus.",
            &["core:fuzzy:Central Committee with Comrade Xi Jinping as the nucleus"],
        )],
    );
}

#[test]
fn a_possessive_turned_round_keeps_the_words_on_their_side() {
    assert_cases_in(
        "thought,Xi Jinping Thought on Diplomacy,,Supreme Leader's diplomatic thought,,,error\nleader,Xi Jinping,,Supreme Leader,,,error\n",
        &[
            // "X's Y" written "Y of X": the longer reading replaces the
            // name's listed variant.
            (
                "He praised the diplomatic ideology of the Supreme Leader today.",
                &["thought:fuzzy:diplomatic ideology of the Supreme Leader"],
            ),
            // The same words on the other side, joined otherwise: not the
            // term turned round, so the listed name stays.
            (
                "Diplomatic ideology by the Supreme Leader.",
                &["leader:variant:Supreme Leader"],
            ),
        ],
    );
}

#[test]
fn ordinary_english_sharing_weak_words_with_a_term_is_no_finding() {
    assert_cases_in(
        "\
five,Five-sphere Integrated Plan,,five-in-one overall layout | Five-in-One [warning],,,warning
harmony,harmony without uniformity,harmony in diversity,harmony but not sameness,,,warning
partners,\"partnership, not alliance\",,partnership without alignment,,,warning
prosperity,common prosperity,,,,,warning
head,head-of-state diplomacy,head of state,head of state diplomacy,,,info
",
        &[
            // Numbers alone are no term.
            ("This is one of the five rules.", &[]),
            // Nor are negations.
            ("The value changes, but it is not the same.", &[]),
            ("Fields keep their alignment without padding.", &[]),
            // "property" is an English word two edits from "prosperity":
            // too short to be read as its misspelling.
            ("Each object has a common property.", &[]),
            // Two words of a correct form the other way round.
            (
                "You may rescue a lost detached state from the HEAD reflog.",
                &[],
            ),
            // The terms themselves, garbled, still are: a negation is a
            // function word, and swapping it is a slip.
            (
                "They pursue harmony with uniformity.",
                &["harmony:fuzzy:harmony with uniformity"],
            ),
            (
                "The goal is common prosprity.",
                &["prosperity:fuzzy:common prosprity"],
            ),
        ],
    );
}

#[test]
fn a_clause_or_a_window_without_what_names_the_concept_is_no_finding() {
    assert_cases_in(
        "\
partners,\"partnership, not alliance\",,partnership without alignment,,,error
health,global community of health for all,,community of health for mankind | community of common health for mankind | community of human health,,,error
",
        &[
            // A copula makes the words a clause.
            ("The partnership is not an alliance, officials said.", &[]),
            // The term with a function word swapped still is a finding.
            (
                "We seek partnership, no alliance.",
                &["partners:fuzzy:partnership, no alliance"],
            ),
            // Every health form has "health" and "community": a window with
            // only one of them names no health concept.
            ("The human community faces common threats.", &[]),
            (
                "A community of common healthy for mankind.",
                &["health:fuzzy:community of common healthy for mankind"],
            ),
        ],
    );
}

#[test]
fn a_window_cut_from_a_phrase_that_goes_on_otherwise_is_no_finding() {
    assert_cases_in(
        "\
shared,community with a shared future,community of shared future | building a community with a shared future,,,,error
relations,new type of international relations,,new model of international relations [info] | new kind of international relations,,,warning
",
        &[
            // The phrase goes on with a noun of its own where the form has
            // "future" and "relations".
            ("They call for the building of a community of shared interests.", &[]),
            ("Building a new model for international cooperation.", &[]),
            // A derivation of the form's last word is no other noun.
            (
                "A new kind of international relationship.",
                &["relations:fuzzy:new kind of international"],
            ),
            // Nor is a phrase with the form's last word in it.
            (
                "They build new types of internatonal relations.",
                &["relations:fuzzy:new types of internatonal relations"],
            ),
        ],
    );
}

#[test]
fn a_form_word_split_in_two_is_that_word_misspelt() {
    assert_cases(
        &matcher(),
        &[
            (
                "President Xi Jin Ping spoke.",
                &["leader:fuzzy:President Xi Jin Ping"],
            ),
            ("Xi Jin-ping spoke.", &["leader:fuzzy:Xi Jin-ping"]),
            // Two words that spell no form word together are left alone.
            ("Xi Jin Hua spoke.", &["leader:accepted:Xi"]),
            // Across a sentence they are two words.
            ("It was Xi Jin. Ping followed.", &["leader:accepted:Xi"]),
        ],
    );
}

#[test]
fn having_for_with_is_a_function_word_slip() {
    assert_cases_in(
        "socialism,socialism with Chinese characteristics,,,,,warning\n",
        &[
            (
                "They build socialism having Chinese characteristics.",
                &["socialism:fuzzy:socialism having Chinese characteristics"],
            ),
            ("Socialism having failed there, they chose reform.", &[]),
        ],
    );
}

#[test]
fn a_word_slipped_into_a_correct_form_makes_another_rendering() {
    assert_cases_in(
        "values,common values of humanity,,,,,warning\n\
         peaking,peaking carbon dioxide emissions and achieving carbon neutrality,,,,,warning\n",
        &[
            (
                "They praised the common values of the entire humanity.",
                &["values:fuzzy:common values of the entire humanity"],
            ),
            (
                "They praised the common values of humanity.",
                &["values:preferred:common values of humanity"],
            ),
            // Figures between the form's words make a sentence using it.
            (
                "They plan on peaking carbon dioxide emissions by 2030 and achieving carbon neutrality.",
                &[],
            ),
        ],
    );
}

#[test]
fn a_conjunction_before_not_is_a_contrast_inside_the_term() {
    assert_cases_in(
        "dialogue,dialogue rather than confrontation,,,,,warning\n",
        &[
            (
                "China advocates dialogue and not confrontation.",
                &["dialogue:fuzzy:dialogue and not confrontation"],
            ),
            // A conjunction that joins two phrases still ends the window.
            ("They chose dialogue and then confrontation.", &[]),
        ],
    );
}

#[test]
fn a_term_hyphenated_otherwise_is_a_slip_unless_all_of_it_is_a_modifier() {
    assert_cases_in(
        "quality,high-quality development,,,,,warning\n\
         mentality,Cold War mentality,,,,,warning\n\
         win,win-win cooperation,peace and win-win cooperation,,,,warning\n",
        &[
            (
                "We pursue high quality development.",
                &["quality:fuzzy:high quality development"],
            ),
            // As part of a longer correct form too.
            (
                "We need win win cooperation.",
                &["win:fuzzy:win win cooperation"],
            ),
            (
                "They reject the Cold-War mentality.",
                &["mentality:fuzzy:Cold-War mentality"],
            ),
            (
                "They reject the Cold War mentality.",
                &["mentality:preferred:Cold War mentality"],
            ),
            // The whole term hyphenated modifies the next noun.
            ("A Cold-War-mentality approach failed.", &[]),
        ],
    );
}

#[test]
fn dual_double_and_twin_read_as_two_unless_they_count_something_else() {
    assert_cases_in(
        "systems,\"one country, two systems\",,,,,warning\n\
         sessions,two sessions,,,,,warning\n\
         cycle,new development pattern,,dual cycle,,,warning\n\
         principle,one-China principle,,,,,warning\n\
         plan,Five-sphere Integrated Plan,,five-in-one overall layout,,,warning\n",
        &[
            (
                "It praised one country dual systems.",
                &["systems:fuzzy:one country dual systems"],
            ),
            (
                "Reporters covered the twin sessions.",
                &["sessions:fuzzy:twin sessions"],
            ),
            ("It builds a double cycle.", &["cycle:fuzzy:double cycle"]),
            // A number counts what follows it.
            ("Creating a reference cycle of two.", &[]),
            // Unless it ends a piece of the form moved to the end.
            (
                "The overall layout of five in one, economic and social, advances.",
                &["plan:fuzzy:overall layout of five in one"],
            ),
            ("One of the five layouts advances.", &[]),
            (
                "They uphold the principle of one China.",
                &["principle:fuzzy:principle of one China"],
            ),
        ],
    );
}

#[test]
fn the_plural_of_a_proper_name_is_a_near_miss_of_it() {
    let rows = format!(
        "{HEADER}\n\
         gdi,Global Development Initiative,,,,,warning\n\
         bri,Belt and Road Initiative,,Belt and Road Initiatives,,,warning\n\
         community,community with a shared future,,,,,warning\n"
    );
    let matcher = compile(&rows);
    assert_cases(
        &matcher,
        &[
            (
                "China proposed the Global Development Initiatives.",
                &["gdi:fuzzy:Global Development Initiatives"],
            ),
            (
                "It joined the Global Development Initiative.",
                &["gdi:preferred:Global Development Initiative"],
            ),
            // A listed plural stays the listed variant.
            (
                "It joined the Belt and Road Initiatives.",
                &["bri:variant:Belt and Road Initiatives"],
            ),
            // A common noun phrase takes the plural.
            (
                "They build communities with a shared future.",
                &["community:preferred:communities with a shared future"],
            ),
        ],
    );
    // Scored like any near-miss: close, but not the name itself.
    let mut scratch = MatchScratch::default();
    let text = "the Global Development Initiatives";
    matcher.find(text, &Folded::new(text), &mut scratch);
    let score = scratch.hits[0].score;
    assert!((0.9..1.0).contains(&score), "score {score}");
    // Without fuzzy matching only listed forms are findings.
    assert_cases(
        &compile_without_fuzzy(&rows),
        &[(
            "China proposed the Global Development Initiatives.",
            &["gdi:preferred:Global Development Initiatives"],
        )],
    );
}

#[test]
fn a_country_name_for_its_adjective_is_a_near_miss() {
    assert_cases_in(
        "solution,Chinese solution,,,,,warning\n\
         dream,Chinese Dream,China Dream,,,,warning\n\
         features,with Chinese characteristics,,,,,warning\n",
        &[
            (
                "It offers a China solution to the crisis.",
                &["solution:fuzzy:China solution"],
            ),
            // A possessive names the country itself.
            ("It offers China's solution to the crisis.", &[]),
            // Unless it stands inside the term.
            (
                "A path with China's characteristics.",
                &["features:fuzzy:with China's characteristics"],
            ),
            // Unless the glossary accepts it.
            (
                "They spoke of the China Dream.",
                &["dream:accepted:China Dream"],
            ),
        ],
    );
    // Without fuzzy matching it is no finding, nor the correct form.
    let rows = format!("{HEADER}\nsolution,Chinese solution,,,,,warning\n");
    assert_cases(
        &compile_without_fuzzy(&rows),
        &[("It offers a China solution.", &[])],
    );
}

#[test]
fn a_modifier_after_the_head_and_before_another_noun_is_that_nouns() {
    assert_cases_in(
        "nsc,New Security Concept,,,,,warning\n\
         hns,holistic approach to national security,holistic view of national security,,,,warning\n\
         gci,Global Civilization Initiative,,,,,warning\n",
        &[
            // "new" modifies "period": no reordered "New Security Concept",
            // which left the garbled term before it unread.
            (
                "We need a holistic national security concept in the new period.",
                &["hns:fuzzy:holistic national security concept"],
            ),
            // Reordered with nothing after it, it is the term.
            (
                "They stressed the security concept of the new.",
                &["nsc:fuzzy:security concept of the new"],
            ),
            // A plural is a noun of its own, not a modifier of the next word,
            // and a verb is no noun a modifier could belong to.
            (
                "The Global Initiative of Civilizations calls for respect.",
                &["gci:fuzzy:Global Initiative of Civilizations"],
            ),
            (
                "The initiative of global civilization was put forward.",
                &["gci:fuzzy:initiative of global civilization"],
            ),
            // Nor is an adverbial of time: "last year" says when.
            (
                "China proposed the Initiative of Global Civilization last year.",
                &["gci:fuzzy:Initiative of Global Civilization"],
            ),
            (
                "China proposed the initiative of global civilization yesterday.",
                &["gci:fuzzy:initiative of global civilization"],
            ),
            // Nor is a past participle, which starts a clause on the noun.
            (
                "The Initiative of Global Civilization put forward in 2023 is open.",
                &["gci:fuzzy:Initiative of Global Civilization"],
            ),
            (
                "The initiative of global civilization proposed by China is open.",
                &["gci:fuzzy:initiative of global civilization"],
            ),
            // Nor is a verb in -s before its object.
            (
                "The initiative of global civilization offers a new option.",
                &["gci:fuzzy:initiative of global civilization"],
            ),
            // A plural noun before its own phrase still is one.
            (
                "The initiative of global civilization exchanges for youth grew.",
                &[],
            ),
            // "last" before a word that is no time is the noun's modifier.
            (
                "They studied the initiative of global civilization last mile delivery.",
                &[],
            ),
        ],
    );
}

#[test]
fn of_after_a_modifier_names_the_modifier_not_the_compound() {
    assert_cases_in(
        "hqd,high-quality development,,high quality development,,,warning\n\
         cwm,Cold War mentality,,,,,warning\n\
         xi,Xi Jinping,President Xi Jinping,Chairman Xi,,,warning\n",
        &[
            // "A of B" names A: the quality, not the development.
            ("The high quality of the development team helped.", &[]),
            // The compound reworded head first is still the term.
            (
                "We need a mentality of the Cold War no more.",
                &["cwm:fuzzy:mentality of the Cold War"],
            ),
            // A title is no compound noun: this is the title garbled.
            (
                "The Chairman of the Xi spoke.",
                &["xi:fuzzy:Chairman of the Xi"],
            ),
            // Without "of" the slip is read as before.
            (
                "They pursue high quality developing.",
                &["hqd:fuzzy:high quality developing"],
            ),
        ],
    );
}

#[test]
fn a_window_does_not_reach_over_an_auxiliary_verb_its_form_lacks() {
    assert_cases_in(
        "destiny,community with a shared future,,community of common destiny,,,warning\n\
         nature,community of life for man and Nature,,man and nature are also a community of destiny,,,warning\n",
        &[
            // A clause, not the term.
            ("Our community has a common destiny with the river.", &[]),
            // The term without the verb is still read.
            (
                "Our community of common fate has grown.",
                &["destiny:fuzzy:community of common fate"],
            ),
            // A form that has a verb is read across one.
            (
                "Man and nature are a community of destiny.",
                &["nature:fuzzy:Man and nature are a community of destiny"],
            ),
        ],
    );
}

#[test]
fn a_preposition_swapped_for_another_changes_the_term() {
    assert_cases_in(
        "nature,community of life for man and Nature,,,,,warning\n",
        &[(
            "They are a community of life between man and nature.",
            &["nature:fuzzy:community of life between man and nature"],
        )],
    );
}

#[test]
fn an_article_left_out_after_a_preposition_is_a_slip() {
    assert_cases_in(
        "community,community with a shared future for mankind,,,,,warning\n\
         civilization,building an ecological civilization,,,,,warning\n",
        &[
            (
                "We build community with shared future for mankind.",
                &["community:fuzzy:community with shared future for mankind"],
            ),
            // Another article in its place is the term.
            (
                "We build the community with the shared future for mankind.",
                &[],
            ),
            // An article after a verb goes with the sentence.
            ("They are building ecological civilization.", &[]),
        ],
    );
}

#[test]
fn two_words_of_a_variant_turned_round_around_another_word_or_head_are_a_sentence() {
    assert_cases_in(
        "gdi,Global Development Initiative,,global development initiatives,,,warning\n\
         alliance,\"partnership, not alliance\",,non-aligned partnership,,,warning\n\
         destiny,community with a shared future,,community of common destiny,,,warning\n",
        &[
            ("Second, the initiatives focus on development.", &[]),
            // The first of them heads the phrase: it speaks of destiny.
            (
                "The destiny of the community rests on its young people.",
                &[],
            ),
            // Turned round with nothing else between: the variant garbled.
            (
                "It seeks partnership without alignment.",
                &["alliance:fuzzy:partnership without alignment"],
            ),
        ],
    );
}

#[test]
fn a_name_turned_round_inside_a_longer_title_is_the_title_reordered() {
    assert_cases_in(
        "xi,Xi Jinping,,,,,error\n\
         eco,ecological civilization,,,,,warning\n\
         thought,Xi Jinping Thought on Ecological Civilization,,Xi Jinping's ecological civilization thought,,,error\n",
        &[
            (
                "He studied the thought of Xi Jinping on ecological civilisation.",
                &["thought:fuzzy:thought of Xi Jinping on ecological civilisation"],
            ),
            // The name with other words around it is the name.
            (
                "The thought of Xi Jinping on Monday was clear.",
                &["xi:preferred:Xi Jinping"],
            ),
        ],
    );
}

#[test]
fn a_short_correct_form_does_not_excuse_a_long_garbled_rendering() {
    assert_cases_in(
        "lucid,Lucid waters and lush mountains are invaluable assets,green is gold,\
         clear waters and green mountains are gold and silver mountains,,,warning\n",
        &[
            (
                "They said clear waters and green mountains are as good as mountains of gold and silver.",
                &[
                    "lucid:fuzzy:clear waters and green mountains are as good as mountains of gold and silver",
                ],
            ),
            (
                "Green is gold, they said.",
                &["lucid:accepted:Green is gold"],
            ),
        ],
    );
}

#[test]
fn a_garbled_phrase_around_a_wrong_literal_of_another_term_replaces_it() {
    assert_cases_in(
        "xi,Xi Jinping,,Supreme Leader,,,error\n\
         thought,Xi Jinping Thought on Diplomacy,,\
         diplomatic thought of the Supreme Leader General Secretary,,,error\n",
        &[(
            "The seminar studied the Supreme Leader's diplomatic thought in depth.",
            &["thought:fuzzy:Supreme Leader's diplomatic thought"],
        )],
    );
}

#[test]
fn a_wrong_literal_inside_another_terms_correct_form_hyphenated_otherwise_is_part_of_it() {
    assert_cases_in(
        "socalled,so-called universal values,,,,,error\n\
         values,common values of humanity,,universal values [info],,,error\n",
        &[
            (
                "They reject the so called universal values of the West.",
                &[],
            ),
            // Alone, the listed rendering is still one.
            (
                "They praise universal values.",
                &["values:variant:universal values"],
            ),
        ],
    );
}

#[test]
fn a_pattern_naming_a_correct_form_with_a_word_swapped_spells_out_near_miss_targets() {
    assert_cases_in(
        "pcd,people-centered development philosophy,,,\
         \\bpeople-centered development (thought|thinking)\\b,,warning\n\
         conf,\"confidence in the path, theory, system and culture of socialism with Chinese characteristics\",\
         Four Matters of Confidence | Four Confidences,,\\bfour (?:self-confidences?|confidence)\\b,,error\n\
         est,Two Establishments,,,\\b(significance of|understanding) the two establishment\\b,,error\n\
         scc,socialism with Chinese characteristics,,,\\bsocialism with china characteristics\\b,,warning\n\
         sessions,two sessions,,,\\b(annual|national) two conferences\\b,,warning\n",
        &[
            // Near the pattern's "people-centered development thought".
            (
                "We adhere to the people-centric development thought.",
                &["pcd:fuzzy:people-centric development thought"],
            ),
            (
                "They stressed the four self confidences.",
                &["conf:fuzzy:four self confidences"],
            ),
            // A part of a member, or its words spread over a sentence, are
            // ordinary English.
            ("He spoke with great self-confidence.", &[]),
            ("She took a four-week course on self-confidence.", &[]),
            // Members are not read reordered.
            (
                "Vietnam's socialism with national characteristics differs from China's model.",
                &[],
            ),
            // A pattern whose members add words of context is not spelled
            // out: it names no correct form with a word swapped.
            (
                "They grasp the decisive significance of the Two Establishments.",
                &["est:preferred:Two Establishments"],
            ),
            ("He spoke at the annual conference in Boao.", &[]),
        ],
    );
}

#[test]
fn centennial_is_a_synonym_of_centenary() {
    assert_cases_in(
        "goals,Two Centenary Goals,,second centenary struggle goal,,,warning\n",
        &[
            (
                "They pursue the two centennial struggle goals.",
                &["goals:fuzzy:two centennial struggle goals"],
            ),
            ("The centennial celebrations were grand.", &[]),
        ],
    );
}

#[test]
fn strict_oppressing_and_collaboration_are_synonyms_of_form_words() {
    let rows = "frsg,full and rigorous self-governance of the Party,,,,,warning\n\
                sbw,strong bullying the weak,,,,,warning\n\
                wwc,win-win cooperation,,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "They stressed full and strict self-governance of the Party.",
                &["frsg:fuzzy:full and strict self-governance of the Party"],
            ),
            (
                "China opposes the strong oppressing the weak.",
                &["sbw:fuzzy:strong oppressing the weak"],
            ),
            (
                "Both sides pledged win-win collaboration in trade.",
                &["wwc:fuzzy:win-win collaboration"],
            ),
            ("Strict rules govern the collaboration.", &[]),
        ],
    );
}

#[test]
fn words_machine_translation_puts_for_the_same_morpheme_are_synonyms() {
    assert_cases_in(
        "sbw,the strong bullying the weak,,,,,warning\n\
         zsg,zero-sum game,,,,,warning\n\
         hsd,head-of-state diplomacy,,,,,info\n\
         dc,dual circulation,,,,,warning\n\
         gdi,Global Development Initiative,,,,,error\n\
         te,Two Establishments,,,,,error\n",
        &[
            (
                "We oppose the powerful bullying the feeble.",
                &["sbw:fuzzy:powerful bullying the feeble"],
            ),
            (
                "They reject zero sum gambling.",
                &["zsg:fuzzy:zero sum gambling"],
            ),
            (
                "Chief-of-state diplomacy set the course.",
                &["hsd:fuzzy:Chief-of-state diplomacy"],
            ),
            (
                "China builds a dual cycle pattern.",
                &["dc:fuzzy:dual cycle"],
            ),
            (
                "He backed the World Development Initiative.",
                &["gdi:fuzzy:World Development Initiative"],
            ),
            ("The world development agenda was discussed.", &[]),
            // A swapped head of a two-word name counts as a name only.
            (
                "He studied the Two Affirmations in class.",
                &["te:fuzzy:Two Affirmations"],
            ),
            ("The two confirmations arrived by email.", &[]),
            // A loop is no cycle of the economy.
            ("The code has a double loop.", &[]),
        ],
    );
}

#[test]
fn mindset_is_a_synonym_of_mentality() {
    assert_cases_in(
        "cwm,Cold War mentality,,,,,warning\n",
        &[
            (
                "The strategy is full of cold-war mindset.",
                &["cwm:fuzzy:cold-war mindset"],
            ),
            ("A growth mindset helps students.", &[]),
        ],
    );
}

#[test]
fn partners_and_partnering_are_synonyms_of_partnership() {
    assert_cases_in(
        "pna,\"partnership, not alliance\",,partner without allying,,,error\n",
        &[
            (
                "The country pursues a path of partnering without alliance.",
                &["pna:fuzzy:partnering without alliance"],
            ),
            (
                "It seeks partners without alliances.",
                &["pna:fuzzy:partners without alliances"],
            ),
            ("Its partners and allies met in Rome.", &[]),
        ],
    );
}

#[test]
fn a_form_word_in_another_number_is_a_slip() {
    assert_cases_in(
        "socialism,socialism with Chinese characteristics,,,,,error\n\
         sessions,two sessions,,,,,warning\n\
         goals,Two Centenary Goals,,,,,warning\n\
         community,building a community with a shared future,,,,,warning\n\
         winwin,win-win results,,,,,warning\n\
         with,with Chinese characteristics,,,,,error\n\
         five,Five Principles of Peaceful Coexistence,,,,,warning\n\
         octs,\"one country, two systems\",,,,,warning\n",
        &[
            // A determiner of one before the window does not count a
            // number the window starts with.
            (
                "Practice has proved that one country, two system is the best.",
                &["octs:fuzzy:one country, two system"],
            ),
            (
                "It is socialism with Chinese characteristic.",
                &["socialism:fuzzy:socialism with Chinese characteristic"],
            ),
            // A verb after the window is no noun it modifies.
            (
                "The term socialism with Chinese characteristic was used by Deng.",
                &["socialism:fuzzy:socialism with Chinese characteristic"],
            ),
            (
                "A port with Chinese characteristic.",
                &["with:fuzzy:with Chinese characteristic"],
            ),
            (
                "The two session will open in March.",
                &["sessions:fuzzy:two session"],
            ),
            // The singular is English after a determiner of one and before
            // the noun it modifies.
            ("They ran two-session workshops.", &[]),
            (
                "Each principle of peaceful coexistence, he said, matters.",
                &[],
            ),
            (
                "The two centenaries goals are near.",
                &["goals:fuzzy:two centenaries goals"],
            ),
            // The head noun may be plural, and the first word may be a verb.
            ("They were communities with a shared future.", &[]),
            ("China builds a community with a shared future.", &[]),
            ("They are building communities with a shared future.", &[]),
            // Two words of a longer form, one in another number, are
            // ordinary English.
            ("Store the dist-win result.", &[]),
        ],
    );
}

#[test]
fn a_finding_takes_in_the_function_words_its_form_starts_and_ends_with() {
    assert_cases_in(
        "winner,winner-takes-all,,winner eats all,,,warning\n\
         placement,no first placement of weapons in outer space,,,,,error\n",
        &[
            (
                "It is not a winner-eats-all game.",
                &["winner:fuzzy:winner-eats-all"],
            ),
            (
                "We support no-first-placement-outer-space.",
                &["placement:fuzzy:no-first-placement-outer-space"],
            ),
            // Not across a clause boundary.
            (
                "Say no. First placement of weapons in space is near.",
                &["placement:fuzzy:First placement of weapons in space"],
            ),
        ],
    );
}

#[test]
fn a_correct_form_in_the_wrong_case_is_a_near_miss_unless_listed_in_that_case() {
    let rows = "\
dream,Chinese Dream,China Dream,,,,warning
policy,\"One Country, Two Systems\",\"one country, two systems\",,,,warning
";
    assert_cases_in(
        rows,
        &[
            (
                "The Chinese dream inspires.",
                &["dream:fuzzy:Chinese dream"],
            ),
            (
                "The Chinese Dream inspires.",
                &["dream:preferred:Chinese Dream"],
            ),
            (
                "Under one country, two systems it thrived.",
                &["policy:preferred:one country, two systems"],
            ),
        ],
    );
    let matcher = compile(&format!("{HEADER}\n{rows}"));
    let text = "The chinese dream";
    let mut scratch = MatchScratch::default();
    matcher.find(text, &Folded::new(text), &mut scratch);
    assert_eq!(scratch.hits[0].severity, Severity::Info);
    // Without fuzzy matching the words are what counts.
    assert_cases(
        &compile_without_fuzzy(&format!("{HEADER}\n{rows}")),
        &[(
            "The Chinese dream inspires.",
            &["dream:preferred:Chinese dream"],
        )],
    );
}

#[test]
fn a_word_whose_stem_writes_its_y_as_i_is_read() {
    // The stemmer makes "rely" and "relying" "reli": the word still
    // begins like a stem of the index.
    assert_cases_in(
        "sbw,strong bullying the weak,,rely on strength to bully the weak,,,warning\n",
        &[(
            "He said relying on strength to bully the weak is wrong.",
            &["sbw:fuzzy:relying on strength to bully the weak"],
        )],
    );
}

#[test]
fn an_adverb_after_a_reordered_form_is_no_noun_its_last_word_modifies() {
    assert_cases_in(
        "ndp,new development philosophy,,,,,warning\n",
        &[
            (
                "We must apply the new concept of development completely.",
                &["ndp:fuzzy:new concept of development"],
            ),
            // A noun after it is what "development" modifies.
            ("We must apply the new concept of development banks.", &[]),
        ],
    );
}

#[test]
fn a_reading_does_not_grow_into_another_concepts_literal() {
    let rows = "ccb,\"extensive consultation, joint contribution and shared benefits\",,\"joint consultation, joint construction and sharing\",,,warning\n\
                ggv,\"vision of global governance featuring extensive consultation, joint contribution and shared benefits\",concept of global governance,global governance view,,,warning\n";
    assert_cases_in(
        rows,
        &[(
            "China practices the global governance concept of joint consultation, joint construction and sharing.",
            &[
                "ggv:fuzzy:global governance concept",
                "ccb:variant:joint consultation, joint construction and sharing",
            ],
        )],
    );
}

#[test]
fn a_correct_literal_that_is_one_item_of_a_garbled_list_is_part_of_it() {
    let rows = "vision,\"open, inclusive, clean and beautiful world that enjoys lasting peace, universal security and common prosperity\",,,,,warning\n\
                cp,common prosperity,,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "They build a world of lasting peace, universal security, common prosperity, openness, inclusiveness, cleanness and beauty.",
                &[
                    "vision:fuzzy:world of lasting peace, universal security, common prosperity, openness, inclusiveness, cleanness and beauty",
                ],
            ),
            // Not an item of the list: the correct literal stays.
            (
                "They seek common prosperity for all.",
                &["cp:preferred:common prosperity"],
            ),
        ],
    );
}

#[test]
fn an_epidemic_is_a_pandemic() {
    // 疫情 is either in machine translation: with another word swapped
    // too, the phrase is still the accepted form's near miss.
    assert_cases_in(
        "pce,post-COVID era,post-pandemic era,,,,warning\n",
        &[(
            "They discussed recovery in the post-epidemic age.",
            &["pce:fuzzy:post-epidemic age"],
        )],
    );
}

#[test]
fn a_title_may_leave_out_a_correct_forms_articles() {
    assert_cases(
        &matcher(),
        &[
            (
                "Xi Calls For Building Community With Shared Future For Mankind",
                &["leader:accepted:Xi"],
            ),
            (
                "He called for building community with shared future for mankind.",
                &["building:fuzzy:building community with shared future for mankind"],
            ),
        ],
    );
}

#[test]
fn instead_of_is_a_function_word_slip() {
    // "instead of" stands where the form has "not" or "rather than": the
    // same content words with other function words.
    assert_cases_in(
        "pna,\"partnership, not alliance\",partnerships rather than alliances,,,,error\n",
        &[(
            "China advocates partnership instead of alliance.",
            &["pna:fuzzy:partnership instead of alliance"],
        )],
    );
}

#[test]
fn pinyin_syllables_an_apostrophe_separates_are_one_word() {
    assert_cases_in(
        "bfa,Boao Forum for Asia,,Boao Asian Forum,,,warning\n",
        &[
            (
                "Premier Li attended the Bo'ao Asian Forum in Hainan.",
                &["bfa:fuzzy:Bo'ao Asian Forum"],
            ),
            // A place that is no form word, and a possessive, stay apart.
            ("He visited Xi'an and Bo'ao's beaches last week.", &[]),
        ],
    );
}

#[test]
fn a_form_opening_with_a_gerund_made_a_noun_is_a_correct_use() {
    assert_cases_in(
        "eco,building an ecological civilization,,construction of ecological civilization,,,error\n",
        &[
            (
                "China will deepen the building of an ecological civilization.",
                &[],
            ),
            // Without a determiner the "of" is a slip.
            (
                "Building of ecological civilization matters.",
                &["eco:fuzzy:Building of ecological civilization"],
            ),
        ],
    );
}

#[test]
fn a_dash_ends_a_window_as_a_clause_boundary_does() {
    assert_cases_in(
        "lwl,Lucid waters and lush mountains are invaluable assets,,Lucid waters and lush mountains are invaluable assets's concept,,,error\n",
        &[(
            "\"Lucid waters and lush mountains are invaluable assets\" - an idea first put forward in 2005 - has reshaped villages.",
            &["lwl:preferred:Lucid waters and lush mountains are invaluable assets"],
        )],
    );
}

#[test]
fn a_symbol_of_code_or_markup_ends_a_window() {
    assert_cases_in(
        "hsd,head-of-state diplomacy,head of state,,,,info\n",
        &[
            ("let head = state.head.as_slice()[hm];", &[]),
            ("| head | state |", &[]),
            ("if head < state {", &[]),
            // Without the symbol, the same words are a near miss.
            ("The head state visited.", &["hsd:fuzzy:head state"]),
        ],
    );
}

#[test]
fn a_head_noun_made_an_adjective_is_no_reading_of_the_term() {
    assert_cases_in(
        "fc,\"confidence in the path, theory, system and culture of socialism with Chinese characteristics\",,,,,error\n",
        &[
            (
                "The people are more confident in the path, theory, system and culture of socialism with Chinese characteristics.",
                &[],
            ),
            // The noun with a function word swapped is still a near miss.
            (
                "The people have confidence on the path, theory, system and culture of socialism with Chinese characteristics.",
                &[
                    "fc:fuzzy:confidence on the path, theory, system and culture of socialism with Chinese characteristics",
                ],
            ),
        ],
    );
}

#[test]
fn a_forms_last_word_before_another_noun_inside_the_window_modifies_it() {
    assert_cases_in(
        "core,CPC Central Committee with Comrade Xi Jinping at its core,Party Central Committee with Comrade Xi Jinping at its core,,,,error\n",
        &[
            (
                "The Two Establishments, namely establishing Comrade Xi Jinping's core position on the Party Central Committee and in the Party as a whole, are decisive.",
                &[],
            ),
            // Reordered with nothing after "core", it is the formula garbled.
            (
                "They rally around Comrade Xi Jinping's core of the Party Central Committee.",
                &["core:fuzzy:Comrade Xi Jinping's core of the Party Central Committee"],
            ),
        ],
    );
}

#[test]
fn an_owner_of_a_word_its_form_puts_after_of_or_with_turns_the_phrase_round() {
    assert_cases_in(
        "csf,community with a shared future,,community of human destiny | community of shared destiny for mankind,,,error\n",
        &[
            // "A's B" is "B of A": the destiny of a community.
            (
                "The fishing community's destiny has always been tied to the sea.",
                &[],
            ),
            // After "with" as after "of": the future of a community.
            ("The community's shared future depends on trust.", &[]),
            ("The community 's shared future depends on trust .", &[]),
            (
                "The community of a shared future depends on trust.",
                &["csf:fuzzy:community of a shared future"],
            ),
            // The owner of a word the form has before it: the term turned round.
            (
                "They build mankind's shared-destiny community.",
                &["csf:fuzzy:mankind's shared-destiny community"],
            ),
        ],
    );
}

#[test]
fn an_acronym_in_lower_case_among_capitals_is_no_acronym() {
    let rows = "cpc,Communist Party of China,CPC,CCP,,,warning\n";
    assert_cases_in(
        rows,
        &[
            ("The file tree-ssa-ccp.cc changed.", &[]),
            ("The CCP said so.", &["cpc:variant:CCP"]),
            // Lower-cased text keeps its acronyms.
            ("the ccp said so .", &["cpc:variant:ccp"]),
        ],
    );
    // Without fuzzy matching too: the literal hit goes.
    let matcher = compile_without_fuzzy(&format!("{HEADER}\n{rows}"));
    assert_cases(&matcher, &[("The file tree-ssa-ccp.cc changed.", &[])]);
}

#[test]
fn a_preposition_that_makes_another_word_the_head_of_reordered_words_is_another_phrase() {
    let rows = "goals,Two Centenary Goals,,two centennial goals,,,warning\n\
                octs,\"One Country, Two Systems\",,,,,warning\n";
    assert_cases_in(
        rows,
        &[
            // The centenary is what "with" speaks of.
            ("The club celebrated its centenary with two goals.", &[]),
            // The form's head before the preposition: the term reworded.
            (
                "China will achieve the goals for the two centenaries.",
                &["goals:fuzzy:goals for the two centenaries"],
            ),
            // In the form's order the words still name the term.
            (
                "Hong Kong keeps one country with two systems.",
                &["octs:fuzzy:one country with two systems"],
            ),
        ],
    );
}

#[test]
fn a_participle_before_a_determiner_is_a_verb() {
    assert_cases_in(
        "csf,community with a shared future,,community of human destiny,,,error\n",
        &[
            // A participle with an object is a verb: what a community did.
            (
                "The community shared its future plans with the council.",
                &[],
            ),
            ("The community shared a future with nobody.", &[]),
            (
                "The community of a shared future depends on trust.",
                &["csf:fuzzy:community of a shared future"],
            ),
        ],
    );
}

#[test]
fn a_word_in_ing_before_a_determiner_is_a_verb() {
    assert_cases_in(
        "ggv,\"vision of global governance featuring extensive consultation, joint contribution and shared benefits\",concept of global governance,global governance view | global governance outlook,,,warning\n",
        &[
            // A verb with an object inside: an idea about reform.
            (
                "The concept provides new idea for reforming the global governance, what is your comment?",
                &[],
            ),
            // Without the verb, the concept reworded.
            (
                "It offers a new idea of global governance.",
                &["ggv:fuzzy:idea of global governance"],
            ),
        ],
    );
    // So is a past form: a clause, no term.
    assert_cases_in(
        "cc,Chinese Communists,,Communist Party of China people,,,error\n",
        &[
            ("The Communist Party of the China led the people.", &[]),
            (
                "Communist Party of China people work hard.",
                &["cc:variant:Communist Party of China people"],
            ),
        ],
    );
}

#[test]
fn a_near_miss_written_as_a_name_needs_no_margin() {
    assert_cases_in(
        "ts,two sessions,,,,,warning\n\
         mc,major country,major power,,,,warning\n\
         era,new era,,,,,warning\n\
         pr,peaceful reunification,complete reunification of China,,,,error\n",
        &[
            (
                "The Two Meetings opened in Beijing.",
                &["ts:fuzzy:Two Meetings"],
            ),
            // The same words in lower case, in a title or in capitals are
            // no name of their own.
            ("The two meetings opened in Beijing.", &[]),
            ("TWO MEETINGS OPEN IN BEIJING", &[]),
            ("Exponentiation by Iterative Large Powers (of 2).", &[]),
            ("The Two Meetings", &[]),
            // The next sentence's first word is no neighbour.
            (
                "They saw the Two Meetings. Others did not.",
                &["ts:fuzzy:Two Meetings"],
            ),
            // A name with a word of the form missing is another name.
            ("It spoke of China's Reunification today.", &[]),
            // A word with an everyday sense of its own names something else.
            ("They played New Age music.", &[]),
        ],
    );
}

#[test]
fn a_word_before_the_form_does_not_stand_for_its_missing_preposition() {
    assert_cases_in(
        "scc,socialism with Chinese characteristics,,\"Socialism with Chinese characteristics's road, theory, system and culture\",,,warning\n",
        &[
            // "of" for "with", the phrase grown over a word of the
            // concept's vocabulary before it.
            (
                "It is a system of socialism of Chinese characteristics.",
                &["scc:fuzzy:system of socialism of Chinese characteristics"],
            ),
        ],
    );
}

#[test]
fn a_short_accepted_name_in_lower_case_is_ordinary_words() {
    let rows = "bri,Belt and Road Initiative,Belt and Road,,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "The seat belt and road safety campaign will run.",
                &["bri:accepted:belt and road"],
            ),
            (
                "They discussed the belt and road.",
                &["bri:accepted:belt and road"],
            ),
            // The capital that starts a sentence is no capital of the name.
            (
                "Belt and road safety matters to cyclists.",
                &["bri:accepted:Belt and road"],
            ),
            // The full name in lower case is a slip; so is a capital wrong.
            (
                "Many joined the belt and road initiative.",
                &["bri:fuzzy:belt and road initiative"],
            ),
            (
                "They discussed the Belt and road.",
                &["bri:fuzzy:Belt and road"],
            ),
        ],
    );
}

#[test]
fn a_form_that_sets_words_against_each_other_needs_a_contrast() {
    let rows = "dnc,dialogue rather than confrontation,,,,,error\n\
                nfp,No first placement of weapons in outer space,,Not first deploying weapons in outer space,,,error\n";
    assert_cases_in(
        rows,
        &[
            // A preposition or "and" joins the words: no choice stated.
            (
                "The actors rehearsed the dialogue for the confrontation scene twice.",
                &[],
            ),
            ("It was a history of dialogue and confrontation.", &[]),
            // A contrast, in the reading or just before it, renders the term.
            (
                "Both sides chose dialogue instead of confrontation.",
                &["dnc:fuzzy:dialogue instead of confrontation"],
            ),
            (
                "They pledged not to be the first to deploy weapons in outer space.",
                &["nfp:fuzzy:first to deploy weapons in outer space"],
            ),
        ],
    );
}

#[test]
fn a_list_of_synonyms_is_the_list_garbled() {
    // 亲诚惠容 item by item: 亲 amity, affinity, intimacy; 诚 sincerity,
    // honesty; 容 inclusiveness, tolerance.
    assert_cases_in(
        "asbi,\"amity, sincerity, mutual benefit and inclusiveness\",,\"affinity, sincerity, benefit and tolerance\",,,error\n",
        &[(
            "Beijing is guided by the concept of intimacy, honesty, benefit and inclusion.",
            &["asbi:fuzzy:intimacy, honesty, benefit and inclusion"],
        )],
    );
}

#[test]
fn features_stand_for_characteristics_only_in_a_longer_phrase() {
    let rows = "mcd,major-country diplomacy with Chinese characteristics,,great-power diplomacy with Chinese characteristics,,,error\n\
                wcc,with Chinese characteristics,,,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "Scholars study great-power diplomacy with Chinese features.",
                &["mcd:fuzzy:great-power diplomacy with Chinese features"],
            ),
            // Two words: a face.
            ("A man with Chinese features was seen near the bank.", &[]),
        ],
    );
}

#[test]
fn a_variant_reaching_past_a_correct_form_stands_instead_of_it() {
    assert_cases_in(
        "bri,Belt and Road Initiative,Belt and Road | jointly building the Belt and Road,Belt and Road strategy,,,error\n",
        &[
            (
                "He proposed jointly building the Belt and Road Strategy.",
                &["bri:variant:Belt and Road Strategy"],
            ),
            (
                "They are jointly building the Belt and Road together.",
                &["bri:accepted:jointly building the Belt and Road"],
            ),
        ],
    );
}

#[test]
fn a_window_without_one_of_two_joined_nouns_names_the_other_alone() {
    let rows = "pl,put people and life first,,people paramount and life paramount,,,warning\n\
                gov,full and rigorous self-governance of the Party,comprehensively enforcing strict Party self-governance,comprehensively and strictly governing the Party,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "The hospital trust would always put people first when planning care.",
                &[],
            ),
            // Joined modifiers are no items: one left out is a slip.
            (
                "The meeting stressed strictly governing the Party in all aspects.",
                &["gov:fuzzy:strictly governing the Party"],
            ),
        ],
    );
}

#[test]
fn a_title_with_a_colon_is_read_across_it() {
    let rows = "cop,Ecological Civilization: Building a Shared Future for All Life on Earth,shared future for all life on Earth | community of all life on Earth | community for all life on Earth,Ecological Civilization: Building a Community of Life on Earth | Building a Whole Life on Earth,,,error\n\
                eco,ecological civilization,,,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "The theme was Ecological Civilization: Jointly Building a Community of Life on Earth.",
                &[
                    "cop:fuzzy:Ecological Civilization: Jointly Building a Community of Life on Earth",
                ],
            ),
            // A form without a colon still stops at one.
            ("Their ecological record: civilization.", &[]),
        ],
    );
}

#[test]
fn a_wrong_rendering_of_the_inner_term_is_replaced_by_the_outer_term_garbled() {
    let rows = "generic,community with a shared future,,community of common destiny [info],,,error\n\
                mankind,community with a shared future for mankind,,community of common destiny for mankind,,,error\n\
                build,building a community with a shared future for mankind,,construction of a community of human destiny [info],,,error\n";
    let text = "They discussed the construction of a community of common destiny for mankind.";
    assert_cases_in(
        rows,
        &[
            (
                text,
                &["build:fuzzy:construction of a community of common destiny for mankind"],
            ),
            // The inner term's inner term, its own words reordered.
            (
                "They discussed the construction of a community of common destiny for humankind.",
                &["build:fuzzy:construction of a community of common destiny for humankind"],
            ),
            // A closer reading of the inner term garbled gives way too.
            (
                "They discussed the construction of a community of shared destiny for mankind.",
                &["build:fuzzy:construction of a community of shared destiny for mankind"],
            ),
            // Words the outer term does not have around it: the inner term.
            (
                "They discussed the destiny of a community of common destiny for mankind.",
                &["mankind:variant:community of common destiny for mankind"],
            ),
        ],
    );
    // Nearest to an info variant, the reading is as severe as the error it
    // replaces.
    let matcher = compile(&format!("{HEADER}\n{rows}"));
    let mut scratch = MatchScratch::default();
    matcher.find(text, &Folded::new(text), &mut scratch);
    assert_eq!(scratch.hits[0].severity, Severity::Error);
}

#[test]
fn a_form_word_turned_verb_before_an_object_pronoun_is_no_reading() {
    assert_cases_in(
        "ties,people-to-people ties,,people-to-people connectivity [warning],,,error\n",
        &[
            (
                "Slogans only work if people connect them to their own hopes.",
                &[],
            ),
            // The same two words as a noun phrase are the variant garbled.
            (
                "The plan praises people connectivity between the two nations.",
                &["ties:fuzzy:people connectivity"],
            ),
            // The form's own noun before a pronoun stays a noun.
            (
                "They praise the people connectivity it brings.",
                &["ties:fuzzy:people connectivity"],
            ),
        ],
    );
}

#[test]
fn a_possessive_in_place_of_a_correct_forms_article_keeps_the_form() {
    assert_cases_in(
        "mission,remain true to our original aspiration and keep our mission firmly in mind,stay true to the mission,never forget the original intention,,,error\n",
        &[
            // "its" stands where the accepted form has "the": ordinary
            // English and the accepted form, inflected.
            (
                "The charity has stayed true to its mission for fifty years.",
                &[],
            ),
            // A form's own possessive stays a word of it: the preferred
            // form, inflected, is correct.
            (
                "The delegates remained true to our original aspiration and kept our mission firmly in mind.",
                &[],
            ),
        ],
    );
}

#[test]
fn a_noun_slipped_into_a_short_correct_form_makes_another_phrase() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "philosophy,new development philosophy,,new development concept,,,error",
            "The company has a new software development philosophy.",
            &[],
        ),
        // An adjective slipped in is a slip in the fixed term.
        (
            "socialism,socialism with Chinese characteristics,,socialism with China characteristics,,,error",
            "They uphold socialism with Chinese special characteristics.",
            &["socialism:fuzzy:socialism with Chinese special characteristics"],
        ),
        // So are a word of measure and one of wholeness.
        (
            "four,four consciousnesses,,four consciousness,,,error",
            "Members must strengthen the four kinds of consciousness.",
            &["four:fuzzy:four kinds of consciousness"],
        ),
        (
            "values,common values of humanity,common values of mankind,,,,error",
            "We share the common values of the entire mankind.",
            &["values:fuzzy:common values of the entire mankind"],
        ),
        // A word after the form's last is none slipped into it.
        (
            "zs,zero-sum game,zero-sum mentality | zero-sum thinking,zero-sum game thinking,,,warning",
            "They reject the zero-sum-game mentality.",
            &["zs:fuzzy:zero-sum-game mentality"],
        ),
        // A longer form keeps its words apart: a noun slipped in is a slip.
        (
            "rejuvenation,great rejuvenation of the Chinese nation,,great revival of the Chinese nation,,,error",
            "It serves the great rejuvenation of the Chinese people nation.",
            &["rejuvenation:fuzzy:great rejuvenation of the Chinese people nation"],
        ),
        // A preposition is no noun.
        (
            "dialogue,dialogue rather than confrontation,,\"dialogue, not confrontation\",,,error",
            "We choose dialogue over confrontation.",
            &["dialogue:fuzzy:dialogue over confrontation"],
        ),
    ];
    for &(row, text, expected) in cases {
        assert_cases_in(&format!("{row}\n"), &[(text, expected)]);
    }
}

#[test]
fn accepted_changes_of_different_words_combine() {
    assert_cases_in(
        "core,CPC Central Committee with Comrade Xi Jinping at its core,Party Central Committee with Comrade Xi Jinping at its core | CPC Central Committee with Comrade Xi Jinping as the core,,,,error\n",
        &[
            // Both accepted changes at once: correct, an accepted hit.
            (
                "They rallied around the Party Central Committee with Comrade Xi Jinping as the core.",
                &["core:accepted:Party Central Committee with Comrade Xi Jinping as the core"],
            ),
            // A change no accepted form makes is still a near miss.
            (
                "They rallied around the Party Central Committee with Comrade Xi Jingping as the core.",
                &["core:fuzzy:Party Central Committee with Comrade Xi Jingping as the core"],
            ),
        ],
    );
}

#[test]
fn a_report_says_where_a_nearest_form_not_in_the_glossary_comes_from() {
    let matcher = compile(&format!(
        "{HEADER}\ncore,CPC Central Committee with Comrade Xi Jinping at its core,Party Central Committee with Comrade Xi Jinping at its core | CPC Central Committee with Comrade Xi Jinping as the core,,,,error\n\
         people,people-centered development philosophy,,,\\bpeople-centered development (?:thought|idea)\\b,,warning\n"
    ));
    let label_of = |text: &str| {
        let form = matcher.forms().iter().find(|f| f.text == text);
        form.map(|f| f.nearest_label())
    };
    assert_eq!(
        label_of("Party Central Committee with Comrade Xi Jinping as the core"),
        Some("nearest form (accepted changes combined)")
    );
    assert_eq!(
        label_of("people-centered development thought"),
        Some("nearest form (spelled out from a pattern)")
    );
    assert_eq!(
        label_of("Party Central Committee with Comrade Xi Jinping at its core"),
        Some("nearest listed form")
    );
}

#[test]
fn a_numbered_name_in_lower_case_reads_as_a_count() {
    assert_cases_in(
        "two,Two Establishments,,,,,warning\nonechina,one-China principle,,,,,warning\n",
        &[
            (
                "The two establishments on Harbor Street are a pub and a bakery.",
                &["two:preferred:two establishments"],
            ),
            // A capital that starts the sentence is no capital of a name.
            (
                "Two establishments in Wan Chai were fined.",
                &["two:preferred:Two establishments"],
            ),
            // Capitals in another place are still a slip.
            (
                "The Party upholds the Two establishments.",
                &["two:fuzzy:Two establishments"],
            ),
            // A name that starts in lower case keeps its capitals.
            (
                "They reaffirmed the one-china principle.",
                &["onechina:fuzzy:one-china principle"],
            ),
        ],
    );
}

#[test]
fn a_sentence_without_capitals_has_no_case_slips() {
    assert_cases_in(
        "onechina,one-China principle,,,,,warning\ndream,Chinese Dream,,,,,warning\n",
        &[
            // Lower-cased output says nothing of case.
            (
                "they reaffirmed the one-china principle and the chinese dream.",
                &[
                    "onechina:preferred:one-china principle",
                    "dream:preferred:chinese dream",
                ],
            ),
            // One capital anywhere in the sentence, and it writes case.
            (
                "They reaffirmed the one-china principle.",
                &["onechina:fuzzy:one-china principle"],
            ),
            // A lower-cased line among cased ones says nothing of case; a
            // sentence of the same text that is cased does.
            (
                "They met.\nthey reaffirmed the one-china principle .\nThe chinese dream\nlives.",
                &[
                    "onechina:preferred:one-china principle",
                    "dream:fuzzy:chinese dream",
                ],
            ),
        ],
    );
}

#[test]
fn times_and_age_stand_for_era_only_in_a_longer_phrase() {
    let rows = "era,new era,,,,,warning\n\
                thought,Thought on Socialism with Chinese Characteristics for a New Era,,,,,error\n";
    assert_cases_in(
        rows,
        &[
            // Two words: opening hours, a style of music.
            ("The museum announced new times for group visits.", &[]),
            ("She plays new age music.", &[]),
            (
                "They studied the Thought on Socialism with Chinese Characteristics for a New Age.",
                &["thought:fuzzy:Thought on Socialism with Chinese Characteristics for a New Age"],
            ),
        ],
    );
}

#[test]
fn chief_stands_for_head_only_in_a_longer_phrase() {
    let rows = "hsd,head-of-state diplomacy,head of state,head of state diplomacy,,,warning\n";
    assert_cases_in(
        rows,
        &[
            // Any country's chief of state is its head of state.
            ("The chief of state opened the session.", &[]),
            (
                "They praised chief-of-state diplomacy.",
                &["hsd:fuzzy:chief-of-state diplomacy"],
            ),
        ],
    );
}

#[test]
fn a_number_and_one_noun_are_no_longer_term() {
    assert_cases_in(
        "bri,Belt and Road Initiative,Belt and Road | BRI | 21st-Century Maritime Silk Road,One Belt One Road,,,error\n",
        &[
            ("Traffic moves from one road to another.", &[]),
            // The whole phrase, its halves set apart by a comma, reads as
            // the variant without one.
            (
                "They praised the One Belt, One Road plan.",
                &["bri:fuzzy:One Belt, One Road"],
            ),
        ],
    );
}

#[test]
fn a_relative_pronoun_starts_a_clause() {
    assert_cases_in(
        "pcd,people-centered development philosophy,people-centred development philosophy,,\\bpeople-cent(ere|re)d development (thoughts?|thinking|ideas?|ideology)\\b,,warning\n",
        &[
            (
                "People who develop the habit of thinking of themselves as citizens are rare.",
                &[],
            ),
            (
                "They praised the people-centred development ideology.",
                &["pcd:pattern:people-centred development ideology"],
            ),
        ],
    );
}

#[test]
fn behave_stands_for_act() {
    assert_cases_in(
        "mcamc,Major countries should act like major countries,,,,,error\n",
        &[(
            "Big countries should behave like big countries, he said.",
            &["mcamc:fuzzy:Big countries should behave like big countries"],
        )],
    );
}

#[test]
fn grade_route_and_durable_are_synonyms_machine_translation_uses() {
    assert_cases_in(
        "hqd,high-quality development,,,,,warning\n\
         srs,Silk Road Spirit,,,,,warning\n\
         world,\"open, inclusive, clean and beautiful world that enjoys lasting peace, universal security and common prosperity\",,\"lasting peace, universal security, common prosperity, openness, tolerance, cleanliness and beauty\",,,warning\n\
         cp,common prosperity,,,\\b(joint|collective) prosperity\\b,,warning\n",
        &[
            (
                "The plan pursues high-grade development of industry.",
                &["hqd:fuzzy:high-grade development"],
            ),
            (
                "Both sides carried forward the Silk Route Spirit.",
                &["srs:fuzzy:Silk Route Spirit"],
            ),
            (
                "They called for a world of durable peace, universal safety, joint prosperity, openness, tolerance, cleanness and beauty.",
                &[
                    "world:fuzzy:world of durable peace, universal safety, joint prosperity, openness, tolerance, cleanness and beauty",
                ],
            ),
        ],
    );
}

#[test]
fn companionship_stands_for_partnership() {
    assert_cases_in(
        "pna,\"partnership, not alliance\",partnerships rather than alliances | partnerships not alliances,partnership without alignment | partner without allying | non-aligned partnership,,,error\n",
        &[(
            "China seeks companionship rather than alliance with its neighbours.",
            &["pna:fuzzy:companionship rather than alliance"],
        )],
    );
}

#[test]
fn a_sentence_that_names_the_concept_waives_the_margin() {
    let matcher = compile(
        "id,preferred,accepted,variants,patterns,exceptions,context,severity\n\
         ts,two sessions,,,,,\\b(?:npc|cppcc)\\b,warning\n\
         hsd,head-of-state diplomacy,,,,,\\bxi\\b,warning\n",
    );
    assert_cases(
        &matcher,
        &[
            (
                "During the two meetings, NPC deputies filed proposals.",
                &["ts:fuzzy:two meetings"],
            ),
            // Without the context, the words are ordinary English.
            ("During the two meetings, the board filed proposals.", &[]),
            // Nor does it excuse a word of the form left out.
            ("Xi spoke of head diplomacy today.", &[]),
        ],
    );
}

#[test]
fn in_context_every_word_counts_as_its_synonym() {
    let matcher = compile(
        "id,preferred,accepted,variants,patterns,exceptions,context,severity\n\
         wcc,with Chinese characteristics,,,,,\\b(?:think tanks?|market)\\b,warning\n\
         rr,rural revitalization,,,,,\\b(?:farmers|villages?)\\b,warning\n\
         cp,common prosperity,,,,,\\bincomes?\\b,warning\n",
    );
    assert_cases(
        &matcher,
        &[
            // "features" is an everyday word for the head, and both words
            // of "countryside revival" are swapped: in a sentence on the
            // concept they are its words all the same.
            (
                "We will build a think tank with Chinese features.",
                &["wcc:fuzzy:with Chinese features"],
            ),
            (
                "Farmers welcomed the plan for countryside revival.",
                &["rr:fuzzy:countryside revival"],
            ),
            (
                "Higher incomes bring the province closer to joint affluence.",
                &["cp:fuzzy:joint affluence"],
            ),
            // Elsewhere they keep their everyday sense.
            ("A woman with Chinese features smiled.", &[]),
            // Nor are they the term without the word it begins with.
            ("The think tank showed Chinese features and style.", &[]),
            ("The plan for countryside revival was welcomed.", &[]),
            // The context is found outside the words read: "village"
            // in "village revival" does not say the sentence is on it.
            ("The village revival began with a new pub.", &[]),
        ],
    );
}

#[test]
fn a_period_is_an_era_but_an_everyday_one() {
    let matcher = compile(
        "id,preferred,accepted,variants,patterns,exceptions,context,severity\n\
         era,new era,,,,,\\bsocialism\\b,warning\n\
         post,post-COVID era,,post-epidemic era,,,,warning\n",
    );
    assert_cases(
        &matcher,
        &[
            (
                "Socialism has entered a new period.",
                &["era:fuzzy:new period"],
            ),
            (
                "Trade recovered in the post-epidemic period.",
                &["post:fuzzy:post-epidemic period"],
            ),
            // Outside a sentence on the concept, a new period is any.
            ("The company entered a new period of growth.", &[]),
        ],
    );
}

#[test]
fn advocacy_stands_for_initiative() {
    assert_cases_in(
        "ggi,Global Governance Initiative,,,,,warning\n",
        &[(
            "The report interprets the Global Governance Advocacy for readers.",
            &["ggi:fuzzy:Global Governance Advocacy"],
        )],
    );
}

#[test]
fn novel_stands_for_new() {
    assert_cases_in(
        "covid,COVID-19 pandemic,,novel coronavirus pneumonia epidemic,,,warning\n",
        &[(
            "The new coronavirus epidemic spread quickly.",
            &["covid:fuzzy:new coronavirus epidemic"],
        )],
    );
}

#[test]
fn a_form_that_names_one_thing_takes_no_plural() {
    assert_cases_in(
        "onechina,one-China principle,,,,,error\nleader,supreme leader,,,,,error\n",
        &[
            (
                "They reaffirmed the one-China principles.",
                &["onechina:fuzzy:one-China principles"],
            ),
            // Other common nouns inflect.
            (
                "Both supreme leaders met.",
                &["leader:preferred:supreme leaders"],
            ),
        ],
    );
}

#[test]
fn worldwide_dialog_and_summit_are_synonyms_of_form_words() {
    assert_cases_in(
        "gdi,Global Development Initiative,,,,,warning\n\
         dnc,dialogue rather than confrontation,,,,,error\n\
         carbon,carbon peaking and carbon neutrality,,,,,warning\n",
        &[
            (
                "He praised the Worldwide Development Initiative proposed by China.",
                &["gdi:fuzzy:Worldwide Development Initiative"],
            ),
            // The American spelling, and 对抗 as "antagonism".
            (
                "We advocate dialog but not antagonism between the two sides.",
                &["dnc:fuzzy:dialog but not antagonism"],
            ),
            // 峰 as "summit".
            (
                "China has pledged carbon summit and carbon neutralization by 2060.",
                &["carbon:fuzzy:carbon summit and carbon neutralization"],
            ),
            ("The carbon summit in Glasgow discussed neutrality.", &[]),
        ],
    );
}

#[test]
fn administration_is_governance_and_peculiarities_are_characteristics() {
    assert_cases_in(
        "ggi,Global Governance Initiative,,,,,warning\n\
         scc,socialism with Chinese characteristics,,,,,warning\n\
         wcc,with Chinese characteristics,,,,,warning\n",
        &[
            (
                "The Global Administration Initiative was debated at the seminar.",
                &["ggi:fuzzy:Global Administration Initiative"],
            ),
            (
                "They praised socialism with Chinese peculiarities in the lecture.",
                &["scc:fuzzy:socialism with Chinese peculiarities"],
            ),
            ("The administration of global affairs is hard.", &[]),
            // Alone, a peculiarity is any.
            (
                "Anything peculiar to the Chinese; esp., a Chinese peculiarity.",
                &[],
            ),
        ],
    );
}

#[test]
fn a_content_word_slipped_into_a_two_word_form_makes_another_phrase() {
    assert_cases_in(
        "xi,Xi Jinping,,Supreme Leader,,,error\n\
         four,Four Consciousnesses,,four awarenesses | four consciousness,,,warning\n\
         cvh,common values of humanity,,universal values [info],,,warning\n\
         pna,\"partnership, not alliance\",,partner without allying,,,warning\n",
        &[
            ("The supreme military leader exercised civil power.", &[]),
            // A form of two content words and more words is read as before.
            (
                "China pursues making partners but not forming allies.",
                &["pna:fuzzy:partners but not forming allies"],
            ),
            ("Fixed a universal config value in the parser.", &[]),
            // A classifier is no such word.
            (
                "Members must strengthen the four kinds of consciousness.",
                &["four:fuzzy:four kinds of consciousness"],
            ),
            // Nor are function words.
            (
                "He met the supreme leader of the party.",
                &["xi:variant:supreme leader"],
            ),
        ],
    );
}

#[test]
fn specificities_are_characteristics_and_sagacity_is_wisdom() {
    assert_cases_in(
        "scc,socialism with Chinese characteristics,,,,,warning\n\
         wcc,with Chinese characteristics,,,,,warning\n\
         wisdom,Chinese wisdom,,,,,warning\n",
        &[
            (
                "The lecture praised socialism with Chinese specificity at length.",
                &["scc:fuzzy:socialism with Chinese specificity"],
            ),
            (
                "The plan offers Chinese sagacity to the world.",
                &["wisdom:fuzzy:Chinese sagacity"],
            ),
            // Alone, a specificity is any.
            ("The dish is cooked with Chinese specificity in mind.", &[]),
        ],
    );
}

#[test]
fn an_opposing_word_between_form_words_sets_them_apart() {
    let rows = "xi,Xi Jinping,,supreme leader | top leader,,,error\n";
    assert_cases_in(
        rows,
        &[
            ("Trees having a bushy top without a leader are common.", &[]),
            (
                "Trees having a bushy top with a leader are common.",
                &["xi:fuzzy:top with a leader"],
            ),
        ],
    );
}

#[test]
fn a_numeral_before_a_determiner_counts_nothing() {
    let rows = "four,Four Consciousnesses,,four senses,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "When we come to parts too small four our senses, all is dim.",
                &[],
            ),
            (
                "Members must keep the four senses.",
                &["four:variant:four senses"],
            ),
        ],
    );
}

#[test]
fn a_form_word_before_a_determiner_instead_of_its_preposition_is_no_reading() {
    let rows = "hos,head-of-state diplomacy,head of state,,,,info\n";
    assert_cases_in(
        rows,
        &[
            (
                "Loss of hair on the crown of the head the state of being dressed.",
                &[],
            ),
            (
                "The summit showed head state diplomacy at work.",
                &["hos:fuzzy:head state diplomacy"],
            ),
        ],
    );
}

#[test]
fn a_doubled_form_word_held_once_in_another_compound_is_no_reading() {
    let rows = "ww,win-win cooperation,,win-win situation,,,warning\n";
    assert_cases_in(
        rows,
        &[
            (
                "They found themselves in a no-win situation after the vote.",
                &[],
            ),
            (
                "They found a win situation for all.",
                &["ww:fuzzy:win situation"],
            ),
            (
                "They pursued mutually winning cooperation with partners.",
                &["ww:fuzzy:winning cooperation"],
            ),
        ],
    );
}

#[test]
fn a_participle_before_another_preposition_is_a_verb() {
    let rows =
        "bri,Belt and Road Initiative,,construction of the Belt and Road Initiative,,,error\n";
    assert_cases_in(
        rows,
        &[
            (
                "The railway built under the Belt and Road Initiative opened.",
                &["bri:preferred:Belt and Road Initiative"],
            ),
            (
                "Ports built with the Belt and Road Initiative grew.",
                &["bri:preferred:Belt and Road Initiative"],
            ),
            (
                "The building of the Belt and Road Initiative goes on.",
                &["bri:fuzzy:building of the Belt and Road Initiative"],
            ),
        ],
    );
}
