//! The figures behind `/money` and `/chart`: computed once from the dataset,
//! then written as text by `commands::execute` or drawn by `chart`.
//!
//! Transport-free and language-free: names and labels are picked by the
//! caller, so a table and the chart drawn from it never disagree.

pub mod money;

pub use money::{money_table, Commitment, MoneyTable, Section, Span};
