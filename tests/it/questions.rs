//! The question table (`tests/fixtures/questions.tsv`): every question must
//! map to its command line, be not understood, or offer the listed choices.
//! Prints the pass rate by language; rows marked `known-wrong` must still
//! fail (so a fix is noticed and the mark removed).

use std::collections::BTreeMap;

use pactbot::dataset::Dataset;
use pactbot::question::interpret;

fn outcome(ds: &Dataset, q: &str) -> String {
    match interpret(ds, q) {
        Ok(i) => i.line,
        Err(n) if n.choices.is_empty() => "no_match".into(),
        Err(n) => format!(
            "choose: {}",
            n.choices
                .iter()
                .map(|c| c.line.as_str())
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
    }
}

#[test]
fn the_question_table_maps_as_written() {
    let ds = Dataset::embedded().expect("embedded dataset");
    let table = include_str!("../fixtures/questions.tsv");
    let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut fixed = Vec::new();
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 3 || cols.len() == 4, "bad row: {line}");
        let (lang, q, want) = (cols[0], cols[1], cols[2]);
        let known_wrong = cols.get(3) == Some(&"known-wrong");
        let got = outcome(&ds, q);
        let ok = got == want;
        let e = by_lang.entry(lang).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        }
        rows += 1;
        match (ok, known_wrong) {
            (false, false) => wrong.push(format!("[{lang}] {q:?}\n    want {want}\n    got  {got}")),
            (true, true) => fixed.push(format!("[{lang}] {q:?} now maps right; remove `known-wrong`")),
            _ => {}
        }
    }
    let mut total = (0, 0);
    for (lang, (ok, n)) in &by_lang {
        println!("{lang}: {ok}/{n} ({:.1} %)", 100.0 * *ok as f64 / *n as f64);
        total.0 += ok;
        total.1 += n;
    }
    println!(
        "all: {}/{} ({:.1} %)",
        total.0,
        total.1,
        100.0 * total.0 as f64 / total.1 as f64
    );
    assert!(rows >= 200, "the table needs at least 200 questions, has {rows}");
    assert!(
        wrong.is_empty(),
        "{} question(s) map wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(fixed.is_empty(), "{}", fixed.join("\n"));
}

/// Runs the real binary with `ask` and the given arguments.
fn ask(args: &[&str]) -> (bool, String) {
    let mut all = vec!["ask"];
    all.extend_from_slice(args);
    let (mut cmd, _dir) = crate::support::child::pactbot(&all, &[]);
    let o = cmd.output().expect("run pactbot");
    (o.status.success(), String::from_utf8(o.stdout).expect("utf-8"))
}

