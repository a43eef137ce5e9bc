//! `/pledged`: every partner whose agreement includes one kind of aid, then,
//! apart and not counted, what was announced alongside the agreements. Also
//! what `/search` answers for an aid type alone.

use super::format::{
    bold, bullet, code, escape_user_text, evidence_mark, flag, in_sentence, italic, source_link,
};
use super::views::{AidRef, GroupRef, NoGroupView, PledgeItem, PledgedView, SystemRef};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{AidType, Evidence, Group, Partner, Pledge, System};
use crate::lang::Lang;
use crate::reply::{Reply, ReplyBuilder, Status};

/// What narrows or orders the list: a partner group, a named system.
#[derive(Clone, Copy, Default)]
pub(super) struct Filter<'a> {
    pub group: Option<&'a Group>,
    pub system: Option<&'a System>,
}

pub(super) fn pledged(ctx: &Ctx<'_>, a: &AidType, note: Option<String>, f: Filter<'_>, page: usize) -> Reply {
    let (ds, s) = (ctx.ds, ctx.s);
    let in_group = |p: &Partner| f.group.is_none_or(|g| g.has(&p.id));
    let agreed: Vec<(&Partner, &Pledge)> = ds.partners_pledging(&a.id).filter(|(p, _)| in_group(p)).collect();
    let alongside: Vec<(&Partner, &Pledge)> = ds
        .partners
        .iter()
        .filter(|p| in_group(p))
        .filter_map(|p| p.alongside(&a.id).map(|pl| (p, pl)))
        .collect();
    // Asked about a system: the pledges that name it first, then the rest.
    let names = |pl: &Pledge| f.system.is_some_and(|sy| sy.named_in(&pl.detail.en));
    let (naming, rest): (Vec<_>, Vec<_>) = agreed.iter().partition(|(_, pl)| names(pl));
    let named_alongside = alongside.iter().filter(|(_, pl)| names(pl)).count();
    let (name, other) = match ctx.lang {
        Lang::En => (&a.en, &a.uk),
        Lang::Uk => (&a.uk, &a.en),
    };
    let base = (s.pledged_title)(name, other);
    let title = match (f.system, f.group) {
        (Some(sy), _) => format!("{} — {base}", sy.name),
        (None, Some(g)) => format!("{base}: {}", group_name(ctx, g)),
        (None, None) => base,
    };
    let mut b = ctx
        .reply(Status::Ok, title)
        .description(description(
            ctx,
            a,
            note,
            &agreed,
            alongside.len(),
            f,
            (naming.len(), named_alongside),
        ))
        .data_with(|| PledgedView {
            aid: AidRef::with_uk(ctx.lang, a),
            partners: naming
                .iter()
                .chain(&rest)
                .map(|&&(p, pl)| PledgeItem::new(ctx.lang, p, pl))
                .collect(),
            alongside: alongside
                .iter()
                .map(|&(p, pl)| PledgeItem::new(ctx.lang, p, pl))
                .collect(),
            group: f.group.map(|g| GroupRef {
                id: &g.id,
                name: group_name(ctx, g),
            }),
            system: f.system.map(|sy| SystemRef {
                name: &sy.name,
                named_by: naming.iter().map(|(p, _)| p.id.as_str()).collect(),
            }),
        });
    if agreed.is_empty() {
        b = b.field(s.partners, s.nobody_pledged, false);
    } else if let Some(sy) = f.system {
        b = system_sections(ctx, b, sy, name, &naming, &rest);
    } else {
        b = b.lines(s.partners, agreed.iter().map(|&(p, pl)| line(ctx, p, pl)));
    }
    if !alongside.is_empty() {
        b = b.lines(
            s.alongside_section,
            alongside.iter().map(|&(p, pl)| line(ctx, p, pl)),
        );
    }
    let aid = f.system.map_or_else(|| a.id.to_string(), |sy| sy.name.clone());
    let group = f.group.map(|g| g.id.clone());
    b.build(&ctx.footer, page, |n| {
        Command::Pledged {
            aid: aid.clone(),
            group: group.clone(),
            page: n,
        }
        .to_line()
    })
}

