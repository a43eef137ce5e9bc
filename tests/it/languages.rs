//! A Ukrainian reader gets Ukrainian throughout: no fixed English string of
//! the replies appears in any Ukrainian answer, on every command of the
//! shipped data.

use pactbot::dataset::Dataset;
use pactbot::lang::{Lang, EN, UK};
use pactbot::question::RecognisedKind;
use pactbot::render;

/// Every fixed English label that a Ukrainian reply could leak.
fn english_labels() -> Vec<String> {
    let s = &EN;
    let mut v: Vec<String> = [
        s.sources,
        s.partners,
        s.term,
        s.status,
        s.notable,
        s.open_questions,
        s.previous_button,
        s.next_button,
        s.what_is_known,
        s.see_also,
        s.suggestions,
        s.timeline_title,
        s.stats_title,
        s.about_title,
        s.help_title,
        s.no_match_title,
        s.ambiguous_title,
        s.error_title,
        s.alongside_mark,
        s.alongside_section,
        s.nobody_pledged,
        s.signed_per_year,
        s.money_by_currency,
        s.most_pledged,
        s.least_pledged,
        s.no_amount,
        s.coverage_label,
        s.help_intro,
        s.about_intro,
        s.not_understood_title,
        s.choices,
        s.what_pactbot_answers,
        s.pledges_not_deliveries,
        s.question_examples[0],
    ]
    .iter()
    // A heading or label stands bold; a sentence stands as it is.
    .map(|x| {
        if x.contains(' ') && x.len() > 30 {
            x.to_string()
        } else {
            format!("**{x}")
        }
    })
    .collect();
    for e in [
        pactbot::dataset::Evidence::AgreementText,
        pactbot::dataset::Evidence::OfficialSummary,
        pactbot::dataset::Evidence::Press,
    ] {
        v.push(format!("_({}", (s.evidence)(e)));
    }
    v.push((s.footer)("", "").trim_end_matches(" · v").to_string());
    for k in [
        RecognisedKind::Partner,
        RecognisedKind::Country,
        RecognisedKind::Aid,
        RecognisedKind::Group,
        RecognisedKind::System,
        RecognisedKind::Year,
    ] {
        v.push(format!("({})", (s.recognised_kind)(k)));
    }
    v.push(format!("**{}", (s.naming_system)("")));
    v.push((s.other_pledges)("").trim().to_string());
    v.push((s.understood_as)(""));
    v.push((s.no_such_group)(""));
    v.push((s.system_named)("", &[], "", 0, 0)[..20].to_string());
    v.push((s.system_named)("", &[], "", 2, 0)[..14].to_string());
    v.push((s.page_of)(1, 2));
    v
}

