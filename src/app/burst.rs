//! A burst of input: a paste from a terminal without bracketed paste (one key per character), or
//! keys typed while a search ran. Every input is handled, in order, and none is lost; but a load
//! of the case list that the next typed character replaces is never run, so a burst typed into
//! the filter costs one search, not one per character.

use crate::app::{App, Effect, Key, KeyCode, Msg, Screen};

/// One input of a burst, in the app's own types (the terminal converts its events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Msg(Msg),
}

impl App {
    /// Would this input only change the text of the filter line (so the list load it asks for
    /// is replaced by the next such input's)?
    fn edits_filter(&self, input: &Input) -> bool {
        let typing = self.modal.is_none()
            && self.help.is_none()
            && self.filter.typing
            && self.screen == Screen::Home;
        if !typing {
            return false;
        }
        match input {
            Input::Key(key) => {
                matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace)
                    && !key.ctrl
                    && !key.alt
                    && self.keymap.lookup(&self.layers(), *key).is_none()
            }
            Input::Msg(Msg::Paste(_)) => true,
            Input::Msg(_) => false,
        }
    }

    /// Handles every input of a burst in order; `run` carries out effects (and feeds their
    /// results back). A list load asked for by a filter edit waits: if the next input edits
    /// the filter again, the load is dropped (its query is gone); before any other input, and
    /// at the end of the burst, it runs. Stops early when the app quits.
    pub fn feed(
        &mut self,
        inputs: impl IntoIterator<Item = Input>,
        mut run: impl FnMut(&mut App, Vec<Effect>),
    ) {
        let mut waiting: Vec<Effect> = Vec::new();
        for input in inputs {
            let edit = self.edits_filter(&input);
            if !edit && !waiting.is_empty() {
                run(self, std::mem::take(&mut waiting));
            }
            let effects = match input {
                Input::Key(key) => self.handle_key(key),
                Input::Msg(msg) => self.update(msg),
            };
            let replaceable = effects
                .iter()
                .all(|e| matches!(e, Effect::LoadCases { .. } | Effect::LoadStanding(_)));
            if edit && replaceable {
                if !effects.is_empty() {
                    waiting = effects;
                }
            } else {
                if !waiting.is_empty() {
                    run(self, std::mem::take(&mut waiting));
                }
                run(self, effects);
            }
            if self.quit {
                return;
            }
        }
        if !waiting.is_empty() {
            run(self, waiting);
        }
    }
}
