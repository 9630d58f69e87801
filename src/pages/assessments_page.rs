//! Assessments: the current one's details, export and import of bundles,
//! the list of assessments kept in this browser (open, rename, delete), a
//! new one, and wiping everything this app stored. Each listed assessment
//! shows its score, grade, files and last edit (the open one live, the
//! others as stored with them); "Open" goes to its report.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::components::save_bundle;
use crate::files::{list_files, read_files};
use crate::state::{today_text, AppState, Page};
use crate::storage::Summary;
use engine::assessment::display_customer;
use engine::assessment::standing::{edited_text, Standing};
use engine::input::decode_text;

/// The reader's time zone, in minutes east of UTC.
fn local_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Score, grade, files and last edit of one listed assessment (the open
/// one's standing is live once the report is of it: right after a switch
/// the report is still the previous assessment's, and its score must not be
/// shown under the new one's name).
fn standing_view(state: AppState, s: &Summary, is_current: Memo<bool>) -> impl IntoView {
    let stored = s.standing.clone();
    let edited = s
        .edited
        .as_deref()
        .and_then(|e| edited_text(e, local_offset_minutes()));
    let standing = move || {
        if is_current.get() && state.fresh.get() {
            Some(state.report.with(Standing::of))
        } else {
            stored.clone()
        }
    };
    view! {
        <span class="as-item__standing">
            {move || match standing() {
                Some(st) => view! {
                    <span class="as-item__score" data-testid="assessment-score">{st.score_text()}</span>
                    " · "<span data-testid="assessment-files">{st.files_text()}</span>
                }.into_any(),
                None => view! { <span class="as-item__score" data-testid="assessment-score">"Not analysed yet"</span> }.into_any(),
            }}
            {edited.map(|e| view! { " · "<span data-testid="assessment-edited">{e}</span> })}
        </span>
    }
}

/// A text input bound to one metadata field of the current assessment.
fn meta_input(
    label: &'static str,
    testid: &'static str,
    kind: &'static str,
    placeholder: &'static str,
    get: fn(&engine::assessment::Assessment) -> String,
    set: fn(&mut engine::assessment::Assessment, String),
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("current-{testid}");
    view! {
        <div class="cl-field">
            <label for=id.clone()>{label}</label>
            <input type=kind id=id class="cl-input" data-testid=testid autocomplete="off"
                placeholder=(!placeholder.is_empty()).then_some(placeholder)
                prop:value=move || state.assessment.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    state.edit(|a| set(a, v));
                }/>
        </div>
    }
}

fn import_files(state: AppState, input: &HtmlInputElement) {
    let files = input.files().map(|l| list_files(&l)).unwrap_or_default();
    input.set_value("");
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        for f in read_files(files).await {
            match decode_text(&f.bytes) {
                Ok(text) => state.import(&f.name, &text),
                Err(e) => state
                    .notice
                    .set(Some(format!("Could not import {}: {}", f.name, e.message))),
            }
        }
    });
}

