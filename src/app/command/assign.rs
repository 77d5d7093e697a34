//! Assignment: to me (`a`) or to a colleague (`A`).

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Modal, Picker, PickerKind};
use crate::domain::Role;
use crate::i18n::T;

impl App {
    // ----- assignment -----

    pub(crate) fn assign_me(&mut self) -> Vec<Effect> {
        let (id, name) = (self.user.id, self.user.name.clone());
        if self
            .view()
            .is_some_and(|v| v.detail.jav_users.contains(&id))
        {
            return self.say(T::JavNoAssign, &[&name]);
        }
        if self
            .view()
            .is_some_and(|v| v.detail.assignee.as_deref() == Some(name.as_str()))
        {
            return self.say(T::DoneAssigned, &[&name]);
        }
        self.write(CaseWrite::Assign { user_id: id })
    }

    pub(crate) fn open_assignee_picker(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        // Jäv hides a colleague from the cases of that organisation.
        let jav = view.detail.jav_users.clone();
        self.open_colleague_picker(PickerKind::Assignee, &jav)
    }

    /// The caseworkers other than the user (less those in `hidden`) to pick one from; says so
    /// when there is none.
    pub(crate) fn open_colleague_picker(
        &mut self,
        kind: PickerKind,
        hidden: &[i64],
    ) -> Vec<Effect> {
        let items: Vec<(i64, String)> = self
            .users
            .iter()
            .filter(|u| u.id != self.user.id && u.roles.contains(&Role::Caseworker))
            .filter(|u| !hidden.contains(&u.id))
            .map(|u| (u.id, format!("{} ({})", u.name, u.login)))
            .collect();
        if items.is_empty() {
            return self.say(T::RefNoColleagues, &[]);
        }
        let title = T::TitlePickUser.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(kind, title, items)));
        Vec::new()
    }
}
