//! The "Test a message" page's state: the form as typed is sent to the
//! worker a moment after the typing pauses (and again when the data
//! changes), and only the answer to the last request is shown. The page
//! only renders; the engine turns the form into a message and explains it.

use std::time::Duration;

use engine::session::explain::{Explained, MessageForm, BASIC_FIELDS, FIELDS};

use super::*;

/// How long the page waits after a keystroke before asking the worker.
const EXPLAIN_DELAY: Duration = Duration::from_millis(200);

impl AppState {
    /// One effect asks the worker to explain the form's message while the
    /// page is shown: after each change of the form (debounced) and after
    /// each new analysis (the configuration changed).
    pub(super) fn explain_as_typed(self) {
        Effect::new(move |_| {
            let shown = self.page.get() == Page::Explain;
            self.explain_form.track();
            self.report.track();
            if let Some(h) = self.explain_timer.get_value() {
                h.clear();
            }
            self.explain_timer.set_value(None);
            if shown {
                let h = set_timeout_with_handle(move || self.send_explain(), EXPLAIN_DELAY).ok();
                self.explain_timer.set_value(h);
            }
        });
    }

    fn send_explain(&self) {
        self.explain_timer.set_value(None);
        let seq = self.next_seq();
        self.link.update_value(|l| l.explain_seq = seq);
        let (message, _) = self.explain_form.with_untracked(MessageForm::to_input);
        let req = Request::Explain {
            seq,
            message: Box::new(message),
            at: None,
        };
        analysis::send(&req, Array::new());
    }

    /// An explanation came: shown when it answers the last request.
    pub(super) fn on_explained(&self, e: Explained) {
        let wanted = self
            .link
            .with_value(|l| e.seq == l.explain_seq && e.seq > l.applied_switch);
        if wanted {
            self.explained.set(Some(Shared(Arc::new(e))));
        }
    }

    /// Sets one field of the form (its errors show from now on).
    pub fn set_explain_field(&self, key: &'static str, value: String) {
        self.explain_form.update(|f| f.set(key, &value));
        if self.explain_touched.with_untracked(|t| !t.contains(key)) {
            self.explain_touched.update(|t| {
                t.insert(key);
            });
        }
    }

    /// Fills the form with the engine's suggestion (a spoof of the
    /// tenant's own domain).
    pub fn use_explain_suggestion(&self) {
        let suggestion = self
            .explained
            .with_untracked(|e| e.as_ref().and_then(|e| e.0.suggestion.clone()));
        let Some(m) = suggestion else {
            return;
        };
        self.explain_form.set(MessageForm::from_input(&m));
        self.explain_touched
            .set(FIELDS[..BASIC_FIELDS].iter().map(|f| f.key).collect());
    }

    /// Empties the form.
    pub fn clear_explain_form(&self) {
        self.explain_form.set(MessageForm::default());
        self.explain_touched.set(BTreeSet::new());
    }
}
