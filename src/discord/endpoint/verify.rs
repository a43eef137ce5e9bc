//! Is this request from Discord? Size, headers, timestamp and Ed25519
//! signature, checked in that order before anything parses the body.
//!
//! Every rule is a plain function of the headers, the body and the clock,
//! unit-tested below without a server; the server runs the same steps with
//! the body streamed in ([`read_signed`]) instead of given whole.

use std::pin::Pin;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, HttpBody};
use axum::http::header::{HeaderName, CONTENT_LENGTH};
use axum::http::HeaderMap;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};

use crate::discord::config::{self, ConfigError};

/// Largest request body accepted; Discord's interactions are a few KiB.
pub const MAX_BODY: usize = 64 * 1024;
/// How far a request's timestamp may be from our clock, either way.
pub const MAX_SKEW_SECS: u64 = 5 * 60;

pub const SIGNATURE: HeaderName = HeaderName::from_static("x-signature-ed25519");
pub const TIMESTAMP: HeaderName = HeaderName::from_static("x-signature-timestamp");

/// The application's public key from `DISCORD_PUBLIC_KEY` (see
/// [`config::discord_public_key`]), checked to be a point on the curve once,
/// at startup. Errors name the variable; their exit code is 2.
pub fn public_key(lookup: impl Fn(&str) -> Option<String>) -> Result<VerifyingKey, ConfigError> {
    let bytes = config::discord_public_key(lookup)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| ConfigError::Malformed {
        var: config::PUBLIC_KEY_VAR,
        reason: "these 32 bytes are not an Ed25519 public key".into(),
    })
}

/// Why a request is not answered. Each has its HTTP status and the reason
/// that the log line and the `rejected` metric carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 413: the body (declared or read) is over [`MAX_BODY`].
    TooLarge,
    /// 401: no signature or no timestamp header.
    MissingSignature,
    /// 401: the signature is not 128 hex digits.
    MalformedSignature,
    /// 401: the timestamp is not plain decimal seconds.
    MalformedTimestamp,
    /// 401: the timestamp is more than [`MAX_SKEW_SECS`] from our clock.
    StaleTimestamp,
    /// 401: the signature does not verify over `timestamp ‖ body`.
    BadSignature,
    /// 400: the connection failed while the body was read.
    BodyRead,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::TooLarge => 413,
            Refusal::BodyRead => 400,
            _ => 401,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Refusal::TooLarge => "too_large",
            Refusal::MissingSignature => "missing_signature",
            Refusal::MalformedSignature => "malformed_signature",
            Refusal::MalformedTimestamp => "malformed_timestamp",
            Refusal::StaleTimestamp => "stale_timestamp",
            Refusal::BadSignature => "bad_signature",
            Refusal::BodyRead => "body_read",
        }
    }
}

/// What the headers claim, checked for shape and time; the signature
/// itself is checked once the body is read ([`Claim::verify`]).
#[derive(Debug, Clone, Copy)]
pub struct Claim<'h> {
    signature: [u8; 64],
    timestamp: &'h [u8],
    /// Content-Length, when the client sent one.
    pub declared: Option<u64>,
}

/// A request that Discord signed: its body, ready to parse.
#[derive(Debug)]
pub struct Verified {
    /// `timestamp ‖ body`, the signed message.
    message: Vec<u8>,
    timestamp_len: usize,
}

impl Verified {
    pub fn body(&self) -> &[u8] {
        &self.message[self.timestamp_len..]
    }
}

/// The header checks, in order: declared size (413), both headers present,
/// signature shape, timestamp shape, timestamp within [`MAX_SKEW_SECS`] of
/// `now` (401).
pub fn check_headers(headers: &HeaderMap, now: u64) -> Result<Claim<'_>, Refusal> {
    let declared = declared_length(headers);
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(Refusal::TooLarge);
    }
    let (Some(signature), Some(timestamp)) = (headers.get(&SIGNATURE), headers.get(&TIMESTAMP)) else {
        return Err(Refusal::MissingSignature);
    };
    let mut sig = [0u8; 64];
    if hex::decode_to_slice(signature.as_bytes(), &mut sig).is_err() {
        return Err(Refusal::MalformedSignature);
    }
    let timestamp = timestamp.as_bytes();
    let signed_at = parse_unix_seconds(timestamp).ok_or(Refusal::MalformedTimestamp)?;
    if now.abs_diff(signed_at) > MAX_SKEW_SECS {
        return Err(Refusal::StaleTimestamp);
    }
    Ok(Claim {
        signature: sig,
        timestamp,
        declared,
    })
}

