//! The message form: the six basic fields, then the others under a
//! disclosure. Each field's errors (the form's own and the engine's) show
//! once the user has changed it, tied to it with `aria-describedby` and
//! flagged with `aria-invalid`; errors of untouched required fields are
//! summed up in one line.

use leptos::prelude::*;

use crate::state::AppState;
use engine::explain::InputError;
use engine::session::explain::{
    choices, error_is_for, general_errors, FormField, MessageForm, BASIC_FIELDS, FIELDS,
};

/// Every error the form has now: its own, then the engine's last answer's.
fn all_errors(state: AppState) -> Vec<InputError> {
    let mut out = state.explain_form.with(|f| f.to_input().1);
    state.explained.with(|e| {
        if let Some(e) = e {
            out.extend(e.0.errors.iter().cloned());
        }
    });
    out
}

/// A line of help under a field.
fn help(key: &str) -> Option<&'static str> {
    Some(match key {
        "envelopeFrom" => "SMTP MAIL FROM; <> for the null sender (a bounce)",
        "headerFrom" => "The address in the From: header",
        "sendingIp" => "IPv4 or IPv6 address of the connecting server",
        "recipient" => "One recipient, in an internal domain",
        "date" => "When it arrives; default: the analysis date (e.g. 2026-11-20)",
        "spamScore" => "The score the content would get; default 0",
        "auth.dkimDomain" => "Default: the header From domain when DKIM passes",
        "sendingHostname" => "Without it, host name conditions are unknown",
        _ => return None,
    })
}

fn field(state: AppState, f: FormField, errors: Memo<Vec<InputError>>) -> impl IntoView {
    let key = f.key;
    let id = format!("explain-{}", key.replace('.', "-"));
    let error_id = format!("{id}-error");
    let shown = Memo::new(move |_| {
        if !state.explain_touched.with(|t| t.contains(key)) {
            return Vec::new();
        }
        errors.with(|all| {
            all.iter()
                .filter(|e| error_is_for(e, key))
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        })
    });
    let invalid = move || shown.with(|e| !e.is_empty()).then_some("true");
    let described = {
        let error_id = error_id.clone();
        move || shown.with(|e| !e.is_empty()).then(|| error_id.clone())
    };
    let value = move || state.explain_form.with(|form| form.get(key).to_string());
    let control = match choices(key) {
        Some(options) => {
            let default = options.first().copied().unwrap_or_default();
            view! {
                <select class="cl-select" id=id.clone() data-testid="explain-field" data-field=key
                    aria-invalid=invalid aria-describedby=described
                    on:change=move |ev| state.set_explain_field(key, event_target_value(&ev))>
                    <option value="" selected=move || value().is_empty()>
                        {format!("{default} (default)")}
                    </option>
                    {options.iter().skip(1).map(|o| {
                        let o = *o;
                        view! { <option value=o selected=move || value() == o>{o}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        None => view! {
            <input type="text" class="cl-input" id=id.clone() data-testid="explain-field"
                data-field=key autocomplete="off" spellcheck="false"
                aria-invalid=invalid aria-describedby=described
                prop:value=value
                on:input=move |ev| state.set_explain_field(key, event_target_value(&ev))/>
        }
        .into_any(),
    };
    view! {
        <div class="cl-field">
            <label for=id>{f.label}</label>
            {control}
            {help(key).map(|h| view! { <p class="cl-help">{h}</p> })}
            <div id=error_id>
                {move || shown.get().into_iter().map(|m| view! {
                    <p class="cl-error" data-testid="explain-error" data-field=key>{m}</p>
                }).collect_view()}
            </div>
        </div>
    }
}

/// The labels of untouched fields that have errors (required ones not
/// filled in yet).
fn still_needed(state: AppState, errors: &[InputError]) -> Vec<&'static str> {
    state.explain_touched.with(|t| {
        FIELDS
            .iter()
            .filter(|f| !t.contains(f.key) && errors.iter().any(|e| error_is_for(e, f.key)))
            .map(|f| f.label)
            .collect()
    })
}

#[component]
pub fn MessageFields() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = Memo::new(move |_| all_errors(state));
    let blank = Memo::new(move |_| state.explain_form.with(MessageForm::is_blank));
    let (basic, more) = FIELDS.split_at(BASIC_FIELDS);
    let needed = move || {
        if blank.get() {
            return None;
        }
        let labels = errors.with(|e| still_needed(state, e));
        (!labels.is_empty())
            .then(|| format!("To explain the message, fill in: {}.", labels.join(", ")))
    };
    let general = move || {
        if blank.get() {
            return Vec::new();
        }
        errors.with(|e| {
            general_errors(e)
                .into_iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <form class="explain-form" data-testid="explain-form" aria-label="The message"
            on:submit=|ev| ev.prevent_default()>
            <div class="cl-group explain-form__basic">
                {basic.iter().map(|f| field(state, *f, errors)).collect_view()}
            </div>
            <details class="explain-more" data-testid="explain-more">
                <summary>"Authentication results, content, signals, Reply-To and host name"</summary>
                <div class="cl-group">
                    {more.iter().map(|f| field(state, *f, errors)).collect_view()}
                </div>
            </details>
            <p class="cl-hint" data-testid="explain-needed">{needed}</p>
            {move || general().into_iter().map(|m| view! {
                <p class="cl-error" role="alert" data-testid="explain-general-error">{m}</p>
            }).collect_view()}
        </form>
    }
}
