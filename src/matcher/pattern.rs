//! Glossary `patterns`: one Aho-Corasick scan finds where the literals their
//! matches must begin with occur, and only there is each pattern's regex
//! asked, anchored, whether and how far it matches.

use aho_corasick::MatchKind;
use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use super::automaton::SizedAutomaton;
use super::{ConceptInfo, Hit, REGEX_SIZE_LIMIT, Status, compile_regex, regex_source};
use crate::glossary::ConceptId;

/// The patterns of every concept, found where their literal prefixes occur.
///
/// Every match of a pattern begins with one of a finite set of literals (its
/// prefixes, read off the parse; all patterns of the bundled glossary have
/// them). One Aho-Corasick pass finds every place where a prefix occurs,
/// and only there is the pattern's regex asked, anchored, whether and how
/// far it matches. An unanchored multi-pattern regex did the same in one
/// scan, but its lazy DFA had to build states that each hold every
/// pattern's start, thousands of them per run, which cost `check` of a
/// 20 KB draft a quarter of its time. Anchored states hold one pattern and
/// are few; on an archive both ways scan at the same speed.
///
/// Each anchored search reads at most the pattern's longest match, so the
/// work stays linear in the text only for patterns whose matches are
/// short (every pattern of the bundled glossary, as a test checks). The
/// others, and those without literal prefixes (a user's `[a-z]+ destiny`
/// or `(a+)+$`, say), are found by one leftmost-first regex over them
/// alone, whose scan is linear.
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    /// All patterns, searched only anchored, each by its own id.
    anchored: Regex,
    /// Every prefix literal of the patterns that have them.
    pub(super) prefixes: SizedAutomaton,
    /// Per literal of `prefixes`: the pattern it is a prefix of.
    prefix_pattern: Vec<u32>,
    /// The other patterns (see above), in one leftmost-first regex, with
    /// their ids in `anchored`.
    scanned: Option<(Regex, Vec<u32>)>,
    /// Per pattern: its concept.
    concepts: Vec<ConceptId>,
}

impl PatternMatcher {
    /// Compiles the patterns from their parses `hirs` (see [`parse`], read by
    /// [`spelled_out`] too). On failure (a size limit), the error names the
    /// first pattern that does not compile alone.
    pub fn build(
        patterns: Vec<(ConceptId, String)>,
        hirs: Vec<Result<Hir, String>>,
    ) -> Result<PatternMatcher, PatternError> {
        // Parsed once: the regexes are built from these, and each pattern's
        // prefixes read off them.
        let hirs = hirs
            .into_iter()
            .collect::<Result<Vec<Hir>, String>>()
            .map_err(|whole| blame(&patterns, whole))?;
        let anchored = meta_regex(&hirs, false).map_err(|whole| blame(&patterns, whole))?;
        let mut literals = Vec::new();
        let mut prefix_pattern = Vec::new();
        let mut scanned = Vec::new();
        for (index, hir) in hirs.iter().enumerate() {
            let is_short = hir
                .properties()
                .maximum_len()
                .is_some_and(|len| len <= MAX_ANCHORED_LEN);
            match prefixes(hir).filter(|_| is_short) {
                Some(prefixes) => {
                    prefix_pattern.extend(std::iter::repeat_n(index as u32, prefixes.len()));
                    literals.extend(prefixes);
                }
                None => scanned.push(index as u32),
            }
        }
        let prefixes =
            SizedAutomaton::build(literals, MatchKind::Standard).map_err(|e| PatternError {
                concept: None,
                reason: e.to_string(),
            })?;
        let scanned = if scanned.is_empty() {
            None
        } else {
            let hirs: Vec<Hir> = scanned.iter().map(|&i| hirs[i as usize].clone()).collect();
            let leftmost = meta_regex(&hirs, true).map_err(|whole| blame(&patterns, whole))?;
            Some((leftmost, scanned))
        };
        Ok(PatternMatcher {
            anchored,
            prefixes,
            prefix_pattern,
            scanned,
            concepts: patterns.into_iter().map(|(concept, _)| concept).collect(),
        })
    }

    /// Appends to `out`, at every position where some pattern matches, the
    /// match of each pattern that matches there, by position and then
    /// pattern.
    ///
    /// Matches of different patterns may overlap, as they may with literal
    /// forms: choosing among them is `resolve`'s job, so all are reported.
    pub fn find(&self, text: &str, concepts: &[ConceptInfo], out: &mut Vec<Hit>) {
        if self.concepts.is_empty() {
            return;
        }
        // (start, pattern) of every place a pattern may match.
        let mut tries: Vec<(usize, u32)> = self
            .prefixes
            .get()
            .find_overlapping_iter(text)
            .map(|m| (m.start(), self.prefix_pattern[m.pattern().as_usize()]))
            .collect();
        if let Some((leftmost, ids)) = &self.scanned {
            let mut at = 0;
            while let Some(next) = leftmost.search(&Input::new(text).span(at..text.len())) {
                tries.extend(ids.iter().map(|&id| (next.start(), id)));
                at = next_char_boundary(text, next.start());
                if at >= text.len() {
                    break;
                }
            }
        }
        tries.sort_unstable();
        tries.dedup();
        for (start, index) in tries {
            let here = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Pattern(PatternID::new_unchecked(index as usize)));
            if let Some(m) = self.anchored.search(&here).filter(|m| m.end() > start) {
                let concept = self.concepts[index as usize];
                out.push(Hit {
                    start,
                    end: m.end(),
                    concept,
                    status: Status::Pattern,
                    severity: concepts[concept].severity,
                    form: None,
                    score: 1.0,
                });
            }
        }
    }
}

