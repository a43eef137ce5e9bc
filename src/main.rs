//! The `pactbot` binary: a thin clap front over the library.
//!
//! Exit codes: 0 answered (a "no match" is an answer), 2 an invalid command
//! or usage, 1 a data or internal failure. Errors go to stderr.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use pactbot::answers::{self, Answers, Format};
use pactbot::dataset::{Dataset, Snapshot};
use pactbot::render;
use pactbot::reply::{Reply, Status};

#[derive(Parser)]
#[command(
    name = "pactbot",
    version,
    about = "Answers questions about Ukraine's bilateral security agreements"
)]
struct Cli {
    /// Use the dataset in this folder instead of the one built in.
    #[arg(long, global = true, env = "PACTBOT_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
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
    },
    /// Put the slash commands on Discord (bulk overwrite; safe to run again).
    Register {
        /// Register in this server only (instant updates); default DISCORD_GUILD_ID, else global.
        #[arg(long, value_name = "ID", value_parser = pactbot::discord::config::parse_snowflake)]
        guild: Option<u64>,
    },
    /// Serve Discord's HTTP interactions endpoint (DISCORD_PUBLIC_KEY) at POST /interactions.
    Serve {
        /// The address to listen on.
        #[arg(
            long,
            env = "PACTBOT_LISTEN",
            value_name = "ADDR",
            default_value = "127.0.0.1:8080"
        )]
        listen: std::net::SocketAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (log_writer, _log_guard) = log_writer(&cli.cmd);
    tracing_subscriber::fmt()
        .with_writer(log_writer)
        // Colours only on a terminal: a log file or journald gets plain text
        // (and formatting each line costs less, which the endpoint notices).
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_log_filter(&cli.cmd))),
        )
        .init();
    match run(cli) {
        Ok(code) => code,
        // `pactbot ask … | head`: the reader left; that is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Where log lines go: stderr. `serve` writes one line per request, so it
/// hands them to a background thread (lossy: if stderr stalls — a full pipe,
/// a stuck journald — lines are dropped rather than every worker blocking
/// on `write`). At most 4096 lines wait: the queue is allocated up front
/// (32 bytes a line), and tracing-appender's default of 128,000 lines would
/// add 4 MB to the idle process. The guard flushes what is queued when
/// `main` returns.
fn log_writer(
    cmd: &Cmd,
) -> (
    tracing_subscriber::fmt::writer::BoxMakeWriter,
    Option<tracing_appender::non_blocking::WorkerGuard>,
) {
    use tracing_subscriber::fmt::writer::BoxMakeWriter;
    match cmd {
        Cmd::Serve { .. } => {
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .lossy(true)
                .buffered_lines_limit(4096)
                .thread_name("pactbot-log")
                .finish(std::io::stderr());
            (BoxMakeWriter::new(writer), Some(guard))
        }
        _ => (BoxMakeWriter::new(std::io::stderr), None),
    }
}

/// The bot logs one line per interaction at `info`; the offline commands stay quiet.
fn default_log_filter(cmd: &Cmd) -> &'static str {
    match cmd {
        Cmd::Discord { .. } | Cmd::Register { .. } | Cmd::Serve { .. } => "warn,pactbot=info",
        _ => "warn",
    }
}

