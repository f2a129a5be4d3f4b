//! The `galley` binary: parse the command line, run, exit with the code `app::run` chose.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match galley::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                galley::app::EXIT_ERROR
            } else {
                galley::app::EXIT_CLEAN
            });
        }
    };
    ExitCode::from(galley::app::run(cli))
}
