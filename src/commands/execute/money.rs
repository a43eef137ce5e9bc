//! `/money`: money commitments across partners, each in its own currency
//! and in euros at the ECB rate of the signing date, in sections that keep
//! military from other money, one year from several, and the agreements
//! from the press and from what was only announced alongside.

use super::format::{big_number, bold, bullet, evidence_mark, flag, link, money_amount, source_link};
use super::views::{CommitmentView, MoneyTableView, PartnerRef};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::Group;
use crate::figures::{money_table, Commitment, Section, Span};
use crate::reply::{Reply, Status};

/// The sections in the reply's order.
const SECTIONS: [(Section, Span); 12] = [
    (Section::Military, Span::OneYear),
    (Section::Military, Span::EachYear),
    (Section::Military, Span::SeveralYears),
    (Section::Military, Span::NotStated),
    (Section::Other, Span::OneYear),
    (Section::Other, Span::EachYear),
    (Section::Other, Span::SeveralYears),
    (Section::Other, Span::NotStated),
    (Section::ShareOfGdp, Span::NotStated),
    (Section::Press, Span::NotStated),
    (Section::Alongside, Span::NotStated),
    (Section::AlreadyGiven, Span::NotStated),
];

pub(super) fn money(ctx: &Ctx<'_>, group: Option<&Group>, year: Option<u16>, page: usize) -> Reply {
    let ds = ctx.ds;
    let s = ctx.s;
    let table = money_table(ds, group, year);
    let group_name = group.map(|g| match ctx.lang {
        crate::lang::Lang::En => g.names.en.as_str(),
        crate::lang::Lang::Uk => g.names.uk.as_str(),
    });
    let source = link(&ds.rates.source.title, &ds.rates.source.url);
    let mut intro = (s.money_intro)(&source);
    let filters = (s.money_filters)(group_name, year, table.undated);
    if !filters.is_empty() {
        intro = format!("{filters}\n\n{intro}");
    }
    if table.rows.is_empty() {
        intro = format!("{}\n\n{intro}", s.money_nothing);
    }
    let status = if table.rows.is_empty() {
        Status::NoMatch
    } else {
        Status::Ok
    };
    let mut b = ctx.reply(status, s.money_title).description(intro);
    for (section, span) in SECTIONS {
        let lines: Vec<String> = table
            .rows
            .iter()
            .filter(|r| r.section == section && r.span == span)
            .map(|r| line(ctx, r))
            .collect();
        if !lines.is_empty() {
            b = b.lines((s.money_section)(section, span), lines);
        }
    }
    let group_id = group.map(|g| g.id.clone());
    b.data_with(|| MoneyTableView {
        commitments_not_deliveries: true,
        conversion: &ds.rates.source,
        group: group.map(|g| g.id.as_str()),
        year,
        undated_left_out: table.undated,
        commitments: table
            .rows
            .iter()
            .map(|r| CommitmentView {
                section: r.section,
                span: r.span,
                partner: PartnerRef::new(ctx.lang, r.partner),
                amount: r.money.amount,
                currency: &r.money.currency,
                qualifier: r.money.qualifier,
                period: r.money.period.get(ctx.lang),
                years: r.money.years,
                kind: r.money.kind,
                basis: r.money.basis,
                evidence: r.money.evidence,
                eur: r.eur.map(|c| c.eur.round()),
                rate: r.eur.map(|c| c.rate),
                rate_published: r.eur.map(|c| c.published.to_string()),
                sources: &r.money.sources,
            })
            .collect(),
    })
    .build(&ctx.footer, page, |n| {
        Command::Money {
            group: group_id.clone(),
            year,
            page: n,
        }
        .to_line()
    })
}

/// "• 🇳🇴 **Norway** — at least NOK 13.5 bn ≈ **EUR 1.16 bn** at the ECB
/// rate of … · military · 2024 _(official summary)_ [source]".
fn line(ctx: &Ctx<'_>, r: &Commitment<'_>) -> String {
    let s = ctx.s;
    let m = r.money;
    let amount = match r.eur {
        Some(c) if m.currency.as_str() != "EUR" => {
            let eur = bold((s.amount)("", "EUR", &big_number(s, c.eur)));
            let rate = c.rate.to_string().replace('.', &s.decimal_separator.to_string());
            format!(
                "{} {}",
                money_amount(s, m),
                (s.eur_conversion)(&eur, &rate, m.currency.as_str(), &(s.date)(c.published))
            )
        }
        _ => bold(money_amount(s, m)),
    };
    // The military section's heading already says what kind it is.
    let kind = match r.section {
        Section::Military => String::new(),
        _ => format!("{} · ", (s.money_kind)(m.kind)),
    };
    bullet(format!(
        "{} {} — {amount} · {kind}{} {}{}",
        flag(r.partner.id.as_str()),
        bold(ctx.name(r.partner)),
        m.period.get(ctx.lang),
        evidence_mark(ctx, m.evidence, None),
        source_link(ctx, &r.partner.sources, &m.sources)
    ))
}
