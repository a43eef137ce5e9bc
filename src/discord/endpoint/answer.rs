//! `POST /interactions`: verify, then answer from the answer cache.
//!
//! The body is read once, with a light parse that borrows from it, into the
//! [`Request`] that [`interaction::respond_with`] answers — the same one the
//! gateway builds from serenity's model. A repeated command, page or
//! autocomplete prefix is then a lookup in [`Answers`]: no serenity parse,
//! no command, no serialisation. Anything that is not a cache hit is also
//! parsed by serenity, so a body that is not a well-formed interaction is
//! refused with 400 as before; a body whose options the light parse does not
//! know (sub-commands, odd value types) is answered from serenity's model.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::Request as HttpRequest;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::observe::{json, overloaded, refusal, refuse, timed_out, Tag};
use super::verify::{self, unix_now};
use super::Endpoint;
use crate::answers::Lookup;
use crate::commands::Arg;
use crate::discord::interaction::{self, Outcome, Request, Source};
use crate::lang::Lang;

const PONG: &[u8] = br#"{"type":1}"#;

/// The limits of `/interactions`: how many requests at once, and how long
/// one may take. Kept by hand rather than as tower layers (load shed,
/// concurrency limit, timeout, and the error handler that turns their errors
/// into responses): the same rules, without four layers of boxed futures and
/// a semaphore permit per request.
#[derive(Debug)]
pub(super) struct Admission {
    max_in_flight: usize,
    timeout: Duration,
    in_flight: AtomicUsize,
}

impl Admission {
    pub(super) fn new(max_in_flight: usize, timeout: Duration) -> Arc<Self> {
        Arc::new(Admission {
            max_in_flight: max_in_flight.max(1),
            timeout,
            in_flight: AtomicUsize::new(0),
        })
    }

    /// A place among the requests in flight, or `None` when all are taken.
    fn enter(&self) -> Option<Place<'_>> {
        let before = self.in_flight.fetch_add(1, Ordering::Relaxed);
        let place = Place(&self.in_flight);
        (before < self.max_in_flight).then_some(place)
    }
}

/// Gives its place back when the request ends, however it ends (the client
/// may go away mid-request and the future is dropped).
struct Place<'a>(&'a AtomicUsize);

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// `POST /interactions`: a place among the requests in flight (503 if none),
/// size, signature headers, timestamp, then the body (408 if it does not
/// arrive in time) and its signature ([`verify`]); only then the answer.
pub(super) async fn interactions(
    app: Arc<Endpoint>,
    admission: Arc<Admission>,
    req: HttpRequest,
) -> Response {
    let Some(_place) = admission.enter() else {
        return overloaded();
    };
    // Reading the body is the only wait; everything after it is computed at
    // once. The timer is only set if the body is not already there.
    let deadline = tokio::time::Instant::now() + admission.timeout;
    let (parts, body) = req.into_parts();
    let claim = match verify::check_headers(&parts.headers, unix_now()) {
        Ok(c) => c,
        Err(r) => return refusal(r),
    };
    let verified = match tokio::time::timeout_at(deadline, verify::read_signed(&claim, body)).await {
        Ok(Ok(message)) => claim.verify(&app.key, message),
        Ok(Err(r)) => Err(r),
        Err(_) => return timed_out(),
    };
    match verified {
        Ok(v) => answer(&app, v.body()),
        Err(r) => refusal(r),
    }
}

fn malformed() -> Response {
    refuse(StatusCode::BAD_REQUEST, "malformed_json", "not an interaction\n")
}

/// Answers a verified body.
fn answer(app: &Arc<Endpoint>, body: &[u8]) -> Response {
    // An interaction is an object (serde would also read a struct from an array).
    if body.trim_ascii_start().first() != Some(&b'{') {
        return malformed();
    }
    let light = serde_json::from_slice::<Light>(body).ok();
    let Some(kind) = interaction_type(light.as_ref(), body) else {
        return malformed();
    };
    match kind {
        // Discord's health and endpoint checks: no allocation, no dataset.
        1 => {
            return json(
                Bytes::from_static(PONG),
                Tag {
                    kind: "ping",
                    ..Tag::NONE
                },
            )
        }
        2..=5 => {}
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "unknown_type",
                "unknown interaction type\n",
            )
        }
    }
    let snap = app.data.snapshot();
    let src = Source::Cached(&app.answers, &snap);
    match light.as_ref().and_then(Light::request) {
        Some(req) => {
            let r = interaction::respond_with_image(src, &req);
            if r.lookup != Lookup::Hit && interaction::parse(body).is_err() {
                return refuse_malformed_interaction();
            }
            reply(app, body, r)
        }
        // Shapes the light parse leaves to serenity.
        None => match interaction::parse(body) {
            Ok(i) => reply(app, body, interaction::respond_with_image(src, &Request::of(&i))),
            Err(_) => refuse_malformed_interaction(),
        },
    }
}

/// The answer inline, or, when it has a picture, deferred and edited in.
fn reply(app: &Arc<Endpoint>, body: &[u8], r: interaction::Responded) -> Response {
    if r.image.is_some() {
        count(app, r.lookup);
        return super::deferred::defer(app, body, r);
    }
    sent(app, r.body, &r.outcome, r.lookup)
}

fn count(app: &Endpoint, lookup: Lookup) {
    match lookup {
        Lookup::Hit => app.metrics.cache(true),
        Lookup::Miss => app.metrics.cache(false),
        Lookup::Off => {}
    }
}

fn refuse_malformed_interaction() -> Response {
    refuse(
        StatusCode::BAD_REQUEST,
        "malformed_interaction",
        "not an interaction\n",
    )
}

