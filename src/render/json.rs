//! The structured reply of DESIGN.md: `command`, `status`, the command's own
//! data, and `suggestions` / `page` where they apply.

use serde_json::{Map, Value};

use crate::reply::Reply;

/// The JSON document for one reply (one line with `to_string`). The reply
/// must come from `execute_json` / `answer_json`, which build its data.
pub fn render(r: &Reply) -> Value {
    debug_assert!(r.data.is_some(), "{}: a reply without its --json data", r.command);
    let mut m = Map::new();
    m.insert("command".into(), Value::from(r.command.clone()));
    m.insert("status".into(), Value::from(r.status.as_str()));
    m.insert("title".into(), Value::from(r.title.clone()));
    m.insert("lang".into(), Value::from(r.lang.as_str()));
    if let Some(Value::Object(data)) = &r.data {
        for (k, v) in data {
            debug_assert!(
                !m.contains_key(k),
                "{}: data key {k} collides with the envelope",
                r.command
            );
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    if let Some(image) = &r.image {
        // What the picture is (file name, size, bytes), never the bytes.
        m.insert("image".into(), serde_json::to_value(image).unwrap_or(Value::Null));
    }
    if !r.suggestions.is_empty() {
        m.insert("suggestions".into(), Value::from(r.suggestions.clone()));
    }
    if let Some(p) = &r.page {
        m.insert("page".into(), serde_json::to_value(p).unwrap_or(Value::Null));
    }
    if r.status == crate::reply::Status::Error {
        m.entry("error")
            .or_insert_with(|| Value::from(r.description.clone()));
    }
    Value::Object(m)
}
