//! Reading and editing the records the checklist enters into an
//! [`Assessment`] (JSON in the bundle's own shape): the edits a checklist
//! form makes, as plain functions the app calls and native tests check.
//!
//! The record helpers themselves (defaults, duplicate, labels, the shape
//! the form edits, validation) are in [`crate::checklist`]; this module
//! finds records inside an assessment and applies edits to them.

use serde_json::{Map, Value};

use super::Assessment;
use crate::checklist::{self, FieldError, SectionForm};
use crate::input::list_items;
use crate::model::Section;

/// Which record of a form: an item of a repeating form, or the single
/// settings object of a non-repeating one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The item at this index of a repeating form's list.
    Item(usize),
    /// The settings object of a non-repeating form.
    Object,
}

impl Slot {
    /// For element ids.
    pub fn tag(self) -> String {
        match self {
            Slot::Item(i) => i.to_string(),
            Slot::Object => "settings".into(),
        }
    }
}

/// The entered items of a repeating section.
pub fn items(a: &Assessment, section: Section) -> &[Value] {
    a.entries.get(section.key()).map(list_items).unwrap_or(&[])
}

/// The entered settings object of a non-repeating form (the whole
/// section's value when the form has no `object_key`).
pub fn object<'a>(a: &'a Assessment, form: &SectionForm) -> Option<&'a Value> {
    let v = a.entries.get(form.section.key())?;
    if form.object_key.is_empty() {
        v.is_object().then_some(v)
    } else {
        v.get(form.object_key)
    }
}

/// [`object`], ready to edit.
fn object_mut<'a>(a: &'a mut Assessment, form: &SectionForm) -> Option<&'a mut Value> {
    let v = a.entries.get_mut(form.section.key())?;
    if form.object_key.is_empty() {
        v.is_object().then_some(v)
    } else {
        v.get_mut(form.object_key)
    }
}

/// The record in `slot` of a form, if there is one.
pub fn record<'a>(a: &'a Assessment, form: &SectionForm, slot: Slot) -> Option<&'a Value> {
    match slot {
        Slot::Item(i) => items(a, form.section).get(i),
        Slot::Object => object(a, form),
    }
}

/// The items of a repeating section as a plain array, ready to edit (a list
/// that came in a wrapped shape is unwrapped first).
fn items_mut(a: &mut Assessment, section: Section) -> &mut Vec<Value> {
    let key = section.key();
    let slot = a
        .entries
        .entry(key.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(list_items(slot).to_vec());
    }
    slot.as_array_mut().expect("just made an array")
}

/// A record ready to edit: brought into the shape the form edits first (a
/// record imported from a bundle may come in another shape).
fn record_mut<'a>(a: &'a mut Assessment, form: &SectionForm, slot: Slot) -> Option<&'a mut Value> {
    let rec = match slot {
        Slot::Item(i) if i < items(a, form.section).len() => items_mut(a, form.section).get_mut(i),
        Slot::Item(_) => None,
        Slot::Object => object_mut(a, form),
    }?;
    let shaped = checklist::editable(form, rec);
    if shaped != *rec {
        *rec = shaped;
    }
    Some(rec)
}

/// Brings every entered record into the shape the forms edit (records
/// imported from a bundle may come in an API shape); the analysis reads
/// them the same.
pub fn make_editable(a: &mut Assessment) {
    for form in checklist::forms() {
        if !a.entries.contains_key(form.section.key()) {
            continue;
        }
        if form.repeating {
            for rec in items_mut(a, form.section).iter_mut() {
                *rec = checklist::editable(form, rec);
            }
        } else if let Some(rec) = object_mut(a, form) {
            *rec = checklist::editable(form, rec);
        }
    }
}

/// Drops a section's entry once nothing is left in it.
fn tidy(a: &mut Assessment, section: Section) {
    let empty = match a.entries.get(section.key()) {
        Some(Value::Array(v)) => v.is_empty(),
        Some(Value::Object(m)) => m.is_empty(),
        Some(Value::Null) => true,
        _ => false,
    };
    if empty {
        a.entries.remove(section.key());
    }
}

/// Sets (or with `None`, removes) one field of a record.
pub fn set_field(
    a: &mut Assessment,
    form: &SectionForm,
    slot: Slot,
    key: &str,
    value: Option<Value>,
) {
    let Some(rec) = record_mut(a, form, slot) else {
        return;
    };
    match value {
        Some(v) => checklist::set(rec, key, v),
        None => remove(rec, key),
    }
}