#[test]
fn the_binary_answers_the_issue_questions() {
    let (ok, text) = ask(&["which Nordic countries pledged F-16s?"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("Understood as `/pledged aid:F-16 group:nordic`"),
        "{text}"
    );
    // Denmark's and Norway's pledges name the F-16; Sweden's (Gripen) is
    // listed after them; no partner outside the Nordic group is listed.
    let naming = text
        .find("Mentioning F-16")
        .expect("a section mentioning the F-16");
    let other = text
        .find("Combat aircraft — other pledges")
        .expect("the rest of the aid type");
    for id in ["**Denmark**", "**Norway**"] {
        let at = text.find(id).unwrap_or_else(|| panic!("{id} missing: {text}"));
        assert!(naming < at && at < other, "{id} not under the F-16 heading");
    }
    assert!(text.find("**Sweden**").is_some_and(|at| at > other), "{text}");
    for outside in ["Netherlands", "Belgium", "United States", "Portugal"] {
        assert!(
            !text.contains(&format!("**{outside}**")),
            "{outside} is not Nordic: {text}"
        );
    }

    let (ok, json) = ask(&["--json", "which Nordic countries pledged F-16s?"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["group"]["id"], "nordic");
    assert_eq!(v["system"]["name"], "F-16");
    assert_eq!(v["system"]["named_by"], serde_json::json!(["DK", "NO"]));
    assert_eq!(v["question"]["interpreted_as"], "/pledged aid:F-16 group:nordic");
    assert_eq!(v["question"]["text"], "which Nordic countries pledged F-16s?");
    let ids: Vec<&str> = v["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(
        ids.iter().all(|id| ["DK", "FI", "IS", "NO", "SE"].contains(id)),
        "{ids:?}"
    );

    let (ok, json) = ask(&["--json", "хто дав ППО?"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["command"], "pledged");
    assert_eq!(v["aid"]["id"], "air-defence");
    assert_eq!(v["question"]["interpreted_as"], "/pledged aid:air-defence");
    assert!(v["partners"].as_array().is_some_and(|p| p.len() > 5), "{v}");
}

/// "Who signed in 2025" lists that year's signings only, says how many of
/// all the agreements they are (with Ukrainian plural forms), and keeps
/// each one's number in the running count.
#[test]
fn who_signed_in_a_year_gets_that_year_only() {
    let (ok, text) = ask(&["хто підписав у 2025 році"]);
    assert!(ok, "{text}");
    assert!(text.contains("Зрозуміло як `/timeline year:2025`"), "{text}");
    assert!(text.contains("У 2025 році підписано 1 угоду з 29."), "{text}");
    assert!(text.contains("28. 🇦🇱 **Албанія**"), "{text}");
    assert!(!text.contains("Греція"), "Greece signed in 2024: {text}");

    let (ok, text) = ask(&["who signed in 2025"]);
    assert!(ok, "{text}");
    assert!(text.contains("Understood as `/timeline year:2025`"), "{text}");
    assert!(
        text.contains("1 of the 29 agreements was signed in 2025."),
        "{text}"
    );

    let (_, text) = ask(&["--lang", "uk", "/timeline year:2024"]);
    assert!(text.contains("У 2024 році підписано 28 угод з 29."), "{text}");
    assert!(
        text.contains("— 🇭🇷 **Хорватія**"),
        "Croatia, outside the count, unnumbered: {text}"
    );
    assert!(!text.contains("Албанія"), "{text}");
    let (_, text) = ask(&["/timeline year:2024"]);
    assert!(
        text.contains("28 of the 29 agreements were signed in 2024."),
        "{text}"
    );
    let (_, text) = ask(&["--lang", "uk", "/timeline 2023"]);
    assert!(
        text.contains("У 2023 році не підписано жодної з 29 угод."),
        "{text}"
    );
    assert!(!text.contains("**Хронологія**"), "no empty list: {text}");

    let (ok, json) = ask(&["--json", "/timeline year:2025"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["year"], 2025);
    let ids: Vec<&str> = v["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, ["AL"]);
}

/// A partner and a named system: the lines of that partner's record that
/// mention the system, with their source; or, when none does, that the
/// dataset does not say (never the aid type's list as if it answered).
#[test]
fn a_partner_and_a_system_get_what_the_record_says_of_the_system() {
    let (ok, text) = ask(&["did the US pledge ATACMS"]);
    assert!(ok, "{text}");
    assert!(text.contains("Understood as `/search query:US ATACMS`"), "{text}");
    assert!(
        text.contains("The dataset does not say whether the United States pledged the **ATACMS**"),
        "{text}"
    );
    assert!(text.contains("not the same as a no"), "{text}");
    assert!(!text.contains("who pledged it"), "no aid-type list: {text}");

    let (ok, text) = ask(&["чи обіцяла Норвегія F-16"]);
    assert!(ok, "{text}");
    assert_eq!(text.matches("Зрозуміло як").count(), 1, "{text}");
    assert!(text.contains("Зрозуміло як `/search query:NO F-16`"), "{text}");
    assert!(
        text.contains("Норвегія: пункти угоди, що згадують **F-16**"),
        "{text}"
    );
    assert!(text.contains("готовність надати F-16"), "{text}");
    assert!(text.contains("pravda.com.ua"), "the source: {text}");
    // Only Norway: no other partner's pledge.
    assert!(!text.contains("Данія"), "{text}");

    // Nothing names SCALP, but France's agreement covers long-range
    // strike: shown for what it is, under the plain "does not say".
    let (_, text) = ask(&["did France pledge SCALP"]);
    assert!(
        text.contains("does not say whether France pledged the **Storm Shadow/SCALP**"),
        "{text}"
    );
    assert!(
        text.contains("Its agreement does cover long-range strike, without naming this system:"),
        "{text}"
    );
    // The UK's long-range strike was only announced alongside: said so.
    let (_, text) = ask(&["UK Storm Shadow"]);
    assert!(
        text.contains("announced alongside the agreement, not in it:"),
        "{text}"
    );

    let (ok, json) = ask(&["--json", "did the US pledge ATACMS"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["system"], "ATACMS");
    assert_eq!(v["partner"]["id"], "US");
    assert_eq!(v["mentioned"], false);
    assert_eq!(v["mentioned_alongside"], false);
    assert_eq!(v["lines"], serde_json::json!([]));
    let (ok, json) = ask(&["--json", "/search query:Denmark F-16"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["mentioned"], true);
    assert_eq!(v["lines"][0]["aid"], "combat-aircraft");
    assert!(
        v["lines"][0]["sources"].as_array().is_some_and(|s| !s.is_empty()),
        "{v}"
    );
}

#[test]
fn a_question_not_understood_says_what_pactbot_answers() {
    let (ok, json) = ask(&["--json", "when will the war end"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["status"], "no_match");
    assert_eq!(v["question"]["interpreted_as"], serde_json::Value::Null);
    let (_, text) = ask(&["who committed to a special tribunal for Russia"]);
    assert!(
        text.contains("Understood as `/pledged aid:accountability`"),
        "{text}"
    );
    assert!(!text.contains("no agreement"), "{text}");
    let (_, text) = ask(&["money"]);
    assert!(!text.contains("Monaco"), "{text}");
    let (_, text) = ask(&["ATACMS"]);
    assert!(
        text.contains("No agreement in the dataset mentions the **ATACMS**"),
        "{text}"
    );
}

#[test]
fn which_one_did_you_mean_comes_with_buttons_that_answer_the_choice() {
    use pactbot::discord::interaction;
    use serenity::all::Interaction;

    let ds = Dataset::embedded().expect("embedded dataset");
    let ask = crate::support::payloads::command(
        "ask",
        vec![crate::support::payloads::string_option(
            "question",
            "which countries pledged air defence and drones",
            false,
        )],
    );
    let i: Interaction = serde_json::from_str(&ask).expect("an interaction");
    let (body, _) = interaction::respond(&ds, &i);
    let body = serde_json::to_value(body).expect("JSON");
    assert!(body["data"]["embeds"][0]["title"]
        .as_str()
        .is_some_and(|t| t.contains("Which one")));
    let ids: Vec<String> = body["data"]["components"][0]["components"]
        .as_array()
        .expect("a row of buttons")
        .iter()
        .filter_map(|b| b["custom_id"].as_str().map(String::from))
        .collect();
    assert_eq!(ids, ["pg:/pledged aid:air-defence", "pg:/pledged aid:drones"]);

    // Pressing the second answers it, in place.
    let press: Interaction =
        serde_json::from_str(&crate::support::payloads::button(&ids[1])).expect("a button");
    let (answer, _) = interaction::respond(&ds, &press);
    let answer = serde_json::to_value(answer).expect("JSON");
    assert_eq!(answer["type"], 7, "the message is updated with the chosen answer");
    let title = answer["data"]["embeds"][0]["title"].as_str().expect("a title");
    assert!(title.starts_with("Drones"), "{title}");

    // A partner name that could be two: each candidate is a button too.
    let r = pactbot::answer(&ds, "/agreement country:korea", pactbot::lang::Lang::En);
    let lines: Vec<&str> = r.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(lines, ["/agreement country:KP", "/agreement country:KR"]);
}

/// A year the answer cannot filter by is said to be unused, so "who
/// pledged F-16s in 2024" does not read as pledges of 2024 only; a year
/// the command takes is not flagged.
#[test]
fn a_year_the_command_cannot_filter_by_is_said_to_be_unused() {
    let (ok, text) = ask(&["хто обіцяв F-16 у 2024"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("Зрозуміло як `/pledged aid:F-16`. 2024 рік не враховано"),
        "{text}"
    );
    let (ok, text) = ask(&["did Germany pledge air defence in 2024"]);
    assert!(ok, "{text}");
    assert!(text.contains("The year 2024 is not used"), "{text}");
    for q in [
        "which countries signed in 2024",
        "how much did the Nordics commit in 2024",
    ] {
        let (ok, text) = ask(&[q]);
        assert!(ok, "{text}");
        assert!(!text.contains("is not used"), "{q}: {text}");
    }
}
