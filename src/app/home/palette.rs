//! The command palette (`:`): every action by name, with its keys.

use crate::app::modal::{Modal, Picker, PickerKind};
use crate::app::{Action, App, Effect};
use crate::i18n::T;

impl App {
    // ----- the command palette -----

    pub(crate) fn open_palette(&mut self) -> Vec<Effect> {
        let items = Action::ALL
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let keys = self.keys_for(*a);
                let label = format!(
                    "{:<22} {}{}",
                    a.name(),
                    a.describe().text(self.lang),
                    if keys.is_empty() {
                        String::new()
                    } else {
                        format!("  [{keys}]")
                    }
                );
                (i as i64, label)
            })
            .collect();
        let title = T::TitlePalette.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Command,
            title,
            items,
        )));
        Vec::new()
    }

    /// The keys bound to an action anywhere, for the palette's labels.
    pub(crate) fn keys_for(&self, action: Action) -> String {
        let mut keys: Vec<String> = Vec::new();
        for context in crate::app::Context::ALL {
            for b in self.keymap.bindings(context) {
                if b.action == action {
                    for k in &b.keys {
                        let k = k.to_string();
                        if !keys.contains(&k) {
                            keys.push(k);
                        }
                    }
                }
            }
        }
        keys.join(" ")
    }

    pub(crate) fn palette_chosen(&mut self, index: i64) -> Vec<Effect> {
        match usize::try_from(index).ok().and_then(|i| Action::ALL.get(i)) {
            Some(action) => self.update(crate::app::Msg::Action(*action)),
            None => Vec::new(),
        }
    }
}
