//! The request to send the customer: every section still to collect, how
//! to collect it and why (the text comes from the engine,
//! `export::collection::request`). Copyable, selectable and downloadable.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::download::download;
use crate::state::AppState;
use engine::export::collection;

/// Writes `text` to the clipboard; `done(true)` once written, `done(false)`
/// when the browser refuses (no permission, no clipboard API).
fn copy_text(text: &str, done: impl Fn(bool) + 'static) {
    // Through `Reflect`: the app's web-sys build has no Navigator bindings.
    let clipboard = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"writeText".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        done(false);
        return;
    };
    let promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(promise) = promise else {
        done(false);
        return;
    };
    let done = std::rc::Rc::new(done);
    let ok = {
        let done = done.clone();
        Closure::once(move |_: JsValue| done(true))
    };
    let failed = Closure::once(move |_: JsValue| done(false));
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

/// The collection request with its Copy and Download buttons and the text
/// itself in a read-only box (selectable where copying is not allowed).
#[component]
pub fn CollectionRequest() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = Memo::new(move |_| state.report.with(collection::request));
    let count = move || state.report.with(|r| collection::items(r).len());
    let copied = RwSignal::new(String::new());
    let area = NodeRef::<leptos::html::Textarea>::new();
    let on_copy = move |_| {
        let select = move || {
            if let Some(t) = area.get_untracked() {
                let _ = t.focus();
                t.select();
            }
        };
        copy_text(&text.get_untracked(), move |ok| {
            if ok {
                copied.set("Copied to the clipboard.".into());
            } else {
                select();
                copied.set(
                    "Copying was not allowed: the text is selected, copy it with Ctrl+C.".into(),
                );
            }
        });
    };
    let on_download = move |_| {
        let t = text.get_untracked();
        if let Err(e) = download(collection::FILE_NAME, "text/markdown;charset=utf-8", &t) {
            leptos::logging::warn!("could not save the request: {e:?}");
        }
    };
    view! {
        <div class="collect" data-testid="collection-request">
            <p class="collect__intro">
                {move || match count() {
                    0 => "Every section is collected.".to_string(),
                    1 => "1 section is still to collect. Send the customer this request:".to_string(),
                    n => format!("{n} sections are still to collect. Send the customer this request:"),
                }}
            </p>
            <div class="collect__actions">
                <button type="button" data-testid="copy-collection" on:click=on_copy>"Copy the request"</button>
                <button type="button" data-testid="download-collection" on:click=on_download>"Download (Markdown)"</button>
                <span class="collect__status" role="status" aria-live="polite" data-testid="copy-status">{move || copied.get()}</span>
            </div>
            <label class="collect__label">
                <span class="visually-hidden">"The collection request"</span>
                <textarea class="collect__text" readonly rows="8" data-testid="collection-text"
                    node_ref=area prop:value=move || text.get()></textarea>
            </label>
        </div>
    }
}
