//! Command-line interface: arguments, running a command, printing, exit status.
//! The only module that prints and the only user of `anyhow`.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use termaudit::audit::{self, AuditRun, DocReport};
use termaudit::eval;
use termaudit::glossary::{self, Severity};
use termaudit::matcher::{DEFAULT_THRESHOLD, MatchOptions, Matcher};
use termaudit::report;
use termaudit::report::csv::CsvOptions;
use termaudit::report::tally::Grouping;
use termaudit::selftest::{self, Checked};
use termaudit::source::{self, Decoded};

/// Audit English translations for non-canonical renderings of official terminology.
///
/// termaudit compares a glossary of canonical English renderings (glossary/*.csv)
/// against text, finds every known wrong rendering, and writes CSV reports for
/// review in a spreadsheet.
#[derive(Debug, Parser)]
#[command(name = "termaudit", version, about, long_about)]
#[command(
    after_help = "Exit status: 0 nothing to report, 1 findings at or above --fail-on, 2 an error \
                        (bad glossary, unreadable input, reports not written)."
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit files and folders and write CSV reports (findings, summary, concepts, errors).
    Audit(AuditArgs),
    /// Check drafts: print one line per finding, `path:line:column: severity: found → expected [concept]`.
    Check(CheckArgs),
    /// Validate the glossary, or rewrite it in canonical form.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Measure precision and recall on a labelled corpus and by leaving each listed variant out.
    Eval(EvalArgs),
}

#[derive(Debug, ClapArgs)]
struct EvalArgs {
    /// Folder of labelled documents (`[[text|concept-id|wrong|canonical|plain]]` markup).
    #[arg(long, value_name = "DIR", default_value = "tests/eval/corpus")]
    corpus: PathBuf,
    /// Unlabelled documents added to the leave-one-out texts.
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    seeds: PathBuf,
    #[command(flatten)]
    glossary: GlossaryArg,
    /// Also list every false positive and every missed span.
    #[arg(long, short = 'v')]
    verbose: bool,
}

#[derive(Debug, ClapArgs)]
struct GlossaryArg {
    /// Glossary file or folder of .csv files; repeat to combine several.
    #[arg(long, short = 'g', value_name = "PATH", default_value = "glossary")]
    glossary: Vec<PathBuf>,
    /// Score (0..1) a fuzzy candidate needs to be reported; higher is stricter.
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    fuzzy_threshold: f32,
    /// Report listed forms and patterns only, no fuzzy matches.
    #[arg(long)]
    no_fuzzy: bool,
}

impl GlossaryArg {
    fn options(&self) -> MatchOptions {
        MatchOptions {
            fuzzy_threshold: (!self.no_fuzzy).then_some(self.fuzzy_threshold),
        }
    }
}

fn parse_threshold(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a score between 0 and 1")),
    }
}

#[derive(Debug, ClapArgs)]
struct AuditArgs {
    /// Files and folders to audit (folders recursively; hidden and ignored files skipped).
    #[arg(value_name = "PATH", default_value = "seeds")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    glossary: GlossaryArg,
    /// Folder for the reports (created if missing; existing reports are replaced atomically).
    #[arg(long, short = 'o', value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Exit with 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Never)]
    fail_on: FailOn,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Start each CSV report with a UTF-8 byte-order mark, so that Excel shows
    /// Chinese and curly quotes correctly (default: plain UTF-8).
    #[arg(long)]
    excel_csv: bool,
    /// Also write an Excel workbook (sheets Findings, Summary, Concepts,
    /// Candidates, Errors) with filters, colours and a review drop-down.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Also write one self-contained HTML page: totals, adherence charts, and
    /// every finding, filterable and searchable offline.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Summarize per folder instead of per document (summary.csv, workbook, page).
    #[arg(long)]
    group_by_dir: bool,
}

#[derive(Debug, ClapArgs)]
struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    glossary: GlossaryArg,
    /// Exit with 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Do not print the closing count.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum GlossaryCommand {
    /// Validate the glossary, run its self-tests and print what it holds.
    Check {
        #[command(flatten)]
        glossary: GlossaryArg,
    },
    /// Rewrite glossary files in canonical form (rows sorted by id, cells trimmed).
    Fmt {
        #[command(flatten)]
        glossary: GlossaryArg,
        /// Change nothing; exit 1 if a file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
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
}

