//! The analysis session behind the web app's Web Worker: it holds the
//! loaded files of the assessment open in the page and answers the page's
//! requests (files added or replaced, the assessment edited) with what the
//! page shows: the report, the tenant, the conflicting sections, a question
//! when new files look like another customer's, an offer when a file is a
//! saved assessment, what a screen reader should hear, and per-file
//! progress. The page only renders the answers, so it never freezes.
//!
//! Requests and responses are plain serde types; the file contents travel
//! beside them (the bytes of added files, the base64 text of stored files),
//! never inside the JSON, so that large files are not encoded twice. The
//! app's worker is only a pump between `postMessage` and [`Session::handle`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assessment::{
    add_files, conflicts_in, other_tenant, saved_assessment, Assessment, SavedAssessment,
    StoredFile,
};
use crate::compare::compare;
use crate::export::order::loaded_announcement;
use crate::export::{file_name, render_with, Baseline, ExportOptions, Format};
use crate::input::{self, InputFile, Loaded};
use crate::model::{parse_date, Tenant};
use crate::report::TenantStrings;
use crate::{report_for, Options, Report};

pub mod wire;

#[cfg(test)]
mod tests;

/// What is being done to a file right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Its bytes are being read from disk.
    Reading,
    /// It is a zip being opened (and its entries parsed).
    Unzipping,
    /// Its JSON is being parsed and normalized.
    Parsing,
    /// The rules are running over everything loaded.
    Analysing,
}

impl Phase {
    /// The phase for people: "reading", "unzipping", "parsing", "analysing".
    pub fn label(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Unzipping => "unzipping",
            Phase::Parsing => "parsing",
            Phase::Analysing => "analysing",
        }
    }
}

/// How far one file of a request has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The request this belongs to.
    pub seq: u64,
    /// The file's name.
    pub file: String,
    /// What is being done to it.
    pub phase: Phase,
    /// Bytes done in this phase.
    pub done: u64,
    /// The file's size in bytes.
    pub total: u64,
}

/// A stored file as the page and the worker exchange it: its name, its
/// section choice, and its base64 text beside the message (`None`: the
/// other side has it already under this name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The file's name.
    pub name: String,
    /// The section the user chose for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The base64 text (carried beside the JSON, never in it).
    #[serde(skip)]
    pub data: Option<String>,
}

impl FileRef {
    /// The reference to a stored file, with its text.
    pub fn with_data(f: &StoredFile) -> FileRef {
        FileRef {
            name: f.name.clone(),
            section: f.section.clone(),
            data: Some(f.data.clone()),
        }
    }
}

/// Files as listed in [`Response::Added`]: name, section, length of the text.
pub type Listed = Vec<(String, Option<String>, usize)>;

/// What the page asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged (`{"files": {…}}`): an internally tagged enum
// (`tag = "type"`) is read through serde's buffered `Content`, a second
// deserializer of every type inside it (the whole report) in the wasm.
#[serde(rename_all = "camelCase")]
pub enum Request {
    /// These are now the assessment's files (in order).
    Files {
        /// The request's number (increasing).
        seq: u64,
        /// The files.
        files: Vec<FileRef>,
    },
    /// Files were read and are to be added (their bytes beside the JSON).
    Add {
        /// The request's number.
        seq: u64,
        /// The files read, with their bytes.
        #[serde(skip)]
        inputs: Vec<InputFile>,
    },
    /// An export of the last report, made here because redaction needs the
    /// tenant's strings, which stay in the worker (they are as large as
    /// the export they come from).
    Export {
        /// The request's number.
        seq: u64,
        /// The format, by its name as `--format` takes it (`html`, `markdown`, …).
        format: String,
        /// The organisation assessed.
        customer: String,
        /// Who made the assessment.
        assessor: String,
        /// The export's date.
        date: String,
        /// Replace the tenant's names, domains and addresses.
        redact: bool,
        /// An earlier run to compare with.
        baseline: Option<Box<Report>>,
    },
    /// The assessment (without its files) changed.
    Assessment {
        /// The request's number.
        seq: u64,
        /// The assessment, files left out.
        assessment: Box<Assessment>,
        /// The caller's clock (RFC 3339).
        now: Option<String>,
    },
}

impl Request {
    /// The request's number.
    pub fn seq(&self) -> u64 {
        match self {
            Request::Files { seq, .. }
            | Request::Add { seq, .. }
            | Request::Export { seq, .. }
            | Request::Assessment { seq, .. } => *seq,
        }
    }
}

