//! Merging what several files loaded into one model.
//!
//! The same record often arrives twice: the API 1.0 and 2.0 responses of
//! one call, overlapping pages, a saved bundle next to fresh raw files. A
//! record whose identity (its id, else its content id; a domain by name) is
//! already loaded is read once, with a note, when both copies say the same
//! thing. When they differ, both are kept (every rule sees both, so the
//! judgement is the conservative one: a finding from either copy counts)
//! and the file gets a warning naming the record. Findings about the two
//! copies keep distinct keys (the report numbers repeats).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::model::Tenant;
use crate::model::*;

/// What merging had to say about the records of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Records read once because an identical copy was already loaded.
    pub notes: Vec<String>,
    /// Records whose copies disagree (both kept).
    pub warnings: Vec<String>,
    /// Why the merged data looks like another customer's than what was
    /// already loaded (another account, or no internal domain in common).
    pub other_tenant: Option<String>,
}

/// A model record: where it came from, and what identifies it.
trait Record: Clone + PartialEq {
    fn origin(&self) -> &Origin;
    fn origin_mut(&mut self) -> &mut Origin;
    /// What identifies the record across files; `None`: nothing does.
    fn identity(&self) -> Option<Cow<'_, str>>;
}

macro_rules! record_by {
    ($($t:ty => |$r:ident| $id:expr;)*) => {$(
        impl Record for $t {
            fn origin(&self) -> &Origin {
                &self.origin
            }
            fn origin_mut(&mut self) -> &mut Origin {
                &mut self.origin
            }
            fn identity(&self) -> Option<Cow<'_, str>> {
                let $r = self;
                $id
            }
        }
    )*};
}

fn non_empty(s: &str) -> Option<Cow<'_, str>> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(Cow::Borrowed)
}

