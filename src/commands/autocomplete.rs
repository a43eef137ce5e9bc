//! Autocomplete: what Discord shows while a user types a partner or aid option.

use super::table::{self, OptionKind};
use crate::dataset::Dataset;
use crate::lang::Lang;
use crate::reply::{clip, limits, Choice};
use crate::search::{Scope, Target};

/// Partners offered on an empty input: the ones people ask about most
/// (largest donors and neighbours first), then the rest in signing order.
const POPULAR_PARTNERS: &[&str] = &[
    "US", "GB", "DE", "FR", "JP", "PL", "EU", "CA", "NL", "DK", "IT", "NO",
];

/// Aid types offered on an empty input, most asked-for first.
const POPULAR_AID: &[&str] = &[
    "air-defence",
    "combat-aircraft",
    "artillery",
    "drones",
    "long-range-strike",
    "military-funding",
    "demining",
    "energy",
    "armoured-vehicles",
    "training",
    "russian-assets",
    "nato-membership",
];

/// Up to 25 choices for `option` of `command`, ranked by the resolver, with
/// labels in `lang`. Empty for options that don't autocomplete.
pub fn autocomplete(ds: &Dataset, command: &str, option: &str, partial: &str, lang: Lang) -> Vec<Choice> {
    let Some(kind) = table::find(command)
        .and_then(|c| c.option(option))
        .map(|o| o.kind)
        .filter(|k| k.autocomplete())
    else {
        return Vec::new();
    };
    let limit = limits::AUTOCOMPLETE_CHOICES;
    let partial: String = partial.chars().take(table::MAX_TEXT).collect();
    if kind == OptionKind::Group {
        return groups(ds, &partial);
    }
    let targets: Vec<Target> = if partial.trim().is_empty() {
        defaults(ds, kind)
    } else {
        let scope = if kind == OptionKind::Partner {
            Scope::Places
        } else {
            Scope::Aid
        };
        ds.index
            .complete(&partial, scope, limit * 2)
            .into_iter()
            .filter(|t| !matches!(t, Target::Country(_)))
            .collect()
    };
    targets
        .into_iter()
        .take(limit)
        .map(|t| choice(ds, lang, t))
        .collect()
}

fn defaults(ds: &Dataset, kind: OptionKind) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    let idx = |i: usize| u16::try_from(i).unwrap_or(u16::MAX);
    if kind == OptionKind::Partner {
        for id in POPULAR_PARTNERS {
            if let Some(i) = ds.partners.iter().position(|p| p.id.as_str() == *id) {
                out.push(Target::Partner(idx(i)));
            }
        }
        for i in 0..ds.partners.len() {
            if !out.contains(&Target::Partner(idx(i))) {
                out.push(Target::Partner(idx(i)));
            }
        }
    } else {
        for id in POPULAR_AID {
            if let Some(i) = ds.aid_types.iter().position(|a| a.id.as_str() == *id) {
                out.push(Target::Aid(idx(i)));
            }
        }
        for i in 0..ds.aid_types.len() {
            if !out.contains(&Target::Aid(idx(i))) {
                out.push(Target::Aid(idx(i)));
            }
        }
    }
    out
}

fn choice(ds: &Dataset, lang: Lang, t: Target) -> Choice {
    let s = lang.strings();
    let name = match t {
        Target::Partner(i) => {
            let p = &ds.partners[usize::from(i)];
            (s.partner_choice)(
                p.names.get(lang),
                p.names.other(lang),
                &(s.date)(p.agreement.signed),
            )
        }
        Target::Aid(i) => {
            let a = &ds.aid_types[usize::from(i)];
            {
                let (name, other) = match lang {
                    Lang::En => (&a.en, &a.uk),
                    Lang::Uk => (&a.uk, &a.en),
                };
                (s.aid_choice)(name, other, ds.partners_pledging(&a.id).count())
            }
        }
        Target::Country(_) => ds.target_name(t).to_string(),
    };
    Choice {
        name: clip(&name, limits::CHOICE_NAME),
        value: clip(ds.target_id(t), limits::CHOICE_VALUE),
    }
}

/// Groups whose id, name or an alias starts with what was typed (any word
/// of it), all of them on an empty input.
fn groups(ds: &Dataset, partial: &str) -> Vec<Choice> {
    let q = crate::search::normalize(partial);
    ds.groups
        .iter()
        .filter(|g| {
            q.is_empty()
                || g.all_names().any(|n| {
                    let n = crate::search::normalize(n);
                    n.starts_with(&q) || n.split(' ').any(|w| w.starts_with(&q))
                })
        })
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|g| Choice {
            name: clip(&format!("{} · {}", g.names.en, g.names.uk), limits::CHOICE_NAME),
            value: g.id.clone(),
        })
        .collect()
}
