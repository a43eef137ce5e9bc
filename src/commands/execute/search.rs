//! `/search`: free text naming a partner, an aid type, or both.

use super::format::{code, evidence_mark, flag, match_note, source_link};
use super::views::{AidRef, AlongsideView, PartnerRef, SearchView};
use super::{agreement, pledged, resolve, Ctx};
use crate::dataset::{Dataset, Partner, Pledge, System};
use crate::lang::Sought;
use crate::reply::{Reply, Status};
use crate::search::{Candidate, MatchStage, Resolution, Scope, Target};

/// A free-text query of at most this many characters that is a typo of a
/// name is offered as "did you mean", not answered.
const SHORT_TYPO_CHARS: usize = 5;

pub(super) fn search(ctx: &Ctx<'_>, query: &str, page: usize) -> Reply {
    let ds = ctx.ds;
    // Free text written in Ukrainian is answered in Ukrainian, as `/ask` is.
    let lang = crate::commands::ask::reader(crate::question::language(query), ctx.lang);
    if lang != ctx.lang {
        return search(&Ctx::new(ds, ctx.kind, lang, ctx.data), query, page);
    }
    let resolution = ds.index.resolve(query, Scope::Any);
    if !matches!(resolution, Resolution::Exact(_)) {
        let reading = crate::question::interpret(ds, query);
        // A partner and a named system ("US ATACMS"): what that partner's
        // record says of the system itself, not of its whole aid type.
        if let Some((p, sy)) = reading.as_ref().ok().and_then(|i| partner_and_system(ds, i)) {
            return super::system::system_of(ctx, p, sy);
        }
        // Free text is often a question ("which countries pledged F-16s"):
        // answer the command it maps to, unless that is this very search
        // (a partner and an aid, answered below).
        match reading {
            Ok(i) if !i.line.starts_with("/search") => {
                return crate::commands::ask::understood(ds, query, &i, ctx.lang, ctx.data)
            }
            // Nothing matched the whole text and the question is not
            // understood: say what pactbot answers rather than offer names
            // that merely look alike ("money" is not Monaco).
            Err(n) if matches!(resolution, Resolution::NoMatch { .. }) || !n.choices.is_empty() => {
                return crate::commands::ask::not_understood_as("search", ds, query, &n, ctx.lang, ctx.data)
            }
            _ => {}
        }
    }
    match resolution {
        // In free text a short word one letter from a name is as likely an
        // ordinary word ("chat", "Chad"): offer the name, don't answer it.
        Resolution::Fuzzy {
            target,
            stage: MatchStage::Typo,
            alias,
        } if query.trim().chars().count() <= SHORT_TYPO_CHARS => {
            resolve::no_match(ctx, Sought::Thing, query, &[Candidate { target, alias }], false)
        }
        Resolution::Exact(t) => answer_target(ctx, t, None, page),
        Resolution::Fuzzy { target, stage, .. } => answer_target(
            ctx,
            target,
            match_note(ctx.s, query, Some(stage), ctx.target_name(target)),
            page,
        ),
        Resolution::Ambiguous(c) => resolve::no_match(ctx, Sought::Thing, query, &c, true),
        Resolution::NoMatch { suggestions } => scanned(ctx, query, &suggestions, page),
    }
}

/// The partner and the named system a query asks about together, if it
/// reads as one partner's pledge of one system.
fn partner_and_system<'d>(
    ds: &'d Dataset,
    i: &crate::question::Interpretation,
) -> Option<(&'d Partner, &'d System)> {
    let crate::question::Intent::PledgeOf {
        partner,
        system: Some(system),
        ..
    } = &i.intent
    else {
        return None;
    };
    let p = ds.partner(&crate::dataset::PartnerId(partner.clone()))?;
    let sy = ds.systems.iter().find(|s| &s.name == system)?;
    Some((p, sy))
}

