//! The resolver cascade: exact, prefix, typo, abbreviation, no match.

use super::*;
use crate::search::index::skim::is_subsequence;
use crate::search::thresholds::{typo_budget, MAX_CANDIDATES, TYPO_MAX_EDITS, TYPO_MIN_JARO_WINKLER};
use crate::search::Collision;

#[test]
fn scope_admits() {
    assert!(Scope::Places.admits(DE) && Scope::Places.admits(SK) && !Scope::Places.admits(AIR));
    assert!(Scope::Aid.admits(AIR) && !Scope::Aid.admits(DE) && !Scope::Aid.admits(SK));
    assert!(Scope::Any.admits(DE) && Scope::Any.admits(SK) && Scope::Any.admits(AIR));
}

#[test]
fn exact_matches_every_form() {
    let ix = index();
    for (q, t) in [
        ("Germany", DE),
        ("  germany ", DE),
        ("DE", DE),
        ("de", DE),
        ("Німеччина", DE),
        ("Нимеччина", DE),
        ("The Netherlands", NL),
        ("netherlands", NL),
        ("U.K.", GB),
        ("uk", GB),
        ("ППО", AIR),
        ("ппо", AIR),
        ("air-defence", AIR),
        ("AIR_DEFENCE", AIR),
        ("Ирландія", IE),
        ("Eire", IE),
        ("osterreich", AT),
        ("єс", EU),
    ] {
        assert_eq!(ix.resolve(q, Scope::Any), Resolution::Exact(t), "{q}");
    }
}

#[test]
fn real_countries_are_never_their_neighbours() {
    let ix = index();
    assert_eq!(ix.resolve("Slovakia", Scope::Places), Resolution::Exact(SK));
    assert_eq!(ix.resolve("Austria", Scope::Places), Resolution::Exact(AT));
    assert_eq!(ix.resolve("Brazil", Scope::Places), Resolution::Exact(BR));
    assert_eq!(ix.resolve("Australia", Scope::Places), Resolution::Exact(AU));
    assert_eq!(ix.resolve("Slovenia", Scope::Places), Resolution::Exact(SI));
    // Typos of either neighbour go to the nearer one.
    assert_eq!(fuzzy(&ix, "Slovakai", Scope::Places), (SK, MatchStage::Typo));
    assert_eq!(fuzzy(&ix, "Slovnia", Scope::Places), (SI, MatchStage::Typo));
    assert_eq!(fuzzy(&ix, "Austira", Scope::Places), (AT, MatchStage::Typo));
    assert_eq!(fuzzy(&ix, "Austrailia", Scope::Places), (AU, MatchStage::Typo));
    // One edit from both: say so.
    let both = ambiguous(&ix, "Austrlia", Scope::Places);
    assert!(
        both.len() == 2 && both.contains(&AT) && both.contains(&AU),
        "{both:?}"
    );
}

#[test]
fn without_the_country_its_neighbour_is_not_claimed() {
    // Even if a country were missing from the data, a neighbour two
    // edits away is not a confident answer.
    let names: Vec<_> = names()
        .into_iter()
        .filter(|(t, _)| *t != SK && *t != BR)
        .collect();
    let (ix, _) = Index::build(names);
    assert!(!matches!(
        ix.resolve("Slovakia", Scope::Places),
        Resolution::Fuzzy { .. } | Resolution::Exact(_)
    ));
    assert!(!matches!(
        ix.resolve("Brazil", Scope::Places),
        Resolution::Fuzzy { .. } | Resolution::Exact(_)
    ));
}

#[test]
fn prefixes() {
    let ix = index();
    assert_eq!(fuzzy(&ix, "germ", Scope::Any), (DE, MatchStage::Prefix));
    assert_eq!(fuzzy(&ix, "artil", Scope::Any), (ART, MatchStage::Prefix));
    assert_eq!(fuzzy(&ix, "Brit", Scope::Places), (GB, MatchStage::Prefix));
    assert_eq!(fuzzy(&ix, "po", Scope::Places), (PL, MatchStage::Prefix));
    // Several targets: ambiguous, shortest alias first.
    assert_eq!(ambiguous(&ix, "Austr", Scope::Places), vec![AT, AU]);
    assert_eq!(ambiguous(&ix, "united", Scope::Places), vec![US, GB]);
    // The alias as written is reported.
    match ix.resolve("artil", Scope::Aid) {
        Resolution::Fuzzy { alias, .. } => assert_eq!(alias, "artillery"),
        other => panic!("{other:?}"),
    }
    // One character is not a prefix match.
    assert!(matches!(
        ix.resolve("g", Scope::Places),
        Resolution::NoMatch { .. }
    ));
}

