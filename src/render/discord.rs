//! Discord's interaction response bodies, built from a [`Reply`].
//!
//! These are plain serde types, not serenity builders, so the gateway (which
//! posts them through serenity's HTTP client), the HTTP endpoint (which
//! returns them inline) and `ask --discord` share one exact body. Every body
//! disables mentions.

use serde::Serialize;

use crate::reply::{limits, Choice, Reply, Status};

/// Discord's interaction callback types.
pub mod callback {
    pub const PONG: u8 = 1;
    pub const CHANNEL_MESSAGE_WITH_SOURCE: u8 = 4;
    /// "Thinking…": the message follows as an edit of the original
    /// response (the HTTP endpoint's path for an answer with a picture).
    pub const DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: u8 = 5;
    /// The same for a button: the message is edited in place later.
    pub const DEFERRED_UPDATE_MESSAGE: u8 = 6;
    pub const UPDATE_MESSAGE: u8 = 7;
    pub const AUTOCOMPLETE_RESULT: u8 = 8;
}

/// Message flag: only the user who asked sees it.
pub const EPHEMERAL: u64 = 1 << 6;

/// Ukraine's blue, for answers.
pub const COLOUR_OK: u32 = 0x0057B7;
/// Ukraine's yellow, for "no agreement".
pub const COLOUR_NOT_A_PARTNER: u32 = 0xFFD500;
pub const COLOUR_NO_MATCH: u32 = 0x99AAB5;
pub const COLOUR_ERROR: u32 = 0xED4245;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InteractionResponse {
    #[serde(rename = "type")]
    pub kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<ResponseData>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ResponseData {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub embeds: Vec<Embed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_mentions: Option<AllowedMentions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
    /// Always sent with messages (empty clears old buttons on an update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<ActionRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Choice>>,
    /// The files sent with the message (a chart), as Discord's partial
    /// attachment objects: `id` is the index `n` of the multipart part
    /// `files[n]` that carries the bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
}

/// A file uploaded with a message, described in its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment {
    pub id: u64,
    pub filename: String,
    pub description: String,
}

/// An embed's image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedImage {
    /// `attachment://<file name>` for a file uploaded with the message.
    pub url: String,
}

/// `{"parse": []}`: nobody is pinged, whatever the text says.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AllowedMentions {
    pub parse: Vec<String>,
    pub users: Vec<String>,
    pub roles: Vec<String>,
    pub replied_user: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embed {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub color: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EmbedField>,
    pub footer: EmbedFooter,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<EmbedImage>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedFooter {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    #[serde(rename = "type")]
    pub kind: u8,
    pub components: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Button {
    #[serde(rename = "type")]
    pub kind: u8,
    pub style: u8,
    pub label: String,
    pub custom_id: String,
    pub disabled: bool,
}

/// Prefix of a page button's custom id; the rest is the command line of the
/// page it shows, so the state survives a restart.
pub const PAGE_BUTTON_PREFIX: &str = "pg:";

fn colour(s: Status) -> u32 {
    match s {
        Status::Ok => COLOUR_OK,
        Status::NotAPartner => COLOUR_NOT_A_PARTNER,
        Status::NoMatch => COLOUR_NO_MATCH,
        Status::Error => COLOUR_ERROR,
    }
}

/// The embed for a reply (already inside Discord's limits by construction).
pub fn embed(r: &Reply) -> Embed {
    Embed {
        title: r.title.clone(),
        description: r.description.clone(),
        color: colour(r.status),
        fields: r
            .fields
            .iter()
            .map(|f| EmbedField {
                name: f.name.clone(),
                value: f.value.clone(),
                inline: f.inline,
            })
            .collect(),
        footer: EmbedFooter {
            text: r.footer.clone(),
        },
        image: r.image.as_ref().map(|i| EmbedImage {
            url: i.attachment_url(),
        }),
    }
}

/// The attachment list of a reply with a picture: its one file, as
/// multipart part `files[0]`.
fn attachments(r: &Reply) -> Option<Vec<Attachment>> {
    r.image.as_ref().map(|i| {
        vec![Attachment {
            id: 0,
            filename: i.file_name.clone(),
            description: i.description.clone(),
        }]
    })
}

fn button(label: String, target: Option<&String>, fallback_id: &str, primary: bool) -> Button {
    let id = target
        .map(|line| format!("{PAGE_BUTTON_PREFIX}{line}"))
        .filter(|id| id.chars().count() <= limits::CUSTOM_ID);
    Button {
        kind: 2,
        style: if primary { 1 } else { 2 },
        label: crate::reply::clip(&label, limits::BUTTON_LABEL),
        disabled: id.is_none(),
        custom_id: id.unwrap_or_else(|| fallback_id.to_string()),
    }
}

/// Previous / page n of m / next, when the reply has pages.
fn pager(r: &Reply) -> Vec<ActionRow> {
    let Some(p) = &r.page else { return Vec::new() };
    let s = r.lang.strings();
    vec![ActionRow {
        kind: 1,
        components: vec![
            button(s.previous_button.into(), p.prev.as_ref(), "nav:prev", false),
            button(format!("{} / {}", p.number, p.count), None, "nav:page", false),
            button(s.next_button.into(), p.next.as_ref(), "nav:next", true),
        ],
    }]
}

/// One button per choice ("Which one did you mean?"), five to a row, at
/// most four rows (the pager may take the fifth). A button carries the
/// command line that answers it, as page buttons do; one whose line does
/// not fit a custom id is left out.
fn choice_rows(r: &Reply) -> Vec<ActionRow> {
    let buttons: Vec<Button> = r
        .choices
        .iter()
        .filter(|c| c.value.starts_with('/'))
        .map(|c| button(c.name.clone(), Some(&c.value), "", false))
        .filter(|b| !b.disabled)
        .take(20)
        .collect();
    buttons
        .chunks(5)
        .map(|row| ActionRow {
            kind: 1,
            components: row.to_vec(),
        })
        .collect()
}

fn data(r: &Reply) -> ResponseData {
    let mut components = choice_rows(r);
    components.extend(pager(r));
    ResponseData {
        embeds: vec![embed(r)],
        allowed_mentions: Some(AllowedMentions::default()),
        flags: r.status.is_private().then_some(EPHEMERAL),
        components: Some(components),
        choices: None,
        attachments: attachments(r),
    }
}

/// A new message answering a command.
pub fn message(r: &Reply) -> InteractionResponse {
    InteractionResponse {
        kind: callback::CHANNEL_MESSAGE_WITH_SOURCE,
        data: Some(data(r)),
    }
}

/// The same message, updated in place (a page button was pressed).
pub fn update(r: &Reply) -> InteractionResponse {
    let mut d = data(r);
    // Only the original message's flags apply to an update.
    d.flags = None;
    InteractionResponse {
        kind: callback::UPDATE_MESSAGE,
        data: Some(d),
    }
}

/// Suggestions while typing (at most 25, checked by the caller's construction).
pub fn autocomplete(choices: Vec<Choice>) -> InteractionResponse {
    InteractionResponse {
        kind: callback::AUTOCOMPLETE_RESULT,
        data: Some(ResponseData {
            choices: Some(choices.into_iter().take(limits::AUTOCOMPLETE_CHOICES).collect()),
            ..ResponseData::default()
        }),
    }
}

/// The answer to Discord's PING.
pub fn pong() -> InteractionResponse {
    InteractionResponse {
        kind: callback::PONG,
        data: None,
    }
}
