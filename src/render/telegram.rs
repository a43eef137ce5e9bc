//! Telegram messages built from a [`Reply`]: HTML parse mode, at most
//! [`MESSAGE_LIMIT`] characters a message, page buttons whose callback data
//! fits [`CALLBACK_DATA_LIMIT`] bytes.
//!
//! A reply page is sized for a Discord embed (up to 6,000 characters); a
//! Telegram message holds 4,096. So one reply page becomes one or more
//! *parts*, split at line boundaries, and the buttons walk parts and pages
//! alike. A button's data names the language, the part and the command line
//! of the page ([`Callback`]), so pressing it after a restart answers the
//! same thing. Plain serde types, no teloxide: the answer cache stores them.

mod html;
mod markup;

use serde::{Deserialize, Serialize};

pub use html::{check as check_html, ALLOWED_TAGS};
pub use markup::{escape, to_html, to_plain};

use crate::lang::Lang;
use crate::reply::{Reply, Status};

/// Telegram's limit on a message's text (and on an inline result's text).
/// Counted here in UTF-16 code units of the HTML source, which is never
/// less than what Telegram counts (the text after its tags are parsed).
pub const MESSAGE_LIMIT: usize = 4096;

/// Telegram's limit on an inline button's `callback_data`, in bytes.
pub const CALLBACK_DATA_LIMIT: usize = 64;

/// Room left in a part for the line break that joins the next line.
const PART_BUDGET: usize = MESSAGE_LIMIT - 16;

/// Telegram's limit on a photo's caption (`sendPhoto`), counted like
/// [`MESSAGE_LIMIT`].
pub const CAPTION_LIMIT: usize = 1024;

/// One reply page as Telegram messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    #[serde(with = "lang_code")]
    pub lang: Lang,
    /// The messages of this page, in order, each valid HTML within the limit.
    pub parts: Vec<String>,
    /// This page's number and count, when the answer has pages.
    pub page: Option<(usize, usize)>,
    /// The command lines of the neighbouring pages.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Whether it answered (an error or no match is still sent, but the
    /// log says so).
    pub ok: bool,
    /// For a reply with a picture (`/chart`): the photo's caption, the
    /// reply's first lines within [`CAPTION_LIMIT`]; `parts` then hold only
    /// what follows them. The picture itself travels beside this (in the
    /// answer cache's `Answer::image`), not in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// Where a page button leads: the command line of a page, one of its parts,
/// in one language. Encoded as `"{e|u}{part}:{line}"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub lang: Lang,
    /// 0-based; a part past the end means the last one.
    pub part: usize,
    pub line: String,
}

/// A part number that means "the last part" (going back a page).
pub const LAST_PART: usize = 99;

impl Callback {
    pub fn encode(&self) -> String {
        let l = match self.lang {
            Lang::En => 'e',
            Lang::Uk => 'u',
        };
        format!("{l}{}:{}", self.part, self.line)
    }

    /// `None` for data this bot did not write (or an older format).
    pub fn decode(data: &str) -> Option<Callback> {
        let mut chars = data.chars();
        let lang = match chars.next()? {
            'e' => Lang::En,
            'u' => Lang::Uk,
            _ => return None,
        };
        let (part, line) = chars.as_str().split_once(':')?;
        let part: usize = part.parse().ok().filter(|p| *p <= LAST_PART)?;
        line.starts_with('/').then(|| Callback {
            lang,
            part,
            line: line.to_string(),
        })
    }

    /// The encoded data, if it fits Telegram's limit.
    pub fn data(&self) -> Option<String> {
        Some(self.encode()).filter(|d| d.len() <= CALLBACK_DATA_LIMIT)
    }
}

/// One inline-keyboard button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub label: String,
    pub data: String,
}

