//! Editing the action plan: who fixes a finding and by when.

use super::Assessment;
use crate::model::{parse_date, Assignment};

/// Why an owner or due date was not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The due date is not a `YYYY-MM-DD` date.
    BadDate(String),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::BadDate(d) => write!(f, "“{d}” is not a date (YYYY-MM-DD)"),
        }
    }
}

/// Sets who fixes the finding with key `finding` and by when (`due`:
/// `YYYY-MM-DD` or empty). Both empty removes the assignment. Replaces any
/// earlier assignment of the finding.
pub fn assign(a: &mut Assessment, finding: &str, owner: &str, due: &str) -> Result<(), PlanError> {
    let new = Assignment::new(finding, owner, due);
    if !new.due.is_empty() && parse_date(&new.due).is_err() {
        return Err(PlanError::BadDate(new.due));
    }
    a.assignments.retain(|x| x.finding != finding);
    if !new.is_empty() {
        a.assignments.push(new);
    }
    Ok(())
}

/// The assignment of the finding with key `finding`, if any.
pub fn assignment<'a>(a: &'a Assessment, finding: &str) -> Option<&'a Assignment> {
    a.assignments.iter().rev().find(|x| x.finding == finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigning_replaces_and_clearing_removes() {
        let mut a = Assessment::default();
        assign(&mut a, "ASP003:a.example", " Mail team ", "2027-01-31").unwrap();
        assign(&mut a, "ASP003:b.example", "Jo", "").unwrap();
        assign(&mut a, "ASP003:a.example", "Sam", "2027-02-28").unwrap();
        assert_eq!(a.assignments.len(), 2);
        let x = assignment(&a, "ASP003:a.example").unwrap();
        assert_eq!((x.owner.as_str(), x.due.as_str()), ("Sam", "2027-02-28"));
        assign(&mut a, "ASP003:a.example", " ", "").unwrap();
        assert!(assignment(&a, "ASP003:a.example").is_none());
        assert_eq!(a.assignments.len(), 1);
    }

    #[test]
    fn a_bad_due_date_changes_nothing() {
        let mut a = Assessment::default();
        assign(&mut a, "K", "Jo", "2027-01-31").unwrap();
        let err = assign(&mut a, "K", "Sam", "31/01/2027").unwrap_err();
        assert_eq!(err, PlanError::BadDate("31/01/2027".into()));
        assert!(err.to_string().contains("YYYY-MM-DD"));
        assert_eq!(assignment(&a, "K").unwrap().owner, "Jo");
    }
}
