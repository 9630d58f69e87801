//! Application state, shared through context.
//!
//! The current assessment is held in two signals: its loaded files, and
//! everything else (entered checklist data, statuses, acceptances, names).
//! Nothing is decoded, parsed or analysed here: every change of either is
//! sent to the analysis worker ([`crate::analysis`]), which keeps the files
//! loaded and answers with the report, the tenant and the conflicts (see
//! [`engine::session`]); dropped files go to it unread, and it tells how far
//! each has got. Edits made while the worker is busy are sent as one when it
//! answers, and answers to requests older than the shown state are
//! dropped. Saving to the browser's
//! storage (IndexedDB, read before the app is shown: see [`storage`]) goes
//! through one debounced effect (and is flushed when the page is hidden),
//! and writes the files only when they changed. Writes finish later: a
//! failed one is shown in `storage_error` and its files are written again
//! by the next save.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::storage::{self, Summary};

mod explain;
mod link;
use crate::analysis;
use engine::assessment::{
    add_files, Assessment, Prefer, SavedAssessment, SectionStatus, StoredFile,
};
use engine::compare::{compare, Comparison};
use engine::export::order::SortBy;
use engine::input::Loaded;
use engine::model::{parse_date, Section, Tenant};
use engine::report::filter::Filter;
use engine::session::explain::{Explained, MessageForm};
use engine::session::{Analysis, FileRef, Progress, Request, Response};
use engine::{report_for, samples, Options, Report};
use js_sys::Array;
use wasm_bindgen::JsValue;

/// How long the app waits after the last edit before saving.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// The pages of the app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Report,
    Checklist,
    Rules,
    Assessments,
    /// Privacy and verification.
    Privacy,
    /// "Test a message": the policy explainer.
    Explain,
}

/// A shared, immutable value that counts as changed whenever it is
/// replaced (so memos of large values never compare them deeply).
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Files about to be added that look like another customer's.
#[derive(Clone, Debug, PartialEq)]
pub struct MixQuestion {
    /// The files, not added yet.
    pub files: Vec<StoredFile>,
    /// Why they look like another customer's (from the engine).
    pub why: String,
    /// The customer they name, when an account name was loaded.
    pub customer: Option<String>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The assessment being worked on, without its files (see `files`).
    pub assessment: RwSignal<Assessment>,
    /// The files loaded into the current assessment.
    pub files: RwSignal<Shared<Vec<StoredFile>>>,
    /// Every assessment stored in this browser.
    pub saved: RwSignal<Vec<Summary>>,
    /// Why the last write to storage failed (cleared by the next success).
    pub storage_error: RwSignal<Option<String>>,
    /// A short message about the last import or open (errors included).
    pub notice: RwSignal<Option<String>>,
    /// A loaded file that is itself a saved assessment.
    pub offer: RwSignal<Option<SavedAssessment>>,
    /// Files that look like another customer's, waiting for the user to
    /// say whether they start a new assessment or join this one.
    pub mix: RwSignal<Option<MixQuestion>>,
    /// The tenant the loaded files are about (account, internal domains).
    pub tenant: RwSignal<Tenant>,
    /// What a screen reader should hear after an action (a polite live region).
    pub announce: RwSignal<String>,
    /// The load in progress (its request number), if any.
    pub loading: RwSignal<Option<u64>>,
    /// How far each file of the load in progress has got.
    pub progress: RwSignal<Vec<Progress>>,
    /// What became of the last load, when it did not finish ("Loading
    /// cancelled.").
    pub load_notice: RwSignal<Option<String>>,
    /// Entries of a chosen folder that were not read, with the reason.
    pub skipped: RwSignal<Vec<(String, String)>>,
    /// The analysis date the user picked (`None`: the bundle's, else today).
    pub at: Memo<Option<DateTime<Utc>>>,
    pub filter: RwSignal<Filter>,
    /// How the rule cards are ordered (priority by default).
    pub sort: RwSignal<SortBy>,
    /// Codes of the rule cards shown expanded.
    pub expanded: RwSignal<BTreeSet<String>>,
    pub page: RwSignal<Page>,
    /// The report, as the worker last sent it.
    pub report: RwSignal<Report>,
    /// The report is of the assessment open now (not of one switched from).
    pub fresh: RwSignal<bool>,
    /// An earlier run to compare with: the files' names and its report.
    pub baseline: RwSignal<Option<Shared<(String, Report)>>>,
    /// The report compared with the baseline, when one is loaded.
    pub comparison: Memo<Option<Shared<Comparison>>>,
    /// Sections that both loaded files and the checklist hold.
    pub conflicts: RwSignal<Vec<Section>>,
    /// Files are loaded.
    pub has_files: Memo<bool>,
    /// Files are loaded or something was entered.
    pub has_data: Memo<bool>,
    /// The save waiting for the edits to pause.
    pending_save: StoredValue<Option<TimeoutHandle>>,
    /// The files as last written to storage (to write them only on change).
    saved_files: StoredValue<Option<Shared<Vec<StoredFile>>>>,
    /// The next change is a switch that was already saved (or must not be).
    skip_save: StoredValue<bool>,
    /// Talking to the analysis worker.
    link: StoredValue<Link>,
    /// The worker's JSON text of a list of files (a JavaScript string), to
    /// store that list without encoding it here.
    prepared: StoredValue<Prepared, LocalStorage>,
    /// An analysis waiting for its added files (see `Link::adding`).
    deferred: StoredValue<Option<Analysis>, LocalStorage>,
    /// The message on the "Test a message" page, as typed.
    pub explain_form: RwSignal<MessageForm>,
    /// Keys of the form's fields the user has changed (their errors show).
    pub explain_touched: RwSignal<BTreeSet<&'static str>>,
    /// The worker's latest explanation of that message.
    pub explained: RwSignal<Option<Shared<Explained>>>,
    /// The explain request waiting for the typing to pause.
    explain_timer: StoredValue<Option<TimeoutHandle>>,
}

