//! `mimecast-audit`: the native command line over the same engine as the web
//! app. It analyses exports from disk (files, folders, zips) for batch audits
//! and CI; network code (the API collector) lives only in this crate.

mod analyze;
mod args;
mod collect;
mod explain;
mod inputs;
mod process;

fn main() {
    // `args_os`: a file name that is not UTF-8 is still a file name.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    // `collect` and `explain` are the subcommands; everything else is the
    // analysis command line, unchanged (a file named `collect` is
    // `./collect`).
    if args.first().is_some_and(|a| a == "collect") {
        std::process::exit(collect::run(&args[1..]));
    }
    if args.first().is_some_and(|a| a == "explain") {
        std::process::exit(explain::run(&args[1..]));
    }
    std::process::exit(analyze::run(&args));
}
