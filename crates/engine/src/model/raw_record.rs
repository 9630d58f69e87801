//! One record exactly as it was loaded, kept as JSON text rather than a
//! tree of values: a big tenant's raw copy then costs about the size of its
//! text instead of several times that.

use serde_json::value::RawValue;
use serde_json::Value;

/// A record as loaded (wire shape, unknown fields included), as JSON text.
#[derive(Debug, Clone)]
pub struct RawRecord(Box<RawValue>);

impl RawRecord {
    /// The record a parsed value holds (written compactly).
    pub fn from_value(value: &Value) -> Self {
        RawRecord(serde_json::value::to_raw_value(value).expect("a JSON value always serialises"))
    }

    /// The record at a slice of parsed JSON text, as written there.
    pub fn from_raw(raw: &RawValue) -> Self {
        RawRecord(raw.to_owned())
    }

    /// The record's JSON text.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The record as a JSON value (parsed again; the text is valid JSON).
    pub fn value(&self) -> Value {
        serde_json::from_str(self.0.get()).unwrap_or(Value::Null)
    }
}

/// Two records are equal when they say the same thing, whatever their
/// spacing or the order of their fields.
impl PartialEq for RawRecord {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text() || self.value() == other.value()
    }
}

impl From<Value> for RawRecord {
    fn from(value: Value) -> Self {
        RawRecord::from_value(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_and_value_round_trip() {
        let v = json!({"b": [1, "x"], "a": {"c": null}});
        let r = RawRecord::from_value(&v);
        assert_eq!(r.value(), v);
        let raw: Box<RawValue> =
            serde_json::from_str("{ \"a\": {\"c\": null},\n \"b\": [1, \"x\"] }").unwrap();
        let spaced = RawRecord::from_raw(&raw);
        assert_eq!(
            spaced.text(),
            "{ \"a\": {\"c\": null},\n \"b\": [1, \"x\"] }"
        );
        assert_eq!(spaced, r);
        assert_ne!(spaced, RawRecord::from_value(&json!({"a": 1})));
    }
}
