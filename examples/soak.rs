//! The load generator of `bench/soak.sh`: drives a running `pactbot serve`
//! over loopback at a fixed rate with a mix of signed Discord requests and
//! reports, per window, what came back, how fast, and the server's memory.
//!
//! ```text
//! soak --url http://127.0.0.1:PORT --pid PID [--duration 300] [--rate 500]
//!      [--window 30] [--reload-every 60] [--concurrency-cap 2000]
//! soak --print-public-key     # DISCORD_PUBLIC_KEY for the server
//! ```
//!
//! The mix (per 200 requests): slash commands of every kind, with typos,
//! Ukrainian and native names, pages, countries without an agreement and
//! unique free text (so the answer cache both hits and churns); autocomplete
//! on every option, with common and unique prefixes; page buttons; PING; and
//! invalid requests that must be refused — a bad signature, a stale
//! timestamp or missing headers (401), malformed JSON or an unknown
//! interaction type (400), a body over 64 KiB (413).
//!
//! Every request has the status it must get. A response with that status
//! is counted as answered (2xx) or as an intended rejection (4xx); anything
//! else — another status, a 5xx, a transport error, a timeout, a 200 that is
//! not a JSON interaction response — is an error. Requests go out on a
//! fixed schedule (open loop): a slow answer does not slow the schedule.
//! Latency is from handing the signed request to the HTTP client to the
//! last byte of the answer; how late the generator itself sent each request
//! against its schedule is reported apart (`max_send_lag_ms`).
//!
//! With `--reload-every N` it sends the server SIGHUP every N seconds (the
//! server must run with `--data DIR`): reloads happen under load.
//!
//! Memory is the server's VmRSS from `/proc/PID/status` at the end of each
//! window. The last lines are `RESULT …` key=value pairs and a Markdown table.

// A measuring tool: what it prints is its report.
#![allow(clippy::print_stdout)]

#[path = "../tests/it/support/payloads.rs"]
mod support;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{integer_option as int, string_option as opt};

/// How one request must be answered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// 200 with a JSON interaction response of this `type`.
    Ok(u64),
    /// This refusal.
    Refused(u16),
}

/// One request of the mix: its label, body, and how it is signed.
struct Req {
    body: String,
    signing: Signing,
    expect: Expect,
}

#[derive(Clone, Copy)]
enum Signing {
    Good,
    BadSignature,
    Stale,
    Missing,
}

const PARTNERS: &[&str] = &[
    "UK",
    "France",
    "Germany",
    "Frnace",
    "Deutschland",
    "Німеччина",
    "USA",
    "Japan",
    "EU",
    "Netherlands",
    "nthlnds",
    "Polska",
    "Ελλάδα",
    "Canada",
    "Italy",
    "Denmark",
    "Croatia",
    "Slovakia",
    "Brazil",
    "Угорщина",
    "Austria",
    "Australia",
    "Lithuania",
    "Norway",
];
const AIDS: &[&str] = &[
    "air defence",
    "Patriot",
    "ППО",
    "F-16",
    "винищувачі",
    "drones",
    "demining",
    "artillery",
    "training",
    "cyber",
    "energy",
    "sanctions",
    "naval",
    "reconstruction",
    "budget support",
    "long-range strike",
];
/// Partners whose agreement runs to a second page (for page buttons).
const PAGED: &[&str] = &[
    "GB", "FR", "DE", "US", "JP", "EU", "NL", "PL", "CA", "IT", "DK", "HR",
];
const PREFIXES: &[&str] = &[
    "", "g", "ge", "ger", "fr", "uni", "uk", "ні", "ja", "pol", "ai", "dr", "de", "en",
];

