//! The HTTP interactions endpoint over 127.0.0.1: a real server on an
//! ephemeral port, a real HTTP client (and raw sockets where a request must
//! stall half-way), and requests signed as Discord signs them with a fixed
//! test key pair.

use crate::support::data::copy_tree;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::support::payloads as discord;
use crate::support::payloads::{integer_option as int, string_option as opt};
use pactbot::dataset::{DataSource, Dataset, SharedDataset};
use pactbot::discord::endpoint::{self, Endpoint, Options};
use pactbot::discord::interaction;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn dataset() -> Arc<Dataset> {
    static DS: OnceLock<Arc<Dataset>> = OnceLock::new();
    Arc::clone(DS.get_or_init(|| Arc::new(Dataset::embedded().expect("the built-in dataset loads"))))
}

struct Server {
    addr: SocketAddr,
    endpoint: Arc<Endpoint>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    http: reqwest::Client,
}

struct Resp {
    status: u16,
    content_type: String,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn built_in() -> SharedDataset {
    SharedDataset::new(DataSource::Embedded, Dataset::embedded().unwrap())
}

async fn start() -> Server {
    start_with(Options::default(), built_in()).await
}

async fn start_with(options: Options, data: SharedDataset) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let key = endpoint::public_key(|_| Some(discord::public_key_hex())).unwrap();
    let ep = Endpoint::new(key, Arc::new(data), &options);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(endpoint::serve(listener, &ep, &options, async move {
        let _ = stopped.await;
    }));
    Server {
        addr,
        endpoint: ep,
        stop: Some(stop),
        task,
        http: reqwest::Client::new(),
    }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Resp {
        let r = req.send().await.expect("the server answers");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let content_type = headers
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = r.text().await.unwrap();
        Resp {
            status,
            content_type,
            headers,
            body,
        }
    }

    /// POST /interactions with exactly these signature headers (None = absent).
    async fn post(&self, sig: Option<&str>, ts: Option<&str>, body: &str) -> Resp {
        let mut req = self
            .http
            .post(self.url("/interactions"))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(s) = sig {
            req = req.header("x-signature-ed25519", s);
        }
        if let Some(t) = ts {
            req = req.header("x-signature-timestamp", t);
        }
        self.send(req).await
    }

    /// POST /interactions signed now, as Discord does.
    async fn signed(&self, body: &str) -> Resp {
        let ts = discord::unix_now().to_string();
        let sig = discord::sign(&ts, body.as_bytes());
        self.post(Some(&sig), Some(&ts), body).await
    }

    async fn get(&self, path: &str) -> Resp {
        self.send(self.http.get(self.url(path))).await
    }

    async fn stop(mut self) -> std::io::Result<()> {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the server stops")
            .unwrap()
    }
}

/// The answer the gateway would send for the same payload.
fn fresh(body: &str) -> Value {
    fresh_from(&dataset(), body)
}

