//! A picture that goes with a reply (a `/chart`): the PNG itself, shared,
//! and what a transport needs to attach it.

use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::clip;

/// Discord's limit on an attachment's description (its alt text), in
/// characters (`resources/message.mdx`, attachment object).
pub const DESCRIPTION_LIMIT: usize = 1024;

/// A PNG picture of the answer. Cloning it copies a pointer: the answer
/// cache, the gateway and the endpoint share the one buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The attachment's file name (`pactbot-timeline.png`): plain ASCII,
    /// what `attachment://…` in an embed refers to.
    pub file_name: String,
    pub png: Arc<[u8]>,
    /// Size in pixels.
    pub width: u32,
    pub height: u32,
    /// What the picture shows, in the reply's language (alt text), at most
    /// [`DESCRIPTION_LIMIT`] characters.
    pub description: String,
}

impl Image {
    pub fn new(
        file_name: impl Into<String>,
        png: impl Into<Arc<[u8]>>,
        (width, height): (u32, u32),
        description: &str,
    ) -> Image {
        Image {
            file_name: file_name.into(),
            png: png.into(),
            width,
            height,
            description: clip(description, DESCRIPTION_LIMIT),
        }
    }

    /// What an embed's image URL says to show this attachment.
    pub fn attachment_url(&self) -> String {
        format!("attachment://{}", self.file_name)
    }

    /// Size of the PNG in bytes.
    pub fn byte_len(&self) -> usize {
        self.png.len()
    }
}

/// `--json` shows what the picture is, never its bytes.
impl Serialize for Image {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Meta<'a> {
            file_name: &'a str,
            width: u32,
            height: u32,
            bytes: usize,
            description: &'a str,
        }
        Meta {
            file_name: &self.file_name,
            width: self.width,
            height: self.height,
            bytes: self.png.len(),
            description: &self.description,
        }
        .serialize(s)
    }
}

/// A valid 1 × 1 PNG (one opaque blue pixel), for tests of the transports
/// that do not need a real chart.
#[cfg(test)]
pub(crate) const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00,
    0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x08, 0xDF, 0x0E, 0x00, 0x01, 0x69,
    0x01, 0x0F, 0x1F, 0x3E, 0xFE, 0x32, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
    0x82,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shows_the_metadata_not_the_bytes() {
        let img = Image::new("pactbot-test.png", TINY_PNG.to_vec(), (1, 1), "one pixel");
        let v = serde_json::to_value(&img).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"file_name": "pactbot-test.png", "width": 1, "height": 1, "bytes": TINY_PNG.len(), "description": "one pixel"})
        );
        assert_eq!(img.attachment_url(), "attachment://pactbot-test.png");
    }

    #[test]
    fn the_description_fits_discords_limit() {
        let long = "x".repeat(3000);
        let img = Image::new("a.png", Vec::new(), (1, 1), &long);
        assert_eq!(img.description.chars().count(), DESCRIPTION_LIMIT);
    }
}
