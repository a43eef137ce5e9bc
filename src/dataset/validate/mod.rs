//! Parsing every file and checking the dataset as a whole.
//!
//! Every check runs and every problem is kept, so one `check-data` run lists
//! all that needs fixing, each with its file and record. `parse` reads the
//! files, `checker` holds the field-level rules (one-line texts, links,
//! bilingual texts), `partner` the rules of one partner record; this file
//! the cross-record checks.

mod checker;
mod parse;
mod partner;

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::model::*;
use crate::search::{Collision, Target};
use checker::Checker;
pub(super) use parse::parse_all;
pub(super) use partner::check_rates;

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
        partner::check_partner(&mut c, p, &aid_ids, start, meta.as_of);
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
