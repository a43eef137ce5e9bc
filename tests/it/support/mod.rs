//! What the integration tests share: interaction fixtures, a checker of
//! Discord's limits on a response body (`discord_limits`), signed payloads
//! (`payloads`), the real binary as a child process (`child`), a small fake
//! Discord (REST plus gateway WebSocket) on 127.0.0.1 (`fake_discord`) and
//! a copy of a dataset folder (`data`).
#![allow(dead_code)]

pub mod child;
pub mod data;
pub mod discord_limits;
pub mod fake_discord;
pub mod payloads;

use std::path::PathBuf;

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