/// Asked about a system: the pledges naming it, then the other pledges of
/// its aid type, each a section.
fn system_sections(
    ctx: &Ctx<'_>,
    mut b: ReplyBuilder,
    sy: &System,
    aid_name: &str,
    naming: &[&(&Partner, &Pledge)],
    rest: &[&(&Partner, &Pledge)],
) -> ReplyBuilder {
    if !naming.is_empty() {
        b = b.lines(
            (ctx.s.naming_system)(&sy.name),
            naming.iter().map(|&&(p, pl)| line(ctx, p, pl)),
        );
    }
    if !rest.is_empty() {
        b = b.lines(
            (ctx.s.other_pledges)(aid_name),
            rest.iter().map(|&&(p, pl)| line(ctx, p, pl)),
        );
    }
    b
}

/// A group's name in the reader's language.
fn group_name<'a>(ctx: &Ctx<'_>, g: &'a Group) -> &'a str {
    match ctx.lang {
        Lang::Uk => &g.names.uk,
        Lang::En => &g.names.en,
    }
}

/// The answer to `group:` naming no known group: the groups there are.
pub(super) fn no_group(ctx: &Ctx<'_>, typed: &str) -> Reply {
    let groups: Vec<String> = ctx
        .ds
        .groups
        .iter()
        .map(|g| bullet(format!("{} ({})", group_name(ctx, g), code(&g.id))))
        .collect();
    ctx.reply(Status::NoMatch, ctx.s.no_match_title)
        .description((ctx.s.no_such_group)(&(ctx.s.quote)(&escape_user_text(
            typed, 80,
        ))))
        .lines(ctx.s.groups, groups)
        .data_with(|| NoGroupView {
            query: typed,
            groups: ctx.ds.groups.iter().map(|g| g.id.as_str()).collect(),
        })
        .build_one(&ctx.footer)
}

/// Whether any agreement names the system, said plainly.
fn system_line(ctx: &Ctx<'_>, sy: &System, a: &AidType, (naming, alongside): (usize, usize)) -> String {
    let makers: Vec<&str> = sy
        .makers
        .iter()
        .filter_map(|m| {
            let id = crate::dataset::PartnerId(m.clone());
            ctx.ds.partner(&id).map(|p| ctx.name(p)).or_else(|| {
                ctx.ds
                    .countries
                    .iter()
                    .find(|c| c.id.as_str() == m)
                    .map(|c| c.names.get(ctx.lang))
            })
        })
        .collect();
    (ctx.s.system_named)(
        &bold(&sy.name),
        &makers,
        &in_sentence(ctx.aid_name(a)),
        naming,
        alongside,
    )
}

/// The aid type's description, the count of agreements that include it,
/// and how many announcements alongside them are listed apart.
fn description(
    ctx: &Ctx<'_>,
    a: &AidType,
    note: Option<String>,
    agreed: &[(&Partner, &Pledge)],
    alongside: usize,
    f: Filter<'_>,
    named: (usize, usize),
) -> String {
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("{}\n", italic(ctx.t(&a.description))));
    if let Some(sy) = f.system {
        d.push_str(&system_line(ctx, sy, a, named));
        d.push('\n');
    }
    let press = agreed
        .iter()
        .filter(|(_, pl)| pl.evidence == Evidence::Press)
        .count();
    match f.group {
        Some(g) => d.push_str(&(ctx.s.pledged_in_group)(
            &bold(agreed.len()),
            g.members.len(),
            group_name(ctx, g),
        )),
        None => d.push_str(&(ctx.s.pledged_count)(&bold(agreed.len()), ctx.ds.partners.len())),
    }
    if press > 0 {
        d.push(' ');
        d.push_str(&(ctx.s.press_only)(press));
    }
    if alongside > 0 {
        d.push(' ');
        d.push_str(&(ctx.s.alongside_note)(alongside));
    }
    d
}

/// One partner's pledge as a list line.
fn line(ctx: &Ctx<'_>, p: &Partner, pl: &Pledge) -> String {
    format!(
        "{} {} ({}) — {} {}{}",
        flag(p.id.as_str()),
        bold(ctx.name(p)),
        (ctx.s.date)(p.agreement.signed),
        ctx.t(&pl.detail),
        evidence_mark(ctx, pl.evidence, pl.clause.as_ref()),
        source_link(ctx, &p.sources, &pl.sources)
    )
}
