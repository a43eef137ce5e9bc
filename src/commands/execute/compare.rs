//! `/compare`: two partners side by side. Only what the agreements include
//! is compared; what was announced alongside them is listed apart.

use super::format::{bold, bullet, code, flag, italic, link, money_amount, signatories};
use super::views::{CompareSide, CompareView};
use super::{resolve, Ctx};
use crate::commands::Command;
use crate::dataset::{Basis, Evidence, Partner, Pledge};
use crate::lang::Strings;
use crate::reply::{Reply, Status};

pub(super) fn compare(ctx: &Ctx<'_>, first: &str, second: &str, page: usize) -> Reply {
    let s = ctx.s;
    let (a, _) = match resolve::partner(ctx, first) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let (b, _) = match resolve::partner(ctx, second) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let shared: Vec<&Pledge> = agreed(a).filter(|p| b.pledge(&p.aid).is_some()).collect();
    let only_a: Vec<&Pledge> = agreed(a).filter(|p| b.pledge(&p.aid).is_none()).collect();
    let only_b: Vec<&Pledge> = agreed(b).filter(|p| a.pledge(&p.aid).is_none()).collect();
    let (name_a, name_b) = (ctx.name(a), ctx.name(b));
    let desc = if a.id == b.id {
        (s.compare_same)(name_a)
    } else {
        (s.compare_intro)(name_a, name_b)
    };
    let mut reply = ctx
        .reply(
            Status::Ok,
            (s.compare_title)(&flag(a.id.as_str()), name_a, &flag(b.id.as_str()), name_b),
        )
        .description(desc)
        .data_with(|| CompareView {
            first: CompareSide::new(ctx.lang, a),
            second: CompareSide::new(ctx.lang, b),
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
            (name_a.to_string(), side(ctx, a), true),
            (name_b.to_string(), side(ctx, b), true),
        ])
        .block([
            ((s.money_of)(name_a), money(ctx, a), true),
            ((s.money_of)(name_b), money(ctx, b), true),
        ])
        .field((s.both_pledged)(shared.len()), list(ctx, &shared), false)
        .field((s.only)(name_a, only_a.len()), list(ctx, &only_a), false)
        .field((s.only)(name_b, only_b.len()), list(ctx, &only_b), false);
    if let Some(text) = alongside(ctx, a, b) {
        reply = reply.field(s.compare_alongside, text, false);
    }
    reply
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

/// A partner's pledges that are in its agreement.
fn agreed(p: &Partner) -> impl Iterator<Item = &Pledge> {
    p.aid.iter().filter(|pl| pl.basis == Basis::Agreement)
}

/// The aid ids of some pledges.
fn ids<'a>(v: &[&'a Pledge]) -> Vec<&'a str> {
    v.iter().map(|p| p.aid.as_str()).collect()
}

/// Aid type names, comma-separated, or a dash for none.
fn list(ctx: &Ctx<'_>, v: &[&Pledge]) -> String {
    if v.is_empty() {
        return "—".to_string();
    }
    v.iter()
        .map(|p| ctx.aid_name_of(&p.aid))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Partner: aid, aid" for each side that announced something alongside its
/// agreement; `None` when neither did.
fn alongside(ctx: &Ctx<'_>, a: &Partner, b: &Partner) -> Option<String> {
    let sides: Vec<String> = [a, b]
        .iter()
        .filter_map(|p| {
            let v: Vec<&Pledge> = p.aid.iter().filter(|pl| pl.basis == Basis::Alongside).collect();
            (!v.is_empty()).then(|| format!("{}: {}", ctx.name(p), list(ctx, &v)))
        })
        .collect();
    (!sides.is_empty()).then(|| sides.join("\n"))
}

/// One side's money, one line per commitment.
fn money(ctx: &Ctx<'_>, p: &Partner) -> String {
    let s = ctx.s;
    if p.money.is_empty() {
        return s.no_amount.to_string();
    }
    let mark = |on: bool, label: &str| {
        if on {
            format!(" {}", italic(format!("({label})")))
        } else {
            String::new()
        }
    };
    p.money
        .iter()
        .map(|m| {
            bullet(format!(
                "{} {}, {}{}{}",
                money_amount(s, m),
                (s.money_kind)(m.kind),
                ctx.t(&m.period),
                mark(m.evidence == Evidence::Press, s.press_report),
                mark(m.basis == Basis::Alongside, s.alongside_mark),
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// When, where, who and for how long.
fn side(ctx: &Ctx<'_>, p: &Partner) -> String {
    (ctx.s.compare_side)(
        &bold((ctx.s.date)(p.agreement.signed)),
        ctx.t(&p.agreement.place),
        &signatories(ctx.lang, &p.agreement.signatories.partner),
        ctx.t(&p.agreement.term),
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
