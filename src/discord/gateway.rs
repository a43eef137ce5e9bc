//! `pactbot discord`: the bot over Discord's gateway, with serenity.
//!
//! The gateway delivers interactions, answered by
//! [`interaction::respond`] (shared with the HTTP endpoint) and posted back
//! with serenity's REST client; and messages that mention the bot or are
//! DMs to it, answered as questions with a reply (see [`super::mention`]).
//! Intents: `GUILD_MESSAGES` and `DIRECT_MESSAGES` only; no privileged
//! intent (Discord fills in the text of mentions and DMs without
//! MESSAGE_CONTENT).
//!
//! The dataset is a [`SharedDataset`]: SIGHUP reloads it (see
//! [`super::reload`]) and each interaction takes the current version once,
//! so an interaction in flight during a reload is answered from the version
//! it started with.

use std::future::Future;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::value::RawValue;
use serenity::all::{
    ClientBuilder, Context, CreateAttachment, EventHandler, GatewayIntents, Http, Interaction, Message,
    Ready, ResumedEvent,
};
use serenity::async_trait;

use super::config::{DiscordConfig, API_BASE_VAR, TOKEN_VAR};
use super::interaction::{self, Outcome, Request, Source};
use super::register::{self, Scope};
use super::reload;
use super::signals::shutdown_signal;
use crate::answers::{Answers, Format};
use crate::dataset::{Dataset, SharedDataset};
use crate::reply::{Image, Status};

/// What serenity falls back to when `GET /gateway` fails.
const DISCORD_GATEWAY: &str = "wss://gateway.discord.gg";
/// Longest wait for Discord to accept a callback (its deadline is 3 s).
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(10);

/// Which shards this process runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shards {
    /// As many as Discord recommends (`GET /gateway/bot`), all in this process.
    Auto,
    /// Shards `0..total`, all in this process.
    Total(u32),
    /// Shards `range` (half-open, like `0..4`) of `total`: the rest run elsewhere.
    Range { range: Range<u32>, total: u32 },
}

impl Shards {
    /// From `--shards N` and `--shard-range A..B` (which needs `--shards`, the total).
    pub fn from_cli(total: Option<u32>, range: Option<Range<u32>>) -> Result<Shards, String> {
        match (total, range) {
            (None, None) => Ok(Shards::Auto),
            (Some(0), _) => Err("--shards must be at least 1".into()),
            (Some(n), None) => Ok(Shards::Total(n)),
            (None, Some(_)) => {
                Err("--shard-range A..B needs --shards N, the total over all processes".into())
            }
            (Some(n), Some(r)) if r.start < r.end && r.end <= n => Ok(Shards::Range { range: r, total: n }),
            (Some(n), Some(r)) => Err(format!(
                "--shard-range {}..{} must be non-empty and within 0..{n} (--shards {n})",
                r.start, r.end
            )),
        }
    }

    /// serenity's `start_shard_range` takes its range's end as *inclusive*
    /// (`4..7` starts 4, 5, 6 and 7); ours is half-open. This is the argument
    /// to hand it.
    pub fn serenity_range(range: &Range<u32>) -> Range<u32> {
        range.start..range.end.saturating_sub(1)
    }
}

/// Parses `A..B` (half-open) for `--shard-range`.
pub fn parse_shard_range(s: &str) -> Result<Range<u32>, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("expected A..B such as 0..4, got `{s}`"))?;
    let a: u32 = a
        .trim()
        .parse()
        .map_err(|_| format!("`{a}` is not a shard number"))?;
    let b: u32 = b
        .trim()
        .parse()
        .map_err(|_| format!("`{b}` is not a shard number"))?;
    if a >= b {
        return Err(format!(
            "{a}..{b} is empty; the end is exclusive (0..2 runs shards 0 and 1)"
        ));
    }
    Ok(a..b)
}

/// How `pactbot discord` runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub shards: Shards,
    /// Register the slash commands before connecting (off by default:
    /// registering on every start is what gets bots rate-limited).
    pub register: bool,
}

/// The event handler: logs READY and reconnections, answers interactions.
pub struct Handler {
    data: Arc<SharedDataset>,
    /// Answers rendered once per dataset version, as the endpoint keeps them.
    answers: Answers,
    /// Shards that have been ready once: a second READY is a new session
    /// after a lost connection.
    seen: std::sync::Mutex<std::collections::BTreeSet<u32>>,
    /// The bot's own user id, from READY (to see mentions of it).
    me: std::sync::OnceLock<u64>,
}

impl Handler {
    pub fn new(data: Arc<SharedDataset>) -> Self {
        Handler {
            data,
            answers: Answers::default(),
            seen: std::sync::Mutex::default(),
            me: std::sync::OnceLock::new(),
        }
    }

