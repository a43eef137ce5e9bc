//! The shipped dataset: it validates, and every record carries what a user is
//! promised — a date, a place, both signatories, an official source, money
//! where the agreement states any, and a detail and source for each aid area.

use pactbot::dataset::{Dataset, Evidence};

fn ds() -> Dataset {
    Dataset::embedded().unwrap_or_else(|e| panic!("the shipped dataset must validate:\n{e}"))
}

/// The 28 agreements of the Ministry of Defence's count (November 2025).
const OFFICIAL: &[&str] = &[
    "GB", "DE", "FR", "DK", "CA", "IT", "NL", "FI", "LV", "ES", "BE", "PT", "SE", "IS", "NO", "JP", "US",
    "EU", "EE", "LT", "PL", "LU", "RO", "CZ", "SI", "IE", "GR", "AL",
];

#[test]
fn the_official_count_and_croatia_are_all_there() {
    let ds = ds();
    let counted: Vec<&str> = ds
        .partners
        .iter()
        .filter(|p| p.agreement.in_official_count)
        .map(|p| p.id.as_str())
        .collect();
    let mut want = OFFICIAL.to_vec();
    want.sort_unstable();
    let mut got = counted.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(ds.meta.official_count, 28);
    let hr = ds
        .partners
        .iter()
        .find(|p| p.id.as_str() == "HR")
        .expect("Croatia's agreement is recorded");
    assert!(!hr.agreement.in_official_count);
    assert!(hr.agreement.count_note.as_deref().is_some_and(|n| !n.is_empty()));
    assert_eq!(hr.agreement.signed.to_string(), "2024-10-09");
}

#[test]
fn every_record_has_the_facts_a_user_is_promised() {
    let ds = ds();
    for p in &ds.partners {
        let a = &p.agreement;
        let id = &p.id;
        assert!(!a.title.is_empty(), "{id}: title");
        assert!(!a.place.is_empty(), "{id}: place");
        assert!(!a.signatories.partner.is_empty(), "{id}: partner signatory");
        assert!(!a.signatories.ukraine.is_empty(), "{id}: Ukraine's signatory");
        assert!(
            p.sources.iter().any(|s| s.official && s.url.starts_with("http")),
            "{id}: an official source"
        );
        assert!(!p.aid.is_empty(), "{id}: aid areas");
        for pl in &p.aid {
            assert!(!pl.detail.trim().is_empty(), "{id}/{}: detail", pl.aid);
            assert!(!pl.sources.is_empty(), "{id}/{}: source", pl.aid);
            assert!(ds.aid_type(&pl.aid).is_some(), "{id}/{}: known aid id", pl.aid);
        }
        // Military funding comes with a recorded amount, or says plainly that none was stated.
        if let Some(f) = p.pledge(&pactbot::dataset::AidId("military-funding".into())) {
            let d = f.detail.to_lowercase();
            assert!(
                !p.money.is_empty() || (d.contains("no ") && d.contains("amount")),
                "{id}: pledges military funding but records no amount: {}",
                f.detail
            );
        }
        for m in &p.money {
            assert!(!m.sources.is_empty(), "{id}: money without a source");
        }
    }
}

#[test]
fn press_reports_are_never_labelled_as_treaty_text() {
    // A detail that says it was announced separately or reported must not be
    // marked as agreement text.
    let ds = ds();
    for p in &ds.partners {
        for pl in &p.aid {
            let d = pl.detail.to_lowercase();
            if d.contains("not in the text") || d.contains("announced separately") {
                assert_ne!(pl.evidence, Evidence::AgreementText, "{}/{}", p.id, pl.aid);
            }
        }
    }
}

#[test]
fn signing_dates_match_the_fact_check() {
    let ds = ds();
    let want = [
        ("GB", "2024-01-12", "Kyiv"),
        ("DE", "2024-02-16", "Berlin"),
        ("FR", "2024-02-16", "Paris"),
        ("DK", "2024-02-23", "Lviv"),
        ("NL", "2024-03-01", "Kharkiv"),
        ("JP", "2024-06-13", ""),
        ("US", "2024-06-13", ""),
        ("EU", "2024-06-27", "Brussels"),
        ("PL", "2024-07-08", "Warsaw"),
        ("AL", "2025-01-21", "Davos"),
    ];
    for (id, date, place) in want {
        let p = ds.partners.iter().find(|p| p.id.as_str() == id).expect(id);
        assert_eq!(p.agreement.signed.to_string(), date, "{id}");
        assert!(p.agreement.place.contains(place), "{id}: {}", p.agreement.place);
    }
    // Signing order: the first is the UK, Germany before France on the same day.
    let ids: Vec<&str> = ds.partners.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids[0], "GB");
    assert!(ids.iter().position(|x| *x == "DE") < ids.iter().position(|x| *x == "FR"));
}

#[test]
fn countries_without_an_agreement_cover_the_un_members_and_notes() {
    let ds = ds();
    assert!(ds.countries.len() >= 160, "{} countries", ds.countries.len());
    for id in ["SK", "HU", "AT", "CH", "MD", "BG", "ME", "MK", "AU"] {
        let c = ds.countries.iter().find(|c| c.id.as_str() == id).expect(id);
        assert!(c.status.is_some(), "{id} has a status note");
        assert!(!c.names.uk.is_empty(), "{id} has a Ukrainian name");
    }
}
