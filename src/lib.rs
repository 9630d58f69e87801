//! Mimecast configuration audit.
//!
//! `engine` is pure Rust (no web crates) and holds everything that decides:
//! input decoding and recognition, the normalized model, the rules and the
//! report. `ui` is the Leptos front end (wasm32 only); `cli` is the native
//! command-line front end. Both only call [`engine::analyze`].

pub mod engine;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
