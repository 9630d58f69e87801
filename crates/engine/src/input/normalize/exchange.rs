//! `exchangeOnline`: Exchange Online PowerShell output, `{inboundConnectors:
//! LIST, organizationConfig: OBJECT}` in a bundle, or a loose file holding
//! either part as `ConvertTo-Json` wrote it.
//!
//! PowerShell output is loose: property names in any case (the exact-case
//! key wins when two differ only in case), OData annotation keys (`@…`)
//! ignored, booleans as `true` or `"True"`, enums as text (a number, what
//! `ConvertTo-Json` writes without `-EnumsAsStrings`, is kept as unknown),
//! one connector written as a bare object, lists wrapped as
//! `{"value": […]}`.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv4Subnets, Ipv6Subnets};
use serde_json::{Map, Value};

use super::super::{FileStatus, InputError};
use super::{finish, join, kind_of};
use crate::model::{
    Config, ConnectorIp, ConnectorType, InboundConnector, Known, OrganizationConfig, Origin,
    Section,
};

/// A property by name: the exact-case key first, else any key equal to it
/// ignoring case that is no annotation (`@`); `null` counts as absent.
pub fn field<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name)
        .or_else(|| {
            obj.iter()
                .find(|(k, _)| !k.contains('@') && k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
        .filter(|v| !v.is_null())
}

fn has(obj: &Map<String, Value>, name: &str) -> bool {
    field(obj, name).is_some()
}

/// A `Get-InboundConnector` record.
pub fn is_connector(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| has(o, "ConnectorType") && has(o, "SenderDomains"))
}

/// A `Get-OrganizationConfig` object.
pub fn is_org_config(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.keys().any(|k| k.eq_ignore_ascii_case("RejectDirectSend"))
            || has(o, "Identity")
                && (has(o, "OAuth2ClientProfileEnabled") || has(o, "AuditDisabled"))
    })
}

/// The items of a PowerShell list: an array, `{"value": […]}`, or one
/// object on its own. `None` for anything else.
fn items<'a>(v: &'a Value, base: &str) -> Option<Vec<(String, &'a Value)>> {
    let at = |p: String, a: &'a [Value]| {
        a.iter()
            .enumerate()
            .map(|(i, x)| (format!("{p}[{i}]"), x))
            .collect()
    };
    match v {
        Value::Array(a) => Some(at(base.to_string(), a)),
        Value::Object(o) => match o
            .iter()
            .find(|(k, x)| k.eq_ignore_ascii_case("value") && x.is_array())
        {
            Some((k, Value::Array(a))) => Some(at(join(base, k), a)),
            _ if !o.is_empty() => Some(vec![(base.to_string(), v)]),
            _ => None,
        },
        _ => None,
    }
}

/// What a loose file holds: Exchange Online output, by content; for an
/// empty list, by its file name. `None`: not Exchange Online output.
pub fn detect(value: &Value, file_name: &str) -> Option<Section> {
    if let Some(o) = value.as_object() {
        if has(o, "inboundConnectors") || has(o, "organizationConfig") {
            return Some(Section::ExchangeOnline);
        }
    }
    let list = items(value, "")?;
    let all = |f: fn(&Value) -> bool| !list.is_empty() && list.iter().all(|(_, v)| f(v));
    if all(is_connector) || list.len() == 1 && all(is_org_config) {
        return Some(Section::ExchangeOnline);
    }
    let empty = match value {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.iter().any(|(k, x)| {
            k.eq_ignore_ascii_case("value") && x.as_array().is_some_and(Vec::is_empty)
        }),
        _ => false,
    };
    (empty && name_says_exchange(file_name)).then_some(Section::ExchangeOnline)
}

/// The file name names Exchange Online output (`inboundConnectors.json`,
/// `orgconfig.json` …); plain `connectors` is Mimecast's section.
pub fn name_says_exchange(file_name: &str) -> bool {
    let stem = file_name.rsplit('/').next().unwrap_or(file_name);
    let n = stem.to_ascii_lowercase().replace(['-', '_', ' '], "");
    [
        "inbound",
        "orgconfig",
        "organizationconfig",
        "exchangeonline",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// The error for an empty (0-byte) file that should have held Exchange
/// Online output: PowerShell writes nothing for an empty pipeline.
pub fn empty_file_hint(e: InputError, file_name: &str, chosen: Option<Section>) -> InputError {
    let stem = file_name.rsplit('/').next().unwrap_or(file_name);
    let connector = stem.to_ascii_lowercase().contains("connector");
    if e.message.contains("(0 bytes)")
        && (chosen == Some(Section::ExchangeOnline) || name_says_exchange(file_name) || connector)
    {
        return InputError::plain(format!(
            "{stem}: the file is empty (0 bytes); `Get-InboundConnector | ConvertTo-Json` writes nothing when there is no connector: save `[]` when the tenant has no inbound connectors (or export with `ConvertTo-Json -InputObject @(Get-InboundConnector)`)"
        ));
    }
    e
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // PowerShell 5.1 may write an enum as `{"value": 1, "Value": "Partner"}`.
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("value"))
            .find_map(|(_, v)| v.as_str().map(str::to_string))
            .or_else(|| field(o, "value").and_then(|v| text(Some(v)))),
        _ => None,
    }
}