/// The `n`-th request of the schedule (deterministic, so runs compare).
fn request(n: u64) -> Req {
    let good = |body: String, ty: u64| Req {
        body,
        signing: Signing::Good,
        expect: Expect::Ok(ty),
    };
    let i = n as usize;
    let p = PARTNERS[i % PARTNERS.len()];
    let q = PARTNERS[(i / 3 + 5) % PARTNERS.len()];
    let a = AIDS[i % AIDS.len()];
    let page = (i / 7 % 3) as i64 + 1;
    match n % 200 {
        // Slash commands (type 2 → message, type 4): 94 of 200.
        0..=19 => good(support::command("agreement", vec![opt("country", p, false)]), 4),
        20..=29 => good(
            support::command("agreement", vec![opt("country", p, false), int("page", page)]),
            4,
        ),
        30..=44 => good(support::command("pledged", vec![opt("aid", a, false)]), 4),
        45..=49 => good(
            support::command("pledged", vec![opt("aid", a, false), int("page", page)]),
            4,
        ),
        50..=59 => good(
            support::command("search", vec![opt("query", &format!("{p} {a}"), false)]),
            4,
        ),
        // Unique text: a cache miss every time, and cache churn.
        60..=64 => good(
            support::command("search", vec![opt("query", &format!("q{n} {a}"), false)]),
            4,
        ),
        65..=74 => good(
            support::command("compare", vec![opt("first", p, false), opt("second", q, false)]),
            4,
        ),
        75..=78 => good(support::command("timeline", vec![int("page", page)]), 4),
        79..=82 => good(support::command("stats", vec![]), 4),
        83..=86 => good(support::command("about", vec![int("page", page.min(2))]), 4),
        87..=89 => good(support::command("help", vec![]), 4),
        // A command pactbot does not have: answered with an error message.
        90..=93 => good(support::command("nonsense", vec![]), 4),
        // Autocomplete (type 4 → choices, type 8): 50 of 200.
        94..=113 => {
            let prefix = PREFIXES[i % PREFIXES.len()];
            good(
                support::autocomplete("agreement", vec![opt("country", prefix, true)]),
                8,
            )
        }
        114..=125 => {
            let prefix = &a[..a.char_indices().nth(1 + i % 3).map_or(a.len(), |(k, _)| k)];
            good(
                support::autocomplete("pledged", vec![opt("aid", prefix, true)]),
                8,
            )
        }
        126..=133 => good(
            support::autocomplete(
                "compare",
                vec![
                    opt("first", p, false),
                    opt("second", &q.chars().take(2).collect::<String>(), true),
                ],
            ),
            8,
        ),
        // Unique prefixes: cache misses.
        134..=143 => good(
            support::autocomplete("agreement", vec![opt("country", &format!("x{n}"), true)]),
            8,
        ),
        // Page buttons (type 3 → update, type 7): 24 of 200.
        144..=151 => good(support::button(&format!("pg:/pledged aid:{a} page:{page}")), 7),
        152..=159 => good(
            support::button(&format!(
                "pg:/agreement country:{} page:2",
                PAGED[i % PAGED.len()]
            )),
            7,
        ),
        160..=163 => good(support::button("pg:/timeline page:2"), 7),
        // A stale or foreign button: answered (ephemeral message), not refused.
        164..=167 => good(support::button("nav:page"), 4),
        // PING: 10 of 200.
        168..=177 => good(support::ping(), 1),
        // Invalid, must be refused: 22 of 200.
        178..=183 => Req {
            body: support::command("stats", vec![]),
            signing: Signing::BadSignature,
            expect: Expect::Refused(401),
        },
        184..=187 => Req {
            body: support::ping(),
            signing: Signing::Stale,
            expect: Expect::Refused(401),
        },
        188..=189 => Req {
            body: support::ping(),
            signing: Signing::Missing,
            expect: Expect::Refused(401),
        },
        190..=194 => Req {
            body: r#"{"type": 2, "data": {"name": "agreement", "options": [{"#.to_string(),
            signing: Signing::Good,
            expect: Expect::Refused(400),
        },
        195..=197 => Req {
            body: r#"{"type": 99, "id": "1", "token": "t"}"#.to_string(),
            signing: Signing::Good,
            expect: Expect::Refused(400),
        },
        198 => Req {
            body: format!(r#"{{"type": 2, "pad": "{}"}}"#, "x".repeat(70 * 1024)),
            signing: Signing::Good,
            expect: Expect::Refused(413),
        },
        _ => Req {
            body: "[1, 2, 3]".to_string(),
            signing: Signing::Good,
            expect: Expect::Refused(400),
        },
    }
}

/// What happened to one request.
enum Outcome {
    Answered,
    Rejected,
    /// Another status than the expected one (5xx included), or a bad body.
    Wrong(u16),
    /// No response: connection error or timeout (with the error).
    Transport(String),
}

#[derive(Default)]
struct Window {
    sent: u64,
    answered: u64,
    rejected: u64,
    wrong: u64,
    server_errors: u64,
    transport: u64,
    statuses: BTreeMap<u16, u64>,
    latencies_us: Vec<u32>,
    /// The latest a request went out after its scheduled time.
    max_lag_us: u64,
}

impl Window {
    fn record(&mut self, outcome: &Outcome, status: Option<u16>, latency: Duration) {
        if let Some(s) = status {
            *self.statuses.entry(s).or_default() += 1;
            if s >= 500 {
                self.server_errors += 1;
            }
        }
        match outcome {
            Outcome::Answered => self.answered += 1,
            Outcome::Rejected => self.rejected += 1,
            Outcome::Wrong(_) => self.wrong += 1,
            Outcome::Transport(_) => self.transport += 1,
        }
        self.latencies_us
            .push(u32::try_from(latency.as_micros()).unwrap_or(u32::MAX));
    }

    fn errors(&self) -> u64 {
        self.wrong + self.transport
    }
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[k]) / 1000.0
}