/// The interaction's type, from the light parse, or from a parse of `type`
/// alone when the rest has a shape the light parse does not take.
fn interaction_type(light: Option<&Light<'_>>, body: &[u8]) -> Option<u64> {
    if let Some(l) = light {
        return Some(l.kind);
    }
    #[derive(Deserialize)]
    struct Head {
        #[serde(rename = "type")]
        kind: u64,
    }
    serde_json::from_slice::<Head>(body).ok().map(|h| h.kind)
}

fn sent(app: &Endpoint, body: crate::answers::Body, outcome: &Outcome, lookup: Lookup) -> Response {
    count(app, lookup);
    let tag = Tag {
        kind: outcome.kind,
        command: outcome.command.unwrap_or("none"),
        reply: outcome.status.map_or("none", |s| s.as_str()),
        reason: "",
    };
    json(Bytes::from_owner(body), tag)
}

/// The fields an answer depends on, borrowed from the body where it can.
#[derive(Deserialize)]
struct Light<'a> {
    #[serde(rename = "type")]
    kind: u64,
    /// The user's client language (`uk`, `en-US`, …); absent on PING.
    #[serde(borrow, default)]
    locale: Option<Text<'a>>,
    #[serde(borrow, default)]
    data: Option<LightData<'a>>,
}

#[derive(Deserialize)]
struct LightData<'a> {
    #[serde(borrow, default)]
    name: Option<Text<'a>>,
    #[serde(borrow, default)]
    custom_id: Option<Text<'a>>,
    #[serde(borrow, default)]
    options: Vec<LightOption<'a>>,
}

#[derive(Deserialize)]
struct LightOption<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(rename = "type", default)]
    kind: u64,
    #[serde(borrow, default)]
    value: Option<&'a RawValue>,
    #[serde(default)]
    focused: bool,
    /// Sub-command options: our commands have none; serenity reads them.
    #[serde(default)]
    options: Option<IgnoredAny>,
}

/// A JSON string, borrowed unless it has escapes.
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// Discord's option types that carry a value we read (`resources/application-commands`).
mod option_type {
    pub const SUB_COMMAND: u64 = 1;
    pub const SUB_COMMAND_GROUP: u64 = 2;
    pub const STRING: u64 = 3;
    pub const INTEGER: u64 = 4;
    pub const BOOLEAN: u64 = 5;
    pub const NUMBER: u64 = 10;
}

impl<'a> LightOption<'a> {
    /// The value as serenity's model and [`Request::of`] read it;
    /// `Some(None)` for kinds that carry nothing we read (users, channels…),
    /// `None` when the shape is not one we read (left to serenity).
    fn value(&self) -> Option<Option<Arg>> {
        use option_type::*;
        if self.options.is_some() || matches!(self.kind, SUB_COMMAND | SUB_COMMAND_GROUP) {
            return None;
        }
        let raw = || self.value.map(RawValue::get);
        if self.focused {
            return Some(Some(Arg::Text(text(raw()?)?.into_owned())));
        }
        Some(Some(match self.kind {
            STRING => Arg::Text(text(raw()?)?.into_owned()),
            INTEGER => Arg::Integer(serde_json::from_str::<i64>(raw()?).ok()?),
            NUMBER => Arg::Text(serde_json::from_str::<f64>(raw()?).ok()?.to_string()),
            BOOLEAN => Arg::Text(serde_json::from_str::<bool>(raw()?).ok()?.to_string()),
            _ => return Some(None),
        }))
    }

    /// The focused option's partial value.
    fn partial(&self) -> Option<Cow<'_, str>> {
        text(self.value?.get())
    }
}

fn text(raw: &str) -> Option<Cow<'_, str>> {
    serde_json::from_str::<Text<'_>>(raw).ok().map(|t| t.0)
}

impl Light<'_> {
    /// What [`Request::of`] would read from serenity's model of this body,
    /// or `None` to leave it to serenity.
    fn request(&self) -> Option<Request<'_>> {
        let data = self.data.as_ref();
        let name = || data.and_then(|d| d.name.as_ref()).map(|n| &*n.0);
        let lang = Lang::from_locale(self.locale.as_ref().map_or("", |l| &*l.0));
        Some(match self.kind {
            2 => {
                let mut options = Vec::new();
                for o in &data?.options {
                    if let Some(v) = o.value()? {
                        options.push((&*o.name.0, v));
                    }
                }
                Request::Command {
                    name: name()?,
                    options,
                    lang,
                }
            }
            4 => {
                let mut focused = None;
                for o in &data?.options {
                    o.value()?;
                    if o.focused && focused.is_none() {
                        focused = Some((&*o.name.0, o.partial()?));
                    }
                }
                Request::Autocomplete {
                    name: name()?,
                    focused,
                    lang,
                }
            }
            3 => Request::Button {
                custom_id: &data?.custom_id.as_ref()?.0,
                lang,
            },
            5 => Request::Other,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admission_takes_at_most_its_places_and_gets_them_back() {
        let a = Admission::new(2, Duration::from_secs(3));
        let first = a.enter().expect("a first place");
        let second = a.enter().expect("a second place");
        assert!(a.enter().is_none(), "a third request in flight");
        // A refused request did not keep a place.
        assert_eq!(a.in_flight.load(Ordering::Relaxed), 2);
        drop(first);
        let third = a.enter().expect("the place given back");
        drop((second, third));
        assert_eq!(a.in_flight.load(Ordering::Relaxed), 0);
        // 0 means one: the endpoint never refuses everything.
        assert!(Admission::new(0, Duration::from_secs(3)).enter().is_some());
    }
}
