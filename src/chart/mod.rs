//! Charts as PNG images: the signings over time, money by partner, which
//! partner pledged which aid, and who pledged one kind of aid.
//!
//! Two steps, so each can be tested on its own: [`chart_data`] reads the
//! dataset into a [`ChartData`] — every word and number the chart shows, in
//! the reader's language, no pixels — and [`render`] draws it. Drawing is a
//! pure function of the data: the same data gives the same bytes, so a
//! chart can be cached per dataset version like any other answer.
//!
//! Transport-free: the Discord, Telegram and CLI adapters get a [`Chart`]
//! (PNG bytes, a file name, a description) and send it their own way.

mod body;
mod data;
mod draw;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::dataset::{AidId, Dataset, Evidence};
use crate::lang::Lang;

pub use body::{
    AidChart, AidGroup, Bar, BarPanel, Body, MatrixChart, MatrixRow, MoneyChart, Month, Tick, TimelineChart,
};

/// Every chart's width in pixels.
pub const WIDTH: u32 = 1200;
/// The tallest chart's height in pixels; each kind has its own fixed
/// height ([`ChartKind::size`]), because a grid of 29 partners by 27 kinds
/// of aid needs more room than twelve monthly bars.
pub const HEIGHT: u32 = 1400;

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Signings per month and the running official count.
    Timeline,
    /// The `/money` figures as bars by partner.
    Money,
    /// Partners × aid types.
    Matrix,
    /// Who pledged one aid type, by evidence.
    Aid,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Timeline,
        ChartKind::Money,
        ChartKind::Matrix,
        ChartKind::Aid,
    ];

    /// The stable id users type (`/chart kind:timeline`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Timeline => "timeline",
            ChartKind::Money => "money",
            ChartKind::Matrix => "matrix",
            ChartKind::Aid => "aid",
        }
    }

    /// The kind an id or a plain English or Ukrainian word names ("timeline",
    /// "хронологія", "гроші"), in any case, spaces around ignored.
    pub fn parse(s: &str) -> Option<ChartKind> {
        // Ukrainian apostrophes as the dataset writes them (’), whichever was typed.
        let w = s.trim().to_lowercase().replace(['ʼ', '\''], "’");
        let w = w.trim_end_matches(['.', '!', '?']);
        ChartKind::ALL.into_iter().find(|k| k.words().contains(&w))
    }

    /// The words [`ChartKind::parse`] reads, id first.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            ChartKind::Timeline => &[
                "timeline",
                "signings",
                "dates",
                "хронологія",
                "хронологія підписань",
                "підписання",
                "дати",
            ],
            ChartKind::Money => &["money", "funding", "гроші", "кошти", "фінансування"],
            ChartKind::Matrix => &["matrix", "grid", "матриця", "таблиця", "сітка"],
            ChartKind::Aid => &["aid", "pledged", "допомога", "вид допомоги", "зобов’язання"],
        }
    }

    /// Width and height in pixels, fixed per kind.
    pub fn size(self) -> (u32, u32) {
        match self {
            ChartKind::Timeline => (WIDTH, 750),
            ChartKind::Money => (WIDTH, 1350),
            ChartKind::Matrix => (WIDTH, HEIGHT),
            ChartKind::Aid => (WIDTH, 900),
        }
    }

    /// The attachment's file name: ASCII `[a-z0-9-]` and `.png`, as
    /// Discord's `attachment://` links require.
    pub fn file_name(self) -> &'static str {
        match self {
            ChartKind::Timeline => "pactbot-timeline.png",
            ChartKind::Money => "pactbot-money.png",
            ChartKind::Matrix => "pactbot-matrix.png",
            ChartKind::Aid => "pactbot-aid.png",
        }
    }
}

impl std::fmt::Display for ChartKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which chart to draw. `aid` is required for [`ChartKind::Aid`] and must
/// be `None` for every other kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub aid: Option<AidId>,
}

