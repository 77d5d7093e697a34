//! Diarienummer: the registration number of a case ("DELMOS 2018/123") and of each
//! document within it ("DELMOS 2018/123-4").

use std::fmt;

pub const DEFAULT_PREFIX: &str = "DELMOS";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dnr {
    pub prefix: String,
    pub year: i32,
    pub seq: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DnrError {
    #[error("missing year/number")]
    MissingSlash,
    #[error("the year must be four digits")]
    BadYear,
    #[error("the running number must be a positive whole number")]
    BadSequence,
    #[error("the prefix may hold only letters")]
    BadPrefix,
}

impl Dnr {
    pub fn new(prefix: &str, year: i32, seq: u32) -> Self {
        Self {
            prefix: prefix.to_string(),
            year,
            seq,
        }
    }

    /// The number of document `sub` within this case.
    pub fn with_sub(&self, sub: u32) -> String {
        format!("{self}-{sub}")
    }

    /// Parses "DELMOS 2018/123"; the prefix may be absent ("2018/123").
    pub fn parse(input: &str, default_prefix: &str) -> Result<Self, DnrError> {
        let s = input.trim();
        let (prefix, rest) = match s.rsplit_once(' ') {
            Some((p, r)) => (p.trim(), r),
            None => (default_prefix, s),
        };
        if !valid_prefix(prefix) {
            return Err(DnrError::BadPrefix);
        }
        let (year, seq) = rest.split_once('/').ok_or(DnrError::MissingSlash)?;
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(DnrError::BadYear);
        }
        let year: i32 = year.parse().map_err(|_| DnrError::BadYear)?;
        let seq: u32 = seq.parse().map_err(|_| DnrError::BadSequence)?;
        if seq == 0 {
            return Err(DnrError::BadSequence);
        }
        Ok(Self::new(prefix, year, seq))
    }
}

/// A prefix is one or more letters (the authority's short name), at most 16.
pub fn valid_prefix(prefix: &str) -> bool {
    !prefix.is_empty() && prefix.chars().count() <= 16 && prefix.chars().all(char::is_alphabetic)
}

impl fmt::Display for Dnr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{}", self.prefix, self.year, self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        let d = Dnr::parse("DELMOS 2018/123", DEFAULT_PREFIX).expect("valid");
        assert_eq!(d, Dnr::new("DELMOS", 2018, 123));
        assert_eq!(d.to_string(), "DELMOS 2018/123");
        assert_eq!(d.with_sub(4), "DELMOS 2018/123-4");
        assert_eq!(
            Dnr::parse("2021/13", "DELMOS"),
            Ok(Dnr::new("DELMOS", 2021, 13))
        );
    }

    #[test]
    fn parse_errors() {
        let cases = [
            ("DELMOS 2018-123", DnrError::MissingSlash),
            ("DELMOS 18/123", DnrError::BadYear),
            ("DELMOS 2018/0", DnrError::BadSequence),
            ("DELMOS 2018/x", DnrError::BadSequence),
            ("DEL1 2018/1", DnrError::BadPrefix),
        ];
        for (input, err) in cases {
            assert_eq!(Dnr::parse(input, DEFAULT_PREFIX), Err(err), "{input}");
        }
    }
}
