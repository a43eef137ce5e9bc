//! `/pledged`: every partner whose agreement includes one kind of aid, then,
//! apart and not counted, what was announced alongside the agreements. Also
//! what `/search` answers for an aid type alone.

use super::format::{bold, evidence_mark, flag, italic, source_link};
use super::views::{AidRef, PledgeItem, PledgedView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{AidType, Evidence, Partner, Pledge};
use crate::lang::Lang;
use crate::reply::{Reply, Status};

pub(super) fn pledged(ctx: &Ctx<'_>, a: &AidType, note: Option<String>, page: usize) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let agreed: Vec<(&Partner, &Pledge)> = ds.partners_pledging(&a.id).collect();
    let alongside: Vec<(&Partner, &Pledge)> = ds
        .partners
        .iter()
        .filter_map(|p| p.alongside(&a.id).map(|pl| (p, pl)))
        .collect();
    let (name, other) = match ctx.lang {
        Lang::En => (&a.en, &a.uk),
        Lang::Uk => (&a.uk, &a.en),
    };
    let mut b = ctx
        .reply(Status::Ok, (s.pledged_title)(name, other))
        .description(description(ctx, a, note, &agreed, alongside.len()))
        .data_with(|| PledgedView {
            aid: AidRef::with_uk(ctx.lang, a),
            partners: agreed
                .iter()
                .map(|&(p, pl)| PledgeItem::new(ctx.lang, p, pl))
                .collect(),
            alongside: alongside
                .iter()
                .map(|&(p, pl)| PledgeItem::new(ctx.lang, p, pl))
                .collect(),
        });
    if agreed.is_empty() {
        b = b.field(s.partners, s.nobody_pledged, false);
    } else {
        b = b.lines(s.partners, agreed.iter().map(|&(p, pl)| line(ctx, p, pl)));
    }
    if !alongside.is_empty() {
        b = b.lines(
            s.alongside_section,
            alongside.iter().map(|&(p, pl)| line(ctx, p, pl)),
        );
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

/// The aid type's description, the count of agreements that include it,
/// and how many announcements alongside them are listed apart.
fn description(
    ctx: &Ctx<'_>,
    a: &AidType,
    note: Option<String>,
    agreed: &[(&Partner, &Pledge)],
    alongside: usize,
) -> String {
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("{}\n", italic(ctx.t(&a.description))));
    let press = agreed
        .iter()
        .filter(|(_, pl)| pl.evidence == Evidence::Press)
        .count();
    d.push_str(&(ctx.s.pledged_count)(&bold(agreed.len()), ctx.ds.partners.len()));
    if press > 0 {
        d.push(' ');
        d.push_str(&(ctx.s.press_only)(press));
    }
    if alongside > 0 {
        d.push(' ');
        d.push_str(&(ctx.s.alongside_note)(alongside));
    }
    d
}

/// One partner's pledge as a list line.
fn line(ctx: &Ctx<'_>, p: &Partner, pl: &Pledge) -> String {
    format!(
        "{} {} ({}) — {} {}{}",
        flag(p.id.as_str()),
        bold(ctx.name(p)),
        p.agreement.signed,
        ctx.t(&pl.detail),
        evidence_mark(ctx, pl.evidence, pl.clause.as_ref()),
        source_link(ctx, &p.sources, &pl.sources)
    )
}
