//! Parsing every file and checking the dataset as a whole.
//!
//! Every check runs and every problem is kept, so one `check-data` run lists
//! all that needs fixing, each with its file and record.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::model::*;
use crate::search::{Collision, Target};

/// One thing wrong with the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path relative to the data folder (`partners/GB.json`).
    pub file: String,
    /// The record inside it (`GB`, `aid[3] air-defence`), if any.
    pub record: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(r) => write!(f, "{}: {}: {}", self.file, r, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl Problem {
    pub(super) fn new(file: impl Into<String>, record: Option<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            record,
            message: message.into(),
        }
    }

    pub(super) fn collision(
        c: &Collision,
        partners: &[Partner],
        aid_types: &[AidType],
        countries: &[Country],
    ) -> Problem {
        let describe = |t: Target| match t {
            Target::Partner(i) => {
                let id = &partners[usize::from(i)].id;
                (format!("partners/{id}.json"), id.to_string())
            }
            Target::Country(i) => ("countries.json".into(), countries[usize::from(i)].id.to_string()),
            Target::Aid(i) => ("aid-types.json".into(), aid_types[usize::from(i)].id.to_string()),
        };
        let (file, record) = describe(c.second.0);
        let (other_file, other) = describe(c.first.0);
        Problem::new(
            file,
            Some(record),
            format!(
                "the name {:?} is also a name of {other} ({other_file}, as {:?}); a name must point at one record",
                c.second.1, c.first.1
            ),
        )
    }
}

/// Problems one per line, for error messages.
pub(super) fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) struct Parsed {
    pub meta: Option<Meta>,
    pub aid_types: Option<AidTypesFile>,
    pub countries: Option<CountriesFile>,
    /// Optional: partner groups and named systems.
    pub groups: Option<super::groups::GroupsFile>,
    pub systems: Option<super::groups::SystemsFile>,
    /// Optional: ECB rates on the signing dates.
    pub rates: Option<super::rates::Rates>,
    /// With the file each came from.
    pub partners: Vec<(String, Partner)>,
    pub problems: Vec<Problem>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<T> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(Problem::new(file, None, format!("cannot parse: {e}")));
            None
        }
    }
}

/// Parses each file by its path; unknown files are problems, not ignored.
pub(super) fn parse_all(files: impl IntoIterator<Item = (String, String)>) -> Parsed {
    let mut p = Parsed {
        meta: None,
        aid_types: None,
        countries: None,
        groups: None,
        systems: None,
        rates: None,
        partners: Vec::new(),
        problems: Vec::new(),
    };
    for (file, text) in files {
        let problems = &mut p.problems;
        match file.as_str() {
            "meta.json" => p.meta = parse(&file, &text, problems),
            "aid-types.json" => p.aid_types = parse(&file, &text, problems),
            "countries.json" => p.countries = parse(&file, &text, problems),
            "groups.json" => p.groups = parse(&file, &text, problems),
            "systems.json" => p.systems = parse(&file, &text, problems),
            "rates.json" => p.rates = parse(&file, &text, problems),
            f if f.starts_with("partners/") && f.ends_with(".json") => {
                if let Some(partner) = parse::<Partner>(&file, &text, problems) {
                    let stem = &f["partners/".len()..f.len() - ".json".len()];
                    if stem != partner.id.as_str() {
                        problems.push(Problem::new(
                            &file,
                            Some(partner.id.to_string()),
                            format!("the file name says {stem:?} but the record's id is {:?}", partner.id.0),
                        ));
                    }
                    p.partners.push((file, partner));
                }
            }
            _ => p.problems.push(Problem::new(
                &file,
                None,
                "unexpected file: a dataset holds meta.json, aid-types.json, countries.json, partners/<ID>.json and optionally groups.json, systems.json and rates.json",
            )),
        }
    }
    for (name, missing) in [
        ("meta.json", p.meta.is_none()),
        ("aid-types.json", p.aid_types.is_none()),
        ("countries.json", p.countries.is_none()),
    ] {
        if missing && !p.problems.iter().any(|pr| pr.file == name) {
            p.problems.push(Problem::new(name, None, "missing"));
        }
    }
    if p.partners.is_empty() && !p.problems.iter().any(|pr| pr.file.starts_with("partners/")) {
        p.problems
            .push(Problem::new("partners/", None, "no partner records"));
    }
    p
}

