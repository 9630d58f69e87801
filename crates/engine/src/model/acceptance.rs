//! Accepted risks: a reason, an owner and an expiry attached to one finding
//! by its key. They travel in bundles and assessments (`acceptances`) and
//! are matched to findings when the report is built.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A risk accepted on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Acceptance {
    /// The finding's key (`CODE:object`, or `CODE@N:object` from version 2
    /// of a rule on).
    pub finding: String,
    /// Why the risk is accepted.
    pub reason: String,
    /// Who accepted it.
    pub owner: String,
    /// Last day the acceptance holds (`YYYY-MM-DD`); after it the finding
    /// is open again.
    pub expires: String,
    /// The day the risk was accepted (`YYYY-MM-DD`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<String>,
    /// Set in reports when the analysis date is past `expires`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
    /// Set in reports when the risk was accepted under an earlier version
    /// of the rule: the rule's meaning changed, so it no longer holds and
    /// someone must review the finding again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outdated: bool,
}

impl Acceptance {
    /// A new acceptance of the finding with key `finding`, given on
    /// `accepted_on` (`YYYY-MM-DD`), holding through `expires`.
    pub fn new(
        finding: impl Into<String>,
        reason: &str,
        owner: &str,
        expires: &str,
        accepted_on: &str,
    ) -> Acceptance {
        Acceptance {
            finding: finding.into(),
            reason: reason.trim().into(),
            owner: owner.trim().into(),
            expires: expires.trim().into(),
            accepted_on: Some(accepted_on.to_string()).filter(|d| !d.is_empty()),
            expired: false,
            outdated: false,
        }
    }

    /// Holds at `at` (inclusive of the expiry day).
    pub fn holds_at(&self, at: DateTime<Utc>) -> bool {
        match super::parse_date(&self.expires) {
            Ok(end) => at.date_naive() <= end.date_naive(),
            Err(_) => false,
        }
    }
}