impl Claim<'_> {
    /// A buffer that starts with the timestamp, sized for the declared body:
    /// the body is appended to it and the whole is the signed message.
    pub fn message_buffer(&self) -> Vec<u8> {
        let hint = self.declared.map_or(1024, |n| n as usize);
        let mut message = Vec::with_capacity(self.timestamp.len() + hint);
        message.extend_from_slice(self.timestamp);
        message
    }

    /// The signature check over `message` (from [`Self::message_buffer`]
    /// plus the body, at most [`MAX_BODY`] of it).
    pub fn verify(&self, key: &VerifyingKey, message: Vec<u8>) -> Result<Verified, Refusal> {
        let timestamp_len = self.timestamp.len();
        if message.len() - timestamp_len > MAX_BODY {
            return Err(Refusal::TooLarge);
        }
        key.verify(&message, &Signature::from_bytes(&self.signature))
            .map_err(|_| Refusal::BadSignature)?;
        Ok(Verified {
            message,
            timestamp_len,
        })
    }
}

/// Every rule at once, for a body already in memory: the headers, then the
/// size, then the signature.
pub fn verify(key: &VerifyingKey, headers: &HeaderMap, body: &[u8], now: u64) -> Result<Verified, Refusal> {
    let claim = check_headers(headers, now)?;
    if body.len() > MAX_BODY {
        return Err(Refusal::TooLarge);
    }
    let mut message = claim.message_buffer();
    message.extend_from_slice(body);
    claim.verify(key, message)
}

