//! What the Privacy and verification page shows about the running build:
//! the Content-Security-Policy in force (read from the page) and the
//! SHA-256 of the app's WebAssembly.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Set by the single-file build's loader: the wasm's SHA-256 (hex), as a
/// string or a promise of one (that file fetches nothing to hash).
const SINGLE_FILE_HASH: &str = "MIMECAST_AUDIT_WASM_SHA256";

/// The content of the page's Content-Security-Policy meta tag.
pub fn csp() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[http-equiv=\"Content-Security-Policy\" i]")
        .ok()??
        .get_attribute("content")
}

/// A policy's directives, one per entry, as written (empty ones dropped).
pub fn directives(policy: &str) -> Vec<String> {
    policy
        .split(';')
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty())
        .collect()
}

/// The running build's wasm: its file name (when served) and SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WasmHash {
    /// The wasm file's name, when the page loaded it from one.
    pub file: Option<String>,
    /// The SHA-256, lowercase hex.
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The hash the single-file loader left, if any.
async fn from_single_file() -> Option<Result<String, String>> {
    let value =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(SINGLE_FILE_HASH)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let value = match value.dyn_into::<Promise>() {
        Ok(p) => match JsFuture::from(p).await {
            Ok(v) => v,
            Err(e) => return Some(Err(error_text(&e))),
        },
        Err(v) => v,
    };
    Some(value.as_string().ok_or_else(|| "not a text".to_string()))
}

/// Computes the SHA-256 of the running build's wasm: read from the
/// single-file loader, or fetched (same origin; offline, from the service
/// worker's copy) from the address in Trunk's preload link and hashed here.
pub async fn wasm_hash() -> Result<WasmHash, String> {
    if let Some(found) = from_single_file().await {
        return found.map(|sha256| WasmHash {
            file: None,
            sha256: sha256.to_ascii_lowercase(),
        });
    }
    let window = web_sys::window().ok_or("no window")?;
    let href = window
        .document()
        .and_then(|d| {
            d.query_selector("link[rel=\"preload\"][href$=\".wasm\"]")
                .ok()
                .flatten()
        })
        .and_then(|l| l.get_attribute("href"))
        .ok_or("the page names no wasm file")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&href))
        .await
        .map_err(|e| error_text(&e))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {} for {href}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| error_text(&e))?)
        .await
        .map_err(|e| error_text(&e))?;
    let subtle = window.crypto().map_err(|e| error_text(&e))?.subtle();
    let digest = subtle
        .digest_with_str_and_buffer_source("SHA-256", &buffer.unchecked_into())
        .map_err(|e| error_text(&e))?;
    let digest = JsFuture::from(digest).await.map_err(|e| error_text(&e))?;
    let file = href.rsplit('/').next().unwrap_or(&href).to_string();
    Ok(WasmHash {
        file: Some(file),
        sha256: hex(&Uint8Array::new(&digest).to_vec()),
    })
}
