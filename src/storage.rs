//! Where assessments are kept: the browser's IndexedDB (see [`idb`]), which
//! holds far more than the 5 MB of localStorage that earlier versions used
//! (their data is moved over at the first start, see [`legacy`]). Per
//! assessment two records: its entries, statuses and preferences (written on
//! every saved edit) and its loaded files (written only when they change);
//! plus one index record listing them and naming the current one.
//!
//! IndexedDB answers asynchronously. So the index is read once at start-up
//! (before the app is shown) and kept here; the app reads it from memory and
//! every change to it is written through. Writes start their transaction at
//! once (so they land in the order made) and report their outcome later to
//! the function given to [`on_outcome`]. "Wipe all local data" empties the
//! database and removes what earlier versions left in localStorage.
//!
//! The index also keeps each assessment's standing (score, grade, files) as
//! of its last analysis and when it was last edited, so the list of
//! assessments needs no analysis of the ones not open. Index entries written
//! by earlier versions lack both: the list says "not analysed yet".

mod boot;
mod idb;
mod legacy;
pub mod usage;

pub use boot::{start, take_start_error, take_started_with};

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use engine::assessment::standing::Standing;
use engine::assessment::{Assessment, StoredFile};

use idb::{ASSESSMENTS, FILES, INDEX, INDEX_KEY};

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

/// The index: which assessments exist and which one is open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub assessments: Vec<Summary>,
}

/// Told the outcome of every write: `None` when it was stored, else why not.
type Outcome = Rc<dyn Fn(Option<String>)>;

/// The hash of the text last stored for one assessment's entries (to tell
/// an edit from a mere re-save). Files are not hashed (they may be tens of
/// megabytes): the app passes them only when they changed.
#[derive(Clone, Copy, Default)]
struct Stored {
    entries: Option<u64>,
}

/// The files of an assessment, to be written.
pub enum Files<'a> {
    /// As a list (written as its JSON).
    List(&'a [StoredFile]),
    /// As the JSON text of the list, a JavaScript string or a `Blob` of it
    /// already (made by the analysis worker, so that a big list is never
    /// encoded here; a `Blob` is stored by reference, not copied).
    Text(&'a JsValue),
}

thread_local! {
    /// The stored index, as read at start-up and changed since.
    static INDEX_NOW: RefCell<Index> = RefCell::new(Index::default());
    static STORED: RefCell<HashMap<String, Stored>> = RefCell::new(HashMap::new());
    static OUTCOME: RefCell<Option<Outcome>> = const { RefCell::new(None) };
    /// The standing of the assessment open now, as last analysed: written
    /// into its index entry by the next save.
    static LATEST: RefCell<Option<(String, Standing)>> = const { RefCell::new(None) };
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn stored(id: &str) -> Stored {
    STORED.with(|s| s.borrow().get(id).copied().unwrap_or_default())
}

fn set_stored(id: &str, f: impl FnOnce(&mut Stored)) {
    STORED.with(|s| f(s.borrow_mut().entry(id.to_string()).or_default()));
}

/// Now, as RFC 3339 (UTC).
fn now_text() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Turns a failed write into a message the user can act on.
fn write_error(err: &JsValue) -> String {
    let name = idb::error_name(err);
    if name == "QuotaExceededError" {
        "The browser's storage for this page is full, so the last change was NOT saved. Export the assessment \
         bundle to keep your work, then delete assessments you no longer need (or remove large loaded files)."
            .to_string()
    } else {
        format!(
            "The last change could not be saved in this browser ({}).",
            if name.is_empty() {
                err.as_string().unwrap_or_else(|| "storage error".into())
            } else {
                name
            }
        )
    }
}

/// Sets who hears the outcome of each write.
pub fn on_outcome(f: impl Fn(Option<String>) + 'static) {
    OUTCOME.with(|o| *o.borrow_mut() = Some(Rc::new(f)));
}

fn tell(outcome: Option<String>) {
    if let Some(f) = OUTCOME.with(|o| o.borrow().clone()) {
        f(outcome);
    }
}

/// Waits for a started write and tells its outcome; when it failed, what it
/// wrote of assessment `id` counts as not stored.
fn follow(w: idb::Write, id: Option<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = idb::finished(w.transaction()).await;
        crate::analysis::marks::mark("page-stored");
        match outcome {
            Ok(()) => {
                // Whatever was kept as the page was left is in now.
                legacy::drop_pending();
                tell(None);
            }
            Err(e) => {
                if let Some(id) = id {
                    STORED.with(|s| s.borrow_mut().remove(&id));
                }
                tell(Some(write_error(&e)));
            }
        }
    });
}

/// Starts a write; a failure to start it is returned as the message shown.
fn write(
    ops: impl FnOnce(&idb::Write) -> Result<(), JsValue>,
    id: Option<&str>,
) -> Result<(), String> {
    let w = idb::write(ops).map_err(|e| write_error(&e))?;
    follow(w, id.map(str::to_string));
    Ok(())
}

/// The last save made as the page was left (see [`legacy::keep_pending`]).
#[derive(Serialize, Deserialize)]
struct Pending {
    id: String,
    assessment: String,
    #[serde(default)]
    files: Option<String>,
    index: String,
}

