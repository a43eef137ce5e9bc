//! `/money --json`: every commitment with its conversion, numbers as numbers.

use serde::Serialize;

use super::PartnerRef;
use crate::dataset::{Basis, Currency, Evidence, MoneyKind, Qualifier, RatesSource};
use crate::figures::{Section, Span};

/// `/money`.
#[derive(Serialize)]
pub(in crate::commands::execute) struct MoneyTableView<'a> {
    /// Always true: the figures are what was committed, not delivered.
    pub commitments_not_deliveries: bool,
    /// Where the euro rates come from.
    pub conversion: &'a RatesSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// With a year: commitments left out because no years are stated.
    pub undated_left_out: usize,
    pub commitments: Vec<CommitmentView<'a>>,
}

/// One commitment of `/money`.
#[derive(Serialize)]
pub(in crate::commands::execute) struct CommitmentView<'a> {
    pub section: Section,
    pub span: Span,
    pub partner: PartnerRef<'a>,
    pub amount: f64,
    pub currency: &'a Currency,
    pub qualifier: Qualifier,
    pub period: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<[u16; 2]>,
    pub kind: MoneyKind,
    pub basis: Basis,
    pub evidence: Evidence,
    /// In euros, rounded to the euro; absent for a share of GDP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eur: Option<f64>,
    /// Units of the currency per euro (ECB reference rate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// The ECB publication day of the rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_published: Option<String>,
    pub sources: &'a [String],
}
