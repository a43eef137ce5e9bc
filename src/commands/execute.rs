//! Running a command against the dataset: the one `execute` every transport calls.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{table, Command};
use crate::dataset::{AidType, Country, Dataset, Evidence, Money, Partner, Pledge, Signatory};
use crate::reply::{escape_user_text, Reply, ReplyBuilder, Status};
use crate::search::{Candidate, MatchStage, Resolution, Scope, Target};

/// Answers a command from the dataset. Never fails: a bad or unknown input
/// is an answer too (`no_match`, `not_a_partner`).
pub fn execute(ds: &Dataset, cmd: &Command) -> Reply {
    let ctx = Ctx {
        ds,
        footer: footer(ds),
    };
    match cmd {
        Command::Agreement { country, page } => match resolve_partner(&ctx, "agreement", country) {
            Ok((p, note)) => agreement(&ctx, "agreement", p, note, *page),
            Err(r) => *r,
        },
        Command::Pledged { aid, page } => match resolve_aid(&ctx, aid) {
            Ok((a, note)) => pledged(&ctx, "pledged", a, note, *page),
            Err(r) => *r,
        },
        Command::Search { query, page } => search(&ctx, query, *page),
        Command::Compare { first, second, page } => compare(&ctx, first, second, *page),
        Command::Timeline { page } => timeline(&ctx, *page),
        Command::Stats { page } => stats(&ctx, *page),
        Command::About { page } => about(&ctx, *page),
        Command::Help { page } => help(&ctx, *page),
    }
}

/// The answer to a command line that could not be parsed.
pub fn error_reply(ds: &Dataset, command: &str, err: &super::CommandError) -> Reply {
    let suggestions = match err {
        super::CommandError::UnknownCommand {
            suggestion: Some(s), ..
        } => vec![format!("/{s}")],
        _ => Vec::new(),
    };
    ReplyBuilder::new(command, Status::Error, "That command didn't work")
        .description(format!("{err}\n\nType `/help` to see every command."))
        .suggestions(suggestions)
        .data(serde_json::json!({ "error": err.to_string() }))
        .build_one(&footer(ds))
}

struct Ctx<'a> {
    ds: &'a Dataset,
    footer: String,
}

fn footer(ds: &Dataset) -> String {
    format!("pactbot · data as of {} · v{}", ds.meta.as_of, ds.meta.version)
}

/// The flag emoji for a two-letter code (the EU has one too).
pub fn flag(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_uppercase)
        .filter_map(|c| char::from_u32(0x1F1E6 + (c as u32 - 'A' as u32)))
        .collect()
}

fn evidence_mark(e: Evidence) -> &'static str {
    match e {
        Evidence::AgreementText => "agreement text",
        Evidence::OfficialSummary => "official summary",
        Evidence::Press => "press report, not confirmed in the text",
    }
}

/// A Markdown link to the first source, or nothing.
fn source_link(urls: &[String]) -> String {
    urls.first()
        .map(|u| format!(" [source]({u})"))
        .unwrap_or_default()
}

/// "EUR 7.1 bn", "GBP 200 m", "0.25 % of GDP".
pub fn money_amount(m: &Money) -> String {
    let q = m.qualifier.prefix();
    if m.currency.is_share_of_gdp() {
        return format!("{q}{} % of GDP", trim_number(m.amount));
    }
    format!("{q}{} {}", m.currency.as_str(), big_number(m.amount))
}

