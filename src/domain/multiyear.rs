//! Multi-year grants (issue 6): a decision may grant its amount split per calendar year. The first
//! year is charged to the grant's own call; every later year is a commitment (åtagande) against
//! the budget of that year (see `storage::queries::call_budget` for how a year finds its call).
//! Pure rules: the decision date is always passed in.

use super::money::Money;
use chrono::{Datelike, NaiveDate};

/// One year's part of a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearAmount {
    pub year: i32,
    pub amount: Money,
}

/// Why a "Belopp per år" text or split is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearsError {
    /// Part `n` (1-based) is not "ÅÅÅÅ: belopp".
    Unparsable(usize),
    /// Part `n` names no year of four digits.
    BadYear(usize),
    /// Part `n` has no amount above zero.
    BadAmount(usize),
    /// The year appears twice.
    Duplicate(i32),
    /// A year before the decision's year.
    BeforeDecisionYear { year: i32, decision_year: i32 },
    /// The first year must be the decision's year or the grant period's start year.
    FirstYear {
        year: i32,
        decision_year: i32,
        period_year: Option<i32>,
    },
    /// The years' amounts do not add up to the granted amount.
    Sum { sum: Money, total: Money },
}

/// Reads "2026: 500 000; 2027: 300 000" (parts separated by ';' or newlines, year and amount
/// by ':' or '='; amounts as [`Money::parse`] reads them). Empty text is no split: all in one
/// year. The result is ordered by year.
pub fn parse_years(text: &str) -> Result<Vec<YearAmount>, YearsError> {
    let parts: Vec<&str> = text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out: Vec<YearAmount> = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let no = i + 1;
        let Some((year, amount)) = part.split_once([':', '=']) else {
            return Err(YearsError::Unparsable(no));
        };
        let year = year.trim();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(YearsError::BadYear(no));
        }
        let year: i32 = year.parse().map_err(|_| YearsError::BadYear(no))?;
        let amount = Money::parse(amount).map_err(|_| YearsError::BadAmount(no))?;
        if amount.ore() <= 0 {
            return Err(YearsError::BadAmount(no));
        }
        if out.iter().any(|y| y.year == year) {
            return Err(YearsError::Duplicate(year));
        }
        out.push(YearAmount { year, amount });
    }
    out.sort_by_key(|y| y.year);
    Ok(out)
}

/// Writes a split as [`parse_years`] reads it.
pub fn format_years(years: &[YearAmount]) -> String {
    years
        .iter()
        .map(|y| format!("{}: {}", y.year, y.amount.format_number()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks a split (ordered by year, as [`parse_years`] gives it) of `total` decided on
/// `decided_on` for a grant period starting `period_from`. An empty split is always fine.
pub fn check_years(
    years: &[YearAmount],
    total: Money,
    decided_on: NaiveDate,
    period_from: Option<NaiveDate>,
) -> Result<(), YearsError> {
    let Some(first) = years.first() else {
        return Ok(());
    };
    let decision_year = decided_on.year();
    if let Some(y) = years.iter().find(|y| y.year < decision_year) {
        return Err(YearsError::BeforeDecisionYear {
            year: y.year,
            decision_year,
        });
    }
    let period_year = period_from.map(|p| p.year());
    if first.year != decision_year && Some(first.year) != period_year {
        return Err(YearsError::FirstYear {
            year: first.year,
            decision_year,
            period_year,
        });
    }
    let sum = years
        .iter()
        .try_fold(0i64, |acc, y| acc.checked_add(y.amount.ore()))
        .map_or(Money(i64::MAX), Money);
    if sum != total {
        return Err(YearsError::Sum { sum, total });
    }
    Ok(())
}

/// The later years' commitments of a split: everything but the first year.
pub fn later_years(years: &[YearAmount]) -> &[YearAmount] {
    years.get(1..).unwrap_or(&[])
}

/// The default payment plan of a grant: one instalment of the whole amount on the decision date,
/// or for a multi-year grant one per year, the first on the decision date and each later one on
/// 1 January of its year.
pub fn default_plan(
    total: Money,
    decided_on: NaiveDate,
    years: &[YearAmount],
) -> Vec<(NaiveDate, Money)> {
    if years.len() < 2 {
        return vec![(decided_on, total)];
    }
    years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let due = if i == 0 {
                decided_on
            } else {
                NaiveDate::from_ymd_opt(y.year, 1, 1)
                    .unwrap_or(decided_on)
                    .max(decided_on)
            };
            (due, y.amount)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn ya(year: i32, kr: i64) -> YearAmount {
        YearAmount {
            year,
            amount: Money(kr * 100),
        }
    }

    #[test]
    fn parses_years_in_any_order() {
        assert_eq!(parse_years("  "), Ok(vec![]));
        assert_eq!(
            parse_years("2027: 300 000; 2026 = 500 000 kr"),
            Ok(vec![ya(2026, 500_000), ya(2027, 300_000)])
        );
        assert_eq!(
            parse_years("2026: 1,50\n2027: 2"),
            Ok(vec![
                YearAmount {
                    year: 2026,
                    amount: Money(150)
                },
                ya(2027, 2)
            ])
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        use YearsError as E;
        assert_eq!(parse_years("2026 500 000"), Err(E::Unparsable(1)));
        assert_eq!(parse_years("2026: 1; 26: 2"), Err(E::BadYear(2)));
        assert_eq!(parse_years("år 2026: 1"), Err(E::BadYear(1)));
        assert_eq!(parse_years("2026: fem"), Err(E::BadAmount(1)));
        assert_eq!(parse_years("2026: 0"), Err(E::BadAmount(1)));
        assert_eq!(parse_years("2026: -5"), Err(E::BadAmount(1)));
        assert_eq!(parse_years("2026: 1; 2026: 2"), Err(E::Duplicate(2026)));
    }

    #[test]
    fn split_rules() {
        use YearsError as E;
        let total = Money(80_000_000);
        let on = d(2026, 11, 28);
        let ok = [ya(2026, 500_000), ya(2027, 300_000)];
        assert_eq!(check_years(&ok, total, on, Some(d(2026, 12, 1))), Ok(()));
        assert_eq!(check_years(&[], total, on, None), Ok(()));
        assert_eq!(
            check_years(&ok, Money(1), on, None),
            Err(E::Sum {
                sum: total,
                total: Money(1)
            })
        );
        let early = [ya(2025, 500_000), ya(2026, 300_000)];
        assert_eq!(
            check_years(&early, total, on, None),
            Err(E::BeforeDecisionYear {
                year: 2025,
                decision_year: 2026
            })
        );
        // All in the period's first year, when the period starts the year after the decision.
        let next = [ya(2027, 500_000), ya(2028, 300_000)];
        assert_eq!(check_years(&next, total, on, Some(d(2027, 1, 1))), Ok(()));
        assert_eq!(
            check_years(&next, total, on, Some(d(2026, 12, 1))),
            Err(E::FirstYear {
                year: 2027,
                decision_year: 2026,
                period_year: Some(2026)
            })
        );
    }

    #[test]
    fn a_plan_per_year() {
        let on = d(2026, 11, 28);
        let total = Money(80_000_000);
        assert_eq!(default_plan(total, on, &[]), vec![(on, total)]);
        assert_eq!(
            default_plan(total, on, &[ya(2026, 500_000), ya(2027, 300_000)]),
            vec![(on, Money(50_000_000)), (d(2027, 1, 1), Money(30_000_000))]
        );
        assert_eq!(
            format_years(&[ya(2026, 500_000), ya(2027, 300_000)]),
            "2026: 500 000; 2027: 300 000"
        );
    }
}
