//! A small fake Discord on 127.0.0.1: the REST calls pactbot makes and a
//! gateway WebSocket that does the handshake serenity 0.12.5 needs
//! (Hello → heartbeat ACKs → Identify → READY, then scripted dispatches).
//!
//! Every request and every gateway frame from the bot is recorded, and the
//! `next_*` methods wait for them with a timeout, because a malformed
//! payload makes serenity drop an event silently rather than fail.
//!
//! Faults on demand: REST answers of 429 (with Discord's rate-limit headers
//! and body) or 5xx (an HTML page, as a proxy in front of Discord sends) for
//! the registration and for chosen callbacks; the gateway connection cut
//! (no close frame) or closed with a code; RESUME answered with RESUMED or
//! with an invalid session.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Response, StatusCode};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Mutex};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

pub use super::multipart::{multipart_parts, FormPart};
use super::APPLICATION_ID;

/// How long any single wait on the bot may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    /// The JSON body, or `Null` when there was none. For a multipart body,
    /// its `payload_json` part, parsed.
    pub body: Value,
    /// The parts of a `multipart/form-data` body, in order (empty otherwise).
    pub parts: Vec<FormPart>,
}

impl Recorded {
    /// The part named `name`, if the body had one.
    pub fn part(&self, name: &str) -> Option<&FormPart> {
        self.parts.iter().find(|p| p.name == name)
    }
}

/// What the bot did on the gateway.
#[derive(Debug, Clone)]
pub enum FromBot {
    Connected,
    Heartbeat,
    Identify(Value),
    Resume(Value),
    /// A close frame, with its code.
    Closed(Option<u16>),
    /// The connection ended without a close frame.
    Dropped,
    Other(Value),
}

/// How the fake answers.
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// The shard count `GET /gateway/bot` recommends.
    pub shards: u32,
    /// Status for the command bulk overwrite (200 = accept).
    pub register_status: u16,
    /// Answer Identify with close code 4004 (Authentication failed), as
    /// Discord does for a revoked token.
    pub reject_identify: bool,
    /// Statuses for the first interaction callbacks, in order (then 204).
    /// 429 comes with Discord's rate-limit headers and body; 5xx with an
    /// HTML page.
    pub callback_statuses: Vec<u16>,
    /// Answer RESUME with an invalid session (op 9, not resumable) instead
    /// of RESUMED, so the bot must identify again.
    pub refuse_resume: bool,
    /// Statuses for the first edits of an original interaction response
    /// (`PATCH /webhooks/{app}/{token}/messages/@original`), then 200.
    pub edit_statuses: Vec<u16>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            shards: 1,
            register_status: 200,
            reject_identify: false,
            callback_statuses: Vec::new(),
            refuse_resume: false,
            edit_statuses: Vec::new(),
        }
    }
}

/// What the test makes the fake gateway do to the connected bot.
#[derive(Debug)]
enum ToBot {
    Dispatch(String, Value),
    /// Cut the TCP connection without a close frame.
    Cut,
    /// Send a close frame with this code, then end the connection.
    Close(u16),
}

pub struct FakeDiscord {
    pub rest: SocketAddr,
    pub gateway: SocketAddr,
    requests: mpsc::UnboundedReceiver<Recorded>,
    events: mpsc::UnboundedReceiver<FromBot>,
    dispatch: mpsc::UnboundedSender<ToBot>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl FakeDiscord {
    pub async fn start(behaviour: Behaviour) -> FakeDiscord {
        let rest_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind REST");
        let gw_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind gateway");
        let rest = rest_listener.local_addr().expect("REST address");
        let gateway = gw_listener.local_addr().expect("gateway address");
        let (req_tx, requests) = mpsc::unbounded_channel();
        let (ev_tx, events) = mpsc::unbounded_channel();
        let (dispatch, dispatch_rx) = mpsc::unbounded_channel();
        let gw_url = format!("ws://{gateway}");

        let gw = GatewayBehaviour {
            reject_identify: behaviour.reject_identify,
            refuse_resume: behaviour.refuse_resume,
            seq: Arc::new(AtomicU64::new(0)),
        };
        let state = Arc::new(RestState {
            record: req_tx,
            callbacks: std::sync::Mutex::new(behaviour.callback_statuses.iter().copied().collect()),
            edits: std::sync::Mutex::new(behaviour.edit_statuses.iter().copied().collect()),
            behaviour,
            gw_url: gw_url.clone(),
        });
        let app = axum::Router::new().fallback(move |req: Request| rest_handler(Arc::clone(&state), req));
        let rest_task = tokio::spawn(async move {
            let _ = axum::serve(rest_listener, app).await;
        });

        let dispatch_rx = Arc::new(Mutex::new(dispatch_rx));
        let gw_task = tokio::spawn(async move {
            while let Ok((stream, _)) = gw_listener.accept().await {
                let ev_tx = ev_tx.clone();
                let rx = Arc::clone(&dispatch_rx);
                let url = gw_url.clone();
                let gw = gw.clone();
                tokio::spawn(async move { gateway_connection(stream, ev_tx, rx, url, gw).await });
            }
        });
        FakeDiscord {
            rest,
            gateway,
            requests,
            events,
            dispatch,
            tasks: vec![rest_task, gw_task],
        }
    }

    /// The base URL to hand to `HttpBuilder::proxy` / `PACTBOT_DISCORD_API`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.rest)
    }