    /// Answers one interaction from the dataset version current when it
    /// arrives (taken once: a reload meanwhile does not change this answer).
    pub async fn answer(&self, http: &Http, interaction: &Interaction) -> (Outcome, bool) {
        let snap = self.data.snapshot();
        answer_from(Source::Cached(&self.answers, &snap), http, interaction).await
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let (shard, shards) = ready.shard.map_or((0, 1), |s| (s.id.0, s.total));
        let _ = self.me.set(ready.user.id.get());
        let again = !self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(shard);
        tracing::info!(
            shard,
            shards,
            user = %ready.user.name,
            guilds = ready.guilds.len(),
            new_session = again,
            "ready: connected to the gateway{}",
            if again { " again, in a new session after a lost connection" } else { "" }
        );
    }

    // serenity reconnects by itself when the connection drops: it resumes
    // the session, or identifies again if Discord refuses the resume.
    async fn resume(&self, ctx: Context, _: ResumedEvent) {
        tracing::info!(
            shard = ctx.shard_id.0,
            "resumed: the gateway session continues after a lost connection"
        );
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        self.answer(&ctx.http, &interaction).await;
    }

    async fn message(&self, ctx: Context, msg: Message) {
        let Some(&me) = self.me.get() else { return };
        let mentions_me = msg.mentions.iter().any(|u| u.id.get() == me);
        let Some(text) = super::mention::question_in(
            &msg.content,
            mentions_me,
            msg.guild_id.is_none(),
            msg.author.bot,
            me,
        ) else {
            return;
        };
        self.answer_message(&ctx.http, &msg, &text).await;
    }
}

impl Handler {
    /// Answers a question asked in a message with a reply to it, in the
    /// question's language (English otherwise). Logs the outcome, never the
    /// message's text.
    async fn answer_message(&self, http: &Http, msg: &Message, text: &str) {
        let start = Instant::now();
        let snap = self.data.snapshot();
        let answer = self
            .answers
            .line(&snap, text, Format::DiscordMessage, crate::lang::Lang::En);
        let Some(body) = super::mention::reply_body(answer.body.as_str(), msg.id.get()) else {
            tracing::error!("an answer is not JSON; not sent");
            return;
        };
        let files = answer.image.iter().map(attachment).collect();
        let sent =
            tokio::time::timeout(CALLBACK_TIMEOUT, http.send_message(msg.channel_id, files, &body)).await;
        let (command, status) = (
            answer.command.unwrap_or("-"),
            answer.status.map_or("-", Status::as_str),
        );
        let total_us = interaction::elapsed_us(start);
        match sent {
            Ok(Ok(_)) => tracing::info!(command, kind = "message", status, total_us, "message answered"),
            Ok(Err(e)) => {
                tracing::warn!(command, kind = "message", status, total_us, error = %register::describe_error(&e), "message reply failed")
            }
            Err(_) => tracing::warn!(
                command,
                kind = "message",
                status,
                total_us,
                "message reply timed out"
            ),
        }
    }
}

/// Answers one interaction from `ds`, computed now (see [`answer_from`]).
pub async fn answer(ds: &Dataset, http: &Http, interaction: &Interaction) -> (Outcome, bool) {
    answer_from(Source::Fresh(ds), http, interaction).await
}

/// Answers one interaction: takes the body from [`interaction::respond_with`]
/// (from the answer cache or computed), posts it as the interaction
/// callback, and writes one log line (never the interaction's token).
/// Returns what it was and whether Discord took it.
pub async fn answer_from(src: Source<'_>, http: &Http, interaction: &Interaction) -> (Outcome, bool) {
    let start = Instant::now();
    let limit = match interaction {
        Interaction::Command(c) => c.attachment_size_limit,
        Interaction::Component(c) => c.attachment_size_limit,
        _ => 0,
    };
    let (responded, fits) =
        interaction::respond_with_image(src, &Request::of(interaction)).within(limit.into());
    if !fits {
        tracing::warn!(
            limit,
            "the picture is over the interaction's upload limit; sent without it"
        );
    }
    let (body, outcome) = (responded.body, responded.outcome);
    // The body is JSON already: sent as it is, not parsed again.
    let body = match RawValue::from_string(body.to_string()) {
        Ok(raw) => raw,
        Err(e) => {
            tracing::error!(error = %e, "an answer is not JSON; not sent");
            return (outcome, false);
        }
    };
    let latency_us = interaction::elapsed_us(start);
    let token = interaction.token();
    // A picture goes up with the callback as multipart: `payload_json` (the
    // body, whose `attachments` names it) and `files[0]`.
    let files = responded.image.iter().map(attachment).collect();
    let sent = tokio::time::timeout(
        CALLBACK_TIMEOUT,
        http.create_interaction_response(interaction.id(), token, &body, files),
    )
    .await;
    let total_us = interaction::elapsed_us(start);
    let command = outcome.command.unwrap_or("-");
    let status = outcome.status.map_or("-", Status::as_str);
    let ok = matches!(sent, Ok(Ok(())));
    match sent {
        Ok(Ok(())) => tracing::info!(
            command,
            kind = outcome.kind,
            status,
            latency_us,
            total_us,
            "interaction answered"
        ),
        Ok(Err(e)) => tracing::warn!(
            command,
            kind = outcome.kind,
            status,
            latency_us,
            total_us,
            error = %register::describe_error(&e).replace(token, "[redacted]"),
            "interaction callback failed"
        ),
        Err(_) => tracing::warn!(
            command,
            kind = outcome.kind,
            status,
            latency_us,
            total_us,
            "interaction callback timed out"
        ),
    }
    (outcome, ok)
}