#[test]
fn a_prefix_yields_to_a_typo_of_another_name() {
    let ix = index();
    // "boliva" starts "Bolivarian Republic of Venezuela" but is one edit
    // from Bolivia: ambiguous, nearest first.
    assert_eq!(ambiguous(&ix, "Boliva", Scope::Places), vec![C(14), C(15)]);
    assert_eq!(ambiguous(&ix, "Bolivar", Scope::Places), vec![C(14), C(15)]);
    assert_eq!(
        fuzzy(&ix, "Bolivarian", Scope::Places),
        (C(15), MatchStage::Prefix)
    );
    assert_eq!(ix.resolve("Bolivia", Scope::Places), Resolution::Exact(C(14)));
}

#[test]
fn word_prefixes_when_no_alias_starts_with_the_query() {
    let ix = index();
    assert_eq!(ambiguous(&ix, "korea", Scope::Places), vec![KP, KR]);
    assert_eq!(fuzzy(&ix, "kingdom", Scope::Places), (GB, MatchStage::Prefix));
    // Two letters are not enough inside an alias.
    assert!(matches!(
        ix.resolve("ki", Scope::Places),
        Resolution::NoMatch { .. }
    ));
    // Inside an alias only whole words are a confident answer; a part
    // of one is offered as a suggestion.
    assert_eq!(no_match(&ix, "kingd", Scope::Places), vec![GB]);
}

#[test]
fn typo_anchors_resolve() {
    let ix = index();
    for (q, scope, t) in [
        ("Untied Kingdom", Scope::Places, GB),
        ("Frnace", Scope::Places, FR),
        ("air defense", Scope::Aid, AIR),
        ("Germny", Scope::Places, DE),
        ("Polnad", Scope::Places, PL),
        ("artilery", Scope::Aid, ART),
        ("hellicopters", Scope::Aid, JETS),
        ("Untied Kingdom", Scope::Any, GB),
        ("Frnace", Scope::Any, FR),
        ("air defense", Scope::Any, AIR),
    ] {
        assert_eq!(fuzzy(&ix, q, scope), (t, MatchStage::Typo), "{q}");
    }
}

#[test]
fn typo_budget_by_length() {
    assert_eq!(typo_budget(1), 0);
    assert_eq!(typo_budget(3), 0);
    assert_eq!(typo_budget(4), 1);
    assert_eq!(typo_budget(5), 1);
    assert_eq!(typo_budget(6), 2);
    assert_eq!(typo_budget(10), 2);
    assert_eq!(typo_budget(11), 3);
    assert_eq!(typo_budget(200), TYPO_MAX_EDITS);

    let ix = index();
    // 4–5 characters: one edit, not two.
    assert_eq!(fuzzy(&ix, "Itlay", Scope::Places), (IT, MatchStage::Typo));
    assert_eq!(fuzzy(&ix, "Jaapn", Scope::Places), (JP, MatchStage::Typo));
    assert!(!matches!(
        ix.resolve("Itxxy", Scope::Places),
        Resolution::Fuzzy { .. }
    ));
    // 6–10 characters: two edits, not three.
    assert_eq!(fuzzy(&ix, "Germmanyy", Scope::Places), (DE, MatchStage::Typo));
    assert!(!matches!(
        ix.resolve("Gxrmmanyy", Scope::Places),
        Resolution::Fuzzy { .. }
    ));
    // Longer: three edits.
    assert_eq!(
        fuzzy(&ix, "Untied Kingdmo", Scope::Places),
        (GB, MatchStage::Typo)
    );
    assert_eq!(fuzzy(&ix, "Untied Kngdmo", Scope::Places), (GB, MatchStage::Typo));
}

#[test]
fn typo_ties_are_ambiguous() {
    let ix = index();
    let irak = ambiguous(&ix, "Irak", Scope::Places);
    assert_eq!(irak.len(), 2);
    assert!(irak.contains(&IR) && irak.contains(&IQ));
}

#[test]
fn jaro_winkler_vetoes_edit_distance_coincidences() {
    let ix = index();
    // Two substitutions from Canada and from Panama, but not alike.
    assert!(!matches!(
        ix.resolve("banana", Scope::Places),
        Resolution::Fuzzy { .. } | Resolution::Exact(_)
    ));
    assert!(TYPO_MIN_JARO_WINKLER > strsim::jaro_winkler("banana", "canada"));
    assert!(TYPO_MIN_JARO_WINKLER > strsim::jaro_winkler("slovakia", "slovenia"));
    assert!(TYPO_MIN_JARO_WINKLER < strsim::jaro_winkler("irak", "iran"));
}

