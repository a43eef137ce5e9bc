//! `/chart` and its picture, delivered everywhere: `ask --out` writes the
//! PNG, the HTTP endpoint defers and edits it in as multipart, the gateway
//! uploads it with the callback, Telegram sends it with sendPhoto.

use std::process::Output;

use pactbot::chart::{ChartKind, ChartSpec};
use pactbot::discord::endpoint::Options;
use pactbot::lang::Lang;
use pactbot::render::telegram::{check_html, CAPTION_LIMIT};
use serde_json::{json, Value};

use crate::support::child::{callback, pactbot, Pactbot};
use crate::support::fake_discord::{message_create, Behaviour, FakeDiscord, Recorded};
use crate::support::fake_telegram::{self as tg, FakeTelegram};
use crate::support::server::{built_in, signed_post, TestServer};
use crate::support::wait::{wait_for_value, DEADLINE};
use crate::support::{discord_limits as limits, payloads};

/// `pactbot args…` in an empty folder (returned, to look for files in it).
fn run_in(args: &[&str]) -> (Output, tempfile::TempDir) {
    let (mut c, dir) = pactbot(args, &[]);
    let o = c.output().expect("run pactbot");
    (o, dir)
}

/// The Ukrainian timeline picture's own title: the reply's title too.
fn uk_timeline_title() -> String {
    let spec = ChartSpec::of(ChartKind::Timeline);
    pactbot::chart::chart_data(crate::support::data::embedded(), &spec, Lang::Uk)
        .expect("the timeline is drawn")
        .title
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn out_with_an_answer_that_has_no_picture_prints_it_and_names_the_file_not_written() {
    let (o, dir) = run_in(&["ask", "--out", "t.png", "/timeline"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("**"), "the answer still prints");
    let err = text(&o.stderr);
    assert!(err.contains("no picture") && err.contains("t.png"), "{err}");
    assert!(!dir.path().join("t.png").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left behind"
    );
}

#[test]
fn out_does_not_go_with_a_batch() {
    let (o, _dir) = run_in(&["ask", "--out", "t.png", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--out"), "{}", text(&o.stderr));
}

/// Width and height of a PNG, decoded (not just its header read), and
/// whether any two pixels differ.
fn decode(bytes: &[u8]) -> (u32, u32, bool) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("PNG image data");
    let pixels = &buf[..info.buffer_size()];
    let step = info.color_type.samples() * usize::from(info.bit_depth as u8).div_ceil(8);
    let varied = pixels.chunks(step).any(|p| p != &pixels[..step]);
    (info.width, info.height, varied)
}

/// The `--json` answer to `line` (in the same empty folder as `--out`).
fn json_of(line: &str, lang: &str) -> Value {
    let (o, _dir) = run_in(&["ask", "--json", "--lang", lang, line]);
    assert!(o.status.success(), "{line}: {}", text(&o.stderr));
    serde_json::from_str(&text(&o.stdout)).expect("one JSON document")
}

#[test]
fn ask_out_writes_the_png_of_the_answer() {
    for (kind, line) in [
        ("timeline", "/chart kind:timeline"),
        ("money", "/chart kind:money"),
        ("matrix", "/chart kind:matrix"),
        ("aid", "/chart kind:aid aid:air defence"),
    ] {
        let (o, dir) = run_in(&["ask", "--out", "chart.png", line]);
        assert!(o.status.success(), "{line}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains("**"), "the answer prints: {out}");
        // The file was just written (stderr says so): no line on how to
        // save it, which the same answer without --out ends with.
        assert!(!out.contains("--out FILE.png"), "{out}");
        assert!(!out.contains(&format!("pactbot-{kind}.png")), "{out}");
        let (plain, _dir) = run_in(&["ask", line]);
        let plain = text(&plain.stdout);
        assert!(plain.contains(&format!("pactbot-{kind}.png")), "{plain}");
        assert!(
            plain.contains("`pactbot ask --out FILE.png …` saves it"),
            "{plain}"
        );
        let bytes = std::fs::read(dir.path().join("chart.png")).expect("the PNG is written");
        assert!(text(&o.stderr).contains("wrote chart.png"), "{}", text(&o.stderr));
        let meta = &json_of(line, "en")["image"];
        assert_eq!(meta["bytes"], bytes.len(), "{line}: --json names the very file");
        let (w, h, _) = decode(&bytes);
        assert_eq!(
            (w as u64, h as u64),
            (meta["width"].as_u64().unwrap(), meta["height"].as_u64().unwrap())
        );
        assert_eq!(w, pactbot::chart::WIDTH, "{line}");
        assert!(h <= pactbot::chart::HEIGHT, "{line}");
        // Only the picture: no temporary file left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "{line}");
    }
}

#[test]
fn ask_out_names_a_path_it_cannot_write() {
    let (o, dir) = run_in(&["ask", "--out", "no/such/folder/t.png", "/chart kind:timeline"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("no/such/folder/t.png"), "{err}");
    assert!(
        text(&o.stdout).contains("pactbot-timeline.png"),
        "the answer still prints"
    );
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_mistyped_kind_is_an_error_that_lists_the_kinds_and_writes_nothing() {
    let (o, dir) = run_in(&["ask", "--out", "t.png", "/chart kind:timelin"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    for want in ["timelin", "timeline", "money", "matrix", "aid", "t.png"] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!dir.path().join("t.png").exists());
}

#[test]
fn json_shows_the_image_metadata_never_its_bytes() {
    let v = json_of("/chart kind:timeline", "uk");
    assert_eq!(v["command"], "chart");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["lang"], "uk");
    assert_eq!(v["image"]["file_name"], "pactbot-timeline.png");
    assert!(v["image"]["bytes"].as_u64().unwrap() > 0);
    assert_eq!(v["as_text"], "/timeline");
    assert!(v["chart"].is_object());
    let keys: Vec<&String> = v["image"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["bytes", "description", "file_name", "height", "width"]);
}

/// What a message with a picture must be, wherever it was sent: within
/// Discord's limits, its embed showing `attachment://<file>`, and `files[0]`
/// that very PNG, of the size `--json` gives.
fn assert_picture_message(what: &str, data: &Value, r: &Recorded, lang: &str) {
    assert_picture_of(
        what,
        data,
        r,
        lang,
        "/chart kind:timeline",
        "pactbot-timeline.png",
    );
}

fn assert_picture_of(what: &str, data: &Value, r: &Recorded, lang: &str, line: &str, file_name: &str) {
    limits::assert_within_limits(what, &json!({"type": 4, "data": data}));
    let file = r
        .part("files[0]")
        .unwrap_or_else(|| panic!("{what}: no files[0] in {:?}", r.parts));
    let name = file.file_name.as_deref().expect("a file name");
    assert_eq!(name, file_name, "{what}");
    assert_eq!(file.content_type.as_deref(), Some("image/png"), "{what}");
    assert_eq!(
        data["embeds"][0]["image"]["url"],
        format!("attachment://{name}"),
        "{what}"
    );
    assert_eq!(data["attachments"][0]["id"], 0, "{what}");
    let p = limits::file_problems(data, &[(0, name, file.bytes.len())], limits::FILE_LIMIT);
    assert!(p.is_empty(), "{what}: {p:?}");
    let meta = &json_of(line, lang)["image"];
    assert_eq!(meta["bytes"], file.bytes.len(), "{what}: the chart's own bytes");
    let (w, h, _) = decode(&file.bytes);
    assert_eq!(
        (u64::from(w), u64::from(h)),
        (meta["width"].as_u64().unwrap(), meta["height"].as_u64().unwrap())
    );
}

fn chart_command(locale: &str) -> String {
    let mut v: Value = serde_json::from_str(&payloads::command(
        "chart",
        vec![payloads::string_option("kind", "timeline", false)],
    ))
    .unwrap();
    v["locale"] = json!(locale);
    v.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_endpoint_defers_a_chart_then_edits_it_in_as_multipart() {
    // The first edit is rate limited (429, retry_after 1 s): waited out, then sent again.
    let mut fake = FakeDiscord::start(Behaviour {
        edit_statuses: vec![429],
        ..Behaviour::default()
    })
    .await;
    let base = fake.api_base();
    let (mut server, url) = Pactbot::serve_env(None, &[("PACTBOT_DISCORD_API", &base)]).await;
    let http = reqwest::Client::new();
    let body = chart_command("uk");
    let interaction: Value = serde_json::from_str(&body).unwrap();
    let token = interaction["token"].as_str().unwrap();

    let (status, answer) = signed_post(&http, &url, &body).await;
    assert_eq!(status, 200);
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer, json!({"type": 5}), "deferred at once");
    limits::assert_within_limits("deferral", &answer);

    let path = format!(
        "/api/v10/webhooks/{}/{token}/messages/@original",
        payloads::APPLICATION_ID
    );
    for attempt in ["rate limited", "accepted"] {
        let r = fake.next_request().await;
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("PATCH", path.as_str()),
            "{attempt}"
        );
        assert!(
            r.content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")),
            "{:?}",
            r.content_type
        );
        assert_eq!(r.authorization, None, "the interaction token is enough");
        assert_eq!(r.parts[0].name, "payload_json");
        assert!(r.body.get("flags").is_none());
        assert_eq!(
            r.body["embeds"][0]["title"].as_str(),
            Some(uk_timeline_title().as_str()),
            "{}",
            r.body
        );
        assert_picture_message(attempt, &r.body, &r, "uk");
    }
    let line = server.expect_log(&["deferred answer edited in", "tries=2"]).await;
    assert!(line.contains("interaction=1330000000000000001"), "{line}");
    let log = server.stop().await;
    assert!(!log.contains(token), "the interaction token is never logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_edit_is_logged_and_counted() {
    let fake = FakeDiscord::start(Behaviour {
        edit_statuses: vec![400],
        ..Behaviour::default()
    })
    .await;
    let server = TestServer::start_with(
        Options {
            discord_api: Some(fake.api_base()),
            ..Options::default()
        },
        built_in(),
    )
    .await;
    let answer = server.answer(&chart_command("en-GB")).await;
    assert_eq!(answer["type"], 5);
    let failed = "pactbot_deferred_edits_total{result=\"failed\"} 1";
    let metrics = wait_for_value(DEADLINE, failed, || async {
        let m = server.get("/metrics").await.body;
        m.contains(failed).then_some(m)
    })
    .await;
    assert!(!metrics.contains("result=\"ok\""), "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_uploads_the_chart_with_its_callback() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = Pactbot::discord(&fake, &["discord"]);
    fake.identify().await;
    bot.expect_log(&["ready: connected"]).await;
    let payload: Value = serde_json::from_str(&chart_command("en-US")).unwrap();
    fake.dispatch("INTERACTION_CREATE", payload.clone());
    let r = callback(&mut fake, &payload).await;
    assert!(
        r.content_type
            .as_deref()
            .is_some_and(|c| c.starts_with("multipart/form-data")),
        "{:?}",
        r.content_type
    );
    assert_eq!(r.body["type"], 4);
    limits::assert_within_limits("gateway chart", &r.body);
    assert_picture_message("gateway", &r.body["data"], &r, "en");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_sends_the_chart_as_a_photo_with_its_caption() {
    let mut fake = FakeTelegram::start().await;
    let api = fake.api();
    let (c, dir) = pactbot(
        &["telegram"],
        &[("TELEGRAM_BOT_TOKEN", tg::TOKEN), ("PACTBOT_TELEGRAM_API", &api)],
    );
    let bot = Pactbot::spawn(c, dir);
    fake.next_call_to("getupdates").await;
    fake.push(tg::message(1, 10, -500, "/chart kind:timeline", "uk"));
    let call = fake.next_call_to("sendphoto").await;
    assert_eq!(call.text_part("chat_id").as_deref(), Some("-500"));
    assert_eq!(call.text_part("parse_mode").as_deref(), Some("HTML"));
    let caption = call.text_part("caption").expect("a caption");
    check_html(&caption).unwrap_or_else(|e| panic!("{e}: {caption}"));
    assert!(caption.encode_utf16().count() <= CAPTION_LIMIT, "{caption}");
    assert!(
        caption.starts_with(&format!("<b>{}</b>", uk_timeline_title())),
        "{caption}"
    );
    assert!(
        call.text_part("reply_parameters")
            .is_some_and(|r| r.contains("\"message_id\":10")),
        "in a group the photo replies to the command"
    );
    // `photo=attach://<name>` and a part of that name with the PNG.
    let photo = call.text_part("photo").expect("photo");
    let name = photo.strip_prefix("attach://").unwrap_or(&photo);
    let file = call
        .parts
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no part {name} in {:?}", call.parts));
    assert_eq!(file.file_name.as_deref(), Some("pactbot-timeline.png"));
    let meta = &json_of("/chart kind:timeline", "uk")["image"];
    assert_eq!(meta["bytes"], file.bytes.len());
    decode(&file.bytes);
    bot.stop().await;
}

/// The `/chart` replies on the fixture dataset: the text a reader gets
/// beside the picture, and the JSON (the chart's data, not its pixels).
const SNAPSHOTS: &[(&str, &str, bool)] = &[
    ("timeline", "/chart kind:timeline", true),
    ("money", "/chart kind:money", false),
    ("matrix", "/chart kind:matrix", false),
    ("aid_air_defence", "/chart kind:aid aid:Patriot", true),
    ("aid_typo", "/chart kind:aid aid:demning", false),
    ("aid_no_match", "/chart kind:aid aid:pizza", true),
    ("aid_missing", "/chart kind:aid", true),
    ("aid_not_allowed", "/chart kind:money aid:drones", false),
    ("unknown_kind", "/chart kind:pie", true),
];

/// The text with the numbers of its picture line (pixels and KiB, which
/// the drawing decides and changes) written as `N`; the file name stays.
fn without_size(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        if let Some((head, rest)) = l.split_once(".png") {
            if l.starts_with('🖼') {
                let mut digits = false;
                out.push_str(head);
                out.push_str(".png");
                for c in rest.chars() {
                    if c.is_ascii_digit() {
                        if !digits {
                            out.push('N');
                        }
                        digits = true;
                    } else {
                        digits = false;
                        out.push(c);
                    }
                }
                out.push('\n');
                continue;
            }
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// What the drawing decides (the chart's data, snapshot-tested with the
/// drawing in `src/chart/`; the PNG's size and bytes) is checked here
/// against `pactbot::chart` itself, then left out of the reply's snapshot,
/// so that a change to the drawing does not change the reply's.
fn redact_the_drawing(ds: &pactbot::dataset::Dataset, lang: pactbot::lang::Lang, line: &str, v: &mut Value) {
    use pactbot::chart::{chart, ChartKind, ChartSpec};
    let Some(kind) = v["chart"]["kind"].as_str() else {
        return;
    };
    let spec = ChartSpec {
        kind: ChartKind::parse(kind).expect("a kind"),
        aid: v["aid"]["id"]
            .as_str()
            .map(|a| pactbot::dataset::AidId(a.to_string())),
    };
    let drawn = chart(ds, &spec, lang).expect("drawn");
    assert_eq!(v["chart"], serde_json::to_value(&drawn.data).unwrap(), "{line}");
    assert_eq!(v["image"]["bytes"], drawn.png.len(), "{line}");
    assert_eq!(
        (&v["image"]["width"], &v["image"]["height"]),
        (&json!(drawn.width), &json!(drawn.height))
    );
    assert_eq!(v["image"]["description"], drawn.alt, "{line}");
    v["chart"] = json!({"kind": kind, "…": "chart_data(), checked above"});
    for key in ["bytes", "width", "height", "description"] {
        v["image"][key] = json!("[drawn]");
    }
}

#[test]
fn chart_replies_in_english_and_ukrainian() {
    use pactbot::lang::Lang;
    use pactbot::render;
    let ds = crate::support::data::fixture_dataset();
    for lang in Lang::ALL {
        for (name, line, json) in SNAPSHOTS {
            let reply = pactbot::answer(ds, line, lang);
            let picture = reply.image.is_some();
            assert_eq!(picture, reply.status == pactbot::reply::Status::Ok, "{line}");
            let name = format!("chart_{}_{name}", lang.as_str());
            insta::assert_snapshot!(
                format!("{name}_text"),
                without_size(&render::text::render(&reply)),
                line
            );
            if *json {
                let mut v = render::json::render(&pactbot::answer_json(ds, line, lang));
                redact_the_drawing(ds, lang, line, &mut v);
                insta::assert_json_snapshot!(format!("{name}_json"), v, line);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_waits_for_the_edits_under_way() {
    // Two 5xx: the edit is retried with backoff, and SIGTERM comes between.
    let mut fake = FakeDiscord::start(Behaviour {
        edit_statuses: vec![502, 503],
        ..Behaviour::default()
    })
    .await;
    let base = fake.api_base();
    let (mut server, url) = Pactbot::serve_env(None, &[("PACTBOT_DISCORD_API", &base)]).await;
    let (status, _) = signed_post(&reqwest::Client::new(), &url, &chart_command("en-GB")).await;
    assert_eq!(status, 200);
    let first = fake.next_request().await;
    assert_eq!(first.method, "PATCH");
    server.sigterm();
    for _ in 0..2 {
        let r = fake.next_request().await;
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("PATCH", first.path.as_str())
        );
    }
    let code = server.exit_code(DEADLINE).await;
    let log = server.log.join("\n");
    assert_eq!(code, Some(0), "{log}");
    assert!(
        log.contains("deferred answer edited in") && log.contains("tries=3"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_to_a_chart_defers_the_update_then_edits_it_in() {
    // "Which one did you mean?" offers charts as buttons; pressing one on
    // the HTTP endpoint updates the message in place, picture and all.
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let server = TestServer::start_with(
        Options {
            discord_api: Some(fake.api_base()),
            ..Options::default()
        },
        built_in(),
    )
    .await;
    let ask = server
        .answer(&payloads::command(
            "chart",
            vec![
                payloads::string_option("kind", "aid", false),
                payloads::string_option("aid", "air", false),
            ],
        ))
        .await;
    assert_eq!(ask["type"], 4, "no picture yet: which aid type?");
    let button = crate::support::page_buttons(&ask)
        .into_iter()
        .map(|(_, id)| id)
        .find(|id| id == "pg:/chart kind:aid aid:air-defence")
        .unwrap_or_else(|| panic!("no chart button in {ask}"));
    let answer = server.answer(&payloads::button(&button)).await;
    assert_eq!(answer, json!({"type": 6}), "deferred update");
    let r = fake.next_request().await;
    assert_eq!(r.method, "PATCH");
    assert!(r.path.ends_with("/messages/@original"), "{}", r.path);
    assert_picture_of(
        "button",
        &r.body,
        &r,
        "en",
        "/chart kind:aid aid:air-defence",
        "pactbot-aid.png",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_for_a_chart_in_a_mention_is_answered_with_the_picture() {
    let mut fake = FakeDiscord::start(Behaviour::default()).await;
    let mut bot = Pactbot::discord(&fake, &["discord"]);
    fake.identify().await;
    bot.expect_log(&["ready: connected"]).await;
    let asked = format!(
        "<@{}> show me a chart of signings",
        crate::support::APPLICATION_ID
    );
    fake.dispatch("MESSAGE_CREATE", message_create(903, &asked, true, true));
    let r = loop {
        let r = fake.next_request().await;
        if r.method == "POST" && r.path.ends_with("/messages") {
            break r;
        }
    };
    assert_eq!(r.body["message_reference"]["message_id"], "903");
    assert_picture_message("mention", &r.body, &r, "en");
    bot.stop().await;
}

/// A chart reply's description tells how to read the picture; it must not
/// open by repeating the title above it (the timeline's once began with the
/// title's own words, «Безпекові угоди, підписані щомісяця, …»).
#[test]
fn a_chart_description_does_not_repeat_its_title() {
    let ds = crate::support::data::embedded();
    for lang in Lang::ALL {
        for line in [
            "/chart kind:timeline",
            "/chart kind:money",
            "/chart kind:matrix",
            "/chart kind:aid aid:drones",
        ] {
            let reply = pactbot::answer(ds, line, lang);
            let words = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .take(3)
                    .map(str::to_lowercase)
                    .collect()
            };
            let (title, description) = (words(&reply.title), words(&reply.description));
            assert_eq!(title.len(), 3, "{line} {lang:?}: {}", reply.title);
            assert_ne!(
                title, description,
                "{line} {lang:?}: the description repeats the title: {}",
                reply.description
            );
        }
    }
}

/// A chart asked for one system draws its whole kind of aid; the reply
/// says so and names the text answer for the system itself, so "chart of
/// F-16" is not read as every partner in it pledging F-16s.
#[test]
fn a_chart_of_a_system_says_it_draws_the_whole_kind() {
    let ds = crate::support::data::embedded();
    for lang in Lang::ALL {
        let reply = pactbot::answer(ds, "/chart kind:aid aid:F-16", lang);
        assert_eq!(reply.status, pactbot::reply::Status::Ok);
        assert!(
            reply.description.contains("`/pledged aid:F-16`"),
            "{lang:?}: {}",
            reply.description
        );
        let kind = pactbot::answer(ds, "/chart kind:aid aid:combat aircraft", lang);
        assert!(
            !kind.description.contains("/pledged aid:"),
            "{lang:?}: {}",
            kind.description
        );
    }
}
