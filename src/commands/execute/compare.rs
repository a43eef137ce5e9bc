//! `/compare`: two partners side by side.

use super::format::{bold, bullet, code, flag, italic, link, money_amount, signatories};
use super::views::{CompareSide, CompareView};
use super::{resolve, Ctx};
use crate::commands::Command;
use crate::dataset::{Dataset, Evidence, Partner, Pledge};
use crate::lang::Strings;
use crate::reply::{Reply, Status};

pub(super) fn compare(ctx: &Ctx<'_>, first: &str, second: &str, page: usize) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let (a, _) = match resolve::partner(ctx, first) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let (b, _) = match resolve::partner(ctx, second) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let shared: Vec<&Pledge> = a.aid.iter().filter(|p| b.pledge(&p.aid).is_some()).collect();
    let only_a: Vec<&Pledge> = a.aid.iter().filter(|p| b.pledge(&p.aid).is_none()).collect();
    let only_b: Vec<&Pledge> = b.aid.iter().filter(|p| a.pledge(&p.aid).is_none()).collect();
    let desc = if a.id == b.id {
        (s.compare_same)(&a.names.en)
    } else {
        (s.compare_intro)(&a.names.en, &b.names.en)
    };
    ctx.reply(
        Status::Ok,
        (s.compare_title)(
            &flag(a.id.as_str()),
            &a.names.en,
            &flag(b.id.as_str()),
            &b.names.en,
        ),
    )
    .description(desc)
    .data_with(|| CompareView {
        first: CompareSide::new(a),
        second: CompareSide::new(b),
        shared: ids(&shared),
        only_first: ids(&only_a),
        only_second: ids(&only_b),
        sources: a
            .sources
            .iter()
            .chain(&b.sources)
            .map(|src| src.url.as_str())
            .collect(),
    })
    .block([
        (a.names.en.clone(), side(s, a), true),
        (b.names.en.clone(), side(s, b), true),
    ])
    .block([
        ((s.money_of)(&a.names.en), money(s, a), true),
        ((s.money_of)(&b.names.en), money(s, b), true),
    ])
    .field((s.both_pledged)(shared.len()), list(ds, &shared), false)
    .field((s.only)(&a.names.en, only_a.len()), list(ds, &only_a), false)
    .field((s.only)(&b.names.en, only_b.len()), list(ds, &only_b), false)
    .field(s.sources, sources(s, a, b), false)
    .build(&ctx.footer, page, |n| {
        Command::Compare {
            first: a.id.to_string(),
            second: b.id.to_string(),
            page: n,
        }
        .to_line()
    })
}

/// The aid ids of some pledges.
fn ids<'a>(v: &[&'a Pledge]) -> Vec<&'a str> {
    v.iter().map(|p| p.aid.as_str()).collect()
}

/// Aid type names, comma-separated, or a dash for none.
fn list(ds: &Dataset, v: &[&Pledge]) -> String {
    if v.is_empty() {
        return "—".to_string();
    }
    v.iter()
        .map(|p| ds.aid_type(&p.aid).map_or(p.aid.as_str(), |t| t.en.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One side's money, one line per commitment.
fn money(s: &Strings, p: &Partner) -> String {
    if p.money.is_empty() {
        return s.no_amount.to_string();
    }
    p.money
        .iter()
        .map(|m| {
            let press = if m.evidence == Evidence::Press {
                format!(" {}", italic(format!("({})", s.press_report)))
            } else {
                String::new()
            };
            bullet(format!(
                "{} {}, {}{press}",
                money_amount(s, m),
                (s.money_kind)(m.kind),
                m.period
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// When, where, who and for how long.
fn side(s: &Strings, p: &Partner) -> String {
    (s.compare_side)(
        &bold(p.agreement.signed),
        &p.agreement.place,
        &signatories(&p.agreement.signatories.partner),
        &p.agreement.term,
    )
}

/// The first source of each side and where to read more.
fn sources(s: &Strings, a: &Partner, b: &Partner) -> String {
    let first = |p: &Partner| {
        p.sources
            .first()
            .map(|src| link(&src.title, &src.url))
            .unwrap_or_default()
    };
    format!(
        "{} · {} · {}",
        first(a),
        first(b),
        (s.details)(
            &code(format!("/agreement country:{}", a.id)),
            &code(format!("/agreement country:{}", b.id))
        )
    )
}
