//! Agreement versus alongside (issue 10): every command counts only what an
//! agreement includes and shows what was announced alongside it apart,
//! labelled. The expectations are computed from the dataset itself, so a
//! data edit moves them with it.

use std::collections::BTreeSet;

use pactbot::commands;
use pactbot::dataset::{Basis, Dataset, Partner};
use pactbot::lang::Lang;
use pactbot::render;
use serde_json::Value;

fn ds() -> Dataset {
    Dataset::embedded().expect("the shipped dataset loads")
}

fn json(ds: &Dataset, line: &str) -> Value {
    render::json::render(&pactbot::answer_json(ds, line, Lang::En))
}

fn text(ds: &Dataset, line: &str) -> String {
    render::text::render(&pactbot::answer(ds, line, Lang::En))
}

/// Every page of the answer to `line`, as text.
fn all_pages(ds: &Dataset, line: &str) -> String {
    let pages = pactbot::answer(ds, line, Lang::En).page.map_or(1, |p| p.count);
    (1..=pages)
        .map(|n| text(ds, &format!("{line} page:{n}")))
        .collect()
}

fn ids(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("a list: {v}"))
        .iter()
        .map(|i| i["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Partners with a pledge of `aid` on `basis`.
fn with(ds: &Dataset, aid: &str, basis: Basis) -> BTreeSet<String> {
    ds.partners
        .iter()
        .filter(|p| p.aid.iter().any(|pl| pl.aid.as_str() == aid && pl.basis == basis))
        .map(|p| p.id.to_string())
        .collect()
}

fn aid_ids(p: &Partner, basis: Basis) -> BTreeSet<String> {
    p.aid
        .iter()
        .filter(|pl| pl.basis == basis)
        .map(|pl| pl.aid.to_string())
        .collect()
}

#[test]
fn pledged_counts_the_agreements_and_lists_alongside_apart() {
    let ds = ds();
    let mut apart = 0;
    for a in &ds.aid_types {
        let line = format!("/pledged aid:{}", a.id);
        let v = json(&ds, &line);
        let agreed = with(&ds, a.id.as_str(), Basis::Agreement);
        let alongside = with(&ds, a.id.as_str(), Basis::Alongside);
        assert_eq!(ids(&v["partners"]), agreed, "{line}: partners");
        assert_eq!(ids(&v["alongside"]), alongside, "{line}: alongside");
        let t = all_pages(&ds, &line);
        assert!(
            t.contains(&format!("**{}** of {} partners", agreed.len(), ds.partners.len())),
            "{line}: the count is of agreements only\n{t}"
        );
        assert_eq!(
            t.contains("Announced alongside the agreements (not counted)"),
            !alongside.is_empty(),
            "{line}: the alongside section, labelled\n{t}"
        );
        apart += alongside.len();
    }
    assert!(
        apart > 0,
        "the data has pledges announced alongside: the test bites"
    );
}

#[test]
fn search_never_calls_an_alongside_pledge_pledged() {
    let ds = ds();
    let mut checked = 0;
    for p in &ds.partners {
        for pl in &p.aid {
            let only_alongside = pl.basis == Basis::Alongside && p.pledge(&pl.aid).is_none();
            if pl.basis == Basis::Agreement || only_alongside {
                let line = format!("/search query:{} {}", p.id, pl.aid);
                let v = json(&ds, &line);
                if v["status"] != "ok" || v.get("pledged").is_none() {
                    continue; // the query did not read as partner + aid
                }
                assert_eq!(v["pledged"], pl.basis == Basis::Agreement, "{line}: {v}");
                if only_alongside {
                    assert_eq!(v["alongside"]["detail"], pl.detail.en.as_str(), "{line}");
                    let t = text(&ds, &line);
                    assert!(t.contains("announced alongside the agreement, not in it"), "{t}");
                }
                checked += usize::from(only_alongside);
            }
        }
    }
    assert!(checked > 0, "some partner + aid has only an alongside pledge");
}

#[test]
fn compare_shares_only_what_the_agreements_include() {
    let ds = ds();
    let pairs = [("DE", "FR"), ("GB", "US"), ("CA", "IS"), ("LT", "GR")];
    for (x, y) in pairs {
        let line = format!("/compare first:{x} second:{y}");
        let v = json(&ds, &line);
        let find = |id: &str| ds.partners.iter().find(|p| p.id.as_str() == id).expect(id);
        let (a, b) = (
            aid_ids(find(x), Basis::Agreement),
            aid_ids(find(y), Basis::Agreement),
        );
        let set = |k: &str| -> BTreeSet<String> {
            v[k].as_array()
                .expect(k)
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(set("shared"), &a & &b, "{line}");
        assert_eq!(set("only_first"), &a - &b, "{line}");
        assert_eq!(set("only_second"), &b - &a, "{line}");
        assert_eq!(
            v["first"]["alongside"].as_array().map(Vec::len),
            Some(aid_ids(find(x), Basis::Alongside).len()),
            "{line}"
        );
    }
    // Germany announced several things alongside its agreement: shown apart.
    let t = text(&ds, "/compare Germany vs France");
    assert!(
        t.contains("**Announced alongside, not in the agreements**\nGermany: "),
        "{t}"
    );
}

#[test]
fn stats_and_autocomplete_count_agreements_only() {
    let ds = ds();
    let v = json(&ds, "/stats");
    for row in v["aid_counts"].as_array().expect("aid_counts") {
        let id = row["id"].as_str().unwrap();
        assert_eq!(
            row["partners"].as_u64(),
            Some(with(&ds, id, Basis::Agreement).len() as u64),
            "{id}"
        );
    }
    for a in &ds.aid_types {
        let n = with(&ds, a.id.as_str(), Basis::Agreement).len();
        let choices = commands::autocomplete(&ds, "pledged", "aid", a.id.as_str(), Lang::En);
        let first = choices.first().unwrap_or_else(|| panic!("{}: no choice", a.id));
        assert_eq!(first.value, a.id.as_str());
        let label = if n == 1 { "partner" } else { "partners" };
        assert!(first.name.ends_with(&format!("· {n} {label}")), "{}", first.name);
    }
}

#[test]
fn agreement_lists_alongside_apart_with_outlets_and_clauses() {
    let ds = ds();
    for p in &ds.partners {
        let line = format!("/agreement country:{}", p.id);
        let v = json(&ds, &line);
        let got = |k: &str| -> BTreeSet<String> {
            v["partner"][k]
                .as_array()
                .expect(k)
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(got("aid"), aid_ids(p, Basis::Agreement), "{line}");
        assert_eq!(got("alongside"), aid_ids(p, Basis::Alongside), "{line}");
        let all = all_pages(&ds, &line);
        let alongside = aid_ids(p, Basis::Alongside).len();
        assert_eq!(
            all.contains("Announced alongside, not in the agreement ("),
            alongside > 0,
            "{line}"
        );
        // Each pledge names its source by outlet, never as a bare "[source]".
        assert!(!all.contains("[source]("), "{line}");
        for pl in p.aid.iter().filter(|pl| pl.clause.is_some()) {
            let clause = pl.clause.as_ref().unwrap();
            assert!(
                all.contains(&format!(" · {})_", clause.en)),
                "{line}: clause {clause}"
            );
        }
    }
}
