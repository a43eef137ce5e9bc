//! Interaction payloads shaped exactly as Discord sends them (guild and DM,
//! member and user, every field serenity 0.12.5 requires), deserialized by
//! serenity's own model, answered by `interaction::respond`, and the
//! response JSON snapshot-tested (on the fixture dataset, so a data edit
//! does not change these snapshots).

use crate::support::data::fixture_dataset;
use crate::support::{discord_limits as limits, fixture, fixture_names};
use pactbot::dataset::Dataset;
use pactbot::discord::interaction::{self, Outcome};
use pactbot::reply::Status;
use serenity::all::Interaction;

fn dataset() -> &'static Dataset {
    fixture_dataset()
}

fn parse(name: &str) -> Interaction {
    let bytes = serde_json::to_vec(&fixture(name)).expect("JSON");
    interaction::parse(&bytes).unwrap_or_else(|e| panic!("{name}: serenity rejects the fixture: {e}"))
}

fn run(ds: &Dataset, name: &str) -> (serde_json::Value, Outcome) {
    let i = parse(name);
    let (body, outcome) = interaction::respond(ds, &i);
    let body = serde_json::to_value(&body).expect("serializable");
    limits::assert_within_limits(name, &body);
    (body, outcome)
}

#[test]
fn every_fixture_deserializes_into_the_interaction_kind_its_name_says() {
    let names = fixture_names();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let i = parse(&name);
        let ok = match &i {
            Interaction::Ping(_) => name == "ping",
            Interaction::Autocomplete(c) => {
                name.starts_with("autocomplete") && c.data.autocomplete().is_some()
            }
            Interaction::Component(b) => name.starts_with("button") && !b.data.custom_id.is_empty(),
            Interaction::Command(c) => {
                // Nothing that serenity fills with defaults when a field is
                // missing: a guild command has its member, a DM its user.
                let who = if c.guild_id.is_some() {
                    c.member.as_ref().map(|m| m.user.id)
                } else {
                    Some(c.user.id)
                };
                who.is_some_and(|id| id.get() == 1310000000000000400)
                    && !c.token.is_empty()
                    && c.attachment_size_limit > 0
            }
            _ => false,
        };
        assert!(ok, "{name} became {:?}", i.kind());
    }
}

#[test]
fn slash_commands() {
    let ds = dataset();
    for (name, command, status) in [
        ("agreement", "agreement", Status::Ok),
        ("agreement_typo", "agreement", Status::Ok),
        ("agreement_ukrainian", "agreement", Status::Ok),
        ("agreement_no_match", "agreement", Status::NoMatch),
        ("agreement_not_a_partner", "agreement", Status::NotAPartner),
        ("pledged", "pledged", Status::Ok),
        ("search", "search", Status::Ok),
        ("search_mentions", "search", Status::NoMatch),
        ("compare", "compare", Status::Ok),
        ("timeline", "timeline", Status::Ok),
        ("stats", "stats", Status::Ok),
        ("about", "about", Status::Ok),
        ("help", "help", Status::Ok),
    ] {
        let (body, outcome) = run(ds, name);
        assert_eq!(outcome.kind, "command", "{name}");
        assert_eq!(outcome.command, Some(command), "{name}");
        assert_eq!(outcome.status, Some(status), "{name}: {body:#}");
        assert_eq!(body["type"], 4, "{name}");
        // "No match" and errors are only for the asker.
        assert_eq!(body["data"]["flags"] == 64, status.is_private(), "{name}");
        insta::assert_json_snapshot!(name, body);
    }
}

#[test]
fn mentions_in_user_text_never_ping() {
    let (body, _) = run(dataset(), "search_mentions");
    let text = body.to_string();
    assert!(!text.contains("@everyone"), "{text}");
    assert!(!text.contains("<@1310000000000000400>"), "{text}");
    assert_eq!(body["data"]["allowed_mentions"]["parse"], serde_json::json!([]));
}

#[test]
fn autocomplete() {
    let ds = dataset();
    for (name, command, first) in [
        ("autocomplete_country", "agreement", Some("DE")),
        ("autocomplete_country_empty", "agreement", None),
        ("autocomplete_aid", "pledged", Some("air-defence")),
        ("autocomplete_compare_second", "compare", Some("FR")),
    ] {
        let (body, outcome) = run(ds, name);
        assert_eq!(
            (outcome.kind, outcome.command),
            ("autocomplete", Some(command)),
            "{name}"
        );
        assert_eq!(body["type"], 8, "{name}");
        let choices = body["data"]["choices"].as_array().expect("choices");
        assert!(!choices.is_empty(), "{name}");
        if let Some(first) = first {
            assert_eq!(choices[0]["value"], first, "{name}: {body:#}");
        }
        insta::assert_json_snapshot!(name, body);
    }
}

#[test]
fn page_buttons_update_the_message_in_place() {
    let ds = dataset();
    let (body, outcome) = run(ds, "button_next_page");
    assert_eq!(
        (outcome.kind, outcome.command, outcome.status),
        ("button", Some("agreement"), Some(Status::Ok))
    );
    assert_eq!(body["type"], 7, "UPDATE_MESSAGE");
    assert!(body["data"]["flags"].is_null(), "an update carries no flags");
    let title = body["data"]["embeds"][0]["title"].as_str().expect("title");
    assert!(title.contains("(2/"), "{title}");
    insta::assert_json_snapshot!("button_next_page", body);

    // A button whose custom id we do not know answers ephemerally.
    let (body, outcome) = run(ds, "button_stale");
    assert_eq!(outcome.status, Some(Status::Error));
    assert_eq!(
        (body["type"].clone(), body["data"]["flags"].clone()),
        (4.into(), 64.into())
    );
    insta::assert_json_snapshot!("button_stale", body);
}

#[test]
fn ping_is_answered_with_pong() {
    let (body, outcome) = run(dataset(), "ping");
    assert_eq!(outcome.kind, "ping");
    assert_eq!(body, serde_json::json!({"type": 1}));
}
