//! Snapshots of rendered replies: the Markdown a user reads and the JSON a
//! script reads, for each command and for the answers that are not "ok".
//! A change in wording or data shows up here for review.

use pactbot::dataset::Dataset;
use pactbot::lang::Lang;
use pactbot::render;

fn ds() -> Dataset {
    Dataset::embedded().expect("the shipped dataset loads")
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
    ("stats", "/stats"),
    ("about", "/about"),
    ("help", "/help"),
    ("error_unknown_command", "/plegded drones"),
    ("error_missing_option", "/compare Germany"),
];

#[test]
fn text_replies() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer(&ds, line, Lang::En);
        insta::assert_snapshot!(format!("text_{name}"), render::text::render(&reply), line);
    }
}

#[test]
fn json_replies() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer_json(&ds, line, Lang::En);
        insta::assert_json_snapshot!(format!("json_{name}"), render::json::render(&reply), line);
    }
}

#[test]
fn every_reply_names_its_sources_when_built_from_the_dataset() {
    let ds = ds();
    for (name, line) in CASES {
        let reply = pactbot::answer_json(&ds, line, Lang::En);
        if reply.status != pactbot::reply::Status::Ok || reply.command == "help" {
            continue;
        }
        let json = render::json::render(&reply).to_string();
        assert!(json.contains("\"sources\""), "{name}: {line} names no sources");
    }
}
