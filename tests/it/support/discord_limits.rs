//! The one checker of Discord's limits on an interaction response, used by
//! every integration test and by the fuzz targets (`fuzz/src/lib.rs`
//! includes this file with `#[path]`, so it needs nothing but `serde_json`).
//!
//! It checks the JSON itself (what actually goes over the wire), counting in
//! characters (code points) as Discord does (`resources/message.mdx`, Embed
//! Limits; `interactions/receiving-and-responding.mdx`;
//! `components/reference.mdx`), plus our own rules: mentions are off in
//! `allowed_mentions`, and no string anywhere holds `@everyone`, `@here` or
//! mention syntax (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`).

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

/// Every way `body` (an interaction response: PONG, message, update or
/// autocomplete) breaks Discord's limits or our no-ping rules; empty when it
/// is fine.
pub fn problems(body: &Value) -> Vec<String> {
    let mut p = Vec::new();
    let data = &body["data"];
    match body["type"].as_u64() {
        Some(1) => {
            if !data.is_null() {
                p.push(format!("a PONG carries data: {data}"));
            }
        }
        Some(4 | 7) => message(&mut p, data),
        // A deferral: the message follows as an edit; only EPHEMERAL may be set.
        Some(5 | 6) => {
            let flags_only = data.as_object().is_none_or(|o| o.keys().all(|k| k == "flags"));
            if !flags_only || data["flags"].as_u64().is_some_and(|f| f & !64 != 0) {
                p.push(format!("a deferral carries more than the ephemeral flag: {data}"));
            }
        }
        Some(8) => match data["choices"].as_array() {
            Some(choices) => p.extend(choice_problems(choices)),
            None => p.push("autocomplete without a choices array".into()),
        },
        other => p.push(format!("unexpected response type {other:?}")),
    }
    let mut all = Vec::new();
    strings(body, &mut all);
    for s in all {
        let lower = s.to_lowercase();
        if lower.contains("@everyone") || lower.contains("@here") {
            p.push(format!("mass mention in {s:?}"));
        }
        if let Some(m) = mention_in(s) {
            p.push(format!("mention {m} in {s:?}"));
        }
    }
    p
}

