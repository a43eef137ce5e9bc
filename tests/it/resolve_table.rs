//! The table of real queries: what people type, and what it must resolve to,
//! against the dataset shipped in the binary.
//!
//! Expected values: `P:GB` partner, `C:SK` country without an agreement,
//! `A:drones` aid type, `?` ambiguous (several candidates, none chosen),
//! `-` no match. When a user reports a wrong match, add the query here.

use pactbot::dataset::Dataset;
use pactbot::search::{Resolution, Scope, Target};

fn describe(ds: &Dataset, r: &Resolution) -> String {
    let t = |t: &Target| match t {
        Target::Partner(_) => format!("P:{}", ds.target_id(*t)),
        Target::Country(_) => format!("C:{}", ds.target_id(*t)),
        Target::Aid(_) => format!("A:{}", ds.target_id(*t)),
    };
    match r {
        Resolution::Exact(x) => t(x),
        Resolution::Fuzzy { target, .. } => t(target),
        Resolution::Ambiguous(_) => "?".into(),
        Resolution::NoMatch { .. } => "-".into(),
    }
}

const TABLE: &[(&str, &str)] = &[
    // exact English names, official names, abbreviations, codes
    ("Germany", "P:DE"),
    ("United Kingdom", "P:GB"),
    ("the United Kingdom", "P:GB"),
    ("UK", "P:GB"),
    ("Britain", "P:GB"),
    ("Great Britain", "P:GB"),
    ("GB", "P:GB"),
    ("gb", "P:GB"),
    ("USA", "P:US"),
    ("United States of America", "P:US"),
    ("America", "P:US"),
    ("EU", "P:EU"),
    ("European Union", "P:EU"),
    ("Czech Republic", "P:CZ"),
    ("Czechia", "P:CZ"),
    ("Holland", "P:NL"),
    ("The Netherlands", "P:NL"),
    ("Republic of Poland", "P:PL"),
    // native names, with and without diacritics
    ("Deutschland", "P:DE"),
    ("België", "P:BE"),
    ("Belgie", "P:BE"),
    ("Belgique", "P:BE"),
    ("Sverige", "P:SE"),
    ("Suomi", "P:FI"),
    ("Ísland", "P:IS"),
    ("Polska", "P:PL"),
    ("Éire", "P:IE"),
    ("Ελλάδα", "P:GR"),
    ("Shqipëria", "P:AL"),
    ("Hrvatska", "P:HR"),
    ("日本", "P:JP"),
    ("Lietuva", "P:LT"),
    ("Latvija", "P:LV"),
    ("Eesti", "P:EE"),
    // Ukrainian names and keyboard slips
    ("Німеччина", "P:DE"),
    ("Нимеччина", "P:DE"),
    ("Франція", "P:FR"),
    ("Японія", "P:JP"),
    ("Польща", "P:PL"),
    ("Велика Британія", "P:GB"),
    ("ЄС", "P:EU"),
    ("Угорщина", "C:HU"),
    // demonyms
    ("Japanese", "P:JP"),
    ("Dutch", "P:NL"),
    ("British", "P:GB"),
    // typos: transposition, deletion, insertion, substitution
    ("Frnace", "P:FR"),
    ("Untied Kingdom", "P:GB"),
    ("Germny", "P:DE"),
    ("Polnad", "P:PL"),
    ("Japna", "P:JP"),
    ("Swedn", "P:SE"),
    ("Norwey", "P:NO"),
    ("Estonai", "P:EE"),
    ("Luxemburg", "P:LU"),
    ("Portugall", "P:PT"),
    ("Denmrak", "P:DK"),
    // prefixes and abbreviations
    ("germ", "P:DE"),
    ("nthlnds", "P:NL"),
    ("luxem", "P:LU"),
    // countries without an agreement: never a wrong partner
    ("Slovakia", "C:SK"),
    ("Slovensko", "C:SK"),
    ("Austria", "C:AT"),
    ("Österreich", "C:AT"),
    ("Australia", "C:AU"),
    ("Brazil", "C:BR"),
    ("Hungary", "C:HU"),
    ("Switzerland", "C:CH"),
    ("Moldova", "C:MD"),
    ("Bulgaria", "C:BG"),
    ("Montenegro", "C:ME"),
    ("North Macedonia", "C:MK"),
    ("Russia", "C:RU"),
    ("China", "C:CN"),
    ("Slovenia", "P:SI"),
    // aid types, aliases in both languages, typos
    ("air defence", "A:air-defence"),
    ("air defense", "A:air-defence"),
    ("air-defence", "A:air-defence"),
    ("Patriot", "A:air-defence"),
    ("IRIS-T", "A:air-defence"),
    ("ппо", "A:air-defence"),
    ("F-16", "A:combat-aircraft"),
    ("винищувачі", "A:combat-aircraft"),
    ("artillery", "A:artillery"),
    ("artilery", "A:artillery"),
    ("artil", "A:artillery"),
    ("drones", "A:drones"),
    ("дрони", "A:drones"),
    ("demining", "A:demining"),
    ("sanctions", "A:sanctions"),
    // Russian names, and German, Polish and other names people type (AL..IE)
    ("Албания", "P:AL"),
    ("Albanien", "P:AL"),
    ("Бельгия", "P:BE"),
    ("Belgia", "P:BE"),
    ("Kanada", "P:CA"),
    ("Чехия", "P:CZ"),
    ("Tschechien", "P:CZ"),
    ("Czechy", "P:CZ"),
    ("Германия", "P:DE"),
    ("ФРГ", "P:DE"),
    ("Niemcy", "P:DE"),
    ("Дания", "P:DK"),
    ("Dänemark", "P:DK"),
    ("Эстония", "P:EE"),
    ("Estland", "P:EE"),
    ("Испания", "P:ES"),
    ("Hiszpania", "P:ES"),
    ("Евросоюз", "P:EU"),
    ("Европейский союз", "P:EU"),
    ("Финляндия", "P:FI"),
    ("Finnland", "P:FI"),
    ("Франция", "P:FR"),
    ("Frankreich", "P:FR"),
    ("Francja", "P:FR"),
    ("Великобритания", "P:GB"),
    ("England", "P:GB"),
    ("Англія", "P:GB"),
    ("Vereinigtes Königreich", "P:GB"),
    ("Греция", "P:GR"),
    ("Griechenland", "P:GR"),
    ("Хорватия", "P:HR"),
    ("Chorwacja", "P:HR"),
    ("Ирландия", "P:IE"),
    ("Irland", "P:IE"),
    // Russian names, and German, Polish and other names people type (IS..US)
    ("Соединенные Штаты", "P:US"),
    ("Соединённые Штаты Америки", "P:US"),
    ("Vereinigte Staaten", "P:US"),
    ("Stany Zjednoczone", "P:US"),
    ("Ameryka", "P:US"),
    ("Польша", "P:PL"),
    ("Polen", "P:PL"),
    ("Италия", "P:IT"),
    ("Włochy", "P:IT"),
    ("Italien", "P:IT"),
    ("Япония", "P:JP"),
    ("Japonia", "P:JP"),
    ("Румыния", "P:RO"),
    ("Rumunia", "P:RO"),
    ("Литва", "P:LT"),
    ("Litwa", "P:LT"),
    ("Латвия", "P:LV"),
    ("Łotwa", "P:LV"),
    ("Исландия", "P:IS"),
    ("Швеция", "P:SE"),
    ("Schweden", "P:SE"),
    ("Szwecja", "P:SE"),
    ("Нидерланды", "P:NL"),
    ("Голландия", "P:NL"),
    ("Niederlande", "P:NL"),
    ("Holandia", "P:NL"),
    ("Норвегия", "P:NO"),
    ("Norwegen", "P:NO"),
    ("Люксембург", "P:LU"),
    ("Словения", "P:SI"),
    ("Słowenia", "P:SI"),
    ("Португалия", "P:PT"),
    // Russian, German and Polish names of aid types
    ("ПВО", "A:air-defence"),
    ("противовоздушная оборона", "A:air-defence"),
    ("Luftverteidigung", "A:air-defence"),
    ("истребители", "A:combat-aircraft"),
    ("снаряды", "A:artillery"),
    ("артиллерия", "A:artillery"),
    ("беспилотники", "A:drones"),
    ("дроны", "A:drones"),
    ("Drohnen", "A:drones"),
    ("разминирование", "A:demining"),
    ("rozminowanie", "A:demining"),
    ("бронетехника", "A:armoured-vehicles"),
    ("разведка", "A:intelligence"),
    ("санкции", "A:sanctions"),
    ("военная помощь", "A:military-funding"),
    // junk and near-junk
    ("pizza delivery", "-"),
    ("asdfgh", "-"),
    ("xyz", "-"),
    ("@everyone", "-"),
    ("<@123456789>", "-"),
    ("🚀🚀🚀", "-"),
    ("", "-"),
];

