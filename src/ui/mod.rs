//! Leptos front end (wasm32 only). Thin: it shows what the engine produced.

mod app;
mod components;
mod download;
mod files;
mod records;
mod state;
mod storage;

pub use app::App;
pub use files::read_files;
pub use state::AppState;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
