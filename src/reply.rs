//! The transport-neutral answer to a command.
//!
//! A [`Reply`] is one page of an answer: a title, a description, fields and a
//! footer, plus the structured data that `--json` prints. It is built through
//! [`ReplyBuilder`], which splits long sections into fields and fields into
//! pages so that every page fits Discord's embed limits by construction —
//! renderers never need to cut anything.

use serde::Serialize;

use crate::lang::Lang;

mod image;

pub use image::Image;
#[cfg(test)]
pub(crate) use image::TINY_PNG;

/// Discord's embed limits (`resources/message.mdx`), in characters.
pub mod limits {
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    /// Title, description, field names and values and footer together.
    pub const EMBED_TOTAL: usize = 6000;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_VALUE: usize = 100;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
}

/// What kind of answer this is; `--json` prints it as `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Answered from the dataset.
    Ok,
    /// Nothing close enough; `suggestions` lists the nearest names.
    NoMatch,
    /// A real country that has no agreement.
    NotAPartner,
    /// The command itself was wrong (unknown command, missing option).
    Error,
}

impl Status {
    /// The name `--json` prints, for log lines and metrics labels.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NoMatch => "no_match",
            Status::NotAPartner => "not_a_partner",
            Status::Error => "error",
        }
    }

    /// Whether only the asker should see it (Discord's ephemeral flag).
    pub fn is_private(self) -> bool {
        matches!(self, Status::NoMatch | Status::Error)
    }
}

/// One autocomplete suggestion: a label shown to the user and the value
/// sent back when it is picked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// One embed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
    /// The rest of the section before it, split off to fit a field (its
    /// name ends with the language's "(cont.)"); text output joins them.
    #[serde(skip)]
    pub continued: bool,
}

/// Where this page sits in a longer answer. `prev`/`next` are the command
/// lines that show the neighbouring pages, so a button can carry them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// One page of an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub command: String,
    pub status: Status,
    /// The language it is written in.
    pub lang: Lang,
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub footer: String,
    /// Names the user may have meant (no match, ambiguous, unknown command).
    pub suggestions: Vec<String>,
    /// Answers the user can pick ("Which one did you mean?"): a label and
    /// the command line that answers it; Discord shows them as buttons.
    pub choices: Vec<Choice>,
    pub page: Option<Page>,
    /// The structured answer for `--json` (whole, not just this page).
    /// Built only when asked for (`execute_json`): Discord never reads it.
    pub data: Option<serde_json::Value>,
    /// A picture that goes with the answer (`/chart`): attached to the
    /// Discord message, sent as a Telegram photo, written by `ask --out`.
    pub image: Option<Image>,
}

