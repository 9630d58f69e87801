//! Exports from the app: the printable HTML report, CSV action plan,
//! Markdown, SARIF and JSON — optionally redacted — and the print view.

use leptos::prelude::*;

use crate::download::download;
use crate::state::AppState;
use engine::export::{file_name, render, ExportOptions, Format};

fn export(state: AppState, format: Format, redact: bool) {
    let opts = state.assessment.with_untracked(|a| ExportOptions {
        customer: a.customer.clone(),
        assessor: a.assessor.clone(),
        date: a.date.clone(),
        redact,
        ..ExportOptions::default()
    });
    let text = state.report.with_untracked(|r| render(format, r, &opts));
    if let Err(e) = download(&file_name(format, &opts), format.media_type(), &text) {
        leptos::logging::warn!("could not save the export: {e:?}");
    }
}

#[component]
pub fn ExportsBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let redact = RwSignal::new(false);
    let button = move |format: Format, label: &'static str, testid: &'static str| {
        view! { <button type="button" data-testid=testid on:click=move |_| export(state, format, redact.get_untracked())>{label}</button> }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="exports" role="group" aria-label="Export the report">
            <span class="filters__label">"Export"</span>
            {button(Format::Html, "HTML report", "export-html")}
            {button(Format::Csv, "CSV action plan", "export-csv")}
            {button(Format::Markdown, "Markdown", "export-markdown")}
            {button(Format::Sarif, "SARIF", "export-sarif")}
            {button(Format::Json, "JSON", "export-json")}
            <label class="exports__redact">
                <input type="checkbox" data-testid="redact" prop:checked=move || redact.get()
                    on:change=move |ev| redact.set(event_target_checked(&ev))/>
                " Redact the tenant's names, domains, addresses and IPs"
            </label>
            <button type="button" data-testid="print" on:click=print>"Print / PDF"</button>
        </div>
    }
}

/// The cover page, shown only when printing.
#[component]
pub fn PrintCover() -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = move || {
        state
            .assessment
            .with(|a| (a.customer.clone(), a.assessor.clone(), a.date.clone()))
    };
    view! {
        <section class="print-cover print-only" data-testid="print-cover">
            <h1>"Mimecast configuration audit"</h1>
            <p class="print-cover__customer">{move || a().0}</p>
            <dl>
                <dt>"Assessor"</dt><dd>{move || a().1}</dd>
                <dt>"Date"</dt><dd>{move || a().2}</dd>
                <dt>"Score"</dt><dd>{move || state.report.with(engine::export::score_line)}</dd>
                <dt>"Coverage"</dt><dd>{move || state.report.with(engine::export::coverage_line)}</dd>
            </dl>
        </section>
    }
}
