//! `/pledged`: every partner that pledged one kind of aid, also what
//! `/search` answers for an aid type alone.

use super::format::{bold, evidence_mark, flag, italic, source_link};
use super::views::{AidRef, PledgeItem, PledgedView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{AidType, Evidence, Partner, Pledge};
use crate::reply::{Reply, Status};

pub(super) fn pledged(ctx: &Ctx<'_>, a: &AidType, note: Option<String>, page: usize) -> Reply {
    let ds = ctx.ds;
    let list: Vec<(&Partner, &Pledge)> = ds.partners_pledging(&a.id).collect();
    let s = ctx.s;
    let mut b = ctx
        .reply(Status::Ok, (s.pledged_title)(&a.en, &a.uk))
        .description(description(ctx, a, note, &list))
        .data_with(|| PledgedView {
            aid: AidRef::with_uk(a),
            partners: list.iter().map(|&(p, pl)| PledgeItem::new(p, pl)).collect(),
        });
    if list.is_empty() {
        b = b.field(s.partners, s.nobody_pledged, false);
    } else {
        b = b.lines(s.partners, list.iter().map(|&(p, pl)| line(ctx, p, pl)));
    }
    let id = a.id.to_string();
    b.build(&ctx.footer, page, |n| {
        Command::Pledged {
            aid: id.clone(),
            page: n,
        }
        .to_line()
    })
}

/// The aid type's description and the count.
fn description(ctx: &Ctx<'_>, a: &AidType, note: Option<String>, list: &[(&Partner, &Pledge)]) -> String {
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("{}\n", italic(&a.description)));
    let press = list
        .iter()
        .filter(|(_, pl)| pl.evidence == Evidence::Press)
        .count();
    d.push_str(&(ctx.s.pledged_count)(&bold(list.len()), ctx.ds.partners.len()));
    if press > 0 {
        d.push(' ');
        d.push_str(&(ctx.s.press_only)(press));
    }
    d
}

/// One partner's pledge as a list line.
fn line(ctx: &Ctx<'_>, p: &Partner, pl: &Pledge) -> String {
    format!(
        "{} {} ({}) — {} {}{}",
        flag(p.id.as_str()),
        bold(&p.names.en),
        p.agreement.signed,
        pl.detail,
        evidence_mark(ctx.s, pl.evidence),
        source_link(ctx.s, &pl.sources)
    )
}
