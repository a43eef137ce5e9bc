//! `multipart/form-data` bodies as the fakes receive them (Discord's file
//! uploads, Telegram's sendPhoto), read with `multer`.

/// One part of a multipart body, as `multer` read it.
#[derive(Debug, Clone)]
pub struct FormPart {
    /// The part's name (`payload_json`, `files[0]`).
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Reads a `multipart/form-data` body with its boundary from `content_type`.
pub async fn multipart_parts(content_type: &str, body: Vec<u8>) -> Result<Vec<FormPart>, multer::Error> {
    let boundary = multer::parse_boundary(content_type)?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await?.to_vec();
        parts.push(FormPart {
            name,
            file_name,
            content_type,
            bytes,
        });
    }
    Ok(parts)
}
