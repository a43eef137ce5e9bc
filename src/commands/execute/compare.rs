//! `/compare`: two partners side by side.

use super::format::{bold, bullet, code, flag, italic, link, money_amount, signatories};
use super::views::{CompareSide, CompareView};
use super::{resolve, Ctx};
use crate::commands::Command;
use crate::dataset::{Dataset, Evidence, Partner, Pledge};
use crate::reply::{Reply, Status};

pub(super) fn compare(ctx: &Ctx<'_>, first: &str, second: &str, page: usize) -> Reply {
    let ds = ctx.ds;
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
        format!("Both sides are {}: there is nothing to compare.", a.names.en)
    } else {
        format!(
            "{} and {}: when they signed, what money they committed, and the aid areas they share.",
            a.names.en, b.names.en
        )
    };
    ctx.reply(
        Status::Ok,
        format!(
            "{} {} vs {} {}",
            flag(a.id.as_str()),
            a.names.en,
            flag(b.id.as_str()),
            b.names.en
        ),
    )
    .description(desc)
    .data(CompareView {
        first: CompareSide::new(a),
        second: CompareSide::new(b),
        shared: ids(&shared),
        only_first: ids(&only_a),
        only_second: ids(&only_b),
        sources: a
            .sources
            .iter()
            .chain(&b.sources)
            .map(|s| s.url.as_str())
            .collect(),
    })
    .block([
        (a.names.en.clone(), side(a), true),
        (b.names.en.clone(), side(b), true),
    ])
    .block([
        (format!("Money · {}", a.names.en), money(a), true),
        (format!("Money · {}", b.names.en), money(b), true),
    ])
    .field(
        format!("Both pledged ({})", shared.len()),
        list(ds, &shared),
        false,
    )
    .field(
        format!("Only {} ({})", a.names.en, only_a.len()),
        list(ds, &only_a),
        false,
    )
    .field(
        format!("Only {} ({})", b.names.en, only_b.len()),
        list(ds, &only_b),
        false,
    )
    .field("Sources", sources(a, b), false)
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
fn money(p: &Partner) -> String {
    if p.money.is_empty() {
        return "No amount stated in the agreement or its summary.".to_string();
    }
    p.money
        .iter()
        .map(|m| {
            let press = if m.evidence == Evidence::Press {
                format!(" {}", italic("(press report)"))
            } else {
                String::new()
            };
            bullet(format!(
                "{} {}, {}{press}",
                money_amount(m),
                m.kind.label(),
                m.period
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// When, where, who and for how long.
fn side(p: &Partner) -> String {
    format!(
        "Signed {} in {}\n{}\nTerm: {}",
        bold(p.agreement.signed),
        p.agreement.place,
        signatories(&p.agreement.signatories.partner),
        p.agreement.term
    )
}

/// The first source of each side and where to read more.
fn sources(a: &Partner, b: &Partner) -> String {
    let first = |p: &Partner| {
        p.sources
            .first()
            .map(|s| link(&s.title, &s.url))
            .unwrap_or_default()
    };
    format!(
        "{} · {} · details: {}, {}",
        first(a),
        first(b),
        code(format!("/agreement country:{}", a.id)),
        code(format!("/agreement country:{}", b.id))
    )
}
