//! What URL Protect (TTP001) and Attachment Protect (TTP002) share: an
//! inbound policy whose definition switches the feature on, and the
//! licence signal for sections loaded empty.

use super::licence::{licence, Feature, Licence};
use super::{empty_section_evidence, in_force_inbound, missing_of, policy_evidence};
use crate::model::{Config, Policy, Section};
use crate::rules::{Confidence, Ctx, Finding, RuleMeta, Subject};
use crate::scope::describe_scope;

/// One of the two features, as the shared check needs it.
pub struct Protect {
    pub feature: Feature,
    pub definitions: Section,
    pub policies: Section,
    /// The definition count of the loaded definitions section.
    pub definition_count: fn(&Config) -> usize,
    /// Whether a policy's definition switches the feature on for inbound
    /// mail: `Ok` with what it uses, else why not ("definition not
    /// loaded", "definition … has inbound check off").
    pub definition_counts: fn(&Policy, &Config) -> Result<(), String>,
}

impl Protect {
    /// Both sections loaded and empty, and the packages do not name the
    /// feature.
    fn not_licensed(&self, cfg: &Config) -> bool {
        cfg.has(self.definitions)
            && cfg.has(self.policies)
            && (self.definition_count)(cfg) == 0
            && cfg.policies(self.policies).is_empty()
            && licence(cfg, self.feature).is_not_licensed()
    }

    pub fn missing(&self, cfg: &Config, reads: &[Section]) -> Vec<Section> {
        let missing = missing_of(cfg, reads);
        if missing.is_empty() && self.not_licensed(cfg) {
            return vec![self.policies];
        }
        missing
    }

    pub fn not_assessed_reason(&self, cfg: &Config) -> Option<String> {
        self.not_licensed(cfg).then(|| {
            let name = self.feature.name();
            match licence(cfg, self.feature) {
                Licence::AnsweredNotLicensed => {
                    format!("the checklist says {name} is not licensed, and its sections are empty")
                }
                _ => format!(
                    "{name} does not appear among the account's packages, and its sections are empty"
                ),
            }
        })
    }

    pub fn check(&self, meta: &RuleMeta, ctx: &Ctx) -> Vec<Finding> {
        let policies = ctx.cfg.policies(self.policies);
        let mut evidence = Vec::new();
        for p in policies {
            let why = in_force_inbound(p, ctx).and_then(|()| {
                (self.definition_counts)(p, ctx.cfg)
                    .map_err(|why| format!("{}, in force: {why}", describe_scope(p, ctx.cfg)))
            });
            match why {
                Ok(()) => return Vec::new(),
                Err(why) => evidence.push(policy_evidence(p, why)),
            }
        }
        evidence.truncate(12);
        if policies.is_empty() {
            evidence.extend(empty_section_evidence(
                ctx.cfg,
                self.policies,
                &format!("no {} policies", self.feature.name()),
            ));
        }
        let signal = licence(ctx.cfg, self.feature);
        if let Some(file) = ctx
            .cfg
            .sections
            .get(&self.policies)
            .and_then(|s| s.sources.first())
        {
            evidence.push(crate::rules::Evidence {
                file: file.clone(),
                path: signal.path(self.feature).into(),
                value: signal.describe(self.feature),
            });
        }
        let name = self.feature.name();
        let message = match policies.len() {
            0 => format!("No {name} policy exists, so inbound mail gets no {name} protection."),
            1 => format!("The only {name} policy does not protect all inbound mail with a definition that has its inbound check on."),
            n => format!("None of the {n} {name} policies protects all inbound mail with a definition that has its inbound check on."),
        };
        vec![Finding {
            severity: meta.severity,
            message,
            object: Subject::section(self.policies),
            confidence: Confidence::High,
            evidence,
        }]
    }
}
