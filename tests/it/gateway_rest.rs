//! The REST calls, made by serenity's real `Http` client (pointed at a fake
//! Discord on 127.0.0.1 with `HttpBuilder::proxy`): the command
//! registration and the interaction callback, asserted to the byte.

use crate::support::fake_discord::{Behaviour, FakeDiscord};
use crate::support::{discord_limits as limits, fixture, APPLICATION_ID, TOKEN};
use pactbot::discord::{gateway, interaction, register};
use serde_json::Value;
use serenity::all::{Http, HttpBuilder, Interaction};

fn http(fake: &FakeDiscord, application: Option<u64>) -> Http {
    let mut b = HttpBuilder::new(TOKEN)
        .proxy(fake.api_base())
        .ratelimiter_disabled(true);
    if let Some(a) = application {
        b = b.application_id(a.into());
    }
    b.build()
}

fn expected_body() -> Value {
    serde_json::to_value(register::commands()).expect("serializable")
}

#[tokio::test]
async fn register_globally_is_one_put_of_the_whole_table() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let http = http(&fake, Some(APPLICATION_ID));
    let n = register::register(&http, Some(APPLICATION_ID), register::Scope::Global)
        .await
        .expect("registered");
    assert_eq!(n, pactbot::commands::COMMANDS.len());

    let r = fake.next_request().await;
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path, format!("/api/v10/applications/{APPLICATION_ID}/commands"));
    assert_eq!(r.authorization.as_deref(), Some(format!("Bot {TOKEN}").as_str()));
    assert_eq!(r.content_type.as_deref(), Some("application/json"));
    assert_eq!(r.body, expected_body());
    // `register` has had its answer, so anything else it sent is recorded.
    let more: Vec<String> = fake.requests_so_far().iter().map(|r| r.path.clone()).collect();
    assert!(more.is_empty(), "one request only, then {more:?}");
    insta::assert_json_snapshot!("register_body", r.body);
}

#[tokio::test]
async fn register_in_a_guild_and_look_the_application_up_when_unknown() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let http = http(&fake, None);
    register::register(&http, None, register::Scope::Guild(42))
        .await
        .expect("registered");

    let lookup = fake.next_request().await;
    assert_eq!(
        (lookup.method.as_str(), lookup.path.as_str()),
        ("GET", "/api/v10/oauth2/applications/@me")
    );
    let put = fake.next_request().await;
    assert_eq!(put.method, "PUT");
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APPLICATION_ID}/guilds/42/commands")
    );
    assert_eq!(put.body, expected_body());
}

#[tokio::test]
async fn a_refused_registration_is_an_error_that_does_not_echo_the_token() {
    let fake = FakeDiscord::start(Behaviour {
        register_status: 401,
        ..Behaviour::default()
    })
    .await;
    let http = http(&fake, Some(APPLICATION_ID));
    let e = register::register(&http, Some(APPLICATION_ID), register::Scope::Global)
        .await
        .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("401"), "{msg}");
    assert!(!msg.contains(TOKEN), "{msg}");
}

#[tokio::test]
async fn the_gateway_handler_posts_the_exact_body_to_the_callback() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let http = http(&fake, Some(APPLICATION_ID));
    let ds = crate::support::data::embedded();
    for name in [
        "agreement",
        "autocomplete_aid",
        "button_next_page",
        "agreement_no_match",
    ] {
        let payload = fixture(name);
        let i: Interaction = serde_json::from_value(payload.clone()).expect("fixture");
        let (outcome, sent) = gateway::answer(ds, &http, &i).await;
        assert!(sent, "{name}: the callback failed");
        let r = fake.next_request().await;
        assert_eq!(r.method, "POST", "{name}");
        assert_eq!(
            r.path,
            format!(
                "/api/v10/interactions/{}/{}/callback",
                payload["id"].as_str().unwrap(),
                payload["token"].as_str().unwrap()
            ),
            "{name}"
        );
        assert_eq!(r.authorization.as_deref(), Some(format!("Bot {TOKEN}").as_str()));
        let (expected, expected_outcome) = interaction::respond(ds, &i);
        assert_eq!(r.body, serde_json::to_value(expected).unwrap(), "{name}");
        assert_eq!(outcome, expected_outcome);
        limits::assert_within_limits(name, &r.body);
    }
}

#[tokio::test]
async fn a_failed_callback_is_reported_not_panicked() {
    // Nothing listens on this port any more: the POST fails.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let http = HttpBuilder::new(TOKEN)
        .proxy(format!("http://127.0.0.1:{port}"))
        .ratelimiter_disabled(true)
        .build();
    let ds = crate::support::data::embedded();
    let i: Interaction = serde_json::from_value(fixture("stats")).unwrap();
    let (outcome, sent) = gateway::answer(ds, &http, &i).await;
    assert!(!sent);
    assert_eq!(outcome.command, Some("stats"));
}
