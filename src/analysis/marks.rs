//! Phase marks for the browser benchmark (`tests/e2e/bench/drop.mjs`): a
//! `performance.mark` named `mca:<phase>` at each step of a load, on the
//! page and in the worker. The benchmark reads both timelines (each with
//! its `performance.timeOrigin`) and prints the time between the marks.
//! A mark is a few bytes in the browser's timeline; nothing else reads them.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn performance() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).ok()
}

fn method(perf: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(perf, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

/// Marks the start of `phase` now (on whichever thread this runs).
pub fn mark(phase: &str) {
    let Some(perf) = performance() else {
        return;
    };
    if let Some(f) = method(&perf, "mark") {
        _ = f.call1(&perf, &JsValue::from_str(&format!("mca:{phase}")));
    }
}

/// This thread's clock (`performance.now()`, ms), for [`mark_at`].
pub fn now() -> f64 {
    performance()
        .and_then(|perf| method(&perf, "now")?.call0(&perf).ok()?.as_f64())
        .unwrap_or(0.0)
}

/// Marks the start of `phase` at `start` (a [`now`] taken earlier), for
/// a step that is known to be worth a mark only once it is done.
pub fn mark_at(phase: &str, start: f64) {
    let Some(perf) = performance() else {
        return;
    };
    let options = js_sys::Object::new();
    _ = Reflect::set(&options, &JsValue::from_str("startTime"), &start.into());
    if let Some(f) = method(&perf, "mark") {
        _ = f.call2(&perf, &JsValue::from_str(&format!("mca:{phase}")), &options);
    }
}
