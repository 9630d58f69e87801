//! Raw records of the non-policy sections → the normalized model.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;

use super::detect::shown;
use super::normalize::join;
use super::raw::Text;
use super::raw_records::*;
use super::{FileStatus, Skipped};
use crate::model::*;

/// One record being read: where it is, and the file's status for remarks.
pub struct Rec<'a> {
    pub item: &'a Value,
    /// The record's JSON text, when it is read from text (then `item` is
    /// not used for reading).
    pub text: Option<&'a RawValue>,
    pub path: &'a str,
    pub file: &'a std::sync::Arc<str>,
    pub status: &'a mut FileStatus,
}

impl Rec<'_> {
    /// Reads the record from its value tree.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, Skipped> {
        // Read without tracking the path first: records that cannot be
        // read are rare, and only they are read again to say where.
        if let Ok(t) = T::deserialize(self.item) {
            return Ok(t);
        }
        self.unreadable(self.item, None)
    }

    /// Reads the record from its text when it has one (only managed
    /// senders, the longest list, are read so), else from its value tree.
    /// A record that cannot be read from its text is parsed into a value
    /// tree and read again from it to say where: one path-tracking reader
    /// per record type, not one per source (wasm size).
    fn read_text<T: DeserializeOwned>(&self) -> Result<T, Skipped> {
        let Some(text) = self.text else {
            return self.read();
        };
        let error = match serde_json::from_str(text.get()) {
            Ok(t) => return Ok(t),
            Err(e) => e,
        };
        let value: Value = serde_json::from_str(text.get()).unwrap_or(Value::Null);
        self.unreadable(&value, Some(error))
    }

    /// The words for a record that cannot be read: where (read again from
    /// `value` with path tracking), and why (the reader's error; `text`'s
    /// error when reading from the text failed).
    fn unreadable<T: DeserializeOwned>(
        &self,
        value: &Value,
        text: Option<serde_json::Error>,
    ) -> Result<T, Skipped> {
        let (inner, why) = match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(_) => (".".to_string(), None),
            Err(e) => (e.path().to_string(), Some(e.into_inner().to_string())),
        };
        // Read from text, the parser adds where in the record it was: the
        // path says it better. (A text that reads as a value tree, e.g.
        // one with a key given twice, keeps the text's words.)
        let why = match (text, why) {
            (_, Some(why)) => why,
            (Some(e), None) => {
                let e = e.to_string();
                match e.rfind(" at line ") {
                    Some(i) => e[..i].to_string(),
                    None => e,
                }
            }
            (None, None) => "cannot be read".to_string(),
        };
        let at = if inner == "." {
            shown(self.path).to_string()
        } else {
            join(self.path, &inner)
        };
        Err(Skipped(format!(
            "record at {} skipped: {at}: {why}",
            shown(self.path),
        )))
    }

    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            path: self.path.into(),
            conditions_path: String::new(),
        }
    }

    fn note_unknown(&mut self, field: &str, value: &str) {
        self.status.notes.push(format!(
            "{}: unknown value \"{value}\" kept as is",
            join(self.path, field)
        ));
    }

    /// Parses a closed list of values; unknown ones are kept and noted.
    fn known<T: Copy>(
        &mut self,
        field: &str,
        raw: &Option<Text>,
        table: &[(&str, T)],
    ) -> Option<Known<T>> {
        let v = trimmed(raw)?;
        // As if lowercased with spaces and dashes as `_` (no copy: every
        // managed sender has one of these).
        let norm = |b: u8| match b {
            b' ' | b'-' => b'_',
            b => b.to_ascii_lowercase(),
        };
        let is =
            |k: &str| k.len() == v.len() && k.bytes().zip(v.bytes()).all(|(k, v)| k == norm(v));
        match table.iter().find(|(k, _)| is(k)) {
            Some((_, t)) => Some(Known::Known(*t)),
            None => {
                self.note_unknown(field, v);
                Some(Known::Unknown(v.to_string()))
            }
        }
    }

    fn date(&mut self, field: &str, raw: &Option<Text>) -> Option<DateTime<Utc>> {
        let t = trimmed(raw)?;
        match parse_date(t) {
            Ok(d) => Some(d),
            Err(e) => {
                self.status
                    .warnings
                    .push(format!("{}: {}", join(self.path, field), e.0));
                None
            }
        }
    }

    fn missing(&self, field: &str) -> Skipped {
        Skipped(format!(
            "record at {} skipped: {} is missing",
            shown(self.path),
            join(self.path, field)
        ))
    }
}

