//! From a Discord interaction to its response, with no serenity `Context`,
//! no HTTP and no async: the gateway and the HTTP endpoint share it unchanged.
//!
//! An interaction is first reduced to a [`Request`]: the few fields its
//! answer depends on. The gateway reads them from serenity's model
//! ([`Request::of`]); the endpoint reads them straight from the body with a
//! light, borrowing parse. From there on both take the same path: an
//! [`Ask`] for the answer cache (the typed command, a page button's command
//! line, an autocomplete prefix) and its format.

use std::borrow::Cow;
use std::time::Instant;

use serenity::model::application::{CommandDataOptionValue, Interaction};

use crate::answers::{self, Answer, Answers, Ask, Body, Format, Lookup};
use crate::commands::{self, Arg, Invocation};
use crate::dataset::{Dataset, Snapshot};
use crate::lang::Lang;
use crate::render::discord::{self as body, InteractionResponse, PAGE_BUTTON_PREFIX};
use crate::reply::{Image, Reply, Status};

/// What happened, for the one log line per interaction and for metrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// `ping`, `autocomplete`, `button` or the command's name.
    pub kind: &'static str,
    /// The command concerned, if any.
    pub command: Option<&'static str>,
    /// The reply's status, for commands and buttons.
    pub status: Option<Status>,
}

/// What an interaction asks: exactly the fields [`respond`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request<'a> {
    Ping,
    /// A slash command with its options as (name, typed value); options of
    /// kinds our commands never declare (users, channels, …) are left out.
    Command {
        name: &'a str,
        options: Vec<(&'a str, Arg)>,
        /// From the user's client `locale`.
        lang: Lang,
    },
    /// Suggestions for the focused option (name, partial value), if any.
    Autocomplete {
        name: &'a str,
        focused: Option<(&'a str, Cow<'a, str>)>,
        lang: Lang,
    },
    /// A button press.
    Button {
        custom_id: &'a str,
        lang: Lang,
    },
    /// A modal, or any type added to Discord later: we never open one.
    Other,
}

impl<'a> Request<'a> {
    /// The request in an interaction serenity has parsed (the gateway's path).
    pub fn of(interaction: &'a Interaction) -> Request<'a> {
        match interaction {
            Interaction::Ping(_) => Request::Ping,
            Interaction::Command(c) => Request::Command {
                name: &c.data.name,
                lang: Lang::from_locale(&c.locale),
                options: c
                    .data
                    .options
                    .iter()
                    .filter_map(|o| {
                        let value = match &o.value {
                            CommandDataOptionValue::String(s) => Arg::Text(s.clone()),
                            CommandDataOptionValue::Autocomplete { value, .. } => Arg::Text(value.clone()),
                            CommandDataOptionValue::Integer(n) => Arg::Integer(*n),
                            CommandDataOptionValue::Number(n) => Arg::Text(n.to_string()),
                            CommandDataOptionValue::Boolean(b) => Arg::Text(b.to_string()),
                            _ => return None,
                        };
                        Some((o.name.as_str(), value))
                    })
                    .collect(),
            },
            Interaction::Autocomplete(c) => Request::Autocomplete {
                name: &c.data.name,
                lang: Lang::from_locale(&c.locale),
                focused: c.data.autocomplete().map(|f| (f.name, Cow::Borrowed(f.value))),
            },
            Interaction::Component(b) => Request::Button {
                custom_id: &b.data.custom_id,
                lang: Lang::from_locale(&b.locale),
            },
            _ => Request::Other,
        }
    }
}

/// How a request is answered.
enum Plan {
    Pong,
    /// Through the answer cache.
    Ask(Ask, Format, Lang),
    /// Computed each time: rare answers (a command Discord should not have
    /// sent, a stale button) that are cheap and not worth a cache entry.
    Reply(Box<Reply>, Format),
    /// Autocomplete with no focused option.
    NoChoices,
}

fn plan(ds: &Dataset, req: &Request<'_>) -> (Plan, Outcome) {
    let outcome = |kind, command| Outcome {
        kind,
        command,
        status: None,
    };
    match req {
        Request::Ping => (Plan::Pong, outcome("ping", None)),
        Request::Command { name, options, lang } => {
            let args = options.iter().map(|(n, v)| (*n, v.clone()));
            let plan = match Invocation::new(name, args).and_then(Invocation::into_command) {
                Ok(cmd) => Plan::Ask(Ask::Command(cmd), Format::DiscordMessage, *lang),
                Err(e) => Plan::Reply(
                    Box::new(commands::error_reply(ds, &e, *lang)),
                    Format::DiscordMessage,
                ),
            };
            let command = commands::table::find(name).map(|s| s.name);
            (plan, outcome("command", command))
        }
        Request::Autocomplete { name, focused, lang } => {
            let command = commands::table::find(name).map(|s| s.name);
            let plan = match focused {
                Some((option, partial)) => Plan::Ask(
                    Ask::Complete {
                        command: (*name).into(),
                        option: (*option).into(),
                        partial: partial.as_ref().into(),
                    },
                    // The format is the autocomplete response in any case.
                    Format::DiscordMessage,
                    *lang,
                ),
                None => Plan::NoChoices,
            };
            (plan, outcome("autocomplete", command))
        }
        Request::Button { custom_id, lang } => {
            let plan = match custom_id.strip_prefix(PAGE_BUTTON_PREFIX) {
                Some(line) => Plan::Ask(Ask::line(line), Format::DiscordButton, *lang),
                None => Plan::Reply(Box::new(stale_button(ds, *lang)), Format::DiscordMessage),
            };
            (plan, outcome("button", None))
        }
        Request::Other => (
            Plan::Reply(Box::new(stale_button(ds, Lang::En)), Format::DiscordMessage),
            Outcome {
                kind: "modal",
                command: None,
                status: Some(Status::Error),
            },
        ),
    }
}

/// Where answers come from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// Computed now from this dataset.
    Fresh(&'a Dataset),
    /// Through the answer cache, for this version of the dataset.
    Cached(&'a Answers, &'a Snapshot),
}

impl Source<'_> {
    fn dataset(&self) -> &Dataset {
        match self {
            Source::Fresh(ds) => ds,
            Source::Cached(_, snap) => &snap.data,
        }
    }

