//! Flag emoji: a pair of regional indicator symbols is the ISO code it
//! spells, and names that country wherever a name is accepted, exactly or
//! not at all.

use super::*;
use crate::dataset::Dataset;
use crate::lang::Lang;

/// The flag emoji of a two-letter code ("DE" → "🇩🇪").
fn flag(code: &str) -> String {
    code.chars()
        .map(|c| char::from_u32(0x1F1E6 + u32::from(c.to_ascii_uppercase()) - u32::from('A')).unwrap_or('?'))
        .collect()
}

#[test]
fn flags_resolve_complete_and_scan_exactly() {
    let ix = index();
    assert_eq!(ix.resolve("🇩🇪", Scope::Places), Resolution::Exact(DE));
    assert_eq!(ix.resolve(" 🇬🇧 ", Scope::Any), Resolution::Exact(GB));
    assert_eq!(ix.resolve("🇪🇺", Scope::Places), Resolution::Exact(EU));
    assert_eq!(ix.resolve("🇸🇰", Scope::Places), Resolution::Exact(SK));
    // "un" starts "United Kingdom" and "United States", but a flag is a
    // code, not the start of a name: no guess, no suggestions.
    assert_eq!(no_match(&ix, "🇺🇳", Scope::Places), vec![]);
    assert_eq!(ambiguous(&ix, "un", Scope::Places), vec![US, GB]);
    no_match(&ix, "🇩🇪", Scope::Aid);
    assert_eq!(ix.complete("🇩🇪", Scope::Places, 25), vec![DE]);
    assert!(ix.complete("🇺🇳", Scope::Places, 25).is_empty());
    assert!(ix.complete("🇩🇪", Scope::Places, 0).is_empty());
    // In free text a flag counts even where the same two letters would
    // not ("it", "no" are English words).
    assert_eq!(ix.scan("what did 🇮🇹 and 🇳🇴 pledge?", Scope::Any), vec![IT, P(7)]);
    assert_eq!(ix.scan("🇩🇪🇫🇷 drones", Scope::Any), vec![DE, FR, DRONES]);
    assert_eq!(ix.scan("Poland🇵🇱 vs Japan🇯🇵", Scope::Places), vec![PL, JP]);
    assert!(ix.scan("🇺🇦🇺🇦🇺🇦 glory", Scope::Any).is_empty());
    assert_eq!(ix.scan("🇮🇹", Scope::Any), vec![IT]);
}

#[test]
fn symbols_and_stray_indicators_never_panic() {
    let ix = index();
    for q in [
        "\u{1F1E9}",
        "\u{1F1E9}\u{1F1EA}\u{1F1EB}",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "👨‍👩‍👧‍👦",
        "🇩\u{200D}🇪",
        "🇩\u{FE0F}🇪",
        "\u{FE0F}\u{20E3}",
        "1\u{FE0F}\u{20E3}",
        "☢️☣️⚠️",
        "𝔾𝕖𝕣𝕞𝕒𝕟𝕪",
        "\u{10FFFF}\u{E000}",
    ] {
        for scope in [Scope::Places, Scope::Aid, Scope::Any] {
            let r = ix.resolve(q, scope);
            assert!(!matches!(r, Resolution::Fuzzy { .. }), "{q}: {r:?}");
            let _ = ix.complete(q, scope, 25);
            let _ = ix.scan(q, scope);
            let text = format!("what did {q} Germany pledge {q}");
            assert!(ix.scan(&text, scope).iter().all(|&t| scope.admits(t)));
        }
    }
    // Mathematical letters are letters: NFKD makes them plain.
    assert_eq!(ix.resolve("𝔾𝕖𝕣𝕞𝕒𝕟𝕪", Scope::Places), Resolution::Exact(DE));
}

/// Every partner and every country without an agreement in the shipped
/// data, by its flag, in every entry point.
#[test]
fn every_real_flag_names_its_country() {
    let ds = Dataset::embedded().expect("the embedded dataset loads");
    let ix = &ds.index;
    let places = (0..ds.partners.len())
        .map(|i| Target::Partner(u16::try_from(i).unwrap_or(u16::MAX)))
        .chain((0..ds.countries.len()).map(|i| Target::Country(u16::try_from(i).unwrap_or(u16::MAX))));
    let mut partners = 0;
    for t in places {
        let id = ds.target_id(t);
        assert_eq!(id.len(), 2, "{id} is not a two-letter code");
        let f = flag(id);
        assert_eq!(ix.resolve(&f, Scope::Places), Resolution::Exact(t), "{id} {f}");
        assert_eq!(ix.resolve(&f, Scope::Any), Resolution::Exact(t), "{id} {f}");
        assert_eq!(ix.complete(&f, Scope::Places, 25), vec![t], "{id} {f}");
        assert_eq!(
            ix.scan(&format!("what did {f} sign?"), Scope::Places),
            vec![t],
            "{id} {f}"
        );
        partners += usize::from(matches!(t, Target::Partner(_)));
    }
    assert_eq!(partners, ds.partners.len());
    // Ukraine is not in the data, and "ua" starts "UAE".
    assert_eq!(no_match(ix, "🇺🇦", Scope::Places), vec![]);
    assert!(matches!(
        ix.resolve("ua", Scope::Places),
        Resolution::Fuzzy { .. }
    ));
}

/// The commands that take a name accept a flag as they accept the code.
#[test]
fn commands_take_flags_as_names() {
    let ds = Dataset::embedded().expect("the embedded dataset loads");
    for (with_flag, with_code) in [
        ("/agreement 🇩🇪", "/agreement DE"),
        ("/agreement country: 🇬🇧 ", "/agreement country:GB"),
        ("/compare 🇵🇱 vs 🇫🇷", "/compare PL vs FR"),
        ("/search query:🇯🇵 demining", "/search query:Japan demining"),
    ] {
        for lang in [Lang::En, Lang::Uk] {
            let (a, b) = (
                crate::answer(&ds, with_flag, lang),
                crate::answer(&ds, with_code, lang),
            );
            assert_eq!((&a.status, &a.title), (&b.status, &b.title), "{with_flag}");
            assert_eq!(a.description, b.description, "{with_flag}");
        }
    }
}
