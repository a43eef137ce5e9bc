use super::*;
use crate::dataset::Dataset;

fn ds() -> Dataset {
    Dataset::embedded().expect("the shipped dataset loads")
}

#[test]
fn callback_data_round_trips_and_refuses_foreign_data() {
    let c = Callback {
        lang: Lang::Uk,
        part: 3,
        line: "/agreement country:GB page:2".into(),
    };
    assert_eq!(c.encode(), "u3:/agreement country:GB page:2");
    assert_eq!(Callback::decode(&c.encode()), Some(c));
    for bad in ["", "x0:/help", "e:/help", "e0/help", "e100:/help", "e0:help"] {
        assert_eq!(Callback::decode(bad), None, "{bad}");
    }
    let long = Callback {
        lang: Lang::En,
        part: 0,
        line: format!("/search query:{}", "a".repeat(60)),
    };
    assert_eq!(long.data(), None);
}

#[test]
fn a_paged_answer_walks_its_parts_then_its_pages() {
    let ds = ds();
    let r = crate::answer(&ds, "/agreement GB", Lang::En);
    let t = render(&r);
    assert!(t.page.is_some(), "the UK agreement has pages");
    let (k, text, buttons) = t.part(0);
    assert_eq!(k, 0);
    assert!(text.starts_with("<b>"), "{text}");
    let next = buttons.last().expect("a next button");
    let cb = Callback::decode(&next.data).expect("our own data");
    let target = (cb.part, crate::parse_line(&cb.line).unwrap().page());
    if t.parts.len() > 1 {
        assert_eq!(target, (1, 1));
    } else {
        assert_eq!(target, (0, 2));
    }
    // The first part of the first page has no way back.
    assert_eq!(buttons.len(), 1);
}

#[test]
fn every_part_is_valid_html_within_the_limit() {
    let ds = ds();
    for line in [
        "/help",
        "/about",
        "/stats",
        "/agreement GB",
        "who pledged air defence?",
        "/nonsense <b>",
    ] {
        for lang in Lang::ALL {
            let t = render(&crate::answer(&ds, line, lang));
            assert!(!t.parts.is_empty(), "{line}");
            for p in &t.parts {
                assert_eq!(check_html(p), Ok(()), "{line}: {p}");
                assert!(p.encode_utf16().count() <= MESSAGE_LIMIT, "{line}");
            }
        }
    }
}

#[test]
fn over_long_lines_are_cut_to_fit() {
    let line = format!("**{}**", "ä&".repeat(5000));
    let parts = pack(vec!["<b>T</b>".into(), to_html(&line)]);
    for p in &parts {
        assert_eq!(check_html(p), Ok(()));
        assert!(units(p) <= MESSAGE_LIMIT);
    }
}

#[test]
fn the_cache_form_round_trips() {
    let ds = ds();
    let t = render(&crate::answer(&ds, "/agreement France", Lang::Uk));
    assert_eq!(Rendered::from_json(&t.to_json()), Some(t));
}

#[test]
fn a_picture_takes_the_first_lines_as_its_caption_and_the_rest_follows() {
    use crate::reply::{Image, ReplyBuilder, Status, TINY_PNG};
    let picture = || Image::new("pactbot-test.png", TINY_PNG.to_vec(), (1, 1), "alt");
    // Short: all of it is the caption, no message follows.
    let short = ReplyBuilder::new("chart", Status::Ok, "Signings <over> time")
        .description("What it shows.")
        .image(picture())
        .build_one("footer");
    let r = render(&short);
    let caption = r.caption.clone().expect("a caption");
    assert!(
        caption.starts_with("<b>Signings &lt;over&gt; time</b>"),
        "{caption}"
    );
    assert!(caption.ends_with("<i>footer</i>"), "{caption}");
    check_html(&caption).unwrap();
    assert!(r.parts.is_empty() && r.messages().is_empty());
    // Long: the caption stops at a line within 1,024 units; every line is
    // in the caption or in the messages after it, once, in order.
    let lines: Vec<String> = (0..40).map(|i| format!("line {i} {}", "ж".repeat(40))).collect();
    let long = ReplyBuilder::new("chart", Status::Ok, "Title")
        .lines("Section", lines.clone())
        .image(picture())
        .build_one("footer");
    let r = render(&long);
    let caption = r.caption.clone().unwrap();
    assert!(caption.encode_utf16().count() <= CAPTION_LIMIT);
    check_html(&caption).unwrap();
    assert!(!r.parts.is_empty());
    let all = format!("{caption}\n{}", r.parts.join("\n"));
    let mut at = 0;
    for l in &lines {
        let found = all[at..]
            .find(l.as_str())
            .unwrap_or_else(|| panic!("{l} missing or out of order"));
        at += found + l.len();
    }
    // Without a picture nothing changes.
    let plain = ReplyBuilder::new("timeline", Status::Ok, "Title")
        .description("Text.")
        .build_one("footer");
    assert_eq!(render(&plain).caption, None);
}
