//! From what the user typed to a record, or to the reply that says why not:
//! "no match" with the nearest names, "which one did you mean?", or "this
//! country has no agreement".

use super::format::{bare_link, bullet, code, escape_user_text, flag, match_note};
use super::views::{CandidateView, CountryView, NoMatchView, NotAPartnerView};
use super::Ctx;
use crate::dataset::{AidType, Country, Partner};
use crate::lang::Sought;
use crate::reply::{Reply, Status};
use crate::search::{Candidate, Resolution, Scope, Target};

/// A partner, with the note shown when the match was not exact, or the
/// reply that explains why there is none.
pub(super) fn partner<'a>(ctx: &Ctx<'a>, typed: &str) -> Result<(&'a Partner, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    match resolve(ctx, Scope::Places, Sought::Partner, typed)? {
        (Target::Partner(i), note) => Ok((&ds.partners[usize::from(i)], note)),
        (Target::Country(i), note) => Err(Box::new(not_a_partner(ctx, &ds.countries[usize::from(i)], note))),
        (Target::Aid(_), _) => Err(Box::new(no_match(ctx, Sought::Partner, typed, &[], false))),
    }
}

/// An aid type, with the note shown when the match was not exact, or the
/// reply that explains why there is none.
pub(super) fn aid<'a>(ctx: &Ctx<'a>, typed: &str) -> Result<(&'a AidType, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    match resolve(ctx, Scope::Aid, Sought::Aid, typed)? {
        (Target::Aid(i), note) => Ok((&ds.aid_types[usize::from(i)], note)),
        (Target::Partner(_) | Target::Country(_), _) => {
            Err(Box::new(no_match(ctx, Sought::Aid, typed, &[], false)))
        }
    }
}

/// The one resolve: a target in `scope` and the note for an inexact match,
/// or the "no match" / "which one?" reply naming `what` was looked for.
fn resolve(
    ctx: &Ctx<'_>,
    scope: Scope,
    what: Sought,
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
    Ok((target, match_note(ctx.s, typed, stage, ctx.target_name(target))))
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
    what: Sought,
    typed: &str,
    candidates: &[Candidate],
    ambiguous: bool,
) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let targets = dedup_targets(candidates);
    let names: Vec<String> = targets.iter().map(|&t| ctx.target_name(t).to_string()).collect();
    let shown = (s.quote)(&escape_user_text(typed, 80));
    let description = if ambiguous {
        (s.ambiguous)(what, &shown)
    } else if names.is_empty() {
        (s.nothing_close)(&shown)
    } else {
        (s.no_such)(what, &shown)
    };
    let title = if ambiguous {
        s.ambiguous_title
    } else {
        s.no_match_title
    };
    let mut b = ctx
        .reply(Status::NoMatch, title)
        .description(description)
        .suggestions(names.clone())
        .choices(
            targets
                .iter()
                .filter_map(|&t| choice_line(ctx, t).map(|l| (ctx.target_name(t).to_string(), l))),
        )
        .data_with(|| NoMatchView {
            query: typed,
            ambiguous,
            candidates: targets.iter().map(|&t| CandidateView::new(ds, t)).collect(),
        });
    if !names.is_empty() {
        b = b.lines(
            s.suggestions,
            targets
                .iter()
                .map(|&t| bullet(format!("{} ({})", ctx.target_name(t), code(ds.target_id(t))))),
        );
    }
    b.build_one(&ctx.footer)
}

/// The command line that answers a candidate, for a button: the same
/// command with the candidate's id (none for `/compare`, which has two).
fn choice_line(ctx: &Ctx<'_>, t: Target) -> Option<String> {
    use crate::commands::CommandKind as K;
    let id = ctx.ds.target_id(t);
    match (ctx.kind, t) {
        (K::Agreement, Target::Partner(_) | Target::Country(_)) => Some(format!("/agreement country:{id}")),
        (K::Pledged, Target::Aid(_)) => Some(format!("/pledged aid:{id}")),
        (K::Chart, Target::Aid(_)) => Some(format!("/chart kind:aid aid:{id}")),
        (K::Search | K::Ask, _) => Some(format!("/search query:{id}")),
        _ => None,
    }
}

/// A real country that has no agreement: what it has instead, if anything.
pub(super) fn not_a_partner(ctx: &Ctx<'_>, c: &Country, note: Option<String>) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let mut desc = String::new();
    if let Some(n) = note {
        desc.push_str(&n);
        desc.push_str("\n\n");
    }
    let official = ds.meta.official_count as usize;
    desc.push_str(&(s.no_agreement)(
        c.names.get(ctx.lang),
        ds.partners.len(),
        official,
        ds.partners.len().saturating_sub(official),
        &code("/timeline"),
    ));
    let mut b = ctx
        .reply(
            Status::NotAPartner,
            (s.no_agreement_title)(&flag(c.id.as_str()), c.names.get(ctx.lang)),
        )
        .description(desc)
        .data_with(|| NotAPartnerView {
            country: CountryView::new(ctx.lang, c),
        });
    if let Some(st) = &c.status {
        b = b
            .lines(s.what_is_known, [ctx.t(&st.note).to_string()])
            .lines(s.sources, st.sources.iter().map(|u| bullet(bare_link(u))));
    }
    b = b.field(
        s.see_also,
        (s.see_also_text)(&code("/timeline"), &code("/search")),
        false,
    );
    b.build_one(&ctx.footer)
}