/// Autocomplete choices: at most 25, names and values of 1 to 100 characters.
pub fn choice_problems(choices: &[Value]) -> Vec<String> {
    let mut p = Vec::new();
    if choices.len() > 25 {
        p.push(format!("{} choices, at most 25", choices.len()));
    }
    for (i, c) in choices.iter().enumerate() {
        check_len(&mut p, &format!("choice {i} name"), &c["name"], 1, 100);
        check_len(&mut p, &format!("choice {i} value"), &c["value"], 1, 100);
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
    if am["replied_user"] == Value::Bool(true) {
        p.push("allowed_mentions.replied_user must be false".into());
    }
    if !data["content"].is_null() {
        check_len(p, "content", &data["content"], 0, 2000);
    }
    if let Some(flags) = data["flags"].as_u64() {
        if flags & !64 != 0 {
            p.push(format!("unexpected flags {flags}"));
        }
    }
    let embeds = data["embeds"].as_array().map_or(&[][..], Vec::as_slice);
    if embeds.is_empty() && data["content"].as_str().is_none_or(str::is_empty) {
        p.push("a message with neither embeds nor content".into());
    }
    if embeds.len() > 10 {
        p.push(format!("{} embeds, at most 10", embeds.len()));
    }
    let mut total = 0;
    for (i, e) in embeds.iter().enumerate() {
        total += embed(p, &format!("embed {i}"), e);
    }
    if total > 6000 {
        p.push(format!("embeds total {total} characters, at most 6000"));
    }
    components(p, data);
    attachments(p, data);
}

/// Discord's default limit on one uploaded file (`reference.mdx`, Uploading
/// Files); an interaction's `attachment_size_limit` gives the real one.
pub const FILE_LIMIT: usize = 10 * 1024 * 1024;

/// The message's `attachments`: distinct ids, a file name and a description
/// of at most 1,024 characters each; an embed image `attachment://name`
/// names one of them, with an extension an embed can show.
fn attachments(p: &mut Vec<String>, data: &Value) {
    let list = data["attachments"].as_array().map_or(&[][..], Vec::as_slice);
    if list.len() > 10 {
        p.push(format!("{} attachments, at most 10", list.len()));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, a) in list.iter().enumerate() {
        match a["id"].as_u64() {
            Some(id) if ids.insert(id) => {}
            _ => p.push(format!("attachment {i}: id {} missing or repeated", a["id"])),
        }
        check_len(p, &format!("attachment {i} filename"), &a["filename"], 1, 1024);
        if !a["description"].is_null() {
            check_len(
                p,
                &format!("attachment {i} description"),
                &a["description"],
                0,
                1024,
            );
        }
    }
    let names: Vec<&str> = list.iter().filter_map(|a| a["filename"].as_str()).collect();
    for (i, e) in data["embeds"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .enumerate()
    {
        let Some(url) = e["image"]["url"].as_str() else {
            continue;
        };
        let Some(name) = url.strip_prefix("attachment://") else {
            continue;
        };
        if !names.contains(&name) {
            p.push(format!("embed {i} image {url} names no attachment"));
        }
        let lower = name.to_ascii_lowercase();
        if ![".png", ".jpg", ".jpeg", ".webp", ".gif"]
            .iter()
            .any(|x| lower.ends_with(x))
        {
            p.push(format!(
                "embed {i} image {url}: an embed shows only png, jpg, webp and gif"
            ));
        }
    }
}

/// The files uploaded with a message (multipart parts `files[n]`: index,
/// file name, size): each matches the attachment with id `n` in `data`, and
/// none is over `limit` bytes. Every attachment has its file.
pub fn file_problems(data: &Value, files: &[(u64, &str, usize)], limit: usize) -> Vec<String> {
    let mut p = Vec::new();
    let list = data["attachments"].as_array().map_or(&[][..], Vec::as_slice);
    for &(n, name, size) in files {
        match list.iter().find(|a| a["id"].as_u64() == Some(n)) {
            Some(a) if a["filename"].as_str() == Some(name) => {}
            Some(a) => p.push(format!(
                "files[{n}] is {name:?}, its attachment says {}",
                a["filename"]
            )),
            None => p.push(format!("files[{n}] ({name}) has no attachment with id {n}")),
        }
        if size > limit {
            p.push(format!("files[{n}] ({name}): {size} bytes, at most {limit}"));
        }
        if size == 0 {
            p.push(format!("files[{n}] ({name}) is empty"));
        }
    }
    for a in list {
        if !files.iter().any(|f| Some(f.0) == a["id"].as_u64()) {
            p.push(format!("attachment {} has no file part", a["id"]));
        }
    }
    p
}

/// Checks one embed; returns the characters it counts towards the 6,000.
fn embed(p: &mut Vec<String>, at: &str, e: &Value) -> usize {
    if !e["title"].is_null() {
        check_len(p, &format!("{at} title"), &e["title"], 1, 256);
    }
    if !e["description"].is_null() {
        check_len(p, &format!("{at} description"), &e["description"], 1, 4096);
    }
    if chars(&e["title"]) + chars(&e["description"]) == 0 {
        p.push(format!("{at}: neither a title nor a description"));
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
    let fields = e["fields"].as_array().map_or(&[][..], Vec::as_slice);
    if fields.len() > 25 {
        p.push(format!("{at}: {} fields, at most 25", fields.len()));
    }
    let mut total = chars(&e["title"]) + chars(&e["description"]);
    total += chars(&e["footer"]["text"]) + chars(&e["author"]["name"]);
    for (j, f) in fields.iter().enumerate() {
        check_len(p, &format!("{at} field {j} name"), &f["name"], 1, 256);
        check_len(p, &format!("{at} field {j} value"), &f["value"], 1, 1024);
        total += chars(&f["name"]) + chars(&f["value"]);
    }
    total
}

/// Action rows of buttons: at most 5 rows of 1 to 5, custom ids of 1 to 100
/// characters and distinct, labels of 1 to 80.
fn components(p: &mut Vec<String>, data: &Value) {
    let rows = data["components"].as_array().map_or(&[][..], Vec::as_slice);
    if rows.len() > 5 {
        p.push(format!("{} action rows, at most 5", rows.len()));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        if row["type"] != 1 {
            p.push(format!("row {i} is not an action row"));
        }
        let buttons = row["components"].as_array().map_or(&[][..], Vec::as_slice);
        if buttons.is_empty() || buttons.len() > 5 {
            p.push(format!("row {i}: {} buttons, allowed 1..=5", buttons.len()));
        }
        for (j, b) in buttons.iter().enumerate() {
            let at = format!("row {i} button {j}");
            check_len(p, &format!("{at} custom_id"), &b["custom_id"], 1, 100);
            check_len(p, &format!("{at} label"), &b["label"], 1, 80);
            if !ids.insert(b["custom_id"].as_str().unwrap_or_default().to_string()) {
                p.push(format!("{at}: duplicate custom_id {}", b["custom_id"]));
            }
        }
    }
}

/// Every string anywhere in a JSON value.
pub fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
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

/// Panics with every problem, naming what was checked.
pub fn assert_within_limits(what: &str, body: &Value) {
    let p = problems(body);
    assert!(p.is_empty(), "{what}: {}\n{body:#}", p.join("; "));
}
