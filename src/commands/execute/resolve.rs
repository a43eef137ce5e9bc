//! From what the user typed to a record, or to the reply that says why not:
//! "no match" with the nearest names, "which one did you mean?", or "this
//! country has no agreement".

use serde::Serialize;

use super::format::{bare_link, bullet, code, escape_user_text, flag, match_note, quoted};
use super::Ctx;
use crate::dataset::{AidType, Country, Dataset, Partner};
use crate::reply::{Reply, Status};
use crate::search::{Candidate, Resolution, Scope, Target};

/// A partner, with the note shown when the match was not exact, or the
/// reply that explains why there is none.
pub(super) fn partner<'a>(ctx: &Ctx<'a>, typed: &str) -> Result<(&'a Partner, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    match resolve(ctx, Scope::Places, "partner", typed)? {
        (Target::Partner(i), note) => Ok((&ds.partners[usize::from(i)], note)),
        (Target::Country(i), note) => Err(Box::new(not_a_partner(ctx, &ds.countries[usize::from(i)], note))),
        (Target::Aid(_), _) => Err(Box::new(no_match(ctx, "partner", typed, &[], false))),
    }
}

/// An aid type, with the note shown when the match was not exact, or the
/// reply that explains why there is none.
pub(super) fn aid<'a>(ctx: &Ctx<'a>, typed: &str) -> Result<(&'a AidType, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    match resolve(ctx, Scope::Aid, "kind of aid", typed)? {
        (Target::Aid(i), note) => Ok((&ds.aid_types[usize::from(i)], note)),
        (Target::Partner(_) | Target::Country(_), _) => {
            Err(Box::new(no_match(ctx, "kind of aid", typed, &[], false)))
        }
    }
}

/// The one resolve: a target in `scope` and the note for an inexact match,
/// or the "no match" / "which one?" reply naming `what` was looked for.
fn resolve(
    ctx: &Ctx<'_>,
    scope: Scope,
    what: &str,
    typed: &str,
) -> Result<(Target, Option<String>), Box<Reply>> {
    let (target, stage) = match ctx.ds.index.resolve(typed, scope) {
        Resolution::Exact(t) => (t, None),
        Resolution::Fuzzy { target, stage, .. } => (target, Some(stage)),
        Resolution::Ambiguous(c) => return Err(Box::new(no_match(ctx, what, typed, &c, true))),
        Resolution::NoMatch { suggestions } => {
            return Err(Box::new(no_match(ctx, what, typed, &suggestions, false)))
        }
    };
    Ok((target, match_note(typed, stage, ctx.ds.target_name(target))))
}

#[derive(Serialize)]
struct CandidateView {
    id: String,
    name: String,
    kind: &'static str,
}

fn candidate_view(ds: &Dataset, t: Target) -> CandidateView {
    CandidateView {
        id: ds.target_id(t).to_string(),
        name: ds.target_name(t).to_string(),
        kind: match t {
            Target::Partner(_) => "partner",
            Target::Country(_) => "country",
            Target::Aid(_) => "aid",
        },
    }
}

/// The candidates' targets, each once, in rank order.
fn dedup_targets(c: &[Candidate]) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for x in c {
        if !out.contains(&x.target) {
            out.push(x.target);
        }
    }
    out
}

/// "No match" or "did you mean" for an unresolved input.
pub(super) fn no_match(
    ctx: &Ctx<'_>,
    what: &str,
    typed: &str,
    candidates: &[Candidate],
    ambiguous: bool,
) -> Reply {
    let ds = ctx.ds;
    let targets = dedup_targets(candidates);
    let names: Vec<String> = targets.iter().map(|&t| ds.target_name(t).to_string()).collect();
    let shown = quoted(escape_user_text(typed, 80));
    let description = if ambiguous {
        format!("{shown} could be several {what}s. Which one did you mean?")
    } else if names.is_empty() {
        format!("Nothing in the dataset is close to {shown}. Try a country's name, its code (GB, DE, EU) or a kind of aid (air defence, drones).")
    } else {
        format!("No {what} called {shown}. Did you mean one of these?")
    };
    let title = if ambiguous {
        "Which one did you mean?"
    } else {
        "No match"
    };
    let mut b = ctx
        .reply(Status::NoMatch, title)
        .description(description)
        .suggestions(names.clone())
        .data(serde_json::json!({
            "query": typed,
            "ambiguous": ambiguous,
            "candidates": targets.iter().map(|&t| candidate_view(ds, t)).collect::<Vec<_>>(),
        }));
    if !names.is_empty() {
        b = b.lines(
            "Suggestions",
            targets
                .iter()
                .map(|&t| bullet(format!("{} ({})", ds.target_name(t), code(ds.target_id(t))))),
        );
    }
    b.build_one(&ctx.footer)
}

/// A real country that has no agreement: what it has instead, if anything.
pub(super) fn not_a_partner(ctx: &Ctx<'_>, c: &Country, note: Option<String>) -> Reply {
    let ds = ctx.ds;
    let mut desc = String::new();
    if let Some(n) = note {
        desc.push_str(&n);
        desc.push_str("\n\n");
    }
    desc.push_str(&format!(
        "{} has no bilateral security agreement with Ukraine in this dataset, which holds all {} agreements (the {} of the official count and {} other); {} lists them.",
        c.names.en,
        ds.partners.len(),
        ds.meta.official_count,
        ds.partners.len().saturating_sub(ds.meta.official_count as usize),
        code("/timeline"),
    ));
    let mut b = ctx
        .reply(Status::NotAPartner, format!("{} {} — no agreement", flag(c.id.as_str()), c.names.en))
        .description(desc)
        .data(serde_json::json!({
            "country": { "id": c.id, "name": c.names.en, "status": c.status.as_ref().map(|s| &s.note), "sources": c.status.as_ref().map(|s| &s.sources) },
        }));
    if let Some(s) = &c.status {
        b = b
            .lines("What is known", [s.note.to_string()])
            .lines("Sources", s.sources.iter().map(|u| bullet(bare_link(u))));
    }
    b = b.field(
        "See also",
        format!(
            "{} lists every agreement; {} takes any question.",
            code("/timeline"),
            code("/search")
        ),
        false,
    );
    b.build_one(&ctx.footer)
}
