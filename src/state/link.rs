//! The page's half of the conversation with the analysis worker: what is
//! sent when the files or the assessment change, and what is done with each
//! answer (see [`engine::session`] for the other half).

use js_sys::Uint8Array;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::File;

use engine::export::{ExportOptions, Format};
use engine::session::{Listed, Mix};

use super::*;
use crate::analysis::marks::mark;

impl AppState {
    /// Starts the worker and keeps it told of every change.
    pub(super) fn talk_to_worker(self) {
        analysis::start(move |r, beside| self.on_answer(r, beside));
        // What was open at start-up is analysed without an announcement.
        self.link.update_value(|l| l.quiet = l.seq + 2);
        Effect::new(move |_| {
            self.assessment.track();
            self.send_assessment();
        });
        Effect::new(move |_| {
            self.files.track();
            self.send_files();
        });
    }

    pub(super) fn next_seq(&self) -> u64 {
        let mut seq = 0;
        self.link.update_value(|l| {
            l.seq += 1;
            seq = l.seq;
        });
        seq
    }

    /// Sends the files; the texts of those the worker holds already stay
    /// here.
    fn send_files(&self) {
        let seq = self.next_seq();
        let files = self.files.get_untracked();
        let beside = Array::new();
        let refs = self.link.with_value(|l| {
            files
                .0
                .iter()
                .map(|f| {
                    let known = l.known.get(&f.name) == Some(&f.data.len());
                    beside.push(&if known {
                        JsValue::NULL
                    } else {
                        JsValue::from_str(&f.data)
                    });
                    FileRef {
                        name: f.name.clone(),
                        section: f.section.clone(),
                        data: None,
                    }
                })
                .collect()
        });
        self.link.update_value(|l| {
            l.known = files
                .0
                .iter()
                .map(|f| (f.name.clone(), f.data.len()))
                .collect();
        });
        analysis::send(&Request::Files { seq, files: refs }, beside);
    }

    /// Sends the assessment (without its files), unless an earlier edit is
    /// still being analysed: then it is sent once that is answered.
    fn send_assessment(&self) {
        if self.link.with_value(|l| l.edit_sent.is_some()) {
            self.link.update_value(|l| l.edit_dirty = true);
            return;
        }
        let seq = self.next_seq();
        self.link.update_value(|l| {
            l.edit_sent = Some(seq);
            l.edit_dirty = false;
        });
        let assessment = Box::new(self.assessment.get_untracked());
        let now = Some(today().to_rfc3339());
        analysis::send(
            &Request::Assessment {
                seq,
                assessment,
                now,
            },
            Array::new(),
        );
    }

    /// Loads dropped or chosen files: the worker reads, checks and adds
    /// them, telling how far each has got.
    pub fn load(&self, files: Vec<File>) {
        if files.is_empty() {
            return;
        }
        let seq = self.next_seq();
        self.link.update_value(|l| l.adding = Some(seq));
        self.load_notice.set(None);
        self.loading.set(Some(seq));
        self.progress.set(
            files
                .iter()
                .map(|f| Progress {
                    seq,
                    file: f.name(),
                    phase: engine::session::Phase::Reading,
                    done: 0,
                    total: f.size() as u64,
                })
                .collect(),
        );
        let beside = Array::new();
        for f in &files {
            beside.push(f);
        }
        analysis::send(
            &Request::Add {
                seq,
                inputs: Vec::new(),
            },
            beside,
        );
    }

    /// Asks the worker for an export of the report (it holds the tenant's
    /// strings that redaction needs); it is downloaded when it comes.
    pub fn export_in_worker(&self, format: Format, opts: ExportOptions) {
        let seq = self.next_seq();
        let baseline = self
            .baseline
            .with_untracked(|b| b.as_ref().map(|b| Box::new(b.0 .1.clone())));
        let req = Request::Export {
            seq,
            format: format.as_str().to_string(),
            customer: opts.customer,
            assessor: opts.assessor,
            date: opts.date,
            redact: opts.redact,
            baseline,
        };
        analysis::send(&req, Array::new());
    }

    /// Stops the load in progress: the worker is ended (and a fresh one
    /// told the assessment as it was), nothing of the load is kept.
    pub fn cancel_load(&self) {
        if self.loading.get_untracked().is_none() {
            return;
        }
        analysis::restart();
        self.forget_answers();
        self.link.update_value(|l| l.quiet = l.seq + 2);
        self.send_assessment();
        self.send_files();
        self.load_notice.set(Some("Loading cancelled.".into()));
    }

    /// Answers to requests sent so far are not wanted any more (another
    /// assessment was opened, or the worker restarted): the worker is told
    /// everything again.
    pub(super) fn forget_answers(&self) {
        self.link.update_value(|l| {
            l.applied = l.seq;
            l.applied_switch = l.seq;
            l.adding = None;
            l.edit_sent = None;
            l.edit_dirty = false;
            l.known.clear();
        });
        self.deferred.set_value(None);
        self.loading.set(None);
        self.progress.set(Vec::new());
    }

