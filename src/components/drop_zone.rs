//! Where files come in: drag and drop, a file picker, or the sample.

use leptos::prelude::*;
use web_sys::{DragEvent, File, HtmlInputElement};

use super::collection_request::CollectionRequest;
use super::load_progress::LoadProgress;
use crate::download::download;
use crate::files::list_files;
use crate::state::AppState;
use crate::undo::Cleared;
use engine::input::folder_path_skip;

/// How long "Undo" is offered after a "Clear".
const UNDO_FOR: std::time::Duration = std::time::Duration::from_secs(20);

fn load(state: AppState, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    state.skipped.set(Vec::new());
    state.load(files);
}

/// Loads the files of a chosen folder: JSON and zip files are read (a zip
/// is opened like one given directly), every other entry is listed with the
/// reason it was left out.
fn load_folder(state: AppState, files: Vec<File>) {
    let mut wanted = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        // The path inside the chosen folder (`webkitRelativePath`).
        let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| f.name());
        let why = folder_path_skip(&path);
        match why {
            Some(why) => skipped.push((path, why.to_string())),
            None => wanted.push(f),
        }
    }
    let nothing = wanted.is_empty();
    load(state, wanted);
    if nothing {
        skipped.push((
            "(the folder)".into(),
            "nothing to analyse: no JSON or zip file in it".into(),
        ));
    }
    state.skipped.set(skipped);
}

/// Downloads the current assessment (files and entered data) as a bundle.
pub fn save_bundle(state: AppState) {
    let text = state.bundle_text();
    if let Err(e) = download(&state.bundle_name(), "application/json", &text) {
        leptos::logging::warn!("could not save the bundle: {e:?}");
    }
}

