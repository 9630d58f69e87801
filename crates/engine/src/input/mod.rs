//! Input layer: decode bytes, parse JSON, recognise sections, normalize.
//!
//! Every file is handled on its own: a file that cannot be read gets an
//! error status and never stops the others.

mod archive;
mod decode;
mod detect;
mod json;
mod lists;
mod merge;
mod normalize;
mod raw;
mod raw_records;
mod records;
pub mod source;
mod ttp;

use serde::Serialize;
use serde_json::Value;

use super::model::{Config, Section};
use detect::Detected;

pub use archive::{folder_path_skip, folder_skip, is_zip, MAX_FILE_BYTES};
pub use decode::decode_text;
pub use json::parse_json;
pub use lists::list_items;
pub use merge::{merge, Merged};

/// One named byte buffer, as dropped in the browser or read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file name (inside a zip: `archive.zip/inner.json`).
    pub name: String,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// The section the user said this file holds (settles an ambiguous
    /// file; ignored for bundles).
    pub section: Option<Section>,
}

impl InputFile {
    /// A file with no section chosen.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile {
            name: name.into(),
            bytes: bytes.into(),
            section: None,
        }
    }

    /// The same file with `section` chosen (or none).
    pub fn with_section(mut self, section: Option<Section>) -> Self {
        self.section = section;
        self
    }
}

/// Why a file could not be used, with where it broke when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// What went wrong, for people.
    pub message: String,
    /// The line of a JSON syntax error, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column of a JSON syntax error, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The JSON path of the value that could not be read, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// When the file could be several sections: the ones it could be.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Section>,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        match (self.line, self.column, &self.path) {
            (Some(l), Some(c), _) => write!(f, " (line {l}, column {c})"),
            (Some(l), None, _) => write!(f, " (line {l})"),
            (None, _, Some(p)) => write!(f, " (at {p})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// An error with a message only.
    pub fn plain(message: impl Into<String>) -> Self {
        InputError {
            message: message.into(),
            line: None,
            column: None,
            path: None,
            candidates: Vec::new(),
        }
    }
}

/// Why one record of a file was skipped: a warning on the file's status,
/// never an error of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped(pub String);

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Skipped {}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    /// The file name, as given.
    pub name: String,
    /// The sections read from it.
    pub sections: Vec<Section>,
    /// Why it could not be used; `None` when it was read.
    pub error: Option<InputError>,
    /// Problems worth the user's attention (API failures, skipped records).
    pub warnings: Vec<String>,
    /// Informational remarks (unknown enum values kept as they are).
    pub notes: Vec<String>,
    /// Why the file looks like another customer's than the files loaded
    /// before it (another account, or no internal domain in common).
    pub other_tenant: Option<String>,
    /// For the response of an API call this tool does not read (a write
    /// call, or a read of something outside the input contract): the call
    /// it looks like. Nothing is read from such a file, and it is no error.
    pub not_analysed: Option<String>,
}

impl FileStatus {
    /// The status of a file nothing has happened to yet.
    pub fn new(name: &str) -> Self {
        FileStatus {
            name: name.to_string(),
            sections: Vec::new(),
            error: None,
            warnings: Vec::new(),
            notes: Vec::new(),
            other_tenant: None,
            not_analysed: None,
        }
    }

    /// True when the file could be read.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }
}

/// Everything loaded from a set of files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The merged model.
    pub config: Config,
    /// What happened to each file, in loading order.
    pub statuses: Vec<FileStatus>,
    /// Name, size and SHA-256 of each file as given (a zip as the zip),
    /// for the report's provenance.
    pub sources: Vec<source::SourceFile>,
}

/// Loads every file into one model; never panics, never stops early.
pub fn load_all(files: &[InputFile]) -> Loaded {
    let mut loaded = Loaded::default();
    for file in files {
        loaded.sources.push(source::SourceFile::of(file));
        if file.bytes.len() <= archive::MAX_FILE_BYTES && archive::is_zip(&file.bytes) {
            load_archive(file, &mut loaded);
        } else {
            load_into(file, &mut loaded);
        }
    }
    loaded
}

/// Each JSON entry of a zip becomes an input of its own; entries that
/// cannot be read get their own error; non-JSON entries are noted.
fn load_archive(file: &InputFile, loaded: &mut Loaded) {
    match archive::expand(file) {
        Ok(x) => {
            let first = loaded.statuses.len();
            for f in &x.files {
                load_into(&f.clone().with_section(None), loaded);
            }
            for (name, e) in x.failed {
                let mut status = FileStatus::new(&name);
                status.error = Some(e);
                loaded.statuses.push(status);
            }
            if !x.skipped.is_empty() {
                if let Some(s) = loaded.statuses.get_mut(first) {
                    s.notes.push(format!(
                        "{}: skipped {} file(s) that are not JSON: {}",
                        file.name,
                        x.skipped.len(),
                        x.skipped.join(", ")
                    ));
                }
            }
        }
        Err(e) => {
            let mut status = FileStatus::new(&file.name);
            status.error = Some(e);
            loaded.statuses.push(status);
        }
    }
}

