//! "Stored in this browser: 12.3 MB of 2.1 GB", for the Assessments and
//! Privacy pages.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::AppState;
use crate::storage::usage;

/// The browser's storage estimate as one paragraph, read again a moment
/// after every change to the list of assessments (writes finish a little
/// later). Nothing until the browser answers.
#[component]
pub fn UsageLine(class: &'static str, testid: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(None::<String>);
    let read = move || {
        spawn_local(async move {
            if let Some((used, quota)) = usage::estimate().await {
                _ = text.try_set(Some(usage::usage_text(used, quota)));
            }
        })
    };
    Effect::new(move |_| {
        state.saved.track();
        read();
        set_timeout(read, std::time::Duration::from_millis(1500));
    });
    move || {
        text.get()
            .map(|t| view! { <p class=class data-testid=testid>{t}</p> })
    }
}
