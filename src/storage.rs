//! The browser's localStorage: the only place anything is kept. Per
//! assessment two keys: its entries, statuses and preferences (JSON, written
//! on every saved edit) and its loaded files (written only when they
//! change); plus one index key listing them and naming the current one.
//! Assessments saved before the files had a key of their own (files inside
//! the assessment's JSON) read the same. Nothing else is ever written, and
//! "Wipe all local data" removes every key of ours.
//!
//! The index also keeps each assessment's standing (score, grade, files) as
//! of its last analysis and when it was last edited, so the list of
//! assessments needs no analysis of the ones not open. Index entries written
//! by earlier versions lack both: the list says "not analysed yet".

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use engine::assessment::standing::Standing;
use engine::assessment::{Assessment, StoredFile};

/// Every key this app writes starts with this.
const PREFIX: &str = "mimecast-audit.";
const INDEX: &str = "mimecast-audit.index";

fn assessment_key(id: &str) -> String {
    format!("{PREFIX}assessment.{id}")
}

fn files_key(id: &str) -> String {
    format!("{PREFIX}assessment.{id}.files")
}

/// One stored assessment, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: String,
    pub customer: String,
    pub assessor: String,
    pub date: String,
    /// Score, grade and files as of the last analysis (absent in entries
    /// written by earlier versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// When the assessment was last changed (RFC 3339), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
}

impl Summary {
    pub fn of(a: &Assessment) -> Summary {
        Summary {
            id: a.id.clone(),
            customer: a.customer.clone(),
            assessor: a.assessor.clone(),
            date: a.date.clone(),
            standing: None,
            edited: None,
        }
    }
}

thread_local! {
    /// The standing of the assessment open now, as last analysed: written
    /// into its index entry by the next save.
    static LATEST: RefCell<Option<(String, Standing)>> = const { RefCell::new(None) };
}

/// Now, as RFC 3339 (UTC).
fn now_text() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Records the standing of assessment `id` (the one open now) after an
/// analysis. When it is listed already and its standing changed, the index
/// is updated at once and returned.
pub fn note_standing(id: &str, standing: Standing) -> Option<Index> {
    LATEST.with(|l| *l.borrow_mut() = Some((id.to_string(), standing.clone())));
    let mut index = load_index();
    let entry = index.assessments.iter_mut().find(|s| s.id == id)?;
    if entry.standing.as_ref() == Some(&standing) {
        return None;
    }
    entry.standing = Some(standing);
    save_index(&index).ok()?;
    Some(index)
}

fn latest_standing(id: &str) -> Option<Standing> {
    LATEST.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(of, _)| of == id)
            .map(|(_, s)| s.clone())
    })
}

/// The index: which assessments exist and which one is open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub assessments: Vec<Summary>,
}

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|_| {
            "this browser does not allow this page to store data (localStorage is blocked)"
                .to_string()
        })?
        .ok_or_else(|| "this browser offers no localStorage".to_string())
}

/// Turns a failed write into a message the user can act on.
fn write_error(err: wasm_bindgen::JsValue) -> String {
    let name = err
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        "The browser's storage for this page is full, so the last change was NOT saved. Export the assessment \
         bundle to keep your work, then delete assessments you no longer need (or remove large loaded files)."
            .to_string()
    } else {
        format!(
            "The last change could not be saved in this browser ({}).",
            if name.is_empty() {
                "storage error".into()
            } else {
                name
            }
        )
    }
}

fn set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(write_error)
}

fn get(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Reads the index (an unreadable one counts as empty).
pub fn load_index() -> Index {
    get(INDEX)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_index(index: &Index) -> Result<(), String> {
    set(INDEX, &serde_json::to_string(index).expect("plain data"))
}

/// Whether the files of assessment `id` are stored under their own key.
pub fn has_files_key(id: &str) -> bool {
    get(&files_key(id)).is_some()
}

/// Reads one assessment with its files (kept under their own key, or, as
/// saved by earlier versions, inside the assessment).
pub fn load_assessment(id: &str) -> Option<Assessment> {
    let mut a: Assessment = get(&assessment_key(id)).and_then(|t| serde_json::from_str(&t).ok())?;
    if a.files.is_empty() {
        if let Some(files) =
            get(&files_key(id)).and_then(|t| serde_json::from_str::<Vec<StoredFile>>(&t).ok())
        {
            a.files = files;
        }
    }
    Some(a)
}

/// Writes one assessment (`a` without its files; `files` when they changed)
/// and lists it in the index (as the current one when `current`). Returns
/// the updated index.
pub fn save_assessment(
    a: &Assessment,
    files: Option<&[StoredFile]>,
    current: bool,
) -> Result<Index, String> {
    let mut changed = false;
    if let Some(files) = files {
        let text = serde_json::to_string(files).expect("plain data");
        let key = files_key(&a.id);
        changed |= get(&key).as_deref() != Some(text.as_str());
        set(&key, &text)?;
    }
    let mut without_files = a.clone();
    without_files.files.clear();
    let text = serde_json::to_string(&without_files).expect("plain data");
    let key = assessment_key(&a.id);
    changed |= get(&key).as_deref() != Some(text.as_str());
    set(&key, &text)?;
    let mut index = load_index();
    let mut summary = Summary::of(a);
    let previous = index.assessments.iter().find(|s| s.id == a.id);
    summary.standing = latest_standing(&a.id).or_else(|| previous.and_then(|p| p.standing.clone()));
    // Opening an assessment writes it again unchanged: that is no edit.
    summary.edited = if changed || previous.is_none() {
        Some(now_text())
    } else {
        previous.and_then(|p| p.edited.clone())
    };
    match index.assessments.iter_mut().find(|s| s.id == a.id) {
        Some(slot) => *slot = summary,
        None => index.assessments.push(summary),
    }
    if current {
        index.current = Some(a.id.clone());
    }
    save_index(&index)?;
    Ok(index)
}

/// Removes one assessment. Returns the updated index.
pub fn delete_assessment(id: &str) -> Result<Index, String> {
    let s = storage()?;
    s.remove_item(&assessment_key(id)).map_err(write_error)?;
    s.remove_item(&files_key(id)).map_err(write_error)?;
    let mut index = load_index();
    index.assessments.retain(|s| s.id != id);
    if index.current.as_deref() == Some(id) {
        index.current = None;
    }
    save_index(&index)?;
    Ok(index)
}

/// Removes every key this app ever wrote.
pub fn wipe() -> Result<(), String> {
    let s = storage()?;
    let len = s.length().unwrap_or(0);
    let ours: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in ours {
        s.remove_item(&k).map_err(write_error)?;
    }
    Ok(())
}
