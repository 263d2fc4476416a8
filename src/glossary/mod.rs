//! The glossary: concepts, their canonical and wrong renderings, and where
//! each came from in the CSV files, so that every complaint about it can name
//! `file:line:column`.

mod canonical;
mod load;
pub mod tbx;
mod validate;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

pub use canonical::to_canonical_csv;
pub use load::{from_csv_str, glossary_files, load_file, load_paths};

/// Index of a concept in [`Glossary::concepts`].
pub type ConceptId = usize;

/// The glossary columns, in canonical order.
pub const COLUMNS: &[&str] = &[
    "id",
    "source",
    "preferred",
    "accepted",
    "variants",
    "patterns",
    "exceptions",
    "context",
    "severity",
    "note",
    "must_flag",
    "must_pass",
];

/// Separator of the items of a multi-valued cell.
pub const ITEM_SEPARATOR: &str = " | ";

/// How serious a non-canonical rendering is; ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, e.g. a legacy official rendering.
    Info,
    /// Non-standard but understandable.
    Warning,
    /// Wrong: a calque or garbled rendering.
    Error,
}

impl Severity {
    /// The lowercase name used in the glossary and the reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity {other:?} (expected error, warning or info)"
            )),
        }
    }
}

/// A position in a glossary file: 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
}

/// A known wrong rendering, optionally with its own severity (legacy official
/// forms are `info`, written `form [info]` in the glossary).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The wrong rendering as written in the glossary.
    pub text: String,
    /// Overrides the concept's severity for this form.
    pub severity: Option<Severity>,
}

/// One concept: a source term and its English renderings.
#[derive(Debug, Clone, Hash)]
pub struct Concept {
    /// Stable kebab-case id, unique in the glossary.
    pub id: String,
    /// Source-language terms (optional).
    pub source: Vec<String>,
    /// The one canonical rendering, offered as the fix.
    pub preferred: String,
    /// Other correct renderings; counted, never flagged.
    pub accepted: Vec<String>,
    /// Known wrong renderings; each occurrence is a finding.
    pub variants: Vec<Variant>,
    /// Regexes over folded text for wrong renderings a list cannot express.
    pub patterns: Vec<String>,
    /// Regexes over the folded sentence; a match there is not a finding.
    pub exceptions: Vec<String>,
    /// Regexes over the folded sentence; a match there, outside the words
    /// being read, says the sentence speaks of the concept, so a near miss
    /// of one of its correct forms that has all of the form's words counts
    /// without the margin kept for ordinary English, each word as its
    /// synonym ("the two meetings" in a sentence naming the NPC).
    pub context: Vec<String>,
    /// Severity of this concept's findings.
    pub severity: Severity,
    /// Explanation and references for the reviewer.
    pub note: String,
    /// Self-test sentences that must produce a finding of this concept.
    pub must_flag: Vec<String>,
    /// Self-test sentences that must produce no finding at all.
    pub must_pass: Vec<String>,
    /// Where the concept's row is, for error messages.
    pub origin: Origin,
}

/// Where a concept's row came from: file, and the start of each of its cells.
#[derive(Debug, Clone, Default, Hash)]
pub struct Origin {
    /// The glossary file.
    pub path: PathBuf,
    /// Start position of each cell, indexed like [`COLUMNS`].
    pub cells: Vec<Position>,
    /// The raw text of each cell, to find the position of an item inside it.
    pub raw_cells: Vec<String>,
}

impl Origin {
    /// The position of `item` in `column`, or of the cell when it is not found.
    pub fn locate(&self, column: &str, item: Option<&str>) -> Position {
        let Some(index) = COLUMNS.iter().position(|c| *c == column) else {
            return Position::default();
        };
        let cell = self.cells.get(index).copied().unwrap_or_default();
        let (Some(item), Some(raw)) = (item, self.raw_cells.get(index)) else {
            return cell;
        };
        let Some(at) = raw.find(item) else {
            return cell;
        };
        let before = &raw[..at];
        match before.rfind('\n') {
            Some(newline) => Position {
                line: cell.line + before.matches('\n').count() as u64,
                column: before[newline + 1..].chars().count() as u64 + 1,
            },
            None => Position {
                line: cell.line,
                column: cell.column + before.chars().count() as u64,
            },
        }
    }
}

/// A validated set of concepts.
#[derive(Debug, Clone, Default, Hash)]
pub struct Glossary {
    /// Concepts in load order: files in path order, rows in file order.
    pub concepts: Vec<Concept>,
}

impl Glossary {
    /// Counts of what the glossary holds, for `glossary check`.
    pub fn stats(&self) -> GlossaryStats {
        let mut stats = GlossaryStats {
            concepts: self.concepts.len(),
            ..GlossaryStats::default()
        };
        for c in &self.concepts {
            stats.accepted += c.accepted.len();
            stats.variants += c.variants.len();
            stats.patterns += c.patterns.len();
            stats.exceptions += c.exceptions.len();
            stats.self_tests += c.must_flag.len() + c.must_pass.len();
        }
        stats
    }
}

/// What a glossary holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GlossaryStats {
    /// Concepts (one preferred form each).
    pub concepts: usize,
    /// Accepted forms.
    pub accepted: usize,
    /// Variant forms.
    pub variants: usize,
    /// Patterns.
    pub patterns: usize,
    /// Exceptions.
    pub exceptions: usize,
    /// Self-test sentences.
    pub self_tests: usize,
}
