//! `/money` on the shipped data: every commitment once, in euros at the ECB
//! rate of its signing date, sections kept apart, numbers as numbers in the
//! JSON, and the questions users ask about money answered by it.

use pactbot::dataset::Dataset;
use pactbot::lang::Lang;
use pactbot::render;
use pactbot::reply::Status;
use serde_json::Value;

use crate::support::data::embedded;

fn json(ds: &Dataset, line: &str) -> Value {
    let reply = pactbot::answer_json(ds, line, Lang::En);
    render::json::render(&reply)
}

#[test]
fn every_commitment_is_listed_with_its_conversion_as_numbers() {
    let ds = embedded();
    let v = json(ds, "/money");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["commitments_not_deliveries"], true);
    assert!(v["conversion"]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://www.ecb.europa.eu/"));
    let rows = v["commitments"].as_array().unwrap();
    let all: usize = ds.partners.iter().map(|p| p.money.len()).sum();
    assert_eq!(rows.len(), all);
    for r in rows {
        assert!(r["amount"].is_f64(), "{r}");
        let currency = r["currency"].as_str().unwrap();
        if currency == "%GDP" {
            assert_eq!(r["section"], "share-of-gdp");
            assert!(r.get("eur").is_none(), "a share of GDP is not converted: {r}");
            continue;
        }
        let (amount, eur, rate) = (
            r["amount"].as_f64().unwrap(),
            r["eur"].as_f64().expect("converted"),
            r["rate"].as_f64().expect("with its rate"),
        );
        assert!(rate > 0.0);
        assert!((eur - (amount / rate).round()).abs() < 1.0, "{r}");
        if currency == "EUR" {
            assert_eq!((eur, rate), (amount.round(), 1.0));
        }
        // The publication day is the signing date or the last day before it.
        let id = r["partner"]["id"].as_str().unwrap();
        let p = ds.partners.iter().find(|p| p.id.as_str() == id).unwrap();
        let published = r["rate_published"].as_str().unwrap();
        assert!(published <= p.agreement.signed.to_string().as_str(), "{r}");
        let given = p
            .money
            .iter()
            .any(|m| m.already_given && m.amount == amount && m.currency.as_str() == currency);
        match (r["basis"].as_str(), r["evidence"].as_str()) {
            _ if given => assert_eq!(r["section"], "already-given"),
            (Some("alongside"), _) => assert_eq!(r["section"], "alongside"),
            (_, Some("press")) => assert_eq!(r["section"], "press"),
            _ => {
                let military = r["kind"] == "military";
                assert_eq!(r["section"], if military { "military" } else { "other" }, "{r}");
            }
        }
    }
}

#[test]
fn the_text_says_commitments_not_deliveries_and_names_the_rate() {
    let reply = pactbot::answer(embedded(), "/money", Lang::En);
    assert_eq!(reply.status, Status::Ok);
    let text = render::text::render(&reply);
    assert!(text.contains("not what was delivered"), "{text}");
    // A non-euro amount shows both figures and the rate's day.
    assert!(
        text.contains("NOK 13.5 bn ≈ **EUR") && text.contains("at the ECB rate of 2024-05-31"),
        "{text}"
    );
    let uk = pactbot::answer(embedded(), "/money", Lang::Uk);
    assert_eq!((uk.status, uk.lang), (Status::Ok, Lang::Uk));
    let text = render::text::render(&uk);
    assert!(text.contains("а не те, що вже передали"), "{text}");
    assert!(text.contains("за курсом ЄЦБ на 31 травня 2024 р."), "{text}");
}

#[test]
fn largest_first_within_the_military_one_year_section() {
    let v = json(embedded(), "/money");
    let eur: Vec<f64> = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["section"] == "military" && r["span"] == "one-year")
        .map(|r| r["eur"].as_f64().unwrap())
        .collect();
    assert!(eur.len() >= 3);
    assert!(eur.windows(2).all(|w| w[0] >= w[1]), "{eur:?}");
}

#[test]
fn a_group_and_a_year_filter_and_say_so() {
    let ds = embedded();
    let v = json(ds, "/money group:nordic year:2025");
    assert_eq!(
        (v["group"].as_str(), v["year"].as_u64()),
        (Some("nordic"), Some(2025))
    );
    let nordic = ["DK", "FI", "IS", "NO", "SE"];
    for r in v["commitments"].as_array().unwrap() {
        assert!(nordic.contains(&r["partner"]["id"].as_str().unwrap()), "{r}");
        let years = r["years"]
            .as_array()
            .expect("a year filter keeps dated rows only");
        let (a, b) = (years[0].as_u64().unwrap(), years[1].as_u64().unwrap());
        assert!(a <= 2025 && 2025 <= b, "{r}");
    }
    let text = render::text::render(&pactbot::answer(ds, "/money group:nordic year:2025", Lang::En));
    assert!(text.contains("Only commitments covering 2025."), "{text}");
    let bad = pactbot::answer(ds, "/money group:atlantis", Lang::En);
    assert_eq!(bad.status, Status::NoMatch);
    let bad = pactbot::answer(ds, "/money year:1999", Lang::En);
    assert_eq!(bad.status, Status::Error);
}

