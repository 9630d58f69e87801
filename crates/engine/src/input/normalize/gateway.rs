//! `gatewayDetails`: one object (API 2.0 gateway-details), also when the
//! reply wraps it as `{"data": [{…}]}`.

use serde_json::{Map, Value};

use super::super::lists::records;
use super::super::{FileStatus, InputError};
use super::{finish, join, kind_of};
use crate::model::{Config, ExpectedMx, GatewayDetails, Origin, Section};

/// The gateway-details object, its path, what the API reported about the
/// call, and how many records the reply held.
pub type Unwrapped<'a> = (&'a Map<String, Value>, String, Vec<String>, usize);

/// The object a gateway-details file or bundle key holds, with its path
/// and what the API reported; `None` when the value is no such object.
pub fn unwrap<'a>(value: &'a Value, base: &str) -> Option<Unwrapped<'a>> {
    match value {
        Value::Object(m) if m.get("data").is_some_and(Value::is_array) => {
            let recs = records(value, base)?;
            let n = recs.items.len();
            let problems = recs.problems();
            match recs.items.first() {
                Some((p, Value::Object(o))) => Some((o, p.clone(), problems, n)),
                _ => None,
            }
        }
        Value::Object(m) if !m.is_empty() => Some((m, base.to_string(), Vec::new(), 1)),
        Value::Array(a) if a.len() == 1 => a[0]
            .as_object()
            .map(|o| (o, format!("{base}[0]"), Vec::new(), 1)),
        _ => None,
    }
}

/// True when `obj` holds gateway details (A.1's recognition): an
/// `inboundMxRecords`, or both `outboundHostnames` and `protectionMode`.
pub fn looks_like(obj: &Map<String, Value>) -> bool {
    obj.contains_key("inboundMxRecords")
        || obj.contains_key("outboundHostnames") && obj.contains_key("protectionMode")
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads the gateway details into the model.
pub fn gateway_details(
    value: &Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::GatewayDetails;
    let Some((obj, path, problems, n)) = unwrap(value, base) else {
        return Err(InputError {
            path: (!base.is_empty()).then(|| base.to_string()),
            ..InputError::plain(format!(
                "{}: expected one object (the gateway-details reply), found {}",
                s.key(),
                kind_of(value)
            ))
        });
    };
    if n > 1 {
        status
            .warnings
            .push(format!("{}: {n} records; only the first was read", s.key()));
    }
    let at = |k: &str| join(&path, k);
    let mut inbound_mx = Vec::new();
    let mx_list: Vec<(String, &Value)> = match obj.get("inboundMxRecords") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{}[{i}]", at("inboundMxRecords")), v))
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![(at("inboundMxRecords"), v)],
    };
    for (p, v) in mx_list {
        let host = v
            .get("hostname")
            .or_else(|| v.get("host"))
            .and_then(Value::as_str)
            .map(super::mx::mx_host)
            .filter(|h| !h.is_empty());
        match host {
            Some(hostname) => inbound_mx.push(ExpectedMx {
                hostname,
                priority: v
                    .get("priority")
                    .or_else(|| v.get("preference"))
                    .and_then(|p| p.as_u64().or_else(|| p.as_str()?.trim().parse().ok())),
            }),
            None => status.warnings.push(format!(
                "{p}: expected an MX host `{{\"hostname\", \"priority\"}}`, found {}; not read",
                kind_of(v)
            )),
        }
    }
    let outbound_hostnames = match obj.get("outboundHostnames") {
        Some(Value::Array(a)) => a.iter().filter_map(|v| text(Some(v))).collect(),
        other => text(other).into_iter().collect(),
    };
    let outbound_enabled = match obj.get("outboundEnabled") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("false") => Some(false),
        Some(Value::Null) | None => None,
        Some(other) => {
            status.notes.push(format!(
                "{}: unknown value {other} kept as not given",
                at("outboundEnabled")
            ));
            None
        }
    };
    config.gateway_details = Some(GatewayDetails {
        account_code: text(obj.get("accountCode")),
        region: text(obj.get("region")),
        protection_mode: text(obj.get("protectionMode")),
        status: text(obj.get("status")),
        inbound_mx,
        outbound_hostnames,
        outbound_enabled,
        spf: text(obj.get("spf")),
        origin: Origin {
            file: file.clone(),
            path: path.clone(),
            conditions_path: String::new(),
        },
    });
    let raw = config.raw.entry(s).or_default();
    raw.keyed = obj.clone();
    finish(s, file, &problems, config, status);
    Ok(())
}
