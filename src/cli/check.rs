//! `termaudit check`: drafts in, diagnostics out.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::formats::FormatIn;
use super::{
    ColorChoice, CommonArgs, ExitStatus, FailOn, SelfTests, concept_ids, exit_status,
    load_glossary, read_stdin,
};
use termaudit::audit::{self, AuditRun, DocReport};
use termaudit::document;
use termaudit::extract::Format as InputFormat;
use termaudit::report::terminal::{self, Format};

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum OutputFormat {
    /// Location, the sentence with the wrong text underlined, the expected rendering and the note.
    Human,
    /// One line per finding: `path:line:column: severity: found → expected [concept]`.
    Short,
    /// One JSON object per finding (JSON Lines), for editors and scripts.
    Json,
}

#[derive(Debug, ClapArgs)]
pub(super) struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Colour the human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a finding at or above this severity exists [default: warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    /// Do not print the closing count.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    format_in: FormatIn,
}

pub(super) fn run(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    let settings = args.common.settings(args.fail_on, FailOn::Warning)?;
    let checked = match load_glossary(&settings, SelfTests::RunUnlessPassed) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let mut run = AuditRun::default();
    let stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    let paths: Vec<PathBuf> = args
        .files
        .iter()
        .filter(|f| f.as_os_str() != "-")
        .cloned()
        .collect();
    let input_format = args.format_in.format_in;
    if stdin {
        match input_format.filter(|f| *f != InputFormat::Text) {
            None => {
                let (text, _) = read_stdin()?;
                run.docs
                    .push(audit::audit_text(&checked.matcher, "<stdin>", &text));
            }
            Some(format) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)?;
                let stdin_path = std::path::Path::new("<stdin>");
                let mut scratch = audit::Scratch::default();
                match document::audit_bytes(
                    &checked.matcher,
                    stdin_path,
                    bytes,
                    format,
                    &mut scratch,
                ) {
                    Ok((report, _)) => run.docs.push(report),
                    Err(error) => run.errors.push(error),
                }
            }
        }
    }
    if !paths.is_empty() {
        let options = audit::AuditOptions {
            format: input_format,
            ..audit::AuditOptions::default()
        };
        let mut files = audit::audit_paths_with(&checked.matcher, &paths, &options);
        run.docs.append(&mut files.docs);
        run.errors.append(&mut files.errors);
    }
    settings
        .suppressions
        .apply(&concept_ids(&checked), &mut run);
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Short => Format::Short,
        OutputFormat::Json => Format::Json,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), args.color.to_anstream());
    for doc in &run.docs {
        terminal::write_findings(&mut out, format, &checked.matcher, doc)?;
    }
    out.flush()?;
    for error in &run.errors {
        eprintln!("termaudit: {}: {error}", error.kind.as_str());
    }
    if !args.quiet && format != Format::Json {
        eprintln!("{}", count_line(&run.docs));
    }
    Ok(exit_status(&run, settings.fail_on))
}

/// `3 findings (1 error, 2 warnings, 0 info) in 2 files`, plus suppressed ones.
fn count_line(docs: &[DocReport]) -> String {
    let mut counts = [0usize; 3];
    for finding in docs.iter().flat_map(|d| &d.findings) {
        counts[finding.severity as usize] += 1;
    }
    let [info, warning, error] = counts;
    let suppressed: usize = docs.iter().map(|d| d.suppressed).sum();
    let mut line = format!(
        "{} finding{} ({error} error{}, {warning} warning{}, {info} info) in {} file{}",
        info + warning + error,
        plural(info + warning + error),
        plural(error),
        plural(warning),
        docs.len(),
        plural(docs.len())
    );
    if suppressed > 0 {
        line.push_str(&format!("; {suppressed} suppressed"));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
