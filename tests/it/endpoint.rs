//! The HTTP interactions endpoint over 127.0.0.1: a real server on an
//! ephemeral port, a real HTTP client (and raw sockets where a request must
//! stall half-way), and requests signed as Discord signs them with a fixed
//! test key pair.

use std::net::SocketAddr;
use std::time::Duration;

use crate::support::child::{pactbot, Pactbot};
use crate::support::data::{embedded, shipped_copy};
use crate::support::discord_limits as limits;
use crate::support::payloads as discord;
use crate::support::payloads::{integer_option as int, string_option as opt};
use crate::support::server::{built_in, TestServer};
use crate::support::wait::{wait_for, wait_until};
use crate::support::{fresh, page_buttons};
use pactbot::dataset::{DataSource, SharedDataset};
use pactbot::discord::endpoint::Options;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A message (type 4) or an update (type 7) inside Discord's limits.
fn check_message(what: &str, v: &Value) {
    assert!(v["type"] == 4 || v["type"] == 7, "{what}: type {}", v["type"]);
    limits::assert_within_limits(what, v);
}

/// A signed request answered 200 with JSON equal to the gateway's answer
/// from the server's current dataset, twice (the second from the answer cache).
async fn answered(server: &TestServer, body: &str) -> Value {
    let expected = fresh(&server.endpoint.data().current(), body);
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
    let s = TestServer::start().await;
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
        ("money", vec![opt("group", "nordic", false), int("year", 2024)]),
        ("about", vec![]),
        ("help", vec![]),
        (
            "ask",
            vec![opt("question", "which Nordic countries pledged F-16s?", false)],
        ),
        ("ask", vec![opt("question", "when will the war end", false)]),
        // A chart's picture is deferred and edited in (tests/it/chart.rs);
        // the answers without one are inline like any other.
        (
            "chart",
            vec![opt("kind", "aid", false), opt("aid", "pizza", false)],
        ),
        (
            "chart",
            vec![opt("kind", "money", false), opt("aid", "drones", false)],
        ),
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
        check_message(name, &v);
        assert_eq!(v["type"], 4, "/{name}");
    }
    // A miss is only shown to the asker.
    let v = fresh(
        embedded(),
        &discord::command("agreement", vec![opt("country", "Atlantis", false)]),
    );
    assert_eq!(v["data"]["flags"], 64);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn autocomplete_suggests_within_limits() {
    let s = TestServer::start().await;
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
        limits::assert_within_limits(name, &v);
        let choices = v["data"]["choices"].as_array().expect("choices");
        assert!(!choices.is_empty(), "{name}: no choices");
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
    let s = TestServer::start().await;
    let first = answered(
        &s,
        &discord::command("agreement", vec![opt("country", "Japan", false)]),
    )
    .await;
    let (_, next) = page_buttons(&first)
        .into_iter()
        .next()
        .expect("an enabled page button");
    let v = answered(&s, &discord::button(&next)).await;
    check_message("the next page", &v);
    assert_eq!(v["type"], 7, "a page button edits the message in place");
    assert_ne!(v["data"]["embeds"], first["data"]["embeds"]);
    // A button we did not make (or from an old version) gets a private error.
    let v = answered(&s, &discord::button("something-else")).await;
    check_message("a foreign button", &v);
    assert_eq!(v["type"], 4);
    assert_eq!(v["data"]["flags"], 64);
    s.stop().await.unwrap();
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let s = TestServer::start().await;
    let r = s.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok\n"));
    let r = s.get("/readyz").await;
    assert_eq!(r.status, 200);
    let ready = format!(
        "ready: {} partners, {} aid types, data v{}",
        embedded().partners.len(),
        embedded().aid_types.len(),
        embedded().meta.version
    );
    assert!(r.body.starts_with(&ready), "{} is not {ready}", r.body);

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
    let dir = shipped_copy();
    let data = SharedDataset::load(DataSource::Dir(dir.path().to_path_buf())).unwrap();
    let s = TestServer::start_with(Options::default(), data).await;
    let about = discord::command("about", vec![]);
    let before = answered(&s, &about).await;
    let version = &embedded().meta.version;
    assert!(s.get("/readyz").await.body.contains(&format!("v{version}")));

    let meta = dir.path().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let new = text.replace(&format!("\"{version}\""), "\"2099.1.1\"");
    assert_ne!(new, text, "meta.json names the version");
    std::fs::write(&meta, new).unwrap();
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
    let s = TestServer::start_with(options, built_in()).await;
    let (mut slow, rest) = stalled_ping(s.addr).await;
    // The stalled request holds the one place once the server has taken it.
    wait_until(Duration::from_secs(10), "the stalled request in flight", || {
        s.in_flight() == 1
    })
    .await;

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
    let s = TestServer::start_with(options, built_in()).await;
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
    // A request timeout far beyond the test, so only the shutdown can end
    // the stalled request early.
    let options = Options {
        request_timeout: Duration::from_secs(600),
        ..Options::default()
    };
    let mut s = TestServer::start_with(options, built_in()).await;
    let addr = s.addr;
    let (mut slow, rest) = stalled_ping(addr).await;
    wait_until(Duration::from_secs(10), "the stalled request in flight", || {
        s.in_flight() == 1
    })
    .await;

    let task = s.begin_stop();
    wait_for(Duration::from_secs(10), "the listener closed", || async {
        TcpStream::connect(addr).await.is_err()
    })
    .await;
    // The listener is gone but the server still waits for the request.
    assert!(!task.is_finished(), "stopped with a request in flight");
    assert_eq!(s.in_flight(), 1);

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

#[test]
fn serve_without_a_public_key_exits_2_naming_it() {
    let serve = ["serve", "--listen", "127.0.0.1:0"];
    let out = pactbot(&serve, &[]).0.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_PUBLIC_KEY is not set"), "{err}");

    for bad in ["not-a-key", "abcd", &"g".repeat(64)] {
        let (mut c, _dir) = pactbot(&serve, &[("DISCORD_PUBLIC_KEY", bad)]);
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("DISCORD_PUBLIC_KEY is malformed"), "{err}");
    }
}

