//! The account's licensed packages (catalog wave 2): a `get-account`
//! record's `packages` (names, or `{id, name, code}` objects) and the
//! product names of a `get-packages` answer, merged into one list under
//! `account.packages`.

use serde_json::{Map, Value};

/// The account record of a bundle's `account`: the object itself, or the
/// first record of a `get-account` envelope saved there as is.
pub fn bundle_account(account: &Value) -> Option<Value> {
    match account.get("data") {
        Some(Value::Array(list)) => list.first().filter(|r| r.is_object()).cloned(),
        _ => account.is_object().then(|| account.clone()),
    }
}

/// The product names of a `get-packages` answer's records
/// (`products` a list of `{id, name}` objects, or one such object, or names).
pub fn product_names<'a>(records: impl Iterator<Item = &'a Value>) -> Vec<Value> {
    let mut names = Vec::new();
    for r in records {
        let products = match r.get("products") {
            Some(Value::Array(a)) => a.iter().collect::<Vec<_>>(),
            Some(v @ Value::Object(_)) => vec![v],
            Some(v @ Value::String(_)) => vec![v],
            _ => continue,
        };
        for p in products {
            if let Some(n) = package_name(p) {
                push_new(&mut names, Value::String(n));
            }
        }
    }
    names
}

/// A package entry's name: the text itself, or an object's `name`, else
/// its `code`, else its `id`.
pub fn package_name(p: &Value) -> Option<String> {
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

fn push_new(list: &mut Vec<Value>, entry: Value) {
    let key = package_name(&entry).map(|n| n.to_ascii_lowercase());
    if key.is_none()
        || !list
            .iter()
            .any(|e| package_name(e).map(|n| n.to_ascii_lowercase()) == key)
    {
        list.push(entry);
    }
}

/// Adds `packages` to the account's `packages` list (each name once; the
/// entries already there keep their shape).
pub fn add_packages(account: &mut Map<String, Value>, packages: Vec<Value>) {
    let list = account
        .entry("packages")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        let one = std::mem::take(list);
        *list = Value::Array(if one.is_null() { vec![] } else { vec![one] });
    }
    let Value::Array(list) = list else {
        return;
    };
    for p in packages {
        push_new(list, p);
    }
}

/// Two accounts loaded from different files: the first one's fields win,
/// fields only the second has are added, and the packages of both are
/// kept (a `get-account` and a `get-packages` file complete each other).
pub fn merge(into: Option<Value>, from: Option<Value>) -> Option<Value> {
    match (into, from) {
        (Some(Value::Object(mut a)), Some(Value::Object(b))) => {
            let packages = match b.get("packages") {
                Some(Value::Array(p)) => p.clone(),
                Some(Value::Null) | None => Vec::new(),
                Some(one) => vec![one.clone()],
            };
            for (k, v) in b {
                if k != "packages" {
                    a.entry(k).or_insert(v);
                }
            }
            if !packages.is_empty() {
                add_packages(&mut a, packages);
            }
            Some(Value::Object(a))
        }
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::load_all;
    use crate::InputFile;
    use serde_json::json;

    fn load(files: &[(&str, Value)]) -> crate::input::Loaded {
        load_all(
            &files
                .iter()
                .map(|(n, v)| InputFile::new(*n, v.to_string()))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn get_account_and_get_packages_complete_each_other() {
        let account = json!({"meta": {"status": 200}, "fail": [], "data": [
            {"accountCode": "CUSA00A000", "accountName": "Example Ltd", "region": "us", "mailPlatform": "office365",
             "packages": ["Email Security Cloud Gateway", {"id": "7", "name": "Targeted Threat Protection - URL Protect", "code": "TTP-URL"}]}]});
        let packages = json!({"meta": {"status": 200}, "fail": [], "data": [
            {"products": [{"id": "1", "name": "Targeted Threat Protection - URL Protect"},
                          {"id": "2", "name": "Targeted Threat Protection - Attachment Protect"}]}]});
        for order in [[0, 1], [1, 0]] {
            let files = [
                ("get-account.json", account.clone()),
                ("get-packages.json", packages.clone()),
            ];
            let l = load(&[files[order[0]].clone(), files[order[1]].clone()]);
            for s in &l.statuses {
                assert!(s.error.is_none(), "{:?}", s.error);
            }
            let a = l.config.account.expect("account");
            assert_eq!(a["accountCode"], "CUSA00A000");
            let names: Vec<String> = a["packages"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(package_name)
                .collect();
            assert_eq!(names.len(), 3, "{names:?}");
            assert!(names.iter().any(|n| n.contains("Attachment Protect")));
            assert!(names.iter().any(|n| n == "Email Security Cloud Gateway"));
        }
    }

    #[test]
    fn a_bundle_account_may_be_an_envelope_or_a_bare_record() {
        for account in [
            json!({"meta": {"status": 200}, "data": [{"accountCode": "C1", "packages": [{"id": "1", "name": "Archive"}]}], "fail": []}),
            json!({"accountCode": "C1", "packages": [{"id": "1", "name": "Archive"}]}),
        ] {
            let bundle = json!({"format": "mimecast-config-bundle", "version": 1, "account": account, "internalDomains": []});
            let l = load(&[("b.json", bundle)]);
            let a = l.config.account.expect("account");
            assert_eq!(a["accountCode"], "C1");
            assert_eq!(a["packages"][0]["name"], "Archive");
        }
    }

    #[test]
    fn a_get_packages_answer_is_the_account_but_an_api_application_is_not() {
        use crate::input::detect::{detect, Detected};
        let packages = json!({"data": [{"products": [{"id": "1", "name": "Archive"}]}]});
        assert_eq!(detect(&packages, "x.json").unwrap(), Detected::Account);
        let app = json!({"data": [{"applicationName": "SIEM", "products": ["Email"], "role": "Basic Administrator"}]});
        assert_ne!(detect(&app, "x.json").ok(), Some(Detected::Account));
    }

    #[test]
    fn package_names_of_every_shape() {
        assert_eq!(package_name(&json!("A")), Some("A".into()));
        assert_eq!(
            package_name(&json!({"code": "X", "id": 3})),
            Some("X".into())
        );
        assert_eq!(package_name(&json!({"id": 3})), Some("3".into()));
        assert_eq!(package_name(&json!({})), None);
        let mut a = Map::new();
        a.insert("packages".into(), json!("Single"));
        add_packages(&mut a, vec![json!("single"), json!("Other")]);
        assert_eq!(a["packages"], json!(["Single", "Other"]));
    }
}
