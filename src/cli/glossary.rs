//! `termaudit glossary`: validate, or rewrite in canonical form.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use super::{CommonArgs, ExitStatus, FailOn, SelfTests, glossary_io, load_glossary};
use termaudit::glossary;
use termaudit::report;

#[derive(Debug, Subcommand)]
pub(super) enum GlossaryCommand {
    /// Validate the glossary, run its self-tests and print what it holds.
    Check {
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Rewrite glossary files in canonical form (rows sorted by id, cells trimmed).
    Fmt {
        #[command(flatten)]
        common: CommonArgs,
        /// Change nothing; exit 1 if a file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Convert a TBX termbase (TBX-Basic) into a glossary CSV file.
    Import {
        /// The .tbx file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The glossary file to write.
        #[arg(
            long,
            short = 'o',
            value_name = "FILE",
            default_value = "glossary/imported.csv"
        )]
        out: PathBuf,
    },
    /// Write the glossary out as a TBX termbase (TBX-Basic).
    Export {
        /// Write TBX (the only export format so far).
        #[arg(long, required = true)]
        tbx: bool,
        #[command(flatten)]
        common: CommonArgs,
        /// The file to write [default: standard output].
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(super) fn run(command: GlossaryCommand) -> anyhow::Result<ExitStatus> {
    match command {
        GlossaryCommand::Check { common } => run_check(&common),
        GlossaryCommand::Fmt { common, check } => {
            let settings = common.settings(None, FailOn::Never)?;
            run_fmt(&settings.glossary, check)
        }
        GlossaryCommand::Import { file, out } => glossary_io::run_import(&file, &out),
        GlossaryCommand::Export { common, out, .. } => {
            let settings = common.settings(None, FailOn::Never)?;
            glossary_io::run_export(&settings.glossary, out.as_deref())
        }
    }
}

fn run_check(common: &CommonArgs) -> anyhow::Result<ExitStatus> {
    let settings = common.settings(None, FailOn::Never)?;
    let checked = match load_glossary(&settings, SelfTests::Run) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let stats = checked.glossary.stats();
    // Accepted forms the matcher combined from the listed ones' changes.
    let combined = match checked.matcher.combined_forms() {
        0 => String::new(),
        n => format!(" (+{n} combined)"),
    };
    println!(
        "glossary OK: {} concepts, {} preferred, {} accepted{}, {} variant forms, {} patterns, {} exceptions; {} self-tests passed",
        stats.concepts,
        stats.concepts,
        stats.accepted,
        combined,
        stats.variants,
        stats.patterns,
        stats.exceptions,
        checked.self_tests
    );
    Ok(ExitStatus::Clean)
}

fn run_fmt(paths: &[PathBuf], check: bool) -> anyhow::Result<ExitStatus> {
    let files = match glossary::glossary_files(paths) {
        Ok(files) => files,
        Err(errors) => {
            eprintln!("{errors}");
            return Ok(ExitStatus::Error);
        }
    };
    let mut status = ExitStatus::Clean;
    for file in files {
        let concepts = match glossary::load_file(&file) {
            Ok(concepts) => concepts,
            Err(errors) => {
                eprintln!("{errors}");
                status = ExitStatus::Error;
                continue;
            }
        };
        let canonical = glossary::to_canonical_csv(&concepts);
        let current = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        if current == canonical {
            continue;
        }
        if check {
            eprintln!(
                "{}: not in canonical form (run `termaudit glossary fmt`)",
                file.display()
            );
            if status == ExitStatus::Clean {
                status = ExitStatus::Findings;
            }
        } else {
            report::atomic::write_atomic(&file, |w| w.write_all(canonical.as_bytes()))
                .with_context(|| format!("cannot write {}", file.display()))?;
            eprintln!("{}: rewritten in canonical form", file.display());
        }
    }
    Ok(status)
}
