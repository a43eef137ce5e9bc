//! The typed shapes of the `--json` answers (DESIGN.md, "The command-line
//! contract"). Borrowed from the dataset, with every data text in the
//! reader's language: nothing is copied but the dates.

mod money;
mod record;

use serde::Serialize;

pub(super) use money::{CommitmentView, MoneyTableView};
use record::{aid_ids, money, signatories, MoneyView, SignatoryView};
pub(super) use record::{frameworks, FrameworkView, PartnerView};

use crate::commands::CommandSpec;
use crate::dataset::{AidType, Basis, Country, Dataset, Evidence, Partner, Pledge};
use crate::lang::Lang;
use crate::search::Target;

/// An aid type named in an answer.
#[derive(Serialize)]
pub(super) struct AidRef<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_uk: Option<&'a str>,
}

pub(super) fn aid_name(lang: Lang, a: &AidType) -> &str {
    match lang {
        Lang::En => &a.en,
        Lang::Uk => &a.uk,
    }
}

impl<'a> AidRef<'a> {
    pub(super) fn new(lang: Lang, a: &'a AidType) -> Self {
        AidRef {
            id: a.id.as_str(),
            name: aid_name(lang, a),
            name_uk: None,
        }
    }

    /// With the Ukrainian name too (`/pledged`).
    pub(super) fn with_uk(lang: Lang, a: &'a AidType) -> Self {
        AidRef {
            name_uk: Some(&a.uk),
            ..AidRef::new(lang, a)
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
    pub(super) fn new(lang: Lang, p: &'a Partner) -> Self {
        PartnerRef {
            id: p.id.as_str(),
            name: p.names.get(lang),
        }
    }
}

/// One partner's pledge of one kind of aid, in `/pledged`'s lists.
#[derive(Serialize)]
pub(super) struct PledgeItem<'a> {
    id: &'a str,
    name: &'a str,
    signed: String,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<&'a str>,
    evidence: Evidence,
    sources: &'a [String],
}

impl<'a> PledgeItem<'a> {
    pub(super) fn new(lang: Lang, p: &'a Partner, pl: &'a Pledge) -> Self {
        PledgeItem {
            id: p.id.as_str(),
            name: p.names.get(lang),
            signed: p.agreement.signed.to_string(),
            detail: pl.detail.get(lang),
            clause: pl.clause.as_ref().map(|c| c.get(lang)),
            evidence: pl.evidence,
            sources: &pl.sources,
        }
    }
}

/// `/pledged`: `partners` holds the pledges in the agreements, `alongside`
/// (same item shape) what was announced with them.
#[derive(Serialize)]
pub(super) struct PledgedView<'a> {
    pub aid: AidRef<'a>,
    pub partners: Vec<PledgeItem<'a>>,
    pub alongside: Vec<PledgeItem<'a>>,
    /// When filtered by a partner group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupRef<'a>>,
    /// When the query named a weapon system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<SystemRef<'a>>,
}

/// A partner group, as `/pledged group:` names it.
#[derive(Serialize)]
pub(super) struct GroupRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// A named system and the partners whose agreement pledge names it.
#[derive(Serialize)]
pub(super) struct SystemRef<'a> {
    pub name: &'a str,
    pub named_by: Vec<&'a str>,
}

/// What a partner announced alongside its agreement, not in it.
#[derive(Serialize)]
pub(super) struct AlongsideView<'a> {
    pub detail: &'a str,
    pub evidence: Evidence,
    pub sources: &'a [String],
}

/// `/search` naming one partner and one aid type. `pledged` is true only
/// for a pledge in the agreement.
#[derive(Serialize)]
pub(super) struct SearchView<'a> {
    pub partner: PartnerRef<'a>,
    pub aid: AidRef<'a>,
    pub pledged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alongside: Option<AlongsideView<'a>>,
    pub sources: Vec<&'a str>,
}