fn index_text(index: &Index) -> String {
    serde_json::to_string(index).expect("plain data")
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

/// The index (as read at start-up and changed since).
pub fn load_index() -> Index {
    INDEX_NOW.with(|i| i.borrow().clone())
}

fn save_index(index: &Index) -> Result<(), String> {
    let text = index_text(index);
    write(|w| w.put(INDEX, INDEX_KEY, &text), None)?;
    INDEX_NOW.with(|i| *i.borrow_mut() = index.clone());
    Ok(())
}

/// Reads one assessment with its files (kept apart, or, as saved by the
/// oldest versions, inside the assessment).
pub async fn load_assessment(id: &str) -> Option<Assessment> {
    let text = idb::get(ASSESSMENTS, id).await.ok()??;
    let mut a: Assessment = serde_json::from_str(&text).ok()?;
    let files = idb::get(FILES, id).await.ok().flatten();
    let inside = !a.files.is_empty();
    if !inside {
        if let Some(files) = &files {
            a.files = serde_json::from_str::<Vec<StoredFile>>(files).ok()?;
        }
    }
    set_stored(id, |s| s.entries = (!inside).then(|| hash(&text)));
    Some(a)
}

/// Writes one assessment (`a` without its files; `files` when they
/// changed) and lists it in the index (as the current one when `current`).
/// Returns the updated index.
pub fn save_assessment(
    a: &Assessment,
    files: Option<Files>,
    current: bool,
) -> Result<Index, String> {
    save(a, files, current, false)
}

/// Like [`save_assessment`], as the page is left: the write is also kept in
/// localStorage until it is known to have reached the database (the files
/// only when they changed and fit).
pub fn save_leaving(a: &Assessment, files: Option<Files>) -> Result<Index, String> {
    save(a, files, true, true)
}

fn save(
    a: &Assessment,
    files: Option<Files>,
    current: bool,
    leaving: bool,
) -> Result<Index, String> {
    crate::analysis::marks::mark("page-store");
    let before = stored(&a.id);
    // The text of the list, and the same as a JavaScript string.
    let files = files.map(|f| match f {
        Files::List(list) => {
            let text = serde_json::to_string(list).expect("plain data");
            let value = JsValue::from_str(&text);
            (Some(text), value)
        }
        Files::Text(value) => (None, value.clone()),
    });
    let mut without_files = a.clone();
    without_files.files.clear();
    let text = serde_json::to_string(&without_files).expect("plain data");
    let entries = Some(hash(&text)).filter(|h| before.entries != Some(*h));
    let mut index = load_index();
    let mut summary = Summary::of(a);
    let previous = index.assessments.iter().find(|s| s.id == a.id);
    summary.standing = latest_standing(&a.id).or_else(|| previous.and_then(|p| p.standing.clone()));
    // Opening an assessment writes it again unchanged: that is no edit.
    let changed = files.is_some() || entries.is_some();
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
    let listing = index_text(&index);
    write(
        |w| {
            if entries.is_some() {
                w.put(ASSESSMENTS, &a.id, &text)?;
            }
            if let Some((_, files)) = &files {
                w.put_value(FILES, &a.id, files)?;
            }
            w.put(INDEX, INDEX_KEY, &listing)
        },
        Some(&a.id),
    )?;
    set_stored(&a.id, |s| s.entries = entries.or(s.entries));
    INDEX_NOW.with(|i| *i.borrow_mut() = index.clone());
    if leaving {
        let mut p = Pending {
            id: a.id.clone(),
            assessment: text,
            files: files.and_then(|(t, _)| t),
            index: listing,
        };
        let text = |p: &Pending| serde_json::to_string(p).expect("plain data");
        if !legacy::keep_pending(&text(&p)) && p.files.take().is_some() {
            legacy::keep_pending(&text(&p));
        }
    }
    Ok(index)
}

/// Renames a stored assessment that is not open (its files stay as they
/// are). Returns the updated index.
pub fn rename(id: &str, customer: &str) -> Result<Index, String> {
    let mut index = load_index();
    let Some(entry) = index.assessments.iter_mut().find(|s| s.id == id) else {
        return Ok(index);
    };
    entry.customer = customer.to_string();
    entry.edited = Some(now_text());
    save_index(&index)?;
    let (id, customer) = (id.to_string(), customer.to_string());
    wasm_bindgen_futures::spawn_local(async move {
        let Some(text) = idb::get(ASSESSMENTS, &id).await.ok().flatten() else {
            return;
        };
        let Ok(mut a) = serde_json::from_str::<Assessment>(&text) else {
            return;
        };
        // Deleted meanwhile: not to be written back.
        if !load_index().assessments.iter().any(|s| s.id == id) {
            return;
        }
        a.customer = customer;
        let text = serde_json::to_string(&a).expect("plain data");
        STORED.with(|s| s.borrow_mut().remove(&id));
        if let Err(e) = write(|w| w.put(ASSESSMENTS, &id, &text), Some(&id)) {
            tell(Some(e));
        }
    });
    Ok(index)
}

/// Removes one assessment. Returns the updated index.
pub fn delete_assessment(id: &str) -> Result<Index, String> {
    let mut index = load_index();
    index.assessments.retain(|s| s.id != id);
    if index.current.as_deref() == Some(id) {
        index.current = None;
    }
    let listing = index_text(&index);
    write(
        |w| {
            w.delete(ASSESSMENTS, id)?;
            w.delete(FILES, id)?;
            w.put(INDEX, INDEX_KEY, &listing)
        },
        None,
    )?;
    STORED.with(|s| s.borrow_mut().remove(id));
    INDEX_NOW.with(|i| *i.borrow_mut() = index.clone());
    Ok(index)
}

/// Removes everything this app stored: the database's records and any
/// localStorage key of earlier versions.
pub fn wipe() -> Result<(), String> {
    legacy::remove_all();
    INDEX_NOW.with(|i| *i.borrow_mut() = Index::default());
    STORED.with(|s| s.borrow_mut().clear());
    LATEST.with(|l| *l.borrow_mut() = None);
    write(idb::Write::clear_all, None)
}
