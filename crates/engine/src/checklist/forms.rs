//! The forms, as data: one per console-only section, with the console's own
//! groups, labels and order (the shared console reference, `reference/console-paths.md`).
//! Where a label is not confirmed by a source, the field's help says so
//! with "(label may differ on your console)".

use super::{Choice, Field, FieldKind, Group, SectionForm};
use crate::model::Section;

mod wave2;

/// Every checklist form, in the order the checklist shows them.
pub fn forms() -> &'static [SectionForm] {
    FORMS
}

/// The form of one section, if it has one.
pub fn form(section: Section) -> Option<&'static SectionForm> {
    forms().iter().find(|f| f.section == section)
}

/// The types a policy target (Applies From / Applies To) may have: the API
/// target types, with the console's labels, in the console's order.
pub const TARGET_TYPES: &[Choice] = &[
    Choice {
        value: "everyone",
        label: "Everyone",
    },
    Choice {
        value: "internal_addresses",
        label: "Internal Addresses",
    },
    Choice {
        value: "external_addresses",
        label: "External Addresses",
    },
    Choice {
        value: "email_domain",
        label: "Email Domain",
    },
    Choice {
        value: "profile_group",
        label: "Profile Group",
    },
    Choice {
        value: "individual_email_address",
        label: "Individual Email Address",
    },
    Choice {
        value: "header_display_name",
        label: "Header Display Name",
    },
];

// ---------------------------------------------------------------------------
// Shared policy groups
// ---------------------------------------------------------------------------

const fn field(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    kind: FieldKind,
    required: bool,
) -> Field {
    Field {
        key,
        label,
        help,
        kind,
        required,
    }
}

const NARRATIVE: Field = field(
    "description",
    "Policy Narrative",
    "The policy's name as the policy list shows it.",
    FieldKind::Text,
    true,
);

const FROM_PART_CHOICES: &[Choice] = &[
    Choice {
        value: "envelope_from",
        label: "The Return Address (Mail Envelope From)",
    },
    Choice {
        value: "header_from",
        label: "The Message From Address (Message Header From)",
    },
    Choice {
        value: "both",
        label: "Both",
    },
];

const TARGET_HELP_FROM: &str = "Who the mail comes from. For Email Domain, Profile Group, Individual Email Address \
     or Header Display Name, also enter the value the console shows under Specifically. Header Display Name is \
     offered by the console on Impersonation Protection policies only.";
const TARGET_HELP_TO: &str = "Who the mail goes to. For Email Domain, Profile Group, Individual Email Address \
     or Header Display Name, also enter the value the console shows under Specifically. Header Display Name is \
     offered by the console on Impersonation Protection policies only.";

const EMAILS_FROM: Group = Group {
    title: "Emails From",
    fields: &[
        field(
            "fromPart",
            "Addresses Based On",
            "Which sender address the policy matches; the console's default (and what an empty value reads \
             as) is The Return Address. The wording of The Message From Address option is not confirmed \
             (label may differ on your console).",
            FieldKind::Select(FROM_PART_CHOICES),
            false,
        ),
        field("from", "Applies From", TARGET_HELP_FROM, FieldKind::Target, true),
    ],
};

const EMAILS_TO: Group = Group {
    title: "Emails To",
    fields: &[field(
        "to",
        "Applies To",
        TARGET_HELP_TO,
        FieldKind::Target,
        true,
    )],
};

const VALIDITY: Group = Group {
    title: "Validity",
    fields: &[
        field("enabled", "Enable/Disable", "Ticked: the policy is enabled.", FieldKind::Flag, false),
        field(
            "toEternal",
            "Set policy as perpetual",
            "Ticked (Always On): the policy never expires; leave the end of the Date Range empty. Untick it to \
             record the Date Range the console shows.",
            FieldKind::Flag,
            false,
        ),
        field(
            "fromDate",
            "Date Range (from)",
            "The first day the policy applies, YYYY-MM-DD. Leave empty when it has no start date.",
            FieldKind::Date,
            false,
        ),
        field(
            "toDate",
            "Date Range (to)",
            "The last day the policy applies, YYYY-MM-DD; needed when the policy is not perpetual.",
            FieldKind::Date,
            false,
        ),
        field("override", "Policy Override", "Ticked: the policy is considered before equally specific policies.", FieldKind::Flag, false),
        field("bidirectional", "Bi-Directional", "Ticked: the policy also applies with from and to reversed.", FieldKind::Flag, false),
        field(
            "sourceIPs",
            "Source IP Ranges (n.n.n.n/x)",
            "One range per line, e.g. 203.0.113.0/24; a single address may be written without /32. Leave empty \
             when the policy is not limited to source addresses.",
            FieldKind::Cidrs,
            false,
        ),
    ],
};

