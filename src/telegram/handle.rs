//! One update in, the answer out: messages (commands and questions), page
//! buttons and inline queries. Every answer comes from the shared answer
//! cache in [`Format::Telegram`], and every call goes through
//! [`api::call`]. One log line per update.

use std::sync::Arc;
use std::time::Instant;

use teloxide::prelude::*;
use teloxide::types::{
    CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InlineQuery, InlineQueryResult,
    InlineQueryResultArticle, InputFile, InputMessageContent, InputMessageContentText, LinkPreviewOptions,
    Me, MessageId, ParseMode, ReplyParameters, UpdateKind,
};

use super::api;
use super::route::{self, Place};
use crate::answers::{Answers, Ask, Format};
use crate::dataset::SharedDataset;
use crate::discord::config::Secret;
use crate::lang::Lang;
use crate::render::telegram::{Button, Callback, Rendered};
use crate::reply::Image;
use crate::search::{Scope, Target};

/// Telegram's limit on results of one inline query.
pub const INLINE_RESULTS: usize = 50;

/// What every update handler needs; shared by the tasks.
pub struct Bot {
    pub api: teloxide::Bot,
    pub token: Secret,
    pub data: Arc<SharedDataset>,
    pub answers: Answers,
    pub me: Me,
}

/// What an update was, for its log line.
struct Outcome {
    kind: &'static str,
    command: Option<&'static str>,
    status: &'static str,
    lang: Option<Lang>,
}