    /// The next REST request, or a failing test after [`WAIT`].
    pub async fn next_request(&mut self) -> Recorded {
        match tokio::time::timeout(WAIT, self.requests.recv()).await {
            Ok(Some(r)) => r,
            Ok(None) => panic!("the fake REST server stopped"),
            Err(_) => panic!("no REST request from the bot within {WAIT:?}"),
        }
    }

    /// The REST requests recorded and not yet taken, without waiting. The
    /// fake records a request before it answers it, so once the bot has had
    /// an answer (or has gone on to the gateway) its request is here: no
    /// timing is involved in asserting that nothing else was asked.
    pub fn requests_so_far(&mut self) -> Vec<Recorded> {
        std::iter::from_fn(|| self.requests.try_recv().ok()).collect()
    }

    /// The next gateway event that is not a heartbeat.
    pub async fn next_event(&mut self) -> FromBot {
        loop {
            match tokio::time::timeout(WAIT, self.events.recv()).await {
                Ok(Some(FromBot::Heartbeat)) => continue,
                Ok(Some(e)) => return e,
                Ok(None) => panic!("the fake gateway stopped"),
                Err(_) => panic!("nothing from the bot on the gateway within {WAIT:?}"),
            }
        }
    }

    /// Waits for the bot to connect and identify; returns the Identify `d`.
    pub async fn identify(&mut self) -> Value {
        loop {
            match self.next_event().await {
                FromBot::Connected => continue,
                FromBot::Identify(d) => return d,
                other => panic!("expected Identify, got {other:?}"),
            }
        }
    }

    /// Sends a dispatch event (`op` 0) to the connected bot.
    pub fn dispatch(&self, t: &str, d: Value) {
        self.dispatch
            .send(ToBot::Dispatch(t.to_string(), d))
            .expect("gateway task alive");
    }

    /// Cuts the bot's gateway connection without a close frame, as a
    /// network failure does.
    pub fn cut_connection(&self) {
        self.dispatch.send(ToBot::Cut).expect("gateway task alive");
    }

    /// Closes the bot's gateway connection with `code` (Discord uses 4000
    /// and others to make a bot reconnect).
    pub fn close_connection(&self, code: u16) {
        self.dispatch
            .send(ToBot::Close(code))
            .expect("gateway task alive");
    }
}

/// How the fake gateway answers, shared by its connections.
#[derive(Debug, Clone)]
struct GatewayBehaviour {
    reject_identify: bool,
    refuse_resume: bool,
    /// The sequence number, continued across connections as Discord does.
    seq: Arc<AtomicU64>,
}

fn json_response(status: u16, body: Value) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("response")
}

struct RestState {
    record: mpsc::UnboundedSender<Recorded>,
    behaviour: Behaviour,
    /// What is left of `behaviour.callback_statuses`.
    callbacks: std::sync::Mutex<VecDeque<u16>>,
    /// What is left of `behaviour.edit_statuses`.
    edits: std::sync::Mutex<VecDeque<u16>>,
    gw_url: String,
}

