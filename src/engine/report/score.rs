//! The score: 0–100 and a grade, overall and per area. (Being filled in.)

use serde::{Deserialize, Serialize};

use super::ResultReport;

/// Overall and per-area score.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// 0–100; `None` when no rule could be assessed.
    pub overall: Option<u32>,
    pub grade: Option<String>,
    pub areas: Vec<AreaScore>,
    /// Share of rules that could be assessed, 0–100.
    pub coverage: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaScore {
    pub area: crate::engine::rules::Area,
    pub score: Option<u32>,
    pub grade: Option<String>,
    pub assessed: usize,
    pub not_assessed: usize,
}

/// Computes the score from the rule results.
pub fn compute(_results: &[ResultReport]) -> Score {
    Score::default()
}