impl Outcome {
    fn ignored(kind: &'static str) -> Self {
        Outcome {
            kind,
            command: None,
            status: "ignored",
            lang: None,
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

fn keyboard(buttons: &[Button]) -> Option<InlineKeyboardMarkup> {
    (!buttons.is_empty()).then(|| {
        InlineKeyboardMarkup::new([buttons
            .iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()])
    })
}

impl Bot {
    fn username(&self) -> &str {
        self.me.user.username.as_deref().unwrap_or("")
    }

    /// The answer to `line` in `lang`, from the cache.
    fn rendered(&self, line: &str, lang: Lang) -> (Rendered, Option<&'static str>) {
        let (r, command, _) = self.rendered_with_image(line, lang);
        (r, command)
    }

    /// The same, with the picture that goes with it (`/chart`).
    fn rendered_with_image(&self, line: &str, lang: Lang) -> (Rendered, Option<&'static str>, Option<Image>) {
        let snap = self.data.snapshot();
        let (answer, _) = self
            .answers
            .answer(&snap, Ask::line(line), Format::Telegram, lang);
        let r = Rendered::from_json(answer.body.as_str()).unwrap_or_else(|| Rendered {
            lang,
            parts: vec!["…".into()],
            page: None,
            prev: None,
            next: None,
            ok: false,
            caption: None,
        });
        (r, answer.command, answer.image)
    }

    /// Handles one update and logs one line for it.
    pub async fn update(self: Arc<Self>, update: Update) {
        let started = Instant::now();
        let id = update.id.0;
        let outcome = match update.kind {
            UpdateKind::Message(m) => self.message(m).await,
            UpdateKind::CallbackQuery(q) => self.callback(q).await,
            UpdateKind::InlineQuery(q) => self.inline(q).await,
            _ => Outcome::ignored("other"),
        };
        tracing::info!(
            target: "pactbot::telegram",
            update = id,
            kind = outcome.kind,
            command = outcome.command.unwrap_or("-"),
            status = outcome.status,
            lang = outcome.lang.map_or("-", Lang::as_str),
            ms = started.elapsed().as_millis() as u64,
            "update"
        );
    }

    async fn message(&self, m: Message) -> Outcome {
        let Some(text) = m.text() else {
            return Outcome::ignored("message");
        };
        let place = Place {
            private: m.chat.is_private(),
            replies_to_bot: m
                .reply_to_message()
                .and_then(|r| r.from.as_ref())
                .is_some_and(|u| u.id == self.me.user.id),
        };
        let Some(line) = route::line(text, self.username(), place) else {
            return Outcome::ignored("message");
        };
        let lang = route::lang(m.from.as_ref().and_then(|u| u.language_code.as_deref()));
        let (rendered, command, image) = self.rendered_with_image(&line, lang);
        let photo = image.zip(rendered.caption.clone());
        let sent_photo = photo.is_some();
        if let Some((image, caption)) = photo {
            self.photo(&m, place, &rendered, image, caption).await;
        }
        for (i, (text, buttons)) in rendered.messages().into_iter().enumerate() {
            let (chat, text) = (m.chat.id, text.to_string());
            let markup = keyboard(&buttons);
            let reply_to = (!place.private && i == 0 && !sent_photo)
                .then(|| ReplyParameters::new(m.id).allow_sending_without_reply());
            api::call(&self.token, "sendMessage", || {
                let mut req = self
                    .api
                    .send_message(chat, text.clone())
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview());
                if let Some(r) = reply_to.clone() {
                    req = req.reply_parameters(r);
                }
                if let Some(k) = markup.clone() {
                    req = req.reply_markup(k);
                }
                req.send()
            })
            .await;
        }
        Outcome {
            kind: "message",
            command,
            status: if rendered.ok { "ok" } else { "not_answered" },
            lang: Some(rendered.lang),
        }
    }

    /// A picture as a photo (`sendPhoto`), the reply's first lines as its
    /// caption; the rest of the reply follows as messages. The buttons go on
    /// the photo when nothing follows it.
    async fn photo(&self, m: &Message, place: Place, rendered: &Rendered, image: Image, caption: String) {
        let chat = m.chat.id;
        let buttons = if rendered.parts.is_empty() {
            rendered.keyboard(0)
        } else {
            Vec::new()
        };
        let markup = keyboard(&buttons);
        let reply_to = (!place.private).then(|| ReplyParameters::new(m.id).allow_sending_without_reply());
        api::call(&self.token, "sendPhoto", || {
            let file = InputFile::memory(image.png.to_vec()).file_name(image.file_name.clone());
            let mut req = self
                .api
                .send_photo(chat, file)
                .caption(caption.clone())
                .parse_mode(ParseMode::Html);
            if let Some(r) = reply_to.clone() {
                req = req.reply_parameters(r);
            }
            if let Some(k) = markup.clone() {
                req = req.reply_markup(k);
            }
            req.send()
        })
        .await;
    }

    async fn callback(&self, q: CallbackQuery) -> Outcome {
        let cb = q.data.as_deref().and_then(Callback::decode);
        let mut outcome = Outcome::ignored("button");
        let mut notice = None;
        match (&cb, q.message.as_ref()) {
            (Some(cb), Some(msg)) => {
                let (rendered, command) = self.rendered(&cb.line, cb.lang);
                let (_, text, buttons) = rendered.part(cb.part);
                let (chat, id, text): (ChatId, MessageId, String) =
                    (msg.chat().id, msg.id(), text.to_string());
                let markup = keyboard(&buttons);
                api::call(&self.token, "editMessageText", || {
                    let mut req = self
                        .api
                        .edit_message_text(chat, id, text.clone())
                        .parse_mode(ParseMode::Html)
                        .link_preview_options(no_preview());
                    if let Some(k) = markup.clone() {
                        req = req.reply_markup(k);
                    }
                    req.send()
                })
                .await;
                outcome = Outcome {
                    kind: "button",
                    command,
                    status: if rendered.ok { "ok" } else { "not_answered" },
                    lang: Some(rendered.lang),
                };
            }
            _ => {
                notice = Some(match route::lang(q.from.language_code.as_deref()) {
                    Lang::Uk => "Ця кнопка застаріла: надішліть команду ще раз.",
                    Lang::En => "This button has expired: send the command again.",
                });
            }
        }
        let id = q.id.clone();
        api::call(&self.token, "answerCallbackQuery", || {
            let mut req = self.api.answer_callback_query(id.clone());
            if let Some(n) = notice {
                req = req.text(n);
            }
            req.send()
        })
        .await;
        outcome
    }

    /// Up to 50 partners and aid types for what is typed, ranked by the
    /// resolver (everything, partners first, when nothing is typed yet);
    /// each posts its answer's first message.
    async fn inline(&self, q: InlineQuery) -> Outcome {
        let lang = route::lang(q.from.language_code.as_deref());
        let snap = self.data.snapshot();
        let ds = &snap.data;
        let targets: Vec<Target> = if q.query.trim().is_empty() {
            (0..ds.partners.len())
                .map(|i| Target::Partner(i as u16))
                .chain((0..ds.aid_types.len()).map(|i| Target::Aid(i as u16)))
                .collect()
        } else {
            ds.index.complete(&q.query, Scope::Any, INLINE_RESULTS * 2)
        };
        let mut results = Vec::new();
        for t in targets.into_iter().take(INLINE_RESULTS * 2) {
            let line = match t {
                Target::Partner(i) => format!("/agreement country:{}", ds.partners[usize::from(i)].id),
                Target::Aid(i) => format!("/pledged aid:{}", ds.aid_types[usize::from(i)].id),
                Target::Country(_) => continue,
            };
            let (rendered, _) = self.rendered(&line, lang);
            let (_, text, _) = rendered.part(0);
            let content = InputMessageContent::Text(
                InputMessageContentText::new(text)
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview()),
            );
            let title = match t {
                Target::Partner(i) => ds.partners[usize::from(i)].names.get(lang).to_string(),
                Target::Aid(i) => {
                    let a = &ds.aid_types[usize::from(i)];
                    match lang {
                        Lang::En => a.en.to_string(),
                        Lang::Uk => a.uk.to_string(),
                    }
                }
                Target::Country(_) => continue,
            };
            results.push(InlineQueryResult::Article(
                InlineQueryResultArticle::new(format!("{}", results.len()), title, content).description(line),
            ));
            if results.len() == INLINE_RESULTS {
                break;
            }
        }
        let n = results.len();
        let id = q.id.clone();
        api::call(&self.token, "answerInlineQuery", || {
            self.api
                .answer_inline_query(id.clone(), results.clone())
                .cache_time(60)
                .send()
        })
        .await;
        Outcome {
            kind: "inline",
            command: None,
            status: if n > 0 { "ok" } else { "no_match" },
            lang: Some(lang),
        }
    }
}
