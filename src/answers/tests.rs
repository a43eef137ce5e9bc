use std::sync::Arc;

use super::*;
use crate::lang::Lang;

fn embedded() -> Dataset {
    Dataset::embedded().expect("the built-in dataset loads")
}

/// Every command over every aid type and partner, their later pages, typos,
/// non-partners, junk and autocomplete prefixes.
fn asks(ds: &Dataset) -> Vec<Ask> {
    let mut lines = Vec::new();
    for a in &ds.aid_types {
        for page in 1..=2 {
            lines.push(format!("/pledged aid:{} page:{page}", a.id.0));
        }
    }
    for p in &ds.partners {
        lines.push(format!("/agreement country:{}", p.id.0));
        lines.push(format!("/agreement country:{} page:2", p.id.0));
        lines.push(format!("/search query:{} drones", p.id.0));
    }
    for p in ds.partners.windows(2) {
        lines.push(format!("/compare first:{} second:{}", p[0].id.0, p[1].id.0));
    }
    lines.extend(
        [
            "/agreement country:Frnace",
            "/agreement country:Russia",
            "/agreement country:pizza delivery",
            "/pledged aid:air defense",
            "/pledged aid:F-16",
            "/search query:what did Japan pledge on demining",
            "/timeline",
            "/timeline page:2",
            "/stats",
            "/about",
            "/help",
            "/help page:2",
            "/plegded aid:drones",
            "/agreement",
            "/timeline page:0",
            "hello?",
            "",
        ]
        .map(String::from),
    );
    let mut asks: Vec<Ask> = lines.iter().map(|l| Ask::line(l)).collect();
    for (command, option, partial) in [
        ("agreement", "country", "ger"),
        ("agreement", "country", ""),
        ("pledged", "aid", "air"),
        ("compare", "second", "fra"),
        ("nonsense", "x", "y"),
    ] {
        asks.push(Ask::Complete {
            command: command.into(),
            option: option.into(),
            partial: partial.into(),
        });
    }
    asks
}

const FORMATS: [Format; 4] = [
    Format::Text,
    Format::Json,
    Format::DiscordMessage,
    Format::DiscordButton,
];

#[test]
fn cached_answers_equal_fresh_ones_for_every_command() {
    let snap = Snapshot::new(embedded());
    // Small, so the rotation below also evicts and recomputes.
    let answers = Answers::new(Limits::entries(64));
    let asks = asks(&snap);
    assert!(asks.len() > 150, "{} asks", asks.len());
    let mut hits = 0;
    for round in 0..2 {
        for ask in &asks {
            for format in FORMATS {
                let fresh = compute(&snap, ask, format, Lang::En);
                let (got, lookup) = answers.answer(&snap, ask.clone(), format, Lang::En);
                assert_eq!(got, fresh, "round {round}: {ask:?} as {format:?}");
                // Asked again at once: from memory, the same bytes.
                let (again, lookup2) = answers.answer(&snap, ask.clone(), format, Lang::En);
                assert_eq!(again, fresh, "repeated: {ask:?} as {format:?}");
                assert_eq!(lookup, if round == 0 { Lookup::Miss } else { lookup });
                assert_eq!(lookup2, Lookup::Hit, "{ask:?} as {format:?}");
                hits += usize::from(lookup == Lookup::Hit);
            }
        }
    }
    // The second round ran through far more answers than fit: most of them
    // had been evicted and were computed again.
    assert!(hits < asks.len() * FORMATS.len(), "{hits} hits");
}

#[test]
fn a_command_typed_differently_is_one_answer() {
    let snap = Snapshot::new(embedded());
    let answers = Answers::default();
    let (a, first) = answers.answer(
        &snap,
        Ask::line("/pledged aid:drones page:2"),
        Format::Json,
        Lang::En,
    );
    let (b, second) = answers.answer(
        &snap,
        Ask::line("/pledged  page:2   aid: drones "),
        Format::Json,
        Lang::En,
    );
    assert_eq!((first, second), (Lookup::Miss, Lookup::Hit));
    assert_eq!(a, b);
    // Another format of the same command is another answer.
    let (text, third) = answers.answer(
        &snap,
        Ask::line("/pledged aid:drones page:2"),
        Format::Text,
        Lang::En,
    );
    assert_eq!(third, Lookup::Miss);
    assert_ne!(text.body, a.body);
}

