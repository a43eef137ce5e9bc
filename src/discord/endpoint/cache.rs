//! Memoised answers.
//!
//! [`interaction::respond`](crate::discord::interaction::respond) is a pure
//! function of the dataset and of a few fields of the interaction: its type,
//! `locale`, `data.name`, `data.options` (name, type, value, focused) and
//! `data.custom_id`. The key below is exactly those fields, read by a light
//! parse that borrows from the body, and an answer is kept with the dataset
//! it was computed from, so a dataset swap empties the cache. A hit skips
//! serenity's parse (which builds a full JSON tree), the command and the
//! serialisation: the request then costs its signature check and HTTP.
//!
//! If `respond` ever reads another field, add it to [`key`];
//! `tests/endpoint.rs` compares cached and fresh answers for every fixture.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, PoisonError, RwLock, Weak};

use axum::body::Bytes;
use serde::de::IgnoredAny;
use serde::Deserialize;

use super::Tag;
use crate::dataset::Dataset;

/// Keys longer than this are not cached (Discord caps option text far lower).
const MAX_KEY: usize = 2048;

#[derive(Deserialize)]
pub(super) struct Light<'a> {
    #[serde(rename = "type")]
    pub kind: u64,
    #[serde(borrow, default)]
    locale: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    data: Option<LightData<'a>>,
}

#[derive(Deserialize)]
struct LightData<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    custom_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    options: Vec<LightOption<'a>>,
}

#[derive(Deserialize)]
struct LightOption<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(rename = "type", default)]
    kind: u64,
    #[serde(default)]
    value: Option<serde_json::Value>,
    #[serde(default)]
    focused: bool,
    /// Sub-command options: never used by our commands, so never cached.
    #[serde(default)]
    options: Option<IgnoredAny>,
}

impl Light<'_> {
    /// The cache key: every field `respond` reads, each JSON-encoded (so the
    /// concatenation is unambiguous). `None` for what is not cached.
    pub fn key(&self) -> Option<Box<[u8]>> {
        if !matches!(self.kind, 2..=4) {
            return None;
        }
        let data = self.data.as_ref()?;
        let mut k = Vec::with_capacity(128);
        let _ = write!(k, "{}", self.kind);
        push_str(&mut k, self.locale.as_deref().unwrap_or(""));
        push_str(&mut k, data.name.as_deref().unwrap_or(""));
        push_str(&mut k, data.custom_id.as_deref().unwrap_or(""));
        for o in &data.options {
            if o.options.is_some() {
                return None;
            }
            push_str(&mut k, &o.name);
            let _ = write!(k, ",{},{},", o.kind, u8::from(o.focused));
            let _ = serde_json::to_writer(&mut k, &o.value);
        }
        (k.len() <= MAX_KEY).then(|| k.into_boxed_slice())
    }
}

fn push_str(k: &mut Vec<u8>, s: &str) {
    k.push(b',');
    let _ = serde_json::to_writer(k, s);
}

/// An answer as sent: the serialised body and what it was.
#[derive(Clone)]
pub(super) struct Cached {
    pub body: Bytes,
    pub tag: Tag,
}

/// A bounded map from key to answer for one dataset version. When full it
/// starts over (the working set of a bot like this is small: popular
/// commands and the autocomplete prefixes people type).
pub(super) struct AnswerCache {
    max_entries: usize,
    max_bytes: usize,
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The dataset these answers came from. A weak reference frees an old
    /// version's data but keeps its allocation, so its address is not reused.
    dataset: Weak<Dataset>,
    map: HashMap<Box<[u8]>, Cached>,
    bytes: usize,
}

impl std::fmt::Debug for AnswerCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("AnswerCache")
            .field("entries", &inner.map.len())
            .field("bytes", &inner.bytes)
            .field("max_entries", &self.max_entries)
            .finish()
    }
}

impl AnswerCache {
    pub fn new(max_entries: usize) -> Self {
        AnswerCache {
            max_entries,
            // About 2.5 KiB an answer on average; a few MiB at most.
            max_bytes: max_entries.saturating_mul(4096),
            inner: RwLock::new(Inner::default()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.max_entries > 0
    }

    pub fn get(&self, ds: &Arc<Dataset>, key: &[u8]) -> Option<Cached> {
        let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
        if std::ptr::eq(inner.dataset.as_ptr(), Arc::as_ptr(ds)) {
            inner.map.get(key).cloned()
        } else {
            None
        }
    }

    pub fn put(&self, ds: &Arc<Dataset>, key: Box<[u8]>, value: Cached) {
        let size = key.len() + value.body.len();
        let mut inner = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        let fresh = !std::ptr::eq(inner.dataset.as_ptr(), Arc::as_ptr(ds));
        if fresh || inner.map.len() >= self.max_entries || inner.bytes + size > self.max_bytes {
            inner.map.clear();
            inner.bytes = 0;
            inner.dataset = Arc::downgrade(ds);
        }
        if size <= self.max_bytes {
            inner.bytes += size;
            inner.map.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(body: &str) -> Option<Box<[u8]>> {
        serde_json::from_str::<Light>(body).ok()?.key()
    }

    #[test]
    fn keys_cover_what_respond_reads() {
        let a = r#"{"type":2,"locale":"en-GB","token":"t1","data":{"name":"pledged","options":[{"name":"aid","type":3,"value":"drones"}]}}"#;
        let same = r#"{"type":2,"token":"t2","id":"9","locale":"en-GB","data":{"options":[{"value":"drones","type":3,"name":"aid"}],"name":"pledged","id":"5"}}"#;
        assert!(key(a).is_some());
        assert_eq!(key(a), key(same));
        for different in [
            a.replace("drones", "drone"),
            a.replace("en-GB", "uk"),
            a.replace("pledged", "agreement"),
            a.replace(r#""type":2"#, r#""type":4"#),
            a.replace(r#""type":3,"#, r#""type":3,"focused":true,"#),
        ] {
            assert_ne!(key(a), key(&different), "{different}");
        }
        // Ambiguous concatenations stay apart.
        let x = r#"{"type":3,"data":{"name":"a,\"b","custom_id":""}}"#;
        let y = r#"{"type":3,"data":{"name":"a","custom_id":"b"}}"#;
        assert_ne!(key(x), key(y));
    }

    #[test]
    fn pings_modals_and_subcommands_are_not_cached() {
        assert_eq!(key(r#"{"type":1}"#), None);
        assert_eq!(key(r#"{"type":5,"data":{"custom_id":"m"}}"#), None);
        assert_eq!(
            key(r#"{"type":2,"data":{"name":"x","options":[{"name":"sub","type":1,"options":[]}]}}"#),
            None
        );
    }
}
