//! Keeps the open assessment's standing (score, grade, files) in its entry
//! of the stored index, so the list of assessments shows it for every
//! stored assessment without analysing the ones not open.

use leptos::prelude::*;

use crate::state::AppState;
use crate::storage;
use engine::assessment::standing::Standing;

impl AppState {
    /// After every analysis of the open assessment, records its standing
    /// for the index (written at once when it is listed, else by its first
    /// save). Safe to start more than once.
    pub fn keep_standing(self) {
        Effect::new(move |_| {
            // Not the report of the assessment switched from.
            if !self.fresh.get() {
                return;
            }
            let standing = self.report.with(Standing::of);
            let id = self.assessment.with_untracked(|a| a.id.clone());
            if let Some(index) = storage::note_standing(&id, standing) {
                self.saved.set(index.assessments);
            }
        });
    }
}
