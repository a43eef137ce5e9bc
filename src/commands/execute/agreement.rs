//! `/agreement`: one partner's whole record, also what `/search` answers
//! for a partner alone.

use super::format::{
    bold, bullet, evidence_mark, flag, italic, link, money_line, signatories, source_link, with_article,
    WARNING,
};
use super::views::{AgreementView, PartnerView};
use super::Ctx;
use crate::commands::Command;
use crate::dataset::{Dataset, Partner};
use crate::reply::{Reply, ReplyBuilder, Status};

pub(super) fn agreement(ctx: &Ctx<'_>, p: &Partner, note: Option<String>, page: usize) -> Reply {
    let mut b = ctx
        .reply(
            Status::Ok,
            format!("{} {} — security agreement", flag(p.id.as_str()), p.names.en),
        )
        .description(description(ctx.ds, p, note))
        .data(AgreementView {
            partner: PartnerView::new(p),
        });
    if !p.money.is_empty() {
        b = b.lines("Money", p.money.iter().map(money_line));
    }
    b = aid_lines(ctx.ds, p, b);
    if !p.notable.is_empty() {
        b = b.lines("Notable", p.notable.iter().map(bullet));
    }
    if !p.open_questions.is_empty() {
        b = b.lines(
            "Open questions",
            p.open_questions.iter().map(|q| {
                format!(
                    "{WARNING} {} — {}{}",
                    bold(&q.topic),
                    q.note,
                    source_link(&q.sources)
                )
            }),
        );
    }
    b = b.lines(
        "Sources",
        p.sources.iter().map(|s| {
            bullet(format!(
                "{}{}",
                link(&s.title, &s.url),
                if s.official { " · official" } else { "" }
            ))
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

/// Title, date and place, who signed, term and status.
fn description(ds: &Dataset, p: &Partner, note: Option<String>) -> String {
    let a = &p.agreement;
    let mut d = String::new();
    if let Some(n) = note {
        d.push_str(&n);
        d.push('\n');
    }
    d.push_str(&format!("{}\n", bold(&a.title)));
    if let Some(t) = &a.title_native {
        d.push_str(&format!("{}\n", italic(t)));
    }
    let position = match count_position(ds, p) {
        Some(n) => format!(" · no. {n} of {} in the official count", ds.meta.official_count),
        None => " · not in the official count".to_string(),
    };
    d.push_str(&format!("Signed {} in {}{position}\n", bold(a.signed), a.place));
    d.push_str(&format!(
        "For {}: {}\n",
        with_article(&p.names.en),
        signatories(&a.signatories.partner)
    ));
    d.push_str(&format!("For Ukraine: {}\n", signatories(&a.signatories.ukraine)));
    d.push_str(&format!(
        "{} {}\n{} {}",
        bold("Term:"),
        a.term,
        bold("Status:"),
        a.legal_status
    ));
    if let Some(n) = &a.count_note {
        d.push_str(&format!("\n{} {n}", bold("Official count:")));
    }
    d
}

/// One line per aid area, with its evidence and source.
fn aid_lines(ds: &Dataset, p: &Partner, b: ReplyBuilder) -> ReplyBuilder {
    b.lines(
        format!("Aid areas ({})", p.aid.len()),
        p.aid.iter().map(|pl| {
            let name = ds.aid_type(&pl.aid).map_or(pl.aid.as_str(), |t| t.en.as_str());
            bullet(format!(
                "{} — {} {}{}",
                bold(name),
                pl.detail,
                italic(format!("({})", evidence_mark(pl.evidence))),
                source_link(&pl.sources)
            ))
        }),
    )
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
