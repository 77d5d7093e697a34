//! Tjänsteanteckningar (`t`), registered documents (`r`) and reform areas (`O`).

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Editor, EditorKind, Field, Form, FormKind, Modal};
use crate::i18n::T;

impl App {
    pub(crate) fn open_document_form(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let org = view.detail.organisation.name.clone();
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Document,
            title: T::TitleDocument.text(self.lang).to_string(),
            fields: vec![
                Field::line(T::FldDirection, "in"),
                Field::line(T::FldDate, &self.today.to_string()),
                Field::line(T::FldCounterpart, &org),
                Field::line(T::FldDescription, ""),
                Field::line(T::FldFile, ""),
            ],
            focus: 3,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(crate) fn open_note_editor(&mut self) -> Vec<Effect> {
        if self.view().is_none() {
            return Vec::new();
        }
        self.modal = Some(Modal::Editor(Editor {
            kind: EditorKind::Note,
            title: T::TitleNote.text(self.lang).to_string(),
            about: String::new(),
            label: T::FldNote,
            input: crate::app::modal::text_area(""),
            error: None,
        }));
        Vec::new()
    }

    pub(crate) fn open_reform_areas(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let current = view
            .detail
            .reform_areas
            .iter()
            .map(|a| a.code().to_lowercase())
            .collect::<Vec<_>>()
            .join(", ");
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::ReformAreas,
            title: T::ActReformAreas.text(self.lang).to_string(),
            fields: vec![Field::line(T::FldReformAreas, &current)],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }
}
