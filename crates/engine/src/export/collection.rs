//! The collection plan: what is still to be collected from the tenant and
//! how, as a list for the app and as the request a consultant sends the
//! customer ("Please export the following from your Mimecast tenant: …").
//! Built from the report's coverage, so it names exactly the sections whose
//! rules are not assessed (with nothing loaded: every section).

use std::fmt::Write;

use crate::model::{Section, SectionOrigin};
use crate::report::{CoverageEntry, CoverageState, Report};

/// The file name the request is saved under.
pub const FILE_NAME: &str = "mimecast-collection-request.md";

/// How a section is collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Through the Mimecast API: the call (or calls) to make.
    Api(String),
    /// Looked up in DNS: what to look up.
    Dns(String),
    /// Exported with Exchange Online PowerShell: the commands to run.
    Exchange(String),
    /// Read in the Administration Console and recorded in the app's
    /// checklist: where it lives in the console.
    Console(String),
}

impl Step {
    /// How a section of the report's coverage is collected.
    pub fn of(entry: &CoverageEntry) -> Step {
        let section = Section::from_key(&entry.key);
        match entry.origin {
            SectionOrigin::Api => Step::Api(entry.how_to_collect.clone()),
            SectionOrigin::Dns => Step::Dns(entry.how_to_collect.clone()),
            SectionOrigin::Exchange => Step::Exchange(entry.how_to_collect.clone()),
            SectionOrigin::Console => Step::Console(
                section
                    .map(|s| s.console_path())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| entry.how_to_collect.clone()),
            ),
        }
    }

    /// A short label for the kind of step: "API call", "DNS lookup",
    /// "Exchange Online PowerShell" or "Record in Checklist".
    pub fn label(&self) -> &'static str {
        match self {
            Step::Api(_) => "API call",
            Step::Dns(_) => "DNS lookup",
            Step::Exchange(_) => "Exchange Online PowerShell",
            Step::Console(_) => "Record in Checklist",
        }
    }

    /// The call, the lookup or the console path.
    pub fn detail(&self) -> &str {
        match self {
            Step::Api(s) | Step::Dns(s) | Step::Exchange(s) | Step::Console(s) => s,
        }
    }
}

/// A rule that needs a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The rule's code.
    pub code: String,
    /// The rule's title.
    pub title: String,
}

/// One section still to collect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The section's bundle key.
    pub key: String,
    /// The section's title, e.g. "Anti-spoofing policies".
    pub title: String,
    /// Missing, or incomplete (the API reported failures for it).
    pub state: CoverageState,
    /// How to collect it.
    pub step: Step,
    /// The rules that are not (fully) assessed without it.
    pub needed_by: Vec<Need>,
}