/// [`text`] without the copy.
fn trimmed(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.0.trim()).filter(|s| !s.is_empty())
}

pub fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.0.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn num(t: &Option<Text>) -> Option<u64> {
    text(t)
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|n| *n >= 0.0)
        .map(|n| n as u64)
}

/// A flag that may also be given as tag text (non-empty text = on).
fn flag_or_text(v: &Option<Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.trim().is_empty() && s != "false",
        Some(Value::Object(o)) => o.get("enabled").and_then(Value::as_bool).unwrap_or(true),
        _ => false,
    }
}

/// The record's id, else an id made from its content (never its position,
/// so it stays the same when the export is re-ordered).
/// The record's `id`, else an id made from its content.
pub fn id_or_content(id: &Option<Text>, record: &Value) -> String {
    text(id).unwrap_or_else(|| crate::model::identity::record_id(record))
}

pub fn managed_sender(mut r: Rec) -> Result<ManagedSender, Skipped> {
    let raw: RawManagedSender = r.read_text()?;
    let mut sender = owned_text(raw.sender).ok_or_else(|| r.missing("sender"))?;
    sender.make_ascii_lowercase();
    let table = [
        ("permit", ManagedKind::Permit),
        ("block", ManagedKind::Block),
        ("autoallow", ManagedKind::AutoAllow),
        ("auto_allow", ManagedKind::AutoAllow),
    ];
    let kind = r
        .known("type", &raw.kind, &table)
        .ok_or_else(|| r.missing("type"))?;
    let expires = r.date("expires", &raw.expires);
    Ok(ManagedSender::new(
        trimmed(&raw.id),
        trimmed(&raw.to).unwrap_or_default(),
        &sender,
        kind,
        trimmed(&raw.source),
        expires,
        r.origin(),
    ))
}

/// Like [`text`], taking the text instead of copying it when it needs no
/// trimming.
fn owned_text(t: Option<Text>) -> Option<String> {
    let s = t?.0;
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_string())
    }
}

pub fn impersonation_definition(mut r: Rec) -> Result<ImpersonationDefinition, Skipped> {
    let raw: RawImpersonationDefinition = r.read()?;
    let identifiers = raw
        .identifiers
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, flag_or_text(&Some(v))))
        .collect();
    let table = [
        ("none", ImpersonationAction::None),
        ("hold", ImpersonationAction::Hold),
        ("hold_for_review", ImpersonationAction::Hold),
        ("bounce", ImpersonationAction::Bounce),
    ];
    let action = r.known("action", &raw.action, &table);
    let hit_threshold = num(&raw.hit_threshold).map(|n| n.min(u32::MAX as u64) as u32);
    if raw.hit_threshold.is_some() && hit_threshold.is_none() {
        r.status.warnings.push(format!(
            "{}: expected a number",
            join(r.path, "hitThreshold")
        ));
    }
    Ok(ImpersonationDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        identifiers,
        hit_threshold,
        bypass_managed_and_permitted: raw
            .bypass_managed_and_permitted_senders
            .is_some_and(|f| f.0),
        action,
        tag_subject: flag_or_text(&raw.tag_subject),
        tag_body: flag_or_text(&raw.tag_body),
        tag_header: flag_or_text(&raw.tag_header),
        notify_group: text(&raw.notify_group),
        origin: r.origin(),
    })
}

const AUTH_ACTIONS: [(&str, AuthAction); 6] = [
    ("no_action", AuthAction::NoAction),
    ("take_no_action", AuthAction::NoAction),
    ("ignore_permitted", AuthAction::IgnorePermitted),
    ("reject", AuthAction::Reject),
    ("honor_dmarc_record", AuthAction::HonorDmarcRecord),
    ("honour_dmarc_record", AuthAction::HonorDmarcRecord),
];

fn auth_check(r: &mut Rec, name: &str, raw: Option<RawAuthCheck>) -> AuthCheck {
    let Some(raw) = raw else {
        return AuthCheck::default();
    };
    AuthCheck {
        enabled: raw.enabled.map(|f| f.0),
        fail_action: r.known(
            &format!("{name}.failAction"),
            &raw.fail_action,
            &AUTH_ACTIONS,
        ),
        soft_fail_action: r.known(
            &format!("{name}.softFailAction"),
            &raw.soft_fail_action,
            &AUTH_ACTIONS,
        ),
    }
}

