//! Thin IndexedDB calls: one database with three object stores of JSON
//! texts — the index (one record), the assessments without their files, and
//! the files of each assessment (kept apart, as they are large and change
//! rarely). Writes start their transaction at once, so they reach the
//! database in the order they were made; their outcome is reported later.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database's name (one per origin).
pub const DATABASE: &str = "mimecast-audit";
const VERSION: u32 = 1;
/// The store holding the index under [`INDEX_KEY`].
pub const INDEX: &str = "index";
/// The key of the one record in [`INDEX`].
pub const INDEX_KEY: &str = "index";
/// Assessments without their files, by id.
pub const ASSESSMENTS: &str = "assessments";
/// The files of each assessment, by the assessment's id.
pub const FILES: &str = "files";
const STORES: [&str; 3] = [INDEX, ASSESSMENTS, FILES];

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// The name of a DOM error (e.g. "QuotaExceededError"), when it is one.
pub fn error_name(err: &JsValue) -> String {
    err.dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default()
}

/// Settles when `req` succeeds (with its result) or fails (with its error).
async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let done = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result(),
        Err(_) => Err(req
            .error()
            .ok()
            .flatten()
            .map(JsValue::from)
            .unwrap_or_default()),
    }
}

/// Settles when `tx` has committed, or with its error when it failed.
pub async fn finished(tx: &IdbTransaction) -> Result<(), JsValue> {
    let done = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx.error().map(JsValue::from).unwrap_or_default()),
    }
}

/// Opens (creating at first use) the database and keeps it for the calls
/// below.
pub async fn open() -> Result<(), JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let req = factory.open_with_u32(DATABASE, VERSION)?;
    let upgrade = req.clone();
    let on_upgrade = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(db) = upgrade
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            let names = db.object_store_names();
            for store in STORES {
                if !names.contains(store) {
                    _ = db.create_object_store(store);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = request(&req).await?.dyn_into()?;
    DB.with(|d| *d.borrow_mut() = Some(db));
    Ok(())
}

fn transaction(mode: IdbTransactionMode) -> Result<IdbTransaction, JsValue> {
    DB.with(|d| {
        let db = d.borrow();
        let db = db
            .as_ref()
            .ok_or_else(|| JsValue::from_str("the database is not open"))?;
        let names = js_sys::Array::new();
        for s in STORES {
            names.push(&JsValue::from_str(s));
        }
        db.transaction_with_str_sequence_and_mode(&names, mode)
    })
}

/// Reads the text stored under `key` in `store` (`None` when absent). A
/// big list of files is stored as a `Blob` of its text (see
/// [`Write::put_value`]): it is read back as text.
pub async fn get(store: &str, key: &str) -> Result<Option<String>, JsValue> {
    let tx = transaction(IdbTransactionMode::Readonly)?;
    let req = tx.object_store(store)?.get(&JsValue::from_str(key))?;
    let value = request(&req).await?;
    match value.dyn_into::<web_sys::Blob>() {
        Ok(blob) => Ok(JsFuture::from(blob.text()).await?.as_string()),
        Err(value) => Ok(value.as_string()),
    }
}

/// The three stores of one read-write transaction.
pub struct Write {
    tx: IdbTransaction,
}

impl Write {
    fn store(&self, name: &str) -> Result<IdbObjectStore, JsValue> {
        self.tx.object_store(name)
    }

    /// Stores `text` under `key` in `store`.
    pub fn put(&self, store: &str, key: &str, text: &str) -> Result<(), JsValue> {
        self.put_value(store, key, &JsValue::from_str(text))
    }

    /// Writes `text`, a JavaScript string or a `Blob` of the text already,
    /// under `key` in `store`.
    pub fn put_value(&self, store: &str, key: &str, text: &JsValue) -> Result<(), JsValue> {
        self.store(store)?
            .put_with_key(text, &JsValue::from_str(key))
            .map(drop)
    }

    /// Removes `key` from `store`.
    pub fn delete(&self, store: &str, key: &str) -> Result<(), JsValue> {
        self.store(store)?.delete(&JsValue::from_str(key)).map(drop)
    }

    /// Empties every store.
    pub fn clear_all(&self) -> Result<(), JsValue> {
        for s in STORES {
            self.store(s)?.clear()?;
        }
        Ok(())
    }

    /// The transaction, to wait for its end.
    pub fn transaction(&self) -> &IdbTransaction {
        &self.tx
    }
}

/// Starts a read-write transaction over all stores and lets `ops` fill it.
/// An error from `ops` aborts the transaction (nothing of it is written).
pub fn write(ops: impl FnOnce(&Write) -> Result<(), JsValue>) -> Result<Write, JsValue> {
    let w = Write {
        tx: transaction(IdbTransactionMode::Readwrite)?,
    };
    if let Err(e) = ops(&w) {
        _ = w.tx.abort();
        return Err(e);
    }
    Ok(w)
}