/// Added files that look like another customer's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mix {
    /// Why they look like another customer's.
    pub why: String,
    /// The customer they name, when an account name was loaded.
    pub customer: Option<String>,
}

/// Everything the page shows that comes from an analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The request this answers.
    pub seq: u64,
    /// The report, with the acceptance keys to migrate but without the
    /// tenant's strings (exports that redact are made by the session, see
    /// [`Request::Export`]).
    #[serde(with = "wire::full_report")]
    pub report: Report,
    /// The tenant of the loaded files.
    pub tenant: Tenant,
    /// Section keys that both the files and the checklist hold.
    pub conflicts: Vec<String>,
    /// What a screen reader should hear ("Loaded: 39 findings, …") when
    /// files were just loaded.
    pub announcement: Option<String>,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged, as [`Request`] (wasm size).
#[serde(rename_all = "camelCase")]
pub enum Response {
    /// How far a file has got.
    Progress(Progress),
    /// Read files, stored (base64 beside the JSON). When `mix` is set they
    /// were not added: the page asks the user first. Otherwise they are
    /// part of the session's files already, as [`add_files`] adds them.
    Added {
        /// The request this answers.
        seq: u64,
        /// The new files.
        files: Vec<FileRef>,
        /// A file that is a saved assessment, offered to be opened as one.
        offer: Option<SavedAssessment>,
        /// Why the files look like another customer's, if they do.
        mix: Option<Mix>,
        /// The session's files now, when they were added: name, section
        /// and length of each text (the page checks that its list is the
        /// same before it stores [`Session::stored_text`], sent along).
        list: Option<Listed>,
    },
    /// An export ([`Request::Export`]); its text travels beside the JSON.
    Exported {
        /// The request this answers.
        seq: u64,
        /// The file name to save it under.
        name: String,
        /// Its media type.
        media_type: String,
        /// The text (carried beside the JSON, never in it).
        #[serde(skip)]
        text: String,
    },
    /// A fresh analysis.
    Analysis(Box<Analysis>),
    /// A file named in a [`Request::Files`] without its text is unknown
    /// here: send them all with their texts.
    Resend {
        /// The request this answers.
        seq: u64,
    },
}

/// The worker's state: the files of the open assessment, loaded once per
/// change, and the assessment's entered data.
#[derive(Debug, Default)]
pub struct Session {
    files: Vec<StoredFile>,
    /// Texts of added files not part of `files` (the page is asking the
    /// user whether they join them), by name. The current files' texts are
    /// in `files` (not copied here: they may be tens of megabytes).
    known: BTreeMap<String, String>,
    loaded: Loaded,
    assessment: Assessment,
    now: Option<String>,
    /// An analysis was asked for (files or assessment received).
    started: bool,
    /// The last report, with the tenant's strings (for exports).
    last: Option<Report>,
}

impl Session {
    /// An empty session (no files, a blank assessment).
    pub fn new() -> Session {
        Session::default()
    }

    /// The files held now.
    pub fn files(&self) -> &[StoredFile] {
        &self.files
    }

    /// The files held now as the page stores them (the JSON of the list).
    pub fn stored_text(&self) -> String {
        serde_json::to_string(&self.files).expect("plain data")
    }

    /// Answers one request; `progress` hears each file's phases as they
    /// start. Never panics.
    pub fn handle(&mut self, req: Request, progress: &mut dyn FnMut(Progress)) -> Vec<Response> {
        match req {
            Request::Files { seq, files } => self.set_files(seq, files, progress),
            Request::Add { seq, inputs } => self.add(seq, inputs, progress),
            Request::Export {
                seq,
                format,
                customer,
                assessor,
                date,
                redact,
                baseline,
            } => {
                let opts = ExportOptions {
                    customer,
                    assessor,
                    date,
                    redact,
                    ..ExportOptions::default()
                };
                let format = Format::parse(&format).unwrap_or(Format::Json);
                vec![self.export(seq, format, &opts, baseline.as_deref())]
            }
            Request::Assessment {
                seq,
                assessment,
                now,
            } => {
                let mut a = *assessment;
                a.files.clear();
                self.assessment = a;
                self.now = now;
                self.started = true;
                vec![self.analysis(seq, false)]
            }
        }
    }

