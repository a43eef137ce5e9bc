//! From a Discord interaction to its response, with no serenity `Context`,
//! no HTTP and no async: the gateway and the HTTP endpoint share it unchanged.

use std::time::Instant;

use serenity::model::application::{CommandDataOptionValue, CommandInteraction, Interaction};

use crate::commands::{self, Arg, Invocation};
use crate::dataset::Dataset;
use crate::render::discord::{self as body, InteractionResponse, PAGE_BUTTON_PREFIX};
use crate::reply::{Reply, Status};

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

/// The response body for an interaction, and what it was.
pub fn respond(ds: &Dataset, interaction: &Interaction) -> (InteractionResponse, Outcome) {
    match interaction {
        Interaction::Ping(_) => (
            body::pong(),
            Outcome {
                kind: "ping",
                command: None,
                status: None,
            },
        ),
        Interaction::Command(c) => {
            let reply = run_command(ds, c);
            let command = commands::table::find(&c.data.name).map(|s| s.name);
            (
                body::message(&reply),
                Outcome {
                    kind: "command",
                    command,
                    status: Some(reply.status),
                },
            )
        }
        Interaction::Autocomplete(c) => {
            let command = commands::table::find(&c.data.name).map(|s| s.name);
            let choices = match c.data.autocomplete() {
                Some(focused) => commands::autocomplete(ds, &c.data.name, focused.name, focused.value),
                None => Vec::new(),
            };
            (
                body::autocomplete(choices),
                Outcome {
                    kind: "autocomplete",
                    command,
                    status: None,
                },
            )
        }
        Interaction::Component(b) => {
            let reply = match b.data.custom_id.strip_prefix(PAGE_BUTTON_PREFIX) {
                Some(line) => crate::answer(ds, line),
                None => stale_button(ds),
            };
            let command = commands::table::find(&reply.command).map(|s| s.name);
            let response = if reply.status == Status::Ok {
                body::update(&reply)
            } else {
                body::message(&reply)
            };
            (
                response,
                Outcome {
                    kind: "button",
                    command,
                    status: Some(reply.status),
                },
            )
        }
        // Modals and any type added to Discord later: we never open one.
        _ => (
            body::message(&stale_button(ds)),
            Outcome {
                kind: "modal",
                command: None,
                status: Some(Status::Error),
            },
        ),
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

/// Options of a slash command as typed values, checked against the table:
/// an integer option stays an integer.
fn run_command(ds: &Dataset, c: &CommandInteraction) -> Reply {
    let args = c.data.options.iter().filter_map(|o| {
        let value = match &o.value {
            CommandDataOptionValue::String(s) => Arg::Text(s.clone()),
            CommandDataOptionValue::Integer(n) => Arg::Integer(*n),
            CommandDataOptionValue::Number(n) => Arg::Text(n.to_string()),
            CommandDataOptionValue::Boolean(b) => Arg::Text(b.to_string()),
            CommandDataOptionValue::Autocomplete { value, .. } => Arg::Text(value.clone()),
            _ => return None,
        };
        Some((o.name.as_str(), value))
    });
    match Invocation::new(&c.data.name, args).and_then(Invocation::into_command) {
        Ok(cmd) => commands::execute(ds, &cmd),
        Err(e) => commands::error_reply(ds, &c.data.name, &e),
    }
}

fn stale_button(ds: &Dataset) -> Reply {
    commands::error_reply(
        ds,
        "unknown",
        &commands::CommandError::UnknownCommand {
            name: "this button".into(),
            suggestion: None,
        },
    )
}

/// Time an interaction took, in microseconds, for the log line.
pub fn elapsed_us(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX)
}
