//! Assessments saved as bundle files: recognising a loaded file that is
//! one, reading it back (with the fix-ups an import needs), and the file
//! name an exported one gets.

use serde_json::Value;

use super::{is_entered_section, Assessment, Meta, StoredFile};
use crate::bundle;
use crate::input::{decode_text, is_bundle, InputFile};
use crate::model::Section;

/// What an assessment nobody has named yet is called where a name must be
/// shown. It is a display fallback only: new assessments start with an empty
/// customer (the app shows a placeholder); earlier versions stored this text
/// as the customer, and such assessments still count as unnamed.
pub const UNTITLED: &str = "Untitled assessment";

/// `customer` names nobody: empty, or [`UNTITLED`] as stored by earlier
/// versions.
pub fn is_untitled(customer: &str) -> bool {
    let c = customer.trim();
    c.is_empty() || c == UNTITLED
}

/// A customer name for display: [`UNTITLED`] when it names nobody.
pub fn display_customer(customer: &str) -> &str {
    if is_untitled(customer) {
        UNTITLED
    } else {
        customer.trim()
    }
}

/// Why a file could not be read back as an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON (the parser's message).
    NotJson(String),
    /// JSON, but not an object.
    NotAnObject,
    /// An object without `"format": "mimecast-config-bundle"`.
    NotOurs,
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::NotJson(e) => write!(f, "not a bundle: {e}"),
            BundleError::NotAnObject => f.write_str("not a bundle (expected an object)"),
            BundleError::NotOurs => write!(
                f,
                "not a bundle of this tool (no \"format\": \"{}\")",
                bundle::FORMAT
            ),
        }
    }
}

impl std::error::Error for BundleError {}

/// A loaded file that is itself a saved assessment (a bundle with an
/// `assessment` block): the app offers to open it as one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedAssessment {
    /// The file's name.
    pub name: String,
    /// Its text (decoded), to import.
    pub text: String,
    /// The customer the assessment is about.
    pub customer: String,
    /// The assessment's date.
    pub date: String,
}

/// The saved assessment `f` holds, if it is one.
pub fn saved_assessment(f: &InputFile) -> Option<SavedAssessment> {
    let text = decode_text(&f.bytes).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if !is_bundle(&v) {
        return None;
    }
    let meta = v.get("assessment")?;
    let s = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(SavedAssessment {
        name: f.name.clone(),
        customer: s("customer"),
        date: s("date"),
        text,
    })
}

impl Assessment {
    /// A fresh assessment of nobody yet (empty customer), dated `today`
    /// (`YYYY-MM-DD`).
    pub fn blank(id: impl Into<String>, today: &str) -> Assessment {
        Assessment::new(id, "", "", today)
    }

    /// No customer name was given (empty, or [`UNTITLED`] as stored by
    /// earlier versions).
    pub fn is_untitled(&self) -> bool {
        is_untitled(&self.customer)
    }

    /// The customer's name for display: [`UNTITLED`] when none was given.
    pub fn display_name(&self) -> &str {
        display_customer(&self.customer)
    }

    /// The customer's name for an input field: empty (so the field shows
    /// its placeholder) when none was given, also for assessments stored
    /// with [`UNTITLED`] as their customer.
    pub fn customer_input(&self) -> &str {
        if self.is_untitled() {
            ""
        } else {
            &self.customer
        }
    }

    /// A new assessment as the user started it: the customer name stays
    /// empty when none was given, an empty date becomes `today`; names are
    /// trimmed.
    pub fn started(
        id: String,
        customer: &str,
        assessor: &str,
        date: &str,
        today: &str,
    ) -> Assessment {
        let customer = customer.trim();
        let date = if date.trim().is_empty() {
            today
        } else {
            date.trim()
        };
        Assessment::new(id, customer, assessor.trim(), date)
    }

    /// The file name of this assessment's exported bundle:
    /// `northwind-traders-2026-11-28.bundle.json` (customer in lower case,
    /// anything but letters and digits as single dashes).
    pub fn bundle_file_name(&self) -> String {
        let slug = self
            .customer
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        match (slug.is_empty(), self.date.is_empty()) {
            (true, _) => "mimecast-config.bundle.json".to_string(),
            (false, true) => format!("{slug}.bundle.json"),
            (false, false) => format!("{slug}-{}.bundle.json", self.date),
        }
    }

