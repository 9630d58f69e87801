//! The page's half of the conversation with the analysis worker: what is
//! sent when the files or the assessment change, and what is done with each
//! answer (see [`engine::session`] for the other half).

use leptos::prelude::*;
use web_sys::File;

use super::*;

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

    fn next_seq(&self) -> u64 {
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
        self.notice.set(None);
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
        self.notice.set(Some("Loading cancelled.".into()));
        self.announce.set("Loading cancelled".into());
    }

    /// Answers to requests sent so far are not wanted any more (another
    /// assessment was opened, or the worker restarted): the worker is told
    /// everything again.
    pub(super) fn forget_answers(&self) {
        self.link.update_value(|l| {
            l.applied = l.seq;
            l.edit_sent = None;
            l.edit_dirty = false;
            l.known.clear();
        });
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
            } => {
                if seq <= applied || self.loading.get_untracked() != Some(seq) {
                    return;
                }
                let stored: Vec<StoredFile> = files
                    .into_iter()
                    .enumerate()
                    .map(|(i, f)| StoredFile {
                        name: f.name,
                        section: f.section,
                        data: beside.get(i as u32).as_string().unwrap_or_default(),
                    })
                    .collect();
                self.link.update_value(|l| {
                    for f in &stored {
                        l.known.insert(f.name.clone(), f.data.len());
                    }
                });
                if let Some(o) = offer {
                    self.offer.set(Some(SavedAssessment {
                        name: o.name,
                        text: o.text,
                        customer: o.customer,
                        date: o.date,
                    }));
                }
                match mix {
                    Some(m) => {
                        self.loading.set(None);
                        self.progress.set(Vec::new());
                        self.mix.set(Some(MixQuestion {
                            files: stored,
                            why: m.why,
                            customer: m.customer,
                        }));
                    }
                    None => self.edit_files(|files| merge_files(files, stored)),
                }
            }
            Response::Analysis(a) => {
                if a.seq > applied {
                    self.apply(*a);
                }
            }
            Response::Resend { seq } => {
                if seq > applied {
                    self.link.update_value(|l| l.known.clear());
                    self.send_files();
                }
            }
        }
    }

    fn apply(&self, a: Analysis) {
        let quiet = self.link.with_value(|l| a.seq <= l.quiet);
        self.link.update_value(|l| l.applied = a.seq);
        self.report.set(a.report);
        self.fresh.set(true);
        let t = a.tenant;
        self.tenant.set(Tenant {
            account_code: t.account_code,
            account_name: t.account_name,
            domains: t.domains.into_iter().collect(),
        });
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
    }
}
