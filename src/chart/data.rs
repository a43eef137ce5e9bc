//! From the dataset to [`ChartData`]: what each chart shows, counted the way
//! the text commands count it (`/timeline`, `/money`, `/pledged`), so a
//! chart never disagrees with the reply beside it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::body::{
    AidChart, AidGroup, Bar, BarPanel, Body, MatrixChart, MatrixRow, MoneyChart, Month, Tick, TimelineChart,
};
use super::{ChartData, ChartKind, LegendItem, Mark};
use crate::dataset::{AidType, Dataset, Evidence, Money, MoneyKind, Partner, Qualifier};
use crate::figures::{money_table, Section};
use crate::lang::chart::ChartStrings;
use crate::lang::Lang;

/// Round gridlines from 0 past `max`: steps of 1, 2 or 5 × 10ⁿ, at most
/// five of them.
fn ticks(s: &ChartStrings, max: f64) -> Vec<Tick> {
    if max <= 0.0 {
        return vec![Tick {
            value: 0.0,
            label: "0".to_string(),
        }];
    }
    let raw = max / 5.0;
    let pow = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|&st| st >= raw)
        .unwrap_or(10.0 * pow);
    let count = (max / step).ceil() as usize;
    (0..=count)
        .map(|i| {
            let value = step * i as f64;
            Tick {
                value,
                label: if i == 0 {
                    "0".to_string()
                } else {
                    short_number(s, value)
                },
            }
        })
        .collect()
}

/// The evidence levels, strongest first.
const EVIDENCE: [Evidence; 3] = [
    Evidence::AgreementText,
    Evidence::OfficialSummary,
    Evidence::Press,
];

fn header(ds: &Dataset, kind: ChartKind, lang: Lang, title: String, subtitle: String) -> ChartData {
    let s = lang.chart_strings();
    ChartData {
        kind,
        lang,
        title,
        subtitle,
        legend: Vec::new(),
        notes: Vec::new(),
        footer: (s.footer)(&ds.meta.as_of.to_string(), &ds.meta.version),
        alt: String::new(),
        body: Body::Timeline(TimelineChart {
            months: Vec::new(),
            axis: String::new(),
            official: 0,
        }),
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("a valid first of month")
}

/// Signings per month and the running official count, counted as
/// `/timeline` counts: a record is numbered when the data marks it
/// `in_official_count` (the EU is, Croatia is not).
pub(super) fn timeline(ds: &Dataset, lang: Lang) -> ChartData {
    let s = lang.chart_strings();
    let mut by_month: BTreeMap<NaiveDate, (Vec<&Partner>, Vec<&Partner>)> = BTreeMap::new();
    for p in &ds.partners {
        let e = by_month.entry(first_of_month(p.agreement.signed)).or_default();
        if p.agreement.in_official_count {
            e.0.push(p);
        } else {
            e.1.push(p);
        }
    }
    let mut months = Vec::new();
    let mut running = 0;
    if let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) {
        let mut m = first;
        while m <= last {
            let (counted, not_counted) = by_month.remove(&m).unwrap_or_default();
            running += counted.len();
            months.push(Month {
                month: format!("{}-{:02}", m.year(), m.month()),
                label: s.month_short[m.month0() as usize].to_string(),
                year: (m == first || m.month() == 1).then_some(m.year()),
                counted: counted.iter().map(|p| p.names.get(lang).to_string()).collect(),
                not_counted: not_counted
                    .iter()
                    .map(|p| p.names.get(lang).to_string())
                    .collect(),
                running,
            });
            m = next_month(m);
        }
    }
    let counted: Vec<&Partner> = ds
        .partners
        .iter()
        .filter(|p| p.agreement.in_official_count)
        .collect();
    let eu = counted.iter().any(|p| p.id.as_str() == "EU");
    let states = counted.len() - usize::from(eu);
    let outside: Vec<String> = ds
        .partners
        .iter()
        .filter(|p| !p.agreement.in_official_count)
        .map(|p| format!("{} ({})", p.names.get(lang), (s.month_year)(p.agreement.signed)))
        .collect();
    let mut subtitle = (s.timeline_subtitle)(counted.len(), states, eu);
    if !outside.is_empty() {
        subtitle.push(' ');
        subtitle.push_str(&(s.timeline_not_counted)(&outside));
    }
    let mut d = header(
        ds,
        ChartKind::Timeline,
        lang,
        s.timeline_title.to_string(),
        subtitle,
    );
    d.legend = vec![
        item(Mark::Counted, s.timeline_bar),
        item(Mark::Running, s.timeline_line),
    ];
    if !outside.is_empty() {
        d.legend
            .insert(1, item(Mark::NotCounted, s.timeline_bar_not_counted));
    }
    let range = match (ds.partners.first(), ds.partners.last()) {
        (Some(a), Some(b)) => (s.month_range)(a.agreement.signed, b.agreement.signed),
        _ => String::new(),
    };
    d.alt = (s.timeline_alt)(ds.partners.len(), &range, counted.len());
    d.body = Body::Timeline(TimelineChart {
        months,
        axis: s.timeline_axis.to_string(),
        official: counted.len(),
    });
    d
}

