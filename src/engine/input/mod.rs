//! Input layer: decode bytes, parse JSON, recognise sections, normalize.
//!
//! Every file is handled on its own: a file that cannot be read gets an
//! error status and never stops the others.

mod decode;
mod detect;
mod json;
mod lists;
mod normalize;
mod raw;

use serde::Serialize;
use serde_json::Value;

use super::model::{Config, Section};

pub use decode::decode_text;
pub use json::parse_json;

/// One named byte buffer, as dropped in the browser or read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl InputFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile { name: name.into(), bytes: bytes.into() }
    }
}

/// Why a file could not be used, with where it broke when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl InputError {
    pub fn plain(message: impl Into<String>) -> Self {
        InputError { message: message.into(), line: None, column: None, path: None }
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    pub name: String,
    pub sections: Vec<Section>,
    pub error: Option<InputError>,
    /// Problems worth the user's attention (API failures, skipped records).
    pub warnings: Vec<String>,
    /// Informational remarks (unknown enum values kept as they are).
    pub notes: Vec<String>,
}

impl FileStatus {
    fn new(name: &str) -> Self {
        FileStatus { name: name.to_string(), sections: Vec::new(), error: None, warnings: Vec::new(), notes: Vec::new() }
    }

    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }
}

/// Everything loaded from a set of files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub statuses: Vec<FileStatus>,
}

/// Loads every file into one model; never panics, never stops early.
pub fn load_all(files: &[InputFile]) -> Loaded {
    let mut loaded = Loaded::default();
    for file in files {
        let mut status = FileStatus::new(&file.name);
        if let Err(e) = load_one(file, &mut loaded.config, &mut status) {
            status.error = Some(e);
            status.sections.clear();
        }
        loaded.statuses.push(status);
    }
    loaded
}

fn load_one(file: &InputFile, config: &mut Config, status: &mut FileStatus) -> Result<(), InputError> {
    let text = decode_text(&file.bytes)?;
    let value = parse_json(&text)?;
    // Sections are normalized into a scratch model first, so a file that
    // fails half-way leaves nothing behind in the shared one.
    let mut scratch = Config::default();
    if is_bundle(&value) {
        normalize::bundle(&value, &file.name, &mut scratch, status)?;
    } else {
        let section = detect::section_of(&value, &file.name)?;
        normalize::section(section, &value, "", &file.name, &mut scratch, status)?;
    }
    merge(config, scratch);
    Ok(())
}

fn is_bundle(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some("mimecast-config-bundle")
}

fn merge(into: &mut Config, from: Config) {
    if into.generated_at.is_none() {
        into.generated_at = from.generated_at;
    }
    for (section, state) in from.sections {
        let target = into.sections.entry(section).or_default();
        target.incomplete |= state.incomplete;
        for s in state.sources {
            if !target.sources.contains(&s) {
                target.sources.push(s);
            }
        }
    }
    into.internal_domains.extend(from.internal_domains);
    for (section, list) in from.policies {
        into.policies.entry(section).or_default().extend(list);
    }
}
