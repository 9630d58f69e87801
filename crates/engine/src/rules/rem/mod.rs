//! Threat Remediation (TRM), Sync \& Recover (SRC) and Continuity (CON) rules.
//!
//! Also the shared facts these rules need: which mail platforms the tenant
//! runs on (read from connectors and directory integrations), and which
//! connectors serve Sync & Recover or Continuity. The words that name a
//! platform or a product are data ([`PLATFORM_NAMES`], [`SYNC_RECOVER_NAMES`],
//! [`CONTINUITY_NAMES`]): a new spelling is one entry, not new code.

mod automatic_remediation_off;
mod continuity_monitor_missing;
mod continuity_monitor_unnotified;
mod remediation_incidents_unmonitored;
mod sync_recover_connector_missing;
mod sync_recover_task_unhealthy;

pub use automatic_remediation_off::AutomaticRemediationOff;
pub use continuity_monitor_missing::ContinuityMonitorMissing;
pub use continuity_monitor_unnotified::ContinuityMonitorUnnotified;
pub use remediation_incidents_unmonitored::RemediationIncidentsUnmonitored;
pub use sync_recover_connector_missing::SyncRecoverConnectorMissing;
pub use sync_recover_task_unhealthy::SyncRecoverTaskUnhealthy;

use std::collections::BTreeMap;

use super::{Evidence, Rule};
use crate::model::{Config, Connector, DirectoryIntegration, Section, SyncTask};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &AutomaticRemediationOff,
    &RemediationIncidentsUnmonitored,
    &SyncRecoverConnectorMissing,
    &SyncRecoverTaskUnhealthy,
    &ContinuityMonitorMissing,
    &ContinuityMonitorUnnotified,
];

/// A mail platform whose mailboxes Sync & Recover and Continuity protect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// Microsoft 365 (Exchange Online).
    Microsoft365,
    /// Google Workspace.
    GoogleWorkspace,
    /// Exchange on premises.
    Exchange,
}

impl Platform {
    /// The platform's name for people.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Microsoft365 => "Microsoft 365",
            Platform::GoogleWorkspace => "Google Workspace",
            Platform::Exchange => "Exchange (on-premises)",
        }
    }
}

/// Words that name a platform in a connector's provider, product code or
/// name, a directory integration's provider or type, or a task's platform.
/// Values are compared word by word (case, spaces, `-`, `_`, `&` ignored);
/// when several entries match, the one with the most words wins, so
/// "exchange online" is Microsoft 365 while "exchange" alone is the
/// on-premises server, and "azure active directory" is not on-premises AD.
pub const PLATFORM_NAMES: &[(&str, Platform)] = &[
    ("microsoft", Platform::Microsoft365),
    ("microsoft 365", Platform::Microsoft365),
    ("m365", Platform::Microsoft365),
    ("o365", Platform::Microsoft365),
    ("office365", Platform::Microsoft365),
    ("office 365", Platform::Microsoft365),
    ("exchange online", Platform::Microsoft365),
    ("exchangeonline", Platform::Microsoft365),
    ("microsoft exchange online", Platform::Microsoft365),
    ("azure", Platform::Microsoft365),
    ("azure ad", Platform::Microsoft365),
    ("azuread", Platform::Microsoft365),
    ("azure active directory", Platform::Microsoft365),
    ("entra", Platform::Microsoft365),
    ("entra id", Platform::Microsoft365),
    ("google", Platform::GoogleWorkspace),
    ("google workspace", Platform::GoogleWorkspace),
    ("workspace", Platform::GoogleWorkspace),
    ("gmail", Platform::GoogleWorkspace),
    ("gsuite", Platform::GoogleWorkspace),
    ("g suite", Platform::GoogleWorkspace),
    ("exchange", Platform::Exchange),
    ("exchange server", Platform::Exchange),
    ("microsoft exchange", Platform::Exchange),
    ("on premises", Platform::Exchange),
    ("onpremises", Platform::Exchange),
    ("on prem", Platform::Exchange),
    ("onprem", Platform::Exchange),
    ("active directory", Platform::Exchange),
    ("activedirectory", Platform::Exchange),
    ("ad", Platform::Exchange),
    ("ldap", Platform::Exchange),
];

