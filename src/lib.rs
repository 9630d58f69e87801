//! Mimecast configuration audit: the web app.
//!
//! A Leptos (client-side rendered) front end over the analysis engine
//! (`crates/engine`): it reads dropped files, keeps assessments in the
//! browser's storage and shows what the engine produced. It decides nothing
//! itself. Everything here is wasm32-only; natively this crate is empty.

#[cfg(target_arch = "wasm32")]
mod analysis;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod download;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod focus;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod pwa;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod undo;

#[cfg(target_arch = "wasm32")]
pub use app::App;
#[cfg(target_arch = "wasm32")]
pub use files::read_files;
#[cfg(target_arch = "wasm32")]
pub use state::AppState;

/// Installs the panic hook and, once the stored assessments are read,
/// mounts the app on `<body>`. Does nothing where there is no window: the
/// same module also runs in the analysis worker (see [`run_worker`]).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_none() {
        return;
    }
    storage::start(|| leptos::mount::mount_to_body(App));
}

/// Runs the analysis worker's message pump (in a worker only).
#[cfg(target_arch = "wasm32")]
pub fn run_worker() {
    console_error_panic_hook::set_once();
    analysis::pump::run();
}
