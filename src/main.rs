//! The `termaudit` command: parse arguments, run, exit with a status scripts can use.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    ExitCode::from(cli::run(args) as u8)
}