#[test]
fn an_older_version_is_never_served_after_a_reload() {
    let old = Snapshot::new(embedded());
    let mut changed = embedded();
    changed.meta.version = "answers-test-2".into();
    let new = Snapshot::new(changed);
    assert_ne!(old.generation, new.generation);

    let answers = Answers::default();
    let about = || Ask::line("/about");
    let (before, _) = answers.answer(&old, about(), Format::Json, Lang::En);
    assert!(!before.body.as_str().contains("answers-test-2"));
    assert_eq!(
        answers.answer(&old, about(), Format::Json, Lang::En).1,
        Lookup::Hit
    );

    // The reload: the same question now gets the new version's answer, and
    // keeps getting it from memory.
    for expected in [Lookup::Miss, Lookup::Hit] {
        let (after, lookup) = answers.answer(&new, about(), Format::Json, Lang::En);
        assert_eq!(lookup, expected);
        assert_eq!(after, compute(&new, &about(), Format::Json, Lang::En));
        assert!(after.body.as_str().contains("answers-test-2"), "{}", after.body);
    }
    // A request that still holds the old version is answered from it.
    assert_eq!(answers.answer(&old, about(), Format::Json, Lang::En).0, before);
}

#[test]
fn the_cache_is_bounded_in_entries_and_bytes_and_keeps_what_is_popular() {
    let snap = Snapshot::new(embedded());
    let limits = Limits {
        entries: 32,
        bytes: 48 * 1024,
        pictures: 0,
    };
    let answers = Answers::new(limits);
    let hot = || Ask::line("/pledged aid:air-defence");
    answers.answer(&snap, hot(), Format::Json, Lang::En);
    let mut hot_hits = 0;
    for i in 0..2000 {
        // One-off autocomplete prefixes, as people type them.
        answers.answer(
            &snap,
            Ask::Complete {
                command: "agreement".into(),
                option: "country".into(),
                partial: format!("x{i}").into(),
            },
            Format::DiscordMessage,
            Lang::En,
        );
        // Big one-off answers too, so the byte bound is what binds.
        if i % 7 == 0 {
            answers.answer(
                &snap,
                Ask::line(&format!("/agreement country:{i}")),
                Format::Text,
                Lang::En,
            );
        }
        hot_hits += usize::from(answers.answer(&snap, hot(), Format::Json, Lang::En).1 == Lookup::Hit);
        assert!(answers.len() <= limits.entries, "{} entries", answers.len());
        assert!(
            answers.weight() <= limits.bytes as u64,
            "{} bytes",
            answers.weight()
        );
    }
    // No clear-all cliff: the answer asked all the time stayed.
    assert!(
        hot_hits >= 1990,
        "the popular answer was a hit only {hot_hits} times of 2000"
    );
}

#[test]
fn an_answer_larger_than_the_cache_is_served_not_kept() {
    let snap = Snapshot::new(embedded());
    let answers = Answers::new(Limits {
        entries: 4,
        bytes: 256,
        pictures: 0,
    });
    let (a, _) = answers.answer(&snap, Ask::line("/about"), Format::Json, Lang::En);
    assert_eq!(a, compute(&snap, &Ask::line("/about"), Format::Json, Lang::En));
    assert_eq!(answers.len(), 0);
}

#[test]
fn off_computes_every_time() {
    let snap = Snapshot::new(embedded());
    let answers = Answers::off();
    assert!(!answers.enabled());
    for _ in 0..2 {
        let (a, lookup) = answers.answer(&snap, Ask::line("/stats"), Format::Text, Lang::En);
        assert_eq!(lookup, Lookup::Off);
        assert_eq!(a, compute(&snap, &Ask::line("/stats"), Format::Text, Lang::En));
    }
    assert_eq!(answers.len(), 0);
}

