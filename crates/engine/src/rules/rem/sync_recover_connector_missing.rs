use super::{
    connector_label, connector_platform, count, is_sync_recover_connector,
    missing_with_platform_sources, platforms_in_use, seen_in, task_platform,
};
use crate::model::{Config, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A mail platform you use has no Sync & Recover set up for it.
    ///
    /// ## Why it matters
    ///
    /// Sync & Recover (also called Secure & Restore) keeps a copy of
    /// mailboxes, calendars and contacts in the Mimecast archive so they can
    /// be put back after ransomware, a malicious mass deletion or a failed
    /// migration. It only covers a platform that has its own connector and
    /// sync task. A platform added later — a second Microsoft 365 tenant, a
    /// Google Workspace acquired with a subsidiary, an Exchange server that
    /// was never migrated — is easily left without one, and its mailboxes
    /// then cannot be recovered.
    ///
    /// ## What triggers it
    ///
    /// The platforms in use (Microsoft 365, Google Workspace, on-premises
    /// Exchange) are read from the connectors' provider, product code or
    /// name, and from the directory integrations' provider or type —
    /// whichever of `connectors` and `directoryIntegrations` was loaded.
    /// A platform is covered when a Sync & Recover task names it as its
    /// `platform` (or uses a connector for it), or when a connector whose
    /// product code, product name or name mentions Sync & Recover serves it.
    /// A task covers its platform whatever its state (SRC002 judges whether
    /// it is healthy); a directory synchronisation connector ("Azure AD
    /// Sync") does not count. One finding is reported per platform in use
    /// that is not covered.
    ///
    /// The finding has medium confidence when some tasks or Sync & Recover
    /// connectors do not say which platform they serve, or when connectors
    /// were not loaded (only directory integrations), since an unseen
    /// connector might cover the platform.
    ///
    /// The rule needs `syncRecoverTasks` and at least one of `connectors` or
    /// `directoryIntegrations`; without them it is not assessed. When
    /// neither list names a platform, there is nothing to compare and the
    /// rule passes.
    ///
    /// ## How to fix it
    ///
    /// Create a Sync & Recover connector for the platform under Services >
    /// Connectors (one connector per product and platform), then create a
    /// sync task that uses it and covers the mailboxes of that platform —
    /// usually an all-users group. Check after the first run that the task
    /// reports Enabled rather than an error state.
    ///
    /// Console: **Archive > Exchange Sync & Recover > Create New Sync Task**
    /// (older consoles: Services > Sync & Recover), and **Services >
    /// Connectors** for the connector.
    pub struct SyncRecoverConnectorMissing {
        code: "SRC001",
        name: "sync-recover-connector-missing",
        area: Area::RemediationContinuity,
        severity: Severity::Medium,
        reads: &[Section::SyncRecoverTasks, Section::Connectors],
        version: 1,
        effort: Effort::High,
        console: "Archive > Exchange Sync & Recover > Create New Sync Task",
        controls: &[Control::cis("11.2"), Control::nist("CP-9")],
    }
}

