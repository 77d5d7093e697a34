//! The statistics view (`S`): counts per state, step and call, and the granted report's totals.

use crate::app::modal::{Modal, Preview, PreviewAction, PreviewContent};
use crate::app::{App, StatsData};
use crate::i18n::T;

impl App {
    pub(crate) fn show_stats(&mut self, data: StatsData) {
        let title = T::TitleStats.text(self.lang).to_string();
        let preview = Preview::new(
            title,
            PreviewContent::Stats(Box::new(data)),
            PreviewAction::None,
        );
        self.modal = Some(Modal::Preview(preview));
    }
}