/// The HTML lines of a reply page: bold title, description, each field with
/// a bold name (a continued field just goes on), italic footer.
fn lines(r: &Reply) -> Vec<String> {
    let mut out = vec![format!("<b>{}</b>", escape(&to_plain(&r.title)))];
    out.extend(r.description.lines().map(to_html));
    for f in &r.fields {
        if !f.continued {
            out.push(String::new());
            out.push(format!("<b>{}</b>", escape(&to_plain(&f.name))));
        }
        out.extend(f.value.lines().map(to_html));
    }
    out.push(String::new());
    out.push(format!("<i>{}</i>", to_html(&r.footer)));
    out
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A line too long for any message on its own (never in practice: fields
/// hold 1,024 characters) loses its markup and is cut.
fn fit_line(line: String) -> String {
    if units(&line) <= PART_BUDGET {
        return line;
    }
    let mut plain = String::new();
    for ch in to_plain(&line).chars() {
        let mut e = String::new();
        markup::escape_char_into(ch, &mut e);
        if units(&plain) + units(&e) + 1 > PART_BUDGET {
            break;
        }
        plain.push_str(&e);
    }
    plain.push('…');
    plain
}

/// The leading lines that fit a caption, packed as one, and the rest.
fn caption(lines: Vec<String>) -> (String, Vec<String>) {
    let budget = CAPTION_LIMIT - 16;
    let mut used = 0;
    let mut taken = Vec::new();
    let mut rest = lines.into_iter().peekable();
    while let Some(line) = rest.peek() {
        let extra = units(line) + usize::from(!taken.is_empty());
        if used + extra > budget {
            break;
        }
        used += extra;
        taken.extend(rest.next());
    }
    let mut caption = pack(taken).into_iter().next().unwrap_or_default();
    if caption.is_empty() {
        // Not even the title fits (never: titles are at most 256 characters).
        caption = "…".into();
    }
    (caption, rest.collect())
}

/// Packs lines into parts of at most [`PART_BUDGET`] UTF-16 units.
fn pack(lines: Vec<String>) -> Vec<String> {
    let mut parts = vec![String::new()];
    for line in lines.into_iter().map(fit_line) {
        let current = parts.last_mut().expect("one part at least");
        if !current.is_empty() && units(current) + 1 + units(&line) > PART_BUDGET {
            parts.push(String::new());
        }
        let current = parts.last_mut().expect("one part at least");
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    // A part never starts or ends with blank lines.
    parts
        .into_iter()
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// One reply page as Telegram messages.
pub fn render(r: &Reply) -> Rendered {
    let (caption, parts) = match &r.image {
        Some(_) => {
            let (c, rest) = caption(lines(r));
            (Some(c), pack(rest))
        }
        None => (None, pack(lines(r))),
    };
    Rendered {
        lang: r.lang,
        parts,
        caption,
        page: r.page.as_ref().map(|p| (p.number, p.count)),
        prev: r.page.as_ref().and_then(|p| p.prev.clone()),
        next: r.page.as_ref().and_then(|p| p.next.clone()),
        ok: r.status == Status::Ok,
    }
}

impl Rendered {
    /// The messages that answer a new question: the first part with its
    /// buttons when the answer has pages; every part in order, without
    /// buttons, when it is one page too long for one message (there is no
    /// command line to put in a button then).
    pub fn messages(&self) -> Vec<(&str, Vec<Button>)> {
        if self.parts.is_empty() {
            // All of it is in a photo's caption.
            Vec::new()
        } else if self.page.is_some() {
            let (_, text, buttons) = self.part(0);
            vec![(text, buttons)]
        } else {
            self.parts.iter().map(|p| (p.as_str(), Vec::new())).collect()
        }
    }

    /// Part `part` (clamped to the last), its index and its buttons.
    pub fn part(&self, part: usize) -> (usize, &str, Vec<Button>) {
        let last = self.parts.len().saturating_sub(1);
        let k = part.min(last);
        let text = self.parts.get(k).map_or("", String::as_str);
        (k, text, self.keyboard(k))
    }

    /// ◀ previous / next ▶ for part `k`: within this page's parts first,
    /// then to the neighbouring pages. A button whose data would not fit
    /// Telegram's 64 bytes is left out (the page stays readable by command).
    pub fn keyboard(&self, k: usize) -> Vec<Button> {
        let s = self.lang.strings();
        let here = |part: usize| -> Option<String> {
            let (n, _) = self.page?;
            // The same page: its own command line is the neighbour's with
            // the page number swapped; rebuild it from either neighbour.
            let line = self.prev.as_ref().or(self.next.as_ref())?;
            let cmd = crate::parse_line(line).ok()?.with_page(n);
            self.callback(cmd.to_line(), part)
        };
        let prev = if k > 0 {
            here(k - 1)
        } else {
            self.prev.clone().and_then(|l| self.callback(l, LAST_PART))
        };
        let last = self.parts.len().saturating_sub(1);
        let next = if k < last {
            here(k + 1)
        } else {
            self.next.clone().and_then(|l| self.callback(l, 0))
        };
        let mut out = Vec::new();
        if let Some(data) = prev {
            out.push(Button {
                label: s.previous_button.to_string(),
                data,
            });
        }
        if let Some(data) = next {
            out.push(Button {
                label: s.next_button.to_string(),
                data,
            });
        }
        out
    }

    fn callback(&self, line: String, part: usize) -> Option<String> {
        Callback {
            lang: self.lang,
            part,
            line,
        }
        .data()
    }

    /// The cache's text form (the answer cache keeps strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Back from [`Rendered::to_json`].
    pub fn from_json(s: &str) -> Option<Rendered> {
        serde_json::from_str(s).ok()
    }
}

/// `Lang` as its code (`en`, `uk`) in the cache form.
mod lang_code {
    use crate::lang::Lang;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(l: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(l.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