/// One stored assessment in the list.
fn row(state: AppState, s: Summary) -> impl IntoView {
    let renaming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let name = RwSignal::new(s.customer.clone());
    let id = s.id.clone();
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| state.assessment.with(|a| a.id == id))
    };
    let input_id = format!("rename-{id}");
    let (open_id, rename_id, delete_id) = (id.clone(), id.clone(), id.clone());
    let customer = display_customer(&s.customer).to_string();
    let details = [s.assessor.clone(), s.date.clone()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let focus = |sel: String| crate::focus::focus_later(sel, false);
    let standing = standing_view(state, &s, is_current);
    let shown_name = customer.clone();
    let row_sel = format!("[data-testid=\"assessment\"][data-id=\"{id}\"]");
    let (sel_a, sel_b, sel_c, sel_d) = (row_sel.clone(), row_sel.clone(), row_sel.clone(), row_sel);
    view! {
        <li class="as-item" class:as-item--current=move || is_current.get() data-testid="assessment" data-id=id.clone()>
            <div class="as-item__text">
                <span class="as-item__name">{customer.clone()}</span>
                {move || is_current.get().then(|| view! { <span class="as-item__current">" (open now)"</span> })}
                <span class="as-item__meta">{details}</span>
                {standing}
            </div>
            <div class="as-item__actions">
                <button type="button" data-testid="open-assessment" disabled=move || is_current.get()
                    on:click=move |_| {
                        state.open(&open_id);
                        state.page.set(Page::Report);
                    }>"Open"<span class="visually-hidden">{format!(" {customer}")}</span></button>
                <button type="button" data-testid="rename-assessment" aria-expanded=move || renaming.get().to_string()
                    on:click=move |_| {
                        renaming.set(true);
                        deleting.set(false);
                        focus(format!("{sel_a} [data-testid=\"rename-input\"]"));
                    }>"Rename"<span class="visually-hidden">{format!(" {shown_name}")}</span></button>
                <button type="button" class="button--danger" data-testid="delete-assessment" aria-expanded=move || deleting.get().to_string()
                    on:click=move |_| {
                        deleting.set(true);
                        renaming.set(false);
                        focus(format!("{sel_b} [data-testid=\"delete-confirm\"]"));
                    }>"Delete"<span class="visually-hidden">{format!(" {}", customer.clone())}</span></button>
            </div>
            <Show when=move || renaming.get()>
                <div class="as-item__form">
                    <label for=input_id.clone()>"New customer name"</label>
                    <input type="text" id=input_id.clone() class="cl-input" data-testid="rename-input" autocomplete="off"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        on:keydown={
                            let rename_id = rename_id.clone();
                            let sel = sel_c.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    state.rename(&rename_id, &name.get_untracked());
                                    renaming.set(false);
                                    focus(format!("{sel} [data-testid=\"rename-assessment\"]"));
                                } else if ev.key() == "Escape" {
                                    renaming.set(false);
                                    focus(format!("{sel} [data-testid=\"rename-assessment\"]"));
                                }
                            }
                        }/>
                    <button type="button" data-testid="rename-save" on:click={
                        let rename_id = rename_id.clone();
                        let sel = sel_c.clone();
                        move |_| {
                            state.rename(&rename_id, &name.get_untracked());
                            renaming.set(false);
                            focus(format!("{sel} [data-testid=\"rename-assessment\"]"));
                        }
                    }>"Save name"</button>
                    <button type="button" data-testid="rename-cancel" on:click={
                        let sel = sel_c.clone();
                        move |_| {
                            renaming.set(false);
                            focus(format!("{sel} [data-testid=\"rename-assessment\"]"));
                        }
                    }>"Cancel"</button>
                </div>
            </Show>
            <Show when=move || deleting.get()>
                <div class="as-item__form as-item__form--danger" role="group" aria-label="Confirm deletion">
                    <p>{format!("Delete the assessment of {} with its files and entered data? This cannot be undone.", customer.clone())}</p>
                    <button type="button" class="button--danger" data-testid="delete-confirm" on:click={
                        let delete_id = delete_id.clone();
                        move |_| {
                            state.delete(&delete_id);
                            focus("[data-testid=\"new-assessment\"]".to_string());
                        }
                    }>"Yes, delete it"</button>
                    <button type="button" data-testid="delete-cancel" on:click={
                        let sel = sel_d.clone();
                        move |_| {
                            deleting.set(false);
                            focus(format!("{sel} [data-testid=\"delete-assessment\"]"));
                        }
                    }>"Cancel"</button>
                </div>
            </Show>
        </li>
    }
}

