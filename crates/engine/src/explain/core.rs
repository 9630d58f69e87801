//! Candidates and winners per policy type, unknowns and variants, and the
//! inbound verdict pipeline (the explainer specification, sections 2–5).
//!
//! - `input`: the message normalised, input errors;
//! - `matching`, `conditions`, `pre`: one policy against the message;
//! - `levels`, `resolve`: specificity, ranking models, winners and ties;
//! - `atoms`, `context`: unknown facts and everything computed once;
//! - `run`, `steps`, `pipeline`: the steps S0–S6/END for one variant;
//! - `variants`, `verdict`, `inferred`: the variants, the verdict and the
//!   explanation.

mod atoms;
mod conditions;
mod context;
mod inferred;
mod input;
mod levels;
mod matching;
mod pipeline;
mod pre;
mod reasons;
mod resolve;
mod run;
mod steps;
mod variants;
mod verdict;

// Native only: the tests use proptest (a native dev-dependency) and the
// benchmark's tenant generator.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod perf_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{Explanation, InputError, MessageInput};
use crate::model::Config;

/// The explainer for one tenant at one instant: built once (with its
/// index of managed-sender entries by recipient), then asked about any
/// number of messages (the attack scenarios ask hundreds).
pub struct Explainer<'a> {
    cfg: &'a Config,
    at: DateTime<Utc>,
    /// Managed-sender entries by lower-cased recipient; key "" holds the
    /// entries that name no recipient.
    managed: HashMap<String, Vec<usize>>,
}

impl<'a> Explainer<'a> {
    /// An explainer over `cfg`, judging policies at `at` (a message's own
    /// `date` wins over it).
    pub fn new(cfg: &'a Config, at: DateTime<Utc>) -> Self {
        let mut managed: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in cfg.managed_senders.iter().enumerate() {
            managed
                .entry(e.to().trim().to_lowercase())
                .or_default()
                .push(i);
        }
        Explainer { cfg, at, managed }
    }

    /// The least [`Explainer::variant_bound`] gives for any message.
    pub const MIN_VARIANT_BOUND: usize = variants::MIN_BOUND;

    /// The most variants explaining `message` can evaluate (see
    /// [`variants::bound`]), without evaluating any and without the
    /// explainer's index; `None` when the message cannot be explained.
    pub fn variant_bound(cfg: &Config, message: &MessageInput, at: DateTime<Utc>) -> Option<usize> {
        let msg = input::normalise(cfg, message, at).ok()?;
        Some(variants::bound(&context::Context::new(cfg, msg)))
    }

    /// Explains how the tenant's policies treat one inbound message.
    ///
    /// Errors (nothing evaluated): a missing or unreadable field, a
    /// recipient outside the internal domains, internal domains not loaded.
    pub fn explain(&self, message: &MessageInput) -> Result<Explanation, Vec<InputError>> {
        self.explain_with(message, true)
    }

    /// [`Self::explain`]; `lean`: only the primary variant builds its
    /// trace, the others compute their outcome alone (false: every variant
    /// builds its full trace, the reference the lean path must equal).
    fn explain_with(
        &self,
        message: &MessageInput,
        lean: bool,
    ) -> Result<Explanation, Vec<InputError>> {
        let msg = input::normalise(self.cfg, message, self.at)?;
        let recipient = msg.recipient.text();
        let mut ctx = context::Context::new(self.cfg, msg);
        let mut idx: Vec<usize> = self
            .managed
            .get(&recipient)
            .into_iter()
            .chain(self.managed.get(""))
            .flatten()
            .copied()
            .collect();
        idx.sort_unstable();
        ctx.entries = idx
            .into_iter()
            .filter_map(|i| self.cfg.managed_senders.get(i).map(|e| (i, e)))
            .collect();
        let enumerated = variants::enumerate(&ctx, lean);
        Ok(verdict::explanation(&ctx, self.at, enumerated))
    }
}

/// See [`super::explain`].
pub(super) fn explain(
    cfg: &Config,
    message: &MessageInput,
    at: DateTime<Utc>,
) -> Result<Explanation, Vec<InputError>> {
    Explainer::new(cfg, at).explain(message)
}
