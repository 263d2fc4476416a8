//! Command-line interface: arguments, settings, running a command, exit
//! status. The only module that prints and the only user of `anyhow`; each
//! command lives in its own file under `cli/`.

mod audit;
mod check;
mod eval;
mod fix;
mod formats;
mod glossary;
mod glossary_io;
mod interrupt;

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use termaudit::audit::AuditRun;
use termaudit::config::{self, Config};
use termaudit::glossary::Severity;
use termaudit::matcher::{DEFAULT_THRESHOLD, MatchOptions};
pub(crate) use termaudit::selftest::SelfTests;
use termaudit::selftest::{self, Checked};
use termaudit::suppress::Suppressions;

/// Audit English translations for non-canonical renderings of official terminology.
///
/// termaudit compares a glossary of canonical English renderings (glossary/*.csv)
/// against text, finds every known wrong rendering — listed ones exactly,
/// unlisted ones by fuzzy matching — and writes CSV reports for review in a
/// spreadsheet. Settings can also come from a termaudit.toml found in the
/// current directory or above it; flags win over it.
#[derive(Debug, Parser)]
#[command(name = "termaudit", version, about, long_about)]
#[command(
    after_help = "Exit status: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, \
                  2 an error (bad glossary or config, unreadable input, reports not written)."
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit files and folders and write CSV reports (findings, summary, concepts, errors).
    Audit(audit::AuditArgs),
    /// Check drafts and print the findings (`-` reads standard input).
    Check(check::CheckArgs),
    /// Rewrite known wrong renderings to the preferred form (`-`: stdin to stdout).
    Fix(fix::FixArgs),
    /// Validate the glossary, or rewrite it in canonical form.
    #[command(subcommand)]
    Glossary(glossary::GlossaryCommand),
    /// Measure precision and recall on a labelled corpus and by leaving each listed variant out.
    Eval(eval::EvalArgs),
}

/// Options shared by the commands that match text.
#[derive(Debug, ClapArgs)]
struct CommonArgs {
    /// Glossary file or folder of .csv files; repeat to combine several [default: glossary].
    #[arg(long, short = 'g', value_name = "PATH")]
    glossary: Vec<PathBuf>,
    /// Score (0..1) a fuzzy candidate needs to be reported; higher is stricter [default: 0.70].
    #[arg(long, value_name = "SCORE", value_parser = parse_threshold)]
    fuzzy_threshold: Option<f32>,
    /// Report listed forms and patterns only, no fuzzy matches.
    #[arg(long)]
    no_fuzzy: bool,
    /// Never report this concept (repeatable).
    #[arg(long, value_name = "CONCEPT-ID")]
    ignore: Vec<String>,
    /// Config file to use instead of the nearest termaudit.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

fn parse_threshold(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a score between 0 and 1")),
    }
}

/// The lowest severity that makes the exit status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    /// Findings never change the exit status.
    Never,
}

impl FailOn {
    fn is_met_by(self, severity: Severity) -> bool {
        match self {
            FailOn::Info => true,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Error => severity == Severity::Error,
            FailOn::Never => false,
        }
    }
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// When the output is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn to_anstream(self) -> anstream::ColorChoice {
        match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }
}

/// Settings after merging flags, the config file and the defaults, in that order.
struct Settings {
    glossary: Vec<PathBuf>,
    options: MatchOptions,
    suppressions: Suppressions,
    fail_on: FailOn,
    config: Config,
}

impl CommonArgs {
    /// Merges these flags with the config file; `fail_on` is the flag's value
    /// if given, and `default_fail_on` is used when neither sets it.
    fn settings(
        &self,
        fail_on: Option<FailOn>,
        default_fail_on: FailOn,
    ) -> anyhow::Result<Settings> {
        let config_path = match &self.config {
            Some(path) => Some(path.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|dir| config::discover(&dir)),
        };
        let config = match &config_path {
            Some(path) => Config::read(path)?,
            None => Config::default(),
        };
        let config_fail_on = config
            .fail_on
            .as_deref()
            .map(|s| {
                FailOn::from_str(s, true).map_err(|e| anyhow::anyhow!("fail-on in config: {e}"))
            })
            .transpose()?;
        let glossary = if !self.glossary.is_empty() {
            self.glossary.clone()
        } else {
            config
                .glossary
                .clone()
                .unwrap_or_else(|| vec![PathBuf::from("glossary")])
        };
        let fuzzy_on = !self.no_fuzzy && config.fuzzy.unwrap_or(true);
        let threshold = self
            .fuzzy_threshold
            .or(config.fuzzy_threshold)
            .unwrap_or(DEFAULT_THRESHOLD);
        let mut ignored: HashSet<String> = config.ignore.iter().cloned().collect();
        ignored.extend(self.ignore.iter().cloned());
        Ok(Settings {
            glossary,
            options: MatchOptions {
                fuzzy_threshold: fuzzy_on.then_some(threshold),
            },
            suppressions: Suppressions {
                ignored_concepts: ignored,
                baseline: HashSet::new(),
            },
            fail_on: fail_on.or(config_fail_on).unwrap_or(default_fail_on),
            config,
        })
    }
}

