//! Discord's limits on an interaction response, checked on the JSON itself
//! (what actually goes over the wire), counted in characters (code points),
//! as Discord counts them (`resources/message.mdx`, Embed Limits;
//! `interactions/receiving-and-responding.mdx`; `components/reference.mdx`).

use serde_json::Value;

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn check_len(problems: &mut Vec<String>, what: &str, v: &Value, min: usize, max: usize) {
    match v.as_str() {
        Some(s) => {
            let n = s.chars().count();
            if n < min || n > max {
                problems.push(format!("{what}: {n} characters, allowed {min}..={max}"));
            }
            if min > 0 && s.trim().is_empty() {
                problems.push(format!("{what}: blank"));
            }
        }
        None => problems.push(format!("{what}: not a string ({v})")),
    }
}

/// Every way `body` breaks Discord's limits or our rules (mentions off);
/// empty when it is fine.
pub fn problems(body: &Value) -> Vec<String> {
    let mut p = Vec::new();
    let kind = body["type"].as_u64().unwrap_or(0);
    let data = &body["data"];
    match kind {
        1 => {}
        4 | 7 => message(&mut p, data),
        8 => {
            let choices = data["choices"].as_array().cloned().unwrap_or_default();
            if data["choices"].as_array().is_none() {
                p.push("autocomplete without a choices array".into());
            }
            if choices.len() > 25 {
                p.push(format!("{} choices, at most 25", choices.len()));
            }
            for (i, c) in choices.iter().enumerate() {
                check_len(&mut p, &format!("choice {i} name"), &c["name"], 1, 100);
                check_len(&mut p, &format!("choice {i} value"), &c["value"], 1, 100);
            }
        }
        other => p.push(format!("unexpected response type {other}")),
    }
    p
}

fn message(p: &mut Vec<String>, data: &Value) {
    let am = &data["allowed_mentions"];
    if am["parse"] != Value::Array(vec![]) {
        p.push(format!("allowed_mentions.parse must be [], is {}", am["parse"]));
    }
    for k in ["users", "roles"] {
        if !am[k].is_null() && am[k] != Value::Array(vec![]) {
            p.push(format!("allowed_mentions.{k} must be empty"));
        }
    }
    if !data["content"].is_null() {
        check_len(p, "content", &data["content"], 0, 2000);
    }
    if let Some(flags) = data["flags"].as_u64() {
        if flags & !64 != 0 {
            p.push(format!("unexpected flags {flags}"));
        }
    }
    let embeds = data["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.is_empty() && data["content"].as_str().is_none_or(str::is_empty) {
        p.push("a message with neither embeds nor content".into());
    }
    if embeds.len() > 10 {
        p.push(format!("{} embeds, at most 10", embeds.len()));
    }
    let mut total = 0;
    for (i, e) in embeds.iter().enumerate() {
        let at = format!("embed {i}");
        if !e["title"].is_null() {
            check_len(p, &format!("{at} title"), &e["title"], 1, 256);
        }
        if !e["description"].is_null() {
            check_len(p, &format!("{at} description"), &e["description"], 1, 4096);
        }
        if !e["footer"].is_null() {
            check_len(p, &format!("{at} footer"), &e["footer"]["text"], 1, 2048);
        }
        if !e["author"].is_null() {
            check_len(p, &format!("{at} author"), &e["author"]["name"], 1, 256);
        }
        if let Some(c) = e["color"].as_u64() {
            if c > 0xFF_FFFF {
                p.push(format!("{at} colour {c} is not an RGB value"));
            }
        }
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        if fields.len() > 25 {
            p.push(format!("{at}: {} fields, at most 25", fields.len()));
        }
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
        total += chars(&e["author"]["name"]);
        for (j, f) in fields.iter().enumerate() {
            check_len(p, &format!("{at} field {j} name"), &f["name"], 1, 256);
            check_len(p, &format!("{at} field {j} value"), &f["value"], 1, 1024);
            total += chars(&f["name"]) + chars(&f["value"]);
        }
    }
    if total > 6000 {
        p.push(format!("embeds total {total} characters, at most 6000"));
    }
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        p.push(format!("{} action rows, at most 5", rows.len()));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        if row["type"] != 1 {
            p.push(format!("row {i} is not an action row"));
        }
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        if buttons.is_empty() || buttons.len() > 5 {
            p.push(format!("row {i}: {} buttons, allowed 1..=5", buttons.len()));
        }
        for (j, b) in buttons.iter().enumerate() {
            check_len(
                p,
                &format!("row {i} button {j} custom_id"),
                &b["custom_id"],
                1,
                100,
            );
            check_len(p, &format!("row {i} button {j} label"), &b["label"], 1, 80);
            if !ids.insert(b["custom_id"].as_str().unwrap_or_default().to_string()) {
                p.push(format!(
                    "row {i} button {j}: duplicate custom_id {}",
                    b["custom_id"]
                ));
            }
        }
    }
}

/// Panics with every problem, naming what was checked.
pub fn assert_within_limits(what: &str, body: &Value) {
    let p = problems(body);
    assert!(p.is_empty(), "{what}: {}\n{body:#}", p.join("; "));
}

/// The enabled page-button custom ids (`pg:…`) of a message body.
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
