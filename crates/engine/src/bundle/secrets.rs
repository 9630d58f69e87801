//! Secrets never leave in a saved bundle: a `password` key anywhere in a
//! record (a journaling service's POP3 mailbox password, for one) is
//! dropped, whatever its case.

use serde_json::Value;

/// `value` without any `password` key, at any depth.
pub fn without_passwords(mut value: Value) -> Value {
    drop_passwords(&mut value);
    value
}

fn drop_passwords(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !k.eq_ignore_ascii_case("password"));
            map.values_mut().for_each(drop_passwords);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_passwords),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{input::load_all, InputFile};
    use serde_json::json;

    #[test]
    fn passwords_are_dropped_at_any_depth() {
        let v = json!({"a": {"Password": "x", "b": [{"password": "y", "c": 1}]}, "passwordHint": "kept"});
        assert_eq!(
            without_passwords(v),
            json!({"a": {"b": [{"c": 1}]}, "passwordHint": "kept"})
        );
    }

    #[test]
    fn a_saved_bundle_holds_no_journaling_password() {
        let raw = json!({"services": [{"id": "j1", "enabled": true, "transferProtocol": "pop3",
            "pop3JournalingConnection": {"host": "mail.example.com", "port": 110, "password": "hunter2", "usesPOP3S": false}}],
            "meta": {}});
        let loaded = load_all(&[InputFile::new("journaling.json", raw.to_string())]);
        assert!(loaded.statuses[0].error.is_none());
        let text =
            crate::bundle::write_bundle(&loaded.config, chrono::DateTime::UNIX_EPOCH, "test");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("mail.example.com"));
        // The bundle still reads back the same service.
        let again = load_all(&[InputFile::new("b.json", text)]);
        assert_eq!(again.config.gateway_services.journaling.len(), 1);
    }
}
