//! The action plan's owners: who fixes one finding, and by when. An
//! assignment names a finding by its key, like an acceptance, and travels
//! in bundles and assessments (`assignments`). It changes nothing in the
//! analysis: the report shows it beside the finding, and the action plan
//! (HTML, Markdown, CSV) lists its owner and due date.

use serde::{Deserialize, Serialize};

/// Who fixes one finding, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// The finding's key (`CODE:object`, or `CODE@N:object`).
    pub finding: String,
    /// Who fixes it (a person or a team).
    #[serde(default)]
    pub owner: String,
    /// When it should be fixed by (`YYYY-MM-DD`), empty when not set.
    #[serde(default)]
    pub due: String,
}

impl Assignment {
    /// An assignment of the finding with key `finding` to `owner`, due on
    /// `due`; both trimmed.
    pub fn new(finding: impl Into<String>, owner: &str, due: &str) -> Assignment {
        Assignment {
            finding: finding.into(),
            owner: owner.trim().into(),
            due: due.trim().into(),
        }
    }

    /// True when neither an owner nor a due date is set (nothing to keep).
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty() && self.due.is_empty()
    }
}