/// The real binary: starts, answers, logs one line per request without
/// secrets or colour codes (its stderr is a pipe), and exits 0 on SIGTERM.
#[cfg(unix)]
#[tokio::test]
async fn the_binary_serves_and_stops_on_sigterm() {
    let key = discord::public_key_hex();
    let (mut c, dir) = pactbot(
        &["serve", "--listen", "127.0.0.1:0"],
        &[("DISCORD_PUBLIC_KEY", &key)],
    );
    // Colour is off because stderr is not a terminal, not because we asked.
    c.env_remove("NO_COLOR");
    let mut server = Pactbot::spawn(c, dir);
    let line = server.expect_log(&["http://"]).await;
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();

    let ping = discord::ping();
    let (sig, ts) = discord::signature_now(&ping);
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

    let log = server.stop().await;
    let requests: Vec<&str> = log.lines().filter(|l| l.contains("latency_us=")).collect();
    assert_eq!(requests.len(), 1, "{log}");
    for field in [
        "route=\"/interactions\"",
        "status=200",
        "kind=\"ping\"",
        "latency_us=",
    ] {
        assert!(requests[0].contains(field), "{field} not in {}", requests[0]);
    }
    assert!(!log.contains('\u{1b}'), "colour codes in a piped log:\n{log}");
    let token = serde_json::from_str::<Value>(&ping).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    for l in log.lines() {
        assert!(
            !l.contains(&sig) && !l.contains(&token) && !l.contains("app_permissions"),
            "{l}"
        );
    }
}

/// The same body with the user's client `locale` set.
fn with_locale(body: &str, locale: &str) -> String {
    let mut v: Value = serde_json::from_str(body).unwrap();
    v["locale"] = Value::from(locale);
    v.to_string()
}

#[tokio::test]
async fn the_reply_follows_the_users_locale() {
    let s = TestServer::start().await;
    // Asked in English first, so a Ukrainian reader would get the cached
    // English answer if the language were not part of the cache key.
    for (locale, title, choice) in [
        ("en-US", "Drones (Дрони)", "France (Франція)"),
        ("uk", "Дрони (Drones)", "Франція (France)"),
        ("de", "Drones (Дрони)", "France (Франція)"),
    ] {
        let body = with_locale(
            &discord::command("pledged", vec![opt("aid", "drones", false)]),
            locale,
        );
        let v = answered(&s, &body).await;
        let got = v["data"]["embeds"][0]["title"].as_str().expect("a title");
        assert!(got.starts_with(title), "{locale}: {got}");
        let body = with_locale(
            &discord::autocomplete("agreement", vec![opt("country", "fra", true)]),
            locale,
        );
        let v = answered(&s, &body).await;
        let first = v["data"]["choices"][0]["name"].as_str().expect("a choice");
        assert!(first.starts_with(choice), "{locale}: {first}");
    }
    s.stop().await.unwrap();
}