fn lines(ds: &Dataset) -> Vec<String> {
    let mut l: Vec<String> = [
        "/help",
        "/about",
        "/stats",
        "/timeline",
        "/timeline page:2",
        "/compare first:GB second:US",
        "/compare first:DE second:DE",
        "/search query:Germany drones",
        "/agreement country:Brazil",
        "/agreement country:xyzzy",
        "/pledged aid:xyzzy",
        "/nope",
        // Questions, understood, not understood and with choices.
        "/ask question:що Японія думає про погоду",
        "/ask question:скандинавські країни та погода",
        "/ask question:ППО і танки",
        "/ask question:хто поставив ППО",
        "/ask question:Japan and the weather",
        "/ask question:Brazil and the weather in 2025",
        "/ask question:ATACMS and the weather",
        // Named systems and groups.
        "/pledged aid:F-16 group:nordic",
        "/pledged aid:ATACMS",
        "/pledged aid:Storm Shadow",
        "/pledged aid:drones group:xyzzy",
        "/search query:Norway F-16",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in &ds.partners {
        for page in 1..=5 {
            l.push(format!("/agreement country:{} page:{page}", p.id));
        }
    }
    for a in &ds.aid_types {
        for page in 1..=2 {
            l.push(format!("/pledged aid:{} page:{page}", a.id));
        }
    }
    l
}

#[test]
fn no_english_fixed_string_in_a_ukrainian_reply() {
    let ds = Dataset::embedded().unwrap();
    let labels = english_labels();
    let mut leaks = Vec::new();
    for line in lines(&ds) {
        let text = render::text::render(&pactbot::answer(&ds, &line, Lang::Uk));
        for label in &labels {
            if !label.is_empty() && text.contains(label.as_str()) {
                leaks.push(format!("{line}: {label:?}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English in Ukrainian replies:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_ukrainian_strings_are_ukrainian() {
    // Every label above has a Ukrainian counterpart with Cyrillic in it (or
    // is language-neutral), so the check above cannot pass vacuously.
    for (en, uk) in [
        (EN.sources, UK.sources),
        (EN.partners, UK.partners),
        (EN.help_title, UK.help_title),
    ] {
        assert_ne!(en, uk);
        assert!(uk.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "{uk}");
    }
    let text = render::text::render(&pactbot::answer(
        &Dataset::embedded().unwrap(),
        "/pledged aid:drones",
        Lang::Uk,
    ));
    assert!(text.contains(UK.partners), "{text}");
    assert!(
        text.contains("лютого") || text.contains("січня") || text.contains("р."),
        "{text}"
    );
}

/// A question pactbot reads only in part names what it recognised in the
/// reader's language: the Ukrainian name and kind, never the English.
#[test]
fn what_was_recognised_is_named_in_ukrainian() {
    let ds = Dataset::embedded().unwrap();
    for (q, want) in [
        ("що Японія думає про погоду", "Розпізнано: Японія (партнер)."),
        (
            "скандинавські країни та погода",
            "Розпізнано: країни Північної Європи (група).",
        ),
        (
            "ППО і танки",
            "Розпізнано: Протиповітряна оборона (вид допомоги), Бронетехніка (вид допомоги).",
        ),
    ] {
        let text = render::text::render(&pactbot::answer(&ds, &format!("/ask question:{q}"), Lang::En));
        assert!(text.contains(want), "{q}: {text}");
        assert!(
            text.contains("30 листопада 2025 р."),
            "the footer's date in Ukrainian: {text}"
        );
    }
    let text = render::text::render(&pactbot::answer(
        &ds,
        "/ask question:Japan and the weather",
        Lang::En,
    ));
    assert!(text.contains("Recognised: Japan (partner)."), "{text}");
}

/// Free text in `/search` written in Ukrainian is answered in Ukrainian
/// whatever the reader's locale, as `/ask` is; English stays English.
#[test]
fn a_ukrainian_search_is_answered_in_ukrainian() {
    let ds = Dataset::embedded().unwrap();
    let text = |line: &str| render::text::render(&pactbot::answer(&ds, line, Lang::En));
    let t = text("/search query:хто дасть Taurus");
    assert!(t.contains("Зрозуміло як `/pledged aid:Taurus`"), "{t}");
    assert!(t.contains("Жодна угода в даних не згадує **Taurus**"), "{t}");
    let t = text("/search query:Японія ППО");
    assert!(t.contains("🇯🇵 Японія — Протиповітряна оборона"), "{t}");
    let t = text("/search query:що таке безпекова угода");
    assert!(
        t.contains("pactbot не зрозумів запит «що таке безпекова угода»"),
        "{t}"
    );
    let t = text("/search query:чи обіцяла Норвегія F-16");
    assert!(t.contains("Норвегія: пункти угоди, що згадують **F-16**"), "{t}");
    // The `/pledged` hint names the system again rather than a pronoun whose
    // gender would disagree with the one used for the system above.
    let hint = "усі партнери, чиї зобов’язання згадують цю систему.";
    assert!(t.contains(&format!("`/pledged aid:F-16` — {hint}")), "{t}");
    let t = text("/search query:чи обіцяла Франція Міраж");
    assert!(t.contains("пообіцяно **Mirage**, — його не згадує"), "{t}");
    assert!(t.contains(&format!("`/pledged aid:Mirage` — {hint}")), "{t}");
    assert!(!t.contains("її згадують"), "{t}");
    let t = text("/search query:Japan drones");
    assert!(t.contains("🇯🇵 Japan — Drones"), "{t}");
}

/// The card that `/agreement` opens with stays short in both languages, for
/// every partner: its details are on the pages after it.
#[test]
fn every_agreement_card_is_short_in_both_languages() {
    let ds = Dataset::embedded().unwrap();
    let mut longest = (0, String::new());
    for lang in Lang::ALL {
        for p in &ds.partners {
            let line = format!("/agreement country:{}", p.id);
            let r = pactbot::answer(&ds, &line, lang);
            let page = r.page.as_ref().expect("the details follow on more pages");
            assert_eq!(page.number, 1, "{line}");
            assert!(page.count >= 3, "{line}: {} pages", page.count);
            assert!(
                r.fields.is_empty(),
                "{line} ({lang:?}): the card has no detail fields"
            );
            let n = r.embed_chars();
            assert!(n <= 1500, "{line} ({lang:?}): card of {n} characters");
            if n > longest.0 {
                longest = (n, format!("{line} ({lang:?})"));
            }
            // The detail pages say what they hold.
            let s = lang.strings();
            let titles: Vec<String> = (2..=page.count)
                .map(|k| pactbot::answer(&ds, &format!("{line} page:{k}"), lang).title)
                .collect();
            for part in [s.part_aid, s.part_sources] {
                assert!(
                    titles.iter().any(|t| t.contains(part)),
                    "{line} ({lang:?}): no page titled {part:?} in {titles:?}"
                );
            }
        }
    }
    assert!(longest.0 > 300, "cards measured: {longest:?}");
    eprintln!("longest card: {} characters, {}", longest.0, longest.1);
}

/// ASCII words of four letters or more outside code spans: an English
/// sentence in a Ukrainian line (names typed in code spans are allowed).
fn english_words(text: &str) -> Vec<&str> {
    text.split('`')
        .step_by(2)
        .flat_map(|prose| prose.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 4)
        .collect()
}

/// A command that cannot be understood is explained in Ukrainian: every
/// kind of error, through the same path a chat message takes.
#[test]
fn command_errors_are_ukrainian() {
    let ds = Dataset::embedded().unwrap();
    let long = format!("/search query:{}", "дрони ".repeat(60));
    let lines = [
        "",
        "/plegded drones",
        "/weather",
        "/chart kind:money year:2024",
        "/compare Germany",
        "/timeline year:2024 year:2025",
        "/chart kind:timelin",
        "/chart kind:pie",
        "/stats page:0",
        "/timeline year:1990",
        "/stats everything",
        long.as_str(),
    ];
    for line in lines {
        let uk = pactbot::answer_json(&ds, line, Lang::Uk);
        let en = pactbot::answer_json(&ds, line, Lang::En);
        assert_eq!(
            uk.status,
            pactbot::reply::Status::Error,
            "{line:?} is not an error"
        );
        let (uk, en) = (render::json::render(&uk), render::json::render(&en));
        let (uk, en) = (uk["error"].as_str().unwrap(), en["error"].as_str().unwrap());
        assert!(
            english_words(uk).is_empty(),
            "{line:?}: {uk:?} has English {:?}",
            english_words(uk)
        );
        // The same check finds the English wording, so it can fail.
        assert!(!english_words(en).is_empty(), "{line:?}: {en:?}");
        // The usage in its code span is the command as typed; the "A vs B"
        // alternative is said in the reply's language, outside that span.
        assert!(!uk.contains("(or "), "{line:?}: {uk:?}");
        if line == "/compare Germany" {
            assert!(uk.ends_with("[page:<page>]` або `/compare A vs B`"), "{uk:?}");
            assert!(en.ends_with("[page:<page>]` or `/compare A vs B`"), "{en:?}");
        }
    }
}
