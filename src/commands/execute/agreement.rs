//! `/agreement`: one partner's whole record, also what `/search` answers
//! for a partner alone.

use super::format::{
    bold, bullet, evidence_mark, flag, italic, link, money_line, signatories, source_link, WARNING,
};
use super::views::{AgreementView, PartnerView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{Basis, Partner, Pledge};
use crate::reply::{Reply, ReplyBuilder, Status};

pub(super) fn agreement(ctx: &Ctx<'_>, p: &Partner, note: Option<String>, page: usize) -> Reply {
    let s = ctx.s;
    let mut b = ctx
        .reply(Status::Ok, (s.agreement_title)(&flag(p.id.as_str()), ctx.name(p)))
        .description(description(ctx, p, note))
        .data_with(|| AgreementView {
            partner: PartnerView::new(ctx.lang, p),
        });
    if !p.money.is_empty() {
        b = b.lines(s.money, p.money.iter().map(|m| money_line(ctx, &p.sources, m)));
    }
    b = aid_lines(ctx, p, b);
    if !p.notable.is_empty() {
        b = b.lines(s.notable, p.notable.iter().map(|n| bullet(ctx.t(n))));
    }
    if !p.open_questions.is_empty() {
        b = b.lines(
            s.open_questions,
            p.open_questions.iter().map(|q| {
                format!(
                    "{WARNING} {} — {}{}",
                    bold(ctx.t(&q.topic)),
                    ctx.t(&q.note),
                    source_link(ctx, &p.sources, &q.sources)
                )
            }),
        );
    }
    b = b.lines(
        s.sources,
        p.sources.iter().map(|src| {
            bullet(format!(
                "{}{}",
                link(&src.title, &src.url),
                if src.official { s.official_source } else { "" }
            ))
        }),
    );
    let id = p.id.to_string();
    b.build(&ctx.footer, page, |n| {
        Command::Agreement {
            country: id.clone(),
            page: n,
        }
        .to_line()
    })
}

/// Title, date and place, who signed, term and status.
fn description(ctx: &Ctx<'_>, p: &Partner, note: Option<String>) -> String {
    let (ds, s) = (ctx.ds, ctx.s);
    let a = &p.agreement;
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("{}\n", bold(ctx.t(&a.title))));
    if let Some(t) = &a.title_native {
        d.push_str(&format!("{}\n", italic(t)));
    }
    let position = match count_position(ctx, p) {
        Some(n) => (s.count_position)(n, ds.meta.official_count),
        None => format!(" · {}", s.not_counted),
    };
    d.push_str(&format!(
        "{}{position}\n",
        (s.signed_in)(&bold((s.date)(a.signed)), ctx.t(&a.place))
    ));
    d.push_str(&format!(
        "{} {}\n",
        (s.for_partner)(ctx.name(p)),
        signatories(ctx.lang, &a.signatories.partner)
    ));
    d.push_str(&format!(
        "{} {}\n",
        s.for_ukraine,
        signatories(ctx.lang, &a.signatories.ukraine)
    ));
    d.push_str(&format!(
        "{} {}\n{} {}",
        bold(s.term),
        ctx.t(&a.term),
        bold(s.status),
        ctx.t(&a.legal_status)
    ));
    if let Some(n) = &a.count_note {
        d.push_str(&format!("\n{} {}", bold(s.official_count), ctx.t(n)));
    }
    d
}

/// One line per aid area in the agreement, with its evidence, clause and
/// source; then, apart, what was announced alongside it.
fn aid_lines(ctx: &Ctx<'_>, p: &Partner, b: ReplyBuilder) -> ReplyBuilder {
    let line = |pl: &Pledge| {
        bullet(format!(
            "{} — {} {}{}",
            bold(ctx.aid_name_of(&pl.aid)),
            ctx.t(&pl.detail),
            evidence_mark(ctx, pl.evidence, pl.clause.as_ref()),
            source_link(ctx, &p.sources, &pl.sources)
        ))
    };
    let (agreed, alongside): (Vec<&Pledge>, Vec<&Pledge>) =
        p.aid.iter().partition(|pl| pl.basis == Basis::Agreement);
    let b = b.lines((ctx.s.aid_areas)(agreed.len()), agreed.iter().map(|pl| line(pl)));
    if alongside.is_empty() {
        return b;
    }
    b.lines(
        (ctx.s.alongside_areas)(alongside.len()),
        alongside.iter().map(|pl| line(pl)),
    )
}

/// Position of a partner in the official count (1-based), if counted.
fn count_position(ctx: &Ctx<'_>, p: &Partner) -> Option<usize> {
    if !p.agreement.in_official_count {
        return None;
    }
    ctx.ds
        .partners
        .iter()
        .filter(|q| q.agreement.in_official_count)
        .position(|q| q.id == p.id)
        .map(|i| i + 1)
}
