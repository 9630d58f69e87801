//! Building reasons (stable code, text, parameters) and policy references.

use std::collections::BTreeMap;

use super::super::output::{PolicyRef, Reason};
use crate::model::{Policy, Section};

/// A reason with its parameters.
pub fn reason(code: &str, text: impl Into<String>, params: &[(&str, &str)]) -> Reason {
    Reason {
        code: code.into(),
        text: text.into(),
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Where a policy is, for the output.
pub fn policy_ref(section: Section, index: usize, p: &Policy) -> PolicyRef {
    PolicyRef {
        section: section.key().into(),
        index,
        id: p.id.clone().unwrap_or_default(),
        label: p.label(),
        file: p.origin.file.to_string(),
        path: p.origin.path.clone(),
    }
}

/// A list of at most three items, then "and N more".
pub fn first_three(items: &[String]) -> String {
    let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    let mut s = shown.join(", ");
    if items.len() > 3 {
        s.push_str(&format!(" and {} more", items.len() - 3));
    }
    s
}