fn item(mark: Mark, label: &str) -> LegendItem {
    LegendItem {
        mark,
        label: label.to_string(),
    }
}

/// "7.1 bn", "977 m", "1.16 bn": three significant digits at most.
pub(super) fn short_number(s: &ChartStrings, x: f64) -> String {
    let (v, unit) = if x >= 1e9 {
        (x / 1e9, s.billions)
    } else if x >= 1e6 {
        (x / 1e6, s.millions)
    } else {
        (x, "")
    };
    let decimals = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let n = format!("{v:.decimals$}");
    let n = if n.contains('.') {
        n.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        n
    };
    let n = n.replace('.', &s.decimal_separator.to_string());
    if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    }
}

fn qualifier_mark(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exactly => "",
        Qualifier::UpTo => "≤ ",
        Qualifier::AtLeast => "≥ ",
        Qualifier::About => "≈ ",
        Qualifier::MoreThan => "> ",
    }
}

/// The years column of a bar: "2024", "2023–2028", or for an amount
/// given each year "each year, 2024–2028", so that no one reads it as a
/// total over the years (as `/money` lists it under "the same amount each
/// year").
fn years_label(s: &ChartStrings, m: &Money) -> String {
    let years = match m.years {
        Some([a, b]) if a == b => a.to_string(),
        Some([a, b]) => format!("{a}–{b}"),
        None => String::new(),
    };
    if m.each_year {
        (s.money_each_year)(&years)
    } else {
        years
    }
}

