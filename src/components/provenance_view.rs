//! What the report rests on: tool, rule catalog and each loaded file's
//! SHA-256, as every export writes it (issue 14's provenance).

use leptos::prelude::*;

use crate::state::AppState;

/// A disclosure under the loaded files: the engine's provenance line, then
/// one `sha256  name (N bytes)` line per file, as `sha256sum` prints it.
#[component]
pub fn ProvenanceView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let provenance = move || state.report.with(|r| r.provenance.clone());
    view! {
        <Show when=move || !provenance().files.is_empty()>
            <details class="provenance" data-testid="provenance">
                <summary>{move || format!("Provenance: {}", provenance().summary())}</summary>
                <p class="provenance__hint">
                    "The SHA-256 of each file as loaded, the same that "<code>"sha256sum"</code>
                    " (Linux), "<code>"shasum -a 256"</code>" (macOS) or "<code>"Get-FileHash"</code>
                    " (Windows) print: two reports with the same hashes and catalog rest on the same data and rules."
                </p>
                <ul class="provenance__files">
                    {move || provenance().files.into_iter().map(|f| view! {
                        <li data-testid="provenance-file" data-file=f.name.clone()
                            title=format!("SHA-256 of {}", f.name)>
                            <code class="provenance__hash">{f.sha256}</code>
                            " "<span>{f.name.clone()}</span>
                            <span class="provenance__size">{format!(" ({} bytes)", f.bytes)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}
