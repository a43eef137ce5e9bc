//! The serde model of the dataset files in `data/`.
//!
//! Every struct denies unknown fields: a misspelt key in a data file is an
//! error that names the file, never a silently ignored fact.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A partner id: an ISO 3166-1 alpha-2 code in upper case, or `EU`.
///
/// Stable: users type it (`/agreement country:GB`) and tests rely on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartnerId(pub String);

impl PartnerId {
    /// Whether the id has the required shape (two ASCII capitals).
    pub fn is_well_formed(&self) -> bool {
        self.0.len() == 2 && self.0.bytes().all(|b| b.is_ascii_uppercase())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An aid-type id from the taxonomy (`air-defence`, `drones`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AidId(pub String);

impl AidId {
    /// Lower-case ASCII words joined by single hyphens.
    pub fn is_well_formed(&self) -> bool {
        !self.0.is_empty()
            && self
                .0
                .split('-')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How directly a statement is backed by the agreement itself.
///
/// Press reporting is never presented as treaty content: renderers mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The published agreement text, or an excerpt of it.
    AgreementText,
    /// A government's official summary (Ukraine's Presidential Office, the partner government).
    OfficialSummary,
    /// Press reporting or leaders' remarks around the signing.
    Press,
}

impl Evidence {
    pub fn label(self) -> &'static str {
        match self {
            Evidence::AgreementText => "agreement text",
            Evidence::OfficialSummary => "official summary",
            Evidence::Press => "press",
        }
    }
}

/// A source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    /// A short human title ("GOV.UK press release").
    pub title: String,
    /// Published by a government or the EU (not press).
    #[serde(default)]
    pub official: bool,
}

/// The names people use for a country or the EU.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// English short name ("United Kingdom").
    pub en: String,
    /// English official name ("United Kingdom of Great Britain and Northern Ireland").
    #[serde(default)]
    pub official: Option<String>,
    /// Every official native name, short and long ("België", "Belgique", "Belgien").
    #[serde(default)]
    pub native: Vec<String>,
    /// Ukrainian short name ("Велика Британія").
    pub uk: String,
    /// Other Ukrainian forms (official long name, common variants).
    #[serde(default)]
    pub uk_other: Vec<String>,
    /// Abbreviations and other English short forms ("UK", "GB", "Britain").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Demonyms, adjective and noun ("British", "Briton").
    #[serde(default)]
    pub demonyms: Vec<String>,
}

impl Names {
    /// Every name, for the resolver. Order: most canonical first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str())
            .chain(self.official.as_deref())
            .chain(self.native.iter().map(String::as_str))
            .chain(std::iter::once(self.uk.as_str()))
            .chain(self.uk_other.iter().map(String::as_str))
            .chain(self.abbreviations.iter().map(String::as_str))
            .chain(self.demonyms.iter().map(String::as_str))
    }
}

/// Someone who signed, with their office at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub name: String,
    pub office: String,
}

/// Who signed for each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatories {
    pub partner: Vec<Signatory>,
    pub ukraine: Vec<Signatory>,
}

/// What kind of money a commitment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MoneyKind {
    Military,
    Financial,
    Humanitarian,
    Reconstruction,
    /// Military and civilian together, or not broken down by the source.
    Total,
}

impl MoneyKind {
    pub fn label(self) -> &'static str {
        match self {
            MoneyKind::Military => "military",
            MoneyKind::Financial => "financial",
            MoneyKind::Humanitarian => "humanitarian",
            MoneyKind::Reconstruction => "reconstruction",
            MoneyKind::Total => "overall",
        }
    }
}

/// How the source qualifies an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    #[default]
    Exactly,
    UpTo,
    AtLeast,
    About,
    MoreThan,
}

impl Qualifier {
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exactly => "",
            Qualifier::UpTo => "up to ",
            Qualifier::AtLeast => "at least ",
            Qualifier::About => "about ",
            Qualifier::MoreThan => "more than ",
        }
    }
}