/// A list property: an array, one value, or PowerShell 5.1's
/// `{"value": […]}`.
fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Object(o)) => match field(o, "value") {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => vec![v.unwrap_or(&Value::Null)],
        },
        Some(Value::Null) | None => Vec::new(),
        Some(x) => vec![x],
    }
}

struct Reader<'a> {
    path: String,
    status: &'a mut FileStatus,
}

impl Reader<'_> {
    fn note(&mut self, name: &str, message: String) {
        self.status
            .notes
            .push(format!("{}: {message}", join(&self.path, name)));
    }

    /// `true`/`false`, or the strings `"True"`/`"False"` in any case.
    fn flag(&mut self, o: &Map<String, Value>, name: &str) -> Option<Known<bool>> {
        let v = field(o, name)?;
        let t = match v {
            Value::Bool(b) => return Some(Known::Known(*b)),
            Value::String(s) => s.trim().trim_start_matches('$').to_string(),
            other => other.to_string(),
        };
        if t.eq_ignore_ascii_case("true") {
            return Some(Known::Known(true));
        }
        if t.eq_ignore_ascii_case("false") {
            return Some(Known::Known(false));
        }
        self.note(
            name,
            format!("unknown value \"{t}\" kept as is (expected true or false)"),
        );
        Some(Known::Unknown(t))
    }

    fn connector_type(&mut self, o: &Map<String, Value>) -> Option<Known<ConnectorType>> {
        let v = field(o, "ConnectorType")?;
        if let Some(n) = v.as_number() {
            self.note(
                "ConnectorType",
                format!("the number {n} is kept as unknown: re-export with `ConvertTo-Json -EnumsAsStrings` (PowerShell 7) so the type is written as text"),
            );
            return Some(Known::Unknown(n.to_string()));
        }
        let t = text(Some(v)).unwrap_or_else(|| v.to_string());
        if t.eq_ignore_ascii_case("partner") {
            Some(Known::Known(ConnectorType::Partner))
        } else if t.eq_ignore_ascii_case("onpremises") {
            Some(Known::Known(ConnectorType::OnPremises))
        } else {
            self.note("ConnectorType", format!("unknown value \"{t}\" kept as is"));
            Some(Known::Unknown(t))
        }
    }

    fn ips(&mut self, o: &Map<String, Value>, name: &str) -> Vec<ConnectorIp> {
        let mut out = Vec::new();
        for (i, v) in list(field(o, name)).into_iter().enumerate() {
            let ip = connector_ip(v);
            if ip.nets.is_empty() {
                self.note(
                    &format!("{name}[{i}]"),
                    format!(
                        "\"{}\" is not an address, CIDR or range; kept as unknown",
                        ip.text
                    ),
                );
            }
            out.push(ip);
        }
        out
    }
}

/// `SenderDomains` entry: `smtp:*;1` → `*`, `SMTP:contoso.com;1` →
/// `contoso.com`.
pub fn sender_domain(entry: &str) -> String {
    let mut t = entry.trim();
    if t.len() >= 5 && t[..5].eq_ignore_ascii_case("smtp:") {
        t = &t[5..];
    }
    if let Some((head, cost)) = t.rsplit_once(';') {
        if !cost.is_empty() && cost.bytes().all(|b| b.is_ascii_digit()) {
            t = head;
        }
    }
    t.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// A `SenderIPAddresses`/`EFSkipIPs` entry: an address, a CIDR, a range
/// `a-b` (as covering CIDRs), or `{LowerBound, UpperBound}`.
pub fn connector_ip(v: &Value) -> ConnectorIp {
    let (text_form, bounds) = match v {
        Value::Object(o) => {
            let lo = text(field(o, "LowerBound"));
            let hi = text(field(o, "UpperBound"));
            match (lo, hi) {
                (Some(l), Some(h)) => (format!("{l}-{h}"), Some((l, h))),
                _ => (v.to_string(), None),
            }
        }
        Value::String(s) => {
            let s = s.trim().to_string();
            let b = s
                .split_once('-')
                .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()));
            (s, b)
        }
        other => (other.to_string(), None),
    };
    let nets = match bounds {
        Some((l, h)) => match (l.parse::<IpAddr>(), h.parse::<IpAddr>()) {
            (Ok(IpAddr::V4(a)), Ok(IpAddr::V4(b))) if a <= b => {
                Ipv4Subnets::new(a, b, 0).map(IpNet::V4).collect()
            }
            (Ok(IpAddr::V6(a)), Ok(IpAddr::V6(b))) if a <= b => {
                Ipv6Subnets::new(a, b, 0).map(IpNet::V6).collect()
            }
            _ => Vec::new(),
        },
        None => match text_form.parse::<IpNet>() {
            Ok(n) => vec![n.trunc()],
            Err(_) => text_form
                .parse::<IpAddr>()
                .map(|a| vec![IpNet::from(a)])
                .unwrap_or_default(),
        },
    };
    ConnectorIp {
        text: text_form,
        nets,
    }
}

