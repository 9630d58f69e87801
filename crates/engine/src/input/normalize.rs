//! Raw wire records → the normalized model.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::detect::{policy_body, shown};
use super::lists::records_or_one;
use super::raw::{RawDomain, RawPolicy, RawTarget, Text};
use super::{FileStatus, InputError, Skipped};
use crate::model::{
    parse_date, Config, FromPart, InternalDomain, IpRange, Origin, Policy, PolicyOption, RawRecord,
    Section, Target, Validity,
};

/// Reads a bundle file (`"format": "mimecast-config-bundle"`).
pub fn bundle(
    value: &mut Value,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    bundle_head(value, config, status)?;
    let mut present = false;
    for &s in Section::ALL {
        let Some(list) = value.get_mut(s.key()) else {
            continue;
        };
        present = true;
        let read = section(s, list, s.key(), file, config, status);
        bundle_section(s, read, config, status);
    }
    bundle_end(present, status);
    Ok(())
}

/// Reads what a bundle says besides its sections: its version, accepted
/// risks, assignments, dates and account. `value` may hold the sections
/// too; they are not read here.
pub fn bundle_head(
    value: &Value,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(v) => {
            return Err(InputError::plain(format!(
                "bundle version {v} is not supported (this tool reads version 1)"
            )))
        }
        None => {
            return Err(InputError {
                path: Some("version".into()),
                ..InputError::plain("bundle has no numeric `version`")
            })
        }
    }
    if let Some(list) = value.get("acceptances") {
        match serde_path_to_error::deserialize::<_, Vec<crate::model::Acceptance>>(list) {
            Ok(a) => config.acceptances = a,
            Err(e) => status.warnings.push(format!(
                "acceptances.{}: {}; accepted risks were not read",
                e.path(),
                e.inner()
            )),
        }
    }
    if let Some(list) = value.get("assignments") {
        match serde_path_to_error::deserialize::<_, Vec<crate::model::Assignment>>(list) {
            Ok(a) => config.assignments = a,
            Err(e) => status.warnings.push(format!(
                "assignments.{}: {}; owners and due dates were not read",
                e.path(),
                e.inner()
            )),
        }
    }
    if let Some(text) = value
        .pointer("/assessment/analysisDate")
        .and_then(Value::as_str)
    {
        match parse_date(text) {
            Ok(d) => config.analysis_date = Some(d),
            Err(e) => status
                .warnings
                .push(format!("assessment.analysisDate: {}", e.0)),
        }
    }
    if let Some(account) = value.get("account").and_then(packages::bundle_account) {
        config.account = Some(account);
    }
    if let Some(text) = value.get("generatedAt").and_then(Value::as_str) {
        match parse_date(text) {
            Ok(d) => config.generated_at = Some(d),
            Err(e) => status.warnings.push(format!("generatedAt: {}", e.0)),
        }
    }
    Ok(())
}

/// After one section of a bundle was read: a section that could not be
/// read is dropped on its own, with what went wrong; the bundle's other
/// sections still load.
pub fn bundle_section(
    s: Section,
    read: Result<(), InputError>,
    config: &mut Config,
    status: &mut FileStatus,
) {
    if let Err(e) = read {
        config.remove_section(s);
        status.sections.retain(|x| *x != s);
        status.warnings.push(format!(
            "{} was not read (the rest of the bundle was): {e}",
            s.key()
        ));
    }
}

/// After every section of a bundle: says so when there was none.
pub fn bundle_end(present: bool, status: &mut FileStatus) {
    if !present {
        status
            .warnings
            .push("the bundle holds no section this tool reads".into());
    }
}

