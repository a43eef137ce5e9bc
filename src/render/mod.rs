//! Turning a [`Reply`](crate::reply::Reply) into what a transport sends:
//! Markdown text, the `--json` document, or Discord's interaction response.

pub mod discord;
pub mod json;
pub mod telegram;
pub mod text;

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::reply::{Image, ReplyBuilder, Status, TINY_PNG};

    fn with_picture(lang: Lang) -> crate::reply::Reply {
        ReplyBuilder::new("chart", Status::Ok, "Signings")
            .lang(lang)
            .data(serde_json::json!({"chart": {"kind": "timeline"}}))
            .image(Image::new(
                "pactbot-test.png",
                TINY_PNG.to_vec(),
                (1, 1),
                "one blue pixel",
            ))
            .build_one("footer")
    }

    #[test]
    fn every_renderer_carries_the_picture_its_own_way() {
        let r = with_picture(Lang::En);
        let d = serde_json::to_value(super::discord::message(&r)).unwrap();
        assert_eq!(
            d["data"]["embeds"][0]["image"]["url"],
            "attachment://pactbot-test.png"
        );
        assert_eq!(
            d["data"]["attachments"],
            serde_json::json!([{"id": 0, "filename": "pactbot-test.png", "description": "one blue pixel"}])
        );
        let j = super::json::render(&r);
        assert_eq!(j["image"]["bytes"], TINY_PNG.len());
        assert_eq!(j["image"]["file_name"], "pactbot-test.png");
        assert_eq!(j["chart"]["kind"], "timeline");
        let t = super::text::render(&r);
        assert!(t.contains("pactbot-test.png, 1 × 1 px, 1 KiB"), "{t}");
        assert!(t.contains("--out"), "{t}");
        let t = super::text::render(&with_picture(Lang::Uk));
        assert!(t.contains("Зображення: pactbot-test.png"), "{t}");
    }

    #[test]
    fn a_reply_without_a_picture_has_no_trace_of_one() {
        let r = ReplyBuilder::new("timeline", Status::Ok, "Signings")
            .data(serde_json::json!({}))
            .build_one("footer");
        let d = serde_json::to_value(super::discord::message(&r)).unwrap();
        assert!(d["data"].get("attachments").is_none());
        assert!(d["data"]["embeds"][0].get("image").is_none());
        assert!(super::json::render(&r).get("image").is_none());
    }
}
