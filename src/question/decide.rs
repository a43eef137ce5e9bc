//! From what a question holds to the one command that answers it, or to
//! "not understood" with what was recognised and, where a few readings fit,
//! those readings to choose from.

use super::lexicon::Entity;
use super::read::Reading;
use super::words::Cue;
use super::Intent;
use crate::dataset::Dataset;
use crate::search::Target;

/// The outcome before it is dressed for the caller.
pub enum Decision {
    One(Intent),
    /// Several readings fit ("air defence and drones"): offer them.
    Choose(Vec<Intent>),
    None,
}

/// What the reading names, sorted by kind, in order of appearance.
#[derive(Default)]
struct Named {
    places: Vec<Target>,
    aids: Vec<Target>,
    systems: Vec<u16>,
    groups: Vec<u16>,
    about: bool,
}

fn push<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn id(ds: &Dataset, t: Target) -> String {
    ds.target_id(t).to_string()
}

pub fn decide(ds: &Dataset, r: &Reading) -> Decision {
    let mut n = Named::default();
    for f in &r.found {
        match f.entity {
            Entity::Target(t @ (Target::Partner(_) | Target::Country(_))) => push(&mut n.places, t),
            Entity::Target(t @ Target::Aid(_)) => push(&mut n.aids, t),
            Entity::System(s) => push(&mut n.systems, s),
            Entity::Group(g) => push(&mut n.groups, g),
            Entity::About => n.about = true,
        }
    }
    let is_russia = |t: &Target| matches!(t, Target::Country(_)) && ds.target_id(*t) == "RU";
    let something_else =
        !n.aids.is_empty() || !n.systems.is_empty() || !n.groups.is_empty() || n.places.len() > 1;
    // "a special tribunal for Russia", "sanctions on Russia": Russia is the
    // subject matter, not a partner, whenever anything else is named.
    if something_else {
        n.places.retain(|t| !is_russia(t));
    }
    let who = r.has(Cue::Who) || r.has(Cue::Countries);
    // "which countries in NATO / the EU pledged drones": the bare word
    // names the group when a kind of aid is asked about.
    regroup(ds, &mut n, who);
    // "Abrams tanks", "Patriot air defence": the system says it all.
    if let Some(&s) = n.systems.first() {
        let aid = &ds.systems[usize::from(s)].aid;
        n.aids.retain(|t| ds.target_id(*t) != aid.as_str());
    }
    // "who trains pilots": training of pilots is combat aircraft.
    if n.aids.len() + n.systems.len() > 1 {
        n.aids.retain(|t| ds.target_id(*t) != "training");
    }
    let topic: Vec<Topic> = n
        .systems
        .iter()
        .map(|&s| Topic::System(s))
        .chain(n.aids.iter().map(|&a| Topic::Aid(a)))
        .collect();
    let intent_words = [
        Cue::Who,
        Cue::Pledge,
        Cue::Deliver,
        Cue::Compare,
        Cue::Signed,
        Cue::When,
        Cue::Count,
        Cue::Much,
        Cue::Money,
        Cue::Agreement,
        Cue::Latest,
        Cue::First,
        Cue::YesNo,
    ]
    .iter()
    .any(|c| r.has(*c));

    if r.has(Cue::Compare) {
        return match n.places.as_slice() {
            [a, b, ..] => Decision::One(Intent::Compare {
                first: id(ds, *a),
                second: id(ds, *b),
            }),
            _ => Decision::None,
        };
    }
    // "show the matrix", «покажи матрицю»: the matrix is only a chart.
    if r.has(Cue::Chart) || r.has(Cue::Matrix) {
        return chart(ds, &n, &topic, r);
    }
    if topic.len() > 1 {
        return Decision::Choose(topic.iter().map(|t| t.pledged(ds, None)).collect());
    }
    if let Some(t) = topic.first() {
        return match n.places.as_slice() {
            [p] => Decision::One(t.pledge_of(ds, *p)),
            [] => {
                let group = n.groups.first().map(|&g| ds.groups[usize::from(g)].id.clone());
                if !intent_words && r.unknown.len() >= 2 {
                    Decision::Choose(vec![t.pledged(ds, group)])
                } else {
                    Decision::One(t.pledged(ds, group))
                }
            }
            many => Decision::Choose(many.iter().map(|p| t.pledge_of(ds, *p)).collect()),
        };
    }
    if r.has(Cue::Help) && n.places.is_empty() {
        return Decision::One(Intent::Help);
    }
    if n.places.is_empty() {
        // "how much money did the Nordic countries commit", "who gave the
        // most", "скільки грошей пообіцяли у 2025".
        // "Which Baltic country pledged the most" may mean money or aid, so
        // "the most" alone reads as money only without a group.
        let most = r.has(Cue::Most) && r.has(Cue::Who) && !r.has(Cue::Count) && n.groups.is_empty();
        // "how much did the Nordics commit in 2024", "скільки пообіцяли
        // скандинави": a group and "how much" ask for its money; "скільки"
        // (how many, how much) only with a pledge verb and no "countries"
        // or "signed", which would ask for a count.
        let group_much = !n.groups.is_empty()
            && (r.has(Cue::Much)
                || (r.has(Cue::Count)
                    && r.has(Cue::Pledge)
                    && !r.has(Cue::Countries)
                    && !r.has(Cue::Signed)));
        if r.has(Cue::Money) || most || group_much {
            let group = n.groups.first().map(|&g| ds.groups[usize::from(g)].id.clone());
            return Decision::One(Intent::Money {
                group,
                year: option_year(r),
            });
        }
        if !n.groups.is_empty() {
            // "what is the Ukraine Compact", "G7": what `/about` explains.
            let about = n
                .groups
                .iter()
                .all(|&g| matches!(ds.groups[usize::from(g)].id.as_str(), "g7" | "ukraine-compact"));
            return if about && !r.has(Cue::Who) {
                Decision::One(Intent::About)
            } else {
                Decision::None
            };
        }
        if r.has(Cue::Latest) || r.has(Cue::First) {
            return latest_or_first(ds, r);
        }
        if r.year.is_some() {
            // A year the option does not take ("who signed in 2019") gets
            // the whole list, whose dates show there is none that year.
            return Decision::One(Intent::Timeline { year: option_year(r) });
        }
        if r.has(Cue::Count) || r.has(Cue::Money) || r.has(Cue::Most) || r.has(Cue::Stats) {
            return Decision::One(Intent::Stats);
        }
        if r.has(Cue::Timeline) || (r.has(Cue::Signed) && (r.has(Cue::Who) || r.has(Cue::When))) {
            return Decision::One(Intent::Timeline { year: None });
        }
        if n.about {
            return Decision::One(Intent::About);
        }
        return Decision::None;
    }
    match n.places.as_slice() {
        [p] => {
            if intent_words || r.unknown.is_empty() {
                Decision::One(Intent::Agreement { partner: id(ds, *p) })
            } else {
                Decision::Choose(vec![Intent::Agreement { partner: id(ds, *p) }])
            }
        }
        // "UK and US", "what did Germany and France promise", "Японія чи Канада".
        [a, b]
            if !intent_words
                || r.has(Cue::Pledge)
                || (r.has(Cue::YesNo) && !r.has(Cue::Signed) && !r.has(Cue::Agreement)) =>
        {
            Decision::One(Intent::Compare {
                first: id(ds, *a),
                second: id(ds, *b),
            })
        }
        many => Decision::Choose(
            many.iter()
                .map(|p| Intent::Agreement { partner: id(ds, *p) })
                .collect(),
        ),
    }
}

