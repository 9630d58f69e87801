//! Privacy and verification: what happens to the data (read in this tab
//! only; what this browser keeps, with the usage and a wipe), how to check
//! it (the Content-Security-Policy in force, read from the page; the
//! SHA-256 of the running build; working with the network off) and the
//! version.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::pwa::{self, caches, verify, Offline, Pwa};
use crate::state::AppState;

/// How many assessments this browser keeps, or the empty state.
fn kept_line(state: AppState) -> impl IntoView {
    move || {
        let n = state.saved.with(Vec::len);
        match n {
            0 => view! { <p data-testid="privacy-empty">"No assessment is stored in this browser."</p> }
                .into_any(),
            n => view! {
                <p data-testid="privacy-kept">
                    {if n == 1 {
                        "1 assessment is stored in this browser, with its loaded files and entered values.".to_string()
                    } else {
                        format!("{n} assessments are stored in this browser, with their loaded files and entered values.")
                    }}
                </p>
            }
            .into_any(),
        }
    }
}

/// The wipe: asks first, then deletes the assessments (IndexedDB and
/// localStorage) and every cache but the app's own files.
fn wipe_panel(state: AppState, pwa: Pwa) -> impl IntoView {
    let asking = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let focus = |sel: &'static str| crate::focus::focus_later(sel, false);
    let wipe = move || {
        state.wipe();
        asking.set(false);
        let keep = pwa.version.get_untracked().map(|v| v.cache);
        spawn_local(async move {
            let text = match caches::delete_all_but(keep.as_deref()).await {
                Ok(_) => "Wiped: every assessment, loaded file and entered value this app stored in this browser is deleted. \
                          Only the offline copy of the app itself is kept."
                    .to_string(),
                Err(e) => format!("The assessments were deleted, but the browser's caches could not be cleared ({e})."),
            };
            _ = done.try_set(Some(text));
        });
        focus("[data-testid=\"privacy-wipe\"]");
    };
    view! {
        <h4>"Wipe all local data"</h4>
        <p>"Deletes every assessment, loaded file and entered value this app stored in this browser. Export what you want to keep first."</p>
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class="button--danger" data-testid="privacy-wipe" aria-expanded="false"
                on:click=move |_| {
                    done.set(None);
                    asking.set(true);
                    focus("[data-testid=\"privacy-wipe-confirm\"]");
                }>"Wipe all local data…"</button>
        }>
            <div class="as-confirm" role="group" aria-labelledby="privacy-wipe-question">
                <p id="privacy-wipe-question" class="as-confirm__text">"Really delete everything this app stored in this browser? This cannot be undone."</p>
                <button type="button" class="button--danger" data-testid="privacy-wipe-confirm" on:click=move |_| wipe()>
                    "Yes, wipe everything"
                </button>
                <button type="button" data-testid="privacy-wipe-cancel"
                    on:click=move |_| {
                        asking.set(false);
                        focus("[data-testid=\"privacy-wipe\"]");
                    }>"Cancel"</button>
            </div>
        </Show>
        {move || done.get().map(|t| view! { <p role="status" data-testid="privacy-wiped">{t}</p> })}
    }
}

