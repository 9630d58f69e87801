//! Application state, shared through context. Logic lives in plain methods.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::engine::model::Section;
use crate::engine::{analyze, bundle_of, samples, InputFile, Options, Report};

#[derive(Clone, Copy)]
pub struct AppState {
    /// Every file loaded so far, in load order (a file dropped again under
    /// the same name replaces the earlier one).
    pub files: RwSignal<Vec<InputFile>>,
    /// Files being read right now (for the progress line).
    pub reading: RwSignal<usize>,
    pub report: Memo<Report>,
}

impl AppState {
    pub fn new() -> Self {
        let files = RwSignal::new(Vec::<InputFile>::new());
        let now = today();
        let report = Memo::new(move |_| files.with(|f| analyze(f, &Options { at: None, now: Some(now) })));
        AppState { files, reading: RwSignal::new(0), report }
    }

    pub fn add(&self, new: Vec<InputFile>) {
        self.files.update(|files| merge_files(files, new));
    }

    pub fn load_sample(&self) {
        self.files.set(samples::demo_tenant());
    }

    pub fn clear(&self) {
        self.files.set(Vec::new());
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

fn today() -> DateTime<Utc> {
    let ms = js_sys::Date::now();
    DateTime::from_timestamp_millis(ms as i64).unwrap_or(DateTime::UNIX_EPOCH)
}