#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let wiping = RwSignal::new(false);
    let new_customer = RwSignal::new(String::new());
    let new_assessor = RwSignal::new(String::new());
    let new_date = RwSignal::new(today_text());
    let create = move || {
        state.new_assessment(
            &new_customer.get_untracked(),
            &new_assessor.get_untracked(),
            &new_date.get_untracked(),
        );
        new_customer.set(String::new());
        new_assessor.set(String::new());
        new_date.set(today_text());
    };
    let focus = |sel: &'static str| crate::focus::focus_later(sel, false);
    let saved_in_list = move || {
        state
            .assessment
            .with(|a| state.saved.with(|s| s.iter().any(|x| x.id == a.id)))
    };
    view! {
        <section class="assessments" data-testid="assessments-page" aria-labelledby="assessments-title">
            <h2 id="assessments-title">"Assessments"</h2>
            {move || state.notice.get().map(|n| view! { <p class="as-notice" data-testid="notice" role="status">{n}</p> })}

            <section class="as-panel" aria-labelledby="as-current-title">
                <h3 id="as-current-title">"Open now"</h3>
                <p class="as-panel__intro">"Changes are saved in this browser as you make them, and nowhere else."</p>
                <div class="as-fields">
                    {meta_input("Customer", "assessment-customer", "text", "Customer name", |a| a.customer_input().to_string(), |a, v| a.customer = v)}
                    {meta_input("Assessor", "assessment-assessor", "text", "Your name", |a| a.assessor.clone(), |a, v| a.assessor = v)}
                    {meta_input("Date", "assessment-date", "date", "", |a| a.date.clone(), |a, v| a.date = v)}
                </div>
                <div class="toolbar">
                    <button type="button" data-testid="export-assessment" on:click=move |_| save_bundle(state)>"Export assessment bundle"</button>
                    <label class="as-import" for="import-assessment">
                        <span>"Import assessment bundle"</span>
                        <input type="file" id="import-assessment" data-testid="import-assessment" accept=".json,application/json"
                            on:change=move |ev| import_files(state, &event_target::<HtmlInputElement>(&ev))/>
                    </label>
                </div>
            </section>

            <section class="as-panel" aria-labelledby="as-list-title">
                <h3 id="as-list-title">"Kept in this browser"</h3>
                <crate::components::UsageLine class="as-panel__intro" testid="storage-usage"/>
                <Show when=move || !saved_in_list() fallback=|| ()>
                    <p class="as-panel__intro">"The assessment open now is not stored yet: it is saved as soon as you load a file or enter something."</p>
                </Show>
                <Show when=move || state.saved.with(|s| !s.is_empty()) fallback=|| view! { <p class="as-panel__intro" data-testid="no-assessments">"No assessment is stored in this browser."</p> }>
                    <ul class="as-list">
                        {move || state.saved.get().into_iter().map(|s| row(state, s)).collect_view()}
                    </ul>
                </Show>
            </section>

            <section class="as-panel" aria-labelledby="as-new-title">
                <h3 id="as-new-title">"New assessment"</h3>
                <div class="as-fields">
                    <div class="cl-field">
                        <label for="new-customer">"Customer"</label>
                        <input type="text" id="new-customer" class="cl-input" data-testid="new-customer" autocomplete="off" placeholder="Customer name"
                            prop:value=move || new_customer.get() on:input=move |ev| new_customer.set(event_target_value(&ev))
                            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { create() }/>
                    </div>
                    <div class="cl-field">
                        <label for="new-assessor">"Assessor"</label>
                        <input type="text" id="new-assessor" class="cl-input" data-testid="new-assessor" autocomplete="off" placeholder="Your name"
                            prop:value=move || new_assessor.get() on:input=move |ev| new_assessor.set(event_target_value(&ev))/>
                    </div>
                    <div class="cl-field">
                        <label for="new-date">"Date"</label>
                        <input type="date" id="new-date" class="cl-input" data-testid="new-date"
                            prop:value=move || new_date.get() on:input=move |ev| new_date.set(event_target_value(&ev))/>
                    </div>
                </div>
                <button type="button" data-testid="new-assessment" on:click=move |_| create()>"New assessment"</button>
            </section>

            <section class="as-panel as-panel--danger" aria-labelledby="as-wipe-title">
                <h3 id="as-wipe-title">"Wipe all local data"</h3>
                <p class="as-panel__intro">"Deletes every assessment, loaded file and entered value this app stored in this browser. Export what you want to keep first."</p>
                <Show when=move || wiping.get() fallback=move || view! {
                    <button type="button" class="button--danger" data-testid="wipe" aria-expanded="false"
                        on:click=move |_| {
                            wiping.set(true);
                            focus("[data-testid=\"wipe-confirm\"]");
                        }>"Wipe all local data…"</button>
                }>
                    <div class="as-confirm" role="group" aria-labelledby="wipe-question">
                        <p id="wipe-question" class="as-confirm__text">"Really delete everything this app stored in this browser? This cannot be undone."</p>
                        <button type="button" class="button--danger" data-testid="wipe-confirm"
                            on:click=move |_| {
                                state.wipe();
                                wiping.set(false);
                                focus("[data-testid=\"wipe\"]");
                            }>"Yes, wipe everything"</button>
                        <button type="button" data-testid="wipe-cancel"
                            on:click=move |_| {
                                wiping.set(false);
                                focus("[data-testid=\"wipe\"]");
                            }>"Cancel"</button>
                    </div>
                </Show>
            </section>
        </section>
    }
}
