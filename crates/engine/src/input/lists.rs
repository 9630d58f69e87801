//! The list shapes a section can arrive in.

use serde_json::Value;

/// API 2.0 array keys, in the order they are tried.
const ARRAY_KEYS: &[&str] = &[
    "definitions",
    "policies",
    "domains",
    "groups",
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

/// The records of a list, each with its JSON path, plus API failures.
#[derive(Debug, Default)]
pub struct Records<'a> {
    pub items: Vec<(String, &'a Value)>,
    /// Error codes (with messages) from a non-empty API `fail[]`.
    pub failures: Vec<String>,
}

/// Finds the records of a list: an API 1.0 envelope, an API 2.0 object with
/// a known array key, or a bare array. `base` prefixes the paths.
pub fn records<'a>(value: &'a Value, base: &str) -> Option<Records<'a>> {
    let (key, array) = match value {
        Value::Array(a) => (None, a),
        Value::Object(map) => {
            let (k, a) = ARRAY_KEYS
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_array).map(|a| (*k, a)))?;
            (Some(k), a)
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
        failures: failures(value),
    })
}

fn failures(value: &Value) -> Vec<String> {
    let Some(fail) = value.get("fail").and_then(Value::as_array) else {
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
