//! The real binary (`pactbot telegram`) against the fake Bot API on
//! 127.0.0.1: commands in private chats and groups, a Ukrainian question,
//! an inline query, a page button, a 429 and a 400, SIGTERM, the token
//! rules, and the webhook with right and wrong secrets. Every message the
//! bot sends is checked as Telegram HTML within 4,096 characters.

use serde_json::{json, Value};

use crate::support::child::{pactbot, Pactbot};
use crate::support::fake_telegram::{self as tg, Call, FakeTelegram, Fault, TOKEN};
use crate::support::wait::DEADLINE;
use pactbot::render::telegram::{check_html, MESSAGE_LIMIT};

fn start(fake: &FakeTelegram, args: &[&str]) -> Pactbot {
    let api = fake.api();
    let mut all = vec!["telegram"];
    all.extend_from_slice(args);
    let (c, dir) = pactbot(
        &all,
        &[("TELEGRAM_BOT_TOKEN", TOKEN), ("PACTBOT_TELEGRAM_API", &api)],
    );
    Pactbot::spawn(c, dir)
}

/// The text of a sendMessage/editMessageText, checked against Telegram's rules.
fn html(call: &Call) -> String {
    assert_eq!(call.body["parse_mode"], "HTML", "{:?}", call.body);
    assert_eq!(
        call.body["link_preview_options"]["is_disabled"], true,
        "{:?}",
        call.body
    );
    let text = call.body["text"].as_str().expect("text").to_string();
    if let Err(e) = check_html(&text) {
        panic!("{e}\n{text}");
    }
    assert!(text.encode_utf16().count() <= MESSAGE_LIMIT);
    text
}

