//! Configuration from the environment (and a `.env` file), with secrets that
//! never print.
//!
//! Every error names the variable and says what is wrong with it, but never
//! repeats its value. Reading goes through a lookup function, so tests check
//! the rules without touching the process environment.

use std::fmt;

/// The bot token (required by `discord` and `register`).
pub const TOKEN_VAR: &str = "DISCORD_TOKEN";
/// A server (guild) to register the commands in instead of globally.
pub const GUILD_VAR: &str = "DISCORD_GUILD_ID";
/// The application id; looked up from the token when unset.
pub const APPLICATION_VAR: &str = "DISCORD_APPLICATION_ID";
/// The application's public key, for the HTTP interactions endpoint.
pub const PUBLIC_KEY_VAR: &str = "DISCORD_PUBLIC_KEY";
/// **For tests only**: a base URL (`http://127.0.0.1:PORT`) that replaces
/// `https://discord.com` for every REST call, so a local fake Discord can
/// answer. The gateway URL then comes from that fake's `GET /api/v10/gateway`.
pub const API_BASE_VAR: &str = "PACTBOT_DISCORD_API";

/// The exit code for a missing or malformed setting (a usage error).
pub const EXIT_CONFIG: u8 = 2;

/// A value that must not appear in logs: `Debug` and `Display` print
/// `[redacted]`. Read it with [`Secret::expose`] only where it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the secret replaced by `[redacted]`
    /// (for error messages from libraries that might echo a URL or header).
    pub fn scrub(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.0, "[redacted]")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A setting that is missing or wrong. The message names the variable and
/// never contains its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{var} is not set: {hint}")]
    Missing { var: &'static str, hint: &'static str },
    #[error("{var} is malformed: {reason}")]
    Malformed { var: &'static str, reason: String },
    #[error(".env: {0}")]
    DotEnv(String),
}

impl ConfigError {
    /// The process exit code for this error (always 2, a usage error).
    pub fn exit_code(&self) -> u8 {
        EXIT_CONFIG
    }
}

/// Loads `.env` from the working directory (or a parent) if there is one.
/// Variables already set in the environment win. A missing file is fine; a
/// file that cannot be parsed is an error (without its contents).
pub fn load_dotenv() -> Result<(), ConfigError> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(dotenvy::Error::LineParse(_, index)) => Err(ConfigError::DotEnv(format!(
            "cannot parse the line at byte {index}"
        ))),
        Err(dotenvy::Error::Io(e)) => Err(ConfigError::DotEnv(format!("cannot read it: {}", e.kind()))),
        Err(_) => Err(ConfigError::DotEnv("cannot read it".into())),
    }
}

/// The process environment as a lookup function (empty values count as unset).
pub fn process_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.trim().is_empty())
}

/// A required secret, checked by `validate` (whose error must not quote the value).
pub fn secret(
    lookup: impl Fn(&str) -> Option<String>,
    var: &'static str,
    hint: &'static str,
    validate: impl Fn(&str) -> Result<(), String>,
) -> Result<Secret, ConfigError> {
    let value = lookup(var).ok_or(ConfigError::Missing { var, hint })?;
    let value = value.trim().to_string();
    validate(&value).map_err(|reason| ConfigError::Malformed { var, reason })?;
    Ok(Secret(value))
}

/// An optional Discord id (a snowflake: a positive 64-bit integer).
pub fn snowflake(
    lookup: impl Fn(&str) -> Option<String>,
    var: &'static str,
) -> Result<Option<u64>, ConfigError> {
    match lookup(var) {
        None => Ok(None),
        Some(v) => parse_snowflake(v.trim())
            .map(Some)
            .map_err(|reason| ConfigError::Malformed { var, reason }),
    }
}

/// A Discord id as typed on the command line or in the environment.
pub fn parse_snowflake(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("expected a numeric Discord id such as 123456789012345678".into()),
    }
}

/// Checks the shape of a bot token: three non-empty dot-separated parts of
/// URL-safe base64 characters (a leading `Bot ` is accepted and dropped by
/// the caller). Says what is wrong without quoting the token.
pub fn check_token(token: &str) -> Result<(), String> {
    let t = token.strip_prefix("Bot ").unwrap_or(token);
    if t.chars().any(char::is_whitespace) {
        return Err("it contains spaces or line breaks".into());
    }
    if let Some(bad) = t
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        let what = if bad.is_ascii_graphic() {
            format!("`{bad}`")
        } else {
            "a non-ASCII character".into()
        };
        return Err(format!("it contains {what}, which no Discord token has"));
    }
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(format!(
            "a bot token has three parts separated by dots; this has {} (copy it again from the \
             Developer Portal, Bot → Reset Token)",
            parts.iter().filter(|p| !p.is_empty()).count()
        ));
    }
    Ok(())
}

/// The bot token from `DISCORD_TOKEN`, without a `Bot ` prefix.
pub fn discord_token(lookup: impl Fn(&str) -> Option<String>) -> Result<Secret, ConfigError> {
    let s = secret(
        lookup,
        TOKEN_VAR,
        "put the bot token in the environment or in .env (see .env.example)",
        check_token,
    )?;
    Ok(Secret(
        s.0.strip_prefix("Bot ").map(str::to_string).unwrap_or(s.0),
    ))
}

