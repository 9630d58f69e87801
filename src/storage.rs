//! The browser's localStorage: the only place anything is kept. Per
//! assessment two keys: its entries, statuses and preferences (JSON, written
//! on every saved edit) and its loaded files (written only when they
//! change); plus one index key listing them and naming the current one.
//! Assessments saved before the files had a key of their own (files inside
//! the assessment's JSON) read the same. Nothing else is ever written, and
//! "Wipe all local data" removes every key of ours.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

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
}

impl Summary {
    pub fn of(a: &Assessment) -> Summary {
        Summary {
            id: a.id.clone(),
            customer: a.customer.clone(),
            assessor: a.assessor.clone(),
            date: a.date.clone(),
        }
    }
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
    if let Some(files) = files {
        set(
            &files_key(&a.id),
            &serde_json::to_string(files).expect("plain data"),
        )?;
    }
    let mut without_files = a.clone();
    without_files.files.clear();
    set(
        &assessment_key(&a.id),
        &serde_json::to_string(&without_files).expect("plain data"),
    )?;
    let mut index = load_index();
    let summary = Summary::of(a);
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