    /// Reads an assessment back from a bundle: console-only sections become
    /// editable entries again; the rest is kept as one file.
    pub fn from_bundle(name: &str, text: &str) -> Result<Assessment, BundleError> {
        let v: Value =
            serde_json::from_str(text).map_err(|e| BundleError::NotJson(e.to_string()))?;
        let Value::Object(mut map) = v else {
            return Err(BundleError::NotAnObject);
        };
        if map.get("format").and_then(Value::as_str) != Some(bundle::FORMAT) {
            return Err(BundleError::NotOurs);
        }
        let meta: Option<Meta> = map
            .remove("assessment")
            .and_then(|m| serde_json::from_value(m).ok());
        let acceptances = map
            .remove("acceptances")
            .and_then(|a| serde_json::from_value(a).ok())
            .unwrap_or_default();
        let assignments = map
            .remove("assignments")
            .and_then(|a| serde_json::from_value(a).ok())
            .unwrap_or_default();
        let mut a = match meta {
            Some(m) => Assessment {
                id: m.id,
                customer: m.customer,
                assessor: m.assessor,
                date: m.date,
                status: m.status,
                prefer: m.prefer,
                analysis_date: m.analysis_date,
                ..Default::default()
            },
            None => Assessment::default(),
        };
        a.acceptances = acceptances;
        a.assignments = assignments;
        for s in Section::ALL
            .iter()
            .copied()
            .filter(|s| is_entered_section(*s))
        {
            let Some(v) = map.remove(s.key()) else {
                continue;
            };
            if s == Section::ThreatRemediation {
                // Settings are entered; incidents come from the API and stay in the file.
                let mut obj = v.as_object().cloned().unwrap_or_default();
                if let Some(settings) = obj.remove("settings") {
                    a.entries
                        .insert(s.key().into(), serde_json::json!({ "settings": settings }));
                }
                if !obj.is_empty() {
                    map.insert(s.key().into(), Value::Object(obj));
                }
                continue;
            }
            a.entries.insert(s.key().into(), v);
        }
        let has_sections = map.keys().any(|k| Section::from_key(k).is_some());
        if has_sections {
            let file = InputFile::new(
                name,
                serde_json::to_string_pretty(&Value::Object(map)).expect("plain data"),
            );
            a.files.push(StoredFile::from_input(&file));
        }
        Ok(a)
    }

