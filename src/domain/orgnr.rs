//! Organisationsnummer: the ten-digit identity of a Swedish legal person.

use std::fmt;
use std::str::FromStr;

/// A validated organisationsnummer, stored as its ten digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgNr([u8; 10]);

/// Which rule an organisationsnummer broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgNrError {
    #[error("empty")]
    Empty,
    #[error("character {0:?} is not a digit")]
    InvalidCharacter(char),
    #[error("dash in the wrong place")]
    MisplacedDash,
    #[error("{0} digits, expected 10 or 12")]
    WrongLength(usize),
    #[error("12-digit form must start with 16, 19 or 20")]
    BadCenturyPrefix,
    #[error("check digit {found} does not match {expected}")]
    CheckDigit { expected: u8, found: u8 },
    /// Every digit zero (`000000-0000`, also in its 12-digit forms): it passes the check digit
    /// but is nobody's number; a placeholder in a form or a spreadsheet.
    #[error("all digits are zero")]
    AllZero,
}

/// The Luhn check digit for the first nine digits.
pub fn luhn_check_digit(first_nine: &[u8]) -> u8 {
    let sum: u32 = first_nine
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 {
                u32::from(d) * 2
            } else {
                u32::from(d)
            };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    ((10 - (sum % 10)) % 10) as u8
}

impl OrgNr {
    /// Accepts "NNNNNN-NNNN", "NNNNNNNNNN" and the 12-digit forms with prefix 16 (legal persons)
    /// or 19/20 (a sole trader's personnummer). Surrounding white space is ignored.
    pub fn parse(input: &str) -> Result<Self, OrgNrError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(OrgNrError::Empty);
        }
        let mut digits = Vec::with_capacity(12);
        let mut dash_at = None;
        for (i, ch) in s.chars().enumerate() {
            match ch {
                '0'..='9' => digits.push(ch as u8 - b'0'),
                '-' | '+' if dash_at.is_none() => dash_at = Some(i),
                '-' | '+' => return Err(OrgNrError::MisplacedDash),
                other => return Err(OrgNrError::InvalidCharacter(other)),
            }
        }
        let ten: &[u8] = match digits.len() {
            10 => &digits,
            12 => {
                let prefix = digits[0] * 10 + digits[1];
                if !matches!(prefix, 16 | 19 | 20) {
                    return Err(OrgNrError::BadCenturyPrefix);
                }
                &digits[2..]
            }
            n => return Err(OrgNrError::WrongLength(n)),
        };
        // The dash, when present, must sit before the last four digits.
        if let Some(pos) = dash_at
            && pos != s.chars().count() - 5
        {
            return Err(OrgNrError::MisplacedDash);
        }
        let expected = luhn_check_digit(&ten[..9]);
        if expected != ten[9] {
            return Err(OrgNrError::CheckDigit {
                expected,
                found: ten[9],
            });
        }
        if ten.iter().all(|&d| d == 0) {
            return Err(OrgNrError::AllZero);
        }
        let mut out = [0u8; 10];
        out.copy_from_slice(ten);
        Ok(Self(out))
    }

    /// Builds a valid number from nine digits by appending the check digit (none from nine
    /// zeros: `000000-0000` is nobody's number).
    pub fn from_first_nine(first_nine: [u8; 9]) -> Option<Self> {
        if first_nine.iter().any(|&d| d > 9) || first_nine.iter().all(|&d| d == 0) {
            return None;
        }
        let mut out = [0u8; 10];
        out[..9].copy_from_slice(&first_nine);
        out[9] = luhn_check_digit(&first_nine);
        Some(Self(out))
    }

    pub fn digits(&self) -> [u8; 10] {
        self.0
    }
}

impl fmt::Display for OrgNr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i == 6 {
                f.write_str("-")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl FromStr for OrgNr {
    type Err = OrgNrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_inputs() {
        let cases: &[(&str, Result<&str, OrgNrError>)] = &[
            ("212000-0142", Ok("212000-0142")),
            ("2120000142", Ok("212000-0142")),
            ("16212000-0142", Ok("212000-0142")),
            ("162120000142", Ok("212000-0142")),
            (" 232100-0016 ", Ok("232100-0016")),
            ("", Err(OrgNrError::Empty)),
            ("212000-014", Err(OrgNrError::WrongLength(9))),
            ("212000-01422", Err(OrgNrError::WrongLength(11))),
            ("212000 0142", Err(OrgNrError::InvalidCharacter(' '))),
            ("21200-00142", Err(OrgNrError::MisplacedDash)),
            ("212000--0142", Err(OrgNrError::MisplacedDash)),
            ("17212000-0142", Err(OrgNrError::BadCenturyPrefix)),
            (
                "212000-0144",
                Err(OrgNrError::CheckDigit {
                    expected: 2,
                    found: 4,
                }),
            ),
            ("000000-0000", Err(OrgNrError::AllZero)),
            ("0000000000", Err(OrgNrError::AllZero)),
            ("16000000-0000", Err(OrgNrError::AllZero)),
            ("160000000000", Err(OrgNrError::AllZero)),
            ("19000000-0000", Err(OrgNrError::AllZero)),
            ("200000000000", Err(OrgNrError::AllZero)),
            (" 000000+0000 ", Err(OrgNrError::AllZero)),
            // Zeros with a wrong check digit are wrong for that reason first.
            (
                "000000-0001",
                Err(OrgNrError::CheckDigit {
                    expected: 0,
                    found: 1,
                }),
            ),
            (
                "212000-1281",
                Err(OrgNrError::CheckDigit {
                    expected: 0,
                    found: 1,
                }),
            ),
        ];
        for (input, want) in cases {
            let got = OrgNr::parse(input).map(|o| o.to_string());
            let want = want.clone().map(str::to_string);
            assert_eq!(got, want, "input {input:?}");
        }
    }

    #[test]
    fn nine_zeros_make_no_number() {
        assert_eq!(OrgNr::from_first_nine([0; 9]), None);
        assert!(OrgNr::from_first_nine([0, 0, 0, 0, 0, 0, 0, 0, 1]).is_some());
    }

    #[test]
    fn known_public_numbers_pass() {
        for n in ["212000-1355", "212000-1124", "232100-0255", "232100-0131"] {
            assert!(OrgNr::parse(n).is_ok(), "{n}");
        }
    }
}
