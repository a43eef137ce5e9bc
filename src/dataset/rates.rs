//! Euro reference rates on the signing dates (`rates.json`), so `/money` can
//! put commitments in different currencies side by side.
//!
//! The rates are the ECB's, extracted once by `tools/rates/extract.py`; the
//! binary never fetches anything. A conversion always says which day's rate
//! it used, because a signing on a weekend takes the last published day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::Currency;

/// `data/rates.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    pub source: RatesSource,
    /// One entry per signing date, in date order.
    pub rates: Vec<DayRates>,
}

/// Where the rates come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatesSource {
    pub title: String,
    pub url: String,
    /// How the numbers were extracted.
    pub note: String,
}

/// The rates that apply to one signing date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayRates {
    /// The signing date.
    pub date: NaiveDate,
    /// The ECB publication day used: the date itself, or the last day before it.
    pub published: NaiveDate,
    /// Units of each currency per 1 EUR.
    pub per_eur: BTreeMap<String, f64>,
}

/// An amount converted to euros.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Conversion {
    pub eur: f64,
    /// Units of the currency per 1 EUR.
    pub rate: f64,
    /// The ECB publication day of the rate.
    pub published: NaiveDate,
}

impl Rates {
    /// `amount` of `currency` in EUR at the rate for `date` (a signing date).
    /// EUR converts to itself; a share of GDP or a currency without a rate is `None`.
    pub fn to_eur(&self, date: NaiveDate, currency: &Currency, amount: f64) -> Option<Conversion> {
        if currency.is_share_of_gdp() {
            return None;
        }
        if currency.as_str() == "EUR" {
            return Some(Conversion {
                eur: amount,
                rate: 1.0,
                published: date,
            });
        }
        let day = self.rates.iter().find(|d| d.date == date)?;
        let rate = *day.per_eur.get(currency.as_str())?;
        Some(Conversion {
            eur: amount / rate,
            rate,
            published: day.published,
        })
    }

    /// Problems with the file itself: dates out of order, a publication day
    /// after its date, a rate that is not a positive number.
    pub(super) fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for w in self.rates.windows(2) {
            if w[0].date >= w[1].date {
                out.push(format!(
                    "dates {} and {} are not in increasing order",
                    w[0].date, w[1].date
                ));
            }
        }
        for d in &self.rates {
            if d.published > d.date || (d.date - d.published).num_days() > 5 {
                out.push(format!(
                    "{}: the rate's publication day {} must be the date or at most 5 days before it",
                    d.date, d.published
                ));
            }
            for (c, r) in &d.per_eur {
                if !(r.is_finite() && *r > 0.0) {
                    out.push(format!(
                        "{}: the rate for {c} must be a positive number, not {r}",
                        d.date
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Rates {
        Rates {
            source: RatesSource::default(),
            rates: vec![DayRates {
                date: NaiveDate::from_ymd_opt(2024, 2, 24).unwrap(),
                published: NaiveDate::from_ymd_opt(2024, 2, 23).unwrap(),
                per_eur: [("CAD".to_string(), 1.4587), ("USD".to_string(), 1.0834)].into(),
            }],
        }
    }

    #[test]
    fn converts_at_the_rate_of_the_signing_date_and_names_the_publication_day() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 24).unwrap();
        let c = rates().to_eur(d, &Currency("CAD".into()), 3.02e9).unwrap();
        assert!((c.eur - 3.02e9 / 1.4587).abs() < 1.0);
        assert_eq!(c.published, NaiveDate::from_ymd_opt(2024, 2, 23).unwrap());
        assert_eq!(rates().to_eur(d, &Currency("EUR".into()), 5.0).unwrap().eur, 5.0);
    }

    #[test]
    fn no_rate_no_conversion() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 24).unwrap();
        assert!(rates().to_eur(d, &Currency("GBP".into()), 1.0).is_none());
        assert!(rates().to_eur(d, &Currency("%GDP".into()), 0.25).is_none());
        let other = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert!(rates().to_eur(other, &Currency("USD".into()), 1.0).is_none());
    }

    #[test]
    fn a_bad_file_is_named() {
        let mut r = rates();
        r.rates[0].per_eur.insert("JPY".into(), -1.0);
        r.rates[0].published = NaiveDate::from_ymd_opt(2024, 2, 25).unwrap();
        let p = r.problems();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().any(|m| m.contains("JPY")));
    }
}