    /// Imports a saved assessment the way the app opens one: entered
    /// records brought into the shape the forms edit; a new id when it has
    /// none or `taken` says its id is already in use (then the customer is
    /// marked "(imported copy)"); the file name as customer when none is
    /// given; `today` when it has no date.
    pub fn import(
        name: &str,
        text: &str,
        taken: impl Fn(&str) -> bool,
        fresh_id: impl FnOnce() -> String,
        today: &str,
    ) -> Result<Assessment, BundleError> {
        let mut a = Assessment::from_bundle(name, text)?;
        super::records::make_editable(&mut a);
        if a.id.is_empty() || taken(&a.id) {
            let existed = !a.id.is_empty();
            a.id = fresh_id();
            if existed {
                a.customer = format!("{} (imported copy)", a.customer);
            }
        }
        if a.customer.trim().is_empty() {
            a.customer = name
                .trim_end_matches(".json")
                .trim_end_matches(".bundle")
                .to_string();
        }
        if a.date.is_empty() {
            a.date = today.to_string();
        }
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_file_names_come_from_customer_and_date() {
        let mut a = Assessment::new("x", "Northwind Traders (UK)", "", "2026-11-28");
        assert_eq!(
            a.bundle_file_name(),
            "northwind-traders-uk-2026-11-28.bundle.json"
        );
        a.date.clear();
        assert_eq!(a.bundle_file_name(), "northwind-traders-uk.bundle.json");
        a.customer = " -- ".into();
        assert_eq!(a.bundle_file_name(), "mimecast-config.bundle.json");
    }

    #[test]
    fn a_started_assessment_gets_defaults_for_what_was_left_empty() {
        let a = Assessment::started("i".into(), "  ", " Ann ", "", "2026-12-01");
        assert_eq!(
            (a.customer.as_str(), a.assessor.as_str(), a.date.as_str()),
            ("", "Ann", "2026-12-01")
        );
        let b = Assessment::blank("j", "2026-12-01");
        assert_eq!((b.customer.as_str(), b.date.as_str()), ("", "2026-12-01"));
        assert!(a.is_untitled() && b.is_untitled());
        assert_eq!(b.display_name(), UNTITLED);
        assert_eq!(b.customer_input(), "");
    }

    #[test]
    fn an_assessment_stored_as_untitled_still_reads_as_unnamed() {
        let old = Assessment::new("o", UNTITLED, "", "2026-01-01");
        assert!(old.is_untitled());
        assert_eq!(old.customer_input(), "");
        assert_eq!(old.display_name(), UNTITLED);
        let named = Assessment::new("n", " Contoso ", "", "2026-01-01");
        assert!(!named.is_untitled());
        assert_eq!(named.display_name(), "Contoso");
        assert_eq!(named.customer_input(), " Contoso ");
        assert_eq!(display_customer(""), UNTITLED);
        assert_eq!(display_customer("Fabrikam"), "Fabrikam");
        assert!(is_untitled(" ") && !is_untitled("Fabrikam"));
    }

    #[test]
    fn an_import_gets_a_new_id_when_its_own_is_taken_and_names_itself() {
        let mut original = Assessment::new("a1", "Contoso", "Ann", "2026-11-02");
        original.entries.insert(
            "spamScanningDefinitions".into(),
            serde_json::json!([{"id": "d1", "description": "Default"}]),
        );
        let text = original.to_bundle(crate::model::parse_date("2026-11-02").unwrap());
        let same = Assessment::import("c.json", &text, |_| false, || unreachable!(), "2026-12-01")
            .unwrap();
        assert_eq!(
            (same.id.as_str(), same.customer.as_str()),
            ("a1", "Contoso")
        );
        let copy = Assessment::import(
            "c.json",
            &text,
            |id| id == "a1",
            || "a2".into(),
            "2026-12-01",
        )
        .unwrap();
        assert_eq!(
            (copy.id.as_str(), copy.customer.as_str()),
            ("a2", "Contoso (imported copy)")
        );
        assert_eq!(copy.entries, same.entries);

        let bare = r#"{"format":"mimecast-config-bundle","version":1,"internalDomains":[]}"#;
        let named = Assessment::import(
            "acme.bundle.json",
            bare,
            |_| false,
            || "a3".into(),
            "2026-12-01",
        )
        .unwrap();
        assert_eq!(
            (
                named.id.as_str(),
                named.customer.as_str(),
                named.date.as_str(),
                named.files.len()
            ),
            ("a3", "acme", "2026-12-01", 1)
        );
        assert_eq!(
            Assessment::import("x.json", "{}", |_| false, || "z".into(), "d").unwrap_err(),
            BundleError::NotOurs
        );
    }

    #[test]
    fn only_bundles_with_an_assessment_block_are_saved_assessments() {
        let a = Assessment::new("a1", "Contoso", "", "2026-11-02");
        let text = a.to_bundle(crate::model::parse_date("2026-11-02").unwrap());
        let found = saved_assessment(&InputFile::new("c.json", text.clone())).unwrap();
        assert_eq!(
            (found.customer.as_str(), found.date.as_str()),
            ("Contoso", "2026-11-02")
        );
        let plain = r#"{"format":"mimecast-config-bundle","version":1,"internalDomains":[]}"#;
        assert!(saved_assessment(&InputFile::new("b.json", plain)).is_none());
        assert!(saved_assessment(&InputFile::new("x.json", "[1,2]")).is_none());
        assert!(saved_assessment(&InputFile::new("x.json", vec![0xff, 0x00])).is_none());
    }
}
