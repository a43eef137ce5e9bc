//! Slash-command registration, generated from the one command table.
//!
//! `pactbot register` replaces the application's commands with these by a
//! bulk overwrite (`PUT /applications/{app}/commands`, or the guild variant),
//! which is idempotent: running it again changes nothing and does not count
//! against Discord's daily command-creation limit.

use std::collections::BTreeMap;

use anyhow::Context as _;
use serde::Serialize;
use serenity::http::Http;
use serenity::model::id::{ApplicationId, GuildId};

use super::config::{DiscordConfig, Secret};
use crate::commands::table::{self, CommandSpec, OptionKind, OptionSpec, COMMANDS};

/// Discord's locale code for Ukrainian.
pub const LOCALE_UK: &str = "uk";

/// Application command option types (Discord's numbering).
pub mod option_type {
    pub const STRING: u8 = 3;
    pub const INTEGER: u8 = 4;
}

/// A `CHAT_INPUT` command as Discord's bulk-overwrite endpoint takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandJson {
    #[serde(rename = "type")]
    pub kind: u8,
    pub name: &'static str,
    pub name_localizations: BTreeMap<&'static str, &'static str>,
    pub description: &'static str,
    pub description_localizations: BTreeMap<&'static str, &'static str>,
    pub options: Vec<OptionJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionJson {
    #[serde(rename = "type")]
    pub kind: u8,
    pub name: &'static str,
    pub name_localizations: BTreeMap<&'static str, &'static str>,
    pub description: &'static str,
    pub description_localizations: BTreeMap<&'static str, &'static str>,
    pub required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub autocomplete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    /// Fixed values to pick from (`/chart`'s kind), with Ukrainian names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceJson {
    pub name: &'static str,
    pub name_localizations: BTreeMap<&'static str, &'static str>,
    pub value: &'static str,
}

fn uk(s: &'static str) -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([(LOCALE_UK, s)])
}

fn option(o: &'static OptionSpec) -> OptionJson {
    let text = !matches!(o.kind, OptionKind::Page | OptionKind::Year);
    let choices: Vec<ChoiceJson> = o
        .kind
        .choices()
        .iter()
        .map(|c| ChoiceJson {
            name: c.name,
            name_localizations: uk(c.name_uk),
            value: c.value,
        })
        .collect();
    let (min, max) = match o.kind {
        OptionKind::Year => (table::MIN_YEAR, table::MAX_YEAR),
        _ => (1, table::MAX_PAGE),
    };
    OptionJson {
        kind: if text {
            option_type::STRING
        } else {
            option_type::INTEGER
        },
        name: o.name,
        name_localizations: uk(o.name_uk),
        description: o.description,
        description_localizations: uk(o.description_uk),
        required: o.required,
        autocomplete: o.kind.autocomplete(),
        // A choice's values are ours: no length to limit.
        max_length: (text && choices.is_empty()).then_some(table::MAX_TEXT),
        min_value: (!text).then_some(min),
        max_value: (!text).then_some(max),
        choices,
    }
}

fn command(c: &'static CommandSpec) -> CommandJson {
    CommandJson {
        kind: 1,
        name: c.name,
        name_localizations: uk(c.name_uk),
        description: c.description,
        description_localizations: uk(c.description_uk),
        options: c.options.iter().map(option).collect(),
    }
}

/// Every command in the table, as the body of the bulk overwrite.
pub fn commands() -> Vec<CommandJson> {
    COMMANDS.iter().map(command).collect()
}

/// Where the commands go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every server and DM (Discord may take a while to show changes).
    Global,
    /// One server, updated at once: for development.
    Guild(u64),
}

impl Scope {
    pub fn from_guild(guild: Option<u64>) -> Self {
        guild.map_or(Scope::Global, Scope::Guild)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Global => f.write_str("globally"),
            Scope::Guild(g) => write!(f, "in guild {g}"),
        }
    }
}

/// The application id: `known` if given, else asked of Discord
/// (`GET /oauth2/applications/@me`). It is stored in `http` either way.
pub async fn application_id(http: &Http, known: Option<u64>) -> serenity::Result<ApplicationId> {
    let id = match known {
        Some(id) => ApplicationId::new(id),
        None => http.get_current_application_info().await?.id,
    };
    http.set_application_id(id);
    Ok(id)
}

/// Replaces the application's commands with the table's by bulk overwrite.
/// Returns how many commands Discord now has.
pub async fn register(http: &Http, application: Option<u64>, scope: Scope) -> serenity::Result<usize> {
    application_id(http, application).await?;
    let body = commands();
    let registered = match scope {
        Scope::Global => http.create_global_commands(&body).await?,
        Scope::Guild(g) => http.create_guild_commands(GuildId::new(g), &body).await?,
    };
    Ok(registered.len())
}

