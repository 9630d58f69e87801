//! A rough estimate of the work each rule's fix takes, used to order the
//! "top fixes" of the executive summary (severity first, then effort).
//!
//! | effort | meaning | rules |
//! |---|---|---|
//! | low | one setting or one policy changed in the console, no one else involved | ASP003 ASP005 ASP006 CON002 DNS002 DNS003 DNS005 IMP003 IMP004 IMP005 IMP006 POL002 POL003 POL004 PSN005 SPM001 TRM001 TRM002 |
//! | medium | a policy reworked after finding out what depends on it (a vendor's IPs, the senders really needed), then watching held mail for a few days | ASP001 ASP002 ASP004 DNS001 DNS004 IMP001 IMP002 POL001 PSN001 PSN002 PSN003 PSN004 PSN006 SPM002 SRC002 |
//! | high | a small project: DNS changes rolled out over weeks, or new connectors and monitors for a mail platform | CON001 DNS006 SRC001 |
//!
//! A rule missing from the table counts as medium (a test keeps the table
//! complete).

/// How much work a fix takes; `Low` sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effort {
    Low,
    Medium,
    High,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

const LOW: &[&str] = &[
    "ASP003", "ASP005", "ASP006", "CON002", "DNS002", "DNS003", "DNS005", "IMP003", "IMP004",
    "IMP005", "IMP006", "POL002", "POL003", "POL004", "PSN005", "SPM001", "TRM001", "TRM002",
];
const MEDIUM: &[&str] = &[
    "ASP001", "ASP002", "ASP004", "DNS001", "DNS004", "IMP001", "IMP002", "POL001", "PSN001",
    "PSN002", "PSN003", "PSN004", "PSN006", "SPM002", "SRC002",
];
const HIGH: &[&str] = &["CON001", "DNS006", "SRC001"];

/// The estimated effort of fixing rule `code`.
pub fn effort(code: &str) -> Effort {
    if LOW.contains(&code) {
        Effort::Low
    } else if HIGH.contains(&code) {
        Effort::High
    } else {
        Effort::Medium
    }
}

/// True when `code` has its own entry in the table.
pub fn estimated(code: &str) -> bool {
    LOW.contains(&code) || MEDIUM.contains(&code) || HIGH.contains(&code)
}
