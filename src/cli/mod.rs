//! The command line: every setting the README documents is an option here,
//! read once by clap from the arguments, else the environment (which `main`
//! has already filled from `.env`), else its default. One function per
//! subcommand; [`exit`] is the one place an error becomes an exit code.

mod bots;
pub mod log;
mod offline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pactbot::discord::config::ConfigError;

pub use bots::{DiscordArgs, ServeArgs, TelegramArgs};

/// Every variable the binary reads, for `main` to treat a blank value as
/// unset (`.env.example` ships `DISCORD_GUILD_ID=` and the like).
pub const VARIABLES: &[&str] = &[
    "PACTBOT_DATA",
    "PACTBOT_LISTEN",
    "PACTBOT_ANSWER_CACHE",
    "PACTBOT_DISCORD_API",
    "RUST_LOG",
    "DISCORD_TOKEN",
    "DISCORD_GUILD_ID",
    "DISCORD_APPLICATION_ID",
    "DISCORD_PUBLIC_KEY",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "PACTBOT_TELEGRAM_API",
];

#[derive(Parser)]
#[command(
    name = "pactbot",
    version,
    about = "Answers questions about Ukraine's bilateral security agreements"
)]
pub struct Cli {
    /// Use the dataset in this folder instead of the one built in.
    #[arg(long, global = true, env = "PACTBOT_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Log filter (tracing's EnvFilter syntax), e.g. `warn,pactbot=debug`.
    #[arg(long, global = true, env = "RUST_LOG", value_name = "FILTER")]
    pub log: Option<String>,
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Answer one chat command offline, exactly as the bot would.
    Ask {
        /// Print the structured reply as JSON.
        #[arg(long, conflicts_with = "discord")]
        json: bool,
        /// Print the exact Discord interaction response body.
        #[arg(long)]
        discord: bool,
        /// The reply's language: en or uk.
        #[arg(long, value_name = "en|uk", default_value = "en")]
        lang: pactbot::lang::Lang,
        /// Write the answer's picture (a /chart) to this PNG file; the text still prints.
        #[arg(long, value_name = "FILE.png")]
        out: Option<PathBuf>,
        /// The command, e.g. "/pledged aid:air defence"; "-" reads one command a line from stdin.
        command: String,
    },
    /// Ask commands interactively.
    Repl,
    /// Validate a dataset folder (default: --data, else the built-in dataset).
    CheckData {
        /// The folder to check.
        dir: Option<PathBuf>,
    },
    /// Run the Discord bot over the gateway (DISCORD_TOKEN; see .env.example).
    Discord {
        /// Run this many shards (default: as many as Discord recommends).
        #[arg(long, value_name = "N")]
        shards: Option<u32>,
        /// Run only shards A..B (end exclusive) of --shards N; the others run elsewhere.
        #[arg(long, value_name = "A..B", requires = "shards", value_parser = pactbot::discord::gateway::parse_shard_range)]
        shard_range: Option<std::ops::Range<u32>>,
        /// Register the slash commands first (as `pactbot register` does).
        #[arg(long)]
        register: bool,
        #[command(flatten)]
        discord: DiscordArgs,
    },
    /// Put the slash commands on Discord (bulk overwrite; safe to run again).
    Register {
        #[command(flatten)]
        discord: DiscordArgs,
    },
    /// Serve Discord's HTTP interactions endpoint (DISCORD_PUBLIC_KEY) at POST /interactions.
    Serve(ServeArgs),
    /// Run the Telegram bot (TELEGRAM_BOT_TOKEN): long polling, or a webhook with --webhook-url.
    Telegram(TelegramArgs),
}

impl Cli {
    /// The log filter when neither `--log` nor `RUST_LOG` gives one: the bots
    /// log one line per interaction at `info`; the offline commands stay
    /// quiet.
    pub fn default_log_filter(&self) -> &'static str {
        match self.cmd {
            Cmd::Discord { .. } | Cmd::Register { .. } | Cmd::Serve(_) | Cmd::Telegram(_) => {
                "warn,pactbot=info"
            }
            _ => "warn",
        }
    }
}

/// Runs the subcommand.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let data = cli.data;
    match cli.cmd {
        Cmd::Ask {
            json,
            discord,
            lang,
            out,
            command,
        } => offline::ask(
            data.as_deref(),
            offline::Output { json, discord, out },
            lang,
            &command,
        ),
        Cmd::Repl => offline::repl(data.as_deref()),
        Cmd::CheckData { dir } => offline::check_data(dir.or(data).as_deref()),
        Cmd::Discord {
            shards,
            shard_range,
            register,
            discord,
        } => bots::discord(data.as_deref(), shards, shard_range, register, discord),
        Cmd::Register { discord } => bots::register(discord),
        Cmd::Serve(args) => bots::serve(data.as_deref(), args),
        Cmd::Telegram(args) => bots::telegram(data.as_deref(), args),
    }
}

/// Why a subcommand stopped.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A bad command, option or setting (exit 2); the message names it.
    #[error("{0}")]
    Usage(String),
    /// A setting that is missing or malformed (exit 2).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The data or the work failed (exit 1).
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Failed(e.into())
    }
}

/// The exit code for a failure, after saying what went wrong on stderr:
/// 2 for usage and settings, 1 for anything else, and 0 without a word
/// when the reader of our output left (`pactbot ask … | head`).
pub fn exit(failure: &Failure) -> ExitCode {
    let code = match failure {
        Failure::Usage(_) | Failure::Config(_) => 2,
        Failure::Failed(e) if broken_pipe(e) => return ExitCode::SUCCESS,
        Failure::Failed(_) => 1,
    };
    let message = match failure {
        Failure::Failed(e) => format!("{e:#}"),
        other => other.to_string(),
    };
    // Our own stderr gone as well: nothing left to tell anyone.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("error: {message}\n").as_bytes());
    ExitCode::from(code)
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    /// `.env.example` is where an operator learns the settings: it names
    /// every variable the binary reads, and ships every secret empty.
    #[test]
    fn env_example_names_every_variable_and_no_secret() {
        let example = include_str!("../../.env.example");
        let assigned = |var: &str| {
            example.lines().find_map(|l| {
                let l = l.trim_start_matches('#').trim();
                l.strip_prefix(var)?.strip_prefix('=').map(str::trim)
            })
        };
        for var in super::VARIABLES {
            assert!(assigned(var).is_some(), "{var} is missing from .env.example");
        }
        for secret in [
            "DISCORD_TOKEN",
            "DISCORD_PUBLIC_KEY",
            "TELEGRAM_BOT_TOKEN",
            "TELEGRAM_WEBHOOK_SECRET",
        ] {
            assert_eq!(assigned(secret), Some(""), "{secret} must ship empty");
        }
    }
}