#[test]
fn money_questions_map_to_money() {
    let ds = embedded();
    for (q, line) in [
        ("who gave the most?", "/money"),
        (
            "how much money did the Nordic countries commit?",
            "/money group:nordic",
        ),
        ("скільки грошей пообіцяли?", "/money"),
    ] {
        let i = pactbot::question::interpret(ds, q).unwrap_or_else(|e| panic!("{q}: {e:?}"));
        assert_eq!(i.line, line, "{q}");
        let reply = pactbot::answer(ds, q, Lang::En);
        assert_eq!(reply.command, "money", "{q}");
    }
}

/// Rows of the JSON table: (partner id, amount, section, span).
fn rows(v: &Value) -> Vec<(String, f64, String, String)> {
    v["commitments"]
        .as_array()
        .expect("commitments")
        .iter()
        .map(|r| {
            (
                r["partner"]["id"].as_str().unwrap_or_default().to_string(),
                r["amount"].as_f64().unwrap_or_default(),
                r["section"].as_str().unwrap_or_default().to_string(),
                r["span"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// An amount for each year of a period is listed as such (not as a
/// multi-year total), and under a year filter as that year's amount, once;
/// aid already given by the signing (Belgium's EUR 1.072 bn as of 30 April
/// 2024, Poland's 44 packages) is apart from the commitments and never
/// summed with them.
#[test]
fn per_year_amounts_and_aid_already_given_are_what_they_are() {
    let ds = embedded();
    let find = |rows: &[(String, f64, String, String)], id: &str, amount: f64| {
        let hits: Vec<_> = rows
            .iter()
            .filter(|r| r.0 == id && r.1 == amount)
            .map(|r| (r.2.clone(), r.3.clone()))
            .collect();
        assert!(hits.len() <= 1, "{id} {amount} listed {} times", hits.len());
        hits.into_iter().next()
    };
    let all = rows(&json(ds, "/money"));
    let each = |s: &str| Some((s.to_string(), "each-year".to_string()));
    assert_eq!(find(&all, "IS", 4e9), each("other"));
    assert_eq!(find(&all, "LV", 5e6), each("other"));
    assert_eq!(find(&all, "LV", 2e6), each("military"));
    for (id, amount) in [
        ("BE", 1.072e9),
        ("PL", 4e9),
        ("CZ", 4e8),
        ("HR", 3e8),
        ("LT", 8e7),
    ] {
        assert_eq!(
            find(&all, id, amount).map(|s| s.0),
            Some("already-given".to_string()),
            "{id}"
        );
    }
    assert!(all.iter().all(|r| r.3 != "each-year" || r.2 != "already-given"));

    let y2025 = rows(&json(ds, "/money year:2025"));
    let one = |s: &str| Some((s.to_string(), "one-year".to_string()));
    assert_eq!(find(&y2025, "IS", 4e9), one("other"));
    assert_eq!(find(&y2025, "LV", 2e6), one("military"));
    assert!(y2025.iter().all(|r| r.3 != "each-year"), "{y2025:?}");
    // Latvia's NATO CAP money covers 2024 and 2025 only.
    let y2026 = rows(&json(ds, "/money year:2026"));
    assert_eq!(find(&y2026, "LV", 2e6), None);
    assert_eq!(find(&y2026, "LV", 5e6), one("other"));

    let all_pages: String = (1..=3)
        .map(|p| render::text::render(&pactbot::answer(ds, &format!("/money page:{p}"), Lang::En)))
        .collect();
    let given = all_pages
        .find("**Already given by the signing, as the agreements record it (not commitments)**")
        .expect("the already-given section");
    let be = all_pages
        .find("**Belgium** — **EUR 1.072 bn**")
        .expect("Belgium's EUR 1.072 bn");
    assert!(
        be > given,
        "Belgium's past aid is under the already-given heading"
    );
    let card = render::text::render(&pactbot::answer(ds, "/agreement country:BE", Lang::Uk));
    assert!(card.contains("_(уже надано, не зобов’язання)_"), "{card}");

    // /stats sums no past aid: its EUR "overall" sum is that of the
    // agreements' own commitments, without Belgium's EUR 1.072 bn.
    let stats = json(ds, "/stats");
    let sum = |currency: &str, kind: &str| {
        stats["money"]
            .as_array()
            .expect("money sums")
            .iter()
            .find(|m| m["currency"] == currency && m["kind"] == kind)
            .and_then(|m| m["sum"].as_f64())
    };
    let expected: f64 = ds
        .partners
        .iter()
        .flat_map(|p| &p.money)
        .filter(|m| m.currency.as_str() == "EUR" && m.kind == pactbot::dataset::MoneyKind::Total)
        .filter(|m| m.evidence != pactbot::dataset::Evidence::Press)
        .filter(|m| m.basis == pactbot::dataset::Basis::Agreement && !m.already_given)
        .map(|m| m.amount)
        .sum();
    assert_eq!(sum("EUR", "overall"), Some(expected));
    // ... which matters: Belgium's past aid is EUR and "overall" too.
    assert!(ds.partners.iter().flat_map(|p| &p.money).any(|m| m.already_given
        && m.currency.as_str() == "EUR"
        && m.kind == pactbot::dataset::MoneyKind::Total));
}
