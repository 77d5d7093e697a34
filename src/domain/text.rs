//! Swedish text rules: alphabetical order and case-insensitive matching.

/// A key that sorts strings in Swedish alphabetical order, ignoring case: a–z, then å, ä, ö.
/// As Swedish dictionaries do, é sorts as e, ü as y, æ as ä and ø as ö.
pub fn swedish_sort_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => u32::from('z') + 1,
            'ä' | 'æ' => u32::from('z') + 2,
            'ö' | 'ø' => u32::from('z') + 3,
            'é' | 'è' | 'ê' | 'ë' => u32::from('e'),
            'ü' => u32::from('y'),
            'á' | 'à' | 'â' => u32::from('a'),
            other => u32::from(other),
        })
        .collect()
}

/// Text from the database or a file, made safe to draw or print: control characters (escape
/// sequences included), bidi overrides and zero-width characters become visible replacement
/// symbols instead of reaching the terminal.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if acts_unseen(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// The words an organisation's name is signed with that do not tell it apart: "Stockholms
/// stad" is Stockholm, "Härryda kommun" is Härryda, "Region Skåne" is Skåne.
const FORM_WORDS: [&str; 4] = ["kommun", "stad", "region", "landsting"];

/// A name as it identifies an organisation: case and spacing ignored, the words "kommun",
/// "stad", "region" and "landsting" left out, and a genitive s taken off the last word that is
/// left ("Göteborgs Stad" and "Göteborg" are both "göteborg"; "Region Jönköpings län" and
/// "Jönköpings läns region" both "jönköpings län").
pub fn name_core(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !FORM_WORDS.contains(w))
        .collect();
    if let Some(last) = words.last_mut()
        && last.chars().count() > 2
    {
        *last = last.strip_suffix('s').unwrap_or(last);
    }
    words.join(" ")
}

/// Do two names name the same organisation as an applicant writes it ([`name_core`])? A name
/// with nothing left (only "Region", say) is the same as no other.
pub fn same_organisation_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_core(a), name_core(b));
    !a.is_empty() && a == b
}

/// Does `c` act on a terminal without being seen: a control character, or a format character
/// that reorders or hides text (bidi embeddings, overrides, isolates and marks; zero-width
/// spaces, joiners and the byte order mark)?
pub fn acts_unseen(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_organisations_sign_them() {
        for (written, registered) in [
            ("Stockholms stad", "Stockholm"),
            ("Göteborgs Stad", "Göteborg"),
            ("Malmö stad", "Malmö"),
            ("Sundbybergs stad", "Sundbyberg"),
            ("Härryda kommun", "Härryda"),
            ("  HÄRRYDA   Kommun ", "Härryda"),
            ("Borås stad", "Borås"),
            ("Västerås stad", "Västerås"),
            ("Region Skåne", "Region Skåne"),
            ("Skåne", "Region Skåne"),
            ("Skånes landsting", "Region Skåne"),
            ("Jönköpings läns region", "Region Jönköpings län"),
            ("Stockholms kommun", "Stockholm"),
        ] {
            assert!(
                same_organisation_name(written, registered),
                "{written} / {registered}"
            );
        }
        for (written, registered) in [
            ("Göteborgs Stad", "Malmö"),
            ("Stockholms stad", "Sundbyberg"),
            ("Region", "Region Skåne"),
            ("Kommun", "Stad"),
            ("Upplands Väsby", "Upplands-Bro"),
            ("Malmö stad", "Malmö högskola"),
        ] {
            assert!(
                !same_organisation_name(written, registered),
                "{written} / {registered}"
            );
        }
    }

    #[test]
    fn bidi_and_zero_width_are_neutralised_with_controls() {
        assert_eq!(
            clean("a\u{202E}b\u{200B}c\u{2066}d\u{FEFF}e\u{1b}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}"
        );
        assert_eq!(clean("Malmö stad – Ärende"), "Malmö stad – Ärende");
    }

    #[test]
    fn swedish_order() {
        let mut names = vec![
            "Östersund",
            "Åre",
            "Ale",
            "Älmhult",
            "Örebro",
            "Zinkgruvan",
            "ale",
            "Eda",
            "Ékeby",
        ];
        names.sort_by_key(|n| swedish_sort_key(n));
        assert_eq!(
            names,
            vec![
                "Ale",
                "ale",
                "Eda",
                "Ékeby",
                "Zinkgruvan",
                "Åre",
                "Älmhult",
                "Örebro",
                "Östersund"
            ]
        );
    }
}