/// Whether every user-facing text must have its Ukrainian version.
///
/// Off only while the dataset is being translated; the translation lands with
/// it switched on, and from then on `check-data` rejects a missing `uk`.
pub const REQUIRE_UKRAINIAN: bool = false;

/// Ukrainian runs longer than English; a field's Ukrainian may be this much
/// longer (in percent of the English limit) and still fit the chat limits.
const UK_LONGER_PERCENT: usize = 130;

/// Collects problems for one record.
struct Checker<'a> {
    file: &'a str,
    record: String,
    out: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, msg: impl Into<String>) {
        self.out
            .push(Problem::new(self.file, Some(self.record.clone()), msg));
    }

    fn text(&mut self, what: &str, s: &str) {
        if s.trim().is_empty() {
            self.fail(format!("{what} is empty"));
        } else if s.trim() != s {
            self.fail(format!("{what} has leading or trailing spaces: {s:?}"));
        }
    }

    /// A one-line text for a field: no newline, at most `max` characters.
    fn line(&mut self, what: &str, s: &str, max: usize) {
        self.text(what, s);
        if s.contains('\n') {
            self.fail(format!("{what} must be one line"));
        }
        let n = s.chars().count();
        if n > max {
            self.fail(format!("{what} is {n} characters; at most {max}"));
        }
    }

    /// A bilingual one-line text: the English as `line`, the Ukrainian too,
    /// required when [`REQUIRE_UKRAINIAN`] is on.
    fn text_line(&mut self, what: &str, t: &Text, max: usize) {
        self.line(what, &t.en, max);
        match &t.uk {
            Some(uk) => {
                self.line(&format!("{what} (uk)"), uk, max * UK_LONGER_PERCENT / 100);
                if !uk.chars().any(is_cyrillic) {
                    self.fail(format!("{what} (uk) has no Cyrillic letter: {uk:?}"));
                }
            }
            None if REQUIRE_UKRAINIAN => self.fail(format!("{what} has no Ukrainian text (uk)")),
            None => {}
        }
    }

    fn source(&mut self, s: &Source) {
        self.url("source", &s.url);
        self.line("source title", &s.title, 200);
        self.text_line("source outlet", &s.outlet, 80);
    }

    fn url(&mut self, what: &str, u: &str) {
        let ok = (u.starts_with("https://") || u.starts_with("http://"))
            && u.len() > "https://x.y".len()
            && !u.contains(char::is_whitespace);
        if !ok {
            self.fail(format!("{what} is not a web address: {u:?}"));
        }
    }

    fn sources(&mut self, what: &str, urls: &[String]) {
        if urls.is_empty() {
            self.fail(format!("{what} has no source"));
        }
        for u in urls {
            self.url(&format!("{what} source"), u);
        }
    }

    fn names(&mut self, names: &Names) {
        self.line("names.en", &names.en, 100);
        self.line("names.uk", &names.uk, 100);
        if let Some(o) = &names.official {
            self.line("names.official", o, 100);
        }
        for n in names
            .native
            .iter()
            .chain(&names.uk_other)
            .chain(&names.abbreviations)
            .chain(&names.demonyms)
            .chain(&names.ru)
            .chain(&names.other)
        {
            self.line("a name", n, 100);
            if crate::search::normalize(n).is_empty() {
                self.fail(format!("the name {n:?} has no letters or digits"));
            }
        }
    }
}

/// The earliest date an agreement of this series can have: the G7 Joint Declaration.
const SERIES_START: (i32, u32, u32) = (2023, 7, 12);

