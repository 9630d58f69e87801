//! Control mappings: which CIS Controls v8 safeguard and which NIST SP
//! 800-53 Rev. 5 control each rule checks, so a report can be read (and
//! filtered) by framework. Each rule declares its own in its file
//! (`controls:` in `declare_rule!`); this module holds the types, the
//! titles (numbers and titles only, never control text) and the filter.
//!
//! A mapping is *direct* when the safeguard or control names what the rule
//! checks, *partial* when the rule checks one part of it or a close
//! equivalent. A framework with no defensible mapping is simply absent.

use serde::{Deserialize, Serialize};

/// A control framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Framework {
    /// CIS Critical Security Controls, version 8.
    #[serde(rename = "CIS v8")]
    Cis,
    /// NIST SP 800-53, Revision 5.
    #[serde(rename = "NIST 800-53")]
    Nist,
}

impl Framework {
    /// Both, in the order they are shown.
    pub const ALL: [Framework; 2] = [Framework::Cis, Framework::Nist];

    /// `CIS v8`, `NIST 800-53`.
    pub fn label(self) -> &'static str {
        match self {
            Framework::Cis => "CIS v8",
            Framework::Nist => "NIST 800-53",
        }
    }

    /// `CIS`, `NIST`: the prefix of a control's short name and its tag.
    pub fn prefix(self) -> &'static str {
        match self {
            Framework::Cis => "CIS",
            Framework::Nist => "NIST",
        }
    }
}

/// One mapping of a rule to a safeguard or control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Control {
    /// The framework.
    pub framework: Framework,
    /// `9.5`, `SI-8`, `IA-2(1)`.
    pub id: &'static str,
    /// The rule checks one part of it, or a close equivalent.
    pub partial: bool,
}

impl Control {
    /// A direct CIS v8 safeguard.
    pub const fn cis(id: &'static str) -> Control {
        Control {
            framework: Framework::Cis,
            id,
            partial: false,
        }
    }

    /// A CIS v8 safeguard the rule checks in part.
    pub const fn cis_partial(id: &'static str) -> Control {
        Control {
            partial: true,
            ..Control::cis(id)
        }
    }

    /// A direct NIST 800-53 control.
    pub const fn nist(id: &'static str) -> Control {
        Control {
            framework: Framework::Nist,
            id,
            partial: false,
        }
    }

    /// A NIST 800-53 control the rule checks in part.
    pub const fn nist_partial(id: &'static str) -> Control {
        Control {
            partial: true,
            ..Control::nist(id)
        }
    }

    /// `CIS 9.5`, `NIST SI-8`: how people and the filter name it.
    pub fn short(&self) -> String {
        format!("{} {}", self.framework.prefix(), self.id)
    }

    /// `CIS-9.5`, `NIST-SI-8`: the SARIF tag (no spaces).
    pub fn tag(&self) -> String {
        format!("{}-{}", self.framework.prefix(), self.id)
    }

    /// `CIS 9.5 (partial)` or `CIS 9.5`.
    pub fn label(&self) -> String {
        if self.partial {
            format!("{} (partial)", self.short())
        } else {
            self.short()
        }
    }

    /// The safeguard's or control's title (empty if unknown).
    pub fn title(&self) -> &'static str {
        title(self.framework, self.id)
    }

    /// As reported: framework, id, title, partial.
    pub fn report(&self) -> ControlReport {
        ControlReport {
            framework: self.framework,
            id: self.id.into(),
            title: self.title().into(),
            partial: self.partial,
        }
    }
}

/// A control as the report carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControlReport {
    /// `CIS v8` or `NIST 800-53`.
    pub framework: Framework,
    /// `9.5`, `SI-8`.
    pub id: String,
    /// The safeguard's or control's title.
    pub title: String,
    /// The rule checks one part of it, or a close equivalent.
    #[serde(default)]
    pub partial: bool,
}

impl ControlReport {
    /// `CIS 9.5`, `NIST SI-8`.
    pub fn short(&self) -> String {
        format!("{} {}", self.framework.prefix(), self.id)
    }

    /// `CIS 9.5 (partial)` or `CIS 9.5`.
    pub fn label(&self) -> String {
        if self.partial {
            format!("{} (partial)", self.short())
        } else {
            self.short()
        }
    }

    /// Whether the filter text `query` (`CIS 9.5`, `cis-9.5`, `SI-8`,
    /// `nist si-8`) names this control. An id alone matches in either
    /// framework; `9.5` does not match `9.50`.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_ascii_uppercase().replace('-', " ");
        let id = self.id.to_ascii_uppercase().replace('-', " ");
        let prefix = self.framework.prefix();
        q == id || q == format!("{prefix} {id}") || q == format!("{prefix}{id}")
    }
}