/// Reads a `get-account` response into the model's `account`. Fields that
/// are secret or personal (the passphrase, contact and administrator
/// addresses) are left out: no rule reads them, and a saved bundle should
/// not carry them.
pub fn account(value: &Value, config: &mut Config, status: &mut FileStatus) {
    let Some(list) = records_or_one(value, "") else {
        return;
    };
    let problems = list.problems();
    if !problems.is_empty() {
        status.warnings.push(format!(
            "account: the API reported a failure ({})",
            problems.join(", ")
        ));
    }
    let products = packages::product_names(list.items.iter().map(|(_, v)| *v));
    if !products.is_empty() {
        let mut account = match config.account.take() {
            Some(Value::Object(a)) => a,
            _ => serde_json::Map::new(),
        };
        packages::add_packages(&mut account, products);
        config.account = Some(Value::Object(account));
        status.notes.push(
            "read into `account.packages` (the product names of a get-packages response)".into(),
        );
        return;
    }
    let Some((path, Value::Object(record))) = list.items.first() else {
        return;
    };
    let kept: serde_json::Map<String, Value> = record
        .iter()
        .filter(|(k, _)| !is_private_account_field(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    config.account = Some(Value::Object(kept));
    status.notes.push(format!(
        "read into `account` (a get-account response, record at {})",
        super::detect::shown(path)
    ));
    if list.items.len() > 1 {
        status.warnings.push(format!(
            "account: {} records; only the first was read",
            list.items.len()
        ));
    }
}

fn is_private_account_field(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k == "passphrase" || k.starts_with("contact") || k == "adminemail"
}

/// Reads one section into the model.
pub fn section(
    s: Section,
    value: &mut Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    match s {
        Section::GroupMembers => return keyed::group_members(value, base, file, config, status),
        Section::DnsRecords => return keyed::dns_records(value, base, file, config, status),
        Section::ThreatRemediation => {
            return keyed::threat_remediation(value, base, file, config, status)
        }
        Section::GatewayDetails => {
            return gateway::gateway_details(value, base, file, config, status)
        }
        Section::ExchangeOnline => {
            return exchange::exchange_online(value, base, file, config, status)
        }
        _ => {}
    }
    if s.shape() == crate::model::Shape::Object && value.as_object().is_some_and(|o| o.is_empty()) {
        // A settings form saved with nothing filled in is still one record.
        *value = Value::Array(vec![Value::Object(serde_json::Map::new())]);
    }
    let doc = &*value;
    let list = records_or_one(doc, base).ok_or_else(|| InputError {
        path: (!base.is_empty()).then(|| base.to_string()),
        ..InputError::plain(format!(
            "{}: expected a list of records (an API response, or an array), found {}",
            s.key(),
            kind_of(doc)
        ))
    })?;
    let problems = list.problems();
    let bad_status = list.bad_status.is_some();
    let items = expand_nested(s, list.items, status);
    let read = read_list(s, &items, file, config, status)?;
    let read: Vec<usize> = read.into_iter().map(address).collect();
    let fail = doc
        .get("fail")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // Kept so that a saved bundle still says the call failed.
    let meta = doc.get("meta").filter(|_| bad_status).cloned();
    // The records read are moved out of the parsed document into the raw
    // copy (never cloned: on a big tenant that copy is most of the memory).
    let records = take_all(value, &read);
    let raw = config.raw.entry(s).or_default();
    raw.records
        .extend(records.iter().map(RawRecord::from_value));
    raw.fail.extend(fail);
    if let Some(meta) = meta {
        raw.keyed.insert("meta".into(), meta);
    }
    finish(s, file, &problems, config, status);
    Ok(())
}

/// Where a value lies in memory: it names a record of the parsed document
/// between reading it and taking it out (never dereferenced).
pub(super) fn address(v: &Value) -> usize {
    v as *const Value as usize
}

/// Takes the values at `addresses` out of `value` (leaving nulls), in the
/// order of `addresses`. A value asked for twice, or lying inside another
/// one asked for, is cloned, so every one comes back whole.
pub(super) fn take_all(value: &mut Value, addresses: &[usize]) -> Vec<Value> {
    let wanted: HashSet<usize> = addresses.iter().copied().collect();
    let mut taken = HashMap::with_capacity(addresses.len());
    take_into(value, &wanted, &mut taken);
    if taken.len() < wanted.len() {
        // Moving a value keeps its items where they are: those asked for
        // inside a value taken are cloned from it.
        let mut inside = HashMap::new();
        for v in taken.values() {
            clone_inside(v, &wanted, &mut inside);
        }
        taken.extend(inside);
    }
    let twice = wanted.len() != addresses.len();
    addresses
        .iter()
        .map(|a| match taken.get_mut(a) {
            Some(slot) if twice => slot.clone(),
            Some(slot) => std::mem::take(slot),
            None => Value::Null,
        })
        .collect()
}

fn take_into(v: &mut Value, wanted: &HashSet<usize>, taken: &mut HashMap<usize, Value>) {
    if taken.len() == wanted.len() {
        return;
    }
    let at = address(v);
    if wanted.contains(&at) {
        taken.insert(at, std::mem::take(v));
        return;
    }
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| take_into(i, wanted, taken)),
        Value::Object(map) => map.values_mut().for_each(|i| take_into(i, wanted, taken)),
        _ => {}
    }
}