/// Words that mark a connector as serving Sync & Recover (also sold as
/// Secure & Restore). Whole words only: "synchronization" does not count.
pub const SYNC_RECOVER_NAMES: &[&str] = &[
    "recover",
    "recovery",
    "syncrecover",
    "secure restore",
    "secure and restore",
];

/// "sync" alone also marks Sync & Recover, unless one of
/// [`DIRECTORY_SYNC_NAMES`] says the connector synchronises a directory
/// instead ("Azure AD Sync").
pub const SYNC_WORD: &str = "sync";
/// Words that, with [`SYNC_WORD`], say a connector synchronises a directory
/// rather than backing up mailboxes.
pub const DIRECTORY_SYNC_NAMES: &[&str] = &[
    "directory",
    "dirsync",
    "ad",
    "azure",
    "entra",
    "ldap",
    "gcds",
];

/// Words that mark a connector as serving Continuity.
pub const CONTINUITY_NAMES: &[&str] = &["continuity"];

fn words(text: &str) -> Vec<String> {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Number of words of `phrase` when it occurs in `text` word by word.
fn occurs(text: &[String], phrase: &str) -> Option<usize> {
    let p = words(phrase);
    (!p.is_empty() && text.windows(p.len()).any(|w| w == p.as_slice())).then_some(p.len())
}

/// The platform a value names, if any.
pub fn platform_of(text: &str) -> Option<Platform> {
    let w = words(text);
    let mut best: Option<(usize, Platform)> = None;
    for (phrase, platform) in PLATFORM_NAMES {
        if let Some(n) = occurs(&w, phrase) {
            if best.is_none_or(|(m, _)| n > m) {
                best = Some((n, *platform));
            }
        }
    }
    best.map(|(_, p)| p)
}

fn mentions_any(text: &str, phrases: &[&str]) -> bool {
    let w = words(text);
    phrases.iter().any(|p| occurs(&w, p).is_some())
}

/// How a connector is named in messages.
pub fn connector_label(c: &Connector) -> String {
    if c.name.is_empty() {
        format!("connector {}", c.id)
    } else {
        format!("connector \u{201c}{}\u{201d}", c.name)
    }
}

/// The connector's fields that may name a platform, with their JSON field.
fn connector_texts(c: &Connector) -> [(&'static str, Option<&str>); 5] {
    [
        ("provider", c.provider.as_deref()),
        ("product.code", c.product_code.as_deref()),
        ("product.name", c.product_name.as_deref()),
        ("name", Some(c.name.as_str())),
        ("description", Some(c.description.as_str())),
    ]
}

/// The platform a connector serves, and the field that says so.
pub fn connector_platform(c: &Connector) -> Option<(Platform, &'static str, String)> {
    connector_texts(c).into_iter().find_map(|(field, v)| {
        let v = v?;
        platform_of(v).map(|p| (p, field, v.to_string()))
    })
}

/// The connector serves Sync & Recover (its product code, product name or
/// name says so).
pub fn is_sync_recover_connector(c: &Connector) -> bool {
    [
        c.product_code.as_deref(),
        c.product_name.as_deref(),
        Some(c.name.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(names_sync_recover)
}

fn names_sync_recover(text: &str) -> bool {
    mentions_any(text, SYNC_RECOVER_NAMES)
        || mentions_any(text, &[SYNC_WORD]) && !mentions_any(text, DIRECTORY_SYNC_NAMES)
}

/// The connector serves Continuity.
pub fn is_continuity_connector(c: &Connector) -> bool {
    [
        c.product_code.as_deref(),
        c.product_name.as_deref(),
        Some(c.name.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|t| mentions_any(t, CONTINUITY_NAMES))
}

/// The platform a directory integration connects, and its value.
pub fn integration_platform(d: &DirectoryIntegration) -> Option<(Platform, String)> {
    [d.provider.as_deref(), Some(d.name.as_str())]
        .into_iter()
        .flatten()
        .find_map(|v| platform_of(v).map(|p| (p, v.to_string())))
}

/// The platform a Sync & Recover task serves: its own `platform`, else the
/// platform of the connector it uses.
pub fn task_platform(t: &SyncTask, cfg: &Config) -> Option<Platform> {
    t.platform.as_deref().and_then(platform_of).or_else(|| {
        let id = t.connector_id.as_deref()?;
        cfg.connectors
            .iter()
            .find(|c| c.id == id)
            .and_then(connector_platform)
            .map(|(p, _, _)| p)
    })
}

/// Where a platform in use was seen.
pub struct PlatformUse {
    /// Where it was seen.
    pub evidence: Vec<Evidence>,
    /// Short descriptions of the sources, for messages.
    pub seen_in: Vec<String>,
}

/// The platforms the tenant runs on, from its connectors and directory
/// integrations (whichever of the two were loaded).
pub fn platforms_in_use(cfg: &Config) -> BTreeMap<Platform, PlatformUse> {
    let mut out: BTreeMap<Platform, PlatformUse> = BTreeMap::new();
    let mut add = |p: Platform, ev: Evidence, seen: String| {
        let u = out.entry(p).or_insert_with(|| PlatformUse {
            evidence: Vec::new(),
            seen_in: Vec::new(),
        });
        u.evidence.push(ev);
        u.seen_in.push(seen);
    };
    for c in &cfg.connectors {
        if let Some((p, field, value)) = connector_platform(c) {
            let o = &c.origin;
            add(
                p,
                Evidence::at(
                    o,
                    o.field(field),
                    format!("{}: {value}", connector_label(c)),
                ),
                connector_label(c),
            );
        }
    }
    for d in &cfg.directory_integrations {
        if let Some((p, value)) = integration_platform(d) {
            let label = if d.name.is_empty() {
                format!("directory integration {}", d.id)
            } else {
                format!("directory integration \u{201c}{}\u{201d}", d.name)
            };
            add(
                p,
                Evidence::at(
                    &d.origin,
                    d.origin.path.clone(),
                    format!("{label}: {value}"),
                ),
                label,
            );
        }
    }
    out
}

/// "seen in connector “A” and 2 more".
pub fn seen_in(u: &PlatformUse) -> String {
    match u.seen_in.len() {
        0 => String::new(),
        1 => u.seen_in[0].clone(),
        n => format!("{} and {} more", u.seen_in[0], n - 1),
    }
}

/// Sections missing for a rule that reads `primary` plus at least one of
/// connectors / directory integrations. Names connectors as the one to
/// collect, so an empty model yields `[primary, connectors]`.
pub fn missing_with_platform_sources(cfg: &Config, primary: Section) -> Vec<Section> {
    let mut m = Vec::new();
    if !cfg.has(primary) {
        m.push(primary);
    }
    if !cfg.has(Section::Connectors) && !cfg.has(Section::DirectoryIntegrations) {
        m.push(Section::Connectors);
    }
    m
}

/// "1 task" / "3 tasks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_prefer_the_longest_phrase() {
        assert_eq!(platform_of("microsoft"), Some(Platform::Microsoft365));
        assert_eq!(platform_of("M365"), Some(Platform::Microsoft365));
        assert_eq!(platform_of("Office 365"), Some(Platform::Microsoft365));
        assert_eq!(platform_of("exchange-online"), Some(Platform::Microsoft365));
        assert_eq!(
            platform_of("Azure Active Directory"),
            Some(Platform::Microsoft365)
        );
        assert_eq!(platform_of("active-directory"), Some(Platform::Exchange));
        assert_eq!(platform_of("ldap"), Some(Platform::Exchange));
        assert_eq!(platform_of("Exchange 2019"), Some(Platform::Exchange));
        assert_eq!(platform_of("Microsoft Exchange"), Some(Platform::Exchange));
        assert_eq!(platform_of("google"), Some(Platform::GoogleWorkspace));
        assert_eq!(
            platform_of("Google_Workspace"),
            Some(Platform::GoogleWorkspace)
        );
        assert_eq!(platform_of("continuity"), None);
        assert_eq!(platform_of("adobe"), None, "whole words only");
        assert_eq!(platform_of(""), None);
    }

    #[test]
    fn product_names_match_whole_words() {
        assert!(names_sync_recover("sync_recover"));
        assert!(names_sync_recover("Exchange Sync & Recover"));
        assert!(names_sync_recover("Secure & Restore"));
        assert!(names_sync_recover("M365 mailbox sync"));
        assert!(!names_sync_recover("Directory Synchronization"));
        assert!(!names_sync_recover("Azure AD Sync"));
        assert!(mentions_any("M365 Continuity", CONTINUITY_NAMES));
        assert!(!mentions_any("remediation", CONTINUITY_NAMES));
    }
}
