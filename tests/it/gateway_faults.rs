//! Faults and hot reload, end to end: the real `pactbot discord` binary
//! against the fake Discord on 127.0.0.1 (`tests/it/support/fake_discord.rs`).
//!
//! - SIGHUP between two interactions: the second answer comes from the new
//!   dataset; a broken dataset, then a vanished folder, are refused and the
//!   last good version keeps answering.
//! - The gateway connection is cut, or closed with a session that cannot be
//!   resumed: the bot resumes (or identifies again) and still answers.
//! - Discord answers 429 or 5xx to the interaction callback: logged, and the
//!   bot answers the next interaction; to the registration: a clear error
//!   and exit code 1, never a panic or the token.
//!
//! Every wait is bounded (`fake::WAIT`, `Pactbot::expect_log`).

use std::time::Duration;

use crate::support::child::{callback, pactbot, Pactbot};
use crate::support::data::{embedded, fixture_copy, fixture_dataset};
use crate::support::fake_discord::{Behaviour, FakeDiscord, FromBot};
use crate::support::{fixture, TOKEN};
use serde_json::Value;

/// Starts the bot with one shard and waits for READY.
async fn connected(fake: &mut FakeDiscord, extra: &[&str]) -> Pactbot {
    let mut args = vec!["discord", "--shards", "1"];
    args.extend_from_slice(extra);
    let mut bot = Pactbot::discord(fake, &args);
    fake.identify().await;
    bot.expect_log(&["ready: connected", "shard=0"]).await;
    bot
}

/// Dispatches `payload` and returns the body of its callback.
async fn ask(fake: &mut FakeDiscord, payload: &Value) -> Value {
    fake.dispatch("INTERACTION_CREATE", payload.clone());
    callback(fake, payload).await.body
}