fn vm_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// An error with its causes, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

/// Sends `req` signed now; returns the status, the outcome and the latency.
async fn send(client: &reqwest::Client, url: &str, req: &Req) -> (Option<u16>, Outcome, Duration) {
    let ts = match req.signing {
        Signing::Stale => (support::unix_now() - 600).to_string(),
        _ => support::unix_now().to_string(),
    };
    let mut sig = support::sign(&ts, req.body.as_bytes());
    if let Signing::BadSignature = req.signing {
        let flipped = if sig.starts_with('0') { "1" } else { "0" };
        sig.replace_range(0..1, flipped);
    }
    let mut r = client
        .post(url)
        .header("content-type", "application/json")
        .body(req.body.clone());
    if !matches!(req.signing, Signing::Missing) {
        r = r
            .header("x-signature-ed25519", sig)
            .header("x-signature-timestamp", ts);
    }
    let t0 = Instant::now();
    let resp = match r.send().await {
        Ok(r) => r,
        Err(e) => return (None, Outcome::Transport(error_chain(&e)), t0.elapsed()),
    };
    let status = resp.status().as_u16();
    let bytes = match resp.bytes().await {
        Ok(b) => b,
        Err(e) => return (Some(status), Outcome::Transport(error_chain(&e)), t0.elapsed()),
    };
    let latency = t0.elapsed();
    let outcome = match req.expect {
        Expect::Ok(ty) if status == 200 => match serde_json::from_slice::<Value>(&bytes) {
            Ok(v) if v["type"].as_u64() == Some(ty) => Outcome::Answered,
            _ => Outcome::Wrong(status),
        },
        Expect::Refused(s) if status == s => Outcome::Rejected,
        _ => Outcome::Wrong(status),
    };
    (Some(status), outcome, latency)
}

struct Args {
    url: String,
    pid: u32,
    duration: u64,
    rate: u64,
    window: u64,
    reload_every: u64,
    cap: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        url: String::new(),
        pid: 0,
        duration: 300,
        rate: 500,
        window: 30,
        reload_every: 0,
        cap: 2000,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(k) = it.next() {
        let v = it.next().ok_or_else(|| format!("{k} needs a value"))?;
        let num = || {
            v.parse::<u64>()
                .map_err(|_| format!("{k}: `{v}` is not a number"))
        };
        match k.as_str() {
            "--url" => a.url = v.clone(),
            "--pid" => a.pid = num()? as u32,
            "--duration" => a.duration = num()?,
            "--rate" => a.rate = num()?,
            "--window" => a.window = num()?,
            "--reload-every" => a.reload_every = num()?,
            "--concurrency-cap" => a.cap = num()? as usize,
            _ => return Err(format!("unknown option {k}")),
        }
    }
    if a.url.is_empty() || a.pid == 0 {
        return Err("--url and --pid are required".into());
    }
    if a.rate == 0 || a.window == 0 || a.duration < a.window {
        return Err("--rate and --window must be positive and --duration at least one window".into());
    }
    if !a.url.starts_with("http://127.0.0.1:") {
        return Err("loopback only: --url must start with http://127.0.0.1:".into());
    }
    Ok(a)
}