impl Reply {
    /// Characters Discord counts towards the 6,000 limit.
    pub fn embed_chars(&self) -> usize {
        chars(&self.title)
            + chars(&self.description)
            + chars(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| chars(&f.name) + chars(&f.value))
                .sum::<usize>()
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Cuts `s` to at most `max` characters, marking the cut with "…" (which
/// counts as one of them; with no room at all the result is empty).
pub fn clip(s: &str, max: usize) -> String {
    if chars(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Room kept free on each page for the title's page marker and the footer.
const PAGE_BUDGET: usize = limits::EMBED_TOTAL - 400;

/// Builds a [`Reply`], paginating when the content does not fit one embed.
#[derive(Debug, Clone)]
pub struct ReplyBuilder {
    command: String,
    status: Status,
    lang: Lang,
    title: String,
    description: String,
    fields: Vec<Field>,
    suggestions: Vec<String>,
    choices: Vec<Choice>,
    /// Whether [`ReplyBuilder::data`] keeps what it is given.
    wants_data: bool,
    data: Option<serde_json::Value>,
    /// Fields are grouped into blocks that stay on one page together.
    blocks: Vec<std::ops::Range<usize>>,
    /// Blocks that must open a new page, by block index, with the title
    /// that page and the pages it runs on to carry (detail pages of a card).
    breaks: Vec<(usize, String)>,
    image: Option<Image>,
}

impl ReplyBuilder {
    pub fn new(command: impl Into<String>, status: Status, title: impl Into<String>) -> Self {
        ReplyBuilder {
            command: command.into(),
            status,
            lang: Lang::En,
            title: title.into(),
            description: String::new(),
            fields: Vec::new(),
            suggestions: Vec::new(),
            choices: Vec::new(),
            wants_data: true,
            data: None,
            blocks: Vec::new(),
            breaks: Vec::new(),
            image: None,
        }
    }

    /// A picture that goes with the answer.
    pub fn image(mut self, image: Image) -> Self {
        self.image = Some(image);
        self
    }

    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = clip(&d.into(), limits::DESCRIPTION);
        self
    }

    /// The language of the reply, for its page labels (default English).
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Whether the `--json` data will be read (default yes). When not,
    /// [`ReplyBuilder::data_with`] never builds it.
    pub fn wants_data(mut self, yes: bool) -> Self {
        self.wants_data = yes;
        self
    }

    /// The structured answer, when it is wanted.
    pub fn data(self, data: impl Serialize) -> Self {
        self.data_with(|| data)
    }

    /// The structured answer, built only when it is wanted.
    pub fn data_with<T: Serialize>(mut self, build: impl FnOnce() -> T) -> Self {
        if self.wants_data {
            let value = serde_json::to_value(build());
            debug_assert!(value.is_ok(), "{}: data does not serialise", self.command);
            self.data = value.ok();
        }
        self
    }

    pub fn suggestions(mut self, s: Vec<String>) -> Self {
        self.suggestions = s;
        self
    }

    /// Answers to pick from: (label, command line).
    pub fn choices(mut self, c: impl IntoIterator<Item = (String, String)>) -> Self {
        self.choices = c
            .into_iter()
            .map(|(name, value)| Choice { name, value })
            .collect();
        self
    }

    /// One field; the value is clipped to Discord's field limit.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>, inline: bool) -> Self {
        let start = self.fields.len();
        self.push(name.into(), value.into(), inline);
        self.blocks.push(start..self.fields.len());
        self
    }

    /// A section of lines, split at line boundaries into as many fields as it
    /// needs ("Aid areas", "Aid areas (cont.)"). Each line is kept whole unless
    /// it alone exceeds a field.
    pub fn lines(mut self, name: impl Into<String>, lines: impl IntoIterator<Item = String>) -> Self {
        let name = name.into();
        let mut value = String::new();
        let mut first = true;
        let flush = |b: &mut Self, value: &mut String, first: &mut bool| {
            if value.is_empty() {
                return;
            }
            let n = if *first {
                name.clone()
            } else {
                format!("{name}{}", b.lang.strings().continued)
            };
            let start = b.fields.len();
            b.push(n, std::mem::take(value), false);
            if let Some(f) = b.fields.last_mut() {
                f.continued = !*first;
            }
            b.blocks.push(start..b.fields.len());
            *first = false;
        };
        for line in lines {
            let line = clip(&line, limits::FIELD_VALUE);
            let extra = if value.is_empty() { 0 } else { 1 };
            if chars(&value) + extra + chars(&line) > limits::FIELD_VALUE {
                flush(&mut self, &mut value, &mut first);
            }
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(&line);
        }
        flush(&mut self, &mut value, &mut first);
        self
    }

    /// Starts a new page for what follows, titled `title` (and so are the
    /// pages it runs on to), so that a short first page (a card) keeps its
    /// details on pages of their own. Ignored when nothing follows.
    pub fn new_page(mut self, title: impl Into<String>) -> Self {
        self.breaks.push((self.blocks.len(), title.into()));
        self
    }

    /// Several fields that belong on the same page (one entry of a list).
    pub fn block(mut self, fields: impl IntoIterator<Item = (String, String, bool)>) -> Self {
        let start = self.fields.len();
        for (n, v, i) in fields {
            self.push(n, v, i);
        }
        if self.fields.len() > start {
            self.blocks.push(start..self.fields.len());
        }
        self
    }

    fn push(&mut self, name: String, value: String, inline: bool) {
        let name = if name.trim().is_empty() {
            "\u{200B}".to_string()
        } else {
            clip(&name, limits::FIELD_NAME)
        };
        let value = if value.trim().is_empty() {
            "—".to_string()
        } else {
            clip(&value, limits::FIELD_VALUE)
        };
        self.fields.push(Field {
            name,
            value,
            inline,
            continued: false,
        });
    }

    /// Splits the fields into pages, each with its title (the reply's own
    /// unless a [`ReplyBuilder::new_page`] section gave another); the
    /// description goes on the first page.
    fn pages(&self, footer_len: usize) -> Vec<(Vec<std::ops::Range<usize>>, &str)> {
        let head = |title: &str| chars(title) + footer_len + 40;
        let mut title: &str = &self.title;
        let mut pages: Vec<(Vec<std::ops::Range<usize>>, &str)> = vec![(Vec::new(), title)];
        let mut used = head(title) + chars(&self.description);
        let mut count = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            let forced = self.breaks.iter().rev().find(|(at, _)| *at == i);
            if let Some((_, t)) = forced {
                title = t;
            }
            let size: usize = self.fields[b.clone()]
                .iter()
                .map(|f| chars(&f.name) + chars(&f.value))
                .sum();
            let n = b.len();
            let current = &pages.last().expect("one page at least").0;
            let full = used + size > PAGE_BUDGET || count + n > limits::FIELDS;
            // The first page is not empty when it holds the description.
            let card = pages.len() == 1 && !self.description.is_empty();
            let occupied = !current.is_empty() || (forced.is_some() && card);
            if occupied && (forced.is_some() || full) {
                pages.push((Vec::new(), title));
                used = head(title);
                count = 0;
            } else if forced.is_some() {
                // A section at the very start: the first page takes its title.
                pages.last_mut().expect("one page at least").1 = title;
            }
            pages.last_mut().expect("one page at least").0.push(b.clone());
            used += size;
            count += n;
        }
        pages
    }

    /// A reply whose inputs are bounded so that it always fits one page
    /// (errors, suggestions, a single pledge).
    pub fn build_one(self, footer: &str) -> Reply {
        let r = self.build(footer, 1, |_| String::new());
        debug_assert!(r.page.is_none(), "{} does not fit one page", r.title);
        r
    }

    /// Page `number` (1-based; clamped to the pages there are). `page_command`
    /// gives the command line that shows another page, for navigation.
    pub fn build(self, footer: &str, number: usize, page_command: impl Fn(usize) -> String) -> Reply {
        let footer_base = clip(footer, limits::FOOTER - 40);
        let pages = self.pages(chars(&footer_base));
        let count = pages.len();
        let asked = number;
        let number = number.clamp(1, count);
        let (blocks, page_title) = &pages[number - 1];
        let fields: Vec<Field> = blocks
            .iter()
            .flat_map(|r| self.fields[r.clone()].iter().cloned())
            .collect();
        let (title, footer, page) = if count > 1 {
            (
                clip(&format!("{page_title} ({number}/{count})"), limits::TITLE),
                format!("{footer_base} · {}", (self.lang.strings().page_of)(number, count)),
                Some(Page {
                    number,
                    count,
                    prev: (number > 1).then(|| page_command(number - 1)),
                    next: (number < count).then(|| page_command(number + 1)),
                }),
            )
        } else {
            (clip(&self.title, limits::TITLE), footer_base, None)
        };
        let mut description = if number == 1 {
            self.description
        } else {
            String::new()
        };
        if asked > count {
            // Say so rather than silently show another page than the one asked for.
            let note = (self.lang.strings().page_past_end)(asked, count);
            description = if description.is_empty() {
                note
            } else {
                clip(&format!("{note}\n\n{description}"), limits::DESCRIPTION)
            };
        }
        Reply {
            command: self.command,
            status: self.status,
            lang: self.lang,
            title,
            description,
            fields,
            footer,
            suggestions: self.suggestions,
            choices: self.choices,
            page,
            data: self.data,
            image: self.image,
        }
    }
}

#[cfg(test)]
mod tests;
