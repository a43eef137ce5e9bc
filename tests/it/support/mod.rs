//! What the integration tests share, each piece once:
//!
//! - `discord_limits`: the checker of Discord's limits on a response body
//!   (also compiled into `fuzz/`);
//! - `server`: the HTTP endpoint in process on 127.0.0.1;
//! - `child`: the real binary as a child process;
//! - `payloads`: interactions as Discord sends them, signed with a test key;
//! - `fake_discord`: a small fake Discord (REST plus gateway WebSocket);
//! - `fake_telegram`: a small fake Telegram Bot API;
//! - `multipart`: the multipart bodies both fakes read (file uploads);
//! - `data`: the shipped and fixture datasets, and copies to break;
//! - `wait`: waiting on a condition with a deadline;
//! - here: the interaction fixtures in `tests/fixtures/interactions/`.
#![allow(dead_code)]

pub mod child;
pub mod data;
pub mod discord_limits;
pub mod fake_discord;
pub mod fake_telegram;
pub mod multipart;
pub mod payloads;
pub mod server;
pub mod wait;

use std::path::PathBuf;

use pactbot::dataset::Dataset;
use pactbot::discord::interaction;
use serde_json::Value;

/// The folder of interaction payloads shaped as Discord sends them.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interactions")
}

/// One fixture as JSON.
pub fn fixture(name: &str) -> Value {
    let path = fixtures_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture's name, sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            (p.extension()? == "json").then_some(stem)
        })
        .collect();
    names.sort();
    names
}

/// A bot token of the right shape; it only ever reaches 127.0.0.1.
pub const TOKEN: &str = "MTMxMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.fake-token-for-loopback-tests-only_0123";
/// The application id the fake reports (and the fixtures carry).
pub const APPLICATION_ID: u64 = 1310000000000000001;

/// The response the shared handler gives for the interaction `body` (what
/// both the gateway and the HTTP endpoint send).
pub fn fresh(ds: &Dataset, body: &str) -> Value {
    let i = interaction::parse(body.as_bytes()).expect("a valid interaction");
    serde_json::to_value(interaction::respond(ds, &i).0).unwrap()
}

/// The enabled page-button custom ids (`pg:…`) of a message body, with
/// their labels.
pub fn page_buttons(body: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in body["data"]["components"].as_array().into_iter().flatten() {
        for b in row["components"].as_array().into_iter().flatten() {
            let id = b["custom_id"].as_str().unwrap_or_default();
            if id.starts_with("pg:") && b["disabled"] != true {
                out.push((
                    b["label"].as_str().unwrap_or_default().to_string(),
                    id.to_string(),
                ));
            }
        }
    }
    out
}
