//! `/timeline [year]`: every signing in order, with the running official
//! count; with `year:`, only that year's signings, still numbered by their
//! place in the whole count, and how many of all the agreements they are.

use chrono::Datelike;

use super::format::{bare_link, bold, code, flag, italic};
use super::views::{TimelineRow, TimelineView};
use super::Ctx;
use crate::commands::Command;
use crate::reply::{Reply, Status};

pub(super) fn timeline(ctx: &Ctx<'_>, year: Option<u16>, page: usize) -> Reply {
    let ds = ctx.ds;
    let in_year =
        |p: &crate::dataset::Partner| year.is_none_or(|y| p.agreement.signed.year() == i32::from(y));
    let mut n = 0;
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for p in &ds.partners {
        let count = if p.agreement.in_official_count {
            n += 1;
            Some(n)
        } else {
            None
        };
        if !in_year(p) {
            continue;
        }
        let number = count.map_or("—".to_string(), |c| format!("{c}."));
        let extra = if count.is_none() {
            format!(" · {}", italic(ctx.s.not_counted))
        } else {
            String::new()
        };
        lines.push(format!(
            "{} {number} {} {} — {}{extra}",
            code(p.agreement.signed),
            flag(p.id.as_str()),
            bold(ctx.name(p)),
            ctx.t(&p.agreement.place)
        ));
        rows.push(TimelineRow::new(ctx.lang, p, count));
    }
    let s = ctx.s;
    let note = ctx.t(&ds.meta.official_count_note);
    let description = match year {
        Some(y) => (s.timeline_in_year)(rows.len(), ds.partners.len(), y, note),
        None => {
            let date = |p: Option<&crate::dataset::Partner>| {
                p.map(|p| (s.date)(p.agreement.signed)).unwrap_or_default()
            };
            (s.timeline_intro)(
                ds.partners.len(),
                &date(ds.partners.first()),
                &date(ds.partners.last()),
                note,
            )
        }
    };
    let mut b = ctx
        .reply(Status::Ok, s.timeline_title)
        .description(description)
        .data_with(|| TimelineView {
            year,
            partners: rows,
            sources: [ds.meta.official_count_source.as_str()],
        });
    if !lines.is_empty() {
        b = b.lines(s.timeline, lines);
    }
    b.field(s.source, bare_link(&ds.meta.official_count_source), false)
        .build(&ctx.footer, page, |n| {
            Command::Timeline { year, page: n }.to_line()
        })
}