// ---------------------------------------------------------------------------
// Permitted Senders
// ---------------------------------------------------------------------------

const PERMITTED_OPTIONS: &[Choice] = &[
    Choice {
        value: "permit_sender",
        label: "Permit Sender",
    },
    Choice {
        value: "no_action",
        label: "Take No Action",
    },
];

const PERMITTED_SENDER_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "option",
                "Permitted Sender Policy",
                "The Select Option drop-down. Take No Action makes an exception to a broader permit \
                 (label may differ on your console).",
                FieldKind::Select(PERMITTED_OPTIONS),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// Managed Senders
// ---------------------------------------------------------------------------

const MANAGED_TYPES: &[Choice] = &[
    Choice {
        value: "Permit",
        label: "Permitted",
    },
    Choice {
        value: "Block",
        label: "Blocked",
    },
    Choice {
        value: "AutoAllow",
        label: "Auto Allow",
    },
];

const MANAGED_SENDER: &[Group] = &[Group {
    title: "Managed Sender",
    fields: &[
        field(
            "sender",
            "Sender",
            "The sender's address, or a whole domain (example.com, @example.com, *@example.com).",
            FieldKind::Text,
            true,
        ),
        field("to", "Recipient", "The user whose list holds the entry (label may differ on your console).", FieldKind::Text, false),
        field(
            "type",
            "Type",
            "The list the entry is on, as the View menu filters it: permitted, blocked or auto-allow \
             (label may differ on your console).",
            FieldKind::Select(MANAGED_TYPES),
            true,
        ),
        field(
            "source",
            "Source",
            "How the entry was made, e.g. digest or outlook-addin (label may differ on your console).",
            FieldKind::Text,
            false,
        ),
        field(
            "expires",
            "Expires",
            "When an auto-allow entry lapses (120 days without outbound mail to the address); manual entries \
             never expire (label may differ on your console).",
            FieldKind::Date,
            false,
        ),
    ],
}];

// ---------------------------------------------------------------------------
// Impersonation Protect
// ---------------------------------------------------------------------------

const IMPERSONATION_ACTIONS: &[Choice] = &[
    Choice {
        value: "none",
        label: "None",
    },
    Choice {
        value: "hold",
        label: "Hold for Review",
    },
    Choice {
        value: "bounce",
        label: "Bounce",
    },
];

const IMPERSONATION_DEFINITION: &[Group] = &[
    Group {
        title: "Identifier Settings",
        fields: &[
            field("description", "Description", "The definition's name, as policies list it.", FieldKind::Text, true),
            field("identifiers.similar_internal_domain", "Similar Internal Domain", "", FieldKind::Flag, false),
            field(
                "identifiers.newly_observed_domain",
                "Newly Observed Domain",
                "Does not mean newly registered domains.",
                FieldKind::Flag,
                false,
            ),
            field(
                "identifiers.internal_user_name",
                "Display Name",
                "With All Internal Display Names and Custom Display Names; older consoles call it Internal User Name.",
                FieldKind::Flag,
                false,
            ),
            field(
                "identifiers.reply_address_mismatch",
                "Reply-to Address Mismatch",
                "Older consoles: Reply to Address Mismatch.",
                FieldKind::Flag,
                false,
            ),
            field(
                "identifiers.targeted_threat_dictionary",
                "Targeted Threat Dictionary",
                "With Mimecast Threat Dictionary and Custom Threat Dictionary.",
                FieldKind::Flag,
                false,
            ),
            field(
                "hitThreshold",
                "Number of Hits",
                "How many identifiers must match before the action is taken; the default is 2, and 1 is usual \
                 for VIP definitions.",
                FieldKind::Number { min: 1, max: 10 },
                true,
            ),
            field(
                "bypassManagedAndPermittedSenders",
                "Bypass Managed & Permitted Senders",
                "Ticked: senders on managed or permitted lists are not checked (label may differ on your console).",
                FieldKind::Flag,
                false,
            ),
        ],
    },
    Group {
        title: "Identifier Actions",
        fields: &[
            field(
                "action",
                "Action",
                "What happens to a message that reaches the Number of Hits. Bounce is named in the older \
                 console's overview (label may differ on your console).",
                FieldKind::Select(IMPERSONATION_ACTIONS),
                false,
            ),
            field("tagBody", "Tag Message Body", "Ticked: a warning is added to the message body.", FieldKind::Flag, false),
            field(
                "tagSubject",
                "Tag Subject",
                "Ticked: a tag such as [SUSPICIOUS MESSAGE] is added to the subject.",
                FieldKind::Flag,
                false,
            ),
            field("tagHeader", "Tag Header", "Ticked: a header is added to the message.", FieldKind::Flag, false),
        ],
    },
    Group {
        title: "Notifications",
        fields: &[field("notifyGroup", "Notify Group", "The group told about detections; empty for none.", FieldKind::Text, false)],
    },
];

