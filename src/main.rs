//! The `pactbot` binary: a thin clap front over the library (see `cli`).
//!
//! Exit codes: 0 answered (a "no match" is an answer), 2 an invalid command,
//! usage or setting, 1 a data or internal failure. Errors go to stderr.
//!
//! Order matters: `.env` is read first, then the command line (clap reads
//! every variable, so one set in `.env` counts as if exported), then logging
//! (its filter is one of those settings).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    if let Err(e) = pactbot::discord::config::load_dotenv() {
        return cli::exit(&cli::Failure::Config(e));
    }
    // An empty value counts as unset (`.env.example` ships `DISCORD_GUILD_ID=`).
    for var in cli::VARIABLES {
        if std::env::var_os(var).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            std::env::remove_var(var);
        }
    }
    let cli = cli::Cli::parse();
    let (log_writer, log_guard) = log_writer(&cli.cmd);
    let filter = cli.log.as_deref().unwrap_or(cli.default_log_filter());
    tracing_subscriber::fmt()
        .with_writer(log_writer)
        // Colours only on a terminal: a log file or journald gets plain text
        // (and formatting each line costs less, which the endpoint notices).
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(filter)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(cli.default_log_filter())),
        )
        .init();
    tracing::debug!(data = ?cli.data, log = filter, "settings read (.env, then the environment and the command line)");
    let result = cli::run(cli);
    // The log lines still in the batch first, then the error that ended us.
    drop(log_guard);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => cli::exit(&failure),
    }
}

/// Where log lines go: stderr. `serve` writes one line per request, so its
/// lines are gathered and written in batches by a background thread
/// ([`cli::log`]: lossy if stderr stalls, never blocking a request); the
/// guard writes what is left when `main` returns.
fn log_writer(
    cmd: &cli::Cmd,
) -> (
    tracing_subscriber::fmt::writer::BoxMakeWriter,
    Option<cli::log::Guard>,
) {
    use tracing_subscriber::fmt::writer::BoxMakeWriter;
    if let cli::Cmd::Serve(_) = cmd {
        if let Ok((log, guard)) = cli::log::batched(std::io::stderr()) {
            return (BoxMakeWriter::new(log), Some(guard));
        }
    }
    (BoxMakeWriter::new(std::io::stderr), None)
}
