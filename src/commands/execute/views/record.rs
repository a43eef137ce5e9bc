//! Views of whole records (a partner's agreement, money, pledges, the
//! frameworks), in the reader's language.

use serde::Serialize;

use crate::dataset::{
    Basis, Currency, Evidence, Framework, Money, MoneyKind, OpenQuestion, Partner, Qualifier, Signatory,
};
use crate::lang::Lang;

/// Someone who signed, with their office.
#[derive(Serialize)]
pub(in crate::commands::execute) struct SignatoryView<'a> {
    name: &'a str,
    office: &'a str,
}

pub(super) fn signatories(lang: Lang, list: &[Signatory]) -> Vec<SignatoryView<'_>> {
    list.iter()
        .map(|s| SignatoryView {
            name: s.name.get(lang),
            office: s.office.get(lang),
        })
        .collect()
}

/// Who signed for each side.
#[derive(Serialize)]
pub(in crate::commands::execute) struct SignatoriesView<'a> {
    partner: Vec<SignatoryView<'a>>,
    ukraine: Vec<SignatoryView<'a>>,
}

/// One money commitment.
#[derive(Serialize)]
pub(in crate::commands::execute) struct MoneyView<'a> {
    amount: f64,
    currency: &'a Currency,
    qualifier: Qualifier,
    period: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<[u16; 2]>,
    kind: MoneyKind,
    basis: Basis,
    note: Option<&'a str>,
    evidence: Evidence,
    sources: &'a [String],
}

pub(super) fn money(lang: Lang, list: &[Money]) -> Vec<MoneyView<'_>> {
    list.iter()
        .map(|m| MoneyView {
            amount: m.amount,
            currency: &m.currency,
            qualifier: m.qualifier,
            period: m.period.get(lang),
            years: m.years,
            kind: m.kind,
            basis: m.basis,
            note: m.note.as_ref().map(|n| n.get(lang)),
            evidence: m.evidence,
            sources: &m.sources,
        })
        .collect()
}

/// One pledge of a partner's record.
#[derive(Serialize)]
pub(in crate::commands::execute) struct PledgeView<'a> {
    aid: &'a str,
    basis: Basis,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<&'a str>,
    evidence: Evidence,
    sources: &'a [String],
}

/// An open question about a record.
#[derive(Serialize)]
pub(in crate::commands::execute) struct OpenQuestionView<'a> {
    topic: &'a str,
    note: &'a str,
    sources: &'a [String],
}

fn open_questions(lang: Lang, list: &[OpenQuestion]) -> Vec<OpenQuestionView<'_>> {
    list.iter()
        .map(|q| OpenQuestionView {
            topic: q.topic.get(lang),
            note: q.note.get(lang),
            sources: &q.sources,
        })
        .collect()
}

/// The aid ids of a partner's pledges on one basis.
pub(super) fn aid_ids(p: &Partner, basis: Basis) -> Vec<&str> {
    p.aid
        .iter()
        .filter(|pl| pl.basis == basis)
        .map(|pl| pl.aid.as_str())
        .collect()
}

/// One partner's whole record (`/agreement`). `aid` lists what is in the
/// agreement, `alongside` what was announced with it; `pledges` has both,
/// each with its `basis`.
#[derive(Serialize)]
pub(in crate::commands::execute) struct PartnerView<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
    signed: String,
    place: &'a str,
    signatories: SignatoriesView<'a>,
    term: &'a str,
    legal_status: &'a str,
    in_official_count: bool,
    money: Vec<MoneyView<'a>>,
    aid: Vec<&'a str>,
    alongside: Vec<&'a str>,
    pledges: Vec<PledgeView<'a>>,
    notable: Vec<&'a str>,
    open_questions: Vec<OpenQuestionView<'a>>,
    sources: Vec<&'a str>,
}

impl<'a> PartnerView<'a> {
    pub(in crate::commands::execute) fn new(lang: Lang, p: &'a Partner) -> Self {
        let a = &p.agreement;
        PartnerView {
            id: p.id.as_str(),
            name: p.names.get(lang),
            title: a.title.get(lang),
            signed: a.signed.to_string(),
            place: a.place.get(lang),
            signatories: SignatoriesView {
                partner: signatories(lang, &a.signatories.partner),
                ukraine: signatories(lang, &a.signatories.ukraine),
            },
            term: a.term.get(lang),
            legal_status: a.legal_status.get(lang),
            in_official_count: a.in_official_count,
            money: money(lang, &p.money),
            aid: aid_ids(p, Basis::Agreement),
            alongside: aid_ids(p, Basis::Alongside),
            pledges: p
                .aid
                .iter()
                .map(|pl| PledgeView {
                    aid: pl.aid.as_str(),
                    basis: pl.basis,
                    detail: pl.detail.get(lang),
                    clause: pl.clause.as_ref().map(|c| c.get(lang)),
                    evidence: pl.evidence,
                    sources: &pl.sources,
                })
                .collect(),
            notable: p.notable.iter().map(|n| n.get(lang)).collect(),
            open_questions: open_questions(lang, &p.open_questions),
            sources: p.sources.iter().map(|s| s.url.as_str()).collect(),
        }
    }
}

/// A framework the agreements belong to (the G7 declaration, the Compact).
#[derive(Serialize)]
pub(in crate::commands::execute) struct FrameworkView<'a> {
    id: &'a str,
    title: &'a str,
    date: String,
    place: &'a str,
    summary: &'a str,
    members: &'a str,
    sources: &'a [String],
}

/// Every framework of the metadata.
pub(in crate::commands::execute) fn frameworks(lang: Lang, list: &[Framework]) -> Vec<FrameworkView<'_>> {
    list.iter()
        .map(|f| FrameworkView {
            id: &f.id,
            title: f.title.get(lang),
            date: f.date.to_string(),
            place: f.place.get(lang),
            summary: f.summary.get(lang),
            members: f.members.get(lang),
            sources: &f.sources,
        })
        .collect()
}
