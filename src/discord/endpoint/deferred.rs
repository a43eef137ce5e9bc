//! Answers that carry a picture (`/chart`): deferred, then edited in.
//!
//! The inline answer to Discord's POST is JSON only (the docs never say a
//! multipart webhook response works, and reports show it failing past
//! about 150 KB). So an answer with a picture is answered at once with
//! type 5 (`DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE`; 6 for a button), and a
//! task then edits the original response:
//! `PATCH {api}/api/v10/webhooks/{application_id}/{token}/messages/@original`
//! as `multipart/form-data` with `payload_json` (the message, whose
//! `attachments` names the file and whose embed shows
//! `attachment://<file>`) and `files[0]` (the PNG). The application id and
//! the token come from the interaction itself; no bot token is needed, and
//! webhook edits are outside Discord's global rate limit. The token is
//! valid for 15 minutes, so a bounded retry on 429 and 5xx has room.
//!
//! The interaction token is a secret: it is in the URL only, never in a log
//! line (reqwest's errors quote the URL, so they are logged without it);
//! log lines name the interaction id.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::header::RETRY_AFTER;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::observe::{json, refuse, Tag};
use super::Endpoint;
use crate::discord::interaction::Responded;
use crate::render::discord::{callback, EPHEMERAL};
use crate::reply::Image;

/// Discord's API, where the edits go unless a test points them elsewhere.
pub const DISCORD_API: &str = "https://discord.com";
/// Longest time one edit request may take.
const EDIT_TIMEOUT: Duration = Duration::from_secs(15);
/// Tries of one edit (429s and 5xx retried, anything else given up at once).
const MAX_TRIES: u32 = 4;
/// The first backoff after a 5xx or a network error; it doubles each try.
const BACKOFF: Duration = Duration::from_millis(500);
/// The longest `retry_after` waited out; past it the edit is given up.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// The client that edits deferred responses, where it sends them, and the
/// edits still under way (a shutdown waits for them: the user is looking at
/// "thinking…" until the edit lands).
#[derive(Debug, Clone)]
pub struct Editor {
    http: reqwest::Client,
    base: Arc<str>,
    pending: Arc<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    count: std::sync::atomic::AtomicUsize,
    done: tokio::sync::Notify,
}

/// One edit under way; counted until dropped (finished, given up or cancelled).
struct Underway(Arc<Pending>);

impl Underway {
    fn new(p: &Arc<Pending>) -> Underway {
        p.count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Underway(Arc::clone(p))
    }
}

impl Drop for Underway {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, std::sync::atomic::Ordering::SeqCst) == 1 {
            self.0.done.notify_waiters();
        }
    }
}

impl Editor {
    /// Edits sent to `base` (Discord's API when `None`).
    pub fn new(base: Option<&str>) -> Editor {
        let http = reqwest::Client::builder()
            .timeout(EDIT_TIMEOUT)
            .build()
            .unwrap_or_default();
        Editor {
            http,
            base: base.unwrap_or(DISCORD_API).trim_end_matches('/').into(),
            pending: Arc::default(),
        }
    }

