//! Plain-language questions → one command ("which Nordic countries pledged
//! F-16s?" → `/pledged aid:F-16 group:nordic`), or "not understood" with
//! what was recognised.
//!
//! Pure and transport-free. A question is read in three steps:
//! 1. [`read`]: the words, normalised and stemmed like the dataset's names;
//!    names found longest phrase first (partners, countries without an
//!    agreement, kinds of aid, groups, named systems), then keywords
//!    (who/which, pledged, compare, signed, how many, latest, …) in English,
//!    Ukrainian, Russian and Polish; every other word is "unknown";
//! 2. [`decide`]: the pattern those make (who pledged X, did C pledge X,
//!    compare A and B, what did C promise, who signed in 2025, …);
//! 3. the command line the pattern maps to, which the caller runs and shows
//!    ("Understood as `/pledged aid:combat-aircraft group:nordic`").
//!
//! It never guesses: a question whose words make no pattern, or whose
//! unknown words could change its meaning, is not understood, and where a
//! few readings fit they are offered as choices.

mod decide;
mod lexicon;
mod read;
mod words;

use std::sync::OnceLock;

pub use lexicon::{Entity, Lexicon};
pub use read::{language, QUESTION_CHAR_LIMIT};

use crate::dataset::Dataset;
use crate::search::Target;

/// The language a question is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    En,
    Uk,
    Ru,
    Pl,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Uk => "uk",
            Language::Ru => "ru",
            Language::Pl => "pl",
        }
    }
}

/// What a question asks, in the terms of the commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Who pledged a kind of aid (or a named system), optionally within a group.
    Pledged {
        aid: String,
        system: Option<String>,
        group: Option<String>,
    },
    /// One partner's pledge on one kind of aid (or named system).
    PledgeOf {
        partner: String,
        aid: String,
        system: Option<String>,
    },
    /// One partner's agreement (or a country's status without one).
    Agreement {
        partner: String,
    },
    Compare {
        first: String,
        second: String,
    },
    /// Every signing, or those of one year.
    Timeline {
        year: Option<u16>,
    },
    Stats,
    /// Money commitments, optionally of a group and covering a year.
    Money {
        group: Option<String>,
        year: Option<u16>,
    },
    About,
    Help,
    /// A picture: of one kind of aid (`aid`: its id or a system's name), or
    /// of every partner (signings, money, partners × aid).
    Chart {
        kind: crate::chart::ChartKind,
        aid: Option<String>,
    },
}

impl Intent {
    /// The command line that answers it, as users would type it.
    pub fn to_line(&self) -> String {
        match self {
            Intent::Pledged { aid, system, group } => {
                let mut s = format!("/pledged aid:{}", system.as_deref().unwrap_or(aid));
                if let Some(g) = group {
                    s.push_str(&format!(" group:{g}"));
                }
                s
            }
            Intent::PledgeOf { partner, aid, system } => {
                format!("/search query:{partner} {}", system.as_deref().unwrap_or(aid))
            }
            Intent::Agreement { partner } => format!("/agreement country:{partner}"),
            Intent::Compare { first, second } => format!("/compare first:{first} second:{second}"),
            Intent::Timeline { year } => {
                crate::commands::Command::Timeline { year: *year, page: 1 }.to_line()
            }
            Intent::Stats => "/stats".into(),
            Intent::Money { group, year } => crate::commands::Command::Money {
                group: group.clone(),
                year: *year,
                page: 1,
            }
            .to_line(),
            Intent::About => "/about".into(),
            Intent::Help => "/help".into(),
            Intent::Chart { kind, aid } => crate::commands::Command::Chart {
                kind: *kind,
                aid: aid.clone(),
            }
            .to_line(),
        }
    }
}

/// A question mapped to one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretation {
    pub intent: Intent,
    /// The command line (`/pledged aid:F-16 group:nordic`).
    pub line: String,
    pub language: Language,
    /// The question asks about deliveries; the data holds pledges.
    pub about_deliveries: bool,
    /// A year the question names that the command cannot filter by ("who
    /// pledged F-16s in 2024": `/pledged` lists every pledge), so the
    /// answer says it was not used rather than seem to honour it.
    pub unused_year: Option<i32>,
}

/// What kind of thing a question named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecognisedKind {
    Partner,
    /// A country without an agreement.
    Country,
    Aid,
    Group,
    System,
    Year,
}

impl RecognisedKind {
    /// The stable name in the `--json` data: `partner`, `country`, `aid`,
    /// `group`, `system`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecognisedKind::Partner => "partner",
            RecognisedKind::Country => "country",
            RecognisedKind::Aid => "aid",
            RecognisedKind::Group => "group",
            RecognisedKind::System => "system",
            RecognisedKind::Year => "year",
        }
    }
}

