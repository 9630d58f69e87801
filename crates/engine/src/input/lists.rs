//! The list shapes a section can arrive in.

use serde_json::Value;

/// API 2.0 array keys, in the order they are tried.
const ARRAY_KEYS: &[&str] = &[
    "definitions",
    "policies",
    "domains",
    "groups",
    "dnsOutboundDefinitions",
    "services",
    "journalingServices",
    "groupMembers",
    "connectors",
    "data",
];

/// The records of a list value, whatever list shape it arrived in (empty
/// when it is not a list).
pub fn list_items(value: &Value) -> &[Value] {
    match value {
        Value::Array(a) => a,
        Value::Object(map) => ARRAY_KEYS
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_array))
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        _ => &[],
    }
}

/// The records of a list, each with its JSON path, plus what the API said
/// about the call.
#[derive(Debug, Default)]
pub struct Records<'a> {
    pub items: Vec<(String, &'a Value)>,
    /// Error codes (with messages) from a non-empty API `fail[]`.
    pub failures: Vec<String>,
    /// `meta.status` of an envelope, when it is not a 2xx status.
    pub bad_status: Option<String>,
    /// The requests the API echoes in `fail[].key`.
    pub fail_keys: Vec<&'a Value>,
}

impl Records<'_> {
    /// Everything that says the call did not fully succeed: a non-2xx
    /// status first, then the error codes of `fail[]`.
    pub fn problems(&self) -> Vec<String> {
        self.bad_status
            .iter()
            .map(|s| format!("status {s}"))
            .chain(self.failures.iter().cloned())
            .collect()
    }

    /// True when the API reported a failure or a non-2xx status.
    pub fn failed(&self) -> bool {
        self.bad_status.is_some() || !self.failures.is_empty()
    }
}

/// Finds the records of a list: an API 1.0 envelope, an API 2.0 object with
/// a known array key, or a bare array. `base` prefixes the paths. An
/// envelope with no records at all (`{"meta": …, "fail": […]}`, or `data`
/// that is not a list) is an empty list; any other object is not a list.
pub fn records<'a>(value: &'a Value, base: &str) -> Option<Records<'a>> {
    let (key, array) = match value {
        Value::Array(a) => (None, a.as_slice()),
        Value::Object(map) => {
            match ARRAY_KEYS
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_array).map(|a| (*k, a)))
            {
                Some((k, a)) => (Some(k), a.as_slice()),
                None if is_envelope(value) => (None, &[][..]),
                None => return None,
            }
        }
        _ => return None,
    };
    let prefix = match (base.is_empty(), key) {
        (true, None) => String::new(),
        (true, Some(k)) => k.to_string(),
        (false, None) => base.to_string(),
        (false, Some(k)) => format!("{base}.{k}"),
    };
    let items = array
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{prefix}[{i}]"), v))
        .collect();
    Some(Records {
        items,
        failures: failures(value.get("fail")),
        bad_status: bad_status(value.get("meta")),
        fail_keys: value
            .get("fail")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|f| f.get("key"))
            .collect(),
    })
}

/// Like [`records`], and a single record with no envelope and no list (an
/// object that is not empty, as some tools save the one policy a
/// `create-policy` call returned) is a list of one, at `base` itself.
pub fn records_or_one<'a>(value: &'a Value, base: &str) -> Option<Records<'a>> {
    records(value, base).or_else(|| match value {
        Value::Object(map) if !map.is_empty() => Some(Records {
            items: vec![(base.to_string(), value)],
            ..Records::default()
        }),
        _ => None,
    })
}

/// An API 1.0 envelope that holds no records: `meta` or `fail`, and a
/// `data` that is absent or null.
fn is_envelope(value: &Value) -> bool {
    (value.get("meta").is_some() || value.get("fail").is_some())
        && value.get("data").is_none_or(Value::is_null)
}

/// `meta.status` when it is a number (or a number written as text) outside
/// 200–299.
pub fn bad_status(meta: Option<&Value>) -> Option<String> {
    let code = match meta?.get("status")? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    (!(200..300).contains(&code)).then(|| code.to_string())
}

/// The error codes (with their messages) of an API `fail[]` array.
pub fn failures(fail: Option<&Value>) -> Vec<String> {
    let Some(fail) = fail.and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in fail {
        let errors = entry
            .get("errors")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if errors.is_empty() {
            out.push("unspecified failure".to_string());
        }
        for err in errors {
            let code = err
                .get("code")
                .and_then(Value::as_str)
                .unwrap_or("unknown_code");
            match err.get("message").and_then(Value::as_str) {
                Some(m) if !m.is_empty() => out.push(format!("{code} ({m})")),
                _ => out.push(code.to_string()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_list_shape() {
        let env = json!({"meta": {"status": 200}, "data": [{"a": 1}, {"a": 2}], "fail": []});
        let r = records(&env, "").unwrap();
        assert_eq!(
            r.items.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["data[0]", "data[1]"]
        );
        assert!(r.failures.is_empty());

        let v2 = json!({"definitions": [{"a": 1}], "meta": {}});
        assert_eq!(
            records(&v2, "antiSpoofingPolicies").unwrap().items[0].0,
            "antiSpoofingPolicies.definitions[0]"
        );

        let bare = json!([{"a": 1}]);
        assert_eq!(records(&bare, "").unwrap().items[0].0, "[0]");
        assert_eq!(
            records(&bare, "internalDomains").unwrap().items[0].0,
            "internalDomains[0]"
        );

        assert!(records(&json!({"hello": "world"}), "").is_none());
        assert_eq!(list_items(&env).len(), 2);
        assert_eq!(list_items(&v2).len(), 1);
        assert_eq!(list_items(&bare).len(), 1);
        assert!(list_items(&json!({"hello": []})).is_empty());
        assert!(records(&json!("text"), "").is_none());
    }

    #[test]
    fn collects_api_failures_with_codes() {
        let env = json!({"data": [], "fail": [{"key": {}, "errors": [{"code": "err_xdk_forbidden", "message": "Forbidden"}]}, {"key": {}}]});
        assert_eq!(
            records(&env, "").unwrap().failures,
            ["err_xdk_forbidden (Forbidden)", "unspecified failure"]
        );
    }
}
