//! The structured reply of DESIGN.md: `command`, `status`, the command's own
//! data, and `suggestions` / `page` where they apply.

use serde_json::{Map, Value};

use crate::reply::Reply;

/// The JSON document for one reply (one line with `to_string`).
pub fn render(r: &Reply) -> Value {
    let mut m = Map::new();
    m.insert("command".into(), Value::from(r.command.clone()));
    m.insert(
        "status".into(),
        serde_json::to_value(r.status).unwrap_or(Value::Null),
    );
    m.insert("title".into(), Value::from(r.title.clone()));
    if let Value::Object(data) = &r.data {
        for (k, v) in data {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
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