/// Something the question named, for "what was recognised".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    pub kind: RecognisedKind,
    pub id: String,
    /// Its English name.
    pub name: String,
    /// Its Ukrainian name (the same as `name` for a system or a year), so
    /// a Ukrainian reply names it in Ukrainian.
    pub name_uk: String,
}

/// A question that maps to no single command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood {
    pub what_was_recognised: Vec<Recognised>,
    /// Readings that fit, to offer as choices (possibly none).
    pub choices: Vec<Interpretation>,
    pub language: Language,
}

/// The lexicon of a dataset, built on first use and kept with it.
pub(crate) type LexiconCell = OnceLock<Lexicon>;

impl Dataset {
    /// The names and keywords questions are read with.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(|| Lexicon::build(self))
    }
}

/// Whether a line of input is a question rather than a slash command.
pub fn is_question(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('/')
}

/// Maps a question to one command, or says what was recognised.
pub fn interpret(ds: &Dataset, text: &str) -> Result<Interpretation, NotUnderstood> {
    let language = read::language(text);
    let reading = read::read(ds, ds.lexicon(), text);
    let about_deliveries = reading.has(words::Cue::Deliver);
    let wrap = |intent: Intent| Interpretation {
        unused_year: reading.year.filter(|_| {
            matches!(
                intent,
                Intent::Pledged { .. }
                    | Intent::PledgeOf { .. }
                    | Intent::Compare { .. }
                    | Intent::Chart { .. }
            )
        }),
        line: intent.to_line(),
        intent,
        language,
        about_deliveries,
    };
    match decide::decide(ds, &reading) {
        decide::Decision::One(intent) => Ok(wrap(intent)),
        decide::Decision::Choose(list) => Err(NotUnderstood {
            what_was_recognised: recognised(ds, &reading),
            choices: list.into_iter().map(wrap).collect(),
            language,
        }),
        decide::Decision::None => Err(NotUnderstood {
            what_was_recognised: recognised(ds, &reading),
            choices: Vec::new(),
            language,
        }),
    }
}

fn recognised(ds: &Dataset, r: &read::Reading) -> Vec<Recognised> {
    let item = |kind, id: &str, en: &str, uk: &str| Recognised {
        kind,
        id: id.to_string(),
        name: en.to_string(),
        name_uk: uk.to_string(),
    };
    let mut out: Vec<Recognised> = Vec::new();
    for f in &r.found {
        let it = match f.entity {
            Entity::Target(t) => {
                let id = ds.target_id(t);
                match t {
                    Target::Partner(i) => {
                        let n = &ds.partners[usize::from(i)].names;
                        item(RecognisedKind::Partner, id, &n.en, &n.uk)
                    }
                    Target::Country(i) => {
                        let n = &ds.countries[usize::from(i)].names;
                        item(RecognisedKind::Country, id, &n.en, &n.uk)
                    }
                    Target::Aid(i) => {
                        let a = &ds.aid_types[usize::from(i)];
                        item(RecognisedKind::Aid, id, &a.en, &a.uk)
                    }
                }
            }
            Entity::Group(g) => {
                let g = &ds.groups[usize::from(g)];
                item(RecognisedKind::Group, &g.id, &g.names.en, &g.names.uk)
            }
            Entity::System(s) => {
                let s = &ds.systems[usize::from(s)];
                item(RecognisedKind::System, &s.name, &s.name, &s.name)
            }
            Entity::About => continue,
        };
        if !out.contains(&it) {
            out.push(it);
        }
    }
    if let Some(y) = r.year {
        let y = y.to_string();
        out.push(item(RecognisedKind::Year, &y, &y, &y));
    }
    out
}

/// The named system `typed` names ("ATACMS", "Петріот", "F-16s"), if any.
pub fn system_named<'a>(ds: &'a Dataset, typed: &str) -> Option<&'a crate::dataset::System> {
    match lookup(ds, typed)? {
        Entity::System(i) => ds.systems.get(usize::from(i)),
        _ => None,
    }
}

/// The partner group `typed` names (its id, a name or an alias), if any.
pub fn group_named<'a>(ds: &'a Dataset, typed: &str) -> Option<&'a crate::dataset::Group> {
    let t = typed.trim();
    if let Some(g) = ds.groups.iter().find(|g| g.id.eq_ignore_ascii_case(t)) {
        return Some(g);
    }
    match lookup(ds, t)? {
        Entity::Group(i) => ds.groups.get(usize::from(i)),
        _ => None,
    }
}

/// What a whole option value names, exactly or by its stem.
fn lookup(ds: &Dataset, typed: &str) -> Option<Entity> {
    let norm = crate::search::normalize(typed);
    ds.lexicon().entity(&norm, &lexicon::stem_phrase(&norm))
}
