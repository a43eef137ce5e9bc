//! Money commitments across partners, each converted to euros at the ECB
//! reference rate of its signing date.
//!
//! Nothing is summed: amounts overlap (a military part inside an overall
//! sum, one fund quoted in two currencies), so a total would be a wrong
//! confident answer. Commitments are sorted by their value in euros within
//! sections that keep apples and oranges apart.

use serde::Serialize;

use crate::dataset::{Basis, Conversion, Dataset, Evidence, Group, Money, MoneyKind, Partner};

/// Where a commitment is listed. The order is the reply's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// Military money the agreement (or its official summary) states.
    Military,
    /// Financial, humanitarian, reconstruction or overall money the
    /// agreement states.
    Other,
    /// A share of GDP: a pledge with no amount to convert.
    ShareOfGdp,
    /// In the agreement, but known only from press reports.
    Press,
    /// Announced with the signing, not in the agreement.
    Alongside,
    /// Aid already given by the signing, which an agreement records: not a
    /// commitment, listed last and apart.
    AlreadyGiven,
}

/// How many calendar years a commitment covers, where the data says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Span {
    OneYear,
    /// The same amount for each year of a period ("EUR 5 m a year until
    /// 2026"); with a year filter it is that year's amount, [`Span::OneYear`].
    EachYear,
    SeveralYears,
    /// The source gives no first and last year.
    NotStated,
}

impl Span {
    /// The span of `m` in a table filtered to `year` (if any).
    fn of(m: &Money, year: Option<u16>) -> Span {
        match m.years {
            Some(_) if m.each_year && year.is_some() => Span::OneYear,
            Some([a, b]) if a == b => Span::OneYear,
            Some(_) if m.each_year => Span::EachYear,
            Some(_) => Span::SeveralYears,
            None => Span::NotStated,
        }
    }
}

/// One money commitment of one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment<'a> {
    pub partner: &'a Partner,
    pub money: &'a Money,
    pub section: Section,
    pub span: Span,
    /// In euros at the ECB rate of the signing date; `None` for a share of
    /// GDP (or a currency without a rate, which `check-data` rejects).
    pub eur: Option<Conversion>,
}

/// Every commitment that passes the filters, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyTable<'a> {
    /// By section, then span, then value in euros (largest first; partner
    /// name breaks ties).
    pub rows: Vec<Commitment<'a>>,
    /// With a year filter: commitments of the selected partners left out
    /// because the data states no years for them.
    pub undated: usize,
}

impl MoneyTable<'_> {
    /// The rows of one section.
    pub fn section(&self, s: Section) -> impl Iterator<Item = &Commitment<'_>> {
        self.rows.iter().filter(move |r| r.section == s)
    }
}

fn section_of(m: &Money) -> Section {
    if m.already_given {
        Section::AlreadyGiven
    } else if m.basis == Basis::Alongside {
        Section::Alongside
    } else if m.evidence == Evidence::Press {
        Section::Press
    } else if m.currency.is_share_of_gdp() {
        Section::ShareOfGdp
    } else if m.kind == MoneyKind::Military {
        Section::Military
    } else {
        Section::Other
    }
}

