//! Finding every occurrence of every form of every concept in folded text.
//!
//! The matcher knows forms, not files: [`Matcher::find`] takes a text and
//! its folding and returns [`Hit`]s in folded coordinates. All literal forms of the whole
//! glossary go into one Aho-Corasick automaton, so the cost of a scan does
//! not depend on the number of terms; `patterns` are found by one more
//! automaton pass over their literal prefixes (see `pattern`). Overlaps are
//! then resolved (longest wins) and exceptions applied; with fuzzy matching
//! on, correct forms in the wrong case are near-misses (see `case`).

mod automaton;
mod case;
mod combine;
mod exact;
mod fuzzy;
mod inflect;
mod pattern;
mod resolve;

use regex::Regex;
use regex_syntax::hir::Hir;

use crate::bilingual::SourceIndex;
use crate::error::{GlossaryError, GlossaryErrors};
use crate::glossary::{Concept, ConceptId, Glossary, Severity};
use crate::normalize::{Folded, fold_str};

/// Index of a form in [`Matcher::forms`].
pub type FormId = usize;

/// Whether a form is correct or a known wrong rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The canonical rendering.
    Preferred,
    /// Another correct rendering.
    Accepted,
    /// A known wrong (or legacy) rendering.
    Variant,
}

/// A literal form of a concept.
#[derive(Debug, Clone)]
pub struct Form {
    /// The concept it renders.
    pub concept: ConceptId,
    /// Correct or wrong.
    pub kind: FormKind,
    /// As written in the glossary.
    pub text: String,
    /// As folded for matching.
    pub folded: String,
    /// Severity of a finding of this form.
    pub severity: Severity,
    /// Written in the glossary, or made by the matcher from what is.
    pub origin: FormOrigin,
}

/// Where a form comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOrigin {
    /// Written in the glossary.
    Listed,
    /// Spelled out from one of the concept's patterns, a short family of
    /// renderings that names a correct form with one word swapped, for fuzzy
    /// matching alone: never matched literally (the pattern does that) and
    /// no listed variant.
    Pattern,
    /// Made from accepted changes of different words (see
    /// `add_combined_forms`): accepted by the matcher, not written in the
    /// glossary.
    Combined,
}

impl Form {
    /// How a report introduces this form as the one a fuzzy finding is
    /// nearest to: a form the glossary does not spell out says where it
    /// comes from, so a terminologist does not look for it in vain.
    pub fn nearest_label(&self) -> &'static str {
        match self.origin {
            FormOrigin::Listed => "nearest listed form",
            FormOrigin::Pattern => "nearest form (spelled out from a pattern)",
            FormOrigin::Combined => "nearest form (accepted changes combined)",
        }
    }
}

/// What an occurrence is: correct, or which kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The preferred form: correct.
    Preferred,
    /// An accepted form: correct.
    Accepted,
    /// A listed wrong rendering.
    Variant,
    /// A wrong rendering caught by a pattern.
    Pattern,
    /// A wrong rendering close to a form of the concept.
    Fuzzy,
    /// A source term whose concept the bilingual target does not render.
    Missing,
}

impl Status {
    /// Returns true if and only if this occurrence is reported as a finding.
    pub fn is_finding(self) -> bool {
        !matches!(self, Status::Preferred | Status::Accepted)
    }

    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Accepted => "accepted",
            Status::Variant => "variant",
            Status::Pattern => "pattern",
            Status::Fuzzy => "fuzzy",
            Status::Missing => "missing",
        }
    }
}

/// One occurrence of a concept in folded text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte (exclusive) in the folded text.
    pub end: usize,
    /// The concept.
    pub concept: ConceptId,
    /// Correct or which kind of finding.
    pub status: Status,
    /// Severity, if it is a finding.
    pub severity: Severity,
    /// The literal form matched, or the nearest one for fuzzy hits.
    pub form: Option<FormId>,
    /// Similarity in 0..=1 (1 for exact and pattern hits).
    pub score: f32,
}

/// Per-concept data the matcher needs after compilation.
#[derive(Debug, Clone)]
pub struct ConceptInfo {
    /// The concept's id.
    pub id: String,
    /// The preferred form, offered as the fix.
    pub preferred: String,
    /// The concept's severity.
    pub severity: Severity,
    /// The glossary note.
    pub note: String,
    /// Compiled exceptions.
    exceptions: Vec<Regex>,
}