/// "show me a chart of the signings", "графік грошей", "diagram of who
/// pledged drones": the picture of what else the question names. There is
/// no chart of one partner or of a group, so naming one is not understood
/// rather than answered with another picture; a chart of nothing in
/// particular offers the three of every partner.
fn chart(ds: &Dataset, n: &Named, topic: &[Topic], r: &Reading) -> Decision {
    use crate::chart::ChartKind;
    if !n.places.is_empty() || !n.groups.is_empty() {
        return Decision::None;
    }
    let of = |kind| Intent::Chart { kind, aid: None };
    let aid = |t: &Topic| Intent::Chart {
        kind: ChartKind::Aid,
        aid: Some(t.system(ds).unwrap_or_else(|| t.aid_id(ds))),
    };
    match topic {
        [t] => Decision::One(aid(t)),
        [_, _, ..] => Decision::Choose(topic.iter().map(aid).collect()),
        [] if r.has(Cue::Matrix) => Decision::One(of(ChartKind::Matrix)),
        [] if r.has(Cue::Money) || r.has(Cue::Most) || r.has(Cue::Much) => {
            Decision::One(of(ChartKind::Money))
        }
        [] if r.has(Cue::Signed) || r.has(Cue::Timeline) || r.has(Cue::When) => {
            Decision::One(of(ChartKind::Timeline))
        }
        [] if r.has(Cue::Pledge) || r.has(Cue::Who) => Decision::One(of(ChartKind::Matrix)),
        [] => Decision::Choose(
            [ChartKind::Timeline, ChartKind::Money, ChartKind::Matrix]
                .into_iter()
                .map(of)
                .collect(),
        ),
    }
}

