//! Two customers' exports are never mixed silently: a file that names
//! another account, or whose internal domains share none with what is
//! loaded, is flagged (a warning on the file, `otherTenant` in the report).

use engine::assessment::{other_tenant, Assessment};
use engine::{analyze, InputFile};

use crate::util::at;

fn bundle(name: &str, account: Option<&str>, domains: &[&str]) -> InputFile {
    let account = account
        .map(|a| format!(r#""account": {{"accountCode": "{a}", "accountName": "Customer {a}"}},"#))
        .unwrap_or_default();
    let domains: Vec<String> = domains
        .iter()
        .map(|d| format!(r#"{{"domain": "{d}"}}"#))
        .collect();
    InputFile::new(
        name,
        format!(
            r#"{{"format": "mimecast-config-bundle", "version": 1, {account}
                "internalDomains": [{}]}}"#,
            domains.join(",")
        ),
    )
}

#[test]
fn a_file_of_another_account_or_with_disjoint_domains_is_flagged() {
    let r = analyze(
        &[
            bundle("a.json", Some("C1"), &["a.example"]),
            bundle("b.json", Some("C2"), &["a.example"]),
        ],
        &at(),
    );
    let why = r.inputs[1].other_tenant.as_deref().expect("flagged");
    assert!(why.contains("C2") && why.contains("C1"), "{why}");
    assert!(r.inputs[1]
        .warnings
        .iter()
        .any(|w| w.contains("another customer")));
    assert!(r.inputs[0].other_tenant.is_none());

    let r = analyze(
        &[
            bundle("a.json", None, &["a.example"]),
            bundle("b.json", None, &["z.example"]),
        ],
        &at(),
    );
    assert!(r.inputs[1]
        .other_tenant
        .as_deref()
        .unwrap()
        .contains("z.example"));

    // The same tenant in several files (a domain in common) is not flagged.
    let r = analyze(
        &[
            bundle("a.json", None, &["a.example", "b.example"]),
            bundle("b.json", None, &["b.example"]),
            bundle("c.json", Some("C1"), &[]),
        ],
        &at(),
    );
    assert!(
        r.inputs.iter().all(|i| i.other_tenant.is_none()),
        "{:?}",
        r.inputs
    );
}

#[test]
fn files_to_add_are_checked_against_the_assessment_before_they_are_added() {
    let mut a = Assessment::new("a1", "Contoso", "", "2026-11-20");
    a.add_files(&[bundle("a.json", Some("C1"), &["contoso.example"])]);
    let loaded = engine::assessment::load_files(&a.files);
    assert!(other_tenant(&loaded, &[bundle("x.json", Some("C1"), &["x.example"])]).is_none());
    let other = other_tenant(&loaded, &[bundle("y.json", Some("C9"), &["y.example"])]).unwrap();
    assert!(other.why.contains("C9"), "{}", other.why);
    assert_eq!(other.tenant.account_name.as_deref(), Some("Customer C9"));
    // Nothing loaded yet: anything may be added.
    let empty = engine::assessment::load_files(&[]);
    assert!(other_tenant(&empty, &[bundle("y.json", Some("C9"), &[])]).is_none());
}