fn clone_inside(v: &Value, wanted: &HashSet<usize>, taken: &mut HashMap<usize, Value>) {
    let inner: Box<dyn Iterator<Item = &Value>> = match v {
        Value::Array(items) => Box::new(items.iter()),
        Value::Object(map) => Box::new(map.values()),
        _ => return,
    };
    for i in inner {
        if wanted.contains(&address(i)) {
            taken.insert(address(i), i.clone());
        }
        clone_inside(i, wanted, taken);
    }
}

/// What a JSON value is, for messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(m) if m.is_empty() => "an empty object",
        Value::Object(_) => "an object",
    }
}

/// API 1.0 directory calls wrap their list one level deeper
/// (`data[0].folders[]`, `data[0].groupMembers[]`). A wrapper whose inner
/// list is not a list gives a warning naming it, and no record.
pub fn expand_nested<'a>(
    s: Section,
    items: Vec<(String, &'a Value)>,
    status: &mut FileStatus,
) -> Vec<(String, &'a Value)> {
    let key = match s {
        Section::Groups => "folders",
        Section::GroupMembers => "groupMembers",
        _ => return items,
    };
    let mut out = Vec::new();
    for (path, item) in items {
        match item.get(key) {
            Some(Value::Array(inner)) => out.extend(
                inner
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (join(&path, &format!("{key}[{i}]")), v)),
            ),
            Some(Value::Null) => {}
            Some(other) => status.warnings.push(format!(
                "{}: expected a list of {}, found {}; nothing was read from it",
                join(&path, key),
                if s == Section::Groups {
                    "groups"
                } else {
                    "members"
                },
                kind_of(other)
            )),
            None => out.push((path, item)),
        }
    }
    out
}

