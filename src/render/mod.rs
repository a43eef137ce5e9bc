//! Turning a [`Reply`](crate::reply::Reply) into what a transport sends:
//! Markdown text, the `--json` document, or Discord's interaction response.

pub mod discord;
pub mod json;
pub mod telegram;
pub mod text;