pub use case::{MINOR_WORDS, recased};
pub use exact::is_word_bounded;
pub use fuzzy::DEFAULT_THRESHOLD;

/// A compiled glossary, shared read-only by all threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    concepts: Vec<ConceptInfo>,
    forms: Vec<Form>,
    exact: exact::ExactMatcher,
    patterns: pattern::PatternMatcher,
    fuzzy: Option<fuzzy::FuzzyIndex>,
    sources: SourceIndex,
}

/// How a glossary is compiled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchOptions {
    /// The score a fuzzy candidate needs to become a finding; `None` turns
    /// fuzzy matching off.
    pub fuzzy_threshold: Option<f32>,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            fuzzy_threshold: Some(DEFAULT_THRESHOLD),
        }
    }
}

/// Per-thread buffers for [`Matcher::find`], reused across documents.
///
/// They cache what the matcher knows of words and windows, so one scratch
/// serves one matcher: use a fresh one with another glossary.
#[derive(Debug, Default)]
pub struct MatchScratch {
    /// The hits of the last [`Matcher::find`], sorted by position.
    pub hits: Vec<Hit>,
    fuzzy: fuzzy::Scratch,
}

/// Compiles a glossary regex with bounded size, so that a hostile pattern
/// cannot exhaust memory. The regex crate guarantees linear-time matching, so
/// no pattern can make a scan pathological. See [`regex_source`] for how the
/// pattern is rewritten first.
pub fn compile_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&regex_source(pattern))
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(1 << 22)
        .build()
}

/// Compiles a concept's regexes of `column`, adding an error per invalid one.
fn compile_column(
    concept: &Concept,
    column: &str,
    sources: &[String],
    errors: &mut Vec<GlossaryError>,
) -> Vec<Regex> {
    let mut regexes = Vec::with_capacity(sources.len());
    for source in sources {
        match compile_regex(source) {
            Ok(regex) => regexes.push(regex),
            Err(e) => errors.push(GlossaryError::new(
                &concept.origin.path,
                concept.origin.locate(column, Some(source)),
                format!("invalid regex {source:?}: {e}"),
            )),
        }
    }
    regexes
}

/// The compiled size one glossary regex (or the whole pattern set) may take.
const REGEX_SIZE_LIMIT: usize = 1 << 24;

/// The regex the matcher compiles for a glossary pattern.
///
/// Matching is case-insensitive, so that authors need not care, but the
/// text it runs on is folded to lowercase: a pattern with no uppercase
/// letter already matches exactly what it would case-insensitively, and
/// compiles three times faster without the flag, which is most of `check`'s
/// start-up. Only a pattern with an uppercase letter gets `(?i)`.
///
/// `\b` and `\B` become ASCII word boundaries: a Unicode word boundary
/// makes the regex crate leave its fast lazy DFA for the PikeVM on any text
/// with a non-ASCII byte, which made the patterns twenty times slower than
/// everything else together. The text is English, so the two agree where it
/// matters.
pub fn regex_source(pattern: &str) -> String {
    let rewritten = ascii_word_boundaries(pattern);
    if has_uppercase_literal(pattern) {
        format!("(?i){rewritten}")
    } else {
        rewritten
    }
}

