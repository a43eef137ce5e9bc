//! `/stats`: counts, money by currency, the most and least pledged aid.

use std::collections::BTreeMap;

use super::format::{big_number, bold, bullet, code, money_amount};
use super::views::{AidCount, MoneySum, StatsView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{AidType, Dataset, Evidence};
use crate::reply::{Reply, Status};

/// Money summed per currency and kind; shares of GDP listed, not summed.
struct MoneySums {
    /// (currency, kind label) → (sum, number of commitments).
    sums: BTreeMap<(String, &'static str), (f64, usize)>,
    /// "Partner: 0.25 % of GDP (period)".
    shares: Vec<String>,
    /// Amounts known only from press reports, left out.
    press_only: usize,
}

fn money_sums(ds: &Dataset) -> MoneySums {
    let mut out = MoneySums {
        sums: BTreeMap::new(),
        shares: Vec::new(),
        press_only: 0,
    };
    for p in &ds.partners {
        for m in &p.money {
            if m.evidence == Evidence::Press {
                // Same-day packages and remarks are not commitments of the agreement.
                out.press_only += 1;
            } else if m.currency.is_share_of_gdp() {
                out.shares
                    .push(format!("{}: {} ({})", p.names.en, money_amount(m), m.period));
            } else {
                let e = out
                    .sums
                    .entry((m.currency.as_str().to_string(), m.kind.label()))
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
    let money = money_sums(ds);
    let counts = aid_counts(ds);
    let count_line = |(a, n): &(&AidType, usize)| bullet(format!("{} — {n}", a.en));
    let most: Vec<String> = counts.iter().take(8).map(count_line).collect();
    let mut least: Vec<String> = counts.iter().rev().take(6).map(count_line).collect();
    least.reverse();
    let money_lines: Vec<String> = money
        .sums
        .iter()
        .map(|((cur, kind), (sum, n))| {
            bullet(format!(
                "{cur} {} {kind} ({n} commitment{})",
                big_number(*sum),
                if *n == 1 { "" } else { "s" }
            ))
        })
        .chain(money.shares.iter().map(bullet))
        .collect();
    ctx.reply(Status::Ok, "The agreements in numbers")
        .description(format!(
            "{} agreements in the official count, {} records in all (see {}).\nMoney sums add up the amounts the agreements or their official summaries state, per currency; periods and kinds differ, and one fund may be quoted in two currencies, so read them as an order of magnitude, not a total.{}",
            bold(counted),
            ds.partners.len(),
            code("/about"),
            if money.press_only > 0 {
                format!(" {} amount(s) known only from press reports are left out.", money.press_only)
            } else {
                String::new()
            }
        ))
        .data(StatsView {
            official_count: counted,
            records: ds.partners.len(),
            by_year: &by_year,
            money: money
                .sums
                .iter()
                .map(|((c, k), (s, n))| MoneySum {
                    currency: c,
                    kind: k,
                    sum: *s,
                    commitments: *n,
                })
                .collect(),
            aid_counts: counts.iter().map(|&(a, n)| AidCount::new(a, n)).collect(),
            sources: [ds.meta.official_count_source.as_str()],
        })
        .field(
            "Signed per year",
            by_year.iter().map(|(y, n)| format!("{y}: {n}")).collect::<Vec<_>>().join("\n"),
            true,
        )
        .lines("Money by currency", money_lines)
        .lines("Most pledged", most)
        .lines("Least pledged", least)
        .build(&ctx.footer, page, |n| Command::Stats { page: n }.to_line())
}
