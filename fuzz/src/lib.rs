//! What the fuzz targets share: the dataset, loaded once per process (AFL's
//! persistent mode runs many inputs in one process), and the checks every
//! response must pass. A failed check panics, and AFL records it as a crash.
//!
//! The targets use `fuzz_nohook!`, not `fuzz!`: `fuzz!` installs a panic
//! hook that aborts at once, even on a panic the code under test catches
//! itself (as `interaction::parse` does with serenity's). Without the hook a
//! panic behaves as in production: one that is caught is no crash, one that
//! escapes the target is caught by afl.rs, which aborts, and AFL records it.

use std::sync::OnceLock;

use pactbot::dataset::Dataset;
use pactbot::render::discord::InteractionResponse;
use serde_json::Value;

/// The embedded dataset, loaded on first use.
pub fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
}

/// Input bytes as text: valid UTF-8 as is, anything else lossily, so every
/// byte string reaches the code under test.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// A Discord mention in `s`: `<@123>`, `<@!123>`, `<@&123>` or `<#123>`.
pub fn mention_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    for (i, _) in s.match_indices('<') {
        let mut j = i + 1;
        match b.get(j) {
            Some(b'@') => {
                j += 1;
                if matches!(b.get(j), Some(b'!' | b'&')) {
                    j += 1;
                }
            }
            Some(b'#') => j += 1,
            _ => continue,
        }
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && b.get(j + digits) == Some(&b'>') {
            return Some(&s[i..=j + digits]);
        }
    }
    None
}

/// Autocomplete choices: at most 25, names and values of 1 to 100 characters.
pub fn check_choices(choices: &[Value]) {
    assert!(choices.len() <= 25, "{} choices", choices.len());
    for c in choices {
        let (n, v) = (chars(&c["name"]), chars(&c["value"]));
        assert!((1..=100).contains(&n), "choice name of {n} chars: {c}");
        assert!((1..=100).contains(&v), "choice value of {v} chars: {c}");
    }
}

/// Discord's limits, mentions disabled, and no mention syntax anywhere.
pub fn check(resp: &InteractionResponse) {
    let v = serde_json::to_value(resp).expect("a response serialises");
    let Some(data) = v.get("data") else {
        assert_eq!(v["type"], 1, "only a PONG has no data: {v}");
        return;
    };
    if let Some(choices) = data.get("choices") {
        check_choices(choices.as_array().expect("choices is a list"));
    }
    if let Some(embeds) = data.get("embeds").and_then(Value::as_array) {
        assert!((1..=10).contains(&embeds.len()), "{} embeds", embeds.len());
        for e in embeds {
            let (title, description, footer) = (
                chars(&e["title"]),
                chars(&e["description"]),
                chars(&e["footer"]["text"]),
            );
            assert!(title <= 256, "title of {title} chars: {v}");
            assert!(description <= 4096, "description of {description} chars: {v}");
            assert!(footer <= 2048, "footer of {footer} chars: {v}");
            let mut total = title + description + footer;
            let fields = e.get("fields").and_then(Value::as_array);
            let fields = fields.map(Vec::as_slice).unwrap_or_default();
            assert!(fields.len() <= 25, "{} fields: {v}", fields.len());
            for f in fields {
                let (n, val) = (chars(&f["name"]), chars(&f["value"]));
                assert!((1..=256).contains(&n), "field name of {n} chars: {v}");
                assert!((1..=1024).contains(&val), "field value of {val} chars: {v}");
                total += n + val;
            }
            assert!(total <= 6000, "embed of {total} chars: {v}");
        }
        let am = &data["allowed_mentions"];
        assert_eq!(am["parse"], serde_json::json!([]), "allowed_mentions: {v}");
        assert_eq!(am["users"], serde_json::json!([]), "allowed_mentions: {v}");
        assert_eq!(am["roles"], serde_json::json!([]), "allowed_mentions: {v}");
    }
    let rows = data.get("components").and_then(Value::as_array);
    let rows = rows.map(Vec::as_slice).unwrap_or_default();
    assert!(rows.len() <= 5, "{} rows: {v}", rows.len());
    let mut ids: Vec<&str> = Vec::new();
    for row in rows {
        let buttons = row["components"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert!((1..=5).contains(&buttons.len()), "row of {}: {v}", buttons.len());
        for b in buttons {
            let id = b["custom_id"].as_str().unwrap_or_default();
            assert!(chars(&b["label"]) <= 80, "button label: {v}");
            assert!((1..=100).contains(&id.chars().count()), "custom_id: {v}");
            assert!(!ids.contains(&id), "custom_id {id} twice: {v}");
            ids.push(id);
        }
    }
    let mut all = Vec::new();
    strings(&v, &mut all);
    for s in all {
        let lower = s.to_lowercase();
        assert!(
            !lower.contains("@everyone") && !lower.contains("@here"),
            "mass mention in {s:?}"
        );
        assert!(mention_in(s).is_none(), "mention in {s:?}");
    }
}
