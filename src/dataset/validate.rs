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
                "unexpected file: a dataset holds meta.json, aid-types.json, countries.json, partners/<ID>.json and optionally groups.json and systems.json",
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
        c.text("official_count_note", &meta.official_count_note);
        c.url("official_count_source", &meta.official_count_source);
        if meta.sources.is_empty() {
            c.fail("no sources");
        }
        for s in &meta.sources {
            c.url("source", &s.url);
            c.text("source title", &s.title);
        }
        for f in &meta.frameworks {
            c.record = format!("framework {}", f.id);
            c.text("title", &f.title);
            c.text("place", &f.place);
            c.text("summary", &f.summary);
            c.text("members", &f.members);
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
        c.line("description", &a.description, 200);
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
            c.line("status.note", &s.note, 600);
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
    c.line("agreement.title", &a.title, 256);
    if let Some(t) = &a.title_native {
        c.line("agreement.title_native", t, 256);
    }
    if a.signed < start || a.signed > as_of {
        c.fail(format!(
            "agreement.signed {} is outside the series ({start} to the dataset's as-of date {as_of})",
            a.signed
        ));
    }
    c.line("agreement.place", &a.place, 100);
    c.line("agreement.term", &a.term, 300);
    c.line("agreement.legal_status", &a.legal_status, 600);
    if let Some(n) = &a.count_note {
        c.line("agreement.count_note", n, 600);
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
            c.line(&format!("signatory ({side}) name"), &s.name, 100);
            c.line(&format!("signatory ({side}) office"), &s.office, 150);
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
        c.line(&format!("{what} period"), &m.period, 100);
        if let Some(n) = &m.note {
            c.line(&format!("{what} note"), n, 300);
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
        if !seen.insert(&pl.aid) {
            c.fail(format!("{what}: the aid id appears twice"));
        }
        c.line(&format!("{what} detail"), &pl.detail, 300);
        c.sources(&what, &pl.sources);
    }
    for (i, n) in p.notable.iter().enumerate() {
        c.line(&format!("notable[{i}]"), n, 400);
    }
    for (i, q) in p.open_questions.iter().enumerate() {
        c.line(&format!("open_questions[{i}] topic"), &q.topic, 80);
        c.line(&format!("open_questions[{i}] note"), &q.note, 600);
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
    for s in &p.sources {
        c.url("source", &s.url);
        c.line("source title", &s.title, 200);
    }
}
