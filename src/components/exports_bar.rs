//! Exports from the app: the printable HTML report, CSV action plan,
//! Markdown, SARIF and JSON — optionally redacted — and the print view.
//!
//! Before the first export, when the assessment names no customer or no
//! assessor, the bar asks for them (prefilled with what is known); what is
//! entered is saved into the assessment, and "Skip" exports without. The
//! export options (Redact) go back to their defaults after every export.

use leptos::prelude::*;

use crate::download::download;
use crate::state::AppState;
use engine::export::dates::human_date;
use engine::export::handover::{customer_named, CUSTOMER_NOT_NAMED};
use engine::export::{file_name, render_with, Baseline, ExportOptions, Format};

fn export(state: AppState, format: Format, redact: bool) {
    let opts = state.assessment.with_untracked(|a| ExportOptions {
        customer: a.customer.clone(),
        assessor: a.assessor.clone(),
        date: a.date.clone(),
        redact,
        ..ExportOptions::default()
    });
    // Redaction needs the tenant's strings, which stay in the analysis
    // worker: it makes that export.
    if redact {
        state.export_in_worker(format, opts);
        return;
    }
    // With a baseline loaded, the formats that show one say what changed
    // since (the HTML's and Markdown's "Since last review").
    let baseline = state.baseline.get_untracked();
    let comparison = state.comparison.get_untracked();
    let (text, name) = state.report.with_untracked(|r| {
        let b = baseline
            .as_ref()
            .zip(comparison.as_ref())
            .map(|(b, c)| Baseline {
                report: &b.0 .1,
                comparison: &c.0,
            });
        (
            render_with(format, r, b, &opts),
            file_name(format, r, &opts),
        )
    });
    if let Err(e) = download(&name, format.media_type(), &text) {
        leptos::logging::warn!("could not save the export: {e:?}");
    }
}

/// Whether the assessment still lacks a customer or an assessor.
fn needs_names(state: AppState) -> bool {
    state
        .assessment
        .with_untracked(|a| customer_named(&a.customer).is_none() || a.assessor.trim().is_empty())
}

#[component]
pub fn ExportsBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let redact = RwSignal::new(false);
    // The format waiting for the customer and assessor question.
    let pending = RwSignal::new(None::<Format>);
    let asked = RwSignal::new(false);
    let customer = RwSignal::new(String::new());
    let assessor = RwSignal::new(String::new());

    let run = move |format: Format| {
        export(state, format, redact.get_untracked());
        redact.set(false);
        pending.set(None);
    };
    let start = move |format: Format| {
        if !asked.get_untracked() && needs_names(state) {
            state.assessment.with_untracked(|a| {
                customer.set(customer_named(&a.customer).unwrap_or_default().to_string());
                assessor.set(a.assessor.trim().to_string());
            });
            pending.set(Some(format));
        } else {
            run(format);
        }
    };
    let save_and_export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(format) = pending.get_untracked() else {
            return;
        };
        let (c, s) = (customer.get_untracked(), assessor.get_untracked());
        state.edit(|a| {
            if !c.trim().is_empty() {
                a.customer = c.trim().to_string();
            }
            a.assessor = s.trim().to_string();
        });
        asked.set(true);
        run(format);
    };
    let skip = move |_| {
        if let Some(format) = pending.get_untracked() {
            asked.set(true);
            run(format);
        }
    };
    let button = move |format: Format, label: &'static str, testid: &'static str| {
        view! { <button type="button" data-testid=testid on:click=move |_| start(format)>{label}</button> }
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
            <span class="exports__options">
                <label class="exports__redact"
                    title="Replace the tenant's names, domains, addresses, IPs and file names with consistent tokens">
                    <input type="checkbox" data-testid="redact" prop:checked=move || redact.get()
                        on:change=move |ev| redact.set(event_target_checked(&ev))/>
                    " Redact names, domains and IPs"
                </label>
                <button type="button" data-testid="print" on:click=print>"Print / PDF"</button>
            </span>
        </div>
        <Show when=move || pending.get().is_some()>
            <form class="exports__ask" data-testid="export-ask" on:submit=save_and_export
                aria-label="Name the report before exporting">
                <p class="exports__ask-text">
                    "Who is this report for? The names go on the first page and into the file name, and are saved with the assessment."
                </p>
                <label class="exports__field">
                    "Customer"
                    <input type="text" data-testid="export-customer" autocomplete="organization"
                        placeholder="Customer name"
                        prop:value=move || customer.get()
                        on:input=move |ev| customer.set(event_target_value(&ev))/>
                </label>
                <label class="exports__field">
                    "Assessor"
                    <input type="text" data-testid="export-assessor" autocomplete="name"
                        placeholder="Your name"
                        prop:value=move || assessor.get()
                        on:input=move |ev| assessor.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="export-continue">"Export"</button>
                <button type="button" data-testid="export-skip" on:click=skip>"Skip"</button>
            </form>
        </Show>
    }
}

/// The cover page, shown only when printing.
#[component]
pub fn PrintCover() -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = move || {
        state.assessment.with(|a| {
            (
                customer_named(&a.customer)
                    .unwrap_or(CUSTOMER_NOT_NAMED)
                    .to_string(),
                a.assessor.clone(),
                human_date(&a.date),
            )
        })
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
