//! "Clear" with undo: clearing keeps what it removed (the loaded files,
//! the list of skipped folder entries, the filter and any pending offer)
//! so that "Undo" puts back exactly that, in the same assessment.

use leptos::prelude::*;

use engine::assessment::{SavedAssessment, StoredFile};
use engine::report::filter::Filter;

use crate::state::{AppState, Shared};

/// What one "Clear" removed.
#[derive(Clone)]
pub struct Cleared {
    assessment: String,
    files: Shared<Vec<StoredFile>>,
    skipped: Vec<(String, String)>,
    filter: Filter,
    offer: Option<SavedAssessment>,
}

impl Cleared {
    /// How many files an undo brings back.
    pub fn files(&self) -> usize {
        self.files.0.len()
    }
}

impl AppState {
    /// Clears the loaded files ([`AppState::clear`]) and returns what was
    /// removed, for [`AppState::undo_clear`].
    pub fn clear_keeping(&self) -> Cleared {
        let kept = Cleared {
            assessment: self.assessment.with_untracked(|a| a.id.clone()),
            files: self.files.get_untracked(),
            skipped: self.skipped.get_untracked(),
            filter: self.filter.get_untracked(),
            offer: self.offer.get_untracked(),
        };
        self.clear();
        kept
    }

    /// Puts back what a "Clear" removed; does nothing (and says so) when
    /// another assessment was opened since.
    pub fn undo_clear(&self, c: Cleared) -> bool {
        if self.assessment.with_untracked(|a| a.id != c.assessment) {
            return false;
        }
        self.files.set(c.files);
        self.skipped.set(c.skipped);
        self.filter.set(c.filter);
        self.offer.set(c.offer);
        true
    }
}
