//! The kind-specific part of [`super::ChartData`]: what each chart's body
//! draws, as plain data.

use serde::Serialize;

use super::Mark;

/// The part of a chart that differs by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Body {
    Timeline(TimelineChart),
    Money(MoneyChart),
    Matrix(MatrixChart),
    Aid(AidChart),
}

/// Signings per month, every month from the first signing's to the last's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineChart {
    pub months: Vec<Month>,
    /// The value axis' title.
    pub axis: String,
    /// The official count at the last month.
    pub official: usize,
}

/// One month of signings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    /// "2024-01".
    pub month: String,
    /// The axis label ("Jan", "січ").
    pub label: String,
    /// Set on the first month and on each January: the axis writes the year.
    pub year: Option<i32>,
    /// Partners signing that month that are in the official count.
    pub counted: Vec<String>,
    /// Partners signing that month outside it.
    pub not_counted: Vec<String>,
    /// The official count at the end of the month.
    pub running: usize,
}

/// Money commitments as horizontal bars, one panel per kind of money.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyChart {
    /// The value axis' title (the unit).
    pub axis: String,
    pub panels: Vec<BarPanel>,
}

/// Bars on one scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarPanel {
    pub title: String,
    /// Largest first.
    pub bars: Vec<Bar>,
    /// The scale's gridlines, from 0 to at least the largest bar.
    pub ticks: Vec<Tick>,
}

/// A gridline of a value scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub value: f64,
    /// "2 bn", "2 млрд".
    pub label: String,
}

/// One commitment: never a sum of several.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The partner's name.
    pub label: String,
    /// The years it covers ("2024", "2023–2028"), or for an amount given
    /// each year, so ("each year, 2024–2028"); empty when not stated.
    pub years: String,
    /// The amount is one year's, given each year of `years`, not a total
    /// over them: the label says so and is drawn in ink, not muted.
    pub each_year: bool,
    /// In euros, rounded to the euro.
    pub eur: f64,
    /// As written at the bar's end ("7.1 bn", "≈ 1.16 bn").
    pub value: String,
    pub mark: Mark,
}

/// Partners × aid types.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixChart {
    /// Aid type names, in the taxonomy's order.
    pub columns: Vec<String>,
    /// In signing order.
    pub rows: Vec<MatrixRow>,
}

/// One partner's pledges, a cell per column: `None` = nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub partner: String,
    pub cells: Vec<Option<Mark>>,
}

/// Who pledged one aid type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AidChart {
    pub aid: String,
    /// Non-empty groups, strongest evidence first, alongside last.
    pub groups: Vec<AidGroup>,
}

/// Partners whose pledge has the same evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AidGroup {
    pub mark: Mark,
    /// "Agreement text · 9".
    pub title: String,
    /// In signing order.
    pub partners: Vec<String>,
}