fn big_number(x: f64) -> String {
    if x >= 1e9 {
        format!("{} bn", trim_number(x / 1e9))
    } else if x >= 1e6 {
        format!("{} m", trim_number(x / 1e6))
    } else {
        trim_number(x)
    }
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn money_line(m: &Money) -> String {
    let note = m.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
    format!(
        "• **{}** {}, {}{note} _({})_{}",
        money_amount(m),
        m.kind.label(),
        m.period,
        evidence_mark(m.evidence),
        source_link(&m.sources)
    )
}

fn signatories(list: &[Signatory]) -> String {
    list.iter()
        .map(|s| format!("{}, {}", s.name, s.office))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "the United Kingdom", "the Netherlands", "Japan": names that read with an article.
fn with_article(name: &str) -> String {
    let needs = [
        "United ",
        "European ",
        "Czech Republic",
        "Netherlands",
        "Holy See",
    ]
    .iter()
    .any(|p| name.starts_with(p));
    if needs {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// A note shown when the match was not exact.
fn match_note(typed: &str, stage: Option<MatchStage>, name: &str) -> Option<String> {
    stage.map(|s| {
        let how = match s {
            MatchStage::Prefix => "starts like",
            MatchStage::Typo => "is close to",
            MatchStage::Abbreviation => "abbreviates",
        };
        format!("_“{}” {how} **{name}**._", escape_user_text(typed, 60))
    })
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
fn no_match(
    ctx: &Ctx<'_>,
    command: &str,
    what: &str,
    typed: &str,
    candidates: &[Candidate],
    ambiguous: bool,
) -> Reply {
    let ds = ctx.ds;
    let targets = dedup_targets(candidates);
    let names: Vec<String> = targets.iter().map(|&t| ds.target_name(t).to_string()).collect();
    let shown = escape_user_text(typed, 80);
    let description = if ambiguous {
        format!("“{shown}” could be several {what}s. Which one did you mean?")
    } else if names.is_empty() {
        format!("Nothing in the dataset is close to “{shown}”. Try a country's name, its code (GB, DE, EU) or a kind of aid (air defence, drones).")
    } else {
        format!("No {what} called “{shown}”. Did you mean one of these?")
    };
    let title = if ambiguous {
        "Which one did you mean?"
    } else {
        "No match"
    };
    let mut b = ReplyBuilder::new(command, Status::NoMatch, title)
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
                .map(|&t| format!("• {} (`{}`)", ds.target_name(t), ds.target_id(t))),
        );
    }
    b.build_one(&ctx.footer)
}

fn not_a_partner(ctx: &Ctx<'_>, command: &str, c: &Country, note: Option<String>) -> Reply {
    let mut desc = String::new();
    if let Some(n) = note {
        desc.push_str(&n);
        desc.push_str("\n\n");
    }
    desc.push_str(&format!(
        "{} has no bilateral security agreement with Ukraine in this dataset, which holds all {} agreements (the {} of the official count and {} other); `/timeline` lists them.",
        c.names.en,
        ctx.ds.partners.len(),
        ctx.ds.meta.official_count,
        ctx.ds.partners.len().saturating_sub(ctx.ds.meta.official_count as usize)
    ));
    let mut b = ReplyBuilder::new(command, Status::NotAPartner, format!("{} {} — no agreement", flag(c.id.as_str()), c.names.en))
        .description(desc)
        .data(serde_json::json!({
            "country": { "id": c.id, "name": c.names.en, "status": c.status.as_ref().map(|s| &s.note), "sources": c.status.as_ref().map(|s| &s.sources) },
        }));
    if let Some(s) = &c.status {
        b = b
            .lines("What is known", [s.note.clone()])
            .lines("Sources", s.sources.iter().map(|u| format!("• <{u}>")));
    }
    b = b.field(
        "See also",
        "`/timeline` lists every agreement; `/search` takes any question.",
        false,
    );
    b.build_one(&ctx.footer)
}

/// A partner, or the reply that explains why there is none.
fn resolve_partner<'a>(
    ctx: &Ctx<'a>,
    command: &str,
    typed: &str,
) -> Result<(&'a Partner, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    let (target, stage) = match ds.index.resolve(typed, Scope::Places) {
        Resolution::Exact(t) => (t, None),
        Resolution::Fuzzy { target, stage, .. } => (target, Some(stage)),
        Resolution::Ambiguous(c) => return Err(Box::new(no_match(ctx, command, "partner", typed, &c, true))),
        Resolution::NoMatch { suggestions } => {
            return Err(Box::new(no_match(
                ctx,
                command,
                "partner",
                typed,
                &suggestions,
                false,
            )))
        }
    };
    let note = match_note(typed, stage, ds.target_name(target));
    match target {
        Target::Partner(i) => Ok((&ds.partners[usize::from(i)], note)),
        Target::Country(i) => Err(Box::new(not_a_partner(
            ctx,
            command,
            &ds.countries[usize::from(i)],
            note,
        ))),
        Target::Aid(_) => Err(Box::new(no_match(ctx, command, "partner", typed, &[], false))),
    }
}

fn resolve_aid<'a>(ctx: &Ctx<'a>, typed: &str) -> Result<(&'a AidType, Option<String>), Box<Reply>> {
    let ds = ctx.ds;
    let (target, stage) = match ds.index.resolve(typed, Scope::Aid) {
        Resolution::Exact(t) => (t, None),
        Resolution::Fuzzy { target, stage, .. } => (target, Some(stage)),
        Resolution::Ambiguous(c) => {
            return Err(Box::new(no_match(ctx, "pledged", "kind of aid", typed, &c, true)))
        }
        Resolution::NoMatch { suggestions } => {
            return Err(Box::new(no_match(
                ctx,
                "pledged",
                "kind of aid",
                typed,
                &suggestions,
                false,
            )))
        }
    };
    match target {
        Target::Aid(i) => Ok((
            &ds.aid_types[usize::from(i)],
            match_note(typed, stage, ds.target_name(target)),
        )),
        _ => Err(Box::new(no_match(
            ctx,
            "pledged",
            "kind of aid",
            typed,
            &[],
            false,
        ))),
    }
}

