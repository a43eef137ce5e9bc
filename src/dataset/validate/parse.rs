//! Reading each file of a dataset folder into its model type.

use super::Problem;
use crate::dataset::model::*;

pub(in crate::dataset) struct Parsed {
    pub(in crate::dataset) meta: Option<Meta>,
    pub(in crate::dataset) aid_types: Option<AidTypesFile>,
    pub(in crate::dataset) countries: Option<CountriesFile>,
    /// Optional: partner groups and named systems.
    pub(in crate::dataset) groups: Option<crate::dataset::groups::GroupsFile>,
    pub(in crate::dataset) systems: Option<crate::dataset::groups::SystemsFile>,
    /// Optional: ECB rates on the signing dates.
    pub(in crate::dataset) rates: Option<crate::dataset::rates::Rates>,
    /// With the file each came from.
    pub(in crate::dataset) partners: Vec<(String, Partner)>,
    pub(in crate::dataset) problems: Vec<Problem>,
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
pub(in crate::dataset) fn parse_all(files: impl IntoIterator<Item = (String, String)>) -> Parsed {
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
