//! The service worker's caches, for "Wipe all local data": every cache but
//! the one holding the running build's own files is deleted.

/// The names of the caches the service worker makes (`assets/sw.js`): they
/// hold only the app's own files.
const APP_PREFIX: &str = "mimecast-audit-";

use js_sys::Array;
use wasm_bindgen_futures::JsFuture;

/// Deletes every cache of this origin except `keep` (the app's own files,
/// as the worker serving the page named them). When that worker has not
/// answered yet, every cache of the app's own files is kept. Returns how
/// many were deleted.
pub async fn delete_all_but(keep: Option<&str>) -> Result<u32, String> {
    let window = web_sys::window().ok_or("no window")?;
    // Absent on insecure origins and file: pages: then there is nothing.
    let Ok(storage) = window.caches() else {
        return Ok(0);
    };
    let keys = JsFuture::from(storage.keys())
        .await
        .map_err(|_| "could not list the caches".to_string())?;
    let mut deleted = 0;
    for name in Array::from(&keys).iter().filter_map(|k| k.as_string()) {
        let own = match keep {
            Some(keep) => name == keep,
            None => name.starts_with(APP_PREFIX),
        };
        if own {
            continue;
        }
        if JsFuture::from(storage.delete(&name)).await.is_ok() {
            deleted += 1;
        }
    }
    Ok(deleted)
}
