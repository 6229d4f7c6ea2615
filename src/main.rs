//! The `quire` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = quire::cli::parse();
    match quire::run(cli) {
        Ok(quire::Outcome::Success) => ExitCode::SUCCESS,
        Ok(quire::Outcome::Failure) => ExitCode::from(1),
        Ok(quire::Outcome::Signal(n)) => ExitCode::from(u8::try_from(128 + n).unwrap_or(1)),
        Err(err) => {
            if quire::error::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("quire: {}", message(&err));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: our errors already name their
/// cause ("path: No such file or directory"), so a cause already in the
/// message is not repeated.
fn message(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}