/// A refusal as Discord (or the proxy in front of it) sends it.
fn failure(status: u16) -> Response<Body> {
    match status {
        429 => Response::builder()
            .status(429)
            .header("content-type", "application/json")
            .header("retry-after", "1")
            .header("x-ratelimit-limit", "5")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset-after", "1.000")
            .header("x-ratelimit-scope", "user")
            .body(Body::from(
                json!({"message": "You are being rate limited.", "retry_after": 1.0, "global": false})
                    .to_string(),
            ))
            .expect("response"),
        500..=599 => Response::builder()
            .status(status)
            .header("content-type", "text/html")
            .body(Body::from(format!(
                "<html><head><title>{status}</title></head><body>upstream error</body></html>"
            )))
            .expect("response"),
        _ => json_response(
            status,
            json!({"message": format!("{status}: Unauthorized"), "code": 0}),
        ),
    }
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn rest_handler(state: Arc<RestState>, req: Request) -> Response<Body> {
    let (record, b, gw_url) = (&state.record, &state.behaviour, state.gw_url.as_str());
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let authorization = header(&req, "authorization");
    let content_type = header(&req, "content-type");
    // Room for a picture (Discord takes files up to 10 MiB by default).
    let bytes = axum::body::to_bytes(req.into_body(), 16 << 20)
        .await
        .unwrap_or_default();
    let multipart = content_type
        .as_deref()
        .filter(|c| c.starts_with("multipart/form-data"));
    let parts = match multipart {
        Some(c) => multipart_parts(c, bytes.to_vec())
            .await
            .unwrap_or_else(|e| panic!("a malformed multipart body from the bot: {e}")),
        None => Vec::new(),
    };
    let json_bytes: &[u8] = match multipart {
        Some(_) => parts
            .iter()
            .find(|p| p.name == "payload_json")
            .map_or(&[][..], |p| &p.bytes[..]),
        None => &bytes,
    };
    let body = if json_bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(json_bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(json_bytes).into()))
    };
    let _ = record.send(Recorded {
        method: method.clone(),
        path: path.clone(),
        authorization,
        content_type,
        body: body.clone(),
        parts,
    });
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => json_response(200, json!({ "url": gw_url })),
        ("GET", ["gateway", "bot"]) => json_response(
            200,
            json!({
                "url": gw_url,
                "shards": b.shards,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
            }),
        ),
        ("GET", ["oauth2", "applications", "@me"]) => json_response(200, application_info()),
        ("PUT", ["applications", _, "commands"]) | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            if b.register_status != 200 {
                return failure(b.register_status);
            }
            let guild = segments.get(3).copied();
            let echoed: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c["id"] = json!(format!("13100000000000020{i:02}"));
                    c["application_id"] = json!(APPLICATION_ID.to_string());
                    c["version"] = json!("1310000000000000900");
                    c["default_member_permissions"] = Value::Null;
                    c["nsfw"] = json!(false);
                    if let Some(g) = guild {
                        c["guild_id"] = json!(g);
                    }
                    c
                })
                .collect();
            json_response(200, Value::Array(echoed))
        }
        ("POST", ["interactions", _, _, "callback"]) => {
            let planned = state
                .callbacks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop_front();
            match planned {
                Some(status) if status >= 300 => failure(status),
                _ => Response::builder()
                    .status(StatusCode::NO_CONTENT)
                    .body(Body::empty())
                    .expect("response"),
            }
        }
        // The original response edited in after a deferral (a picture).
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            let planned = state
                .edits
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop_front();
            match planned {
                Some(status) if status >= 300 => failure(status),
                _ => json_response(200, sent_message("1310000000000000500", &body)),
            }
        }
        // A message the bot sends (a reply to a mention or a DM): echoed as
        // the Message Discord returns, enough for serenity to parse.
        ("POST", ["channels", channel, "messages"]) => json_response(200, sent_message(channel, &body)),
        _ => json_response(404, json!({"message": "404: Not Found", "code": 0})),
    }
}

fn sent_message(channel: &str, body: &Value) -> Value {
    json!({
        "id": "1310000000000000700",
        "channel_id": channel,
        "author": {"id": APPLICATION_ID.to_string(), "username": "pactbot", "discriminator": "0000", "avatar": null, "bot": true, "global_name": null},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-30T08:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 19,
        "flags": 0
    })
}

