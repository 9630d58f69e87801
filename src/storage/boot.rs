//! Start-up: the database is opened and read before the app is shown
//! (IndexedDB answers only asynchronously). What earlier versions kept in
//! localStorage is moved over first, and a save made as the page was last
//! left that did not reach the database then is written.

use std::cell::RefCell;

use engine::assessment::Assessment;

use super::idb::{self, ASSESSMENTS, FILES, INDEX, INDEX_KEY};
use super::{index_text, legacy, load_assessment, usage, write_error, Index, Pending, INDEX_NOW};

thread_local! {
    /// The current assessment as read at start-up (taken by the app).
    static STARTED_WITH: RefCell<Option<Assessment>> = const { RefCell::new(None) };
    /// Why storage could not be opened or migrated at start-up.
    static START_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Opens the database (moving over what earlier versions kept in
/// localStorage), reads the index and the current assessment, then calls
/// `ready`. Until then the page says "Loading your assessments…".
pub fn start(ready: impl FnOnce() + 'static) {
    let waiting = show_loading();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = boot().await {
            START_ERROR.with(|s| *s.borrow_mut() = Some(e));
        }
        usage::ask_persistent();
        if let Some(el) = waiting {
            el.remove();
        }
        ready();
    });
}

fn show_loading() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let p = document.create_element("p").ok()?;
    p.set_text_content(Some("Loading your assessments…"));
    _ = p.set_attribute("role", "status");
    _ = p.set_attribute("data-testid", "storage-loading");
    document.body()?.append_child(&p).ok()?;
    Some(p)
}

async fn boot() -> Result<(), String> {
    idb::open().await.map_err(|e| {
        format!(
            "This browser does not let this page store data ({}): nothing you do here will be kept.",
            idb::error_name(&e)
        )
    })?;
    let pending = apply_pending().await;
    let mut index: Index = idb::get(INDEX, INDEX_KEY)
        .await
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let migrated = migrate(&mut index).await;
    let current = match index.current.clone() {
        Some(id) => load_assessment(&id).await,
        None => None,
    };
    INDEX_NOW.with(|i| *i.borrow_mut() = index);
    STARTED_WITH.with(|s| *s.borrow_mut() = current);
    pending.and(migrated)
}

/// Moves the assessments earlier versions kept in localStorage into the
/// database (files apart), then removes them from localStorage. Ones the
/// database holds already are kept as they are there.
async fn migrate(index: &mut Index) -> Result<(), String> {
    let Some(old) = legacy::read(|text| {
        serde_json::from_str::<Index>(text)
            .map(|i| i.assessments.into_iter().map(|s| s.id).collect())
            .unwrap_or_default()
    }) else {
        return Ok(());
    };
    let old_index: Index = serde_json::from_str(&old.index).unwrap_or_default();
    let known = |index: &Index, id: &str| index.assessments.iter().any(|s| s.id == id);
    let mut moved = Vec::new();
    for found in old.assessments {
        if known(index, &found.id) {
            continue;
        }
        let mut record = (found.assessment, found.files);
        // The oldest format kept the files inside the assessment.
        if let Ok(mut a) = serde_json::from_str::<Assessment>(&record.0) {
            if !a.files.is_empty() {
                let files = std::mem::take(&mut a.files);
                record = (
                    serde_json::to_string(&a).expect("plain data"),
                    Some(serde_json::to_string(&files).expect("plain data")),
                );
            }
        }
        if let Some(s) = old_index.assessments.iter().find(|s| s.id == found.id) {
            index.assessments.push(s.clone());
        }
        moved.push((found.id, record));
    }
    let listed = |id: &Option<String>| id.as_ref().is_some_and(|id| known(index, id));
    if !listed(&index.current) && listed(&old_index.current) {
        index.current = old_index.current;
    }
    let text = index_text(index);
    write_through(|w| {
        for (id, (a, files)) in &moved {
            put_assessment(w, id, a, files.as_deref())?;
        }
        w.put(INDEX, INDEX_KEY, &text)
    })
    .await?;
    legacy::remove_all();
    Ok(())
}

/// Why storage could not be opened or migrated at start-up, once.
pub fn take_start_error() -> Option<String> {
    START_ERROR.with(|s| s.borrow_mut().take())
}

/// The current assessment as read at start-up, once.
pub fn take_started_with() -> Option<Assessment> {
    STARTED_WITH.with(|s| s.borrow_mut().take())
}

/// Writes what was saved as the page was left and did not reach the
/// database then.
async fn apply_pending() -> Result<(), String> {
    let Some(text) = legacy::pending() else {
        return Ok(());
    };
    if let Ok(p) = serde_json::from_str::<Pending>(&text) {
        write_through(|w| {
            put_assessment(w, &p.id, &p.assessment, p.files.as_deref())?;
            w.put(INDEX, INDEX_KEY, &p.index)
        })
        .await?;
    }
    legacy::drop_pending();
    Ok(())
}

/// Runs `ops` in one write transaction and waits until it is stored.
async fn write_through(
    ops: impl FnOnce(&idb::Write) -> Result<(), wasm_bindgen::JsValue>,
) -> Result<(), String> {
    let w = idb::write(ops).map_err(|e| write_error(&e))?;
    idb::finished(w.transaction())
        .await
        .map_err(|e| write_error(&e))
}

/// Puts one assessment's text and, when given, its files' text.
fn put_assessment(
    w: &idb::Write,
    id: &str,
    assessment: &str,
    files: Option<&str>,
) -> Result<(), wasm_bindgen::JsValue> {
    w.put(ASSESSMENTS, id, assessment)?;
    match files {
        Some(files) => w.put(FILES, id, files),
        None => Ok(()),
    }
}
