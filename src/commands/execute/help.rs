//! `/help`: every command of the table with its usage and an example.

use super::format::code;
use super::views::{CommandView, HelpView};
use super::Ctx;
use crate::commands::{table, Command};
use crate::reply::{Reply, Status};

pub(super) fn help(ctx: &Ctx<'_>, page: usize) -> Reply {
    let s = ctx.s;
    ctx.reply(Status::Ok, s.help_title)
        .description(s.help_intro)
        .data_with(|| HelpView {
            commands: table::COMMANDS
                .iter()
                .map(|c| CommandView::new(ctx.lang, c))
                .collect(),
        })
        .lines(
            s.commands,
            table::COMMANDS.iter().map(|c| {
                format!(
                    "{}\n{} · {}",
                    code(c.usage()),
                    c.description_in(ctx.lang),
                    (s.example)(&code(c.example))
                )
            }),
        )
        .build(&ctx.footer, page, |n| Command::Help { page: n }.to_line())
}
