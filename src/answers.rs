//! Answers rendered once per dataset version.
//!
//! The dataset does not change between reloads, so an answer — what was
//! asked, in which output format — is a pure function of the dataset
//! version. [`Answers`] computes it once, keeps the rendered bytes, and
//! serves them from memory afterwards, for every transport alike: the batch
//! CLI (`ask --json -`), the HTTP endpoint and the gateway.
//!
//! Entries are keyed by the dataset's generation (see
//! [`Snapshot`](crate::dataset::Snapshot)) with the typed [`Ask`] and the
//! [`Format`]. A reload starts a new generation, so an old answer is never
//! found again; old entries are evicted like any cold entry, without a
//! clear-all cliff. The cache is bounded both in entries and in bytes
//! (quick_cache's S3-FIFO with a weight per entry): popular commands stay,
//! one-off searches and autocomplete prefixes pass through.
//!
//! A `/chart` answer's picture is not drawn per format: [`pictures`] keeps
//! each picture once per (generation, chart, language) and every format's
//! answer holds the same buffer. The two bounds are kept apart: the answer
//! cache weighs an answer by its text only (a picture's file name and alt
//! text included, its bytes not), the picture memo weighs pictures by their
//! bytes under its own bound ([`Limits::pictures`]). An answer in the cache
//! can keep a picture alive after the memo dropped it; that is at most one
//! picture per chart of the versions still cached (30 charts in two
//! languages today, 100–300 KB each), bounded by the dataset, not by what
//! is asked.
//!
//! The reader's [`Lang`] is part of the key too. If an answer ever depends
//! on something that is not in [`Ask`], [`Format`] and [`Lang`], it must go
//! into the key: the tests compare cached and fresh answers for that reason.

use std::sync::Arc;

use quick_cache::sync::Cache;
use quick_cache::{OptionsBuilder, Weighter};

use crate::commands::{self, Command, Fresh, Painter};
use crate::dataset::{Dataset, Snapshot};
use crate::lang::Lang;
use crate::render;
use crate::reply::{Image, Reply, Status};

mod pictures;

use pictures::Pictures;

/// How an answer is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown text, as Discord shows it (`pactbot ask`).
    Text,
    /// The structured reply of DESIGN.md (`--json`), on one line.
    Json,
    /// Discord's interaction response with a new message (`--discord`, a
    /// slash command).
    DiscordMessage,
    /// The answer to a page button: the message updated in place, or a new
    /// (private) message when the button's command does not answer.
    DiscordButton,
    /// Telegram messages: [`render::telegram::Rendered`] in its JSON form
    /// (every part of the page; the bot picks the part a button asks for).
    Telegram,
}

/// What was asked, in the terms the answer depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ask {
    /// A command, however it was typed (options in any order, spaces
    /// around values): the answer depends on the command only.
    Command(Command),
    /// A line whose answer depends on its very text: one that does not
    /// parse (the error quotes it), or a question.
    Line(Box<str>),
    /// Autocomplete suggestions for `partial` in `option` of `command`
    /// (always Discord's autocomplete response, whatever the format).
    Complete {
        command: Box<str>,
        option: Box<str>,
        partial: Box<str>,
    },
}

impl Ask {
    /// A command line as typed in the CLI or a page button.
    pub fn line(line: &str) -> Ask {
        // A question's answer quotes it ("Understood as", "question.text").
        if crate::question::is_question(line) {
            return Ask::Line(line.into());
        }
        match crate::parse_line(line) {
            Ok(cmd) => Ask::Command(cmd),
            Err(_) => Ask::Line(line.into()),
        }
    }

    /// Bytes of text the key holds, for its weight (computed on a miss only).
    fn text_len(&self) -> usize {
        match self {
            Ask::Command(c) => c.to_line().len(),
            Ask::Line(l) => l.len(),
            Ask::Complete {
                command,
                option,
                partial,
            } => command.len() + option.len() + partial.len(),
        }
    }
}

/// A rendered answer, shared: cloning it copies a pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(Arc<str>);

