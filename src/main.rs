//! Entry point: the web app on wasm32, the command-line tool natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    mimecast_audit::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(mimecast_audit::cli::run(&args));
}