/// `base.key`, or `key` alone at the top level.
pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// Reads each record of a list section; returns the raw records that were
/// read. Fails only when there were records and none could be read.
pub fn read_list<'a>(
    s: Section,
    items: &[(String, &'a Value)],
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<Vec<&'a Value>, InputError> {
    let before = status.warnings.len();
    let mut read = Vec::new();
    for (path, item) in items {
        let ok = if s.is_policy() {
            policy(s, item, path, file, status)
                .map(|p| config.policies.entry(s).or_default().push(p))
        } else {
            record(s, item, path, file, config, status)
        };
        match ok {
            Ok(()) => read.push(*item),
            Err(w) => status.warnings.push(w.0),
        }
    }
    if read.is_empty() && !items.is_empty() {
        let first = status.warnings.get(before).cloned().unwrap_or_default();
        return Err(InputError {
            path: items
                .first()
                .map(|(p, _)| p.clone())
                .filter(|p| !p.is_empty()),
            ..InputError::plain(format!("no record could be read: {first}"))
        });
    }
    Ok(read)
}

fn record(
    s: Section,
    item: &Value,
    path: &str,
    file: &std::sync::Arc<str>,
    c: &mut Config,
    status: &mut FileStatus,
) -> Result<(), Skipped> {
    use super::records as r;
    let rec = r::Rec {
        text: None,
        item,
        path,
        file,
        status,
    };
    match s {
        Section::InternalDomains => c
            .internal_domains
            .push(domain(item, path, file, rec.status)?),
        Section::ManagedSenders => c.managed_senders.push(r::managed_sender(rec)?),
        Section::ImpersonationDefinitions => c
            .impersonation_definitions
            .push(r::impersonation_definition(rec)?),
        Section::DnsAuthInboundDefinitions => {
            c.dns_auth_definitions.push(r::dns_auth_definition(rec)?)
        }
        Section::SpamScanningDefinitions => c.spam_definitions.push(r::spam_definition(rec)?),
        Section::SyncRecoverTasks => c.sync_tasks.push(r::sync_task(rec)?),
        Section::ContinuityMonitors => c.continuity_monitors.push(r::continuity_monitor(rec)?),
        Section::Connectors => c.connectors.push(r::connector(rec)?),
        Section::DirectoryIntegrations => c
            .directory_integrations
            .push(r::directory_integration(rec)?),
        Section::Groups => c.groups.push(r::group(rec)?),
        Section::AuditEvents => c.audit_events.push(r::audit_event(rec)?),
        // Wave 2, group A: arms below.

        // Wave 2, group B: arms below.
        Section::DnsAuthOutboundDefinitions
        | Section::JournalingServices
        | Section::AddressAlterationSets
        | Section::AddressAlterationDefinitions => {
            return services::record(s, item, path, file, c, rec.status)
        }

        // Wave 2, group C: arms below.
        Section::UrlProtectDefinitions => c
            .url_protect_definitions
            .push(super::ttp::url_protect_definition(rec)?),
        Section::AttachmentProtectDefinitions => c
            .attachment_protect_definitions
            .push(super::ttp::attachment_protect_definition(rec)?),
        Section::AttachmentManagementDefinitions => c
            .attachment_management_definitions
            .push(super::ttp::attachment_management_definition(rec)?),
        Section::ManagedUrls => c.managed_urls.push(super::ttp::managed_url(rec)?),
        Section::Licences => super::ttp::licences(rec, &mut c.licences)?,
        Section::DangerousFileTypes => {
            super::ttp::dangerous_file_types(rec, &mut c.dangerous_file_types)?
        }

        // Wave 2, group D: below.
        Section::AdminAuthentication => {
            c.admin_authentication = Some(admin::admin_authentication(rec)?)
        }
        other => return Err(Skipped(format!("{}: not a list section", other.key()))),
    }
    Ok(())
}

/// Marks the section collected and surfaces what the API reported: a
/// non-2xx status or `fail[]` entries make the section incomplete.
pub fn finish(
    s: Section,
    file: &std::sync::Arc<str>,
    problems: &[String],
    config: &mut Config,
    status: &mut FileStatus,
) {
    config.mark(s, file);
    if !status.sections.contains(&s) {
        status.sections.push(s);
    }
    if !problems.is_empty() {
        config.sections.entry(s).or_default().incomplete = true;
        status.warnings.push(format!(
            "{}: the API reported a failure ({}); this section is incomplete, and rules that find nothing in it are not assessed",
            s.key(),
            problems.join(", ")
        ));
    }
}

fn read<T: DeserializeOwned>(v: &Value, path: &str) -> Result<T, Skipped> {
    // Only a record that cannot be read is read again to say where.
    if let Ok(t) = T::deserialize(v) {
        return Ok(t);
    }
    serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = e.path().to_string();
        let at = if inner == "." {
            shown(path).to_string()
        } else {
            join(path, &inner)
        };
        Skipped(format!(
            "record at {} skipped: {at}: {}",
            shown(path),
            e.inner()
        ))
    })
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.0.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn domain_name(s: &str) -> String {
    s.trim()
        .trim_start_matches('@')
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

fn domain(
    item: &Value,
    path: &str,
    file: &std::sync::Arc<str>,
    status: &mut FileStatus,
) -> Result<InternalDomain, Skipped> {
    let raw: RawDomain = read(item, path)?;
    let name = text(&raw.domain).ok_or_else(|| {
        Skipped(format!(
            "record at {} skipped: {} is missing",
            shown(path),
            join(path, "domain")
        ))
    })?;
    let flag = |f: Option<super::raw::Flag>| f.map(|f| f.0).unwrap_or(false);
    let inbound_type = text(&raw.inbound_type);
    if let Some(t) = &inbound_type {
        if !["any", "smtp", "ldap", "known"].contains(&t.as_str()) {
            status.notes.push(format!(
                "{}: unknown value \"{t}\" kept as is",
                join(path, "inboundType")
            ));
        }
    }
    Ok(InternalDomain {
        domain: domain_name(&name),
        send_only: flag(raw.send_only),
        local: flag(raw.local),
        inbound_type,
        origin: Origin {
            file: file.clone(),
            path: path.into(),
            conditions_path: String::new(),
        },
    })
}

fn allowed_options(s: Section) -> &'static [&'static str] {
    match s {
        Section::AntiSpoofingPolicies => &["no_action", "apply", "apply_non_mimecast"],
        Section::AntiSpoofingBypassPolicies => &["enable_bypass", "disable_bypass"],
        Section::PermittedSenderPolicies => &["permit_sender", "no_action"],
        Section::BlockedSenderPolicies => &["block_sender", "no_action"],
        Section::GreylistingPolicies => &["apply", "no_action"],
        Section::UrlProtectBypassPolicies => &["no_action", "disable_url_protection"],
        Section::AttachmentProtectBypassPolicies => &["no_action", "disable_attachment_protection"],
        _ => &[],
    }
}

