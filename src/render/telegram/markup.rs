//! The replies' Discord Markdown (the subset `commands::execute::format`
//! writes) as Telegram HTML.
//!
//! Why a converter and not structured spans: every reply is written once,
//! by `format.rs`, in a small closed subset — `**bold**`, `_italic_`,
//! `` `code` ``, `[title](url)`, `<url>` and backslash escapes of user
//! text. Converting that subset keeps the core transport-free and every
//! transport showing the same words. The converter is total: each tag it
//! opens it closes in the same call (an opener without its closer is plain
//! text), and everything else is escaped, so its output is valid HTML for
//! any input (checked by `html::check` in the tests, on every reply).

/// Escapes text for Telegram HTML (`&`, `<`, `>`; `"` too, for attributes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

fn escape_into(s: &str, out: &mut String) {
    for ch in s.chars() {
        escape_char_into(ch, out);
    }
}

pub(super) fn escape_char_into(ch: char, out: &mut String) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        c => out.push(c),
    }
}

/// One line (or any text) of reply Markdown as Telegram HTML.
pub fn to_html(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    convert(md, &mut out, Mode::Html { in_link: false });
    out
}

/// The same text without any markup (for titles and field names, which go
/// inside `<b>` already, and for inline-result titles).
pub fn to_plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    convert(md, &mut out, Mode::Plain);
    out
}

#[derive(Clone, Copy)]
enum Mode {
    /// Telegram HTML; inside a link no other link is opened.
    Html { in_link: bool },
    /// Text only, unescaped: markers dropped, link titles kept.
    Plain,
}

impl Mode {
    fn text(self, s: &str, out: &mut String) {
        match self {
            Mode::Html { .. } => escape_into(s, out),
            Mode::Plain => out.push_str(s),
        }
    }

    fn tag(self, open: &str, out: &mut String) {
        if let Mode::Html { .. } = self {
            out.push_str(open);
        }
    }
}

fn convert(md: &str, out: &mut String, mode: Mode) {
    let mut i = 0;
    while i < md.len() {
        let rest = &md[i..];
        let Some(ch) = rest.chars().next() else { break };
        if let Some(used) = markup_at(md, i, out, mode) {
            i += used;
            continue;
        }
        if ch == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                mode.text(next.encode_utf8(&mut [0; 4]), out);
                i += 1 + next.len_utf8();
                continue;
            }
        }
        mode.text(ch.encode_utf8(&mut [0; 4]), out);
        i += ch.len_utf8();
    }
}

/// Converts the markup starting at byte `i` of `md`, if there is a complete
/// one there; returns the bytes it took.
fn markup_at(md: &str, i: usize, out: &mut String, mode: Mode) -> Option<usize> {
    let rest = &md[i..];
    if let Some(body) = rest.strip_prefix("**") {
        let end = find_unescaped(body, "**").filter(|&e| e > 0)?;
        mode.tag("<b>", out);
        convert(&body[..end], out, mode);
        mode.tag("</b>", out);
        return Some(2 + end + 2);
    }
    if let Some(body) = rest.strip_prefix('_') {
        let before = md[..i].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) || body.starts_with(char::is_whitespace) {
            return None;
        }
        let end = closing_underscore(body)?;
        mode.tag("<i>", out);
        convert(&body[..end], out, mode);
        mode.tag("</i>", out);
        return Some(1 + end + 1);
    }
    if let Some(body) = rest.strip_prefix('`') {
        let end = body.find('`').filter(|&e| e > 0)?;
        mode.tag("<code>", out);
        mode.text(&body[..end], out);
        mode.tag("</code>", out);
        return Some(1 + end + 1);
    }
    if rest.starts_with('[') {
        if let Mode::Html { in_link: true } = mode {
            return None;
        }
        let (title, url, used) = link_at(rest)?;
        match mode {
            Mode::Html { .. } => {
                out.push_str("<a href=\"");
                escape_into(url, out);
                out.push_str("\">");
                convert(title, out, Mode::Html { in_link: true });
                out.push_str("</a>");
            }
            Mode::Plain => convert(title, out, mode),
        }
        return Some(used);
    }
    if let Some(body) = rest.strip_prefix('<') {
        // `<url>`: a bare link (Discord's way to hide the preview card).
        let end = body.find('>')?;
        let url = &body[..end];
        if !is_url(url) {
            return None;
        }
        mode.text(url, out);
        return Some(1 + end + 1);
    }
    None
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace) && s.len() > 8
}