/// A list of files and the worker's JSON text of it.
type Prepared = Option<(Shared<Vec<StoredFile>>, JsValue)>;

/// What the page knows of its requests to the analysis worker.
#[derive(Default)]
struct Link {
    /// The last request number given.
    seq: u64,
    /// Answers to requests up to this number are not wanted any more.
    applied: u64,
    /// The last request before the assessment was switched or the worker
    /// restarted: files added by earlier ones are not wanted.
    applied_switch: u64,
    /// An edit of the assessment was sent and not answered yet.
    edit_sent: Option<u64>,
    /// The assessment changed meanwhile: send it once that is answered.
    edit_dirty: bool,
    /// Files being loaded by this request: its analysis (which the worker
    /// sends before their texts) is applied once they are added here, so
    /// that the report and the file list change together.
    adding: Option<u64>,
    /// Analyses up to this request are not announced (start-up, cancel).
    quiet: u64,
    /// The files the worker holds, by name: the length of their text.
    known: HashMap<String, usize>,
    /// The last explain request: only its answer is shown.
    explain_seq: u64,
}

/// Takes the files out of an assessment: the app holds them apart.
fn split(mut a: Assessment) -> (Assessment, Shared<Vec<StoredFile>>) {
    let files = std::mem::take(&mut a.files);
    (a, Shared(Arc::new(files)))
}

