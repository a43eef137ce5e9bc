//! Questions in messages, end to end: the real `pactbot discord` binary
//! against the fake Discord on 127.0.0.1. A message that mentions the bot
//! and a DM to it are answered with a reply to that message (mentions
//! disabled, "Understood as" in the embed); a guild message that does not
//! mention the bot gets no answer. Every wait is bounded.

use std::time::Duration;

use crate::support::child::Pactbot;
use crate::support::fake_discord::{message_create, Behaviour, FakeDiscord, Recorded};
use crate::support::{discord_limits as limits, APPLICATION_ID};
use serde_json::json;

/// The next request that posts a message, skipping the start-up requests.
async fn next_message(fake: &mut FakeDiscord) -> Recorded {
    loop {
        let r = fake.next_request().await;
        if r.method == "POST" && r.path.ends_with("/messages") {
            return r;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_and_a_dm_are_answered_with_a_reply() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = Pactbot::discord(&fake, &["discord"]);
    let identify = fake.identify().await;
    assert_eq!(
        identify["intents"],
        (1 << 9) | (1 << 12),
        "GUILD_MESSAGES | DIRECT_MESSAGES, nothing privileged"
    );
    bot.expect_log(&["ready: connected"]).await;

    // Not for the bot: a guild message without a mention. Then a mention;
    // the first message posted must answer the mention, not this one.
    fake.dispatch(
        "MESSAGE_CREATE",
        message_create(900, "who pledged drones?", false, true),
    );
    let asked = format!("<@{APPLICATION_ID}> which Nordic countries pledged F-16s?");
    fake.dispatch("MESSAGE_CREATE", message_create(901, &asked, true, true));
    let r = next_message(&mut fake).await;
    assert_eq!(r.path, "/api/v10/channels/1310000000000000500/messages");
    assert_eq!(
        r.body["message_reference"]["message_id"], "901",
        "a reply to the mention"
    );
    assert_eq!(r.body["allowed_mentions"]["parse"], json!([]));
    assert_eq!(r.body["allowed_mentions"]["replied_user"], false);
    let embed = &r.body["embeds"][0];
    let description = embed["description"].as_str().expect("a description");
    assert!(
        description.contains("Understood as `/pledged aid:F-16 group:nordic`"),
        "{description}"
    );
    let fields = embed["fields"].to_string();
    assert!(
        fields.contains("Denmark") && !fields.contains("Netherlands"),
        "{fields}"
    );
    limits::assert_within_limits("mention reply", &json!({ "type": 4, "data": r.body.clone() }));
    bot.expect_log(&["message answered", "kind=\"message\"", "command=\"pledged\""])
        .await;

    // A DM needs no mention, and is answered in its language.
    fake.dispatch(
        "MESSAGE_CREATE",
        message_create(902, "хто дав ППО?", false, false),
    );
    let r = next_message(&mut fake).await;
    assert_eq!(r.body["message_reference"]["message_id"], "902");
    let description = r.body["embeds"][0]["description"]
        .as_str()
        .expect("a description")
        .to_string();
    assert!(
        description.contains("`/pledged aid:air-defence`"),
        "{description}"
    );

    bot.sigterm();
    assert_eq!(
        bot.exit_code(Duration::from_secs(10)).await,
        Some(0),
        "{}",
        bot.log.join("\n")
    );
    let log = bot.log.join("\n");
    assert!(
        !log.contains("Nordic countries pledged"),
        "a message's text was logged:\n{log}"
    );
}
