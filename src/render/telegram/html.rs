//! A strict checker for Telegram's HTML parse mode, so tests (and a debug
//! assertion before every send) can prove a message will not be refused
//! with "can't parse entities".
//!
//! Rules (core.telegram.org/bots/api § HTML style): only the tags below,
//! properly nested and closed; `<a>` with an `href` only; `&` only as
//! `&lt;`, `&gt;`, `&amp;`, `&quot;` or a numeric entity; no raw `<` or `>`
//! in text.

/// The tags Telegram's HTML parse mode accepts.
pub const ALLOWED_TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "code",
    "pre",
    "a",
    "blockquote",
    "tg-spoiler",
];

/// `Ok` when `s` is valid Telegram HTML; else what is wrong and where.
pub fn check(s: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or('\0');
        match c {
            '<' => {
                let end = rest
                    .find('>')
                    .ok_or_else(|| format!("unclosed tag at byte {i}"))?;
                let tag = &rest[1..end];
                if let Some(name) = tag.strip_prefix('/') {
                    match stack.pop() {
                        Some(open) if open == name => {}
                        other => return Err(format!("</{name}> at byte {i} closes {other:?}")),
                    }
                } else {
                    let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
                    if !ALLOWED_TAGS.contains(&name) {
                        return Err(format!("tag <{name}> at byte {i} is not allowed"));
                    }
                    check_attrs(name, attrs).map_err(|e| format!("<{name}> at byte {i}: {e}"))?;
                    let name_start = i + 1;
                    stack.push(&s[name_start..name_start + name.len()]);
                }
                i += end + 1;
            }
            '>' => return Err(format!("raw > at byte {i}")),
            '&' => {
                let end = rest.find(';').ok_or_else(|| format!("bare & at byte {i}"))?;
                check_entity(&rest[1..end]).map_err(|e| format!("at byte {i}: {e}"))?;
                i += end + 1;
            }
            c => i += c.len_utf8(),
        }
    }
    match stack.last() {
        None => Ok(()),
        Some(open) => Err(format!("<{open}> is never closed")),
    }
}

fn check_entity(name: &str) -> Result<(), String> {
    let ok = matches!(name, "lt" | "gt" | "amp" | "quot")
        || name
            .strip_prefix('#')
            .is_some_and(|n| !n.is_empty() && n.len() <= 7 && n.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(format!("unknown entity &{name};"))
    }
}

fn check_attrs(name: &str, attrs: &str) -> Result<(), String> {
    if name != "a" {
        return if attrs.is_empty() {
            Ok(())
        } else {
            Err(format!("unexpected attributes {attrs:?}"))
        };
    }
    let value = attrs
        .strip_prefix("href=\"")
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(|| format!("expected href=\"…\", got {attrs:?}"))?;
    if value.contains(['"', '<', '>']) {
        return Err(format!("unescaped character in href {value:?}"));
    }
    check(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_telegram_html_and_refuses_the_rest() {
        for ok in [
            "plain",
            "<b>a</b> <i>b <code>c</code></i>",
            "<a href=\"https://x.org/?a=1&amp;b=2\">x</a>",
            "5 &lt; 6 &amp;&#8212;",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "<b>a",
            "<b>a</i>",
            "<div>a</div>",
            "a < b",
            "a > b",
            "AT&T",
            "&nbsp;",
            "<a>x</a>",
            "<b class=\"x\">a</b>",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
