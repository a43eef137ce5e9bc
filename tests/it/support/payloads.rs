//! Discord-shaped interaction payloads and their signatures, shared by the
//! integration tests and the benchmark tools (`examples/endpoint_bench.rs`,
//! `examples/soak.rs`).
//!
//! The payloads carry every field Discord sends (and serenity 0.12 requires:
//! `channel_id`, `locale`, `entitlements`, `attachment_size_limit`, a full
//! `message` on components). The key pair comes from a fixed seed, so the
//! public key is the same in every run and in the JS benchmark server.
// The examples include this file with `#[path]` and use only part of it.
#![allow(dead_code)]

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};

/// The fixed seed of the test key pair.
pub const SEED: [u8; 32] = *b"pactbot-endpoint-test-key-seed!!";
/// A second key, for "signed by someone else".
pub const OTHER_SEED: [u8; 32] = *b"some-other-application-key-seed!";

pub const APPLICATION_ID: &str = "1300000000000000001";
const GUILD_ID: &str = "1100000000000000001";
const CHANNEL_ID: &str = "1200000000000000001";
const USER_ID: &str = "1000000000000000001";

pub fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&SEED)
}

/// The public key as Discord shows it on the Developer Portal (64 hex digits).
pub fn public_key_hex() -> String {
    hex::encode(signing_key().verifying_key().as_bytes())
}

/// Seconds since the epoch, as Discord puts them in `X-Signature-Timestamp`.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// `X-Signature-Ed25519` for `timestamp ‖ body`: 128 lowercase hex digits.
pub fn sign_with(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    let mut message = Vec::with_capacity(timestamp.len() + body.len());
    message.extend_from_slice(timestamp.as_bytes());
    message.extend_from_slice(body);
    hex::encode(key.sign(&message).to_bytes())
}

pub fn sign(timestamp: &str, body: &[u8]) -> String {
    sign_with(&signing_key(), timestamp, body)
}

/// `(X-Signature-Ed25519, X-Signature-Timestamp)` for `body`, signed now.
pub fn signature_now(body: &str) -> (String, String) {
    let ts = unix_now().to_string();
    (sign(&ts, body.as_bytes()), ts)
}

fn user() -> Value {
    json!({
        "id": USER_ID,
        "username": "olena.k",
        "global_name": "Olena",
        "discriminator": "0",
        "avatar": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "avatar_decoration_data": null,
        "clan": null,
        "primary_guild": null,
        "public_flags": 0,
        "collectibles": null
    })
}

fn member() -> Value {
    json!({
        "user": user(),
        "roles": ["1400000000000000001"],
        "nick": null,
        "avatar": null,
        "banner": null,
        "joined_at": "2024-02-24T10:15:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": "2248473465835073",
        "communication_disabled_until": null,
        "unusual_dm_activity_until": null
    })
}

/// The fields every non-PING interaction from a server channel has.
fn envelope(kind: u8, id: &str, data: Value) -> Value {
    json!({
        "app_permissions": "2248473465835073",
        "application_id": APPLICATION_ID,
        "attachment_size_limit": 10485760,
        "authorizing_integration_owners": { "0": GUILD_ID },
        "channel": {
            "flags": 0,
            "guild_id": GUILD_ID,
            "id": CHANNEL_ID,
            "last_message_id": "1210000000000000001",
            "name": "security-agreements",
            "nsfw": false,
            "parent_id": null,
            "permissions": "2248473465835073",
            "position": 3,
            "rate_limit_per_user": 0,
            "topic": null,
            "type": 0
        },
        "channel_id": CHANNEL_ID,
        "context": 0,
        "data": data,
        "entitlement_sku_ids": [],
        "entitlements": [],
        "guild": { "features": [], "id": GUILD_ID, "locale": "en-US" },
        "guild_id": GUILD_ID,
        "guild_locale": "en-US",
        "id": id,
        "locale": "en-GB",
        "member": member(),
        "token": format!("aW50ZXJhY3Rpb246{id}OkV4YW1wbGVUb2tlbkZvclRlc3RzT25seV9ub3RfcmVhbF9hYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk"),
        "type": kind,
        "version": 1
    })
}

/// A PING as Discord sends it when the URL is saved and at random later.
pub fn ping() -> String {
    json!({
        "app_permissions": "562949953601536",
        "application_id": APPLICATION_ID,
        "authorizing_integration_owners": {},
        "entitlements": [],
        "id": "1310000000000000001",
        "token": "aW50ZXJhY3Rpb246MTMxMDAwMDAwMDAwMDAwMDAwMTpQaW5nVG9rZW5Gb3JUZXN0c09ubHlfbm90X3JlYWxfYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU2Nzg5",
        "type": 1,
        "user": user(),
        "version": 1
    })
    .to_string()
}

/// A string option as Discord sends it (type 3), optionally the focused one.
pub fn string_option(name: &str, value: &str, focused: bool) -> Value {
    let mut o = json!({ "name": name, "type": 3, "value": value });
    if focused {
        o["focused"] = json!(true);
    }
    o
}

/// An integer option (type 4), for `page`.
pub fn integer_option(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

fn command_data(name: &str, options: Vec<Value>) -> Value {
    json!({
        "id": "1320000000000000001",
        "name": name,
        "type": 1,
        "options": options,
        "guild_id": GUILD_ID
    })
}

/// A slash command (type 2), e.g. `command("pledged", vec![string_option("aid", "air defence", false)])`.
pub fn command(name: &str, options: Vec<Value>) -> String {
    envelope(2, "1330000000000000001", command_data(name, options)).to_string()
}

/// Autocomplete while typing (type 4): the focused option carries the partial text.
pub fn autocomplete(name: &str, options: Vec<Value>) -> String {
    envelope(4, "1340000000000000001", command_data(name, options)).to_string()
}

/// A button press (type 3) on one of our own messages.
pub fn button(custom_id: &str) -> String {
    let mut v = envelope(
        3,
        "1350000000000000001",
        json!({ "component_type": 2, "custom_id": custom_id }),
    );
    v["message"] = json!({
        "application_id": APPLICATION_ID,
        "attachments": [],
        "author": {
            "id": APPLICATION_ID,
            "username": "pactbot",
            "global_name": null,
            "discriminator": "0",
            "avatar": null,
            "bot": true,
            "public_flags": 0
        },
        "channel_id": CHANNEL_ID,
        "components": [{
            "type": 1,
            "components": [{ "type": 2, "style": 1, "label": "Next ▶", "custom_id": custom_id }]
        }],
        "content": "",
        "edited_timestamp": null,
        "embeds": [],
        "flags": 0,
        "id": "1360000000000000001",
        "interaction_metadata": {
            "id": "1330000000000000001",
            "type": 2,
            "user": user(),
            "authorizing_integration_owners": { "0": GUILD_ID },
            "name": "pledged"
        },
        "mention_everyone": false,
        "mention_roles": [],
        "mentions": [],
        "pinned": false,
        "position": 0,
        "timestamp": "2025-11-20T12:00:00.000000+00:00",
        "tts": false,
        "type": 20,
        "webhook_id": APPLICATION_ID
    });
    v.to_string()
}