impl AppState {
    /// Takes the current assessment read from storage at start-up (or
    /// starts a blank one).
    pub fn new() -> Self {
        let index = storage::load_index();
        let started_with = storage::take_started_with();
        let files_stored = started_with.is_some();
        let current = started_with.unwrap_or_else(blank);
        let (current, current_files) = split(current);
        let assessment = RwSignal::new(current);
        let files = RwSignal::new(current_files.clone());
        let at = Memo::new(move |_| {
            assessment.with(|a| a.analysis_date.as_deref().and_then(|d| parse_date(d).ok()))
        });
        // Until the worker answers: the report on nothing loaded.
        let empty = report_for(
            Loaded::default(),
            &Options {
                at: None,
                now: Some(today()),
            },
        );
        let report = RwSignal::new(empty);
        let baseline: RwSignal<Option<Shared<(String, Report)>>> = RwSignal::new(None);
        let state = AppState {
            assessment,
            files,
            saved: RwSignal::new(index.assessments),
            storage_error: RwSignal::new(storage::take_start_error()),
            notice: RwSignal::new(None),
            offer: RwSignal::new(None),
            mix: RwSignal::new(None),
            tenant: RwSignal::new(Tenant::default()),
            announce: RwSignal::new(String::new()),
            loading: RwSignal::new(None),
            progress: RwSignal::new(Vec::new()),
            load_notice: RwSignal::new(None),
            skipped: RwSignal::new(Vec::new()),
            at,
            filter: RwSignal::new(Filter::default()),
            sort: RwSignal::new(SortBy::default()),
            expanded: RwSignal::new(BTreeSet::new()),
            page: RwSignal::new(Page::Report),
            report,
            fresh: RwSignal::new(false),
            baseline,
            comparison: Memo::new(move |_| {
                let b = baseline.get()?;
                Some(Shared(Arc::new(report.with(|r| compare(&b.0 .1, r)))))
            }),
            conflicts: RwSignal::new(Vec::new()),
            has_files: Memo::new(move |_| files.with(|f| !f.0.is_empty())),
            has_data: Memo::new(move |_| {
                files.with(|f| !f.0.is_empty()) || assessment.with(|a| a.entered_file().is_some())
            }),
            pending_save: StoredValue::new(None),
            saved_files: StoredValue::new(files_stored.then_some(current_files)),
            skip_save: StoredValue::new(false),
            link: StoredValue::new(Link::default()),
            prepared: StoredValue::new_local(None),
            deferred: StoredValue::new_local(None),
            explain_form: RwSignal::new(MessageForm::default()),
            explain_touched: RwSignal::new(BTreeSet::new()),
            explained: RwSignal::new(None),
            explain_timer: StoredValue::new(None),
        };
        storage::on_outcome(move |outcome| {
            if outcome.is_some() {
                // What failed is written again by the next save.
                state.saved_files.set_value(None);
            }
            if state.storage_error.with_untracked(|e| *e != outcome) {
                state.storage_error.set(outcome);
            }
        });
        state.save_after_edits();
        state.migrate_keys();
        state.keep_standing();
        state.talk_to_worker();
        state.explain_as_typed();
        state
    }

    /// Expands the card of rule `code`, shows it (clearing filters that
    /// hide it), scrolls to it and focuses its toggle.
    pub fn reveal_rule(&self, code: &str) {
        let hidden = self.report.with_untracked(|r| {
            let filter = self.filter.get_untracked();
            r.results
                .iter()
                .any(|x| x.code == code && !filter.matches(x))
        });
        if hidden {
            self.filter.set(Filter::default());
        }
        self.expanded.update(|e| {
            e.insert(code.to_string());
        });
        // The card scrolls into view (its top, not just its toggle's).
        crate::focus::focus_within_later(format!("#rule-{code}"), ".rule__toggle");
    }

    /// One effect saves the assessment a moment after the last change to
    /// it or its files; leaving the page saves at once.
    fn save_after_edits(self) {
        Effect::new(move |first: Option<()>| {
            self.assessment.track();
            self.files.track();
            if first.is_none() || self.skip_save.get_value() {
                // What was just read, or just switched to, needs no saving.
                self.skip_save.set_value(false);
                return;
            }
            if let Some(h) = self.pending_save.get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(move || self.save_now(), SAVE_DELAY).ok();
            self.pending_save.set_value(handle);
        });
        let flush = move || {
            if self.pending_save.get_value().is_some() {
                self.save(true);
            }
        };
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
        // The app lives as long as the page: keep the listeners.
        std::mem::forget((on_hide, on_hidden));
    }

