//! Partner groups (G7, EU, NATO, Nordic, Baltic, …) and named weapon
//! systems (Patriot, ATACMS, Leopard, …): two small tables beside the
//! agreements, so that "which Nordic countries pledged F-16s?" is answered
//! from data, not from code.
//!
//! Both files are optional (`groups.json`, `systems.json`): a dataset without
//! them loads and simply knows no groups or systems. When present they are
//! checked like the rest: every member or maker is a known id, every aid type
//! exists, and no alias is given twice.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::model::{AidId, PartnerId};
use crate::search::normalize;

/// A group's name in each language pactbot answers in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupNames {
    pub en: String,
    pub uk: String,
}

/// A named set of partners, with its membership as of the dataset's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Lower-case id used in commands (`group:nordic`).
    pub id: String,
    pub names: GroupNames,
    /// Other ways people name the group, in any language ("Scandinavian",
    /// "скандинавські", "Балтія").
    pub aliases: Vec<String>,
    /// Partner ids (the partners that belong to the group; other members
    /// without an agreement are not listed).
    pub members: Vec<PartnerId>,
    /// What the membership means and any caveat (the EU in the G7).
    pub note: String,
    pub sources: Vec<String>,
}

impl Group {
    pub fn has(&self, id: &PartnerId) -> bool {
        self.members.contains(id)
    }

    /// Every name, for matching: id, names, aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.names.en.as_str(), self.names.uk.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    /// The date the memberships are stated for.
    pub as_of: chrono::NaiveDate,
    pub groups: Vec<Group>,
}

/// A weapon system people ask about by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// The name as shown ("Storm Shadow/SCALP").
    pub name: String,
    /// The kind of aid it belongs to.
    pub aid: AidId,
    /// Countries whose industry makes it (partner or country ids); empty for
    /// a design whose maker is not a state people would name (MiG-29).
    pub makers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Spellings, Latin and Cyrillic, singular and plural.
    pub aliases: Vec<String>,
}