impl Body {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Body(s.into())
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An answer as sent, with what it was (for exit codes, logs and metrics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The command of the table it answers, if any.
    pub command: Option<&'static str>,
    /// The reply's status (none for autocomplete suggestions).
    pub status: Option<Status>,
    pub body: Body,
    /// The picture that goes with the body (`/chart`), whatever the format:
    /// each transport attaches it its own way. The cache's answers share
    /// it with the picture memo; it is weighed there.
    pub image: Option<Image>,
}

impl Answer {
    /// Bytes of text the answer holds: its body and its picture's name and
    /// alt text (the picture's bytes are weighed by the memo).
    fn text_len(&self) -> usize {
        self.body.0.len()
            + self
                .image
                .as_ref()
                .map_or(0, |i| i.file_name.len() + i.description.len())
    }
}

/// Whether an answer came from memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Hit,
    Miss,
    /// The cache is off: every answer is computed.
    Off,
}

/// How much the cache may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Answers kept at most (0 turns the cache off).
    pub entries: usize,
    /// Bytes of answers and keys kept at most (without pictures).
    pub bytes: usize,
    /// Bytes of `/chart` pictures kept at most (0: drawn for every answer
    /// computed).
    pub pictures: usize,
}

impl Limits {
    /// About 2.5 KiB an answer on average, so 4 KiB each leaves room.
    pub const BYTES_PER_ENTRY: usize = 4096;

    /// Bytes of pictures: the three charts without an aid type in both
    /// languages (about 1.5 MB) and a score of aid charts.
    pub const PICTURE_BYTES: usize = 8 << 20;

    /// `entries` answers and [`Self::BYTES_PER_ENTRY`] bytes for each, and
    /// [`Self::PICTURE_BYTES`] of pictures (none when `entries` is 0).
    pub fn entries(entries: usize) -> Self {
        Limits {
            entries,
            bytes: entries.saturating_mul(Self::BYTES_PER_ENTRY),
            pictures: if entries > 0 { Self::PICTURE_BYTES } else { 0 },
        }
    }
}

impl Default for Limits {
    /// 1024 answers, 4 MiB (and 8 MiB of pictures): the working set of a bot like this (popular
    /// commands, their pages, the autocomplete prefixes people type).
    fn default() -> Self {
        Limits::entries(1024)
    }
}

/// Bookkeeping per entry beyond its text (the key, the value, the table).
const ENTRY_OVERHEAD: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    generation: u64,
    format: Format,
    lang: Lang,
    ask: Ask,
}

#[derive(Clone)]
struct Entry {
    answer: Answer,
    /// Computed once at insertion: the weigher must be cheap.
    weight: u64,
}

#[derive(Clone)]
struct Weigh;

impl Weighter<Key, Entry> for Weigh {
    fn weight(&self, _key: &Key, e: &Entry) -> u64 {
        e.weight
    }
}

/// The answer cache: one per process (or per endpoint), shared by threads.
pub struct Answers {
    cache: Option<Cache<Key, Entry, Weigh>>,
    /// Only with the cache on: off computes every answer from scratch.
    pictures: Option<Pictures>,
    limits: Limits,
    /// Weight of the smallest entry: `bytes / entries`, so that the byte
    /// bound also bounds the number of entries.
    min_weight: u64,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answers")
            .field("limits", &self.limits)
            .field("entries", &self.len())
            .field("weight", &self.weight())
            .field("pictures", &self.pictures_len())
            .field("picture_weight", &self.picture_weight())
            .finish()
    }
}

impl Default for Answers {
    fn default() -> Self {
        Answers::new(Limits::default())
    }
}

impl Answers {
    pub fn new(limits: Limits) -> Self {
        let on = limits.entries > 0 && limits.bytes > 0;
        let min_weight = if on {
            (limits.bytes / limits.entries).max(1) as u64
        } else {
            1
        };
        let cache = on.then(|| {
            let options = OptionsBuilder::new()
                .estimated_items_capacity(limits.entries)
                .weight_capacity(limits.bytes as u64)
                .build()
                .expect("estimated items and weight capacity are set");
            Cache::with_options(options, Weigh, Default::default(), Default::default())
        });
        let pictures = if on { Pictures::new(limits.pictures) } else { None };
        Answers {
            cache,
            pictures,
            limits,
            min_weight,
        }
    }

    /// A cache that keeps nothing: every answer is computed.
    pub fn off() -> Self {
        Answers::new(Limits::entries(0))
    }

