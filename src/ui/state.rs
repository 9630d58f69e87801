//! Application state, shared through context. Logic lives in plain methods
//! and in the engine; components only read and set these signals.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::engine::model::Section;
use crate::engine::report::filter::Filter;
use crate::engine::{analyze, bundle_of, samples, InputFile, Options, Report};

/// The two pages of the app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Report,
    Rules,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Every file loaded so far, in load order (a file dropped again under
    /// the same name replaces the earlier one).
    pub files: RwSignal<Vec<InputFile>>,
    /// Files being read right now (for the progress line).
    pub reading: RwSignal<usize>,
    /// The analysis date the user picked (`None`: the bundle's, else today).
    pub at: RwSignal<Option<DateTime<Utc>>>,
    pub filter: RwSignal<Filter>,
    pub page: RwSignal<Page>,
    pub report: Memo<Report>,
}

impl AppState {
    pub fn new() -> Self {
        let files = RwSignal::new(Vec::<InputFile>::new());
        let at = RwSignal::new(None);
        let now = today();
        let report = Memo::new(move |_| {
            let at = at.get();
            files.with(|f| analyze(f, &Options { at, now: Some(now) }))
        });
        AppState {
            files,
            reading: RwSignal::new(0),
            at,
            filter: RwSignal::new(Filter::default()),
            page: RwSignal::new(Page::Report),
            report,
        }
    }

    pub fn add(&self, new: Vec<InputFile>) {
        self.files.update(|files| merge_files(files, new));
    }

    /// Opens the sample tenant with planted pitfalls.
    pub fn load_sample(&self) {
        self.files.set(samples::pitfall_tenant());
    }

    /// Opens the well-configured sample tenant.
    pub fn load_clean_sample(&self) {
        self.files.set(samples::clean_tenant());
    }

    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.filter.set(Filter::default());
    }

    /// Settles an ambiguous file: read `name` as `section`.
    pub fn choose_section(&self, name: &str, section: Option<Section>) {
        self.files.update(|files| {
            if let Some(f) = files.iter_mut().find(|f| f.name == name) {
                f.section = section;
            }
        });
    }

    /// Everything loaded, as one bundle file's text.
    pub fn bundle_text(&self) -> String {
        self.files.with(|f| bundle_of(f, today()))
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Adds files; one with the name of an earlier file replaces it in place.
pub fn merge_files(files: &mut Vec<InputFile>, new: Vec<InputFile>) {
    for f in new {
        match files.iter_mut().find(|x| x.name == f.name) {
            Some(slot) => *slot = f,
            None => files.push(f),
        }
    }
}

pub fn today() -> DateTime<Utc> {
    let ms = js_sys::Date::now();
    DateTime::from_timestamp_millis(ms as i64).unwrap_or(DateTime::UNIX_EPOCH)
}
