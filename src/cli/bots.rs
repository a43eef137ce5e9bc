//! The subcommands that talk to Discord (`discord`, `register`, `serve`)
//! and to Telegram (`telegram`).
//! Their secrets are clap options read from the environment (or `.env`),
//! with values hidden from `--help` and checked by the parsers of
//! `pactbot::discord::config`, whose errors name the variable and never
//! quote its value.

use std::ffi::OsStr;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use pactbot::dataset::{DataSource, SharedDataset};
use pactbot::discord::config::{self, ConfigError, DiscordConfig, Secret};
use pactbot::discord::{endpoint, gateway, register as reg};
use pactbot::telegram::{self, config as tg};

use super::offline::load;
use super::Failure;

/// The settings `discord` and `register` share.
#[derive(clap::Args)]
pub struct DiscordArgs {
    /// The bot token (better in the environment or .env than on a command line).
    #[arg(long, env = config::TOKEN_VAR, hide_env_values = true, value_name = "TOKEN", value_parser = Checked(config::parse_token))]
    token: Option<Secret>,
    /// Register the commands in this server only (instant updates); default global.
    #[arg(long, env = config::GUILD_VAR, value_name = "ID", value_parser = Checked(config::parse_guild_id))]
    guild: Option<u64>,
    /// The application id; looked up with the token when not given.
    #[arg(long, env = config::APPLICATION_VAR, value_name = "ID", value_parser = Checked(config::parse_application_id))]
    application_id: Option<u64>,
    /// For tests only: a local fake of Discord's REST API (http://127.0.0.1:PORT).
    #[arg(long, env = config::API_BASE_VAR, hide = true, value_parser = Checked(config::parse_api_base))]
    discord_api: Option<String>,
}

impl DiscordArgs {
    /// The configuration, or the error naming the missing token.
    fn config(self) -> Result<DiscordConfig, ConfigError> {
        Ok(DiscordConfig {
            token: self.token.ok_or_else(config::missing_token)?,
            guild_id: self.guild,
            application_id: self.application_id,
            api_base: self.discord_api,
        })
    }
}

/// The settings of `serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(
        long,
        env = "PACTBOT_LISTEN",
        value_name = "ADDR",
        default_value = "127.0.0.1:8080"
    )]
    listen: SocketAddr,
    /// The application's public key (64 hex characters, Developer Portal → General Information).
    #[arg(long, env = config::PUBLIC_KEY_VAR, hide_env_values = true, value_name = "HEX", value_parser = Checked(public_key))]
    public_key: Option<ed25519_dalek::VerifyingKey>,
    /// How many answers to keep for repeated commands, autocomplete prefixes and page buttons (0 = off).
    #[arg(long, env = "PACTBOT_ANSWER_CACHE", value_name = "N", value_parser = Checked(answer_cache))]
    answer_cache: Option<usize>,
    /// For tests only: a local fake of Discord's REST API (http://127.0.0.1:PORT),
    /// where answers with a picture are edited in after their deferral.
    #[arg(long, env = config::API_BASE_VAR, hide = true, value_parser = Checked(config::parse_api_base))]
    discord_api: Option<String>,
}

/// The settings of `telegram`.
#[derive(clap::Args)]
pub struct TelegramArgs {
    /// The bot token from @BotFather (better in the environment or .env).
    #[arg(long, env = tg::TOKEN_VAR, hide_env_values = true, value_name = "TOKEN", value_parser = Checked(tg::parse_token))]
    token: Option<Secret>,
    /// Receive updates at this public HTTPS URL (setWebhook) instead of long polling.
    #[arg(long, value_name = "URL", requires = "listen")]
    webhook_url: Option<url::Url>,
    /// Where the webhook listens (what the URL reaches), e.g. 0.0.0.0:8080.
    #[arg(long, value_name = "ADDR", requires = "webhook_url")]
    listen: Option<SocketAddr>,
    /// The webhook's secret token (1–256 of A-Za-z0-9_-); generated when not given.
    #[arg(long, env = tg::WEBHOOK_SECRET_VAR, hide_env_values = true, value_name = "SECRET", value_parser = Checked(tg::parse_webhook_secret))]
    webhook_secret: Option<Secret>,
    /// For tests only: a local fake of the Bot API (http://127.0.0.1:PORT).
    #[arg(long, env = tg::API_VAR, hide = true, value_parser = Checked(tg::parse_api))]
    telegram_api: Option<url::Url>,
}