/// Process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// Nothing at or above the fail-on severity.
    Clean = 0,
    /// Findings at or above the fail-on severity.
    Findings = 1,
    /// Something could not be done.
    Error = 2,
    /// Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it.
    Interrupted = 130,
    /// Stopped by SIGTERM: 128 + 15.
    Terminated = 143,
}

/// Runs the command; errors are printed here, so the caller only exits.
pub fn run(args: Args) -> ExitStatus {
    let result = match args.command {
        Command::Audit(a) => audit::run(a),
        Command::Check(a) => check::run(a),
        Command::Fix(a) => fix::run(a),
        Command::Glossary(a) => glossary::run(a),
        Command::Eval(a) => eval::run(a),
    };
    match result {
        Ok(status) => status,
        Err(error) if is_broken_pipe(&error) => ExitStatus::Clean,
        Err(error) => {
            eprintln!("termaudit: error: {error:#}");
            ExitStatus::Error
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Loads the glossary; on failure prints every problem as `file:line:column: reason`.
/// Warns about ignored concept ids the glossary does not have.
fn load_glossary(settings: &Settings, self_tests: SelfTests) -> Result<Checked, ExitStatus> {
    let checked = selftest::load_checked(&settings.glossary, settings.options, self_tests)
        .map_err(|errors| {
            for error in &errors.0 {
                eprintln!("{error}");
            }
            eprintln!(
                "termaudit: error: the glossary has {} problem(s); nothing was audited",
                errors.0.len()
            );
            ExitStatus::Error
        })?;
    let ids = concept_ids(&checked);
    let mut unknown: Vec<&String> = settings
        .suppressions
        .ignored_concepts
        .iter()
        .filter(|id| !ids.contains(&id.as_str()))
        .collect();
    unknown.sort();
    for id in unknown {
        match closest_id(id, &ids) {
            Some(near) => eprintln!(
                "termaudit: warning: ignored concept {id:?} is not in the glossary; did you mean {near:?}?"
            ),
            None => eprintln!("termaudit: warning: ignored concept {id:?} is not in the glossary"),
        }
    }
    Ok(checked)
}

/// The concept id most like `id` (Jaro-Winkler, as clap suggests
/// subcommands), if one is close enough to be the one meant.
fn closest_id<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|candidate| (strsim::jaro_winkler(id, candidate), *candidate))
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Concept ids by index, for suppression by id.
fn concept_ids(checked: &Checked) -> Vec<&str> {
    checked
        .matcher
        .concepts()
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

/// The exit status of an in-memory run.
fn exit_status(run: &AuditRun, fail_on: FailOn) -> ExitStatus {
    let worst = run.findings().map(|(_, f)| f.severity).max();
    status_for(run.has_read_errors(), worst, fail_on)
}

/// 2 if an input could not be read, 1 if the worst finding meets `fail_on`, else 0.
fn status_for(has_read_errors: bool, worst: Option<Severity>, fail_on: FailOn) -> ExitStatus {
    if has_read_errors {
        ExitStatus::Error
    } else if worst.is_some_and(|s| fail_on.is_met_by(s)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Reads standard input as text (BOM and UTF-16 handled).
fn read_stdin() -> anyhow::Result<(String, termaudit::source::Encoding)> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    match termaudit::source::decode_with_encoding(bytes) {
        (termaudit::source::Decoded::Text(t) | termaudit::source::Decoded::Lossy(t), encoding) => {
            Ok((t, encoding))
        }
        (termaudit::source::Decoded::Binary, _) => anyhow::bail!("standard input is binary"),
    }
}
