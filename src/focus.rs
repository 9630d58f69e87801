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

/// A selector for the element whose id is `id`, whatever characters the
/// id holds (`#a.example` would mean id `a` with class `example`).
pub fn by_id(id: &str) -> String {
    format!("[id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""))
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

/// Focuses the first element matching `selector` once it exists, trying on
/// each of the next `frames` frames (a rule card's findings are built a few
/// tasks after the card opens); scrolled into view first when `scroll`.
pub fn focus_when_present(selector: impl Into<String>, scroll: bool, frames: u32) {
    let selector = selector.into();
    request_animation_frame(move || match element(&selector) {
        Some(el) => {
            if scroll {
                el.scroll_into_view();
            }
            _ = el.focus();
        }
        None if frames > 0 => focus_when_present(selector, scroll, frames - 1),
        None => {}
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