fn public_key(s: &str) -> Result<ed25519_dalek::VerifyingKey, ConfigError> {
    endpoint::public_key(|_| Some(s.to_string()))
}

fn answer_cache(s: &str) -> Result<usize, ConfigError> {
    s.trim().parse().map_err(|_| ConfigError::Malformed {
        var: "PACTBOT_ANSWER_CACHE",
        reason: "expected a number of answers (0 = off)".into(),
    })
}

/// A clap value parser from one of the config parsers. clap's own
/// validation error quotes the value, which for a secret must not be
/// printed; this one says only what the parser says.
#[derive(Clone)]
struct Checked<T>(fn(&str) -> Result<T, ConfigError>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Checked<T> {
    type Value = T;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::raw(ErrorKind::InvalidUtf8, "a setting is not valid UTF-8\n"))?;
        (self.0)(text).map_err(|e| clap::Error::raw(ErrorKind::ValueValidation, format!("{e}\n")))
    }
}

/// The dataset as the bots hold it: reloadable on SIGHUP from its folder.
fn shared(dir: Option<&Path>) -> anyhow::Result<Arc<SharedDataset>> {
    let ds = load(dir)?;
    Ok(Arc::new(SharedDataset::new(DataSource::from_option(dir), ds)))
}

/// `pactbot discord`: the gateway bot, until a signal.
pub(super) fn discord(
    data: Option<&Path>,
    shards: Option<u32>,
    shard_range: Option<Range<u32>>,
    register: bool,
    args: DiscordArgs,
) -> Result<(), Failure> {
    let shards = gateway::Shards::from_cli(shards, shard_range).map_err(Failure::Usage)?;
    let cfg = args.config()?;
    gateway::run_blocking(shared(data)?, &cfg, gateway::Options { shards, register })?;
    Ok(())
}

/// `pactbot register`: the slash commands, globally or in one server.
pub(super) fn register(args: DiscordArgs) -> Result<(), Failure> {
    let cfg = args.config()?;
    let scope = reg::Scope::from_guild(cfg.guild_id);
    let n = reg::run_blocking(&cfg, scope)?;
    std::io::Write::write_all(
        &mut std::io::stdout().lock(),
        format!("registered {n} slash commands {scope}\n").as_bytes(),
    )?;
    Ok(())
}

/// `pactbot serve`: the HTTP interactions endpoint, until a signal.
pub(super) fn serve(data: Option<&Path>, args: ServeArgs) -> Result<(), Failure> {
    let key = args.public_key.ok_or_else(config::missing_public_key)?;
    let mut options = endpoint::Options::default();
    if let Some(n) = args.answer_cache {
        options.answer_cache = n;
    }
    options.discord_api = args.discord_api;
    endpoint::run(args.listen, key, shared(data)?, options)?;
    Ok(())
}

/// `pactbot telegram`: the Telegram bot, until a signal.
pub(super) fn telegram(data: Option<&Path>, args: TelegramArgs) -> Result<(), Failure> {
    let cfg = tg::TelegramConfig {
        token: args.token.ok_or_else(tg::missing_token)?,
        webhook_secret: args.webhook_secret,
        api: args.telegram_api,
    };
    let mode = match (args.webhook_url, args.listen) {
        (Some(url), Some(listen)) => telegram::Mode::Webhook { url, listen },
        _ => telegram::Mode::Polling,
    };
    telegram::run_blocking(shared(data)?, &cfg, mode)?;
    Ok(())
}
