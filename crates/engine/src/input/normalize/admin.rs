//! `adminAuthentication`: the Default Administrator Authentication
//! Profile, the Admin IP Ranges and the API 2.0 applications, as recorded
//! from the console. One object; each part is optional (absent = not
//! recorded). An application that cannot be read is skipped with a warning
//! naming its JSON path; the rest is still read.

use serde::Deserialize;
use serde_json::Value;

use super::super::lists::records;
use super::super::raw::{Flag, Text};
use super::super::records::{text, Rec};
use super::super::Skipped;
use super::{join, kind_of};
use crate::model::{AdminAuthentication, AdminProfile, ApiApplication, Origin};

/// Two-step delivery methods the rules know (after lowercasing, with
/// spaces and dashes as `_`).
const METHODS: &[&str] = &["email", "sms", "third_party_app"];

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawProfile {
    exists: Option<Flag>,
    two_step_authentication: Option<Flag>,
    two_step_method: Option<Text>,
    enforce_saml: Option<Flag>,
    saml_provider: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawApplication {
    #[serde(alias = "applicationName")]
    name: Option<Text>,
    #[serde(alias = "applicationRole")]
    role: Option<Text>,
    products: Option<Products>,
    description: Option<Text>,
    enabled: Option<Flag>,
}

/// `products`: a list of names (or of `{name}` objects), or one text with
/// the names separated by commas.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Products {
    List(Vec<Product>),
    One(Text),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Product {
    Name(Text),
    Object { name: Text },
}

impl Products {
    fn names(self) -> Vec<String> {
        let all = match self {
            Products::List(l) => l
                .into_iter()
                .map(|p| match p {
                    Product::Name(t) | Product::Object { name: t } => t.0,
                })
                .collect(),
            Products::One(t) => t.0.split(',').map(str::to_string).collect::<Vec<_>>(),
        };
        all.into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }
}

fn sub_rec<'a>(r: &'a mut Rec, item: &'a Value, path: &'a str) -> Rec<'a> {
    Rec {
        text: None,
        item,
        path,
        file: r.file,
        status: r.status,
    }
}

/// Reads the whole `adminAuthentication` object.
pub fn admin_authentication(mut r: Rec) -> Result<AdminAuthentication, Skipped> {
    let Some(map) = r.item.as_object() else {
        return Err(Skipped(format!(
            "record at {} skipped: adminAuthentication: expected an object with adminProfile, adminIpRanges and/or apiApplications, found {}",
            super::super::detect::shown(r.path),
            kind_of(r.item)
        )));
    };
    let base = r.path.to_string();
    let mut out = AdminAuthentication::default();
    if let Some(v) = map.get("adminProfile").filter(|v| !v.is_null()) {
        let path = join(&base, "adminProfile");
        out.profile = Some(profile(sub_rec(&mut r, v, &path))?);
    }
    if let Some(v) = map.get("adminIpRanges").filter(|v| !v.is_null()) {
        let path = join(&base, "adminIpRanges");
        out.ip_ranges = Some(ip_ranges(v, &path, &mut r)?);
    }
    if let Some(v) = map.get("apiApplications").filter(|v| !v.is_null()) {
        let path = join(&base, "apiApplications");
        out.api_applications = Some(applications(v, &path, &mut r)?);
    }
    Ok(out)
}

fn profile(r: Rec) -> Result<AdminProfile, Skipped> {
    let raw: RawProfile = r.read()?;
    let given = text(&raw.two_step_method);
    let method = given
        .as_deref()
        .map(|m| m.to_ascii_lowercase().replace([' ', '-'], "_"));
    if let (Some(m), Some(given)) = (&method, &given) {
        if !METHODS.contains(&m.as_str()) {
            r.status.notes.push(format!(
                "{}: unknown value \"{given}\" kept as is",
                join(r.path, "twoStepMethod")
            ));
        }
    }
    Ok(AdminProfile {
        exists: raw.exists.map(|f| f.0),
        two_step: raw.two_step_authentication.map(|f| f.0),
        two_step_method: method,
        enforce_saml: raw.enforce_saml.map(|f| f.0),
        saml_provider: text(&raw.saml_provider),
        origin: r.origin(),
    })
}

