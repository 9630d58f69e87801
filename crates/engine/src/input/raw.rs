//! Wire shapes, exactly as the two API generations send them. Loose on
//! purpose: unknown fields are ignored, strings and numbers are accepted
//! where either appears, and a one-element array stands for an object.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A string that may arrive as a JSON number or boolean too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Reads a [`Text`] without building a value tree: the string is taken as
/// the parser hands it, numbers and booleans are written as a
/// `serde_json::Value` would write them.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => Ok(Text(n.to_string())),
            None => Err(found("text", "null")),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Err(found("text", "null"))
    }

    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Err(found("text", "null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Err(found("text", "a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(found("text", "an object"))
    }
}

/// The error of a value of the wrong kind: `expected text, found a list`.
fn found<E: de::Error>(expected: &str, kind: &str) -> E {
    E::custom(format!("expected {expected}, found {kind}"))
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
    /// An address alteration policy's Address Alteration Set.
    pub address_alteration_set_id: Option<Text>,
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
    fn text_is_read_from_the_text_as_a_value_tree_would_write_it() {
        let read = |j: &str| serde_json::from_str::<Text>(j).map(|t| t.0);
        let from_value = |j: &str| {
            let v: serde_json::Value = serde_json::from_str(j).unwrap();
            serde_json::from_value::<Text>(v).map(|t| t.0)
        };
        for (j, want) in [
            (r#""a\u00e9b""#, "aéb"),
            ("42", "42"),
            ("-7", "-7"),
            ("1.0", "1.0"),
            ("2.5e3", "2500.0"),
            ("true", "true"),
        ] {
            assert_eq!(read(j).unwrap(), want, "{j}");
            assert_eq!(from_value(j).unwrap(), want, "{j}");
        }
        for (j, kind) in [
            ("null", "null"),
            ("[1, [2]]", "a list"),
            (r#"{"a": {}}"#, "an object"),
        ] {
            let err = from_value(j).unwrap_err().to_string();
            assert_eq!(err, format!("expected text, found {kind}"), "{j}");
            let err = read(j).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("expected text, found {kind}")),
                "{j}: {err}"
            );
        }
    }

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