/// Reads the body after the timestamp into one buffer, which is exactly the
/// signed message (one allocation, one copy of the body), refusing more than
/// [`MAX_BODY`] bytes whatever the headers said.
pub async fn read_signed(claim: &Claim<'_>, mut body: Body) -> Result<Vec<u8>, Refusal> {
    let mut message = claim.message_buffer();
    let start = message.len();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| Refusal::BodyRead)?;
        if let Ok(data) = frame.into_data() {
            if message.len() - start + data.len() > MAX_BODY {
                return Err(Refusal::TooLarge);
            }
            message.extend_from_slice(&data);
        }
    }
    Ok(message)
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// Seconds since the epoch, as Discord writes them (ASCII digits only).
fn parse_unix_seconds(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    s.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use ed25519_dalek::{Signer, SigningKey};

    const NOW: u64 = 1_800_000_000;

    fn signer() -> SigningKey {
        SigningKey::from_bytes(&[7; 32])
    }

    fn headers(ts: &str, body: &[u8]) -> HeaderMap {
        let mut message = ts.as_bytes().to_vec();
        message.extend_from_slice(body);
        let sig = signer().sign(&message);
        let mut h = HeaderMap::new();
        h.insert(
            SIGNATURE,
            HeaderValue::from_str(&hex::encode(sig.to_bytes())).unwrap(),
        );
        h.insert(TIMESTAMP, HeaderValue::from_str(ts).unwrap());
        h.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        h
    }

    fn check(h: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, Refusal> {
        verify(&signer().verifying_key(), h, body, NOW).map(|v| v.body().to_vec())
    }

    const BODY: &[u8] = br#"{"type":1}"#;

    #[test]
    fn a_signed_request_passes_with_its_body() {
        let h = headers(&NOW.to_string(), BODY);
        assert_eq!(check(&h, BODY), Ok(BODY.to_vec()));
        // At the edges of the allowed skew, either way.
        for ts in [NOW - MAX_SKEW_SECS, NOW + MAX_SKEW_SECS] {
            assert_eq!(
                check(&headers(&ts.to_string(), BODY), BODY),
                Ok(BODY.to_vec()),
                "{ts}"
            );
        }
        // An empty body is still checked (and fails to parse later, not here).
        assert!(check(&headers(&NOW.to_string(), b""), b"").is_ok());
    }

    #[test]
    fn every_signature_rule_is_a_401_with_its_reason() {
        let ts = NOW.to_string();
        let good = headers(&ts, BODY);
        let with = |name: HeaderName, value: &str| {
            let mut h = good.clone();
            h.insert(name, HeaderValue::from_str(value).unwrap());
            h
        };
        let without = |name: HeaderName| {
            let mut h = good.clone();
            h.remove(name);
            h
        };
        let sig = good[&SIGNATURE].to_str().unwrap().to_string();
        let flipped = format!("{}{}", if &sig[..2] == "00" { "11" } else { "00" }, &sig[2..]);
        for (what, h, body, refusal) in [
            (
                "no signature",
                without(SIGNATURE),
                BODY,
                Refusal::MissingSignature,
            ),
            (
                "no timestamp",
                without(TIMESTAMP),
                BODY,
                Refusal::MissingSignature,
            ),
            (
                "signature not hex",
                with(SIGNATURE, &"zz".repeat(64)),
                BODY,
                Refusal::MalformedSignature,
            ),
            (
                "signature too short",
                with(SIGNATURE, &sig[..126]),
                BODY,
                Refusal::MalformedSignature,
            ),
            (
                "signature too long",
                with(SIGNATURE, &format!("{sig}00")),
                BODY,
                Refusal::MalformedSignature,
            ),
            (
                "timestamp not digits",
                with(TIMESTAMP, "17e8"),
                BODY,
                Refusal::MalformedTimestamp,
            ),
            (
                "timestamp negative",
                with(TIMESTAMP, "-1"),
                BODY,
                Refusal::MalformedTimestamp,
            ),
            (
                "timestamp empty",
                with(TIMESTAMP, ""),
                BODY,
                Refusal::MalformedTimestamp,
            ),
            (
                "timestamp overflowing",
                with(TIMESTAMP, "99999999999999999999"),
                BODY,
                Refusal::MalformedTimestamp,
            ),
            (
                "timestamp too old",
                headers(&(NOW - MAX_SKEW_SECS - 1).to_string(), BODY),
                BODY,
                Refusal::StaleTimestamp,
            ),
            (
                "timestamp in the future",
                headers(&(NOW + MAX_SKEW_SECS + 1).to_string(), BODY),
                BODY,
                Refusal::StaleTimestamp,
            ),
            (
                "a flipped signature",
                with(SIGNATURE, &flipped),
                BODY,
                Refusal::BadSignature,
            ),
            (
                "another body",
                good.clone(),
                br#"{"type":2}"#.as_slice(),
                Refusal::BadSignature,
            ),
            (
                "the timestamp changed after signing",
                with(TIMESTAMP, &(NOW + 1).to_string()),
                BODY,
                Refusal::BadSignature,
            ),
        ] {
            assert_eq!(check(&h, body), Err(refusal), "{what}");
            assert_eq!(refusal.status(), 401, "{what}");
        }
    }

    #[test]
    fn bodies_over_64_kib_are_a_413_declared_or_not() {
        let ts = NOW.to_string();
        let big = vec![b' '; MAX_BODY + 1];
        // Declared too large: refused before the signature headers are looked at.
        let mut h = HeaderMap::new();
        h.insert(CONTENT_LENGTH, HeaderValue::from(MAX_BODY + 1));
        assert_eq!(check(&h, b""), Err(Refusal::TooLarge));
        // Declared small, sent large (or not declared): refused by size too.
        let mut lying = headers(&ts, &big);
        lying.insert(CONTENT_LENGTH, HeaderValue::from(10));
        assert_eq!(check(&lying, &big), Err(Refusal::TooLarge));
        lying.remove(CONTENT_LENGTH);
        assert_eq!(check(&lying, &big), Err(Refusal::TooLarge));
        assert_eq!(Refusal::TooLarge.status(), 413);
        // Exactly 64 KiB is allowed.
        let max = vec![b' '; MAX_BODY];
        assert!(check(&headers(&ts, &max), &max).is_ok());
    }

    #[test]
    fn reasons_are_distinct() {
        let all = [
            Refusal::TooLarge,
            Refusal::MissingSignature,
            Refusal::MalformedSignature,
            Refusal::MalformedTimestamp,
            Refusal::StaleTimestamp,
            Refusal::BadSignature,
            Refusal::BodyRead,
        ];
        let reasons: std::collections::BTreeSet<_> = all.iter().map(|r| r.reason()).collect();
        assert_eq!(reasons.len(), all.len());
    }

    #[test]
    fn timestamps_are_plain_digits() {
        assert_eq!(parse_unix_seconds(b"1700000000"), Some(1_700_000_000));
        for bad in [&b""[..], b"-1", b"17e8", b" 1", b"1.5", b"99999999999999999999"] {
            assert_eq!(parse_unix_seconds(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn public_keys_are_checked_once_and_named() {
        let key = signer().verifying_key();
        let upper = hex::encode_upper(key.as_bytes());
        assert_eq!(public_key(|_| Some(upper.clone())), Ok(key));
        let e = public_key(|_| None).unwrap_err();
        assert!(e.to_string().starts_with("DISCORD_PUBLIC_KEY is not set"), "{e}");
        assert_eq!(e.exit_code(), 2);
        for bad in ["abc", "zz", &"zz".repeat(32)] {
            let e = public_key(|_| Some(bad.to_string())).unwrap_err().to_string();
            assert!(e.starts_with("DISCORD_PUBLIC_KEY is malformed"), "{e}");
        }
        // 64 hex digits that are not a point on the curve.
        let off_curve = (0..=255u8)
            .map(|b| [b; 32])
            .find(|k| VerifyingKey::from_bytes(k).is_err())
            .expect("some byte pattern is off the curve");
        let e = public_key(|_| Some(hex::encode(off_curve)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not an Ed25519 public key"), "{e}");
    }
}