/// The unit of a money commitment: an ISO 4217 code, or `%GDP` for a share of GDP.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(pub String);

impl Currency {
    pub const SHARE_OF_GDP: &'static str = "%GDP";

    pub fn is_well_formed(&self) -> bool {
        self.0 == Self::SHARE_OF_GDP || (self.0.len() == 3 && self.0.bytes().all(|b| b.is_ascii_uppercase()))
    }
    pub fn is_share_of_gdp(&self) -> bool {
        self.0 == Self::SHARE_OF_GDP
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One money commitment, in the currency the source uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// In whole units (7.1e9 for EUR 7.1 bn), or percent for `%GDP`.
    pub amount: f64,
    pub currency: Currency,
    #[serde(default)]
    pub qualifier: Qualifier,
    /// The period it covers ("2024", "2024–2026", "10 years").
    pub period: String,
    pub kind: MoneyKind,
    #[serde(default)]
    pub note: Option<String>,
    pub evidence: Evidence,
    pub sources: Vec<String>,
}

/// One aid area a partner pledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    pub aid: AidId,
    /// One line of what was pledged.
    pub detail: String,
    pub evidence: Evidence,
    pub sources: Vec<String>,
}

/// A point where sources disagree or a fact could not be confirmed. Shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    pub topic: String,
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The agreement itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Official English title (or the best attested one; see `open_questions`).
    pub title: String,
    /// The title in the partner's language, where published.
    #[serde(default)]
    pub title_native: Option<String>,
    pub signed: NaiveDate,
    /// Position among agreements signed on the same day (Germany before France on 2024-02-16).
    #[serde(default)]
    pub same_day_order: u8,
    pub place: String,
    pub signatories: Signatories,
    /// Term in plain words ("10 years").
    pub term: String,
    /// Legal status in plain words ("executive agreement; terminable on six months' notice").
    pub legal_status: String,
    /// Whether Ukraine's Ministry of Defence counts it among the official agreements.
    pub in_official_count: bool,
    /// Why it is or is not counted, where that needs saying.
    #[serde(default)]
    pub count_note: Option<String>,
}

/// One partner record: a file `data/partners/<ID>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: PartnerId,
    pub names: Names,
    pub agreement: Agreement,
    #[serde(default)]
    pub money: Vec<Money>,
    pub aid: Vec<Pledge>,
    #[serde(default)]
    pub notable: Vec<String>,
    #[serde(default)]
    pub open_questions: Vec<OpenQuestion>,
    pub sources: Vec<Source>,
}

impl Partner {
    pub fn pledge(&self, aid: &AidId) -> Option<&Pledge> {
        self.aid.iter().find(|p| &p.aid == aid)
    }
}

/// One aid type of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AidType {
    pub id: AidId,
    pub en: String,
    pub uk: String,
    pub description: String,
    /// Names people use, English and Ukrainian ("Patriot", "ППО").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `data/aid-types.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AidTypesFile {
    pub aid_types: Vec<AidType>,
}

/// What is known about a country without an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryStatus {
    pub note: String,
    pub sources: Vec<String>,
}

/// A country that has no agreement with Ukraine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: PartnerId,
    pub names: Names,
    #[serde(default)]
    pub status: Option<CountryStatus>,
}

/// `data/countries.json`: countries without an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesFile {
    pub countries: Vec<Country>,
}

/// A framework the agreements sit in (G7 Joint Declaration, Ukraine Compact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    pub summary: String,
    /// Who joined, in words (ids are not enough: it includes non-partners).
    pub members: String,
    pub sources: Vec<String>,
}

/// `data/meta.json`: what the dataset covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub version: String,
    pub as_of: NaiveDate,
    /// The count users are told ("27 states and the EU"), with its source.
    pub official_count: u32,
    pub official_count_note: String,
    pub official_count_source: String,
    pub frameworks: Vec<Framework>,
    pub sources: Vec<Source>,
}
