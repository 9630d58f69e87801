//! Sample exports built into the app and the CLI, so the first screen is
//! useful before a user has any file of their own.

use super::InputFile;

/// The sample the app opens: a tenant with a pitfall for every rule.
pub fn pitfall_tenant() -> Vec<InputFile> {
    vec![InputFile::new(
        "pitfall-tenant.bundle.json",
        &include_bytes!("../../../samples/pitfall-tenant.bundle.json")[..],
    )]
}

/// A well-configured tenant on which no rule fires.
pub fn clean_tenant() -> Vec<InputFile> {
    vec![InputFile::new(
        "clean-tenant.bundle.json",
        &include_bytes!("../../../samples/clean-tenant.bundle.json")[..],
    )]
}

/// A small tenant with two pitfalls, as raw API responses (three files).
pub fn demo_tenant() -> Vec<InputFile> {
    vec![
        InputFile::new(
            "internal-domains.json",
            &include_bytes!("../../../samples/demo-tenant/internal-domains.json")[..],
        ),
        InputFile::new(
            "anti-spoofing-policies.json",
            &include_bytes!("../../../samples/demo-tenant/anti-spoofing-policies.json")[..],
        ),
        InputFile::new(
            "spf-bypass-policies.json",
            &include_bytes!("../../../samples/demo-tenant/spf-bypass-policies.json")[..],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use crate::report::Status;
    use crate::{analyze, Options};

    #[test]
    fn demo_tenant_loads_cleanly_and_shows_its_pitfalls() {
        let r = analyze(&super::demo_tenant(), &Options::default());
        assert!(
            r.inputs
                .iter()
                .all(|i| i.status == crate::report::InputStatus::Ok && i.warnings.is_empty()),
            "{:#?}",
            r.inputs
        );
        let status = |c: &str| r.results.iter().find(|x| x.code == c).unwrap();
        assert_eq!(status("ASP001").status, Status::Fail);
        assert_eq!(status("ASP001").findings.len(), 1);
        let asp003 = status("ASP003");
        assert_eq!(
            asp003
                .findings
                .iter()
                .map(|f| f.object.as_str())
                .collect::<Vec<_>>(),
            ["northwind-shop.example"]
        );
    }
}
