//! Unit tests of paging and clipping, apart so that reply.rs stays readable.

use super::*;

#[test]
fn status_names_are_the_json_ones() {
    for s in [Status::Ok, Status::NoMatch, Status::NotAPartner, Status::Error] {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
}

fn build(b: ReplyBuilder, page: usize) -> Reply {
    b.build("data as of 2025-11-30", page, |n| format!("/x page:{n}"))
}

#[test]
fn a_new_page_section_starts_its_own_titled_page() {
    let b = ReplyBuilder::new("/x", Status::Ok, "Card")
        .description("short card")
        .new_page("Details")
        .lines("A", ["a".to_string()])
        .lines("B", ["b".to_string()])
        .new_page("Sources")
        .lines("S", ["s".to_string()]);
    let pages: Vec<Reply> = (1..=3).map(|n| build(b.clone(), n)).collect();
    assert_eq!(pages[0].title, "Card (1/3)");
    assert!(pages[0].fields.is_empty());
    assert_eq!(pages[0].description, "short card");
    assert_eq!(pages[1].title, "Details (2/3)");
    assert_eq!(pages[1].fields.len(), 2);
    assert_eq!(pages[2].title, "Sources (3/3)");
    assert_eq!(pages[2].fields[0].name, "S");
    // Without a description, a section at the start titles page 1.
    let b = ReplyBuilder::new("/x", Status::Ok, "T")
        .new_page("First")
        .lines("A", ["a".to_string()])
        .new_page("Second")
        .lines("B", ["b".to_string()]);
    assert_eq!(build(b.clone(), 1).title, "First (1/2)");
    assert_eq!(build(b, 2).title, "Second (2/2)");
}

#[test]
fn clip_marks_the_cut_and_counts_characters_not_bytes() {
    assert_eq!(clip("Україна", 7), "Україна");
    assert_eq!(clip("Україна", 4), "Укр…");
    // Never more than `max` characters, the mark included.
    assert_eq!(clip("abc", 1), "…");
    assert_eq!(clip("abc", 0), "");
    assert_eq!(clip("", 0), "");
}

#[test]
fn long_sections_split_into_fields_and_pages_within_limits() {
    let lines: Vec<String> = (0..120)
        .map(|i| format!("line {i}: {}", "x".repeat(90)))
        .collect();
    let b = ReplyBuilder::new("t", Status::Ok, "Title")
        .description("d".repeat(5000))
        .lines("Items", lines);
    let first = build(b.clone(), 1);
    let count = first.page.as_ref().expect("paginated").count;
    assert!(count >= 2);
    let mut seen = 0;
    for n in 1..=count {
        let r = build(b.clone(), n);
        assert!(
            r.embed_chars() <= limits::EMBED_TOTAL,
            "page {n}: {}",
            r.embed_chars()
        );
        assert!(r.fields.len() <= limits::FIELDS);
        assert!(r.description.chars().count() <= limits::DESCRIPTION);
        for f in &r.fields {
            assert!(f.value.chars().count() <= limits::FIELD_VALUE);
            seen += f.value.lines().count();
        }
    }
    assert_eq!(seen, 120, "every line is on exactly one page");
    let last = build(b, count + 5);
    assert_eq!(last.page.as_ref().map(|p| p.number), Some(count), "clamped");
    assert!(
        last.description
            .starts_with(&format!("There is no page {}", count + 5)),
        "and says so: {}",
        last.description
    );
    assert!(last.embed_chars() <= limits::EMBED_TOTAL);
    assert_eq!(last.page.unwrap().next, None);
}

#[test]
fn short_reply_has_no_pager() {
    let r = build(ReplyBuilder::new("t", Status::Ok, "T").field("a", "b", true), 3);
    assert!(r.page.is_none());
    assert_eq!(r.fields.len(), 1);
    assert_eq!(r.description, "There is no page 3: this answer has 1 page.");
}
