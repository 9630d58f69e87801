//! The policy explainer: which policy of each type applies to one inbound
//! message, and whether that message would reach the inbox
//! (`docs/explainer.md`; specification: the project's explainer spec).
//!
//! Pure engine code. The app (worker) and the CLI call [`explain`] and
//! [`scenarios::attack_paths`] and only render what they return.
//!
//! Layout (one owner each while wave 3 is built):
//! - [`message`]: the message description a user gives, and its errors;
//! - [`output`]: the serialisable result (the spec's output section);
//! - [`primitives`]: address, IP, host and display-name normalisation,
//!   offline SPF, DMARC lookup and alignment, look-alike distances;
//! - `core`: candidates and winners per policy type, unknowns and variants,
//!   the inbound verdict pipeline;
//! - [`scenarios`]: the tenant-derived attack scenarios;
//! - [`text`]: the plain-text rendering.

use chrono::{DateTime, Utc};

use crate::model::Config;

mod core;
pub mod message;
pub mod output;
pub mod primitives;
pub mod scenarios;
pub mod text;

pub use self::core::Explainer;
pub use message::{InputError, MessageInput};
pub use output::Explanation;

/// Explains how the tenant's policies treat one inbound message at `at`
/// (the message's own `date`, when given, wins over `at`).
///
/// Errors (nothing evaluated): a missing or unreadable field, a recipient
/// outside the internal domains, internal domains not loaded.
pub fn explain(
    cfg: &Config,
    message: &MessageInput,
    at: DateTime<Utc>,
) -> Result<Explanation, Vec<InputError>> {
    core::explain(cfg, message, at)
}
