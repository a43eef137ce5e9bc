//! A small fake Telegram Bot API on 127.0.0.1: the methods pactbot calls,
//! routed case-insensitively as Telegram does (teloxide writes them in
//! PascalCase), answered in Telegram's `{"ok":…,"result":…}` envelope.
//!
//! Updates are queued by the test and handed out by getUpdates with
//! Telegram's offset rule (an update stays until a later offset confirms
//! it); a poll with nothing to hand out waits briefly for one. Every call
//! is recorded, and faults (429 with retry_after, 400 with a description)
//! are answered on demand for chosen methods.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};
use tokio::task::JoinHandle;

use super::multipart::{multipart_parts, FormPart};
use super::wait::DEADLINE;

/// A token of the right shape, for the fake only.
pub const TOKEN: &str = "123456789:AAFakeTokenForLoopbackTestsOnly_0123";
/// The fake bot's username (as `getMe` gives it).
pub const USERNAME: &str = "pactbot_test_bot";
pub const BOT_ID: i64 = 123_456_789;

/// One call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    /// Lower case (`sendmessage`), whatever case the bot used.
    pub method: String,
    /// The method as written in the URL (`SendMessage`).
    pub written: String,
    pub token: String,
    /// The JSON body, or `Null` (multipart bodies are in `raw` and `parts`).
    pub body: Value,
    pub raw: String,
    /// The parts of a multipart body (`sendPhoto`), in order.
    pub parts: Vec<FormPart>,
}

impl Call {
    /// The text of part `name` of a multipart body.
    pub fn text_part(&self, name: &str) -> Option<String> {
        self.parts
            .iter()
            .find(|p| p.name == name)
            .map(|p| String::from_utf8_lossy(&p.bytes).into_owned())
    }
}

/// An error answer for one call.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 with `parameters.retry_after`.
    RetryAfter(u32),
    /// This status and description (400 "Bad Request: …").
    Status(u16, &'static str),
}

struct Inner {
    record: mpsc::UnboundedSender<Call>,
    updates: Mutex<VecDeque<Value>>,
    arrived: Notify,
    faults: Mutex<HashMap<String, VecDeque<Fault>>>,
    next_message: AtomicI64,
}

pub struct FakeTelegram {
    pub addr: SocketAddr,
    inner: Arc<Inner>,
    calls: mpsc::UnboundedReceiver<Call>,
    /// Every call received so far (also those skipped by `next_call_to`).
    pub seen: Vec<Call>,
    task: JoinHandle<()>,
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (record, calls) = mpsc::unbounded_channel();
        let inner = Arc::new(Inner {
            record,
            updates: Mutex::new(VecDeque::new()),
            arrived: Notify::new(),
            faults: Mutex::new(HashMap::new()),
            next_message: AtomicI64::new(1000),
        });
        let app = axum::Router::new()
            .fallback(handler)
            .with_state(Arc::clone(&inner));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeTelegram {
            addr,
            inner,
            calls,
            seen: Vec::new(),
            task,
        }
    }

    /// The value for `PACTBOT_TELEGRAM_API`.
    pub fn api(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues an update for getUpdates.
    pub fn push(&self, update: Value) {
        self.inner.updates.lock().unwrap().push_back(update);
        self.inner.arrived.notify_waiters();
    }

    /// Answers the next calls of `method` (any case) with these faults.
    pub fn fail(&self, method: &str, faults: impl IntoIterator<Item = Fault>) {
        self.inner
            .faults
            .lock()
            .unwrap()
            .entry(method.to_ascii_lowercase())
            .or_default()
            .extend(faults);
    }

    /// The next call of `method` (lower case), waiting at most 15 s.
    pub async fn next_call_to(&mut self, method: &str) -> Call {
        let deadline = tokio::time::Instant::now() + DEADLINE;
        loop {
            match tokio::time::timeout_at(deadline, self.calls.recv()).await {
                Ok(Some(c)) => {
                    self.seen.push(c.clone());
                    if c.method == method {
                        return c;
                    }
                }
                _ => panic!(
                    "no {method} within {DEADLINE:?}; calls: {:?}",
                    self.seen.iter().map(|c| &c.method).collect::<Vec<_>>()
                ),
            }
        }
    }

    /// Calls that arrived without waiting (for "nothing else was sent").
    pub fn drain(&mut self) -> Vec<Call> {
        let mut out = Vec::new();
        while let Ok(c) = self.calls.try_recv() {
            self.seen.push(c.clone());
            out.push(c);
        }
        out
    }
}

/// A JSON answer with `status` (axum's `Json` needs a feature the bot does not use).
fn reply(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn ok(result: Value) -> Response {
    reply(StatusCode::OK, json!({"ok": true, "result": result}))
}

fn chat(id: i64) -> Value {
    if id < 0 {
        json!({"id": id, "type": "supergroup", "title": "Volunteers"})
    } else {
        json!({"id": id, "type": "private", "first_name": "Olena"})
    }
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "pactbot", "username": USERNAME})
}

