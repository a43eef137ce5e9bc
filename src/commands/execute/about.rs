//! `/about`: what the data covers, how current it is, where it comes from.

use super::format::{bare_link, bold, bullet, italic, link};
use super::views::AboutView;
use super::Ctx;
use crate::commands::Command;
use crate::reply::{Reply, Status};

pub(super) fn about(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let m = &ds.meta;
    let mut b = ctx
        .reply(Status::Ok, "About pactbot")
        .description(format!(
            "pactbot answers questions about Ukraine's bilateral long-term security agreements from a curated dataset with a source for every claim.\n\n{} {} agreement records — {}\nAlso {} kinds of aid, and {} countries without an agreement so that they are answered as such.\n{} {} · dataset v{}\n{} each pledge is marked {}, {} or {}; press reporting is never presented as treaty content.",
            bold("Coverage:"),
            ds.partners.len(),
            m.official_count_note,
            ds.aid_types.len(),
            ds.countries.len(),
            bold("As of:"),
            m.as_of,
            m.version,
            bold("Evidence:"),
            italic("agreement text"),
            italic("official summary"),
            italic("press report"),
        ))
        .data(AboutView {
            version: &m.version,
            as_of: m.as_of.to_string(),
            official_count: m.official_count,
            frameworks: &m.frameworks,
            sources: m.sources.iter().map(|s| s.url.as_str()).collect(),
        });
    for f in &m.frameworks {
        b = b.lines(
            format!("{} ({}, {})", f.title, f.date, f.place),
            [
                f.summary.to_string(),
                format!("{} {}", bold("Who:"), f.members),
                f.sources
                    .iter()
                    .take(2)
                    .map(|u| bare_link(u))
                    .collect::<Vec<_>>()
                    .join(" "),
            ],
        );
    }
    b.lines(
        "Sources",
        m.sources.iter().map(|s| {
            bullet(format!(
                "{}{}",
                link(&s.title, &s.url),
                if s.official { " · official" } else { "" }
            ))
        }),
    )
    .build(&ctx.footer, page, |n| Command::About { page: n }.to_line())
}
