//! Autocomplete and free-text scanning.

use super::*;

#[test]
fn complete_ranks_and_limits() {
    let ix = index();
    assert!(ix.complete("", Scope::Places, 25).is_empty());
    assert!(ix.complete("  ", Scope::Places, 25).is_empty());
    assert!(ix.complete("germany", Scope::Places, 0).is_empty());
    assert_eq!(ix.complete("germany", Scope::Places, 25).first(), Some(&DE));
    assert_eq!(ix.complete("kingdom", Scope::Places, 25), vec![GB]);
    // Aliases starting with it first, then a word inside ("European Union").
    let un = ix.complete("un", Scope::Places, 25);
    assert_eq!(un, vec![US, GB, EU]);
    assert_eq!(ix.complete("un", Scope::Places, 1), vec![US]);
    let a = ix.complete("a", Scope::Places, 25);
    assert!(a.starts_with(&[AT, AU]), "{a:?}");
    // Shorter aliases first: "artillery" before "air defence".
    assert!(ix.complete("a", Scope::Aid, 25).starts_with(&[ART, AIR]));
    assert_eq!(ix.complete("Germny", Scope::Places, 25).first(), Some(&DE));
    assert_eq!(ix.complete("nthlnds", Scope::Places, 25), vec![NL]);
    assert!(ix.complete("germ", Scope::Aid, 25).is_empty());
    assert_eq!(ix.complete("Нім", Scope::Places, 25), vec![DE]);
    // Exact first, even when a longer alias also starts with it.
    assert_eq!(ix.complete("air defence", Scope::Aid, 25), vec![AIR]);
    let kor = ix.complete("korea", Scope::Places, 25);
    assert_eq!(kor, vec![KP, KR]);
    // A typo in the start of a longer name.
    let untied = ix.complete("Untied", Scope::Places, 25);
    assert!(
        untied.len() == 2 && untied.contains(&GB) && untied.contains(&US),
        "{untied:?}"
    );
    assert_eq!(ix.complete("Brtain", Scope::Places, 25), vec![GB]);
}

#[test]
fn scan_finds_names_in_free_text() {
    let ix = index();
    assert_eq!(
        ix.scan("what did Japan pledge on drones?", Scope::Any),
        vec![JP, DRONES]
    );
    assert_eq!(ix.scan("Польща ППО", Scope::Any), vec![PL, AIR]);
    assert_eq!(
        ix.scan(
            "did the United Kingdom or North Korea send air defence systems",
            Scope::Any
        ),
        vec![GB, KP, AIR]
    );
    assert_eq!(
        ix.scan("drones from france, then France again", Scope::Any),
        vec![DRONES, FR]
    );
    // Longest window first: "air defence systems" is one name, not "air defence" + junk.
    assert_eq!(ix.scan("air defence systems", Scope::Aid), vec![AIR]);
    // Typos of long single words only.
    assert_eq!(
        ix.scan("what did Germny give for artilery", Scope::Any),
        vec![DE, ART]
    );
    assert!(ix.scan("what about Irak", Scope::Any).is_empty());
    // Scope.
    assert_eq!(
        ix.scan("what did Japan pledge on drones?", Scope::Places),
        vec![JP]
    );
    assert_eq!(
        ix.scan("what did Japan pledge on drones?", Scope::Aid),
        vec![DRONES]
    );
}

#[test]
fn scan_treats_two_letter_words_with_care() {
    let ix = index();
    assert!(ix.scan("is it in no way", Scope::Any).is_empty());
    assert!(ix.scan("IT IS IN", Scope::Any).is_empty());
    assert!(ix.scan("pl de fr", Scope::Any).is_empty());
    // Three-letter codes too: "and" is English, "AND" in capitals as well.
    assert_eq!(ix.scan("compare france and germany", Scope::Any), vec![FR, DE]);
    assert_eq!(ix.scan("France AND Germany", Scope::Any), vec![FR, DE]);
    assert_eq!(ix.scan("USA or UK?", Scope::Any), vec![US, GB]);
    assert_eq!(ix.scan("and", Scope::Any), vec![C(13)]);
    assert_eq!(
        ix.scan("what did the UK and the EU pledge", Scope::Any),
        vec![GB, EU]
    );
    // The whole text may be an id, in any case.
    assert_eq!(ix.scan("it", Scope::Any), vec![IT]);
    assert_eq!(ix.scan("  de ", Scope::Any), vec![DE]);
    assert_eq!(ix.scan("no", Scope::Places), vec![P(7)]);
    assert!(ix.scan("", Scope::Any).is_empty());
}

#[test]
fn queries_reuse_scratch_across_indexes() {
    // The per-thread counts must be left clean for a bigger or smaller
    // index used next.
    let small = Index::build([(DE, "Germany")]).0;
    let big = index();
    for _ in 0..3 {
        assert_eq!(fuzzy(&big, "Germny", Scope::Places), (DE, MatchStage::Typo));
        assert_eq!(fuzzy(&small, "Germny", Scope::Places), (DE, MatchStage::Typo));
        assert_eq!(fuzzy(&big, "Frnace", Scope::Places), (FR, MatchStage::Typo));
    }
}