    fn set_files(
        &mut self,
        seq: u64,
        files: Vec<FileRef>,
        progress: &mut dyn FnMut(Progress),
    ) -> Vec<Response> {
        let mut next = Vec::with_capacity(files.len());
        for f in files {
            let held = || {
                let current = self.files.iter().find(|s| s.name == f.name);
                current.map(|s| &s.data).or_else(|| self.known.get(&f.name))
            };
            let data = match f.data.or_else(|| held().cloned()) {
                Some(d) => d,
                None => return vec![Response::Resend { seq }],
            };
            next.push(StoredFile {
                name: f.name,
                section: f.section,
                data,
            });
        }
        // Added files the page had not taken yet are now in `files` or gone.
        self.known.clear();
        if next == self.files && self.started {
            return Vec::new();
        }
        self.started = true;
        self.files = next;
        self.reload(seq, progress);
        vec![self.analysis(seq, true)]
    }

    fn add(
        &mut self,
        seq: u64,
        inputs: Vec<InputFile>,
        progress: &mut dyn FnMut(Progress),
    ) -> Vec<Response> {
        let offer = inputs.iter().find_map(saved_assessment);
        let mix = if offer.is_none() && !self.files.is_empty() {
            other_tenant(&self.loaded, &inputs).map(|o| Mix {
                why: o.why,
                customer: o.tenant.account_name,
            })
        } else {
            None
        };
        let mut stored = Vec::new();
        add_files(&mut stored, &inputs);
        let files = stored.iter().map(FileRef::with_data).collect();
        if mix.is_some() {
            // Held until the page says whether they join these files.
            for f in stored {
                self.known.insert(f.name, f.data);
            }
            return vec![Response::Added {
                seq,
                files,
                offer,
                mix,
                list: None,
            }];
        }
        self.started = true;
        add_files(&mut self.files, &inputs);
        let list = self
            .files
            .iter()
            .map(|f| (f.name.clone(), f.section.clone(), f.data.len()))
            .collect();
        self.reload(seq, progress);
        let added = Response::Added {
            seq,
            files,
            offer,
            mix,
            list: Some(list),
        };
        vec![added, self.analysis(seq, true)]
    }

    /// Loads the files again (the expensive part), telling each file's phase.
    fn reload(&mut self, seq: u64, progress: &mut dyn FnMut(Progress)) {
        let inputs: Vec<InputFile> = self.files.iter().map(StoredFile::to_input).collect();
        for f in &inputs {
            let phase = if input::is_zip(&f.bytes) {
                Phase::Unzipping
            } else {
                Phase::Parsing
            };
            let total = f.bytes.len() as u64;
            progress(Progress {
                seq,
                file: f.name.clone(),
                phase,
                done: 0,
                total,
            });
        }
        self.loaded = input::load_all(&inputs);
        for f in &inputs {
            let total = f.bytes.len() as u64;
            progress(Progress {
                seq,
                file: f.name.clone(),
                phase: Phase::Analysing,
                done: total,
                total,
            });
        }
    }

    /// An export of the last report.
    fn export(
        &self,
        seq: u64,
        format: Format,
        opts: &ExportOptions,
        baseline: Option<&Report>,
    ) -> Response {
        let empty;
        let report = match &self.last {
            Some(r) => r,
            None => {
                empty = report_for(Loaded::default(), &Options::default());
                &empty
            }
        };
        let comparison = baseline.map(|b| compare(b, report));
        let b = baseline
            .zip(comparison.as_ref())
            .map(|(report, comparison)| Baseline { report, comparison });
        Response::Exported {
            seq,
            name: file_name(format, report, opts),
            media_type: format.media_type().to_string(),
            text: render_with(format, report, b, opts),
        }
    }

    /// The analysis of what is held now.
    fn analysis(&mut self, seq: u64, files_changed: bool) -> Response {
        let entered = self.assessment.load_entered();
        let options = Options {
            at: self
                .assessment
                .analysis_date
                .as_deref()
                .and_then(|d| parse_date(d).ok()),
            now: self
                .now
                .as_deref()
                .and_then(|n| chrono::DateTime::parse_from_rfc3339(n).ok())
                .map(|d| d.with_timezone(&chrono::Utc)),
        };
        let conflicts = conflicts_in(&self.loaded, entered.as_ref())
            .into_iter()
            .map(|s| s.key().to_string())
            .collect();
        let tenant = Tenant::of(&self.loaded.config);
        let report = self
            .assessment
            .report_from(self.loaded.clone(), entered, &options);
        let announcement =
            (files_changed && !self.files.is_empty()).then(|| loaded_announcement(&report));
        let mut shown = report.clone();
        shown.tenant = TenantStrings::default();
        self.last = Some(report);
        let report = shown;
        Response::Analysis(Box::new(Analysis {
            seq,
            report,
            tenant,
            conflicts,
            announcement,
        }))
    }
}