    pub fn enabled(&self) -> bool {
        self.cache.is_some()
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Answers held now.
    pub fn len(&self) -> usize {
        self.cache.as_ref().map_or(0, Cache::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Their weight: bytes of text plus a fixed overhead each, at least
    /// `bytes / entries` each.
    pub fn weight(&self) -> u64 {
        self.cache.as_ref().map_or(0, Cache::weight)
    }

    /// Pictures held now.
    pub fn pictures_len(&self) -> usize {
        self.pictures.as_ref().map_or(0, Pictures::len)
    }

    /// Their weight: bytes of the PNGs plus a little each.
    pub fn picture_weight(&self) -> u64 {
        self.pictures.as_ref().map_or(0, Pictures::weight)
    }

    /// The answer to `ask` in `format` and `lang` from `snap`, from memory
    /// if it was computed before for this very version.
    pub fn answer(&self, snap: &Snapshot, ask: Ask, format: Format, lang: Lang) -> (Answer, Lookup) {
        let Some(cache) = &self.cache else {
            return (compute(&snap.data, &ask, format, lang), Lookup::Off);
        };
        let key = Key {
            generation: snap.generation,
            format,
            lang,
            ask,
        };
        if let Some(e) = cache.get(&key) {
            return (e.answer, Lookup::Hit);
        }
        let answer = match &self.pictures {
            Some(p) => compute_with(&snap.data, &key.ask, format, lang, &p.painter(snap.generation)),
            None => compute(&snap.data, &key.ask, format, lang),
        };
        let size = answer.text_len() + key.ask.text_len() + ENTRY_OVERHEAD;
        let weight = (size as u64).max(self.min_weight);
        // An answer larger than the whole cache is served but not kept.
        if weight <= self.limits.bytes as u64 {
            cache.insert(
                key,
                Entry {
                    answer: answer.clone(),
                    weight,
                },
            );
        }
        (answer, Lookup::Miss)
    }

    /// The answer to one command line (CLI, REPL, batch).
    pub fn line(&self, snap: &Snapshot, line: &str, format: Format, lang: Lang) -> Answer {
        self.answer(snap, Ask::line(line), format, lang).0
    }
}

/// The answer computed now, without the cache: the reference the cached
/// answers must equal.
/// Only the JSON format builds the reply's `--json` data.
pub fn compute(ds: &Dataset, ask: &Ask, format: Format, lang: Lang) -> Answer {
    compute_with(ds, ask, format, lang, &Fresh)
}

/// [`compute`] with the pictures drawn by `painter`.
fn compute_with(ds: &Dataset, ask: &Ask, format: Format, lang: Lang, painter: &dyn Painter) -> Answer {
    let json = format == Format::Json;
    match ask {
        Ask::Command(cmd) => reply_answer(&commands::execute_with(ds, cmd, lang, json, painter), format),
        Ask::Line(line) if json => reply_answer(&crate::answer_json(ds, line, lang), format),
        Ask::Line(line) => reply_answer(&crate::answer(ds, line, lang), format),
        Ask::Complete {
            command,
            option,
            partial,
        } => {
            let choices = commands::autocomplete(ds, command, option, partial, lang);
            Answer {
                command: commands::table::find(command).map(|s| s.name),
                status: None,
                body: to_json(&render::discord::autocomplete(choices)).into(),
                image: None,
            }
        }
    }
}

fn reply_answer(reply: &Reply, format: Format) -> Answer {
    Answer {
        command: commands::table::find(&reply.command).map(|s| s.name),
        status: Some(reply.status),
        body: render_reply(reply, format).into(),
        image: reply.image.clone(),
    }
}

/// One reply in one format.
pub fn render_reply(r: &Reply, format: Format) -> String {
    match format {
        Format::Text => render::text::render(r),
        Format::Json => render::json::render(r).to_string(),
        Format::DiscordMessage => to_json(&render::discord::message(r)),
        Format::DiscordButton if r.status == Status::Ok => to_json(&render::discord::update(r)),
        Format::DiscordButton => to_json(&render::discord::message(r)),
        Format::Telegram => render::telegram::render(r).to_json(),
    }
}

/// The response types are plain structs with string keys: serialising them
/// cannot fail, but if it ever did the answer says so instead of panicking.
fn to_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

#[cfg(test)]
mod tests;
