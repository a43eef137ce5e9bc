//! The Telegram bot: one more thin transport over the same core. Updates
//! arrive by long polling (default) or a webhook; each is answered through
//! the shared answer cache ([`crate::answers`]) and rendered as Telegram
//! HTML ([`crate::render::telegram`]). teloxide is the Bot API client.

pub mod api;
pub mod config;
mod handle;
pub mod route;
mod run;
pub mod webhook;

pub use run::{menu, run_blocking, Mode};
