//! Helpers shared by the integration tests.

use std::path::PathBuf;

use engine::model::parse_date;
use engine::Options;

/// The workspace root (fixtures, samples and golden files live there).
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Options that judge at 2026-11-20 10:00 UTC, the fixtures' date.
pub fn at() -> Options {
    Options {
        at: Some(parse_date("2026-11-20T10:00:00Z").unwrap()),
        now: None,
    }
}
