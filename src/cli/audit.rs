//! `termaudit audit`: many files in, CSV reports out.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};

use super::formats::FormatIn;
use super::interrupt::Interrupt;
use super::{CommonArgs, ExitStatus, FailOn, SelfTests, concept_ids, load_glossary, status_for};
use termaudit::audit::AuditRun;
use termaudit::audit::{self, AuditOptions, Event};
use termaudit::report;
use termaudit::report::csv::{CsvOptions, ReportWriter, RunTotals};
use termaudit::report::tally::Grouping;
use termaudit::source::{ProblemKind, WalkOptions};
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
    /// Print nothing but errors (no progress, no summary line).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Include hidden files and folders.
    #[arg(long, short = '.')]
    hidden: bool,
    /// Do not honour .gitignore, .ignore and similar files.
    #[arg(long)]
    no_ignore: bool,
    /// Follow symbolic links (loops are detected and listed in errors.csv).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Only audit files matching this glob, e.g. '*.txt' (repeatable).
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Start each CSV report with a UTF-8 byte-order mark, so that Excel shows
    /// Chinese and curly quotes correctly (default: plain UTF-8).
    #[arg(long)]
    excel_csv: bool,
    /// Also write an Excel workbook (sheets Findings, Summary, Concepts,
    /// Candidates, Errors) with filters, colours and a review drop-down.
    /// Holds all findings in memory.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Also write one self-contained HTML page: totals, adherence charts, and
    /// every finding, filterable and searchable offline. Holds all findings in memory.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Summarize per folder instead of per document (summary.csv, workbook, page).
    #[arg(long)]
    group_by_dir: bool,
    /// Files larger than this many bytes are audited in overlapping chunks.
    #[arg(long, value_name = "BYTES", default_value_t = audit::DEFAULT_CHUNK_SIZE, hide = true)]
    chunk_size: usize,
    #[command(flatten)]
    format: FormatIn,
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
    let checked = match load_glossary(&settings, SelfTests::RunUnlessPassed) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let interrupt = Interrupt::install().context("cannot install signal handlers")?;
    let options = AuditOptions {
        walk: WalkOptions {
            hidden: args.hidden,
            no_ignore: args.no_ignore,
            follow: args.follow,
            globs: args.glob.clone(),
            excludes: args.exclude.clone(),
            skip_dirs: vec![out.clone()],
        },
        chunk_size: args.chunk_size.max(1024),
        format: args.format.format_in,
        cancel: Some(interrupt.flag()),
    };
    let grouping = if args.group_by_dir {
        Grouping::Directory
    } else {
        Grouping::Document
    };
    let csv_options = CsvOptions {
        bom: args.excel_csv,
        grouping,
    };
    let ids = concept_ids(&checked);
    let mut writer = ReportWriter::create(&out, &checked.matcher, csv_options)
        .with_context(|| format!("cannot write reports to {}", out.display()))?;
    // The workbook and the page need every finding at once; CSV alone streams.
    let mut kept: Option<AuditRun> =
        (args.xlsx.is_some() || args.html.is_some()).then(AuditRun::default);
    let progress = Progress::new(args.quiet);
    let mut write_error: Option<std::io::Error> = None;
    let mut on_event = |event: Event| match event {
        Event::Walked { files } => progress.start(files),
        Event::Doc(mut doc) => {
            settings.suppressions.apply_to_doc(&ids, &mut doc);
            if write_error.is_none()
                && let Err(e) = writer.add_doc(&doc)
            {
                write_error = Some(e);
            }
            progress.advance(&writer.totals());
            if let Some(run) = &mut kept {
                run.docs.push(doc);
            }
        }
        Event::Problem(error) => {
            // Errors always, caveats unless `--quiet`. A skipped file is only
            // counted in the summary line: an archive's images and PDFs would
            // bury the errors. `errors.csv` lists all three.
            let shown = match error.kind {
                ProblemKind::Error => true,
                ProblemKind::Warning => !args.quiet,
                ProblemKind::Skipped => false,
            };
            if shown {
                progress.println(&format!("termaudit: {}: {error}", error.kind.as_str()));
            }
            if let Some(run) = &mut kept {
                run.errors.push(error.clone());
            }
            writer.add_error(error);
        }
    };
    pool.install(|| audit::audit_stream(&checked.matcher, &args.paths, &options, &mut on_event));
    progress.finish();
    if let Some(status) = interrupt.status() {
        // Dropping the writer without `finish` removes its temporary files.
        drop(writer);
        eprintln!(
            "termaudit: interrupted: no report written; those in {} are untouched",
            out.display()
        );
        return Ok(status);
    }
    let totals = writer.totals();
    if let Some(e) = write_error {
        return Err(e).with_context(|| format!("cannot write reports to {}", out.display()));
    }
    writer
        .finish()
        .with_context(|| format!("cannot write reports to {}", out.display()))?;
    if let Some(run) = &mut kept {
        run.errors.sort_by(|a, b| a.path.cmp(&b.path));
        // The CSV reports are complete; a signal now only stops what is left.
        if let Some(status) = interrupt.status() {
            return Ok(status);
        }
        if let Some(path) = &args.xlsx {
            report::xlsx::write_workbook(path, &checked.matcher, run, grouping)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        if let Some(path) = &args.html {
            report::html::write_page(path, &checked.matcher, run, grouping)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    if !args.quiet {
        print_summary(&totals, &out, started);
    }
    Ok(status_for(
        totals.read_errors > 0,
        totals.worst,
        settings.fail_on,
    ))
}

/// A progress bar on stderr, only when stderr is a terminal and not `--quiet`.
struct Progress(Option<ProgressBar>);

impl Progress {
    fn new(quiet: bool) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        Progress(visible.then(ProgressBar::hidden))
    }

    fn start(&self, files: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(files as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} files, {msg}, ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self, totals: &RunTotals) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
            let elapsed = bar.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{:.1} MB/s, {} findings",
                totals.bytes as f64 / 1e6 / elapsed,
                totals.findings
            ));
        }
    }

    fn println(&self, line: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn print_summary(totals: &RunTotals, out: &Path, started: Instant) {
    let elapsed = started.elapsed().as_secs_f64();
    let mb = totals.bytes as f64 / 1e6;
    eprintln!(
        "termaudit: {} files, {:.1} MB, {} findings ({} suppressed), {} errors, {} skipped in {:.2}s ({:.1} MB/s); reports in {}",
        totals.files,
        mb,
        totals.findings,
        totals.suppressed,
        totals.read_errors,
        totals.skipped,
        elapsed,
        mb / elapsed.max(1e-9),
        out.display()
    );
}
