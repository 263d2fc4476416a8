//! `termaudit audit`: many files in, CSV reports out.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args as ClapArgs;

use super::{CommonArgs, ExitStatus, FailOn, concept_ids, exit_status, load_glossary};
use termaudit::audit::{self, AuditRun};
use termaudit::report;
use termaudit::suppress::read_baseline;

#[derive(Debug, ClapArgs)]
pub(super) struct AuditArgs {
    /// Files and folders to audit (folders recursively; hidden and ignored files skipped).
    #[arg(value_name = "PATH", default_value = "seeds")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    /// Folder for the reports (created if missing; existing reports are replaced atomically) [default: reports].
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Exit with 1 when a finding at or above this severity exists [default: never].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    /// A reviewed findings.csv: findings whose `review` says ok, false positive or wontfix are not reported again.
    #[arg(long, value_name = "FINDINGS.CSV")]
    baseline: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
}

pub(super) fn run(args: AuditArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut settings = args.common.settings(args.fail_on, FailOn::Never)?;
    if let Some(path) = &args.baseline {
        settings.suppressions.baseline = read_baseline(path)
            .with_context(|| format!("cannot read baseline {}", path.display()))?;
    }
    let out = args
        .out
        .clone()
        .or_else(|| settings.config.out.clone())
        .unwrap_or_else(|| PathBuf::from("reports"));
    let checked = match load_glossary(&settings) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let mut run = pool.install(|| audit::audit_paths(&checked.matcher, &args.paths));
    settings
        .suppressions
        .apply(&concept_ids(&checked), &mut run);
    for error in &run.errors {
        eprintln!("termaudit: {}: {error}", error.kind.as_str());
    }
    report::csv::write_reports(&out, &checked.matcher, &run)
        .with_context(|| format!("cannot write reports to {}", out.display()))?;
    if !args.quiet {
        print_summary(&run, &out, started);
    }
    Ok(exit_status(&run, settings.fail_on))
}

fn print_summary(run: &AuditRun, out: &Path, started: Instant) {
    let bytes: u64 = run.docs.iter().map(|d| d.bytes).sum();
    let findings = run.findings().count();
    let suppressed: usize = run.docs.iter().map(|d| d.suppressed).sum();
    let errors = run.errors.iter().filter(|e| e.is_error()).count();
    let elapsed = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "termaudit: {} files, {:.1} MB, {} findings ({} suppressed), {} errors in {:.2}s ({:.1} MB/s); reports in {}",
        run.docs.len(),
        mb,
        findings,
        suppressed,
        errors,
        elapsed,
        mb / elapsed.max(1e-9),
        out.display()
    );
}