#[test]
fn the_language_is_part_of_the_key() {
    let snap = Snapshot::new(embedded());
    let answers = Answers::default();
    let ask = || Ask::line("/pledged aid:drones");
    let (en, _) = answers.answer(&snap, ask(), Format::Json, Lang::En);
    let (uk, lookup) = answers.answer(&snap, ask(), Format::Json, Lang::Uk);
    assert_eq!(
        lookup,
        Lookup::Miss,
        "a Ukrainian reader is not served the English answer"
    );
    assert!(en.body.as_str().contains(r#""lang":"en""#), "{}", en.body);
    assert!(uk.body.as_str().contains(r#""lang":"uk""#), "{}", uk.body);
    assert_eq!(uk, compute(&snap, &ask(), Format::Json, Lang::Uk));
    assert_eq!(
        answers.answer(&snap, ask(), Format::Json, Lang::Uk).1,
        Lookup::Hit
    );
}

const ALL_FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::DiscordMessage,
    Format::DiscordButton,
    Format::Telegram,
];

#[test]
fn every_format_of_a_chart_shares_one_picture_drawn_once() {
    let snap = Snapshot::new(embedded());
    let answers = Answers::default();
    for (line, lang) in [
        ("/chart kind:timeline", Lang::Uk),
        ("/chart kind:aid aid:drones", Lang::En),
    ] {
        let ask = || Ask::line(line);
        let (pictures, picture_weight) = (answers.pictures_len(), answers.picture_weight());
        let mut seen: Option<Image> = None;
        for format in ALL_FORMATS {
            let fresh = compute(&snap, &ask(), format, lang);
            let before = answers.weight();
            let (got, lookup) = answers.answer(&snap, ask(), format, lang);
            // Cached == fresh: the memo's picture has the very bytes a fresh drawing has.
            assert_eq!((&got, lookup), (&fresh, Lookup::Miss), "{line} as {format:?}");
            let image = got.image.clone().expect("a chart's answer has its picture");
            // The answer cache weighs the text, not the picture again.
            assert!(
                answers.weight() - before < image.byte_len() as u64,
                "{line} as {format:?}: the picture is weighed once, by the memo"
            );
            if let Some(first) = &seen {
                assert!(
                    Arc::ptr_eq(&first.png, &image.png),
                    "{line} as {format:?}: one buffer"
                );
            }
            seen = Some(image);
            let (again, lookup) = answers.answer(&snap, ask(), format, lang);
            assert_eq!((&again, lookup), (&fresh, Lookup::Hit), "{line} as {format:?}");
        }
        let image = seen.expect("five formats");
        // Drawn once: one picture more in the memo, weighed by its bytes.
        assert_eq!(answers.pictures_len(), pictures + 1, "{line}");
        assert!(answers.picture_weight() - picture_weight >= image.byte_len() as u64);
    }
}

#[test]
fn a_reload_draws_a_new_picture() {
    let old = Snapshot::new(embedded());
    let mut changed = embedded();
    changed.meta.version = "answers-test-4".into();
    let new = Snapshot::new(changed);
    let answers = Answers::default();
    let ask = || Ask::line("/chart kind:money");
    let (before, _) = answers.answer(&old, ask(), Format::Json, Lang::En);
    let (after, _) = answers.answer(&new, ask(), Format::Text, Lang::En);
    let (before, after) = (before.image.unwrap(), after.image.unwrap());
    assert!(!Arc::ptr_eq(&before.png, &after.png), "a new version draws anew");
    // The footer names the data version: the new picture shows the new one.
    assert_ne!(before.png, after.png);
    assert_eq!(answers.pictures_len(), 2);
    assert_eq!(
        Some(after),
        compute(&new, &ask(), Format::Text, Lang::En).image,
        "cached == fresh after the reload"
    );
}

#[test]
fn the_picture_memo_is_bounded_by_its_bytes() {
    let snap = Snapshot::new(embedded());
    let fresh = |line: &str| compute(&snap, &Ask::line(line), Format::Json, Lang::En);
    let lines = ["/chart kind:timeline", "/chart kind:money", "/chart kind:matrix"];
    let images: Vec<Image> = lines.iter().map(|l| fresh(l).image.unwrap()).collect();
    // Room for the largest picture, not for all three.
    let largest = images.iter().map(Image::byte_len).max().unwrap();
    let limits = Limits {
        pictures: largest + 1024,
        ..Limits::default()
    };
    let answers = Answers::new(limits);
    for line in lines {
        let (a, _) = answers.answer(&snap, Ask::line(line), Format::Text, Lang::En);
        assert!(a.image.is_some(), "{line}: served with its picture");
        assert!(answers.picture_weight() <= limits.pictures as u64, "after {line}");
    }
    assert!(answers.pictures_len() < lines.len());
    // The answers still hold their pictures, equal to fresh ones.
    for (line, image) in lines.iter().zip(images) {
        let (a, lookup) = answers.answer(&snap, Ask::line(line), Format::Text, Lang::En);
        assert_eq!((lookup, a.image), (Lookup::Hit, Some(image)), "{line}");
    }
}

#[test]
fn a_chart_of_an_older_version_is_never_served_after_a_reload() {
    let old = Snapshot::new(embedded());
    let mut changed = embedded();
    changed.meta.version = "answers-test-3".into();
    let new = Snapshot::new(changed);
    let answers = Answers::default();
    let ask = || Ask::line("/chart kind:timeline");
    let (before, _) = answers.answer(&old, ask(), Format::Text, Lang::En);
    for expected in [Lookup::Miss, Lookup::Hit] {
        let (after, lookup) = answers.answer(&new, ask(), Format::Text, Lang::En);
        assert_eq!(lookup, expected);
        assert_eq!(after, compute(&new, &ask(), Format::Text, Lang::En));
        assert!(after.body.as_str().contains("answers-test-3"), "{}", after.body);
        assert_ne!(after, before);
    }
}