const IMPERSONATION_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Select Option",
                "The Impersonation Protection definition this policy applies.",
                FieldKind::Reference(Section::ImpersonationDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

const IMPERSONATION_BYPASS_OPTIONS: &[Choice] = &[
    Choice {
        value: "no_action",
        label: "Take no action",
    },
    Choice {
        value: "disable_impersonation_protect",
        label: "Disable Impersonation Protect",
    },
];

const IMPERSONATION_BYPASS_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "option",
                "Select Option",
                "The options of the 2017 console; newer consoles may show a lookup of Impersonation Protection \
                 definitions instead (label may differ on your console).",
                FieldKind::Select(IMPERSONATION_BYPASS_OPTIONS),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// DNS Authentication - Inbound
// ---------------------------------------------------------------------------

const AUTH_ACTIONS: &[Choice] = &[
    Choice {
        value: "no_action",
        label: "Take No Action",
    },
    Choice {
        value: "ignore_permitted",
        label: "Ignore Managed/Permitted Sender Entries",
    },
    Choice {
        value: "reject",
        label: "Reject",
    },
];

const DMARC_ACTIONS: &[Choice] = &[
    Choice {
        value: "no_action",
        label: "Take No Action",
    },
    Choice {
        value: "ignore_permitted",
        label: "Ignore Managed/Permitted Sender Entries",
    },
    Choice {
        value: "reject",
        label: "Reject",
    },
    Choice {
        value: "honor_dmarc_record",
        label: "Honor DMARC Record",
    },
];

const DNS_AUTH_DEFINITION: &[Group] = &[
    Group {
        title: "DNS Authentication - Inbound Check Properties",
        fields: &[field("description", "Description", "The definition's name, as policies list it.", FieldKind::Text, true)],
    },
    Group {
        title: "SPF",
        fields: &[
            field("spf.enabled", "Verify SPF for Inbound Mail", "Ticked: Enabled.", FieldKind::Flag, false),
            field(
                "spf.failAction",
                "SPF Fail",
                "The action for mail that fails SPF (label may differ on your console).",
                FieldKind::Select(AUTH_ACTIONS),
                false,
            ),
            field(
                "spf.softFailAction",
                "SPF Soft Fail",
                "The action for an SPF soft fail (~all) (label may differ on your console).",
                FieldKind::Select(AUTH_ACTIONS),
                false,
            ),
        ],
    },
    Group {
        title: "DKIM",
        fields: &[
            field("dkim.enabled", "Verify DKIM for Inbound Mail", "Ticked: Enabled.", FieldKind::Flag, false),
            field(
                "dkim.failAction",
                "DKIM Fail",
                "The action for mail that fails DKIM (label may differ on your console).",
                FieldKind::Select(AUTH_ACTIONS),
                false,
            ),
        ],
    },
    Group {
        title: "DMARC",
        fields: &[
            field("dmarc.enabled", "Verify DMARC for Inbound Mail", "Ticked: Enabled.", FieldKind::Flag, false),
            field(
                "dmarc.failAction",
                "DMARC Fail",
                "The action for mail that fails DMARC. Honor DMARC Record follows the sender's policy: \
                 p=quarantine holds, p=reject rejects (label may differ on your console).",
                FieldKind::Select(DMARC_ACTIONS),
                false,
            ),
        ],
    },
];

const DNS_AUTH_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Select Option",
                "The DNS Authentication - Inbound definition this policy applies.",
                FieldKind::Reference(Section::DnsAuthInboundDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// Spam Scanning
// ---------------------------------------------------------------------------

const SPAM_LEVELS: &[Choice] = &[
    Choice {
        value: "relaxed",
        label: "Relaxed",
    },
    Choice {
        value: "moderate",
        label: "Moderate",
    },
    Choice {
        value: "aggressive",
        label: "Aggressive",
    },
];

const SPAM_ACTIONS: &[Choice] = &[
    Choice {
        value: "do_nothing",
        label: "Do Nothing",
    },
    Choice {
        value: "hold_for_review",
        label: "Hold for Review",
    },
    Choice {
        value: "reject",
        label: "Reject",
    },
];

const SPAM_DEFINITION: &[Group] = &[
    Group {
        title: "Spam Scanning",
        fields: &[
            field("description", "Description", "The definition's name, as policies list it.", FieldKind::Text, true),
            field(
                "level",
                "Spam Detection Level",
                "Spam scores held: Relaxed 7–27, Moderate 5–27, Aggressive 3–27; 28 or more is always rejected.",
                FieldKind::Select(SPAM_LEVELS),
                false,
            ),
        ],
    },
    Group {
        title: "Actions",
        fields: &[
            field(
                "spamAction",
                "Spam Detection Action",
                "What happens to spam. Do Nothing may read \"tag the headers – do nothing\" \
                 (label may differ on your console).",
                FieldKind::Select(SPAM_ACTIONS),
                false,
            ),
            field(
                "autoAllowSpamAction",
                "Auto Allow Spam Detection Action",
                "What happens to spam from auto-allowed senders. Do Nothing may read \"tag the headers – do \
                 nothing\" (label may differ on your console).",
                FieldKind::Select(SPAM_ACTIONS),
                false,
            ),
            field(
                "permittedSenderSpamAction",
                "Permitted Sender Spam Detection Action",
                "What happens to spam from permitted senders. Do Nothing may read \"tag the headers – do \
                 nothing\" (label may differ on your console).",
                FieldKind::Select(SPAM_ACTIONS),
                false,
            ),
        ],
    },
];

const SPAM_POLICY: &[Group] = &[
    Group {
        title: "Options",
        fields: &[
            NARRATIVE,
            field(
                "definitionId",
                "Select Option",
                "The Spam Scanning definition this policy applies; older consoles label it Select Message Scan \
                 (label may differ on your console).",
                FieldKind::Reference(Section::SpamScanningDefinitions),
                true,
            ),
        ],
    },
    EMAILS_FROM,
    EMAILS_TO,
    VALIDITY,
];

// ---------------------------------------------------------------------------
// Threat Remediation, Sync & Recover, Continuity
// ---------------------------------------------------------------------------

const REMEDIATION_MODES: &[Choice] = &[
    Choice {
        value: "automatic",
        label: "Automatic",
    },
    Choice {
        value: "notify_only",
        label: "Notify Only",
    },
];

const THREAT_REMEDIATION: &[Group] = &[Group {
    title: "Settings",
    fields: &[
        field("enabled", "Status: enabled", "Ticked when the Settings tab shows the Status as enabled.", FieldKind::Flag, false),
        field(
            "mode",
            "Mode",
            "Automatic remediation, or notification only (label may differ on your console).",
            FieldKind::Select(REMEDIATION_MODES),
            false,
        ),
        field(
            "notifyGroup",
            "Notification Group",
            "The administrator group emailed when a remediation runs (label may differ on your console).",
            FieldKind::Text,
            false,
        ),
    ],
}];

const SYNC_PLATFORMS: &[Choice] = &[
    Choice {
        value: "microsoft",
        label: "Microsoft 365",
    },
    Choice {
        value: "google",
        label: "Google Workspace",
    },
    Choice {
        value: "exchange",
        label: "Exchange (on-premises)",
    },
];

const SYNC_STATES: &[Choice] = &[
    Choice {
        value: "Enabled",
        label: "Enabled",
    },
    Choice {
        value: "Disabled",
        label: "Disabled",
    },
    Choice {
        value: "Initializing",
        label: "Initializing",
    },
    Choice {
        value: "Configuration Issue",
        label: "Configuration Issue",
    },
    Choice {
        value: "Needs Attention",
        label: "Needs Attention",
    },
    Choice {
        value: "Enabled With Warning",
        label: "Enabled With Warning (older console)",
    },
    Choice {
        value: "Enabled With Errors",
        label: "Enabled With Errors (older console)",
    },
    Choice {
        value: "Failed",
        label: "Failed (older console)",
    },
];

const SYNC_TASK: &[Group] = &[
    Group {
        title: "Connector",
        fields: &[
            field(
                "connectorId",
                "Server Connection",
                "The connector the task uses: its id from the connectors export if you have one, else its name.",
                FieldKind::Text,
                false,
            ),
            field(
                "platform",
                "Platform",
                "Not a console field: the mail platform the task backs up.",
                FieldKind::Select(SYNC_PLATFORMS),
                false,
            ),
        ],
    },
    Group {
        title: "Task Details",
        fields: &[
            field("name", "Task Name", "", FieldKind::Text, true),
            field("group", "Group", "The group of users whose mailboxes the task covers.", FieldKind::Text, false),
        ],
    },
    Group {
        title: "Status",
        fields: &[field(
            "state",
            "Task State",
            "As the task list shows it; older consoles call the column Task Status.",
            FieldKind::Select(SYNC_STATES),
            true,
        )],
    },
];

const MONITOR_STATUSES: &[Choice] = &[
    Choice {
        value: "Active",
        label: "Active",
    },
    Choice {
        value: "Inactive",
        label: "Inactive",
    },
];

const CONTINUITY_MONITOR: &[Group] = &[
    Group {
        title: "Mail Server Monitoring",
        fields: &[
            field("status", "Status", "Shown when editing an existing monitor.", FieldKind::Select(MONITOR_STATUSES), true),
            field("description", "Description", "", FieldKind::Text, true),
            field(
                "inboundCheck",
                "Enable Inbound Check",
                "Ticked: inbound delivery through the monitor's Delivery Route is checked.",
                FieldKind::Flag,
                false,
            ),
            field(
                "outboundCheck",
                "Enable Outbound Check",
                "Ticked: a sending mailbox sends test mail (label may differ on your console).",
                FieldKind::Flag,
                false,
            ),
            field(
                "platform",
                "Platform",
                "Not a console field: the mail platform the monitor watches.",
                FieldKind::Select(SYNC_PLATFORMS),
                false,
            ),
        ],
    },
    Group {
        title: "Notifications",
        fields: &[
            field(
                "notify.emailGroup",
                "Email Notification Group",
                "The group of email addresses alerted on an outage (label may differ on your console).",
                FieldKind::Text,
                false,
            ),
            field(
                "notify.smsNumbers",
                "SMS Numbers",
                "One phone number per line, e.g. +15555550100 (label may differ on your console).",
                FieldKind::Lines,
                false,
            ),
        ],
    },
];

// ---------------------------------------------------------------------------
// The forms
// ---------------------------------------------------------------------------

const fn list(section: Section, item: &'static str, groups: &'static [Group]) -> SectionForm {
    SectionForm {
        section,
        repeating: true,
        item,
        groups,
        object_key: "",
    }
}

static FORMS: &[SectionForm] = &[
    list(
        Section::PermittedSenderPolicies,
        "policy",
        PERMITTED_SENDER_POLICY,
    ),
    list(Section::ManagedSenders, "entry", MANAGED_SENDER),
    list(
        Section::ImpersonationDefinitions,
        "definition",
        IMPERSONATION_DEFINITION,
    ),
    list(
        Section::ImpersonationPolicies,
        "policy",
        IMPERSONATION_POLICY,
    ),
    list(
        Section::ImpersonationBypassPolicies,
        "policy",
        IMPERSONATION_BYPASS_POLICY,
    ),
    list(
        Section::DnsAuthInboundDefinitions,
        "definition",
        DNS_AUTH_DEFINITION,
    ),
    list(Section::DnsAuthInboundPolicies, "policy", DNS_AUTH_POLICY),
    list(
        Section::SpamScanningDefinitions,
        "definition",
        SPAM_DEFINITION,
    ),
    list(Section::SpamScanningPolicies, "policy", SPAM_POLICY),
    SectionForm {
        section: Section::ThreatRemediation,
        repeating: false,
        item: "settings",
        groups: THREAT_REMEDIATION,
        object_key: "settings",
    },
    list(Section::SyncRecoverTasks, "task", SYNC_TASK),
    list(Section::ContinuityMonitors, "monitor", CONTINUITY_MONITOR),
    wave2::URL_PROTECT_DEFINITIONS,
    wave2::URL_PROTECT_POLICIES,
    wave2::URL_PROTECT_BYPASS_POLICIES,
    wave2::ATTACHMENT_PROTECT_DEFINITIONS,
    wave2::ATTACHMENT_PROTECT_POLICIES,
    wave2::ATTACHMENT_PROTECT_BYPASS_POLICIES,
    wave2::ATTACHMENT_MANAGEMENT_DEFINITIONS,
    wave2::ATTACHMENT_MANAGEMENT_POLICIES,
    wave2::DANGEROUS_FILE_TYPES_FORM,
    wave2::ADMIN_AUTHENTICATION_FORM,
    wave2::LICENCES_FORM,
];