    /// Acceptances saved under the keys of an earlier version are rewritten
    /// to today's keys once the report has matched them.
    fn migrate_keys(self) {
        Effect::new(move |_| {
            let migrations = self.report.with(|r| r.key_migrations.clone());
            if !migrations.is_empty() {
                self.assessment
                    .update(|a| _ = a.apply_key_migrations(&migrations));
            }
        });
    }

    /// Writes the current assessment to storage now (its files only when
    /// they changed since the last write).
    pub fn save_now(&self) {
        self.save(false);
    }

    /// [`AppState::save_now`]; `leaving`: the page is being hidden or left,
    /// and the write must survive that (see [`storage::save_leaving`]).
    fn save(&self, leaving: bool) {
        if let Some(h) = self.pending_save.get_value() {
            h.clear();
        }
        self.pending_save.set_value(None);
        let files = self.files.get_untracked();
        let files_changed = self.saved_files.with_value(|s| s.as_ref() != Some(&files));
        // The worker's text of this very list, when it made one.
        let prepared = self.prepared.with_value(|p| {
            p.as_ref()
                .filter(|(of, _)| *of == files)
                .map(|(_, t)| t.clone())
        });
        let result = self.assessment.with_untracked(|a| {
            if leaving {
                let files = files_changed.then_some(storage::Files::List(&files.0));
                storage::save_leaving(a, files)
            } else {
                let files = files_changed.then(|| match &prepared {
                    Some(text) => storage::Files::Text(text),
                    None => storage::Files::List(&files.0),
                });
                storage::save_assessment(a, files, true)
            }
        });
        if result.is_ok() {
            self.saved_files.set_value(Some(files));
        }
        self.after_write(result);
    }

    /// Changes the current assessment (saved a moment later).
    pub fn edit(&self, f: impl FnOnce(&mut Assessment)) {
        self.assessment.update(f);
    }

    /// Changes the files of the current assessment (saved a moment later).
    pub fn edit_files(&self, f: impl FnOnce(&mut Vec<StoredFile>)) {
        let mut list = self.files.with_untracked(|x| x.0.as_ref().clone());
        f(&mut list);
        self.files.set(Shared(Arc::new(list)));
    }

    /// Shows the index a write left (the write itself finishes later and
    /// reports to `storage_error`), or why it could not start.
    fn after_write(&self, result: Result<storage::Index, String>) {
        match result {
            Ok(index) => self.saved.set(index.assessments),
            Err(e) => self.storage_error.set(Some(e)),
        }
    }

    /// Answers the mix question: the files start an assessment of their own.
    pub fn mix_into_new_assessment(&self) {
        let Some(q) = self.mix.get_untracked() else {
            return;
        };
        self.mix.set(None);
        let customer = q.customer.unwrap_or_default();
        let mut a = Assessment::started(new_id(), &customer, "", "", &today_text());
        let count = q.files.len();
        a.files = q.files;
        self.switch_to(a, false);
        self.notice.set(Some(format!(
            "Started a new assessment ({}) with {} file(s); the previous one is kept in this \
             browser.",
            self.assessment
                .with_untracked(|a| a.display_name().to_string()),
            count
        )));
    }

    /// Answers the mix question: the files join this assessment anyway.
    pub fn mix_anyway(&self) {
        let Some(q) = self.mix.get_untracked() else {
            return;
        };
        self.mix.set(None);
        self.edit_files(|files| merge_files(files, q.files));
    }

    /// Opens the sample tenant with planted pitfalls (as the files of the
    /// current assessment).
    pub fn load_sample(&self) {
        self.edit_files(|files| {
            files.clear();
            add_files(files, &samples::pitfall_tenant());
        });
    }