    fn on_answer(&self, r: Response, beside: Array) {
        let applied = self.link.with_value(|l| l.applied);
        match r {
            Response::Progress(p) => {
                if self.loading.get_untracked() == Some(p.seq) {
                    self.progress
                        .update(|all| match all.iter_mut().find(|x| x.file == p.file) {
                            Some(slot) => *slot = p,
                            None => all.push(p),
                        });
                }
            }
            Response::Added {
                seq,
                files,
                offer,
                mix,
                list,
            } => {
                if seq <= applied || self.loading.get_untracked() != Some(seq) {
                    return;
                }
                self.link.update_value(|l| {
                    for (i, f) in files.iter().enumerate() {
                        let len = beside.get(i as u32).unchecked_into::<Uint8Array>().length();
                        l.known.insert(f.name.clone(), len as usize);
                    }
                });
                let text = list.as_ref().map(|_| beside.get(files.len() as u32));
                let state = *self;
                spawn_local(async move {
                    mark("page-texts");
                    let mut stored = Vec::with_capacity(files.len());
                    for (i, f) in files.into_iter().enumerate() {
                        let bytes = beside.get(i as u32).unchecked_into::<Uint8Array>();
                        stored.push(StoredFile {
                            name: f.name,
                            section: f.section,
                            data: text_of(bytes).await,
                        });
                    }
                    if state.link.with_value(|l| seq <= l.applied_switch) {
                        return;
                    }
                    mark("page-add-files");
                    state.added(stored, offer, mix, list.zip(text));
                    // The report is rendered in a task of its own.
                    pause().await;
                    state.link.update_value(|l| l.adding = None);
                    if let Some(a) = state.deferred.try_update_value(Option::take).flatten() {
                        state.apply(a);
                    }
                });
            }
            Response::Exported {
                name, media_type, ..
            } => {
                let text = beside.get(0).as_string().unwrap_or_default();
                if let Err(e) = crate::download::download(&name, &media_type, &text) {
                    leptos::logging::warn!("could not save the export: {e:?}");
                }
            }
            Response::Analysis(a) => {
                mark("page-got-analysis");
                if a.seq <= applied {
                    return;
                }
                if self.link.with_value(|l| l.adding == Some(a.seq)) {
                    self.deferred.set_value(Some(*a));
                    return;
                }
                // Rendered in a task of its own: decoding a big report was
                // this one's work.
                let state = *self;
                spawn_local(async move {
                    pause().await;
                    if a.seq > state.link.with_value(|l| l.applied) {
                        state.apply(*a);
                    }
                });
            }
            Response::Explained(e) => self.on_explained(*e),
            Response::Resend { seq } => {
                if seq > applied {
                    self.link.update_value(|l| l.known.clear());
                    self.send_files();
                }
            }
        }
    }

    /// Added files, their texts read: asked about, or added (and stored
    /// with the worker's text of the list, when the list here is the same).
    fn added(
        &self,
        stored: Vec<StoredFile>,
        offer: Option<SavedAssessment>,
        mix: Option<Mix>,
        prepared: Option<(Listed, JsValue)>,
    ) {
        if offer.is_some() {
            self.offer.set(offer);
        }
        if let Some(m) = mix {
            self.loading.set(None);
            self.progress.set(Vec::new());
            self.mix.set(Some(MixQuestion {
                files: stored,
                why: m.why,
                customer: m.customer,
            }));
            return;
        }
        self.edit_files(|files| merge_files(files, stored));
        if let Some((list, text)) = prepared {
            let files = self.files.get_untracked();
            let same = files.0.len() == list.len()
                && files.0.iter().zip(&list).all(|(f, (name, section, len))| {
                    f.name == *name && f.section == *section && f.data.len() == *len
                });
            self.prepared.set_value(same.then_some((files, text)));
        }
    }

    fn apply(&self, a: Analysis) {
        mark("page-apply");
        let quiet = self.link.with_value(|l| a.seq <= l.quiet);
        self.link.update_value(|l| l.applied = a.seq);
        self.report.set(a.report);
        self.fresh.set(true);
        self.tenant.set(a.tenant);
        let conflicts: Vec<Section> = a
            .conflicts
            .iter()
            .filter_map(|k| Section::from_key(k))
            .collect();
        if self.conflicts.with_untracked(|c| *c != conflicts) {
            self.conflicts.set(conflicts);
        }
        if self.loading.get_untracked().is_some_and(|s| a.seq >= s) {
            self.loading.set(None);
            self.progress.set(Vec::new());
        }
        if let Some(text) = a.announcement.filter(|_| !quiet) {
            self.announce.set(text);
        }
        let resend = self
            .link
            .with_value(|l| l.edit_sent.is_some_and(|s| a.seq >= s));
        if resend {
            let dirty = self.link.with_value(|l| l.edit_dirty);
            self.link.update_value(|l| l.edit_sent = None);
            if dirty {
                self.send_assessment();
            }
        }
        mark("page-render");
    }
}

/// The text of `bytes` (a file's base64, ASCII), converted a slice at a
/// time, each in a task of its own, so that the page stays responsive.
async fn text_of(bytes: Uint8Array) -> String {
    const SLICE: u32 = 1 << 20;
    let len = bytes.length();
    let mut out = String::with_capacity(len as usize);
    let mut buf = vec![0u8; SLICE.min(len) as usize];
    let mut at = 0;
    while at < len {
        pause().await;
        let end = (at + SLICE).min(len);
        let part = &mut buf[..(end - at) as usize];
        bytes.subarray(at, end).copy_to(part);
        out.push_str(&String::from_utf8_lossy(part));
        at = end;
    }
    out
}

/// Lets the page handle what is waiting (a zero-delay timeout).
async fn pause() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    _ = wasm_bindgen_futures::JsFuture::from(p).await;
}
