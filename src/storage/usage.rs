//! How much this page keeps in the browser, and asking the browser to keep
//! it (persistent storage is not evicted when the disk runs low).

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

/// A byte count for people: "812 bytes", "4.2 kB", "12.3 MB", "2.1 GB".
pub fn bytes_text(bytes: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    UNITS
        .iter()
        .find(|(size, _)| bytes >= *size)
        .map(|(size, unit)| format!("{:.1} {unit}", bytes / size))
        .unwrap_or_else(|| format!("{} bytes", bytes.max(0.0).round()))
}

/// "Stored in this browser: 12.3 MB of 2.1 GB".
pub fn usage_text(used: f64, quota: f64) -> String {
    format!(
        "Stored in this browser: {} of {}",
        bytes_text(used),
        bytes_text(quota)
    )
}