impl Rule for SyncRecoverConnectorMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        missing_with_platform_sources(cfg, Section::SyncRecoverTasks)
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let sr_connectors: Vec<_> = cfg
            .connectors
            .iter()
            .filter(|c| is_sync_recover_connector(c))
            .collect();
        let mut out = Vec::new();
        for (platform, used) in platforms_in_use(cfg) {
            let by_task = cfg
                .sync_tasks
                .iter()
                .any(|t| task_platform(t, cfg) == Some(platform));
            let by_connector = sr_connectors
                .iter()
                .any(|c| connector_platform(c).map(|(p, _, _)| p) == Some(platform));
            if by_task || by_connector {
                continue;
            }
            let unknown_tasks = cfg
                .sync_tasks
                .iter()
                .filter(|t| task_platform(t, cfg).is_none())
                .count();
            let unknown_connectors = sr_connectors
                .iter()
                .filter(|c| connector_platform(c).is_none())
                .count();
            let connectors_loaded = cfg.has(Section::Connectors);

            let mut message = format!(
                "{} is in use ({}) but no Sync & Recover task or connector serves it, so its mailboxes cannot be restored from the archive.",
                platform.name(),
                seen_in(&used)
            );
            if cfg.sync_tasks.is_empty() {
                message.push_str(" There are no Sync & Recover tasks at all.");
            } else {
                message.push_str(&format!(
                    " {} found.",
                    count(cfg.sync_tasks.len(), "task was", "tasks were")
                ));
            }
            if unknown_tasks + unknown_connectors > 0 {
                let mut parts = Vec::new();
                if unknown_tasks > 0 {
                    parts.push(count(unknown_tasks, "task", "tasks"));
                }
                if unknown_connectors > 0 {
                    parts.push(count(
                        unknown_connectors,
                        "Sync & Recover connector",
                        "Sync & Recover connectors",
                    ));
                }
                let verb = if unknown_tasks + unknown_connectors == 1 {
                    "does"
                } else {
                    "do"
                };
                message.push_str(&format!(
                    " {} {verb} not say which platform {} serve{}, so {} may cover {}.",
                    parts.join(" and "),
                    if unknown_tasks + unknown_connectors == 1 {
                        "it"
                    } else {
                        "they"
                    },
                    if unknown_tasks + unknown_connectors == 1 {
                        "s"
                    } else {
                        ""
                    },
                    if unknown_tasks + unknown_connectors == 1 {
                        "it"
                    } else {
                        "one of them"
                    },
                    platform.name()
                ));
            }
            if !connectors_loaded {
                message.push_str(" Connectors were not loaded, so a Sync & Recover connector for it may exist unseen.");
            }

            let mut evidence: Vec<Evidence> = used.evidence.iter().take(5).cloned().collect();
            for t in cfg.sync_tasks.iter().take(10) {
                let served = task_platform(t, cfg)
                    .map(|p| p.name())
                    .unwrap_or("platform not given");
                evidence.push(Evidence::at(
                    &t.origin,
                    t.origin.path.clone(),
                    format!(
                        "task \u{201c}{}\u{201d}: {served}, state {}",
                        t.name, t.state
                    ),
                ));
            }
            for c in sr_connectors.iter().take(10) {
                let served = connector_platform(c)
                    .map(|(p, _, _)| p.name())
                    .unwrap_or("platform not given");
                evidence.push(Evidence::at(
                    &c.origin,
                    c.origin.path.clone(),
                    format!("Sync & Recover {}: {served}", connector_label(c)),
                ));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message,
                object: Subject::fixed(platform.name()),
                confidence: if unknown_tasks + unknown_connectors > 0 || !connectors_loaded {
                    Confidence::Medium
                } else {
                    Confidence::High
                },
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("SRC001");
    }

    fn run(body: &str) -> Outcome {
        crate::rules::testing::outcome_in("SRC001", body)
    }

    #[test]
    fn needs_tasks_and_one_platform_source() {
        assert_eq!(
            run(r#""syncRecoverTasks":[]"#),
            Outcome::NotAssessed(vec![Section::Connectors])
        );
        assert_eq!(
            run(r#""connectors":[]"#),
            Outcome::NotAssessed(vec![Section::SyncRecoverTasks])
        );
        assert_eq!(
            run(r#""syncRecoverTasks":[],"directoryIntegrations":[]"#),
            Outcome::Pass
        );
    }

    #[test]
    fn directory_integrations_alone_name_the_platform_with_medium_confidence() {
        let Outcome::Fail(f) = run(
            r#""syncRecoverTasks":[],"directoryIntegrations":[{"id":"d1","name":"Corp AD","type":"active-directory"}]"#,
        ) else {
            panic!("expected a finding")
        };
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].object, "Exchange (on-premises)");
        assert_eq!(f[0].confidence, crate::rules::Confidence::Medium);
    }
}