/// The Discord settings, or exit code 2 with a message naming the variable.
fn discord_config() -> Result<pactbot::discord::config::DiscordConfig, ExitCode> {
    pactbot::discord::config::DiscordConfig::for_cli().map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(e.exit_code())
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.cmd {
        Cmd::Discord {
            shards,
            shard_range,
            register,
        } => {
            use pactbot::discord::gateway;
            let shards = match gateway::Shards::from_cli(shards, shard_range) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let cfg = match discord_config() {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let data = shared(cli.data.as_deref())?;
            gateway::run_blocking(data, &cfg, gateway::Options { shards, register })?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Register { guild } => {
            use pactbot::discord::register;
            let cfg = match discord_config() {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let scope = register::Scope::from_guild(guild.or(cfg.guild_id));
            let n = register::run_blocking(&cfg, scope)?;
            println!("registered {n} slash commands {scope}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Serve { listen } => {
            use pactbot::discord::{config, endpoint};
            let key = match config::load_dotenv().and_then(|()| endpoint::public_key(config::process_env)) {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(e.exit_code()));
                }
            };
            let data = shared(cli.data.as_deref())?;
            endpoint::run(listen, key, data, endpoint::Options::default())?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Ask {
            json,
            discord,
            lang,
            command,
        } => {
            let ds = load(cli.data.as_deref())?;
            let format = if json {
                Format::Json
            } else if discord {
                Format::DiscordMessage
            } else {
                Format::Text
            };
            if command == "-" {
                batch(Snapshot::new(ds), format, lang)
            } else {
                let reply = if json {
                    pactbot::answer_json(&ds, &command, lang)
                } else {
                    pactbot::answer(&ds, &command, lang)
                };
                if reply.status == Status::Error {
                    // A bad command is a usage error: say so on stderr; the
                    // structured formats still print their document.
                    eprintln!("error: {}", reply.description.lines().next().unwrap_or_default());
                    if matches!(format, Format::Text) {
                        return Ok(exit_for(&reply));
                    }
                }
                let mut out = std::io::stdout().lock();
                writeln!(out, "{}", answers::render_reply(&reply, format))?;
                Ok(exit_for(&reply))
            }
        }
        Cmd::Repl => {
            let ds = load(cli.data.as_deref())?;
            repl(&ds)
        }
        Cmd::CheckData { dir } => {
            let dir = dir.or(cli.data);
            match Dataset::load(dir.as_deref()) {
                Ok(ds) => {
                    println!(
                        "ok: {} partners, {} aid types, {} countries without an agreement; as of {} (v{})",
                        ds.partners.len(),
                        ds.aid_types.len(),
                        ds.countries.len(),
                        ds.meta.as_of,
                        ds.meta.version
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let from = dir.map_or("the built-in dataset".to_string(), |d| d.display().to_string());
                    eprintln!("{from}: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

fn load(dir: Option<&std::path::Path>) -> anyhow::Result<Dataset> {
    Dataset::load(dir).with_context(|| match dir {
        Some(d) => format!("loading the dataset from {}", d.display()),
        None => "loading the built-in dataset".to_string(),
    })
}

/// The dataset as the bots hold it: reloadable on SIGHUP from its folder.
fn shared(dir: Option<&std::path::Path>) -> anyhow::Result<std::sync::Arc<pactbot::dataset::SharedDataset>> {
    let ds = load(dir)?;
    let source = pactbot::dataset::DataSource::from_option(dir);
    Ok(std::sync::Arc::new(pactbot::dataset::SharedDataset::new(
        source, ds,
    )))
}

fn exit_for(r: &Reply) -> ExitCode {
    if r.status == Status::Error {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One command a line in, one answer out (one JSON document a line with
/// `--json`). Bad lines are answered with `status: error`; the exit code is
/// 0 once all input was answered. A command asked again (however it is
/// typed) is answered from memory: see `pactbot::answers`.
fn batch(snap: Snapshot, format: Format, lang: pactbot::lang::Lang) -> anyhow::Result<ExitCode> {
    let answers = Answers::default();
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = answers.line(&snap, &line, format, lang);
        writeln!(out, "{}", answer.body)?;
        if matches!(format, Format::Text) {
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn repl(ds: &Dataset) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "pactbot — data as of {}. Type a command such as /pledged aid:air defence, /help, or quit.",
        ds.meta.as_of
    )?;
    let stdin = std::io::stdin();
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if matches!(line, "quit" | "exit" | "/quit" | "/exit") {
            break;
        }
        writeln!(
            out,
            "{}",
            render::text::render(&pactbot::answer(ds, line, pactbot::lang::Lang::En))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