    fn answer(&self, ask: Ask, format: Format, lang: Lang) -> (Answer, Lookup) {
        match self {
            Source::Fresh(ds) => (answers::compute(ds, &ask, format, lang), Lookup::Off),
            Source::Cached(answers, snap) => answers.answer(snap, ask, format, lang),
        }
    }
}

/// The response body for a request as JSON text, what it was, and whether it
/// came from the answer cache.
pub fn respond_with(src: Source<'_>, req: &Request<'_>) -> (Body, Outcome, Lookup) {
    let r = respond_with_image(src, req);
    (r.body, r.outcome, r.lookup)
}

/// An answer to a request, with the picture that goes with it.
#[derive(Debug, Clone)]
pub struct Responded {
    /// The interaction response as JSON text (with the picture's
    /// `attachments` entry and `attachment://` embed image when it has one).
    pub body: Body,
    /// The PNG to upload with the body as multipart part `files[0]`.
    pub image: Option<Image>,
    pub outcome: Outcome,
    pub lookup: Lookup,
}

/// [`respond_with`], keeping the picture: the gateway uploads it with the
/// callback, the HTTP endpoint defers and edits the response with it.
pub fn respond_with_image(src: Source<'_>, req: &Request<'_>) -> Responded {
    let (plan, mut outcome) = plan(src.dataset(), req);
    let (body, image, lookup) = match plan {
        Plan::Pong => (to_body(&body::pong()), None, Lookup::Off),
        Plan::NoChoices => (to_body(&body::autocomplete(Vec::new())), None, Lookup::Off),
        Plan::Reply(reply, format) => {
            outcome.status = Some(reply.status);
            let image = reply.image.clone();
            (answers::render_reply(&reply, format).into(), image, Lookup::Off)
        }
        Plan::Ask(ask, format, lang) => {
            let (answer, lookup) = src.answer(ask, format, lang);
            if outcome.kind != "autocomplete" {
                outcome.status = answer.status;
            }
            if outcome.kind == "button" {
                outcome.command = answer.command;
            }
            (answer.body, answer.image, lookup)
        }
    };
    Responded {
        body,
        image,
        outcome,
        lookup,
    }
}