/// Removes the value at a dotted key (and nothing else).
pub fn remove(record: &mut Value, key: &str) {
    let (parent, last) = match key.rsplit_once('.') {
        Some((p, l)) => (
            p.split('.').try_fold(&mut *record, |v, k| match v {
                Value::Array(items) => items.get_mut(k.parse::<usize>().ok()?),
                _ => v.get_mut(k),
            }),
            l,
        ),
        None => (Some(record), key),
    };
    if let Some(Value::Object(m)) = parent {
        m.remove(last);
    }
}

/// An id no record of the section uses yet: `definition-3`.
fn fresh_id(a: &Assessment, form: &SectionForm) -> String {
    let used: Vec<&str> = items(a, form.section)
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str))
        .collect();
    let stem = form.item.trim().replace(' ', "-").to_ascii_lowercase();
    let stem = if stem.is_empty() {
        "item".to_string()
    } else {
        stem
    };
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !used.contains(&id.as_str()))
        .expect("unbounded")
}

/// Adds a new record with the form's defaults. Returns its slot.
pub fn add(a: &mut Assessment, form: &SectionForm) -> Slot {
    if form.repeating {
        let id = fresh_id(a, form);
        let rec = checklist::new_record(form, &id);
        let list = items_mut(a, form.section);
        list.push(rec);
        Slot::Item(list.len() - 1)
    } else {
        let mut rec = checklist::new_record(form, "settings");
        // The settings object has no id of its own.
        if let Value::Object(m) = &mut rec {
            m.remove("id");
        }
        let slot = a
            .entries
            .entry(form.section.key().to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        if form.object_key.is_empty() {
            // The whole section: what was there stays, the form's defaults
            // fill in the rest.
            if let (Value::Object(have), Value::Object(new)) = (slot, rec) {
                for (k, v) in new {
                    have.entry(k).or_insert(v);
                }
            }
        } else {
            slot.as_object_mut()
                .expect("object")
                .insert(form.object_key.to_string(), rec);
        }
        Slot::Object
    }
}

/// Inserts a copy of item `i` right after it. Returns the copy's slot.
pub fn duplicate_item(a: &mut Assessment, form: &SectionForm, i: usize) -> Option<Slot> {
    if i >= items(a, form.section).len() {
        return None;
    }
    let id = fresh_id(a, form);
    let list = items_mut(a, form.section);
    let copy = checklist::duplicate(list.get(i)?, &id);
    list.insert(i + 1, copy);
    Some(Slot::Item(i + 1))
}

/// Removes one record (the settings object, for a non-repeating form).
pub fn remove_record(a: &mut Assessment, form: &SectionForm, slot: Slot) {
    match slot {
        Slot::Item(i) => {
            let list = items_mut(a, form.section);
            if i < list.len() {
                list.remove(i);
            }
        }
        Slot::Object if form.object_key.is_empty() => {
            a.entries.remove(form.section.key());
        }
        Slot::Object => {
            if let Some(Value::Object(m)) = a.entries.get_mut(form.section.key()) {
                m.remove(form.object_key);
            }
        }
    }
    tidy(a, form.section);
}

/// Whether a form's targets offer "Header Display Name" (Impersonation
/// Protection policies only, as in the console).
pub fn offers_display_name(section: Section) -> bool {
    section == Section::ImpersonationPolicies
}

/// The `(id, label)` of each entered record of a section (for a Reference).
pub fn reference_options(a: &Assessment, section: Section) -> Vec<(String, String)> {
    let Some(form) = checklist::form(section) else {
        return Vec::new();
    };
    items(a, section)
        .iter()
        .filter_map(|r| {
            let id = r.get("id").and_then(Value::as_str)?.to_string();
            let label = checklist::item_label(form, r);
            let label = if label.is_empty() || label == id {
                id.clone()
            } else {
                format!("{label} ({id})")
            };
            Some((id, label))
        })
        .collect()
}

/// Every problem of a record: the form's own checks plus its references.
pub fn problems(a: &Assessment, form: &SectionForm, slot: Slot) -> Vec<FieldError> {
    let Some(rec) = record(a, form, slot) else {
        return Vec::new();
    };
    let mut errors = checklist::validate(form, rec);
    errors.extend(checklist::validate_references(form, rec, &a.entries));
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spam_forms() -> (&'static SectionForm, &'static SectionForm) {
        (
            checklist::form(Section::SpamScanningDefinitions).unwrap(),
            checklist::form(Section::SpamScanningPolicies).unwrap(),
        )
    }

    #[test]
    fn items_are_added_with_fresh_ids_edited_duplicated_and_removed() {
        let (def, _) = spam_forms();
        let mut a = Assessment::default();
        assert_eq!(add(&mut a, def), Slot::Item(0));
        assert_eq!(add(&mut a, def), Slot::Item(1));
        let ids: Vec<&str> = items(&a, def.section)
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["definition-1", "definition-2"]);

        set_field(
            &mut a,
            def,
            Slot::Item(0),
            "description",
            Some(json!("Default")),
        );
        assert_eq!(
            record(&a, def, Slot::Item(0)).unwrap()["description"],
            "Default"
        );
        assert_eq!(duplicate_item(&mut a, def, 0), Some(Slot::Item(1)));
        let copy = record(&a, def, Slot::Item(1)).unwrap();
        assert_eq!(
            (copy["id"].as_str(), copy["description"].as_str()),
            (Some("definition-3"), Some("Default (copy)"))
        );

        set_field(&mut a, def, Slot::Item(0), "description", None);
        assert!(record(&a, def, Slot::Item(0))
            .unwrap()
            .get("description")
            .is_none());
        for _ in 0..3 {
            remove_record(&mut a, def, Slot::Item(0));
        }
        assert!(
            !a.entries.contains_key(def.section.key()),
            "an emptied section is dropped"
        );
        remove_record(&mut a, def, Slot::Item(5)); // out of range: nothing happens
        assert_eq!(duplicate_item(&mut a, def, 3), None);
        set_field(&mut a, def, Slot::Item(2), "description", Some(json!("x")));
        assert!(
            a.entries.is_empty(),
            "edits of missing items enter nothing: {:?}",
            a.entries
        );
    }

    #[test]
    fn a_settings_form_holds_one_object() {
        let form = checklist::form(Section::ThreatRemediation).unwrap();
        let mut a = Assessment::default();
        assert_eq!(add(&mut a, form), Slot::Object);
        let settings = object(&a, form).unwrap();
        assert!(
            settings.get("id").is_none(),
            "the settings object has no id"
        );
        remove_record(&mut a, form, Slot::Object);
        assert!(object(&a, form).is_none());
        assert!(!a.entries.contains_key(form.section.key()));
    }

    #[test]
    fn references_list_entered_records_and_problems_name_missing_ones() {
        let (def, pol) = spam_forms();
        let mut a = Assessment::default();
        add(&mut a, def);
        set_field(
            &mut a,
            def,
            Slot::Item(0),
            "description",
            Some(json!("Default")),
        );
        assert_eq!(
            reference_options(&a, Section::SpamScanningDefinitions),
            [(
                "definition-1".to_string(),
                "Default (definition-1)".to_string()
            )]
        );
        add(&mut a, pol);
        set_field(
            &mut a,
            pol,
            Slot::Item(0),
            "definitionId",
            Some(json!("nope")),
        );
        let problems = problems(&a, pol, Slot::Item(0));
        assert!(
            problems.iter().any(|p| p.key == "definitionId"),
            "{problems:?}"
        );
        set_field(
            &mut a,
            pol,
            Slot::Item(0),
            "definitionId",
            Some(json!("definition-1")),
        );
        assert!(!problems_of(&a, pol).iter().any(|p| p.key == "definitionId"));
        assert!(offers_display_name(Section::ImpersonationPolicies));
        assert!(!offers_display_name(Section::SpamScanningPolicies));
    }

    fn problems_of(a: &Assessment, form: &SectionForm) -> Vec<FieldError> {
        problems(a, form, Slot::Item(0))
    }

    #[test]
    fn imported_records_are_brought_into_the_shape_the_forms_edit() {
        let (_, pol) = spam_forms();
        let mut a = Assessment::default();
        // An API 1.0 shaped policy record, as a bundle may hold it.
        a.entries.insert(
            pol.section.key().into(),
            json!({"data": [{"policy": {"description": "Inbound", "from": {"type": "everyone"}, "to": {"type": "internal_addresses"}}, "id": "p1"}]}),
        );
        make_editable(&mut a);
        let r = &items(&a, pol.section)[0];
        assert_eq!(r["description"], "Inbound", "{r}");
        assert_eq!(
            r,
            &checklist::editable(pol, r),
            "editing it again changes nothing"
        );
    }
}