/// Returns true if `pattern` may match an uppercase letter: it has one
/// outside escapes (`\B`, `\S`, `\W` do not count), or an escape that
/// names characters by code or class (`\x41`, `\u{..}`, `\p{Lu}`).
fn has_uppercase_literal(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if matches!(chars.next(), Some('x' | 'u' | 'U' | 'p' | 'P')) {
                return true;
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// Rewrites `\b` and `\B` (not `\\b`) as `(?-u:\b)` and `(?-u:\B)`.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The strings a concept's parsed patterns `hirs` match (see
/// [`pattern::spelled_out`]) that are one of its correct forms among `forms`
/// with one content word swapped, folded, and not among `forms` already:
/// near-miss targets for fuzzy matching, like listed variants. "people-
/// centered development thought" for "… philosophy" makes "people-centric
/// development thought" one too. Patterns whose matches add words of context
/// ("annual two conferences") are left to match literally.
fn swapped_members(forms: &[Form], hirs: &[Result<Hir, String>]) -> Vec<String> {
    let correct: Vec<Vec<&str>> = forms
        .iter()
        .filter(|f| f.kind != FormKind::Variant)
        .map(|f| fuzzy::content_words(&f.folded))
        .collect();
    let mut members: Vec<String> = hirs
        .iter()
        .filter_map(|hir| hir.as_ref().ok())
        .flat_map(pattern::spelled_out)
        .map(|text| fold_str(&text))
        .filter(|folded| {
            let words = fuzzy::content_words(folded);
            correct.iter().any(|c| fuzzy::swaps_one_word(&words, c))
                && forms.iter().all(|f| &f.folded != folded)
        })
        .collect();
    members.sort_unstable();
    members.dedup();
    members
}

impl Matcher {
    /// Compiles a validated glossary with default options.
    pub fn compile(glossary: &Glossary) -> Result<Matcher, GlossaryErrors> {
        Matcher::compile_with(glossary, MatchOptions::default())
    }

    /// Compiles a validated glossary.
    pub fn compile_with(
        glossary: &Glossary,
        options: MatchOptions,
    ) -> Result<Matcher, GlossaryErrors> {
        let mut errors = Vec::new();
        let mut concepts = Vec::with_capacity(glossary.concepts.len());
        let mut contexts = Vec::with_capacity(glossary.concepts.len());
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        let mut parsed = Vec::new();
        for (id, concept) in glossary.concepts.iter().enumerate() {
            let first_form = forms.len();
            let mut add = |kind, text: &str, severity| {
                forms.push(Form {
                    concept: id,
                    kind,
                    text: text.to_string(),
                    folded: fold_str(text),
                    severity,
                    origin: FormOrigin::Listed,
                })
            };
            add(FormKind::Preferred, &concept.preferred, concept.severity);
            for text in &concept.accepted {
                add(FormKind::Accepted, text, concept.severity);
            }
            for variant in &concept.variants {
                add(
                    FormKind::Variant,
                    &variant.text,
                    variant.severity.unwrap_or(concept.severity),
                );
            }
            let first_pattern = parsed.len();
            parsed.extend(concept.patterns.iter().map(|p| pattern::parse(p)));
            patterns.extend(concept.patterns.iter().map(|p| (id, p.clone())));
            if options.fuzzy_threshold.is_some() {
                for folded in swapped_members(&forms[first_form..], &parsed[first_pattern..]) {
                    forms.push(Form {
                        concept: id,
                        kind: FormKind::Variant,
                        text: folded.clone(),
                        folded,
                        severity: concept.severity,
                        origin: FormOrigin::Pattern,
                    });
                }
            }
            let exceptions =
                compile_column(concept, "exceptions", &concept.exceptions, &mut errors);
            // Contexts serve fuzzy matching alone; validation has already
            // checked their syntax either way.
            contexts.push(if options.fuzzy_threshold.is_some() {
                compile_column(concept, "context", &concept.context, &mut errors)
            } else {
                Vec::new()
            });
            concepts.push(ConceptInfo {
                id: concept.id.clone(),
                preferred: concept.preferred.clone(),
                severity: concept.severity,
                note: concept.note.clone(),
                exceptions,
            });
        }
        if !errors.is_empty() {
            return Err(GlossaryErrors(errors));
        }
        add_combined_forms(glossary, &mut forms);
        // The four parts are independent; built side by side they take the
        // time of the slowest, which `check`'s start-up feels.
        let ((exact, patterns), (fuzzy, sources)) = rayon::join(
            || {
                rayon::join(
                    || exact::ExactMatcher::build(&forms, options.fuzzy_threshold),
                    || pattern::PatternMatcher::build(patterns, parsed),
                )
            },
            || {
                rayon::join(
                    || {
                        options
                            .fuzzy_threshold
                            .map(|threshold| fuzzy::FuzzyIndex::build(&forms, contexts, threshold))
                    },
                    || SourceIndex::build(glossary),
                )
            },
        );
        let exact =
            exact.map_err(|e| whole_glossary_error(format!("cannot build the automaton: {e}")))?;
        let patterns = patterns.map_err(|e| match e.concept {
            Some((id, source)) => {
                let origin = &glossary.concepts[id].origin;
                GlossaryErrors(vec![GlossaryError::new(
                    &origin.path,
                    origin.locate("patterns", Some(&source)),
                    format!("invalid regex {source:?}: {}", e.reason),
                )])
            }
            None => whole_glossary_error(format!("cannot build the pattern set: {}", e.reason)),
        })?;
        let sources = sources.map_err(|e| {
            whole_glossary_error(format!("cannot build the source-term automaton: {e}"))
        })?;
        Ok(Matcher {
            concepts,
            forms,
            exact,
            patterns,
            fuzzy,
            sources,
        })
    }

    /// The concepts, indexed by [`ConceptId`].
    pub fn concepts(&self) -> &[ConceptInfo] {
        &self.concepts
    }

    /// The literal forms, indexed by [`FormId`].
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// How many accepted forms were combined from other accepted forms'
    /// changes (see `combine`), beyond the glossary's own.
    pub fn combined_forms(&self) -> usize {
        self.forms
            .iter()
            .filter(|f| f.origin == FormOrigin::Combined)
            .count()
    }

    /// The source terms, for the bilingual check of segments that carry
    /// their source text.
    pub fn sources(&self) -> &SourceIndex {
        &self.sources
    }

    /// Readies the matcher for documents of `sizes` bytes (read lazily):
    /// an archive is worth automata that take longer to build and scan
    /// faster. Findings do not depend on it.
    pub fn prepare_for(&self, sizes: impl IntoIterator<Item = u64>) {
        let automata = [&self.exact.automaton, &self.patterns.prefixes];
        // A glossary too large for DFAs needs no sizes read.
        if !automata.iter().any(|a| a.may_use_dfa()) {
            return;
        }
        let mut input_bytes = 0;
        let is_large = sizes.into_iter().any(|size| {
            input_bytes = size.saturating_add(input_bytes);
            input_bytes >= automaton::DFA_MIN_INPUT_BYTES
        });
        if is_large {
            automata.iter().for_each(|a| a.use_dfa());
        }
    }

    /// Finds all occurrences in `original`, folded as `folded`, resolved and
    /// sorted by position, into `scratch.hits`.
    pub fn find(&self, original: &str, folded: &Folded, scratch: &mut MatchScratch) {
        let hits = &mut scratch.hits;
        hits.clear();
        let text = folded.text.as_str();
        self.exact.find(text, &self.forms, hits);
        self.patterns.find(text, &self.concepts, hits);
        resolve::resolve(hits);
        if let Some(fuzzy) = &self.fuzzy {
            fuzzy.find(original, folded, &self.forms, &mut scratch.fuzzy, hits);
        }
        resolve::apply_exceptions(text, &self.concepts, hits);
        case::drop_lowercase_acronyms(original, folded, &self.forms, hits);
        if let Some(fuzzy) = &self.fuzzy {
            case::drop_title_forms(original, folded, &self.forms, hits);
            case::mark_slips(original, folded, &self.forms, fuzzy.threshold(), hits);
        }
    }
}

/// Appends, as accepted forms, the products of each concept's accepted
/// changes of its preferred form (see [`combine`]) that are no form of the
/// glossary yet, so a listed variant or another concept's form keeps its
/// meaning.
fn add_combined_forms(glossary: &Glossary, forms: &mut Vec<Form>) {
    let mut known: std::collections::HashSet<String> =
        forms.iter().map(|f| f.folded.clone()).collect();
    for (id, concept) in glossary.concepts.iter().enumerate() {
        for text in combine::combined_forms(&concept.preferred, &concept.accepted) {
            let folded = fold_str(&text);
            if known.insert(folded.clone()) {
                forms.push(Form {
                    concept: id,
                    kind: FormKind::Accepted,
                    text,
                    folded,
                    severity: concept.severity,
                    origin: FormOrigin::Combined,
                });
            }
        }
    }
}

/// An error of the glossary as a whole, not of one of its cells.
fn whole_glossary_error(reason: String) -> GlossaryErrors {
    GlossaryErrors(vec![GlossaryError::new(
        "glossary",
        Default::default(),
        reason,
    )])
}

#[cfg(test)]
mod tests;