fn load_into(file: &InputFile, loaded: &mut Loaded) {
    let mut status = FileStatus::new(&file.name);
    if let Err(e) = load_one(file, &mut loaded.config, &mut status) {
        status.error = Some(e);
        status.sections.clear();
    }
    loaded.statuses.push(status);
}

fn load_one(
    file: &InputFile,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    if file.bytes.len() > archive::MAX_FILE_BYTES {
        return Err(InputError::plain(format!(
            "the file is too large: over {} MiB, the most this tool reads from one file",
            archive::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text = decode::decode(&file.bytes)
        .map_err(|e| normalize::exchange::empty_file_hint(e, &file.name, file.section))?;
    // Sections are normalized into a scratch model first, so a file that
    // fails half-way leaves nothing behind in the shared one.
    let mut scratch = Config::default();
    // Every record's origin shares this copy of the file name.
    let name: std::sync::Arc<str> = file.name.as_str().into();
    // A bundle is read from its text, record by record.
    if let Some(read) = normalize::text::bundle(&text, &name, &mut scratch, status) {
        drop(text);
        read?;
        finish_file(config, scratch, status);
        return Ok(());
    }
    let mut value = parse_json(&text)?;
    drop(text);
    if is_bundle(&value) {
        normalize::bundle(&mut value, &name, &mut scratch, status)?;
    } else {
        let found = detect::detect(&value, &file.name);
        let detected = match file.section {
            Some(s) => detect::confirm(s, found)?,
            None => found?,
        };
        match detected {
            Detected::Section(s) => {
                normalize::section(s, &mut value, "", &name, &mut scratch, status)?
            }
            Detected::Account => normalize::account(&value, &mut scratch, status),
            Detected::NotAnalysed(call) => not_analysed(&value, call, status),
        }
    }
    finish_file(config, scratch, status);
    Ok(())
}

/// Merges what one file loaded into the shared model, with what merging
/// had to say on the file's status.
fn finish_file(config: &mut Config, scratch: Config, status: &mut FileStatus) {
    let merged = merge(config, scratch);
    status.notes.extend(merged.notes);
    status.warnings.extend(merged.warnings);
    if let Some(why) = merged.other_tenant {
        status.warnings.push(format!(
            "this file looks like another customer's: {why}; its data is mixed into this report"
        ));
        status.other_tenant = Some(why);
    }
}

/// Lists the response of a call this tool does not read, with what the
/// API said about the call (its error codes stay visible).
fn not_analysed(value: &Value, call: String, status: &mut FileStatus) {
    let problems = lists::records(value, "")
        .map(|r| r.problems())
        .unwrap_or_default();
    if !problems.is_empty() {
        status.warnings.push(format!(
            "the API reported a failure for this call: {}",
            problems.join(", ")
        ));
    }
    status.not_analysed = Some(call);
}

/// Why a section was loaded incomplete, for people: the non-2xx statuses
/// and error codes the API reported for its calls, and the parts of it
/// that could not be read. `None` for a complete (or absent) section.
pub fn why_incomplete(config: &Config, section: Section) -> Option<String> {
    if !config.sections.get(&section)?.incomplete {
        return None;
    }
    let (mut api, mut unreadable): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let add = |list: &mut Vec<String>, p: String| {
        if !list.contains(&p) {
            list.push(p);
        }
    };
    if let Some(raw) = config.raw.get(&section) {
        let keyed = matches!(
            section,
            Section::GroupMembers | Section::DnsRecords | Section::ThreatRemediation
        );
        if keyed {
            for (key, v) in &raw.keyed {
                match lists::records_or_one(v, key) {
                    Some(r) => r.problems().into_iter().for_each(|p| add(&mut api, p)),
                    None if key != "settings" => add(&mut unreadable, format!("`{key}`")),
                    None => {}
                }
            }
        } else {
            if let Some(s) = lists::bad_status(raw.keyed.get("meta")) {
                add(&mut api, format!("status {s}"));
            }
            for p in lists::failures(Some(&Value::Array(raw.fail.clone()))) {
                add(&mut api, p);
            }
        }
    }
    let mut parts = Vec::new();
    if !api.is_empty() {
        parts.push(format!("the API reported a failure ({})", api.join(", ")));
    }
    if !unreadable.is_empty() {
        parts.push(format!("{} could not be read", unreadable.join(", ")));
    }
    if parts.is_empty() {
        parts.push("part of it could not be read".into());
    }
    Some(parts.join("; "))
}

/// Whether a parsed JSON document is a bundle of this tool (its `format`).
pub fn is_bundle(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some("mimecast-config-bundle")
}

#[cfg(test)]
mod tests;
