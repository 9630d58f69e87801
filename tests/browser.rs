//! Browser tests (wasm-bindgen-test in headless Chromium): the pieces that
//! only exist in a browser — reading `File`s and mounting the app.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

async fn tick(ms: i32) {
    let p = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

fn count(selector: &str) -> u32 {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .query_selector_all(selector)
        .unwrap()
        .length()
}

#[wasm_bindgen_test]
async fn reads_files_byte_for_byte() {
    let bytes = [0xFF, 0xFE, b'{', 0, b'}', 0];
    let out =
        mimecast_audit_app::read_files(vec![file("utf16.json", &bytes), file("empty.json", b"")])
            .await;
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].name, "utf16.json");
    assert_eq!(out[0].bytes, bytes);
    assert!(out[1].bytes.is_empty());
}

#[wasm_bindgen_test]
async fn mounted_app_shows_every_rule_after_load_sample() {
    leptos::mount::mount_to_body(mimecast_audit_app::App);
    assert_eq!(count("[data-testid=file-input]"), 1);
    assert_eq!(count("[data-testid=empty-state]"), 1);
    assert_eq!(count("[data-testid=rule-result]"), 0);

    let doc = web_sys::window().unwrap().document().unwrap();
    let button: HtmlElement = doc
        .query_selector("[data-testid=load-sample]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    tick(50).await;

    let rules = engine::rules::all().len() as u32;
    assert_eq!(count("[data-testid=rule-result]"), rules);
    assert_eq!(count("[data-testid=input-status][data-status=ok]"), 1);
    assert_eq!(
        count("[data-testid=input-status][data-file='pitfall-tenant.bundle.json']"),
        1
    );
    assert!(count("[data-testid=rule-result][data-rule=ASP001][data-status=fail]") == 1);
    // The cards' bodies (findings included) are built a task each after
    // the report shows: wait until none is left.
    for _ in 0..500 {
        if count("[data-rendering=true]") == 0 {
            break;
        }
        tick(10).await;
    }
    assert_eq!(count("[data-rendering=true]"), 0, "every card is built");
    assert!(count("[data-testid=finding][data-rule=ASP001]") >= 1);
}
