//! `mimecast-audit`: the native command line over the same engine as the web
//! app. It analyses exports from disk (files, folders, zips) for batch audits
//! and CI; network code (the API collector) lives only in this crate.

mod analyze;
mod args;
mod inputs;

fn main() {
    // `args_os`: a file name that is not UTF-8 is still a file name.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(analyze::run(&args));
}