/// `/search` naming one partner and one weapon system. `mentioned`: a line
/// of the agreement mentions it; `mentioned_alongside`: a line announced
/// alongside it does; neither: the dataset does not say (`aid_pledge` is
/// then the partner's pledge of the system's aid type, if any).
#[derive(Serialize)]
pub(super) struct SystemSearchView<'a> {
    pub partner: PartnerRef<'a>,
    pub system: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aid: Option<AidRef<'a>>,
    pub mentioned: bool,
    pub mentioned_alongside: bool,
    pub lines: Vec<SystemLineView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aid_pledge: Option<SystemLineView<'a>>,
}

/// One line of a partner's record in [`SystemSearchView`].
#[derive(Serialize)]
pub(super) struct SystemLineView<'a> {
    pub aid: &'a str,
    pub alongside: bool,
    pub detail: &'a str,
    pub evidence: Evidence,
    pub sources: &'a [String],
}

/// One side of `/compare`.
#[derive(Serialize)]
pub(super) struct CompareSide<'a> {
    id: &'a str,
    name: &'a str,
    signed: String,
    place: &'a str,
    /// Who signed for the partner (the text shows them too).
    signatories: Vec<SignatoryView<'a>>,
    term: &'a str,
    money: Vec<MoneyView<'a>>,
    /// In the agreement.
    aid: Vec<&'a str>,
    /// Announced alongside it.
    alongside: Vec<&'a str>,
}

impl<'a> CompareSide<'a> {
    pub(super) fn new(lang: Lang, p: &'a Partner) -> Self {
        CompareSide {
            id: p.id.as_str(),
            name: p.names.get(lang),
            signed: p.agreement.signed.to_string(),
            place: p.agreement.place.get(lang),
            signatories: signatories(lang, &p.agreement.signatories.partner),
            term: p.agreement.term.get(lang),
            money: money(lang, &p.money),
            aid: aid_ids(p, Basis::Agreement),
            alongside: aid_ids(p, Basis::Alongside),
        }
    }
}

/// `/compare`: `shared` and `only_*` count pledges in the agreements only.
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
    pub(super) fn new(lang: Lang, p: &'a Partner, count: Option<usize>) -> Self {
        TimelineRow {
            id: p.id.as_str(),
            name: p.names.get(lang),
            signed: p.agreement.signed.to_string(),
            place: p.agreement.place.get(lang),
            count,
        }
    }
}

/// `/timeline`.
#[derive(Serialize)]
pub(super) struct TimelineView<'a> {
    /// The `year:` filter, when given: `partners` are that year's signings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
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

/// How many partners pledged an aid type in their agreements.
#[derive(Serialize)]
pub(super) struct AidCount<'a> {
    id: &'a str,
    name: &'a str,
    partners: usize,
}

impl<'a> AidCount<'a> {
    pub(super) fn new(lang: Lang, a: &'a AidType, partners: usize) -> Self {
        AidCount {
            id: a.id.as_str(),
            name: aid_name(lang, a),
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
    pub frameworks: Vec<FrameworkView<'a>>,
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
    pub(super) fn new(lang: Lang, c: &'static CommandSpec) -> Self {
        CommandView {
            name: c.name,
            usage: c.usage(),
            description: c.description_in(lang),
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
    pub(super) fn new(lang: Lang, c: &'a Country) -> Self {
        CountryView {
            id: c.id.as_str(),
            name: c.names.get(lang),
            status: c.status.as_ref().map(|s| s.note.get(lang)),
            sources: c.status.as_ref().map(|s| s.sources.as_slice()),
        }
    }
}

/// `not_a_partner`.
#[derive(Serialize)]
pub(super) struct NotAPartnerView<'a> {
    pub country: CountryView<'a>,
}

/// `group:` named no known group: the groups there are.
#[derive(Serialize)]
pub(in crate::commands::execute) struct NoGroupView<'a> {
    pub query: &'a str,
    pub groups: Vec<&'a str>,
}