/// `TlsSenderCertificateName`: `<I>issuer<S>subject` is reduced to the
/// subject; empty is none.
pub fn certificate_name(v: Option<&Value>) -> Option<String> {
    let t = text(v)?;
    let subject = match t.find("<S>") {
        Some(i) => t[i + 3..].trim().to_string(),
        None => t,
    };
    let subject = subject
        .strip_prefix("CN=")
        .or_else(|| subject.strip_prefix("cn="))
        .map(str::to_string)
        .unwrap_or(subject);
    Some(subject.trim().to_ascii_lowercase()).filter(|s| !s.is_empty())
}

fn connector(
    o: &Map<String, Value>,
    path: &str,
    file: &std::sync::Arc<str>,
    status: &mut FileStatus,
) -> InboundConnector {
    let mut r = Reader {
        path: path.to_string(),
        status,
    };
    let name = text(field(o, "Name"))
        .or_else(|| text(field(o, "Identity")))
        .unwrap_or_else(|| format!("connector at {}", super::super::detect::shown(path)));
    let strings = |name: &str| -> Vec<String> {
        list(field(o, name))
            .into_iter()
            .filter_map(|v| text(Some(v)))
            .collect()
    };
    InboundConnector {
        enabled: r.flag(o, "Enabled"),
        connector_type: r.connector_type(o),
        connector_source: text(field(o, "ConnectorSource")),
        sender_domains: strings("SenderDomains")
            .iter()
            .map(|d| sender_domain(d))
            .filter(|d| !d.is_empty())
            .collect(),
        sender_ips: r.ips(o, "SenderIPAddresses"),
        accepted_domains: strings("AssociatedAcceptedDomains")
            .iter()
            .map(|d| crate::model::domain_key(d))
            .collect(),
        restrict_to_ips: r.flag(o, "RestrictDomainsToIPAddresses"),
        restrict_to_certificate: r.flag(o, "RestrictDomainsToCertificate"),
        require_tls: r.flag(o, "RequireTls"),
        certificate_name: certificate_name(field(o, "TlsSenderCertificateName")),
        ef_skip_ips: r.ips(o, "EFSkipIPs"),
        name,
        origin: Origin {
            file: file.clone(),
            path: path.to_string(),
            conditions_path: String::new(),
        },
    }
}

/// One part of the section (connectors or organization config) and its path.
type Part<'a> = (&'a Value, String);

