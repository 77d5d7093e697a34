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