fn non_empty_owned<'a>(s: String) -> Option<Cow<'a, str>> {
    Some(s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(Cow::Owned)
}

record_by! {
    Policy => |r| r.id.as_deref().and_then(non_empty);
    InternalDomain => |r| non_empty_owned(domain_key(&r.domain));
    ImpersonationDefinition => |r| non_empty(&r.id);
    DnsAuthDefinition => |r| non_empty(&r.id);
    SpamDefinition => |r| non_empty(&r.id);
    Incident => |r| non_empty(&r.id);
    Connector => |r| non_empty(&r.id);
    DirectoryIntegration => |r| non_empty(&r.id);
    Group => |r| non_empty(&r.id);
    SyncTask => |r| non_empty(&r.name);
    ContinuityMonitor => |r| non_empty(&r.description);
    DnsRecords => |r| non_empty_owned(domain_key(&r.domain));
    AuditEvent => |r| non_empty(&r.id);
    UrlProtectDefinition => |r| non_empty(&r.id);
    AttachmentProtectDefinition => |r| non_empty(&r.id);
    AttachmentManagementDefinition => |r| non_empty(&r.id);
    ManagedUrl => |r| non_empty(&r.id);
    ManagedSender => |r| match r.id().and_then(non_empty) {
        Some(id) => Some(id),
        None => Some(Cow::Owned(format!("{}|{}|{:?}", r.sender(), r.to().to_ascii_lowercase(), r.kind))),
    };
    RemediationSettings => |_r| None;
    GroupMember => |r| non_empty_owned(r.email_address.to_ascii_lowercase())
        .or_else(|| non_empty_owned(domain_key(&r.domain)));
}

/// Equal apart from where they were read.
fn same<T: Record>(a: &T, b: &T) -> bool {
    let mut b = b.clone();
    *b.origin_mut() = a.origin().clone();
    *a == b
}

/// Appends `new` to `into`, reading a record once when an identical copy
/// is already there. `what` names the kind of record in remarks.
fn extend<T: Record>(into: &mut Vec<T>, mut new: Vec<T>, what: &str, out: &mut Merged) {
    // Records are moved, never copied: into an empty list, the new list
    // becomes it (on a big tenant, two lists of every record side by side
    // would be most of the peak memory).
    let start = into.len();
    if start == 0 {
        std::mem::swap(into, &mut new);
    } else {
        into.append(&mut new);
    }
    // Identities are indexed by their hash (a string each would be kept
    // for every record); a record found under a hash is compared again by
    // identity.
    let hash = |key: &str| {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
    };
    let mut index: HashMap<u64, usize> = HashMap::with_capacity(into.len());
    for (i, r) in into[..start].iter().enumerate() {
        if let Some(k) = r.identity() {
            index.insert(hash(&k), i);
        }
    }
    // Kept records are moved down to `kept`; the rest is cut off at the end.
    let mut kept = start;
    for i in start..into.len() {
        let key = into[i].identity();
        let found = key.as_deref().and_then(|k| {
            let at = *index.get(&hash(k))?;
            (into[at].identity().as_deref() == Some(k)).then_some(at)
        });
        let keep = match (&key, found) {
            (Some(key), Some(at)) if same(&into[at], &into[i]) => {
                out.notes.push(format!(
                    "{what} {key} at {} is also in {} ({}): read once",
                    into[i].origin().path,
                    into[at].origin().file,
                    into[at].origin().path
                ));
                false
            }
            (Some(key), Some(at)) => {
                out.warnings.push(format!(
                    "{what} {key} at {} differs from the copy in {} ({}): both are \
                     analysed, so a finding from either counts",
                    into[i].origin().path,
                    into[at].origin().file,
                    into[at].origin().path
                ));
                true
            }
            (Some(key), None) => {
                index.insert(hash(key), kept);
                true
            }
            (None, _) => true,
        };
        if keep {
            into.swap(kept, i);
            kept += 1;
        }
    }
    into.truncate(kept);
}

/// Administrator authentication from two inputs: each part (profile, IP
/// ranges, applications) comes from the first input that recorded it.
fn merge_admin(
    into: &mut Option<crate::model::AdminAuthentication>,
    from: Option<crate::model::AdminAuthentication>,
) {
    let Some(from) = from else { return };
    let Some(into) = into else {
        *into = Some(from);
        return;
    };
    into.profile = into.profile.take().or(from.profile);
    into.ip_ranges = into.ip_ranges.take().or(from.ip_ranges);
    into.api_applications = into.api_applications.take().or(from.api_applications);
}

/// Merges one loaded model into another (records appended, sections joined,
/// records already loaded read once).
pub fn merge(into: &mut Config, from: Config) -> Merged {
    let other_tenant = Tenant::of(into).differs_from(&Tenant::of(&from));
    let Config {
        generated_at,
        analysis_date,
        sections,
        internal_domains,
        policies,
        managed_senders,
        impersonation_definitions,
        dns_auth_definitions,
        spam_definitions,
        threat_remediation,
        sync_tasks,
        continuity_monitors,
        connectors,
        directory_integrations,
        groups,
        group_members,
        dns_records,
        audit_events,
        url_protect_definitions,
        attachment_protect_definitions,
        attachment_management_definitions,
        managed_urls,
        dangerous_file_types,
        licences,
        gateway_services,
        gateway_details,
        exchange_online,
        raw,
        account,
        acceptances,
        assignments,
        admin_authentication,
        internal_index: _,
    } = from;
    let mut out = Merged {
        other_tenant,
        ..Merged::default()
    };
    into.domains_changed();
    into.generated_at = into.generated_at.or(generated_at);
    into.analysis_date = into.analysis_date.or(analysis_date);
    into.account = super::normalize::merge_accounts(into.account.take(), account);
    merge_admin(&mut into.admin_authentication, admin_authentication);
    into.acceptances.extend(acceptances);
    into.assignments.extend(assignments);
    for (section, state) in sections {
        let target = into.sections.entry(section).or_default();
        target.incomplete |= state.incomplete;
        for s in state.sources {
            if !target.sources.contains(&s) {
                target.sources.push(s);
            }
        }
    }
    extend(
        &mut into.internal_domains,
        internal_domains,
        "internal domain",
        &mut out,
    );
    for (section, list) in policies {
        let what = format!("{} policy", section.title());
        extend(
            into.policies.entry(section).or_default(),
            list,
            &what,
            &mut out,
        );
    }
    extend(
        &mut into.managed_senders,
        managed_senders,
        "managed sender",
        &mut out,
    );
    let defs = &mut into.impersonation_definitions;
    extend(
        defs,
        impersonation_definitions,
        "Impersonation Protect definition",
        &mut out,
    );
    let defs = &mut into.dns_auth_definitions;
    extend(
        defs,
        dns_auth_definitions,
        "DNS Authentication definition",
        &mut out,
    );
    extend(
        &mut into.spam_definitions,
        spam_definitions,
        "spam scanning definition",
        &mut out,
    );
    match (
        &into.threat_remediation.settings,
        threat_remediation.settings,
    ) {
        (Some(old), Some(new)) if same(old, &new) => out.notes.push(format!(
            "Threat Remediation settings at {} are also in {}: read once",
            new.origin.path, old.origin.file
        )),
        (Some(old), Some(new)) => {
            out.warnings.push(format!(
                "Threat Remediation settings at {} differ from those in {}: the later file's \
                 are used",
                new.origin.path, old.origin.file
            ));
            into.threat_remediation.settings = Some(new);
        }
        (None, Some(new)) => into.threat_remediation.settings = Some(new),
        (_, None) => {}
    }
    if let Some(list) = threat_remediation.incidents {
        let incidents = into
            .threat_remediation
            .incidents
            .get_or_insert_with(Vec::new);
        extend(incidents, list, "remediation incident", &mut out);
    }
    extend(
        &mut into.sync_tasks,
        sync_tasks,
        "Sync & Recover task",
        &mut out,
    );
    let monitors = &mut into.continuity_monitors;
    extend(
        monitors,
        continuity_monitors,
        "continuity monitor",
        &mut out,
    );
    extend(&mut into.connectors, connectors, "connector", &mut out);
    let dirs = &mut into.directory_integrations;
    extend(
        dirs,
        directory_integrations,
        "directory integration",
        &mut out,
    );
    extend(&mut into.groups, groups, "profile group", &mut out);
    for (id, members) in group_members {
        let what = format!("member of group {id}");
        extend(
            into.group_members.entry(id).or_default(),
            members,
            &what,
            &mut out,
        );
    }
    extend(
        &mut into.dns_records,
        dns_records,
        "DNS records of",
        &mut out,
    );
    extend(
        &mut into.audit_events,
        audit_events,
        "audit event",
        &mut out,
    );
    // URL / Attachment Protect, Attachment Management, managed URLs.
    let defs = &mut into.url_protect_definitions;
    extend(
        defs,
        url_protect_definitions,
        "URL Protect definition",
        &mut out,
    );
    let defs = &mut into.attachment_protect_definitions;
    extend(
        defs,
        attachment_protect_definitions,
        "Attachment Protect definition",
        &mut out,
    );
    let defs = &mut into.attachment_management_definitions;
    extend(
        defs,
        attachment_management_definitions,
        "Attachment Set",
        &mut out,
    );
    extend(
        &mut into.managed_urls,
        managed_urls,
        "managed URL",
        &mut out,
    );
    match (&mut into.dangerous_file_types, dangerous_file_types) {
        (Some(old), Some(new)) => {
            for t in new.removed {
                if !old.removed.contains(&t) {
                    old.removed.push(t);
                }
            }
        }
        (slot, new) => *slot = slot.take().or(new),
    }
    // A later file's answer wins, question by question.
    match (&mut into.licences, licences) {
        (Some(old), Some(new)) => {
            old.url_protect = new.url_protect.or(old.url_protect);
            old.attachment_protect = new.attachment_protect.or(old.attachment_protect);
        }
        (slot, new) => *slot = slot.take().or(new),
    }
    services::merge(&mut into.gateway_services, gateway_services, &mut out);
    super::normalize::exchange::merge_gateway(into, gateway_details, exchange_online, &mut out);
    let duplicates = !out.notes.is_empty();
    for (section, r) in raw {
        let target = into.raw.entry(section).or_default();
        if duplicates {
            // A record given twice in the same shape is written once.
            let canonical = |r: &RawRecord| r.value().to_string();
            let mut seen: HashSet<String> = target.records.iter().map(canonical).collect();
            for record in r.records {
                if seen.insert(canonical(&record)) {
                    target.records.push(record);
                }
            }
        } else {
            target.records.extend(r.records);
        }
        target.fail.extend(r.fail);
        for (k, v) in r.keyed {
            match (target.keyed.get_mut(&k), v) {
                (Some(Value::Array(a)), Value::Array(b)) => {
                    for item in b {
                        if !a.contains(&item) {
                            a.push(item);
                        }
                    }
                }
                (_, v) => {
                    target.keyed.insert(k, v);
                }
            }
        }
    }
    out
}

mod services;
