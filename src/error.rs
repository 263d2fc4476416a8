//! Typed errors of the library. The binary adds context with `anyhow`.

use std::fmt;
use std::path::PathBuf;

use crate::glossary::Position;

/// A problem in a glossary file, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}:{}: {reason}", path.display(), position.line, position.column)]
pub struct GlossaryError {
    /// The glossary file.
    pub path: PathBuf,
    /// Where in the file (1-based; line 0 when the file could not be read).
    pub position: Position,
    /// What is wrong, in words.
    pub reason: String,
}

impl GlossaryError {
    pub(crate) fn new(
        path: impl Into<PathBuf>,
        position: Position,
        reason: impl Into<String>,
    ) -> Self {
        GlossaryError {
            path: path.into(),
            position,
            reason: reason.into(),
        }
    }
}

/// Every problem found in a glossary; it does not load while any remain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GlossaryErrors(pub Vec<GlossaryError>);

impl fmt::Display for GlossaryErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl From<GlossaryError> for GlossaryErrors {
    fn from(error: GlossaryError) -> Self {
        GlossaryErrors(vec![error])
    }
}
