//! The `quire` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = quire::cli::Cli::parse();
    match quire::run(cli) {
        Ok(quire::Outcome::Success) => ExitCode::SUCCESS,
        Ok(quire::Outcome::Failure) => ExitCode::from(1),
        Err(err) => {
            if quire::error::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("quire: {err:#}");
            ExitCode::from(1)
        }
    }
}
