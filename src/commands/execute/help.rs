//! `/help`: every command of the table with its usage and an example.

use super::format::code;
use super::views::{CommandView, HelpView};
use super::Ctx;
use crate::commands::{table, Command};
use crate::reply::{Reply, Status};

pub(super) fn help(ctx: &Ctx<'_>, page: usize) -> Reply {
    ctx.reply(Status::Ok, "How to use pactbot")
        .description(
            "Ask about Ukraine's bilateral security agreements. Partners can be named in English, Ukrainian or their own language, by code (GB, DE, EU) or abbreviation; typos are fine. Kinds of aid can be named in plain words (air defence, F-16, ППО).",
        )
        .data(HelpView {
            commands: table::COMMANDS.iter().map(CommandView::new).collect(),
        })
        .lines(
            "Commands",
            table::COMMANDS
                .iter()
                .map(|c| format!("{}\n{} · e.g. {}", code(c.usage()), c.description, code(c.example))),
        )
        .build(&ctx.footer, page, |n| Command::Help { page: n }.to_line())
}
