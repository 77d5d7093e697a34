//! Property tests for the domain rules: parsers never panic, and format/parse round-trip.

use bidrag::app::Keymap;
use bidrag::domain::Money;
use bidrag::domain::checklist::ChecklistTemplate;
use bidrag::domain::dnr::{DEFAULT_PREFIX, Dnr};
use bidrag::domain::orgnr::{OrgNr, OrgNrError};
use proptest::prelude::*;

fn valid_orgnr() -> impl Strategy<Value = OrgNr> {
    prop::array::uniform9(0u8..10).prop_filter_map("valid", OrgNr::from_first_nine)
}

proptest! {
    #[test]
    fn orgnr_parse_never_panics(s in "\\PC{0,20}") {
        let _ = OrgNr::parse(&s);
    }

    #[test]
    fn orgnr_round_trips(nr in valid_orgnr()) {
        prop_assert_eq!(OrgNr::parse(&nr.to_string()), Ok(nr));
        let plain: String = nr.to_string().replace('-', "");
        prop_assert_eq!(OrgNr::parse(&plain), Ok(nr));
        prop_assert_eq!(OrgNr::parse(&format!("16{plain}")), Ok(nr));
    }

    #[test]
    fn any_single_digit_change_breaks_the_check_digit(nr in valid_orgnr(), pos in 0usize..10, delta in 1u8..10) {
        let mut digits = nr.digits();
        digits[pos] = (digits[pos] + delta) % 10;
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let broken = matches!(OrgNr::parse(&text), Err(OrgNrError::CheckDigit { .. }));
        prop_assert!(broken, "{} still passes", text);
    }

    #[test]
    fn an_all_zero_number_is_refused_in_every_form(
        century in prop::sample::select(vec!["", "16", "19", "20"]),
        dash in prop::sample::select(vec!["", "-", "+"]),
        pad in "[ \t]{0,2}",
    ) {
        let text = format!("{pad}{century}000000{dash}0000{pad}");
        prop_assert_eq!(OrgNr::parse(&text), Err(OrgNrError::AllZero));
    }

    #[test]
    fn money_parse_never_panics(s in "\\PC{0,30}") {
        let _ = Money::parse(&s);
    }

    #[test]
    fn money_round_trips(ore in -1_000_000_000_000i64..1_000_000_000_000i64) {
        let m = Money(ore);
        prop_assert_eq!(Money::parse(&m.format_number()), Ok(m));
        prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
    }

    #[test]
    fn money_add_never_wraps(a in any::<i64>(), b in any::<i64>()) {
        match Money(a).checked_add(Money(b)) {
            Some(sum) => prop_assert_eq!(Some(sum.ore()), a.checked_add(b)),
            None => prop_assert!(a.checked_add(b).is_none()),
        }
    }

    #[test]
    fn dnr_round_trips(year in 1990i32..2100, seq in 1u32..1_000_000) {
        let d = Dnr::new(DEFAULT_PREFIX, year, seq);
        prop_assert_eq!(Dnr::parse(&d.to_string(), DEFAULT_PREFIX), Ok(d));
    }

    #[test]
    fn dnr_parse_never_panics(s in "\\PC{0,24}") {
        let _ = Dnr::parse(&s, DEFAULT_PREFIX);
    }

    #[test]
    fn checklist_and_keymap_parsers_never_panic(s in "\\PC{0,200}") {
        let _ = ChecklistTemplate::parse(&s);
        let _ = Keymap::parse(&s);
    }
}

proptest! {
    #[test]
    fn file_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = bidrag::io::table::read_table(&bytes);
    }

    #[test]
    fn reform_area_lists_never_panic(s in "\\PC{0,60}") {
        let _ = bidrag::domain::ReformArea::parse_list(&s);
    }
}
