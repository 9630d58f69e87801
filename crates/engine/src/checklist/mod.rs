//! The guided console checklist: one form per console-only section,
//! described as data (labels and order as in the Administration Console),
//! plus validation and small helpers to edit records. The checklist writes
//! records in the bundle's own shape, so entered data is read by the same
//! input layer as files.

mod forms;
mod validate;
mod values;

#[cfg(test)]
mod tests;

pub use forms::{form, forms, TARGET_TYPES};
pub use validate::{validate, validate_references, FieldError};
pub use values::{
    duplicate, editable, flag, get, item_label, new_item, new_record, set, target_value_key,
};

use crate::model::Section;

/// One allowed value of a drop-down: what the bundle stores, and the label
/// the console shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// What the bundle stores.
    pub value: &'static str,
    /// What the console shows.
    pub label: &'static str,
}

/// What kind of input a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A whole number within bounds.
    Number {
        /// The smallest value allowed.
        min: i64,
        /// The largest value allowed.
        max: i64,
    },
    /// A checkbox (stored as true/false).
    Flag,
    /// A drop-down with exactly these values.
    Select(&'static [Choice]),
    /// One value per line (stored as an array of strings).
    Lines,
    /// One CIDR range per line (stored as an array of strings; validated).
    Cidrs,
    /// A date (YYYY-MM-DD, stored as text).
    Date,
    /// Pick one of the records entered in another section (stored as that
    /// record's `id`), e.g. a policy's definition.
    Reference(Section),
    /// A policy target (Applies From / Applies To): a type drop-down plus a
    /// value whose meaning depends on the type; stored as an object
    /// `{type, domain | emailAddress | groupId | headerDisplayName}`.
    Target,
    /// A list of small records inside the record (an account's API
    /// applications), each with its own fields; stored as an array of
    /// objects. Absent until the first item is added; an empty array
    /// records "none".
    Records {
        /// What one item is called: "application".
        item: &'static str,
        /// The fields of one item (no nested lists, targets or references).
        fields: &'static [Field],
    },
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Where the value lives in the record, dotted for nested objects
    /// (`spf.failAction`).
    pub key: &'static str,
    /// The console's label for it.
    pub label: &'static str,
    /// A short hint shown under the field (empty for none).
    pub help: &'static str,
    /// What kind of input it is.
    pub kind: FieldKind,
    /// The field must be filled in.
    pub required: bool,
}

/// A titled group of fields, as the console groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// The group's heading.
    pub title: &'static str,
    /// Its fields, in console order.
    pub fields: &'static [Field],
}

/// The form of one console-only section. Its title and console path are
/// the section's own ([`Section::console_title`], [`Section::console_path`]):
/// one table names every section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionForm {
    /// The section the form fills in.
    pub section: Section,
    /// True for lists of items (definitions, policies, tasks, monitors);
    /// false for a single settings object (Threat Remediation settings).
    pub repeating: bool,
    /// What one item is called: "definition", "policy", "task" …
    pub item: &'static str,
    /// The form's field groups, in console order.
    pub groups: &'static [Group],
    /// Where the single object is stored inside the section, for
    /// non-repeating forms (`settings` for Threat Remediation); empty for
    /// repeating forms, and for single objects that are the whole section
    /// (`adminAuthentication`, `dangerousFileTypes`).
    pub object_key: &'static str,
}

impl SectionForm {
    /// "Spam Scanning definitions": the section as the console names it.
    pub fn title(&self) -> &'static str {
        self.section.console_title()
    }

    /// Where it lives: "Policies > Gateway Policies > Definitions > Spam
    /// Scanning".
    pub fn console_path(&self) -> &'static str {
        self.section.console_path()
    }
}