fn ip_ranges(v: &Value, path: &str, r: &mut Rec) -> Result<Vec<String>, Skipped> {
    let r = sub_rec(r, v, path);
    let list: Vec<Text> = match v {
        Value::String(s) => s.split([',', '\n']).map(|p| Text(p.to_string())).collect(),
        _ => r.read()?,
    };
    Ok(list
        .into_iter()
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect())
}

fn applications(v: &Value, path: &str, r: &mut Rec) -> Result<Vec<ApiApplication>, Skipped> {
    let Some(list) = records(v, path) else {
        return Err(Skipped(format!(
            "record at {} skipped: {}: expected a list of applications, found {}",
            super::super::detect::shown(r.path),
            path,
            kind_of(v)
        )));
    };
    let mut out = Vec::new();
    for (p, item) in &list.items {
        match application(sub_rec(r, item, p)) {
            Ok(a) => out.push(a),
            Err(w) => r.status.warnings.push(w.0),
        }
    }
    Ok(out)
}

fn application(r: Rec) -> Result<ApiApplication, Skipped> {
    let raw: RawApplication = r.read()?;
    let origin: Origin = r.origin();
    Ok(ApiApplication {
        name: text(&raw.name).unwrap_or_else(|| origin.path.clone()),
        role: text(&raw.role),
        products: raw.products.map(Products::names).unwrap_or_default(),
        description: text(&raw.description),
        enabled: raw.enabled.map(|f| f.0),
        origin,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::input::{load_all, InputFile};

    #[test]
    fn a_loose_file_is_recognised_read_and_saved_as_an_object() {
        let doc = json!({
            "adminProfile": {"exists": true, "twoStepAuthentication": true, "twoStepMethod": "Third-Party App"},
            "adminIpRanges": "198.51.100.0/26, 203.0.113.7/32",
            "apiApplications": [{"applicationName": "SIEM", "applicationRole": "Super Administrator",
                                 "products": [{"name": "Archive"}, "Threats"], "enabled": "false", "clientSecret": "x"}]
        });
        let l = load_all(&[InputFile::new("admin.json", doc.to_string())]);
        assert!(l.statuses[0].is_ok(), "{:?}", l.statuses[0].error);
        let a = l.config.admin_authentication.as_ref().unwrap();
        let p = a.profile.as_ref().unwrap();
        assert_eq!(p.two_step_method.as_deref(), Some("third_party_app"));
        assert_eq!(
            a.ip_ranges.as_deref().unwrap(),
            ["198.51.100.0/26", "203.0.113.7/32"]
        );
        let app = &a.api_applications.as_ref().unwrap()[0];
        assert_eq!((app.name.as_str(), app.enabled), ("SIEM", Some(false)));
        assert_eq!(app.products, ["Archive", "Threats"]);
        assert_eq!(app.origin.path, "apiApplications[0]");

        let saved = crate::bundle::to_bundle(
            &l.config,
            chrono::DateTime::from_timestamp(0, 0).unwrap(),
            "t",
        );
        assert!(saved["adminAuthentication"].is_object(), "{saved}");
        let again = load_all(&[InputFile::new("b.json", saved.to_string())]);
        assert_eq!(
            again
                .config
                .admin_authentication
                .as_ref()
                .unwrap()
                .api_applications
                .as_ref()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn unknown_methods_are_kept_and_noted_and_bad_shapes_named() {
        let l = load_all(&[InputFile::new(
            "a.json",
            json!({"adminProfile": {"exists": true, "twoStepMethod": "carrier pigeon"}})
                .to_string(),
        )]);
        let s = &l.statuses[0];
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("adminProfile.twoStepMethod") && n.contains("carrier pigeon")),
            "{:?}",
            s.notes
        );
        let l = load_all(&[InputFile::new(
            "b.json",
            json!({"format": "mimecast-config-bundle", "version": 1, "adminAuthentication": {"adminProfile": {"exists": []}}}).to_string(),
        )]);
        let all = format!("{:?}", l.statuses[0]);
        assert!(
            all.contains("adminAuthentication.adminProfile.exists"),
            "{all}"
        );
        assert!(l.config.admin_authentication.is_none());
    }
}