/// The policy in force, one directive a line.
fn csp_view() -> impl IntoView {
    match verify::csp() {
        Some(policy) => view! {
            <ul class="privacy-csp" data-testid="csp-directives">
                {verify::directives(&policy).into_iter().map(|d| view! {
                    <li><code data-testid="csp-directive">{d}</code></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        None => view! { <p data-testid="csp-missing">"This page carries no Content-Security-Policy meta tag."</p> }
            .into_any(),
    }
}

/// The SHA-256 of the running wasm, with the commands to compare it.
fn hash_view() -> impl IntoView {
    let hash = LocalResource::new(verify::wasm_hash);
    move || match hash.get() {
        None => view! { <p data-testid="wasm-hash-pending">"Computing…"</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p data-testid="wasm-hash-error">{format!("Could not compute it: {e}")}</p> }
                .into_any()
        }
        Some(Ok(h)) => {
            let file = h.file.clone().unwrap_or_else(|| "<file>.wasm".to_string());
            view! {
                <p>
                    "SHA-256 of the running WebAssembly"
                    {h.file.clone().map(|f| view! { " (" <code data-testid="wasm-file">{f}</code> ")" })}
                    ": "
                </p>
                <p><code class="privacy-hash" data-testid="wasm-sha256">{h.sha256.clone()}</code></p>
                <p>
                    "Check the download itself against its "<code>"SHA256SUMS"</code>
                    "; the .wasm file of the same name in the site bundle must then have this hash. To compute it yourself:"
                </p>
                <ul class="privacy-commands">
                    <li>"Linux: "<code>{format!("sha256sum {file}")}</code></li>
                    <li>"macOS: "<code>{format!("shasum -a 256 {file}")}</code></li>
                    <li>"Windows (PowerShell): "<code>{format!("Get-FileHash -Algorithm SHA256 {file}")}</code></li>
                </ul>
            }
            .into_any()
        }
    }
}

/// Whether the app works with the network off here.
fn offline_view(pwa: Pwa) -> impl IntoView {
    let text = move || {
        match pwa.offline.get() {
        Offline::Checking => "Checking whether this page is ready for offline use…".to_string(),
        Offline::FromFile => "Opened from a file: everything the app needs is inside it, so it works offline as it is.".into(),
        Offline::Unsupported => "This browser (or this address) offers no offline copy: keep this tab open, or use the single-file build.".into(),
        Offline::Installing => "Storing the app's own files for offline use…".into(),
        Offline::Ready => "Ready for offline use: this browser keeps a copy of the app's own files (never your data), and serves the app from it.".into(),
        Offline::Failed(e) => format!("The offline copy could not be set up ({e})."),
    }
    };
    let state_attr = move || match pwa.offline.get() {
        Offline::Checking => "checking",
        Offline::FromFile => "file",
        Offline::Unsupported => "unsupported",
        Offline::Installing => "installing",
        Offline::Ready => "ready",
        Offline::Failed(_) => "failed",
    };
    view! {
        <p>"Switch off your network (or pull the cable) and keep working: loading files, the checklist, saving and every export keep working, because nothing here needs the network."</p>
        <p data-testid="offline-status" data-state=state_attr>{text}</p>
        {move || pwa.version.get().map(|v| view! {
            <p>"Offline copy: build "<code data-testid="offline-build">{v.build}</code>{format!(", {} files.", v.files)}</p>
        })}
        <p data-testid="installed">
            {if pwa::installed() {
                "Running as an installed app, in its own window."
            } else {
                "Running in a browser tab. The browser's menu offers to install it as an app (it then opens in its own window, also offline)."
            }}
        </p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pwa = expect_context::<Pwa>();
    view! {
        <section class="assessments privacy" data-testid="privacy-page" aria-labelledby="privacy-title">
            <h2 id="privacy-title">"Privacy and verification"</h2>

            <section class="as-panel" aria-labelledby="privacy-data-title">
                <h3 id="privacy-data-title">"What happens to your data"</h3>
                <p>
                    "The files you load are read in this browser tab only. Nothing is sent anywhere: there is no upload, "
                    "no tracking and no outside font or script, and the policy below forbids the page to contact any "
                    "address but its own (from which it loads only the app itself)."
                </p>
                <h4>"What this browser keeps"</h4>
                <ul>
                    <li>"In IndexedDB (a database of this page in this browser): each assessment, with its loaded files, the checklist entries, statuses and accepted risks."</li>
                    <li>"In local storage: only for a moment while the page is closed (the last change, until it reached the database), and data of earlier versions until it is moved over."</li>
                    <li>"In the offline cache: the app's own files, so it opens without the network. Never your files or reports."</li>
                </ul>
                {kept_line(state)}
                <crate::components::UsageLine class="" testid="privacy-usage"/>
                {wipe_panel(state, pwa)}
            </section>

            <section class="as-panel" aria-labelledby="privacy-verify-title">
                <h3 id="privacy-verify-title">"How to verify it"</h3>
                <h4>"The Content-Security-Policy in force"</h4>
                <p>"Read from this page as it runs. The browser enforces it: "<code>"connect-src"</code>" lists where the page may send or fetch anything."</p>
                {csp_view()}
                <h4>"The build you are running"</h4>
                {hash_view()}
                <h4>"Work offline"</h4>
                {offline_view(pwa)}
            </section>

            <section class="as-panel" aria-labelledby="privacy-version-title">
                <h3 id="privacy-version-title">"Version"</h3>
                <p>"Mimecast configuration audit "<span data-testid="app-version">{pwa::APP_VERSION}</span></p>
            </section>
        </section>
    }
}
