//! The page's side of the analysis: it hands requests to the analysis
//! worker and passes its answers on. The worker (see [`pump`] and
//! `assets/analysis-worker.js`) runs this same wasm module (the page sends
//! it the compiled module, so nothing is downloaded or compiled twice) and
//! an engine [`Session`] in it, so decoding, unzipping, parsing and the
//! rules never run on the page's thread.
//!
//! Where no worker can be started (the component tests mount the app
//! without Trunk's page), the same session runs here, a request at a time.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use engine::session::{Request, Response, Session};

pub mod marks;
pub mod message;
pub mod pump;

/// The worker's start-up script, as Trunk copies it next to index.html.
const SCRIPT: &str = "analysis-worker.js";

/// The global where the single-file build's loader (`scripts/single-file.mjs`)
/// puts the URL of the worker's script: a `blob:` URL of a classic script
/// holding the glue and the worker's start-up (a `file://` page cannot start
/// a module worker), so it is also the glue's URL.
const SINGLE_FILE_WORKER: &str = "MIMECAST_AUDIT_WORKER_URL";

/// Told every answer, with the values carried beside its JSON.
type Listener = Rc<dyn Fn(Response, Array)>;

enum Engine {
    /// A worker; requests wait in `queue` until it says it is ready.
    Worker {
        worker: Worker,
        ready: bool,
        queue: Vec<JsValue>,
        // Kept alive as long as the worker.
        _on_message: Closure<dyn FnMut(MessageEvent)>,
    },
    /// No worker: the session runs on this thread.
    Local(Rc<RefCell<Session>>),
}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Starts the worker; `listener` hears every answer.
pub fn start(listener: impl Fn(Response, Array) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(listener)));
    let engine = spawn();
    ENGINE.with(|e| *e.borrow_mut() = Some(engine));
}

/// Stops whatever the worker is doing (it is ended and a fresh one
/// started, with no files and a blank assessment).
pub fn restart() {
    let old = ENGINE.with(|e| e.borrow_mut().take());
    if let Some(Engine::Worker { worker, .. }) = old {
        worker.terminate();
    }
    let engine = spawn();
    ENGINE.with(|e| *e.borrow_mut() = Some(engine));
}

/// Sends a request, with the values carried beside its JSON (file texts
/// or `File`s, see [`message`]).
pub fn send(req: &Request, beside: Array) {
    let msg = message::encode(req, &beside);
    let local = ENGINE.with(|e| match e.borrow_mut().as_mut() {
        Some(Engine::Worker {
            worker,
            ready,
            queue,
            ..
        }) => {
            if *ready {
                _ = worker.post_message(&msg);
            } else {
                queue.push(msg.clone());
            }
            None
        }
        Some(Engine::Local(s)) => Some(s.clone()),
        None => None,
    });
    if let Some(session) = local {
        wasm_bindgen_futures::spawn_local(async move {
            pump::answer(&session, msg, &deliver).await;
        });
    }
}

fn deliver(msg: JsValue) {
    let start = marks::now();
    let Some((response, beside)) = message::decode_response(&msg) else {
        return;
    };
    if !matches!(response, Response::Progress(_)) {
        marks::mark_at("page-decode", start);
    }
    if let Some(l) = LISTENER.with(|l| l.borrow().clone()) {
        l(response, beside);
    }
}

fn spawn() -> Engine {
    match start_worker() {
        Some(engine) => engine,
        None => Engine::Local(Rc::new(RefCell::new(Session::new()))),
    }
}

/// The URL of the page's wasm-bindgen glue (Trunk preloads it).
fn glue_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let link = document.query_selector("link[rel=modulepreload]").ok()??;
    let href = link.get_attribute("href")?;
    let base = document.base_uri().ok()??;
    Some(web_sys::Url::new_with_base(&href, &base).ok()?.href())
}

/// The worker's script, the glue it imports and the kind of worker: the
/// single file's (set in [`SINGLE_FILE_WORKER`]), else the served files.
fn worker_source() -> Option<(String, String, WorkerType)> {
    let given = Reflect::get(&js_sys::global(), &SINGLE_FILE_WORKER.into()).ok();
    if let Some(url) = given.and_then(|v| v.as_string()) {
        return Some((url.clone(), url, WorkerType::Classic));
    }
    Some((SCRIPT.to_owned(), glue_url()?, WorkerType::Module))
}

fn start_worker() -> Option<Engine> {
    let (script, glue, kind) = worker_source()?;
    let options = WorkerOptions::new();
    options.set_type(kind);
    let worker = Worker::new_with_options(&script, &options).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if Reflect::has(&data, &"ready".into()).unwrap_or(false) {
            flush();
        } else {
            deliver(data);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The glue to import and the module this page compiled already.
    let boot = Object::new();
    _ = Reflect::set(&boot, &"glue".into(), &glue.into());
    _ = Reflect::set(&boot, &"module".into(), &wasm_bindgen::module());
    worker.post_message(&boot).ok()?;
    Some(Engine::Worker {
        worker,
        ready: false,
        queue: Vec::new(),
        _on_message: on_message,
    })
}

/// The worker is ready: what waited is sent.
fn flush() {
    ENGINE.with(|e| {
        if let Some(Engine::Worker {
            worker,
            ready,
            queue,
            ..
        }) = e.borrow_mut().as_mut()
        {
            *ready = true;
            for msg in queue.drain(..) {
                _ = worker.post_message(&msg);
            }
        }
    });
}
