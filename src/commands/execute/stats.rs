//! `/stats`: counts, money by currency, the most and least pledged aid.

use std::collections::BTreeMap;

use super::format::{big_number, bold, bullet, code, money_amount};
use super::views::{AidCount, MoneySum, StatsView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{AidType, Basis, Dataset, Evidence};
use crate::lang::{Lang, Strings};
use crate::reply::{Reply, Status};

/// Money summed per currency and kind; shares of GDP listed, not summed.
struct MoneySums {
    /// (currency, kind label) → (sum, number of commitments).
    sums: BTreeMap<(String, &'static str), (f64, usize)>,
    /// "Partner: 0.25 % of GDP (period)".
    shares: Vec<String>,
    /// Amounts announced alongside the agreements, known only from press
    /// reports, or already given by the signing, left out.
    left_out: usize,
}

fn money_sums(s: &Strings, lang: Lang, ds: &Dataset) -> MoneySums {
    let mut out = MoneySums {
        sums: BTreeMap::new(),
        shares: Vec::new(),
        left_out: 0,
    };
    for p in &ds.partners {
        for m in &p.money {
            if m.evidence == Evidence::Press || m.basis == Basis::Alongside || m.already_given {
                // Same-day packages, remarks and aid already given are not
                // commitments of the agreement.
                out.left_out += 1;
            } else if m.currency.is_share_of_gdp() {
                out.shares.push(format!(
                    "{}: {} ({})",
                    p.names.get(lang),
                    money_amount(s, m),
                    m.period.get(lang)
                ));
            } else {
                let e = out
                    .sums
                    .entry((m.currency.as_str().to_string(), (s.money_kind)(m.kind)))
                    .or_default();
                e.0 += m.amount;
                e.1 += 1;
            }
        }
    }
    out
}

/// Partners pledging each aid type, most first, ties by name.
fn aid_counts(ds: &Dataset) -> Vec<(&AidType, usize)> {
    let mut counts: Vec<(&AidType, usize)> = ds
        .aid_types
        .iter()
        .map(|a| (a, ds.partners_pledging(&a.id).count()))
        .collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.en.cmp(&y.0.en)));
    counts
}

pub(super) fn stats(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let counted = ds
        .partners
        .iter()
        .filter(|p| p.agreement.in_official_count)
        .count();
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    for p in &ds.partners {
        *by_year
            .entry(chrono::Datelike::year(&p.agreement.signed))
            .or_default() += 1;
    }
    let s = ctx.s;
    let money = money_sums(s, ctx.lang, ds);
    let counts = aid_counts(ds);
    let count_line = |(a, n): &(&AidType, usize)| bullet(format!("{} — {n}", ctx.aid_name(a)));
    let most: Vec<String> = counts.iter().take(8).map(count_line).collect();
    let mut least: Vec<String> = counts.iter().rev().take(6).map(count_line).collect();
    least.reverse();
    let money_lines: Vec<String> = money
        .sums
        .iter()
        .map(|((cur, kind), (sum, n))| {
            bullet(format!(
                "{cur} {} {kind} ({})",
                big_number(s, *sum),
                (s.commitments)(*n)
            ))
        })
        .chain(money.shares.iter().map(bullet))
        .collect();
    let mut intro = (s.stats_intro)(&bold(counted), ds.partners.len(), &code("/about"));
    if money.left_out > 0 {
        intro.push_str(&(s.stats_press_left_out)(money.left_out));
    }
    ctx.reply(Status::Ok, s.stats_title)
        .description(intro)
        .data_with(|| StatsView {
            official_count: counted,
            records: ds.partners.len(),
            by_year: &by_year,
            money: money
                .sums
                .iter()
                .map(|((c, k), (sum, n))| MoneySum {
                    currency: c,
                    kind: k,
                    sum: *sum,
                    commitments: *n,
                })
                .collect(),
            aid_counts: counts
                .iter()
                .map(|&(a, n)| AidCount::new(ctx.lang, a, n))
                .collect(),
            sources: [ds.meta.official_count_source.as_str()],
        })
        .field(
            s.signed_per_year,
            by_year
                .iter()
                .map(|(y, n)| format!("{y}: {n}"))
                .collect::<Vec<_>>()
                .join("\n"),
            true,
        )
        .lines(s.money_by_currency, money_lines)
        .lines(s.most_pledged, most)
        .lines(s.least_pledged, least)
        .build(&ctx.footer, page, |n| Command::Stats { page: n }.to_line())
}