async fn wait_ready(client: &reqwest::Client, base: &str) -> Result<String, String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await {
            if r.status() == 200 {
                return Ok(r.text().await.unwrap_or_default().trim().to_string());
            }
        }
        if Instant::now() > deadline {
            return Err("the server was not ready within 15 s".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

struct Row {
    start_s: u64,
    end_s: u64,
    w: Window,
    rss_kib: u64,
    reloads: u64,
}

async fn run(a: Args) -> Result<bool, String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(256)
        .build()
        .map_err(|e| e.to_string())?;
    let base = a.url.trim_end_matches("/interactions").to_string();
    let url = format!("{base}/interactions");
    let ready = wait_ready(&client, &base).await?;
    eprintln!(
        "soak: {ready}; {} req/s for {} s, windows of {} s",
        a.rate, a.duration, a.window
    );

    let current = Arc::new(Mutex::new(Window::default()));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let shed = Arc::new(AtomicU64::new(0));
    let reloads = Arc::new(AtomicU64::new(0));
    let start = tokio::time::Instant::now();
    let period = Duration::from_secs_f64(1.0 / a.rate as f64);
    let total = a.duration * a.rate;
    let windows = a.duration / a.window;

    // Windows: swap the stats out and read RSS at each boundary.
    let reporter = {
        let (current, reloads) = (Arc::clone(&current), Arc::clone(&reloads));
        let (window, pid) = (a.window, a.pid);
        tokio::spawn(async move {
            let mut rows = Vec::new();
            for k in 1..=windows {
                tokio::time::sleep_until(start + Duration::from_secs(k * window)).await;
                let w = std::mem::take(&mut *current.lock().unwrap());
                let rss_kib = vm_rss_kib(pid).unwrap_or(0);
                let row = Row {
                    start_s: (k - 1) * window,
                    end_s: k * window,
                    w,
                    rss_kib,
                    reloads: reloads.load(Ordering::SeqCst),
                };
                print_row(&row);
                rows.push(row);
            }
            rows
        })
    };
    // SIGHUP every N s.
    let reloader = (a.reload_every > 0).then(|| {
        let (reloads, every, pid, duration) = (Arc::clone(&reloads), a.reload_every, a.pid, a.duration);
        tokio::spawn(async move {
            let mut k = 1;
            while k * every < duration {
                tokio::time::sleep_until(start + Duration::from_secs(k * every) - Duration::from_millis(500))
                    .await;
                let ok = tokio::task::spawn_blocking(move || {
                    std::process::Command::new("kill")
                        .args(["-HUP", &pid.to_string()])
                        .status()
                        .is_ok_and(|s| s.success())
                })
                .await
                .unwrap_or(false);
                if ok {
                    reloads.fetch_add(1, Ordering::SeqCst);
                }
                k += 1;
            }
        })
    });

    println!(
        "| window (s) | requests | 2xx answered | intended 4xx | errors | 5xx | p50 ms | p99 ms | max ms | server RSS MiB | reloads so far |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut ticker = tokio::time::interval_at(start, period);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let client = Arc::new(client);
    let url: Arc<str> = url.into();
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..total {
        let scheduled = ticker.tick().await;
        if in_flight.load(Ordering::SeqCst) >= a.cap {
            // The generator is not keeping up (the server is stalling): an error.
            shed.fetch_add(1, Ordering::SeqCst);
            let mut w = current.lock().unwrap();
            w.sent += 1;
            w.transport += 1;
            continue;
        }
        in_flight.fetch_add(1, Ordering::SeqCst);
        let (client, url, current, in_flight) = (
            Arc::clone(&client),
            Arc::clone(&url),
            Arc::clone(&current),
            Arc::clone(&in_flight),
        );
        tasks.spawn(async move {
            let lag = scheduled.elapsed();
            let req = request(n);
            let (status, outcome, latency) = send(&client, &url, &req).await;
            in_flight.fetch_sub(1, Ordering::SeqCst);
            // The first few errors, to say what they were.
            static NOTED: AtomicU64 = AtomicU64::new(0);
            let note = match &outcome {
                Outcome::Wrong(s) => Some(format!("got {s}")),
                Outcome::Transport(e) => Some(format!("no answer: {e}")),
                _ => None,
            };
            if let Some(note) = note {
                if NOTED.fetch_add(1, Ordering::SeqCst) < 20 {
                    eprintln!(
                        "soak: request {n} (mix slot {}, expected {:?}) {note}",
                        n % 200,
                        req.expect
                    );
                }
            }
            let mut w = current.lock().unwrap();
            w.sent += 1;
            w.record(&outcome, status, latency);
            w.max_lag_us = w
                .max_lag_us
                .max(u64::try_from(lag.as_micros()).unwrap_or(u64::MAX));
        });
        // Reap finished tasks so the set stays small.
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let rows = reporter.await.map_err(|e| e.to_string())?;
    if let Some(r) = reloader {
        r.abort();
    }
    let leftover = std::mem::take(&mut *current.lock().unwrap());

    // Totals.
    let mut all = Window::default();
    let mut lat = Vec::new();
    for r in rows.iter().map(|r| &r.w).chain(std::iter::once(&leftover)) {
        all.sent += r.sent;
        all.answered += r.answered;
        all.rejected += r.rejected;
        all.wrong += r.wrong;
        all.transport += r.transport;
        all.server_errors += r.server_errors;
        all.max_lag_us = all.max_lag_us.max(r.max_lag_us);
        for (s, c) in &r.statuses {
            *all.statuses.entry(*s).or_default() += c;
        }
        lat.extend_from_slice(&r.latencies_us);
    }
    lat.sort_unstable();
    let first = rows.first().map_or(0, |r| r.rss_kib);
    let last = rows.last().map_or(0, |r| r.rss_kib);
    let peak = rows.iter().map(|r| r.rss_kib).max().unwrap_or(0);
    let growth = if first > 0 {
        100.0 * (last as f64 - first as f64) / first as f64
    } else {
        f64::NAN
    };
    let statuses: Vec<String> = all.statuses.iter().map(|(s, c)| format!("{s}:{c}")).collect();
    println!(
        "| **total** | {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.1} → {:.1} | {} |",
        all.sent,
        all.answered,
        all.rejected,
        all.errors(),
        all.server_errors,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0),
        first as f64 / 1024.0,
        last as f64 / 1024.0,
        reloads.load(Ordering::SeqCst)
    );
    let ok = all.errors() == 0 && all.server_errors == 0 && growth < 10.0 && all.sent == total;
    println!(
        "RESULT requests={} answered={} intended_rejections={} errors={} server_errors={} shed_by_generator={} statuses={} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} rss_first_mib={:.1} rss_last_mib={:.1} rss_peak_mib={:.1} rss_growth_pct={:.1} reloads={} achieved_rps={:.0} max_send_lag_ms={:.1} goals_met={}",
        all.sent,
        all.answered,
        all.rejected,
        all.errors(),
        all.server_errors,
        shed.load(Ordering::SeqCst),
        statuses.join(","),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0),
        first as f64 / 1024.0,
        last as f64 / 1024.0,
        peak as f64 / 1024.0,
        growth,
        reloads.load(Ordering::SeqCst),
        all.sent as f64 / start.elapsed().as_secs_f64(),
        all.max_lag_us as f64 / 1000.0,
        ok
    );
    Ok(ok)
}

fn print_row(r: &Row) {
    let mut lat = r.w.latencies_us.clone();
    lat.sort_unstable();
    println!(
        "| {}–{} | {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {} |",
        r.start_s,
        r.end_s,
        r.w.sent,
        r.w.answered,
        r.w.rejected,
        r.w.errors(),
        r.w.server_errors,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0),
        r.rss_kib as f64 / 1024.0,
        r.reloads
    );
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--print-public-key") {
        println!("{}", support::public_key_hex());
        return ExitCode::SUCCESS;
    }
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e} (usage: see the top of examples/soak.rs)");
            return ExitCode::from(2);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    match rt.block_on(run(a)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