#[derive(Serialize)]
struct PartnerView<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
    signed: String,
    place: &'a str,
    signatories: &'a crate::dataset::Signatories,
    term: &'a str,
    legal_status: &'a str,
    in_official_count: bool,
    money: &'a [Money],
    aid: Vec<&'a str>,
    pledges: &'a [Pledge],
    notable: &'a [String],
    open_questions: &'a [crate::dataset::OpenQuestion],
    sources: Vec<&'a str>,
}

fn partner_view(p: &Partner) -> PartnerView<'_> {
    PartnerView {
        id: p.id.as_str(),
        name: &p.names.en,
        title: &p.agreement.title,
        signed: p.agreement.signed.to_string(),
        place: &p.agreement.place,
        signatories: &p.agreement.signatories,
        term: &p.agreement.term,
        legal_status: &p.agreement.legal_status,
        in_official_count: p.agreement.in_official_count,
        money: &p.money,
        aid: p.aid.iter().map(|a| a.aid.as_str()).collect(),
        pledges: &p.aid,
        notable: &p.notable,
        open_questions: &p.open_questions,
        sources: p.sources.iter().map(|s| s.url.as_str()).collect(),
    }
}

/// Position of a partner in the official count (1-based), if counted.
fn count_position(ds: &Dataset, p: &Partner) -> Option<usize> {
    if !p.agreement.in_official_count {
        return None;
    }
    ds.partners
        .iter()
        .filter(|q| q.agreement.in_official_count)
        .position(|q| q.id == p.id)
        .map(|i| i + 1)
}