pub fn dns_auth_definition(mut r: Rec) -> Result<DnsAuthDefinition, Skipped> {
    let raw: RawDnsAuthDefinition = r.read()?;
    Ok(DnsAuthDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        spf: auth_check(&mut r, "spf", raw.spf),
        dkim: auth_check(&mut r, "dkim", raw.dkim),
        dmarc: auth_check(&mut r, "dmarc", raw.dmarc),
        origin: r.origin(),
    })
}

pub fn spam_definition(mut r: Rec) -> Result<SpamDefinition, Skipped> {
    let raw: RawSpamDefinition = r.read()?;
    let table = [
        ("do_nothing", SpamAction::DoNothing),
        ("hold_for_review", SpamAction::HoldForReview),
        ("hold", SpamAction::HoldForReview),
        ("reject", SpamAction::Reject),
    ];
    let level = text(&raw.level);
    if let Some(l) = &level {
        if !["relaxed", "moderate", "aggressive"].contains(&l.to_ascii_lowercase().as_str()) {
            r.note_unknown("level", l);
        }
    }
    Ok(SpamDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        level,
        spam_action: r.known("spamAction", &raw.spam_action, &table),
        auto_allow_action: r.known("autoAllowSpamAction", &raw.auto_allow_spam_action, &table),
        permitted_sender_action: r.known(
            "permittedSenderSpamAction",
            &raw.permitted_sender_spam_action,
            &table,
        ),
        origin: r.origin(),
    })
}

pub fn remediation_settings(mut r: Rec) -> Result<RemediationSettings, Skipped> {
    let raw: RawRemediationSettings = r.read()?;
    let mode = text(&raw.mode);
    if let Some(m) = &mode {
        if !["automatic", "notify_only"].contains(&m.to_ascii_lowercase().as_str()) {
            r.note_unknown("mode", m);
        }
    }
    let mode = mode.map(|m| m.to_ascii_lowercase());
    Ok(RemediationSettings {
        enabled: raw.enabled.map(|f| f.0),
        mode,
        notify_group: text(&raw.notify_group),
        origin: r.origin(),
    })
}

pub fn incident(mut r: Rec) -> Result<Incident, Skipped> {
    let raw: RawIncident = r.read()?;
    let kind = text(&raw.kind).unwrap_or_default();
    if !["notify_only", "automatic", "manual", "restored"].contains(&kind.as_str()) {
        r.note_unknown("type", &kind);
    }
    Ok(Incident {
        id: id_or_content(&raw.id, r.item),
        code: text(&raw.code),
        kind,
        identified: num(&raw.identified).unwrap_or(0),
        successful: num(&raw.successful).unwrap_or(0),
        failed: num(&raw.failed).unwrap_or(0),
        created: r.date("create", &raw.create),
        origin: r.origin(),
    })
}

pub fn sync_task(mut r: Rec) -> Result<SyncTask, Skipped> {
    let raw: RawSyncTask = r.read()?;
    let state = text(&raw.state).unwrap_or_default();
    let known = [
        "Enabled",
        "Disabled",
        "Initializing",
        "Configuration Issue",
        "Needs Attention",
        "Enabled With Warning",
        "Enabled With Errors",
        "Failed",
    ];
    if !known.iter().any(|k| k.eq_ignore_ascii_case(&state)) {
        r.note_unknown("state", &state);
    }
    Ok(SyncTask {
        name: text(&raw.name).unwrap_or_else(|| shown(r.path).to_string()),
        connector_id: text(&raw.connector_id),
        platform: text(&raw.platform).map(|p| p.to_ascii_lowercase()),
        group: text(&raw.group),
        state,
        origin: r.origin(),
    })
}

pub fn continuity_monitor(r: Rec) -> Result<ContinuityMonitor, Skipped> {
    let raw: RawContinuityMonitor = r.read()?;
    let notify = raw.notify.unwrap_or_default();
    Ok(ContinuityMonitor {
        description: text(&raw.description).unwrap_or_else(|| shown(r.path).to_string()),
        status: text(&raw.status).unwrap_or_default(),
        inbound_check: raw.inbound_check.is_some_and(|f| f.0),
        outbound_check: raw.outbound_check.is_some_and(|f| f.0),
        platform: text(&raw.platform).map(|p| p.to_ascii_lowercase()),
        notify_group: text(&notify.email_group),
        sms_numbers: notify
            .sms_numbers
            .unwrap_or_default()
            .iter()
            .filter_map(|t| text(&Some(t.clone())))
            .collect(),
        origin: r.origin(),
    })
}