    /// Opens the well-configured sample tenant.
    pub fn load_clean_sample(&self) {
        self.edit_files(|files| {
            files.clear();
            add_files(files, &samples::clean_tenant());
        });
    }

    /// Removes the loaded files (entered checklist data stays).
    pub fn clear(&self) {
        self.edit_files(Vec::clear);
        self.skipped.set(Vec::new());
        self.filter.set(Filter::default());
        self.offer.set(None);
    }

    /// Settles an ambiguous file: read `name` as `section`.
    pub fn choose_section(&self, name: &str, section: Option<Section>) {
        self.edit_files(|files| {
            if let Some(f) = files.iter_mut().find(|f| f.name == name) {
                f.section = section.map(|s| s.key().to_string());
            }
        });
    }

    pub fn set_status(&self, section: Section, status: Option<SectionStatus>) {
        self.edit(|a| match status {
            Some(s) => {
                a.status.insert(section.key().to_string(), s);
            }
            None => {
                a.status.remove(section.key());
            }
        });
    }

    pub fn set_prefer(&self, section: Section, prefer: Prefer) {
        self.edit(|a| {
            a.prefer.insert(section.key().to_string(), prefer);
        });
    }

    /// The current assessment with its files, as one value.
    pub fn whole(&self) -> Assessment {
        let mut a = self.assessment.get_untracked();
        a.files = self.files.with_untracked(|f| f.0.as_ref().clone());
        a
    }

    /// The current assessment as a bundle (with its `assessment` block).
    pub fn bundle_text(&self) -> String {
        self.whole().to_bundle(today())
    }

    /// A file name for the exported bundle: `northwind-2026-11-28.bundle.json`.
    pub fn bundle_name(&self) -> String {
        self.assessment.with_untracked(Assessment::bundle_file_name)
    }

    /// Sets (or clears) the analysis date of the current assessment.
    pub fn set_at(&self, date: Option<String>) {
        self.edit(|a| a.analysis_date = date.filter(|d| !d.is_empty()));
    }

    /// Switches to another assessment (the current one is saved first).
    fn switch_to(&self, a: Assessment, stored: bool) {
        if self.pending_save.get_value().is_some() {
            self.save_now();
        }
        let (a, files) = split(a);
        self.forget_answers();
        self.fresh.set(false);
        self.skip_save.set_value(true);
        self.assessment.set(a);
        self.files.set(files.clone());
        self.filter.set(Filter::default());
        self.offer.set(None);
        // The new current one is written at once: it must be listed (its
        // files only when they are not the stored ones).
        self.saved_files.set_value(stored.then_some(files));
        self.save_now();
    }

    /// Starts a new assessment and makes it the current one.
    pub fn new_assessment(&self, customer: &str, assessor: &str, date: &str) {
        let a = Assessment::started(new_id(), customer, assessor, date, &today_text());
        let name = a.display_name().to_string();
        self.switch_to(a, false);
        self.notice
            .set(Some(format!("Started the assessment of {name}.")));
    }

    /// Opens a stored assessment (once read from storage).
    pub fn open(&self, id: &str) {
        let (state, id) = (*self, id.to_string());
        spawn_local(async move {
            match storage::load_assessment(&id).await {
                Some(a) => {
                    let name = a.display_name().to_string();
                    state.switch_to(a, true);
                    state
                        .notice
                        .set(Some(format!("Opened the assessment of {name}.")));
                }
                None => state.notice.set(Some(
                    "That assessment could not be read from this browser's storage.".into(),
                )),
            }
        });
    }

    pub fn rename(&self, id: &str, customer: &str) {
        let customer = customer.trim().to_string();
        if customer.is_empty() {
            return;
        }
        if self.assessment.with_untracked(|a| a.id == id) {
            self.edit(|a| a.customer = customer);
            return;
        }
        let result = storage::rename(id, &customer);
        self.after_write(result);
    }

