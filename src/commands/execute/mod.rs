//! Running a command against the dataset: the one [`execute`] every
//! transport calls. One file per command; [`format`] holds every piece of
//! Markdown, [`resolve`] turns typed names into records (or the reply that
//! explains why not), [`views`] the typed `--json` shapes.

mod about;
mod agreement;
mod compare;
pub(crate) mod format;
mod help;
mod pledged;
mod resolve;
mod search;
mod stats;
mod timeline;
mod views;

use super::{Command, CommandError, CommandKind};
use crate::dataset::Dataset;
use crate::reply::{Reply, ReplyBuilder, Status};

/// Answers a command from the dataset. Never fails: a bad or unknown input
/// is an answer too (`no_match`, `not_a_partner`).
pub fn execute(ds: &Dataset, cmd: &Command) -> Reply {
    let ctx = Ctx {
        ds,
        kind: cmd.kind(),
        footer: footer(ds),
    };
    match cmd {
        Command::Agreement { country, page } => match resolve::partner(&ctx, country) {
            Ok((p, note)) => agreement::agreement(&ctx, p, note, *page),
            Err(r) => *r,
        },
        Command::Pledged { aid, page } => match resolve::aid(&ctx, aid) {
            Ok((a, note)) => pledged::pledged(&ctx, a, note, *page),
            Err(r) => *r,
        },
        Command::Search { query, page } => search::search(&ctx, query, *page),
        Command::Compare { first, second, page } => compare::compare(&ctx, first, second, *page),
        Command::Timeline { page } => timeline::timeline(&ctx, *page),
        Command::Stats { page } => stats::stats(&ctx, *page),
        Command::About { page } => about::about(&ctx, *page),
        Command::Help { page } => help::help(&ctx, *page),
    }
}

/// The answer to a command line that could not be parsed. `command` names
/// the command in the reply (`unknown` when there is none).
pub fn error_reply(ds: &Dataset, command: &str, err: &CommandError) -> Reply {
    let suggestions = match err {
        CommandError::UnknownCommand {
            suggestion: Some(s), ..
        } => vec![format!("/{s}")],
        _ => Vec::new(),
    };
    ReplyBuilder::new(command, Status::Error, "That command didn't work")
        .description(format!(
            "{err}\n\nType {} to see every command.",
            format::code("/help")
        ))
        .suggestions(suggestions)
        .data(serde_json::json!({ "error": err.to_string() }))
        .build_one(&footer(ds))
}

/// What every command of one execution shares.
pub(super) struct Ctx<'a> {
    pub ds: &'a Dataset,
    /// The command being answered; replies are tagged with its name, also
    /// when `/search` answers with an agreement.
    pub kind: CommandKind,
    pub footer: String,
}

impl Ctx<'_> {
    /// A reply of this command.
    fn reply(&self, status: Status, title: impl Into<String>) -> ReplyBuilder {
        ReplyBuilder::new(self.kind.name(), status, title)
    }
}

fn footer(ds: &Dataset) -> String {
    format!("pactbot · data as of {} · v{}", ds.meta.as_of, ds.meta.version)
}
