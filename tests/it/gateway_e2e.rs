//! End to end: the real `pactbot discord` binary against a fake Discord on
//! 127.0.0.1 (REST + gateway WebSocket), pointed there by the test-only
//! `PACTBOT_DISCORD_API`. It must reach READY, answer a slash command, an
//! autocomplete and a page button through the callback endpoint, log one
//! line per interaction without the token, and close its shard cleanly
//! (close code 1000) and exit 0 on SIGTERM. Every wait is bounded.

use std::time::Duration;

use crate::support::child::{callback, pactbot, Pactbot};
use crate::support::fake_discord::{Behaviour, FakeDiscord, FromBot};
use crate::support::{discord_limits as limits, fixture, APPLICATION_ID, TOKEN};
use pactbot::dataset::Dataset;
use pactbot::discord::{interaction, register};
use serde_json::Value;
use serenity::all::Interaction;

fn expected(ds: &Dataset, payload: &Value) -> Value {
    let i: Interaction = serde_json::from_value(payload.clone()).expect("fixture");
    serde_json::to_value(interaction::respond(ds, &i).0).expect("serializable")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_registers_answers_and_shuts_down_cleanly() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = Pactbot::discord(&fake, &["discord", "--register"]);
    let ds = crate::support::data::embedded();

    // REST before the gateway: the gateway URL, then registration (the
    // application id looked up because DISCORD_APPLICATION_ID is unset),
    // then the recommended shard count.
    let r = fake.next_request().await;
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/api/v10/gateway"));
    let r = fake.next_request().await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", "/api/v10/oauth2/applications/@me")
    );
    let r = fake.next_request().await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        (
            "PUT",
            &*format!("/api/v10/applications/{APPLICATION_ID}/commands")
        )
    );
    assert_eq!(r.body, serde_json::to_value(register::commands()).unwrap());
    assert_eq!(r.authorization.as_deref(), Some(&*format!("Bot {TOKEN}")));
    let r = fake.next_request().await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", "/api/v10/gateway/bot")
    );

    // The handshake: GUILD_MESSAGES (1 << 9) and DIRECT_MESSAGES (1 << 12)
    // for mentions and DMs, nothing privileged (no MESSAGE_CONTENT, 1 << 15);
    // one shard of one.
    let identify = fake.identify().await;
    assert_eq!(identify["token"], format!("Bot {TOKEN}"));
    assert_eq!(identify["intents"], (1 << 9) | (1 << 12));
    assert_eq!(identify["shard"], serde_json::json!([0, 1]));
    bot.expect_log(&["ready: connected", "user=pactbot", "shard=0"])
        .await;

    // A slash command, an autocomplete and a page button, as Discord sends them.
    for (name, kind, response_type) in [
        ("agreement", "command", 4),
        ("autocomplete_country", "autocomplete", 8),
        ("button_next_page", "button", 7),
        ("agreement_no_match", "command", 4),
    ] {
        let payload = fixture(name);
        fake.dispatch("INTERACTION_CREATE", payload.clone());
        let r = callback(&mut fake, &payload).await;
        assert_eq!(r.body["type"], response_type, "{name}");
        assert_eq!(r.body, expected(ds, &payload), "{name}: the body is respond()'s");
        limits::assert_within_limits(name, &r.body);
        if response_type != 8 {
            assert!(!r.body["data"]["embeds"].as_array().unwrap().is_empty(), "{name}");
            assert_eq!(r.body["data"]["allowed_mentions"]["parse"], serde_json::json!([]));
        }
        let line = bot
            .expect_log(&["interaction answered", &format!("kind=\"{kind}\"")])
            .await;
        assert!(
            line.contains("latency_us=") && line.contains("command="),
            "{line}"
        );
        // One line per interaction: forget it so the next wait needs a new one.
        bot.log.retain(|l| l != &line);
    }

    // SIGTERM: the shard closes with 1000 and the process exits 0.
    bot.sigterm();
    loop {
        match fake.next_event().await {
            FromBot::Closed(code) => {
                assert_eq!(code, Some(1000), "a normal close");
                break;
            }
            FromBot::Other(_) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
    let code = bot.exit_code(Duration::from_secs(10)).await;
    assert_eq!(code, Some(0), "log:\n{}", bot.log.join("\n"));
    let log = bot.log.join("\n");
    eprintln!("the bot's log:\n{log}");
    assert!(log.contains("SIGTERM"), "{log}");
    assert!(!log.contains(TOKEN), "the token was logged:\n{log}");
    assert!(
        !log.contains("FAKE-interaction-token"),
        "an interaction token was logged:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_range_runs_only_those_shards_and_skips_registration() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = Pactbot::discord(&fake, &["discord", "--shards", "4", "--shard-range", "2..3"]);
    let r = fake.next_request().await;
    assert_eq!(
        r.path, "/api/v10/gateway",
        "no registration, no /gateway/bot with explicit shards"
    );
    let identify = fake.identify().await;
    assert_eq!(identify["shard"], serde_json::json!([2, 4]));
    // Connecting came after every REST answer: GET /gateway was the only one.
    let more: Vec<String> = fake.requests_so_far().iter().map(|r| r.path.clone()).collect();
    assert!(more.is_empty(), "REST requests after GET /gateway: {more:?}");
    bot.expect_log(&["ready: connected", "shard=2", "shards=4"]).await;
    bot.sigterm();
    assert_eq!(
        bot.exit_code(Duration::from_secs(10)).await,
        Some(0),
        "{}",
        bot.log.join("\n")
    );
    let late: Vec<String> = fake.requests_so_far().iter().map(|r| r.path.clone()).collect();
    assert!(late.is_empty(), "requests after READY: {late:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_subcommand_puts_the_commands_in_a_guild() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let base = fake.api_base();
    let app = APPLICATION_ID.to_string();
    let (mut c, _dir) = pactbot(
        &["register", "--guild", "42"],
        &[
            ("DISCORD_TOKEN", TOKEN),
            ("PACTBOT_DISCORD_API", &base),
            ("DISCORD_APPLICATION_ID", &app),
        ],
    );
    let out = tokio::task::spawn_blocking(move || c.output().expect("run pactbot"))
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stdout.trim(),
        format!(
            "registered {} slash commands in guild 42",
            pactbot::commands::COMMANDS.len()
        )
    );
    let r = fake.next_request().await;
    assert_eq!(r.method, "PUT");
    assert_eq!(
        r.path,
        format!("/api/v10/applications/{APPLICATION_ID}/guilds/42/commands")
    );
    assert_eq!(r.body, serde_json::to_value(register::commands()).unwrap());
    assert!(!stderr.contains(TOKEN) && !stdout.contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_registration_exits_1_without_the_token() {
    let fake = FakeDiscord::start(Behaviour {
        register_status: 401,
        ..Behaviour::default()
    })
    .await;
    let base = fake.api_base();
    let (mut c, _dir) = pactbot(
        &["register"],
        &[("DISCORD_TOKEN", TOKEN), ("PACTBOT_DISCORD_API", &base)],
    );
    let out = tokio::task::spawn_blocking(move || c.output().expect("run pactbot"))
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("registering the slash commands globally") && stderr.contains("401"),
        "{stderr}"
    );
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

#[test]
fn a_missing_or_malformed_token_exits_2_naming_the_variable() {
    for (args, env, expect) in [
        (&["discord"][..], &[][..], "DISCORD_TOKEN is not set"),
        (&["register"][..], &[][..], "DISCORD_TOKEN is not set"),
        (
            &["discord"][..],
            &[("DISCORD_TOKEN", "not a token")][..],
            "DISCORD_TOKEN is malformed",
        ),
        (
            &["register"][..],
            &[("DISCORD_TOKEN", "abc.def")][..],
            "DISCORD_TOKEN is malformed",
        ),
        (
            &["discord"][..],
            &[("DISCORD_TOKEN", TOKEN), ("DISCORD_GUILD_ID", "x")][..],
            "DISCORD_GUILD_ID is malformed",
        ),
        (
            &["discord", "--shards", "2", "--shard-range", "1..3"][..],
            &[("DISCORD_TOKEN", TOKEN)][..],
            "--shard-range",
        ),
    ] {
        let (mut c, _dir) = pactbot(args, env);
        let out = c.output().expect("run pactbot");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expect), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        for (_, v) in env {
            assert!(
                v.len() < 4 || !stderr.contains(v),
                "{args:?} echoed {v}: {stderr}"
            );
        }
    }
}

#[test]
fn a_dotenv_file_is_read_for_the_discord_subcommands() {
    let (mut c, dir) = pactbot(&["register"], &[]);
    std::fs::write(dir.path().join(".env"), "# from .env\nDISCORD_TOKEN=only.two\n").unwrap();
    let out = c.output().expect("run pactbot");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("DISCORD_TOKEN is malformed"),
        "the .env token was not read: {stderr}"
    );
}

#[test]
fn with_a_test_api_that_does_not_answer_it_never_falls_back_to_discord() {
    // Nothing listens on this port: GET /gateway fails, and serenity would
    // fall back to Discord's real gateway; pactbot must refuse instead.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let (mut c, _dir) = pactbot(
        &["discord"],
        &[("DISCORD_TOKEN", TOKEN), ("PACTBOT_DISCORD_API", &base)],
    );
    let out = c.output().expect("run pactbot");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not connecting to Discord's gateway"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_rejects_ends_the_bot_with_an_error() {
    let mut fake = FakeDiscord::start(Behaviour {
        reject_identify: true,
        ..Behaviour::default()
    })
    .await;
    let mut bot = Pactbot::discord(&fake, &["discord", "--shards", "1"]);
    fake.identify().await;
    let code = bot.exit_code(Duration::from_secs(15)).await;
    let log = bot.log.join("\n");
    eprintln!("the bot's log:\n{log}");
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains("error: Discord rejected the token in DISCORD_TOKEN"),
        "{log}"
    );
    assert!(!log.contains(TOKEN), "{log}");
}
