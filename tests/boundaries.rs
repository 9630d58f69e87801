//! The crate boundaries are build facts, read from `cargo tree`:
//!
//! - the engine (`crates/engine`) has no web and no network crates, on any
//!   platform;
//! - the web app, as built for the browser (wasm32), has no network crates
//!   and does not contain the command line;
//! - the command line, as built natively, has no web crates.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::process::Command;

/// Crates that only make sense in a browser.
const WEB: &[&str] = &[
    "leptos",
    "wasm-bindgen",
    "web-sys",
    "js-sys",
    "gloo",
    "tachys",
    "reactive_graph",
    "console_error_panic_hook",
];

/// Crates that open connections, speak HTTP or TLS over sockets, or resolve
/// names natively (what the collector needs, and the browser build must
/// never get). The `http` crate (types only) and `gloo-net` (the browser's
/// own `fetch`, wrapped for Leptos's server functions, which this app never
/// calls and its CSP would block) arrive with Leptos and are not listed.
const NETWORK: &[&str] = &[
    "ureq",
    "reqwest",
    "hyper",
    "h2",
    "rustls",
    "webpki",
    "native-tls",
    "openssl",
    "tokio",
    "mio",
    "socket2",
    "hickory",
    "trust-dns",
    "curl",
    "isahc",
    "attohttpc",
    "tungstenite",
];

/// Web crates the engine may carry on wasm32 only: `zip` reads random bytes
/// (for its extraction and encryption helpers, which the engine never
/// calls) through `getrandom`, whose wasm32 backend is the browser's
/// `crypto.getRandomValues`.
const ENGINE_WASM_ALLOWED: &[&str] = &[
    "js-sys",
    "wasm-bindgen",
    "wasm-bindgen-macro",
    "wasm-bindgen-macro-support",
    "wasm-bindgen-shared",
];

/// The platform these tests run on (`rustc -vV`'s host line).
fn host() -> String {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

/// Names of every crate `package` depends on (normal and build
/// dependencies, transitively) when built for `target`.
fn dependencies(package: &str, target: &str) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--package",
            package,
            "--edges",
            "normal,build",
            "--target",
            target,
        ])
        .args(["--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The crates of `deps` whose name is or starts with one of `family`.
fn of_family(deps: &BTreeSet<String>, family: &[&str]) -> Vec<String> {
    deps.iter()
        .filter(|d| {
            family.iter().any(|f| {
                *d == f || d.starts_with(&format!("{f}-")) || d.starts_with(&format!("{f}_"))
            })
        })
        .cloned()
        .collect()
}

#[test]
fn the_engine_has_no_web_and_no_network_crates() {
    let native = dependencies("mimecast-audit-engine", &host());
    assert!(
        native.contains("serde_json"),
        "the tree was read: {native:?}"
    );
    assert_eq!(
        of_family(&native, WEB),
        Vec::<String>::new(),
        "web crates in the engine"
    );
    let all = dependencies("mimecast-audit-engine", "all");
    assert_eq!(
        of_family(&all, NETWORK),
        Vec::<String>::new(),
        "network crates in the engine"
    );
    let web: Vec<String> = of_family(&all, WEB)
        .into_iter()
        .filter(|d| !ENGINE_WASM_ALLOWED.contains(&d.as_str()))
        .collect();
    assert_eq!(
        web,
        Vec::<String>::new(),
        "web crates in the engine's wasm32 build"
    );
    // The exception is still needed (else drop it): zip still brings them.
    let through_zip = dependencies("zip", "wasm32-unknown-unknown");
    assert!(
        through_zip.contains("wasm-bindgen"),
        "zip no longer needs wasm-bindgen on wasm32"
    );
}

#[test]
fn the_browser_build_has_no_network_crates_and_no_cli() {
    let deps = dependencies("mimecast-audit-app", "wasm32-unknown-unknown");
    assert!(
        deps.contains("leptos") && deps.contains("mimecast-audit-engine"),
        "the tree was read: {deps:?}"
    );
    assert!(
        !deps.contains("mimecast-audit-cli"),
        "the command line is not part of the app"
    );
    assert_eq!(
        of_family(&deps, NETWORK),
        Vec::<String>::new(),
        "network crates in the app"
    );
}

#[test]
fn the_command_line_has_no_web_crates() {
    let deps = dependencies("mimecast-audit-cli", &host());
    assert!(
        deps.contains("mimecast-audit-engine"),
        "the tree was read: {deps:?}"
    );
    assert_eq!(
        of_family(&deps, WEB),
        Vec::<String>::new(),
        "web crates in the command line"
    );
}

#[test]
fn the_family_match_finds_crates_by_name_prefix_only() {
    let deps: BTreeSet<String> = [
        "hyper-util",
        "http",
        "httparse",
        "leptos_dom",
        "serde",
        "tokio",
    ]
    .map(String::from)
    .into();
    assert_eq!(of_family(&deps, NETWORK), ["hyper-util", "tokio"]);
    assert_eq!(of_family(&deps, WEB), ["leptos_dom"]);
}