/// Cross-record checks. Partners come with the file each was read from.
pub(super) fn check(
    meta: &Meta,
    partners: &[(String, Partner)],
    aid_types: &[AidType],
    countries: &[Country],
    check_count: bool,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let start = NaiveDate::from_ymd_opt(SERIES_START.0, SERIES_START.1, SERIES_START.2).expect("valid date");

    // meta
    {
        let mut c = Checker {
            file: "meta.json",
            record: "meta".into(),
            out: &mut out,
        };
        c.text("version", &meta.version);
        c.text_line("official_count_note", &meta.official_count_note, 600);
        c.url("official_count_source", &meta.official_count_source);
        if meta.sources.is_empty() {
            c.fail("no sources");
        }
        for s in &meta.sources {
            c.source(s);
        }
        for f in &meta.frameworks {
            c.record = format!("framework {}", f.id);
            c.text_line("title", &f.title, 256);
            c.text_line("place", &f.place, 200);
            c.text_line("summary", &f.summary, 3000);
            c.text_line("members", &f.members, 1000);
            c.sources("framework", &f.sources);
            if f.date > meta.as_of {
                c.fail(format!(
                    "date {} is after the dataset's as-of date {}",
                    f.date, meta.as_of
                ));
            }
        }
        let counted = partners
            .iter()
            .filter(|(_, p)| p.agreement.in_official_count)
            .count();
        if check_count && usize::try_from(meta.official_count).ok() != Some(counted) {
            c.record = "meta".into();
            c.fail(format!(
                "official_count is {} but {counted} partner record(s) have in_official_count: true",
                meta.official_count
            ));
        }
    }

    // aid types
    let mut aid_ids = HashSet::new();
    for (i, a) in aid_types.iter().enumerate() {
        let mut c = Checker {
            file: "aid-types.json",
            record: format!("aid_types[{i}] {}", a.id),
            out: &mut out,
        };
        if !a.id.is_well_formed() {
            c.fail(format!(
                "id {:?} must be lower-case words joined by hyphens",
                a.id.0
            ));
        }
        if !aid_ids.insert(&a.id) {
            c.fail(format!("duplicate aid id {:?}", a.id.0));
        }
        c.line("en", &a.en, 80);
        c.line("uk", &a.uk, 80);
        c.text_line("description", &a.description, 200);
        for al in &a.aliases {
            c.line("alias", al, 80);
        }
    }

    // countries and partners share one id space
    let mut ids: HashMap<&PartnerId, String> = HashMap::new();
    for (file, p) in partners {
        let mut c = Checker {
            file,
            record: p.id.to_string(),
            out: &mut out,
        };
        if !p.id.is_well_formed() {
            c.fail(format!(
                "id {:?} must be two capital letters (ISO 3166-1 alpha-2, or EU)",
                p.id.0
            ));
        }
        if let Some(prev) = ids.insert(&p.id, file.clone()) {
            c.fail(format!("duplicate id {}: also in {prev}", p.id));
        }
        check_partner(&mut c, p, &aid_ids, start, meta.as_of);
    }
    for (i, country) in countries.iter().enumerate() {
        let mut c = Checker {
            file: "countries.json",
            record: format!("countries[{i}] {}", country.id),
            out: &mut out,
        };
        if !country.id.is_well_formed() {
            c.fail(format!("id {:?} must be two capital letters", country.id.0));
        }
        if let Some(prev) = ids.insert(&country.id, "countries.json".into()) {
            c.fail(format!("duplicate id {}: also in {prev}", country.id));
        }
        c.names(&country.names);
        if let Some(s) = &country.status {
            c.text_line("status.note", &s.note, 600);
            c.sources("status", &s.sources);
        }
    }
    out
}