#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let folder_ref = NodeRef::<leptos::html::Input>::new();
    let on_folder = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = input.files().map(|l| list_files(&l)).unwrap_or_default();
        load_folder(state, files);
        input.set_value("");
    };
    // Browsers pick folders only with the (non-standard) webkitdirectory
    // attribute, which the view macro does not know: set it once mounted.
    Effect::new(move |_| {
        if let Some(input) = folder_ref.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    let open_folder = move |_| {
        if let Some(input) = folder_ref.get() {
            input.click();
        }
    };

    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = input.files().map(|l| list_files(&l)).unwrap_or_default();
        load(state, files);
        // Allow picking the same file again after an edit.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .map(|l| list_files(&l))
            .unwrap_or_default();
        load(state, files);
    };
    let on_over = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let open_picker = move |_| {
        if let Some(input) = input_ref.get() {
            input.click();
        }
    };
    // "Clear" keeps what it removed for a while, so it can be undone; each
    // clear has its own number, so an older timer never ends a newer offer.
    let cleared: RwSignal<Option<(u32, Cleared)>> = RwSignal::new(None);
    let on_clear = move |_| {
        let n = cleared.with_untracked(|c| c.as_ref().map_or(0, |(n, _)| n + 1));
        cleared.set(Some((n, state.clear_keeping())));
        set_timeout(
            move || {
                if cleared.with_untracked(|c| c.as_ref().is_some_and(|(m, _)| *m == n)) {
                    cleared.set(None);
                }
            },
            UNDO_FOR,
        );
    };
    let on_undo = move |_| {
        if let Some((_, c)) = cleared.get_untracked() {
            state.undo_clear(c);
        }
        cleared.set(None);
    };
    // A new load or another assessment ends the offer.
    Effect::new(move |first: Option<()>| {
        if state.has_files.get() && first.is_some() {
            cleared.set(None);
        }
    });

    view! {
        // A drop target (a click opens the picker too); the keyboard's way
        // in is the "Choose files…" button below, so the zone itself is not
        // a second, nested control.
        <section class="drop-zone" class:drop-zone--active=move || dragging.get()
            class:drop-zone--compact=move || state.has_data.get()
            data-testid="drop-zone" aria-labelledby="drop-zone-title"
            on:dragenter=on_over on:dragover=on_over
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
            on:click=open_picker>
            <p class="drop-zone__title" id="drop-zone-title">"Drop Mimecast API responses, a zip of them, or a bundle here"</p>
            <p class="drop-zone__hint">"JSON files from the Mimecast API (1.0 or 2.0), or a bundle saved by this app. Files are read locally and never uploaded."</p>
            <input type="file" multiple accept=".json,.zip,application/json,application/zip" class="visually-hidden"
                aria-label="Mimecast export files" tabindex="-1"
                data-testid="file-input" node_ref=input_ref
                on:change=on_change on:click=|ev| ev.stop_propagation()/>
        </section>
        <div class="toolbar">
            <button type="button" data-testid="choose-files" on:click=open_picker>"Choose files…"</button>
            <button type="button" data-testid="choose-folder" on:click=open_folder
                title="Every JSON and zip file in a folder and its subfolders">"Choose a folder…"</button>
            <input type="file" multiple class="visually-hidden" aria-label="A folder of Mimecast export files"
                tabindex="-1" data-testid="folder-input" node_ref=folder_ref on:change=on_folder/>
            <button type="button" data-testid="load-sample" on:click=move |_| state.load_sample()
                title="A tenant with planted pitfalls">"Load sample"</button>
            <button type="button" data-testid="load-clean-sample" on:click=move |_| state.load_clean_sample()
                title="A well-configured tenant on which no rule fires">"Load clean sample"</button>
            <button type="button" data-testid="save-bundle" on:click=move |_| save_bundle(state)
                disabled=move || !state.has_data.get()
                title="Save this assessment (loaded files and entered checklist data) as one bundle file you can open again later">"Save bundle"</button>
            <button type="button" data-testid="clear" on:click=on_clear
                disabled=move || !state.has_files.get()
                title="Remove the loaded files from this assessment (entered checklist data stays)">"Clear"</button>
        </div>
        <LoadProgress/>
        {move || cleared.with(|c| c.as_ref().map(|(_, c)| c.files())).map(|n| view! {
            <div class="undo-bar" data-testid="undo-clear" role="status">
                <span>{format!("Cleared {n} loaded file{}.", if n == 1 { "" } else { "s" })}</span>
                <button type="button" data-testid="undo" on:click=on_undo>"Undo"</button>
            </div>
        })}
        <Show when=move || !state.has_data.get()>
            <details class="collect-empty" data-testid="collection-empty">
                <summary>"What to ask the customer for: the list of what to export"</summary>
                <CollectionRequest/>
            </details>
        </Show>
        {move || {
            let skipped = state.skipped.get();
            (!skipped.is_empty()).then(|| view! {
                <details class="skipped" data-testid="skipped-files" open>
                    <summary>{format!("{} entr{} of the folder not read", skipped.len(), if skipped.len() == 1 { "y" } else { "ies" })}</summary>
                    <ul>
                        {skipped.into_iter().map(|(name, why)| view! {
                            <li data-testid="skipped-file" data-file=name.clone()>{format!("{name}: {why}")}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })
        }}
        {move || state.offer.get().map(|o| {
            let who = if o.customer.is_empty() { String::new() } else { format!(" of {}", o.customer) };
            let when = if o.date.is_empty() { String::new() } else { format!(" ({})", o.date) };
            view! {
                <div class="offer" data-testid="assessment-offer" role="status">
                    <p class="offer__text">{format!("{} is a saved assessment{who}{when}. It was loaded as a file into this assessment; you can open it as an assessment of its own instead.", o.name)}</p>
                    <button type="button" data-testid="open-offered-assessment" on:click=move |_| state.accept_offer()>"Open it as an assessment"</button>
                    <button type="button" data-testid="dismiss-offer" on:click=move |_| state.offer.set(None)>"Keep it as a loaded file"</button>
                </div>
            }
        })}
    }
}