fn agreement(ctx: &Ctx<'_>, command: &str, p: &Partner, note: Option<String>, page: usize) -> Reply {
    let ds = ctx.ds;
    let a = &p.agreement;
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("**{}**\n", a.title));
    if let Some(t) = &a.title_native {
        d.push_str(&format!("_{t}_\n"));
    }
    let position = match count_position(ds, p) {
        Some(n) => format!(" · no. {n} of {} in the official count", ds.meta.official_count),
        None => " · not in the official count".to_string(),
    };
    d.push_str(&format!("Signed **{}** in {}{position}\n", a.signed, a.place));
    d.push_str(&format!(
        "For {}: {}\n",
        with_article(&p.names.en),
        signatories(&a.signatories.partner)
    ));
    d.push_str(&format!("For Ukraine: {}\n", signatories(&a.signatories.ukraine)));
    d.push_str(&format!("**Term:** {}\n**Status:** {}", a.term, a.legal_status));
    if let Some(n) = &a.count_note {
        d.push_str(&format!("\n**Official count:** {n}"));
    }
    let mut b = ReplyBuilder::new(
        command,
        Status::Ok,
        format!("{} {} — security agreement", flag(p.id.as_str()), p.names.en),
    )
    .description(d)
    .data(serde_json::json!({ "partner": partner_view(p) }));
    if !p.money.is_empty() {
        b = b.lines("Money", p.money.iter().map(money_line));
    }
    b = b.lines(
        format!("Aid areas ({})", p.aid.len()),
        p.aid.iter().map(|pl| {
            let name = ds.aid_type(&pl.aid).map_or(pl.aid.as_str(), |t| t.en.as_str());
            format!(
                "• **{name}** — {} _({})_{}",
                pl.detail,
                evidence_mark(pl.evidence),
                source_link(&pl.sources)
            )
        }),
    );
    if !p.notable.is_empty() {
        b = b.lines("Notable", p.notable.iter().map(|n| format!("• {n}")));
    }
    if !p.open_questions.is_empty() {
        b = b.lines(
            "Open questions",
            p.open_questions
                .iter()
                .map(|q| format!("⚠️ **{}** — {}{}", q.topic, q.note, source_link(&q.sources))),
        );
    }
    b = b.lines(
        "Sources",
        p.sources.iter().map(|s| {
            format!(
                "• [{}]({}){}",
                s.title,
                s.url,
                if s.official { " · official" } else { "" }
            )
        }),
    );
    let id = p.id.to_string();
    b.build(&ctx.footer, page, |n| {
        Command::Agreement {
            country: id.clone(),
            page: n,
        }
        .to_line()
    })
}

fn pledged(ctx: &Ctx<'_>, command: &str, a: &AidType, note: Option<String>, page: usize) -> Reply {
    let ds = ctx.ds;
    let list: Vec<(&Partner, &Pledge)> = ds.partners_pledging(&a.id).collect();
    #[derive(Serialize)]
    struct Item<'a> {
        id: &'a str,
        name: &'a str,
        signed: String,
        detail: &'a str,
        evidence: Evidence,
        sources: &'a [String],
    }
    let items: Vec<Item<'_>> = list
        .iter()
        .map(|(p, pl)| Item {
            id: p.id.as_str(),
            name: &p.names.en,
            signed: p.agreement.signed.to_string(),
            detail: &pl.detail,
            evidence: pl.evidence,
            sources: &pl.sources,
        })
        .collect();
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("_{}_\n", a.description));
    let press = list
        .iter()
        .filter(|(_, pl)| pl.evidence == Evidence::Press)
        .count();
    d.push_str(&format!(
        "**{}** of {} partners pledged it, in signing order.",
        list.len(),
        ds.partners.len()
    ));
    if press > 0 {
        d.push_str(&format!(
            " {press} of these rest on press reports only, marked below."
        ));
    }
    let mut b = ReplyBuilder::new(
        command,
        Status::Ok,
        format!("{} ({}) — who pledged it", a.en, a.uk),
    )
    .description(d)
    .data(serde_json::json!({
        "aid": { "id": a.id, "name": a.en, "name_uk": a.uk },
        "partners": items,
    }));
    if list.is_empty() {
        b = b.field(
            "Partners",
            "No partner's agreement mentions this kind of aid.",
            false,
        );
    } else {
        b = b.lines(
            "Partners",
            list.iter().map(|(p, pl)| {
                format!(
                    "{} **{}** ({}) — {} _({})_{}",
                    flag(p.id.as_str()),
                    p.names.en,
                    p.agreement.signed,
                    pl.detail,
                    evidence_mark(pl.evidence),
                    source_link(&pl.sources)
                )
            }),
        );
    }
    let id = a.id.to_string();
    b.build(&ctx.footer, page, |n| {
        Command::Pledged {
            aid: id.clone(),
            page: n,
        }
        .to_line()
    })
}

