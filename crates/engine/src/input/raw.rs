//! Wire shapes, exactly as the two API generations send them. Loose on
//! purpose: unknown fields are ignored, strings and numbers are accepted
//! where either appears, and a one-element array stands for an object.

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// A string that may arrive as a JSON number or boolean too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(Text(s)),
            serde_json::Value::Number(n) => Ok(Text(n.to_string())),
            serde_json::Value::Bool(b) => Ok(Text(b.to_string())),
            other => Err(de::Error::custom(format!(
                "expected text, found {}",
                kind(&other)
            ))),
        }
    }
}

/// A boolean that may arrive as `"true"`/`"false"` or 0/1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Bool(b) => Ok(Flag(b)),
            serde_json::Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Flag(true)),
            serde_json::Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Flag(false)),
            serde_json::Value::Number(n) if n.as_u64() == Some(1) => Ok(Flag(true)),
            serde_json::Value::Number(n) if n.as_u64() == Some(0) => Ok(Flag(false)),
            other => Err(de::Error::custom(format!(
                "expected true or false, found {}",
                kind(&other)
            ))),
        }
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// `{id}` of an expanded group.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RawGroupRef {
    pub id: Option<Text>,
    pub description: Option<Text>,
}

/// Policy target (`from` / `to`) in both generations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawTarget {
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub email_address: Option<Text>,
    pub email_domain: Option<Text>,
    pub domain: Option<Text>,
    pub group_id: Option<Text>,
    pub group: Option<RawGroupRef>,
    pub header_display_name: Option<Text>,
    pub attribute: Option<serde_json::Value>,
}

/// `conditions` of an API 1.0 policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawConditions {
    #[serde(rename = "sourceIPs")]
    pub source_ips: Option<Vec<Text>>,
    pub hostnames: Option<Vec<Text>>,
    pub spf_domains: Option<Vec<Text>>,
}

/// A policy record: API 2.0 flat, or either half of an API 1.0 record
/// (`{id, option, policy{…}}`: the outer object and the `policy` body are
/// read separately, so errors keep their exact path).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawPolicy {
    pub id: Option<Text>,
    pub option: Option<Text>,
    pub definition_id: Option<Text>,
    pub description: Option<Text>,
    pub comment: Option<Text>,
    pub from_part: Option<Text>,
    pub from: Option<RawTarget>,
    pub to: Option<RawTarget>,
    pub from_type: Option<Text>,
    pub from_value: Option<Text>,
    pub to_type: Option<Text>,
    pub to_value: Option<Text>,
    pub enabled: Option<Flag>,
    pub enforced: Option<Flag>,
    #[serde(rename = "override")]
    pub override_: Option<Flag>,
    pub bidirectional: Option<Flag>,
    pub from_eternal: Option<Flag>,
    pub to_eternal: Option<Flag>,
    pub from_date: Option<Text>,
    pub to_date: Option<Text>,
    pub from_date_time: Option<Text>,
    pub to_date_time: Option<Text>,
    pub conditions: Option<RawConditions>,
    #[serde(rename = "sourceIPs")]
    pub source_ips: Option<Vec<Text>>,
    pub hostnames: Option<Vec<Text>>,
    pub spf_domains: Option<Vec<Text>>,
}

/// An internal domain record (API 1.0 and 2.0 agree).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawDomain {
    pub id: Option<Text>,
    pub domain: Option<Text>,
    pub send_only: Option<Flag>,
    pub local: Option<Flag>,
    pub inbound_type: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn loose_scalars() {
        let p: RawPolicy = serde_json::from_value(
            json!({"id": 42, "enabled": "true", "override": 0, "extra": {}}),
        )
        .unwrap();
        assert_eq!(p.id, Some(Text("42".into())));
        assert_eq!(p.enabled, Some(Flag(true)));
        assert_eq!(p.override_, Some(Flag(false)));
        assert!(serde_json::from_value::<RawPolicy>(json!({"enabled": "maybe"})).is_err());
    }

    #[test]
    fn wrong_types_name_the_path() {
        let v = json!({"from": {"type": "email_domain"}, "conditions": {"sourceIPs": ["a", [1]]}, "enabled": [1]});
        let err = serde_path_to_error::deserialize::<_, RawPolicy>(&v).unwrap_err();
        assert_eq!(err.path().to_string(), "conditions.sourceIPs[1]");
        let v = json!({"enabled": [1]});
        let err = serde_path_to_error::deserialize::<_, RawPolicy>(&v).unwrap_err();
        assert_eq!(err.path().to_string(), "enabled");
        assert!(err.inner().to_string().contains("expected true or false"));
    }
}