/// A reply's picture as serenity uploads it (part `files[0]`: the body's
/// `attachments` entry has id 0).
fn attachment(image: &Image) -> CreateAttachment {
    CreateAttachment::bytes(image.png.to_vec(), image.file_name.clone())
        .description(image.description.clone())
}

/// Builds the client (asks Discord for the gateway URL), registers the
/// commands if asked, and runs the shards until `shutdown` resolves, then
/// closes every shard cleanly (close code 1000).
pub async fn run_until(
    data: Arc<SharedDataset>,
    cfg: &DiscordConfig,
    opts: Options,
    shutdown: impl Future<Output = &'static str>,
) -> anyhow::Result<()> {
    // Listen for signals from the start, so one that arrives while setting
    // up ends the program quietly too.
    tokio::pin!(shutdown);
    let setup = async {
        let client = ClientBuilder::new_with_http(cfg.http(), intents())
            .event_handler(Handler::new(data))
            .await
            .context("building the Discord client")?;
        if cfg.api_base.is_some() && client.ws_url.lock().await.starts_with(DISCORD_GATEWAY) {
            // serenity falls back to the real gateway when `GET /gateway` fails;
            // with a test base URL that would leave the machine.
            bail!(
                "{API_BASE_VAR} is set but its GET /api/v10/gateway failed; not connecting to Discord's gateway"
            );
        }
        if opts.register {
            let scope = Scope::from_guild(cfg.guild_id);
            let n = register::register_reporting(&client.http, cfg.application_id, scope, &cfg.token).await?;
            tracing::info!(commands = n, scope = %scope, "registered the slash commands");
        }
        anyhow::Ok(client)
    };
    let mut client = tokio::select! {
        client = setup => client?,
        signal = &mut shutdown => {
            tracing::info!(signal, "stopped before connecting");
            return Ok(());
        }
    };
    let manager = Arc::clone(&client.shard_manager);
    let shards = opts.shards;
    tracing::info!(?shards, "connecting to the gateway");
    let started = async {
        match shards {
            Shards::Auto => client.start_autosharded().await,
            Shards::Total(n) => client.start_shards(n).await,
            Shards::Range { range, total } => {
                client
                    .start_shard_range(Shards::serenity_range(&range), total)
                    .await
            }
        }
    };
    tokio::select! {
        r = started => r.map_err(|e| match e {
            serenity::Error::Gateway(serenity::gateway::GatewayError::InvalidAuthentication) => anyhow::anyhow!(
                "Discord rejected the token in {TOKEN_VAR} (gateway close 4004): reset it on the Developer Portal's Bot page"
            ),
            e => anyhow::anyhow!("the gateway connection ended: {}", cfg.token.scrub(&e.to_string())),
        }),
        signal = &mut shutdown => {
            tracing::info!(signal, "shutting down: closing every shard");
            manager.shutdown_all().await;
            tracing::info!("all shards closed");
            Ok(())
        }
    }
}

/// Messages in guilds and DMs, to see mentions of the bot and DMs to it;
/// nothing privileged.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES
}

/// `pactbot discord`: [`run_until`] a signal, on its own tokio runtime,
/// reloading `data` on SIGHUP.
pub fn run_blocking(data: Arc<SharedDataset>, cfg: &DiscordConfig, opts: Options) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    let result = rt.block_on(async {
        // Before anything else, so that a SIGHUP never ends the process.
        let reloads = reload::on_sighup(Arc::clone(&data)).context("listening for SIGHUP")?;
        tokio::spawn(reloads);
        run_until(data, cfg, opts, shutdown_signal()).await
    });
    // Shard tasks that are still winding down must not hold the exit.
    rt.shutdown_timeout(Duration::from_secs(2));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_options() {
        assert_eq!(Shards::from_cli(None, None), Ok(Shards::Auto));
        assert_eq!(Shards::from_cli(Some(3), None), Ok(Shards::Total(3)));
        assert_eq!(
            Shards::from_cli(Some(8), Some(0..4)),
            Ok(Shards::Range {
                range: 0..4,
                total: 8
            })
        );
        assert!(Shards::from_cli(Some(0), None).is_err());
        assert!(Shards::from_cli(None, Some(0..1)).is_err());
        assert!(Shards::from_cli(Some(2), Some(1..3)).is_err());
        assert_eq!(parse_shard_range("2..5"), Ok(2..5));
        for bad in ["2", "5..2", "3..3", "a..b", "-1..2"] {
            assert!(parse_shard_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn our_half_open_range_becomes_serenitys_inclusive_one() {
        // serenity starts shards start..=end; 0..4 (ours) is shards 0, 1, 2, 3.
        assert_eq!(Shards::serenity_range(&(0..4)), 0..3);
        assert_eq!(Shards::serenity_range(&(2..3)), 2..2);
    }
}