/// Reads `exchangeOnline` (a bundle's object, or a loose file of either
/// part) into the model.
pub fn exchange_online(
    value: &Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::ExchangeOnline;
    let whole = value.as_object().filter(|o| {
        !base.is_empty()
            || o.is_empty()
            || has(o, "inboundConnectors")
            || has(o, "organizationConfig")
    });
    let (connectors, org): (Option<Part>, Option<Part>) = match whole {
        Some(o) => {
            let part = |name: &str| {
                o.iter()
                    .find(|(k, v)| k.as_str() == name && !v.is_null())
                    .or_else(|| {
                        o.iter()
                            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_null())
                    })
                    .map(|(k, v)| (v, join(base, k)))
            };
            (part("inboundConnectors"), part("organizationConfig"))
        }
        None if base.is_empty() && items(value, "").is_some_and(|l| l.len() == 1 && is_org_config(l[0].1)) => {
            (None, Some((value, String::new())))
        }
        None if base.is_empty() => (Some((value, String::new())), None),
        None => {
            return Err(InputError {
                path: Some(base.to_string()),
                ..InputError::plain(format!(
                    "{}: expected an object with `inboundConnectors` and/or `organizationConfig`, found {}",
                    s.key(),
                    kind_of(value)
                ))
            })
        }
    };
    let mut unreadable = false;
    if let Some((v, path)) = connectors {
        match items(v, &path) {
            Some(list) => {
                let mut read = Vec::new();
                let mut raw = Vec::new();
                for (p, item) in list {
                    match item.as_object() {
                        Some(o) => {
                            read.push(connector(o, &p, file, status));
                            raw.push(item.clone());
                        }
                        None => {
                            status.warnings.push(format!(
                                "{}: expected a connector (an object), found {}; not read",
                                super::super::detect::shown(&p),
                                kind_of(item)
                            ));
                            unreadable = true;
                        }
                    }
                }
                config
                    .exchange_online
                    .inbound_connectors
                    .get_or_insert_with(Vec::new)
                    .extend(read);
                keep(config, s, "inboundConnectors", Value::Array(raw));
            }
            None => {
                status.warnings.push(format!(
                    "{}: expected a list of inbound connectors, found {}; not read",
                    super::super::detect::shown(&path),
                    kind_of(v)
                ));
                unreadable = true;
            }
        }
    }
    if let Some((v, path)) = org {
        let one = match items(v, &path) {
            Some(l) if l.len() == 1 => l.into_iter().next(),
            _ => None,
        };
        match one.and_then(|(p, x)| Some((p, x.as_object()?))) {
            Some((p, o)) => {
                let mut r = Reader {
                    path: p.clone(),
                    status,
                };
                config.exchange_online.organization_config = Some(OrganizationConfig {
                    identity: text(field(o, "Identity")),
                    name: text(field(o, "Name")),
                    reject_direct_send: r.flag(o, "RejectDirectSend"),
                    origin: Origin {
                        file: file.clone(),
                        path: p,
                        conditions_path: String::new(),
                    },
                });
                keep(config, s, "organizationConfig", Value::Object(o.clone()));
            }
            None => {
                status.warnings.push(format!(
                    "{}: expected the organization config (one object), found {}; not read",
                    super::super::detect::shown(&path),
                    kind_of(v)
                ));
                unreadable = true;
            }
        }
    }
    finish(s, file, &[], config, status);
    if unreadable {
        config.sections.entry(s).or_default().incomplete = true;
    }
    Ok(())
}

fn keep(config: &mut Config, s: Section, key: &str, v: Value) {
    let raw = config.raw.entry(s).or_default();
    match (raw.keyed.get_mut(key), v) {
        (Some(Value::Array(a)), Value::Array(b)) => a.extend(b),
        (_, v) => {
            raw.keyed.insert(key.to_string(), v);
        }
    }
}

/// Merges the gateway details and Exchange Online output of one file into
/// what was loaded before: a single object given twice is read once when
/// both copies agree, else the later one is used (with a warning);
/// connectors are appended, a connector given twice in the same shape read
/// once.
pub fn merge_gateway(
    into: &mut Config,
    gateway: Option<crate::model::GatewayDetails>,
    exchange: crate::model::ExchangeOnline,
    out: &mut super::super::Merged,
) {
    fn same<T: Clone + PartialEq>(a: &T, b: &T, origin: fn(&mut T) -> &mut Origin) -> bool {
        let mut b = b.clone();
        *origin(&mut b) = origin(&mut a.clone()).clone();
        *a == b
    }
    fn one<T: Clone + PartialEq>(
        slot: &mut Option<T>,
        new: Option<T>,
        what: &str,
        origin: fn(&mut T) -> &mut Origin,
        out: &mut super::super::Merged,
    ) {
        let Some(mut new) = new else { return };
        if let Some(old) = slot.as_mut() {
            let (old_file, new_path) = (origin(old).file.clone(), origin(&mut new).path.clone());
            if same(old, &new, origin) {
                out.notes.push(format!(
                    "{what} at {new_path} are also in {old_file}: read once"
                ));
                return;
            }
            out.warnings.push(format!(
                "{what} at {new_path} differ from those in {old_file}: the later file's are used"
            ));
        }
        *slot = Some(new);
    }
    one(
        &mut into.gateway_details,
        gateway,
        "gateway details",
        |g| &mut g.origin,
        out,
    );
    one(
        &mut into.exchange_online.organization_config,
        exchange.organization_config,
        "Exchange Online organization config",
        |o| &mut o.origin,
        out,
    );
    if let Some(new) = exchange.inbound_connectors {
        let list = into
            .exchange_online
            .inbound_connectors
            .get_or_insert_with(Vec::new);
        for c in new {
            match list.iter().find(|x| same(*x, &c, |c| &mut c.origin)) {
                Some(x) => out.notes.push(format!(
                    "inbound connector {} at {} is also in {}: read once",
                    c.name, c.origin.path, x.origin.file
                )),
                None => list.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests;
