//! The served app as an installable, offline Progressive Web App.
//!
//! [`start`] registers the service worker (`sw.js`, written per build by
//! `scripts/sw-precache.mjs`: it precaches exactly this build's files and
//! nothing else). It does nothing where service workers are unavailable: a
//! page opened from a file (the single-file build), an insecure origin, a
//! browser without them.
//!
//! A new build is never switched to by itself: its worker installs and
//! waits, [`Pwa::update_ready`] turns on and the page shows
//! [`UpdateBanner`]; only its button tells the waiting worker to take over,
//! and the page reloads once it has (`controllerchange`).
//!
//! The state kept here ([`Pwa`], in the context) feeds the banner and the
//! Privacy and verification page.

mod banner;
pub mod caches;
pub mod verify;

pub use banner::UpdateBanner;

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// Whether this page can work offline, as far as the service worker goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offline {
    /// Not known yet (the registration is under way).
    Checking,
    /// Opened from a file: no service worker, none needed (the single-file
    /// build carries everything).
    FromFile,
    /// This browser (or this address: service workers need https or
    /// localhost) offers no service workers.
    Unsupported,
    /// Registered; the app's files are being stored for offline use.
    Installing,
    /// A service worker serves this page: it works without the network.
    Ready,
    /// The registration failed (the message).
    Failed(String),
}

/// What the running service worker said about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerVersion {
    /// The build id written into `sw.js` at build time.
    pub build: String,
    /// The name of the cache holding the app's files.
    pub cache: String,
    /// How many files it keeps.
    pub files: u32,
}

/// The offline state of the page, shared through context.
#[derive(Clone, Copy)]
pub struct Pwa {
    pub offline: RwSignal<Offline>,
    /// A new version is installed and waits for the user's go.
    pub update_ready: RwSignal<bool>,
    /// The controlling worker's build, once it answered.
    pub version: RwSignal<Option<WorkerVersion>>,
}

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// The user asked for the new version: reload when it takes over.
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The version of this app (the web app package's).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

impl Pwa {
    fn new() -> Pwa {
        Pwa {
            offline: RwSignal::new(Offline::Checking),
            update_ready: RwSignal::new(false),
            version: RwSignal::new(None),
        }
    }
}

/// The service worker container, where there is one (`navigator
/// .serviceWorker` is absent on insecure origins and in some browsers).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

/// Runs `f` on every `name` event of `target`, for the page's lifetime.
fn on(target: &web_sys::EventTarget, name: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Creates the shared state, provides it and starts the registration.
pub fn start() -> Pwa {
    let pwa = Pwa::new();
    provide_context(pwa);
    let protocol = web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .unwrap_or_default();
    if protocol == "file:" {
        pwa.offline.set(Offline::FromFile);
        return pwa;
    }
    let Some(container) = container() else {
        pwa.offline.set(Offline::Unsupported);
        return pwa;
    };
    leptos::task::spawn_local(register(pwa, container));
    pwa
}

async fn register(pwa: Pwa, container: ServiceWorkerContainer) {
    let registered = JsFuture::from(container.register("sw.js")).await;
    let reg: ServiceWorkerRegistration = match registered {
        Ok(r) => r.unchecked_into(),
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "unknown error".into());
            pwa.offline.set(Offline::Failed(why));
            return;
        }
    };
    REGISTRATION.with(|r| *r.borrow_mut() = Some(reg.clone()));
    {
        let container = container.clone();
        on(&container.clone().into(), "controllerchange", move |_| {
            if RELOAD_ASKED.get() {
                if let Some(w) = web_sys::window() {
                    _ = w.location().reload();
                }
                return;
            }
            // The first worker took over (it claims the page it installed in).
            controlled(pwa, &container);
        });
    }
    controlled(pwa, &container);
    // A version installed before this page opened, waiting already.
    if reg.waiting().is_some() && container.controller().is_some() {
        pwa.update_ready.set(true);
    }
    {
        let reg2 = reg.clone();
        on(&reg.clone().into(), "updatefound", move |_| {
            if let Some(worker) = reg2.installing() {
                watch_installing(pwa, worker);
            }
        });
    }
    if let Some(worker) = reg.installing() {
        watch_installing(pwa, worker);
    }
    // Look for a new version whenever the page is shown again.
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let d = doc.clone();
        on(&doc.into(), "visibilitychange", move |_| {
            if !d.hidden() {
                check_for_update();
            }
        });
    }
}

/// Notes whether a worker serves this page now (or is active and would
/// serve the next load: a forced reload bypasses it), and asks it its
/// version.
fn controlled(pwa: Pwa, container: &ServiceWorkerContainer) {
    let active = || REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.active()));
    match container.controller().or_else(active) {
        Some(worker) => {
            pwa.offline.set(Offline::Ready);
            ask_version(pwa, &worker);
        }
        None => pwa.offline.set(Offline::Installing),
    }
}

/// Shows the banner when a worker installed while another serves the page
/// (a new version; the very first worker has nothing to replace).
fn watch_installing(pwa: Pwa, worker: ServiceWorker) {
    let w = worker.clone();
    on(&worker.into(), "statechange", move |_| {
        if w.state() == ServiceWorkerState::Installed
            && container().and_then(|c| c.controller()).is_some()
        {
            pwa.update_ready.set(true);
        }
    });
}

/// Asks `worker` for its build id and cache name (answered on a port).
fn ask_version(pwa: Pwa, worker: &ServiceWorker) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let reply = Closure::once_into_js(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
        let build = get("build").and_then(|v| v.as_string());
        let cache = get("cache").and_then(|v| v.as_string());
        let files = get("files").and_then(|v| v.as_f64()).unwrap_or(0.0);
        if let (Some(build), Some(cache)) = (build, cache) {
            pwa.version.set(Some(WorkerVersion {
                build,
                cache,
                files: files as u32,
            }));
        }
    });
    channel.port1().set_onmessage(Some(reply.unchecked_ref()));
    let ports = js_sys::Array::of1(&channel.port2());
    _ = worker.post_message_with_transferable(&JsValue::from_str("version"), &ports);
}

/// Asks the browser to look for a new version of the service worker.
pub fn check_for_update() {
    if let Some(reg) = REGISTRATION.with(|r| r.borrow().clone()) {
        if let Ok(p) = reg.update() {
            // A failed check (offline) is no news.
            wasm_bindgen_futures::spawn_local(async move {
                _ = JsFuture::from(p).await;
            });
        }
    }
}

/// Switches to the waiting version: it takes over, then the page reloads.
pub fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            RELOAD_ASKED.set(true);
            _ = worker.post_message(&JsValue::from_str("skip-waiting"));
        }
        // Taken over already (e.g. from another tab): a reload shows it.
        None => {
            if let Some(w) = web_sys::window() {
                _ = w.location().reload();
            }
        }
    }
}

/// Whether the app runs installed (in its own window).
pub fn installed() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(display-mode: standalone)").ok().flatten())
        .is_some_and(|m| m.matches())
}
