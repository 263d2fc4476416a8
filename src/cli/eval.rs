//! `termaudit eval`: precision and recall on the labelled corpus, and
//! leave-one-out over the glossary's variants.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args as ClapArgs;

use super::{CommonArgs, ExitStatus, FailOn, SelfTests, load_glossary};
use termaudit::eval;
use termaudit::matcher::{MatchOptions, Matcher};
use termaudit::source;

#[derive(Debug, ClapArgs)]
pub(super) struct EvalArgs {
    /// Folder of labelled documents (`[[text|concept-id|wrong|canonical|plain]]` markup).
    #[arg(long, value_name = "DIR", default_value = "tests/eval/corpus")]
    corpus: PathBuf,
    /// Unlabelled documents added to the leave-one-out texts.
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    seeds: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
    /// Also list every false positive and every missed span.
    #[arg(long, short = 'v')]
    verbose: bool,
}

pub(super) fn run(args: EvalArgs) -> anyhow::Result<ExitStatus> {
    let settings = args.common.settings(None, FailOn::Never)?;
    let checked = match load_glossary(&settings, SelfTests::RunUnlessPassed) {
        Ok(checked) => checked,
        Err(status) => return Ok(status),
    };
    let literal = Matcher::compile_with(
        &checked.glossary,
        MatchOptions {
            fuzzy_threshold: None,
        },
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (corpus_files, errors) = source::walk(std::slice::from_ref(&args.corpus));
    // Skipped entries (binary, symbolic links) are not corpus documents.
    if let Some(error) = errors.iter().find(|e| e.is_error()) {
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
    let left_out = eval::leave_one_out(&checked.glossary, settings.options, &texts);
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
