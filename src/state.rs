//! Application state, shared through context. The current [`Assessment`]
//! (loaded files plus entered checklist data) is the source of truth; the
//! report is computed from it. Every change goes through [`AppState::edit`],
//! which writes the assessment to localStorage at once.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde_json::Value;

use super::storage::{self, Summary};
use engine::assessment::{Assessment, Prefer, SectionStatus};
use engine::bundle;
use engine::model::{parse_date, Section};
use engine::report::filter::Filter;
use engine::{samples, InputFile, Options, Report};

/// The pages of the app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Report,
    Checklist,
    Rules,
    Assessments,
}

/// A loaded file that is a saved assessment: the app offers to open it.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub name: String,
    pub text: String,
    pub customer: String,
    pub date: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The assessment being worked on.
    pub assessment: RwSignal<Assessment>,
    /// Every assessment stored in this browser.
    pub saved: RwSignal<Vec<Summary>>,
    /// Why the last write to storage failed (cleared by the next success).
    pub storage_error: RwSignal<Option<String>>,
    /// A short message about the last import or open (errors included).
    pub notice: RwSignal<Option<String>>,
    /// A loaded file that is itself a saved assessment.
    pub offer: RwSignal<Option<Offer>>,
    /// What a screen reader should hear after an action (a polite live region).
    pub announce: RwSignal<String>,
    /// Files being read right now (for the progress line).
    pub reading: RwSignal<usize>,
    /// The analysis date the user picked (`None`: the bundle's, else today).
    pub at: Memo<Option<DateTime<Utc>>>,
    pub filter: RwSignal<Filter>,
    pub page: RwSignal<Page>,
    pub report: Memo<Report>,
    /// Sections that both loaded files and the checklist hold.
    pub conflicts: Memo<Vec<Section>>,
    /// Files are loaded.
    pub has_files: Memo<bool>,
    /// Files are loaded or something was entered.
    pub has_data: Memo<bool>,
}

impl AppState {
    /// Reads the current assessment from storage (or starts a blank one).
    pub fn new() -> Self {
        let index = storage::load_index();
        let current = index
            .current
            .as_deref()
            .and_then(storage::load_assessment)
            .unwrap_or_else(blank);
        let assessment = RwSignal::new(current);
        let at = Memo::new(move |_| {
            assessment.with(|a| a.analysis_date.as_deref().and_then(|d| parse_date(d).ok()))
        });
        let now = today();
        let report = Memo::new(move |_| {
            let at = at.get();
            assessment.with(|a| a.report(&Options { at, now: Some(now) }))
        });
        AppState {
            assessment,
            saved: RwSignal::new(index.assessments),
            storage_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            offer: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
            reading: RwSignal::new(0),
            at,
            filter: RwSignal::new(Filter::default()),
            page: RwSignal::new(Page::Report),
            report,
            conflicts: Memo::new(move |_| {
                assessment.with(|a| {
                    if a.entries.is_empty() || a.files.is_empty() {
                        Vec::new()
                    } else {
                        a.conflicts()
                    }
                })
            }),
            has_files: Memo::new(move |_| assessment.with(|a| !a.files.is_empty())),
            has_data: Memo::new(move |_| {
                assessment.with(|a| !a.files.is_empty() || a.entered_file().is_some())
            }),
        }
    }

    /// Changes the current assessment and saves it.
    pub fn edit(&self, f: impl FnOnce(&mut Assessment)) {
        self.assessment.update(f);
        self.persist();
    }

    /// Writes the current assessment to storage.
    pub fn persist(&self) {
        let result = self
            .assessment
            .with_untracked(|a| storage::save_assessment(a, true));
        self.after_write(result);
    }

    fn after_write(&self, result: Result<storage::Index, String>) {
        match result {
            Ok(index) => {
                self.saved.set(index.assessments);
                if self.storage_error.with_untracked(Option::is_some) {
                    self.storage_error.set(None);
                }
            }
            Err(e) => self.storage_error.set(Some(e)),
        }
    }

    /// Adds files to the current assessment; a file that is a saved
    /// assessment is also offered to be opened as one.
    pub fn add(&self, new: Vec<InputFile>) {
        if let Some(offer) = new.iter().find_map(offer_of) {
            self.offer.set(Some(offer));
        }
        self.edit(|a| a.add_files(&new));
    }

    /// Opens the sample tenant with planted pitfalls (as the files of the
    /// current assessment).
    pub fn load_sample(&self) {
        self.edit(|a| {
            a.files.clear();
            a.add_files(&samples::pitfall_tenant());
        });
    }

    /// Opens the well-configured sample tenant.
    pub fn load_clean_sample(&self) {
        self.edit(|a| {
            a.files.clear();
            a.add_files(&samples::clean_tenant());
        });
    }

    /// Removes the loaded files (entered checklist data stays).
    pub fn clear(&self) {
        self.edit(|a| a.files.clear());
        self.filter.set(Filter::default());
        self.offer.set(None);
    }