/// The longest a registration may take. serenity waits out a 429's
/// `Retry-After` and tries again, without end if Discord keeps refusing;
/// this bounds it.
pub const REGISTER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// [`register`] within [`REGISTER_TIMEOUT`], with an error that says what
/// Discord answered (see [`describe_error`]) and never contains the token.
pub async fn register_reporting(
    http: &Http,
    application: Option<u64>,
    scope: Scope,
    token: &Secret,
) -> anyhow::Result<usize> {
    match tokio::time::timeout(REGISTER_TIMEOUT, register(http, application, scope)).await {
        Ok(Ok(n)) => Ok(n),
        Ok(Err(e)) => Err(anyhow::anyhow!(
            "registering the slash commands {scope}: {}",
            token.scrub(&describe_error(&e))
        )),
        Err(_) => Err(anyhow::anyhow!(
            "registering the slash commands {scope}: Discord did not accept them within {} s \
             (rate limited or unreachable); try again later",
            REGISTER_TIMEOUT.as_secs()
        )),
    }
}

/// A REST error as one clear sentence: the HTTP status Discord answered and
/// what it means for the operator (429: rate limited; 5xx: Discord's side),
/// then Discord's own message when it sent one. Scrub tokens from the result.
pub fn describe_error(e: &serenity::Error) -> String {
    use serenity::http::HttpError;
    let serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) = e else {
        return match e {
            serenity::Error::Http(HttpError::Request(r)) => format!("cannot reach Discord: {r}"),
            other => other.to_string(),
        };
    };
    let status = r.status_code;
    let hint = match status.as_u16() {
        429 => " (rate limited by Discord; try again later)",
        401 => " (Discord refused the token in DISCORD_TOKEN)",
        500..=599 => " (a problem on Discord's side; try again later)",
        _ => "",
    };
    // serenity puts code -1 on a body it could not read as Discord's JSON
    // error (an HTML page from a proxy, an empty body).
    let message = if r.error.code == -1 {
        String::new()
    } else {
        format!(": {e}")
    };
    format!(
        "Discord answered {} {}{hint}{message}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    )
}

/// `pactbot register`: [`register_reporting`] on a small tokio runtime of its own.
pub fn run_blocking(cfg: &DiscordConfig, scope: Scope) -> anyhow::Result<usize> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    let http = cfg.http();
    rt.block_on(register_reporting(&http, cfg.application_id, scope, &cfg.token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_is_registered_with_its_ukrainian_names() {
        let all = commands();
        assert_eq!(all.len(), COMMANDS.len());
        for (c, spec) in all.iter().zip(COMMANDS) {
            assert_eq!(c.name_localizations[LOCALE_UK], spec.name_uk);
            assert_eq!(c.description_localizations[LOCALE_UK], spec.description_uk);
            assert_eq!(c.options.len(), spec.options.len());
            for (o, s) in c.options.iter().zip(spec.options) {
                assert_eq!(o.name_localizations[LOCALE_UK], s.name_uk);
                assert_eq!(o.autocomplete, s.kind.autocomplete());
                match s.kind {
                    OptionKind::Page => {
                        assert_eq!(
                            (o.kind, o.min_value, o.max_value),
                            (4, Some(1), Some(table::MAX_PAGE))
                        );
                        assert_eq!(o.max_length, None);
                    }
                    OptionKind::Year => {
                        assert_eq!(
                            (o.kind, o.min_value, o.max_value),
                            (4, Some(table::MIN_YEAR), Some(table::MAX_YEAR))
                        );
                    }
                    OptionKind::ChartKind => {
                        assert_eq!((o.kind, o.max_length, o.autocomplete), (3, None, false));
                        assert_eq!(o.choices.len(), table::CHART_KINDS.len());
                        for (c, spec) in o.choices.iter().zip(table::CHART_KINDS) {
                            assert_eq!((c.value, c.name), (spec.value, spec.name));
                            assert_eq!(c.name_localizations[LOCALE_UK], spec.name_uk);
                        }
                    }
                    _ => {
                        assert_eq!((o.kind, o.max_length), (3, Some(table::MAX_TEXT)));
                        assert!(o.choices.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn the_json_has_discords_field_names() {
        let v = serde_json::to_value(commands()).unwrap();
        let page = &v[0]["options"][1];
        assert_eq!(v[0]["type"], 1);
        assert_eq!(v[0]["name_localizations"]["uk"], "угода");
        assert_eq!(page["name"], "page");
        assert_eq!(page["min_value"], 1);
        assert!(page.get("autocomplete").is_none() && page.get("max_length").is_none());
        assert_eq!(v[0]["options"][0]["autocomplete"], true);
    }
}