/// `controls` as one line for a report: `CIS 9.5 (partial) – Implement
/// DMARC; NIST SI-8 – Spam Protection` (empty when there are none).
pub fn line(controls: &[ControlReport]) -> String {
    controls
        .iter()
        .map(|c| format!("{} \u{2013} {}", c.label(), c.title))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Titles of the CIS v8 safeguards the catalog cites.
const CIS_TITLES: &[(&str, &str)] = &[
    ("3.10", "Encrypt Sensitive Data in Transit"),
    (
        "4.1",
        "Establish and Maintain a Secure Configuration Process",
    ),
    (
        "4.8",
        "Uninstall or Disable Unnecessary Services on Enterprise Assets and Software",
    ),
    ("6.5", "Require MFA for Administrative Access"),
    ("6.8", "Define and Maintain Role-Based Access Control"),
    ("9.3", "Maintain and Enforce Network-Based URL Filters"),
    ("9.5", "Implement DMARC"),
    ("9.6", "Block Unnecessary File Types"),
    (
        "9.7",
        "Deploy and Maintain Email Server Anti-Malware Protections",
    ),
    ("10.7", "Use Behavior-Based Anti-Malware Software"),
    ("11.2", "Perform Automated Backups"),
    ("13.10", "Perform Application Layer Filtering"),
];

/// Titles of the NIST 800-53 Rev. 5 controls the catalog cites.
const NIST_TITLES: &[(&str, &str)] = &[
    ("AC-4", "Information Flow Enforcement"),
    ("AC-6", "Least Privilege"),
    ("CM-3", "Configuration Change Control"),
    ("CM-6", "Configuration Settings"),
    ("CM-7", "Least Functionality"),
    ("CP-2", "Contingency Plan"),
    ("CP-9", "System Backup"),
    (
        "IA-2(1)",
        "Identification and Authentication (Organizational Users) | Multi-factor Authentication to Privileged Accounts",
    ),
    ("IR-4", "Incident Handling"),
    ("IR-5", "Incident Monitoring"),
    ("IR-6", "Incident Reporting"),
    ("SC-7", "Boundary Protection"),
    ("SC-8", "Transmission Confidentiality and Integrity"),
    (
        "SC-8(1)",
        "Transmission Confidentiality and Integrity | Cryptographic Protection",
    ),
    ("SC-12", "Cryptographic Key Establishment and Management"),
    ("SC-13", "Cryptographic Protection"),
    ("SI-3", "Malicious Code Protection"),
    ("SI-8", "Spam Protection"),
];

/// The title of `id` in `framework` (empty when the catalog cites no such
/// control).
pub fn title(framework: Framework, id: &str) -> &'static str {
    let table = match framework {
        Framework::Cis => CIS_TITLES,
        Framework::Nist => NIST_TITLES,
    };
    table
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| *t)
        .unwrap_or_default()
}

/// Every control any rule of the catalog cites, CIS first, each once, in
/// the frameworks' own order (`4.1` before `10.7`, `AC-4` before `SI-3`):
/// the choices of the report's control filter.
pub fn cited() -> Vec<Control> {
    let mut all: Vec<Control> = super::all()
        .iter()
        .flat_map(|r| r.meta().controls.iter())
        .map(|c| Control {
            partial: false,
            ..*c
        })
        .collect();
    all.sort_by(|a, b| {
        a.framework
            .cmp(&b.framework)
            .then_with(|| order_key(a.id).cmp(&order_key(b.id)))
    });
    all.dedup();
    all
}

/// `9.5` → (9, 5); `SI-8` → ("SI", 8); `IA-2(1)` → ("IA", 2, 1): numbers
/// compare as numbers.
fn order_key(id: &str) -> Vec<(String, u32)> {
    id.split(['.', '-', '(', ')'])
        .filter(|p| !p.is_empty())
        .map(|p| match p.parse::<u32>() {
            Ok(n) => (String::new(), n),
            Err(_) => (p.to_string(), 0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_maps_to_a_titled_control() {
        for r in super::super::all() {
            let m = r.meta();
            assert!(!m.controls.is_empty(), "{} has no control mapping", m.code);
            for c in m.controls {
                assert!(
                    !c.title().is_empty(),
                    "{}: {} has no title",
                    m.code,
                    c.short()
                );
            }
            let mut seen: Vec<_> = m.controls.iter().map(|c| (c.framework, c.id)).collect();
            seen.dedup();
            assert_eq!(seen.len(), m.controls.len(), "{}: a control twice", m.code);
        }
    }

    #[test]
    fn the_filter_names_a_control_by_framework_and_id() {
        let c = Control::cis_partial("9.5").report();
        assert_eq!(c.label(), "CIS 9.5 (partial)");
        assert_eq!(c.title, "Implement DMARC");
        for q in ["CIS 9.5", "cis 9.5", "CIS-9.5", " 9.5 "] {
            assert!(c.matches(q), "{q}");
        }
        for q in ["CIS 9.50", "NIST 9.5", "9", "CIS 9.7"] {
            assert!(!c.matches(q), "{q}");
        }
        let n = Control::nist("IA-2(1)").report();
        assert!(n.matches("NIST IA-2(1)") && n.matches("ia-2(1)") && !n.matches("IA-2"));
        assert_eq!(Control::nist("SI-8").tag(), "NIST-SI-8");
        assert_eq!(
            line(&[c, Control::nist("SI-8").report()]),
            "CIS 9.5 (partial) \u{2013} Implement DMARC; NIST SI-8 \u{2013} Spam Protection"
        );
        assert_eq!(line(&[]), "");
    }

    #[test]
    fn cited_controls_are_each_listed_once_in_the_frameworks_order() {
        let cited = cited();
        let shorts: Vec<String> = cited.iter().map(Control::short).collect();
        let pos = |s: &str| shorts.iter().position(|x| x == s);
        assert!(pos("CIS 4.1") < pos("CIS 9.5") && pos("CIS 9.5") < pos("CIS 11.2"));
        assert!(pos("CIS 11.2") < pos("NIST CM-6"));
        assert!(pos("NIST SI-3") < pos("NIST SI-8"));
        let mut unique = shorts.clone();
        unique.dedup();
        assert_eq!(unique, shorts);
        assert!(cited.iter().all(|c| !c.partial));
    }
}