fn buttons(call: &Call) -> Vec<(String, String)> {
    call.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["text"].as_str().unwrap_or("").to_string(),
                b["callback_data"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The next sendMessage to `chat` (a long answer is several messages).
async fn sent_to(fake: &mut FakeTelegram, chat: i64) -> Call {
    loop {
        let c = fake.next_call_to("sendmessage").await;
        html(&c);
        if c.body["chat_id"] == chat {
            return c;
        }
    }
}

/// Starts the bot and waits until it polls (after getMe and the menus).
async fn running(fake: &mut FakeTelegram) -> Pactbot {
    let p = start(fake, &[]);
    let first = fake.next_call_to("getme").await;
    assert_eq!(
        first.written, "GetMe",
        "teloxide writes PascalCase; the fake routes any case"
    );
    let mut menus = Vec::new();
    for _ in 0..2 {
        menus.push(fake.next_call_to("setmycommands").await.body);
    }
    let uk = menus
        .iter()
        .find(|m| m["language_code"] == "uk")
        .expect("a Ukrainian menu");
    let en = menus
        .iter()
        .find(|m| m.get("language_code").is_none())
        .expect("the default menu");
    let names = |m: &Value| {
        m["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["command"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    for want in [
        "pledged",
        "agreement",
        "search",
        "compare",
        "timeline",
        "stats",
        "about",
        "help",
        "ask",
    ] {
        assert!(names(en).iter().any(|n| n == want), "{want} missing from {en}");
    }
    assert_eq!(names(en), names(uk));
    assert_ne!(en["commands"][0]["description"], uk["commands"][0]["description"]);
    fake.next_call_to("getupdates").await;
    p
}

#[tokio::test]
async fn commands_questions_groups_and_stop() {
    let mut fake = FakeTelegram::start().await;
    let p = running(&mut fake).await;

    // A command in a private chat, typed as Telegram users type it.
    fake.push(tg::message(1, 10, 77, "/pledged air defence", "en"));
    let sent = fake.next_call_to("sendmessage").await;
    assert_eq!(sent.body["chat_id"], 77);
    assert!(
        sent.body.get("reply_parameters").is_none(),
        "no reply-to in a private chat"
    );
    let text = html(&sent);
    assert!(text.starts_with("<b>"), "{text}");
    assert!(
        text.contains("Germany") || text.contains("United Kingdom"),
        "{text}"
    );

    // A question in Ukrainian from an English-speaking client: answered in Ukrainian.
    // (Another chat, since a long answer is several messages.)
    fake.push(tg::message(2, 11, 78, "хто дав ППО?", "en"));
    let text = html(&sent_to(&mut fake, 78).await);
    assert!(text.contains("Зрозуміло як"), "{text}");

    // In a group: another bot's command is left alone; ours, with the
    // bot's name, is answered as a reply to the asking message.
    fake.push(tg::message(3, 12, -500, "/pledged@some_other_bot drones", "uk"));
    fake.push(tg::message(
        4,
        13,
        -500,
        &format!("/pledged@{} drones", tg::USERNAME),
        "uk",
    ));
    let sent = sent_to(&mut fake, -500).await;
    assert_eq!(sent.body["chat_id"], -500);
    assert_eq!(sent.body["reply_parameters"]["message_id"], 13, "{:?}", sent.body);
    let text = html(&sent);
    assert!(
        text.contains("Дрони") || text.contains("дрон"),
        "language_code uk answers in Ukrainian: {text}"
    );

    // A question in a group needs a mention.
    fake.push(tg::message(5, 14, -500, "who pledged drones?", "en"));
    fake.push(tg::message(
        6,
        15,
        -500,
        &format!("@{} what did Japan pledge?", tg::USERNAME),
        "en",
    ));
    let sent = sent_to(&mut fake, -500).await;
    assert_eq!(sent.body["reply_parameters"]["message_id"], 15);
    assert!(html(&sent).contains("Japan"));

    let log = p.stop().await;
    // One line per update, ignored ones included.
    for id in 1..=6 {
        assert!(
            log.contains(&format!("update={id} ")),
            "update {id} not logged:\n{log}"
        );
    }
    assert!(log.contains("status=\"ignored\""), "{log}");
    assert!(
        !log.contains("AAFakeToken"),
        "the token leaked into the log:\n{log}"
    );
    // The last poll confirms what was answered, so nothing is answered twice.
    let last = fake
        .drain()
        .into_iter()
        .rev()
        .find(|c| c.method == "getupdates")
        .expect("a last getUpdates");
    assert_eq!(last.body["offset"], 7, "{:?}", last.body);
}

#[tokio::test]
async fn page_buttons_inline_queries_and_faults() {
    let mut fake = FakeTelegram::start().await;
    let p = running(&mut fake).await;

    // A paged answer has a next button; pressing it edits the message.
    fake.push(tg::message(1, 10, 88, "/agreement GB", "en"));
    let sent = fake.next_call_to("sendmessage").await;
    html(&sent);
    let b = buttons(&sent);
    let (_, data) = b.last().expect("a next button").clone();
    assert!(data.len() <= 64, "{data}");
    fake.push(tg::button(2, 88, 1000, &data, "en"));
    let edit = fake.next_call_to("editmessagetext").await;
    assert_eq!(
        (edit.body["chat_id"].clone(), edit.body["message_id"].clone()),
        (json!(88), json!(1000))
    );
    let page = html(&edit);
    assert_ne!(page, sent.body["text"].as_str().unwrap(), "the next page differs");
    assert!(!buttons(&edit).is_empty(), "the next page can go back");
    fake.next_call_to("answercallbackquery").await;
    // A button from something else is answered with a notice, not an answer.
    fake.push(tg::button(3, 88, 1000, "garbage", "uk"));
    let ack = fake.next_call_to("answercallbackquery").await;
    assert!(
        ack.body["text"].as_str().unwrap_or("").contains("застаріла"),
        "{:?}",
        ack.body
    );

    // Inline mode: partners and aid types ranked by the resolver.
    fake.push(tg::inline_query(4, "germ", "en"));
    let answer = fake.next_call_to("answerinlinequery").await;
    let results = answer.body["results"].as_array().expect("results");
    assert!(!results.is_empty() && results.len() <= 50, "{}", results.len());
    assert_eq!(results[0]["title"], "Germany", "{:?}", results[0]);
    for r in results {
        let text = r["input_message_content"]["message_text"].as_str().expect("text");
        assert_eq!(check_html(text), Ok(()), "{text}");
        assert_eq!(r["input_message_content"]["parse_mode"], "HTML");
    }
    fake.push(tg::inline_query(5, "", "uk"));
    let answer = fake.next_call_to("answerinlinequery").await;
    assert_eq!(answer.body["results"].as_array().map(Vec::len), Some(50));

    // 429: waited out, then sent; a 400: logged with its description, and
    // the bot goes on with the next update.
    fake.fail("sendMessage", [Fault::RetryAfter(1)]);
    fake.push(tg::message(6, 16, 88, "/stats", "en"));
    let first = fake.next_call_to("sendmessage").await;
    let again = fake.next_call_to("sendmessage").await;
    assert_eq!(first.body, again.body, "the same message, sent again");
    fake.fail("sendMessage", [Fault::Status(400, "Bad Request: chat not found")]);
    fake.push(tg::message(7, 17, 91, "/about", "en"));
    fake.push(tg::message(8, 18, 92, "/help", "en"));
    let help = sent_to(&mut fake, 92).await;
    assert!(html(&help).contains("/pledged"));
    let log = p.stop().await;
    assert!(log.contains("retry_after_s=1"), "{log}");
    assert!(log.contains("Bad Request: chat not found"), "{log}");
}

#[tokio::test]
async fn the_token_is_required_and_never_echoed() {
    let (c, dir) = pactbot(&["telegram"], &[]);
    let mut p = Pactbot::spawn(c, dir);
    assert_eq!(p.exit_code(DEADLINE).await, Some(2));
    assert!(
        p.log.join("\n").contains("TELEGRAM_BOT_TOKEN is not set"),
        "{:?}",
        p.log
    );

    let bad = "123:not-a-real-token";
    let (c, dir) = pactbot(&["telegram"], &[("TELEGRAM_BOT_TOKEN", bad)]);
    let mut p = Pactbot::spawn(c, dir);
    assert_eq!(p.exit_code(DEADLINE).await, Some(2));
    let log = p.log.join("\n");
    assert!(
        log.contains("TELEGRAM_BOT_TOKEN is malformed") && !log.contains(bad),
        "{log}"
    );

    // A test API that does not answer getMe: refuse to start (no fallback to Telegram).
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let api = format!("http://{closed}");
    let (c, dir) = pactbot(
        &["telegram"],
        &[("TELEGRAM_BOT_TOKEN", TOKEN), ("PACTBOT_TELEGRAM_API", &api)],
    );
    let mut p = Pactbot::spawn(c, dir);
    assert_eq!(p.exit_code(DEADLINE).await, Some(1));
    let log = p.log.join("\n");
    assert!(
        log.contains("getMe failed") && !log.contains("AAFakeToken"),
        "{log}"
    );
}

#[tokio::test]
async fn the_webhook_takes_only_updates_with_the_secret() {
    let mut fake = FakeTelegram::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let url = format!("http://{listen}/telegram/hook");
    let api = fake.api();
    let secret = "s3cret_Token-for-tests";
    let (c, dir) = pactbot(
        &["telegram", "--webhook-url", &url, "--listen", &listen],
        &[
            ("TELEGRAM_BOT_TOKEN", TOKEN),
            ("PACTBOT_TELEGRAM_API", &api),
            ("TELEGRAM_WEBHOOK_SECRET", secret),
        ],
    );
    let mut p = Pactbot::spawn(c, dir);
    let set = fake.next_call_to("setwebhook").await;
    assert!(
        set.raw.contains(secret) && set.raw.contains("/telegram/hook"),
        "{}",
        set.raw
    );
    p.expect_log(&["webhook listening"]).await;

    let client = reqwest::Client::new();
    let update = tg::message(1, 10, 99, "/agreement France", "en");
    for wrong in [Some("wrong"), None] {
        let mut req = client.post(&url).json(&update);
        if let Some(w) = wrong {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", w);
        }
        assert_eq!(req.send().await.unwrap().status(), 401);
    }
    let ok = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", secret)
        .json(&tg::message(2, 11, 99, "/agreement Japan", "en"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let sent = fake.next_call_to("sendmessage").await;
    let text = html(&sent);
    assert!(
        text.contains("Japan") && !text.contains("France"),
        "only the update with the secret is answered: {text}"
    );
    let log = p.stop().await;
    assert_eq!(log.matches("refused (401)").count(), 2, "{log}");
    assert!(
        fake.drain().iter().all(|c| c.method != "sendmessage"),
        "the refused updates changed nothing"
    );
}
