use crate::model::{JournalProtocol, JournalingService, Section};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// A journaling service moves the journal without proper encryption.
    ///
    /// ## Why it matters
    ///
    /// The journal is a copy of every message your users send and receive.
    /// When Mimecast collects it from a mailbox by plain POP3, each message
    /// and the mailbox password cross the network readable by anyone on the
    /// path; relaxed certificate checks let an impostor server answer in
    /// the real one's place. For SMTP journaling, preferring clear text
    /// hands the same stream over without TLS.
    ///
    /// ## What triggers it
    ///
    /// A journaling service that is not switched off and either collects by
    /// POP3 without POP3S (`usesPOP3S` false) or with relaxed encryption
    /// (`encryptionIsRelaxed` true), or receives by SMTP with clear text
    /// preferred (`prefersClearText` true; the exact meaning of this field
    /// is not documented by Mimecast). One finding per service, with the
    /// host and port for POP3. A setting that was not recorded is not
    /// judged.
    ///
    /// ## How to fix it
    ///
    /// Collect over POP3S (usually port 995) from a server with a valid
    /// certificate and switch relaxed encryption off; for SMTP journaling,
    /// have the sending side require TLS and stop preferring clear text.
    /// Then change the journal mailbox's password, since it may have been
    /// exposed.
    ///
    /// Console: **Services > Journaling** (older consoles: Administration >
    /// Services > Journaling), open the service.
    pub struct JournalTransportUnencrypted {
        code: "JRN001",
        name: "journal-transport-unencrypted",
        area: Area::GatewayServices,
        severity: Severity::Medium,
        reads: &[Section::JournalingServices],
        version: 1,
        effort: Effort::Medium,
        console: "Services > Journaling",
        controls: &[
            Control::cis("3.10"),
            Control::nist("SC-8"),
            Control::nist("SC-8(1)"),
        ],
    }
}

const POP3: &str = "pop3JournalingConnection";
const SMTP: &str = "smtpJournalingConnection";

fn label(s: &JournalingService) -> String {
    if s.description.is_empty() {
        format!("service {}", s.id)
    } else {
        format!("\u{201c}{}\u{201d} ({})", s.description, s.id)
    }
}

/// The problems of one service, each with its evidence.
fn problems(s: &JournalingService) -> Vec<(String, Evidence)> {
    let o = &s.origin;
    let at = |block: &str, field: &str| o.field(&format!("{block}.{field}"));
    let mut out = Vec::new();
    match s.protocol {
        Some(JournalProtocol::Pop3) => {
            if s.pop3_secure == Some(false) {
                out.push((
                    "collects by POP3 without POP3S".to_string(),
                    Evidence::at(o, at(POP3, "usesPOP3S"), "false"),
                ));
            }
            if s.pop3_relaxed == Some(true) {
                out.push((
                    "relaxes certificate checks".to_string(),
                    Evidence::at(o, at(POP3, "encryptionIsRelaxed"), "true"),
                ));
            }
        }
        Some(JournalProtocol::Smtp) if s.smtp_prefers_clear_text == Some(true) => {
            out.push((
                "prefers clear text for SMTP journaling".to_string(),
                Evidence::at(o, at(SMTP, "prefersClearText"), "true"),
            ));
        }
        _ => {}
    }
    out
}

impl Rule for JournalTransportUnencrypted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for s in ctx
            .cfg
            .gateway_services
            .journaling
            .iter()
            .filter(|s| s.enabled)
        {
            let found = problems(s);
            if found.is_empty() {
                continue;
            }
            let (what, mut evidence): (Vec<String>, Vec<Evidence>) = found.into_iter().unzip();
            let o = &s.origin;
            let mut place = String::new();
            if s.protocol == Some(JournalProtocol::Pop3) {
                if let Some(h) = &s.pop3_host {
                    evidence.push(Evidence::at(o, o.field(&format!("{POP3}.host")), h.clone()));
                    place = format!(" from {h}");
                }
                if let Some(p) = s.pop3_port {
                    evidence.push(Evidence::at(
                        o,
                        o.field(&format!("{POP3}.port")),
                        p.to_string(),
                    ));
                    place.push_str(&format!(" on port {p}"));
                }
            }
            if let Some(st) = &s.status {
                evidence.push(Evidence::at(o, o.field("statusInfo.status"), st.clone()));
            }
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Journaling {}{place} {}: copies of all mail can be read in transit.",
                    label(s),
                    what.join(" and ")
                ),
                object: Subject::record(&s.id, &s.origin),
                confidence: if s.protocol == Some(JournalProtocol::Smtp) {
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
    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("JRN001");
    }

    #[test]
    fn not_assessed_without_journaling() {
        use crate::rules::{testing::outcome_in, Outcome};
        assert!(matches!(
            outcome_in("JRN001", r#""internalDomains":[]"#),
            Outcome::NotAssessed(_)
        ));
        assert_eq!(
            outcome_in("JRN001", r#""journalingServices":[]"#),
            Outcome::Pass
        );
    }
}
