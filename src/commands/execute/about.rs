//! `/about`: what the data covers, how current it is, where it comes from.

use super::format::{bare_link, bold, bullet, italic, link};
use super::views::{frameworks, AboutView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::Evidence;
use crate::reply::{Reply, Status};

pub(super) fn about(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let m = &ds.meta;
    let s = ctx.s;
    let description = [
        s.about_intro.to_string(),
        String::new(),
        (s.about_coverage)(
            &bold(s.coverage_label),
            ds.partners.len(),
            ctx.t(&m.official_count_note),
        ),
        (s.about_counts)(ds.aid_types.len(), ds.countries.len()),
        (s.about_as_of)(&bold(s.as_of_label), &(s.date)(m.as_of), &m.version),
        (s.about_evidence)(
            &bold(s.evidence_label),
            &italic((s.evidence)(Evidence::AgreementText)),
            &italic((s.evidence)(Evidence::OfficialSummary)),
            &italic(s.press_report),
        ),
    ]
    .join("\n");
    let mut b = ctx
        .reply(Status::Ok, s.about_title)
        .description(description)
        .data_with(|| AboutView {
            version: &m.version,
            as_of: m.as_of.to_string(),
            official_count: m.official_count,
            frameworks: frameworks(ctx.lang, &m.frameworks),
            sources: m.sources.iter().map(|src| src.url.as_str()).collect(),
        });
    for f in &m.frameworks {
        b = b.lines(
            format!(
                "{} ({}, {})",
                ctx.t(&f.title),
                (ctx.s.date)(f.date),
                ctx.t(&f.place)
            ),
            [
                ctx.t(&f.summary).to_string(),
                format!("{} {}", bold(s.who_label), ctx.t(&f.members)),
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
        s.sources,
        m.sources.iter().map(|src| {
            bullet(format!(
                "{}{}",
                link(&src.title, &src.url),
                if src.official { s.official_source } else { "" }
            ))
        }),
    )
    .build(&ctx.footer, page, |n| Command::About { page: n }.to_line())
}
