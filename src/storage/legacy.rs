//! What earlier versions kept in localStorage (about 5 MB per origin, too
//! little for big exports): read once at start-up to move it into
//! IndexedDB, then removed. Per assessment one key for its entries and one
//! for its files (or, in the oldest format, the files inside the
//! assessment), plus an index key.

/// Every key earlier versions wrote starts with this.
const PREFIX: &str = "mimecast-audit.";
const INDEX: &str = "mimecast-audit.index";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(s: &web_sys::Storage, key: &str) -> Option<String> {
    s.get_item(key).ok().flatten()
}

/// One assessment found in localStorage, as texts.
pub struct Found {
    pub id: String,
    /// The assessment's JSON (its files may be inside, in the oldest format).
    pub assessment: String,
    /// Its files' JSON, when kept under their own key.
    pub files: Option<String>,
}

/// What localStorage holds: the index's JSON and each listed assessment.
pub struct Legacy {
    pub index: String,
    pub assessments: Vec<Found>,
}

/// Reads what an earlier version stored, if anything; `ids` lists the
/// assessments the index names.
pub fn read(ids: impl Fn(&str) -> Vec<String>) -> Option<Legacy> {
    let s = storage()?;
    let index = get(&s, INDEX)?;
    let assessments = ids(&index)
        .into_iter()
        .filter_map(|id| {
            let assessment = get(&s, &format!("{PREFIX}assessment.{id}"))?;
            let files = get(&s, &format!("{PREFIX}assessment.{id}.files"));
            Some(Found {
                id,
                assessment,
                files,
            })
        })
        .collect();
    Some(Legacy { index, assessments })
}

/// Removes every key earlier versions wrote.
pub fn remove_all() {
    let Some(s) = storage() else {
        return;
    };
    let len = s.length().unwrap_or(0);
    let ours: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in ours {
        _ = s.remove_item(&k);
    }
}

/// The last save made as the page was left, kept here as well: IndexedDB
/// may not finish a write started while the page unloads, localStorage
/// writes at once.
const PENDING: &str = "mimecast-audit.pending";

/// Keeps `text` (the last save) until the next start, if it fits.
pub fn keep_pending(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(PENDING, text).is_ok())
}

/// The save kept by [`keep_pending`], if any.
pub fn pending() -> Option<String> {
    get(&storage()?, PENDING)
}

/// Forgets the save kept by [`keep_pending`] (it reached IndexedDB).
pub fn drop_pending() {
    if let Some(s) = storage() {
        _ = s.remove_item(PENDING);
    }
}
