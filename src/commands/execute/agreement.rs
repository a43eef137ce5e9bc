//! `/agreement`: one partner's whole record, also what `/search` answers
//! for a partner alone.

use super::format::{
    bold, bullet, evidence_mark, flag, italic, link, money_line, money_short, names_line, signatories,
    source_link, WARNING,
};
use super::views::{AgreementView, PartnerView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{Basis, Money, Partner, Pledge};
use crate::reply::{Reply, ReplyBuilder, Status};

/// Page 1 is a short card (who, when, where, term, money, the aid area
/// names); the details follow, each on pages of their own with a title
/// that says what they are: aid lines, notable points, sources.
pub(super) fn agreement(ctx: &Ctx<'_>, p: &Partner, note: Option<String>, page: usize) -> Reply {
    let s = ctx.s;
    let (fl, name) = (flag(p.id.as_str()), ctx.name(p));
    let part = |what: &str| (s.agreement_part_title)(&fl, name, what);
    let mut b = ctx
        .reply(Status::Ok, (s.agreement_title)(&fl, name))
        .description(card(ctx, p, note))
        .data_with(|| AgreementView {
            partner: PartnerView::new(ctx.lang, p),
        })
        .new_page(part(s.part_aid));
    if !p.money.is_empty() {
        b = b.lines(s.money, p.money.iter().map(|m| money_line(ctx, &p.sources, m)));
    }
    b = aid_lines(ctx, p, b);
    b = b
        .new_page(part(s.part_notes))
        .lines(label(s.status), legal_status(ctx, p));
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
    b = b.new_page(part(s.part_sources)).lines(
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

/// The card: the description, then the money in short and the aid areas
/// as one line of names.
fn card(ctx: &Ctx<'_>, p: &Partner, note: Option<String>) -> String {
    let s = ctx.s;
    let mut d = description(ctx, p, note);
    if !p.money.is_empty() {
        d.push_str(&format!("\n\n{}", bold(s.money)));
        let (agreed, alongside): (Vec<&Money>, Vec<&Money>) =
            p.money.iter().partition(|m| m.basis == Basis::Agreement);
        for m in &agreed {
            d.push_str(&format!("\n{}", money_short(ctx, m)));
        }
        if !alongside.is_empty() {
            d.push_str(&format!("\n{}", italic(s.card_money_alongside)));
        }
        for m in &alongside {
            d.push_str(&format!("\n{}", money_short(ctx, m)));
        }
    }
    let (agreed, alongside): (Vec<&Pledge>, Vec<&Pledge>) =
        p.aid.iter().partition(|pl| pl.basis == Basis::Agreement);
    let names: Vec<&str> = agreed.iter().map(|pl| ctx.aid_name_of(&pl.aid)).collect();
    d.push_str(&format!(
        "\n\n{}",
        names_line(&(s.aid_areas)(agreed.len()), &names)
    ));
    if !alongside.is_empty() {
        d.push_str(&format!("; {}", (s.card_alongside)(alongside.len())));
    }
    d
}

/// Title, date and place, who signed, term.
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
    d.push_str(&format!("{} {}", bold(s.term), ctx.t(&a.term)));
    d
}

/// The legal status, and how the official count treats the agreement when
/// it says something about it.
fn legal_status(ctx: &Ctx<'_>, p: &Partner) -> Vec<String> {
    let a = &p.agreement;
    let mut v = vec![ctx.t(&a.legal_status).to_string()];
    if let Some(n) = &a.count_note {
        v.push(format!("{} {}", bold(ctx.s.official_count), ctx.t(n)));
    }
    v
}

/// A label such as "Status:" as a section name.
fn label(s: &str) -> &str {
    s.trim_end_matches(':')
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
