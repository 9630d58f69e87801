//! Mimecast's inbound hosts and the classes of MX hosts, as data (the
//! mail-routing rules read them).

use super::is_same_or_subdomain;

/// Base domains of Mimecast's inbound hosts and certificates: the global
/// grids, South Africa, and the Jersey grid.
pub static MIMECAST_INBOUND_BASES: &[&str] =
    &["mimecast.com", "mimecast.co.za", "mimecast-offshore.com"];

/// Who runs an MX host (evidence only).
pub static MX_HOST_CLASSES: &[(&str, &[&str])] = &[
    ("Mimecast", MIMECAST_INBOUND_BASES),
    (
        "Microsoft 365",
        &["mail.protection.outlook.com", "mx.microsoft"],
    ),
    ("Google Workspace", &["google.com", "googlemail.com"]),
];

/// A host under one of [`MIMECAST_INBOUND_BASES`] (the rules also count
/// the hosts the account's gateway details list).
pub fn is_mimecast_host(host: &str) -> bool {
    let h = host.trim().trim_end_matches('.');
    !h.is_empty()
        && MIMECAST_INBOUND_BASES
            .iter()
            .any(|b| is_same_or_subdomain(h, b))
}

/// The class of an MX host: `Mimecast`, `Microsoft 365`, `Google
/// Workspace` or `other`.
pub fn mx_host_class(host: &str) -> &'static str {
    MX_HOST_CLASSES
        .iter()
        .find(|(_, bases)| bases.iter().any(|b| is_same_or_subdomain(host, b)))
        .map_or("other", |(name, _)| name)
}

/// A certificate subject naming Mimecast: after a leading `*.`, one of
/// [`MIMECAST_INBOUND_BASES`] or a subdomain of one.
pub fn is_mimecast_certificate(name: &str) -> bool {
    let n = name.trim();
    let n = n.strip_prefix("*.").unwrap_or(n);
    !n.is_empty()
        && MIMECAST_INBOUND_BASES
            .iter()
            .any(|b| is_same_or_subdomain(n, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mimecast_hosts_and_certificates_on_label_boundaries() {
        for h in [
            "us-smtp-inbound-1.mimecast.com",
            "za-smtp-inbound-1.mimecast.co.za.",
            "je-smtp-inbound-1.mimecast-offshore.com",
            "EU-SMTP-INBOUND-2.MIMECAST.COM",
        ] {
            assert!(is_mimecast_host(h), "{h}");
            assert_eq!(mx_host_class(h.trim_end_matches('.')), "Mimecast");
        }
        for h in ["mimecast.com.evil.example", "evil-mimecast.com", "", "."] {
            assert!(!is_mimecast_host(h), "{h}");
        }
        assert_eq!(
            mx_host_class("example-com.mail.protection.outlook.com"),
            "Microsoft 365"
        );
        assert_eq!(mx_host_class("contoso.mx.microsoft"), "Microsoft 365");
        assert_eq!(mx_host_class("aspmx.l.google.com"), "Google Workspace");
        assert_eq!(mx_host_class("mail.example.net"), "other");
        assert!(is_mimecast_certificate("*.mimecast.com"));
        assert!(is_mimecast_certificate("*.mimecast.co.za"));
        assert!(is_mimecast_certificate("smtp.mimecast-offshore.com"));
        for c in ["mimecast.com.evil.example", "*.evil-mimecast.com", "*.", ""] {
            assert!(!is_mimecast_certificate(c), "{c}");
        }
    }
}
