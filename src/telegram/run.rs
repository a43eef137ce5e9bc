//! Starting, running and stopping the bot: `getMe` (refusing to start if
//! it fails), the command menu, SIGHUP reload, then long polling or the
//! webhook until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, BotCommand};
use tokio::task::JoinSet;

use super::api;
use super::config::TelegramConfig;
use super::handle::Bot;
use super::webhook;
use crate::answers::Answers;
use crate::commands::COMMANDS;
use crate::dataset::SharedDataset;
use crate::discord::{reload, signals};
use crate::lang::Lang;

/// How long one getUpdates call may wait for updates (teloxide's HTTP
/// client gives up after 17 s).
const POLL_TIMEOUT_S: u32 = 10;
/// How long answers in flight may take to finish after a stop signal.
const DRAIN: Duration = Duration::from_secs(10);

/// How updates arrive.
#[derive(Debug, Clone)]
pub enum Mode {
    /// getUpdates in a loop (the default; no public address needed).
    Polling,
    /// Telegram POSTs updates to `url`, which reaches this process at `listen`.
    Webhook { url: url::Url, listen: SocketAddr },
}

/// The updates the bot asks for.
pub fn allowed_updates() -> Vec<AllowedUpdate> {
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::CallbackQuery,
        AllowedUpdate::InlineQuery,
    ]
}

/// The command menu in `lang`, from the command table (plus /ask).
/// Telegram command names are Latin, so both menus use the English names.
pub fn menu(lang: Lang) -> Vec<BotCommand> {
    let mut out: Vec<BotCommand> = COMMANDS
        .iter()
        .map(|c| {
            let d = match lang {
                Lang::En => c.description,
                Lang::Uk => c.description_uk,
            };
            BotCommand::new(c.name, d)
        })
        .collect();
    out.push(BotCommand::new(
        "ask",
        match lang {
            Lang::En => "Ask in your own words, e.g. /ask who pledged air defence?",
            Lang::Uk => "Запитати своїми словами, напр. /ask хто надав ППО?",
        },
    ));
    out
}

/// Runs the bot on its own runtime until SIGINT or SIGTERM.
pub fn run_blocking(data: Arc<SharedDataset>, cfg: &TelegramConfig, mode: Mode) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(run(data, cfg, mode))
}

async fn run(data: Arc<SharedDataset>, cfg: &TelegramConfig, mode: Mode) -> anyhow::Result<()> {
    let client = api::bot(cfg);
    let me = client.get_me().send().await.map_err(|e| {
        anyhow::anyhow!(
            "getMe failed, so the bot does not start: {} (check TELEGRAM_BOT_TOKEN{})",
            cfg.token.scrub(&e.to_string()),
            if cfg.api.is_some() {
                " and PACTBOT_TELEGRAM_API"
            } else {
                ""
            }
        )
    })?;
    let bot = Arc::new(Bot {
        api: client,
        token: cfg.token.clone(),
        data: Arc::clone(&data),
        answers: Answers::default(),
        me,
    });
    for lang in Lang::ALL {
        let code = (lang == Lang::Uk).then_some("uk");
        api::call(&bot.token, "setMyCommands", || {
            let mut req = bot.api.set_my_commands(menu(lang));
            if let Some(c) = code {
                req = req.language_code(c);
            }
            req.send()
        })
        .await;
    }
    tokio::spawn(reload::on_sighup(data).context("cannot install the SIGHUP handler")?);
    tracing::info!(
        target: "pactbot::telegram",
        bot = bot.me.user.username.as_deref().unwrap_or("-"),
        mode = if matches!(mode, Mode::Polling) { "polling" } else { "webhook" },
        "Telegram bot started"
    );
    match mode {
        Mode::Polling => poll(bot).await,
        Mode::Webhook { url, listen } => webhook::serve(bot, cfg, url, listen).await,
    }
}

/// getUpdates until a stop signal; then the answers in flight finish and
/// the last offset is confirmed, so no update is answered twice.
async fn poll(bot: Arc<Bot>) -> anyhow::Result<()> {
    // A webhook left set would make getUpdates fail.
    api::call(&bot.token, "deleteWebhook", || bot.api.delete_webhook().send()).await;
    let stop = signals::shutdown_signal();
    tokio::pin!(stop);
    let mut offset: i32 = 0;
    let mut tasks = JoinSet::new();
    loop {
        let next = api::call(&bot.token, "getUpdates", || {
            bot.api
                .get_updates()
                .offset(offset)
                .timeout(POLL_TIMEOUT_S)
                .allowed_updates(allowed_updates())
                .send()
        });
        let updates = tokio::select! {
            signal = &mut stop => {
                tracing::info!(target: "pactbot::telegram", signal, "stopping: finishing the answers in flight");
                break;
            }
            u = next => u,
        };
        match updates {
            Some(updates) => {
                for u in updates {
                    offset = offset.max(i32::try_from(u.id.0).unwrap_or(i32::MAX).saturating_add(1));
                    tasks.spawn(Arc::clone(&bot).update(u));
                }
            }
            // Logged by `call`; wait a little before asking again.
            None => tokio::time::sleep(Duration::from_secs(1)).await,
        }
        while tasks.try_join_next().is_some() {}
    }
    if tokio::time::timeout(DRAIN, async { while tasks.join_next().await.is_some() {} })
        .await
        .is_err()
    {
        tracing::warn!(target: "pactbot::telegram", "answers still in flight after {DRAIN:?} were dropped");
    }
    if offset > 0 {
        let _ = bot
            .api
            .get_updates()
            .offset(offset)
            .limit(1)
            .timeout(0)
            .send()
            .await;
    }
    tracing::info!(target: "pactbot::telegram", "stopped");
    Ok(())
}
