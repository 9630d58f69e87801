//! Administrator authentication and API 2.0 applications
//! (`adminAuthentication`, recorded from the console).

use super::Origin;

/// The `adminAuthentication` section: the Default Administrator
/// Authentication Profile, the Admin IP Ranges and the API 2.0
/// applications. Each part is `None` when it was not recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdminAuthentication {
    /// The Default Administrator Authentication Profile, when recorded.
    pub profile: Option<AdminProfile>,
    /// Admin IP Ranges (CIDR text as given), when recorded.
    pub ip_ranges: Option<Vec<String>>,
    /// API 2.0 applications, when recorded (empty: recorded, none).
    pub api_applications: Option<Vec<ApiApplication>>,
}

/// The Default Administrator Authentication Profile
/// (`adminAuthentication.adminProfile`).
#[derive(Debug, Clone, PartialEq)]
pub struct AdminProfile {
    /// Whether the profile exists, when recorded.
    pub exists: Option<bool>,
    /// Two-Step Authentication is on, when recorded.
    pub two_step: Option<bool>,
    /// How verification codes are delivered, normalised to lowercase with
    /// `_` (`email`, `sms`, `third_party_app`; other values kept).
    pub two_step_method: Option<String>,
    /// SAML is enforced for administrators, when recorded.
    pub enforce_saml: Option<bool>,
    /// The identity provider, when recorded.
    pub saml_provider: Option<String>,
    /// Where the profile sits in the input.
    pub origin: Origin,
}

/// One API 2.0 application (`adminAuthentication.apiApplications[]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiApplication {
    /// Application Name (the record's path when missing).
    pub name: String,
    /// Application Role, as given, when recorded.
    pub role: Option<String>,
    /// Products the application may use.
    pub products: Vec<String>,
    /// Description, when given.
    pub description: Option<String>,
    /// Whether the application is enabled, when recorded.
    pub enabled: Option<bool>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// Built-in Mimecast roles with full administrative power: an API
/// application should never hold one of them (ADM002). Compared trimmed,
/// case-insensitively, with runs of spaces read as one.
pub const BROAD_ADMIN_ROLES: &[&str] = &[
    "Super Administrator",
    "Partner Administrator",
    "Full Administrator",
];

impl ApiApplication {
    /// The built-in full-power role this application holds, if any.
    pub fn broad_role(&self) -> Option<&'static str> {
        let role = self.role.as_deref()?;
        let norm = role.split_whitespace().collect::<Vec<_>>().join(" ");
        BROAD_ADMIN_ROLES
            .iter()
            .copied()
            .find(|r| r.eq_ignore_ascii_case(&norm))
    }
}
