//! `glossary import` and `glossary export`: TBX termbases in and out.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use termaudit::glossary::{self, tbx};
use termaudit::report;

use super::ExitStatus;

/// Converts the TBX termbase `file` into the glossary CSV `out`. Entries
/// that cannot become concepts are listed; a result that does not validate
/// is still written, so it can be fixed by hand, but the status is 2.
pub fn run_import(file: &Path, out: &Path) -> anyhow::Result<ExitStatus> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let imported =
        tbx::from_tbx(&text).with_context(|| format!("{} is not valid TBX", file.display()))?;
    for reason in &imported.skipped {
        eprintln!("termaudit: {}: skipped: {reason}", file.display());
    }
    let csv = glossary::to_canonical_csv(&imported.concepts);
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    report::atomic::write_atomic(out, |w| w.write_all(csv.as_bytes()))
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "termaudit: {} concepts imported into {}",
        imported.concepts.len(),
        out.display()
    );
    match glossary::from_csv_str(out, &csv) {
        Ok(_) => Ok(ExitStatus::Clean),
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!(
                "termaudit: error: the imported glossary does not validate; fix it before use"
            );
            Ok(ExitStatus::Error)
        }
    }
}

/// Writes the glossary at `paths` as TBX to `out`, or to standard output.
pub fn run_export(paths: &[PathBuf], out: Option<&Path>) -> anyhow::Result<ExitStatus> {
    let loaded = match glossary::load_paths(paths) {
        Ok(loaded) => loaded,
        Err(errors) => {
            eprintln!("{errors}");
            return Ok(ExitStatus::Error);
        }
    };
    let tbx = tbx::to_tbx(&loaded.concepts);
    match out {
        Some(out) => report::atomic::write_atomic(out, |w| w.write_all(tbx.as_bytes()))
            .with_context(|| format!("cannot write {}", out.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(tbx.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(ExitStatus::Clean)
}