    pub fn delete(&self, id: &str) {
        let was_current = self.assessment.with_untracked(|a| a.id == id);
        if was_current {
            self.cancel_pending_save();
        }
        let result = storage::delete_assessment(id);
        self.after_write(result);
        if was_current {
            // Continue with the most recent other one once it is read, or a
            // blank one (not stored until something is entered).
            self.reset(blank());
            let next = self
                .saved
                .with_untracked(|s| s.last().map(|s| s.id.clone()));
            let Some(next) = next else {
                return;
            };
            let state = *self;
            let blank_id = self.assessment.with_untracked(|a| a.id.clone());
            spawn_local(async move {
                let Some(a) = storage::load_assessment(&next).await else {
                    return;
                };
                // Unless something else was opened or entered meanwhile.
                let untouched = state.assessment.with_untracked(|a| a.id == blank_id)
                    && state.pending_save.with_value(Option::is_none)
                    && state.files.with_untracked(|f| f.0.is_empty());
                if untouched {
                    state.switch_to(a, true);
                }
            });
        }
    }

    /// Drops the save waiting for the edits to pause.
    fn cancel_pending_save(&self) {
        if let Some(h) = self.pending_save.get_value() {
            h.clear();
        }
        self.pending_save.set_value(None);
    }

    /// Makes `a` current without saving it (a blank one is stored only
    /// once something is entered).
    fn reset(&self, a: Assessment) {
        let (a, files) = split(a);
        self.forget_answers();
        self.fresh.set(false);
        self.saved_files.set_value(None);
        self.skip_save.set_value(true);
        self.assessment.set(a);
        self.files.set(files);
        self.filter.set(Filter::default());
        self.offer.set(None);
    }

    /// Reads an exported bundle back as an assessment and opens it.
    pub fn import(&self, name: &str, text: &str) {
        let taken = |id: &str| self.saved.with_untracked(|s| s.iter().any(|x| x.id == id));
        match Assessment::import(name, text, taken, new_id, &today_text()) {
            Ok(a) => {
                let customer = a.display_name().to_string();
                self.switch_to(a, false);
                self.notice.set(Some(format!(
                    "Imported the assessment of {customer} from {name}."
                )));
            }
            Err(e) => self
                .notice
                .set(Some(format!("Could not import {name}: {e}"))),
        }
    }

    /// Opens the offered file as an assessment (and takes it out of the
    /// current one's files, where it was loaded).
    pub fn accept_offer(&self) {
        let Some(offer) = self.offer.get_untracked() else {
            return;
        };
        self.edit_files(|files| files.retain(|f| f.name != offer.name));
        // Saved now: the save effect may not have seen that change before
        // the switch.
        self.save_now();
        self.import(&offer.name, &offer.text);
    }

    /// Deletes everything this app stored and starts afresh.
    pub fn wipe(&self) {
        // An edit made just before must not be written after the wipe.
        self.cancel_pending_save();
        let result = storage::wipe();
        self.storage_error.set(result.err());
        self.saved.set(Vec::new());
        self.reset(blank());
        self.notice.set(Some(
            "All data stored by this app in this browser was deleted.".into(),
        ));
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Adds stored files; one named like an earlier file replaces it (in
/// place), as [`add_files`] does.
pub fn merge_files(files: &mut Vec<StoredFile>, new: Vec<StoredFile>) {
    for f in new {
        match files.iter_mut().find(|x| x.name == f.name) {
            Some(slot) => *slot = f,
            None => files.push(f),
        }
    }
}

/// A fresh, unsaved assessment.
fn blank() -> Assessment {
    Assessment::blank(new_id(), &today_text())
}

fn new_id() -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("a{t:x}{r:x}")
}

pub fn today() -> DateTime<Utc> {
    let ms = js_sys::Date::now();
    DateTime::from_timestamp_millis(ms as i64).unwrap_or(DateTime::UNIX_EPOCH)
}

/// Today as `YYYY-MM-DD`.
pub fn today_text() -> String {
    today().format("%Y-%m-%d").to_string()
}