/// The application's Ed25519 public key from `DISCORD_PUBLIC_KEY` (64 hex
/// characters, shown on the Developer Portal's General Information page).
pub fn discord_public_key(lookup: impl Fn(&str) -> Option<String>) -> Result<[u8; 32], ConfigError> {
    let var = PUBLIC_KEY_VAR;
    let v = lookup(var).ok_or(ConfigError::Missing {
        var,
        hint: "copy the application's public key from the Developer Portal (General Information)",
    })?;
    let bytes = hex::decode(v.trim()).map_err(|_| ConfigError::Malformed {
        var,
        reason: "expected 64 hexadecimal characters".into(),
    })?;
    <[u8; 32]>::try_from(bytes).map_err(|b| ConfigError::Malformed {
        var,
        reason: format!("expected 32 bytes (64 hexadecimal characters), got {}", b.len()),
    })
}

/// The test-only REST base URL override, if set.
pub fn api_base(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<String>, ConfigError> {
    match lookup(API_BASE_VAR) {
        None => Ok(None),
        Some(v) => {
            let v = v.trim().trim_end_matches('/').to_string();
            if (v.starts_with("http://") || v.starts_with("https://")) && !v.contains(char::is_whitespace) {
                Ok(Some(v))
            } else {
                Err(ConfigError::Malformed {
                    var: API_BASE_VAR,
                    reason: "expected a base URL such as http://127.0.0.1:8080 (for tests only)".into(),
                })
            }
        }
    }
}

/// What `pactbot discord` and `pactbot register` need.
#[derive(Debug, Clone)]
pub struct DiscordConfig {
    pub token: Secret,
    /// `DISCORD_GUILD_ID`: register in this server (instant updates).
    pub guild_id: Option<u64>,
    /// `DISCORD_APPLICATION_ID`: skips asking Discord for it when registering.
    pub application_id: Option<u64>,
    /// `PACTBOT_DISCORD_API`, for tests only.
    pub api_base: Option<String>,
}

impl DiscordConfig {
    /// Reads every variable, reporting the first one that is wrong.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(DiscordConfig {
            token: discord_token(&lookup)?,
            guild_id: snowflake(&lookup, GUILD_VAR)?,
            application_id: snowflake(&lookup, APPLICATION_VAR)?,
            api_base: api_base(&lookup)?,
        })
    }

    /// From the process environment (after [`load_dotenv`]).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(process_env)
    }

    /// `.env` (if present), then the environment: what the CLI calls.
    pub fn for_cli() -> Result<Self, ConfigError> {
        load_dotenv()?;
        Self::from_env()
    }

    /// serenity's REST client for this configuration: Discord's, or the
    /// fake named by `PACTBOT_DISCORD_API` (without rate limiting, which a
    /// fake does not signal).
    pub fn http(&self) -> serenity::http::Http {
        let mut b = serenity::http::HttpBuilder::new(self.token.expose());
        if let Some(app) = self.application_id {
            b = b.application_id(app.into());
        }
        if let Some(base) = &self.api_base {
            b = b.proxy(base.as_str()).ratelimiter_disabled(true);
        }
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB";

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new(TOKEN);
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        let c = DiscordConfig::from_lookup(env(&[(TOKEN_VAR, TOKEN)])).unwrap();
        assert!(!format!("{c:?}").contains(TOKEN));
        assert_eq!(c.token.expose(), TOKEN);
        assert_eq!(s.scrub(&format!("url /x/{TOKEN}/y")), "url /x/[redacted]/y");
    }

    #[test]
    fn a_missing_token_names_the_variable() {
        let e = DiscordConfig::from_lookup(env(&[])).unwrap_err();
        assert!(e.to_string().starts_with("DISCORD_TOKEN is not set"), "{e}");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn malformed_tokens_are_rejected_without_being_quoted() {
        for bad in [
            "abc",
            "a.b",
            "a..c",
            "a.b.c.d",
            "has space.b.c",
            "tok\u{e9}n.b.c",
            "a.b.c\"",
            "'a.b.c'",
        ] {
            let e = DiscordConfig::from_lookup(env(&[(TOKEN_VAR, bad)])).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("DISCORD_TOKEN is malformed"), "{bad}: {msg}");
            assert!(!msg.contains(bad), "{bad} quoted in {msg}");
        }
    }

    #[test]
    fn a_bot_prefix_is_dropped_and_ids_are_checked() {
        let prefixed = format!("Bot {TOKEN}");
        let c = DiscordConfig::from_lookup(env(&[(TOKEN_VAR, &prefixed), (GUILD_VAR, "42")])).unwrap();
        assert_eq!(c.token.expose(), TOKEN);
        assert_eq!(c.guild_id, Some(42));
        let e = DiscordConfig::from_lookup(env(&[(TOKEN_VAR, TOKEN), (GUILD_VAR, "my server")])).unwrap_err();
        assert!(e.to_string().starts_with("DISCORD_GUILD_ID is malformed"), "{e}");
        let e = DiscordConfig::from_lookup(env(&[(TOKEN_VAR, TOKEN), (API_BASE_VAR, "127.0.0.1:1")]))
            .unwrap_err();
        assert!(
            e.to_string().starts_with("PACTBOT_DISCORD_API is malformed"),
            "{e}"
        );
    }

    #[test]
    fn public_keys_are_64_hex_characters() {
        let key = "ab".repeat(32);
        assert_eq!(
            discord_public_key(env(&[(PUBLIC_KEY_VAR, &key)])).unwrap(),
            [0xab; 32]
        );
        for bad in ["xyz", "abcd"] {
            let e = discord_public_key(env(&[(PUBLIC_KEY_VAR, bad)])).unwrap_err();
            assert!(
                e.to_string().starts_with("DISCORD_PUBLIC_KEY is malformed"),
                "{e}"
            );
        }
        assert!(matches!(
            discord_public_key(env(&[])),
            Err(ConfigError::Missing { .. })
        ));
    }
}