fn fresh_from(ds: &Dataset, body: &str) -> Value {
    let i = interaction::parse(body.as_bytes()).expect("a valid interaction");
    serde_json::to_value(interaction::respond(ds, &i).0).unwrap()
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Discord's limits on a message (type 4) or an update (type 7), and mentions off.
fn check_message(v: &Value) {
    let kind = v["type"].as_u64().unwrap();
    assert!(kind == 4 || kind == 7, "type {kind}");
    let data = &v["data"];
    assert_eq!(
        data["allowed_mentions"]["parse"],
        json!([]),
        "mentions must be off: {v}"
    );
    let embeds = data["embeds"].as_array().expect("embeds");
    assert!((1..=10).contains(&embeds.len()));
    let mut total = 0;
    for e in embeds {
        assert!((1..=256).contains(&chars(&e["title"])), "title {}", e["title"]);
        assert!(chars(&e["description"]) <= 4096);
        assert!(chars(&e["footer"]["text"]) <= 2048);
        let fields = e["fields"].as_array().map_or(&[][..], Vec::as_slice);
        assert!(fields.len() <= 25);
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
        for f in fields {
            assert!((1..=256).contains(&chars(&f["name"])), "field name {}", f["name"]);
            assert!(
                (1..=1024).contains(&chars(&f["value"])),
                "field value {}",
                f["value"]
            );
            total += chars(&f["name"]) + chars(&f["value"]);
        }
    }
    assert!(total <= 6000, "{total} characters in embeds");
    for row in data["components"].as_array().map_or(&[][..], Vec::as_slice) {
        let buttons = row["components"].as_array().unwrap();
        assert!(buttons.len() <= 5);
        for b in buttons {
            assert!((1..=80).contains(&chars(&b["label"])));
            assert!(
                (1..=100).contains(&chars(&b["custom_id"])),
                "custom_id {}",
                b["custom_id"]
            );
        }
    }
}

/// A signed request answered 200 with JSON equal to the gateway's answer
/// from the server's current dataset, twice (the second from the answer cache).
async fn answered(server: &Server, body: &str) -> Value {
    let expected = fresh_from(&server.endpoint.data().current(), body);
    for round in ["first", "repeated"] {
        let r = server.signed(body).await;
        assert_eq!(r.status, 200, "{round}: {}", r.body);
        assert_eq!(r.content_type, "application/json");
        assert_eq!(r.json(), expected, "{round} answer differs from the gateway's");
    }
    expected
}

fn flip_first_byte(sig: &str) -> String {
    let first = u8::from_str_radix(&sig[..2], 16).unwrap() ^ 0x01;
    format!("{first:02x}{}", &sig[2..])
}

#[tokio::test]
async fn a_ping_is_answered_pong() {
    let s = start().await;
    let r = s.signed(&discord::ping()).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type, "application/json");
    assert_eq!(r.body, r#"{"type":1}"#);
    // Upper-case hex is the same signature.
    let ts = discord::unix_now().to_string();
    let sig = discord::sign(&ts, discord::ping().as_bytes()).to_uppercase();
    assert_eq!(s.post(Some(&sig), Some(&ts), &discord::ping()).await.status, 200);
    s.stop().await.unwrap();
}

/// What Discord does when the URL is saved and at random later: a valid
/// PING must be answered, and requests with bad signatures refused.
#[tokio::test]
async fn discords_endpoint_check_passes() {
    let s = start().await;
    let ping = discord::ping();
    let ts = discord::unix_now().to_string();
    let good = discord::sign(&ts, ping.as_bytes());
    assert_eq!(s.post(Some(&good), Some(&ts), &ping).await.body, r#"{"type":1}"#);

    let other_ts = (discord::unix_now() - 1).to_string();
    let invalid = [
        ("random signature", hex::encode([0x5a; 64]), ts.clone()),
        ("one bit changed", flip_first_byte(&good), ts.clone()),
        (
            "signature of another timestamp",
            discord::sign(&other_ts, ping.as_bytes()),
            ts.clone(),
        ),
        (
            "right signature, other timestamp header",
            good.clone(),
            other_ts.clone(),
        ),
        (
            "signature of another body",
            discord::sign(&ts, ping.replace("\"version\":1", "\"version\":2").as_bytes()),
            ts.clone(),
        ),
        ("all zeros", "0".repeat(128), ts.clone()),
    ];
    for (what, sig, ts) in invalid {
        let r = s.post(Some(&sig), Some(&ts), &ping).await;
        assert_eq!(r.status, 401, "{what} was accepted");
        assert!(!r.body.contains("type"), "{what}: {}", r.body);
    }
    assert_eq!(s.post(Some(&good), Some(&ts), &ping).await.status, 200);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn every_bad_signature_is_refused_with_401() {
    let s = start().await;
    let ping = discord::ping();
    let now = discord::unix_now();
    let ts = now.to_string();
    let sig = discord::sign(&ts, ping.as_bytes());
    let other_key = ed25519_dalek::SigningKey::from_bytes(&discord::OTHER_SEED);

    let cases: Vec<(&str, Option<String>, Option<String>)> = vec![
        ("no headers", None, None),
        ("no signature", None, Some(ts.clone())),
        ("no timestamp", Some(sig.clone()), None),
        ("empty signature", Some(String::new()), Some(ts.clone())),
        ("signature not hex", Some("zz".repeat(64)), Some(ts.clone())),
        (
            "signature too short",
            Some(sig[..126].to_string()),
            Some(ts.clone()),
        ),
        ("signature too long", Some(format!("{sig}00")), Some(ts.clone())),
        ("wrong signature", Some(flip_first_byte(&sig)), Some(ts.clone())),
        (
            "signed by another key",
            Some(discord::sign_with(&other_key, &ts, ping.as_bytes())),
            Some(ts.clone()),
        ),
        (
            "timestamp not a number",
            Some(discord::sign("soon", ping.as_bytes())),
            Some("soon".into()),
        ),
        (
            "negative timestamp",
            Some(discord::sign("-1", ping.as_bytes())),
            Some("-1".into()),
        ),
    ];
    for (what, sig, ts) in cases {
        let r = s.post(sig.as_deref(), ts.as_deref(), &ping).await;
        assert_eq!(r.status, 401, "{what}: {}", r.body);
    }

    // Correctly signed, but too old or too far ahead (a replay window of 5 minutes).
    for (what, t, expected) in [
        ("stale by 301 s", now - 301, 401),
        ("ahead by 301 s", now + 301, 401),
        ("a day old", now - 86_400, 401),
        ("4 min 50 s old", now - 290, 200),
        ("4 min 50 s ahead", now + 290, 200),
    ] {
        let t = t.to_string();
        let r = s
            .post(Some(&discord::sign(&t, ping.as_bytes())), Some(&t), &ping)
            .await;
        assert_eq!(r.status, expected, "{what}");
    }
    s.stop().await.unwrap();
}

#[tokio::test]
async fn valid_signatures_on_bad_bodies_are_refused_with_400() {
    let s = start().await;
    for (what, body) in [
        ("malformed JSON", "{\"type\":1".to_string()),
        ("not JSON", "type=1".to_string()),
        ("empty", String::new()),
        ("an array", "[1]".to_string()),
        ("no type", r#"{"id":"1"}"#.to_string()),
        (
            "unknown type 99",
            discord::ping().replace("\"type\":1", "\"type\":99"),
        ),
        ("type 0", discord::ping().replace("\"type\":1", "\"type\":0")),
        (
            "type as a string",
            discord::ping().replace("\"type\":1", "\"type\":\"1\""),
        ),
        (
            "command without its data",
            r#"{"type":2,"id":"1","token":"t"}"#.to_string(),
        ),
        (
            "command missing channel_id",
            discord::command("stats", vec![]).replace("\"channel_id\"", "\"channel_idx\""),
        ),
    ] {
        let r = s.signed(&body).await;
        assert_eq!(r.status, 400, "{what}: {}", r.body);
    }
    s.stop().await.unwrap();
}

#[tokio::test]
async fn other_paths_and_methods() {
    let s = start().await;
    let r = s.get("/interactions").await;
    assert_eq!(r.status, 405);
    assert_eq!(r.headers["allow"], "POST");
    assert_eq!(s.send(s.http.put(s.url("/interactions"))).await.status, 405);
    assert_eq!(s.get("/nope").await.status, 404);
    assert_eq!(s.get("/").await.status, 404);
    assert_eq!(s.send(s.http.post(s.url("/nope")).body("{}")).await.status, 404);
    assert_eq!(s.send(s.http.post(s.url("/healthz"))).await.status, 405);
    s.stop().await.unwrap();
}

/// Sends a raw HTTP/1.1 request (all of it) and reads the answer's status.
async fn raw(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let mut c = TcpStream::connect(addr).await.unwrap();
    c.write_all(head.as_bytes()).await.unwrap();
    // The server may answer (and close) before reading all of it.
    let _ = c.write_all(body).await;
    read_response(&mut c).await
}

async fn read_response(c: &mut TcpStream) -> (u16, String) {
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

fn head(ts: &str, sig: &str, framing: &str) -> String {
    format!(
        "POST /interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         X-Signature-Ed25519: {sig}\r\nX-Signature-Timestamp: {ts}\r\n{framing}Connection: close\r\n\r\n"
    )
}

#[tokio::test]
async fn bodies_over_64_kib_are_refused_with_413() {
    let s = start().await;
    // 65 KiB, validly signed: refused on Content-Length, before reading it.
    let big = format!(r#"{{"type":1,"pad":"{}"}}"#, "x".repeat(65 * 1024));
    let ts = discord::unix_now().to_string();
    let sig = discord::sign(&ts, big.as_bytes());
    let (status, _) = raw(
        s.addr,
        &head(&ts, &sig, &format!("Content-Length: {}\r\n", big.len())),
        big.as_bytes(),
    )
    .await;
    assert_eq!(status, 413);
    // The same without a length (chunked): refused once 64 KiB have arrived.
    let mut chunked = Vec::new();
    for part in big.as_bytes().chunks(8192) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (status, _) = raw(
        s.addr,
        &head(&ts, &sig, "Transfer-Encoding: chunked\r\n"),
        &chunked,
    )
    .await;
    assert_eq!(status, 413);
    // Exactly 64 KiB is fine (a valid signature on a padded PING).
    let pad = 64 * 1024 - r#"{"type":1,"pad":""}"#.len();
    let max = format!(r#"{{"type":1,"pad":"{}"}}"#, "x".repeat(pad));
    assert_eq!(max.len(), 64 * 1024);
    assert_eq!(s.signed(&max).await.status, 200);
    s.stop().await.unwrap();
}

/// Every command in the table, as Discord sends it, answered inline exactly
/// as the gateway answers it and within Discord's limits.
#[tokio::test]
async fn every_command_is_answered_like_the_gateway() {
    let s = start().await;
    let cases = vec![
        ("agreement", vec![opt("country", "France", false)]),
        ("agreement", vec![opt("country", "Frnace", false)]),
        ("agreement", vec![opt("country", "Japan", false), int("page", 2)]),
        ("agreement", vec![opt("country", "Atlantis", false)]),
        ("agreement", vec![opt("country", "Brazil", false)]),
        ("pledged", vec![opt("aid", "air defence", false)]),
        ("pledged", vec![opt("aid", "ппо", false)]),
        ("pledged", vec![opt("aid", "drones", false), int("page", 2)]),
        (
            "search",
            vec![opt("query", "what did Norway pledge on air defence", false)],
        ),
        ("search", vec![opt("query", "@everyone <@123> hello", false)]),
        (
            "compare",
            vec![opt("first", "Germany", false), opt("second", "France", false)],
        ),
        ("timeline", vec![]),
        ("timeline", vec![int("page", 2)]),
        ("stats", vec![]),
        ("about", vec![]),
        ("help", vec![]),
        ("no-such-command", vec![]),
    ];
    for spec in pactbot::commands::table::COMMANDS {
        assert!(
            cases.iter().any(|(n, _)| *n == spec.name),
            "/{} is not tested",
            spec.name
        );
    }
    for (name, options) in cases {
        let v = answered(&s, &discord::command(name, options)).await;
        check_message(&v);
        assert_eq!(v["type"], 4, "/{name}");
    }
    // A miss is only shown to the asker.
    let v = fresh(&discord::command(
        "agreement",
        vec![opt("country", "Atlantis", false)],
    ));
    assert_eq!(v["data"]["flags"], 64);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn autocomplete_suggests_within_limits() {
    let s = start().await;
    let cases = [
        ("agreement", vec![opt("country", "fra", true)], Some("France")),
        ("agreement", vec![opt("country", "", true)], None),
        ("pledged", vec![opt("aid", "air", true)], Some("Air defence")),
        ("pledged", vec![opt("aid", "дрон", true)], None),
        (
            "compare",
            vec![opt("first", "Germany", false), opt("second", "pol", true)],
            Some("Poland"),
        ),
    ];
    for (name, options, expect) in cases {
        let v = answered(&s, &discord::autocomplete(name, options)).await;
        assert_eq!(v["type"], 8);
        let choices = v["data"]["choices"].as_array().expect("choices");
        assert!(
            (1..=25).contains(&choices.len()),
            "{name}: {} choices",
            choices.len()
        );
        for c in choices {
            assert!((1..=100).contains(&chars(&c["name"])), "{c}");
            assert!((1..=100).contains(&chars(&c["value"])), "{c}");
        }
        if let Some(e) = expect {
            assert!(
                choices.iter().any(|c| c["name"].as_str().unwrap().contains(e)),
                "{name}: {e} not among {choices:?}"
            );
        }
    }
    s.stop().await.unwrap();
}

#[tokio::test]
async fn page_buttons_update_the_message() {
    let s = start().await;
    let first = answered(
        &s,
        &discord::command("agreement", vec![opt("country", "Japan", false)]),
    )
    .await;
    let next = first["data"]["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| b["custom_id"].as_str().filter(|id| id.starts_with("pg:")))
        .expect("a page button")
        .to_string();
    let v = answered(&s, &discord::button(&next)).await;
    check_message(&v);
    assert_eq!(v["type"], 7, "a page button edits the message in place");
    assert_ne!(v["data"]["embeds"], first["data"]["embeds"]);
    // A button we did not make (or from an old version) gets a private error.
    let v = answered(&s, &discord::button("something-else")).await;
    check_message(&v);
    assert_eq!(v["type"], 4);
    assert_eq!(v["data"]["flags"], 64);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let s = start().await;
    let r = s.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok\n"));
    let r = s.get("/readyz").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.starts_with("ready: 29 partners, 27 aid types, data v"),
        "{}",
        r.body
    );

    s.signed(&discord::ping()).await;
    s.signed(&discord::command(
        "pledged",
        vec![opt("aid", "air defence", false)],
    ))
    .await;
    s.signed(&discord::command(
        "pledged",
        vec![opt("aid", "air defence", false)],
    ))
    .await;
    s.signed(&discord::autocomplete(
        "agreement",
        vec![opt("country", "ger", true)],
    ))
    .await;
    s.post(
        Some(&"0".repeat(128)),
        Some(&discord::unix_now().to_string()),
        &discord::ping(),
    )
    .await;
    s.get("/nope").await;

    let r = s.get("/metrics").await;
    assert_eq!(r.status, 200);
    assert!(
        r.content_type.starts_with("application/openmetrics-text"),
        "{}",
        r.content_type
    );
    for line in [
        r#"pactbot_http_requests_total{route="/interactions",status="200",kind="ping",command="none"} 1"#,
        r#"pactbot_http_requests_total{route="/interactions",status="200",kind="command",command="pledged"} 2"#,
        r#"pactbot_http_requests_total{route="/interactions",status="200",kind="autocomplete",command="agreement"} 1"#,
        r#"pactbot_http_requests_total{route="/interactions",status="401",kind="refused",command="none"} 1"#,
        r#"pactbot_http_requests_total{route="other",status="404",kind="none",command="none"} 1"#,
        r#"pactbot_interactions_rejected_total{reason="bad_signature"} 1"#,
        r#"pactbot_answer_cache_lookups_total{result="hit"} 1"#,
        r#"pactbot_answer_cache_lookups_total{result="miss"} 2"#,
        r#"pactbot_http_request_duration_seconds_count{route="/interactions",kind="command"} 2"#,
        r#"pactbot_http_request_duration_seconds_bucket{le="+Inf",route="/interactions",kind="ping"} 1"#,
        "# TYPE pactbot_http_requests_in_flight gauge",
        "# EOF",
    ] {
        assert!(r.body.lines().any(|l| l == line), "missing {line} in\n{}", r.body);
    }
    s.stop().await.unwrap();
}

/// A reload answers the next request from the new version (and empties
/// the answer cache); a broken reload keeps the old one answering.
#[tokio::test]
async fn a_reloaded_dataset_answers_the_next_request() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        dir.path(),
    );
    let data = SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let s = start_with(Options::default(), data).await;
    let about = discord::command("about", vec![]);
    let before = answered(&s, &about).await;
    assert!(s.get("/readyz").await.body.contains("v2025.11.1"));

    let meta = dir.path().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, text.replace("\"2025.11.1\"", "\"2099.1.1\"")).unwrap();
    s.endpoint.data().reload().unwrap();
    let after = answered(&s, &about).await;
    assert_ne!(before, after, "answered from the old version after a reload");
    assert!(after.to_string().contains("v2099.1.1"));
    assert!(s.get("/readyz").await.body.contains("v2099.1.1"));

    std::fs::write(dir.path().join("meta.json"), "{ broken").unwrap();
    assert!(s.endpoint.data().reload().is_err());
    assert_eq!(answered(&s, &about).await, after);
    s.stop().await.unwrap();
}

/// Starts a signed PING whose body stops half-way; the request holds its
/// place in the concurrency limit until the rest is sent.
async fn stalled_ping(addr: SocketAddr) -> (TcpStream, String) {
    let ping = discord::ping();
    let ts = discord::unix_now().to_string();
    let sig = discord::sign(&ts, ping.as_bytes());
    let mut c = TcpStream::connect(addr).await.unwrap();
    let h = head(&ts, &sig, &format!("Content-Length: {}\r\n", ping.len()));
    c.write_all(h.as_bytes()).await.unwrap();
    let half = ping.len() / 2;
    c.write_all(&ping.as_bytes()[..half]).await.unwrap();
    c.flush().await.unwrap();
    (c, ping[half..].to_string())
}

#[tokio::test]
async fn overload_is_shed_with_503_not_queued() {
    let options = Options {
        max_in_flight: 1,
        ..Options::default()
    };
    let s = start_with(options, built_in()).await;
    let (mut slow, rest) = stalled_ping(s.addr).await;
    tokio::time::sleep(Duration::from_millis(100)).await;

    let r = s.signed(&discord::ping()).await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.headers["retry-after"], "1");
    // Health checks are not behind the limit.
    assert_eq!(s.get("/healthz").await.status, 200);

    slow.write_all(rest.as_bytes()).await.unwrap();
    let (status, text) = read_response(&mut slow).await;
    assert_eq!(status, 200);
    assert!(text.ends_with(r#"{"type":1}"#));
    assert_eq!(s.signed(&discord::ping()).await.status, 200);
    let m = s.get("/metrics").await.body;
    assert!(
        m.contains(r#"pactbot_interactions_rejected_total{reason="overloaded"} 1"#),
        "{m}"
    );
    s.stop().await.unwrap();
}

#[tokio::test]
async fn a_stalled_request_times_out_with_408() {
    let options = Options {
        request_timeout: Duration::from_millis(300),
        ..Options::default()
    };
    let s = start_with(options, built_in()).await;
    let started = std::time::Instant::now();
    let (mut slow, _rest) = stalled_ping(s.addr).await;
    let (status, _) = read_response(&mut slow).await;
    assert_eq!(status, 408);
    assert!(started.elapsed() < Duration::from_secs(3));
    // The limit's place was given back.
    assert_eq!(s.signed(&discord::ping()).await.status, 200);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn shutdown_finishes_the_request_in_flight() {
    let s = start().await;
    let addr = s.addr;
    let (mut slow, rest) = stalled_ping(addr).await;
    tokio::time::sleep(Duration::from_millis(50)).await;

    let Server { stop, task, .. } = s;
    stop.unwrap().send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "still accepting after shutdown"
    );
    assert!(!task.is_finished(), "stopped with a request in flight");

    slow.write_all(rest.as_bytes()).await.unwrap();
    let (status, text) = read_response(&mut slow).await;
    assert_eq!(status, 200);
    assert!(text.ends_with(r#"{"type":1}"#));
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("stops once the request is answered")
        .unwrap()
        .unwrap();
}

fn pactbot() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pactbot"));
    // No .env from the working directory, no inherited key.
    c.current_dir(std::env::temp_dir())
        .env_remove("DISCORD_PUBLIC_KEY")
        .env_remove("RUST_LOG");
    c
}

#[test]
fn serve_without_a_public_key_exits_2_naming_it() {
    let out = pactbot()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_PUBLIC_KEY is not set"), "{err}");

    for bad in ["not-a-key", "abcd", &"g".repeat(64)] {
        let out = pactbot()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("DISCORD_PUBLIC_KEY", bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("DISCORD_PUBLIC_KEY is malformed"), "{err}");
    }
}

/// The real binary: starts, answers, logs one line per request without
/// secrets, and exits 0 on SIGTERM.
#[cfg(unix)]
#[tokio::test]
async fn the_binary_serves_and_stops_on_sigterm() {
    use std::io::BufRead;
    let mut child = pactbot()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DISCORD_PUBLIC_KEY", discord::public_key_hex())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(10)).expect("a startup line");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .to_string();

    let ping = discord::ping();
    let ts = discord::unix_now().to_string();
    let sig = discord::sign(&ts, ping.as_bytes());
    let r = reqwest::Client::new()
        .post(&url)
        .header("x-signature-ed25519", &sig)
        .header("x-signature-timestamp", &ts)
        .body(ping.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), r#"{"type":1}"#);

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{status}");
    reader.join().unwrap();
    let log: Vec<String> = rx.try_iter().map(|l| strip_ansi(&l)).collect();
    let requests: Vec<&String> = log.iter().filter(|l| l.contains("latency_us=")).collect();
    assert_eq!(requests.len(), 1, "{log:#?}");
    for field in [
        "route=\"/interactions\"",
        "status=200",
        "kind=\"ping\"",
        "latency_us=",
    ] {
        assert!(requests[0].contains(field), "{field} not in {}", requests[0]);
    }
    let token = serde_json::from_str::<Value>(&ping).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    for l in &log {
        assert!(
            !l.contains(&sig) && !l.contains(&token) && !l.contains("app_permissions"),
            "{l}"
        );
    }
}

/// The log without colour codes.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
