//! The curated dataset: serde model, strict loading and validation.
//!
//! A dataset is a set of JSON files (`meta.json`, `aid-types.json`,
//! `countries.json`, `partners/<ID>.json`). Loading parses every file,
//! validates everything at once and either returns a complete [`Dataset`] or
//! every problem found, by file and record. It never half-loads.

mod groups;
mod model;
mod rates;
mod shared;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use groups::{Group, GroupNames, System};
pub use model::*;
pub use rates::{Conversion, DayRates, Rates, RatesSource};
pub use shared::{DataSource, Reloaded, SharedDataset, Snapshot};
pub use validate::Problem;

use crate::search::{Index, Target};

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the dataset has {} problem(s):\n{}", .0.len(), validate::list(.0))]
    Invalid(Vec<Problem>),
}

/// The dataset files compiled into the binary (see `build.rs`).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}

/// A loaded, validated dataset with its search index.
#[derive(Debug)]
pub struct Dataset {
    pub meta: Meta,
    /// In signing order (date, then `same_day_order`).
    pub partners: Vec<Partner>,
    /// In the taxonomy's order.
    pub aid_types: Vec<AidType>,
    /// Countries without an agreement, by id.
    pub countries: Vec<Country>,
    /// Partner groups (`groups.json`; empty without it).
    pub groups: Vec<Group>,
    /// Named weapon systems (`systems.json`; empty without it).
    pub systems: Vec<System>,
    /// ECB euro rates on the signing dates (`rates.json`; empty without it).
    pub rates: Rates,
    /// Every name, id and alias of every record, normalised.
    pub index: Index,
    partner_pos: HashMap<PartnerId, usize>,
    aid_pos: HashMap<AidId, usize>,
    /// What questions are read with (`question`), built on first use.
    pub(crate) lexicon: crate::question::LexiconCell,
}

impl Dataset {
    /// The dataset embedded in the binary.
    pub fn embedded() -> Result<Dataset, DataError> {
        Self::from_files(
            embedded::FILES
                .iter()
                .map(|(p, c)| ((*p).to_string(), (*c).to_string())),
        )
    }

    /// Reads every `*.json` under `dir` (as `meta.json`, `partners/GB.json`, …).
    pub fn from_dir(dir: &Path) -> Result<Dataset, DataError> {
        let mut files = Vec::new();
        read_tree(dir, dir, &mut files)?;
        Self::from_files(files)
    }

    /// The dataset from `--data DIR` / `PACTBOT_DATA` if given, else the embedded one.
    pub fn load(dir: Option<&Path>) -> Result<Dataset, DataError> {
        match dir {
            Some(d) => Self::from_dir(d),
            None => Self::embedded(),
        }
    }

    /// Parses and validates files given as (path relative to the data root, contents).
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Dataset, DataError> {
        let parsed = validate::parse_all(files);
        let mut problems = parsed.problems;
        let (Some(meta), Some(aid_file), Some(country_file)) =
            (parsed.meta, parsed.aid_types, parsed.countries)
        else {
            return Err(DataError::Invalid(problems));
        };
        let mut partners = parsed.partners;
        partners.sort_by(|(_, a), (_, b)| {
            (a.agreement.signed, a.agreement.same_day_order, &a.id).cmp(&(
                b.agreement.signed,
                b.agreement.same_day_order,
                &b.id,
            ))
        });
        let aid_types = aid_file.aid_types;
        let mut countries = country_file.countries;
        countries.sort_by(|a, b| a.id.cmp(&b.id));

        // A partner file that did not parse would also throw the count off: report it once.
        let all_partners_parsed = !problems.iter().any(|p| p.file.starts_with("partners/"));
        problems.extend(validate::check(
            &meta,
            &partners,
            &aid_types,
            &countries,
            all_partners_parsed,
        ));

        let groups = parsed.groups.map(|g| g.groups).unwrap_or_default();
        let systems = parsed.systems.map(|s| s.systems).unwrap_or_default();
        let rates = parsed.rates.unwrap_or_default();
        for message in rates.problems() {
            problems.push(Problem::new("rates.json", None, message));
        }
        if !rates.rates.is_empty() {
            problems.extend(validate::check_rates(&partners, &rates));
        }
        {
            let pids = partners.iter().map(|(_, p)| p.id.as_str()).collect();
            let cids = countries.iter().map(|c| c.id.as_str()).collect();
            let aids = aid_types.iter().map(|a| a.id.as_str()).collect();
            for (file, record, message) in groups::check(&groups, &systems, &pids, &cids, &aids) {
                problems.push(Problem::new(file, Some(record), message));
            }
        }

        let partners: Vec<Partner> = partners.into_iter().map(|(_, p)| p).collect();
        let (index, collisions) = Index::build(names_of(&partners, &aid_types, &countries));
        for c in collisions {
            problems.push(Problem::collision(&c, &partners, &aid_types, &countries));
        }
        if !problems.is_empty() {
            return Err(DataError::Invalid(problems));
        }
        let partner_pos = partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let aid_pos = aid_types
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Ok(Dataset {
            meta,
            partners,
            aid_types,
            countries,
            groups,
            systems,
            rates,
            index,
            partner_pos,
            aid_pos,
            lexicon: Default::default(),
        })
    }

