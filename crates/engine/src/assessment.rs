//! An assessment: one customer's health check. It holds the files loaded
//! for the tenant and the console-only settings entered through the
//! checklist, and turns both into one report. It saves as a bundle (with an
//! `assessment` block) and reads back from one unchanged.

use std::collections::BTreeMap;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::input::{self, InputFile, Loaded};
use super::model::{Config, Section, SectionOrigin};
use super::{bundle, report_for, Options, Report};

pub use saved::{
    display_customer, is_untitled, saved_assessment, BundleError, SavedAssessment, UNTITLED,
};

/// The name entered data carries in reports and evidence.
pub const ENTERED: &str = "checklist (entered)";

/// A file loaded into an assessment, kept as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredFile {
    /// The file name, as loaded.
    pub name: String,
    /// The section the user chose for it, when it was ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The bytes, base64.
    pub data: String,
}

impl StoredFile {
    /// Stores an input file as it was loaded (bytes as base64).
    pub fn from_input(f: &InputFile) -> StoredFile {
        StoredFile {
            name: f.name.clone(),
            section: f.section.map(|s| s.key().to_string()),
            data: base64::engine::general_purpose::STANDARD.encode(&f.bytes),
        }
    }

    /// The input file again, with its section choice; bytes that are not valid
    /// base64 come back empty.
    pub fn to_input(&self) -> InputFile {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.data)
            .unwrap_or_default();
        InputFile::new(self.name.clone(), bytes)
            .with_section(self.section.as_deref().and_then(Section::from_key))
    }
}

/// Checklist progress of one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    /// The section has been filled in.
    Done,
    /// The section was skipped.
    Skipped,
    /// The section does not apply to this tenant.
    NotApplicable,
}

/// Which source wins when files and the checklist both hold a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefer {
    /// The data entered through the checklist wins (the default).
    Entered,
    /// The data from the loaded files wins.
    Files,
}

/// One customer's health check: loaded files, entered console settings,
/// checklist progress and accepted risks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The assessment's identifier (the app stores it under this).
    pub id: String,
    /// The organisation assessed.
    pub customer: String,
    /// Who makes the assessment.
    pub assessor: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The files loaded for the tenant.
    #[serde(default)]
    pub files: Vec<StoredFile>,
    /// Entered records in bundle shape: section key → list of records
    /// (`threatRemediation` → `{"settings": {…}}`).
    #[serde(default)]
    pub entries: BTreeMap<String, Value>,
    /// Checklist progress by section key.
    #[serde(default)]
    pub status: BTreeMap<String, SectionStatus>,
    /// Which source wins, by section key, where the files and the checklist
    /// both hold a section (entered data when not set).
    #[serde(default)]
    pub prefer: BTreeMap<String, Prefer>,
    /// Accepted risks; they travel in the bundle's `acceptances`.
    #[serde(default)]
    pub acceptances: Vec<crate::model::Acceptance>,
    /// Owners and due dates of findings (the action plan); they travel in
    /// the bundle's `assignments`.
    #[serde(default)]
    pub assignments: Vec<crate::model::Assignment>,
    /// The analysis date the assessor chose (`YYYY-MM-DD`); `None`: the
    /// loaded bundle's `generatedAt`, else today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis_date: Option<String>,
}

/// The metadata block written into an exported bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meta {
    pub(crate) id: String,
    pub(crate) customer: String,
    pub(crate) assessor: String,
    pub(crate) date: String,
    #[serde(default)]
    pub(crate) status: BTreeMap<String, SectionStatus>,
    #[serde(default)]
    pub(crate) prefer: BTreeMap<String, Prefer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) analysis_date: Option<String>,
}

/// Sections entered through the checklist (console-only ones).
pub fn is_entered_section(s: Section) -> bool {
    s.origin() == SectionOrigin::Console
}

impl Assessment {
    /// A new, empty assessment.
    pub fn new(
        id: impl Into<String>,
        customer: impl Into<String>,
        assessor: impl Into<String>,
        date: impl Into<String>,
    ) -> Self {
        Assessment {
            id: id.into(),
            customer: customer.into(),
            assessor: assessor.into(),
            date: date.into(),
            ..Default::default()
        }
    }

