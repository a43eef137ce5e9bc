//! `/timeline`: every signing in order, with the running official count.

use super::format::{bare_link, bold, code, flag, italic};
use super::views::{TimelineRow, TimelineView};
use super::Ctx;
use crate::commands::Command;
use crate::reply::{Reply, Status};

pub(super) fn timeline(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
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
    let first = ds
        .partners
        .first()
        .map(|p| (ctx.s.date)(p.agreement.signed))
        .unwrap_or_default();
    let last = ds
        .partners
        .last()
        .map(|p| (ctx.s.date)(p.agreement.signed))
        .unwrap_or_default();
    let s = ctx.s;
    ctx.reply(Status::Ok, s.timeline_title)
        .description((s.timeline_intro)(
            ds.partners.len(),
            &first,
            &last,
            ctx.t(&ds.meta.official_count_note),
        ))
        .data_with(|| TimelineView {
            partners: rows,
            sources: [ds.meta.official_count_source.as_str()],
        })
        .lines(s.timeline, lines)
        .field(s.source, bare_link(&ds.meta.official_count_source), false)
        .build(&ctx.footer, page, |n| Command::Timeline { page: n }.to_line())
}