impl ChartSpec {
    /// A chart that takes no aid type.
    pub fn of(kind: ChartKind) -> ChartSpec {
        ChartSpec { kind, aid: None }
    }
    /// The `aid` chart of one aid type.
    pub fn aid(aid: AidId) -> ChartSpec {
        ChartSpec {
            kind: ChartKind::Aid,
            aid: Some(aid),
        }
    }
}

/// What a mark on a chart stands for; the renderer picks its colour and
/// shape, the legend names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// Signed, in the official count.
    Counted,
    /// Signed, outside the official count (Croatia).
    NotCounted,
    /// The running official count.
    Running,
    /// In the agreement; the published text says so.
    AgreementText,
    /// In the agreement, per an official summary.
    OfficialSummary,
    /// In the agreement, known only from press reports.
    Press,
    /// Announced alongside the agreement, not in it.
    Alongside,
}

impl Mark {
    /// The mark of a pledge or amount in the agreement with evidence `e`.
    pub fn evidence(e: Evidence) -> Mark {
        match e {
            Evidence::AgreementText => Mark::AgreementText,
            Evidence::OfficialSummary => Mark::OfficialSummary,
            Evidence::Press => Mark::Press,
        }
    }
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendItem {
    pub mark: Mark,
    pub label: String,
}

/// Everything a chart shows, in the reader's language: what `render`
/// draws, what a text-only transport could say instead, and what the
/// snapshot tests pin down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartData {
    pub kind: ChartKind,
    pub lang: Lang,
    pub title: String,
    /// What is drawn and how it is counted, one or two sentences.
    pub subtitle: String,
    pub legend: Vec<LegendItem>,
    /// Under the chart: what is left out, and why.
    pub notes: Vec<String>,
    /// Data date and version.
    pub footer: String,
    /// One sentence for screen readers and the attachment's description.
    pub alt: String,
    pub body: Body,
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub data: ChartData,
    /// The PNG file.
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// "pactbot-timeline.png": ASCII `[a-z0-9-]` + `.png`.
    pub file_name: &'static str,
    /// One sentence in the reader's language, at most 1024 characters
    /// (Discord's limit for an attachment's description).
    pub alt: String,
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("the aid chart needs an aid type (aid:…)")]
    MissingAid,
    #[error("the {0} chart takes no aid type")]
    AidNotAllowed(ChartKind),
    #[error("no aid type with the id {0:?}")]
    UnknownAid(AidId),
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
}

/// The longest alt text Discord accepts as an attachment description.
pub const MAX_ALT_CHARS: usize = 1024;

/// What the chart `spec` shows of `ds`, in `lang`.
pub fn chart_data(ds: &Dataset, spec: &ChartSpec, lang: Lang) -> Result<ChartData, ChartError> {
    match (spec.kind, &spec.aid) {
        (ChartKind::Aid, None) => Err(ChartError::MissingAid),
        (ChartKind::Aid, Some(id)) => {
            let aid = ds
                .aid_type(id)
                .ok_or_else(|| ChartError::UnknownAid(id.clone()))?;
            Ok(data::aid(ds, aid, lang))
        }
        (kind, Some(_)) => Err(ChartError::AidNotAllowed(kind)),
        (ChartKind::Timeline, None) => Ok(data::timeline(ds, lang)),
        (ChartKind::Money, None) => Ok(data::money(ds, lang)),
        (ChartKind::Matrix, None) => Ok(data::matrix(ds, lang)),
    }
}

/// Draws `data` as a PNG of the kind's fixed size. The same data gives the
/// same bytes.
pub fn render(data: &ChartData) -> Result<Chart, ChartError> {
    let (width, height) = data.kind.size();
    let png = draw::render(data, width, height).map_err(ChartError::Draw)?;
    Ok(Chart {
        data: data.clone(),
        png,
        width,
        height,
        file_name: data.kind.file_name(),
        alt: clip(&data.alt, MAX_ALT_CHARS),
    })
}

/// [`chart_data`], then [`render`].
pub fn chart(ds: &Dataset, spec: &ChartSpec, lang: Lang) -> Result<Chart, ChartError> {
    render(&chart_data(ds, spec, lang)?)
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}
