//! The seven scenarios (spec section 6.2): for each, its title and the
//! message it sends for a domain.

use crate::explain::message::{AuthInput, MessageInput, SignalsInput};

use super::params::ManagedEntry;

/// An unknown server (TEST-NET-3, in no provider range).
pub const UNKNOWN_IP: &str = "203.0.113.9";
/// Microsoft 365 (in 40.107.0.0/16).
pub const M365_IP: &str = "40.107.22.35";
/// Consumer Outlook.com (in 40.92.0.0/15).
pub const OUTLOOK_IP: &str = "40.92.10.5";
/// Google (in 209.85.128.0/17).
pub const GOOGLE_IP: &str = "209.85.220.41";

/// The scenarios: id and title.
pub const SCENARIOS: [(&str, &str); 7] = [
    ("SC1", "Spoof of your own domain from an unknown server"),
    ("SC2", "Spoof of your own domain from Microsoft 365"),
    ("SC3", "Spoof of your own domain from Google Workspace"),
    ("SC4", "Display-name impersonation of a VIP from free mail"),
    ("SC5", "Look-alike of your domain, newly registered"),
    ("SC6", "Permitted third-party domain, header From forged"),
    ("SC7", "Managed-sender permit of a free-mail sender"),
];

/// The title of scenario `id`.
pub fn title(id: &str) -> &'static str {
    SCENARIOS
        .iter()
        .find(|(s, _)| *s == id)
        .map_or("", |(_, t)| t)
}

/// One message to evaluate: the attack in one line and the input.
#[derive(Debug, Clone)]
pub struct Built {
    /// The internal domain (SC7: the recipient's domain).
    pub domain: String,
    /// The attack, in one line.
    pub attack: String,
    /// The message.
    pub message: MessageInput,
}

fn auth(spf: &str, dkim: &str, dkim_domain: Option<&str>, dmarc: &str) -> Option<AuthInput> {
    Some(AuthInput {
        spf: Some(spf.into()),
        dkim: Some(dkim.into()),
        dkim_domain: dkim_domain.map(str::to_string),
        dmarc: Some(dmarc.into()),
    })
}

fn message(envelope: &str, header: &str, name: &str, ip: &str, recipient: &str) -> MessageInput {
    MessageInput {
        envelope_from: Some(envelope.into()),
        header_from: Some(header.into()),
        header_display_name: Some(name.into()),
        sending_ip: Some(ip.into()),
        recipient: Some(recipient.into()),
        spam_score: Some(0.0),
        ..MessageInput::default()
    }
}

/// SC1–SC3: `ceo@D` from an unknown server, Microsoft 365 or Google.
pub fn spoof(id: &str, d: &str) -> Built {
    let (ip, from) = match id {
        "SC2" => (
            M365_IP,
            "from Microsoft 365 (any Microsoft 365 tenant can send from there)",
        ),
        "SC3" => (GOOGLE_IP, "from Google Workspace"),
        _ => (UNKNOWN_IP, "from an unknown server"),
    };
    let a = format!("ceo@{d}");
    let mut m = message(&a, &a, "", ip, &format!("user@{d}"));
    m.auth = auth("derive", "none", None, "derive");
    Built {
        domain: d.into(),
        attack: format!("Someone sends as {a} {from} ({ip})."),
        message: m,
    }
}

/// SC4: a real Gmail account showing the VIP's name.
pub fn vip(d: &str, name: &str, local: &str) -> Built {
    let a = format!("{local}@gmail.com");
    let mut m = message(&a, &a, name, GOOGLE_IP, &format!("user@{d}"));
    m.auth = auth("pass", "pass", Some("gmail.com"), "pass");
    Built {
        domain: d.into(),
        attack: format!(
            "A Gmail account {a} shows the display name \u{201c}{name}\u{201d} to user@{d}."
        ),
        message: m,
    }
}

/// SC5: a look-alike domain L(D), freshly registered, fully authenticated.
pub fn lookalike(d: &str, l: &str) -> Built {
    let a = format!("accounts@{l}");
    let mut m = message(&a, &a, "Accounts Payable", UNKNOWN_IP, &format!("user@{d}"));
    m.auth = auth("pass", "pass", Some(l), "pass");
    m.signals = Some(SignalsInput {
        newly_observed_domain: Some(serde_json::Value::Bool(true)),
        ..SignalsInput::default()
    });
    Built {
        domain: d.into(),
        attack: format!(
            "A newly registered look-alike domain {l} sends as {a} (SPF, DKIM and DMARC pass)."
        ),
        message: m,
    }
}

/// SC6: the header From forged on the permitted domain P.
pub fn permitted(d: &str, p: &str) -> Built {
    let header = format!("billing@{p}");
    let mut m = message(
        "bounce@mailer.attacker.example",
        &header,
        &format!("{p} Billing"),
        UNKNOWN_IP,
        &format!("user@{d}"),
    );
    m.auth = auth("pass", "none", None, "derive");
    m.spam_score = Some(6.0);
    Built {
        domain: d.into(),
        attack: format!(
            "An attacker's server sends with the header From {header} (a permitted domain) and its own envelope sender; spam score 6."
        ),
        message: m,
    }
}

/// SC7: a stranger at a permitted free-mail domain, or the forged permitted
/// address. `first` is the first domain (recipient when the entry has none).
pub fn managed(e: &ManagedEntry, first: &str, name: Option<&str>) -> Built {
    let recipient = if e.to.contains('@') {
        e.to.clone()
    } else {
        format!("user@{first}")
    };
    let domain = crate::scope::domain_of(&recipient);
    let (from, ip, a, attack) = match &e.domain {
        Some(f) => {
            let from = format!("stranger@{f}");
            let ip = if is_under(f, &["gmail.com", "googlemail.com", "google.com"]) {
                GOOGLE_IP
            } else if is_under(f, &["outlook.com", "hotmail.com", "live.com", "msn.com"]) {
                OUTLOOK_IP
            } else {
                UNKNOWN_IP
            };
            let attack = format!(
                "Anyone with a mailbox at {f} ({from}) writes to {recipient}, whose list permits the whole domain; spam score 6."
            );
            (from, ip, auth("pass", "pass", Some(f), "pass"), attack)
        }
        None => {
            let attack = format!(
                "An attacker forges the permitted address {} when writing to {recipient}; spam score 6.",
                e.sender
            );
            (
                e.sender.clone(),
                UNKNOWN_IP,
                auth("derive", "none", None, "derive"),
                attack,
            )
        }
    };
    let mut m = message(&from, &from, name.unwrap_or_default(), ip, &recipient);
    m.auth = a;
    m.spam_score = Some(6.0);
    Built {
        domain,
        attack,
        message: m,
    }
}

fn is_under(d: &str, bases: &[&str]) -> bool {
    bases
        .iter()
        .any(|b| crate::providers::is_same_or_subdomain(d, b))
}