/// Every section not completely collected, in bundle order.
pub fn items(r: &Report) -> Vec<Item> {
    r.coverage
        .iter()
        .filter(|c| c.state != CoverageState::Collected)
        .map(|c| Item {
            key: c.key.clone(),
            title: c.title.clone(),
            state: c.state,
            step: Step::of(c),
            needed_by: c
                .rules
                .iter()
                .map(|code| Need {
                    code: code.clone(),
                    title: r
                        .results
                        .iter()
                        .find(|x| &x.code == code)
                        .map(|x| x.title.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

fn why(item: &Item) -> String {
    if item.needed_by.is_empty() {
        return "no rule reads it yet; it gives context to the review".to_string();
    }
    let rules = item
        .needed_by
        .iter()
        .map(|n| {
            if n.title.is_empty() {
                n.code.clone()
            } else {
                format!("{} ({})", n.code, n.title)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let n = item.needed_by.len();
    let verb = if n == 1 { "rule needs" } else { "rules need" };
    format!("{n} {verb} it: {rules}")
}

/// The request to send the customer, as Markdown (readable as plain text):
/// per section still to collect its title, the API call or console path,
/// and which rules need it. Says so when nothing is left to collect.
pub fn request(r: &Report) -> String {
    let items = items(r);
    let mut out = String::from("# Mimecast configuration: what to collect\n\n");
    if items.is_empty() {
        out.push_str(
            "Every section of the configuration has been collected; nothing more is needed.\n",
        );
        return out;
    }
    let n = items.len();
    let _ = writeln!(
        out,
        "Please export the following from your Mimecast tenant ({n} item{}). \
         Send the API responses as the JSON files they are, unedited; for the \
         items read in the Administration Console, a screenshot or a copy of \
         the listed settings is enough.\n",
        if n == 1 { "" } else { "s" }
    );
    for (i, item) in items.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, item.title);
        if item.state == CoverageState::Incomplete {
            out.push_str(
                "- Again: the earlier export of it was incomplete (the API reported failures).\n",
            );
        }
        match &item.step {
            Step::Api(call) => {
                let _ = writeln!(out, "- API call: {call}");
            }
            Step::Dns(what) => {
                let _ = writeln!(out, "- DNS lookup: {what}");
            }
            Step::Exchange(commands) => {
                let _ = writeln!(out, "- Exchange Online PowerShell: {commands}");
            }
            Step::Console(path) => {
                let _ = writeln!(out, "- Administration Console: {path}");
            }
        }
        let _ = writeln!(out, "- Why: {}\n", why(item));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{clean_tenant, demo_tenant};
    use crate::{analyze, Options};

    fn report(files: &[crate::InputFile]) -> Report {
        analyze(files, &Options::default())
    }

    #[test]
    fn nothing_loaded_asks_for_every_section() {
        let r = report(&[]);
        let list = items(&r);
        assert_eq!(list.len(), Section::ALL.len());
        let text = request(&r);
        assert!(text.contains("Please export the following from your Mimecast tenant"));
        for s in Section::ALL {
            assert!(
                text.contains(&format!(". {}\n", s.title())),
                "{}",
                s.title()
            );
        }
        assert!(text.contains("POST /api/domain/get-internal-domain"));
        assert!(text.contains("Administration Console: Email Delivery > Managed Senders"));
    }

    #[test]
    fn a_partial_export_asks_only_for_what_is_missing_and_says_why() {
        let r = report(&demo_tenant());
        let list = items(&r);
        assert!(list.iter().all(|i| i.key != "internalDomains"), "loaded");
        let spoof = r
            .coverage
            .iter()
            .find(|c| c.key == "antiSpoofingPolicies")
            .unwrap();
        assert_eq!(spoof.state, CoverageState::Collected);
        let managed = list.iter().find(|i| i.key == "managedSenders").unwrap();
        assert_eq!(managed.step.label(), "Record in Checklist");
        assert!(managed.step.detail().starts_with("Email Delivery"));
        let text = request(&r);
        assert!(!text.contains("## 1. Internal domains"));
        let first_rule = &managed.needed_by[0];
        assert!(!first_rule.title.is_empty());
        assert!(text.contains(&format!("{} ({})", first_rule.code, first_rule.title)));
        let groups = list.iter().find(|i| i.key == "groups").unwrap();
        assert_eq!(groups.step.label(), "API call");
        assert!(text.contains(&format!("- API call: {}", groups.step.detail())));
    }

    #[test]
    fn a_complete_export_needs_nothing() {
        let r = report(&clean_tenant());
        let missing = r
            .coverage
            .iter()
            .filter(|c| c.state != CoverageState::Collected)
            .count();
        assert_eq!(items(&r).len(), missing);
        if missing == 0 {
            assert!(request(&r).contains("nothing more is needed"));
        }
    }

    #[test]
    fn dns_sections_are_lookups() {
        let r = report(&[]);
        let dns = items(&r)
            .into_iter()
            .find(|i| i.key == "dnsRecords")
            .unwrap();
        assert_eq!(dns.step.label(), "DNS lookup");
    }
}
