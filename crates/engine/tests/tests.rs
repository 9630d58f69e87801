//! The engine's integration tests, as one test binary: every module below
//! drives the public API over the fixtures, samples and golden files of the
//! repository (`tests/`, `samples/` at the workspace root).
#![cfg(not(target_arch = "wasm32"))]

mod action_plan;
mod attack_paths;
mod compare;
mod corpus;
mod duplicates;
mod explain_worked;
mod exports;
mod fuzz_regressions;
mod handover;
mod injection;
mod keys;
mod layers;
#[path = "support/leaks.rs"]
mod leaks;
mod linear;
mod malformed;
mod property;
mod provenance;
mod real_responses;
mod redaction;
mod snapshots;
mod tenants;
mod util;