fn search(ctx: &Ctx<'_>, query: &str, page: usize) -> Reply {
    let ds = ctx.ds;
    match ds.index.resolve(query, Scope::Any) {
        Resolution::Exact(t) => answer_target(ctx, t, None, page),
        Resolution::Fuzzy { target, stage, .. } => answer_target(
            ctx,
            target,
            match_note(query, Some(stage), ds.target_name(target)),
            page,
        ),
        Resolution::Ambiguous(c) => no_match(ctx, "search", "thing", query, &c, true),
        Resolution::NoMatch { suggestions } => {
            let found = ds.index.scan(query, Scope::Any);
            let partners: Vec<Target> = found
                .iter()
                .copied()
                .filter(|t| matches!(t, Target::Partner(_)))
                .collect();
            let countries: Vec<Target> = found
                .iter()
                .copied()
                .filter(|t| matches!(t, Target::Country(_)))
                .collect();
            let aids: Vec<Target> = found
                .iter()
                .copied()
                .filter(|t| matches!(t, Target::Aid(_)))
                .collect();
            match (partners.as_slice(), aids.as_slice(), countries.as_slice()) {
                ([], [], []) => no_match(
                    ctx,
                    "search",
                    "partner or kind of aid",
                    query,
                    &suggestions,
                    false,
                ),
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
                    no_match(ctx, "search", "thing", query, &all, true)
                }
            }
        }
    }
}

fn answer_target(ctx: &Ctx<'_>, t: Target, note: Option<String>, page: usize) -> Reply {
    let ds = ctx.ds;
    match t {
        Target::Partner(i) => agreement(ctx, "search", &ds.partners[usize::from(i)], note, page),
        Target::Aid(i) => pledged(ctx, "search", &ds.aid_types[usize::from(i)], note, page),
        Target::Country(i) => not_a_partner(ctx, "search", &ds.countries[usize::from(i)], note),
    }
}

/// One partner's pledge on one kind of aid ("Japan drones").
fn pledge_of(ctx: &Ctx<'_>, p: Target, a: Target) -> Reply {
    let ds = ctx.ds;
    let (Target::Partner(pi), Target::Aid(ai)) = (p, a) else {
        return answer_target(ctx, p, None, 1);
    };
    let partner = &ds.partners[usize::from(pi)];
    let aid = &ds.aid_types[usize::from(ai)];
    let title = format!("{} {} — {}", flag(partner.id.as_str()), partner.names.en, aid.en);
    let b = match partner.pledge(&aid.id) {
        Some(pl) => ReplyBuilder::new("search", Status::Ok, title)
            .description(format!(
                "{} _({})_{}\n\nFrom the agreement signed {} in {}. Full record: `/agreement country:{}`",
                pl.detail,
                evidence_mark(pl.evidence),
                source_link(&pl.sources),
                partner.agreement.signed,
                partner.agreement.place,
                partner.id
            ))
            .data(serde_json::json!({
                "partner": { "id": partner.id, "name": partner.names.en },
                "aid": { "id": aid.id, "name": aid.en },
                "pledged": true,
                "detail": pl.detail,
                "evidence": pl.evidence,
                "sources": pl.sources,
            })),
        None => ReplyBuilder::new("search", Status::Ok, title)
            .description(format!(
                "{}'s agreement does not mention {} in this dataset. `/agreement country:{}` shows what it covers; `/pledged aid:{}` shows who pledged it.",
                partner.names.en,
                aid.en.to_lowercase(),
                partner.id,
                aid.id
            ))
            .data(serde_json::json!({
                "partner": { "id": partner.id, "name": partner.names.en },
                "aid": { "id": aid.id, "name": aid.en },
                "pledged": false,
                "sources": partner.sources.iter().map(|s| &s.url).collect::<Vec<_>>(),
            })),
    };
    b.build_one(&ctx.footer)
}