async fn handler(State(inner): State<Arc<Inner>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let content_type = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    // Room for a photo (Telegram takes up to 10 MB).
    let bytes: Bytes = axum::body::to_bytes(req.into_body(), 16 << 20)
        .await
        .unwrap_or_default();
    let parts = if content_type.starts_with("multipart/form-data") {
        multipart_parts(&content_type, bytes.to_vec())
            .await
            .unwrap_or_else(|e| panic!("a malformed multipart body from the bot: {e}"))
    } else {
        Vec::new()
    };
    let mut segments = path.trim_start_matches('/').splitn(2, '/');
    let (Some(bot), Some(written)) = (segments.next(), segments.next()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let token = bot.strip_prefix("bot").unwrap_or("").to_string();
    let method = written.to_ascii_lowercase();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let _ = inner.record.send(Call {
        method: method.clone(),
        written: written.to_string(),
        token: token.clone(),
        body: body.clone(),
        raw: String::from_utf8_lossy(&bytes).into_owned(),
        parts,
    });
    if token != TOKEN {
        return reply(
            StatusCode::UNAUTHORIZED,
            json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
        );
    }
    let fault = inner
        .faults
        .lock()
        .unwrap()
        .get_mut(&method)
        .and_then(VecDeque::pop_front);
    match fault {
        Some(Fault::RetryAfter(s)) => {
            return reply(
                StatusCode::TOO_MANY_REQUESTS,
                json!({"ok": false, "error_code": 429,
                    "description": format!("Too Many Requests: retry after {s}"),
                    "parameters": {"retry_after": s}}),
            )
        }
        Some(Fault::Status(code, description)) => {
            return reply(
                StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST),
                json!({"ok": false, "error_code": code, "description": description}),
            )
        }
        None => {}
    }
    match method.as_str() {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "pactbot", "username": USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "has_main_web_app": false
        })),
        "getwebhookinfo" => {
            ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "getupdates" => ok(get_updates(&inner, &body).await),
        "sendmessage" | "editmessagetext" => {
            let id = match body["message_id"].as_i64() {
                Some(id) => id,
                None => inner.next_message.fetch_add(1, Ordering::SeqCst),
            };
            ok(json!({
                "message_id": id, "date": 1_700_000_000,
                "chat": chat(body["chat_id"].as_i64().unwrap_or(1)),
                "from": bot_user(), "text": "…"
            }))
        }
        "sendphoto" => ok(json!({
            "message_id": inner.next_message.fetch_add(1, Ordering::SeqCst), "date": 1_700_000_000,
            "chat": chat(1),
            "from": bot_user(),
            "photo": [{"file_id": "photo-1", "file_unique_id": "u1", "width": 1200, "height": 675, "file_size": 1}]
        })),
        _ => ok(json!(true)),
    }
}

/// Telegram's offset rule: updates below `offset` are confirmed and gone;
/// the rest are handed out (and stay until confirmed). With none, waits up
/// to a second for one (the real API holds the poll up to `timeout`).
async fn get_updates(inner: &Inner, body: &Value) -> Value {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    for round in 0..2 {
        let arrived = inner.arrived.notified();
        {
            let mut q = inner.updates.lock().unwrap();
            q.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            if !q.is_empty() || round == 1 || body["timeout"].as_u64() == Some(0) {
                return Value::Array(q.iter().take(limit).cloned().collect());
            }
        }
        let _ = tokio::time::timeout(Duration::from_secs(1), arrived).await;
    }
    Value::Array(Vec::new())
}

// ---------------------------------------------------------------------------
// Updates as Telegram sends them
// ---------------------------------------------------------------------------

fn user(lang: &str) -> Value {
    json!({"id": 4242, "is_bot": false, "first_name": "Olena", "language_code": lang})
}

/// A text message in `chat` (negative: a group) from a user with `lang`.
pub fn message(update_id: i64, message_id: i64, chat_id: i64, text: &str, lang: &str) -> Value {
    let mut m = json!({
        "message_id": message_id, "date": 1_700_000_000, "chat": chat(chat_id),
        "from": user(lang), "text": text
    });
    if text.starts_with('/') {
        let len = text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .encode_utf16()
            .count();
        m["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
    }
    json!({"update_id": update_id, "message": m})
}

/// A press of a button with `data` on the bot's message `message_id`.
pub fn button(update_id: i64, chat_id: i64, message_id: i64, data: &str, lang: &str) -> Value {
    json!({"update_id": update_id, "callback_query": {
        "id": format!("cb{update_id}"), "from": user(lang), "chat_instance": "ci",
        "data": data,
        "message": {"message_id": message_id, "date": 1_700_000_000, "chat": chat(chat_id),
                    "from": bot_user(), "text": "…"}
    }})
}

/// Inline mode: `@bot query` typed in some chat.
pub fn inline_query(update_id: i64, query: &str, lang: &str) -> Value {
    json!({"update_id": update_id, "inline_query": {
        "id": format!("iq{update_id}"), "from": user(lang), "query": query, "offset": ""
    }})
}