/// Discord's limit on one uploaded file when an interaction does not say
/// (`attachment_size_limit`; `reference.mdx`, Uploading Files).
pub const DEFAULT_ATTACHMENT_LIMIT: u64 = 10 * 1024 * 1024;

impl Responded {
    /// Keeps the picture only if it fits the interaction's upload limit
    /// (`limit` bytes; 0 means unknown, so Discord's default); otherwise the
    /// message goes without it (its `attachments` entry and embed image
    /// removed) and the caller logs it. Never true of a chart today: they
    /// are a few hundred KiB.
    pub fn within(mut self, limit: u64) -> (Self, bool) {
        let limit = if limit == 0 {
            DEFAULT_ATTACHMENT_LIMIT
        } else {
            limit
        };
        let fits = self.image.as_ref().is_none_or(|i| i.byte_len() as u64 <= limit);
        if !fits {
            self.image = None;
            self.body = without_picture(self.body.as_str()).into();
        }
        (self, fits)
    }
}

/// A response body without its picture: no `attachments`, no embed image.
fn without_picture(body: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(body) else {
        return body.to_string();
    };
    if let Some(data) = v.get_mut("data").and_then(|d| d.as_object_mut()) {
        data.remove("attachments");
        for e in data
            .get_mut("embeds")
            .and_then(|e| e.as_array_mut())
            .into_iter()
            .flatten()
        {
            if let Some(e) = e.as_object_mut() {
                e.remove("image");
            }
        }
    }
    v.to_string()
}

/// The response body for an interaction, computed now, and what it was:
/// the reference the cached paths are tested against.
pub fn respond(ds: &Dataset, interaction: &Interaction) -> (InteractionResponse, Outcome) {
    let req = Request::of(interaction);
    let (plan, mut outcome) = plan(ds, &req);
    let response = match plan {
        Plan::Pong => body::pong(),
        Plan::NoChoices => body::autocomplete(Vec::new()),
        Plan::Reply(reply, format) => {
            outcome.status = Some(reply.status);
            discord_response(&reply, format)
        }
        Plan::Ask(ask, format, lang) => {
            let reply = match ask {
                Ask::Command(cmd) => commands::execute(ds, &cmd, lang),
                Ask::Line(line) => crate::answer(ds, &line, lang),
                Ask::Complete {
                    command,
                    option,
                    partial,
                } => {
                    let choices = commands::autocomplete(ds, &command, &option, &partial, lang);
                    return (body::autocomplete(choices), outcome);
                }
            };
            outcome.status = Some(reply.status);
            if outcome.kind == "button" {
                outcome.command = commands::table::find(&reply.command).map(|s| s.name);
            }
            discord_response(&reply, format)
        }
    };
    (response, outcome)
}

fn to_body(r: &InteractionResponse) -> Body {
    serde_json::to_string(r)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
        .into()
}

fn discord_response(reply: &Reply, format: Format) -> InteractionResponse {
    match format {
        Format::DiscordButton if reply.status == Status::Ok => body::update(reply),
        _ => body::message(reply),
    }
}

/// Why a body is not an interaction we can answer.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("not a Discord interaction: {0}")]
    Json(#[from] serde_json::Error),
    /// serenity 0.12.5's model panics on some malformed fields (a 32-byte
    /// non-ASCII avatar hash, found by fuzzing); that is bad input, not a crash.
    #[error("not a Discord interaction: a field serenity's model cannot read")]
    Model,
}

/// Parses raw interaction JSON as Discord sends it (the HTTP endpoint's path).
pub fn parse(bytes: &[u8]) -> Result<Interaction, ParseError> {
    match std::panic::catch_unwind(|| serde_json::from_slice::<Interaction>(bytes)) {
        Ok(parsed) => Ok(parsed?),
        Err(_) => Err(ParseError::Model),
    }
}

fn stale_button(ds: &Dataset, lang: Lang) -> Reply {
    commands::error_reply(
        ds,
        &commands::CommandError::UnknownCommand {
            name: "this button".into(),
            suggestion: None,
        },
        lang,
    )
}

/// Time an interaction took, in microseconds, for the log line.
pub fn elapsed_us(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX)
}
