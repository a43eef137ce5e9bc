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

/// A user-facing text of the dataset, in each language pactbot answers in.
///
/// English is the reference the sources are quoted in; Ukrainian is written
/// for a Ukrainian reader (not word for word). Validation requires `uk`
/// wherever `en` exists; the model keeps it optional only so a missing
/// translation is reported by file and record instead of failing the parse.
/// A `Text` used without a language reads as its English (`Deref`, `Display`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    #[serde(default)]
    pub uk: Option<String>,
}

/// Serialised as its English string: the `--json` reply keeps one string per
/// field; the reply layer picks the reader's language before it gets here.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::en(s)
    }
}

impl Text {
    /// English only (tests and generated records).
    pub fn en(s: impl Into<String>) -> Self {
        Text {
            en: s.into(),
            uk: None,
        }
    }
    /// The Ukrainian text, falling back to the English where it is missing.
    pub fn uk_or_en(&self) -> &str {
        self.uk.as_deref().unwrap_or(&self.en)
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// Whether a pledge (or an amount) is in the agreement itself or was only
/// announced alongside it.
///
/// `/pledged` counts only `Agreement`: a package announced on signing day,
/// a capability-coalition membership or a separate MoU is real, but it is not
/// what the agreement commits to, and counting it would over-state the
/// agreements (the data audit found 19 "demining" partners where 15 rest on
/// the texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// In the agreement's text, or in an official summary of that text.
    Agreement,
    /// Announced with the signing (same-day package, coalition membership,
    /// separate memorandum) but not in the agreement.
    Alongside,
}

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The agreement's published text (or a faithful reprint of it).
    AgreementText,
    /// A government's or the EU's summary of the agreement.
    OfficialSummary,
    /// A government statement, press release or speech around the signing.
    OfficialStatement,
    /// A news report.
    NewsReport,
    /// Analysis or commentary (think tanks, blogs, encyclopaedias).
    Analysis,
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

/// A source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    /// A short human title ("GOV.UK press release").
    pub title: String,
    /// Who published it, as a journalist would name it when quoting
    /// ("gov.uk", "President of Ukraine"); replies show this, not a bare link.
    pub outlet: Text,
    /// What kind of document it is.
    pub kind: SourceKind,
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
    /// Russian names people type ("Германия", "Соединенные Штаты").
    #[serde(default)]
    pub ru: Vec<String>,
    /// Other names people type: German, Polish and other languages, common
    /// misspellings and informal names ("Frankreich", "Niemcy", "England").
    #[serde(default)]
    pub other: Vec<String>,
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
            .chain(self.ru.iter().map(String::as_str))
            .chain(self.other.iter().map(String::as_str))
    }
}

/// Someone who signed, with their office at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub name: Text,
    pub office: Text,
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
    pub period: Text,
    /// The first and last calendar year it covers, where the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<[u16; 2]>,
    /// The amount is for each year of `years` ("at least ISK 4 bn annually
    /// in 2024–2028"), not for the whole period: it is listed under each
    /// year it covers, never as a multi-year total.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub each_year: bool,
    /// Aid already provided by the signing that the agreement (or its
    /// summary) records ("as of 30 April 2024, EUR 1,072 m"): not a pledge,
    /// so never listed or summed as one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub already_given: bool,
    pub kind: MoneyKind,
    /// In the agreement, or announced alongside it.
    pub basis: Basis,
    #[serde(default)]
    pub note: Option<Text>,
    pub evidence: Evidence,
    pub sources: Vec<String>,
}

/// One aid area a partner pledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    pub aid: AidId,
    /// In the agreement, or announced alongside it.
    pub basis: Basis,
    /// One line of what was pledged.
    pub detail: Text,
    /// Where in the agreement's text ("Art. 3 §2"), when the text could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Text>,
    pub evidence: Evidence,
    pub sources: Vec<String>,
}

/// A point where sources disagree or a fact could not be confirmed. Shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    pub topic: Text,
    pub note: Text,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The agreement itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Official English title (or the best attested one; see `open_questions`).
    pub title: Text,
    /// The title in the partner's language, where published.
    #[serde(default)]
    pub title_native: Option<String>,
    pub signed: NaiveDate,
    /// Position among agreements signed on the same day (Germany before France on 2024-02-16).
    #[serde(default)]
    pub same_day_order: u8,
    pub place: Text,
    pub signatories: Signatories,
    /// Term in plain words ("10 years").
    pub term: Text,
    /// Legal status in plain words ("executive agreement; terminable on six months' notice").
    pub legal_status: Text,
    /// Whether Ukraine's Ministry of Defence counts it among the official agreements.
    pub in_official_count: bool,
    /// Why it is or is not counted, where that needs saying.
    #[serde(default)]
    pub count_note: Option<Text>,
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
    pub notable: Vec<Text>,
    #[serde(default)]
    pub open_questions: Vec<OpenQuestion>,
    pub sources: Vec<Source>,
}

impl Partner {
    /// The pledge for `aid` that is in the agreement, if any.
    pub fn pledge(&self, aid: &AidId) -> Option<&Pledge> {
        self.aid
            .iter()
            .find(|p| &p.aid == aid && p.basis == Basis::Agreement)
    }
    /// What was announced alongside the agreement for `aid`, if anything.
    pub fn alongside(&self, aid: &AidId) -> Option<&Pledge> {
        self.aid
            .iter()
            .find(|p| &p.aid == aid && p.basis == Basis::Alongside)
    }
}

/// One aid type of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AidType {
    pub id: AidId,
    pub en: String,
    pub uk: String,
    pub description: Text,
    /// Names people use, English, Ukrainian and Russian ("Patriot", "ППО", "ПВО").
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
    pub note: Text,
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
    pub title: Text,
    pub date: NaiveDate,
    pub place: Text,
    pub summary: Text,
    /// Who joined, in words (ids are not enough: it includes non-partners).
    pub members: Text,
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
    pub official_count_note: Text,
    pub official_count_source: String,
    pub frameworks: Vec<Framework>,
    pub sources: Vec<Source>,
}
