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
//!
//! The session also explains one message on the assessment's current
//! configuration (files and checklist entries merged, as the report reads
//! them): [`Request::Explain`], answered with [`explain::Explained`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assessment::{
    add_files, conflicts_in, other_tenant, saved_assessment, Assessment, SavedAssessment,
    StoredFile,
};
use crate::compare::compare;
use crate::explain::{InputError, MessageInput};
use crate::export::order::loaded_announcement;
use crate::export::{file_name, render_with, Baseline, ExportOptions, Format};
use crate::input::{self, InputFile, Loaded};
use crate::model::{parse_date, Config, Tenant};
use crate::{report_for, Options, Report};

pub mod explain;
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
    /// Explain how the current configuration treats one message.
    Explain {
        /// The request's number.
        seq: u64,
        /// The message, as described.
        message: Box<MessageInput>,
        /// When to judge the policies (any date the engine reads); `None`:
        /// the report's analysis date. The message's own date wins.
        at: Option<String>,
    },
}

impl Request {
    /// The request's number.
    pub fn seq(&self) -> u64 {
        match self {
            Request::Files { seq, .. }
            | Request::Add { seq, .. }
            | Request::Export { seq, .. }
            | Request::Assessment { seq, .. }
            | Request::Explain { seq, .. } => *seq,
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
    /// The explanation of a message ([`Request::Explain`]).
    Explained(Box<explain::Explained>),
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
    /// Told the name of each step of a request as it starts (see
    /// [`Session::on_step`]).
    step: Option<fn(&str)>,
    /// The configuration explained messages are judged on (files and
    /// entered data merged), made on the first explain request after a
    /// change and kept until the next one.
    explain_config: Option<Arc<Config>>,
}

impl Session {
    /// An empty session (no files, a blank assessment).
    pub fn new() -> Session {
        Session::default()
    }

    /// Has `step` told the name of each step of a request as it starts
    /// ("probe", "encode", "decode", "prepare", "rules", "report"):
    /// the app marks them on the browser's timeline for its benchmark.
    pub fn on_step(&mut self, step: fn(&str)) {
        self.step = Some(step);
    }

    fn step(&self, name: &str) {
        if let Some(f) = self.step {
            f(name);
        }
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
        let mut out = Vec::new();
        self.handle_each(req, progress, &mut |r| out.push(r));
        out
    }

    /// [`Session::handle`], telling `answer` each response as soon as it
    /// is made: for added files the analysis comes first, then the files'
    /// texts to store (encoded after the analysis was told, so that the
    /// page can decode the report meanwhile).
    pub fn handle_each(
        &mut self,
        req: Request,
        progress: &mut dyn FnMut(Progress),
        answer: &mut dyn FnMut(Response),
    ) {
        let out = match req {
            Request::Files { seq, files } => self.set_files(seq, files, progress),
            Request::Add { seq, inputs } => return self.add(seq, inputs, progress, answer),
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
                Some(self.export(seq, format, &opts, baseline.as_deref()))
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
                Some(self.analysis(seq, false))
            }
            Request::Explain { seq, message, at } => Some(self.explain(seq, &message, at)),
        };
        if let Some(r) = out {
            answer(r);
        }
    }

    fn set_files(
        &mut self,
        seq: u64,
        files: Vec<FileRef>,
        progress: &mut dyn FnMut(Progress),
    ) -> Option<Response> {
        // The same list again (the page echoes files just added): nothing
        // to do, and no text copied to find that out.
        let same = self.started
            && files.len() == self.files.len()
            && files.iter().zip(&self.files).all(|(f, s)| {
                f.name == s.name
                    && f.section == s.section
                    && f.data.as_ref().is_none_or(|d| *d == s.data)
            });
        if same {
            self.known.clear();
            return None;
        }
        let mut next = Vec::with_capacity(files.len());
        for f in files {
            let held = || {
                let current = self.files.iter().find(|s| s.name == f.name);
                current.map(|s| &s.data).or_else(|| self.known.get(&f.name))
            };
            let data = match f.data.or_else(|| held().cloned()) {
                Some(d) => d,
                None => return Some(Response::Resend { seq }),
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
            return None;
        }
        self.started = true;
        self.files = next;
        self.reload(seq, progress);
        Some(self.analysis(seq, !self.files.is_empty()))
    }

    fn add(
        &mut self,
        seq: u64,
        inputs: Vec<InputFile>,
        progress: &mut dyn FnMut(Progress),
        answer: &mut dyn FnMut(Response),
    ) {
        self.step("probe");
        let offer = inputs
            .iter()
            .filter(|f| may_be_saved(f))
            .find_map(saved_assessment);
        let mix = if offer.is_none() && !self.files.is_empty() {
            other_tenant(&self.loaded, &inputs).map(|o| Mix {
                why: o.why,
                customer: o.tenant.account_name,
            })
        } else {
            None
        };
        if mix.is_some() {
            self.step("encode");
            let mut stored = Vec::new();
            add_files(&mut stored, &inputs);
            let files = stored.iter().map(FileRef::with_data).collect();
            // Held until the page says whether they join these files.
            for f in stored {
                self.known.insert(f.name, f.data);
            }
            return answer(Response::Added {
                seq,
                files,
                offer,
                mix,
                list: None,
            });
        }
        self.started = true;
        // The files as `add_files` will list them: the held ones (replaced
        // by a new one of the same name), then the new ones. New files are
        // loaded from the bytes read, not from their stored text.
        let mut order: Vec<(&str, Option<usize>)> =
            self.files.iter().map(|f| (f.name.as_str(), None)).collect();
        for (i, f) in inputs.iter().enumerate() {
            match order.iter_mut().find(|(name, _)| *name == f.name) {
                Some(slot) => slot.1 = Some(i),
                None => order.push((&f.name, Some(i))),
            }
        }
        self.step("decode");
        let all: Vec<InputFile> = order
            .iter()
            .map(|(name, new)| match new {
                Some(i) => inputs[*i].clone(),
                None => self
                    .files
                    .iter()
                    .find(|f| f.name == *name)
                    .map(StoredFile::to_input)
                    .unwrap_or_else(|| InputFile::new(*name, Vec::new())),
            })
            .collect();
        self.load(seq, &all, progress);
        let announce = !all.is_empty();
        drop(all);
        answer(self.analysis(seq, announce));
        self.step("encode");
        add_files(&mut self.files, &inputs);
        let mut files: Vec<FileRef> = Vec::new();
        for f in &inputs {
            if files.iter().all(|x| x.name != f.name) {
                let stored = self.files.iter().find(|s| s.name == f.name);
                files.extend(stored.map(FileRef::with_data));
            }
        }
        let list = self
            .files
            .iter()
            .map(|f| (f.name.clone(), f.section.clone(), f.data.len()))
            .collect();
        answer(Response::Added {
            seq,
            files,
            offer,
            mix,
            list: Some(list),
        });
    }

    /// Loads the files again (the expensive part), telling each file's phase.
    fn reload(&mut self, seq: u64, progress: &mut dyn FnMut(Progress)) {
        self.step("decode");
        let inputs: Vec<InputFile> = self.files.iter().map(StoredFile::to_input).collect();
        self.load(seq, &inputs, progress);
    }

    /// Loads `inputs`, telling each file's phase.
    fn load(&mut self, seq: u64, inputs: &[InputFile], progress: &mut dyn FnMut(Progress)) {
        for f in inputs {
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
        self.loaded = input::load_all(inputs);
        for f in inputs {
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

    /// The analysis of what is held now; `announce`: files were just
    /// loaded, and a screen reader is told what they gave.
    fn analysis(&mut self, seq: u64, announce: bool) -> Response {
        self.step("prepare");
        self.explain_config = None;
        let entered = self.assessment.load_entered();
        let options = self.options();
        let conflicts = conflicts_in(&self.loaded, entered.as_ref())
            .into_iter()
            .map(|s| s.key().to_string())
            .collect();
        let tenant = Tenant::of(&self.loaded.config);
        let loaded = self.loaded.clone();
        self.step("rules");
        let mut report = self.assessment.report_from(loaded, entered, &options);
        self.step("report");
        // Kept for redacted exports: its strings, not a second model.
        report.tenant.detach();
        let announcement = announce.then(|| loaded_announcement(&report));
        // The tenant's strings (as many as the export's) are moved into the
        // kept report, not copied: the page's copy goes without them.
        let strings = std::mem::take(&mut report.tenant);
        let mut kept = report.clone();
        kept.tenant = strings;
        self.last = Some(kept);
        Response::Analysis(Box::new(Analysis {
            seq,
            report,
            tenant,
            conflicts,
            announcement,
        }))
    }
}

impl Session {
    /// The analysis options of the assessment: its chosen date, the
    /// caller's clock.
    fn options(&self) -> Options {
        Options {
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
        }
    }

    /// The configuration messages are explained on: the files and the
    /// entered data merged as the report merges them.
    fn explain_config(&mut self) -> Arc<Config> {
        if let Some(cfg) = &self.explain_config {
            return cfg.clone();
        }
        let entered = self.assessment.load_entered();
        let loaded = self.assessment.combine(self.loaded.clone(), entered);
        let cfg = Arc::new(loaded.config);
        self.explain_config = Some(cfg.clone());
        cfg
    }

    /// Explains `message` on the current configuration at `at` (else at
    /// the report's analysis date).
    fn explain(&mut self, seq: u64, message: &MessageInput, at: Option<String>) -> Response {
        let cfg = self.explain_config();
        let options = self.options();
        let at = match at.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => parse_date(text).map_err(|e| InputError {
                field: "at".into(),
                message: e.0,
            }),
            None => Ok(options
                .at
                .or(cfg.analysis_date)
                .or(cfg.generated_at)
                .or(options.now)
                .unwrap_or(chrono::DateTime::UNIX_EPOCH)),
        };
        let result = at
            .map_err(|e| vec![e])
            .and_then(|at| crate::explain::explain(&cfg, message, at));
        let (explanation, errors) = match result {
            Ok(e) => (Some(e), Vec::new()),
            Err(errors) => (None, errors),
        };
        Response::Explained(Box::new(explain::Explained {
            seq,
            explanation,
            errors,
            suggestion: explain::suggested_spoof(&cfg),
        }))
    }
}

/// Whether `f` may be a saved assessment (a bundle with a top-level
/// `assessment` block), cheaply: [`saved_assessment`] parses the whole file,
/// which for a big export costs as much as loading it. Its text must name
/// the key, literally or with a `\u` escape; zips and texts that are not
/// UTF-8 are left to [`saved_assessment`].
fn may_be_saved(f: &InputFile) -> bool {
    match std::str::from_utf8(f.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&f.bytes)) {
        Ok(text) => text.contains("\"assessment\"") || text.contains("\\u"),
        Err(_) => true,
    }
}
