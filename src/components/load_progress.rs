//! How far the files being loaded have got: one progress bar per file with
//! its phase and bytes (reading, unzipping, parsing, analysing), and a
//! button that cancels the load.

use leptos::prelude::*;

use crate::state::AppState;
use engine::assessment::usage::bytes_text;
use engine::session::{Phase, Progress};

/// What a file's bar says: "big.json: reading, 12.0 MB of 52.4 MB".
fn label(p: &Progress) -> String {
    let total = bytes_text(p.total as f64);
    match p.phase {
        Phase::Reading => format!(
            "{}: {}, {} of {total}",
            p.file,
            p.phase.label(),
            bytes_text(p.done as f64)
        ),
        _ => format!("{}: {}, {total}", p.file, p.phase.label()),
    }
}

#[component]
pub fn LoadProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = move || {
        state
            .progress
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let id = format!("load-progress-{i}");
                let text = label(&p);
                // Only reading has a known end; the rest is indeterminate.
                let value = (p.phase == Phase::Reading).then_some(p.done as f64);
                let max = p.total.max(1) as f64;
                view! {
                    <li class="load-progress__file" data-testid="load-progress-file"
                        data-file=p.file.clone() data-phase=p.phase.label()>
                        <label for=id.clone() data-testid="load-progress-label">{text}</label>
                        <progress id=id max=max value=value></progress>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <p class="load-notice" data-testid="load-notice" role="status">
            {move || state.load_notice.get()}
        </p>
        <Show when=move || state.loading.with(Option::is_some)>
            <section class="load-progress" data-testid="load-progress" aria-label="Loading files"
                aria-busy="true">
                <ul class="load-progress__list">{rows}</ul>
                <button type="button" data-testid="cancel-load" on:click=move |_| state.cancel_load()>
                    "Cancel"
                </button>
            </section>
        </Show>
    }
}
