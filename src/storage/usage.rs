//! How much this page keeps in the browser, and asking the browser to keep
//! it (persistent storage is not evicted when the disk runs low).

pub use engine::assessment::usage::usage_text;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

fn manager() -> Option<StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// Asks for persistent storage (browsers grant or refuse it silently).
pub fn ask_persistent() {
    let Some(promise) = manager().and_then(|m| m.persist().ok()) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        _ = JsFuture::from(promise).await;
    });
}

/// Bytes used and bytes allowed, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = manager()?.estimate().ok()?;
    let e: StorageEstimate = JsFuture::from(promise).await.ok()?.into();
    Some((e.get_usage()?, e.get_quota()?))
}