pub fn connector(r: Rec) -> Result<Connector, Skipped> {
    let raw: RawConnector = r.read()?;
    let product = raw.product.unwrap_or_default();
    Ok(Connector {
        id: id_or_content(&raw.id, r.item),
        name: text(&raw.name).unwrap_or_default(),
        description: text(&raw.description).unwrap_or_default(),
        product_code: text(&product.code).map(|c| c.to_ascii_lowercase()),
        product_name: text(&product.name),
        provider: text(&raw.provider).map(|p| p.to_ascii_lowercase()),
        status: text(&raw.status),
        origin: r.origin(),
    })
}

pub fn directory_integration(r: Rec) -> Result<DirectoryIntegration, Skipped> {
    let raw: RawDirectoryIntegration = r.read()?;
    Ok(DirectoryIntegration {
        id: id_or_content(&raw.id, r.item),
        name: text(&raw.name)
            .or_else(|| text(&raw.description))
            .unwrap_or_default(),
        provider: text(&raw.provider)
            .or_else(|| text(&raw.kind))
            .map(|p| p.to_ascii_lowercase()),
        status: text(&raw.status),
        origin: r.origin(),
    })
}

pub fn group(mut r: Rec) -> Result<Group, Skipped> {
    let raw: RawGroup = r.read()?;
    let id = text(&raw.id).ok_or_else(|| r.missing("id"))?;
    let last_change = match text(&raw.last_reviewed) {
        Some(_) => r.date("lastReviewed", &raw.last_reviewed),
        None => r.date("lastUpdated", &raw.last_updated),
    };
    Ok(Group {
        id,
        description: text(&raw.description).unwrap_or_default(),
        source: text(&raw.source),
        user_count: num(&raw.user_count),
        last_change,
        origin: r.origin(),
    })
}

pub fn group_member(r: Rec) -> Result<GroupMember, Skipped> {
    let raw: RawGroupMember = r.read()?;
    let email_address = text(&raw.email_address)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let domain = text(&raw.domain)
        .or_else(|| email_address.rsplit_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if email_address.is_empty() && domain.is_empty() {
        return Err(r.missing("emailAddress"));
    }
    Ok(GroupMember {
        email_address,
        domain,
        name: text(&raw.name).unwrap_or_default(),
        internal: raw.internal.map(|f| f.0),
        kind: text(&raw.kind),
        notes: text(&raw.notes)
            .or_else(|| text(&raw.note))
            .unwrap_or_default(),
        origin: r.origin(),
    })
}

pub fn dns_records(domain: &str, r: Rec) -> Result<DnsRecords, Skipped> {
    let raw: RawDnsRecords = r.read()?;
    let joined =
        |t: Option<TextOrList>| t.map(|t| t.0.trim().to_string()).filter(|s| !s.is_empty());
    let mx = raw.mx.as_ref().map(|v| {
        let at = join(r.path, "mx");
        let set = super::normalize::mx::mx_records(v).unwrap_or_else(|why| {
            r.status.warnings.push(format!("{at}: {why}"));
            MxSet {
                records: Vec::new(),
                unreadable: vec![v.to_string()],
            }
        });
        for u in &set.unreadable {
            r.status.warnings.push(format!(
                "{at}: \"{u}\" is not an MX record (expected `<preference> <host>`); the domain's MX set is not judged"
            ));
        }
        set
    });
    Ok(DnsRecords {
        domain: domain.trim().to_ascii_lowercase(),
        spf: joined(raw.spf),
        dmarc: joined(raw.dmarc),
        mx,
        origin: r.origin(),
    })
}

pub fn audit_event(mut r: Rec) -> Result<AuditEvent, Skipped> {
    let raw: RawAuditEvent = r.read()?;
    Ok(AuditEvent {
        id: id_or_content(&raw.id, r.item),
        audit_type: text(&raw.audit_type).unwrap_or_default(),
        category: text(&raw.category).unwrap_or_default(),
        event_info: text(&raw.event_info).unwrap_or_default(),
        event_time: r.date("eventTime", &raw.event_time),
        user: text(&raw.user).unwrap_or_default(),
        origin: r.origin(),
    })
}

#[cfg(test)]
mod tests;
