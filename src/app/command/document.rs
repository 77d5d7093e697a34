//! Tjänsteanteckningar (`t`), registered documents (`r`) and reform areas (`O`).

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::form::{Choice, ChoiceValue, Field, FieldId, Form, FormKind, Label};
use crate::app::modal::{Editor, EditorKind, Modal};
use crate::domain::{Direction, ReformArea};
use crate::i18n::{self, T};

impl App {
    pub(crate) fn open_document_form(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let org = view.detail.organisation.name.clone();
        let directions = [Direction::Incoming, Direction::Outgoing]
            .into_iter()
            .map(|d| {
                Choice::new(
                    ChoiceValue::Direction(d),
                    i18n::direction_name(d).text(self.lang),
                )
            })
            .collect();
        let form = Form::new(
            FormKind::Document,
            T::TitleDocument.text(self.lang).to_string(),
            vec![
                Field::choice(
                    FieldId::Direction,
                    Label::Key(T::FldDirection),
                    directions,
                    Some(0),
                ),
                Field::line(FieldId::Date, T::FldDate, &self.today.to_string()),
                Field::line(FieldId::Counterpart, T::FldCounterpart, &org),
                Field::line(FieldId::Description, T::FldDescription, ""),
                Field::line(FieldId::File, T::FldFile, ""),
            ],
        )
        .focused(FieldId::Description);
        self.modal = Some(Modal::Form(form));
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
        // One yes/no per area (Space toggles), set as the case has them.
        let fields = ReformArea::ALL
            .into_iter()
            .map(|a| {
                Field::toggle(
                    FieldId::Area(a),
                    Label::Key(i18n::reform_area(a)),
                    view.detail.reform_areas.contains(&a),
                )
            })
            .collect();
        self.modal = Some(Modal::Form(Form::new(
            FormKind::ReformAreas,
            T::ActReformAreas.text(self.lang).to_string(),
            fields,
        )));
        Vec::new()
    }
}
