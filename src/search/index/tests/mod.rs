//! Unit tests of the index on a small fixture of real names (the table of
//! real queries on the shipped data is `tests/it/resolve_table.rs`).

mod complete_scan;
mod differential;
mod flags;
mod properties;
mod resolve;

use super::{Candidate, Index, MatchStage, Resolution, Scope};
use crate::search::Target;

pub(super) const P: fn(u16) -> Target = Target::Partner;
pub(super) const C: fn(u16) -> Target = Target::Country;
pub(super) const A: fn(u16) -> Target = Target::Aid;

// Partners
pub(super) const DE: Target = Target::Partner(0);
pub(super) const FR: Target = Target::Partner(1);
pub(super) const GB: Target = Target::Partner(2);
pub(super) const PL: Target = Target::Partner(3);
pub(super) const SI: Target = Target::Partner(4);
pub(super) const NL: Target = Target::Partner(5);
pub(super) const IT: Target = Target::Partner(6);
pub(super) const JP: Target = Target::Partner(8);
pub(super) const EU: Target = Target::Partner(9);
pub(super) const CAN: Target = Target::Partner(10);
// Countries without an agreement
pub(super) const SK: Target = Target::Country(0);
pub(super) const AT: Target = Target::Country(1);
pub(super) const AU: Target = Target::Country(2);
pub(super) const BR: Target = Target::Country(3);
pub(super) const IR: Target = Target::Country(4);
pub(super) const IQ: Target = Target::Country(5);
pub(super) const KP: Target = Target::Country(6);
pub(super) const KR: Target = Target::Country(7);
pub(super) const IE: Target = Target::Country(8);
pub(super) const US: Target = Target::Country(9);
// Aid types
pub(super) const AIR: Target = Target::Aid(0);
pub(super) const ART: Target = Target::Aid(1);
pub(super) const JETS: Target = Target::Aid(2);
pub(super) const DRONES: Target = Target::Aid(3);

pub(super) fn names() -> Vec<(Target, &'static str)> {
    let mut v = Vec::new();
    let mut add = |t: Target, ns: &[&'static str]| v.extend(ns.iter().map(|n| (t, *n)));
    add(
        DE,
        &[
            "DE",
            "Germany",
            "Deutschland",
            "Німеччина",
            "Federal Republic of Germany",
            "German",
        ],
    );
    add(FR, &["FR", "France", "French Republic", "Франція"]);
    add(
        GB,
        &[
            "GB",
            "United Kingdom",
            "UK",
            "U.K.",
            "Britain",
            "Great Britain",
            "Велика Британія",
        ],
    );
    add(PL, &["PL", "Poland", "Polska", "Польща"]);
    add(SI, &["SI", "Slovenia", "Slovenija"]);
    add(
        NL,
        &["NL", "The Netherlands", "Netherlands", "Nederland", "Нідерланди"],
    );
    add(IT, &["IT", "Italy", "Italia"]);
    add(P(7), &["NO", "Norway", "Norge"]);
    add(JP, &["JP", "Japan"]);
    add(EU, &["EU", "European Union", "ЄС"]);
    add(CAN, &["CA", "Canada"]);
    add(SK, &["SK", "Slovakia"]);
    add(AT, &["AT", "Austria", "Österreich"]);
    add(AU, &["AU", "Australia"]);
    add(BR, &["BR", "Brazil", "Brasil"]);
    add(IR, &["IR", "Iran"]);
    add(IQ, &["IQ", "Iraq"]);
    add(KP, &["KP", "North Korea"]);
    add(KR, &["KR", "South Korea"]);
    add(IE, &["IE", "Ireland", "Éire", "Ірландія"]);
    add(US, &["US", "United States", "USA"]);
    add(C(10), &["PA", "Panama"]);
    add(C(11), &["IN", "India"]);
    add(C(12), &["IS", "Iceland"]);
    add(C(13), &["AD", "Andorra", "AND"]);
    add(C(14), &["BO", "Bolivia"]);
    add(C(15), &["VE", "Venezuela", "Bolivarian Republic of Venezuela"]);
    add(
        AIR,
        &[
            "air-defence",
            "air defence",
            "ППО",
            "Patriot",
            "air defence systems",
            "протиповітряна оборона",
        ],
    );
    add(ART, &["artillery", "артилерія", "155 mm ammunition"]);
    add(
        JETS,
        &["combat-aircraft", "combat aircraft", "helicopters", "F-16"],
    );
    add(DRONES, &["drones", "UAV", "дрони"]);
    add(A(4), &["naval", "navy"]);
    v
}

pub(super) fn index() -> Index {
    let (ix, collisions) = Index::build(names());
    assert!(collisions.is_empty(), "{collisions:?}");
    ix
}

pub(super) fn targets(list: &[Candidate]) -> Vec<Target> {
    list.iter().map(|c| c.target).collect()
}

#[track_caller]
pub(super) fn fuzzy(ix: &Index, q: &str, scope: Scope) -> (Target, MatchStage) {
    match ix.resolve(q, scope) {
        Resolution::Fuzzy { target, stage, .. } => (target, stage),
        other => panic!("{q:?}: expected a fuzzy match, got {other:?}"),
    }
}

#[track_caller]
pub(super) fn ambiguous(ix: &Index, q: &str, scope: Scope) -> Vec<Target> {
    match ix.resolve(q, scope) {
        Resolution::Ambiguous(c) => targets(&c),
        other => panic!("{q:?}: expected ambiguous, got {other:?}"),
    }
}

#[track_caller]
pub(super) fn no_match(ix: &Index, q: &str, scope: Scope) -> Vec<Target> {
    match ix.resolve(q, scope) {
        Resolution::NoMatch { suggestions } => targets(&suggestions),
        other => panic!("{q:?}: expected no match, got {other:?}"),
    }
}
