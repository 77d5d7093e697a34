//! The event log's hash chain: each event's hash covers the previous hash and its own content,
//! so an edit made outside bidrag breaks the chain from that event on.

use sha2::{Digest, Sha256};

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one event that the hash covers, in a fixed order.
pub struct EventContent<'a> {
    pub at: &'a str,
    pub user_id: Option<i64>,
    pub case_id: Option<i64>,
    pub kind: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

pub fn event_hash(prev_hash: &str, e: &EventContent<'_>) -> String {
    let mut h = Sha256::new();
    // Length-prefixed fields so that no two different contents hash the same text.
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(prev_hash);
    field(e.at);
    field(&e.user_id.map(|v| v.to_string()).unwrap_or_default());
    field(&e.case_id.map(|v| v.to_string()).unwrap_or_default());
    field(e.kind);
    field(e.before.unwrap_or("\u{0}"));
    field(e.after.unwrap_or("\u{0}"));
    // Lower-case hex, two digits a byte (an import hashes hundreds of thousands of events).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = h.finalize();
    let mut out = String::with_capacity(2 * digest.len());
    for b in digest.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// The chain's head as a sent letter carries it: an event's number and the first 16 hex digits
/// of its hash. Kept outside the database (by the applicant, in the archive), it lets `bidrag
/// check` show that history before the letter was not rewritten, even with every hash
/// recomputed: the rewritten chain no longer holds this hash at this event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub event_id: i64,
    /// Lower-case hex, [`Anchor::DIGITS`] long.
    pub hash: String,
}

impl Anchor {
    pub const DIGITS: usize = 16;
    /// The words before the anchor in a letter, which [`Anchor::find_all`] looks for.
    const WORD: &'static str = "händelse ";

    pub fn of(event_id: i64, hash: &str) -> Self {
        Anchor {
            event_id,
            hash: hash.chars().take(Self::DIGITS).collect(),
        }
    }

    /// "händelse 1234 · 0123456789abcdef", as a letter prints it.
    pub fn text(&self) -> String {
        format!("{}{} · {}", Self::WORD, self.event_id, self.hash)
    }

    /// Reads an anchor as given on the command line: "1234:0123456789abcdef", "1234
    /// 0123456789abcdef", or copied from a letter ("händelse 1234 · 0123456789abcdef").
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix(Self::WORD.trim_end()).unwrap_or(text);
        let mut parts = text
            .split(|c: char| c == ':' || c == '·' || c.is_whitespace())
            .filter(|p| !p.is_empty());
        let event_id = parts.next()?.parse::<i64>().ok().filter(|n| *n > 0)?;
        let hash = parts.next()?.to_ascii_lowercase();
        if parts.next().is_some()
            || hash.len() != Self::DIGITS
            || !hash.chars().all(|c| c.is_ascii_hexdigit())
        {
            return None;
        }
        Some(Anchor { event_id, hash })
    }

    /// Every anchor a letter's text carries.
    pub fn find_all(text: &str) -> Vec<Self> {
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(Self::WORD) {
            let after = &rest[at..];
            let end = after
                .char_indices()
                .skip(Self::WORD.chars().count())
                .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == ' ' || *c == '·'))
                .map_or(after.len(), |(i, _)| i);
            if let Some(a) = Self::parse(&after[..end]) {
                found.push(a);
            }
            rest = &after[Self::WORD.len()..];
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_is_read_as_written_and_as_printed() {
        let a = Anchor::of(1234, "0123456789abcdef0123");
        assert_eq!(a.text(), "händelse 1234 · 0123456789abcdef");
        for text in [
            "1234:0123456789abcdef",
            "1234 0123456789ABCDEF",
            "händelse 1234 · 0123456789abcdef",
            "  1234 · 0123456789abcdef ",
        ] {
            assert_eq!(Anchor::parse(text), Some(a.clone()), "{text}");
        }
        for bad in [
            "",
            "1234",
            "0123456789abcdef",
            "0:0123456789abcdef",
            "-3:0123456789abcdef",
            "1234:0123456789abcde",
            "1234:0123456789abcdeg",
            "1234:0123456789abcdef extra",
        ] {
            assert_eq!(Anchor::parse(bad), None, "{bad}");
        }
        let letter = "Beslut\n\nDiariets kontrollvärde vid expediering: händelse 1234 · \
                      0123456789abcdef.\nhändelse utan nummer";
        assert_eq!(Anchor::find_all(letter), vec![a]);
    }

    fn content(kind: &str) -> EventContent<'_> {
        EventContent {
            at: "2026-11-28T10:00:00Z",
            user_id: Some(1),
            case_id: Some(2),
            kind,
            before: None,
            after: Some("x"),
        }
    }

    #[test]
    fn hash_depends_on_prev_and_content() {
        let a = event_hash(GENESIS, &content("a"));
        assert_eq!(a.len(), 64);
        assert_eq!(a, event_hash(GENESIS, &content("a")));
        assert_ne!(a, event_hash(GENESIS, &content("b")));
        assert_ne!(a, event_hash(&a, &content("a")));
    }

    #[test]
    fn hash_is_the_lower_case_hex_sha256_of_the_length_prefixed_fields() {
        // Computed independently (Python hashlib) from the fields as documented above.
        assert_eq!(
            event_hash(GENESIS, &content("a")),
            "5a77e4d9ec4ffd27c338942b3dd4f2eb1909756eddcf3f5a5d68242c5171b527"
        );
    }
}
