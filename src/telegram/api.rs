//! The Bot API client (teloxide's `Bot`) and the one way every call goes
//! out: [`call`], which waits out 429s, retries network and server errors
//! with backoff, and logs a refusal (400 and the like) with Telegram's
//! description, after which the bot goes on. Errors are scrubbed of the
//! token before they are logged: reqwest's errors quote the URL, and the
//! URL holds the token.

use std::future::Future;
use std::time::Duration;

use teloxide::{ApiError, Bot, RequestError};

use super::config::TelegramConfig;
use crate::discord::config::Secret;

/// Tries of one call before it is given up (429s are waited out on top).
const MAX_TRIES: u32 = 4;
/// 429s waited out for one call at most.
const MAX_RETRY_AFTERS: u32 = 5;
/// The first backoff; it doubles each try.
const BACKOFF: Duration = Duration::from_millis(500);

/// The client for `cfg`: Telegram's API, or the fake at `PACTBOT_TELEGRAM_API`.
pub fn bot(cfg: &TelegramConfig) -> Bot {
    let bot = Bot::new(cfg.token.expose());
    match &cfg.api {
        Some(url) => bot.set_api_url(url.clone()),
        None => bot,
    }
}

/// What to do after a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Flood control: wait this long, then the same call again.
    RetryAfter(Duration),
    /// The network or Telegram's servers: back off and try again.
    Transient,
    /// Telegram refused the call itself (400, 403…): retrying cannot help.
    Refused,
}

/// Sorts an error. teloxide decodes a 5xx's JSON body as an
/// `ApiError::Unknown` with Telegram's description, so those descriptions
/// count as transient too.
pub fn classify(e: &RequestError) -> Fault {
    match e {
        RequestError::RetryAfter(s) => Fault::RetryAfter(s.duration()),
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => Fault::Transient,
        RequestError::Api(ApiError::Unknown(d)) if is_server_error(d) => Fault::Transient,
        RequestError::Api(_) | RequestError::MigrateToChatId(_) => Fault::Refused,
    }
}

fn is_server_error(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    [
        "internal server error",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
        "too many requests",
    ]
    .iter()
    .any(|s| d.contains(s))
}

/// Runs the call `make` builds until it succeeds or cannot: `None` after a
/// refusal or when the tries run out (both logged, with `what` and the
/// error scrubbed of `token`).
pub async fn call<T, F, Fut>(token: &Secret, what: &'static str, mut make: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut tries = 0;
    let mut waits = 0;
    loop {
        let e = match make().await {
            Ok(v) => return Some(v),
            Err(e) => e,
        };
        let error = token.scrub(&e.to_string());
        match classify(&e) {
            Fault::RetryAfter(d) if waits < MAX_RETRY_AFTERS => {
                waits += 1;
                tracing::warn!(target: "pactbot::telegram", method = what, retry_after_s = d.as_secs(), "rate limited (429): waiting, then trying again");
                tokio::time::sleep(d).await;
            }
            Fault::Transient if tries + 1 < MAX_TRIES => {
                tries += 1;
                let backoff = BACKOFF * 2u32.pow(tries - 1);
                tracing::warn!(target: "pactbot::telegram", method = what, %error, backoff_ms = backoff.as_millis() as u64, "call failed; trying again");
                tokio::time::sleep(backoff).await;
            }
            Fault::Refused => {
                tracing::error!(target: "pactbot::telegram", method = what, %error, "Telegram refused the call; going on");
                return None;
            }
            Fault::RetryAfter(_) | Fault::Transient => {
                tracing::error!(target: "pactbot::telegram", method = what, %error, "call failed; giving up");
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_sort_into_wait_retry_and_refused() {
        let retry = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(3));
        assert_eq!(classify(&retry), Fault::RetryAfter(Duration::from_secs(3)));
        let bad = RequestError::Api(ApiError::Unknown("Bad Request: can't parse entities".into()));
        assert_eq!(classify(&bad), Fault::Refused);
        let server = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert_eq!(classify(&server), Fault::Transient);
        assert_eq!(
            classify(&RequestError::Api(ApiError::MessageTextIsEmpty)),
            Fault::Refused
        );
    }
}
