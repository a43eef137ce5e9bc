//! Snapshots of rendered replies: the Markdown a user reads and the JSON a
//! script reads, for each command and for the answers that are not "ok".
//!
//! They render the fixture dataset (`tests/fixtures/data/`), so a change in
//! wording shows up here for review and an edit of `data/` does not. A few
//! `real_*` snapshots render the shipped data as a smoke test; a data edit
//! may change those, and only those.

use pactbot::dataset::Dataset;
use pactbot::lang::Lang;
use pactbot::render;
use serde_json::Value;

use crate::support::data::{embedded, fixture_dataset};

fn ds() -> &'static Dataset {
    fixture_dataset()
}

/// The shipped data: one long agreement, one list across partners, the
/// numbers.
const REAL_CASES: &[(&str, &str)] = &[
    ("agreement_gb", "/agreement country:GB"),
    ("pledged_air_defence", "/pledged aid:air defence"),
    ("stats", "/stats"),
];

#[test]
fn real_data_smoke() {
    for (name, line) in REAL_CASES {
        let reply = pactbot::answer(embedded(), line, Lang::En);
        assert_eq!(reply.status, pactbot::reply::Status::Ok, "{line}");
        insta::assert_snapshot!(format!("real_text_{name}"), render::text::render(&reply), line);
    }
    let reply = pactbot::answer_json(embedded(), "/pledged aid:air defence", Lang::En);
    insta::assert_json_snapshot!(
        "real_json_pledged_air_defence",
        render::json::render(&reply),
        "/pledged aid:air defence"
    );
}

const CASES: &[(&str, &str)] = &[
    ("agreement_gb", "/agreement country:GB"),
    ("agreement_gb_page2", "/agreement country:GB page:2"),
    ("agreement_typo_fr", "/agreement country:Frnace"),
    ("agreement_croatia", "/agreement Хорватія"),
    ("agreement_not_a_partner", "/agreement country:Slovakia"),
    ("agreement_no_match", "/agreement country:pizza delivery"),
    ("agreement_ambiguous", "/agreement country:austr"),
    ("pledged_air_defence", "/pledged aid:air defence"),
    ("pledged_demining", "/pledged aid:demining"),
    (
        "search_partner_and_aid",
        "/search query:what did Japan pledge on demining",
    ),
    ("search_unpledged", "/search query:Japan combat aircraft"),
    ("compare_de_fr", "/compare Germany vs France"),
    ("timeline", "/timeline"),
    ("timeline_year", "/timeline year:2024"),
    ("timeline_year_none", "/timeline year:2025"),
    ("stats", "/stats"),
    ("about", "/about"),
    ("help", "/help"),
    ("money", "/money"),
    ("money_year", "/money year:2025"),
    ("pledged_no_group", "/pledged aid:demining group:xyzzy"),
    ("question_not_understood", "/ask question:when will the war end"),
    ("question_partly", "/ask question:Japan and the weather"),
    ("question_choose", "/ask question:air defence and demining"),
    ("error_unknown_command", "/plegded drones"),
    ("error_missing_option", "/compare Germany"),
    ("error_unknown_option", "/chart kind:money year:2024"),
    ("error_bad_year", "/timeline year:1990"),
    ("error_repeated_option", "/timeline year:2024 year:2025"),
];

#[test]
fn text_replies() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer(ds, line, Lang::En);
        insta::assert_snapshot!(format!("text_{name}"), render::text::render(&reply), line);
    }
}

/// Every case again as a Ukrainian reader gets it (the fixture's data is
/// translated like the shipped data).
#[test]
fn ukrainian_text_replies() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer(ds, line, Lang::Uk);
        insta::assert_snapshot!(format!("uk_text_{name}"), render::text::render(&reply), line);
    }
}

#[test]
fn json_replies() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer_json(ds, line, Lang::En);
        insta::assert_json_snapshot!(format!("json_{name}"), render::json::render(&reply), line);
    }
}

/// The source lists an answer must carry: its own `sources`, else its
/// partner's (`/agreement`), else each listed partner's (`/pledged`), else
/// each commitment's (`/money`).
fn answer_sources(v: &Value) -> Vec<&Value> {
    if let Some(s) = v.get("sources") {
        vec![s]
    } else if let Some(p) = v.get("partner") {
        vec![&p["sources"]]
    } else if let Some(ps) = v.get("partners").and_then(Value::as_array) {
        ps.iter().map(|p| &p["sources"]).collect()
    } else if let Some(cs) = v.get("commitments").and_then(Value::as_array) {
        // `/money`: each commitment's own.
        cs.iter().map(|c| &c["sources"]).collect()
    } else {
        Vec::new()
    }
}

/// A source's address: a string, or an object's `url`.
fn source_url(s: &Value) -> Option<&str> {
    s.as_str().or_else(|| s["url"].as_str())
}

#[test]
fn every_reply_names_its_sources_when_built_from_the_dataset() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer_json(ds, line, Lang::En);
        if reply.status != pactbot::reply::Status::Ok || reply.command == "help" {
            continue;
        }
        let v = render::json::render(&reply);
        let lists = answer_sources(&v);
        assert!(!lists.is_empty(), "{name}: {line} names no sources: {v}");
        for list in lists {
            let list = list.as_array().map_or(&[][..], Vec::as_slice);
            assert!(!list.is_empty(), "{name}: {line} has an empty source list: {v}");
            for s in list {
                let url = source_url(s).unwrap_or_else(|| panic!("{name}: source {s}"));
                assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "{name}: {url} is not a web address"
                );
            }
        }
    }
}