/// The `/money` table as bars: military and other money in two panels,
/// each commitment its own bar (overlapping amounts are never added),
/// press-only amounts marked as such, amounts given each year labelled so;
/// amounts announced alongside, shares of GDP and aid already given by the
/// signing (not a commitment) are left out and named in a note.
pub(super) fn money(ds: &Dataset, lang: Lang) -> ChartData {
    let s = lang.chart_strings();
    let table = money_table(ds, None, None);
    let mut military = Vec::new();
    let mut other = Vec::new();
    let mut alongside = 0;
    let mut shares = Vec::new();
    let mut given = Vec::new();
    for r in &table.rows {
        let m = r.money;
        let name = r.partner.names.get(lang);
        let q = qualifier_mark(m.qualifier);
        match (r.section, r.eur) {
            (Section::AlreadyGiven, eur) => {
                let amount = match eur {
                    Some(c) => (s.money_eur)(q, &short_number(s, c.eur)),
                    None => format!("{q}{}\u{a0}%", short_number(s, m.amount)),
                };
                given.push(format!("{name} {amount}"));
            }
            (Section::Alongside, _) => alongside += 1,
            (Section::ShareOfGdp, _) | (_, None) => {
                let mut share = format!("{name} {q}{}\u{a0}%", short_number(s, m.amount));
                if m.each_year {
                    share.push(' ');
                    share.push_str(&(s.money_each_year)(""));
                }
                shares.push(share);
            }
            (_, Some(c)) => {
                let bar = Bar {
                    label: name.to_string(),
                    years: years_label(s, m),
                    each_year: m.each_year,
                    eur: c.eur.round(),
                    value: format!("{q}{}", short_number(s, c.eur)),
                    mark: Mark::evidence(m.evidence),
                };
                if m.kind == MoneyKind::Military {
                    military.push(bar);
                } else {
                    other.push(bar);
                }
            }
        }
    }
    for bars in [&mut military, &mut other] {
        bars.sort_by(|a, b| b.eur.total_cmp(&a.eur).then_with(|| a.label.cmp(&b.label)));
    }
    let bars = military.len() + other.len();
    let partners = {
        let mut names: Vec<&str> = military.iter().chain(&other).map(|b| b.label.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    let mut d = header(
        ds,
        ChartKind::Money,
        lang,
        s.money_title.to_string(),
        s.money_subtitle.to_string(),
    );
    d.legend = EVIDENCE
        .iter()
        .map(|&e| item(Mark::evidence(e), (s.evidence)(e)))
        .collect();
    let note = (s.money_left_out)(alongside, &shares, &given);
    if !note.is_empty() {
        d.notes.push(note);
    }
    d.alt = (s.money_alt)(bars, partners);
    d.body = Body::Money(MoneyChart {
        axis: s.money_axis.to_string(),
        panels: [(s.money_military, military), (s.money_other, other)]
            .into_iter()
            .filter(|(_, bars)| !bars.is_empty())
            .map(|(title, bars)| BarPanel {
                title: title.to_string(),
                ticks: ticks(s, bars.first().map_or(0.0, |b| b.eur)),
                bars,
            })
            .collect(),
    });
    d
}

fn aid_name(a: &AidType, lang: Lang) -> &str {
    match lang {
        Lang::En => &a.en,
        Lang::Uk => &a.uk,
    }
}

/// What a partner's cell for `a` shows: the agreement's pledge by its
/// evidence, else an announcement alongside, else nothing.
fn cell(p: &Partner, a: &AidType) -> Option<Mark> {
    p.pledge(&a.id)
        .map(|pl| Mark::evidence(pl.evidence))
        .or_else(|| p.alongside(&a.id).map(|_| Mark::Alongside))
}

fn evidence_legend(s: &ChartStrings) -> Vec<LegendItem> {
    EVIDENCE
        .iter()
        .map(|&e| item(Mark::evidence(e), (s.evidence)(e)))
        .chain(std::iter::once(item(Mark::Alongside, s.alongside)))
        .collect()
}

/// Every partner (rows, in signing order) × every aid type (columns).
pub(super) fn matrix(ds: &Dataset, lang: Lang) -> ChartData {
    let s = lang.chart_strings();
    let mut d = header(
        ds,
        ChartKind::Matrix,
        lang,
        s.matrix_title.to_string(),
        s.matrix_subtitle.to_string(),
    );
    d.legend = evidence_legend(s);
    d.alt = (s.matrix_alt)(ds.partners.len(), ds.aid_types.len());
    d.body = Body::Matrix(MatrixChart {
        columns: ds
            .aid_types
            .iter()
            .map(|a| aid_name(a, lang).to_string())
            .collect(),
        rows: ds
            .partners
            .iter()
            .map(|p| MatrixRow {
                partner: p.names.get(lang).to_string(),
                cells: ds.aid_types.iter().map(|a| cell(p, a)).collect(),
            })
            .collect(),
    });
    d
}

/// Who pledged `a`, grouped as `/pledged` lists them: the agreements by
/// evidence, then what was announced alongside, apart.
pub(super) fn aid(ds: &Dataset, a: &AidType, lang: Lang) -> ChartData {
    let s = lang.chart_strings();
    let name = aid_name(a, lang);
    let agreed: Vec<(&Partner, Evidence)> = ds
        .partners_pledging(&a.id)
        .map(|(p, pl)| (p, pl.evidence))
        .collect();
    // As `/pledged` lists them: every announcement alongside, even from a
    // partner whose agreement also includes the aid.
    let alongside: Vec<&Partner> = ds
        .partners
        .iter()
        .filter(|p| p.alongside(&a.id).is_some())
        .collect();
    let mut groups: Vec<AidGroup> = EVIDENCE
        .iter()
        .map(|&e| {
            let partners: Vec<String> = agreed
                .iter()
                .filter(|(_, ev)| *ev == e)
                .map(|(p, _)| p.names.get(lang).to_string())
                .collect();
            AidGroup {
                mark: Mark::evidence(e),
                title: (s.aid_group)((s.evidence)(e), partners.len()),
                partners,
            }
        })
        .collect();
    groups.push(AidGroup {
        mark: Mark::Alongside,
        title: (s.aid_group)(s.alongside, alongside.len()),
        partners: alongside.iter().map(|p| p.names.get(lang).to_string()).collect(),
    });
    groups.retain(|g| !g.partners.is_empty());
    let mut d = header(
        ds,
        ChartKind::Aid,
        lang,
        (s.aid_title)(name),
        (s.aid_subtitle)(agreed.len(), ds.partners.len()),
    );
    // No legend: each group's heading carries its sign.
    d.alt = (s.aid_alt)(&name.to_lowercase(), agreed.len(), alongside.len());
    d.body = Body::Aid(AidChart {
        aid: name.to_string(),
        groups,
    });
    d
}