/// The commitments of the partners in `group` (all without one) that cover
/// `year` (all without one).
pub fn money_table<'a>(ds: &'a Dataset, group: Option<&Group>, year: Option<u16>) -> MoneyTable<'a> {
    let mut rows = Vec::new();
    let mut undated = 0;
    for p in ds.partners.iter().filter(|p| group.is_none_or(|g| g.has(&p.id))) {
        for m in &p.money {
            match (year, m.years) {
                (Some(y), Some([a, b])) if !(a..=b).contains(&y) => continue,
                (Some(_), None) => {
                    undated += 1;
                    continue;
                }
                _ => {}
            }
            let section = section_of(m);
            let span = if matches!(section, Section::Military | Section::Other) {
                Span::of(m, year)
            } else {
                // Listed apart anyway; the period is on the line.
                Span::NotStated
            };
            rows.push(Commitment {
                partner: p,
                money: m,
                section,
                span,
                eur: ds.rates.to_eur(p.agreement.signed, &m.currency, m.amount),
            });
        }
    }
    rows.sort_by(|x, y| {
        (x.section, x.span)
            .cmp(&(y.section, y.span))
            .then_with(|| {
                let (a, b) = (x.eur.map(|c| c.eur), y.eur.map(|c| c.eur));
                // Largest first; no value (a share of GDP) by its percentage.
                match (a, b) {
                    (Some(a), Some(b)) => b.total_cmp(&a),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => y.money.amount.total_cmp(&x.money.amount),
                }
            })
            .then_with(|| x.partner.names.en.cmp(&y.partner.names.en))
    });
    MoneyTable { rows, undated }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Dataset {
        Dataset::embedded().expect("the shipped dataset loads")
    }

    #[test]
    fn every_commitment_is_listed_once_and_sorted_by_euros_within_its_section() {
        let ds = ds();
        let t = money_table(&ds, None, None);
        let all: usize = ds.partners.iter().map(|p| p.money.len()).sum();
        assert_eq!(t.rows.len(), all);
        assert_eq!(t.undated, 0);
        for w in t.rows.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!((a.section, a.span) <= (b.section, b.span));
            if (a.section, a.span) == (b.section, b.span) {
                if let (Some(x), Some(y)) = (a.eur, b.eur) {
                    assert!(x.eur >= y.eur, "{} before {}", a.partner.id, b.partner.id);
                }
            }
        }
    }

    #[test]
    fn sections_keep_press_alongside_and_shares_of_gdp_apart() {
        let ds = ds();
        let t = money_table(&ds, None, None);
        for r in &t.rows {
            match r.section {
                Section::Alongside => assert_eq!(r.money.basis, Basis::Alongside),
                Section::Press => {
                    assert_eq!(
                        (r.money.evidence, r.money.basis),
                        (Evidence::Press, Basis::Agreement)
                    )
                }
                Section::ShareOfGdp => assert!(r.eur.is_none() && r.money.currency.is_share_of_gdp()),
                Section::Military => assert_eq!(r.money.kind, MoneyKind::Military),
                Section::Other => assert_ne!(r.money.kind, MoneyKind::Military),
                Section::AlreadyGiven => assert!(r.money.already_given),
            }
            if r.section != Section::ShareOfGdp {
                let c = r.eur.expect("every amount in a currency converts");
                assert!(c.eur > 0.0 && c.rate > 0.0);
                assert!(c.published <= r.partner.agreement.signed);
            }
        }
    }

    #[test]
    fn a_group_and_a_year_narrow_the_table() {
        let ds = ds();
        let nordic = crate::question::group_named(&ds, "nordic").expect("nordic group");
        let t = money_table(&ds, Some(nordic), None);
        assert!(!t.rows.is_empty());
        assert!(t.rows.iter().all(|r| nordic.has(&r.partner.id)));
        let y = money_table(&ds, None, Some(2026));
        for r in &y.rows {
            let [a, b] = r.money.years.expect("a year filter keeps dated rows only");
            assert!(a <= 2026 && 2026 <= b);
        }
        let all = money_table(&ds, None, None).rows.len();
        let outside = ds
            .partners
            .iter()
            .flat_map(|p| &p.money)
            .filter(|m| m.years.is_some_and(|[a, b]| !(a..=b).contains(&2026)))
            .count();
        assert_eq!(y.rows.len() + y.undated + outside, all);
    }

    #[test]
    fn an_amount_for_each_year_is_listed_per_year_and_past_aid_apart() {
        let ds = ds();
        let is_isk =
            |r: &&Commitment<'_>| r.partner.id.as_str() == "IS" && r.money.currency.as_str() == "ISK";
        let all = money_table(&ds, None, None);
        let row = all.rows.iter().find(is_isk).expect("Iceland's ISK 4 bn a year");
        assert_eq!((row.section, row.span), (Section::Other, Span::EachYear));
        for y in 2024..=2028 {
            let t = money_table(&ds, None, Some(y));
            let rows: Vec<_> = t.rows.iter().filter(is_isk).collect();
            assert_eq!(rows.len(), 1, "{y}");
            assert_eq!(rows[0].span, Span::OneYear, "{y}: that year's amount");
        }
        assert!(money_table(&ds, None, Some(2029))
            .rows
            .iter()
            .find(is_isk)
            .is_none());
        for r in &all.rows {
            assert_eq!(
                r.money.already_given,
                r.section == Section::AlreadyGiven,
                "{}",
                r.partner.id
            );
        }
    }
}
