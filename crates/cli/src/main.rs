//! `mimecast-audit`: the native command line over the same engine as the web
//! app. It analyses exports from disk (files, folders, zips) for batch audits
//! and CI; network code (the API collector) lives only in this crate.

mod analyze;
mod args;
mod inputs;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(analyze::run(&args));
}