impl System {
    /// Whether `text` (a pledge's detail) names this system: some Latin
    /// spelling appears as whole words, case and punctuation folded.
    pub fn named_in(&self, text: &str) -> bool {
        let hay = format!(" {} ", normalize(text));
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .map(normalize)
            .filter(|a| !a.is_empty() && a.is_ascii())
            .any(|a| hay.contains(&format!(" {a} ")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemsFile {
    pub systems: Vec<System>,
}

/// Checks groups and systems against the ids the dataset knows. Returns
/// (file, record, message) triples.
pub(super) fn check(
    groups: &[Group],
    systems: &[System],
    partner_ids: &HashSet<&str>,
    country_ids: &HashSet<&str>,
    aid_ids: &HashSet<&str>,
) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut ids = HashSet::new();
    for g in groups {
        let rec = g.id.clone();
        if g.id.is_empty() || g.id != g.id.to_lowercase() || g.id.contains(' ') {
            out.push((
                "groups.json",
                rec.clone(),
                format!("the id {:?} must be lower case without spaces", g.id),
            ));
        }
        if !ids.insert(g.id.as_str()) {
            out.push(("groups.json", rec.clone(), "the id is used twice".into()));
        }
        if g.members.is_empty() {
            out.push(("groups.json", rec.clone(), "no members".into()));
        }
        let mut members = HashSet::new();
        for m in &g.members {
            if !partner_ids.contains(m.as_str()) {
                out.push((
                    "groups.json",
                    rec.clone(),
                    format!("member {:?} is not a partner id", m.as_str()),
                ));
            }
            if !members.insert(m.as_str()) {
                out.push((
                    "groups.json",
                    rec.clone(),
                    format!("member {:?} is listed twice", m.as_str()),
                ));
            }
        }
        if g.sources.is_empty() || g.sources.iter().any(|s| !s.starts_with("https://")) {
            out.push((
                "groups.json",
                rec.clone(),
                "needs at least one https:// source, and only those".into(),
            ));
        }
        if g.names.en.trim().is_empty() || g.names.uk.trim().is_empty() {
            out.push((
                "groups.json",
                rec.clone(),
                "needs an English and a Ukrainian name".into(),
            ));
        }
        alias_check("groups.json", &rec, g.all_names().skip(1), &mut seen, &mut out);
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    for s in systems {
        let rec = s.name.clone();
        if !aid_ids.contains(s.aid.as_str()) {
            out.push((
                "systems.json",
                rec.clone(),
                format!("aid type {:?} does not exist", s.aid.as_str()),
            ));
        }
        for m in &s.makers {
            if !partner_ids.contains(m.as_str()) && !country_ids.contains(m.as_str()) {
                out.push((
                    "systems.json",
                    rec.clone(),
                    format!("maker {m:?} is not a partner or country id"),
                ));
            }
        }
        if s.aliases.is_empty() {
            out.push(("systems.json", rec.clone(), "no aliases".into()));
        }
        alias_check(
            "systems.json",
            &rec,
            std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str)),
            &mut seen,
            &mut out,
        );
    }
    out
}

/// Flags an alias that normalises to one already given (to this record or
/// another), or to nothing.
fn alias_check<'a>(
    file: &'static str,
    rec: &str,
    names: impl Iterator<Item = &'a str>,
    seen: &mut HashMap<String, String>,
    out: &mut Vec<(&'static str, String, String)>,
) {
    let mut own = HashSet::new();
    for n in names {
        let k = normalize(n);
        if k.is_empty() {
            out.push((
                file,
                rec.to_string(),
                format!("the alias {n:?} is empty once normalised"),
            ));
            continue;
        }
        if !own.insert(k.clone()) {
            // The same record may spell a name two ways that fold together
            // ("Nordic countries" as name and alias): harmless.
            continue;
        }
        if let Some(other) = seen.insert(k.clone(), rec.to_string()) {
            out.push((
                file,
                rec.to_string(),
                format!("the alias {n:?} is also an alias of {other}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(aliases: &[&str]) -> System {
        System {
            name: aliases[0].into(),
            aid: AidId("air-defence".into()),
            makers: vec!["US".into()],
            note: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_system_is_named_by_whole_words_only() {
        let p = system(&["Patriot", "Петріот"]);
        assert!(p.named_in("two Patriot batteries"));
        assert!(p.named_in("PATRIOT, IRIS-T"));
        assert!(!p.named_in("patriotic support"));
        let f = system(&["F-16", "F16"]);
        assert!(f.named_in("training pilots on F-16 jets"));
        assert!(!f.named_in("F-160"));
    }

    #[test]
    fn unknown_ids_and_repeated_aliases_are_reported() {
        let g = |id: &str, members: &[&str], aliases: &[&str]| Group {
            id: id.into(),
            names: GroupNames {
                en: id.into(),
                uk: id.into(),
            },
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            members: members.iter().map(|m| PartnerId(m.to_string())).collect(),
            note: String::new(),
            sources: vec!["https://example.org".into()],
        };
        let partners: HashSet<&str> = ["DK", "SE"].into();
        let countries: HashSet<&str> = ["TR"].into();
        let aids: HashSet<&str> = ["air-defence"].into();
        let groups = [
            g("nordic", &["DK", "XX"], &["Nordic"]),
            g("baltic", &["SE"], &["nordic"]),
        ];
        let mut s = system(&["Patriot"]);
        s.makers = vec!["ZZ".into()];
        let problems = check(&groups, &[s], &partners, &countries, &aids);
        let text: Vec<String> = problems.iter().map(|(f, r, m)| format!("{f} {r} {m}")).collect();
        assert!(
            text.iter().any(|t| t.contains("\"XX\" is not a partner id")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("baltic") && t.contains("also an alias of nordic")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.contains("maker \"ZZ\"")), "{text:?}");
        assert_eq!(problems.len(), 3, "{text:?}");
    }
}