    pub fn partner(&self, id: &PartnerId) -> Option<&Partner> {
        self.partner_pos.get(id).map(|&i| &self.partners[i])
    }

    pub fn aid_type(&self, id: &AidId) -> Option<&AidType> {
        self.aid_pos.get(id).map(|&i| &self.aid_types[i])
    }

    /// The English name of whatever a search target points at.
    pub fn target_name(&self, t: Target) -> &str {
        match t {
            Target::Partner(i) => &self.partners[usize::from(i)].names.en,
            Target::Country(i) => &self.countries[usize::from(i)].names.en,
            Target::Aid(i) => &self.aid_types[usize::from(i)].en,
        }
    }

    /// The stable id (partner/country code or aid id) of a search target.
    pub fn target_id(&self, t: Target) -> &str {
        match t {
            Target::Partner(i) => self.partners[usize::from(i)].id.as_str(),
            Target::Country(i) => self.countries[usize::from(i)].id.as_str(),
            Target::Aid(i) => self.aid_types[usize::from(i)].id.as_str(),
        }
    }

    /// Partners in signing order that pledged `aid`.
    pub fn partners_pledging<'a>(
        &'a self,
        aid: &'a AidId,
    ) -> impl Iterator<Item = (&'a Partner, &'a Pledge)> {
        self.partners
            .iter()
            .filter_map(move |p| p.pledge(aid).map(|pl| (p, pl)))
    }
}

/// Every (target, name) pair the resolver should know, ids included.
fn names_of<'a>(
    partners: &'a [Partner],
    aid_types: &'a [AidType],
    countries: &'a [Country],
) -> impl Iterator<Item = (Target, &'a str)> {
    let idx = |i: usize| u16::try_from(i).expect("fewer than 65,536 records");
    let p = partners.iter().enumerate().flat_map(move |(i, p)| {
        let t = Target::Partner(idx(i));
        std::iter::once(p.id.as_str())
            .chain(p.names.all())
            .map(move |n| (t, n))
    });
    let c = countries.iter().enumerate().flat_map(move |(i, c)| {
        let t = Target::Country(idx(i));
        std::iter::once(c.id.as_str())
            .chain(c.names.all())
            .map(move |n| (t, n))
    });
    let a = aid_types.iter().enumerate().flat_map(move |(i, a)| {
        let t = Target::Aid(idx(i));
        [a.id.as_str(), a.en.as_str(), a.uk.as_str()]
            .into_iter()
            .chain(a.aliases.iter().map(String::as_str))
            .map(move |n| (t, n))
    });
    p.chain(c).chain(a)
}

fn read_tree(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), DataError> {
    let io = |path: &Path, source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| io(dir, e))?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, text));
        }
    }
    Ok(())
}
