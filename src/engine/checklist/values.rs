//! Reading and writing record values by dotted key. (Being filled in.)

use serde_json::Value;

use super::SectionForm;

/// The value at a dotted key (`spf.failAction`), if any.
pub fn get<'a>(record: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(record, |v, k| v.get(k))
}

/// Sets the value at a dotted key, creating objects on the way.
pub fn set(record: &mut Value, key: &str, value: Value) {
    let mut cur = record;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, k) in parts.iter().enumerate() {
        if !cur.is_object() {
            *cur = Value::Object(Default::default());
        }
        let map = cur.as_object_mut().expect("just made an object");
        if i == parts.len() - 1 {
            map.insert(k.to_string(), value);
            return;
        }
        cur = map.entry(k.to_string()).or_insert_with(|| Value::Object(Default::default()));
    }
}

/// A new record with the form's defaults and a fresh id.
pub fn new_record(_form: &SectionForm, id: &str) -> Value {
    serde_json::json!({ "id": id })
}
