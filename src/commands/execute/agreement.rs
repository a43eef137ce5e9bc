//! `/agreement`: one partner's whole record, also what `/search` answers
//! for a partner alone.

use super::format::{
    bold, bullet, evidence_mark, flag, italic, link, money_line, signatories, source_link, WARNING,
};
use super::views::{AgreementView, PartnerView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::Partner;
use crate::reply::{Reply, ReplyBuilder, Status};

pub(super) fn agreement(ctx: &Ctx<'_>, p: &Partner, note: Option<String>, page: usize) -> Reply {
    let s = ctx.s;
    let mut b = ctx
        .reply(Status::Ok, (s.agreement_title)(&flag(p.id.as_str()), &p.names.en))
        .description(description(ctx, p, note))
        .data_with(|| AgreementView {
            partner: PartnerView::new(p),
        });
    if !p.money.is_empty() {
        b = b.lines(s.money, p.money.iter().map(|m| money_line(s, m)));
    }
    b = aid_lines(ctx, p, b);
    if !p.notable.is_empty() {
        b = b.lines(s.notable, p.notable.iter().map(bullet));
    }
    if !p.open_questions.is_empty() {
        b = b.lines(
            s.open_questions,
            p.open_questions.iter().map(|q| {
                format!(
                    "{WARNING} {} — {}{}",
                    bold(&q.topic),
                    q.note,
                    source_link(s, &q.sources)
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
    d.push_str(&format!("{}\n", bold(&a.title)));
    if let Some(t) = &a.title_native {
        d.push_str(&format!("{}\n", italic(t)));
    }
    let position = match count_position(ctx, p) {
        Some(n) => (s.count_position)(n, ds.meta.official_count),
        None => format!(" · {}", s.not_counted),
    };
    d.push_str(&format!(
        "{}{position}\n",
        (s.signed_in)(&bold(a.signed), &a.place)
    ));
    d.push_str(&format!(
        "{} {}\n",
        (s.for_partner)(&p.names.en),
        signatories(&a.signatories.partner)
    ));
    d.push_str(&format!(
        "{} {}\n",
        s.for_ukraine,
        signatories(&a.signatories.ukraine)
    ));
    d.push_str(&format!(
        "{} {}\n{} {}",
        bold(s.term),
        a.term,
        bold(s.status),
        a.legal_status
    ));
    if let Some(n) = &a.count_note {
        d.push_str(&format!("\n{} {n}", bold(s.official_count)));
    }
    d
}

/// One line per aid area, with its evidence and source.
fn aid_lines(ctx: &Ctx<'_>, p: &Partner, b: ReplyBuilder) -> ReplyBuilder {
    let s = ctx.s;
    b.lines(
        (s.aid_areas)(p.aid.len()),
        p.aid.iter().map(|pl| {
            let name = ctx
                .ds
                .aid_type(&pl.aid)
                .map_or(pl.aid.as_str(), |t| t.en.as_str());
            bullet(format!(
                "{} — {} {}{}",
                bold(name),
                pl.detail,
                evidence_mark(s, pl.evidence),
                source_link(s, &pl.sources)
            ))
        }),
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
