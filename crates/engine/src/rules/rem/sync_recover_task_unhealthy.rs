use crate::model::{Section, SyncTask};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A Sync & Recover task is switched off or failing.
    ///
    /// ## Why it matters
    ///
    /// A sync task that is disabled, cannot reach the mailboxes or keeps
    /// failing stops copying new mail, calendar items and contacts to the
    /// archive. Nothing warns the users; the gap only shows when someone
    /// tries to restore a mailbox after an incident and finds its recent
    /// content missing.
    ///
    /// ## What triggers it
    ///
    /// A task in `syncRecoverTasks` whose state is one of:
    ///
    /// - `Disabled`, `Configuration Issue` or `Needs Attention` (current
    ///   console labels);
    /// - `Enabled With Errors` or `Failed` (older console labels);
    /// - `Enabled With Warning` (older label): reported with medium
    ///   confidence, as a warning may be harmless (for example a few
    ///   skipped items);
    /// - a state this tool does not know, or no state at all: reported with
    ///   low confidence so that someone checks it.
    ///
    /// `Enabled` and `Initializing` are healthy. One finding per task.
    ///
    /// ## How to fix it
    ///
    /// Open the task and read the reason the console gives. A configuration
    /// issue or needs-attention state usually means the connector lost its
    /// consent or permissions on the mail platform: re-authorise the
    /// connector under Services > Connectors. Re-enable disabled tasks that
    /// should run, and delete the ones that are no longer wanted so that the
    /// list shows only real protection.
    ///
    /// Console: **Archive > Exchange Sync & Recover** (older consoles:
    /// Services > Sync & Recover).
    pub struct SyncRecoverTaskUnhealthy {
        code: "SRC002",
        name: "sync-recover-task-unhealthy",
        area: Area::RemediationContinuity,
        severity: Severity::Medium,
        reads: &[Section::SyncRecoverTasks],
        version: 1,
        effort: Effort::Medium,
        console: "Archive > Exchange Sync & Recover",
        controls: &[Control::cis("11.2"), Control::nist("CP-9")],
    }
}

/// What a task state means: `None` when healthy, else how sure the problem
/// is and how to describe it.
fn judge(state: &str) -> Option<(Confidence, &'static str)> {
    let s = state.trim().to_ascii_lowercase().replace(['_', '-'], " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.as_str() {
        "enabled" | "initializing" | "initialising" => None,
        "disabled" => Some((
            Confidence::High,
            "is disabled, so it no longer copies mailbox content to the archive",
        )),
        "configuration issue" => Some((
            Confidence::High,
            "has a configuration issue and is not syncing",
        )),
        "needs attention" => Some((Confidence::High, "needs attention and may not be syncing")),
        "enabled with errors" => Some((
            Confidence::High,
            "is running with errors, so some content is not being copied",
        )),
        "failed" => Some((Confidence::High, "has failed and is not syncing")),
        "enabled with warning" | "enabled with warnings" => Some((
            Confidence::Medium,
            "is running with warnings; some content may not be copied",
        )),
        "" => Some((
            Confidence::Low,
            "has no recorded state; check that it is enabled and healthy",
        )),
        _ => Some((
            Confidence::Low,
            "is in a state this tool does not know; check that it is enabled and healthy",
        )),
    }
}

fn finding(t: &SyncTask) -> Option<Finding> {
    let (confidence, what) = judge(&t.state)?;
    let state = if t.state.is_empty() {
        String::new()
    } else {
        format!(" (state \u{201c}{}\u{201d})", t.state)
    };
    let o = &t.origin;
    Some(Finding {
        severity: SyncRecoverTaskUnhealthy::META.severity,
        message: format!(
            "Sync & Recover task \u{201c}{}\u{201d}{state} {what}.",
            t.name
        ),
        object: Subject::named(
            &t.name,
            &[
                "sync task",
                t.connector_id.as_deref().unwrap_or_default(),
                t.group.as_deref().unwrap_or_default(),
            ],
        ),
        confidence,
        evidence: vec![Evidence::at(
            o,
            o.field("state"),
            if t.state.is_empty() {
                "(not set)".to_string()
            } else {
                t.state.clone()
            },
        )],
    })
}

impl Rule for SyncRecoverTaskUnhealthy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        ctx.cfg.sync_tasks.iter().filter_map(finding).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("SRC002");
    }

    #[test]
    fn states_are_read_loosely() {
        assert!(judge("Enabled").is_none());
        assert!(judge(" initializing ").is_none());
        assert_eq!(judge("CONFIGURATION_ISSUE").unwrap().0, Confidence::High);
        assert_eq!(judge("Needs  Attention").unwrap().0, Confidence::High);
        assert_eq!(judge("Enabled With Warning").unwrap().0, Confidence::Medium);
        assert_eq!(judge("Paused").unwrap().0, Confidence::Low);
    }
}