#[test]
fn abbreviations_by_skim() {
    let ix = index();
    assert_eq!(
        fuzzy(&ix, "nthlnds", Scope::Places),
        (NL, MatchStage::Abbreviation)
    );
    assert_eq!(fuzzy(&ix, "grmny", Scope::Places), (DE, MatchStage::Abbreviation));
    assert_eq!(
        fuzzy(&ix, "hlcptrs", Scope::Aid),
        (JETS, MatchStage::Abbreviation)
    );
    // Letters of two names: ambiguous.
    let irn = ambiguous(&ix, "irn", Scope::Places);
    assert!(irn.contains(&IR) && irn.contains(&IE), "{irn:?}");
    // Too short for skim.
    assert!(matches!(
        ix.resolve("gy", Scope::Places),
        Resolution::NoMatch { .. }
    ));
    // Too little of the alias covered.
    assert!(matches!(
        ix.resolve("ads", Scope::Aid),
        Resolution::NoMatch { .. }
    ));
    // Abbreviations drop vowels: one per five characters at most.
    assert_eq!(
        fuzzy(&ix, "nethlnds", Scope::Places),
        (NL, MatchStage::Abbreviation)
    );
    assert!(is_subsequence("neteands", "netherlands"));
    no_match(&ix, "neteands", Scope::Places);
}

#[test]
fn junk_is_no_match() {
    let ix = index();
    for q in [
        "pizza delivery",
        "asdfgh",
        "xyz",
        "@everyone",
        "",
        "   ",
        "!!!",
        "🇺🇦🇺🇦",
        "\0\u{1}",
        "qwertyuiop",
    ] {
        for scope in [Scope::Places, Scope::Aid, Scope::Any] {
            no_match(&ix, q, scope);
        }
    }
    let junk: String = (0..6_000u32)
        .map(|i| char::from_u32(0x20 + (i.wrapping_mul(2_654_435_761) % 0x2F00)).unwrap_or('x'))
        .collect();
    for scope in [Scope::Places, Scope::Aid, Scope::Any] {
        no_match(&ix, &junk, scope);
    }
    no_match(&ix, &"a".repeat(6_000), Scope::Any);
}

#[test]
fn suggestions_for_near_misses() {
    let ix = index();
    // Too mangled to be sure, close enough to suggest.
    let s = no_match(&ix, "Gxrmmanyy", Scope::Places);
    assert_eq!(s.first(), Some(&DE), "{s:?}");
    assert!(s.len() <= MAX_CANDIDATES);
    // Distinct targets only.
    let mut d = s.clone();
    d.sort();
    d.dedup();
    assert_eq!(d.len(), s.len());
    assert!(no_match(&ix, "xyz", Scope::Any).is_empty());
}

#[test]
fn scope_filters_every_stage() {
    let ix = index();
    no_match(&ix, "Germany", Scope::Aid);
    no_match(&ix, "germ", Scope::Aid);
    no_match(&ix, "Germny", Scope::Aid);
    no_match(&ix, "grmny", Scope::Aid);
    no_match(&ix, "artillery", Scope::Places);
    no_match(&ix, "artil", Scope::Places);
    no_match(&ix, "artilery", Scope::Places);
    assert_eq!(ix.resolve("Patriot", Scope::Aid), Resolution::Exact(AIR));
    assert_eq!(ix.resolve("Austria", Scope::Places), Resolution::Exact(AT));
    assert_eq!(ix.resolve("Austria", Scope::Any), Resolution::Exact(AT));
    for s in no_match(&ix, "Gxrmmanyy", Scope::Aid) {
        assert!(Scope::Aid.admits(s));
    }
}

#[test]
fn collisions_dedupe_and_empty_names() {
    let (ix, collisions) = Index::build([
        (DE, "Germany"),
        (DE, "GERMANY"),
        (DE, "Німеччина"),
        (FR, "France"),
        (C(20), "Georgia"),
        (P(20), "georgia!"),
        (A(9), "!!!"),
        (A(9), ""),
    ]);
    assert_eq!(ix.len(), 4);
    assert_eq!(
        collisions,
        vec![Collision {
            alias: "georgia".to_string(),
            first: (C(20), "Georgia".to_string()),
            second: (P(20), "georgia!".to_string()),
        }]
    );
    assert_eq!(ix.resolve("Georgia", Scope::Any), Resolution::Exact(C(20)));
    assert_eq!(ix.resolve("Нимеччина", Scope::Any), Resolution::Exact(DE));
    let empty = Index::default();
    assert!(empty.is_empty());
    assert!(matches!(
        empty.resolve("Germany", Scope::Any),
        Resolution::NoMatch { .. }
    ));
    assert!(empty.complete("g", Scope::Any, 25).is_empty());
    assert!(empty.scan("Germany", Scope::Any).is_empty());
    let cloned = ix.clone();
    assert_eq!(cloned.resolve("france", Scope::Any), Resolution::Exact(FR));
    assert!(format!("{ix:?}").contains("aliases: 4"));
}
