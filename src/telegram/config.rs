//! `pactbot telegram`'s settings from the environment. Errors name the
//! variable and never repeat its value (the token is a password: anyone
//! holding it controls the bot).

use crate::discord::config::{ConfigError, Secret};

/// The bot token from BotFather (required).
pub const TOKEN_VAR: &str = "TELEGRAM_BOT_TOKEN";
/// The webhook's secret token (webhook mode; generated when unset).
pub const WEBHOOK_SECRET_VAR: &str = "TELEGRAM_WEBHOOK_SECRET";
/// **For tests only**: a base URL (`http://127.0.0.1:PORT`) that replaces
/// `https://api.telegram.org`. The bot refuses to start if the address
/// does not answer `getMe`, rather than fall back to Telegram.
pub const API_VAR: &str = "PACTBOT_TELEGRAM_API";

/// What `pactbot telegram` needs from the environment.
#[derive(Debug, Clone)]
pub struct TelegramConfig {
    pub token: Secret,
    /// `TELEGRAM_WEBHOOK_SECRET`, if set (checked: Telegram's 1–256 of `A-Za-z0-9_-`).
    pub webhook_secret: Option<Secret>,
    /// `PACTBOT_TELEGRAM_API`, for tests only.
    pub api: Option<url::Url>,
}

/// A BotFather token: `<bot id>:<35 characters of A-Za-z0-9_->`. Checked
/// loosely on the secret part's length (30–60), so a future longer token
/// still passes while a pasted placeholder or a Discord token does not.
pub fn check_token(token: &str) -> Result<(), String> {
    let (id, key) = token
        .split_once(':')
        .ok_or("expected <bot id>:<secret> as BotFather gives it")?;
    if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the part before ':' must be the bot's numeric id".into());
    }
    if !(30..=60).contains(&key.len())
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err("the part after ':' must be 30 to 60 characters of A-Z, a-z, 0-9, _ and -".into());
    }
    Ok(())
}

/// Telegram's rule for a webhook secret token.
pub fn check_webhook_secret(s: &str) -> Result<(), String> {
    if (1..=256).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err("expected 1 to 256 characters of A-Z, a-z, 0-9, _ and -".into())
    }
}

/// `TELEGRAM_BOT_TOKEN`, checked (the error never quotes it).
pub fn parse_token(s: &str) -> Result<Secret, ConfigError> {
    let t = s.trim();
    check_token(t).map_err(|reason| ConfigError::Malformed {
        var: TOKEN_VAR,
        reason,
    })?;
    Ok(Secret::new(t))
}

/// The error for a token that is not set.
pub fn missing_token() -> ConfigError {
    ConfigError::Missing {
        var: TOKEN_VAR,
        hint: "create a bot with @BotFather and put its token in the environment or in .env (see the README)",
    }
}

/// `TELEGRAM_WEBHOOK_SECRET`, checked against Telegram's rule.
pub fn parse_webhook_secret(s: &str) -> Result<Secret, ConfigError> {
    let t = s.trim();
    check_webhook_secret(t).map_err(|reason| ConfigError::Malformed {
        var: WEBHOOK_SECRET_VAR,
        reason,
    })?;
    Ok(Secret::new(t))
}

/// `PACTBOT_TELEGRAM_API`: an http(s) base URL with a host.
pub fn parse_api(s: &str) -> Result<url::Url, ConfigError> {
    url::Url::parse(s.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| ConfigError::Malformed {
            var: API_VAR,
            reason: "expected a base URL such as http://127.0.0.1:8081 (for tests only)".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_";

    #[test]
    fn the_token_is_checked_and_never_printed() {
        let t = parse_token(TOKEN).unwrap();
        assert_eq!(t.expose(), TOKEN);
        assert!(!format!("{t:?}").contains("AAHdq"));
        assert!(missing_token()
            .to_string()
            .starts_with("TELEGRAM_BOT_TOKEN is not set"));
        for bad in [
            "abc",
            "12:short",
            "x1:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_",
            "1:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw!",
        ] {
            let e = parse_token(bad).unwrap_err();
            let msg = e.to_string();
            assert!(msg.starts_with("TELEGRAM_BOT_TOKEN is malformed"), "{msg}");
            assert!(!msg.contains(bad), "{msg}");
            assert_eq!(e.exit_code(), 2);
        }
    }

    #[test]
    fn the_webhook_secret_and_api_are_checked() {
        let e = parse_webhook_secret("no spaces").unwrap_err();
        assert!(
            e.to_string().starts_with("TELEGRAM_WEBHOOK_SECRET is malformed"),
            "{e}"
        );
        assert!(parse_webhook_secret("abc_DEF-123").is_ok());
        let e = parse_api("127.0.0.1:1").unwrap_err();
        assert!(
            e.to_string().starts_with("PACTBOT_TELEGRAM_API is malformed"),
            "{e}"
        );
        assert_eq!(
            parse_api("http://127.0.0.1:9").unwrap().as_str(),
            "http://127.0.0.1:9/"
        );
    }
}
