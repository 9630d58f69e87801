//! The catalog-wave-2 API sections: gateway details, outbound DKIM,
//! greylisting, journaling, address alteration, managed URLs, and the
//! account's packages.

use serde_json::{json, Map, Value};

use super::plan::{Source, Step, POLICIES_READ};
use super::{Outcome, Problem, Run};

const PM: &str = "/policy-management/cloud-gateway/v1";
pub const DEFINITIONS_PATH: &str = "/api/policy/address-alteration/get-definition";
pub const PACKAGES_PATH: &str = "/api/provisioning/get-packages";
const PACKAGES_READ: &str = "Account / Dashboard / Read (unconfirmed)";

/// The wave-2 sections, read after the first ones. Address alteration
/// definitions are read per set, after the sets (see
/// [`alteration_definitions`]).
pub fn steps() -> Vec<Step> {
    vec![
        Step {
            key: "gatewayDetails",
            source: Source::Single("/email/cloud-gateway/v1/gateway-details"),
            fallback: None,
            permission: "Account / Settings / Read",
        },
        Step {
            key: "dnsAuthOutboundDefinitions",
            source: Source::Rest(format!("{PM}/dns-authentication-outbound/definitions")),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "dnsAuthOutboundPolicies",
            source: Source::Rest(format!("{PM}/dns-authentication-outbound/policies")),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "greylistingPolicies",
            source: Source::Rest(format!("{PM}/greylisting/policies")),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "journalingServices",
            source: Source::Rest("/journaling/cloud-gateway/v1/services".into()),
            fallback: None,
            permission: "Services / Journaling / Read",
        },
        Step {
            key: "addressAlterationSets",
            source: Source::Legacy(
                "/api/policy/address-alteration/get-address-alteration-set",
                json!([]),
            ),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "addressAlterationPolicies",
            source: Source::Legacy("/api/policy/address-alteration/get-policy", json!([])),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "managedUrls",
            source: Source::Legacy("/api/ttp/url/get-all-managed-urls", json!([])),
            fallback: None,
            permission: "Services / Targeted Threat Protection - URL Protect / Edit (as documented; no Read permission is listed)",
        },
    ]
}

/// The ids of the sets in a `get-address-alteration-set` answer, nested
/// folders included, each once.
pub fn set_ids(records: &[Value]) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        if let Some(id) = v["id"].as_str().map(str::trim).filter(|s| !s.is_empty()) {
            if !out.iter().any(|x| x == id) {
                out.push(id.to_string());
            }
        }
        for child in v["folders"].as_array().into_iter().flatten() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    records.iter().for_each(|r| walk(r, &mut out));
    out
}

/// A `get-definition` answer's definitions (`data[0].items[]`, or plain
/// records), each marked with the set it was read for.
pub fn definitions_of(records: Vec<Value>, set: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for r in records {
        let items = match r.get("items") {
            Some(Value::Array(items)) => items.clone(),
            Some(_) => continue,
            None => vec![r],
        };
        for mut d in items {
            if let Some(obj) = d.as_object_mut() {
                obj.entry("folderId").or_insert_with(|| set.into());
            }
            out.push(d);
        }
    }
    out
}

/// Every set's definitions, read one call per set with its `folderId`
/// (the answer does not say which set a definition belongs to). The
/// section is incomplete when the sets were, or when a call failed; a 403
/// or a stop ends the loop.
pub fn alteration_definitions(run: &mut Run, sets: &Outcome) -> (Value, Result<String, Problem>) {
    let ids = set_ids(&sets.records);
    let mut all = Outcome::default();
    for (i, id) in ids.iter().enumerate() {
        if all
            .problem
            .as_ref()
            .is_some_and(|p| p.stop || p.status == Some(403))
        {
            break;
        }
        let label = format!("addressAlterationDefinitions {}/{}", i + 1, ids.len());
        let source = Source::Legacy(DEFINITIONS_PATH, json!([{ "folderId": id }]));
        let out = run.fetch(&label, &source, POLICIES_READ);
        if let Some(p) = &out.problem {
            run.say(&format!("{label}: incomplete: {}", p.message));
            all.problem.get_or_insert(p.clone());
        }
        all.records.extend(definitions_of(out.records, id));
    }
    if all.problem.is_none() {
        if let Some(p) = &sets.problem {
            all.problem = Some(Problem {
                status: None,
                message: format!(
                    "the Address Alteration Sets were not all read ({})",
                    p.message
                ),
                api_fail: vec![],
                stop: p.stop,
            });
        }
    }
    let value = all.value();
    let note = match all.problem {
        None => Ok(format!(
            "addressAlterationDefinitions ({} records from {} sets)",
            all.records.len(),
            ids.len()
        )),
        Some(p) => Err(p),
    };
    (value, note)
}

/// A package or product's name: the text, or an object's `name`, `code`
/// or `id`.
fn name_of(p: &Value) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match p {
        Value::Object(o) => ["name", "code", "id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(text)),
        other => text(other),
    }
}

/// Adds the product names of `get-packages` to `account.packages` (each
/// name once). A failure is said, not fatal: `get-account` already lists
/// the packages on most tenants.
pub fn packages(run: &mut Run, bundle: &mut Map<String, Value>) {
    let out = run.fetch(
        "account packages",
        &Source::Legacy(PACKAGES_PATH, json!([])),
        PACKAGES_READ,
    );
    if let Some(p) = &out.problem {
        run.say(&format!(
            "account packages: {PACKAGES_PATH} not read ({}); the packages of get-account are kept",
            p.message
        ));
        return;
    }
    let names: Vec<String> = out
        .records
        .iter()
        .flat_map(|r| match &r["products"] {
            Value::Array(a) => a.clone(),
            Value::Null => vec![],
            one => vec![one.clone()],
        })
        .filter_map(|p| name_of(&p))
        .collect();
    if names.is_empty() {
        return;
    }
    let account = bundle
        .entry("account")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(account) = account.as_object_mut() else {
        return;
    };
    let list = account
        .entry("packages")
        .or_insert_with(|| Value::Array(vec![]));
    if !list.is_array() {
        *list = Value::Array(vec![std::mem::take(list)]);
    }
    let Some(list) = list.as_array_mut() else {
        return;
    };
    for n in names {
        let known = list
            .iter()
            .filter_map(name_of)
            .any(|x| x.eq_ignore_ascii_case(&n));
        if !known {
            list.push(Value::String(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_sets_give_every_id_once() {
        let r = vec![
            json!({"id": "a", "folders": [{"id": "b", "folders": [{"id": "c"}]}, {"id": "a"}]}),
            json!({"folders": [{"id": "d"}]}),
        ];
        assert_eq!(set_ids(&r), ["a", "b", "c", "d"]);
    }

    #[test]
    fn definitions_are_unwrapped_and_marked_with_their_set() {
        let r = vec![
            json!({"items": [{"id": "x"}, {"id": "y", "folderId": "other"}]}),
            json!({"id": "z"}),
        ];
        let d = definitions_of(r, "s1");
        assert_eq!(d[0]["folderId"], "s1");
        assert_eq!(d[1]["folderId"], "other");
        assert_eq!(d[2]["folderId"], "s1");
    }
}
