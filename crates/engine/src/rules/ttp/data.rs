//! The lists the Targeted Threat Protection rules judge against, as data.

/// Services where anyone can host content under the service's own domain:
/// file sharing, forms, site builders, app and object hosting, tunnels,
/// URL shorteners. A managed-URL permit of one of these domains (or of a
/// domain above it) lets every page hosted there skip click-time checks.
/// One entry per service; a tenant's own host under one of them (such as
/// `contoso.sharepoint.com`) is not on the list and is not covered.
pub const SHARED_CONTENT_DOMAINS: &[&str] = &[
    "sharepoint.com",
    "onedrive.live.com",
    "1drv.ms",
    "forms.office.com",
    "forms.microsoft.com",
    "sway.office.com",
    "blob.core.windows.net",
    "web.core.windows.net",
    "azurewebsites.net",
    "docs.google.com",
    "drive.google.com",
    "sites.google.com",
    "forms.gle",
    "storage.googleapis.com",
    "googleusercontent.com",
    "firebaseapp.com",
    "web.app",
    "appspot.com",
    "dropbox.com",
    "dropboxusercontent.com",
    "box.com",
    "wetransfer.com",
    "we.tl",
    "github.io",
    "githubusercontent.com",
    "gitlab.io",
    "netlify.app",
    "vercel.app",
    "pages.dev",
    "workers.dev",
    "herokuapp.com",
    "glitch.me",
    "s3.amazonaws.com",
    "cloudfront.net",
    "ngrok.io",
    "ngrok-free.app",
    "wixsite.com",
    "weebly.com",
    "notion.site",
    "canva.site",
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "ow.ly",
    "is.gd",
    "cutt.ly",
    "rebrand.ly",
];

/// The file types Mimecast blocks by default as dangerous; removing one of
/// them from the Dangerous File Types list lets it through. Lowercase,
/// without the dot.
pub const CORE_DANGEROUS_TYPES: &[&str] = &[
    "exe", "com", "bat", "cmd", "vbs", "js", "jar", "ps1", "lnk", "scr", "pif", "docm", "xlsm",
    "pptm", "iso", "img", "vhd",
];

/// The shared-content domains a managed-URL domain covers: those it equals
/// or lies above on a label boundary (`google.com` covers
/// `docs.google.com`; `contoso.sharepoint.com` covers nothing).
pub fn covered_shared_domains(domain: &str) -> Vec<&'static str> {
    let d = crate::model::domain_key(domain);
    if d.is_empty() {
        return Vec::new();
    }
    SHARED_CONTENT_DOMAINS
        .iter()
        .copied()
        .filter(|s| crate::providers::is_same_or_subdomain(s, &d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_covers_the_services_at_or_below_it() {
        assert_eq!(
            covered_shared_domains("google.com"),
            ["docs.google.com", "drive.google.com", "sites.google.com"]
        );
        assert_eq!(
            covered_shared_domains("Drive.Google.com."),
            ["drive.google.com"]
        );
        assert!(covered_shared_domains("contoso.sharepoint.com").is_empty());
        assert!(covered_shared_domains("mybox.com").is_empty());
        assert!(covered_shared_domains("").is_empty());
        assert_eq!(covered_shared_domains("windows.net").len(), 2);
    }

    #[test]
    fn the_lists_are_lowercase_and_unique() {
        for list in [SHARED_CONTENT_DOMAINS, CORE_DANGEROUS_TYPES] {
            let mut v = list.to_vec();
            v.sort();
            v.dedup();
            assert_eq!(v.len(), list.len());
            assert!(list
                .iter()
                .all(|s| *s == s.to_ascii_lowercase() && !s.starts_with('.')));
        }
    }
}
