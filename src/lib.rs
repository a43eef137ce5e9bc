//! pactbot: answers questions about Ukraine's bilateral long-term security
//! agreements from a curated, sourced dataset.
//!
//! The core — [`dataset`], [`search`], [`commands`], [`lang`], [`reply`] — is
//! free of any transport: the CLI, the Discord gateway and the HTTP
//! interactions endpoint all call [`commands::execute`] in the reader's
//! [`lang::Lang`] and render its [`reply::Reply`].

pub mod answers;
pub mod commands;
pub mod dataset;
pub mod discord;
pub mod lang;
pub mod question;
pub mod render;
pub mod reply;
pub mod search;

use commands::{parse, Command};
use dataset::Dataset;
use lang::Lang;
use reply::Reply;

/// Parses and answers one command line in `lang`, as the bot would, for a
/// reader (text or Discord): the `--json` data is not built.
///
/// A line not starting with `/` is a plain-language question, answered as
/// the command it maps to (in Ukrainian when it is written in Ukrainian).
pub fn answer(ds: &Dataset, line: &str, lang: Lang) -> Reply {
    if question::is_question(line) {
        return commands::answer_question(ds, line, lang, false);
    }
    match parse(line) {
        Ok(cmd) => commands::execute(ds, &cmd, lang),
        Err(e) => commands::error_reply(ds, command_word(line), &e, lang),
    }
}

/// The same answer with its `--json` data, for `render::json`.
pub fn answer_json(ds: &Dataset, line: &str, lang: Lang) -> Reply {
    if question::is_question(line) {
        return commands::answer_question(ds, line, lang, true);
    }
    match parse(line) {
        Ok(cmd) => commands::execute_json(ds, &cmd, lang),
        Err(e) => commands::error_reply(ds, command_word(line), &e, lang),
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
