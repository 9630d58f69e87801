//! Entry point of the web app (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    mimecast_audit_app::start();
}

/// The analysis worker's entry (called by `assets/analysis-worker.js` once
/// this module is started in the worker): installs its message pump.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analysis_worker() {
    mimecast_audit_app::run_worker();
}

/// Natively there is no app to run: the command line is `mimecast-audit`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This is the web app: build it with `trunk build --release` (see README). \
         The command line is `mimecast-audit` (target/release/mimecast-audit)."
    );
    std::process::exit(2);
}