/// A bare "NATO" or "EU" next to "countries" and a kind of aid is the group.
fn regroup(ds: &Dataset, n: &mut Named, who: bool) {
    if !who || (n.aids.len() + n.systems.len()) < 1 || !n.groups.is_empty() {
        return;
    }
    let group_of = |gid: &str| ds.groups.iter().position(|g| g.id == gid);
    let nato_aid = n.aids.iter().position(|t| ds.target_id(*t) == "nato-membership");
    if let (Some(i), Some(g)) = (nato_aid, group_of("nato")) {
        if n.aids.len() + n.systems.len() > 1 {
            n.aids.remove(i);
            n.groups.push(u16::try_from(g).unwrap_or(0));
            return;
        }
    }
    let eu = n
        .places
        .iter()
        .position(|t| matches!(t, Target::Partner(_)) && ds.target_id(*t) == "EU");
    if let (Some(i), Some(g), 1) = (eu, group_of("eu"), n.places.len()) {
        n.places.remove(i);
        n.groups.push(u16::try_from(g).unwrap_or(0));
    }
}

/// The question's year as a `year:` option takes it (2022–2035), if any.
fn option_year(r: &Reading) -> Option<u16> {
    use crate::commands::table::{MAX_YEAR, MIN_YEAR};
    r.year
        .and_then(|y| u16::try_from(y).ok())
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(&i64::from(*y)))
}

fn latest_or_first(ds: &Dataset, r: &Reading) -> Decision {
    let in_year = |p: &&crate::dataset::Partner| {
        r.year
            .is_none_or(|y| chrono::Datelike::year(&p.agreement.signed) == y)
    };
    let p = if r.has(Cue::Latest) {
        ds.partners.iter().rfind(in_year)
    } else {
        ds.partners.iter().find(in_year)
    };
    match p {
        Some(p) => Decision::One(Intent::Agreement {
            partner: p.id.to_string(),
        }),
        None => Decision::None,
    }
}

/// What a "who pledged X" question is about: a named system or a kind of aid.
#[derive(Clone, Copy)]
enum Topic {
    System(u16),
    Aid(Target),
}

impl Topic {
    fn aid_id(self, ds: &Dataset) -> String {
        match self {
            Topic::System(s) => ds.systems[usize::from(s)].aid.to_string(),
            Topic::Aid(t) => id(ds, t),
        }
    }

    fn system(self, ds: &Dataset) -> Option<String> {
        match self {
            Topic::System(s) => Some(ds.systems[usize::from(s)].name.clone()),
            Topic::Aid(_) => None,
        }
    }

    fn pledged(self, ds: &Dataset, group: Option<String>) -> Intent {
        Intent::Pledged {
            aid: self.aid_id(ds),
            system: self.system(ds),
            group,
        }
    }

    fn pledge_of(self, ds: &Dataset, p: Target) -> Intent {
        Intent::PledgeOf {
            partner: id(ds, p),
            aid: self.aid_id(ds),
            system: self.system(ds),
        }
    }
}