/// `[title](url)` at the start of `s`: title, url and bytes taken.
fn link_at(s: &str) -> Option<(&str, &str, usize)> {
    let close = find_unescaped(&s[1..], "](")? + 1;
    let title = &s[1..close];
    let after = &s[close + 2..];
    // The URL ends at the bracket that balances its own parentheses.
    let mut depth = 0usize;
    let mut end = None;
    for (k, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(k);
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    let url = &after[..end?];
    (!title.is_empty() && is_url(url)).then_some((title, url, close + 2 + url.len() + 1))
}

/// The byte offset of the first `pat` in `s` that is not backslash-escaped.
fn find_unescaped(s: &str, pat: &str) -> Option<usize> {
    let mut escaped = false;
    for (k, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            continue;
        }
        if s[k..].starts_with(pat) {
            return Some(k);
        }
    }
    None
}

/// The `_` that closes an italic: not escaped, after a non-space, and not
/// followed by a letter or digit (so `snake_case` inside stays as it is).
fn closing_underscore(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = find_unescaped(&s[from..], "_").map(|k| k + from) {
        let before = s[..k].chars().next_back();
        let after = s[k + 1..].chars().next();
        if k > 0 && !before.is_some_and(char::is_whitespace) && !after.is_some_and(char::is_alphanumeric) {
            return Some(k);
        }
        from = k + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_subset_becomes_telegram_tags() {
        let cases = [
            ("**EUR 7.1 bn** military", "<b>EUR 7.1 bn</b> military"),
            (
                "_(agreement text · Art. 3 §2)_",
                "<i>(agreement text · Art. 3 §2)</i>",
            ),
            (
                "Understood as `/pledged aid:drones`",
                "Understood as <code>/pledged aid:drones</code>",
            ),
            (
                "see [gov.uk](https://www.gov.uk/a_b?x=1&y=2)",
                "see <a href=\"https://www.gov.uk/a_b?x=1&amp;y=2\">gov.uk</a>",
            ),
            ("<https://example.org/a_b>", "https://example.org/a_b"),
            (
                "_Did you mean **Germany** for “Germny”?_",
                "<i>Did you mean <b>Germany</b> for “Germny”?</i>",
            ),
            ("• 5 < 6 & 7 > 3", "• 5 &lt; 6 &amp; 7 &gt; 3"),
        ];
        for (md, html) in cases {
            assert_eq!(to_html(md), html, "{md}");
        }
    }

    #[test]
    fn escaped_user_text_shows_as_typed() {
        // As `format::escape_user_text` writes `**x** <b>[a](b) _c_`.
        let typed = r"\*\*x\*\* \<b\>\[a\]\(b\) \_c\_";
        assert_eq!(to_html(typed), "**x** &lt;b&gt;[a](b) _c_");
    }

    #[test]
    fn unclosed_and_intraword_markers_stay_text() {
        assert_eq!(to_html("snake_case and_more"), "snake_case and_more");
        assert_eq!(to_html("**open"), "**open");
        assert_eq!(to_html("_open"), "_open");
        assert_eq!(to_html("`open"), "`open");
        assert_eq!(to_html("[t](not a url)"), "[t](not a url)");
        assert_eq!(to_html("<b>"), "&lt;b&gt;");
    }

    #[test]
    fn plain_drops_markers_and_keeps_link_titles() {
        assert_eq!(to_plain("**A** _b_ [gov.uk](https://gov.uk) `c`"), "A b gov.uk c");
    }
}
