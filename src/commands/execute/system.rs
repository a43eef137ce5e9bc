//! `/search` naming one partner and one weapon system ("did the US pledge
//! ATACMS", «чи обіцяла Норвегія F-16»): the lines of that partner's record
//! that mention the system, in the agreement first, then what was announced
//! alongside it, each with its evidence and source. When no line mentions
//! it, the reply says the dataset does not say, never yes or no, and shows
//! the partner's pledge of the system's aid type for what it is.

use super::format::{bold, bullet, code, evidence_mark, flag, in_sentence, source_link};
use super::views::{AidRef, PartnerRef, SystemLineView, SystemSearchView};
use super::Ctx;
use crate::dataset::{Basis, Partner, Pledge, System};
use crate::reply::{Reply, Status};

pub(super) fn system_of(ctx: &Ctx<'_>, partner: &Partner, sy: &System) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let mentions = |pl: &&Pledge| sy.named_in(&pl.detail.en);
    let in_agreement: Vec<&Pledge> = partner
        .aid
        .iter()
        .filter(|pl| pl.basis == Basis::Agreement)
        .filter(mentions)
        .collect();
    let alongside: Vec<&Pledge> = partner
        .aid
        .iter()
        .filter(|pl| pl.basis == Basis::Alongside)
        .filter(mentions)
        .collect();
    let aid = ds.aid_type(&sy.aid);
    let aid_name = aid.map_or(sy.aid.to_string(), |a| in_sentence(ctx.aid_name(a)));
    let name = ctx.name(partner);
    let system_md = bold(&sy.name);
    let line = |pl: &Pledge| {
        bullet(format!(
            "{}: {} {}{}",
            ctx.aid_name_of(&pl.aid),
            ctx.t(&pl.detail),
            evidence_mark(ctx, pl.evidence, pl.clause.as_ref()),
            source_link(ctx, &partner.sources, &pl.sources),
        ))
    };
    let aid_pledge = partner.pledge(&sy.aid);
    let mut out = Vec::new();
    if !in_agreement.is_empty() {
        out.push((s.system_in_agreement)(name, &system_md));
        out.extend(in_agreement.iter().map(|pl| line(pl)));
        if !alongside.is_empty() {
            out.push(format!("{}:", s.alongside_section));
            out.extend(alongside.iter().map(|pl| line(pl)));
        }
    } else if !alongside.is_empty() {
        out.push((s.system_only_alongside)(name, &system_md));
        out.extend(alongside.iter().map(|pl| line(pl)));
    } else {
        // Nothing mentions it: the pledge of its aid type, for what it is.
        out.push((s.system_not_in_record)(name, &system_md));
        match aid_pledge {
            Some(pl) => {
                out.push((s.system_aid_pledged)(&aid_name));
                out.push(line(pl));
            }
            // Not in the agreement, but announced alongside it.
            None => match partner.alongside(&sy.aid) {
                Some(pl) => {
                    out.push((s.only_alongside)(name, &aid_name));
                    out.push(line(pl));
                }
                None => out.push((s.system_aid_absent)(&aid_name)),
            },
        }
    }
    out.push(String::new());
    out.push((s.system_elsewhere)(&code(format!("/pledged aid:{}", sy.name))));
    out.push((s.from_agreement)(
        &(s.date)(partner.agreement.signed),
        ctx.t(&partner.agreement.place),
        &code(format!("/agreement country:{}", partner.id)),
    ));
    ctx.reply(
        Status::Ok,
        (s.search_title)(&flag(partner.id.as_str()), name, &sy.name),
    )
    .description(out.join("\n"))
    .data_with(|| SystemSearchView {
        partner: PartnerRef::new(ctx.lang, partner),
        system: &sy.name,
        aid: aid.map(|a| AidRef::new(ctx.lang, a)),
        mentioned: !in_agreement.is_empty(),
        mentioned_alongside: !alongside.is_empty(),
        lines: in_agreement
            .iter()
            .chain(&alongside)
            .map(|pl| view_line(ctx, pl))
            .collect(),
        aid_pledge: aid_pledge
            .filter(|_| in_agreement.is_empty() && alongside.is_empty())
            .map(|pl| view_line(ctx, pl)),
    })
    .build_one(&ctx.footer)
}

fn view_line<'a>(ctx: &Ctx<'_>, pl: &'a Pledge) -> SystemLineView<'a> {
    SystemLineView {
        aid: pl.aid.as_str(),
        alongside: pl.basis == Basis::Alongside,
        detail: ctx.t(&pl.detail),
        evidence: pl.evidence,
        sources: &pl.sources,
    }
}