#[test]
fn real_queries_resolve_as_a_user_expects() {
    let ds = crate::support::data::embedded();
    let mut failures = Vec::new();
    for (query, want) in TABLE {
        let got = describe(ds, &ds.index.resolve(query, Scope::Any));
        if got != *want {
            failures.push(format!("{query:?}: want {want}, got {got}"));
        }
    }
    assert!(TABLE.len() >= 60, "the table keeps at least 60 real queries");
    assert!(
        failures.is_empty(),
        "{} of {} wrong:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn scopes_keep_aid_and_places_apart() {
    let ds = crate::support::data::embedded();
    // A country name is no aid type, and an aid type is no country.
    assert_eq!(describe(ds, &ds.index.resolve("Germany", Scope::Aid)), "-");
    assert_eq!(describe(ds, &ds.index.resolve("drones", Scope::Places)), "-");
    assert_eq!(describe(ds, &ds.index.resolve("Frnace", Scope::Places)), "P:FR");
    assert_eq!(
        describe(ds, &ds.index.resolve("air defense", Scope::Aid)),
        "A:air-defence"
    );
}

#[test]
fn ambiguous_prefixes_offer_candidates_instead_of_guessing() {
    let ds = crate::support::data::embedded();
    for q in ["austr", "slov", "mal"] {
        match ds.index.resolve(q, Scope::Places) {
            Resolution::Ambiguous(c) => assert!(c.len() >= 2, "{q}: {c:?}"),
            other => panic!("{q}: expected ambiguous, got {other:?}"),
        }
    }
}

#[test]
fn every_record_resolves_by_its_id_and_its_names() {
    let ds = crate::support::data::embedded();
    for (i, p) in ds.partners.iter().enumerate() {
        let want = Resolution::Exact(Target::Partner(u16::try_from(i).unwrap()));
        for name in std::iter::once(p.id.as_str()).chain(p.names.all()) {
            assert_eq!(ds.index.resolve(name, Scope::Places), want, "{}: {name}", p.id);
        }
    }
    for (i, a) in ds.aid_types.iter().enumerate() {
        let want = Resolution::Exact(Target::Aid(u16::try_from(i).unwrap()));
        for name in [a.id.as_str(), &a.en, &a.uk]
            .into_iter()
            .chain(a.aliases.iter().map(String::as_str))
        {
            assert_eq!(ds.index.resolve(name, Scope::Aid), want, "{}: {name}", a.id);
        }
    }
}