/// The error for patterns that do not compile together: the first one
/// that does not compile alone, else the reason `whole` they do not.
fn blame(patterns: &[(ConceptId, String)], whole: String) -> PatternError {
    patterns
        .iter()
        .find_map(|(concept, source)| {
            compile_regex(source).err().map(|error| PatternError {
                concept: Some((*concept, source.clone())),
                reason: error.to_string(),
            })
        })
        .unwrap_or(PatternError {
            concept: None,
            reason: whole,
        })
}

/// One leftmost-first regex over the parsed patterns, within the size
/// limit. A regex searched only anchored needs no prefilter (building one
/// for the bundled glossary's patterns was a tenth of the start-up).
fn meta_regex(hirs: &[Hir], prefilter: bool) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .auto_prefilter(prefilter),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

/// The longest match (in bytes) a pattern may have to be looked for by
/// anchored searches: their work is at most this per place a prefix occurs.
const MAX_ANCHORED_LEN: usize = 256;

/// How many bytes of each prefix literal are looked for. The whole
/// literals (1,619 of the bundled glossary's patterns, many sharing their
/// first words) made an automaton that took longer to build than a draft
/// takes to check; their first 12 bytes are 264 strings, rare enough in
/// text that the anchored searches they start cost little.
const PREFIX_LEN: usize = 12;

/// The first [`PREFIX_LEN`] bytes of the literals every match of `hir`
/// begins with, when they are a finite set of non-empty literals.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    prefixes
        .literals()?
        .iter()
        .map(|literal| {
            let bytes = literal.as_bytes();
            let len = bytes.len().min(PREFIX_LEN);
            (len > 0).then(|| bytes[..len].to_vec())
        })
        .collect::<Option<Vec<_>>>()
        .map(|mut literals| {
            literals.sort_unstable();
            literals.dedup();
            literals
        })
}

/// At most this many strings are spelled out of one pattern: a family
/// larger than that is no short list of renderings.
const MAX_SPELLED_OUT: usize = 64;

/// A pattern as the regex engine reads it (see [`regex_source`]).
pub fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::parse(&regex_source(pattern)).map_err(|e| e.to_string())
}

/// Every string the parsed pattern `hir` matches, sorted, when they are
/// few; else none. Word boundaries match no text of their own. (A pattern
/// with an upper-case letter is case-insensitive and spells out every
/// casing, too many.)
pub fn spelled_out(hir: &Hir) -> Vec<String> {
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_total(MAX_SPELLED_OUT)
        .extract(hir);
    let Some(literals) = seq.literals().filter(|_| seq.is_exact()) else {
        return Vec::new();
    };
    let mut spelled: Vec<String> = literals
        .iter()
        .filter_map(|literal| std::str::from_utf8(literal.as_bytes()).ok())
        .filter(|text| !text.trim().is_empty())
        .map(str::to_string)
        .collect();
    spelled.sort_unstable();
    spelled.dedup();
    spelled
}

/// The first character boundary after `at` (or the end of `text`).
fn next_char_boundary(text: &str, at: usize) -> usize {
    (at + 1..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// Why the patterns did not compile.
#[derive(Debug)]
pub struct PatternError {
    /// The concept and pattern to blame, when one fails on its own.
    pub concept: Option<(ConceptId, String)>,
    /// The regex crate's reason.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{parse, spelled_out};
    use crate::glossary::load_paths;
    use crate::matcher::Matcher;

    fn spell(pattern: &str) -> Vec<String> {
        spelled_out(&parse(pattern).unwrap())
    }

    #[test]
    fn a_short_family_is_spelled_out_whole() {
        assert_eq!(
            spell(r"\bpeople-cent(ere|re)d development (thoughts?|thinking)\b"),
            [
                "people-centered development thinking",
                "people-centered development thought",
                "people-centered development thoughts",
                "people-centred development thinking",
                "people-centred development thought",
                "people-centred development thoughts",
            ]
        );
    }

    #[test]
    fn an_open_or_case_insensitive_pattern_spells_out_nothing() {
        assert!(spell(r"\bstrong countr(y|ies) \w+").is_empty());
        assert!(spell(r"\b[a-z]+ destiny\b").is_empty());
        assert!(spell(r"\bChina (plan|scheme)\b").is_empty());
    }

    #[test]
    fn every_bundled_pattern_is_asked_only_where_its_prefixes_occur() {
        // A pattern without literal prefixes or a bound on its length
        // (`\w*`, `[a-z]+`) is found by a regex scan of the whole text: with
        // four such patterns that scan cost 4% of an audit of the dense
        // corpus (callgrind, 2,970 M instructions against 2,862 M).
        let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("glossary");
        let matcher = Matcher::compile(&load_paths(&[bundled]).unwrap()).unwrap();
        let scanned = matcher
            .patterns
            .scanned
            .as_ref()
            .map(|(_, ids)| ids.clone());
        assert_eq!(scanned, None);
    }
}
