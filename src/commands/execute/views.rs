//! The typed shapes of the `--json` answers (DESIGN.md, "The command-line
//! contract"). Borrowed from the dataset: nothing is copied to build them.

use serde::Serialize;

use crate::commands::CommandSpec;
use crate::dataset::{
    AidType, Country, Dataset, Evidence, Framework, Money, OpenQuestion, Partner, Pledge, Signatories,
    Signatory, Text,
};
use crate::search::Target;

/// One partner's whole record (`/agreement`).
#[derive(Serialize)]
pub(super) struct PartnerView<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
    signed: String,
    place: &'a str,
    signatories: &'a Signatories,
    term: &'a str,
    legal_status: &'a str,
    in_official_count: bool,
    money: &'a [Money],
    aid: Vec<&'a str>,
    pledges: &'a [Pledge],
    notable: &'a [Text],
    open_questions: &'a [OpenQuestion],
    sources: Vec<&'a str>,
}

impl<'a> PartnerView<'a> {
    pub(super) fn new(p: &'a Partner) -> Self {
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
}

/// An aid type named in an answer.
#[derive(Serialize)]
pub(super) struct AidRef<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_uk: Option<&'a str>,
}

impl<'a> AidRef<'a> {
    pub(super) fn new(a: &'a AidType) -> Self {
        AidRef {
            id: a.id.as_str(),
            name: &a.en,
            name_uk: None,
        }
    }

    /// With the Ukrainian name too (`/pledged`).
    pub(super) fn with_uk(a: &'a AidType) -> Self {
        AidRef {
            name_uk: Some(&a.uk),
            ..AidRef::new(a)
        }
    }
}

/// A partner named in an answer.
#[derive(Serialize)]
pub(super) struct PartnerRef<'a> {
    id: &'a str,
    name: &'a str,
}

impl<'a> PartnerRef<'a> {
    pub(super) fn new(p: &'a Partner) -> Self {
        PartnerRef {
            id: p.id.as_str(),
            name: &p.names.en,
        }
    }
}

/// One partner's pledge of one kind of aid, in `/pledged`'s list.
#[derive(Serialize)]
pub(super) struct PledgeItem<'a> {
    id: &'a str,
    name: &'a str,
    signed: String,
    detail: &'a str,
    evidence: Evidence,
    sources: &'a [String],
}

impl<'a> PledgeItem<'a> {
    pub(super) fn new(p: &'a Partner, pl: &'a Pledge) -> Self {
        PledgeItem {
            id: p.id.as_str(),
            name: &p.names.en,
            signed: p.agreement.signed.to_string(),
            detail: &pl.detail,
            evidence: pl.evidence,
            sources: &pl.sources,
        }
    }
}

/// `/pledged`.
#[derive(Serialize)]
pub(super) struct PledgedView<'a> {
    pub aid: AidRef<'a>,
    pub partners: Vec<PledgeItem<'a>>,
}

/// `/search` naming one partner and one aid type.
#[derive(Serialize)]
pub(super) struct SearchView<'a> {
    pub partner: PartnerRef<'a>,
    pub aid: AidRef<'a>,
    pub pledged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    pub sources: Vec<&'a str>,
}

/// One side of `/compare`.
#[derive(Serialize)]
pub(super) struct CompareSide<'a> {
    id: &'a str,
    name: &'a str,
    signed: String,
    place: &'a str,
    /// Who signed for the partner (the text shows them too).
    signatories: &'a [Signatory],
    term: &'a str,
    money: &'a [Money],
    aid: Vec<&'a str>,
}

impl<'a> CompareSide<'a> {
    pub(super) fn new(p: &'a Partner) -> Self {
        CompareSide {
            id: p.id.as_str(),
            name: &p.names.en,
            signed: p.agreement.signed.to_string(),
            place: &p.agreement.place,
            signatories: &p.agreement.signatories.partner,
            term: &p.agreement.term,
            money: &p.money,
            aid: p.aid.iter().map(|a| a.aid.as_str()).collect(),
        }
    }
}

/// `/compare`.
#[derive(Serialize)]
pub(super) struct CompareView<'a> {
    pub first: CompareSide<'a>,
    pub second: CompareSide<'a>,
    pub shared: Vec<&'a str>,
    pub only_first: Vec<&'a str>,
    pub only_second: Vec<&'a str>,
    pub sources: Vec<&'a str>,
}

