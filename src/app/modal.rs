//! Dialogs over a screen: forms (`form`), a text editor, a searchable picker, previews and a
//! confirmation. They hold data and the text being typed (ratatui-textarea's editing state);
//! `ui/` puts them into words.

use super::keymap::{Key, KeyCode};
use crate::domain::Answer;
use crate::domain::workflow::Transition;
use crate::i18n::T;
use ratatui_textarea::{CursorMove, Input, Key as TKey, TextArea};

/// A text area holding `text`, the cursor at its end.
pub fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// The typed text, trailing white space removed.
pub fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n").trim_end().to_string()
}

/// Types one key into a text area. Ctrl-U, Ctrl-W and Ctrl-Z follow the shell's habits.
/// In a single-line field, Enter is not a newline.
pub fn type_key(area: &mut TextArea<'_>, key: Key, multiline: bool) {
    let k = match key.code {
        KeyCode::Char(c) => TKey::Char(c),
        KeyCode::Enter if multiline => TKey::Enter,
        KeyCode::Enter => return,
        KeyCode::Backspace => TKey::Backspace,
        KeyCode::Delete => TKey::Delete,
        KeyCode::Left => TKey::Left,
        KeyCode::Right => TKey::Right,
        KeyCode::Up => TKey::Up,
        KeyCode::Down => TKey::Down,
        KeyCode::Home => TKey::Home,
        KeyCode::End => TKey::End,
        KeyCode::PageUp => TKey::PageUp,
        KeyCode::PageDown => TKey::PageDown,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc | KeyCode::F(_) => return,
    };
    if key.ctrl {
        match k {
            TKey::Char('u') => {
                area.delete_line_by_head();
                return;
            }
            TKey::Char('w') => {
                area.delete_word();
                return;
            }
            TKey::Char('z') => {
                area.undo();
                return;
            }
            // Ctrl-M and Ctrl-J would insert a newline in a single-line field.
            TKey::Char('m' | 'j') if !multiline => return,
            _ => {}
        }
    }
    area.input(Input {
        key: k,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: false,
    });
}

/// Pasted text: newlines only where the field takes several lines.
pub fn paste(area: &mut TextArea<'_>, text: &str, multiline: bool) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if multiline {
        text
    } else {
        text.replace('\n', " ")
    };
    // Control characters other than newline and tab are never stored.
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    area.insert_str(clean);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKind {
    /// A comment for a checklist answer other than "uppfyllt": the item's index.
    Comment {
        item: usize,
        answer: Answer,
    },
    Note,
    /// The reason a transition needs.
    Reason(Transition),
    /// The reason for declaring (or withdrawing) jäv for an organisation.
    Jav {
        organisation_id: i64,
        declare: bool,
    },
    /// The reason for a batch transition, recorded as a note on each case.
    BatchReason(Transition),
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub kind: EditorKind,
    pub title: String,
    /// What the text is about (the checklist question), shown above the field.
    pub about: String,
    pub label: T,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Organisation,
    Call {
        org_id: i64,
    },
    Assignee,
    /// The outcome of a proposal; the item id is the index into the step's outcomes.
    Outcome,
    /// A colleague to assign the marked cases to.
    BatchAssignee,
    /// The command palette: the item id is the index into `Action::ALL`.
    Command,
    /// A state change for the open case (`batch`: for the marked cases); the item id is the
    /// index into `Transition::ALL`.
    Transition {
        batch: bool,
    },
    /// A value for the form's choice field underneath; the item id is the option's index.
    Choice(crate::app::form::FieldId),
}

/// A list narrowed as you type (fuzzy; å, ä and ö stay distinct from a and o).
#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickerKind,
    pub title: String,
    pub items: Vec<(i64, String)>,
    pub query: TextArea<'static>,
    /// Indices into `items`, best match first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    pub fn new(kind: PickerKind, title: String, items: Vec<(i64, String)>) -> Self {
        let matches = (0..items.len()).collect();
        Self {
            kind,
            title,
            items,
            query: text_area(""),
            matches,
            selected: 0,
        }
    }

    pub fn chosen(&self) -> Option<(i64, &str)> {
        let i = *self.matches.get(self.selected)?;
        self.items.get(i).map(|(id, label)| (*id, label.as_str()))
    }

    /// Recomputes the matches for the current query.
    pub fn refilter(&mut self) {
        self.matches = fuzzy_filter(&text_of(&self.query), &self.items);
        self.selected = 0;
    }
}

