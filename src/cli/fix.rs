//! `termaudit fix`: rewrite known wrong renderings to the preferred form.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args as ClapArgs;

use super::{CommonArgs, ExitStatus, FailOn, SelfTests, load_glossary, read_stdin};
use termaudit::audit::{self, DocReport};
use termaudit::fix::{self, Applicability, Edit};
use termaudit::matcher::Matcher;
use termaudit::report::atomic::write_atomic;
use termaudit::source::{self, Decoded, Encoding};
use termaudit::suppress::Suppressions;

#[derive(Debug, ClapArgs)]
pub(super) struct FixArgs {
    /// Files to fix in place; `-` reads standard input and writes the result to standard output.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    /// Also apply fuzzy, pattern and inflected matches, which are otherwise only suggested.
    #[arg(long = "unsafe")]
    apply_unsafe: bool,
    /// Print a unified diff instead of writing the files.
    #[arg(long)]
    diff: bool,
    /// Exit with 1 when a finding at or above this severity is left unfixed [default: warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
}

pub(super) fn run(args: FixArgs) -> anyhow::Result<ExitStatus> {
    let settings = args.common.settings(args.fail_on, FailOn::Warning)?;
    let checked = match load_glossary(&settings, SelfTests::RunUnlessPassed) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let ids: Vec<&str> = checked
        .matcher
        .concepts()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut status = ExitStatus::Clean;
    for file in &args.files {
        let result = if file.as_os_str() == "-" {
            let (text, encoding) = read_stdin()?;
            let outcome = fix_text(
                &checked.matcher,
                &settings.suppressions,
                &ids,
                "<stdin>",
                &text,
                &args,
            );
            if args.diff {
                print_diff("<stdin>", &text, &outcome.fixed)?;
            } else {
                std::io::stdout()
                    .lock()
                    .write_all(&encoding.encode(&outcome.fixed))?;
            }
            Ok(outcome)
        } else {
            fix_file(&checked.matcher, &settings.suppressions, &ids, file, &args)
        };
        match result {
            Ok(outcome) => {
                let left = outcome
                    .unapplied
                    .iter()
                    .any(|(severity, _)| settings.fail_on.is_met_by(*severity));
                if left && status == ExitStatus::Clean {
                    status = ExitStatus::Findings;
                }
            }
            Err(error) => {
                eprintln!("termaudit: error: {error:#}");
                status = ExitStatus::Error;
            }
        }
    }
    Ok(status)
}

/// What fixing one text did.
struct Outcome {
    fixed: String,
    /// Severity and message of each finding left as a suggestion.
    unapplied: Vec<(termaudit::glossary::Severity, String)>,
}

fn fix_file(
    matcher: &Matcher,
    suppressions: &Suppressions,
    ids: &[&str],
    path: &Path,
    args: &FixArgs,
) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (decoded, encoding): (Decoded, Encoding) = source::decode_with_encoding(bytes);
    let text = match decoded {
        Decoded::Text(text) => text,
        Decoded::Lossy(_) => anyhow::bail!("{}: not valid UTF-8; not rewritten", path.display()),
        Decoded::Binary => anyhow::bail!("{}: binary file; not rewritten", path.display()),
    };
    let name = path.display().to_string();
    let outcome = fix_text(matcher, suppressions, ids, &name, &text, args);
    if args.diff {
        print_diff(&name, &text, &outcome.fixed)?;
    } else if outcome.fixed != text {
        write_atomic(path, |w| w.write_all(&encoding.encode(&outcome.fixed)))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(outcome)
}

fn fix_text(
    matcher: &Matcher,
    suppressions: &Suppressions,
    ids: &[&str],
    name: &str,
    text: &str,
    args: &FixArgs,
) -> Outcome {
    let mut report: DocReport = audit::audit_text(matcher, name, text);
    report
        .findings
        .retain(|f| !suppressions.suppresses(ids[f.concept], f));
    let edits = fix::edits(matcher, text, &report.findings);
    let mut applied: Vec<&Edit> = Vec::new();
    let mut unapplied = Vec::new();
    for (edit, finding) in edits.iter().zip(&report.findings) {
        if edit.applicability == Applicability::Safe || args.apply_unsafe {
            applied.push(edit);
        } else {
            let message = format!(
                "{name}:{}:{}: suggestion: {} → {} [{}] ({}, not applied without --unsafe)",
                finding.line,
                finding.column,
                finding.found,
                edit.replacement,
                ids[finding.concept],
                finding.status.as_str()
            );
            eprintln!("{message}");
            unapplied.push((finding.severity, message));
        }
    }
    if !applied.is_empty() {
        eprintln!(
            "{name}: {} fixed, {} suggested",
            applied.len(),
            unapplied.len()
        );
    }
    Outcome {
        fixed: fix::apply(text, &applied),
        unapplied,
    }
}

fn print_diff(name: &str, old: &str, new: &str) -> anyhow::Result<()> {
    if old == new {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = std::io::stdout().lock();
    write!(
        out,
        "{}",
        diff.unified_diff()
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )?;
    Ok(())
}
