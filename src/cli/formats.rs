//! `--format-in`, shared by `audit` and `check`.

use clap::Args as ClapArgs;

use termaudit::extract::Format;

/// Forces the input format instead of going by each file's extension.
#[derive(Debug, ClapArgs)]
pub(super) struct FormatIn {
    /// Read every input as this format instead of going by its extension:
    /// text, markdown, html, xliff, tmx, po or docx.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub(super) format_in: Option<Format>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}
