//! The rules for the Discord settings, with secrets that never print.
//!
//! The binary reads every setting once, through clap (`env = …`, after
//! `.env` is loaded first thing in `main`); the parsers here are its value
//! parsers. Every error names the variable and says what is wrong with it,
//! but never repeats its value.

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

/// A Discord id (a snowflake: a positive 64-bit integer) from `var`.
fn snowflake(var: &'static str, s: &str) -> Result<u64, ConfigError> {
    parse_snowflake(s.trim()).map_err(|reason| ConfigError::Malformed { var, reason })
}

/// `DISCORD_GUILD_ID`.
pub fn parse_guild_id(s: &str) -> Result<u64, ConfigError> {
    snowflake(GUILD_VAR, s)
}

/// `DISCORD_APPLICATION_ID`.
pub fn parse_application_id(s: &str) -> Result<u64, ConfigError> {
    snowflake(APPLICATION_VAR, s)
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
pub fn parse_token(s: &str) -> Result<Secret, ConfigError> {
    let t = s.trim();
    check_token(t).map_err(|reason| ConfigError::Malformed {
        var: TOKEN_VAR,
        reason,
    })?;
    Ok(Secret(t.strip_prefix("Bot ").unwrap_or(t).to_string()))
}

/// The application's Ed25519 public key from `DISCORD_PUBLIC_KEY` (64 hex
/// characters, shown on the Developer Portal's General Information page).
pub fn discord_public_key(lookup: impl Fn(&str) -> Option<String>) -> Result<[u8; 32], ConfigError> {
    let v = lookup(PUBLIC_KEY_VAR).ok_or_else(missing_public_key)?;
    parse_public_key(&v)
}

/// The error for a public key that is not set.
pub fn missing_public_key() -> ConfigError {
    ConfigError::Missing {
        var: PUBLIC_KEY_VAR,
        hint: "copy the application's public key from the Developer Portal (General Information)",
    }
}

/// 64 hexadecimal characters, as `DISCORD_PUBLIC_KEY` holds them.
pub fn parse_public_key(s: &str) -> Result<[u8; 32], ConfigError> {
    let var = PUBLIC_KEY_VAR;
    let bytes = hex::decode(s.trim()).map_err(|_| ConfigError::Malformed {
        var,
        reason: "expected 64 hexadecimal characters".into(),
    })?;
    <[u8; 32]>::try_from(bytes).map_err(|b| ConfigError::Malformed {
        var,
        reason: format!("expected 32 bytes (64 hexadecimal characters), got {}", b.len()),
    })
}

/// The test-only REST base URL override (`PACTBOT_DISCORD_API`).
pub fn parse_api_base(s: &str) -> Result<String, ConfigError> {
    let v = s.trim().trim_end_matches('/').to_string();
    if (v.starts_with("http://") || v.starts_with("https://")) && !v.contains(char::is_whitespace) {
        Ok(v)
    } else {
        Err(ConfigError::Malformed {
            var: API_BASE_VAR,
            reason: "expected a base URL such as http://127.0.0.1:8080 (for tests only)".into(),
        })
    }
}

/// The error for a required secret that is not set.
pub fn missing_token() -> ConfigError {
    ConfigError::Missing {
        var: TOKEN_VAR,
        hint: "put the bot token in the environment or in .env (see .env.example)",
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

    #[test]
    fn secrets_never_print() {
        let s = Secret::new(TOKEN);
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        let c = DiscordConfig {
            token: parse_token(TOKEN).unwrap(),
            guild_id: None,
            application_id: None,
            api_base: None,
        };
        assert!(!format!("{c:?}").contains(TOKEN));
        assert_eq!(c.token.expose(), TOKEN);
        assert_eq!(s.scrub(&format!("url /x/{TOKEN}/y")), "url /x/[redacted]/y");
    }

    #[test]
    fn a_missing_token_names_the_variable() {
        let e = missing_token();
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
            "",
        ] {
            let e = parse_token(bad).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("DISCORD_TOKEN is malformed"), "{bad}: {msg}");
            assert!(bad.is_empty() || !msg.contains(bad), "{bad} quoted in {msg}");
        }
    }

    #[test]
    fn a_bot_prefix_is_dropped_and_ids_are_checked() {
        assert_eq!(parse_token(&format!(" Bot {TOKEN}\n")).unwrap().expose(), TOKEN);
        assert_eq!(parse_guild_id(" 42 "), Ok(42));
        let e = parse_guild_id("my server").unwrap_err();
        assert!(e.to_string().starts_with("DISCORD_GUILD_ID is malformed"), "{e}");
        let e = parse_application_id("0").unwrap_err();
        assert!(
            e.to_string().starts_with("DISCORD_APPLICATION_ID is malformed"),
            "{e}"
        );
        let e = parse_api_base("127.0.0.1:1").unwrap_err();
        assert!(
            e.to_string().starts_with("PACTBOT_DISCORD_API is malformed"),
            "{e}"
        );
        assert_eq!(
            parse_api_base("http://127.0.0.1:1/").unwrap(),
            "http://127.0.0.1:1"
        );
    }

    #[test]
    fn public_keys_are_64_hex_characters() {
        let key = "ab".repeat(32);
        let lookup = |k: &str| (k == PUBLIC_KEY_VAR).then(|| key.clone());
        assert_eq!(discord_public_key(lookup).unwrap(), [0xab; 32]);
        for bad in ["xyz", "abcd"] {
            let e = parse_public_key(bad).unwrap_err();
            assert!(
                e.to_string().starts_with("DISCORD_PUBLIC_KEY is malformed"),
                "{e}"
            );
        }
        assert!(matches!(
            discord_public_key(|_| None),
            Err(ConfigError::Missing { .. })
        ));
    }
}
