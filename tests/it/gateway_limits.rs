//! Every command's response, for every partner and every aid type in the
//! dataset, in every language (the user's Discord locale), through serenity's model and `interaction::respond`, stays
//! inside Discord's limits and pings nobody. Long answers are followed page
//! by page through their own "Next" buttons.

use crate::support::{discord_limits as limits, fixture};
use pactbot::dataset::Dataset;
use pactbot::discord::interaction;
use pactbot::lang::Lang;
use serde_json::{json, Value};
use serenity::all::Interaction;

struct Harness {
    ds: Dataset,
    command: Value,
    autocomplete: Value,
    button: Value,
    lang: Lang,
    checked: usize,
}

impl Harness {
    /// Interactions from a user whose client speaks `lang`.
    fn new(lang: Lang) -> Self {
        let locale = match lang {
            Lang::En => "en-US",
            Lang::Uk => "uk",
        };
        let from = |name: &str| {
            let mut v = fixture(name);
            v["locale"] = json!(locale);
            v
        };
        Harness {
            ds: Dataset::embedded().expect("the built-in dataset loads"),
            command: from("agreement"),
            autocomplete: from("autocomplete_country"),
            button: from("button_next_page"),
            lang,
            checked: 0,
        }
    }

    fn respond(&mut self, what: &str, payload: &Value) -> Value {
        let i: Interaction =
            serde_json::from_value(payload.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
        let (body, _) = interaction::respond(&self.ds, &i);
        let body = serde_json::to_value(body).expect("serializable");
        limits::assert_within_limits(what, &body);
        self.checked += 1;
        body
    }

    /// Runs a slash command, then presses "Next ▶" until the last page.
    /// Returns how many pages there were.
    fn command(&mut self, name: &str, options: Value) -> usize {
        let mut p = self.command.clone();
        p["data"]["name"] = json!(name);
        p["data"]["options"] = options.clone();
        let what = format!("/{name} {options} ({:?})", self.lang);
        let mut body = self.respond(&what, &p);
        assert_eq!(body["type"], 4, "{what}");
        let mut pages = 1;
        let mut seen = vec![body["data"]["embeds"][0]["title"].clone()];
        while let Some((_, next)) = crate::support::page_buttons(&body)
            .into_iter()
            .find(|(l, _)| l == self.lang.strings().next_button)
        {
            pages += 1;
            assert!(pages <= 100, "{what}: more than 100 pages");
            let mut b = self.button.clone();
            b["data"]["custom_id"] = json!(next);
            body = self.respond(&format!("{what} → {next}"), &b);
            assert_eq!(body["type"], 7, "{what} → {next}: {body:#}");
            let title = body["data"]["embeds"][0]["title"].clone();
            assert!(!seen.contains(&title), "{what} → {next}: page repeats {title}");
            seen.push(title);
        }
        pages
    }

    fn autocomplete(&mut self, command: &str, option: &str, typed: &str) -> Vec<Value> {
        let mut p = self.autocomplete.clone();
        p["data"]["name"] = json!(command);
        p["data"]["options"] = json!([{"name": option, "type": 3, "value": typed, "focused": true}]);
        let body = self.respond(&format!("autocomplete /{command} {option}:{typed:?}"), &p);
        assert_eq!(body["type"], 8);
        body["data"]["choices"].as_array().cloned().unwrap_or_default()
    }
}

fn s(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

#[test]
fn every_partner_every_aid_every_command_every_page() {
    for lang in Lang::ALL {
        every_page_in(lang);
    }
}

fn every_page_in(lang: Lang) {
    let mut h = Harness::new(lang);
    let partners: Vec<(String, String)> =
        h.ds.partners
            .iter()
            .map(|p| (p.id.as_str().to_string(), p.names.en.clone()))
            .collect();
    let aids: Vec<(String, String)> =
        h.ds.aid_types
            .iter()
            .map(|a| (a.id.as_str().to_string(), a.en.clone()))
            .collect();
    assert!(
        partners.len() >= 28 && aids.len() >= 27,
        "{} partners, {} aids",
        partners.len(),
        aids.len()
    );

    let mut paginated = 0;
    for (i, (id, name)) in partners.iter().enumerate() {
        if h.command("agreement", json!([s("country", id)])) > 1 {
            paginated += 1;
        }
        h.command("agreement", json!([s("country", name)]));
        h.command("search", json!([s("query", name)]));
        let (next, _) = &partners[(i + 1) % partners.len()];
        h.command("compare", json!([s("first", id), s("second", next)]));
        for typed in [id.as_str(), name.as_str(), &name[..name.len().min(3)]] {
            let choices = h.autocomplete("agreement", "country", typed);
            assert!(!choices.is_empty(), "agreement country:{typed}");
        }
        let choices = h.autocomplete("agreement", "country", id);
        assert!(
            choices.iter().any(|c| c["value"] == json!(id)),
            "{id} not offered for its own id"
        );
    }
    for (id, name) in &aids {
        if h.command("pledged", json!([s("aid", id)])) > 1 {
            paginated += 1;
        }
        h.command("pledged", json!([s("aid", name)]));
        h.command("search", json!([s("query", name)]));
        let choices = h.autocomplete("pledged", "aid", id);
        assert!(
            choices.iter().any(|c| c["value"] == json!(id)),
            "{id} not offered for its own id"
        );
    }
    for name in ["timeline", "stats", "about", "help"] {
        h.command(name, json!([]));
    }
    for (command, option) in [
        ("agreement", "country"),
        ("pledged", "aid"),
        ("compare", "first"),
        ("compare", "second"),
    ] {
        for typed in [
            "",
            "a",
            "ge",
            "fr",
            "uk",
            "Укр",
            "Япо",
            "air",
            "дрон",
            "@everyone",
            &"x".repeat(200),
        ] {
            let choices = h.autocomplete(command, option, typed);
            if typed.is_empty() {
                assert_eq!(choices.len(), 25, "{command} {option}: the empty list is full");
            }
        }
    }
    // Pagination was exercised, not just single pages.
    assert!(paginated > 0, "{lang:?}: no answer needed a second page");
    assert!(h.checked > 400, "{lang:?}: only {} responses checked", h.checked);
}

#[test]
fn no_match_and_errors_stay_within_limits_too() {
    for lang in Lang::ALL {
        no_match_and_errors_in(lang);
    }
}

fn no_match_and_errors_in(lang: Lang) {
    let mut h = Harness::new(lang);
    let long = "Ж".repeat(200);
    for (name, options) in [
        ("agreement", json!([s("country", "Atlantis")])),
        ("agreement", json!([s("country", &long)])),
        ("pledged", json!([s("aid", "@everyone <@&1> <#2> **x**")])),
        ("compare", json!([s("first", "DE"), s("second", "DE")])),
        ("compare", json!([s("first", "Brazil"), s("second", "Narnia")])),
        ("search", json!([s("query", &"a ".repeat(100))])),
        ("timeline", json!([{"name": "page", "type": 4, "value": 100}])),
        ("nonexistent", json!([])),
    ] {
        h.command(name, options);
    }
}
