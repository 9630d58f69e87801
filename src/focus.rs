//! Moving the keyboard focus to an element once the page has been drawn
//! (after a change that creates or shows it).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The first element matching the CSS `selector`, if it is an HTML element.
pub fn element(selector: &str) -> Option<HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// On the next frame, focuses the first element matching `selector`,
/// scrolled into view first when `scroll`.
pub fn focus_later(selector: impl Into<String>, scroll: bool) {
    focus_later_then(selector, scroll, |_| {});
}

/// As [`focus_later`], then runs `then` with the element.
pub fn focus_later_then(
    selector: impl Into<String>,
    scroll: bool,
    then: impl FnOnce(&HtmlElement) + 'static,
) {
    let selector = selector.into();
    request_animation_frame(move || {
        if let Some(el) = element(&selector) {
            if scroll {
                el.scroll_into_view();
            }
            _ = el.focus();
            then(&el);
        }
    });
}

/// On the next frame, scrolls the first element matching `container` into
/// view and focuses the first element inside it matching `inner` (a card
/// and its toggle, a form section and its first field).
pub fn focus_within_later(container: impl Into<String>, inner: &'static str) {
    focus_later_then(container, true, move |el| {
        let first = el.query_selector(inner).ok().flatten();
        if let Some(field) = first.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            _ = field.focus();
        }
    });
}