fn policy(
    s: Section,
    item: &Value,
    path: &str,
    file: &std::sync::Arc<str>,
    status: &mut FileStatus,
) -> Result<Policy, Skipped> {
    let outer: RawPolicy = read(item, path)?;
    let body_path = match item.get("policy") {
        Some(Value::Object(_)) => join(path, "policy"),
        Some(Value::Array(a)) if !a.is_empty() => join(path, "policy[0]"),
        _ => path.to_string(),
    };
    let body: RawPolicy = if body_path == path {
        outer.clone()
    } else {
        read(policy_body(item), &body_path)?
    };
    let conditions_path = if body.conditions.is_some() {
        join(&body_path, "conditions")
    } else {
        String::new()
    };
    let origin = Origin {
        file: file.clone(),
        path: body_path.clone(),
        conditions_path,
    };

    let option_text = text(&outer.option)
        .or_else(|| text(&body.option))
        .unwrap_or_default();
    let option = PolicyOption::parse(&option_text);
    let allowed = allowed_options(s);
    if !option_text.is_empty() && !allowed.is_empty() && !allowed.contains(&option.as_str())
        || option_text.is_empty() && !allowed.is_empty()
    {
        status.notes.push(format!(
            "{}: unknown value \"{option_text}\" for {} kept as is",
            join(path, "option"),
            s.key()
        ));
    }
    let from_part = FromPart::parse(text(&body.from_part).as_deref());
    if let FromPart::Unknown(v) = &from_part {
        status.notes.push(format!(
            "{}: unknown value \"{v}\" kept as is",
            origin.field("fromPart")
        ));
    }
    let from = target(
        body.from.as_ref(),
        &body.from_type,
        &body.from_value,
        &origin.field("from"),
        status,
    );
    let to = target(
        body.to.as_ref(),
        &body.to_type,
        &body.to_value,
        &origin.field("to"),
        status,
    );

    let c = body.conditions.clone().unwrap_or_default();
    let list = |a: &Option<Vec<Text>>, b: &Option<Vec<Text>>| -> Vec<String> {
        a.as_ref()
            .or(b.as_ref())
            .map(|v| v.iter().map(|t| t.0.trim().to_string()).collect())
            .unwrap_or_default()
    };
    let source_ips: Vec<IpRange> = list(&c.source_ips, &body.source_ips)
        .iter()
        .map(|t| IpRange::parse(t))
        .collect();
    for (i, r) in source_ips.iter().enumerate() {
        if r.net.is_none() {
            status.warnings.push(format!(
                "{}: expected a CIDR range, found \"{}\"",
                origin.condition("sourceIPs", i),
                r.text
            ));
        }
    }
    let flag = |f: Option<super::raw::Flag>, default: bool| f.map(|f| f.0).unwrap_or(default);
    Ok(Policy {
        id: text(&outer.id).or_else(|| text(&body.id)),
        description: text(&body.description).unwrap_or_default(),
        comment: text(&body.comment).unwrap_or_default(),
        option,
        // Address alteration policies name their set, not a definition.
        definition_id: text(&body.definition_id)
            .or_else(|| text(&outer.address_alteration_set_id))
            .or_else(|| text(&body.address_alteration_set_id)),
        from_part,
        from,
        to,
        enabled: flag(body.enabled, true),
        enforced: flag(body.enforced, false),
        override_: flag(body.override_, false),
        bidirectional: flag(body.bidirectional, false),
        validity: validity(&body, &origin, status),
        source_ips,
        hostnames: list(&c.hostnames, &body.hostnames),
        spf_domains: list(&c.spf_domains, &body.spf_domains)
            .iter()
            .map(|d| domain_name(d))
            .collect(),
        origin,
    })
}