/// The `/about` answer's text, which names the dataset version.
fn about_text(body: &Value) -> String {
    body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn stop(mut bot: Pactbot) -> String {
    bot.sigterm();
    let code = bot.exit_code(Duration::from_secs(10)).await;
    let log = bot.log.join("\n");
    eprintln!("the bot's log:\n{log}");
    assert_eq!(code, Some(0), "{log}");
    assert!(!log.contains(TOKEN), "the token was logged:\n{log}");
    assert!(!log.contains("panicked"), "{log}");
    log
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_swaps_the_dataset_between_two_interactions() {
    let dir = fixture_copy();
    let path = dir.path().to_str().unwrap().to_string();
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = connected(&mut fake, &["--data", &path]).await;
    let about = fixture("about");
    let version = &fixture_dataset().meta.version;

    let first = ask(&mut fake, &about).await;
    assert!(
        about_text(&first).contains(&format!("даних {version}")),
        "{first}"
    );

    // A new, valid version.
    let meta = dir.path().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let new = text.replace(&format!("\"{version}\""), "\"2099.1.1\"");
    assert_ne!(new, text);
    std::fs::write(&meta, new).unwrap();
    bot.signal("HUP");
    let partners = format!("partners={}", fixture_dataset().partners.len());
    let line = bot
        .expect_log(&["dataset reloaded", "version=2099.1.1", &partners])
        .await;
    assert!(line.contains("INFO"), "{line}");
    let second = ask(&mut fake, &about).await;
    assert!(about_text(&second).contains("даних 2099.1.1"), "{second}");

    // A broken partner file: refused, naming the file; the last good version answers.
    std::fs::write(dir.path().join("partners/GB.json"), "{ not json").unwrap();
    bot.signal("HUP");
    let line = bot
        .expect_log(&["reload refused", "partners/GB.json", "version=2099.1.1"])
        .await;
    assert!(
        line.contains("ERROR") && line.contains("keeps answering"),
        "{line}"
    );
    assert_eq!(ask(&mut fake, &about).await, second);

    // The folder disappears: refused as well, still answering.
    drop(dir);
    bot.signal("HUP");
    bot.expect_log(&["reload refused", "cannot read the data folder"])
        .await;
    assert_eq!(ask(&mut fake, &about).await, second);
    assert!(bot.running());
    stop(bot).await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_with_the_built_in_dataset_has_nothing_to_reload() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = connected(&mut fake, &[]).await;
    bot.signal("HUP");
    bot.expect_log(&["nothing to reload", "built-in dataset"]).await;
    let body = ask(&mut fake, &fixture("about")).await;
    let built_in = format!("даних {}", embedded().meta.version);
    assert!(about_text(&body).contains(&built_in), "{body}");
    stop(bot).await;
}

/// Skips heartbeats and connection notices up to the next Resume or Identify.
async fn next_handshake(fake: &mut FakeDiscord) -> FromBot {
    loop {
        match fake.next_event().await {
            FromBot::Connected | FromBot::Dropped | FromBot::Closed(_) | FromBot::Other(_) => continue,
            e => return e,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cut_connection_is_resumed_and_the_bot_still_answers() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = connected(&mut fake, &[]).await;
    let agreement = fixture("agreement");
    assert_eq!(ask(&mut fake, &agreement).await["type"], 4);

    fake.cut_connection();
    match next_handshake(&mut fake).await {
        FromBot::Resume(d) => {
            assert_eq!(d["session_id"], "fake-session-0001");
            assert_eq!(d["token"], format!("Bot {TOKEN}"));
            assert!(d["seq"].as_u64().unwrap() >= 2, "{d}");
        }
        other => panic!("expected RESUME after the cut, got {other:?}"),
    }
    bot.expect_log(&["resumed: the gateway session continues"]).await;
    let body = ask(&mut fake, &agreement).await;
    assert_eq!(body["type"], 4);
    stop(bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_cannot_resume_identifies_again_and_still_answers() {
    let mut fake = FakeDiscord::start(Behaviour {
        refuse_resume: true,
        ..Behaviour::default()
    })
    .await;
    let mut bot = connected(&mut fake, &[]).await;

    // Discord closes with 4000 (unknown error; "reconnect"); the RESUME is
    // refused with an invalid session, so the bot identifies from scratch.
    fake.close_connection(4000);
    assert!(matches!(next_handshake(&mut fake).await, FromBot::Resume(_)));
    match next_handshake(&mut fake).await {
        FromBot::Identify(d) => assert_eq!(d["shard"], serde_json::json!([0, 1])),
        other => panic!("expected IDENTIFY after the refused resume, got {other:?}"),
    }
    // A second READY, logged as a new session.
    bot.expect_log(&["ready: connected to the gateway again", "new_session=true"])
        .await;

    let payload = fixture("autocomplete_country");
    assert_eq!(ask(&mut fake, &payload).await["type"], 8);
    stop(bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_callbacks_are_logged_and_the_bot_keeps_answering() {
    let mut fake = FakeDiscord::start(Behaviour {
        callback_statuses: vec![429, 500, 503],
        ..Behaviour::default()
    })
    .await;
    let mut bot = connected(&mut fake, &[]).await;
    let payload = fixture("stats");
    for (status, hint) in [
        (429, "rate limited by Discord"),
        (500, "a problem on Discord's side"),
        (503, "a problem on Discord's side"),
    ] {
        ask(&mut fake, &payload).await;
        let line = bot
            .expect_log(&[
                "interaction callback failed",
                &format!("Discord answered {status}"),
            ])
            .await;
        assert!(line.contains("WARN") && line.contains(hint), "{line}");
        assert!(
            !line.contains("aW50ZXJhY3Rpb24"),
            "an interaction token in {line}"
        );
    }
    // The next callback goes through.
    assert_eq!(ask(&mut fake, &payload).await["type"], 4);
    bot.expect_log(&["interaction answered", "command=\"stats\""])
        .await;
    assert!(bot.running());
    stop(bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_refused_with_429_or_5xx_exits_1_saying_so() {
    for (status, expect) in [
        (
            429,
            "Discord answered 429 Too Many Requests (rate limited by Discord; try again later)",
        ),
        (
            500,
            "Discord answered 500 Internal Server Error (a problem on Discord's side; try again later)",
        ),
        (
            502,
            "Discord answered 502 Bad Gateway (a problem on Discord's side; try again later)",
        ),
        (
            503,
            "Discord answered 503 Service Unavailable (a problem on Discord's side; try again later)",
        ),
    ] {
        let fake = FakeDiscord::start(Behaviour {
            register_status: status,
            ..Behaviour::default()
        })
        .await;
        let base = fake.api_base();
        for args in [&["register", "--guild", "42"][..], &["discord", "--register"][..]] {
            let (mut c, _dir) = pactbot(
                args,
                &[
                    ("DISCORD_TOKEN", TOKEN),
                    ("PACTBOT_DISCORD_API", &base),
                    ("DISCORD_APPLICATION_ID", "1310000000000000001"),
                ],
            );
            let out = tokio::time::timeout(
                Duration::from_secs(30),
                tokio::task::spawn_blocking(move || c.output().expect("run pactbot")),
            )
            .await
            .expect("pactbot exits")
            .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?} {status}: {stderr}");
            assert!(
                stderr.contains("error: registering the slash commands") && stderr.contains(expect),
                "{args:?} {status}: {stderr}"
            );
            assert!(
                !stderr.contains("panicked") && !stderr.contains(TOKEN),
                "{stderr}"
            );
            assert!(!stderr.contains("Could not decode json"), "{stderr}");
        }
    }
}
