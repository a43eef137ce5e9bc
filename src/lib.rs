//! pactbot: answers questions about Ukraine's bilateral long-term security
//! agreements from a curated, sourced dataset.
//!
//! The core — [`dataset`], [`search`], [`commands`], [`reply`] — is free of
//! any transport: the CLI, the Discord gateway and the HTTP interactions
//! endpoint all call [`commands::execute`] and render its [`reply::Reply`].

pub mod answers;
pub mod commands;
pub mod dataset;
pub mod discord;
pub mod question;
pub mod render;
pub mod reply;
pub mod search;

use commands::{parse, Command};
use dataset::Dataset;
use reply::Reply;

/// Parses and answers one command line, as the bot would.
pub fn answer(ds: &Dataset, line: &str) -> Reply {
    match parse(line) {
        Ok(cmd) => commands::execute(ds, &cmd),
        Err(e) => commands::error_reply(ds, command_word(line), &e),
    }
}

/// Parses a command line; the `Command` is also what page buttons carry.
pub fn parse_line(line: &str) -> Result<Command, commands::CommandError> {
    parse(line)
}

/// The first word of a command line without its slash, for error replies.
fn command_word(line: &str) -> &str {
    let t = line.trim().trim_start_matches('/');
    let w = t.split_whitespace().next().unwrap_or("");
    if commands::table::find(w).is_some() {
        w
    } else {
        "unknown"
    }
}
