//! Questions in messages: a message that mentions the bot, or any direct
//! message to it, is a question (or a slash-command line) answered with a
//! reply to that message.
//!
//! No privileged intent is needed: Discord fills in `content` without
//! MESSAGE_CONTENT for messages that mention the app and for DMs (see
//! `GUILD_MESSAGES` and `DIRECT_MESSAGES` in `gateway.rs`). Every reply is
//! sent with mentions disabled, the replied-to author included.

use serde_json::{json, Value};

/// The text to answer in a message, or `None` when the message is not for
/// the bot: not a DM and not mentioning it, or written by a bot.
/// The bot's own mention (`<@ID>`, `<@!ID>`) is taken out; a bare mention
/// asks for `/help`.
pub fn question_in(
    content: &str,
    mentions_bot: bool,
    is_dm: bool,
    author_is_bot: bool,
    bot_id: u64,
) -> Option<String> {
    if author_is_bot || !(mentions_bot || is_dm) {
        return None;
    }
    let mut text = content.to_string();
    for token in [format!("<@{bot_id}>"), format!("<@!{bot_id}>")] {
        text = text.replace(&token, " ");
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text: String = text.chars().take(crate::question::QUESTION_CHAR_LIMIT).collect();
    Some(if text.is_empty() {
        "/help".to_string()
    } else {
        text
    })
}

/// The create-message body replying to `message_id`, from the interaction
/// response the same answer has (`type` 4): its embeds and buttons, no
/// ephemeral flag (a channel message cannot be one), no mentions at all.
pub fn reply_body(interaction_response: &str, message_id: u64) -> Option<Value> {
    let v: Value = serde_json::from_str(interaction_response).ok()?;
    let data = v.get("data")?;
    let mut body = json!({
        "embeds": data.get("embeds").cloned().unwrap_or_else(|| json!([])),
        "allowed_mentions": { "parse": [], "users": [], "roles": [], "replied_user": false },
        "message_reference": { "message_id": message_id.to_string(), "fail_if_not_exists": false },
    });
    if let Some(c) = data
        .get("components")
        .filter(|c| c.as_array().is_some_and(|a| !a.is_empty()))
    {
        body["components"] = c.clone();
    }
    // A picture uploaded with the message (the gateway adds the file).
    if let Some(a) = data.get("attachments") {
        body["attachments"] = a.clone();
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_mentions_and_dms_from_people_are_questions() {
        let q = |c: &str, m, dm, bot| question_in(c, m, dm, bot, 42);
        assert_eq!(
            q("<@42> who pledged drones?", true, false, false).as_deref(),
            Some("who pledged drones?")
        );
        assert_eq!(
            q("hey <@!42>   compare UK and US", true, false, false).as_deref(),
            Some("hey compare UK and US")
        );
        assert_eq!(
            q("who pledged drones?", false, true, false).as_deref(),
            Some("who pledged drones?")
        );
        assert_eq!(q("<@42>", true, false, false).as_deref(), Some("/help"));
        assert_eq!(q("who pledged drones?", false, false, false), None);
        assert_eq!(q("<@42> hi", true, false, true), None);
    }

    #[test]
    fn the_reply_quotes_the_message_and_mentions_nobody() {
        let response = r#"{"type":4,"data":{"embeds":[{"title":"t"}],"flags":64,"components":[],"allowed_mentions":{"parse":[]}}}"#;
        let b = reply_body(response, 7).expect("a body");
        assert_eq!(b["message_reference"]["message_id"], "7");
        assert_eq!(b["allowed_mentions"]["parse"], json!([]));
        assert_eq!(b["allowed_mentions"]["replied_user"], false);
        assert!(b.get("flags").is_none() && b.get("components").is_none());
        assert_eq!(b["embeds"][0]["title"], "t");
    }
}