    /// Edits under way now.
    pub fn pending(&self) -> usize {
        self.pending.count.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until no edit is under way, for at most `within`; whether none is.
    pub async fn drained(&self, within: Duration) -> bool {
        let wait = async {
            loop {
                let done = self.pending.done.notified();
                if self.pending() == 0 {
                    return;
                }
                done.await;
            }
        };
        tokio::time::timeout(within, wait).await.is_ok()
    }

    fn url(&self, application_id: &str, token: &str) -> String {
        format!(
            "{}/api/v10/webhooks/{application_id}/{token}/messages/@original",
            self.base
        )
    }
}

/// What the edit needs from the interaction.
#[derive(Deserialize)]
struct Target {
    id: String,
    application_id: String,
    token: String,
    /// The largest file this interaction may upload (0: not said).
    #[serde(default)]
    attachment_size_limit: u64,
}

/// The deferral that answers `interaction` at once, with the task that
/// edits the answer in (`answer` has a picture).
pub(super) fn defer(app: &Arc<Endpoint>, interaction: &[u8], answer: Responded) -> Response {
    let Ok(target) = serde_json::from_slice::<Target>(interaction) else {
        return malformed();
    };
    let command = answer.outcome.command.unwrap_or("none");
    let tag = Tag {
        kind: answer.outcome.kind,
        command,
        reply: answer.outcome.status.map_or("none", |s| s.as_str()),
        reason: "",
    };
    let (answer, fits) = answer.within(target.attachment_size_limit);
    let Some(image) = answer.image else {
        if !fits {
            tracing::warn!(target: "pactbot::endpoint", interaction = %target.id, limit = target.attachment_size_limit, "the picture is over the interaction's upload limit; answered without it");
        }
        return json(Bytes::from_owner(answer.body), tag);
    };
    let Some((kind, private, payload)) = edit_payload(answer.body.as_str()) else {
        tracing::error!(target: "pactbot::endpoint", interaction = %target.id, "an answer is not JSON; not sent");
        return malformed();
    };
    let deferred = match kind {
        callback::UPDATE_MESSAGE => serde_json::json!({ "type": callback::DEFERRED_UPDATE_MESSAGE }),
        _ if private => serde_json::json!({
            "type": callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            "data": { "flags": EPHEMERAL }
        }),
        _ => serde_json::json!({ "type": callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE }),
    };
    let underway = Underway::new(&app.editor.pending);
    let app = Arc::clone(app);
    tokio::spawn(async move {
        let _underway = underway;
        edit(app, target, payload, image, command).await;
    });
    json(Bytes::from(deferred.to_string()), tag)
}

fn malformed() -> Response {
    refuse(
        StatusCode::BAD_REQUEST,
        "malformed_interaction",
        "not an interaction\n",
    )
}

/// From an interaction response body: its type, whether it is private, and
/// its message as an edit takes it (`payload_json`: no flags, which only the
/// deferral sets).
fn edit_payload(body: &str) -> Option<(u8, bool, String)> {
    let v: Value = serde_json::from_str(body).ok()?;
    let kind = u8::try_from(v.get("type")?.as_u64()?).ok()?;
    let mut data = v.get("data")?.clone();
    let message = data.as_object_mut()?;
    let private = message
        .remove("flags")
        .and_then(|f| f.as_u64())
        .is_some_and(|f| f & EPHEMERAL != 0);
    message.remove("choices");
    Some((kind, private, data.to_string()))
}

/// How one try ended.
enum Tried {
    Done,
    /// 429: wait this long, then try again.
    RetryAfter(Duration),
    /// A 5xx or a network error: back off, then try again.
    Transient,
    /// Refused for good (4xx, or a wait too long), with why.
    Refused(String),
}

/// PATCHes the original response with the message and its picture, retrying
/// 429s (after `retry_after`) and 5xx / network errors (with backoff) up to
/// [`MAX_TRIES`] tries in all. Logs and counts the result.
async fn edit(app: Arc<Endpoint>, target: Target, payload: String, image: Image, command: &'static str) {
    let url = app.editor.url(&target.application_id, &target.token);
    let id = target.id.as_str();
    let mut tries = 0;
    loop {
        tries += 1;
        let wait = match send(&app.editor, &url, &payload, &image).await {
            Tried::Done => {
                app.metrics.deferred_edit(true);
                tracing::info!(target: "pactbot::endpoint", interaction = %id, command, tries, bytes = image.byte_len(), "deferred answer edited in with its picture");
                return;
            }
            Tried::Refused(error) => {
                app.metrics.deferred_edit(false);
                tracing::warn!(target: "pactbot::endpoint", interaction = %id, command, tries, %error, "Discord refused the edit of the deferred answer");
                return;
            }
            Tried::RetryAfter(wait) => wait,
            Tried::Transient => BACKOFF * 2u32.saturating_pow(tries - 1),
        };
        if tries >= MAX_TRIES {
            app.metrics.deferred_edit(false);
            tracing::warn!(target: "pactbot::endpoint", interaction = %id, command, tries, "editing the deferred answer failed; giving up");
            return;
        }
        tracing::warn!(target: "pactbot::endpoint", interaction = %id, command, tries, wait_ms = wait.as_millis() as u64, "editing the deferred answer failed; trying again");
        tokio::time::sleep(wait).await;
    }
}

/// One PATCH.
async fn send(editor: &Editor, url: &str, payload: &str, image: &Image) -> Tried {
    use reqwest::multipart::{Form, Part};
    let file = match Part::bytes(image.png.to_vec())
        .file_name(image.file_name.clone())
        .mime_str("image/png")
    {
        Ok(f) => f,
        Err(e) => return Tried::Refused(e.without_url().to_string()),
    };
    let form = Form::new()
        .text("payload_json", payload.to_string())
        .part("files[0]", file);
    let res = match editor.http.patch(url).multipart(form).send().await {
        Ok(r) => r,
        Err(e) => {
            // Without the URL: it holds the interaction token.
            tracing::debug!(target: "pactbot::endpoint", error = %e.without_url(), "edit request failed");
            return Tried::Transient;
        }
    };
    let status = res.status();
    if status.is_success() {
        return Tried::Done;
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        let header = res
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok());
        let body: Option<Value> = res.json().await.ok();
        let secs = body
            .as_ref()
            .and_then(|b| b.get("retry_after"))
            .and_then(Value::as_f64)
            .or(header)
            .unwrap_or(1.0);
        return match Duration::try_from_secs_f64(secs.max(0.0)) {
            Ok(wait) if wait <= MAX_RETRY_AFTER => Tried::RetryAfter(wait),
            _ => Tried::Refused(format!("429 with retry_after {secs} s")),
        };
    }
    if status.is_server_error() {
        return Tried::Transient;
    }
    // Discord's error body names the problem (`{"message", "code"}`); it
    // does not echo the token.
    let text = res.text().await.unwrap_or_default();
    Tried::Refused(format!("{status}: {}", crate::reply::clip(text.trim(), 300)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_keeps_the_message_and_drops_what_only_the_deferral_sets() {
        let body = r#"{"type":4,"data":{"embeds":[{"title":"t","image":{"url":"attachment://a.png"}}],"flags":64,"attachments":[{"id":0,"filename":"a.png","description":"d"}]}}"#;
        let (kind, private, payload) = edit_payload(body).unwrap();
        assert_eq!(kind, 4);
        assert!(private);
        let v: Value = serde_json::from_str(&payload).unwrap();
        assert!(v.get("flags").is_none());
        assert_eq!(v["attachments"][0]["filename"], "a.png");
        assert_eq!(v["embeds"][0]["image"]["url"], "attachment://a.png");
        assert_eq!(edit_payload("not json"), None);
    }

    #[test]
    fn a_picture_over_the_upload_limit_is_left_out_not_sent() {
        use crate::answers::Lookup;
        use crate::discord::interaction::Outcome;
        let body = r#"{"type":4,"data":{"embeds":[{"title":"t","image":{"url":"attachment://a.png"}}],"attachments":[{"id":0,"filename":"a.png","description":"d"}]}}"#;
        let responded = |n: usize| Responded {
            body: body.to_string().into(),
            image: Some(Image::new("a.png", vec![7u8; n], (1, 1), "d")),
            outcome: Outcome {
                kind: "command",
                command: Some("chart"),
                status: None,
            },
            lookup: Lookup::Off,
        };
        let (kept, fits) = responded(10).within(10);
        assert!(fits && kept.image.is_some());
        assert_eq!(kept.body.as_str(), body);
        let (cut, fits) = responded(11).within(10);
        assert!(!fits && cut.image.is_none());
        let v: Value = serde_json::from_str(cut.body.as_str()).unwrap();
        assert!(v["data"].get("attachments").is_none());
        assert!(v["data"]["embeds"][0].get("image").is_none());
        assert_eq!(v["data"]["embeds"][0]["title"], "t");
        // 0: the interaction did not say; Discord's default applies.
        assert!(responded(11).within(0).1);
    }

    #[test]
    fn edits_go_to_the_original_response_of_the_interaction() {
        let e = Editor::new(Some("http://127.0.0.1:9/"));
        assert_eq!(
            e.url("13", "tok"),
            "http://127.0.0.1:9/api/v10/webhooks/13/tok/messages/@original"
        );
        assert!(Editor::new(None)
            .url("1", "t")
            .starts_with("https://discord.com/api/v10/webhooks/1/t/"));
    }
}