    /// Adds files; one named like an earlier file replaces it.
    pub fn add_files(&mut self, files: &[InputFile]) {
        add_files(&mut self.files, files);
    }

    /// The stored files as inputs for loading.
    pub fn inputs(&self) -> Vec<InputFile> {
        self.files.iter().map(StoredFile::to_input).collect()
    }

    /// The entered records as one bundle file (no file when nothing was entered).
    pub fn entered_file(&self) -> Option<InputFile> {
        let entries: Map<String, Value> = self
            .entries
            .iter()
            .filter(|(_, v)| has_data(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if entries.is_empty() && self.acceptances.is_empty() && self.assignments.is_empty() {
            return None;
        }
        let mut b = Map::new();
        b.insert("format".into(), bundle::FORMAT.into());
        b.insert("version".into(), bundle::VERSION.into());
        b.insert("generator".into(), "manual".into());
        b.extend(entries);
        if !self.acceptances.is_empty() {
            b.insert(
                "acceptances".into(),
                serde_json::to_value(&self.acceptances).expect("plain data"),
            );
        }
        if !self.assignments.is_empty() {
            b.insert(
                "assignments".into(),
                serde_json::to_value(&self.assignments).expect("plain data"),
            );
        }
        Some(InputFile::new(ENTERED, Value::Object(b).to_string()))
    }

    /// Sections that both the files and the checklist hold.
    pub fn conflicts(&self) -> Vec<Section> {
        conflicts_in(&load_files(&self.files), self.load_entered().as_ref())
    }

    /// The entered records (and the accepted risks) on their own, `None`
    /// when nothing was entered. Cheap: the app re-reads them on every
    /// edit, while the files stay loaded (see [`load_files`]).
    pub fn load_entered(&self) -> Option<Loaded> {
        self.entered_file().map(|f| input::load_all(&[f]))
    }

    /// Files and entered data merged into one model; where both hold a
    /// section, the user's choice wins (entered data by default).
    pub fn load(&self) -> Loaded {
        self.combine(load_files(&self.files), self.load_entered())
    }

    /// Merges loaded files (from [`load_files`]) with loaded entered data
    /// (from [`Assessment::load_entered`]) as [`Assessment::load`] does.
    pub fn combine(&self, mut files: Loaded, entered: Option<Loaded>) -> Loaded {
        // Acceptances are the assessment's own; any in loaded files give way.
        if !self.acceptances.is_empty() {
            files.config.acceptances.clear();
        }
        // So are owners and due dates.
        if !self.assignments.is_empty() {
            files.config.assignments.clear();
        }
        let Some(mut entered) = entered else {
            return files;
        };
        for s in conflicts_between(&files.config, &entered.config) {
            let prefer = self.prefer.get(s.key()).copied().unwrap_or(Prefer::Entered);
            let loser = if prefer == Prefer::Entered {
                &mut files.config
            } else {
                &mut entered.config
            };
            if s == Section::ThreatRemediation {
                loser.threat_remediation.settings = None;
                if let Some(raw) = loser.raw.get_mut(&s) {
                    raw.keyed.remove("settings");
                }
            } else {
                loser.remove_section(s);
            }
        }
        input::merge(&mut files.config, entered.config);
        files.statuses.extend(entered.statuses);
        files.sources.extend(entered.sources);
        files
    }

    /// The report from loaded files and entered data (see
    /// [`Assessment::combine`]): what [`Assessment::report`] gives, without
    /// reading the files again.
    pub fn report_from(&self, files: Loaded, entered: Option<Loaded>, options: &Options) -> Report {
        report_for(self.combine(files, entered), options)
    }

    /// Rewrites acceptances and assignments saved under keys of an earlier version of this
    /// tool to today's keys (as the report found them, see
    /// [`Report::key_migrations`]). True when anything changed.
    pub fn apply_key_migrations(&mut self, migrations: &[crate::report::KeyMigration]) -> bool {
        let mut changed = false;
        for a in &mut self.acceptances {
            if let Some(m) = migrations.iter().find(|m| m.from == a.finding) {
                a.finding = m.to.clone();
                changed = true;
            }
        }
        for a in &mut self.assignments {
            if let Some(m) = migrations.iter().find(|m| m.from == a.finding) {
                a.finding = m.to.clone();
                changed = true;
            }
        }
        changed
    }

    /// The report for this assessment.
    pub fn report(&self, options: &Options) -> Report {
        report_for(self.load(), options)
    }

    /// Everything, as one bundle with an `assessment` block.
    pub fn to_bundle(&self, now: DateTime<Utc>) -> String {
        let mut v = bundle::to_bundle(
            &self.load().config,
            now,
            concat!("mimecast-audit ", env!("CARGO_PKG_VERSION")),
        );
        let meta = Meta {
            id: self.id.clone(),
            customer: self.customer.clone(),
            assessor: self.assessor.clone(),
            date: self.date.clone(),
            status: self.status.clone(),
            prefer: self.prefer.clone(),
            analysis_date: self.analysis_date.clone(),
        };
        if let Value::Object(m) = &mut v {
            m.insert(
                "assessment".into(),
                serde_json::to_value(meta).expect("plain data"),
            );
        }
        serde_json::to_string_pretty(&v).expect("a bundle always serialises")
    }
}

/// Adds `new` to stored files; one named like an earlier file replaces it
/// (in place, so the order of the others stays).
pub fn add_files(files: &mut Vec<StoredFile>, new: &[InputFile]) {
    for f in new {
        let stored = StoredFile::from_input(f);
        match files.iter_mut().find(|x| x.name == f.name) {
            Some(slot) => *slot = stored,
            None => files.push(stored),
        }
    }
}

/// Loads stored files on their own (the expensive part of an analysis:
/// decoding and parsing), so a caller can keep the result while only the
/// entered data changes.
pub fn load_files(files: &[StoredFile]) -> Loaded {
    let inputs: Vec<InputFile> = files.iter().map(StoredFile::to_input).collect();
    input::load_all(&inputs)
}

/// Why files about to be added look like another customer's than the
/// loaded ones (another account, or no internal domain in common), if they
/// do. The app asks before mixing them into one assessment.
pub fn other_tenant(loaded: &Loaded, new: &[InputFile]) -> Option<OtherTenant> {
    let tenant = crate::model::Tenant::of(&input::load_all(new).config);
    let why = crate::model::Tenant::of(&loaded.config).differs_from(&tenant)?;
    Some(OtherTenant { why, tenant })
}

/// Files that look like another customer's: why, and whom they name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherTenant {
    /// Why they look like another customer's.
    pub why: String,
    /// The tenant the files are about (its account name names a new
    /// assessment for them).
    pub tenant: crate::model::Tenant,
}

/// Sections that loaded files and loaded entered data both hold.
pub fn conflicts_in(files: &Loaded, entered: Option<&Loaded>) -> Vec<Section> {
    match entered {
        Some(e) => conflicts_between(&files.config, &e.config),
        None => Vec::new(),
    }
}

/// Sections held by both models (Threat Remediation: only its settings).
fn conflicts_between(files: &Config, entered: &Config) -> Vec<Section> {
    Section::ALL
        .iter()
        .copied()
        .filter(|s| match s {
            Section::ThreatRemediation => {
                files.threat_remediation.settings.is_some()
                    && entered.threat_remediation.settings.is_some()
            }
            _ => files.has(*s) && entered.has(*s),
        })
        .collect()
}

/// Whether an entered section says anything: an empty list does (the
/// section was collected and holds no records, e.g. no Sync & Recover
/// tasks), an empty object or `null` does not. The checklist removes a
/// section's entry when its last item is removed.
fn has_data(v: &Value) -> bool {
    match v {
        Value::Object(o) => !o.is_empty(),
        Value::Null => false,
        _ => true,
    }
}

pub mod needs;
pub mod plan;
pub mod progress;
pub mod records;
mod saved;
pub mod standing;
#[cfg(test)]
mod tests;
pub mod usage;
