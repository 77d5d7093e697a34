//! Money in whole öre. Never floating point.

use std::fmt;

/// An amount in öre (1 kr = 100 öre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("empty")]
    Empty,
    #[error("character {0:?} is not allowed")]
    InvalidCharacter(char),
    #[error("more than two decimals")]
    TooManyDecimals,
    #[error("digit groups must have three digits")]
    BadGrouping,
    #[error("too large")]
    Overflow,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_kronor(kr: i64) -> Option<Self> {
        kr.checked_mul(100).map(Money)
    }

    pub fn ore(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Parses amounts as Swedish spreadsheets and people write them: "1 250 000", "1250000,50",
    /// "1 250 000 kr", "1250000.50", "-500". Spaces (also no-break and thin spaces) group thousands.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        let mut s = input.trim();
        for suffix in ["kronor", "kr", "SEK", ":-"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
                break;
            }
        }
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, s),
        };
        let (int_part, frac_part) = match s.find([',', '.']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut kronor: i64 = 0;
        let groups: Vec<&str> = int_part
            .split([' ', '\u{a0}', '\u{202f}'])
            .filter(|g| !g.is_empty())
            .collect();
        if groups.is_empty() {
            return Err(MoneyError::Empty);
        }
        for (i, group) in groups.iter().enumerate() {
            if groups.len() > 1 && ((i > 0 && group.len() != 3) || (i == 0 && group.len() > 3)) {
                return Err(MoneyError::BadGrouping);
            }
            for ch in group.chars() {
                let d = ch.to_digit(10).ok_or(MoneyError::InvalidCharacter(ch))?;
                kronor = kronor
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(i64::from(d)))
                    .ok_or(MoneyError::Overflow)?;
            }
        }
        let mut ore: i64 = 0;
        if let Some(frac) = frac_part {
            if frac.chars().count() > 2 {
                if let Some(ch) = frac.chars().find(|c| !c.is_ascii_digit()) {
                    return Err(MoneyError::InvalidCharacter(ch));
                }
                return Err(MoneyError::TooManyDecimals);
            }
            let mut n = 0;
            for ch in frac.chars() {
                let d = ch.to_digit(10).ok_or(MoneyError::InvalidCharacter(ch))?;
                ore = ore * 10 + i64::from(d);
                n += 1;
            }
            if n == 1 {
                ore *= 10;
            }
        }
        let total = kronor
            .checked_mul(100)
            .and_then(|v| v.checked_add(ore))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money(if negative { -total } else { total }))
    }

    /// Whole kronor grouped in threes, without unit: "1 250 000" or "1 250 000,50".
    pub fn format_number(self) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let kr = (abs / 100).to_string();
        let ore = abs % 100;
        let mut grouped = String::with_capacity(kr.len() + kr.len() / 3 + 4);
        for (i, ch) in kr.chars().enumerate() {
            if i > 0 && (kr.len() - i).is_multiple_of(3) {
                grouped.push(' ');
            }
            grouped.push(ch);
        }
        let sign = if negative { "-" } else { "" };
        if ore == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped},{ore:02}")
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kr", self.format_number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases: &[(&str, Result<i64, MoneyError>)] = &[
            ("1 250 000", Ok(125_000_000)),
            ("1250000", Ok(125_000_000)),
            ("1250000,50", Ok(125_000_050)),
            ("1250000.5", Ok(125_000_050)),
            ("1 250 000 kr", Ok(125_000_000)),
            ("1\u{a0}250\u{a0}000", Ok(125_000_000)),
            ("0", Ok(0)),
            ("-500", Ok(-50_000)),
            ("12,05", Ok(1205)),
            ("", Err(MoneyError::Empty)),
            ("kr", Err(MoneyError::Empty)),
            ("12,345", Err(MoneyError::TooManyDecimals)),
            ("1 25 000", Err(MoneyError::BadGrouping)),
            ("1000 000", Err(MoneyError::BadGrouping)),
            ("12a", Err(MoneyError::InvalidCharacter('a'))),
            ("99999999999999999999", Err(MoneyError::Overflow)),
        ];
        for (input, want) in cases {
            assert_eq!(
                Money::parse(input).map(Money::ore),
                *want,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn format_table() {
        let cases = [
            (0, "0 kr"),
            (100, "1 kr"),
            (125_000_000, "1 250 000 kr"),
            (125_000_050, "1 250 000,50 kr"),
            (-99_950, "-999,50 kr"),
            (100_000, "1 000 kr"),
        ];
        for (ore, want) in cases {
            assert_eq!(Money(ore).to_string(), want);
        }
    }
}
