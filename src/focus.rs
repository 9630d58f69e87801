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