fn target(
    raw: Option<&RawTarget>,
    flat_type: &Option<Text>,
    flat_value: &Option<Text>,
    path: &str,
    status: &mut FileStatus,
) -> Target {
    let empty = RawTarget::default();
    let r = raw.unwrap_or(&empty);
    let Some(kind) = text(&r.kind).or_else(|| text(flat_type)) else {
        status
            .notes
            .push(format!("{path}: no scope given; read as everyone"));
        return Target::Everyone;
    };
    let value = |primary: Option<String>| primary.or_else(|| text(flat_value)).unwrap_or_default();
    match kind.to_ascii_lowercase().as_str() {
        "everyone" => Target::Everyone,
        "internal_addresses" => Target::InternalAddresses,
        "external_addresses" => Target::ExternalAddresses,
        "free_mail_domains" => Target::FreeMailDomains,
        "email_domain" => Target::EmailDomain(domain_name(&value(
            text(&r.email_domain).or_else(|| text(&r.domain)),
        ))),
        "individual_email_address" => {
            Target::IndividualEmailAddress(value(text(&r.email_address)).to_ascii_lowercase())
        }
        "header_display_name" => Target::HeaderDisplayName(value(text(&r.header_display_name))),
        "address_attribute_value" => {
            let attr = r
                .attribute
                .as_ref()
                .and_then(|a| a.get("value"))
                .and_then(Value::as_str)
                .map(str::to_string);
            Target::AddressAttribute(value(attr))
        }
        "profile_group" => {
            let group = r.group.clone().unwrap_or_default();
            let id = value(text(&r.group_id).or_else(|| text(&group.id)));
            Target::ProfileGroup {
                id,
                name: text(&group.description),
            }
        }
        _ => {
            status
                .notes
                .push(format!("{path}.type: unknown value \"{kind}\" kept as is"));
            Target::Unknown(kind)
        }
    }
}

/// Eternal flags win; the 1900 / 2100 sentinel dates also mean eternal.
fn validity(body: &RawPolicy, origin: &Origin, status: &mut FileStatus) -> Validity {
    let mut side = |eternal: Option<super::raw::Flag>,
                    a: &Option<Text>,
                    a_name: &str,
                    b: &Option<Text>,
                    b_name: &str,
                    is_from: bool| {
        if eternal.is_some_and(|f| f.0) {
            return None;
        }
        let (raw, name) = match (text(a), text(b)) {
            (Some(t), _) => (t, a_name),
            (None, Some(t)) => (t, b_name),
            (None, None) => return None,
        };
        match parse_date(&raw) {
            Ok(d) => {
                use chrono::Datelike;
                let sentinel = if is_from {
                    d.year() <= 1900
                } else {
                    d.year() >= 2100
                };
                // A plain end date means "until the end of that day".
                let d = if !is_from && raw.trim().len() == 10 {
                    d + chrono::Duration::seconds(86_399)
                } else {
                    d
                };
                (!sentinel).then_some(d)
            }
            Err(e) => {
                status
                    .warnings
                    .push(format!("{}: {}; read as no limit", origin.field(name), e.0));
                None
            }
        }
    };
    let from = side(
        body.from_eternal,
        &body.from_date_time,
        "fromDateTime",
        &body.from_date,
        "fromDate",
        true,
    );
    let to = side(
        body.to_eternal,
        &body.to_date_time,
        "toDateTime",
        &body.to_date,
        "toDate",
        false,
    );
    Validity { from, to }
}

mod admin;
pub mod exchange;
pub mod gateway;
mod keyed;
mod packages;
pub use packages::merge as merge_accounts;
pub mod mx;
mod services;
pub mod text;

#[cfg(test)]
mod tests;
