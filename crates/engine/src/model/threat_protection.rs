//! URL Protect, Attachment Protect, Attachment Management and managed URLs:
//! the definitions and lists the Targeted Threat Protection rules read
//! (their policies are common [`super::Policy`] records).

use super::Origin;

/// A URL Protect definition (console only).
#[derive(Debug, Clone, PartialEq)]
pub struct UrlProtectDefinition {
    /// The definition's id (or an id made from its content).
    pub id: String,
    /// *Definition Narrative*.
    pub description: String,
    /// *Enable Inbound Check*; `None` when not given.
    pub inbound_check: Option<bool>,
    /// *Rewrite Mode* (`aggressive`, `moderate`, `relaxed`; others kept),
    /// lowercase.
    pub rewrite_mode: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// An Attachment Protect definition (console only).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentProtectDefinition {
    /// The definition's id (or an id made from its content).
    pub id: String,
    /// *Definition Narrative*.
    pub description: String,
    /// Inbound settings enabled; `None` when not given.
    pub inbound_check: Option<bool>,
    /// How attachments are delivered (`safe_file`, `safe_file_on_demand`,
    /// `pre_emptive_sandbox`, `dynamic`; others kept), lowercase.
    pub delivery_option: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// The delivery options an Attachment Protect definition may have.
pub const DELIVERY_OPTIONS: &[&str] = &[
    "safe_file",
    "safe_file_on_demand",
    "pre_emptive_sandbox",
    "dynamic",
];

/// An Attachment Management definition: an Attachment Set (console only).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentManagementDefinition {
    /// The definition's id (or an id made from its content).
    pub id: String,
    /// *Description*.
    pub description: String,
    /// *Default Block / Allow* (`block_specified`, `allow_specified`;
    /// others kept), lowercase.
    pub default_action: Option<String>,
    /// An *Allow* set still blocks the Dangerous File Types list.
    pub block_dangerous_file_types: Option<bool>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// The default actions an Attachment Set may have.
pub const DEFAULT_ACTIONS: &[&str] = &["block_specified", "allow_specified"];

/// One managed URL (`get-all-managed-urls`).
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedUrl {
    /// The entry's id (or an id made from its content).
    pub id: String,
    /// The URL as given, or rebuilt from its parts.
    pub url: String,
    /// The host of the URL, lowercase, without a trailing dot (empty when
    /// none could be found).
    pub domain: String,
    /// *Override Type*: `block` or `permit` (others kept), lowercase.
    pub action: String,
    /// *Match Type*: `explicit` or `domain` (others kept), lowercase.
    pub match_type: String,
    /// *Disable Rewriting For This Entry*.
    pub disable_rewrite: bool,
    /// *Disable User Awareness*.
    pub disable_user_awareness: bool,
    /// Click logging is off for this entry.
    pub disable_log_click: bool,
    /// The administrator's comment.
    pub comment: String,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// The checklist's answers to "is this feature licensed?" (`licences`):
/// `None` where the question was not answered. An answer wins over what
/// the account's package names suggest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Licences {
    /// Is URL Protect licensed (`urlProtect`)?
    pub url_protect: Option<bool>,
    /// Is Attachment Protect licensed (`attachmentProtect`)?
    pub attachment_protect: Option<bool>,
    /// Where the answers sit in the input.
    pub origin: Origin,
}

/// The file types removed from Mimecast's Dangerous File Types list
/// (`dangerousFileTypes.removed`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DangerousFileTypes {
    /// Extensions, lowercase, without the leading dot, in input order.
    pub removed: Vec<String>,
    /// Where the list sits in the input (of its first part when several
    /// files gave one).
    pub origin: Origin,
}
