//! "A new version is available — Reload to update": shown while a new
//! version waits; the page never switches by itself.

use leptos::prelude::*;

use super::{apply_update, Pwa};

/// The polite update offer (nothing while there is no new version).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let pwa = expect_context::<Pwa>();
    view! {
        <Show when=move || pwa.update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>"A new version is available — "</span>
                <button type="button" data-testid="update-reload" on:click=move |_| apply_update()>
                    "Reload to update"
                </button>
            </div>
        </Show>
    }
}
