//! termaudit audits English translations for non-canonical renderings of
//! official terminology.
//!
//! The pipeline:
//!
//! ```text
//! glossary/*.csv ─load, validate─▶ Glossary ─compile─▶ Matcher (one automaton + patterns)
//! paths ─walk─▶ files ─read, decode─▶ text ─extract─▶ segments ─fold─▶ Folded ─find─▶ Hits ─▶ Findings ─▶ reports
//! ```
//!
//! The library never prints; [`source`], [`audit`], [`document`] and
//! [`report`] are the only modules that touch the filesystem.
//!
//! ```
//! use std::path::Path;
//! use termaudit::{audit::audit_text, glossary, matcher::Matcher};
//!
//! let glossary = glossary::from_csv_str(
//!     Path::new("inline.csv"),
//!     "id,preferred,variants\ncommunity,community with a shared future for mankind,community of human destiny\n",
//! ).unwrap();
//! let matcher = Matcher::compile(&glossary).unwrap();
//! let report = audit_text(&matcher, "draft.txt", "We build a community of human destiny.");
//! assert_eq!(report.findings[0].found, "community of human destiny");
//! assert_eq!((report.findings[0].line, report.findings[0].column), (1, 12));
//! ```

#![deny(missing_docs)]

pub mod audit;
pub mod bilingual;
pub mod config;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fix;
pub mod glossary;
pub mod matcher;
pub mod normalize;
pub mod report;
pub mod selftest;
pub mod source;
pub mod suppress;