/// No name matched the whole query: look for names inside it.
fn scanned(ctx: &Ctx<'_>, query: &str, suggestions: &[Candidate], page: usize) -> Reply {
    let ds = ctx.ds;
    let found = ds.index.scan(query, Scope::Any);
    let (mut partners, mut aids, mut countries) = (Vec::new(), Vec::new(), Vec::new());
    for &t in &found {
        match t {
            Target::Partner(_) => partners.push(t),
            Target::Aid(_) => aids.push(t),
            Target::Country(_) => countries.push(t),
        }
    }
    match (partners.as_slice(), aids.as_slice(), countries.as_slice()) {
        ([], [], []) => resolve::no_match(ctx, Sought::PartnerOrAid, query, suggestions, false),
        ([p], [a], _) => pledge_of(ctx, *p, *a),
        ([t], [], []) | ([], [t], []) | ([], [], [t]) => answer_target(ctx, *t, None, page),
        // "Brazil air defence": the country has no agreement, say so.
        ([], [_], [c]) => answer_target(ctx, *c, None, page),
        _ => {
            let all: Vec<Candidate> = found
                .iter()
                .map(|&t| Candidate {
                    target: t,
                    alias: ds.target_name(t).to_string(),
                })
                .collect();
            resolve::no_match(ctx, Sought::Thing, query, &all, true)
        }
    }
}

fn answer_target(ctx: &Ctx<'_>, t: Target, note: Option<String>, page: usize) -> Reply {
    let ds = ctx.ds;
    match t {
        Target::Partner(i) => agreement::agreement(ctx, &ds.partners[usize::from(i)], note, page),
        Target::Aid(i) => {
            pledged::pledged(ctx, &ds.aid_types[usize::from(i)], note, Default::default(), page)
        }
        Target::Country(i) => resolve::not_a_partner(ctx, &ds.countries[usize::from(i)], note),
    }
}

/// One partner's pledge on one kind of aid ("Japan drones"): pledged only
/// when the agreement includes it; what was announced alongside is shown
/// as such.
fn pledge_of(ctx: &Ctx<'_>, p: Target, a: Target) -> Reply {
    let ds = ctx.ds;
    let (Target::Partner(pi), Target::Aid(ai)) = (p, a) else {
        return answer_target(ctx, p, None, 1);
    };
    let partner = &ds.partners[usize::from(pi)];
    let aid = &ds.aid_types[usize::from(ai)];
    let s = ctx.s;
    let title = (s.search_title)(&flag(partner.id.as_str()), ctx.name(partner), ctx.aid_name(aid));
    let agreement_md = code(format!("/agreement country:{}", partner.id));
    let pledge_line = |pl: &Pledge| {
        format!(
            "{} {}{}",
            ctx.t(&pl.detail),
            evidence_mark(ctx, pl.evidence, pl.clause.as_ref()),
            source_link(ctx, &partner.sources, &pl.sources),
        )
    };
    let alongside = partner.alongside(&aid.id);
    let b = match partner.pledge(&aid.id) {
        Some(pl) => ctx
            .reply(Status::Ok, title)
            .description(format!(
                "{}\n\n{}",
                pledge_line(pl),
                (s.from_agreement)(
                    &(ctx.s.date)(partner.agreement.signed),
                    ctx.t(&partner.agreement.place),
                    &agreement_md
                ),
            ))
            .data_with(|| SearchView {
                partner: PartnerRef::new(ctx.lang, partner),
                aid: AidRef::new(ctx.lang, aid),
                pledged: true,
                detail: Some(ctx.t(&pl.detail)),
                clause: pl.clause.as_ref().map(|c| ctx.t(c)),
                evidence: Some(pl.evidence),
                alongside: alongside.map(|al| alongside_view(ctx, al)),
                sources: pl.sources.iter().map(String::as_str).collect(),
            }),
        None => {
            let mut d = match alongside {
                Some(al) => format!(
                    "{}\n{}\n\n",
                    (s.only_alongside)(ctx.name(partner), ctx.aid_name(aid)),
                    pledge_line(al)
                ),
                None => String::new(),
            };
            d.push_str(&(s.not_mentioned)(
                ctx.name(partner),
                ctx.aid_name(aid),
                &agreement_md,
                &code(format!("/pledged aid:{}", aid.id)),
            ));
            ctx.reply(Status::Ok, title)
                .description(d)
                .data_with(|| SearchView {
                    partner: PartnerRef::new(ctx.lang, partner),
                    aid: AidRef::new(ctx.lang, aid),
                    pledged: false,
                    detail: None,
                    clause: None,
                    evidence: None,
                    alongside: alongside.map(|al| alongside_view(ctx, al)),
                    sources: partner.sources.iter().map(|s| s.url.as_str()).collect(),
                })
        }
    };
    b.build_one(&ctx.footer)
}

fn alongside_view<'a>(ctx: &Ctx<'_>, pl: &'a Pledge) -> AlongsideView<'a> {
    AlongsideView {
        detail: pl.detail.get(ctx.lang),
        evidence: pl.evidence,
        sources: &pl.sources,
    }
}