fn compare(ctx: &Ctx<'_>, first: &str, second: &str, page: usize) -> Reply {
    let ds = ctx.ds;
    let (a, _) = match resolve_partner(ctx, "compare", first) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let (b, _) = match resolve_partner(ctx, "compare", second) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let name = |id: &crate::dataset::AidId| ds.aid_type(id).map_or(id.as_str().to_string(), |t| t.en.clone());
    let shared: Vec<&Pledge> = a.aid.iter().filter(|p| b.pledge(&p.aid).is_some()).collect();
    let only_a: Vec<&Pledge> = a.aid.iter().filter(|p| b.pledge(&p.aid).is_none()).collect();
    let only_b: Vec<&Pledge> = b.aid.iter().filter(|p| a.pledge(&p.aid).is_none()).collect();
    let list = |v: &[&Pledge]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.iter().map(|p| name(&p.aid)).collect::<Vec<_>>().join(", ")
        }
    };
    let money = |p: &Partner| {
        if p.money.is_empty() {
            "No amount stated in the agreement or its summary.".to_string()
        } else {
            p.money
                .iter()
                .map(|m| {
                    let press = if m.evidence == Evidence::Press {
                        " _(press report)_"
                    } else {
                        ""
                    };
                    format!("• {} {}, {}{press}", money_amount(m), m.kind.label(), m.period)
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let side = |p: &Partner| {
        format!(
            "Signed **{}** in {}\n{}\nTerm: {}",
            p.agreement.signed,
            p.agreement.place,
            signatories(&p.agreement.signatories.partner),
            p.agreement.term
        )
    };
    let same = a.id == b.id;
    let mut desc = format!(
        "{} and {}: when they signed, what money they committed, and the aid areas they share.",
        a.names.en, b.names.en
    );
    if same {
        desc = format!("Both sides are {}: there is nothing to compare.", a.names.en);
    }
    let sources: Vec<&str> = a
        .sources
        .iter()
        .chain(&b.sources)
        .map(|s| s.url.as_str())
        .collect();
    ReplyBuilder::new(
        "compare",
        Status::Ok,
        format!("{} {} vs {} {}", flag(a.id.as_str()), a.names.en, flag(b.id.as_str()), b.names.en),
    )
    .description(desc)
    .data(serde_json::json!({
        "first": { "id": a.id, "name": a.names.en, "signed": a.agreement.signed.to_string(), "aid": a.aid.iter().map(|p| &p.aid).collect::<Vec<_>>() },
        "second": { "id": b.id, "name": b.names.en, "signed": b.agreement.signed.to_string(), "aid": b.aid.iter().map(|p| &p.aid).collect::<Vec<_>>() },
        "shared": shared.iter().map(|p| &p.aid).collect::<Vec<_>>(),
        "only_first": only_a.iter().map(|p| &p.aid).collect::<Vec<_>>(),
        "only_second": only_b.iter().map(|p| &p.aid).collect::<Vec<_>>(),
        "sources": sources,
    }))
    .block([
        (a.names.en.clone(), side(a), true),
        (b.names.en.clone(), side(b), true),
    ])
    .block([
        (format!("Money · {}", a.names.en), money(a), true),
        (format!("Money · {}", b.names.en), money(b), true),
    ])
    .field(format!("Both pledged ({})", shared.len()), list(&shared), false)
    .field(format!("Only {} ({})", a.names.en, only_a.len()), list(&only_a), false)
    .field(format!("Only {} ({})", b.names.en, only_b.len()), list(&only_b), false)
    .field(
        "Sources",
        format!(
            "[{}]({}) · [{}]({}) · details: `/agreement country:{}`, `/agreement country:{}`",
            a.sources[0].title, a.sources[0].url, b.sources[0].title, b.sources[0].url, a.id, b.id
        ),
        false,
    )
    .build(&ctx.footer, page, |n| Command::Compare { first: a.id.to_string(), second: b.id.to_string(), page: n }.to_line())
}

fn timeline(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let mut n = 0;
    let mut lines = Vec::new();
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        name: &'a str,
        signed: String,
        place: &'a str,
        count: Option<usize>,
    }
    let mut rows = Vec::new();
    for p in &ds.partners {
        let count = if p.agreement.in_official_count {
            n += 1;
            Some(n)
        } else {
            None
        };
        let number = count.map_or("—".to_string(), |c| format!("{c}."));
        let extra = if count.is_none() {
            " · _not in the official count_"
        } else {
            ""
        };
        lines.push(format!(
            "`{}` {number} {} **{}** — {}{extra}",
            p.agreement.signed,
            flag(p.id.as_str()),
            p.names.en,
            p.agreement.place
        ));
        rows.push(Row {
            id: p.id.as_str(),
            name: &p.names.en,
            signed: p.agreement.signed.to_string(),
            place: &p.agreement.place,
            count,
        });
    }
    let first = ds
        .partners
        .first()
        .map(|p| p.agreement.signed.to_string())
        .unwrap_or_default();
    let last = ds
        .partners
        .last()
        .map(|p| p.agreement.signed.to_string())
        .unwrap_or_default();
    ReplyBuilder::new("timeline", Status::Ok, "Signings in order")
        .description(format!(
            "{} agreements from {first} to {last}; the number is the running count. {}",
            ds.partners.len(),
            ds.meta.official_count_note
        ))
        .data(serde_json::json!({
            "partners": rows,
            "sources": [ds.meta.official_count_source.clone()],
        }))
        .lines("Timeline", lines)
        .field("Source", format!("<{}>", ds.meta.official_count_source), false)
        .build(&ctx.footer, page, |n| Command::Timeline { page: n }.to_line())
}

fn stats(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let counted = ds
        .partners
        .iter()
        .filter(|p| p.agreement.in_official_count)
        .count();
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    for p in &ds.partners {
        *by_year
            .entry(chrono::Datelike::year(&p.agreement.signed))
            .or_default() += 1;
    }
    // Sum per currency and kind; shares of GDP are listed, not summed.
    let mut sums: BTreeMap<(String, &'static str), (f64, usize)> = BTreeMap::new();
    let mut shares = Vec::new();
    let mut press_only = 0;
    for p in &ds.partners {
        for m in &p.money {
            if m.evidence == Evidence::Press {
                // Same-day packages and remarks are not commitments of the agreement.
                press_only += 1;
            } else if m.currency.is_share_of_gdp() {
                shares.push(format!("{}: {} ({})", p.names.en, money_amount(m), m.period));
            } else {
                let e = sums
                    .entry((m.currency.as_str().to_string(), m.kind.label()))
                    .or_default();
                e.0 += m.amount;
                e.1 += 1;
            }
        }
    }
    let mut counts: Vec<(&AidType, usize)> = ds
        .aid_types
        .iter()
        .map(|a| (a, ds.partners_pledging(&a.id).count()))
        .collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.en.cmp(&y.0.en)));
    let most: Vec<String> = counts
        .iter()
        .take(8)
        .map(|(a, n)| format!("• {} — {n}", a.en))
        .collect();
    let mut least: Vec<String> = counts
        .iter()
        .rev()
        .take(6)
        .map(|(a, n)| format!("• {} — {n}", a.en))
        .collect();
    least.reverse();
    let money_lines: Vec<String> = sums
        .iter()
        .map(|((cur, kind), (sum, n))| {
            format!(
                "• {cur} {} {kind} ({n} commitment{})",
                big_number(*sum),
                if *n == 1 { "" } else { "s" }
            )
        })
        .chain(shares.iter().map(|s| format!("• {s}")))
        .collect();
    ReplyBuilder::new("stats", Status::Ok, "The agreements in numbers")
        .description(format!(
            "**{counted}** agreements in the official count, {} records in all (see `/about`).\nMoney sums add up the amounts the agreements or their official summaries state, per currency; periods and kinds differ, and one fund may be quoted in two currencies, so read them as an order of magnitude, not a total.{}",
            ds.partners.len(),
            if press_only > 0 {
                format!(" {press_only} amount(s) known only from press reports are left out.")
            } else {
                String::new()
            }
        ))
        .data(serde_json::json!({
            "official_count": counted,
            "records": ds.partners.len(),
            "by_year": by_year,
            "money": sums.iter().map(|((c, k), (s, n))| serde_json::json!({"currency": c, "kind": k, "sum": s, "commitments": n})).collect::<Vec<_>>(),
            "aid_counts": counts.iter().map(|(a, n)| serde_json::json!({"id": a.id, "name": a.en, "partners": n})).collect::<Vec<_>>(),
            "sources": [ds.meta.official_count_source.clone()],
        }))
        .field(
            "Signed per year",
            by_year.iter().map(|(y, n)| format!("{y}: {n}")).collect::<Vec<_>>().join("\n"),
            true,
        )
        .lines("Money by currency", money_lines)
        .lines("Most pledged", most)
        .lines("Least pledged", least)
        .build(&ctx.footer, page, |n| Command::Stats { page: n }.to_line())
}

fn about(ctx: &Ctx<'_>, page: usize) -> Reply {
    let ds = ctx.ds;
    let m = &ds.meta;
    let mut b = ReplyBuilder::new("about", Status::Ok, "About pactbot")
        .description(format!(
            "pactbot answers questions about Ukraine's bilateral long-term security agreements from a curated dataset with a source for every claim.\n\n**Coverage:** {} agreement records — {}\nAlso {} kinds of aid, and {} countries without an agreement so that they are answered as such.\n**As of:** {} · dataset v{}\n**Evidence:** each pledge is marked _agreement text_, _official summary_ or _press report_; press reporting is never presented as treaty content.",
            ds.partners.len(),
            m.official_count_note,
            ds.aid_types.len(),
            ds.countries.len(),
            m.as_of,
            m.version
        ))
        .data(serde_json::json!({
            "version": m.version,
            "as_of": m.as_of.to_string(),
            "official_count": m.official_count,
            "frameworks": m.frameworks,
            "sources": m.sources.iter().map(|s| &s.url).collect::<Vec<_>>(),
        }));
    for f in &m.frameworks {
        b = b.lines(
            format!("{} ({}, {})", f.title, f.date, f.place),
            [
                f.summary.clone(),
                format!("**Who:** {}", f.members),
                f.sources
                    .iter()
                    .take(2)
                    .map(|u| format!("<{u}>"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ],
        );
    }
    b.lines(
        "Sources",
        m.sources.iter().map(|s| {
            format!(
                "• [{}]({}){}",
                s.title,
                s.url,
                if s.official { " · official" } else { "" }
            )
        }),
    )
    .build(&ctx.footer, page, |n| Command::About { page: n }.to_line())
}

fn help(ctx: &Ctx<'_>, page: usize) -> Reply {
    ReplyBuilder::new("help", Status::Ok, "How to use pactbot")
        .description(
            "Ask about Ukraine's bilateral security agreements. Partners can be named in English, Ukrainian or their own language, by code (GB, DE, EU) or abbreviation; typos are fine. Kinds of aid can be named in plain words (air defence, F-16, ППО).",
        )
        .data(serde_json::json!({
            "commands": table::COMMANDS.iter().map(|c| serde_json::json!({"name": c.name, "usage": c.usage(), "description": c.description, "example": c.example})).collect::<Vec<_>>(),
        }))
        .lines(
            "Commands",
            table::COMMANDS
                .iter()
                .map(|c| format!("`{}`\n{} · e.g. `{}`", c.usage(), c.description, c.example)),
        )
        .build(&ctx.footer, page, |n| Command::Help { page: n }.to_line())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Currency, MoneyKind, Qualifier};

    fn m(amount: f64, cur: &str, q: Qualifier) -> Money {
        Money {
            amount,
            currency: Currency(cur.into()),
            qualifier: q,
            period: "2024".into(),
            kind: MoneyKind::Military,
            note: None,
            evidence: Evidence::OfficialSummary,
            sources: vec![],
        }
    }

    #[test]
    fn amounts_read_like_a_person_writes_them() {
        assert_eq!(money_amount(&m(7.1e9, "EUR", Qualifier::Exactly)), "EUR 7.1 bn");
        assert_eq!(money_amount(&m(3e9, "EUR", Qualifier::UpTo)), "up to EUR 3 bn");
        assert_eq!(
            money_amount(&m(200e6, "GBP", Qualifier::AtLeast)),
            "at least GBP 200 m"
        );
        assert_eq!(
            money_amount(&m(0.25, "%GDP", Qualifier::Exactly)),
            "0.25 % of GDP"
        );
        assert_eq!(money_amount(&m(128e6, "EUR", Qualifier::Exactly)), "EUR 128 m");
        assert_eq!(
            money_amount(&m(1.125e9, "USD", Qualifier::About)),
            "about USD 1.125 bn"
        );
    }

    #[test]
    fn flags_come_from_codes() {
        assert_eq!(flag("GB"), "🇬🇧");
        assert_eq!(flag("EU"), "🇪🇺");
    }
}