/// Runs the command; errors are printed here, so the caller only exits.
pub fn run(args: Args) -> ExitStatus {
    let result = match args.command {
        Command::Audit(a) => run_audit(a),
        Command::Eval(a) => run_eval(a),
        Command::Check(a) => run_check(a),
        Command::Glossary(GlossaryCommand::Check { glossary }) => run_glossary_check(&glossary),
        Command::Glossary(GlossaryCommand::Fmt { glossary, check }) => {
            run_glossary_fmt(&glossary.glossary, check)
        }
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
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Loads the glossary; on failure prints every problem as `file:line:column: reason`.
fn load_glossary(args: &GlossaryArg) -> Result<Checked, ExitStatus> {
    selftest::load_checked(&args.glossary, args.options()).map_err(|errors| {
        for error in &errors.0 {
            eprintln!("{error}");
        }
        eprintln!(
            "termaudit: error: the glossary has {} problem(s); nothing was audited",
            errors.0.len()
        );
        ExitStatus::Error
    })
}

fn run_audit(args: AuditArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let checked = match load_glossary(&args.glossary) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let run = pool.install(|| audit::audit_paths(&checked.matcher, &args.paths));
    for error in &run.errors {
        eprintln!("termaudit: {}: {error}", error.kind.as_str());
    }
    write_audit_reports(&args, &checked.matcher, &run)?;
    if !args.quiet {
        print_audit_summary(&run, &args.out, started);
    }
    Ok(exit_status(&run, args.fail_on))
}

fn write_audit_reports(args: &AuditArgs, matcher: &Matcher, run: &AuditRun) -> anyhow::Result<()> {
    let grouping = if args.group_by_dir {
        Grouping::Directory
    } else {
        Grouping::Document
    };
    let options = CsvOptions {
        bom: args.excel_csv,
        grouping,
    };
    report::csv::write_reports_with(&args.out, matcher, run, options)
        .with_context(|| format!("cannot write reports to {}", args.out.display()))?;
    if let Some(path) = &args.xlsx {
        report::xlsx::write_workbook(path, matcher, run, grouping)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.html {
        report::html::write_page(path, matcher, run, grouping)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn print_audit_summary(run: &AuditRun, out: &Path, started: Instant) {
    let bytes: u64 = run.docs.iter().map(|d| d.bytes).sum();
    let findings = run.findings().count();
    let errors = run.errors.iter().filter(|e| e.is_error()).count();
    let elapsed = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "termaudit: {} files, {:.1} MB, {} findings, {} errors in {:.2}s ({:.1} MB/s); reports in {}",
        run.docs.len(),
        mb,
        findings,
        errors,
        elapsed,
        mb / elapsed.max(1e-9),
        out.display()
    );
}

fn exit_status(run: &AuditRun, fail_on: FailOn) -> ExitStatus {
    if run.has_read_errors() {
        ExitStatus::Error
    } else if run.findings().any(|(_, f)| fail_on.is_met_by(f.severity)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn run_check(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    let checked = match load_glossary(&args.glossary) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let mut run = AuditRun::default();
    let (paths, stdin) = split_stdin(&args.files);
    if stdin {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let text = match source::decode(bytes) {
            Decoded::Text(text) | Decoded::Lossy(text) => text,
            Decoded::Binary => anyhow::bail!("standard input is binary"),
        };
        run.docs
            .push(audit::audit_text(&checked.matcher, "<stdin>", &text));
    }
    if !paths.is_empty() {
        let mut files = audit::audit_paths(&checked.matcher, &paths);
        run.docs.append(&mut files.docs);
        run.errors.append(&mut files.errors);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for doc in &run.docs {
        let findings: Vec<_> = doc.findings.iter().collect();
        report::terminal::write_short(&mut out, &checked.matcher, doc, &findings)?;
    }
    out.flush()?;
    for error in &run.errors {
        eprintln!("termaudit: {}: {error}", error.kind.as_str());
    }
    if !args.quiet {
        eprintln!("{}", count_line(&run.docs));
    }
    Ok(exit_status(&run, args.fail_on))
}

/// Separates `-` (standard input) from real paths.
fn split_stdin(files: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let stdin = files.iter().any(|f| f.as_os_str() == "-");
    let paths = files
        .iter()
        .filter(|f| f.as_os_str() != "-")
        .cloned()
        .collect();
    (paths, stdin)
}

/// `3 findings (1 error, 2 warnings, 0 info) in 2 files`.
fn count_line(docs: &[DocReport]) -> String {
    let mut counts = [0usize; 3];
    for finding in docs.iter().flat_map(|d| &d.findings) {
        counts[finding.severity as usize] += 1;
    }
    let [info, warning, error] = counts;
    format!(
        "{} findings ({error} error{}, {warning} warning{}, {info} info) in {} file{}",
        info + warning + error,
        plural(error),
        plural(warning),
        docs.len(),
        plural(docs.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn run_glossary_check(args: &GlossaryArg) -> anyhow::Result<ExitStatus> {
    let checked = match load_glossary(args) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let stats = checked.glossary.stats();
    println!(
        "glossary OK: {} concepts, {} preferred, {} accepted, {} variant forms, {} patterns, {} exceptions; {} self-tests passed",
        stats.concepts,
        stats.concepts,
        stats.accepted,
        stats.variants,
        stats.patterns,
        stats.exceptions,
        checked.self_tests
    );
    Ok(ExitStatus::Clean)
}

fn run_glossary_fmt(paths: &[PathBuf], check: bool) -> anyhow::Result<ExitStatus> {
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

fn run_eval(args: EvalArgs) -> anyhow::Result<ExitStatus> {
    let checked = match load_glossary(&args.glossary) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let literal = termaudit::matcher::Matcher::compile_with(
        &checked.glossary,
        MatchOptions {
            fuzzy_threshold: None,
        },
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (corpus_files, errors) = source::walk(std::slice::from_ref(&args.corpus));
    if let Some(error) = errors.first() {
        anyhow::bail!("{error}");
    }
    let mut docs = Vec::new();
    for path in &corpus_files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        docs.push(
            eval::parse_labelled(&path.display().to_string(), &text).map_err(anyhow::Error::msg)?,
        );
    }
    let result = eval::evaluate(&checked.glossary, &checked.matcher, &literal, &docs);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "# Labelled corpus: {} ({} documents)",
        args.corpus.display(),
        docs.len()
    )?;
    let [wrong, canonical, plain] = result.spans;
    writeln!(
        out,
        "spans: {wrong} wrong, {canonical} canonical, {plain} plain"
    )?;
    writeln!(
        out,
        "\n{:<34} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "", "tp", "fp", "fn", "precision", "recall", "f1"
    )?;
    let row = |out: &mut io::StdoutLock, name: &str, c: &eval::Counts| {
        writeln!(
            out,
            "{:<34} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            name,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        )
    };
    row(&mut out, "overall", &result.overall)?;
    row(&mut out, "listed wrong renderings", &result.listed)?;
    row(
        &mut out,
        "unlisted wrong renderings (fuzzy)",
        &result.unlisted,
    )?;
    for (kind, counts) in &result.by_kind {
        row(&mut out, &format!("findings of kind {kind}"), counts)?;
    }
    writeln!(
        out,
        "\ncanonical or plain spans flagged: {}",
        result.flagged_correct.len()
    )?;
    for flagged in &result.flagged_correct {
        writeln!(out, "  {flagged}")?;
    }
    writeln!(out, "\n## Per concept")?;
    for (concept, counts) in &result.by_concept {
        row(&mut out, concept, counts)?;
    }
    if args.verbose {
        writeln!(out, "\n## False positives")?;
        for (doc, found, concept) in &result.false_positives {
            writeln!(out, "  {doc}: {found:?} as {concept}")?;
        }
        writeln!(out, "\n## Missed")?;
        for (doc, text, concept) in &result.misses {
            writeln!(out, "  {doc}: {text:?} ({concept})")?;
        }
    }

    let (seed_files, _) = source::walk(std::slice::from_ref(&args.seeds));
    let mut texts: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.name.clone(), d.text.clone()))
        .collect();
    for path in seed_files {
        if let Ok(document) = source::read(&path) {
            texts.push((document.display_path, document.text));
        }
    }
    let left_out = eval::leave_one_out(&checked.glossary, args.glossary.options(), &texts);
    let occurrences: usize = left_out.iter().map(|l| l.occurrences).sum();
    let caught: usize = left_out.iter().map(|l| l.caught).sum();
    let wrong_concept: usize = left_out.iter().map(|l| l.wrong_concept).sum();
    let loo = eval::Counts {
        tp: caught,
        fp: wrong_concept,
        fn_: occurrences - caught,
    };
    writeln!(
        out,
        "\n# Leave-one-out: {} listed variants occurring {} times in {} texts",
        left_out.len(),
        occurrences,
        texts.len()
    )?;
    writeln!(
        out,
        "{:<34} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "", "tp", "fp", "fn", "precision", "recall", "f1"
    )?;
    row(&mut out, "overall", &loo)?;
    let mut by_concept: BTreeMap<&str, eval::Counts> = BTreeMap::new();
    for l in &left_out {
        let c = by_concept.entry(&l.concept).or_default();
        c.tp += l.caught;
        c.fp += l.wrong_concept;
        c.fn_ += l.occurrences - l.caught;
    }
    writeln!(out, "\n## Per concept")?;
    for (concept, counts) in &by_concept {
        row(&mut out, concept, counts)?;
    }
    if args.verbose {
        writeln!(out, "\n## Per variant (caught/occurrences, caught by)")?;
        for l in &left_out {
            writeln!(
                out,
                "  {}: {:?} {}/{} {:?}{}",
                l.concept,
                l.variant,
                l.caught,
                l.occurrences,
                l.caught_by,
                if l.wrong_concept > 0 {
                    format!(", {} with another concept", l.wrong_concept)
                } else {
                    String::new()
                }
            )?;
        }
    }
    Ok(ExitStatus::Clean)
}
