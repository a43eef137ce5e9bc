//! The rules of one partner record, and its amounts against the rates.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::checker::Checker;
use super::Problem;
use crate::dataset::model::*;

pub(super) fn check_partner(
    c: &mut Checker<'_>,
    p: &Partner,
    aid_ids: &HashSet<&AidId>,
    start: NaiveDate,
    as_of: NaiveDate,
) {
    c.names(&p.names);
    check_agreement(c, &p.agreement, start, as_of);
    check_money(c, &p.money);
    check_pledges(c, &p.aid, aid_ids);
    for (i, n) in p.notable.iter().enumerate() {
        c.text_line(&format!("notable[{i}]"), n, 400);
    }
    for (i, q) in p.open_questions.iter().enumerate() {
        c.text_line(&format!("open_questions[{i}] topic"), &q.topic, 80);
        c.text_line(&format!("open_questions[{i}] note"), &q.note, 600);
        for u in &q.sources {
            c.url(&format!("open_questions[{i}] source"), u);
        }
    }
    check_sources(c, p);
}

fn check_agreement(c: &mut Checker<'_>, a: &Agreement, start: NaiveDate, as_of: NaiveDate) {
    c.text_line("agreement.title", &a.title, 256);
    if let Some(t) = &a.title_native {
        c.line("agreement.title_native", t, 256);
    }
    if a.signed < start || a.signed > as_of {
        c.fail(format!(
            "agreement.signed {} is outside the series ({start} to the dataset's as-of date {as_of})",
            a.signed
        ));
    }
    c.text_line("agreement.place", &a.place, 100);
    c.text_line("agreement.term", &a.term, 300);
    c.text_line("agreement.legal_status", &a.legal_status, 600);
    if let Some(n) = &a.count_note {
        c.text_line("agreement.count_note", n, 600);
    }
    if !a.in_official_count && a.count_note.is_none() {
        c.fail("not in the official count but has no count_note saying why");
    }
    for (side, list) in [
        ("partner", &a.signatories.partner),
        ("ukraine", &a.signatories.ukraine),
    ] {
        if list.is_empty() {
            c.fail(format!("no signatory for {side}"));
        }
        for s in list.iter() {
            c.text_line(&format!("signatory ({side}) name"), &s.name, 100);
            c.text_line(&format!("signatory ({side}) office"), &s.office, 150);
        }
    }
}

fn check_money(c: &mut Checker<'_>, money: &[Money]) {
    for (i, m) in money.iter().enumerate() {
        let what = format!("money[{i}]");
        if !(m.amount.is_finite() && m.amount > 0.0) {
            c.fail(format!(
                "{what} amount must be a positive number, not {}",
                m.amount
            ));
        }
        if !m.currency.is_well_formed() {
            c.fail(format!(
                "{what} currency {:?} must be an ISO 4217 code or %GDP",
                m.currency.0
            ));
        }
        if m.currency.is_share_of_gdp() && m.amount > 100.0 {
            c.fail(format!("{what} share of GDP {} is over 100 %", m.amount));
        }
        c.text_line(&format!("{what} period"), &m.period, 100);
        if let Some([first, last]) = m.years {
            if first > last || !(2014..=2100).contains(&first) || !(2014..=2100).contains(&last) {
                c.fail(format!(
                    "{what} years [{first}, {last}] are not a span of calendar years"
                ));
            }
        }
        if let Some(n) = &m.note {
            c.text_line(&format!("{what} note"), n, 300);
        }
        c.sources(&what, &m.sources);
    }
}

fn check_pledges(c: &mut Checker<'_>, aid: &[Pledge], aid_ids: &HashSet<&AidId>) {
    if aid.is_empty() {
        c.fail("no aid areas");
    }
    let mut seen = HashSet::new();
    for (i, pl) in aid.iter().enumerate() {
        let what = format!("aid[{i}] {}", pl.aid);
        if !aid_ids.contains(&pl.aid) {
            c.fail(format!(
                "{what}: unknown aid id {:?} (not in aid-types.json)",
                pl.aid.0
            ));
        }
        if !seen.insert((&pl.aid, pl.basis)) {
            c.fail(format!(
                "{what}: the aid id appears twice with basis {:?}; one pledge per aid in the agreement and one alongside",
                pl.basis
            ));
        }
        c.text_line(&format!("{what} detail"), &pl.detail, 300);
        if let Some(cl) = &pl.clause {
            c.text_line(&format!("{what} clause"), cl, 40);
            if pl.basis == Basis::Alongside {
                c.fail(format!(
                    "{what}: a clause of the agreement is cited for a pledge announced alongside it"
                ));
            }
        }
        c.sources(&what, &pl.sources);
    }
}

/// The record's sources: at least one official, each with its outlet, and
/// every link a pledge or amount cites listed among them.
fn check_sources(c: &mut Checker<'_>, p: &Partner) {
    if p.sources.is_empty() {
        c.fail("no sources");
    }
    if !p.sources.iter().any(|s| s.official) {
        c.fail("no official source (a government or EU page)");
    }
    let listed: HashSet<&str> = p.sources.iter().map(|s| s.url.as_str()).collect();
    for s in &p.sources {
        c.source(s);
    }
    // Every link a pledge or amount cites must be a listed source, so a reply
    // can name its outlet.
    let cited = p
        .aid
        .iter()
        .flat_map(|pl| pl.sources.iter())
        .chain(p.money.iter().flat_map(|m| m.sources.iter()));
    let mut unlisted: Vec<&str> = cited
        .map(String::as_str)
        .filter(|u| !listed.contains(u))
        .collect();
    unlisted.sort_unstable();
    unlisted.dedup();
    for u in unlisted {
        c.fail(format!(
            "{u} is cited but not listed in sources (with its outlet and kind)"
        ));
    }
}

/// With `rates.json` present, every amount in a currency has a rate for its
/// agreement's signing date, so `/money` never shows an amount it cannot
/// convert without saying why.
pub(in crate::dataset) fn check_rates(
    partners: &[(String, Partner)],
    rates: &crate::dataset::rates::Rates,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, p) in partners {
        for (i, m) in p.money.iter().enumerate() {
            if m.currency.is_share_of_gdp() {
                continue;
            }
            if rates.to_eur(p.agreement.signed, &m.currency, m.amount).is_none() {
                out.push(Problem::new(
                    file,
                    Some(p.id.to_string()),
                    format!(
                        "money[{i}]: rates.json has no {} rate for the signing date {} (run tools/rates/extract.py)",
                        m.currency.as_str(),
                        p.agreement.signed
                    ),
                ));
            }
        }
    }
    out
}
