//! Text broken into lines by display width, at the places a reader expects: between the parts
//! of a line joined by " · " first, then between words; never inside an amount ("2 510 000 kr")
//! or a date. Each line is then exactly as wide as it is drawn, so a box can be given the
//! height its text needs (ratatui's own wrapping cannot be asked for its line count).

use unicode_width::UnicodeWidthStr;

/// The words of `text`: split at spaces, but an amount's groups of digits and its "kr" stay
/// with the number before them.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split(' ').filter(|t| !t.is_empty()) {
        let glued = out.last().is_some_and(|prev| {
            let prev_digit = prev.chars().last().is_some_and(|c| c.is_ascii_digit());
            let next_group = token.len() == 3 && token.chars().all(|c| c.is_ascii_digit())
                || token.starts_with("kr")
                || token == "SEK";
            prev_digit && next_group
        });
        match out.last_mut() {
            Some(prev) if glued => {
                prev.push(' ');
                prev.push_str(token);
            }
            _ => out.push(token.to_string()),
        }
    }
    out
}

/// `text` in lines of at most `width` columns (a single word wider than that is cut by the
/// one who draws it, with "…").
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, part) in text.split(" · ").enumerate() {
        let joined = if i == 0 || line.is_empty() {
            format!("{line}{part}")
        } else {
            format!("{line} · {part}")
        };
        if joined.width() <= width {
            line = joined;
            continue;
        }
        // The part does not fit on this line: start it on the next, by words if it must.
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for word in words(part) {
            let candidate = if line.is_empty() {
                word.clone()
            } else {
                format!("{line} {word}")
            };
            if candidate.width() <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_stay_whole_and_amounts_are_never_split() {
        let text = "Budget 35 000 000 kr · kvar 23 400 000 kr · beviljat 2026 9 090 000 kr, \
                    utbetalt 4 170 000 kr · föreslaget 2 530 000 kr";
        let lines = wrap(text, 50);
        assert_eq!(
            lines,
            vec![
                "Budget 35 000 000 kr · kvar 23 400 000 kr",
                "beviljat 2026 9 090 000 kr, utbetalt 4 170 000 kr",
                "föreslaget 2 530 000 kr",
            ]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
        );
        assert!(lines.iter().all(|l| l.width() <= 50));
        assert_eq!(wrap("kort", 10), vec!["kort".to_string()]);
    }
}
