//! The forms, as data. (Being filled in.)

use super::SectionForm;
use crate::engine::model::Section;

/// Every checklist form, in the order the checklist shows them.
pub fn forms() -> &'static [SectionForm] {
    &[]
}

/// The form of one section, if it has one.
pub fn form(section: Section) -> Option<&'static SectionForm> {
    forms().iter().find(|f| f.section == section)
}
