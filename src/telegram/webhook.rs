//! Webhook mode: `setWebhook` with a secret token, then an HTTP listener
//! that takes Telegram's POSTs. A request without the right
//! `X-Telegram-Bot-Api-Secret-Token` is refused with 401 before its body
//! is read, so it changes nothing.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use teloxide::prelude::*;
use teloxide::types::Update;

use super::api;
use super::config::TelegramConfig;
use super::handle::Bot;
use super::run::allowed_updates;
use crate::discord::config::Secret;
use crate::discord::signals;

/// The header Telegram sends the secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// Updates are small; anything larger is not from Telegram.
const MAX_BODY: usize = 1 << 20;

/// A fresh 32-character secret (when TELEGRAM_WEBHOOK_SECRET is unset).
pub fn generate_secret() -> anyhow::Result<Secret> {
    let mut bytes = [0u8; 24];
    getrandom::getrandom(&mut bytes).context("no randomness for the webhook secret")?;
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let s: String = bytes
        .chunks(3)
        .flat_map(|c| {
            let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
            (0..4)
                .rev()
                .map(move |k| ALPHABET[((n >> (6 * k)) & 63) as usize] as char)
        })
        .collect();
    Ok(Secret::new(s))
}

/// Whether `got` is the secret, in time independent of where they differ.
fn matches(secret: &Secret, got: Option<&[u8]>) -> bool {
    let want = secret.expose().as_bytes();
    match got {
        Some(g) if g.len() == want.len() => g.iter().zip(want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0,
        _ => false,
    }
}

#[derive(Clone)]
struct App {
    bot: Arc<Bot>,
    secret: Arc<Secret>,
}

async fn receive(State(app): State<App>, headers: HeaderMap, body: Bytes) -> StatusCode {
    if !matches(&app.secret, headers.get(SECRET_HEADER).map(|v| v.as_bytes())) {
        tracing::warn!(target: "pactbot::telegram", "webhook request without the right secret token: refused (401)");
        return StatusCode::UNAUTHORIZED;
    }
    match serde_json::from_slice::<Update>(&body) {
        Ok(u) => {
            tokio::spawn(app.bot.update(u));
            StatusCode::OK
        }
        Err(e) => {
            // 200 all the same: Telegram would resend it forever.
            tracing::warn!(target: "pactbot::telegram", error = %e, "webhook body is not an update: ignored");
            StatusCode::OK
        }
    }
}

/// Registers the webhook and serves it until SIGINT/SIGTERM.
pub async fn serve(
    bot: Arc<Bot>,
    cfg: &TelegramConfig,
    url: url::Url,
    listen: SocketAddr,
) -> anyhow::Result<()> {
    let secret = match &cfg.webhook_secret {
        Some(s) => s.clone(),
        None => generate_secret()?,
    };
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let path = url.path().to_string();
    let set = api::call(&bot.token, "setWebhook", || {
        bot.api
            .set_webhook(url.clone())
            .secret_token(secret.expose().to_string())
            .allowed_updates(allowed_updates())
            .send()
    })
    .await;
    if set.is_none() {
        anyhow::bail!("setWebhook failed (logged above), so the bot does not start");
    }
    let app = App {
        bot,
        secret: Arc::new(secret),
    };
    let router = axum::Router::new()
        .route(&path, axum::routing::post(receive))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(app);
    tracing::info!(target: "pactbot::telegram", %listen, path = %path, "webhook listening");
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let signal = signals::shutdown_signal().await;
            tracing::info!(target: "pactbot::telegram", signal, "stopping the webhook");
        })
        .await
        .context("the webhook server failed")?;
    tracing::info!(target: "pactbot::telegram", "stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_valid_and_differ() {
        let a = generate_secret().unwrap();
        let b = generate_secret().unwrap();
        assert_eq!(a.expose().len(), 32);
        assert!(super::super::config::check_webhook_secret(a.expose()).is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn only_the_exact_secret_matches() {
        let s = Secret::new("abc-DEF_123");
        assert!(matches(&s, Some(b"abc-DEF_123")));
        for bad in [&b"abc-DEF_124"[..], b"abc", b"", b"abc-DEF_1234"] {
            assert!(!matches(&s, Some(bad)));
        }
        assert!(!matches(&s, None));
    }
}