/// Indices of `items` matching `query`, best first; all of them, in order, for an empty query.
pub fn fuzzy_filter(query: &str, items: &[(i64, String)]) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    if query.trim().is_empty() {
        return (0..items.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Never);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, (_, label))| {
            pattern
                .score(Utf32Str::new(label, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The preview of a beslutstillfälle: exactly what will be written.
#[derive(Debug, Clone)]
pub struct Round {
    pub items: Vec<crate::app::RoundItem>,
    pub selected: usize,
    /// Over budget by this much: shown once, the next submit confirms it.
    pub warning: Option<crate::domain::Money>,
    /// The budget of each call the round touches.
    pub budgets: std::collections::BTreeMap<i64, crate::domain::decision::Budget>,
}

/// What confirming a preview does.
#[derive(Debug, Clone)]
pub enum PreviewAction {
    /// Nothing: the preview is only read (statistics, an organisation).
    None,
    /// Write a batch: each case at the version the preview read.
    Batch {
        items: Vec<(i64, i64, crate::app::CaseWrite)>,
    },
    /// Import the checked plan (no errors), from this file.
    Import {
        plan: std::sync::Arc<crate::io::import::Plan>,
        source: String,
    },
    /// Expedite the decision whose letter is shown.
    Dispatch {
        case_id: i64,
        version: i64,
        decision_id: i64,
    },
}

/// What a preview shows, as data; `ui/` puts it into lines.
#[derive(Debug, Clone)]
pub enum PreviewContent {
    /// The import's dry run.
    Import {
        plan: std::sync::Arc<crate::io::import::Plan>,
        source: String,
        encoding: &'static str,
        delimiter: Option<char>,
    },
    /// A batch: each case's change, or why it is skipped.
    Batch(Vec<crate::app::BatchLine>),
    Stats(Box<crate::app::StatsData>),
    Organisation(Box<crate::domain::views::OrgOverview>),
    /// A decision letter about to go out; once expedited the decision never changes.
    Letter(String),
}

/// A scrollable view of data, perhaps with something to confirm.
#[derive(Debug, Clone)]
pub struct Preview {
    pub title: String,
    pub content: PreviewContent,
    pub scroll: usize,
    /// The last line that can be scrolled to, as the last frame drew it.
    pub max_scroll: std::cell::Cell<usize>,
    pub action: PreviewAction,
    /// The selected row of a preview that lists things to open (the organisation view's
    /// cases); None where nothing opens.
    pub cursor: Option<usize>,
}

impl Preview {
    pub fn new(title: String, content: PreviewContent, action: PreviewAction) -> Self {
        Self {
            title,
            content,
            scroll: 0,
            max_scroll: std::cell::Cell::new(usize::MAX),
            action,
            cursor: None,
        }
    }
}

/// An irreversible act waiting for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteQueue {
        id: i64,
        name: String,
    },
    /// Closing a call stops registration in it from today (an edit can reopen it, but a
    /// slip of `x` should not close a call applicants are still sending to).
    CloseCall {
        id: i64,
        name: String,
    },
}

#[derive(Debug, Clone)]
pub enum Modal {
    Form(crate::app::form::Form),
    Editor(Editor),
    Picker(Picker),
    Round(Round),
    Preview(Preview),
    Confirm(Confirm),
    /// The administration view (boxed: it holds the set-up's lists).
    Admin(Box<crate::app::admin::AdminView>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(names: &[&str]) -> Vec<(i64, String)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64, n.to_string()))
            .collect()
    }

    #[test]
    fn fuzzy_keeps_swedish_letters_distinct_but_ignores_case() {
        let list = items(&["Åre", "Are kyrka", "Örebro", "Orsa", "Malmö"]);
        let found = |q: &str| -> Vec<String> {
            fuzzy_filter(q, &list)
                .into_iter()
                .map(|i| list[i].1.clone())
                .collect()
        };
        assert_eq!(found("åre"), vec!["Åre"]);
        assert_eq!(found("ÖREBRO"), vec!["Örebro"]);
        assert!(!found("orebro").contains(&"Örebro".to_string()));
        assert_eq!(found("mlm"), vec!["Malmö"]);
        assert_eq!(found("").len(), 5);
    }

    #[test]
    fn typing_and_line_editing() {
        let mut a = text_area("");
        for c in "hej du".chars() {
            type_key(&mut a, Key::ch(c), false);
        }
        assert_eq!(text_of(&a), "hej du");
        type_key(&mut a, Key::ctrl('w'), false);
        assert_eq!(text_of(&a), "hej");
        type_key(&mut a, Key::plain(KeyCode::Enter), false);
        assert_eq!(
            a.lines().len(),
            1,
            "Enter is no newline in a single-line field"
        );
        type_key(&mut a, Key::ctrl('u'), false);
        assert_eq!(text_of(&a), "");
        paste(&mut a, "rad ett\nrad två\u{1b}[2J", false);
        assert_eq!(text_of(&a), "rad ett rad två[2J");
        let mut m = text_area("");
        paste(&mut m, "ett\r\ntvå", true);
        assert_eq!(m.lines(), ["ett", "två"]);
    }
}