fn check_partner(
    c: &mut Checker<'_>,
    p: &Partner,
    aid_ids: &HashSet<&AidId>,
    start: NaiveDate,
    as_of: NaiveDate,
) {
    c.names(&p.names);
    let a = &p.agreement;
    c.text_line("agreement.title", &a.title, 256);
    if let Some(t) = &a.title_native {
        c.line("agreement.title_native", t, 256);
    }
    if a.signed < start || a.signed > as_of {
        c.fail(format!(
            "agreement.signed {} is outside the series ({start} to the dataset's as-of date {as_of})",
            a.signed
        ));
    }
    c.text_line("agreement.place", &a.place, 100);
    c.text_line("agreement.term", &a.term, 300);
    c.text_line("agreement.legal_status", &a.legal_status, 600);
    if let Some(n) = &a.count_note {
        c.text_line("agreement.count_note", n, 600);
    }
    if !a.in_official_count && a.count_note.is_none() {
        c.fail("not in the official count but has no count_note saying why");
    }
    for (side, list) in [
        ("partner", &a.signatories.partner),
        ("ukraine", &a.signatories.ukraine),
    ] {
        if list.is_empty() {
            c.fail(format!("no signatory for {side}"));
        }
        for s in list.iter() {
            c.text_line(&format!("signatory ({side}) name"), &s.name, 100);
            c.text_line(&format!("signatory ({side}) office"), &s.office, 150);
        }
    }
    for (i, m) in p.money.iter().enumerate() {
        let what = format!("money[{i}]");
        if !(m.amount.is_finite() && m.amount > 0.0) {
            c.fail(format!(
                "{what} amount must be a positive number, not {}",
                m.amount
            ));
        }
        if !m.currency.is_well_formed() {
            c.fail(format!(
                "{what} currency {:?} must be an ISO 4217 code or %GDP",
                m.currency.0
            ));
        }
        if m.currency.is_share_of_gdp() && m.amount > 100.0 {
            c.fail(format!("{what} share of GDP {} is over 100 %", m.amount));
        }
        c.text_line(&format!("{what} period"), &m.period, 100);
        if let Some([first, last]) = m.years {
            if first > last || !(2014..=2100).contains(&first) || !(2014..=2100).contains(&last) {
                c.fail(format!(
                    "{what} years [{first}, {last}] are not a span of calendar years"
                ));
            }
        }
        if let Some(n) = &m.note {
            c.text_line(&format!("{what} note"), n, 300);
        }
        c.sources(&what, &m.sources);
    }
    if p.aid.is_empty() {
        c.fail("no aid areas");
    }
    let mut seen = HashSet::new();
    for (i, pl) in p.aid.iter().enumerate() {
        let what = format!("aid[{i}] {}", pl.aid);
        if !aid_ids.contains(&pl.aid) {
            c.fail(format!(
                "{what}: unknown aid id {:?} (not in aid-types.json)",
                pl.aid.0
            ));
        }
        if !seen.insert((&pl.aid, pl.basis)) {
            c.fail(format!(
                "{what}: the aid id appears twice with basis {:?}; one pledge per aid in the agreement and one alongside",
                pl.basis
            ));
        }
        c.text_line(&format!("{what} detail"), &pl.detail, 300);
        if let Some(cl) = &pl.clause {
            c.text_line(&format!("{what} clause"), cl, 40);
            if pl.basis == Basis::Alongside {
                c.fail(format!(
                    "{what}: a clause of the agreement is cited for a pledge announced alongside it"
                ));
            }
        }
        c.sources(&what, &pl.sources);
    }
    for (i, n) in p.notable.iter().enumerate() {
        c.text_line(&format!("notable[{i}]"), n, 400);
    }
    for (i, q) in p.open_questions.iter().enumerate() {
        c.text_line(&format!("open_questions[{i}] topic"), &q.topic, 80);
        c.text_line(&format!("open_questions[{i}] note"), &q.note, 600);
        for u in &q.sources {
            c.url(&format!("open_questions[{i}] source"), u);
        }
    }
    if p.sources.is_empty() {
        c.fail("no sources");
    }
    if !p.sources.iter().any(|s| s.official) {
        c.fail("no official source (a government or EU page)");
    }
    let listed: HashSet<&str> = p.sources.iter().map(|s| s.url.as_str()).collect();
    for s in &p.sources {
        c.source(s);
    }
    // Every link a pledge or amount cites must be a listed source, so a reply
    // can name its outlet.
    let cited = p
        .aid
        .iter()
        .flat_map(|pl| pl.sources.iter())
        .chain(p.money.iter().flat_map(|m| m.sources.iter()));
    let mut unlisted: Vec<&str> = cited
        .map(String::as_str)
        .filter(|u| !listed.contains(u))
        .collect();
    unlisted.sort_unstable();
    unlisted.dedup();
    for u in unlisted {
        c.fail(format!(
            "{u} is cited but not listed in sources (with its outlet and kind)"
        ));
    }
}

fn is_cyrillic(ch: char) -> bool {
    matches!(ch, '\u{0400}'..='\u{04FF}')
}

/// With `rates.json` present, every amount in a currency has a rate for its
/// agreement's signing date, so `/money` never shows an amount it cannot
/// convert without saying why.
pub(super) fn check_rates(partners: &[(String, Partner)], rates: &super::rates::Rates) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, p) in partners {
        for (i, m) in p.money.iter().enumerate() {
            if m.currency.is_share_of_gdp() {
                continue;
            }
            if rates.to_eur(p.agreement.signed, &m.currency, m.amount).is_none() {
                out.push(Problem::new(
                    file,
                    Some(p.id.to_string()),
                    format!(
                        "money[{i}]: rates.json has no {} rate for the signing date {} (run tools/rates/extract.py)",
                        m.currency.as_str(),
                        p.agreement.signed
                    ),
                ));
            }
        }
    }
    out
}
