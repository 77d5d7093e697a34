//! Files in and out: import of applications and organisations, the report of granted grants,
//! and the one way exports, reports and backups reach the disk (`output`).

pub mod import;
pub mod letters;
pub mod output;
pub mod report;
pub mod table;

use std::borrow::Cow;

/// What a spreadsheet takes as the start of a formula: =, +, -, @, tab and carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A number as exports write them ("12", "-1250000,50", "3.5"): kept as it is.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, [',', '.']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A cell for a spreadsheet: text that would start a formula gets a leading `'`, which Excel
/// and LibreOffice show as plain text; real numbers stay numbers. The import strips it again.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_cell;

    #[test]
    fn formula_starts_are_neutralised_and_numbers_kept() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+46 70 123", "'+46 70 123"),
            ("-rubrik", "'-rubrik"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tflik", "'\tflik"),
            ("\rretur", "'\rretur"),
            ("-1250000,50", "-1250000,50"),
            ("-12", "-12"),
            ("1250000", "1250000"),
            ("Malmö", "Malmö"),
            ("-", "'-"),
            ("-1,", "'-1,"),
        ] {
            assert_eq!(neutralise_cell(cell), want, "{cell:?}");
        }
    }
}
