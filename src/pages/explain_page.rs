//! "Test a message": describe an inbound message and see, as you type,
//! whether it would reach the inbox and which policy of each type applies.
//! The form's text goes to the worker, which explains it with the engine
//! on the assessment's data (files and checklist entries); this page only
//! renders the answer (see `state/explain.rs`). Everything is shown as text.

use leptos::prelude::*;

use crate::state::{AppState, Page};

mod form;
mod trace;

use form::MessageFields;
use trace::ExplainResult;

#[component]
pub fn ExplainPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let suggestion = Memo::new(move |_| {
        state.explained.with(|e| {
            e.as_ref().and_then(|e| e.0.suggestion.as_ref()).map(|m| {
                format!(
                    "{} to {} from {} (an unknown server)",
                    m.header_from.clone().unwrap_or_default(),
                    m.recipient.clone().unwrap_or_default(),
                    m.sending_ip.clone().unwrap_or_default()
                )
            })
        })
    });
    view! {
        <section class="explain-page" aria-labelledby="explain-title" data-testid="explain-page">
            <h2 id="explain-title">"Test a message"</h2>
            <p class="explain-page__intro">
                "Describe an inbound message: the verdict and the policy of each type that applies "
                "update as you type. It is judged on the loaded configuration and the checklist "
                "entries, from the policies alone (no message is sent)."
            </p>
            <Show when=move || !state.has_data.get()>
                <div class="explain-empty" data-testid="explain-empty">
                    <p>
                        "No tenant data is loaded. Load the tenant's exports on the Report page, "
                        "or enter its internal domains and policies in the Checklist, then come "
                        "back to test a message against them."
                    </p>
                    <div class="explain-actions">
                        <button type="button" data-testid="explain-load-sample"
                            on:click=move |_| state.load_sample()>"Load the sample tenant"</button>
                        <button type="button" on:click=move |_| state.page.set(Page::Report)>
                            "Go to the Report page"
                        </button>
                    </div>
                </div>
            </Show>
            <div class="explain-actions">
                {move || suggestion.get().map(|what| view! {
                    <button type="button" data-testid="explain-suggest"
                        on:click=move |_| state.use_explain_suggestion()>
                        "Use a spoof of my own domain"
                    </button>
                    <span class="cl-help">{what}</span>
                })}
                <button type="button" data-testid="explain-clear"
                    disabled=move || state.explain_form.with(|f| f.is_blank())
                    on:click=move |_| state.clear_explain_form()>"Clear the form"</button>
            </div>
            <MessageFields/>
            <ExplainResult/>
        </section>
    }
}
