//! An Aho-Corasick automaton sized by its input: the contiguous NFA, quick
//! to build, until the input is large enough to repay building the DFA,
//! which scans about twice as fast. Both find the same matches.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, BuildError, MatchKind};

/// Above this many bytes of patterns, a DFA (a state per pattern byte, a
/// transition per byte class) is no longer small: glossaries that large
/// keep the contiguous NFA. The bundled glossary's literal forms have about
/// 54 KB.
const DFA_MAX_PATTERN_BYTES: usize = 200_000;

/// From this much input on, the DFA is worth building. On the bundled
/// glossary the literal forms' DFA takes ~35 ms of one core more to build
/// than the contiguous NFA and scans in half its time (0.6 s instead of
/// 1.3 s of a 56 MB audit), which pays from about 3 MB; below, a draft or
/// a few files would mostly wait for it. (The pattern prefixes' DFA is
/// smaller, but its build was still 6% of auditing the seeds.)
pub const DFA_MIN_INPUT_BYTES: u64 = 4_000_000;

/// The patterns, as an NFA and, once [`SizedAutomaton::use_dfa`] asks for
/// it, as a DFA.
#[derive(Debug, Clone)]
pub struct SizedAutomaton {
    nfa: AhoCorasick,
    /// `None` inside when the DFA could not be built.
    dfa: OnceLock<Option<AhoCorasick>>,
    /// The patterns, to build the DFA from.
    patterns: Vec<Vec<u8>>,
    match_kind: MatchKind,
}

impl SizedAutomaton {
    /// Builds the NFA of `patterns`.
    pub fn build(patterns: Vec<Vec<u8>>, match_kind: MatchKind) -> Result<Self, BuildError> {
        Ok(SizedAutomaton {
            nfa: build(&patterns, match_kind, AhoCorasickKind::ContiguousNFA)?,
            dfa: OnceLock::new(),
            patterns,
            match_kind,
        })
    }

    /// Whether the patterns are small enough for a DFA.
    pub fn may_use_dfa(&self) -> bool {
        self.patterns.iter().map(Vec::len).sum::<usize>() <= DFA_MAX_PATTERN_BYTES
    }

    /// Builds the DFA, once, if the patterns are small enough.
    pub fn use_dfa(&self) {
        if self.may_use_dfa() {
            self.dfa
                .get_or_init(|| build(&self.patterns, self.match_kind, AhoCorasickKind::DFA).ok());
        }
    }

    /// The DFA if it is built, else the NFA.
    pub fn get(&self) -> &AhoCorasick {
        self.dfa.get().and_then(Option::as_ref).unwrap_or(&self.nfa)
    }

    /// Whether the DFA is in use.
    #[cfg(test)]
    pub fn has_dfa(&self) -> bool {
        self.dfa.get().is_some_and(Option::is_some)
    }
}

fn build(
    patterns: &[Vec<u8>],
    match_kind: MatchKind,
    kind: AhoCorasickKind,
) -> Result<AhoCorasick, BuildError> {
    AhoCorasick::builder()
        .match_kind(match_kind)
        .kind(Some(kind))
        .build(patterns)
}