    /// Settles an ambiguous file: read `name` as `section`.
    pub fn choose_section(&self, name: &str, section: Option<Section>) {
        self.edit(|a| {
            if let Some(f) = a.files.iter_mut().find(|f| f.name == name) {
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

    /// The current assessment as a bundle (with its `assessment` block).
    pub fn bundle_text(&self) -> String {
        self.assessment.with_untracked(|a| a.to_bundle(today()))
    }

    /// A file name for the exported bundle: `northwind-2026-11-28.bundle.json`.
    pub fn bundle_name(&self) -> String {
        self.assessment.with_untracked(|a| {
            let slug: String = a
                .customer
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .split('-')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            match (slug.is_empty(), a.date.is_empty()) {
                (true, _) => "mimecast-config.bundle.json".to_string(),
                (false, true) => format!("{slug}.bundle.json"),
                (false, false) => format!("{slug}-{}.bundle.json", a.date),
            }
        })
    }

    /// Sets (or clears) the analysis date of the current assessment.
    pub fn set_at(&self, date: Option<String>) {
        self.edit(|a| a.analysis_date = date.filter(|d| !d.is_empty()));
    }

    /// Switches to another assessment (the current one is already saved).
    fn switch_to(&self, a: Assessment) {
        self.assessment.set(a);
        self.filter.set(Filter::default());
        self.offer.set(None);
        self.persist();
    }

    /// Starts a new assessment and makes it the current one.
    pub fn new_assessment(&self, customer: &str, assessor: &str, date: &str) {
        let customer = if customer.trim().is_empty() {
            "Untitled assessment"
        } else {
            customer.trim()
        };
        let date = if date.is_empty() {
            today_text()
        } else {
            date.to_string()
        };
        self.switch_to(Assessment::new(new_id(), customer, assessor.trim(), date));
        self.notice
            .set(Some(format!("Started the assessment of {customer}.")));
    }

    pub fn open(&self, id: &str) {
        match storage::load_assessment(id) {
            Some(a) => {
                let name = a.customer.clone();
                self.switch_to(a);
                self.notice
                    .set(Some(format!("Opened the assessment of {name}.")));
            }
            None => self.notice.set(Some(
                "That assessment could not be read from this browser's storage.".into(),
            )),
        }
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
        if let Some(mut a) = storage::load_assessment(id) {
            a.customer = customer;
            let result = storage::save_assessment(&a, false);
            self.after_write(result);
        }
    }

    pub fn delete(&self, id: &str) {
        let result = storage::delete_assessment(id);
        let was_current = self.assessment.with_untracked(|a| a.id == id);
        self.after_write(result);
        if was_current {
            // Continue with the most recent other one, or a blank one (not
            // stored until something is entered).
            let next = self
                .saved
                .with_untracked(|s| s.last().map(|s| s.id.clone()));
            match next.and_then(|id| storage::load_assessment(&id)) {
                Some(a) => self.switch_to(a),
                None => {
                    self.assessment.set(blank());
                    self.filter.set(Filter::default());
                }
            }
        }
    }

    /// Reads an exported bundle back as an assessment and opens it.
    pub fn import(&self, name: &str, text: &str) {
        match Assessment::from_bundle(name, text) {
            Ok(mut a) => {
                super::records::make_editable(&mut a);
                if a.id.is_empty()
                    || self
                        .saved
                        .with_untracked(|s| s.iter().any(|x| x.id == a.id))
                {
                    let existed = !a.id.is_empty();
                    a.id = new_id();
                    if existed {
                        a.customer = format!("{} (imported copy)", a.customer);
                    }
                }
                if a.customer.trim().is_empty() {
                    a.customer = name
                        .trim_end_matches(".json")
                        .trim_end_matches(".bundle")
                        .to_string();
                }
                if a.date.is_empty() {
                    a.date = today_text();
                }
                let customer = a.customer.clone();
                self.switch_to(a);
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
        self.edit(|a| a.files.retain(|f| f.name != offer.name));
        self.import(&offer.name, &offer.text);
    }

    /// Deletes everything this app stored and starts afresh.
    pub fn wipe(&self) {
        let result = storage::wipe();
        self.storage_error.set(result.err());
        self.saved.set(Vec::new());
        self.assessment.set(blank());
        self.filter.set(Filter::default());
        self.offer.set(None);
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

/// A file that is a bundle with an `assessment` block.
fn offer_of(f: &InputFile) -> Option<Offer> {
    let text = engine::input::decode_text(&f.bytes).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if v.get("format").and_then(Value::as_str) != Some(bundle::FORMAT) {
        return None;
    }
    let meta = v.get("assessment")?;
    let s = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(Offer {
        name: f.name.clone(),
        customer: s("customer"),
        date: s("date"),
        text,
    })
}

/// A fresh, unsaved assessment.
fn blank() -> Assessment {
    Assessment::new(new_id(), "Untitled assessment", "", today_text())
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