/// One signing in `/timeline`; `count` is its place in the official count.
#[derive(Serialize)]
pub(super) struct TimelineRow<'a> {
    id: &'a str,
    name: &'a str,
    signed: String,
    place: &'a str,
    count: Option<usize>,
}

impl<'a> TimelineRow<'a> {
    pub(super) fn new(p: &'a Partner, count: Option<usize>) -> Self {
        TimelineRow {
            id: p.id.as_str(),
            name: &p.names.en,
            signed: p.agreement.signed.to_string(),
            place: &p.agreement.place,
            count,
        }
    }
}

/// `/timeline`.
#[derive(Serialize)]
pub(super) struct TimelineView<'a> {
    pub partners: Vec<TimelineRow<'a>>,
    pub sources: [&'a str; 1],
}

/// A money sum of `/stats`.
#[derive(Serialize)]
pub(super) struct MoneySum<'a> {
    pub currency: &'a str,
    pub kind: &'a str,
    pub sum: f64,
    pub commitments: usize,
}

/// How many partners pledged an aid type.
#[derive(Serialize)]
pub(super) struct AidCount<'a> {
    id: &'a str,
    name: &'a str,
    partners: usize,
}

impl<'a> AidCount<'a> {
    pub(super) fn new(a: &'a AidType, partners: usize) -> Self {
        AidCount {
            id: a.id.as_str(),
            name: &a.en,
            partners,
        }
    }
}

/// `/stats`.
#[derive(Serialize)]
pub(super) struct StatsView<'a> {
    pub official_count: usize,
    pub records: usize,
    pub by_year: &'a std::collections::BTreeMap<i32, usize>,
    pub money: Vec<MoneySum<'a>>,
    pub aid_counts: Vec<AidCount<'a>>,
    pub sources: [&'a str; 1],
}

/// `/about`.
#[derive(Serialize)]
pub(super) struct AboutView<'a> {
    pub version: &'a str,
    pub as_of: String,
    pub official_count: u32,
    pub frameworks: &'a [Framework],
    pub sources: Vec<&'a str>,
}

/// One command of `/help`.
#[derive(Serialize)]
pub(super) struct CommandView {
    name: &'static str,
    usage: String,
    description: &'static str,
    example: &'static str,
}

impl CommandView {
    pub(super) fn new(c: &'static CommandSpec) -> Self {
        CommandView {
            name: c.name,
            usage: c.usage(),
            description: c.description,
            example: c.example,
        }
    }
}

/// `/help`.
#[derive(Serialize)]
pub(super) struct HelpView {
    pub commands: Vec<CommandView>,
}

/// `/agreement`.
#[derive(Serialize)]
pub(super) struct AgreementView<'a> {
    pub partner: PartnerView<'a>,
}

/// A command that could not be understood.
#[derive(Serialize)]
pub(super) struct ErrorView<'a> {
    pub error: &'a str,
}

/// A name the user may have meant.
#[derive(Serialize)]
pub(super) struct CandidateView<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
}

impl<'a> CandidateView<'a> {
    pub(super) fn new(ds: &'a Dataset, t: Target) -> Self {
        CandidateView {
            id: ds.target_id(t),
            name: ds.target_name(t),
            kind: match t {
                Target::Partner(_) => "partner",
                Target::Country(_) => "country",
                Target::Aid(_) => "aid",
            },
        }
    }
}

/// Nothing matched, or several things did.
#[derive(Serialize)]
pub(super) struct NoMatchView<'a> {
    pub query: &'a str,
    pub ambiguous: bool,
    pub candidates: Vec<CandidateView<'a>>,
}

/// A real country without an agreement, with what is known instead.
#[derive(Serialize)]
pub(super) struct CountryView<'a> {
    id: &'a str,
    name: &'a str,
    status: Option<&'a str>,
    sources: Option<&'a [String]>,
}

impl<'a> CountryView<'a> {
    pub(super) fn new(c: &'a Country) -> Self {
        CountryView {
            id: c.id.as_str(),
            name: &c.names.en,
            status: c.status.as_ref().map(|s| &*s.note),
            sources: c.status.as_ref().map(|s| s.sources.as_slice()),
        }
    }
}

/// `not_a_partner`.
#[derive(Serialize)]
pub(super) struct NotAPartnerView<'a> {
    pub country: CountryView<'a>,
}