/// A MESSAGE_CREATE as Discord sends it to an app without MESSAGE_CONTENT:
/// the text is there because the message mentions the app (`mentions`
/// holds it) or is a DM (no `guild_id`).
pub fn message_create(id: u64, content: &str, mention_bot: bool, in_guild: bool) -> Value {
    let mut m = json!({
        "id": id.to_string(),
        "channel_id": "1310000000000000500",
        "author": {"id": "1310000000000000007", "username": "reader", "discriminator": "0", "avatar": null, "global_name": "Reader"},
        "content": content,
        "timestamp": "2026-11-30T08:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": if mention_bot {
            json!([{"id": APPLICATION_ID.to_string(), "username": "pactbot", "discriminator": "0000", "avatar": null, "bot": true, "global_name": null}])
        } else {
            json!([])
        },
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
        "flags": 0
    });
    if in_guild {
        m["guild_id"] = json!("1310000000000000100");
    }
    m
}

fn application_info() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": "pactbot",
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "a".repeat(64),
        "team": null,
        "owner": {"id": "1310000000000000400", "username": "olena", "discriminator": "0", "avatar": null, "global_name": "Olena"},
        "flags": 0,
        "approximate_guild_count": 1,
        "redirect_uris": [],
        "interactions_endpoint_url": null
    })
}

fn ready(shard: &Value, gw_url: &str) -> Value {
    json!({
        "v": 10,
        "user": {"id": APPLICATION_ID.to_string(), "username": "pactbot", "discriminator": "0000", "avatar": null,
                 "bot": true, "global_name": null, "flags": 0, "verified": true, "mfa_enabled": false},
        "guilds": [{"id": "1310000000000000100", "unavailable": true}],
        "session_id": "fake-session-0001",
        "resume_gateway_url": gw_url,
        "shard": shard,
        "application": {"id": APPLICATION_ID.to_string(), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "_trace": ["[\"fake-gateway\",{\"micros\":0}]"]
    })
}

async fn gateway_connection(
    stream: TcpStream,
    events: mpsc::UnboundedSender<FromBot>,
    dispatch: Arc<Mutex<mpsc::UnboundedReceiver<ToBot>>>,
    gw_url: String,
    gw: GatewayBehaviour,
) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let _ = events.send(FromBot::Connected);
    let (mut sink, mut source) = ws.split();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 45_000, "_trace": ["fake-gateway"]}});
    if sink.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    let next_seq = || gw.seq.fetch_add(1, Ordering::SeqCst) + 1;
    let mut outgoing = dispatch.lock().await;
    loop {
        tokio::select! {
            msg = source.next() => match msg {
                Some(Ok(Message::Text(text))) => {
                    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                    match v["op"].as_u64() {
                        Some(1) => {
                            let _ = events.send(FromBot::Heartbeat);
                            let _ = sink.send(Message::Text(json!({"op": 11}).to_string())).await;
                        }
                        Some(2) => {
                            let shard = v["d"]["shard"].clone();
                            let _ = events.send(FromBot::Identify(v["d"].clone()));
                            if gw.reject_identify {
                                let close = CloseFrame { code: CloseCode::from(4004), reason: "Authentication failed.".into() };
                                let _ = sink.send(Message::Close(Some(close))).await;
                                continue;
                            }
                            let frame = json!({"op": 0, "s": next_seq(), "t": "READY", "d": ready(&shard, &gw_url)});
                            let _ = sink.send(Message::Text(frame.to_string())).await;
                        }
                        Some(6) => {
                            let _ = events.send(FromBot::Resume(v["d"].clone()));
                            let frame = if gw.refuse_resume {
                                json!({"op": 9, "d": false})
                            } else {
                                json!({"op": 0, "s": next_seq(), "t": "RESUMED", "d": {"_trace": ["fake-gateway"]}})
                            };
                            let _ = sink.send(Message::Text(frame.to_string())).await;
                        }
                        _ => {
                            let _ = events.send(FromBot::Other(v));
                        }
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    let _ = events.send(FromBot::Closed(frame.map(|f| u16::from(f.code))));
                    let _ = sink.close().await;
                    return;
                }
                Some(Ok(_)) => {}
                None | Some(Err(_)) => {
                    let _ = events.send(FromBot::Dropped);
                    return;
                }
            },
            out = outgoing.recv() => match out {
                None | Some(ToBot::Cut) => return,
                Some(ToBot::Close(code)) => {
                    let close = CloseFrame { code: CloseCode::from(code), reason: "fake gateway: reconnect".into() };
                    let _ = sink.send(Message::Close(Some(close))).await;
                    return;
                }
                Some(ToBot::Dispatch(t, d)) => {
                    let frame = json!({"op": 0, "s": next_seq(), "t": t, "d": d});
                    if sink.send(Message::Text(frame.to_string())).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}
