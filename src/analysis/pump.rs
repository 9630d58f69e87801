//! The worker's side: a message pump between `postMessage` and the engine's
//! [`Session`]. It reads dropped `File`s here (in slices, telling how far
//! it got), answers one request at a time in arrival order, and of several
//! queued edits of the assessment answers only the last.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use engine::session::{Phase, Progress, Request, Response, Session};
use engine::InputFile;

use super::{marks, message};

struct Pump {
    session: Rc<RefCell<Session>>,
    queue: VecDeque<JsValue>,
    running: bool,
}

thread_local! {
    static PUMP: RefCell<Option<Pump>> = const { RefCell::new(None) };
}

/// Runs in the worker: installs the message handler, then tells the page
/// it is ready.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    PUMP.with(|p| {
        *p.borrow_mut() = Some(Pump {
            session: Rc::new(RefCell::new(worker_session())),
            queue: VecDeque::new(),
            running: false,
        })
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let start = PUMP.with(|p| {
            let mut p = p.borrow_mut();
            let pump = p.as_mut()?;
            pump.queue.push_back(ev.data());
            (!pump.running).then(|| {
                pump.running = true;
                pump.session.clone()
            })
        });
        if let Some(session) = start {
            wasm_bindgen_futures::spawn_local(drain(session));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = js_sys::Object::new();
    _ = js_sys::Reflect::set(&ready, &"ready".into(), &true.into());
    _ = scope.post_message(&ready);
}

/// A session that marks its steps on the worker's timeline.
fn worker_session() -> Session {
    let mut session = Session::new();
    session.on_step(|name| marks::mark(&format!("worker-{name}")));
    session
}

/// Posts a message to the page; the buffers of the bytes beside it are
/// handed over, not copied.
fn post(msg: JsValue) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let transfer = Array::new();
    if let Some(head) = message::head_bytes(&msg) {
        transfer.push(&head.buffer());
    }
    if let Ok(beside) = js_sys::Reflect::get(&msg, &"beside".into()) {
        for v in Array::from(&beside).iter() {
            if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
                transfer.push(&bytes.buffer());
            }
        }
    }
    _ = scope.post_message_with_transfer(&msg, &transfer);
}

/// Answers queued requests until none is left.
async fn drain(session: Rc<RefCell<Session>>) {
    loop {
        let next = PUMP.with(|p| {
            let mut p = p.borrow_mut();
            let pump = p.as_mut()?;
            let next = next_request(&mut pump.queue);
            if next.is_none() {
                pump.running = false;
            }
            next
        });
        let Some(msg) = next else {
            return;
        };
        answer(&session, msg, &post).await;
    }
}

/// The next request to answer: an edit of the assessment, or a message to
/// explain, with a newer one of its kind behind it is skipped (the newer
/// one says all).
fn next_request(queue: &mut VecDeque<JsValue>) -> Option<JsValue> {
    let is = |m: &JsValue, explain: bool| {
        message::decode_request(m).is_some_and(|(r, _)| match r {
            Request::Assessment { .. } => !explain,
            Request::Explain { .. } => explain,
            _ => false,
        })
    };
    while let Some(msg) = queue.pop_front() {
        let newer = |explain: bool| is(&msg, explain) && queue.iter().any(|m| is(m, explain));
        if newer(false) || newer(true) {
            continue;
        }
        return Some(msg);
    }
    None
}

/// Answers one request message, posting each response (and progress) as a
/// message through `post`.
pub async fn answer(session: &Rc<RefCell<Session>>, msg: JsValue, post: &dyn Fn(JsValue)) {
    let Some((mut req, beside)) = message::decode_request(&msg) else {
        return;
    };
    let tell = |p: Progress| {
        match p.phase {
            Phase::Parsing | Phase::Unzipping => marks::mark("worker-parse"),
            Phase::Analysing => marks::mark("worker-analyse"),
            Phase::Reading => {}
        }
        post(message::encode_response(
            &Response::Progress(p),
            &Array::new(),
        ))
    };
    match &mut req {
        Request::Files { files, .. } => {
            for (i, f) in files.iter_mut().enumerate() {
                f.data = beside.get(i as u32).as_string();
            }
        }
        Request::Add { seq, inputs } => {
            marks::mark("worker-read");
            for f in beside.iter() {
                if let Ok(f) = f.dyn_into::<File>() {
                    let bytes = read(&f, *seq, &tell).await;
                    inputs.push(InputFile::new(f.name(), bytes));
                }
            }
        }
        Request::Assessment { .. } | Request::Export { .. } | Request::Explain { .. } => {}
    }
    marks::mark("worker-session");
    // Each answer is posted as soon as the session makes it (the analysis
    // before the added files' texts); the added files wait for the session
    // to be free, as the list to store is taken from it.
    let mut added = None;
    session
        .borrow_mut()
        .handle_each(req, &mut |p| tell(p), &mut |r| match r {
            Response::Added { .. } => added = Some(r),
            r => send(r, None, post),
        });
    if let Some(r) = added {
        let stored = matches!(&r, Response::Added { list: Some(_), .. });
        let list = stored.then(|| session.borrow().stored_text());
        send(r, list, post);
    }
    marks::mark("worker-idle");
}

/// Posts one answer; `list`: the session's stored text of its files, sent
/// with added files.
fn send(mut r: Response, list: Option<String>, post: &dyn Fn(JsValue)) {
    marks::mark(match &r {
        Response::Added { .. } => "worker-send-added",
        Response::Analysis(_) => "worker-send-analysis",
        _ => "worker-send",
    });
    let out = Array::new();
    match &mut r {
        // Texts as bytes: the page turns them into its strings a slice
        // at a time. After them, the list as the page stores it.
        Response::Added {
            files,
            list: listed,
            ..
        } => {
            for f in files.iter_mut() {
                let text = f.data.take().unwrap_or_default();
                out.push(&Uint8Array::from(text.as_bytes()));
            }
            if let (Some(text), Some(_)) = (list, listed) {
                out.push(&stored_value(text));
            }
        }
        Response::Exported { text, .. } => {
            out.push(&JsValue::from(std::mem::take(text)));
        }
        _ => {}
    }
    post(message::encode_response(&r, &out));
}

/// Above this size the stored text of the files goes to the page as a
/// `Blob` (handed over by reference, and stored so), else as a string.
const BLOB_FROM: usize = 1_000_000;

fn stored_value(text: String) -> JsValue {
    if text.len() < BLOB_FROM {
        return JsValue::from(text);
    }
    let parts = Array::of1(&Uint8Array::from(text.as_bytes()));
    match web_sys::Blob::new_with_u8_array_sequence(&parts) {
        Ok(blob) => blob.into(),
        Err(_) => JsValue::from(text),
    }
}

/// Reads a file, telling the page how far it got.
async fn read(f: &File, seq: u64, tell: &dyn Fn(Progress)) -> Vec<u8> {
    let (file, total) = (f.name(), f.size() as u64);
    crate::files::read_file(f, &|done| {
        tell(Progress {
            seq,
            file: file.clone(),
            phase: Phase::Reading,
            done: done as u64,
            total,
        })
    })
    .await
}
