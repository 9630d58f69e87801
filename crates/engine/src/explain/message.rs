//! The message description (the spec's section 2.1) as a user or a
//! scenario gives it. Every field is optional here so that a missing
//! required field is reported by name (section 2.3), never as a serde error.

use serde::{Deserialize, Serialize};

/// One inbound message, as described (before normalisation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MessageInput {
    /// SMTP MAIL FROM (P1); `""` or `"<>"` is the null sender. Required.
    pub envelope_from: Option<String>,
    /// The `From:` header address (P2). Required.
    pub header_from: Option<String>,
    /// The `From:` header's display name (default empty).
    pub header_display_name: Option<String>,
    /// The connecting IPv4 or IPv6 address. Required.
    pub sending_ip: Option<String>,
    /// The connecting host name; absent: hostname conditions are unknown.
    pub sending_hostname: Option<String>,
    /// One envelope recipient (RCPT TO). Required.
    pub recipient: Option<String>,
    /// When the message arrives (any date the engine reads); default: the
    /// analysis date.
    pub date: Option<String>,
    /// Authentication results; absent fields take their defaults.
    pub auth: Option<AuthInput>,
    /// The `Reply-To:` address; absent: no mismatch.
    pub reply_to: Option<String>,
    /// The spam score the content would get (default 0).
    pub spam_score: Option<f64>,
    /// Impersonation signals that need data outside the bundle.
    pub signals: Option<SignalsInput>,
}

/// `auth` of a message: each value as written (`derive`, `pass` …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuthInput {
    /// `derive` (default) `pass fail softfail neutral none temperror permerror unknown`.
    pub spf: Option<String>,
    /// `none` (default) `pass fail unknown`.
    pub dkim: Option<String>,
    /// The signing domain (default: the header From domain when DKIM passes).
    pub dkim_domain: Option<String>,
    /// `derive` (default) `pass fail none unknown`.
    pub dmarc: Option<String>,
}

/// `signals` of a message: `true`, `false`, `"unknown"`, or (for
/// `displayNameIsInternalUser`) `"derive"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SignalsInput {
    /// The sender domain was registered or first seen recently.
    pub newly_observed_domain: Option<serde_json::Value>,
    /// The content hits the targeted threat dictionary.
    pub threat_dictionary_hit: Option<serde_json::Value>,
    /// The display name is an internal user's name (`derive` by default).
    pub display_name_is_internal_user: Option<serde_json::Value>,
}

/// Why a message could not be explained (nothing was evaluated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    /// The field at fault (`sendingIp` …), or empty for the tenant data.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}
